"""The views in the user's language: no English left in he/ru, RTL Hebrew in a real browser."""

from __future__ import annotations

import ast
import datetime as dt
import re
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, cast

import pytest
from bs4 import BeautifulSoup

from ssi_index import (
    Goal,
    GroupScore,
    Note,
    Score,
    Snapshot,
    focus,
    plan,
    recommend,
    recommendations_text,
    roadmap,
    score_text,
    weekly_report,
)
from ssi_index.views import (
    focus_html,
    history_html,
    history_text,
    plan_text,
    recommendations_html,
    roadmap_html,
    score_html,
    weekly_html,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser

MONDAY = dt.date(2026, 3, 2)
ROWS = [
    (12.0, 9.0, 10.0, 25.0),
    (12.5, 9.5, 10.2, 25.0),
    (13.0, 10.6, 10.5, 25.0),
    (13.2, 10.4, 9.0, 25.0),
    (13.4, 10.7, 11.1, 25.0),
]
HISTORY = [
    Snapshot(profile="me", day=MONDAY + dt.timedelta(weeks=i), score=Score.from_pillars(list(v)))
    for i, v in enumerate(ROWS)
]
SCORES = [
    Score.from_pillars(v)
    for v in (
        [13.4, 10.7, 11.1, 25],
        [3, 2, 1, 4],
        [25, 25, 25, 25],
        [15, 0, 15, 15],
        [12, 12, 12, 12],
        [24, 20, 12, 9],
        [20, 15, 15, 20],
        [24, 24, 24, 24],
    )
]
SCORES.append(
    Score.from_pillars(
        [14, 14, 14, 14],
        groups=[
            GroupScore(
                kind="INDUSTRY", rank=20, average=60.0, pillars=[14, 14, 18, 14], name="Software"
            ),
            GroupScore(kind="NETWORK", rank=12, average=51.5, size=1234),
        ],
        active_seat=True,
    )
)

ALLOWED = [
    # Names: the index, LinkedIn and its products, the sources, ssi-index itself.
    "The New Formula for Social Selling",
    "LinkedIn Sales Solutions",
    "Sales Navigator",
    "ZorbasMedia",
    "ssi-index",
    "LinkedIn",
    "Featured",
    "SSI",
    "B2B",
    # What came from the user's data.
    "Software",
    "me",
]
_URL = re.compile(r"https?://\S+|linkedin\.com/\S+")


def _visible(markup: str) -> str:
    return BeautifulSoup(markup, "html.parser").get_text(" ")


def outputs(locale: str) -> list[str]:
    """Everything a user sees from the coach and the views, in *locale*."""
    out: list[str] = []
    for score in SCORES:
        for goal in Goal:
            advice = recommend(score, goal=goal, locale=locale, history=HISTORY[:-1])
            out += [recommendations_text(advice), _visible(recommendations_html(advice))]
            road = roadmap(score, goal=goal, locale=locale, start=MONDAY)
            out += [str(road), _visible(roadmap_html(road))]
            week = focus(score, goal=goal, locale=locale, start=MONDAY)
            out += [str(week), _visible(focus_html(week))]
        out += [score_text(score, locale), _visible(score_html(score, locale))]
    notes = [Note(profile="me", day=HISTORY[-1].day, text="me")]
    for rows in (
        HISTORY,
        HISTORY[:1],
        [
            HISTORY[0],
            HISTORY[0].__class__(
                profile="me", day=MONDAY + dt.timedelta(days=10), score=HISTORY[0].score
            ),
        ],
    ):
        report = weekly_report(rows, notes=notes, locale=locale, today=rows[-1].day)
        out += [report.to_text(), report.to_markdown(), _visible(weekly_html(report))]
    out.append(_visible(history_html(HISTORY, locale)))
    out.append(history_text(HISTORY, notes, locale))
    for score in SCORES[:3]:
        for target in (70, Goal.ADS, 100):
            out.append(plan_text(plan(score, target, locale=locale), locale))
    return out


def english_words(text: str) -> set[str]:
    text = _URL.sub(" ", text)
    for name in ALLOWED:
        text = text.replace(name, " ")
    return set(re.findall(r"[A-Za-z]{2,}", text))


@pytest.mark.parametrize("locale", ["he", "ru"])
def test_he_and_ru_outputs_carry_no_english_words_but_names(locale: str) -> None:
    found: set[str] = set()
    for text in outputs(locale):
        found |= english_words(text)
    assert found == set()


def test_the_check_itself_catches_english() -> None:
    assert english_words("Why: LinkedIn SSI") == {"Why"}
    assert english_words(str(roadmap(SCORES[0], start=MONDAY))) != set()


@pytest.mark.parametrize("locale", ["en", "he", "ru"])
def test_every_view_says_its_language_and_direction(locale: str) -> None:
    views = [
        score_html(SCORES[0], locale),
        recommendations_html(recommend(SCORES[0], locale=locale)),
        history_html(HISTORY, locale),
        roadmap_html(roadmap(SCORES[0], locale=locale, start=MONDAY)),
        focus_html(focus(SCORES[0], locale=locale, start=MONDAY)),
        weekly_html(weekly_report(HISTORY, locale=locale, today=HISTORY[-1].day)),
    ]
    for markup in views:
        root = BeautifulSoup(markup, "html.parser").find("div")
        assert root is not None
        assert root.get("lang") == locale
        assert root.get("dir") == ("rtl" if locale == "he" else "ltr")


def test_repr_html_uses_the_views_and_the_values_locale() -> None:
    advice = recommend(SCORES[0], locale="ru")
    assert advice._repr_html_() == recommendations_html(advice)
    assert "Что делать дальше" in advice._repr_html_()
    plan = roadmap(SCORES[0], locale="he", start=MONDAY)
    assert plan._repr_html_() == roadmap_html(plan)
    report = weekly_report(HISTORY, locale="he", today=HISTORY[-1].day)
    assert report._repr_html_() == weekly_html(report)


def _runtime_nodes(tree: ast.AST) -> list[ast.AST]:
    """The nodes of *tree*, leaving out ``if TYPE_CHECKING:`` blocks (not run)."""
    out: list[ast.AST] = []
    todo = [tree]
    while todo:
        node = todo.pop()
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            todo.extend(node.orelse)
            continue
        out.append(node)
        todo.extend(ast.iter_child_nodes(node))
    return out


def _imports(path: Path) -> set[str]:
    """Every module *path* imports at run time, at the top or inside functions."""
    found: set[str] = set()
    for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = "." * node.level + (node.module or "")
            found.add(base)
            found |= {f"{base}.{alias.name}" for alias in node.names}
    return found


def test_the_core_imports_no_view() -> None:
    """_model, _tiers, _html and the rules never import the views (item 8 of issue 11)."""
    root = Path(__file__).parent.parent / "src" / "ssi_index"
    core = [root / "_model.py", root / "_tiers.py", root / "_html.py", *root.glob("rules/*.py")]
    for path in core:
        names = _imports(path)
        assert not any("views" in n for n in names), (path, names)
    assert not any("_html" in n for n in _imports(root / "_model.py"))
    assert not any("_model" in n for n in _imports(root / "_tiers.py"))
    assert not any("rules" in n for n in _imports(root / "_html.py"))
    code = (
        "import sys\n"
        "import ssi_index._model\n"
        "print(sorted(m for m in sys.modules if m.startswith('ssi_index.views')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    # Importing the package fills the hook (the package imports the views last).
    assert "ssi_index.views" in out.stdout


def test_hebrew_text_lines_start_right_to_left() -> None:
    for text in (score_text(SCORES[0], "he"), str(focus(SCORES[0], locale="he"))):
        assert all(line.startswith("\u200f") for line in text.splitlines() if line)
    assert not score_text(SCORES[0], "ru").startswith("\u200f")


def test_hebrew_card_in_a_real_browser_is_right_aligned_and_reads_in_order(
    browser: object, tmp_path: Path
) -> None:
    chromium = cast("Browser", browser)
    score = SCORES[0]
    report = weekly_report(HISTORY, locale="he", today=HISTORY[-1].day)
    page_html = (
        '<!doctype html><html><head><meta charset="utf-8"></head>'
        '<body style="margin:16px;width:760px">'
        f'<div id="card">{score_html(score, "he")}</div>'
        f'<div id="advice">{recommendations_html(recommend(score, locale="he"))}</div>'
        f'<div id="week">{weekly_html(report)}</div>'
        "</body></html>"
    )
    path = tmp_path / "he.html"
    path.write_text(page_html, encoding="utf-8")
    page = chromium.new_page(viewport={"width": 800, "height": 1200})
    try:
        page.goto(path.as_uri())
        shot = tmp_path / "he-card.png"
        page.locator("#card").screenshot(path=str(shot))
        page.screenshot(path=str(tmp_path / "he-page.png"), full_page=True)
        assert shot.stat().st_size > 1000
        card = page.locator('#card [data-ssi="score"]')
        assert card.evaluate("el => getComputedStyle(el).direction") == "rtl"
        box = card.bounding_box()
        assert box is not None
        # Reads in order from the right: the "SSI" label first, then the total.
        label = page.locator('#card [data-ssi="score"] span').first.bounding_box()
        total = page.locator('#card [data-ssi="overall"]').bounding_box()
        assert label is not None
        assert total is not None
        assert label["x"] > total["x"]
        assert label["x"] + label["width"] > box["x"] + box["width"] - 40  # at the right edge
        # The pillar names are right-aligned: each cell's text ends at the row's right side.
        name = page.locator('#card tr[data-pillar="FIND_RIGHT_PEOPLE"] td').first
        cell = name.bounding_box()
        text_right = name.evaluate(
            "el => { const r = document.createRange(); r.selectNodeContents(el);"
            " const b = r.getBoundingClientRect(); return b.right; }"
        )
        assert cell is not None
        assert text_right > cell["x"] + cell["width"] - 12
        # A Latin run (a source) inside Hebrew text is isolated and keeps its own order.
        first_source = page.locator("#advice bdi").first
        assert first_source.evaluate("el => getComputedStyle(el).unicodeBidi") == "isolate"
        week = page.locator('#week [data-ssi="weekly"]')
        assert week.evaluate("el => getComputedStyle(el).direction") == "rtl"
    finally:
        page.close()


def test_plan_and_history_text() -> None:
    text = plan_text(plan(SCORES[0], 70), "ru")
    assert text.splitlines()[0] == "План: от 60,2 до 70, осталось 9,8 балла"
    assert "Поиск нужных людей: 10,7 → " in text
    notes = [Note(profile="me", day=HISTORY[1].day, text="sent invites\x1b[2J")]
    history = history_text(HISTORY, notes, "en")
    assert "me: 5 snapshots" in history
    assert "Week to 2026-03-30: total +2.6; up: engagement +2.1" in history
    assert "Week to 2026-03-23: total \u22121.5; down: engagement \u22121.5" in history
    assert "\x1b" not in history
    assert "Streak: 1 week in a row improving." in history
    assert history_text([], locale="he").endswith("אין תמונות מצב.")
