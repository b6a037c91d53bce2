"""ssi-index's own exports: :func:`~ssi_index.export_csv` and :func:`~ssi_index.export_json`.

Read back exactly: every column of :data:`~ssi_index.EXPORT_COLUMNS` (``source``
and ``captured_at`` too; an empty cell or ``null`` stays ``None``; the total as
written, not recomputed), the CSV's formula neutralisation undone. Columns are
matched by name, so later exports with more columns still import. Rows of
another profile than the one imported are refused (import each profile under
its own name).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Final

from ssi_index._importing import Refusal
from ssi_index._model import Pillar
from ssi_index.analytics._export import EXPORT_COLUMNS, restore

from ._common import Row, rows_to_candidates
from ._csvtable import header_has, named_rows
from ._json_array import entries, first_entry
from ._source import SourceFile
from ._types import Candidate
from ._values import RowError, day_of, group, number, rank, score_from, time_of

__all__ = ["CSV_IMPORTER", "JSON_IMPORTER"]

_REQUIRED: Final = EXPORT_COLUMNS[:5] + tuple(p.slug for p in Pillar)
_PILLARS: Final = tuple(p.slug for p in Pillar)


def _text(value: object, what: str, *, csv: bool) -> str | None:
    if value is None or (value == "" and csv):
        return None
    if not isinstance(value, str):
        raise RowError("not_text", column=what, found=type(value).__name__)
    return restore(value) if csv else value


def _reader(profile: str, *, csv: bool) -> Callable[[Mapping[str, object]], Row]:
    def read(cells: Mapping[str, object]) -> Row:
        if not isinstance(cells, Mapping):
            raise RowError("not_an_object", found=type(cells).__name__)
        owner = _text(cells.get("profile"), "profile", csv=csv)
        if owner != profile:
            raise RowError("other_profile", expected=repr(profile))
        score = score_from(
            number(cells.get("overall"), "overall"),
            [number(cells.get(k), k) for k in _PILLARS],
            total_is_rounded=False,
            zeros_are_failures=False,
            groups=(
                group(
                    "INDUSTRY",
                    rank=rank(cells.get("industry_rank"), "industry_rank"),
                    average=number(cells.get("industry_average"), "industry_average"),
                ),
                group(
                    "NETWORK",
                    rank=rank(cells.get("network_rank"), "network_rank"),
                    average=number(cells.get("network_average"), "network_average"),
                ),
            ),
        )
        return (
            day_of(cells.get("day"), "day"),
            score,
            time_of(cells.get("captured_at"), "captured_at"),
            _text(cells.get("source"), "source", csv=csv),
        )

    return read


class _OwnCSV:
    name = "ssi-index-csv"
    description = "ssi-index's own CSV export (export_csv, ssi-index history --csv)"

    def detect(self, file: SourceFile) -> bool:
        return header_has(file, _REQUIRED)

    def read(self, file: SourceFile) -> Iterable[Candidate | Refusal]:
        rows = named_rows(file, _REQUIRED)
        return rows_to_candidates(file, rows, _reader(file.profile, csv=True))


class _OwnJSON:
    name = "ssi-index-json"
    description = "ssi-index's own JSON export (export_json)"

    def detect(self, file: SourceFile) -> bool:
        if not file.looks_like_json():
            return False
        data = file.json()
        if data == []:
            return True  # what export_json writes for no snapshots
        first = first_entry(data)
        return first is not None and all(k in first for k in _REQUIRED)

    def read(self, file: SourceFile) -> Iterable[Candidate | Refusal]:
        rows = entries(file, "ssi-index's JSON export (an array of rows)")
        return rows_to_candidates(file, rows, _reader(file.profile, csv=False))  # type: ignore[arg-type]


CSV_IMPORTER: Final = _OwnCSV()
JSON_IMPORTER: Final = _OwnJSON()
