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
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from marsad.text.normalize import match_key

_CLITIC = re.compile(r"^(?:و|ف)?(?:ب|ك|ل)?(?=ال)|^(?:و|ف)?لل")
_SKELETON_DROP = str.maketrans("", "", "اويءى")
# Words a person's last name keeps before it (`بن حسن`, `دي مايو`).
_PARTICLES = frozenset(match_key(w) for w in "بن ابن أبو أبي عبد آل ولد دي دو فان فون دا".split())
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


def name_key(text: str) -> str:
    """Matching key of a name: normalised, a leading conjunction/preposition dropped from each word."""
    words = []
    for w in match_key(text).split():
        w2 = _CLITIC.sub("", w)
        words.append(w2 if len(w2) > 2 else w)
    return " ".join(words)


@lru_cache(maxsize=200_000)
def skeleton(word: str) -> str:
    """A word without its long vowels and hamza seats after the first letter (بلينكين -> بلنكن)."""
    if word.startswith("ال") and len(word) > 4:
        word = word[2:]
    return word[:1] + word[1:].translate(_SKELETON_DROP) if word else word


def _same_word(a: str, b: str, max_edits: int) -> bool:
    if a == b:
        return True
    if skeleton(a) == skeleton(b):
        return True
    return max_edits > 0 and min(len(a), len(b)) >= 4 and Levenshtein.distance(a, b) <= max_edits


def _same_name(a: list[str], b: list[str]) -> bool:
    return len(a) == len(b) and all(_same_word(x, y, 1) for x, y in zip(a, b, strict=True))


def _part_of(short: list[str], full: list[str]) -> bool:
    """`short` is the end (`بلينكن`, `دي مايو`) or the start (`الأمير فيصل`) of the longer `full`."""
    n = len(short)
    if n >= len(full):
        return False
    tail = all(_same_word(x, y, 1) for x, y in zip(short, full[-n:], strict=True))
    head = all(_same_word(x, y, 0) for x, y in zip(short, full[:n], strict=True))
    return tail or head


def _contracted(short: list[str], full: list[str]) -> bool:
    """An organisation's name with one inner word left out: `مجلس الشعب` / `مجلس نواب الشعب`."""
    if len(short) < 2 or len(full) != len(short) + 1:
        return False
    return any(
        all(_same_word(x, y, 0) for x, y in zip(short, full[:i] + full[i + 1 :], strict=True))
        for i in range(1, len(full) - 1)
    )


class _Groups:
    """Union-find over groups of mentions, each with the word keys of its full names."""

    def __init__(self) -> None:
        self.parent: list[int] = []
        self.type: list[Counter[str]] = []
        self.forms: list[Counter[str]] = []  # surface forms; 0 = a variant, never the name
        self.keys: list[list[list[str]]] = []
        self.articles: list[Counter[str]] = []
        # blocking indexes over the keys' words (skeletons), so that a mention is compared with the
        # few groups that could match, never with every group: cost grows with the mentions
        self.by_last: dict[str, list[int]] = defaultdict(list)  # last word -> groups
        self.by_last_start: dict[str, list[int]] = defaultdict(list)  # a last word's first 3 letters
        self.by_first: dict[str, list[int]] = defaultdict(list)  # first word
        self.by_first2: dict[tuple[str, str], list[int]] = defaultdict(list)  # first two words
        self.by_last2: dict[tuple[str, str], list[int]] = defaultdict(list)  # last two words
        self.by_ends: dict[tuple[str, str], list[int]] = defaultdict(list)  # first and last words

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
        self.keys[a].extend(k for k in self.keys[b] if k not in self.keys[a])
        self.articles[a] += self.articles[b]
        return a

    def key(self, g: int, words: list[str]) -> None:
        g = self.root(g)
        if words and words not in self.keys[g]:
            self.keys[g].append(words)
            self.by_last[skeleton(words[-1])].append(g)
            sk = [skeleton(w) for w in words]
            self.by_first[sk[0]].append(g)
            self.by_last_start[words[-1][:3]].append(g)
            self.by_ends[(sk[0], sk[-1])].append(g)
            if len(sk) > 1:
                self.by_first2[(sk[0], sk[1])].append(g)
                self.by_last2[(sk[-2], sk[-1])].append(g)

    def _roots(self, *lists: list[int]) -> list[int]:
        return sorted({self.root(g) for plist in lists for g in plist})

    def part_candidates(self, words: list[str]) -> list[int]:
        """Groups with a key `words` may be the end or the start of (a superset of what `_part_of`
        accepts, up to spelling variants beyond the skeleton in a multi-word end)."""
        sk = [skeleton(w) for w in words]
        if len(sk) > 1:
            return self._roots(
                self.by_last2.get((sk[-2], sk[-1]), []), self.by_first2.get((sk[0], sk[1]), [])
            )
        return self._roots(
            self.by_last.get(sk[0], []),
            self.by_last_start.get(words[0][:3], []),
            self.by_first.get(sk[0], []),
        )

    def head_candidates(self, words: list[str]) -> list[int]:
        """Groups with a key that starts with the words (two at most compared here)."""
        sk = [skeleton(w) for w in words]
        if len(sk) > 1:
            return self._roots(self.by_first2.get((sk[0], sk[1]), []))
        return self._roots(self.by_first.get(sk[0], []))

    def ends_candidates(self, words: list[str]) -> list[int]:
        """Groups with a key of the same first and last words (what `_contracted` needs)."""
        return self._roots(self.by_ends.get((skeleton(words[0]), skeleton(words[-1])), []))

    def find(self, words: list[str], typ: str) -> set[int]:
        """Groups of that type holding the same name (spelling variants allowed)."""
        out = set()
        # each group once: it is listed under its last word once per key, and its keys are all tried
        for r in {self.root(g) for g in self.by_last.get(skeleton(words[-1]), [])}:
            if typ in self.type[r] and any(_same_name(words, k) for k in self.keys[r]):
                out.add(r)
        return out

    def live(self) -> list[int]:
        return [g for g in range(len(self.parent)) if self.parent[g] == g]


def _vote(mentions: list[Mention]) -> list[Mention]:
    """The tagger may type one occurrence of a name differently: a name takes its majority type."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for m in mentions:
        votes[name_key(m.text)][m.type] += 1
    out = []
    for m in mentions:
        v = votes[name_key(m.text)]
        best = v.most_common(1)[0][0]
        if v[m.type] * 2 > sum(v.values()) or len(v) == 1 or best == m.type:
            out.append(m)
        else:
            out.append(Mention(m.article, m.text, best, m.role, m.forms))
    return out


def _merge_forms(m: Mention) -> list[list[str]]:
    """Word keys the mention may meet other mentions on: its name, its alias or descriptor-less form;
    an honorific with a first name (`الأمير فيصل`) is only shown."""
    out = [name_key(m.text).split()]
    for f in m.forms:
        words = name_key(f).split()
        if words and words[0] not in _HONORIFICS and words not in out:
            out.append(words)
    return [w for w in out if w]


def canonicalize(mentions: list[Mention]) -> list[Entity]:
    """Entities from the mentions of many articles (deterministic in the mentions' order)."""
    mentions = _vote(mentions)
    gs = _Groups()

    def add(m: Mention, keys: list[list[str]], short: bool) -> None:
        hits: set[int] = set()
        for words in keys:
            hits |= gs.find(words, m.type)
        if not hits and not short and m.type == "ORG":
            # a contracted name: مجلس الشعب / مجلس نواب الشعب
            for g in gs.ends_candidates(keys[0]):
                if m.type in gs.type[g] and any(
                    _contracted(keys[0], k) or _contracted(k, keys[0]) for k in gs.keys[g]
                ):
                    hits.add(g)
                    if len(hits) > 1:
                        break
            if len(hits) > 1:
                hits = set()
        g = min(hits) if hits else gs.new()
        for other in sorted(hits):
            g = gs.union(g, other)
        gs.type[g][m.type] += 1
        gs.forms[g][m.text] += 1
        for f in (m.role, *m.forms):
            if f:
                gs.forms[g][f] += 0  # a variant, never the name
        if not short:
            for words in keys:
                gs.key(g, words)
        gs.articles[g][m.article] += 1

    by_article: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_article[m.article].append(m)
    shorts: list[tuple[Mention, list[str]]] = []
    for ms in by_article.values():
        names = {" ".join(w): m.type for m in ms for w in _merge_forms(m) if len(w) > 1}
        for m in ms:
            keys = _merge_forms(m)
            if not keys:
                continue
            words = keys[0]
            if m.type in ("PER", "ORG") or (m.type == "LOC" and len(words) > 1):
                # a short form stands for the one longer name of the article it ends or begins
                fits = {n for n, t in names.items() if t == m.type and _part_of(words, n.split())}
                fits = {n for n in fits if not any(o != n and _part_of(n.split(), o.split()) for o in fits)}
                if len(fits) == 1:
                    full = next(iter(fits)).split()
                    # a shorter name of several words is a key too: التحالف الدولي meets it elsewhere
                    add(m, [full, *keys[1:]] + ([words] if len(words) > 1 else []), False)
                    continue
                if len(words) == 1 or m.type in ("PER", "LOC"):
                    shorts.append((m, words))
                    continue
            add(m, keys, False)
    shorts.sort(key=lambda mw: -len(mw[1]))  # stable: longer names first, then input order
    for m, words in shorts:
        # across articles: the one entity this is the end or start of, else the same name, else new
        cands: list[int] = []
        for g in gs.part_candidates(words):
            if m.type in gs.type[g] and any(_part_of(words, k) for k in gs.keys[g]):
                cands.append(g)
                if len(cands) > 1:
                    break  # ambiguous: which one is not needed
        if len(cands) == 1:
            add(m, [gs.keys[cands[0]][0]], True)
        else:
            add(m, _merge_forms(m), False)
    # an organisation named by the first words of one other organisation's name is that one
    # (التحالف الدولي / التحالف الدولي لمحاربة داعش)
    for g in gs.live():
        if gs.parent[g] != g or "ORG" not in gs.type[g]:
            continue
        multi = [k for k in gs.keys[g] if len(k) > 1]
        if not multi:
            continue
        short = min(multi, key=len)
        owners = {
            gs.root(o)
            for o in gs.head_candidates(short)
            if gs.root(o) != gs.root(g)
            and "ORG" in gs.type[gs.root(o)]
            and any(_part_of(short, k) and _same_word(short[0], k[0], 0) for k in gs.keys[gs.root(o)])
        }
        if len(owners) == 1:
            gs.union(g, owners.pop())
    return _entities(gs)


def _short_forms(name: str, typ: str) -> list[str]:
    """Forms a full name is also written in: a person's last name (with its particle: `بن حسن`)."""
    words = name.split()
    if typ != "PER" or len(words) < 2:
        return []
    keys = [match_key(w) for w in words]
    if keys[0] in _HONORIFICS:
        return []
    n = 2 if len(words) > 2 and keys[-2] in _PARTICLES else 1
    return [" ".join(words[-n:])] if len(keys[-1]) > 2 else []


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
        for full in sorted({v for v in e.variants if len(name_key(v).split()) > 1}):
            for short in _short_forms(full, e.type):
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
