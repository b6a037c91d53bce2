"""Text blocks more than one command prints: a score, recommendations, JSON-ready values."""

from __future__ import annotations

import datetime as dt
import enum
import shutil
import textwrap
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final

import attrs

from ._output import Line, Part, Styled, table

if TYPE_CHECKING:
    from ssi_index import Recommendation, Score, Tier, TierScale

    from ._app import Context

__all__ = ["goal_tier", "plain", "recommendation_lines", "score_lines", "wrap"]

_GROUP_KINDS: Final = frozenset({"industry", "network", "team", "other"})
"""Group kinds with a table heading of their own (``cli.group.*``)."""


def plain(value: object) -> Any:
    """Turn a result object into JSON-ready data: ``to_dict()`` if it has one, else its fields."""
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):
        return to_dict()
    cls: Any = type(value)
    if attrs.has(cls):
        return {f.name: plain(getattr(value, f.name)) for f in attrs.fields(cls)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {
            (k.value if isinstance(k, enum.Enum) else str(k)): plain(v) for k, v in value.items()
        }
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def goal_tier(ctx: Context, total: float) -> tuple[TierScale, Tier, str, str]:
    """The goal's scale, the tier of *total* on it, and the tier's label and meaning.

    The goal is ``--goal``, else the settings' ``goal``, else ``sales``: the same
    scale :func:`ssi_index.recommend` reads the total on, so the header and the
    advice always agree.
    """
    from ssi_index import Goal
    from ssi_index.rules import texts

    scale = Goal(ctx.goal or "sales").scale
    tier = scale.classify(min(max(total, 0.0), 100.0))
    label, meaning = texts(ctx.locale).tier(scale, tier)
    return scale, tier, label, meaning


def score_lines(ctx: Context, score: Score) -> list[Line]:
    """The total, the tier on the goal's scale, the pillars with bars, ranks and averages."""
    from ssi_index.rules import texts

    names = texts(ctx.locale)
    _, _, label, meaning = goal_tier(ctx, score.overall)
    lines: list[Line] = [
        [
            Styled(ctx.t("cli.score.total", total=ctx.number(score.overall)), "bold"),
            ctx.t("cli.score.tier_label"),
            Styled(label, "bold"),
        ],
        Styled(f"  {meaning}", "dim"),
        "",
    ]
    rows: list[list[Part]] = []
    for pillar, points in score.pillars.items():
        rows.append(
            [
                f"  {names.pillar(pillar)}",
                f"{ctx.number(points)} / {pillar.max:g}",
                Styled(ctx.out.bar(points, pillar.max), "cyan"),
            ]
        )
    lines += table(rows, right=frozenset({1}))
    groups = [g for g in score.groups if g.rank is not None or g.average is not None]
    if groups:
        lines.append("")
        group_rows: list[list[Part]] = [
            [ctx.t("cli.score.group"), ctx.t("cli.score.rank"), ctx.t("cli.score.average")]
        ]
        for group in groups:
            kind = (group.kind or "other").lower()
            name = ctx.t(f"cli.group.{kind}") if kind in _GROUP_KINDS else names.group(group.kind)
            if group.name:
                name = f"{name} ({group.name})"
            rank = "-" if group.rank is None else ctx.t("cli.score.top", rank=group.rank)
            group_rows.append([name, rank, ctx.short(group.average)])
        lines += [["  ", *line] for line in table(group_rows)]
    return lines


def wrap(text: str, first: str, rest: str) -> list[str]:
    """Wrap *text* to the terminal's width (100 columns at most, or when not a terminal)."""
    columns = min(shutil.get_terminal_size((100, 24)).columns, 100)
    return textwrap.wrap(text, columns, initial_indent=first, subsequent_indent=rest) or [first]


def recommendation_lines(ctx: Context, recommendations: Sequence[Recommendation]) -> list[Line]:
    """Numbered recommendations: title, actions, why and where the advice comes from."""
    lines: list[Line] = []
    for i, rec in enumerate(recommendations, 1):
        style = "yellow" if rec.kind.value == "caution" else "bold"
        lines.append([f"  {i}. ", Styled(rec.title, style)])
        for action in rec.actions:
            lines += wrap(action, "     - ", "       ")
        if rec.why:
            why = ctx.t("cli.score.why", text=rec.why)
            lines += [Styled(line, "dim") for line in wrap(why, "     ", "     ")]
        if rec.source:
            source = ctx.t("cli.score.source", text=rec.source)
            lines += [Styled(line, "dim") for line in wrap(source, "     ", "     ")]
    return lines
