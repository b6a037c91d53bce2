"""Score history: the :class:`SnapshotStore` protocol, its backends and :func:`open_store`.

A store keeps one :class:`~ssi_index.Snapshot` per profile and day, notes and
team membership. Any object with these methods is a store; backends satisfy the
protocol without inheriting from anything. Three come with ssi-index:

- :class:`MemoryStore`, for tests and notebooks;
- :class:`SQLiteStore`, the embedded default (one file, standard library only);
- :class:`PostgresStore`, with the ``ssi-index[postgres]`` extra (imported only when used).

Open one by URL with :func:`open_store`; with no URL it reads ``SSI_INDEX_STORE``
and falls back to a SQLite file in the user's data folder (:func:`default_path`).
Third-party backends register a URL scheme in the ``ssi_index.stores``
entry-point group and check themselves with :class:`ssi_index.testing.StoreContract`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Protocol, Self, runtime_checkable

from ssi_index._activity import Activity
from ssi_index._snapshot import Note, Snapshot

from ._common import MAX_PROFILE_LENGTH, MAX_TIMEOUT
from ._memory import MemoryStore
from ._sqlite import SQLiteStore
from ._url import ENTRY_POINT_GROUP, ENV_VAR, default_path, open_store

if TYPE_CHECKING:
    from ._postgres import PostgresStore

__all__ = [
    "ENTRY_POINT_GROUP",
    "ENV_VAR",
    "MAX_PROFILE_LENGTH",
    "MAX_TIMEOUT",
    "MemoryStore",
    "PostgresStore",
    "SQLiteStore",
    "SnapshotStore",
    "default_path",
    "open_store",
]


@runtime_checkable
class SnapshotStore(Protocol):
    """What every score-history backend provides.

    Rules every backend keeps (:class:`ssi_index.testing.StoreContract` checks them):

    - One snapshot per ``(profile, day)``. A later put replaces the stored one,
      unless the stored one has a newer ``captured_at`` (a known capture time
      beats ``None``); putting an equal snapshot changes nothing.
    - What is put comes back equal (``==``): missing values stay ``None``, groups
      keep their order, floats are exact.
    - Days without a snapshot are gaps; nothing is filled in.
    - Lists come back sorted: snapshots and notes by day, profiles by name.
    - Profile ids and team names follow one rule: not blank, at most
      :data:`MAX_PROFILE_LENGTH` characters, no control characters (U+0000-U+001F,
      U+007F-U+009F), no lone surrogates; text (sources, group kinds and names,
      notes) holds no NUL and no lone surrogate; group sizes fit in 64 bits. Anything
      else is refused with :class:`~ssi_index.StorageError`, by reads as well as writes.
    """

    def put(self, snapshot: Snapshot) -> bool:
        """Store *snapshot* under its profile and day.

        Returns:
            ``True`` if it was written (new, or it replaced the stored one),
            ``False`` if the stored one was kept (newer, or equal).
        """
        ...

    def put_many(self, snapshots: Iterable[Snapshot]) -> int:
        """Store a batch in one transaction: all of it, or nothing if anything fails.

        Items for the same profile and day are applied in order, with the same
        rule as :meth:`put`.

        Returns:
            How many puts wrote: what calling :meth:`put` on each would add up to.
        """
        ...

    def get(self, profile: str, day: dt.date) -> Snapshot | None:
        """Return the snapshot of *profile* on *day*, or ``None``."""
        ...

    def history(
        self, profile: str, since: dt.date | None = None, until: dt.date | None = None
    ) -> list[Snapshot]:
        """Return *profile*'s snapshots from *since* to *until*, both inclusive, by day."""
        ...

    def iter_snapshots(self) -> Iterator[Snapshot]:
        """Yield every snapshot, sorted by profile and then day, without loading them all.

        What :func:`~ssi_index.analytics.export_csv` and the other exports read a
        whole store with: memory stays bounded by one profile's history.
        """
        ...

    def latest(self, profiles: Iterable[str] | None = None) -> list[Snapshot]:
        """Return each profile's newest snapshot, sorted by profile.

        Args:
            profiles: Only these profiles (those without snapshots are left out);
                ``None`` for every profile.
        """
        ...

    def profiles(self) -> list[str]:
        """Return every profile that has a snapshot, sorted."""
        ...

    def delete_profile(self, profile: str) -> int:
        """Delete *profile*'s snapshots, notes, activities and team membership.

        Returns:
            How many snapshots were deleted.
        """
        ...

    def add_note(self, note: Note) -> None:
        """Keep *note* (notes are never replaced; adding one twice keeps both)."""
        ...

    def notes(
        self, profile: str, since: dt.date | None = None, until: dt.date | None = None
    ) -> list[Note]:
        """Return *profile*'s notes from *since* to *until* (inclusive), by day, then as added."""
        ...

    def set_team(self, profile: str, team: str | None) -> None:
        """Put *profile* in *team*; a profile is in at most one team, ``None`` takes it out."""
        ...

    def team_members(self, team: str) -> list[str]:
        """Return the profiles in *team*, sorted."""
        ...

    def close(self) -> None:
        """Release the store's resources; calling it again does nothing."""
        ...

    def put_activities(self, activities: Iterable[Activity]) -> int:
        """Store per-day activity counts in one transaction: all of them, or none.

        The key is ``(profile, day, kind, source)``; a later write for a key
        replaces its count (it never adds to it). Within one batch the last item
        for a key wins.

        Returns:
            How many keys were added or got a different count (an equal count
            changes nothing and is not counted).
        """
        ...

    def activities(
        self, profile: str, since: dt.date | None = None, until: dt.date | None = None
    ) -> list[Activity]:
        """Return *profile*'s activity counts from *since* to *until* (inclusive).

        Sorted by day, then kind value, then source.
        """
        ...

    def __enter__(self) -> Self:
        """Return the store itself."""
        ...

    def __exit__(self, *exc: object) -> None:
        """Close the store."""
        ...


def __getattr__(name: str) -> object:
    # PostgresStore is imported on first use, so psycopg is never imported with ssi_index.
    if name == "PostgresStore":
        from ._postgres import PostgresStore

        return PostgresStore
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
