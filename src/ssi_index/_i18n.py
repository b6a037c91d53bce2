"""Messages, plural rules and number formats in every locale ssi-index speaks.

Texts live in package data, one folder per locale and one TOML file per domain
(``locales/en/cli.toml``, ``locales/he/coach.toml`` ...); every file of a locale is
merged into one table of dotted keys, so each part of the library keeps its own
file. A plain entry is a string; an entry with plural forms is a table keyed by
CLDR plural category (``one``, ``two``, ``few``, ``many``, ``other``)::

    [points]
    one = "{n} point"
    other = "{n} points"

Placeholders are :meth:`str.format` fields. ``n`` is always the count, already
formatted in the locale's number style.

Example:
    >>> from ssi_index._i18n import plural_category
    >>> plural_category("ru", 3), plural_category("ru", 5), plural_category("he", 2)
    ('few', 'many', 'two')
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping
from importlib import resources
from typing import Final

from ._errors import RuleError, UnknownLocaleError

__all__ = [
    "LOCALES",
    "RTL_LOCALES",
    "direction",
    "format_number",
    "message",
    "messages",
    "normalize_locale",
    "plural",
    "plural_category",
    "sign_first",
    "signed_plural",
]

LOCALES: Final = ("en", "he", "ru")
"""The locales whose texts are complete: every key exists in each of them."""

RTL_LOCALES: Final = frozenset({"he"})
"""Locales written right to left."""

_ALIASES: Final = {"iw": "he"}  # the old ISO 639 code some systems still send
_NBSP_NARROW: Final = "\u202f"


def normalize_locale(locale: str) -> str:
    """Return the supported locale for a tag such as ``"he-IL"``, ``"ru_RU.UTF-8"`` or ``"EN"``.

    Raises:
        UnknownLocaleError: no texts exist for the tag's language.
    """
    if not isinstance(locale, str):
        raise UnknownLocaleError(repr(locale), LOCALES)
    lang = locale.strip().replace("_", "-").split(".", 1)[0].split("-", 1)[0].lower()
    lang = _ALIASES.get(lang, lang)
    if lang not in LOCALES:
        raise UnknownLocaleError(locale, LOCALES)
    return lang


def direction(locale: str) -> str:
    """``"rtl"`` for a right-to-left locale (Hebrew), else ``"ltr"``."""
    return "rtl" if normalize_locale(locale) in RTL_LOCALES else "ltr"


def _operands(n: float) -> tuple[int, int]:
    """CLDR operands ``i`` (integer digits) and ``v`` (count of visible fraction digits)."""
    if isinstance(n, int) or float(n).is_integer():
        return abs(int(n)), 0
    text = f"{abs(n):.6f}".rstrip("0")
    whole, _, frac = text.partition(".")
    return int(whole), len(frac)


def plural_category(locale: str, n: float) -> str:
    """The CLDR plural category of ``n`` in ``locale``: one, two, few, many or other.

    Rules (CLDR 44): English ``one`` for 1 only; Hebrew ``one`` for 1, ``two``
    for 2, ``other`` otherwise; Russian ``one`` for 1, 21, 31 ... (not 11),
    ``few`` for 2-4, 22-24 ... (not 12-14), ``many`` for the other integers and
    ``other`` for fractions (``1,5 балла``).
    """
    lang = normalize_locale(locale)
    if isinstance(n, float) and not math.isfinite(n):
        return "other"
    i, v = _operands(n)
    if lang == "ru":
        if v:
            return "other"
        if i % 10 == 1 and i % 100 != 11:
            return "one"
        if 2 <= i % 10 <= 4 and not 12 <= i % 100 <= 14:
            return "few"
        return "many"
    if lang == "he":
        if v == 0 and i == 1:
            return "one"
        if v == 0 and i == 2:
            return "two"
        return "other"
    return "one" if (i == 1 and v == 0) else "other"


_LRM: Final = "\u200e"


def format_number(locale: str, value: float, digits: int = 1, *, sign: bool = False) -> str:
    """Format ``value`` the locale's way, with at most ``digits`` decimals (trailing zeros dropped).

    English and Hebrew write ``1,234.5``; Russian writes ``1 234,5`` (a narrow
    no-break space groups thousands). ``sign=True`` adds ``+`` to positive values
    and writes a true minus sign (U+2212) for negative ones; in Hebrew a signed
    number starts with a left-to-right mark (U+200E), so that right-to-left text
    shows ``+2.3``, not ``2.3+``.

    Example:
        >>> format_number("ru", 1234.5), format_number("en", 2.0), format_number("en", 0.25, 2)
        ('1\u202f234,5', '2', '0.25')
    """
    lang = normalize_locale(locale)
    if not math.isfinite(value):
        return "\u2014"
    rounded = round(value, digits)
    if rounded == 0:
        rounded = 0.0  # no "-0"
    text = f"{abs(rounded):,.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if lang == "ru":
        text = text.replace(",", _NBSP_NARROW).replace(".", ",")
    if rounded < 0:
        text = "\u2212" + text
    elif sign and rounded > 0:
        text = "+" + text
    return sign_first(lang, text)


def sign_first(locale: str, text: str) -> str:
    """*text*, a number as written, with a left-to-right mark first when it is signed in RTL.

    In right-to-left text a leading ``+`` or minus is laid out after the number
    (``2.3+``); the mark keeps the sign on the number's left, where it is read.
    """
    if normalize_locale(locale) in RTL_LOCALES and text.startswith(("+", "-", "\u2212")):
        return _LRM + text
    return text


@functools.cache
def messages(locale: str) -> Mapping[str, str | Mapping[str, str]]:
    """Every message of ``locale``, merged from its TOML files, by dotted key (loaded once)."""
    import tomllib  # not at import time: importing ssi_index reads no data

    lang = normalize_locale(locale)
    table: dict[str, str | Mapping[str, str]] = {}
    folder = resources.files("ssi_index").joinpath("locales", lang)
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".toml"):
            continue
        data = tomllib.loads(entry.read_text(encoding="utf-8"))
        _flatten(data, "", table, entry.name)
    return table


_PLURAL_KEYS: Final = frozenset({"zero", "one", "two", "few", "many", "other"})


def _flatten(
    data: Mapping[str, object], prefix: str, out: dict[str, str | Mapping[str, str]], where: str
) -> None:
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, str):
            out[name] = value
        elif isinstance(value, Mapping) and value and set(value) <= _PLURAL_KEYS:
            if "other" not in value or not all(isinstance(v, str) for v in value.values()):
                raise RuleError(f"{where}: plural message {name!r} needs string forms and 'other'")
            out[name] = dict(value)
        elif isinstance(value, Mapping):
            _flatten(value, f"{name}.", out, where)
        else:
            raise RuleError(f"{where}: {name!r}: expected a string or a table, found {value!r}")


def message(locale: str, key: str, /, **fields: object) -> str:
    """The message ``key`` in ``locale`` with its ``{fields}`` filled in.

    Raises:
        UnknownLocaleError: no texts for ``locale``.
        RuleError: no message ``key`` (the parity tests keep every key in every locale),
            or it is a plural message (use :func:`plural`).
    """
    text = messages(locale).get(key)
    if text is None:
        raise RuleError(f"no message {key!r} in locale {normalize_locale(locale)!r}")
    if not isinstance(text, str):
        raise RuleError(f"message {key!r} has plural forms; call plural() with a count")
    return text.format(**fields) if fields else text


def plural(locale: str, key: str, n: float, /, digits: int = 1, **fields: object) -> str:
    """The plural message ``key`` for the count ``n``, with ``{n}`` in the locale's number format.

    The form follows ``n`` as it is shown (rounded to *digits*).

    Example:
        >>> plural("en", "units.points", 1), plural("en", "units.points", 2.5)
        ('1 point', '2.5 points')
    """
    return _plural(locale, key, n, digits, False, fields)


def signed_plural(locale: str, key: str, n: float, /, digits: int = 1) -> str:
    """:func:`plural` with ``{n}`` signed (``+1 point``); the form follows its size.

    Example:
        >>> signed_plural("en", "units.points_number", 1)
        '+1 point'
        >>> signed_plural("ru", "units.points_number", -5)
        '−5 баллов'
    """
    return _plural(locale, key, n, digits, True, {})


def _plural(
    locale: str, key: str, n: float, digits: int, sign: bool, fields: Mapping[str, object]
) -> str:
    forms = messages(locale).get(key)
    if forms is None:
        raise RuleError(f"no message {key!r} in locale {normalize_locale(locale)!r}")
    shown_n = format_number(locale, n, digits, sign=sign)
    if isinstance(forms, str):
        return forms.format(n=shown_n, **fields)
    shown = abs(round(n, digits))
    category = plural_category(locale, int(shown) if float(shown).is_integer() else shown)
    text = forms.get(category, forms["other"])
    return text.format(n=shown_n, **fields)
