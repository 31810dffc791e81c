"""Canonical entities: named-entity mentions resolved across spellings, short forms and outlets.

- Mentions come from `mentions.py` (the NER tagger plus rules); each carries its other forms: the
  role before a person (`وزير الخارجية الأميركي أنتوني بلينكن`), the surface with its clitics
  (`ببن عروس`), an alias in brackets (`داعش`), a party without its descriptor (`نداء تونس`). A form
  joins the mention's entity; a role or an honorific form (`الأمير فيصل`) is only shown.
- Inside an article, a short form (`بلينكن`, `دي مايو`) is the full name it ends or begins
  (`أنتوني بلينكن`), when exactly one full name of that type fits.
- Across articles, names meet on a spelling skeleton: the matching key with the long vowels and
  hamza seats after the first letter dropped (بلينكن / بلينكين -> بلنكن, لويغي / لويجي differ in one
  consonant and meet by edit distance), multi-word names on every word; a single word joins a
  multi-word entity only when it is that entity's last word and no other entity claims it. An
  organisation also meets the one other whose name begins with its own (`التحالف الدولي` /
  `التحالف الدولي لمحاربة داعش`) or lacks one inner word (`مجلس الشعب` / `مجلس نواب الشعب`).
- An entity's name is its most frequent full form; its type the majority of its mentions. A person's
  last name (`بومبيو`, `بن حسن`) is one more variant when no other entity has it.
- `attach` places entities canonicalised from a few new articles among stored ones by their spellings:
  what a small run into a large store does instead of canonicalising every stored mention again.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from marsad.extract.ner import person_words
from marsad.extract.ner_features import stem_key
from marsad.group.places import gazetteer
from marsad.text.normalize import match_key

_CLITIC = re.compile(r"^(?:و|ف)?(?:ب|ك|ل)?(?=ال)|^(?:و|ف)?لل")
_SKELETON_DROP = str.maketrans("", "", "اويءى")
# Words a person's last name keeps before it (`بن حسن`, `دي مايو`).
_PARTICLES = frozenset(match_key(w) for w in "بن ابن أبو أبي عبد آل ولد دي دو فان فون دا".split())
_LETTER = re.compile(r"[^\W\d_]")
_CLITICS = re.compile(r"[وف]?[بكل]?")
# a short name found alone stands for the longer name it is part of when that reading has at least half
# of the full names written for all its readings and four times as many as the next one
_DOMINANT_SHARE, _DOMINANT_RATIO = 0.5, 4
# a name written in this many articles is established: one article's alias does not join two such
_ESTABLISHED = 20
_ALIAS_SHARE = 0.01
_HYPHENS = re.compile(r"[-‐‑–—]")
_FAMILY = match_key("آل")  # آل سعود: the house of Saud
_LINEAGE = frozenset(match_key(w) for w in "بن ابن بنت ولد".split())  # X son of Y
# particles after which a family's name may close a person's name (… بن سليمان الحواس, … آل طالع العسيري)
LINEAGE_HEADS = _LINEAGE | {_FAMILY}
# first names written in one word or two: عبد الله / عبدالله, أبو بكر / أبوبكر
COMPOUND_HEADS = frozenset(match_key(w) for w in "عبد أبو".split())
_HONORIFICS = frozenset(match_key(w) for w in "الأمير الأميرة الملك الشيخ السلطان الإمام".split())


@dataclass(frozen=True)
class Mention:
    """One entity mention in one article."""

    article: str
    text: str  # the name as written
    type: str  # PER | ORG | LOC | MISC
    role: str | None = None  # the role written before a person, with the name: `وزير الخارجية ... بلينكن`
    # other forms of this same mention: as written with its clitics (`ببن عروس`), an alias in brackets
    # (`داعش`), a party without its descriptor (`نداء تونس`)
    forms: tuple[str, ...] = ()

    def row(self) -> list[object]:
        """What the store keeps of a mention (the article id is its key)."""
        return [self.text, self.type, self.role, list(self.forms)]

    @classmethod
    def from_row(cls, article: str, row: list[object]) -> Mention:
        """A stored mention back; rows written before `forms` existed have three fields."""
        text, typ, role = str(row[0]), str(row[1]), row[2]
        forms = tuple(str(f) for f in row[3]) if len(row) > 3 and isinstance(row[3], list) else ()
        return cls(article, text, typ, str(role) if role else None, forms)


@dataclass
class Entity:
    """One real-world entity with all the spellings seen."""

    id: str
    name: str
    type: str
    variants: list[str]
    articles: dict[str, int] = field(default_factory=dict)  # article id -> mentions

    def to_export(self, events: list[str]) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "variants": self.variants,
            "events": events,
        }


@lru_cache(maxsize=500_000)
def name_key(text: str) -> str:
    """Matching key of a name: normalised, a leading conjunction/preposition dropped from each word."""
    words = []
    for w in _HYPHENS.sub(" ", match_key(text).replace("#", "")).split():  # جونغ - أون, جونغ-أون: one name
        w2 = _CLITIC.sub(lambda c: "ال" if c.group().endswith("لل") else "", w)  # للتحالف: التحالف
        # what is left begins with ال: `وكالة` is no و+ك+الة, `والي` no و+الي, `بالاس` (Palace) no ب+الاس;
        # two letters after ال are too few to tell a clitic from a word
        words.append(w2 if len(w2) > 4 else w)
    # a compound name is written in one word or two (عبدالعزيز / عبد العزيز, أبوظبي / أبو ظبي): one key
    glued: list[str] = []
    for w in words:
        if glued and glued[-1] in COMPOUND_HEADS:
            glued[-1] += w
        else:
            glued.append(w)
    return " ".join(glued)


@lru_cache(maxsize=200_000)
def skeleton(word: str) -> str:
    """A word without its long vowels and hamza seats after the first letter (بلينكين -> بلنكن)."""
    if word.startswith("ال") and len(word) > 4:
        word = word[2:]
    return word[:1] + word[1:].translate(_SKELETON_DROP) if word else word


@lru_cache(maxsize=200_000)
def place_of(name: str) -> str | None:
    """The gazetteer place a whole name is (not an adjective), if any: `ألمانيا` -> DE."""
    words = name.split()
    found = gazetteer().find(words)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(words) and not found[0].nisba:
        return found[0].place
    return None


def _same_word(a: str, b: str, max_edits: int) -> bool:
    """Two spellings of one word: the same skeleton a few edits apart (بلينكن / بلينكين; a third of
    the shorter word at most, so that سيدني and السودان, both سدن, stay apart), or `max_edits`
    letters apart in words of four letters or more, a changed letter only for one of the same sound
    (`_one_sound`); never two names of the lexicon (`_two_names`) nor two different places of the
    gazetteer (المنيا / المانيا are one letter apart)."""
    if a == b:
        return True
    # two names of the lexicon a long vowel or a letter more apart are two names; one sound written
    # two ways (جونغ / يونغ) is not another name
    one_skeleton = skeleton(a) == skeleton(b)
    if (len(a) != len(b) or one_skeleton) and _two_names(a, b):
        return False
    shorter = min(len(a), len(b))
    if not one_skeleton:
        # a letter more or less (a clitic: لمحمد, or a typo: دونال), or one sound transliterated two
        # ways (لويغي / لويجي); not two consonants that make two words (العبادي / العباسي, الشرطة / الشركة)
        if not max_edits or shorter < 4 or (len(a) == len(b) and not _one_sound(a, b)):
            return False
    else:
        # وفا / ويفا: two agencies' acronyms. A short name ending in another vowel is another name (ماري /
        # ماريا / ماريو, دينا / دينو): where the skeleton is two letters, little else tells them apart
        other_vowel = len(skeleton(a)) < 3 and _other_ending(a, b)
        max_edits = max(1, shorter // 3) if shorter > 3 and not other_vowel else 0
    if not max_edits or Levenshtein.distance(a, b, score_cutoff=max_edits) > max_edits:
        return False
    return _other_place(a, b)


def _other_ending(a: str, b: str) -> bool:
    """Two words ending in different letters, other than a final hamza (المخا / المخاء) or a case alif
    (ريال / ريالا). A nisba's ي does count (الطيب / الطيبي are two families)."""
    x, y = sorted((a, b), key=len)
    if x[-1] == y[-1] or "ء" in (x[-1], y[-1]) or "ئ" in (x[-1], y[-1]):
        return False
    return not (y == x + "ا" and x[-1] not in "اويى")


def _two_names(a: str, b: str) -> bool:
    """Two names of the name lexicon: محمد / محمود, سعيد / سعود, الحسن / الحسين, ديانا / دينا share a
    skeleton and are a letter apart, but an Arabic name's long vowels make it another name. One word
    with and without the article or a clitic (`لمحمد`), the accusative's alif (`محمدا`) or a final ي
    (`أنيس العامر` / `العامري`: outlets write a family's nisba both ways) is one name."""
    x, y = sorted((stem_key(a), stem_key(b)), key=len)
    if y in (x, x + "ا", x + "ي") or (y.endswith(x) and _CLITICS.fullmatch(y[: -len(x)])):  # لمحمد / محمد
        return False
    words = person_words()
    return x in words and y in words


def _other_place(a: str, b: str) -> bool:
    """Not two different places of the gazetteer."""
    pa, pb = place_of(a), place_of(b)
    return pa is None or pb is None or pa == pb


# letters that write one foreign sound in different outlets' transliterations: g and Spanish j
# (غوتيريش / جوتيريش, سيرجيو / سيرخيو), j and y (جونغ / يونغ, أجاكس / أياكس), t and th (تيبو / ثيبو),
# th (هيثر / هيذر), s, sh and z (ماوريتسيو / ماوريتزيو), z, d, h, v, p
_SOUNDS = ("غجقكگخ", "جيخ", "تطث", "ثذ", "سصثشز", "زذظ", "دضذ", "هحخ", "فڤ", "بپ")


def _one_sound(a: str, b: str) -> bool:
    """Two words of one length that differ in one letter, both Arabic letters writing one sound (or a
    final vowel or ta written two ways: سارة / سارا, براءة / براءت), or any two Latin letters."""
    diff = [(i, x, y) for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    if len(diff) != 1:
        return False
    i, x, y = diff[0]
    if not ("\u0600" <= x <= "\u06ff" and "\u0600" <= y <= "\u06ff"):
        return True  # Latin script: one letter apart is still one name (Lindsay / Lindsey)
    if i == len(a) - 1 and ({x, y} <= {"ا", "ه", "ي"} or {x, y} == {"ت", "ه"}):
        return True
    return any(x in group and y in group for group in _SOUNDS)


def _same_name(a: list[str], b: list[str]) -> bool:
    return len(a) == len(b) and all(_same_word(x, y, 1) for x, y in zip(a, b, strict=True))


def _part_of(short: list[str], full: list[str]) -> bool:
    """`short` is the end (`بلينكن`, `دي مايو`) or the start (`الأمير فيصل`) of the longer `full`."""
    n = len(short)
    if n >= len(full):
        return False
    # behind بن the end of a lineage is the father's name (`سلمان بن عبدالعزيز` ends `فيصل بن سلمان بن
    # عبدالعزيز`, his son's), behind آل the family's (`سعود`, of every prince of آل سعود)
    tail = (
        full[-n - 1] not in _LINEAGE
        and full[-n - 1] != _FAMILY
        and all(_same_word(x, y, 1) for x, y in zip(short, full[-n:], strict=True))
    )
    head = all(_same_word(x, y, 0) for x, y in zip(short, full[:n], strict=True))
    return tail or head


def _contracted(short: list[str], full: list[str]) -> bool:
    """An organisation's name with one inner word left out: `مجلس الشعب` / `مجلس نواب الشعب`."""
    if len(short) < 2 or len(full) != len(short) + 1:
        return False
    return any(
        all(_same_word(x, y, 0) for x, y in zip(short, full[:i] + full[i + 1 :], strict=True))
        and not gazetteer().find([full[i]])  # not a place left out: وكالة الأنباء (السورية) الرسمية
        for i in range(1, len(full) - 1)
    )


_Entry = tuple[int, list[str]]  # a group and one of its keys
_Key = tuple[int, tuple[str, ...]]  # the same, hashable


def _deletions(word: str) -> set[str]:
    """The word and the word less each one of its letters: two words one edit apart share one of these."""
    return {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}


class _Groups:
    """Union-find over groups of mentions, each with the word keys of its full names."""

    def __init__(self) -> None:
        self.parent: list[int] = []
        self.type: list[Counter[str]] = []
        self.forms: list[Counter[str]] = []  # surface forms; 0 = a variant, never the name
        self.keys: list[list[list[str]]] = []
        self.keyset: list[set[tuple[str, ...]]] = []
        self.articles: list[Counter[str]] = []
        # blocking indexes over the keys' words (skeletons). Each entry is one key with the group it was
        # filed for, so that a name is compared with the few keys that could match it: never with every
        # group, nor with every key of a group that shares one word with it. Cost grows with the mentions.
        self.by_last: dict[str, list[_Entry]] = defaultdict(list)  # last word
        self.by_last_n: dict[tuple[str, int], list[_Entry]] = defaultdict(list)  # last word, length
        # last word less a letter, and the word's first three letters (a name one letter off must keep them)
        self.by_last_del: dict[tuple[str, str], list[_Entry]] = defaultdict(list)
        self.by_first: dict[str, list[_Entry]] = defaultdict(list)  # first word
        self.by_first2: dict[tuple[str, str], list[_Entry]] = defaultdict(list)  # first two words
        self.by_last2: dict[tuple[str, str], list[_Entry]] = defaultdict(list)  # last two words
        self.by_ends: dict[tuple[str, str], list[_Entry]] = defaultdict(list)  # first and last words
        # name -> (entries of its `by_last_n` list compared so far, the groups of those that matched)
        self._found: dict[tuple[str, ...], tuple[int, list[int]]] = {}
        self.filed: Counter[tuple[str, ...]] = Counter()  # key -> mentions added under it
        # short name -> (the index lists it looks in, entries of each compared so far, those entries, the
        # (group, key) entries it is part of)
        self._parts: dict[tuple[str, ...], tuple[list[list[_Entry]], list[int], set[_Key], list[_Key]]] = {}

    def root(self, g: int) -> int:
        while self.parent[g] != g:
            self.parent[g] = self.parent[self.parent[g]]
            g = self.parent[g]
        return g

    def new(self) -> int:
        g = len(self.parent)
        self.parent.append(g)
        self.type.append(Counter())
        self.forms.append(Counter())
        self.keys.append([])
        self.keyset.append(set())
        self.articles.append(Counter())
        return g

    def union(self, a: int, b: int) -> int:
        a, b = self.root(a), self.root(b)
        if a == b:
            return a
        a, b = min(a, b), max(a, b)
        self.parent[b] = a
        self.type[a] += self.type[b]
        self.forms[a].update(self.forms[b])
        for f in self.forms[b]:
            self.forms[a][f] += 0
        for k in self.keys[b]:
            if tuple(k) not in self.keyset[a]:
                self.keyset[a].add(tuple(k))
                self.keys[a].append(k)
        self.articles[a] += self.articles[b]
        return a

    def key(self, g: int, words: list[str], exact: bool = False) -> None:
        """File a key of a group; `exact`: only the same name finds it (`find`), no shorter one."""
        g = self.root(g)
        if not words or tuple(words) in self.keyset[g]:
            return
        self.keys[g].append(words)
        self.keyset[g].add(tuple(words))
        e = (g, words)
        sk = [skeleton(w) for w in words]
        self.by_last_n[(sk[-1], len(sk))].append(e)
        if exact:
            return
        self.by_last[sk[-1]].append(e)
        self.by_first[sk[0]].append(e)
        self.by_ends[(sk[0], sk[-1])].append(e)
        if len(sk) > 1:
            for d in _deletions(words[-1]):
                self.by_last_del[(d, words[-1][:3])].append(e)
            self.by_first2[(sk[0], sk[1])].append(e)
            self.by_last2[(sk[-2], sk[-1])].append(e)

    def _matching(self, lists: list[list[_Entry]], typ: str, fits: Callable[[list[str]], bool],
                  most: int = 0) -> list[int]:  # fmt: skip
        """Groups (roots) of that type with a listed key that `fits`, in the order met; `most` at most."""
        out: list[int] = []
        for plist in lists:
            for g, k in plist:
                r = self.root(g)
                if r in out or typ not in self.type[r] or not fits(k):
                    continue
                out.append(r)
                if len(out) == most:
                    return out
        return out

    def part_support(self, words: list[str], typ: str) -> Counter[int]:
        """Groups of that type with a key `words` is the end or the start of (`_part_of`), each with the
        number of mentions added under such keys: how often each reading of the short name was written
        in full. The fitting keys are remembered per name; later lookups compare only keys listed since."""
        name = tuple(words)
        memo = self._parts.get(name)
        if memo is None:
            sk = [skeleton(w) for w in words]
            if len(sk) > 1:
                lists = [self.by_last2[(sk[-2], sk[-1])], self.by_first2[(sk[0], sk[1])]]
            else:
                # the last word of the same skeleton, or one letter apart (two words one edit apart share
                # a deletion) with the same first three letters; or the first word
                near = [self.by_last_del[(d, words[0][:3])] for d in sorted(_deletions(words[0]))]
                lists = [self.by_last[sk[0]], *near, self.by_first[sk[0]]]
            memo = self._parts[name] = (lists, [0] * len(lists), set(), [])
        lists, seen, met, fits = memo
        for i, plist in enumerate(lists):
            for g, k in plist[seen[i] :]:
                e = (g, tuple(k))
                if e not in met:
                    met.add(e)
                    if _part_of(words, k):
                        fits.append(e)
            seen[i] = len(plist)
        out: Counter[int] = Counter()
        for g, key in fits:
            r = self.root(g)
            if typ in self.type[r]:
                out[r] += self.filed[key]
        return out

    def head_support(self, words: list[str], typ: str, other_than: int) -> Counter[int]:
        """Groups of that type (but `other_than`) with a key that `words` begins (`_part_of`, the same first
        word), each with the number of mentions added under such keys."""
        sk = [skeleton(w) for w in words]
        lists = [self.by_first2.get((sk[0], sk[1]), [])] if len(sk) > 1 else [self.by_first.get(sk[0], [])]
        out: Counter[int] = Counter()
        for g, k in {(g, tuple(k)) for plist in lists for g, k in plist}:
            r = self.root(g)
            if (
                r != other_than
                and typ in self.type[r]
                and _part_of(words, list(k))
                and _same_word(words[0], k[0], 0)
            ):
                out[r] += self.filed[k]
        return out

    def lineage_support(self, words: list[str]) -> Counter[int]:
        """Person groups with a key that continues the name `words` with a particle (`… بن عبدالعزيز`,
        `… آل نهيان`), each with the number of mentions added under such keys."""
        n, name = len(words), tuple(words)
        out: Counter[int] = Counter()
        entries = self.by_first2.get((skeleton(words[0]), skeleton(words[1])), [])
        for g, k in {(g, tuple(k)) for g, k in entries}:
            r = self.root(g)
            if "PER" in self.type[r] and len(k) > n + 1 and k[:n] == name and k[n] in LINEAGE_HEADS:
                out[r] += self.filed[k]
        return out

    def contracted(self, words: list[str], typ: str) -> list[int]:
        """Groups of that type with a key of one inner word more or less (`_contracted`), two at most."""
        lists = [self.by_ends.get((skeleton(words[0]), skeleton(words[-1])), [])]
        return self._matching(lists, typ, lambda k: _contracted(words, k) or _contracted(k, words), 2)

    def find(self, words: list[str], typ: str) -> list[int]:
        """Groups of that type holding the same name (spelling variants allowed), in the order their
        keys were filed. Which filed keys are the same name is remembered per name, and only keys
        filed since are compared: a name met a thousand times is compared with each key once."""
        plist = self.by_last_n.get((skeleton(words[-1]), len(words)))
        if not plist:
            return []
        seen, groups = self._found.get(tuple(words), (0, []))
        if seen < len(plist):
            groups = groups + [g for g, k in plist[seen:] if _same_name(words, k)]
            self._found[tuple(words)] = (len(plist), groups)
        out: list[int] = []
        for g in groups:
            r = self.root(g)
            if r not in out and typ in self.type[r]:
                out.append(r)
        return out

    def live(self) -> list[int]:
        return [g for g in range(len(self.parent)) if self.parent[g] == g]


def _vote(mentions: list[Mention]) -> list[Mention]:
    """The tagger may type one occurrence of a name differently: a name takes its majority type."""
    keys = [name_key(m.text) for m in mentions]
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for m, k in zip(mentions, keys, strict=True):
        votes[k][m.type] += 1
    best = {k: (v.most_common(1)[0][0], sum(v.values())) for k, v in votes.items()}
    out = []
    for m, k in zip(mentions, keys, strict=True):
        v = votes[k]
        top, total = best[k]
        if v[m.type] * 2 > total or len(v) == 1 or top == m.type:
            out.append(m)
        else:
            out.append(Mention(m.article, m.text, top, m.role, m.forms))
    return out


def _placed(short: list[str], full: list[str]) -> bool:
    """The full name is the short one and a place or a nationality (`وزارة الخارجية التركية`)."""
    if full[: len(short)] != short or len(full) == len(short):
        return False
    return bool(gazetteer().find(full[len(short) :]))


def _coordinated(text: str) -> bool:
    """A span holding two names joined by `و` (`الاتحاد الأوروبي والأمم المتحدة`): a later word
    starts with و and the article or a hamza (`وال`, `وأ`)."""
    return any(len(w) > 3 and w.startswith(("وال", "وأ", "وإ", "وآ")) for w in text.split()[1:])


def _merge_forms(m: Mention) -> list[list[str]]:
    """Word keys the mention may meet other mentions on: its name, its alias or descriptor-less form;
    an honorific with a first name (`الأمير فيصل`) is only shown."""
    out = [name_key(m.text).split()]
    place = place_of(m.text)
    own = name_key(m.text)
    for f in m.forms:
        key = name_key(f)
        words = key.split()
        if not words or words[0] in _HONORIFICS or words in out or not _LETTER.search(f):
            continue
        if key.endswith(own) and _CLITICS.fullmatch(key[: len(key) - len(own)]):
            continue  # the name as written with its clitics (`وجدة` for جدة is another city)
        other = place_of(f) if place else None
        if other is not None and other != place:
            continue  # `سطيف (الجزائر)`: the place it is in, not another name of it
        out.append(words)
    name = out[0]
    if m.type == "PER" and len(name) >= 4 and name[-2] == _FAMILY:
        out.append(name[:-2])  # the family is often left out: `سلمان بن عبدالعزيز (آل سعود)`
    return [w for w in out if w]


def canonicalize(mentions: list[Mention], story_of: Mapping[str, str] | None = None) -> list[Entity]:
    """Entities from the mentions of many articles (deterministic in the mentions' order). `story_of`
    (article -> story) lets one short name stand for one body within a story."""
    mentions = _vote([m for m in mentions if _LETTER.search(m.text)])  # `4` is no name
    gs = _Groups()
    known: dict[tuple[str, tuple[str, ...]], list[list[str]]] = {}  # a name and its forms recur a lot

    def merge_keys(m: Mention) -> list[list[str]]:
        """`_merge_forms`, once per name and forms (the lists are shared: nothing changes them)."""
        found = known.get((m.text, m.forms))
        if found is None:
            found = known[(m.text, m.forms)] = _merge_forms(m)
        return found

    # How many articles say that a name is also written so (`تنظيم الدولة الإسلامية (داعش)`), and in how
    # many articles each name is written. A name written in many articles takes another name from two
    # articles at least, and from one in a hundred of those it is written in: `الاتحاد الأوروبي لكرة
    # القدم (الفيفا)` once made UEFA and FIFA one entity, and `الاتحاد الأوروبي (يويفا)` once the
    # European Union and UEFA.
    said: Counter[tuple[tuple[str, ...], tuple[str, ...]]] = Counter()
    written: Counter[tuple[str, ...]] = Counter()
    for m in {(m.article, m.text, m.forms): m for m in mentions}.values():
        ks = [tuple(k) for k in merge_keys(m)]
        if ks:
            written[ks[0]] += 1
        for k in ks[1:]:
            said[(ks[0], k)] += 1
    written = Counter({k: n for k, n in written.items() if n >= _ESTABLISHED})  # fewer: written rarely

    def trusted(keys: list[list[str]]) -> list[list[str]]:
        """The keys a mention may join entities by: its name's, and each other one unless it would join
        two names written in many articles on too few articles' word."""
        name = tuple(keys[0])
        big = [written[name]] if name in written else []
        out = keys[:1]
        for k in keys[1:]:
            other = tuple(k)
            if big and (other in written or name in written) and not _attested(said, written, keys[0], k):
                continue
            if other in written:
                big.append(written[other])
            out.append(k)
        return out

    def add(m: Mention, keys: list[list[str]], short: bool, exact: bool = False) -> int:
        keys = trusted(keys)
        found = [gs.find(words, m.type) for words in keys]
        # two large entities met by different keys of one mention stay apart unless articles enough say
        # the names are one: the entity its first such key meets takes it
        large: dict[int, int] = {}
        for i, rs in enumerate(found):
            for r in rs:
                if r not in large and max(len(gs.articles[r]), written[tuple(keys[i])]) >= _ESTABLISHED:
                    large[r] = i
        if len(set(large.values())) > 1:
            first = min(large.values())
            drop = {
                i for i in large.values() if i != first and not _attested(said, written, keys[0], keys[i])
            }
            keys = [k for i, k in enumerate(keys) if i not in drop]
            found = [rs for i, rs in enumerate(found) if i not in drop]
        hits: set[int] = {r for rs in found for r in rs}
        if not hits and not short and m.type == "ORG":
            # a contracted name: مجلس الشعب / مجلس نواب الشعب (only when one entity fits)
            contracted = gs.contracted(keys[0], m.type)
            hits = set(contracted) if len(contracted) == 1 else set()
        g = min(hits) if hits else gs.new()
        for other in sorted(hits):
            g = gs.union(g, other)
        gs.type[g][m.type] += 1
        gs.forms[g][m.text] += 1
        for f in (m.role, *m.forms):
            if f and _LETTER.search(f):
                gs.forms[g][f] += 0  # a variant, never the name
        if not short:
            for words in keys:
                gs.key(g, words, exact)
                gs.filed[tuple(words)] += 1
        gs.articles[g][m.article] += 1
        return g

    stood_for: dict[tuple[str, ...], list[tuple[int, str]]] = defaultdict(list)  # ORG short name -> uses
    by_article: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_article[m.article].append(m)
    shorts: list[tuple[Mention, list[str]]] = []
    for ms in by_article.values():
        merged = [merge_keys(m) for m in ms]
        joined = [_coordinated(m.text) for m in ms]
        names = {
            " ".join(w): m.type
            for m, ks, j in zip(ms, merged, joined, strict=True)
            if not j
            for w in ks
            if len(w) > 1
        }
        typed: dict[str, list[tuple[str, list[str]]]] = defaultdict(list)
        for n, t in names.items():
            typed[t].append((n, n.split()))
        fit_memo: dict[tuple[str, tuple[str, ...]], set[str]] = {}  # a name recurs in its article
        for m, keys, j in zip(ms, merged, joined, strict=True):
            if not keys:
                continue
            if j:  # two names the tagger ran together: only the same span is the same entity
                add(m, keys, False, exact=True)
                continue
            words = keys[0]
            if m.type in ("PER", "ORG") or (m.type == "LOC" and len(words) > 1):
                # a short form stands for the one longer name of the article it ends or begins
                fits = fit_memo.get((m.type, tuple(words)))
                if fits is None:
                    fits = {n for n, split in typed[m.type] if _part_of(words, split)}
                    fits = {
                        n for n in fits if not any(o != n and _part_of(n.split(), o.split()) for o in fits)
                    }
                    fit_memo[(m.type, tuple(words))] = fits
                if len(fits) > 1 and m.forms:
                    # a short form found after its full name carries it (`الاتحاد` after `الاتحاد
                    # الأوروبي للجودو`): of the article's longer names, it stands for that one
                    fits = fits & {name_key(f) for f in m.forms} or fits
                if len(fits) == 1:
                    full = next(iter(fits)).split()
                    # a shorter name of several words is a key too (دي بروين meets it elsewhere), unless
                    # the full name only adds a place to it (`وزارة الخارجية` is the Turkish ministry in
                    # one article and the Russian one in another), or it is a family's or a father's name
                    # (`آل الشيخ`, `بن زايد`: every son's), or it is an organisation's name of
                    # common words (`الاتحاد الدولي`: FIFA here, the athletics federation there), which
                    # the last pass and one story decide; one ending in a proper name is a key
                    # (`تنظيم داعش` in تنظيم داعش خراسان)
                    shorter = len(words) > 1 and not _placed(words, full) and words[0] not in LINEAGE_HEADS
                    generic = m.type == "ORG" and words[-1].startswith("ال")
                    g = add(m, [full, *keys[1:], *([words] if shorter and not generic else [])], False)
                    if shorter and generic:
                        stood_for[tuple(words)].append((g, m.article))
                    continue
                if len(words) == 1 or m.type in ("PER", "LOC"):
                    shorts.append((m, words))
                    continue
            add(m, keys, False)
    shorts.sort(key=lambda mw: -len(mw[1]))  # stable: longer names first, then input order
    in_story = _StoryGroups(gs, story_of or {})
    for m, words in shorts:
        # across articles: the entity this is the end or start of, when one such name is written far
        # more often than any other (`ميسي` for ليونيل ميسي, not for an overrun `ميسي السيف`); else
        # the same name alone, else a new entity
        if len(words) > 1 and gs.find(words, m.type):
            add(m, merge_keys(m), False)  # a name of its own elsewhere (كريستيانو رونالدو), not a part
            continue
        support = gs.part_support(words, m.type)
        best = _dominant(support)
        if best is None and story_of is not None and m.type == "PER" and len(support) > 1:
            # no reading dominates across the store (`صالح`: Ali Abdullah Saleh, and every other صالح);
            # within the article's story one may (the Yemeni president's, in the story of Yemen's war)
            # (a reading written in full twice at least: not a one-off of the tagger running on)
            best = _dominant(in_story.support(support, story_of.get(m.article), m.role))
            best = best if best is not None and support[best] >= 2 else None
        if best is not None:
            add(m, [gs.keys[best][0]], True)
            continue
        keys = merge_keys(m)
        # a short form that carries its full name meets other articles on that name alone: `الجيش`
        # (for الجيش الإسرائيلي here, الجيش السوري there) would join every army into one entity, `بوش`
        # George and Jeb Bush; a body's name without its descriptor is a name itself (`داعش` of تنظيم داعش)
        fuller = [k for k in keys[1:] if _part_of(words, k)]
        if m.type == "ORG" and any(k[-len(words) :] == words for k in fuller):
            fuller = [keys[0], *fuller]
        add(m, fuller or keys, False)
    if story_of is not None:
        _one_body_per_story(gs, stood_for, story_of)
    # an organisation named by the first words of other organisations' names is the one of them written
    # far more often than the rest (التحالف الدولي / التحالف الدولي لمحاربة داعش)
    for g in gs.live():
        if gs.parent[g] != g or "ORG" not in gs.type[g]:
            continue
        name = _written_name(gs, g)  # not its shortest key: `الأنباء السعودية` of an agency
        if len(name) < 2:
            continue
        owner = _dominant(gs.head_support(name, "ORG", gs.root(g)))
        # not when the shorter name is written in more articles than the longer one: it is a name of
        # its own then (الاتحاد الأوروبي, not the الاتحاد الأوروبي لكرة القدم it begins)
        if owner is not None and len(gs.articles[g]) <= len(gs.articles[gs.root(owner)]):
            gs.union(g, owner)
    # a lineage written short is the longer lineage it begins (محمد بن سلمان / محمد بن سلمان بن عبدالعزيز
    # آل سعود), when one such is written far more often than any other: both are written in so many
    # articles that no one article's word joins them, and people are named short more often than in full
    for g in gs.live():
        if gs.parent[g] != g or not gs.type[g] or gs.type[g].most_common(1)[0][0] != "PER":
            continue
        name = _written_name(gs, g)
        if len(name) > 2 and any(w in _LINEAGE for w in name[1:-1]):
            # its own longer forms count (and must end as the other's do: عبدالله بن عبدالعزيز آل سعود is
            # no عبدالله بن عبدالعزيز بن مساعد, while محمد بن سلمان آل سعود ends محمد بن سلمان بن عبدالعزيز
            # آل سعود), and the longer one must be written as often as a name's form must be (a one-off
            # `الحسين بن علي بن حيدر` is no reading of الحسين بن علي)
            support = gs.lineage_support(name)
            owner, root = _dominant(support), gs.root(g)
            enough = max(2, _NAME_SUPPORT * len(gs.articles[root]))
            if (
                owner is not None
                and owner != root
                and support[owner] >= enough
                and _ends_as(gs, root, owner, name)
            ):
                gs.union(g, owner)
    return _entities(gs)


def _ends_as(gs: _Groups, g: int, owner: int, name: list[str]) -> bool:
    """Whether the longer forms group `g` itself is written in (`name` and a particle on) end as some key
    of `owner` does, for at least half of their mentions; true when it has none."""
    n, head = len(name), tuple(name)
    own = [tuple(k) for k in gs.keys[g] if len(k) > n + 1 and tuple(k[:n]) == head and k[n] in LINEAGE_HEADS]
    theirs = [tuple(k) for k in gs.keys[owner]]
    fit = sum(
        gs.filed[k]
        for k in own
        if any(len(o) >= len(k) and o[len(o) - (len(k) - n) :] == k[n:] for o in theirs)
    )
    return 2 * fit >= sum(gs.filed[k] for k in own)


def _written_name(gs: _Groups, g: int) -> list[str]:
    """The key of the name a group is written with most (not its shortest key)."""
    forms = gs.forms[g]
    return name_key(max(forms, key=lambda f: (forms[f], f))).split() if forms else []


class _StoryGroups:
    """The stories each group's articles are in and the titles it is written with, kept as the groups
    grow (`support` asks per group)."""

    def __init__(self, gs: _Groups, story_of: Mapping[str, str]) -> None:
        self.gs, self.story_of = gs, story_of
        self.memo: dict[int, tuple[int, set[str]]] = {}  # root -> (its articles when counted, stories)
        self.titled: dict[int, tuple[int, set[str]]] = {}  # root -> (its forms when counted, first words)

    def stories(self, root: int) -> set[str]:
        arts = self.gs.articles[root]
        seen = self.memo.get(root)
        if seen is None or seen[0] != len(arts):
            seen = self.memo[root] = (len(arts), {s for a in arts if (s := self.story_of.get(a)) is not None})
        return seen[1]

    def titles(self, root: int) -> set[str]:
        """The first words of a group's forms: its titles and roles (`الملك`, `الرئيس`) among them."""
        forms = self.gs.forms[root]
        seen = self.titled.get(root)
        if seen is None or seen[0] != len(forms):
            seen = self.titled[root] = (len(forms), {k.split()[0] for f in forms if (k := name_key(f))})
        return seen[1]

    def support(self, support: Counter[int], story: str | None, role: str | None) -> Counter[int]:
        """`support` kept to the groups with an article in `story`, and written with the title `role`
        begins with if it has one (`الدكتور عبدالله` is not the king the story names)."""
        if story is None:
            return Counter()
        title = name_key(role).split()[0] if role and name_key(role) else None
        return Counter(
            {
                r: n
                for r, n in support.items()
                if story in self.stories(self.gs.root(r))
                and (title is None or title in self.titles(self.gs.root(r)))
            }
        )


def _one_body_per_story(
    gs: _Groups, stood_for: dict[tuple[str, ...], list[tuple[int, str]]], story_of: Mapping[str, str]
) -> None:
    """Within one story, a shorter name that stood for two longer ones in different articles
    (`التحالف الدولي` for التحالف الدولي لمحاربة داعش here, for التحالف الدولي للقضاء على داعش there) names
    one body, unless one of them is established: across stories the same short name stands for many
    bodies (`الاتحاد الدولي`: FIFA, the athletics federation), and a large entity is not joined so."""
    for uses in stood_for.values():
        by_story: dict[str, set[int]] = defaultdict(set)
        for g, article in uses:
            sid = story_of.get(article)
            if sid is not None:
                by_story[sid].add(g)
        for found in by_story.values():
            roots = sorted({gs.root(g) for g in found})
            if len(roots) > 1 and all(len(gs.articles[r]) < _ESTABLISHED for r in roots):
                for r in roots[1:]:
                    gs.union(roots[0], r)


def _attested(
    said: Counter[tuple[tuple[str, ...], tuple[str, ...]]],
    written: Counter[tuple[str, ...]],
    name: list[str],
    other: list[str],
) -> bool:
    """Enough articles say the mention's name is also written `other`: two, and one in a hundred of those
    the more written of the two names is in."""
    a, b = tuple(name), tuple(other)
    return said[(a, b)] >= max(2, _ALIAS_SHARE * max(written[a], written[b]))


def _dominant(support: Counter[int]) -> int | None:
    """The group read far more often than any other (`_DOMINANT_SHARE`, `_DOMINANT_RATIO`), if one is."""
    if not support:
        return None
    ranked = sorted(support.items(), key=lambda gn: (-gn[1], gn[0]))
    best, n = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0
    return best if n >= _DOMINANT_SHARE * sum(support.values()) and n >= _DOMINANT_RATIO * second else None


def spelling_keys(variants: list[str]) -> list[str]:
    """The name keys an entity is found by when new mentions are attached to it (`attach`): every
    spelling but an honorific with a first name (`الأمير فيصل` may be several princes)."""
    keys = []
    for v in variants:
        k = name_key(v)
        if k and k.split()[0] not in _HONORIFICS and k not in keys:
            keys.append(k)
    return keys


def attach(
    new: list[Entity], known: Mapping[tuple[str, str], list[str]], rank: Mapping[str, int]
) -> dict[str, str]:
    """The stored entity each of `new` (canonicalised from a run's mentions alone) is: one of the same
    type that has one of its spellings (`known`: (type, spelling key) -> stored ids), or its own id
    (`rank`: stored id -> place, most mentioned first). Where several are found, the one ranked first;
    they stay apart until the next full canonicalisation. An entity nothing finds is new: it is absent
    from the result."""
    out: dict[str, str] = {}
    for e in new:
        found = {i for k in spelling_keys(e.variants) for i in known.get((e.type, k), ())}
        found |= {e.id} & rank.keys()
        if found:
            out[e.id] = min(found, key=lambda i: (rank.get(i, len(rank)), i))
    return out


def _short_forms(name: str, typ: str) -> list[str]:
    """Forms a full name is also written in: a person's last name (with its particle: `بن حسن`)."""
    words = name.split()
    if typ != "PER" or len(words) < 2:
        return []
    keys = [match_key(w) for w in words]
    if keys[0] in _HONORIFICS or any(k in _LINEAGE for k in keys[1:-2]) or keys[-2] == _FAMILY:
        return []  # a lineage ends on an ancestor (`فيصل بن سلمان بن عبدالعزيز`), a house on its family
    n = 2 if len(words) > 2 and keys[-2] in _PARTICLES else 1
    return [" ".join(words[-n:])] if len(keys[-1]) > 2 else []


_NAME_SUPPORT = 0.05  # of an entity's articles: how often a form must be written to name it
_RUN_ON_SEEN = 10  # articles of a person from which a longest form written once is taken for a run-on


def _entities(gs: _Groups) -> list[Entity]:
    out = []
    for g in gs.live():
        typ = gs.type[g].most_common(1)[0][0]
        forms = gs.forms[g]
        longest = max((len(k) for k in gs.keys[g]), default=0)
        full_forms = (
            [f for f in forms if forms[f] > 0 and len(name_key(f).split()) == longest]
            or [f for f in forms if forms[f] > 0]
            or list(forms)
        )
        # A much-mentioned entity is named by its longest form among those written often enough: the
        # longest form at all is then a one-off of the tagger running on (`دونالد ترامب الانسحاب`, once
        # in 13,000 mentions), while a full name is written again in every article that introduces it.
        n = len(gs.articles[g])
        need = _NAME_SUPPORT * n
        supported = [f for f in forms if forms[f] >= need] if need > 1 else []
        if not supported and typ == "PER" and n >= _RUN_ON_SEEN and all(forms[f] < 2 for f in full_forms):
            # in a smaller person's entity too, a longest form written once is a run-on when a name of
            # two words or more is written again (`حديثا محمود الخطيب` once, `محمود الخطيب` in 18
            # articles); a full name written once beside its last name alone (`أنتوني بلينكن`, `بلينكن`)
            # names it, and below `_RUN_ON_SEEN` articles a name in full (`أحمد جاسم الشمري`) is as
            # often written once beside a shorter one (`أحمد جاسم`) as run on
            supported = [f for f in forms if forms[f] >= 2 and len(name_key(f).split()) > 1]
        if supported:
            most = max(len(name_key(f).split()) for f in supported)
            full_forms = [f for f in supported if len(name_key(f).split()) == most]
        name = max(full_forms, key=lambda f: (forms[f], len(f), f))
        eid = "en-" + hashlib.blake2b(f"{typ}:{name_key(name)}".encode(), digest_size=8).hexdigest()
        out.append(Entity(eid, name, typ, sorted(forms), dict(gs.articles[g])))
    # a person's last name alone is one more form of the one entity that has it (none when shared)
    claims: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(out):
        for v in e.variants:
            claims[name_key(v)].append(i)
    extra: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for i, e in enumerate(out):
        own = name_key(e.name).split()
        last = skeleton(own[-1]) if own else ""
        for full in sorted({v for v in e.variants if len(name_key(v).split()) > 1}):
            for short in _short_forms(full, e.type):
                # only the name's own last name, as spelt in any variant (بلينكن, بلينكين): not the last
                # word of a variant where the tagger ran on (`محمد صلاح سيسافر`, `صلاح أول`)
                if Levenshtein.distance(skeleton(name_key(short).split()[-1]), last, score_cutoff=1) <= 1:
                    extra[name_key(short)].append((i, short))
    for key, found in extra.items():
        owners = {i for i, _ in found} | set(claims.get(key, []))
        if len(owners) == 1:
            i, short = found[0]
            if short not in out[i].variants:
                out[i].variants = sorted([*out[i].variants, short])
    return _unique_ids(out)


def _unique_ids(ents: list[Entity]) -> list[Entity]:
    """One entity per id: two groups of mentions may end up with the same canonical name and type (hence
    the same id); they are one entity, and the store keys entities by id."""
    by_id: dict[str, Entity] = {}
    for e in ents:
        seen = by_id.get(e.id)
        if seen is None:
            by_id[e.id] = e
            continue
        seen.variants = sorted(set(seen.variants) | set(e.variants))
        for aid, n in e.articles.items():
            seen.articles[aid] = seen.articles.get(aid, 0) + n
    return list(by_id.values())
