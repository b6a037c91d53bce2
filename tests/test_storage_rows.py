"""The row <-> value mapping shared by the SQL backends."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import given

from ssi_index import GroupScore, PillarScores, PillarValues, Score, Snapshot, StorageError
from ssi_index.storage._rows import (
    GROUP_COLUMNS,
    SNAPSHOT_COLUMNS,
    build_snapshots,
    group_rows,
    snapshot_row,
)
from ssi_index.testing import snapshots


def joined(snapshot: Snapshot, *, text: bool) -> list[tuple[object, ...]]:
    row = snapshot_row(snapshot, text=text)
    groups = [g[2:] for g in group_rows(snapshot, text=text)]
    return [row + g for g in groups] or [row + (None,) * (len(GROUP_COLUMNS) - 2)]


def test_the_mapping_knows_every_field_of_the_model() -> None:
    # The reader sets these fields directly; a new field in the model must show up here.
    assert [f.name for f in attrs.fields(Snapshot)] == [
        "profile",
        "day",
        "score",
        "captured_at",
        "source",
    ]
    assert [f.name for f in attrs.fields(Score)] == ["overall", "pillars", "groups", "active_seat"]
    assert [f.name for f in attrs.fields(GroupScore)] == [
        "kind",
        "rank",
        "average",
        "size",
        "name",
        "pillars",
    ]
    assert PillarScores.__slots__ == ()
    assert PillarValues.__slots__ == ("_values",)
    assert len(SNAPSHOT_COLUMNS) == 10


@given(snapshot=snapshots())
def test_rows_read_back_equal_and_hashable(snapshot: Snapshot) -> None:
    for text in (True, False):
        [back] = build_snapshots(joined(snapshot, text=text), text=text)
        assert back == snapshot
        assert hash(back) == hash(snapshot)
        assert back.score.pillars.total == snapshot.score.pillars.total


def test_consecutive_rows_of_one_snapshot_become_its_groups() -> None:
    a = Snapshot(
        profile="a",
        day=dt.date(2026, 3, 2),
        score=Score.from_pillars([1, 2, 3, 4], groups=[GroupScore(rank=1), GroupScore(rank=2)]),
    )
    b = Snapshot(profile="a", day=dt.date(2026, 3, 3), score=Score.from_pillars([1, 2, 3, 4]))
    rows = joined(a, text=True) + joined(b, text=True)
    assert len(rows) == 3
    assert build_snapshots(rows, text=True) == [a, b]


def test_a_row_ssi_index_did_not_write_is_a_storage_error() -> None:
    row = ("a", "2nd of March", None, None, 10.0, 1.0, 2.0, 3.0, 4.0, None) + (None,) * 10
    with pytest.raises(StorageError, match="changed outside ssi-index"):
        build_snapshots([row], text=True)
