"""Token features for the CRF named-entity tagger: word forms, affixes, clitic-stripped forms, stems,
shape, gazetteers, trigger words and word clusters, over a window of two words either side.

Everything a word contributes is computed once per distinct word and cached (a news text repeats most
of its words), so featurising a sentence is mostly tuple concatenation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

import Stemmer

from marsad.text.normalize import match_key

# Proclitics ANERcorp leaves glued to the word (و ف conjunctions, ب ل ك prepositions, ال article),
# longest first, on the matching key (so أ/إ are already ا). `لل` is ل + ال with the alef dropped.
_PROCLITICS = (
    "وبال", "وكال", "فبال", "فكال", "وللـ", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال",
    "وب", "ول", "وك", "فب", "فل", "و", "ف", "ب", "ل", "ك",
)  # fmt: skip

# Words that announce a person's name (titles, offices, kinship), an organisation, or a place.
PERSON_TRIGGERS = frozenset(
    match_key(w)
    for w in (
        "السيد السيدة الرئيس رئيس رئيسة الرئيسة نائب وزير وزيرة الوزير الشيخ الأمير الأميرة الملك الملكة "
        "الدكتور الدكتورة د المهندس الجنرال اللواء العميد العقيد الفريق المشير الرائد النقيب القائد "
        "الزعيم المستشار المستشارة السفير السفيرة الأمين المتحدث الناطق الناطقة المتحدثة المبعوث "
        "المندوب الإمام آية الله البابا المطران الحاخام القاضي المحامي الكاتب الكاتبة الشاعر الشاعرة "
        "الفنان الفنانة المخرج الممثل الممثلة اللاعب اللاعبة المدرب النجم الصحفي الصحافي الصحفية الباحث "
        "البروفيسور الأستاذ الأستاذة النائب النائبة العاهل ولي السلطان الخليفة الحاج المرشح المرشحة "
        "قال وقال أكد وأكد أضاف وأضاف أوضح وأوضح صرح وصرح ذكر وذكر أعلن وأعلن قالت وقالت "
        "ابن بن بنت أبو أبي أم زوجة زوج شقيق شقيقة نجل ابنة عائلة"
    ).split()
)
ORG_TRIGGERS = frozenset(
    match_key(w)
    for w in (
        "وزارة شركة جامعة حزب حركة منظمة وكالة مجلس بنك مصرف هيئة اتحاد جمعية مؤسسة مركز معهد "
        "صندوق لجنة جبهة تنظيم جماعة نادي فريق محكمة برلمان مجمع أكاديمية إذاعة صحيفة قناة تلفزيون "
        "مجموعة رابطة نقابة كلية مكتب دائرة سلطة جيش قوات كتائب ائتلاف تحالف منتدى مستشفى بورصة "
        "سوق مصلحة إدارة مديرية مفوضية ديوان"
    ).split()
)
LOC_TRIGGERS = frozenset(
    match_key(w)
    for w in (
        "في إلى إلي من عن داخل خارج نحو شمال جنوب شرق غرب وسط شمالي جنوبي شرقي غربي مدينة عاصمة "
        "العاصمة بلدة قرية محافظة ولاية إقليم منطقة جزيرة جزر بحر نهر جبل جبال بحيرة خليج دولة "
        "حدود قرب بالقرب مطار ميناء شارع ساحة حي مخيم"
    ).split()
)

_ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")
_DIGIT = re.compile(r"\d")
_LATIN = re.compile(r"[A-Za-z]")
_PUNCT = re.compile(r"^[^\w]+$")


def strip_clitics(key: str) -> list[str]:
    """Forms of a key with its proclitics removed, longest strip first; each keeps 2+ letters."""
    out = []
    for p in _PROCLITICS:
        if key.startswith(p) and len(key) - len(p) >= 2:
            rest = key[len(p) :]
            if rest not in out:
                out.append(rest)
    return out


def stem_key(key: str) -> str:
    """The stripped form used for features and gazetteers: article and conjunction+article removed."""
    for p in ("وال", "فال", "بال", "كال", "ولل", "لل", "ال"):
        if key.startswith(p) and len(key) - len(p) >= 2:
            return key[len(p) :]
    return key


@dataclass(frozen=True)
class Lexicon:
    """Word lists the features look words up in: gazetteers by type and word clusters."""

    # name -> keys (single words, article-stripped forms included) of entity words of that kind
    gazetteers: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # name -> keys of whole multi-word names (space-joined keys), matched as spans
    phrases: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # key -> word-cluster ids, coarse to fine, joined by "/"
    clusters: Mapping[str, str] = field(default_factory=dict)


def gazetteer_keys(names: Iterable[str]) -> tuple[frozenset[str], frozenset[str]]:
    """Word keys and multi-word phrase keys from a list of names (one name per item)."""
    words: set[str] = set()
    phrases: set[str] = set()
    for name in names:
        key = match_key(name)
        parts = key.split()
        if not parts or not _ARABIC_LETTER.search(key):
            continue
        for part in parts:
            if len(part) >= 2:
                words.add(part)
                words.add(stem_key(part))
        if len(parts) > 1:
            phrases.add(" ".join(stem_key(p) for p in parts))
    return frozenset(words), frozenset(phrases)


_MAX_PHRASE = 6


class Word(NamedTuple):
    """What a token contributes to the features of a sentence."""

    key: str  # match_key of the token
    base: str  # key without article / conjunction+article (stem_key)
    own: tuple[str, ...]  # its features as the current token
    contexts: tuple[tuple[str, ...], ...]  # its features as the token at -2, -1, +1, +2


class Featurizer:
    """Turns a tokenised sentence into per-token feature-string lists for python-crfsuite."""

    def __init__(self, lexicon: Lexicon, cache_size: int = 200_000) -> None:
        self.lexicon = lexicon
        self._stemmer = Stemmer.Stemmer("arabic")
        self._cache: dict[str, Word] = {}
        self._cache_size = cache_size
        self._gaz = sorted(lexicon.gazetteers.items())
        # first word of a multi-word name -> (length, list name), longest first; name -> its lists
        starts: dict[str, set[tuple[int, str]]] = {}
        self._phrase_lists: dict[str, frozenset[str]] = {}
        lists: dict[str, set[str]] = {}
        for name, phrases in lexicon.phrases.items():
            for p in phrases:
                parts = p.split(" ")
                if len(parts) <= _MAX_PHRASE:
                    starts.setdefault(parts[0], set()).add((len(parts), name))
                    lists.setdefault(p, set()).add(name)
        self._phrase_starts = {w: sorted(e, key=lambda x: (-x[0], x[1])) for w, e in starts.items()}
        self._phrase_lists = {p: frozenset(names) for p, names in lists.items()}

    def _lookup(self, key: str, stripped: list[str]) -> list[str]:
        out = []
        for name, words in self._gaz:
            if key in words:
                out.append("g=" + name)
            elif any(s in words for s in stripped):
                out.append("gs=" + name)
        return out

    def word(self, token: str) -> Word:
        """The cached features of one token."""
        hit = self._cache.get(token)
        if hit is not None:
            return hit
        key = match_key(token) or "_"
        stripped = strip_clitics(key)
        base = stem_key(key)
        feats = ["w=" + key, "b=" + base]
        if not _ARABIC_LETTER.search(key):
            if _PUNCT.match(key):
                shape = "P"
            elif _DIGIT.search(key):
                shape = "D"
            elif _LATIN.search(key):
                shape = "L"
            else:
                shape = "X"
            feats.append("sh=" + shape)
            feats.append("len=" + str(min(len(key), 5)))
        else:
            shape = "A"
            n = len(key)
            feats.append("len=" + str(min(n, 10)))
            for i in range(1, 5):
                if n > i:
                    feats.append(f"p{i}=" + key[:i])
                    feats.append(f"s{i}=" + key[-i:])
            for i in range(2, 4):
                if len(base) > i:
                    feats.append(f"bp{i}=" + base[:i])
                    feats.append(f"bs{i}=" + base[-i:])
            feats.append("st=" + self._stemmer.stemWord(base))
            feats.extend({"g3=" + base[i : i + 3] for i in range(1, len(base) - 3)})
            if stripped:
                feats.append("c1=" + stripped[-1])
        gaz = self._lookup(key, stripped)
        feats.extend(gaz)
        trig = []
        if key in PERSON_TRIGGERS or base in PERSON_TRIGGERS:
            trig.append("tP")
        if key in ORG_TRIGGERS or base in ORG_TRIGGERS or any(s in ORG_TRIGGERS for s in stripped):
            trig.append("tO")
        if key in LOC_TRIGGERS or base in LOC_TRIGGERS:
            trig.append("tL")
        feats.extend(trig)
        ctx = ["w=" + key, "b=" + base, *gaz, *trig]
        if shape != "A":
            ctx.append("sh=" + shape)
        else:
            ctx.append("s2=" + key[-2:])
            ctx.append("p2=" + key[:2])
        clusters = self.lexicon.clusters
        cl = clusters.get(key) or next((clusters[s] for s in stripped if s in clusters), None)
        if cl is not None:
            cls = [f"k{i}={c}" for i, c in enumerate(cl.split("/"))]
            feats.extend(cls)
            ctx.extend(cls)
        contexts = tuple(tuple(f"{o}{f}" for f in ctx) for o in ("-2", "-1", "+1", "+2"))
        out = Word(key, base, tuple(feats), contexts)
        if len(self._cache) >= self._cache_size:
            self._cache.clear()
        self._cache[token] = out
        return out

    def phrase_tags(self, bases: list[str]) -> list[list[str]]:
        """BIO-style marks of the tokens inside multi-word gazetteer names: per list, left to right,
        the longest name that starts at a token and does not overlap the previous one."""
        n = len(bases)
        marks: list[list[str]] = [[] for _ in range(n)]
        free: dict[str, int] = {}
        for i, base in enumerate(bases):
            for length, name in self._phrase_starts.get(base, ()):
                if i < free.get(name, 0) or i + length > n:
                    continue
                if name in self._phrase_lists.get(" ".join(bases[i : i + length]), ()):
                    free[name] = i + length
                    marks[i].append("ph=B-" + name)
                    for j in range(i + 1, i + length):
                        marks[j].append("ph=I-" + name)
        return marks

    def sentence(self, tokens: list[str]) -> list[list[str]]:
        """Feature strings for every token of a sentence."""
        words = [self.word(t) for t in tokens]
        n = len(words)
        phrase = self.phrase_tags([w.base for w in words])
        out = []
        for i, w in enumerate(words):
            feats = ["bias", *w.own, *phrase[i]]
            if i == 0:
                feats.append("BOS")
            else:
                feats.extend(words[i - 1].contexts[1])
                feats.append("bg-=" + words[i - 1].key + "|" + w.key)
                if i > 1:
                    feats.extend(words[i - 2].contexts[0])
            if i == n - 1:
                feats.append("EOS")
            else:
                feats.extend(words[i + 1].contexts[2])
                feats.append("bg+=" + w.key + "|" + words[i + 1].key)
                if i < n - 2:
                    feats.extend(words[i + 2].contexts[3])
            out.append(feats)
        return out
