"""Storage speed, as ratios against hand-written baselines measured in the same run.

    python benchmarks/bench_storage.py            # the sizes of issue 6 (a few minutes)
    python benchmarks/bench_storage.py --quick    # small sizes, a few seconds (CI)

1. SQLite ``put_many`` of N snapshots vs plain ``sqlite3.executemany`` of ready-made
   rows into the same schema (target: within 2x). ``bench_scale.py`` measures the
   store at the size of an agency (issue 15).
2. PostgreSQL ``put_many`` vs plain psycopg ``COPY`` of ready-made rows into the same
   tables (target: within 2x); skipped without ``SSI_INDEX_TEST_POSTGRES_URL``.
3. ``latest()`` over P profiles x D days vs the fastest hand-written SQL on the same
   database (target: within 2x), and one profile's year of ``history()`` (target: ~1 ms)
   vs the plain ``SELECT`` of the same rows (``sqlite3`` / psycopg tuples, no objects).
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import os
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ssi_index import GroupScore, Score, Snapshot
from ssi_index.storage import SQLiteStore
from ssi_index.storage._rows import GROUP_COLUMNS, SNAPSHOT_COLUMNS, group_rows, snapshot_row
from ssi_index.storage._sqlite_schema import INSERT_SCORE, Labels, score_row

START = dt.date(2025, 1, 1)
CAPTURED = dt.datetime(2025, 1, 1, 8, tzinfo=dt.UTC)


def score(i: int) -> Score:
    a = (i * 7 % 250) / 10
    return Score.from_pillars(
        [a, 25 - a, (i % 97) / 4, 12.5],
        groups=(
            GroupScore(kind="INDUSTRY", rank=1 + i % 99, average=28.4, name="Software"),
            GroupScore(kind="NETWORK", rank=1 + i % 50, average=30.1),
        ),
    )


def make_snapshots(profiles: int, days: int) -> list[Snapshot]:
    scores = [score(i) for i in range(97)]
    return [
        Snapshot(
            profile=f"member-{p:05d}",
            day=START + dt.timedelta(days=d),
            score=scores[(p + d) % 97],
            captured_at=CAPTURED + dt.timedelta(days=d),
            source="api",
        )
        for p in range(profiles)
        for d in range(days)
    ]


def best_of(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        work()
        times.append(time.perf_counter() - began)
    return min(times)


def fetch_all(con: Any, sql: str) -> list[Any]:
    rows: list[Any] = con.execute(sql).fetchall()
    return rows


def report(name: str, ours: float, base: float, target: float = 2.0) -> None:
    ratio = ours / base
    verdict = "ok" if ratio <= target else "SLOWER THAN TARGET"
    print(
        f"  {name}: ssi-index {ours * 1000:9.1f} ms | baseline {base * 1000:9.1f} ms | "
        f"ratio {ratio:4.2f}x (target <= {target:g}x) {verdict}"
    )


def select_sqlite_history(con: Any, profile: str) -> int:
    """The SQLite history baseline: the same rows as plain tuples, no objects built."""
    rows = con.execute(
        "SELECT * FROM ssi_scores WHERE profile_id = "
        "(SELECT id FROM ssi_profiles WHERE profile = ?) ORDER BY day",
        (profile,),
    ).fetchall()
    return len(rows)


def select_history(con: Any, profile: str, mark: str) -> int:
    """The PostgreSQL history baseline: the same rows as plain tuples, no objects built."""
    where = f"WHERE profile = {mark} ORDER BY day"
    rows = con.execute(f"SELECT * FROM ssi_snapshots {where}", (profile,)).fetchall()
    groups = con.execute(f"SELECT * FROM ssi_groups {where}, position", (profile,)).fetchall()
    return len(rows) + len(groups)


def history_report(name: str, store: Any, profile: str, plain: Callable[[], object]) -> None:
    """Time history() against *plain*, alternating calls so both see the same noise."""
    ours: list[float] = []
    base: list[float] = []
    for _ in range(300):
        ours.append(best_of(1, lambda: store.history(profile)))
        base.append(best_of(1, plain))
    mine, theirs = statistics.median(ours), statistics.median(base)
    print(
        f"  {name}: median {mine * 1000:.2f} ms, best {min(ours) * 1000:.2f} ms | "
        f"plain SELECT of the same rows: median {theirs * 1000:.2f} ms, "
        f"best {min(base) * 1000:.2f} ms | ratio {mine / theirs:4.2f}x (target: about 1 ms)"
    )


# -- SQLite put_many ---------------------------------------------------------------


def sqlite_rows(con: sqlite3.Connection, batch: list[Snapshot]) -> list[tuple[object, ...]]:
    """The batch's ssi_scores rows, numbering its profiles and labels in *con* first."""
    labels = Labels()
    con.execute("BEGIN")
    names = sorted({s.profile for s in batch})
    con.executemany("INSERT INTO ssi_profiles (profile) VALUES (?)", [(p,) for p in names])
    ids = dict(con.execute("SELECT profile, id FROM ssi_profiles"))
    rows = [score_row(ids[s.profile], s, lambda text: labels.id(con, text)) for s in batch]
    con.execute("COMMIT")
    return rows


def sqlite_put_many(folder: Path, n: int) -> None:
    profiles = max(1, n // 100)
    batch = make_snapshots(profiles, n // profiles)

    def fresh() -> Path:
        path = folder / f"{uuid.uuid4().hex}.db"
        SQLiteStore(path).close()
        return path

    def ours() -> float:
        with SQLiteStore(fresh()) as store:
            began = time.perf_counter()
            written = store.put_many(batch)
            took = time.perf_counter() - began
        assert written == len(batch)
        return took

    def baseline() -> float:
        con = sqlite3.connect(fresh(), isolation_level=None)
        con.execute("PRAGMA journal_mode = WAL")
        con.execute("PRAGMA synchronous = NORMAL")
        con.execute("PRAGMA foreign_keys = ON")
        rows = sqlite_rows(con, batch)  # ready-made, profiles and labels numbered
        began = time.perf_counter()
        con.execute("BEGIN IMMEDIATE")
        con.executemany(INSERT_SCORE, rows)
        con.execute("COMMIT")
        took = time.perf_counter() - began
        con.close()
        return took

    base = min(baseline() for _ in range(3))
    mine = min(ours() for _ in range(3))
    print(f"SQLite put_many, {len(batch):,} snapshots with 2 groups each, into an empty file")
    report("put_many vs executemany", mine, base)


# -- latest and history --------------------------------------------------------------

_NEWEST_SCORES = """
    SELECT p.profile, s.* FROM ssi_profiles AS p JOIN ssi_scores AS s ON s.profile_id = p.id
    AND s.day = (SELECT max(day) FROM ssi_scores WHERE profile_id = p.id) ORDER BY p.profile
"""
_FASTEST_SQL = {
    "GROUP BY max(day) join": """
        SELECT p.profile, s.*
        FROM (SELECT profile_id, max(day) AS day FROM ssi_scores GROUP BY profile_id) AS n
        JOIN ssi_scores AS s ON s.profile_id = n.profile_id AND s.day = n.day
        JOIN ssi_profiles AS p ON p.id = s.profile_id
        ORDER BY p.profile
    """,
    "correlated max(day)": _NEWEST_SCORES,
}


def fill_sqlite(path: Path, profiles: int, days: int) -> None:
    SQLiteStore(path).close()
    sample = make_snapshots(1, 97)
    con = sqlite3.connect(path, isolation_level=None)
    con.executemany(
        "INSERT INTO ssi_profiles (id, profile) VALUES (?, ?)",
        [(p + 1, f"member-{p:05d}") for p in range(profiles)],
    )
    labels = Labels()
    con.execute("BEGIN")
    template = [score_row(0, s, lambda text: labels.id(con, text)) for s in sample]
    con.execute("COMMIT")
    first = START.toordinal() - dt.date(1970, 1, 1).toordinal()

    def rows() -> Iterator[tuple[object, ...]]:
        for p in range(profiles):
            for d in range(days):
                row = template[(p + d) % 97]
                yield (p + 1, first + d, *row[2:])

    # Loading only (the rows are ours): no journal, no syncs; WAL again afterwards.
    con.execute("PRAGMA journal_mode = OFF")
    con.execute("PRAGMA synchronous = OFF")
    con.execute("BEGIN")
    con.executemany(INSERT_SCORE, rows())
    con.execute("COMMIT")
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("ANALYZE")
    con.close()


def sqlite_latest(folder: Path, profiles: int, days: int) -> None:
    path = folder / "latest.db"
    began = time.perf_counter()
    fill_sqlite(path, profiles, days)
    print(
        f"SQLite latest() over {profiles:,} profiles x {days} days "
        f"({profiles * days:,} snapshots, loaded in {time.perf_counter() - began:.0f} s)"
    )
    con = sqlite3.connect(path)
    baselines = {}
    for name, sql in _FASTEST_SQL.items():
        baselines[name] = best_of(5, functools.partial(fetch_all, con, sql))
        print(f"  hand-written SQL, {name}: {baselines[name] * 1000:.1f} ms")
    con.close()
    with SQLiteStore(path) as store:
        assert len(store.latest()) == profiles
        mine = best_of(5, store.latest)
        report("latest() vs the fastest SQL", mine, min(baselines.values()))
        one = f"member-{profiles // 2:05d}"
        assert len(store.history(one)) == days
        con = sqlite3.connect(path)
        try:
            plain = functools.partial(select_sqlite_history, con, one)
            history_report(
                f"history() of one profile ({days} days, 2 groups each)", store, one, plain
            )
        finally:
            con.close()


# -- PostgreSQL ---------------------------------------------------------------------


def postgres(url: str, n: int, profiles: int, days: int) -> None:
    import psycopg

    from ssi_index.storage import PostgresStore
    from ssi_index.storage._postgres import _GROUP_TYPES, _SNAPSHOT_TYPES

    batch = make_snapshots(max(1, n // 100), 100 if n >= 100 else n)
    rows = [snapshot_row(s, text=False) for s in batch]
    groups = [g for s in batch for g in group_rows(s, text=False)]
    schemas: list[str] = []

    def fresh() -> str:
        name = f"ssi_bench_{uuid.uuid4().hex}"
        schemas.append(name)
        PostgresStore(url, schema=name).close()
        return name

    def binary_baseline() -> float:
        with psycopg.connect(url) as con:
            con.execute(f'SET search_path TO "{fresh()}"')
            con.commit()
            began = time.perf_counter()
            with con.cursor() as cur:
                sql = (
                    f"COPY ssi_snapshots ({', '.join(SNAPSHOT_COLUMNS)}) FROM STDIN (FORMAT BINARY)"
                )
                with cur.copy(sql) as c:
                    c.set_types(_SNAPSHOT_TYPES)
                    for row in rows:
                        c.write_row(row)
                sql = f"COPY ssi_groups ({', '.join(GROUP_COLUMNS)}) FROM STDIN (FORMAT BINARY)"
                with cur.copy(sql) as c:
                    c.set_types(_GROUP_TYPES)
                    for row in groups:
                        c.write_row(row)
            con.commit()
            return time.perf_counter() - began

    def ours() -> float:
        with PostgresStore(url, schema=fresh()) as store:
            began = time.perf_counter()
            written = store.put_many(batch)
            took = time.perf_counter() - began
        assert written == len(batch)
        return took

    def baseline() -> float:
        with psycopg.connect(url) as con:
            con.execute(f'SET search_path TO "{fresh()}"')
            con.commit()
            began = time.perf_counter()
            with con.cursor() as cur:
                with cur.copy(
                    f"COPY ssi_snapshots ({', '.join(SNAPSHOT_COLUMNS)}) FROM STDIN"
                ) as c:
                    for row in rows:
                        c.write_row(row)
                with cur.copy(f"COPY ssi_groups ({', '.join(GROUP_COLUMNS)}) FROM STDIN") as c:
                    for row in groups:
                        c.write_row(row)
            con.commit()
            return time.perf_counter() - began

    try:
        base = min(baseline() for _ in range(3))
        binary = min(binary_baseline() for _ in range(3))
        mine = min(ours() for _ in range(3))
        print(
            f"PostgreSQL put_many, {len(batch):,} snapshots with 2 groups each, into empty tables"
        )
        report("put_many vs plain COPY (text)", mine, base)
        report("put_many vs binary COPY", mine, binary)
        postgres_latest(url, fresh(), profiles, days)
    finally:
        with psycopg.connect(url, autocommit=True) as con:
            for name in schemas:
                con.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')


def postgres_latest(url: str, schema: str, profiles: int, days: int) -> None:
    import psycopg

    from ssi_index.storage import PostgresStore
    from ssi_index.storage._postgres import _GROUP_TYPES, _SNAPSHOT_TYPES

    sample = make_snapshots(1, 97)
    began = time.perf_counter()
    with psycopg.connect(url) as con:
        con.execute(f'SET search_path TO "{schema}"')
        with con.cursor() as cur:
            with cur.copy("COPY ssi_snapshots FROM STDIN (FORMAT BINARY)") as c:
                c.set_types(_SNAPSHOT_TYPES)
                for p in range(profiles):
                    for d in range(days):
                        row = snapshot_row(sample[(p + d) % 97], text=False)
                        c.write_row((f"member-{p:05d}", START + dt.timedelta(days=d), *row[2:]))
            with cur.copy("COPY ssi_groups FROM STDIN (FORMAT BINARY)") as c:
                c.set_types(_GROUP_TYPES)
                for p in range(profiles):
                    for d in range(days):
                        for g in group_rows(sample[(p + d) % 97], text=False):
                            c.write_row((f"member-{p:05d}", START + dt.timedelta(days=d), *g[2:]))
        con.commit()
        con.autocommit = True
        con.execute("VACUUM ANALYZE ssi_snapshots")
        con.execute("VACUUM ANALYZE ssi_groups")
        print(
            f"PostgreSQL latest() over {profiles:,} profiles x {days} days "
            f"(loaded in {time.perf_counter() - began:.0f} s)"
        )
        sqls = {
            "DISTINCT ON": """
                SELECT s.*, g.* FROM (SELECT DISTINCT ON (profile) * FROM ssi_snapshots
                                      ORDER BY profile, day DESC) AS s
                LEFT JOIN ssi_groups AS g ON g.profile = s.profile AND g.day = s.day
                ORDER BY s.profile, g.position""",
            "loose index scan": """
                WITH RECURSIVE p(profile) AS (
                    (SELECT profile FROM ssi_snapshots ORDER BY profile LIMIT 1)
                    UNION ALL
                    SELECT (SELECT n.profile FROM ssi_snapshots AS n WHERE n.profile > p.profile
                            ORDER BY n.profile LIMIT 1) FROM p WHERE p.profile IS NOT NULL)
                SELECT s.*, g.* FROM p CROSS JOIN LATERAL (
                    SELECT * FROM ssi_snapshots AS x WHERE x.profile = p.profile
                    ORDER BY x.day DESC LIMIT 1) AS s
                LEFT JOIN ssi_groups AS g ON g.profile = s.profile AND g.day = s.day
                ORDER BY s.profile, g.position""",
        }
        baselines = {}
        for name, sql in sqls.items():
            baselines[name] = best_of(5, functools.partial(fetch_all, con, sql))
            print(f"  hand-written SQL, {name}: {baselines[name] * 1000:.1f} ms")
    with PostgresStore(url, schema=schema) as store:
        assert len(store.latest()) == profiles
        report("latest() vs the fastest SQL", best_of(5, store.latest), min(baselines.values()))
        one = f"member-{profiles // 2:05d}"
        assert len(store.history(one)) == days
        with psycopg.connect(url, autocommit=True) as con:
            con.execute(f'SET search_path TO "{schema}"')
            plain = functools.partial(select_history, con, one, "%s")
            history_report(
                f"history() of one profile ({days} days, 2 groups each)", store, one, plain
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes (CI)")
    args = parser.parse_args(argv)
    n, profiles, days = (5_000, 200, 365) if args.quick else (100_000, 10_000, 365)
    print(f"Python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}")
    with tempfile.TemporaryDirectory(prefix="ssi-bench-") as tmp:
        sqlite_put_many(Path(tmp), n)
        sqlite_latest(Path(tmp), profiles, days)
    url = os.environ.get("SSI_INDEX_TEST_POSTGRES_URL")
    if not url:
        print("PostgreSQL: skipped (set SSI_INDEX_TEST_POSTGRES_URL to run it, see DEVELOPERS.md)")
    else:
        postgres(url, n, profiles, days)
    return 0


if __name__ == "__main__":
    sys.exit(main())
