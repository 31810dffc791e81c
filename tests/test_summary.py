"""Event summaries: cut forms of real sentences, coverage of what the articles share, citations."""

from __future__ import annotations

import re

from marsad.model import Article
from marsad.summarize.summary import SummaryOptions, summarize
from marsad.summarize.trim import asks_at_the_end, clean, drop_attribution, forms, says_nothing

# Three real articles of one event (Jawhara FM, 5 June 2017, the Gulf states' break with Qatar), shortened.
QATAR = [
    Article(
        id="a1", page="JA-internationalNews-1101-20170605", position=0,
        title="البحرين والإمارات والسعودية ومصر تقطع علاقاتها مع قطر",
        paragraphs=[
            "أعلنت كل من السعودية والإمارات والبحرين ومصر، فجر اليوم الاثنين 05 جوان 2017، "
            "قطع علاقاتها الدبلوماسية بقطر، وأخذت قرارات متفرقة بشأن منع سفر مواطنيها إلى قطر، "
            "وإغلاق المجال البحري والجوي أمام الطائرات والبواخر القطرية.",
            "من جانبها أعلنت كذلك دولة الإمارات قطع العلاقات مع قطر بما فيها العلاقات الدبلوماسية "
            "وإمهال البعثة الدبلوماسية القطرية 48 ساعة لمغادرة البلاد، إلى جانب منع دخول أو عبور "
            "المواطنين القطريين إلى دولة الإمارات العربية المتحدة، وتمهل المقيمين والزائرين منهم "
            "مدة 14 يوماً للمغادرة، وذلك لأسباب أمنية واحترازية.",
        ],
    ),
    Article(
        id="a2", page="JA-internationalNews-1057-20170605", position=0,
        title="موقف تركيا من قطع العلاقات مع قطر",
        paragraphs=[
            "عبرت تركيا اليوم الإثنين 5 جوان 2017 عن استعدادها للمساهمة في حل الخلاف بين قطر والدول الخليجية "
            'ومصر التي أعلنت اليوم قطع علاقاتها مع الدوحة لاتهامها بدعم "الإرهاب".',
            'وقطعت السعودية ومصر والإمارات والبحرين واليمن علاقاتها مع قطر اليوم واتهمتها بمساندة "الإرهاب" '
            "وهو ما اعتبرته قطر موقفاً غير مبرراً ومحاولة لفرض الوصاية على الدوحة.",
        ],
    ),
    Article(
        id="a3", page="JA-localNews-4369-20170605", position=0,
        title="أزمة دول الخليج : تونس تدعو إلى التهدئة",
        paragraphs=[
            'دعا وزير الشؤون الخارجية التونسي، خميس الجهيناوي في تصريح لمراسل الجوهرة "اف ام" '
            "في تعليقه اليوم الإثنين على قرار قطع العلاقات الدبلوماسية مع قطر إلى التهدئة السياسية.",
        ],
    ),
]  # fmt: skip


def _words(text: str) -> list[str]:
    return re.sub(r"[.،,؛:]+(?=\s|$)", "", text).split()


def _is_cut_of(short: str, long: str) -> bool:
    """Every word of `short` appears in `long`, in order: a cut, nothing added or changed."""
    rest = iter(_words(long))
    return all(any(w == x for x in rest) for w in _words(short))


def test_attribution_tail_is_cut_and_the_numbers_stay():
    head = "قضى ثلاثة مهاجرين وفُقد أربعة آخرون بعد أن تسرب الماء لقاربهم، الخميس، في بحر إيجه"
    s = head + "، وفق ما أعلن خفر السواحل التركي."
    out = forms(s)
    assert out[0] == s
    assert head + "." in out
    assert all(_is_cut_of(f, s) for f in out)


def test_said_to_the_radio_phrase_is_dropped():
    s = 'أكد فيصل جدلاوي، محامي شفيق جراية في تصريح لـ "الجوهرة اف أم" اليوم الثلاثاء خبر ايقاف رجل الأعمال.'
    assert drop_attribution(s) == "أكد فيصل جدلاوي، محامي شفيق جراية اليوم الثلاثاء خبر ايقاف رجل الأعمال."


def test_dateline_agency_credit_and_opener_are_dropped():
    assert clean("القاهرة - (أ ش أ) - أعلنت وزارة الصحة المصرية ارتفاع عدد الضحايا إلى 28 قتيلا.") == (
        "أعلنت وزارة الصحة المصرية ارتفاع عدد الضحايا إلى 28 قتيلا."
    )
    assert clean("من جهته، أكد والي الجهة سامي الغابي وصول تعزيزات أمنية (رويترز).") == (
        "أكد والي الجهة سامي الغابي وصول تعزيزات أمنية."
    )
    # A headline's `X - Y` is a kicker, not a dateline.
    assert (
        clean("هجوم لندن - ارتفاع حصيلة القتلى والجرحى", dateline=False)
        == "هجوم لندن - ارتفاع حصيلة القتلى والجرحى"
    )


def test_no_cut_between_a_verb_and_its_object():
    s = QATAR[0].paragraphs[0]
    out = forms(s)
    assert "أعلنت كل من السعودية والإمارات والبحرين ومصر." not in out
    assert s[: s.index("، وأخذت")] + "." in out


def test_no_cut_at_a_word_that_only_starts_like_a_particle():
    """`الاثنين` opens no clause as `إلا` does: the cut had left the frame `وكتب سكوت على "تويتر".`
    without the governor's words, and it went into a hurricane's summary."""
    s = 'وكتب سكوت على "تويتر"، الاثنين: "على العائلات انتهاز الفرصة اليوم لضمان الغذاء والماء".'
    assert forms(s) == [s]
    assert "وأعلن الجيش مقتل ثلاثة جنود." in forms("وأعلن الجيش مقتل ثلاثة جنود، إلا أن الحصيلة قد ترتفع.")


def test_summary_is_cut_source_text_within_budget():
    opts = SummaryOptions()
    summary = summarize(QATAR, opts)
    sources = [a.title or "" for a in QATAR] + [p for a in QATAR for p in a.paragraphs]
    assert summary
    assert sum(len(str(s["text"]).split()) for s in summary) <= opts.max_words
    for s in summary:
        assert any(_is_cut_of(str(s["text"]), src) for src in sources), s["text"]


def test_summary_covers_what_the_articles_share_and_cites_each_of_them():
    summary = summarize(QATAR)
    text = " ".join(str(s["text"]) for s in summary)
    assert "قطع" in text and "قطر" in text  # the break with Qatar, reported by all three
    cited = {a for s in summary for a in s["articles"]}  # type: ignore[attr-defined]
    assert cited == {"a1", "a2", "a3"}
    # The headline of the break is what the Turkish reaction also reports: both articles are cited.
    for s in summary:
        if str(s["text"]).startswith("البحرين والإمارات والسعودية ومصر تقطع"):
            assert set(s["articles"]) >= {"a1", "a2"}  # type: ignore[arg-type]


def test_one_form_per_source_sentence():
    summary = summarize(QATAR)
    texts = [str(s["text"]) for s in summary]
    for i, a in enumerate(texts):
        for b in texts[i + 1 :]:
            assert not _is_cut_of(a, b) and not _is_cut_of(b, a)


def _event(n: int) -> list[Article]:
    """`n` outlets on one flood, each with a distinct headline and lead (enough for many sentences)."""
    places = ["صفاقس", "قابس", "مدنين", "تطاوين", "قبلي", "توزر", "قفصة", "سيدي بوزيد", "القصرين", "الكاف"]
    return [
        Article(
            id=f"f{i}", page=f"P-{i}", position=0,
            title=f"فيضانات في {places[i]} وإجلاء {10 + i} عائلة",
            paragraphs=[
                f"أدت الأمطار الغزيرة التي تهاطلت على ولاية {places[i]} إلى فيضانات وإجلاء {10 + i} عائلة "
                f"ونقل {i + 2} مصابين إلى المستشفى الجهوي."
            ],
        )
        for i in range(n)
    ]  # fmt: skip


def test_three_to_five_sentences():
    for n in (3, 8):
        summary = summarize(_event(n))
        assert 3 <= len(summary) <= 5, [s["text"] for s in summary]


def test_room_is_kept_for_three_sentences():
    # One article: a 92-word sentence of distinct terms is the densest candidate, but taken first it
    # would leave room for one short sentence only.
    long = " ".join(f"قرية{i} تضررت" for i in range(46)) + "."
    art = Article(
        id="f0", page="P-0", position=0, title="فيضانات في الجنوب التونسي",
        paragraphs=[long, "أعلنت الحماية المدنية إجلاء عشر عائلات.", "ونقل مصابان إلى مستشفى قابس."],
    )  # fmt: skip
    opts = SummaryOptions(max_sentence_words=95)
    summary = summarize([art], opts)
    assert len(summary) >= 3, [s["text"] for s in summary]
    assert sum(len(str(s["text"]).split()) for s in summary) <= opts.max_words


def test_every_agency_of_the_shared_list_is_a_credit_for_both_cleaners():
    from marsad.clean import lines
    from marsad.text.credits import AGENCIES, agency_keys
    from marsad.text.normalize import match_key

    for name in AGENCIES:
        assert clean(f"أعلنت الوزارة قرارها اليوم ({name}).") == "أعلنت الوزارة قرارها اليوم.", name
        assert lines._CREDIT_WORDS.search(match_key(name)), name
    assert clean("أعلنت الوزارة قرارها الجديد (reuters) اليوم.") == "أعلنت الوزارة قرارها الجديد اليوم."
    assert "الاناضول" in agency_keys() and "شينخوا" in agency_keys()


def test_a_list_items_marker_is_cut_but_not_a_sign_a_decimal_or_a_year():
    assert clean("- عملية السلام الفلسطينية-الإسرائيلية") == "عملية السلام الفلسطينية-الإسرائيلية"
    assert clean("-زيادة عدد المنشآت الطبية المرخصة من 40 إلى 100 منشأة.").startswith("زيادة عدد")
    assert clean("** هدف مبكر لأيمن أشرف وفرص ضائعة").startswith("هدف مبكر")
    assert clean("3- الاسترخاء: يقول خبراء إن التوتر يؤثر على الهضم.").startswith("الاسترخاء")
    assert clean("٥- وضع آلية تضمن مراقبة وقف إطلاق النار").startswith("وضع آلية")
    for kept in ("-5 درجات تحت الصفر في الكاف", "3.5 مليون دينار للمشروع", "1937- المؤتمر يعلن رفضه"):
        assert clean(kept) == kept


def test_questions_and_bare_sources_say_nothing():
    for text in (
        "ما الذي سيبحثه أمير قطر بزيارته للولايات المتحدة؟",
        "فيصل الغامدي: كيف جلب الأهلي كأس العالم للسعودية؟!",
        "هل تشوه الرسوم الأميركية المزمعة وجه التجارة العالمية",
        "أم أن قرار إيقافه سيكون ساري المفعول.",
        'وبحسب صحيفة "صن" البريطانية.',
        "وفقا لوكالة الصحافة الفرنسية.",
    ):
        assert says_nothing(text), text
    for text in (
        "وبحسب الوكالة، قتل خمسة أشخاص في الانفجار.",
        'وتساءل الوزير عن مصير الاتفاق، مؤكدا أن "الحوار مستمر".',
        "قال ترمب إن الولايات المتحدة ستفرض رسوما على الصلب.",
    ):
        assert not says_nothing(text), text


def test_a_question_headline_is_no_summary_sentence_unless_nothing_else_is_there():
    asks = Article(
        id="q1", page="P-q1", position=0, title="ما الذي سيبحثه أمير قطر بزيارته للولايات المتحدة؟",
        paragraphs=["يلتقي أمير قطر الشيخ تميم بن حمد الرئيس الأمريكي دونالد ترامب الثلاثاء."],
    )  # fmt: skip
    texts = [str(s["text"]) for s in summarize([asks, *QATAR[:2]])]
    assert texts and not any(t.endswith("؟") for t in texts), texts
    only = Article(
        id="q2", page="P-q2", position=0, paragraphs=[], title="هل تنجح الوساطة الكويتية في إنهاء الأزمة؟"
    )
    assert [s["text"] for s in summarize([only])] == [only.title]


def test_no_clause_cut_from_a_question_is_a_summary_sentence():
    # the question's first clause, cut at its comma and closed with a full stop, reads as a statement
    asks = Article(
        id="q3", page="P-q3", position=0, title="أمير قطر في واشنطن",
        paragraphs=["ما الذي سيبحثه أمير قطر مع ترامب، بعد أن أعلن البيت الأبيض موعد الزيارة؟"],
    )  # fmt: skip
    texts = [str(s["text"]) for s in summarize([asks, *QATAR[:2]])]
    assert texts and not any(t.startswith("ما الذي") for t in texts), texts


def test_a_statement_that_ends_by_asking_keeps_its_statement():
    """`تتولى إيفانكا ترامب ...، فما هو دورها تحديداً؟` (62k store): the statement before the question is
    a summary sentence, not the question; a lead-in phrase before a question is none."""
    states = Article(
        id="e1", page="P-e1", position=0, title="شاهد.. ماذا تفعل إيفانكا ترامب في البيت الأبيض؟",
        paragraphs=[
            "تتولى الابنة الأولى للرئيس الأمريكي إيفانكا ترامب الآن المزيد من المسؤوليات في البيت الأبيض، "
            "حيث تعمل أيضًا كمستشار رئيسي للرئيس، فما هو دورها تحديداً؟"
        ],
    )  # fmt: skip
    texts = [str(s["text"]) for s in summarize([states])]
    assert texts and not any(t.endswith("؟") for t in texts), texts
    assert texts[0].startswith("تتولى الابنة الأولى للرئيس الأمريكي إيفانكا ترامب")
    assert asks_at_the_end(states.paragraphs[0])
    assert not asks_at_the_end("في وسط هيمنة مواقع التواصل الاجتماعي، هل سيغير تطبيق جديد المعادلة؟")
    assert not asks_at_the_end("ولكن يا ترى ما مفهوم القوة في هذا العصر، ومن الذي فرض قوته؟")
    assert not asks_at_the_end("ما الذي سيبحثه أمير قطر مع ترامب، بعد أن أعلن البيت الأبيض موعد الزيارة؟")


def test_no_bare_source_cut_from_a_sentence_that_says_more_is_a_summary_sentence():
    # the cut before `فإن` leaves only the source: `وبحسب وكالة الأنباء الرسمية السعودية.`
    says = Article(
        id="s1", page="P-s1", position=0, title="انفجار قرب السوق المركزي",
        paragraphs=[
            "وبحسب وكالة الأنباء الرسمية السعودية، فإن خمسة أشخاص قتلوا في الانفجار الذي وقع صباح اليوم "
            "قرب السوق المركزي وأصيب عشرون آخرون نقلوا إلى مستشفيات المدينة."
        ],
    )  # fmt: skip
    texts = [str(s["text"]) for s in summarize([says, *QATAR[:2]], SummaryOptions(sentence_cost=0.0))]
    assert texts and "وبحسب وكالة الأنباء الرسمية السعودية." not in texts, texts
