"""The row <-> value mapping shared by the SQL backends.

A snapshot is one row of ``ssi_snapshots`` (the total and the four pillars as
real columns) plus one row of ``ssi_groups`` per comparison group, numbered by
``position`` so the groups come back in the order they were put. Every missing
value is ``NULL``, never 0.

Reading builds values without running their validators again: the tables carry
``CHECK`` constraints with the model's own rules (pillars 0-25, total 0-100 and
within a point of the pillars, ranks 0-100 ...), so a row the database holds is
already a valid score; skipping the validators makes reading several times
quicker. ``tests/test_storage_rows.py`` checks that the fields this module sets
are exactly the model's fields.
"""

from __future__ import annotations

import collections
import datetime as dt
import functools
import itertools
import operator
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Final

from ssi_index._errors import StorageError
from ssi_index._model import GroupScore, Pillar, PillarScores, Score
from ssi_index._snapshot import Note, Snapshot

__all__ = [
    "GROUP_COLUMNS",
    "HISTORY_UNION",
    "HISTORY_UNION_GROUPS",
    "INT64_MAX",
    "PILLAR_COLUMNS",
    "SNAPSHOT_COLUMNS",
    "build_history",
    "build_history_union",
    "build_notes",
    "build_snapshots",
    "group_rows",
    "snapshot_row",
]

PILLAR_COLUMNS: Final = tuple(p.slug for p in Pillar)
"""The four pillar columns, in LinkedIn's order (``professional_brand`` ...)."""
SNAPSHOT_COLUMNS: Final = (
    "profile",
    "day",
    "captured_at",
    "source",
    "overall",
    *PILLAR_COLUMNS,
    "active_seat",
)
"""The columns of ``ssi_snapshots``, in order."""
GROUP_COLUMNS: Final = (
    "profile",
    "day",
    "position",
    "kind",
    "rank",
    "average",
    "size",
    "name",
    *PILLAR_COLUMNS,
)
"""The columns of ``ssi_groups``, in order."""
INT64_MAX: Final = 2**63 - 1
"""The largest group size both SQL backends can hold."""

_new = object.__new__


def _iso_time(value: dt.datetime | None) -> str | None:
    # Fixed width, always UTC (Snapshot normalises it), so text order is time order.
    return None if value is None else value.isoformat(timespec="microseconds")


def snapshot_row(snapshot: Snapshot, *, text: bool) -> tuple[Any, ...]:
    """Return *snapshot*'s ``ssi_snapshots`` row.

    Args:
        snapshot: The snapshot.
        text: Write days and times as ISO text and booleans as 0/1 (SQLite);
            otherwise keep them as Python values (PostgreSQL).
    """
    score = snapshot.score
    a, b, c, d = score.pillars._values
    seat = score.active_seat
    if text:
        return (
            snapshot.profile,
            snapshot.day.isoformat(),
            _iso_time(snapshot.captured_at),
            snapshot.source,
            score.overall,
            a,
            b,
            c,
            d,
            None if seat is None else int(seat),
        )
    return (
        snapshot.profile,
        snapshot.day,
        snapshot.captured_at,
        snapshot.source,
        score.overall,
        a,
        b,
        c,
        d,
        seat,
    )


def group_rows(snapshot: Snapshot, *, text: bool) -> Iterator[tuple[Any, ...]]:
    """Yield *snapshot*'s ``ssi_groups`` rows, numbered from 0 in order."""
    day: Any = snapshot.day.isoformat() if text else snapshot.day
    for position, group in enumerate(snapshot.score.groups):
        if group.size is not None and group.size > INT64_MAX:
            raise StorageError(
                f"{snapshot.profile} {snapshot.day}: groups[{position}].size: expected at most "
                f"{INT64_MAX}, found {group.size}"
            )
        pillars = group.pillars
        a, b, c, d = (None, None, None, None) if pillars is None else pillars._values
        yield (
            snapshot.profile,
            day,
            position,
            group.kind,
            group.rank,
            group.average,
            group.size,
            group.name,
            a,
            b,
            c,
            d,
        )


@functools.cache
def _setters() -> tuple[Callable[[Any, Any], None], ...]:
    """The slots' own setters, in field order: quicker than ``object.__setattr__`` by name."""
    fields = (
        (PillarScores, ("_values",)),
        (GroupScore, ("kind", "rank", "average", "size", "name", "pillars")),
        (Score, ("overall", "pillars", "groups", "active_seat")),
        (Snapshot, ("profile", "day", "captured_at", "source", "score")),
    )
    return tuple(getattr(cls, name).__set__ for cls, names in fields for name in names)


def _group_builder() -> Callable[[Sequence[Any], int], GroupScore]:
    values, kind, rank, average, size, name, pillars = _setters()[:7]

    def build(row: Sequence[Any], at: int) -> GroupScore:
        """Build a group from kind, rank, average, size, name and 4 pillars starting at *at*."""
        group: GroupScore = _new(GroupScore)
        kind(group, row[at])
        rank(group, row[at + 1])
        average(group, row[at + 2])
        size(group, row[at + 3])
        name(group, row[at + 4])
        if row[at + 5] is None:
            pillars(group, None)
        else:
            points: PillarScores = _new(PillarScores)
            values(points, tuple(row[at + 5 : at + 9]))
            pillars(group, points)
        return group

    return build


def _snapshot_builder(text: bool) -> Callable[[Sequence[Any], tuple[GroupScore, ...]], Snapshot]:
    setters = _setters()
    values = setters[0]
    overall, pillars, groups_, seat = setters[7:11]
    profile, day, captured_at, source, score_ = setters[11:16]
    date, time = dt.date.fromisoformat, dt.datetime.fromisoformat

    def build(row: Sequence[Any], groups: tuple[GroupScore, ...]) -> Snapshot:
        score: Score = _new(Score)
        overall(score, row[4])
        points: PillarScores = _new(PillarScores)
        values(points, tuple(row[5:9]))
        pillars(score, points)
        groups_(score, groups)
        seat(score, None if row[9] is None else bool(row[9]))
        snapshot: Snapshot = _new(Snapshot)
        profile(snapshot, row[0])
        captured = row[2]
        if text:
            day(snapshot, date(row[1]))
            captured_at(snapshot, None if captured is None else time(captured))
        else:
            day(snapshot, row[1])
            captured_at(snapshot, None if captured is None else captured.astimezone(dt.UTC))
        source(snapshot, row[3])
        score_(snapshot, score)
        return snapshot

    return build


def _unreadable(err: Exception) -> StorageError:
    return StorageError(
        f"expected rows written by ssi-index, found one it cannot read ({err}): "
        "the table was changed outside ssi-index"
    )


def build_snapshots(rows: Iterable[Sequence[Any]], *, text: bool) -> list[Snapshot]:
    """Build snapshots from joined rows.

    Each row is the ten ``ssi_snapshots`` columns followed by ``position`` and
    the other group columns (all ``NULL`` when the snapshot has no group), ordered
    by profile, day and position.

    Raises:
        StorageError: a row is not what ssi-index writes (a damaged or foreign table).
    """
    out: list[Snapshot] = []
    pending: Sequence[Any] | None = None
    groups: list[GroupScore] = []
    group, snapshot = _group_builder(), _snapshot_builder(text)
    try:
        for row in rows:
            if pending is not None and (row[0] != pending[0] or row[1] != pending[1]):
                out.append(snapshot(pending, tuple(groups)))
                groups = []
            pending = row
            if row[10] is not None:
                groups.append(group(row, 11))
        if pending is not None:
            out.append(snapshot(pending, tuple(groups)))
    except (ValueError, TypeError, IndexError, AttributeError) as err:
        raise _unreadable(err) from err
    return out


_SEATS: Final[dict[object, bool | None]] = {None: None, 0: False, 1: True}


def _each(setter: Callable[[Any, Any], None], items: Iterable[Any], values: Iterable[Any]) -> None:
    """Call *setter* on each item and its value, the loop running in C (no bytecode per item)."""
    collections.deque(map(setter, items, values), maxlen=0)


def _new_each(cls: type[Any], count: int) -> list[Any]:
    """*count* bare instances of *cls*, made without ``__init__``."""
    return list(map(_new, itertools.repeat(cls, count)))


def _build_groups(columns: Sequence[Sequence[Any]], count: int) -> list[GroupScore]:
    """Build *count* groups from the columns ``day``, ``kind`` ... and the four pillars.

    Equal groups (a history repeats the same industry, average and rank on many
    days) become one shared immutable :class:`~ssi_index.GroupScore` when that
    saves building at least half of them.
    """
    if not count:
        return []
    if count >= 8:
        first: dict[tuple[Any, ...], int] = {}
        # Each row's number, or the number of the first row equal to it.
        numbers = list(map(first.setdefault, zip(*columns[1:10], strict=True), itertools.count()))
        if len(first) * 2 <= count:
            rows = list(first.values())
            pick = operator.itemgetter(*rows) if len(rows) > 1 else lambda c: (c[rows[0]],)
            distinct = _make_groups([pick(column) for column in columns], len(rows))
            return list(map(dict(zip(rows, distinct, strict=True)).__getitem__, numbers))
    return _make_groups(columns, count)


def _make_groups(columns: Sequence[Sequence[Any]], count: int) -> list[GroupScore]:
    setters = _setters()
    values, kind, rank, average, size, name, pillars = setters[:7]
    groups = _new_each(GroupScore, count)
    for setter, column in zip((kind, rank, average, size, name), columns[1:6], strict=True):
        _each(setter, groups, column)
    first = columns[6]
    if first.count(None) == count:  # no group has pillar averages: the usual case
        _each(pillars, groups, itertools.repeat(None))
    else:
        points = _new_each(PillarScores, count)
        _each(values, points, zip(*columns[6:10], strict=True))
        _each(
            pillars, groups, [None if v is None else p for v, p in zip(first, points, strict=True)]
        )
    return groups


def build_history(
    rows: Sequence[Sequence[Any]], groups: Sequence[Sequence[Any]], *, text: bool
) -> list[Snapshot]:
    """Build one profile's snapshots from its rows and its groups' rows, column by column.

    The quick path of ``history()``: building whole columns with :func:`map` runs
    the loops in C, about a quarter quicker than building each snapshot in turn.
    Groups find their snapshot by day, so they need no profile column.

    Args:
        rows: The ten ``ssi_snapshots`` columns per snapshot, ordered by day.
        groups: ``day, kind, rank, average, size, name`` and the four pillars per
            group, ordered by day and position, read in the same transaction.
        text: Whether days and times are ISO text (SQLite).

    Raises:
        StorageError: a row is not what ssi-index writes (a damaged or foreign table).
    """
    if not rows:
        return []
    try:
        columns = list(zip(*rows, strict=True))
        group_columns = list(zip(*groups, strict=True)) if groups else [()] * 10
    except (ValueError, TypeError) as err:
        raise _unreadable(err) from err
    return _from_columns(columns, group_columns, text=text)


HISTORY_UNION: Final = (
    "day, NULL::integer AS position, captured_at, source AS text, overall AS number, "
    f"{', '.join(PILLAR_COLUMNS)}, active_seat, NULL::integer AS rank, NULL::bigint AS size, "
    "NULL::text AS name"
)
"""The snapshot half of the one-query history (PostgreSQL), a row per snapshot; see below."""
HISTORY_UNION_GROUPS: Final = (
    f"day, position, NULL, kind, average, {', '.join(PILLAR_COLUMNS)}, NULL, rank, size, name"
)
"""The group half, in the same columns: ``position`` is never ``NULL`` here."""
_second = operator.itemgetter(1)
_UNION_SNAPSHOT = (0, 2, 3, 4, 5, 6, 7, 8, 9)  # day, captured ... active_seat
_UNION_GROUP = (0, 3, 10, 4, 11, 12, 5, 6, 7, 8)  # day, kind, rank, average, size, name, pillars


def _union_key(row: Sequence[Any]) -> tuple[bool, Any, int]:
    return (row[1] is not None, row[0], row[1] or 0)


def _in_order(days: Sequence[Any], group_days: Sequence[Any], positions: Sequence[Any]) -> bool:
    """Whether the snapshots' days rise, and then the groups' (day, position) pairs do."""
    keys = list(zip(group_days, positions, strict=True))
    return all(map(operator.lt, days, days[1:])) and all(map(operator.lt, keys, keys[1:]))


def _union_columns(
    rows: Sequence[Sequence[Any]],
) -> tuple[int, Sequence[Sequence[Any]], Sequence[Sequence[Any]]]:
    """The snapshot count and the snapshot and group halves of *rows*, as columns."""
    count = list(map(_second, rows)).count(None)  # the snapshot rows: no position
    head = list(zip(*rows[:count], strict=True)) if count else [()] * 13
    tail = list(zip(*rows[count:], strict=True)) if count < len(rows) else [()] * 13
    return count, head, tail


def build_history_union(rows: Sequence[Sequence[Any]], profile: str) -> list[Snapshot]:
    """Build one profile's snapshots from one query's rows of both halves.

    The query has no ``ORDER BY``: sorting a year's 1,100 rows in the server cost
    more than checking here (about 0.1 ms) that the two index scans gave them in
    the order the build needs. Rows in another order are sorted here.

    Args:
        rows: Rows of :data:`HISTORY_UNION` and of :data:`HISTORY_UNION_GROUPS` (one
            statement, so one consistent view of both tables), best as PostgreSQL's
            append of the two index scans gives them: the snapshots by day, then the
            groups by day and position.
        profile: The profile they belong to.

    Raises:
        StorageError: a row is not what ssi-index writes (a damaged or foreign table),
            such as two rows for the same day or group position.
    """
    if not rows:
        return []
    try:
        count, head, tail = _union_columns(rows)
        if None in tail[1] or not _in_order(head[0], tail[0], tail[1]):
            count, head, tail = _union_columns(sorted(rows, key=_union_key))
            if not _in_order(head[0], tail[0], tail[1]):
                raise ValueError("expected one row per day and group position, found repeats")
        columns = [itertools.repeat(profile, count), *map(head.__getitem__, _UNION_SNAPSHOT)]
        group_columns: Sequence[Sequence[Any]] = list(map(tail.__getitem__, _UNION_GROUP))
    except (ValueError, TypeError, IndexError) as err:
        raise _unreadable(err) from err
    if not count:
        return []
    return _from_columns(columns, group_columns, text=False, count=count)


def _from_columns(
    columns: Sequence[Any],
    group_columns: Sequence[Sequence[Any]],
    *,
    text: bool,
    count: int | None = None,
) -> list[Snapshot]:
    """Build snapshots from the ten snapshot columns and the ten group columns."""
    setters = _setters()
    values, overall, pillars, groups_, seat = setters[0], *setters[7:11]
    profile, day, captured_at, source, score_ = setters[11:16]
    try:
        days = columns[1]
        if count is None:
            count = len(days)
        group_count = len(group_columns[0])
        # How many groups each snapshot has: their rows come in the same day order.
        per_day = collections.Counter(group_columns[0])
        sizes = list(map(per_day.get, days, itertools.repeat(0)))
        if sum(sizes) != group_count:  # groups without their snapshot (a damaged table)
            wanted = set(days)
            keep = [i for i, d in enumerate(group_columns[0]) if d in wanted]
            group_columns = [[column[i] for i in keep] for column in group_columns]
            group_count = len(keep)
        built = _build_groups(group_columns, group_count)
        ends = list(itertools.accumulate(sizes))
        chunks = list(map(tuple, map(built.__getitem__, map(slice, [0, *ends[:-1]], ends))))
        points = _new_each(PillarScores, count)
        _each(values, points, zip(*columns[5:9], strict=True))
        scores = _new_each(Score, count)
        _each(overall, scores, columns[4])
        _each(pillars, scores, points)
        _each(groups_, scores, chunks)
        _each(seat, scores, map(_SEATS.__getitem__, columns[9]))
        snapshots = _new_each(Snapshot, count)
        _each(profile, snapshots, columns[0])
        if text:
            time = dt.datetime.fromisoformat
            _each(day, snapshots, map(dt.date.fromisoformat, days))
            _each(captured_at, snapshots, [None if t is None else time(t) for t in columns[2]])
        else:
            utc = dt.UTC
            _each(day, snapshots, days)
            _each(
                captured_at,
                snapshots,
                [t if t is None or t.tzinfo is utc else t.astimezone(utc) for t in columns[2]],
            )
        _each(source, snapshots, columns[3])
        _each(score_, snapshots, scores)
    except (ValueError, TypeError, IndexError, AttributeError, KeyError) as err:
        raise _unreadable(err) from err
    return snapshots


def build_notes(rows: Iterable[Sequence[Any]], *, text: bool) -> list[Note]:
    """Build notes from ``(profile, day, text, pillar)`` rows (validated: notes are few)."""
    try:
        return [
            Note(
                profile=profile,
                day=dt.date.fromisoformat(day) if text else day,
                text=note,
                pillar=None if pillar is None else Pillar(pillar),
            )
            for profile, day, note, pillar in rows
        ]
    except (ValueError, TypeError) as err:
        raise StorageError(
            f"expected notes written by ssi-index, found one it cannot read: {err}"
        ) from err
