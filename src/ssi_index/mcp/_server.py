"""The MCP server itself: each tool of :class:`~ssi_index.mcp._tools.Tools` behind the SDK.

Imported only by :func:`ssi_index.mcp.build_server`, after the ``mcp`` package was
found, so ``import ssi_index.mcp`` works without the extra.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Annotated, Any, Final, Literal

from mcp.server.fastmcp import FastMCP
from mcp.server.fastmcp.exceptions import ToolError
from mcp.types import CallToolResult, TextContent, ToolAnnotations
from pydantic import Field

from ssi_index._errors import SSIError
from ssi_index._i18n import normalize_locale
from ssi_index._redact import scrub, secrets_from_env

from ._config import ServerConfig
from ._tools import Reply, Tools

__all__ = ["SERVER_NAME", "build"]

SERVER_NAME: Final = "ssi-index"
"""The name the server gives itself in the MCP handshake."""

_log = logging.getLogger("ssi_index.mcp")

_INSTRUCTIONS: Final = (
    "Tools for LinkedIn's Social Selling Index (SSI) kept by ssi-index: read a score from a "
    "pasted SSI page or LinkedIn's SSI JSON, record it, look at the history and its changes, "
    "the weekly report, the roadmap to a target and this week's focus, get ranked advice, "
    "write notes, import history from other trackers' files, and see a team's leaderboard "
    "(teams under the privacy floor are refused). "
    "A profile argument left out means the server's default profile."
)

_READ: Final = ToolAnnotations(readOnlyHint=True, destructiveHint=False, openWorldHint=False)
_WRITE: Final = ToolAnnotations(
    readOnlyHint=False, destructiveHint=False, idempotentHint=False, openWorldHint=False
)
_IMPORT: Final = ToolAnnotations(
    readOnlyHint=False, destructiveHint=True, idempotentHint=True, openWorldHint=False
)
_RECORD: Final = ToolAnnotations(
    readOnlyHint=False, destructiveHint=True, idempotentHint=True, openWorldHint=False
)

Content = Annotated[
    str,
    Field(
        description="The whole text of a saved LinkedIn SSI page (HTML, any generation and "
        "language) or LinkedIn's SSI JSON, pasted as it is; at most 10 MiB.",
        min_length=1,
    ),
]
Profile = Annotated[
    str | None,
    Field(
        description="The profile id the history is kept under (an email, a vanity name, "
        "'me'); leave out for the server's default profile (SSI_INDEX_PROFILE).",
        min_length=1,
        max_length=200,
    ),
]
Day = Annotated[
    dt.date | None,
    Field(description="A UTC day as YYYY-MM-DD; leave out for today (UTC)."),
]
Since = Annotated[
    dt.date | None, Field(description="The first day to include, YYYY-MM-DD (inclusive).")
]
Until = Annotated[
    dt.date | None, Field(description="The last day to include, YYYY-MM-DD (inclusive).")
]
Target = Annotated[
    float | None,
    Field(description="A total to aim for, from 0 to 100.", ge=0, le=100),
]
Locale = Annotated[
    Literal["en", "he", "ru"] | None,
    Field(
        description="The language of the readable text: en, he or ru; leave out for the "
        "server's default."
    ),
]
Goal = Annotated[
    Literal["sales", "ads", "job_search", "brand"] | None,
    Field(
        description="What LinkedIn is used for; it sets the default target and extra "
        "advice (default sales: aim for 70)."
    ),
]
PastedInstead = Annotated[
    str,  # plain str: the SDK would decode JSON text given to an optional argument
    Field(
        description="A pasted SSI page or SSI JSON to use instead of the profile's latest "
        "recorded score; leave out (or empty) to use the profile's.",
    ),
]
PillarName = Annotated[
    Literal["PROFESSIONAL_BRAND", "FIND_RIGHT_PEOPLE", "INSIGHT_ENGAGEMENT", "STRONG_RELATIONSHIP"]
    | None,
    Field(description="The SSI pillar the activity aims at, if any (LinkedIn's name)."),
]


def _import_formats() -> tuple[str, ...]:
    from ssi_index import import_formats

    return tuple(import_formats())


def _result(reply: Reply, secrets: tuple[str, ...]) -> CallToolResult:
    data = scrub(reply.data, secrets)
    return CallToolResult(
        content=[TextContent(type="text", text=scrub(reply.text, secrets))],
        structuredContent=data,
    )


def _guarded(
    name: str, call: Callable[[], Reply], secrets: tuple[str, ...], locale: str = "en"
) -> CallToolResult:
    """Run one tool call; every failure becomes a ToolError the client sees as a tool error.

    An ssi-index error's text is in *locale* (the call's, else the server's).
    """
    _log.info("tool %s called", name)
    try:
        return _result(call(), secrets)
    except SSIError as err:
        _log.info("tool %s refused: %s", name, type(err).__name__)
        raise ToolError(scrub(err.localized(locale), secrets)) from None
    except OSError as err:
        _log.warning("tool %s failed: %s", name, type(err).__name__)
        where = f": {err.filename}" if err.filename else ""
        raise ToolError(scrub(f"{err.strerror or type(err).__name__}{where}", secrets)) from None
    except Exception as err:
        # Unexpected: say so without echoing internals (they may quote input).
        _log.error("tool %s failed unexpectedly: %s", name, type(err).__name__)
        raise ToolError(f"unexpected {type(err).__name__} in ssi-index; please report it") from None


def build(config: ServerConfig) -> FastMCP[Any]:
    """Return the FastMCP server with every ssi-index tool registered."""
    tools = Tools(config)
    secrets = secrets_from_env(config.store)

    def where(locale: str | None) -> str:
        """The locale of a call's error: the call's own, else the server's."""
        try:
            return normalize_locale(locale) if locale else config.locale
        except SSIError:
            return config.locale

    server: FastMCP[Any] = FastMCP(SERVER_NAME, instructions=_INSTRUCTIONS, log_level="INFO")

    @server.tool(title="Read an SSI score", annotations=_READ)
    def read_score(content: Content, locale: Locale = None) -> CallToolResult:
        """Read a Social Selling Index score from a pasted SSI page or SSI JSON.

        Returns the total, the four pillars, the tier and the industry and network ranks.
        Nothing is stored; use record_score to keep it.
        """
        return _guarded(
            "read_score", lambda: tools.read_score(content, locale), secrets, where(locale)
        )

    @server.tool(title="Record today's SSI score", annotations=_RECORD)
    def record_score(
        content: Content, profile: Profile = None, day: Day = None, locale: Locale = None
    ) -> CallToolResult:
        """Store a pasted SSI page or SSI JSON as the profile's score for a day (today, UTC).

        Like 'ssi-index record': the store keeps one score per profile and day; recording
        again the same day replaces it.
        """
        return _guarded(
            "record_score",
            lambda: tools.record_score(content, profile, day, locale),
            secrets,
            where(locale),
        )

    @server.tool(title="SSI history and changes", annotations=_READ)
    def score_history(
        profile: Profile = None,
        since: Since = None,
        until: Until = None,
        target: Target = None,
        locale: Locale = None,
    ) -> CallToolResult:
        """A profile's recorded scores with week-over-week changes and what moved most.

        Also the drop alerts, the streak of improving weeks and the notes; with a target,
        the streak at or above it and a forecast of when it is reached.
        """
        return _guarded(
            "score_history",
            lambda: tools.score_history(profile, since, until, target, locale),
            secrets,
            where(locale),
        )

    @server.tool(title="What to do next", annotations=_READ)
    def recommendations(
        profile: Profile = None,
        content: PastedInstead = "",
        goal: Goal = None,
        target: Target = None,
        top: Annotated[int, Field(description="How many recommendations.", ge=1, le=20)] = 3,
        locale: Locale = None,
    ) -> CallToolResult:
        """Ranked advice on what to do next, biggest gain first, each with its source.

        Advises on the profile's latest recorded score, or on a pasted page or JSON.
        """
        return _guarded(
            "recommendations",
            lambda: tools.recommendations(profile, content, goal, target, top, locale),
            secrets,
            where(locale),
        )

    @server.tool(title="This week's SSI report", annotations=_READ)
    def weekly_report(
        profile: Profile = None, goal: Goal = None, target: Target = None, locale: Locale = None
    ) -> CallToolResult:
        """The profile's week: what rose and fell, against a week earlier.

        Also the streak, whether the week kept pace with the roadmap, the next
        milestone, this week's focus and the notes of the week.
        """
        return _guarded(
            "weekly_report",
            lambda: tools.weekly_report(profile, goal, target, locale),
            secrets,
            where(locale),
        )

    @server.tool(title="Roadmap to a target", annotations=_READ)
    def roadmap(
        profile: Profile = None,
        content: PastedInstead = "",
        target: Target = None,
        goal: Goal = None,
        weeks: Annotated[
            int | None,
            Field(description="How many weeks ahead to plan (default 12).", ge=1, le=104),
        ] = None,
        locale: Locale = None,
    ) -> CallToolResult:
        """Weekly milestones from the latest recorded (or a pasted) score to the target.

        Each milestone has its date, the four pillars and the total, at a realistic
        pace; the note says when the target is reached.
        """
        return _guarded(
            "roadmap",
            lambda: tools.roadmap(profile, content, target, goal, weeks, locale),
            secrets,
            where(locale),
        )

    @server.tool(title="This week's focus", annotations=_READ)
    def focus(
        profile: Profile = None,
        content: PastedInstead = "",
        goal: Goal = None,
        target: Target = None,
        locale: Locale = None,
    ) -> CallToolResult:
        """One to three actions for this week, each with a number and a cadence.

        For example "send 10 personal invitations this week", drawn from the roadmap's
        next milestone, each citing who advises it.
        """
        return _guarded(
            "focus",
            lambda: tools.focus(profile, content, goal, target, locale),
            secrets,
            where(locale),
        )

    @server.tool(title="Team leaderboard", annotations=_READ)
    def team_leaderboard(
        team: Annotated[str, Field(description="The team's name.", min_length=1)],
        floor: Annotated[
            int,
            Field(
                description="The fewest members with a score the report needs (privacy "
                "floor, 10 as LinkedIn); lower it only for a team that agreed.",
                ge=1,
            ),
        ] = 10,
        locale: Locale = None,
    ) -> CallToolResult:
        """A team's members ranked by their latest total, with the team's pillar averages.

        A team with fewer members than the floor is refused, so no one is singled out.
        """
        return _guarded(
            "team_leaderboard",
            lambda: tools.team_leaderboard(team, floor, locale),
            secrets,
            where(locale),
        )

    @server.tool(title="Import score history", annotations=_IMPORT)
    def import_history(
        paths: Annotated[
            list[str],
            Field(
                description="Files or folders on this computer to import: exports of other "
                "SSI trackers (CSV, JSON, SQLite), saved SSI pages, or ssi-index's own export.",
                min_length=1,
                max_length=100,
            ),
        ],
        profile: Profile = None,
        format: Annotated[
            str | None,
            Field(
                description="The files' format, when detection is not wanted: "
                + ", ".join(_import_formats())
                + "; leave out to detect each file's format.",
            ),
        ] = None,
        dry_run: Annotated[
            bool, Field(description="Read and compare everything, write nothing.")
        ] = False,
        locale: Locale = None,
    ) -> CallToolResult:
        """Import a profile's score history from files other tools wrote, like 'ssi-index import'.

        Importing the same files again changes nothing; rows that cannot be read are
        listed with the reason, never stored.
        """
        return _guarded(
            "import_history",
            lambda: tools.import_history(paths, profile, format, dry_run, locale),
            secrets,
            where(locale),
        )

    @server.tool(title="Add a note", annotations=_WRITE)
    def add_note(
        text: Annotated[
            str,
            Field(
                description="What was done, e.g. 'sent 20 personal invitations'.",
                min_length=1,
                max_length=2000,
            ),
        ],
        profile: Profile = None,
        day: Day = None,
        pillar: PillarName = None,
        locale: Locale = None,
    ) -> CallToolResult:
        """Write down what the member did on a day, to read beside the score's changes."""
        return _guarded(
            "add_note",
            lambda: tools.add_note(text, profile, day, pillar, locale),
            secrets,
            where(locale),
        )

    return server
