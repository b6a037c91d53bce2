"""``ssi-index week`` and ``ssi-index roadmap`` through the installed script."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ssi_index import Score, Snapshot, SQLiteStore

SCRIPT = shutil.which("ssi-index", path=str(Path(sys.executable).parent))
pytestmark = pytest.mark.skipif(
    SCRIPT is None, reason="the ssi-index console script is not installed in this venv"
)
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
    clean = {k: v for k, v in os.environ.items() if not k.startswith("SSI_INDEX_")}
    clean.update(
        HOME=str(tmp_path / "home"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        SSI_INDEX_STORE=str(db),
        SSI_INDEX_PROFILE="me",
    )
    return clean


def run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    assert SCRIPT is not None
    return subprocess.run(
        [SCRIPT, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=120,
        check=False,
    )


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
