"""The CLI in-process: ``main()`` with real stores, its exit codes, the registry of commands."""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ssi_index
from ssi_index._errors import ConfigError, UnknownLocaleError
from ssi_index.cli import ExitCode, Registry, build_parser, exit_code_for, main
from ssi_index.cli._app import COMMAND_MODULES
from ssi_index.cli._exit import CommandError, UsageError
from ssi_index.cli._options import Types, early_locale, store_url
from ssi_index.storage import open_store

SAMPLE = Path(__file__).resolve().parent.parent / "examples" / "data" / "ssi-api.json"


@pytest.fixture(autouse=True)
def _clean(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("SSI_INDEX_STORE", "SSI_INDEX_PROFILE", "SSI_INDEX_LOCALE", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SSI_INDEX_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))


def test_main_records_and_reads_back(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "ssi.db"
    code = main(["record", "-p", "me", str(SAMPLE), "--day", "2026-03-02", "--store", str(db)])
    assert code == ExitCode.OK
    capsys.readouterr()
    assert main(["history", "-p", "me", "--store", str(db), "--json"]) == ExitCode.OK
    shown = json.loads(capsys.readouterr().out)
    assert [s["day"] for s in shown["snapshots"]] == ["2026-03-02"]
    with open_store(store_url(str(db))) as store:
        assert store.profiles() == ["me"]


def test_main_returns_the_mapped_code_and_prints_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["history", "-p", "ghost", "--store", str(tmp_path / "s.db")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("ssi-index: error: expected a profile with recorded scores")
    assert main(["show", str(tmp_path / "missing.json")]) == ExitCode.INPUT


@pytest.mark.parametrize(
    "argv",
    [
        ["history"],
        ["history", "-p", "me", "--bogus"],
        ["show", str(SAMPLE), "--locale", "de"],
        ["config", "goal", "fame"],
        ["plot", "-p", "me", "-o", "x.gif"],
    ],
)
def test_usage_errors_exit_2_through_system_exit(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as raised:
        main(argv)
    assert raised.value.code == ExitCode.USAGE
    err = capsys.readouterr().err
    assert err.startswith(f"usage: ssi-index {argv[0]}")


def test_the_settings_file_is_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "ssi.db"
    (tmp_path / "config.toml").write_text(
        f'profile = "me"\nstore = "{db.name}"\nlocale = "ru"\n', encoding="utf-8"
    )
    assert main(["record", str(SAMPLE), "--day", "2026-03-02"]) == ExitCode.OK
    out = capsys.readouterr().out
    assert out.startswith("me: сохранено 1, пропущено 0, отклонено 0 из 1 файла")
    assert db.is_file()  # relative to the settings file's folder


def test_exit_codes_of_the_cli_errors() -> None:
    assert exit_code_for(UsageError("x")) == ExitCode.USAGE
    assert exit_code_for(ConfigError("x")) == ExitCode.USAGE
    assert exit_code_for(UnknownLocaleError("de", ("en",))) == ExitCode.USAGE
    assert exit_code_for(CommandError("x")) == ExitCode.ERROR
    assert exit_code_for(ssi_index.TeamTooSmallError("t", 1, 10)) == ExitCode.ERROR
    assert exit_code_for(KeyError("x")) == ExitCode.ERROR


@pytest.mark.parametrize(
    ("argv", "locale"),
    [
        (["--locale", "he", "show"], "he"),
        (["show", "--locale=ru-RU"], "ru"),
        (["show", "--locale", "de"], None),
        (["note", "--", "--locale", "he"], None),
        (["show"], None),
    ],
)
def test_the_locale_is_found_before_parsing(argv: list[str], locale: str | None) -> None:
    assert early_locale(argv) == locale


def test_store_url_of_plain_paths_and_urls(tmp_path: Path) -> None:
    assert store_url("memory://") == "memory://"
    assert store_url("postgresql://u@h/db") == "postgresql://u@h/db"
    assert store_url(str(tmp_path / "a.db")) == f"sqlite:///{tmp_path / 'a.db'}"
    assert store_url("a.db", base=tmp_path) == f"sqlite:///{tmp_path / 'a.db'}"
    assert store_url("~/a.db").endswith("/a.db")
    assert "~" not in store_url("~/a.db")


def test_a_command_module_registers_with_the_shared_option_sets() -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert set(sub.choices) >= {"show", "history", "import", "config", "completion"}
    assert len(COMMAND_MODULES) == len(set(COMMAND_MODULES))
    registry = Registry("en", Types("en"), sub, {}, False)
    with pytest.raises(ssi_index.SSIError):
        registry.command("x", lambda ctx: 0, help="h", description="d", example="e", options=["y"])


@pytest.mark.parametrize(
    ("argv", "shown"),
    [
        (["--locale", "ru", "show", "--goal", "x"], "аргумент --goal: недопустимое значение: 'x'"),
        (["--locale", "he", "note"], "חסרים הארגומנטים הנדרשים: TEXT"),
        (["--locale", "he", "show", "--top"], "הארגומנט --top: ציפינו לארגומנט אחד"),
        (["show", "--goal", "x (choose from y"], "invalid choice: 'x (choose from y' (choose"),
    ],
)
def test_argparse_messages_speak_the_users_language(
    argv: list[str], shown: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        main(argv)
    assert shown in capsys.readouterr().err


def test_usage_errors_follow_the_color_flag(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["show", "--goal", "x", "--color", "always"])
    assert "\x1b[31m" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["show", "--goal", "x", "--color", "never"])
    assert "\x1b[" not in capsys.readouterr().err


_WORDS = st.sampled_from(
    [
        "show", "record", "history", "note", "notes", "plan", "profiles", "delete", "export",
        "team", "config", "completion", "-p", "--profile", "--store", "memory://", "--json",
        "--since", "--until", "2026-03-02", "2026-13-40", "--target", "70", "-1", "nan",
        "--goal", "ads", "fame", "--locale", "he", "de", "--color", "never", "--top", "0",
        "--day", "--pillar", "people", "--yes", "--format", "csv", "json", "-", "--all",
        "profile", "store", "goal", "bash", "--unset", "--floor", "--add", "me", "\x1b[2J",
        "--", "=x", str(SAMPLE), "--debug",
    ]
)  # fmt: skip


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(argv=st.lists(_WORDS, max_size=8))
def test_any_command_line_ends_in_an_exit_code_never_a_crash(
    argv: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SSI_INDEX_STORE", "memory://")
    monkeypatch.setenv("SSI_INDEX_CONFIG", str(tmp_path / "fuzz.toml"))
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(SAMPLE.read_bytes())))
    out, err = io.StringIO(), io.StringIO()
    monkeypatch.setattr("sys.stdout", out)
    monkeypatch.setattr("sys.stderr", err)
    try:
        code = main(argv)
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 2
    assert code in set(ExitCode), (argv, err.getvalue())
    assert "Traceback" not in err.getvalue() or "--debug" in argv
    assert "unexpected" not in err.getvalue(), (argv, err.getvalue())
    for text in (out.getvalue(), err.getvalue()):
        assert "\x1b[2J" not in text
