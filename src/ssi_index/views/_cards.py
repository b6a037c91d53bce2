"""Notebook HTML for scores, recommendations and history, in the user's language.

Self-contained (inline styles only, no scripts, no external CSS); every text from data is
escaped; the container carries ``lang`` and ``dir`` (``rtl`` for Hebrew) and Latin runs,
numbers and user text sit in ``<bdi>`` so they never reorder the line around them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Final

from ssi_index._errors import AnalysisError, InvalidScoreError
from ssi_index._i18n import format_number, normalize_locale, plural
from ssi_index._model import PILLAR_MAX, TOTAL_MAX, Pillar, Score
from ssi_index._snapshot import Snapshot
from ssi_index._tiers import DEFAULT_SCALE
from ssi_index.rules import Recommendation
from ssi_index.rules._catalog import texts
from ssi_index.rules._coach_text import pillar_short

from ._base import (
    MUTED,
    NUM,
    TABLE,
    TD,
    TH,
    TH_END,
    badge,
    bar,
    capital,
    e,
    iso,
    label,
    num,
    open_root,
)

if TYPE_CHECKING:
    from ssi_index._model import GroupScore

__all__ = ["history_html", "recommendations_html", "score_html"]

_KIND_COLORS: Final = {"grow": "#1a7f37", "maintain": "#0a66c2", "caution": "#b35900"}


def _missing(locale: str) -> str:
    return f'<span style="color:#999999" title="{e(label(locale, "missing"))}">&#8212;</span>'


def _group_kind(locale: str, kind: str | None) -> str:
    if kind is None:
        return _missing(locale)
    if kind in ("INDUSTRY", "NETWORK", "TEAM"):
        return e(label(locale, f"group.{kind}"))
    return iso(kind)


def _rank(locale: str, group: GroupScore | None) -> str:
    if group is None or group.rank is None:
        return _missing(locale)
    return e(label(locale, "top", rank=format_number(locale, group.rank)))


def score_html(score: Score, locale: str = "en") -> str:
    """Return *score* as an HTML card: total, tier, pillars with bars, comparison groups.

    Args:
        score: The score to show.
        locale: ``"en"``, ``"he"`` (right to left) or ``"ru"``.

    Returns:
        A self-contained ``<div>`` (inline styles, escaped text).

    Raises:
        InvalidScoreError: *score* is not a :class:`~ssi_index.Score`.
        UnknownLocaleError: no texts for *locale*.
    """
    if not isinstance(score, Score):
        raise InvalidScoreError(f"score: expected a Score, found {type(score).__name__}")
    loc = normalize_locale(locale)
    t = texts(loc)
    tier_name, meaning = t.tier(DEFAULT_SCALE, score.tier)
    parts = [
        open_root(loc, "score"),
        '<div style="display:flex;align-items:baseline;gap:0.5em;flex-wrap:wrap">',
        '<span style="font-size:12px;font-weight:600;letter-spacing:0.04em;color:#666666">'
        "<bdi>SSI</bdi></span>",
        f'<span data-ssi="overall" style="font-size:28px;font-weight:700;color:#0a66c2">'
        f"{num(loc, score.overall)}</span>",
        f'<span style="{MUTED}">/ {num(loc, TOTAL_MAX)}</span>',
        badge(label(loc, "tier", tier=tier_name), "#57606a", meaning),
        "</div>",
        f'<div style="{MUTED};margin-bottom:0.3em">{e(meaning)}</div>',
        f'<table style="{TABLE}"><thead><tr>',
        f'<th style="{TH}">{e(label(loc, "pillar"))}</th>',
        f'<th style="{TH_END}">{e(label(loc, "points"))}</th>',
        f'<th style="{TH}"></th>',
        "</tr></thead><tbody>",
    ]
    for pillar, value in score.pillars.items():
        parts.append(
            f'<tr data-pillar="{e(pillar.value)}">'
            f'<td style="{TD}">{e(t.pillar(pillar))}</td>'
            f'<td style="{NUM}">{num(loc, value)} <span style="{MUTED}">/ '
            f"{num(loc, PILLAR_MAX)}</span></td>"
            f'<td style="{TD}">{bar(value, PILLAR_MAX)}</td>'
            "</tr>"
        )
    parts.append("</tbody></table>")
    if score.groups:
        parts += [
            f'<table style="{TABLE};margin-top:0.8em"><thead><tr>',
            f'<th style="{TH}">{e(label(loc, "compared_with"))}</th>',
            f'<th style="{TH}">{e(label(loc, "name"))}</th>',
            f'<th style="{TH_END}">{e(label(loc, "your_rank"))}</th>',
            f'<th style="{TH_END}">{e(label(loc, "their_average"))}</th>',
            f'<th style="{TH_END}">{e(label(loc, "people"))}</th>',
            "</tr></thead><tbody>",
        ]
        for group in score.groups:
            name = _missing(loc) if group.name is None else iso(group.name)
            size = _missing(loc) if group.size is None else num(loc, group.size, 0)
            average = _missing(loc) if group.average is None else num(loc, group.average)
            parts.append(
                "<tr>"
                f'<td style="{TD}">{_group_kind(loc, group.kind)}</td>'
                f'<td style="{TD}">{name}</td>'
                f'<td style="{NUM}">{_rank(loc, group)}</td>'
                f'<td style="{NUM}">{average}</td>'
                f'<td style="{NUM}">{size}</td>'
                "</tr>"
            )
        parts.append("</tbody></table>")
    if score.active_seat is not None:
        answer = label(loc, "yes" if score.active_seat else "no")
        seat = e(label(loc, "seat", answer=answer)).replace(
            "Sales Navigator", "<bdi>Sales Navigator</bdi>"
        )
        parts.append(f'<div style="{MUTED};margin-top:0.5em">{seat}</div>')
    parts.append("</div>")
    return "".join(parts)


def _recommendation(item: Any, loc: str) -> str:
    if not isinstance(item, Recommendation):
        return f'<li style="margin:0.6em 0"><bdi>{e(item)}</bdi></li>'
    kind = item.kind.value
    color = _KIND_COLORS.get(kind, "#57606a")
    head = [badge(label(loc, f"kind.{kind}"), color), f" <strong>{e(item.title)}</strong>"]
    if item.points is not None and item.points > 0:
        head.append(
            f' <span style="color:{color};font-weight:600;white-space:nowrap">'
            f"{e(label(loc, 'up_to', points=plural(loc, 'units.points', item.points)))}</span>"
        )
    parts = [f'<li style="margin:0.7em 0" data-key="{e(item.key)}">', f"<div>{''.join(head)}</div>"]
    if item.pillar is not None:
        name = texts(loc).pillar(item.pillar)
        parts.append(f'<div style="{MUTED};font-size:12px">{e(name)}</div>')
    if item.actions:
        parts.append('<ul style="margin:0.3em 0;padding-inline-start:1.4em">')
        parts += [f'<li style="margin:0.15em 0">{e(a)}</li>' for a in item.actions]
        parts.append("</ul>")
    if item.why:
        parts.append(f'<div style="font-size:12px">{e(label(loc, "why", text=item.why))}</div>')
    if item.rank_reason:
        parts.append(
            f'<div style="{MUTED};font-size:11px">'
            f"{e(label(loc, 'rank', text=item.rank_reason))}</div>"
        )
    if item.source:
        parts.append(
            f'<div style="{MUTED};font-size:11px">{e(label(loc, "source", text=""))}'
            f"<bdi>{e(item.source)}</bdi></div>"
        )
    parts.append("</li>")
    return "".join(parts)


def recommendations_html(recommendations: Iterable[Any], locale: str | None = None) -> str:
    """Return recommendations as an HTML numbered list, labels in the user's language.

    Each :class:`~ssi_index.Recommendation` shows its kind, title, the points it can add,
    its pillar, actions, why, the reason for its place and its source. Any other item is
    shown as its escaped ``str()``.

    Args:
        recommendations: What :func:`ssi_index.recommend` returned.
        locale: The labels' language; default: the list's own (``recommend(locale=...)``),
            else ``"en"``.

    Returns:
        A self-contained ``<div>`` (inline styles, escaped text).
    """
    loc = normalize_locale(locale or str(getattr(recommendations, "locale", "en")))
    items = list(recommendations)
    if not items:
        return (
            f"{open_root(loc, 'recommendations')}<p>{e(label(loc, 'no_recommendations'))}</p></div>"
        )
    body = "".join(_recommendation(item, loc) for item in items)
    return (
        f"{open_root(loc, 'recommendations')}"
        f'<div style="font-weight:600">{e(label(loc, "what_next"))}</div>'
        f'<ol style="margin:0;padding-inline-start:1.8em">{body}</ol></div>'
    )


def _checked(snapshots: Iterable[Snapshot]) -> list[Snapshot]:
    items = list(snapshots)
    for i, item in enumerate(items):
        if not isinstance(item, Snapshot):
            raise AnalysisError(f"snapshots[{i}]: expected a Snapshot, found {type(item).__name__}")
    return sorted(items, key=lambda s: (s.profile, s.day))


def _group_cell(loc: str, group: GroupScore | None) -> str:
    if group is None or (group.rank is None and group.average is None):
        return _missing(loc)
    rank = _rank(loc, group)
    average = (
        ""
        if group.average is None
        else f' <span style="{MUTED}">'
        f"{e(label(loc, 'average', average=format_number(loc, group.average, 2)))}</span>"
    )
    return f"{rank}{average}"


def history_html(snapshots: Iterable[Snapshot], locale: str = "en") -> str:
    """Return snapshots as an HTML table, one row a day, oldest first.

    Columns: day, total, change since the previous snapshot (with the days it spans when
    more than one), the four pillars, industry and network rank and average, and the
    snapshot's source. Days without a snapshot show as a gap row, never as zeros. Several
    profiles get a profile column.

    Args:
        snapshots: Snapshots in any order, e.g. ``store.history("me")``.
        locale: ``"en"``, ``"he"`` (right to left) or ``"ru"``.

    Returns:
        A self-contained ``<div>`` (inline styles, escaped text), scrollable when long.

    Raises:
        AnalysisError: an item is not a :class:`~ssi_index.Snapshot`.
    """
    loc = normalize_locale(locale)
    items = _checked(snapshots)
    if not items:
        return f"{open_root(loc, 'history', wide=True)}<p>{e(label(loc, 'no_snapshots'))}</p></div>"
    t = texts(loc)
    profiles = sorted({s.profile for s in items})
    several = len(profiles) > 1
    who = e(plural(loc, "views.profiles", len(profiles), 0)) if several else iso(profiles[0])
    first = min(s.day for s in items).isoformat()
    last = max(s.day for s in items).isoformat()
    count = plural(loc, "views.snapshots", len(items), 0)
    head = [f'<th style="{TH}">{e(label(loc, "profile"))}</th>'] if several else []
    head += [
        f'<th style="{TH}">{e(label(loc, "day"))}</th>',
        f'<th style="{TH_END}">{e(label(loc, "total"))}</th>',
        f'<th style="{TH_END}">{e(label(loc, "change"))}</th>',
    ]
    head += [
        f'<th style="{TH_END}" title="{e(t.pillar(p))}">{e(capital(pillar_short(loc, p)))}</th>'
        for p in Pillar
    ]
    head += [
        f'<th style="{TH}">{e(label(loc, "industry"))}</th>',
        f'<th style="{TH}">{e(label(loc, "network"))}</th>',
        f'<th style="{TH}">{e(label(loc, "snapshot_source"))}</th>',
    ]
    columns = len(head)
    rows: list[str] = []
    previous: Snapshot | None = None
    for snap in items:
        if previous is not None and previous.profile != snap.profile:
            previous = None
        change = _missing(loc)
        if previous is not None:
            days = (snap.day - previous.day).days
            if days > 1:
                rows.append(
                    f'<tr data-gap="{days - 1}"><td colspan="{columns}" style="{TD};'
                    'color:#8c959f;font-style:italic;text-align:center">'
                    f"{e(plural(loc, 'views.gap', days - 1, 0))}</td></tr>"
                )
            spans = (
                f' <span style="{MUTED}">{e(plural(loc, "views.span_days", days, 0))}</span>'
                if days > 1
                else ""
            )
            change = num(loc, snap.score.overall - previous.score.overall, sign=True) + spans
        cells = [f'<td style="{TD}">{iso(snap.profile)}</td>'] if several else []
        cells += [
            f'<td style="{TD};white-space:nowrap"><bdi>{snap.day.isoformat()}</bdi></td>',
            f'<td style="{NUM};font-weight:600">{num(loc, snap.score.overall)}</td>',
            f'<td style="{NUM}">{change}</td>',
        ]
        cells += [f'<td style="{NUM}">{num(loc, v)}</td>' for v in snap.score.pillars.values()]
        source = _missing(loc) if snap.source is None else iso(snap.source)
        cells += [
            f'<td style="{TD};white-space:nowrap">{_group_cell(loc, snap.score.industry)}</td>',
            f'<td style="{TD};white-space:nowrap">{_group_cell(loc, snap.score.network)}</td>',
            f'<td style="{TD}">{source}</td>',
        ]
        rows.append(f'<tr data-day="{snap.day.isoformat()}">{"".join(cells)}</tr>')
        previous = snap
    title = label(loc, "history_of", who="\x00")
    title_html = e(title).replace("\x00", who)
    span = e(label(loc, "history_span", count=count, first=first, last=last))
    return (
        f"{open_root(loc, 'history', wide=True)}"
        f'<div style="font-weight:600">{title_html}'
        f' <span style="{MUTED};font-weight:400">{span}</span></div>'
        '<div style="max-height:28em;overflow:auto">'
        f'<table style="{TABLE}"><thead><tr>{"".join(head)}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div></div>"
    )
