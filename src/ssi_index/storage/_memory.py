"""A store that lives in memory: for tests, notebooks and short scripts."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterable, Iterator
from typing import Self

from ssi_index._activity import Activity
from ssi_index._errors import StorageError
from ssi_index._html import History
from ssi_index._snapshot import Note, Snapshot

from ._activity_common import ActivityKey, check_activities
from ._common import (
    Key,
    check_day,
    check_note,
    check_profile,
    check_profiles,
    check_range,
    check_snapshots,
    check_team,
    resolve,
)

__all__ = ["MemoryStore"]


class MemoryStore:
    """A :class:`~ssi_index.storage.SnapshotStore` kept in memory and lost on exit.

    Thread-safe; every method is atomic. Open one with ``MemoryStore()`` or
    ``open_store("memory://")``.

    Example:
        >>> import datetime as dt
        >>> from ssi_index import Score, Snapshot
        >>> with MemoryStore() as store:
        ...     store.put(Snapshot(profile="me", day=dt.date(2026, 3, 2),
        ...                        score=Score.from_pillars([13.4, 10.7, 11.1, 25])))
        ...     store.profiles()
        True
        ['me']
    """

    def __init__(self) -> None:
        self._snapshots: dict[Key, Snapshot] = {}
        self._notes: list[Note] = []
        self._teams: dict[str, str] = {}
        self._activities: dict[ActivityKey, Activity] = {}
        self._lock = threading.RLock()
        self._closed = False

    def _check_open(self) -> None:
        if self._closed:
            raise StorageError("expected an open store, found a closed MemoryStore")

    def put(self, snapshot: Snapshot) -> bool:
        """Store *snapshot*; see :meth:`ssi_index.storage.SnapshotStore.put`."""
        if not isinstance(snapshot, Snapshot):
            raise StorageError(f"put: expected a Snapshot, found {type(snapshot).__name__}")
        return self.put_many([snapshot]) == 1

    def put_many(self, snapshots: Iterable[Snapshot]) -> int:
        """Store a batch at once; see :meth:`ssi_index.storage.SnapshotStore.put_many`."""
        batch = check_snapshots(snapshots)
        with self._lock:
            self._check_open()
            written = 0
            for key, chain in batch.items():
                final, count = resolve(self._snapshots.get(key), chain)
                if count and final is not None:
                    self._snapshots[key] = final
                    written += count
            return written

    def get(self, profile: str, day: dt.date) -> Snapshot | None:
        """Return the snapshot of *profile* on *day*, or ``None``."""
        check_profile(profile)
        check_day(day)
        with self._lock:
            self._check_open()
            return self._snapshots.get((profile, day))

    def history(
        self, profile: str, since: dt.date | None = None, until: dt.date | None = None
    ) -> list[Snapshot]:
        """Return *profile*'s snapshots from *since* to *until* (inclusive), by day.

        The list is a :class:`~ssi_index.History`, which renders as a table in Jupyter.
        """
        check_profile(profile)
        low, high = check_range(since, until)
        with self._lock:
            self._check_open()
            found = [
                s for (p, day), s in self._snapshots.items() if p == profile and low <= day <= high
            ]
        return History(sorted(found, key=lambda s: s.day))

    def iter_snapshots(self) -> Iterator[Snapshot]:
        """Yield every snapshot, by profile and then day, as they were when it started.

        The snapshots live in memory already: this keeps one sorted list of
        references to them (not copies) instead of scanning the store per profile.
        """
        with self._lock:
            self._check_open()
            keys = sorted(self._snapshots)
            found = [self._snapshots[key] for key in keys]
        yield from found

    def latest(self, profiles: Iterable[str] | None = None) -> list[Snapshot]:
        """Return each profile's newest snapshot, sorted by profile."""
        wanted = check_profiles(profiles)
        newest: dict[str, Snapshot] = {}
        with self._lock:
            self._check_open()
            for (profile, day), snapshot in self._snapshots.items():
                if wanted is not None and profile not in wanted:
                    continue
                best = newest.get(profile)
                if best is None or day > best.day:
                    newest[profile] = snapshot
        return [newest[p] for p in sorted(newest)]

    def profiles(self) -> list[str]:
        """Return every profile with at least one snapshot, sorted."""
        with self._lock:
            self._check_open()
            return sorted({profile for profile, _ in self._snapshots})

    def delete_profile(self, profile: str) -> int:
        """Delete *profile*'s snapshots, notes and team; return how many snapshots went."""
        check_profile(profile)
        with self._lock:
            self._check_open()
            keys = [key for key in self._snapshots if key[0] == profile]
            for key in keys:
                del self._snapshots[key]
            self._notes = [n for n in self._notes if n.profile != profile]
            self._teams.pop(profile, None)
            self._activities = {k: a for k, a in self._activities.items() if k[0] != profile}
            return len(keys)

    def add_note(self, note: Note) -> None:
        """Keep *note*."""
        check_note(note)
        with self._lock:
            self._check_open()
            self._notes.append(note)

    def notes(
        self, profile: str, since: dt.date | None = None, until: dt.date | None = None
    ) -> list[Note]:
        """Return *profile*'s notes from *since* to *until* (inclusive), by day, then as added."""
        check_profile(profile)
        low, high = check_range(since, until)
        with self._lock:
            self._check_open()
            found = [n for n in self._notes if n.profile == profile and low <= n.day <= high]
        return sorted(found, key=lambda n: n.day)

    def set_team(self, profile: str, team: str | None) -> None:
        """Put *profile* in *team* (leaving any other), or in none when *team* is ``None``."""
        check_profile(profile)
        check_team(team)
        with self._lock:
            self._check_open()
            if team is None:
                self._teams.pop(profile, None)
            else:
                self._teams[profile] = team

    def team_members(self, team: str) -> list[str]:
        """Return the profiles in *team*, sorted."""
        check_profile(team, "team name")
        with self._lock:
            self._check_open()
            return sorted(p for p, t in self._teams.items() if t == team)

    def close(self) -> None:
        """Drop everything; later calls raise :class:`~ssi_index.StorageError`."""
        with self._lock:
            self._closed = True
            self._snapshots.clear()
            self._notes.clear()
            self._teams.clear()
            self._activities.clear()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- activities ---------------------------------------------------------------

    def put_activities(self, activities: Iterable[Activity]) -> int:
        """Store activity counts at once; see :meth:`.SnapshotStore.put_activities`."""
        batch = check_activities(activities)
        with self._lock:
            self._check_open()
            changed = 0
            for key, activity in batch.items():
                old = self._activities.get(key)
                if old is None or old.count != activity.count:
                    self._activities[key] = activity
                    changed += 1
            return changed

    def activities(
        self, profile: str, since: dt.date | None = None, until: dt.date | None = None
    ) -> list[Activity]:
        """Return *profile*'s activity counts from *since* to *until* (inclusive), by day."""
        low, high = check_range(since, until)
        with self._lock:
            self._check_open()
            found = [
                a
                for (p, day, _, _), a in self._activities.items()
                if p == profile and low <= day <= high
            ]
        return sorted(found, key=lambda a: (a.day, a.kind.value, a.source))

    def __repr__(self) -> str:
        state = "closed" if self._closed else f"{len(self._snapshots)} snapshot(s)"
        return f"<MemoryStore {state}>"
