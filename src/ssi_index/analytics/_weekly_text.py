"""Text and Markdown renderings of the weekly report, in the user's language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ssi_index._i18n import format_number, message, plural
from ssi_index.rules._coach_text import focus_lines, lines, pillar_name, safe_line

if TYPE_CHECKING:
    from ssi_index.analytics._weekly import PillarMove, WeeklyReport

__all__ = ["report_sections", "weekly_markdown", "weekly_text"]


def _move(locale: str, move: PillarMove) -> str:
    n = format_number
    fields = {
        "before": n(locale, move.before),
        "after": n(locale, move.after),
        "delta": plural(locale, "units.points", abs(move.delta)),
        "delta_signed": n(locale, move.delta, sign=True),
    }
    if move.pillar is None:
        return message(locale, f"coach.week.total_{move.direction}", **fields)
    return message(
        locale, f"coach.week.{move.direction}", pillar=pillar_name(locale, move.pillar), **fields
    )


def report_sections(report: WeeklyReport, locale: str) -> dict[str, list[str]]:
    """The report's texts by section: ``head``, ``changes``, ``pace``, ``focus``, ``notes``.

    Notes are the user's own text: made safe for a terminal (no control codes).
    """
    n = format_number
    against = report.measured_against
    head = [message(locale, "coach.week.title", date=against.latest.isoformat())]
    head.append(message(locale, "coach.week.profile", profile=safe_line(report.profile)))
    if against.day is None:
        head.append(message(locale, "coach.week.against_none"))
    elif against.exact_week:
        head.append(message(locale, "coach.week.against", date=against.day.isoformat()))
    else:
        head.append(
            message(
                locale,
                "coach.week.against_other",
                date=against.day.isoformat(),
                days=plural(locale, "units.days", against.days or 0, 0),
            )
        )
    if against.age > 0:
        head.append(
            message(
                locale,
                "coach.week.stale",
                date=against.latest.isoformat(),
                days=plural(locale, "units.days", against.age, 0),
            )
        )
    changes: list[str] = []
    if report.total is not None:
        changes.append(_move(locale, report.total))
        changes += [_move(locale, m) for m in report.pillars]
        changes.append(
            message(locale, "coach.week.moved_none")
            if report.moved_most is None
            else message(
                locale, "coach.week.moved_most", pillar=pillar_name(locale, report.moved_most)
            )
        )
    pace: list[str] = []
    if report.streak.weeks:
        pace.append(plural(locale, "coach.week.streak", report.streak.weeks, 0))
    else:
        pace.append(message(locale, "coach.week.streak_none"))
    target = n(locale, report.target)
    if report.next_milestone is None:
        pace.append(message(locale, "coach.week.next_none", target=target))
    else:
        pace.append(
            message(
                locale,
                "coach.week.next",
                total=n(locale, report.next_milestone.total),
                date=report.next_milestone.date.isoformat(),
                target=target,
            )
        )
    if report.on_pace is None or report.total is None or report.planned is None:
        pace.append(message(locale, "coach.week.pace_unknown"))
    else:
        pace.append(
            message(
                locale,
                "coach.week.on_pace" if report.on_pace else "coach.week.off_pace",
                gained=n(locale, report.total.delta, sign=True),
                planned=n(locale, report.planned, sign=True),
            )
        )
    focus = focus_lines(report.focus, locale)
    notes = [f"{n_.day.isoformat()}: {safe_line(n_.text)}" for n_ in report.notes]
    return {"head": head, "changes": changes, "pace": pace, "focus": focus, "notes": notes}


def weekly_text(report: WeeklyReport, locale: str) -> str:
    """The weekly report as plain text lines."""
    parts = report_sections(report, locale)
    out = list(parts["head"])
    if parts["changes"]:
        out += ["", message(locale, "coach.week.changes")]
        out += [f"  {line}" for line in parts["changes"]]
    out += ["", *parts["pace"], "", *parts["focus"], ""]
    out.append(message(locale, "coach.week.notes"))
    out += [f"  {line}" for line in parts["notes"]] or [
        f"  {message(locale, 'coach.week.notes_none')}"
    ]
    return lines(locale, out)


def _md(text: str) -> str:
    """Escape the Markdown characters that could change the layout of a line."""
    out = []
    for char in text:
        if char in "\\`*_[]<>#|":
            out.append("\\" + char)
        else:
            out.append(char)
    return "".join(out)


def weekly_markdown(report: WeeklyReport, locale: str) -> str:
    """The weekly report as Markdown (headings and lists; every text escaped)."""
    parts = report_sections(report, locale)
    head = parts["head"]
    out = [f"## {_md(head[0])}", "", *(_md(line) for line in head[1:]), ""]
    if parts["changes"]:
        out += [f"### {_md(message(locale, 'coach.week.changes'))}", ""]
        out += [f"- {_md(line)}" for line in parts["changes"]]
        out.append("")
    out += [f"- {_md(line)}" for line in parts["pace"]]
    out.append("")
    focus = parts["focus"]
    out += [f"### {_md(focus[0])}", ""]
    out += [
        _md(line.strip()) if not line.startswith("     ") else f"   {_md(line.strip())}"
        for line in focus[1:]
    ]
    out += ["", f"### {_md(message(locale, 'coach.week.notes'))}", ""]
    out += [f"- {_md(line)}" for line in parts["notes"]] or [
        _md(message(locale, "coach.week.notes_none"))
    ]
    return "\n".join(out) + "\n"
