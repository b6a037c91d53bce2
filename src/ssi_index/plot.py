"""History charts of one profile's SSI: :func:`plot_history`.

Needs the ``plot`` extra (``pip install 'ssi-index[plot]'``, which installs
matplotlib); matplotlib is imported only when a chart is drawn, and a missing
install raises :class:`~ssi_index.MissingDependencyError` naming the extra.

Charts are built on :class:`matplotlib.figure.Figure` directly, with an Agg
canvas attached: nothing goes through :mod:`matplotlib.pyplot`, no global figure
is left open, and the backend you chose (if any) is left alone. Save the figure
with its own :meth:`~matplotlib.figure.Figure.savefig`; the file name's suffix
picks the format (``.png``, ``.svg``, ``.pdf``).

Example:
    >>> from ssi_index.plot import plot_history
    >>> fig = plot_history(store.history("me"), target=70)  # doctest: +SKIP
    >>> fig.savefig("ssi.png", dpi=150)  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

from ._errors import AnalysisError, UnreachableTargetError
from ._i18n import RTL_LOCALES, message, normalize_locale, plural
from ._model import TOTAL_MAX, Pillar
from ._optional import require
from ._snapshot import Note, Snapshot
from ._tiers import DEFAULT_SCALE, Tier, TierScale

if TYPE_CHECKING:
    import numpy as np
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from numpy.typing import NDArray

__all__ = ["plot_history"]

TOTAL_COLOR: Final = "#0a66c2"
"""The total's line colour (LinkedIn blue)."""
PILLAR_COLORS: Final = {
    Pillar.PROFESSIONAL_BRAND: "#d55e00",
    Pillar.FIND_RIGHT_PEOPLE: "#0072b2",
    Pillar.INSIGHT_ENGAGEMENT: "#009e73",
    Pillar.STRONG_RELATIONSHIP: "#cc79a7",
}
"""The pillars' line colours (Okabe-Ito: readable with colour-vision deficiency)."""
_TARGET_COLOR: Final = "#b2182b"
_NOTE_COLOR: Final = "#e69f00"
_TEXT_COLOR: Final = "#333333"
_MUTED: Final = "#6b6b6b"
_MAX_LISTED_NOTES: Final = 12
_NOTE_CHARS: Final = 110
_ALL_MARKERS_UP_TO: Final = 45


def plot_history(
    snapshots: Sequence[Snapshot],
    *,
    target: float | None = None,
    scale: TierScale | None = None,
    notes: Sequence[Note] = (),
    title: str | None = None,
    locale: str = "en",
) -> Figure:
    """Draw one profile's total and four pillars over time.

    The upper panel shows the total (0-100) over the tier bands of *scale*,
    shaded and labelled, with *target* as a dashed line. The lower panel shows
    the four pillars (0-25). Days without a snapshot are gaps: a line breaks
    wherever two snapshots are more than one day apart, and is never drawn
    through days that have no data. Each note is a numbered marker on the
    total line, listed with its day and text under the chart; notes outside
    the snapshots' first and last day are left out.

    Every artist that carries data has a ``gid`` (it becomes the element id in
    SVG output): ``ssi-total``, ``ssi-pillar-<slug>`` (e.g.
    ``ssi-pillar-find_right_people``), ``ssi-target``, ``ssi-tier-<name>`` for
    each band and ``ssi-notes`` for the note markers.

    Args:
        snapshots: One profile's snapshots, in any order, at most one per day
            (e.g. ``store.history("me")``).
        target: A total to aim for (0-100), drawn as a horizontal line.
        scale: The tier bands to shade; :data:`~ssi_index.DEFAULT_SCALE` if
            ``None``.
        notes: The profile's notes (``store.notes("me")``), drawn as markers.
        title: The chart's title; ``"LinkedIn SSI: <profile>"`` if ``None``.
        locale: The language of the titles, axes, legend and labels (``"en"``,
            ``"he"``, ``"ru"``). Hebrew labels are drawn in visual order, since
            matplotlib lays text out left to right.

    Returns:
        The :class:`matplotlib.figure.Figure`, ready for ``savefig`` or for
        display in a notebook.

    Raises:
        AnalysisError: *snapshots* is empty, mixes profiles, holds two snapshots
            for one day or an item that is not a Snapshot; a note belongs to
            another profile; or an option has the wrong type.
        UnreachableTargetError: *target* is above 100.
        MissingDependencyError: matplotlib is not installed.
        UnknownLocaleError: no texts for *locale*.

    Example:
        >>> snapshots, notes = store.history("me"), store.notes("me")  # doctest: +SKIP
        >>> fig = plot_history(snapshots, target=70, notes=notes)  # doctest: +SKIP
        >>> fig.savefig("ssi.svg")  # doctest: +SKIP
    """
    from .analytics._series import history, notes_of

    items = history(snapshots)
    if not items:
        raise AnalysisError(
            "snapshots: expected at least one snapshot to plot, found none; "
            "record a score first (e.g. ssi_index.record or store.put)"
        )
    profile = items[0].profile
    first, last = items[0].day, items[-1].day
    shown_notes = [n for n in notes_of(notes, profile) if first <= n.day <= last]
    goal = _check_target(target)
    bands = _check_scale(scale)
    if title is not None and not isinstance(title, str):
        raise AnalysisError(f"title: expected text or None, found {type(title).__name__}")
    loc = normalize_locale(locale)

    require("matplotlib", "plot")
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    listed = min(len(shown_notes), _MAX_LISTED_NOTES)
    notes_rows = listed + (1 if len(shown_notes) > listed else 0)
    heights = [3.2, 2.0] + ([0.19 * notes_rows + 0.15] if notes_rows else [])
    fig = Figure(figsize=(10.0, 5.6 + sum(heights[2:])), layout="constrained")
    FigureCanvasAgg(fig)
    grid = fig.add_gridspec(len(heights), 1, height_ratios=heights)
    ax_total = fig.add_subplot(grid[0])
    ax_pillars = fig.add_subplot(grid[1], sharex=ax_total)

    days, totals, pillars = _series(items)
    _draw_bands(ax_total, bands, loc)
    _draw_total(ax_total, days, totals, goal, loc)
    _draw_pillars(ax_pillars, days, pillars, loc)
    if shown_notes:
        _draw_notes(ax_total, shown_notes, items, loc)
        _list_notes(fig.add_subplot(grid[2]), shown_notes, listed, loc)
    _format_dates(ax_total, ax_pillars, first, last, loc)

    period = (
        first.isoformat()
        if first == last
        else message(loc, "views.plot.period", first=first.isoformat(), last=last.isoformat())
    )
    count = plural(loc, "views.snapshots", len(items), 0)
    fig.suptitle(
        title if title is not None else _t(loc, "title", profile=_plain(profile)),
        x=0.01,
        ha="left",
        fontsize=14,
        fontweight="bold",
        color=_TEXT_COLOR,
    )
    ax_total.set_title(
        _shape(
            loc,
            f"{period} · {count} · " + message(loc, "views.plot.tiers", scale=_plain(bands.name)),
        ),
        loc="left",
        fontsize=9,
        color=_MUTED,
    )
    return fig


def _plain(text: str) -> str:
    """Escape ``$`` so that matplotlib shows data text as written, never as mathtext."""
    return text.replace("$", r"\$")


def _check_target(target: object) -> float | None:
    if target is None:
        return None
    if isinstance(target, bool) or not isinstance(target, int | float):
        raise AnalysisError(
            f"target: expected a number from 0 to 100 or None, found {type(target).__name__}"
        )
    if not math.isfinite(target) or target < 0:
        raise AnalysisError(f"target: expected a number from 0 to 100, found {target!r}")
    if target > TOTAL_MAX:
        raise UnreachableTargetError(
            f"target: expected a total from 0 to 100 (the most an SSI can be), found {target!r}",
            key="config.bad_target",
            params={"found": repr(target)},
        )
    return float(target)


def _check_scale(scale: object) -> TierScale:
    if scale is None:
        return DEFAULT_SCALE
    if not isinstance(scale, TierScale):
        raise AnalysisError(f"scale: expected a TierScale or None, found {type(scale).__name__}")
    return scale


def _series(
    items: Sequence[Snapshot],
) -> tuple[list[dt.date], list[float], dict[Pillar, list[float]]]:
    """Return the x and y values, with a NaN point inside every gap of more than a day."""
    days: list[dt.date] = []
    totals: list[float] = []
    pillars: dict[Pillar, list[float]] = {p: [] for p in Pillar}
    previous: dt.date | None = None
    for snap in items:
        if previous is not None and (snap.day - previous).days > 1:
            days.append(previous + dt.timedelta(days=1))
            totals.append(math.nan)
            for values in pillars.values():
                values.append(math.nan)
        days.append(snap.day)
        totals.append(snap.score.overall)
        for pillar, values in pillars.items():
            values.append(snap.score.pillars[pillar])
        previous = snap.day
    return days, totals, pillars


def _dates(days: Sequence[dt.date]) -> NDArray[np.datetime64]:
    """Return *days* as a NumPy day array, the x values matplotlib plots as dates."""
    import numpy as np

    return np.array(days, dtype="datetime64[D]")


def _markers(values: Sequence[float]) -> list[int]:
    """Return the indices to mark: all when few, else the isolated points a line cannot show."""
    present = [i for i, v in enumerate(values) if not math.isnan(v)]
    if len(present) <= _ALL_MARKERS_UP_TO:
        return present
    last = len(values) - 1
    return [
        i
        for i in present
        if (i == 0 or math.isnan(values[i - 1])) and (i == last or math.isnan(values[i + 1]))
    ]


def _style(ax: Axes) -> None:
    ax.spines[["top", "right"]].set_visible(False)
    ax.spines[["left", "bottom"]].set_color("#999999")
    ax.tick_params(colors=_TEXT_COLOR, labelsize=9)
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)


def _t(locale: str, key: str, **fields: object) -> str:
    """The plot message *key* in *locale*, in visual order for a right-to-left locale."""
    return _shape(locale, message(locale, f"views.plot.{key}", **fields))


_MIRROR: Final = str.maketrans("()[]{}<>", ")(][}{><")
_JOINERS: Final = frozenset(".,:-/")


def _direction_of(char: str) -> str:
    if "\u0590" <= char <= "\u05ff":
        return "R"
    if char.isdigit():
        return "E"
    if char.isalpha():
        return "L"
    return "N"


def _shape(locale: str, text: str) -> str:
    """*text* in visual order for matplotlib, which lays every line out left to right.

    A small part of the Unicode bidi algorithm, enough for labels: in a right-to-left
    locale each line is split into right-to-left runs (Hebrew letters), left-to-right runs
    (Latin words; numbers such as ``2026-03-01`` or ``13.4``) and neutrals, which are left
    to right between two Latin words and right to left otherwise; the runs
    are laid out from the right, and right-to-left runs read backwards with mirrored
    brackets; numbers count as right to left for the neutrals around them.
    """
    if locale not in RTL_LOCALES:
        return text
    return "\n".join(_visual(line) for line in text.split("\n"))


def _visual(line: str) -> str:
    kinds = [_direction_of(c) for c in line]
    for i, char in enumerate(line):  # 13.4, 2026-03-01, hebrew-guide: one run each
        if (
            char in _JOINERS
            and 0 < i < len(line) - 1
            and kinds[i - 1] == kinds[i + 1]
            and kinds[i - 1] in "LE"
        ):
            kinds[i] = kinds[i - 1]
    i = 0
    while i < len(kinds):
        if kinds[i] != "N":
            i += 1
            continue
        j = i
        while j < len(kinds) and kinds[j] == "N":
            j += 1
        # Numbers count as right to left here (as in the bidi algorithm's rule N1).
        before = kinds[i - 1] if i > 0 else "R"
        after = kinds[j] if j < len(kinds) else "R"
        resolved = "L" if before == after == "L" else "R"
        kinds[i:j] = [resolved] * (j - i)
        i = j
    runs: list[tuple[str, str]] = []
    for char, kind in zip(line, kinds, strict=True):
        if runs and runs[-1][0] == kind:
            runs[-1] = (kind, runs[-1][1] + char)
        else:
            runs.append((kind, char))
    return "".join(
        run[::-1].translate(_MIRROR) if kind == "R" else run for kind, run in reversed(runs)
    )


def _tier_name(scale: TierScale, tier: Tier, locale: str) -> str:
    from .rules._catalog import texts
    from .rules._goals import SCALES

    if SCALES.get(scale.name) == scale:
        return texts(locale).tier(scale, tier)[0]
    return tier.name


def _draw_bands(ax: Axes, scale: TierScale, locale: str = "en") -> None:
    from matplotlib import colormaps

    cmap = colormaps["Greens"]
    count = len(scale.tiers)
    for i, tier in enumerate(scale.tiers):
        shade = 0.06 + 0.34 * (i / max(count - 1, 1))
        ax.axhspan(
            tier.lower,
            tier.upper,
            facecolor=cmap(shade),
            edgecolor="none",
            alpha=0.55,
            zorder=0,
            gid=f"ssi-tier-{tier.name}",
            label=f"_tier {tier.name}",
        )
        ax.text(
            1.008,
            (tier.lower + tier.upper) / 2,
            _shape(locale, f"{_plain(_tier_name(scale, tier, locale))}")
            + f"\n{tier.lower:g}-{tier.upper:g}",
            transform=ax.get_yaxis_transform(),
            va="center",
            ha="left",
            fontsize=8,
            color=_MUTED,
            linespacing=1.1,
        )


def _draw_total(
    ax: Axes, days: list[dt.date], totals: list[float], target: float | None, locale: str = "en"
) -> None:
    _style(ax)
    ax.plot(
        _dates(days),
        totals,
        color=TOTAL_COLOR,
        linewidth=2.2,
        marker="o",
        markersize=3.5,
        markevery=_markers(totals),
        solid_capstyle="round",
        label=_t(locale, "total"),
        gid="ssi-total",
        zorder=3,
    )
    last = next(i for i in range(len(totals) - 1, -1, -1) if not math.isnan(totals[i]))
    ax.annotate(
        f"{totals[last]:.1f}",
        xy=(days[last], totals[last]),
        xytext=(0, 7),
        textcoords="offset points",
        ha="center",
        va="bottom",
        fontsize=9,
        fontweight="bold",
        color=TOTAL_COLOR,
    )
    if target is not None:
        ax.axhline(
            target, color=_TARGET_COLOR, linestyle="--", linewidth=1.3, gid="ssi-target", zorder=2
        )
        ax.text(
            0.005,
            target,
            _t(locale, "target", target=f"{target:g}"),
            transform=ax.get_yaxis_transform(),
            va="bottom",
            ha="left",
            fontsize=8,
            color=_TARGET_COLOR,
        )
    ax.set_ylim(0, TOTAL_MAX)
    ax.set_yticks(range(0, 101, 20))
    ax.set_ylabel(_t(locale, "total_axis"), fontsize=9, color=_TEXT_COLOR)
    ax.tick_params(labelbottom=False)


def _draw_pillars(
    ax: Axes, days: list[dt.date], pillars: dict[Pillar, list[float]], locale: str = "en"
) -> None:
    from .rules._catalog import texts

    _style(ax)
    for pillar, values in pillars.items():
        ax.plot(
            _dates(days),
            values,
            color=PILLAR_COLORS[pillar],
            linewidth=1.6,
            marker="o",
            markersize=2.5,
            markevery=_markers(values),
            label=_shape(locale, texts(locale).pillar(pillar)),
            gid=f"ssi-pillar-{pillar.slug}",
        )
    ax.set_ylim(0, Pillar.PROFESSIONAL_BRAND.max)
    ax.set_yticks(range(0, 26, 5))
    ax.set_ylabel(_t(locale, "pillars_axis"), fontsize=9, color=_TEXT_COLOR)
    ax.legend(
        loc="upper left",
        bbox_to_anchor=(0.0, -0.16),
        ncol=2,
        fontsize=8.5,
        frameon=False,
        handlelength=1.8,
        columnspacing=2.0,
    )


def _note_y(day: dt.date, items: Sequence[Snapshot]) -> float:
    """The total on *day*, or the straight line between the snapshots around it."""
    before = max((s for s in items if s.day <= day), key=lambda s: s.day)
    if before.day == day:
        return before.score.overall
    after = min((s for s in items if s.day > day), key=lambda s: s.day)
    share = (day - before.day).days / (after.day - before.day).days
    return before.score.overall + share * (after.score.overall - before.score.overall)


def _draw_notes(
    ax: Axes, notes: Sequence[Note], items: Sequence[Snapshot], locale: str = "en"
) -> None:
    xs = [n.day for n in notes]
    ys = [_note_y(n.day, items) for n in notes]
    ax.plot(
        _dates(xs),
        ys,
        linestyle="none",
        marker="D",
        markersize=6,
        markerfacecolor=_NOTE_COLOR,
        markeredgecolor="white",
        markeredgewidth=0.8,
        label=_t(locale, "notes"),
        gid="ssi-notes",
        zorder=4,
    )
    numbers: dict[dt.date, list[str]] = {}
    for i, note in enumerate(notes, start=1):
        numbers.setdefault(note.day, []).append(str(i))
    for day, labels in numbers.items():
        y = ys[xs.index(day)]
        below = y > 88
        ax.annotate(
            ",".join(labels),
            xy=(day, y),
            xytext=(0, -13 if below else 11),
            textcoords="offset points",
            ha="center",
            va="top" if below else "bottom",
            fontsize=7.5,
            fontweight="bold",
            color="#7a4f00",
        )


def _list_notes(ax: Axes, notes: Sequence[Note], listed: int, locale: str = "en") -> None:
    from .rules._catalog import texts

    ax.set_axis_off()
    lines = []
    for i, note in enumerate(notes[:listed], start=1):
        text = note.text if len(note.text) <= _NOTE_CHARS else note.text[: _NOTE_CHARS - 1] + "…"
        lines.append(
            _shape(locale, f"{i:>2}  {note.day.isoformat()}  {_plain(text)}")
            + (f"  [{_shape(locale, texts(locale).pillar(note.pillar))}]" if note.pillar else "")
        )
    if len(notes) > listed:
        more = plural(locale, "views.plot.more_notes", len(notes) - listed, 0)
        lines.append("    " + _shape(locale, more))
    ax.text(
        0.0,
        1.0,
        "\n".join(lines),
        transform=ax.transAxes,
        va="top",
        ha="left",
        fontsize=8,
        color=_TEXT_COLOR,
        linespacing=1.45,
    )
    ax.text(
        0.0,
        1.0,
        _t(locale, "notes"),
        transform=ax.transAxes,
        va="bottom",
        ha="left",
        fontsize=8.5,
        fontweight="bold",
        color=_NOTE_COLOR,
    )


def _format_dates(
    ax_total: Axes, ax_pillars: Axes, first: dt.date, last: dt.date, locale: str = "en"
) -> None:
    from matplotlib import dates as mdates

    locator = mdates.AutoDateLocator(minticks=4, maxticks=10)  # type: ignore[no-untyped-call]
    ax_pillars.xaxis.set_major_locator(locator)
    offsets = ["", "%Y", "%Y", "%Y-%m-%d", "%Y-%m-%d", "%Y-%m-%d %H:%M"]
    if locale == "en":
        formatter = mdates.ConciseDateFormatter(  # type: ignore[no-untyped-call]
            locator, offset_formats=offsets
        )
    else:  # numbers only: matplotlib names months in English
        formatter = mdates.ConciseDateFormatter(  # type: ignore[no-untyped-call]
            locator,
            formats=["%Y", "%m", "%d", "%H:%M", "%H:%M", "%S.%f"],
            zero_formats=["", "%Y", "%m", "%d.%m", "%H:%M", "%H:%M"],
            offset_formats=offsets,
        )
    ax_pillars.xaxis.set_major_formatter(formatter)
    pad = dt.timedelta(days=max(1, (last - first).days // 40))
    low, high = _dates([first - pad, last + pad])
    ax_total.set_xlim(low, high)
