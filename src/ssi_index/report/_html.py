"""The reports as one self-contained HTML file: inline CSS and SVG, no script, nothing loaded.

A Content-Security-Policy of ``default-src 'none'`` is set in the page itself, so
even a browser that follows links would load nothing. Every text from the store
is escaped; names and notes sit in ``<bdi>`` so a Latin name keeps its place in a
Hebrew sentence and a Hebrew note in an English one.
"""

from __future__ import annotations

import html
from typing import Final

from ssi_index._i18n import direction, format_number, message, plural
from ssi_index._model import PILLAR_MAX, Pillar, PillarScores
from ssi_index.analytics._weekly_text import report_sections
from ssi_index.rules import Focus, texts
from ssi_index.rules._coach_text import focus_lines, pillar_short

from ._chart import BANDS, NARROW, TARGET, WIDE, history_svg
from ._data import MILESTONES, PersonalData, TeamData

__all__ = ["personal_html", "team_html"]

_CSS: Final = """
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:#f6f8fa;color:#1f2328;
font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans Hebrew",
"Helvetica Neue",Arial,sans-serif;overflow-wrap:break-word}
main{max-width:860px;margin:0 auto;padding:16px}
header{margin:0 0 12px}
h1{font-size:1.45em;line-height:1.25;margin:0 0 4px}
h2{font-size:1.1em;margin:0 0 10px}
section{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:16px;margin:0 0 14px}
p{margin:0 0 6px}
.muted{color:#57606a}
.small{font-size:.9em}
.headline{display:flex;flex-wrap:wrap;align-items:baseline;gap:4px 14px}
.total{font-size:2.8em;font-weight:700;line-height:1;color:#0a66c2}
.badge{display:inline-block;padding:1px 10px;border-radius:999px;border:1px solid #57606a;
font-size:.9em;font-weight:600}
.chart-box{max-width:700px}
.chart-box.narrow{display:none}
@media (max-width:560px){.chart-box.wide{display:none}.chart-box.narrow{display:block}}
.legend{list-style:none;padding:0;margin:8px 0;display:flex;flex-wrap:wrap;gap:4px 16px;
font-size:.9em}
.legend li{margin:0;white-space:nowrap}
.swatch{display:inline-block;width:14px;height:14px;border:1px solid #d0d7de;border-radius:3px;
vertical-align:-2px;margin-inline-end:6px}
.swatch.line{height:0;border:0;border-top:2px dashed;border-radius:0;vertical-align:4px}
svg.chart{display:block;width:100%;height:auto}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch;max-width:100%}
table{border-collapse:collapse;width:100%}
th,td{padding:6px 8px;border-bottom:1px solid #eaeef2;text-align:start;vertical-align:top}
th{font-size:.9em;color:#57606a;font-weight:600}
.num{text-align:end;font-variant-numeric:tabular-nums;white-space:nowrap}
.bar{height:8px;min-width:64px;background:#e8eef5;border-radius:4px;margin-top:7px}
.bar>span{display:block;height:100%;background:#0a66c2;border-radius:4px}
ol,ul{margin:0;padding-inline-start:1.4em}
li{margin:0 0 8px}
li li{margin:2px 0}
.moves{list-style:none;padding:0}
.moves li{margin:2px 0;padding-inline-start:1.3em;position:relative}
.move::before{position:absolute;inset-inline-start:0;font-size:.8em}
.move.up::before{content:"\\25B2";color:#1a7f37}
.move.down::before{content:"\\25BC";color:#cf222e}
.move.flat::before{content:"\\25CF";color:#8c959f}
.up{color:#1a7f37}.down{color:#cf222e}
td.day{white-space:nowrap}
bdi{unicode-bidi:isolate}
footer{font-size:.85em;color:#57606a;padding:4px 2px 24px}
table.board{min-width:560px}
.board td{white-space:nowrap}
.board th{white-space:normal;min-width:5.5em;vertical-align:bottom}
@media (max-width:480px){main{padding:8px}section{padding:12px}.total{font-size:2.3em}}
""".replace("\n", "")

_CSP: Final = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _bdi(text: str) -> str:
    return f"<bdi>{_e(text)}</bdi>"


def _t(locale: str, key: str, /, **fields: object) -> str:
    """The message *key*, escaped for HTML."""
    return _e(message(locale, key, **fields))


def _with_html(locale: str, key: str, /, **parts: str) -> str:
    """The message *key* escaped, with *parts* (already HTML) put in their fields."""
    marks = {name: f"\x00{i}\x00" for i, name in enumerate(parts)}
    text = _e(message(locale, key, **marks))
    for name, mark in marks.items():
        text = text.replace(mark, parts[name])
    return text


def _num(locale: str, value: float) -> str:
    return _e(format_number(locale, value, 1))


def _page(locale: str, title: str, body: list[str]) -> str:
    dir_ = direction(locale)
    return "".join(
        [
            "<!DOCTYPE html>\n",
            f'<html lang="{locale}" dir="{dir_}">',
            "<head>",
            '<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="generator" content="ssi-index">',
            f"<title>{_e(title)}</title>",
            f"<style>{_CSS}</style>",
            "</head>",
            f'<body><main dir="{dir_}" data-report>',
            *body,
            f"<footer>{_e(message(locale, 'report.footer'))}</footer>",
            "</main></body></html>\n",
        ]
    )


def _signed(locale: str, value: float | None) -> str:
    if value is None:
        return '<span class="muted">\u2014</span>'
    css = "up" if value > 0 else "down" if value < 0 else "flat"
    text = _e(format_number(locale, value, 1, sign=True))
    return f'<bdi class="{css}" dir="ltr">{text}</bdi>'


def _pillar_rows(
    locale: str,
    pillars: PillarScores,
    *,
    gap: bool,
    moved: dict[Pillar, float] | None = None,
) -> list[str]:
    words = texts(locale)
    rows = []
    for pillar, points in pillars.items():
        share = max(0.0, min(1.0, points / PILLAR_MAX)) * 100
        change = (
            "" if moved is None else f'<td class="num">{_signed(locale, moved.get(pillar))}</td>'
        )
        rest = change + (f'<td class="num">{_num(locale, PILLAR_MAX - points)}</td>' if gap else "")
        rows.append(
            f'<tr data-pillar="{pillar.value}"><td>{_e(words.pillar(pillar))}'
            f'<div class="bar"><span style="width:{share:.1f}%"></span></div></td>'
            f'<td class="num">{_num(locale, points)}</td>{rest}</tr>'
        )
    return rows


def _legend(data: PersonalData) -> str:
    """Name the chart's tier bands and its target line, in the report's language."""
    loc = data.locale
    words = texts(loc)
    items = []
    for i, tier in enumerate(data.scale.tiers):
        name, _ = words.tier(data.scale, tier)
        low, high = format_number(loc, tier.lower, 0), format_number(loc, tier.upper, 0)
        items.append(
            f'<li data-band="{_e(tier.name)}"><span class="swatch" '
            f'style="background:{BANDS[i % len(BANDS)]}"></span>{_e(name)} '
            f'<span class="muted" dir="ltr">{_e(low)}\u2013{_e(high)}</span></li>'
        )
    target = _t(loc, "report.chart_legend_target", target=format_number(loc, data.target, 1))
    items.append(
        f'<li><span class="swatch line" style="border-color:{TARGET}"></span>{target}</li>'
    )
    return f'<ul class="legend">{"".join(reversed(items[:-1]))}{items[-1]}</ul>'


def _week(data: PersonalData | TeamData) -> str:
    return _t(
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
    latest = _t(loc, "report.latest_day", day=data.latest.day.isoformat())
    return [
        '<section data-section="score">',
        f'<p class="muted small">{_t(loc, "report.total")}</p>',
        '<div class="headline">',
        f'<span class="total" data-total>{_num(loc, score.overall)}</span>',
        f'<span class="muted">{_t(loc, "report.of_total")}</span>',
        f'<span class="badge" title="{_e(tier_meaning)}">'
        f"{_t(loc, 'report.tier', tier=tier_label)}</span>",
        "</div>",
        f"<p>{_e(tier_meaning)}</p>",
        f'<p data-target="{data.target:g}"><strong>{_e(_aim(data))}</strong></p>',
        f'<p class="muted small">{latest}</p>',
        "</section>",
    ]


def _week_section(data: PersonalData) -> list[str]:
    loc = data.locale
    week = data.week
    parts = report_sections(week, loc)
    out = [
        '<section data-section="week">',
        f"<h2>{_t(loc, 'report.this_week')}</h2>",
        *(f'<p class="muted">{_e(line)}</p>' for line in parts["head"][2:]),
    ]
    if parts["changes"] and week.total is not None:
        directions = [week.total.direction, *(m.direction for m in week.pillars)]
        items = []
        for i, line in enumerate(parts["changes"]):
            kind = directions[i] if i < len(directions) else "note"
            items.append(f'<li class="move {kind}" data-move="{kind}">{_e(line)}</li>')
        out.append(f'<ul class="moves">{"".join(items)}</ul>')
    out += [f"<p>{_e(line)}</p>" for line in parts["pace"]]
    out.append("</section>")
    return out


def _chart_section(data: PersonalData) -> list[str]:
    loc = data.locale
    out = ['<section data-section="history">', f"<h2>{_t(loc, 'report.history')}</h2>"]
    if not data.history:
        return [*out, f'<p class="muted">{_t(loc, "report.no_history")}</p>', "</section>"]
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
        f'<p class="muted small">{_t(loc, "report.chart_gaps")}</p>',
        "</section>",
    ]


def _pillars_section(data: PersonalData) -> list[str]:
    loc = data.locale
    moved = {m.pillar: m.delta for m in data.week.pillars if m.pillar is not None}
    return [
        '<section data-section="pillars">',
        f"<h2>{_t(loc, 'report.pillars')}</h2>",
        '<div class="scroll"><table><thead><tr>',
        f"<th>{_t(loc, 'report.pillar')}</th>",
        f'<th class="num">{_t(loc, "report.points")}</th>',
        f'<th class="num">{_t(loc, "report.change")}</th>',
        f'<th class="num">{_t(loc, "report.to_max")}</th>',
        "</tr></thead><tbody>",
        *_pillar_rows(loc, data.latest.score.pillars, gap=True, moved=moved),
        "</tbody></table></div>",
        "</section>",
    ]


def _milestones_section(data: PersonalData) -> list[str]:
    loc = data.locale
    ahead = [m for m in data.plan.milestones if m.week > 0][:MILESTONES]
    out = ['<section data-section="roadmap">', f"<h2>{_t(loc, 'report.milestones')}</h2>"]
    if ahead:
        out += [
            '<div class="scroll"><table><thead><tr>',
            f'<th class="num">{_t(loc, "report.week_col")}</th>',
            f"<th>{_t(loc, 'report.date')}</th>",
            f'<th class="num">{_t(loc, "report.ssi")}</th>',
            *(f'<th class="num">{_e(pillar_short(loc, p))}</th>' for p in Pillar),
            "</tr></thead><tbody>",
        ]
        for m in ahead:
            out.append(
                f'<tr data-milestone="{m.date.isoformat()}"><td class="num">{m.week}</td>'
                f'<td class="day">{m.date.isoformat()}</td>'
                f'<td class="num"><strong>{_num(loc, m.total)}</strong></td>'
                + "".join(f'<td class="num">{_num(loc, v)}</td>' for v in m.pillars.values())
                + "</tr>"
            )
        out.append("</tbody></table></div>")
    out += [f"<p>{_e(data.plan.note)}</p>", "</section>"]
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
        source = _t(loc, "report.source", source=action.source)
        extra = (
            f'<br><span class="muted small">{_e(why)}</span>'
            f'<br><span class="muted small">{source}</span>'
            if detail
            else ""
        )
        text = f"<strong>{_e(action.text)}</strong>" if detail else _e(action.text)
        items.append(f'<li data-focus="{_e(action.kind)}">{text}{extra}</li>')
    return "".join(items)


def _focus_section(data: PersonalData) -> list[str]:
    loc = data.locale
    focus = data.week.focus
    title = focus_lines(focus, loc)[0]
    out = ['<section data-section="focus">', f"<h2>{_e(title)}</h2>"]
    if focus.actions:
        out.append(f"<ol>{_focus_items(loc, focus, detail=True)}</ol>")
    else:
        out.append(f"<p>{_e(focus.note or message(loc, 'coach.focus.none'))}</p>")
    out.append("</section>")
    return out


def _notes_section(data: PersonalData) -> list[str]:
    loc = data.locale
    out = ['<section data-section="notes">', f"<h2>{_t(loc, 'report.notes')}</h2>"]
    if not data.notes:
        return [*out, f'<p class="muted">{_t(loc, "report.no_notes")}</p>', "</section>"]
    out.append("<ul>")
    for note in data.notes:
        about = "" if note.pillar is None else f" · {_e(texts(loc).pillar(note.pillar))}"
        out.append(
            f'<li><span class="muted">{note.day.isoformat()}{about}</span><br>'
            f'<bdi dir="auto">{_e(note.text)}</bdi></li>'
        )
    return [*out, "</ul>", "</section>"]


def personal_html(data: PersonalData) -> str:
    """Lay out a personal report as a complete HTML document."""
    loc = data.locale
    body = [
        "<header>",
        f"<h1>{_with_html(loc, 'report.title_personal', profile=_bdi(data.profile))}</h1>",
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
    return _page(loc, message(loc, "report.title_personal", profile=data.profile), body)


def _movers_section(data: TeamData) -> list[str]:
    loc = data.locale
    out = ['<section data-section="movers">', f"<h2>{_t(loc, 'report.movers')}</h2>"]
    movers = data.movers
    if not movers:
        return [*out, f'<p class="muted">{_t(loc, "report.no_movers")}</p>', "</section>"]
    out.append("<ul>")
    for member in movers:
        most = member.week.moved_most
        about = (
            "" if most is None else f' <span class="muted">· {_e(pillar_short(loc, most))}</span>'
        )
        out.append(
            f'<li data-mover="{_e(member.profile)}">{_bdi(member.profile)}: '
            f"{_signed(loc, member.moved)}{about}</li>"
        )
    return [*out, "</ul>", "</section>"]


def _team_focus_section(data: TeamData) -> list[str]:
    loc = data.locale
    out = ['<section data-section="team-focus">', f"<h2>{_t(loc, 'report.team_focus')}</h2>"]
    rows = [m for m in data.members if m.week.focus.actions]
    if not rows:
        return [*out, f'<p class="muted">{_t(loc, "coach.focus.none")}</p>', "</section>"]
    out.append('<ul class="team-focus">')
    for member in rows:
        out.append(
            f'<li data-member-focus="{_e(member.profile)}"><strong>{_bdi(member.profile)}</strong>'
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
        f"<h1>{_with_html(loc, 'report.title_team', team=_bdi(data.team))}</h1>",
        f'<p class="muted">{_week(data)}</p>',
        f"<p><strong>{_e(summary)}</strong></p>",
        f'<p class="muted small">{_t(loc, "report.privacy", floor=data.floor)}</p>',
        "</header>",
        '<section data-section="leaderboard">',
        f"<h2>{_t(loc, 'report.leaderboard')}</h2>",
        '<div class="scroll"><table class="board"><thead><tr>',
        f'<th class="num">{_t(loc, "report.rank")}</th>',
        f"<th>{_t(loc, 'report.member')}</th>",
        f'<th class="num">{_t(loc, "report.ssi")}</th>',
        *(f'<th class="num">{_e(words.pillar(p))}</th>' for p in board.pillars),
        f'<th class="num">{_t(loc, "report.last_score")}</th>',
        "</tr></thead><tbody>",
    ]
    for row in data.rows:
        body.append(
            f'<tr data-profile="{_e(row.profile)}"><td class="num">{row.rank}</td>'
            f"<td>{_bdi(row.profile)}</td>"
            f'<td class="num"><strong>{_num(loc, row.overall)}</strong></td>'
            + "".join(f'<td class="num">{_num(loc, v)}</td>' for v in row.pillars.values())
            + f'<td class="num">{row.day.isoformat()}</td></tr>'
        )
    body += [
        "</tbody></table></div>",
        "</section>",
        '<section data-section="team-pillars">',
        f"<h2>{_t(loc, 'report.team_pillars')}</h2>",
        '<div class="scroll"><table><thead><tr>',
        f"<th>{_t(loc, 'report.pillar')}</th>",
        f'<th class="num">{_t(loc, "report.average")}</th>',
        "</tr></thead><tbody>",
        *_pillar_rows(loc, board.pillars, gap=False),
        "</tbody></table></div>",
        "</section>",
        *_movers_section(data),
        *_team_focus_section(data),
        '<section data-section="stalled">',
        f"<h2>{_t(loc, 'report.stalled')}</h2>",
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
                f'<li data-stalled="{_e(member.profile)}">{_bdi(member.profile)}: '
                f'<span class="muted">{_e(when)}</span></li>'
            )
        body.append("</ul>")
    else:
        body.append(f'<p class="muted">{_t(loc, "report.no_stalled")}</p>')
    body.append("</section>")
    return _page(loc, title, body)
