"""Logging activity by hand, for what the archive lacks (``ssi-index activity log comment 5``)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Final

from ssi_index._activity import Activity, ActivityKind

from ._import import _check_profile
from ._text import format_number, message

if TYPE_CHECKING:
    from ssi_index.storage import SnapshotStore

__all__ = ["MANUAL_SOURCE", "log_activity", "log_message"]

MANUAL_SOURCE: Final = "manual"
"""The ``source`` of activities logged by hand."""


def log_activity(
    store: SnapshotStore,
    profile: str,
    kind: ActivityKind | str,
    count: int,
    *,
    day: dt.date | None = None,
    add: bool = False,
) -> Activity:
    """Record that *profile* did *count* of *kind* on *day* (today, UTC, by default).

    The count is kept under the source ``"manual"``, beside the archive's counts
    (which it never changes). Logging the same kind and day again sets the new
    count, so a mistake is fixed by logging again; ``add=True`` adds to what was
    logged for that day instead.

    Args:
        store: Where to keep it.
        profile: The profile id.
        kind: An :class:`~ssi_index.ActivityKind` or its value (``"comment"``).
        count: How many (0 or more).
        day: The UTC day; today when ``None``.
        add: Add to the day's logged count rather than replace it.

    Returns:
        The activity as stored.

    Raises:
        InvalidScoreError: an unknown kind, a negative count or an empty profile.
        StorageError: the store cannot be written.

    Example:
        >>> from ssi_index import MemoryStore
        >>> import datetime as dt
        >>> log_activity(MemoryStore(), "me", "comment", 5, day=dt.date(2026, 11, 30)).count
        5
    """
    profile = _check_profile(profile)
    when = dt.datetime.now(dt.UTC).date() if day is None else day
    activity = Activity(profile=profile, day=when, kind=kind, count=count, source=MANUAL_SOURCE)
    if add:
        logged = sum(
            a.count
            for a in store.activities(profile, since=activity.day, until=activity.day)
            if a.kind is activity.kind and a.source == MANUAL_SOURCE
        )
        activity = Activity(
            profile=profile,
            day=activity.day,
            kind=activity.kind,
            count=activity.count + logged,
            source=MANUAL_SOURCE,
        )
    store.put_activities([activity])
    return activity


def log_message(activity: Activity, locale: str = "en") -> str:
    """The line the CLI prints after logging: ``Logged for me on 2026-11-30: comments, 5.``."""
    return message(
        locale,
        "activity.log.done",
        count=format_number(locale, activity.count, 0),
        kind=message(locale, f"activity.kind.{activity.kind.value}"),
        day=activity.day.isoformat(),
        profile=activity.profile,
    )
