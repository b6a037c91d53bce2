"""Tests for ssi_index.plot: real rendering to PNG and SVG, and the Figure's contents."""

from __future__ import annotations

import datetime as dt
import math
import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pytest
from matplotlib.patches import Rectangle

from ssi_index import (
    HEBREW_GUIDE_SCALE,
    AnalysisError,
    Note,
    Pillar,
    Score,
    Snapshot,
    SSIError,
    Tier,
    TierScale,
    UnreachableTargetError,
)
from ssi_index.plot import plot_history
from ssi_index.rules import texts

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

START = dt.date(2026, 10, 1)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def snap(offset: int, pillars: tuple[float, float, float, float], profile: str = "me") -> Snapshot:
    return Snapshot(
        profile=profile,
        day=START + dt.timedelta(days=offset),
        score=Score.from_pillars(list(pillars)),
    )


def steady(offsets: list[int]) -> list[Snapshot]:
    return [snap(i, (10 + i * 0.1, 9.0, 11.5, 20.0)) for i in offsets]


def line(fig: Figure, gid: str) -> Line2D:
    found = [ln for ax in fig.axes for ln in ax.get_lines() if ln.get_gid() == gid]
    assert len(found) == 1, f"expected one line {gid!r}, found {len(found)}"
    return found[0]


def total_axes(fig: Figure) -> Axes:
    return line(fig, "ssi-total").axes  # type: ignore[return-value]


def ys(artist: Line2D) -> list[float]:
    return [float(v) for v in np.asarray(artist.get_ydata(), dtype=float)]


def xs(artist: Line2D) -> list[dt.date]:
    days = np.asarray(artist.get_xdata()).astype("datetime64[D]")
    return [dt.date.fromisoformat(str(d)) for d in days]


def nan_positions(values: list[float]) -> list[int]:
    return [i for i, v in enumerate(values) if math.isnan(v)]


def test_png_and_svg_are_written(tmp_path: Path) -> None:
    fig = plot_history(steady(list(range(30))), target=70)
    png, svg = tmp_path / "chart.png", tmp_path / "chart.svg"
    fig.savefig(png, dpi=80)
    fig.savefig(svg)
    data = png.read_bytes()
    assert data.startswith(PNG_SIGNATURE)
    assert 10_000 < len(data) < 2_000_000
    text = svg.read_text(encoding="utf-8")
    assert text.lstrip().startswith("<?xml")
    assert "<svg" in text
    # gids become element ids, so the parts of the chart can be found in the SVG.
    for gid in ("ssi-total", "ssi-target", "ssi-pillar-find_right_people", "ssi-tier-base"):
        assert f'id="{gid}"' in text


def test_gaps_break_the_lines_with_nan() -> None:
    # Days 0-2, then nothing on 3-5, then 6-7, then nothing on 8, then 9.
    fig = plot_history(steady([0, 1, 2, 6, 7, 9]))
    total = line(fig, "ssi-total")
    assert nan_positions(ys(total)) == [3, 6]
    assert xs(total)[3] == START + dt.timedelta(days=3)
    assert xs(total)[6] == START + dt.timedelta(days=8)
    assert [y for y in ys(total) if not math.isnan(y)] == [
        s.score.overall for s in steady([0, 1, 2, 6, 7, 9])
    ]
    for pillar in Pillar:
        assert nan_positions(ys(line(fig, f"ssi-pillar-{pillar.slug}"))) == [3, 6]


def test_consecutive_days_have_no_gap_and_input_order_does_not_matter() -> None:
    snaps = steady([0, 1, 2, 3])
    fig = plot_history(list(reversed(snaps)))
    total = line(fig, "ssi-total")
    assert nan_positions(ys(total)) == []
    assert xs(total) == [s.day for s in snaps]


def test_pillar_values_are_plotted() -> None:
    snaps = [snap(0, (13.4, 10.7, 11.1, 25.0)), snap(1, (13.5, 10.9, 11.0, 25.0))]
    fig = plot_history(snaps)
    assert ys(line(fig, "ssi-pillar-find_right_people")) == [10.7, 10.9]
    assert ys(line(fig, "ssi-pillar-strong_relationship")) == [25.0, 25.0]
    pillar_axes = line(fig, "ssi-pillar-professional_brand").axes
    assert pillar_axes is not None
    assert pillar_axes.get_ylim() == (0.0, 25.0)
    assert total_axes(fig).get_ylim() == (0.0, 100.0)
    legend = pillar_axes.get_legend()
    assert legend is not None
    assert [t.get_text() for t in legend.get_texts()] == [p.label for p in Pillar]


def test_target_line_is_at_the_target() -> None:
    fig = plot_history(steady([0, 1]), target=72.5)
    target = line(fig, "ssi-target")
    assert set(ys(target)) == {72.5}
    texts = [t.get_text() for t in total_axes(fig).texts]
    assert "target 72.5" in texts


def test_no_target_no_line() -> None:
    fig = plot_history(steady([0, 1]))
    assert not [ln for ax in fig.axes for ln in ax.get_lines() if ln.get_gid() == "ssi-target"]


def bands(fig: Figure) -> list[str]:
    return [
        str(p.get_gid())
        for p in total_axes(fig).patches
        if str(p.get_gid()).startswith("ssi-tier-")
    ]


def test_tier_bands_follow_the_default_scale() -> None:
    fig = plot_history(steady([0]))
    assert bands(fig) == [f"ssi-tier-{t.name}" for t in HEBREW_GUIDE_SCALE.tiers]
    labels = [t.get_text() for t in total_axes(fig).texts]
    for tier in HEBREW_GUIDE_SCALE.tiers:
        name = texts("en").tier(HEBREW_GUIDE_SCALE, tier)[0]
        assert f"{name}\n{tier.lower:g}-{tier.upper:g}" in labels


def test_tier_bands_follow_a_custom_scale() -> None:
    scale = TierScale(
        name="three",
        source="a test",
        tiers=(
            Tier(name="low", lower=0, upper=30, meaning="low"),
            Tier(name="mid", lower=30, upper=55, meaning="mid"),
            Tier(name="high", lower=55, upper=100, meaning="high"),
        ),
    )
    fig = plot_history(steady([0, 1]), scale=scale)
    assert bands(fig) == ["ssi-tier-low", "ssi-tier-mid", "ssi-tier-high"]
    assert len(bands(fig)) == len(scale)
    mid = next(p for p in total_axes(fig).patches if p.get_gid() == "ssi-tier-mid")
    assert isinstance(mid, Rectangle)
    assert (mid.get_y(), mid.get_y() + mid.get_height()) == (30, 55)


def test_notes_are_markers_with_their_text() -> None:
    snaps = steady([0, 1, 2, 5, 6])
    notes = [
        Note(profile="me", day=START + dt.timedelta(days=1), text="rewrote my headline"),
        Note(
            profile="me",
            day=START + dt.timedelta(days=3),  # a gap day: placed between its neighbours
            text="sent 20 invitations <b>personal</b>",
            pillar=Pillar.FIND_RIGHT_PEOPLE,
        ),
        Note(profile="me", day=START + dt.timedelta(days=3), text="cleared pending invites"),
        Note(profile="me", day=START + dt.timedelta(days=40), text="outside the chart"),
    ]
    fig = plot_history(snaps, notes=notes)
    markers = line(fig, "ssi-notes")
    assert len(xs(markers)) == 3
    assert xs(markers)[1] == START + dt.timedelta(days=3)
    heights = ys(markers)
    assert heights[0] == snaps[1].score.overall
    before, after = snaps[2].score.overall, snaps[3].score.overall
    assert heights[1] == pytest.approx(before + (after - before) / 3)
    all_text = "\n".join(t.get_text() for ax in fig.axes for t in ax.texts)
    assert "rewrote my headline" in all_text
    assert "sent 20 invitations <b>personal</b>  [Find the right people]" in all_text
    assert "cleared pending invites" in all_text
    assert "outside the chart" not in all_text
    annotations = [t.get_text() for t in total_axes(fig).texts]
    assert "1" in annotations
    assert "2,3" in annotations


def test_many_notes_are_counted_not_all_listed() -> None:
    snaps = steady(list(range(20)))
    notes = [
        Note(profile="me", day=START + dt.timedelta(days=i), text=f"note number {i}")
        for i in range(20)
    ]
    fig = plot_history(snaps, notes=notes)
    assert len(xs(line(fig, "ssi-notes"))) == 20
    all_text = "\n".join(t.get_text() for ax in fig.axes for t in ax.texts)
    assert "note number 11" in all_text
    assert "note number 12" not in all_text
    assert "and 8 more notes" in all_text


def test_title_default_and_custom() -> None:
    fig = plot_history(steady([0, 1]))
    assert fig.get_suptitle() == "LinkedIn SSI: me"
    fig = plot_history(steady([0, 1]), title="Dana's quarter")
    assert fig.get_suptitle() == "Dana's quarter"


def test_empty_input_is_a_clear_error() -> None:
    with pytest.raises(AnalysisError, match="expected at least one snapshot to plot, found none"):
        plot_history([])


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"target": 120}, UnreachableTargetError, "expected a total from 0 to 100.*found 120"),
        ({"target": -1}, AnalysisError, "target: expected a number from 0 to 100, found -1"),
        ({"target": math.nan}, AnalysisError, "target: expected a number from 0 to 100"),
        ({"target": "70"}, AnalysisError, "target: expected a number.*found str"),
        ({"scale": "hebrew"}, AnalysisError, "scale: expected a TierScale or None, found str"),
        ({"title": 3}, AnalysisError, "title: expected text or None, found int"),
        (
            {"notes": [Note(profile="you", day=START, text="hi")]},
            AnalysisError,
            "expected notes of profile 'me', found one of 'you'",
        ),
    ],
)
def test_bad_options(kwargs: dict[str, object], error: type[SSIError], message: str) -> None:
    with pytest.raises(error, match=message):
        plot_history(steady([0, 1]), **kwargs)  # type: ignore[arg-type]


def test_bad_snapshots() -> None:
    mixed = [snap(0, (10, 10, 10, 10)), snap(1, (10, 10, 10, 10), profile="other")]
    with pytest.raises(AnalysisError, match="expected the history of one profile, found 2"):
        plot_history(mixed)
    with pytest.raises(AnalysisError, match="expected one snapshot per day"):
        plot_history([snap(0, (10, 10, 10, 10)), snap(0, (11, 10, 10, 10))])
    with pytest.raises(AnalysisError, match=r"snapshots\[0\]: expected a Snapshot, found dict"):
        plot_history([{"day": "2026-10-01"}])  # type: ignore[list-item]


def test_no_pyplot_and_no_backend_change() -> None:
    # The caller chose the SVG backend; drawing must not import pyplot or switch backends.
    code = (
        "import sys, datetime as dt\n"
        "import matplotlib\n"
        "from ssi_index import Score, Snapshot\n"
        "from ssi_index.plot import plot_history\n"
        "score = Score.from_pillars([1, 2, 3, 4])\n"
        "s = Snapshot(profile='me', day=dt.date(2026, 1, 1), score=score)\n"
        "fig = plot_history([s])\n"
        "print('matplotlib.pyplot' in sys.modules, type(fig.canvas).__name__)\n"
        "print(matplotlib.get_backend())\n"
    )
    env = {**os.environ, "MPLBACKEND": "svg"}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert out.stdout.split() == ["False", "FigureCanvasAgg", "svg"]


def test_importing_the_module_does_not_import_matplotlib() -> None:
    code = "import sys, ssi_index.plot\nprint('matplotlib' in sys.modules)\n"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_dollar_signs_in_data_are_text_not_mathtext(tmp_path: Path) -> None:
    # Unescaped, "$\frac{1$" is broken mathtext and makes savefig raise.
    notes = [Note(profile="$me", day=START, text=r"paid $\frac{1$ of the budget")]
    fig = plot_history([snap(0, (10, 10, 10, 10), profile="$me")], notes=notes)
    fig.savefig(tmp_path / "chart.png")
    assert fig.get_suptitle() == r"LinkedIn SSI: \$me"
    texts = [t.get_text() for ax in fig.axes for t in ax.texts]
    assert any(r"paid \$\frac{1\$ of the budget" in t for t in texts)


def _all_text(fig: Figure) -> list[str]:
    from matplotlib.text import Text

    return [t.get_text() for t in fig.findobj(Text) if t.get_text()]


def test_chart_texts_in_russian() -> None:
    fig = plot_history(steady([0, 1, 2]), target=70, locale="ru")
    shown = _all_text(fig)
    assert "Итог (0–100)" in shown
    assert "Составляющие (0–25)" in shown
    assert "цель 70" in shown
    assert "Поиск нужных людей" in shown  # the legend
    assert any(t.startswith("Хорошая база\n60-70") for t in shown)
    assert not any(w in " ".join(shown) for w in ("Total", "Pillars", "target", "snapshot"))
    fig.canvas.draw()
    ticks = [t.get_text() for t in fig.axes[1].get_xticklabels()]
    assert ticks
    assert not any(c.isalpha() for t in ticks for c in t)  # no English month names


def test_chart_texts_in_hebrew_are_in_visual_order(tmp_path: Path) -> None:
    fig = plot_history(steady([0, 1, 2]), target=70, locale="he")
    shown = _all_text(fig)
    # Drawn left to right, so stored in visual order: the number keeps its own order.
    assert "(0-100) לוכה ךס" in shown
    assert "70 דעי" in shown
    assert any("2026-10-03 דע 2026-10-01" in t for t in shown)  # the period, from the right
    assert fig.get_suptitle() == "LinkedIn SSI: me"
    fig.savefig(tmp_path / "he.png")
    assert (tmp_path / "he.png").stat().st_size > 10_000
