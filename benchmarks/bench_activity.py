"""How fast the activity import and ``effects`` run, against baselines measured in the same run.

* Import: an export of 100k rows (messages, reactions, comments, invitations,
  connections, searches) imported into a MemoryStore and into a SQLite file,
  against reading the same CSV files out of the same ZIP with ``csv.reader``
  alone. Goal: at most 3x.
* ``effects`` on a year of one profile (daily snapshots and activity): against
  one plain pass that sums the activity counts per week. Goal: under 50 ms.

Run: ``python benchmarks/bench_activity.py`` (``--quick`` for a few seconds' run).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import random
import sys
import tempfile
import time
import timeit
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from activity_simulation import simulate  # noqa: E402
from ssi_index import MemoryStore, SQLiteStore  # noqa: E402
from ssi_index.activity import effects, import_linkedin_export  # noqa: E402


def best(func: Callable[[], object], number: int, repeat: int) -> float:
    """Best CPU time of one call, in seconds (process time: other work does not skew it)."""
    timer = timeit.Timer(func, timer=time.process_time)
    return min(timer.repeat(number=number, repeat=repeat)) / number


def _day(rng: random.Random) -> dt.date:
    return dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(600))


def write_archive(path: Path, rows: int) -> None:
    """An export ZIP of about *rows* data rows, in the real files' formats."""
    rng = random.Random(7)
    me = "https://www.linkedin.com/in/me-owner"
    shares = {
        "messages.csv": 0.4,
        "Reactions_7789716.csv": 0.25,
        "Comments_7789716.csv": 0.1,
        "Invitations.csv": 0.1,
        "Connections.csv": 0.1,
        "SearchQueries.csv": 0.05,
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, share in shares.items():
            out = io.StringIO()
            n = int(rows * share)
            if name == "messages.csv":
                out.write(
                    '"CONVERSATION ID","CONVERSATION TITLE","FROM","SENDER PROFILE URL","TO",'
                    '"RECIPIENT PROFILE URLS","DATE","SUBJECT","CONTENT","FOLDER","ATTACHMENTS",'
                    '"IS MESSAGE DRAFT","IS CONVERSATION DRAFT"\n'
                )
                for i in range(n):
                    other = f"https://www.linkedin.com/in/person-{i % 400}"
                    s, r = (me, other) if i % 2 else (other, me)
                    out.write(
                        f"2-{i % 900},,A B,{s},C D,{r},{_day(rng)} 10:{i % 60:02d}:00 UTC,,"
                        f'"Hello, this is message {i}",INBOX,,No,No\n'
                    )
            elif name.startswith("Reactions"):
                out.write("Date,Type,Link\n")
                for i in range(n):
                    out.write(f"{_day(rng)} 09:15:{i % 60:02d},LIKE,https://lnkd.in/{i}\n")
            elif name.startswith("Comments"):
                out.write("Date,Link,Message\n")
                for i in range(n):
                    out.write(f'{_day(rng)} 11:00:00,https://lnkd.in/{i},"Nice \\"point\\", {i}"\n')
            elif name == "Invitations.csv":
                out.write("From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n")
                for i in range(n):
                    d = _day(rng)
                    way = "OUTGOING" if i % 3 else "INCOMING"
                    out.write(f'A,B,"{d.month}/{d.day}/{d:%y}, 9:05 AM",,{way},{me},{me}x\n')
            elif name == "Connections.csv":
                out.write('Notes:\n"about e-mail addresses"\n\n')
                out.write("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n")
                for i in range(n):
                    out.write(f"F{i},L,https://x/{i},,Co,Role,{_day(rng):%d %b %Y}\n")
            else:
                out.write("Time,Search Query\n")
                for i in range(n):
                    out.write(f"{_day(rng):%Y/%m/%d} 15:02:55 UTC,query {i}\n")
            zf.writestr(name, out.getvalue())


def read_with_csv(path: Path) -> int:
    """The baseline: every row of every CSV in the ZIP through csv.reader, nothing else."""
    rows = 0
    with zipfile.ZipFile(path) as zf:
        for info in zf.infolist():
            with zf.open(info) as raw:
                text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
                for _ in csv.reader(text):
                    rows += 1
    return rows


def weekly_sums(activities: list[object]) -> int:
    """The baseline for effects: one pass summing counts per (week, kind)."""
    sums: dict[tuple[dt.date, object], int] = {}
    for a in activities:
        key = (a.day - dt.timedelta(days=a.day.weekday()), a.kind)  # type: ignore[attr-defined]
        sums[key] = sums.get(key, 0) + a.count  # type: ignore[attr-defined]
    return len(sums)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, few repetitions (CI)")
    args = parser.parse_args()
    rows = 20_000 if args.quick else 100_000
    repeat = 3 if args.quick else 5
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp) / "Complete_LinkedInDataExport_09-23-2026.zip"
        write_archive(archive, rows)
        n = read_with_csv(archive)
        base = best(lambda: read_with_csv(archive), 1, repeat)
        memory = best(lambda: import_linkedin_export(archive, MemoryStore(), "me"), 1, repeat)

        def into_sqlite() -> None:
            db = Path(tmp) / "ssi.db"
            db.unlink(missing_ok=True)
            with SQLiteStore(db) as store:
                import_linkedin_export(archive, store, "me")

        lite = best(into_sqlite, 1, repeat)
        print(f"import of {n:,} CSV rows: csv.reader alone {base * 1000:.0f} ms")
        print(f"  into MemoryStore {memory * 1000:.0f} ms: {memory / base:.2f}x csv.reader")
        print(f"  into SQLiteStore {lite * 1000:.0f} ms: {lite / base:.2f}x csv.reader")
        print("  (goal <= 3x at 100k rows; --quick sizes are dominated by fixed costs)")
    sim = simulate(1, 52)
    acts = sim.activities
    base = best(lambda: weekly_sums(acts), 5, repeat)  # type: ignore[arg-type]
    took = best(lambda: effects(sim.snapshots, acts), 3, repeat)
    print(
        f"effects on a year ({len(sim.snapshots)} snapshots, {len(acts)} activity rows): "
        f"{took * 1000:.1f} ms (goal < 50 ms); {took / base:.1f}x one weekly-sum pass "
        f"({base * 1000:.2f} ms)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
