"""plan(): points per pillar to reach a target, capped at 25, weakest gap first."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ssi_index import (
    Goal,
    InvalidScoreError,
    Pillar,
    RuleError,
    Score,
    UnknownLocaleError,
    UnreachableTargetError,
    plan,
)

WORKED = Score.from_pillars([13.4, 10.7, 11.1, 25])


def test_feasible_plan_for_the_worked_example() -> None:
    p = plan(WORKED, 70)
    assert (p.target, p.start, p.end, p.reached, p.source) == (70.0, 60.2, 70.0, True, None)
    # Spread over the three weak pillars, like the roadmap; the full one gets nothing.
    assert {s.pillar for s in p.steps} == {
        Pillar.PROFESSIONAL_BRAND,
        Pillar.FIND_RIGHT_PEOPLE,
        Pillar.INSIGHT_ENGAGEMENT,
    }
    assert math.isclose(math.fsum(s.add for s in p.steps), 9.8, abs_tol=1e-9)
    assert all(2.0 < s.add < 5.0 for s in p.steps)  # nobody takes all 9.8
    assert all(round(s.add, 2) == s.add for s in p.steps)
    adds = [s.add for s in p.steps]
    assert adds == sorted(adds, reverse=True)
    assert p.missing == 0.0
    assert not p.already_there


def test_a_high_target_fills_the_low_pillars_most_never_past_25() -> None:
    p = plan(WORKED, 90)
    assert p.end == 90.0
    assert p.reached
    by_pillar = {s.pillar: s for s in p.steps}
    assert all(s.end <= 25.0 for s in p.steps)
    assert by_pillar[Pillar.FIND_RIGHT_PEOPLE].add > by_pillar[Pillar.PROFESSIONAL_BRAND].add


def test_an_explicit_order_fills_one_pillar_after_another() -> None:
    p = plan(WORKED, 90, order=["FIND_RIGHT_PEOPLE", "INSIGHT_ENGAGEMENT", "PROFESSIONAL_BRAND"])
    assert [(s.pillar, s.add, s.end) for s in p.steps] == [
        (Pillar.FIND_RIGHT_PEOPLE, 14.3, 25.0),
        (Pillar.INSIGHT_ENGAGEMENT, 13.9, 25.0),
        (Pillar.PROFESSIONAL_BRAND, 1.6, 15.0),
    ]


def test_target_100_fills_every_pillar() -> None:
    p = plan(WORKED, 100)
    assert p.end == 100.0
    assert p.reached
    assert all(s.end == 25.0 for s in p.steps)
    assert Pillar.STRONG_RELATIONSHIP not in {s.pillar for s in p.steps}  # already full


def test_impossible_target_is_an_error() -> None:
    with pytest.raises(UnreachableTargetError, match=r"expected at most 100 .* found 100\.1"):
        plan(WORKED, 100.1)


@pytest.mark.parametrize("target", [60.2, 60, 0])
def test_target_at_or_below_the_total_is_already_there(target: float) -> None:
    p = plan(WORKED, target)
    assert p.steps == ()
    assert p.reached
    assert p.already_there
    assert p.end == p.start == 60.2


@pytest.mark.parametrize("bad", [-5, float("nan"), None, True])
def test_bad_targets(bad: object) -> None:
    with pytest.raises(InvalidScoreError, match="target"):
        plan(WORKED, bad)  # type: ignore[arg-type]


def test_custom_order_that_cannot_reach_says_so() -> None:
    p = plan(WORKED, 85, order=[Pillar.PROFESSIONAL_BRAND])
    assert [(s.pillar, s.add) for s in p.steps] == [(Pillar.PROFESSIONAL_BRAND, 11.6)]
    assert not p.reached
    assert p.end == 71.8
    assert p.missing == pytest.approx(13.2)


def test_custom_order_by_name() -> None:
    p = plan(WORKED, 65, order=["PROFESSIONAL_BRAND", "FIND_RIGHT_PEOPLE"])
    assert [(s.pillar, s.add) for s in p.steps] == [(Pillar.PROFESSIONAL_BRAND, 4.8)]


@pytest.mark.parametrize(
    ("order", "message"),
    [
        (["BRAND"], "expected pillars"),
        ([Pillar.PROFESSIONAL_BRAND, "PROFESSIONAL_BRAND"], "each pillar once"),
        ("PROFESSIONAL_BRAND", "sequence of pillars"),
    ],
)
def test_bad_orders(order: object, message: str) -> None:
    with pytest.raises(RuleError, match=message):
        plan(WORKED, 80, order=order)  # type: ignore[arg-type]


def test_goal_target_carries_its_source() -> None:
    low = Score.from_pillars([10, 10, 10, 10])
    sales = plan(low, Goal.SALES)
    assert sales.target == 70.0
    assert sales.source is not None
    assert "Hebrew" in sales.source
    job = plan(low, "job_search")
    assert job.target == 60.0
    assert job.source is not None
    assert job.source.startswith("ssi-index's own choice")
    ru = plan(low, "job_search", locale="ru")
    assert ru.source is not None
    assert ru.source.startswith("Собственный выбор ssi-index")


def test_not_a_score() -> None:
    with pytest.raises(InvalidScoreError, match="expected a Score, found list"):
        plan([13.4, 10.7, 11.1, 25], 70)  # type: ignore[arg-type]


def test_goal_target_in_an_unknown_locale() -> None:
    with pytest.raises(UnknownLocaleError):
        plan(WORKED, Goal.ADS, locale="xx")


@pytest.mark.parametrize("name", ["fame", "70"])
def test_text_that_names_no_goal(name: str) -> None:
    with pytest.raises(RuleError, match="goal: expected one of sales, ads, job_search, brand"):
        plan(WORKED, name)


pillar_value = st.floats(min_value=0, max_value=25, allow_nan=False, allow_infinity=False)
target_value = st.floats(min_value=0, max_value=100, allow_nan=False, allow_infinity=False)


@given(st.lists(pillar_value, min_size=4, max_size=4), target_value)
def test_any_plan_is_capped_and_reaches_any_target_up_to_100(
    values: list[float], target: float
) -> None:
    score = Score.from_pillars(values)
    p = plan(score, target)
    assert p.reached
    for step in p.steps:
        assert step.add > 0
        assert step.end <= 25.0
        assert math.isclose(step.end, step.start + step.add, abs_tol=1e-9)
    assert len({s.pillar for s in p.steps}) == len(p.steps)
    assert p.end >= target - 1e-6 or p.already_there
    # Spread like the roadmap: the steps sum to the gap, most points first, and every
    # pillar with points left takes part.
    if not p.already_there:
        assert math.isclose(
            math.fsum(s.add for s in p.steps), target - score.pillars.total, abs_tol=1e-6
        )
        adds = [s.add for s in p.steps]
        assert adds == sorted(adds, reverse=True)
