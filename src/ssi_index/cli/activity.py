"""``activity import``, ``activity log`` and ``insights``: what you did, and what it moved."""

from __future__ import annotations

import argparse
from collections.abc import Callable
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
            Path(ctx.args.archive),
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
            store, ctx.profile, ctx.args.kind, ctx.args.count, day=ctx.args.day, add=ctx.args.add
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


def _counter(reg: Registry) -> Callable[[str], int]:
    def count(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = -1
        if value < 0:
            raise argparse.ArgumentTypeError(reg.t("cli.activity.log.bad_count", found=text))
        return value

    return count


def register(reg: Registry) -> None:
    """Add ``activity`` (``import``, ``log``) and ``insights``."""
    t = reg.t
    group = reg.command(
        "activity",
        _needs_action,
        help=t("cli.activity.help"),
        description=t("cli.activity.description"),
        example="ssi-index activity import -p me ~/Downloads/Basic_LinkedInDataExport.zip",
    )
    actions = group.add_subparsers(dest="activity_action", metavar="ACTION")
    common = [reg.parents["common"], reg.parents["store"], reg.parents["profile"]]
    imp = actions.add_parser(
        "import",
        help=t("cli.activity.import.help"),
        description=t("cli.activity.import.description"),
        parents=[*common, reg.parents["json"]],
        locale=reg.locale,
        json_errors=reg.json_errors,
    )
    imp.set_defaults(handler=run_activity_import, command_parser=imp)
    imp.add_argument("archive", metavar="ARCHIVE", help=t("cli.activity.import.archive"))
    imp.add_argument("--dry-run", action="store_true", help=t("cli.import.opt.dry_run"))

    log = actions.add_parser(
        "log",
        help=t("cli.activity.log.help"),
        description=t("cli.activity.log.description"),
        parents=[*common, reg.parents["json"]],
        locale=reg.locale,
        json_errors=reg.json_errors,
    )
    log.set_defaults(handler=run_activity_log, command_parser=log)
    log.add_argument(
        "kind",
        metavar="KIND",
        choices=[k.value for k in ssi_index.ActivityKind],
        help=t("cli.activity.log.kind"),
    )
    log.add_argument("count", metavar="N", type=_counter(reg), help=t("cli.activity.log.count"))
    log.add_argument("--day", type=reg.types.day, help=t("cli.activity.log.day"))
    log.add_argument("--add", action="store_true", help=t("cli.activity.log.add"))

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


def _needs_action(ctx: Context) -> int:
    ctx.parser.print_usage()
    ctx.fail("cli.activity.no_action")
