"""The settings file (``ssi_index._config``): where it is, reading, checking, writing."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ssi_index import ConfigError
from ssi_index._config import KEYS, Config, check_value, config_path, load_config, save_config


def test_the_path_follows_the_platform_and_the_override(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SSI_INDEX_CONFIG", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    if sys.platform.startswith("linux"):
        assert config_path() == tmp_path / "xdg" / "ssi-index" / "config.toml"
        monkeypatch.setenv("XDG_CONFIG_HOME", "relative/ignored")
        assert config_path() == tmp_path / ".config" / "ssi-index" / "config.toml"
    monkeypatch.setenv("SSI_INDEX_CONFIG", str(tmp_path / "mine.toml"))
    assert config_path() == tmp_path / "mine.toml"


def test_a_missing_file_is_empty_settings(tmp_path: Path) -> None:
    config = load_config(tmp_path / "none.toml")
    assert config == Config(path=tmp_path / "none.toml")
    assert config.to_dict() == dict.fromkeys(KEYS)


def test_save_then_load_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "config.toml"
    values: dict[str, str | float | None] = {
        "store": "C:\\ssi\\history.db",
        "profile": 'me "quoted" и שלום',
        "goal": "ads",
        "locale": "he-IL",
        "target": 62.5,
    }
    assert save_config(values, path) == path
    loaded = load_config(path)
    assert loaded.to_dict() == {**values, "locale": "he"}
    save_config({**loaded.to_dict(), "target": 70, "goal": None}, path)
    again = load_config(path)
    assert (again.target, again.goal) == (70.0, None)
    assert "target = 70\n" in path.read_text(encoding="utf-8")
    assert not list(path.parent.glob(".*.tmp"))  # replaced in one step, nothing left over


@given(st.text(min_size=1).filter(lambda t: t.strip() != "") | st.sampled_from(["a\x7fb", "\x00"]))
def test_any_profile_text_round_trips(text: str) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "c.toml"
        save_config({"profile": text}, path)
        assert load_config(path).profile == text


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("goal", "fame"),
        ("target", 101),
        ("target", -1),
        ("target", "x"),
        ("target", True),
        ("target", float("nan")),
        ("locale", "de"),
        ("profile", ""),
        ("store", 3),
        ("profile", "me\udcff"),
        ("colour", "red"),
    ],
)
def test_bad_values_are_refused(key: str, value: object) -> None:
    with pytest.raises(ConfigError) as raised:
        check_value(key, value)
    assert isinstance(raised.value, ValueError)
    assert repr(value) in str(raised.value) or key in str(raised.value)


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("profile = ", "TOML"),
        ('colour = "red"\n', "colour"),
        ('target = "high"\n', "target"),
        ("goal = 3\n", "goal"),
        ("\xff\xfe", "TOML"),
    ],
)
def test_a_bad_file_names_itself_and_the_problem(content: str, words: str, tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_bytes(content.encode("latin-1"))
    with pytest.raises(ConfigError) as raised:
        load_config(path)
    assert str(path) in str(raised.value)
    assert words in str(raised.value)


def test_a_huge_or_special_file_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.toml"
    big.write_text("# " + "x" * 70_000 + "\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        load_config(big)
    with pytest.raises(ConfigError):
        load_config(tmp_path)  # a folder


def test_an_unwritable_place_is_a_config_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        save_config({"profile": "me"}, blocker / "config.toml")
    assert "cannot write" in str(raised.value)
