"""The storage contract (ssi_index.testing.StoreContract) run against every built-in backend."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ssi_index.storage import MemoryStore, SnapshotStore, SQLiteStore
from ssi_index.testing import StoreContract


class TestBuiltInStores(StoreContract):
    @pytest.fixture(
        params=["memory", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
    )
    def store(self, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SnapshotStore]:
        backend: SnapshotStore
        if request.param == "memory":
            backend = MemoryStore()
        elif request.param == "sqlite":
            backend = SQLiteStore(tmp_path / "history.db")
        else:
            backend = request.getfixturevalue("postgres_store")
        with backend:
            yield backend
