"""Activities in SQLite: the migration step that adds their table, and the queries.

Kept apart from :mod:`._sqlite` so the snapshot tables and the activity table
change independently; :class:`~ssi_index.storage.SQLiteStore` calls these with
its connection inside its own transactions.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Final

from ssi_index._activity import Activity

from ._activity_common import ActivityKey

if TYPE_CHECKING:
    import sqlite3

__all__ = ["MIGRATION", "delete", "put", "select"]

MIGRATION: Final = """
    CREATE TABLE ssi_activities (
        profile TEXT NOT NULL CHECK (typeof(profile) = 'text' AND length(trim(profile)) > 0),
        day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        kind TEXT NOT NULL CHECK (typeof(kind) = 'text' AND length(kind) > 0),
        source TEXT NOT NULL CHECK (typeof(source) = 'text' AND length(trim(source)) > 0),
        count INTEGER NOT NULL CHECK (typeof(count) = 'integer' AND count >= 0),
        PRIMARY KEY (profile, day, kind, source)
    ) WITHOUT ROWID;
"""
"""The step that adds the activity table (its primary key is its index)."""

_UPSERT: Final = (
    "INSERT INTO ssi_activities (profile, day, kind, source, count) VALUES (?, ?, ?, ?, ?) "
    "ON CONFLICT (profile, day, kind, source) DO UPDATE SET count = excluded.count "
    "WHERE count <> excluded.count"
)
_SELECT: Final = (
    "SELECT day, kind, source, count FROM ssi_activities "
    "WHERE profile = ? AND day BETWEEN ? AND ? ORDER BY day, kind, source"
)


def put(con: sqlite3.Connection, batch: dict[ActivityKey, Activity]) -> int:
    """Write *batch* (inside the caller's transaction); return how many rows changed."""
    before = con.total_changes
    con.executemany(
        _UPSERT,
        ((a.profile, a.day.isoformat(), a.kind.value, a.source, a.count) for a in batch.values()),
    )
    return con.total_changes - before


def select(con: sqlite3.Connection, profile: str, low: dt.date, high: dt.date) -> list[Activity]:
    """*profile*'s activities from *low* to *high* (inclusive), by day, kind and source."""
    rows = con.execute(_SELECT, (profile, low.isoformat(), high.isoformat()))
    return [
        Activity(
            profile=profile, day=dt.date.fromisoformat(day), kind=kind, count=count, source=source
        )
        for day, kind, source, count in rows
    ]


def delete(con: sqlite3.Connection, profile: str) -> int:
    """Delete *profile*'s activities (inside the caller's transaction); return how many."""
    return int(con.execute("DELETE FROM ssi_activities WHERE profile = ?", (profile,)).rowcount)
