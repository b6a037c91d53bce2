"""SQLiteStore: the file, its schema and versions, crashes and concurrent writers."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import multiprocessing
import os
import random
import shutil
import signal
import sqlite3
import time
from multiprocessing.connection import Connection
from pathlib import Path

import attrs
import pytest

from ssi_index import GroupScore, Note, PillarScores, Score, Snapshot, StorageError
from ssi_index.storage import SQLiteStore
from ssi_index.storage._sqlite import SCHEMA_VERSION

DAY = dt.date(2026, 3, 2)
SCORE = Score.from_pillars(
    [13.4, 10.7, 11.1, 25], groups=(GroupScore(kind="INDUSTRY", rank=40, average=28.4),)
)
fork = multiprocessing.get_context("fork")


def snap(profile: str, day: dt.date = DAY, score: Score = SCORE) -> Snapshot:
    return Snapshot(profile=profile, day=day, score=score, source="test")


def file_state(path: Path) -> tuple[bytes, list[str]]:
    return path.read_bytes(), sorted(p.name for p in path.parent.iterdir())


# -- opening ------------------------------------------------------------------------


def test_creates_the_file_in_wal_mode_with_the_schema_version(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    with SQLiteStore(path) as store:
        store.put(snap("ana"))
        assert store.path == str(path)
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    con.close()


def test_scores_are_columns_that_sql_can_query(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    at = dt.datetime(2026, 3, 2, 9, 30, 15, 250000, tzinfo=dt.UTC)
    with SQLiteStore(path) as store:
        store.put(attrs.evolve(snap("ana"), captured_at=at))
        store.put(snap("bob", score=Score.from_pillars([1, 2, 3, 4])))
    con = sqlite3.connect(path)
    # The view keeps the columns of schema 1 for plain SQL.
    rows = con.execute(
        "SELECT profile, day, captured_at, overall, find_right_people, active_seat "
        "FROM ssi_snapshots WHERE overall > 50"
    ).fetchall()
    assert rows == [("ana", "2026-03-02", "2026-03-02T09:30:15.250000Z", 60.2, 10.7, None)]
    # The table itself: hundredths, days since 1970, the groups packed with labels.
    raw = con.execute(
        "SELECT s.day, s.captured, s.overall, s.find_right_people, length(s.groups) "
        "FROM ssi_scores AS s JOIN ssi_profiles AS p ON p.id = s.profile_id "
        "WHERE p.profile = 'ana'"
    ).fetchone()
    assert raw == ((DAY - dt.date(1970, 1, 1)).days, "2026-03-02T09:30:15.250000Z", 6020, 1070, 5)
    assert con.execute("SELECT text FROM ssi_labels").fetchall() == [("INDUSTRY",)]
    con.close()


def test_values_without_exact_hundredths_are_kept_as_reals(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    odd = Score(
        overall=60.20000076293945,
        pillars=PillarScores([13.118002, 10.7, 11.1, 25.0]),
        groups=(GroupScore(average=28.123, pillars=PillarScores([1, 2, 3, 4.001])),),
    )
    with SQLiteStore(path) as store:
        store.put(snap("ana", score=odd))
        assert store.get("ana", DAY) == snap("ana", score=odd)
    con = sqlite3.connect(path)
    assert con.execute(
        "SELECT typeof(overall), typeof(professional_brand), find_right_people FROM ssi_scores"
    ).fetchone() == ("real", "real", 1070)
    assert con.execute("SELECT overall, professional_brand FROM ssi_snapshots").fetchone() == (
        60.20000076293945,
        13.118002,
    )
    con.close()


def test_reopening_keeps_everything(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    with SQLiteStore(path) as store:
        store.put(snap("ana"))
    with SQLiteStore(path) as store:
        assert store.get("ana", DAY) == snap("ana")


def test_an_empty_file_becomes_a_store(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.touch()
    with SQLiteStore(path) as store:
        assert store.put(snap("ana"))


def test_a_file_that_is_not_sqlite_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n")
    before = file_state(path)
    with pytest.raises(StorageError, match="not SQLite"):
        SQLiteStore(path)
    assert file_state(path) == before


def test_a_file_from_a_newer_ssi_index_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    with SQLiteStore(path) as store:
        store.put(snap("ana"))
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.execute("PRAGMA journal_mode = DELETE")
    con.close()
    before = file_state(path)
    newer = rf"newer ssi-index \(schema version {SCHEMA_VERSION + 1}\).*untouched"
    with pytest.raises(StorageError, match=newer):
        SQLiteStore(path)
    assert file_state(path) == before


def test_someone_elses_database_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "app.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY)")
    con.commit()
    con.close()
    before = file_state(path)
    with pytest.raises(StorageError, match=r"other tables \(customers\)"):
        SQLiteStore(path)
    assert file_state(path) == before


def test_a_path_that_cannot_be_created_is_refused(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(StorageError, match="is not a directory"):
        SQLiteStore(blocker / "history.db")
    with pytest.raises(StorageError, match="does not exist"):
        SQLiteStore(tmp_path / "missing" / "history.db")
    with pytest.raises(StorageError, match="found a directory"):
        SQLiteStore(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


def test_an_in_memory_database_works(tmp_path: Path) -> None:
    with SQLiteStore(":memory:") as store:
        store.put(snap("ana"))
        assert store.profiles() == ["ana"]
    assert list(tmp_path.iterdir()) == []


def test_repr_and_closing_twice(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "h.db")
    assert "h.db" in repr(store)
    store.close()
    store.close()
    assert "closed" in repr(store)
    with pytest.raises(StorageError, match="closed"):
        store.get("ana", DAY)


# -- integrity --------------------------------------------------------------------


def test_a_failure_inside_the_transaction_rolls_the_batch_back(tmp_path: Path) -> None:
    path = tmp_path / "h.db"
    SQLiteStore(path).close()
    con = sqlite3.connect(path, isolation_level=None)
    con.execute(
        "CREATE TRIGGER boom BEFORE INSERT ON ssi_scores WHEN NEW.source = 'boom' "
        "BEGIN SELECT RAISE(ABORT, 'boom'); END"
    )
    con.close()
    with SQLiteStore(path) as store:
        store.put(snap("old"))
        labelled = Score.from_pillars([1, 2, 3, 4], groups=(GroupScore(kind="NEW-LABEL"),))
        batch = [snap(f"p{i}", score=labelled) for i in range(50)]
        with pytest.raises(StorageError, match="boom"):
            store.put_many([*batch, attrs.evolve(snap("x"), source="boom")])
        assert store.profiles() == ["old"]
        # The ids and labels handed out in the failed batch were rolled back too.
        assert store.put_many(batch[:2]) == 2
        assert store.profiles() == ["old", "p0", "p1"]
        assert store.history("p1") == [batch[1]]
    con = sqlite3.connect(path)
    assert con.execute("SELECT count(*) FROM ssi_profiles").fetchone() == (3,)
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    con.close()


def test_the_tables_refuse_rows_that_break_the_models_rules(tmp_path: Path) -> None:
    path = tmp_path / "h.db"
    with SQLiteStore(path) as store:
        store.put(snap("ana"))
    con = sqlite3.connect(path)
    con.execute("PRAGMA foreign_keys = ON")
    insert = (
        "INSERT INTO ssi_scores (profile_id, day, overall, professional_brand, "
        "find_right_people, insight_engagement, strong_relationship, groups) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
    )
    for bad in [
        (1, 1, 15000, 2500, 2500, 2500, 2500, None),  # total above 100
        (1, 1, 150.0, 25.0, 25.0, 25.0, 25.0, None),  # total above 100, as a real
        (1, 1, 1000, 2600, 0, 0, 0, None),  # pillar above 25
        (1, 1, "ten", 100, 100, 100, 100, None),  # not a number
        (1, "2026-03-02", 400, 100, 100, 100, 100, None),  # not a day number
        (1, 2, 400, 100, 100, 100, 100, "not a blob"),  # groups as text
        (99, 3, 400, 100, 100, 100, 100, None),  # no such profile
    ]:
        with pytest.raises(sqlite3.IntegrityError):
            con.execute(insert, bad)
    with pytest.raises(sqlite3.IntegrityError):
        con.execute("INSERT INTO ssi_profiles (profile) VALUES ('  ')")
    con.close()


def test_history_gives_each_day_its_own_groups(tmp_path: Path) -> None:
    pillars = PillarScores([5.0, 6.0, 7.0, 8.0])
    two = Score.from_pillars(
        [1, 2, 3, 4],
        groups=(GroupScore(kind="INDUSTRY", rank=1, size=10), GroupScore(pillars=pillars)),
    )
    bare = Score.from_pillars([4, 3, 2, 1])
    days = [DAY + dt.timedelta(days=d) for d in (0, 1, 3, 4)]
    mine = [
        snap("ana", day, score) for day, score in zip(days, [two, bare, SCORE, bare], strict=True)
    ]
    with SQLiteStore(tmp_path / "h.db") as store:
        # Neighbours on the same days, sorting just before and after "ana".
        store.put_many([snap(p, day, two) for p in ("an", "ana ", "anb") for day in days])
        store.put_many(mine)
        assert store.history("ana") == mine
        assert store.history("ana", since=days[1], until=days[2]) == mine[1:3]
        assert [store.get("ana", day) for day in days] == mine


def _fields(value: object) -> object:
    """Every field of a model value, recursively, with each value's type beside it."""
    if isinstance(value, Snapshot | Score | GroupScore):
        return [(f.name, _fields(getattr(value, f.name))) for f in attrs.fields(type(value))]
    if isinstance(value, PillarScores):
        return [(type(v).__name__, v) for v in value.values()]
    if isinstance(value, tuple):
        return [_fields(v) for v in value]
    return (type(value).__name__, value)


def _year(profile: str) -> list[Snapshot]:
    """A year of one profile's snapshots using every optional field set and unset."""
    groups = [
        (),
        (GroupScore(kind="INDUSTRY", rank=40, average=28.4, name="Software"),),
        (GroupScore(kind="NETWORK", rank=0, average=0, size=0),),
        (GroupScore(), GroupScore(size=2**40, pillars=[1, 2.5, 25, 0])),
        (GroupScore(kind="TEAM", average=33.333333, pillars=[1.005, 2, 3, 4]),),
    ]
    out = []
    for d in range(366):
        pillars = [d % 26, (d * 7 % 2501) / 100, 25 - (d % 5) / 100, 0.0]
        if d % 61 == 0:
            pillars[3] = 1.23456  # not in hundredths: kept as a REAL
        seat = (None, True, False)[d % 3]
        score = Score.from_pillars(pillars, groups=groups[d % 5], active_seat=seat)
        if d % 7 == 0:  # a total LinkedIn rounded
            score = attrs.evolve(score, overall=round(score.overall))
        out.append(
            Snapshot(
                profile=profile,
                day=dt.date(2025, 1, 1) + dt.timedelta(days=d * 2),
                score=score,
                captured_at=None
                if d % 4 == 0
                else dt.datetime(2025, 1, 1, 7, 30, d % 60, d * 997 % 10**6, tzinfo=dt.UTC),
                source=(None, "api", "", "page-2026")[d % 4],
            )
        )
    return out


def test_history_builds_the_same_values_as_validated_construction(tmp_path: Path) -> None:
    # history() builds its values without their validators (the table's CHECK
    # constraints hold the model's rules): each must equal, field by field and
    # type by type, the snapshot built through the validating constructors.
    path = tmp_path / "h.db"
    mine = _year("ana")
    whole = [s for s in mine if not any(v == 1.23456 for v in s.score.pillars.values())]
    with SQLiteStore(path) as store:
        store.put_many(mine)
        store.put_many(_year("bob"))
    for _ in range(2):  # a fresh store (nothing built yet), then one that built them before
        with SQLiteStore(path) as store:
            for got, want in (
                (store.history("ana"), mine),
                (store.history("ana", since=whole[1].day, until=whole[40].day), None),
            ):
                if want is None:  # a range without a number that is not in hundredths
                    want = [s for s in mine if whole[1].day <= s.day <= whole[40].day]
                assert [_fields(s) for s in got] == [_fields(s) for s in want]
                assert got == want
                assert [hash(s) for s in got] == [hash(s) for s in want]
                assert [store.get("ana", s.day) for s in want] == want


def test_history_reads_a_year_without_reals_as_it_reads_one_with_them(tmp_path: Path) -> None:
    # The quick path (numbers folded into one key) and the row path give the same values.
    path = tmp_path / "h.db"
    mine = [s for s in _year("ana") if s.day.toordinal() % 2 == 0][:100]
    with SQLiteStore(path) as store:
        store.put_many(mine)
        con = sqlite3.connect(path, isolation_level=None)
        reals = con.execute(
            "SELECT count(*) FROM ssi_scores WHERE typeof(strong_relationship) = 'real'"
        ).fetchone()[0]
        assert reals > 0
        with_reals = store.history("ana")
        con.execute("DELETE FROM ssi_scores WHERE typeof(strong_relationship) = 'real'")
        con.close()
        without = store.history("ana")
    assert with_reals == mine
    assert without == [s for s in mine if s.score.pillars.strong_relationship != 1.23456]
    assert len(without) == len(mine) - reals


def test_history_of_a_row_changed_to_hold_an_out_of_range_number_is_refused(
    tmp_path: Path,
) -> None:
    path = tmp_path / "h.db"
    with SQLiteStore(path) as store:
        store.put(snap("ana"))
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA ignore_check_constraints = ON")
    con.execute("UPDATE ssi_scores SET active_seat = 7")
    con.close()
    with SQLiteStore(path) as store, pytest.raises(StorageError, match="changed outside"):
        store.history("ana")


@pytest.mark.parametrize(
    "blob",
    [b"\x01", b"\x01\x7f", b"\x04\x01", b"\xa0\x00", b"\x20\x00\x01"],
    ids=["cut-kind", "unknown-label", "cut-average", "cut-pillars", "cut-pillars-2"],
)
def test_a_damaged_groups_blob_is_a_storage_error(tmp_path: Path, blob: bytes) -> None:
    path = tmp_path / "h.db"
    with SQLiteStore(path) as store:
        store.put(snap("ana"))
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("UPDATE ssi_scores SET groups = ?", (blob,))
    con.close()
    with SQLiteStore(path) as store, pytest.raises(StorageError, match="changed outside"):
        store.history("ana")


def test_another_connection_deleting_profiles_does_not_confuse_cached_ids(
    tmp_path: Path,
) -> None:
    path = tmp_path / "h.db"
    with SQLiteStore(path) as a, SQLiteStore(path) as b:
        a.put_many([snap("ana"), snap("zed")])
        assert b.delete_profile("zed") == 1
        b.put(snap("bob"))  # may reuse zed's id
        a.put(snap("zed", DAY + dt.timedelta(days=1)))
        a.put(snap("bob", DAY + dt.timedelta(days=1)))
        assert a.profiles() == ["ana", "bob", "zed"]
        assert [s.day for s in b.history("bob")] == [DAY, DAY + dt.timedelta(days=1)]
        assert b.history("zed") == [snap("zed", DAY + dt.timedelta(days=1))]


# -- concurrency --------------------------------------------------------------------


def _concurrent_writer(path: str, worker: int, start: multiprocessing.synchronize.Barrier) -> None:
    shared = [snap(f"shared-{i:03d}") for i in range(100)]
    mine = [[snap(f"w{worker}-{b}-{i:03d}") for i in range(200)] for b in range(10)]
    singles = [snap(f"w{worker}-single-{i:02d}") for i in range(50)]
    with SQLiteStore(path, timeout=60) as store:
        start.wait()
        for b, batch in enumerate(mine):
            store.put_many(batch)
            store.put_many(shared[b * 10 : (b + 1) * 10] + shared[::-7])
            for single in singles[b * 5 : (b + 1) * 5]:
                store.put(single)


def test_four_processes_writing_at_once_store_every_row_exactly_once(tmp_path: Path) -> None:
    path = str(tmp_path / "h.db")
    SQLiteStore(path).close()
    start = fork.Barrier(4)
    workers = [fork.Process(target=_concurrent_writer, args=(path, w, start)) for w in range(4)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(120)
    assert [w.exitcode for w in workers] == [0, 0, 0, 0]
    con = sqlite3.connect(path)
    assert con.execute("SELECT count(*) FROM ssi_snapshots").fetchone()[0] == 4 * 2050 + 100
    assert con.execute("SELECT count(*) FROM ssi_profiles").fetchone()[0] == 4 * 2050 + 100
    assert con.execute("SELECT count(DISTINCT groups) FROM ssi_scores").fetchone()[0] == 1
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
    with SQLiteStore(path) as store:
        latest = store.latest()
        assert len(latest) == 4 * 2050 + 100
        assert all(s == snap(s.profile) for s in latest)


# -- crashes ------------------------------------------------------------------------

BATCH = 2000
KILLS = 20


def _doomed_writer(path: str, run: int, report: Connection) -> None:
    store = SQLiteStore(path, timeout=30)
    batch = 0
    while True:
        snapshots = [snap(f"r{run:03d}b{batch:03d}/{i:05d}") for i in range(BATCH)]
        report.send(batch)
        store.put_many(snapshots)
        batch += 1


def test_a_writer_killed_in_put_many_leaves_whole_batches(tmp_path: Path) -> None:
    """SIGKILL a writer inside put_many 20 times: each batch is all there or all gone."""
    path = str(tmp_path / "h.db")
    SQLiteStore(path).close()
    rng = random.Random(6)
    inside = 0
    run = 0
    started: dict[int, int] = {}
    while inside < KILLS:
        assert run < 4 * KILLS, f"only {inside} of {run} kills landed inside put_many"
        receive, send = fork.Pipe(duplex=False)
        writer = fork.Process(target=_doomed_writer, args=(path, run, send))
        writer.start()
        send.close()
        target = rng.randrange(3)
        last = -1
        while last < target:
            try:
                last = receive.recv()
            except EOFError:
                writer.join()
                raise AssertionError(f"run {run}: writer exited with {writer.exitcode}") from None
        time.sleep(rng.uniform(0, 0.03))
        assert writer.pid is not None
        os.kill(writer.pid, signal.SIGKILL)
        writer.join()
        assert writer.exitcode == -signal.SIGKILL
        with contextlib.suppress(EOFError):  # the pipe ends where the writer died
            while receive.poll():
                last = receive.recv()
        receive.close()
        started[run] = last
        con = sqlite3.connect(path)
        present = con.execute(
            "SELECT count(*) FROM ssi_snapshots WHERE profile GLOB ?", (f"r{run:03d}b{last:03d}/*",)
        ).fetchone()[0]
        con.close()
        assert present in (0, BATCH)
        inside += present == 0
        run += 1

    con = sqlite3.connect(path)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    counts = dict(
        con.execute(
            "SELECT substr(profile, 1, 8) AS batch, count(*) FROM ssi_snapshots GROUP BY batch"
        ).fetchall()
    )
    con.close()
    assert counts, "no batch was ever committed"
    assert set(counts.values()) == {BATCH}
    for r, last in started.items():
        for b in range(last):
            assert counts.get(f"r{r:03d}b{b:03d}") == BATCH
    with SQLiteStore(path) as store:
        assert len(store.profiles()) == BATCH * len(counts)


# -- migrations ---------------------------------------------------------------------

FIXTURES = Path(__file__).parent / "fixtures" / "storage"


def test_a_schema_1_file_is_migrated_keeping_every_row(tmp_path: Path) -> None:
    """The file written by the release of schema 1 opens with every snapshot, note and team."""
    path = tmp_path / "history.db"
    shutil.copyfile(FIXTURES / "history-schema1.db", path)
    expected = json.loads((FIXTURES / "history-schema1.json").read_text(encoding="utf-8"))
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA user_version").fetchone() == (1,)
    old_rows = con.execute("SELECT count(*) FROM ssi_snapshots").fetchone()[0]
    con.close()
    snapshots = [Snapshot.from_dict(s) for s in expected["snapshots"]]
    assert old_rows == len(snapshots) > 50
    assert any(len(s.score.groups) == 3 for s in snapshots)  # the fixture has variety
    with SQLiteStore(path) as store:
        assert list(store.iter_snapshots()) == snapshots
        for profile in {s.profile for s in snapshots}:
            assert store.history(profile) == [s for s in snapshots if s.profile == profile]
        notes = [Note.from_dict(n) for n in expected["notes"]]
        for profile in {n.profile for n in notes}:
            assert store.notes(profile) == [n for n in notes if n.profile == profile]
        for team in set(expected["teams"].values()):
            members = sorted(p for p, t in expected["teams"].items() if t == team)
            assert store.team_members(team) == members
        store.put(snap("new"))
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    kinds = con.execute("SELECT type FROM sqlite_master WHERE name = 'ssi_snapshots'").fetchall()
    assert kinds == [("view",)]
    assert "ssi_groups" not in {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
    assert con.execute("SELECT count(*) FROM ssi_snapshots").fetchone() == (old_rows + 1,)
    con.close()
    with SQLiteStore(path) as store:  # and it opens again as it is
        assert len(list(store.iter_snapshots())) == old_rows + 1


def test_a_failed_migration_leaves_the_schema_1_file_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    shutil.copyfile(FIXTURES / "history-schema1.db", path)
    con = sqlite3.connect(path, isolation_level=None)
    # A row the model would refuse (a rank above 100 with the CHECKs switched off).
    con.execute("PRAGMA ignore_check_constraints = ON")
    con.execute("UPDATE ssi_groups SET rank = 300 WHERE profile = 'zed'")
    con.close()
    with pytest.raises(StorageError, match=r"cannot migrate .* left as it was"):
        SQLiteStore(path)
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA user_version").fetchone() == (1,)
    tables = {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == {"ssi_snapshots", "ssi_groups", "ssi_notes", "ssi_teams"}
    con.close()


def test_put_many_leaves_the_garbage_collector_as_it_found_it(tmp_path: Path) -> None:
    import gc

    with SQLiteStore(tmp_path / "h.db") as store:
        assert gc.isenabled()
        store.put_many([snap("ana")])
        assert gc.isenabled()
        with pytest.raises(StorageError):
            store.put_many([snap("ana"), "not a snapshot"])  # type: ignore[list-item]
        assert gc.isenabled()
        gc.disable()
        try:
            store.put_many([snap("bob")])
            assert not gc.isenabled()
        finally:
            gc.enable()
        assert store.profiles() == ["ana", "bob"]
