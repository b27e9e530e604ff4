"""Extract: one article -> its mentions, found, resolved, classified and dated (made-up world).

What each stage decides is tested in its own folder; here, that a mention carries it all: the
span, the sentence, the place or its absence, the role and the date.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.run.extract import ArticleResult, rows_of
from geo.schema import RESULT_SCHEMA, Article, Claimant, Event, Side
from tests.world import ID

PUBLISHED = dt.date(2025, 11, 12)  # a Wednesday


def found(extractor, text, published=PUBLISHED):
    return extractor.article_mentions(Article("t", text, published=published))[2]


def test_a_mention_is_a_slice_of_the_text_within_its_sentence(extractor):
    text = ("Valdorian troops pushed toward Zoriansk's outskirts and Kamianopil.\n"
            "Other units held Sokil Yar. Residents left Зорянськ by train!")
    mentions = found(extractor, text)
    assert [m.surface for m in mentions] == ["Zoriansk", "Kamianopil", "Sokil Yar", "Зорянськ"]
    for mention in mentions:
        assert text[mention.start:mention.end] == mention.surface
        assert mention.surface in mention.sentence and mention.sentence in text
    assert mentions[2].sentence == "Other units held Sokil Yar."


def test_a_placed_mention_carries_its_place(extractor):
    (mention,) = found(extractor, "Shelling hit Shakhtograd overnight.")
    assert (mention.place_id, mention.name, mention.kind, mention.country, mention.admin1) == (
        ID["kamianopil"], "Kamianopil", "settlement", "XA", "Zoriana Oblast")
    assert (mention.lat, mention.lon) == (2.3, 2.2)
    assert (mention.resolution, mention.role, mention.confidence) == ("resolved", "location", 1.0)
    assert mention.candidates == ()


def test_an_ambiguous_mention_is_placed_with_its_rivals_listed(extractor):
    (mention,) = found(extractor, "Shelling hit Hrushanka overnight.")
    assert mention.resolution == "ambiguous" and mention.place_id == ID["hrushanka"]
    assert mention.candidates == ("world:hrushanka-velmarsk Hrushanka (0.38)",)


def test_an_unplaced_mention_has_no_place_but_its_candidates(extractor):
    text = ("Fighting raged in Zoriansk, Kamianopil and Sokil Yar, in Tumanivka and near "
            "Tykhovody, in the village of Solovianivka.")
    mentions = {m.surface: m for m in found(extractor, text)}
    far = mentions["Tumanivka"]  # small and far from the rest: not placed
    assert (far.place_id, far.lat, far.lon, far.confidence) == (None, None, None, 0.0)
    assert far.resolution == "unresolved" and far.kind == "settlement"
    assert far.candidates == ("world:tumanivka Tumanivka (1.00)",)
    assert (mentions["Tykhovody"].kind, mentions["Solovianivka"].kind) == ("other", "settlement")
    assert mentions["Tykhovody"].candidates == ()


def test_a_capital_that_acts_is_placed_as_an_actor(extractor):
    mentions = found(extractor, "Velmarsk said the talks were over. Drones hit Velmarsk.")
    assert [(m.role, m.place_id) for m in mentions] == [("actor", ID["velmarsk"]),
                                                         ("location", ID["velmarsk"])]


def test_each_mention_carries_the_event_of_its_clause(extractor):
    text = ("Russian forces captured Kamianopil and are advancing on Zoriansk, the Russian "
            "Defence Ministry said. Velmarsk said nothing. Sokil Yar lies to the north.")
    events = {m.surface: (m.event, m.event_side, m.claimant) for m in found(extractor, text)}
    assert events["Kamianopil"] == (Event.CAPTURE, Side.RU, Claimant.RU_OFFICIAL)
    assert events["Zoriansk"] == (Event.FIGHTING, Side.RU, Claimant.RU_OFFICIAL)
    assert events["Velmarsk"] == (None, None, None)  # a capital that acts: no event
    assert events["Sokil Yar"] == (None, None, None)  # only mentioned


def test_an_unplaced_name_has_no_event(extractor):
    mentions = found(extractor, "Russian forces captured the village of Hlukhomarivka.")
    assert [(m.place_id, m.event) for m in mentions] == [(None, None)]


def test_dates_come_from_the_sentence_else_from_publication(extractor):
    text = ("3 листопада у Грушанці пролунали вибухи. On Monday Bortnyk was shelled. "
            "Біля Зорянська тривають бої. В среду обстреляли Каменополь.")
    dated = {m.surface: (m.date, m.date_source) for m in found(extractor, text)}
    assert dated == {
        "Грушанці": (dt.date(2025, 11, 3), "event"),
        "Bortnyk": (dt.date(2025, 11, 10), "event"),  # the Monday before publication
        "Зорянська": (PUBLISHED, "published"),
        "Каменополь": (PUBLISHED, "event"),  # "в среду": the Wednesday of publication
    }


def test_the_publication_date_and_where_it_came_from(extractor):
    article = Article("t", "Kamianopil report\n12.11.2025\nZoriansk was calm.")
    published, source, mentions = extractor.article_mentions(article)
    assert (published, source) == (PUBLISHED, "dateline")
    assert all(m.date == PUBLISHED for m in mentions)
    undated = extractor.article_mentions(Article("u", "Zoriansk was calm."))
    assert undated[:2] == (None, "unknown") and undated[2][0].date is None


def test_an_article_result_is_its_rows_packed_and_back(extractor):
    article = Article("t", "Drones hit Zoriansk and a depot near Tykhovody.", published=PUBLISHED)
    result = extractor.article_result(article)
    assert (result.published, result.published_source) == ("2025-11-12", "metadata")
    assert len(result) == 2 and result.rows.schema == RESULT_SCHEMA
    back = ArticleResult.unpack(result.pack())
    assert back.rows.equals(result.rows) and back.published == result.published
    assert back.published_source == "metadata"



def test_the_rows_of_several_results_are_theirs_end_to_end(extractor):
    # results made here (tuples), from a worker or the store (Arrow), or both: the same rows
    made = [extractor.article_result(Article(str(n), text, published=PUBLISHED)) for n, text in
            enumerate(["Drones hit Zoriansk.", "Calm day.", "Shelling hit Shakhtograd and "
                       "Kamianopil."])]
    converted_at_once = rows_of(made).to_pylist()  # tuples only: one conversion
    unpacked = [ArticleResult.unpack(result.pack()) for result in made]
    expected = [row for result in unpacked for row in result.rows.to_pylist()]
    assert [len(result) for result in made] == [1, 0, 2]
    assert converted_at_once == expected
    for results in (made, unpacked, [made[0], unpacked[1], made[2]]):
        assert rows_of(results).to_pylist() == expected
    assert made[2].column("surface") == unpacked[2].column("surface") == [
        "Shakhtograd", "Kamianopil"]


def test_an_article_results_rows_are_its_mentions(extractor):
    # the same cells, bar two: in the table the candidates are joined with "; " and the date is
    # in ISO form
    article = Article("t", "On November 3 troops entered Zoriansk. Shelling hit Shakhtograd. "
                      "Fighting raged in Kamianopil and Sokil Yar, in Tumanivka and near "
                      "Tykhovody, in the village of Solovianivka.", published=PUBLISHED)
    mentions = extractor.article_mentions(article)[2]
    assert {m.resolution for m in mentions} >= {"resolved", "unresolved"}
    assert any(m.candidates for m in mentions) and any(m.event for m in mentions)
    as_rows = [m._replace(candidates="; ".join(m.candidates),
                          date=m.date.isoformat() if m.date else None)._asdict()
               for m in mentions]
    assert extractor.article_result(article).rows.to_pylist() == as_rows


NEWSY = st.lists(st.sampled_from([
    "Zoriansk", "Зорянске", "near", "the", "village", "of", "On", "November", "3", "Velmarsk",
    "said", "(known", "as", "Krasnoshakht)", "ZNR", "region", "Hrushanka", "\u00ad", "\u200b",
    "<script>", ",", ".", "Zorianskoye-Kamianopilskyi", "direction", "Зорянской", "области",
    "Gen.", "Taras", "Bortnyk", "Tumanivka",
]), max_size=60).map(" ".join)
TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300)


@given(text=st.one_of(TEXT, NEWSY),
       published=st.one_of(st.none(), st.dates(dt.date(1995, 1, 1), dt.date(2026, 11, 21))))
@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_properties_on_arbitrary_text(extractor, text, published):
    pub, _source, mentions = extractor.article_mentions(Article("p", text, published=published))
    for mention in mentions:
        assert text[mention.start:mention.end] == mention.surface
        if mention.lat is not None:
            assert -90 <= mention.lat <= 90 and -180 <= mention.lon <= 180
        if mention.date is not None and pub is not None:
            assert mention.date <= pub
