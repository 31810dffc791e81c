"""Sentence compression for summaries: shorter forms of a source sentence, made only by cutting.

A summary has a word budget, so a sentence that spends a third of its words on who told whom
(`، وفق ما أعلن خفر السواحل التركي`, `في تصريح لوكالة تونس افريقيا للأنباء`) or on a dateline
(`القاهرة - (أ ش أ) -`) crowds out what happened. Every form returned here is the source text with
spans removed (and a closing full stop where a cut ends it): no word is added or changed, dates
and numbers stay as the outlet wrote them.

- `clean` removes what is never content: a list item's marker (`- `, `• `, `** `, `3- `), a leading
  dateline, agency credits in parentheses, a leading discourse opener (`من جهته،`).
- `says_nothing` tells a candidate that states nothing: a question (`ما الذي سيبحثه أمير قطر
  بزيارته؟`) or a bare source (`وبحسب صحيفة "صن" البريطانية.`).
- `forms` gives the cleaned sentence, the sentence without its attribution, and each of these cut
  after a clause (at a comma outside quotes and parentheses, or before a trailing circumstantial
  participle such as `مشيرا`); the summariser picks the form that covers most per word.
"""

from __future__ import annotations

import re

from marsad.text.credits import agency_pattern
from marsad.text.tokenize import is_question

# Agency credits: (رويترز), (أ ف ب), (أ.ف.ب), (وات), (د ب أ), (AFP) ... and spaced or dotted initials.
# The agencies' names are the list shared with the line cleaner (`marsad.text.credits`).
_CREDIT = re.compile(rf"\s*\(\s*(?:(?i:{agency_pattern()})|(?:[\u0621-\u064a]\s?\.?\s?){{2,4}})\s*\)")
# A dateline: one to three words, a dash, an optional credit and dash, at the start of a sentence.
_DATELINE = re.compile(
    r"^(?:[^\s\d.،,:()«»\"-]+\s+){0,2}[^\s\d.،,:()«»\"-]+\s+[-–—]+\s+(?:\([^()]{1,20}\)\s*[-–—]+\s*)?"
)
_OPENER = re.compile(
    r"^(?:و?من جهت(?:ه|ها|هم)|و?من جانب(?:ه|ها|هم)|و?في المقابل|و?بالمناسبة|"
    r"و?للإشارة|و?للاشارة|و?للتذكير)\s*[،,]\s*"
)
# Attribution inside a sentence: `في تصريح لـ"الجوهرة اف أم"`, `في تصريح لمراسل ...` up to what it
# introduces (أن/إن, a time word or a comma); at its end: `، وفق ما أعلن ...`, `حسب قوله`.
_SAID_TO = re.compile(
    r"\s+(?:في|فى|خلال) (?:تصريح|تصريحات|حديث|اتصال|مداخلة)(?: هاتفي| إذاعي| صحفي| خاص| إعلامي)?"
    r"(?: له| لها)? (?:ل|لـ|مع |إلى |الى )[^،,.؟!]*?"
    r"(?=\s+(?:أن|إن|ان|بأن|بان|أنه|انه|أنها|انها|اليوم|أمس|امس|مساء|صباح|ليلة)\s|[،,.؟!]|$)"
)
_TAIL = re.compile(
    r"(?:\s*[،,]\s*(?:وفق|وفقا|حسب|بحسب|طبقا|نقلا عن|على ما|على حد|كما أفاد|كما أكد|كما ذكر)"
    r"|\s+(?:وفق ما|وفقا لما|حسب ما|بحسب ما|على ما|وفق قوله|حسب قوله|حسب تعبيره|على حد تعبيره))"
    r"(?:\s+[^\s،,.؟!«»\"()]+){0,12}\s*[.؟!]?\s*$"
)
_PARTICIPLE = re.compile(
    r"\s+(?=(?:مشيرا|مشيرة|مؤكدا|مؤكدة|مضيفا|مضيفة|معربا|معربة|داعيا|داعية|مبينا|مبينة|موضحا|موضحة|"
    r"لافتا|لافتة|مشددا|مشددة|معتبرا|معتبرة|مبرزا|مبرزة|مذكرا|مذكرة)\s)"
)
_CLAUSE = re.compile(r"[،,؛;]")
# A second relative clause or a consequence (`... الجلسة الصلحية التي تم عقدها يوم الخميس والتي أكدت`)
# adds detail to what comes before it: a cut there leaves the sentence whole.
_RELATIVE = re.compile(r"\s+(?=(?:والتي|والذي|والذين|مما|حيث)\s)")
# A cut after a comma must leave a clause: the part cut off has to open one (a conjunction, a
# subordinating particle, a relative pronoun, an attribution), not be the object or an adverb
# of the verb before the comma (`أعلنت كل من السعودية ومصر، فجر اليوم، قطع علاقاتها`).
_OPENS = re.compile(
    # و + a word, but not the nouns of an apposition (`، وزير الخارجية،`, `، والي الجهة،`).
    r"\s*(?:و(?!زير|زار|كال|لاي|الي\s|حد|سائل|فد)[\u0621-\u064a]|"
    r"(?:ف[إأا]ن|حيث|إذ|اذ|لكن|ولكن|إلا|الا|بينما|في حين|فيما|مما|ما أدى|ما أسفر|الذي|التي|الذين|"
    r"بعد|قبل|إثر|اثر|عقب|بسبب|جراء|نتيجة|وفق|وفقا|حسب|بحسب|طبقا|نقلا|على ما|على حد)(?![\u0621-\u064a])|"
    # a whole word, not a word's start: `، الاثنين:` is no `إلا` (it had cut `وكتب سكوت على "تويتر"،
    # الاثنين: "..."` before the governor's words, and that frame went into a summary)
    r"مشير|مؤكد|مضيف|معرب|داعي|مبين|موضح|لافت|مشدد|معتبر|مبرز|مذكر)"
)
# A list item's marker: dashes, bullets, asterisks, or an item number of one or two digits, before
# a word (a year of a chronology, `1937- ...`, a sign or a decimal, `-5 درجات`, `3.5 مليون`, stay).
_MARKER = re.compile(r"^(?:[-–—•·▪■●*]+|\(?[0-9٠-٩]{1,2}\s?[-.)–])\s*(?=[^\W\d_])")
# A sentence that is only its source: `وبحسب صحيفة "صن" البريطانية.` (the clause it qualifies was
# split off or never written); one with a comma goes on to say something (`وبحسب الوكالة، قتل ...`).
_BARE_SOURCE = re.compile(r"^\W*و?(?:بحسب|حسب|حسبما|وفق|وفقا|طبقا|نقلا|استنادا إلى)\s[^،,:؛]*$")
_BARE_SOURCE_WORDS = 8
_END = re.compile(r"[.؟!…]+[\"”»’')\]]*$")
_QUOTES = {"«": "»", "(": ")", "[": "]"}
_MIN_CLAUSE = 3


def clean(text: str, dateline: bool = True) -> str:
    """The sentence without dateline (unless told not to: a title's `X - Y` is a kicker), agency
    credits and a leading discourse opener."""
    out = _MARKER.sub("", text.strip(), count=1)
    m = _DATELINE.match(out) if dateline else None
    if m and len(out[m.end() :].split()) >= 3:
        out = out[m.end() :]
    return _OPENER.sub("", _CREDIT.sub("", out)).strip()


# A question asked in a sentence's last clause, after a statement: `تتولى إيفانكا ترامب المزيد من
# المسؤوليات في البيت الأبيض، فما هو دورها تحديداً؟`, `يتسابق العالم بمجال الذكاء الاصطناعي، لكن هل ...؟`.
# The statement before it is one (its clauses are candidates); a lead-in phrase is not (`في وسط هيمنة
# مواقع التواصل، هل سيغير ...؟`).
_LAST_CLAUSE_ASKS = re.compile(
    r"[،,]\s*(?:ف|و|لكن\s+|ولكن\s+)?(?:هل|ما|ماذا|لماذا|كيف|متى|أين|اين|من|أي|اي)\s[^،,]*[؟?][\s!؟?]*$"
)
_WONDER = re.compile(r"(?:^|\s)(?:يا\s+)?ترى(?:\s|$)")  # "I wonder": the clause asks
_LEAD_IN = re.compile(r"^\W*(?:في|مع|على|عن|من|بعد|قبل|وسط|خلال|بين|منذ|حول|عند|لدى|إلى|الى|رغم|بعيدا)\s")


def asks_at_the_end(text: str) -> bool:
    """The sentence states, then asks in its last clause: only its statement's clauses may be used
    (not when its first clause asks too: `ولكن يا ترى ما مفهوم القوة في هذا العصر، ومن الذي ...؟`)."""
    first = re.split(r"[،,]", text, maxsplit=1)[0]
    return (
        _LAST_CLAUSE_ASKS.search(text) is not None
        and not _LEAD_IN.match(text)
        and not is_question(first)
        and _WONDER.search(first) is None
    )


def says_nothing(text: str) -> bool:
    """A question, or a sentence that names a source and nothing else: no summary sentence."""
    return is_question(text) or (
        len(text.split()) <= _BARE_SOURCE_WORDS and _BARE_SOURCE.match(text) is not None
    )


def drop_attribution(text: str) -> str:
    """The sentence without `في تصريح لـ...` phrases and a trailing `، وفق ما ...` clause."""
    out = _SAID_TO.sub("", text)
    cut = _TAIL.sub("", out)
    if len(cut.split()) >= 3 and cut != out:
        out = _close(cut)
    return out.strip()


def forms(text: str, min_words: int = 4, dateline: bool = True) -> list[str]:
    """Shorter forms of a sentence (the cleaned whole first), each at least `min_words` long."""
    base = clean(text, dateline)
    whole = [base, drop_attribution(base)]
    out: list[str] = []
    for form in whole:
        for cand in [form, *(_close(form[:i]) for i in _cuts(form))]:
            if cand not in out and len(cand.split()) >= min_words:
                out.append(cand)
    return out


def _cuts(text: str) -> list[int]:
    """Positions where a clause ends outside quotes and parentheses. A segment of one or two words
    between commas is an apposition or an adverb (`، سامي الغابي،`, `، الخميس،`): no cut after it."""
    commas = {m.start() for m in _CLAUSE.finditer(text) if _OPENS.match(text, m.end())}
    points = sorted(commas | {m.start() for r in (_PARTICIPLE, _RELATIVE) for m in r.finditer(text)})
    out, last = [], 0
    for i in points:
        if 0 < i < len(text) - 1 and len(text[last:i].split()) >= _MIN_CLAUSE and _balanced(text[:i]):
            out.append(i)
        last = i + 1
    return out


def _balanced(text: str) -> bool:
    if any(text.count(o) != text.count(c) for o, c in _QUOTES.items()):
        return False
    return text.count('"') % 2 == 0 and (text.count("“") + text.count("”")) % 2 == 0


def _close(text: str) -> str:
    """A cut sentence ends with a full stop instead of the comma or space where it was cut."""
    text = text.rstrip(" ،,؛;:-–—")
    return text if _END.search(text) else text + "."
