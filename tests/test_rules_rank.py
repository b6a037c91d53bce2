"""The default ranker: by goal and situation, each item with the reason for its place."""

from __future__ import annotations

import datetime as dt

import pytest

from ssi_index import GroupScore, Kind, Pillar, Score, Snapshot, recommend
from ssi_index.rules import by_gap, by_situation

WORKED = Score.from_pillars([13.4, 10.7, 11.1, 25])
WEAK = {Pillar.PROFESSIONAL_BRAND, Pillar.FIND_RIGHT_PEOPLE, Pillar.INSIGHT_ENGAGEMENT}
DAY = dt.date(2026, 11, 23)


def keys(score: Score, **kw: object) -> list[str]:
    return [r.key for r in recommend(score, **kw)]  # type: ignore[arg-type]


def snap(days_before: int, *pillars: float) -> Snapshot:
    return Snapshot(
        profile="me", day=DAY - dt.timedelta(days=days_before), score=Score.from_pillars(pillars)
    )


@pytest.mark.parametrize("locale", ["en", "he", "ru"])
def test_worked_example_a_weak_pillar_leads_never_the_full_one(locale: str) -> None:
    items = recommend(WORKED, locale=locale)
    assert items[0].pillar in WEAK
    assert items[0].kind is Kind.GROW
    assert all(item.rank_reason for item in items)
    full = next(r for r in items if r.pillar is Pillar.STRONG_RELATIONSHIP)
    assert full.kind is Kind.MAINTAIN
    assert items.index(full) > 3
    # The reason states what the item can add this month.
    en = recommend(WORKED)[0].rank_reason
    assert en.startswith("Can add about ")
    assert "in the next 4 weeks" in en


def test_cautions_follow_growth_unless_the_data_calls_for_them() -> None:
    order = keys(WORKED)
    last_grow = max(order.index(f"pillar:{p.value}") for p in WEAK)
    assert order.index("caution.mass_invites") > last_grow
    assert order.index("caution.mass_reposts") > last_grow  # she does not post at all
    reason = next(r for r in recommend(WORKED) if r.key == "caution.mass_reposts").rank_reason
    assert "nothing in your data calls for it" in reason


def test_a_sharp_rise_in_finding_people_brings_the_invitation_caution_up() -> None:
    history = [snap(6, 13.4, 7.5, 11.1, 25)]  # +3.2 within a week
    items = recommend(WORKED, history=history)
    assert items[0].key == "caution.mass_invites"
    assert "rose by 3.2 points within a week" in items[0].rank_reason
    calm = [snap(6, 13.4, 9.0, 11.1, 25)]  # +1.7: not sharp
    assert keys(WORKED, history=calm).index("caution.mass_invites") > 3


def test_all_low_leads_with_the_quick_win() -> None:
    items = recommend(Score.from_pillars([3, 2, 1, 4]))
    assert items[0].key == "pillar:PROFESSIONAL_BRAND"
    assert "a quick win" in items[0].rank_reason
    assert all(
        r.kind is Kind.GROW for r in items if r.key.startswith("pillar:")
    )  # every pillar has room


def test_all_25_has_nothing_to_grow() -> None:
    items = recommend(Score.from_pillars([25, 25, 25, 25]))
    assert all(r.kind is not Kind.GROW for r in items)
    assert not any(r.kind is Kind.CAUTION for r in items)


def test_one_pillar_at_zero_comes_first() -> None:
    items = recommend(Score.from_pillars([15, 0, 15, 15]))
    assert items[0].key == "pillar:FIND_RIGHT_PEOPLE"


def test_advertiser_at_48_sees_the_floor_first_with_the_score_against_it() -> None:
    items = recommend(Score.from_pillars([12, 12, 12, 12]), goal="ads")
    first = items[0]
    assert first.key == "floor"
    assert first.kind is Kind.CAUTION
    assert first.title == "Your SSI of 48 is 2 points under the floor of 50"
    assert first.rank_reason == "First: your total is under the floor of 50."
    assert "Russian guide" in first.source or "ZorbasMedia" in first.source
    assert "floor" not in keys(Score.from_pillars([13, 13, 12, 12]), goal="ads")  # 50: over
    ru = recommend(Score.from_pillars([12, 12, 12, 12]), goal="ads", locale="ru")[0]
    assert ru.title == "Ваш SSI 48: на 2 балла ниже порога 50"


def test_job_seeker_at_65_with_brand_24_gets_upkeep_not_the_growth_list() -> None:
    score = Score.from_pillars([24, 20, 12, 9])
    items = recommend(score, goal="job_search")
    brand = [r for r in items if r.pillar is Pillar.PROFESSIONAL_BRAND]
    assert [r.key for r in brand] == ["pillar:PROFESSIONAL_BRAND"]  # no brand extras either
    assert brand[0].kind is Kind.MAINTAIN
    assert len(brand[0].actions) == 1
    assert brand[0].title == "Professional brand at 24 of 25: keep it up"
    assert "24 of 25" in brand[0].rank_reason
    assert items[0].key == "pillar:FIND_RIGHT_PEOPLE"  # the goal weighs finding people
    assert "×2" in items[0].rank_reason


def test_brand_goal_puts_brand_first() -> None:
    score = Score.from_pillars([20, 15, 15, 20])
    assert keys(score, goal="brand")[0] == "pillar:PROFESSIONAL_BRAND"
    assert keys(score)[0] != "pillar:PROFESSIONAL_BRAND"  # without the goal, it is not


def test_per_pillar_group_averages_count_in_the_ranking() -> None:
    plain = Score.from_pillars([14, 14, 14, 14])
    assert keys(plain)[0] == "pillar:PROFESSIONAL_BRAND"  # equal: LinkedIn's order
    ahead = Score.from_pillars(
        [14, 14, 14, 14],
        groups=[
            GroupScore(kind="INDUSTRY", rank=20, average=60.0, pillars=[14, 14, 18, 14]),
        ],
    )
    items = recommend(ahead)
    assert items[0].key == "pillar:INSIGHT_ENGAGEMENT"
    assert "your industry is ahead here by 4 points" in items[0].rank_reason


def test_a_month_of_history_with_a_rise_and_a_drop() -> None:
    history = [
        snap(28, 12.0, 9.0, 10.0, 25),
        snap(14, 13.0, 12.5, 9.0, 25),
        snap(7, 13.4, 12.5, 9.0, 25),
    ]
    items = {r.key: r for r in recommend(WORKED, history=history)}
    drop = items["history:FIND_RIGHT_PEOPLE"]
    rise = items["history:INSIGHT_ENGAGEMENT"]
    assert drop.kind is Kind.CAUTION
    assert rise.kind is Kind.MAINTAIN
    assert rise.title == "Engage with insights rose by 2.1 points since 2026-11-16"
    order = list(items)
    assert order.index("history:FIND_RIGHT_PEOPLE") == 0  # the data calls for it
    assert order.index("history:INSIGHT_ENGAGEMENT") > order.index("pillar:PROFESSIONAL_BRAND")


def test_one_point_is_singular_in_every_locale() -> None:
    score = Score.from_pillars([24, 24, 24, 24])
    assert recommend(score)[0].why.startswith("Nearly full: 1 point left.")
    he = recommend(score, locale="he")
    assert any("נקודה אחת" in r.why for r in he)
    ru = recommend(Score.from_pillars([13, 13, 12, 11]), goal="ads", locale="ru")[0]
    assert ru.title == "Ваш SSI 49: на 1 балл ниже порога 50"


def test_the_gap_only_ranker_is_still_available() -> None:
    items = recommend(WORKED, ranker=by_gap)
    assert items[0].key == "pillar:FIND_RIGHT_PEOPLE"
    assert [r.key for r in recommend(WORKED, ranker=by_situation)] == keys(WORKED)
