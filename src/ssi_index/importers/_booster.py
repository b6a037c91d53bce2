"""The two tools that write ``ssi_history.json``, told apart by the top-level type.

- samjd-zz/linkedin_ssi_booster (``ssi-booster``): an array, oldest first, of
  manual entries ``date``, ``establish_brand``, ``find_right_people``,
  ``engage_with_insights``, ``build_relationships`` and ``total`` (their sum);
  several entries a day are possible, the last one wins.
- A LinkedIn job bot (``ssi-snapshots``): ``{"snapshots": [...]}``, one per day,
  each LinkedIn's ``salesApiSsi`` JSON plus ``date`` and ``ts`` (local ISO time,
  the capture time).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Final

from ssi_index._errors import SSIError
from ssi_index._importing import Refusal
from ssi_index._parse import parse_json

from ._common import Row, rows_to_candidates
from ._json_array import entries, first_entry
from ._source import SourceFile
from ._types import Candidate
from ._values import RowError, check_not_zero, day_of, number, score_from, time_of

__all__ = ["BOOSTER_IMPORTER", "SNAPSHOTS_IMPORTER"]

_BOOSTER_KEYS: Final = (
    "establish_brand",
    "find_right_people",
    "engage_with_insights",
    "build_relationships",
)


def _object(entry: object) -> Mapping[str, object]:
    if not isinstance(entry, Mapping):
        raise RowError("not_an_object", found=type(entry).__name__)
    return entry


def _booster_row(entry: object) -> Row:
    cells = _object(entry)
    score = score_from(
        number(cells.get("total"), "total"),
        [number(cells.get(k), k) for k in _BOOSTER_KEYS],
        total_is_rounded=True,  # the tool's total is the sum of the four
    )
    return day_of(cells.get("date"), "date"), score, None, "ssi-booster"


def _snapshot_row(entry: object) -> Row:
    cells = _object(entry)
    day = day_of(cells.get("date"), "date")
    captured = time_of(cells.get("ts"), "ts")
    payload = {k: v for k, v in cells.items() if k not in ("date", "ts")}
    try:
        score = parse_json(payload)
    except SSIError as err:
        raise RowError("invalid", detail=str(err)) from err
    return day, check_not_zero(score), captured, "ssi-snapshots"


class _Booster:
    name = "ssi-booster"
    description = "samjd-zz/linkedin_ssi_booster: ssi_history.json (an array of manual entries)"

    def detect(self, file: SourceFile) -> bool:
        first = first_entry(file.json()) if file.looks_like_json() else None
        return first is not None and "establish_brand" in first and "date" in first

    def read(self, file: SourceFile) -> Iterable[Candidate | Refusal]:
        return rows_to_candidates(
            file, entries(file, "linkedin_ssi_booster's array of entries"), _booster_row
        )


class _Snapshots:
    name = "ssi-snapshots"
    description = 'a LinkedIn job bot: files/ssi_history.json ({"snapshots": [...]})'

    def detect(self, file: SourceFile) -> bool:
        first = first_entry(file.json(), "snapshots") if file.looks_like_json() else None
        # LinkedIn's answer itself, or a proxy's one-level wrapper around it
        return first is not None and "date" in first and ("memberScore" in first or "data" in first)

    def read(self, file: SourceFile) -> Iterable[Candidate | Refusal]:
        return rows_to_candidates(
            file, entries(file, 'an object {"snapshots": [...]}', "snapshots"), _snapshot_row
        )


BOOSTER_IMPORTER: Final = _Booster()
SNAPSHOTS_IMPORTER: Final = _Snapshots()
