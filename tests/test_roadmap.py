"""roadmap() and the pace model: weekly milestones spread realistically, cited pace data."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ssi_index import (
    DEFAULT_WEEKS,
    Goal,
    InvalidScoreError,
    Milestone,
    Pace,
    Pillar,
    Roadmap,
    RuleError,
    Score,
    Snapshot,
    UnreachableTargetError,
    default_pace,
    plan,
    roadmap,
)

START = dt.date(2026, 1, 5)
WORKED = Score.from_pillars([13.4, 10.7, 11.1, 25])


def _gains(r: Roadmap, week: int) -> dict[Pillar, float]:
    return r.gains(week)


def test_worked_example_spreads_the_work_over_the_weak_pillars() -> None:
    r = roadmap(WORKED, 70, start=START)
    assert r.milestones[0] == Milestone(date=START, pillars=WORKED.pillars, total=60.2, week=0)
    assert r.reached_on is not None
    assert r.reached_on == r.milestones[-1].date
    assert r.milestones[-1].total == pytest.approx(70.0)
    week1 = _gains(r, 1)
    assert week1[Pillar.STRONG_RELATIONSHIP] == 0.0  # full: nothing
    weak = [Pillar.PROFESSIONAL_BRAND, Pillar.FIND_RIGHT_PEOPLE, Pillar.INSIGHT_ENGAGEMENT]
    assert all(week1[p] > 0.3 for p in weak)
    # No pillar takes everything: the biggest weekly gain is under half the week's total.
    assert max(week1.values()) < 0.5 * sum(week1.values())
    # Dates step by a week.
    assert [m.date for m in r.milestones] == [
        START + dt.timedelta(weeks=i) for i in range(len(r.milestones))
    ]
    assert "70" in r.note
    assert r.reached_on.isoformat() in str(r)


def test_a_pillar_moves_more_slowly_as_it_nears_25() -> None:
    pace = default_pace()
    low = pace.weekly_gains((13.0, 13.0, 13.0, 13.0), Goal.SALES)
    high = pace.weekly_gains((22.0, 22.0, 22.0, 22.0), Goal.SALES)
    assert all(h < lo for h, lo in zip(high, low, strict=True))


def test_all_low_starts_with_the_quick_win_and_is_not_within_the_horizon() -> None:
    r = roadmap(Score.from_pillars([3, 2, 1, 4]), 70, start=START)
    week1 = _gains(r, 1)
    assert max(week1, key=week1.__getitem__) is Pillar.PROFESSIONAL_BRAND  # a complete profile
    assert all(g > 0 for g in week1.values())
    assert all(g <= default_pace().max_weekly + 1e-9 for g in week1.values())
    assert r.reached_on is None
    assert len(r.milestones) == DEFAULT_WEEKS + 1
    assert "Not within 12 weeks at this pace" in r.note
    assert r.note in str(r)


def test_all_25_is_already_there() -> None:
    r = roadmap(Score.from_pillars([25, 25, 25, 25]), 70, start=START)
    assert r.milestones == (
        Milestone(date=START, pillars=Score.from_pillars([25] * 4).pillars, total=100, week=0),
    )
    assert r.reached_on == START
    assert r.next_milestone is None
    assert "Already at 100" in r.note


def test_one_pillar_at_zero_rises_first() -> None:
    r = roadmap(Score.from_pillars([15, 0, 15, 15]), 70, start=START)
    week1 = _gains(r, 1)
    assert max(week1, key=week1.__getitem__) is Pillar.FIND_RIGHT_PEOPLE
    assert all(g > 0 for g in week1.values())


def test_brand_goal_puts_brand_first() -> None:
    score = Score.from_pillars([20, 15, 15, 20])
    r = roadmap(score, goal="brand", start=START)
    assert r.target == 80.0
    week1 = _gains(r, 1)
    assert max(week1, key=week1.__getitem__) is Pillar.PROFESSIONAL_BRAND
    sales = roadmap(score, 80, start=START)
    assert week1[Pillar.PROFESSIONAL_BRAND] > _gains(sales, 1)[Pillar.PROFESSIONAL_BRAND]


def test_job_search_weights_brand_and_finding_people() -> None:
    score = Score.from_pillars([10, 10, 10, 10])
    week1 = _gains(roadmap(score, 60, goal=Goal.JOB_SEARCH, start=START), 1)
    ranked = sorted(week1, key=week1.__getitem__, reverse=True)
    assert set(ranked[:2]) == {Pillar.PROFESSIONAL_BRAND, Pillar.FIND_RIGHT_PEOPLE}


def test_ads_goal_gets_back_over_the_floor_first() -> None:
    r = roadmap(Score.from_pillars([12, 12, 12, 12]), goal="ads", start=START)
    assert r.floor == 50.0
    assert r.target == 55.0
    assert r.floor_on is not None
    assert r.reached_on is not None
    assert r.floor_on < r.reached_on
    assert "floor of 50" in str(r)


def test_horizon_start_and_locale() -> None:
    r = roadmap(Score.from_pillars([3, 2, 1, 4]), 70, weeks=4, start=START, locale="ru")
    assert len(r.milestones) == 5
    assert r.note.startswith("При таком темпе за 4 недели не успеть")
    assert "Неделя 4" in r.to_text()
    assert "Week" in r.to_text("en")


def test_measured_pace_from_history_is_used_when_there_is_enough() -> None:
    def snap(days: int, *pillars: float) -> Snapshot:
        return Snapshot(
            profile="me", day=START - dt.timedelta(days=days), score=Score.from_pillars(pillars)
        )

    slow = [
        snap(28, 13.2, 10.6, 11.0, 25),
        snap(14, 13.3, 10.6, 11.1, 25),
        snap(7, 13.4, 10.7, 11.1, 25),
    ]
    measured = roadmap(WORKED, 70, start=START, history=slow)
    estimate = roadmap(WORKED, 70, start=START)
    assert measured.measured
    assert not estimate.measured
    assert measured.milestones[1].total < estimate.milestones[1].total
    assert "measured from your own history" in str(measured)
    short = roadmap(WORKED, 70, start=START, history=slow[1:])  # 14 days: not enough
    assert not short.measured


def test_a_pace_passed_in_replaces_the_model() -> None:
    class Flat:
        def weekly_gains(
            self, values: tuple[float, float, float, float], goal: Goal
        ) -> list[float]:
            return [0.5, 0.5, 0.5, 0.5]

    r = roadmap(WORKED, 70, start=START, pace=Flat())
    assert _gains(r, 1) == pytest.approx(
        {
            Pillar.PROFESSIONAL_BRAND: 0.5,
            Pillar.FIND_RIGHT_PEOPLE: 0.5,
            Pillar.INSIGHT_ENGAGEMENT: 0.5,
            Pillar.STRONG_RELATIONSHIP: 0.0,
        }
    )
    faster = default_pace().scaled(2.0)
    assert isinstance(faster, Pace)
    fast_on = roadmap(WORKED, 70, start=START, pace=faster).reached_on
    usual_on = roadmap(WORKED, 70, start=START).reached_on
    assert fast_on is not None
    assert usual_on is not None
    assert fast_on < usual_on

    class Broken:
        def weekly_gains(self, values: object, goal: object) -> list[float]:
            return [1.0, -1.0]

    with pytest.raises(RuleError, match="4 finite numbers"):
        roadmap(WORKED, 70, start=START, pace=Broken())
    with pytest.raises(RuleError, match="weekly_gains"):
        roadmap(WORKED, 70, start=START, pace=3)  # type: ignore[arg-type]


def test_bad_arguments_are_clear_errors() -> None:
    with pytest.raises(InvalidScoreError, match="expected a Score"):
        roadmap({"total": 60})  # type: ignore[arg-type]
    with pytest.raises(UnreachableTargetError):
        roadmap(WORKED, 101)
    with pytest.raises(RuleError, match="weeks"):
        roadmap(WORKED, 70, weeks=0)
    with pytest.raises(InvalidScoreError, match="start"):
        roadmap(WORKED, 70, start=dt.datetime(2026, 1, 5))
    with pytest.raises(InvalidScoreError, match="history"):
        roadmap(WORKED, 70, history=[1, 2])  # type: ignore[list-item]
    with pytest.raises(RuleError, match="goal"):
        roadmap(WORKED, goal="fame")


def test_to_dict_is_plain_data() -> None:
    data = roadmap(WORKED, 70, start=START).to_dict()
    assert data["start"] == "2026-01-05"
    assert data["milestones"][0]["pillars"]["STRONG_RELATIONSHIP"] == 25.0
    assert data["reached_on"] == data["milestones"][-1]["date"]


def test_plan_is_the_roadmaps_end_state_without_a_horizon() -> None:
    p = plan(WORKED, 70)
    assert math.isclose(math.fsum(s.add for s in p.steps), 9.8, abs_tol=1e-9)
    assert {s.pillar for s in p.steps} == {
        Pillar.PROFESSIONAL_BRAND,
        Pillar.FIND_RIGHT_PEOPLE,
        Pillar.INSIGHT_ENGAGEMENT,
    }
    r = roadmap(WORKED, 70, start=START)
    for step in p.steps:
        assert step.end == pytest.approx(r.milestones[-1].pillars[step.pillar], abs=0.02)
    low = plan(Score.from_pillars([3, 2, 1, 4]), 70)
    assert len(low.steps) == 4
    assert max(s.add for s in low.steps) < 20
    assert low.end == 70.0
    score = Score.from_pillars([20, 15, 15, 20])
    brand = {s.pillar: s.add for s in plan(score, Goal.BRAND).steps}
    sales = {s.pillar: s.add for s in plan(score, 80).steps}
    assert brand[Pillar.PROFESSIONAL_BRAND] > 1.5 * sales[Pillar.PROFESSIONAL_BRAND]
    assert sorted(brand, key=brand.__getitem__)[-2:].count(Pillar.PROFESSIONAL_BRAND) == 1


@given(
    st.lists(st.floats(0, 25, allow_nan=False), min_size=4, max_size=4),
    st.floats(0, 100, allow_nan=False),
    st.sampled_from(list(Goal)),
)
def test_any_roadmap_never_passes_25_and_never_falls(
    values: list[float], target: float, goal: Goal
) -> None:
    score = Score.from_pillars(values)
    r = roadmap(score, target, goal=goal, start=START)
    for before, after in zip(r.milestones, r.milestones[1:], strict=False):
        for pillar in Pillar:
            assert before.pillars[pillar] - 1e-9 <= after.pillars[pillar] <= 25.0
    assert r.milestones[-1].total <= max(target, score.pillars.total) + 1e-6
    p = plan(score, target, goal=goal)
    assert all(s.end <= 25.0 for s in p.steps)
    assert p.reached
    if target > score.pillars.total:
        assert math.isclose(
            math.fsum(s.add for s in p.steps), target - score.pillars.total, abs_tol=1e-6
        )
