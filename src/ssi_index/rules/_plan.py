"""Plans: how many points each pillar must gain to reach a target total."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import attrs

from ssi_index._errors import InvalidScoreError, RuleError, UnreachableTargetError
from ssi_index._model import PILLAR_MAX, TOTAL_MAX, Pillar, Score

from ._goals import Goal, to_goal
from ._types import PILLARS, Quad, gaps, pillar_values

if TYPE_CHECKING:
    from ._pace import PaceModel

__all__ = ["Plan", "PlanStep", "check_target", "default_order", "fill", "plan", "spread_steps"]

_EPS = 1e-9


def _r(value: float) -> float:
    return round(value, 10)


@attrs.frozen(kw_only=True)
class PlanStep:
    """Points to add to one pillar.

    Attributes:
        pillar: The pillar.
        start: Its points now.
        end: Its points after the step (never above 25).
        add: ``end - start``.
    """

    pillar: Pillar
    start: float
    end: float
    add: float


@attrs.frozen(kw_only=True)
class Plan:
    """The way from a score to a target total, pillar by pillar.

    Attributes:
        target: The total aimed at.
        start: The total now (the sum of the pillars).
        end: The total the plan reaches.
        steps: Points to add per pillar, in the order to work on them; empty when
            the target is already reached.
        reached: Whether :attr:`end` reaches :attr:`target`. ``False`` only when
            a custom ``order`` leaves out pillars the target needs.
        source: Where the target comes from when it is a goal's default (a citation,
            saying so when the number is ssi-index's own choice); ``None`` for a
            target the caller chose.

    Example:
        >>> from ssi_index import Score, plan
        >>> p = plan(Score.from_pillars([13.4, 10.7, 11.1, 25]), 70)
        >>> [(s.pillar.value, s.add) for s in p.steps]
        [('FIND_RIGHT_PEOPLE', 3.52), ('INSIGHT_ENGAGEMENT', 3.42), ('PROFESSIONAL_BRAND', 2.86)]
        >>> p.end, p.reached
        (70.0, True)
    """

    target: float
    start: float
    end: float
    steps: tuple[PlanStep, ...]
    reached: bool
    source: str | None = None

    @property
    def already_there(self) -> bool:
        """Whether the score was at or above the target before any step."""
        return self.start + _EPS >= self.target

    @property
    def missing(self) -> float:
        """Points the plan leaves short of the target (0 when reached)."""
        return max(0.0, _r(self.target - self.end))


def check_target(target: object) -> float:
    """Return *target* as a float total, or raise a clear error.

    Raises:
        UnreachableTargetError: above 100, which no score can reach.
        InvalidScoreError: not a number, or below 0.
    """
    if isinstance(target, bool) or not isinstance(target, int | float) or math.isnan(target):
        raise InvalidScoreError(
            f"target: expected a total from 0 to 100, found {target!r}",
            key="config.bad_target",
            params={"found": repr(target)},
        )
    if target > TOTAL_MAX:
        raise UnreachableTargetError(
            f"target: expected at most {TOTAL_MAX:g} (four pillars of {PILLAR_MAX:g}), "
            f"found {target:g}",
            key="plan.unreachable",
            params={"high": f"{TOTAL_MAX:g}", "pillar": f"{PILLAR_MAX:g}", "found": f"{target:g}"},
        )
    if target < 0:
        raise InvalidScoreError(
            f"target: expected a total from 0 to 100, found {target:g}",
            key="config.bad_target",
            params={"found": f"{target:g}"},
        )
    return float(target)


def default_order(gap_values: Quad) -> list[int]:
    """Pillar indexes, biggest gap first; equal gaps keep LinkedIn's order (a stable sort)."""
    return sorted(range(4), key=gap_values.__getitem__, reverse=True)


def fill(
    values: Quad, order: Iterable[int], start: float, wanted: float
) -> tuple[list[tuple[int, float, float, float]], float]:
    """Fill the pillars at *order* up to 25 each until *wanted* is reached.

    Args:
        values: The pillars' points, in LinkedIn's order.
        order: Indexes of the pillars to work on, first to last.
        start: The total now.
        wanted: The total to reach (above *start*).

    Returns:
        The steps as ``(index, start, end, add)`` and the points still missing.
    """
    # round(x, 10) is _r(x), written out: this runs on every recommend() call.
    remaining = round(wanted - start, 10)
    steps: list[tuple[int, float, float, float]] = []
    for index in order:
        if remaining <= _EPS:
            break
        now = values[index]
        add = round(min(max(0.0, PILLAR_MAX - now), remaining), 10)
        if add <= _EPS:
            continue
        steps.append((index, now, round(now + add, 10), add))
        remaining = round(remaining - add, 10)
    return steps, remaining


def _order(score: Score, order: Sequence[Pillar | str] | None) -> tuple[Pillar, ...]:
    if order is None:
        return tuple(PILLARS[i] for i in default_order(gaps(score)))
    if isinstance(order, str) or not isinstance(order, Sequence):
        raise RuleError(f"order: expected a sequence of pillars, found {order!r}")
    pillars: list[Pillar] = []
    for item in order:
        try:
            pillar = item if isinstance(item, Pillar) else Pillar(item)
        except ValueError as err:
            names = ", ".join(p.value for p in Pillar)
            raise RuleError(f"order: expected pillars ({names}), found {item!r}") from err
        if pillar in pillars:
            raise RuleError(f"order: expected each pillar once, found {pillar.value} twice")
        pillars.append(pillar)
    return tuple(pillars)


def plan(
    score: Score,
    target: float | Goal | str,
    *,
    order: Sequence[Pillar | str] | None = None,
    locale: str = "en",
    goal: Goal | str | None = None,
    pace: PaceModel | None = None,
) -> Plan:
    """Plan the points to add per pillar to reach *target*, never past 25 for a pillar.

    By default the points are spread the way :func:`~ssi_index.roadmap` spreads them
    (its end state with no horizon): every pillar with points left takes part, low
    pillars more, a pillar nearing 25 less, shared by the goal's weights; the steps
    sum to the gap. With an explicit *order*, each listed pillar is filled up to 25
    before the next one starts.

    Args:
        score: The score to start from.
        target: A total (0-100), or a :class:`~ssi_index.Goal` (or its name) to use
            that goal's default target.
        order: The pillars to fill, first to last; pillars left out get no points.
            Default: spread like the roadmap.
        locale: The language of :attr:`Plan.source` for a goal's target.
        goal: The goal whose weights spread the points; default: *target* when it is
            a goal, else ``"sales"``.
        pace: The pace model; default ssi-index's estimate (``data/pace.toml``).

    Returns:
        The plan, steps with the most points first. A target at or below the current
        total gives an empty plan with ``reached=True``.

    Raises:
        UnreachableTargetError: *target* is above 100.
        InvalidScoreError: *score* is not a :class:`~ssi_index.Score`, or *target*
            is not a number or is below 0.
        RuleError: *order* names something that is not a pillar, or one twice;
            or *target* or *goal* is text that names no goal.
        UnknownLocaleError: no texts for *locale* (only needed for a goal's target).
    """
    if not isinstance(score, Score):
        raise InvalidScoreError(f"score: expected a Score, found {type(score).__name__}")
    source: str | None = None
    the_goal = to_goal(goal)
    if isinstance(target, Goal | str):
        target_goal = to_goal(target)
        if goal is None:
            the_goal = target_goal
        from ._catalog import texts

        t = texts(locale)
        source = t.sources(t.entry(f"goal.{target_goal.value}.target").sources)
        target = target_goal.default_target
    wanted = check_target(target)
    start = score.pillars.total
    if start + _EPS >= wanted:
        return Plan(target=wanted, start=start, end=start, steps=(), reached=True, source=source)
    values = pillar_values(score)
    if order is None:
        found, remaining = spread_steps(values, start, wanted, the_goal, pace)
    else:
        indexes = [PILLARS.index(p) for p in _order(score, order)]
        found, remaining = fill(values, indexes, start, wanted)
    steps = [PlanStep(pillar=PILLARS[i], start=now, end=end, add=add) for i, now, end, add in found]
    end = _r(start + math.fsum(s.add for s in steps))
    return Plan(
        target=wanted,
        start=start,
        end=end,
        steps=tuple(steps),
        reached=remaining <= _EPS,
        source=source,
    )


def spread_steps(
    values: Quad, start: float, wanted: float, goal: Goal, pace: PaceModel | None = None
) -> tuple[list[tuple[int, float, float, float]], float]:
    """The roadmap's end state (no horizon) as plan steps, most points first.

    Returns:
        The steps as ``(index, start, end, add)`` and the points still missing (0
        unless the pace model stops gaining).
    """
    from ._pace import default_pace
    from ._roadmap import spread

    weeks, _ = spread(values, wanted, default_pace() if pace is None else pace, goal, weeks=None)
    end = weeks[-1] if weeks else values
    exact = [max(0.0, round(e - v, 10)) for v, e in zip(values, end, strict=True)]
    adds = [
        round(PILLAR_MAX - v, 10)
        if e >= PILLAR_MAX - _EPS
        else max(0.0, min(round(e - v, 2), round(PILLAR_MAX - v, 10)))
        for v, e in zip(values, end, strict=True)
    ]
    remaining = round(wanted - start - math.fsum(adds), 10)
    # Two decimals per step, the rounding residue on the biggest step with room, so the
    # steps sum to the gap; the exact values where that cannot be done.
    room = [
        i for i in range(4) if adds[i] > 0 and values[i] + adds[i] + remaining <= PILLAR_MAX + _EPS
    ]
    if room and abs(remaining) < 0.05:
        big = max(room, key=adds.__getitem__)
        adds[big] = min(round(adds[big] + remaining, 10), round(PILLAR_MAX - values[big], 10))
    else:
        adds = exact
    remaining = round(wanted - start - math.fsum(adds), 10)
    steps = [
        (i, values[i], min(PILLAR_MAX, round(values[i] + adds[i], 10)), adds[i])
        for i in sorted(range(4), key=lambda i: -adds[i])
        if adds[i] > _EPS
    ]
    return steps, max(0.0, remaining)
