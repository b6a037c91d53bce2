"""Tests for the team leaderboard (ssi_index.analytics._team)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from ssi_index import (
    AnalysisError,
    Leaderboard,
    LeaderboardRow,
    PillarScores,
    Score,
    Snapshot,
    TeamTooSmallError,
    leaderboard,
)
from ssi_index.analytics import TEAM_FLOOR
from ssi_index.storage import MemoryStore, SnapshotStore, SQLiteStore

DAY = dt.date(2026, 3, 2)


def snap(profile: str, total: float, *, day: dt.date = DAY) -> Snapshot:
    return Snapshot(profile=profile, day=day, score=Score.from_pillars([total / 4] * 4))


def member(i: int) -> str:
    return f"rep{i:02d}"


@pytest.fixture(params=["memory", "sqlite"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SnapshotStore]:
    backend: SnapshotStore = (
        MemoryStore() if request.param == "memory" else SQLiteStore(tmp_path / "team.db")
    )
    with backend:
        yield backend


def fill(store: SnapshotStore, team: str, totals: list[float]) -> None:
    for i, total in enumerate(totals):
        store.put(snap(member(i), total, day=DAY - dt.timedelta(days=3)))  # an older score
        store.put(snap(member(i), total, day=DAY))
        store.set_team(member(i), team)


def test_ranks_each_members_latest_score_with_the_teams_averages(store: SnapshotStore) -> None:
    totals = [40.0, 60.0, 52.0, 48.0, 60.0, 30.0, 70.0, 44.0, 56.0, 40.0]
    fill(store, "sales", totals)
    store.put(snap(member(0), 80.0, day=DAY + dt.timedelta(days=1)))  # rep00's newest
    store.put(snap("outsider", 99.0))  # not in the team
    board = leaderboard(store, "sales")
    assert isinstance(board, Leaderboard)
    assert board.team == "sales"
    assert board.size == 10
    assert [(r.rank, r.profile, r.overall) for r in board.rows] == [
        (1, "rep00", 80.0),
        (2, "rep06", 70.0),
        (3, "rep01", 60.0),
        (3, "rep04", 60.0),  # a tie shares the rank
        (5, "rep08", 56.0),
        (6, "rep02", 52.0),
        (7, "rep03", 48.0),
        (8, "rep07", 44.0),
        (9, "rep09", 40.0),
        (10, "rep05", 30.0),
    ]
    assert board.rows[0] == LeaderboardRow(
        rank=1,
        profile="rep00",
        day=DAY + dt.timedelta(days=1),
        overall=80.0,
        pillars=PillarScores([20, 20, 20, 20]),
    )
    assert board.average == 54.0
    assert board.pillars == PillarScores([13.5] * 4)
    assert board.missing == ()


def test_refuses_a_team_below_the_floor(store: SnapshotStore) -> None:
    fill(store, "small", [50.0] * 9)
    assert TEAM_FLOOR == 10
    with pytest.raises(TeamTooSmallError, match="team 'small' has 9 member") as info:
        leaderboard(store, "small")
    assert (info.value.size, info.value.floor) == (9, 10)
    board = leaderboard(store, "small", floor=9)  # lowered explicitly
    assert board.size == 9


def test_members_without_a_score_do_not_count(store: SnapshotStore) -> None:
    fill(store, "sales", [50.0] * 10)
    store.set_team("newcomer", "sales")
    board = leaderboard(store, "sales")
    assert board.size == 10
    assert board.missing == ("newcomer",)
    store.set_team(member(0), None)
    with pytest.raises(TeamTooSmallError, match="has 9 member"):
        leaderboard(store, "sales")


def test_unknown_team_is_too_small(store: SnapshotStore) -> None:
    with pytest.raises(TeamTooSmallError, match="team 'ghosts' has 0 member"):
        leaderboard(store, "ghosts")
    with pytest.raises(TeamTooSmallError):
        leaderboard(store, "ghosts", floor=1)


def test_from_snapshots_each_profiles_newest_counts() -> None:
    snaps = [
        snap("ann", 40.0),
        snap("ann", 44.0, day=DAY + dt.timedelta(days=2)),
        snap("bob", 42.0),
    ]
    board = leaderboard(reversed(snaps), "duo", floor=2)
    assert [(r.profile, r.overall) for r in board.rows] == [("ann", 44.0), ("bob", 42.0)]
    assert board.average == 43.0
    with pytest.raises(TeamTooSmallError, match="team 'duo' has 2 member"):
        leaderboard(snaps, "duo")


def test_bad_input() -> None:
    with pytest.raises(AnalysisError, match="floor: expected 1 or more, found 0"):
        leaderboard([], "x", floor=0)
    with pytest.raises(AnalysisError, match="team: expected a non-empty team name, found ''"):
        leaderboard([], "")
    with pytest.raises(AnalysisError, match="two for 'ann' on 2026-03-02"):
        leaderboard([snap("ann", 40.0), snap("ann", 41.0)], "x", floor=1)
    with pytest.raises(AnalysisError, match=r"snapshots\[0\]: expected a Snapshot, found int"):
        leaderboard([1], "x", floor=1)  # type: ignore[list-item]
    with pytest.raises(AnalysisError, match="expected a SnapshotStore or an iterable"):
        leaderboard(42, "x")  # type: ignore[arg-type]
