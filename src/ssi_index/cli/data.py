"""Commands about the store as a whole: ``profiles``, ``delete``, ``export``, ``import``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import ssi_index

from ._app import Context, Registry
from ._exit import CommandError, ExitCode
from ._output import Line, Part, Styled, table
from .history import known_profile

__all__ = ["IMPORT_FORMATS", "register"]

IMPORT_FORMATS = (
    "socialedge",
    "linkedin-bot-csv",
    "linkedin-bot-sqlite",
    "ssi-data",
    "ssi-booster",
    "ssi-snapshots",
    "ssi-tracker",
    "ssi-analyzer",
    "ssi-index-csv",
    "ssi-index-json",
    "files",
)
"""The formats ``import --format`` names (third-party importers may add more)."""


def run_profiles(ctx: Context) -> int:
    """``profiles``: every profile in the store, with its latest score and team."""
    with ctx.store() as store:
        latest = store.latest()
        counts = {s.profile: len(store.history(s.profile)) for s in latest}
        notes = {s.profile: len(store.notes(s.profile)) for s in latest}
    if ctx.json:
        ctx.out.json(
            [
                {
                    "profile": s.profile,
                    "snapshots": counts[s.profile],
                    "notes": notes[s.profile],
                    "latest_day": s.day.isoformat(),
                    "latest_overall": s.score.overall,
                }
                for s in latest
            ]
        )
        return ExitCode.OK
    if not latest:
        ctx.out.line(ctx.t("cli.profiles.none"))
        return ExitCode.OK
    rows: list[list[Part]] = [
        [
            ctx.t("cli.col.profile"),
            ctx.t("cli.col.snapshots"),
            ctx.t("cli.col.notes"),
            ctx.t("cli.col.latest"),
            ctx.t("cli.col.total"),
        ]
    ]
    rows += [
        [
            s.profile,
            str(counts[s.profile]),
            str(notes[s.profile]),
            s.day.isoformat(),
            ctx.number(s.score.overall),
        ]
        for s in latest
    ]
    ctx.out.lines(table(rows, right=frozenset({1, 2, 4})))
    return ExitCode.OK


def _confirm(ctx: Context, question: str) -> bool:
    if sys.stdin is None or not sys.stdin.isatty():
        ctx.fail("cli.delete.not_confirmed")
    ctx.err.stream.write(ctx.err.render([question, " ", ctx.t("cli.delete.yes_no"), " "]))
    ctx.err.stream.flush()
    answer = sys.stdin.readline().strip().lower()
    return answer in {ctx.t("cli.delete.yes_word").lower(), "y", "yes"}


def run_delete(ctx: Context) -> int:
    """``delete``: delete a profile's snapshots, notes and team membership."""
    profile = ctx.args.profile
    if profile is None:
        ctx.fail("cli.delete.needs_profile")
    with ctx.store() as store:
        known_profile(ctx, store, profile)
        count = len(store.history(profile))
        if not ctx.args.yes:
            question = ctx.t(
                "cli.delete.question",
                profile=profile,
                snapshots=ctx.plural("cli.count.snapshots", count),
            )
            if not _confirm(ctx, question):
                ctx.err.line(ctx.t("cli.delete.kept", profile=profile))
                return ExitCode.ERROR
        deleted = store.delete_profile(profile)
    if ctx.json:
        ctx.out.json({"profile": profile, "deleted": deleted})
    else:
        ctx.out.line(ctx.t("cli.delete.done", profile=profile, rows=deleted))
    return ExitCode.OK


def run_export(ctx: Context) -> int:
    """``export``: write snapshots as CSV or JSON."""
    profile = ctx.profile_or_none if not ctx.args.all else None
    with ctx.store() as store:
        if profile is not None:
            known_profile(ctx, store, profile)
        profiles = store.profiles() if profile is None else [profile]
        snapshots = [s for p in profiles for s in store.history(p)]
    write = ssi_index.export_json if ctx.args.format == "json" else ssi_index.export_csv
    if ctx.args.output is None or str(ctx.args.output) == "-":
        write(snapshots, sys.stdout)
        return ExitCode.OK
    count = write(snapshots, ctx.args.output)
    ctx.err.line(
        ctx.t(
            "cli.export.wrote",
            rows=ctx.plural("cli.count.rows", count),
            path=str(ctx.args.output),
        )
    )
    return ExitCode.OK


def run_import(ctx: Context) -> int:
    """``import``: read score history from other tools' files into the store."""
    from ._output import Progress

    import_history = getattr(ssi_index, "import_history", None)
    if import_history is None:
        raise CommandError(ctx.t("cli.import.unavailable"))
    profile = ctx.profile
    sources: list[str] = ctx.args.files
    reports: list[Any] = []
    progress = Progress(ctx.err, len(sources), enabled=ctx.progress)
    with ctx.store() as store, progress:
        for name in sources:
            progress.step(name)
            source: Any = name
            if name == "-":
                import io

                source = io.BytesIO(ctx.read("-"))
            else:
                source = Path(name)
            reports.append(
                import_history(
                    source, store, profile, format=ctx.args.format, dry_run=ctx.args.dry_run
                )
            )
    # Refusals are normal (failed scrapes); a run that read nothing at all is a failure.
    failed = any(r.refused for r in reports) and not any(r.stored or r.unchanged for r in reports)
    code = ExitCode.INPUT if failed else ExitCode.OK
    if ctx.json:
        ctx.out.json({"profile": profile, "reports": [r.to_dict() for r in reports]})
        return code
    lines: list[Line] = []
    for report in reports:
        key = "cli.import.dry_summary" if report.dry_run else "cli.import.summary"
        lines.append(
            Styled(
                ctx.t(
                    key,
                    source=report.source,
                    format=report.format,
                    added=report.added,
                    replaced=report.replaced,
                    unchanged=report.unchanged,
                    refused=len(report.refused),
                ),
                "bold",
            )
        )
        lines += [
            Styled(ctx.t("cli.import.refusal", where=r.where, reason=r.reason), "red")
            for r in report.refused
        ]
        lines += [ctx.t("cli.import.skip", where=r.where, reason=r.reason) for r in report.skipped]
        lines += [f"  {note}" for note in report.notes]
    ctx.out.lines(lines)
    return code


def register(reg: Registry) -> None:
    """Add ``profiles``, ``delete``, ``export`` and ``import``."""
    t = reg.t
    reg.command(
        "profiles",
        run_profiles,
        help=t("cli.profiles.help"),
        description=t("cli.profiles.description"),
        example="ssi-index profiles --json",
        options=("store", "json"),
    )

    p = reg.command(
        "delete",
        run_delete,
        help=t("cli.delete.help"),
        description=t("cli.delete.description"),
        example="ssi-index delete -p old-account --yes",
        options=("store", "profile", "json"),
    )
    p.add_argument("-y", "--yes", action="store_true", help=t("cli.delete.opt.yes"))

    p = reg.command(
        "export",
        run_export,
        help=t("cli.export.help"),
        description=t("cli.export.description"),
        example="ssi-index export --format csv -p me -o me.csv",
        options=("store", "profile"),
    )
    p.add_argument(
        "--format", choices=["csv", "json"], default="csv", help=t("cli.export.opt.format")
    )
    p.add_argument("--all", action="store_true", help=t("cli.export.opt.all"))
    p.add_argument("-o", "--output", type=Path, metavar="FILE", help=t("cli.export.opt.output"))

    p = reg.command(
        "import",
        run_import,
        help=t("cli.import.help"),
        description=t("cli.import.description", formats=", ".join(IMPORT_FORMATS)),
        example="ssi-index import -p me ~/Downloads/ssi_history.csv --dry-run",
        options=("store", "profile", "json"),
    )
    p.add_argument("files", nargs="+", metavar="FILE", help=t("cli.import.opt.files"))
    p.add_argument("--format", metavar="FORMAT", help=t("cli.import.opt.format"))
    p.add_argument("--dry-run", action="store_true", help=t("cli.import.opt.dry_run"))
