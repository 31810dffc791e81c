"""The Jinja2 environment of the web pages: autoescape on, and the filters the templates use.

Everything that comes from the data goes through autoescape (a title `<script>…` shows as text); links
to outside pages are kept only for http(s) URLs, so a `javascript:` URL in the data is never a link.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode, urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from marsad.store.queries import title_or_lead
from marsad.web.dates import ar_date

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"

ENTITY_TYPES = {"PER": "أشخاص", "LOC": "أماكن", "ORG": "منظمات", "MISC": "أخرى"}
ENTITY_TYPE_ONE = {"PER": "شخص", "LOC": "مكان", "ORG": "منظمة", "MISC": "أخرى"}
FACT_STATUS = {"agreed": "تتفق عليه المصادر", "conflict": "تتعارض فيه المصادر", "single": "مصدر واحد"}
KINDS = {"article": "مقال", "event": "حدث", "entity": "كيان"}
# Reasons the cleaner gives for a dropped line (marsad.clean); unknown ones show as they are.
DROP_REASONS = {
    "caption": "تعليق صورة",
    "masthead": "ترويسة الموقع",
    "site_marker": "علامة الموقع",
    "related_block": "روابط «اقرأ أيضاً»",
    "related_header": "عنوان قسم «ذات صلة»",
    "repeated_block": "فقرة مكررة في الصفحة",
    "printed_twice": "سطر مطبوع مرتين",
    "repeated_title": "العنوان مكرراً",
    "decoration": "زخرفة",
    "share_footer": "أزرار المشاركة",
    "tags": "وسوم",
    "url": "رابط الصفحة",
    "no article found": "لا مقال في الصفحة",
}
# Parts of an article-event link (marsad.group.events); unknown keys show as they are.
EXPLAIN_KEYS = {
    "cosine": "تشابه النص",
    "head": "تشابه العنوان والمقدمة",
    "date": "توافق التاريخ",
    "days_apart": "الفارق بالأيام",
    "year": "توافق السنة",
    "place": "توافق المكان",
    "shared_places": "أماكن مشتركة",
    "conflicting_places": "أماكن متعارضة",
    "actor": "توافق الفاعلين",
    "shared_actors": "فاعلون مشتركون",
    "reused_passages": "مقاطع منقولة مشتركة",
    "same_happening": "الواقعة نفسها (نوعها ومكانها ويومها)",
    "shared_terms": "كلمات مشتركة",
    "vector": "توافق المعنى",
    "size": "كلفة حجم الحدث",
    "vector_cosine": "تشابه المعنى (متجهات الجمل)",
    "across_languages": "بين لغتين",
    "shared_dates": "تواريخ مشتركة",
    "new": "بدأ حدثاً جديداً",
    "best_other": "أقرب حدث آخر",
    "best_score": "درجة أقرب حدث آخر",
    "candidates": "أحداث مرشحة",
    "threshold": "عتبة الانضمام",
    "parts": "مكونات الدرجة",
    "shared": "المشترك",
    "merges": "دُمج حدثه الأول في هذا الحدث",
    "merged_into": "دُمج في الحدث",
    "score": "الدرجة",
}


# Counted nouns: singular, dual (subject; after a preposition or as an object), plural (3-10),
# accusative singular (11-99). Arabic agrees a noun with its number: مقال واحد، مقالان / في مقالين،
# 3 مقالات، 11 مقالاً، 100 مقال (a hundred or more ending in 00-02 takes the singular).
NOUNS = {
    "article": ("مقال", "مقالان", "مقالين", "مقالات", "مقالاً"),
    "page": ("صفحة", "صفحتان", "صفحتين", "صفحات", "صفحةً"),
    "event": ("حدث", "حدثان", "حدثين", "أحداث", "حدثاً"),
    "source": ("مصدر", "مصدران", "مصدرين", "مصادر", "مصدراً"),
    "time": ("مرة", "مرتان", "مرتين", "مرات", "مرةً"),
    "result": ("نتيجة", "نتيجتان", "نتيجتين", "نتائج", "نتيجةً"),
}
_ONE = {"مقال": "واحد", "صفحة": "واحدة", "حدث": "واحد", "مصدر": "واحد", "مرة": "واحدة", "نتيجة": "واحدة"}


def counted(n: object, noun: str, case: str = "nom") -> Markup:
    """`n` of a noun in Arabic agreement (`9 | counted("article")` → ‹9› مقالات), the number isolated
    for bidi: مقال واحد، مقالان (`case="gen"` or `"acc"`: مقالين، after a preposition or as an
    object), 3–10 with the plural, 11–99 with the accusative singular, 0 and hundreds the singular."""
    one, two, two_oblique, plural, accusative = NOUNS[noun]
    if not isinstance(n, int) or isinstance(n, bool):
        return Markup("<bdi>{}</bdi> {}").format(n, plural)
    if n == 1:
        return Markup("{} {}").format(one, _ONE[one])
    if n == 2:
        return Markup(escape(two if case == "nom" else two_oblique))
    tail = n % 100
    word = plural if 3 <= tail <= 10 else accusative if 11 <= tail <= 99 else one
    return Markup("<bdi>{}</bdi> {}").format(number(n), word)


def safe_url(url: object) -> str | None:
    """The URL when it is http(s), else None (no javascript:, data: … links from the data)."""
    if not isinstance(url, str):
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def number(value: object) -> str:
    """1234567 → 1,234,567; floats keep their decimals; anything else as text."""
    if isinstance(value, bool) or value is None:
        return "" if value is None else str(value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() else f"{value:,}"
    return str(value)


def label(mapping: dict[str, str]):  # type: ignore[no-untyped-def]
    def lookup(key: object) -> str:
        return mapping.get(str(key), str(key))

    return lookup


def is_mapping(value: object) -> bool:
    return isinstance(value, dict)


def is_list(value: object) -> bool:
    return isinstance(value, list | tuple)


def page_query(base: dict[str, object], **changes: object) -> str:
    """A query string for a pagination link: the current parameters with some changed."""
    params = {k: v for k, v in {**base, **changes}.items() if v not in (None, "")}
    return "?" + urlencode(params)


def make_env() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(enabled_extensions=("html", "svg", "j2"), default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        ar_date=ar_date,
        safe_url=safe_url,
        title_or_lead=title_or_lead,
        number=number,
        counted=counted,
        entity_types=label(ENTITY_TYPES),
        entity_type=label(ENTITY_TYPE_ONE),
        fact_status=label(FACT_STATUS),
        kind=label(KINDS),
        drop_reason=label(DROP_REASONS),
        explain_key=label(EXPLAIN_KEYS),
    )
    env.tests.update(mapping_like=is_mapping, list_like=is_list)
    env.globals.update(page_query=page_query)
    return env
