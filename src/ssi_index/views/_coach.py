"""Notebook HTML for the coach: the weekly report, the roadmap and this week's focus."""

from __future__ import annotations

from ssi_index._i18n import message, normalize_locale
from ssi_index._model import Pillar
from ssi_index.analytics._weekly import WeeklyReport
from ssi_index.analytics._weekly_text import report_sections
from ssi_index.rules import Focus, Roadmap
from ssi_index.rules._coach_text import focus_lines, pillar_short, roadmap_lines

from ._base import MUTED, NUM, TABLE, TD, TH, TH_END, capital, e, label, num, open_root

__all__ = ["focus_html", "roadmap_html", "weekly_html"]


def _list(items: list[str], tag: str = "ul") -> str:
    if not items:
        return ""
    body = "".join(f'<li style="margin:0.15em 0">{e(i)}</li>' for i in items)
    return f'<{tag} style="margin:0.3em 0;padding-inline-start:1.4em">{body}</{tag}>'


def _focus_body(item: Focus, loc: str) -> str:
    lines = focus_lines(item, loc)
    out = [f'<div style="font-weight:600;margin-top:0.6em">{e(lines[0])}</div>']
    if not item.actions:
        out.append(f'<div style="{MUTED}">{e(item.note or message(loc, "coach.focus.none"))}</div>')
        return "".join(out)
    out.append('<ol style="margin:0.3em 0;padding-inline-start:1.6em">')
    for action, why in zip(lines[1::2], lines[2::2], strict=False):
        text = action.strip().split(". ", 1)[-1]
        out.append(
            f'<li style="margin:0.25em 0">{e(text)}'
            f'<div style="{MUTED};font-size:12px">{e(why.strip())}</div></li>'
        )
    out.append("</ol>")
    return "".join(out)


def focus_html(item: Focus, locale: str | None = None) -> str:
    """This week's focus as HTML, in *locale* (default: the focus's own)."""
    loc = normalize_locale(locale or item.locale)
    return f"{open_root(loc, 'focus')}{_focus_body(item, loc)}</div>"


def roadmap_html(plan: Roadmap, locale: str | None = None) -> str:
    """The roadmap as an HTML table of weekly milestones, in *locale* (default: its own)."""
    loc = normalize_locale(locale or plan.locale)
    lines = roadmap_lines(plan, loc)
    head = [
        f'<th style="{TH}">{e(label(loc, "week"))}</th>',
        f'<th style="{TH}">{e(label(loc, "date"))}</th>',
        f'<th style="{TH_END}">{e(label(loc, "total"))}</th>',
    ]
    head += [f'<th style="{TH_END}">{e(capital(pillar_short(loc, p)))}</th>' for p in Pillar]
    rows = []
    for m in plan.milestones:
        cells = [
            f'<td style="{NUM}">{num(loc, m.week, 0)}</td>',
            f'<td style="{TD};white-space:nowrap"><bdi>{m.date.isoformat()}</bdi></td>',
            f'<td style="{NUM};font-weight:600">{num(loc, m.total, 1)}</td>',
        ]
        cells += [f'<td style="{NUM}">{num(loc, v, 1)}</td>' for v in m.pillars.values()]
        rows.append(f'<tr data-week="{m.week}">{"".join(cells)}</tr>')
    return (
        f"{open_root(loc, 'roadmap')}"
        f'<div style="font-weight:600">{e(lines[0])}</div>'
        f'<div style="{MUTED};font-size:12px">{e(lines[1])}</div>'
        f'<table style="{TABLE}"><thead><tr>{"".join(head)}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
        f'<div style="margin-top:0.4em">{e(lines[-1])}</div></div>'
    )


def weekly_html(report: WeeklyReport, locale: str | None = None) -> str:
    """The weekly report as HTML, in *locale* (default: the report's own)."""
    loc = normalize_locale(locale or report.locale)
    parts = report_sections(report, loc)
    head = parts["head"]
    out = [
        open_root(loc, "weekly"),
        f'<div style="font-weight:600;font-size:15px">{e(head[0])}</div>',
        *(f'<div style="{MUTED}">{e(line)}</div>' for line in head[1:]),
    ]
    if parts["changes"]:
        out.append(
            f'<div style="font-weight:600;margin-top:0.6em">'
            f"{e(message(loc, 'coach.week.changes'))}</div>"
        )
        out.append(_list(parts["changes"]))
    out.append(_list(parts["pace"]))
    out.append(_focus_body(report.focus, loc))
    out.append(
        f'<div style="font-weight:600;margin-top:0.6em">{e(message(loc, "coach.week.notes"))}</div>'
    )
    out.append(
        _list(parts["notes"])
        or f'<div style="{MUTED}">{e(message(loc, "coach.week.notes_none"))}</div>'
    )
    out.append("</div>")
    return "".join(out)
