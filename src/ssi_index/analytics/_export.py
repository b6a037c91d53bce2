"""Export snapshots to CSV, JSON and pandas, with stable, documented columns."""

from __future__ import annotations

import csv
import datetime as dt
import functools
import itertools
import json
import operator
import os
from collections.abc import Callable, Iterable, Iterator
from typing import IO, TYPE_CHECKING, Any, Final, TypeVar

from ssi_index._errors import AnalysisError
from ssi_index._gc import no_gc_pauses
from ssi_index._model import Pillar, Score
from ssi_index._optional import require
from ssi_index._snapshot import Snapshot

if TYPE_CHECKING:
    import pandas as pd

    from ssi_index.storage import SnapshotStore

    Snapshots = Iterable[Snapshot] | SnapshotStore
    """What an export reads: snapshots, or a whole store (streamed with ``iter_snapshots()``)."""

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


def _csv_line(values: tuple[object, ...], *, escape_formulas: bool) -> str:
    """One CSV line of *values* (in :data:`EXPORT_COLUMNS` order), ending in LF."""
    return ",".join([_cell(v, escape_formulas=escape_formulas) for v in values]) + "\n"


_NO_GROUP: Final = (None, None)
_CACHE_SIZE: Final = 4096


def _items(snapshots: Snapshots) -> Iterator[Snapshot]:
    """The snapshots to export, one at a time: a store's through its ``iter_snapshots()``."""
    stream = getattr(snapshots, "iter_snapshots", None)
    if callable(stream) and not isinstance(snapshots, list | tuple):
        items: Iterator[Snapshot] = stream()
        return items
    try:
        return iter(snapshots)  # type: ignore[arg-type]
    except TypeError as err:
        raise AnalysisError(
            "snapshots: expected an iterable of Snapshot or a store, "
            f"found {type(snapshots).__name__}"
        ) from err


_BATCH: Final = 1024  # snapshots taken apart per step when a source has no rows of its own
_first, _fourth = operator.itemgetter(0), operator.itemgetter(3)


def _store_rows(
    snapshots: Snapshots, *, text: bool = False
) -> Iterator[list[tuple[Any, ...]]] | None:
    """A store's own export rows (ISO dates and times), or ``None`` when it has none.

    A store with ``iter_export_rows()`` (the SQLite store) reads the export's
    values straight from its tables, in lists, with *text* its scores as the
    text ``repr()`` makes of them; any other source is exported through its
    snapshots.
    """
    fast = getattr(snapshots, "iter_export_rows", None)
    if not callable(fast) or isinstance(snapshots, list | tuple):
        return None
    rows: Iterator[list[tuple[Any, ...]]] = fast(text=text)
    return rows


def _batches(
    snapshots: Snapshots, *, iso: bool, text: bool = False
) -> Iterator[list[tuple[Any, ...]]]:
    """:func:`_tuples` a list at a time, or the store's own rows when it has them (*iso*).

    With *text* a store's rows may hold their scores as ``repr()`` text (for CSV).
    """
    if iso and (rows := _store_rows(snapshots, text=text)) is not None:
        return rows
    stream = _tuples(snapshots, iso=iso)
    return iter(lambda: list(itertools.islice(stream, _BATCH)), [])


def _score_values(score: object) -> tuple[object, ...]:
    """The nine numbers of a score's export columns, from ``overall`` to ``network_average``."""
    assert isinstance(score, Score)
    industry, network = score.industry, score.network
    pillars = score.pillars
    ind = _NO_GROUP if industry is None else (industry.rank, industry.average)
    net = _NO_GROUP if network is None else (network.rank, network.average)
    return (score.overall, *pillars._values, *ind, *net)


def _tuples(snapshots: Snapshots, *, iso: bool) -> Iterator[tuple[object, ...]]:
    """Yield one tuple of :data:`EXPORT_COLUMNS` per snapshot, in the given order, lazily.

    Values are native (``day`` a date, ``captured_at`` a datetime or ``None``),
    or with *iso* the two as ISO 8601 text; anything the source lacked is ``None``.
    Scores shared by several snapshots (a store hands out one object per distinct
    score) are taken apart once.
    """
    seen: dict[int, tuple[Score, tuple[object, ...]]] = {}
    for i, snap in enumerate(_items(snapshots)):
        if type(snap) is not Snapshot and not isinstance(snap, Snapshot):
            raise AnalysisError(f"snapshots[{i}]: expected a Snapshot, found {type(snap).__name__}")
        score = snap.score
        known = seen.get(id(score))
        if known is None or known[0] is not score:
            if len(seen) >= _CACHE_SIZE:
                seen.clear()
            known = seen[id(score)] = (score, _score_values(score))
        day, captured = snap.day, snap.captured_at
        if iso:
            yield (
                snap.profile,
                day.isoformat(),
                None if captured is None else captured.isoformat(),
                snap.source,
                *known[1],
            )
        else:
            yield (snap.profile, day, captured, snap.source, *known[1])


def _values(snapshots: Snapshots) -> Iterator[dict[str, object]]:
    """Yield one dict per snapshot, keyed by :data:`EXPORT_COLUMNS`, in the given order.

    Values are native: ``day`` a date, ``captured_at`` a datetime or ``None``,
    ranks ints, scores floats; anything the source lacked is ``None``.
    """
    columns = EXPORT_COLUMNS
    for values in _tuples(snapshots, iso=False):
        yield dict(zip(columns, values, strict=True))


def _rows(snapshots: Snapshots) -> Iterator[dict[str, object]]:
    """:func:`_values` with dates and times as ISO 8601 text, for CSV and JSON, lazily."""
    columns = EXPORT_COLUMNS
    for batch in _batches(snapshots, iso=True):
        for values in batch:
            yield dict(zip(columns, values, strict=True))


def _plain(text: object, *, escape_formulas: bool) -> bool:
    """Whether :mod:`csv` writes the text cell *text* exactly as :func:`_cell` does.

    It does for ``None`` and for text that :func:`neutralize` leaves alone (or
    any text, with *escape_formulas* off) holding no CR: the csv module quotes
    a cell holding a comma, a quote or an LF as :func:`_cell` does, but leaves a
    lone CR unquoted.
    """
    if text is None:
        return True
    if not isinstance(text, str) or "\r" in text:
        return False
    return not escape_formulas or neutralize(text) == text


def _mixed_line(row: tuple[Any, ...], *, escape_formulas: bool) -> str:
    """:func:`_csv_line` of a row whose numbers may be given as their text already."""
    texts = [_cell(v, escape_formulas=escape_formulas) for v in row[:4]]
    numbers = ["" if v is None else str(v) for v in row[4:]]  # str(float) is repr
    return ",".join(texts + numbers) + "\n"


def _write_csv_rows(
    stream: IO[str], batches: Iterable[list[tuple[Any, ...]]], *, escape_formulas: bool
) -> int:
    """Write each batch's rows as CSV lines; return how many.

    A batch whose text cells are all :func:`_plain` (nearly always: the dates,
    times and numbers are) goes through :mod:`csv` in C, which writes ``None``
    empty, floats by ``repr`` and ints by ``str``, as :func:`_cell` does; any
    other batch is written cell by cell with :func:`_cell`.
    """
    writer = csv.writer(stream, lineterminator="\n")
    plain: dict[object, bool] = {}
    count = 0
    for batch in batches:
        texts = set(map(_first, batch))
        texts.update(map(_fourth, batch))
        new = texts - plain.keys()
        if len(plain) + len(new) > _CACHE_SIZE:  # keep the memory bounded, never this batch's
            plain.clear()
            new = texts
        for text in new:
            plain[text] = _plain(text, escape_formulas=escape_formulas)
        if all(map(plain.__getitem__, texts)):
            writer.writerows(batch)
        else:
            stream.writelines(_mixed_line(row, escape_formulas=escape_formulas) for row in batch)
        count += len(batch)
    return count


_Row = TypeVar("_Row")


class _Counted(Iterator[_Row]):
    """Passes rows through, counting them."""

    def __init__(self, rows: Iterator[_Row]) -> None:
        self._rows = rows
        self.count = 0

    def __next__(self) -> _Row:
        row = next(self._rows)
        self.count += 1
        return row


def _json_array(rows: Iterable[dict[str, object]], stream: IO[str], indent: int | None) -> None:
    """Write *rows* exactly as ``json.dump(list(rows), indent=indent)`` would, a row at a time."""
    dump = functools.partial(json.dumps, ensure_ascii=False, allow_nan=False, indent=indent)
    first = True
    if indent is None:
        for row in rows:
            stream.write(("[" if first else ", ") + dump(row))
            first = False
        end = "]"
    else:  # json strings hold no raw newline: every one is the layout's, to indent once more
        pad = "\n" + " " * indent
        for row in rows:
            stream.write(("[" if first else ",") + pad + dump(row).replace("\n", pad))
            first = False
        end = "\n]"
    stream.write("[]" if first else end)


def _write(file_or_path: FileOrPath, write: Callable[[IO[str]], None]) -> None:
    """Call ``write(stream)`` on an open text file, or on *file_or_path* opened for writing."""
    if isinstance(file_or_path, str | os.PathLike):
        with open(file_or_path, "w", encoding="utf-8", newline="") as stream:
            write(stream)
    else:
        write(file_or_path)


def export_csv(
    snapshots: Snapshots, file_or_path: FileOrPath, *, escape_formulas: bool = True
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
    batches = _batches(snapshots, iso=True, text=True)
    count = 0

    def write(stream: IO[str]) -> None:
        nonlocal count
        stream.write(",".join(EXPORT_COLUMNS) + "\n")
        count = _write_csv_rows(stream, batches, escape_formulas=escape_formulas)

    with no_gc_pauses():  # a row's objects form no cycles: nothing for the collector
        _write(file_or_path, write)
    return count


def export_json(
    snapshots: Snapshots, file_or_path: FileOrPath, *, indent: int | None = None
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
    rows = _Counted(_rows(snapshots))

    def write(stream: IO[str]) -> None:
        _json_array(rows, stream, indent)
        stream.write("\n")

    with no_gc_pauses():  # a row's objects form no cycles: nothing for the collector
        _write(file_or_path, write)
    return rows.count


def _native_times(
    days: list[Any], captured: list[Any], pandas: Any, numpy: Any
) -> tuple[Any, pd.Series[Any]]:
    """The day (a datetime64[D] array) and capture time (a UTC Series) of native values."""
    epoch = dt.date(1970, 1, 1).toordinal()
    day_numbers = numpy.fromiter(map(dt.date.toordinal, days), dtype=numpy.int64, count=len(days))
    day_numbers -= epoch
    utc_epoch = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    micro = dt.timedelta(microseconds=1)
    nat = numpy.iinfo(numpy.int64).min  # numpy's NaT
    repeat = itertools.repeat
    if any(map(operator.is_, captured, repeat(None))):
        micros: Iterable[int] = [nat if t is None else (t - utc_epoch) // micro for t in captured]
    else:
        micros = map(
            operator.floordiv, map(operator.sub, captured, repeat(utc_epoch)), repeat(micro)
        )
    times = numpy.fromiter(micros, dtype=numpy.int64, count=len(captured))
    series: pd.Series[Any] = pandas.Series(
        times.view("datetime64[us]").astype("datetime64[ns]")
    ).dt.tz_localize("UTC")
    return day_numbers.astype("datetime64[D]"), series


def to_dataframe(snapshots: Snapshots) -> pd.DataFrame:
    """Return the snapshots as a pandas DataFrame with :data:`EXPORT_COLUMNS`.

    Needs the ``pandas`` extra (``pip install 'ssi-index[pandas]'``). ``day`` is
    a datetime64 column (midnight), ``captured_at`` a UTC datetime64 column
    (``NaT`` when unknown), ``profile`` and ``source`` text, and every other
    column ``float64`` (ranks too), with ``NaN`` where the source lacked the
    value, never 0. Rows keep the given order.

    Args:
        snapshots: The snapshots, e.g. ``store.history("me")``, or a whole store,
            read with its ``iter_snapshots()`` without a second copy in memory.

    Raises:
        MissingDependencyError: pandas is not installed.
        AnalysisError: an item is not a Snapshot.
    """
    pandas = require("pandas", "pandas")
    import numpy

    # A chunk of rows at a time, each transposed in C: no Python loop per value, and
    # never a second copy of the whole store as row tuples. A store's own rows hold
    # the day and the capture time as ISO text, which numpy and pandas parse in C.
    fast = _store_rows(snapshots)
    batches = fast if fast is not None else _batches(snapshots, iso=False)
    columns: list[list[Any]] = [[] for _ in EXPORT_COLUMNS]
    with no_gc_pauses():
        for chunk in batches:
            for column, values in zip(columns, zip(*chunk, strict=True), strict=True):
                column.extend(values)
    profiles, days, captured, sources = columns[:4]
    if fast is not None:
        day_values = numpy.array(days, dtype="datetime64[D]")
        captured_at = pandas.Series(
            pandas.to_datetime(pandas.Series(captured, dtype="object"), utc=True, format="ISO8601")
        ).astype("datetime64[ns, UTC]")
    else:
        day_values, captured_at = _native_times(days, captured, pandas, numpy)
    data = {
        "profile": pandas.Series(profiles, dtype="object"),
        "day": pandas.Series(day_values.astype("datetime64[ns]")),
        "captured_at": captured_at,
        "source": pandas.Series(sources, dtype="object"),
    }
    for name, column in zip(EXPORT_COLUMNS[4:], columns[4:], strict=True):
        data[name] = pandas.Series(numpy.array(column, dtype="float64"), dtype="float64")
    del columns
    frame: pd.DataFrame = pandas.DataFrame(data, columns=list(EXPORT_COLUMNS))
    return frame
