"""Plans: how many points each pillar must gain to reach a target total."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import attrs

from ssi_index._errors import InvalidScoreError, RuleError, UnreachableTargetError
from ssi_index._model import PILLAR_MAX, TOTAL_MAX, Pillar, Score

from ._goals import Goal, to_goal
from ._types import PILLARS, Quad, gaps, pillar_values

__all__ = ["Plan", "PlanStep", "check_target", "default_order", "fill", "plan"]

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
        >>> [(s.pillar.value, s.add) for s in p.steps], p.end, p.reached
        ([('FIND_RIGHT_PEOPLE', 9.8)], 70.0, True)
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
        raise InvalidScoreError(f"target: expected a total from 0 to 100, found {target!r}")
    if target > TOTAL_MAX:
        raise UnreachableTargetError(
            f"target: expected at most {TOTAL_MAX:g} (four pillars of {PILLAR_MAX:g}), "
            f"found {target:g}"
        )
    if target < 0:
        raise InvalidScoreError(f"target: expected a total from 0 to 100, found {target:g}")
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
) -> Plan:
    """Plan the points to add per pillar to reach *target*, never past 25 for a pillar.

    By default the pillar with the most points on the table goes first; each
    pillar is filled up to 25 before the next one starts.

    Args:
        score: The score to start from.
        target: A total (0-100), or a :class:`~ssi_index.Goal` (or its name) to use
            that goal's default target.
        order: The pillars to work on, first to last; pillars left out get no
            points. Default: biggest gap first.
        locale: The language of :attr:`Plan.source` for a goal's target.

    Returns:
        The plan. A target at or below the current total gives an empty plan
        with ``reached=True``.

    Raises:
        UnreachableTargetError: *target* is above 100.
        InvalidScoreError: *score* is not a :class:`~ssi_index.Score`, or *target*
            is not a number or is below 0.
        RuleError: *order* names something that is not a pillar, or one twice;
            or *target* is text that names no goal.
        UnknownLocaleError: no texts for *locale* (only needed for a goal's target).
    """
    if not isinstance(score, Score):
        raise InvalidScoreError(f"score: expected a Score, found {type(score).__name__}")
    source: str | None = None
    if isinstance(target, Goal | str):
        goal = to_goal(target)
        goal_target = goal.default_target
        from ._catalog import texts

        t = texts(locale)
        source = t.sources(t.entry(f"goal.{goal.value}.target").sources)
        target = goal_target
    wanted = check_target(target)
    start = score.pillars.total
    if start + _EPS >= wanted:
        return Plan(target=wanted, start=start, end=start, steps=(), reached=True, source=source)
    indexes = [PILLARS.index(p) for p in _order(score, order)]
    found, remaining = fill(pillar_values(score), indexes, start, wanted)
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
