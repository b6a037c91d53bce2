"""The embedded default store: one SQLite file, through the standard library's sqlite3."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import stat
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Final, Self

from ssi_index._activity import Activity
from ssi_index._errors import Phrase, StorageError
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
    check_timeout,
    no_gc_pauses,
    resolve,
    settle,
)
from ._export_rows import ExportRow, GroupCells, sqlite_export_rows
from ._packed import EPOCH_DAYS, decode_day, decode_number
from ._rows import build_notes
from ._sqlite_rows import COLUMNS, HISTORY_COLUMNS, Decoder
from ._sqlite_schema import (
    INSERT_SCORE,
    SCHEMA_VERSION,
    Labels,
    migrate,
    required_tables,
    score_rows,
)
from ._team_rows import TeamLatest, team_latest

if TYPE_CHECKING:
    import sqlite3


__all__ = ["SCHEMA_VERSION", "SQLiteStore"]

_HEADER: Final = b"SQLite format 3\x00"
_ID = "(SELECT id FROM ssi_profiles WHERE profile = ?)"
_RANGE = f"FROM ssi_scores WHERE profile_id = {_ID} AND day BETWEEN ? AND ? ORDER BY day"
_HISTORY = f"SELECT {HISTORY_COLUMNS} {_RANGE}"
_HISTORY_ROWS = f"SELECT {COLUMNS} {_RANGE}"  # when a number is not in hundredths
_GET = f"SELECT {COLUMNS} FROM ssi_scores WHERE profile_id = {_ID} AND day = ?"
_NEWEST = (
    "JOIN ssi_scores AS s ON s.profile_id = p.id "
    "AND s.day = (SELECT max(day) FROM ssi_scores WHERE profile_id = p.id)"
)
_S = ", ".join(f"s.{c.strip()}" for c in COLUMNS.split(","))
_LATEST_ALL = f"SELECT p.profile, {_S} FROM ssi_profiles AS p {_NEWEST} ORDER BY p.profile"
_LATEST_SOME = (
    f"SELECT p.profile, {_S} FROM json_each(?) AS k "
    f"JOIN ssi_profiles AS p ON p.profile = k.value {_NEWEST} ORDER BY p.profile"
)
_STORED = (
    f"SELECT p.profile, {_S} FROM json_each(?) AS k "
    "JOIN ssi_scores AS s ON s.profile_id = json_extract(k.value, '$[0]') "
    "AND s.day = json_extract(k.value, '$[1]') JOIN ssi_profiles AS p ON p.id = s.profile_id"
)
_TEAM_LATEST = (
    "SELECT t.profile, s.day, s.overall, s.professional_brand, s.find_right_people, "
    "s.insight_engagement, s.strong_relationship FROM ssi_teams AS t "
    "LEFT JOIN ssi_profiles AS p ON p.profile = t.profile "
    "LEFT JOIN ssi_scores AS s ON s.profile_id = p.id "
    "AND s.day = (SELECT max(day) FROM ssi_scores WHERE profile_id = p.id) "
    "WHERE t.team = ? ORDER BY t.profile"
)
_PROFILES = (
    "SELECT profile FROM ssi_profiles AS p "
    "WHERE EXISTS (SELECT 1 FROM ssi_scores WHERE profile_id = p.id) ORDER BY profile"
)
_CACHE_SIZE: Final = 100_000  # profile ids kept between writes


def _check_path(path: Path) -> None:
    """Refuse, before SQLite touches anything, a path that cannot be an ssi-index store.

    Only a regular file (or a symbolic link to one) is opened: a FIFO, a device
    or a socket would block or be read forever.
    """
    try:
        info = path.stat()
    except (FileNotFoundError, NotADirectoryError):
        info = None
    except OSError as err:
        raise StorageError(
            f"cannot use {path} as an SQLite file: {err.strerror}",
            key="sqlite.unusable",
            params={"path": str(path), "reason": err},
        ) from None
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise StorageError(
                f"expected an SQLite file at {path}, found a directory",
                key="sqlite.directory",
                params={"path": str(path)},
            )
        if not stat.S_ISREG(info.st_mode):
            raise StorageError(
                f"expected a regular SQLite file at {path}, found {_kind(info.st_mode)}; "
                "it was left untouched",
                key="sqlite.not_regular",
                params={
                    "path": str(path),
                    "kind": Phrase(f"sqlite.kind.mode_{stat.S_IFMT(info.st_mode):o}"),
                },
            )
        try:
            with path.open("rb") as file:
                header = file.read(len(_HEADER))
        except OSError as err:
            raise StorageError(
                f"cannot read the SQLite file {path}: {err.strerror}",
                key="sqlite.unreadable",
                params={"path": str(path), "reason": err},
            ) from None
        if header and header != _HEADER:
            raise StorageError(
                f"expected an SQLite database at {path}, found a file that is not SQLite "
                f"(it starts with {header[:8]!r}); it was left untouched",
                key="sqlite.not_sqlite",
                params={"path": str(path), "start": repr(header[:8])},
            )
        if not os.access(path, os.R_OK | os.W_OK):
            raise StorageError(
                f"cannot open {path} for writing: permission denied",
                key="sqlite.read_only",
                params={"path": str(path)},
            )
        return
    parent = path.parent
    if not parent.is_dir():
        what = "is not a directory" if parent.exists() else "does not exist"
        raise StorageError(
            f"cannot create the SQLite file {path}: its folder {parent} {what}",
            key="sqlite.no_folder" if parent.exists() else "sqlite.missing_folder",
            params={"path": str(path), "folder": str(parent)},
        )
    if not os.access(parent, os.W_OK | os.X_OK):
        raise StorageError(
            f"cannot create the SQLite file {path}: its folder is not writable",
            key="sqlite.folder_read_only",
            params={"path": str(path)},
        )


def _kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return name
    return "a file that is not a regular file"  # pragma: no cover - no other kinds on POSIX


def _checked_path(path: object) -> str:
    """Return *path* as text SQLite can open, or raise :class:`StorageError` saying why not."""
    try:
        text = os.fspath(path)  # type: ignore[call-overload]
    except TypeError:
        raise StorageError(
            f"expected a path to an SQLite file, found {type(path).__name__}"
        ) from None
    if not isinstance(text, str):
        raise StorageError(f"expected a text path to an SQLite file, found bytes {text!r}")
    if "\x00" in text:
        raise StorageError(f"expected a path without NUL characters, found {text!r}")
    try:
        os.fsencode(text)
        text.encode("utf-8", "surrogatepass")
    except UnicodeError:
        raise StorageError(f"expected a path the file system can encode, found {text!a}") from None
    return text


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
        self._path = _checked_path(path)
        self._lock = threading.RLock()
        self._con: sqlite3.Connection | None = None
        self._labels = Labels()
        self._decoder = Decoder(self._labels.texts, self._reload_labels)
        self._ids: dict[str, int] = {}
        self._data_version: int | None = None
        timeout = check_timeout(timeout)
        memory = self._path == ":memory:"
        if not memory:
            _check_path(Path(self._path))
        import sqlite3  # here, not at import time: ``import ssi_index`` stays light

        try:
            con = sqlite3.connect(
                self._path, timeout=timeout, isolation_level=None, check_same_thread=False
            )
        except (sqlite3.Error, OSError, ValueError, UnicodeError) as err:
            raise StorageError(
                f"cannot open the SQLite file {self._path}: {err}",
                key="sqlite.cannot_open",
                params={"path": str(self._path), "reason": str(err)},
            ) from err
        try:
            self._setup(con, memory=memory, timeout=timeout)
        except BaseException:
            con.close()
            raise
        self._con = con

    def _setup(self, con: sqlite3.Connection, *, memory: bool, timeout: float) -> None:
        import sqlite3

        try:
            # Only reads until the file is known to be ours: nothing may change a
            # file that is not (WAL mode alone rewrites its header).
            version = con.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise StorageError(
                    f"{self._path} was written by a newer ssi-index (schema version {version}); "
                    f"this version reads up to {SCHEMA_VERSION}: upgrade ssi-index to open it. "
                    "The file was left untouched",
                    key="sqlite.newer",
                    params={"path": str(self._path), "version": version, "ours": SCHEMA_VERSION},
                )
            tables = {
                row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            if version == 0 and tables:
                raise StorageError(
                    f"expected an ssi-index store or an empty database at {self._path}, "
                    "found an SQLite database with other tables "
                    f"({', '.join(sorted(tables)[:5])}); "
                    "it was left untouched",
                    key="sqlite.foreign",
                    params={"path": str(self._path), "tables": tuple(sorted(tables)[:5])},
                )
            missing = required_tables(version) - tables
            if missing:
                raise StorageError(
                    f"expected an ssi-index store at {self._path} (schema version {version} "
                    f"has the tables {', '.join(sorted(required_tables(version)))}), found "
                    f"an SQLite database without {', '.join(sorted(missing))}: another "
                    "application's file? It was left untouched",
                    key="sqlite.incomplete",
                    params={
                        "path": str(self._path),
                        "version": version,
                        "tables": tuple(sorted(required_tables(version))),
                        "missing": tuple(sorted(missing)),
                    },
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
            raise StorageError(
                f"cannot use {self._path} as an ssi-index store: {err}",
                key="sqlite.cannot_use",
                params={"path": str(self._path), "reason": str(err)},
            ) from err

    def _migrate(self, con: sqlite3.Connection) -> None:
        con.execute("BEGIN IMMEDIATE")
        try:
            # Read again under the write lock: another process may have migrated meanwhile.
            version = con.execute("PRAGMA user_version").fetchone()[0]
            if version < SCHEMA_VERSION:
                migrate(con, version)
                con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            con.execute("COMMIT")
        except (ValueError, TypeError, OverflowError, StorageError) as err:
            con.execute("ROLLBACK")
            raise StorageError(
                f"cannot migrate {self._path} to schema version {SCHEMA_VERSION}: it holds a "
                f"row ssi-index cannot read ({err}); the file was left as it was"
            ) from err
        except BaseException:
            con.execute("ROLLBACK")
            raise

    @property
    def path(self) -> str:
        """The database file (``":memory:"`` for an in-memory database)."""
        return self._path

    def _reload_labels(self) -> None:
        assert self._con is not None
        self._labels.reload(self._con)

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
                # Another connection's commit may have deleted (and renumbered) profiles.
                seen = con.execute("PRAGMA data_version").fetchone()[0]
                if seen != self._data_version or len(self._ids) > _CACHE_SIZE:
                    self._ids.clear()
                    self._data_version = seen
                yield con
            except BaseException:
                con.execute("ROLLBACK")
                # Ids handed out in the rolled-back transaction no longer exist.
                self._ids.clear()
                self._labels.forget()
                self._decoder.forget()
                raise
            con.execute("COMMIT")

    def _profile_ids(self, con: sqlite3.Connection, profiles: Iterable[str]) -> dict[str, int]:
        """The ids of *profiles* in ssi_profiles, adding the new ones (in a write)."""
        ids = self._ids
        new = [p for p in profiles if p not in ids]
        if new:
            con.executemany(
                "INSERT OR IGNORE INTO ssi_profiles (profile) VALUES (?)", [(p,) for p in new]
            )
            ids.update(
                (profile, key)
                for key, profile in con.execute(
                    "SELECT p.id, p.profile FROM json_each(?) AS k "
                    "JOIN ssi_profiles AS p ON p.profile = k.value",
                    (json.dumps(new),),
                )
            )
        return ids

    def put(self, snapshot: Snapshot) -> bool:
        """Store *snapshot*; see :meth:`ssi_index.storage.SnapshotStore.put`."""
        if not isinstance(snapshot, Snapshot):
            raise StorageError(f"put: expected a Snapshot, found {type(snapshot).__name__}")
        return self.put_many([snapshot]) == 1

    def put_many(self, snapshots: Iterable[Snapshot]) -> int:
        """Store a batch in one transaction; see :meth:`.SnapshotStore.put_many`.

        New days, the usual case, are inserted at once; only when some of the
        batch's days are already stored are those read back and the replacement
        rule applied to them.
        """
        with no_gc_pauses():
            return self._put_many(snapshots)

    def _put_many(self, snapshots: Iterable[Snapshot]) -> int:
        # Every id in self._ids passed check_profile() when this store first wrote it.
        batch = check_snapshots(snapshots, self._ids)
        if not batch:
            return 0
        with self._writing() as con:
            # New profiles are numbered in the batch's order (not a set's), so the
            # ids of a batch that comes sorted by name follow one another.
            ids = self._profile_ids(con, dict.fromkeys([profile for profile, _ in batch]))
            labels = self._labels

            known = labels.ids

            def label(text: str) -> int:
                found = known.get(text)
                return labels.id(con, text) if found is None else found

            pairs: list[tuple[int, Snapshot]] = []
            written = 0
            append = pairs.append
            for (profile, _), chain in batch.items():
                if len(chain) == 1:  # the usual case: settle() without the call
                    written += 1
                    append((ids[profile], chain[0]))
                else:
                    final, count = settle(chain)
                    written += count
                    append((ids[profile], final))
            rows = score_rows(pairs, label)
            # In key order, each insert lands beside the one before it in the b-tree:
            # about a fifth less work for SQLite than in the batch's own order. Rows
            # start with (profile id, day), unique in a batch, so no later field is compared.
            rows.sort()
            con.execute("SAVEPOINT ssi_new")
            before = con.total_changes
            con.executemany("INSERT OR IGNORE" + INSERT_SCORE[len("INSERT") :], rows)
            if con.total_changes - before == len(rows):
                con.execute("RELEASE ssi_new")
                return written
            # Some days were stored already: undo, and settle each day with what is stored.
            con.execute("ROLLBACK TO ssi_new")
            con.execute("RELEASE ssi_new")
            return self._merge(con, batch, ids, label)

    def _merge(
        self,
        con: sqlite3.Connection,
        batch: dict[tuple[str, dt.date], list[Snapshot]],
        ids: dict[str, int],
        label: Callable[[str], int],
    ) -> int:
        keys = json.dumps([[ids[p], d.toordinal() - EPOCH_DAYS] for p, d in batch])
        stored = {
            (s.profile, s.day): s
            for s in self._decoder.snapshots(con.execute(_STORED, (keys,)).fetchall())
        }
        written = 0
        pairs: list[tuple[int, Snapshot]] = []
        for key, chain in batch.items():
            final, count = resolve(stored.get(key), chain)
            if count and final is not None:
                written += count
                pairs.append((ids[key[0]], final))
        con.executemany(
            "INSERT OR REPLACE" + INSERT_SCORE[len("INSERT") :], score_rows(pairs, label)
        )
        return written

    def get(self, profile: str, day: dt.date) -> Snapshot | None:
        """Return the snapshot of *profile* on *day*, or ``None``."""
        check_profile(profile)
        check_day(day)
        with self._reading() as con:
            rows = con.execute(_GET, (profile, day.toordinal() - EPOCH_DAYS)).fetchall()
            found = self._decoder.snapshots(rows, profile)
        return found[0] if found else None

    def history(
        self, profile: str, since: dt.date | None = None, until: dt.date | None = None
    ) -> list[Snapshot]:
        """Return *profile*'s snapshots from *since* to *until* (inclusive), by day.

        The list is a :class:`~ssi_index.History`, which renders as a table in Jupyter.
        """
        check_profile(profile)
        low, high = check_range(since, until)
        args = (profile, low.toordinal() - EPOCH_DAYS, high.toordinal() - EPOCH_DAYS)
        decoder = self._decoder
        # The collector held: the snapshots form no cycles, and it would walk them meanwhile.
        with self._reading() as con, no_gc_pauses():
            found = decoder.history(con.execute(_HISTORY, args).fetchall(), profile)
            if found is None:  # a number not in hundredths: read the plain columns
                found = decoder.snapshots(con.execute(_HISTORY_ROWS, args).fetchall(), profile)
            return History(found)

    def iter_snapshots(self) -> Iterator[Snapshot]:
        """Yield every snapshot, by profile and then day, a profile at a time.

        Memory stays bounded by one profile's history whatever the store's size.
        Each profile is read in one go; a profile written or deleted while the
        iteration runs shows as it was when its turn came.
        """
        with self._reading() as con:
            profiles = [row[0] for row in con.execute(_PROFILES)]
        for profile in profiles:
            yield from self.history(profile)

    def latest(self, profiles: Iterable[str] | None = None) -> list[Snapshot]:
        """Return each profile's newest snapshot, sorted by profile."""
        wanted = check_profiles(profiles)
        with self._reading() as con:
            if wanted is None:
                rows = con.execute(_LATEST_ALL).fetchall()
            else:
                rows = con.execute(_LATEST_SOME, (json.dumps(wanted),)).fetchall()
            return self._decoder.snapshots(rows)

    def profiles(self) -> list[str]:
        """Return every profile with at least one snapshot, sorted."""
        with self._reading() as con:
            return [row[0] for row in con.execute(_PROFILES)]

    def delete_profile(self, profile: str) -> int:
        """Delete *profile*'s snapshots, notes and team; return how many snapshots went."""
        check_profile(profile)
        with self._writing() as con:
            count: int = con.execute(
                f"DELETE FROM ssi_scores WHERE profile_id = {_ID}", (profile,)
            ).rowcount
            con.execute("DELETE FROM ssi_profiles WHERE profile = ?", (profile,))
            con.execute("DELETE FROM ssi_notes WHERE profile = ?", (profile,))
            con.execute("DELETE FROM ssi_teams WHERE profile = ?", (profile,))
            _activity_sql.delete(con, profile)
            self._ids.pop(profile, None)
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
        check_profile(profile)
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
        check_profile(team, "team name")
        with self._reading() as con:
            rows = con.execute(
                "SELECT profile FROM ssi_teams WHERE team = ? ORDER BY profile", (team,)
            )
            return [row[0] for row in rows]

    def team_latest(self, team: str) -> TeamLatest:
        """The newest total and pillars of each member of *team*, in one query.

        What :func:`ssi_index.leaderboard` ranks (see :mod:`ssi_index.storage`):
        the members with a score, sorted by profile, and those with none yet.
        """
        check_profile(team, "team name")
        with self._reading() as con:
            rows = con.execute(_TEAM_LATEST, (team,)).fetchall()
        return team_latest(rows, day=decode_day, number=decode_number)

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

    # -- exports (storage/_export_rows.py) -----------------------------------------

    def iter_export_rows(self, *, text: bool = False) -> Iterator[list[ExportRow]]:
        """Yield the export rows of every snapshot, in lists, as :meth:`iter_snapshots` orders them.

        Each row holds the values of ``EXPORT_COLUMNS`` (see :mod:`._export_rows`),
        read straight from the tables without building snapshots; with *text*
        the scores and averages come as the text ``repr()`` makes of them.
        """
        cells = GroupCells(self._labels.texts, self._reload_labels, text=text)  # one export's
        return sqlite_export_rows(self._reading, cells, text=text)
