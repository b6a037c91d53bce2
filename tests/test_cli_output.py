"""The CLI's output layer, in-process: escaping, display width, colour choice, tables, JSON."""

from __future__ import annotations

import io
import json
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ssi_index.cli._output import Output, Progress, Styled, color_enabled, escape, table, width


class _Stream(io.StringIO):
    def __init__(self, *, tty: bool, encoding: str = "utf-8") -> None:
        super().__init__()
        self._tty = tty
        self._encoding = encoding

    def isatty(self) -> bool:
        return self._tty

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._encoding


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("me\x1b]0;pwned\x07", "me\\x1b]0;pwned\\x07"),
        ("\x1b[2Jclear", "\\x1b[2Jclear"),
        ("a\nb\rc\td", "a\\nb\\rc\\td"),
        ("del\x7f", "del\\x7f"),
        ("csi\x9b31m", "csi\\x9b31m"),
        ("abc\u202edcba", "abc\\u202edcba"),
        ("iso\u2066x\u2069", "iso\\u2066x\\u2069"),
        ("line\u2028sep", "line\\u2028sep"),
        ("שלום עולם", "שלום עולם"),
        ("Привет", "Привет"),
        ("東京 👨\u200d👩\u200d👧 é", "東京 👨\u200d👩\u200d👧 é"),
        ("\u200fRLM stays", "\u200fRLM stays"),
    ],
)
def test_escape_shows_control_characters_and_keeps_letters(raw: str, shown: str) -> None:
    assert escape(raw) == shown


@given(st.text())
def test_escaped_text_holds_no_control_character(text: str) -> None:
    shown = escape(text)
    for char in shown:
        assert unicodedata.category(char) != "Cc"
        assert not 0x202A <= ord(char) <= 0x202E
        assert not 0x2066 <= ord(char) <= 0x2069


def test_escape_is_linear_on_a_large_hostile_string() -> None:
    hostile = "\x1b[" * 200_000 + "\x07" * 200_000
    shown = escape(hostile)
    assert len(shown) == 200_000 * (4 + 1) + 200_000 * 4
    assert "\x1b" not in shown


@pytest.mark.parametrize(
    ("text", "cells"),
    [
        ("", 0),
        ("abc", 3),
        ("東京", 4),
        ("한국어", 6),
        ("ｆｕｌｌ", 8),  # full-width Latin
        ("😀", 2),
        ("👨\u200d👩\u200d👧", 2),  # one family emoji, joined
        ("❤\ufe0f", 2),  # a symbol in emoji presentation
        ("❤", 1),
        ("e\u0301", 1),  # a combining accent
        ("שלום", 4),
        ("مرحبا", 5),
        ("\u200f", 0),
    ],
)
def test_display_width(text: str, cells: int) -> None:
    assert width(text) == cells


def test_table_aligns_by_display_width() -> None:
    rows = [["name", "total"], ["東京チーム", "1.00"], ["ana", "22.50"], ["😀😀", "3.00"]]
    lines = [
        Output(_Stream(tty=False), False).render(line) for line in table(rows, right=frozenset({1}))
    ]
    # Every total ends in the same terminal column, whatever the script before it.
    ends = {width(line) for line in lines}
    assert len(ends) == 1, lines
    assert lines[1].startswith("東京チーム  ")


def test_table_pads_escaped_text_to_its_shown_width() -> None:
    rows = [["a\x1bb", "x"], ["abcdef", "y"]]
    lines = [Output(_Stream(tty=False), False).render(line) for line in table(rows)]
    assert lines[0] == "a\\x1bb  x"
    assert lines[1] == "abcdef  y"


def test_colour_is_added_after_escaping() -> None:
    out = Output(_Stream(tty=True), True)
    shown = out.render(["plain \x1b[31m", Styled("bold \x1b]0;t\x07", "bold")])
    assert shown == "plain \\x1b[31m\x1b[1mbold \\x1b]0;t\\x07\x1b[0m"


@pytest.mark.parametrize(
    ("mode", "environ", "tty", "expected"),
    [
        ("auto", {}, True, True),
        ("auto", {}, False, False),
        ("auto", {"NO_COLOR": "1"}, True, False),
        ("auto", {"NO_COLOR": ""}, True, True),  # empty means unset (no-color.org)
        ("auto", {"TERM": "dumb"}, True, False),
        ("auto", {"FORCE_COLOR": "1"}, False, True),
        ("auto", {"FORCE_COLOR": "1", "TERM": "dumb"}, False, True),
        ("auto", {"FORCE_COLOR": "1", "NO_COLOR": "1"}, True, False),
        ("always", {"NO_COLOR": "1", "TERM": "dumb"}, False, True),
        ("never", {"FORCE_COLOR": "1"}, True, False),
    ],
)
def test_colour_choice(
    mode: str,
    environ: dict[str, str],
    tty: bool,
    expected: bool,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("NO_COLOR", "FORCE_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    assert color_enabled(mode, _Stream(tty=tty)) is expected


def test_json_escapes_what_a_terminal_would_run_and_stays_exact() -> None:
    stream = _Stream(tty=False)
    data = {"note": "a\x1b[2J\x7f\x9b\u202eb", "he": "שלום"}
    Output(stream, False).json(data)
    text = stream.getvalue()
    assert "\x1b" not in text
    assert "\x7f" not in text
    assert "\x9b" not in text
    assert "\u202e" not in text
    assert "שלום" in text
    assert json.loads(text) == data


def test_json_on_an_ascii_stream_is_ascii() -> None:
    stream = _Stream(tty=False, encoding="ascii")
    Output(stream, False).json({"he": "שלום"})
    assert stream.getvalue().isascii()
    assert json.loads(stream.getvalue()) == {"he": "שלום"}


def test_bars_fall_back_to_ascii() -> None:
    assert Output(_Stream(tty=False), False).bar(12.5, 25, cells=10) == "█████░░░░░"
    assert Output(_Stream(tty=False, encoding="ascii"), False).bar(25, 25, cells=4) == "####"


def test_progress_shows_only_when_enabled_and_clears_its_line() -> None:
    stream = _Stream(tty=True)
    with Progress(Output(stream, False), 2, enabled=True) as progress:
        progress.step("a\x1b]0;x\x07.json")
        progress.step("b.json")
    shown = stream.getvalue()
    assert "] 1/2 a\\x1b]0;x\\x07.json" in shown
    assert "] 2/2 b.json" in shown
    assert shown.endswith("\r\x1b[K")
    quiet = _Stream(tty=False)
    with Progress(Output(quiet, False), 2, enabled=False) as progress:
        progress.step("a")
    assert quiet.getvalue() == ""
