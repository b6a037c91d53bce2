"""What a report shows, gathered from a store once: the renderers only lay it out."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Final

import attrs

import ssi_index
from ssi_index._errors import AnalysisError
from ssi_index._i18n import normalize_locale
from ssi_index._snapshot import Note, Snapshot
from ssi_index._tiers import TierScale
from ssi_index.analytics import Leaderboard, LeaderboardRow, WeeklyReport
from ssi_index.analytics._team import TEAM_FLOOR
from ssi_index.rules import Roadmap
from ssi_index.rules._goals import Goal, to_goal
from ssi_index.rules._plan import check_target

if TYPE_CHECKING:
    from ssi_index.storage import SnapshotStore

__all__ = [
    "CHART_DAYS",
    "WEEK_DAYS",
    "Member",
    "PersonalData",
    "StalledMember",
    "TeamData",
    "personal",
    "team",
]

WEEK_DAYS: Final = 7
""""This week" is the last 7 days, today included."""
CHART_DAYS: Final = 182
"""The history chart covers the last 26 weeks."""
STALLED_DAYS: Final = 7
"""A member whose latest score is this many days old or older has stalled."""
MILESTONES: Final = 4
"""How many of the roadmap's next weekly milestones a report shows."""
MOVERS: Final = 5
"""How many members the team report names under "who moved most"."""


@attrs.frozen(kw_only=True)
class PersonalData:
    """Everything a personal report shows."""

    locale: str
    profile: str
    today: dt.date
    week_start: dt.date
    latest: Snapshot
    history: tuple[Snapshot, ...]
    scale: TierScale
    goal: Goal
    target: float
    week: WeeklyReport
    plan: Roadmap
    notes: tuple[Note, ...]


@attrs.frozen(kw_only=True)
class StalledMember:
    """A member without a score this week: the day of their latest one, if any."""

    profile: str
    last: dt.date | None
    days: int | None


@attrs.frozen(kw_only=True)
class Member:
    """One ranked member's week, for the team report."""

    profile: str
    week: WeeklyReport

    @property
    def moved(self) -> float | None:
        """The total's change over the member's week, or ``None`` if it cannot be said."""
        recent = self.week.measured_against.age < STALLED_DAYS
        return None if self.week.total is None or not recent else self.week.total.delta


@attrs.frozen(kw_only=True)
class TeamData:
    """Everything a team or cohort report shows."""

    locale: str
    team: str
    today: dt.date
    week_start: dt.date
    board: Leaderboard
    floor: int
    scale: TierScale
    stalled: tuple[StalledMember, ...]
    members: tuple[Member, ...]

    @property
    def movers(self) -> tuple[Member, ...]:
        """The members whose total moved most this week, either way, biggest first."""
        moving = [m for m in self.members if m.moved is not None and m.moved != 0]
        moving.sort(key=lambda m: (-abs(m.moved or 0.0), m.profile))
        return tuple(moving[:MOVERS])

    @property
    def rows(self) -> tuple[LeaderboardRow, ...]:
        """The leaderboard's rows, best first."""
        return self.board.rows


def _today(today: dt.date | None) -> dt.date:
    if today is None:
        return dt.datetime.now(dt.UTC).date()
    if not isinstance(today, dt.date) or isinstance(today, dt.datetime):
        raise AnalysisError(f"today: expected a date, found {type(today).__name__} {today!r}")
    return today


def personal(
    store: SnapshotStore,
    profile: str,
    *,
    locale: str = "en",
    today: dt.date | None = None,
    goal: Goal | str | None = None,
    target: float | None = None,
) -> PersonalData:
    """Gather one profile's report from *store*.

    Raises:
        AnalysisError: the profile has no score on or before *today*.
        UnknownLocaleError: no texts for *locale*.
        RuleError: an unknown goal.
        InvalidScoreError: *target* is not a total from 0 to 100.
    """
    loc = normalize_locale(locale)
    day = _today(today)
    the_goal = to_goal(goal)
    aim = the_goal.default_target if target is None else check_target(target)
    everything = store.history(profile, until=day)
    if not everything:
        known = store.profiles()
        raise AnalysisError(
            f"expected recorded scores for profile {profile!r} on or before {day}, found none "
            f"(profiles in the store: {', '.join(known) or 'none yet'})"
        )
    latest = everything[-1]
    chart_start = day - dt.timedelta(days=CHART_DAYS - 1)
    week_start = day - dt.timedelta(days=WEEK_DAYS - 1)
    notes = store.notes(profile, until=day)
    done = store.activities(profile, until=day) or None  # the user's own pace, when confident
    week = ssi_index.weekly_report(
        everything, notes=notes, goal=the_goal, target=aim, locale=loc, today=day, activities=done
    )
    plan = ssi_index.roadmap(
        latest.score,
        aim,
        goal=the_goal,
        start=day,
        history=everything[:-1],
        locale=loc,
        activities=done,
    )
    return PersonalData(
        locale=loc,
        profile=profile,
        today=day,
        week_start=week_start,
        latest=latest,
        history=tuple(s for s in everything if s.day >= chart_start),
        scale=the_goal.scale,
        goal=the_goal,
        target=aim,
        week=week,
        plan=plan,
        notes=tuple(n for n in notes if n.day >= week_start),
    )


def team(
    store: SnapshotStore,
    name: str,
    *,
    locale: str = "en",
    today: dt.date | None = None,
    goal: Goal | str | None = None,
    floor: int = TEAM_FLOOR,
) -> TeamData:
    """Gather a team's (or a cohort's) report from *store*.

    Raises:
        TeamTooSmallError: fewer than *floor* members have a score.
        AnalysisError: an empty team name or a floor below 1.
        UnknownLocaleError: no texts for *locale*.
    """
    loc = normalize_locale(locale)
    day = _today(today)
    the_goal = to_goal(goal)
    board = ssi_index.leaderboard(store, name, floor=floor)
    members = []
    for row in board.rows:
        history = store.history(row.profile, until=day)
        if history:  # a score recorded after the report's day only: nothing to say yet
            done = store.activities(row.profile, until=day) or None
            week = ssi_index.weekly_report(
                history, goal=the_goal, locale=loc, today=day, activities=done
            )
            members.append(Member(profile=row.profile, week=week))
    stalled = [
        StalledMember(profile=row.profile, last=row.day, days=(day - row.day).days)
        for row in board.rows
        if (day - row.day).days >= STALLED_DAYS
    ]
    stalled.sort(key=lambda m: (-(m.days or 0), m.profile))
    stalled += [StalledMember(profile=p, last=None, days=None) for p in board.missing]
    return TeamData(
        locale=loc,
        team=name,
        today=day,
        week_start=day - dt.timedelta(days=WEEK_DAYS - 1),
        board=board,
        floor=floor,
        scale=the_goal.scale,
        stalled=tuple(stalled),
        members=tuple(members),
    )
