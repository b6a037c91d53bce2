"""The weekly report: what moved this week, against what, the streak, the pace and the focus."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, Final

import attrs

from ssi_index._activity import Activity
from ssi_index._errors import AnalysisError
from ssi_index._i18n import normalize_locale
from ssi_index._model import Pillar, render_html
from ssi_index._snapshot import Note, Snapshot
from ssi_index.analytics._changes import PILLAR_THRESHOLD
from ssi_index.analytics._series import delta, history, notes_of
from ssi_index.analytics._trend import Streak, streak
from ssi_index.rules._focus import Focus, focus_from
from ssi_index.rules._goals import Goal, to_goal
from ssi_index.rules._roadmap import Milestone, roadmap

__all__ = [
    "ON_PACE_SHARE",
    "PILLAR_THRESHOLD",
    "TOTAL_THRESHOLD",
    "MeasuredAgainst",
    "PillarMove",
    "WeeklyReport",
    "weekly_report",
]

TOTAL_THRESHOLD: Final = 1.0
"""The total's flat threshold for the week (ssi-index's own choice)."""
ON_PACE_SHARE: Final = 0.8
"""A week is on pace when it gained at least this share of what the roadmap planned."""
_WEEK_DAYS: Final = 7
_EPS: Final = 1e-9


def _direction(value: float, threshold: float) -> str:
    if value >= threshold - _EPS:
        return "up"
    if value <= -threshold + _EPS:
        return "down"
    return "flat"


@attrs.frozen(kw_only=True)
class PillarMove:
    """How one pillar (or the total, when :attr:`pillar` is ``None``) moved this week.

    Attributes:
        pillar: The pillar, or ``None`` for the total.
        before: Its value at the start of the comparison.
        after: Its value now.
        delta: ``after - before``.
        direction: ``"up"``, ``"down"`` or ``"flat"`` (moved less than the threshold).
    """

    pillar: Pillar | None
    before: float
    after: float
    delta: float
    direction: str

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data."""
        return {
            "pillar": None if self.pillar is None else self.pillar.value,
            "before": round(self.before, 2),
            "after": round(self.after, 2),
            "delta": round(self.delta, 2),
            "direction": self.direction,
        }


@attrs.frozen(kw_only=True)
class MeasuredAgainst:
    """What this week's changes are measured against.

    Attributes:
        day: The day of the snapshot compared with, or ``None`` with one snapshot only.
        days: Days between it and the latest snapshot (7 for a week; otherwise the
            report says how many).
        latest: The day of the latest snapshot.
        age: Days from the latest snapshot to the report's day (0: today's).
    """

    day: dt.date | None
    days: int | None
    latest: dt.date
    age: int

    @property
    def exact_week(self) -> bool:
        """Whether the comparison spans exactly a week."""
        return self.days == _WEEK_DAYS

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data."""
        return {
            "day": None if self.day is None else self.day.isoformat(),
            "days": self.days,
            "latest": self.latest.isoformat(),
            "age": self.age,
            "exact_week": self.exact_week,
        }


@attrs.frozen(kw_only=True)
class WeeklyReport:
    """One profile's week: what moved, against what, the streak, the pace and the focus.

    Render it with :meth:`to_text`, :meth:`to_markdown`, ``_repr_html_`` (notebooks)
    or :meth:`to_dict` (JSON).

    Attributes:
        profile: The profile.
        day: The report's day.
        total: How the total moved.
        pillars: How each pillar moved, in LinkedIn's order (empty with one snapshot).
        moved_most: The pillar that moved most either way, or ``None`` if none moved
            by the threshold.
        measured_against: What the changes are measured against.
        streak: Weeks in a row that improved.
        next_milestone: The roadmap's next milestone from the latest score, or ``None``
            when the target is reached.
        on_pace: Whether this week gained what the roadmap planned (at least
            :data:`ON_PACE_SHARE` of it), or ``None`` when it cannot be said.
        planned: The points the roadmap planned for the week measured, or ``None``.
        target: The roadmap's target.
        goal: The goal.
        focus: This week's actions.
        notes: The notes of the week measured.
        locale: The language of the texts.
    """

    profile: str
    day: dt.date
    total: PillarMove | None
    pillars: tuple[PillarMove, ...]
    moved_most: Pillar | None
    measured_against: MeasuredAgainst
    streak: Streak
    next_milestone: Milestone | None
    on_pace: bool | None
    planned: float | None
    target: float
    goal: Goal
    focus: Focus
    notes: tuple[Note, ...]
    locale: str = "en"

    @property
    def rises(self) -> tuple[PillarMove, ...]:
        """The pillars that rose by the threshold or more."""
        return tuple(m for m in self.pillars if m.direction == "up")

    @property
    def drops(self) -> tuple[PillarMove, ...]:
        """The pillars that fell by the threshold or more."""
        return tuple(m for m in self.pillars if m.direction == "down")

    def to_text(self, locale: str | None = None) -> str:
        """The report as plain text in *locale* (default: :attr:`locale`)."""
        from ssi_index.analytics._weekly_text import weekly_text

        return weekly_text(self, self.locale if locale is None else normalize_locale(locale))

    def to_markdown(self, locale: str | None = None) -> str:
        """The report as Markdown in *locale* (default: :attr:`locale`)."""
        from ssi_index.analytics._weekly_text import weekly_markdown

        return weekly_markdown(self, self.locale if locale is None else normalize_locale(locale))

    def _repr_html_(self) -> str:
        return render_html("weekly", self)

    def __str__(self) -> str:
        return self.to_text()

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data.

        Keys: ``changes``, ``measured_against``, ``streak``, ``next_milestone``,
        ``on_pace``, ``pace_basis`` (where the roadmap's pace came from), ``focus``
        and ``notes``.
        """
        return {
            "changes": {
                "total": None if self.total is None else self.total.to_dict(),
                "pillars": [m.to_dict() for m in self.pillars],
                "moved_most": None if self.moved_most is None else self.moved_most.value,
                "rises": [m.pillar.value for m in self.rises if m.pillar is not None],
                "drops": [m.pillar.value for m in self.drops if m.pillar is not None],
            },
            "measured_against": {"profile": self.profile, **self.measured_against.to_dict()},
            "streak": {
                "weeks": self.streak.weeks,
                "since": None if self.streak.since is None else self.streak.since.isoformat(),
                "longest": self.streak.longest,
            },
            "next_milestone": None
            if self.next_milestone is None
            else {**self.next_milestone.to_dict(), "target": self.target, "goal": self.goal.value},
            "on_pace": self.on_pace,
            "pace_basis": self.focus.pace_basis.to_dict(self.locale),
            "focus": self.focus.to_dict(),
            "notes": [
                {
                    "day": n.day.isoformat(),
                    "text": n.text,
                    "pillar": None if n.pillar is None else n.pillar.value,
                }
                for n in self.notes
            ],
        }


def _baseline(items: list[Snapshot]) -> Snapshot | None:
    """The snapshot to measure the week against.

    The newest one at least 7 days old, else the oldest one (a shorter span, which the
    report states).
    """
    if len(items) < 2:
        return None
    latest = items[-1]
    older = [s for s in items[:-1] if (latest.day - s.day).days >= _WEEK_DAYS]
    return older[-1] if older else items[0]


def _moves(before: Snapshot, after: Snapshot) -> tuple[PillarMove, tuple[PillarMove, ...]]:
    total = delta(after.score.pillars.total, before.score.pillars.total)
    pillars = tuple(
        PillarMove(
            pillar=p,
            before=before.score.pillars[p],
            after=after.score.pillars[p],
            delta=(d := delta(after.score.pillars[p], before.score.pillars[p])),
            direction=_direction(d, PILLAR_THRESHOLD),
        )
        for p in Pillar
    )
    return (
        PillarMove(
            pillar=None,
            before=before.score.pillars.total,
            after=after.score.pillars.total,
            delta=total,
            direction=_direction(total, TOTAL_THRESHOLD),
        ),
        pillars,
    )


def weekly_report(
    snapshots: Iterable[Snapshot],
    *,
    notes: Iterable[Note] = (),
    goal: Goal | str | None = None,
    target: float | None = None,
    locale: str = "en",
    today: dt.date | None = None,
    activities: Iterable[Activity] | None = None,
) -> WeeklyReport:
    """Report one profile's week: what moved, against what, the streak, pace and focus.

    The latest snapshot is compared with the newest one at least 7 days older (or, when
    there is none, the oldest one: the report then says how many days it spans).
    Rises and drops are the pillars that moved by :data:`PILLAR_THRESHOLD` or more;
    "on pace" compares the gain with what the roadmap from the earlier snapshot planned
    for those days.

    Args:
        snapshots: One profile's snapshots, any order (e.g. ``store.history("me")``).
        notes: The profile's notes; those of the week measured are shown.
        goal: The goal (default ``"sales"``).
        target: The roadmap's target (default: the goal's).
        locale: ``"en"``, ``"he"`` or ``"ru"``.
        today: The report's day (default: today, UTC); the next milestone is a week
            after it.
        activities: The profile's activities (e.g. ``store.activities("me")``): where
            the user's own effects are confident, the next milestone and the focus use
            the user's own pace and say so ("from your last 20 weeks").

    Returns:
        The :class:`WeeklyReport`.

    Raises:
        AnalysisError: no snapshots, snapshots of several profiles, or a day twice.
        RuleError: an unknown goal.
        UnknownLocaleError: no texts for *locale*.
    """
    lang = normalize_locale(locale)
    the_goal = to_goal(goal)
    items = history(snapshots)
    if not items:
        raise AnalysisError("snapshots: expected at least one snapshot, found none")
    latest = items[-1]
    day = dt.datetime.now(dt.UTC).date() if today is None else today
    if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
        raise AnalysisError(f"today: expected a date, found {type(day).__name__} {day!r}")
    earlier = items[:-1]
    base = _baseline(items)
    plan = roadmap(
        latest.score,
        target,
        goal=the_goal,
        start=day,
        history=earlier,
        locale=lang,
        activities=activities,
    )
    total: PillarMove | None = None
    pillars: tuple[PillarMove, ...] = ()
    moved_most: Pillar | None = None
    on_pace: bool | None = None
    planned: float | None = None
    week_notes: tuple[Note, ...] = ()
    if base is not None:
        total, pillars = _moves(base, latest)
        moving = [m for m in pillars if m.direction != "flat" and m.pillar is not None]
        if moving:
            moved_most = max(moving, key=lambda m: abs(m.delta)).pillar
        days = (latest.day - base.day).days
        then = roadmap(
            base.score,
            plan.target,
            goal=the_goal,
            start=base.day,
            weeks=max(1, -(-days // _WEEK_DAYS)),
            history=[s for s in items if s.day < base.day],
        )
        expected = min(then.target, _expected_total(then.milestones, base.day, days))
        planned = round(expected - base.score.pillars.total, 10)
        if planned <= _EPS:
            on_pace = latest.score.pillars.total + _EPS >= plan.target
        else:
            on_pace = total.delta + _EPS >= ON_PACE_SHARE * planned
        week_notes = tuple(
            n for n in notes_of(notes, latest.profile) if base.day < n.day <= latest.day
        )
    measured = MeasuredAgainst(
        day=None if base is None else base.day,
        days=None if base is None else (latest.day - base.day).days,
        latest=latest.day,
        age=(day - latest.day).days,
    )
    return WeeklyReport(
        profile=latest.profile,
        day=day,
        total=total,
        pillars=pillars,
        moved_most=moved_most,
        measured_against=measured,
        streak=streak(items),
        next_milestone=plan.next_milestone,
        on_pace=on_pace,
        planned=planned,
        target=plan.target,
        goal=the_goal,
        focus=focus_from(latest.score, plan, earlier, lang),
        notes=week_notes,
        locale=lang,
    )


def _expected_total(milestones: tuple[Milestone, ...], start: dt.date, days: int) -> float:
    """The roadmap's total *days* after *start*, read between its weekly milestones."""
    weeks = days / _WEEK_DAYS
    whole = int(weeks)
    if whole + 1 >= len(milestones):
        return milestones[-1].total
    low, high = milestones[whole].total, milestones[whole + 1].total
    return low + (high - low) * (weeks - whole)
