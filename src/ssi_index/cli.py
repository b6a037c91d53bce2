"""The ``ssi-index`` command line: a thin layer of argparse over the public API.

Every command is a few lines that call :mod:`ssi_index` and print the result,
as text for people or, with ``--json``, as JSON for programs. Errors are mapped
to exit codes in one place, :func:`exit_code_for`::

    0  ok
    1  any other ssi-index error (a team below the privacy floor, an unknown locale ...)
    2  usage: a bad command line
    3  not authenticated: sign in to LinkedIn again
    4  input not understood: a file or payload that is not an SSI score
    5  storage: the score history could not be read or written
    6  network: the request to LinkedIn failed

Run ``ssi-index --help`` or ``ssi-index COMMAND --help``; ``python -m ssi_index``
works too. The reference is ``docs/cli.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import enum
import io
import json
import math
import os
import shutil
import sys
import textwrap
import traceback
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Final, NoReturn

import attrs

import ssi_index
from ssi_index._errors import (
    FetchError,
    InvalidScoreError,
    NotAuthenticatedError,
    ParseError,
    SSIError,
    StorageError,
)
from ssi_index._model import Pillar

if TYPE_CHECKING:
    from ssi_index import Change, Forecast, Note, Recommendation, Score, Snapshot, Streak
    from ssi_index.storage import SnapshotStore

__all__ = ["BASE_URL_ENV", "PROG", "ExitCode", "build_parser", "exit_code_for", "main"]

PROG: Final = "ssi-index"
"""The program's name, as in usage lines and error messages."""
BASE_URL_ENV: Final = "SSI_INDEX_BASE_URL"
"""The environment variable that points ``fetch`` at another server than LinkedIn."""


class ExitCode(enum.IntEnum):
    """The exit codes of ``ssi-index``; each is documented in ``docs/cli.md``."""

    OK = 0
    """The command did what was asked."""
    ERROR = 1
    """Any other ssi-index error, e.g. a team below the privacy floor."""
    USAGE = 2
    """The command line was wrong (argparse's own code)."""
    NOT_AUTHENTICATED = 3
    """LinkedIn answered as to a logged-out user, or the page was a login page."""
    INPUT = 4
    """The input is not an SSI score ssi-index can read, or breaks a score's rules."""
    STORAGE = 5
    """The score history could not be opened, read or written."""
    NETWORK = 6
    """The request to LinkedIn failed: timeout, connection, rate limit, HTTP error."""


_EXIT_CODES: Final[tuple[tuple[type[BaseException], ExitCode], ...]] = (
    (NotAuthenticatedError, ExitCode.NOT_AUTHENTICATED),
    (ParseError, ExitCode.INPUT),
    (InvalidScoreError, ExitCode.INPUT),
    (StorageError, ExitCode.STORAGE),
    (FetchError, ExitCode.NETWORK),
)
"""The one table from error class to exit code; the first match wins."""


def exit_code_for(error: BaseException) -> ExitCode:
    """Return the exit code ``ssi-index`` uses for *error*.

    Args:
        error: An exception a command raised.

    Returns:
        The code from the table in this module's docstring; :attr:`ExitCode.ERROR`
        for any other error.

    Example:
        >>> exit_code_for(ssi_index.ParseError("not SSI"))
        <ExitCode.INPUT: 4>
    """
    for cls, code in _EXIT_CODES:
        if isinstance(error, cls):
            return code
    return ExitCode.ERROR


class _CommandError(SSIError):
    """A command that cannot go on with what the store holds (exit code 1)."""


# ---------------------------------------------------------------------------
# Output helpers


def _color_enabled(stream: IO[str]) -> bool:
    """Colour only on a terminal, and never when ``NO_COLOR`` is set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


@attrs.frozen
class _Paint:
    """ANSI styling that becomes a no-op when colour is off."""

    enabled: bool

    def __call__(self, text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.enabled else text

    def bold(self, text: str) -> str:
        return self(text, "1")

    def dim(self, text: str) -> str:
        return self(text, "2")


def _can_encode(stream: IO[str], text: str) -> bool:
    try:
        text.encode(getattr(stream, "encoding", None) or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def _bar(points: float, maximum: float, stream: IO[str], *, width: int = 20) -> str:
    """A bar of *width* cells for 0 to *maximum* points, in ASCII if the stream lacks blocks."""
    full, empty = ("█", "░") if _can_encode(stream, "█░") else ("#", ".")
    cells = round(max(0.0, min(points / maximum, 1.0)) * width)
    return full * cells + empty * (width - cells)


def _num(value: float | None, spec: str = ".2f") -> str:
    return "-" if value is None else format(value, spec)


def _signed(value: float | None) -> str:
    return "" if value is None else f"{value:+.2f}"


def _plain(value: object) -> Any:
    """Turn a result object into JSON-ready data: ``to_dict()`` if it has one, else its fields."""
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):
        return to_dict()
    cls: Any = type(value)
    if attrs.has(cls):
        return {f.name: _plain(getattr(value, f.name)) for f in attrs.fields(cls)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {
            (k.value if isinstance(k, enum.Enum) else str(k)): _plain(v) for k, v in value.items()
        }
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _print_json(data: object) -> None:
    # Non-ASCII text as is where the stream can carry it, else as \u escapes: valid JSON either way.
    ascii_only = not _can_encode(sys.stdout, "\u05d0\u0430\u00e9\u2009")
    json.dump(data, sys.stdout, indent=2, ensure_ascii=ascii_only, allow_nan=False)
    sys.stdout.write("\n")


def _table(rows: Sequence[Sequence[str]], *, right: frozenset[int] = frozenset()) -> list[str]:
    """Align *rows* (the first is the header) in columns; columns in *right* align right."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [
            cell.rjust(width) if i in right else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
    return lines


_SHORT: Final = {
    Pillar.PROFESSIONAL_BRAND: "brand",
    Pillar.FIND_RIGHT_PEOPLE: "people",
    Pillar.INSIGHT_ENGAGEMENT: "insights",
    Pillar.STRONG_RELATIONSHIP: "relationships",
}
"""Short pillar names for table columns and ``--pillar``."""


# ---------------------------------------------------------------------------
# Argument types (each raises ArgumentTypeError, so argparse exits with code 2)


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a day as YYYY-MM-DD, found {text!r}") from None


def _target(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(f"expected a total from 0 to 100, found {text!r}")
    return value


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, found {text!r}")
    return value


def _profile(text: str) -> str:
    if not text.strip():
        raise argparse.ArgumentTypeError(f"expected a non-empty profile id, found {text!r}")
    return text


def _pillar(text: str) -> Pillar:
    key = text.strip().replace("-", "_").lower()
    for pillar in Pillar:
        if key in (pillar.slug, _SHORT[pillar]):
            return pillar
    names = ", ".join(f"{_SHORT[p]} ({p.value})" for p in Pillar)
    raise argparse.ArgumentTypeError(f"expected a pillar: {names}; found {text!r}")


# ---------------------------------------------------------------------------
# Shared pieces of the commands


@contextmanager
def _store(args: argparse.Namespace) -> Iterator[SnapshotStore]:
    from ssi_index.storage import open_store

    with open_store(args.store) as store:
        yield store


def _history(
    store: SnapshotStore, profile: str, args: argparse.Namespace
) -> tuple[list[Snapshot], list[Note]]:
    """Return the profile's snapshots and notes in ``--since``/``--until``; refuse unknown ones."""
    snapshots = store.history(profile, since=args.since, until=args.until)
    notes = store.notes(profile, since=args.since, until=args.until)
    if not snapshots and not notes and profile not in (known := store.profiles()):
        raise _CommandError(
            f"expected a profile with recorded scores, found no {profile!r} in the store "
            f"(profiles: {', '.join(known) or 'none yet'}); record one with 'ssi-index record'"
        )
    return snapshots, notes


def _latest(store: SnapshotStore, profile: str) -> Snapshot:
    found = store.latest([profile])
    if not found:
        raise _CommandError(
            f"expected a recorded score for profile {profile!r}, found none; "
            "record one with 'ssi-index record' or 'ssi-index fetch'"
        )
    return found[0]


def _score_lines(score: Score, paint: _Paint) -> list[str]:
    tier = score.tier
    lines = [
        f"{paint.bold(f'SSI {score.overall:.2f}')} / 100   tier: {paint.bold(tier.name)}",
        paint.dim(f"  {tier.meaning}"),
        "",
    ]
    for pillar, points in score.pillars.items():
        bar = paint(_bar(points, pillar.max, sys.stdout), "36")
        lines.append(f"  {pillar.label:<34} {points:6.2f} / {pillar.max:g}  {bar}")
    groups = [g for g in score.groups if g.rank is not None or g.average is not None]
    if groups:
        lines.append("")
        rows = [["group", "rank", "average"]]
        for group in groups:
            label = (group.kind or "group").title()
            if group.name:
                label = f"{label} ({group.name})"
            rank = "-" if group.rank is None else f"top {group.rank}%"
            rows.append([label, rank, _num(group.average, "g")])
        lines.extend(f"  {line}" for line in _table(rows))
    return lines


def _wrap(text: str, first: str, rest: str) -> list[str]:
    """Wrap *text* to the terminal's width (100 columns at most, or when not a terminal)."""
    width = min(shutil.get_terminal_size((100, 24)).columns, 100)
    return textwrap.wrap(text, width, initial_indent=first, subsequent_indent=rest) or [first]


def _recommendation_lines(recommendations: Sequence[Recommendation], paint: _Paint) -> list[str]:
    lines = []
    for i, rec in enumerate(recommendations, 1):
        title = paint(rec.title, "33") if rec.kind.value == "caution" else paint.bold(rec.title)
        lines.append(f"  {i}. {title}")
        for action in rec.actions:
            lines += _wrap(action, "     - ", "       ")
        if rec.why:
            lines += [paint.dim(line) for line in _wrap(f"Why: {rec.why}", "     ", "     ")]
        if rec.source:
            lines += [paint.dim(line) for line in _wrap(f"Source: {rec.source}", "     ", "     ")]
    return lines


def _print(lines: Sequence[str]) -> None:
    sys.stdout.write("".join(f"{line}\n" for line in lines))


# ---------------------------------------------------------------------------
# Commands


def _cmd_show(args: argparse.Namespace) -> int:
    if args.file == "-":
        score = ssi_index.parse(sys.stdin.buffer.read())
    else:
        score = ssi_index.parse_file(args.file)
    recs = ssi_index.recommend(score, goal=args.goal, target=args.target, locale=args.locale)
    top = recs[: args.top]
    if args.json:
        _print_json(
            {
                "score": score.to_dict(),
                "tier": score.tier.to_dict(),
                "recommendations": [_plain(r) for r in top],
            }
        )
        return ExitCode.OK
    paint = _Paint(_color_enabled(sys.stdout))
    lines = _score_lines(score, paint)
    if top:
        lines += ["", paint.bold("What to do next:"), *_recommendation_lines(top, paint)]
    _print(lines)
    return ExitCode.OK


def _guess_source(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix == ".json":
        return "json"
    if suffix in {".html", ".htm", ".mhtml"}:
        return "page"
    return "file"


def _cmd_record(args: argparse.Namespace) -> int:
    from ssi_index import Snapshot

    progress = sys.stderr.isatty()
    stored: list[dict[str, Any]] = []
    skipped: list[dict[str, Any]] = []
    refused: list[dict[str, Any]] = []
    total = len(args.files)
    with _store(args) as store:
        for i, name in enumerate(args.files, 1):
            if progress:
                sys.stderr.write(f"\r\x1b[K[{i}/{total}] {name}")
                sys.stderr.flush()
            path = Path(name)
            try:
                score = ssi_index.parse_file(path)
                mtime = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)
            except (SSIError, OSError) as err:
                reason = err.strerror if isinstance(err, OSError) else str(err)
                refused.append({"file": name, "error": type(err).__name__, "reason": reason})
                continue
            snapshot = Snapshot(
                profile=args.profile,
                day=args.day or mtime.date(),
                score=score,
                captured_at=mtime,
                source=args.source or _guess_source(path),
            )
            item = {"file": name, "day": snapshot.day.isoformat(), "overall": score.overall}
            (stored if store.put(snapshot) else skipped).append(item)
    if progress:
        sys.stderr.write("\r\x1b[K")
        sys.stderr.flush()
    code = ExitCode.INPUT if refused else ExitCode.OK
    if args.json:
        _print_json(
            {"profile": args.profile, "stored": stored, "skipped": skipped, "refused": refused}
        )
        return code
    paint = _Paint(_color_enabled(sys.stdout))
    lines = [
        f"{args.profile}: stored {len(stored)}, skipped {len(skipped)}, refused {len(refused)} "
        f"of {total} file(s)"
    ]
    lines += [f"  stored   {s['file']}: {s['day']}, SSI {s['overall']:.2f}" for s in stored]
    lines += [
        f"  skipped  {s['file']}: the store kept its capture for {s['day']} (same or newer)"
        for s in skipped
    ]
    lines += [paint(f"  refused  {r['file']}: {r['reason']}", "31") for r in refused]
    _print(lines)
    return code


def _cmd_fetch(args: argparse.Namespace) -> int:
    from ssi_index.fetch import ClientOptions, SSIClient, record

    options: ClientOptions = {}
    base_url = os.environ.get(BASE_URL_ENV)
    if base_url:
        options["base_url"] = base_url
    if args.cookies is not None:
        client = SSIClient.from_cookies_file(args.cookies, **options)
    else:
        client = SSIClient.from_env(**options)
    started = dt.datetime.now(dt.UTC)
    with client, _store(args) as store:
        snapshot = record(client, store, args.profile, force=args.force)
    if snapshot.captured_at is not None and snapshot.captured_at < started:
        print(
            f"{PROG}: not fetched: the stored score was captured at "
            f"{snapshot.captured_at:%Y-%m-%d %H:%M} UTC, less than an hour ago; "
            "use --force to fetch again",
            file=sys.stderr,
        )
    if args.json:
        _print_json(snapshot.to_dict())
        return ExitCode.OK
    paint = _Paint(_color_enabled(sys.stdout))
    when = "" if snapshot.captured_at is None else f", captured {snapshot.captured_at:%H:%M} UTC"
    _print(
        [
            f"{snapshot.profile}: {snapshot.day}{when}",
            *_score_lines(snapshot.score, paint),
        ]
    )
    return ExitCode.OK


def _change_dict(change: Change) -> dict[str, Any]:
    return {
        "from": change.before.day.isoformat(),
        "to": change.after.day.isoformat(),
        "days": change.days,
        "total": change.total,
        "pillars": change.pillars.to_dict(),
        "moved_most": None if change.moved_most is None else change.moved_most.value,
        "flat": change.flat,
    }


def _cmd_history(args: argparse.Namespace) -> int:
    with _store(args) as store:
        snapshots, notes = _history(store, args.profile, args)
    weekly = ssi_index.changes(snapshots, period="week", notes=notes)
    alerts = ssi_index.drop_alerts(snapshots)
    streaks = [ssi_index.streak(snapshots)]
    if args.target is not None:
        streaks.append(ssi_index.streak(snapshots, target=args.target))
    outlook = None if args.target is None else ssi_index.forecast(snapshots, args.target)
    if args.json:
        _print_json(
            {
                "profile": args.profile,
                "snapshots": [s.to_dict() for s in snapshots],
                "weekly_changes": [_change_dict(c) for c in weekly],
                "alerts": [
                    {
                        "day": a.day.isoformat(),
                        "drop": a.drop,
                        "likely_recalculation": a.likely_recalculation,
                    }
                    for a in alerts
                ],
                "streak": _plain(streaks[0]),
                "target_streak": _plain(streaks[1]) if len(streaks) > 1 else None,
                "forecast": None if outlook is None else _forecast_dict(outlook),
                "notes": [n.to_dict() for n in notes],
            }
        )
        return ExitCode.OK
    paint = _Paint(_color_enabled(sys.stdout))
    _print(_history_lines(args.profile, snapshots, notes, weekly, paint))
    lines: list[str] = []
    for alert in alerts:
        change, moved = alert.change, alert.change.moved_most
        if alert.likely_recalculation:
            why = "all four pillars fell on one day: likely a LinkedIn recalculation"
        elif moved is not None:
            why = f"most in {_SHORT[moved]}: {change.pillars[moved]:+.2f}"
        else:
            why = "no pillar moved"
        span = "" if change.days == 1 else f" over {change.days} days"
        lines.append(
            paint(f"! {alert.day}: the total fell {alert.drop:.2f} points{span} ({why})", "31")
        )
    lines += [_streak_line(s) for s in streaks]
    if outlook is not None:
        lines.append(_forecast_line(outlook))
    _print(["", *lines])
    return ExitCode.OK


def _history_lines(
    profile: str,
    snapshots: Sequence[Snapshot],
    notes: Sequence[Note],
    weekly: Sequence[Change],
    paint: _Paint,
) -> list[str]:
    by_day: dict[dt.date, list[str]] = {}
    for note in notes:
        by_day.setdefault(note.day, []).append(note.text)
    week_end = {c.after.day: c for c in weekly}
    days = sorted({s.day for s in snapshots} | set(by_day))
    snap_of = {s.day: s for s in snapshots}
    header = ["day", "total", *(_SHORT[p] for p in Pillar), "week", "moved", "notes"]
    rows = [header]
    for day in days:
        snap = snap_of.get(day)
        numbers = (
            [f"{snap.score.overall:.2f}", *(f"{v:.2f}" for v in snap.score.pillars.values())]
            if snap
            else [""] * 5
        )
        change = week_end.get(day)
        moved = ""
        if change is not None and change.moved_most is not None:
            moved = f"{_SHORT[change.moved_most]} {change.pillars[change.moved_most]:+.2f}"
        week = "" if change is None else _signed(change.total)
        rows.append([day.isoformat(), *numbers, week, moved, "; ".join(by_day.get(day, []))])
    title = paint.bold(f"{profile}: {len(snapshots)} snapshot(s)")
    if not snapshots:
        return [title]
    legend = paint.dim("week: change against the previous week's last snapshot")
    return [title, *_table(rows, right=frozenset(range(1, 7))), legend]


def _streak_line(streak: Streak) -> str:
    good = "improving" if streak.target is None else f"at or above {streak.target:g}"
    since = "" if streak.since is None else f" since the week of {streak.since}"
    return f"Streak: {streak.weeks} week(s) {good}{since}; longest {streak.longest}."


def _forecast_dict(outlook: Forecast) -> dict[str, Any]:
    return {
        "status": outlook.status.value,
        "target": outlook.target,
        "day": None if outlook.day is None else outlook.day.isoformat(),
        "pace": outlook.pace,
        "points": outlook.points,
    }


def _forecast_line(outlook: Forecast) -> str:
    status = outlook.status.value
    pace = "" if outlook.pace is None else f" (pace {outlook.pace:+.2f} points/week)"
    if status == "reached":
        return f"Forecast: target {outlook.target:g} reached on {outlook.day}."
    if status == "on-track":
        return f"Forecast: target {outlook.target:g} around {outlook.day}{pace}."
    if status == "not-at-this-pace":
        return f"Forecast: target {outlook.target:g} not reached at this pace{pace}."
    return (
        f"Forecast: not enough data for target {outlook.target:g} "
        f"({outlook.points} weekly value(s) in the window)."
    )


def _cmd_note(args: argparse.Namespace) -> int:
    from ssi_index import Note

    note = Note(
        profile=args.profile,
        day=args.day or dt.datetime.now(dt.UTC).date(),
        text=args.text,
        pillar=args.pillar,
    )
    with _store(args) as store:
        store.add_note(note)
    if args.json:
        _print_json(note.to_dict())
    else:
        about = "" if note.pillar is None else f" ({note.pillar.label})"
        _print([f"{note.profile}: noted on {note.day}{about}: {note.text}"])
    return ExitCode.OK


def _cmd_plan(args: argparse.Namespace) -> int:
    with _store(args) as store:
        latest = _latest(store, args.profile)
    plan = ssi_index.plan(latest.score, args.target)
    if args.json:
        _print_json({"profile": args.profile, "day": latest.day.isoformat(), "plan": _plain(plan)})
        return ExitCode.OK
    paint = _Paint(_color_enabled(sys.stdout))
    lines = [
        paint.bold(f"{args.profile}: from {plan.start:.2f} (on {latest.day}) to {plan.target:g}")
    ]
    if plan.already_there:
        lines.append("  Already there: nothing to add.")
    for step in plan.steps:
        lines.append(
            f"  {step.pillar.label:<34} {step.start:6.2f} -> {step.end:6.2f}  (+{step.add:.2f})"
        )
    if not plan.reached:
        lines.append(paint(f"  The plan reaches only {plan.end:.2f}.", "33"))
    _print(lines)
    return ExitCode.OK


def _cmd_team(args: argparse.Namespace) -> int:
    with _store(args) as store:
        if args.add or args.remove:
            strangers = sorted(set(args.remove) - set(store.team_members(args.team)))
            if strangers:
                raise _CommandError(
                    f"expected members of team {args.team!r} to remove, found "
                    f"{', '.join(map(repr, strangers))} not in it"
                )
            for profile in args.add:
                store.set_team(profile, args.team)
            for profile in args.remove:
                store.set_team(profile, None)
            members = store.team_members(args.team)
            if args.json:
                _print_json({"team": args.team, "members": members})
            else:
                _print([f"team {args.team}: {len(members)} member(s): {', '.join(members)}"])
            return ExitCode.OK
        board = ssi_index.leaderboard(store, args.team, floor=args.floor)
    if args.json:
        _print_json(_plain(board))
        return ExitCode.OK
    paint = _Paint(_color_enabled(sys.stdout))
    rows = [["rank", "profile", "day", "total", *(_SHORT[p] for p in Pillar)]]
    for row in board.rows:
        rows.append(
            [
                str(row.rank),
                row.profile,
                row.day.isoformat(),
                f"{row.overall:.2f}",
                *(f"{v:.2f}" for v in row.pillars.values()),
            ]
        )
    rows.append(
        [
            "",
            "team average",
            "",
            f"{board.average:.2f}",
            *(f"{v:.2f}" for v in board.pillars.values()),
        ]
    )
    lines = [paint.bold(f"team {board.team}: {board.size} member(s) ranked")]
    lines += _table(rows, right=frozenset({0, 3, 4, 5, 6, 7}))
    if board.missing:
        lines.append(paint.dim(f"no score yet: {', '.join(board.missing)}"))
    _print(lines)
    return ExitCode.OK


def _cmd_export(args: argparse.Namespace) -> int:
    with _store(args) as store:
        known = store.profiles()
        if args.profile is not None and args.profile not in known:
            raise _CommandError(
                f"expected a profile with recorded scores, found no {args.profile!r} in the "
                f"store (profiles: {', '.join(known) or 'none yet'})"
            )
        profiles = known if args.profile is None else [args.profile]
        snapshots = [s for p in profiles for s in store.history(p)]
    write = ssi_index.export_json if args.format == "json" else ssi_index.export_csv
    if args.output is None:
        write(snapshots, sys.stdout)
        return ExitCode.OK
    count = write(snapshots, args.output)
    print(f"wrote {count} row(s) to {args.output}", file=sys.stderr)
    return ExitCode.OK


def _cmd_plot(args: argparse.Namespace) -> int:
    from ssi_index.plot import plot_history

    with _store(args) as store:
        snapshots, notes = _history(store, args.profile, args)
    fig = plot_history(snapshots, target=args.target, notes=notes, title=f"SSI: {args.profile}")
    fig.savefig(args.output)
    print(f"wrote {args.output}", file=sys.stderr)
    return ExitCode.OK


# ---------------------------------------------------------------------------
# The parser


_EPILOG: Final = """\
exit codes:
  0 ok, 1 other error, 2 usage, 3 not authenticated, 4 input not understood,
  5 storage, 6 network

environment:
  SSI_INDEX_STORE        the store URL when --store is not given
  SSI_INDEX_LI_AT        the li_at cookie, for 'fetch'
  SSI_INDEX_JSESSIONID   the JSESSIONID cookie, for 'fetch'
  SSI_INDEX_BASE_URL     where 'fetch' sends requests (default https://www.linkedin.com)
  NO_COLOR               when set and not empty, no colours

docs: https://ssi-index.readthedocs.io/en/latest/cli.html
"""

_PLOT_SUFFIXES: Final = (".png", ".svg", ".pdf")


class _Formatter(argparse.HelpFormatter):
    """Wraps one-paragraph descriptions; keeps the layout of epilogs (lists, examples)."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if "\n" in text:
            return "".join(indent + line for line in text.splitlines(keepends=True))
        return super()._fill_text(text, width, indent)


def _command(
    subparsers: Any,
    name: str,
    handler: Callable[[argparse.Namespace], int],
    *,
    help: str,
    description: str,
    example: str,
    parents: Sequence[argparse.ArgumentParser],
) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        name,
        help=help,
        description=description,
        epilog=f"example:\n  {example}",
        parents=list(parents),
        formatter_class=_Formatter,
    )
    parser.set_defaults(handler=handler)
    return parser


def build_parser() -> argparse.ArgumentParser:
    """Build the ``ssi-index`` argument parser with all its commands.

    Returns:
        The parser; each command's sub-parser sets ``handler`` on the parsed
        namespace.
    """
    from ssi_index import Goal

    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Parse, explain, plan and track LinkedIn's Social Selling Index (SSI).",
        epilog=_EPILOG,
        formatter_class=_Formatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {ssi_index.__version__}")
    parser.add_argument(
        "--debug", action="store_true", help="show the traceback when a command fails"
    )

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS,
        help="show the traceback when the command fails",
    )
    store = argparse.ArgumentParser(add_help=False)
    store.add_argument(
        "--store",
        metavar="URL",
        help="where the history is kept: sqlite:///path.db, postgresql://..., memory:// "
        "(default: $SSI_INDEX_STORE, else SQLite in your user data folder)",
    )
    as_json = argparse.ArgumentParser(add_help=False)
    as_json.add_argument("--json", action="store_true", help="print JSON instead of text")
    span = argparse.ArgumentParser(add_help=False)
    span.add_argument("--since", type=_day, metavar="YYYY-MM-DD", help="first day (inclusive)")
    span.add_argument("--until", type=_day, metavar="YYYY-MM-DD", help="last day (inclusive)")

    sub = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)

    p = _command(
        sub,
        "show",
        _cmd_show,
        help="show a score and what to do next",
        description="Read a saved SSI page or SSI JSON (a file, or - for standard input), "
        "print the total, tier, pillars, ranks and group averages, and the top "
        "recommendations.",
        example="ssi-index show examples/data/ssi-api.json --goal sales --top 1",
        parents=[common, as_json],
    )
    p.add_argument("file", nargs="?", default="-", metavar="FILE", help="a file, or - (default)")
    p.add_argument("--goal", choices=[g.value for g in Goal], help="what you use LinkedIn for")
    p.add_argument("--locale", default="en", help="language of the advice: en, he, ru (default en)")
    p.add_argument("--target", type=_target, metavar="N", help="the total to aim for (0-100)")
    p.add_argument(
        "--top", type=_positive, default=3, metavar="N", help="how many recommendations (default 3)"
    )

    p = _command(
        sub,
        "record",
        _cmd_record,
        help="store saved pages or JSON files in the history",
        description="Store each FILE as the profile's score for a day: the day from --day, "
        "else the file's modification time (UTC). A store keeps one score per profile and "
        "day and does not replace a newer capture. A file that cannot be read is refused "
        "and the rest are still stored; the exit code is then 4.",
        example="ssi-index record --profile me Downloads/ssi-*.html",
        parents=[common, store, as_json],
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="saved SSI pages or SSI JSON files")
    p.add_argument("--profile", required=True, type=_profile, help="whose score it is")
    p.add_argument("--day", type=_day, metavar="YYYY-MM-DD", help="the day of every file")
    p.add_argument("--source", help="a label kept with each snapshot (default: json, page or file)")

    p = _command(
        sub,
        "fetch",
        _cmd_fetch,
        help="fetch today's score from LinkedIn and store it",
        description="Fetch your own score with your browser session's cookies, taken from "
        "$SSI_INDEX_LI_AT and $SSI_INDEX_JSESSIONID or from a cookies.txt file (never from "
        "the command line), and store it. At most one request per profile per hour "
        "unless --force.",
        example="ssi-index fetch --profile me --cookies cookies.txt",
        parents=[common, store, as_json],
    )
    p.add_argument("--profile", required=True, type=_profile, help="whose score it is")
    p.add_argument("--cookies", type=Path, metavar="FILE", help="a Netscape cookies.txt file")
    p.add_argument(
        "--force", action="store_true", help="fetch even if a score was fetched in the last hour"
    )

    p = _command(
        sub,
        "history",
        _cmd_history,
        help="the table of a profile's days, changes, alerts and streak",
        description="Print a profile's snapshots day by day with week-over-week changes, the "
        "pillar that moved most, drop alerts, the streak of improving weeks and notes; with "
        "--target, the streak at or above the target and a forecast of when it is reached.",
        example="ssi-index history me --since 2026-03-01 --target 70",
        parents=[common, store, as_json, span],
    )
    p.add_argument("profile", type=_profile, metavar="PROFILE", help="the profile id")
    p.add_argument("--target", type=_target, metavar="N", help="a total to hold and forecast")

    p = _command(
        sub,
        "note",
        _cmd_note,
        help="write down what you did, beside the score",
        description="Add a dated note to a profile's history (today, UTC, unless --day), "
        "optionally about one pillar.",
        example='ssi-index note me "sent 20 personal invitations" --pillar people',
        parents=[common, store, as_json],
    )
    p.add_argument("profile", type=_profile, metavar="PROFILE", help="the profile id")
    p.add_argument("text", metavar="TEXT", help="what was done")
    p.add_argument(
        "--pillar",
        type=_pillar,
        metavar="NAME",
        help="brand, people, insights or relationships (or LinkedIn's name)",
    )
    p.add_argument("--day", type=_day, metavar="YYYY-MM-DD", help="the day (default today, UTC)")

    p = _command(
        sub,
        "plan",
        _cmd_plan,
        help="plan the points per pillar to reach a target",
        description="Plan, from the profile's latest score, how many points each pillar "
        "must add to reach the target total (weakest pillar first, none past 25).",
        example="ssi-index plan me --target 70",
        parents=[common, store, as_json],
    )
    p.add_argument("profile", type=_profile, metavar="PROFILE", help="the profile id")
    p.add_argument("--target", type=_target, required=True, metavar="N", help="the total (0-100)")

    p = _command(
        sub,
        "team",
        _cmd_team,
        help="a team's leaderboard, or manage its members",
        description="Rank a team's members by their latest total beside the team's averages. "
        "Teams smaller than --floor members (10) are refused, as LinkedIn does. With --add or "
        "--remove, change who is in the team instead.",
        example="ssi-index team sales --floor 4",
        parents=[common, store, as_json],
    )
    p.add_argument("team", metavar="TEAM", help="the team's name")
    p.add_argument(
        "--floor", type=_positive, default=10, metavar="N", help="fewest members to report (10)"
    )
    p.add_argument(
        "--add", nargs="+", default=[], type=_profile, metavar="PROFILE", help="put in the team"
    )
    p.add_argument(
        "--remove",
        nargs="+",
        default=[],
        type=_profile,
        metavar="PROFILE",
        help="take out of the team",
    )

    p = _command(
        sub,
        "export",
        _cmd_export,
        help="write the history as CSV or JSON",
        description="Write snapshots (one profile's, or everyone's) with stable columns: "
        "profile, day, captured_at, source, overall, the four pillars, industry and network "
        "rank and average. Missing values are empty cells (CSV) or null (JSON), never 0.",
        example="ssi-index export --format csv --profile me -o me.csv",
        parents=[common, store],
    )
    p.add_argument("--format", choices=["csv", "json"], default="csv", help="csv (default) or json")
    p.add_argument("--profile", type=_profile, help="only this profile (default: all)")
    p.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write here (default: standard output)"
    )

    p = _command(
        sub,
        "plot",
        _cmd_plot,
        help="draw a profile's history as a chart (needs ssi-index[plot])",
        description="Draw the total and the four pillars over time with the tier bands, the "
        "target and the notes, and save it as PNG, SVG or PDF.",
        example="ssi-index plot me -o chart.png --target 70",
        parents=[common, store, span],
    )
    p.add_argument("profile", type=_profile, metavar="PROFILE", help="the profile id")
    p.add_argument(
        "-o", "--output", type=Path, required=True, metavar="FILE", help="a .png, .svg or .pdf file"
    )
    p.add_argument("--target", type=_target, metavar="N", help="draw this total as a line")
    return parser


def _fail(parser: argparse.ArgumentParser, message: str) -> NoReturn:
    parser.error(message)


def _check(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Usage checks argparse cannot express; each exits with code 2."""
    handler = args.handler
    if handler is _cmd_show and args.file == "-" and sys.stdin.isatty():
        _fail(parser, "show: expected a FILE, or input on standard input; found a terminal")
    if handler is _cmd_plot and args.output.suffix.lower() not in _PLOT_SUFFIXES:
        _fail(
            parser,
            f"plot: expected an output file ending in {', '.join(_PLOT_SUFFIXES)}, "
            f"found {str(args.output)!r}",
        )
    if getattr(args, "since", None) and getattr(args, "until", None) and args.since > args.until:
        _fail(parser, f"expected --since on or before --until, found {args.since} > {args.until}")


def _report(error: BaseException, debug: bool) -> None:
    if debug:
        traceback.print_exception(error, file=sys.stderr)
    if isinstance(error, SSIError):
        message = str(error)
    elif isinstance(error, OSError):
        where = f": {error.filename}" if error.filename else ""
        message = f"{error.strerror or error}{where}"
    else:
        message = f"unexpected {type(error).__name__}: {error}"
        if not debug:
            message += " (run with --debug for the traceback, and please report it)"
    paint = _Paint(_color_enabled(sys.stderr))
    print(f"{PROG}: {paint('error', '31')}: {message}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``ssi-index`` with *argv* and return its exit code.

    Args:
        argv: The arguments after the program name; ``None`` reads ``sys.argv``.

    Returns:
        An :class:`ExitCode` (an ``int``). Usage errors, ``--help`` and
        ``--version`` exit through argparse's ``SystemExit`` instead.
    """
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            # A console that cannot show Hebrew or Cyrillic gets "?", not a crash.
            stream.reconfigure(errors="replace")
    parser = build_parser()
    args = parser.parse_args(argv)
    _check(parser, args)
    debug: bool = args.debug
    try:
        code = int(args.handler(args))
        sys.stdout.flush()  # here, so that a closed pipe is handled below, not at exit
        return code
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (``ssi-index export | head``): stop quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return ExitCode.ERROR
    except Exception as err:
        _report(err, debug)
        return exit_code_for(err)
