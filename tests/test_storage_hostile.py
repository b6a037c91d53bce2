"""Stores given what they should refuse: foreign files, odd paths, bad options, secrets in URLs.

Every failure is a StorageError (never a ValueError, OverflowError, OSError or
UnicodeError from underneath), nothing is changed, and no message, repr, cause or
context holds a password.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import traceback
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ssi_index import Score, Snapshot, StorageError
from ssi_index.storage import SQLiteStore, open_store

DAY = dt.date(2026, 3, 2)
SECRET = "S3cr3t-pw"


def snap(profile: str = "ana") -> Snapshot:
    return Snapshot(profile=profile, day=DAY, score=Score.from_pillars([13.4, 10.7, 11.1, 25]))


def folder_state(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(path.parent.iterdir())}


# -- foreign SQLite files ------------------------------------------------------------


@pytest.mark.parametrize("version", [1, 2])
def test_another_applications_file_claiming_our_version_is_refused_untouched(
    tmp_path: Path, version: int
) -> None:
    path = tmp_path / "app.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    con.execute("INSERT INTO invoices VALUES (1, 9.5)")
    con.execute(f"PRAGMA user_version = {version}")
    con.commit()
    con.close()
    before = folder_state(path)
    with pytest.raises(StorageError, match=r"without .*ssi_\w+.*untouched"):
        SQLiteStore(path)
    assert folder_state(path) == before  # the header too: no WAL switch, no -wal file


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    path = tmp_path / "pipe.db"
    os.mkfifo(path)
    with pytest.raises(StorageError, match=r"regular SQLite file .* FIFO"):
        SQLiteStore(path)
    with pytest.raises(StorageError, match="FIFO"):
        open_store(f"sqlite:///{path}")


def test_a_device_is_refused() -> None:
    with pytest.raises(StorageError, match="character device"):
        SQLiteStore("/dev/null")
    with pytest.raises(StorageError, match="character device"):
        open_store("sqlite:////dev/zero")


# -- odd paths and options -------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("a\x00b.db", "without NUL"),
        ("bad-\ud800.db", "file system can encode"),
        ("x" * 300 + ".db", "File name too long"),
        ("/" + "d/" * 3000 + "x.db", "File name too long"),
        (b"history.db", "text path"),
        (42, "expected a path"),
    ],
    ids=["nul", "surrogate", "name-too-long", "path-too-long", "bytes", "int"],
)
def test_odd_paths_are_storage_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, path: object, message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(StorageError, match=message):
        SQLiteStore(path)  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("timeout", [float("nan"), float("inf"), -1.0, 1e10, True, "5"], ids=repr)
def test_bad_timeouts_are_refused(tmp_path: Path, timeout: object) -> None:
    with pytest.raises(StorageError, match="timeout"):
        SQLiteStore(tmp_path / "h.db", timeout=timeout)  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "-1", "1e309", "86401"])
def test_bad_timeouts_in_urls_are_refused(tmp_path: Path, value: str) -> None:
    with pytest.raises(StorageError, match="timeout: expected a finite number"):
        open_store(f"sqlite:///{tmp_path}/h.db?timeout={value}")
    assert list(tmp_path.iterdir()) == []


@given(rest=st.text(st.characters(exclude_characters="/"), max_size=40))
def test_any_sqlite_url_opens_or_is_a_storage_error(rest: str) -> None:
    # No "/" in what is drawn: every file made stays in the folder below.
    folder = Path(os.environ.get("TMPDIR", "/tmp")) / f"ssi-url-{uuid.uuid4().hex}"
    folder.mkdir()
    try:
        store = open_store(f"sqlite:///{folder}/{rest}")
    except StorageError:
        pass
    else:
        store.close()
    finally:
        for child in sorted(folder.rglob("*"), reverse=True):
            child.unlink() if not child.is_dir() or child.is_symlink() else child.rmdir()
        folder.rmdir()


@pytest.fixture
def fresh_schema(postgres_url: str) -> Iterator[str]:
    import psycopg

    name = f"ssi_test_{uuid.uuid4().hex}"
    yield name
    with psycopg.connect(postgres_url, autocommit=True) as con:
        con.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')


# -- secrets ---------------------------------------------------------------------------


def everything_said(err: BaseException) -> str:
    """All a user could log about *err*: message, repr, and every cause and context."""
    seen: list[str] = []
    chain: BaseException | None = err
    while chain is not None:
        seen += [str(chain), repr(chain), repr(chain.args)]
        seen += traceback.format_exception(chain)
        chain = chain.__cause__ or chain.__context__
    return "\n".join(seen)


@pytest.mark.parametrize(
    "url",
    [
        f"host=127.0.0.1 password={SECRET} dbname=test",
        f"host=127.0.0.1 password='{SECRET} x' dbname",
        f"postgresql://postgres:{SECRET}@[bad/test",
        f"postgresql://postgres:{SECRET}@127.0.0.1/test\x00",
        f"postgresql://postgres:{SECRET}\udcff@127.0.0.1/test",
        f"postgresql://postgres@127.0.0.1/test?password={SECRET}&sslmode=banana",
        f"postgres://u:{SECRET}@127.0.0.1:99999/x",
        f"mongodb://u:{SECRET}@host/x",
        f"memory://u:{SECRET}@x",
    ],
)
def test_open_store_never_repeats_a_password(url: str) -> None:
    pytest.importorskip("psycopg")
    with pytest.raises(StorageError) as caught:
        open_store(url)
    assert SECRET not in everything_said(caught.value)


def test_postgres_store_never_repeats_a_password() -> None:
    psycopg = pytest.importorskip("psycopg")
    del psycopg
    from ssi_index.storage import PostgresStore

    for url in (
        f"host=127.0.0.1 port=1 password={SECRET} dbname=x connect_timeout=1",
        f"host=127.0.0.1 password={SECRET} bogus=1",
        f"host=127.0.0.1 password='{SECRET} dbname",
        f"postgresql://u:{SECRET}@127.0.0.1:1/x",
    ):
        with pytest.raises(StorageError) as caught:
            PostgresStore(url)
        assert SECRET not in everything_said(caught.value), url


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"connect_timeout": float("nan")}, "connect_timeout"),
        ({"connect_timeout": float("inf")}, "connect_timeout"),
        ({"schema": "a\x00b"}, "schema name"),
        ({"schema": "s" * 64}, "at most 63 bytes"),
        ({"schema": 5}, "schema"),
    ],
)
def test_postgres_options_are_checked_before_connecting(
    kwargs: dict[str, object], message: str
) -> None:
    pytest.importorskip("psycopg")
    from ssi_index.storage import PostgresStore

    with pytest.raises(StorageError, match=message):
        PostgresStore("postgresql://nobody@127.0.0.1:1/x", **kwargs)  # type: ignore[arg-type]


@pytest.mark.postgres
def test_a_libpq_key_value_string_opens_a_postgres_store(
    postgres_url: str, fresh_schema: str
) -> None:
    import psycopg

    from ssi_index.storage import PostgresStore

    info = psycopg.conninfo.conninfo_to_dict(postgres_url)
    conninfo = " ".join(f"{key}={value}" for key, value in info.items())
    with PostgresStore(conninfo, schema=fresh_schema) as store:
        store.put(snap())
        assert store.profiles() == ["ana"]


@pytest.mark.postgres
def test_a_schema_version_that_is_not_a_number_is_a_storage_error(
    postgres_url: str, fresh_schema: str
) -> None:
    import psycopg

    from ssi_index.storage import PostgresStore

    with PostgresStore(postgres_url, schema=fresh_schema) as store:
        store.put(snap())
    with psycopg.connect(postgres_url, autocommit=True) as con:
        con.execute(f'SET search_path TO "{fresh_schema}"')
        con.execute("UPDATE ssi_meta SET value = 'banana' WHERE key = 'schema_version'")
    with pytest.raises(StorageError, match="whole number, found 'banana'"):
        PostgresStore(postgres_url, schema=fresh_schema)
    with psycopg.connect(postgres_url, autocommit=True) as con:
        con.execute(f'SET search_path TO "{fresh_schema}"')
        assert con.execute("SELECT value FROM ssi_meta").fetchall() == [("banana",)]
