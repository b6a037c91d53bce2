"""PostgresStore against the real server: tables, versions, errors and concurrent writers.

Needs ``SSI_INDEX_TEST_POSTGRES_URL`` (see DEVELOPERS.md); skipped with the reason without it.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import multiprocessing.synchronize
import uuid
from collections.abc import Iterator

import pytest

from ssi_index import GroupScore, PillarScores, Score, Snapshot, StorageError
from ssi_index.storage import PostgresStore, open_store

pytestmark = pytest.mark.postgres
psycopg = pytest.importorskip("psycopg")

DAY = dt.date(2026, 3, 2)
SCORE = Score.from_pillars(
    [13.4, 10.7, 11.1, 25], groups=(GroupScore(kind="NETWORK", rank=35, average=30.1),)
)
fork = multiprocessing.get_context("fork")


def snap(profile: str, day: dt.date = DAY, score: Score = SCORE) -> Snapshot:
    return Snapshot(profile=profile, day=day, score=score, source="test")


@pytest.fixture
def fresh_schema(postgres_url: str) -> Iterator[str]:
    name = f"ssi_test_{uuid.uuid4().hex}"
    yield name
    with psycopg.connect(postgres_url, autocommit=True) as con:
        con.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')


def test_scores_are_real_columns_that_sql_can_query(
    postgres_store: PostgresStore, postgres_url: str, postgres_schema: str
) -> None:
    postgres_store.put(snap("ana"))
    postgres_store.put(snap("bob", score=Score.from_pillars([1, 2, 3, 4])))
    with psycopg.connect(postgres_url, autocommit=True) as con:
        con.execute(f'SET search_path TO "{postgres_schema}"')
        rows = con.execute(
            "SELECT profile, overall, find_right_people FROM ssi_snapshots WHERE overall > 50"
        ).fetchall()
        groups = con.execute("SELECT kind, rank, average, size, name FROM ssi_groups").fetchall()
    assert rows == [("ana", 60.2, 10.7)]
    assert groups == [("NETWORK", 35, 30.1, None, None)]


def test_the_schema_option_isolates_stores(postgres_url: str, fresh_schema: str) -> None:
    other = f"{fresh_schema}_b"
    try:
        with (
            PostgresStore(postgres_url, schema=fresh_schema) as a,
            PostgresStore(postgres_url, schema=other) as b,
        ):
            a.put(snap("ana"))
            assert b.profiles() == []
            assert "schema=" in repr(a)
    finally:
        with psycopg.connect(postgres_url, autocommit=True) as con:
            con.execute(f'DROP SCHEMA IF EXISTS "{other}" CASCADE')


def test_tables_from_a_newer_ssi_index_are_refused_and_untouched(
    postgres_url: str, fresh_schema: str
) -> None:
    with PostgresStore(postgres_url, schema=fresh_schema) as store:
        store.put(snap("ana"))
    with psycopg.connect(postgres_url, autocommit=True) as con:
        con.execute(f'SET search_path TO "{fresh_schema}"')
        con.execute("UPDATE ssi_meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(StorageError, match=r"newer ssi-index \(schema version 99\)"):
        PostgresStore(postgres_url, schema=fresh_schema)
    with psycopg.connect(postgres_url, autocommit=True) as con:
        con.execute(f'SET search_path TO "{fresh_schema}"')
        assert con.execute("SELECT value FROM ssi_meta").fetchall() == [("99",)]
        assert con.execute("SELECT profile FROM ssi_snapshots").fetchall() == [("ana",)]


def test_a_failure_inside_the_transaction_rolls_the_batch_back(
    postgres_store: PostgresStore, postgres_url: str, postgres_schema: str
) -> None:
    postgres_store.put(snap("old"))
    with psycopg.connect(postgres_url, autocommit=True) as con:
        con.execute(f'SET search_path TO "{postgres_schema}"')
        con.execute(
            "CREATE FUNCTION boom() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN IF NEW.source = 'boom' THEN RAISE EXCEPTION 'boom'; END IF; "
            "RETURN NEW; END $$"
        )
        con.execute(
            "CREATE TRIGGER boom BEFORE INSERT ON ssi_snapshots "
            "FOR EACH ROW EXECUTE FUNCTION boom()"
        )
    try:
        batch = [snap(f"p{i}") for i in range(50)]
        boom = Snapshot(profile="x", day=DAY, score=SCORE, source="boom")
        with pytest.raises(StorageError, match="boom"):
            postgres_store.put_many([*batch, boom])
        assert postgres_store.profiles() == ["old"]
        assert postgres_store.put_many(batch[:2]) == 2
    finally:
        with psycopg.connect(postgres_url, autocommit=True) as con:
            con.execute(f'SET search_path TO "{postgres_schema}"')
            con.execute("DROP TRIGGER boom ON ssi_snapshots")
            con.execute("DROP FUNCTION boom()")


def test_a_failing_history_leaves_the_store_usable(
    postgres_url: str, postgres_store: PostgresStore, postgres_schema: str
) -> None:
    # history() reads both tables in one statement: its failure must leave the
    # connection usable (not in a failed transaction).
    postgres_store.put_many([snap("ana"), snap("ana", DAY + dt.timedelta(days=1))])
    with psycopg.connect(postgres_url, autocommit=True) as con:
        con.execute(f'ALTER TABLE "{postgres_schema}".ssi_groups RENAME TO ssi_groups_away')
        try:
            with pytest.raises(StorageError, match="ssi_groups"):
                postgres_store.history("ana")
            assert postgres_store.profiles() == ["ana"]
        finally:
            con.execute(f'ALTER TABLE "{postgres_schema}".ssi_groups_away RENAME TO ssi_groups')
    assert postgres_store.history("ana") == [snap("ana"), snap("ana", DAY + dt.timedelta(days=1))]
    postgres_store.put(snap("bob"))
    assert postgres_store.profiles() == ["ana", "bob"]


def test_history_gives_each_day_its_own_groups(postgres_store: PostgresStore) -> None:
    pillars = PillarScores([5.0, 6.0, 7.0, 8.0])
    two = Score.from_pillars(
        [1, 2, 3, 4],
        groups=(GroupScore(kind="INDUSTRY", rank=1, size=2**62), GroupScore(pillars=pillars)),
    )
    bare = Score.from_pillars([4, 3, 2, 1])
    days = [DAY + dt.timedelta(days=d) for d in (0, 1, 3, 4)]
    at = dt.datetime(2026, 3, 2, 8, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    mine = [
        Snapshot(profile="ana", day=day, score=score, captured_at=at, source="api")
        for day, score in zip(days, [two, bare, SCORE, bare], strict=True)
    ]
    postgres_store.put_many([snap(p, day, two) for p in ("an", "ana ", "anb") for day in days])
    postgres_store.put_many(mine)
    back = postgres_store.history("ana")
    assert back == mine
    assert all(s.captured_at is not None and s.captured_at.tzinfo is dt.UTC for s in back)
    assert postgres_store.history("ana", since=days[1], until=days[2]) == mine[1:3]


def test_text_with_nul_is_a_storage_error(postgres_store: PostgresStore) -> None:
    with pytest.raises(StorageError):
        postgres_store.put(
            snap("a", score=Score.from_pillars([1, 2, 3, 4], groups=[GroupScore(name="\x00")]))
        )
    assert postgres_store.profiles() == []


def test_an_unreachable_server_is_a_storage_error() -> None:
    with pytest.raises(StorageError, match=r"cannot connect to PostgreSQL 127\.0\.0\.1:1/x") as err:
        PostgresStore("postgresql://nobody:secret@127.0.0.1:1/x", connect_timeout=2)
    assert "secret" not in str(err.value)
    # In the user's language too, with the same place named and still no password.
    hebrew, russian = err.value.localized("he"), err.value.localized("ru")
    assert "לא ניתן להתחבר" in hebrew
    assert "127.0.0.1:1/x" in hebrew
    assert "не удалось подключиться" in russian
    assert "127.0.0.1:1/x" in russian
    # (libpq's own reason keeps its English words; its newline and tab are shown escaped.)
    assert err.value.localized("en").startswith("cannot connect to PostgreSQL 127.0.0.1:1/x: ")
    assert "secret" not in hebrew + russian


def test_open_store_opens_postgres_urls(postgres_url: str, postgres_schema: str) -> None:
    # In the run's own schema, so that the database's default one may hold anything.
    url = postgres_url.replace("postgresql://", "postgres://", 1)
    url += ("&" if "?" in url else "?") + f"options=-csearch_path%3D{postgres_schema}"
    with open_store(url) as store:
        assert isinstance(store, PostgresStore)


def test_closed_store_refuses_work(postgres_store: PostgresStore) -> None:
    postgres_store.close()
    postgres_store.close()
    assert "closed" in repr(postgres_store)
    with pytest.raises(StorageError, match="closed") as err:
        postgres_store.profiles()
    assert "סגור" in err.value.localized("he")


def _concurrent_writer(
    url: str, schema: str, worker: int, start: multiprocessing.synchronize.Barrier
) -> None:
    shared = [snap(f"shared-{i:03d}") for i in range(100)]
    mine = [[snap(f"w{worker}-{b}-{i:03d}") for i in range(200)] for b in range(10)]
    singles = [snap(f"w{worker}-single-{i:02d}") for i in range(50)]
    with PostgresStore(url, schema=schema) as store:
        start.wait()
        for b, batch in enumerate(mine):
            store.put_many(batch)
            store.put_many(shared[b * 10 : (b + 1) * 10] + shared[::-7])
            for single in singles[b * 5 : (b + 1) * 5]:
                store.put(single)
            store.put(shared[b])


def test_four_processes_writing_at_once_store_every_row_exactly_once(
    postgres_url: str, postgres_schema: str, postgres_store: PostgresStore
) -> None:
    postgres_store.close()  # the fixture emptied the tables
    start = fork.Barrier(4)
    args = [(postgres_url, postgres_schema, w, start) for w in range(4)]
    workers = [fork.Process(target=_concurrent_writer, args=a) for a in args]
    for w in workers:
        w.start()
    for w in workers:
        w.join(120)
    assert [w.exitcode for w in workers] == [0, 0, 0, 0]
    with psycopg.connect(postgres_url, autocommit=True) as con:
        con.execute(f'SET search_path TO "{postgres_schema}"')
        assert con.execute("SELECT count(*) FROM ssi_snapshots").fetchone() == (4 * 2050 + 100,)
        assert con.execute("SELECT count(*) FROM ssi_groups").fetchone() == (4 * 2050 + 100,)
    with PostgresStore(postgres_url, schema=postgres_schema) as store:
        latest = store.latest()
    assert len(latest) == 4 * 2050 + 100
    assert all(s == snap(s.profile) for s in latest)
