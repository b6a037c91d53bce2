"""``activity import``, ``activity log`` and ``insights``: what you did, and what it moved."""

from __future__ import annotations

from pathlib import Path

import ssi_index
from ssi_index.activity import import_summary, insights, log_activity, log_message

from ._app import Context, Registry
from ._exit import ExitCode

__all__ = ["register"]


def run_activity_import(ctx: Context) -> int:
    """``activity import``: per-day counts from LinkedIn's data export (ZIP or folder)."""
    with ctx.store() as store:
        report = ssi_index.import_linkedin_export(
            Path(ctx.args.values[0]),
            store,
            ctx.profile,
            locale=ctx.locale,
            dry_run=ctx.args.dry_run,
        )
    if ctx.json:
        ctx.out.json(report.to_dict())
    else:
        ctx.out.lines(import_summary(report, ctx.locale).splitlines())
    return ExitCode.OK


def run_activity_log(ctx: Context) -> int:
    """``activity log KIND N``: count what the archive lacks, by hand."""
    with ctx.store() as store:
        activity = log_activity(
            store,
            ctx.profile,
            ctx.args.values[0].strip().lower(),
            _count(ctx, ctx.args.values[1]),
            day=ctx.args.day,
            add=ctx.args.add,
        )
    if ctx.json:
        ctx.out.json(activity.to_dict())
    else:
        ctx.out.line(log_message(activity, ctx.locale))
    return ExitCode.OK


def run_insights(ctx: Context) -> int:
    """``insights``: which of your actions went with which pillar's weekly change."""
    with ctx.store() as store:
        view = insights(store, ctx.profile, locale=ctx.locale, pillar_map=ctx.args.map)
    if ctx.json:
        ctx.out.json(view.effects.to_dict())
    else:
        ctx.out.lines(view.text().splitlines())
    return ExitCode.OK


def _count(ctx: Context, text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        ctx.fail("cli.activity.log.bad_count", found=text)
    return value


def run_activity(ctx: Context) -> int:
    """``activity import ARCHIVE`` or ``activity log KIND N``."""
    action: str = ctx.args.action
    rest: list[str] = ctx.args.values
    if action == "import":
        if len(rest) != 1:
            ctx.fail("cli.activity.import.usage")
        if ctx.args.day is not None or ctx.args.add:
            ctx.fail("cli.activity.import.no_day")
        return run_activity_import(ctx)
    if len(rest) != 2:
        ctx.fail("cli.activity.log.usage")
    kinds = {k.value for k in ssi_index.ActivityKind}
    if rest[0].strip().lower() not in kinds:
        ctx.fail("cli.activity.log.bad_kind", found=rest[0], kinds=", ".join(sorted(kinds)))
    if ctx.args.dry_run:
        ctx.fail("cli.activity.log.no_dry_run")
    return run_activity_log(ctx)


def register(reg: Registry) -> None:
    """Add ``activity`` (``import``, ``log``) and ``insights``."""
    t = reg.t
    p = reg.command(
        "activity",
        run_activity,
        help=t("cli.activity.help"),
        description=t("cli.activity.description"),
        example="ssi-index activity import -p me Complete_LinkedInDataExport_10-05-2026.zip",
        options=("store", "profile", "json"),
    )
    p.add_argument("action", choices=["import", "log"], help=t("cli.activity.action"))
    p.add_argument("values", nargs="+", metavar="ARG", help=t("cli.activity.values"))
    p.add_argument("--dry-run", action="store_true", help=t("cli.import.opt.dry_run"))
    p.add_argument("--day", type=reg.types.day, help=t("cli.activity.log.day"))
    p.add_argument("--add", action="store_true", help=t("cli.activity.log.add"))

    ins = reg.command(
        "insights",
        run_insights,
        help=t("cli.insights.help"),
        description=t("cli.insights.description"),
        example="ssi-index insights -p me",
        options=("store", "profile", "json"),
    )
    ins.add_argument(
        "--map",
        choices=["guides", "linkedin-2015"],
        default=None,
        help=t("cli.insights.opt.map"),
    )
