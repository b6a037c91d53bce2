"""This week's focus: one to three concrete actions, each with a number and a cadence."""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Iterable
from importlib import resources
from typing import Any, Final, Literal

import attrs

from ssi_index._activity import Activity, ActivityKind
from ssi_index._errors import InvalidScoreError, RuleError
from ssi_index._i18n import message, normalize_locale, plural
from ssi_index._model import Pillar, Score, render_html
from ssi_index._snapshot import Snapshot

from ._catalog import texts as catalog_texts
from ._goals import Goal, to_goal
from ._pace import default_pace, goal_floor
from ._pace_basis import PaceBasis
from ._roadmap import Milestone, Roadmap, check_history, recent_rise, roadmap

__all__ = ["Focus", "FocusAction", "focus"]

_EPS: Final = 1e-9
ActionKind = Literal["profile", "posts", "invites", "comments", "conversations"]
_ACTIONS: Final[dict[Pillar, tuple[str, ...]]] = {
    Pillar.PROFESSIONAL_BRAND: ("profile", "posts"),
    Pillar.FIND_RIGHT_PEOPLE: ("invites",),
    Pillar.INSIGHT_ENGAGEMENT: ("comments",),
    Pillar.STRONG_RELATIONSHIP: ("conversations",),
}
_KINDS: Final[dict[str, ActivityKind]] = {
    "posts": ActivityKind.POST,
    "invites": ActivityKind.INVITATION_SENT,
    "comments": ActivityKind.COMMENT,
    "conversations": ActivityKind.MESSAGE_SENT,
}
"""The activity each action counts (for quantities from the user's own weeks)."""


@functools.cache
def _data() -> dict[str, Any]:
    import tomllib

    text = resources.files("ssi_index.rules").joinpath("data", "focus.toml").read_text("utf-8")
    data: dict[str, Any] = tomllib.loads(text)
    for pillar, kinds in _ACTIONS.items():
        for kind in kinds:
            entry = data.get(pillar.value, {}).get(kind)
            if not isinstance(entry, dict) or not all(
                isinstance(entry.get(k), int | float) for k in ("per_point", "low", "high", "step")
            ):
                raise RuleError(
                    f"focus.toml: [{pillar.value}.{kind}]: expected per_point, low, high and "
                    f"step numbers, found {entry!r}"
                )
    if not isinstance(data.get("limits"), dict):
        raise RuleError(f"focus.toml: expected a table [limits], found {data.get('limits')!r}")
    return data


@attrs.frozen(kw_only=True)
class FocusAction:
    """One action for the week, with its number and cadence.

    Attributes:
        pillar: The pillar it moves.
        kind: ``"profile"``, ``"posts"``, ``"invites"``, ``"comments"`` or
            ``"conversations"``.
        quantity: How many (sections, posts, invitations, comments, people).
        per: ``"week"`` or ``"day"`` (then on :attr:`days` days of the week).
        days: Days of the week for a daily action, else ``None``.
        gain: The points the roadmap plans for the pillar this week.
        text: The action in the asked locale ("Send 10 personal invitations this week").
        source: Who advises the action, and whether the number is ssi-index's own
            estimate or the user's own typical week ("from your last 20 weeks").
        own: Whether the quantity comes from the user's own weeks of activity.
    """

    pillar: Pillar
    kind: str
    quantity: int
    per: str
    days: int | None
    gain: float
    text: str
    source: str
    own: bool = False

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data."""
        return {
            "own": self.own,
            "pillar": self.pillar.value,
            "kind": self.kind,
            "quantity": self.quantity,
            "per": self.per,
            "days": self.days,
            "gain": round(self.gain, 2),
            "text": self.text,
            "source": self.source,
        }


@attrs.frozen(kw_only=True)
class Focus:
    """This week's one to three actions, drawn from the roadmap's next milestone.

    Attributes:
        actions: The actions, most useful first; empty when the target is reached and
            nothing is left to push.
        milestone: The milestone the actions aim at, or ``None``.
        locale: The language of the texts.
        note: One line when there are no actions (else empty).
        pace_basis: Where the roadmap's pace came from (the user's activity, history
            or ssi-index's estimate).

    Example:
        >>> from ssi_index import Score, focus
        >>> f = focus(Score.from_pillars([13.4, 10.7, 11.1, 25]))
        >>> [a.kind for a in f.actions]
        ['invites', 'comments', 'posts']
        >>> f.actions[0].text
        'Send 10 personal invitations this week, each with a note'
    """

    actions: tuple[FocusAction, ...]
    milestone: Milestone | None
    locale: str = "en"
    note: str = ""
    pace_basis: PaceBasis = attrs.field(factory=PaceBasis)

    def to_text(self, locale: str | None = None) -> str:
        """The focus as plain text lines in *locale* (default: :attr:`locale`)."""
        from ._coach_text import focus_text

        return focus_text(self, self.locale if locale is None else normalize_locale(locale))

    def __str__(self) -> str:
        return self.to_text()

    def _repr_html_(self) -> str:
        return render_html("focus", self)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data."""
        return {
            "actions": [a.to_dict() for a in self.actions],
            "milestone": None if self.milestone is None else self.milestone.to_dict(),
            "note": self.note,
            "pace_basis": self.pace_basis.to_dict(self.locale),
        }


def _own_weekly(plan: Roadmap, pillar: Pillar, kind: str, gain: float) -> float | None:
    """The weekly count of *kind* the user's own pace plans for *gain*, or ``None``.

    Only where the pillar's pace comes from the user's activity and *kind* has a
    confident, positive effect on it: the user's median week, scaled down when the
    roadmap plans less than that week goes with (near 25 or the target).
    """
    from ssi_index.activity._pace import ActivityPace

    model = plan.pace
    wanted = _KINDS.get(kind)
    if not isinstance(model, ActivityPace) or wanted is None:
        return None
    found = model.effects.points_per_unit(pillar).get(wanted)
    effect = next((e for e in model.effects.for_pillar(pillar) if e.kind is wanted), None)
    if found is None or effect is None or found[0] <= 0 or effect.median_weekly <= 0:
        return None
    counts = {e.kind: e.median_weekly for e in model.effects.effects}
    full = model.effects.expected_weekly_change(pillar, counts)
    if full is None or full[0] <= _EPS:
        return None
    return effect.median_weekly * min(1.0, gain / full[0])


def _quantity(entry: dict[str, Any], gain: float) -> int:
    step = max(1, int(entry["step"]))
    raw = float(entry["per_point"]) * gain
    rounded = math.floor(raw / step + 0.5) * step
    return int(min(max(rounded, int(entry["low"])), int(entry["high"])))


def _action(
    pillar: Pillar,
    value: float,
    gain: float,
    locale: str,
    *,
    calm_invites: bool,
    plan: Roadmap | None = None,
) -> FocusAction:
    data = _data()
    kinds = _ACTIONS[pillar]
    kind = kinds[0]
    if pillar is Pillar.PROFESSIONAL_BRAND and value >= default_pace().quick_win_below:
        kind = "posts"
    entry = data[pillar.value][kind]
    days = int(entry["days"]) if "days" in entry else None
    weekly = None if plan is None else _own_weekly(plan, pillar, kind, gain)
    if kind == "invites" and weekly is not None and (calm_invites or weekly > entry["high"]):
        # Invitations stay well under bulk whatever the habit (the guides warn against
        # mass invitations): above focus.toml's highest count, ssi-index's number stands.
        weekly = None
    own = weekly is not None
    if weekly is not None:
        quantity = max(1, math.floor(weekly / (days or 1) + 0.5))
    else:
        quantity = _quantity(entry, gain)
    if kind == "invites" and calm_invites:
        quantity = int(entry["low"])
    key = f"coach.focus.action.{kind}"
    if days is None:
        text = plural(locale, key, quantity, 0)
    else:
        text = plural(locale, key, quantity, 0, days=plural(locale, "units.days", days, 0))
    cited = catalog_texts(locale).sources(tuple(entry.get("sources", ())))
    if own and plan is not None:
        weeks = plural(locale, "coach.pace.last_weeks", plan.pace_basis.weeks or 0, 0)
        number = message(locale, "coach.focus.own_data", last=weeks)
    else:
        number = message(locale, "coach.focus.own_number")
    return FocusAction(
        pillar=pillar,
        kind=kind,
        quantity=quantity,
        per="day" if days is not None else "week",
        days=days,
        gain=gain,
        text=text,
        source=f"{cited}; {number}" if cited else number,
        own=own,
    )


def focus_from(score: Score, plan: Roadmap, history: Iterable[Snapshot], locale: str) -> Focus:
    """The focus for *plan*'s next milestone (the work of :func:`focus`)."""
    lang = normalize_locale(locale)
    milestone = plan.next_milestone
    if milestone is None:
        return Focus(
            actions=(),
            milestone=None,
            locale=lang,
            note=message(lang, "coach.focus.none"),
            pace_basis=plan.pace_basis,
        )
    limits = _data()["limits"]
    gains = plan.gains(1)
    weights = dict(zip(Pillar, default_pace().weight(plan.goal), strict=True))
    chosen = sorted(
        (p for p in Pillar if gains[p] >= float(limits.get("min_gain", 0.1)) - _EPS),
        key=lambda p: -gains[p] * weights[p],
    )[: int(limits.get("most", 3))]
    floor = goal_floor(plan.goal)
    sharp = float(limits.get("sharp_rise", 3.0)) - _EPS
    rose = recent_rise(score, history, Pillar.FIND_RIGHT_PEOPLE) >= sharp
    under = floor is not None and score.pillars.total < floor - _EPS
    calm = rose or under
    actions = tuple(
        _action(p, score.pillars[p], gains[p], lang, calm_invites=calm, plan=plan) for p in chosen
    )
    note = "" if actions else message(lang, "coach.focus.none")
    return Focus(
        actions=actions, milestone=milestone, locale=lang, note=note, pace_basis=plan.pace_basis
    )


def focus(
    score: Score,
    *,
    goal: Goal | str | None = None,
    history: Iterable[Snapshot] | None = None,
    locale: str = "en",
    start: dt.date | None = None,
    target: float | None = None,
    activities: Iterable[Activity] | None = None,
) -> Focus:
    """This week's one to three actions, each with a number and a cadence.

    The actions come from the roadmap's next milestone: the pillars with the most
    planned gain (weighted by the goal) get one action each, sized to that gain
    ("send 10 personal invitations this week", "comment on 3 posts a day, 4 days").
    With *activities*, an action whose activity has a confident effect asks for the
    user's own typical week instead, except invitations above focus.toml's highest count.
    After a sharp rise in finding people (3 points or more within a week), or under
    the goal's floor (ads: 50), the invitations drop to their lowest count. Each action
    cites who advises it; the numbers are ssi-index's own estimates (``data/focus.toml``).

    Args:
        score: Today's score.
        goal: The goal (default ``"sales"``).
        history: Earlier snapshots of the same profile, oldest first.
        locale: ``"en"``, ``"he"`` or ``"ru"``.
        start: The day of the week's start (default: today, UTC).
        target: The roadmap's target (default: the goal's).
        activities: The profile's activities: where the user's own effects are
            confident the roadmap's pace uses them, and an action whose activity has a
            confident effect asks for the user's own typical week ("from your last 20
            weeks") instead of ssi-index's number.

    Returns:
        The :class:`Focus`.

    Raises:
        InvalidScoreError: *score* is not a Score or *history* holds other things.
        RuleError: an unknown goal.
        UnknownLocaleError: no texts for *locale*.
    """
    if not isinstance(score, Score):
        raise InvalidScoreError(f"score: expected a Score, found {type(score).__name__}")
    earlier = check_history(history)
    plan = roadmap(
        score,
        target,
        goal=to_goal(goal),
        start=start,
        history=earlier,
        locale=locale,
        weeks=1,
        activities=activities,
    )
    return focus_from(score, plan, earlier, locale)
