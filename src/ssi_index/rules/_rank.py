"""The default ranker: by goal and situation, with the reason for each item's place.

Every item falls in a band, and within a band the growth items are ordered by a score:

0. Under the goal's floor (ads: 50): the floor item, first.
1. Cautions the user's own data calls for: the mass-invitation caution after finding
   people rose by 3 points or more within a week, or when the activities show
   :data:`~ssi_index.rules.MANY_INVITATIONS` (100) or more invitations sent in one of
   the last four weeks; a pillar that fell since the last snapshot.
2. Growth: each pillar's item scores *what it can add in the next four weeks* (the
   roadmap's gains at ssi-index's pace) x *the goal's weight for the pillar* / *effort*
   (an incomplete profile is a quick win: half the effort), x *(1 + points behind the
   group / 25)* when LinkedIn sent per-pillar group averages. A goal's extra advice ranks
   just after its pillar (0.6 of the pillar's score); extra advice about the whole score
   after the pillars.
3. Summaries: the target with its plan, the tier, the comparison, rises since the last
   snapshot.
4. Cautions nothing in the data calls for, after the growth advice.
5. Upkeep (a pillar at 24 or more), maintain items and habits, last.

Ties keep the pipeline's order.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Final

from ssi_index._i18n import format_number, message, plural

from ._catalog import points_text
from ._compare import compare
from ._invitations import MANY_INVITATIONS
from ._pace import default_pace, goal_floor
from ._roadmap import recent_rise, spread
from ._types import PILLARS, Kind, Quad, Recommendation, RuleContext, pillar_quads, with_reason

__all__ = ["MONTH_WEEKS", "SHARP_RISE", "by_situation"]

MONTH_WEEKS: Final = 4
"""Weeks of roadmap gains an item's score counts ("what it can add this month")."""
SHARP_RISE: Final = 3.0
"""Points finding people must rise within a week to bring the mass-invitation caution up."""
_EXTRA_SHARE: Final = 0.6
_EPS: Final = 1e-9
_INDEX: Final = {p._value_: i for i, p in enumerate(PILLARS)}


@functools.lru_cache(maxsize=256)
def _fixed(locale: str, key: str) -> str:
    """A reason without fields, looked up once per locale."""
    return message(locale, key)


def _month_gains(ctx: RuleContext) -> Quad:
    values = pillar_quads(ctx)[0]
    weeks, _ = spread(values, 100.0, default_pace(), ctx.goal, weeks=MONTH_WEEKS)
    end = weeks[-1] if weeks else values
    a, b, c, d = (max(0.0, e - v) for v, e in zip(values, end, strict=True))
    return (a, b, c, d)


def _behind(ctx: RuleContext) -> tuple[list[float], list[str]]:
    """Per pillar, the most points a group is ahead, and that group's name."""
    behind = [0.0, 0.0, 0.0, 0.0]
    names = ["", "", "", ""]
    if not ctx.score.groups:
        return behind, names
    for group in compare(ctx.score).groups:
        for pillar, delta in group.pillar_deltas or ():
            i = _INDEX[pillar._value_]
            if -delta > behind[i] + _EPS:
                behind[i] = -delta
                names[i] = ctx.texts.group(group.kind)
    return behind, names


def by_situation(items: Sequence[Recommendation], ctx: RuleContext) -> list[Recommendation]:
    """The default ranker: the goal and the user's situation decide the order.

    See the module's documentation for the bands and the score. Each returned item
    carries :attr:`~ssi_index.Recommendation.rank_reason` in the context's locale.

    Args:
        items: The recommendations, in the order the rules produced them.
        ctx: The context the rules saw.

    Returns:
        A new list, best first.
    """
    loc = ctx.texts.locale
    values = pillar_quads(ctx)[0]
    month = _month_gains(ctx)
    pace = default_pace()
    weights = pace.weight(ctx.goal)
    behind, groups = _behind(ctx)
    scores: list[float] = []
    quick: list[bool] = []
    for i in range(4):
        easy = i == 0 and values[i] < pace.quick_win_below
        quick.append(easy)
        effort = 0.5 if easy else 1.0
        scores.append(month[i] * weights[i] / effort * (1.0 + behind[i] / 25.0))
    top = max(scores)
    rise = recent_rise(ctx.score, ctx.history, PILLARS[1]) if ctx.history else 0.0
    floor_value = goal_floor(ctx.goal)
    ranked: list[tuple[int, float, int, Recommendation]] = []
    for order, item in enumerate(items):
        band, score, reason = _place(
            item, ctx, loc, scores, top, month, weights, quick, behind, groups, rise, floor_value
        )
        ranked.append((band, -score, order, with_reason(item, reason)))
    ranked.sort(key=lambda r: (r[0], r[1], r[2]))
    return [r[3] for r in ranked]


def _grow_reason(
    loc: str,
    i: int,
    month: Quad,
    weights: Quad,
    quick: list[bool],
    behind: list[float],
    groups: list[str],
) -> str:
    parts = [message(loc, "coach.rank.month", points=points_text(loc, month[i]))]
    if abs(weights[i] - 1.0) > _EPS:
        parts.append(message(loc, "coach.rank.weight", weight=format_number(loc, weights[i], 2)))
    if quick[i]:
        parts.append(message(loc, "coach.rank.quick"))
    if behind[i] > _EPS:
        parts.append(
            message(
                loc,
                "coach.rank.behind",
                group=groups[i],
                points=points_text(loc, behind[i]),
            )
        )
    return "; ".join(parts) + "."


def _place(
    item: Recommendation,
    ctx: RuleContext,
    loc: str,
    scores: list[float],
    top: float,
    month: Quad,
    weights: Quad,
    quick: list[bool],
    behind: list[float],
    groups: list[str],
    rise: float,
    floor_value: float | None,
) -> tuple[int, float, str]:
    key, kind, pillar = item.key, item.kind, item.pillar
    if key == "floor":
        return (
            0,
            0.0,
            message(
                loc,
                "coach.rank.floor",
                floor=format_number(loc, floor_value or 0.0),
            ),
        )
    if kind is Kind.CAUTION:
        many = ctx.invitations
        if key == "caution.mass_invites" and many is not None and many.many:
            return (
                1,
                1.0,
                message(
                    loc,
                    "coach.rank.many_invites",
                    invitations=plural(loc, "coach.rank.invitations", many.count, 0),
                    week=many.week.isoformat(),
                    many=format_number(loc, MANY_INVITATIONS),
                ),
            )
        if key == "caution.mass_invites" and rise >= SHARP_RISE - _EPS:
            return (
                1,
                1.0,
                message(
                    loc,
                    "coach.rank.sharp_rise",
                    points=points_text(loc, rise),
                ),
            )
        if key.startswith("history:"):
            return 1, 0.5, _fixed(loc, "coach.rank.drop")
        return 4, 0.0, _fixed(loc, "coach.rank.caution")
    if kind is Kind.MAINTAIN:
        if key.startswith("history:"):
            return 3, 0.0, _fixed(loc, "coach.rank.rise")
        if pillar is not None and item.points:
            return (
                5,
                0.0,
                message(
                    loc,
                    "coach.rank.upkeep",
                    score=format_number(loc, ctx.score.pillars[pillar]),
                ),
            )
        return 5, 0.0, _fixed(loc, "coach.rank.maintain")
    # Growth.
    if key.startswith("pillar:") and pillar is not None:
        i = _INDEX[pillar._value_]
        return 2, scores[i], _grow_reason(loc, i, month, weights, quick, behind, groups)
    if pillar is not None:
        i = _INDEX[pillar._value_]
        return 2, scores[i] * _EXTRA_SHARE, _fixed(loc, "coach.rank.goal_extra")
    if key in ("target", "tier") or key.startswith("compare:"):
        return 3, 0.0, _fixed(loc, "coach.rank.summary")
    return 2, top * 0.1, _fixed(loc, "coach.rank.goal_whole")
