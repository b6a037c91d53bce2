"""A team's newest scores in one query: the rows :func:`ssi_index.leaderboard` ranks.

A store may offer ``team_latest(team)``, an optional capability beside the
:class:`~ssi_index.storage.SnapshotStore` protocol (as ``iter_export_rows()`` is
for exports): one query that names the team's members and reads each one's newest
total and pillars, without the comparison groups, the capture time or the source a
leaderboard does not show. :func:`ssi_index.leaderboard` uses it when the store has
it, and the protocol's ``team_members()`` and ``latest()`` otherwise; the contract
suite checks that both give the same board.

The rows come from the store's own tables, whose ``CHECK`` constraints keep the
model's ranges, so the pillar values are not validated a second time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Final, TypeAlias

from ssi_index._errors import StorageError
from ssi_index._model import PillarScores

__all__ = ["TeamLatest", "TeamRow", "team_latest"]

TeamRow: TypeAlias = tuple[str, dt.date, float, PillarScores]
"""A member with a score: profile, day of the newest snapshot, its total and pillars."""
TeamLatest: TypeAlias = tuple[list[TeamRow], list[str]]
"""What ``team_latest(team)`` returns: the members with a score (sorted by profile), and
the members who have none yet (sorted)."""

_new = object.__new__
_VALUES: Final[Callable[[Any, Any], None]] = PillarScores._values.__set__  # type: ignore[attr-defined]


def _same(value: Any) -> Any:
    return value


def team_latest(
    rows: Iterable[Sequence[Any]],
    *,
    day: Callable[[Any], dt.date] | None = None,
    number: Callable[[Any], float] | None = None,
) -> TeamLatest:
    """Turn rows of ``profile, day, overall`` and the four pillars into a :data:`TeamLatest`.

    Args:
        rows: One row per member, sorted by profile; a member without a snapshot has
            ``None`` from ``day`` on.
        day: Turns a stored day into a date (default: it is one already).
        number: Turns a stored number into a float (default: it is one already).

    Raises:
        StorageError: a row is not what ssi-index writes (the table was changed outside it).
    """
    to_day = day or _same
    to_number = number or _same
    scored: list[TeamRow] = []
    missing: list[str] = []
    try:
        for profile, stored_day, overall, a, b, c, d in rows:
            if stored_day is None:
                missing.append(profile)
                continue
            points: PillarScores = _new(PillarScores)
            _VALUES(points, (to_number(a), to_number(b), to_number(c), to_number(d)))
            scored.append((profile, to_day(stored_day), to_number(overall), points))
    except (ValueError, TypeError, OverflowError) as err:
        raise StorageError(
            f"expected team rows written by ssi-index, found one it cannot read ({err!r}): "
            "the table was changed outside ssi-index"
        ) from err
    return scored, missing
