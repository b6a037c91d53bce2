"""``week`` and ``roadmap``: this week's report and the weeks ahead, in the user's language."""

from __future__ import annotations

import ssi_index

from ._app import Context, Registry
from ._exit import ExitCode

__all__ = ["register"]


def run_week(ctx: Context) -> int:
    """``week``: what moved this week, against what, the streak, pace, focus and notes."""
    profile = ctx.profile
    with ctx.store() as store:
        snapshots = store.history(profile)
        notes = store.notes(profile)
        activities = store.activities(profile)
    if not snapshots:
        ctx.fail("cli.coach.no_history", profile=profile)
    report = ssi_index.weekly_report(
        snapshots,
        notes=notes,
        goal=ctx.goal,
        target=ctx.target,
        locale=ctx.locale,
        today=ctx.args.day,
        activities=activities or None,
    )
    if ctx.json:
        ctx.out.json({"profile": profile, **report.to_dict()})
    elif ctx.args.markdown:
        ctx.out.lines(report.to_markdown().splitlines())
    else:
        ctx.out.lines(report.to_text().splitlines())
    return ExitCode.OK


def run_roadmap(ctx: Context) -> int:
    """``roadmap``: weekly milestones from the latest score to the target."""
    profile = ctx.profile
    with ctx.store() as store:
        snapshots = store.history(profile)
        activities = store.activities(profile)
    if not snapshots:
        ctx.fail("cli.coach.no_history", profile=profile)
    latest = snapshots[-1]
    road = ssi_index.roadmap(
        latest.score,
        ctx.target,
        goal=ctx.goal,
        weeks=ctx.args.weeks,
        start=ctx.args.day,
        history=snapshots[:-1],
        locale=ctx.locale,
        activities=activities or None,
    )
    if ctx.json:
        ctx.out.json({"profile": profile, "day": latest.day.isoformat(), **road.to_dict()})
    else:
        ctx.out.lines(road.to_text(ctx.locale).splitlines())
    return ExitCode.OK


def register(reg: Registry) -> None:
    """Add ``week`` and ``roadmap``."""
    t = reg.t
    p = reg.command(
        "week",
        run_week,
        help=t("cli.coach.week.help"),
        description=t("cli.coach.week.description"),
        example="ssi-index week -p me",
        options=("store", "profile", "json", "goal", "target"),
    )
    p.add_argument("--day", type=reg.types.day, help=t("cli.coach.week.day"))
    p.add_argument("--markdown", action="store_true", help=t("cli.coach.week.markdown"))

    p = reg.command(
        "roadmap",
        run_roadmap,
        help=t("cli.coach.roadmap.help"),
        description=t("cli.coach.roadmap.description"),
        example="ssi-index roadmap -p me --target 70",
        options=("store", "profile", "json", "goal", "target"),
    )
    p.add_argument("--weeks", type=reg.types.positive, help=t("cli.coach.roadmap.weeks"))
    p.add_argument("--day", type=reg.types.day, help=t("cli.coach.roadmap.day"))
