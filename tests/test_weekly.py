"""weekly_report(): what moved this week, against what, streak, pace, focus and notes."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

import pytest

from ssi_index import (
    AnalysisError,
    Note,
    Pillar,
    Score,
    Snapshot,
    WeeklyReport,
    weekly_report,
)

MONDAY = dt.date(2026, 3, 2)
# A month of history: a rise in engagement in the last week, a drop in finding people the
# week before.
MONTH = [
    (12.0, 9.0, 10.0, 25.0),
    (12.5, 9.5, 10.2, 25.0),
    (13.0, 10.6, 10.5, 25.0),
    (13.2, 10.4, 9.0, 25.0),
    (13.4, 10.7, 11.1, 25.0),
]


def snaps(
    rows: Sequence[tuple[float, ...]], *, step: int = 7, profile: str = "me"
) -> list[Snapshot]:
    return [
        Snapshot(
            profile=profile,
            day=MONDAY + dt.timedelta(days=step * i),
            score=Score.from_pillars(list(v)),
        )
        for i, v in enumerate(rows)
    ]


def test_a_month_with_a_rise_and_a_drop() -> None:
    history = snaps(MONTH)
    notes = [
        Note(profile="me", day=MONDAY + dt.timedelta(days=26), text="commented on 12 posts"),
        Note(profile="me", day=MONDAY + dt.timedelta(days=3), text="old note"),
    ]
    r = weekly_report(history, notes=notes, today=history[-1].day)
    assert isinstance(r, WeeklyReport)
    assert r.measured_against.day == history[-2].day
    assert r.measured_against.exact_week
    moves = {m.pillar: m for m in r.pillars}
    assert moves[Pillar.INSIGHT_ENGAGEMENT].direction == "up"
    assert moves[Pillar.INSIGHT_ENGAGEMENT].delta == pytest.approx(2.1)
    assert moves[Pillar.PROFESSIONAL_BRAND].direction == "flat"  # +0.2: under the threshold
    assert r.moved_most is Pillar.INSIGHT_ENGAGEMENT
    assert r.total is not None
    assert r.total.delta == pytest.approx(2.6)
    assert [n.text for n in r.notes] == ["commented on 12 posts"]
    text = r.to_text()
    assert "Engage with insights: up 2.1 points (9 → 11.1)" in text
    assert "Moved most: Engage with insights." in text
    assert "a week earlier" in text
    assert r.next_milestone is not None
    assert r.next_milestone.date == history[-1].day + dt.timedelta(weeks=1)
    assert r.streak.weeks == 1  # the week before fell
    assert r.on_pace is True
    # A week earlier the drop shows.
    before = weekly_report(history[:-1], today=history[-2].day)
    assert {m.pillar for m in before.drops} == {Pillar.INSIGHT_ENGAGEMENT}
    assert "down 1.5 points" in before.to_text()


def test_to_dict_has_the_documented_keys_and_is_json() -> None:
    r = weekly_report(snaps(MONTH), today=MONDAY + dt.timedelta(days=28))
    data = r.to_dict()
    assert set(data) == {
        "changes",
        "measured_against",
        "streak",
        "next_milestone",
        "on_pace",
        "pace_basis",
        "focus",
        "notes",
    }
    assert data["changes"]["rises"] == ["INSIGHT_ENGAGEMENT"]
    assert data["measured_against"]["days"] == 7
    json.dumps(data)


def test_a_change_against_an_older_snapshot_says_how_old() -> None:
    history = snaps(MONTH[:2], step=10)
    r = weekly_report(history, today=history[-1].day + dt.timedelta(days=2))
    assert r.measured_against.days == 10
    assert not r.measured_against.exact_week
    text = r.to_text()
    assert "10 days earlier" in text
    assert "2 days ago" in text


def test_one_snapshot_has_nothing_to_compare() -> None:
    r = weekly_report(snaps(MONTH[:1]), today=MONDAY)
    assert r.total is None
    assert r.pillars == ()
    assert r.on_pace is None
    assert "nothing to compare" in r.to_text()
    assert r.focus.actions  # still a focus for the week


def test_flat_week_and_behind_pace() -> None:
    r = weekly_report(snaps([MONTH[0], MONTH[0]]), today=MONDAY + dt.timedelta(days=7))
    assert all(m.direction == "flat" for m in r.pillars)
    assert r.moved_most is None
    assert r.on_pace is False
    assert "Behind pace" in r.to_text()


def test_renderings_in_every_locale_escape_user_text() -> None:
    history = snaps(MONTH)
    notes = [Note(profile="me", day=history[-1].day, text="*bold*\x1b[31m <b>x</b>")]
    for locale in ("en", "he", "ru"):
        r = weekly_report(history, notes=notes, locale=locale, today=history[-1].day)
        assert "\x1b" not in r.to_text()
        assert "\x1b" not in r.to_markdown()
        assert "\\*bold\\*" in r.to_markdown()
        assert "<b>" not in r._repr_html_()
    he = weekly_report(history, locale="he", today=history[-1].day).to_text()
    assert all(line.startswith("\u200f") for line in he.splitlines() if line)


def test_errors() -> None:
    with pytest.raises(AnalysisError, match="at least one"):
        weekly_report([])
    with pytest.raises(AnalysisError):
        weekly_report(snaps(MONTH[:1]) + snaps(MONTH[:1], profile="other"))
