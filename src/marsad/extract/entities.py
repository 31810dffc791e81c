"""Canonical entities: named-entity mentions resolved across spellings, short forms and outlets.

- Mentions come from the NER tagger (PER/ORG/LOC/MISC spans over tokens); a role written before a
  person (`وزير الخارجية الأميركي أنتوني بلينكن`) is kept as one more surface form.
- Inside an article, a short form (`بلينكن`, `دي مايو`) is the full name it ends or begins
  (`أنتوني بلينكن`), when exactly one full name of that type fits.
- Across articles, names meet on a spelling skeleton: the matching key with the long vowels and
  hamza seats after the first letter dropped (بلينكن / بلينكين -> بلنكن, لويغي / لويجي differ in one
  consonant and meet by edit distance), multi-word names on every word; a single word joins a
  multi-word entity only when it is that entity's last word and no other entity claims it.
- An entity's name is its most frequent full form; its type the majority of its mentions.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rapidfuzz.distance import Levenshtein

from marsad.text.normalize import match_key

_CLITIC = re.compile(r"^(?:و|ف)?(?:ب|ك|ل)?(?=ال)|^(?:و|ف)?لل")
_SKELETON_DROP = str.maketrans("", "", "اويءى")
# Heads of the roles written before a person's name.
_ROLE_HEADS = frozenset(
    match_key(w)
    for w in """وزير الوزير رئيس الرئيس نائب النائب الأمين أمين المدير مدير الناطق المتحدث السفير الأمير الملك
    الشيخ العقيد اللواء العميد الجنرال الدكتور المحامي القاضي المبعوث المستشار الممثل زعيم الزعيم قائد القائد
    عضو العضو والي الوالي محافظ المحافظ سفير مبعوث""".split()
)


@dataclass(frozen=True)
class Mention:
    """One entity mention in one article."""

    article: str
    text: str  # the name as written
    type: str  # PER | ORG | LOC | MISC
    role: str | None = None  # the role written before a person, with the name: `وزير الخارجية ... بلينكن`


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


def skeleton(word: str) -> str:
    """A word without its long vowels and hamza seats after the first letter (بلينكين -> بلنكن)."""
    if word.startswith("ال") and len(word) > 4:
        word = word[2:]
    return word[:1] + word[1:].translate(_SKELETON_DROP) if word else word


def mentions_of(article_id: str, tokens: list[str], spans: list[tuple[int, int, str]]) -> list[Mention]:
    """Mentions from NER spans over tokens (PERS -> PER), with the role before a person."""
    out = []
    for start, end, typ in spans:
        typ = "PER" if typ.startswith("PER") else typ
        text = " ".join(tokens[start:end])
        role = None
        if typ == "PER":
            j = start
            while j > 0 and start - j < 5 and re.search(r"\w", tokens[j - 1]):
                j -= 1
                if (
                    match_key(tokens[j]) in _ROLE_HEADS
                    or _CLITIC.sub("", match_key(tokens[j])) in _ROLE_HEADS
                ):
                    role = " ".join(tokens[j:end])
                    break
        out.append(Mention(article_id, text, typ, role))
    return out


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


@dataclass
class _Group:
    type: Counter[str]
    forms: Counter[str]  # surface forms (full names and short forms)
    keys: list[list[str]]  # word keys of the full forms
    articles: Counter[str]


def canonicalize(mentions: list[Mention]) -> list[Entity]:
    """Entities from the mentions of many articles (deterministic in the mentions' order)."""
    groups: list[_Group] = []
    by_last: dict[tuple[str, str], list[int]] = defaultdict(list)  # (type, skeleton of last word)

    def find(words: list[str], typ: str) -> int | None:
        for gi in by_last.get((typ, skeleton(words[-1])), []):
            if any(_same_name(words, k) for k in groups[gi].keys):
                return gi
        return None

    def add(gi: int | None, m: Mention, words: list[str]) -> None:
        if gi is None:
            gi = len(groups)
            groups.append(_Group(Counter(), Counter(), [words], Counter()))
            by_last[(m.type, skeleton(words[-1]))].append(gi)
        g = groups[gi]
        g.type[m.type] += 1
        g.forms[m.text] += 1
        if m.role:
            g.forms[m.role] += 0  # a variant, never the name
        if len(words) >= len(g.keys[0]) and not any(words == k for k in g.keys):
            g.keys.append(words)
        g.articles[m.article] += 1

    # the tagger may type one occurrence of a name differently: a name takes its majority type
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for m in mentions:
        votes[name_key(m.text)][m.type] += 1
    mentions = [
        m
        if votes[name_key(m.text)][m.type] * 2 > sum(votes[name_key(m.text)].values())
        or len(votes[name_key(m.text)]) == 1
        else Mention(m.article, m.text, votes[name_key(m.text)].most_common(1)[0][0], m.role)
        for m in mentions
    ]
    by_article: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_article[m.article].append(m)
    shorts: list[tuple[Mention, list[str]]] = []
    for ms in by_article.values():
        names = {name_key(m.text) for m in ms if len(name_key(m.text).split()) > 1}
        for m in ms:
            words = name_key(m.text).split()
            if not words:
                continue
            if m.type in ("PER", "ORG"):
                # a short form stands for the one longer name of the article it ends or begins
                fits = {n for n in names if _part_of(words, n.split())}
                fits = {n for n in fits if not any(o != n and _part_of(n.split(), o.split()) for o in fits)}
                if len(fits) == 1:
                    words = next(iter(fits)).split()
                else:
                    shorts.append((m, words))
                    continue
            add(find(words, m.type), m, words)
    shorts.sort(key=lambda mw: -len(mw[1]))  # stable: longer names first, then input order
    for m, words in shorts:
        # across articles: the one entity this is the end or start of, else the same name, else new
        cands = sorted(
            {
                gi
                for gi, g in enumerate(groups)
                if m.type in g.type and any(_part_of(words, k) for k in g.keys)
            }
        )
        add(cands[0] if len(cands) == 1 else find(words, m.type), m, words)
    out = []
    for g in groups:
        typ = g.type.most_common(1)[0][0]
        longest = max(len(k) for k in g.keys)
        full_forms = [f for f in g.forms if g.forms[f] > 0 and len(name_key(f).split()) == longest] or list(
            g.forms
        )
        name = max(full_forms, key=lambda f: (g.forms[f], len(f), f))
        eid = "en-" + hashlib.blake2b(f"{typ}:{name_key(name)}".encode(), digest_size=8).hexdigest()
        out.append(Entity(eid, name, typ, sorted(g.forms), dict(g.articles)))
    return out
