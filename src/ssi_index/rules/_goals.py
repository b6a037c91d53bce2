"""Goals: what a member uses LinkedIn for, and the defaults each goal brings.

The per-goal data (default target, tier scale, extra advice keys) lives in
``data/goals.toml``, read once on first use.
"""

from __future__ import annotations

import enum
import functools
from importlib import resources
from typing import Any, Final

import attrs

from ssi_index._errors import RuleError
from ssi_index._model import Pillar
from ssi_index._tiers import HEBREW_GUIDE_SCALE, LINKEDIN_2014_SCALE, RUSSIAN_GUIDE_SCALE, TierScale

__all__ = ["SCALES", "SCALE_SOURCES", "Extra", "Goal", "GoalProfile", "to_goal"]

SCALES: Final[dict[str, TierScale]] = {
    scale.name: scale for scale in (HEBREW_GUIDE_SCALE, RUSSIAN_GUIDE_SCALE, LINKEDIN_2014_SCALE)
}
"""The built-in tier scales by name; ``goals.toml`` refers to them by these names."""

SCALE_SOURCES: Final[dict[str, str]] = {
    "hebrew-guide": "hebrew_guide",
    "russian-guide": "russian_guide",
    "linkedin-2014": "linkedin_2014",
}
"""The catalog source id that cites each built-in scale."""


class Goal(enum.Enum):
    """What the member uses LinkedIn for; it sets the default target, scale and extra advice.

    Attributes:
        SALES: Selling through LinkedIn: aim for 70+ (the Hebrew guide).
        ADS: Advertising and outreach from the account: keep 50+, 55-70 is optimal
            (the Russian guide).
        JOB_SEARCH: Looking for a job: dream-company experts and company pages
            (the Russian guide); the target of 60 is ssi-index's own choice.
        BRAND: Building a name as an expert; the target of 80 (the Hebrew guide's
            "real expertise" band) is ssi-index's own choice.

    Example:
        >>> Goal("ads").default_target, Goal.ADS.scale.name
        (55.0, 'russian-guide')
    """

    SALES = "sales"
    ADS = "ads"
    JOB_SEARCH = "job_search"
    BRAND = "brand"

    # Members are singletons: hash by identity in C, not through Enum's Python-level hash
    # (goals key the per-goal caches on every recommend() call).
    __hash__ = object.__hash__

    @property
    def default_target(self) -> float:
        """The total this goal aims for when no target is given."""
        return _profiles()[self].target

    @property
    def scale(self) -> TierScale:
        """The tier scale this goal reads the total on."""
        return _profiles()[self].scale

    @property
    def advice(self) -> tuple[Extra, ...]:
        """The extra advice meant for this goal, in ``goals.toml``'s order."""
        return _profiles()[self].advice


@attrs.frozen(kw_only=True)
class Extra:
    """One extra piece of advice a goal adds: a catalog key, its pillar and kind.

    Attributes:
        key: The catalog entry (and the recommendation's key).
        pillar: The pillar it belongs to, or ``None`` for the whole score.
        kind: ``"grow"``, ``"maintain"`` or ``"caution"``.
    """

    key: str
    pillar: Pillar | None
    kind: str


@attrs.frozen(kw_only=True)
class GoalProfile:
    """One goal's defaults, as read from ``goals.toml``.

    Attributes:
        target: The default target total.
        scale: The tier scale.
        advice: Extra advice for this goal.
    """

    target: float
    scale: TierScale
    advice: tuple[Extra, ...]


def _extra(where: str, raw: object) -> Extra:
    if not isinstance(raw, dict) or not isinstance(raw.get("key"), str):
        raise RuleError(f"{where}: expected a table with a text 'key', found {raw!r}")
    pillar, kind = raw.get("pillar"), raw.get("kind", "grow")
    if kind not in ("grow", "maintain", "caution"):
        raise RuleError(f"{where}.kind: expected grow, maintain or caution, found {kind!r}")
    try:
        found = None if pillar is None else Pillar(pillar)
    except ValueError as err:
        names = ", ".join(p.value for p in Pillar)
        raise RuleError(f"{where}.pillar: expected one of {names}, found {pillar!r}") from err
    return Extra(key=raw["key"], pillar=found, kind=kind)


def _profile(name: str, raw: object) -> GoalProfile:
    where = f"goals.toml: [{name}]"
    if not isinstance(raw, dict):
        raise RuleError(f"{where}: expected a table, found {raw!r}")
    target, scale, advice = raw.get("target"), raw.get("scale"), raw.get("advice", [])
    if isinstance(target, bool) or not isinstance(target, int | float) or not 0 <= target <= 100:
        raise RuleError(f"{where}.target: expected a number from 0 to 100, found {target!r}")
    if scale not in SCALES:
        raise RuleError(f"{where}.scale: expected one of {', '.join(SCALES)}, found {scale!r}")
    if not isinstance(advice, list):
        raise RuleError(f"{where}.advice: expected a list of tables, found {advice!r}")
    extras = tuple(_extra(f"{where}.advice[{i}]", a) for i, a in enumerate(advice))
    return GoalProfile(target=float(target), scale=SCALES[scale], advice=extras)


@functools.cache
def _profiles() -> dict[Goal, GoalProfile]:
    import tomllib

    text = resources.files("ssi_index.rules").joinpath("data", "goals.toml").read_text("utf-8")
    data: dict[str, Any] = tomllib.loads(text)
    missing = [g.value for g in Goal if g.value not in data]
    if missing:
        raise RuleError(f"goals.toml: expected a table for every goal, found none for {missing}")
    return {goal: _profile(goal.value, data[goal.value]) for goal in Goal}


def to_goal(value: object) -> Goal:
    """Return *value* as a :class:`Goal`: ``None`` means :attr:`Goal.SALES`.

    Raises:
        RuleError: *value* is neither a Goal nor one of their names.
    """
    if value is None:
        return Goal.SALES
    if isinstance(value, Goal):
        return value
    if isinstance(value, str):
        try:
            return Goal(value.strip().lower())
        except ValueError:
            pass
    names = ", ".join(g.value for g in Goal)
    raise RuleError(
        f"goal: expected one of {names}, found {value!r}",
        key="config.bad_choice",
        params={"setting": "goal", "choices": tuple(g.value for g in Goal), "found": repr(value)},
    )
