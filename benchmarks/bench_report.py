"""Report speed, as ratios against baselines measured in the same run.

    python benchmarks/bench_report.py            # a year of daily scores, a cohort of 50
    python benchmarks/bench_report.py --quick    # small sizes, a few seconds (CI)

1. ``report_html`` for one profile with a year of daily snapshots vs the same profile's
   notebook history table (``History._repr_html_``), and vs gathering the report's data
   alone (the weekly report, roadmap and history it shows): the layout's own cost.
2. ``report_html(team=...)`` for a cohort of M members vs gathering its data alone (the
   leaderboard and one weekly report per member).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time
from collections.abc import Callable

import ssi_index
from ssi_index import MemoryStore, Note, Score, Snapshot
from ssi_index.report import _data

TODAY = dt.date(2026, 11, 30)


def best(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times) if len(times) < 3 else statistics.median(sorted(times)[: len(times) // 2])


def filled(days: int, members: int) -> MemoryStore:
    store = MemoryStore()
    for d in range(days):
        a = 8 + d * 10 / days
        store.put(
            Snapshot(
                profile="me",
                day=TODAY - dt.timedelta(days=days - 1 - d),
                score=Score.from_pillars([a, a * 0.9, a * 0.8, 12]),
            )
        )
        if d % 5 == 0:
            store.add_note(
                Note(profile="me", day=TODAY - dt.timedelta(days=days - 1 - d), text=f"note {d}")
            )
    for m in range(members):
        member = f"m-{m:03d}"
        store.set_team(member, "cohort")
        for w in range(4):
            v = 6 + (m * 7 + w) % 15
            store.put(
                Snapshot(
                    profile=member,
                    day=TODAY - dt.timedelta(days=7 * (3 - w)),
                    score=Score.from_pillars([v, v + 1, v / 2, 10]),
                )
            )
    return store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes (CI)")
    args = parser.parse_args()
    days, members, repeat = (90, 12, 3) if args.quick else (365, 50, 7)
    store = filled(days, members)
    history = store.history("me")
    notes = store.notes("me")

    report = best(lambda: ssi_index.report_html(store, "me", today=TODAY), repeat)
    table = best(lambda: history._repr_html_(), repeat)
    gather = best(lambda: _data.personal(store, "me", today=TODAY), repeat)
    weekly = best(lambda: ssi_index.weekly_report(history, notes=notes, today=TODAY), repeat)
    print(f"personal report, {days} days: {report * 1000:.1f} ms")
    print(f"  vs the notebook history table: {report / table:.1f}x")
    print(f"  vs gathering its data alone:   {report / gather:.2f}x")
    print(f"  (weekly_report alone: {weekly * 1000:.1f} ms)")

    team = best(lambda: ssi_index.report_html(store, team="cohort", today=TODAY), repeat)
    work = best(lambda: _data.team(store, "cohort", today=TODAY), repeat)
    print(f"team report, {members} members: {team * 1000:.1f} ms")
    print(f"  vs gathering its data alone: {team / work:.2f}x")


if __name__ == "__main__":
    main()
