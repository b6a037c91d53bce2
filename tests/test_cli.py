"""The ``ssi-index`` command line, run as the installed console script in a subprocess.

Every test runs the real script against a real SQLite file (``--store sqlite:///...``);
``fetch`` talks to a real HTTP server on 127.0.0.1. Output is read the way a user or a
program would: text, or ``--json`` parsed with :func:`json.loads`.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import os
import pty
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

import ssi_index
from cli_support import (
    NO_SCRIPT,
    ROOT,
    SAMPLE,
    SCRIPT,
    clean_env,
    one_error_line,
    payload,
    run,
    run_json,
    run_on_tty,
    write_payload,
)
from fetch_server import JSESSIONID_STORED, LI_AT, SECRETS, Reply, ScriptedServer
from ssi_index.cli import ExitCode, build_parser, exit_code_for
from ssi_index.rules import texts
from ssi_index.storage import open_store

DOCS = ROOT / "docs" / "cli.md"

pytestmark = pytest.mark.skipif(SCRIPT is None, reason=NO_SCRIPT)


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """A clean environment: no ssi-index variables, no NO_COLOR, private data and config."""
    return clean_env(tmp_path)


@pytest.fixture
def store(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'x.db'}"


def seed_history(tmp_path: Path, store: str, env: Mapping[str, str], profile: str = "me") -> None:
    """Record five weeks of rising scores (a snapshot every Friday) for *profile*."""
    files = [
        write_payload(
            tmp_path / f"{profile}-{i}.json",
            (10.0 + i, 10.0 + i * 0.5, 8.0, 12.0),
            dt.date(2026, 3, 6) + dt.timedelta(weeks=i),
        )
        for i in range(5)
    ]
    result = run("record", "--profile", profile, *files, "--store", store, env=env)
    assert result.returncode == 0, result.stderr


# --- the program itself -----------------------------------------------------------------------


def test_version(env: dict[str, str]) -> None:
    result = run("--version", env=env)
    assert result.returncode == 0
    assert result.stdout.strip() == f"ssi-index {ssi_index.__version__}"


def test_python_dash_m_runs_the_same_cli(env: dict[str, str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ssi_index", "show", str(SAMPLE), "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["score"] == ssi_index.parse_file(SAMPLE).to_dict()


def _subparsers() -> dict[str, argparse.ArgumentParser]:
    for action in build_parser()._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise AssertionError("the parser has no commands")


COMMANDS = sorted(_subparsers())


def test_the_expected_commands_exist() -> None:
    expected = [
        "show", "record", "fetch", "history", "note", "notes", "plan", "team", "export", "plot",
        "profiles", "delete", "import", "config", "completion", "activity", "insights", "week",
        "roadmap", "report", "mcp",
    ]  # fmt: skip
    assert sorted(expected) == COMMANDS


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_and_a_documented_example(command: str, env: dict[str, str]) -> None:
    result = run(command, "--help", env=env)
    assert result.returncode == 0
    assert result.stdout.startswith(f"usage: ssi-index {command}")
    description = result.stdout.split("\n\n")[1]
    assert len(description.split()) >= 8, f"{command} --help has no description"
    example = re.search(r"^example:\n  (ssi-index .*)$", result.stdout, re.M)
    assert example, f"{command} --help shows no example"
    assert example[1].startswith(f"ssi-index {command}")
    docs = DOCS.read_text(encoding="utf-8")
    section = re.search(rf"^## `{command}`\n(.*?)(?=^## |\Z)", docs, re.S | re.M)
    assert section, f"docs/cli.md has no section for {command}"
    blocks = re.findall(r"^```sh\n(.*?)^```", section[1], re.S | re.M)
    assert any(example[1] in block.splitlines() for block in blocks), (
        f"docs/cli.md does not show the example of {command}: {example[1]}"
    )


def test_the_show_example_in_the_docs_is_real_output(env: dict[str, str]) -> None:
    docs = DOCS.read_text(encoding="utf-8")
    shown = re.search(r"```sh\nssi-index (show [^\n]*)\n```\n\n```text\n(.*?)```", docs, re.S)
    assert shown, "docs/cli.md lost the show example and its output"
    result = run(*shown[1].split(), env={**env, "COLUMNS": "100"})
    assert result.returncode == 0, result.stderr
    assert result.stdout == shown[2]


def test_store_json_and_debug_options_where_they_belong() -> None:
    for name, parser in _subparsers().items():
        options = {o for action in parser._actions for o in action.option_strings}
        no_store = {"show", "config", "completion"}  # they read no history
        assert ("--store" in options) == (name not in no_store), name
        no_json = {"export", "plot", "completion", "report", "mcp"}  # files, scripts, protocol
        assert ("--json" in options) == (name not in no_json), name
        for common in ("--debug", "--color", "--locale", "--help"):
            assert common in options, (name, common)
        with_history = {"show", "config", "completion", "profiles", "team"}
        assert ("--profile" in options) == (name not in with_history), name
        assert ("-p" in options) == ("--profile" in options), name
        for action in parser._actions:
            assert action.help, f"{name}: {action.dest} has no help text"


def test_docs_list_every_exit_code_and_environment_variable() -> None:
    docs = DOCS.read_text(encoding="utf-8")
    for code in ExitCode:
        assert re.search(rf"^\| {code.value} \|", docs, re.M), code
    for var in ("SSI_INDEX_STORE", "SSI_INDEX_LI_AT", "SSI_INDEX_JSESSIONID", "SSI_INDEX_BASE_URL"):
        assert var in docs
    assert "NO_COLOR" in docs


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (ssi_index.NotAuthenticatedError("x"), 3),
        (ssi_index.ParseError("x"), 4),
        (ssi_index.InvalidScoreError("x"), 4),
        (ssi_index.StorageError("x"), 5),
        (ssi_index.FetchError("x"), 6),
        (ssi_index.RateLimitError("x"), 6),
        (ssi_index.TeamTooSmallError("t", 1, 10), 1),
        (ssi_index.SSIError("x"), 1),
    ],
)
def test_one_table_maps_errors_to_exit_codes(error: BaseException, code: int) -> None:
    assert exit_code_for(error) == code


@pytest.mark.parametrize(
    "args",
    [
        ["frobnicate"],
        [],
        ["record", "x.json"],  # no --profile
        ["note", "-p", "me", "hi", "--day", "2026-13-45"],
        ["note", "-p", "me", "hi", "--pillar", "charisma"],
        ["plan", "-p", "me", "--target", "101"],
        ["show", str(SAMPLE), "--top", "0"],
        ["history", "-p", "me", "--since", "2026-03-02", "--until", "2026-03-01"],
        ["plot", "-p", "me", "-o", "chart.gif"],
    ],
)
def test_usage_errors_exit_2(args: list[str], env: dict[str, str]) -> None:
    result = run(*args, env=env)
    assert result.returncode == ExitCode.USAGE, result.stderr
    assert "ssi-index" in result.stderr
    assert "error:" in result.stderr
    assert "Traceback" not in result.stderr


# --- show ------------------------------------------------------------------------------------


def test_show_prints_score_ranks_and_recommendations(env: dict[str, str]) -> None:
    result = run("show", SAMPLE, "--goal", "sales", env=env)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    score = ssi_index.parse_file(SAMPLE)
    assert f"SSI {score.overall:.2f} / 100" in out
    label, meaning = texts("en").tier(ssi_index.DEFAULT_SCALE, score.tier)
    assert f"tier: {label}\n  {meaning}\n" in out
    for pillar, points in score.pillars.items():
        assert re.search(rf"{re.escape(pillar.label)}\s+{points:.2f} / 25  [█░]{{20}}", out)
    assert re.search(r"Industry \(Computer Software\)\s+top 22%\s+27\.6", out)
    assert re.search(r"Network\s+top 18%\s+31\.2", out)
    assert "What to do next:" in out
    assert re.search(r"^  1\. ", out, re.M)
    assert "\x1b[" not in out  # not a terminal: no colour
    assert result.stderr == ""


def test_show_json_reads_stdin(env: dict[str, str]) -> None:
    data = SAMPLE.read_bytes()
    for args in (["show", "-", "--json"], ["show", "--json"]):
        result = run(*args, "--top", "2", "--locale", "ru", "--target", "70", env=env, stdin=data)
        assert result.returncode == 0, result.stderr
        shown = json.loads(result.stdout)
        assert set(shown) == {"score", "tier", "recommendations"}
        score = ssi_index.parse(data)
        assert ssi_index.Score.from_dict(shown["score"]) == score
        assert shown["tier"]["name"] == score.tier.name
        expected = ssi_index.recommend(score, target=70, locale="ru")[:2]
        assert [r["key"] for r in shown["recommendations"]] == [r.key for r in expected]
        assert shown["recommendations"][0]["title"] == expected[0].title
        assert re.search("[а-яА-Я]", shown["recommendations"][0]["title"])


def test_show_a_saved_hebrew_page(env: dict[str, str]) -> None:
    fixtures = ROOT / "tests" / "fixtures"
    manifest = json.loads((fixtures / "manifest.json").read_text(encoding="utf-8"))
    entry = next(e for e in manifest if e["file"] == "pages/2026-he.html")
    shown = run_json("show", fixtures / entry["file"], "--locale", "he", env=env)
    assert ssi_index.Score.from_dict(shown["score"]) == ssi_index.Score.from_dict(entry["expect"])
    assert re.search("[\u05d0-\u05ea]", shown["recommendations"][0]["title"])  # Hebrew letters


def test_a_console_without_unicode_gets_ascii_bars_and_escaped_json(env: dict[str, str]) -> None:
    page = ROOT / "tests" / "fixtures" / "pages" / "2026-he.html"
    ascii_env = {**env, "PYTHONIOENCODING": "ascii"}
    text = run("show", page, "--locale", "he", env=ascii_env)
    assert text.returncode == 0, text.stderr
    assert re.search(r"25\.00 / 25  #{20}$", text.stdout, re.M)
    shown = run("show", page, "--locale", "he", "--json", env=ascii_env)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.isascii()
    title = json.loads(shown.stdout)["recommendations"][0]["title"]
    assert re.search("[\u05d0-\u05ea]", title)


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b'{"hello": "world"}', ExitCode.INPUT),
        (b"", ExitCode.INPUT),
        (json.dumps(payload((30.0, 10.0, 10.0, 10.0))).encode(), ExitCode.INPUT),
        (b"CSRF check failed.", ExitCode.NOT_AUTHENTICATED),
        (b'{"status": 401, "code": "EMPTY_ACCESS_TOKEN"}', ExitCode.NOT_AUTHENTICATED),
    ],
)
def test_show_refuses_what_is_not_a_score(
    content: bytes, code: ExitCode, env: dict[str, str]
) -> None:
    result = run("show", "-", env=env, stdin=content)
    assert result.returncode == code, result.stderr
    assert result.stdout == ""
    one_error_line(result.stderr)


def test_show_missing_file_and_debug_traceback(tmp_path: Path, env: dict[str, str]) -> None:
    missing = tmp_path / "nope.json"
    result = run("show", missing, env=env)
    assert result.returncode == ExitCode.INPUT
    assert "nope.json" in one_error_line(result.stderr)
    debug = run("show", missing, "--debug", env=env)
    assert debug.returncode == ExitCode.INPUT
    assert "Traceback (most recent call last)" in debug.stderr
    assert debug.stderr.rstrip().splitlines()[-1].startswith("ssi-index: error: ")
    assert run("--debug", "show", missing, env=env).stderr == debug.stderr


def test_show_without_input_on_a_terminal_is_a_usage_error(env: dict[str, str]) -> None:
    assert SCRIPT is not None
    master, slave = pty.openpty()
    try:
        result = subprocess.run(
            [SCRIPT, "show"], stdin=slave, capture_output=True, text=True, env=env, timeout=60
        )
    finally:
        os.close(slave)
        os.close(master)
    assert result.returncode == ExitCode.USAGE
    assert "standard input" in result.stderr


def test_colour_only_on_a_terminal_and_never_with_no_color(env: dict[str, str]) -> None:
    code, shown, _ = run_on_tty("show", str(SAMPLE), env=env, stream="stdout")
    assert code == 0
    assert "\x1b[1m" in shown
    code, shown, _ = run_on_tty("show", str(SAMPLE), env={**env, "NO_COLOR": "1"}, stream="stdout")
    assert code == 0
    assert "SSI " in shown
    assert "\x1b[" not in shown


# --- record ----------------------------------------------------------------------------------


def test_record_many_files_stores_skips_and_refuses(
    tmp_path: Path, store: str, env: dict[str, str]
) -> None:
    monday = write_payload(tmp_path / "a.json", (10.0, 11.0, 12.0, 13.0), dt.date(2026, 3, 2))
    tuesday = write_payload(tmp_path / "b.json", (11.0, 11.0, 12.0, 13.0), dt.date(2026, 3, 3))
    bad = tmp_path / "bad.json"
    bad.write_text('{"memberScore": {"overall": "high"}}', encoding="utf-8")
    logged_out = tmp_path / "csrf.txt"
    logged_out.write_text("CSRF check failed.", encoding="utf-8")

    result = run(
        "record", "--profile", "me", monday, bad, tuesday, logged_out, tmp_path / "gone.json",
        "--store", store, "--json", env=env,
    )  # fmt: skip
    assert result.returncode == ExitCode.INPUT, result.stderr
    assert result.stderr == ""  # not a terminal: no progress line
    summary = json.loads(result.stdout)
    assert [s["file"] for s in summary["stored"]] == [str(monday), str(tuesday)]
    assert [s["day"] for s in summary["stored"]] == ["2026-03-02", "2026-03-03"]
    assert summary["skipped"] == []
    refused = {Path(r["file"]).name: r for r in summary["refused"]}
    assert set(refused) == {"bad.json", "csrf.txt", "gone.json"}
    assert refused["csrf.txt"]["error"] == "NotAuthenticatedError"
    assert all(r["reason"] for r in refused.values())

    # The same capture again changes nothing: skipped, exit 0.
    again = run("record", "--profile", "me", monday, "--store", store, env=env)
    assert again.returncode == 0, again.stderr
    assert "stored 0, skipped 1, refused 0" in again.stdout

    history = run_json("history", "-p", "me", "--store", store, env=env)
    days = [s["day"] for s in history["snapshots"]]
    assert days == ["2026-03-02", "2026-03-03"]
    first = history["snapshots"][0]
    assert first["source"] == "json"
    assert first["captured_at"].startswith("2026-03-02T12:00:00")


def test_record_every_fixture_file_at_once(tmp_path: Path, store: str, env: dict[str, str]) -> None:
    """Saved pages of every generation and language and the JSON variants, in one run."""
    fixtures = ROOT / "tests" / "fixtures"
    manifest = json.loads((fixtures / "manifest.json").read_text(encoding="utf-8"))
    files = []
    for i, entry in enumerate(manifest):
        copy = tmp_path / "in" / entry["file"]
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(fixtures / entry["file"], copy)
        noon = dt.datetime.combine(dt.date(2026, 1, 1) + dt.timedelta(days=i), dt.time(12), dt.UTC)
        os.utime(copy, (noon.timestamp(), noon.timestamp()))
        files.append(str(copy))

    result = run("record", "--profile", "me", *files, "--store", store, "--json", env=env)
    assert result.returncode == ExitCode.INPUT, result.stderr
    summary = json.loads(result.stdout)
    refused = {r["file"]: r["error"] for r in summary["refused"]}
    stored = {s["file"] for s in summary["stored"]}
    assert summary["skipped"] == []
    for path, entry in zip(files, manifest, strict=True):
        assert refused.get(path) == entry["error"], entry["file"]
        assert (path in stored) == (entry["error"] is None), entry["file"]

    snapshots = run_json("history", "-p", "me", "--store", store, env=env)["snapshots"]
    expected = [e for e in manifest if e["error"] is None]
    assert len(snapshots) == len(expected)
    for snap, entry in zip(snapshots, expected, strict=True):
        score = ssi_index.Score.from_dict(snap["score"])
        assert score == ssi_index.Score.from_dict(entry["expect"]), entry["file"]
        assert snap["source"] == ("page" if entry["kind"] == "html" else "json")


def test_record_day_option_and_text_summary(
    tmp_path: Path, store: str, env: dict[str, str]
) -> None:
    page = write_payload(tmp_path / "p.json", (10.0, 11.0, 12.0, 13.0), dt.date(2026, 3, 9))
    bad = tmp_path / "bad.html"
    bad.write_text("<html><body>nothing here</body></html>", encoding="utf-8")
    result = run(
        "record", "--profile", "ana", "--day", "2026-01-15", "--source", "manual", page, bad,
        "--store", store, env=env,
    )  # fmt: skip
    assert result.returncode == ExitCode.INPUT
    assert result.stdout.splitlines()[0] == "ana: stored 1, skipped 0, refused 1 of 2 files"
    assert re.search(r"refused\s+.*bad\.html: \S", result.stdout)
    shown = run_json("history", "-p", "ana", "--store", store, env=env)["snapshots"]
    assert [(s["day"], s["source"]) for s in shown] == [("2026-01-15", "manual")]


def test_record_shows_progress_only_on_a_terminal(
    tmp_path: Path, store: str, env: dict[str, str]
) -> None:
    files = [
        str(
            write_payload(tmp_path / f"{i}.json", (10.0, 10.0, 10.0, 10.0 + i), dt.date(2026, 3, i))
        )
        for i in range(1, 4)
    ]
    code, progress, out = run_on_tty(
        "record", "--profile", "me", *files, "--store", store, env=env, stream="stderr"
    )
    assert code == 0
    assert "] 1/3 " in progress
    assert "] 3/3 " in progress
    assert progress.endswith("\r\x1b[K")  # the bar is cleared at the end
    assert "stored 3" in out


# --- history, note, plan ---------------------------------------------------------------------


def test_history_table_with_notes_streak_and_forecast(
    tmp_path: Path, store: str, env: dict[str, str]
) -> None:
    seed_history(tmp_path, store, env)
    noted = run(
        "note", "-p", "me", "sent 20 personal invitations", "--pillar", "people",
        "--day", "2026-03-20", "--store", store, env=env,
    )  # fmt: skip
    assert noted.returncode == 0, noted.stderr
    assert "noted on 2026-03-20 (Find the right people)" in noted.stdout

    result = run("history", "-p", "me", "--target", "60", "--store", store, env=env)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("me: 5 snapshots")
    assert re.search(r"^day\s+total\s+brand\s+people\s+insights\s+relationships\s+week", out, re.M)
    row = re.search(r"^2026-03-20\s+(.*)$", out, re.M)
    assert row
    assert row[1].split()[:5] == ["43.00", "12.00", "11.00", "8.00", "12.00"]
    assert "+1.50" in row[1]  # week-over-week change of the total
    assert "brand +1.00" in row[1]  # the pillar that moved most
    assert row[1].endswith("sent 20 personal invitations")
    assert "Streak: 4 weeks improving since the week of 2026-03-09; longest 4." in out
    assert "Streak: 0 weeks at or above 60; longest 0." in out
    assert re.search(r"Forecast: target 60 around 2026-\d\d-\d\d \(pace \+1\.50", out)


def test_history_json_is_stable(tmp_path: Path, store: str, env: dict[str, str]) -> None:
    seed_history(tmp_path, store, env)
    run("note", "-p", "me", "posted an article", "--day", "2026-03-13", "--store", store, env=env)
    shown = run_json(
        "history", "-p", "me", "--since", "2026-03-10", "--target", "90", "--store", store, env=env
    )
    assert set(shown) == {
        "profile", "snapshots", "weekly_changes", "alerts", "streak", "target_streak", "forecast",
        "notes",
    }  # fmt: skip
    assert [s["day"] for s in shown["snapshots"]] == [
        "2026-03-13",
        "2026-03-20",
        "2026-03-27",
        "2026-04-03",
    ]
    for snap in shown["snapshots"]:
        assert ssi_index.Snapshot.from_dict(snap).profile == "me"
    change = shown["weekly_changes"][0]
    assert change == {
        "from": "2026-03-13",
        "to": "2026-03-20",
        "days": 7,
        "total": 1.5,
        "pillars": {
            "PROFESSIONAL_BRAND": 1.0,
            "FIND_RIGHT_PEOPLE": 0.5,
            "INSIGHT_ENGAGEMENT": 0.0,
            "STRONG_RELATIONSHIP": 0.0,
        },
        "moved_most": "PROFESSIONAL_BRAND",
        "flat": True,
    }
    assert shown["alerts"] == []
    assert shown["streak"] == {"target": None, "weeks": 3, "since": "2026-03-16", "longest": 3}
    assert shown["target_streak"] == {"target": 90.0, "weeks": 0, "since": None, "longest": 0}
    assert shown["forecast"]["status"] == "on-track"
    assert shown["notes"] == [
        {"profile": "me", "day": "2026-03-13", "text": "posted an article", "pillar": None}
    ]


def test_history_drop_alert(tmp_path: Path, store: str, env: dict[str, str]) -> None:
    before = write_payload(tmp_path / "1.json", (15.0, 15.0, 15.0, 15.0), dt.date(2026, 3, 2))
    after = write_payload(tmp_path / "2.json", (14.0, 14.0, 14.0, 14.0), dt.date(2026, 3, 3))
    later = write_payload(tmp_path / "3.json", (11.0, 14.0, 14.0, 14.0), dt.date(2026, 3, 6))
    run("record", "--profile", "me", before, after, later, "--store", store, env=env)
    out = run("history", "-p", "me", "--store", store, env=env).stdout
    assert "! 2026-03-03: the total fell 4.00 points (all four pillars fell on one day" in out
    assert "! 2026-03-06: the total fell 3.00 points over 3 days (most in brand: -3.00)" in out
    alerts = run_json("history", "-p", "me", "--store", store, env=env)["alerts"]
    assert alerts == [
        {"day": "2026-03-03", "drop": 4.0, "likely_recalculation": True},
        {"day": "2026-03-06", "drop": 3.0, "likely_recalculation": False},
    ]


def test_commands_refuse_an_unknown_profile(store: str, env: dict[str, str]) -> None:
    for args in (
        ["history", "-p", "nobody"],
        ["plan", "-p", "nobody", "--target", "70"],
        ["export", "--profile", "nobody"],
        ["plot", "-p", "nobody", "-o", "nobody.png"],
    ):
        result = run(*args, "--store", store, env=env)
        assert result.returncode == ExitCode.ERROR
        assert "'nobody'" in one_error_line(result.stderr)


def test_note_json(store: str, env: dict[str, str]) -> None:
    note = run_json(
        "note", "-p", "me", "commented on 5 posts", "--pillar", "INSIGHT_ENGAGEMENT",
        "--day", "2026-02-01", "--store", store, env=env,
    )  # fmt: skip
    assert note == {
        "profile": "me",
        "day": "2026-02-01",
        "text": "commented on 5 posts",
        "pillar": "INSIGHT_ENGAGEMENT",
    }
    today = run_json("note", "-p", "me", "updated my headline", "--store", store, env=env)
    assert today["day"] == dt.datetime.now(dt.UTC).date().isoformat()


def test_plan(tmp_path: Path, store: str, env: dict[str, str]) -> None:
    seed_history(tmp_path, store, env)  # latest: 14, 12, 8, 12 = 46
    shown = run_json("plan", "-p", "me", "--target", "70", "--store", store, env=env)
    assert shown["profile"] == "me"
    assert shown["day"] == "2026-04-03"
    plan = shown["plan"]
    assert (plan["start"], plan["end"], plan["target"], plan["reached"]) == (46.0, 70.0, 70.0, True)
    # The command is a thin call of ssi_index.plan: it shows that plan, step for step.
    with open_store(store) as history:
        (latest,) = history.latest(["me"])
    expected = ssi_index.plan(latest.score, 70)
    assert [(s["pillar"], s["start"], s["end"], s["add"]) for s in plan["steps"]] == [
        (s.pillar.value, s.start, s.end, s.add) for s in expected.steps
    ]
    assert round(sum(s["add"] for s in plan["steps"]), 6) == 24.0
    # Spread like the roadmap (issue 11): the lowest pillar gains most, none takes all.
    first = plan["steps"][0]
    assert (first["pillar"], first["start"]) == ("INSIGHT_ENGAGEMENT", 8.0)
    assert 0 < first["add"] < 24.0
    assert first["end"] < 25.0
    text = run("plan", "-p", "me", "--target", "70", "--store", store, env=env).stdout
    assert text.startswith("me: from 46.00 (on 2026-04-03) to 70")
    for step in expected.steps:
        label = re.escape(step.pillar.label)
        shown_step = rf"{label}\s+{step.start:.2f}\s+->\s+{step.end:.2f}\s+\(\+{step.add:.2f}\)"
        assert re.search(shown_step, text), (shown_step, text)
    done = run("plan", "-p", "me", "--target", "40", "--store", store, env=env).stdout
    assert "Already there" in done


# --- team, export, plot ----------------------------------------------------------------------


def test_team_membership_and_leaderboard(tmp_path: Path, store: str, env: dict[str, str]) -> None:
    for i, profile in enumerate(["ana", "ben", "cy"]):
        path = write_payload(
            tmp_path / f"{profile}.json", (10.0 + i, 10.0, 10.0, 10.0), dt.date(2026, 3, 2)
        )
        run("record", "--profile", profile, path, "--store", store, env=env)
    added = run_json("team", "sales", "--add", "ana", "ben", "cy", "dee", "--store", store, env=env)
    assert added == {"team": "sales", "members": ["ana", "ben", "cy", "dee"]}

    small = run("team", "sales", "--store", store, env=env)
    assert small.returncode == ExitCode.ERROR
    assert "at least 10" in one_error_line(small.stderr)

    board = run_json("team", "sales", "--floor", "3", "--store", store, env=env)
    assert [(r["rank"], r["profile"], r["overall"]) for r in board["rows"]] == [
        (1, "cy", 42.0), (2, "ben", 41.0), (3, "ana", 40.0),
    ]  # fmt: skip
    assert board["average"] == 41.0
    assert board["missing"] == ["dee"]
    text = run("team", "sales", "--floor", "3", "--store", store, env=env).stdout
    assert text.startswith("team sales: 3 members ranked")
    assert re.search(r"^\s*1\s+cy\s+2026-03-02\s+42\.00", text, re.M)
    assert re.search(r"team average\s+41\.00", text)
    assert "no score yet: dee" in text

    removed = run_json("team", "sales", "--remove", "dee", "--store", store, env=env)
    assert removed["members"] == ["ana", "ben", "cy"]
    stranger = run("team", "sales", "--remove", "zed", "--store", store, env=env)
    assert stranger.returncode == ExitCode.ERROR
    assert "'zed'" in one_error_line(stranger.stderr)


def test_export_csv_to_stdout_and_json_to_file(
    tmp_path: Path, store: str, env: dict[str, str]
) -> None:
    seed_history(tmp_path, store, env, profile="me")
    seed_history(tmp_path, store, env, profile="ana")
    result = run("export", "--profile", "me", "--store", store, env=env)
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 5
    assert tuple(rows[0]) == ssi_index.EXPORT_COLUMNS
    assert rows[0]["overall"] == "40.0"
    assert rows[0]["industry_rank"] == "30"

    out = tmp_path / "all.json"
    written = run("export", "--format", "json", "-o", out, "--store", store, env=env)
    assert written.returncode == 0, written.stderr
    assert result.stdout  # the earlier export printed; this one wrote a file
    assert written.stdout == ""
    assert "wrote 10 rows to" in written.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert sorted({row["profile"] for row in data}) == ["ana", "me"]
    assert all(row["network_average"] == 30.1 for row in data)


def test_export_refuses_an_unwritable_file(tmp_path: Path, store: str, env: dict[str, str]) -> None:
    result = run("export", "-o", tmp_path / "no" / "such" / "dir.csv", "--store", store, env=env)
    assert result.returncode == ExitCode.ERROR
    assert "dir.csv" in one_error_line(result.stderr)


def test_plot_writes_a_png(tmp_path: Path, store: str, env: dict[str, str]) -> None:
    pytest.importorskip("matplotlib")
    seed_history(tmp_path, store, env)
    chart = tmp_path / "chart.png"
    result = run("plot", "-p", "me", "-o", chart, "--target", "70", "--store", store, env=env)
    assert result.returncode == 0, result.stderr
    assert chart.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert chart.stat().st_size > 10_000


# --- storage ---------------------------------------------------------------------------------


def test_store_errors_exit_5(tmp_path: Path, env: dict[str, str]) -> None:
    not_sqlite = tmp_path / "notes.txt"
    not_sqlite.write_text("this is not a database " * 100, encoding="utf-8")
    for url in (f"sqlite:///{not_sqlite}", "nosuchscheme://x"):
        result = run("history", "-p", "me", "--store", url, env=env)
        assert result.returncode == ExitCode.STORAGE, result.stderr
        one_error_line(result.stderr)
    assert not_sqlite.read_text(encoding="utf-8").startswith("this is not a database")


def test_store_from_the_environment(tmp_path: Path, env: dict[str, str]) -> None:
    path = tmp_path / "env.db"
    environ = {**env, "SSI_INDEX_STORE": f"sqlite:///{path}"}
    result = run("note", "-p", "me", "hello", env=environ)
    assert result.returncode == 0, result.stderr
    assert path.exists()
    assert (
        run_json("history", "-p", "me", "--store", f"sqlite:///{path}", env=env)["notes"][0]["text"]
        == "hello"
    )


# --- fetch -----------------------------------------------------------------------------------


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    with ScriptedServer() as srv:
        yield srv


@pytest.fixture
def fetch_env(env: dict[str, str], server: ScriptedServer) -> dict[str, str]:
    return {
        **env,
        "SSI_INDEX_BASE_URL": server.url,
        "SSI_INDEX_LI_AT": LI_AT,
        "SSI_INDEX_JSESSIONID": JSESSIONID_STORED,
    }


def test_fetch_records_once_an_hour_unless_forced(
    store: str, fetch_env: dict[str, str], server: ScriptedServer
) -> None:
    snap = run_json("fetch", "--profile", "me", "--store", store, env=fetch_env)
    assert snap["source"] == "api"
    assert snap["score"]["overall"] == 47.260002
    assert snap["day"] == dt.datetime.now(dt.UTC).date().isoformat()
    assert server.paths() == ["/sales-api/salesApiSsi"]
    assert f"li_at={LI_AT}" in server.received[0].headers["cookie"]

    again = run("fetch", "--profile", "me", "--store", store, env=fetch_env)
    assert again.returncode == 0, again.stderr
    assert len(server.received) == 1  # throttled: the stored one is shown
    assert "SSI 47.26 / 100" in again.stdout
    assert "not fetched" in again.stderr
    assert "--force" in again.stderr

    server.script(Reply.json(payload((13.0, 11.0, 10.0, 9.0))))
    forced = run_json("fetch", "--profile", "me", "--force", "--store", store, env=fetch_env)
    assert len(server.received) == 1
    assert forced["score"]["overall"] == 43.0


def test_fetch_with_a_cookies_file(
    tmp_path: Path, store: str, fetch_env: dict[str, str], server: ScriptedServer
) -> None:
    env = {
        k: v for k, v in fetch_env.items() if k not in ("SSI_INDEX_LI_AT", "SSI_INDEX_JSESSIONID")
    }
    expires = str(int(dt.datetime.now(dt.UTC).timestamp()) + 86400)
    cookies = tmp_path / "cookies.txt"
    cookies.write_text(
        "# Netscape HTTP Cookie File\n"
        f".www.linkedin.com\tTRUE\t/\tTRUE\t{expires}\tli_at\t{LI_AT}\n"
        f".www.linkedin.com\tTRUE\t/\tTRUE\t{expires}\tJSESSIONID\t{JSESSIONID_STORED}\n",
        encoding="utf-8",
    )
    result = run("fetch", "--profile", "me", "--cookies", cookies, "--store", store, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"me: {dt.datetime.now(dt.UTC).date()}, captured ")
    assert f"li_at={LI_AT}" in server.received[0].headers["cookie"]
    assert not any(secret in result.stdout + result.stderr for secret in SECRETS)


def test_fetch_with_cookies_from_standard_input(
    store: str, fetch_env: dict[str, str], server: ScriptedServer
) -> None:
    env = {
        k: v for k, v in fetch_env.items() if k not in ("SSI_INDEX_LI_AT", "SSI_INDEX_JSESSIONID")
    }
    expires = int(dt.datetime.now(dt.UTC).timestamp()) + 86400
    text = (
        "# Netscape HTTP Cookie File\n"
        f".www.linkedin.com\tTRUE\t/\tTRUE\t{expires}\tli_at\t{LI_AT}\n"
        f".www.linkedin.com\tTRUE\t/\tTRUE\t{expires}\tJSESSIONID\t{JSESSIONID_STORED}\n"
    )
    result = run(
        "fetch", "-p", "me", "--cookies", "-", "--store", store, env=env, stdin=text.encode()
    )
    assert result.returncode == 0, result.stderr
    assert f"li_at={LI_AT}" in server.received[0].headers["cookie"]
    assert not any(secret in result.stdout + result.stderr for secret in SECRETS)

    # Expired cookies on standard input: refused before any request, without the values.
    stale = text.replace(str(expires), str(expires - 2 * 86400))
    refused = run(
        "fetch",
        "-p",
        "me",
        "--cookies",
        "-",
        "--force",
        "--store",
        store,
        env=env,
        stdin=stale.encode(),
    )
    assert refused.returncode == ExitCode.NOT_AUTHENTICATED
    line = one_error_line(refused.stderr)
    assert "expired" in line
    assert "standard input" in line
    assert not any(secret in refused.stdout + refused.stderr for secret in SECRETS)
    assert len(server.received) == 1


def test_fetch_without_cookies_is_not_authenticated(store: str, env: dict[str, str]) -> None:
    result = run("fetch", "--profile", "me", "--store", store, env=env)
    assert result.returncode == ExitCode.NOT_AUTHENTICATED
    assert "SSI_INDEX_LI_AT" in one_error_line(result.stderr)


@pytest.mark.parametrize(
    ("reply", "code"),
    [
        (Reply(403, b"CSRF check failed.", (("Content-Type", "text/plain"),)), 3),
        (Reply(302, b"", (("Location", "/authwall?trk=x"),)), ExitCode.NOT_AUTHENTICATED),
        (Reply.json({"status": 404}, status=404), ExitCode.NETWORK),
        (Reply(429, b"", (("Retry-After", "3600"),)), ExitCode.NETWORK),
        (Reply.json({"unrelated": True}), ExitCode.INPUT),
    ],
    ids=["403-csrf", "302-authwall", "404", "429", "not-ssi"],
)
def test_fetch_errors_never_show_the_cookies(
    reply: Reply, code: int, store: str, fetch_env: dict[str, str], server: ScriptedServer
) -> None:
    server.script(reply)
    for debug in ([], ["--debug"]):
        result = run("fetch", "--profile", "me", *debug, "--store", store, env=fetch_env)
        assert result.returncode == code, result.stderr
        if debug:
            assert "Traceback" in result.stderr
        else:
            one_error_line(result.stderr)
        for secret in SECRETS:
            assert secret not in result.stdout
            assert secret not in result.stderr
    with open_store(store) as history:
        assert history.profiles() == []  # nothing was stored
