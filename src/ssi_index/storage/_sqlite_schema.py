"""The SQLite store's schema: its migrations, and the tables each version must have.

Each migration takes the schema from version *i* to *i* + 1 and is either SQL
(statements separated by ``;``) or a function of the connection; never edit a
released one. All of them run in one transaction, so a failure leaves the file
as it was.

- 1: the first layout: ``ssi_snapshots`` (a row per snapshot, real columns) and
  ``ssi_groups`` (a row per comparison group), ``ssi_notes``, ``ssi_teams``.
- 2: the compact layout of :mod:`._packed` (issue 15): ``ssi_profiles`` numbers
  the profiles, ``ssi_labels`` the group kinds and names, and ``ssi_scores``
  holds a snapshot with its groups in one row of about 60 bytes. Every row of
  version 1 is copied over; ``ssi_snapshots`` becomes a view of the same columns
  as before, for plain SQL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, Final

from ssi_index._snapshot import Snapshot

from . import _sqlite_activity as _activity_sql
from ._packed import EPOCH_DAYS, encode_captured, pack_groups
from ._rows import GROUP_COLUMNS, SNAPSHOT_COLUMNS, build_snapshots

if TYPE_CHECKING:
    import sqlite3

__all__ = [
    "INSERT_SCORE",
    "MIGRATIONS",
    "REQUIRED_TABLES",
    "SCHEMA_VERSION",
    "Labels",
    "migrate",
    "required_tables",
    "score_row",
    "score_rows",
]

_PILLARS = ("professional_brand", "find_right_people", "insight_engagement", "strong_relationship")
_PILLAR_CHECK = "{c} REAL NOT NULL CHECK (typeof({c}) = 'real' AND {c} BETWEEN -0.0001 AND 25.0001)"
_GROUP_PILLAR_CHECK = (
    "{c} REAL CHECK ({c} IS NULL OR typeof({c}) = 'real' AND {c} BETWEEN -0.0001 AND 25.0001)"
)

_SCHEMA_1: Final = f"""
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
    """

# A number column of schema 2: hundredths as an integer, or a real (see _packed.py).
_NUMBER = (
    "{c} NOT NULL CHECK (typeof({c}) = 'integer' AND {c} BETWEEN 0 AND {h} "
    "OR typeof({c}) = 'real' AND {c} BETWEEN -0.0001 AND {r})"
)
_DECODED = "CASE typeof(s.{c}) WHEN 'integer' THEN s.{c} / 100.0 ELSE s.{c} END AS {c}"

_SCHEMA_2: Final = f"""
    CREATE TABLE ssi_profiles (
        id INTEGER PRIMARY KEY,
        profile TEXT NOT NULL UNIQUE
            CHECK (typeof(profile) = 'text' AND length(trim(profile)) > 0)
    );
    CREATE TABLE ssi_labels (
        id INTEGER PRIMARY KEY,
        text TEXT NOT NULL UNIQUE CHECK (typeof(text) = 'text')
    );
    CREATE TABLE ssi_scores (
        profile_id INTEGER NOT NULL REFERENCES ssi_profiles (id),
        day INTEGER NOT NULL CHECK (typeof(day) = 'integer'),
        captured TEXT CHECK (captured IS NULL OR captured GLOB
            '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z'),
        source TEXT CHECK (source IS NULL OR typeof(source) = 'text'),
        {_NUMBER.format(c="overall", h=10000, r=100.0001)},
        {", ".join(_NUMBER.format(c=c, h=2500, r=25.0001) for c in _PILLARS)},
        active_seat INTEGER CHECK (active_seat IS NULL OR active_seat IN (0, 1)),
        groups BLOB CHECK (groups IS NULL OR typeof(groups) = 'blob'),
        PRIMARY KEY (profile_id, day)
    ) WITHOUT ROWID;
    """
_VIEW_2: Final = f"""
    CREATE VIEW ssi_snapshots AS SELECT
        p.profile AS profile,
        date(s.day * 86400, 'unixepoch') AS day,
        s.captured AS captured_at,
        s.source AS source,
        {_DECODED.format(c="overall")},
        {", ".join(_DECODED.format(c=c) for c in _PILLARS)},
        s.active_seat AS active_seat
    FROM ssi_scores AS s JOIN ssi_profiles AS p ON p.id = s.profile_id
    """

INSERT_SCORE: Final = f"INSERT INTO ssi_scores VALUES ({', '.join('?' * 11)})"
"""Insert one ``ssi_scores`` row (the columns in table order)."""


class Labels:
    """The ``ssi_labels`` of one connection, both ways, looked up once and kept.

    Labels are only ever added, so what was read stays true; :meth:`forget`
    drops what this connection added in a transaction that was rolled back.
    """

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.texts: dict[int, str] = {}

    def id(self, con: sqlite3.Connection, text: str) -> int:
        """Return *text*'s id, adding it (call inside a write transaction)."""
        found = self.ids.get(text)
        if found is None:
            con.execute("INSERT OR IGNORE INTO ssi_labels (text) VALUES (?)", (text,))
            found = con.execute("SELECT id FROM ssi_labels WHERE text = ?", (text,)).fetchone()[0]
            self.ids[text] = found
            self.texts[found] = text
        return found

    def reload(self, con: sqlite3.Connection) -> None:
        """Read the whole table again (when a blob names an id not read yet)."""
        for key, value in con.execute("SELECT id, text FROM ssi_labels"):
            self.texts[key] = value
            self.ids[value] = key

    def forget(self) -> None:
        """Drop everything (after a rollback, ids this connection added may be gone)."""
        self.ids.clear()
        self.texts.clear()


def _schema_1_snapshots(con: sqlite3.Connection) -> Iterator[tuple[object, ...]]:
    """Every ``ssi_scores`` row for the snapshots of schema 1, a profile at a time."""
    labels = Labels()
    columns = ", ".join(f"s.{c}" for c in SNAPSHOT_COLUMNS)
    groups = ", ".join(f"g.{c}" for c in GROUP_COLUMNS[2:])
    ids = con.execute("SELECT id, profile FROM ssi_profiles ORDER BY id").fetchall()
    for profile_id, profile in ids:
        rows = con.execute(
            f"SELECT {columns}, {groups} FROM ssi_snapshots AS s LEFT JOIN ssi_groups AS g "
            "ON g.profile = s.profile AND g.day = s.day WHERE s.profile = ? "
            "ORDER BY s.day, g.position",
            (profile,),
        ).fetchall()
        pairs = [(profile_id, snapshot) for snapshot in build_snapshots(rows, text=True)]
        yield from score_rows(pairs, lambda text: labels.id(con, text))


class _Hundredths(dict[float, int | float]):
    """encode_number() of each value asked for, worked out once (``[]`` is a C look-up).

    Equal numbers encode alike (``0.0`` and ``-0.0`` both give the hundredths 0,
    ``5`` and ``5.0`` both 500), so keying on the value is exact; a batch holds a
    few thousand distinct scores at most (hundredths from 0 to 100).
    """

    def __missing__(self, value: float) -> int | float:
        hundredths = round(value * 100)
        encoded = hundredths if hundredths / 100 == value else value
        self[value] = encoded
        return encoded


def _day(days: dict[dt.date, int], day: dt.date) -> int:
    number = days[day] = day.toordinal() - EPOCH_DAYS
    return number


def score_row(
    profile_id: int, snapshot: Snapshot, label: Callable[[str], int]
) -> tuple[object, ...]:
    """Return the ``ssi_scores`` row of *snapshot*.

    Args:
        profile_id: The profile's id in ssi_profiles.
        snapshot: The snapshot.
        label: Gives a text's id in ssi_labels.
    """
    return score_rows([(profile_id, snapshot)], label)[0]


def score_rows(
    snapshots: Iterable[tuple[int, Snapshot]], label: Callable[[str], int]
) -> list[tuple[object, ...]]:
    """Return the ``ssi_scores`` rows of a batch of ``(profile id, snapshot)`` pairs.

    One loop for the whole batch (this runs for every snapshot put). A batch of a
    day repeats the same few comparison groups (a kind, a name, an average and a
    rank out of 100) on many profiles, so each is packed once; the packed bytes
    hold ids of ``ssi_labels``, so call it once per write transaction, and keep
    the snapshots alive meanwhile (group tuples are also known by ``id()``).

    Args:
        snapshots: The pairs.
        label: Gives a text's id in ssi_labels.
    """
    packed: dict[int, bytes | None] = {}  # whole group tuples, by id()
    segments: dict[tuple[Any, ...], bytes] = {}  # single groups, by their fields
    number = _Hundredths()
    days: dict[dt.date, int] = {}  # a batch is usually one day
    rows: list[tuple[object, ...]] = []
    append = rows.append
    for profile_id, snapshot in snapshots:
        score = snapshot.score
        groups = score.groups
        key = id(groups)
        if key in packed:
            blob = packed[key]
        else:
            blob = packed[key] = pack_groups(groups, label, segments)
        a, b, c, d = score.pillars._values
        overall = score.overall
        seat = score.active_seat
        captured = snapshot.captured_at
        if captured is None:
            text = None
        else:  # encode_captured() inline
            text = captured.isoformat()
            text = text[:-6] + "Z" if text[-6:] == "+00:00" else encode_captured(captured)
        append(
            (
                profile_id,
                day if (day := days.get(snapshot.day)) is not None else _day(days, snapshot.day),
                text,
                snapshot.source,
                number[overall],
                number[a],
                number[b],
                number[c],
                number[d],
                None if seat is None else int(seat),
                blob,
            )
        )
    return rows


def _to_schema_2(con: sqlite3.Connection) -> None:
    """Copy every snapshot of schema 1 into the compact tables, then drop the old ones."""
    import sqlite3

    _run(con, _SCHEMA_2)
    con.execute(
        "INSERT INTO ssi_profiles (profile) SELECT DISTINCT profile FROM ssi_snapshots "
        "ORDER BY profile"
    )
    con.executemany(INSERT_SCORE, _schema_1_snapshots(con))
    before = con.execute("SELECT count(*) FROM ssi_snapshots").fetchone()[0]
    after = con.execute("SELECT count(*) FROM ssi_scores").fetchone()[0]
    if before != after:  # pragma: no cover - a bug here must never lose a row
        raise sqlite3.DatabaseError(f"migration to schema 2 copied {after} of {before} snapshots")
    con.execute("DROP TABLE ssi_groups")
    con.execute("DROP TABLE ssi_snapshots")
    con.execute(_VIEW_2)


def _run(con: sqlite3.Connection, script: str) -> None:
    for statement in script.split(";"):
        if statement.strip():
            con.execute(statement)


Migration = str | Callable[["sqlite3.Connection"], None]

MIGRATIONS: Final[tuple[Migration, ...]] = (_SCHEMA_1, _to_schema_2, _activity_sql.MIGRATION)
"""Step *i* takes the schema from version *i* to *i* + 1."""

SCHEMA_VERSION: Final = len(MIGRATIONS)
"""The schema this version of ssi-index writes (``PRAGMA user_version``)."""

REQUIRED_TABLES: Final = {
    1: frozenset({"ssi_snapshots", "ssi_groups", "ssi_notes", "ssi_teams"}),
    2: frozenset({"ssi_profiles", "ssi_labels", "ssi_scores", "ssi_notes", "ssi_teams"}),
    3: frozenset(
        {"ssi_profiles", "ssi_labels", "ssi_scores", "ssi_notes", "ssi_teams", "ssi_activities"}
    ),
}
"""The tables a file of each schema version has (later steps that only add tables keep them)."""


def required_tables(version: int) -> frozenset[str]:
    """The tables a file claiming schema *version* must have to be an ssi-index store."""
    known = [v for v in REQUIRED_TABLES if v <= version]
    return REQUIRED_TABLES[max(known)] if known else frozenset()


def migrate(con: sqlite3.Connection, version: int) -> None:
    """Run the steps from *version* to :data:`SCHEMA_VERSION` (inside the caller's transaction)."""
    for step in MIGRATIONS[version:]:
        if isinstance(step, str):
            _run(con, step)
        else:
            step(con)
