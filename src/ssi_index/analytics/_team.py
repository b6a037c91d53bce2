"""A team's leaderboard: each member's latest score beside the team's averages."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from typing import TYPE_CHECKING, Final, Protocol, runtime_checkable

import attrs

from ssi_index._errors import AnalysisError, TeamTooSmallError
from ssi_index._model import PillarScores
from ssi_index._snapshot import Snapshot
from ssi_index.analytics._series import check_int

if TYPE_CHECKING:
    from ssi_index.storage import SnapshotStore
    from ssi_index.storage._team_rows import TeamRow

__all__ = ["TEAM_FLOOR", "Leaderboard", "LeaderboardRow", "leaderboard"]

TEAM_FLOOR: Final = 10
"""The smallest team :func:`leaderboard` reports by default, as LinkedIn does."""


@runtime_checkable
class _TeamSource(Protocol):
    """The two store methods a leaderboard needs (any SnapshotStore has them)."""

    def team_members(self, team: str) -> list[str]: ...  # pragma: no cover

    def latest(
        self, profiles: Iterable[str] | None = None
    ) -> list[Snapshot]: ...  # pragma: no cover


@attrs.frozen(kw_only=True)
class LeaderboardRow:
    """One member on a :class:`Leaderboard`.

    Attributes:
        rank: 1 for the highest total; equal totals share a rank (1, 2, 2, 4).
        profile: The member's profile id.
        day: The day of the member's latest snapshot.
        overall: The member's latest total.
        pillars: The member's latest pillar scores.
    """

    rank: int
    profile: str
    day: dt.date
    overall: float
    pillars: PillarScores


@attrs.frozen(kw_only=True)
class Leaderboard:
    """A team's members ranked by their latest total, with the team's averages.

    Attributes:
        team: The team's name.
        rows: One row per member with a score, best first (ties by profile id).
        average: The team's average total over :attr:`rows`.
        pillars: The team's average per pillar over :attr:`rows`.
        missing: Members of the team (in the store) who have no snapshot yet;
            they are not ranked and not counted in the averages.
    """

    team: str
    rows: tuple[LeaderboardRow, ...]
    average: float
    pillars: PillarScores
    missing: tuple[str, ...] = ()

    @property
    def size(self) -> int:
        """How many members were ranked."""
        return len(self.rows)


def _newest(snapshots: Iterable[Snapshot]) -> list[Snapshot]:
    """Return each profile's newest snapshot, or raise on bad items and double days."""
    newest: dict[str, Snapshot] = {}
    try:
        items = list(snapshots)
    except TypeError as err:
        raise AnalysisError(
            "snapshots: expected a SnapshotStore or an iterable of Snapshot, "
            f"found {type(snapshots).__name__}"
        ) from err
    for i, snap in enumerate(items):
        if not isinstance(snap, Snapshot):
            raise AnalysisError(f"snapshots[{i}]: expected a Snapshot, found {type(snap).__name__}")
        seen = newest.get(snap.profile)
        if seen is not None and seen.day == snap.day:
            raise AnalysisError(
                f"snapshots: expected one snapshot per profile and day, found two for "
                f"{snap.profile!r} on {snap.day.isoformat()}",
                key="team.two_a_day",
                params={"profile": snap.profile, "day": snap.day.isoformat()},
            )
        if seen is None or snap.day > seen.day:
            newest[snap.profile] = snap
    return list(newest.values())


def _mean(values: list[float]) -> float:
    return round(math.fsum(values) / len(values), 10)


def leaderboard(
    store_or_snapshots: SnapshotStore | Iterable[Snapshot],
    team: str,
    *,
    floor: int = TEAM_FLOOR,
) -> Leaderboard:
    """Rank a team's members by their latest total, beside the team's averages.

    Like LinkedIn, it refuses to report a team smaller than *floor* members with
    a score (10 by default), so that no one's score can be singled out; lower the
    floor explicitly for a small team that agrees to be shown.

    Args:
        store_or_snapshots: A :class:`~ssi_index.storage.SnapshotStore`, whose
            :meth:`team_members` name the team and whose :meth:`latest` gives their
            scores; or snapshots of the team's members (any number per member;
            each member's newest counts), in which case *team* is only a label.
        team: The team's name.
        floor: The fewest members with a score the report needs; 1 or more.

    Returns:
        The :class:`Leaderboard`.

    Raises:
        TeamTooSmallError: fewer than *floor* members have a score.
        AnalysisError: *team* is empty, *floor* is below 1, or the snapshots hold
            two for one member and day.
    """
    if not isinstance(team, str) or not team.strip():
        raise AnalysisError(
            f"team: expected a non-empty team name, found {team!r}",
            key="store.team_name.empty",
            params={"found": repr(team)},
        )
    floor = check_int(floor, "floor", low=1)
    missing: tuple[str, ...] = ()
    fast = getattr(store_or_snapshots, "team_latest", None)
    if callable(fast):  # one query for members and scores (SQLite, PostgreSQL)
        scored, absent = fast(team)
        latest: list[TeamRow] = list(scored)
        missing = tuple(absent)
    elif isinstance(store_or_snapshots, _TeamSource):
        members = store_or_snapshots.team_members(team)
        # A store's latest() gives one snapshot per profile already.
        snapshots = list(store_or_snapshots.latest(members)) if members else []
        latest = [_row(s) for s in snapshots]
        have = {s.profile for s in snapshots}
        missing = tuple(sorted(m for m in members if m not in have))
    else:
        latest = [_row(s) for s in _newest(store_or_snapshots)]
    if len(latest) < floor:
        raise TeamTooSmallError(team, len(latest), floor)
    latest.sort(key=_best_first)
    rows: list[LeaderboardRow] = []
    for i, (profile, day, overall, pillars) in enumerate(latest):
        tied = bool(rows) and rows[-1].overall == overall
        rows.append(
            LeaderboardRow(
                rank=rows[-1].rank if tied else i + 1,
                profile=profile,
                day=day,
                overall=overall,
                pillars=pillars,
            )
        )
    return Leaderboard(
        team=team,
        rows=tuple(rows),
        average=_mean([row[2] for row in latest]),
        pillars=PillarScores(
            [
                _mean(list(column))
                for column in zip(*(row[3]._values for row in latest), strict=True)
            ]
        ),
        missing=missing,
    )


def _row(snapshot: Snapshot) -> TeamRow:
    return (snapshot.profile, snapshot.day, snapshot.score.overall, snapshot.score.pillars)


def _best_first(row: TeamRow) -> tuple[float, str]:
    return (-row[2], row[0])
