"""Tiers: named bands of the 0-100 total, grouped into citable scales.

A :class:`TierScale` is validated when built: its bands are in order, start at 0,
end at 100, and each starts where the previous one ends, so every total falls in
exactly one band.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Sequence
from typing import Any, Final

import attrs

from ._dicts import DictMixin
from ._errors import InvalidScaleError, InvalidScoreError
from ._limits import TOTAL_MAX

__all__ = [
    "DEFAULT_SCALE",
    "HEBREW_GUIDE_SCALE",
    "LINKEDIN_2014_SCALE",
    "RUSSIAN_GUIDE_SCALE",
    "Tier",
    "TierScale",
]


def _bound(instance: Tier, attribute: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InvalidScaleError(f"tier {attribute.name}: expected a finite number, found {value!r}")
    if not 0 <= value <= TOTAL_MAX:
        raise InvalidScaleError(f"tier {attribute.name}: expected 0 to 100, found {value!r}")


def _text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InvalidScaleError(f"{attribute.name}: expected non-empty text, found {value!r}")


@attrs.frozen(kw_only=True)
class Tier(DictMixin):
    """One band of the total on a tier scale.

    Attributes:
        name: A short stable key, e.g. ``"base"``.
        lower: The lowest total in the band (inclusive).
        upper: The end of the band (exclusive), except that the top band includes 100.
        meaning: What a total in this band means, in a sentence.
    """

    name: str = attrs.field(validator=_text)
    lower: float = attrs.field(converter=float, validator=_bound)
    upper: float = attrs.field(converter=float, validator=_bound)
    meaning: str = attrs.field(validator=_text)

    def __attrs_post_init__(self) -> None:
        if self.upper <= self.lower:
            raise InvalidScaleError(
                f"tier {self.name!r}: expected lower < upper, "
                f"found {self.lower:g} and {self.upper:g}"
            )

    def __contains__(self, total: float) -> bool:
        return self.lower <= total < self.upper or (self.upper == TOTAL_MAX and total == TOTAL_MAX)


def _tiers(instance: TierScale, attribute: attrs.Attribute[Any], value: tuple[Tier, ...]) -> None:
    if not value:
        raise InvalidScaleError(f"scale {instance.name!r}: expected at least one tier, found none")
    for i, tier in enumerate(value):
        if not isinstance(tier, Tier):
            raise InvalidScaleError(
                f"scale {instance.name!r}: tiers[{i}]: expected a Tier, found {type(tier).__name__}"
            )
    if value[0].lower != 0:
        raise InvalidScaleError(
            f"scale {instance.name!r}: expected the first tier to start at 0, "
            f"found {value[0].name!r} starting at {value[0].lower:g}"
        )
    for prev, nxt in itertools.pairwise(value):
        if nxt.lower > prev.upper:
            raise InvalidScaleError(
                f"scale {instance.name!r}: gap between {prev.name!r} (ends {prev.upper:g}) "
                f"and {nxt.name!r} (starts {nxt.lower:g})"
            )
        if nxt.lower < prev.upper:
            raise InvalidScaleError(
                f"scale {instance.name!r}: {prev.name!r} (ends {prev.upper:g}) overlaps "
                f"{nxt.name!r} (starts {nxt.lower:g}); bands must be in order, each starting "
                "where the previous ends"
            )
    if value[-1].upper != TOTAL_MAX:
        raise InvalidScaleError(
            f"scale {instance.name!r}: expected the last tier to end at 100, "
            f"found {value[-1].name!r} ending at {value[-1].upper:g}"
        )
    names = [t.name for t in value]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise InvalidScaleError(f"scale {instance.name!r}: tier names repeat: {', '.join(dupes)}")


def _to_tiers(value: Sequence[Tier]) -> tuple[Tier, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class TierScale(DictMixin):
    """An ordered set of tiers that covers 0-100 with no gaps or overlaps.

    Attributes:
        name: A short stable key, e.g. ``"hebrew-guide"``.
        source: Where the bands come from (a citation).
        tiers: The bands, lowest first.

    Example:
        >>> DEFAULT_SCALE.classify(72).name
        'working'
    """

    name: str = attrs.field(validator=_text)
    source: str = attrs.field(validator=_text)
    tiers: tuple[Tier, ...] = attrs.field(converter=_to_tiers, validator=_tiers)

    def classify(self, total: float) -> Tier:
        """Return the tier that *total* (0-100) falls in.

        Raises:
            InvalidScoreError: *total* is not a number from 0 to 100.
        """
        if (
            isinstance(total, bool)
            or not isinstance(total, int | float)
            or not 0 <= total <= TOTAL_MAX
        ):
            raise InvalidScoreError(
                f"expected a total from 0 to 100, found {total!r}",
                key="score.bad_total",
                params={"found": repr(total)},
            )
        for tier in self.tiers:
            if total < tier.upper:
                return tier
        return self.tiers[-1]

    def __iter__(self) -> Iterator[Tier]:
        return iter(self.tiers)

    def __len__(self) -> int:
        return len(self.tiers)

    def __getitem__(self, name: str) -> Tier:
        """Return the tier called *name*."""
        for tier in self.tiers:
            if tier.name == name:
                return tier
        raise InvalidScaleError(
            f"scale {self.name!r}: expected one of {', '.join(t.name for t in self.tiers)}, "
            f"found {name!r}",
            key="tiers.unknown_tier",
            params={
                "scale": self.name,
                "names": tuple(t.name for t in self.tiers),
                "found": repr(name),
            },
        )


HEBREW_GUIDE_SCALE: Final = TierScale(
    name="hebrew-guide",
    source=(
        "An Israeli LinkedIn agency's guide to the SSI (Hebrew, seeds/000): 60-70 a good base "
        "of regular activity, 70-80 LinkedIn starts working for you, 80+ real expertise; "
        "aim for 70+ if you sell through LinkedIn."
    ),
    tiers=(
        Tier(
            name="below-base",
            lower=0,
            upper=60,
            meaning="Activity is not yet regular enough to form a base; every pillar can grow.",
        ),
        Tier(
            name="base",
            lower=60,
            upper=70,
            meaning="A good base that shows regular, steady activity.",
        ),
        Tier(
            name="working",
            lower=70,
            upper=80,
            meaning="LinkedIn starts to work for you: the level to aim for when you sell there.",
        ),
        Tier(
            name="expert",
            lower=80,
            upper=100,
            meaning="Real expertise: a profile and habits that stand out.",
        ),
    ),
)
"""The Hebrew guide's scale (below 60, 60-70, 70-80, 80+)."""

RUSSIAN_GUIDE_SCALE: Final = TierScale(
    name="russian-guide",
    source=(
        "A Russian media-buying blog on LinkedIn ads and the SSI (ZorbasMedia, seeds/002): "
        "55-70 is the optimal range; keep the index at 50 or more, since a high SSI shields an "
        "account that invites and messages a lot from spam restrictions."
    ),
    tiers=(
        Tier(
            name="at-risk",
            lower=0,
            upper=50,
            meaning="Below the floor of 50: an active account is exposed to spam restrictions.",
        ),
        Tier(
            name="safe",
            lower=50,
            upper=55,
            meaning="At or above the floor of 50, not yet in the optimal range.",
        ),
        Tier(
            name="optimal",
            lower=55,
            upper=70,
            meaning="The optimal range for an account that advertises and reaches out.",
        ),
        Tier(
            name="above-optimal",
            lower=70,
            upper=100,
            meaning="Above the optimal range: the account is well protected and well promoted.",
        ),
    ),
)
"""The Russian guide's scale (below 50 at risk, 50-55, 55-70 optimal, above 70)."""

LINKEDIN_2014_SCALE: Final = TierScale(
    name="linkedin-2014",
    source=(
        "LinkedIn, Social Selling & Sales Performance Study, October 2014 (as shown in LinkedIn's "
        "'The Science of Social Selling' and 'Social Selling Index explained' decks): SSI leaders "
        "score above 70, laggards below 30."
    ),
    tiers=(
        Tier(
            name="low",
            lower=0,
            upper=30,
            meaning="Low SSI: the laggards of LinkedIn's 2014 study.",
        ),
        Tier(
            name="middle",
            lower=30,
            upper=70,
            meaning="Between LinkedIn's laggards and leaders.",
        ),
        Tier(
            name="high",
            lower=70,
            upper=100,
            meaning="High SSI: the leaders of LinkedIn's 2014 study.",
        ),
    ),
)
"""LinkedIn's own 2014 split (low under 30, high from 70, the middle between)."""

DEFAULT_SCALE: Final = HEBREW_GUIDE_SCALE
"""The scale :attr:`Score.tier <ssi_index.Score.tier>` uses: :data:`HEBREW_GUIDE_SCALE`."""
