"""Ffinnis/ssi-tracker: ``ssi_scores`` rows, as its REST ``GET /ssi`` JSON or a CSV dump.

Rows hold ``ssi_overall_score`` (the page's integer: the total becomes the
pillars' sum), the four pillars by name and ``date_created`` (the capture time;
a time without an offset is local time, as PostgreSQL's ``TIMESTAMP`` is). The
day is the capture's UTC day; of several rows a day, the newest capture wins.
The REST answer is newest first. The extension sends a missing pillar as ``0``,
so an all-zero row is refused as a failed reading.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Final

from ssi_index._importing import Refusal

from ._common import Row, rows_to_candidates
from ._csvtable import header_has, named_rows
from ._json_array import entries, first_entry
from ._source import SourceFile
from ._types import Candidate
from ._values import RowError, number, score_from, time_of

__all__ = ["IMPORTER"]

_PILLARS: Final = (
    "establish_your_professional_brand",
    "find_the_right_people",
    "engage_with_insights",
    "build_relationships",
)
_COLUMNS: Final = ("ssi_overall_score", *_PILLARS, "date_created")


def _row(entry: object) -> Row:
    if not isinstance(entry, Mapping):
        raise RowError("not_an_object", found=type(entry).__name__)
    captured = time_of(entry.get("date_created"), "date_created")
    if captured is None:
        raise RowError("no_value", column="date_created")
    score = score_from(
        number(entry.get("ssi_overall_score"), "ssi_overall_score"),
        [number(entry.get(k), k) for k in _PILLARS],
        total_is_rounded=True,
    )
    return captured.date(), score, captured, "ssi-tracker"


class _Tracker:
    name = "ssi-tracker"
    description = "Ffinnis/ssi-tracker: ssi_scores rows (GET /ssi JSON or a CSV dump)"

    def detect(self, file: SourceFile) -> bool:
        if file.looks_like_json():
            first = first_entry(file.json())
            return first is not None and "ssi_overall_score" in first
        return header_has(file, _COLUMNS)

    def read(self, file: SourceFile) -> Iterable[Candidate | Refusal]:
        if file.looks_like_json():
            rows = entries(file, "ssi-tracker's array of rows", newest_first=True)
            return rows_to_candidates(file, rows, _row)
        return rows_to_candidates(file, named_rows(file, _COLUMNS), _row)


IMPORTER: Final = _Tracker()
