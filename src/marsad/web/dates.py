"""Dates for display: ISO dates (possibly partial: YYYY-MM, YYYY) in Arabic words."""

from __future__ import annotations

from datetime import date

# The month names of Egyptian and Gulf outlets (the sample pages use them), not the Levantine ones.
ARABIC_MONTHS = (
    "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو",
    "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر",
)  # fmt: skip


def parse_partial(value: str) -> date | None:
    """`2021-06-28`, `2021-06` or `2021` → a date (the first day of a month or year); None if not a date."""
    parts = value.strip().split("-")
    try:
        nums = [int(p) for p in parts]
        if len(nums) == 1:
            return date(nums[0], 1, 1)
        if len(nums) == 2:
            return date(nums[0], nums[1], 1)
        if len(nums) == 3:
            return date(nums[0], nums[1], nums[2])
    except ValueError:
        return None
    return None


def ar_date(value: object) -> str:
    """`2021-06-28` → `28 يونيو 2021`; partial dates keep their precision; anything else as given."""
    if not isinstance(value, str) or not value:
        return ""
    parsed = parse_partial(value)
    if parsed is None:
        return value
    n = len(value.strip().split("-"))
    month = ARABIC_MONTHS[parsed.month - 1]
    if n == 3:
        return f"{parsed.day} {month} {parsed.year}"
    if n == 2:
        return f"{month} {parsed.year}"
    return str(parsed.year)
