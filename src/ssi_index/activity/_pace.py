"""A pace model from the user's own effects, for the coaching roadmap (issue 11).

:class:`ActivityPace` has the one method the roadmap's pace models share,
``weekly_gains(values, goal)``: for each pillar with a confident effect it
answers what the user's typical week of activity goes with; for the others it
asks the fallback model (the roadmap's default pace). It says which pillars
come from the user's own data and from how many weeks ("from your last 20 weeks").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Protocol, cast

import attrs

from ssi_index._activity import Activity, ActivityKind
from ssi_index._model import Pillar
from ssi_index._snapshot import Snapshot

from ._effects import Effects, effects

if TYPE_CHECKING:
    from ssi_index.rules._pace import PaceModel

__all__ = ["ActivityPace", "WeeklyGains", "pace_from_activity", "personal_pace"]


class WeeklyGains(Protocol):
    """Any pace model: points each pillar gains in a week, in LinkedIn's pillar order."""

    def weekly_gains(self, values: Sequence[float], goal: object, /) -> Sequence[float]:
        """Points each pillar gains in one week from *values*."""
        ...


@attrs.frozen(kw_only=True)
class ActivityPace:
    """Weekly gains measured from the user's own activity, the rest from a fallback model.

    Attributes:
        effects: The user's effects (:func:`~ssi_index.effects`).
        fallback: The model for pillars without a confident effect.
        counts: The weekly counts planned; by default the user's typical (median) week.
    """

    effects: Effects
    fallback: WeeklyGains
    counts: Mapping[ActivityKind, float] = attrs.field(factory=dict)

    def _counts(self) -> dict[ActivityKind, float]:
        if self.counts:
            return dict(self.counts)
        return {e.kind: e.median_weekly for e in self.effects.effects}

    @property
    def measured_pillars(self) -> tuple[Pillar, ...]:
        """The pillars whose gain comes from the user's own data."""
        counts = self._counts()
        return tuple(
            p for p in Pillar if self.effects.expected_weekly_change(p, counts) is not None
        )

    @property
    def weeks(self) -> int:
        """How many weeks the measured gains rest on."""
        return self.effects.weeks if self.measured_pillars else 0

    def weekly_gains(self, values: Sequence[float], goal: object) -> tuple[float, ...]:
        """Each pillar's gain in a week: the user's own where confident, else the fallback's.

        A measured gain is never below 0 (a pace model only gains); the roadmap caps
        each gain at the pillar's gap to 25.
        """
        base = list(self.fallback.weekly_gains(values, goal))
        counts = self._counts()
        for i, pillar in enumerate(Pillar):
            found = self.effects.expected_weekly_change(pillar, counts)
            if found is not None:
                base[i] = max(0.0, found[0])
        return tuple(base)


def pace_from_activity(
    snapshots: Iterable[Snapshot],
    activities: Iterable[Activity],
    *,
    fallback: PaceModel | None = None,
) -> tuple[PaceModel, Effects]:
    """:func:`personal_pace` and the :class:`Effects` it rests on (for the reason it gives)."""
    from ssi_index.rules._pace import default_pace

    base: PaceModel = default_pace() if fallback is None else fallback
    found = effects(snapshots, activities)
    if not found.enough_data:
        return base, found
    # The roadmap calls the model with its own (values, goal), which is what the fallback takes.
    model = ActivityPace(effects=found, fallback=cast(WeeklyGains, base))
    chosen: PaceModel = model if model.measured_pillars else base
    return chosen, found


def personal_pace(
    snapshots: Iterable[Snapshot],
    activities: Iterable[Activity],
    *,
    fallback: PaceModel | None = None,
) -> PaceModel:
    """The pace of the user's own weeks where their effects are confident, else *fallback*.

    Returns an :class:`ActivityPace` when :func:`~ssi_index.effects` has enough data
    and at least one pillar has a confident effect at the user's typical (median)
    week; its other pillars, and every pillar otherwise, follow *fallback* (default:
    ssi-index's estimate, :func:`~ssi_index.rules.default_pace`).

    Args:
        snapshots: The profile's snapshots (e.g. ``store.history("me")``).
        activities: The profile's activities (e.g. ``store.activities("me")``).
        fallback: The pace model for pillars without a confident effect.

    Returns:
        A pace model for :func:`~ssi_index.roadmap` (``pace=``).

    Raises:
        AnalysisError: items of the wrong type, or more than one profile.

    Example:
        >>> pace = personal_pace(store.history("me"), store.activities("me"))  # doctest: +SKIP
        >>> roadmap(latest.score, 70, pace=pace)  # doctest: +SKIP
    """
    return pace_from_activity(snapshots, activities, fallback=fallback)[0]
