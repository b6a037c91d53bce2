"""The PostgreSQL store (extra ``ssi-index[postgres]``, psycopg 3, imported only when used)."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Final, Self, TypeVar

from ssi_index._activity import Activity
from ssi_index._errors import StorageError
from ssi_index._html import History
from ssi_index._optional import require
from ssi_index._snapshot import Note, Snapshot

from . import _pg_activity as _activity_sql
from ._activity_common import check_activities
from ._common import (
    Key,
    check_day,
    check_note,
    check_profile,
    check_profiles,
    check_range,
    check_snapshots,
    check_team,
    check_timeout,
    no_gc_pauses,
    redact,
    replaces,
    resolve,
    settle,
)
from ._export_rows import ExportRow, postgres_export_rows
from ._rows import (
    GROUP_COLUMNS,
    HISTORY_UNION,
    HISTORY_UNION_GROUPS,
    SNAPSHOT_COLUMNS,
    build_history_union,
    build_notes,
    build_snapshots,
    group_rows,
    snapshot_row,
)
from ._team_rows import TeamLatest, team_latest

__all__ = ["SCHEMA_VERSION", "PostgresStore"]

SCHEMA_VERSION: Final = 2
"""The schema this version of ssi-index writes (row ``schema_version`` of ``ssi_meta``)."""

T = TypeVar("T")
_ATTEMPTS: Final = 3  # a write that deadlocks with another writer is retried this often
_SURROGATE: Final = re.compile("[\ud800-\udfff]")
_MAX_IDENTIFIER: Final = 63  # bytes: PostgreSQL's NAMEDATALEN - 1
_FAILURES: Final = {  # the English headlines of _failure()'s keys (errors.postgres.*)
    "cannot_connect": "cannot connect to {where}",
    "cannot_set_up": "cannot set up the ssi-index tables in {where}",
}
_LOCK_ID: Final = 0x551_1DE7  # pg_advisory_xact_lock key serialising schema changes
_PILLARS = ("professional_brand", "find_right_people", "insight_engagement", "strong_relationship")
_P = "{c} double precision NOT NULL CHECK ({c} BETWEEN -0.0001 AND 25.0001)"
_GP = "{c} double precision CHECK ({c} BETWEEN -0.0001 AND 25.0001)"

# Each migration takes the schema from version i to i + 1; never edit a released one.
_MIGRATIONS: Final = (
    f"""
    CREATE TABLE ssi_snapshots (
        profile text COLLATE "C" NOT NULL CHECK (btrim(profile) <> ''),
        day date NOT NULL,
        captured_at timestamptz,
        source text,
        overall double precision NOT NULL CHECK (overall BETWEEN -0.0001 AND 100.0001),
        {", ".join(_P.format(c=c) for c in _PILLARS)},
        active_seat boolean,
        PRIMARY KEY (profile, day),
        CHECK (abs(overall - ({" + ".join(_PILLARS)})) <= 1.0001)
    );
    CREATE TABLE ssi_groups (
        profile text COLLATE "C" NOT NULL,
        day date NOT NULL,
        position integer NOT NULL CHECK (position >= 0),
        kind text,
        rank integer CHECK (rank BETWEEN 0 AND 100),
        average double precision CHECK (average BETWEEN -0.0001 AND 100.0001),
        size bigint CHECK (size >= 0),
        name text,
        {", ".join(_GP.format(c=c) for c in _PILLARS)},
        PRIMARY KEY (profile, day, position),
        FOREIGN KEY (profile, day) REFERENCES ssi_snapshots (profile, day) ON DELETE CASCADE,
        CHECK (({" IS NULL AND ".join(_PILLARS)} IS NULL)
               OR ({" IS NOT NULL AND ".join(_PILLARS)} IS NOT NULL))
    );
    CREATE TABLE ssi_notes (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        profile text COLLATE "C" NOT NULL,
        day date NOT NULL,
        text text NOT NULL,
        pillar text CHECK (pillar IN (
            'PROFESSIONAL_BRAND', 'FIND_RIGHT_PEOPLE', 'INSIGHT_ENGAGEMENT', 'STRONG_RELATIONSHIP'))
    );
    CREATE INDEX ssi_notes_by_profile ON ssi_notes (profile, day, id);
    CREATE TABLE ssi_teams (profile text COLLATE "C" PRIMARY KEY, team text COLLATE "C" NOT NULL);
    CREATE INDEX ssi_teams_by_team ON ssi_teams (team, profile);
    """,
    _activity_sql.MIGRATION,
)

_SC = ", ".join(SNAPSHOT_COLUMNS)
_GC = ", ".join(GROUP_COLUMNS)
_S = ", ".join(f"s.{c}" for c in SNAPSHOT_COLUMNS)
_G = ", ".join(f"g.{c}" for c in GROUP_COLUMNS[2:])
_JOINED = (
    f"SELECT {_S}, {_G} FROM {{source}} "
    "LEFT JOIN ssi_groups AS g ON g.profile = s.profile AND g.day = s.day"
)
_INSERT_SNAPSHOT = f"INSERT INTO ssi_snapshots ({_SC}) VALUES ({', '.join(['%s'] * 10)})"
_INSERT_GROUP = f"INSERT INTO ssi_groups ({_GC}) VALUES ({', '.join(['%s'] * 12)})"
# One statement, so one consistent view of both tables without a transaction, and one
# round trip: each snapshot's row by day, then its groups' rows by day and position
# (the day ties a group to its snapshot), in the shared columns of _rows.HISTORY_UNION.
_RANGE = "WHERE profile = %(profile)s AND day BETWEEN %(since)s AND %(until)s"
_HISTORY = (
    f"SELECT * FROM (SELECT {HISTORY_UNION} FROM ssi_snapshots {_RANGE} "
    f"UNION ALL SELECT {HISTORY_UNION_GROUPS} FROM ssi_groups {_RANGE}) AS u"
)  # no ORDER BY: build_history_union() checks the order (and sorts if it must)
_KEYS = "unnest(%s::text[], %s::date[]) AS k(profile, day)"
_STAGE = """
    CREATE TEMP TABLE IF NOT EXISTS ssi_stage (LIKE ssi_snapshots) ON COMMIT DELETE ROWS;
    CREATE TEMP TABLE IF NOT EXISTS ssi_stage_groups (LIKE ssi_groups) ON COMMIT DELETE ROWS
"""
_RESTAGE = (
    f"INSERT INTO ssi_snapshots ({_SC}) SELECT {_S} "
    f"FROM ssi_stage AS s JOIN {_KEYS} USING (profile, day)"
)
_RESTAGE_GROUPS = (
    f"INSERT INTO ssi_groups ({_GC}) SELECT {', '.join(f'g.{c}' for c in GROUP_COLUMNS)} "
    f"FROM ssi_stage_groups AS g JOIN {_KEYS} USING (profile, day)"
)
# Insert the staged rows whose key is free, with their groups; answer the keys
# that were taken (usually none), which put_many then settles row by row.
_MERGE_NEW = f"""
    WITH inserted AS (
        INSERT INTO ssi_snapshots ({_SC}) SELECT {_SC} FROM ssi_stage ORDER BY profile, day
        ON CONFLICT (profile, day) DO NOTHING
        RETURNING profile, day
    ), groups AS (
        INSERT INTO ssi_groups ({_GC})
        SELECT {", ".join(f"g.{c}" for c in GROUP_COLUMNS)}
        FROM ssi_stage_groups AS g JOIN inserted AS i ON i.profile = g.profile AND i.day = g.day
    )
    SELECT s.profile, s.day FROM ssi_stage AS s
    WHERE NOT EXISTS (SELECT FROM inserted AS i WHERE i.profile = s.profile AND i.day = s.day)
"""
# Binary COPY: several times quicker to write from Python than text.
_SNAPSHOT_TYPES: Final = (
    "text",
    "date",
    "timestamptz",
    "text",
    *["float8"] * 5,
    "bool",
)
_GROUP_TYPES: Final = (
    "text",
    "date",
    "int4",
    "text",
    "int4",
    "float8",
    "int8",
    "text",
    *["float8"] * 4,
)
_LATEST_ALL = (
    _JOINED.format(
        source="""(
        WITH RECURSIVE p(profile) AS (
            (SELECT profile FROM ssi_snapshots ORDER BY profile LIMIT 1)
            UNION ALL
            SELECT (SELECT n.profile FROM ssi_snapshots AS n WHERE n.profile > p.profile
                    ORDER BY n.profile LIMIT 1)
            FROM p WHERE p.profile IS NOT NULL
        )
        SELECT newest.* FROM p CROSS JOIN LATERAL (
            SELECT * FROM ssi_snapshots AS x WHERE x.profile = p.profile ORDER BY x.day DESC LIMIT 1
        ) AS newest
    ) AS s"""
    )
    + " ORDER BY s.profile, g.position"
)
_TEAM_LATEST = (
    "SELECT t.profile, s.day, s.overall, s.professional_brand, s.find_right_people, "
    "s.insight_engagement, s.strong_relationship FROM ssi_teams AS t "
    "LEFT JOIN LATERAL (SELECT * FROM ssi_snapshots AS x WHERE x.profile = t.profile "
    "ORDER BY x.day DESC LIMIT 1) AS s ON true WHERE t.team = %s ORDER BY t.profile"
)
_LATEST_SOME = (
    _JOINED.format(
        source="""unnest(%s::text[]) AS p(profile) CROSS JOIN LATERAL (
        SELECT * FROM ssi_snapshots AS x WHERE x.profile = p.profile ORDER BY x.day DESC LIMIT 1
    ) AS s"""
    )
    + " ORDER BY s.profile, g.position"
)


def _passwords(url: str) -> list[str]:
    """The password *url* holds (URL user part, query or key=value), if libpq can read it."""
    psycopg = require("psycopg", "postgres")
    try:
        password = psycopg.conninfo.conninfo_to_dict(url).get("password")
    except (psycopg.Error, ValueError, TypeError, UnicodeError):
        return []
    return [str(password)] if password else []


def _checked_url(url: object) -> str:
    """Return *url*, or raise :class:`StorageError` (never echoing a password) if unusable."""
    if not isinstance(url, str):
        raise StorageError(f"expected a libpq URL or connection string, found {type(url).__name__}")
    if "\x00" in url:
        raise StorageError(
            f"expected a libpq URL or connection string without NUL characters "
            f"(libpq would cut it there), found {redact(url)!r}",
            key="postgres.nul",
            params={"found": repr(redact(url))},
        )
    if _SURROGATE.search(url) is not None:  # checked, not encoded: the error would hold url
        raise StorageError(
            f"expected a libpq URL or connection string of valid Unicode, found {redact(url)!a}",
            key="postgres.surrogate",
            params={"found": ascii(redact(url))},
        )
    return url


def _describe(url: str) -> str:
    """Name the server and database of *url* without its password."""
    psycopg = require("psycopg", "postgres")
    try:
        info = psycopg.conninfo.conninfo_to_dict(url)
    except (psycopg.Error, ValueError, TypeError):
        return "PostgreSQL (unparsable URL)"
    host, port = info.get("host", "localhost"), info.get("port", 5432)
    return f"PostgreSQL {host}:{port}/{info.get('dbname', '')}"


def _checked_schema(schema: object) -> str | None:
    if schema is None:
        return None
    if not isinstance(schema, str):
        raise StorageError(f"schema: expected a schema name or None, found {schema!r}")
    check_profile(schema, "schema name")
    if len(schema.encode("utf-8")) > _MAX_IDENTIFIER:
        raise StorageError(
            f"schema: expected a name of at most {_MAX_IDENTIFIER} bytes (PostgreSQL would "
            f"cut it silently), found {len(schema.encode('utf-8'))} bytes: {schema[:20]!r}...",
            key="postgres.schema_too_long",
            params={
                "limit": _MAX_IDENTIFIER,
                "n": len(schema.encode("utf-8")),
                "start": repr(schema[:20]),
            },
        )
    return schema


def _version(row: tuple[Any, ...] | None) -> int:
    """The schema version in ssi_meta (0 when absent), or StorageError if it is not a number."""
    if row is None:
        return 0
    text = row[0]
    if not isinstance(text, str) or not text.isascii() or not text.isdigit():
        raise StorageError(
            f"expected ssi_meta's schema_version to be a whole number, found {text!r}: "
            "the table was changed outside ssi-index. Nothing was changed"
        )
    return int(text)


class PostgresStore:
    """A :class:`~ssi_index.storage.SnapshotStore` in a PostgreSQL database.

    Needs the ``ssi-index[postgres]`` extra (psycopg 3). Single writes use
    ``INSERT ... ON CONFLICT``; :meth:`put_many` copies the batch into a temporary
    staging table with ``COPY`` and merges it with one ``INSERT ... ON CONFLICT``,
    all in one transaction. Several processes may write at once. The tables
    (``ssi_snapshots``, ``ssi_groups``, ``ssi_notes``, ``ssi_teams``, ``ssi_meta``)
    are created, or migrated forward, on first use.

    Args:
        url: A libpq URL or connection string, e.g. ``postgresql://user@host/db``.
        schema: Keep the tables in this schema (created if missing) instead of the
            connection's default search path; handy to share a database.
        connect_timeout: Seconds to wait for the server.

    Raises:
        MissingDependencyError: psycopg is not installed.
        StorageError: the server cannot be reached, or its tables come from a newer
            ssi-index (nothing is changed then).
    """

    def __init__(
        self, url: str, *, schema: str | None = None, connect_timeout: float = 10.0
    ) -> None:
        psycopg = require("psycopg", "postgres")
        self._psycopg = psycopg
        self._con: Any = None
        self._lock = threading.RLock()
        url = _checked_url(url)
        self._where = _describe(url)
        self._secrets = _passwords(url)
        self._schema = _checked_schema(schema)
        seconds = check_timeout(connect_timeout, "connect_timeout")
        failure: StorageError | None = None
        try:
            con = psycopg.connect(url, autocommit=True, connect_timeout=max(1, round(seconds)))
        except (psycopg.Error, ValueError, TypeError, OverflowError, OSError) as err:
            failure = self._failure("cannot_connect", err)
        if failure is not None:
            # Raised out here, so that no __context__ keeps libpq's message either.
            raise failure
        try:
            self._setup(con)
        except BaseException:
            con.close()
            raise
        self._con = con

    def _failure(self, what: str, err: BaseException) -> StorageError:
        """A StorageError for *err* that names no password (nor keeps a cause that does).

        Args:
            what: ``"cannot_connect"`` or ``"cannot_set_up"``: the message's key.
            err: What psycopg (or libpq) raised.
        """
        text = str(err)
        clean = redact(text)
        for secret in self._secrets:
            clean = clean.replace(secret, "***")
        headline = _FAILURES[what].format(where=self._where)
        error = StorageError(
            f"{headline}: {clean}",
            key=f"postgres.{what}",
            params={"where": self._where, "reason": clean},
        )
        if clean == text:  # nothing hidden: keep the cause for debugging
            error.__cause__ = err
        else:
            error.__suppress_context__ = True
        return error

    def _setup(self, con: Any) -> None:
        sql = self._psycopg.sql
        try:
            con.execute("SET TIME ZONE 'UTC'")
            with con.transaction():
                con.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_ID,))
                if self._schema is not None:
                    name = sql.Identifier(self._schema)
                    con.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(name))
                    con.execute(sql.SQL("SET search_path TO {}").format(name))
                con.execute(
                    "CREATE TABLE IF NOT EXISTS ssi_meta "
                    "(key text PRIMARY KEY, value text NOT NULL)"
                )
                row = con.execute(
                    "SELECT value FROM ssi_meta WHERE key = 'schema_version'"
                ).fetchone()
                version = _version(row)
                if version > SCHEMA_VERSION:
                    raise StorageError(
                        f"{self._where} holds tables from a newer ssi-index "
                        f"(schema version {version}); "
                        f"this version reads up to {SCHEMA_VERSION}: upgrade ssi-index. "
                        "Nothing was changed",
                        key="postgres.newer",
                        params={"where": self._where, "version": version, "ours": SCHEMA_VERSION},
                    )
                for step in range(version, SCHEMA_VERSION):
                    for statement in _MIGRATIONS[step].split(";"):
                        if statement.strip():
                            con.execute(statement)
                con.execute(
                    "INSERT INTO ssi_meta (key, value) VALUES ('schema_version', %s) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (str(SCHEMA_VERSION),),
                )
            for statement in _STAGE.split(";"):
                con.execute(statement)
        except (self._psycopg.Error, ValueError, UnicodeError) as err:
            failure = self._failure("cannot_set_up", err)
        else:
            return
        raise failure

    @contextlib.contextmanager
    def _using(self, *, transaction: bool) -> Iterator[Any]:
        with self._lock:
            if self._con is None:
                raise StorageError(
                    f"expected an open store, found the {self._where} store closed",
                    key="postgres.closed",
                    params={"where": self._where},
                )
            try:
                if transaction:
                    with self._con.transaction():
                        yield self._con
                else:
                    yield self._con
            except self._psycopg.Error as err:
                raise StorageError(
                    f"{self._where}: {err}",
                    key="postgres.failed",
                    params={"where": self._where, "reason": str(err)},
                ) from err

    def _write(self, work: Callable[[Any], T]) -> T:
        """Run *work* in a transaction, again if it lost a race with another writer."""
        errors = self._psycopg.errors
        races = (errors.DeadlockDetected, errors.SerializationFailure, errors.UniqueViolation)
        for attempt in range(1, _ATTEMPTS + 1):
            try:
                with self._using(transaction=True) as con:
                    return work(con)
            except StorageError as err:
                if attempt == _ATTEMPTS or not isinstance(err.__cause__, races):
                    raise
        raise AssertionError("unreachable")  # pragma: no cover

    def _stored(self, con: Any, keys: Iterable[Key]) -> dict[Key, Snapshot]:
        """Load and lock the stored snapshots among *keys*."""
        keys = list(keys)
        con.execute(
            f"SELECT 1 FROM ssi_snapshots AS s JOIN {_KEYS} USING (profile, day) FOR UPDATE OF s",
            ([p for p, _ in keys], [d for _, d in keys]),
        )
        rows = con.execute(
            _JOINED.format(source=f"{_KEYS} JOIN ssi_snapshots AS s USING (profile, day)")
            + " ORDER BY s.profile, s.day, g.position",
            ([p for p, _ in keys], [d for _, d in keys]),
        )
        return {(s.profile, s.day): s for s in build_snapshots(rows, text=False)}

    def put(self, snapshot: Snapshot) -> bool:
        """Store *snapshot*; see :meth:`ssi_index.storage.SnapshotStore.put`."""
        if not isinstance(snapshot, Snapshot):
            raise StorageError(f"put: expected a Snapshot, found {type(snapshot).__name__}")
        check_snapshots([snapshot])  # the id and text rules
        row = snapshot_row(snapshot, text=False)
        groups = list(group_rows(snapshot, text=False))
        key = (snapshot.profile, snapshot.day)

        def work(con: Any) -> bool:
            cur = con.cursor()
            inserted = cur.execute(
                _INSERT_SNAPSHOT + " ON CONFLICT (profile, day) DO NOTHING RETURNING true", row
            ).fetchone()
            if inserted is None:
                stored = self._stored(con, [key]).get(key)
                if not replaces(stored, snapshot):
                    return False
                cur.execute("DELETE FROM ssi_snapshots WHERE profile = %s AND day = %s", key)
                cur.execute(_INSERT_SNAPSHOT, row)
            if groups:
                cur.executemany(_INSERT_GROUP, groups)
            return True

        return self._write(work)

    def put_many(self, snapshots: Iterable[Snapshot]) -> int:
        """Store a batch in one transaction; see :meth:`.SnapshotStore.put_many`."""
        batch = check_snapshots(snapshots)
        if not batch:
            return 0
        # Without a stored row, a chain ends with its last newest item; with one, the
        # result is that same item or the stored row, so one staged row per key is enough.
        fresh = {key: settle(chain) for key, chain in batch.items()}

        def work(con: Any) -> int:
            cur = con.cursor()
            # Room to sort and join a large batch in memory, for this transaction only.
            cur.execute("SET LOCAL work_mem = '64MB'")
            with cur.copy(f"COPY ssi_stage ({_SC}) FROM STDIN (FORMAT BINARY)") as copy:
                copy.set_types(_SNAPSHOT_TYPES)
                for final, _ in fresh.values():
                    copy.write_row(snapshot_row(final, text=False))
            with cur.copy(f"COPY ssi_stage_groups ({_GC}) FROM STDIN (FORMAT BINARY)") as copy:
                copy.set_types(_GROUP_TYPES)
                for final, _ in fresh.values():
                    if final.score.groups:
                        for group in group_rows(final, text=False):
                            copy.write_row(group)
            conflicts = [(p, d) for p, d in cur.execute(_MERGE_NEW)]
            taken = set(conflicts)
            written = sum(count for key, (_, count) in fresh.items() if key not in taken)
            if conflicts:
                stored = self._stored(con, conflicts)
                redo: list[Key] = []
                for key in conflicts:
                    _, count = resolve(stored.get(key), batch[key])
                    if count:
                        written += count
                        redo.append(key)
                if redo:
                    args = ([p for p, _ in redo], [d for _, d in redo])
                    cur.execute(
                        f"DELETE FROM ssi_snapshots AS s USING {_KEYS} "
                        "WHERE s.profile = k.profile AND s.day = k.day",
                        args,
                    )
                    cur.execute(_RESTAGE, args)
                    cur.execute(_RESTAGE_GROUPS, args)
            return written

        return self._write(work)

    def get(self, profile: str, day: dt.date) -> Snapshot | None:
        """Return the snapshot of *profile* on *day*, or ``None``."""
        check_profile(profile)
        check_day(day)
        with self._using(transaction=False) as con:
            rows = con.execute(
                _JOINED.format(source="ssi_snapshots AS s")
                + " WHERE s.profile = %s AND s.day = %s ORDER BY g.position",
                (profile, day),
            )
            found = build_snapshots(rows, text=False)
        return found[0] if found else None

    def history(
        self, profile: str, since: dt.date | None = None, until: dt.date | None = None
    ) -> list[Snapshot]:
        """Return *profile*'s snapshots from *since* to *until* (inclusive), by day.

        The list is a :class:`~ssi_index.History`, which renders as a table in Jupyter.
        """
        check_profile(profile)
        low, high = check_range(since, until)
        args = {"profile": profile, "since": low, "until": high}
        with self._using(transaction=False) as con:
            # Binary results: dates and times load quicker than from text.
            rows = con.cursor(binary=True).execute(_HISTORY, args).fetchall()
        with no_gc_pauses():  # the snapshots form no cycles; the collector would walk them
            return History(build_history_union(rows, profile))

    def iter_snapshots(self) -> Iterator[Snapshot]:
        """Yield every snapshot, by profile and then day, a profile at a time.

        Memory stays bounded by one profile's history whatever the store's size;
        a profile written or deleted meanwhile shows as it was when its turn came.
        """
        for profile in self.profiles():
            yield from self.history(profile)

    def latest(self, profiles: Iterable[str] | None = None) -> list[Snapshot]:
        """Return each profile's newest snapshot, sorted by profile."""
        wanted = check_profiles(profiles)
        with self._using(transaction=False) as con:
            if wanted is None:
                rows = con.execute(_LATEST_ALL)
            else:
                rows = con.execute(_LATEST_SOME, (wanted,))
            return build_snapshots(rows, text=False)

    def profiles(self) -> list[str]:
        """Return every profile with at least one snapshot, sorted."""
        with self._using(transaction=False) as con:
            rows = con.execute("SELECT DISTINCT profile FROM ssi_snapshots ORDER BY profile")
            return [row[0] for row in rows]

    def delete_profile(self, profile: str) -> int:
        """Delete *profile*'s snapshots, notes and team; return how many snapshots went."""
        check_profile(profile)
        with self._using(transaction=True) as con:
            count: int = con.execute(
                "DELETE FROM ssi_snapshots WHERE profile = %s", (profile,)
            ).rowcount
            con.execute("DELETE FROM ssi_notes WHERE profile = %s", (profile,))
            con.execute("DELETE FROM ssi_teams WHERE profile = %s", (profile,))
            _activity_sql.delete(con, profile)
        return count

    def add_note(self, note: Note) -> None:
        """Keep *note*."""
        check_note(note)
        with self._using(transaction=True) as con:
            con.execute(
                "INSERT INTO ssi_notes (profile, day, text, pillar) VALUES (%s, %s, %s, %s)",
                (
                    note.profile,
                    note.day,
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
        with self._using(transaction=False) as con:
            rows = con.execute(
                "SELECT profile, day, text, pillar FROM ssi_notes "
                "WHERE profile = %s AND day BETWEEN %s AND %s ORDER BY day, id",
                (profile, low, high),
            )
            return build_notes(rows, text=False)

    def set_team(self, profile: str, team: str | None) -> None:
        """Put *profile* in *team* (leaving any other), or in none when *team* is ``None``."""
        check_profile(profile)
        check_team(team)
        with self._using(transaction=True) as con:
            if team is None:
                con.execute("DELETE FROM ssi_teams WHERE profile = %s", (profile,))
            else:
                con.execute(
                    "INSERT INTO ssi_teams (profile, team) VALUES (%s, %s) "
                    "ON CONFLICT (profile) DO UPDATE SET team = excluded.team",
                    (profile, team),
                )

    def team_latest(self, team: str) -> TeamLatest:
        """The newest total and pillars of each member of *team*, in one query.

        What :func:`ssi_index.leaderboard` ranks (see :mod:`ssi_index.storage`):
        the members with a score, sorted by profile, and those with none yet.
        """
        check_profile(team, "team name")
        with self._using(transaction=False) as con:
            return team_latest(con.execute(_TEAM_LATEST, (team,)).fetchall())

    def team_members(self, team: str) -> list[str]:
        """Return the profiles in *team*, sorted."""
        check_profile(team, "team name")
        with self._using(transaction=False) as con:
            rows = con.execute(
                "SELECT profile FROM ssi_teams WHERE team = %s ORDER BY profile", (team,)
            )
            return [row[0] for row in rows]

    def close(self) -> None:
        """Close the connection; later calls raise :class:`~ssi_index.StorageError`."""
        with self._lock:
            if self._con is not None:
                self._con.close()
                self._con = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- activities (storage/_pg_activity.py) --------------------------------------

    def put_activities(self, activities: Iterable[Activity]) -> int:
        """Store activity counts in one transaction; see :meth:`.SnapshotStore.put_activities`."""
        batch = check_activities(activities)
        if not batch:
            return 0
        return self._write(lambda con: _activity_sql.put(con, batch))

    def activities(
        self, profile: str, since: dt.date | None = None, until: dt.date | None = None
    ) -> list[Activity]:
        """Return *profile*'s activity counts from *since* to *until* (inclusive), by day."""
        low, high = check_range(since, until)
        with self._using(transaction=False) as con:
            return _activity_sql.select(con, profile, low, high)

    def __repr__(self) -> str:
        state = " closed" if self._con is None else ""
        schema = "" if self._schema is None else f" schema={self._schema}"
        return f"<PostgresStore {self._where}{schema}{state}>"

    # -- exports (storage/_export_rows.py) -----------------------------------------

    def iter_export_rows(self, *, text: bool = False) -> Iterator[list[ExportRow]]:
        """Yield the export rows of every snapshot, in lists, as :meth:`iter_snapshots` orders them.

        Each row holds the values of ``EXPORT_COLUMNS`` (see :mod:`._export_rows`),
        read straight from the tables without building snapshots. The numbers
        are floats whatever *text* says (a CSV writes them the same either way).
        """
        del text
        return postgres_export_rows(lambda: self._using(transaction=False))
