"""Commands about one profile's history: ``history``, ``note``, ``notes``, ``plan``, ``plot``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import ssi_index
from ssi_index._model import Pillar

from ._app import Context, Registry
from ._exit import CommandError, ExitCode
from ._output import Line, Part, Styled, table
from ._render import plain

if TYPE_CHECKING:
    from ssi_index import Change, Forecast, Note, Snapshot, Streak
    from ssi_index.storage import SnapshotStore

__all__ = ["known_profile", "latest", "register"]

_PLOT_SUFFIXES: Final = (".png", ".svg", ".pdf")


def known_profile(ctx: Context, store: SnapshotStore, profile: str) -> None:
    """Refuse (exit 1) a profile the store holds no scores for, listing those it has."""
    known = store.profiles()
    if profile not in known:
        raise CommandError(
            ctx.t(
                "cli.error.unknown_profile",
                profile=repr(profile),
                known=", ".join(known) or ctx.t("cli.none_yet"),
            )
        )


def _history(ctx: Context, store: SnapshotStore, profile: str) -> tuple[list[Snapshot], list[Note]]:
    snapshots = store.history(profile, since=ctx.args.since, until=ctx.args.until)
    notes = store.notes(profile, since=ctx.args.since, until=ctx.args.until)
    if not snapshots and not notes:
        known_profile(ctx, store, profile)
    return snapshots, notes


def latest(ctx: Context, store: SnapshotStore, profile: str) -> Snapshot:
    """The profile's newest snapshot; refuse (exit 1) when it has none."""
    found = store.latest([profile])
    if not found:
        raise CommandError(ctx.t("cli.error.no_score", profile=repr(profile)))
    return found[0]


def _forecast_dict(outlook: Forecast) -> dict[str, Any]:
    return {
        "status": outlook.status.value,
        "target": outlook.target,
        "day": None if outlook.day is None else outlook.day.isoformat(),
        "pace": outlook.pace,
        "points": outlook.points,
    }


def run_history(ctx: Context) -> int:
    """``history``: the day-by-day table, changes, alerts, streaks and forecast."""
    profile = ctx.profile
    target = ctx.target
    with ctx.store() as store:
        snapshots, notes = _history(ctx, store, profile)
    weekly = ssi_index.changes(snapshots, period="week", notes=notes)
    alerts = ssi_index.drop_alerts(snapshots)
    streaks = [ssi_index.streak(snapshots)]
    if target is not None:
        streaks.append(ssi_index.streak(snapshots, target=target))
    outlook = None if target is None else ssi_index.forecast(snapshots, target)
    if ctx.json:
        ctx.out.json(
            {
                "profile": profile,
                "snapshots": [s.to_dict() for s in snapshots],
                "weekly_changes": [c.summary() for c in weekly],
                "alerts": [
                    {
                        "day": a.day.isoformat(),
                        "drop": a.drop,
                        "likely_recalculation": a.likely_recalculation,
                    }
                    for a in alerts
                ],
                "streak": plain(streaks[0]),
                "target_streak": plain(streaks[1]) if len(streaks) > 1 else None,
                "forecast": None if outlook is None else _forecast_dict(outlook),
                "notes": [n.to_dict() for n in notes],
            }
        )
        return ExitCode.OK
    lines = _history_lines(ctx, profile, snapshots, notes, weekly)
    lines.append("")
    for alert in alerts:
        change, moved = alert.change, alert.change.moved_most
        if alert.likely_recalculation:
            why = ctx.t("cli.history.alert_recalculation")
        elif moved is not None:
            why = ctx.t(
                "cli.history.alert_most",
                pillar=ctx.pillar(moved),
                change=ctx.number(change.pillars[moved], sign=True),
            )
        else:
            why = ctx.t("cli.history.alert_none")
        key = "cli.history.alert" if change.days == 1 else "cli.history.alert_over"
        text = ctx.t(
            key,
            day=alert.day,
            drop=ctx.number(alert.drop),
            days=ctx.plural("units.days", change.days),
            why=why,
        )
        lines.append(Styled(text, "red"))
    lines += [_streak_line(ctx, s) for s in streaks]
    if outlook is not None:
        lines.append(_forecast_line(ctx, outlook))
    ctx.out.lines(lines)
    return ExitCode.OK


def _history_lines(
    ctx: Context,
    profile: str,
    snapshots: Sequence[Snapshot],
    notes: Sequence[Note],
    weekly: Sequence[Change],
) -> list[Line]:
    by_day: dict[dt.date, list[str]] = {}
    for note in notes:
        by_day.setdefault(note.day, []).append(note.text)
    week_end = {c.after.day: c for c in weekly}
    days = sorted({s.day for s in snapshots} | set(by_day))
    snap_of = {s.day: s for s in snapshots}
    header: list[Part] = [
        ctx.t("cli.col.day"),
        ctx.t("cli.col.total"),
        *(ctx.pillar(p) for p in Pillar),
        ctx.t("cli.col.week"),
        ctx.t("cli.col.moved"),
        ctx.t("cli.col.notes"),
    ]
    rows: list[list[Part]] = [header]
    for day in days:
        snap = snap_of.get(day)
        numbers = (
            [ctx.number(snap.score.overall), *(ctx.number(v) for v in snap.score.pillars.values())]
            if snap
            else [""] * 5
        )
        change = week_end.get(day)
        moved = ""
        if change is not None and change.moved_most is not None:
            points = ctx.number(change.pillars[change.moved_most], sign=True)
            moved = f"{ctx.pillar(change.moved_most)} {points}"
        week = "" if change is None or change.total is None else ctx.number(change.total, sign=True)
        rows.append([day.isoformat(), *numbers, week, moved, "; ".join(by_day.get(day, []))])
    title = Styled(
        ctx.t(
            "cli.history.title",
            profile=profile,
            snapshots=ctx.plural("cli.count.snapshots", len(snapshots)),
        ),
        "bold",
    )
    if not snapshots:
        return [title]
    legend = Styled(ctx.t("cli.history.legend"), "dim")
    return [title, *table(rows, right=frozenset(range(1, 7))), legend]


def _streak_line(ctx: Context, streak: Streak) -> str:
    weeks = ctx.plural("units.weeks", streak.weeks)
    since = "" if streak.since is None else ctx.t("cli.history.streak_since", day=streak.since)
    if streak.target is None:
        return ctx.t("cli.history.streak", weeks=weeks, since=since, longest=streak.longest)
    return ctx.t(
        "cli.history.streak_target",
        weeks=weeks,
        target=ctx.short(streak.target),
        since=since,
        longest=streak.longest,
    )


def _forecast_line(ctx: Context, outlook: Forecast) -> str:
    status = outlook.status.value
    target = ctx.short(outlook.target)
    pace = (
        ""
        if outlook.pace is None
        else " " + ctx.t("cli.history.pace", pace=ctx.number(outlook.pace, sign=True))
    )
    if status == "reached":
        return ctx.t("cli.history.forecast_reached", target=target, day=outlook.day)
    if status == "on-track":
        return ctx.t("cli.history.forecast_on_track", target=target, day=outlook.day, pace=pace)
    if status == "not-at-this-pace":
        return ctx.t("cli.history.forecast_not_at_pace", target=target, pace=pace)
    return ctx.t(
        "cli.history.forecast_no_data",
        target=target,
        points=ctx.plural("cli.count.weekly_values", outlook.points),
    )


def run_note(ctx: Context) -> int:
    """``note``: add a dated note to a profile's history."""
    from ssi_index import Note

    note = Note(
        profile=ctx.profile,
        day=ctx.args.day or dt.datetime.now(dt.UTC).date(),
        text=ctx.args.text,
        pillar=ctx.args.pillar,
    )
    with ctx.store() as store:
        store.add_note(note)
    if ctx.json:
        ctx.out.json(note.to_dict())
        return ExitCode.OK
    if note.pillar is None:
        text = ctx.t("cli.note.added", profile=note.profile, day=note.day, text=note.text)
    else:
        from ssi_index.rules import texts

        text = ctx.t(
            "cli.note.added_pillar",
            profile=note.profile,
            day=note.day,
            text=note.text,
            pillar=texts(ctx.locale).pillar(note.pillar),
        )
    ctx.out.line(text)
    return ExitCode.OK


def run_notes(ctx: Context) -> int:
    """``notes``: list a profile's notes."""
    profile = ctx.profile
    with ctx.store() as store:
        notes = store.notes(profile, since=ctx.args.since, until=ctx.args.until)
        if not notes:
            known_profile(ctx, store, profile)
    if ctx.json:
        ctx.out.json({"profile": profile, "notes": [n.to_dict() for n in notes]})
        return ExitCode.OK
    lines: list[Line] = [
        Styled(
            ctx.t(
                "cli.notes.title", profile=profile, notes=ctx.plural("cli.count.notes", len(notes))
            ),
            "bold",
        )
    ]
    if notes:
        rows: list[list[Part]] = [
            [ctx.t("cli.col.day"), ctx.t("cli.col.pillar"), ctx.t("cli.col.note")]
        ]
        rows += [
            [n.day.isoformat(), "" if n.pillar is None else ctx.pillar(n.pillar), n.text]
            for n in notes
        ]
        lines += table(rows)
    ctx.out.lines(lines)
    return ExitCode.OK


def run_plan(ctx: Context) -> int:
    """``plan``: the points per pillar to reach the target from the latest score."""
    from ssi_index import Goal
    from ssi_index.rules import texts

    profile = ctx.profile
    target = ctx.target
    if target is None:
        target = Goal(ctx.goal or "sales").default_target
    with ctx.store() as store:
        snapshot = latest(ctx, store, profile)
    plan = ssi_index.plan(snapshot.score, target)
    if ctx.json:
        ctx.out.json({"profile": profile, "day": snapshot.day.isoformat(), "plan": plain(plan)})
        return ExitCode.OK
    names = texts(ctx.locale)
    head = ctx.t(
        "cli.plan.title",
        profile=profile,
        start=ctx.number(plan.start),
        day=snapshot.day,
        target=ctx.short(plan.target),
    )
    lines: list[Line] = [Styled(head, "bold")]
    if plan.already_there:
        lines.append("  " + ctx.t("cli.plan.already"))
    rows: list[list[Part]] = [
        [
            f"  {names.pillar(step.pillar)}",
            ctx.number(step.start),
            "->",
            ctx.number(step.end),
            f"({ctx.number(step.add, sign=True)})",
        ]
        for step in plan.steps
    ]
    lines += table(rows, right=frozenset({1, 3}))
    if not plan.reached:
        lines.append(Styled("  " + ctx.t("cli.plan.short", end=ctx.number(plan.end)), "yellow"))
    ctx.out.lines(lines)
    return ExitCode.OK


def _check_plot(ctx: Context) -> None:
    output: Path = ctx.args.output
    if output.suffix.lower() not in _PLOT_SUFFIXES:
        ctx.fail(
            "cli.error.plot_suffix", suffixes=", ".join(_PLOT_SUFFIXES), found=repr(str(output))
        )


def run_plot(ctx: Context) -> int:
    """``plot``: draw the history as a PNG, SVG or PDF chart."""
    from ssi_index.plot import plot_history

    profile = ctx.profile
    with ctx.store() as store:
        snapshots, notes = _history(ctx, store, profile)
    fig = plot_history(snapshots, target=ctx.target, notes=notes, title=f"SSI: {profile}")
    fig.savefig(ctx.args.output)
    ctx.err.line(ctx.t("cli.wrote", path=str(ctx.args.output)))
    return ExitCode.OK


def register(reg: Registry) -> None:
    """Add ``history``, ``note``, ``notes``, ``plan`` and ``plot``."""
    t, types = reg.t, reg.types
    reg.command(
        "history",
        run_history,
        help=t("cli.history.help"),
        description=t("cli.history.description"),
        example="ssi-index history -p me --since 2026-03-01 --target 70",
        options=("store", "profile", "json", "span", "target"),
    )

    p = reg.command(
        "note",
        run_note,
        help=t("cli.note.help"),
        description=t("cli.note.description"),
        example='ssi-index note -p me "sent 20 personal invitations" --pillar people',
        options=("store", "profile", "json"),
    )
    p.add_argument("text", type=types.text, metavar="TEXT", help=t("cli.note.opt.text"))
    p.add_argument("--pillar", type=types.pillar, metavar="NAME", help=t("cli.note.opt.pillar"))
    p.add_argument("--day", type=types.day, metavar="YYYY-MM-DD", help=t("cli.note.opt.day"))

    reg.command(
        "notes",
        run_notes,
        help=t("cli.notes.help"),
        description=t("cli.notes.description"),
        example="ssi-index notes -p me --since 2026-03-01",
        options=("store", "profile", "json", "span"),
    )

    reg.command(
        "plan",
        run_plan,
        help=t("cli.plan.help"),
        description=t("cli.plan.description"),
        example="ssi-index plan -p me --target 70",
        options=("store", "profile", "json", "goal", "target"),
    )

    p = reg.command(
        "plot",
        run_plot,
        help=t("cli.plot.help"),
        description=t("cli.plot.description"),
        example="ssi-index plot -p me -o chart.png --target 70",
        options=("store", "profile", "span", "target"),
    )
    p.add_argument(
        "-o", "--output", type=Path, required=True, metavar="FILE", help=t("cli.plot.opt.output")
    )
    p.set_defaults(check=_check_plot)
