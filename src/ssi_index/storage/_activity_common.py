"""What every backend shares for activities: the batch check and the key."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ssi_index._activity import Activity
from ssi_index._errors import StorageError

__all__ = ["ActivityKey", "check_activities"]

ActivityKey = tuple[str, dt.date, str, str]
"""One activity count's identity in a store: ``(profile, day, kind value, source)``."""


def check_activities(activities: Iterable[Activity]) -> dict[ActivityKey, Activity]:
    """Key a batch by ``(profile, day, kind, source)``; a later item replaces an earlier one.

    Raises:
        StorageError: an item is not an :class:`~ssi_index.Activity`, or one
            activity was given where an iterable of them was expected.
    """
    if isinstance(activities, Activity):
        raise StorageError(
            "put_activities: expected an iterable of Activity, found one Activity; "
            "wrap it in a list"
        )
    batch: dict[ActivityKey, Activity] = {}
    for i, activity in enumerate(activities):
        if not isinstance(activity, Activity):
            raise StorageError(
                f"put_activities: item {i}: expected an Activity, found {type(activity).__name__}"
            )
        batch[(activity.profile, activity.day, activity.kind.value, activity.source)] = activity
    return batch
