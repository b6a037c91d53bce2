"""Tests for CSV, JSON and DataFrame export (ssi_index.analytics._export)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ssi_index import (
    EXPORT_COLUMNS,
    AnalysisError,
    GroupScore,
    Score,
    Snapshot,
    export_csv,
    export_json,
    to_dataframe,
)
from ssi_index.analytics import _export
from ssi_index.storage import SQLiteStore
from ssi_index.storage import _export_rows as export_rows

DAY = dt.date(2026, 3, 2)
FULL = Snapshot(
    profile="me",
    day=DAY,
    captured_at=dt.datetime(2026, 3, 2, 8, 30, tzinfo=dt.UTC),
    source="api",
    score=Score(
        overall=41.53,
        pillars=[14.2, 9.0300007, 7.6, 10.7],
        groups=[
            GroupScore(kind="INDUSTRY", rank=40, average=28.4, name="Computer Software"),
            GroupScore(kind="NETWORK", rank=35, average=30.1),
        ],
    ),
)
BARE = Snapshot(
    profile="bob", day=DAY + dt.timedelta(days=1), score=Score.from_pillars([1, 2, 3, 4])
)
PARTIAL = Snapshot(
    profile="me",
    day=DAY + dt.timedelta(days=1),
    score=Score.from_pillars([10, 10, 10, 10], groups=[GroupScore(kind="INDUSTRY", rank=12)]),
)

HEADER = (
    "profile,day,captured_at,source,overall,professional_brand,find_right_people,"
    "insight_engagement,strong_relationship,industry_rank,industry_average,network_rank,"
    "network_average"
)


def test_columns_are_stable() -> None:
    assert ",".join(EXPORT_COLUMNS) == HEADER


def test_csv_rows_with_empty_cells_for_missing_values(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    assert export_csv([FULL, BARE, PARTIAL], path) == 3
    assert path.read_text(encoding="utf-8").splitlines() == [
        HEADER,
        "me,2026-03-02,2026-03-02T08:30:00+00:00,api,41.53,14.2,9.0300007,7.6,10.7,40,28.4,35,30.1",
        "bob,2026-03-03,,,10.0,1.0,2.0,3.0,4.0,,,,",
        "me,2026-03-03,,,40.0,10.0,10.0,10.0,10.0,12,,,",
    ]


def test_csv_to_an_open_file_and_a_str_path(tmp_path: Path) -> None:
    buffer = io.StringIO(newline="")
    assert export_csv([FULL], buffer) == 1
    path = tmp_path / "str.csv"
    export_csv([FULL], str(path))
    assert path.read_text(encoding="utf-8") == buffer.getvalue()
    assert export_csv([], buffer := io.StringIO()) == 0
    assert buffer.getvalue() == HEADER + "\n"


def test_json_objects_with_null_for_missing_values(tmp_path: Path) -> None:
    path = tmp_path / "out.json"
    assert export_json([FULL, BARE], path, indent=2) == 2
    data = json.loads(path.read_text(encoding="utf-8"))
    assert [list(row) for row in data] == [list(EXPORT_COLUMNS)] * 2
    assert data[0] == {
        "profile": "me",
        "day": "2026-03-02",
        "captured_at": "2026-03-02T08:30:00+00:00",
        "source": "api",
        "overall": 41.53,
        "professional_brand": 14.2,
        "find_right_people": 9.0300007,
        "insight_engagement": 7.6,
        "strong_relationship": 10.7,
        "industry_rank": 40,
        "industry_average": 28.4,
        "network_rank": 35,
        "network_average": 30.1,
    }
    assert data[1]["industry_rank"] is None
    assert data[1]["network_average"] is None
    assert data[1]["captured_at"] is None
    buffer = io.StringIO()
    export_json([], buffer)
    assert buffer.getvalue() == "[]\n"


def test_dataframe_dtypes_and_nan_for_missing() -> None:
    frame = to_dataframe([FULL, BARE, PARTIAL])
    assert list(frame.columns) == list(EXPORT_COLUMNS)
    assert len(frame) == 3
    numbers = [c for c in EXPORT_COLUMNS if c not in {"profile", "day", "captured_at", "source"}]
    for column in numbers:
        assert frame[column].dtype == "float64", column
    assert pd.api.types.is_datetime64_any_dtype(frame["day"])
    assert isinstance(frame["captured_at"].dtype, pd.DatetimeTZDtype)
    assert str(frame["captured_at"].dtype.tz) == "UTC"
    assert frame["day"].iloc[1] == pd.Timestamp("2026-03-03")
    assert frame["captured_at"].iloc[0] == pd.Timestamp("2026-03-02T08:30:00Z")
    assert pd.isna(frame["captured_at"].iloc[1])
    assert frame["industry_rank"].tolist()[:1] == [40.0]
    assert math.isnan(frame["industry_rank"].iloc[1])  # missing is NaN, never 0
    assert frame["industry_rank"].iloc[2] == 12.0
    assert math.isnan(frame["industry_average"].iloc[2])
    assert frame["industry_average"].isna().sum() == 2
    assert (frame[numbers].fillna(-1) != 0).all().all()  # no invented zeros
    assert frame["find_right_people"].iloc[0] == 9.0300007
    assert frame["profile"].tolist() == ["me", "bob", "me"]
    assert frame["source"].iloc[0] == "api"
    assert pd.isna(frame["source"].iloc[1])


def test_empty_dataframe_keeps_columns_and_dtypes() -> None:
    frame = to_dataframe([])
    assert list(frame.columns) == list(EXPORT_COLUMNS)
    assert frame.empty
    assert frame["overall"].dtype == "float64"
    assert pd.api.types.is_datetime64_any_dtype(frame["day"])


def test_not_snapshots() -> None:
    with pytest.raises(AnalysisError, match=r"snapshots\[0\]: expected a Snapshot, found str"):
        export_csv(["me"], io.StringIO())  # type: ignore[list-item]
    with pytest.raises(
        AnalysisError, match="expected an iterable of Snapshot or a store, found NoneType"
    ):
        export_json(None, io.StringIO())  # type: ignore[arg-type]
    with pytest.raises(AnalysisError):
        to_dataframe([1])  # type: ignore[list-item]


# --- round trips --------------------------------------------------------------------------------

points = st.floats(0, 25, allow_nan=False, allow_infinity=False)
ranks = st.none() | st.integers(0, 100)
averages = st.none() | st.floats(0, 100, allow_nan=False)
groups = st.lists(
    st.builds(
        GroupScore,
        kind=st.sampled_from(["INDUSTRY", "NETWORK", "TEAM"]),
        rank=ranks,
        average=averages,
    ),
    max_size=3,
)
snapshots = st.builds(
    lambda profile, day, pillars, groups, captured, source: Snapshot(
        profile=profile,
        day=day,
        score=Score.from_pillars(pillars, groups=groups),
        captured_at=captured,
        source=source,
    ),
    st.sampled_from(["me", "bob", 'Zoë, "the" rep']),
    st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31)),
    st.tuples(points, points, points, points),
    groups,
    st.none() | st.datetimes(timezones=st.just(dt.UTC)),
    st.none() | st.sampled_from(["api", "page-2026", "manual", "a,b\nc"]),
)


def _expected(snap: Snapshot) -> dict[str, object]:
    industry, network = snap.score.industry, snap.score.network
    return {
        "overall": snap.score.overall,
        **{p.slug: v for p, v in snap.score.pillars.items()},
        "industry_rank": industry.rank if industry else None,
        "industry_average": industry.average if industry else None,
        "network_rank": network.rank if network else None,
        "network_average": network.average if network else None,
    }


def _number(cell: str) -> float | None:
    return None if cell == "" else float(cell)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(snapshots, max_size=8))
def test_csv_and_json_round_trip_to_the_same_numbers(items: list[Snapshot]) -> None:
    buffer = io.StringIO(newline="")
    export_csv(items, buffer)
    rows = list(csv.DictReader(io.StringIO(buffer.getvalue(), newline="")))
    data = io.StringIO()
    export_json(items, data)
    objects = json.loads(data.getvalue())
    assert len(rows) == len(objects) == len(items)
    for snap, row, obj in zip(items, rows, objects, strict=True):
        expected = _expected(snap)
        assert {k: _number(row[k]) for k in expected} == expected
        assert {k: obj[k] for k in expected} == expected
        for got in (row, obj):
            assert got["profile"] == snap.profile
            assert dt.date.fromisoformat(got["day"]) == snap.day
            captured = got["captured_at"] or None
            assert (
                None if captured is None else dt.datetime.fromisoformat(captured)
            ) == snap.captured_at
            assert (got["source"] or None) == snap.source


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(snapshots, max_size=8))
def test_dataframe_has_the_same_numbers(items: list[Snapshot]) -> None:
    frame = to_dataframe(items)
    assert len(frame) == len(items)
    for i, snap in enumerate(items):
        for column, value in _expected(snap).items():
            cell = frame[column].iloc[i]
            if value is None:
                assert math.isnan(cell)
            else:
                assert cell == value


def test_to_dataframe_without_pandas_names_the_extra() -> None:
    code = (
        "import sys\n"
        "sys.modules['pandas'] = None  # as if pandas were not installed\n"
        "import ssi_index\n"
        "try:\n"
        "    ssi_index.to_dataframe([])\n"
        "except ssi_index.MissingDependencyError as err:\n"
        "    print(err.extra, '|', err)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    extra, _, message = out.stdout.strip().partition(" | ")
    assert extra == "pandas"
    assert "pip install 'ssi-index[pandas]'" in message


def test_unwritable_path_is_the_os_error_open_gives(tmp_path: Path) -> None:
    from ssi_index import Score, Snapshot, export_csv, export_json

    snap = Snapshot(profile="me", day=dt.date(2026, 1, 1), score=Score.from_pillars([1, 2, 3, 4]))
    missing = tmp_path / "no-such-folder" / "out.csv"
    for export in (export_csv, export_json):
        with pytest.raises(FileNotFoundError, match="no-such-folder"):
            export([snap], missing)
        assert not missing.parent.exists()


# -- streaming from a store -------------------------------------------------------------


def _store_snapshots(profiles: int, days: int) -> list[Snapshot]:
    return [
        Snapshot(
            profile=f"member-{p:04d}",
            day=DAY + dt.timedelta(days=d),
            score=Score.from_pillars(
                [p % 25, d % 25, 12.5, 3.25],
                groups=(
                    GroupScore(kind="INDUSTRY", rank=1 + d % 99, average=28.4),
                    GroupScore(kind="NETWORK", rank=1 + p % 99, average=30.1),
                ),
            ),
            captured_at=dt.datetime(2026, 3, 2, 8, tzinfo=dt.UTC) + dt.timedelta(days=d),
            source="api",
        )
        for p in range(profiles)
        for d in range(days)
    ]


@pytest.mark.parametrize("backend", ["memory", "sqlite"])
def test_a_store_exports_every_snapshot_as_the_list_would(tmp_path: Path, backend: str) -> None:
    from ssi_index.storage import MemoryStore, SQLiteStore

    snapshots = _store_snapshots(7, 30)
    store = MemoryStore() if backend == "memory" else SQLiteStore(tmp_path / "h.db")
    with store:
        store.put_many(reversed(snapshots))
        for export in (export_csv, export_json):
            from_store, from_list = io.StringIO(), io.StringIO()
            assert export(store, from_store) == len(snapshots)
            assert export(snapshots, from_list) == len(snapshots)
            assert from_store.getvalue() == from_list.getvalue()
        pd.testing.assert_frame_equal(to_dataframe(store), to_dataframe(snapshots))


class _CountingStore(SQLiteStore):
    """The real SQLite store, counting the rows its iter_export_rows() has handed out."""

    pulled = 0

    def iter_export_rows(self, *, text: bool = False) -> Iterator[list[tuple[Any, ...]]]:
        for batch in super().iter_export_rows(text=text):
            self.pulled += len(batch)
            yield batch


class _SnapshotsOnlyStore(SQLiteStore):
    """The real SQLite store as a third-party store without iter_export_rows() would be."""

    iter_export_rows = None  # type: ignore[assignment]
    pulled = 0

    def iter_snapshots(self) -> Iterator[Snapshot]:
        for snapshot in super().iter_snapshots():
            self.pulled += 1
            yield snapshot


class _Watching(io.StringIO):
    """A text stream noting, at each write, how many rows had been read."""

    def __init__(self, store: _CountingStore | _SnapshotsOnlyStore) -> None:
        super().__init__()
        self.store = store
        self.seen: list[int] = []

    def write(self, text: str) -> int:
        self.seen.append(self.store.pulled)
        return super().write(text)


@pytest.mark.parametrize("export", [export_csv, export_json])
def test_exporting_a_store_reads_it_a_step_at_a_time(
    tmp_path: Path, export: Callable[..., int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows go out as they come in: never more than one read step ahead."""
    days = 20
    monkeypatch.setattr(export_rows, "_BATCH_ROWS", days)  # a step per profile
    with _CountingStore(tmp_path / "h.db") as store:
        store.put_many(_store_snapshots(50, days))
        stream = _Watching(store)
        assert export(store, stream) == 50 * days
    rows = [pulled for pulled in stream.seen if pulled]  # the header comes first
    assert len(rows) >= 50 * days
    # When row n is written, at most one profile's history beyond it has been read.
    assert all(pulled <= n + days for n, pulled in enumerate(rows, start=1))
    assert rows[0] <= days


@pytest.mark.parametrize("export", [export_csv, export_json])
def test_a_store_without_export_rows_is_streamed_through_its_snapshots(
    tmp_path: Path, export: Callable[..., int]
) -> None:
    """Snapshots are read a bounded chunk ahead of the rows written, never all at once."""
    profiles, days = 120, 20
    with _SnapshotsOnlyStore(tmp_path / "h.db") as store:
        store.put_many(_store_snapshots(profiles, days))
        stream = _Watching(store)
        assert export(store, stream) == profiles * days
        out = io.StringIO(newline="")
        export(list(store.iter_snapshots()), out)
    rows = [pulled for pulled in stream.seen if pulled]
    assert all(pulled <= n + _export._BATCH for n, pulled in enumerate(rows, start=1))
    assert rows[0] < profiles * days
    assert "".join(stream.getvalue()) == out.getvalue()


@given(
    rows=st.lists(st.sampled_from([FULL, BARE, PARTIAL]), max_size=4),
    indent=st.none() | st.integers(min_value=0, max_value=4),
)
def test_streamed_json_is_what_json_dump_writes(rows: list[Snapshot], indent: int | None) -> None:
    buffer = io.StringIO()
    export_json(rows, buffer, indent=indent)
    whole = json.dumps(
        [json.loads(json.dumps(r)) for r in json.loads(buffer.getvalue())],
        indent=indent,
        ensure_ascii=False,
    )
    assert buffer.getvalue() == whole + "\n"
    assert len(json.loads(buffer.getvalue())) == len(rows)
