"""Display cleaning and matching keys, on lines from the sample pages and the ANT corpus."""

from __future__ import annotations

import unicodedata

from hypothesis import example, given
from hypothesis import strategies as st

from marsad.text import clean_display, fold_digits, match_key, normalize, strip_bidi

# Lines copied from /work/shared/samples/pages/*.txt (file noted) and ant_v2.jsonl.gz (marked "ANT").
HEADLINE_000 = "التحالف الدولي يتعهد «هزيمة دائمة» لـ«داعش»"
ZAHAA_000 = "زهاء عشرة آلاف مقاتل من (داعش) لا يزالون مسجونين» في سوريا."
MASTHEAD_002 = "أحمــد صبـري"
MAAS_003 = "وقال وزير الخارجية الألماني هايكو ماس قبل المحادثات: «في العراق وسوريا، تم صد داعش ولكنه لم يُهزم؛"
CAPTION_001 = "تلة مدمَّرة في إقليم مايوت الفرنسي بالمحيط الهندي (أ.ب)"
CIRA_001 = "صور التقطتها الأقمار الصناعية للمعهد التعاوني لأبحاث الغلاف الجوي (CIRA) في جامعة ولاية كولورادو"
DATELINE_004 = "بوابة اوكرانيا -كييف في28يونيو 2021 –بينما تعمل الولايات المتحدة على اتمام انسحابها العسكري"
TOGETHER_004 = "وقال: “معًا ، يجب أن نظل ملتزمين بأهداف تحقيق الاستقرار"
TOGETHER_000 = "وقال: «معاً، يجب أن نظل ملتزمين أهداف تحقيق الاستقرار"
LRM_ANT = "خلال 2016، بنسبة تراجع 7.2\u200e%."
NBSP_ANT = "وكانت\xa0 وسائل إعلام عربية في العراق وتونس تناقلت معلومات"
ZWNJ_ANT = "الذي يهدف إلى \u200cتنظيم جميع العمليات والإجراءات المتعلقة ببرنامج التخصيص."
RLM_LRM_ANT = 'حيث تساءل من "\u200f\u200eمن نصَبَ نفسه ناقد"'
ZWSP_ANT = 'عام 2013 كانت "أيام العمر"، و"بركان ناعم"، و"حبيبة". \u200b\u200b\u200b\u200b\u200b'
INDIC_ANT = "عن عمر يناهز ٥٦ عاما."


def test_bidi_marks_removed_from_display() -> None:
    assert clean_display(LRM_ANT) == "خلال 2016، بنسبة تراجع 7.2%."
    assert clean_display(RLM_LRM_ANT) == 'حيث تساءل من "من نصَبَ نفسه ناقد"'


def test_strip_bidi_removes_only_bidi_marks() -> None:
    assert strip_bidi(RLM_LRM_ANT) == 'حيث تساءل من "من نصَبَ نفسه ناقد"'
    assert strip_bidi("\u202bرويترز\u202c \u2067AFP\u2069\u061c") == "رويترز AFP"
    # Zero-width characters are not bidi controls; clean_display handles them.
    assert strip_bidi(ZWNJ_ANT) == ZWNJ_ANT


def test_zero_width_chars_and_trailing_space_removed_from_display() -> None:
    assert clean_display(ZWNJ_ANT) == "الذي يهدف إلى تنظيم جميع العمليات والإجراءات المتعلقة ببرنامج التخصيص."
    assert clean_display(ZWSP_ANT) == 'عام 2013 كانت "أيام العمر"، و"بركان ناعم"، و"حبيبة".'
    assert clean_display("بيان\u00adات\ufeff \u2060الخارجية") == "بيانات الخارجية"


def test_nbsp_and_odd_spaces_become_one_plain_space() -> None:
    assert clean_display(NBSP_ANT) == "وكانت وسائل إعلام عربية في العراق وتونس تناقلت معلومات"
    assert clean_display("روما\u202fأمس\u2003(رويترز)\u3000TT") == "روما أمس (رويترز) TT"


def test_display_keeps_diacritics_tatweel_and_quote_styles() -> None:
    for line in (MASTHEAD_002, MAAS_003, CAPTION_001, TOGETHER_004, HEADLINE_000):
        assert clean_display(line) == line


def test_display_keeps_line_structure_and_right_strips_lines() -> None:
    page = "جانب من اجتماع التحالف في روما أمس (رويترز)  \r\nTT\t\n\n  •  ضمان هزيمة داعش\n"
    assert clean_display(page) == "جانب من اجتماع التحالف في روما أمس (رويترز)\nTT\n\n • ضمان هزيمة داعش\n"


def test_control_chars_removed_but_tab_and_newline_kept() -> None:
    assert clean_display("زهاء\x00 عشرة\x07\tآلاف\x1b\x85مقاتل") == "زهاء عشرة\tآلاف\nمقاتل"


def test_display_is_nfc() -> None:
    # آ written as alef + combining madda (U+0653) composes to one code point.
    decomposed = "زهاء عشرة \u0627\u0653لاف"
    assert clean_display(decomposed) == "زهاء عشرة آلاف"
    assert unicodedata.is_normalized("NFC", clean_display("Pe\u0301rez"))


def test_alef_hamza_folded_in_key() -> None:
    assert match_key("أكد إبراهيم آلاف ٱلله") == "اكد ابراهيم الاف الله"
    assert match_key(ZAHAA_000) == 'زهاء عشره الاف مقاتل من (داعش) لا يزالون مسجونين" في سوريا.'


def test_diacritics_and_tatweel_removed_in_key() -> None:
    assert match_key(MASTHEAD_002) == "احمد صبري"
    assert match_key("لم يُهزم؛") == "لم يهزم;"
    assert match_key(CAPTION_001) == "تله مدمره في اقليم مايوت الفرنسي بالمحيط الهندي (ا.ب)"
    assert match_key("إشاراتٍ مُقلقةً") == "اشارات مقلقه"


def test_yeh_teh_marbuta_and_hamza_seats_folded_in_key() -> None:
    assert match_key("الرئيسية مسؤولي إلى الجمعة") == "الرييسيه مسوولي الي الجمعه"


def test_persian_letters_folded_in_key() -> None:
    # Keyboard/OCR substitutes: keheh, farsi yeh, heh goal, heh doachashmee, heh with yeh.
    assert match_key("کییف ھذه ہذا مدرسۀ") == match_key("كييف هذه هذا مدرسه")


def test_arabic_indic_and_persian_digits_folded() -> None:
    assert match_key(INDIC_ANT) == "عن عمر يناهز 56 عاما."
    assert match_key("١٣٫٥ مليار ۲۰۲۱") == "13.5 مليار 2021"


def test_fold_digits_touches_only_digits() -> None:
    assert fold_digits("يناهز ٥٦ عاماً في ۲۰۲۱، «١٣٫٥»") == "يناهز 56 عاماً في 2021، «13٫5»"


def test_arabic_punctuation_folded_in_key() -> None:
    assert match_key("تم صد داعش ولكنه لم يُهزم؛ بل، لماذا؟") == "تم صد داعش ولكنه لم يهزم; بل, لماذا?"


def test_guillemets_and_curly_quotes_fold_to_one_quote() -> None:
    # Two outlets quoting the same words with different quote marks get the same key.
    assert match_key(TOGETHER_000).startswith('وقال: "معا,')
    assert match_key("«هزيمة دائمة»") == match_key("“هزيمة دائمة”") == match_key('"هزيمة دائمة"')
    assert match_key("I Don’t Like You") == "i don't like you"


def test_dash_variants_fold_to_hyphen() -> None:
    assert match_key(DATELINE_004).startswith("بوابه اوكرانيا -كييف في28يونيو 2021 -بينما")
    assert match_key("فرنس— ميتيو ‒ 5 − 3") == "فرنس- ميتيو - 5 - 3"


def test_latin_lowercased_in_key() -> None:
    assert "(cira)" in match_key(CIRA_001)


def test_key_is_one_line_with_single_spaces() -> None:
    assert match_key("  جانب من اجتماع\n\nالتحالف\t في روما  ") == "جانب من اجتماع التحالف في روما"


def test_presentation_forms_folded_in_key() -> None:
    assert match_key("ﻻ ﷲ") == "لا الله"


def test_key_ignores_invisible_marks() -> None:
    assert match_key(LRM_ANT) == match_key("خلال 2016، بنسبة تراجع 7.2%.")


_TEXT = st.text(
    alphabet=st.characters(exclude_categories=("Cs",)) | st.sampled_from("أإآٱىةؤئـًٌٍَُِّْ٠٩۱«»“”\u200f \n"),
    max_size=200,
)


@given(_TEXT)
@example("Pe\u0640\u0301rez")  # deleting the tatweel leaves e + combining acute: the key must still be NFC
def test_match_key_is_idempotent_and_never_crashes(text: str) -> None:
    key = match_key(text)
    assert match_key(key) == key


@given(_TEXT)
def test_clean_display_is_idempotent_and_never_crashes(text: str) -> None:
    shown = clean_display(text)
    assert clean_display(shown) == shown


_FOLDS = (normalize._KEY_FOLD, normalize._DISPLAY_FOLD, normalize._BIDI_FOLD, normalize._DIGITS_FOLD)
_FOLD_CHARS = "".join(old for pairs in _FOLDS for old, _ in pairs) + "ab \r\nكتب"


@given(st.text(alphabet=_FOLD_CHARS, max_size=80))
def test_the_one_pass_fold_of_short_strings_equals_replacing_pair_by_pair(text: str) -> None:
    for pairs in _FOLDS:
        expected = text
        for old, new in pairs:
            expected = expected.replace(old, new)
        assert normalize._fold(text, pairs) == expected
