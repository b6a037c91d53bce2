"""``effects``: which of your activities went with which pillar's weekly change.

The method, in short (the docs page :doc:`/what-moved` has it in full):

1. Weekly series (:mod:`._weekly`): each pillar's change per week, each kind's
   count per week (unknown weeks are left out, never taken as 0).
2. Per pillar, the kinds the pillar map says feed it are the candidates; a
   candidate needs activity in at least 3 weeks and some variation. At most
   ``n - 1 - 5`` candidates enter one fit (``n`` weeks), taken in order of how
   many weeks they were active (a rule that never looks at the score).
3. One least-squares fit per pillar of the weekly change on all its candidates
   together, so correlated kinds (a busy week brings comments *and* reactions)
   share the credit instead of each taking all of it. Each kind's lag (the same
   week or the week after) is chosen by the fit (coordinate descent on the
   residual sum of squares).
4. LinkedIn-wide recalculations: a week whose residuals are large and of the
   same sign in all four pillars (three at least, each beyond 3 robust standard
   deviations, or all four beyond 2) is left out, and the fits are redone.
5. A kind is reported only when its interval excludes 0. The interval is the
   95 % t interval widened for having picked the better of two lags
   (Bonferroni: each lag tested at 97.5 %), so the promise "95 %" holds after
   the choice.
6. Fewer than :data:`MIN_WEEKS` usable weeks: no estimate at all, and
   :attr:`Effects.reason` says why.

Everything is association: the wording never claims cause.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from typing import Final

import attrs

from ssi_index._activity import Activity, ActivityKind
from ssi_index._dicts import DictMixin
from ssi_index._model import Pillar
from ssi_index._snapshot import Snapshot

from ._pillars import PillarMap, pillar_map
from ._stats import Fit, median, ols, solve, t_quantile
from ._weekly import Weekly, weekly

__all__ = ["LAGS", "MIN_WEEKS", "Effect", "Effects", "effects"]

MIN_WEEKS: Final = 12
"""The fewest usable weeks (a weekly change with known activity) :func:`effects` works with."""

LAGS: Final = (0, 1)
"""The lags considered, in weeks: the same week and the week after."""

_MIN_ACTIVE_WEEKS: Final = 3
_MIN_DF: Final = 5
_LEVEL: Final = 0.95
_RECALC_ALL: Final = 2.0
_RECALC_THREE: Final = 3.0


@attrs.frozen(kw_only=True)
class Effect(DictMixin):
    """One kind's estimated association with one pillar's weekly change.

    Attributes:
        pillar: The pillar.
        kind: The activity.
        per_unit: Points of weekly change per one more of *kind* in a week
            (for the lag below), all other candidate kinds held equal.
        low: The interval's lower end (95 %, widened for the choice of lag).
        high: Its upper end.
        lag: 0 when the change comes the same week, 1 when the week after.
        weeks: How many weeks the estimate rests on.
        median_weekly: The user's median weekly count of *kind*.
    """

    pillar: Pillar
    kind: ActivityKind
    per_unit: float
    low: float
    high: float
    lag: int
    weeks: int
    median_weekly: float

    @property
    def weekly_contribution(self) -> float:
        """``per_unit * median_weekly``: what a typical week of yours goes with."""
        return self.per_unit * self.median_weekly


@attrs.frozen(kw_only=True)
class Effects(DictMixin):
    """What :func:`effects` found, strongest first.

    Attributes:
        enough_data: False below :data:`MIN_WEEKS` usable weeks (then no effects).
        reason: Why there is not enough data (English), or ``None``.
        reason_code: ``"few_weeks"``, ``"no_activity"`` or ``"no_scores"``
            (for a translated message), or ``None``.
        effects: The effects whose interval excludes 0, by the size of their
            weekly contribution, largest first.
        weeks: The usable weeks (the most any pillar's fit rested on).
        first_week: The Monday of the first usable week.
        last_week: The Monday of the last usable week.
        recalculations: Mondays of the weeks left out as LinkedIn-wide recalculations.
        tested: Every (pillar, kind) pair that was estimated, reported or not.
        pillar_map: The name of the pillar map used.

    Example:
        >>> found = effects(store.history("me"), store.activities("me"))  # doctest: +SKIP
        >>> for e in found.effects:  # doctest: +SKIP
        ...     print(e.pillar.label, e.kind.value, round(e.per_unit, 3))
    """

    enough_data: bool
    reason: str | None = None
    reason_code: str | None = None
    effects: tuple[Effect, ...] = ()
    weeks: int = 0
    first_week: dt.date | None = None
    last_week: dt.date | None = None
    recalculations: tuple[dt.date, ...] = ()
    tested: tuple[tuple[Pillar, ActivityKind], ...] = ()
    pillar_map: str = "guides"

    def for_pillar(self, pillar: Pillar | str) -> tuple[Effect, ...]:
        """The effects on one pillar, strongest first."""
        wanted = Pillar(pillar)
        return tuple(e for e in self.effects if e.pillar is wanted)

    def strongest(self, pillar: Pillar | str) -> Effect | None:
        """The strongest effect on *pillar*, or ``None``."""
        found = self.for_pillar(pillar)
        return found[0] if found else None

    def points_per_unit(
        self, pillar: Pillar | str
    ) -> dict[ActivityKind, tuple[float, float, float]]:
        """For a pace model: ``{kind: (per_unit, low, high)}`` of *pillar*'s confident effects.

        Each value is points of weekly change per one more of the kind in a week.
        Only kinds whose 95 % interval excludes 0 are in it.
        """
        return {e.kind: (e.per_unit, e.low, e.high) for e in self.for_pillar(pillar)}

    def expected_weekly_change(
        self, pillar: Pillar | str, counts: Mapping[ActivityKind, float]
    ) -> tuple[float, float, float] | None:
        """What *counts* per week (above none at all) go with, for *pillar*: (estimate, low, high).

        Sums the confident effects; kinds without one add nothing. ``None`` when
        *pillar* has no confident effect among *counts*. The range adds the
        intervals' ends, which is wider (more cautious) than a joint interval.
        """
        used = [e for e in self.for_pillar(pillar) if counts.get(e.kind)]
        if not used:
            return None
        est = math.fsum(e.per_unit * counts[e.kind] for e in used)
        low = math.fsum(min(e.low * counts[e.kind], e.high * counts[e.kind]) for e in used)
        high = math.fsum(max(e.low * counts[e.kind], e.high * counts[e.kind]) for e in used)
        return est, low, high


def _not_enough(code: str, reason: str, map_name: str, weeks: int = 0) -> Effects:
    return Effects(
        enough_data=False, reason=reason, reason_code=code, weeks=weeks, pillar_map=map_name
    )


@attrs.define
class _Design:
    """One pillar's candidates and the weeks they share."""

    pillar: Pillar
    kinds: list[ActivityKind]
    rows: list[int]  # week indexes used
    y: list[float]
    x: dict[tuple[ActivityKind, int], list[float]]  # (kind, lag) -> column over rows
    previous: list[float]  # the pillar's level the week before
    dots: dict[tuple[object, object], float] = attrs.Factory(dict)

    def column(self, key: object) -> list[float]:
        """A column of the fit by key: ``"1"``, ``"y"``, ``"previous"`` or ``(kind, lag)``."""
        if key == "1":
            return [1.0] * len(self.y)
        if key == "y":
            return self.y
        if key == "previous":
            return self.previous
        return self.x[key]  # type: ignore[index]

    def dot(self, a: object, b: object) -> float:
        """The dot product of two columns, computed once."""
        key = (a, b) if str(a) <= str(b) else (b, a)
        found = self.dots.get(key)
        if found is None:
            found = sum(u * v for u, v in zip(self.column(a), self.column(b), strict=True))
            self.dots[key] = found
        return found

    def rss(self, lags: Mapping[ActivityKind, int]) -> float | None:
        """The residual sum of squares of the fit with these lags (None if collinear)."""
        keys: list[object] = ["1", *((k, lags[k]) for k in self.kinds), "previous"]
        if len(self.y) - len(keys) <= 0:
            return None
        xtx = [[self.dot(a, b) for b in keys] for a in keys]
        xty = [self.dot(a, "y") for a in keys]
        beta = solve(xtx, xty)
        if beta is None:
            return None
        return self.dot("y", "y") - sum(b * v for b, v in zip(beta, xty, strict=True))


def _known(series: tuple[int | None, ...], i: int) -> bool:
    return 0 <= i < len(series) and series[i] is not None


def _design(
    data: Weekly, pillar: Pillar, kinds: tuple[ActivityKind, ...], excluded: set[int]
) -> _Design | None:
    change = data.change[pillar]
    base = [i for i, c in enumerate(change) if c is not None and i not in excluded]
    candidates = []
    for kind in kinds:
        series = data.counts.get(kind)
        if series is None:
            continue
        known = [i for i in base if _known(series, i) and _known(series, i - 1)]
        values = [series[i] or 0 for i in known]
        active = sum(1 for v in values if v)
        if len(known) >= MIN_WEEKS and active >= _MIN_ACTIVE_WEEKS and len(set(values)) > 1:
            candidates.append((active, kind, set(known)))
    candidates.sort(key=lambda c: (-c[0], list(ActivityKind).index(c[1])))
    chosen: list[ActivityKind] = []
    rows_set = set(base)
    for _, kind, known_rows in candidates:
        trial = rows_set & known_rows
        if len(trial) >= max(MIN_WEEKS, len(chosen) + 3 + _MIN_DF):
            chosen.append(kind)
            rows_set = trial
    if not chosen:
        return None
    rows = sorted(rows_set)
    x: dict[tuple[ActivityKind, int], list[float]] = {}
    for kind in chosen:
        series = data.counts[kind]
        for lag in LAGS:
            x[(kind, lag)] = [float(series[i - lag] or 0) for i in rows]
    y = [float(change[i] or 0.0) for i in rows]
    level = data.level[pillar]
    previous = [float(level[i - 1] or 0.0) for i in rows]
    return _Design(pillar=pillar, kinds=chosen, rows=rows, y=y, x=x, previous=previous)


def _fit(design: _Design, lags: dict[ActivityKind, int]) -> Fit | None:
    # The pillar's previous level is a control: pillars drift back toward their usual
    # level (LinkedIn scores rolling windows), which would otherwise leak into lags.
    return ols([*(design.x[(k, lags[k])] for k in design.kinds), design.previous], design.y)


def _choose_lags(design: _Design) -> tuple[dict[ActivityKind, int], Fit | None]:
    lags = dict.fromkeys(design.kinds, 0)
    best = design.rss(lags)
    for _ in range(3):
        moved = False
        for kind in design.kinds:
            trial = {**lags, kind: 1 - lags[kind]}
            rss = design.rss(trial)
            if rss is not None and (best is None or rss < best - 1e-12):
                lags, best, moved = trial, rss, True
        if not moved:
            break
    return lags, _fit(design, lags)


def _robust_z(residuals: Mapping[int, float]) -> dict[int, float]:
    values = list(residuals.values())
    center = median(values)
    mad = median([abs(v - center) for v in values]) * 1.4826
    scale = max(mad, 1e-6)
    return {i: (v - center) / scale for i, v in residuals.items()}


def _recalculations(fits: Mapping[Pillar, tuple[_Design, Fit]]) -> set[int]:
    """Weeks whose residuals are large and of one sign in (nearly) every pillar."""
    if len(fits) < 3:
        return set()
    z = {p: _robust_z(dict(zip(d.rows, f.residuals, strict=True))) for p, (d, f) in fits.items()}
    weeks = set.intersection(*(set(v) for v in z.values()))
    flagged = set()
    for i in weeks:
        values = [z[p][i] for p in z]
        for sign in (1.0, -1.0):
            signed = [sign * v for v in values]
            if (len(values) == 4 and min(signed) >= _RECALC_ALL) or sum(
                1 for v in signed if v >= _RECALC_THREE
            ) >= 3:
                flagged.add(i)
    return flagged


def _fit_all(
    data: Weekly, the_map: PillarMap, excluded: set[int]
) -> dict[Pillar, tuple[_Design, Fit, dict[ActivityKind, int]]]:
    out = {}
    for pillar in Pillar:
        design = _design(data, pillar, the_map.kinds(pillar), excluded)
        if design is None:
            continue
        lags, fit = _choose_lags(design)
        if fit is not None:
            out[pillar] = (design, fit, lags)
    return out


def _pillar_fits_without_lags(
    fits: Mapping[Pillar, tuple[_Design, Fit, dict[ActivityKind, int]]],
) -> dict[Pillar, tuple[_Design, Fit]]:
    return {p: (d, f) for p, (d, f, _) in fits.items()}


def effects(
    snapshots: Iterable[Snapshot],
    activities: Iterable[Activity],
    *,
    pillar_map: PillarMap | str | None = None,
) -> Effects:
    """Estimate, per pillar, each kind's association with the weekly change, strongest first.

    Works on one profile's history (a year of daily snapshots and activity counts
    is the intended size; pure Python, a few milliseconds). See the module
    documentation and :doc:`/what-moved` for the method and its limits.

    Args:
        snapshots: The profile's snapshots (any order, gaps allowed).
        activities: The profile's activities (any sources).
        pillar_map: Which kinds may feed which pillar: a :class:`PillarMap`, the
            name of a shipped one (``"guides"``, the default, or ``"linkedin-2015"``).

    Returns:
        An :class:`Effects`; ``enough_data`` is false (and ``reason`` says why)
        below :data:`MIN_WEEKS` usable weeks.

    Raises:
        AnalysisError: items of the wrong type, or more than one profile.
        RuleError: an unknown pillar map name.
    """
    the_map = pillar_map if isinstance(pillar_map, PillarMap) else _named(pillar_map)
    data = weekly(snapshots, activities)
    name = the_map.name
    if not data.counts:
        return _not_enough("no_activity", "no activity recorded for this profile", name)
    scored = sum(1 for v in data.level[Pillar.PROFESSIONAL_BRAND] if v is not None)
    if scored < 2:
        return _not_enough("no_scores", "fewer than two weeks with a score", name)
    usable = _usable_weeks(data)
    if len(usable) < MIN_WEEKS:
        return _not_enough(
            "few_weeks",
            f"{len(usable)} usable weeks with both scores and activity; "
            f"at least {MIN_WEEKS} are needed",
            name,
            weeks=len(usable),
        )
    fits = _fit_all(data, the_map, set())
    excluded = _recalculations(_pillar_fits_without_lags(fits))
    if excluded:
        fits = _fit_all(data, the_map, excluded)
    found: list[Effect] = []
    tested: list[tuple[Pillar, ActivityKind]] = []
    crit = {}
    for pillar, (design, fit, lags) in fits.items():
        df = fit.df
        if df not in crit:
            crit[df] = t_quantile(1 - (1 - _LEVEL) / (2 * len(LAGS)), df)
        t = crit[df]
        for j, kind in enumerate(design.kinds, start=1):
            tested.append((pillar, kind))
            b, se = fit.beta[j], fit.se[j]
            low, high = b - t * se, b + t * se
            if low <= 0.0 <= high:
                continue
            series = data.counts[kind]
            weekly_counts = [float(series[i] or 0) for i in design.rows]
            found.append(
                Effect(
                    pillar=pillar,
                    kind=kind,
                    per_unit=b,
                    low=low,
                    high=high,
                    lag=lags[kind],
                    weeks=len(design.rows),
                    median_weekly=median(weekly_counts),
                )
            )
    found.sort(key=lambda e: (-abs(e.weekly_contribution), -abs(e.per_unit)))
    used = sorted({i for design, _, _ in fits.values() for i in design.rows})
    return Effects(
        enough_data=True,
        effects=tuple(found),
        weeks=max((len(d.rows) for d, _, _ in fits.values()), default=len(usable)),
        first_week=data.weeks[used[0]] if used else data.weeks[usable[0]],
        last_week=data.weeks[used[-1]] if used else data.weeks[usable[-1]],
        recalculations=tuple(data.weeks[i] for i in sorted(excluded)),
        tested=tuple(tested),
        pillar_map=name,
    )


def _named(name: str | None) -> PillarMap:
    return pillar_map(name)


def _usable_weeks(data: Weekly) -> list[int]:
    """Weeks with a pillar change and at least one kind known that week and the one before."""
    change = data.change[Pillar.PROFESSIONAL_BRAND]
    return [
        i
        for i, c in enumerate(change)
        if c is not None and any(_known(s, i) and _known(s, i - 1) for s in data.counts.values())
    ]
