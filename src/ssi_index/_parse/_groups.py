"""What the SSI pages of every generation say about the comparison groups.

Ranks come from the rank rows, averages from markup (the group donuts, the
2023 value spans, the 2026 tables), and the kind of each group from its label's
words when they are known, else from its place (industry first, then network).
The sentences ("People in your network have an average SSI of 33.") only
cross-check the averages and give the industry's name where the wording is known.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

import attrs

from ssi_index._errors import InvalidScoreError
from ssi_index._model import GroupScore, PillarScores

from ._dom import Node, by_class, text_of
from ._numbers import clean_text, read_int, read_number
from ._texts import INDUSTRY, NETWORK, group_of_label, read_averages

__all__ = ["KINDS", "GroupParts", "assign_kinds", "build_groups", "read_ranks", "sentence_parts"]

KINDS: Final = (INDUSTRY, NETWORK)


@attrs.frozen
class GroupParts:
    """What a page says about one comparison group, before it becomes a GroupScore.

    Attributes:
        average: The group's average SSI, if shown.
        name: The industry's name, if a known sentence gives it.
        pillars: The group's per-pillar averages (2026 tables), if shown.
    """

    average: float | None = None
    name: str | None = None
    pillars: PillarScores | None = None


def assign_kinds(labels: Sequence[str | None]) -> list[str | None]:
    """Tell each group's kind by its label; labels in an unknown language by their order.

    Known labels take their kind; the others take the kinds left over, in
    LinkedIn's order (industry, then network).
    """
    known = [group_of_label(label) if label else None for label in labels]
    left = [kind for kind in KINDS if kind not in known]
    kinds: list[str | None] = []
    for kind in known:
        if kind is None and left:
            kind = left.pop(0)
        kinds.append(kind)
    return kinds


def read_ranks(rows: Sequence[Node]) -> dict[str, int]:
    """Read ``.ssi-rank`` rows (2022-26 pages): ``{group type: rank}``."""
    labels: list[str | None] = []
    numbers: list[int | None] = []
    for row in rows:
        name = _first(row, ("ssi-rank__category-name", "ssi-rank__name"))
        number = _first(row, ("t-40", "ssi-rank__category-score", "ssi-rank__value"))
        labels.append(clean_text(text_of(name)) if name is not None else clean_text(text_of(row)))
        written = text_of(number) if number is not None else text_of(row)
        numbers.append(read_int(written))
    ranks: dict[str, int] = {}
    for kind, rank in zip(assign_kinds(labels), numbers, strict=True):
        if kind is not None and rank is not None:
            ranks.setdefault(kind, rank)
    return ranks


def _first(node: Node, classes: Sequence[str]) -> Node | None:
    for css_class in classes:
        found = by_class(node, css_class, 1)
        if found:
            return found[0]
    return None


def sentence_parts(text: str, average: float | None, kind: str | None) -> GroupParts:
    """Cross-check a shown (rounded) *average* of the group *kind* with the sentence in *text*.

    The sentence about that group, when a known wording gives it and its number
    rounds to the shown one, is kept for its decimals; the industry's name comes
    only from it. A group whose kind is not known takes no sentence.
    """
    if kind is None:
        return GroupParts(average=average)
    sentences = read_averages(clean_text(text))
    written, name = sentences.get(kind, (None, None))
    said = read_number(written) if written is not None else None
    if said is not None and (average is None or abs(said - average) <= 0.5 + 1e-9):
        average = said
    return GroupParts(average=average, name=name.strip() if name else None)


def build_groups(
    ranks: Mapping[str, int], parts: Mapping[str, GroupParts]
) -> tuple[GroupScore, ...]:
    """Build the INDUSTRY and NETWORK groups from a page's ranks and group parts.

    Raises:
        InvalidScoreError: a rank or average is out of range.
    """
    groups: list[GroupScore] = []
    for kind in KINDS:
        part = parts.get(kind, GroupParts())
        rank = ranks.get(kind)
        if rank is None and part == GroupParts():
            continue
        try:
            groups.append(
                GroupScore(
                    kind=kind,
                    rank=rank,
                    average=part.average,
                    name=part.name,
                    pillars=part.pillars,
                )
            )
        except InvalidScoreError as err:
            raise InvalidScoreError(
                f"the {kind.lower()} group on the page: {err}",
                key="page.in_group",
                params={"kind": kind.lower(), "error": err},
            ) from err
    return tuple(groups)
