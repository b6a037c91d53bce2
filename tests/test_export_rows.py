"""A store's own export rows (iter_export_rows) give exactly what its snapshots give."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ssi_index import GroupScore, Score, Snapshot, export_csv, export_json, to_dataframe
from ssi_index.analytics._export import _tuples
from ssi_index.storage import MemoryStore, SnapshotStore, SQLiteStore
from ssi_index.storage import _export_rows as export_rows
from ssi_index.testing import snapshots

_SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Profiles a spreadsheet would run, that need quotes, or sort apart by code point.
_PROFILES = st.sampled_from(["me", "=cmd()", "+1", "-x", "@x", "'q", "a,b", 'q"t', "ä", "Z", "Ω"])
_DAY = dt.date(2026, 3, 2)


@pytest.fixture(params=["memory", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SnapshotStore]:
    backend: SnapshotStore
    if request.param == "memory":
        backend = MemoryStore()
    elif request.param == "sqlite":
        backend = SQLiteStore(tmp_path / "history.db")
    else:
        backend = request.getfixturevalue("postgres_store")
    with backend:
        yield backend


def _csv(source: object, *, escape_formulas: bool) -> str:
    out = io.StringIO(newline="")
    export_csv(source, out, escape_formulas=escape_formulas)  # type: ignore[arg-type]
    return out.getvalue()


def _json(source: object) -> str:
    out = io.StringIO()
    export_json(source, out)  # type: ignore[arg-type]
    return out.getvalue()


def _same_exports(store: SnapshotStore) -> None:
    """Every export of the store is the one of its snapshots, byte for byte."""
    objects = list(store.iter_snapshots())
    for escape in (True, False):
        assert _csv(store, escape_formulas=escape) == _csv(objects, escape_formulas=escape)
    assert _json(store) == _json(objects)
    fast = getattr(store, "iter_export_rows", None)
    if fast is not None:
        rows = [row for batch in fast() for row in batch]
        assert rows == list(_tuples(objects, iso=True))
        # equal floats could still differ in sign: compare their text too
        assert [repr(r) for r in rows] == [repr(r) for r in _tuples(objects, iso=True)]
        texts = [row for batch in fast(text=True) for row in batch]
        assert list(map(_as_text, texts)) == [_as_text(r) for r in _tuples(objects, iso=True)]


def _as_text(row: tuple[object, ...]) -> tuple[object, ...]:
    """*row* with its floats as the text repr() makes of them, as CSV writes them."""
    return tuple(repr(v) if type(v) is float else v for v in row)


@_SETTINGS
@given(batch=st.lists(snapshots(profile=_PROFILES), max_size=15))
def test_exports_of_a_store_are_those_of_its_snapshots(
    store: SnapshotStore, batch: list[Snapshot]
) -> None:
    store.put_many(batch)
    _same_exports(store)


@_SETTINGS
@given(batch=st.lists(snapshots(profile=_PROFILES), min_size=1, max_size=15))
def test_the_dataframe_of_a_store_is_that_of_its_snapshots(
    store: SnapshotStore, batch: list[Snapshot]
) -> None:
    pandas = pytest.importorskip("pandas")
    store.put_many(batch)
    objects = list(store.iter_snapshots())
    pandas.testing.assert_frame_equal(to_dataframe(store), to_dataframe(objects))


def _snap(profile: str, day: int, groups: tuple[GroupScore, ...]) -> Snapshot:
    return Snapshot(
        profile=profile,
        day=_DAY + dt.timedelta(days=day),
        score=Score.from_pillars([10.0, 5.5, 7.25, 3.0], groups=groups),
        captured_at=None if day % 2 else dt.datetime(2026, 3, 2, 9, 30, day, 250, tzinfo=dt.UTC),
        source=None if day % 3 else "api",
    )


def test_rows_read_in_many_steps_keep_every_row_in_order(
    store: SnapshotStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = getattr(store, "iter_export_rows", None)
    if fast is None:
        pytest.skip(f"{type(store).__name__} exports through its snapshots")
    monkeypatch.setattr(export_rows, "_BATCH_ROWS", 3)
    store.put_many(
        _snap(f"p{p}", d, (GroupScore(kind="NETWORK", rank=p + d),))
        for p in range(7)
        for d in range(p % 4 + 1)
    )
    batches = list(fast())
    assert len(batches) > 1
    rows = [row for batch in batches for row in batch]
    assert rows == list(_tuples(store.iter_snapshots(), iso=True))
    assert [(r[0], r[11]) for r in rows[:3]] == [("p0", 0), ("p1", 1), ("p1", 2)]
    _same_exports(store)


def test_a_label_another_connection_added_is_read_again(tmp_path: Path) -> None:
    path = tmp_path / "h.db"
    with SQLiteStore(path) as reader, SQLiteStore(path) as writer:
        reader.put(_snap("a", 0, (GroupScore(kind="INDUSTRY", rank=3, average=20.5),)))
        assert [r[9:] for b in reader.iter_export_rows() for r in b] == [(3, 20.5, None, None)]
        # new labels (a kind and a name) this reader has never seen, before its INDUSTRY
        group = GroupScore(kind="TEAM", rank=1, name="Sales")
        writer.put(_snap("b", 0, (group, GroupScore(kind="INDUSTRY", rank=9, average=30.0))))
        rows = [r[9:] for b in reader.iter_export_rows() for r in b]
        assert rows == [(3, 20.5, None, None), (9, 30.0, None, None)]
        _same_exports(reader)


def test_the_first_group_of_each_kind_counts_and_none_stays_empty(tmp_path: Path) -> None:
    groups = (
        GroupScore(kind="NETWORK", rank=None, average=31.0),
        GroupScore(kind="NETWORK", rank=2, average=1.0),
        GroupScore(kind="INDUSTRY", rank=0, average=None),
    )
    with SQLiteStore(tmp_path / "h.db") as store:
        store.put_many([_snap("a", 0, groups), _snap("a", 1, ())])
        out = io.StringIO(newline="")
        assert export_csv(store, out) == 2
        lines = out.getvalue().splitlines()
        assert lines[1].endswith(",0,,,31.0")
        assert lines[2].endswith(",,,,")
        assert json.loads(_json(store))[1]["network_rank"] is None
        _same_exports(store)


def test_an_empty_store_exports_only_the_header(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "h.db") as store:
        assert list(store.iter_export_rows()) == []
        assert _csv(store, escape_formulas=True).count("\n") == 1
        assert _json(store) == "[]\n"


def test_more_texts_than_the_export_keeps_in_mind_are_all_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ssi_index.analytics import _export

    monkeypatch.setattr(_export, "_CACHE_SIZE", 4)  # fewer than one step's profiles
    with SQLiteStore(tmp_path / "h.db") as store:
        store.put_many(_snap(f"p{p}", 0, ()) for p in range(30))
        assert _csv(store, escape_formulas=True).count("\n") == 31
        _same_exports(store)
