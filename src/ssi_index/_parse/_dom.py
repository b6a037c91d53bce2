"""One full, linear-time HTML parse of a page, and the few questions the readers ask of it.

The tokenizer decides what is markup: lxml's HTML parser (libxml2 2.14 or later),
whose tokenizer follows HTML5 (script, style, textarea, title, xmp, iframe,
noembed and noframes hold text, not tags; ``<![CDATA[`` outside foreign content
is a comment; attribute values are never tags; unquoted and single-quoted
values, omitted end tags, upper-case names and entities read as a browser reads
them) and runs in time linear in the input, crafted inputs included. A document
nested deeper than libxml2's limit is cut there, which can only lose data, never
invent it.

libxml2 builds a plain tree without HTML5's special cases, so what a browser
would not show is left out here:

* elements inside ``<template>``, ``<noscript>`` (the page was saved with
  scripts on), ``<select>`` and foreign content (``<svg>``, ``<math>``) are not
  "shown" (:func:`shown`);
* comments, processing instructions and the text of the raw-text elements never
  count as text (:func:`text_of`).

Every lookup is bounded (:data:`MAX_HITS` elements, :data:`MAX_TEXT` characters
of text) so a hostile page cannot turn one linear parse into quadratic work.
"""

from __future__ import annotations

import threading
from typing import Any, Final

from lxml import etree  # type: ignore[import-untyped]

__all__ = [
    "MAX_HITS",
    "MAX_TEXT",
    "Doc",
    "Node",
    "by_class",
    "by_tag",
    "load",
    "shown",
    "text_of",
]

Node = Any
"""An lxml element (lxml ships no type information)."""

MAX_HITS: Final = 64
"""The most elements one lookup returns."""
MAX_TEXT: Final = 4000
"""The most characters :func:`text_of` gathers from one element."""

_HIDDEN_ANCESTORS: Final = frozenset({"template", "noscript", "select", "svg", "math"})
"""Elements whose descendants a browser does not show as HTML."""
_NO_TEXT: Final = frozenset(
    {
        "script",
        "style",
        "template",
        "noscript",
        "textarea",
        "title",
        "xmp",
        "iframe",
        "noembed",
        "noframes",
        "plaintext",
        "select",
        "svg",
        "math",
    }
)
"""Elements whose text is not part of the text around them."""


def load(data: str | bytes) -> Node | None:
    """Parse a whole page; return its root element, or ``None`` for an empty document.

    Args:
        data: The page as text, or as UTF-8 bytes (already checked to be UTF-8).
    """
    if isinstance(data, str):
        data = data.encode("utf-8", "replace")  # a lone surrogate cannot be on a page
    parser = etree.HTMLParser(
        encoding="utf-8",
        huge_tree=True,
        collect_ids=False,
        no_network=True,
        default_doctype=False,
    )
    try:
        return etree.fromstring(data, parser)
    except (etree.LxmlError, ValueError):  # pragma: no cover - libxml2 recovers from anything
        return None


def shown(node: Node) -> bool:
    """Tell whether a browser shows *node* as HTML (no template, noscript, select, svg above it)."""
    parent = node.getparent()
    while parent is not None:
        if parent.tag in _HIDDEN_ANCESTORS:
            return False
        parent = parent.getparent()
    return True


def by_class(root: Node, token: str, limit: int = MAX_HITS) -> list[Node]:
    """The shown elements inside *root* with the CSS class *token*, in document order.

    For the small elements the readers look inside (a caption, a rank row); the
    whole page is searched through :meth:`Doc.by_class`. At most *limit* are returned.
    """
    found: list[Node] = []
    for node in root.iterdescendants():
        classes = node.get("class") if isinstance(node.tag, str) else None
        if classes and token in classes.split() and shown(node):
            found.append(node)
            if len(found) >= limit:
                break
    return found


def by_tag(root: Node, tag: str, limit: int = MAX_HITS) -> list[Node]:
    """The shown elements named *tag*, in document order (at most *limit*)."""
    found: list[Node] = []
    for node in root.iter(tag):
        if shown(node):
            found.append(node)
            if len(found) >= limit:
                break
    return found


_SSI_XPATH: Final = "//@class[contains(., 'ssi-')]/.."
"""Every element with an ``ssi-`` class."""
_compiled = threading.local()
"""This thread's compiled :data:`_SSI_XPATH` (compiled XPath objects are not shared between
threads; compiling it for each page cost a third of the search)."""


def _ssi_elements(root: Node) -> list[Node]:
    search = getattr(_compiled, "ssi", None)
    if search is None:
        search = _compiled.ssi = etree.XPath(_SSI_XPATH, smart_strings=False)
    result = search(root)
    return result if isinstance(result, list) else []


class Doc:
    """A parsed page, with its SSI-classed elements found in one pass.

    Attributes:
        root: The root element.
    """

    __slots__ = ("_ssi", "root")

    def __init__(self, root: Node) -> None:
        self.root = root
        self._ssi: list[tuple[Node, frozenset[str]]] | None = None

    def by_class(self, token: str, limit: int = MAX_HITS) -> list[Node]:
        """Like :func:`by_class` over the whole page, for a class that holds ``ssi-``."""
        if self._ssi is None:
            self._ssi = [
                (node, frozenset((node.get("class") or "").split()))
                for node in _ssi_elements(self.root)
            ]
        found: list[Node] = []
        for node, classes in self._ssi:
            if token in classes and shown(node):
                found.append(node)
                if len(found) >= limit:
                    break
        return found


def text_of(node: Node, limit: int = MAX_TEXT) -> str:
    """All the text a browser shows inside *node*, entities decoded (at most *limit* chars).

    Comments, processing instructions and the text of script, style, template
    and similar elements are left out.
    """
    if not isinstance(node.tag, str):
        return ""  # a comment or a processing instruction holds no shown text
    pieces: list[str] = []
    size = 0
    walker = etree.iterwalk(node, events=_WALK_EVENTS)
    for event, el in walker:
        if event == "start":
            if el is not node and el.tag in _NO_TEXT:
                walker.skip_subtree()  # its "end" still comes, for its tail
                continue
            text = el.text
        elif el is node:
            break  # the end of *node*: its own tail is not inside it
        else:
            text = el.tail  # after an element, a comment or a processing instruction
        if text:
            pieces.append(text)
            size += len(text)
            if size >= limit:
                break
    return "".join(pieces)[:limit]


_WALK_EVENTS: Final = ("start", "end", "comment", "pi")
