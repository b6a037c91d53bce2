"""The "SSI Analyzer" extension's snapshots (its ``SAVE_SNAPSHOT`` payloads).

Accepted as one payload, an array of payloads, the messages themselves
(``{"type": "SAVE_SNAPSHOT", "payload": {...}}``) or ``{"snapshots": [...]}``.
``recordedAt`` is the UTC day; there is no total (it is the pillars' sum) and no
capture time. ``industryAverage``/``networkAverage`` and the two
``…RankPercentile`` values fill the industry and network groups.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Final

from ssi_index._errors import ParseError, Phrase
from ssi_index._importing import Refusal

from ._common import Row, rows_to_candidates
from ._source import SourceFile
from ._types import Candidate
from ._values import RowError, day_of, group, number, rank, score_from

__all__ = ["IMPORTER"]

_PILLARS: Final = ("establishBrand", "findPeople", "engageInsights", "buildRelationships")


def _payload(item: object) -> object:
    if isinstance(item, Mapping) and isinstance(item.get("payload"), Mapping):
        return item["payload"]
    return item


def _items(data: object) -> list[Any] | None:
    if isinstance(data, Mapping):
        if "recordedAt" in data or isinstance(data.get("payload"), Mapping):
            data = [data]
        else:
            data = data.get("snapshots")
    if not isinstance(data, list) or not data:
        return None
    first = _payload(data[0])
    if isinstance(first, Mapping) and "recordedAt" in first and "establishBrand" in first:
        return data
    return None


def _row(item: object) -> Row:
    entry = _payload(item)
    if not isinstance(entry, Mapping):
        raise RowError("not_an_object", found=type(entry).__name__)
    score = score_from(
        None,
        [number(entry.get(k), k) for k in _PILLARS],
        total_is_rounded=True,
        groups=(
            group(
                "INDUSTRY",
                rank=rank(entry.get("industryRankPercentile"), "industryRankPercentile"),
                average=number(entry.get("industryAverage"), "industryAverage"),
            ),
            group(
                "NETWORK",
                rank=rank(entry.get("networkRankPercentile"), "networkRankPercentile"),
                average=number(entry.get("networkAverage"), "networkAverage"),
            ),
        ),
    )
    return day_of(entry.get("recordedAt"), "recordedAt"), score, None, "ssi-analyzer"


class _Analyzer:
    name = "ssi-analyzer"
    description = "SSI Analyzer extension: SAVE_SNAPSHOT payloads (one, an array, or messages)"

    def detect(self, file: SourceFile) -> bool:
        return file.looks_like_json() and _items(file.json()) is not None

    def read(self, file: SourceFile) -> Iterable[Candidate | Refusal]:
        items = _items(file.json())
        if items is None:
            raise ParseError(
                f"expected SSI Analyzer snapshots in {file.name!r}, "
                f"found {file.json_error or 'another shape'}",
                path=file.name,
                key="import.not_analyzer",
                params={
                    "file": file.name,
                    "found": file.json_error or Phrase("import.another_shape"),
                },
            )
        found = items

        def rows() -> Iterator[tuple[str, object]]:
            for index, item in enumerate(found, 1):
                yield file.where("item", index), item

        return rows_to_candidates(file, rows(), _row)


IMPORTER: Final = _Analyzer()
