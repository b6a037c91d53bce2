"""Write the shareable reports: one seller's week for a coach, and the team's for the coach.

A sample store is built at run time in a temporary folder (a SQLite file): Dana's
half year of scores with a three-week holiday, her notes, and a team of twelve
sellers plus a newcomer. The reports go to a folder of their own: the personal
one in English and Hebrew (HTML and Markdown), the team one in English and Russian.
Open the HTML files in any browser; they load nothing from the internet.

Run from the repository root::

    python examples/reports.py            # writes to a new temporary folder
    python examples/reports.py out/       # or to out/
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import tempfile
from pathlib import Path

import ssi_index
from ssi_index import Note, Score, Snapshot

TODAY = dt.date(2026, 11, 30)  # a Monday: "this week" is 24 to 30 November


def sample_store(path: Path) -> None:
    """Fill a SQLite store at *path* with a person's history and a team of twelve."""
    rng = random.Random(3)
    with ssi_index.open_store(f"sqlite:///{path}") as store:
        pillars = [10.0, 8.0, 7.0, 12.0]
        for days_ago in range(160, -1, -3):
            if 61 <= days_ago <= 79:
                continue  # on holiday: no scores, and the chart shows the gap
            pillars = [min(25.0, max(0.0, v + rng.uniform(-0.3, 0.6))) for v in pillars]
            store.put(
                Snapshot(
                    profile="dana",
                    day=TODAY - dt.timedelta(days=days_ago),
                    score=Score.from_pillars([round(v, 2) for v in pillars]),
                    source="manual",
                )
            )
        store.add_note(
            Note(
                profile="dana",
                day=TODAY - dt.timedelta(days=4),
                text="sent 20 personal invitations to heads of procurement",
                pillar="FIND_RIGHT_PEOPLE",
            )
        )
        store.add_note(
            Note(
                profile="dana",
                day=TODAY - dt.timedelta(days=1),
                text="posted a recap of the logistics conference",
                pillar="INSIGHT_ENGAGEMENT",
            )
        )
        for i in range(12):
            member = f"seller-{i + 1:02d}"
            store.set_team(member, "emea")
            values = [rng.uniform(8, 20) for _ in range(4)]
            for weeks_ago in (3, 2, 1, 0):
                values = [min(25.0, max(0.0, v + rng.uniform(-0.8, 1.2))) for v in values]
                if i == 3 and weeks_ago == 0:
                    continue  # seller-04 has not recorded this week
                day = TODAY - dt.timedelta(days=7 * weeks_ago + rng.randrange(3))
                score = Score.from_pillars([round(v, 2) for v in values])
                store.put(Snapshot(profile=member, day=day, score=score))
        store.set_team("newcomer", "emea")


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="ssi-reports-"))
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ssi-sample-") as folder:
        db = Path(folder) / "sample-store.db"
        sample_store(db)
        with ssi_index.open_store(f"sqlite:///{db}") as store:
            files = {
                "dana.html": ssi_index.report_html(store, "dana", today=TODAY),
                "dana.he.html": ssi_index.report_html(store, "dana", today=TODAY, locale="he"),
                "dana.md": ssi_index.report_markdown(store, "dana", today=TODAY),
                "team-emea.html": ssi_index.report_html(store, team="emea", today=TODAY),
                "team-emea.ru.html": ssi_index.report_html(
                    store, team="emea", today=TODAY, locale="ru"
                ),
                "team-emea.md": ssi_index.report_markdown(store, team="emea", today=TODAY),
            }
            try:
                ssi_index.report_html(store, team="nobody", today=TODAY)
            except ssi_index.TeamTooSmallError as err:
                print(f"A team under the privacy floor is refused: {err}")
    for name, text in files.items():
        (out / name).write_text(text, encoding="utf-8")
        print(f"wrote {out / name} ({len(text.encode()):,} bytes)")
    print("\n".join(files["dana.md"].splitlines()[:9]))


if __name__ == "__main__":
    main()
