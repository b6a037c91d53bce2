"""Day-over-day and week-over-week changes of one profile's score."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable
from typing import Any, Final, Literal

import attrs

from ssi_index._errors import AnalysisError
from ssi_index._model import Pillar
from ssi_index._snapshot import Note, Snapshot
from ssi_index.analytics._series import (
    PillarDeltas,
    check_number,
    delta,
    history,
    monday,
    notes_of,
    weekly,
)

__all__ = ["DEFAULT_THRESHOLD", "PILLAR_THRESHOLD", "Change", "changes"]

DEFAULT_THRESHOLD: Final = 2.0
"""Points the total must move (either way) for a change not to count as flat."""
PILLAR_THRESHOLD: Final = 0.5
"""Points a pillar must move (either way) to count as a rise or a drop (ssi-index's own)."""

Period = Literal["day", "week"]
_PERIODS: Final = ("day", "week")


@attrs.frozen(kw_only=True)
class Change:
    """How one profile's score moved between two snapshots.

    For ``period="day"`` the two are consecutive snapshots; for ``period="week"``
    they are the values of consecutive ISO weeks that have one (a week's value is
    its last snapshot). Missing days or weeks are skipped, never read as zeros:
    :attr:`days` and :attr:`weeks` say how far apart the two are.

    Attributes:
        period: ``"day"`` or ``"week"``.
        before: The earlier snapshot.
        after: The later snapshot.
        total: ``after.overall - before.overall``, in points.
        pillars: Each pillar's ``after - before``.
        moved_most: The pillar with the largest move either way; ``None`` if
            no pillar moved. Ties go to the first in LinkedIn's order.
        flat: Whether the total moved by less than the threshold either way.
        notes: The profile's notes from the period this change covers: the days
            after :attr:`before` up to and including :attr:`after` (``"day"``),
            or the whole ISO weeks after ``before``'s week up to and including
            ``after``'s week (``"week"``).
    """

    period: Period
    before: Snapshot
    after: Snapshot
    total: float
    pillars: PillarDeltas
    moved_most: Pillar | None
    flat: bool
    notes: tuple[Note, ...] = ()

    @property
    def profile(self) -> str:
        """The profile both snapshots belong to."""
        return self.after.profile

    @property
    def rises(self) -> tuple[tuple[Pillar, float], ...]:
        """The pillars that rose by :data:`PILLAR_THRESHOLD` or more, with their rise."""
        return tuple((p, d) for p, d in self.pillars.items() if d >= PILLAR_THRESHOLD)

    @property
    def drops(self) -> tuple[tuple[Pillar, float], ...]:
        """The pillars that fell by :data:`PILLAR_THRESHOLD` or more, with their (negative) move."""
        return tuple((p, d) for p, d in self.pillars.items() if d <= -PILLAR_THRESHOLD)

    @property
    def days(self) -> int:
        """Days between the two snapshots (1 for consecutive days)."""
        return (self.after.day - self.before.day).days

    @property
    def weeks(self) -> int:
        """ISO weeks between the two snapshots' weeks (0 within one week)."""
        return (monday(self.after.day) - monday(self.before.day)).days // 7

    def summary(self) -> dict[str, Any]:
        """The change as JSON-ready data: days, total, pillar moves, ``moved_most``, ``flat``.

        What the CLI's ``history --json`` and the MCP server's history tool show for
        each weekly change (the snapshots themselves are not repeated).
        """
        return {
            "from": self.before.day.isoformat(),
            "to": self.after.day.isoformat(),
            "days": self.days,
            "total": self.total,
            "pillars": self.pillars.to_dict(),
            "moved_most": None if self.moved_most is None else self.moved_most.value,
            "flat": self.flat,
        }

    @property
    def span(self) -> tuple[dt.date, dt.date]:
        """The first and last day of the period this change covers (see :attr:`notes`)."""
        if self.period == "week":
            start = monday(self.before.day) + dt.timedelta(days=7)
            return (start, monday(self.after.day) + dt.timedelta(days=6))
        return (self.before.day + dt.timedelta(days=1), self.after.day)


def _between(
    before: Snapshot, after: Snapshot, period: Period, threshold: float, notes: list[Note]
) -> Change:
    total = delta(after.score.overall, before.score.overall)
    pillars = PillarDeltas.between(before.score.pillars, after.score.pillars)
    change = Change(
        period=period,
        before=before,
        after=after,
        total=total,
        pillars=pillars,
        moved_most=pillars.moved_most(),
        flat=abs(total) < threshold,
    )
    if not notes:
        return change
    first, last = change.span
    return attrs.evolve(change, notes=tuple(n for n in notes if first <= n.day <= last))


def changes(
    snapshots: Iterable[Snapshot],
    *,
    period: Period = "day",
    threshold: float = DEFAULT_THRESHOLD,
    notes: Iterable[Note] = (),
) -> list[Change]:
    """Return how one profile's score moved, day over day or week over week.

    The snapshots may come in any order; they are sorted by day. Weeks are ISO
    weeks (Monday to Sunday) of the snapshots' UTC days, and a week's value is its
    last snapshot. Days or weeks without a snapshot are gaps: the change is taken
    across them and says how many days (:attr:`Change.days`) it spans.

    Args:
        snapshots: One profile's snapshots, e.g. ``store.history("me")``.
        period: ``"day"`` (each snapshot against the one before) or ``"week"``.
        threshold: A change whose total moved by less than this many points,
            either way, is :attr:`~Change.flat`.
        notes: The profile's notes; each change carries those of its period.

    Returns:
        One :class:`Change` per consecutive pair, oldest first; empty for fewer
        than two snapshots (or weeks).

    Raises:
        AnalysisError: the snapshots or notes belong to several profiles, a day
            appears twice, the period is unknown or the threshold is negative.

    Example:
        >>> import datetime as dt
        >>> from ssi_index import Score, Snapshot
        >>> def snap(day, *pillars):
        ...     return Snapshot(profile="me", day=day, score=Score.from_pillars(pillars))
        >>> friday, next_friday = dt.date(2026, 3, 6), dt.date(2026, 3, 13)
        >>> history = [snap(friday, 10, 10, 10, 10), snap(next_friday, 13, 10, 10, 10)]
        >>> week = changes(history, period="week")
        >>> week[0].total, week[0].moved_most.name, week[0].flat
        (3.0, 'PROFESSIONAL_BRAND', False)
    """
    if period not in _PERIODS:
        raise AnalysisError(f"period: expected 'day' or 'week', found {period!r}")
    threshold = check_number(threshold, "threshold", low=0.0)
    items = history(snapshots)
    noted = notes_of(notes, items[0].profile if items else None)
    points = weekly(items) if period == "week" else items
    return [
        _between(before, after, period, threshold, noted)
        for before, after in itertools.pairwise(points)
    ]
