"""The coach on the user's own activity: personal pace, focus quantities, the invitation caution.

Every test reads its data back from a real SQLite file; the year of data comes from the
planted-truth simulation (invitations drive finding people, and so on).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
from pathlib import Path

import pytest

import ssi_index
from activity_simulation import PLANTED, Simulated, simulate
from cli_support import NO_SCRIPT, SCRIPT, clean_env, run
from ssi_index import (
    Activity,
    ActivityKind,
    AnalysisError,
    Goal,
    InvalidScoreError,
    Pillar,
    Score,
    Snapshot,
    SQLiteStore,
    effects,
    focus,
    personal_pace,
    recommend,
    roadmap,
    weekly_report,
)
from ssi_index.activity import ActivityPace
from ssi_index.rules import MANY_INVITATIONS, default_pace

P = Pillar


@functools.cache
def _year() -> Simulated:
    return simulate(3, 52)


@functools.cache
def _strong() -> Simulated:
    """A year where each invitation goes with 0.06 points of finding people (twice PLANTED)."""
    truth = {**PLANTED, (P.FIND_RIGHT_PEOPLE, ActivityKind.INVITATION_SENT): (0.06, 0)}
    return simulate(3, 52, planted=truth)


def _stored(tmp_path: Path, sim: Simulated) -> tuple[list[Snapshot], list[Activity]]:
    """Write *sim* to a SQLite file and read it back, as the CLI does."""
    with SQLiteStore(tmp_path / "ssi.db") as store:
        store.put_many(sim.snapshots)
        store.put_activities(sim.activities)
    with SQLiteStore(tmp_path / "ssi.db") as store:
        return list(store.history("me")), list(store.activities("me"))


def _first_weeks(sim: Simulated, weeks: int) -> Simulated:
    end = sim.snapshots[0].day + dt.timedelta(weeks=weeks)
    return Simulated(
        snapshots=[s for s in sim.snapshots if s.day < end],
        activities=[a for a in sim.activities if a.day < end],
    )


def test_personal_pace_is_the_users_own_where_confident(tmp_path: Path) -> None:
    snaps, acts = _stored(tmp_path, _year())
    pace = personal_pace(snaps, acts)
    assert isinstance(pace, ActivityPace)
    assert P.FIND_RIGHT_PEOPLE in pace.measured_pillars
    found = effects(snaps, acts)
    assert pace.weeks == found.weeks >= 40
    medians = {e.kind: e.median_weekly for e in found.effects}
    expected = found.expected_weekly_change(P.FIND_RIGHT_PEOPLE, medians)
    assert expected is not None
    gains = pace.weekly_gains((10.0, 10.0, 10.0, 10.0), Goal.SALES)
    assert gains[1] == pytest.approx(max(0.0, expected[0]))


def test_personal_pace_falls_back_with_three_weeks(tmp_path: Path) -> None:
    snaps, acts = _stored(tmp_path, _first_weeks(_year(), 3))
    assert personal_pace(snaps, acts) is default_pace()
    mine = default_pace().scaled(0.5)
    assert personal_pace(snaps, acts, fallback=mine) is mine


def test_the_roadmap_uses_the_users_own_pace_and_says_so(tmp_path: Path) -> None:
    snaps, acts = _stored(tmp_path, _strong())
    latest, earlier = snaps[-1], snaps[:-1]
    day = latest.day
    own = roadmap(latest.score, 90, history=earlier, activities=acts, start=day)
    plain = roadmap(latest.score, 90, history=earlier, start=day)
    found = effects(earlier, acts)
    weeks = found.weeks
    medians = {e.kind: e.median_weekly for e in found.effects}
    expected = found.expected_weekly_change(P.FIND_RIGHT_PEOPLE, medians)
    assert expected is not None
    people = own.gains(1)[P.FIND_RIGHT_PEOPLE]
    gap = 25.0 - latest.score.pillars[P.FIND_RIGHT_PEOPLE]
    assert people == pytest.approx(min(gap, expected[0]))
    estimate = roadmap(latest.score, 90, pace=default_pace(), start=day)
    assert abs(people - estimate.gains(1)[P.FIND_RIGHT_PEOPLE]) > 0.3
    assert abs(people - plain.gains(1)[P.FIND_RIGHT_PEOPLE]) > 0.3
    text = own.to_text()
    assert f"from your last {weeks} weeks" in text
    basis = own.to_dict()["pace_basis"]
    assert basis["basis"] == "activity"
    assert basis["weeks"] == weeks
    assert "FIND_RIGHT_PEOPLE" in basis["pillars"]
    assert f"from your last {weeks} weeks" in basis["text"]
    assert "from your last" not in plain.to_text()
    assert plain.to_dict()["pace_basis"]["reason"] is None
    he = own.to_text("he")
    assert f"ב-{weeks} השבועות האחרונים" in he
    ru = roadmap(latest.score, 90, history=earlier, activities=acts, start=day, locale="ru")
    assert f"по вашим последним {weeks} неделям" in ru.to_text()
    assert ru.to_dict()["pace_basis"]["text"].startswith("Темп")
    json.dumps(own.to_dict())


def test_three_weeks_of_activity_fall_back_and_say_why(tmp_path: Path) -> None:
    snaps, acts = _stored(tmp_path, _first_weeks(_year(), 3))
    latest, earlier = snaps[-1], snaps[:-1]
    own = roadmap(latest.score, 80, history=earlier, activities=acts, start=latest.day)
    plain = roadmap(latest.score, 80, history=earlier, start=latest.day)
    assert own.gains(1) == plain.gains(1)
    basis = own.pace_basis
    assert basis.basis != "activity"
    assert basis.reason == "few_weeks"
    assert basis.weeks is not None
    assert basis.weeks < 12
    text = own.to_text()
    assert "from your last" not in text
    assert f"covers {basis.weeks} weeks" in text
    assert "needs at least 12 weeks" in text
    for loc in ("he", "ru"):
        assert own.to_text(loc) != own.to_text("en")
        assert "12" in own.to_text(loc)


def test_no_activity_recorded_says_so(tmp_path: Path) -> None:
    snaps, _ = _stored(tmp_path, _first_weeks(_year(), 6))
    plan = roadmap(snaps[-1].score, 80, history=snaps[:-1], activities=[], start=snaps[-1].day)
    assert plan.pace_basis.reason == "no_activity"
    assert "No activity is recorded" in plan.to_text()


def test_focus_asks_for_the_users_own_typical_week(tmp_path: Path) -> None:
    snaps, acts = _stored(tmp_path, _year())
    latest, earlier = snaps[-1], snaps[:-1]
    own = focus(latest.score, history=earlier, activities=acts, start=latest.day)
    plain = focus(latest.score, history=earlier, start=latest.day)
    found = effects(earlier, acts)
    medians = {e.kind: e.median_weekly for e in found.effects}
    kinds = {"comments": ActivityKind.COMMENT, "conversations": ActivityKind.MESSAGE_SENT}
    mine = [a for a in own.actions if a.kind in kinds]
    assert mine, [a.kind for a in own.actions]
    for action in mine:
        assert action.own
        effect = next(e for e in found.for_pillar(action.pillar) if e.kind is kinds[action.kind])
        full = found.expected_weekly_change(action.pillar, medians)
        assert full is not None
        weekly = effect.median_weekly * min(1.0, action.gain / full[0])
        assert action.quantity == max(1, math.floor(weekly / (action.days or 1) + 0.5))
        assert f"from your last {found.weeks} weeks" in action.source
        assert action.to_dict()["own"] is True
    assert not any(a.own for a in plain.actions)
    assert own.to_dict()["pace_basis"]["basis"] == "activity"
    assert f"from your last {found.weeks} weeks" in own.to_text()
    assert "from your last" not in plain.to_text()


def test_focus_never_asks_for_bulk_invitations(tmp_path: Path) -> None:
    snaps, acts = _stored(tmp_path, _year())
    latest, earlier = snaps[-1], snaps[:-1]
    found = effects(earlier, acts)
    invitations = found.strongest(P.FIND_RIGHT_PEOPLE)
    assert invitations is not None
    assert invitations.kind is ActivityKind.INVITATION_SENT
    assert invitations.median_weekly > 20  # the user's habit is above focus.toml's highest
    own = focus(latest.score, history=earlier, activities=acts, start=latest.day)
    action = next(a for a in own.actions if a.kind == "invites")
    assert not action.own
    assert action.quantity <= 20
    assert "ssi-index's own estimate" in action.source


def test_weekly_report_uses_and_names_the_own_pace(tmp_path: Path) -> None:
    snaps, acts = _stored(tmp_path, _year())
    day = snaps[-1].day
    own = weekly_report(snaps, activities=acts, today=day)
    plain = weekly_report(snaps, today=day)
    weeks = effects(snaps[:-1], acts).weeks
    assert own.to_dict()["pace_basis"]["basis"] == "activity"
    assert f"from your last {weeks} weeks" in own.to_text()
    assert f"from your last {weeks} weeks" in own.to_markdown()
    assert plain.to_dict()["pace_basis"]["basis"] != "activity"
    assert own.next_milestone is not None
    assert plain.next_milestone is not None
    assert own.next_milestone.pillars != plain.next_milestone.pillars


def _invitations(monday: dt.date, per_day: int, days: int = 7) -> list[Activity]:
    return [
        Activity(
            profile="me",
            day=monday + dt.timedelta(days=i),
            kind=ActivityKind.INVITATION_SENT,
            count=per_day,
            source="manual",
        )
        for i in range(days)
    ]


MONDAY = dt.date(2026, 11, 2)
LOW_PEOPLE = Score.from_pillars([13.4, 10.7, 11.1, 25.0])


def _stored_activities(tmp_path: Path, acts: list[Activity]) -> list[Activity]:
    with SQLiteStore(tmp_path / "acts.db") as store:
        store.put_activities(acts)
        return list(store.activities("me"))


def test_many_invitations_bring_the_caution_near_the_top(tmp_path: Path) -> None:
    # 15 a day on 7 days: 105 in the week, over the line of 100.
    acts = _stored_activities(tmp_path, _invitations(MONDAY, 15))
    plain = [r.key for r in recommend(LOW_PEOPLE)]
    assert plain.index("caution.mass_invites") > 3
    advice = recommend(LOW_PEOPLE, activities=acts)
    assert advice[0].key == "caution.mass_invites"
    reason = advice[0].rank_reason
    assert "105 invitations" in reason
    assert MONDAY.isoformat() in reason
    for loc in ("he", "ru"):
        item = recommend(LOW_PEOPLE, activities=acts, locale=loc)[0]
        assert item.key == "caution.mass_invites"
        assert "105" in item.rank_reason
        assert item.rank_reason != reason


def test_a_full_pillar_still_gets_the_caution_after_many_invitations(tmp_path: Path) -> None:
    acts = _stored_activities(tmp_path, _invitations(MONDAY, 20))
    full = Score.from_pillars([13.4, 24.5, 11.1, 20.0])
    assert "caution.mass_invites" not in [r.key for r in recommend(full)]
    assert recommend(full, activities=acts)[0].key == "caution.mass_invites"


def test_under_the_line_or_long_ago_the_caution_stays_down(tmp_path: Path) -> None:
    # 99 in the week: one under the line.
    under = _invitations(MONDAY, 14) + _invitations(MONDAY + dt.timedelta(days=6), 1, 1)
    assert sum(a.count for a in under) == MANY_INVITATIONS - 1
    keys = [r.key for r in recommend(LOW_PEOPLE, activities=under)]
    assert keys.index("caution.mass_invites") > 3
    # 105 five weeks before the newest activity: no longer recent.
    old = [
        *_invitations(MONDAY - dt.timedelta(weeks=5), 15),
        Activity(profile="me", day=MONDAY, kind=ActivityKind.COMMENT, count=2, source="manual"),
    ]
    keys = [r.key for r in recommend(LOW_PEOPLE, activities=old)]
    assert keys.index("caution.mass_invites") > 3
    # Exactly 100 counts as many.
    exact = _invitations(MONDAY, 14) + _invitations(MONDAY + dt.timedelta(days=6), 2, 1)
    assert recommend(LOW_PEOPLE, activities=exact)[0].key == "caution.mass_invites"


def test_bad_activities_are_refused_clearly(tmp_path: Path) -> None:
    snaps, acts = _stored(tmp_path, _first_weeks(_year(), 3))
    with pytest.raises(InvalidScoreError, match="activities"):
        roadmap(snaps[-1].score, 80, activities="invitations")  # type: ignore[arg-type]
    with pytest.raises(InvalidScoreError, match=r"activities\[0\]"):
        focus(snaps[-1].score, activities=[snaps[0]])  # type: ignore[list-item]
    with pytest.raises(InvalidScoreError, match="activities"):
        recommend(snaps[-1].score, activities=42)  # type: ignore[arg-type]
    other = [
        Activity(profile="you", day=a.day, kind=a.kind, count=a.count, source=a.source)
        for a in acts
    ]
    with pytest.raises(AnalysisError):
        roadmap(snaps[-1].score, 80, history=snaps[:-1], activities=acts + other)


@pytest.mark.skipif(SCRIPT is None, reason=NO_SCRIPT)
def test_cli_week_and_roadmap_use_the_stored_activities(tmp_path: Path) -> None:
    sim = _year()
    _stored(tmp_path, sim)
    env = clean_env(tmp_path) | {
        "SSI_INDEX_STORE": str(tmp_path / "ssi.db"),
        "SSI_INDEX_PROFILE": "me",
    }
    day = sim.snapshots[-1].day.isoformat()
    road = json.loads(run("roadmap", "--day", day, "--json", env=env).stdout)
    assert road["pace_basis"]["basis"] == "activity"
    assert "from your last" in run("roadmap", "--day", day, env=env).stdout
    week = json.loads(run("week", "--day", day, "--json", env=env).stdout)
    assert week["pace_basis"]["basis"] == "activity"
    he = run("--locale", "he", "week", "--day", day, env=env)
    assert he.returncode == 0, he.stderr
    assert "השבועות האחרונים" in he.stdout


@pytest.mark.skipif(SCRIPT is None, reason=NO_SCRIPT)
def test_cli_without_activities_is_unchanged(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "ssi.db") as store:
        store.put_many(_first_weeks(_year(), 6).snapshots)
    env = clean_env(tmp_path) | {
        "SSI_INDEX_STORE": str(tmp_path / "ssi.db"),
        "SSI_INDEX_PROFILE": "me",
    }
    road = json.loads(run("roadmap", "--json", env=env).stdout)
    assert road["pace_basis"]["basis"] in ("history", "estimate")
    assert road["pace_basis"]["reason"] is None


def test_the_report_and_the_assistant_use_the_users_own_pace(tmp_path: Path) -> None:
    sim = _strong()
    with SQLiteStore(tmp_path / "ssi.db") as store:
        store.put_many(sim.snapshots)
        store.put_activities(sim.activities)
        day = sim.snapshots[-1].day
        with_activity = ssi_index.report_markdown(store, "me", today=day)
        store.delete_profile("me")
        store.put_many(sim.snapshots)
        without = ssi_index.report_markdown(store, "me", today=day)
    assert "from your last" in with_activity
    assert "from your last" not in without
