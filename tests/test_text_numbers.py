"""Numbers in digits and words, on sentences from the sample pages and the ANT corpus (marked "ANT")."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from marsad.text.numbers import find_numbers, quantities

# Lines copied from /work/shared/samples/pages/*.txt (file noted) and the ar_quotes_dev articles ("ANT").
AID_003 = "وتعهد بلينكن بتقديم 436 مليون دولار إضافي كمساعدات إنسانية أمريكية في المنطقة"
BILLION_003 = "إن المساعدات الأمريكية المرتبطة بالحرب السورية ترتفع بذلك إلى 13.5 مليار دولار."
FIGHTERS_000 = "ودعا إلى «بذل جهد جديد لإعادة - وإعادة تأهيل أو محاكمة - زهاء عشرة آلاف مقاتل من (داعش)"
FIGHTERS_004 = "ما يقرب من 10000 من مقاتلي داعش الذين ما زالوا مسجونين من قبل قوات الدفاع السورية."
MEMBERS_000 = "في بيان ختامي على أثر اجتماع لأعضائه الـ83 في روما، أمس"
MIGRANTS_000 = "فقد قضى أو فُقد ما لا يقل عن 524 مهاجراً في البحر المتوسط منذ بداية العام"
LAST_YEAR_000 = "وفي العام الماضي، قضى أو فُقد 1873 مهاجراً حاولوا عبور المتوسط."
TOLL_001 = "14 قتيلاً على الأقل جراء إعصار في أرخبيل مايوت الفرنسي"
WIND_001 = "وترافق الإعصار مع رياح زادت سرعتها على 220 كيلومتراً في الساعة."
FOUNDED_000 = "وكانت الولايات المتحدة أسست هذا التحالف بهدف هزيمة «داعش» عام 2014 بعدما سيطر التنظيم"
RESOLUTION_000 = "لدعم تسوية سياسية دائمة وفقاً لقرار مجلس الأمن الرقم 2254»"
COVID_000 = "بما في ذلك كبح جائحة «كوفيد - 19» وتكثيف مكافحة تغير المناخ"
BRUSSELS_001 = "عقد في العاصمة البلجيكية بروكسل في 12 يوليو (تموز) 2018"
DINAR_ANT = "وزاد بنسبة 0،5 بالمائة أمام الاورو"
AGE_ANT = "عن عمر يناهز ٥٦ عاما."
CONTRACTS_ANT = "ليصل إلى 78,360 عقداً ، مقابل 107,738 عقداً."
RAID_ANT = "بسبب دوره في غارة وقعت عام 1979 في إسرائيل و أسفرت عن مقتل أربعة أشخاص"
GLUED_ANT = "تم تجميع 10.9مليون قنطار منها أي بارتفاع بنسبة 49 % مقارنة بالموسم الماضي"
LAW_ANT = "مع أحكام المرسوم عدد41 لسنة 2011 المتعلق بالنفاذ الى الوثائق الإدارية"


def values(text: str) -> list[int | float]:
    return [m.value for m in quantities(text)]


def test_scale_after_digits_multiplies() -> None:
    (m,) = quantities(AID_003)
    assert (m.text, m.value, m.qualifier) == ("436 مليون", 436_000_000, None)
    assert isinstance(m.value, int)
    assert values(BILLION_003) == [13_500_000_000]


def test_number_words_with_scale_and_approximator() -> None:
    (m,) = quantities(FIGHTERS_000)
    assert (m.text, m.value, m.qualifier) == ("عشرة آلاف", 10_000, "approx")


def test_approximator_before_digits() -> None:
    (m,) = quantities(FIGHTERS_004)
    assert (m.value, m.qualifier) == (10_000, "approx")


def test_number_glued_to_the_article() -> None:
    (m,) = quantities(MEMBERS_000)
    assert (m.text, m.value) == ("83", 83)
    assert MEMBERS_000[m.start : m.end] == "83"


def test_lower_bound_before_and_after() -> None:
    (m,) = quantities(MIGRANTS_000)
    assert (m.value, m.qualifier) == (524, "at_least")
    (m,) = quantities(TOLL_001)
    assert (m.value, m.qualifier) == (14, "at_least")


def test_year_shaped_count_before_a_noun_is_a_quantity() -> None:
    assert values(LAST_YEAR_000) == [1873]


def test_measure() -> None:
    assert values(WIND_001) == [220]


def test_years_resolutions_and_names_are_not_quantities() -> None:
    kinds = {m.text: m.kind for m in find_numbers(FOUNDED_000 + " " + RESOLUTION_000 + " " + COVID_000)}
    assert kinds == {"2014": "year", "2254": "id", "19": "id"}
    assert [(m.text, m.kind) for m in find_numbers(BRUSSELS_001)] == [("12", "date"), ("2018", "year")]
    assert [(m.text, m.kind) for m in find_numbers(LAW_ANT)] == [("41", "id"), ("2011", "year")]
    assert values(RAID_ANT) == [4]


def test_separators_and_digit_scripts() -> None:
    assert values(DINAR_ANT) == [0.5]
    assert values(AGE_ANT) == [56]
    assert values(CONTRACTS_ANT) == [78360, 107738]
    assert values("10,000 و1,873") == [10000, 1873]
    assert values(GLUED_ANT) == [10_900_000, 49]


def test_compound_number_words() -> None:
    assert values("ثلاثة وعشرون شخصا") == [23]
    assert values("أحد عشر لاعبا") == [11]
    assert values("ثلاثمائة ألف نازح") == [300_000]
    assert values("مئتين وخمسين ألف دولار") == [250_000]
    assert values("ألف وخمسمائة") == [1500]
    assert values("خمسة ملايين ومئتا ألف") == [5_200_000]


def test_vague_plurals_and_lookalike_words_are_not_numbers() -> None:
    assert values("مازال هناك آلاف من أعضاء التنظيم") == []
    assert values("لست أدري") == []


@given(st.text(alphabet=st.sampled_from(list("٠١٢٣0123456789 .,،%-/:مليونألفعشرةثلاثوناتالـ")), max_size=60))
def test_any_text_gives_consistent_spans(text: str) -> None:
    for m in find_numbers(text):
        assert text[m.start : m.end] == m.text
        assert m.kind in ("quantity", "year", "date", "time", "id")


@given(st.text(max_size=80))
def test_arbitrary_unicode_never_crashes(text: str) -> None:
    find_numbers(text)


def test_ordinals_ranges_and_model_names_are_no_counts() -> None:
    # ANT: `التاسع عشر من حزيران` is the nineteenth, not ten; `S300` a model's name
    assert values("منذ التاسع عشر من حزيران/يونيو قتل 117 عنصرا") == [117]
    assert values("دون سن الخامسة عشرة") == []
    assert [(m.text, m.kind) for m in find_numbers("نظام الدفاع الجوي S300 إلى سوريا")] == [("300", "id")]
    # ANT: و joins a unit to its tens (خمسة وعشرون) and a larger part to a smaller, not tens to tens
    assert values("ستتراوح بين خمسين وستين في المئة") == [50, 60]
    assert values("بين ثلاثة وستة أشهر") == [3, 6]
    assert values("ثلاثة آلاف وخمسة مهاجرين") == [3005]
    # ANT: أثنى عليه is "praised him", not two
    assert values("أثنى عليه الرئيس في كلمته أمام اثنين من الوزراء") == [2]
    # a space left out before a number is no name (`البالغ82 عاما`)
    assert values("في ظل والده البالغ82 عاما") == [82]
