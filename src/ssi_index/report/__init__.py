"""Shareable reports: one person's week for a coach, and a team's or cohort's for the coach.

:func:`report_html` writes a self-contained HTML page (inline CSS and SVG; it
loads nothing, from the network or from another file), readable on a phone and
laid out right to left in Hebrew; :func:`report_markdown` writes the same report
as Markdown for a chat message or an email. "This week" is the last 7 days,
today included.

- Personal: the total and its tier, the way to the target, this week's change and
  what moved (:func:`ssi_index.weekly_report`), the history chart with the tier
  bands and the target (days without a score stay gaps), the pillars, the
  roadmap's next milestones and this week's focus, and the notes of the week.
- Team or cohort: the leaderboard (refused below the privacy floor of 10, as
  everywhere in ssi-index), the team's average per pillar, who moved most this
  week, each member's focus, and who stalled (no score for 7 days or more).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Literal

from ssi_index._errors import AnalysisError
from ssi_index.analytics._team import TEAM_FLOOR

if TYPE_CHECKING:
    from ssi_index.rules import Goal
    from ssi_index.storage import SnapshotStore

__all__ = ["report_html", "report_markdown"]


def _render(
    fmt: Literal["html", "md"],
    store: SnapshotStore,
    profile: str | None,
    team: str | None,
    *,
    locale: str,
    today: dt.date | None,
    goal: Goal | str | None,
    target: float | None,
    floor: int,
) -> str:
    if (profile is None) == (team is None):
        raise AnalysisError(
            "expected either a profile or a team to report on, "
            f"found {'both' if profile is not None else 'neither'}"
        )
    from . import _data  # here: the locale tables load on first use, not on import

    if team is not None:
        group = _data.team(store, team, locale=locale, today=today, goal=goal, floor=floor)
        if fmt == "html":
            from ._html import team_html

            return team_html(group)
        from ._markdown import team_markdown

        return team_markdown(group)
    assert profile is not None
    person = _data.personal(store, profile, locale=locale, today=today, goal=goal, target=target)
    if fmt == "html":
        from ._html import personal_html

        return personal_html(person)
    from ._markdown import personal_markdown

    return personal_markdown(person)


def report_html(
    store: SnapshotStore,
    profile: str | None = None,
    *,
    team: str | None = None,
    locale: str = "en",
    today: dt.date | None = None,
    goal: Goal | str | None = None,
    target: float | None = None,
    floor: int = TEAM_FLOOR,
) -> str:
    """Return a shareable report as one self-contained HTML document.

    Give a *profile* for a personal report or a *team* for a team (cohort) report.

    Args:
        store: Where the history is kept, e.g. ``ssi_index.open_store()``.
        profile: Whose week to report.
        team: The team or cohort to report (its members in the store).
        locale: ``"en"``, ``"he"`` (laid out right to left) or ``"ru"``.
        today: The last day of "this week" (default today, UTC).
        goal: What LinkedIn is used for; sets the default target and tier bands.
        target: The total to aim for (default: the goal's, 70 for sales).
        floor: The fewest members with a score a team report needs (10).

    Returns:
        The page, from ``<!DOCTYPE html>`` on: save it as ``.html`` and send it.

    Raises:
        TeamTooSmallError: the team has fewer than *floor* members with a score.
        AnalysisError: neither or both of profile and team, or a profile without scores.
        UnknownLocaleError: no texts for *locale*.
        RuleError: an unknown goal.
        InvalidScoreError: *target* is not a total from 0 to 100.

    Example:
        >>> import datetime as dt, ssi_index
        >>> store = ssi_index.MemoryStore()
        >>> _ = store.put(ssi_index.Snapshot(profile="me", day=dt.date(2026, 3, 2),
        ...     score=ssi_index.Score.from_pillars([13.4, 10.7, 11.1, 25])))
        >>> page = ssi_index.report_html(store, "me", today=dt.date(2026, 3, 2))
        >>> page.startswith("<!DOCTYPE html>"), "<svg" in page, "<script" in page
        (True, True, False)
    """
    return _render(
        "html",
        store,
        profile,
        team,
        locale=locale,
        today=today,
        goal=goal,
        target=target,
        floor=floor,
    )


def report_markdown(
    store: SnapshotStore,
    profile: str | None = None,
    *,
    team: str | None = None,
    locale: str = "en",
    today: dt.date | None = None,
    goal: Goal | str | None = None,
    target: float | None = None,
    floor: int = TEAM_FLOOR,
) -> str:
    """Return a shareable report as Markdown (same content as :func:`report_html`).

    The chart becomes a line of block characters; a space marks a break of more
    than a week without a score.

    Args:
        store: Where the history is kept, e.g. ``ssi_index.open_store()``.
        profile: Whose week to report.
        team: The team or cohort to report (its members in the store).
        locale: ``"en"``, ``"he"`` or ``"ru"``.
        today: The last day of "this week" (default today, UTC).
        goal: What LinkedIn is used for; sets the default target and tier bands.
        target: The total to aim for (default: the goal's, 70 for sales).
        floor: The fewest members with a score a team report needs (10).

    Returns:
        The Markdown text.

    Raises:
        TeamTooSmallError: the team has fewer than *floor* members with a score.
        AnalysisError: neither or both of profile and team, or a profile without scores.
        UnknownLocaleError: no texts for *locale*.
        RuleError: an unknown goal.
        InvalidScoreError: *target* is not a total from 0 to 100.
    """
    return _render(
        "md",
        store,
        profile,
        team,
        locale=locale,
        today=today,
        goal=goal,
        target=target,
        floor=floor,
    )
