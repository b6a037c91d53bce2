"""The client-rendered SSI page (2024-2026), as a browser or ``page.content()`` saves it.

Markup read (the ids and attributes do not change with the page's language)::

    <div class="user-ssi-score__donut-chart-caption">
      <span class="ssi-score__value">20</span> out of 100</div>
    <progress id="establish-brand__sub-score-bar" value="13.118002" max="25"></progress>
    ... find-people__, engage-with-insights__, build-relationships__sub-score-bar
    <div class="ssi-rank"><span class="ssi-rank__category-name">Industry SSI rank</span>
      <span class="ssi-rank__category-score">Top <span class="t-40">75</span>%</span></div>

The pillars come from the ``value`` attributes (full floats); the overall is their
sum, checked against the rounded total the page shows. Group averages exist only
as sentences. The group donuts' ``.ssi-score__value`` elements are decoys.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Final

from ssi_index._errors import InvalidScoreError, ParseError
from ssi_index._model import _EPS, PILLAR_MAX, TOTAL_TOLERANCE, Pillar, PillarScores, Score

from ._html import (
    element_at,
    html_text,
    is_plain,
    parse_parts,
    parse_start_tags,
    read_groups,
    sentence_windows,
    tags_with_class,
    text_of_class,
)
from ._numbers import read_int, read_number
from ._texts import INDUSTRY, NETWORK, group_of_label

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["BAR_IDS", "read_page"]

BAR_IDS: Final = {
    Pillar.PROFESSIONAL_BRAND: "establish-brand__sub-score-bar",
    Pillar.FIND_RIGHT_PEOPLE: "find-people__sub-score-bar",
    Pillar.INSIGHT_ENGAGEMENT: "engage-with-insights__sub-score-bar",
    Pillar.STRONG_RELATIONSHIP: "build-relationships__sub-score-bar",
}
"""The ``id`` of each pillar's ``<progress>`` bar."""

CAPTION: Final = ".user-ssi-score__donut-chart-caption .ssi-score__value"
"""Where the page shows the (rounded) total."""

_BAR_SUFFIX: Final = "__sub-score-bar"
_BAR_BY_END: Final = {
    bar_id[-len(_BAR_SUFFIX) - 4 : -len(_BAR_SUFFIX)]: bar_id for bar_id in BAR_IDS.values()
}
"""Each bar id by the four characters before its ``__sub-score-bar`` (all different)."""
_QUOTES: Final = frozenset("\"'=")
_CAPTION_CLASS: Final = "user-ssi-score__donut-chart-caption"
_BEFORE: Final = 6000
"""How far before the first bar the SSI section starts (the caption; in some layouts ranks too)."""
_AFTER: Final = 10000
"""How far after the first bar the SSI section ends (ranks and group sentences)."""


def _progress_tag(text: str, bar_id: str, begin: int = 0) -> tuple[int, str] | None:
    """Find the ``<progress>`` tag whose id is *bar_id*: ``(where, start tag)``, or ``None``.

    CSS rules (``#establish-brand__sub-score-bar::...``) and ``<label for=...>``
    mentions of the id are skipped. The search starts at *begin*.
    """
    pos = text.find(bar_id, begin)
    while pos > 0:
        end = pos + len(bar_id)
        hit = _tag_around(text, pos, end)
        if hit is not None:
            return hit
        pos = text.find(bar_id, end)
    return None


def _tag_around(text: str, pos: int, end: int) -> tuple[int, str] | None:
    """The ``<progress>`` start tag whose quoted attribute value is ``text[pos:end]``, if any."""
    if text[pos - 1] in _QUOTES and end < len(text) and text[end] in _QUOTES:
        lt = text.rfind("<", 0, pos)
        gt = text.find(">", end)
        if lt >= 0 and gt >= 0 and text.startswith("<progress", lt) and ">" not in text[lt:pos]:
            return lt, text[lt : gt + 1]
    return None


def _bars(text: str) -> list[tuple[int, str] | None]:
    """``[_progress_tag(text, bar_id) for bar_id in BAR_IDS.values()]``, in one scan.

    Every bar id ends with ``__sub-score-bar``, so the scan visits each place
    where that suffix occurs and tells by the four characters before it which
    id, if any, ends there.
    """
    found: dict[str, tuple[int, str] | None] = {}
    size = len(_BAR_SUFFIX)
    pos = text.find(_BAR_SUFFIX)
    while pos >= 0 and len(found) < len(BAR_IDS):
        bar_id = _BAR_BY_END.get(text[max(0, pos - 4) : pos])
        if bar_id is not None and bar_id not in found:
            start = pos + size - len(bar_id)
            if start >= 0 and text.startswith(bar_id, start):
                if start == 0:
                    found[bar_id] = None  # what _progress_tag makes of an id at the very start
                elif (hit := _tag_around(text, start, pos + size)) is not None:
                    found[bar_id] = hit
        pos = text.find(_BAR_SUFFIX, pos + size)
    return [found.get(bar_id) for bar_id in BAR_IDS.values()]


def _finder(piece: str) -> Callable[[str], str | None]:
    """Return a function that gives the text of the first element with a CSS class in *piece*.

    Plain markup (see :func:`~._html.plain_text`) is searched as text; anything
    else (a quote left open, say) is parsed, so that the element found is the
    one a parser sees.
    """
    if is_plain(piece):
        return functools.partial(text_of_class, piece)
    part = parse_parts([piece])[0]

    def text_of(token: str) -> str | None:
        element = part.first(token)
        return element.text if element is not None else None

    return text_of


def _captions(text: str) -> list[str]:
    return [element_at(text, lt) for lt in tags_with_class(text, _CAPTION_CLASS, 1)]


def _ranks(text: str) -> list[str]:
    return [element_at(text, lt) for lt in tags_with_class(text, "ssi-rank", 4)]


def read_page(text: str, *, section_only: bool = False) -> Score | None:
    """Read a 2024-26 page, or return ``None`` when it has none of the pillar bars.

    The page is searched as text: the first bar found fixes the SSI section
    (a few KB); the caption, ranks and sentences are looked for there first, and
    in the whole page only if missing. Only the cut-out pieces are parsed: the
    four ``<progress>`` start tags, the caption's ``.ssi-score__value`` element,
    each rank row's name and number elements, and the sentences' text.

    Args:
        text: The page, or a decoded window of it.
        section_only: *text* is a window cut from the page: return ``None``
            (unsure) instead of looking beyond the section, so that the answer
            is the one the whole page would give.

    Raises:
        ParseError: some but not all bars are there, or a value is not a number.
        InvalidScoreError: a value is out of range, or the shown total disagrees.
    """
    first = text.find(_BAR_SUFFIX)  # one scan instead of four on other pages
    if first < 0:
        return None
    anchor = None
    for bar_id in BAR_IDS.values():
        # no bar id occurs before the first "__sub-score-bar": search from there
        anchor = _progress_tag(text, bar_id, max(0, first - len(bar_id)))
        if anchor is not None:
            break
    if anchor is None:
        return None
    start = anchor[0]
    if section_only and (start < _BEFORE or start + _AFTER > len(text)):
        return None  # the window does not hold the whole section
    section = text[max(0, start - _BEFORE) : start + _AFTER]

    bars = _bars(section)
    captions = _captions(section)
    rows = _ranks(section)
    windows = sentence_windows(section)
    if not (all(bars) and captions and rows and windows):
        if section_only:
            return None
        bars = [
            hit or _progress_tag(text, bar_id)
            for hit, bar_id in zip(bars, BAR_IDS.values(), strict=True)
        ]
        captions = captions or _captions(text)
        rows = rows or _ranks(text)
        windows = windows or sentence_windows(text)
    parsed = parse_start_tags([hit[1] if hit else "" for hit in bars], "</progress>")
    sentences = html_text("\n".join(windows)) if windows else ""

    values: list[float] = []
    for (pillar, bar_id), elements in zip(BAR_IDS.items(), parsed, strict=True):
        selector = f"progress#{bar_id}"
        bar = next((e for e in elements if e.id == bar_id), None)
        if bar is None:
            raise ParseError(
                f"expected the {pillar.label!r} bar {selector}, found no such element "
                "(the page's markup changed, or it was saved before it finished loading)",
                path=selector,
            )
        value = read_number(bar.value) if bar.value is not None else None
        if value is None:
            raise ParseError(
                f"expected a number in the value attribute of {selector}, found {bar.value!r}",
                path=selector,
            )
        if not -_EPS <= value <= PILLAR_MAX + _EPS:
            raise InvalidScoreError(
                f"{selector}: expected a pillar score from 0 to {PILLAR_MAX:g} in its value "
                f"attribute, found {bar.value!r}"
            )
        values.append(value)
    pillars = PillarScores(values)

    for caption in captions:
        written = _finder(caption)("ssi-score__value")
        if written is None:
            continue
        shown = read_number(written)
        if shown is None:
            raise ParseError(
                f"expected the total as a number in {CAPTION}, found {written.strip()!r}",
                path=CAPTION,
            )
        if abs(shown - pillars.total) > TOTAL_TOLERANCE + _EPS:
            raise InvalidScoreError(
                f"{CAPTION}: expected the shown total within {TOTAL_TOLERANCE:g} point of the "
                f"pillars' sum ({pillars.total:g}), found {shown:g}"
            )

    ranks: dict[str, int] = {}
    for i, row in enumerate(rows):
        text_of = _finder(row)
        label = text_of("ssi-rank__category-name")
        kind = group_of_label(label) if label is not None else None
        if kind is None and i < 2:
            kind = (INDUSTRY, NETWORK)[i]
        number = text_of("t-40")
        if number is None:
            number = text_of("ssi-rank__category-score")
        rank = read_int(number) if number is not None else None
        if kind is not None and rank is not None:
            ranks.setdefault(kind, rank)

    groups = read_groups(ranks, sentences)
    return Score(overall=pillars.total, pillars=pillars, groups=groups)
