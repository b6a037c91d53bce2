"""Tests for day-over-day and week-over-week changes (ssi_index.analytics._changes)."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import math
import random
from typing import assert_type

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ssi_index
from ssi_index import AnalysisError, Change, Note, Pillar, PillarDeltas, Score, Snapshot, changes
from ssi_index.analytics import DEFAULT_THRESHOLD

MONDAY = dt.date(2026, 3, 2)  # ISO week 10 of 2026


def snap(day: dt.date, *pillars: float, profile: str = "me") -> Snapshot:
    return Snapshot(profile=profile, day=day, score=Score.from_pillars(list(pillars)))


def day(n: int) -> dt.date:
    return MONDAY + dt.timedelta(days=n)


class TestDayOverDay:
    def test_deltas_of_total_and_each_pillar(self) -> None:
        before = snap(day(0), 13.4, 10.7, 11.1, 6.33)
        after = snap(day(1), 14.2, 9.0300007, 11.1, 7.2)
        (change,) = changes([before, after])
        assert change.period == "day"
        assert change.before is before
        assert change.after is after
        assert change.total == round(after.score.overall - before.score.overall, 10)
        assert change.pillars[Pillar.PROFESSIONAL_BRAND] == 0.8  # no binary noise
        assert change.pillars[Pillar.FIND_RIGHT_PEOPLE] == -1.6699993
        assert change.pillars[Pillar.INSIGHT_ENGAGEMENT] == 0.0
        assert change.pillars[Pillar.STRONG_RELATIONSHIP] == 0.87
        assert change.moved_most is Pillar.FIND_RIGHT_PEOPLE  # by size, either way
        assert change.days == 1
        assert change.profile == "me"

    def test_flat_under_threshold_either_way(self) -> None:
        history = [
            snap(day(0), 10, 10, 10, 10),
            snap(day(1), 11.9, 10, 10, 10),  # +1.9: flat
            snap(day(2), 13.9, 10, 10, 10),  # +2.0: not flat
            snap(day(3), 11.95, 10, 10, 10),  # -1.95: flat
        ]
        assert [c.flat for c in changes(history)] == [True, False, True]
        assert DEFAULT_THRESHOLD == 2.0
        assert [c.flat for c in changes(history, threshold=1.0)] == [False, False, False]
        assert [c.flat for c in changes(history, threshold=0)] == [False, False, False]

    def test_no_pillar_moved(self) -> None:
        (change,) = changes([snap(day(0), 10, 10, 10, 10), snap(day(1), 10, 10, 10, 10)])
        assert change.moved_most is None
        assert change.total == 0.0
        assert change.flat

    def test_tie_goes_to_linkedins_order(self) -> None:
        (change,) = changes([snap(day(0), 10, 10, 10, 10), snap(day(1), 10, 12, 10, 8)])
        assert change.moved_most is Pillar.FIND_RIGHT_PEOPLE

    def test_gap_is_spanned_not_filled(self) -> None:
        history = [snap(day(0), 10, 10, 10, 10), snap(day(5), 12, 10, 10, 10)]
        (change,) = changes(history)
        assert change.days == 5
        assert change.total == 2.0  # not 12 - 0: the missing days are not zeros

    def test_unsorted_input_is_sorted(self) -> None:
        history = [snap(day(i), 10 + i, 10, 10, 10) for i in range(5)]
        shuffled = history[:]
        random.Random(4).shuffle(shuffled)
        assert changes(shuffled) == changes(history)
        assert [c.after.day for c in changes(shuffled)] == [day(i) for i in range(1, 5)]

    def test_fewer_than_two_snapshots(self) -> None:
        assert changes([]) == []
        assert changes([snap(day(0), 10, 10, 10, 10)]) == []

    def test_accepts_any_iterable(self) -> None:
        history = (snap(day(i), 10 + i, 10, 10, 10) for i in range(3))
        assert len(changes(history)) == 2


class TestWeekOverWeek:
    def test_a_weeks_value_is_its_last_snapshot(self) -> None:
        history = [
            snap(day(0), 10, 10, 10, 10),  # Mon, week 10
            snap(day(6), 11, 10, 10, 10),  # Sun, week 10: the week's value
            snap(day(7), 20, 10, 10, 10),  # Mon, week 11
            snap(day(9), 14, 10, 10, 10),  # Wed, week 11: the week's value
        ]
        (change,) = changes(history, period="week")
        assert change.period == "week"
        assert change.before is history[1]
        assert change.after is history[3]
        assert change.total == 3.0
        assert change.weeks == 1
        assert change.days == 3
        assert change.span == (day(7), day(13))

    def test_week_gap_is_spanned(self) -> None:
        history = [snap(day(4), 10, 10, 10, 10), snap(day(4 + 21), 15, 10, 10, 10)]
        (change,) = changes(history, period="week")
        assert change.weeks == 3
        assert change.days == 21
        assert change.total == 5.0

    def test_iso_weeks_cross_the_year(self) -> None:
        # 2026-12-31 is a Thursday of ISO week 53 of 2026; 2027-01-03 (Sunday) is in it too.
        history = [
            snap(dt.date(2026, 12, 31), 10, 10, 10, 10),
            snap(dt.date(2027, 1, 3), 11, 10, 10, 10),
            snap(dt.date(2027, 1, 4), 13, 10, 10, 10),  # Monday: ISO week 1 of 2027
        ]
        (change,) = changes(history, period="week")
        assert change.before.day == dt.date(2027, 1, 3)
        assert change.total == 2.0

    def test_single_week_gives_no_change(self) -> None:
        history = [snap(day(i), 10 + i, 10, 10, 10) for i in range(7)]
        assert changes(history, period="week") == []


class TestNotes:
    def test_week_change_carries_the_notes_of_its_weeks(self) -> None:
        history = [snap(day(4), 10, 10, 10, 10), snap(day(11), 13, 10, 10, 10)]
        notes = [
            Note(profile="me", day=day(3), text="before the span"),
            Note(profile="me", day=day(6), text="Sunday of week 10: still the earlier week"),
            Note(profile="me", day=day(7), text="posted an article", pillar="PROFESSIONAL_BRAND"),
            Note(profile="me", day=day(13), text="Sunday after the snapshot: same week"),
            Note(profile="me", day=day(14), text="next week"),
        ]
        (change,) = changes(history, period="week", notes=reversed(notes))
        assert [n.text for n in change.notes] == [
            "posted an article",
            "Sunday after the snapshot: same week",
        ]
        assert change.notes[0].pillar is Pillar.PROFESSIONAL_BRAND

    def test_day_change_carries_the_notes_after_before_up_to_after(self) -> None:
        history = [snap(day(0), 10, 10, 10, 10), snap(day(3), 13, 10, 10, 10)]
        notes = [Note(profile="me", day=day(n), text=f"day {n}") for n in range(5)]
        (change,) = changes(history, notes=notes)
        assert [n.text for n in change.notes] == ["day 1", "day 2", "day 3"]

    def test_no_notes(self) -> None:
        (change,) = changes([snap(day(0), 10, 10, 10, 10), snap(day(1), 13, 10, 10, 10)])
        assert change.notes == ()

    def test_notes_of_another_profile_are_refused(self) -> None:
        history = [snap(day(0), 10, 10, 10, 10), snap(day(1), 13, 10, 10, 10)]
        with pytest.raises(
            AnalysisError, match="expected notes of profile 'me', found one of 'bob'"
        ):
            changes(history, notes=[Note(profile="bob", day=day(1), text="x")])

    def test_non_notes_are_refused(self) -> None:
        with pytest.raises(AnalysisError, match=r"notes\[0\]: expected a Note, found str"):
            changes([], notes=["posted"])  # type: ignore[list-item]


class TestBadInput:
    def test_several_profiles(self) -> None:
        history = [snap(day(0), 10, 10, 10, 10), snap(day(1), 10, 10, 10, 10, profile="bob")]
        with pytest.raises(AnalysisError, match=r"one profile, found 2 profiles \('bob', 'me'\)"):
            changes(history)

    def test_two_snapshots_for_one_day(self) -> None:
        history = [snap(day(0), 10, 10, 10, 10), snap(day(0), 11, 10, 10, 10)]
        with pytest.raises(
            AnalysisError, match="one snapshot per day, found two for 'me' on 2026-03-02"
        ):
            changes(history)

    def test_not_snapshots(self) -> None:
        with pytest.raises(AnalysisError, match=r"snapshots\[1\]: expected a Snapshot, found dict"):
            changes([snap(day(0), 10, 10, 10, 10), {"day": "2026-03-03"}])  # type: ignore[list-item]
        with pytest.raises(AnalysisError, match="expected an iterable of Snapshot, found int"):
            changes(3)  # type: ignore[arg-type]

    def test_bad_options(self) -> None:
        with pytest.raises(AnalysisError, match="period: expected 'day' or 'week', found 'month'"):
            changes([], period="month")  # type: ignore[arg-type]
        with pytest.raises(AnalysisError, match="threshold: expected 0 or more, found -1"):
            changes([], threshold=-1)
        with pytest.raises(AnalysisError, match="threshold: expected a finite number, found nan"):
            changes([], threshold=math.nan)

    def test_analysis_error_is_a_value_error_and_an_ssi_error(self) -> None:
        assert issubclass(AnalysisError, ValueError)
        assert issubclass(AnalysisError, ssi_index.SSIError)


class TestPillarDeltas:
    def test_mapping_hashable_and_frozen_change(self) -> None:
        (change,) = changes([snap(day(0), 10, 10, 10, 10), snap(day(1), 12, 9, 10, 10.5)])
        deltas = change.pillars
        assert isinstance(deltas, PillarDeltas)
        assert list(deltas) == list(Pillar)
        assert len(deltas) == 4
        assert deltas["FIND_RIGHT_PEOPLE"] == -1.0
        assert deltas == {
            Pillar.PROFESSIONAL_BRAND: 2.0,
            Pillar.FIND_RIGHT_PEOPLE: -1.0,
            Pillar.INSIGHT_ENGAGEMENT: 0.0,
            Pillar.STRONG_RELATIONSHIP: 0.5,
        }
        assert deltas.to_dict() == {
            "PROFESSIONAL_BRAND": 2.0,
            "FIND_RIGHT_PEOPLE": -1.0,
            "INSIGHT_ENGAGEMENT": 0.0,
            "STRONG_RELATIONSHIP": 0.5,
        }
        assert "find_right_people=-1.0" in repr(deltas)
        assert hash(change) == hash(changes([change.before, change.after])[0])
        assert isinstance(change, Change)

    def test_unknown_pillar_key(self) -> None:
        deltas = PillarDeltas((0.0, 0.0, 0.0, 0.0))
        # KeyError, as the Mapping protocol requires, so ``in`` and ``.get`` work.
        assert "NOPE" not in deltas  # type: ignore[comparison-overlap]
        assert deltas.get("NOPE") is None  # type: ignore[call-overload]
        with pytest.raises(KeyError, match="found 'NOPE'"):
            deltas["NOPE"]

    def test_no_negative_zero(self) -> None:
        (change,) = changes([snap(day(0), 10, 10, 10, 10), snap(day(1), 10, 10, 10, 10)])
        assert all(math.copysign(1.0, v) == 1.0 for v in change.pillars.values())


# --- properties -------------------------------------------------------------------------------

points = st.floats(0, 25, allow_nan=False, allow_infinity=False)
histories = st.dictionaries(
    st.integers(0, 200), st.tuples(points, points, points, points), max_size=40
).map(lambda by_day: [snap(day(n), *pillars) for n, pillars in by_day.items()])


@settings(max_examples=150, deadline=None)
@given(histories, st.sampled_from(["day", "week"]), st.randoms(use_true_random=False))
def test_deltas_sum_up_to_the_whole_move(
    history: list[Snapshot], period: str, rng: random.Random
) -> None:
    shuffled = history[:]
    rng.shuffle(shuffled)
    result = changes(shuffled, period=period)  # type: ignore[arg-type]
    if not result:
        return
    first, last = result[0].before.score, result[-1].after.score
    assert math.isclose(
        math.fsum(c.total for c in result), last.overall - first.overall, abs_tol=1e-8
    )
    for pillar in Pillar:
        moved = math.fsum(c.pillars[pillar] for c in result)
        assert math.isclose(moved, last.pillars[pillar] - first.pillars[pillar], abs_tol=1e-8)


@settings(max_examples=150, deadline=None)
@given(histories, st.sampled_from(["day", "week"]))
def test_no_invented_snapshots_or_zeros(history: list[Snapshot], period: str) -> None:
    result = changes(history, period=period)  # type: ignore[arg-type]
    ids = {id(s) for s in history}
    for c in result:
        assert id(c.before) in ids
        assert id(c.after) in ids
        assert c.days >= 1
        assert c.total == round(c.after.score.overall - c.before.score.overall, 10)
        assert c.flat == (abs(c.total) < DEFAULT_THRESHOLD)
    for a, b in itertools.pairwise(result):
        assert a.after is b.before  # consecutive: nothing skipped, nothing added
    if period == "day":
        assert len(result) == max(0, len(history) - 1)
    else:
        weeks = {(s.day.isocalendar().year, s.day.isocalendar().week) for s in history}
        assert len(result) == max(0, len(weeks) - 1)
        for c in result:
            later_same_week = [
                s
                for s in history
                if s.day > c.after.day and s.day.isocalendar()[:2] == c.after.day.isocalendar()[:2]
            ]
            assert later_same_week == []


def test_pillar_deltas_are_validated() -> None:
    assert PillarDeltas([1, -2, 0, 0.5])[Pillar.FIND_RIGHT_PEOPLE] == -2.0
    with pytest.raises(ssi_index.InvalidScoreError, match="expected four finite pillar deltas"):
        PillarDeltas([1.0, 2.0])
    with pytest.raises(ssi_index.InvalidScoreError, match="expected four finite pillar deltas"):
        PillarDeltas([1.0, 2.0, math.inf, 0.0])


def test_public_types() -> None:
    """mypy --strict checks these; pytest checks they run."""
    history = [snap(day(0), 10, 10, 10, 10), snap(day(8), 12, 10, 10, 10)]
    assert_type(changes(history), list[Change])
    assert_type(changes(history)[0].pillars, PillarDeltas)
    assert_type(changes(history)[0].moved_most, Pillar | None)
    assert_type(ssi_index.drop_alerts(history), list[ssi_index.DropAlert])
    assert_type(ssi_index.streak(history), ssi_index.Streak)
    assert_type(ssi_index.forecast(history, 50), ssi_index.Forecast)
    assert_type(ssi_index.forecast(history, 50).day, dt.date | None)
    assert_type(ssi_index.leaderboard(history, "t", floor=1), ssi_index.Leaderboard)
    assert_type(ssi_index.export_csv(history, io.StringIO()), int)
    assert_type(ssi_index.export_json(history, io.StringIO()), int)


def test_analytics_module_all_is_public_and_documented() -> None:
    import inspect

    import ssi_index.analytics as analytics

    for name in analytics.__all__:
        value = getattr(analytics, name)
        if inspect.isclass(value) or inspect.isfunction(value):
            assert inspect.getdoc(value), name
        if name in ssi_index.__all__:
            assert getattr(ssi_index, name) is value


def test_changes_report_rises_as_well_as_drops() -> None:
    import datetime as _dt

    from ssi_index import Pillar, Score, Snapshot, changes

    day = _dt.date(2026, 3, 2)
    before = Snapshot(profile="me", day=day, score=Score.from_pillars([13.2, 10.4, 9.0, 25]))
    after = Snapshot(
        profile="me",
        day=day + _dt.timedelta(days=7),
        score=Score.from_pillars([13.4, 9.7, 11.1, 25]),
    )
    (change,) = changes([before, after], period="week")
    assert change.rises == ((Pillar.INSIGHT_ENGAGEMENT, 2.1),)
    assert change.drops == ((Pillar.FIND_RIGHT_PEOPLE, -0.7),)
