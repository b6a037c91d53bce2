"""A small inline SVG chart: a kind's weekly count (bars) against a pillar's weekly change (line).

Pure Python, no dependency: the chart is part of the HTML view. Every text in it
is escaped; numbers are formatted the locale's way by the caller.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Final

__all__ = ["weekly_chart"]

_W: Final = 520
_H: Final = 150
_PAD_L: Final = 34
_PAD_R: Final = 40
_PAD_T: Final = 10
_PAD_B: Final = 22
_BAR: Final = "#9ec5ee"
_LINE: Final = "#0a66c2"
_ZERO: Final = "#8c959f"
_TEXT: Final = "#57606a"


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def weekly_chart(
    counts: Sequence[int | None],
    changes: Sequence[float | None],
    *,
    title: str,
    count_label: str,
    change_label: str,
    first: str,
    last: str,
    gid: str,
    marked: Sequence[int] = (),
) -> str:
    """Return an ``<svg>``: bars for *counts*, a line for *changes* (gaps where ``None``).

    Args:
        counts: The kind's count per week (``None`` where unknown: no bar).
        changes: The pillar's change per week (``None``: the line breaks).
        title: The accessible title (also shown on hover).
        count_label: The highest count, formatted (left axis).
        change_label: The largest change, formatted (right axis, plus and minus).
        first: The first week's label.
        last: The last week's label.
        gid: An id prefix for the chart's parts.
        marked: Week indexes to shade (weeks left out as LinkedIn-wide recalculations).
    """
    n = max(len(counts), 1)
    inner_w = _W - _PAD_L - _PAD_R
    inner_h = _H - _PAD_T - _PAD_B
    step = inner_w / n
    top = max((c for c in counts if c is not None), default=0) or 1
    span = max((abs(c) for c in changes if c is not None), default=0.0) or 1.0
    mid = _PAD_T + inner_h / 2
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{_W}" height="{_H}" '
        f'viewBox="0 0 {_W} {_H}" data-ssi="chart" id="{_e(gid)}" direction="ltr">',
        f"<title>{_e(title)}</title>",
    ]
    for i in marked:
        parts.append(
            f'<rect class="recalculation" x="{_PAD_L + i * step:.1f}" y="{_PAD_T}" '
            f'width="{step:.1f}" height="{inner_h}" fill="#f6d5d5"/>'
        )
    parts.append(f'<g id="{_e(gid)}-bars" fill="{_BAR}">')
    for i, c in enumerate(counts):
        if c is None or c <= 0:
            continue
        h = inner_h * c / top
        x = _PAD_L + i * step + step * 0.15
        parts.append(
            f'<rect x="{x:.1f}" y="{_PAD_T + inner_h - h:.1f}" width="{step * 0.7:.1f}" '
            f'height="{h:.1f}"/>'
        )
    parts.append("</g>")
    parts.append(
        f'<line x1="{_PAD_L}" x2="{_W - _PAD_R}" y1="{mid:.1f}" y2="{mid:.1f}" '
        f'stroke="{_ZERO}" stroke-dasharray="3 3" stroke-width="1"/>'
    )
    segments: list[list[str]] = [[]]
    for i, change in enumerate(changes):
        if change is None:
            if segments[-1]:
                segments.append([])
            continue
        px = _PAD_L + (i + 0.5) * step
        py = mid - (inner_h / 2) * change / span
        segments[-1].append(f"{px:.1f},{py:.1f}")
    parts.append(f'<g id="{_e(gid)}-line" fill="none" stroke="{_LINE}" stroke-width="2">')
    for seg in segments:
        if len(seg) > 1:
            parts.append(f'<polyline points="{" ".join(seg)}"/>')
        elif seg:
            cx, cy = seg[0].split(",")
            parts.append(f'<circle cx="{cx}" cy="{cy}" r="2" fill="{_LINE}"/>')
    parts.append("</g>")
    label = f'font-family="system-ui,sans-serif" font-size="10" fill="{_TEXT}"'
    right = _W - _PAD_R + 4
    bottom = _PAD_T + inner_h
    parts += [
        f'<text x="{_PAD_L - 4}" y="{_PAD_T + 8}" text-anchor="end" {label}>'
        f"{_e(count_label)}</text>",
        f'<text x="{_PAD_L - 4}" y="{_PAD_T + inner_h}" text-anchor="end" {label}>0</text>',
        f'<text x="{_W - _PAD_R + 4}" y="{_PAD_T + 8}" {label}>+{_e(change_label)}</text>',
        f'<text x="{_W - _PAD_R + 4}" y="{mid + 3:.1f}" {label}>0</text>',
        f'<text x="{right}" y="{bottom}" {label}>\u2212{_e(change_label)}</text>',
        f'<text x="{_PAD_L}" y="{_H - 6}" {label}>{_e(first)}</text>',
        f'<text x="{_W - _PAD_R}" y="{_H - 6}" text-anchor="end" {label}>{_e(last)}</text>',
        "</svg>",
    ]
    return "".join(parts)
