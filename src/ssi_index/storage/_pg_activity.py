"""Activities in PostgreSQL: the migration step that adds their table, and the queries.

Kept apart from :mod:`._postgres` so the snapshot tables and the activity table
change independently; :class:`~ssi_index.storage.PostgresStore` calls these with
its connection inside its own transactions.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

from ssi_index._activity import Activity

from ._activity_common import ActivityKey

__all__ = ["MIGRATION", "delete", "put", "select"]

MIGRATION: Final = """
    CREATE TABLE ssi_activities (
        profile text COLLATE "C" NOT NULL CHECK (btrim(profile) <> ''),
        day date NOT NULL,
        kind text COLLATE "C" NOT NULL CHECK (kind <> ''),
        source text COLLATE "C" NOT NULL CHECK (btrim(source) <> ''),
        count bigint NOT NULL CHECK (count >= 0),
        PRIMARY KEY (profile, day, kind, source)
    );
"""
"""The step that adds the activity table (its primary key is its index)."""

# One statement per chunk: unnest the columns, upsert, and count only real changes.
_UPSERT: Final = """
    INSERT INTO ssi_activities AS a (profile, day, kind, source, count)
    SELECT * FROM unnest(%s::text[], %s::date[], %s::text[], %s::text[], %s::bigint[])
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (profile, day, kind, source) DO UPDATE SET count = excluded.count
    WHERE a.count <> excluded.count
"""
_SELECT: Final = (
    "SELECT day, kind, source, count FROM ssi_activities "
    "WHERE profile = %s AND day BETWEEN %s AND %s ORDER BY day, kind, source"
)
_CHUNK: Final = 20_000


def put(con: Any, batch: dict[ActivityKey, Activity]) -> int:
    """Write *batch* (inside the caller's transaction); return how many rows changed."""
    items = list(batch.values())
    changed = 0
    for start in range(0, len(items), _CHUNK):
        chunk = items[start : start + _CHUNK]
        cur = con.execute(
            _UPSERT,
            (
                [a.profile for a in chunk],
                [a.day for a in chunk],
                [a.kind.value for a in chunk],
                [a.source for a in chunk],
                [a.count for a in chunk],
            ),
        )
        changed += cur.rowcount
    return changed


def select(con: Any, profile: str, low: dt.date, high: dt.date) -> list[Activity]:
    """*profile*'s activities from *low* to *high* (inclusive), by day, kind and source."""
    rows = con.execute(_SELECT, (profile, low, high))
    return [
        Activity(profile=profile, day=day, kind=kind, count=count, source=source)
        for day, kind, source, count in rows
    ]


def delete(con: Any, profile: str) -> int:
    """Delete *profile*'s activities (inside the caller's transaction); return how many."""
    return int(con.execute("DELETE FROM ssi_activities WHERE profile = %s", (profile,)).rowcount)
