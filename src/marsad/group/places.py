"""Places named in a text: a gazetteer of countries, regions and cities, matched on token keys.

Countries come from babel's territory names (Arabic, English, French, Spanish, Turkish, German,
Italian), written out by `python -m marsad.group.places` into `resources/group/countries.tsv`; regions
and cities (`places.tsv`), nationality adjectives (`nisba.tsv`: الأميركي → US) and short country names
(`country_aliases.tsv`) are written by hand. Each place knows its parent (city → region → country), so
two places either agree (the same, or one inside the other), conflict (both known, neither inside the
other) or say nothing about each other (a sea, a mountain found by shape). A name of two places (عمان
is Oman and Amman, طرابلس is in Libya and in Lebanon) is read as the one whose country the text's
other places name (`Gazetteer.resolve`).

Arabic clitics are peeled off the first word of a name (بواشنطن، وللعراق، بالقصرين); Latin names must
be capitalised in the text (Nice, Turkey, Chad are words too).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

from marsad.text.normalize import match_key
from marsad.text.tokenize import tokens

_RESOURCE = "resources/group"
_BABEL_LOCALES = ("ar", "ar_EG", "ar_SA", "ar_MA", "en", "fr", "es", "tr", "de", "it")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_LATIN_UPPER = re.compile(r"[A-ZÀ-ÖØ-ÞĞİŞÇ]")
# Conjunction, then preposition, then the article folded into لل.
_PROCLITICS = ("و", "ف", "")
_PREPOSITIONS = ("ب", "ل", "ك", "")
_MAX_NAME_TOKENS = 5
# A place right after these names a competition or a document, not where something happens
# (كأس الكاف is the CAF Cup, not El Kef).
_NAMING = frozenset({"كاس", "كأس", "بطوله", "دوري", "وثيقه", "اعلان", "اتفاق", "اتفاقيه", "معاهده"})
# A city in a club's name is not where its match is (ريال مدريد plays in Kyiv, بايرن ميونخ in Madrid):
# the words a club's name opens with, a player's or a fan's relation to a club named by its city
# (نجم برشلونة، مدرب ليفربول، فاز على روما), and the words after the city that close it (مانشستر يونايتد).
_CLUB_HEADS = frozenset(
    match_key(w)
    for w in """ريال أتلتيكو أتليتيكو أتلتيك أتليتيك بايرن إنتر بوروسيا بروسيا سبورتينغ سبورتنغ سبورتنج
    إينتراخت آينتراخت دينامو شاختار شختار أولمبيك هيرتا أياكس نادي فريق أهلي اتحاد وفاق ستيوا لوكوموتيف
    نجم مدرب مهاجم لاعب مدافع حارس مشجعي مشجعو
    Real Atletico Atlético Athletic Bayern Inter Borussia Sporting Eintracht Dynamo Dinamo Shakhtar
    Olympique Hertha Ajax""".split()
)
_CLUB_TAILS = frozenset(match_key(w) for w in "يونايتد سيتي ستي سان United City Saint".split())
_NOT_WHERE = _NAMING | _CLUB_HEADS  # a word before a name that makes it no place of the event
# What makes a name that is also a common word (marked "?" in places.tsv) a place: one of these before
# it (peeled: بمدينة, وفي), or a preposition on the name itself (بسرت، لسرت).
_PLACE_CUES = frozenset(
    match_key(w)
    for w in """في إلى الى من نحو قرب داخل مدينة ولاية محافظة معتمدية بلدية منطقة إقليم عاصمة ضواحي أنحاء
    جنوب شمال شرق غرب وسط جنوبي شمالي شرقي غربي دولة جمهورية بلاد""".split()
)
# CLDR territory codes that are not countries (unions, the world, pseudo-locales).
_NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"})


@dataclass(frozen=True)
class Place:
    """A gazetteer entry: `kind` is country, region or city; `parent` a place id or None."""

    id: str
    kind: str
    parent: str | None
    name: str


@dataclass(frozen=True)
class PlaceMention:
    """A place found in a token list: token span, and whether it was named or only an adjective."""

    place: str
    start: int
    end: int
    nisba: bool
    other: str | None = None  # another place of the same name (`Gazetteer.resolve` chooses)


@lru_cache(maxsize=200_000)
def token_key(token: str) -> str:
    """match_key of one token, memoised: news vocabulary repeats, and keys are asked per token."""
    return match_key(token)


def _lines(name: str) -> Iterator[list[str]]:
    text = resources.files("marsad").joinpath(f"{_RESOURCE}/{name}").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


def _key_tokens(name: str) -> tuple[str, ...]:
    return tuple(match_key(t) for t in tokens(name))


def _nisba_forms(form: str) -> list[str]:
    """الأميركي → الأميركية، الأميركيون، الأميركيين، أميركي، أميركية… (keys)."""
    key = match_key(form)
    if not _ARABIC.search(key) or not key.endswith("ي"):
        return [key]
    bases = [key]
    if key.startswith("ال") and len(key) > 5:
        bases.append(key[2:])
    out = []
    for b in bases:
        out += [b, b + "ه", b + "ون", b + "ين", b + "ان"]
    return out


class Gazetteer:
    """Place names and nationality adjectives → place ids, with the containment tree."""

    def __init__(self) -> None:
        self.places: dict[str, Place] = {}
        self._names: dict[tuple[str, ...], str] = {}
        self._nisba: dict[tuple[str, ...], str] = {}
        for code, *spellings in _lines("countries.tsv"):
            self.places[code] = Place(code, "country", None, spellings[0])
            for n in spellings:
                self._add(self._names, n, code)
        self._cued: set[tuple[str, ...]] = set()  # names that are places only after a cue
        for code, aliases in _lines("country_aliases.tsv"):
            for n in aliases.split("|"):
                if n.startswith("?"):  # a country's own name that is also a common word (مالي: financial)
                    self._cued.add(_key_tokens(n[1:]))
                self._add(self._names, n.lstrip("?"), code)
        self._homonyms: dict[tuple[str, ...], str] = {}  # a name of two places -> the second place
        for pid, kind, parent, listed in _lines("places.tsv"):
            parts = listed.split("|")
            self.places[pid] = Place(pid, kind, None if parent == "-" else parent, parts[0].lstrip("?~"))
            for n in parts:
                if n.startswith("?"):
                    self._cued.add(_key_tokens(n[1:]))
                if n.startswith("~"):
                    self._homonyms[_key_tokens(n[1:])] = pid
                    continue
                self._add(self._names, n.lstrip("?"), pid)
        for code, forms in _lines("nisba.tsv"):
            for form in forms.split("|"):
                for variant in _nisba_forms(form):
                    self._nisba.setdefault(_key_tokens(variant), code)
        # first words of every name: most tokens start none, and are passed over at once
        self._first = frozenset(k[0] for k in self._names) | frozenset(k[0] for k in self._nisba)

    @staticmethod
    def _add(table: dict[tuple[str, ...], str], name: str, pid: str) -> None:
        key = _key_tokens(name)
        if key and len(key) <= _MAX_NAME_TOKENS:
            table.setdefault(key, pid)  # the first (more specific, hand-written order) entry wins

    def ancestors(self, pid: str) -> list[str]:
        """The place and every place containing it, innermost first."""
        out = []
        while pid and pid not in out:
            out.append(pid)
            p = self.places.get(pid)
            pid = p.parent if p and p.parent else ""
        return out

    def relation(self, a: str, b: str) -> int:
        """1 when the places agree (same, or one contains the other), -1 when both are known and
        disjoint, 0 when nothing can be said (an unknown place, or a sea)."""
        if a == b:
            return 1
        pa, pb = self.ancestors(a), self.ancestors(b)
        if a in pb or b in pa:
            return 1
        if a not in self.places or b not in self.places:
            return 0
        if self.places[pa[-1]].kind != "country" or self.places[pb[-1]].kind != "country":
            return 0
        return -1

    def country(self, pid: str) -> str | None:
        top = self.ancestors(pid)[-1]
        p = self.places.get(top)
        return top if p and p.kind == "country" else None

    def kind(self, pid: str) -> str:
        p = self.places.get(pid)
        return p.kind if p else "city"

    def resolve(self, place: str, other: str | None, countries: set[str], placed: bool = False) -> str:
        """Which of two places of one name (طرابلس in Libya or Lebanon, عمان Oman or Amman) a mention
        is: the one whose country the text's other places name (and not the other's); else, in a
        dateline or a headline's place slot, a city rather than a country (datelines name cities);
        else the first listed."""
        if other is None:
            return place
        first, second = self.country(place), self.country(other)
        if (second in countries) != (first in countries):
            return other if second in countries else place
        if placed and self.kind(place) == "country" and self.kind(other) == "city":
            return other
        return place

    def is_name(self, text: str) -> bool:
        """`text` is, whole, the name of a place (`جدة`, `مكة المكرمة`; not an adjective, `السعودي`)."""
        return _key_tokens(text) in self._names

    def name_keys(self) -> frozenset[str]:
        """Every place name and adjective, as space-joined keys."""
        return frozenset(" ".join(k) for k in self._names) | frozenset(" ".join(k) for k in self._nisba)

    def find(self, words: list[str], placed: bool = False) -> list[PlaceMention]:
        """Places in a list of display tokens, longest names first, left to right. `placed`: the
        tokens open with a place's slot (a dateline, a headline's `الكاف :`), so a name that is also a
        common word is a place there without a place word before it."""
        keys = [token_key(w) for w in words]
        out: list[PlaceMention] = []
        i = 0
        while i < len(words):
            found = self._match_at(words, keys, i, placed and i == 0)
            if found is None:
                i += 1
                continue
            before = _peel(keys[i - 1]) if i else ()
            after = keys[found.end] if found.end < len(keys) else ""
            if _NOT_WHERE.isdisjoint(before) and after not in _CLUB_TAILS:
                out.append(found)
            i = found.end
        return out

    def _match_at(
        self, words: list[str], keys: list[str], i: int, placed: bool = False
    ) -> PlaceMention | None:
        first = keys[i]
        arabic = bool(_ARABIC.search(first))
        if not arabic and not _LATIN_UPPER.match(words[i][:1]):
            return None
        heads = [h for h in (_peel(first) if arabic else (first,)) if h in self._first]
        if not heads:
            return None
        for n in range(min(_MAX_NAME_TOKENS, len(words) - i), 0, -1):
            rest = tuple(keys[i + 1 : i + n])
            for head in heads:
                key = (head, *rest)
                if key in self._names:
                    if key in self._cued and not (placed or _cued(keys, i, head)):
                        continue
                    return PlaceMention(self._names[key], i, i + n, False, self._homonyms.get(key))
                if key in self._nisba:
                    return PlaceMention(self._nisba[key], i, i + n, True)
        return None


def _cued(keys: list[str], i: int, head: str) -> bool:
    """A name that is also a common word, read at `i` as `head`: a place word before it or a
    preposition on it (بسرت, لسرت, وبسرت)."""
    prefix = keys[i][: len(keys[i]) - len(head)] if keys[i].endswith(head) else ""
    if "ب" in prefix or "ل" in prefix:
        return True
    return i > 0 and any(p in _PLACE_CUES for p in _peel(keys[i - 1]))


@lru_cache(maxsize=200_000)
def _peel(token: str) -> tuple[str, ...]:
    """The token and the forms left when Arabic proclitics are peeled off (لل → ال)."""
    out = [token]
    for conj in _PROCLITICS:
        for prep in _PREPOSITIONS:
            prefix = conj + prep
            if not prefix or not token.startswith(prefix) or len(token) - len(prefix) < 3:
                continue
            rest = token[len(prefix) :]
            out.append(rest)
            if prep == "ل" and rest.startswith("ل"):
                out.append("ا" + rest)
    return tuple(out)


@cache
def gazetteer() -> Gazetteer:
    """The shipped gazetteer, loaded once."""
    return Gazetteer()


def build_countries(out: Path) -> int:
    """Write `countries.tsv` from babel's territory names: code, then every spelling."""
    import babel

    rows = []
    base = [str(c) for c in babel.Locale("ar").territories]
    for code in sorted(c for c in base if len(c) == 2 and c.isalpha() and c not in _NOT_COUNTRIES):
        names: list[str] = []
        for loc in _BABEL_LOCALES:
            name = babel.Locale.parse(loc).territories.get(code)
            if not name:
                continue
            for n in (name, name.split(" - ")[0], re.sub(r"\s*\(.*?\)", "", name)):
                if n and n not in names:
                    names.append(n)
        rows.append("\t".join([code, *names]))
    header = "# Country names from babel's CLDR territory data; built by `python -m marsad.group.places`.\n"
    out.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    return len(rows)


if __name__ == "__main__":
    target = Path(__file__).resolve().parent.parent / "resources" / "group" / "countries.tsv"
    print(f"{build_countries(target)} countries written to {target}", file=sys.stderr)
