"""The loop every row-based importer shares: turn each row into a candidate or a refusal."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from ssi_index._errors import InvalidScoreError
from ssi_index._importing import Refusal
from ssi_index._model import Score
from ssi_index._snapshot import Snapshot

from ._source import SourceFile
from ._types import Candidate
from ._values import RowError

__all__ = ["Row", "rows_to_candidates", "snapshot"]

T = TypeVar("T")
Row = tuple[dt.date, Score, dt.datetime | None, str | None]
"""What a row reader returns: the day, the score, the capture time and the source."""


def snapshot(file: SourceFile, row: Row) -> Snapshot:
    """The snapshot of *row* under the file's profile."""
    day, score, captured_at, source = row
    try:
        return Snapshot(
            profile=file.profile, day=day, score=score, captured_at=captured_at, source=source
        )
    except InvalidScoreError as err:
        raise RowError("invalid", detail=str(err)) from err


def rows_to_candidates(
    file: SourceFile, items: Iterable[tuple[str, T]], read_row: Callable[[T], Row]
) -> Iterator[Candidate | Refusal]:
    """Yield a candidate for each ``(where, item)`` that *read_row* reads, else a refusal."""
    for where, item in items:
        try:
            found = snapshot(file, read_row(item))
        except RowError as err:
            yield Refusal(where=where, reason=err.reason(file.locale))
        else:
            yield Candidate(where=where, snapshot=found)
