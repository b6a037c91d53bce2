"""The row <-> value mapping shared by the SQL backends."""

from __future__ import annotations

import datetime as dt
import random

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ssi_index import GroupScore, Pillar, PillarScores, PillarValues, Score, Snapshot, StorageError
from ssi_index.storage._rows import (
    GROUP_COLUMNS,
    SNAPSHOT_COLUMNS,
    build_history,
    build_history_union,
    build_snapshots,
    group_rows,
    snapshot_row,
)
from ssi_index.testing import scores, snapshots


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


def history_rows(
    history: list[Snapshot], *, text: bool
) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    """The two result sets history() reads: snapshot rows, and day + group columns."""
    rows = [snapshot_row(s, text=text) for s in history]
    groups = [(g[1], *g[3:]) for s in history for g in group_rows(s, text=text)]
    return rows, groups


def one_profiles_history() -> st.SearchStrategy[list[Snapshot]]:
    """Snapshots of one profile on distinct days, by day, like a store's history."""
    return st.lists(snapshots(profile=st.just("ana")), max_size=12).map(
        lambda items: sorted({s.day: s for s in items}.values(), key=lambda s: s.day)
    )


@given(history=one_profiles_history())
def test_history_rows_read_back_equal_and_hashable(history: list[Snapshot]) -> None:
    for text in (True, False):
        back = build_history(*history_rows(history, text=text), text=text)
        assert back == history
        assert [hash(s) for s in back] == [hash(s) for s in history]
        # Each snapshot gets its own groups, in order, even when its neighbours have none.
        assert [s.score.groups for s in back] == [s.score.groups for s in history]
        assert all(type(s.score.groups) is tuple for s in back)


@given(score=scores())
def test_history_builds_group_pillars_only_where_stored(score: Score) -> None:
    with_pillars = GroupScore(kind="TEAM", pillars=PillarScores([1.5, 2.5, 3.5, 4.5]))
    days = [dt.date(2026, 3, d) for d in (2, 3, 4)]
    history = [
        Snapshot(profile="ana", day=days[0], score=score),
        Snapshot(
            profile="ana",
            day=days[1],
            score=Score.from_pillars([1, 2, 3, 4], groups=[GroupScore(rank=3), with_pillars]),
        ),
        Snapshot(profile="ana", day=days[2], score=Score.from_pillars([1, 2, 3, 4])),
    ]
    for text in (True, False):
        back = build_history(*history_rows(history, text=text), text=text)
        assert back == history
        assert back[1].score.groups[0].pillars is None
        assert back[1].score.groups[1].pillars == with_pillars.pillars


def test_history_of_no_rows_is_empty() -> None:
    assert build_history([], [], text=True) == []
    assert build_history([], [], text=False) == []


def test_history_ignores_groups_whose_snapshot_is_missing() -> None:
    # A table damaged outside ssi-index: groups of a day that has no snapshot.
    a = Snapshot(
        profile="a",
        day=dt.date(2026, 3, 2),
        score=Score.from_pillars([1, 2, 3, 4], groups=[GroupScore(rank=1)]),
    )
    b = Snapshot(
        profile="a",
        day=dt.date(2026, 3, 4),
        score=Score.from_pillars([1, 2, 3, 4], groups=[GroupScore(rank=4), GroupScore(rank=5)]),
    )
    rows, groups = history_rows([a, b], text=True)
    orphan = ("2026-03-03", "INDUSTRY", 9, None, None, None, None, None, None, None)
    assert build_history(rows, [groups[0], orphan, *groups[1:]], text=True) == [a, b]


def test_a_history_row_ssi_index_did_not_write_is_a_storage_error() -> None:
    row = ("a", "2nd of March", None, None, 10.0, 1.0, 2.0, 3.0, 4.0, None)
    with pytest.raises(StorageError, match="changed outside ssi-index"):
        build_history([row], [], text=True)
    seat = ("a", "2026-03-02", None, None, 10.0, 1.0, 2.0, 3.0, 4.0, 7)
    with pytest.raises(StorageError, match="changed outside ssi-index"):
        build_history([seat], [], text=True)
    short = ("a", "2026-03-02", None, None, 10.0)
    with pytest.raises(StorageError, match="changed outside ssi-index"):
        build_history([short], [], text=True)


def union_rows(history: list[Snapshot]) -> list[tuple[object, ...]]:
    """The rows PostgreSQL's one-query history() reads (the two halves of HISTORY_UNION)."""
    rows, groups = history_rows(history, text=False)
    snaps = [(r[1], None, *r[2:10], None, None, None) for r in rows]
    # day, position, NULL, kind, average, 4 pillars, NULL, rank, size, name
    no_pillars = dict.fromkeys(Pillar)
    parts = [
        (
            *(s.day, n, None, g.kind, g.average),
            *(g.pillars or no_pillars).values(),
            *(None, g.rank, g.size, g.name),
        )
        for s in history
        for n, g in enumerate(s.score.groups)
    ]
    assert len(parts) == len(groups)
    return snaps + parts


def _fields(value: object) -> object:
    """Every field of a model value, recursively, with each value's type beside it."""
    if isinstance(value, Snapshot | Score | GroupScore):
        return [(f.name, _fields(getattr(value, f.name))) for f in attrs.fields(type(value))]
    if isinstance(value, PillarValues):
        return [(type(v).__name__, v) for v in value.values()]
    if isinstance(value, tuple):
        return [_fields(v) for v in value]
    return (type(value).__name__, value)


@given(history=one_profiles_history())
def test_one_query_history_reads_back_field_by_field(history: list[Snapshot]) -> None:
    back = build_history_union(union_rows(history), "ana")
    assert [_fields(s) for s in back] == [_fields(s) for s in history]
    assert back == history
    assert [hash(s) for s in back] == [hash(s) for s in history]


@given(history=one_profiles_history(), seed=st.integers(0, 2**32 - 1))
def test_one_query_history_in_any_row_order_reads_the_same(
    history: list[Snapshot], seed: int
) -> None:
    # The query has no ORDER BY (a plan may return the rows in another order).
    rows = union_rows(history)
    random.Random(seed).shuffle(rows)
    assert build_history_union(rows, "ana") == history


def test_one_query_history_shares_equal_groups_and_keeps_each_days_own() -> None:
    industry = [GroupScore(kind="INDUSTRY", rank=r, average=28.4, name="Software") for r in (1, 2)]
    team = GroupScore(kind="TEAM", pillars=PillarScores([1.5, 2.5, 3.5, 4.5]))
    history = [
        Snapshot(
            profile="ana",
            day=dt.date(2026, 3, 1) + dt.timedelta(days=d),
            score=Score.from_pillars(
                [1, 2, 3, d % 25],
                groups=[industry[d % 2], GroupScore(kind="NETWORK", rank=d % 3)]
                + ([team] if d % 4 == 0 else []),
            ),
            captured_at=None if d % 2 else dt.datetime(2026, 3, 1, 9, d % 60, tzinfo=dt.UTC),
            source=None if d % 3 else "api",
        )
        for d in range(40)
    ]
    back = build_history_union(union_rows(history), "ana")
    assert [_fields(s) for s in back] == [_fields(s) for s in history]
    groups = [g for s in back for g in s.score.groups]
    assert len({id(g) for g in groups}) == 2 + 3 + 1  # built once each, shared by every day
    assert build_history_union([], "ana") == []
    bare = [attrs.evolve(s, score=Score.from_pillars([1, 2, 3, 4])) for s in history[:3]]
    assert build_history_union(union_rows(bare), "ana") == bare


def test_one_query_history_refuses_rows_out_of_order() -> None:
    rows = union_rows(
        [
            Snapshot(
                profile="ana",
                day=dt.date(2026, 3, 2),
                score=Score.from_pillars([1, 2, 3, 4], groups=[GroupScore(rank=1)]),
            )
        ]
    )
    with pytest.raises(StorageError, match="changed outside ssi-index"):
        build_history_union([rows[1], rows[0], rows[1]], "ana")
