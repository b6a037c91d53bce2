"""Tests for the history values Snapshot and Note."""

from __future__ import annotations

import datetime as dt

import pytest

from ssi_index import InvalidScoreError, Note, Pillar, Score, Snapshot

SCORE = Score.from_pillars([13.4, 10.7, 11.1, 25])
DAY = dt.date(2026, 11, 2)


def test_captured_at_is_normalised_to_utc() -> None:
    local = dt.datetime(2026, 11, 2, 1, 30, tzinfo=dt.timezone(dt.timedelta(hours=3)))
    snap = Snapshot(profile="me", day=DAY, score=SCORE, captured_at=local, source="api")
    assert snap.captured_at == local
    assert snap.captured_at is not None
    assert snap.captured_at.tzinfo is dt.UTC
    assert snap.captured_at.hour == 22


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"profile": ""}, "profile: expected a non-empty profile id"),
        ({"profile": 7}, "profile: expected a non-empty profile id"),
        ({"day": dt.datetime(2026, 1, 1, tzinfo=dt.UTC)}, "day: expected a date"),
        ({"day": "2026-01-01"}, "day: expected a date"),
        ({"score": SCORE.to_dict()}, "score: expected a Score"),
        ({"captured_at": dt.datetime(2026, 1, 1)}, "timezone-aware"),
        ({"source": 3}, "source: expected text"),
    ],
)
def test_snapshot_rejects(kwargs: dict[str, object], message: str) -> None:
    args: dict[str, object] = {"profile": "me", "day": DAY, "score": SCORE, **kwargs}
    with pytest.raises(InvalidScoreError, match=message):
        Snapshot(**args)  # type: ignore[arg-type]


def test_note_pillar_accepts_linkedin_name() -> None:
    note = Note(
        profile="me", day=DAY, text="sent 20 personal invitations", pillar="FIND_RIGHT_PEOPLE"
    )
    assert note.pillar is Pillar.FIND_RIGHT_PEOPLE


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"text": "  "}, "text: expected non-empty text"),
        ({"pillar": "CHARM"}, "pillar: expected a Pillar or None"),
        ({"day": None}, "day: expected a date"),
    ],
)
def test_note_rejects(kwargs: dict[str, object], message: str) -> None:
    args: dict[str, object] = {"profile": "me", "day": DAY, "text": "posted", **kwargs}
    with pytest.raises(InvalidScoreError, match=message):
        Note(**args)  # type: ignore[arg-type]
