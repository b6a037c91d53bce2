"""The compact row codecs of SQLite schema 2 (ssi_index.storage._packed)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ssi_index import GroupScore, PillarScores, Snapshot, StorageError
from ssi_index.storage._packed import (
    decode_number,
    encode_captured,
    encode_number,
    pack_groups,
    unpack_groups,
)
from ssi_index.storage._sqlite_schema import score_rows
from ssi_index.testing import group_scores, snapshots


def pack(groups: list[GroupScore]) -> tuple[bytes | None, dict[int, str]]:
    ids: dict[str, int] = {}

    def label(text: str) -> int:
        return ids.setdefault(text, len(ids) * 37)  # ids past 127 take two varint bytes

    blob = pack_groups(groups, label)
    return blob, {v: k for k, v in ids.items()}


@given(st.lists(group_scores(), max_size=5))
def test_any_groups_come_back_equal_and_in_order(groups: list[GroupScore]) -> None:
    blob, texts = pack(groups)
    assert unpack_groups(blob, texts) == tuple(groups)


def test_the_usual_two_groups_take_a_few_bytes() -> None:
    groups = [
        GroupScore(kind="INDUSTRY", rank=12, average=28.4, name="Software"),
        GroupScore(kind="NETWORK", rank=7, average=30.1),
    ]
    blob, _ = pack(groups)
    assert blob is not None
    assert len(blob) == 11
    assert pack([])[0] is None
    assert unpack_groups(None, {}) == ()


@given(st.floats(min_value=0, max_value=100, allow_nan=False))
def test_numbers_round_trip_exactly(value: float) -> None:
    stored = encode_number(value)
    assert decode_number(stored) == value
    assert isinstance(stored, int) == (round(value * 100) / 100 == value)


def test_hundredths_are_integers_and_other_floats_stay_floats() -> None:
    assert encode_number(13.42) == 1342
    assert encode_number(25.0) == 2500
    assert encode_number(13.118002) == 13.118002
    pillars = PillarScores([1.5, 2.25, 0.29999998, 25.000002 - 0.000002])
    blob, texts = pack([GroupScore(pillars=pillars)])
    assert unpack_groups(blob, texts)[0].pillars == pillars


@given(st.datetimes(min_value=dt.datetime(1, 1, 2), max_value=dt.datetime(9999, 12, 30)))
def test_capture_times_round_trip_as_iso_text(moment: dt.datetime) -> None:
    aware = moment.replace(tzinfo=dt.UTC)
    text = encode_captured(aware)
    assert text.endswith("Z")
    assert "+" not in text
    assert dt.datetime.fromisoformat(text) == aware


@pytest.mark.parametrize(
    "blob", [b"\x02", b"\x04\x10", b"\x08\xff", b"\x20\x01\x02", b"\x40"], ids=repr
)
def test_a_cut_blob_is_a_storage_error(blob: bytes) -> None:
    with pytest.raises(StorageError, match="changed outside ssi-index"):
        unpack_groups(blob, {})


def test_an_unknown_label_is_a_key_error_for_the_caller_to_reload() -> None:
    with pytest.raises(KeyError):
        unpack_groups(b"\x01\x05", {})


def _row_by_row(
    profile_id: int, snapshot: Snapshot, label: Callable[[str], int]
) -> tuple[object, ...]:
    """An ``ssi_scores`` row built field by field with the codecs, for comparison."""
    score = snapshot.score
    captured = snapshot.captured_at
    return (
        profile_id,
        snapshot.day.toordinal() - dt.date(1970, 1, 1).toordinal(),
        None if captured is None else encode_captured(captured),
        snapshot.source,
        encode_number(score.overall),
        *map(encode_number, score.pillars.values()),
        None if score.active_seat is None else int(score.active_seat),
        pack_groups(score.groups, label),
    )


@given(st.lists(snapshots(), max_size=12))
def test_a_batch_of_rows_is_each_snapshots_own_row(batch: list[Snapshot]) -> None:
    # score_rows() builds the batch in one pass, sharing work between equal values:
    # every row must be what the codecs give for its snapshot alone.
    ids: dict[str, int] = {}

    def label(text: str) -> int:
        return ids.setdefault(text, len(ids) * 37)

    pairs = [(n, s) for n, s in enumerate(batch)]
    rows = score_rows(pairs, label)
    assert rows == [_row_by_row(n, s, label) for n, s in pairs]
    assert [[type(v) for v in row] for row in rows] == [
        [type(v) for v in _row_by_row(n, s, label)] for n, s in pairs
    ]
