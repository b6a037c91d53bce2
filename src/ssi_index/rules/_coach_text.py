"""Plain-text renderings of roadmaps and focus, in the user's language.

Every text comes from ``locales/<locale>/coach.toml``. In a right-to-left locale each
line starts with a right-to-left mark, so a line that begins with a number or a Latin
name (SSI, LinkedIn) is still laid out right to left in a terminal.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Final

from ssi_index._i18n import RTL_LOCALES, format_number, message, plural
from ssi_index._model import Pillar, PillarValues

from ._catalog import texts as catalog_texts

if TYPE_CHECKING:
    from ._focus import Focus, FocusAction
    from ._roadmap import Roadmap

__all__ = [
    "focus_text",
    "lines",
    "pillar_name",
    "pillar_short",
    "roadmap_text",
    "safe_line",
]

RLM: Final = "\u200f"
_UNSAFE: Final = frozenset(
    [*range(0x20), *range(0x7F, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
)
"""C0 and C1 control codes and the bidi embeddings, overrides and isolates."""


def safe_line(text: str) -> str:
    """*text* on one line with no control codes: each is shown as U+FFFD (linear time).

    For text that comes from the user or a file (notes, profile ids) before it reaches
    a terminal: no escape sequence, newline or bidi override survives.
    """
    return "".join("\ufffd" if ord(c) in _UNSAFE else c for c in text)


def lines(locale: str, items: Iterable[str]) -> str:
    """Join *items* as lines; in a right-to-left locale each starts with a RLM."""
    mark = RLM if locale in RTL_LOCALES else ""
    return "\n".join(f"{mark}{line}" if line else line for line in items)


def pillar_name(locale: str, pillar: Pillar) -> str:
    """The pillar's full name in *locale*."""
    return catalog_texts(locale).pillar(pillar)


def pillar_short(locale: str, pillar: Pillar) -> str:
    """The pillar's short name in *locale* (for tables and one-line summaries)."""
    return message(locale, f"coach.short.{pillar.value}")


def pillars_line(locale: str, pillars: PillarValues) -> str:
    """``brand 13.4 · people 10.7 · ...`` in *locale*."""
    return " · ".join(
        f"{pillar_short(locale, p)} {format_number(locale, v)}" for p, v in pillars.items()
    )


def roadmap_lines(plan: Roadmap, locale: str) -> list[str]:
    """The roadmap's lines in *locale*, without the bidi marks."""
    first = plan.milestones[0]
    goal = catalog_texts(locale).goal(plan.goal.value)
    pace = plan.pace_basis.text(locale)
    out = [
        message(
            locale,
            "coach.roadmap.title",
            target=format_number(locale, plan.target),
            goal=goal,
            total=format_number(locale, first.total),
            date=plan.start.isoformat(),
        ),
        pace,
    ]
    previous = None
    for m in plan.milestones:
        change = ""
        if previous is not None:
            change = f" ({format_number(locale, m.total - previous.total, sign=True)})"
        out.append(
            message(
                locale,
                "coach.roadmap.week",
                week=m.week,
                date=m.date.isoformat(),
                total=format_number(locale, m.total),
                change=change,
                pillars=pillars_line(locale, m.pillars),
            )
        )
        previous = m
    if plan.floor is not None and plan.floor_on is not None and first.total < plan.floor:
        out.append(
            message(
                locale,
                "coach.roadmap.floor",
                floor=format_number(locale, plan.floor),
                date=plan.floor_on.isoformat(),
            )
        )
    out.append(plan.note if plan.locale == locale else _renote(plan, locale))
    return out


def _renote(plan: Roadmap, locale: str) -> str:
    from ._roadmap import _note

    return _note(locale, plan.target, plan.milestones, plan.reached)


def roadmap_text(plan: Roadmap, locale: str) -> str:
    """The roadmap as text lines in *locale*."""
    return lines(locale, roadmap_lines(plan, locale))


def focus_lines(item: Focus, locale: str) -> list[str]:
    """The focus's lines in *locale*, without the bidi marks."""
    if item.milestone is None or not item.actions:
        return [
            message(locale, "coach.focus.title_plain"),
            f"  {item.note or message(locale, 'coach.focus.none')}",
        ]
    out = [
        message(
            locale,
            "coach.focus.title",
            total=format_number(locale, item.milestone.total),
            date=item.milestone.date.isoformat(),
        )
    ]
    same = item.locale == locale
    for i, action in enumerate(item.actions, start=1):
        text = action.text if same else _retext(action, locale)
        gain = plural(locale, "units.points", action.gain)
        out.append(f"  {i}. {text}")
        out.append(
            "     "
            + message(
                locale,
                "coach.focus.why",
                pillar=pillar_name(locale, action.pillar),
                gain=gain,
            )
        )
    if item.pace_basis.personal or item.pace_basis.reason:
        out.append(item.pace_basis.text(locale))
    return out


def _retext(action: FocusAction, locale: str) -> str:
    key = f"coach.focus.action.{action.kind}"
    if action.days is None:
        return plural(locale, key, action.quantity, 0)
    return plural(
        locale, key, action.quantity, 0, days=plural(locale, "units.days", action.days, 0)
    )


def focus_text(item: Focus, locale: str) -> str:
    """The focus as text lines in *locale*."""
    return lines(locale, focus_lines(item, locale))
