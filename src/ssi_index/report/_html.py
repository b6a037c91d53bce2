"""The reports' sections as HTML: the personal report and the team (cohort) report."""

from __future__ import annotations

from ssi_index._i18n import format_number, message, plural
from ssi_index._model import Pillar
from ssi_index.analytics._weekly_text import report_sections
from ssi_index.rules import Focus, texts
from ssi_index.rules._coach_text import focus_lines, pillar_short

from ._chart import BANDS, NARROW, TARGET, WIDE, history_svg
from ._data import MILESTONES, PersonalData, TeamData
from ._page import bdi, e, num, page, pillar_rows, signed, t, with_html

__all__ = ["personal_html", "team_html"]


def _legend(data: PersonalData) -> str:
    """Name the chart's tier bands and its target line, in the report's language."""
    loc = data.locale
    words = texts(loc)
    items = []
    for i, tier in enumerate(data.scale.tiers):
        name, _ = words.tier(data.scale, tier)
        low, high = format_number(loc, tier.lower, 0), format_number(loc, tier.upper, 0)
        items.append(
            f'<li data-band="{e(tier.name)}"><span class="swatch" '
            f'style="background:{BANDS[i % len(BANDS)]}"></span>{e(name)} '
            f'<span class="muted" dir="ltr">{e(low)}\u2013{e(high)}</span></li>'
        )
    target = t(loc, "report.chart_legend_target", target=format_number(loc, data.target, 1))
    items.append(
        f'<li><span class="swatch line" style="border-color:{TARGET}"></span>{target}</li>'
    )
    return f'<ul class="legend">{"".join(reversed(items[:-1]))}{items[-1]}</ul>'


def _week(data: PersonalData | TeamData) -> str:
    return t(
        data.locale,
        "report.week",
        start=data.week_start.isoformat(),
        end=data.today.isoformat(),
    )


def _aim(data: PersonalData) -> str:
    loc = data.locale
    missing = data.target - data.latest.score.overall
    target = format_number(loc, data.target, 1)
    if missing > 0:
        points = plural(loc, "units.points", missing)
        return message(loc, "report.target_gap", points=points, target=target)
    return message(loc, "report.target_reached", target=target)


def _score_section(data: PersonalData) -> list[str]:
    loc = data.locale
    score = data.latest.score
    tier_label, tier_meaning = texts(loc).tier(data.scale, data.scale.classify(score.overall))
    latest = t(loc, "report.latest_day", day=data.latest.day.isoformat())
    return [
        '<section data-section="score">',
        f'<p class="muted small">{t(loc, "report.total")}</p>',
        '<div class="headline">',
        f'<span class="total" data-total>{num(loc, score.overall)}</span>',
        f'<span class="muted">{t(loc, "report.of_total")}</span>',
        f'<span class="badge" title="{e(tier_meaning)}">'
        f"{t(loc, 'report.tier', tier=tier_label)}</span>",
        "</div>",
        f"<p>{e(tier_meaning)}</p>",
        f'<p data-target="{data.target:g}"><strong>{e(_aim(data))}</strong></p>',
        f'<p class="muted small">{latest}</p>',
        "</section>",
    ]


def _week_section(data: PersonalData) -> list[str]:
    loc = data.locale
    week = data.week
    parts = report_sections(week, loc)
    out = [
        '<section data-section="week">',
        f"<h2>{t(loc, 'report.this_week')}</h2>",
        *(f'<p class="muted">{e(line)}</p>' for line in parts["head"][2:]),
    ]
    if parts["changes"] and week.total is not None:
        directions = [week.total.direction, *(m.direction for m in week.pillars)]
        items = []
        for i, line in enumerate(parts["changes"]):
            kind = directions[i] if i < len(directions) else "note"
            items.append(f'<li class="move {kind}" data-move="{kind}">{e(line)}</li>')
        out.append(f'<ul class="moves">{"".join(items)}</ul>')
    out += [f"<p>{e(line)}</p>" for line in parts["pace"]]
    out.append("</section>")
    return out


def _chart_section(data: PersonalData) -> list[str]:
    loc = data.locale
    out = ['<section data-section="history">', f"<h2>{t(loc, 'report.history')}</h2>"]
    if not data.history:
        return [*out, f'<p class="muted">{t(loc, "report.no_history")}</p>', "</section>"]
    start = data.history[0].day
    label = message(
        loc,
        "report.chart_label",
        start=start.isoformat(),
        end=data.today.isoformat(),
        target=format_number(loc, data.target, 1),
    )
    charts = [
        history_svg(
            data.history,
            scale=data.scale,
            target=data.target,
            locale=loc,
            start=start,
            end=data.today,
            label=label,
            size=size,
        )
        for size in (WIDE, NARROW)
    ]
    return [
        *out,
        f'<div class="chart-box wide">{charts[0]}</div>',
        f'<div class="chart-box narrow">{charts[1]}</div>',
        _legend(data),
        f'<p class="muted small">{t(loc, "report.chart_gaps")}</p>',
        "</section>",
    ]


def _pillars_section(data: PersonalData) -> list[str]:
    loc = data.locale
    moved = {m.pillar: m.delta for m in data.week.pillars if m.pillar is not None}
    return [
        '<section data-section="pillars">',
        f"<h2>{t(loc, 'report.pillars')}</h2>",
        '<div class="scroll"><table><thead><tr>',
        f"<th>{t(loc, 'report.pillar')}</th>",
        f'<th class="num">{t(loc, "report.points")}</th>',
        f'<th class="num">{t(loc, "report.change")}</th>',
        f'<th class="num">{t(loc, "report.to_max")}</th>',
        "</tr></thead><tbody>",
        *pillar_rows(loc, data.latest.score.pillars, gap=True, moved=moved),
        "</tbody></table></div>",
        "</section>",
    ]


def _milestones_section(data: PersonalData) -> list[str]:
    loc = data.locale
    ahead = [m for m in data.plan.milestones if m.week > 0][:MILESTONES]
    out = ['<section data-section="roadmap">', f"<h2>{t(loc, 'report.milestones')}</h2>"]
    if ahead:
        out += [
            '<div class="scroll"><table><thead><tr>',
            f'<th class="num">{t(loc, "report.week_col")}</th>',
            f"<th>{t(loc, 'report.date')}</th>",
            f'<th class="num">{t(loc, "report.ssi")}</th>',
            *(f'<th class="num">{e(pillar_short(loc, p))}</th>' for p in Pillar),
            "</tr></thead><tbody>",
        ]
        for m in ahead:
            out.append(
                f'<tr data-milestone="{m.date.isoformat()}"><td class="num">{m.week}</td>'
                f'<td class="day">{m.date.isoformat()}</td>'
                f'<td class="num"><strong>{num(loc, m.total)}</strong></td>'
                + "".join(f'<td class="num">{num(loc, v)}</td>' for v in m.pillars.values())
                + "</tr>"
            )
        out.append("</tbody></table></div>")
    out += [f"<p>{e(data.plan.note)}</p>", "</section>"]
    return out


def _focus_items(loc: str, focus: Focus, *, detail: bool) -> str:
    items = []
    for action in focus.actions:
        why = message(
            loc,
            "coach.focus.why",
            pillar=texts(loc).pillar(action.pillar),
            gain=plural(loc, "units.points", action.gain),
        )
        source = t(loc, "report.source", source=action.source)
        extra = (
            f'<br><span class="muted small">{e(why)}</span>'
            f'<br><span class="muted small">{source}</span>'
            if detail
            else ""
        )
        text = f"<strong>{e(action.text)}</strong>" if detail else e(action.text)
        items.append(f'<li data-focus="{e(action.kind)}">{text}{extra}</li>')
    return "".join(items)


def _focus_section(data: PersonalData) -> list[str]:
    loc = data.locale
    focus = data.week.focus
    title = focus_lines(focus, loc)[0]
    out = ['<section data-section="focus">', f"<h2>{e(title)}</h2>"]
    if focus.actions:
        out.append(f"<ol>{_focus_items(loc, focus, detail=True)}</ol>")
    else:
        out.append(f"<p>{e(focus.note or message(loc, 'coach.focus.none'))}</p>")
    out.append("</section>")
    return out


def _notes_section(data: PersonalData) -> list[str]:
    loc = data.locale
    out = ['<section data-section="notes">', f"<h2>{t(loc, 'report.notes')}</h2>"]
    if not data.notes:
        return [*out, f'<p class="muted">{t(loc, "report.no_notes")}</p>', "</section>"]
    out.append("<ul>")
    for note in data.notes:
        about = "" if note.pillar is None else f" · {e(texts(loc).pillar(note.pillar))}"
        out.append(
            f'<li><span class="muted">{note.day.isoformat()}{about}</span><br>'
            f'<bdi dir="auto">{e(note.text)}</bdi></li>'
        )
    return [*out, "</ul>", "</section>"]


def personal_html(data: PersonalData) -> str:
    """Lay out a personal report as a complete HTML document."""
    loc = data.locale
    body = [
        "<header>",
        f"<h1>{with_html(loc, 'report.title_personal', profile=bdi(data.profile))}</h1>",
        f'<p class="muted">{_week(data)}</p>',
        "</header>",
        *_score_section(data),
        *_week_section(data),
        *_chart_section(data),
        *_pillars_section(data),
        *_milestones_section(data),
        *_focus_section(data),
        *_notes_section(data),
    ]
    return page(loc, message(loc, "report.title_personal", profile=data.profile), body)


def _movers_section(data: TeamData) -> list[str]:
    loc = data.locale
    out = ['<section data-section="movers">', f"<h2>{t(loc, 'report.movers')}</h2>"]
    movers = data.movers
    if not movers:
        return [*out, f'<p class="muted">{t(loc, "report.no_movers")}</p>', "</section>"]
    out.append("<ul>")
    for member in movers:
        most = member.week.moved_most
        about = (
            "" if most is None else f' <span class="muted">· {e(pillar_short(loc, most))}</span>'
        )
        out.append(
            f'<li data-mover="{e(member.profile)}">{bdi(member.profile)}: '
            f"{signed(loc, member.moved)}{about}</li>"
        )
    return [*out, "</ul>", "</section>"]


def _team_focus_section(data: TeamData) -> list[str]:
    loc = data.locale
    out = ['<section data-section="team-focus">', f"<h2>{t(loc, 'report.team_focus')}</h2>"]
    rows = [m for m in data.members if m.week.focus.actions]
    if not rows:
        return [*out, f'<p class="muted">{t(loc, "coach.focus.none")}</p>', "</section>"]
    out.append('<ul class="team-focus">')
    for member in rows:
        out.append(
            f'<li data-member-focus="{e(member.profile)}"><strong>{bdi(member.profile)}</strong>'
            f"<ul>{_focus_items(loc, member.week.focus, detail=False)}</ul></li>"
        )
    return [*out, "</ul>", "</section>"]


def team_html(data: TeamData) -> str:
    """Lay out a team or cohort report as a complete HTML document."""
    loc = data.locale
    words = texts(loc)
    board = data.board
    title = message(loc, "report.title_team", team=data.team)
    summary = message(
        loc,
        "report.team_summary",
        count=plural(loc, "report.members", board.size),
        average=format_number(loc, board.average, 1),
    )
    body = [
        "<header>",
        f"<h1>{with_html(loc, 'report.title_team', team=bdi(data.team))}</h1>",
        f'<p class="muted">{_week(data)}</p>',
        f"<p><strong>{e(summary)}</strong></p>",
        f'<p class="muted small">{t(loc, "report.privacy", floor=data.floor)}</p>',
        "</header>",
        '<section data-section="leaderboard">',
        f"<h2>{t(loc, 'report.leaderboard')}</h2>",
        '<div class="scroll"><table class="board"><thead><tr>',
        f'<th class="num">{t(loc, "report.rank")}</th>',
        f"<th>{t(loc, 'report.member')}</th>",
        f'<th class="num">{t(loc, "report.ssi")}</th>',
        *(f'<th class="num">{e(words.pillar(p))}</th>' for p in board.pillars),
        f'<th class="num">{t(loc, "report.last_score")}</th>',
        "</tr></thead><tbody>",
    ]
    for row in data.rows:
        body.append(
            f'<tr data-profile="{e(row.profile)}"><td class="num">{row.rank}</td>'
            f"<td>{bdi(row.profile)}</td>"
            f'<td class="num"><strong>{num(loc, row.overall)}</strong></td>'
            + "".join(f'<td class="num">{num(loc, v)}</td>' for v in row.pillars.values())
            + f'<td class="num">{row.day.isoformat()}</td></tr>'
        )
    body += [
        "</tbody></table></div>",
        "</section>",
        '<section data-section="team-pillars">',
        f"<h2>{t(loc, 'report.team_pillars')}</h2>",
        '<div class="scroll"><table><thead><tr>',
        f"<th>{t(loc, 'report.pillar')}</th>",
        f'<th class="num">{t(loc, "report.average")}</th>',
        "</tr></thead><tbody>",
        *pillar_rows(loc, board.pillars, gap=False),
        "</tbody></table></div>",
        "</section>",
        *_movers_section(data),
        *_team_focus_section(data),
        '<section data-section="stalled">',
        f"<h2>{t(loc, 'report.stalled')}</h2>",
    ]
    if data.stalled:
        body.append("<ul>")
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
            body.append(
                f'<li data-stalled="{e(member.profile)}">{bdi(member.profile)}: '
                f'<span class="muted">{e(when)}</span></li>'
            )
        body.append("</ul>")
    else:
        body.append(f'<p class="muted">{t(loc, "report.no_stalled")}</p>')
    body.append("</section>")
    return page(loc, title, body)
