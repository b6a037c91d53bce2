"""The values the rules engine passes around: findings, recommendations and the rule context."""

from __future__ import annotations

import enum
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final, TypeAlias

import attrs

from ssi_index._errors import RuleError
from ssi_index._model import Pillar, Score, to_pillar
from ssi_index._snapshot import Snapshot
from ssi_index._tiers import Tier, TierScale

from ._invitations import InvitationWeek

if TYPE_CHECKING:
    from ._catalog import Texts
    from ._goals import Goal

__all__ = ["Finding", "Kind", "Ranker", "Recommendation", "Rule", "RuleContext"]


class Kind(enum.Enum):
    """What a recommendation asks of the member.

    Attributes:
        GROW: Do something to gain points.
        MAINTAIN: Keep doing what works; nothing to gain here.
        CAUTION: Avoid something that hurts the score or the account.
    """

    GROW = "grow"
    MAINTAIN = "maintain"
    CAUTION = "caution"

    # Members are singletons: hash by identity in C, not through Enum's Python-level hash.
    __hash__ = object.__hash__


def _to_kind(value: object) -> object:
    if isinstance(value, str):
        try:
            return Kind(value)
        except ValueError:
            return value
    return value


def _to_texts(value: object) -> object:
    if type(value) is tuple:
        return value
    if isinstance(value, str):
        return (value,)
    if isinstance(value, Iterable):
        return tuple(value)
    return value


def _to_params(value: object) -> tuple[tuple[str, Any], ...]:
    if type(value) is dict or isinstance(value, Mapping):
        if all(type(k) is str for k in value):
            return tuple(value.items())
    elif type(value) is tuple and all(
        type(p) is tuple and len(p) == 2 and type(p[0]) is str for p in value
    ):
        return value
    raise RuleError(f"params: expected a mapping of names to values, found {value!r}")


def _check(
    key: object, pillar: object, kind: object, points: object, texts: dict[str, object]
) -> None:
    """Check the fields a rule controls; one call per object keeps findings cheap to build."""
    if not isinstance(key, str) or not key.strip():
        raise RuleError(f"key: expected a non-empty text key, found {key!r}")
    if pillar is not None and not isinstance(pillar, Pillar):
        names = ", ".join(p.value for p in Pillar)
        raise RuleError(f"pillar: expected None or one of {names}, found {pillar!r}")
    if not isinstance(kind, Kind):
        raise RuleError(f"kind: expected one of {', '.join(k.value for k in Kind)}, found {kind!r}")
    if points is not None and (
        isinstance(points, bool) or not isinstance(points, int | float) or not math.isfinite(points)
    ):
        raise RuleError(f"points: expected a finite number or None, found {points!r}")
    for name, value in texts.items():
        if type(value) is tuple:
            if not all(isinstance(v, str) for v in value):
                raise RuleError(f"{name}: expected a sequence of texts, found {value!r}")
        elif not isinstance(value, str):
            raise RuleError(f"{name}: expected text, found {type(value).__name__} {value!r}")


@attrs.frozen(kw_only=True)
class Recommendation:
    """One piece of advice, ready to show: what to do, why, what it can add and who says so.

    Attributes:
        key: A stable id, the same in every locale (``"pillar:FIND_RIGHT_PEOPLE"``).
        pillar: The pillar it is about, or ``None`` for advice about the whole score.
        kind: Grow, maintain or caution.
        title: One line, in the asked locale.
        actions: Concrete steps, in the asked locale.
        why: The reason, in the asked locale.
        points: What following it can add to the total, when that is known.
        source: Where the advice comes from (a citation), in the asked locale.
        rank_reason: Why it sits where it does in the list, in the asked locale (set by
            the ranker; empty for a custom ranker that gives none).

    Example:
        >>> from ssi_index import Score, recommend
        >>> first = recommend(Score.from_pillars([13.4, 10.7, 11.1, 25]))[0]
        >>> first.pillar.value, first.kind.value, first.points
        ('FIND_RIGHT_PEOPLE', 'grow', 14.3)
    """

    key: str
    pillar: Pillar | None = attrs.field(converter=to_pillar)
    kind: Kind = attrs.field(converter=_to_kind)
    title: str
    actions: tuple[str, ...] = attrs.field(default=(), converter=_to_texts)
    why: str = ""
    points: float | None = None
    source: str = ""
    rank_reason: str = ""

    def __attrs_post_init__(self) -> None:
        _check(
            self.key,
            self.pillar,
            self.kind,
            self.points,
            {
                "title": self.title,
                "actions": self.actions,
                "why": self.why,
                "source": self.source,
                "rank_reason": self.rank_reason,
            },
        )


@attrs.frozen(kw_only=True)
class Finding:
    """What a rule found, as data: the engine turns it into a :class:`Recommendation`.

    The texts come from the locale's catalog entry :attr:`text` (by default the
    same as :attr:`key`), formatted with :attr:`params`.

    Attributes:
        key: The recommendation's stable id; findings with the same key are deduplicated.
        pillar: The pillar it is about, or ``None`` for the whole score.
        kind: Grow, maintain or caution.
        points: What it can add to the total, when known.
        params: Values for the placeholders of the catalog entry (``{points}``, ...).
        text: The catalog entry to render; ``None`` means :attr:`key`.
        extra_actions: Already-rendered steps appended after the entry's own actions.
        extra_source: An already-rendered citation put before the entry's sources.
    """

    key: str
    pillar: Pillar | None = attrs.field(default=None, converter=to_pillar)
    kind: Kind = attrs.field(default=Kind.GROW, converter=_to_kind)
    points: float | None = None
    params: tuple[tuple[str, Any], ...] = attrs.field(default=(), converter=_to_params)
    text: str | None = None
    extra_actions: tuple[str, ...] = attrs.field(default=(), converter=_to_texts)
    extra_source: str = ""

    def __attrs_post_init__(self) -> None:
        texts: dict[str, object] = {"extra_actions": self.extra_actions}
        if self.extra_source:
            texts["extra_source"] = self.extra_source
        if self.text is not None:
            texts["text"] = self.text
        _check(self.key, self.pillar, self.kind, self.points, texts)

    @property
    def text_key(self) -> str:
        """The catalog entry this finding is rendered from."""
        return self.text if self.text is not None else self.key


_set = object.__setattr__
_new = object.__new__
PILLARS: Final = tuple(Pillar)
"""The four pillars in LinkedIn's order (iterating a tuple is cheaper than the enum)."""

Quad: TypeAlias = tuple[float, float, float, float]
"""One number per pillar, in LinkedIn's order."""


def pillar_values(score: Score) -> Quad:
    """The score's four pillars, in LinkedIn's order (no per-key mapping lookups)."""
    p = score.pillars
    return (p.professional_brand, p.find_right_people, p.insight_engagement, p.strong_relationship)


def gaps(score: Score) -> Quad:
    """Points still on the table per pillar, in LinkedIn's order (like ``PillarScores.gaps``)."""
    return _gaps_of(pillar_values(score))


def _gaps_of(values: Quad) -> Quad:
    a, b, c, d = values
    return (
        max(0.0, round(25.0 - a, 10)),
        max(0.0, round(25.0 - b, 10)),
        max(0.0, round(25.0 - c, 10)),
        max(0.0, round(25.0 - d, 10)),
    )


def trusted_finding(
    key: str,
    text: str | None,
    pillar: Pillar | None,
    kind: Kind,
    points: float | None,
    params: tuple[tuple[str, Any], ...],
    extra_actions: tuple[str, ...] = (),
    extra_source: str = "",
) -> Finding:
    """Build a :class:`Finding` from values the built-in rules already know to be valid.

    Skips the checks of the public constructor, which dominate the cost of a cold
    ``recommend()`` call; only ssi-index's own rules call it.
    """
    finding = _new(Finding)
    put = _set.__get__(finding)
    put("key", key)
    put("pillar", pillar)
    put("kind", kind)
    put("points", points)
    put("params", params)
    put("text", text)
    put("extra_actions", extra_actions)
    put("extra_source", extra_source)
    return finding


def trusted_recommendation(
    key: str,
    pillar: Pillar | None,
    kind: Kind,
    title: str,
    actions: tuple[str, ...],
    why: str,
    points: float | None,
    source: str,
    rank_reason: str = "",
) -> Recommendation:
    """Build a :class:`Recommendation` from a checked finding and checked catalog texts."""
    item = _new(Recommendation)
    put = _set.__get__(item)
    put("key", key)
    put("pillar", pillar)
    put("kind", kind)
    put("title", title)
    put("actions", actions)
    put("why", why)
    put("points", points)
    put("source", source)
    put("rank_reason", rank_reason)
    return item


def with_reason(item: Recommendation, reason: str) -> Recommendation:
    """*item* with :attr:`~Recommendation.rank_reason` set (no re-checking)."""
    return trusted_recommendation(
        item.key,
        item.pillar,
        item.kind,
        item.title,
        item.actions,
        item.why,
        item.points,
        item.source,
        reason,
    )


@attrs.frozen(kw_only=True)
class RuleContext:
    """Everything a rule may look at; built once per :func:`~ssi_index.recommend` call.

    Attributes:
        score: The score to advise on.
        goal: What the member uses LinkedIn for.
        target: The total to aim for (the goal's default unless the caller gave one).
        target_given: Whether the caller gave :attr:`target` (else it is the goal's).
        scale: The tier scale to place the total on.
        texts: The locale's texts: ``ctx.texts.pillar(p)``, ``ctx.texts.number(x)``, ...
        history: Earlier snapshots of the same profile, oldest first (may be empty).
        invitations: The recent week with the most invitations sent, from the
            activities given to :func:`~ssi_index.recommend`, or ``None``.
    """

    score: Score
    goal: Goal
    target: float
    target_given: bool
    scale: TierScale
    texts: Texts
    history: tuple[Snapshot, ...] = ()
    invitations: InvitationWeek | None = None
    # Derived from the score once; the mapping behind ``gaps`` is built on first use.
    _values: Quad = attrs.field(init=False, repr=False, eq=False)
    _gap_values: Quad = attrs.field(init=False, repr=False, eq=False)
    _gaps: Mapping[Pillar, float] | None = attrs.field(
        init=False, default=None, repr=False, eq=False
    )

    def __attrs_post_init__(self) -> None:
        values = pillar_values(self.score)
        _set(self, "_values", values)
        _set(self, "_gap_values", _gaps_of(values))

    def __hash__(self) -> int:
        # Consistent with the generated ``__eq__``: equal scales have equal names, and
        # hashing the name skips hashing every tier of the scale.
        return hash(
            (
                self.score,
                self.goal,
                self.target,
                self.target_given,
                self.scale.name,
                self.texts,
                self.history,
                self.invitations,
            )
        )

    @property
    def total(self) -> float:
        """The sum of the four pillars (what plans and gaps are computed from)."""
        return self.score.pillars.total

    @property
    def gaps(self) -> Mapping[Pillar, float]:
        """Points still on the table per pillar (``25 - value``), computed once."""
        mapping = self._gaps
        if mapping is None:
            mapping = MappingProxyType(dict(zip(PILLARS, self._gap_values, strict=True)))
            _set(self, "_gaps", mapping)
        return mapping

    @property
    def tier(self) -> Tier:
        """The tier of the score's total on :attr:`scale`."""
        return self.scale.classify(min(max(self.score.overall, 0.0), 100.0))


def trusted_context(
    score: Score,
    goal: Goal,
    target: float,
    target_given: bool,
    scale: TierScale,
    texts: Texts,
    history: tuple[Snapshot, ...],
    invitations: InvitationWeek | None = None,
) -> RuleContext:
    """Build a :class:`RuleContext` from arguments :func:`~ssi_index.recommend` has checked."""
    ctx = _new(RuleContext)
    put = _set.__get__(ctx)
    put("score", score)
    put("goal", goal)
    put("target", target)
    put("target_given", target_given)
    put("scale", scale)
    put("texts", texts)
    put("history", history)
    put("invitations", invitations)
    values = pillar_values(score)
    put("_values", values)
    put("_gap_values", _gaps_of(values))
    put("_gaps", None)
    return ctx


def pillar_quads(ctx: RuleContext) -> tuple[Quad, Quad]:
    """The context's pillar values and gaps as tuples in LinkedIn's order (computed once)."""
    return ctx._values, ctx._gap_values


Rule: TypeAlias = Callable[[RuleContext], Iterable[Finding | Recommendation]]
"""A rule: a plain callable that looks at the context and yields findings (or ready advice)."""

Ranker: TypeAlias = Callable[[Sequence[Recommendation], RuleContext], Sequence[Recommendation]]
"""Orders the recommendations, best first; the engine then drops repeated keys."""
