"""A sales team's leaderboard from a shared store.

Twelve sellers record their SSI into one store (here a SQLite file in a temporary
folder; a team would use ``postgresql://...``). The leaderboard ranks each
member's latest total beside the team's averages. Like LinkedIn, ssi-index
refuses to report a team of fewer than 10 members unless you lower the floor.

Run from the repository root::

    python examples/team_leaderboard.py
"""

from __future__ import annotations

import datetime as dt
import random
import tempfile
from pathlib import Path

import ssi_index
from ssi_index import Score, Snapshot


def main() -> None:
    rng = random.Random(7)
    today = dt.date(2026, 11, 23)
    folder = Path(tempfile.mkdtemp(prefix="ssi-team-"))
    with ssi_index.open_store(f"sqlite:///{folder / 'team.db'}") as store:
        for i in range(12):
            profile = f"seller-{i + 1:02d}"
            store.set_team(profile, "emea-sales")
            pillars = [round(rng.uniform(6, 24), 2) for _ in range(4)]
            store.put(
                Snapshot(
                    profile=profile,
                    day=today,
                    score=Score.from_pillars(pillars),
                    source="manual",
                )
            )

        board = ssi_index.leaderboard(store, "emea-sales")
        print(f"Team {board.team}: {len(board.rows)} members, average SSI {board.average:.1f}")
        for row in board.rows:
            weakest = min(row.pillars, key=lambda p: row.pillars[p])
            print(
                f"  {row.rank:>2}. {row.profile:<10} {row.overall:5.1f}   weakest: {weakest.label}"
            )

        store.set_team("seller-12", None)
        store.set_team("seller-11", None)
        store.set_team("seller-10", None)
        try:
            ssi_index.leaderboard(store, "emea-sales")
        except ssi_index.TeamTooSmallError as err:
            print(f"With 9 members: {err}")
        small = ssi_index.leaderboard(store, "emea-sales", floor=5)
        print(
            f"With floor=5 the team of {len(small.rows)} is shown: leader {small.rows[0].profile}"
        )


if __name__ == "__main__":
    main()
