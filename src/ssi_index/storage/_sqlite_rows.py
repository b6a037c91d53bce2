"""Building snapshots from ``ssi_scores`` rows (schema 2), column by column, scores shared.

Values are built without running their validators again, as in :mod:`._rows`:
the table's ``CHECK`` constraints keep the model's ranges. A store's history
repeats the same score on many days (and whole teams share group averages), so
the decoder keeps the scores it built, keyed by their raw columns, and hands the
same immutable :class:`~ssi_index.Score` to every row that has them: most rows
then cost one dictionary look-up and a :class:`~ssi_index.Snapshot`.

``history()`` reads one profile's rows in the shape that builds quickest
(:data:`HISTORY_COLUMNS`): SQLite folds a score's five numbers and its seat into
one integer (a mixed-radix number of the hundredths, distinct for distinct scores
because the ``CHECK`` constraints bound every digit), so each row is five values
instead of ten and its score is found by a key of two. A history holding a number
that is not in hundredths (kept as a ``REAL``) is read through :data:`COLUMNS`.
"""

from __future__ import annotations

import collections
import datetime as dt
import itertools
import operator
from collections.abc import Callable, Sequence
from typing import Any, Final

from ssi_index._errors import StorageError
from ssi_index._model import GroupScore, PillarScores, Score
from ssi_index._snapshot import Snapshot

from ._packed import decode_day, unpack_groups

__all__ = ["COLUMNS", "HISTORY_COLUMNS", "Decoder"]

COLUMNS: Final = (
    "day, captured, source, overall, professional_brand, find_right_people, "
    "insight_engagement, strong_relationship, active_seat, groups"
)
"""The ``ssi_scores`` columns a decoder reads, in order (after the profile, when selected)."""

# The five numbers and the seat of a score folded into one integer by SQLite, when the
# numbers are hundredths (integers 0-10000 and 0-2500, which the table's CHECK
# constraints guarantee); a REAL among them makes the sum a REAL. Mixed radix, so
# distinct scores give distinct keys; at most 10,001 x 2,501^4 x 3 < 2^63.
_SCORE_KEY: Final = (
    "overall + 10001 * (professional_brand + 2501 * (find_right_people + 2501 * "
    "(insight_engagement + 2501 * (strong_relationship + 2501 * coalesce(active_seat, 2)))))"
)
HISTORY_COLUMNS: Final = f"{_SCORE_KEY}, groups, day, captured, source"
"""What :meth:`Decoder.history` reads per row: one key for the numbers, then as :data:`COLUMNS`.

Two fewer Python objects per row than :data:`COLUMNS` leaves about a fifth of
``sqlite3``'s fetch, and the score is found by a key of two values instead of seven.
"""

_SEATS: Final[dict[object, bool | None]] = {None: None, 0: False, 1: True}
_CACHE_SIZE: Final = 4096  # scores kept (a few MB); the cache is emptied when it grows past this
_new = object.__new__


def _setter(cls: type[Any], name: str) -> Callable[[Any, Any], None]:
    setter: Callable[[Any, Any], None] = getattr(cls, name).__set__
    return setter


_POINTS = _setter(PillarScores, "_values")
_OVERALL, _PILLARS, _GROUPS, _SEAT = (
    _setter(Score, n) for n in ("overall", "pillars", "groups", "active_seat")
)
_PROFILE, _DAY, _CAPTURED, _SOURCE, _SCORE = (
    _setter(Snapshot, n) for n in ("profile", "day", "captured_at", "source", "score")
)
_scores_of = operator.itemgetter(slice(3, 10))
_first, _second, _third = (operator.itemgetter(i) for i in range(3))
_SEAT_CODES: Final = (0, 1, None)  # coalesce(active_seat, 2): the seat column's value


def _each(setter: Callable[[Any, Any], None], items: Sequence[Any], values: Any) -> None:
    """Call *setter* on each item and its value, the loop running in C."""
    collections.deque(map(setter, items, values), maxlen=0)


class _Dates(dict[int, dt.date]):
    """The date of each ``day`` number asked for (immutable, so shared by every row)."""

    def __missing__(self, number: int) -> dt.date:
        if len(self) > _CACHE_SIZE * 4:
            self.clear()
        day = self[number] = decode_day(number)
        return day


class _Keyed(dict[tuple[int, "bytes | None"], Score]):
    """The scores built so far by their history key; a missing one is built on the spot."""

    def __init__(self, build: Callable[[tuple[int, bytes | None]], Score]) -> None:
        super().__init__()
        self._build = build

    def __missing__(self, key: tuple[int, bytes | None]) -> Score:
        if len(self) >= _CACHE_SIZE:
            self.clear()
        score = self[key] = self._build(key)
        return score


class Decoder:
    """Builds snapshots from rows of :data:`COLUMNS`, keeping the scores it built.

    Args:
        labels: The ``ssi_labels`` ids and texts read so far.
        reload: Reads ``ssi_labels`` again into *labels* (for an id not among them).
    """

    def __init__(self, labels: dict[int, str], reload: Callable[[], None]) -> None:
        self._labels = labels
        self._reload = reload
        self._scores: dict[tuple[Any, ...], Score] = {}
        self._keyed = _Keyed(self._keyed_score)  # the same scores, by history key
        self._groups: dict[bytes, tuple[GroupScore, ...]] = {}
        self._dates = _Dates()  # immutable values, shared by every row

    def forget(self) -> None:
        """Drop every score and group kept (after a rollback that may have taken labels)."""
        self._scores.clear()
        self._keyed.clear()
        self._groups.clear()

    def _score(self, key: tuple[Any, ...]) -> Score:
        overall, a, b, c, d, seat, blob = key
        if blob is None:
            groups: tuple[GroupScore, ...] = ()
        else:
            found = self._groups.get(blob)
            if found is None:
                if len(self._groups) >= _CACHE_SIZE * 4:
                    self._groups.clear()
                try:
                    found = unpack_groups(blob, self._labels)
                except KeyError:  # a label another connection added: read them again
                    self._reload()
                    try:
                        found = unpack_groups(blob, self._labels)
                    except KeyError as err:
                        raise StorageError(
                            f"expected comparison groups naming labels in ssi_labels, found "
                            f"the unknown label {err}: the table was changed outside ssi-index"
                        ) from None
                self._groups[blob] = found
            groups = found
        points: Any = _new(PillarScores)
        # decode_number() inline: hundredths are ints, anything else was kept as a float.
        _POINTS(
            points,
            (
                a / 100 if a.__class__ is int else a,
                b / 100 if b.__class__ is int else b,
                c / 100 if c.__class__ is int else c,
                d / 100 if d.__class__ is int else d,
            ),
        )
        score: Any = _new(Score)
        _OVERALL(score, overall / 100 if overall.__class__ is int else overall)
        _PILLARS(score, points)
        _GROUPS(score, groups)
        _SEAT(score, _SEATS[seat])
        if len(self._scores) >= _CACHE_SIZE:
            self._scores.clear()
        self._scores[key] = score
        built: Score = score
        return built

    def _keyed_score(self, key: tuple[int, bytes | None]) -> Score:
        folded, blob = key
        rest, overall = divmod(folded, 10001)
        rest, a = divmod(rest, 2501)
        rest, b = divmod(rest, 2501)
        rest, c = divmod(rest, 2501)
        seat, d = divmod(rest, 2501)
        return self._score((overall, a, b, c, d, _SEAT_CODES[seat], blob))

    def history(self, rows: Sequence[Sequence[Any]], profile: str) -> list[Snapshot] | None:
        """Build one profile's snapshots from rows of :data:`HISTORY_COLUMNS`, in order.

        Returns ``None`` when a row holds a number that is not in hundredths (its
        key is a REAL, which does not identify the score): read :data:`COLUMNS`
        then and call :meth:`snapshots`.

        Raises:
            StorageError: a row is not what ssi-index writes (a damaged or foreign table).
        """
        count = len(rows)
        if not count:
            return []
        try:
            folded, blobs, days, captured, sources = zip(*rows, strict=True)
            # A REAL among a row's numbers makes its key a float, which may even equal
            # another score's key: such rows are read the other way.
            if float in map(type, folded):
                return None
            scores = map(self._keyed.__getitem__, zip(folded, blobs, strict=True))
            return self._build(count, itertools.repeat(profile), days, captured, sources, scores)
        except (ValueError, TypeError, IndexError, KeyError, OverflowError) as err:
            raise _unreadable(err) from err

    def _build(
        self,
        count: int,
        profiles: Any,
        days: Sequence[Any],
        captured: Sequence[Any],
        sources: Any,
        scores: Any,
    ) -> list[Snapshot]:
        """Make *count* snapshots from their columns (days as numbers, times as text)."""
        snapshots = list(map(_new, itertools.repeat(Snapshot, count)))
        _each(_PROFILE, snapshots, profiles)
        _each(_DAY, snapshots, map(self._dates.__getitem__, days))
        parse = dt.datetime.fromisoformat
        if None in captured:
            _each(_CAPTURED, snapshots, [None if t is None else parse(t) for t in captured])
        else:
            _each(_CAPTURED, snapshots, map(parse, captured))
        _each(_SOURCE, snapshots, sources)
        _each(_SCORE, snapshots, scores)
        return snapshots

    def snapshots(
        self, rows: Sequence[Sequence[Any]], profile: str | None = None
    ) -> list[Snapshot]:
        """Build a snapshot from each row, in order.

        Args:
            rows: Rows of :data:`COLUMNS`, each led by the profile id unless
                *profile* is given.
            profile: The profile of every row, when the rows are one profile's.

        Raises:
            StorageError: a row is not what ssi-index writes (a damaged or foreign table).
        """
        count = len(rows)
        if not count:
            return []
        try:
            if profile is None:
                profiles: Any = [row[0] for row in rows]
                rows = [row[1:] for row in rows]
            else:
                profiles = itertools.repeat(profile)
            days = list(map(_first, rows))
            captured = list(map(_second, rows))
            sources = list(map(_third, rows))
            get = self._scores.get
            keys = list(map(_scores_of, rows))
            scores = list(map(get, keys))
            # Not ``None in scores``: that would call Score.__eq__ on every row.
            if any(map(operator.is_, scores, itertools.repeat(None))):
                make = self._score
                pairs = zip(scores, keys, strict=True)
                scores = [s if s is not None else make(k) for s, k in pairs]
            return self._build(count, profiles, days, captured, sources, scores)
        except (ValueError, TypeError, IndexError, KeyError, OverflowError) as err:
            raise _unreadable(err) from err


def _unreadable(err: Exception) -> StorageError:
    return StorageError(
        f"expected rows written by ssi-index, found one it cannot read ({err!r}): "
        "the table was changed outside ssi-index"
    )
