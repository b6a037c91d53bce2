"""The pace model: how many points each pillar can gain in one week of steady work.

The numbers live in ``data/pace.toml`` (package data, read once on first use); each is
ssi-index's own estimate unless a source is named there. :class:`Pace` is the default
model; anything with a :meth:`~PaceModel.weekly_gains` method can replace it
(``roadmap(score, pace=my_model)``), e.g. a pace measured from logged activity.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Iterable, Sequence
from importlib import resources
from typing import Any, Final, Protocol, runtime_checkable

import attrs

from ssi_index._errors import RuleError
from ssi_index._model import PILLAR_MAX, Pillar, Score
from ssi_index._snapshot import Snapshot

from ._goals import Goal
from ._types import Quad, pillar_values

__all__ = [
    "Pace",
    "PaceModel",
    "add_gains",
    "default_pace",
    "goal_floor",
    "measured_pace",
    "simulate",
]

_EPS: Final = 1e-9


@runtime_checkable
class PaceModel(Protocol):
    """What :func:`~ssi_index.roadmap` and :func:`~ssi_index.plan` ask of a pace model.

    A model returns, for the pillars' current values (LinkedIn's order) and the goal, the
    points each pillar gains in the coming week. The callers cap each gain at the
    pillar's gap to 25, so a model need not; it must return four finite numbers >= 0.
    """

    def weekly_gains(self, values: Quad, goal: Goal) -> Sequence[float]:
        """Points each pillar gains in one week from *values*, in LinkedIn's order."""
        ...


def _positive(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise RuleError(f"pace {attribute.name}: expected a finite number, found {value!r}")
    if value < 0:
        raise RuleError(f"pace {attribute.name}: expected a number >= 0, found {value!r}")


def _weights(value: object) -> tuple[tuple[str, Quad], ...]:
    if isinstance(value, dict):
        value = tuple(value.items())
    if not isinstance(value, tuple):
        raise RuleError(f"pace weights: expected a mapping of goals to 4 weights, found {value!r}")
    out: list[tuple[str, Quad]] = []
    for item in value:
        if not (isinstance(item, tuple) and len(item) == 2):
            raise RuleError(f"pace weights: expected (goal, weights) pairs, found {item!r}")
        name, raw = item
        goal = name.value if isinstance(name, Goal) else name
        if goal not in {g.value for g in Goal}:
            names = ", ".join(g.value for g in Goal)
            raise RuleError(f"pace weights: expected goals ({names}), found {name!r}")
        if (
            not isinstance(raw, Sequence)
            or len(raw) != 4
            or not all(
                isinstance(w, int | float)
                and not isinstance(w, bool)
                and math.isfinite(w)
                and w > 0
                for w in raw
            )
        ):
            raise RuleError(
                f"pace weights[{goal}]: expected 4 positive numbers in LinkedIn's pillar order, "
                f"found {raw!r}"
            )
        a, b, c, d = (float(w) for w in raw)
        out.append((goal, (a, b, c, d)))
    return tuple(out)


@attrs.frozen(kw_only=True)
class Pace:
    """The default pace model: each pillar closes a share of its gap per week of work.

    A week of steady work closes :attr:`fraction` of a pillar's remaining gap to 25,
    shifted by the goal's weight for that pillar, so a pillar moves more slowly as it
    nears 25 and no pillar takes the whole week; the gain stays within
    :attr:`min_weekly` and :attr:`max_weekly`. A professional brand under
    :attr:`quick_win_below` (an incomplete profile) moves :attr:`quick_win_factor`
    times faster. :attr:`factor` scales every gain: 1 for the estimate, the measured
    ratio for a pace read from the user's history.

    Attributes:
        fraction: Share of the gap one week closes (ssi-index's own estimate: 0.06).
        min_weekly: Least gain of a pillar with points left, per week.
        max_weekly: Most gain of one pillar per week.
        quick_win_below: Brand values under this move faster (an incomplete profile).
        quick_win_factor: How much faster.
        weights: Per goal name, how the week's effort is shared (LinkedIn's order).
        factor: Multiplies every gain (1.0 = the estimate).
        measured_days: Days of history the factor was measured from (0: not measured).

    Example:
        >>> from ssi_index import Goal
        >>> pace = default_pace()
        >>> [round(g, 2) for g in pace.weekly_gains((13.4, 10.7, 11.1, 25.0), Goal.SALES)]
        [0.7, 0.86, 0.83, 0.0]
    """

    fraction: float = attrs.field(validator=_positive)
    min_weekly: float = attrs.field(validator=_positive)
    max_weekly: float = attrs.field(validator=_positive)
    quick_win_below: float = attrs.field(default=0.0, validator=_positive)
    quick_win_factor: float = attrs.field(default=1.0, validator=_positive)
    weights: tuple[tuple[str, Quad], ...] = attrs.field(default=(), converter=_weights)
    factor: float = attrs.field(default=1.0, validator=_positive)
    measured_days: int = 0

    @property
    def measured(self) -> bool:
        """Whether the pace was measured from the user's history (else the estimate)."""
        return self.measured_days > 0

    def weight(self, goal: Goal) -> Quad:
        """The goal's effort weights per pillar (all 1 for a goal without weights)."""
        value = goal._value_
        for name, weights in self.weights:
            if name == value:
                return weights
        return (1.0, 1.0, 1.0, 1.0)

    def weekly_gains(self, values: Quad, goal: Goal) -> Quad:
        """Points each pillar gains in one week of steady work from *values*.

        Pillars at 25 gain nothing; no gain goes past 25.
        """
        w0, w1, w2, w3 = self.weight(goal)
        v0, v1, v2, v3 = values
        top = PILLAR_MAX - _EPS
        # The mean weight of the pillars with points left (written out: this is the inner
        # loop of every roadmap, plan and ranking).
        total = count = 0.0
        if v0 < top:
            total, count = total + w0, count + 1
        if v1 < top:
            total, count = total + w1, count + 1
        if v2 < top:
            total, count = total + w2, count + 1
        if v3 < top:
            total, count = total + w3, count + 1
        if not count:
            return (0.0, 0.0, 0.0, 0.0)
        base = self.fraction * count / total
        low, high, factor = self.min_weekly, self.max_weekly, self.factor
        quick = self.quick_win_factor if v0 < self.quick_win_below else 1.0
        out = [0.0, 0.0, 0.0, 0.0]
        for i, (v, w, q) in enumerate(
            ((v0, w0, quick), (v1, w1, 1.0), (v2, w2, 1.0), (v3, w3, 1.0))
        ):
            gap = PILLAR_MAX - v
            if gap <= _EPS:
                continue
            gain = base * w * q * gap
            if gain < low:
                gain = low
            elif gain > high:
                gain = high
            gain *= factor
            out[i] = gain if gain < gap else gap
        return (out[0], out[1], out[2], out[3])

    def scaled(self, factor: float, *, measured_days: int = 0) -> Pace:
        """This pace with every gain multiplied by *factor* (e.g. a measured ratio)."""
        return attrs.evolve(self, factor=factor, measured_days=measured_days)


def _number(where: str, raw: object) -> float:
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        raise RuleError(f"pace.toml: {where}: expected a number, found {raw!r}")
    return float(raw)


@functools.cache
def _data() -> dict[str, Any]:
    import tomllib

    text = resources.files("ssi_index.rules").joinpath("data", "pace.toml").read_text("utf-8")
    data: dict[str, Any] = tomllib.loads(text)
    for table in ("pace", "quick_win", "measured", "weights", "floors"):
        if not isinstance(data.get(table), dict):
            raise RuleError(f"pace.toml: expected a table [{table}], found {data.get(table)!r}")
    return data


@functools.cache
def default_pace() -> Pace:
    """The pace model of ``data/pace.toml`` (ssi-index's own estimates), read once."""
    data = _data()
    pace, quick = data["pace"], data["quick_win"]
    if quick.get("pillar") != Pillar.PROFESSIONAL_BRAND.value:
        raise RuleError(
            "pace.toml: [quick_win].pillar: expected PROFESSIONAL_BRAND, "
            f"found {quick.get('pillar')!r}"
        )
    return Pace(
        fraction=_number("[pace].fraction", pace.get("fraction")),
        min_weekly=_number("[pace].min_weekly", pace.get("min_weekly")),
        max_weekly=_number("[pace].max_weekly", pace.get("max_weekly")),
        quick_win_below=_number("[quick_win].below", quick.get("below")),
        quick_win_factor=_number("[quick_win].factor", quick.get("factor")),
        weights=tuple(data["weights"].items()),
    )


def goal_floor(goal: Goal) -> float | None:
    """The total the goal must not fall under (ads: 50, the Russian guide), or ``None``."""
    value = _data()["floors"].get(goal.value)
    return None if value is None else _number(f"[floors].{goal.value}", value)


def add_gains(values: Quad, gains: Quad) -> Quad:
    """*values* plus *gains*, each kept at 25 at most."""
    v0, v1, v2, v3 = values
    g0, g1, g2, g3 = gains
    a, b, c, d = round(v0 + g0, 10), round(v1 + g1, 10), round(v2 + g2, 10), round(v3 + g3, 10)
    return (
        a if a < PILLAR_MAX else PILLAR_MAX,
        b if b < PILLAR_MAX else PILLAR_MAX,
        c if c < PILLAR_MAX else PILLAR_MAX,
        d if d < PILLAR_MAX else PILLAR_MAX,
    )


def simulate(values: Quad, model: PaceModel, goal: Goal) -> Quad:
    """One week of *model*'s gains from *values*, each capped at its pillar's gap."""
    if type(model) is Pace:
        return model.weekly_gains(values, goal)  # already capped, four finite numbers
    raw = model.weekly_gains(values, goal)
    gains = tuple(raw)
    if len(gains) != 4 or not all(
        isinstance(g, int | float) and not isinstance(g, bool) and math.isfinite(g) and g >= 0
        for g in gains
    ):
        raise RuleError(
            f"pace: expected weekly_gains() to return 4 finite numbers >= 0, found {raw!r}"
        )
    a, b, c, d = (
        min(float(g), max(0.0, PILLAR_MAX - v)) for g, v in zip(gains, values, strict=True)
    )
    return (a, b, c, d)


def measured_pace(
    score: Score,
    history: Iterable[Snapshot],
    goal: Goal,
    *,
    day: dt.date,
    base: Pace | None = None,
) -> Pace | None:
    """The pace the user's own history shows, or ``None`` when there is not enough of it.

    Compares the points gained from the oldest snapshot of the history to *score* (on
    *day*) with
    what *base* (default :func:`default_pace`) predicts over the same days, and scales
    *base* by the ratio, kept within ``[measured].low`` and ``[measured].high`` of
    ``pace.toml``. Enough history: ``min_snapshots`` snapshots spanning ``min_days``.

    Args:
        score: The latest score.
        history: Earlier snapshots of the same profile (any order).
        goal: The goal whose weights the prediction uses.
        day: The day of *score*.
        base: The pace to scale.
    """
    rules = _data()["measured"]
    items = sorted(history, key=lambda s: s.day)
    if not items:
        return None
    days = (day - items[0].day).days
    min_days = int(_number("[measured].min_days", rules.get("min_days")))
    min_snaps = int(_number("[measured].min_snapshots", rules.get("min_snapshots")))
    if len(items) + 1 < min_snaps or days < min_days:
        return None
    base = default_pace() if base is None else base
    start = pillar_values(items[0].score)
    observed = score.pillars.total - items[0].score.pillars.total
    values = start
    weeks = days / 7
    predicted = 0.0
    whole = int(weeks)
    for week in range(whole + 1):
        gains = simulate(values, base, goal)
        share = 1.0 if week < whole else weeks - whole
        predicted += math.fsum(gains) * share
        values = add_gains(values, gains)
    if predicted <= _EPS:
        return None
    low = _number("[measured].low", rules.get("low"))
    high = _number("[measured].high", rules.get("high"))
    ratio = min(max(observed / predicted, low), high)
    return base.scaled(ratio * base.factor, measured_days=days)
