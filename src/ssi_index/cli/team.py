"""The ``team`` command: a team's leaderboard, or who is in it."""

from __future__ import annotations

import ssi_index
from ssi_index._model import Pillar

from ._app import Context, Registry
from ._exit import CommandError, ExitCode
from ._output import Line, Part, Styled, table
from ._render import plain

__all__ = ["register"]


def _members(ctx: Context) -> int:
    args = ctx.args
    with ctx.store() as store:
        strangers = sorted(set(args.remove) - set(store.team_members(args.team)))
        if strangers:
            raise CommandError(
                ctx.t(
                    "cli.team.not_members",
                    team=repr(args.team),
                    profiles=", ".join(map(repr, strangers)),
                )
            )
        for profile in args.add:
            store.set_team(profile, args.team)
        for profile in args.remove:
            store.set_team(profile, None)
        members = store.team_members(args.team)
    if ctx.json:
        ctx.out.json({"team": args.team, "members": members})
    else:
        ctx.out.line(
            ctx.t(
                "cli.team.members",
                team=args.team,
                members=ctx.plural("cli.count.members", len(members)),
                names=", ".join(members),
            )
        )
    return ExitCode.OK


def run_team(ctx: Context) -> int:
    """``team``: rank a team's members, or change who is in it."""
    args = ctx.args
    if args.add or args.remove:
        return _members(ctx)
    with ctx.store() as store:
        board = ssi_index.leaderboard(store, args.team, floor=args.floor)
    if ctx.json:
        ctx.out.json(plain(board))
        return ExitCode.OK
    rows: list[list[Part]] = [
        [
            ctx.t("cli.col.rank"),
            ctx.t("cli.col.profile"),
            ctx.t("cli.col.day"),
            ctx.t("cli.col.total"),
            *(ctx.pillar(p) for p in Pillar),
        ]
    ]
    for row in board.rows:
        rows.append(
            [
                str(row.rank),
                row.profile,
                row.day.isoformat(),
                ctx.number(row.overall),
                *(ctx.number(v) for v in row.pillars.values()),
            ]
        )
    rows.append(
        [
            "",
            ctx.t("cli.team.average"),
            "",
            ctx.number(board.average),
            *(ctx.number(v) for v in board.pillars.values()),
        ]
    )
    title = ctx.t(
        "cli.team.title", team=board.team, members=ctx.plural("cli.count.members", board.size)
    )
    lines: list[Line] = [Styled(title, "bold")]
    lines += table(rows, right=frozenset({0, 3, 4, 5, 6, 7}))
    if board.missing:
        lines.append(Styled(ctx.t("cli.team.missing", names=", ".join(board.missing)), "dim"))
    ctx.out.lines(lines)
    return ExitCode.OK


def register(reg: Registry) -> None:
    """Add ``team``."""
    t, types = reg.t, reg.types
    p = reg.command(
        "team",
        run_team,
        help=t("cli.team.help"),
        description=t("cli.team.description"),
        example="ssi-index team sales --floor 4",
        options=("store", "json"),
    )
    p.add_argument("team", type=types.text, metavar="TEAM", help=t("cli.team.opt.team"))
    p.add_argument(
        "--floor", type=types.positive, default=10, metavar="N", help=t("cli.team.opt.floor")
    )
    p.add_argument(
        "--add",
        nargs="+",
        default=[],
        type=types.profile,
        metavar="PROFILE",
        help=t("cli.team.opt.add"),
    )
    p.add_argument(
        "--remove",
        nargs="+",
        default=[],
        type=types.profile,
        metavar="PROFILE",
        help=t("cli.team.opt.remove"),
    )
