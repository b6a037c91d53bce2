"""Storage at the size of an agency (issue 15): ratios against baselines measured in the same run.

    python benchmarks/bench_scale.py --quick     # 300 profiles x 30 days: seconds (CI)
    python benchmarks/bench_scale.py             # 10,000 profiles x 365 days = 3.65M snapshots
    python benchmarks/bench_scale.py --profiles 2000 --days 365      # any other size

SQLite work is timed as this process's CPU time (the machine may be shared),
PostgreSQL's by the wall clock. The full size takes a long time (tens of minutes on a
busy machine, most of it the two ingests) and about 1 GB of disk in the temporary
folder. Each line prints ssi-index's time, the baseline's and their ratio beside the goal:

1. Ingest through ``put_many``, one batch per day with every profile in it, against a
   plain ``executemany`` of ready-made rows into a minimal table keyed on
   ``(profile, day)``, the two interleaved batch by batch (goal: within 2x), and how
   much each one's per-batch time grows from the first tenth of the batches to the
   last (goal: ours no faster than the plain one's).
2. Bytes per snapshot with its group data: the SQLite file after a checkpoint
   (goal: at most 100), and, with PostgreSQL, its tables and indexes.
3. The team leaderboard of 50 and of 5,000 members against hand-written SQL giving the
   same answer from the store's own tables (goal: within 1.5x).
4. ``history()`` of one profile against a plain ``SELECT`` of the same rows (goal: 1.3x).
5. ``export_csv(store)`` against a plain ``SELECT`` into ``csv.writer`` (goal: 1.5x), and
   the export's peak memory, measured in a fresh process (goal: under 100 MB).
6. ``to_dataframe(store)`` against ``pandas.read_sql`` of the same rows (goal: 2x).

PostgreSQL (3, 4 and its size) runs when ``SSI_INDEX_TEST_POSTGRES_URL`` is set, in a
schema of its own that is dropped at the end.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import functools
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ssi_index import GroupScore, Score, Snapshot, export_csv, leaderboard, to_dataframe
from ssi_index.storage import SQLiteStore

START = dt.date(2025, 1, 1)
CAPTURED = dt.datetime(2025, 1, 1, 7, 30, tzinfo=dt.UTC)
_DECODE = "CASE typeof(s.{c}) WHEN 'integer' THEN s.{c} / 100.0 ELSE s.{c} END"
_PILLARS = ("professional_brand", "find_right_people", "insight_engagement", "strong_relationship")


def score(profile: int, day: int) -> Score:
    """A plausible score that drifts from day to day, with the two usual groups."""
    base = (profile * 37 % 200) / 10
    drift = (day % 30) / 10
    pillars = [min(25.0, base / 2 + drift), base / 3, min(25.0, 5 + drift), (profile % 90) / 4]
    return Score.from_pillars(
        [round(p, 2) for p in pillars],
        groups=(
            GroupScore(
                kind="INDUSTRY", rank=1 + (profile + day) % 99, average=28.4, name="Software"
            ),
            GroupScore(kind="NETWORK", rank=1 + (profile * 3 + day) % 99, average=30.1),
        ),
    )


def day_batch(profiles: int, day: int) -> list[Snapshot]:
    when = START + dt.timedelta(days=day)
    captured = CAPTURED + dt.timedelta(days=day)
    return [
        Snapshot(
            profile=f"member-{p:05d}",
            day=when,
            score=score(p, day),
            captured_at=captured + dt.timedelta(seconds=p),
            source="api",
        )
        for p in range(profiles)
    ]


def line(name: str, ours: float, base: float, goal: float, unit: str = "ms") -> None:
    ratio = ours / base
    verdict = "ok" if ratio <= goal else "ABOVE GOAL"
    scale = 1000 if unit == "ms" else 1
    print(
        f"  {name}: ssi-index {ours * scale:10.2f} {unit} | baseline {base * scale:10.2f} {unit}"
        f" | ratio {ratio:5.2f}x (goal <= {goal:g}x) {verdict}"
    )


# SQLite runs inside this process, so its CPU time is all the work, and it does not
# count what other programs on a shared machine take; PostgreSQL works in the server,
# so it is timed by the wall clock.
CPU = time.process_time
WALL = time.perf_counter


def timed(work: Callable[[], object], clock: Callable[[], float] = CPU) -> float:
    began = clock()
    work()
    return clock() - began


def interleaved(
    ours: Callable[[], object],
    base: Callable[[], object],
    runs: int,
    clock: Callable[[], float] = CPU,
) -> tuple[float, float]:
    """Medians of *runs* alternating calls, so both see the same machine noise."""
    mine, theirs = [], []
    for _ in range(runs):
        mine.append(timed(ours, clock))
        theirs.append(timed(base, clock))
    return statistics.median(mine), statistics.median(theirs)


# -- 1 and 2: ingest and size -----------------------------------------------------------


def plain_batch(con: sqlite3.Connection, rows: list[tuple[object, ...]]) -> None:
    con.execute("BEGIN IMMEDIATE")
    con.executemany("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    con.execute("COMMIT")


def ingest(folder: Path, profiles: int, days: int) -> Path:
    path = folder / "store.db"
    plain = sqlite3.connect(folder / "plain.db", isolation_level=None)
    plain.execute("PRAGMA journal_mode = WAL")
    plain.execute("PRAGMA synchronous = NORMAL")
    plain.execute(
        "CREATE TABLE t (profile TEXT, day TEXT, overall REAL, professional_brand REAL, "
        "find_right_people REAL, insight_engagement REAL, strong_relationship REAL, "
        "PRIMARY KEY (profile, day)) WITHOUT ROWID"
    )
    ours: list[float] = []
    base: list[float] = []
    with SQLiteStore(path) as store:
        for day in range(days):
            batch = day_batch(profiles, day)
            rows = [
                (s.profile, s.day.isoformat(), s.score.overall, *s.score.pillars._values)
                for s in batch
            ]
            ours.append(timed(functools.partial(store.put_many, batch)))
            base.append(timed(functools.partial(plain_batch, plain, rows)))
    plain.close()
    count = profiles * days
    print(f"Ingest: {profiles:,} profiles x {days} days = {count:,} snapshots, a batch per day")
    line("put_many, all batches", sum(ours), sum(base), 2.0, unit="s")
    tenth = max(1, (days - 1) // 10)
    # The first batch also numbers every profile: growth is measured from the second.
    early, late = slice(1, 1 + tenth), slice(days - tenth, days)
    if days > 2:
        grow_ours = statistics.mean(ours[late]) / statistics.mean(ours[early])
        grow_base = statistics.mean(base[late]) / statistics.mean(base[early])
        verdict = "ok" if grow_ours <= grow_base * 1.1 else "GROWS FASTER"
        print(
            f"  per-batch time, first tenth -> last tenth: ssi-index "
            f"{statistics.mean(ours[early]) * 1000:.0f} -> {statistics.mean(ours[late]) * 1000:.0f}"
            f" ms (x{grow_ours:.2f}) | plain executemany "
            f"{statistics.mean(base[early]) * 1000:.0f} -> {statistics.mean(base[late]) * 1000:.0f}"
            f" ms (x{grow_base:.2f}) {verdict}"
        )
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.execute("ANALYZE")
    con.close()
    size = path.stat().st_size
    verdict = "ok" if size / count <= 100 else "ABOVE GOAL"
    print(
        f"  SQLite file: {size / 1e6:.1f} MB, {size / count:.1f} bytes per snapshot with its "
        f"two groups (goal <= 100) {verdict}"
    )
    return path


# -- 3 and 4: leaderboard and history -------------------------------------------------------


def sqlite_leaderboard_sql() -> str:
    decoded = {c: _DECODE.format(c=c) for c in ("overall", *_PILLARS)}
    columns = ", ".join(f"{sql} AS {c}" for c, sql in decoded.items())
    averages = ", ".join(f"avg({c}) OVER ()" for c in decoded)
    return f"""
        WITH newest AS (
            SELECT t.profile AS profile, s.day AS day, {columns}
            FROM ssi_teams AS t JOIN ssi_profiles AS p ON p.profile = t.profile
            JOIN ssi_scores AS s ON s.profile_id = p.id
                AND s.day = (SELECT max(day) FROM ssi_scores WHERE profile_id = p.id)
            WHERE t.team = ?
        )
        SELECT rank() OVER (ORDER BY overall DESC), profile, day, overall, {", ".join(_PILLARS)},
               {averages}
        FROM newest ORDER BY overall DESC, profile
    """


def postgres_leaderboard_sql() -> str:
    averages = ", ".join(f"avg({c}) OVER ()" for c in ("overall", *_PILLARS))
    return f"""
        SELECT rank() OVER (ORDER BY s.overall DESC), s.profile, s.day, s.overall,
               {", ".join(f"s.{c}" for c in _PILLARS)}, {averages}
        FROM ssi_teams AS t CROSS JOIN LATERAL (
            SELECT * FROM ssi_snapshots AS x WHERE x.profile = t.profile
            ORDER BY x.day DESC LIMIT 1) AS s
        WHERE t.team = %s ORDER BY s.overall DESC, s.profile
    """


def team_sizes(profiles: int) -> list[int]:
    return sorted({min(50, profiles), min(5000, profiles // 2)})


def compare_leaderboards(
    name: str,
    store: Any,
    query: Callable[[str], list[Any]],
    teams: list[int],
    clock: Callable[[], float] = CPU,
) -> None:
    for size in teams:
        team = f"team-{size}"
        board = leaderboard(store, team, floor=1)
        rows = query(team)
        assert [(r[1], r[0]) for r in rows] == [(r.profile, r.rank) for r in board.rows]
        assert abs(rows[0][8] - board.average) < 1e-6
        runs = 30 if size <= 50 else 7
        mine, theirs = interleaved(
            lambda team=team: leaderboard(store, team, floor=1),
            lambda team=team: query(team),
            runs,
            clock,
        )
        line(f"{name} leaderboard of {size:,}", mine, theirs, 1.5)


def compare_history(
    name: str,
    store: Any,
    plain: Callable[[str], list[Any]],
    days: int,
    clock: Callable[[], float] = CPU,
) -> None:
    profile = "member-00001"
    assert len(store.history(profile)) == len(plain(profile)) == days
    mine, theirs = interleaved(lambda: store.history(profile), lambda: plain(profile), 300, clock)
    line(f"{name} history() of one profile ({days} days)", mine, theirs, 1.3)


def set_teams(con: Any, profiles: int, teams: list[int], mark: str) -> None:
    rows: list[tuple[str, str]] = []
    start = 0
    for size in teams:
        rows += [(f"member-{p:05d}", f"team-{size}") for p in range(start, start + size)]
        start += size
    assert start <= profiles
    con.executemany(f"INSERT INTO ssi_teams (profile, team) VALUES ({mark}, {mark})", rows)


def sqlite_queries(path: Path, profiles: int, days: int) -> None:
    teams = team_sizes(profiles)
    con = sqlite3.connect(path, isolation_level=None)
    set_teams(con, profiles, teams, "?")
    board_sql = sqlite_leaderboard_sql()
    history_sql = (
        "SELECT s.* FROM ssi_scores AS s WHERE s.profile_id = "
        "(SELECT id FROM ssi_profiles WHERE profile = ?) ORDER BY s.day"
    )
    print("Queries (SQLite)")
    with SQLiteStore(path) as store:
        compare_leaderboards(
            "SQLite", store, lambda team: con.execute(board_sql, (team,)).fetchall(), teams
        )
        compare_history("SQLite", store, lambda p: con.execute(history_sql, (p,)).fetchall(), days)
    con.close()


# -- 5 and 6: exports --------------------------------------------------------------------------

_ALL_ROWS = (
    "SELECT p.profile, s.* FROM ssi_profiles AS p JOIN ssi_scores AS s ON s.profile_id = p.id "
    "ORDER BY p.profile, s.day"
)
_MEMORY_PROBE = """
import resource, sys
from ssi_index import export_csv
from ssi_index.storage import SQLiteStore
with SQLiteStore(sys.argv[1]) as store:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    export_csv(store, sys.argv[2])
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(before, after)
"""


def exports(path: Path, folder: Path, count: int) -> None:
    print(f"Exports of all {count:,} snapshots (SQLite)")
    out = folder / "export.csv"
    con = sqlite3.connect(path)

    def plain_csv() -> None:
        with open(folder / "plain.csv", "w", newline="", encoding="utf-8") as file:
            csv.writer(file, lineterminator="\n").writerows(con.execute(_ALL_ROWS))

    with SQLiteStore(path) as store:
        runs = 3 if count <= 100_000 else 1
        mine, theirs = interleaved(lambda: export_csv(store, out), plain_csv, runs)
        line("export_csv(store) vs SELECT into csv.writer", mine, theirs, 1.5, unit="s")
        probe = subprocess.run(
            [sys.executable, "-c", _MEMORY_PROBE, str(path), str(out)],
            capture_output=True,
            text=True,
            check=True,
        )
        before, after = (int(v) / 1024 for v in probe.stdout.split())
        verdict = "ok" if after < 100 else "ABOVE GOAL"
        print(
            f"  export_csv(store) peak memory: {after:.0f} MB for the whole process "
            f"({after - before:.0f} MB more than with the store just opened; goal < 100 MB) "
            f"{verdict}"
        )
        try:
            import pandas
        except ImportError:
            print("  DataFrame: skipped (pandas is not installed)")
        else:
            frame_runs = 3 if count <= 100_000 else 1
            mine, theirs = interleaved(
                lambda: to_dataframe(store),
                lambda: pandas.read_sql(_ALL_ROWS, con),
                frame_runs,
            )
            line("to_dataframe(store) vs pandas.read_sql", mine, theirs, 2.0, unit="s")
    con.close()


# -- PostgreSQL -------------------------------------------------------------------------------


def postgres(url: str, profiles: int, days: int) -> None:
    import psycopg

    from ssi_index.storage import PostgresStore

    schema = f"ssi_bench_{uuid.uuid4().hex}"
    try:
        began = time.perf_counter()
        with PostgresStore(url, schema=schema) as store:
            for day in range(days):
                store.put_many(day_batch(profiles, day))
        count = profiles * days
        print(
            f"PostgreSQL: {profiles:,} profiles x {days} days = {count:,} snapshots "
            f"(put_many, a batch per day, {time.perf_counter() - began:.0f} s)"
        )
        with psycopg.connect(url, autocommit=True) as con:
            con.execute(f'SET search_path TO "{schema}"')
            con.execute("VACUUM ANALYZE")
            size = sum(
                con.execute("SELECT pg_total_relation_size(%s)", (table,)).fetchone()[0]
                for table in ("ssi_snapshots", "ssi_groups")
            )
            print(
                f"  PostgreSQL tables with their indexes: {size / 1e6:.1f} MB, "
                f"{size / count:.1f} bytes per snapshot with its two groups"
            )
            teams = team_sizes(profiles)
            with con.cursor() as cur:
                set_teams(cur, profiles, teams, "%s")
            board_sql = postgres_leaderboard_sql()

            def board(team: str) -> list[Any]:
                return con.execute(board_sql, (team,)).fetchall()

            def plain_history(profile: str) -> list[Any]:
                where = "WHERE profile = %s ORDER BY day"
                rows = con.execute(f"SELECT * FROM ssi_snapshots {where}", (profile,)).fetchall()
                groups = con.execute(
                    f"SELECT * FROM ssi_groups {where}, position", (profile,)
                ).fetchall()
                del groups
                return rows

            with PostgresStore(url, schema=schema) as store:
                compare_leaderboards("PostgreSQL", store, board, teams, WALL)
                compare_history("PostgreSQL", store, plain_history, days, WALL)
    finally:
        with psycopg.connect(url, autocommit=True) as con:
            con.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="300 profiles x 30 days (CI)")
    parser.add_argument("--profiles", type=int, help="profiles (default 10,000)")
    parser.add_argument("--days", type=int, help="days (default 365)")
    parser.add_argument("--postgres-only", action="store_true", help="leave SQLite out")
    args = parser.parse_args(argv)
    profiles = args.profiles or (300 if args.quick else 10_000)
    days = args.days or (30 if args.quick else 365)
    print(f"Python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}")
    if not args.postgres_only:
        with tempfile.TemporaryDirectory(prefix="ssi-scale-") as tmp:
            folder = Path(tmp)
            path = ingest(folder, profiles, days)
            sqlite_queries(path, profiles, days)
            exports(path, folder, profiles * days)
    url = os.environ.get("SSI_INDEX_TEST_POSTGRES_URL")
    if not url:
        print("PostgreSQL: skipped (set SSI_INDEX_TEST_POSTGRES_URL to run it, see DEVELOPERS.md)")
    else:
        postgres(url, profiles, days)
    return 0


if __name__ == "__main__":
    sys.exit(main())
