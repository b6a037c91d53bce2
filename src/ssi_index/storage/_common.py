"""What every backend shares: the replacement rule and argument checks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ssi_index._errors import StorageError
from ssi_index._snapshot import Note, Snapshot

__all__ = [
    "Key",
    "check_day",
    "check_note",
    "check_profile",
    "check_profiles",
    "check_range",
    "check_snapshots",
    "check_team",
    "replaces",
    "resolve",
    "settle",
]

Key = tuple[str, dt.date]
"""One snapshot's identity in a store: ``(profile, day)``."""


def replaces(current: Snapshot | None, new: Snapshot) -> bool:
    """Whether putting *new* over *current* (same profile and day) writes it.

    A later put replaces the stored snapshot unless the stored one was captured
    later (a known capture time beats ``None``); an equal snapshot changes nothing.
    """
    if current is None:
        return True
    kept = current.captured_at
    if kept is not None and (new.captured_at is None or kept > new.captured_at):
        return False
    return new != current


def resolve(stored: Snapshot | None, chain: Iterable[Snapshot]) -> tuple[Snapshot | None, int]:
    """Apply :func:`replaces` to *chain* in order, starting from *stored*.

    Returns:
        The snapshot that ends up stored, and how many puts of *chain* wrote.
    """
    current = stored
    written = 0
    for new in chain:
        if replaces(current, new):
            current = new
            written += 1
    return current, written


def settle(chain: list[Snapshot]) -> tuple[Snapshot, int]:
    """:func:`resolve` from an empty slot: the snapshot that ends up stored, and the writes."""
    if len(chain) == 1:  # the usual case, kept quick for large batches
        return chain[0], 1
    current = chain[0]
    written = 1
    for new in chain[1:]:
        if replaces(current, new):
            current = new
            written += 1
    return current, written


def check_snapshots(snapshots: Iterable[Snapshot]) -> dict[Key, list[Snapshot]]:
    """Group a batch by ``(profile, day)`` in order, refusing anything but snapshots."""
    if isinstance(snapshots, Snapshot):
        raise StorageError(
            "put_many: expected an iterable of Snapshot, found one Snapshot; use put()"
        )
    by_key: dict[Key, list[Snapshot]] = {}
    for i, snapshot in enumerate(snapshots):
        if not isinstance(snapshot, Snapshot):
            raise StorageError(
                f"put_many: item {i}: expected a Snapshot, found {type(snapshot).__name__}"
            )
        key = (snapshot.profile, snapshot.day)
        chain = by_key.get(key)
        if chain is None:
            by_key[key] = [snapshot]
        else:
            chain.append(snapshot)
    return by_key


def check_note(note: Note) -> Note:
    """Return *note*, or raise :class:`StorageError` if it is not a :class:`Note`."""
    if not isinstance(note, Note):
        raise StorageError(f"add_note: expected a Note, found {type(note).__name__}")
    return note


def check_profile(profile: str) -> str:
    """Return *profile*, or raise :class:`StorageError` if it is not a non-empty string."""
    if not isinstance(profile, str) or not profile.strip():
        raise StorageError(f"expected a non-empty profile id, found {profile!r}")
    return profile


def check_profiles(profiles: Iterable[str] | None) -> list[str] | None:
    """Return the distinct profile ids asked for, sorted, or ``None`` for all of them."""
    if profiles is None:
        return None
    if isinstance(profiles, str):
        raise StorageError(
            f"latest: expected an iterable of profile ids, found the single string {profiles!r}; "
            "wrap it in a list"
        )
    return sorted({check_profile(p) for p in profiles})


def check_team(team: str | None) -> str | None:
    """Return *team*, or raise :class:`StorageError` if it is neither ``None`` nor a name."""
    if team is not None and (not isinstance(team, str) or not team.strip()):
        raise StorageError(f"expected a non-empty team name or None, found {team!r}")
    return team


def check_day(day: dt.date) -> dt.date:
    """Return *day*, or raise :class:`StorageError` if it is not a date."""
    if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
        raise StorageError(f"expected a date, found {type(day).__name__} {day!r}")
    return day


def check_range(since: dt.date | None, until: dt.date | None) -> tuple[dt.date, dt.date]:
    """Return inclusive day bounds, open ends becoming the smallest and largest dates."""
    for name, value in (("since", since), ("until", until)):
        if value is not None and (not isinstance(value, dt.date) or isinstance(value, dt.datetime)):
            raise StorageError(f"{name}: expected a date or None, found {value!r}")
    return (since or dt.date.min, until or dt.date.max)
