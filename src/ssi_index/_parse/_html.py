"""Saved SSI pages: find the few hundred bytes that matter, parse only those.

A saved page is hundreds of KB of scripts, styles and markup around a few
hundred bytes of SSI data. Building a DOM of the whole page is what makes
scrapers slow, so the page is searched as text first (``str.find`` and compiled
regular expressions with a literal prefix), the elements that hold the score are
cut out whole, and only those fragments are parsed: with lxml when it is
installed, else with beautifulsoup4 and Python's ``html.parser``.

Without lxml, every tag fed to beautifulsoup4 costs tens of microseconds, so
the fragments are kept to the minimum: start tags whose attributes are needed
are parsed back to back in one small document (:func:`parse_start_tags`), and
the text of a fragment made of plain tags and text is taken without a parser
(:func:`plain_text`), exactly as beautifulsoup4 would give it; any other
fragment goes to the parser.

Which generation a page is decides how it is read, tried in this order:

* 2024-26 (:mod:`._page2026`): ``<progress id="...__sub-score-bar">`` bars;
* ~2021 (:mod:`._page2021`): the API JSON, HTML-escaped, in a ``<code>`` block;
* 2022-23 (:mod:`._page2023`): ``span.ssi-score__value.block.mb-3.t-black.t-light`` values.

A page none of them recognizes is checked for signs of a logged-out page
(:class:`~ssi_index.NotAuthenticatedError`), else refused with a
:class:`~ssi_index.ParseError` that lists what was looked for.
"""

from __future__ import annotations

import functools
import importlib.util
import re
from html.entities import name2codepoint
from typing import TYPE_CHECKING, Any, Final

from ssi_index._errors import InvalidScoreError, ParseError
from ssi_index._model import GroupScore

from ._auth import check_page
from ._numbers import clean_text, read_number
from ._texts import INDUSTRY, NETWORK, read_averages

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

__all__ = [
    "ELEMENT_LIMIT",
    "Element",
    "Part",
    "element_at",
    "html_text",
    "is_plain",
    "not_found",
    "parse_parts",
    "parse_start_tags",
    "plain_text",
    "read_groups",
    "sentence_windows",
    "tags_with_class",
    "text_of_class",
]

_TAG_NAME: Final = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)")
_VOID: Final = frozenset({"br", "hr", "img", "input", "link", "meta", "source"})
_CLASS_EDGE: Final = frozenset(" \"'\t\r\n=")
ELEMENT_LIMIT: Final = 6000
"""The most characters one cut-out element may span (a bound on malformed pages)."""
_SENTENCE_ANCHOR: Final = re.compile(r"SSI[^<\d]{0,16}(?:<[^<>]{0,80}>)?[^<\d]{0,4}\d")
_SENTENCE_BEFORE: Final = 400
"""How far before "SSI" a group-average sentence may start."""
_MAX_SENTENCES: Final = 12
_PLAIN_TAG: Final = re.compile(
    r"""
    < (?:
        ([A-Za-z][A-Za-z0-9-]*)                                 # start tag: its name
        (?: [ \t\n\r\f]+ [A-Za-z_:][A-Za-z0-9_:.-]*             # attributes
            (?: [ \t\n\r\f]* = [ \t\n\r\f]*
                (?: "[^"<>]*" | '[^'<>]*' | [^\s"'=<>`]+ ) )? )*
        [ \t\n\r\f]* /?
      | / ([A-Za-z][A-Za-z0-9-]*) [ \t\n\r\f]*               # end tag: its name
    ) >
    """,
    re.VERBOSE,
)
"""A start or end tag that every HTML parser reads alike: ASCII names, quoted or simple values."""
_NOT_PLAIN: Final = frozenset(
    {
        # raw text and escapable raw text: their content is not markup
        "script",
        "style",
        "textarea",
        "title",
        "xmp",
        "iframe",
        "noembed",
        "noframes",
        "noscript",
        "plaintext",
        # beautifulsoup4 keeps their text apart (get_text() leaves it out) or keeps its spaces
        "template",
        "rt",
        "rp",
        "pre",
    }
)
_ASCII_SPACES: Final = " \t\n\r\f"
_ENTITY: Final = re.compile(r"([A-Za-z][A-Za-z0-9]*);")


class Element:
    """One element of a parsed fragment, reduced to what the readers need.

    A thin, read-only view over an lxml or beautifulsoup4 element; its text is
    only gathered when asked for.

    Attributes:
        tag: The lower-case tag name.
        id: The ``id`` attribute, if any.
        classes: The CSS classes.
        value: The ``value`` attribute, if any (``<progress>`` bars).
    """

    __slots__ = ("_node", "_text", "classes", "id", "tag", "value")

    def __init__(
        self,
        tag: str,
        id: str | None,
        classes: str | None,
        value: str | None,
        node: Any,
        text: Callable[[Any], str],
    ) -> None:
        self.tag = tag
        self.id = id
        self.classes: frozenset[str] = frozenset(classes.split()) if classes else frozenset()
        self.value = value
        self._node = node
        self._text = text

    @property
    def text(self) -> str:
        """All the text inside the element, entities decoded."""
        return self._text(self._node)

    def __repr__(self) -> str:
        return f"Element(tag={self.tag!r}, id={self.id!r}, classes={sorted(self.classes)!r})"


class Part:
    """One cut-out piece of a page, parsed.

    Attributes:
        elements: Its elements in document order.
    """

    __slots__ = ("_node", "_text", "elements")

    def __init__(
        self, node: Any, text: Callable[[Any], str], elements: tuple[Element, ...]
    ) -> None:
        self._node = node
        self._text = text
        self.elements = elements

    @property
    def text(self) -> str:
        """All the text of the piece, tags dropped and entities decoded."""
        return self._text(self._node)

    def first(self, css_class: str) -> Element | None:
        """Return the first element with the CSS class *css_class*, or ``None``."""
        return next((e for e in self.elements if css_class in e.classes), None)


@functools.cache
def _lxml_etree() -> Any:
    """Return ``lxml.etree`` when it is installed, else ``None``."""
    if importlib.util.find_spec("lxml") is None:  # pragma: no cover - lxml is installed here
        return None
    from lxml import etree  # type: ignore[import-untyped]

    return etree


def _text_of(node: Any) -> str:
    return "".join(node.itertext())


def parse_parts(parts: Sequence[str]) -> list[Part]:
    """Parse cut-out pieces of a page in one go; return one :class:`Part` per piece.

    Uses lxml when it is installed (fast on small inputs), else beautifulsoup4
    with Python's ``html.parser``. Each piece is wrapped in its own ``<div>``; a
    piece whose tags do not balance is parsed on its own instead.
    """
    if not parts:
        return []
    html = "".join(f"<div>{piece}</div>" for piece in parts)
    etree = _lxml_etree()
    if etree is None:
        return _parts_bs4(html, parts)
    try:
        root = etree.HTML(f"<body>{html}</body>")
        body = root.find("body") if root is not None else None
    except (ValueError, etree.LxmlError):
        body = None
    tops = [el for el in body if isinstance(el.tag, str)] if body is not None else []
    if len(tops) != len(parts):
        return [_part_one(piece) for piece in parts]
    return [_part_lxml(top) for top in tops]


def _element_lxml(el: Any) -> Element:
    return Element(el.tag, el.get("id"), el.get("class"), el.get("value"), el, _text_of)


def _part_lxml(top: Any) -> Part:
    return Part(
        top,
        _text_of,
        tuple(_element_lxml(el) for el in top.iterdescendants() if isinstance(el.tag, str)),
    )


def _part_one(piece: str) -> Part:
    """Parse one piece on its own (lxml, else beautifulsoup4)."""
    etree = _lxml_etree()
    try:
        root = etree.HTML(f"<body>{piece}</body>")
        top = root.find("body") if root is not None else None
    except (ValueError, etree.LxmlError):
        top = None
    return _part_lxml(top) if top is not None else _part_bs4(piece)


def parse_start_tags(tags: Sequence[str], end_tag: str) -> list[tuple[Element, ...]]:
    """Parse start tags cut out of a page in one go; return the elements of each.

    Only the attributes of such tags are wanted, so they are parsed back to back
    in one small document, without wrappers or end tags: when every tag is a
    plain tag (see :func:`plain_text`), each one gives exactly one element.
    Otherwise each tag is closed with *end_tag* and read by :func:`parse_parts`.

    Args:
        tags: Start tags such as ``<progress id="x" value="3">``; ``""`` for none.
        end_tag: The end tag that closes each of them, e.g. ``</progress>``.

    Returns:
        The elements of each tag, in order; ``()`` for an empty tag.
    """
    names: list[str] = []
    for tag in tags:
        if not tag:
            continue
        match = _PLAIN_TAG.fullmatch(tag)
        name = match.group(1) if match else None
        if name is None or name.lower() in _NOT_PLAIN:
            names = []
            break
        names.append(name.lower())
    if not any(tags):
        return [() for _ in tags]
    found = _start_tags(tags, names) if names else None
    if found is None:
        return [part.elements for part in parse_parts([t + end_tag if t else "" for t in tags])]
    elements = iter(found)
    return [(next(elements),) if tag else () for tag in tags]


def _start_tags(tags: Sequence[str], names: list[str]) -> list[Element] | None:
    """The elements of plain start tags parsed back to back; ``None`` if not one per tag."""
    html = "".join(tags)
    etree = _lxml_etree()
    if etree is None:
        from bs4 import BeautifulSoup, Tag

        # the class attribute as one string: _element_bs4 needs no list, and it is quicker
        soup = BeautifulSoup(html, "html.parser", multi_valued_attributes=None)
        nodes = [node for node in soup.descendants if isinstance(node, Tag)]
        if [node.name for node in nodes] != names:
            return None
        return [_element_bs4(node) for node in nodes]
    try:
        root = etree.HTML(f"<body>{html}</body>")
        body = root.find("body") if root is not None else None
    except (ValueError, etree.LxmlError):
        body = None
    if body is None:
        return None
    found = [el for el in body.iterdescendants() if isinstance(el.tag, str)]
    if [el.tag for el in found] != names:
        return None
    return [_element_lxml(el) for el in found]


def plain_text(markup: str) -> str | None:
    r"""Return the text of *markup* when it is plain tags and text, else ``None``.

    Plain means: every ``<`` starts a start or end tag with an ASCII name and
    quoted or simple attribute values (no ``<`` or ``>`` inside them), no tag
    whose content is not markup (``script``, ``style``, ``textarea``, ...), no
    comment, and every ``&`` starts an HTML 4 named entity with its ``;``.
    That text is exactly what ``BeautifulSoup(markup, "html.parser").get_text()``
    gives, including its one quirk: text between two tags that is nothing but
    ASCII spaces becomes one ``"\n"`` (if it holds a line break) or ``" "``.

    Args:
        markup: A piece of a page; it need not be balanced.

    Returns:
        The text, tags dropped and entities decoded; ``None`` when a parser is needed.

    Example:
        >>> plain_text('<p class="a">Banking &amp; Finance</p> <b>x</b>')
        'Banking & Finance x'
        >>> plain_text("<!-- a comment -->") is None
        True
    """
    if "<" not in markup:
        return _plain_run(markup)
    pieces = _PLAIN_TAG.split(markup)  # text, start tag name, end tag name, text, ...
    if not _plain_names(pieces):
        return None
    runs = pieces[::3]
    joined = "".join(runs)
    if "<" in joined:  # a "<" that does not start a plain tag
        return None
    if "&" not in joined:
        return "".join([run if run.strip(_ASCII_SPACES) else _spaces(run) for run in runs])
    texts: list[str] = []
    for run in runs:
        if run:
            text = _plain_run(run)
            if text is None:
                return None
            texts.append(text)
    return "".join(texts)


def is_plain(markup: str) -> bool:
    """Tell whether *markup* is plain tags and text, whatever its entities (see :func:`plain_text`).

    In plain markup every tag is where a search of the text finds it, so
    elements can be cut out of it by :func:`element_at` as a parser would see them.
    """
    pieces = _PLAIN_TAG.split(markup)  # text, start tag name, end tag name, text, ...
    return "<" not in "".join(pieces[::3]) and _plain_names(pieces)


def _plain_names(pieces: list[str | None]) -> bool:
    """Whether no tag in the pieces of ``_PLAIN_TAG.split`` holds text that is not markup."""
    names = set(pieces[1::3])
    names.update(pieces[2::3])
    names.discard(None)
    return {name.lower() for name in names if name}.isdisjoint(_NOT_PLAIN)


@functools.cache
def _entities() -> dict[str, str]:
    """HTML 4's named entities, which beautifulsoup4 and the standard library decode alike."""
    table = {name: chr(point) for name, point in name2codepoint.items()}
    for name in ("lang", "rang"):  # HTML 5 changed their characters
        del table[name]
    return table


def _plain_run(text: str) -> str | None:
    """The text of a run between two tags: named entities decoded; ``None`` if unsure."""
    if "&" in text:
        entities = _entities()
        pieces = text.split("&")
        decoded = [pieces[0]]
        for piece in pieces[1:]:
            entity = _ENTITY.match(piece)
            char = entities.get(entity.group(1)) if entity else None
            if entity is None or char is None:
                return None
            decoded += (char, piece[entity.end() :])
        text = "".join(decoded)
    return text if text.strip(_ASCII_SPACES) else _spaces(text)


def _spaces(text: str) -> str:
    """What beautifulsoup4 makes of text between tags that is nothing but ASCII spaces."""
    if not text:
        return text
    return "\n" if "\n" in text else " "


def text_of_class(text: str, token: str) -> str | None:
    """Return the text of the first element with the CSS class *token*, or ``None`` if none.

    The same as :func:`html_text` of the element cut out by :func:`element_at`;
    an element that is a plain start tag, text without markup and its end tag
    (``<span class="t-40">75</span>``) is read without cutting it out first.

    Args:
        text: A piece of a page, such as an element cut out by :func:`element_at`.
        token: One CSS class name (see :func:`tags_with_class`).
    """
    for lt in tags_with_class(text, token, 1):
        tag = _PLAIN_TAG.match(text, lt)
        name = tag.group(1) if tag else None
        if tag and name and name.lower() not in _VOID and name.lower() not in _NOT_PLAIN:
            close = text.find("<", tag.end())
            end_tag = f"</{name}>"
            if 0 <= close <= lt + ELEMENT_LIMIT - len(end_tag) and text.startswith(end_tag, close):
                plain = _plain_run(text[tag.end() : close])
                if plain is not None:
                    return plain
        return html_text(element_at(text, lt))
    return None


def html_text(piece: str) -> str:
    """Return all the text of a piece of a page, tags dropped and entities decoded.

    Unlike :func:`parse_parts`, the piece need not be balanced: text cut out
    around a sentence may close tags it never opened. Plain markup (see
    :func:`plain_text`) is read without a parser.
    """
    text = plain_text(piece)
    if text is not None:
        return text
    etree = _lxml_etree()
    if etree is not None:
        try:
            root = etree.HTML(f"<body>{piece}</body>")
        except (ValueError, etree.LxmlError):
            root = None
        if root is not None:
            return _text_of(root)
    from bs4 import BeautifulSoup

    return str(BeautifulSoup(piece, "html.parser").get_text())


def _attr(value: object) -> str | None:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, list):  # bs4 gives multi-valued attributes as lists
        return " ".join(str(v) for v in value)
    return str(value)


def _parts_bs4(html: str, parts: Sequence[str]) -> list[Part]:
    """The beautifulsoup4 (``html.parser``) reading of :func:`parse_parts`: one soup if it can."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    tops = soup.find_all(True, recursive=False)
    if len(tops) != len(parts):
        return [_part_bs4(piece) for piece in parts]
    return [_part_from_bs4(top) for top in tops]


def _bs4_text(node: Any) -> str:
    return str(node.get_text())


def _part_bs4(piece: str) -> Part:
    """The beautifulsoup4 (``html.parser``) reading of one piece."""
    from bs4 import BeautifulSoup

    return _part_from_bs4(BeautifulSoup(piece, "html.parser"))


def _element_bs4(tag: Any) -> Element:
    return Element(
        str(tag.name).lower(),
        _attr(tag.get("id")),
        _attr(tag.get("class")),
        _attr(tag.get("value")),
        tag,
        _bs4_text,
    )


def _part_from_bs4(top: Any) -> Part:
    return Part(top, _bs4_text, tuple(_element_bs4(tag) for tag in top.find_all(True)))


@functools.cache
def _open_close(name: str) -> re.Pattern[str]:
    return re.compile(rf"<(/?){re.escape(name)}(?=[\s>/])", re.IGNORECASE)


def element_at(text: str, start: int, limit: int = ELEMENT_LIMIT) -> str:
    """Cut out the whole element whose opening tag starts at *start*.

    Counts nested opening and closing tags of the same name; stops after
    *limit* characters on a page whose element is never closed.

    Args:
        text: The page.
        start: The index of the ``<`` of the element's opening tag.
        limit: The most characters to take.

    Returns:
        The element's markup, from its opening tag to its closing tag.
    """
    match = _TAG_NAME.match(text, start)
    if match is None:
        return ""
    name = match.group(1).lower()
    if name in _VOID:
        end = text.find(">", start)
        return text[start : end + 1] if end >= 0 else text[start : start + limit]
    depth = 0
    stop = min(len(text), start + limit)
    for tag in _open_close(name).finditer(text, start, stop):
        if tag.group(1):
            depth -= 1
            if depth == 0:
                end = text.find(">", tag.end(), stop)
                return text[start : end + 1] if end >= 0 else text[start:stop]
        else:
            depth += 1
    return text[start:stop]


def tags_with_class(text: str, token: str, limit: int = 16) -> Iterator[int]:
    """Yield where each opening tag with the CSS class *token* starts.

    Only whole class tokens inside a tag count, so ``ssi-rank`` does not match
    ``ssi-rank__category-name``, and a CSS rule ``.ssi-rank{...}`` in a style
    block is not a tag.

    Args:
        text: The page, or a region of it.
        token: One CSS class name.
        limit: The most tags to yield.
    """
    size = len(token)
    found = 0
    pos = text.find(token)
    while pos > 0 and found < limit:
        after = pos + size
        if text[pos - 1] in _CLASS_EDGE and after < len(text) and text[after] in _CLASS_EDGE:
            lt = text.rfind("<", 0, pos)
            if lt > text.rfind(">", 0, pos) and "class=" in text[lt:pos]:
                found += 1
                yield lt
        pos = text.find(token, after)


def sentence_windows(text: str) -> list[str]:
    """Cut out the text around every "SSI ... <number>" (the group-average sentences).

    Each window starts right after a tag ends and stops right before the next
    tag starts after the number, so it holds whole tags only.
    """
    windows: list[str] = []
    last_end = 0
    pos = text.find("SSI")
    while pos >= 0 and len(windows) < _MAX_SENTENCES:
        match = _SENTENCE_ANCHOR.match(text, pos)
        if match is None:
            pos = text.find("SSI", pos + 3)
            continue
        start = max(last_end, pos - _SENTENCE_BEFORE)
        gt = text.find(">", start, pos)
        if gt >= 0:
            start = gt + 1
        end = text.find("<", match.end())
        end = len(text) if end < 0 else end
        windows.append(text[start:end])
        last_end = end
        pos = text.find("SSI", end)
    return windows


def read_groups(
    ranks: dict[str, int],
    averages_text: str,
    averages: dict[str, float] | None = None,
) -> tuple[GroupScore, ...]:
    """Build the INDUSTRY and NETWORK groups from a page's ranks and sentences.

    Args:
        ranks: ``{group type: rank}`` read from the rank rows.
        averages_text: Text holding the group-average sentences.
        averages: Averages read from markup, preferred over the sentences.

    Raises:
        InvalidScoreError: a rank or average is out of range.
    """
    sentences = read_averages(clean_text(averages_text)) if "SSI" in averages_text else {}
    groups: list[GroupScore] = []
    for kind in (INDUSTRY, NETWORK):
        average = (averages or {}).get(kind)
        written, name = sentences.get(kind, (None, None))
        if average is None and written is not None:
            average = read_number(written)
        rank = ranks.get(kind)
        if rank is None and average is None and name is None:
            continue
        try:
            groups.append(
                GroupScore(
                    kind=kind,
                    rank=rank,
                    average=average,
                    name=name.strip() if name else None,
                )
            )
        except InvalidScoreError as err:
            raise InvalidScoreError(f"the {kind.lower()} group on the page: {err}") from err
    return tuple(groups)


def not_found(text: str) -> ParseError:
    """The error for a page where no generation found its SSI markup.

    Raises:
        NotAuthenticatedError: the page is a logged-out page instead.
    """
    check_page(text)
    return ParseError(
        "expected a saved LinkedIn SSI page, found none of its markup: looked for "
        "progress#establish-brand__sub-score-bar (2024-26 page), a <code> block holding "
        "&quot;memberScore&quot; (2021 page) and span.ssi-score__value.block.mb-3.t-light "
        "(2022-23 page); save https://www.linkedin.com/sales/ssi again once it has "
        "finished loading, or copy the salesApiSsi JSON instead",
        path="progress#establish-brand__sub-score-bar",
    )
