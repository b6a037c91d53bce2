"""The reports in a real headless Chromium: nothing loaded, no errors, readable on a phone."""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import pytest

import ssi_index
from report_data import TODAY, filled_store

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
LINE_RGB = (0x0A, 0x66, 0xC2)


@pytest.fixture(scope="module")
def pages() -> dict[tuple[str, str], str]:
    store = filled_store()
    out = {}
    for locale in ("en", "he", "ru"):
        out["personal", locale] = ssi_index.report_html(store, "dana", today=TODAY, locale=locale)
        out["team", locale] = ssi_index.report_html(store, team="emea", today=TODAY, locale=locale)
    return out


class Loaded:
    """A report loaded into a fresh page, with every request and console error it caused."""

    def __init__(self, browser: Browser, html: str, viewport: dict[str, int]) -> None:
        self.context = browser.new_context(viewport=cast(Any, viewport))
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._refuse)
        self.page: Page = self.context.new_page()
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.set_content(html, wait_until="load")

    def _refuse(self, route: Any) -> None:
        self.requests.append(route.request.url)
        route.abort()

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def load(browser: object) -> Any:
    opened: list[Loaded] = []

    def open_(html: str, viewport: dict[str, int]) -> Loaded:
        loaded = Loaded(cast("Browser", browser), html, viewport)
        opened.append(loaded)
        return loaded

    yield open_
    for loaded in opened:
        loaded.close()


def _blue_pixels(png: bytes) -> int:
    from PIL import Image

    data = Image.open(io.BytesIO(png)).convert("RGB").tobytes()
    near = 0
    for i in range(0, len(data), 3):
        r, g, b = data[i], data[i + 1], data[i + 2]
        if abs(r - LINE_RGB[0]) + abs(g - LINE_RGB[1]) + abs(b - LINE_RGB[2]) < 60:
            near += 1
    return near


@pytest.mark.parametrize("kind", ["personal", "team"])
@pytest.mark.parametrize("locale", ["en", "he", "ru"])
def test_report_loads_nothing_and_logs_no_error(
    load: Any, pages: dict[tuple[str, str], str], kind: str, locale: str, tmp_path: Path
) -> None:
    for name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        shown = load(pages[kind, locale], viewport)
        assert shown.requests == []
        assert shown.errors == []
        png = shown.page.screenshot(full_page=True, path=str(tmp_path / f"{kind}-{name}.png"))
        assert png.startswith(b"\x89PNG")
        # no sideways scrolling of the page itself
        overflow = shown.page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, (kind, locale, name, overflow)


@pytest.mark.parametrize(("viewport", "which"), [(DESKTOP, "wide"), (PHONE, "narrow")])
def test_the_chart_is_drawn_at_both_widths(
    load: Any, pages: dict[tuple[str, str], str], viewport: dict[str, int], which: str
) -> None:
    shown = load(pages["personal", "en"], viewport)
    chart = shown.page.locator(f".chart-box.{which} svg")
    assert chart.is_visible()
    other = "narrow" if which == "wide" else "wide"
    assert not shown.page.locator(f".chart-box.{other} svg").is_visible()
    box = chart.bounding_box()
    assert box is not None
    assert box["width"] > (300 if which == "narrow" else 600)
    assert box["height"] > 150
    # the line and its dots really are painted
    assert _blue_pixels(chart.screenshot()) > 500
    assert chart.locator("circle").count() > 20
    assert chart.locator("rect[data-tier]").count() == len(ssi_index.DEFAULT_SCALE)


def _text_edges(page: Page, selector: str) -> dict[str, Any]:
    return cast(
        dict[str, Any],
        page.evaluate(
            """(sel) => {
                const el = document.querySelector(sel);
                const range = document.createRange();
                range.selectNodeContents(el);
                const text = range.getBoundingClientRect();
                const box = el.getBoundingClientRect();
                return {left: text.left - box.left, right: box.right - text.right,
                        direction: getComputedStyle(el).direction};
            }""",
            selector,
        ),
    )


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE])
def test_hebrew_is_right_aligned_and_english_left_aligned(
    load: Any, pages: dict[tuple[str, str], str], viewport: dict[str, int]
) -> None:
    for kind in ("personal", "team"):
        he = load(pages[kind, "he"], viewport).page
        for selector in ("main > header h1", "section h2"):
            edges = _text_edges(he, selector)
            assert edges["direction"] == "rtl"
            assert edges["right"] < 2, (kind, selector, edges)
            assert edges["left"] > 20, (kind, selector, edges)
        en = load(pages[kind, "en"], viewport).page
        edges = _text_edges(en, "section h2")
        assert edges["direction"] == "ltr"
        assert edges["left"] < 2
        assert edges["right"] > 20


def test_the_wide_leaderboard_scrolls_in_its_own_box_on_a_phone(
    load: Any, pages: dict[tuple[str, str], str]
) -> None:
    page = load(pages["team", "he"], PHONE).page
    box = page.evaluate(
        """() => {
            const el = document.querySelector('section[data-section="leaderboard"] .scroll');
            return {scroll: el.scrollWidth, client: el.clientWidth,
                    overflow: getComputedStyle(el).overflowX};
        }"""
    )
    assert box["overflow"] == "auto"
    assert box["scroll"] > box["client"]
    assert page.locator('tr[data-profile="seller-01"]').is_visible()


def test_the_harness_sees_a_page_that_loads_something(load: Any) -> None:
    # The checks above can fail: a page that loads an image and a script is caught.
    leaky = (
        '<!DOCTYPE html><html><body><img src="http://127.0.0.1:9/x.png">'
        "<script>console.error('boom')</script></body></html>"
    )
    shown = load(leaky, DESKTOP)
    assert set(shown.requests) == {"http://127.0.0.1:9/x.png"}
    assert "boom" in shown.errors
