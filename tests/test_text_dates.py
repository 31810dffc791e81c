"""Date grammar on lines from the sample pages, the Wojood DATE spans and what must not read as a date."""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from marsad.text.dates import DateMention, DateOptions, find_dates, publication_date

# Lines copied from /work/shared/samples/pages/*.txt (file noted).
CAPTION_ROME_000 = "جانب من اجتماع التحالف في روما أمس (رويترز)"
PLEDGES_000 = "حذروا من أن «التهديد لا يزال قائماً»، داعين إلى حملة تعهدات لعام 2021 بغية تحقيق الاستقرار."
RESOLUTION_000 = (
    "الشعب السوري لدعم تسوية سياسية دائمة وفقاً لقرار مجلس الأمن الرقم 2254»، داعين إلى «توخي اليقظة"
)
NEXT_MEETING_000 = (
    "وأكدوا أنهم سيعقدون الاجتماع الوزاري التالي للتحالف بحلول يونيو (حزيران) 2022 وعقد اجتماع للمديرين "
    "السياسيين للمجموعة الصغيرة في بروكسيل خريف 2021."
)
COVID_000 = "ووسط أولويات دولية مهمة أخرى، بما في ذلك كبح جائحة «كوفيد - 19» وتكثيف مكافحة تغير المناخ"
FOUNDED_000 = "وكانت الولايات المتحدة أسست هذا التحالف بهدف هزيمة «داعش» عام 2014 بعدما سيطر التنظيم"
KREMLIN_000 = "صورة عامة لـ«الكرملين» خلال يوم مثلج في وسط موسكو 12 فبراير 2026 (أ.ف.ب)"
LAST_JANUARY_000 = (
    "لكن مسؤولاً أميركياً قال، في يناير (كانون الثاني) الماضي، إن ترمب سيسمح بتمرير مشروع قانون العقوبات"
)
AEGEAN_000 = (
    "ثلاثة مهاجرين وفُقد أربعة آخرون بعد أن تسرب الماء لقاربهم، الخميس، في بحر إيجه، وفق ما أعلن خفر السواحل"
)
OSAKA_000 = "على هامش قمة قادة مجموعة العشرين في أوساكا باليابان 28 يونيو 2019 (رويترز)"
MEMBERS_000 = "في بيان ختامي على أثر اجتماع لأعضائه الـ83 في روما، أمس، أنه سيواصل القتال ضد التنظيم"
POMPEO_001 = (
    "يستضيف وزير الخارجية الأميركي مايك بومبيو في السادس من فبراير (شباط)، اجتماعاً للتحالف الدولي لمكافحة"
)
BRUSSELS_001 = (
    "وكان آخر مؤتمر وزاري لعدد من أعضاء الائتلاف الدولي عقد في العاصمة البلجيكية بروكسل في 12 يوليو (تموز) "
    "2018، وتلاه اجتماع آخر بعد أسبوعين"
)
TESTIMONY_001 = "في شهادتهم أمام الكونغرس صباح أمس (الأربعاء)، أنه مازال هناك آلاف من أعضاء التنظيم"
STATEMENT_001 = 'إذ قالت وزارة الخارجية الأميركية، في بيان اليوم الأربعاء، إن "الهزيمة الإقليمية لداعش ستكون'
SUMMER_003 = "وسيطر مقاتلو التنظيم في صيف 2014 على مناطق واسعة في شمال العراق."
SOLDIERS_003 = "وأصيب 12 جنديا ألمانيا وجندي من بلجيكا في الهجوم الذي"
PLEDGE_003 = "وتعهد بلينكن بتقديم 436 مليون دولار إضافي كمساعدات إنسانية أمريكية"
LAST_FRIDAY_003 = "رغم الهجوم الذي تعرضت له القوات هناك يوم الجمعة الماضي."
DATELINE_004 = "بوابة اوكرانيا -كييف في28يونيو 2021 –بينما تعمل الولايات المتحدة على اتمام انسحابها العسكري"
SYRIA_004 = "منذ اندلاع الصراع السوري في آذار / مارس 2011 ، فشلت العديد من التجمعات رفيعة المستوى"
DI_MAIO_004 = (
    "وترأس وزير الخارجية الأمريكي أنتوني بلينكين ووزير الخارجية الإيطالي لويجي دي مايو اجتماع كبار المسؤولين"
)
MAYOTTE_001 = "تلة مدمَّرة في إقليم مايوت الفرنسي بالمحيط الهندي (أ.ب)"


def only(text: str, ref: date | None = None, opts: DateOptions | None = None) -> DateMention:
    (mention,) = find_dates(text, ref, opts or DateOptions())
    return mention


def values(text: str, ref: date | None = None) -> list[tuple[str, date, str]]:
    return [(m.text, m.value, m.precision) for m in find_dates(text, ref)]


def period(m: DateMention) -> tuple[str, date, date, str]:
    return m.text, m.value, m.end_value, m.precision


# --- written dates ---------------------------------------------------------------------------------------


def test_ordinal_day_without_year_takes_the_year_nearest_the_publication_date() -> None:
    m = only(POMPEO_001, date(2019, 1, 20))
    assert values(POMPEO_001, date(2019, 1, 20)) == [("السادس من فبراير (شباط)", date(2019, 2, 6), "day")]
    assert m.relative
    # Published in late December, "the sixth of February" is the coming one.
    assert only(POMPEO_001, date(2018, 12, 28)).value == date(2019, 2, 6)


def test_day_without_year_and_without_ref_or_nearby_date_is_dropped() -> None:
    assert find_dates(POMPEO_001) == []


def test_digits_glued_to_fi_and_month_in_dateline() -> None:
    m = only(DATELINE_004)
    assert (m.text, m.value, m.relative) == ("28يونيو 2021", date(2021, 6, 28), False)
    assert DATELINE_004[m.start : m.end] == "28يونيو 2021"


def test_publication_date_read_from_dateline() -> None:
    assert publication_date(DATELINE_004) == date(2021, 6, 28)
    assert publication_date(CAPTION_ROME_000) is None  # أمس is not a dateline date
    assert publication_date("x" * 500 + " 12 فبراير 2026") is None  # beyond the head of the text


def test_glossed_month_year_and_season_in_one_sentence() -> None:
    assert values(NEXT_MEETING_000) == [
        ("يونيو (حزيران) 2022", date(2022, 6, 1), "month"),
        ("خريف 2021", date(2021, 9, 1), "season"),
    ]
    assert find_dates(NEXT_MEETING_000)[1].end_value == date(2021, 11, 30)


def test_summer_is_june_to_august() -> None:
    assert period(only(SUMMER_003)) == ("صيف 2014", date(2014, 6, 1), date(2014, 8, 31), "season")


def test_winter_runs_from_december_of_the_year_before() -> None:
    m = only("شتاء 2020")
    assert (m.value, m.end_value) == (date(2019, 12, 1), date(2020, 2, 29))
    assert only("ربيع 2011").value == date(2011, 3, 1)


def test_levantine_slash_egyptian_month_with_year() -> None:
    assert period(only(SYRIA_004)) == ("آذار / مارس 2011", date(2011, 3, 1), date(2011, 3, 31), "month")


def test_reuters_bare_gloss_is_one_mention() -> None:
    assert values("في مارس آذار 2019، وانخفض في مايو أيار", date(2019, 7, 1)) == [
        ("مارس آذار 2019", date(2019, 3, 1), "month"),
        ("مايو أيار", date(2019, 5, 1), "month"),
    ]


def test_caption_dates() -> None:
    assert values(KREMLIN_000) == [("12 فبراير 2026", date(2026, 2, 12), "day")]
    assert values(OSAKA_000) == [("28 يونيو 2019", date(2019, 6, 28), "day")]
    assert values("قبل أن يُهزم «داعش» بحلول مارس 2019.") == [("مارس 2019", date(2019, 3, 1), "month")]


@pytest.mark.parametrize(
    ("name", "month"),
    [
        *(("يناير", 1), ("فبراير", 2), ("مارس", 3), ("أبريل", 4), ("ابريل", 4), ("إبريل", 4), ("مايو", 5)),
        *(("يونيو", 6), ("يونيه", 6), ("يوليو", 7), ("يوليه", 7), ("أغسطس", 8), ("اغسطس", 8)),
        *(("سبتمبر", 9), ("أكتوبر", 10), ("نوفمبر", 11), ("ديسمبر", 12)),
        *(("كانون الثاني", 1), ("شباط", 2), ("آذار", 3), ("نيسان", 4), ("أيار", 5), ("حزيران", 6)),
        *(("تموز", 7), ("آب", 8), ("أيلول", 9), ("تشرين الأول", 10), ("تشرين الثاني", 11)),
        *(("كانون الأول", 12), ("كانون اول", 12), ("تشرين ثاني", 11)),
        *(("جانفي", 1), ("فيفري", 2), ("أفريل", 4), ("ماي", 5), ("جوان", 6), ("جويلية", 7), ("أوت", 8)),
        *(("يوليوز", 7), ("غشت", 8), ("شتنبر", 9), ("نونبر", 11), ("دجنبر", 12)),
    ],
)
def test_every_regional_month_name_is_read(name: str, month: int) -> None:
    assert only(f"وقع ذلك في 5 {name} 2020 في المدينة").value == date(2020, month, 5)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("الحادي عشر من سبتمبر 2001", date(2001, 9, 11)),
        ("والأول من يناير 2020", date(2020, 1, 1)),
        ("الحادي والعشرين من مارس 2019", date(2019, 3, 21)),
        ("الثلاثين من يونيو 2013", date(2013, 6, 30)),
        ("في 6 من فبراير 2020", date(2020, 2, 6)),
        ("يوم السبت 28 آذار / مارس 2020", date(2020, 3, 28)),
        ("هياتم من مواليد 22 يوليو عام 1949، بمحافظة", date(1949, 7, 22)),
    ],
)
def test_ordinal_and_written_days(text: str, expected: date) -> None:
    m = only(text)
    assert (m.value, m.precision, m.relative) == (expected, "day", False)


@pytest.mark.parametrize(
    ("text", "span", "expected"),
    [
        ("في 28/6/2021 أعلن", "28/6/2021", date(2021, 6, 28)),
        ("نشر 2021-06-28T10:00", "2021-06-28", date(2021, 6, 28)),
        ("بتاريخ ( 28 / 8 / 1996 )", "28 / 8 / 1996", date(1996, 8, 28)),
        ("يوم الثلاثاء الموافق 5 / 8 / 2008", "يوم الثلاثاء الموافق 5 / 8 / 2008", date(2008, 8, 5)),
        ("بتاريخ 4 / 22 / 1948", "4 / 22 / 1948", date(1948, 4, 22)),  # only month/day/year makes sense
        ("في 1/\u200f1/\u200f2018، يهدف", "1/\u200f1/\u200f2018", date(2018, 1, 1)),
        # a stamp with a 12-hour clock is month first (US-made publishing systems); a 24-hour one is not
        ("علي نبوي 4/3/2020 11:36:05 PM", "4/3/2020", date(2020, 4, 3)),
        ("آخر تحديث 4/3/2020 11:36", "4/3/2020", date(2020, 3, 4)),
        # page headers of Egyptian sites: the month's name between slashes or dashes
        ("الفجر الرياضي الجمعة 03/أبريل/2020 - 11:36 م", "الجمعة 03/أبريل/2020", date(2020, 4, 3)),
        ("نشر في 3 / مارس / 2019 بواسطة", "3 / مارس / 2019", date(2019, 3, 3)),
        ("السبت 12 - أكتوبر - 2019 الساعة", "السبت 12 - أكتوبر - 2019", date(2019, 10, 12)),
        ("تحديث 12-أكتوبر-2019", "12-أكتوبر-2019", date(2019, 10, 12)),
    ],
)
def test_days_written_with_slashes_or_dashes(text: str, span: str, expected: date) -> None:
    m = only(text)
    assert (m.text, m.value, m.precision) == (span, expected, "day")


def test_a_score_or_resolution_beside_a_month_is_no_day() -> None:
    assert find_dates("القرار 2254/ديسمبر") == []
    assert values("الفترة 10-12 أكتوبر 2019") == [("أكتوبر 2019", date(2019, 10, 1), "month")]


def test_numeric_dates_on_english_pages_are_month_first() -> None:
    english = "The Chargers said on Monday that the tackle was arrested on 2 / 3 / 2009 and released."
    french = "Le club a dit que le joueur a été arrêté le 2 / 3 / 2009 et libéré par la police."
    assert only(english).value == date(2009, 2, 3)
    assert only(french).value == date(2009, 3, 2)
    assert only("The game was played on 22 / 3 / 2009 in the rain.").value == date(2009, 3, 22)  # no choice
    stamp = "Posted 2 / 3 / 2009 11: 11 PM"  # too short to tell its language: the caller's page says
    assert publication_date(stamp) == date(2009, 3, 2)
    assert publication_date(stamp, DateOptions(month_first=True)) == date(2009, 2, 3)


# --- years need a cue ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "year"),
    [
        (FOUNDED_000, "عام 2014", 2014),
        (PLEDGES_000, "لعام 2021", 2021),
        ("والذي شكّلته الولايات المتحدة في 2014 بعد سيطرة المتطرّفين", "2014", 2014),
        ("منذ بداية 2019 .", "بداية 2019", 2019),
        ("معارك خلال أحداث أيلول الأسود عام ( 1970 ) .", "عام ( 1970 )", 1970),
        ("والمعارك في قرية زرعين في حرب ( 1948 ) .", "( 1948 )", 1948),
    ],
)
def test_year_with_a_cue(text: str, span: str, year: int) -> None:
    m = only(text)
    assert (m.text, m.value, m.end_value, m.precision) == (span, date(year, 1, 1), date(year, 12, 31), "year")


@pytest.mark.parametrize(
    "text",
    [
        RESOLUTION_000,
        "القرار 2139 الصادر عن مجلس الأمن",
        "قرار مجلس الأمن رقم (2042)",
        COVID_000,
        "جائحة كوفيد-19 وتداعياتها",
        PLEDGE_003,
        MEMBERS_000.replace("أمس", "البارحة"),
        SOLDIERS_003,
        "اتصلوا على 0096171234567 أو +961 71 123 456",
        "بلغ عدد الطلاب في 2000 مدرسة",
        "سجلت الشركة 2019 حالة",
        "عام 1850 وعام 2150",
        "في 32 مارس 2019 و 13/13/2020 و 31/2/2020",
        "الساعة 10:30 يوم 12/2020",
    ],
)
def test_numbers_that_are_not_dates(text: str) -> None:
    assert find_dates(text, date(2021, 6, 29)) == []


def test_year_range_is_an_option() -> None:
    assert find_dates("عام 1850") == []
    assert only("عام 1850", opts=DateOptions(min_year=1800)).value == date(1850, 1, 1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        DateOptions().min_year = 1800  # type: ignore[misc]


def test_month_names_that_are_not_months() -> None:
    assert find_dates(DI_MAIO_004, date(2021, 6, 28)) == []
    assert find_dates(MAYOTTE_001, date(2024, 12, 15)) == []
    assert find_dates("مارس الضغط على الحكومة", date(2021, 6, 28)) == []
    assert find_dates("طبيب في إب مارك بونسان", date(2021, 6, 28)) == []  # إب, a Yemeni city


def test_day_and_month_naming_a_movement_or_a_street_are_not_dates() -> None:
    ref = date(2013, 12, 26)
    assert find_dates("التنافر بين تكتلي 8 و 14 آذار اللذين", ref) == []
    assert find_dates("منذ ثورة 25 يناير", ref) == []
    assert find_dates("في شارع 26 يوليو", ref) == []


# --- Hijri -----------------------------------------------------------------------------------------------


def test_hijri_day_converted_with_umm_al_qura() -> None:
    m = only("في 15 رمضان 1438 هـ الموافق")
    assert (m.text, m.value, m.precision) == ("15 رمضان 1438 هـ", date(2017, 6, 10), "day")
    assert only("20 / شعبان / 1428 هجرية").value == date(2007, 9, 2)


def test_hijri_year_spans_its_gregorian_days() -> None:
    assert period(only("تأسست سنة 1438هـ في")) == ("سنة 1438هـ", date(2016, 10, 2), date(2017, 9, 20), "year")


def test_hijri_year_before_umm_al_qura_uses_the_tabular_calendar() -> None:
    # 1 Muharram 1325 AH = 14 February 1907.
    assert only("مطالبات مالية عام ( 1325 ) هجري .").value == date(1907, 2, 14)


def test_hijri_month_with_year_and_without_day() -> None:
    m = only("ربيع الأول 1438")
    assert (m.value, m.end_value, m.precision) == (date(2016, 11, 30), date(2016, 12, 29), "month")


# --- relative forms --------------------------------------------------------------------------------------


def test_ams_is_the_day_before_publication() -> None:
    m = only(CAPTION_ROME_000, date(2021, 6, 29))
    assert (m.text, m.value, m.relative) == ("أمس", date(2021, 6, 28), True)
    assert find_dates(CAPTION_ROME_000) == []  # nothing to resolve against


def test_bare_weekday_is_the_most_recent_on_or_before_publication() -> None:
    thursday, monday = date(2021, 6, 24), date(2021, 6, 28)
    assert only(AEGEAN_000, monday).value == thursday
    assert only(AEGEAN_000, thursday).value == thursday
    assert only(AEGEAN_000, monday).text == "الخميس"


def test_weekday_last_and_next_are_strictly_before_and_after() -> None:
    friday = date(2021, 1, 22)
    assert only(LAST_FRIDAY_003, friday).value == date(2021, 1, 15)
    assert only(LAST_FRIDAY_003, friday).text == "يوم الجمعة الماضي"
    assert only("الاجتماع الجمعة المقبل", friday).value == date(2021, 1, 29)


def test_relative_day_and_its_weekday_are_one_mention() -> None:
    thursday = date(2019, 1, 31)
    assert values(TESTIMONY_001, thursday) == [("أمس (الأربعاء)", date(2019, 1, 30), "day")]
    assert values(STATEMENT_001, date(2019, 1, 30)) == [("اليوم الأربعاء", date(2019, 1, 30), "day")]


def test_two_words_that_are_not_weekdays() -> None:
    ref = date(2021, 6, 29)
    assert find_dates("الخلاف بين الاثنين، ثم الواحد الأحد", ref) == []
    assert find_dates("في سوق الخميس بالمدينة", ref) == []
    sunday_monday = [date(2021, 6, 27), date(2021, 6, 28)]
    assert [m.value for m in find_dates("مساء الأحد، ثم يوم الاثنين", ref)] == sunday_monday


@pytest.mark.parametrize(
    ("text", "days"),
    [
        *(("أول أمس", -2), ("أمس الأول", -2), ("بالأمس", -1), ("غداً", 1), ("بعد غد", 2)),
        *(("قال اليوم إن", 0), ("اليوم نعلن", 0)),  # also as the very first word of a text
    ],
)
def test_relative_days(text: str, days: int) -> None:
    ref = date(2021, 6, 29)
    assert only(text, ref).value.toordinal() - ref.toordinal() == days


@pytest.mark.parametrize(
    "text",
    ["التقرير اليومي", "في اليوم التالي", "اليوم العالمي للمرأة", "في ذلك اليوم", "400 ألف برميل في اليوم"],
)
def test_alyawm_that_is_not_today(text: str) -> None:
    assert find_dates(text, date(2021, 6, 29)) == []


def test_month_last_and_next_relative_to_publication() -> None:
    assert values(LAST_JANUARY_000, date(2026, 2, 14)) == [
        ("يناير (كانون الثاني) الماضي", date(2026, 1, 1), "month")
    ]
    assert only(LAST_JANUARY_000, date(2026, 2, 14)).relative
    # Said in January, "last January" is a year back; "next January" from June is the coming one.
    assert only(LAST_JANUARY_000, date(2026, 1, 20)).value == date(2025, 1, 1)
    assert only("يناير المقبل", date(2021, 6, 29)).value == date(2022, 1, 1)
    assert only("في 12 ديسمبر الماضي زار", date(2018, 5, 21)).value == date(2017, 12, 12)
    assert only("22 مايو الجاري", date(2018, 5, 3)).value == date(2018, 5, 22)


def test_month_of_a_relative_year() -> None:
    ref = date(2018, 6, 3)
    assert values("في آذار/مارس العام الماضي، ستغني", ref) == [
        ("آذار/مارس العام الماضي", date(2017, 3, 1), "month")
    ]
    assert only("في نوفمبر من العام قبل الماضي", ref).value == date(2016, 11, 1)
    assert only("12 مارس من العام المقبل", ref).value == date(2019, 3, 12)


def test_relative_periods() -> None:
    tuesday = date(2021, 6, 29)
    week = only("الأسبوع الماضي", tuesday)
    assert (week.value, week.end_value, week.precision) == (date(2021, 6, 19), date(2021, 6, 25), "week")
    assert values("الشهر الماضي", tuesday) == [("الشهر الماضي", date(2021, 5, 1), "month")]
    assert only("وفي العام الماضي، قضى أو فُقد 1873 مهاجراً", tuesday).value == date(2020, 1, 1)
    assert only("النمو هذا العام", tuesday).value == date(2021, 1, 1)
    assert only("في الخامس من الشهر الجاري", tuesday).value == date(2021, 6, 5)


# --- missing years ---------------------------------------------------------------------------------------


def test_missing_year_is_borrowed_from_the_preceding_date() -> None:
    text = BRUSSELS_001 + " واجتماع ثالث في 26 يوليو في الرباط"
    assert [(m.value, m.relative) for m in find_dates(text, date(2021, 6, 29))] == [
        (date(2018, 7, 12), False),
        (date(2018, 7, 26), True),
    ]


def test_borrowed_year_rolls_over_from_december_to_january() -> None:
    text = "بدأت المحادثات في 20 ديسمبر 2018 وانتهت في 3 يناير"
    assert [m.value for m in find_dates(text)] == [date(2018, 12, 20), date(2019, 1, 3)]


def test_month_without_year_needs_a_cue() -> None:
    ref = date(2018, 4, 11)
    assert only("ارتفع 2.1% في مارس، وهي", ref).value == date(2018, 3, 1)
    assert only("مطلع يناير", ref).text == "مطلع يناير"
    assert find_dates("مارس", ref) == []


# --- offsets and robustness ------------------------------------------------------------------------------


def test_offsets_point_into_the_original_text_with_diacritics_and_tatweel() -> None:
    text = "قالَ غداً، ثم في 12 يـنـايـر 2020 وأيضاً في ١٥ مارس ٢٠٢١."
    found = find_dates(text, date(2019, 12, 1))
    assert [(m.text, m.value) for m in found] == [
        ("غداً", date(2019, 12, 2)),
        ("12 يـنـايـر 2020", date(2020, 1, 12)),
        ("١٥ مارس ٢٠٢١", date(2021, 3, 15)),
    ]
    assert all(text[m.start : m.end] == m.text for m in found)


def test_anchor_windows_find_what_a_full_grammar_scan_finds(shared: Path) -> None:
    # find_dates tries the grammar only near anchors (digits, month, weekday, relative words) for speed;
    # on real pages that must change nothing.
    from marsad.text.dates import _GRAMMAR, _Key, _scan

    for page in sorted((shared / "samples" / "pages").glob("*.txt")):
        key = _Key(page.read_text(encoding="utf-8")).key
        full = [(m.start(), m.end(), m.lastgroup) for m in _GRAMMAR.finditer(key)]
        assert [(m.start(), m.end(), m.lastgroup) for m in _scan(key)] == full, page.name


# Date vocabulary, digits and the marks the key drops, shuffled with arbitrary text.
_PIECES = [
    *"0123456789٠١٢٣/-().،:\n\u064b\u0640\u200f",
    *("في", "من", "عام", "يوم", "أمس", "اليوم", "الخميس", "الماضي", "المقبل", "يناير", "شباط", "رمضان"),
    *("هـ", "السادس", "عشر", "الحادي", "والعشرين", "صيف", "2019", "1438", "12", "(", ")", " ", "  "),
]
_DATEISH = st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=3)), max_size=40).map("".join)


@given(st.one_of(_DATEISH, st.text()))
@example("في28يونيو 2021 وأمس (الأربعاء) 12/13/2020 الحادي عشر من سبتمبر")
@example("ً" * 3 + "12 يناير 2020" + "\u200f")
def test_never_crashes_and_spans_are_slices_of_the_input(text: str) -> None:
    found = find_dates(text, date(2021, 6, 29))
    for m in found:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        assert m.value <= m.end_value
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))


# --- Wojood DATE spans -----------------------------------------------------------------------------------

WOJOOD_RECALL_FLOOR = 0.95  # measured 0.977 (648 of 663 spans) with this grammar
_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
_MONTH_WORDS = (
    "يناير فبراير مارس ابريل أبريل إبريل مايو يونيو يوليو أغسطس اغسطس سبتمبر أكتوبر اكتوبر نوفمبر ديسمبر "
    "كانون شباط آذار اذار نيسان أيار ايار حزيران تموز آب أيلول ايلول تشرين جانفي فيفري أفريل جوان جويلية أوت "
    "محرم صفر ربيع جمادى رجب شعبان رمضان شوال القعدة الحجة"
).split()


def _wojood_sentences(folder: Path) -> list[list[tuple[str, str]]]:
    """Token-per-line files, a blank line between sentences; the first tag column is the flat tag."""
    sentences: list[list[tuple[str, str]]] = []
    for name in ("train.txt", "val.txt", "test.txt"):
        tokens: list[tuple[str, str]] = []
        for line in (folder / name).read_text(encoding="utf-8").splitlines() + [""]:
            parts = line.split()
            if parts:
                tokens.append((parts[0], parts[1] if len(parts) > 1 else "O"))
            elif tokens:
                sentences.append(tokens)
                tokens = []
    return sentences


def _date_spans(tokens: list[tuple[str, str]]) -> tuple[str, list[tuple[int, int]]]:
    """The sentence rebuilt with single spaces, and the character spans of its B-DATE/I-DATE runs."""
    text, spans, offsets = "", [], []
    for token, _ in tokens:
        text += " " if text else ""
        offsets.append((len(text), len(text) + len(token)))
        text += token
    i = 0
    while i < len(tokens):
        if tokens[i][1] != "B-DATE":
            i += 1
            continue
        j = i + 1
        while j < len(tokens) and tokens[j][1] == "I-DATE":
            j += 1
        spans.append((offsets[i][0], offsets[j - 1][1]))
        i = j
    return text, spans


def test_wojood_date_spans_with_a_month_or_year_are_found(shared: Path) -> None:
    folder = shared / "data" / "ner" / "wojood_sample"
    if not folder.exists():
        pytest.skip("Wojood sample not in ../shared")
    total = found = 0
    for tokens in _wojood_sentences(folder):
        text, spans = _date_spans(tokens)
        if not spans:
            continue
        mentions = find_dates(text, date(2020, 1, 1))
        for start, end in spans:
            span = text[start:end]
            if not (_YEAR.search(span) or any(w in span.split() for w in _MONTH_WORDS)):
                continue
            total += 1
            hits = [m for m in mentions if m.start < end and m.end > start]
            # A Gregorian year written in the span must be the year read (Hijri spans convert).
            years = {int(y) for y in _YEAR.findall(span) if 1900 <= int(y) <= 2100}
            if hits and (not years or "هجري" in span or any(m.value.year in years for m in hits)):
                found += 1
    assert total > 600
    assert found / total >= WOJOOD_RECALL_FLOOR


# --- month names in Latin-script languages (text/latin_dates.py), merged by find_dates -----------------

# Timestamp and dateline lines from ../shared/data/ecbplus/dev_articles.jsonl and SemEval-style leads.
LATIN_FULL = [
    ("May 03, 2013", date(2013, 5, 3)),  # 1_10ecbplus
    ("Sun, 15 Sep 2013", date(2013, 9, 15)),  # 23_7ecbplus
    ("16 September 2013 Last updated at 12: 42 GMT", date(2013, 9, 16)),  # 23_5ecbplus
    ("Published on Friday, 27 September 2013", date(2013, 9, 27)),  # 11_2ecbplus
    ("12: 52 p. m. EDT May 2, 2013", date(2013, 5, 2)),  # 1_18ecbplus
    ("Publié le 1er mai 2013 à 10h30", date(2013, 5, 1)),
    ("Madrid, 12 de marzo de 2020 (EFE).", date(2020, 3, 12)),
    ("Ankara, 15 Eylül 2013 Pazar", date(2013, 9, 15)),
    ("Berlin, 3. Oktober 2019", date(2019, 10, 3)),
    ("il 25 aprile 2021 a Roma", date(2021, 4, 25)),
    ("Sept. 16th, 2013", date(2013, 9, 16)),
]


@pytest.mark.parametrize(("text", "value"), LATIN_FULL)
def test_latin_month_name_dates(text: str, value: date) -> None:
    found = [m for m in find_dates(text) if m.precision == "day" and not m.relative]
    assert [m.value for m in found] == [value]
    assert publication_date(text) == value


def test_latin_relative_forms_resolve_against_the_publication_date() -> None:
    ref = date(2013, 9, 20)  # a Friday
    found = find_dates("He left on Tuesday and came back yesterday.", ref)
    got = {m.text: (m.value, m.relative) for m in found}
    assert got == {"Tuesday": (date(2013, 9, 17), True), "yesterday": (date(2013, 9, 19), True)}
    assert [m.value for m in find_dates("They meet next Monday.", ref)] == [date(2013, 9, 23)]
    assert [m.value for m in find_dates("La réunion de lundi dernier", ref)] == [date(2013, 9, 16)]
    # a day and month without a year: the year closest to the publication date, or nothing without one
    assert [m.value for m in find_dates("Voting began in Turkmenistan on Dec.14.", date(2009, 1, 3))] == [
        date(2008, 12, 14)
    ]
    assert find_dates("Voting began in Turkmenistan on Dec.14.") == []
    assert find_dates("He left on Tuesday.") == []


def test_latin_text_that_is_not_a_date() -> None:
    ref = date(2013, 9, 20)
    assert find_dates("Prices may 5 percent higher than expected", ref) == []  # a verb, not May
    assert find_dates("It happened on 31 February 2013", ref) == []
    assert find_dates("The report set 12 targets for 2013", ref) == []
    # month and year only: month precision, what `text_years` counts
    (m,) = find_dates("in September 2013 the", ref)
    assert (m.value, m.end_value, m.precision) == (date(2013, 9, 1), date(2013, 9, 30), "month")


def test_an_arabic_text_quoting_latin_words_is_read_by_the_arabic_grammar_only() -> None:
    text = "قال الوزير أمس إن شركة Apple ستفتتح فرعاً في May 2024 بحسب Reuters"
    assert all(not m.text.isascii() for m in find_dates(text, date(2023, 5, 1)))
