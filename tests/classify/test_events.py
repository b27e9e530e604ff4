"""Events and claims of a mention, read from its clause, on sentences written for these tests
(English, Russian, Ukrainian; the town names are made up): each event type, each side, each
claimant, and what must not be a capture (negation, future, conditional, goals, attempts,
background, a share of the town, a reference point)."""

from __future__ import annotations

import pytest

from geo.classify.events import NONE, ArticleEvents, Claim
from geo.schema import Claimant, Event, Side

C, W, D, F, S, H = (Event.CAPTURE, Event.WITHDRAWAL, Event.DENIAL, Event.FIGHTING,
                    Event.STRIKE, Event.HUMANITARIAN)
RU, UA = Side.RU, Side.UA
RUO, UAO, THIRD, OUT = (Claimant.RU_OFFICIAL, Claimant.UA_OFFICIAL, Claimant.THIRD_PARTY,
                        Claimant.OUTLET)


def claim(text: str, name: str, country: str = "UA", occurrence: int = 0,
          outlet_country: str = "") -> Claim:
    """The claim of the ``occurrence``-th ``name`` in a one-sentence article (of an outlet of
    ``outlet_country``, if given)."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(name, start + 1)
    return ArticleEvents(text, outlet_country=outlet_country).at(
        (0, len(text)), start, start + len(name), country=country)


@pytest.mark.parametrize(("text", "name", "expected"), [
    # English: each event type, side and claimant
    ("Russian troops captured Zoriansk last week.", "Zoriansk", Claim(C, RU, OUT)),
    ("In its daily briefing, the Russian military announced Bortnyk had been taken.",
     "Bortnyk", Claim(C, RU, RUO)),
    ("Ukrainian forces recaptured Hrushanka, the General Staff said.", "Hrushanka",
     Claim(C, UA, UAO)),
    ("Units of the DPR militia liberated Kamianopil, Pushilin said.", "Kamianopil",
     Claim(C, RU, RUO)),
    ("Wagner fighters seized Zhur, analysts at the ISW said.", "Zhur", Claim(C, RU, THIRD)),
    ("Facing encirclement, Ukraine's garrison withdrew from Zoriansk overnight.", "Zoriansk",
     Claim(W, UA, OUT)),
    ("Heavy fighting continues near Sokil Yar, the General Staff said.", "Sokil Yar",
     Claim(F, None, UAO)),
    ("Russian glide bombs hit Zoriansk overnight.", "Zoriansk", Claim(S, RU, OUT)),
    ("A drone attack on Kamianopil damaged three houses.", "Kamianopil", Claim(S, RU, OUT)),
    ("Authorities ordered the evacuation of children from Hrushanka.", "Hrushanka",
     Claim(H, None, OUT)),
    ("Ukraine's General Staff denied Moscow's account that its army had captured Zoriansk.",
     "Zoriansk", Claim(D, RU, UAO)),
    ("Kyiv called the Russian claim that Bortnyk had fallen a fake.", "Bortnyk",
     Claim(D, RU, OUT)),
    ("Kyiv has denied that Zhur has fallen.", "Zhur", Claim(D, RU, UAO)),
    ("Украинские военные деоккупировали Бортник.", "Бортник", Claim(C, UA, OUT)),
    # the clause decides: the second town is fought for, not taken
    ("Russian forces captured Bortnyk and are advancing on Zoriansk.", "Bortnyk",
     Claim(C, RU, OUT)),
    ("Russian forces captured Bortnyk and are advancing on Zoriansk.", "Zoriansk",
     Claim(F, RU, OUT)),
    ("Russian forces took Bortnyk, Zhur and Hrushanka.", "Hrushanka", Claim(C, RU, OUT)),
    ("Russian units captured 12 villages, including the town of Zhur, Putin said.", "Zhur",
     Claim(C, RU, RUO)),
    ("The Defence Ministry of Russia gave no figures for Zhur.", "Zhur", NONE),
    ("Fighting goes on in Zoriansk, as well as nearby Zhur.", "Zhur", Claim(F, None, OUT)),
    ("Defenders repelled two assaults in the south - near Bortnyk.", "Bortnyk",
     Claim(F, UA, OUT)),
    ("Russian forces captured Hrushanka - near Bortnyk.", "Bortnyk", NONE),
    # not captures
    ("Russian troops did not capture Zoriansk.", "Zoriansk", NONE),
    ("Russian troops have never captured Zoriansk.", "Zoriansk", NONE),
    ("Zoriansk could become the first city Russian troops have seized this winter.",
     "Zoriansk", NONE),
    ("Moscow aims to capture Kamianopil by the summer.", "Kamianopil", NONE),
    ("Russia plans to seize Hrushanka before winter.", "Hrushanka", NONE),
    ("If Zoriansk falls, the road north is open.", "Zoriansk", NONE),
    ("Russian units are trying to capture Sokil Yar.", "Sokil Yar", Claim(F, RU, OUT)),
    ("Gerasimov reported that his troops had seized over half of Kamianopil.", "Kamianopil",
     Claim(F, None, RUO)),
    ("Russian troops captured two villages near Zoriansk.", "Zoriansk", Claim(F, RU, OUT)),
    ("Russian troops captured Bortnyk, 12 km west of Zoriansk.", "Zoriansk", NONE),
    ("The assault began after Russia captured Zhur in May.", "Zhur", NONE),
    ("Fighting flared on the Zoriansk direction.", "Zoriansk", NONE),
    ("The soldiers were captured near Zoriansk.", "Zoriansk", NONE),
    ("The report said nothing else about Zoriansk.", "Zoriansk", NONE),
    # Russian
    ("Российские войска взяли Зорянск.", "Зорянск", Claim(C, RU, OUT)),
    ("Минобороны России сообщило об освобождении Бортника.", "Бортника", Claim(C, RU, RUO)),
    ("ВСУ оставили Зорянск, заявили в Генштабе.", "Зорянск", Claim(W, UA, UAO)),
    ("ВСУ не взяли Бортник.", "Бортник", NONE),
    ("Российские войска захватят Зорянск к лету, считают аналитики.", "Зорянск", NONE),
    ("Противник пытается взять Зорянск, сообщили в Генштабе.", "Зорянск", Claim(F, RU, UAO)),
    ("Противник обстрелял Зорянск из артиллерии, заявили в Минобороны России.", "Зорянск",
     Claim(S, UA, RUO)),
    ("В Генштабе опровергли заявления о захвате Бортника.", "Бортника", Claim(D, RU, UAO)),
    ("В Зорянске продолжаются бои.", "Зорянске", Claim(F, None, OUT)),
    ("Из Бортника эвакуировали жителей.", "Бортника", Claim(H, None, OUT)),
    # Ukrainian
    ("Окупанти захопили Бортник, повідомляє DeepState.", "Бортник", Claim(C, RU, THIRD)),
    ("Сили оборони звільнили Зорянськ, заявив Сирський.", "Зорянськ", Claim(C, UA, UAO)),
    ("ЗСУ відійшли із Зорянська на більш вигідні позиції.", "Зорянська", Claim(W, UA, OUT)),
    ("Ворог не зміг захопити Бортник.", "Бортник", NONE),
    ("Росіяни хочуть захопити Зорянськ до кінця року.", "Зорянськ", NONE),
    ("Ворог намагається захопити Бортник, повідомили в ОВА.", "Бортник",
     Claim(F, RU, UAO)),
    ("Рашисти обстріляли Зорянськ з артилерії.", "Зорянськ", Claim(S, RU, OUT)),
    ("У Генштабі спростували заяви про захоплення Бортника.", "Бортника",
     Claim(D, RU, UAO)),
    ("Тривають бої за Зорянськ.", "Зорянськ", Claim(F, None, OUT)),
    ("Із Бортника евакуювали дітей.", "Бортника", Claim(H, None, OUT)),
    # clause bounds: an abbreviation's full stop, a colon opening the places counted, a
    # place named after its preposition, "и село" (a noun, though сесть has the form)
    ("Russian paratroopers liberated a further 40 sq. km in the south, including the village "
     "of Zhur, the Kremlin announced.", "Zhur", Claim(C, RU, RUO)),
    ("Российские войска освободили 40 кв. км территории и село Бортник, заявили в "
     "Минобороны.", "Бортник", Claim(C, RU, RUO)),
    ("Local authorities said Russian forces had taken three villages in the border area: "
     "Zhur and Bortnyk.", "Bortnyk", Claim(C, RU, UAO)),
    ("Окупанти захопили два села: Бортник і Зорянськ.", "Зорянськ", Claim(C, RU, OUT)),
    ("Russian forces captured Zhur: Bortnyk is next, analysts said.", "Bortnyk", NONE),
    ("Russian troops advanced near Zhur, in Bortnyk and Zoriansk.", "Zoriansk",
     Claim(F, RU, OUT)),
    ("Армия РФ наступает под Бортником, в Зорянске и Журе.", "Журе", Claim(F, RU, OUT)),
    # a withdrawal from positions near a place is one from it; a capture near it is not
    ("ВСУ отошли с позиций в районе Бортника.", "Бортника", Claim(W, UA, OUT)),
    ("Ukrainian troops pulled back from positions near Zhur.", "Zhur", Claim(W, UA, OUT)),
    # a reference point: no strike, evacuation or capture there; fighting west of it is
    # fighting for it; a place that only locates the one before it has no event
    ("The evacuated villages lie north of Zoriansk.", "Zoriansk", NONE),
    ("A missile hit a farm 10 km west of Zoriansk.", "Zoriansk", NONE),
    ("Fighting raged 5 km west of Zoriansk.", "Zoriansk", Claim(F, None, OUT)),
    ("Bortnyk, near Zoriansk, saw heavy fighting last spring.", "Zoriansk", NONE),
    ("Bortnyk, near Zoriansk, saw heavy fighting last spring.", "Bortnyk", Claim(F, None, OUT)),
    # withdrawals told in the General Staff's words, and one "without a fight"
    ("Генштаб ВСУ признал, что его части перебрались на более выгодные рубежи под Бортником.",
     "Бортником", Claim(W, UA, UAO)),
    ("Ukraine's army redeployed to more favorable lines around Zhur, its command reported.",
     "Zhur", Claim(W, UA, OUT)),
    ("Без боя гарнизон оставил Зорянск ещё в марте.", "Зорянск", Claim(W, None, OUT)),
    ("Russian troops abandoned Zoriansk without a fight.", "Zoriansk", Claim(W, RU, OUT)),
    # fighting: pushing back, the grey zone, half-encircled, mopping up, an attempt under way
    ("Біля Зорянська ворог потіснив наші позиції на кілька сотень метрів.", "Зорянська",
     Claim(F, RU, OUT)),
    ("Вокруг Зорянска расширилась серая зона.", "Зорянска", Claim(F, None, OUT)),
    ("Бортник уже почти полуокружён, пишут военкоры.", "Бортник", Claim(F, None, THIRD)),
    ("Russian forces are mopping up the last Ukrainian troops in Zhur.", "Zhur",
     Claim(F, RU, OUT)),
    ("In repeated attempts, Russian infantry has sought to seize Zhur from the flanks.",
     "Zhur", Claim(F, RU, OUT)),
    # the loser's word: a capture by the other side; refusing to admit it is a denial, by the
    # side that refuses
    ("Ukraine's loss of Bortnyk was confirmed by analysts.", "Bortnyk", Claim(C, RU, THIRD)),
    ("Russian forces suffered heavy losses near Zhur.", "Zhur", NONE),
    ("Officials in Kyiv declined to confirm the loss of Zoriansk.", "Zoriansk",
     Claim(D, RU, UAO)),
    ("Москва не признаёт потерю Бортника.", "Бортника", Claim(D, UA, RUO)),
    # Russian-side speakers: the DPR/LPR militia and headquarters, security sources, a brigade
    # qualified as Russian
    ("Как заявили в народной милиции ЛНР, Бортник полностью освобождён.", "Бортник",
     Claim(C, RU, RUO)),
    ("According to the headquarters of the Luhansk People's Republic's militia, Zhur was "
     "liberated overnight.", "Zhur", Claim(C, RU, RUO)),
    ("ВСУ оставили Зорянск, сообщил ТАСС источник в силовых структурах.", "Зорянск",
     Claim(W, UA, RUO)),
    ("A battalion commander from a brigade of Russia's Dnepr grouping told reporters his men "
     "had taken Zhur.", "Zhur", Claim(C, RU, RUO)),
    # what lies ahead is a goal; "після того, як" recalls the past past its comma
    ("Next on the list, a blogger writes: ahead lies the liberation of Zhur and Zoriansk.",
     "Zoriansk", NONE),
    ("Впереди освобождение Бортника и Зорянска.", "Зорянска", NONE),
    ("Після того, як армія взяла Бортник у травні, бої тривають.", "Бортник", NONE),
    ("Зорянськ став би найбільшим містом, яке армія взяла відтоді, як захопила Бортник у "
     "травні.", "Бортник", NONE),
    ("После того, как ВСУ оставили Зорянск, бои идут у Бортника.", "Зорянск", NONE),
    # what was said ends at the verb of saying, whatever follows it ("... said Monday while")
    ("Russian troops retreated from Zhur, Ukrainian commanders said on Monday while the "
     "besieging force regrouped.", "Zhur", Claim(W, RU, UAO)),
])  # fmt: skip
def test_claim_of_a_mention(text, name, expected):
    assert claim(text, name) == expected


def test_a_strike_with_no_side_named_came_from_the_other_side():
    assert claim("Zoriansk was shelled overnight.", "Zoriansk", "UA").side == RU
    assert claim("Zoriansk was shelled overnight.", "Zoriansk", "RU").side == UA


def test_reported_speech_takes_the_speaker_of_the_sentence_before():
    text = ("Ukraine's General Staff gave its evening update. Russian troops captured Zoriansk, "
            "it said.")
    second = text.index("Russian")
    events = ArticleEvents(text)
    start = text.index("Zoriansk")
    found = events.at((second, len(text)), start, start + len("Zoriansk"), country="UA",
                      previous=(0, second - 1))
    assert found == Claim(C, RU, UAO)


def test_reported_speech_takes_the_speaker_named_last_in_the_sentence_before():
    text = ("Analysts at the ISW agreed with Ukraine's General Staff. Russian troops captured "
            "Zoriansk, he pointed out.")
    second = text.index("Russian")
    start = text.index("Zoriansk")
    found = ArticleEvents(text).at((second, len(text)), start, start + len("Zoriansk"),
                                   country="UA", previous=(0, second - 1))
    assert found == Claim(C, RU, UAO)


def test_onslaught_held_back_is_fighting():
    assert claim("Біля Бортника наші захисники третю добу стримують ворожий натиск.",
                 "Бортника").event == F
    assert claim("После того, как ВСУ оставили Зорянск, бои идут у Бортника.",
                 "Бортника").event == F


def test_the_enemy_is_the_other_side_from_the_claimant():
    text = "The enemy shelled Zoriansk, the Russian Defence Ministry said."
    assert claim(text, "Zoriansk").side == UA
    text = "The enemy shelled Zoriansk, Ukraine's General Staff said."
    assert claim(text, "Zoriansk").side == RU


def test_a_sentence_read_once_for_all_its_names():
    text = "Russian troops captured Bortnyk and Zhur."
    events = ArticleEvents(text)
    for name in ("Bortnyk", "Zhur"):
        start = text.index(name)
        assert events.at((0, len(text)), start, start + len(name)).event == C
    assert len(events.read) == 1


def _first_sentence_claim(text: str, name: str) -> Claim:
    """The claim of ``name`` in the first sentence of a longer article."""
    end = text.index(". ") + 1
    start = text.index(name)
    return ArticleEvents(text).at((0, end), start, start + len(name), country="UA")


def test_an_attack_in_a_report_of_strikes_and_no_ground_combat_is_a_strike():
    text = "Росіяни атакували Зорянськ уночі. Окупанти завдали восьми ударів дронами."
    assert _first_sentence_claim(text, "Зорянськ") == Claim(S, RU, OUT)
    text = "Russian forces attacked Zoriansk overnight. Missiles also hit the city."
    assert _first_sentence_claim(text, "Zoriansk").event == S


def test_an_attack_where_the_report_tells_of_ground_combat_stays_fighting():
    text = ("Russian forces attacked Zoriansk overnight. Missiles also hit the city, and "
            "fierce battles go on near Bortnyk.")
    assert _first_sentence_claim(text, "Zoriansk").event == F
    assert _first_sentence_claim("Russian forces attacked Zoriansk overnight. The town is "
                                 "quiet now.", "Zoriansk").event == F


def test_a_ground_attack_in_a_report_of_strikes_stays_fighting():
    """Troops, units or a direction of the front make an attack a ground one."""
    text = "Russian units attacked Zoriansk overnight. Missiles also hit the city."
    assert _first_sentence_claim(text, "Zoriansk").event == F
    text = "Российские подразделения атаковали Зорянск ночью. Ракеты также ударили по городу."
    assert _first_sentence_claim(text, "Зорянск").event == F
    text = "Атаки посилилися на напрямку біля Зорянська. Ракети також влучили в місто."
    assert _first_sentence_claim(text, "Зорянська").event == F


def test_people_taken_to_a_place_is_no_capture():
    text = "Families from Zoriansk were taken to Bortnyk by bus on Friday."
    assert claim(text, "Bortnyk").event != C
    assert claim(text, "Zoriansk").event != C
    assert claim("Russian troops have taken Zoriansk.", "Zoriansk") == Claim(C, RU, OUT)


def test_a_withdrawal_word_before_a_side_is_that_side_s_withdrawal():
    text = "Retreating Russian units blew up the bridge at Zoriansk, the Ukrainian army said."
    found = claim(text, "Zoriansk")
    assert found.event != W or found.side == RU
    assert claim("Kyiv is withdrawing Ukrainian troops from Zoriansk, officials said.",
                 "Zoriansk").side == UA


def test_a_brigade_names_no_side_by_itself():
    """Both armies have brigades: the side is the qualifier's, else the verb's or speaker's."""
    text = "Бойцы 61-й бригады морской пехоты заняли Бортник, доложил Герасимов."
    assert claim(text, "Бортник") == Claim(C, RU, RUO)
    text = "Морпехи 40-й бригады освободили Журе, сообщили в Минобороны России."
    assert claim(text, "Журе").side == RU
    assert claim("Бійці 47-ї ОМБр звільнили Бортник.", "Бортник") == Claim(C, UA, UAO)
    assert claim("Ukraine's 47th brigade said it had recaptured Bortnyk.",
                 "Bortnyk") == Claim(C, UA, UAO)
    text = "A brigade of Russia's Southern grouping said its men had seized Zhur."
    assert claim(text, "Zhur") == Claim(C, RU, RUO)


def test_an_unqualified_brigade_speaks_for_the_outlet_s_country():
    text = "The enemy took Zhur, a brigade spokesman said."
    assert claim(text, "Zhur") == Claim(C, RU, OUT)
    assert claim(text, "Zhur", outlet_country="UA") == Claim(C, RU, UAO)
    assert claim(text, "Zhur", outlet_country="RU") == Claim(C, UA, RUO)


def test_a_governor_or_mayor_is_of_the_side_of_the_region_that_qualifies_them():
    text = ("Falling drone debris set a warehouse on fire in Valuyki, the Belgorod region "
            "governor wrote.")
    assert claim(text, "Valuyki", "RU") == Claim(S, UA, RUO)
    text = "Kharkiv's mayor said a glide bomb hit a school in Zoriansk."
    assert claim(text, "Zoriansk").claimant == UAO
    text = "По словам губернатора Курской области, беспилотник атаковал Жур."
    assert claim(text, "Жур", "RU").claimant == RUO
    text = "A Russian-installed mayor said Ukrainian artillery hit a market in Bortnyk."
    assert claim(text, "Bortnyk").claimant == RUO


def test_an_unqualified_governor_or_mayor_is_of_the_place_or_the_struck_side():
    text = "Two people were hurt when a drone hit a bus in Zhur, the regional governor reported."
    assert claim(text, "Zhur", "RU") == Claim(S, UA, RUO)
    assert claim(text, "Zhur", "UA") == Claim(S, RU, UAO)
    # officials report the strikes on their own ground: a Ukrainian strike's mayor is Russian
    text = "Ukrainian rockets hit a bus depot in Bortnyk, its mayor claimed."
    assert claim(text, "Bortnyk", "UA") == Claim(S, UA, RUO)


def test_the_enemy_of_an_outlet_is_the_other_side_from_its_country():
    text = "Противник нанёс удар по Журу."
    assert claim(text, "Журу", outlet_country="RU").side == UA
    assert claim(text, "Журу", outlet_country="UA").side == RU
    text = "The enemy launched an assault on Bortnyk at dawn."
    assert claim(text, "Bortnyk", outlet_country="RU").side == UA


@pytest.mark.parametrize(("text", "name"), [
    ("A steel enterprise in Zoriansk resumed work.", "Zoriansk"),
    ("The new tariff entered into force in Zhur on Monday.", "Zhur"),
    ("A winter storm left Bortnyk under snow.", "Bortnyk"),
    ("Storms knocked out the bridge near Hrushanka.", "Hrushanka"),
])
def test_ordinary_words_are_no_fighting(text, name):
    assert claim(text, name).event != F


def test_storming_and_entering_are_fighting():
    assert claim("Russian assault groups stormed Zhur at dawn.", "Zhur") == Claim(F, RU, OUT)
    assert claim("Russian infantry entered Bortnyk from the north.", "Bortnyk").event == F


def test_the_claimant_is_the_speaker_of_the_cue_s_own_clause():
    text = "Moscow says its troops have seized Hrushanka, while Kyiv says its soldiers hold on."
    assert claim(text, "Hrushanka") == Claim(C, RU, RUO)
    text = "Russia claims it has taken Zhur, but Ukraine insists the battle goes on."
    assert claim(text, "Zhur").claimant == RUO
    # a speaker named among the actors is passed over for the clause that speaks
    text = "Troops under Gerasimov took Zhur, Ukraine's General Staff acknowledged."
    assert claim(text, "Zhur").claimant == UAO


def test_orcs_name_a_side_an_orchestra_does_not():
    """"орки" is Ukrainian slang for Russian troops; "оркестр" (an orchestra) is no side."""
    assert claim("Оркестр виступив у Зорянську після обстрілу.", "Зорянську",
                 country="RU").side == UA  # no side named: the strike came from the other side
    assert claim("Орки обстріляли Зорянськ уночі.", "Зорянськ", country="RU").side == RU
