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
from ssi_index._model import PILLAR_MAX, PillarScores
from ssi_index.rules import texts

from ._chart import BANDS, NARROW, TARGET, WIDE, history_svg
from ._data import PersonalData, TeamData

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


def _pillar_rows(locale: str, pillars: PillarScores, *, gap: bool) -> list[str]:
    words = texts(locale)
    rows = []
    for pillar, points in pillars.items():
        share = max(0.0, min(1.0, points / PILLAR_MAX)) * 100
        rest = f'<td class="num">{_num(locale, PILLAR_MAX - points)}</td>' if gap else ""
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


def personal_html(data: PersonalData) -> str:
    """Lay out a personal report as a complete HTML document."""
    loc = data.locale
    words = texts(loc)
    score = data.latest.score
    tier = data.scale.classify(score.overall)
    tier_label, tier_meaning = words.tier(data.scale, tier)
    title = message(loc, "report.title_personal", profile=data.profile)
    missing = data.target - score.overall
    if missing > 0:
        aim = message(
            loc,
            "report.target_gap",
            points=plural(loc, "units.points", missing),
            target=format_number(loc, data.target, 1),
        )
    else:
        aim = message(loc, "report.target_reached", target=format_number(loc, data.target, 1))
    streak = message(
        loc,
        "report.streak",
        weeks=data.streak.weeks,
        longest=data.streak.longest,
    )
    week = _week(data)
    latest = _t(loc, "report.latest_day", day=data.latest.day.isoformat())
    badge = _t(loc, "report.tier", tier=tier_label)
    body = [
        "<header>",
        f"<h1>{_with_html(loc, 'report.title_personal', profile=_bdi(data.profile))}</h1>",
        f'<p class="muted">{week}</p>',
        "</header>",
        '<section data-section="score">',
        f'<p class="muted small">{_t(loc, "report.total")}</p>',
        '<div class="headline">',
        f'<span class="total" data-total>{_num(loc, score.overall)}</span>',
        f'<span class="muted">{_t(loc, "report.of_total")}</span>',
        f'<span class="badge" title="{_e(tier_meaning)}">{badge}</span>',
        "</div>",
        f"<p>{_e(tier_meaning)}</p>",
        f'<p data-target="{data.target:g}"><strong>{_e(aim)}</strong></p>',
        f'<p class="muted small">{latest} · {_e(streak)}</p>',
        "</section>",
        '<section data-section="history">',
        f"<h2>{_t(loc, 'report.history')}</h2>",
    ]
    if data.history:
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
        body += [
            f'<div class="chart-box wide">{charts[0]}</div>',
            f'<div class="chart-box narrow">{charts[1]}</div>',
            _legend(data),
            f'<p class="muted small">{_t(loc, "report.chart_gaps")}</p>',
        ]
    else:
        body.append(f'<p class="muted">{_t(loc, "report.no_history")}</p>')
    body += [
        "</section>",
        '<section data-section="pillars">',
        f"<h2>{_t(loc, 'report.pillars')}</h2>",
        '<div class="scroll"><table><thead><tr>',
        f"<th>{_t(loc, 'report.pillar')}</th>",
        f'<th class="num">{_t(loc, "report.points")}</th>',
        f'<th class="num">{_t(loc, "report.to_max")}</th>',
        "</tr></thead><tbody>",
        *_pillar_rows(loc, score.pillars, gap=True),
        "</tbody></table></div>",
        "</section>",
    ]
    if data.advice:
        body += [
            '<section data-section="advice">',
            f"<h2>{_t(loc, 'report.advice')}</h2>",
            "<ol>",
        ]
        for rec in data.advice:
            actions = "".join(f"<li>{_e(a)}</li>" for a in rec.actions[:3])
            source = (
                f'<p class="muted small">{_t(loc, "report.source", source=rec.source)}</p>'
                if rec.source
                else ""
            )
            body.append(
                f'<li data-key="{_e(rec.key)}"><strong>{_e(rec.title)}</strong>'
                f"{f'<ul>{actions}</ul>' if actions else ''}{source}</li>"
            )
        body += ["</ol>", "</section>"]
    body += ['<section data-section="notes">', f"<h2>{_t(loc, 'report.notes')}</h2>"]
    if data.notes:
        body.append("<ul>")
        for note in data.notes:
            about = "" if note.pillar is None else f" · {_e(words.pillar(note.pillar))}"
            body.append(
                f'<li><span class="muted">{note.day.isoformat()}{about}</span><br>'
                f'<bdi dir="auto">{_e(note.text)}</bdi></li>'
            )
        body.append("</ul>")
    else:
        body.append(f'<p class="muted">{_t(loc, "report.no_notes")}</p>')
    body.append("</section>")
    return _page(loc, title, body)


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
