"""The built-in rules and the default pipeline (its order lives in ``data/pipeline.toml``)."""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from importlib import resources
from typing import Final, overload

from ssi_index._errors import RuleError
from ssi_index._model import Pillar
from ssi_index._tiers import Tier, TierScale

from ._catalog import Texts
from ._compare import compare
from ._goals import SCALE_SOURCES, SCALES, Goal
from ._plan import plan
from ._types import PILLARS, Finding, Kind, Rule, RuleContext, trusted_finding

__all__ = ["BUILTIN_RULES", "DEFAULT_RULES"]

_EPS: Final = 1e-9
_DROP: Final = 1.0
"""A pillar must fall by at least this many points since the last snapshot to be flagged."""


_PILLAR_TEXTS: Final = {
    p: (f"pillar:{p.value}", f"pillar.{p.slug}.grow", f"pillar.{p.slug}.maintain") for p in Pillar
}


def pillars(ctx: RuleContext) -> Iterator[Finding]:
    """One grow item per pillar with points to gain; a short maintain item for a pillar at 25."""
    gaps = ctx.gaps
    values = ctx.score.pillars
    for pillar in PILLARS:
        gap = gaps[pillar]
        key, grow, maintain = _PILLAR_TEXTS[pillar]
        if gap > _EPS:
            params: tuple[tuple[str, float], ...] = (("score", values[pillar]), ("gap", gap))
            yield trusted_finding(key, grow, pillar, Kind.GROW, gap, params)
        else:
            params = (("score", values[pillar]),)
            yield trusted_finding(key, maintain, pillar, Kind.MAINTAIN, 0.0, params)


@functools.cache
def _fixed(key: str, pillar: Pillar | None, kind: Kind) -> Finding:
    """A finding without parameters, built once."""
    return Finding(key=key, pillar=pillar, kind=kind)


def goal_advice(ctx: RuleContext) -> Iterator[Finding]:
    """The extra advice of the goal, as listed in ``goals.toml``.

    Advice to grow a pillar that is already at 25 is left out.
    """
    gaps = ctx.gaps
    for extra in ctx.goal.advice:
        kind = Kind(extra.kind)
        if kind is Kind.GROW and extra.pillar is not None and gaps[extra.pillar] <= _EPS:
            continue
        yield _fixed(extra.key, extra.pillar, kind)


def cautions(ctx: RuleContext) -> Iterator[Finding]:
    """Warnings where the sources give them and the advice could lead there."""
    gaps = ctx.gaps
    if gaps[Pillar.FIND_RIGHT_PEOPLE] > _EPS or ctx.goal is Goal.ADS:
        yield _fixed("caution.mass_invites", Pillar.FIND_RIGHT_PEOPLE, Kind.CAUTION)
    if gaps[Pillar.INSIGHT_ENGAGEMENT] > _EPS:
        yield _fixed("caution.mass_reposts", Pillar.INSIGHT_ENGAGEMENT, Kind.CAUTION)
    if gaps[Pillar.STRONG_RELATIONSHIP] > _EPS:
        yield _fixed("caution.network_size", Pillar.STRONG_RELATIONSHIP, Kind.CAUTION)


@functools.lru_cache(maxsize=64)
def _goal_source(texts: Texts, goal: Goal) -> str:
    return texts.sources(texts.entry(f"goal.{goal.value}.target").sources)


def target(ctx: RuleContext) -> Iterator[Finding]:
    """The points missing to the target, with the plan to get there, or "already there"."""
    texts = ctx.texts
    the_plan = plan(ctx.score, ctx.target)
    goal_source = "" if ctx.target_given else _goal_source(texts, ctx.goal)
    params: tuple[tuple[str, float], ...]
    if the_plan.already_there:
        params = (("target", ctx.target), ("total", the_plan.start))
        yield trusted_finding(
            "target", "target.reached", None, Kind.MAINTAIN, 0.0, params, (), goal_source
        )
        return
    missing = round(ctx.target - the_plan.start, 10)
    steps = tuple(
        texts.phrase("plan_step", pillar=s.pillar, add=s.add, start=s.start, end=s.end)
        for s in the_plan.steps
    )
    text = "target.custom" if ctx.target_given else f"goal.{ctx.goal.value}.target"
    params = (("target", ctx.target), ("total", the_plan.start), ("missing", missing))
    yield trusted_finding("target", text, None, Kind.GROW, missing, params, steps)


@functools.lru_cache(maxsize=256)
def _band(texts: Texts, scale: TierScale, index: int) -> tuple[str, str, tuple[str, ...], str]:
    """A band's label, meaning, "next band" line and citation, in the locale (built once)."""
    builtin = SCALES.get(scale.name) == scale

    def name(t: Tier) -> tuple[str, str]:
        return texts.tier(scale, t) if builtin else (t.name, t.meaning)

    label, meaning = name(scale.tiers[index])
    extra: tuple[str, ...] = ()
    if index + 1 < len(scale.tiers):
        nxt = scale.tiers[index + 1]
        extra = (texts.phrase("tier_next", tier=name(nxt)[0], lower=nxt.lower),)
    source = texts.sources((SCALE_SOURCES[scale.name],)) if builtin else scale.source
    return label, meaning, extra, source


def tier(ctx: RuleContext) -> Iterator[Finding]:
    """Where the total sits on the scale, and where the next band starts."""
    scale = ctx.scale
    index = scale.tiers.index(ctx.tier)
    label, meaning, extra, source = _band(ctx.texts, scale, index)
    kind = Kind.MAINTAIN if index + 1 == len(scale.tiers) else Kind.GROW
    params = (("total", ctx.score.overall), ("tier", label), ("meaning", meaning))
    yield trusted_finding("tier", "tier", None, kind, None, params, extra, source)


def comparison(ctx: RuleContext) -> Iterator[Finding]:
    """The member against each group with an average; pillars where the group is ahead."""
    texts = ctx.texts
    for group in compare(ctx.score).groups:
        if group.delta is None or group.average is None:
            continue
        extra: list[str] = []
        if group.rank is not None:
            extra.append(texts.phrase("compare_rank", rank=group.rank))
        for pillar, delta in group.pillar_deltas or ():
            if delta < -_EPS:
                extra.append(texts.phrase("compare_pillar_behind", pillar=pillar, delta=-delta))
        below = group.delta < -_EPS
        yield Finding(
            key=f"compare:{group.kind or 'OTHER'}",
            text="compare.below" if below else "compare.above",
            kind=Kind.GROW if below else Kind.MAINTAIN,
            params={
                "group": texts.group(group.kind),
                "delta": abs(group.delta),
                "average": group.average,
            },
            extra_actions=tuple(extra),
        )


def history(ctx: RuleContext) -> Iterator[Finding]:
    """Pillars that fell since the last different snapshot, or a hint to keep history."""
    if not ctx.history:
        yield _fixed("history.start", None, Kind.MAINTAIN)
        return
    current = ctx.score.pillars
    previous = next(
        (
            s
            for s in sorted(ctx.history, key=lambda s: s.day, reverse=True)
            if s.score.pillars != current
        ),
        None,
    )
    if previous is None:
        return
    for pillar in Pillar:
        drop = round(previous.score.pillars[pillar] - current[pillar], 10)
        if drop >= _DROP:
            yield Finding(
                key=f"history:{pillar.value}",
                text="history.drop",
                pillar=pillar,
                kind=Kind.CAUTION,
                params={"pillar": pillar, "drop": drop, "day": previous.day.isoformat()},
            )


BUILTIN_RULES: Final[dict[str, Rule]] = {
    "pillars": pillars,
    "goal_advice": goal_advice,
    "cautions": cautions,
    "target": target,
    "tier": tier,
    "compare": comparison,
    "history": history,
}
"""The built-in rules by the names ``pipeline.toml`` uses."""


@functools.cache
def _pipeline() -> tuple[Rule, ...]:
    import tomllib

    text = resources.files("ssi_index.rules").joinpath("data", "pipeline.toml").read_text("utf-8")
    order = tomllib.loads(text).get("order")
    if not isinstance(order, list) or not order:
        raise RuleError(f"pipeline.toml: expected a non-empty list 'order', found {order!r}")
    rules: list[Rule] = []
    for name in order:
        if name not in BUILTIN_RULES:
            known = ", ".join(BUILTIN_RULES)
            raise RuleError(f"pipeline.toml: expected rule names ({known}), found {name!r}")
        rules.append(BUILTIN_RULES[name])
    return tuple(rules)


class _DefaultRules(Sequence[Rule]):
    """The default pipeline, read from ``pipeline.toml`` on first use (not at import)."""

    __slots__ = ()

    @overload
    def __getitem__(self, index: int) -> Rule: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Rule]: ...

    def __getitem__(self, index: int | slice) -> Rule | Sequence[Rule]:
        return _pipeline()[index]

    def __len__(self) -> int:
        return len(_pipeline())

    def __iter__(self) -> Iterator[Rule]:
        return iter(_pipeline())

    def __repr__(self) -> str:
        return f"DEFAULT_RULES({', '.join(r.__name__ for r in _pipeline())})"


DEFAULT_RULES: Final[Sequence[Rule]] = _DefaultRules()
"""The default rule pipeline, in ``pipeline.toml``'s order.

A sequence of plain callables: extend it (``[*DEFAULT_RULES, my_rule]``) or
replace it through ``recommend(..., rules=...)``.
"""
