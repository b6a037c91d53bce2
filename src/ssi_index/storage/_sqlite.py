"""The embedded default store: one SQLite file, through the standard library's sqlite3."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Final, Self

from ssi_index._activity import Activity
from ssi_index._errors import StorageError
from ssi_index._html import History
from ssi_index._snapshot import Note, Snapshot

from . import _sqlite_activity as _activity_sql
from ._activity_common import check_activities
from ._common import (
    check_day,
    check_note,
    check_profile,
    check_profiles,
    check_range,
    check_snapshots,
    check_team,
    resolve,
    settle,
)
from ._rows import (
    GROUP_COLUMNS,
    SNAPSHOT_COLUMNS,
    build_history,
    build_notes,
    build_snapshots,
    group_rows,
    snapshot_row,
)

if TYPE_CHECKING:
    import sqlite3

__all__ = ["SCHEMA_VERSION", "SQLiteStore"]

SCHEMA_VERSION: Final = 2
"""The schema this version of ssi-index writes (``PRAGMA user_version``)."""

_HEADER: Final = b"SQLite format 3\x00"
_PILLAR_CHECK = "{c} REAL NOT NULL CHECK (typeof({c}) = 'real' AND {c} BETWEEN -0.0001 AND 25.0001)"
_GROUP_PILLAR_CHECK = (
    "{c} REAL CHECK ({c} IS NULL OR typeof({c}) = 'real' AND {c} BETWEEN -0.0001 AND 25.0001)"
)
_PILLARS = ("professional_brand", "find_right_people", "insight_engagement", "strong_relationship")

# Each migration takes the schema from version i to i + 1; never edit a released one.
_MIGRATIONS: Final = (
    f"""
    CREATE TABLE ssi_snapshots (
        profile TEXT NOT NULL CHECK (typeof(profile) = 'text' AND length(trim(profile)) > 0),
        day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        captured_at TEXT CHECK (captured_at IS NULL OR captured_at GLOB '*+00:00'),
        source TEXT CHECK (source IS NULL OR typeof(source) = 'text'),
        overall REAL NOT NULL CHECK (typeof(overall) = 'real'
                                     AND overall BETWEEN -0.0001 AND 100.0001),
        {", ".join(_PILLAR_CHECK.format(c=c) for c in _PILLARS)},
        active_seat INTEGER CHECK (active_seat IS NULL OR active_seat IN (0, 1)),
        PRIMARY KEY (profile, day),
        CHECK (abs(overall - ({" + ".join(_PILLARS)})) <= 1.0001)
    ) WITHOUT ROWID;
    CREATE TABLE ssi_groups (
        profile TEXT NOT NULL,
        day TEXT NOT NULL,
        position INTEGER NOT NULL CHECK (typeof(position) = 'integer' AND position >= 0),
        kind TEXT CHECK (kind IS NULL OR typeof(kind) = 'text'),
        rank INTEGER CHECK (rank IS NULL OR typeof(rank) = 'integer' AND rank BETWEEN 0 AND 100),
        average REAL CHECK (average IS NULL OR typeof(average) = 'real'
                            AND average BETWEEN -0.0001 AND 100.0001),
        size INTEGER CHECK (size IS NULL OR typeof(size) = 'integer' AND size >= 0),
        name TEXT CHECK (name IS NULL OR typeof(name) = 'text'),
        {", ".join(_GROUP_PILLAR_CHECK.format(c=c) for c in _PILLARS)},
        PRIMARY KEY (profile, day, position),
        FOREIGN KEY (profile, day) REFERENCES ssi_snapshots (profile, day) ON DELETE CASCADE,
        CHECK (({" IS NULL AND ".join(_PILLARS)} IS NULL)
               OR ({" IS NOT NULL AND ".join(_PILLARS)} IS NOT NULL))
    ) WITHOUT ROWID;
    CREATE TABLE ssi_notes (
        id INTEGER PRIMARY KEY,
        profile TEXT NOT NULL,
        day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        text TEXT NOT NULL,
        pillar TEXT CHECK (pillar IS NULL OR pillar IN (
            'PROFESSIONAL_BRAND', 'FIND_RIGHT_PEOPLE', 'INSIGHT_ENGAGEMENT', 'STRONG_RELATIONSHIP'))
    );
    CREATE INDEX ssi_notes_by_profile ON ssi_notes (profile, day, id);
    CREATE TABLE ssi_teams (
        profile TEXT PRIMARY KEY,
        team TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX ssi_teams_by_team ON ssi_teams (team, profile);
    """,
    _activity_sql.MIGRATION,
)

_S = ", ".join(f"s.{c}" for c in SNAPSHOT_COLUMNS)
_G = ", ".join(f"g.{c}" for c in GROUP_COLUMNS[2:])
_JOINED = (
    f"SELECT {_S}, {_G} FROM {{source}} "
    "LEFT JOIN ssi_groups AS g ON g.profile = s.profile AND g.day = s.day"
)
_INSERT_SNAPSHOT = (
    f"INSERT INTO ssi_snapshots ({', '.join(SNAPSHOT_COLUMNS)}) "
    f"VALUES ({', '.join('?' * len(SNAPSHOT_COLUMNS))})"
)
_INSERT_GROUP = (
    f"INSERT INTO ssi_groups ({', '.join(GROUP_COLUMNS)}) "
    f"VALUES ({', '.join('?' * len(GROUP_COLUMNS))})"
)
_STORED = (
    _JOINED.format(
        source="json_each(?) AS k JOIN ssi_snapshots AS s "
        "ON s.profile = json_extract(k.value, '$[0]') AND s.day = json_extract(k.value, '$[1]')"
    )
    + " ORDER BY s.profile, s.day, g.position"
)
_HISTORY = (
    f"SELECT {', '.join(SNAPSHOT_COLUMNS)} FROM ssi_snapshots "
    "WHERE profile = ? AND day BETWEEN ? AND ? ORDER BY day"
)
# The profile is known and the position is the order: only the day ties a group
# to its snapshot (fewer columns to fetch is most of what makes history() quick).
_HISTORY_GROUPS = (
    f"SELECT day, {', '.join(GROUP_COLUMNS[3:])} FROM ssi_groups "
    "WHERE profile = ? AND day BETWEEN ? AND ? ORDER BY day, position"
)
_GET = _JOINED.format(source="ssi_snapshots AS s") + (
    " WHERE s.profile = ? AND s.day = ? ORDER BY g.position"
)
# A loose index scan: walk the distinct profiles through the primary key, then
# take each one's newest day, instead of reading every row.
_LATEST_ALL = (
    _JOINED.format(
        source="""(
        WITH RECURSIVE p(profile) AS (
            SELECT min(profile) FROM ssi_snapshots
            UNION ALL
            SELECT (SELECT min(profile) FROM ssi_snapshots WHERE profile > p.profile)
            FROM p WHERE p.profile IS NOT NULL
        )
        SELECT p.profile AS profile,
               (SELECT max(day) FROM ssi_snapshots WHERE profile = p.profile) AS day
        FROM p WHERE p.profile IS NOT NULL
    ) AS n JOIN ssi_snapshots AS s ON s.profile = n.profile AND s.day = n.day"""
    )
    + " ORDER BY s.profile, g.position"
)
_LATEST_SOME = (
    _JOINED.format(
        source="""(
        SELECT k.value AS profile,
               (SELECT max(day) FROM ssi_snapshots WHERE profile = k.value) AS day
        FROM json_each(?) AS k
    ) AS n JOIN ssi_snapshots AS s ON s.profile = n.profile AND s.day = n.day"""
    )
    + " ORDER BY s.profile, g.position"
)


def _check_path(path: Path) -> None:
    """Refuse, before SQLite touches anything, a path that cannot be an ssi-index store."""
    if path.is_dir():
        raise StorageError(f"expected an SQLite file at {path}, found a directory")
    if path.exists():
        try:
            with path.open("rb") as file:
                header = file.read(len(_HEADER))
        except OSError as err:
            raise StorageError(f"cannot read the SQLite file {path}: {err}") from err
        if header and header != _HEADER:
            raise StorageError(
                f"expected an SQLite database at {path}, found a file that is not SQLite "
                f"(it starts with {header[:8]!r}); it was left untouched"
            )
        if not os.access(path, os.R_OK | os.W_OK):
            raise StorageError(f"cannot open {path} for writing: permission denied")
        return
    parent = path.parent
    if not parent.is_dir():
        what = "is not a directory" if parent.exists() else "does not exist"
        raise StorageError(f"cannot create the SQLite file {path}: its folder {parent} {what}")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise StorageError(f"cannot create the SQLite file {path}: its folder is not writable")


class SQLiteStore:
    """A :class:`~ssi_index.storage.SnapshotStore` in one SQLite file: the default store.

    Uses the standard library's :mod:`sqlite3` in WAL mode, so readers never wait
    for the writer and several processes can write to the same file (each write
    waits up to *timeout* seconds for the others). Every write is one
    transaction: a crash, even a ``SIGKILL``, leaves it wholly there or wholly absent.
    The schema carries a version (``PRAGMA user_version``) and is migrated
    forward when an older file is opened.

    Scores are stored as real columns (the total, the four pillars and one row per
    comparison group), so the file can be queried with plain SQL; see
    :doc:`/storage` for the tables.

    Args:
        path: The database file; created with its tables when missing (its folder
            must exist). ``":memory:"`` gives a private in-memory database.
        timeout: How long a write waits for another connection's write, in seconds.

    Raises:
        StorageError: the file is not SQLite, comes from a newer ssi-index, holds
            someone else's tables, or cannot be created or written. Nothing is
            changed in any of these cases.

    Example:
        >>> store = SQLiteStore(tmp_path / "ssi.db")  # doctest: +SKIP
    """

    def __init__(self, path: str | os.PathLike[str], *, timeout: float = 5.0) -> None:
        self._path = os.fspath(path)
        self._lock = threading.RLock()
        memory = self._path == ":memory:"
        if not memory:
            _check_path(Path(self._path))
        import sqlite3  # here, not at import time: ``import ssi_index`` stays light

        try:
            con = sqlite3.connect(
                self._path, timeout=timeout, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as err:
            raise StorageError(f"cannot open the SQLite file {self._path}: {err}") from err
        try:
            self._setup(con, memory=memory, timeout=timeout)
        except BaseException:
            con.close()
            raise
        self._con: sqlite3.Connection | None = con

    def _setup(self, con: sqlite3.Connection, *, memory: bool, timeout: float) -> None:
        import sqlite3

        try:
            version = con.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise StorageError(
                    f"{self._path} was written by a newer ssi-index (schema version {version}); "
                    f"this version reads up to {SCHEMA_VERSION}: upgrade ssi-index to open it. "
                    "The file was left untouched"
                )
            if version == 0:
                tables = [
                    row[0]
                    for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
                ]
                if tables:
                    raise StorageError(
                        f"expected an ssi-index store or an empty database at {self._path}, "
                        "found an SQLite database with other tables "
                        f"({', '.join(sorted(tables)[:5])}); "
                        "it was left untouched"
                    )
            con.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            con.execute("PRAGMA foreign_keys = ON")
            if not memory:
                mode = con.execute("PRAGMA journal_mode = WAL").fetchone()[0]
                if mode.lower() != "wal":  # pragma: no cover - a file system without shared memory
                    raise StorageError(
                        f"cannot use WAL mode for {self._path}: SQLite chose {mode!r}"
                    )
                con.execute("PRAGMA synchronous = NORMAL")
            if version < SCHEMA_VERSION:
                self._migrate(con)
        except sqlite3.DatabaseError as err:
            raise StorageError(f"cannot use {self._path} as an ssi-index store: {err}") from err

    def _migrate(self, con: sqlite3.Connection) -> None:
        con.execute("BEGIN IMMEDIATE")
        try:
            # Read again under the write lock: another process may have migrated meanwhile.
            version = con.execute("PRAGMA user_version").fetchone()[0]
            for step in range(version, SCHEMA_VERSION):
                for statement in _MIGRATIONS[step].split(";"):
                    if statement.strip():
                        con.execute(statement)
            con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise

    @property
    def path(self) -> str:
        """The database file (``":memory:"`` for an in-memory database)."""
        return self._path

    @contextlib.contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        import sqlite3

        with self._lock:
            if self._con is None:
                raise StorageError(
                    f"expected an open store, found SQLiteStore({self._path!r}) closed"
                )
            try:
                yield self._con
            except sqlite3.Error as err:
                raise StorageError(f"SQLite store {self._path}: {err}") from err

    @contextlib.contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        with self._reading() as con:
            con.execute("BEGIN IMMEDIATE")
            try:
                yield con
            except BaseException:
                con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")

    def put(self, snapshot: Snapshot) -> bool:
        """Store *snapshot*; see :meth:`ssi_index.storage.SnapshotStore.put`."""
        if not isinstance(snapshot, Snapshot):
            raise StorageError(f"put: expected a Snapshot, found {type(snapshot).__name__}")
        return self.put_many([snapshot]) == 1

    def put_many(self, snapshots: Iterable[Snapshot]) -> int:
        """Store a batch in one transaction; see :meth:`.SnapshotStore.put_many`."""
        batch = check_snapshots(snapshots)
        if not batch:
            return 0
        keys = json.dumps([[profile, day.isoformat()] for profile, day in batch])
        with self._writing() as con:
            stored = {
                (s.profile, s.day): s
                for s in build_snapshots(con.execute(_STORED, (keys,)), text=True)
            }
            written = 0
            replaced: list[tuple[str, str]] = []
            rows: list[tuple[object, ...]] = []
            groups: list[tuple[object, ...]] = []
            for key, chain in batch.items():
                old = stored.get(key)
                final, count = settle(chain) if old is None else resolve(old, chain)
                if not count or final is None:
                    continue
                written += count
                if key in stored:
                    replaced.append((key[0], key[1].isoformat()))
                rows.append(snapshot_row(final, text=True))
                if final.score.groups:
                    groups.extend(group_rows(final, text=True))
            if replaced:
                con.executemany("DELETE FROM ssi_snapshots WHERE profile = ? AND day = ?", replaced)
            con.executemany(_INSERT_SNAPSHOT, rows)
            if groups:
                con.executemany(_INSERT_GROUP, groups)
        return written

    def get(self, profile: str, day: dt.date) -> Snapshot | None:
        """Return the snapshot of *profile* on *day*, or ``None``."""
        check_day(day)
        with self._reading() as con:
            found = build_snapshots(con.execute(_GET, (profile, day.isoformat())), text=True)
        return found[0] if found else None

    def history(
        self, profile: str, since: dt.date | None = None, until: dt.date | None = None
    ) -> list[Snapshot]:
        """Return *profile*'s snapshots from *since* to *until* (inclusive), by day.

        The list is a :class:`~ssi_index.History`, which renders as a table in Jupyter.
        """
        low, high = check_range(since, until)
        args = (profile, low.isoformat(), high.isoformat())
        with self._reading() as con:
            con.execute("BEGIN")  # two queries, one consistent view of the file
            try:
                rows = con.execute(_HISTORY, args).fetchall()
                groups = con.execute(_HISTORY_GROUPS, args).fetchall() if rows else []
            finally:
                con.execute("ROLLBACK")
        return History(build_history(rows, groups, text=True))

    def latest(self, profiles: Iterable[str] | None = None) -> list[Snapshot]:
        """Return each profile's newest snapshot, sorted by profile."""
        wanted = check_profiles(profiles)
        with self._reading() as con:
            if wanted is None:
                rows = con.execute(_LATEST_ALL)
            else:
                rows = con.execute(_LATEST_SOME, (json.dumps(wanted),))
            return build_snapshots(rows, text=True)

    def profiles(self) -> list[str]:
        """Return every profile with at least one snapshot, sorted."""
        with self._reading() as con:
            return [
                row[0]
                for row in con.execute(
                    "SELECT DISTINCT profile FROM ssi_snapshots ORDER BY profile"
                )
            ]

    def delete_profile(self, profile: str) -> int:
        """Delete *profile*'s snapshots, notes and team; return how many snapshots went."""
        check_profile(profile)
        with self._writing() as con:
            count = con.execute("DELETE FROM ssi_snapshots WHERE profile = ?", (profile,)).rowcount
            con.execute("DELETE FROM ssi_notes WHERE profile = ?", (profile,))
            con.execute("DELETE FROM ssi_teams WHERE profile = ?", (profile,))
            _activity_sql.delete(con, profile)
        return count

    def add_note(self, note: Note) -> None:
        """Keep *note*."""
        check_note(note)
        with self._writing() as con:
            con.execute(
                "INSERT INTO ssi_notes (profile, day, text, pillar) VALUES (?, ?, ?, ?)",
                (
                    note.profile,
                    note.day.isoformat(),
                    note.text,
                    None if note.pillar is None else note.pillar.value,
                ),
            )

    def notes(
        self, profile: str, since: dt.date | None = None, until: dt.date | None = None
    ) -> list[Note]:
        """Return *profile*'s notes from *since* to *until* (inclusive), by day, then as added."""
        low, high = check_range(since, until)
        with self._reading() as con:
            rows = con.execute(
                "SELECT profile, day, text, pillar FROM ssi_notes "
                "WHERE profile = ? AND day BETWEEN ? AND ? ORDER BY day, id",
                (profile, low.isoformat(), high.isoformat()),
            )
            return build_notes(rows, text=True)

    def set_team(self, profile: str, team: str | None) -> None:
        """Put *profile* in *team* (leaving any other), or in none when *team* is ``None``."""
        check_profile(profile)
        check_team(team)
        with self._writing() as con:
            if team is None:
                con.execute("DELETE FROM ssi_teams WHERE profile = ?", (profile,))
            else:
                con.execute(
                    "INSERT INTO ssi_teams (profile, team) VALUES (?, ?) "
                    "ON CONFLICT (profile) DO UPDATE SET team = excluded.team",
                    (profile, team),
                )

    def team_members(self, team: str) -> list[str]:
        """Return the profiles in *team*, sorted."""
        with self._reading() as con:
            rows = con.execute(
                "SELECT profile FROM ssi_teams WHERE team = ? ORDER BY profile", (team,)
            )
            return [row[0] for row in rows]

    def close(self) -> None:
        """Close the file; later calls raise :class:`~ssi_index.StorageError`."""
        with self._lock:
            if self._con is not None:
                self._con.close()
                self._con = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- activities (storage/_sqlite_activity.py) ----------------------------------

    def put_activities(self, activities: Iterable[Activity]) -> int:
        """Store activity counts in one transaction; see :meth:`.SnapshotStore.put_activities`."""
        batch = check_activities(activities)
        if not batch:
            return 0
        with self._writing() as con:
            return _activity_sql.put(con, batch)

    def activities(
        self, profile: str, since: dt.date | None = None, until: dt.date | None = None
    ) -> list[Activity]:
        """Return *profile*'s activity counts from *since* to *until* (inclusive), by day."""
        low, high = check_range(since, until)
        with self._reading() as con:
            return _activity_sql.select(con, profile, low, high)

    def __repr__(self) -> str:
        state = " closed" if self._con is None else ""
        return f"<SQLiteStore {self._path!r}{state}>"
