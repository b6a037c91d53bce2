"""Saved SSI pages: one full parse, then the reader of the page's generation.

The page is parsed once (:mod:`._dom`, lxml's linear HTML5 tokenizer); every
value is read from elements a browser shows, never from text that merely looks
like markup (comments, scripts, attribute values, templates, textareas).
Generations, tried in this order:

* 2024-26 (:mod:`._page2026`): four ``<progress id="...__sub-score-bar">`` bars;
* 2026 rewrite (:mod:`._tables`): the hidden accessibility tables under the donuts;
* ~2021 (:mod:`._page2021`): the API JSON in a ``<code>`` block;
* 2022-23 (:mod:`._page2023`): ``span.ssi-score__value.block.mb-3.t-black.t-light`` values.

A page none of them recognizes is checked for signs of a logged-out page
(:class:`~ssi_index.NotAuthenticatedError`), else refused with a
:class:`~ssi_index.ParseError` that lists what was looked for.
"""

from __future__ import annotations

from ssi_index._errors import ParseError
from ssi_index._model import Score

from . import _page2021, _page2023, _page2026, _tables
from ._auth import check_page
from ._dom import Doc, Node, load

__all__ = ["not_found", "read_html"]


def read_html(data: str | bytes) -> Score:
    """Read a saved page of any generation (text, or bytes already known to be UTF-8).

    Raises:
        NotAuthenticatedError: a sign-in, authwall or checkpoint page.
        ParseError: no SSI markup was found (``path`` names the element looked for).
        InvalidScoreError: the values break the rules of a score.
    """
    if isinstance(data, bytes):
        blank = not data[:4096].strip(b"\xef\xbb\xbf \t\r\n\f") and not data.strip()
    else:
        blank = not data[:4096].strip("\ufeff \t\r\n\f") and not data.strip("\ufeff \t\r\n\f")
    root = None if blank else load(data)
    if root is None:
        raise ParseError("expected a saved SSI page, found an empty input", key="page.empty")
    doc = Doc(root)
    bars = _page2026.find_bars(root)
    if len(bars) == len(_page2026.BAR_IDS):
        return _page2026.read_page(doc, bars)
    tables = _tables.read_tables(root)
    if tables is not None:
        return tables
    score = _page2021.read_page(root) or _page2023.read_page(doc)
    if score is not None:
        return score
    if bars:
        raise _page2026.missing_bars(bars)
    raise not_found(root)


def not_found(root: Node) -> ParseError:
    """The error for a page where no generation found its SSI markup.

    Raises:
        NotAuthenticatedError: the page is a logged-out page instead.
    """
    check_page(root)
    return ParseError(
        "expected a saved LinkedIn SSI page, found none of its markup: looked for "
        "progress#establish-brand__sub-score-bar (2024-26 page), tables of the four pillars "
        "under the donuts (2026 page), a <code> block holding memberScore (2021 page) and "
        "span.ssi-score__value.block.mb-3.t-light (2022-23 page); save "
        "https://www.linkedin.com/sales/ssi again once it has finished loading, or copy the "
        "salesApiSsi JSON instead",
        path="progress#establish-brand__sub-score-bar",
        key="page.not_found",
    )
