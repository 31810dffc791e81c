"""Token features for the CRF named-entity tagger: word forms, affixes, clitic-stripped forms, stems,
shape, gazetteers, trigger words and word clusters, over a window of two words either side.

Everything a word contributes is computed once per distinct word and cached (a news text repeats most
of its words), so featurising a sentence is mostly tuple concatenation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

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


class Featurizer:
    """Turns a tokenised sentence into per-token feature-string lists for python-crfsuite."""

    def __init__(self, lexicon: Lexicon, cache_size: int = 200_000) -> None:
        self.lexicon = lexicon
        self._stemmer = Stemmer.Stemmer("arabic")
        self._cache: dict[str, tuple[str, tuple[str, ...], tuple[tuple[str, ...], ...]]] = {}
        self._cache_size = cache_size
        self._gaz = sorted(lexicon.gazetteers.items())
        self._phrase_lens = sorted(
            {len(p.split()) for ps in lexicon.phrases.values() for p in ps if len(p.split()) <= _MAX_PHRASE},
            reverse=True,
        )

    def _lookup(self, key: str, stripped: list[str]) -> list[str]:
        out = []
        for name, words in self._gaz:
            if key in words:
                out.append("g=" + name)
            elif any(s in words for s in stripped):
                out.append("gs=" + name)
        return out

    def _word(self, token: str) -> tuple[str, tuple[str, ...], tuple[tuple[str, ...], ...]]:
        """Cached (key, own features, context features per offset -2, -1, +1, +2) of one token."""
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
        cl = self.lexicon.clusters.get(key) or self.lexicon.clusters.get(base)
        if cl is not None:
            cls = [f"k{i}={c}" for i, c in enumerate(cl.split("/"))]
            feats.extend(cls)
            ctx.extend(cls)
        contexts = tuple(tuple(f"{o}{f}" for f in ctx) for o in ("-2", "-1", "+1", "+2"))
        out = (key, tuple(feats), contexts)
        if len(self._cache) >= self._cache_size:
            self._cache.clear()
        self._cache[token] = out
        return out

    def _phrase_tags(self, bases: list[str]) -> list[list[str]]:
        """BIO-style marks for tokens inside a multi-word gazetteer name (longest match first)."""
        n = len(bases)
        marks: list[list[str]] = [[] for _ in range(n)]
        if not self.lexicon.phrases:
            return marks
        for name, phrases in sorted(self.lexicon.phrases.items()):
            i = 0
            while i < n:
                for length in self._phrase_lens:
                    if i + length <= n and " ".join(bases[i : i + length]) in phrases:
                        marks[i].append("ph=B-" + name)
                        for j in range(i + 1, i + length):
                            marks[j].append("ph=I-" + name)
                        i += length - 1
                        break
                i += 1
        return marks

    def sentence(self, tokens: list[str]) -> list[list[str]]:
        """Feature strings for every token of a sentence."""
        words = [self._word(t) for t in tokens]
        n = len(words)
        bases = [stem_key(w[0]) for w in words]
        phrase = self._phrase_tags(bases)
        out = []
        for i, (key, own, _) in enumerate(words):
            feats = ["bias", *own, *phrase[i]]
            if i == 0:
                feats.append("BOS")
            else:
                feats.extend(words[i - 1][2][1])
                feats.append("bg-=" + words[i - 1][0] + "|" + key)
                if i > 1:
                    feats.extend(words[i - 2][2][0])
            if i == n - 1:
                feats.append("EOS")
            else:
                feats.extend(words[i + 1][2][2])
                feats.append("bg+=" + key + "|" + words[i + 1][0])
                if i < n - 2:
                    feats.extend(words[i + 2][2][3])
            out.append(feats)
        return out
