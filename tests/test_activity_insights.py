"""Insights: the effects in words (en, he, ru), Markdown, HTML with charts; the CLI helpers."""

from __future__ import annotations

import datetime as dt
import html
import os
from pathlib import Path
from typing import TYPE_CHECKING, cast

import pytest

from activity_simulation import simulate
from ssi_index import ImportReport, MemoryStore, Refusal
from ssi_index.activity import Insights, effects, import_summary, insights

if TYPE_CHECKING:
    from playwright.sync_api import Browser

SIM = simulate(1, 30)


def _view(locale: str = "en") -> Insights:
    return Insights.from_history(SIM.snapshots, SIM.activities, locale=locale)


def test_text_names_each_effect_as_an_association() -> None:
    text = _view().text()
    assert text.startswith("What moved your score\n")
    assert "From your last 28 weeks" in text
    assert (
        "In weeks with more invitations sent, Find the right people rose 0.031 points more" in text
    )
    assert "In the week after weeks with more messages sent, Build relationships rose" in text
    assert "not proof of cause" in text
    assert "Left out as LinkedIn-wide recalculations" in text
    for word in ("caused", "because of", "made your"):
        assert word not in text


def test_every_locale_has_its_own_words_and_numbers() -> None:
    he, ru = _view("he").text(), _view("ru").text()
    assert "מה הזיז את הציון שלכם" in he
    assert "0.031" in he
    assert "Что изменило ваш SSI" in ru
    assert "0,031" in ru
    assert "балла" in ru


def test_markdown_has_a_table_strongest_first() -> None:
    md = _view().markdown()
    rows = [line for line in md.splitlines() if line.startswith("| ") and "Pillar" not in line]
    found = effects(SIM.snapshots, SIM.activities)
    assert len(rows) == len(found.effects) >= 4
    assert "messages sent" in rows[0]
    assert "| next week |" in rows[0]


def test_not_enough_data_is_said_in_words() -> None:
    short = simulate(2, 3)
    for locale, words in (("en", "at least 12"), ("he", "לפחות 12"), ("ru", "не меньше 12")):
        view = Insights.from_history(short.snapshots, short.activities, locale=locale)
        assert not view.effects.enough_data
        assert words in view.text()
        assert "<svg" not in view.html()


def test_no_effect_in_the_data_means_none_reported() -> None:
    flat = simulate(3, 30, planted={}, recalculation=0.0, noise=0.05)
    view = Insights.from_history(flat.snapshots, flat.activities)
    assert len(view.effects.effects) <= 1  # 5 % per test: rarely one
    if not view.effects.effects:
        assert "no kind of activity went with a clear change" in view.text()


def test_html_is_escaped_self_contained_and_charts_every_pillar() -> None:
    page = _view().html()
    assert page.count("<svg") == 4
    assert "<script" not in page
    assert 'data-kind="invitation_sent"' in page
    assert page.count("<figure") == 4
    assert page.count('class="recalculation"') == 4  # the left-out week, shaded on each chart
    assert html.unescape(page).count("Weekly") >= 4


def test_insights_reads_the_store() -> None:
    store = MemoryStore()
    store.put_many(SIM.snapshots)
    store.put_activities(SIM.activities)
    view = insights(store, "me")
    assert view.effects == effects(SIM.snapshots, SIM.activities)
    later = insights(store, "me", since=SIM.snapshots[-20].day)
    assert not later.effects.enough_data
    assert view._repr_html_() == view.html()
    assert str(view) == view.text()


def test_import_summary_lists_everything_in_the_language() -> None:
    report = ImportReport(
        source="x.zip",
        format="linkedin-export",
        added=3,
        skipped=(Refusal(where="Votes.csv", reason="no header"),),
        notes=("a note",),
        privacy_note="only counts",
    )
    text = import_summary(report)
    assert text.splitlines() == [
        "x.zip: 3 new, 0 replaced, 0 unchanged day counts; 0 rows refused, 1 files skipped.",
        "  a note",
        "  Votes.csv: no header",
        "only counts",
    ]
    assert "נדחו" in import_summary(report, "he")


@pytest.mark.parametrize("locale", ["en", "he"])
def test_the_html_view_in_a_browser(browser: object, tmp_path: Path, locale: str) -> None:
    chromium = cast("Browser", browser)
    page = chromium.new_page(viewport={"width": 900, "height": 1400})
    try:
        page.set_content(f'<html><meta charset="utf-8"><body>{_view(locale).html()}</body></html>')
        root = page.locator('[data-ssi="insights"]')
        assert root.evaluate("e => getComputedStyle(e).direction") == (
            "rtl" if locale == "he" else "ltr"
        )
        charts = page.locator('svg[data-ssi="chart"]')
        assert charts.count() == 4
        box = charts.first.bounding_box()
        assert box is not None
        assert box["width"] > 400
        bars = page.locator("#ssi-chart-find_right_people-bars rect").count()
        assert bars >= 25
        shot = tmp_path / f"insights-{locale}.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 10_000
        keep = os.environ.get("SSI_INDEX_SCREENSHOTS")
        if keep:
            Path(keep, shot.name).write_bytes(shot.read_bytes())
    finally:
        page.close()


def test_dates_and_numbers_are_isolated_in_hebrew() -> None:
    page = _view("he").html()
    assert 'dir="rtl"' in page
    assert "<bdi>\u200e+0.031</bdi>" in page
    assert "<bdi>" not in _view("en").html()


def test_a_day_range_is_checked() -> None:
    with pytest.raises(Exception, match="since"):
        insights(MemoryStore(), "me", since="2026-01-01")  # type: ignore[arg-type]
    assert insights(MemoryStore(), "me", until=dt.date(2026, 1, 1)).effects.reason_code == (
        "no_activity"
    )
