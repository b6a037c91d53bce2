"""Plain-text renderings for a terminal: a score header and a recommendation list.

The CLI prints these; every label is in the user's language, and in Hebrew each line
starts with a right-to-left mark so lines that begin with a number or a Latin name are
still laid out right to left.
"""

from __future__ import annotations

from collections.abc import Iterable

from ssi_index._i18n import format_number, message, normalize_locale, plural
from ssi_index._model import Pillar, Score
from ssi_index._snapshot import Note, Snapshot
from ssi_index._tiers import DEFAULT_SCALE
from ssi_index.analytics import changes, streak
from ssi_index.rules import Plan, Recommendation
from ssi_index.rules._catalog import texts
from ssi_index.rules._coach_text import lines, pillar_short, safe_line

from ._base import label

__all__ = ["history_text", "plan_text", "recommendations_text", "score_text"]


def score_text(score: Score, locale: str = "en") -> str:
    """The score as a few text lines: the total and its band, then each pillar.

    Example:
        >>> from ssi_index import Score
        >>> print(score_text(Score.from_pillars([13.4, 10.7, 11.1, 25])))
        SSI 60.2 of 100 · Good base
          Establish your professional brand: 13.4 of 25
          Find the right people: 10.7 of 25
          Engage with insights: 11.1 of 25
          Build relationships: 25 of 25
    """
    loc = normalize_locale(locale)
    t = texts(loc)
    tier, _ = t.tier(DEFAULT_SCALE, score.tier)
    out = [label(loc, "score_header", total=format_number(loc, score.overall), tier=tier)]
    out += [
        f"  {t.pillar(p)}: {label(loc, 'pillar_of', score=format_number(loc, v))}"
        for p, v in score.pillars.items()
    ]
    return lines(loc, out)


def recommendations_text(items: Iterable[Recommendation], locale: str | None = None) -> str:
    """Recommendations as numbered text: title, points, actions, why, place and source.

    Args:
        items: What :func:`ssi_index.recommend` returned.
        locale: The labels' language; default: the list's own, else ``"en"``.
    """
    loc = normalize_locale(locale or str(getattr(items, "locale", "en")))
    out = [label(loc, "what_next")]
    for i, item in enumerate(items, start=1):
        head = f"{i}. {item.title}"
        if item.points is not None and item.points > 0:
            head += f" ({label(loc, 'up_to', points=plural(loc, 'units.points', item.points))})"
        out.append(head)
        out += [f"   - {a}" for a in item.actions]
        if item.why:
            out.append(f"   {label(loc, 'why', text=item.why)}")
        if item.rank_reason:
            out.append(f"   {label(loc, 'rank', text=item.rank_reason)}")
        if item.source:
            out.append(f"   {label(loc, 'source', text=item.source)}")
    if len(out) == 1:
        out.append(label(loc, "no_recommendations"))
    return lines(loc, out)


def plan_text(plan: Plan, locale: str = "en") -> str:
    """A :func:`~ssi_index.plan` as text: the way to the target, one line per pillar.

    Example:
        >>> from ssi_index import Score, plan
        >>> print(plan_text(plan(Score.from_pillars([13.4, 10.7, 11.1, 25]), 70)))
        Plan from 60.2 to 70: 9.8 points to go
          Find the right people: 10.7 → 14.2 (+3.5 points)
          Engage with insights: 11.1 → 14.5 (+3.4 points)
          Establish your professional brand: 13.4 → 16.3 (+2.9 points)
    """
    loc = normalize_locale(locale)
    t = texts(loc)
    n = format_number
    if plan.already_there:
        out = [label(loc, "plan_already", start=n(loc, plan.start), target=n(loc, plan.target))]
    else:
        missing = plural(loc, "units.points", plan.target - plan.start)
        out = [
            label(
                loc,
                "plan_title",
                start=n(loc, plan.start),
                target=n(loc, plan.target),
                missing=missing,
            )
        ]
    out += [
        "  "
        + label(
            loc,
            "plan_step",
            pillar=t.pillar(step.pillar),
            start=n(loc, step.start),
            end=n(loc, step.end),
            add=plural(loc, "units.points", step.add),
        )
        for step in plan.steps
    ]
    if not plan.reached:
        out.append(label(loc, "plan_short", missing=plural(loc, "units.points", plan.missing)))
    if plan.source:
        out.append(label(loc, "source", text=plan.source))
    return lines(loc, out)


def history_text(
    snapshots: Iterable[Snapshot], notes: Iterable[Note] = (), locale: str = "en"
) -> str:
    """One profile's history as text: a row a day, each week's rises and drops, the streak.

    Notes are the user's own text, shown without control codes.
    """
    loc = normalize_locale(locale)
    items = sorted(snapshots, key=lambda s: s.day)
    if not items:
        return lines(loc, [label(loc, "no_snapshots")])
    n = format_number
    by_day: dict[object, list[str]] = {}
    for note in notes:
        by_day.setdefault(note.day, []).append(safe_line(note.text))
    out = [
        label(
            loc,
            "history_title",
            profile=safe_line(items[0].profile),
            count=plural(loc, "views.snapshots", len(items), 0),
        )
    ]
    out.append(
        "  ".join([label(loc, "day"), label(loc, "total"), *(pillar_short(loc, p) for p in Pillar)])
    )
    for snap in items:
        cells = [snap.day.isoformat(), n(loc, snap.score.overall, 2)]
        cells += [n(loc, v, 2) for v in snap.score.pillars.values()]
        extra = "; ".join(by_day.get(snap.day, []))
        out.append("  ".join(cells) + (f"  {extra}" if extra else ""))
    for change in changes(items, period="week"):
        line = label(
            loc,
            "week_line",
            day=change.after.day.isoformat(),
            total=n(loc, change.total, sign=True),
        )
        parts = [line]
        for key, moves in (("week_rises", change.rises), ("week_drops", change.drops)):
            if moves:
                shown = ", ".join(
                    f"{pillar_short(loc, p)} {n(loc, d, sign=True)}" for p, d in moves
                )
                parts.append(label(loc, key, items=shown))
        out.append("; ".join(parts))
    run = streak(items)
    if run.weeks:
        out.append(plural(loc, "coach.week.streak", run.weeks, 0))
    else:
        out.append(message(loc, "coach.week.streak_none"))
    return lines(loc, out)
