"""What moved your score: import a LinkedIn data export beside the SSI history and read the effects.

Uses the bundled synthetic data (examples/data/): an export ZIP of 40 weeks of
invented activity and the matching daily SSI history. Only per-day counts are
kept from the archive. Run from the repository root, optionally with a locale::

    python examples/what_moved.py        # English
    python examples/what_moved.py he     # Hebrew (or ru)
"""

from __future__ import annotations

import csv
import datetime as dt
import sys
import tempfile
from pathlib import Path

import ssi_index
from ssi_index import Score, Snapshot
from ssi_index.activity import import_summary

DATA = Path(__file__).resolve().parent / "data"
ARCHIVE = DATA / "Complete_LinkedInDataExport_10-05-2026.zip"
HISTORY = DATA / "ssi-history-synthetic.csv"


def read_history(profile: str) -> list[Snapshot]:
    with HISTORY.open(encoding="utf-8", newline="") as lines:
        return [
            Snapshot(
                profile=profile,
                day=dt.date.fromisoformat(row["day"]),
                score=Score.from_pillars(
                    [float(row[c]) for c in ("brand", "find_people", "engage", "relationships")]
                ),
            )
            for row in csv.DictReader(lines)
        ]


def main() -> None:
    locale = sys.argv[1] if len(sys.argv) > 1 else "en"
    folder = Path(tempfile.mkdtemp(prefix="ssi-what-moved-"))
    with ssi_index.SQLiteStore(folder / "ssi.db") as store:
        store.put_many(read_history("me"))
        report = ssi_index.import_linkedin_export(ARCHIVE, store, "me", locale=locale)
        print(import_summary(report, locale))
        print()
        view = ssi_index.insights(store, "me", locale=locale)
        print(view.text())
        # The same data read with LinkedIn's 2015 metric list instead of the guides:
        other = ssi_index.insights(store, "me", locale=locale, pillar_map="linkedin-2015")
        moved = [(e.pillar.label, e.kind.value) for e in other.effects.effects]
        print(f"with the linkedin-2015 map: {moved}")
        # What a pace model reads: points per week per invitation, with its interval.
        per_unit = view.effects.points_per_unit("FIND_RIGHT_PEOPLE")
        print({kind.value: tuple(round(v, 3) for v in values) for kind, values in per_unit.items()})
        # It feeds the coaching: the roadmap and this week's focus at your own pace.
        history = store.history("me")
        latest = history[-1]
        activities = store.activities("me")
        road = ssi_index.roadmap(
            latest.score,
            70,
            history=history[:-1],
            activities=activities,
            start=latest.day,
            weeks=4,
            locale=locale,
        )
        print(road.to_text())
        week = ssi_index.focus(
            latest.score,
            history=history[:-1],
            activities=activities,
            start=latest.day,
            locale=locale,
        )
        print(week.to_text())
        page = folder / "what-moved.html"
        page.write_text(f'<meta charset="utf-8">{view.html()}', encoding="utf-8")
        print(f"HTML with charts: {page}")


if __name__ == "__main__":
    main()
