"""LinkedIn's SSI JSON and its wrappers (ssi_index._parse._json), on small inline payloads."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from ssi_index import (
    GroupScore,
    InvalidScoreError,
    NotAuthenticatedError,
    ParseError,
    Pillar,
    parse,
    parse_json,
)

NAMES = [p.value for p in Pillar]


def payload(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "activeSeat": False,
        "memberScore": {
            "overall": 41.53,
            "subScores": [
                {"score": 14.2, "pillar": "PROFESSIONAL_BRAND"},
                {"score": 9.0300007, "pillar": "FIND_RIGHT_PEOPLE"},
                {"score": 7.6, "pillar": "INSIGHT_ENGAGEMENT"},
                {"score": 10.7, "pillar": "STRONG_RELATIONSHIP"},
            ],
        },
        "groupScore": [
            {"groupType": "INDUSTRY", "rank": 40, "score": {"overall": 28.4, "subScores": []}},
            {"groupType": "NETWORK", "rank": 35, "score": {"overall": 30.1, "subScores": []}},
        ],
    }
    base.update(changes)
    return base


def test_reads_linkedins_payload() -> None:
    score = parse_json(payload())
    assert score.overall == 41.53
    assert score.pillars.find_right_people == 9.0300007
    assert score.active_seat is False
    assert score.industry == GroupScore(kind="INDUSTRY", rank=40, average=28.4)
    assert score.network == GroupScore(kind="NETWORK", rank=35, average=30.1)


def test_pillars_are_keyed_by_name_in_any_order() -> None:
    data = payload()
    data["memberScore"]["subScores"].reverse()
    assert parse_json(data) == parse_json(payload())


def test_items_without_pillar_follow_linkedins_order() -> None:
    data = payload()
    for item in data["memberScore"]["subScores"]:
        del item["pillar"]
    assert parse_json(data).pillars == parse_json(payload()).pillars


def test_missing_active_seat_is_none_not_false() -> None:
    data = payload()
    del data["activeSeat"]
    assert parse_json(data).active_seat is None
    assert parse_json(payload(activeSeat=None)).active_seat is None


def test_missing_groups_give_no_groups() -> None:
    data = payload()
    del data["groupScore"]
    assert parse_json(data).groups == ()


def test_missing_overall_is_the_pillar_sum() -> None:
    data = payload()
    del data["memberScore"]["overall"]
    score = parse_json(data)
    assert score.overall == score.pillars.total


def test_group_details_and_other_group_types_are_kept_in_order() -> None:
    group_pillars = [
        {"score": v, "pillar": n} for v, n in zip([5.5, 6, 7, 8.25], NAMES, strict=True)
    ]
    data = payload(
        groupScore=[
            {"groupType": "TEAM", "rank": 3, "groupSize": 12, "score": {"overall": 50.0}},
            {
                "groupType": "INDUSTRY",
                "rank": 40,
                "groupSize": 120000,
                "industry": "Computer Software",
                "score": {"overall": 26.75, "subScores": group_pillars},
            },
            {"groupType": "SOMETHING_NEW"},
        ]
    )
    score = parse_json(data)
    assert [g.kind for g in score.groups] == ["TEAM", "INDUSTRY", "SOMETHING_NEW"]
    industry = score.industry
    assert industry is not None
    assert (industry.size, industry.name, industry.average) == (120000, "Computer Software", 26.75)
    assert industry.pillars is not None
    assert industry.pillars.strong_relationship == 8.25
    assert score.group("SOMETHING_NEW") == GroupScore(kind="SOMETHING_NEW")
    assert score.network is None


def test_integral_float_rank_is_accepted() -> None:
    data = payload()
    data["groupScore"][0]["rank"] = 40.0
    industry = parse_json(data).industry
    assert industry is not None
    assert industry.rank == 40


@pytest.mark.parametrize("key", ["data", "result", "value", "response"])
def test_one_level_wrappers_are_unwrapped(key: str) -> None:
    wrapped = {"object": "LinkedinRawData", key: payload(), "meta": {"took": 3}}
    assert parse_json(wrapped) == parse_json(payload())
    assert parse(json.dumps(wrapped)) == parse_json(payload())


def test_errors_inside_a_wrapper_name_the_wrapped_path() -> None:
    inner = payload()
    inner["memberScore"]["subScores"][1]["score"] = "nine"
    with pytest.raises(ParseError) as info:
        parse_json({"object": "LinkedinRawData", "data": inner})
    assert info.value.path == "$.data.memberScore.subScores[1].score"


def test_two_candidates_in_a_wrapper_are_ambiguous() -> None:
    with pytest.raises(ParseError, match="several"):
        parse_json({"a": payload(), "b": payload()})


@pytest.mark.parametrize("status", [401, 403])
def test_linkedin_auth_errors_mean_not_authenticated(status: int) -> None:
    with pytest.raises(NotAuthenticatedError, match=f"status {status}.*sign in"):
        parse_json({"status": status, "message": "Empty oauth2 access token"})
    with pytest.raises(NotAuthenticatedError):
        parse_json({"object": "LinkedinRawData", "data": {"status": status}})


@pytest.mark.parametrize("status", [429, 500, 999])
def test_other_linkedin_errors_are_parse_errors_with_the_status(status: int) -> None:
    with pytest.raises(ParseError, match=f"status {status}"):
        parse_json({"status": status, "message": "Too many"})


@pytest.mark.parametrize(
    "body", ["CSRF check failed.", "CSRF check failed", b"CSRF check failed.\n"]
)
def test_csrf_body_means_not_authenticated(body: str | bytes) -> None:
    with pytest.raises(NotAuthenticatedError, match="CSRF"):
        parse_json(body)
    with pytest.raises(NotAuthenticatedError):
        parse(body)


@pytest.mark.parametrize("key", ["ssi", "overall", "score", "total"])
def test_total_without_pillars_is_refused_never_invented(key: str) -> None:
    with pytest.raises(ParseError, match="pillars are missing"):
        parse_json({key: 78, "industryTop": 15, "networkTop": 10})


def test_member_score_without_sub_scores_says_pillars_are_missing() -> None:
    with pytest.raises(ParseError, match="pillars are missing") as info:
        parse_json({"memberScore": {"overall": 78}})
    assert info.value.path == "$.memberScore.subScores"


BROKEN: list[tuple[str, Any, str]] = [
    ("memberScore", [], "$.memberScore"),
    ("memberScore.overall", "high", "$.memberScore.overall"),
    ("memberScore.overall", True, "$.memberScore.overall"),
    ("memberScore.overall", float("nan"), "$.memberScore.overall"),
    ("memberScore.subScores", {"PROFESSIONAL_BRAND": "14.2"}, "$.memberScore.subScores"),
    ("memberScore.subScores.2", "7.6", "$.memberScore.subScores[2]"),
    ("memberScore.subScores.2.score", "7,6", "$.memberScore.subScores[2].score"),
    ("memberScore.subScores.2.score", " 7.6", "$.memberScore.subScores[2].score"),
    ("memberScore.subScores.2.score", "NaN", "$.memberScore.subScores[2].score"),
    ("memberScore.subScores.2.score", None, "$.memberScore.subScores[2].score"),
    ("memberScore.subScores.2.pillar", "CHARISMA", "$.memberScore.subScores[2].pillar"),
    ("memberScore.subScores.2.pillar", 3, "$.memberScore.subScores[2].pillar"),
    ("memberScore.subScores.2.pillar", "PROFESSIONAL_BRAND", "$.memberScore.subScores[2]"),
    ("groupScore", {"INDUSTRY": 1}, "$.groupScore"),
    ("groupScore.0", 7, "$.groupScore[0]"),
    ("groupScore.0.rank", "forty", "$.groupScore[0].rank"),
    ("groupScore.0.rank", "40.5", "$.groupScore[0].rank"),
    ("groupScore.0.rank", 40.5, "$.groupScore[0].rank"),
    ("groupScore.0.groupType", 1, "$.groupScore[0].groupType"),
    ("groupScore.0.groupSize", "many", "$.groupScore[0].groupSize"),
    ("groupScore.0.industry", ["IT"], "$.groupScore[0].industry"),
    ("groupScore.0.score", 28.4, "$.groupScore[0].score"),
    ("groupScore.0.score.overall", "28 points", "$.groupScore[0].score.overall"),
    ("groupScore.1.score.subScores", [1, 2], "$.groupScore[1].score.subScores[0]"),
    ("activeSeat", "yes", "$.activeSeat"),
]


def put(data: dict[str, Any], dotted: str, value: Any) -> dict[str, Any]:
    data = copy.deepcopy(data)
    *parents, last = dotted.split(".")
    node: Any = data
    for key in parents:
        node = node[int(key)] if isinstance(node, list) else node[key]
    if isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value
    return data


@pytest.mark.parametrize(("where", "value", "path"), BROKEN)
def test_wrong_shapes_are_parse_errors_naming_the_json_path(
    where: str, value: Any, path: str
) -> None:
    with pytest.raises(ParseError) as info:
        parse_json(put(payload(), where, value))
    assert info.value.path == path
    assert str(info.value).startswith(path) or path in str(info.value)
    assert "expected" in str(info.value)


def test_too_few_and_too_many_pillars() -> None:
    data = payload()
    data["memberScore"]["subScores"].pop()
    with pytest.raises(ParseError, match="missing: STRONG_RELATIONSHIP"):
        parse_json(data)
    data = payload()
    for item in data["memberScore"]["subScores"]:
        del item["pillar"]
    data["memberScore"]["subScores"].append({"score": 1.0})
    with pytest.raises(ParseError, match="at most four") as info:
        parse_json(data)
    assert info.value.path == "$.memberScore.subScores[4]"


INVALID: list[tuple[str, Any, str]] = [
    ("memberScore.subScores.1.score", 27.5, "$.memberScore.subScores[1].score"),
    ("memberScore.subScores.1.score", -0.5, "$.memberScore.subScores[1].score"),
    ("memberScore.subScores.1.score", 10**400, "$.memberScore.subScores[1].score"),
    ("memberScore.overall", 100.5, "$.memberScore.overall"),
    ("memberScore.overall", 80, "$.memberScore.overall"),
    ("groupScore.0.rank", 101, "$.groupScore[0].rank"),
    ("groupScore.0.rank", -1, "$.groupScore[0].rank"),
    ("groupScore.0.groupSize", -3, "$.groupScore[0].groupSize"),
    ("groupScore.0.score.overall", 120, "$.groupScore[0].score.overall"),
]


@pytest.mark.parametrize(("where", "value", "path"), INVALID)
def test_values_breaking_the_rules_name_the_json_path(where: str, value: Any, path: str) -> None:
    with pytest.raises(InvalidScoreError, match=r"expected") as info:
        parse_json(put(payload(), where, value))
    assert str(info.value).startswith(path)


def test_float32_noise_at_the_bounds_passes() -> None:
    data = put(payload(), "memberScore.subScores.3.score", 25.000002)
    data["memberScore"]["overall"] = 55.83
    assert parse_json(data).pillars.strong_relationship == 25.000002


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ('{"memberScore": {"overall": 41.5, "subScores": [{"sco', "cut off"),
        ('{"memberScore": }', "invalid JSON"),
        ("[1, 2", "cut off"),
        ('{"a": 1} trailing', "invalid JSON"),
    ],
)
def test_broken_json_text_says_where(text: str, found: str) -> None:
    with pytest.raises(ParseError, match=found) as info:
        parse_json(text)
    assert "line 1 column" in str(info.value)
    assert isinstance(info.value.__cause__, ValueError)


def test_json_that_is_not_an_object_is_refused() -> None:
    for text in ("[]", "[1, 2]", '"memberScore"', "42", "null"):
        with pytest.raises(ParseError, match="expected LinkedIn's SSI JSON"):
            parse_json(text)


def test_bytes_with_bom_and_without() -> None:
    body = json.dumps(payload()).encode("utf-8")
    assert parse_json(b"\xef\xbb\xbf" + body) == parse_json(body)
    assert parse("\ufeff" + body.decode()) == parse_json(body)


def test_non_utf8_bytes_are_a_parse_error_not_a_unicode_error() -> None:
    with pytest.raises(ParseError, match="not UTF-8"):
        parse_json(b'{"memberScore": "\xff\xfe"}')


def test_deep_nesting_and_huge_numbers_are_parse_errors() -> None:
    with pytest.raises(ParseError):
        parse_json("[" * 100_000 + "]" * 100_000)
    with pytest.raises(ParseError):
        parse_json('{"memberScore": {"overall": ' + "9" * 5000 + "}}")
