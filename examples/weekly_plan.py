"""Your weekly plan: a roadmap to the target, this week's focus and the weekly report.

Runs offline on the Hebrew guide's worked example (brand 13.4, finding people 10.7,
engagement 11.1, relationships 25) and a month of history written here, in English, Hebrew
and Russian. Pass a locale to print only that one: ``python examples/weekly_plan.py he``.
"""

from __future__ import annotations

import datetime as dt
import sys

from ssi_index import Note, Score, Snapshot, focus, roadmap, weekly_report

TODAY = dt.date(2026, 1, 5)
WORKED = Score.from_pillars([13.4, 10.7, 11.1, 25])

# Four earlier weeks of the same profile: a drop in engagement, then a rise of 2.1 points.
MONTH = [
    (12.0, 9.0, 10.0, 25.0),
    (12.5, 9.5, 10.2, 25.0),
    (13.0, 10.6, 10.5, 25.0),
    (13.2, 10.4, 9.0, 25.0),
]
HISTORY = [
    Snapshot(profile="me", day=TODAY - dt.timedelta(weeks=4 - i), score=Score.from_pillars(v))
    for i, v in enumerate(MONTH)
]
SNAPSHOTS = [*HISTORY, Snapshot(profile="me", day=TODAY, score=WORKED)]
NOTES = [Note(profile="me", day=TODAY - dt.timedelta(days=2), text="commented on 12 posts")]


def main(locales: list[str]) -> None:
    for locale in locales:
        print(f"===== {locale} =====")
        print(roadmap(WORKED, 70, start=TODAY, locale=locale))
        print()
        print(focus(WORKED, start=TODAY, locale=locale))
        print()
        print(weekly_report(SNAPSHOTS, notes=NOTES, locale=locale, today=TODAY))
        print()


if __name__ == "__main__":
    main(sys.argv[1:] or ["en", "he", "ru"])
