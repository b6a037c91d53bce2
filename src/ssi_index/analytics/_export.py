"""Export snapshots to CSV, JSON and pandas, with stable, documented columns."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable, Iterable
from typing import IO, TYPE_CHECKING, Final

from ssi_index._errors import AnalysisError
from ssi_index._model import Pillar
from ssi_index._optional import require
from ssi_index._snapshot import Snapshot

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "EXPORT_COLUMNS",
    "FORMULA_STARTS",
    "export_csv",
    "export_json",
    "neutralize",
    "restore",
    "to_dataframe",
]

EXPORT_COLUMNS: Final = (
    "profile",
    "day",
    "captured_at",
    "source",
    "overall",
    *(p.slug for p in Pillar),
    "industry_rank",
    "industry_average",
    "network_rank",
    "network_average",
)
"""The columns of every export, in order. New columns are only ever added at the end."""

_TEXT: Final = ("profile", "day", "captured_at", "source")
_NUMBERS: Final = tuple(c for c in EXPORT_COLUMNS if c not in _TEXT)

FileOrPath = str | os.PathLike[str] | IO[str]

FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet run a cell as a formula (OWASP's list)."""
_QUOTE: Final = "'"
_NEEDS_QUOTES: Final = frozenset(',"\r\n')


def neutralize(text: str) -> str:
    """Make a text cell inert in a spreadsheet: prefix ``'`` where it would run as a formula.

    A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
    gets a leading ``'`` (shown by spreadsheets as text); so does one already
    starting with ``'`` and the empty text, so :func:`restore` undoes it exactly.
    """
    if not text or text.startswith((*FORMULA_STARTS, _QUOTE)):
        return _QUOTE + text
    return text


def restore(cell: str) -> str:
    """Undo :func:`neutralize`: drop one leading ``'``."""
    return cell[1:] if cell.startswith(_QUOTE) else cell


def _cell(value: object, *, escape_formulas: bool) -> str:
    """One CSV cell: ``None`` empty, numbers in full, text neutralized and quoted as needed.

    Every cell holding a comma, a quote, a CR or an LF is quoted (the csv module
    leaves a lone CR unquoted when rows end in LF, which splits the row).
    """
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if escape_formulas:
        text = neutralize(text)
    if _NEEDS_QUOTES.isdisjoint(text):
        return text
    return '"' + text.replace('"', '""') + '"'


def _csv_line(row: dict[str, object], *, escape_formulas: bool) -> str:
    """One CSV line of *row* in :data:`EXPORT_COLUMNS` order, ending in LF."""
    return ",".join(_cell(row[c], escape_formulas=escape_formulas) for c in EXPORT_COLUMNS) + "\n"


def _values(snapshots: Iterable[Snapshot]) -> list[dict[str, object]]:
    """Return one dict per snapshot, keyed by :data:`EXPORT_COLUMNS`, in the given order.

    Values are native: ``day`` a date, ``captured_at`` a datetime or ``None``,
    ranks ints, scores floats; anything the source lacked is ``None``.
    """
    try:
        items = list(snapshots)
    except TypeError as err:
        raise AnalysisError(
            f"snapshots: expected an iterable of Snapshot, found {type(snapshots).__name__}"
        ) from err
    rows: list[dict[str, object]] = []
    for i, snap in enumerate(items):
        if not isinstance(snap, Snapshot):
            raise AnalysisError(f"snapshots[{i}]: expected a Snapshot, found {type(snap).__name__}")
        score = snap.score
        industry, network = score.industry, score.network
        row: dict[str, object] = {
            "profile": snap.profile,
            "day": snap.day,
            "captured_at": snap.captured_at,
            "source": snap.source,
            "overall": score.overall,
        }
        pillars = score.pillars
        row["professional_brand"] = pillars.professional_brand
        row["find_right_people"] = pillars.find_right_people
        row["insight_engagement"] = pillars.insight_engagement
        row["strong_relationship"] = pillars.strong_relationship
        row["industry_rank"] = None if industry is None else industry.rank
        row["industry_average"] = None if industry is None else industry.average
        row["network_rank"] = None if network is None else network.rank
        row["network_average"] = None if network is None else network.average
        rows.append(row)
    return rows


def _rows(snapshots: Iterable[Snapshot]) -> list[dict[str, object]]:
    """Return :func:`_values` with dates and times as ISO 8601 text, for CSV and JSON."""
    rows = _values(snapshots)
    for row in rows:
        for key in ("day", "captured_at"):
            value = row[key]
            if isinstance(value, dt.date):  # datetime is a date too
                row[key] = value.isoformat()
    return rows


def _write(file_or_path: FileOrPath, write: Callable[[IO[str]], None]) -> None:
    """Call ``write(stream)`` on an open text file, or on *file_or_path* opened for writing."""
    if isinstance(file_or_path, str | os.PathLike):
        with open(file_or_path, "w", encoding="utf-8", newline="") as stream:
            write(stream)
    else:
        write(file_or_path)


def export_csv(
    snapshots: Iterable[Snapshot], file_or_path: FileOrPath, *, escape_formulas: bool = True
) -> int:
    """Write snapshots to CSV, one row each, with a header of :data:`EXPORT_COLUMNS`.

    Columns: ``profile``, ``day`` (ISO date), ``captured_at`` (ISO 8601 in UTC),
    ``source``, ``overall``, the four pillars by slug (``professional_brand``,
    ``find_right_people``, ``insight_engagement``, ``strong_relationship``),
    ``industry_rank``, ``industry_average``, ``network_rank``, ``network_average``.
    Numbers are written in full (``float`` round-trips exactly); anything the
    source lacked is an empty cell, never 0. Rows keep the given order; any
    number of profiles may be mixed.

    Safe to open in a spreadsheet: a text cell (``profile``, ``source``) that
    would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a
    CR) is written with a leading ``'``, as are text cells already starting
    with ``'`` and empty ones, so :func:`ssi_index.import_history` reads the
    file back exactly; every cell holding a CR or an LF is quoted.

    Args:
        snapshots: The snapshots, e.g. ``store.history("me")``.
        file_or_path: A path (written as UTF-8, replacing the file) or a text
            file open for writing (open it with ``newline=""``).
        escape_formulas: ``False`` writes text cells exactly as they are, for
            programs that are not spreadsheets (a formula-like profile then
            stays live in a spreadsheet, and import reads a leading ``'`` as
            the escape).

    Returns:
        How many rows were written.

    Raises:
        AnalysisError: an item is not a Snapshot.
        OSError: the path cannot be opened for writing (as :func:`open` says).
    """
    rows = _rows(snapshots)

    def write(stream: IO[str]) -> None:
        stream.write(",".join(EXPORT_COLUMNS) + "\n")
        for row in rows:
            stream.write(_csv_line(row, escape_formulas=escape_formulas))

    _write(file_or_path, write)
    return len(rows)


def export_json(
    snapshots: Iterable[Snapshot], file_or_path: FileOrPath, *, indent: int | None = None
) -> int:
    """Write snapshots to JSON: an array of objects keyed by :data:`EXPORT_COLUMNS`.

    The same columns and order as :func:`export_csv`; a missing value is
    ``null``, never 0; ranks are integers, scores full-precision numbers.

    Args:
        snapshots: The snapshots, e.g. ``store.history("me")``.
        file_or_path: A path (written as UTF-8, replacing the file) or a text
            file open for writing.
        indent: Indent nested lines by this many spaces; ``None`` for one line.

    Returns:
        How many objects were written.

    Raises:
        AnalysisError: an item is not a Snapshot.
        OSError: the path cannot be opened for writing (as :func:`open` says).
    """
    rows = _rows(snapshots)

    def write(stream: IO[str]) -> None:
        json.dump(rows, stream, indent=indent, ensure_ascii=False, allow_nan=False)
        stream.write("\n")

    _write(file_or_path, write)
    return len(rows)


def to_dataframe(snapshots: Iterable[Snapshot]) -> pd.DataFrame:
    """Return the snapshots as a pandas DataFrame with :data:`EXPORT_COLUMNS`.

    Needs the ``pandas`` extra (``pip install 'ssi-index[pandas]'``). ``day`` is
    a datetime64 column (midnight), ``captured_at`` a UTC datetime64 column
    (``NaT`` when unknown), ``profile`` and ``source`` text, and every other
    column ``float64`` (ranks too), with ``NaN`` where the source lacked the
    value, never 0. Rows keep the given order.

    Raises:
        MissingDependencyError: pandas is not installed.
        AnalysisError: an item is not a Snapshot.
    """
    rows = _values(snapshots)
    pandas = require("pandas", "pandas")

    def column(name: str) -> list[object]:
        return [row[name] for row in rows]

    columns = {
        "profile": pandas.Series(column("profile"), dtype="object"),
        "day": pandas.to_datetime(pandas.Series(column("day"), dtype="object")),
        "captured_at": pandas.to_datetime(
            pandas.Series(column("captured_at"), dtype="object"), utc=True
        ),
        "source": pandas.Series(column("source"), dtype="object"),
    }
    for name in _NUMBERS:
        columns[name] = pandas.Series(column(name), dtype="float64")
    frame: pd.DataFrame = pandas.DataFrame(columns, columns=list(EXPORT_COLUMNS))
    return frame
