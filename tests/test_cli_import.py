"""``ssi-index import``, through the installed script, over ``ssi_index.import_history``.

The import engine is built beside the CLI; until it is in this tree, the tests that need it
are skipped with the reason, and the one that checks the CLI's refusal without it runs.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import ssi_index
from cli_support import (
    NO_SCRIPT,
    SCRIPT,
    clean_env,
    one_error_line,
    run,
    run_json,
    run_on_tty,
    write_payload,
)
from ssi_index.cli import ExitCode
from ssi_index.storage import open_store

HAVE_IMPORT = hasattr(ssi_index, "import_history")
needs_import = pytest.mark.skipif(
    not HAVE_IMPORT, reason="ssi_index.import_history is not in this tree yet (built beside)"
)
pytestmark = pytest.mark.skipif(SCRIPT is None, reason=NO_SCRIPT)


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return clean_env(tmp_path)


def _exported(tmp_path: Path, env: dict[str, str], fmt: str = "csv", days: int = 20) -> Path:
    """Record *days* days of one profile, export them, and return the export file."""
    source = tmp_path / "source.db"
    files = [
        write_payload(
            tmp_path / f"d{i}.json",
            (10.0 + i * 0.25, 11.0, 9.5, 12.0 + (i % 3)),
            dt.date(2026, 1, 1) + dt.timedelta(days=i),
        )
        for i in range(days)
    ]
    recorded = run("record", "-p", "me", *files, "--store", source, env=env)
    assert recorded.returncode == 0, recorded.stderr
    out = tmp_path / f"export.{fmt}"
    exported = run("export", "--format", fmt, "-p", "me", "-o", out, "--store", source, env=env)
    assert exported.returncode == 0, exported.stderr
    return out


@pytest.mark.skipif(HAVE_IMPORT, reason="ssi_index.import_history exists in this tree")
def test_without_the_import_engine_the_command_says_so(tmp_path: Path, env: dict[str, str]) -> None:
    result = run("import", "-p", "me", tmp_path / "x.csv", "--store", tmp_path / "s.db", env=env)
    assert result.returncode == ExitCode.ERROR
    assert "ssi_index.import_history" in one_error_line(result.stderr)


@needs_import
@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_import_reads_the_own_export_back_exactly_and_twice_changes_nothing(
    fmt: str, tmp_path: Path, env: dict[str, str]
) -> None:
    export = _exported(tmp_path, env, fmt)
    target = tmp_path / "target.db"
    first = run_json("import", "-p", "me", export, "--store", target, env=env)
    (report,) = first["reports"]
    assert (report["added"], report["replaced"], report["unchanged"]) == (20, 0, 0)
    assert report["format"] == f"ssi-index-{fmt}"
    again = run_json("import", "-p", "me", export, "--store", target, env=env)["reports"][0]
    assert (again["added"], again["replaced"], again["unchanged"]) == (0, 0, 20)
    # Every exported field comes back exactly: exporting the copy gives the same file.
    copied = run("export", "--format", fmt, "-p", "me", "--store", target, env=env)
    assert copied.returncode == 0, copied.stderr
    assert copied.stdout == export.read_text(encoding="utf-8")
    with open_store(f"sqlite:///{target}") as copy:
        kept = copy.history("me")
    assert [(s.captured_at, s.source) for s in kept] == [
        (dt.datetime(2026, 1, 1, 12, tzinfo=dt.UTC) + dt.timedelta(days=i), "json")
        for i in range(20)
    ]


@needs_import
def test_dry_run_reports_the_same_and_writes_nothing(tmp_path: Path, env: dict[str, str]) -> None:
    export = _exported(tmp_path, env)
    target = tmp_path / "target.db"
    dry = run_json("import", "-p", "me", export, "--dry-run", "--store", target, env=env)
    (report,) = dry["reports"]
    assert report["dry_run"] is True
    assert report["added"] == 20
    with open_store(f"sqlite:///{target}") as store:
        assert store.profiles() == []
    text = run("import", "-p", "me", export, "--dry-run", "--store", target, env=env)
    assert text.returncode == 0, text.stderr
    assert "dry run, nothing written" in text.stdout


@needs_import
def test_import_reads_standard_input_and_names_it(tmp_path: Path, env: dict[str, str]) -> None:
    export = _exported(tmp_path, env, days=5)
    target = tmp_path / "target.db"
    result = run(
        "import", "-p", "me", "-", "--store", target, "--json", env=env, stdin=export.read_bytes()
    )
    assert result.returncode == 0, result.stderr
    (report,) = json.loads(result.stdout)["reports"]
    assert report["source"] == "-"
    assert report["added"] == 5


@needs_import
def test_import_shows_a_progress_bar_on_a_terminal(tmp_path: Path, env: dict[str, str]) -> None:
    export = _exported(tmp_path, env, days=3)
    other = tmp_path / "copy.csv"
    other.write_bytes(export.read_bytes())
    code, progress, out = run_on_tty(
        "import", "-p", "me", str(export), str(other), "--store", str(tmp_path / "t.db"),
        env=env, stream="stderr",
    )  # fmt: skip
    assert code == 0, out
    assert "] 1/2 " in progress
    assert "] 2/2 " in progress
    assert progress.endswith("\r\x1b[K")


@needs_import
def test_an_unknown_format_is_refused_listing_the_known_ones(
    tmp_path: Path, env: dict[str, str]
) -> None:
    junk = tmp_path / "junk.txt"
    junk.write_text("nothing an importer knows\n", encoding="utf-8")
    result = run("import", "-p", "me", junk, "--store", tmp_path / "t.db", env=env)
    assert result.returncode != 0
    line = one_error_line(result.stderr)
    assert "ssi-index-csv" in line
