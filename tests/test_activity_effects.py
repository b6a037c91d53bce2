"""effects(): a simulation where the truth is known, the method's guards, and its API."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from activity_simulation import NULL_KINDS, STRONGEST, simulate
from ssi_index import Activity, ActivityKind, AnalysisError, Pillar, RuleError, Score, Snapshot
from ssi_index.activity import MIN_WEEKS, Effects, PillarMap, effects, pillar_map
from ssi_index.activity._stats import ols, t_quantile
from ssi_index.activity._weekly import week_of, weekly

SEEDS = range(40)


def test_26_weeks_name_the_planted_strongest_kind_and_no_effect_for_a_null_kind() -> None:
    hits: Counter[Pillar] = Counter()
    false_alarms: Counter[Pillar] = Counter()
    recalculations = 0
    for seed in SEEDS:
        sim = simulate(seed, 26)
        found = effects(sim.snapshots, sim.activities)
        assert found.enough_data, found.reason
        for pillar, kind in STRONGEST.items():
            strongest = found.strongest(pillar)
            hits[pillar] += strongest is not None and strongest.kind is kind
        for pillar, kind in NULL_KINDS.items():
            assert (pillar, kind) in found.tested
            false_alarms[pillar] += any(e.kind is kind for e in found.for_pillar(pillar))
        assert sim.recalculation is not None
        recalculations += found.recalculations == (week_of(sim.recalculation),)
    runs = len(SEEDS)
    for pillar in Pillar:
        assert hits[pillar] >= 0.9 * runs, (pillar, hits[pillar])
    for pillar in NULL_KINDS:
        assert false_alarms[pillar] <= 0.1 * runs, (pillar, false_alarms[pillar])
    assert recalculations >= 0.9 * runs


def test_nothing_planted_means_almost_nothing_reported() -> None:
    reported: Counter[tuple[Pillar, ActivityKind]] = Counter()
    tested: Counter[tuple[Pillar, ActivityKind]] = Counter()
    for seed in range(40):
        sim = simulate(seed, 26, planted={})
        found = effects(sim.snapshots, sim.activities)
        tested.update(found.tested)
        reported.update((e.pillar, e.kind) for e in found.effects)
    assert len(tested) >= 8
    assert sum(reported.values()) <= 0.1 * sum(tested.values())  # each test has 5 % at most
    for pair, n in tested.items():
        assert reported[pair] <= 0.2 * n, (pair, reported[pair], n)


def test_three_weeks_are_not_enough() -> None:
    for seed in range(10):
        sim = simulate(seed, 3)
        found = effects(sim.snapshots, sim.activities)
        assert not found.enough_data
        assert found.effects == ()
        assert found.reason_code == "few_weeks"
        assert found.reason is not None
        assert f"at least {MIN_WEEKS}" in found.reason


def test_a_year_recovers_the_lag_and_the_size() -> None:
    lags, inside = Counter[int](), 0
    for seed in range(15):
        sim = simulate(seed, 52)
        found = effects(sim.snapshots, sim.activities)
        message = found.strongest(Pillar.STRONG_RELATIONSHIP)
        assert message is not None
        lags[message.lag] += 1
        invitations = found.strongest(Pillar.FIND_RIGHT_PEOPLE)
        assert invitations is not None
        assert invitations.kind is ActivityKind.INVITATION_SENT
        inside += invitations.low <= 0.03 <= invitations.high
        assert invitations.weeks >= 45
        assert invitations.weekly_contribution == pytest.approx(
            invitations.per_unit * invitations.median_weekly
        )
    assert lags[1] >= 14
    assert inside >= 12  # a 95 % interval holds the planted 0.03 in most runs


def test_effects_are_strongest_first_by_weekly_contribution() -> None:
    sim = simulate(4, 52)
    found = effects(sim.snapshots, sim.activities)
    sizes = [abs(e.weekly_contribution) for e in found.effects]
    assert sizes == sorted(sizes, reverse=True)
    assert all(not (e.low <= 0 <= e.high) for e in found.effects)


def test_the_2015_map_tests_messages_against_engagement() -> None:
    sim = simulate(2, 52)
    found = effects(sim.snapshots, sim.activities, pillar_map="linkedin-2015")
    assert found.pillar_map == "linkedin-2015"
    assert (Pillar.INSIGHT_ENGAGEMENT, ActivityKind.MESSAGE_SENT) in found.tested
    assert (Pillar.STRONG_RELATIONSHIP, ActivityKind.MESSAGE_SENT) not in found.tested
    custom = PillarMap.from_mapping("mine", {"search": "FIND_RIGHT_PEOPLE"})
    only = effects(sim.snapshots, sim.activities, pillar_map=custom)
    assert only.tested == ((Pillar.FIND_RIGHT_PEOPLE, ActivityKind.SEARCH),)
    with pytest.raises(RuleError, match="expected one of"):
        effects(sim.snapshots, sim.activities, pillar_map="folklore")


def test_what_a_pace_model_needs() -> None:
    sim = simulate(3, 52)
    found = effects(sim.snapshots, sim.activities)
    per_unit = found.points_per_unit(Pillar.FIND_RIGHT_PEOPLE)
    assert set(per_unit) == {ActivityKind.INVITATION_SENT}
    est, low, high = per_unit[ActivityKind.INVITATION_SENT]
    assert low < est < high
    change = found.expected_weekly_change("FIND_RIGHT_PEOPLE", {ActivityKind.INVITATION_SENT: 10})
    assert change == pytest.approx((10 * est, 10 * low, 10 * high))
    assert found.expected_weekly_change("FIND_RIGHT_PEOPLE", {ActivityKind.POST: 3}) is None
    assert Effects.from_dict(found.to_dict()) == found


def _snap(day: dt.date, profile: str = "me") -> Snapshot:
    return Snapshot(profile=profile, day=day, score=Score.from_pillars([10, 10, 10, 10]))


def _act(day: dt.date, kind: str = "comment", count: int = 1, source: str = "manual") -> Activity:
    return Activity(profile="me", day=day, kind=kind, count=count, source=source)


def test_missing_activity_or_scores_say_so() -> None:
    day = dt.date(2026, 1, 5)
    assert effects([_snap(day)], []).reason_code == "no_activity"
    assert effects([_snap(day)], [_act(day)]).reason_code == "no_scores"
    assert effects([], []).enough_data is False


def test_wrong_items_and_mixed_profiles_are_refused() -> None:
    day = dt.date(2026, 1, 5)
    with pytest.raises(AnalysisError, match="one profile"):
        effects([_snap(day), _snap(day, "bob")], [_act(day)])
    with pytest.raises(AnalysisError, match="expected Snapshot"):
        effects(["x"], [])  # type: ignore[list-item]
    with pytest.raises(AnalysisError, match="expected Activity"):
        effects([], [1])  # type: ignore[list-item]


def test_weeks_outside_a_kinds_records_are_unknown_not_zero() -> None:
    monday = dt.date(2026, 1, 5)
    days = [monday + dt.timedelta(weeks=w) for w in range(6)]
    data = weekly(
        [_snap(d) for d in days],
        [
            _act(days[2], "comment", 3),
            _act(days[2] + dt.timedelta(days=2), "comment", 2),
            _act(days[4], "search", 1),  # the manual log's last day: comments known to here
            _act(days[1], "post", 4, source="linkedin-export"),
            _act(days[1], "post", 1, source="manual"),  # the same day twice: the larger count
        ],
    )
    before = monday - dt.timedelta(weeks=1)  # the week before the first score, for a lag
    assert data.weeks == (before, *days)
    assert data.counts[ActivityKind.COMMENT] == (None, None, None, 5, 0, 0, None)
    assert data.counts[ActivityKind.SEARCH] == (None, None, None, None, None, 1, None)
    assert data.counts[ActivityKind.POST][2] == 4
    assert data.change[Pillar.PROFESSIONAL_BRAND] == (None, None, 0.0, 0.0, 0.0, 0.0, 0.0)


def test_activity_far_from_the_scores_does_not_stretch_the_weeks() -> None:
    monday = dt.date(2026, 1, 5)
    data = weekly(
        [_snap(monday), _snap(monday + dt.timedelta(weeks=1))],
        [_act(dt.date(1, 1, 1)), _act(dt.date(9999, 12, 31)), _act(monday, "search", 2)],
    )
    assert len(data.weeks) == 3
    assert data.counts[ActivityKind.COMMENT] == (0, 0, 0)
    assert data.counts[ActivityKind.SEARCH] == (None, 2, 0)


def test_least_squares_and_t_quantiles_match_known_values() -> None:
    x = [1.0, 2.0, 3.0, 4.0, 5.0]
    fit = ols([x], [2.1, 3.9, 6.2, 7.8, 10.1])
    assert fit is not None
    assert fit.beta[1] == pytest.approx(1.99, abs=1e-9)
    assert fit.beta[0] == pytest.approx(0.05, abs=1e-9)
    assert ols([x, [2 * v for v in x]], [1.0] * 5) is None  # collinear
    assert t_quantile(0.975, 10) == pytest.approx(2.228139, abs=1e-5)
    assert t_quantile(0.995, 5) == pytest.approx(4.032143, abs=1e-5)
    assert t_quantile(0.95, 20) == pytest.approx(1.724718, abs=1e-5)
    assert t_quantile(0.975, 1) == pytest.approx(12.706205, abs=1e-4)


def test_the_shipped_maps_cite_their_sources() -> None:
    for name in ("guides", "linkedin-2015"):
        the_map = pillar_map(name)
        assert {link.kind for link in the_map} == set(ActivityKind)
        for link in the_map:
            assert link.sources
            for key in link.sources:
                assert the_map.sources[key].title
    assert pillar_map().name == "guides"
    assert pillar_map("guides").pillar(ActivityKind.POST) is Pillar.PROFESSIONAL_BRAND
    assert pillar_map("linkedin-2015").pillar(ActivityKind.POST) is Pillar.INSIGHT_ENGAGEMENT
    with pytest.raises(RuleError, match="expected an activity kind"):
        PillarMap.from_mapping("bad", {"like": "FIND_RIGHT_PEOPLE"})


class _FlatPace:
    def weekly_gains(self, values: object, goal: object) -> tuple[float, ...]:
        return (0.1, 0.1, 0.1, 0.1)


def test_a_pace_model_from_the_users_own_effects() -> None:
    from ssi_index.activity import ActivityPace

    sim = simulate(3, 52)
    found = effects(sim.snapshots, sim.activities)
    pace = ActivityPace(effects=found, fallback=_FlatPace())
    gains = pace.weekly_gains((10.0, 10.0, 10.0, 10.0), "grow")
    assert set(pace.measured_pillars) == set(Pillar)
    assert pace.weeks == found.weeks >= 45
    invitations = found.strongest(Pillar.FIND_RIGHT_PEOPLE)
    assert invitations is not None
    assert gains[1] == pytest.approx(invitations.weekly_contribution)
    planned = ActivityPace(
        effects=found, fallback=_FlatPace(), counts={ActivityKind.INVITATION_SENT: 0}
    )
    assert planned.weekly_gains((10.0,) * 4, "grow") == (0.1, 0.1, 0.1, 0.1)
    assert planned.weeks == 0
