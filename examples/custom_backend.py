"""Plug your own storage backend into ssi-index, and check it with the contract suite.

A backend is any object with the methods of :class:`ssi_index.storage.SnapshotStore`;
it need not inherit from anything. This one keeps snapshots in a JSON-lines file
by wrapping the built-in MemoryStore (a real backend would talk to its own
database). ``ssi_index.testing.StoreContract`` is the test suite every built-in
backend passes; subclass it in your tests to check yours (see docs/storage.md).

Run from the repository root::

    python examples/custom_backend.py
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Self

import ssi_index
from ssi_index import Activity, MemoryStore, Note, Score, Snapshot
from ssi_index.storage import SnapshotStore


class JsonLinesStore:
    """Snapshots appended to a JSON-lines file, served from memory."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._memory = MemoryStore()
        if path.exists():
            with path.open(encoding="utf-8") as lines:
                self._memory.put_many(Snapshot.from_dict(json.loads(line)) for line in lines)

    def _append(self, snapshots: Iterable[Snapshot]) -> None:
        with self._path.open("a", encoding="utf-8") as out:
            for snapshot in snapshots:
                out.write(json.dumps(snapshot.to_dict()) + "\n")

    def put(self, snapshot: Snapshot) -> bool:
        written = self._memory.put(snapshot)
        if written:
            self._append([snapshot])
        return written

    def put_many(self, snapshots: Iterable[Snapshot]) -> int:
        batch = list(snapshots)
        count = self._memory.put_many(batch)  # all or nothing, with the replacement rule
        keys = dict.fromkeys((s.profile, s.day) for s in batch)
        self._append(kept for key in keys if (kept := self._memory.get(*key)) is not None)
        return count

    def get(self, profile: str, day: dt.date) -> Snapshot | None:
        return self._memory.get(profile, day)

    def history(
        self, profile: str, since: dt.date | None = None, until: dt.date | None = None
    ) -> list[Snapshot]:
        return self._memory.history(profile, since, until)

    def iter_snapshots(self) -> Iterator[Snapshot]:
        # Every snapshot, by profile and day, one profile's history in memory at a time.
        for profile in self.profiles():
            yield from self.history(profile)

    def latest(self, profiles: Iterable[str] | None = None) -> list[Snapshot]:
        return self._memory.latest(profiles)

    def profiles(self) -> list[str]:
        return self._memory.profiles()

    def delete_profile(self, profile: str) -> int:
        return self._memory.delete_profile(profile)

    def add_note(self, note: Note) -> None:
        self._memory.add_note(note)

    def notes(
        self, profile: str, since: dt.date | None = None, until: dt.date | None = None
    ) -> list[Note]:
        return self._memory.notes(profile, since, until)

    def set_team(self, profile: str, team: str | None) -> None:
        self._memory.set_team(profile, team)

    def team_members(self, team: str) -> list[str]:
        return self._memory.team_members(team)

    def put_activities(self, activities: Iterable[Activity]) -> int:
        return self._memory.put_activities(activities)  # a real backend would persist these too

    def activities(
        self, profile: str, since: dt.date | None = None, until: dt.date | None = None
    ) -> list[Activity]:
        return self._memory.activities(profile, since, until)

    def close(self) -> None:
        self._memory.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def main() -> None:
    path = Path(tempfile.mkdtemp(prefix="ssi-jsonl-")) / "history.jsonl"
    store: SnapshotStore = JsonLinesStore(path)
    assert isinstance(store, SnapshotStore)  # a runtime-checkable Protocol: no inheritance
    with store:
        start = dt.date(2026, 11, 2)
        for week in range(4):
            pillars = [12 + week, 9 + 1.5 * week, 10 + week, 20]
            day = start + dt.timedelta(weeks=week)
            store.put(Snapshot(profile="me", day=day, score=Score.from_pillars(pillars)))
        for change in ssi_index.changes(store.history("me"), period="week"):
            moved = change.moved_most.label if change.moved_most else "nothing"
            print(f"week of {change.after.day}: {change.total:+.1f} points, moved most: {moved}")
    print(f"{sum(1 for _ in path.open())} snapshots written to {path}")
    with JsonLinesStore(path) as reopened:
        print(f"reopened: {len(reopened.history('me'))} snapshots for 'me'")


if __name__ == "__main__":
    main()
