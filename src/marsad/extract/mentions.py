"""Entity mentions of one article: the NER tagger's spans, completed by rules that news Arabic needs.

The CRF (`ner.py`, trained on ANERcorp) finds most foreign names and countries; what it misses in local
news follows a few shapes, each a rule here:

- organisations named by a head noun and its modifiers: `وزارة الدفاع الجزائرية`,
  `الهيئة العليا المستقلة للاتصال السمعي البصري`, `مركز محمد البراهمي للسلم والتضامن`,
  `لقناة "الحوار التونسي"`, and an inner one kept too (`الإدارة العامة للحرس الوطني` → `الحرس الوطني`);
- people after a role (`وزير الفلاحة الأسعد الاشعل`, `المبعوث الخاص لسوريا، غير بيدرسون،`) or after a
  speech verb (`قال رضا بلحاج،`); the role is kept as one more surface form;
- places of the event gazetteer (`group/places.py`: `ببن عروس`, `زرمدين`);
- a media name in quotes (`ل"الجوهرة أف أم"`), an agency credit (`-وات-`), an alias in brackets
  (`تنظيم "الدولة الإسلامية" (داعش)`);
- short forms later in the article: a person's last name alone (`وأضاف الاشعل`), a party without its
  descriptor (`نداء تونس` after `حزب نداء تونس`).

Each mention keeps the name without clitics as its text and the surface as written (`ببن عروس`,
`لإذاعة صوت إسرائيل`) among its forms.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from marsad.extract.entities import COMPOUND_HEADS, LINEAGE_HEADS, Mention, place_of
from marsad.extract.ner import Tagger, default_tagger, person_words, spans
from marsad.extract.ner_features import stem_key
from marsad.text.credits import agency_keys
from marsad.text.normalize import match_key
from marsad.text.tokenize import tokens


def _keys(words: str) -> frozenset[str]:
    return frozenset(match_key(w) for w in words.split())


# Heads of the roles written before a person's name.
ROLE_HEADS = _keys(
    """وزير الوزير وزيرة الوزيرة رئيس الرئيس رئيسة الرئيسة نائب النائب النائبة الأمين أمين المدير مدير
    المديرة الناطق الناطقة المتحدث المتحدثة السفير الأمير الأميرة الملك الشيخ العقيد اللواء العميد الجنرال
    الدكتور الدكتورة المحامي القاضي المبعوث المستشار الممثل زعيم الزعيم قائد القائد عضو العضو والي الوالي
    محافظ المحافظ سفير مبعوث الخبير الخبيرة المندوب المندوبة القيادي القيادية الرقيب العريف النقيب الملازم
    الشهيد الفقيد الكاتب الأستاذ المنسق رئيسه كاتب"""
)
# Honorifics that are also said with the first name alone (`الأمير فيصل`).
HONORIFICS = _keys("الأمير الأميرة الملك الشيخ السلطان الإمام")
SPEECH_VERBS = _keys(
    """قال قالت وقال وقالت أكد أكدت وأكد وأكدت أضاف أضافت وأضاف وأضافت أوضح أوضحت وأوضح وأوضحت صرح صرحت
    وصرح وصرحت أعلن أعلنت وأعلن وأعلنت تابع تابعت وتابع وتابعت اعتبر اعتبرت واعتبر واعتبرت أفاد أفادت وأفاد
    وأفادت كشف كشفت وكشف وكشفت شدد شددت وشدد وشددت نفى نفت ونفى ونفت دعا دعت ودعا ودعت أشار أشارت وأشار
    وأشارت بين بينت وبين وبينت لاحظ ولاحظ ذكر ذكرت وذكر وذكرت"""
)
# Nouns that head an organisation's name when modifiers follow.
ORG_HEADS = _keys(
    """وزارة الوزارة هيئة الهيئة حزب حركة شركة الشركة ديوان مجلس البنك بنك المكتب مكتب المحكمة محكمة
    الإدارة إدارة النقابة نقابة الرابطة رابطة الجامعة جامعة مركز صحيفة جريدة إذاعة قناة وكالة الجيش جيش
    الحرس رئاسة الجبهة جبهة منظمة المنظمة الاتحاد اتحاد جمعية الجمعية مؤسسة معهد لجنة جماعة تنظيم التحالف
    تحالف ائتلاف الائتلاف إعدادية مديرية المديرية مصلحة المفوضية مفوضية المجلس الحركة الحزب موقع برلمان
    البرلمان روابط كتلة الكتلة خفر شرطة الشرطة"""
)
# Heads that only describe what the named thing is: the rest is its name too (`نداء تونس`).
DESCRIPTORS = _keys("حزب حركة تنظيم جماعة شركة صحيفة جريدة إذاعة قناة وكالة موقع")
_MEDIA = _keys("مراسل لمراسل تصريح لـ ل على مع قناة لقناة إذاعة لإذاعة صحيفة لصحيفة موقع وكالة")
# Definite words that end a name rather than continue it.
_STOP_DEF = _keys(
    """اليوم الأمس الماضي الماضية الحالي الحالية القادم القادمة الجاري المقبل المقبلة الأسبق السابق السابقة
    الذي التي الذين اللذين اللتين الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة السبت الان الآن
    الأسبوع الشهر العام السنة الساعة الليلة الصباح المساء الأخير الأخيرة الفارط الفارطة المنقضي"""
)
# `ذات الصلة`, `ذو الشأن`: what follows describes the noun before the name (قرارات مجلس الأمن ذات الصلة)
_POSSESSING = _keys("ذات ذو ذي ذوي ذوو")
# What follows a name to tell a father from a son (جورج بوش الأب / الابن): not a last name of its own
_GENERATION = _keys("الأب الاب الابن الإبن الأبن الأم الجد الحفيد جونيور")
_PARTICLES = _keys("بن ابن بنت أبو أبي أم عبد آل ولد دي دو فان فون دا ال")
_BOUNDARY = _keys(
    """إن أن أنه أنها إنه إنها أنّ إنّ في على من عن إلى الى خلال قد لقد كما وقد حيث الذي التي اليوم أمس
    مع بعد قبل عند لدى حول ضد منذ و ف ثم أو لكن بل يوم أمام وراء خلف تحت فوق بين عبر نحو إثر اثر عقب أثناء
    اثناء بشأن حسب بحسب وفق"""
)
# Plural nouns of bodies that start a new phrase after و: ديوان الحبوب والشركات التعاونية
_PLURAL_BODIES = _keys("الشركات المؤسسات الجمعيات الهياكل المنظمات الأحزاب الوزارات النقابات الهيئات البنوك")
# Kinds of places whose name follows, written with the kind (جبل مغيلة) or after it, in quotes.
_LOC_HEADS = _keys("جبل جبال دوار وادي بحيرة سبخة واحة جزيرة")
# The part of a place a place name can open with: (و)شمال سيناء, (و)جنوب لبنان, (ب)غرب أفريقيا
_PART_OF_PLACE = _keys("شمال جنوب شرق غرب وسط شمالي جنوبي شرقي غربي")
_AGENCY_KEYS = frozenset(agency_keys())
# Words no role runs across on its way back from a name (with the speech verbs): a clause starts there.
_ROLE_ENDS = _keys("إن أن إنه أنه على إلى الى مع قد لا لم لن ما الذي التي بعد قبل منذ حول خلال")
_LOC_KINDS = _keys(
    "معتمدية معتمديات ولاية ولايات مدينة مدن بلدية بلديات قرية قرى منطقة مناطق حي أحياء مدينتي"
)
# Kinship words written after a name: مباركة عواينية أرملة الشهيد ...
_KIN = _keys("أرملة زوجة زوج شقيق شقيقة نجل ابنة والد والدة عائلة")
# Titles said right before a name, with no complement.
_BARE_TITLES = _keys(
    "النائب النائبة الشهيد الفقيد السيد السيدة الدكتور الدكتورة الأستاذ الأستاذة المحامي الشيخ"
)
# Words that start a subject after a speech verb but are no name.
_NOT_NAMES = _keys(
    """مصدر مصادر مسؤول مسؤولون مسؤولة بيان تقرير شهود شاهد مراسل متحدث ناطق وزير رئيس مدير عضو نائب
    خبير خبراء محلل مواطن مواطنون سكان عدد بعض أحد جميع كل وسائل تقارير"""
)
# Styles of address, which the tagger takes for a name when no name follows.
_STYLE_HEADS = _keys("صاحب صاحبة سمو معالي فخامة جلالة")  # not سعادة: also a name
_STYLES = _STYLE_HEADS | _keys("السمو الملكي الجلالة")
_QUEEN = _keys("الملكة والملكة")  # a title too, but no head of a role the rules follow (`الملكة صوفيا`)
_TO_GOD = _keys("لله ولله فلله")  # `الحمد لله`: in no one's name (عبد الله, نصر الله are written الله)
_QUOTES = frozenset("\"«»“”„'‘’")
_OPEN = frozenset("(")
_CLOSE = frozenset(")")
_DASH = frozenset("-–—")
_WORD = re.compile(r"\w")
_ARABIC = re.compile(r"[\u0621-\u064a]")
_PROCLITIC = (
    "وبال", "وكال", "فبال", "وال", "فال", "بال", "كال", "ولل", "فلل", "لل",
    "وب", "ول", "وك", "فب", "فل", "و", "ف", "ب", "ل", "ك",
)  # fmt: skip


@lru_cache(maxsize=200_000)
def peel(key: str) -> tuple[tuple[str, str], ...]:
    """(clitic, rest) readings of a token key, the bare one first (`لإذاعة` → ("", ...), ("ل", "اذاعه"));
    `لل` gives `ال` back (`للحرس` → `الحرس`)."""
    out = [("", key)]
    for p in _PROCLITIC:
        if key.startswith(p) and len(key) - len(p) >= 2:
            rest = key[len(p) :]
            if p.endswith(("ال", "لل")):
                rest = "ال" + rest
            out.append((p, rest))
    return tuple(out)


def _is(key: str, words: frozenset[str]) -> str | None:
    """The clitic-free form of `key` that is in `words`, if any."""
    for _, rest in peel(key):
        if rest in words:
            return rest
    return None


def _suffixed(token: str) -> bool:
    """A word that starts like a definite one but ends in a pronoun (التزامه, الاستماع لها: no)."""
    return token.startswith("ال") and token.endswith(("ه", "ها", "هم", "هما")) and match_key(token) != "الله"


def _definite(key: str) -> bool:
    """A definite word, clitics aside (الكرامة, والتضامن, للحرس)."""
    return any(rest.startswith("ال") and len(rest) > 3 for _, rest in peel(key))


@dataclass
class _Span:
    start: int
    end: int
    type: str
    rank: int  # which wins an overlap: higher first, then longer
    role: int = -1  # token where the role before a person starts


class _Sentence:
    """Tokens of one sentence with their keys and the tagger's tags."""

    def __init__(
        self,
        toks: list[str],
        tags: list[str],
        known: dict[str, str] | None = None,
        before_last: dict[str, set[str]] | None = None,
    ) -> None:
        self.toks = toks
        self.keys = [match_key(t) for t in toks]
        self.tags = tags
        self.known = known or {}  # word key -> type the tagger gave it alone somewhere in the article
        # a person's last word -> the words before it in the article's names of two words or more
        self.before_last = before_last or {}

    def word(self, i: int) -> bool:
        return 0 <= i < len(self.toks) and bool(_WORD.search(self.toks[i]))

    def tagged(self, i: int) -> str:
        """The type the tagger gave token `i` (PER, LOC, ORG, MISC), or an organisation's name it
        tagged elsewhere in the article; "" for none."""
        if not 0 <= i < len(self.tags):
            return ""
        if self.tags[i] == "O":
            return "ORG" if self.known.get(self.keys[i]) == "ORG" else ""
        return "PER" if self.tags[i][2:] == "PERS" else self.tags[i][2:]


def _org_chain(s: _Sentence, i: int, places: set[int]) -> int:
    """End of an organisation name whose head is token `i` (i + 1 when no modifier follows): definite
    words and adjectives, `لل`/`و` + definite words, a noun in construct with what follows, names."""
    n = len(s.toks)
    head_definite = _is(s.keys[i], ORG_HEADS) is not None and str(_is(s.keys[i], ORG_HEADS)).startswith("ال")

    def modifier(j: int) -> bool:
        """A definite word that can continue a name: الوطنية, للتسامح (not right after الرابطة), and
        a place after ب (بالكاف), not بالتالي."""
        k = s.keys[j]
        if k.startswith("لل") and len(k) > 4:
            return not (head_definite and j == i + 1)
        if k.startswith("ال") and len(k) > 3:
            return True
        if k.startswith(("وال", "ولل")) and len(k) > 4:
            return j > i + 1  # للسلم والتضامن
        return k.startswith(("بال", "كال", "وبال", "فبال")) and j in places

    j = last = i + 1
    while j < n and j - i <= 8:
        k = s.keys[j]
        bare = peel(k)[0][1]
        if s.toks[j] in _QUOTES:
            # a quoted name right after the head: وكالة "فيتش" , لقناة" الحوار التونسي"
            close = next((q for q in range(j + 1, min(n, j + 6)) if s.toks[q] in _QUOTES), -1)
            if (
                j == i + 1
                and not head_definite
                and close > j + 1
                and all(s.word(q) for q in range(j + 1, close))
            ):
                j = last = close + 1
                continue
            break
        if not s.word(j) or k in _BOUNDARY and k != "و" or _is(k, _STOP_DEF):
            break
        if bare in ORG_HEADS and not (j == i + 1 and peel(s.keys[i])[-1][1] in DESCRIPTORS):
            break  # a new name starts, unless a descriptor heads it: حزب الجبهة الوطنية
        if k.startswith("و") and j in places:
            break
        if _is(k, ROLE_HEADS) or k in SPEECH_VERBS or k in _POSSESSING:
            break
        if k == "و":  # الحقيقة و الكرامة
            nxt = s.keys[j + 1] if j + 1 < n else ""
            if (
                j > i + 1
                and j + 1 < n
                and modifier(j + 1)
                and not _is(nxt, _STOP_DEF)
                and not _is(nxt, _PLURAL_BODIES)
            ):
                j += 1
                continue
            break
        tag = s.tagged(j)
        if tag == "PER" and j > i + 1 and s.tagged(j - 1) != "PER":
            break
        if _suffixed(s.toks[j]):
            break  # التزامه: a verbal noun with a pronoun, not a definite word
        if k.startswith(("و", "ف")) and not k.startswith(("وال", "ولل")) and tag != "PER" and j not in places:
            if not (s.keys[j - 1] == "و" or _definite(k)):
                break
        if k.startswith(("وال", "ولل")) and (_is(k, _PLURAL_BODIES) or j == i + 1):
            break
        if modifier(j) or tag in ("PER", "LOC", "ORG") or j in places:
            j = last = j + 1
            continue
        # an indefinite noun in construct with what follows: نواب الشعب, لوحدات التدخل, صوت إسرائيل
        nxt = s.keys[j + 1] if j + 1 < n else ""
        if (
            nxt
            and s.word(j + 1)
            and _ARABIC.search(k)
            and len(k) > 2
            and k not in _NOT_NAMES
            and (
                modifier(j + 1)
                and not _is(nxt, _STOP_DEF)
                and peel(nxt)[0][1] not in ORG_HEADS
                or s.tagged(j + 1) in ("LOC", "ORG")
                or j + 1 in places
                or nxt in s.known
            )
            # لمحاربة داعش, لوحدات التدخل: only after a first modifier (not التحالف لمواجهة ...)
            and not (k[:1] in "لب" and j == i + 1)
        ):
            j += 1
            continue
        # ... or a one-word name that closes the phrase: التحالف الدولي لمحاربة داعش
        if (
            k[:1] == "ل"
            and j > i + 1
            and nxt
            and s.word(j + 1)
            and _ARABIC.search(nxt)
            and len(nxt) > 2
            and _ended(s, j + 2)
            and nxt not in _BOUNDARY
            and nxt not in _NOT_NAMES
            and not _is(nxt, _STOP_DEF)
        ):
            j = last = j + 2
            continue
        break
    return last


def _name_after(s: _Sentence, j: int, first_names: frozenset[str], need_known: bool) -> int:
    """End of a person's name starting at token `j`, or -1: two words, three when the second is a first
    name or a particle (`صلاح الدين المصري`, `محمد علي العروي`, `شكري بن حسن`) and the third a family name."""
    n = len(s.toks)

    def name_word(e: int) -> bool:
        if e >= n or not s.word(e) or not _ARABIC.search(s.keys[e]):
            return False
        k = s.keys[e]
        return not (
            k in _BOUNDARY
            or _is(k, _STOP_DEF)
            or _is(k, ROLE_HEADS)
            or k in SPEECH_VERBS
            or k in _NOT_NAMES
            or _no_name_word(k)
            or _ran_into(s, e, j)
            or _pronoun(k)  # `وهو` opens no name the rules find either
        ) and s.tagged(e) not in ("LOC", "ORG")

    if not (name_word(j) and name_word(j + 1)) or s.keys[j] in _PARTICLES:
        return -1
    if need_known and s.keys[j] not in first_names and s.tagged(j) != "PER":
        return -1
    e = j + 2
    second = s.keys[j + 1]
    if name_word(e) and (second in _PARTICLES or second in ("الدين", "الله")):
        e += 1
    elif name_word(e) and second in first_names and (_definite(s.keys[e]) or s.tagged(e) == "PER"):
        if _ended(s, e + 1):
            e += 1
    if s.keys[e - 1] in _PARTICLES:
        return -1
    return e


def _ended(s: _Sentence, e: int) -> bool:
    """Whether a name may end before token `e`: punctuation, the end, a particle like إن, a role."""
    return (
        e >= len(s.toks)
        or not s.word(e)
        or s.keys[e] in _BOUNDARY
        or bool(_is(s.keys[e], _STOP_DEF))
        or bool(_is(s.keys[e], ROLE_HEADS))
        or s.keys[e] in _KIN
    )


def _role_person(s: _Sentence, i: int, orgs: dict[int, int], places: set[int]) -> _Span | None:
    """A person named after the role whose head is token `i`: ROLE [complements] [،] NAME."""
    first_names = person_words()
    n = len(s.toks)
    j = i + 1
    while j < n and j - i <= 10:
        kj = s.keys[j]
        if j in orgs:
            j = orgs[j]
            continue
        if not s.word(j) or s.tagged(j) == "PER":
            break
        if kj in ("في", "عن", "باسم", "لدى", "ب"):
            j += 1
            continue
        if kj in first_names and not _definite(kj):
            break
        if _definite(kj) or s.tagged(j) in ("LOC", "ORG") or j in places:
            j += 1
            continue
        if kj.startswith(("ل", "ب")) and len(kj) > 3 and not _is(kj, first_names):
            j += 1
            continue
        break
    if j < n and s.toks[j] in ("،", ","):
        end = _name_after(s, j + 1, first_names, need_known=False)
        if end > 0 and _ended(s, end):
            return _Span(j + 1, end, "PER", 2, role=i)
    # the name may be the last words of what looked like complements: وزير الفلاحة الأسعد الاشعل
    if _ended(s, j):
        for back in (3, 2):
            st = j - back
            if st > i + 1 and (s.keys[st] in first_names or s.tagged(st) == "PER"):
                if _name_after(s, st, first_names, need_known=False) == j:
                    return _Span(st, j, "PER", 2, role=i)
        # a title that takes no complement: النائب المنجي الرحوي
        if j == i + 3 and match_key(s.toks[i]) in _BARE_TITLES and s.tagged(i + 1) not in ("LOC", "ORG"):
            if i + 1 not in orgs and i + 1 not in places:
                return _Span(i + 1, j, "PER", 2, role=i)
    if j < n and s.word(j):
        known = s.keys[j] in first_names and (s.tagged(j) == "PER" or s.known.get(s.keys[j]) == "PER")
        if j == i + 1 and known and _verb_or_phrase(s, j + 1, first_names):
            return _Span(j, j + 1, "PER", 2, role=i)  # الملك سلمان يستقبل: the name is سلمان
        end = _name_after(s, j, first_names, need_known=j == i + 1)
        if end > 0 and (_ended(s, end) or s.keys[j] in first_names or s.tagged(j) == "PER"):
            return _Span(j, end, "PER", 2, role=i)
    return None


def _verb_or_phrase(s: _Sentence, e: int, first_names: frozenset[str]) -> bool:
    """Whether token `e`, after a first name, starts the sentence's next part rather than ending the name:
    a word the tagger saw in no name of the article, shaped as a present-tense verb (`يستقبل`, `سيترأس`)
    or as a word behind a preposition (`بأن`, `لجلسة`), and no known first name."""
    if not s.word(e) or s.tags[e] != "O" or s.known.get(s.keys[e]) == "PER":
        return False
    k = s.keys[e]
    if not k or k in first_names or k in _PARTICLES or _definite(k):  # no key: a tatweel `ـــ`
        return False
    return _verb_shaped(k) or k[0] in "بل"


def _verb_shaped(key: str) -> bool:
    """Shaped as a present-tense verb: يستقبل, تعود, نطالب, سيترأس (foreign names too: ترامب, نادال)."""
    return (len(key) >= 4 and key[0] in "يتن") or (len(key) >= 5 and key[:2] in ("سي", "ست"))


def _rule_spans(s: _Sentence, places: list[tuple[int, int]]) -> list[_Span]:
    first_names = person_words()
    out: list[_Span] = []
    place_tokens = {i for a, b in places for i in range(a, b)}
    n = len(s.toks)
    for a, b in places:
        out.append(_Span(a, b, "LOC", 2))
    orgs: dict[int, int] = {}
    for i, k in enumerate(s.keys):
        if not s.word(i):
            continue
        # organisations: head noun + modifiers
        if _is(k, ORG_HEADS):
            end = _org_chain(s, i, place_tokens)
            if end > i + 1:
                out.append(_Span(i, end, "ORG", 3))
                orgs.setdefault(i, end)
    for i, k in enumerate(s.keys):
        if not s.word(i):
            continue
        # people after a role
        if _is(k, ROLE_HEADS) and s.tagged(i) != "PER":
            found = _role_person(s, i, orgs, place_tokens)
            if found is not None:
                out.append(found)
        # people after a speech verb: قال رضا بلحاج، ...  أكدت مباركة عواينية أرملة ...
        if k in SPEECH_VERBS and i + 1 < n and s.tags[i + 1] == "O":
            end = _name_after(s, i + 1, first_names, need_known=True)
            if end < 0:
                end = _name_after(s, i + 1, first_names, need_known=False)
                if end > 0 and not (end < n and (s.toks[end] in ("،", ",") or s.keys[end] in _KIN)):
                    end = -1
                if end > 0 and (_definite(s.keys[i + 1]) or s.keys[end - 1].endswith(("ي", "يه"))):
                    end = -1
            if end > 0 and _ended(s, end):
                out.append(_Span(i + 1, end, "PER", 1))
        # places by their kind: جبل مغيلة, دوار الجفافلية; quoted after a kind: معتمديات "الساحلين" و "زرمدين"
        if _is(k, _LOC_HEADS) and i + 1 < n:
            q = i + 1
            if s.toks[q] in _QUOTES:
                q += 1
            if q < n and s.word(q) and _ARABIC.search(s.keys[q]) and s.keys[q] not in _BOUNDARY:
                if not _is(s.keys[q], _STOP_DEF) and s.tagged(q) in ("", "LOC", "MISC"):
                    out.append(_Span(i, q + 1, "LOC", 3))
        if _is(k, _LOC_KINDS):
            q = i + 1
            while q + 2 < n and s.toks[q] in _QUOTES and s.word(q + 1):
                close = next((c for c in range(q + 1, min(n, q + 4)) if s.toks[c] in _QUOTES), -1)
                if close < 0 or not all(s.word(c) for c in range(q + 1, close)):
                    break
                out.append(_Span(q + 1, close, "LOC", 3))
                q = close + 1
                if q < n and s.keys[q] == "و":
                    q += 1
        # a quoted media name after a media word: لمراسل "الجوهرة أف أم"
        if s.toks[i] in _QUOTES and i > 0 and (s.keys[i - 1] in _MEDIA or _is(s.keys[i - 1], ORG_HEADS)):
            close = next((q for q in range(i + 1, min(n, i + 6)) if s.toks[q] in _QUOTES), -1)
            if close > i + 1 and all(s.word(q) for q in range(i + 1, close)):
                out.append(_Span(i + 1, close, "ORG", 2))
    # a split quoted name: الجوهرة "اف ام"
    for i in range(n - 4):
        if s.tagged(i) == "ORG" and s.toks[i + 1] in _QUOTES and s.word(i + 2):
            close = next((q for q in range(i + 2, min(n, i + 5)) if s.toks[q] in _QUOTES), -1)
            if close > 0 and (i == 0 or s.tagged(i - 1) != "ORG"):
                out.append(_Span(i, close + 1, "ORG", 2))
    return out


def _crf_spans(s: _Sentence, found: list[tuple[int, int, str]]) -> list[_Span]:
    """The tagger's spans, a person's cut where a second name starts (`عماد الدايمي للمنجي الرحوي`) and
    after three words (four with a particle) when it ran on into the sentence."""
    first_names = person_words()
    out = []
    for a, b, t in found:
        typ = "PER" if t.startswith("PER") else t
        if typ == "PER":
            if s.keys[a] in _IN_FAVOUR and b - a > 1:
                a += 1  # لصالح مودريتش: in favour of Modrić, no `صالح مودريتش`
            b = next((c for c in range(a, b) if _no_name_word(s.keys[c]) or _ran_into(s, c, a)), b)
            if b == a:
                continue
            for c in range(a + 2, b - 1):
                k = s.keys[c]
                if k[:1] in "لو" and (k[1:] in first_names or k[2:] in first_names and k.startswith("لل")):
                    out.append(_Span(a, _name_run(s, a, c), typ, 2))
                    a = c
                    break
            b = _last_name_after(s, a, _name_run(s, a, b))
            if a > 0 and s.toks[a - 1] in _ALI and (s.keys[a] in first_names or s.keys[a].startswith("عبد")):
                a -= 1  # علي عبدالله صالح: the name علي, written with ي, not the preposition على
        out.append(_Span(a, b, typ, 2))
    return out


def _last_name_after(s: _Sentence, a: int, b: int) -> int:
    """End of a person's name the tagger may have ended a word early: the word after a name of one or
    two words is its last name when the article names a person by that word alone, and never after
    another word, and does not name one by the word before it alone (`شينزو آبي`, then `آبي`: the
    tagger leaves out `آبي`, written as أبي `my father`)."""
    if b >= len(s.toks) or b - a > 2 or s.tags[b] != "O" or not s.word(b):
        return b
    k = s.keys[b]
    if (
        s.known.get(k) != "PER"
        or s.known.get(s.keys[b - 1]) == "PER"
        or s.before_last.get(k, set()) - {s.keys[b - 1]}
    ):
        return b
    return b if _no_name_word(k) or _ran_into(s, b, a) else b + 1


def _no_name_word(key: str) -> bool:
    """A word never part of a person's name: one behind the preposition لـ (`للإغاثة`, `للعهد`: what a
    name is for; مركز الملك سلمان للإغاثة is no person `سلمان للإغاثة`), or `الدولي(ة)` after the
    name a place is named after (مطار الملك خالد الدولي is no person `خالد الدولي`)."""
    return (key.startswith("لل") and len(key) > 4) or key in _INTERNATIONAL


_INTERNATIONAL = _keys("الدولي الدولية")


def _ran_into(s: _Sentence, c: int, start: int) -> bool:
    """A word of the name starting at `start` the tagger may have run on into, and never a name's:
    one marked as an adverb or object by its tanween (`هاري كين هدفاً`), a speech verb (`أنجيلا ميركل
    فأوضحت`), a role (`محمد بن سلمان ولي العهد`, `… ووزير الدفاع`); after the first word, a pronoun or
    a blessing (`رحمه الله`; `هو` may begin a Chinese name, هو جين تاو), an honorific with a clitic
    (`الشيخ محمد بن زايد بالشيخ منصور`: a bare `الشيخ` may be a family name) or a style (`ومعالي`);
    and a present-tense verb after two words, or after one the tagger took alone for a person
    (`أوباما يحترم`) or that follows a title (`الملك سلمان يستقبل`): a verb-shaped word after a first
    name alone is more often a foreign last name (`رافاييل نادال`)."""
    k = s.keys[c]
    return (
        s.toks[c].endswith(_TANWEEN)
        or k in _ROLES_AFTER
        or k in SPEECH_VERBS
        or (k[:1] in "وف" and k[1:] in SPEECH_VERBS)
        or (k[:1] == "و" and k[1:] in _ROLES_AFTER)
        or (c > start and _pronoun(k))
        or (c > start and k not in HONORIFICS and _is(k, HONORIFICS) is not None)
        or (c > start and _is(k, _STYLE_HEADS) is not None)
        or (_verb(s, c) and (c - start > 1 or s.known.get(s.keys[start]) == "PER" or _titled(s, start)))
    )


def _pronoun(key: str) -> bool:
    """A pronoun or a blessing, with و or without (`وهو`, `رحمه`)."""
    return (key[1:] if key[:1] == "و" else key) in _PRONOUNS


def _titled(s: _Sentence, i: int) -> bool:
    """Whether token `i` comes right after a role or title (`الملك سلمان`, `الرئيس أوباما`)."""
    return i > 0 and _is(s.keys[i - 1], ROLE_HEADS) is not None


def _verb(s: _Sentence, c: int) -> bool:
    """A present-tense verb (`الوليد بن طلال يتفقد`, `أورتيغا يتهم`): a word of that shape that no name
    list holds, the tagger took for a person nowhere in the article, and whose word clusters (each
    level that has enough training words) almost never hold a person's name: `تاتشر`, `سيسوكو` are
    names of that shape, in clusters of names at some level."""
    k = s.keys[c]
    if not _verb_shaped(k) or k in person_words() or s.known.get(k) == "PER":
        return False
    ids = default_tagger().lexicon.clusters.get(k, "")
    if not ids:
        return False
    share = _person_share()
    seen = [
        share[(level, cluster)] for level, cluster in enumerate(ids.split("/")) if (level, cluster) in share
    ]
    return bool(seen) and all(seen)


@cache
def _person_share() -> dict[tuple[int, str], bool]:
    """(level, word cluster) -> whether its words are almost never in a person's name, for clusters
    with enough training tokens (`resources/ner/person_share.tsv`, written by scripts/train_ner.py)."""
    text = resources.files("marsad").joinpath("resources", "ner", "person_share.tsv").read_text("utf-8")
    out = {}
    for line in text.splitlines():
        level, cluster, tokens, inside = line.split("\t")
        if int(tokens) >= _SHARE_TOKENS:
            out[(int(level), cluster)] = int(inside) < _SHARE_NAMES * int(tokens)
    return out


_SHARE_TOKENS, _SHARE_NAMES = 100, 0.02


_TANWEEN = ("\u064b", "\u064bا", "ا\u064b")  # fathatan, before or after the alif that carries it
_ROLES_AFTER = _keys("ولي وليا وزير وزيرة رئيس رئيسة نائب نائبة مدير مديرة سفير سفيرة مبعوث محافظ عضو")
_IN_FAVOUR = _keys("لصالح ولصالح")
_ALI = frozenset(("علي", "وعلي"))  # as written: the preposition is على (and in Egypt the name too)
_PRONOUNS = _keys("هو هي هم هما رحمه رحمها يرحمه حفظه حفظها رضي")


def _name_run(s: _Sentence, a: int, b: int) -> int:
    """Where a person's name the tagger found at a..b ends: after three words, when it ran on into
    the sentence; but a particle and the name after it count as one (a lineage is one name however
    long: `محمد بن نايف بن عبدالعزيز`, `سلمان بن عبدالعزيز آل سعود`) and may end on the family's
    name after it, as a compound first name counts as one (`عبد ربه منصور هادي`); a name never ends
    on a particle (`محمد بن نايف بن` was the first four words of the first)."""
    units, e, after_lineage = 0, a, False
    while e < b and e - a < _LONGEST_NAME:
        if s.toks[e] in _DASH and e > a and e + 1 < b and s.word(e + 1):
            e += 2  # one name written with a spaced hyphen: كيم جونغ - أون, غرابار - كيتاروفيتش
            continue
        if e == a and s.keys[e] in COMPOUND_HEADS and e + 1 < b:
            e += 2  # a compound first name is one word however written: عبد ربه منصور هادي
        elif s.keys[e] in _PARTICLES and e > a and not _madda_name(s.toks[e]):
            if e + 1 >= b:
                break
            after_lineage = s.keys[e] in LINEAGE_HEADS
            e += 2
            while e < b and s.keys[e - 1] in _PARTICLES:  # بن عبد العزيز: the particle's name is two words
                e += 1
            units += 1
            continue
        else:
            # a lineage may end on the family's name: عبد العزيز بن صالح بن سليمان الحواس
            if units >= 3 and not (after_lineage and _family_name(s.keys[e])):
                break
            e += 1
            if units >= 3:
                break
        units += 1
        after_lineage = False
    while e > a + 1 and not s.word(e - 1):  # nor on punctuation the tagger ran on into: `شيكابالا ..`
        e -= 1
    return e


_LONGEST_NAME = 8  # words


def _madda_name(token: str) -> bool:
    """A particle's letters written with a madda are a name (`شينزو آبي`, `آبي أحمد`: the particle is
    أبي, as in علي بن أبي طالب); of the particles only آل is written so."""
    return token[:1] == "آ" and match_key(token) not in LINEAGE_HEADS


def _family_name(key: str) -> bool:
    """A definite word that may end a lineage (الحواس, الغامدي), not a body's adjective after the name
    it is named for (مؤسسة محمد بن سلمان بن عبدالعزيز الخيرية)."""
    return key.startswith("ال") and not key.endswith("يه")


def _resolve(found: list[_Span]) -> list[_Span]:
    """Spans without partial overlaps: a higher rank (then a longer span) wins; a span inside a longer
    one of another type, or an organisation inside an organisation, is kept as well."""
    found = sorted(found, key=lambda sp: (-sp.rank, -(sp.end - sp.start), sp.start))
    kept: list[_Span] = []
    for sp in found:
        ok = True
        for o in kept:
            if sp.end <= o.start or o.end <= sp.start:
                continue
            if (sp.start, sp.end, sp.type) == (o.start, o.end, o.type) and o.role < 0:
                o.role = sp.role  # the same name found twice: keep the role one of them saw
            inside = o.start <= sp.start and sp.end <= o.end
            if inside and (sp.type != o.type or sp.type == "ORG") and (sp.start, sp.end) != (o.start, o.end):
                continue
            ok = False
            break
        if ok:
            kept.append(sp)
    return sorted(kept, key=lambda sp: (sp.start, sp.end))


def _strip_first(word: str, typ: str) -> str:
    """The first word of a name without a clitic the name does not own: `ووزارة` → `وزارة`,
    `للحرس` → `الحرس`, `بالقيروان` → `القيروان`, `ببن عروس` → `بن عروس`; `وليد`, `فالنسيا` stay."""
    key = match_key(word)
    for p, rest in peel(key)[1:]:
        if p.endswith("لل"):
            return "ال" + word[len(p) :]
        if p.endswith("ال"):
            # not a place's own first letters: فالنسيا (Valencia), بالتيمور (Baltimore)
            return (
                word
                if _place(key) and _place_where_expected(rest) != _place_where_expected(key)
                else word[len(p) - 2 :]
            )
        if (
            rest in ORG_HEADS
            or rest in ROLE_HEADS
            or rest in _LOC_HEADS
            or rest in _PARTICLES
            or (typ == "LOC" and (_place(rest) or rest in _PART_OF_PLACE))
            or (typ == "PER" and _clitic_before_name(p, rest, key))
        ):
            return word[len(p) :]
    return word


def _clitic_before_name(clitic: str, rest: str, key: str) -> bool:
    """`clitic` + a first name (`لمحمد`, `وسعيد`, `وعز الدين`, `كمحمد عبده`), not a foreign name that
    begins like one: `ك` before three letters (`كريم بنزيمة`, `كايل`, `كلوب` are no ك + ريم, ايل, لوب),
    a preposition before two (`ليو` is Liu, `بتر تشيك` Petr Cech)."""
    shortest = 4 if clitic.endswith("ك") else 2 if clitic in ("و", "ف") else 3  # letters left
    return len(rest) >= shortest and rest in person_words() and key not in person_words()


def _no_alias(key: str) -> bool:
    """A word in brackets after a body's name that is not another name of it: an agency's credit, a
    direction, a place."""
    return key in _AGENCY_KEYS or key in _PART_OF_PLACE or _place(key)


def _place_where_expected(key: str) -> str | None:
    """The gazetteer place one word may name, as a place or an adjective, where a place is expected
    (`الرمادي` is also `grey`), if any."""
    from marsad.group.places import gazetteer

    found = gazetteer().find([key], placed=True)
    return found[0].place if found else None


def _place(key: str) -> bool:
    from marsad.group.places import gazetteer

    found = gazetteer().find([key])
    return bool(found) and not found[0].nisba


def _clean(s: _Sentence, start: int, end: int, typ: str) -> tuple[str, str]:
    """(name, surface): the name without the clitic of its first word and without quotes, and the
    tokens as written."""
    words = [t for t in s.toks[start:end] if t not in _QUOTES]
    surface = " ".join(words)
    words = [w.lstrip("#") or w for w in words]  # a hashtag is the name it tags: #ترمب
    if not words:
        return surface, surface
    return " ".join([_strip_first(words[0], typ), *words[1:]]), surface


def article_mentions(article_id: str, texts: Iterable[str], tagger: Tagger | None = None) -> list[Mention]:
    """Mentions of an article from its title and sentences (in order)."""
    from marsad.group.places import gazetteer

    sents = [t for t in (tokens(x, keep_punct=True) for x in texts) if any(_WORD.search(w) for w in t)]
    if not sents:
        return []
    tags = (tagger or default_tagger()).tag_sentences(sents)
    gaz = gazetteer()
    found: list[tuple[_Sentence, list[_Span]]] = []
    # organisation names the tagger found somewhere in the article count as names everywhere in it:
    # التحالف الدولي لمحاربة داعش, where this داعش was left untagged
    known: dict[str, str] = {}
    before_last: dict[str, set[str]] = {}
    for toks, tg in zip(sents, tags, strict=True):
        for a, b, t in spans(tg):
            if b - a == 1:
                known.setdefault(match_key(toks[a]), "PER" if t.startswith("PER") else t)
            elif t.startswith("PER"):
                before_last.setdefault(match_key(toks[b - 1]), set()).add(match_key(toks[b - 2]))
    for toks, tg in zip(sents, tags, strict=True):
        s = _Sentence(toks, tg, known, before_last)
        crf = _crf_spans(s, spans(tg))
        # a one-letter preposition before a place written with بن: ببن عروس
        bare = [t[1:] if match_key(t)[1:] in _PARTICLES and match_key(t)[:1] in "وفبلك" else t for t in toks]
        places = [(p.start, p.end) for p in gaz.find(bare) if not p.nisba]
        found.append((s, _resolve([*crf, *_rule_spans(s, places)])))
    return _to_mentions(article_id, found)


def _person_or_not(name: str, surface: str, titled: bool) -> tuple[str, str] | None:
    """(type, name) of a name the tagger took for a person: an agency's (`لفرانس برس`: ORG `فرانس
    برس`), a place's the gazetteer has, written whole (`وقالت بيونغ يانغ`: the capital said; not one
    word after a title or that is also a person's name: `الملكة صوفيا`), none for a style or a phrase
    of praise (`صاحب السمو`, `ولله الحمد`), else the person's."""
    words = name.split()
    keys = [match_key(w) for w in words]
    if not keys or all(k in _STYLES for k in keys) or any(k in _TO_GOD for k in keys):
        return None
    written = surface.split()
    one_name = len(written) == 1 and (titled or stem_key(keys[0]) in person_words())
    if not one_name:
        as_place = " ".join([_strip_first(written[0], "LOC"), *written[1:]])
        if place_of(as_place):
            return "LOC", as_place
    for clitic, rest in peel(keys[0]):
        if " ".join([rest, *keys[1:]]) in _AGENCY_KEYS:
            return "ORG", " ".join([words[0][len(clitic) :], *words[1:]])
    return "PER", name


def _dominant(names: Counter[str]) -> str | None:
    """The name that has most of the mentions (with the longer names that begin with it), if any."""
    keys = {n: match_key(n).split() for n in names}
    for n, words in sorted(keys.items(), key=lambda nw: len(nw[1])):
        own = sum(c for m, c in names.items() if keys[m][: len(words)] == words)
        if own * 2 > sum(names.values()):
            return n
    return None


def _split_people(found: list[tuple[_Sentence, list[_Span]]]) -> None:
    """An organisation's span that ends with a person named elsewhere in the article ends before the
    person (`النائب عن الجبهة الشعبية المنجي الرحوي`)."""
    people = {tuple(s.keys[sp.start : sp.end]) for s, sps in found for sp in sps if sp.type == "PER"}
    people = {p for p in people if len(p) > 1}
    for s, sps in found:
        for sp in list(sps):
            if sp.type != "ORG":
                continue
            for p in people:
                n = len(p)
                if sp.end - sp.start > n + 1 and tuple(s.keys[sp.end - n : sp.end]) == p:
                    person = _Span(sp.end - n, sp.end, "PER", 2)
                    sp.end -= n
                    if not any((o.start, o.end) == (person.start, person.end) for o in sps):
                        sps.append(person)
                    break


def _to_mentions(article_id: str, found: list[tuple[_Sentence, list[_Span]]]) -> list[Mention]:
    _split_people(found)
    out: list[Mention] = []
    persons: dict[tuple[str, ...], str] = {}  # last-name keys -> full name, for short forms later
    remainders: dict[tuple[str, ...], str] = {}  # descriptor-less ORG name keys -> name
    heads: dict[tuple[str, ...], Counter[str]] = {}  # definite head word of ORG names -> the names
    # words the tagger took for a person on their own somewhere in the article: the last word of a
    # name of three words or more is a last name only if it is one of them (`ترامب`), else it is as
    # often the word the span ran on into (`محمد صلاح هدفا`, `هاري كين أمام`); a two-word name's last
    # word stays one (`غير بيدرسون` ... `بيدرسون`, which the tagger misses alone) unless it is a particle
    # (`صلاح أمام`: أمام and إمام share a key, and Adel Imam would become Mohamed Salah)
    alone = {s.keys[p.start] for s, sps in found for p in sps if p.type == "PER" and p.end == p.start + 1}
    for s, sps in found:
        for sp in sps:
            name, surface = _clean(s, sp.start, sp.end, sp.type)
            if any(w.startswith("#") and "_" in w for w in surface.split()):
                continue  # a hashtag of several words is a slogan (`#ادعم_محمد_صلاح`), no name
            if sp.type == "PER":
                titled = _titled(s, sp.start) or (sp.start > 0 and s.keys[sp.start - 1] in _QUEEN)
                kind = _person_or_not(name, surface, titled)
                if kind is None:
                    continue
                sp.type, name = kind
            forms = [surface] if surface != name else []
            role = None
            if sp.role < 0 and sp.type == "PER":
                # the role written right before the name: not across another name or a word that
                # ends a role (`الرئيس الأمريكي دونالد ترامب ونظيره الروسي فلاديمير بوتين` gives Putin
                # no role, `الخبيرة الاقتصادية جين فولي إن تصريحات أردوغان` Erdogan none)
                others = {i for o in sps if o is not sp for i in range(o.start, o.end)}
                j = sp.start
                while j > 0 and sp.start - j < 6 and s.word(j - 1) and j - 1 not in others:
                    j -= 1
                    if _is(s.keys[j], ROLE_HEADS):
                        sp.role = j
                        break
                    if s.keys[j] in _ROLE_ENDS or s.keys[j] in SPEECH_VERBS:
                        break
            if sp.role >= 0:
                role = " ".join(t for t in s.toks[sp.role : sp.end] if _WORD.search(t))
            if sp.start > 0 and match_key(s.toks[sp.start - 1]) in HONORIFICS:
                # الأمير فيصل بن فرحان, and with the first name alone: الأمير فيصل
                honorific = s.toks[sp.start - 1]
                words = name.split()
                first = words[:2] if match_key(words[0]) in COMPOUND_HEADS else words[:1]  # الأمير عبد الله
                forms += dict.fromkeys([honorific + " " + name, honorific + " " + " ".join(first)])
            # an alias in brackets right after: تنظيم "الدولة الإسلامية" (داعش); not after a person or a
            # place, where brackets hold a photo credit, a region or a country (`ماكرون (إيلاب)`,
            # `الحديدة (غرب)`, `سوريا (CNN)`), nor an agency's credit or a place after a body
            # (`وزارة الخارجية (واس)`): each of those would join every name it follows into one entity
            e = sp.end + (1 if sp.end < len(s.toks) and s.toks[sp.end] in _QUOTES else 0)
            if (
                sp.type not in ("PER", "LOC")
                and e + 2 < len(s.toks)
                and s.toks[e] in _OPEN
                and s.toks[e + 2] in _CLOSE
                and s.word(e + 1)
                and not _no_alias(s.keys[e + 1])
            ):
                forms.append(s.toks[e + 1])
            words = name.split()
            if sp.type == "ORG" and len(words) > 1 and match_key(words[0]) in DESCRIPTORS:
                rest = " ".join(words[1:])
                if match_key(rest) not in ("الله",):
                    # one more name of it in other articles too, unless it is one definite noun (`وكالة
                    # الأنباء`, `حزب الشعب`): many bodies share that (النهضة alone still finds حركة
                    # النهضة as the name it ends)
                    if len(words) > 2 or not _definite(match_key(rest)):
                        forms.append(rest)
                    remainders[tuple(match_key(rest).split())] = name
            if sp.type == "ORG" and len(words) > 1 and _definite(match_key(words[0])):
                heads.setdefault((match_key(words[0]),), Counter())[name] += 1
            if sp.type == "PER" and len(words) == 1 and match_key(name) in _GENERATION:
                continue  # `الأب` alone names nobody (a short form of every جورج بوش الأب and كومباني الأب)
            if sp.type == "PER" and len(words) > 1:
                keys = match_key(name).split()
                if len(keys) > 2 and keys[-1] in _GENERATION:
                    keys = keys[:-1]  # جورج بوش الأب: the last name is بوش
                last = keys[-2:] if len(keys) > 2 and keys[-2] in _PARTICLES else keys[-1:]
                if len(last[-1]) > 2 and last[-1] not in _BOUNDARY and (len(keys) == 2 or last[-1] in alone):
                    persons[tuple(last)] = name
            out.append(Mention(article_id, name, sp.type, role, tuple(dict.fromkeys(forms))))
    # short forms after the full name: a last name alone, a party's name without its descriptor
    # (an organisation's definite head alone stands for it when one name of the article has it: التحالف)
    shorts: dict[tuple[str, ...], tuple[str, str]] = {}  # short form keys -> (type, the full name)
    for head, names in heads.items():
        dominant = _dominant(names)
        if head[0] in ORG_HEADS and dominant:
            shorts[head] = ("ORG", dominant)
    shorts.update({k: ("PER", full) for k, full in persons.items()})
    shorts.update({k: ("ORG", full) for k, full in remainders.items()})
    for s, sps in found:
        covered = {i for sp in sps for i in range(sp.start, sp.end)}
        for i, k in enumerate(s.keys):
            if i in covered or not s.word(i):
                continue
            for p, rest in peel(k):
                if p not in ("", "و", "ف", "ب", "ل", "وب", "ول", "فب", "فل"):
                    continue
                hit = next(
                    (
                        key
                        for key in shorts
                        if (rest, *s.keys[i + 1 : i + len(key)]) == key
                        and not covered & set(range(i, i + len(key)))
                    ),
                    None,
                )
                if hit is not None:
                    text = " ".join([s.toks[i][len(p) :], *s.toks[i + 1 : i + len(hit)]])
                    typ, full = shorts[hit]
                    out.append(Mention(article_id, text, typ, None, (full,)))
                    covered |= set(range(i, i + len(hit)))
                    break
    # an agency credit closing the article: -وات- , (أ ف ب)
    if found:
        s = found[-1][0]
        t = s.toks
        if len(t) >= 3 and t[-1] in _DASH | _CLOSE and t[-3] in _DASH | _OPEN and s.word(len(t) - 2):
            out.append(Mention(article_id, t[-2], "ORG"))
    return out
