"""Draw a quarter of SSI history as a chart: total, pillars, tier bands, target, notes.

Run from the repository root: ``python examples/plot_history.py`` (needs the
``plot`` extra: ``pip install 'ssi-index[plot]'``). The scores are made up and
kept in a SQLite store; the store and the chart (PNG and SVG) go to a new
temporary folder, whose path is printed so you can open the chart.
"""

from __future__ import annotations

import datetime as dt
import math
import tempfile
from pathlib import Path

from ssi_index import Note, Pillar, Score, Snapshot
from ssi_index.plot import plot_history
from ssi_index.storage import SQLiteStore

PROFILE = "dana"
START = dt.date(2026, 8, 3)
TARGET = 70


def quarter_of_scores() -> list[Snapshot]:
    """Thirteen weeks of slow, uneven growth, with a holiday week and a few missed days."""
    snapshots = []
    for n in range(91):
        day = START + dt.timedelta(days=n)
        if 35 <= n < 42 or n in (12, 13, 60):  # no capture: gaps in the chart, never zeros
            continue
        wobble = 0.3 * math.sin(n / 3)
        pillars = [
            min(25.0, 11.0 + 0.07 * n + wobble),  # brand: profile work, then steady posting
            min(25.0, 8.0 + (0.02 * n if n < 30 else 0.6 + 0.09 * (n - 30))),  # invitations
            min(25.0, 9.5 + 0.1 * n - wobble),  # engagement
            min(25.0, 19.0 + 0.06 * n),  # relationships
        ]
        score = Score.from_pillars([round(p, 2) for p in pillars])
        snapshots.append(Snapshot(profile=PROFILE, day=day, score=score, source="api"))
    return snapshots


NOTES = [
    Note(
        profile=PROFILE,
        day=START + dt.timedelta(days=4),
        text="rewrote headline and About",
        pillar=Pillar.PROFESSIONAL_BRAND,
    ),
    Note(
        profile=PROFILE,
        day=START + dt.timedelta(days=30),
        text="started 15 personal invitations a week to buyers at target accounts",
        pillar=Pillar.FIND_RIGHT_PEOPLE,
    ),
    Note(profile=PROFILE, day=START + dt.timedelta(days=38), text="holiday week: no captures"),
    Note(
        profile=PROFILE,
        day=START + dt.timedelta(days=64),
        text="answered all pending invitations and messages",
        pillar=Pillar.STRONG_RELATIONSHIP,
    ),
]


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="ssi-index-plot-"))
    with SQLiteStore(folder / "ssi.db") as store:
        store.put_many(quarter_of_scores())
        for note in NOTES:
            store.add_note(note)
        history = store.history(PROFILE)
        notes = store.notes(PROFILE)

    fig = plot_history(history, target=TARGET, notes=notes)
    png, svg = folder / "ssi-history.png", folder / "ssi-history.svg"
    fig.savefig(png, dpi=150)
    fig.savefig(svg)

    latest = history[-1]
    print(f"{len(history)} snapshots of {PROFILE!r}, {history[0].day} to {latest.day}")
    print(
        f"latest total {latest.score.overall:.1f} (tier {latest.score.tier.name}), target {TARGET}"
    )
    print(f"chart: {png} ({png.stat().st_size:,} bytes)")
    print(f"       {svg} ({svg.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
