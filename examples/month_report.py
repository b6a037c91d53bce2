"""Record a month of SSI scores in a SQLite store, then print the week-over-week report.

Run from the repository root: ``python examples/month_report.py``. The store is a
file in a temporary folder, deleted at the end.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from ssi_index import Note, Score, Snapshot, changes, drop_alerts, forecast, streak
from ssi_index.storage import open_store

PROFILE = "me"
START = dt.date(2026, 3, 2)  # a Monday
TARGET = 50.0


def month_of_scores() -> list[Snapshot]:
    """A made-up month: slow growth, weekends skipped, one day LinkedIn recalculated."""
    snapshots = []
    brand, people, insight, relations = 12.0, 9.0, 7.5, 10.5
    for n in range(35):
        day = START + dt.timedelta(days=n)
        brand += 0.12
        people += 0.05 if n < 14 else 0.15  # invitations started in week 3
        insight += 0.08
        relations += 0.02
        if n == 17:  # every pillar dips at once: more likely LinkedIn than the member
            brand, people, insight, relations = (
                brand - 0.8,
                people - 0.7,
                insight - 0.6,
                relations - 0.5,
            )
        if day.weekday() >= 5:  # no capture at weekends: gaps, not zeros
            continue
        captured = dt.datetime.combine(day, dt.time(8, 0), tzinfo=dt.UTC)
        score = Score.from_pillars([round(v, 2) for v in (brand, people, insight, relations)])
        snapshots.append(
            Snapshot(profile=PROFILE, day=day, score=score, captured_at=captured, source="api")
        )
    return snapshots


NOTES = [
    Note(
        profile=PROFILE,
        day=START + dt.timedelta(days=8),
        text="posted an article",
        pillar="PROFESSIONAL_BRAND",
    ),
    Note(
        profile=PROFILE,
        day=START + dt.timedelta(days=15),
        text="sent 20 personal invitations",
        pillar="FIND_RIGHT_PEOPLE",
    ),
]


def iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'ssi.db'}"  # four slashes: an absolute path
        with open_store(url) as store:
            written = store.put_many(month_of_scores())
            for note in NOTES:
                store.add_note(note)
            history = store.history(PROFILE)
            notes = store.notes(PROFILE)

    first, last = history[0].day, history[-1].day
    print(f"{written} snapshots of {PROFILE!r}, {first} to {last}\n")
    weeks = changes(history, period="week", notes=notes)
    print(f"{'week':<9} {'value':>6} {'change':>7}  {'moved most':<42} notes")
    if weeks:
        print(f"{iso_week(weeks[0].before.day)} {weeks[0].before.score.overall:6.2f}")
    for change in weeks:
        moved = change.moved_most
        what = "" if moved is None else f"{moved.label} {change.pillars[moved]:+.2f}"
        trend = "flat" if change.flat else f"{change.total:+.2f}"
        texts = "; ".join(n.text for n in change.notes)
        value = change.after.score.overall
        print(f"{iso_week(change.after.day)} {value:6.2f} {trend:>7}  {what:<42} {texts}".rstrip())

    for alert in drop_alerts(history, min_drop=1.0):
        cause = (
            "likely a LinkedIn recalculation" if alert.likely_recalculation else "check activity"
        )
        print(f"\nDrop on {alert.day}: -{alert.drop:.2f} points ({cause})")

    run = streak(history)
    print(f"Improving {run.weeks} week(s) in a row (longest {run.longest})")
    outlook = forecast(history, TARGET)
    if outlook.day is not None:
        print(
            f"Target {TARGET:g}: {outlook.status.value}, {outlook.day} at {outlook.pace:+.2f}/week"
        )
    else:
        print(f"Target {TARGET:g}: {outlook.status.value}")


if __name__ == "__main__":
    main()
