"""Numeric facts and their grouping across articles, on sentences from the sample pages and ANT ("ANT")."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from marsad.extract.facts import FactMention, extract_facts, group_facts

# Sentences copied from /work/shared/samples/pages/*.txt (file noted) and ar_quotes_dev ("ANT").
MEMBERS_000 = (
    "أكد التحالف الدولي، في بيان ختامي على أثر اجتماع لأعضائه الـ83 في روما، أمس، أنه سيواصل القتال."
)
MEMBERS_003 = "وقال وزير الخارجية الأمريكي أنتوني بلينكن: إن الدول الـ83 الأعضاء بالتحالف حققت نجاحا كبيرا."
AID_003 = "وتعهد بلينكن بتقديم 436 مليون دولار إضافي كمساعدات إنسانية أمريكية في المنطقة."
AID_004 = "وأعلن بلينكين عن مساهمة أمريكية جديدة بقيمة 436 مليون دولار لمساعدة النازحين في سوريا."
FIGHTERS_000 = "ودعا إلى «بذل جهد جديد لإعادة - وإعادة تأهيل أو محاكمة - زهاء عشرة آلاف مقاتل من (داعش)»."
FIGHTERS_004 = "ودعا إلى بذل جهد جديد لإعادة – وإعادة تأهيل أو محاكمة – ما يقرب من 10000 من مقاتلي داعش."
TOLL_001 = "14 قتيلاً على الأقل جراء إعصار في أرخبيل مايوت الفرنسي"
WIND_001 = "وترافق الإعصار مع رياح زادت سرعتها على 220 كيلومتراً في الساعة."
MIGRANTS_000 = "فقد قضى أو فُقد ما لا يقل عن 524 مهاجراً في البحر المتوسط، وفي العام الماضي 1873 مهاجراً."
FOUNDED_000 = "وكانت الولايات المتحدة أسست هذا التحالف بهدف هزيمة «داعش» عام 2014، وفق القرار 2254."
SHARES_ANT = "ساهموا بنسبة 34 % في مجهود تجميع الصابة في حين قام الخواص بتجميع 65 بالمائة من الصابة."
GROWTH_ANT = "وتتوقع فيتش أن تبلغ نسبة نمو إجمالي الناتج الداخلي لتونس 2.3 في المائة في 2017."
FINE_ANT = "وغرامة مالية قدرها 30 ألف ريال سعودي، وهو ما يعادل نحو 8 آلاف دولار أمريكي."
ENGINES_ANT = "ب10 قاطرات و 10 قاطرات أخرى في نوفمبر 2018"
RAID_ANT = "بسبب دوره في غارة وقعت عام 1979 في إسرائيل و أسفرت عن مقتل أربعة أشخاص"


def facts(text: str) -> list[tuple[int | float, str | None, str | None]]:
    return [(f.value, f.unit, f.qualifier) for f in extract_facts("a", [text])]


def test_money_with_scale() -> None:
    (f,) = extract_facts("p3", [AID_003])
    assert (f.text, f.value, f.unit) == ("436 مليون دولار", 436_000_000, "USD")
    assert f.sentence == AID_003


def test_definite_number_counts_the_noun_before_it() -> None:
    (f,) = extract_facts("p0", [MEMBERS_000])
    assert (f.text, f.value, f.unit) == ("لأعضائه الـ83", 83, "members")
    (f,) = extract_facts("p3", [MEMBERS_003])
    assert (f.value, f.unit) == (83, "members") and f.units == {"members", "countries"}


def test_counted_noun_after_min() -> None:
    assert facts(FIGHTERS_004) == [(10_000, "fighters", "approx")]
    assert facts(FIGHTERS_000) == [(10_000, "fighters", "approx")]


def test_people_measures_and_bounds() -> None:
    assert facts(TOLL_001) == [(14, "dead", "at_least")]
    assert facts(WIND_001) == [(220, "km", None)]
    assert facts(MIGRANTS_000) == [(524, "migrants", "at_least"), (1873, "migrants", None)]
    assert facts(RAID_ANT) == [(4, "dead", None)]


def test_percentages_and_currencies() -> None:
    assert facts(SHARES_ANT) == [(34, "%", None), (65, "%", None)]
    assert facts(GROWTH_ANT) == [(2.3, "%", None)]
    assert facts(FINE_ANT) == [(30_000, "SAR", None), (8000, "USD", "approx")]


def test_other_counted_things_keep_their_noun() -> None:
    a, b = extract_facts("a", [ENGINES_ANT])
    assert a.unit is None and a.thing == b.thing


def test_years_and_identifiers_are_not_facts() -> None:
    assert facts(FOUNDED_000) == []


def test_same_fact_from_two_articles_is_agreed() -> None:
    by_article = {
        "p0": extract_facts("p0", [MEMBERS_000, FIGHTERS_000]),
        "p3": extract_facts("p3", [MEMBERS_003, AID_003]),
        "p4": extract_facts("p4", [AID_004, FIGHTERS_004]),
    }
    grouped = {(f.value, f.unit): f for f in group_facts(by_article)}
    assert grouped[(83, "members")].articles == ["p0", "p3"]
    assert grouped[(436_000_000, "USD")].articles == ["p3", "p4"]
    fighters = grouped[(10_000, "fighters")]
    assert (fighters.articles, fighters.status) == (["p0", "p4"], "agreed")
    assert fighters.mentions == {"p0": "عشرة آلاف مقاتل", "p4": "10000 من مقاتلي"}
    export = fighters.to_export()
    assert {"text", "value", "unit", "articles", "status"} <= set(export)


def test_different_tolls_for_one_event_conflict() -> None:
    by_article = {
        "a1": extract_facts(
            "a1", ["لقي 14 شخصا على الأقل حتفهم جراء الإعصار الذي ضرب الأرخبيل، بحسب السلطات."]
        ),
        "a2": extract_facts(
            "a2", ["ارتفعت حصيلة قتلى الإعصار الذي ضرب الأرخبيل إلى 20 قتيلا، بحسب السلطات."]
        ),
    }
    statuses = {f.value: (f.unit, f.status) for f in group_facts(by_article)}
    assert statuses == {14: ("dead", "conflict"), 20: ("dead", "conflict")}


def test_one_article_is_single_and_its_several_counts_do_not_conflict() -> None:
    text = "وتنشر ألمانيا نحو 250 عسكريا في العراق. وأصيب 12 جنديا ألمانيا وجندي من بلجيكا في الهجوم."
    by_article = {
        "p3": extract_facts("p3", [text]),
        "p4": extract_facts("p4", ["وأصيب ثلاثة جنود بجروح خطيرة."]),
    }
    assert {f.status for f in group_facts(by_article)} == {"single"}


FACT_CHARS = list("0123456789 .,،%مليوندولارقتيلاألف من الـ")


@given(st.lists(st.text(alphabet=st.sampled_from(FACT_CHARS), max_size=50), max_size=3))
def test_any_text_never_crashes(paragraphs: list[str]) -> None:
    mentions = extract_facts("a", paragraphs)
    assert all(isinstance(m, FactMention) and m.text for m in mentions)
    group_facts({"a": mentions, "b": mentions})


def test_a_preposition_before_a_definite_number_is_not_what_it_counts() -> None:
    # ANT: الإفراج عن الثلاثة counts no عن, and 4.7605 قبله counts no قبل
    facts = extract_facts(
        "a", ["ويذكر أن الإفراج عن الثلاثة، كيم دونغ-شول وكيم سانغ-دوك، جاء بعد زيارة بومبيو."]
    )
    assert [(f.text, f.thing) for f in facts] == [("الثلاثة", None)]
    assert [f.thing for f in extract_facts("a", ["وبلغ سعر الليرة 4.7605 قبله بيوم."])] == [None]
    # the noun before a definite number still is what it counts
    assert [f.thing for f in extract_facts("a", ["وعثر على جثث المهاجرين الأربعة."])] == ["migrants"]
