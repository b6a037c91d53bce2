"""Turn whatever a user holds into a :class:`~ssi_index.Score`: LinkedIn's JSON or a saved page.

:func:`parse` looks at the input and hands it to :func:`parse_json` or
:func:`parse_html`; :func:`parse_file` reads a file first. One small module per
input family sits behind them:

* ``_detect``: decode bytes once (BOM, declared charset, UTF-8) and sniff the kind;
* ``_json``: LinkedIn's ``salesApiSsi`` JSON and proxies' wrappers;
* ``_html``, ``_page2026``, ``_page2023``, ``_page2021``: the three page generations;
* ``_numbers``, ``_texts``: local number formats and the localized sentences;
* ``_auth``: logged-out pages and answers.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any, Final

from ssi_index._errors import ParseError, SSIError
from ssi_index._model import Score

from ._auth import check_text
from ._detect import Encoding, Kind, decode, decode_window, encoding_of, sniff
from ._html import not_found
from ._json import load_json, score_from_payload
from ._page2021 import read_page as _read_2021
from ._page2023 import read_page as _read_2023
from ._page2026 import read_page as _read_2026

__all__ = ["parse", "parse_file", "parse_html", "parse_json"]


def parse(data: str | bytes | Mapping[str, Any]) -> Score:
    """Read an SSI score from LinkedIn's JSON or a saved SSI page, whichever *data* is.

    Args:
        data: The JSON behind the SSI page (text, bytes, or already decoded into a
            dict), a proxy's wrapper around it, or a saved page of any generation
            and language (text or bytes; bytes may carry a BOM or a declared charset).

    Returns:
        The validated score.

    Raises:
        NotAuthenticatedError: a sign-in, authwall or checkpoint page, a
            ``CSRF check failed.`` body, or LinkedIn's 401/403 error JSON: sign in
            to LinkedIn in the browser and save the page (or copy the JSON) again.
        ParseError: anything else that holds no readable score; the message and
            :attr:`~ssi_index.ParseError.path` say what was expected and where.
        InvalidScoreError: the values break the rules of a score.

    Example:
        >>> import ssi_index
        >>> score = ssi_index.parse('''{"memberScore": {"overall": 60.2, "subScores": [
        ...     {"score": 13.4, "pillar": "PROFESSIONAL_BRAND"},
        ...     {"score": 10.7, "pillar": "FIND_RIGHT_PEOPLE"},
        ...     {"score": 11.1, "pillar": "INSIGHT_ENGAGEMENT"},
        ...     {"score": 25, "pillar": "STRONG_RELATIONSHIP"}]}}''')
        >>> score.overall, score.pillars.strong_relationship
        (60.2, 25.0)
    """
    if isinstance(data, Mapping):
        return score_from_payload(data)
    if isinstance(data, bytes):
        head = data[:4].lstrip()
        if head.startswith((b"{", b"[", b"\xef\xbb\xbf{")):
            return parse_json(data)
        encoding = encoding_of(data)
        if encoding.ascii_compatible:
            start = decode_window(data, 0, _SNIFF_BYTES, encoding)
            if start is not None and sniff(start) is Kind.HTML:
                return _html_bytes(data, encoding)  # decodes only the SSI section when it can
        text = decode(data, encoding)
    elif isinstance(data, str):
        text = data
    else:
        raise ParseError(
            "expected LinkedIn's SSI JSON or a saved SSI page as text, bytes or a dict, "
            f"found {type(data).__name__}"
        )
    kind = sniff(text)
    if kind is Kind.JSON:
        return parse_json(text)
    if kind is Kind.HTML:
        return parse_html(text)
    if kind is Kind.EMPTY:
        raise ParseError(
            "expected LinkedIn's SSI JSON or a saved SSI page, found an empty input", path="$"
        )
    check_text(text[:200])
    preview = text.strip()[:40]
    raise ParseError(
        "expected LinkedIn's SSI JSON (starting with '{') or a saved SSI page (HTML), "
        f"found text starting with {preview!r}",
        path="$",
    )


def parse_json(data: str | bytes | Mapping[str, Any]) -> Score:
    """Read an SSI score from LinkedIn's ``salesApiSsi`` JSON.

    Accepts the JSON as LinkedIn sends it (pillars keyed by ``pillar`` in any
    order, or in LinkedIn's order when they carry no ``pillar``; with or without
    ``activeSeat``; groups of any type, with or without per-pillar averages) and
    the same JSON inside a one-level wrapper such as
    ``{"object": "LinkedinRawData", "data": {...}}``.

    Args:
        data: JSON text, UTF-8 bytes (a BOM is allowed), or the decoded object.

    Returns:
        The validated score, with LinkedIn's full-precision ``overall``.

    Raises:
        NotAuthenticatedError: LinkedIn's 401/403 error JSON, ``CSRF check failed.``
            or a logged-out page instead of JSON.
        ParseError: not JSON, truncated, the wrong shape, or a total without
            pillars; the message and ``path`` name the JSON path
            (``$.memberScore.subScores[2].score``).
        InvalidScoreError: a value breaks the rules of a score (the message names
            its JSON path).
    """
    if isinstance(data, Mapping):
        return score_from_payload(data)
    if not isinstance(data, str | bytes):
        raise ParseError(
            f"expected JSON as text, bytes or a dict, found {type(data).__name__}", path="$"
        )
    return score_from_payload(load_json(data))


def parse_html(data: str | bytes) -> Score:
    """Read an SSI score from a saved LinkedIn SSI page of any generation and language.

    Reads the 2024-26 page (``<progress>`` bars; the overall is the sum of the
    pillars, checked against the rounded total shown), the 2022-23 page
    (``span.ssi-score__value``) and the ~2021 page (the API JSON inside a
    ``<code>`` block; full precision). Group ranks, averages and the industry
    name are read in English, Portuguese, German, Russian and Hebrew.

    Args:
        data: The page as text, or as bytes in its declared encoding.

    Returns:
        The validated score (``active_seat`` is ``None`` unless the page has the JSON).

    Raises:
        NotAuthenticatedError: a sign-in, authwall or checkpoint page.
        ParseError: no SSI markup was found (``path`` names the element looked for).
        InvalidScoreError: the values break the rules of a score.
    """
    if isinstance(data, bytes):
        return _html_bytes(data, encoding_of(data))
    if not isinstance(data, str):
        raise ParseError(f"expected a page as text or bytes, found {type(data).__name__}")
    return _html_text(data)


def _html_bytes(data: bytes, encoding: Encoding) -> Score:
    """:func:`parse_html` of bytes whose encoding is known."""
    score = _read_section(data, encoding) if encoding.ascii_compatible else None
    if score is not None:
        return score
    return _html_text(decode(data, encoding))


def _html_text(text: str) -> Score:
    """:func:`parse_html` of text."""
    for read_page in (_read_2026, _read_2021, _read_2023):
        score = read_page(text)
        if score is not None:
            return score
    if sniff(text) is Kind.EMPTY:
        raise ParseError("expected a saved SSI page, found an empty input")
    raise not_found(text)


_SNIFF_BYTES: Final = 4096
_SECTION_BEFORE: Final = 12000
_SECTION_AFTER: Final = 20000


def _read_section(data: bytes, encoding: Encoding) -> Score | None:
    """Read a page's SSI from its bytes, decoding only the SSI section; ``None`` if unsure.

    Decoding a whole 300 KB page costs more than reading the score, so the
    section is found in the raw bytes (the markup is ASCII) and only it is
    decoded. When the window does not hold everything the whole page would be
    searched for, or anything fails, this returns ``None`` and the caller reads
    the whole decoded page, so the result never depends on this shortcut.
    """
    pos = data.find(b'"establish-brand__sub-score-bar"')
    if pos >= 0:
        window = decode_window(data, pos - _SECTION_BEFORE, pos + _SECTION_AFTER, encoding)
        try:
            return _read_2026(window, section_only=True) if window else None
        except SSIError:
            return None  # let the whole page give the error
    pos = data.find(b"&quot;memberScore&quot;")
    if pos >= 0:
        low = data.rfind(b"<code", 0, pos)
        high = data.find(b"</code>", pos)
        window = decode_window(data, low, high + 7, encoding) if low >= 0 and high >= 0 else None
        try:
            return _read_2021(window) if window else None
        except SSIError:
            return None
    return None


def parse_file(path: str | os.PathLike[str]) -> Score:
    """Read an SSI score from a file: a saved page (``.html``) or LinkedIn's JSON.

    The kind is told from the content, not the file name.

    Args:
        path: The file to read.

    Returns:
        The validated score.

    Raises:
        ParseError: the file is missing or unreadable (the message names it), or
            holds no readable score.
        NotAuthenticatedError: the file is a logged-out page or answer.
        InvalidScoreError: the values break the rules of a score.
    """
    try:
        with open(path, "rb") as file:
            data = file.read()
    except OSError as err:
        name = os.fsdecode(path)
        reason = err.strerror or type(err).__name__
        raise ParseError(
            f"expected a readable file with SSI JSON or a saved SSI page at {name!r}, "
            f"found: {reason}",
            path=name,
        ) from err
    return parse(data)
