"""The client-rendered SSI page (2024-2026), as a browser, SingleFile or a scraper saves it.

Markup read (ids, classes and attributes do not change with the page's language)::

    <div class="user-ssi-score__donut-chart-caption">
      <span class="ssi-score__value">20</span> out of 100</div>
    <progress id="establish-brand__sub-score-bar" value="13.118002" max="25"></progress>
    ... find-people__, engage-with-insights__, build-relationships__sub-score-bar
    <li class="ssi-rank"><span class="ssi-rank__category-name">Industry SSI rank</span>
      <span class="ssi-rank__category-score">Top <span class="t-40">75</span>%</span></li>
    <div class="group-ssi-score">
      <div class="group-ssi-score__donut-chart">... <span class="ssi-score__value">31</span></div>
      <p>Sales professionals in the ... industry have an average SSI of 31.</p></div>

The pillars come from the ``value`` attributes (full floats); the overall is
their sum, checked against the rounded total the page shows. The group averages
come from the group donuts' ``.ssi-score__value``; the sentence beside each
donut only cross-checks it (and gives its decimals and the industry's name when
the wording is known). When the page also has the 2026 hidden tables, the
groups' per-pillar averages come from them.
"""

from __future__ import annotations

from typing import Final

from ssi_index._errors import InvalidScoreError, ParseError, Phrase
from ssi_index._model import _EPS, PILLAR_MAX, TOTAL_TOLERANCE, Pillar, PillarScores, Score

from ._dom import Doc, Node, by_class, by_tag, text_of
from ._groups import GroupParts, assign_kinds, build_groups, read_ranks, sentence_parts
from ._numbers import clean_text, read_number
from ._tables import group_tables, table_ranks

__all__ = ["BAR_IDS", "CAPTION", "find_bars", "missing_bars", "read_page"]

BAR_IDS: Final = {
    Pillar.PROFESSIONAL_BRAND: "establish-brand__sub-score-bar",
    Pillar.FIND_RIGHT_PEOPLE: "find-people__sub-score-bar",
    Pillar.INSIGHT_ENGAGEMENT: "engage-with-insights__sub-score-bar",
    Pillar.STRONG_RELATIONSHIP: "build-relationships__sub-score-bar",
}
"""The ``id`` of each pillar's ``<progress>`` bar."""

CAPTION: Final = ".user-ssi-score__donut-chart-caption .ssi-score__value"
"""Where the page shows the (rounded) total."""

_BY_ID: Final = {bar_id: pillar for pillar, bar_id in BAR_IDS.items()}
_MAX_PROGRESS: Final = 256
"""The most shown ``<progress>`` elements looked at (a page has about five)."""


def find_bars(root: Node) -> dict[Pillar, Node]:
    """The shown ``<progress>`` bar of each pillar found (the first of each id)."""
    bars: dict[Pillar, Node] = {}
    for node in by_tag(root, "progress", _MAX_PROGRESS):
        pillar = _BY_ID.get(node.get("id") or "")
        if pillar is not None and pillar not in bars:
            bars[pillar] = node
    return bars


def missing_bars(bars: dict[Pillar, Node]) -> ParseError:
    """The error for a page with some of the bars but not all."""
    pillar = next(p for p in BAR_IDS if p not in bars)
    selector = f"progress#{BAR_IDS[pillar]}"
    return ParseError(
        f"expected the {pillar.label!r} bar {selector}, found no such element "
        "(the page's markup changed, or it was saved before it finished loading)",
        path=selector,
        key="page.missing_bar",
        params={"pillar": Phrase(f"pillar.{pillar.value}"), "selector": selector},
    )


def _pillars(bars: dict[Pillar, Node]) -> PillarScores:
    values: list[float] = []
    for pillar, bar_id in BAR_IDS.items():
        selector = f"progress#{bar_id}"
        written = bars[pillar].get("value")
        value = read_number(written.strip()) if written is not None else None
        if value is None:
            raise ParseError(
                f"expected a number in the value attribute of {selector}, found {written!r}",
                path=selector,
                key="page.bar_not_number",
                params={"selector": selector, "found": repr(written)},
            )
        if not -_EPS <= value <= PILLAR_MAX + _EPS:
            raise InvalidScoreError(
                f"{selector}: expected a pillar score from 0 to {PILLAR_MAX:g} in its value "
                f"attribute, found {written!r}",
                key="page.bar_out_of_range",
                params={"selector": selector, "high": PILLAR_MAX, "found": repr(written)},
            )
        values.append(value)
    return PillarScores(values)


def _check_total(doc: Doc, pillars: PillarScores) -> None:
    for caption in doc.by_class("user-ssi-score__donut-chart-caption", 1):
        values = by_class(caption, "ssi-score__value", 1)
        if not values:
            continue
        written = clean_text(text_of(values[0]))
        shown = read_number(written)
        if shown is None:
            raise ParseError(
                f"expected the total as a number in {CAPTION}, found {written[:40]!r}",
                path=CAPTION,
                key="page.total_not_number",
                params={"selector": CAPTION, "found": repr(written[:40])},
            )
        if abs(shown - pillars.total) > TOTAL_TOLERANCE + _EPS:
            raise InvalidScoreError(
                f"{CAPTION}: expected the shown total within {TOTAL_TOLERANCE:g} point of the "
                f"pillars' sum ({pillars.total:g}), found {shown:g}",
                key="page.total_mismatch",
                params={
                    "selector": CAPTION,
                    "tolerance": TOTAL_TOLERANCE,
                    "sum": pillars.total,
                    "found": shown,
                },
            )


def _donut_parts(doc: Doc) -> dict[str, GroupParts]:
    """The group donuts: ``{group type: parts}``, kinds by their words, else by order."""
    labels: list[str | None] = []
    found: list[tuple[float | None, str]] = []
    for donut in doc.by_class("group-ssi-score__donut-chart", 8):
        values = by_class(donut, "ssi-score__value", 1)
        shown = read_number(clean_text(text_of(values[0]))) if values else None
        text = text_of(_group_box(donut))
        labels.append(clean_text(text))
        found.append((shown, text))
    parts: dict[str, GroupParts] = {}
    for kind, (shown, text) in zip(assign_kinds(labels), found, strict=True):
        if kind is not None:
            parts[kind] = sentence_parts(text, shown, kind)
    return parts


def _group_box(donut: Node) -> Node:
    """The element around one group donut and its sentence (``.group-ssi-score``)."""
    node = donut
    for _ in range(4):
        if "group-ssi-score" in (node.get("class") or "").split():
            return node
        parent = node.getparent()
        if parent is None:
            break
        node = parent
    return donut.getparent() if donut.getparent() is not None else donut


def read_page(doc: Doc, bars: dict[Pillar, Node]) -> Score:
    """Read a 2024-26 page whose four bars were found by :func:`find_bars`.

    Raises:
        ParseError: a value is not a number.
        InvalidScoreError: a value is out of range, or the shown total disagrees.
    """
    pillars = _pillars(bars)
    _check_total(doc, pillars)
    ranks = read_ranks(doc.by_class("ssi-rank", 4)) or table_ranks(doc.root)
    parts = _donut_parts(doc)
    for kind, group_pillars in group_tables(doc.root).items():
        part = parts.get(kind, GroupParts())
        parts[kind] = GroupParts(average=part.average, name=part.name, pillars=group_pillars)
    groups = build_groups(ranks, parts)
    return Score(overall=pillars.total, pillars=pillars, groups=groups)
