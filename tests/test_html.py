"""Tests for the notebook HTML views: parsed back with BeautifulSoup and checked."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from bs4 import BeautifulSoup, Tag

from ssi_index import (
    AnalysisError,
    GroupScore,
    History,
    InvalidScoreError,
    Pillar,
    RecommendationList,
    Score,
    Snapshot,
    recommend,
)
from ssi_index.rules import texts
from ssi_index.views import history_html, recommendations_html, score_html

WORKED = Score.from_pillars(
    [13.4, 10.7, 11.1, 25],
    groups=[
        GroupScore(kind="INDUSTRY", rank=40, average=28.4, name="Computer <Software> & Co"),
        GroupScore(kind="NETWORK", rank=35, average=30.1, size=1234),
        GroupScore(kind="TEAM"),
    ],
    active_seat=False,
)
START = dt.date(2026, 10, 1)


def soup(markup: str) -> BeautifulSoup:
    return BeautifulSoup(markup, "html.parser")


def one(doc: Tag, css: str) -> Tag:
    found = doc.select_one(css)
    assert found is not None, css
    return found


def text_of(tag: Tag) -> str:
    return " ".join(tag.get_text(" ").split())


def assert_self_contained(markup: str) -> None:
    doc = soup(markup)
    assert not doc.find_all(["script", "style", "link", "img", "iframe"])
    assert not doc.find_all(class_=True), "inline styles only, no CSS classes"
    root = doc.find("div")
    assert isinstance(root, Tag)
    assert "font-family" in str(root.get("style"))


def test_score_card_numbers_and_labels() -> None:
    markup = score_html(WORKED)
    assert_self_contained(markup)
    doc = soup(markup)
    assert one(doc, '[data-ssi="overall"]').get_text() == "60.2"
    text = text_of(doc)
    assert "Band: Good base" in text
    assert "A good base: it shows regular, steady activity." in text
    rows = {str(tr["data-pillar"]): tr for tr in doc.find_all("tr", attrs={"data-pillar": True})}
    assert list(rows) == [p.value for p in Pillar]
    for pillar in Pillar:
        cells = rows[pillar.value].find_all("td")
        assert cells[0].get_text() == texts("en").pillar(pillar)
    assert text_of(rows["FIND_RIGHT_PEOPLE"].find_all("td")[1]) == "10.7 / 25"
    assert text_of(rows["STRONG_RELATIONSHIP"].find_all("td")[1]) == "25 / 25"
    # The bar's width is the share of 25 points.
    bar = rows["STRONG_RELATIONSHIP"].find_all("td")[2].find_all("div")[1]
    assert "width:100.0%" in str(bar["style"])
    bar = rows["FIND_RIGHT_PEOPLE"].find_all("td")[2].find_all("div")[1]
    assert "width:42.8%" in str(bar["style"])
    assert "Sales Navigator seat: no" in text


def test_score_card_groups_escape_text_and_keep_missing_missing() -> None:
    doc = soup(score_html(WORKED))
    tables = doc.find_all("table")
    assert len(tables) == 2
    rows = [[text_of(td) for td in tr.find_all("td")] for tr in tables[1].find_all("tr")[1:]]
    assert rows[0] == ["Industry", "Computer <Software> & Co", "Top 40%", "28.4", "—"]
    assert rows[1] == ["Network", "—", "Top 35%", "30.1", "1,234"]
    assert rows[2] == ["Team", "—", "—", "—", "—"]
    raw = score_html(WORKED)
    assert "Computer &lt;Software&gt; &amp; Co" in raw
    assert "<Software>" not in raw
    assert not re.search(r">\s*0\s*<", raw), "missing values must not show as 0"


def test_score_without_groups_or_seat() -> None:
    doc = soup(score_html(Score.from_pillars([1, 2, 3, 4.5])))
    assert len(doc.find_all("table")) == 1
    assert "Sales Navigator" not in text_of(doc)
    assert one(doc, '[data-ssi="overall"]').get_text() == "10.5"


def test_score_repr_html_is_the_card() -> None:
    assert WORKED._repr_html_() == score_html(WORKED)


def test_score_html_rejects_other_values() -> None:
    with pytest.raises(InvalidScoreError, match="score: expected a Score, found dict"):
        score_html(WORKED.to_dict())  # type: ignore[arg-type]


def test_recommendations_show_every_field() -> None:
    recs = recommend(WORKED)
    markup = recommendations_html(recs)
    assert_self_contained(markup)
    doc = soup(markup)
    items = doc.find("ol").find_all("li", recursive=False)  # type: ignore[union-attr]
    assert len(items) == len(recs)
    first, rec = items[0], recs[0]
    assert first["data-key"] == rec.key
    text = text_of(first)
    assert rec.kind.value in text
    assert rec.title in text
    assert rec.pillar is not None
    assert texts("en").pillar(rec.pillar) in text
    assert f"up to +{rec.points:g} points" in text
    assert f"Place: {rec.rank_reason}" in text
    actions = [li.get_text() for li in first.find("ul").find_all("li")]  # type: ignore[union-attr]
    assert actions == list(rec.actions)
    assert rec.why in text
    assert f"Source: {rec.source}" in text
    assert f"Why: {rec.why}" in text


def test_recommendations_in_hebrew_are_right_to_left_with_latin_isolated() -> None:
    recs = recommend(WORKED, locale="he")
    doc = soup(recommendations_html(recs))
    root = one(doc, '[data-ssi="recommendations"]')
    assert root["dir"] == "rtl"
    assert root["lang"] == "he"
    title = doc.find("strong")
    assert isinstance(title, Tag)
    assert title.get_text() == recs[0].title
    text = text_of(doc)
    assert "מה לעשות עכשיו" in text
    assert "למה:" in text
    assert "מקור:" in text
    assert "מיקום:" in text
    assert "What to do next" not in text
    assert all(b.get_text() for b in doc.find_all("bdi"))  # sources sit in <bdi>


def test_recommendations_escape_and_accept_plain_items() -> None:
    markup = recommendations_html(["<script>alert(1)</script>"])
    assert "<script>" not in markup
    assert "&lt;script&gt;" in markup
    assert text_of(one(soup(markup), "ol")) == "<script>alert(1)</script>"


def test_no_recommendations() -> None:
    assert "No recommendations." in text_of(soup(recommendations_html([])))


def test_recommendation_list_is_a_list_that_renders() -> None:
    recs = RecommendationList(recommend(WORKED))
    assert isinstance(recs, list)
    assert recs == recommend(WORKED)
    assert recs._repr_html_() == recommendations_html(recs)


def snap(offset: int, total_pillars: tuple[float, float, float, float], **kw: object) -> Snapshot:
    return Snapshot(
        profile=str(kw.get("profile", "dana")),
        day=START + dt.timedelta(days=offset),
        score=Score.from_pillars(
            list(total_pillars),
            groups=[GroupScore(kind="INDUSTRY", rank=40, average=28.4)] if kw.get("groups") else [],
        ),
        source=kw.get("source"),  # type: ignore[arg-type]
    )


def test_history_table_rows_changes_and_gaps() -> None:
    snaps = [
        snap(4, (12, 10, 11, 25), source="api"),
        snap(0, (10, 10, 10, 20), groups=True, source="page-2026 <saved>"),
        snap(1, (10.5, 10, 10, 20)),
    ]
    markup = history_html(snaps)
    assert_self_contained(markup)
    doc = soup(markup)
    header = [text_of(th) for th in doc.find_all("th")]
    assert header[:3] == ["Day", "Total", "Change"]
    assert header[3:7] == ["Brand", "People", "Engagement", "Relationships"]
    assert [th.get("title") for th in doc.find_all("th")[3:7]] == [
        texts("en").pillar(p) for p in Pillar
    ]
    days = [tr["data-day"] for tr in doc.find_all("tr", attrs={"data-day": True})]
    assert days == ["2026-10-01", "2026-10-02", "2026-10-05"]
    rows = [
        [text_of(td) for td in tr.find_all("td")]
        for tr in doc.find_all("tr", attrs={"data-day": True})
    ]
    assert rows[0][:3] == ["2026-10-01", "50", "—"]
    assert rows[0][3:7] == ["10", "10", "10", "20"]
    assert rows[0][7] == "Top 40% avg 28.4"
    assert rows[0][8] == "—"
    assert rows[0][9] == "page-2026 <saved>"
    assert rows[1][:3] == ["2026-10-02", "50.5", "+0.5"]
    assert rows[2][:3] == ["2026-10-05", "58", "+7.5 (3 d)"]
    gap = doc.find("tr", attrs={"data-gap": True})
    assert isinstance(gap, Tag)
    assert gap["data-gap"] == "2"
    assert text_of(gap) == "2 days without a snapshot"
    assert "page-2026 &lt;saved&gt;" in markup
    assert "History of dana" in text_of(doc)
    assert "3 snapshots, 2026-10-01 to 2026-10-05" in text_of(doc)


def test_history_with_several_profiles_has_a_profile_column() -> None:
    doc = soup(history_html([snap(0, (1, 1, 1, 1)), snap(1, (2, 1, 1, 1), profile="עדי")]))
    assert text_of(one(doc, "th")) == "Profile"
    rows = doc.select("tr[data-day]")
    assert [text_of(one(tr, "td")) for tr in rows] == ["dana", "עדי"]
    assert one(rows[1], "td").find("bdi") is not None  # a name in another script, isolated
    # No change across profiles.
    assert text_of(rows[1].find_all("td")[3]) == "—"


def test_history_empty_and_bad_items() -> None:
    assert "No snapshots." in text_of(soup(history_html([])))
    with pytest.raises(AnalysisError, match=r"snapshots\[1\]: expected a Snapshot, found int"):
        history_html([snap(0, (1, 1, 1, 1)), 3])  # type: ignore[list-item]


def test_history_list_is_a_list_that_renders() -> None:
    snaps = [snap(0, (1, 1, 1, 1)), snap(1, (2, 1, 1, 1))]
    history = History(snaps)
    assert history == snaps
    assert history[0] is snaps[0]
    assert history._repr_html_() == history_html(snaps)
