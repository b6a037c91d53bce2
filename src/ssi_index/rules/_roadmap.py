"""Roadmaps: weekly milestones from today's score to a target, at a realistic pace."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from typing import Any, Final

import attrs

from ssi_index._activity import Activity
from ssi_index._errors import InvalidScoreError, RuleError
from ssi_index._i18n import format_number, message, normalize_locale, plural
from ssi_index._model import Pillar, PillarScores, Score, render_html
from ssi_index._snapshot import Snapshot

from ._goals import Goal, to_goal
from ._pace import PaceModel, add_gains, goal_floor, simulate
from ._pace_basis import PaceBasis, check_activities, choose_pace
from ._types import PILLARS, Quad, pillar_values

__all__ = [
    "DEFAULT_WEEKS",
    "Milestone",
    "Roadmap",
    "check_history",
    "recent_rise",
    "roadmap",
    "spread",
]

DEFAULT_WEEKS: Final = 12
"""How many weeks ahead :func:`roadmap` looks when no ``weeks`` is given (about a quarter)."""

_EPS: Final = 1e-9
_MAX_WEEKS: Final = 520
"""The longest horizon :func:`roadmap` accepts (ten years)."""
_PLAN_WEEKS: Final = 100_000
"""A bound on the weeks :func:`spread` simulates without a horizon (a stuck pace model)."""


def today_utc() -> dt.date:
    """Today's UTC date: the default start of a roadmap."""
    return dt.datetime.now(dt.UTC).date()


@attrs.frozen(kw_only=True)
class Milestone:
    """Where the score should be at the end of one week of the roadmap.

    Attributes:
        date: The milestone's day (week 0 is the roadmap's start).
        pillars: The four pillars expected on that day.
        total: Their sum.
        week: Weeks since the start (0 for today's values).
    """

    date: dt.date
    pillars: PillarScores
    total: float
    week: int = 0

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data: ``date`` (ISO), ``week``, ``total``, ``pillars``."""
        return {
            "date": self.date.isoformat(),
            "week": self.week,
            "total": round(self.total, 2),
            "pillars": {p.value: round(v, 2) for p, v in self.pillars.items()},
        }


def spread(
    values: Quad,
    wanted: float,
    model: PaceModel,
    goal: Goal,
    *,
    weeks: int | None,
) -> tuple[list[Quad], bool]:
    """Simulate weeks of *model* from *values* until their sum reaches *wanted*.

    The week that reaches *wanted* gains only what is missing (each pillar's gain scaled
    alike), so the end state sums to *wanted* exactly and no pillar passes 25.

    Args:
        values: The pillars now, in LinkedIn's order.
        wanted: The total to reach.
        model: The pace model.
        goal: The goal whose weights the model uses.
        weeks: The horizon; ``None`` for no horizon (until reached).

    Returns:
        The values at the end of each simulated week (week 0 not included), and
        whether *wanted* was reached.
    """
    out: list[Quad] = []
    total = values[0] + values[1] + values[2] + values[3]
    if total + _EPS >= wanted:
        return out, True
    limit = _PLAN_WEEKS if weeks is None else weeks
    for _ in range(limit):
        gains = simulate(values, model, goal)
        gained = gains[0] + gains[1] + gains[2] + gains[3]
        if gained <= _EPS:
            return out, False
        missing = wanted - total
        reached = gained + _EPS >= missing
        if reached:
            share = missing / gained
            a, b, c, d = (g * share for g in gains)
            gains = (a, b, c, d)
        values = add_gains(values, gains)
        total = values[0] + values[1] + values[2] + values[3]
        out.append(values)
        if reached:
            return out, True
    return out, False


def _check_weeks(weeks: object) -> int:
    if weeks is None:
        return DEFAULT_WEEKS
    if isinstance(weeks, bool) or not isinstance(weeks, int) or not 1 <= weeks <= _MAX_WEEKS:
        raise RuleError(f"weeks: expected a whole number from 1 to {_MAX_WEEKS}, found {weeks!r}")
    return weeks


def _check_start(start: object) -> dt.date:
    if start is None:
        return today_utc()
    if not isinstance(start, dt.date) or isinstance(start, dt.datetime):
        raise InvalidScoreError(f"start: expected a date, found {type(start).__name__} {start!r}")
    return start


def check_history(history: Iterable[Snapshot] | None) -> tuple[Snapshot, ...]:
    """Return *history* as a tuple of snapshots, oldest first, or raise a clear error."""
    if history is None:
        return ()
    if isinstance(history, str | bytes | Snapshot) or not isinstance(history, Iterable):
        raise InvalidScoreError(
            f"history: expected a sequence of Snapshot, found {type(history).__name__}"
        )
    items = tuple(history)
    for i, item in enumerate(items):
        if not isinstance(item, Snapshot):
            raise InvalidScoreError(
                f"history[{i}]: expected a Snapshot, found {type(item).__name__}"
            )
    return tuple(sorted(items, key=lambda s: s.day))


def _check_pace(pace: object) -> PaceModel:
    if not isinstance(pace, PaceModel):
        raise RuleError(
            f"pace: expected a pace model with a weekly_gains(values, goal) method, "
            f"found {type(pace).__name__}"
        )
    return pace


def _pillars(values: Quad) -> PillarScores:
    """Values the simulation kept within 0-25, as PillarScores (no re-validation)."""
    scores = object.__new__(PillarScores)
    object.__setattr__(scores, "_values", values)
    return scores


@attrs.frozen(kw_only=True)
class Roadmap:
    """Weekly milestones from a score to a target total, at a realistic pace.

    Attributes:
        target: The total aimed at.
        goal: The goal whose weights spread the work.
        start: The day of week 0.
        weeks: How far ahead the roadmap looks.
        milestones: Week 0 (today's values) and then one milestone a week, up to the
            week that reaches the target or the horizon.
        reached_on: The first milestone date at or above the target, or ``None``.
        note: One line in :attr:`locale` saying when the target is reached, or that it is
            "not within N weeks at this pace".
        pace: The pace model used.
        measured: Whether the pace was measured from the user's history.
        pace_basis: Where the pace came from: the user's own activity ("from your
            last 20 weeks"), their history, or ssi-index's estimate, and why activity
            given was not used.
        floor: The total the goal must not fall under (ads: 50), or ``None``.
        floor_on: The first milestone date at or above :attr:`floor`, or ``None``.
        locale: The language of :attr:`note` and :meth:`to_text`.

    Example:
        >>> import datetime as dt
        >>> from ssi_index import Score, roadmap
        >>> r = roadmap(Score.from_pillars([13.4, 10.7, 11.1, 25]), 70, start=dt.date(2026, 1, 5))
        >>> r.reached_on, len(r.milestones) - 1
        (datetime.date(2026, 2, 9), 5)
    """

    target: float
    goal: Goal
    start: dt.date
    weeks: int
    milestones: tuple[Milestone, ...]
    reached_on: dt.date | None
    note: str
    pace: PaceModel = attrs.field(eq=False, repr=False)
    measured: bool = False
    floor: float | None = None
    floor_on: dt.date | None = None
    locale: str = "en"
    pace_basis: PaceBasis = attrs.field(factory=PaceBasis)

    @property
    def reached(self) -> bool:
        """Whether the target is reached within the horizon."""
        return self.reached_on is not None

    @property
    def next_milestone(self) -> Milestone | None:
        """The milestone one week ahead, or ``None`` when the target is already reached."""
        return self.milestones[1] if len(self.milestones) > 1 else None

    def gains(self, week: int = 1) -> dict[Pillar, float]:
        """The points each pillar is planned to gain in *week* (1 = the coming week)."""
        if not 1 <= week < len(self.milestones):
            return dict.fromkeys(PILLARS, 0.0)
        before, after = self.milestones[week - 1].pillars, self.milestones[week].pillars
        return {p: round(after[p] - before[p], 10) for p in PILLARS}

    def to_text(self, locale: str | None = None) -> str:
        """The roadmap as plain text lines in *locale* (default: :attr:`locale`)."""
        from ._coach_text import roadmap_text

        return roadmap_text(self, self.locale if locale is None else normalize_locale(locale))

    def __str__(self) -> str:
        return self.to_text()

    def _repr_html_(self) -> str:
        return render_html("roadmap", self)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data for the roadmap."""
        return {
            "target": self.target,
            "goal": self.goal.value,
            "start": self.start.isoformat(),
            "weeks": self.weeks,
            "milestones": [m.to_dict() for m in self.milestones],
            "reached_on": None if self.reached_on is None else self.reached_on.isoformat(),
            "note": self.note,
            "measured": self.measured,
            "pace_basis": self.pace_basis.to_dict(self.locale),
            "floor": self.floor,
            "floor_on": None if self.floor_on is None else self.floor_on.isoformat(),
        }


def _note(locale: str, target: float, milestones: tuple[Milestone, ...], reached: bool) -> str:
    first, last = milestones[0], milestones[-1]
    t = format_number(locale, target)
    if first.total + _EPS >= target:
        return message(
            locale, "coach.roadmap.already", total=format_number(locale, first.total), target=t
        )
    if reached:
        return message(
            locale,
            "coach.roadmap.reached",
            target=t,
            date=last.date.isoformat(),
            weeks=plural(locale, "coach.in_weeks", last.week, 0),
        )
    return message(
        locale,
        "coach.roadmap.not_within",
        weeks=plural(locale, "coach.in_weeks", last.week, 0),
        total=format_number(locale, last.total),
        date=last.date.isoformat(),
        missing=plural(locale, "units.points", max(0.0, target - last.total)),
        target=t,
    )


def roadmap(
    score: Score,
    target: float | None = None,
    *,
    goal: Goal | str | None = None,
    weeks: int | None = None,
    start: dt.date | None = None,
    pace: PaceModel | None = None,
    history: Iterable[Snapshot] | None = None,
    locale: str = "en",
    activities: Iterable[Activity] | None = None,
) -> Roadmap:
    """Plan the weeks from *score* to *target*: one milestone a week, spread realistically.

    Each week every pillar with points left gains what the pace model allows: low
    pillars rise fastest, a pillar slows as it nears 25 and stops there, and the goal's
    weights share the effort (brand goal: brand first; job search: brand and finding
    people; ads: the floor of 50 first). The week that reaches the target gains only
    what is missing.

    Args:
        score: Today's score (the latest of *history*).
        target: The total to reach (0-100); default: the goal's target.
        goal: ``"sales"`` (default), ``"ads"``, ``"job_search"`` or ``"brand"``.
        weeks: How far ahead to look; default :data:`DEFAULT_WEEKS` (12).
        start: The date of week 0; default: today (UTC).
        pace: The pace model; default: measured from *history* when it spans at least
            three weeks, else ssi-index's estimate (``data/pace.toml``).
        history: Earlier snapshots of the same profile, oldest first.
        locale: The language of :attr:`Roadmap.note` and the text rendering.
        activities: The profile's activities (e.g. ``store.activities("me")``): where
            :func:`~ssi_index.effects` is confident on *history* and them, each such
            pillar moves at the user's own typical week, and the roadmap says so
            ("from your last 20 weeks"); otherwise it says why it could not. Ignored
            when *pace* is given.

    Returns:
        The :class:`Roadmap`.

    Raises:
        InvalidScoreError: *score* is not a Score, *target* is not a total from 0 to
            100, *start* is not a date, or *history* or *activities* hold something else.
        AnalysisError: *history* and *activities* of more than one profile.
        UnreachableTargetError: *target* is above 100.
        RuleError: an unknown goal, a bad *weeks* or a *pace* without ``weekly_gains``.
        UnknownLocaleError: no texts for *locale*.
    """
    from ._plan import check_target

    if not isinstance(score, Score):
        raise InvalidScoreError(f"score: expected a Score, found {type(score).__name__}")
    the_goal = to_goal(goal)
    wanted = the_goal.default_target if target is None else check_target(target)
    horizon = _check_weeks(weeks)
    day = _check_start(start)
    lang = normalize_locale(locale)
    earlier = check_history(history)
    done = check_activities(activities)
    basis = PaceBasis()
    if pace is None:
        model, basis = choose_pace(score, earlier, the_goal, day=day, activities=done)
    else:
        model = _check_pace(pace)
    values = pillar_values(score)
    steps, reached = spread(values, wanted, model, the_goal, weeks=horizon)
    milestones = (
        Milestone(date=day, pillars=score.pillars, total=score.pillars.total, week=0),
        *(
            Milestone(
                date=day + dt.timedelta(weeks=i),
                pillars=_pillars(v),
                total=round(math.fsum(v), 10),
                week=i,
            )
            for i, v in enumerate(steps, start=1)
        ),
    )
    reached_on = next((m.date for m in milestones if m.total + _EPS >= wanted), None)
    floor = goal_floor(the_goal)
    floor_on = (
        None
        if floor is None
        else next((m.date for m in milestones if m.total + _EPS >= floor), None)
    )
    return Roadmap(
        target=wanted,
        goal=the_goal,
        start=day,
        weeks=horizon,
        milestones=milestones,
        reached_on=reached_on,
        note=_note(lang, wanted, milestones, reached),
        pace=model,
        measured=basis.basis == "history",
        pace_basis=basis,
        floor=floor,
        floor_on=floor_on,
        locale=lang,
    )


def recent_rise(score: Score, history: Iterable[Snapshot], pillar: Pillar) -> float:
    """How much *pillar* rose in *score* against the oldest snapshot of the last 7 days.

    The week is counted back from the newest snapshot of *history* (*score* is taken to
    be at least that recent); 0 without history.
    """
    items = sorted(history, key=lambda s: s.day)
    if not items:
        return 0.0
    newest = items[-1].day
    window = [s for s in items if (newest - s.day).days <= 7]
    return round(score.pillars[pillar] - window[0].score.pillars[pillar], 10)
