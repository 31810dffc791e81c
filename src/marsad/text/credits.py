"""News agencies whose names mark a credit: `(رويترز)`, `(أ ف ب)` spelled out, `(AFP)`, `(وات)`.

One list, shared by the line cleaner (`clean.lines`: a trailing credit on a caption or a paragraph)
and the summary trimmer (`summarize.trim`: a credit in parentheses inside a sentence). Names are in
display spelling; `agency_keys` gives their matching keys (`match_key`: hamza, taa marbuta and case
folded) and `agency_pattern` a regular expression alternation that accepts the usual spelling
variants of display text (أ/إ/آ/ا, ة/ه, ى/ي, any letter case).
"""

from __future__ import annotations

import re
from functools import lru_cache

from marsad.text.normalize import match_key

AGENCIES: tuple[str, ...] = (
    # Arabic names of international agencies
    "رويترز", "رويتر", "فرانس برس", "الفرنسية", "أسوشيتد", "أسوشييتد", "الأناضول", "انترفاكس", "شينخوا",
    # Arab national agencies (Kuwait, Saudi, Emirates, Syria, Qatar, Iran, Jordan, Tunisia, Bahrain, Oman)
    "كونا", "واس", "وام", "سانا", "قنا", "إرنا", "بترا", "وات", "بنا", "العمانية",
    # Palestine, Sudan, Yemen; South Korea's
    "وفا", "سونا", "سبأ", "يونهاب",
    # initials spelled out with spaces: MENA, AFP, DPA
    "أ ش أ", "أ ف ب", "د ب أ", "ار ب ا",
    # Latin names and acronyms
    "Reuters", "AFP", "AP", "EPA", "DPA", "UPI", "EFE", "ANSA", "Xinhua", "Anadolu",
    "WAM", "SPA", "KUNA", "MENA", "QNA", "IRNA",
    # Turkish agencies: Anadolu Ajansı, Demirören, İhlas, ANKA
    "AA", "DHA", "İHA", "ANKA",
)  # fmt: skip

_ALEF = "[اأإآ]"
_VARIANTS = {"ا": _ALEF, "أ": _ALEF, "إ": _ALEF, "آ": _ALEF, "ة": "[ةه]", "ى": "[ىي]", "ي": "[يى]"}


def agency_keys() -> tuple[str, ...]:
    """The agencies' names as matching keys (`match_key`), each once, in list order."""
    return tuple(dict.fromkeys(match_key(a) for a in AGENCIES))


@lru_cache(maxsize=1)
def agency_pattern() -> str:
    """A regex alternation (no group) matching any agency name as display text may spell it; use it
    with `re.IGNORECASE` for the Latin names."""
    names = sorted(set(AGENCIES), key=len, reverse=True)  # longest first: `رويترز` before `رويتر`
    return "|".join("".join(_VARIANTS.get(ch, re.escape(ch)) for ch in name) for name in names)
