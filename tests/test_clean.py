"""Page -> articles, on real lines from the example pages and on layouts built from them."""

from __future__ import annotations

import pytest

from conftest import page_text
from marsad.clean.dateline import dateline_only, find_date, split_dateline
from marsad.clean.lines import LineOptions, furniture_kind, make_line
from marsad.clean.segment import Segment, segment
from marsad.model import RawPage

BODY_1 = (
    "قضى ثلاثة مهاجرين وفُقد أربعة آخرون بعد أن تسرب الماء لقاربهم، الخميس، في بحر إيجه، "
    "وفق ما أعلن خفر السواحل التركي."
)
BODY_2 = (
    "وقال خفر السواحل، في بيان، إن 38 شخصاً آخر أُنقذوا عندما بدأ الماء يتسرب إلى القارب المطاطي، "
    "وفق ما نقلته «وكالة الصحافة الفرنسية»."
)
BODY_3 = "وفي العام الماضي، قضى أو فُقد 1873 مهاجراً حاولوا عبور المتوسط."
TITLE = "مقتل وفقدان مهاجرين إثر غرق قاربهم في بحر إيجه"
CAPTION = "مهاجر يسبح بجوار قارب مطاطي مكتظ بالمهاجرين قرب شواطئ جزيرة ليسبوس اليونانية (رويترز - أرشيفية)"


def _page(text: str, name: str = "p.txt") -> RawPage:
    return RawPage(page=name, text=text, origin=name)


def _line(text: str):  # type: ignore[no-untyped-def]
    return make_line(1, text, 0, LineOptions())


def _reasons(seg) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {d.text: d.reason for d in seg.dropped}


def test_caption_printed_twice_is_dropped() -> None:
    text = "\n".join([TITLE, "", CAPTION, CAPTION, "", BODY_1, BODY_2])
    (seg,) = segment(_page(text))
    assert seg.title == TITLE
    assert seg.paragraphs == [BODY_1, BODY_2]
    assert [d.reason for d in seg.dropped] == ["caption", "printed_twice"]


def test_agency_credit_marks_a_caption() -> None:
    assert _line("جانب من اجتماع التحالف في روما أمس (رويترز)").credit == "رويترز"
    assert _line("وزير الخارجية الأميركي مايك بومبيو (ا.ف.ب)").credit == "ا.ف.ب"
    assert _line("تلة مدمَّرة في إقليم مايوت الفرنسي بالمحيط الهندي (أ.ب)").credit == "أ.ب"


def test_headline_with_pictures_mark_is_not_a_caption() -> None:
    assert _line("14 قتيلاً على الأقل جراء إعصار في أرخبيل مايوت الفرنسي (صور)").credit is None


def test_agency_signoff_after_a_sentence_is_body() -> None:
    assert _line("وأعلن الجيش مقتل ثلاثة جنود في الهجوم. (أ ف ب)").credit is None


def test_site_marker_and_decoration() -> None:
    opts = LineOptions()
    assert furniture_kind(_line("TT"), opts) == "site_marker"
    assert furniture_kind(_line("-"), opts) == "decoration"


def test_related_header_and_read_also() -> None:
    opts = LineOptions()
    assert furniture_kind(_line("مقالات ذات صلة"), opts) == "related_header"
    assert furniture_kind(_line("اقرأ أيضاً: التحالف الدولي يجتمع في روما"), opts) == "read_also"
    assert furniture_kind(_line("جميع الحقوق محفوظة © 2024"), opts) == "footer"
    # an opinion page's disclaimer (under 446 of alarabia.net's ANT articles), not the column's last words
    assert furniture_kind(_line("** جميع المقالات المنشورة تمثل رأي كتابها فقط."), opts) == "footer"
    assert (
        furniture_kind(_line("The views expressed in this article are those of the author."), opts)
        == "footer"
    )
    assert furniture_kind(_line("ويرى الكاتب أن المقالات المنشورة في الصحف تمثل أصوات الناس."), opts) is None
    # found repeated across an outlet's pages: an app's promotion (BBC Arabic, 857 times), a call to
    # click, a "for more:" link, a column's credit to the paper it was reprinted from
    promo = (
        "يمكنكم تسلم إشعارات بأهم الموضوعات بعد تحميل أحدث نسخة من تطبيق بي بي سي عربي على هاتفكم المحمول."
    )
    assert furniture_kind(_line(promo), opts) == "footer"
    assert furniture_kind(_line("لمتابعة المباراة على الحواسيب اللوحية، اضغط هنا..."), opts) == "footer"
    assert furniture_kind(_line("للمزيد: أهم بنود الاتفاق النووي الإيراني"), opts) == "read_also"
    assert furniture_kind(_line("*نقلاً عن الرؤية الإماراتية"), opts) == "source_line"
    assert (
        furniture_kind(_line("وقال الوزير إن الحكومة ستطلق تطبيقا جديدا للمواطنين الشهر المقبل."), opts)
        is None
    )
    assert furniture_kind(_line("ونقلا عن مصادر مطلعة فإن الاجتماع تأجل إلى الأسبوع المقبل."), opts) is None


def test_multi_article_page_is_split_at_repeated_titles() -> None:
    (seg1, seg2, seg3, seg4) = segment(_page(page_text("000")))
    assert seg1.title == "التحالف الدولي يتعهد «هزيمة دائمة» لـ«داعش»"
    assert seg1.subtitle == "«قلق شديد» من انتشار شبكات التنظيم في أفريقيا جنوب الصحراء"
    assert seg2.title == "مذكرة لـ«الكرملين» تحدد مجالات محتملة لتعاون اقتصادي مع إدارة ترمب"
    assert seg3.title == TITLE
    assert seg3.paragraphs[0].startswith("قضى ثلاثة مهاجرين")
    assert seg4.title.startswith("بعد عام من اتصاله الأول ببوتين")
    reasons = _reasons(seg1)
    assert reasons["TT"] == "site_marker"
    assert reasons["جانب من اجتماع التحالف في روما أمس (رويترز)"] in ("caption", "printed_twice")


def test_related_block_with_teasers_is_dropped_and_next_article_found() -> None:
    segs = segment(_page(page_text("001")))
    assert [s.title for s in segs] == [
        "«التحالف الدولي» يبحث كيفية إلحاق هزيمة دائمة بـ«داعش»",
        "14 قتيلاً على الأقل جراء إعصار في أرخبيل مايوت الفرنسي (صور)",
    ]
    dropped = _reasons(segs[0])
    assert dropped["مقالات ذات صلة"] == "related_header"
    assert dropped["سعيد عبد الرازق (أنقرة)"] == "related_block"
    assert not any("بوركينا فاسو" in p for p in segs[0].paragraphs)
    # captions between the body paragraphs of the second article
    assert "آثار الدمار التي خلفها الإعصار (أ.ف.ب)" not in segs[1].paragraphs


def test_masthead_printed_twice_and_image_captions_dropped_subheadings_kept() -> None:
    (seg,) = segment(_page(page_text("002")))
    assert seg.title.startswith("داعش ينتقل إلى أفريقيا")
    assert seg.subtitle is None
    reasons = _reasons(seg)
    assert reasons["رئيس التحرير"] == "masthead"
    assert reasons["الاجتماع الوزاري"] == "caption"
    assert reasons["قوات داعش"] == "caption"
    assert "داعش لم تنهزم بعد وتفتح جبهة في أفريقيا" in seg.paragraphs
    assert "أمريكا تنقل رسالة عبر مشاركتها بالاجتماع الوزاري" in seg.paragraphs
    assert seg.paragraphs[-1].startswith("وأكد أن هذا الاجتماع")


def test_block_of_body_text_printed_twice_counts_once() -> None:
    (seg,) = segment(_page(page_text("003")))
    assert seg.title is None
    assert len(seg.paragraphs) == 20
    assert len(set(seg.paragraphs)) == 20
    assert sum(d.reason == "repeated_block" for d in seg.dropped) == 19


def test_dateline_is_split_off_the_first_paragraph() -> None:
    (seg,) = segment(_page(page_text("004")))
    assert seg.dateline is not None
    assert seg.dateline.text == "بوابة اوكرانيا -كييف في28يونيو 2021 –"
    assert seg.dateline.source == "بوابة اوكرانيا"
    assert seg.dateline.place == "كييف"
    assert seg.dateline.published == "2021-06-28"
    assert seg.paragraphs[0].startswith("بينما تعمل الولايات المتحدة")


def test_agency_dateline_shapes() -> None:
    dl, rest = split_dateline("بيروت (رويترز) - قال مسؤولون إن الاجتماع انتهى.")
    assert dl is not None and dl.source == "رويترز" and dl.place == "بيروت"
    assert rest.startswith("قال مسؤولون")
    dl, rest = split_dateline("وقال الوزير: إن الاجتماع انتهى.")
    assert dl is None


def test_date_with_glossed_month() -> None:
    assert find_date("في السادس 12 يوليو (تموز) 2018") == "2018-07-12"
    assert find_date("قرار مجلس الأمن الرقم 2254") is None


def test_record_is_cleaned_but_never_split() -> None:
    text = "\n".join([BODY_1, "", TITLE, "", CAPTION, CAPTION, "TT", "", BODY_2, BODY_3])
    page = RawPage(page="r1", text=text, origin="x.jsonl", kind="record", title="عنوان الخبر")
    (seg,) = segment(page)
    assert seg.title == "عنوان الخبر"
    assert BODY_1 in seg.paragraphs and BODY_3 in seg.paragraphs
    assert CAPTION not in seg.paragraphs and "TT" not in seg.paragraphs


def test_a_records_dateline_after_its_repeated_title_is_split_off() -> None:
    """A record whose text repeats its title, then opens with `CITY DAY MONTH (AGENCY)-` (SemEval ar)."""
    title = "الملك يبحث هاتفيا مع رئيسة المفوضية الأوروبية سبل تنسيق الجهود لمواجهة كورونا"
    lead = "عمان 3 أيار (بترا)- بحث جلالة الملك عبدالله الثاني مع رئيسة المفوضية الأوروبية سبل تنسيق الجهود."
    text = f"{title}\n\n{lead}\n\n{BODY_2}"
    page = RawPage(page="r", text=text, origin="x.jsonl", kind="record", title=title)
    (seg,) = segment(page)
    assert seg.dateline is not None and seg.dateline.place == "عمان" and seg.dateline.source == "بترا"
    assert seg.paragraphs[0].startswith("بحث جلالة الملك")


def test_a_record_titled_with_the_agencys_name_has_its_headline_as_title_and_the_agency_as_source() -> None:
    """The scraper took the site's name for the headline (`وكالة الانباء الاردنية`, SemEval ar): the
    text's heading is the title and the agency the source; an agency's news keeps its title."""
    head = "الملك يبحث مع رئيسة المفوضية الأوروبية علاقات التعاون بين الأردن والاتحاد الأوروبي"
    text = f"{head}\n\n{BODY_1}\n\n{BODY_2}"
    (seg,) = segment(
        RawPage(page="r", text=text, origin="x.jsonl", kind="record", title="وكالة الانباء الاردنية")
    )
    assert (seg.title, seg.source) == (head, "وكالة الانباء الاردنية")
    assert head not in seg.paragraphs and BODY_1 in seg.paragraphs
    news = "وكالة الأنباء الأردنية تطلق خدمتها الجديدة باللغة الإسبانية"
    (seg,) = segment(RawPage(page="n", text=text, origin="x.jsonl", kind="record", title=news))
    assert (seg.title, seg.source) == (news, None)


def test_a_record_whose_whole_text_is_its_headline_is_an_article() -> None:
    """A news alert (SemEval es: the text only repeats the title) is kept with the headline as body;
    a record of a word or two repeated (`nan`) gives no article."""
    alert = "Asaltan a mujer en la vía pública"
    (seg,) = segment(RawPage(page="r", text=alert, origin="x.jsonl", kind="record", title=alert))
    assert seg.title == alert and seg.paragraphs == [alert]
    assert segment(RawPage(page="n", text="nan", origin="x.jsonl", kind="record", title="nan")) == []


def test_short_verse_lines_inside_a_body_are_kept() -> None:
    text = "\n".join([TITLE, "", BODY_1, "ويقول مطلع الأغنية:", "بعد التجارب والعتب", "رجعنا للحب", BODY_2])
    (seg,) = segment(_page(text))
    assert "بعد التجارب والعتب" in seg.paragraphs and "رجعنا للحب" in seg.paragraphs


def test_page_without_any_body_yields_no_article() -> None:
    assert segment(_page("TT\n\n-\n")) == []
    assert segment(_page("")) == []


def _record(page: str, *lines: str) -> Segment:
    """The one article of a JSON Lines record whose text is these lines (blank lines between)."""
    (seg,) = segment(RawPage(page=page, text="\n\n".join(lines), origin="x.jsonl", kind="record"))
    return seg


def test_a_record_that_opens_with_its_url_and_a_timestamp_has_its_headline_as_title() -> None:
    # an ECB+ record: the scraper wrote the URL (tokenised) first, then the headline and a timestamp line
    seg = _record(
        "1_10ecbplus",
        "http: / / articles. latimes. com / 2013 / may / 03 / local / la - me - 0504 - lohan - rehab - 2013",
        "Lindsay Lohan checks into Betty Ford Center",
        "May 03, 2013",
        "After skipping out on entering a Newport Beach rehabilitation facility, Lindsay Lohan has checked "
        "into the Betty Ford Center to begin a 90 - day court - mandated stay.",
    )  # fmt: skip
    assert seg.title == "Lindsay Lohan checks into Betty Ford Center"
    assert seg.url == "http://articles.latimes.com/2013/may/03/local/la-me-0504-lohan-rehab-2013"
    assert seg.published == "2013-05-03"
    assert seg.paragraphs[0].startswith("After skipping out")
    assert {d.reason for d in seg.dropped} == {"url", "date_line"}


def test_a_timestamp_with_an_ordinal_day_before_the_headline_is_not_the_title() -> None:
    seg = _record(
        "27_10ecbplus",
        "http: / / news. example. com / news / Microsoft - Launches - Emergency - Patch - 383865. shtml",
        "September 18th, 2013, 05: 31 GMT",
        "Microsoft Launches Emergency Patch for Internet Explorer",
        "Microsoft has just released a new security update for Internet Explorer in order to patch a flaw "
        "affecting all versions of the company ’ s in - house browser.",
    )  # fmt: skip
    assert seg.title == "Microsoft Launches Emergency Patch for Internet Explorer"
    assert seg.published == "2013-09-18"
    assert [d.reason for d in seg.dropped] == ["url", "date_line"]


def test_a_bare_numeric_timestamp_dates_a_record() -> None:
    seg = _record(
        "tr-1",
        "Burdur'da millet kıraathanesi için çalışmalar devam ediyor",
        "01.05.2020 17:33",
        "Burdur Belediyesi tarafından yapımı süren millet kıraathanesinde çalışmalar hızla devam ediyor ve "
        "yapının yaz aylarında hizmete açılması bekleniyor.",
    )  # fmt: skip
    assert seg.published == "2020-05-01"
    assert [d.reason for d in seg.dropped] == ["date_line"]


def test_a_timestamp_on_an_english_page_is_read_month_first() -> None:
    head = ("Chargers' Jamal Williams arrested on DUI suspicion", "Posted 2 / 3 / 2009 11: 11 PM")
    english = _record(
        "35_1ecbplus", *head,
        "Chargers defensive tackle Jamal Williams was arrested on suspicion of drunken driving, the team's "
        "second such arrest in less than a month.",
    )  # fmt: skip
    assert english.published == "2009-02-03"
    french = _record("fr-1", *head, "Le joueur des Chargers a été arrêté par la police et libéré hier.")
    assert french.published == "2009-03-02"


def test_url_lines_and_latin_timestamp_lines() -> None:
    opts = LineOptions()
    kind = lambda text: furniture_kind(make_line(1, text, 0, opts), opts)  # noqa: E731
    assert kind("https://www.example.com/news/2013/09/16/a_b?id=3") == "url"
    assert kind("http: / / www. huffingtonpost. com / 2011 / 10 / 25 / lopez _ n _ 1031411. html") == "url"
    assert kind("www.example.com is where the report first appeared, with photos and a map") is None
    for stamp in ("Sun, 15 Sep 2013", "16 September 2013 Last updated at 12: 42 GMT", "May 03, 2013",
                  "Publié le 12 mars 2020 à 10h30", "12: 52 p. m. EDT May 2, 2013", "Posted May 3rd, 2013",
                  "September 18th, 2013, 05: 31 GMT", "1er mai 2013 à 10h30"):  # fmt: skip
        assert kind(stamp) == "date_line", stamp
    assert kind("Lindsay Lohan checks into Betty Ford Center in May 2013") is None
    assert kind("The 18th hole, 2013") is None
    # bare or foreign timestamps are date lines (they date the article), not decoration or crumbs
    for stamp in ("01.05.2020 17:33", "2021-06-28 12:30", "02/01/2020 05:00 h",
                  "publié le 24/04/2020 à 08:52", "15.02.2020 16:40 | Son Güncelleme: 15.02.2020 17:12",
                  "Güncelleme Tarihi: 09 Şubat 2020, 19:19",
                  "Publicado el Martes, 4 Febrero, 2020 - 08:11 (GMT-4)",
                  "AA 14.01.2020 15:53 - Güncelleme: 14.01.2020 15:53",
                  "AFP 12:30 GMT, 3 May 2013", "May 2, 2013 | 5: 03pm", "MAY 3, 2013 AT 1: 10PM",
                  "First Published: June 13, 2013 4: 59 PM EDT", "Posted on Thu Jun 13, 2013 08: 45 AM PDT",
                  "26 September 2013, 10: 00 ( GMT+05: 00 )", "Reuters Sep 18, 2013, 02. 16PM IST",
                  "on September 14, 2013 11: 41am | Updated on September 14, 2013 11: 41am"):  # fmt: skip
        assert kind(stamp) == "date_line", stamp
    assert kind("AA Ankara, 14.01.2020") != "date_line"  # a place is not part of a timestamp
    assert kind("At 5pm on Monday the police said") is None
    for other in ("***", "3 - 1", "12:30", "2020"):
        assert kind(other) == "decoration", other
    assert kind("Inicio / Deportes / Fútbol") == "navigation"


def test_a_link_given_inside_a_text_stays_in_it() -> None:
    text = "\n".join([TITLE, "", BODY_1, "https://www.example.org/report-2021.pdf", BODY_2])
    (seg,) = segment(_page(text))
    assert "https://www.example.org/report-2021.pdf" in seg.paragraphs and seg.url is None


def test_an_agency_records_section_label_and_dated_dateline_line_are_taken_off() -> None:
    """The Saudi Press Agency's shape (SaudiNewsNet): `عام / ` before the headline, then a line of
    place, the day in both calendars and the agency before the body."""
    dateline = "بريدة 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس"
    text = f"{dateline}\n{BODY_1}\n{BODY_3}"
    page = RawPage(
        page="r", text=text, origin="x.jsonl", kind="record", title="عام / مهرجان تمور بريدة يواصل فعالياته"
    )
    (seg,) = segment(page)
    assert seg.title == "مهرجان تمور بريدة يواصل فعالياته"
    assert seg.paragraphs == [BODY_1, BODY_3]
    assert seg.dateline is not None and (seg.dateline.place, seg.dateline.source) == ("بريدة", "واس")
    assert seg.published == "2015-08-10"
    # a label with too little after it is the title; a sentence's first words before a date are body
    short = RawPage(page="s", text=text, origin="x.jsonl", kind="record", title="عام / الطقس")
    assert segment(short)[0].title == "عام / الطقس"
    opening = f"تبدأ الدراسة 10 أغسطس 2015 للطلاب\n{BODY_1}"
    (seg,) = segment(RawPage(page="o", text=opening, origin="x.jsonl", kind="record", title="التقويم"))
    assert seg.dateline is None and seg.paragraphs[0].startswith("تبدأ الدراسة")


def test_a_share_widget_glued_before_the_first_paragraph_is_split_off() -> None:
    """Okaz (SaudiNewsNet) glues its share buttons' words to the lead; an article about the networks
    keeps its words."""
    widget = "شارك من خلال تويتر فيسبوك جوجل بلس اكتب رأيك"
    text = f"{widget} {BODY_1}\n{BODY_3}"
    (seg,) = segment(RawPage(page="r", text=text, origin="x.jsonl", kind="record", title=TITLE))
    assert seg.paragraphs == [BODY_1, BODY_3]
    assert [(d.reason, d.text) for d in seg.dropped] == [("footer", widget)]
    about = "أكد ممثلو فيسبوك وتويتر ويوتيوب، خلال جلسة استماع، الثلاثاء، التزامهم بمكافحة التضليل."
    (seg,) = segment(
        RawPage(page="a", text=f"{about}\n{BODY_3}", origin="x.jsonl", kind="record", title=TITLE)
    )
    assert seg.paragraphs[0] == about


def test_a_lone_tatweel_is_a_datelines_dash_and_the_place_is_found_on_either_side() -> None:
    dl, rest = split_dateline("الرياضي ـ الكويت ـ استقبل الشيخ صباح الأحمد أمير دولة الكويت وفدا رياضيا.")
    assert dl is not None and (dl.place, dl.source) == ("الكويت", "الرياضي")
    assert dl.text == "الرياضي ـ الكويت ـ" and rest.startswith("استقبل الشيخ")
    line = dateline_only("ناصر الطميحي ـ جدة")
    assert line is not None and line.place == "جدة"
    assert dateline_only("الـرياض") is None  # a tatweel inside a word only stretches it


def test_wire_marks_contacts_syndication_credits_captions_and_a_disclaimer_are_furniture() -> None:
    """Lines SaudiNewsNet's and ANT's outlets print under (or over) many articles; news sentences that
    share their words stay."""
    opts = LineOptions()
    cases = {
        "// انتهى //": "footer",
        "// يتبع //": "footer",
        "للتواصل مع الكاتب ارسل رسالة SMS": "footer",
        "تبدأ بالرمز (100) ثم مسافة ثم نص الرسالة إلى": "footer",
        "88591 - Stc": "footer",
        "Asalgrni@gmail.com": "footer",
        "* خدمة «نيويورك تايمز»": "source_line",
        "* بالاتفاق مع «بلومبيرغ»": "source_line",
        "هذا المقال بقلم جيري ماهر، محلل سياسي وكاتب لبناني. المقال يعبر عن رأي الكاتب ولا يعكس بالضرورة "
        "رأي شبكة CNN.": "byline",
        "خدمة المتقاضين والمراجعين": None,
        "وقال إن التصريحات لا تعكس بالضرورة موقف الحكومة.": None,
        "وأرسل الوزير رسالة إلى 20 ألف مواطن يدعوهم إلى التسجيل.": None,
        "انتهى الاجتماع دون اتفاق على موعد الجولة المقبلة.": None,
        "جانب من الاجتماع الفني": "caption",
        "جانب من الحضور الإعلامي في المؤتمر الصحفي": "caption",
        "جانب من المسؤولية يقع على عاتق الوزارة وحدها، كما قال الوزير في كلمته أمام البرلمان.": None,
    }
    for text, kind in cases.items():
        assert furniture_kind(_line(text), opts) == kind, text


def test_contact_handles_and_more_buttons_are_furniture() -> None:
    """A columnist's text-message instructions wrapped onto lines of their own and handles (okaz,
    almadina, 3alyoum in SaudiNewsNet), and the "more" button before a teased headline (CNN Arabic)."""
    opts = LineOptions()
    cases = {
        "للتواصل أرسل sms إلى 88548 الاتصالات، 636250 موبايلي، 738303 زين تبدأ بالرمز 153 مسافة ثم الرسالة": (
            "footer"
        ),
        "زين تبدأ بالرمز 158 مسافة ثم الرسالة": "footer",
        "بالرمز 134 مسافة ثم الرسالة": "footer",
        "@T_algashgari": "footer",
        "تويتر: @ibrahim__naseeb": "footer",
        "T: Arfaj1": "footer",
        "المزيد...": "read_also",
        "المزيد... داعش يتبنى مسؤولية الهجمات على كنائس في إندونيسيا": "read_also",
        "للمزيد.. زيمبابوي: إرث ملطخ بالدماء": "read_also",
        "المزيد من الجهود مطلوبة لحل الأزمة قبل نهاية العام.": None,
        "Frontera": None,  # a film's title, no handle
    }
    for text, kind in cases.items():
        assert furniture_kind(_line(text), opts) == kind, text


@pytest.mark.parametrize(
    ("last", "kind", "source"),
    [
        ("فرانس24/ أ ف ب", "source_line", "فرانس24/ أ ف ب"),
        ("فرانس 24 / أ ف ب", "source_line", "فرانس 24 / أ ف ب"),
        ("* وحدة التقارير الاقتصادية", "byline", None),
        ("* استشاري طب الأطفال", "byline", None),
        ("*أستاذ مساعد في كلية العلوم السياسية - مصر", "byline", None),
        ("* تراجع طفيف في سوق دبي", None, None),  # a subheading's words: kept
    ],
)
def test_an_articles_last_line_crediting_the_piece_is_dropped(
    last: str, kind: str | None, source: str | None
) -> None:
    """France 24 closes with `فرانس24/ أ ف ب` (71 articles in ANT), SaudiNewsNet's papers with the desk or
    the writer's post after a star; inside the body a star line is a subheading and stays."""
    text = f"{BODY_1}\n{last}"
    (seg,) = segment(RawPage(page="r", text=text, origin="x.jsonl", kind="record", title=TITLE))
    assert [(d.reason, d.text) for d in seg.dropped if d.text == last] == ([(kind, last)] if kind else [])
    assert seg.source == source
    (seg,) = segment(
        RawPage(page="m", text=f"{BODY_1}\n{last}\n{BODY_3}", origin="x.jsonl", kind="record", title=TITLE)
    )
    assert last in seg.paragraphs or kind == "source_line"


def test_tags_glued_after_the_last_sentence_are_split_off() -> None:
    """عين اليوم (SaudiNewsNet) prints its tags after the last sentence, on the same line."""
    last = "وأديت عليه صلاة الميت في المسجد الحرام بعد صلاة العشاء."
    text = f"{BODY_1}\n{last} سمات الأمير سعود الفيصل جدة"
    (seg,) = segment(RawPage(page="r", text=text, origin="x.jsonl", kind="record", title=TITLE))
    assert seg.paragraphs == [BODY_1, last]
    assert [(d.reason, d.text) for d in seg.dropped] == [("footer", "سمات الأمير سعود الفيصل جدة")]
    noun = "قال الحريري إنه لم يعد صديقه لأن من سمات الصداقة الوفاء، وريفي اختار ألا يكون صديقه."
    verse = "مع اني ما قصرت وأدري من سمات الأنقيا"
    for kept in (noun, verse):
        (seg,) = segment(
            RawPage(page="k", text=f"{BODY_1}\n{kept}", origin="x.jsonl", kind="record", title=TITLE)
        )
        assert seg.paragraphs == [BODY_1, kept]


def test_a_line_of_place_or_agency_alone_over_the_body_is_the_dateline() -> None:
    for line, place, source in (
        ("جدة", "جدة", None),
        ("مكة المكرمة", "مكة المكرمة", None),
        ("واس", None, "واس"),
    ):
        (seg,) = segment(
            RawPage(
                page="r", text=f"{line}\n{BODY_1}\n{BODY_3}", origin="x.jsonl", kind="record", title=TITLE
            )
        )
        assert seg.paragraphs == [BODY_1, BODY_3], line
        assert seg.dateline is not None and (seg.dateline.place, seg.dateline.source) == (place, source)
    # an outlet's name, a desk or a writer is neither: the line stays where it is
    (seg,) = segment(
        RawPage(page="n", text=f"متابعات\n{BODY_1}", origin="x.jsonl", kind="record", title=TITLE)
    )
    assert seg.paragraphs[0] == "متابعات" and seg.dateline is None
    # nor is a place's adjective (a kicker: `المصري`)
    (seg,) = segment(
        RawPage(page="a", text=f"المصري\n{BODY_1}", origin="x.jsonl", kind="record", title=TITLE)
    )
    assert seg.paragraphs[0] == "المصري" and seg.dateline is None


def test_a_slide_shows_buttons_go_and_a_place_line_under_a_bylined_dateline_places_it() -> None:
    """عين اليوم: `Next Previous حامد القرشي – عين اليوم`, then `جدة`, then the body."""
    text = f"Next Previous حامد القرشي – عين اليوم\nجدة\n{BODY_1}\n{BODY_3}"
    (seg,) = segment(RawPage(page="r", text=text, origin="x.jsonl", kind="record", title=TITLE))
    assert seg.paragraphs == [BODY_1, BODY_3]
    assert seg.dateline is not None and (seg.dateline.place, seg.dateline.source) == ("جدة", "عين اليوم")
    assert ("navigation", "Next Previous") in [(d.reason, d.text) for d in seg.dropped]
