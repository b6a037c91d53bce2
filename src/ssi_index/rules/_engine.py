"""The engine: run the rules, render their findings, rank, drop repeated keys."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from typing import Final

from ssi_index._activity import Activity
from ssi_index._errors import InvalidScaleError, InvalidScoreError, RuleError
from ssi_index._html import RecommendationList
from ssi_index._model import Score
from ssi_index._snapshot import Snapshot
from ssi_index._tiers import TierScale

from ._catalog import texts as _texts
from ._default import DEFAULT_RULES
from ._goals import Goal, to_goal
from ._invitations import InvitationWeek, busiest_invitation_week
from ._pace_basis import check_activities
from ._plan import check_target
from ._rank import by_situation
from ._types import (
    PILLARS,
    Finding,
    Kind,
    Ranker,
    Recommendation,
    Rule,
    RuleContext,
    pillar_quads,
    trusted_context,
)

__all__ = ["by_gap", "recommend"]

_EPS: Final = 1e-9
_KIND_ORDER: Final = {Kind.GROW: 0, Kind.CAUTION: 1, Kind.MAINTAIN: 2}
_GAP_INDEX: Final = {p._value_: i for i, p in enumerate(PILLARS)}
"""Pillar value -> index: a str hashes in C, a Pillar through Enum's Python-level ``__hash__``."""


def by_gap(items: Sequence[Recommendation], ctx: RuleContext) -> list[Recommendation]:
    """The default ranker: pillars with the most points on the table first.

    Order: items about a pillar that still has points to gain, biggest gap first
    (within a pillar: grow, then caution, then maintain); then items about the
    whole score (grow, caution, maintain); then items about pillars already at 25.
    Ties keep the pipeline's order.

    Args:
        items: The recommendations, in the order the rules produced them.
        ctx: The context the rules saw.

    Returns:
        A new list, best first.
    """
    gaps = pillar_quads(ctx)[1]
    kinds = _KIND_ORDER
    index = _GAP_INDEX

    def key(item: Recommendation) -> tuple[int, float, int]:
        kind = kinds[item.kind]
        pillar = item.pillar
        if pillar is None:
            return (1, 0.0, kind)
        gap = gaps[index[pillar._value_]]
        if gap > _EPS:
            return (0, -gap, kind)
        return (2, 0.0, kind)

    return sorted(items, key=key)


def _history(history: Iterable[Snapshot] | None) -> tuple[Snapshot, ...]:
    if history is None:
        return ()
    if not isinstance(history, Iterable) or isinstance(history, Snapshot):
        raise InvalidScoreError(
            f"history: expected a sequence of Snapshot, found {type(history).__name__}"
        )
    items = tuple(history)
    for i, item in enumerate(items):
        if not isinstance(item, Snapshot):
            raise InvalidScoreError(
                f"history[{i}]: expected a Snapshot, found {type(item).__name__}"
            )
    return items


def _run(rules: Iterable[Rule], ctx: RuleContext) -> list[Recommendation]:
    render = ctx.texts.render
    out: list[Recommendation] = []
    for rule in rules:
        if not callable(rule):
            raise RuleError(f"rules: expected callables, found {type(rule).__name__} {rule!r}")
        produced: object = rule(ctx)  # checked: rules come from users
        if not isinstance(produced, Iterable):
            name = getattr(rule, "__name__", repr(rule))
            raise RuleError(
                f"rule {name}: expected an iterable of findings, found {type(produced).__name__}"
            )
        for item in produced:
            if isinstance(item, Finding):
                out.append(render(item))
            elif isinstance(item, Recommendation):
                out.append(item)
            else:
                name = getattr(rule, "__name__", repr(rule))
                raise RuleError(
                    f"rule {name}: expected Finding or Recommendation items, "
                    f"found {type(item).__name__} {item!r}"
                )
    return out


def recommend(
    score: Score,
    *,
    goal: Goal | str | None = None,
    target: float | None = None,
    locale: str = "en",
    scale: TierScale | None = None,
    rules: Iterable[Rule] | None = None,
    history: Iterable[Snapshot] | None = None,
    ranker: Ranker | None = None,
    activities: Iterable[Activity] | None = None,
) -> RecommendationList:
    """Turn a score into ranked advice: what to do next, best first.

    Runs each rule in order, renders what they find in *locale*, ranks the
    result and keeps the first item of each key.

    Args:
        score: The score to advise on.
        goal: What LinkedIn is for: ``"sales"`` (default), ``"ads"``,
            ``"job_search"`` or ``"brand"``. It sets the default target and scale
            and adds the advice meant for that user.
        target: The total to aim for (0-100); default: the goal's.
        locale: ``"en"``, ``"he"`` or ``"ru"``; region tags fall back to the
            language (``"he-IL"`` -> ``"he"``).
        scale: The tier scale to read the total on; default: the goal's.
        rules: The rule pipeline; default :data:`~ssi_index.DEFAULT_RULES`.
        history: Earlier snapshots of the same profile, for the history rule.
        ranker: Orders the items; default :func:`~ssi_index.rules.by_situation` (by goal
            and situation, each item with its ``rank_reason``); the first engine's
            gap-only order is :func:`~ssi_index.rules.by_gap`.
        activities: The profile's activities (e.g. ``store.activities("me")``): a
            recent week with :data:`~ssi_index.rules.MANY_INVITATIONS` or more
            invitations sent brings the mass-invitation caution near the top.

    Returns:
        The recommendations, best first, one per key: a plain ``list`` that also
        renders as HTML in Jupyter (:class:`~ssi_index.RecommendationList`).

    Raises:
        InvalidScoreError: *score* is not a Score, *target* is not a total from 0
            to 100, or *history* or *activities* hold something else.
        UnreachableTargetError: *target* is above 100.
        InvalidScaleError: *scale* is not a TierScale.
        UnknownLocaleError: no texts for *locale*.
        RuleError: an unknown goal, or a rule that yields something unusable.

    Example:
        >>> from ssi_index import Score, recommend
        >>> advice = recommend(Score.from_pillars([13.4, 10.7, 11.1, 25]))
        >>> [r.key for r in advice[:3]]
        ['pillar:FIND_RIGHT_PEOPLE', 'pillar:INSIGHT_ENGAGEMENT', 'pillar:PROFESSIONAL_BRAND']
    """
    if not isinstance(score, Score):
        raise InvalidScoreError(f"score: expected a Score, found {type(score).__name__}")
    the_goal = to_goal(goal)
    if scale is None:
        scale = the_goal.scale
    elif not isinstance(scale, TierScale):
        raise InvalidScaleError(f"scale: expected a TierScale, found {type(scale).__name__}")
    ctx = trusted_context(
        score,
        the_goal,
        the_goal.default_target if target is None else check_target(target),
        target is not None,
        scale,
        _texts(locale),
        _history(history),
        _invitations(activities),
    )
    if rules is None and ranker is None:
        return RecommendationList(_default_advice(ctx), locale=ctx.texts.locale)
    return RecommendationList(
        _advise(
            ctx,
            DEFAULT_RULES if rules is None else rules,
            by_situation if ranker is None else ranker,
        ),
        locale=ctx.texts.locale,
    )


def _invitations(activities: Iterable[Activity] | None) -> InvitationWeek | None:
    done = check_activities(activities)
    return None if done is None else busiest_invitation_week(done)


def _dedupe(ranked: Iterable[Recommendation]) -> list[Recommendation]:
    seen: set[str] = set()
    out: list[Recommendation] = []
    for item in ranked:
        key = item.key
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def _advise(ctx: RuleContext, rules: Iterable[Rule], ranker: Ranker) -> list[Recommendation]:
    given: object = rules  # checked: rules and rankers come from users
    if isinstance(given, str) or not isinstance(given, Iterable):
        raise RuleError(f"rules: expected a sequence of rules, found {type(given).__name__}")
    if not callable(ranker):
        raise RuleError(f"ranker: expected a callable, found {type(ranker).__name__}")
    ranked: object = ranker(_run(rules, ctx), ctx)
    if not isinstance(ranked, Iterable):
        raise RuleError(f"ranker: expected a sequence, found {type(ranked).__name__}")
    seen: set[str] = set()
    out: list[Recommendation] = []
    for item in ranked:
        if not isinstance(item, Recommendation):
            raise RuleError(
                f"ranker: expected Recommendation items, found {type(item).__name__} {item!r}"
            )
        if item.key not in seen:
            seen.add(item.key)
            out.append(item)
    return out


@functools.lru_cache(maxsize=1024)
def _default_advice(ctx: RuleContext) -> tuple[Recommendation, ...]:
    """The default pipeline and ranker are pure: remember the last results by their inputs.

    Same result as ``_advise(ctx, DEFAULT_RULES, by_situation)``, without the checks that
    guard against users' rules and rankers: the built-in rules are callables that yield
    findings, and :func:`by_situation` returns a list of what it was given.
    """
    render = ctx.texts.render
    items = [
        render(item) if isinstance(item, Finding) else item
        for rule in DEFAULT_RULES
        for item in rule(ctx)
    ]
    return tuple(_dedupe(by_situation(items, ctx)))
