"""Commands about one score: ``show``, ``record`` and ``fetch``."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import Any, Final

import ssi_index
from ssi_index._errors import SSIError

from ._app import Context, Registry
from ._exit import ExitCode
from ._output import Line, Styled
from ._render import goal_tier, plain, recommendation_lines, score_lines

__all__ = ["BASE_URL_ENV", "register"]

BASE_URL_ENV: Final = "SSI_INDEX_BASE_URL"
"""The environment variable that points ``fetch`` at another server than LinkedIn."""


def _check_show(ctx: Context) -> None:
    if ctx.args.file == "-" and sys.stdin is not None and sys.stdin.isatty():
        ctx.fail("cli.error.stdin_terminal")


def run_show(ctx: Context) -> int:
    """``show``: parse a score and print it with the top recommendations."""
    score = ssi_index.parse(ctx.read(ctx.args.file))
    recs = ssi_index.recommend(score, goal=ctx.goal, target=ctx.target, locale=ctx.locale)
    top = recs[: ctx.args.top]
    if ctx.json:
        scale, tier, label, meaning = goal_tier(ctx, score.overall)
        ctx.out.json(
            {
                "score": score.to_dict(),
                "tier": tier.to_dict() | {"scale": scale.name, "label": label, "meaning": meaning},
                "recommendations": [plain(r) for r in top],
            }
        )
        return ExitCode.OK
    lines = score_lines(ctx, score)
    if top:
        lines += ["", Styled(ctx.t("cli.score.next"), "bold"), *recommendation_lines(ctx, top)]
    ctx.out.lines(lines)
    return ExitCode.OK


def _guess_source(name: str) -> str:
    if name == "-":
        return "stdin"
    suffix = Path(name).suffix.lower()
    if suffix == ".json":
        return "json"
    if suffix in {".html", ".htm", ".mhtml"}:
        return "page"
    return "file"


def _check_record(ctx: Context) -> None:
    if ctx.args.files.count("-") > 1:
        ctx.fail("cli.error.stdin_twice")
    ctx.profile  # noqa: B018 - a usage error now, before any file is read


def run_record(ctx: Context) -> int:
    """``record``: store saved pages or JSON files (or standard input) as snapshots."""
    from ssi_index import Snapshot

    from ._output import Progress

    profile = ctx.profile
    stored: list[dict[str, Any]] = []
    skipped: list[dict[str, Any]] = []
    refused: list[dict[str, Any]] = []
    files: list[str] = ctx.args.files
    progress = Progress(ctx.err, len(files), enabled=ctx.progress and len(files) > 1)
    now = dt.datetime.now(dt.UTC)
    with ctx.store() as store, progress:
        for name in files:
            progress.step(name)
            try:
                score = ssi_index.parse(ctx.read(name))
                when = (
                    now
                    if name == "-"
                    else dt.datetime.fromtimestamp(os.stat(name).st_mtime, dt.UTC)
                )
            except (SSIError, OSError) as err:
                reason = err.strerror if isinstance(err, OSError) else str(err)
                refusal = {"file": name, "error": type(err).__name__, "reason": reason}
                if isinstance(err, SSIError):  # "reason" stays English; this is --locale's
                    refusal["localized"] = err.localized(ctx.locale, bidi="marks")
                refused.append(refusal)
                continue
            snapshot = Snapshot(
                profile=profile,
                day=ctx.args.day or when.date(),
                score=score,
                captured_at=when,
                source=ctx.args.source or _guess_source(name),
            )
            item = {"file": name, "day": snapshot.day.isoformat(), "overall": score.overall}
            (stored if store.put(snapshot) else skipped).append(item)
    code = ExitCode.INPUT if refused else ExitCode.OK
    if ctx.json:
        ctx.out.json({"profile": profile, "stored": stored, "skipped": skipped, "refused": refused})
        return code
    lines: list[Line] = [
        ctx.t(
            "cli.record.summary",
            profile=profile,
            stored=len(stored),
            skipped=len(skipped),
            refused=len(refused),
            files=ctx.plural("cli.count.files", len(files)),
        )
    ]
    lines += [
        ctx.t("cli.record.stored", file=s["file"], day=s["day"], total=ctx.number(s["overall"]))
        for s in stored
    ]
    lines += [ctx.t("cli.record.skipped", file=s["file"], day=s["day"]) for s in skipped]
    lines += [
        Styled(
            ctx.t("cli.record.refused", file=r["file"], reason=r.get("localized", r["reason"])),
            "red",
        )
        for r in refused
    ]
    ctx.out.lines(lines)
    return code


def run_fetch(ctx: Context) -> int:
    """``fetch``: fetch today's score from LinkedIn with the user's session and store it."""
    from ssi_index.fetch import ClientOptions, SessionCookies, SSIClient, record

    profile = ctx.profile
    options: ClientOptions = {}
    base_url = os.environ.get(BASE_URL_ENV)
    if base_url:
        options["base_url"] = base_url
    if ctx.args.cookies == "-":
        text = ctx.read("-").decode("utf-8-sig", errors="replace")
        cookies = SessionCookies.from_cookies_text(text, where=ctx.t("cli.stdin"))
        client = SSIClient(cookies.li_at, cookies.jsessionid, **options)
    elif ctx.args.cookies is not None:
        client = SSIClient.from_cookies_file(ctx.args.cookies, **options)
    else:
        client = SSIClient.from_env(**options)
    started = dt.datetime.now(dt.UTC)
    with client, ctx.store() as store:
        snapshot = record(client, store, profile, force=ctx.args.force)
    if snapshot.captured_at is not None and snapshot.captured_at < started:
        ctx.err.line(
            "ssi-index: ",
            ctx.t("cli.fetch.not_fetched", when=f"{snapshot.captured_at:%Y-%m-%d %H:%M}"),
        )
    if ctx.json:
        ctx.out.json(snapshot.to_dict())
        return ExitCode.OK
    if snapshot.captured_at is None:
        head = ctx.t("cli.fetch.head", profile=snapshot.profile, day=snapshot.day)
    else:
        head = ctx.t(
            "cli.fetch.head_captured",
            profile=snapshot.profile,
            day=snapshot.day,
            time=f"{snapshot.captured_at:%H:%M}",
        )
    ctx.out.lines([head, *score_lines(ctx, snapshot.score)])
    return ExitCode.OK


def register(reg: Registry) -> None:
    """Add ``show``, ``record`` and ``fetch``."""
    t, types = reg.t, reg.types
    p = reg.command(
        "show",
        run_show,
        help=t("cli.show.help"),
        description=t("cli.show.description"),
        example="ssi-index show examples/data/ssi-api.json --goal sales --top 1",
        options=("json", "goal", "target"),
    )
    p.add_argument("file", nargs="?", default="-", metavar="FILE", help=t("cli.opt.file_or_stdin"))
    p.add_argument("--top", type=types.positive, default=3, metavar="N", help=t("cli.show.opt.top"))
    p.set_defaults(check=_check_show)

    p = reg.command(
        "record",
        run_record,
        help=t("cli.record.help"),
        description=t("cli.record.description"),
        example="ssi-index record -p me Downloads/ssi-*.html",
        options=("store", "profile", "json"),
    )
    p.add_argument("files", nargs="+", metavar="FILE", help=t("cli.record.opt.files"))
    p.add_argument("--day", type=types.day, metavar="YYYY-MM-DD", help=t("cli.record.opt.day"))
    p.add_argument("--source", type=types.text, help=t("cli.record.opt.source"))
    p.set_defaults(check=_check_record)

    p = reg.command(
        "fetch",
        run_fetch,
        help=t("cli.fetch.help"),
        description=t("cli.fetch.description"),
        example="ssi-index fetch -p me --cookies cookies.txt",
        options=("store", "profile", "json", "goal"),
    )
    p.add_argument("--cookies", metavar="FILE", help=t("cli.fetch.opt.cookies"))
    p.add_argument("--force", action="store_true", help=t("cli.fetch.opt.force"))
