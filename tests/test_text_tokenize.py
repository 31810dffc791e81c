"""Tokens and sentences, on lines from the sample pages and the ANT corpus."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from marsad.text import match_key, paragraph_sentences, sentences, tokens

# Lines copied from /work/shared/samples/pages/*.txt (file noted) and ant_v2.jsonl.gz (marked "ANT").
DATELINE_004 = "بوابة اوكرانيا -كييف في28يونيو 2021 –بينما تعمل الولايات المتحدة على اتمام انسحابها العسكري"
MEMBERS_000 = "في بيان ختامي على أثر اجتماع لأعضائه الـ83 في روما، أمس"
MEMBERS_003 = "إن الدول الـ83 الأعضاء بالتحالف حققت نجاحا كبيرا"
HEADLINE_000 = "التحالف الدولي يتعهد «هزيمة دائمة» لـ«داعش»"
KREMLIN_000 = "ذكرت «بلومبرغ نيوز»، نقلاً عن مذكرة داخلية بـ«الكرملين»، أن روسيا"
BILLION_003 = "وقال: إن المساعدات الأمريكية المرتبطة بالحرب السورية ترتفع بذلك إلى 13.5 مليار دولار."
MASTHEAD_002 = "أحمــد صبـري"
CAPTION_000 = "صورة عامة لـ«الكرملين» خلال يوم مثلج في وسط موسكو 12 فبراير 2026 (أ.ف.ب)"
CAPTION_001 = "وزير الخارجية الأميركي مايك بومبيو (ا.ف.ب)"
CONTRACTS_ANT = "ليصل إلى 78,360 عقداً ، مقابل 107,738 عقداً."
DATE_ANT = "قرر في جلسته المنعقدة بتاريخ 14/5/2015 بتفويض وزير الصناعة"
INDIC_ANT = "عن عمر يناهز ٥٦ عاما."
URL_ANT = "وذلك عبر البوابة الإلكترونية على الرابط http://ca.gov.sa."
HASHTAG_ANT = 'تكوين "عصابة نسائية" كما أطلق عليها #عاصي_الحلاني، حيث انضمت #إليسا إلى #أحلام'
LATIN_ANT = 'قائلة "I Love You But I Don’t Like You"، مشيرة'

GUILLEMETS_000 = (
    "وأفاد المجتمعون في بيانهم الختامي أنهم «عازمون معاً على مواصلة القتال ضد (داعش) وتهيئة الظروف لهزيمة "
    "دائمة للجماعة الإرهابية... من خلال جهد شامل ومنسق ومتعدد الأوجه». ورحبوا بانضمام أعضاء جدد إلى التحالف، "
    "هم جمهورية أفريقيا الوسطى وجمهورية الكونغو الديمقراطية وموريتانيا واليمن."
)
NESTED_000 = (
    "وأعلن التحالف «التزام العمل مع الدول المتضررة لمعالجة التهديدات التي يشكلها «تنظيم داعش» في أفريقيا "
    "لضمان الهزيمة العالمية الدائمة للتنظيم بناءً على طلب وموافقة مسبقة من الدول المعنية، وفي إطار الاحترام "
    "الكامل للقانون الدولي». ورحب الوزراء بحضور وفود من دول أفريقية عدة بصفة مراقب في هذا الاجتماع الوزاري. "
    "كما رحبوا بجهود أفغانستان لمواجهة «تنظيم داعش خراسان»."
)
CURLY_004 = (
    "وقال: “إننا نتشارك في التزام عميق بتعزيز الديمقراطية وحقوق الإنسان”. "
    "“نرى نفس التحديات الكبيرة في الأفق. ونحن ندرك أنه لا يمكننا معالجتها بمفردنا “."
)
PERIOD_INSIDE_004 = "قال بلينكين: “هذا الوضع ببساطة لا يمكن الدفاع عنه”. “لا يمكن أن تستمر إلى أجل غير مسمى.”"
GLUED_004 = (
    "وقال “رغم هذه الإنجازات ، يجب ألا نغفل حقيقة أن تهديد هذا التنظيم لا يزال قائماً ، الأمر الذي يتطلب من "
    "الجميع مواصلة الجهود والتنسيق لاحتواء انتشاره والقضاء عليه نهائياً”.وشكر الأمير فيصل ، الذي ترأس وفد "
    "المملكة في الاجتماع الوزاري"
)
ASCII_QUOTES_001 = (
    'وسيبحث الاجتماع كيفية إلحاق هزيمة "دائمة" بداعش في العراق وسوريا. إذ قالت وزارة الخارجية الأميركية، في '
    'بيان اليوم الأربعاء، إن "الهزيمة الإقليمية لداعش ستكون تكليلاً لجهود التحالف التي استمرت أربع سنوات، '
    'وعلامة بارزة نحو لإلحاق هزيمة دائمة للتنظيم".'
)
STATEMENT_001 = (
    'وأضاف بيان الخارجية الأميركية: "تجري هذه الاجتماعات في لحظة حاسمة في قتالنا المنسق. الولايات المتحدة '
    "مصممة على منع عودة ظهور داعش في سوريا والعراق بعد انسحاب القوات الأميركية من سوريا، وتظل ملتزمة بالعمل "
    "مع التحالف العالمي لمواصلة تدمير بقايا داعش وإحباط طموحاتها العالمية. ومع هزيمة داعش في ساحة المعركة، "
    "سيواصل التحالف جهوده الرامية إلى تحقيق الاستقرار من أجل تسهيل العودة الآمنة والطوعية إلى الوطن لأولئك "
    'الذين شردهم العنف".'
)
NESTED_ASCII_ANT = (
    'وعلق على الفيديو قائلا: "الحمد لله على أعلى نسبة مشاهدة لـ "نسر الصعيد" (إياك تفكر تسبق الفيراري).. '
    'انتظروا الأغنية كاملة على قناتي على يوتيوب اللينك ع البايو.. ثقة في الله نجاح ولا عزاء للأغبياء".'
)
GLUED_OPENER_ANT = (
    'وكتب الفنان #وليد_فواز عبر حساباته على مواقع التواصل الاجتماعي قائلا :"الحمد لله على كل شيء. في الوقت '
    'اللي الناس بتهنيني فيه بجوازي.. للأسف بيتكتب النهاية لحياة زوجية لم تكد تبدأ بعد.. دعواتكم".'
)
WRONG_SIDE_SPACES_ANT = (
    'باشر السفير الروسي مفاوضاته مع وزير الخارجية الأميركي " جيرمي سوليفان بلاك "ولكن هذه المفاوضات تعطلت '
    "لسنوات عديدة بسبب اندلاع الحرب الأهلية الأميركية. خلال شهر آذار/مارس سنة 1867 استمرت المفاوضات حول "
    'مستقبل " ألاسكا "بين الجانب الأميركي والجانب الروسي بعد انقطاع استمر لأكثر من ست سنوات'
)
GLUED_CLOSER_ANT = (
    'وهذا ما أكده وزير الطاقة الإسرائيلي يوم أمس، حيث قال" سنتمكن خلال الشهور المقبلة أو بحلول نهاية العام '
    'من التوصل إلى حل أو على الأقل حل جزئي للنزاع.. لم تتم تسوية شيء بعد".'
)
STRAY_004 = (
    "وتحديداً منطقة الساحل ، “نظراً للتهديدات التي يشكلها هذا التنظيم والمنظمات الإرهابية الأخرى على الدول "
    "الدولية”. السلام والأمن “."
)
FIRST_QUOTE_UNCLOSED_ANT = (
    'وكتب شاب آخر يقول "يا من علمتنا القراءة لماذا لم تعلمنا كيف نتحمّل ألم الفقد والوداع؟ في حين أضاف آخر '
    '"وداعا أبونا الذي عشنا مع كلماته دون نراه ولا ندري الآن كيف ننعاه؟ ."'
)
ZWSP_TAIL_ANT = 'عام 2013 كانت "أيام العمر"، و"بركان ناعم"، و"حبيبة". \u200b\u200b\u200b\u200b\u200b'
UNCLOSED_ANT = (
    "«الأزمة أيضاً، تصوغ ثقافتها. وثقافة الأزمة هي محصلة تاريخية لمعاناة مرحلة كاملة، مرحلة تختلط فيها "
    "الحروب بالحروب الأهلية، والحداثة بالاغتراب والأصالة بالسلفية، ويتم الانفعال فيها "
    "بين المسيطر والمسيطر عليه."
)
HEADLINE_ELLIPSIS_000 = "بعد عام من اتصاله الأول ببوتين... ترمب يرى حلمه بالسلام السريع في أوكرانيا يتبدد"
DOCTOR_ANT = "وقال وزير المالية د. نايف الحجرف عند إعلان الميزانية، إن العجز سيكون بنحو 5 مليارات دينار."
YEAR_ANT = "ثمَّ عادت لتُفتَتح في برلين عام 1932م. ولكن ما لبث أن تمَّ إغلاق المدرسةِ من قبل قائد الحزب"
LIST_ANT = (
    "1. شلمبرجير: اتفاقية شراء لمعدات وخدمات في مجال التنقيب والإنتاج ومعدات التحكم في سطح وفوهة البئر. "
    "2. بيكر هيوز، شركة تابعة لجنرال إلكتريك: اتفاقية شراء تجارية لمعدات وخدمات في مجال التنقيب والإنتاج."
)


# --- tokens -------------------------------------------------------------------------------------------


def test_glued_preposition_date_is_split() -> None:
    assert tokens(DATELINE_004)[:7] == ["بوابة", "اوكرانيا", "كييف", "في", "28", "يونيو", "2021"]


def test_al_tatweel_number_is_one_token() -> None:
    assert "الـ83" in tokens(MEMBERS_000)
    assert tokens(MEMBERS_003)[:4] == ["إن", "الدول", "الـ83", "الأعضاء"]


def test_tatweel_prefix_before_guillemet_is_its_own_token() -> None:
    assert tokens(HEADLINE_000) == ["التحالف", "الدولي", "يتعهد", "هزيمة", "دائمة", "لـ", "داعش"]
    assert tokens(KREMLIN_000)[6:9] == ["داخلية", "بـ", "الكرملين"]


def test_decorative_tatweel_stays_inside_the_word() -> None:
    assert tokens(MASTHEAD_002) == ["أحمــد", "صبـري"]


def test_decimal_thousands_and_slash_date_numbers_kept_whole() -> None:
    assert "13.5" in tokens(BILLION_003)
    assert [t for t in tokens(CONTRACTS_ANT) if t[0].isdigit()] == ["78,360", "107,738"]
    assert "14/5/2015" in tokens(DATE_ANT)


def test_arabic_indic_number_is_a_token() -> None:
    assert tokens(INDIC_ANT) == ["عن", "عمر", "يناهز", "٥٦", "عاما"]


def test_agency_initials_are_one_token() -> None:
    assert tokens(CAPTION_000)[-1] == "أ.ف.ب"
    assert tokens(CAPTION_001)[-1] == "ا.ف.ب"


def test_punctuation_dropped_by_default_and_kept_on_request() -> None:
    assert "«" not in tokens(HEADLINE_000)
    assert tokens(HEADLINE_000, keep_punct=True)[-4:] == ["لـ", "«", "داعش", "»"]
    assert tokens("الإرهابية... من", keep_punct=True) == ["الإرهابية", "...", "من"]


def test_url_is_one_token_without_the_final_period() -> None:
    assert tokens(URL_ANT)[-1] == "http://ca.gov.sa"


def test_hashtags_are_one_token() -> None:
    assert [t for t in tokens(HASHTAG_ANT) if t.startswith("#")] == ["#عاصي_الحلاني", "#إليسا", "#أحلام"]


def test_latin_words_keep_apostrophes_and_hyphens() -> None:
    assert tokens(LATIN_ANT)[1:7] == ["I", "Love", "You", "But", "I", "Don’t"]
    assert tokens("كوفيد COVID-19 وقمة G20") == ["كوفيد", "COVID-19", "وقمة", "G20"]


def test_key_tokens_fold_spellings_together() -> None:
    # The same words from two outlets, one with tatweel/hamza/teh marbuta variants, give the same key tokens.
    assert tokens(match_key("أحمــد صبـري في الإشراف")) == tokens(match_key("احمد صبري في الاشراف"))


# --- sentences ----------------------------------------------------------------------------------------


def test_sentence_not_cut_inside_guillemets() -> None:
    first, second = sentences(GUILLEMETS_000)
    assert first.endswith("ومتعدد الأوجه».")
    assert second.startswith("ورحبوا بانضمام")


def test_sentence_not_cut_inside_nested_guillemets() -> None:
    got = sentences(NESTED_000)
    assert len(got) == 3
    assert got[0].endswith("للقانون الدولي».")


def test_sentence_not_cut_inside_curly_quotes_closed_with_opening_mark() -> None:
    assert sentences(CURLY_004) == [
        "وقال: “إننا نتشارك في التزام عميق بتعزيز الديمقراطية وحقوق الإنسان”.",
        "“نرى نفس التحديات الكبيرة في الأفق. ونحن ندرك أنه لا يمكننا معالجتها بمفردنا “.",
    ]


def test_sentence_ending_inside_quote_splits_after_the_quote() -> None:
    assert sentences(PERIOD_INSIDE_004) == [
        "قال بلينكين: “هذا الوضع ببساطة لا يمكن الدفاع عنه”.",
        "“لا يمكن أن تستمر إلى أجل غير مسمى.”",
    ]


def test_sentence_glued_after_closing_quote_is_split() -> None:
    first, second = sentences(GLUED_004)
    assert first.endswith("عليه نهائياً”.")
    assert second.startswith("وشكر الأمير فيصل")


def test_ascii_double_quotes_pair_in_order() -> None:
    first, second = sentences(ASCII_QUOTES_001)
    assert first == 'وسيبحث الاجتماع كيفية إلحاق هزيمة "دائمة" بداعش في العراق وسوريا.'
    assert second.startswith("إذ قالت وزارة") and second.endswith('للتنظيم".')
    # A three-sentence quotation stays one sentence.
    assert sentences(STATEMENT_001) == [STATEMENT_001]


def test_nested_ascii_quote_keeps_outer_quote_whole() -> None:
    assert sentences(NESTED_ASCII_ANT) == [NESTED_ASCII_ANT]


def test_quote_glued_after_colon_still_opens() -> None:
    assert sentences(GLUED_OPENER_ANT) == [GLUED_OPENER_ANT]


def test_ascii_quotes_with_spaces_on_the_wrong_side_pair_in_order() -> None:
    first, second = sentences(WRONG_SIDE_SPACES_ANT)
    assert first.endswith("الحرب الأهلية الأميركية.")
    assert second.startswith("خلال شهر آذار/مارس سنة 1867")
    assert sentences(GLUED_CLOSER_ANT) == [GLUED_CLOSER_ANT]


def test_stray_quote_is_left_unpaired() -> None:
    # Three curly quotes: the last one (a closer typed as “) is the stray, not the first.
    assert sentences(STRAY_004) == [STRAY_004[: STRAY_004.index("”.") + 2], "السلام والأمن “."]
    # Here the first quote never closes; pairing it with the second would swallow the sentence break.
    first, second = sentences(FIRST_QUOTE_UNCLOSED_ANT)
    assert first.endswith("الفقد والوداع؟")
    assert second.startswith("في حين أضاف آخر")


def test_unclosed_guillemet_does_not_swallow_the_paragraph() -> None:
    assert sentences(UNCLOSED_ANT)[0] == "«الأزمة أيضاً، تصوغ ثقافتها."
    assert len(sentences(UNCLOSED_ANT)) == 2


def test_quote_span_capped_at_end_of_line() -> None:
    text = "ودعا إلى «بذل جهد جديد. لإعادة\nوإعادة تأهيل». وأضاف أن الوضع صعب."
    assert sentences(text) == ["ودعا إلى «بذل جهد جديد.", "لإعادة", "وإعادة تأهيل».", "وأضاف أن الوضع صعب."]


def test_decimal_point_does_not_end_sentence() -> None:
    assert sentences(BILLION_003) == [BILLION_003]


def test_parenthesised_agency_abbreviation_stays_in_caption() -> None:
    assert sentences(CAPTION_000) == [CAPTION_000]
    assert sentences(CAPTION_001 + ". وقال بومبيو") == [CAPTION_001 + ".", "وقال بومبيو"]


def test_single_letter_abbreviation_does_not_end_sentence() -> None:
    assert sentences(DOCTOR_ANT) == [DOCTOR_ANT]
    assert sentences("قالت وزارة U.S. Army إن J. Smith وصل. ثم غادر") == [
        "قالت وزارة U.S. Army إن J. Smith وصل.",
        "ثم غادر",
    ]


def test_year_suffix_letter_before_period_ends_sentence() -> None:
    assert sentences(YEAR_ANT)[0] == "ثمَّ عادت لتُفتَتح في برلين عام 1932م."


def test_list_numbers_are_not_sentences() -> None:
    first, second = sentences(LIST_ANT)
    assert first.startswith("1. شلمبرجير") and first.endswith("وفوهة البئر.")
    assert second.startswith("2. بيكر هيوز")


def test_ellipsis_followed_by_space_ends_sentence() -> None:
    assert sentences(HEADLINE_ELLIPSIS_000) == [
        "بعد عام من اتصاله الأول ببوتين...",
        "ترمب يرى حلمه بالسلام السريع في أوكرانيا يتبدد",
    ]


def test_arabic_question_mark_ends_sentence() -> None:
    assert sentences("فكيف إذا أعلن فوزه فيها؟ وقال هارون في كلمته") == [
        "فكيف إذا أعلن فوزه فيها؟",
        "وقال هارون في كلمته",
    ]


def test_newlines_end_sentences_and_blank_lines_vanish() -> None:
    page = "جانب من اجتماع التحالف في روما أمس (رويترز)\n\nTT\n   \nأحمــد صبـري"
    assert sentences(page) == ["جانب من اجتماع التحالف في روما أمس (رويترز)", "TT", "أحمــد صبـري"]


def test_punctuation_only_lines_are_not_sentences() -> None:
    # The last line of sample page 002 is a lone dash.
    assert sentences("قوات داعش\n\n-\n***\n..") == ["قوات داعش"]
    # Zero-width spaces after the last period are not a sentence (on raw, uncleaned text).
    assert sentences(ZWSP_TAIL_ANT) == [ZWSP_TAIL_ANT[: ZWSP_TAIL_ANT.index(".") + 1]]


def test_paragraph_sentences_index_paragraph_and_sentence() -> None:
    got = paragraph_sentences([HEADLINE_ELLIPSIS_000, "", BILLION_003])
    assert [(p, s) for p, s, _ in got] == [(0, 0), (0, 1), (2, 0)]
    assert got[2][2] == BILLION_003


_TEXT = st.text(
    alphabet=st.characters(exclude_categories=("Cs",)) | st.sampled_from('«»“”"().!?؟… \nـ83في٥أ'),
    max_size=200,
)


@given(_TEXT)
def test_tokens_and_sentences_never_crash_and_are_substrings(text: str) -> None:
    for token in tokens(text, keep_punct=True):
        assert token and token in text
    for sentence in sentences(text):
        assert sentence and sentence == sentence.strip() and sentence in text
