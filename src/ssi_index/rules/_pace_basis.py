"""Which pace a roadmap, a focus or a weekly report used, and how to say so.

The coach's pace comes from one of three places: the user's own activity (where
:func:`~ssi_index.effects` is confident: "from your last 20 weeks"), the user's own
score history (:func:`~ssi_index.rules._pace.measured_pace`), or ssi-index's own
estimate (``data/pace.toml``). :func:`choose_pace` picks it; :class:`PaceBasis`
records the choice and renders it in the user's language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, Final

import attrs

from ssi_index._activity import Activity
from ssi_index._errors import InvalidScoreError
from ssi_index._i18n import message, plural
from ssi_index._model import Pillar, Score
from ssi_index._snapshot import Snapshot

from ._goals import Goal
from ._pace import PaceModel, default_pace, measured_pace

__all__ = ["BASES", "PaceBasis", "check_activities", "choose_pace"]

BASES: Final = ("activity", "history", "estimate")
"""The places a pace can come from, most personal first."""


@attrs.frozen(kw_only=True)
class PaceBasis:
    """Where the coach's pace came from.

    Attributes:
        basis: ``"activity"`` (the user's own effects), ``"history"`` (the user's
            score history) or ``"estimate"`` (ssi-index's own).
        weeks: The usable weeks of activity the pace rests on (``"activity"``), or the
            weeks the activity covered when it was not enough; else ``None``.
        pillars: The pillars whose pace comes from the user's activity.
        reason: Why the activity given was not used: ``"few_weeks"``,
            ``"no_activity"``, ``"no_scores"`` or ``"no_effect"``; ``None`` when it
            was used or none was given.
        needed: The fewest usable weeks the activity pace needs.
    """

    basis: str = "estimate"
    weeks: int | None = None
    pillars: tuple[Pillar, ...] = ()
    reason: str | None = None
    needed: int | None = None

    @property
    def personal(self) -> bool:
        """Whether the user's own activity set the pace of at least one pillar."""
        return self.basis == "activity"

    def text(self, locale: str) -> str:
        """One line in *locale*: "Pace: from your last 20 weeks of activity ..."."""
        if self.basis == "activity":
            last = plural(locale, "coach.pace.last_weeks", self.weeks or 0, 0)
            if len(self.pillars) == len(Pillar):
                return message(locale, "coach.pace.activity_all", last=last)
            from ._coach_text import pillar_short

            names = ", ".join(pillar_short(locale, p) for p in self.pillars)
            return message(locale, "coach.pace.activity", last=last, pillars=names)
        head = message(
            locale, f"coach.pace.{'measured' if self.basis == 'history' else 'estimate'}"
        )
        if self.reason is None:
            return head
        if self.reason == "few_weeks":
            why = message(
                locale,
                "coach.pace.why.few_weeks",
                weeks=plural(locale, "coach.in_weeks", self.weeks or 0, 0),
                needed=plural(locale, "coach.in_weeks", self.needed or 0, 0),
            )
        else:
            why = message(locale, f"coach.pace.why.{self.reason}")
        return f"{head} {why}"

    def to_dict(self, locale: str = "en") -> dict[str, Any]:
        """Plain JSON-ready data, with :meth:`text` in *locale*."""
        return {
            "basis": self.basis,
            "weeks": self.weeks,
            "pillars": [p.value for p in self.pillars],
            "reason": self.reason,
            "text": self.text(locale),
        }


def check_activities(activities: Iterable[Activity] | None) -> tuple[Activity, ...] | None:
    """*activities* as a tuple, or ``None``; raise a clear error for anything else."""
    if activities is None:
        return None
    if isinstance(activities, str | bytes | Activity) or not isinstance(activities, Iterable):
        raise InvalidScoreError(
            f"activities: expected a sequence of Activity, found {type(activities).__name__}"
        )
    items = tuple(activities)
    for i, item in enumerate(items):
        if not isinstance(item, Activity):
            raise InvalidScoreError(
                f"activities[{i}]: expected an Activity, found {type(item).__name__}"
            )
    return items


def choose_pace(
    score: Score,
    history: tuple[Snapshot, ...],
    goal: Goal,
    *,
    day: dt.date,
    activities: tuple[Activity, ...] | None,
) -> tuple[PaceModel, PaceBasis]:
    """The most personal confident pace: the user's activity, their history, the estimate.

    Args:
        score: Today's score.
        history: Earlier snapshots of the same profile, oldest first.
        goal: The goal.
        day: The day of *score*.
        activities: The profile's activities, or ``None`` to leave them out.

    Returns:
        The pace model and where it came from.
    """
    from ssi_index.activity._effects import MIN_WEEKS
    from ssi_index.activity._pace import ActivityPace, pace_from_activity

    found = measured_pace(score, history, goal, day=day) if history else None
    base: PaceModel = default_pace() if found is None else found
    basis = "estimate" if found is None else "history"
    if activities is None:
        return base, PaceBasis(basis=basis)
    model, seen = pace_from_activity(history, activities, fallback=base)
    if isinstance(model, ActivityPace):
        return model, PaceBasis(
            basis="activity", weeks=model.weeks, pillars=model.measured_pillars, needed=MIN_WEEKS
        )
    reason = seen.reason_code if not seen.enough_data else "no_effect"
    weeks = seen.weeks if reason == "few_weeks" else None
    return base, PaceBasis(basis=basis, weeks=weeks, reason=reason, needed=MIN_WEEKS)
