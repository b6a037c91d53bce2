"""The built-in rules and the default pipeline (its order lives in ``data/pipeline.toml``)."""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from importlib import resources
from typing import Final, TypeAlias, overload

from ssi_index._errors import RuleError
from ssi_index._model import Pillar
from ssi_index._tiers import Tier, TierScale

from ._catalog import Texts
from ._compare import compare
from ._goals import SCALE_SOURCES, SCALES, Goal
from ._pace import goal_floor
from ._plan import check_target, spread_steps
from ._types import PILLARS, Finding, Kind, Rule, RuleContext, pillar_quads, trusted_finding

__all__ = ["BUILTIN_RULES", "DEFAULT_RULES"]

_EPS: Final = 1e-9
_DROP: Final = 1.0
"""A pillar must move by at least this many points since the last snapshot to be flagged."""
UPKEEP_FROM: Final = 24.0
"""A pillar at or above this gets the short upkeep item, not the growth list (ssi-index's own)."""


_PILLAR_TEXTS: Final = tuple(
    (
        p,
        f"pillar:{p.value}",
        f"pillar.{p.slug}.grow",
        f"pillar.{p.slug}.maintain",
        f"pillar.{p.slug}.upkeep",
    )
    for p in PILLARS
)
"""Per pillar, in LinkedIn's order: the pillar, its key and its grow, maintain and upkeep
entries."""

_FIND, _ENGAGE, _RELATE = (
    PILLARS.index(p)
    for p in (Pillar.FIND_RIGHT_PEOPLE, Pillar.INSIGHT_ENGAGEMENT, Pillar.STRONG_RELATIONSHIP)
)


def pillars(ctx: RuleContext) -> Iterator[Finding]:
    """One grow item per pillar under 24; a short upkeep item from 24, a maintain item at 25."""
    values, gaps = pillar_quads(ctx)
    for (pillar, key, grow, maintain, upkeep), value, gap in zip(
        _PILLAR_TEXTS, values, gaps, strict=True
    ):
        params: tuple[tuple[str, float], ...] = (("score", value), ("gap", gap))
        if gap <= _EPS:
            yield trusted_finding(key, maintain, pillar, Kind.MAINTAIN, 0.0, (("score", value),))
        elif value >= UPKEEP_FROM - _EPS:
            yield trusted_finding(key, upkeep, pillar, Kind.MAINTAIN, gap, params)
        else:
            yield trusted_finding(key, grow, pillar, Kind.GROW, gap, params)


@functools.cache
def _fixed(key: str, pillar: Pillar | None, kind: Kind) -> Finding:
    """A finding without parameters, built once."""
    return Finding(key=key, pillar=pillar, kind=kind)


@functools.cache
def _goal_findings(goal: Goal) -> tuple[tuple[int, Finding], ...]:
    """The goal's extra findings, each with the index of the pillar that must have a gap (or -1)."""
    out: list[tuple[int, Finding]] = []
    for extra in goal.advice:
        kind = Kind(extra.kind)
        needs = PILLARS.index(extra.pillar) if kind is Kind.GROW and extra.pillar else -1
        out.append((needs, _fixed(extra.key, extra.pillar, kind)))
    return tuple(out)


def goal_advice(ctx: RuleContext) -> Iterator[Finding]:
    """The extra advice of the goal, as listed in ``goals.toml``.

    Advice to grow a pillar at 24 or more (upkeep only) is left out, and growth advice
    about the whole score when every pillar is there.
    """
    values = pillar_quads(ctx)[0]
    upkeep_only = min(values) >= UPKEEP_FROM - _EPS
    for needs, finding in _goal_findings(ctx.goal):
        if needs >= 0:
            if values[needs] < UPKEEP_FROM - _EPS:
                yield finding
        elif not (upkeep_only and finding.kind is Kind.GROW):
            yield finding


def floor(ctx: RuleContext) -> Iterator[Finding]:
    """Under the goal's floor (ads: 50, the Russian guide): the score against the floor."""
    under = goal_floor(ctx.goal)
    total = ctx.total
    if under is None or total + _EPS >= under:
        return
    params = (("total", total), ("floor", under), ("missing", round(under - total, 10)))
    yield trusted_finding("floor", None, None, Kind.CAUTION, round(under - total, 10), params)


@functools.cache
def _cautions() -> tuple[Finding, Finding, Finding]:
    return (
        _fixed("caution.mass_invites", Pillar.FIND_RIGHT_PEOPLE, Kind.CAUTION),
        _fixed("caution.mass_reposts", Pillar.INSIGHT_ENGAGEMENT, Kind.CAUTION),
        _fixed("caution.network_size", Pillar.STRONG_RELATIONSHIP, Kind.CAUTION),
    )


def cautions(ctx: RuleContext) -> Iterator[Finding]:
    """Warnings where the sources give them and the advice could lead there."""
    values = pillar_quads(ctx)[0]
    grows = [v < UPKEEP_FROM - _EPS for v in values]
    invites, reposts, network = _cautions()
    many = ctx.invitations is not None and ctx.invitations.many
    if grows[_FIND] or ctx.goal is Goal.ADS or many:
        yield invites
    if grows[_ENGAGE]:
        yield reposts
    if grows[_RELATE]:
        yield network


@functools.lru_cache(maxsize=64)
def _goal_source(texts: Texts, goal: Goal) -> str:
    return texts.sources(texts.entry(f"goal.{goal.value}.target").sources)


_TARGET_TEXTS: Final = {goal: f"goal.{goal.value}.target" for goal in Goal}


def target(ctx: RuleContext) -> Iterator[Finding]:
    """The points missing to the target, with the plan to get there, or "already there"."""
    texts = ctx.texts
    wanted = check_target(ctx.target)
    start = ctx.total
    goal_source = "" if ctx.target_given else _goal_source(texts, ctx.goal)
    params: tuple[tuple[str, float], ...]
    if start + _EPS >= wanted:  # already there (as Plan.already_there)
        params = (("target", ctx.target), ("total", start))
        yield trusted_finding(
            "target", "target.reached", None, Kind.MAINTAIN, 0.0, params, (), goal_source
        )
        return
    missing = round(ctx.target - start, 10)
    values, _gaps = pillar_quads(ctx)
    found = spread_steps(values, start, wanted, ctx.goal)[0]  # the steps of plan()
    steps = tuple(
        texts.phrase("plan_step", pillar=PILLARS[i], add=add, start=now, end=end)
        for i, now, end, add in found
    )
    text = "target.custom" if ctx.target_given else _TARGET_TEXTS[ctx.goal]
    params = (("target", ctx.target), ("total", start), ("missing", missing))
    yield trusted_finding("target", text, None, Kind.GROW, missing, params, steps)


_Band: TypeAlias = tuple[str, str, tuple[str, ...], str]


def _band(texts: Texts, scale: TierScale, index: int) -> _Band:
    """A band's label, meaning, "next band" line and citation, in the locale."""
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


_BANDS: dict[tuple[int, int], tuple[Texts, TierScale, list[_Band | None]]] = {}
"""The bands of a scale in a locale, built on first use, by the ids of both.

Keyed by identity, as hashing a scale hashes each of its tiers in Python; each entry
holds the texts and the scale, so their ids cannot be reused while it exists.
"""
_BANDS_MAX: Final = 256


def _band_of(texts: Texts, scale: TierScale, index: int) -> _Band:
    """:func:`_band`, remembered per locale and scale object."""
    key = (id(texts), id(scale))
    hit = _BANDS.get(key)
    if hit is None:
        hit = (texts, scale, [None] * len(scale.tiers))
        if len(_BANDS) < _BANDS_MAX:
            _BANDS[key] = hit
    bands = hit[2]
    band = bands[index]
    if band is None:
        band = bands[index] = _band(texts, scale, index)
    return band


def tier(ctx: RuleContext) -> Iterator[Finding]:
    """Where the total sits on the scale, and where the next band starts."""
    scale = ctx.scale
    # The index of ctx.tier (TierScale.classify of the total, kept to 0-100).
    total = min(max(ctx.score.overall, 0.0), 100.0)
    last = len(scale.tiers) - 1
    index = 0
    for band in scale.tiers:
        if total < band.upper:
            break
        index += 1
    else:
        index = last
    label, meaning, extra, source = _band_of(ctx.texts, scale, index)
    kind = Kind.MAINTAIN if index == last else Kind.GROW
    params = (("total", ctx.score.overall), ("tier", label), ("meaning", meaning))
    yield trusted_finding("tier", "tier", None, kind, None, params, extra, source)


def comparison(ctx: RuleContext) -> Iterator[Finding]:
    """The member against each group with an average; pillars where the group is ahead."""
    if not ctx.score.groups:
        return
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
    """Pillars that fell or rose since the last different snapshot, or a hint to keep history."""
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
        elif -drop >= _DROP:
            yield Finding(
                key=f"history:{pillar.value}",
                text="history.rise",
                pillar=pillar,
                kind=Kind.MAINTAIN,
                params={"pillar": pillar, "rise": -drop, "day": previous.day.isoformat()},
            )


BUILTIN_RULES: Final[dict[str, Rule]] = {
    "pillars": pillars,
    "floor": floor,
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
