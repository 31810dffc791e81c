"""Page -> articles: find where articles start on a page, their title, subtitle and dateline, and
drop everything that is not body text, each dropped line with its reason.

The signals are structural and general, not lists of outlets: a headline is a short unpunctuated
line that heads body text; a new article on a multi-article page announces itself by its header
block (the title printed again, photo captions, site markers) or by following a related-articles
list; captions carry agency credits or are printed twice; mastheads repeat as a run at the top;
blocks of body text printed twice on a page count once.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from marsad.clean.dateline import Dateline, dateline_only, find_date, joined, place_line, split_dateline
from marsad.clean.lines import Line, LineOptions, furniture_kind, make_line, source_of
from marsad.model import DroppedLine, RawPage
from marsad.text.credits import agency_keys
from marsad.text.latin_dates import english_text
from marsad.text.normalize import clean_display, match_key

# Prefixes cut before comparing words across paragraphs (و، ف، ب، ل، ال and their combinations).
_PREFIX = re.compile(r"^(?:وال|بال|كال|فال|لل|ال|و|ف|ب|ل)")

# Kinds of line that may sit in an article's header block, between its title and its body.
_HEADER_NOISE = frozenset(
    {
        "caption",
        "printed_twice",
        "site_marker",
        "decoration",
        "byline",
        "date_line",
        "repeated_title",
        "source_line",
        "navigation",
        "url",
    }
)


# Kinds of line a record's text may open with before its headline.
_BEFORE_TITLE = frozenset(
    {"url", "date_line", "decoration", "site_marker", "navigation", "byline", "source_line"}
)


@dataclass(frozen=True)
class SegmentOptions:
    """Tunables of the segmenter (documented defaults)."""

    lines: LineOptions = field(default_factory=LineOptions)
    #: most lines between a title and the body it heads
    header_max_lines: int = 10
    #: a new article after a related list, or one announced only by its header block, needs at
    #: least this many body lines (or `min_body_words`) before the next heading or noise
    min_body_lines: int = 2
    min_body_words: int = 50
    #: masthead/nav: a run of at least this many short lines at the very top of a page
    nav_min_lines: int = 3
    nav_max_words: int = 4
    #: a short line between headings or at the end of an article is a caption or a tag up to this
    #: many words; longer unpunctuated lines are kept as body
    caption_max_words: int = 8
    #: a headline set apart by 2+ blank lines starts a new article when the content words of the
    #: first paragraphs under it and of the article before it have a Jaccard similarity below this
    #: (0.04 tells apart 93% of same-article/other-article pairs on real Arabic news)
    topic_shift_jaccard: float = 0.04
    #: a body line printed again on the page is dropped when it has this many words, or when a
    #: neighbour is repeated too (a block)
    repeat_min_words: int = 40


@dataclass
class Segment:
    """One article found on a page, before ids and hashes are given."""

    title: str | None = None
    subtitle: str | None = None
    dateline: Dateline | None = None
    source: str | None = None  # from a `المصدر: ...` line or the dateline
    published: str | None = None  # YYYY-MM-DD from a timestamp line or the dateline
    url: str | None = None  # from a line that is only the page's URL
    paragraphs: list[str] = field(default_factory=list)
    dropped: list[DroppedLine] = field(default_factory=list)


def page_lines(text: str, opts: LineOptions) -> list[Line]:
    """Non-blank lines of a page with their features and the blank lines before each."""
    out: list[Line] = []
    gap = 0
    for no, raw in enumerate(clean_display(text).split("\n"), start=1):
        if not raw.strip():
            gap += 1
            continue
        for part in _tags_split(_widget_split(raw.strip())):
            out.append(make_line(no, part, gap, opts))
            gap = 0
    return out


# A share widget's words glued before a paragraph by the scraper (Okaz in SaudiNewsNet: `شارك من
# خلال تويتر فيسبوك جوجل بلس اكتب رأيك أكد نائب خادم الحرمين ...`): a run made only of these words,
# naming two networks or more, is split off as a line of its own (then furniture: `footer`).
_WIDGET_WORDS = frozenset(
    match_key(w)
    for w in """شارك شاركها شاركنا مشاركة من خلال عبر على تويتر فيسبوك فيس بوك جوجل غوغل بلس واتساب واتس اب
    تلغرام تيليجرام لينكدإن لينكد إن انستغرام إنستغرام اكتب رأيك أضف تعليق تعليقك طباعة إرسال ارسال البريد
    الإلكتروني لصديق facebook twitter google whatsapp telegram linkedin email print share""".split()
)
_NETWORKS = frozenset(
    match_key(w)
    for w in "تويتر فيسبوك فيس جوجل غوغل واتساب واتس تلغرام تيليجرام لينكد انستغرام إنستغرام "
    "facebook twitter google whatsapp telegram linkedin".split()
)
_WIDGET_MIN_WORDS = 4
# A slide show's buttons before a dateline (عين اليوم: `Next Previous حامد القرشي – عين اليوم`)
_SLIDER_FIRST = re.compile(r"^(?:Next\s+Previous|Previous\s+Next)\s+(?=\S)")


def _widget_split(text: str) -> list[str]:
    slider = _SLIDER_FIRST.match(text)
    if slider:
        return [text[: slider.end()].strip(), *_widget_split(text[slider.end() :])]
    words = text.split()
    run = 0
    while run < len(words) and match_key(words[run]) in _WIDGET_WORDS:
        run += 1
    networks = sum(match_key(w) in _NETWORKS for w in words[:run])
    if run < _WIDGET_MIN_WORDS or networks < 2 or len(words) - run < 3:
        return [text]
    return [" ".join(words[:run]), " ".join(words[run:])]


# A page's tags glued after the last sentence by the scraper (عين اليوم in SaudiNewsNet, under 1,562 of its
# articles: `... بكلية الطب. سمات تبوك جامعة معمة تبوك`): `سمات` and up to twelve unpunctuated words ending
# the line are split off (then furniture: `footer`). `من سمات الصداقة الوفاء.` is a sentence's noun.
_TAGS = re.compile(r"(?<=\S)\s+(?=سمات(?:\s+[^\s.،,:;؛!?؟\"“”«»()]+){1,12}\s*$)")
_NOT_BEFORE_TAGS = frozenset(match_key(w) for w in "من ومن أبرز وأبرز أهم وأهم هي هذه".split())


def _tags_split(parts: list[str]) -> list[str]:
    text = parts[-1]
    m = _TAGS.search(text)
    if m is None or match_key(text[: m.start()].split()[-1]) in _NOT_BEFORE_TAGS:
        return parts
    return [*parts[:-1], text[: m.start()], text[m.end() :]]


def _classify_furniture(lines: list[Line], opts: SegmentOptions) -> None:
    """Noise decidable from a line alone, captions by credit, lines printed twice in a row."""
    prev: Line | None = None
    body_seen = False
    for ln in lines:
        kind = furniture_kind(ln, opts.lines)
        if kind == "url" and body_seen:
            kind = None  # a link given inside a text is part of it; only one heading a page is furniture
        body_seen = body_seen or (not kind and ln.sentence)
        if kind:
            ln.kind = kind
        elif prev is not None and ln.key == prev.key and not ln.sentence:
            ln.kind = "printed_twice"
        elif ln.credit is not None and not ln.sentence and not ln.bullet:
            ln.kind = "caption"
        elif ln.byline and not ln.sentence:
            ln.kind = "byline"
        prev = ln


def _mark_masthead(lines: list[Line], opts: SegmentOptions) -> None:
    """Mastheads and navigation at the top: a run of short lines printed twice, or a run of
    very short lines before the first blank line."""
    first_body = next((i for i, ln in enumerate(lines) if ln.sentence), len(lines))
    top = [ln for ln in lines[:first_body] if not ln.kind]
    keys = [ln.key for ln in top]
    for size in range(min(8, len(top) // 2), 1, -1):
        # a run of `size` lines printed again later, not overlapping: both copies are masthead. Runs are
        # found by their keys in one pass (comparing every pair of starts is quadratic: a page of 100k
        # short lines and no sentence took hours).
        starts: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for start in range(len(top) - size + 1):
            starts[tuple(keys[start : start + size])].append(start)
        for found in starts.values():
            first, last = found[0], found[-1]
            for start in found:
                if last - start >= size or start - first >= size:
                    for ln in top[start : start + size]:
                        ln.kind = "masthead"
    run_end = 0
    while run_end < len(lines) and (run_end == 0 or lines[run_end].gap == 0):
        ln = lines[run_end]
        if ln.sentence or ln.words > opts.nav_max_words:
            break
        run_end += 1
    # (text extracted from HTML has no blank lines: there a run of short lines is a list, not a menu)
    if run_end >= opts.nav_min_lines and run_end < len(lines) and lines[run_end].gap >= 1:
        for ln in lines[:run_end]:
            ln.kind = ln.kind or "masthead"


def _is_heading(ln: Line) -> bool:
    return not ln.kind and ln.heading


def _is_body(ln: Line) -> bool:
    return not ln.kind and (ln.sentence or ln.bullet)


def _header_zone(lines: list[Line], i: int, opts: SegmentOptions) -> int | None:
    """Index of the first body line that the heading at `i` heads, if the lines between are
    header material (captions, markers, a subtitle, the title again)."""
    subtitles = 0
    for j in range(i + 1, min(len(lines), i + 2 + opts.header_max_lines)):
        ln = lines[j]
        if _is_body(ln):
            return j
        if ln.kind in _HEADER_NOISE or ln.kind == "masthead":
            continue
        if _is_heading(ln) and (ln.key == lines[i].key or subtitles < 2):
            subtitles += ln.key != lines[i].key
            continue
        return None
    return None


def _body_run(lines: list[Line], j: int) -> tuple[int, int]:
    """Body lines and words from `j` until the next heading, skipping captions and markers."""
    n = words = 0
    while j < len(lines) and (_is_body(lines[j]) or lines[j].kind in _HEADER_NOISE):
        if _is_body(lines[j]):
            n += 1
            words += lines[j].words
        j += 1
    return n, words


def _article_starts(lines: list[Line], opts: SegmentOptions) -> list[int]:
    """Indices of the lines where articles start (a title, or the first body line)."""
    starts: list[int] = []
    seen_body = False
    in_related = False
    i = 0
    while i < len(lines):
        ln = lines[i]
        if ln.kind == "related_header":
            in_related = True
        if _is_heading(ln):
            body = _header_zone(lines, i, opts)
            if body is not None:
                zone = lines[i + 1 : body]
                repeated = any(z.key == ln.key for z in zone)
                furnished = any(z.kind in _HEADER_NOISE for z in zone)
                n, words = _body_run(lines, body)
                substantial = n >= opts.min_body_lines or words >= opts.min_body_words
                if not seen_body and not starts:
                    ok = True
                elif repeated:
                    ok = substantial or not in_related
                elif furnished and (ln.gap >= 2 or in_related or _after_footer(lines, i)):
                    ok = substantial
                elif ln.gap >= 2 and substantial and seen_body:
                    # set apart by blank lines only: a new article if it talks about other things
                    before = _words(lines[starts[-1] if starts else 0 : i])
                    ok = _jaccard(before, _words(lines[body:], max_lines=4)) < opts.topic_shift_jaccard
                else:
                    ok = False
                if ok:
                    starts.append(i)
                    seen_body, in_related = True, False
                    i = body
                    continue
        if _is_body(ln) and not in_related:
            if not starts:
                starts.append(i)
            seen_body = True
        i += 1
    return starts


def _words(lines: list[Line], max_lines: int = 1000) -> set[str]:
    """Content words (4+ letters, article and conjunction prefixes cut) of the first body lines."""
    out: set[str] = set()
    for ln in [ln for ln in lines if _is_body(ln)][:max_lines]:
        out.update(_PREFIX.sub("", w) if len(w) > 5 else w for w in ln.key.split() if len(w) >= 4)
    return out


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _after_footer(lines: list[Line], i: int) -> bool:
    prev = next((ln for ln in reversed(lines[:i]) if ln.kind not in ("site_marker", "decoration")), None)
    return prev is not None and prev.kind in ("footer", "related_header")


def _drop(seg: Segment, ln: Line, reason: str) -> None:
    seg.dropped.append(DroppedLine(ln.no, ln.text, reason))
    if reason == "source_line" and seg.source is None:
        seg.source = source_of(ln.text)
    elif reason == "url" and seg.url is None:
        seg.url = re.sub(r"\s+", "", ln.text)


def _build(
    lines: list[Line], title_at: int | None, opts: SegmentOptions, kept: set[str], record: bool = False
) -> Segment:
    """One article from its lines: title and header block, body with noise dropped. A record's
    text has no header block: its leading unpunctuated lines are body unless they are furniture."""
    seg = Segment()
    i = 0
    if title_at is not None:
        seg.title = lines[title_at].text
        for ln in lines[:title_at]:
            _drop(seg, ln, ln.kind or "masthead")
        body_at = _header_zone(lines, title_at, opts) or title_at + 1
        zone = lines[title_at + 1 : body_at]
        for k, ln in enumerate(zone):
            if ln.kind:
                _drop(seg, ln, ln.kind)
            elif ln.key == lines[title_at].key:
                _drop(seg, ln, "repeated_title")
            elif k == 0 and seg.subtitle is None and not _followed_by_heading(zone, k):
                seg.subtitle = ln.text
            else:
                _drop(seg, ln, "caption")
        i = body_at
    else:
        # lines before the first body line of a page with no title: masthead and furniture
        while i < len(lines) and not _is_body(lines[i]) and not (record and not lines[i].kind):
            _drop(seg, lines[i], lines[i].kind or "masthead")
            i += 1
    body = lines[i:]
    after_footer = related = prev_repeated = False
    for k, ln in enumerate(body):
        if ln.kind == "related_header":
            related = True
        if related:
            _drop(seg, ln, "related_block" if ln.kind != "related_header" else ln.kind)
            continue
        if ln.kind:
            after_footer = after_footer or ln.kind == "footer"
            _drop(seg, ln, ln.kind)
            continue
        if ln.key in kept and _repeated_block(body, k, kept, prev_repeated, opts):
            _drop(seg, ln, "repeated_block")
            prev_repeated = True
            continue
        prev_repeated = False
        if seg.title and ln.key == lines[title_at or 0].key:
            _drop(seg, ln, "repeated_title")
            continue
        closing = _closing_credit(ln) if not ln.sentence and k == len(body) - 1 else None
        if closing:
            if closing == "source_line" and seg.source is None:
                seg.source = ln.text.strip()  # the credit as printed: `فرانس24/ أ ف ب`
            _drop(seg, ln, closing)
            continue
        if _is_heading(ln):
            nxt = next((b for b in body[k + 1 :] if b.kind not in ("site_marker", "decoration")), None)
            if after_footer and ln.words <= 4:
                _drop(seg, ln, "footer")
                continue
            if _caption_before_subheading(body, k, opts) or (nxt is None and ln.words <= 3):
                # a heading heads body text: a lone short line before a subheading, or a word or
                # three closing an article, is a photo caption or a tag
                _drop(seg, ln, "caption" if nxt is not None else "trailing_line")
                continue
            if _read_also_headline(body, k):
                _drop(seg, ln, "read_also")
                continue
        after_footer = False
        seg.paragraphs.append(ln.text)
        kept.add(ln.key)
    if seg.paragraphs:
        _split_dateline(seg)
    return seg


# What an article's last line says of who wrote it, unpunctuated after a star: the desk
# (`* وحدة التقارير الاقتصادية`, `* الوحدة الاقتصادية`) or the writer's post (`* استشاري طب الأطفال`,
# `* أستاذ العلوم السياسية بجامعة محمد الخامس`). Inside a body such a line is a subheading (`* تراجع
# طفيف في سوق دبي`), so only the last line is read so.
_CREDENTIAL = re.compile(
    r"^\*+\s*(?:ال)?(?:وحده|قسم|مركز|استشاري|استشاريه|استاذ|استاذه|باحث|باحثه|كاتب|كاتبه|محلل|محلله|"
    r"عضو|رئيس|رئيسه|وكيل|مستشار|مستشاره|خبير|خبيره|اخصائي|اخصائيه|طبيب|طبيبه|محامي|محاميه|اعلامي|"
    r"اعلاميه|اكاديمي|اكاديميه|مدير|مديره|سفير|دبلوماسي|محاضر|محاضره)\s"
)
_CREDIT_PARTS = re.compile(r"\s*[/|\-–—]\s*")


def _closing_credit(ln: Line) -> str | None:
    """The dropped kind of an article's last line when it credits the piece: the writer's post or
    desk (byline), or the outlet and agency it came through (`فرانس24/ أ ف ب`: source line)."""
    if ln.words <= 12 and _CREDENTIAL.match(ln.key):
        return "byline"
    parts = [p for p in _CREDIT_PARTS.split(ln.key.strip(" .")) if p]
    agencies = agency_keys()
    if (
        ln.words <= 6
        and any(p in agencies for p in parts)
        and all(p in agencies or len(p.split()) <= 2 for p in parts)
    ):
        return "source_line"
    return None


def _repeated_block(
    body: list[Line], k: int, kept: set[str], prev_repeated: bool, opts: SegmentOptions
) -> bool:
    """A line printed before on the page that is long, or one of a run of such lines: a block of
    body text printed twice. A short line said twice (an interviewer's question) stays."""
    if body[k].words >= opts.repeat_min_words or prev_repeated:
        return True
    nxt = body[k + 1] if k + 1 < len(body) else None
    return nxt is not None and nxt.key in kept and (nxt.sentence or nxt.words >= 4)


def _caption_before_subheading(body: list[Line], k: int, opts: SegmentOptions) -> bool:
    """A lone short line right before a subheading (itself heading body text): an image caption.
    Runs of short lines (verse, lists, addresses) are kept."""
    ln = body[k]
    if ln.words > opts.caption_max_words:
        return False
    prev = body[k - 1] if k else None
    if prev is not None and ln.gap == 0 and _is_heading(prev):
        return False
    rest = [b for b in body[k + 1 :] if b.kind not in ("site_marker", "decoration")]
    return len(rest) >= 2 and _is_heading(rest[0]) and rest[0].gap >= 1 and _is_body(rest[1])


def _followed_by_heading(zone: list[Line], k: int) -> bool:
    """True when the line after zone[k] is another short line with no blank between: a caption
    block (an image's alt text and title), not a subtitle."""
    return k + 1 < len(zone) and zone[k + 1].gap == 0 and not zone[k + 1].sentence


def _read_also_headline(body: list[Line], k: int) -> bool:
    """The headline under a lone `اقرأ أيضاً` line."""
    prev = next((b for b in reversed(body[:k]) if b.kind not in ("site_marker", "decoration")), None)
    return prev is not None and prev.kind == "read_also"


def _split_dateline(seg: Segment) -> None:
    """`طرطوس-سانا` alone on the first line, or `بيروت (رويترز) -` heading the first paragraph."""
    first = seg.paragraphs[0]
    only = dateline_only(first) if len(seg.paragraphs) > 1 else None
    if only is not None:
        seg.dateline = only
        seg.paragraphs.pop(0)
    else:
        dl, rest = split_dateline(first)
        if dl is not None:
            seg.dateline, seg.paragraphs[0] = dl, rest
    # a line of place or agency alone over the body, after the dateline or instead of one (عين اليوم:
    # `حامد القرشي – عين اليوم`, then `جدة`)
    label = place_line(seg.paragraphs[0]) if len(seg.paragraphs) > 1 else None
    if label is not None:
        seg.paragraphs.pop(0)
        seg.dateline = label if seg.dateline is None else joined(seg.dateline, label)
    if seg.dateline is not None:
        seg.source = seg.source or seg.dateline.source
        seg.published = seg.published or seg.dateline.published


def segment(page: RawPage, opts: SegmentOptions | None = None) -> list[Segment]:
    """Split a page into articles (a JSON Lines record is one article: cleaned, never split)."""
    opts = opts or SegmentOptions()
    lines = page_lines(page.text, opts.lines)
    if not lines:
        return []
    _classify_furniture(lines, opts)
    segs = _record(lines, page, opts) if page.is_record else _articles(lines, opts)
    # an article's first timestamp line dates it (before its dateline), read in the page's order:
    # an English page writes `Posted 2 / 3 / 2009` month first
    month_first = english_text(page.text) if segs else False
    for seg in segs:
        stamps = (find_date(d.text, month_first) for d in seg.dropped if d.reason == "date_line")
        seg.published = next((day for day in stamps if day), seg.published)
    return segs


def _articles(lines: list[Line], opts: SegmentOptions) -> list[Segment]:
    """The articles of a page (not a record): split at their starts, each cleaned."""
    _mark_masthead(lines, opts)
    starts = _article_starts(lines, opts)
    if not starts:
        return []
    kept: set[str] = set()
    out: list[Segment] = []
    bounds = starts + [len(lines)]
    for n, (a, b) in enumerate(zip(bounds, bounds[1:], strict=False)):
        chunk = lines[a:b] if n else lines[:b]
        offset = a if n else 0
        title_at = None if _is_body(lines[a]) else a - offset
        seg = _build(chunk, title_at, opts, kept)
        if seg.paragraphs:
            out.append(seg)
        elif out:
            out[-1].dropped.extend(seg.dropped)
    return out


# A news agency's section label heading its headlines: `عام / مهرجان تمور بريدة يواصل فعالياته`,
# `اقتصادي / ...` (the Saudi Press Agency's feed). Cut when three words or more of headline follow.
_SECTION = re.compile(
    r"^(?:عام|سياسي|اقتصادي|إقتصادي|ثقافي|رياضي|اجتماعي|محلي|محليات|دولي|عربي|تقرير)\s*/\s*(?=\S)"
)


def _without_section(title: str) -> str:
    m = _SECTION.match(title)
    return title[m.end() :] if m and len(title[m.end() :].split()) >= 3 else title


# A news agency's full name: `وكالة الأنباء الأردنية`, `وكالة المغرب العربي للأنباء`.
_AGENCY_NAME = re.compile(r"^وكاله\s+(?:الانباء\s+\S+|\S+(?:\s+\S+)?\s+للانباء)(?:\s*\(\S+\))?$")


def _names_an_agency(title: str) -> bool:
    """The record's "title" is a news agency's name (a scraper took the site's name for the headline)."""
    key = match_key(title).strip()
    return key in agency_keys() or _AGENCY_NAME.match(key) is not None


_HEADLINE_WORDS = 4  # a record whose whole text is its title is an article when the title has this many words


def _record(lines: list[Line], page: RawPage, opts: SegmentOptions) -> list[Segment]:
    """A JSON Lines record: the title comes with the record (unless it only names the agency, which is
    then the source and the text's heading the title); the text is cleaned, never split."""
    agency = page.title if page.title and _names_an_agency(page.title) else None
    title_key = match_key(page.title) if page.title and not agency else None
    title_at = None
    # the headline may come after the page's URL or a timestamp line, as scrapers write them
    first = next((i for i, ln in enumerate(lines) if ln.kind not in _BEFORE_TITLE), len(lines))
    if title_key is None and len(lines) > first + 1 and _is_heading(lines[first]):
        title_at = first if _header_zone(lines, first, opts) else None
    seg = _build(lines, title_at, opts, set(), record=title_at is None)
    if title_key is not None:
        seg.title = _without_section(clean_display(page.title or "").strip()) or None
        # the text repeats the title: dropped, unless it is all the text and the title is a headline
        # (a news alert: `Asaltan a mujer en la vía pública` is a record's whole text), which is then
        # the article's body
        if (
            seg.paragraphs
            and match_key(seg.paragraphs[0]) == title_key
            and (len(seg.paragraphs) > 1 or len(title_key.split()) < _HEADLINE_WORDS)
        ):
            seg.paragraphs.pop(0)
            seg.dropped.append(DroppedLine(lines[0].no, lines[0].text, "repeated_title"))
            if seg.dateline is None and seg.paragraphs:  # the dateline heads the paragraph after it
                _split_dateline(seg)
    if agency:
        seg.source = seg.source or clean_display(agency).strip()
    return [seg] if seg.paragraphs else []
