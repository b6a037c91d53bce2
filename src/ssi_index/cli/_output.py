"""The one output layer of the command line: safe text, colour, display width, JSON.

Commands never write to a stream themselves; they hand *lines* to an
:class:`Output`. A line is a string, a :class:`Styled` string, or a sequence of
both. Every piece of text is escaped on the way out (:func:`escape`), wherever it
came from (a file, the store, a server, the command line), and only then wrapped
in colour codes, so text from outside can never reach the terminal as a live
control sequence while the CLI's own colours still can.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from typing import IO, Final

import attrs

from ssi_index._safe_text import BIDI_CONTROLS as _BIDI_CONTROLS
from ssi_index._safe_text import escape

__all__ = [
    "Line",
    "Output",
    "Part",
    "Styled",
    "color_enabled",
    "escape",
    "pad",
    "table",
    "width",
]

# ---------------------------------------------------------------------------
# Escaping

_JSON_ESCAPES: Final = {cp: f"\\u{cp:04x}" for cp in (0x7F, *range(0x80, 0xA0))} | {
    cp: f"\\u{cp:04x}" for cp in (*_BIDI_CONTROLS, 0x2028, 0x2029)
}


# ---------------------------------------------------------------------------
# Display width

_ZWJ: Final = "\u200d"
_VS16: Final = "\ufe0f"


def _char_width(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def width(text: str) -> int:
    """Return how many terminal cells *text* takes.

    Wide (CJK) and full-width characters and emoji take two cells; combining
    marks, format characters and the zero-width joiner none; a character after a
    zero-width joiner joins the emoji before it; an emoji presentation selector
    (U+FE0F) widens the symbol before it to two cells. Hebrew and Arabic letters
    take one cell each.

    Example:
        >>> width("abc"), width("東京"), width("😀"), width("שלום"), width("e\u0301")
        (3, 4, 2, 4, 1)
    """
    if text.isascii():
        return len(text)  # every ASCII character takes one cell (controls are escaped first)
    total = 0
    previous = 0
    joined = False
    for char in text:
        if char == _ZWJ:
            joined = True
            continue
        if joined:
            joined = False
            previous = 0
            continue
        if char == _VS16:
            if previous == 1:
                total += 1
                previous = 2
            continue
        cells = _char_width(char)
        total += cells
        if cells:
            previous = cells
    return total


# ---------------------------------------------------------------------------
# Colour

_STYLES: Final = {
    "bold": "1",
    "dim": "2",
    "red": "31",
    "green": "32",
    "yellow": "33",
    "cyan": "36",
}


def color_enabled(mode: str, stream: IO[str]) -> bool:
    """Decide whether to colour *stream* for ``--color`` *mode* (``auto``, ``always``, ``never``).

    ``always`` and ``never`` win over everything. ``auto`` follows the common
    conventions in this order (as CPython's own colour output does): ``NO_COLOR``
    set and not empty turns colour off (https://no-color.org); ``FORCE_COLOR`` set
    and not empty turns it on (https://force-color.org); ``TERM=dumb`` turns it off;
    otherwise colour only on a terminal.
    """
    if mode == "always":
        return True
    if mode == "never":
        return False
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


@attrs.frozen
class Styled:
    """A piece of text shown in a style: bold, dim, red, green, yellow or cyan.

    Attributes:
        text: The text; escaped like any other on output.
        style: The style's name.
    """

    text: str
    style: str


Part = str | Styled
"""A piece of a line: plain or styled text."""
Line = Part | Sequence[Part]
"""One line of output: a piece, or pieces written one after the other."""


def _text(part: Part) -> str:
    return part.text if isinstance(part, Styled) else part


def _parts(line: Line) -> Sequence[Part]:
    return (line,) if isinstance(line, str | Styled) else line


def pad(part: Part, cells: int, *, right: bool = False, shown: int | None = None) -> list[Part]:
    """Pad *part* with spaces to *cells* display cells (on the left when *right*).

    *shown* is the part's width when already known.
    """
    if shown is None:
        shown = width(escape(_text(part)))
    fill = " " * max(0, cells - shown)
    return [fill, part] if right else [part, fill]


def table(
    rows: Sequence[Sequence[Part]], *, right: frozenset[int] = frozenset()
) -> list[list[Part]]:
    """Align *rows* (the first is the header) in columns by display width.

    Columns in *right* align right; two spaces separate columns; trailing spaces
    are dropped. Widths count the text as it will be shown (escaped).
    """
    if not rows:
        return []
    columns = max(len(row) for row in rows)
    widths = [0] * columns
    shown = [[width(escape(_text(part))) for part in row] for row in rows]
    for row_widths in shown:
        for i, cells in enumerate(row_widths):
            widths[i] = max(widths[i], cells)
    lines: list[list[Part]] = []
    for row, row_widths in zip(rows, shown, strict=True):
        parts: list[Part] = []
        for i, part in enumerate(row):
            if i:
                parts.append("  ")
            last = i == len(row) - 1
            if last and i not in right:
                parts.append(part)
            else:
                parts += pad(part, widths[i], right=i in right, shown=row_widths[i])
        while parts and isinstance(parts[-1], str) and not parts[-1].strip():
            parts.pop()
        lines.append(parts)
    return lines


# ---------------------------------------------------------------------------
# The stream


def can_encode(stream: IO[str], text: str) -> bool:
    """Whether *stream*'s encoding can carry *text*."""
    try:
        text.encode(getattr(stream, "encoding", None) or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


@attrs.define
class Output:
    """Lines and JSON to one stream, escaped, coloured when colour is on.

    Attributes:
        stream: Where to write (standard output or standard error).
        color: Whether to colour.
    """

    stream: IO[str]
    color: bool

    def render(self, line: Line) -> str:
        """Return *line* as it is written: escaped, then styled."""
        out = []
        for part in _parts(line):
            text = escape(_text(part))
            if isinstance(part, Styled) and self.color and text:
                out.append(f"\x1b[{_STYLES[part.style]}m{text}\x1b[0m")
            else:
                out.append(text)
        return "".join(out)

    def line(self, *parts: Part) -> None:
        """Write one line made of *parts*."""
        self.stream.write(self.render(parts) + "\n")

    def lines(self, lines: Iterable[Line]) -> None:
        """Write each of *lines*."""
        self.stream.write("".join(self.render(line) + "\n" for line in lines))

    def json(self, data: object) -> None:
        r"""Write *data* as indented JSON.

        Non-ASCII text is kept where the stream can carry it, else written as
        ``\uXXXX`` escapes; control characters, DEL, C1 controls and bidi controls
        are always escaped, so the JSON is exact and safe on a terminal.
        """
        ascii_only = not can_encode(self.stream, "\u05d0\u0430\u00e9\u2009")
        text = json.dumps(data, indent=2, ensure_ascii=ascii_only, allow_nan=False)
        self.stream.write(text.translate(_JSON_ESCAPES) + "\n")

    def bar(self, points: float, maximum: float, *, cells: int = 20) -> str:
        """A bar of *cells* cells for 0 to *maximum*, in ASCII if the stream lacks blocks."""
        full, empty = ("█", "░") if can_encode(self.stream, "█░") else ("#", ".")
        filled = round(max(0.0, min(points / maximum, 1.0)) * cells) if maximum else 0
        return full * filled + empty * (cells - filled)

    @property
    def is_terminal(self) -> bool:
        """Whether the stream is a terminal (and not ``TERM=dumb``)."""
        isatty = getattr(self.stream, "isatty", None)
        return bool(isatty and isatty()) and os.environ.get("TERM") != "dumb"


def stdout(color: bool) -> Output:
    """An :class:`Output` on the current standard output."""
    return Output(sys.stdout, color)


def stderr(color: bool) -> Output:
    """An :class:`Output` on the current standard error."""
    return Output(sys.stderr, color)


class Progress:
    """A one-line progress bar on a terminal: ``[██████░░░░] 3/5 name``; nothing elsewhere.

    Use it as a context manager; the line is cleared at the end. Names are escaped
    and cut to the terminal's width.
    """

    def __init__(self, output: Output, total: int, *, enabled: bool) -> None:
        self._output = output
        self._total = total
        self._done = 0
        self.enabled = enabled

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.enabled:
            self._output.stream.write("\r\x1b[K")
            self._output.stream.flush()

    def step(self, name: str) -> None:
        """Show that work on *name* (the next item) starts."""
        self._done += 1
        if self.enabled:
            self._show(self._output.bar(self._done - 1, self._total, cells=20), name)

    def within(self, name: str, done: int, total: int) -> None:
        """Show progress inside the current item: *done* of its *total* parts."""
        if not self.enabled or total <= 0:
            return
        part = min(max(done / total, 0.0), 1.0)
        self._show(self._output.bar(self._done - 1 + part, self._total, cells=20), name)

    def _show(self, bar: str, name: str) -> None:
        head = f"[{bar}] {self._done}/{self._total} "
        room = max(0, shutil.get_terminal_size((80, 24)).columns - width(head) - 1)
        shown = escape(name)
        while shown and width(shown) > room:
            shown = shown[1:]
        self._output.stream.write(f"\r\x1b[K{head}{shown}")
        self._output.stream.flush()
