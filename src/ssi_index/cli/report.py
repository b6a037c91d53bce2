"""The ``report`` command: a shareable weekly report, personal or a team's, in HTML or Markdown."""

from __future__ import annotations

from pathlib import Path

import ssi_index

from ._app import Context, Registry
from ._exit import ExitCode

__all__ = ["register"]


def run_report(ctx: Context) -> int:
    """``report``: write the personal (``-p``) or team (``--team``) report."""
    args = ctx.args
    write = ssi_index.report_markdown if args.format == "md" else ssi_index.report_html
    with ctx.store() as store:
        if args.team is not None:
            text = write(store, team=args.team, locale=ctx.locale, goal=ctx.goal, floor=args.floor)
        else:
            text = write(store, ctx.profile, locale=ctx.locale, goal=ctx.goal, target=ctx.target)
    if args.output is None:
        ctx.out.stream.write(text)  # already escaped for its format
        return ExitCode.OK
    Path(args.output).write_text(text, encoding="utf-8")
    ctx.err.line(ctx.t("cli.wrote", path=str(args.output)))
    return ExitCode.OK


def register(reg: Registry) -> None:
    """Add ``report``."""
    t, types = reg.t, reg.types
    p = reg.command(
        "report",
        run_report,
        help=t("report.cli.help"),
        description=t("report.cli.description"),
        example="ssi-index report -p me -o ssi-week.html",
        options=("store", "profile", "goal", "target"),
    )
    p.add_argument("--team", type=types.text, metavar="TEAM", help=t("report.cli.team"))
    p.add_argument(
        "--floor", type=types.positive, default=10, metavar="N", help=t("report.cli.floor")
    )
    p.add_argument("--format", choices=("html", "md"), default="html", help=t("report.cli.format"))
    p.add_argument("-o", "--output", type=Path, metavar="FILE", help=t("report.cli.output"))
