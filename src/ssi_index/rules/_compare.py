"""Comparisons: a member's score against the groups LinkedIn compares it with."""

from __future__ import annotations

import attrs

from ssi_index._errors import InvalidScoreError
from ssi_index._model import GroupScore, Pillar, Score, _pillar_key

__all__ = ["Comparison", "GroupComparison", "compare"]


def _r(value: float) -> float:
    return round(value, 10)


@attrs.frozen(kw_only=True)
class GroupComparison:
    """The member against one group (industry, network, team ...).

    Every number is ``None`` when LinkedIn did not send what it needs.

    Attributes:
        kind: LinkedIn's ``groupType`` (``"INDUSTRY"``, ``"NETWORK"``, ...).
        name: The group's name (e.g. the industry), if sent.
        rank: "Top N %" in the group (lower is better), if sent.
        average: The group's average total, if sent.
        delta: The member's total minus :attr:`average` (positive: above the group).
        pillar_deltas: Per pillar, the member's points minus the group's average,
            in LinkedIn's order; ``None`` when the group has no per-pillar averages.
    """

    kind: str | None
    name: str | None
    rank: int | None
    average: float | None
    delta: float | None
    pillar_deltas: tuple[tuple[Pillar, float], ...] | None

    def pillar_delta(self, pillar: Pillar | str) -> float | None:
        """The member's points on *pillar* minus the group's average, or ``None``.

        Raises:
            InvalidScoreError: *pillar* is not a pillar (or a pillar's name).
        """
        wanted = _pillar_key(pillar)
        for each, delta in self.pillar_deltas or ():
            if each is wanted:
                return delta
        return None


@attrs.frozen(kw_only=True)
class Comparison:
    """The member against every comparison group of the score, in LinkedIn's order.

    Attributes:
        total: The member's total.
        groups: One :class:`GroupComparison` per group; empty when the score has none.

    Example:
        >>> from ssi_index import GroupScore, Score, compare
        >>> s = Score.from_pillars([13.4, 10.7, 11.1, 25],
        ...                        groups=[GroupScore(kind="INDUSTRY", rank=8, average=31)])
        >>> c = compare(s)
        >>> c.industry.delta, c.industry.rank, c.network
        (29.2, 8, None)
    """

    total: float
    groups: tuple[GroupComparison, ...]

    def group(self, kind: str) -> GroupComparison | None:
        """The comparison with the first group of this ``groupType``, or ``None``."""
        for group in self.groups:
            if group.kind == kind:
                return group
        return None

    @property
    def industry(self) -> GroupComparison | None:
        """The comparison with the member's industry, or ``None``."""
        return self.group("INDUSTRY")

    @property
    def network(self) -> GroupComparison | None:
        """The comparison with the member's network, or ``None``."""
        return self.group("NETWORK")


def _one(score: Score, group: GroupScore) -> GroupComparison:
    delta = None if group.average is None else _r(score.overall - group.average)
    deltas = None
    if group.pillars is not None:
        deltas = tuple((p, _r(score.pillars[p] - group.pillars[p])) for p in Pillar)
    return GroupComparison(
        kind=group.kind,
        name=group.name,
        rank=group.rank,
        average=group.average,
        delta=delta,
        pillar_deltas=deltas,
    )


def compare(score: Score) -> Comparison:
    """Compare *score* with its industry, network and any other group LinkedIn sent.

    Args:
        score: The score, with the groups parsed from LinkedIn (may be none).

    Returns:
        The comparison; ``None`` stands wherever the data is missing.

    Raises:
        InvalidScoreError: *score* is not a :class:`~ssi_index.Score`.
    """
    if not isinstance(score, Score):
        raise InvalidScoreError(f"score: expected a Score, found {type(score).__name__}")
    return Comparison(total=score.overall, groups=tuple(_one(score, g) for g in score.groups))
