"""The reports as Markdown, for a chat message, an email or a wiki page.

Text from the store is escaped so it cannot open a link, an image, raw HTML or a
table cell, and control characters are written as visible escapes.
"""

from __future__ import annotations

from typing import Final

from ssi_index._i18n import format_number, message, plural
from ssi_index._model import PILLAR_MAX, Pillar, PillarScores
from ssi_index.analytics._weekly_text import report_sections
from ssi_index.rules import Focus, texts
from ssi_index.rules._coach_text import focus_lines, pillar_short, safe_line

from ._chart import sparkline
from ._data import MILESTONES, PersonalData, TeamData

__all__ = ["personal_markdown", "team_markdown"]

_SPECIAL: Final = str.maketrans(
    {c: f"\\{c}" for c in "\\`*_[]|~>"} | {"<": "&lt;", "&": "&amp;", "\n": " ", "\r": " "}
)


def _md(text: str) -> str:
    """Escape *text* for Markdown: inert control characters, no markup of its own."""
    return safe_line(text).translate(_SPECIAL)


def _num(locale: str, value: float) -> str:
    return format_number(locale, value, 1)


def _table(head: list[str], rows: list[list[str]], numeric: set[int]) -> list[str]:
    rule = ["---:" if i in numeric else "---" for i in range(len(head))]
    lines = ["| " + " | ".join(head) + " |", "| " + " | ".join(rule) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def _pillars(
    locale: str,
    pillars: PillarScores,
    *,
    gap: bool,
    moved: dict[Pillar, float] | None = None,
) -> list[str]:
    words = texts(locale)
    head = [message(locale, "report.pillar"), message(locale, "report.points")]
    if moved is not None:
        head.append(message(locale, "report.change"))
    if gap:
        head.append(message(locale, "report.to_max"))
    rows = []
    for pillar, points in pillars.items():
        row = [_md(words.pillar(pillar)), _num(locale, points)]
        if moved is not None:
            change = moved.get(pillar)
            row.append("—" if change is None else format_number(locale, change, 1, sign=True))
        if gap:
            row.append(_num(locale, PILLAR_MAX - points))
        rows.append(row)
    return _table(head, rows, {1, 2, 3})


def _week(data: PersonalData | TeamData) -> str:
    return message(
        data.locale, "report.week", start=data.week_start.isoformat(), end=data.today.isoformat()
    )


def _focus(locale: str, focus: Focus, *, detail: bool) -> list[str]:
    out = []
    for i, action in enumerate(focus.actions, 1):
        out.append(f"{i}. **{_md(action.text)}**" if detail else f"- {_md(action.text)}")
        if detail:
            why = message(
                locale,
                "coach.focus.why",
                pillar=texts(locale).pillar(action.pillar),
                gain=plural(locale, "units.points", action.gain),
            )
            out.append(f"   - {_md(why)}")
            out.append(f"   - *{_md(message(locale, 'report.source', source=action.source))}*")
    return out


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
    week = report_sections(data.week, loc)
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
        message(loc, "report.latest_day", day=data.latest.day.isoformat()),
        "",
        f"## {message(loc, 'report.this_week')}",
        "",
        *(_md(line) for line in week["head"][2:]),
        "",
        *(f"- {_md(line)}" for line in week["changes"]),
        *(f"- {_md(line)}" for line in week["pace"]),
        "",
        f"## {message(loc, 'report.history')}",
        "",
    ]
    if data.history:
        lines += [f"{message(loc, 'report.markdown_chart')}: `{sparkline(data.history)}`", ""]
    else:
        lines += [message(loc, "report.no_history"), ""]
    moved = {m.pillar: m.delta for m in data.week.pillars if m.pillar is not None}
    lines += [
        f"## {message(loc, 'report.pillars')}",
        "",
        *_pillars(loc, score.pillars, gap=True, moved=moved),
        "",
        f"## {message(loc, 'report.milestones')}",
        "",
    ]
    ahead = [m for m in data.plan.milestones if m.week > 0][:MILESTONES]
    if ahead:
        head = [
            message(loc, "report.week_col"),
            message(loc, "report.date"),
            message(loc, "report.ssi"),
            *(_md(pillar_short(loc, p)) for p in Pillar),
        ]
        rows = [
            [
                str(m.week),
                m.date.isoformat(),
                f"**{_num(loc, m.total)}**",
                *(_num(loc, v) for v in m.pillars.values()),
            ]
            for m in ahead
        ]
        lines += [*_table(head, rows, {0, 2, 3, 4, 5, 6}), ""]
    lines += [_md(data.plan.note), "", f"## {_md(focus_lines(data.week.focus, loc)[0])}", ""]
    if data.week.focus.actions:
        lines += _focus(loc, data.week.focus, detail=True)
    else:
        lines.append(_md(data.week.focus.note or message(loc, "coach.focus.none")))
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
        f"## {message(loc, 'report.movers')}",
        "",
    ]
    if data.movers:
        for member in data.movers:
            most = member.week.moved_most
            about = "" if most is None else f" · {_md(pillar_short(loc, most))}"
            change = format_number(loc, member.moved or 0.0, 1, sign=True)
            lines.append(f"- {_md(member.profile)}: {change}{about}")
    else:
        lines.append(message(loc, "report.no_movers"))
    lines += ["", f"## {message(loc, 'report.team_focus')}", ""]
    focused = [m for m in data.members if m.week.focus.actions]
    for member in focused:
        lines.append(f"- **{_md(member.profile)}**")
        lines += [f"  {line}" for line in _focus(loc, member.week.focus, detail=False)]
    if not focused:
        lines.append(message(loc, "coach.focus.none"))
    lines += ["", f"## {message(loc, 'report.stalled')}", ""]
    if data.stalled:
        for quiet in data.stalled:
            if quiet.last is None or quiet.days is None:
                when = message(loc, "report.never")
            else:
                when = message(
                    loc,
                    "report.stalled_since",
                    day=quiet.last.isoformat(),
                    days=plural(loc, "units.days", quiet.days, 0),
                )
            lines.append(f"- {_md(quiet.profile)}: {when}")
    else:
        lines.append(message(loc, "report.no_stalled"))
    lines += ["", f"*{message(loc, 'report.footer')}*", ""]
    return "\n".join(lines)
