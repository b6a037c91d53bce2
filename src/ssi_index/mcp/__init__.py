"""An MCP server that gives assistants the user's SSI: read, record, history, advice, team.

Run it over standard input and output (the transport every desktop assistant
speaks) with ``python -m ssi_index.mcp`` or from Python with :func:`serve`; it
needs the ``ssi-index[mcp]`` extra (the official ``mcp`` SDK). The store and the
default profile come from the arguments, else from ``SSI_INDEX_STORE`` and
``SSI_INDEX_PROFILE``, as for the CLI; ``SSI_INDEX_LOCALE`` sets the language of
the readable part of each result (en, he or ru).

Tools (reading ones are annotated ``readOnlyHint=true``, writing ones ``false``):

- ``read_score``: a pasted SSI page or SSI JSON to a score, tier and ranks;
- ``record_score`` (writes): store it as the profile's score for today, like
  ``ssi-index record``;
- ``score_history``: snapshots, week-over-week changes, drop alerts, streak, notes;
- ``recommendations``: ranked advice on the latest (or a pasted) score;
- ``weekly_report``: this week's changes, streak, pace, next milestone, focus and notes;
- ``roadmap``: weekly milestones to a target; ``focus``: this week's actions;
- ``team_leaderboard``: a team's ranking, refused below the privacy floor of 10;
- ``add_note`` (writes): a dated note of what was done.

Each result carries structured content and the same facts as readable text.
Errors come back as MCP tool errors carrying the :class:`~ssi_index.SSIError`
message. Nothing but protocol messages is written to standard output; logs go to
standard error and never hold session cookies or a store password.

Example:
    A client configuration (Claude Desktop's ``claude_desktop_config.json``)::

        {"mcpServers": {"ssi-index": {
            "command": "python", "args": ["-m", "ssi_index.mcp"],
            "env": {"SSI_INDEX_PROFILE": "me"}}}}
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._config import LOCALE_ENV, PROFILE_ENV, STORE_ENV, ServerConfig

if TYPE_CHECKING:
    from mcp.server.fastmcp import FastMCP

__all__ = ["LOCALE_ENV", "PROFILE_ENV", "STORE_ENV", "ServerConfig", "build_server", "serve"]


def build_server(
    store_url: str | None = None, profile: str | None = None, *, locale: str | None = None
) -> FastMCP[Any]:
    """Build the MCP server (not yet running), for embedding or for tests.

    Args:
        store_url: The store URL; default ``SSI_INDEX_STORE``, else the SQLite file
            in the user's data folder.
        profile: The profile a tool call without one uses; default ``SSI_INDEX_PROFILE``.
        locale: The language of the readable text; default ``SSI_INDEX_LOCALE``, else en.

    Returns:
        A ``mcp.server.fastmcp.FastMCP`` server with every tool registered.

    Raises:
        MissingDependencyError: the ``mcp`` extra is not installed.
        UnknownLocaleError: no texts for *locale*.
    """
    from ssi_index._optional import require

    require("mcp", "mcp")
    from ._server import build

    return build(ServerConfig.resolve(store_url, profile, locale))


def serve(
    store_url: str | None = None, profile: str | None = None, *, locale: str | None = None
) -> None:
    """Run the MCP server over standard input and output until the client disconnects.

    Args:
        store_url: The store URL; default ``SSI_INDEX_STORE``, else the SQLite file
            in the user's data folder.
        profile: The profile a tool call without one uses; default ``SSI_INDEX_PROFILE``.
        locale: The language of the readable text; default ``SSI_INDEX_LOCALE``, else en.

    Raises:
        MissingDependencyError: the ``mcp`` extra is not installed.
        UnknownLocaleError: no texts for *locale*.
    """
    build_server(store_url, profile, locale=locale).run("stdio")
