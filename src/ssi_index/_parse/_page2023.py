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

from ._html import (
    element_at,
    html_text,
    parse_parts,
    read_groups,
    sentence_windows,
    tags_with_class,
)
from ._numbers import read_int, read_number
from ._texts import INDUSTRY, NETWORK, group_of_label

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


def read_page(text: str) -> Score | None:
    """Read a 2022-23 page, or return ``None`` when it has none of its value spans.

    Raises:
        ParseError: fewer than five values, or a value that is not a number.
        InvalidScoreError: a value is out of range, or the total disagrees.
    """
    spans = [element_at(text, lt) for lt in tags_with_class(text, "ssi-score__value", 64)]
    if not spans:
        return None
    boxes = [element_at(text, lt) for lt in tags_with_class(text, "ssi-rank", 4)]
    windows = sentence_windows(text)
    parsed = parse_parts([*spans, *boxes])
    found = [
        part.elements[0].text
        for part in parsed[: len(spans)]
        if part.elements and part.elements[0].classes >= _CLASSES
    ][: len(_WHAT)]
    if not found:
        return None
    if len(found) < _PILLARS_END:
        raise ParseError(
            f"expected at least five {VALUES} elements (total and four pillars), "
            f"found {len(found)}",
            path=VALUES,
        )
    numbers: list[float] = []
    for i, (written, what) in enumerate(zip(found, _WHAT, strict=False)):
        number = read_number(written)
        if number is None:
            raise ParseError(
                f"expected {what} as a number in {VALUES} #{i + 1}, found {written.strip()!r}",
                path=f"{VALUES}:nth-of-type({i + 1})",
            )
        high = PILLAR_MAX if 1 <= i < _PILLARS_END else TOTAL_MAX
        if not -_EPS <= number <= high + _EPS:
            raise InvalidScoreError(
                f"{VALUES} #{i + 1}: expected {what} from 0 to {high:g}, found {written.strip()!r}"
            )
        numbers.append(number)
    pillars = PillarScores(numbers[1:_PILLARS_END])
    if abs(numbers[0] - pillars.total) > TOTAL_TOLERANCE + _EPS:
        raise InvalidScoreError(
            f"{VALUES} #1: expected the shown total within {TOTAL_TOLERANCE:g} point of the "
            f"pillars' sum ({pillars.total:g}), found {numbers[0]:g}"
        )
    averages = dict(zip((INDUSTRY, NETWORK), numbers[_PILLARS_END:], strict=False))

    ranks: dict[str, int] = {}
    for i, box in enumerate(parsed[len(spans) :]):
        kind = group_of_label(box.text) or ((INDUSTRY, NETWORK)[i] if i < 2 else None)
        rank = next(
            (n for e in box.elements if e.tag == "span" and (n := read_int(e.text)) is not None),
            None,
        )
        if rank is None:
            rank = read_int(box.text)
        if kind is not None and rank is not None:
            ranks.setdefault(kind, rank)

    sentences = html_text("\n".join(windows)) if windows else ""
    groups = read_groups(ranks, sentences, averages)
    return Score(overall=pillars.total, pillars=pillars, groups=groups)
