"""Shared helpers: one profile's history checked and sorted, ISO weeks, deltas.

Every analysis reads its input through :func:`history`, so they all agree on the
rules: the snapshots are sorted by day (input order does not matter), they must
all belong to one profile, and a day may appear only once. Anything else raises
:class:`~ssi_index.AnalysisError` saying what was found.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Iterable, Sequence
from typing import Final

from ssi_index._errors import AnalysisError, InvalidScoreError
from ssi_index._model import Pillar, PillarScores, PillarValues
from ssi_index._snapshot import Note, Snapshot

__all__ = [
    "PillarDeltas",
    "check_int",
    "check_number",
    "delta",
    "history",
    "monday",
    "notes_of",
    "weekly",
]

_PILLARS: Final = tuple(Pillar)
_DIGITS: Final = 10
"""Deltas are rounded to 10 decimals: binary noise goes, float32 digits stay."""


def delta(after: float, before: float) -> float:
    """Return ``after - before`` without binary noise (``41.53 - 40.1 == 1.43``)."""
    return round(after - before, _DIGITS) + 0.0  # + 0.0 turns -0.0 into 0.0


class PillarDeltas(PillarValues):
    """How much each of the four pillars moved: an immutable, hashable mapping.

    Iterates in LinkedIn's order; keys are :class:`~ssi_index.Pillar` members
    (LinkedIn's names such as ``"FIND_RIGHT_PEOPLE"`` work too). Values are
    signed points, ``after - before``.

    Example:
        >>> from ssi_index import PillarScores
        >>> d = PillarDeltas.between(PillarScores([10, 10, 10, 10]), PillarScores([12, 9, 10, 10]))
        >>> d[Pillar.PROFESSIONAL_BRAND], d["FIND_RIGHT_PEOPLE"]
        (2.0, -1.0)
    """

    __slots__ = ()

    def __init__(self, values: Sequence[float]) -> None:
        numbers = tuple(values)
        if len(numbers) != len(_PILLARS) or not all(
            isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)
            for v in numbers
        ):
            raise InvalidScoreError(
                f"expected four finite pillar deltas in LinkedIn's order, found {values!r}"
            )
        a, b, c, d = (float(v) for v in numbers)
        self._values = (a, b, c, d)

    @classmethod
    def between(cls, before: PillarScores, after: PillarScores) -> PillarDeltas:
        """Return each pillar's ``after - before``."""
        a, b, c, d = (delta(after[p], before[p]) for p in _PILLARS)
        return cls((a, b, c, d))

    def moved_most(self) -> Pillar | None:
        """Return the pillar with the largest move either way, or ``None`` if none moved.

        Ties go to the pillar that comes first in LinkedIn's order.
        """
        best: Pillar | None = None
        size = 0.0
        for pillar, value in zip(_PILLARS, self._values, strict=True):
            if abs(value) > size:
                best, size = pillar, abs(value)
        return best


def history(snapshots: Iterable[Snapshot], *, what: str = "snapshots") -> list[Snapshot]:
    """Return one profile's snapshots sorted by day, or raise AnalysisError.

    Raises:
        AnalysisError: an item is not a Snapshot, the snapshots belong to
            several profiles, or one day appears twice.
    """
    try:
        items = list(snapshots)
    except TypeError as err:
        raise AnalysisError(
            f"{what}: expected an iterable of Snapshot, found {type(snapshots).__name__}"
        ) from err
    for i, item in enumerate(items):
        if not isinstance(item, Snapshot):
            raise AnalysisError(f"{what}[{i}]: expected a Snapshot, found {type(item).__name__}")
    profiles = sorted({s.profile for s in items})
    if len(profiles) > 1:
        shown = ", ".join(repr(p) for p in profiles[:5]) + (", ..." if len(profiles) > 5 else "")
        raise AnalysisError(
            f"{what}: expected the history of one profile, found {len(profiles)} profiles "
            f"({shown}); pass one profile's snapshots, e.g. store.history(profile)"
        )
    items.sort(key=lambda s: s.day)
    for prev, nxt in itertools.pairwise(items):
        if prev.day == nxt.day:
            raise AnalysisError(
                f"{what}: expected one snapshot per day, found two for {nxt.profile!r} "
                f"on {nxt.day.isoformat()}"
            )
    return items


def notes_of(notes: Iterable[Note], profile: str | None) -> list[Note]:
    """Return *notes* sorted by day, checking that they belong to *profile*.

    Raises:
        AnalysisError: an item is not a Note, or belongs to another profile.
    """
    try:
        items = list(notes)
    except TypeError as err:
        raise AnalysisError(
            f"notes: expected an iterable of Note, found {type(notes).__name__}"
        ) from err
    for i, note in enumerate(items):
        if not isinstance(note, Note):
            raise AnalysisError(f"notes[{i}]: expected a Note, found {type(note).__name__}")
        if profile is not None and note.profile != profile:
            raise AnalysisError(
                f"notes[{i}]: expected notes of profile {profile!r}, found one of {note.profile!r}"
            )
    return sorted(items, key=lambda n: n.day)


def monday(day: dt.date) -> dt.date:
    """Return the Monday that starts *day*'s ISO week."""
    return day - dt.timedelta(days=day.weekday())


def weekly(items: list[Snapshot]) -> list[Snapshot]:
    """Return each ISO week's value, its last snapshot, from a sorted history.

    Weeks without a snapshot are absent (gaps), never filled in.
    """
    result: list[Snapshot] = []
    for snap in items:
        if result and monday(result[-1].day) == monday(snap.day):
            result[-1] = snap
        else:
            result.append(snap)
    return result


def check_number(
    value: object, name: str, *, low: float | None = None, above: bool = False
) -> float:
    """Return *value* as a float, or raise AnalysisError saying what was expected."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise AnalysisError(f"{name}: expected a finite number, found {value!r}")
    number = float(value)
    if low is not None and (number <= low if above else number < low):
        bound = f"more than {low:g}" if above else f"{low:g} or more"
        raise AnalysisError(f"{name}: expected {bound}, found {value!r}")
    return number


def check_int(value: object, name: str, *, low: int) -> int:
    """Return *value* as an int of at least *low*, or raise AnalysisError."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise AnalysisError(f"{name}: expected a whole number, found {value!r}")
    if value < low:
        raise AnalysisError(f"{name}: expected {low} or more, found {value!r}")
    return value
