"""compare(): the member against industry and network, None where data is missing."""

from __future__ import annotations

import pytest

from ssi_index import (
    Comparison,
    GroupComparison,
    GroupScore,
    InvalidScoreError,
    Pillar,
    Score,
    compare,
)

PILLARS = [13.4, 10.7, 11.1, 25]


def test_without_group_data() -> None:
    c = compare(Score.from_pillars(PILLARS))
    assert c == Comparison(total=60.2, groups=())
    assert c.industry is None
    assert c.network is None


def test_with_totals_only() -> None:
    score = Score.from_pillars(
        PILLARS,
        groups=[
            GroupScore(kind="INDUSTRY", rank=8, average=31.0, name="Computer Software"),
            GroupScore(kind="NETWORK", rank=5, average=33.0),
        ],
    )
    c = compare(score)
    assert c.industry == GroupComparison(
        kind="INDUSTRY",
        name="Computer Software",
        rank=8,
        average=31.0,
        delta=29.2,
        pillar_deltas=None,
    )
    assert c.network is not None
    assert c.network.delta == 27.2
    assert c.network.pillar_delta(Pillar.PROFESSIONAL_BRAND) is None


def test_with_per_pillar_averages() -> None:
    score = Score.from_pillars(
        PILLARS,
        groups=[GroupScore(kind="NETWORK", rank=12, average=46.0, pillars=[12, 12.5, 9, 12.5])],
    )
    network = compare(score).network
    assert network is not None
    assert network.pillar_deltas == (
        (Pillar.PROFESSIONAL_BRAND, 1.4),
        (Pillar.FIND_RIGHT_PEOPLE, -1.8),
        (Pillar.INSIGHT_ENGAGEMENT, 2.1),
        (Pillar.STRONG_RELATIONSHIP, 12.5),
    )
    assert network.pillar_delta(Pillar.FIND_RIGHT_PEOPLE) == -1.8
    assert network.pillar_delta("STRONG_RELATIONSHIP") == 12.5
    with pytest.raises(InvalidScoreError, match="expected a pillar"):
        network.pillar_delta("BRAND")


def test_missing_values_stay_none() -> None:
    score = Score.from_pillars(
        PILLARS, groups=[GroupScore(kind="INDUSTRY", rank=None, average=None)]
    )
    industry = compare(score).industry
    assert industry is not None
    assert industry.delta is None
    assert industry.rank is None
    assert industry.average is None


def test_other_group_types_are_kept() -> None:
    score = Score.from_pillars(PILLARS, groups=[GroupScore(kind="TEAM", average=70.2)])
    c = compare(score)
    team = c.group("TEAM")
    assert team is not None
    assert team.delta == -10.0
    assert c.industry is None


def test_not_a_score() -> None:
    with pytest.raises(InvalidScoreError, match="expected a Score, found dict"):
        compare({"overall": 1})  # type: ignore[arg-type]
