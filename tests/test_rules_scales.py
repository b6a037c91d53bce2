"""The three built-in tier scales the rules use, at every boundary."""

from __future__ import annotations

import pytest

from ssi_index import (
    HEBREW_GUIDE_SCALE,
    LINKEDIN_2014_SCALE,
    RUSSIAN_GUIDE_SCALE,
    InvalidScaleError,
    Tier,
    TierScale,
)


@pytest.mark.parametrize(
    ("total", "name"),
    [
        (0, "below-base"),
        (59.99, "below-base"),
        (60, "base"),
        (69.99, "base"),
        (70, "working"),
        (79.99, "working"),
        (80, "expert"),
        (100, "expert"),
    ],
)
def test_hebrew_guide_boundaries(total: float, name: str) -> None:
    assert HEBREW_GUIDE_SCALE.classify(total).name == name


@pytest.mark.parametrize(
    ("total", "name"),
    [
        (0, "at-risk"),
        (49.99, "at-risk"),
        (50, "safe"),
        (54.99, "safe"),
        (55, "optimal"),
        (59.99, "optimal"),
        (60, "optimal"),
        (69.99, "optimal"),
        (70, "above-optimal"),
        (80, "above-optimal"),
        (100, "above-optimal"),
    ],
)
def test_russian_guide_boundaries(total: float, name: str) -> None:
    assert RUSSIAN_GUIDE_SCALE.classify(total).name == name


@pytest.mark.parametrize(
    ("total", "name"),
    [
        (0, "low"),
        (29.99, "low"),
        (30, "middle"),
        (59.99, "middle"),
        (60, "middle"),
        (69.99, "middle"),
        (70, "high"),
        (80, "high"),
        (100, "high"),
    ],
)
def test_linkedin_2014_boundaries(total: float, name: str) -> None:
    assert LINKEDIN_2014_SCALE.classify(total).name == name


@pytest.mark.parametrize("scale", [HEBREW_GUIDE_SCALE, RUSSIAN_GUIDE_SCALE, LINKEDIN_2014_SCALE])
def test_every_scale_cites_its_source_and_round_trips(scale: TierScale) -> None:
    assert scale.source.strip()
    assert TierScale.from_dict(scale.to_dict()) == scale


def test_russian_and_linkedin_scales_cite_their_sources() -> None:
    assert "seeds/002" in RUSSIAN_GUIDE_SCALE.source
    assert "2014" in LINKEDIN_2014_SCALE.source


def test_overlapping_user_scale_is_refused() -> None:
    with pytest.raises(InvalidScaleError, match="overlaps"):
        TierScale(
            name="mine",
            source="me",
            tiers=(
                Tier(name="a", lower=0, upper=60, meaning="a"),
                Tier(name="b", lower=55, upper=100, meaning="b"),
            ),
        )
