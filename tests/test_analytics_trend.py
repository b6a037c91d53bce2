"""Tests for streaks and forecasts (ssi_index.analytics._trend)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ssi_index import (
    AnalysisError,
    Forecast,
    ForecastStatus,
    Score,
    Snapshot,
    Streak,
    UnreachableTargetError,
    forecast,
    streak,
)
from ssi_index.analytics import FORECAST_HORIZON_DAYS, MIN_FORECAST_POINTS

FRIDAY = dt.date(2026, 3, 6)  # ISO week 10 of 2026
MONDAY = dt.date(2026, 3, 2)


def snap(day: dt.date, total: float) -> Snapshot:
    quarter = total / 4
    return Snapshot(profile="me", day=day, score=Score.from_pillars([quarter] * 4))


def weekly(*totals: float | None, start: dt.date = FRIDAY) -> list[Snapshot]:
    """One snapshot per week on Fridays; None leaves the week out (a gap)."""
    return [
        snap(start + dt.timedelta(weeks=i), total)
        for i, total in enumerate(totals)
        if total is not None
    ]


class TestStreak:
    def test_improving_weeks_in_a_row(self) -> None:
        s = streak(weekly(40, 39, 41, 42, 45))
        assert s == Streak(target=None, weeks=3, since=MONDAY + dt.timedelta(weeks=2), longest=3)

    def test_a_flat_or_falling_latest_week_ends_the_streak(self) -> None:
        s = streak(weekly(40, 41, 42, 43, 43))
        assert s.weeks == 0
        assert s.since is None
        assert s.longest == 3

    def test_a_missing_week_breaks_the_streak(self) -> None:
        s = streak(weekly(40, 41, 42, None, 44, 45))
        assert s.weeks == 1  # 44 -> 45; 42 -> 44 spans a gap, so it is not "in a row"
        assert s.longest == 2

    def test_a_weeks_value_is_its_last_snapshot(self) -> None:
        history = [
            snap(MONDAY, 40),
            snap(MONDAY + dt.timedelta(days=4), 38),  # week 10 ends at 38
            snap(MONDAY + dt.timedelta(days=7), 39),  # week 11: 39 > 38, improving
        ]
        assert streak(history).weeks == 1

    def test_at_or_above_target(self) -> None:
        s = streak(weekly(72, 69, 70, 71, 70), target=70)
        assert s == Streak(target=70.0, weeks=3, since=MONDAY + dt.timedelta(weeks=2), longest=3)
        assert streak(weekly(72, 69), target=70).weeks == 0
        assert streak(weekly(72, 75, None, 71), target=70) == Streak(
            target=70.0, weeks=1, since=MONDAY + dt.timedelta(weeks=3), longest=2
        )

    def test_empty_and_single(self) -> None:
        assert streak([]) == Streak(target=None, weeks=0, since=None, longest=0)
        assert streak(weekly(50)).weeks == 0
        assert streak(weekly(50), target=40).weeks == 1

    def test_bad_target(self) -> None:
        with pytest.raises(
            AnalysisError, match="target: expected a total from 0 to 100, found 101"
        ):
            streak([], target=101)
        with pytest.raises(AnalysisError, match="target: expected 0 or more, found -1"):
            streak([], target=-1)


class TestForecast:
    def test_on_track_at_the_recent_pace(self) -> None:
        f = forecast(weekly(40, 41, 42, 43), 45)
        assert f.status is ForecastStatus.ON_TRACK
        assert f.pace == 1.0  # points per week
        assert f.points == 4
        assert f.latest is not None
        assert f.latest.day == FRIDAY + dt.timedelta(weeks=3)
        assert f.day == f.latest.day + dt.timedelta(days=14)  # 2 points at 1/7 a day

    def test_projection_starts_from_the_latest_value(self) -> None:
        # Fitted pace 0.5/week; the last week dipped to 41, so 4 points remain: 8 weeks.
        f = forecast(weekly(40, 41, 43, 41), 45)
        assert f.status is ForecastStatus.ON_TRACK
        assert f.pace is not None
        assert f.pace == pytest.approx(0.5)
        assert f.latest is not None
        assert f.day == f.latest.day + dt.timedelta(days=56)

    def test_reached(self) -> None:
        f = forecast(weekly(60, 70), 70)
        assert f == Forecast(
            status=ForecastStatus.REACHED,
            target=70.0,
            day=FRIDAY + dt.timedelta(weeks=1),
            latest=weekly(60, 70)[1],
        )

    def test_not_enough_data(self) -> None:
        assert MIN_FORECAST_POINTS == 3
        f = forecast(weekly(40, 41), 45)
        assert f.status is ForecastStatus.NOT_ENOUGH_DATA
        assert f.day is None
        assert f.pace is None
        assert f.points == 2
        assert forecast([], 45) == Forecast(status=ForecastStatus.NOT_ENOUGH_DATA, target=45.0)

    def test_many_snapshots_in_one_week_are_one_value(self) -> None:
        history = [snap(MONDAY + dt.timedelta(days=i), 40 + i) for i in range(7)]
        assert forecast(history, 60).status is ForecastStatus.NOT_ENOUGH_DATA

    def test_only_the_window_counts(self) -> None:
        # Old weeks rose fast; the last 4 weeks are flat: not at this pace.
        history = weekly(10, 20, 30, 40, 40, 40, 40)
        assert forecast(history, 60, weeks=4).status is ForecastStatus.NOT_AT_THIS_PACE
        assert forecast(history, 60, weeks=7).status is ForecastStatus.ON_TRACK

    def test_gaps_in_the_window_are_left_out_not_zeros(self) -> None:
        f = forecast(weekly(40, None, 42, None, 44), 50, weeks=5)
        assert f.status is ForecastStatus.ON_TRACK
        assert f.points == 3
        assert f.pace == 1.0

    def test_not_at_this_pace_when_flat_or_falling(self) -> None:
        f = forecast(weekly(45, 44, 43), 50)
        assert f.status is ForecastStatus.NOT_AT_THIS_PACE
        assert f.pace == -1.0
        assert f.day is None
        assert forecast(weekly(45, 45, 45), 50).status is ForecastStatus.NOT_AT_THIS_PACE

    def test_not_at_this_pace_beyond_the_horizon(self) -> None:
        f = forecast(weekly(40, 40.01, 40.02), 99)
        assert f.status is ForecastStatus.NOT_AT_THIS_PACE
        assert f.pace == pytest.approx(0.01)
        near = forecast(weekly(40, 41, 42), 99)
        assert near.status is ForecastStatus.ON_TRACK
        assert near.day is not None
        assert near.latest is not None
        assert (near.day - near.latest.day).days <= FORECAST_HORIZON_DAYS

    def test_bad_arguments(self) -> None:
        with pytest.raises(
            UnreachableTargetError, match="expected a total from 0 to 100, found 120"
        ):
            forecast([], 120)
        with pytest.raises(AnalysisError, match="target: expected 0 or more, found -5"):
            forecast([], -5)
        with pytest.raises(AnalysisError, match="weeks: expected 2 or more, found 1"):
            forecast([], 50, weeks=1)
        with pytest.raises(AnalysisError, match=r"weeks: expected a whole number, found 2\.5"):
            forecast([], 50, weeks=2.5)  # type: ignore[arg-type]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.one_of(st.none(), st.floats(0, 100)), min_size=0, max_size=20),
    st.floats(0, 100),
    st.integers(2, 12),
)
def test_forecast_is_honest(totals: list[float | None], target: float, weeks: int) -> None:
    history = weekly(*totals)
    f = forecast(history, target, weeks=weeks)
    if f.status is ForecastStatus.REACHED:
        assert history[-1].score.overall >= target - 1e-9  # totals keep 10 decimals
    elif f.status is ForecastStatus.ON_TRACK:
        assert f.pace is not None
        assert f.pace > 0
        assert f.day is not None
        assert f.latest is not None
        assert 0 < (f.day - f.latest.day).days <= FORECAST_HORIZON_DAYS
        # At the fitted pace, the day named is the first one at or past the target.
        per_day = f.pace / 7
        reached = f.latest.score.overall + per_day * (f.day - f.latest.day).days
        assert reached >= target - 1e-6
    elif f.status is ForecastStatus.NOT_ENOUGH_DATA:
        assert f.points < MIN_FORECAST_POINTS
        assert f.day is None
    else:
        assert f.day is None
        assert f.pace is not None
        assert f.points >= MIN_FORECAST_POINTS


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(st.none(), st.floats(0, 100)), max_size=20))
def test_streak_never_exceeds_the_weeks_recorded(totals: list[float | None]) -> None:
    s = streak(weekly(*totals))
    recorded = sum(t is not None for t in totals)
    assert 0 <= s.weeks <= s.longest <= max(0, recorded - 1)
    assert (s.since is None) == (s.weeks == 0)
