"""The rows of an export straight from a store's tables, without building snapshots.

An export (:mod:`ssi_index.analytics._export`) needs thirteen plain values per
snapshot, not a :class:`~ssi_index.Snapshot` with its :class:`~ssi_index.Score`
and groups. A store that can give them directly has ``iter_export_rows()``: it
yields lists of tuples in the order of ``EXPORT_COLUMNS`` (``profile``, ``day``
as ISO text, ``captured_at`` as ISO 8601 text in UTC or ``None``, ``source``,
``overall``, the four pillars, then the industry and network group's rank and
average, ``None`` where absent), exactly the values the export takes from the
snapshots the store's ``iter_snapshots()`` would give, in the same order.

For PostgreSQL the server formats the day and the capture time and picks each
row's first industry and network group; numbers come as the floats it keeps.

For SQLite the database does most of the work in C: it turns days into dates
(through their Julian day number: 1970-01-01 is 2440587.5), capture times into
ISO 8601 with ``+00:00`` (the ``Z`` the store writes replaced) and hundredths into floats (the same
IEEE division Python does); Python only reads each distinct packed group blob
once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, Final

from ssi_index._errors import StorageError

from ._packed import unpack_groups

if TYPE_CHECKING:
    import sqlite3

__all__ = ["ExportRow", "GroupCells", "postgres_export_rows", "sqlite_export_rows"]

ExportRow = tuple[Any, ...]
"""One row of export values, in the order of ``EXPORT_COLUMNS``."""

_NUMBER = "CASE typeof(s.{c}) WHEN 'integer' THEN s.{c} / 100.0 ELSE s.{c} END"
_NUMBERS = (
    "overall",
    "professional_brand",
    "find_right_people",
    "insight_engagement",
    "strong_relationship",
)
_FROM: Final = (
    ", s.groups FROM ssi_profiles AS p JOIN ssi_scores AS s ON s.profile_id = p.id "
    "WHERE p.profile >= ? AND p.profile <= ? ORDER BY p.profile, s.day"
)
_LEAD: Final = (
    "SELECT p.profile, date(s.day + 2440587.5), rtrim(s.captured, 'Z') || '+00:00', s.source, "
)
_SELECT: Final = _LEAD + ", ".join(_NUMBER.format(c=c) for c in _NUMBERS) + _FROM
_SELECT_RAW: Final = _LEAD + ", ".join(f"s.{c}" for c in _NUMBERS) + _FROM
_TEXTS: Final = tuple(repr(i / 100) for i in range(10_001))
"""``repr()`` of every number the table keeps in hundredths (0 to 100.00), by hundredths."""
_BATCH_ROWS: Final = 5_000  # rows read per step: about 2 MB, whatever the store's size
_CACHE_SIZE: Final = 65_536  # distinct group blobs kept (a few MB)
_NO_GROUPS: Final = (None, None, None, None)


class GroupCells(dict[bytes | None, tuple[Any, ...]]):
    """Maps a packed groups blob to its four export values, reading each blob once.

    The values are the rank and average of the first ``INDUSTRY`` group and of
    the first ``NETWORK`` group (``None`` where absent), as
    :attr:`ssi_index.Score.industry` and :attr:`ssi_index.Score.network` give them.

    Args:
        labels: The ``ssi_labels`` ids and texts read so far.
        reload: Reads ``ssi_labels`` again into *labels* (for an id not among them).
        text: Give the averages as the text ``repr()`` makes of them.
    """

    def __init__(
        self, labels: dict[int, str], reload: Callable[[], None], *, text: bool = False
    ) -> None:
        super().__init__({None: _NO_GROUPS})
        self._labels = labels
        self._reload = reload
        self._text = text

    def __missing__(self, blob: bytes | None) -> tuple[Any, ...]:
        assert blob is not None  # None is always present
        try:
            groups = unpack_groups(blob, self._labels)
        except KeyError:  # a label another connection added: read them again
            self._reload()
            try:
                groups = unpack_groups(blob, self._labels)
            except KeyError as err:
                raise StorageError(
                    f"expected comparison groups naming labels in ssi_labels, found "
                    f"the unknown label {err}: the table was changed outside ssi-index"
                ) from None
        industry = next((g for g in groups if g.kind == "INDUSTRY"), None)
        network = next((g for g in groups if g.kind == "NETWORK"), None)
        cells: tuple[Any, ...] = (
            *((None, None) if industry is None else (industry.rank, industry.average)),
            *((None, None) if network is None else (network.rank, network.average)),
        )
        if self._text:
            cells = tuple(repr(v) if type(v) is float else v for v in cells)
        if len(self) >= _CACHE_SIZE:
            self.clear()
            self[None] = _NO_GROUPS
        self[blob] = cells
        return cells


def _profile_ranges(profiles: list[str], counts: list[int]) -> Iterator[tuple[str, str]]:
    """Consecutive (first, last) profiles holding about :data:`_BATCH_ROWS` rows together."""
    start = 0
    total = 0
    for i, count in enumerate(counts):
        total += count
        if total >= _BATCH_ROWS:
            yield profiles[start], profiles[i]
            start, total = i + 1, 0
    if start < len(profiles):
        yield profiles[start], profiles[-1]


def _as_text(value: object) -> object:
    """A score column's value as ``repr()`` writes its float (hundredths or a real)."""
    return _TEXTS[value] if type(value) is int else repr(value)


def _text_rows(rows: list[Any], groups: GroupCells) -> list[ExportRow]:
    """Rows of :data:`_SELECT_RAW` with their numbers as the text ``repr()`` makes of them."""
    n = _TEXTS
    try:  # hundredths index the ready-made texts; a real (rare) raises TypeError
        return [
            (r[0], r[1], r[2], r[3], n[r[4]], n[r[5]], n[r[6]], n[r[7]], n[r[8]]) + groups[r[9]]
            for r in rows
        ]
    except TypeError:
        t = _as_text
        return [
            (r[0], r[1], r[2], r[3], t(r[4]), t(r[5]), t(r[6]), t(r[7]), t(r[8])) + groups[r[9]]
            for r in rows
        ]


def sqlite_export_rows(
    reading: Callable[[], Any], groups: GroupCells, *, text: bool = False
) -> Iterator[list[ExportRow]]:
    """Yield the export rows of a SQLite store, by profile and day, in lists.

    Args:
        reading: The store's ``_reading`` context manager (the lock and the connection).
        groups: The store's blob cache (made with the same *text*).
        text: Give the five scores and the two averages as the text ``repr()``
            makes of their floats (what a CSV cell holds), not as floats.

    Each list is read under the store's lock in one statement; a profile
    written or deleted between two lists shows as it was when its turn came.
    """
    with reading() as con:
        con_: sqlite3.Connection = con
        counted = con_.execute(
            "SELECT p.profile, count(*) FROM ssi_profiles AS p "
            "JOIN ssi_scores AS s ON s.profile_id = p.id GROUP BY p.id ORDER BY p.profile"
        ).fetchall()
    profiles = [row[0] for row in counted]
    counts = [row[1] for row in counted]
    del counted
    for low, high in _profile_ranges(profiles, counts):
        with reading() as con:
            rows = con.execute(_SELECT_RAW if text else _SELECT, (low, high)).fetchall()
            try:
                if text:
                    batch = _text_rows(rows, groups)
                else:
                    batch = [row[:9] + groups[row[9]] for row in rows]
            except (TypeError, IndexError) as err:
                raise StorageError(
                    f"expected rows written by ssi-index, found one it cannot read ({err!r}): "
                    "the table was changed outside ssi-index"
                ) from err
        del rows
        if batch:
            yield batch


_PG_COUNTS: Final = "SELECT profile, count(*) FROM ssi_snapshots GROUP BY profile ORDER BY profile"
_PG_GROUP: Final = (
    "LEFT JOIN LATERAL (SELECT rank, average FROM ssi_groups AS g "
    "WHERE g.profile = s.profile AND g.day = s.day AND g.kind = '{kind}' "
    "ORDER BY g.position LIMIT 1) AS {alias} ON true"
)
_PG_UTC: Final = "(s.captured_at AT TIME ZONE 'UTC')"
_PG_SELECT: Final = (
    "SELECT s.profile, to_char(s.day, 'YYYY-MM-DD'), "
    f"to_char({_PG_UTC}, 'YYYY-MM-DD\"T\"HH24:MI:SS') "
    f"|| CASE WHEN date_trunc('second', {_PG_UTC}) = {_PG_UTC} THEN '' "
    f"ELSE to_char({_PG_UTC}, '.US') END || '+00:00', "
    "s.source, s.overall, s.professional_brand, s.find_right_people, s.insight_engagement, "
    "s.strong_relationship, i.rank, i.average, n.rank, n.average FROM ssi_snapshots AS s "
    + _PG_GROUP.format(kind="INDUSTRY", alias="i")
    + " "
    + _PG_GROUP.format(kind="NETWORK", alias="n")
    + " WHERE s.profile >= %s AND s.profile <= %s ORDER BY s.profile, s.day"
)


def postgres_export_rows(using: Callable[[], Any]) -> Iterator[list[ExportRow]]:
    """Yield the export rows of a PostgreSQL store, by profile and day, in lists.

    Args:
        using: The store's connection in a context manager (its lock held).

    Profiles sort by code point (the columns are ``COLLATE "C"``), as
    ``iter_snapshots()`` has them; each list is one statement.
    """
    with using() as con:
        counted = con.execute(_PG_COUNTS).fetchall()
    profiles = [row[0] for row in counted]
    counts = [row[1] for row in counted]
    del counted
    for low, high in _profile_ranges(profiles, counts):
        with using() as con:
            batch: list[ExportRow] = con.execute(_PG_SELECT, (low, high)).fetchall()
        if batch:
            yield batch
