"""Import speed: a year of one profile from each format, against a plain read of the same files.

    python benchmarks/bench_import.py            # a year (365 days) per format
    python benchmarks/bench_import.py --quick    # 60 days, a few seconds (CI)

For each format the fixture generator (``tests/fixtures/history/make_history.py``)
writes the days into a temporary folder; then ``import_history`` into a new,
open SQLite store (detection, reading, settling, comparing, one write) is timed
against the baseline: the same files read with plain ``csv.reader`` /
``json.load`` / ``sqlite3`` (no objects, no checks). The target is under a
second for a year in every format. The column "of which put_many" is the store's own
write of the same snapshots, part of the import time. Medians of several runs; printed,
never asserted.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import importlib.util
import json
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import ssi_index

ROOT = Path(__file__).resolve().parent.parent
# (format, folder of the generator, the file or folder to import)
CASES = (
    ("socialedge", "socialedge", "ssiHistory.json"),
    ("linkedin-bot-csv", "linkedin-bot-csv", "ssi_history.csv"),
    ("linkedin-bot-sqlite", "linkedin-bot-sqlite", "linkedin_bot.db"),
    ("ssi-data", "ssi-data", "data"),
    ("ssi-booster", "ssi-booster", "ssi_history.json"),
    ("ssi-snapshots", "ssi-snapshots", "ssi_history.json"),
    ("ssi-tracker", "ssi-tracker", "ssi.json"),
    ("ssi-analyzer", "ssi-analyzer", "snapshots.json"),
    ("ssi-index-csv", "ssi-index", "export.csv"),
    ("ssi-index-json", "ssi-index", "export.json"),
    ("files", "files", "answers"),
)


def generator() -> ModuleType:
    path = ROOT / "tests" / "fixtures" / "history" / "make_history.py"
    spec = importlib.util.spec_from_file_location("make_history", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def plain_read(path: Path) -> int:
    """The baseline: read every file of *path* with the standard library, no objects built."""
    count = 0
    for file in sorted(path.iterdir()) if path.is_dir() else [path]:
        if file.suffix == ".db":
            with sqlite3.connect(file) as con:
                count += len(con.execute("SELECT * FROM ssi_history").fetchall())
        elif file.suffix == ".json":
            with open(file, "rb") as f:
                data = json.load(f)
            count += len(data) if isinstance(data, list) else 1
        elif file.suffix == ".csv":
            with open(file, encoding="utf-8-sig", newline="") as f:
                count += sum(
                    1 for _ in csv.reader(f, delimiter=";" if "ssi_" in file.name else ",")
                )
    return count


def write_files(folder: Path, days: int) -> None:
    """``files``: one LinkedIn JSON answer a day (the parser's own fixture)."""
    answer = (ROOT / "tests" / "fixtures" / "json" / "api-2026.json").read_bytes()
    folder.mkdir(parents=True)
    start = dt.datetime(2025, 12, 1, 9, tzinfo=dt.UTC).timestamp()
    for day in range(days):
        file = folder / f"ssi-{day:03d}.json"
        file.write_bytes(answer)
        when = start + day * 86400
        os.utime(file, (when, when))


def median_time(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def median_write(path: Path, runs: int) -> float:
    """Median time of only writing the imported snapshots (``put_many``) into a new store."""
    with ssi_index.MemoryStore() as memory:
        ssi_index.import_history(path, memory, "me")
        snapshots = memory.history("me")
    times = []
    for run in range(runs):
        db = path.parent / f"write-{run}.db"
        with ssi_index.SQLiteStore(db) as store:
            store.profiles()
            start = time.perf_counter()
            store.put_many(snapshots)
            times.append(time.perf_counter() - start)
        db.unlink()
    return statistics.median(times)


def median_import(path: Path, fmt: str, runs: int) -> tuple[float, ssi_index.ImportReport]:
    """Median time of importing *path* into a new, already open SQLite store."""
    times = []
    report = None
    for run in range(runs):
        db = path.parent / f"bench-{run}.db"
        with ssi_index.SQLiteStore(db) as store:
            store.profiles()  # the schema exists before the clock starts
            start = time.perf_counter()
            report = ssi_index.import_history(path, store, "me")
            times.append(time.perf_counter() - start)
        db.unlink()
        assert report.format == fmt, report.format
    assert report is not None
    return statistics.median(times), report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="60 days instead of a year")
    args = parser.parse_args()
    days = 60 if args.quick else 365
    runs = 3 if args.quick else 5
    make = generator()
    print(f"import_history: {days} days of one profile per format, median of {runs} runs")
    print(
        f"{'format':22} {'import':>9} {'plain read':>11} {'ratio':>7} "
        f"{'of which put_many':>18}  rows"
    )
    slowest = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        for fmt, folder, target in CASES:
            where = base / fmt
            if fmt == "files":
                write_files(where / target, days)
            else:
                rng = make.random.Random(14)
                make.WRITERS[folder](where, rng, days)
            path = where / target

            took, report = median_import(path, fmt, runs)
            plain = median_time(lambda path=path: plain_read(path), runs)
            write = median_write(path, runs)
            slowest = max(slowest, took)
            print(
                f"{fmt:22} {took * 1000:7.1f}ms {plain * 1000:9.2f}ms {took / plain:6.1f}x "
                f"{write * 1000:16.1f}ms  {report.added} stored, {len(report.refused)} refused"
            )
        shutil.rmtree(base, ignore_errors=True)
    verdict = "under" if slowest < 1.0 else "OVER"
    print(f"slowest format: {slowest * 1000:.0f} ms ({verdict} the 1 s target for {days} days)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
