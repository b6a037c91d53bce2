"""Saved SSI pages of the three generations (ssi_index._parse._html and _page20xx), inline."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest

from ssi_index import GroupScore, InvalidScoreError, ParseError, parse, parse_html

FIXTURES = Path(__file__).resolve().parent / "fixtures"
BARS = (
    "establish-brand__sub-score-bar",
    "find-people__sub-score-bar",
    "engage-with-insights__sub-score-bar",
    "build-relationships__sub-score-bar",
)
VALUES = ("14.2", "9.0300007", "7.6", "10.7")


def page_2026(
    *,
    values: tuple[str, ...] = VALUES,
    shown: str = "42",
    ranks: tuple[str, str] = ("40", "35"),
    labels: tuple[str, str] = ("Industry SSI rank", "Network SSI rank"),
    sentences: tuple[str, str] = (
        "Sales professionals in the Computer Software industry have an average SSI of 28.4.",
        "People in your network have an average SSI of 30.1.",
    ),
    donuts: tuple[str, str] = ("28", "30"),
    filler: str = "",
    head: str = "",
) -> str:
    bars = "".join(
        f'<li><label for="{bar}">x</label>'
        f'<progress id="{bar}" class="sub-score__bar" value="{value}" max="25"></progress></li>'
        for bar, value in zip(BARS, values, strict=False)
    )
    rows = "".join(
        f'<li class="ssi-rank"><span class="ssi-rank__category-name">{label}</span>'
        f'<span class="ssi-rank__category-score">Top <span class="t-40">{rank}</span>%</span></li>'
        for label, rank in zip(labels, ranks, strict=True)
    )
    groups = "".join(
        '<div class="group-ssi-score"><div class="group-ssi-score__donut-chart">'
        f'<span class="ssi-score__value t-24">{donut}</span></div>'
        f'<p class="group-ssi-score__description">{sentence}</p></div>'
        for sentence, donut in zip(sentences, donuts, strict=True)
        if sentence or donut
    )
    css = "".join(f"#{bar}::-webkit-progress-value{{color:red}}" for bar in BARS)
    return (
        f"<!DOCTYPE html><html><head><style>{css}.ssi-rank{{display:flex}}</style>{head}</head>"
        '<body><progress class="completeness" value="3" max="7"></progress>'
        "<p>You scored 91 out of 100 on the assessment.</p>"
        '<div class="user-ssi-score__donut-chart-caption">'
        f'<span class="ssi-score__value t-40">{shown}</span><span>out of 100</span></div>'
        f"<ul>{bars}</ul>{filler}<ul>{rows}</ul>{groups}</body></html>"
    )


def test_reads_the_2026_page_ignoring_decoys() -> None:
    score = parse_html(page_2026())
    assert score.pillars.find_right_people == 9.0300007
    assert score.overall == score.pillars.total == 41.5300007
    assert score.groups == (
        GroupScore(kind="INDUSTRY", rank=40, average=28.4, name="Computer Software"),
        GroupScore(kind="NETWORK", rank=35, average=30.1),
    )
    assert score.active_seat is None


def test_rows_are_told_apart_by_their_labels_not_their_order() -> None:
    score = parse_html(page_2026(labels=("Network SSI rank", "Industry SSI rank")))
    assert score.industry is not None
    assert score.industry.rank == 35
    assert score.network is not None
    assert score.network.rank == 40


def test_unknown_labels_fall_back_to_linkedins_order() -> None:
    score = parse_html(page_2026(labels=("Rang A", "Rang B")))
    assert (score.groups[0].kind, score.groups[0].rank) == ("INDUSTRY", 40)
    assert (score.groups[1].kind, score.groups[1].rank) == ("NETWORK", 35)


def test_parts_far_from_the_bars_are_still_found() -> None:
    far = "<div>" + "<span>unrelated</span>" * 3000 + "</div>"
    near = parse_html(page_2026())
    assert parse_html(page_2026(filler=far)) == near
    assert parse_html(page_2026(filler=far).encode("utf-8")) == near


def test_rtl_marks_thin_spaces_and_comma_decimals_in_sentences() -> None:
    sentences = (
        "לאנשי מכירות בתעשיית תוכנה יש SSI ממוצע של \u200f28,4\u200f.",
        "לאנשים ברשת שלך יש SSI ממוצע של\u00a030.1.",
    )
    labels = ("דירוג SSI בתעשייה", "דירוג SSI ברשת")
    score = parse_html(
        page_2026(sentences=sentences, labels=labels, ranks=("\u200f40", "35\u202f"))
    )
    assert score.groups == (
        GroupScore(kind="INDUSTRY", rank=40, average=28.4, name="תוכנה"),
        GroupScore(kind="NETWORK", rank=35, average=30.1),
    )


def test_entities_in_the_industry_name_are_decoded() -> None:
    sentences = (
        "Sales professionals in the Banking &amp; Finance industry have an average SSI of 28.4.",
        "People in your network have an average SSI of <b>30.1</b>.",
    )
    score = parse_html(page_2026(sentences=sentences))
    assert score.industry is not None
    assert score.industry.name == "Banking & Finance"
    assert score.network is not None
    assert score.network.average == 30.1


def test_page_without_groups_has_no_groups() -> None:
    score = parse_html(page_2026(sentences=("", ""), ranks=("", ""), donuts=("", "")))
    assert score.groups == ()


def test_a_missing_bar_names_its_selector() -> None:
    with pytest.raises(ParseError, match="progress#build-relationships__sub-score-bar") as info:
        parse_html(page_2026(values=VALUES[:3]))
    assert info.value.path == "progress#build-relationships__sub-score-bar"


@pytest.mark.parametrize("value", ["", "n/a", "1e3"])
def test_a_bar_without_a_number_is_a_parse_error(value: str) -> None:
    with pytest.raises(ParseError, match="value attribute of progress#find-people"):
        parse_html(page_2026(values=(VALUES[0], value, *VALUES[2:])))


def test_a_bar_out_of_range_is_an_invalid_score() -> None:
    with pytest.raises(InvalidScoreError, match="progress#find-people__sub-score-bar"):
        parse_html(page_2026(values=(VALUES[0], "27.5", *VALUES[2:])))


def test_a_shown_total_that_disagrees_names_both_numbers() -> None:
    with pytest.raises(InvalidScoreError, match=r"41\.53.*found 80"):
        parse_html(page_2026(shown="80"))


def test_an_unreadable_shown_total_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="ssi-score__value"):
        parse_html(page_2026(shown="soon"))


def test_a_rank_out_of_range_is_an_invalid_score() -> None:
    with pytest.raises(InvalidScoreError, match="industry group"):
        parse_html(page_2026(ranks=("140", "35")))


def page_2023(values: tuple[str, ...], ranks: tuple[str, str] = ("5", "12")) -> str:
    spans = "".join(
        f'<span class="ssi-score__value block mb-3 t-black t-light">{v}</span>' for v in values
    )
    boxes = "".join(
        f'<div class="ssi-rank"><h3>{name} SSI rank</h3>'
        f'<p>Top <span class="t-32">{rank}</span>%</p></div>'
        for name, rank in zip(("Industry", "Network"), ranks, strict=True)
    )
    decoy = (
        '<div class="group-ssi-score__donut-chart">'
        '<span class="ssi-score__value t-20 t-black t-light">99</span></div>'
    )
    return f"<html><body>{decoy}{spans}{boxes}</body></html>"


def test_reads_the_2023_page() -> None:
    score = parse_html(page_2023(("53", "20,973", "10.7", "11.1", "10.5", "31,5", "33")))
    assert score.pillars.find_right_people == 10.7
    assert score.overall == score.pillars.total
    assert score.groups == (
        GroupScore(kind="INDUSTRY", rank=5, average=31.5),
        GroupScore(kind="NETWORK", rank=12, average=33.0),
    )


def test_2023_page_with_too_few_values() -> None:
    with pytest.raises(ParseError, match="found 3"):
        parse_html(page_2023(("53", "20", "10")))


def test_2023_page_with_a_wrong_total() -> None:
    with pytest.raises(InvalidScoreError, match="found 90"):
        parse_html(page_2023(("90", "20", "10", "11", "10")))


def test_2023_page_with_a_pillar_out_of_range() -> None:
    with pytest.raises(InvalidScoreError, match="#2"):
        parse_html(page_2023(("53", "30", "10", "11", "2")))


def code_block(payload: str, guid: int) -> str:
    return f'<code style="display: none" id="bpr-guid-{guid}">{html.escape(payload)}</code>'


API = {
    "memberScore": {
        "overall": 60.2,
        "subScores": [
            {"score": 13.4, "pillar": "PROFESSIONAL_BRAND"},
            {"score": 10.7, "pillar": "FIND_RIGHT_PEOPLE"},
            {"score": 11.1, "pillar": "INSIGHT_ENGAGEMENT"},
            {"score": 25, "pillar": "STRONG_RELATIONSHIP"},
        ],
    },
    "groupScore": [{"groupType": "INDUSTRY", "rank": 10, "score": {"overall": 31}}],
}


def test_reads_the_2021_page_among_decoy_code_blocks() -> None:
    decoy = json.dumps({"overall": "high", "score": 3, "memberScores": []})
    page = (
        "<html><body>"
        + "".join(code_block(json.dumps({"i": i}), i) for i in range(20))
        + code_block(decoy, 100)
        + code_block(json.dumps(API), 101)
        + "</body></html>"
    )
    score = parse_html(page)
    assert score == parse(API)
    assert parse_html(page.encode("utf-8")) == score


def test_2021_block_wrapped_in_a_comment() -> None:
    page = f'<html><code id="bpr-guid-1"><!--{html.escape(json.dumps(API))}--></code></html>'
    assert parse_html(page) == parse(API)


def test_2021_block_that_is_broken_names_the_block() -> None:
    broken = html.escape(json.dumps(API))[:-40]
    page = f'<html><code id="bpr-guid-7">{broken}</code></html>'
    with pytest.raises(ParseError, match="bpr-guid-7"):
        parse_html(page)


def test_2021_block_with_bad_values_names_block_and_path() -> None:
    bad = json.loads(json.dumps(API))
    bad["memberScore"]["subScores"][0]["score"] = 30
    page = f'<html><code id="bpr-guid-7">{html.escape(json.dumps(bad))}</code></html>'
    with pytest.raises(InvalidScoreError, match=r"bpr-guid-7.*\$\.memberScore\.subScores\[0\]"):
        parse_html(page)


def test_unrelated_page_lists_what_was_looked_for() -> None:
    with pytest.raises(ParseError, match=r"span\.ssi-score__value") as info:
        parse_html("<html><body><p>feed</p><a href='/login'>x</a></body></html>")
    assert info.value.path == "progress#establish-brand__sub-score-bar"


def test_a_page_that_links_to_login_is_still_read() -> None:
    head = '<link rel="alternate" href="https://www.linkedin.com/login">'
    assert parse_html(page_2026(head=head)) == parse_html(page_2026())


def test_declared_charset_and_bom_decode_the_page() -> None:
    sentences = (
        "Специалисты по продажам в отрасли «Розничная торговля» имеют средний SSI 28,4.",
        "Участники вашей сети имеют средний SSI 30,1.",
    )
    labels = ("Рейтинг SSI в отрасли", "Рейтинг SSI в сети")
    text = page_2026(sentences=sentences, labels=labels, head='<meta charset="windows-1251">')
    expected = parse_html(text)
    assert expected.industry is not None
    assert expected.industry.name == "Розничная торговля"
    assert parse_html(text.encode("cp1251")) == expected
    assert parse(text.encode("cp1251")) == expected
    assert parse_html(text.encode("utf-16")) == expected


def test_undecodable_bytes_are_a_parse_error() -> None:
    data = (
        page_2026(head='<meta charset="utf-8">').encode("utf-8").replace(b"out of 100", b"\xff\xfe")
    )
    with pytest.raises(ParseError, match="utf-8"):
        parse_html(data)


def test_each_donut_takes_the_sentence_about_its_own_group() -> None:
    # Both donuts and both sentences in one box: the network donut must not take the
    # industry sentence, even though its number would round to the network's donut.
    page = page_2026(sentences=("", ""), donuts=("", ""))
    box = (
        '<div class="group-ssi-scores">'
        '<div class="group-ssi-score__donut-chart"><span class="ssi-score__value">30</span></div>'
        '<div class="group-ssi-score__donut-chart"><span class="ssi-score__value">30</span></div>'
        "<p>Sales professionals in the Retail industry have an average SSI of 29.6.</p>"
        "<p>People in your network have an average SSI of 30.4.</p></div>"
    )
    score = parse_html(page.replace("</body>", box + "</body>"))
    assert score.industry is not None
    assert score.network is not None
    assert (score.industry.average, score.industry.name) == (29.6, "Retail")
    assert (score.network.average, score.network.name) == (30.4, None)


def test_a_sentence_that_disagrees_with_its_donut_is_not_taken() -> None:
    page = page_2026(donuts=("35", "30"))
    score = parse_html(page)
    assert score.industry is not None
    assert score.industry.average == 35.0  # the sentence says 28.4: the donut wins
    assert score.industry.name == "Computer Software"


def test_rank_rows_and_donuts_in_an_unknown_language_are_read_by_order() -> None:
    page = page_2026(
        labels=("Sıralama A", "Sıralama B"),
        sentences=("Ortalama 28", "Ortalama 30"),
    )
    score = parse_html(page)
    assert [(g.kind, g.rank, g.average, g.name) for g in score.groups] == [
        ("INDUSTRY", 40, 28.0, None),
        ("NETWORK", 35, 30.0, None),
    ]
