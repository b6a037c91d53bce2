"""The domain model: :class:`Pillar`, :class:`PillarScores`, :class:`GroupScore`, :class:`Score`.

Every value is immutable and validated when it is built, so an invalid score
cannot exist: a pillar outside 0-25, a total outside 0-100, or a total that
disagrees with its pillars raises :class:`~ssi_index.InvalidScoreError`.
"""

from __future__ import annotations

import enum
import html
import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, Final, Self

import attrs

from ._dicts import DictMixin
from ._errors import InvalidScoreError, Phrase
from ._limits import PILLAR_MAX, TOTAL_MAX, TOTAL_TOLERANCE
from ._tiers import DEFAULT_SCALE, Tier

__all__ = [
    "PILLAR_MAX",
    "TOTAL_MAX",
    "TOTAL_TOLERANCE",
    "GroupScore",
    "Pillar",
    "PillarScores",
    "PillarValues",
    "Score",
    "register_html_view",
    "render_html",
]


def register_html_view(kind: str, render: Callable[[Any], str]) -> None:
    """Fill the notebook rendering of *kind* (the hook the views layer fills).

    The core's values (:class:`Score`, the history and recommendation lists, the
    coach's reports) call :func:`render_html` in ``_repr_html_``; :mod:`ssi_index.views`
    registers the renderings, so no core module imports a view.
    """
    _HTML_VIEWS[kind] = render


def render_html(kind: str, value: object) -> str:
    """The HTML of *value* by the view registered for *kind*; escaped text without one."""
    render = _HTML_VIEWS.get(kind)
    if render is None:
        return f"<pre>{html.escape(str(value))}</pre>"
    return render(value)


_HTML_VIEWS: Final[dict[str, Callable[[Any], str]]] = {}
"""The notebook renderings by kind (``"score"``, ``"history"`` ...), filled by the views
layer (:mod:`ssi_index.views`) when ``ssi_index`` is imported; the core never imports it."""
_EPS: Final = 1e-4
"""Float32 noise allowed at the bounds (LinkedIn sends ``25.000002``-like values)."""


class Pillar(enum.Enum):
    """One of the four parts of the SSI, each worth 0-25 points.

    The values are LinkedIn's own names, in LinkedIn's order::

        >>> Pillar.FIND_RIGHT_PEOPLE.value
        'FIND_RIGHT_PEOPLE'
        >>> Pillar.FIND_RIGHT_PEOPLE.label
        'Find the right people'
    """

    PROFESSIONAL_BRAND = "PROFESSIONAL_BRAND"
    FIND_RIGHT_PEOPLE = "FIND_RIGHT_PEOPLE"
    INSIGHT_ENGAGEMENT = "INSIGHT_ENGAGEMENT"
    STRONG_RELATIONSHIP = "STRONG_RELATIONSHIP"

    @property
    def label(self) -> str:
        """LinkedIn's English name of the pillar, as the SSI page shows it."""
        return _LABELS[self]

    @property
    def max(self) -> float:
        """The most points this pillar can give (25)."""
        return PILLAR_MAX

    @property
    def slug(self) -> str:
        """A short lower-case key, handy for columns and attributes (``find_right_people``)."""
        return self.name.lower()


_LABELS: Final = {
    Pillar.PROFESSIONAL_BRAND: "Establish your professional brand",
    Pillar.FIND_RIGHT_PEOPLE: "Find the right people",
    Pillar.INSIGHT_ENGAGEMENT: "Engage with insights",
    Pillar.STRONG_RELATIONSHIP: "Build relationships",
}
_PILLARS: Final = tuple(Pillar)
_INDEX_NAMES: Final = tuple(p.value for p in _PILLARS)
_INDEX: Final[dict[object, int]] = {
    **{p: i for i, p in enumerate(_PILLARS)},
    **{p.value: i for i, p in enumerate(_PILLARS)},
}


def _number(value: object, what: str, low: float, high: float) -> float:
    """Return *value* as a float in ``[low, high]`` or raise InvalidScoreError."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidScoreError(
            f"{what}: expected a number, found {type(value).__name__} {value!r}",
            key="score.not_number",
            params={"what": what, "found": f"{type(value).__name__} {value!r}"},
        )
    number = float(value)
    if not math.isfinite(number):
        raise InvalidScoreError(
            f"{what}: expected a finite number, found {value!r}",
            key="json.not_finite",
            params={"where": what, "found": repr(value)},
        )
    if not low - _EPS <= number <= high + _EPS:
        raise InvalidScoreError(
            f"{what}: expected {low:g} to {high:g}, found {value!r}",
            key="score.out_of_range",
            params={"what": what, "low": f"{low:g}", "high": f"{high:g}", "found": repr(value)},
        )
    return number


def _pillar_key(key: object) -> Pillar:
    if isinstance(key, Pillar):
        return key
    if isinstance(key, str):
        try:
            return Pillar(key)
        except ValueError:
            pass
    names = ", ".join(p.value for p in Pillar)
    raise InvalidScoreError(
        f"expected a pillar ({names}), found {key!r}",
        key="score.unknown_pillar",
        params={"names": names, "found": repr(key)},
    )


def to_pillar(value: object) -> object:
    """Attrs converter: LinkedIn's pillar name to a :class:`Pillar`; anything else as given.

    Leaves unknown values alone so the field's validator can say what was found.
    """
    if isinstance(value, str):
        try:
            return Pillar(value)
        except ValueError:
            return value
    return value


class PillarValues(Mapping[Pillar, float]):
    """Base of the immutable, hashable per-pillar mappings (:class:`PillarScores`, deltas ...).

    Holds one number per pillar in LinkedIn's order; keys are :class:`Pillar`
    members or LinkedIn's names. Subclasses decide what numbers they accept.
    """

    __slots__ = ("_values",)
    _values: tuple[float, float, float, float]

    def __getitem__(self, key: Pillar | str) -> float:
        index = _INDEX.get(key)
        if index is None:
            # KeyError, as the Mapping protocol requires (``in`` and ``.get`` rely on it).
            raise KeyError(f"expected a Pillar or one of {', '.join(_INDEX_NAMES)}, found {key!r}")
        return self._values[index]

    def __iter__(self) -> Iterator[Pillar]:
        return iter(_PILLARS)

    def __len__(self) -> int:
        return len(_PILLARS)

    def __hash__(self) -> int:
        return hash(self._values)

    def __eq__(self, other: object) -> bool:
        if type(other) is type(self):
            return self._values == other._values
        return super().__eq__(other)

    def __repr__(self) -> str:
        inner = ", ".join(f"{p.slug}={v!r}" for p, v in zip(_PILLARS, self._values, strict=True))
        return f"{type(self).__name__}({inner})"

    def __reduce__(self) -> tuple[type[Self], tuple[tuple[float, ...]]]:
        return (type(self), (self._values,))

    @property
    def professional_brand(self) -> float:
        """The value for establishing a professional brand."""
        return self._values[0]

    @property
    def find_right_people(self) -> float:
        """The value for finding the right people."""
        return self._values[1]

    @property
    def insight_engagement(self) -> float:
        """The value for engaging with insights."""
        return self._values[2]

    @property
    def strong_relationship(self) -> float:
        """The value for building relationships."""
        return self._values[3]

    def to_dict(self) -> dict[str, float]:
        """Return ``{"PROFESSIONAL_BRAND": 13.4, ...}``, LinkedIn's names as keys."""
        return {p.value: v for p, v in zip(_PILLARS, self._values, strict=True)}


class PillarScores(PillarValues):
    """An immutable, hashable mapping of all four pillars to their points (0-25 each).

    Iterates in LinkedIn's order. Build it from a mapping keyed by :class:`Pillar`
    (or by LinkedIn's pillar names), or from four numbers in LinkedIn's order::

        >>> p = PillarScores([13.4, 10.7, 11.1, 25])
        >>> p[Pillar.FIND_RIGHT_PEOPLE], p.find_right_people
        (10.7, 10.7)
    """

    __slots__ = ()

    def __init__(
        self, values: Mapping[Pillar, float] | Mapping[str, float] | Sequence[float]
    ) -> None:
        if isinstance(values, PillarScores):
            self._values = values._values
            return
        if isinstance(values, Mapping):
            by_pillar: dict[Pillar, object] = {}
            for key, value in values.items():
                by_pillar[_pillar_key(key)] = value
            missing = [p.value for p in _PILLARS if p not in by_pillar]
            if missing:
                raise InvalidScoreError(
                    f"expected all four pillars, found {len(by_pillar)}; "
                    f"missing: {', '.join(missing)}",
                    key="score.missing_pillars",
                    params={"n": len(by_pillar), "missing": tuple(missing)},
                )
            raw: Sequence[object] = [by_pillar[p] for p in _PILLARS]
        elif isinstance(values, Sequence) and not isinstance(values, str | bytes):
            if len(values) != len(_PILLARS):
                raise InvalidScoreError(
                    f"expected four pillar scores in LinkedIn's order, found {len(values)}",
                    key="score.four_values",
                    params={"found": len(values)},
                )
            raw = values
        else:
            raise InvalidScoreError(
                "expected a mapping of pillars to points or four numbers, "
                f"found {type(values).__name__}"
            )
        a, b, c, d = (
            _number(v, f"pillar {p.value}", 0.0, PILLAR_MAX)
            for p, v in zip(_PILLARS, raw, strict=True)
        )
        self._values = (a, b, c, d)

    @property
    def total(self) -> float:
        """The sum of the four pillars, without binary noise (``60.2``, not ``60.199...``)."""
        return round(math.fsum(self._values), 10)

    def gaps(self) -> dict[Pillar, float]:
        """Points still on the table per pillar (``25 - value``, never below 0)."""
        return {
            p: max(0.0, round(PILLAR_MAX - v, 10))
            for p, v in zip(_PILLARS, self._values, strict=True)
        }


def _to_pillars(value: object) -> PillarScores:
    if isinstance(value, PillarScores):
        return value
    return PillarScores(value)  # type: ignore[arg-type]


def _to_optional_pillars(value: object) -> PillarScores | None:
    return None if value is None else _to_pillars(value)


def _optional_number(low: float, high: float) -> Any:
    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            _number(value, attribute.name, low, high)

    return check


def _optional_int(low: int, high: int | None) -> Any:
    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None:
            return
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidScoreError(
                f"{attribute.name}: expected a whole number, found {type(value).__name__} {value!r}"
            )
        if value < low or (high is not None and value > high):
            bound = f"{low} to {high}" if high is not None else f"{low} or more"
            raise InvalidScoreError(f"{attribute.name}: expected {bound}, found {value!r}")

    return check


def _optional_str(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, str):
        raise InvalidScoreError(
            f"{attribute.name}: expected text, found {type(value).__name__} {value!r}"
        )


def _float_or_none(value: object) -> object:
    return float(value) if isinstance(value, int) and not isinstance(value, bool) else value


@attrs.frozen(kw_only=True)
class GroupScore(DictMixin):
    """How a comparison group (industry, network, team ...) scores.

    Every field may be ``None`` when the source lacks it; missing data stays missing.

    Attributes:
        kind: LinkedIn's own ``groupType``, kept as sent: ``"INDUSTRY"``,
            ``"NETWORK"``, ``"TEAM"`` or any other.
        rank: The member's rank in the group as "top N %" (lower is better).
        average: The group's average SSI (0-100).
        size: How many people the group has.
        name: The group's name, e.g. the industry's.
        pillars: The group's average per pillar, when LinkedIn sends them.
    """

    kind: str | None = attrs.field(default=None, validator=_optional_str)
    rank: int | None = attrs.field(default=None, validator=_optional_int(0, 100))
    average: float | None = attrs.field(
        default=None, converter=_float_or_none, validator=_optional_number(0.0, TOTAL_MAX)
    )
    size: int | None = attrs.field(default=None, validator=_optional_int(0, None))
    name: str | None = attrs.field(default=None, validator=_optional_str)
    pillars: PillarScores | None = attrs.field(default=None, converter=_to_optional_pillars)


def _check_overall(instance: Score, attribute: attrs.Attribute[Any], value: object) -> None:
    _number(value, "overall", 0.0, TOTAL_MAX)


def _check_groups(
    instance: Score, attribute: attrs.Attribute[Any], value: tuple[object, ...]
) -> None:
    for i, group in enumerate(value):
        if not isinstance(group, GroupScore):
            raise InvalidScoreError(
                f"groups[{i}]: expected a GroupScore, found {type(group).__name__}"
            )


def _check_active_seat(instance: Score, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, bool):
        raise InvalidScoreError(
            f"active_seat: expected true, false or None, found {type(value).__name__} {value!r}"
        )


def _to_groups(value: object) -> tuple[object, ...]:
    if isinstance(value, tuple):
        return value
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Sequence):
        raise InvalidScoreError(
            f"groups: expected a sequence of GroupScore, found {type(value).__name__}"
        )
    return tuple(value)


@attrs.frozen(kw_only=True)
class Score(DictMixin):
    """One member's Social Selling Index on one day.

    Validated when built: each pillar 0-25, the total 0-100, and the total
    within one point of the sum of the pillars (LinkedIn's float32 noise and
    rounded totals pass; real disagreement does not).

    Attributes:
        overall: The total, 0-100.
        pillars: All four pillars, 0-25 each.
        groups: Every comparison group LinkedIn sent, in its order.
        active_seat: Whether the member holds a Sales Navigator seat; ``None`` if unknown.

    Example:
        >>> s = Score.from_pillars([13.4, 10.7, 11.1, 25])
        >>> s.overall, s.tier.name
        (60.2, 'base')
    """

    overall: float = attrs.field(converter=_float_or_none, validator=_check_overall)
    pillars: PillarScores = attrs.field(converter=_to_pillars)
    groups: tuple[GroupScore, ...] = attrs.field(
        default=(), converter=_to_groups, validator=_check_groups
    )
    active_seat: bool | None = attrs.field(default=None, validator=_check_active_seat)

    def __attrs_post_init__(self) -> None:
        total = self.pillars.total
        if abs(self.overall - total) > TOTAL_TOLERANCE + _EPS:
            raise InvalidScoreError(
                f"overall: expected the sum of the pillars ({total:g}) within "
                f"{TOTAL_TOLERANCE:g} point, found {self.overall:g}",
                key="json.sum_mismatch",
                params={
                    "where": "overall",
                    "total": f"{total:g}",
                    "tolerance": Phrase("json.points", TOTAL_TOLERANCE),
                    "found": f"{self.overall:g}",
                },
            )

    @classmethod
    def from_pillars(
        cls,
        pillars: Mapping[Pillar, float] | Mapping[str, float] | Sequence[float],
        *,
        groups: Sequence[GroupScore] = (),
        active_seat: bool | None = None,
    ) -> Self:
        """Build a score from its four pillars; the total is their sum.

        Args:
            pillars: A mapping keyed by :class:`Pillar` (or LinkedIn's names), or
                four numbers in LinkedIn's order.
            groups: Comparison groups, if any.
            active_seat: Whether the member holds a Sales Navigator seat.

        Raises:
            InvalidScoreError: a pillar is missing, not a number, or outside 0-25.
        """
        scores = PillarScores(pillars)
        return cls(
            overall=scores.total, pillars=scores, groups=tuple(groups), active_seat=active_seat
        )

    def group(self, kind: str) -> GroupScore | None:
        """Return the first comparison group of this ``groupType``, or ``None``."""
        for group in self.groups:
            if group.kind == kind:
                return group
        return None

    @property
    def industry(self) -> GroupScore | None:
        """The member's industry group (rank, average, size, name), or ``None``."""
        return self.group("INDUSTRY")

    @property
    def network(self) -> GroupScore | None:
        """The member's network group (rank, average, size), or ``None``."""
        return self.group("NETWORK")

    @property
    def tier(self) -> Tier:
        """The tier of :attr:`overall` on the default scale (:data:`~ssi_index.DEFAULT_SCALE`)."""
        return DEFAULT_SCALE.classify(self.overall)

    def _repr_html_(self) -> str:
        """Show the score as an HTML card in Jupyter and other notebook front ends."""
        return render_html("score", self)
