"""The rules engine: recommend(), ranking, goals, locales, custom rules, scales and rankers."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import Iterator, Sequence

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ssi_index
from ssi_index import (
    DEFAULT_RULES,
    HEBREW_GUIDE_SCALE,
    RUSSIAN_GUIDE_SCALE,
    Finding,
    Goal,
    GroupScore,
    InvalidScaleError,
    InvalidScoreError,
    Kind,
    Pillar,
    Recommendation,
    RuleContext,
    RuleError,
    Score,
    Snapshot,
    SSIError,
    Tier,
    TierScale,
    UnknownLocaleError,
    UnreachableTargetError,
    recommend,
)

WORKED = Score.from_pillars([13.4, 10.7, 11.1, 25])
"""The Hebrew guide's worked example: brand 13.4, people 10.7, engagement 11.1, relationships 25."""

GROW_ORDER = [Pillar.FIND_RIGHT_PEOPLE, Pillar.INSIGHT_ENGAGEMENT, Pillar.PROFESSIONAL_BRAND]


def grow_pillars(items: Sequence[Recommendation]) -> list[Pillar]:
    return [r.pillar for r in items if r.pillar is not None and r.key.startswith("pillar:")][:3]


# --- The worked example ------------------------------------------------------------------------


@pytest.mark.parametrize("locale", ["en", "he", "ru"])
def test_worked_example_order_in_every_locale(locale: str) -> None:
    items = recommend(WORKED, locale=locale)
    first = items[0]
    assert first.key == "pillar:FIND_RIGHT_PEOPLE"
    assert first.kind is Kind.GROW
    assert first.points == pytest.approx(14.3)
    grow = [r for r in items if r.key.startswith("pillar:") and r.kind is Kind.GROW]
    assert [r.pillar for r in grow] == GROW_ORDER
    assert [r.points for r in grow] == pytest.approx([14.3, 13.9, 11.6])


@pytest.mark.parametrize("locale", ["en", "he", "ru"])
def test_full_pillar_gets_only_a_short_maintain_item(locale: str) -> None:
    items = recommend(WORKED, locale=locale)
    about = [r for r in items if r.pillar is Pillar.STRONG_RELATIONSHIP]
    assert [r.kind for r in about] == [Kind.MAINTAIN]
    assert about[0].points == 0.0
    assert len(about[0].actions) == 1
    assert items.index(about[0]) > max(
        items.index(r) for r in items if r.pillar in GROW_ORDER and r.kind is Kind.GROW
    )


def test_worked_example_texts_carry_the_numbers() -> None:
    en = recommend(WORKED, locale="en")
    assert en[0].title == "Find the right people: 10.7 of 25, 14.3 points to gain"
    ru = recommend(WORKED, locale="ru")
    assert "10,7" in ru[0].title
    assert "14,3" in ru[0].title
    he = recommend(WORKED, locale="he")
    assert "10.7" in he[0].title
    assert "14.3" in he[0].title


def test_every_item_has_texts_and_a_source() -> None:
    for locale in ("en", "he", "ru"):
        for item in recommend(WORKED, locale=locale):
            assert item.title.strip()
            assert item.source.strip(), item.key
            assert all(a.strip() for a in item.actions)


def test_cautions_where_the_sources_warn() -> None:
    keys = [r.key for r in recommend(WORKED)]
    assert "caution.mass_invites" in keys
    assert "caution.mass_reposts" in keys
    invites = next(r for r in recommend(WORKED) if r.key == "caution.mass_invites")
    assert invites.kind is Kind.CAUTION
    assert "LinkedIn User Agreement" in invites.source
    # Nothing in the data calls for the caution: it follows the growth advice.
    grow = [i for i, r in enumerate(recommend(WORKED)) if r.kind is Kind.GROW and r.pillar]
    assert keys.index("caution.mass_invites") > max(grow)


def test_no_caution_for_full_pillars_unless_the_goal_needs_it() -> None:
    full = Score.from_pillars([25, 25, 25, 25])
    keys = {r.key for r in recommend(full)}
    assert not any(k.startswith("caution.") for k in keys)
    assert "caution.mass_invites" in {r.key for r in recommend(full, goal="ads")}


def test_keys_are_unique_and_stable_across_locales() -> None:
    en = [r.key for r in recommend(WORKED, locale="en")]
    assert len(en) == len(set(en))
    assert en == [r.key for r in recommend(WORKED, locale="he")]
    assert en == [r.key for r in recommend(WORKED, locale="ru")]


# --- Goals and targets ------------------------------------------------------------------------


def test_default_goal_is_sales_with_target_70() -> None:
    target = next(r for r in recommend(WORKED) if r.key == "target")
    assert target.points == pytest.approx(9.8)
    assert "70" in target.title
    assert "Find the right people: add 3.5 points (10.7 → 14.2 of 25)." in target.actions
    assert len(target.actions) == 3  # spread like plan(), not one pillar taking all
    assert "Hebrew" in target.source


@pytest.mark.parametrize(
    ("goal", "target", "scale"),
    [
        (Goal.SALES, 70.0, HEBREW_GUIDE_SCALE),
        (Goal.ADS, 55.0, RUSSIAN_GUIDE_SCALE),
        (Goal.JOB_SEARCH, 60.0, HEBREW_GUIDE_SCALE),
        (Goal.BRAND, 80.0, HEBREW_GUIDE_SCALE),
    ],
)
def test_goal_defaults(goal: Goal, target: float, scale: TierScale) -> None:
    assert goal.default_target == target
    assert goal.scale is scale
    assert Goal(goal.value) is goal


def test_goal_accepts_its_name() -> None:
    assert recommend(WORKED, goal="ads") == recommend(WORKED, goal=Goal.ADS)


def test_unknown_goal_is_a_clear_error() -> None:
    with pytest.raises(RuleError, match="expected one of sales, ads, job_search, brand"):
        recommend(WORKED, goal="fame")


def test_own_choice_targets_say_so() -> None:
    low = Score.from_pillars([10, 10, 10, 10])
    for goal in ("job_search", "brand"):
        target = next(r for r in recommend(low, goal=goal) if r.key == "target")
        assert target.source.startswith("ssi-index's own choice"), goal
    for goal in ("sales", "ads"):
        target = next(r for r in recommend(low, goal=goal) if r.key == "target")
        assert "own choice" not in target.source, goal


def test_ads_goal_adds_its_advice_and_uses_the_russian_scale() -> None:
    low = Score.from_pillars([12, 10, 10, 12])
    items = recommend(low, goal="ads")
    keys = [r.key for r in items]
    assert {"ads.offers", "ads.campaign", "caution.mass_invites"} <= set(keys)
    tier = next(r for r in items if r.key == "tier")
    assert "“At risk”" in tier.title
    campaign = next(r for r in items if r.key == "ads.campaign")
    assert "$2" in campaign.why
    assert "$10" in campaign.why


def test_job_search_goal_adds_dream_companies_and_company_pages() -> None:
    items = recommend(WORKED, goal="job_search")
    keys = [r.key for r in items]
    assert "job.dream_companies" in keys
    assert "job.company_pages" in keys
    dream = next(r for r in items if r.key == "job.dream_companies")
    assert dream.pillar is Pillar.FIND_RIGHT_PEOPLE
    # Ranked after its pillar's own item.
    assert keys.index("job.dream_companies") > keys.index("pillar:FIND_RIGHT_PEOPLE")


def test_goal_advice_never_pushes_a_full_pillar() -> None:
    items = recommend(WORKED, goal="sales")  # sales.referrals is about relationships, at 25
    assert "sales.referrals" not in {r.key for r in items}
    assert "sales.referrals" in {
        r.key for r in recommend(Score.from_pillars([10, 10, 10, 10]), goal="sales")
    }


def test_target_reached_gives_a_maintain_item() -> None:
    high = Score.from_pillars([20, 20, 20, 20])
    target = next(r for r in recommend(high) if r.key == "target")
    assert target.kind is Kind.MAINTAIN
    assert target.points == 0.0
    assert "80" in target.title
    assert "70" in target.title


def test_custom_target() -> None:
    target = next(r for r in recommend(WORKED, target=65) if r.key == "target")
    assert target.points == pytest.approx(4.8)
    assert target.source.startswith("the target you set")


@pytest.mark.parametrize("bad", [-1, "70", float("nan"), True])
def test_bad_target_is_an_invalid_score(bad: object) -> None:
    with pytest.raises(InvalidScoreError, match="target"):
        recommend(WORKED, target=bad)  # type: ignore[arg-type]


def test_target_above_100_is_unreachable() -> None:
    with pytest.raises(UnreachableTargetError, match="at most 100"):
        recommend(WORKED, target=100.5)


# --- Locales -----------------------------------------------------------------------------------


def test_region_tags_fall_back_to_the_language() -> None:
    assert recommend(WORKED, locale="he-IL") == recommend(WORKED, locale="he")
    assert recommend(WORKED, locale="ru_RU") == recommend(WORKED, locale="ru")
    assert recommend(WORKED, locale="EN-gb") == recommend(WORKED, locale="en")


def test_unknown_locale_lists_the_available_ones() -> None:
    with pytest.raises(UnknownLocaleError, match="available locales: en, he, ru") as info:
        recommend(WORKED, locale="fr")
    assert info.value.available == ("en", "he", "ru")
    assert isinstance(info.value, SSIError)


# --- Custom scale, rule and ranker from outside ------------------------------------------------

TWO_BANDS = TierScale(
    name="my-team",
    source="Our sales team's own bar",
    tiers=(
        Tier(name="not-yet", lower=0, upper=65, meaning="Below our team's bar."),
        Tier(name="on-track", lower=65, upper=100, meaning="At or above our team's bar."),
    ),
)


def test_custom_scale_from_outside() -> None:
    tier = next(r for r in recommend(WORKED, scale=TWO_BANDS) if r.key == "tier")
    assert "“not-yet”" in tier.title
    assert tier.why == "Below our team's bar."
    assert tier.source == "Our sales team's own bar"
    assert any("65" in a for a in tier.actions)


def test_custom_scale_in_another_locale_keeps_its_own_texts() -> None:
    tier = next(r for r in recommend(WORKED, scale=TWO_BANDS, locale="ru") if r.key == "tier")
    assert "«not-yet»" in tier.title


def test_custom_scale_is_validated() -> None:
    with pytest.raises(InvalidScaleError, match="gap"):
        TierScale(
            name="holes",
            source="nowhere",
            tiers=(
                Tier(name="a", lower=0, upper=40, meaning="a"),
                Tier(name="b", lower=50, upper=100, meaning="b"),
            ),
        )


def test_a_non_scale_is_refused() -> None:
    with pytest.raises(InvalidScaleError, match="expected a TierScale"):
        recommend(WORKED, scale={"name": "x"})  # type: ignore[arg-type]


def weekly_review(ctx: RuleContext) -> Iterator[Finding | Recommendation]:
    """A rule written outside ssi-index: one ready recommendation and one catalog finding."""
    if ctx.score.pillars.find_right_people < 15:
        yield Recommendation(
            key="team.weekly-review",
            pillar=Pillar.FIND_RIGHT_PEOPLE,
            kind=Kind.GROW,
            title="Review ten target accounts with your manager",
            actions=("Pick ten accounts", "Find two people in each"),
            why="Our team's playbook.",
            points=None,
            source="ACME sales playbook",
        )
    yield Finding(key="caution.mass_invites", pillar="FIND_RIGHT_PEOPLE", kind="caution")


def test_custom_rule_from_outside() -> None:
    items = recommend(WORKED, rules=[*DEFAULT_RULES, weekly_review])
    keys = [r.key for r in items]
    assert "team.weekly-review" in keys
    assert keys.count("caution.mass_invites") == 1  # deduplicated by key
    # Ranked after its pillar's own item, ahead of the cautions.
    assert keys.index("pillar:FIND_RIGHT_PEOPLE") < keys.index("team.weekly-review")
    assert keys.index("team.weekly-review") < keys.index("caution.mass_invites")


def test_custom_rule_alone() -> None:
    items = recommend(WORKED, rules=[weekly_review])
    assert [r.key for r in items] == ["team.weekly-review", "caution.mass_invites"]


def test_custom_ranker_replaces_the_default() -> None:
    def alphabetical(items: Sequence[Recommendation], ctx: RuleContext) -> Sequence[Recommendation]:
        return sorted(items, key=lambda r: r.key)

    keys = [r.key for r in recommend(WORKED, ranker=alphabetical)]
    assert keys == sorted(keys)


def test_a_rule_that_yields_garbage_is_a_rule_error() -> None:
    def broken(ctx: RuleContext) -> list[object]:
        return [42]

    with pytest.raises(RuleError, match="rule broken: expected Finding or Recommendation"):
        recommend(WORKED, rules=[broken])  # type: ignore[list-item]


def test_bad_rules_and_rankers_are_rule_errors() -> None:
    def forgot_to_return(ctx: RuleContext) -> None:
        pass

    with pytest.raises(RuleError, match="rule forgot_to_return: expected an iterable"):
        recommend(WORKED, rules=[forgot_to_return])  # type: ignore[list-item]
    with pytest.raises(RuleError, match="rules: expected a sequence of rules, found int"):
        recommend(WORKED, rules=5)  # type: ignore[arg-type]
    with pytest.raises(RuleError, match="rules: expected callables"):
        recommend(WORKED, rules=["pillars"])  # type: ignore[list-item]
    with pytest.raises(RuleError, match="ranker: expected Recommendation items, found str"):
        recommend(WORKED, ranker=lambda items, ctx: ["x"])  # type: ignore[list-item]
    with pytest.raises(RuleError, match="ranker: expected a sequence, found NoneType"):
        recommend(WORKED, ranker=lambda items, ctx: None)  # type: ignore[arg-type,return-value]
    with pytest.raises(RuleError, match="ranker: expected a callable"):
        recommend(WORKED, ranker=3)  # type: ignore[arg-type]


def test_a_finding_with_an_unknown_key_is_a_rule_error() -> None:
    def unknown(ctx: RuleContext) -> list[Finding]:
        return [Finding(key="nope.nothing")]

    with pytest.raises(RuleError, match=r"expected an advice entry .nope\.nothing."):
        recommend(WORKED, rules=[unknown])


def test_a_finding_missing_a_placeholder_is_a_rule_error() -> None:
    def no_params(ctx: RuleContext) -> list[Finding]:
        return [Finding(key="x", text="pillar.professional_brand.grow")]

    with pytest.raises(RuleError, match="expected values for"):
        recommend(WORKED, rules=[no_params])


def test_bad_recommendation_values_are_rule_errors() -> None:
    with pytest.raises(RuleError, match="kind"):
        Recommendation(key="k", pillar=None, kind="boost", title="t")
    with pytest.raises(RuleError, match="pillar"):
        Recommendation(key="k", pillar="BRAND", kind="grow", title="t")
    with pytest.raises(RuleError, match="key"):
        Finding(key="")


def test_not_a_score_is_refused() -> None:
    with pytest.raises(InvalidScoreError, match="expected a Score"):
        recommend({"overall": 60})  # type: ignore[arg-type]


# --- Comparison and history rules ---------------------------------------------------------------


def test_comparison_items_when_groups_have_averages() -> None:
    score = Score.from_pillars(
        [13.4, 10.7, 11.1, 25],
        groups=[
            GroupScore(kind="INDUSTRY", rank=8, average=65.0),
            GroupScore(kind="NETWORK", rank=None, average=None),
        ],
    )
    items = {r.key: r for r in recommend(score)}
    industry = items["compare:INDUSTRY"]
    assert industry.kind is Kind.GROW
    assert industry.title == "4.8 points below the average of your industry (65)"
    assert "LinkedIn ranks you in the top 8% of this group." in industry.actions
    assert "compare:NETWORK" not in items


def test_history_flags_a_drop_and_suggests_keeping_one_otherwise() -> None:
    before = Score.from_pillars([15, 12.5, 11.1, 25])
    history = [
        Snapshot(profile="me", day=dt.date(2026, 11, 1), score=Score.from_pillars([1, 1, 1, 1])),
        Snapshot(profile="me", day=dt.date(2026, 11, 20), score=before),
        Snapshot(profile="me", day=dt.date(2026, 11, 23), score=WORKED),
    ]
    items = {r.key: r for r in recommend(WORKED, history=history)}
    assert {k for k in items if k.startswith("history")} == {
        "history:PROFESSIONAL_BRAND",
        "history:FIND_RIGHT_PEOPLE",
    }
    drop = items["history:FIND_RIGHT_PEOPLE"]
    assert drop.kind is Kind.CAUTION
    assert drop.title == "Find the right people fell by 1.8 points since 2026-11-20"
    assert "history.start" in {r.key for r in recommend(WORKED)}


def test_history_must_hold_snapshots() -> None:
    with pytest.raises(InvalidScoreError, match=r"history\[0\]"):
        recommend(WORKED, history=[WORKED])  # type: ignore[list-item]


# --- Laziness -----------------------------------------------------------------------------------


def test_importing_ssi_index_loads_no_catalog() -> None:
    code = (
        "import ssi_index\n"
        "from ssi_index.rules import _catalog, _default, _goals\n"
        "assert _catalog.load_catalog.cache_info().currsize == 0\n"
        "assert _default._pipeline.cache_info().currsize == 0\n"
        "assert _goals._profiles.cache_info().currsize == 0\n"
        "ssi_index.recommend(ssi_index.Score.from_pillars([1, 2, 3, 4]))\n"
        "assert _catalog.load_catalog.cache_info().currsize == 1\n"
        "print('ok')\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "ok"


def test_default_rules_is_a_sequence_of_callables() -> None:
    assert len(DEFAULT_RULES) == 8
    assert all(callable(rule) for rule in DEFAULT_RULES)
    assert DEFAULT_RULES[0].__name__ == "pillars"
    assert ssi_index.recommend is recommend


# --- Properties -----------------------------------------------------------------------------------

pillar_value = st.floats(min_value=0, max_value=25, allow_nan=False, allow_infinity=False)


@given(st.lists(pillar_value, min_size=4, max_size=4), st.sampled_from(list(Goal)))
def test_any_score_gives_ranked_items_with_reasons(values: list[float], goal: Goal) -> None:
    score = Score.from_pillars(values)
    gaps = score.pillars.gaps()
    items = recommend(score, goal=goal)
    assert isinstance(items, list)
    assert items
    assert all(item.rank_reason for item in items)
    first = items[0]
    if first.pillar is not None and first.kind is Kind.GROW:
        assert score.pillars[first.pillar] < 24  # never a (nearly) full pillar first
    for item in items:
        if item.pillar is not None and score.pillars[item.pillar] >= 24:
            assert item.kind is not Kind.GROW  # upkeep only, from 24
        if item.key.startswith("pillar:") and item.kind is Kind.GROW:
            assert item.points == pytest.approx(gaps[item.pillar])  # type: ignore[index]
