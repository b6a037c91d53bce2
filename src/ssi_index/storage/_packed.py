"""The compact SQLite row of schema 2: numbers in hundredths, days as integers, packed groups.

A snapshot is one row of ``ssi_scores`` of about 60 bytes (the old layout took
about 250 with its group rows):

- ``day`` is the number of days since 1970-01-01; ``captured`` the capture time
  as ISO 8601 text in UTC ending in ``Z`` (``2026-03-02T09:30:15.250000Z``; the
  fraction only when there is one), or ``NULL``: text, because Python reads
  that back three times quicker than it adds a ``timedelta`` to an epoch;
- the total and the four pillars are integers in hundredths (``1342`` is 13.42)
  whenever that gives back the very same float, else the float itself (a
  ``REAL``): a reader divides integers by 100 and keeps reals as they are;
- the comparison groups are packed into one ``BLOB`` (``NULL`` for none), in
  order, each one a flags byte and then only the fields it has::

      flags     bit 0 kind, 1 rank, 2 average, 3 size, 4 name, 5 pillars present;
                bit 6 average, bit 7 pillars as 8-byte doubles (else hundredths)
      kind      varint: an id in ssi_labels
      rank      1 byte, 0-100
      average   uint16 little-endian hundredths, or a little-endian double
      size      varint (unsigned LEB128)
      name      varint: an id in ssi_labels
      pillars   4 x uint16 hundredths, or 4 x double

Kinds and names are interned in ``ssi_labels`` (``INDUSTRY`` is stored once per
file, not once per row). Every codec here is pure: the store gives it the label
lookups.
"""

from __future__ import annotations

import datetime as dt
import struct
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final

from ssi_index._errors import StorageError
from ssi_index._model import GroupScore, PillarScores

__all__ = [
    "EPOCH_DAYS",
    "decode_day",
    "decode_number",
    "encode_captured",
    "encode_number",
    "pack_groups",
    "unpack_groups",
]

EPOCH_DAYS: Final = dt.date(1970, 1, 1).toordinal()
"""``date.toordinal()`` of 1970-01-01: ``day`` columns count from it."""
_U16 = struct.Struct("<H")
_F64 = struct.Struct("<d")
_U16X4 = struct.Struct("<4H")
_F64X4 = struct.Struct("<4d")
_KIND, _RANK, _AVERAGE, _SIZE, _NAME, _PILLARS, _AVG_F64, _PILLARS_F64 = (1 << i for i in range(8))


def encode_number(value: float) -> int | float:
    """Return *value* in hundredths when that reads back exactly, else *value* itself."""
    hundredths = round(value * 100)
    return hundredths if hundredths / 100 == value else value


def decode_day(number: int) -> dt.date:
    """The date of a ``day`` column's number (days since 1970-01-01)."""
    return dt.date.fromordinal(number + EPOCH_DAYS)


def decode_number(value: int | float) -> float:
    """Undo :func:`encode_number`."""
    return value / 100 if type(value) is int else value


def encode_captured(captured: dt.datetime) -> str:
    """*captured* (a UTC datetime, as a Snapshot keeps it) as ISO 8601 text ending in ``Z``."""
    text = captured.isoformat()
    if not text.endswith("+00:00"):  # pragma: no cover - Snapshot keeps every time in UTC
        text = captured.astimezone(dt.UTC).isoformat()
    return text[:-6] + "Z"


def _varint(out: bytearray, value: int) -> None:
    while value > 0x7F:
        out.append(value & 0x7F | 0x80)
        value >>= 7
    out.append(value)


def _hundredths(value: float, low: float, high: float) -> int | None:
    """*value* as hundredths when exact and within the uint16 range, else ``None``."""
    hundredths = round(value * 100)
    if hundredths / 100 == value and 0 <= hundredths <= 65535 and low <= value <= high:
        return hundredths
    return None


def pack_groups(
    groups: Sequence[GroupScore],
    label: Callable[[str], int],
    segments: dict[tuple[Any, ...], bytes] | None = None,
) -> bytes | None:
    """Pack *groups* in order (``None`` for none); *label* gives a text's id in ssi_labels.

    Args:
        groups: The groups.
        label: Gives a text's id in ssi_labels.
        segments: Groups packed so far, by their fields: a batch repeats the same
            few groups (the same kind, name and average, a rank out of 100) on
            thousands of snapshots, so most cost one look-up. Only for the labels
            of one transaction (the ids are inside the bytes).
    """
    if not groups:
        return None
    if segments is None:
        return b"".join([_pack_one(group, label) for group in groups])
    parts = []
    for group in groups:
        pillars = group.pillars
        # Fields equal as Python values pack to the same bytes (1 == 1.0 == True, 0.0 == -0.0).
        key = (
            group.kind,
            group.rank,
            group.average,
            group.size,
            group.name,
            None if pillars is None else pillars._values,
        )
        found = segments.get(key)
        if found is None:
            found = segments[key] = _pack_one(group, label)
        parts.append(found)
    return parts[0] if len(parts) == 1 else b"".join(parts)


def _pack_one(group: GroupScore, label: Callable[[str], int]) -> bytes:
    """One group's bytes: its flags byte and then only the fields it has."""
    out = bytearray(1)
    append = out.append
    flags = 0
    kind, rank, average, size, name, pillars = (
        group.kind,
        group.rank,
        group.average,
        group.size,
        group.name,
        group.pillars,
    )
    if kind is not None:
        flags |= _KIND
        key = label(kind)
        if key < 0x80:  # the usual one-byte id, without a call
            append(key)
        else:
            _varint(out, key)
    if rank is not None:
        flags |= _RANK
        append(rank)
    if average is not None:
        flags |= _AVERAGE
        hundredths = round(average * 100)
        if hundredths / 100 == average and 0 <= hundredths <= 10000:
            append(hundredths & 0xFF)
            append(hundredths >> 8)
        else:
            flags |= _AVG_F64
            out += _F64.pack(average)
    if size is not None:
        flags |= _SIZE
        _varint(out, size)
    if name is not None:
        flags |= _NAME
        key = label(name)
        if key < 0x80:
            append(key)
        else:
            _varint(out, key)
    if pillars is not None:
        flags |= _PILLARS
        values = pillars._values
        packed = [_hundredths(v, 0.0, 25.0) for v in values]
        if None in packed:
            flags |= _PILLARS_F64
            out += _F64X4.pack(*values)
        else:
            out += _U16X4.pack(*packed)
    out[0] = flags
    return bytes(out)


_new = object.__new__
_GROUP_SETTERS: Final = tuple(
    getattr(GroupScore, name).__set__
    for name in ("kind", "rank", "average", "size", "name", "pillars")
)
_POINTS_SETTER: Final = PillarScores._values.__set__  # type: ignore[attr-defined]


def unpack_groups(blob: bytes | None, label: Mapping[int, str]) -> tuple[GroupScore, ...]:
    """Undo :func:`pack_groups`; *label* maps an id in ssi_labels to its text.

    Raises:
        KeyError: the blob names a label *label* does not have (read the labels again).
        StorageError: the blob is not one ssi-index wrote.
    """
    if blob is None:
        return ()
    kind_, rank_, average_, size_, name_, pillars_ = _GROUP_SETTERS
    groups: list[GroupScore] = []
    at = 0
    end = len(blob)

    def varint() -> int:
        nonlocal at
        value = shift = 0
        while True:
            byte = blob[at]
            at += 1
            value |= (byte & 0x7F) << shift
            if byte < 0x80:
                return value
            shift += 7

    try:
        while at < end:
            flags = blob[at]
            at += 1
            if (flags & _AVG_F64 and not flags & _AVERAGE) or (
                flags & _PILLARS_F64 and not flags & _PILLARS
            ):
                raise TypeError(f"flags {flags:#04x} name a format for a missing field")
            group: Any = _new(GroupScore)
            if flags & _KIND:
                byte = blob[at]
                if byte < 0x80:  # the usual one-byte id, without a call
                    at += 1
                    kind_(group, label[byte])
                else:
                    kind_(group, label[varint()])
            else:
                kind_(group, None)
            if flags & _RANK:
                rank_(group, blob[at])
                at += 1
            else:
                rank_(group, None)
            if not flags & _AVERAGE:
                average_(group, None)
            elif flags & _AVG_F64:
                average_(group, _F64.unpack_from(blob, at)[0])
                at += 8
            else:
                average_(group, (blob[at] | blob[at + 1] << 8) / 100)
                at += 2
            size_(group, varint() if flags & _SIZE else None)
            if flags & _NAME:
                byte = blob[at]
                if byte < 0x80:
                    at += 1
                    name_(group, label[byte])
                else:
                    name_(group, label[varint()])
            else:
                name_(group, None)
            if not flags & _PILLARS:
                pillars_(group, None)
            else:
                points: Any = _new(PillarScores)
                if flags & _PILLARS_F64:
                    values = _F64X4.unpack_from(blob, at)
                    at += 32
                else:
                    values = tuple(v / 100 for v in _U16X4.unpack_from(blob, at))
                    at += 8
                _POINTS_SETTER(points, values)
                pillars_(group, points)
            groups.append(group)
    except KeyError:
        raise
    except (IndexError, struct.error, TypeError) as err:
        raise StorageError(
            f"expected comparison groups packed by ssi-index, found a blob it cannot read "
            f"({type(err).__name__} at byte {at} of {end}): the table was changed outside "
            "ssi-index"
        ) from None
    if at != end:
        raise StorageError(
            f"expected comparison groups packed by ssi-index, found a blob that runs past "
            f"its end ({at} of {end} bytes): the table was changed outside ssi-index"
        )
    return tuple(groups)
