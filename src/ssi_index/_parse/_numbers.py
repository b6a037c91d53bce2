"""Numbers as localized SSI pages write them.

LinkedIn's pages print numbers the way the viewer's language does: ``31.5`` or
``31,5``, ``10%``, ``10 %`` with an ordinary, non-breaking (U+00A0), thin
(U+2009) or narrow non-breaking (U+202F) space, ``%10`` or ``10%`` around
right-to-left text, and invisible direction marks (U+200E, U+200F, U+202A-U+202E,
U+2066-U+2069) sprinkled in. :func:`clean_text` removes that noise and
:func:`read_number` turns what is left into a float.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["clean_text", "read_int", "read_number", "read_out_of_100"]

_BIDI: Final = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\ufeff]+")
"""Direction marks and embeddings (and a stray BOM): dropped from the text."""
_PLAIN: Final = re.compile(r"\d+(?:\.\d+)?")

_SPACES: Final = re.compile(r"[\s\u00a0\u2007\u2009\u200a\u202f\u205f\u3000]+")
_NUMBER: Final = re.compile(r"\d+(?:[.,]\d+)?")
_ONLY_NUMBER: Final = re.compile(r"(?:% ?)?(\d+(?:[.,]\d+)?)(?: ?%)?")


def clean_text(text: str) -> str:
    r"""Drop direction marks and turn every run of spaces into one ordinary space.

    Args:
        text: Text taken from a page.

    Returns:
        The text with bidi controls removed and whitespace (including NBSP, thin
        and narrow no-break spaces) collapsed, stripped at both ends.

    Example:
        >>> clean_text("Top\u00a010\u202f%\u200f")
        'Top 10 %'
    """
    return _SPACES.sub(" ", _BIDI.sub("", text)).strip()


def read_number(text: str) -> float | None:
    r"""Read one number written the local way, or return ``None``.

    The text must hold exactly one number, optionally with a ``%`` sign before
    or after it, spaces of any kind and direction marks; a comma or a dot is the
    decimal separator.

    Args:
        text: E.g. ``"31,5"``, ``"13.118002"``, ``"10\u00a0%"``, ``"\u200f%10"``.

    Returns:
        The number, or ``None`` when the text is not one number.

    Example:
        >>> read_number("20,973"), read_number("10\u202f%"), read_number("n/a")
        (20.973, 10.0, None)
    """
    if _PLAIN.fullmatch(text):  # the common case: a value attribute such as "13.118002"
        return float(text)
    match = _ONLY_NUMBER.fullmatch(clean_text(text))
    if match is None:
        return None
    return float(match.group(1).replace(",", "."))


def read_int(text: str) -> int | None:
    r"""Read a whole number (a rank such as ``"10"`` or ``"Top 10 %"``), or return ``None``.

    Takes the first run of digits in the text, so the words around it may be in
    any language.

    Args:
        text: E.g. ``"10"``, ``"Primeiros 10%"``, ``"верхние 4\u2009%"``.

    Returns:
        The number, or ``None`` when the text holds no whole number.
    """
    match = _NUMBER.search(_BIDI.sub("", text))
    if match is None or not match.group().isdigit():
        return None
    return int(match.group())


_OUT_OF: Final = 100.0


def read_out_of_100(text: str) -> float | None:
    r"""Read the score in "N out of 100", in any language and word order, or return ``None``.

    The words may come before or after the number ("33 out of 100", "100
    üzerinden 56", "100 点中 56 点"); the number that is not the "100" is the
    score ("100 out of 100" is 100).

    Args:
        text: The caption's text, e.g. ``"53 de 100"``.

    Example:
        >>> read_out_of_100("33 out of 100"), read_out_of_100("100 üzerinden 56")
        (33.0, 56.0)
    """
    numbers = [float(n.replace(",", ".")) for n in _NUMBER.findall(_BIDI.sub("", text)[:200])]
    if len(numbers) == 1:
        return numbers[0]
    if len(numbers) == 2 and _OUT_OF in numbers:
        numbers.remove(_OUT_OF)
        return numbers[0]
    return None
