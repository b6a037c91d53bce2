"""The shareable reports' content as HTML and Markdown (in a browser: test_report_browser)."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import ssi_index
from report_data import GAP, TODAY, filled_store, person_days
from ssi_index import MemoryStore, Note, Score, Snapshot, SQLiteStore
from ssi_index.report._chart import segments, sparkline


@pytest.fixture(scope="module")
def store() -> MemoryStore:
    return filled_store()


def _chart(page: str, which: str) -> str:
    match = re.search(rf'<div class="chart-box {which}">(.*?)</div>', page)
    assert match, which
    return match.group(1)


def test_personal_html_is_one_self_contained_page(store: MemoryStore) -> None:
    page = ssi_index.report_html(store, "dana", today=TODAY)
    assert page.startswith('<!DOCTYPE html>\n<html lang="en" dir="ltr">')
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert "default-src 'none'" in page
    lowered = page.lower()
    for external in ("<script", "<link", "<img", "<iframe", "@import", "url(", "src=", "href="):
        assert external not in lowered, external
    assert page.count("<svg") == 2  # the wide chart and the phone one


def test_personal_report_shows_score_target_chart_pillars_week_roadmap_focus_and_notes(
    store: MemoryStore,
) -> None:
    latest = store.latest(["dana"])[0]
    page = ssi_index.report_html(store, "dana", today=TODAY, target=75)
    total = ssi_index._i18n.format_number("en", latest.score.overall, 1)
    assert f'<span class="total" data-total>{total}</span>' in page
    gap = 75 - latest.score.overall
    assert (
        f"{ssi_index._i18n.format_number('en', gap, 1)} points to go to your target of 75" in page
    )
    assert "This week: 2026-11-24 to 2026-11-30" in page
    # the chart: a dot per snapshot in the last 26 weeks, the line broken at the gap
    wide = _chart(page, "wide")
    days = [d for d in person_days() if d > TODAY - dt.timedelta(days=182)]
    assert wide.count("<circle") == len(days)
    assert wide.count("<polyline") == 2
    assert 'data-target="75"' in wide
    assert wide.count("<rect data-tier=") == len(ssi_index.DEFAULT_SCALE)
    assert not any(f'data-day="{d.isoformat()}"' in wide for d in (GAP[0], GAP[1]))
    for pillar in ssi_index.Pillar:
        assert f'data-pillar="{pillar.value}"' in page
    # this week, the roadmap and the focus are the coach's, for the same day and target
    history = store.history("dana")
    week = ssi_index.weekly_report(
        history, notes=store.notes("dana"), target=75, today=TODAY, locale="en"
    )
    assert week.total is not None
    assert re.findall(r'data-move="(\w+)"', page)[:5] == [
        week.total.direction,
        *(m.direction for m in week.pillars),
    ]
    plan = ssi_index.roadmap(latest.score, 75, start=TODAY, history=history[:-1])
    shown = re.findall(r'data-milestone="([\d-]+)"', page)
    assert shown == [m.date.isoformat() for m in plan.milestones[1:5]]
    assert plan.note in page
    assert [a.text for a in week.focus.actions]
    for action in week.focus.actions:
        assert f"<strong>{action.text}</strong>" in page.replace("&#x27;", "'")
    # notes of the last 7 days only
    assert "sent 20 personal invitations" in page
    assert "שיתפתי פוסט" in page
    assert "last week&#x27;s" not in page
    assert "last week's" not in page


def test_hebrew_and_russian_reports_are_in_their_language(store: MemoryStore) -> None:
    he = ssi_index.report_html(store, "dana", today=TODAY, locale="he-IL")
    assert '<html lang="he" dir="rtl">' in he
    assert '<main dir="rtl" data-report>' in he
    assert "<h1>דוח SSI: <bdi>dana</bdi></h1>" in he
    assert "הערות השבוע" in he
    ru = ssi_index.report_markdown(store, "dana", today=TODAY, locale="ru")
    assert ru.startswith("# Отчёт SSI: dana\n")
    assert "## Заметки за неделю" in ru
    assert re.search(r"\*\*\d+,\d\*\* из 100", ru)


def test_text_from_the_store_is_escaped() -> None:
    store = MemoryStore()
    # A profile id may not hold control characters (the store's id rule): the note does.
    hostile = '<script>alert("x")</script>'
    day = dt.date(2026, 3, 2)
    store.put(Snapshot(profile=hostile, day=day, score=Score.from_pillars([10, 10, 10, 10])))
    store.add_note(
        Note(profile=hostile, day=day, text="[click](http://evil.example) <img src=x> |\x1b[31m")
    )
    page = ssi_index.report_html(store, hostile, today=day)
    assert "<script>" not in page
    assert "&lt;script&gt;" in page
    assert "\x1b" not in page
    assert "\x1b" not in ssi_index.report_markdown(store, hostile, today=day)
    assert "<img" not in page
    md = ssi_index.report_markdown(store, hostile, today=day)
    assert "\\[click\\](http://evil.example) &lt;img src=x\\> \\|" in md
    assert "&lt;script\\>" in md
    assert "\ufffd\\[31m" in md  # the escape character is shown as U+FFFD


def test_markdown_report_has_the_same_sections(store: MemoryStore) -> None:
    md = ssi_index.report_markdown(store, "dana", today=TODAY)
    for heading in ("# SSI report: dana", "## This week", "## History", "## Pillars"):
        assert f"\n{heading}\n" in f"\n{md}"
    trend = re.search(r"Trend \(a space marks a break of more than a week\): `([^`]+)`", md)
    assert trend
    assert trend.group(1).count(" ") == 1
    assert "| Pillar | Points | This week | To 25 |" in md
    assert "\n## Next milestones\n" in md
    assert "\n## This week's focus (aim: " in md


def test_team_report_ranks_averages_and_names_who_stalled(store: MemoryStore) -> None:
    board = ssi_index.leaderboard(store, "emea")
    page = ssi_index.report_html(store, team="emea", today=TODAY)
    ranked = re.findall(r'<tr data-profile="([^"]+)">', page)
    assert ranked == [row.profile for row in board.rows]
    assert "12 members ranked, team average SSI" in page
    stalled = re.findall(r'data-stalled="([^"]+)"', page)
    assert stalled == ["seller-04", "newcomer"]  # seller-05's score is 6 days old
    assert "last score 2026-11-23 (7 days ago)" in page
    for pillar, value in board.pillars.items():
        assert f'data-pillar="{pillar.value}"' in page
        assert f">{ssi_index._i18n.format_number('en', value, 1)}<" in page
    # who moved most: the biggest weekly changes either way, members with a recent score only
    moves = {}
    for row in board.rows:
        week = ssi_index.weekly_report(store.history(row.profile), today=TODAY)
        if week.total is not None and week.measured_against.age < 7:
            moves[row.profile] = week.total.delta
    expected = sorted(moves, key=lambda p: (-abs(moves[p]), p))[:5]
    assert re.findall(r'data-mover="([^"]+)"', page) == expected
    assert "seller-04" not in re.findall(r'data-mover="([^"]+)"', page)
    focused = re.findall(r'data-member-focus="([^"]+)"', page)
    assert focused
    assert set(focused) <= {row.profile for row in board.rows}
    md = ssi_index.report_markdown(store, team="emea", today=TODAY, locale="he")
    assert md.startswith("# דוח SSI לצוות: emea\n")
    assert "- newcomer: עדיין אין ציון" in md


def test_a_team_under_the_privacy_floor_is_refused(store: MemoryStore) -> None:
    with pytest.raises(ssi_index.TeamTooSmallError) as err:
        ssi_index.report_html(store, team="trio", today=TODAY)
    assert (err.value.size, err.value.floor) == (3, 10)
    with pytest.raises(ssi_index.TeamTooSmallError):
        ssi_index.report_markdown(store, team="trio", today=TODAY)
    page = ssi_index.report_html(store, team="trio", today=TODAY, floor=3)
    assert "at least 3 members have a score" in page


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({}, "found neither"),
        ({"profile": "dana", "team": "emea"}, "found both"),
        ({"profile": "nobody"}, "found none"),
        ({"profile": "dana", "today": "2026-11-30"}, "expected a date"),
    ],
)
def test_bad_requests_are_analysis_errors(
    store: MemoryStore, kwargs: dict[str, object], match: str
) -> None:
    with pytest.raises(ssi_index.AnalysisError, match=match):
        ssi_index.report_html(store, **kwargs)  # type: ignore[arg-type]


def test_other_bad_options_raise_their_own_errors(store: MemoryStore) -> None:
    with pytest.raises(ssi_index.UnknownLocaleError):
        ssi_index.report_html(store, "dana", locale="xx")
    with pytest.raises(ssi_index.RuleError):
        ssi_index.report_html(store, "dana", goal="fame")
    with pytest.raises(ssi_index.InvalidScoreError):
        ssi_index.report_markdown(store, "dana", target=-1)


def test_a_profile_whose_scores_are_all_older_than_the_chart_still_reports() -> None:
    store = MemoryStore()
    old = dt.date(2025, 1, 6)
    store.put(Snapshot(profile="me", day=old, score=Score.from_pillars([20, 20, 20, 20])))
    page = ssi_index.report_html(store, "me", today=dt.date(2026, 1, 5))
    assert "No scores recorded in this period." in page
    assert "At or above your target of 70" in page
    assert "<svg" not in page


def _snaps(*offsets: int) -> list[Snapshot]:
    start = dt.date(2026, 1, 1)
    return [
        Snapshot(
            profile="me",
            day=start + dt.timedelta(days=o),
            score=Score.from_pillars([o % 25, 5, 5, 5]),
        )
        for o in offsets
    ]


def test_segments_break_only_after_more_than_a_week() -> None:
    runs = segments(_snaps(0, 7, 15, 16, 30))
    assert [[s.day.day for s in run] for run in runs] == [[1, 8], [16, 17], [31]]
    assert segments([]) == []
    assert sparkline(_snaps(0, 7, 15)) == "▂▂ ▃"  # totals 15, 22 and 30


# ---------------------------------------------------------------------------
# ssi-index report


def _cli(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("SSI_INDEX_")}
    clean.update(
        HOME=str(tmp_path / "home"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        **env,
    )
    return subprocess.run(
        [sys.executable, "-m", "ssi_index", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=clean,
        timeout=120,
        check=False,
    )


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Path:
    path = tmp_path / "ssi.db"
    with SQLiteStore(path) as target:
        source = filled_store()
        target.put_many(s for p in source.profiles() for s in source.history(p))
        for p in source.profiles():
            for note in source.notes(p):
                target.add_note(note)
        for team in ("emea", "trio"):
            for member in source.team_members(team):
                target.set_team(member, team)
    return path


def test_cli_report_writes_the_same_page_as_the_api(tmp_path: Path, sqlite_store: Path) -> None:
    out = tmp_path / "week.html"
    done = _cli(tmp_path, "report", "--store", str(sqlite_store), "-p", "dana", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert str(out) in done.stderr
    page = out.read_text(encoding="utf-8")
    with SQLiteStore(sqlite_store) as store:
        expected = ssi_index.report_html(store, "dana")
    assert page == expected
    # Markdown, in Hebrew, to standard output, with the profile from the environment
    done = _cli(
        tmp_path,
        "report",
        "--store",
        str(sqlite_store),
        "--format",
        "md",
        "--locale",
        "he",
        SSI_INDEX_PROFILE="dana",
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("# דוח SSI: dana\n")


def test_cli_team_report_and_its_floor(tmp_path: Path, sqlite_store: Path) -> None:
    store = str(sqlite_store)
    done = _cli(tmp_path, "report", "--store", store, "--team", "emea", "--format", "md")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("# SSI team report: emea\n")
    refused = _cli(tmp_path, "report", "--store", store, "--team", "trio")
    assert refused.returncode == 1
    assert refused.stdout == ""
    assert "reports need at least 10" in refused.stderr
    shown = _cli(tmp_path, "report", "--store", store, "--team", "trio", "--floor", "3")
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith("<!DOCTYPE html>")
    nobody = _cli(tmp_path, "report", "--store", store)
    assert nobody.returncode == 2  # no profile anywhere: a usage error
