"""An MCP server that gives assistants the user's SSI: read, record, history, advice, team.

Run it over standard input and output (the transport every desktop assistant
speaks) with ``ssi-index mcp``, ``python -m ssi_index.mcp`` or from Python with
:func:`serve`; it needs the ``ssi-index[mcp]`` extra (the official ``mcp`` SDK).
The store, default profile, goal, target and language come from the arguments,
else from ``SSI_INDEX_STORE``, ``SSI_INDEX_PROFILE``, ``SSI_INDEX_LOCALE``, else
from the settings file (``ssi-index config``), as for the CLI.

Tools (reading ones are annotated ``readOnlyHint=true``, writing ones ``false``):

- ``read_score``: a pasted SSI page or SSI JSON to a score, tier and ranks;
- ``record_score`` (writes): store it as the profile's score for today, like
  ``ssi-index record``;
- ``score_history``: snapshots, week-over-week changes, drop alerts, streak, notes;
- ``recommendations``: ranked advice on the latest (or a pasted) score;
- ``weekly_report``: this week's changes, streak, pace, next milestone, focus and notes;
- ``roadmap``: weekly milestones to a target; ``focus``: this week's actions;
- ``team_leaderboard``: a team's ranking, refused below the privacy floor of 10;
- ``import_history`` (writes): history from other tools' files, like ``ssi-index import``;
- ``add_note`` (writes): a dated note of what was done.

Each result carries structured content and the same facts as readable text.
Errors come back as MCP tool errors carrying the :class:`~ssi_index.SSIError`
message in the call's locale (:meth:`~ssi_index.SSIError.localized`). Nothing but
protocol messages is written to standard output; logs go to standard error and never
hold session cookies or a store password.

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
    store_url: str | None = None,
    profile: str | None = None,
    *,
    locale: str | None = None,
    goal: str | None = None,
    target: float | None = None,
) -> FastMCP[Any]:
    """Build the MCP server (not yet running), for embedding or for tests.

    Each setting left out comes from the environment, then the settings file
    (``ssi-index config``), then the default, as for the CLI.

    Args:
        store_url: The store URL or a SQLite file's path; default ``SSI_INDEX_STORE``,
            else the settings file, else the SQLite file in the user's data folder.
        profile: The profile a tool call without one uses; default ``SSI_INDEX_PROFILE``,
            else the settings file.
        locale: The language of the readable text; default ``SSI_INDEX_LOCALE``, else
            the settings file, else en.
        goal: The goal a tool call without one uses; default: the settings file's, else sales.
        target: The target a tool call without one uses; default: the settings file's,
            else the goal's.

    Returns:
        A ``mcp.server.fastmcp.FastMCP`` server with every tool registered.

    Raises:
        MissingDependencyError: the ``mcp`` extra is not installed.
        ConfigError: the settings file cannot be used.
        UnknownLocaleError: no texts for *locale*.
        RuleError: an unknown goal.
        InvalidScoreError: a target that is not a total from 0 to 100.
    """
    from ssi_index._optional import require

    require("mcp", "mcp")
    from ._server import build

    return build(ServerConfig.resolve(store_url, profile, locale, goal, target))


def serve(
    store_url: str | None = None,
    profile: str | None = None,
    *,
    locale: str | None = None,
    goal: str | None = None,
    target: float | None = None,
) -> None:
    """Run the MCP server over standard input and output until the client disconnects.

    Args:
        store_url: The store URL or a SQLite file's path (see :func:`build_server`).
        profile: The profile a tool call without one uses.
        locale: The language of the readable text.
        goal: The goal a tool call without one uses.
        target: The target a tool call without one uses.

    Raises:
        MissingDependencyError: the ``mcp`` extra is not installed.
        ConfigError: the settings file cannot be used.
        UnknownLocaleError: no texts for *locale*.
    """
    build_server(store_url, profile, locale=locale, goal=goal, target=target).run("stdio")
