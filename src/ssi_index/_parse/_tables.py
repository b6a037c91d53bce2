"""The 2026 rewrite of the SSI page: a visually hidden table under each donut.

Class names are hashed in this markup, so nothing here relies on them::

    <main><h1>Your Social Selling Index</h1>
      <div><span>Top</span><span>37%</span><p>Industry SSI rank</p></div> ...
      <section><h2>Current Social Selling Index</h2>
        <figure><figcaption>33 out of 100</figcaption></figure>
        <table><tr><th>Category</th><th>value</th></tr>
          <tr><th>Establish your professional brand</th><td>12.05</td></tr>
          ... three more pillars ...
          <tr><th>Remaining points</th><td>67</td></tr></table></section>
      <section><h2>People in your industry</h2> ... </section>
      <section><h2>People in your network</h2> ... </section></main>

A pillar table has four rows of 0-25 in LinkedIn's pillar order and a fifth,
"Remaining points", that is not a pillar. The member's table is the one whose
four rows sum to the total in the first donut (within 2 points); the other two
are the groups', told apart by their section's words, else by their order
(industry, then network). Ranks come from the small blocks before the sections
that hold a percentage.
"""

from __future__ import annotations

from typing import Final

import attrs

from ssi_index._errors import InvalidScoreError, ParseError
from ssi_index._model import _EPS, PILLAR_MAX, TOTAL_MAX, PillarScores, Score

from ._dom import Node, by_tag, text_of
from ._groups import GroupParts, assign_kinds, build_groups, sentence_parts
from ._numbers import clean_text, read_int, read_number, read_out_of_100

__all__ = ["MATCH_TOLERANCE", "group_tables", "read_tables", "table_ranks"]

MATCH_TOLERANCE: Final = 2.0
"""How far the member table's sum may be from the first donut's (rounded) total."""
_ROWS: Final = 5
_PILLAR_ROWS: Final = 4
_MAX_TABLES: Final = 32
_MAX_ROWS: Final = 16
_RANK_TEXT: Final = 120


@attrs.frozen
class _Table:
    node: Node
    values: tuple[float, ...]
    section: Node

    @property
    def total(self) -> float:
        return sum(self.values)


def _section_of(node: Node) -> Node:
    """The ``<section>`` around *node*, else its parent."""
    parent = node.getparent()
    ancestor = parent
    for _ in range(6):
        if ancestor is None:
            break
        if ancestor.tag == "section":
            return ancestor
        ancestor = ancestor.getparent()
    return parent if parent is not None else node


def _pillar_tables(root: Node) -> list[_Table]:
    """The shown tables made of four pillar rows and one more row."""
    found: list[_Table] = []
    for table in by_tag(root, "table", _MAX_TABLES):
        values: list[float] = []
        rows = 0
        for row in table.iter("tr"):
            rows += 1
            if rows > _MAX_ROWS:
                break
            cells = [cell for cell in row if cell.tag in ("th", "td")]
            if len(cells) < 2:
                continue
            value = read_number(clean_text(text_of(cells[-1], 40)))
            if value is not None:
                values.append(value)
        if len(values) != _ROWS or rows > _MAX_ROWS:
            continue
        pillars = tuple(values[:_PILLAR_ROWS])
        if all(-_EPS <= v <= PILLAR_MAX + _EPS for v in pillars):
            found.append(_Table(table, pillars, _section_of(table)))
    return found


def _shown_total(section: Node) -> float | None:
    for caption in by_tag(section, "figcaption", 1):
        return read_out_of_100(clean_text(text_of(caption, 200)))
    return None


def _first_total(root: Node) -> float | None:
    """The number in the first donut's caption ("33 out of 100"), if any."""
    for caption in by_tag(root, "figcaption", 1):
        return read_out_of_100(clean_text(text_of(caption, 200)))
    return None


def _split(root: Node) -> tuple[_Table | None, list[_Table], float | None]:
    tables = _pillar_tables(root)
    if not tables:
        return None, [], None
    total = _first_total(root)
    if total is None:
        return tables[0], tables[1:], None
    for i, table in enumerate(tables):
        if abs(table.total - total) <= MATCH_TOLERANCE + _EPS:
            return table, tables[:i] + tables[i + 1 :], total
    return None, tables, total


def _group_parts(groups: list[_Table]) -> dict[str, GroupParts]:
    labels = [clean_text(_heading(table.section)) for table in groups]
    parts: dict[str, GroupParts] = {}
    for kind, table in zip(assign_kinds(labels), groups, strict=False):
        if kind is None:
            continue
        shown = _shown_total(table.section)
        if shown is None:
            shown = round(table.total, 10)
        part = sentence_parts(text_of(table.section), shown, kind)
        parts[kind] = GroupParts(
            average=part.average, name=part.name, pillars=PillarScores(table.values)
        )
    return parts


def _heading(section: Node) -> str:
    for level in ("h2", "h3", "h4"):
        for heading in by_tag(section, level, 1):
            return str(text_of(heading, 200))
    return str(text_of(section, 400))


def group_tables(root: Node) -> dict[str, PillarScores]:
    """The groups' per-pillar averages from the 2026 tables, if the page has them."""
    _, groups, _ = _split(root)
    return {kind: part.pillars for kind, part in _group_parts(groups).items() if part.pillars}


def table_ranks(root: Node) -> dict[str, int]:
    """The ranks of a page with the 2026 tables (its class-less rank blocks), if any."""
    member, _, _ = _split(root)
    return _ranks(root, member) if member is not None else {}


def _ranks(root: Node, member: _Table) -> dict[str, int]:
    """Rank blocks: the small elements before the sections that hold one percentage."""
    scope = member.section.getparent()
    if scope is None:
        return {}
    blocks: list[Node] = []
    for child in scope:
        if not isinstance(child.tag, str) or child is member.section or child.tag == "section":
            continue
        blocks.extend(_rank_blocks(child, 3))
        if len(blocks) >= 4:
            break
    labels = [clean_text(text_of(block, _RANK_TEXT * 2)) for block in blocks]
    ranks: dict[str, int] = {}
    for kind, label in zip(assign_kinds(labels), labels, strict=True):
        rank = read_int(label)
        if kind is not None and rank is not None:
            ranks.setdefault(kind, rank)
    return ranks


def _rank_blocks(node: Node, depth: int) -> list[Node]:
    """*node* if it is one rank block, else the rank blocks inside it (to *depth* levels)."""
    if not isinstance(node.tag, str) or node.tag in ("table", "figure", "section", "script"):
        return []
    text = clean_text(text_of(node, _RANK_TEXT * 2))
    if "%" not in text or len(text) > _RANK_TEXT * 2:
        return []
    inner: list[Node] = []
    if depth > 0:
        for child in node:
            inner.extend(_rank_blocks(child, depth - 1))
    if len(inner) > 1:
        return inner
    if len(text) <= _RANK_TEXT and read_int(text) is not None and len(node) > 0:
        return [node]
    return inner


def read_tables(root: Node) -> Score | None:
    """Read a 2026 page from its hidden tables, or return ``None`` when it has none.

    Raises:
        ParseError: pillar tables exist but none sums to the first donut's total.
        InvalidScoreError: a value is out of range.
    """
    member, groups, total = _split(root)
    if member is None:
        if not groups:
            return None
        sums = ", ".join(f"{t.total:g}" for t in groups)
        raise ParseError(
            f"expected one of the page's pillar tables to sum to the total in its first donut "
            f"({total:g}) within {MATCH_TOLERANCE:g} points, found tables summing to {sums}",
            path="figcaption",
            key="page.no_member_table",
            params={
                "total": "\u2014" if total is None else total,
                "tolerance": MATCH_TOLERANCE,
                "sums": tuple(f"{t.total:g}" for t in groups),
            },
        )
    if total is not None and not 0 <= total <= TOTAL_MAX:
        raise InvalidScoreError(
            f"figcaption: expected a total from 0 to 100, found {total:g}",
            key="page.table_total_out_of_range",
            params={"found": total},
        )
    pillars = PillarScores(member.values)
    groups_parts = _group_parts(groups)
    return Score(
        overall=pillars.total,
        pillars=pillars,
        groups=build_groups(_ranks(root, member), groups_parts),
    )
