"""Tests for the domain model: Pillar, PillarScores, GroupScore, Score."""

from __future__ import annotations

import math
import pickle

import attrs
import pytest

from ssi_index import GroupScore, InvalidScoreError, Pillar, PillarScores, Score

WORKED = [13.4, 10.7, 11.1, 25]


class TestPillar:
    def test_values_are_linkedins_names_in_order(self) -> None:
        assert [p.value for p in Pillar] == [
            "PROFESSIONAL_BRAND",
            "FIND_RIGHT_PEOPLE",
            "INSIGHT_ENGAGEMENT",
            "STRONG_RELATIONSHIP",
        ]

    def test_labels_and_max(self) -> None:
        assert Pillar.FIND_RIGHT_PEOPLE.label == "Find the right people"
        assert Pillar.PROFESSIONAL_BRAND.label == "Establish your professional brand"
        assert Pillar.INSIGHT_ENGAGEMENT.label == "Engage with insights"
        assert Pillar.STRONG_RELATIONSHIP.label == "Build relationships"
        assert {p.max for p in Pillar} == {25.0}

    def test_slug(self) -> None:
        assert Pillar.STRONG_RELATIONSHIP.slug == "strong_relationship"


class TestPillarScores:
    def test_from_sequence_in_linkedin_order(self) -> None:
        p = PillarScores(WORKED)
        assert p[Pillar.PROFESSIONAL_BRAND] == 13.4
        assert p.find_right_people == 10.7
        assert p.insight_engagement == 11.1
        assert p.strong_relationship == 25.0
        assert list(p) == list(Pillar)
        assert len(p) == 4

    def test_from_mapping_any_key_order_and_string_keys(self) -> None:
        mixed: dict[object, float] = {
            "STRONG_RELATIONSHIP": 25,
            Pillar.INSIGHT_ENGAGEMENT: 11.1,
            "PROFESSIONAL_BRAND": 13.4,
            "FIND_RIGHT_PEOPLE": 10.7,
        }
        p = PillarScores(mixed)  # type: ignore[arg-type]
        assert p == PillarScores(WORKED)
        assert p["FIND_RIGHT_PEOPLE"] == 10.7

    def test_equal_to_plain_dict_and_hashable(self) -> None:
        p = PillarScores(WORKED)
        assert p == {pillar: float(v) for pillar, v in zip(Pillar, WORKED, strict=True)}
        assert hash(p) == hash(PillarScores(list(WORKED)))
        assert p != PillarScores([13.4, 10.7, 11.1, 24])

    def test_total_has_no_binary_noise(self) -> None:
        assert PillarScores(WORKED).total == 60.2

    def test_gaps(self) -> None:
        gaps = PillarScores(WORKED).gaps()
        assert gaps[Pillar.FIND_RIGHT_PEOPLE] == pytest.approx(14.3)
        assert gaps[Pillar.STRONG_RELATIONSHIP] == 0.0

    def test_to_dict(self) -> None:
        assert PillarScores(WORKED).to_dict() == {
            "PROFESSIONAL_BRAND": 13.4,
            "FIND_RIGHT_PEOPLE": 10.7,
            "INSIGHT_ENGAGEMENT": 11.1,
            "STRONG_RELATIONSHIP": 25.0,
        }

    def test_pickle(self) -> None:
        p = PillarScores(WORKED)
        assert pickle.loads(pickle.dumps(p)) == p

    @pytest.mark.parametrize("value", [0, 0.0, 25, 25.0, 12.5, 25.000002, 0.29999998])
    def test_accepts_bounds_and_float32_noise(self, value: float) -> None:
        assert PillarScores([value, 0, 0, 0]).professional_brand == float(value)

    @pytest.mark.parametrize("value", [-0.01, 25.01, 26, 100, math.inf, -math.inf, math.nan])
    def test_rejects_out_of_range(self, value: float) -> None:
        with pytest.raises(InvalidScoreError, match="PROFESSIONAL_BRAND"):
            PillarScores([value, 0, 0, 0])

    @pytest.mark.parametrize("value", ["1", None, True, [1], b"1"])
    def test_rejects_non_numbers(self, value: object) -> None:
        with pytest.raises(InvalidScoreError, match="expected a number"):
            PillarScores([value, 0, 0, 0])  # type: ignore[list-item]

    def test_rejects_missing_pillar(self) -> None:
        with pytest.raises(InvalidScoreError, match="missing: STRONG_RELATIONSHIP"):
            PillarScores({"PROFESSIONAL_BRAND": 1, "FIND_RIGHT_PEOPLE": 1, "INSIGHT_ENGAGEMENT": 1})

    def test_rejects_unknown_pillar(self) -> None:
        with pytest.raises(InvalidScoreError, match="found 'CHARM'"):
            PillarScores({"CHARM": 1, "FIND_RIGHT_PEOPLE": 1, "INSIGHT_ENGAGEMENT": 1})

    @pytest.mark.parametrize("values", [[1, 2, 3], [1, 2, 3, 4, 5], []])
    def test_rejects_wrong_length(self, values: list[float]) -> None:
        with pytest.raises(InvalidScoreError, match="four pillar scores"):
            PillarScores(values)

    @pytest.mark.parametrize("values", ["1234", 42, None])
    def test_rejects_wrong_container(self, values: object) -> None:
        with pytest.raises(InvalidScoreError, match="expected a mapping"):
            PillarScores(values)  # type: ignore[arg-type]

    def test_unknown_key_follows_the_mapping_protocol(self) -> None:
        p = PillarScores(WORKED)
        assert p.get("nope") is None  # type: ignore[call-overload]
        assert "nope" not in p  # type: ignore[comparison-overlap]
        with pytest.raises(KeyError, match="found 'nope'"):
            p["nope"]


class TestGroupScore:
    def test_all_fields_optional(self) -> None:
        g = GroupScore()
        assert attrs.asdict(g) == {
            "kind": None,
            "rank": None,
            "average": None,
            "size": None,
            "name": None,
            "pillars": None,
        }

    def test_full(self) -> None:
        g = GroupScore(
            kind="INDUSTRY",
            rank=40,
            average=28,
            size=120_000,
            name="Computer Software",
            pillars=[7, 7, 7, 7],
        )
        assert g.average == 28.0
        assert isinstance(g.average, float)
        assert g.pillars == PillarScores([7, 7, 7, 7])

    def test_other_kinds_kept_as_sent(self) -> None:
        assert GroupScore(kind="TEAM").kind == "TEAM"

    @pytest.mark.parametrize(
        ("field", "value", "message"),
        [
            ("rank", -1, "rank: expected 0 to 100"),
            ("rank", 101, "rank: expected 0 to 100"),
            ("rank", 4.5, "rank: expected a whole number"),
            ("rank", True, "rank: expected a whole number"),
            ("average", 100.5, "average: expected 0 to 100"),
            ("average", "31", "average: expected a number"),
            ("size", -3, "size: expected 0 or more"),
            ("kind", 3, "kind: expected text"),
            ("name", b"x", "name: expected text"),
        ],
    )
    def test_rejects(self, field: str, value: object, message: str) -> None:
        with pytest.raises(InvalidScoreError, match=message):
            GroupScore(**{field: value})  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("field", "value"), [("rank", 0), ("rank", 100), ("average", 0), ("average", 100)]
    )
    def test_accepts_bounds(self, field: str, value: int) -> None:
        assert getattr(GroupScore(**{field: value}), field) == value  # type: ignore[arg-type]

    def test_rejects_bad_group_pillars(self) -> None:
        with pytest.raises(InvalidScoreError):
            GroupScore(pillars=[30, 1, 1, 1])


class TestScore:
    def test_from_pillars_computes_total(self) -> None:
        s = Score.from_pillars(WORKED)
        assert s.overall == 60.2
        assert s.pillars == PillarScores(WORKED)
        assert s.groups == ()
        assert s.active_seat is None
        assert s.industry is None
        assert s.network is None

    def test_from_pillars_with_groups(self) -> None:
        industry = GroupScore(kind="INDUSTRY", rank=40, average=28.4, name="Software")
        network = GroupScore(kind="NETWORK", rank=35, average=30.1)
        team = GroupScore(kind="TEAM", rank=2)
        s = Score.from_pillars(WORKED, groups=[industry, team, network], active_seat=True)
        assert s.industry == industry
        assert s.network == network
        assert s.group("TEAM") == team
        assert s.group("GALAXY") is None
        assert s.groups == (industry, team, network)
        assert s.active_seat is True

    def test_tier_from_default_scale(self) -> None:
        assert Score.from_pillars(WORKED).tier.name == "base"
        assert Score.from_pillars([20, 20, 20, 20]).tier.name == "expert"
        assert Score.from_pillars([0, 0, 0, 0]).tier.name == "below-base"

    @pytest.mark.parametrize("overall", [59.2, 61.2, 60.0, 60.2, 60.2000001])
    def test_total_within_one_point_of_the_sum(self, overall: float) -> None:
        assert Score(overall=overall, pillars=WORKED).overall == overall

    @pytest.mark.parametrize("overall", [59.1, 61.3, 80, 0])
    def test_total_disagreeing_with_pillars_is_rejected(self, overall: float) -> None:
        with pytest.raises(InvalidScoreError, match=r"sum of the pillars \(60.2\)"):
            Score(overall=overall, pillars=WORKED)

    @pytest.mark.parametrize("overall", [-1, 100.5, math.nan, math.inf])
    def test_total_outside_range_is_rejected(self, overall: float) -> None:
        with pytest.raises(InvalidScoreError, match="overall"):
            Score(overall=overall, pillars=[25, 25, 25, 25])

    def test_bounds_accepted(self) -> None:
        assert Score(overall=100, pillars=[25, 25, 25, 25]).overall == 100.0
        assert Score(overall=0, pillars=[0, 0, 0, 0]).overall == 0.0

    def test_float32_noise_accepted(self) -> None:
        s = Score(overall=41.53, pillars=[14.2, 9.0300007, 7.6, 10.7])
        assert s.pillars.find_right_people == 9.0300007

    @pytest.mark.parametrize("overall", ["60", None, True])
    def test_total_must_be_a_number(self, overall: object) -> None:
        with pytest.raises(InvalidScoreError, match="overall: expected a number"):
            Score(overall=overall, pillars=WORKED)

    @pytest.mark.parametrize("seat", ["yes", 1, 0])
    def test_active_seat_must_be_bool_or_none(self, seat: object) -> None:
        with pytest.raises(InvalidScoreError, match="active_seat"):
            Score.from_pillars(WORKED, active_seat=seat)  # type: ignore[arg-type]

    @pytest.mark.parametrize("groups", [[{"kind": "INDUSTRY"}], "INDUSTRY", [None]])
    def test_groups_must_be_group_scores(self, groups: object) -> None:
        with pytest.raises(InvalidScoreError, match="groups"):
            Score.from_pillars(WORKED, groups=groups)  # type: ignore[arg-type]

    def test_immutable_and_hashable(self) -> None:
        s = Score.from_pillars(WORKED, groups=[GroupScore(kind="INDUSTRY", pillars=[1, 2, 3, 4])])
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            s.overall = 1  # type: ignore[misc]
        assert hash(s) == hash(
            Score.from_pillars(WORKED, groups=[GroupScore(kind="INDUSTRY", pillars=[1, 2, 3, 4])])
        )
        assert len({s, s}) == 1

    def test_pickle_round_trip(self) -> None:
        s = Score.from_pillars(WORKED, groups=[GroupScore(kind="NETWORK", pillars=[1, 2, 3, 4])])
        assert pickle.loads(pickle.dumps(s)) == s
