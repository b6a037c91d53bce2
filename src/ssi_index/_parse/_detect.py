"""Decode bytes once and tell JSON from HTML from anything else.

Bytes are decoded by, in order: a byte-order mark (UTF-8, UTF-16, UTF-32), the
charset a page declares in its first 2 KB (``<meta charset="windows-1251">`` or
the ``http-equiv`` form), else UTF-8. A declared charset counts only when it is
a WHATWG encoding label (https://encoding.spec.whatwg.org/#names-and-labels), as
in a browser: ``punycode``, ``undefined`` or ``rot13`` are ignored and detection
goes on. As in a browser, a page that declares UTF-16 in ASCII bytes is read as
UTF-8. Undecodable bytes are a :class:`~ssi_index.ParseError`, never a
:class:`UnicodeDecodeError`.
"""

from __future__ import annotations

import codecs
import enum
import re
from typing import Final

import attrs

from ssi_index._errors import ParseError

__all__ = [
    "Encoding",
    "Kind",
    "codec_of_label",
    "decode",
    "decode_window",
    "encoding_of",
    "is_utf8",
    "sniff",
]

_BOMS: Final = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_HEAD_BYTES: Final = 2048
_META_CHARSET: Final = re.compile(
    rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE
)
_HTML_START: Final = re.compile(r"<(?:!doctype\s+html|html\b|head\b|body\b)", re.IGNORECASE)
_FIRST: Final = re.compile(r"[^ \t\r\n\ufeff]")


class Kind(enum.Enum):
    """What an input looks like."""

    JSON = "json"
    HTML = "html"
    TEXT = "text"
    EMPTY = "empty"


@attrs.frozen
class Encoding:
    """How a body's bytes are to be decoded.

    Attributes:
        name: The Python codec name.
        source: Where it came from, for error messages.
        start: How many bytes of byte-order mark to skip.
    """

    name: str
    source: str
    start: int

    @property
    def ascii_compatible(self) -> bool:
        """Whether ASCII markup can be searched in the raw bytes (not UTF-16/32)."""
        return not self.name.startswith(("utf-16", "utf-32"))


_WHATWG: Final = {
    "utf-8": (
        "unicode-1-1-utf-8",
        "unicode11utf8",
        "unicode20utf8",
        "utf-8",
        "utf8",
        "x-unicode20utf8",
    ),
    "cp866": ("866", "cp866", "csibm866", "ibm866"),
    "iso8859-2": (
        "csisolatin2",
        "iso-8859-2",
        "iso-ir-101",
        "iso8859-2",
        "iso88592",
        "iso_8859-2",
        "iso_8859-2:1987",
        "l2",
        "latin2",
    ),
    "iso8859-3": (
        "csisolatin3",
        "iso-8859-3",
        "iso-ir-109",
        "iso8859-3",
        "iso88593",
        "iso_8859-3",
        "l3",
        "latin3",
    ),
    "iso8859-4": (
        "csisolatin4",
        "iso-8859-4",
        "iso-ir-110",
        "iso8859-4",
        "iso88594",
        "iso_8859-4",
        "l4",
        "latin4",
    ),
    "iso8859-5": (
        "csisolatincyrillic",
        "cyrillic",
        "iso-8859-5",
        "iso-ir-144",
        "iso8859-5",
        "iso88595",
        "iso_8859-5",
    ),
    "iso8859-6": (
        "arabic",
        "asmo-708",
        "csiso88596e",
        "csiso88596i",
        "csisolatinarabic",
        "ecma-114",
        "iso-8859-6",
        "iso-8859-6-e",
        "iso-8859-6-i",
        "iso-ir-127",
        "iso8859-6",
        "iso88596",
        "iso_8859-6",
    ),
    "iso8859-7": (
        "csisolatingreek",
        "ecma-118",
        "elot_928",
        "greek",
        "greek8",
        "iso-8859-7",
        "iso-ir-126",
        "iso8859-7",
        "iso88597",
        "iso_8859-7",
        "sun_eu_greek",
    ),
    "iso8859-8": (
        "csiso88598e",
        "csisolatinhebrew",
        "hebrew",
        "iso-8859-8",
        "iso-8859-8-e",
        "iso-ir-138",
        "iso8859-8",
        "iso88598",
        "iso_8859-8",
        "visual",
        "csiso88598i",
        "iso-8859-8-i",
        "logical",
    ),
    "iso8859-10": (
        "csisolatin6",
        "iso-8859-10",
        "iso-ir-157",
        "iso8859-10",
        "iso885910",
        "l6",
        "latin6",
    ),
    "iso8859-13": ("iso-8859-13", "iso8859-13", "iso885913"),
    "iso8859-14": ("iso-8859-14", "iso8859-14", "iso885914"),
    "iso8859-15": ("csisolatin9", "iso-8859-15", "iso8859-15", "iso885915", "iso_8859-15", "l9"),
    "iso8859-16": ("iso-8859-16",),
    "koi8-r": ("cskoi8r", "koi", "koi8", "koi8-r", "koi8_r"),
    "koi8-u": ("koi8-ru", "koi8-u"),
    "mac-roman": ("csmacintosh", "mac", "macintosh", "x-mac-roman"),
    "cp874": ("dos-874", "iso-8859-11", "iso8859-11", "iso885911", "tis-620", "windows-874"),
    "cp1250": ("cp1250", "windows-1250", "x-cp1250"),
    "cp1251": ("cp1251", "windows-1251", "x-cp1251"),
    "cp1252": (
        "ansi_x3.4-1968",
        "ascii",
        "cp1252",
        "cp819",
        "csisolatin1",
        "ibm819",
        "iso-8859-1",
        "iso-ir-100",
        "iso8859-1",
        "iso88591",
        "iso_8859-1",
        "iso_8859-1:1987",
        "l1",
        "latin1",
        "us-ascii",
        "windows-1252",
        "x-cp1252",
    ),
    "cp1253": ("cp1253", "windows-1253", "x-cp1253"),
    "cp1254": (
        "cp1254",
        "csisolatin5",
        "iso-8859-9",
        "iso-ir-148",
        "iso8859-9",
        "iso88599",
        "iso_8859-9",
        "l5",
        "latin5",
        "windows-1254",
        "x-cp1254",
    ),
    "cp1255": ("cp1255", "windows-1255", "x-cp1255"),
    "cp1256": ("cp1256", "windows-1256", "x-cp1256"),
    "cp1257": ("cp1257", "windows-1257", "x-cp1257"),
    "cp1258": ("cp1258", "windows-1258", "x-cp1258"),
    "mac-cyrillic": ("x-mac-cyrillic", "x-mac-ukrainian"),
    "gbk": (
        "chinese",
        "csgb2312",
        "csiso58gb231280",
        "gb2312",
        "gb_2312",
        "gb_2312-80",
        "gbk",
        "iso-ir-58",
        "x-gbk",
    ),
    "gb18030": ("gb18030",),
    "big5hkscs": ("big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5"),
    "euc_jp": ("cseucpkdfmtjapanese", "euc-jp", "x-euc-jp"),
    "iso2022_jp": ("csiso2022jp", "iso-2022-jp"),
    "cp932": (
        "csshiftjis",
        "ms932",
        "ms_kanji",
        "shift-jis",
        "shift_jis",
        "sjis",
        "windows-31j",
        "x-sjis",
    ),
    "cp949": (
        "cseuckr",
        "csksc56011987",
        "euc-kr",
        "iso-ir-149",
        "korean",
        "ks_c_5601-1987",
        "ks_c_5601-1989",
        "ksc5601",
        "ksc_5601",
        "windows-949",
    ),
    "utf-16-be": ("unicodefffe", "utf-16be"),
    "utf-16-le": (
        "csunicode",
        "iso-10646-ucs-2",
        "ucs-2",
        "unicode",
        "unicodefeff",
        "utf-16",
        "utf-16le",
    ),
}
_LABELS: Final = {label: name for name, labels in _WHATWG.items() for label in labels}
"""Every WHATWG encoding label, mapped to the Python codec that decodes it."""


def codec_of_label(label: str) -> str | None:
    """The Python codec for a WHATWG encoding *label* (``"Latin1"`` -> ``"cp1252"``), else ``None``.

    Only real text encodings come out, so decoding with the result never raises
    anything but :class:`UnicodeDecodeError` (``punycode`` or ``rot13`` are no labels).
    """
    return _LABELS.get(label.strip().strip("\"'").lower())


def encoding_of(data: bytes) -> Encoding:
    """Tell the encoding of *data*: its BOM, else its declared WHATWG label, else UTF-8."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return Encoding(name, f"{name} (its byte-order mark)", len(bom))
    match = _META_CHARSET.search(data, 0, _HEAD_BYTES)
    if match is not None:
        declared = match.group(1).decode("ascii").lower()
        label = _LABELS.get(declared)
        # A page cannot declare UTF-16 in ASCII-readable bytes; browsers read UTF-8 then.
        if label is not None and not label.startswith("utf-16"):
            return Encoding(label, f"{declared} (declared by the page)", 0)
    return Encoding("utf-8", "UTF-8 (the default)", 0)


def decode(data: bytes, encoding: Encoding | None = None) -> str:
    """Decode a saved page or a response body to text.

    Args:
        data: The raw bytes.
        encoding: The encoding, if already known (see :func:`encoding_of`).

    Returns:
        The text, without a byte-order mark.

    Raises:
        ParseError: the bytes are not valid in the detected encoding.
    """
    enc = encoding or encoding_of(data)
    try:
        return data[enc.start :].decode(enc.name)
    except UnicodeDecodeError as err:
        raise ParseError(
            f"expected text in {enc.source}, found bytes that are not "
            f"({err.reason} at byte {enc.start + err.start}); save the page again as HTML "
            "(UTF-8) or copy the JSON as text",
            key="parse.bad_encoding",
            params={"encoding": enc.name, "position": enc.start + err.start},
        ) from err


_UTF8_CHUNK: Final = 16384
"""How many bytes :func:`is_utf8` checks at a time (an ASCII chunk costs almost nothing)."""


def is_utf8(data: bytes, start: int = 0) -> bool:
    """Tell whether ``data[start:]`` is valid UTF-8, without building its text.

    A page is mostly ASCII: chunks that are pure ASCII are skipped at C speed and
    only the others are decoded, each widened to whole UTF-8 sequences (a
    sequence never holds an ASCII byte, so the chunks are valid exactly when the
    whole is). Decoding all of a page costs far more when it holds a single
    character outside the BMP (an emoji in a name), as every page then widens to
    four bytes a character. ``False`` means "decode it to get the error".
    """
    size = len(data)
    for low in range(start, size, _UTF8_CHUNK):
        high = min(low + _UTF8_CHUNK, size)
        if data[low:high].isascii():
            continue
        for _ in range(4):  # back to the start of a sequence (at most 3 continuation bytes)
            if low <= start or not 0x80 <= data[low] < 0xC0:
                break
            low -= 1
        for _ in range(4):  # on to the end of the sequence cut at *high*
            if high >= size or not 0x80 <= data[high] < 0xC0:
                break
            high += 1
        try:
            data[low:high].decode("utf-8")
        except UnicodeDecodeError:
            return False
    return True


def decode_window(data: bytes, low: int, high: int, encoding: Encoding) -> str | None:
    """Decode only ``data[low:high]`` of an ASCII-compatible body, or ``None`` if it fails.

    The bounds are moved off the middle of a UTF-8 sequence first.
    """
    low, high = max(low, encoding.start), min(high, len(data))
    if encoding.name == "utf-8":
        while low < high and 0x80 <= data[low] < 0xC0:
            low += 1
        while low < high < len(data) and 0x80 <= data[high] < 0xC0:
            high -= 1
    try:
        return data[low:high].decode(encoding.name)
    except UnicodeDecodeError:
        return None


def sniff(text: str) -> Kind:
    """Tell what *text* holds by its first characters."""
    match = _FIRST.search(text)
    if match is None:
        return Kind.EMPTY
    first = match.group()
    if first in "{[":
        return Kind.JSON
    if first == "<" or _HTML_START.search(text, 0, 4096) is not None:
        return Kind.HTML
    return Kind.TEXT
