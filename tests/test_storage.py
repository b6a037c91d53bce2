"""The public module ssi_index.storage: the protocol and lazy PostgreSQL."""

from __future__ import annotations

import subprocess
import sys

import pytest

import ssi_index
from ssi_index import storage
from ssi_index.storage import MemoryStore, SnapshotStore


def test_importing_storage_imports_neither_psycopg_nor_sqlite3() -> None:
    code = (
        "import sys, ssi_index.storage\n"
        "print(sorted({'psycopg', 'sqlite3'} & set(sys.modules)))\n"
        "ssi_index.storage.PostgresStore\n"
        "print('psycopg' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["[]", "False"]


def test_postgres_store_is_there_when_asked_for() -> None:
    from ssi_index.storage._postgres import PostgresStore

    assert storage.PostgresStore is PostgresStore
    assert "PostgresStore" in dir(storage)
    with pytest.raises(AttributeError, match="no attribute 'Nope'"):
        storage.Nope  # noqa: B018


def test_top_level_names_are_the_storage_names() -> None:
    assert ssi_index.SnapshotStore is SnapshotStore
    assert ssi_index.open_store is storage.open_store
    assert ssi_index.SQLiteStore is storage.SQLiteStore


def test_the_protocol_is_structural() -> None:
    class Partial:
        def put(self, snapshot: object) -> bool:
            return True

    assert isinstance(MemoryStore(), SnapshotStore)
    assert not isinstance(Partial(), SnapshotStore)
