"""Tests for tiers and tier scales."""

from __future__ import annotations

import pytest

from ssi_index import (
    DEFAULT_SCALE,
    HEBREW_GUIDE_SCALE,
    InvalidScaleError,
    InvalidScoreError,
    Tier,
    TierScale,
)


def _scale(*bands: tuple[float, float]) -> TierScale:
    return TierScale(
        name="custom",
        source="tests",
        tiers=[
            Tier(name=f"t{i}", lower=lo, upper=hi, meaning="m") for i, (lo, hi) in enumerate(bands)
        ],
    )


def test_default_is_the_hebrew_guide() -> None:
    assert DEFAULT_SCALE is HEBREW_GUIDE_SCALE
    assert [t.name for t in DEFAULT_SCALE] == ["below-base", "base", "working", "expert"]
    assert [(t.lower, t.upper) for t in DEFAULT_SCALE] == [(0, 60), (60, 70), (70, 80), (80, 100)]
    assert "Hebrew" in DEFAULT_SCALE.source


@pytest.mark.parametrize(
    ("total", "name"),
    [
        (0, "below-base"),
        (59.99, "below-base"),
        (60, "base"),
        (69.999, "base"),
        (70, "working"),
        (79.99, "working"),
        (80, "expert"),
        (99.99, "expert"),
        (100, "expert"),
    ],
)
def test_classify_boundaries(total: float, name: str) -> None:
    assert DEFAULT_SCALE.classify(total).name == name


@pytest.mark.parametrize("total", [-0.01, 100.01, "70", None, True])
def test_classify_rejects_non_totals(total: object) -> None:
    with pytest.raises(InvalidScoreError, match="expected a total from 0 to 100"):
        DEFAULT_SCALE.classify(total)  # type: ignore[arg-type]


def test_membership() -> None:
    base = DEFAULT_SCALE["base"]
    assert 60 in base
    assert 70 not in base
    assert 100 in DEFAULT_SCALE["expert"]


def test_lookup_unknown_tier() -> None:
    with pytest.raises(InvalidScaleError, match="found 'legend'"):
        DEFAULT_SCALE["legend"]


def test_custom_scale_accepted() -> None:
    scale = _scale((0, 50), (50, 100))
    assert scale.classify(50).name == "t1"
    assert len(scale) == 2


@pytest.mark.parametrize(
    ("bands", "message"),
    [
        (((0, 50), (55, 100)), "gap between 't0'"),
        (((0, 60), (55, 100)), "overlaps"),
        (((10, 50), (50, 100)), "first tier to start at 0"),
        (((0, 50), (50, 90)), "last tier to end at 100"),
        (((0, 50), (50, 100), (40, 60)), "overlaps"),
    ],
)
def test_invalid_scales(bands: tuple[tuple[float, float], ...], message: str) -> None:
    with pytest.raises(InvalidScaleError, match=message):
        _scale(*bands)


def test_empty_scale() -> None:
    with pytest.raises(InvalidScaleError, match="at least one tier"):
        TierScale(name="x", source="y", tiers=[])


def test_duplicate_names() -> None:
    with pytest.raises(InvalidScaleError, match="repeat: a"):
        TierScale(
            name="x",
            source="y",
            tiers=[
                Tier(name="a", lower=0, upper=50, meaning="m"),
                Tier(name="a", lower=50, upper=100, meaning="m"),
            ],
        )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"lower": 50, "upper": 50}, "lower < upper"),
        ({"lower": -5, "upper": 50}, "lower: expected 0 to 100"),
        ({"lower": 0, "upper": 101}, "upper: expected 0 to 100"),
        ({"lower": 0, "upper": 50, "name": " "}, "name: expected non-empty text"),
        ({"lower": 0, "upper": 50, "meaning": ""}, "meaning: expected non-empty text"),
    ],
)
def test_invalid_tiers(kwargs: dict[str, object], message: str) -> None:
    args: dict[str, object] = {"name": "t", "meaning": "m", **kwargs}
    with pytest.raises(InvalidScaleError, match=message):
        Tier(**args)  # type: ignore[arg-type]


def test_non_tier_in_scale() -> None:
    with pytest.raises(InvalidScaleError, match="expected a Tier"):
        TierScale(name="x", source="y", tiers=[{"name": "a"}])  # type: ignore[list-item]


def test_scale_from_user_dict() -> None:
    data = {
        "name": "mine",
        "source": "my coach",
        "tiers": [
            {"name": "low", "lower": 0, "upper": 40, "meaning": "Start here."},
            {"name": "high", "lower": 40, "upper": 100, "meaning": "Keep going."},
        ],
    }
    scale = TierScale.from_dict(data)
    assert scale.classify(39.9).name == "low"
    assert TierScale.from_dict(scale.to_dict()) == scale


def test_scale_from_user_dict_with_gap() -> None:
    data = {
        "name": "mine",
        "source": "my coach",
        "tiers": [
            {"name": "low", "lower": 0, "upper": 40, "meaning": "Start here."},
            {"name": "high", "lower": 45, "upper": 100, "meaning": "Keep going."},
        ],
    }
    with pytest.raises(InvalidScaleError, match="gap"):
        TierScale.from_dict(data)
