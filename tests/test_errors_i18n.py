"""Errors in the user's language: message keys, fallback headlines, escaping, the CLI's output."""

from __future__ import annotations

import errno
import json
import re
from pathlib import Path

import pytest

import ssi_index
from cli_support import NO_SCRIPT, SCRIPT, clean_env, run
from ssi_index import _errors
from ssi_index._config import check_value
from ssi_index._errors import Phrase
from ssi_index._i18n import LOCALES, messages
from ssi_index._io import read_bounded
from ssi_index.rules._goals import to_goal
from ssi_index.rules._plan import check_target
from ssi_index.storage._common import check_profile
from test_views import english_words

SRC = Path(__file__).resolve().parent.parent / "src" / "ssi_index"
RLM, LRM, FSI, PDI = "\u200f", "\u200e", "\u2068", "\u2069"

# Names an error may show in any language: formats, protocols, settings, ssi-index's own words.
NAMES = [
    "ssi-index",
    "PROFESSIONAL_BRAND",
    "FIND_RIGHT_PEOPLE",
    "INSIGHT_ENGAGEMENT",
    "STRONG_RELATIONSHIP",
    "JSESSIONID",
    "li_at",
    "max_bytes",
    "SQLite",
    "JSON",
    "HTML",
    "UTF-8",
    "TOML",
    "CSV",
    "HAR",
    "ZIP",
    "SSI",
    # JSON field names LinkedIn uses.
    "memberScore",
    "subScores",
    "overall",
    "pillar",
    "score",
]
PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"
ONE_BAR = '<html><body><progress id="establish-brand__sub-score-bar" value="3"></progress></body>'
# What a page error names as is: LinkedIn's address, the markup looked for, its own words.
PAGE_NAMES = [
    "https://www.linkedin.com/sales/ssi",
    "progress#establish-brand__sub-score-bar",
    "progress#find-people__sub-score-bar",
    "span.ssi-score__value.block.mb-3.t-light",
    "<code>",
    "salesApiSsi",
    "'CSRF check failed.'",
    "«CSRF check failed.»",
    "login",
]
_PATH = re.compile(r"\$[\w.\[\]\"]*")  # a JSON path ($.memberScore.subScores[0].pillar)


def foreign_words(text: str, *values: str) -> set[str]:
    """English words in *text* once the *values* (the error's parameters) and names are out."""
    for value in sorted(values, key=len, reverse=True):  # the longest first: one may hold another
        text = text.replace(value, " ")
    text = _PATH.sub(" ", text)
    for name in NAMES:
        text = text.replace(name, " ")
    return english_words(text)


def test_the_check_catches_an_english_error() -> None:
    assert foreign_words("ssi-index: שגיאה: expected a file", "page.html") == {"expected", "file"}


# ---------------------------------------------------------------------------
# The mechanism


def _raised(call: object) -> ssi_index.SSIError:
    assert callable(call)
    with pytest.raises(ssi_index.SSIError) as info:
        call()
    return info.value


def test_str_stays_the_english_text(tmp_path: Path) -> None:
    folder = _raised(lambda: read_bounded(tmp_path))
    assert str(folder) == f"expected a regular file at {str(tmp_path)!r}, found a folder"
    goal = _raised(lambda: check_value("goal", "x"))
    assert str(goal) == "goal: expected one of sales, ads, job_search, brand, found 'x'"
    team = ssi_index.TeamTooSmallError("emea", 3, 10)
    assert str(team) == (
        "team 'emea' has 3 member(s) with scores; reports need at least 10 (LinkedIn hides "
        "smaller teams too); pass a lower floor explicitly to report it anyway"
    )
    assert team.key == "team.too_small"


def _samples(tmp_path: Path) -> list[ssi_index.SSIError]:
    page = tmp_path / "page.html"
    page.write_bytes(b"x" * 100)
    return [
        _raised(lambda: read_bounded(tmp_path)),
        _raised(lambda: read_bounded(tmp_path / "missing.html")),
        _raised(lambda: read_bounded(page, max_bytes=10)),
        _raised(lambda: check_value("goal", "x")),
        _raised(lambda: check_value("target", 150)),
        _raised(lambda: ssi_index.open_store("foo://x")),
        _raised(lambda: ssi_index.open_store("sqlite://x.db")),
        _raised(lambda: check_profile("x" * 300)),
        _raised(lambda: ssi_index.parse("hello")),
        _raised(lambda: ssi_index.parse('{"memberScore": {"overall": 5, "subScores": [1]}}')),
        _raised(lambda: ssi_index.parse('{"a": 1')),
        _raised(lambda: ssi_index.Score.from_pillars([30, 1, 1, 1])),
        _raised(lambda: to_goal("fame")),
        _raised(lambda: check_target(150)),
        _raised(lambda: ssi_index.parse((PAGES / "login.html").read_bytes())),
        _raised(lambda: ssi_index.parse((PAGES / "unrelated.html").read_bytes())),
        _raised(lambda: ssi_index.parse(ONE_BAR)),
        _raised(lambda: ssi_index.parse("CSRF check failed.")),
        _raised(lambda: ssi_index.parse('{"status": 401}')),
        ssi_index.TeamTooSmallError("emea", 3, 10),
        ssi_index.UnknownLocaleError("de", LOCALES),
        ssi_index.MissingDependencyError("mcp", "mcp"),
    ]


def test_every_sample_has_a_key_and_reads_the_same_in_english(tmp_path: Path) -> None:
    for error in _samples(tmp_path):
        assert error.key is not None, error
        assert error.localized("en") == str(error), error.key


@pytest.mark.parametrize("locale", ["he", "ru"])
def test_every_sample_speaks_the_locale(tmp_path: Path, locale: str) -> None:
    for error in _samples(tmp_path):
        text = error.localized(locale)
        values = [str(tmp_path), "foo", "sqlite://x.db", "emea", "de", "mcp", "fame", "hello"]
        values += ["page.html", "missing.html", "pip install 'ssi-index[mcp]'", "en, he, ru"]
        values += ["sales, ads, job_search, brand", "memory://, sqlite://, postgresql://"]
        values += ["goal", "target", "postgres://"]
        values += PAGE_NAMES
        values += [
            "sqlite:///relative/path.db",
            "sqlite:////absolute/path.db",
            "'" + "x" * 20 + "'",
        ]
        assert foreign_words(text, *values) == set(), (error.key, text)


def test_plural_forms_follow_the_count() -> None:
    def members(n: int, locale: str) -> str:
        return ssi_index.TeamTooSmallError("t", n, 10).localized(locale)

    assert "יש חבר אחד עם ציונים" in members(1, "he")
    assert "יש שני חברים עם ציונים" in members(2, "he")
    assert "יש 3 חברים עם ציונים" in members(3, "he")
    assert "у 1 участника," in members(1, "ru")
    assert "у 3 участников," in members(3, "ru")
    assert "у 21 участника," in members(21, "ru")


def test_values_from_the_input_are_isolated_in_hebrew_only(tmp_path: Path) -> None:
    error = _raised(lambda: read_bounded(tmp_path))
    he = error.localized("he")
    assert f"{FSI}{tmp_path}{PDI}" in he
    assert f"{LRM}{tmp_path}{LRM}" in error.localized("he", bidi="marks")
    assert FSI not in error.localized("ru")
    assert "«" + str(tmp_path) + "»" in error.localized("ru")


def test_values_with_control_characters_are_escaped() -> None:
    hostile = "a\x1b[2Jb\u202ec\nd"
    error = ssi_index.ParseError(
        "expected a regular file at ..., found a folder",
        key="io.not_regular",
        params={"name": hostile, "kind": Phrase("io.kind.folder")},
    )
    for locale in LOCALES:
        text = error.localized(locale)
        assert "\x1b" not in text
        assert "\u202e" not in text
        assert "\n" not in text
        assert "a\\x1b[2Jb\\u202ec\\nd" in text
    fallback = ssi_index.StorageError(f"cannot open {hostile}")
    assert "\x1b" not in fallback.localized("ru")
    assert "\\x1b" in fallback.localized("en")


def test_an_error_without_a_key_leads_with_the_headline_of_its_class() -> None:
    error = ssi_index.ParseError("odd input")
    assert error.key is None
    assert error.localized("en") == "odd input"
    assert error.localized("he") == f"לא ניתן לקרוא את הקלט: {FSI}odd input{PDI}"
    assert error.localized("ru") == "не удалось прочитать входные данные: odd input"

    class ShelfError(ssi_index.StorageError):
        """A subclass defined elsewhere takes its nearest base's headline."""

    assert ShelfError("x").localized("ru").startswith("не удалось прочитать или записать")


def test_a_key_missing_from_the_catalog_falls_back_to_the_headline() -> None:
    error = ssi_index.StorageError("lost", key="no.such.key")
    assert error.localized("ru") == "не удалось прочитать или записать историю оценок: lost"
    phrase = ssi_index.StorageError("lost", key="io.not_regular", params={"kind": Phrase("x.y")})
    assert phrase.localized("he").startswith("לא ניתן לקרוא או לכתוב")


@pytest.mark.parametrize("locale", LOCALES)
def test_every_error_class_has_a_headline(locale: str) -> None:
    table = messages(locale)
    for name in _errors.__all__:
        assert isinstance(table.get(f"errors.headline.{name}"), str), (locale, name)


_KEY = re.compile(r'key="([a-z_.0-9]+)"')
_PHRASE = re.compile(r'Phrase\(\s*"([a-z_.0-9]+)"')


def test_every_literal_key_and_phrase_in_the_code_is_in_the_catalog() -> None:
    table = messages("en")
    used: set[str] = set()
    for source in SRC.rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        used |= set(_KEY.findall(text)) | set(_PHRASE.findall(text))
    used.discard("no.such.key")
    assert len(used) > 100
    # RowError keeps its keys under importing.row.; every other key is under errors.
    missing = {k for k in used if f"errors.{k}" not in table and f"importing.row.{k}" not in table}
    assert missing == set()


# ---------------------------------------------------------------------------
# The command line

needs_script = pytest.mark.skipif(SCRIPT is None, reason=NO_SCRIPT)


def _one_error(result: object, code: int) -> str:
    assert hasattr(result, "returncode")
    assert result.returncode == code, result.stderr  # type: ignore[attr-defined]
    lines = [line for line in result.stderr.splitlines() if line.strip()]  # type: ignore[attr-defined]
    assert lines, "no error printed"
    return str(lines[-1])


@needs_script
@pytest.mark.parametrize("locale", ["he", "ru"])
def test_cli_errors_of_every_family_speak_the_locale(tmp_path: Path, locale: str) -> None:
    env = clean_env(tmp_path)
    text_file = tmp_path / "notes.txt"
    text_file.write_text("hello world", encoding="utf-8")
    bad_pillar = tmp_path / "ssi.json"
    bad_pillar.write_text(
        json.dumps({"memberScore": {"overall": 5, "subScores": [{"pillar": "X", "score": 1}]}}),
        encoding="utf-8",
    )
    settings = tmp_path / "settings.toml"
    settings.write_text('goal = "fame"\n', encoding="utf-8")
    not_sqlite = tmp_path / "store.db"
    not_sqlite.write_text("plain text, not a database at all", encoding="utf-8")
    table = tmp_path / "table.csv"
    table.write_text("a,b\n1,2\n", encoding="utf-8")
    fetch_env = env | {
        "SSI_INDEX_LI_AT": "cookie-one",
        "SSI_INDEX_JSESSIONID": "ajax:123",
        "SSI_INDEX_BASE_URL": "http://127.0.0.1:9",
    }
    folder = str(tmp_path)
    cases = [
        # (arguments, environment, exit code, values the message must show)
        (["show", folder], env, 4, [folder]),
        (["show", str(tmp_path / "missing.html")], env, 4, [str(tmp_path / "missing.html")]),
        (["show", str(text_file)], env, 4, ["'hello world'"]),
        (["show", str(bad_pillar)], env, 4, ["'X'", "$.memberScore.subScores[0].pillar"]),
        (
            ["show", str(text_file)],
            env | {"SSI_INDEX_CONFIG": str(settings)},
            2,
            ["'fame'", str(settings), "goal", "sales, ads, job_search, brand"],
        ),
        (
            ["history", "-p", "me", "--store", f"sqlite:///{not_sqlite}"],
            env,
            5,
            [str(not_sqlite), "b'plain te'"],
        ),
        (
            ["history", "-p", "me", "--store", "foo://x"],
            env,
            5,
            ["'foo'", "memory://, sqlite://, postgresql://, postgres://"],
        ),
        (
            ["import", str(table), "-p", "me", "--store", "memory://"],
            env,
            4,
            [str(table), ", ".join(ssi_index.import_formats()), "format="],
        ),
        (["team", "emea", "--store", "memory://"], env, 1, ["emea", "10"]),
        (["show", str(PAGES / "login.html")], env, 3, ["https://www.linkedin.com/sales/ssi"]),
        (["show", str(PAGES / "unrelated.html")], env, 4, [PAGE_NAMES[1], PAGE_NAMES[3]]),
        (["fetch", "-p", "me", "--store", "memory://"], fetch_env, 6, ["127.0.0.1:9"]),
    ]
    for args, environment, code, values in cases:
        line = _one_error(run(*args, "--locale", locale, env=environment), code)
        for value in values:
            assert value in line, (args, line)
        shown = line.replace(LRM, "").replace(RLM, "")
        found = foreign_words(
            shown.replace("ssi-index show:", " "), *values, *PAGE_NAMES, str(tmp_path)
        )
        assert found == set(), (args, line)
        if locale == "he" and code != 2:
            assert line.startswith(RLM + "ssi-index: "), line


@needs_script
def test_cli_escapes_control_characters_in_an_error(tmp_path: Path) -> None:
    hostile = tmp_path / "a\x1b[2Jb"
    hostile.mkdir()
    result = run("show", hostile, "--locale", "ru", env=clean_env(tmp_path))
    assert result.returncode == 4
    assert "\x1b" not in result.stderr
    assert "a\\x1b[2Jb" in result.stderr
    assert "ожидался обычный файл" in result.stderr


@needs_script
def test_cli_json_error_keeps_the_english_message_and_adds_the_localized_one(
    tmp_path: Path,
) -> None:
    result = run("show", tmp_path, "--json", "--locale", "ru", env=clean_env(tmp_path))
    assert result.returncode == 4
    body = json.loads(result.stderr)["error"]
    assert body["message"] == f"expected a regular file at {str(tmp_path)!r}, found a folder"
    assert body["localized"] == f"ожидался обычный файл «{tmp_path}», а найдена папка"
    assert body["key"] == "io.not_regular"
    assert body["type"] == "ParseError"


def test_common_system_errors_are_told_in_the_locale() -> None:
    denied = OSError(errno.EACCES, "Permission denied", "/x")
    full = OSError(errno.ENOSPC, "No space left on device", "/x")

    def shown(error: OSError, locale: str) -> str:
        return ssi_index.SSIError("", key="os.reason", params={"reason": error}).localized(locale)

    assert shown(denied, "ru") == "отказано в доступе"
    assert shown(denied, "he") == "אין הרשאה"
    assert shown(denied, "en") == "Permission denied"
    assert shown(full, "ru") == "No space left on device"  # rare ones keep the system's words
