"""Bytes → text: byte order marks, UTF-8, UTF-16, Windows-1256, declared charsets; binary detection.

The order matters and is the whole policy (see `decode_bytes`). Decoding is always strict: a page either
decodes to exactly what its author wrote or is reported, never silently patched with U+FFFD.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

# Longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32LE"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32BE"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16LE"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16BE"),
)

# Formats people drop into a folder by mistake; named so the message says what the file is.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (unzip it first)"),
    (b"\x1f\x8b", "gzip-compressed data (decompress it first)"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"SQLite format 3\x00", "an SQLite database"),
)

# C0 control bytes that never occur in text (tab, newlines, form feed, vertical tab and escape do).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r\x0b\x0c\x1b") + b"\x7f"
_CONTROL_CHARS = re.compile("[" + "".join(chr(b) for b in _CONTROL_BYTES) + "]")
MAX_CONTROL_RATIO = 0.05
"""Above this share of control characters (in the first 64 KB) an input is binary, not text."""
_SAMPLE = 65536

_ARABIC_RUN = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]+")
MIN_ARABIC_SHARE = 0.7
"""Windows-1256 is accepted when at least this share of the non-ASCII characters are Arabic."""

_DECLARED = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)|<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:\-]+)""",
    re.IGNORECASE,
)
# Pages labelled with a Western single-byte charset are often really Windows-1256 Arabic.
_WESTERN = {"ascii", "latin-1", "iso8859-1", "iso8859-15", "cp1252"}


# Preferred among near-equal guesses, most widespread first.
_COMMON = ("cp1252", "iso8859_15", "cp1250", "iso8859_2", "cp1251", "iso8859_5", "cp1253", "iso8859_7")


class DecodeError(ValueError):
    """Bytes that are not text in any encoding marsad accepts; `reason` says why, for the user."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def decode_bytes(data: bytes, name: str, declared: str | None = None) -> str:
    """Decode one page's bytes to text with newlines normalised to ``\\n``; raise `DecodeError` if not text.

    Order: (1) a byte order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE); (2) binary is refused: known file
    signatures (PNG, PDF, ZIP...), NUL bytes (unless their pattern says UTF-16 without a mark, which is then
    decoded), more than 5% control bytes; (3) strict UTF-8; (4) the `declared` charset (an HTTP header)
    or the page's own ``<meta charset>`` / ``<?xml encoding>``; (5) Windows-1256 when the result is mostly
    Arabic letters in whole words; (6) charset-normalizer as a last resort. `name` (file name or URL)
    says what is being decoded; errors carry only the reason.
    """
    if not data:
        return ""
    text = _decode(data, name, declared)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode(data: bytes, name: str, declared: str | None) -> str:
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"invalid {label} after its byte order mark ({_where(exc)})") from None
            _refuse_control_chars(text)
            return text
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise DecodeError(f"binary data ({what})")
    nul = data.find(b"\x00")
    if nul >= 0:
        text16 = _utf16_by_nuls(data)
        if text16 is None:
            raise DecodeError(f"binary data (NUL bytes at offset {nul})")
        return text16
    sample = data[:_SAMPLE]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls > MAX_CONTROL_RATIO * len(sample):
        raise DecodeError(f"binary data ({100 * controls // len(sample)}% control characters)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    declared_text = _decode_declared(data, declared or _sniff_declared(data))
    if declared_text is not None:
        return declared_text
    cp1256 = data.decode("cp1256")  # every byte is defined in Windows-1256, so this never fails
    if is_mostly_arabic(cp1256):
        return cp1256
    guessed = _guess_charset(data)
    if guessed is not None:
        return data.decode(guessed)
    raise DecodeError(f"not text: undecodable as UTF-8, UTF-16 or Windows-1256 ({_where(utf8_error)})")


def _guess_charset(data: bytes) -> str | None:
    """charset-normalizer's guess, but a common charset when it fits about as well as an exotic one.

    On short texts it ranks, say, Mac Latin-2 above Windows-1252 for French; UTF-16/32 are ruled out
    already (no byte order mark, no NUL bytes).
    """
    matches = [m for m in from_bytes(data) if not m.encoding.startswith(("utf_16", "utf_32"))]
    if not matches:
        return None
    best = matches[0]
    for preferred in _COMMON:
        for match in matches:
            if (
                match.encoding == preferred
                and match.chaos <= best.chaos + 0.05
                and match.coherence >= best.coherence - 0.05
            ):
                return preferred
    return str(best.encoding)


def _where(exc: UnicodeDecodeError) -> str:
    return f"byte 0x{exc.object[exc.start]:02x} at {exc.start}"


def _refuse_control_chars(text: str) -> None:
    sample = text[:_SAMPLE]
    controls = len(_CONTROL_CHARS.findall(sample))
    if sample and controls > MAX_CONTROL_RATIO * len(sample):
        raise DecodeError(f"binary data ({100 * controls // len(sample)}% control characters)")


def _utf16_by_nuls(data: bytes) -> str | None:
    """UTF-16 without a byte order mark: ASCII characters put their NUL byte always on the same side."""
    sample = data[:_SAMPLE]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    units = len(sample) // 2
    for codec, hits, misses in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        # Spaces and newlines alone make a few NULs in every 16 units of Arabic or Latin text.
        if len(data) % 2 or misses > 0.05 * hits or hits < 0.05 * units:
            continue
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            return None
        # Random bytes decode as UTF-16 too, but almost never into alphabetic scripts.
        plausible = sum(1 for ch in text[:_SAMPLE] if ord(ch) < 0x0800 or "\ufb50" <= ch <= "\ufefc")
        if plausible < 0.9 * min(len(text), _SAMPLE):
            return None
        try:
            _refuse_control_chars(text)
        except DecodeError:
            return None
        return text
    return None


def _sniff_declared(data: bytes) -> str | None:
    match = _DECLARED.search(data, 0, 4096)
    if match is None:
        return None
    return (match.group(1) or match.group(2)).decode("ascii")


def _decode_declared(data: bytes, declared: str | None) -> str | None:
    """Decode with a declared charset if it is known, not UTF-16/32 (already ruled out) and fits the bytes."""
    if not declared:
        return None
    try:
        codec = codecs.lookup(declared.strip().lower()).name
    except LookupError:
        return None
    if codec.startswith(("utf-16", "utf-32", "utf-8")):
        return None
    if codec in _WESTERN and is_mostly_arabic(data.decode("cp1256")):
        return None
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def is_mostly_arabic(text: str) -> bool:
    """True when most non-ASCII characters are Arabic and those come in words, not stray letters.

    Latin-1 German or Spanish read as Windows-1256 also yields some Arabic letters (ä → ن, á → ل), but one
    at a time between Latin letters; real Arabic comes in runs.
    """
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    if non_ascii == 0:
        return False
    runs = [len(run) for run in _ARABIC_RUN.findall(text)]
    arabic = sum(runs)
    in_words = sum(n for n in runs if n >= 2)
    return arabic >= MIN_ARABIC_SHARE * non_ascii and in_words >= 0.8 * arabic
