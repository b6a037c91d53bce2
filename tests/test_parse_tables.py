"""The 2026 hidden accessibility tables (ssi_index._parse._tables), inline pages."""

from __future__ import annotations

import pytest

from ssi_index import GroupScore, ParseError, PillarScores, parse_html

LABELS = ("Brand", "People", "Insights", "Relationships")


def table(values: tuple[float, ...], rest: int) -> str:
    rows = "".join(
        f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in zip(LABELS, values, strict=True)
    )
    return (
        f'<table class="_x1"><tr><th>Category</th><th>value</th></tr>{rows}'
        f"<tr><th>Remaining points</th><td>{rest}</td></tr></table>"
    )


def section(heading: str, caption: str, values: tuple[float, ...], text: str = "") -> str:
    return (
        f'<section class="_s{len(heading)}"><h2>{heading}</h2><figure><figcaption>{caption}'
        f"</figcaption></figure>{table(values, 100 - round(sum(values)))}<p>{text}</p></section>"
    )


MEMBER = (12.05, 8.4, 6.6, 14.27)  # 41.32
INDUSTRY = (7.5, 6.25, 6.0, 8.25)  # 28
NETWORK = (8.0, 7.0, 7.5, 8.5)  # 31


def page(
    sections: list[str],
    ranks: tuple[str, str] = ("Industry SSI rank", "Network SSI rank"),
) -> str:
    blocks = "".join(
        f"<div><span>Top</span><span>{n}%</span><p>{label}</p></div>"
        for n, label in zip((37, 12), ranks, strict=True)
    )
    return (
        "<html><body><main><h1>Your Social Selling Index</h1>"
        f"{blocks}{''.join(sections)}</main></body></html>"
    )


def test_reads_member_groups_pillars_and_ranks() -> None:
    score = parse_html(
        page(
            [
                section("Current Social Selling Index", "41 out of 100", MEMBER),
                section(
                    "People in your industry",
                    "28 out of 100",
                    INDUSTRY,
                    "Sales professionals in the Retail industry have an average SSI of 28.",
                ),
                section("People in your network", "31 out of 100", NETWORK),
            ]
        )
    )
    assert score.pillars == PillarScores(MEMBER)
    assert score.overall == pytest.approx(41.32)
    assert score.groups == (
        GroupScore(
            kind="INDUSTRY", rank=37, average=28.0, name="Retail", pillars=PillarScores(INDUSTRY)
        ),
        GroupScore(kind="NETWORK", rank=12, average=31.0, pillars=PillarScores(NETWORK)),
    )


def test_the_member_table_is_the_one_that_sums_to_the_first_donut() -> None:
    # The member's table comes last in the markup; its sum, not its place, picks it.
    score = parse_html(
        page(
            [
                "<figure><figcaption>41 out of 100</figcaption></figure>",
                section("People in your network", "31 out of 100", NETWORK),
                section("People in your industry", "28 out of 100", INDUSTRY),
                section("Current Social Selling Index", "41 out of 100", MEMBER),
            ]
        )
    )
    assert score.pillars == PillarScores(MEMBER)
    assert score.industry is not None
    assert score.industry.pillars == PillarScores(INDUSTRY)
    assert score.industry.rank == 37  # the class-less rank blocks, as on the tables page
    assert score.network is not None
    assert score.network.pillars == PillarScores(NETWORK)


def test_words_in_an_unknown_language_fall_back_to_order() -> None:
    score = parse_html(
        page(
            [
                section("Aktuell", "41 / 100", MEMBER),
                section("Gruppe A", "28 / 100", INDUSTRY),
                section("Gruppe B", "31 / 100", NETWORK),
            ],
            ranks=("Rang A", "Rang B"),
        )
    )
    assert [(g.kind, g.rank, g.average) for g in score.groups] == [
        ("INDUSTRY", 37, 28.0),
        ("NETWORK", 12, 31.0),
    ]


def test_a_caption_with_the_number_after_its_words() -> None:
    score = parse_html(
        page(
            [
                section("Mevcut", "100 üzerinden 41", MEMBER),
                section("Sektör", "100 üzerinden 28", INDUSTRY),
                section("Ağınız", "100 üzerinden 31", NETWORK),
            ]
        )
    )
    assert score.pillars == PillarScores(MEMBER)


def test_no_table_summing_to_the_total_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="sum to the total in its first donut"):
        parse_html(page([section("Current", "90 out of 100", MEMBER)]))


def test_tables_that_are_not_pillar_tables_are_ignored() -> None:
    other = "<table><tr><th>Views</th><td>40</td></tr><tr><th>Searches</th><td>9</td></tr></table>"
    with pytest.raises(ParseError, match="none of its markup"):
        parse_html(f"<html><body>{other}</body></html>")


def test_bars_and_tables_together_bars_for_the_member_tables_for_the_groups() -> None:
    bars = "".join(
        f'<progress id="{bar}" value="{value}" max="25"></progress>'
        for bar, value in zip(
            (
                "establish-brand__sub-score-bar",
                "find-people__sub-score-bar",
                "engage-with-insights__sub-score-bar",
                "build-relationships__sub-score-bar",
            ),
            ("12.0499992", "8.3999996", "6.5999999", "14.2700005"),
            strict=True,
        )
    )
    html = page(
        [
            bars,
            section("Current Social Selling Index", "41 out of 100", MEMBER),
            section("People in your industry", "28 out of 100", INDUSTRY),
            section("People in your network", "31 out of 100", NETWORK),
        ]
    )
    score = parse_html(html)
    assert score.pillars.professional_brand == 12.0499992  # the bar's full float
    assert score.industry is not None
    assert score.industry.pillars == PillarScores(INDUSTRY)
    assert score.industry.rank == 37  # the class-less rank blocks, as on the tables page
    assert score.network is not None
    assert score.network.pillars == PillarScores(NETWORK)
