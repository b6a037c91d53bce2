"""The reports as Markdown, for a chat message, an email or a wiki page.

Text from the store is escaped so it cannot open a link, an image, raw HTML or a
table cell, and control characters are written as visible escapes.
"""

from __future__ import annotations

from typing import Final

from ssi_index._i18n import format_number, message, plural
from ssi_index._inert import inert
from ssi_index._model import PILLAR_MAX, PillarScores
from ssi_index.rules import texts

from ._chart import sparkline
from ._data import PersonalData, TeamData

__all__ = ["personal_markdown", "team_markdown"]

_SPECIAL: Final = str.maketrans(
    {c: f"\\{c}" for c in "\\`*_[]|~>"} | {"<": "&lt;", "&": "&amp;", "\n": " ", "\r": " "}
)


def _md(text: str) -> str:
    """Escape *text* for Markdown: inert control characters, no markup of its own."""
    return inert(text).translate(_SPECIAL)


def _num(locale: str, value: float) -> str:
    return format_number(locale, value, 1)


def _table(head: list[str], rows: list[list[str]], numeric: set[int]) -> list[str]:
    rule = ["---:" if i in numeric else "---" for i in range(len(head))]
    lines = ["| " + " | ".join(head) + " |", "| " + " | ".join(rule) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def _pillars(locale: str, pillars: PillarScores, *, gap: bool) -> list[str]:
    words = texts(locale)
    head = [message(locale, "report.pillar"), message(locale, "report.points")]
    if gap:
        head.append(message(locale, "report.to_max"))
    rows = []
    for pillar, points in pillars.items():
        row = [_md(words.pillar(pillar)), _num(locale, points)]
        if gap:
            row.append(_num(locale, PILLAR_MAX - points))
        rows.append(row)
    return _table(head, rows, {1, 2})


def _week(data: PersonalData | TeamData) -> str:
    return message(
        data.locale, "report.week", start=data.week_start.isoformat(), end=data.today.isoformat()
    )


def personal_markdown(data: PersonalData) -> str:
    """Lay out a personal report as Markdown."""
    loc = data.locale
    words = texts(loc)
    score = data.latest.score
    tier_label, tier_meaning = words.tier(data.scale, data.scale.classify(score.overall))
    missing = data.target - score.overall
    target = format_number(loc, data.target, 1)
    aim = (
        message(
            loc,
            "report.target_gap",
            points=plural(loc, "units.points", missing),
            target=target,
        )
        if missing > 0
        else message(loc, "report.target_reached", target=target)
    )
    streak = message(
        loc,
        "report.streak",
        weeks=data.streak.weeks,
        longest=data.streak.longest,
    )
    lines = [
        f"# {message(loc, 'report.title_personal', profile=_md(data.profile))}",
        "",
        _week(data),
        "",
        f"**{_num(loc, score.overall)}** {message(loc, 'report.of_total')} · "
        f"{message(loc, 'report.tier', tier=tier_label)}",
        "",
        tier_meaning,
        "",
        f"**{aim}**",
        "",
        f"{message(loc, 'report.latest_day', day=data.latest.day.isoformat())} · {streak}",
        "",
        f"## {message(loc, 'report.history')}",
        "",
    ]
    if data.history:
        lines += [f"{message(loc, 'report.markdown_chart')}: `{sparkline(data.history)}`", ""]
    else:
        lines += [message(loc, "report.no_history"), ""]
    lines += [f"## {message(loc, 'report.pillars')}", "", *_pillars(loc, score.pillars, gap=True)]
    if data.advice:
        lines += ["", f"## {message(loc, 'report.advice')}", ""]
        for i, rec in enumerate(data.advice, 1):
            lines.append(f"{i}. **{_md(rec.title)}**")
            lines += [f"   - {_md(action)}" for action in rec.actions[:3]]
            if rec.source:
                lines.append(f"   - *{_md(message(loc, 'report.source', source=rec.source))}*")
    lines += ["", f"## {message(loc, 'report.notes')}", ""]
    if data.notes:
        for note in data.notes:
            about = "" if note.pillar is None else f" · {_md(words.pillar(note.pillar))}"
            lines.append(f"- {note.day.isoformat()}{about}: {_md(note.text)}")
    else:
        lines.append(message(loc, "report.no_notes"))
    lines += ["", f"*{message(loc, 'report.footer')}*", ""]
    return "\n".join(lines)


def team_markdown(data: TeamData) -> str:
    """Lay out a team or cohort report as Markdown."""
    loc = data.locale
    words = texts(loc)
    board = data.board
    summary = message(
        loc,
        "report.team_summary",
        count=plural(loc, "report.members", board.size),
        average=_num(loc, board.average),
    )
    head = [
        message(loc, "report.rank"),
        message(loc, "report.member"),
        message(loc, "report.ssi"),
        *(_md(words.pillar(p)) for p in board.pillars),
        message(loc, "report.last_score"),
    ]
    rows = [
        [
            str(row.rank),
            _md(row.profile),
            f"**{_num(loc, row.overall)}**",
            *(_num(loc, v) for v in row.pillars.values()),
            row.day.isoformat(),
        ]
        for row in data.rows
    ]
    lines = [
        f"# {message(loc, 'report.title_team', team=_md(data.team))}",
        "",
        _week(data),
        "",
        f"**{summary}**",
        "",
        message(loc, "report.privacy", floor=data.floor),
        "",
        f"## {message(loc, 'report.leaderboard')}",
        "",
        *_table(head, rows, {0, 2, 3, 4, 5, 6}),
        "",
        f"## {message(loc, 'report.team_pillars')}",
        "",
        *_pillars(loc, board.pillars, gap=False),
        "",
        f"## {message(loc, 'report.stalled')}",
        "",
    ]
    if data.stalled:
        for member in data.stalled:
            if member.last is None or member.days is None:
                when = message(loc, "report.never")
            else:
                when = message(
                    loc,
                    "report.stalled_since",
                    day=member.last.isoformat(),
                    days=plural(loc, "units.days", member.days, 0),
                )
            lines.append(f"- {_md(member.profile)}: {when}")
    else:
        lines.append(message(loc, "report.no_stalled"))
    lines += ["", f"*{message(loc, 'report.footer')}*", ""]
    return "\n".join(lines)
