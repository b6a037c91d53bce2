"""Tests for drop alerts (ssi_index.analytics._alerts)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ssi_index import AnalysisError, DropAlert, Score, Snapshot, drop_alerts
from ssi_index.analytics import DEFAULT_MIN_DROP

MONDAY = dt.date(2026, 3, 2)


def snap(n: int, *pillars: float) -> Snapshot:
    return Snapshot(
        profile="me", day=MONDAY + dt.timedelta(days=n), score=Score.from_pillars(list(pillars))
    )


def test_all_four_pillars_falling_on_one_day_is_a_likely_recalculation() -> None:
    history = [snap(0, 12, 11, 10, 9), snap(1, 11, 10, 9.5, 8.9)]
    (alert,) = drop_alerts(history)
    assert isinstance(alert, DropAlert)
    assert alert.drop == 2.6
    assert alert.day == history[1].day
    assert alert.likely_recalculation
    assert alert.change.total == -2.6


def test_one_pillar_falling_is_the_members_doing() -> None:
    (alert,) = drop_alerts([snap(0, 12, 11, 10, 9), snap(1, 12, 11, 10, 5)])
    assert alert.drop == 4.0
    assert not alert.likely_recalculation


def test_a_pillar_that_held_breaks_the_flag() -> None:
    (alert,) = drop_alerts([snap(0, 12, 11, 10, 9), snap(1, 10, 10, 10, 8)])
    assert not alert.likely_recalculation


def test_a_drop_across_missing_days_is_not_flagged() -> None:
    (alert,) = drop_alerts([snap(0, 12, 11, 10, 9), snap(3, 11, 10, 9, 8)])
    assert alert.change.days == 3
    assert alert.drop == 4.0
    assert not alert.likely_recalculation


def test_min_drop_threshold_inclusive() -> None:
    history = [
        snap(0, 10, 10, 10, 10),
        snap(1, 8, 10, 10, 10),  # -2.0: alert at the default
        snap(2, 6.5, 10, 10, 10),  # -1.5: no alert
        snap(3, 9, 10, 10, 10),  # rise: never an alert
        snap(4, 5, 10, 10, 10),  # -4.0
    ]
    assert DEFAULT_MIN_DROP == 2.0
    assert [a.day for a in drop_alerts(history)] == [history[1].day, history[4].day]
    assert [a.drop for a in drop_alerts(history, min_drop=1.5)] == [2.0, 1.5, 4.0]
    assert [a.drop for a in drop_alerts(history, min_drop=3)] == [4.0]


def test_unsorted_input() -> None:
    history = [snap(1, 11, 10, 9, 8), snap(0, 12, 11, 10, 9)]
    (alert,) = drop_alerts(history)
    assert alert.change.before.day == MONDAY


def test_bad_min_drop() -> None:
    with pytest.raises(AnalysisError, match="min_drop: expected more than 0, found 0"):
        drop_alerts([], min_drop=0)
    with pytest.raises(AnalysisError, match="min_drop: expected a finite number, found 'big'"):
        drop_alerts([], min_drop="big")  # type: ignore[arg-type]


def test_several_profiles_refused() -> None:
    other = Snapshot(profile="bob", day=MONDAY, score=Score.from_pillars([1, 1, 1, 1]))
    with pytest.raises(AnalysisError, match="found 2 profiles"):
        drop_alerts([snap(1, 10, 10, 10, 10), other])


points = st.floats(0, 25, allow_nan=False)


@settings(max_examples=100, deadline=None)
@given(
    st.dictionaries(st.integers(0, 60), st.tuples(points, points, points, points), max_size=30),
    st.floats(0.01, 30),
)
def test_alerts_are_exactly_the_drops(
    by_day: dict[int, tuple[float, float, float, float]], min_drop: float
) -> None:
    history = sorted((snap(n, *p) for n, p in by_day.items()), key=lambda s: s.day)
    alerts = drop_alerts(history, min_drop=min_drop)
    expected = [
        b.day
        for a, b in itertools.pairwise(history)
        if round(a.score.overall - b.score.overall, 10) >= min_drop
    ]
    assert [x.day for x in alerts] == expected
    for alert in alerts:
        assert alert.drop >= min_drop > 0
        fell = all(v < 0 for v in alert.change.pillars.values())
        assert alert.likely_recalculation == (fell and alert.change.days == 1)
