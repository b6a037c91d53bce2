"""A profile whose truth is known: daily activity that drives chosen pillars by chosen amounts.

Used by the effects tests, the benchmark and the example. Each week has a "busy"
factor shared by every kind (so kinds are correlated, as in real life), each day
a Poisson count per kind; each pillar moves every day by the planted effects of
that day's activity (or of the day a week earlier, for a one-week lag) above the
kind's average, plus noise, with a slow pull back to its usual level. On one
day, LinkedIn "recalculates": all four pillars jump by the same amount.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass, field

from ssi_index import Activity, ActivityKind, Pillar, Score, Snapshot

K = ActivityKind
P = Pillar

RATES: dict[ActivityKind, float] = {  # mean per day
    K.INVITATION_SENT: 5.0,
    K.INVITATION_RECEIVED: 1.0,
    K.CONNECTION_ADDED: 2.0,
    K.MESSAGE_SENT: 6.0,
    K.MESSAGE_RECEIVED: 6.0,
    K.POST: 0.3,
    K.COMMENT: 2.0,
    K.REACTION: 8.0,
    K.SEARCH: 4.0,
}

# (pillar, kind) -> (points per unit, lag in weeks). Kinds not listed have no effect.
PLANTED: dict[tuple[Pillar, ActivityKind], tuple[float, int]] = {
    (P.FIND_RIGHT_PEOPLE, K.INVITATION_SENT): (0.03, 0),
    (P.STRONG_RELATIONSHIP, K.MESSAGE_SENT): (0.02, 1),
    (P.INSIGHT_ENGAGEMENT, K.COMMENT): (0.05, 0),
    (P.INSIGHT_ENGAGEMENT, K.REACTION): (0.004, 0),
    (P.PROFESSIONAL_BRAND, K.POST): (0.3, 0),
}

STRONGEST: dict[Pillar, ActivityKind] = {
    P.FIND_RIGHT_PEOPLE: K.INVITATION_SENT,
    P.STRONG_RELATIONSHIP: K.MESSAGE_SENT,
    P.INSIGHT_ENGAGEMENT: K.COMMENT,
    P.PROFESSIONAL_BRAND: K.POST,
}
"""The planted strongest kind of each pillar (by effect times the typical weekly count)."""

NULL_KINDS: dict[Pillar, ActivityKind] = {
    P.FIND_RIGHT_PEOPLE: K.SEARCH,
    P.STRONG_RELATIONSHIP: K.CONNECTION_ADDED,
}
"""Kinds the pillar map puts on a pillar, planted with no effect on it."""


@dataclass
class Simulated:
    """The simulated history and when the recalculation happened."""

    snapshots: list[Snapshot] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    recalculation: dt.date | None = None


def _poisson(rng: random.Random, lam: float) -> int:
    if lam > 30:
        return max(0, round(rng.gauss(lam, math.sqrt(lam))))
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def simulate(
    seed: int,
    weeks: int = 52,
    *,
    noise: float = 0.12,
    recalculation: float = -2.5,
    start: dt.date = dt.date(2025, 12, 1),
    profile: str = "me",
    missing: float = 0.05,
    planted: dict[tuple[Pillar, ActivityKind], tuple[float, int]] | None = None,
) -> Simulated:
    """Simulate *weeks* weeks of one profile (``start`` should be a Monday)."""
    rng = random.Random(seed)
    truth = PLANTED if planted is None else planted
    days = weeks * 7
    busy = [math.exp(rng.gauss(0.0, 0.4)) for _ in range(weeks)]  # shared: kinds correlate
    counts: dict[ActivityKind, list[int]] = {}
    for kind, rate in RATES.items():
        own = [math.exp(rng.gauss(0.0, 0.4)) for _ in range(weeks)]  # this kind's own weeks
        counts[kind] = [_poisson(rng, rate * busy[d // 7] * own[d // 7]) for d in range(days)]
    means = {k: sum(v) / len(v) for k, v in counts.items()}
    home = {p: 12.0 + 2.0 * i for i, p in enumerate(Pillar)}
    level = dict(home)
    recalc_day = 7 * rng.randrange(max(3, weeks // 3), max(4, weeks - 3)) + rng.randrange(7)
    out = Simulated()
    for d in range(days):
        day = start + dt.timedelta(days=d)
        for p in Pillar:
            move = rng.gauss(0.0, noise) + 0.02 * (home[p] - level[p])
            for (pillar, kind), (effect, lag) in truth.items():
                if pillar is p:
                    source = d - 7 * lag
                    if source >= 0:
                        move += effect * (counts[kind][source] - means[kind])
            if d == recalc_day and recalculation:
                move += recalculation
            level[p] = min(25.0, max(0.0, level[p] + move))
        if d == recalc_day and recalculation:
            out.recalculation = day
        if rng.random() >= missing:
            out.snapshots.append(
                Snapshot(
                    profile=profile,
                    day=day,
                    score=Score.from_pillars([round(level[p], 4) for p in Pillar]),
                )
            )
        for kind, series in counts.items():
            if series[d]:
                out.activities.append(
                    Activity(
                        profile=profile,
                        day=day,
                        kind=kind,
                        count=series[d],
                        source="linkedin-export",
                    )
                )
    return out
