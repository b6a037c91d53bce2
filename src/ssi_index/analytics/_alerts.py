"""Drop alerts: days on which the total fell, flagging likely LinkedIn recalculations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Final

import attrs

from ssi_index._snapshot import Snapshot
from ssi_index.analytics._changes import Change, changes
from ssi_index.analytics._series import check_number

__all__ = ["DEFAULT_MIN_DROP", "DropAlert", "drop_alerts"]

DEFAULT_MIN_DROP: Final = 2.0
"""Points the total must fall from one snapshot to the next to raise an alert."""


@attrs.frozen
class DropAlert:
    """The total fell by at least the alert's minimum from one snapshot to the next.

    Attributes:
        change: The day-over-day change that fell (its ``total`` is negative).
        likely_recalculation: All four pillars fell, and on one day (the two
            snapshots are on consecutive days). A member rarely loses ground on
            every pillar at once; LinkedIn recalculating the index for everyone
            is the likelier cause, so this drop is probably not the member's doing.
    """

    change: Change
    likely_recalculation: bool

    @property
    def day(self) -> dt.date:
        """The day of the lower score."""
        return self.change.after.day

    @property
    def drop(self) -> float:
        """How many points the total fell (a positive number)."""
        return -self.change.total


def drop_alerts(
    snapshots: Iterable[Snapshot], *, min_drop: float = DEFAULT_MIN_DROP
) -> list[DropAlert]:
    """Return an alert for each drop of the total by at least *min_drop* points.

    Each snapshot is compared with the one before it (sorted by day); a drop
    across missing days still counts, but is never flagged as a likely
    recalculation, since it did not happen on one day.

    Args:
        snapshots: One profile's snapshots, in any order.
        min_drop: The smallest fall of the total, in points, that raises an
            alert; more than 0.

    Returns:
        The alerts, oldest first.

    Raises:
        AnalysisError: the snapshots belong to several profiles, a day appears
            twice, or *min_drop* is not more than 0.

    Example:
        >>> import datetime as dt
        >>> from ssi_index import Score, Snapshot
        >>> def snap(day, *pillars):
        ...     return Snapshot(profile="me", day=day, score=Score.from_pillars(pillars))
        >>> monday, tuesday = dt.date(2026, 3, 2), dt.date(2026, 3, 3)
        >>> snaps = [snap(monday, 12, 11, 10, 9), snap(tuesday, 11, 10, 9, 8)]
        >>> [(a.drop, a.likely_recalculation) for a in drop_alerts(snaps)]
        [(4.0, True)]
    """
    min_drop = check_number(min_drop, "min_drop", low=0.0, above=True)
    return [
        DropAlert(
            change,
            likely_recalculation=change.days == 1 and all(v < 0 for v in change.pillars.values()),
        )
        for change in changes(snapshots, period="day", threshold=0.0)
        if -change.total >= min_drop
    ]
