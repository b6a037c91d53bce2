"""The server-rendered SSI page (about 2021): the API JSON inside a ``<code>`` block.

The page carries dozens of ``<code style="display: none" id="bpr-guid-...">``
blocks of HTML-escaped JSON; the SSI one is found by its ``memberScore`` key,
unescaped and read exactly like the API JSON (full precision, every group).
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from typing import Final

from ssi_index._errors import InvalidScoreError, ParseError
from ssi_index._model import Score

from ._json import score_from_payload

__all__ = ["read_page"]

_MARKERS: Final = ("&quot;memberScore&quot;", "&#34;memberScore&#34;", '"memberScore"')


def _code_blocks(text: str) -> Iterator[tuple[str, str]]:
    """Yield ``(description, content)`` of each ``<code>`` block holding a marker."""
    seen: set[int] = set()
    for marker in _MARKERS:
        pos = text.find(marker)
        while pos >= 0:
            lt = text.rfind("<code", 0, pos)
            if lt >= 0 and lt not in seen and text.find("</code>", lt, pos) < 0:
                seen.add(lt)
                start = text.find(">", lt, pos)
                end = text.find("</code>", pos)
                if start >= 0 and end >= 0:
                    tag = text[lt : start + 1]
                    yield tag, text[start + 1 : end]
            pos = text.find(marker, pos + len(marker))


def _unwrap_comment(content: str) -> str:
    content = content.strip()
    if content.startswith("<!--") and content.endswith("-->"):
        content = content[4:-3].strip()
    return content


def _in_block(tag: str, err: ParseError | InvalidScoreError) -> ParseError | InvalidScoreError:
    """The same error, saying which ``<code>`` block of the page it is about."""
    where = tag if len(tag) <= 80 else tag[:77] + "..."
    if isinstance(err, ParseError):
        return ParseError(f"in the page's {where} block: {err}", path=err.path)
    return InvalidScoreError(f"in the page's {where} block: {err}")


def read_page(text: str) -> Score | None:
    """Read a 2021 page, or return ``None`` when no ``<code>`` block holds ``memberScore``.

    When several blocks mention ``memberScore``, the first that reads as SSI
    JSON wins; if none does, the first block's error is raised.

    Raises:
        ParseError: the block is not readable JSON or not SSI data; the message names the block.
        InvalidScoreError: values break the score's rules.
    """
    first: tuple[ParseError | InvalidScoreError, Exception] | None = None
    problem: ParseError | InvalidScoreError
    for tag, content in _code_blocks(text):
        try:
            payload = json.loads(html.unescape(_unwrap_comment(content)))
        except (ValueError, RecursionError) as err:
            if first is None:
                problem = ParseError(
                    f"expected the SSI JSON in the page's {tag[:80]} block, found unreadable "
                    f"JSON: {err}",
                    path="code",
                )
                first = (problem, err)
            continue
        try:
            return score_from_payload(payload)
        except (ParseError, InvalidScoreError) as err:
            if first is None:
                first = (_in_block(tag, err), err)
    if first is not None:
        problem, cause = first
        raise problem from cause
    return None
