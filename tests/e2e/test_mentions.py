"""Articles -> mentions on the real gazetteer, on sentences written for these tests (never
copied from the news).

Each test states a general rule of recognition or article-level resolution and shows it on a
short invented report about real places: the rules hold on GeoNames and the curated names
(Krasnoarmeysk is Pokrovsk, Moscow is a capital, Lyman has namesakes). Each rule is also a unit
test of its stage on the made-up world (tests/find, tests/classify, tests/run). The texts here
also feed the benchmarks' corpus (benchmarks/corpus.py).
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from geo.read.ingest import read_articles
from geo.run.extract import Extractor
from geo.schema import MENTION_COLUMNS, Article

TODAY = dt.date(2026, 11, 21)


@pytest.fixture(scope="module")
def extractor(gazetteer):
    return Extractor(gazetteer, reference=TODAY)


def found(extractor, text, published=dt.date(2025, 11, 12)):
    article = Article(article_id="t", text=text, published=published)
    return extractor.article_mentions(article)[2]


def by_surface(mentions):
    out = {}
    for m in mentions:
        out.setdefault(m.surface, []).append(m)
    return out


def placed(mentions):
    return {(m.surface, m.place_id) for m in mentions if m.lat is not None}


# -- recognition -------------------------------------------------------------------------------
def test_spans_are_exact_slices_of_the_text(extractor):
    text = ("Russian troops pushed toward Pokrovsk's outskirts and Myrnohrad, while Ukrainian "
            "units held Kostiantynivka and the Donetsk region's northern towns.")
    mentions = found(extractor, text)
    assert mentions, "names should be found"
    for m in mentions:
        assert text[m.start:m.end] == m.surface
        assert m.surface in m.sentence
    assert {m.surface for m in mentions} >= {"Pokrovsk", "Myrnohrad", "Kostiantynivka"}


def test_variant_names_resolve_to_one_place(extractor):
    text = ("Fighting continued in Krasnoarmeysk. Defenders of Pokrovsk reported drone attacks. "
            "Shelling hit Pokrovs'k again.")
    ids = {m.place_id for m in found(extractor, text) if m.surface.startswith(("Kras", "Pok"))}
    assert ids == {"geonames:704422"}


def test_multiword_and_region_names(extractor):
    text = ("Strikes hit Chasiv Yar and Krasny Liman. Officials in the Kharkiv region and in "
            "the DPR reported casualties.")
    mentions = by_surface(found(extractor, text))
    assert mentions["Chasiv Yar"][0].place_id == "geonames:710915"
    assert mentions["Krasny Liman"][0].place_id == "geonames:704204"
    assert mentions["Kharkiv region"][0].kind == "region"
    assert mentions["DPR"][0].place_id == "iso3166-2:UA-14"


def test_common_words_and_lowercase_are_not_places(extractor):
    text = ("But the West may act. All sides met in May. He said time is short. "
            "The bar was closed and most units left.")
    assert placed(found(extractor, text)) == set()


def test_person_names_are_not_places(extractor):
    text = ("President Vladimir Putin met Gen. Oleksandr Syrskyi's envoy. Syrskyi said the "
            "line near Kramatorsk holds.")
    mentions = found(extractor, text)
    surfaces = {m.surface for m in mentions}
    assert "Vladimir" not in surfaces and "Syrskyi" not in surfaces
    assert ("Kramatorsk", "geonames:704508") in placed(mentions)


def test_big_town_after_a_capitalised_word_is_still_a_town(extractor):
    text = ("Key Logistics Hub Pokrovsk Under Fire and more, says a long scraped line of text. "
            "Troops in Pokrovsk reported shelling.")
    ids = [m.place_id for m in found(extractor, text) if m.surface == "Pokrovsk"]
    assert ids and set(ids) == {"geonames:704422"}


def test_unknown_name_in_place_context_is_reported_not_placed(extractor):
    text = ("Russian forces claimed the village of Zarichnovetske, near Pokrovsk. The unit also "
            "stormed Bilohirkivtsi (a village in the Donetsk region).")
    mentions = by_surface(found(extractor, text))
    for name in ("Zarichnovetske", "Bilohirkivtsi"):
        mention = mentions[name][0]
        assert mention.resolution == "unresolved"
        assert mention.lat is None and mention.place_id is None
        assert mention.kind == "settlement"


def test_russian_inflected_forms(extractor):
    text = ("В Покровске продолжаются бои. Под Покровском и в районе Мирнограда "
            "наступают подразделения. Обстрелы в Константиновке и в Донецкой области.")
    ids = {m.surface: m.place_id for m in found(extractor, text)}
    assert ids["Покровске"] == "geonames:704422"
    assert ids["Покровском"] == "geonames:704422"
    assert ids["Мирнограда"] == "geonames:710035"
    assert ids["Константиновке"] == "geonames:705104"
    assert ids["Донецкой области"] == "iso3166-2:UA-14"


def test_ukrainian_inflected_forms_and_dates(extractor):
    text = ("3 листопада у Костянтинівці пролунали вибухи. Біля Покровська тривають бої, "
            "повідомили в Краматорську.")
    mentions = by_surface(found(extractor, text, published=dt.date(2025, 11, 5)))
    assert mentions["Костянтинівці"][0].place_id == "geonames:705104"
    assert mentions["Костянтинівці"][0].date == dt.date(2025, 11, 3)
    assert mentions["Костянтинівці"][0].date_source == "event"
    assert mentions["Покровська"][0].place_id == "geonames:704422"
    assert mentions["Краматорську"][0].place_id == "geonames:704508"


def test_adjectival_direction_names(extractor):
    text = "Attacks intensified in the Krasnoarmeyskoye-Dimitrovskoye direction near Selidovo."
    ids = {m.surface: m.place_id for m in found(extractor, text)}
    assert ids["Krasnoarmeyskoye"] == "geonames:704422"
    assert ids["Dimitrovskoye"] == "geonames:710035"  # Dimitrov: the old name of Myrnohrad


@pytest.mark.parametrize(("adjective", "expected"), [("Kupyanskoye", "geonames:703656"),
                                                     ("Orekhovskoye", "geonames:698428")])
def test_adjectival_direction_names_that_are_no_gazetteer_name(extractor, adjective, expected):
    mentions = found(extractor, f"Fighting went on in the {adjective} direction.")
    assert [(m.surface, m.place_id) for m in mentions] == [(adjective, expected)]


# -- article-level resolution ------------------------------------------------------------------
def test_in_text_alias_is_learned_for_the_whole_article(extractor):
    text = ("Units left Pokrovsk (known as Krasnozorsk in Russian) overnight. Later, "
            "Krasnozorsk was quiet.")
    mentions = by_surface(found(extractor, text))
    assert [m.place_id for m in mentions["Krasnozorsk"]] == ["geonames:704422"] * 2


def test_spatial_coherence_picks_the_nearby_namesake(extractor):
    text = "Russian units attacked Siversk, Kreminna and Lyman on the eastern front."
    lyman = by_surface(found(extractor, text))["Lyman"][0]
    assert lyman.place_id == "geonames:704204"  # the Lyman of Donetsk oblast
    assert lyman.resolution == "resolved"


def test_small_far_place_met_only_by_transliteration_is_not_placed(extractor):
    text = ("Fighting raged in Pokrovsk, Myrnohrad and Selydove, in the "
            "Krasnoarmeyskoye-Dmitrovskoye direction.")
    mentions = by_surface(found(extractor, text))
    far = [m for m in mentions.get("Dmitrovskoye", []) if m.country == "RU"]
    assert far == [], "a village near Moscow must not be drawn in a Donbas report"


def test_bare_oblast_centre_in_a_report_about_the_region(extractor):
    text = ("Ukraine withdrew from villages in the Zaporizhzhia region. Russian progress in "
            "Zaporizhzhia was helped by fog.")
    mentions = by_surface(found(extractor, text))
    bare = mentions["Zaporizhzhia"][0]
    assert bare.kind == "region" and bare.resolution == "ambiguous"
    assert "geonames:687700" in " ".join(bare.candidates)  # the city stays listed


def test_capital_standing_for_a_government_is_an_actor(extractor):
    text = ("Moscow said the talks were over. The West urged Kyiv to hold firm. The Kiev regime "
            "is buying time. Drones hit Kyiv overnight.")
    mentions = found(extractor, text)
    roles = [(m.surface, m.role) for m in mentions if m.surface in ("Moscow", "Kyiv", "Kiev")]
    assert roles == [("Moscow", "actor"), ("Kyiv", "actor"), ("Kiev", "actor"),
                     ("Kyiv", "location")]


def test_event_dates_never_after_publication(extractor):
    text = ("On November 3 troops entered Selydove. On Wednesday Pokrovsk was shelled. "
            "Kramatorsk stayed calm.")
    mentions = by_surface(found(extractor, text, published=dt.date(2025, 11, 7)))
    assert mentions["Selydove"][0].date == dt.date(2025, 11, 3)
    assert mentions["Pokrovsk"][0].date == dt.date(2025, 11, 5)  # the Wednesday before
    assert mentions["Kramatorsk"][0].date_source == "published"
    assert all(m.date <= dt.date(2025, 11, 7) for m in found(extractor, text,
                                                              dt.date(2025, 11, 7)))


# -- the table and the command ---------------------------------------------------------------------
@pytest.mark.parametrize("suffix", [".geojson", ".csv", ".gpkg", ".parquet"])
def test_cli_writes_every_format(run_cli, tmp_path, suffix):
    out = tmp_path / f"mentions{suffix}"
    result = run_cli("mentions", "seeds", "-o", str(out), "--today", "2026-11-21")
    assert result.returncode == 0, result.stderr
    assert out.exists() and out.stat().st_size > 0
    assert "articles read: 5" in result.stderr and "unresolved names:" in result.stderr
    if suffix == ".geojson":
        data = json.loads(out.read_text(encoding="utf-8"))
        props = data["features"][0]["properties"]
        assert list(props) == list(MENTION_COLUMNS)
    if suffix == ".parquet":
        import geopandas

        assert len(geopandas.read_parquet(out)) > 100


def test_cli_stdout_and_usage_errors(run_cli, tmp_path):
    result = run_cli("mentions", "seeds/001_03bd3e0471fd2937.txt", "-o", "-",
                     "--today", "2026-11-21")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["type"] == "FeatureCollection" and data["features"]
    assert run_cli("mentions", "seeds", "-o", str(tmp_path / "x.unknown")).returncode == 2


def test_seeds_read_and_dated(gazetteer):
    articles = [a for a in read_articles(["seeds"]) if isinstance(a, Article)]
    extractor = Extractor(gazetteer, reference=TODAY)
    published = {a.article_id[:3]: extractor.article_mentions(a)[:2] for a in articles}
    assert published["000"] == (dt.date(2025, 11, 7), "metadata")
    assert published["003"] == (dt.date(2025, 11, 12), "metadata")
    assert published["002"][0].strftime("%Y-%m") == "2024-10" and published["002"][1] == (
        "inferred")
    assert published["004"][0] >= dt.date(2025, 11, 20)
    assert published["001"][0] >= dt.date(2025, 11, 3)


def test_python_api_returns_a_geodataframe():
    from geo import mentions as run  # the documented entry point

    frame = run(["seeds/001_03bd3e0471fd2937.txt"], reference=TODAY)
    assert type(frame).__name__ == "GeoDataFrame" and frame.crs.to_epsg() == 4326
    assert "Pokrovsk" in set(frame["name"].dropna())


@pytest.mark.parametrize("text, expected", [
    # a capital that speaks is a government: it must not pull a name towards itself
    ("Moscow said its troops had taken Krasnoarmeysk.", "geonames:704422"),
    ("The Kremlin and Moscow claimed Krasnoarmeysk had fallen.", "geonames:704422"),
    # a capital that is a place still is one: the Moscow Oblast town, next to it
    ("Shelling hit Krasnoarmeysk near Moscow, the regional governor said.", "geonames:542463"),
])
def test_actors_are_not_spatial_anchors(extractor, text, expected):
    places = {m.surface: m.place_id for m in found(extractor, text)}
    assert places["Krasnoarmeysk"] == expected


# -- places written through Cyrillic adjectives ------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("Армия освободила два населенных пункта на мариупольском направлении.",
     {("мариупольском", "geonames:701822")}),
    ("Противник атаковал на покровском направлении.", {("покровском", "geonames:704422")}),
    ("На Костянтинівському напрямку ворог штурмував позиції.",
     {("Костянтинівському", "geonames:705104")}),
    ("Бої тривають на Лиманському напрямку.", {("Лиманському", "geonames:704204")}),
    ("На Курахівському напрямку відбито атаки.", {("Курахівському", "geonames:695357")}),
    ("Бои продолжаются на краснолиманском направлении.",
     {("краснолиманском", "geonames:704204")}),
    ("На Часовоярському напрямку тривають штурми.", {("Часовоярському", "geonames:710915")}),
    # a list of adjectives shares one plural noun
    ("На Лиманському, Сіверському та Покровському напрямках відбито атаки.",
     {("Лиманському", "geonames:704204"), ("Сіверському", "geonames:694403"),
      ("Покровському", "geonames:704422")}),
    ("Бойцы отразили атаки на Угледарском и Запорожском направлениях.",
     {("Угледарском", "geonames:690823"), ("Запорожском", "geonames:687700")}),
    # English renderings already worked
    ("Attacks continued on the Kurakhove direction.", {("Kurakhove", "geonames:695357")}),
])
def test_direction_adjectives_name_their_town(extractor, text, expected):
    assert placed(found(extractor, text)) == expected


@pytest.mark.parametrize("text", [
    "Переговоры на украинском направлении зашли в тупик.",  # a country
    "На Придніпровському напрямку ворог обстрілював береги.",  # a river (curated)
    "Войска отошли в обратном направлении.",  # not a place adjective
    "На південному напрямку без змін.",
])
def test_adjectives_that_name_no_town_give_no_direction(extractor, text):
    assert found(extractor, text) == []


@pytest.mark.parametrize("text, surface, expected", [
    ("Развязка дорог из Великой Новоселки перекрыта.", "Великой Новоселки", "geonames:690237"),
    ("У Великій Новосілці зруйновано школу.", "Великій Новосілці", "geonames:690237"),
    ("Дорога з Великої Писарівки на Суми перекрита.", "Великої Писарівки", "geonames:690230"),
])
def test_longest_inflected_reading_wins(extractor, text, surface, expected):
    assert (surface, expected) in placed(found(extractor, text))


def test_longest_inflected_reading_keeps_the_whole_name_even_when_unsure(extractor):
    # several Krasnaya Polyanas: whatever the place, the name is the two words, not "Поляной"
    surfaces = {m.surface for m in found(extractor, "Бои идут под Красной Поляной.")}
    assert surfaces == {"Красной Поляной"}



KHARKIV_OBLAST = "iso3166-2:UA-63"


@pytest.mark.parametrize("text, surface, expected", [
    # a village located by its oblast, raion or hromada: the adjective is no longer proper noun
    ("Обстрелу подверглись Липцы Харьковской области.", "Липцы", "geonames:702989"),
    ("Вночі горіла трава біля села Богуславка Ізюмського району.", "Богуславка",
     "geonames:711866"),
    ("Обстріл пошкодив будинки в селі Лук'янці Харківської області.", "Лук'янці",
     "geonames:806581"),
    ("Села Богуславка Ізюмського району Харківської області обстріляли.", "Богуславка",
     "geonames:711866"),
    # the phrase after a capitalised word that opens the sentence: neither filter drops it
    ("Липцы Харьковской области снова под обстрелом.", "Липцы", "geonames:702989"),
    ("В Белгородской области повреждены дома в селе Новая Таволжанка Шебекинского "
     "городского округа.", "Новая Таволжанка", "geonames:519473"),
    # English already said so: "Oblast" follows
    ("Lyptsi, Kharkiv Oblast, was shelled overnight.", "Lyptsi", "geonames:702989"),
])
def test_village_followed_by_its_oblast_raion_or_hromada_is_kept(extractor, text, surface,
                                                                  expected):
    assert placed(found(extractor, text)) >= {(surface, expected)}


@pytest.mark.parametrize("text, surface, expected", [
    # the raion's centre (Bohodukhiv) picks the Kharkiv Oblast Zolochiv over the bigger Lviv one
    ("Близько полудня у селищі Золочів Богодухівського району горіла трава.", "Золочів",
     "geonames:686895"),
    ("Пожежа сталася в Золочеві Богодухівського району.", "Золочеві", "geonames:686895"),
    ("Золочев Харьковской области снова обстреляли.", "Золочев", "geonames:686895"),
    ("Ворог обстріляв Золочів Львівської області.", "Золочів", "geonames:686896"),
    # the hromada's centre (Andriivka, Donetsk Oblast) picks its Serhiivka
    ("У Сергіївці Андріївської громади поранено чотирьох людей.", "Сергіївці",
     "geonames:694447"),
    # a region in parentheses says where the place is; it is not another name of it
    ("Обстріляно Золочів (Харківська область).", "Золочів", "geonames:686895"),
    ("Russian troops shelled Zolochiv (Kharkiv Oblast) overnight.", "Zolochiv",
     "geonames:686895"),
])
def test_admin_phrase_picks_the_namesake_there(extractor, text, surface, expected):
    assert placed(found(extractor, text)) >= {(surface, expected)}


def test_namesake_outside_the_oblast_the_text_names_is_not_placed(extractor):
    # the gazetteer knows Hlyboke villages in Odesa and Zakarpattia oblasts only
    mentions = by_surface(found(extractor, "Окупанти вдарили по Глибоке Харківської області."))
    hlyboke = mentions["Глибоке"][0]
    assert hlyboke.resolution == "unresolved" and hlyboke.lat is None and hlyboke.candidates
    assert mentions["Харківської області"][0].place_id == KHARKIV_OBLAST


def test_names_listed_before_the_phrase_share_it_for_ranking_only(extractor):
    text = "Под ударом оказались Сумы и Липцы Харьковской области."
    assert placed(found(extractor, text)) >= {("Сумы", "geonames:692194"),
                                              ("Липцы", "geonames:702989")}
