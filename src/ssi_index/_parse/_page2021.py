"""The server-rendered SSI page (about 2021): the API JSON inside a ``<code>`` block.

The page carries dozens of ``<code style="display: none" id="bpr-guid-...">``
blocks of HTML-escaped JSON; the SSI one is found by its ``memberScore`` key and
read exactly like the API JSON (full precision, every group). Only shown
``<code>`` elements count, and only their text (entities decoded by the parser)
or, as LinkedIn's servers also wrote it, one comment that is the block's whole
content (``<code><!--{...}--></code>``); a comment anywhere else is not data.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from typing import Final

from lxml import etree  # type: ignore[import-untyped]

from ssi_index._errors import InvalidScoreError, ParseError
from ssi_index._model import Score

from ._dom import Node, by_tag
from ._json import score_from_payload

__all__ = ["read_page"]


_MAX_BLOCKS: Final = 512
_MARKER: Final = "memberScore"


def _code_blocks(root: Node) -> Iterator[tuple[str, str]]:
    """Yield ``(description, content)`` of each shown ``<code>`` block holding ``memberScore``."""
    for code in by_tag(root, "code", _MAX_BLOCKS):
        children = list(code)
        content = code.text or ""
        if not children:
            pass  # a block of text: the usual form
        elif len(children) == 1 and children[0].tag is etree.Comment and not content.strip():
            if (children[0].tail or "").strip():
                continue
            content = html.unescape(children[0].text or "")
        else:
            continue  # a block with markup inside is not one of the page's data blocks
        if _MARKER in content:
            ident = code.get("id")
            tag = f"<code id={ident[:40]!r}>" if ident else "<code>"
            yield tag, content


def _in_block(tag: str, err: ParseError | InvalidScoreError) -> ParseError | InvalidScoreError:
    """The same error, saying which ``<code>`` block of the page it is about."""
    where = tag if len(tag) <= 80 else tag[:77] + "..."
    if isinstance(err, ParseError):
        return ParseError(
            f"in the page's {where} block: {err}",
            path=err.path,
            key="page.in_block",
            params={"where": where, "error": err},
        )
    return InvalidScoreError(
        f"in the page's {where} block: {err}",
        key="page.in_block",
        params={"where": where, "error": err},
    )


def read_page(root: Node) -> Score | None:
    """Read a 2021 page, or return ``None`` when no ``<code>`` block holds ``memberScore``.

    When several blocks mention ``memberScore``, the first that reads as SSI
    JSON wins; if none does, the first block's error is raised.

    Raises:
        ParseError: the block is not readable JSON or not SSI data; the message names the block.
        InvalidScoreError: values break the score's rules.
    """
    first: tuple[ParseError | InvalidScoreError, Exception] | None = None
    problem: ParseError | InvalidScoreError
    for tag, content in _code_blocks(root):
        try:
            payload = json.loads(content)
        except (ValueError, RecursionError) as err:
            if first is None:
                problem = ParseError(
                    f"expected the SSI JSON in the page's {tag[:80]} block, found unreadable "
                    f"JSON: {err}",
                    path="code",
                    key="page.bad_json_block",
                    params={"where": tag[:80], "reason": str(err)},
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
