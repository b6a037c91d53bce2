"""Streaks of good weeks and a forecast of the day a target is reached."""

from __future__ import annotations

import datetime as dt
import enum
import math
from collections.abc import Iterable
from typing import Final

import attrs

from ssi_index._errors import AnalysisError, UnreachableTargetError
from ssi_index._model import TOTAL_MAX
from ssi_index._snapshot import Snapshot
from ssi_index.analytics._series import check_int, check_number, delta, history, monday, weekly

__all__ = [
    "DEFAULT_FORECAST_WEEKS",
    "FORECAST_HORIZON_DAYS",
    "MIN_FORECAST_POINTS",
    "Forecast",
    "ForecastStatus",
    "Streak",
    "forecast",
    "streak",
]

DEFAULT_FORECAST_WEEKS: Final = 8
"""How many recent ISO weeks :func:`forecast` fits its trend to by default."""
MIN_FORECAST_POINTS: Final = 3
"""The fewest weekly values :func:`forecast` fits a trend to."""
FORECAST_HORIZON_DAYS: Final = 5 * 365
"""How far ahead :func:`forecast` still names a day; a later one is "not at this pace"."""

_WEEK: Final = dt.timedelta(days=7)


@attrs.frozen(kw_only=True)
class Streak:
    """Weeks in a row that were good: improving, or at or above a target.

    Weeks are ISO weeks; a week's value is its last snapshot. A week without
    any snapshot breaks a streak: nothing is known about it.

    Attributes:
        target: The target the weeks were held to, or ``None`` for "improving"
            (a week whose value is higher than the week just before it).
        weeks: The current streak: good weeks in a row ending with the latest
            week of the history (0 if that week was not good).
        since: The Monday of the current streak's first week, or ``None``.
        longest: The longest streak anywhere in the history.
    """

    target: float | None
    weeks: int
    since: dt.date | None
    longest: int


def streak(snapshots: Iterable[Snapshot], *, target: float | None = None) -> Streak:
    """Count the weeks in a row that improved, or that stayed at or above *target*.

    Args:
        snapshots: One profile's snapshots, in any order.
        target: A total (0-100). Without it, a good week is one whose value is
            higher than the previous ISO week's; with it, one whose value is at
            least *target*.

    Returns:
        The current and the longest :class:`Streak`.

    Raises:
        AnalysisError: the snapshots belong to several profiles, a day appears
            twice, or *target* is not a number from 0 to 100.

    Example:
        >>> import datetime as dt
        >>> from ssi_index import Score, Snapshot
        >>> snaps = [
        ...     Snapshot(profile="me", day=dt.date(2026, 3, 2) + dt.timedelta(weeks=i),
        ...              score=Score.from_pillars([10 + i, 10, 10, 10]))
        ...     for i in range(4)
        ... ]
        >>> s = streak(snaps)
        >>> s.weeks, s.since
        (3, datetime.date(2026, 3, 9))
    """
    goal = None if target is None else _check_target(target, error=False)
    values = weekly(history(snapshots))
    run = longest = 0
    since: dt.date | None = None
    previous: Snapshot | None = None
    for value in values:
        adjacent = previous is not None and monday(value.day) - monday(previous.day) == _WEEK
        if goal is None:
            good = (
                previous is not None
                and adjacent
                and delta(value.score.overall, previous.score.overall) > 0
            )
        else:
            good = value.score.overall >= goal
        if not good:
            run, since = 0, None
        elif run and adjacent:
            run += 1
        else:
            run, since = 1, monday(value.day)
        longest = max(longest, run)
        previous = value
    return Streak(target=goal, weeks=run, since=since, longest=longest)


class ForecastStatus(enum.Enum):
    """What a :class:`Forecast` could say."""

    REACHED = "reached"
    """The latest value is already at or above the target."""
    ON_TRACK = "on-track"
    """At the recent pace, the target is reached on :attr:`Forecast.day`."""
    NOT_AT_THIS_PACE = "not-at-this-pace"
    """The recent trend is flat or falling, or reaches the target only beyond the horizon."""
    NOT_ENOUGH_DATA = "not-enough-data"
    """Too few weekly values in the window to fit a trend."""


@attrs.frozen(kw_only=True)
class Forecast:
    """When a target total is reached at the recent pace, or why that cannot be said.

    Attributes:
        status: What the forecast found; read it before :attr:`day`.
        target: The target total.
        day: The first day the target is expected (:attr:`ForecastStatus.ON_TRACK`),
            or the latest snapshot's day (:attr:`ForecastStatus.REACHED`); else ``None``.
        pace: The fitted trend in points per week (negative when falling), or
            ``None`` when there was not enough data to fit one.
        points: How many weekly values the trend was fitted to.
        latest: The latest snapshot, from which the projection starts; ``None``
            for an empty history.
    """

    status: ForecastStatus
    target: float
    day: dt.date | None = None
    pace: float | None = None
    points: int = 0
    latest: Snapshot | None = None


def _slope(xs: list[float], ys: list[float]) -> float:
    """Return the least-squares slope of ys over xs (xs not all equal)."""
    mean_x = math.fsum(xs) / len(xs)
    mean_y = math.fsum(ys) / len(ys)
    num = math.fsum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    den = math.fsum((x - mean_x) ** 2 for x in xs)
    return num / den


def forecast(
    snapshots: Iterable[Snapshot], target: float, *, weeks: int = DEFAULT_FORECAST_WEEKS
) -> Forecast:
    """Forecast the day the total reaches *target*, from the recent trend.

    The method, kept simple so it can be checked by hand:

    1. Take the weekly values (each ISO week's last snapshot) of the last
       *weeks* ISO weeks, counting back from the latest snapshot's week. Weeks
       without a snapshot are left out, never read as zeros.
    2. With fewer than :data:`MIN_FORECAST_POINTS` values, say
       :attr:`~ForecastStatus.NOT_ENOUGH_DATA`.
    3. Fit a straight line by least squares to (day, total) of those values;
       its slope is the pace.
    4. From the latest snapshot's total, walk at that pace to the target. A
       pace of zero or below, or a day more than :data:`FORECAST_HORIZON_DAYS`
       ahead, is :attr:`~ForecastStatus.NOT_AT_THIS_PACE`.

    A latest total already at or above the target is
    :attr:`~ForecastStatus.REACHED`, whatever the trend.

    Args:
        snapshots: One profile's snapshots, in any order.
        target: The total to reach, 0-100.
        weeks: How many recent ISO weeks to fit the trend to; 2 or more.

    Returns:
        A :class:`Forecast`; check its :attr:`~Forecast.status`.

    Raises:
        UnreachableTargetError: *target* is above 100.
        AnalysisError: the snapshots belong to several profiles, a day appears
            twice, *target* is below 0, or *weeks* is below 2.

    Example:
        >>> import datetime as dt
        >>> from ssi_index import Score, Snapshot
        >>> snaps = [
        ...     Snapshot(profile="me", day=dt.date(2026, 3, 6) + dt.timedelta(weeks=i),
        ...              score=Score.from_pillars([10 + i, 10, 10, 10]))
        ...     for i in range(4)
        ... ]
        >>> f = forecast(snaps, 45)
        >>> f.status.value, f.pace, f.day
        ('on-track', 1.0, datetime.date(2026, 4, 10))
    """
    goal = _check_target(target, error=True)
    weeks = check_int(weeks, "weeks", low=2)
    items = history(snapshots)
    if not items:
        return Forecast(status=ForecastStatus.NOT_ENOUGH_DATA, target=goal)
    latest = items[-1]
    # A score's total is kept to 10 decimals: a target within that rounding is reached.
    if latest.score.overall >= goal - 1e-9:
        return Forecast(status=ForecastStatus.REACHED, target=goal, day=latest.day, latest=latest)
    start = monday(latest.day) - (weeks - 1) * _WEEK
    window = [s for s in weekly(items) if s.day >= start]
    if len(window) < MIN_FORECAST_POINTS:
        return Forecast(
            status=ForecastStatus.NOT_ENOUGH_DATA, target=goal, points=len(window), latest=latest
        )
    per_day = _slope(
        [float((s.day - window[0].day).days) for s in window],
        [s.score.overall for s in window],
    )
    pace = round(per_day * 7, 10) + 0.0
    result = Forecast(
        status=ForecastStatus.NOT_AT_THIS_PACE,
        target=goal,
        pace=pace,
        points=len(window),
        latest=latest,
    )
    if per_day <= 0:
        return result
    # Rounded first so that float noise (4.0000000001 days) does not add a day.
    needed = max(1, math.ceil(round((goal - latest.score.overall) / per_day, 9)))
    if needed > FORECAST_HORIZON_DAYS:
        return result
    day = latest.day + dt.timedelta(days=needed)
    return attrs.evolve(result, status=ForecastStatus.ON_TRACK, day=day)


def _check_target(target: object, *, error: bool) -> float:
    """Return *target* as a float from 0 to 100, or raise.

    Above 100 raises UnreachableTargetError when *error* is set (a forecast's
    target), else AnalysisError like any bad option.
    """
    goal = check_number(target, "target", low=0.0)
    if goal > TOTAL_MAX:
        message = f"target: expected a total from 0 to 100, found {target!r}"
        raise (UnreachableTargetError if error else AnalysisError)(message)
    return goal
