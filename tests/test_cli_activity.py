"""``ssi-index activity import|log`` and ``insights`` through the installed script."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from cli_support import NO_SCRIPT, SCRIPT, clean_env, run

ROOT = Path(__file__).resolve().parent.parent
ARCHIVE = ROOT / "examples" / "data" / "Complete_LinkedInDataExport_10-05-2026.zip"

pytestmark = pytest.mark.skipif(SCRIPT is None, reason=NO_SCRIPT)


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return clean_env(tmp_path) | {
        "SSI_INDEX_STORE": str(tmp_path / "ssi.db"),
        "SSI_INDEX_PROFILE": "me",
    }


def test_import_then_again_changes_nothing(env: dict[str, str]) -> None:
    first = run("activity", "import", str(ARCHIVE), "--json", env=env)
    assert first.returncode == 0, first.stderr
    report = json.loads(first.stdout)
    assert report["added"] > 0
    assert report["privacy_note"]
    again = json.loads(run("activity", "import", str(ARCHIVE), "--json", env=env).stdout)
    assert (again["added"], again["replaced"]) == (0, 0)
    assert again["unchanged"] == report["added"]
    text = run("activity", "import", str(ARCHIVE), env=env)
    assert "\\n" not in text.stdout  # the summary's lines are lines, not escaped newlines
    assert len(text.stdout.splitlines()) >= 2


def test_dry_run_writes_nothing(env: dict[str, str]) -> None:
    result = run("activity", "import", str(ARCHIVE), "--dry-run", "--json", env=env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["added"] > 0
    db = Path(env["SSI_INDEX_STORE"])
    if db.exists():
        with sqlite3.connect(db) as con:
            assert con.execute("SELECT count(*) FROM ssi_activities").fetchone() == (0,)


def test_log_replaces_or_adds_and_speaks_the_locale(env: dict[str, str]) -> None:
    done = run("activity", "log", "comment", "5", "--day", "2026-11-30", env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "Logged for me on 2026-11-30: comments, 5."
    added = run(
        "activity", "log", "comment", "2", "--day", "2026-11-30", "--add", "--json", env=env
    )
    assert json.loads(added.stdout)["count"] == 7
    replaced = run("activity", "log", "comment", "1", "--day", "2026-11-30", "--json", env=env)
    assert json.loads(replaced.stdout)["count"] == 1
    he = run("--locale", "he", "activity", "log", "post", "1", env=env)
    assert he.returncode == 0, he.stderr
    assert "Logged" not in he.stdout
    assert "נרשם" in he.stdout


@pytest.mark.parametrize(
    "args",
    [
        ("activity",),
        ("activity", "log", "comment"),
        ("activity", "import", "a.zip", "--day", "2026-01-01"),
        ("activity", "log", "comment", "-3"),
        ("activity", "log", "comment", "x"),
        ("activity", "log", "like", "3"),
        ("activity", "import"),
    ],
)
def test_usage_errors_exit_2_with_the_commands_usage(
    env: dict[str, str], args: tuple[str, ...]
) -> None:
    result = run(*args, env=env)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "usage:" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_missing_archive_is_an_input_error(env: dict[str, str], tmp_path: Path) -> None:
    result = run("activity", "import", str(tmp_path / "nothing.zip"), env=env)
    assert result.returncode == 4, result.stderr
    assert "nothing.zip" in result.stderr


def test_insights_in_three_languages(env: dict[str, str]) -> None:
    assert run("activity", "import", str(ARCHIVE), env=env).returncode == 0
    en = run("insights", env=env)
    assert en.returncode == 0, en.stderr
    assert en.stdout.startswith("What moved your score")
    ru = run("--locale", "ru", "insights", env=env)
    assert ru.stdout.startswith("Что изменило")
    data = json.loads(run("insights", "--json", env=env).stdout)
    assert data["enough_data"] is False  # an archive without scores cannot say what moved
    assert data["reason"]
