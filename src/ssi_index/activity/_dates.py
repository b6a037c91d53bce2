"""Day parsers for the date formats of LinkedIn's data export, one per file family.

Each export file writes its dates its own way (``05 Mar 2021``, ``3/14/26, 9:05 AM``,
``2026-07-20 10:25:25``, ``2022/01/16 02:51:39 UTC``, ``Fri Jul 03 16:00:58 UTC 2026``);
FORMATS.md section 1 lists them. A parser here takes one cell and answers the
calendar day written in it, or ``None``. Only the day is kept: times and zones are
dropped, so a cell is read as the day it shows (the export's times are UTC where
it says so, and of unknown zone elsewhere).

Every parser also accepts an ISO date (``2026-07-20``, ``2026-07-20T10:25:25Z``),
for files whose format varies. Parsing is linear in the cell and cached by the
part of the cell that names the day, so a file of a million rows costs about one
dictionary lookup per row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Final, Literal

__all__ = ["DateStyle", "DayParser", "parser_for"]

DateStyle = Literal["iso", "us", "dmy", "java"]
"""The date styles of the export's files."""


_MONTHS: Final = {
    name: i
    for i, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}
_LONG_MONTHS: Final = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _digits(text: str) -> int | None:
    return int(text) if text.isascii() and text.isdigit() else None


def _iso(cell: str) -> dt.date | None:
    """``YYYY-MM-DD`` or ``YYYY/MM/DD`` at the start of the cell, anything after."""
    head = cell[:10]
    if len(head) != 10 or head[4] not in "-/" or head[7] != head[4]:
        return None
    year, month, day = _digits(head[:4]), _digits(head[5:7]), _digits(head[8:10])
    if year is None or month is None or day is None:
        return None
    if len(cell) > 10 and cell[10] not in " T":
        return None
    return _date(year, month, day)


def _us(cell: str) -> dt.date | None:
    """``M/D/YY, h:mm AM`` or ``MM/DD/YYYY``: the US month-first date before the comma."""
    head = cell.split(",", 1)[0].split(" ", 1)[0]
    parts = head.split("/")
    if len(parts) != 3:
        return None
    month, day, year = (_digits(p) for p in parts)
    if month is None or day is None or year is None or len(parts[2]) not in (2, 4):
        return None
    if len(parts[2]) == 2:
        year += 2000
    return _date(year, month, day)


def _day_month_year(cell: str) -> dt.date | None:
    """``05 Mar 2021`` (also ``5 March 2021``)."""
    parts = cell.split()
    if len(parts) != 3:
        return None
    day, year = _digits(parts[0]), _digits(parts[2])
    name = parts[1].lower().rstrip(".")
    month = _MONTHS.get(name) or _LONG_MONTHS.get(name)
    if day is None or year is None or month is None:
        return None
    return _date(year, month, day)


def _java(cell: str) -> dt.date | None:
    """``Fri Jul 03 16:00:58 UTC 2026`` (Java's ``Date.toString``)."""
    parts = cell.split()
    if len(parts) != 6:
        return None
    month = _MONTHS.get(parts[1].lower())
    day, year = _digits(parts[2]), _digits(parts[5])
    if day is None or year is None or month is None:
        return None
    return _date(year, month, day)


class DayParser:
    """A day parser for one date style, with a cache keyed by the part of a cell naming the day.

    Call it with a cell. For the ISO style the cache key is the cell's first ten
    characters, which readers may look up in :attr:`cache` themselves
    (:attr:`prefix` is then 10) to skip a call per row.
    """

    __slots__ = ("_key", "_parse", "cache", "prefix")

    def __init__(
        self, parse: Callable[[str], dt.date | None], key: Callable[[str], str], prefix: int = 0
    ) -> None:
        self._parse = parse
        self._key = key
        self.cache: dict[str, dt.date | None] = {}
        self.prefix = prefix

    def __call__(self, cell: str) -> dt.date | None:
        k = self._key(cell)
        try:
            return self.cache[k]
        except KeyError:
            pass
        found = self._parse(k.strip())
        if found is None:
            found = _iso(k.strip())
        if len(self.cache) < 100_000:  # days, not rows: bounded however long the file
            self.cache[k] = found
        return found


def _prefix10(cell: str) -> str:
    return cell[:10]


def _before_comma(cell: str) -> str:
    return cell.split(",", 1)[0]


def _whole(cell: str) -> str:
    return cell


def _java_key(cell: str) -> str:
    # "Fri Jul 03 16:00:58 UTC 2026": the day is words 0-2 and the year; drop the time.
    parts = cell.split()
    if len(parts) == 6:
        parts[3] = "00:00:00"
        return " ".join(parts)
    return cell


def parser_for(style: DateStyle) -> DayParser:
    """Return a fresh (own-cache) day parser for a date style.

    Styles: ``"iso"`` (``2026-07-20 10:25:25``, ``2022/01/16 02:51:39 UTC``),
    ``"us"`` (``3/14/26, 9:05 AM``), ``"dmy"`` (``05 Mar 2021``) and ``"java"``
    (``Fri Jul 03 16:00:58 UTC 2026``). Each falls back to an ISO date.
    """
    if style == "iso":
        return DayParser(_iso, _prefix10, prefix=10)
    if style == "us":
        return DayParser(_us, _before_comma)
    if style == "dmy":
        return DayParser(_day_month_year, _whole)
    return DayParser(_java, _java_key)
