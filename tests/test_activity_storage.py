"""Activities in every store, and the migration that adds their table to a version-1 store.

The version-1 stores were written by the 0.1 release code (tests/fixtures/storage/make_v1.py):
a real SQLite file and a pg_dump of a real PostgreSQL schema.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import shutil
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from ssi_index import Activity, MemoryStore
from ssi_index.storage import SnapshotStore, SQLiteStore
from ssi_index.storage import _postgres as pg_module
from ssi_index.storage import _sqlite as sqlite_module

FIXTURES = Path(__file__).parent / "fixtures" / "storage"


def _make_v1() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_v1", FIXTURES / "make_v1.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _expected() -> MemoryStore:
    store = MemoryStore()
    _make_v1().fill(store)
    return store


def _same_content(store: SnapshotStore, expected: MemoryStore) -> None:
    assert store.profiles() == expected.profiles() == ["ana", "bob"]
    for profile in expected.profiles():
        assert store.history(profile) == expected.history(profile)
        assert len(store.history(profile)) == 30
        assert store.notes(profile) == expected.notes(profile)
    assert store.team_members("sales") == ["ana", "bob"]


def _activity(day: int, count: int) -> Activity:
    return Activity(
        profile="ana",
        day=dt.date(2026, 1, 5) + dt.timedelta(days=day),
        kind="invitation_sent",
        count=count,
        source="linkedin-export",
    )


def test_the_activity_step_is_the_last_migration() -> None:
    from ssi_index.storage import _sqlite_schema

    last = _sqlite_schema.MIGRATIONS[-1]
    assert len(_sqlite_schema.MIGRATIONS) == sqlite_module.SCHEMA_VERSION
    assert len(pg_module._MIGRATIONS) == pg_module.SCHEMA_VERSION
    assert isinstance(last, str)
    assert "ssi_activities" in last
    assert "ssi_activities" in pg_module._MIGRATIONS[-1]
    assert "ssi_snapshots" not in last


def test_a_version_1_sqlite_file_opens_and_keeps_everything(tmp_path: Path) -> None:
    path = tmp_path / "v1.db"
    shutil.copyfile(FIXTURES / "v1.db", path)
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == 1
        tables = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "ssi_activities" not in tables
    expected = _expected()
    with SQLiteStore(path) as store:
        _same_content(store, expected)
        assert store.activities("ana") == []
        assert store.put_activities([_activity(0, 4), _activity(1, 2)]) == 2
    raw = sqlite3.connect(path)
    try:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == sqlite_module.SCHEMA_VERSION
        assert raw.execute("SELECT count(*) FROM ssi_activities").fetchone()[0] == 2
    finally:
        raw.close()
    with SQLiteStore(path) as again:  # a second open neither migrates nor loses anything
        _same_content(again, expected)
        assert again.activities("ana") == [_activity(0, 4), _activity(1, 2)]


def test_the_activity_table_refuses_bad_rows(tmp_path: Path) -> None:
    path = tmp_path / "ssi.db"
    SQLiteStore(path).close()
    raw = sqlite3.connect(path)
    try:
        for row in [
            ("ana", "2026-01-05", "comment", "manual", -1),
            ("ana", "2026-01-05", "comment", "manual", 1.5),
            ("ana", "5 Jan 2026", "comment", "manual", 1),
            (" ", "2026-01-05", "comment", "manual", 1),
        ]:
            with pytest.raises(sqlite3.IntegrityError):
                raw.execute("INSERT INTO ssi_activities VALUES (?, ?, ?, ?, ?)", row)
    finally:
        raw.close()


@pytest.fixture
def v1_schema(postgres_url: str) -> Iterator[str]:
    """A brand-new PostgreSQL schema holding the version-1 tables and rows of the 0.1 release."""
    import psycopg

    name = f"ssi_v1_{uuid.uuid4().hex}"
    dump = (FIXTURES / "v1-postgres.sql").read_text(encoding="utf-8").replace("__SCHEMA__", name)
    with psycopg.connect(postgres_url, autocommit=True) as con:
        con.execute(dump.encode("utf-8"))
    yield name
    with psycopg.connect(postgres_url, autocommit=True) as con:
        con.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')


@pytest.mark.postgres
def test_a_version_1_postgres_schema_opens_and_keeps_everything(
    postgres_url: str, v1_schema: str
) -> None:
    import psycopg

    from ssi_index.storage import PostgresStore

    with psycopg.connect(postgres_url, autocommit=True) as con:
        con.execute(f'SET search_path TO "{v1_schema}"')
        version = con.execute("SELECT value FROM ssi_meta WHERE key = 'schema_version'").fetchone()
        assert version == ("1",)
        assert con.execute("SELECT to_regclass('ssi_activities')").fetchone() == (None,)
    expected = _expected()
    with PostgresStore(postgres_url, schema=v1_schema) as store:
        _same_content(store, expected)
        assert store.activities("ana") == []
        assert store.put_activities([_activity(0, 4), _activity(1, 2)]) == 2
        assert store.put_activities([_activity(0, 4), _activity(1, 3)]) == 1
    with psycopg.connect(postgres_url, autocommit=True) as con:
        con.execute(f'SET search_path TO "{v1_schema}"')
        version = con.execute("SELECT value FROM ssi_meta WHERE key = 'schema_version'").fetchone()
        assert version == (str(pg_module.SCHEMA_VERSION),)
    with PostgresStore(postgres_url, schema=v1_schema) as again:
        _same_content(again, expected)
        assert again.activities("ana") == [_activity(0, 4), _activity(1, 3)]
        assert again.delete_profile("ana") == 30
        assert again.activities("ana") == []
