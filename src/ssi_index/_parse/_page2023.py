"""The intermediate SSI page (about 2022-2023): values in ``span.ssi-score__value`` elements.

Markup read::

    <span class="ssi-score__value block mb-3 t-black t-light">53</span>   total, then
    ... four pillars (texts rounded to up to 3 decimals, "20,973" in Portuguese),
    ... the industry average, the network average
    <div class="ssi-rank">Industry SSI rank: Top <span>5</span>%</div>

The overall is the sum of the four pillar texts, checked against the shown total.
"""

from __future__ import annotations

from typing import Final

from ssi_index._errors import InvalidScoreError, ParseError
from ssi_index._model import (
    _EPS,
    PILLAR_MAX,
    TOTAL_MAX,
    TOTAL_TOLERANCE,
    Pillar,
    PillarScores,
    Score,
)

from ._dom import Doc, text_of
from ._groups import KINDS, GroupParts, build_groups, read_ranks, sentence_parts
from ._numbers import clean_text, read_number

__all__ = ["VALUES", "read_page"]

VALUES: Final = "span.ssi-score__value.block.mb-3.t-black.t-light"
"""The member's values: total, four pillars, industry average, network average."""

_CLASSES: Final = frozenset({"ssi-score__value", "block", "mb-3", "t-black", "t-light"})
_WHAT: Final = (
    "the total",
    *(f"the {p.label!r} pillar" for p in Pillar),
    "the industry average",
    "the network average",
)
_PILLARS_END: Final = 5


def read_page(doc: Doc) -> Score | None:
    """Read a 2022-23 page, or return ``None`` when it has none of its value spans.

    Raises:
        ParseError: fewer than five values, or a value that is not a number.
        InvalidScoreError: a value is out of range, or the total disagrees.
    """
    spans = [
        span
        for span in doc.by_class("ssi-score__value")
        if set((span.get("class") or "").split()) >= _CLASSES
    ][: len(_WHAT)]
    if not spans:
        return None
    found = [clean_text(text_of(span, 80)) for span in spans]
    if len(found) < _PILLARS_END:
        raise ParseError(
            f"expected at least five {VALUES} elements (total and four pillars), "
            f"found {len(found)}",
            path=VALUES,
            key="page.too_few_values",
            params={"selector": VALUES, "count": len(found)},
        )
    numbers: list[float] = []
    for i, (written, what) in enumerate(zip(found, _WHAT, strict=False)):
        number = read_number(written)
        if number is None:
            raise ParseError(
                f"expected {what} as a number in {VALUES} #{i + 1}, found {written[:40]!r}",
                path=f"{VALUES}:nth-of-type({i + 1})",
                key="page.value_not_number",
                params={"selector": f"{VALUES} #{i + 1}", "found": repr(written[:40])},
            )
        high = PILLAR_MAX if 1 <= i < _PILLARS_END else TOTAL_MAX
        if not -_EPS <= number <= high + _EPS:
            raise InvalidScoreError(
                f"{VALUES} #{i + 1}: expected {what} from 0 to {high:g}, found {written[:40]!r}",
                key="page.value_out_of_range",
                params={
                    "selector": f"{VALUES} #{i + 1}",
                    "high": high,
                    "found": repr(written[:40]),
                },
            )
        numbers.append(number)
    pillars = PillarScores(numbers[1:_PILLARS_END])
    if abs(numbers[0] - pillars.total) > TOTAL_TOLERANCE + _EPS:
        raise InvalidScoreError(
            f"{VALUES} #1: expected the shown total within {TOTAL_TOLERANCE:g} point of the "
            f"pillars' sum ({pillars.total:g}), found {numbers[0]:g}",
            key="page.total_mismatch",
            params={
                "selector": f"{VALUES} #1",
                "tolerance": TOTAL_TOLERANCE,
                "sum": pillars.total,
                "found": numbers[0],
            },
        )
    parts: dict[str, GroupParts] = {}
    for kind, span, average in zip(
        KINDS, spans[_PILLARS_END:], numbers[_PILLARS_END:], strict=False
    ):
        box = span.getparent()
        part = sentence_parts(text_of(box) if box is not None else "", average, kind)
        parts[kind] = GroupParts(average=average, name=part.name)
    ranks = read_ranks(doc.by_class("ssi-rank", 4))
    return Score(overall=pillars.total, pillars=pillars, groups=build_groups(ranks, parts))
