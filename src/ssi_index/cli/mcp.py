"""The ``mcp`` command: run the MCP server for assistants over standard input and output."""

from __future__ import annotations

from ._app import Context, Registry
from ._exit import ExitCode

__all__ = ["register"]


def run_mcp(ctx: Context) -> int:
    """``mcp``: serve until the client disconnects; standard output carries protocol only."""
    from ssi_index.mcp import serve

    serve(ctx.store_url, ctx.profile_or_none, locale=ctx.locale, goal=ctx.goal, target=ctx.target)
    return ExitCode.OK


def register(reg: Registry) -> None:
    """Add ``mcp``."""
    reg.command(
        "mcp",
        run_mcp,
        help=reg.t("mcp.cli.help"),
        description=reg.t("mcp.cli.description"),
        example="ssi-index mcp -p me",
        options=("store", "profile", "goal", "target"),
    )
