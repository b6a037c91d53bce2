"""Decode bytes once and tell JSON from HTML from anything else.

Bytes are decoded by, in order: a byte-order mark (UTF-8, UTF-16, UTF-32), the
charset a page declares in its first 2 KB (``<meta charset="windows-1251">`` or
the ``http-equiv`` form), else UTF-8. Undecodable bytes are a
:class:`~ssi_index.ParseError`, never a :class:`UnicodeDecodeError`.
"""

from __future__ import annotations

import codecs
import enum
import re
from typing import Final

import attrs

from ssi_index._errors import ParseError

__all__ = ["Encoding", "Kind", "decode", "decode_window", "encoding_of", "sniff"]

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


def encoding_of(data: bytes) -> Encoding:
    """Tell the encoding of *data*: its BOM, else its declared charset, else UTF-8."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return Encoding(name, f"{name} (its byte-order mark)", len(bom))
    match = _META_CHARSET.search(data, 0, _HEAD_BYTES)
    if match is not None:
        declared = match.group(1).decode("ascii").lower()
        try:
            name = codecs.lookup(declared).name
            "".encode(name)  # LookupError for codecs that are not text encodings ("hex")
        except LookupError:
            pass
        else:
            # A page cannot declare UTF-16/32 in ASCII-readable bytes; trust UTF-8 then.
            if not name.startswith(("utf-16", "utf-32")):
                return Encoding(name, f"{declared} (declared by the page)", 0)
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
        ) from err


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
