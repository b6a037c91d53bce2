"""SocialEdge's ``ssiHistory``: the bare array, or the ``chrome.storage.local.get()`` dump.

Newest first, at most one entry per UTC ``date``; each entry holds ``parsed``
(pillars by position, ``null`` where missing) and ``raw`` (LinkedIn's full
``salesApiSsi`` JSON). ``raw`` is read when it parses (full precision, every
group); otherwise ``parsed``. There is no capture time.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Final

from ssi_index._errors import ParseError, Phrase, SSIError
from ssi_index._importing import Refusal
from ssi_index._model import GroupScore, Score
from ssi_index._parse import parse_json

from ._common import Row, rows_to_candidates
from ._source import SourceFile
from ._types import Candidate
from ._values import RowError, check_not_zero, day_of, group, number, rank, score_from

__all__ = ["IMPORTER"]

_PILLAR_KEYS: Final = ("prof_brand", "find_right_people", "insight_engagement", "relationship")
_SOURCE: Final = "socialedge"


def _history(data: object) -> list[Any] | None:
    if isinstance(data, Mapping):
        data = data.get("ssiHistory")
    if isinstance(data, list) and data and isinstance(data[0], Mapping):
        first = data[0]
        if "date" in first and ("parsed" in first or "raw" in first):
            return data
    return None


def _group(kind: str, data: object) -> GroupScore | None:
    if not isinstance(data, Mapping):
        return None
    name = data.get("name")
    size = number(data.get("people_amount"), f"{kind.lower()}.people_amount")
    return group(
        kind,
        rank=rank(data.get("top"), f"{kind.lower()}.top"),
        average=number(data.get("ssi"), f"{kind.lower()}.ssi"),
        size=None if size is None else int(size),
        name=name if isinstance(name, str) else None,
        pillars=[number(data.get(k), f"{kind.lower()}.{k}") for k in _PILLAR_KEYS],
    )


def _parsed(parsed: Mapping[str, Any]) -> Score:
    return score_from(
        number(parsed.get("overall"), "parsed.overall"),
        [number(parsed.get(k), f"parsed.{k}") for k in _PILLAR_KEYS],
        total_is_rounded=False,
        groups=(
            _group("INDUSTRY", parsed.get("industry")),
            _group("NETWORK", parsed.get("network")),
        ),
    )


def _row(entry: object) -> Row:
    if not isinstance(entry, Mapping):
        raise RowError("not_an_object", found=type(entry).__name__)
    day = day_of(entry.get("date"), "date")
    raw, parsed = entry.get("raw"), entry.get("parsed")
    score: Score | None = None
    raw_error: SSIError | None = None
    if isinstance(raw, Mapping):
        try:
            score = parse_json(raw)
        except SSIError as err:
            raw_error = err
    if score is None:
        if isinstance(parsed, Mapping):
            score = _parsed(parsed)
        elif raw_error is not None:
            raise RowError("invalid", detail=f"raw: {raw_error}")
        else:
            raise RowError("no_scores")
    return day, check_not_zero(score), None, _SOURCE


class _SocialEdge:
    name = "socialedge"
    description = "SocialEdge extension: chrome.storage.local ssiHistory (array or storage dump)"

    def detect(self, file: SourceFile) -> bool:
        return file.looks_like_json() and _history(file.json()) is not None

    def read(self, file: SourceFile) -> Iterable[Candidate | Refusal]:
        history = _history(file.json())
        if history is None:
            raise ParseError(
                f"expected SocialEdge's ssiHistory array in {file.name!r}, "
                f"found {file.json_error or 'another shape'}",
                path=file.name,
                key="import.not_socialedge",
                params={
                    "file": file.name,
                    "found": file.json_error or Phrase("import.another_shape"),
                },
            )

        def items() -> Iterator[tuple[str, object]]:
            # Newest first in the file: yield oldest first, so the last of a day wins.
            for index in range(len(history) - 1, -1, -1):
                yield file.where("item", index + 1), history[index]

        return rows_to_candidates(file, items(), _row)


IMPORTER: Final = _SocialEdge()
