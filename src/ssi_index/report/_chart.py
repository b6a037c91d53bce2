"""The history chart as inline SVG: tier bands, the target, the total, and gaps left as gaps.

No script, no external font or image: the SVG is text inside the report. The time
axis runs left to right in every locale (as on LinkedIn's own chart); labels in a
right-to-left language sit in the report's legend, outside the SVG.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Final

from ssi_index._i18n import format_number
from ssi_index._model import TOTAL_MAX
from ssi_index._snapshot import Snapshot
from ssi_index._tiers import TierScale

from ._page import e as _e

__all__ = [
    "BANDS",
    "GAP_DAYS",
    "LINE",
    "NARROW",
    "TARGET",
    "WIDE",
    "history_svg",
    "segments",
    "sparkline",
]

GAP_DAYS: Final = 7
"""Two snapshots more than this many days apart are not joined: the line breaks."""

WIDE: Final = (640, 260)
"""The chart's viewBox on a wide screen."""
NARROW: Final = (340, 250)
"""The chart's viewBox at phone width: the same font size reads larger there."""
_LEFT: Final = 30
_RIGHT: Final = 10
_TOP: Final = 10
_BOTTOM: Final = 26
BANDS: Final = ("#fbe9e7", "#fff3d6", "#e6f4ea", "#dcebfb", "#ede7f6", "#e0f2f1")
LINE: Final = "#0a66c2"
TARGET: Final = "#b35900"


def segments(snapshots: Sequence[Snapshot], gap_days: int = GAP_DAYS) -> list[list[Snapshot]]:
    """Split sorted snapshots into runs whose neighbours are at most *gap_days* apart."""
    runs: list[list[Snapshot]] = []
    for snap in snapshots:
        if runs and (snap.day - runs[-1][-1].day).days <= gap_days:
            runs[-1].append(snap)
        else:
            runs.append([snap])
    return runs


def history_svg(
    snapshots: Sequence[Snapshot],
    *,
    scale: TierScale,
    target: float | None,
    locale: str,
    start: dt.date,
    end: dt.date,
    label: str,
    size: tuple[int, int] = WIDE,
) -> str:
    """Draw the total over ``start``-``end`` (inclusive) as an ``<svg>`` element.

    Args:
        snapshots: One profile's snapshots, sorted by day, within the span.
        scale: The tier bands to draw behind the line.
        target: A total to draw as a dashed line, or ``None``.
        locale: The language of the labels.
        start: The first day of the time axis.
        end: The last day of the time axis.
        label: The accessible name of the chart (``aria-label``).
        size: The viewBox's width and height (:data:`WIDE` or :data:`NARROW`).

    The tier bands carry no text: the report names them in a legend beside the
    chart, where a label cannot hide a point.
    """
    width, height = size
    span = max((end - start).days, 1)
    plot_w, plot_h = width - _LEFT - _RIGHT, height - _TOP - _BOTTOM

    def x(day: dt.date) -> float:
        return _LEFT + plot_w * (day - start).days / span

    def y(total: float) -> float:
        return _TOP + plot_h * (1 - total / TOTAL_MAX)

    parts = [
        f'<svg class="chart" data-chart="history" role="img" aria-label="{_e(label)}" '
        f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg" direction="ltr" '
        'font-family="system-ui,-apple-system,Segoe UI,Roboto,Arial,sans-serif" font-size="11">',
        f"<title>{_e(label)}</title>",
    ]
    for i, tier in enumerate(scale.tiers):
        top, bottom = y(tier.upper), y(tier.lower)
        parts.append(
            f'<rect data-tier="{_e(tier.name)}" x="{_LEFT}" y="{top:.1f}" width="{plot_w}" '
            f'height="{bottom - top:.1f}" fill="{BANDS[i % len(BANDS)]}"/>'
        )
    for value in sorted({0.0, TOTAL_MAX, *(t.lower for t in scale.tiers)}):
        parts.append(
            f'<text x="{_LEFT - 4}" y="{y(value) + 4:.1f}" text-anchor="end" fill="#57606a">'
            f"{_e(format_number(locale, value, 0))}</text>"
        )
    parts.append(
        f'<line x1="{_LEFT}" y1="{_TOP + plot_h}" x2="{_LEFT + plot_w}" y2="{_TOP + plot_h}" '
        'stroke="#8c959f" stroke-width="1"/>'
    )
    for day, anchor in ((start, "start"), (end, "end")):
        parts.append(
            f'<text x="{x(day):.1f}" y="{height - 8}" text-anchor="{anchor}" fill="#57606a">'
            f"{day.isoformat()}</text>"
        )
    if target is not None:
        ty = y(target)
        parts.append(
            f'<line data-target="{target:g}" x1="{_LEFT}" y1="{ty:.1f}" x2="{_LEFT + plot_w}" '
            f'y2="{ty:.1f}" stroke="{TARGET}" stroke-width="1.5" stroke-dasharray="5 4"/>'
        )
    for run in segments(snapshots):
        if len(run) > 1:
            points = " ".join(f"{x(s.day):.1f},{y(s.score.overall):.1f}" for s in run)
            parts.append(
                f'<polyline data-run="{len(run)}" points="{points}" fill="none" '
                f'stroke="{LINE}" stroke-width="2.5" stroke-linejoin="round"/>'
            )
    for snap in snapshots:
        total = format_number(locale, snap.score.overall, 1)
        parts.append(
            f'<circle data-day="{snap.day.isoformat()}" cx="{x(snap.day):.1f}" '
            f'cy="{y(snap.score.overall):.1f}" r="3" fill="{LINE}">'
            f"<title>{snap.day.isoformat()}: {_e(total)}</title></circle>"
        )
    parts.append("</svg>")
    return "".join(parts)


def sparkline(snapshots: Sequence[Snapshot], gap_days: int = GAP_DAYS) -> str:
    """The totals as block characters, a space where the line breaks (for Markdown)."""
    blocks = "▁▂▃▄▅▆▇█"
    return " ".join(
        "".join(blocks[min(int(s.score.overall / TOTAL_MAX * 8), 7)] for s in run)
        for run in segments(snapshots, gap_days)
    )
