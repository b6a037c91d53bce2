"""Weekly series: each pillar's change per week and each kind's count per week.

Weeks start on Monday (ISO weeks). A week's pillar value is its last snapshot's;
its change is that minus the previous week's, defined only when both weeks have
a snapshot (gaps stay gaps). A kind's weekly count is the sum of its days; where
an archive and a manual log both give a day, the larger count is taken (the two
usually describe the same actions).

A kind's count is *known* from the week of its first record to the last week
its source (the archive, or the manual log) recorded anything at all: days
without a record inside that span count 0, weeks outside it are unknown, never 0.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Mapping

import attrs

from ssi_index._activity import Activity, ActivityKind
from ssi_index._errors import AnalysisError
from ssi_index._model import Pillar
from ssi_index._snapshot import Snapshot

__all__ = ["Weekly", "week_of", "weekly"]


def week_of(day: dt.date) -> dt.date:
    """The Monday of *day*'s week."""
    return day - dt.timedelta(days=day.weekday())


@attrs.frozen(kw_only=True)
class Weekly:
    """One profile's weeks, as :func:`effects` and :class:`Insights` read them.

    Attributes:
        weeks: Every Monday from the week before the first scored week to the last
            scored week (without scores: the weeks with activity), in order.
        change: Per pillar, the change of each week (``None`` where undefined).
        level: Per pillar, each week's last value (``None`` without a snapshot).
        counts: Per kind, each week's count (``None`` where unknown).
    """

    weeks: tuple[dt.date, ...]
    change: Mapping[Pillar, tuple[float | None, ...]]
    level: Mapping[Pillar, tuple[float | None, ...]]
    counts: Mapping[ActivityKind, tuple[int | None, ...]]


def weekly(snapshots: Iterable[Snapshot], activities: Iterable[Activity]) -> Weekly:
    """Aggregate one profile's snapshots and activities by week.

    Raises:
        AnalysisError: an item is of the wrong type, or they mix profiles.
    """
    profiles: set[str] = set()
    last: dict[dt.date, Snapshot] = {}
    for s in snapshots:
        if not isinstance(s, Snapshot):
            raise AnalysisError(f"snapshots: expected Snapshot items, found {type(s).__name__}")
        profiles.add(s.profile)
        w = week_of(s.day)
        kept = last.get(w)
        if kept is None or s.day > kept.day:
            last[w] = s
    daily: dict[tuple[dt.date, ActivityKind], int] = {}
    first_day: dict[ActivityKind, dt.date] = {}
    source_end: dict[str, dt.date] = {}
    kind_sources: dict[ActivityKind, set[str]] = {}
    for a in activities:
        if not isinstance(a, Activity):
            raise AnalysisError(f"activities: expected Activity items, found {type(a).__name__}")
        profiles.add(a.profile)
        key = (a.day, a.kind)
        old = daily.get(key)
        if old is None or a.count > old:
            daily[key] = a.count
        if a.kind not in first_day or a.day < first_day[a.kind]:
            first_day[a.kind] = a.day
        if a.source not in source_end or a.day > source_end[a.source]:
            source_end[a.source] = a.day
        kind_sources.setdefault(a.kind, set()).add(a.source)
    if len(profiles) > 1:
        raise AnalysisError(
            f"expected the snapshots and activities of one profile, found {len(profiles)}: "
            f"{', '.join(sorted(profiles)[:3])} ..."
        )
    if last:  # the weeks with scores (and the one before, for a lag): all effects can use
        first, final = min(last) - dt.timedelta(weeks=1), max(last)
    else:
        starts = [week_of(d) for d in (*first_day.values(), *source_end.values())]
        if not starts:
            return Weekly(
                weeks=(),
                change=dict.fromkeys(Pillar, ()),
                level=dict.fromkeys(Pillar, ()),
                counts={},
            )
        first, final = min(starts), max(starts)
    weeks = tuple(first + dt.timedelta(weeks=i) for i in range((final - first).days // 7 + 1))
    index = {w: i for i, w in enumerate(weeks)}
    level: dict[Pillar, list[float | None]] = {p: [None] * len(weeks) for p in Pillar}
    for w, s in last.items():
        for p, value in s.score.pillars.items():
            level[p][index[w]] = value
    change: dict[Pillar, tuple[float | None, ...]] = {}
    for p, values in level.items():
        steps = [None if a is None or b is None else b - a for a, b in itertools.pairwise(values)]
        change[p] = (None, *steps)
    sums: dict[ActivityKind, list[int]] = {k: [0] * len(weeks) for k in first_day}
    for (day, kind), n in daily.items():
        i = index.get(week_of(day))
        if i is not None:  # activity outside the scored weeks cannot be related to a score
            sums[kind][i] += n
    counts: dict[ActivityKind, tuple[int | None, ...]] = {}
    for kind, totals in sums.items():
        low = week_of(first_day[kind])
        high = week_of(max(source_end[s] for s in kind_sources[kind]))
        counts[kind] = tuple(v if low <= weeks[i] <= high else None for i, v in enumerate(totals))
    return Weekly(
        weeks=weeks,
        change=change,
        level={p: tuple(v) for p, v in level.items()},
        counts=counts,
    )
