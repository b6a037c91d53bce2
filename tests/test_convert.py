"""Round trips through the private converter (to_dict / from_dict) and its errors."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ssi_index import (
    DEFAULT_SCALE,
    GroupScore,
    InvalidScoreError,
    Note,
    ParseError,
    Pillar,
    Score,
    Snapshot,
    Tier,
    TierScale,
)

pillar_value = st.floats(min_value=0, max_value=25, allow_nan=False, allow_infinity=False)
pillar_values = st.lists(pillar_value, min_size=4, max_size=4)
maybe_text = st.none() | st.text(max_size=30)
groups = st.builds(
    GroupScore,
    kind=st.none() | st.sampled_from(["INDUSTRY", "NETWORK", "TEAM"]) | st.text(max_size=10),
    rank=st.none() | st.integers(0, 100),
    average=st.none() | st.floats(0, 100, allow_nan=False),
    size=st.none() | st.integers(0, 10**9),
    name=maybe_text,
    pillars=st.none() | pillar_values,
)


@st.composite
def scores(draw: st.DrawFn) -> Score:
    values = draw(pillar_values)
    total = round(sum(values), 10)
    overall = draw(st.floats(max(0.0, total - 1), min(100.0, total + 1), allow_nan=False))
    return Score(
        overall=overall,
        pillars=values,
        groups=tuple(draw(st.lists(groups, max_size=4))),
        active_seat=draw(st.none() | st.booleans()),
    )


snapshots = st.builds(
    Snapshot,
    profile=st.text(min_size=1, max_size=20).filter(str.strip),
    day=st.dates(),
    score=scores(),
    captured_at=st.none() | st.datetimes(timezones=st.timezones()),
    source=maybe_text,
)


@given(scores())
def test_score_round_trip_is_exact_through_json_text(score: Score) -> None:
    data = json.loads(json.dumps(score.to_dict()))
    back = Score.from_dict(data)
    assert back == score
    assert back.to_dict() == score.to_dict()


@given(groups)
def test_group_round_trip(group: GroupScore) -> None:
    assert GroupScore.from_dict(json.loads(json.dumps(group.to_dict()))) == group


@given(snapshots)
def test_snapshot_round_trip(snapshot: Snapshot) -> None:
    assert Snapshot.from_dict(json.loads(json.dumps(snapshot.to_dict()))) == snapshot


def test_note_round_trip() -> None:
    note = Note(
        profile="me",
        day=dt.date(2026, 3, 1),
        text="posted an article",
        pillar=Pillar.INSIGHT_ENGAGEMENT,
    )
    assert Note.from_dict(json.loads(json.dumps(note.to_dict()))) == note


def test_tier_and_scale_round_trip() -> None:
    assert TierScale.from_dict(DEFAULT_SCALE.to_dict()) == DEFAULT_SCALE
    tier = DEFAULT_SCALE.tiers[0]
    assert Tier.from_dict(tier.to_dict()) == tier


def test_dict_shape_is_documented_and_stable() -> None:
    score = Score.from_pillars(
        [13.4, 10.7, 11.1, 25], groups=[GroupScore(kind="INDUSTRY", rank=40)]
    )
    assert score.to_dict() == {
        "overall": 60.2,
        "pillars": {
            "PROFESSIONAL_BRAND": 13.4,
            "FIND_RIGHT_PEOPLE": 10.7,
            "INSIGHT_ENGAGEMENT": 11.1,
            "STRONG_RELATIONSHIP": 25.0,
        },
        "groups": [
            {
                "kind": "INDUSTRY",
                "rank": 40,
                "average": None,
                "size": None,
                "name": None,
                "pillars": None,
            }
        ],
        "active_seat": None,
    }


GOOD: dict[str, Any] = Score.from_pillars([13.4, 10.7, 11.1, 25]).to_dict()


@pytest.mark.parametrize(
    ("patch", "path", "found"),
    [
        ({"overall": "high"}, "$.overall", "found str 'high'"),
        ({"overall": True}, "$.overall", "found bool True"),
        ({"pillars": ["1", "2"]}, "$.pillars", "found list"),
        ({"groups": [{"rank": "x"}]}, "$.groups[0].rank", "found str 'x'"),
        ({"groups": [{"size": 1.5}]}, "$.groups[0].size", "found float 1.5"),
        ({"active_seat": "no"}, "$.active_seat", "found str 'no'"),
        ({"extra": 1}, "$", "extra fields found (extra)"),
    ],
)
def test_wrong_shapes_raise_parse_error_naming_the_path(
    patch: dict[str, Any], path: str, found: str
) -> None:
    with pytest.raises(ParseError) as info:
        Score.from_dict({**GOOD, **patch})
    assert f"@ {path}" in str(info.value)
    assert found in str(info.value)
    assert info.value.path == path
    assert info.value.__cause__ is not None


def test_missing_field() -> None:
    data = dict(GOOD)
    del data["pillars"]
    with pytest.raises(ParseError, match=r"required field missing @ \$.pillars"):
        Score.from_dict(data)


def test_not_a_mapping() -> None:
    with pytest.raises(ParseError, match="expected an object for Score, found list"):
        Score.from_dict([1, 2])  # type: ignore[arg-type]


def test_rule_breaking_values_stay_invalid_score_errors() -> None:
    with pytest.raises(InvalidScoreError, match="within 1 point"):
        Score.from_dict({**GOOD, "overall": 90})
    bad_pillars = {**GOOD["pillars"], "FIND_RIGHT_PEOPLE": 30}
    with pytest.raises(InvalidScoreError, match="FIND_RIGHT_PEOPLE: expected 0 to 25"):
        Score.from_dict({**GOOD, "pillars": bad_pillars})


def test_naive_captured_at_rejected() -> None:
    snap = Snapshot(profile="me", day=dt.date(2026, 1, 1), score=Score.from_dict(GOOD)).to_dict()
    snap["captured_at"] = "2026-01-01T10:00:00"
    with pytest.raises(ParseError, match="timezone-aware"):
        Snapshot.from_dict(snap)
