"""HTML views for notebooks: a score card, a recommendation list and a history table.

Jupyter and other notebook front ends call ``_repr_html_`` to show a value; the
functions here build that HTML. It is self-contained (inline styles only, no
scripts, no external CSS), every text from data is escaped with
:func:`html.escape`, and text cells carry ``dir="auto"`` so Hebrew or Arabic
notes and advice keep their direction.

:class:`RecommendationList` and :class:`History` are plain lists that also know
how to show themselves; :func:`ssi_index.recommend` and the stores' ``history()``
return them.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Final

from ._errors import AnalysisError, InvalidScoreError
from ._model import PILLAR_MAX, TOTAL_MAX, Pillar, Score, register_html_view
from ._snapshot import Snapshot

if TYPE_CHECKING:
    from ._model import GroupScore
    from .rules import Recommendation

__all__ = ["History", "RecommendationList", "history_html", "recommendations_html", "score_html"]

_ROOT: Final = (
    "font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif;"
    "font-size:13px;line-height:1.45;color:#1f1f1f;max-width:46em"
)
_BLUE: Final = "#0a66c2"
_MUTED: Final = "color:#666666"
_TABLE: Final = "border-collapse:collapse;margin:0.5em 0 0 0;width:100%"
_TH: Final = (
    "text-align:left;padding:4px 8px;border-bottom:2px solid #d0d7de;font-weight:600;"
    "white-space:nowrap"
)
_TH_RIGHT: Final = _TH.replace("text-align:left", "text-align:right")
_TD: Final = "text-align:left;padding:4px 8px;border-bottom:1px solid #eaeef2;vertical-align:top"
_NUM: Final = (
    "text-align:right;padding:4px 8px;border-bottom:1px solid #eaeef2;"
    "font-variant-numeric:tabular-nums;white-space:nowrap;vertical-align:top"
)
_MISSING: Final = '<span style="color:#999999" title="not in the data">&#8212;</span>'
_KIND_COLORS: Final = {"grow": "#1a7f37", "maintain": "#0a66c2", "caution": "#b35900"}
_SHORT: Final = {
    Pillar.PROFESSIONAL_BRAND: "Brand",
    Pillar.FIND_RIGHT_PEOPLE: "People",
    Pillar.INSIGHT_ENGAGEMENT: "Insights",
    Pillar.STRONG_RELATIONSHIP: "Relationships",
}
_GROUP_NAMES: Final = {"INDUSTRY": "Industry", "NETWORK": "Network", "TEAM": "Team"}


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _points(value: float) -> str:
    """``13.4``, ``9.03``, ``25``: at most two decimals, no trailing zeros."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _signed(value: float) -> str:
    text = f"{value:+.2f}"
    return "0.00" if text in {"+0.00", "-0.00"} else text


def _bar(value: float, maximum: float, color: str = _BLUE) -> str:
    share = max(0.0, min(1.0, value / maximum)) * 100
    return (
        '<div style="background:#e8eef5;border-radius:3px;height:8px;width:9em;'
        'margin-top:5px">'
        f'<div style="background:{color};border-radius:3px;height:8px;width:{share:.1f}%">'
        "</div></div>"
    )


def _badge(text: str, color: str, title: str | None = None) -> str:
    tip = f' title="{_e(title)}"' if title else ""
    return (
        f'<span{tip} style="display:inline-block;padding:0 7px;border-radius:9px;'
        f"border:1px solid {color};color:{color};font-size:11px;font-weight:600;"
        f'line-height:17px;white-space:nowrap">{_e(text)}</span>'
    )


def _group_kind(kind: str | None) -> str:
    if kind is None:
        return _MISSING
    return _e(_GROUP_NAMES.get(kind, kind))


def _rank(group: GroupScore | None) -> str:
    if group is None or group.rank is None:
        return _MISSING
    return f"Top {group.rank}%"


def _maybe(value: float | None) -> str:
    return _MISSING if value is None else _points(value)


def score_html(score: Score) -> str:
    """Return *score* as an HTML card: total, tier, pillars with bars, comparison groups.

    Args:
        score: The score to show.

    Returns:
        A self-contained ``<div>`` (inline styles, escaped text).

    Raises:
        InvalidScoreError: *score* is not a :class:`~ssi_index.Score`.
    """
    if not isinstance(score, Score):
        raise InvalidScoreError(f"score: expected a Score, found {type(score).__name__}")
    tier = score.tier
    parts = [
        f'<div style="{_ROOT}" data-ssi="score">',
        '<div style="display:flex;align-items:baseline;gap:0.5em;flex-wrap:wrap">',
        '<span style="font-size:12px;font-weight:600;letter-spacing:0.04em;color:#666666">'
        "SSI</span>",
        f'<span data-ssi="overall" style="font-size:28px;font-weight:700;color:{_BLUE}">'
        f"{_points(score.overall)}</span>",
        f'<span style="{_MUTED}">/ {TOTAL_MAX:g}</span>',
        _badge(f"tier: {tier.name}", "#57606a", tier.meaning),
        "</div>",
        f'<div dir="auto" style="{_MUTED};margin-bottom:0.3em">{_e(tier.meaning)}</div>',
        f'<table style="{_TABLE}"><thead><tr>',
        f'<th style="{_TH}">Pillar</th>',
        f'<th style="{_TH_RIGHT}">Points</th>',
        f'<th style="{_TH}"></th>',
        "</tr></thead><tbody>",
    ]
    for pillar, value in score.pillars.items():
        parts.append(
            f'<tr data-pillar="{_e(pillar.value)}">'
            f'<td dir="auto" style="{_TD}">{_e(pillar.label)}</td>'
            f'<td style="{_NUM}">{_points(value)} <span style="{_MUTED}">/ {PILLAR_MAX:g}</span>'
            "</td>"
            f'<td style="{_TD}">{_bar(value, PILLAR_MAX)}</td>'
            "</tr>"
        )
    parts.append("</tbody></table>")
    if score.groups:
        parts += [
            f'<table style="{_TABLE};margin-top:0.8em"><thead><tr>',
            f'<th style="{_TH}">Compared with</th>',
            f'<th style="{_TH}">Name</th>',
            f'<th style="{_TH_RIGHT}">Your rank</th>',
            f'<th style="{_TH_RIGHT}">Their average</th>',
            f'<th style="{_TH_RIGHT}">People</th>',
            "</tr></thead><tbody>",
        ]
        for group in score.groups:
            name = _MISSING if group.name is None else _e(group.name)
            size = _MISSING if group.size is None else f"{group.size:,}"
            parts.append(
                "<tr>"
                f'<td dir="auto" style="{_TD}">{_group_kind(group.kind)}</td>'
                f'<td dir="auto" style="{_TD}">{name}</td>'
                f'<td style="{_NUM}">{_rank(group)}</td>'
                f'<td style="{_NUM}">{_maybe(group.average)}</td>'
                f'<td style="{_NUM}">{size}</td>'
                "</tr>"
            )
        parts.append("</tbody></table>")
    if score.active_seat is not None:
        seat = "yes" if score.active_seat else "no"
        parts.append(f'<div style="{_MUTED};margin-top:0.5em">Sales Navigator seat: {seat}</div>')
    parts.append("</div>")
    return "".join(parts)


def _recommendation(item: Any) -> str:
    from .rules import Recommendation

    if not isinstance(item, Recommendation):
        return f'<li dir="auto" style="margin:0.6em 0">{_e(item)}</li>'
    kind = item.kind.value
    color = _KIND_COLORS.get(kind, "#57606a")
    head = [_badge(kind, color), f' <strong dir="auto">{_e(item.title)}</strong>']
    if item.points is not None and item.points > 0:
        head.append(
            f' <span style="color:{color};font-weight:600;white-space:nowrap">'
            f"up to +{_points(item.points)} points</span>"
        )
    parts = [
        f'<li style="margin:0.7em 0" data-key="{_e(item.key)}">',
        f"<div>{''.join(head)}</div>",
    ]
    if item.pillar is not None:
        parts.append(
            f'<div dir="auto" style="{_MUTED};font-size:12px">{_e(item.pillar.label)}</div>'
        )
    if item.actions:
        parts.append('<ul style="margin:0.3em 0;padding-inline-start:1.4em">')
        parts += [f'<li dir="auto" style="margin:0.15em 0">{_e(a)}</li>' for a in item.actions]
        parts.append("</ul>")
    if item.why:
        parts.append(f'<div dir="auto" style="font-size:12px">{_e(item.why)}</div>')
    if item.source:
        parts.append(
            f'<div dir="auto" style="{_MUTED};font-size:11px">Source: {_e(item.source)}</div>'
        )
    parts.append("</li>")
    return "".join(parts)


def recommendations_html(recommendations: Iterable[Any]) -> str:
    """Return recommendations as an HTML numbered list.

    Each :class:`~ssi_index.Recommendation` shows its kind, title, the points it
    can add, its pillar, its actions, why, and its source. Any other item is
    shown as its escaped ``str()``.

    Args:
        recommendations: What :func:`ssi_index.recommend` returned.

    Returns:
        A self-contained ``<div>`` (inline styles, escaped text).
    """
    items = list(recommendations)
    if not items:
        return f'<div style="{_ROOT}" data-ssi="recommendations"><p>No recommendations.</p></div>'
    body = "".join(_recommendation(item) for item in items)
    return (
        f'<div style="{_ROOT}" data-ssi="recommendations">'
        f'<ol style="margin:0;padding-inline-start:1.8em">{body}</ol></div>'
    )


def _checked(snapshots: Iterable[Snapshot]) -> list[Snapshot]:
    items = list(snapshots)
    for i, item in enumerate(items):
        if not isinstance(item, Snapshot):
            raise AnalysisError(f"snapshots[{i}]: expected a Snapshot, found {type(item).__name__}")
    return sorted(items, key=lambda s: (s.profile, s.day))


def _group_cell(group: GroupScore | None) -> str:
    if group is None or (group.rank is None and group.average is None):
        return _MISSING
    rank = _rank(group)
    average = (
        ""
        if group.average is None
        else f' <span style="{_MUTED}">avg {_points(group.average)}</span>'
    )
    return f"{rank}{average}"


def history_html(snapshots: Iterable[Snapshot]) -> str:
    """Return snapshots as an HTML table, one row a day, oldest first.

    Columns: day, total, change since the previous snapshot (with the days it
    spans when more than one), the four pillars, industry and network rank and
    average, and the snapshot's source. Days without a snapshot show as a gap
    row, never as zeros. Several profiles get a profile column.

    Args:
        snapshots: Snapshots in any order, e.g. ``store.history("me")``.

    Returns:
        A self-contained ``<div>`` (inline styles, escaped text), scrollable
        when long.

    Raises:
        AnalysisError: an item is not a :class:`~ssi_index.Snapshot`.
    """
    items = _checked(snapshots)
    if not items:
        return f'<div style="{_ROOT}" data-ssi="history"><p>No snapshots.</p></div>'
    profiles = sorted({s.profile for s in items})
    several = len(profiles) > 1
    who = f"{len(profiles)} profiles" if several else _e(profiles[0])
    first = min(s.day for s in items).isoformat()
    last = max(s.day for s in items).isoformat()
    count = f"{len(items)} snapshot{'s' if len(items) != 1 else ''}"
    head = [f'<th style="{_TH}">Profile</th>'] if several else []
    head += [
        f'<th style="{_TH}">Day</th>',
        f'<th style="{_TH_RIGHT}">Total</th>',
        f'<th style="{_TH_RIGHT}">Change</th>',
    ]
    head += [f'<th style="{_TH_RIGHT}" title="{_e(p.label)}">{_SHORT[p]}</th>' for p in Pillar]
    head += [
        f'<th style="{_TH}">Industry</th>',
        f'<th style="{_TH}">Network</th>',
        f'<th style="{_TH}">Source</th>',
    ]
    columns = len(head)
    rows: list[str] = []
    previous: Snapshot | None = None
    for snap in items:
        if previous is not None and previous.profile != snap.profile:
            previous = None
        change = _MISSING
        if previous is not None:
            days = (snap.day - previous.day).days
            if days > 1:
                rows.append(
                    f'<tr data-gap="{days - 1}"><td colspan="{columns}" style="{_TD};'
                    'color:#8c959f;font-style:italic;text-align:center">'
                    f"{days - 1} day{'s' if days > 2 else ''} without a snapshot</td></tr>"
                )
            spans = f' <span style="{_MUTED}">({days} d)</span>' if days > 1 else ""
            change = _signed(snap.score.overall - previous.score.overall) + spans
        cells = [f'<td dir="auto" style="{_TD}">{_e(snap.profile)}</td>'] if several else []
        cells += [
            f'<td style="{_TD};white-space:nowrap">{snap.day.isoformat()}</td>',
            f'<td style="{_NUM};font-weight:600">{snap.score.overall:.2f}</td>',
            f'<td style="{_NUM}">{change}</td>',
        ]
        cells += [f'<td style="{_NUM}">{v:.2f}</td>' for v in snap.score.pillars.values()]
        source = _MISSING if snap.source is None else _e(snap.source)
        cells += [
            f'<td style="{_TD};white-space:nowrap">{_group_cell(snap.score.industry)}</td>',
            f'<td style="{_TD};white-space:nowrap">{_group_cell(snap.score.network)}</td>',
            f'<td dir="auto" style="{_TD}">{source}</td>',
        ]
        rows.append(f'<tr data-day="{snap.day.isoformat()}">{"".join(cells)}</tr>')
        previous = snap
    return (
        f'<div style="{_ROOT};max-width:none" data-ssi="history">'
        f'<div dir="auto" style="font-weight:600">History of {who}'
        f' <span style="{_MUTED};font-weight:400">{count}, {first} to {last}</span></div>'
        '<div style="max-height:28em;overflow:auto">'
        f'<table style="{_TABLE}"><thead><tr>{"".join(head)}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div></div>"
    )


class RecommendationList(list["Recommendation"]):
    """The list :func:`ssi_index.recommend` returns: a plain list that renders as HTML.

    It behaves exactly like a ``list`` of :class:`~ssi_index.Recommendation`;
    in Jupyter it shows as a numbered list with each item's kind, title,
    points, actions, reason and source.

    Example:
        >>> recs = RecommendationList([])
        >>> recs == [], "No recommendations" in recs._repr_html_()
        (True, True)
    """

    def _repr_html_(self) -> str:
        return recommendations_html(self)


class History(list[Snapshot]):
    """A list of :class:`~ssi_index.Snapshot` that renders as an HTML table.

    The stores' ``history()`` returns one. It behaves exactly like a ``list``;
    in Jupyter it shows one row a day with the total, the change since the
    previous snapshot, the pillars, the ranks and gap rows for missing days.

    Example:
        >>> History([])._repr_html_().count("No snapshots")
        1
    """

    def _repr_html_(self) -> str:
        return history_html(self)


register_html_view("score", score_html)
