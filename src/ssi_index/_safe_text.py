"""Text from outside made safe to show: every control character as a visible escape.

The one escaping rule of ssi-index's terminal output (the CLI's output layer uses
:func:`escape` for every piece it writes) and of the localized error messages
(:meth:`ssi_index.SSIError.localized` escapes each value that came from the input).
"""

from __future__ import annotations

from typing import Final

__all__ = ["BIDI_CONTROLS", "escape"]

BIDI_CONTROLS: Final = (*range(0x202A, 0x202F), *range(0x2066, 0x206A))
"""The bidirectional embeddings, overrides and isolates (as code points)."""

_NAMED: Final = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escapes() -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in (*range(0x20), 0x7F, *range(0x80, 0xA0)):
        table[cp] = _NAMED.get(chr(cp), f"\\x{cp:02x}")
    for cp in (*BIDI_CONTROLS, 0x2028, 0x2029):
        table[cp] = f"\\u{cp:04x}"
    return table


_ESCAPES: Final = _escapes()


def escape(text: str) -> str:
    r"""Return *text* with every control character shown as an escape, in one linear pass.

    C0 and C1 controls and DEL become ``\x1b``, ``\n``, ``\x9b`` ...; the Unicode
    bidirectional overrides, embeddings and isolates (which can make a terminal show
    text in another order than it is) and the line and paragraph separators become
    ``\u202e`` .... Letters of every script, emoji and the marks that join them are
    kept.

    Example:
        >>> escape("me\x1b]0;pwned\x07")
        'me\\x1b]0;pwned\\x07'
    """
    return text.translate(_ESCAPES)
