"""``ssi-index week`` and ``ssi-index roadmap`` through the installed script."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from cli_support import NO_SCRIPT, SCRIPT, clean_env, run
from ssi_index import Score, Snapshot, SQLiteStore

pytestmark = pytest.mark.skipif(SCRIPT is None, reason=NO_SCRIPT)
START = dt.date(2026, 10, 5)
# Four weeks: engagement rises by 2.1 in the last week, brand drops by 1.
ROWS = [
    (14.0, 10.0, 9.0, 12.0),
    (14.2, 10.3, 9.2, 12.1),
    (14.4, 10.5, 9.6, 12.3),
    (14.5, 10.8, 9.9, 12.4),
    (13.5, 11.0, 12.0, 12.6),
]


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    db = tmp_path / "ssi.db"
    with SQLiteStore(db) as store:
        store.put_many(
            Snapshot(
                profile="me", day=START + dt.timedelta(days=7 * i), score=Score.from_pillars(r)
            )
            for i, r in enumerate(ROWS)
        )
    return clean_env(tmp_path) | {"SSI_INDEX_STORE": str(db), "SSI_INDEX_PROFILE": "me"}


def test_week_reports_the_rise_and_the_drop(env: dict[str, str]) -> None:
    day = (START + dt.timedelta(days=28)).isoformat()
    data = json.loads(run("week", "--day", day, "--json", env=env).stdout)
    assert set(data) >= {
        "changes", "measured_against", "streak", "next_milestone", "on_pace", "focus", "notes",
    }  # fmt: skip
    text = run("week", "--day", day, env=env)
    assert text.returncode == 0, text.stderr
    assert text.stdout.strip()
    md = run("week", "--day", day, "--markdown", env=env).stdout
    assert md.lstrip().startswith("#")
    he = run("--locale", "he", "week", "--day", day, env=env)
    assert he.returncode == 0, he.stderr
    assert any("\u0590" <= ch <= "\u05ff" for ch in he.stdout)


def test_roadmap_reaches_or_says_why_not(env: dict[str, str]) -> None:
    data = json.loads(
        run("roadmap", "--target", "60", "--day", "2026-11-02", "--json", env=env).stdout
    )
    milestones = data["milestones"]
    assert len(milestones) == 13  # week 0 and twelve weeks ahead
    totals = [m["total"] for m in milestones]
    assert totals == sorted(totals)
    assert totals[0] == pytest.approx(sum(ROWS[-1]), abs=0.01)
    far = run("roadmap", "--target", "99", "--weeks", "2", env=env)
    assert far.returncode == 0, far.stderr
    assert "2" in far.stdout


def test_no_history_is_a_usage_error(env: dict[str, str]) -> None:
    result = run("week", "-p", "nobody", env=env)
    assert result.returncode == 2
    assert "nobody" in result.stderr
