"""Turn whatever a user holds into a :class:`~ssi_index.Score`: LinkedIn's JSON or a saved page.

:func:`parse` looks at the input and hands it to :func:`parse_json` or
:func:`parse_html`; :func:`parse_file` reads a file first. One small module per
input family sits behind them:

* ``_detect``: decode bytes once (BOM, WHATWG charset label, UTF-8) and sniff the kind;
* ``_containers``: gzip (bounded), MHTML, copied requests; ``_har``: HAR files;
* ``_json``: LinkedIn's ``salesApiSsi`` JSON and proxies' wrappers;
* ``_dom``: the one full parse of a page (lxml's linear HTML5 tokenizer);
* ``_html``, ``_page2026``, ``_tables``, ``_page2023``, ``_page2021``: the page generations;
* ``_groups``, ``_numbers``, ``_texts``: groups, local number formats, localized words;
* ``_auth``: logged-out pages and answers.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from ssi_index._errors import ParseError
from ssi_index._io import MAX_INPUT_BYTES, read_bounded
from ssi_index._model import Score

from ._auth import check_text
from ._containers import check_request_text, gunzip, is_gzip, is_mhtml, mhtml_page
from ._detect import Kind, decode, decode_window, encoding_of, is_utf8, sniff
from ._har import is_har, read_har
from ._html import read_html
from ._json import load_json, score_from_payload

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
        return _from_payload(data)
    if isinstance(data, bytes):
        return _parse_bytes(data, unwrapped=False)
    if not isinstance(data, str):
        raise ParseError(
            "expected LinkedIn's SSI JSON or a saved SSI page as text, bytes or a dict, "
            f"found {type(data).__name__}",
            key="parse.wrong_type",
            params={"found": type(data).__name__},
        )
    return _parse_text(data)


_SNIFF_BYTES = 16_400
"""Enough bytes of UTF-8 for the 4,096 characters :func:`sniff` looks at."""
_MHTML_STARTS = ("from:", "mime-version:", "snapshot-content-location:", "subject:", "date:")


def _parse_bytes(data: bytes, *, unwrapped: bool) -> Score:
    """:func:`parse` of bytes: gzip and MHTML undone (once), then decoded."""
    if not unwrapped:
        if is_gzip(data):
            return _parse_bytes(gunzip(data), unwrapped=True)
        if is_mhtml(data):
            page = mhtml_page(data)
            return parse_html(page)
    head = data[:4].lstrip()
    if head.startswith((b"{", b"[", b"\xef\xbb\xbf{", b"\xef\xbb\xbf[")):
        return parse_json(data)
    encoding = encoding_of(data)
    if encoding.name == "utf-8" and is_utf8(data, encoding.start):
        start = decode_window(data, 0, encoding.start + _SNIFF_BYTES, encoding)
        if start is not None and sniff(start) is Kind.HTML:
            return read_html(data[encoding.start :])
    text = decode(data, encoding)
    if sniff(text) is Kind.HTML:
        return read_html(data[encoding.start :] if encoding.name == "utf-8" else text)
    return _parse_text(text)


def _parse_text(text: str) -> Score:
    if text.lstrip("\ufeff \t\r\n")[:40].casefold().startswith(_MHTML_STARTS):
        data = text.encode("utf-8", "replace")
        if is_mhtml(data):
            return parse_html(mhtml_page(data))
    kind = sniff(text)
    if kind is Kind.JSON:
        return parse_json(text)
    if kind is Kind.HTML:
        return read_html(text)
    if kind is Kind.EMPTY:
        raise ParseError(
            "expected LinkedIn's SSI JSON or a saved SSI page, found an empty input",
            path="$",
            key="parse.empty",
        )
    check_request_text(text[:200])
    check_text(text[:200])
    preview = "".join(c if c.isprintable() else "?" for c in text.strip()[:40])
    raise ParseError(
        "expected LinkedIn's SSI JSON (starting with '{') or a saved SSI page (HTML), "
        f"found text starting with {preview!r}",
        path="$",
        key="parse.not_ssi",
        params={"found": repr(preview)},
    )


def _from_payload(payload: Mapping[Any, Any]) -> Score:
    """Decoded JSON: a HAR file, or the SSI JSON (or a wrapper around it)."""
    if is_har(payload):
        return read_har(payload, parse_json, parse_html)
    return score_from_payload(payload)


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
        return _from_payload(data)
    if not isinstance(data, str | bytes):
        raise ParseError(
            f"expected JSON as text, bytes or a dict, found {type(data).__name__}",
            path="$",
            key="parse.json_wrong_type",
            params={"found": type(data).__name__},
        )
    payload = load_json(data)
    if isinstance(payload, Mapping):
        return _from_payload(payload)
    return score_from_payload(payload)


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
        if is_gzip(data):
            data = gunzip(data)
        if is_mhtml(data):
            return parse_html(mhtml_page(data))
        encoding = encoding_of(data)
        if encoding.name == "utf-8" and is_utf8(data, encoding.start):
            return read_html(data[encoding.start :])  # checked; UTF-8 goes to the parser as is
        text = decode(data, encoding)  # the text, or the error for bytes that are not
        return read_html(data[encoding.start :] if encoding.name == "utf-8" else text)
    if not isinstance(data, str):
        raise ParseError(
            f"expected a page as text or bytes, found {type(data).__name__}",
            key="parse.page_wrong_type",
            params={"found": type(data).__name__},
        )
    return read_html(data)


def parse_file(path: str | os.PathLike[str], *, max_bytes: int = MAX_INPUT_BYTES) -> Score:
    """Read an SSI score from a file: a saved page, an MHTML or HAR file, or LinkedIn's JSON.

    The kind is told from the content, not the file name; gzip-compressed files
    are decompressed (to at most 10 MiB). Only regular
    files are read, and no more than *max_bytes* of them.

    Args:
        path: The file to read.
        max_bytes: The largest file accepted (10 MiB by default; a saved page is
            about 300 KB, a SingleFile or MHTML save with images a few MB).

    Returns:
        The validated score.

    Raises:
        ParseError: the file is missing, unreadable, not a regular file or larger
            than *max_bytes* (the message names it), or holds no readable score.
        NotAuthenticatedError: the file is a logged-out page or answer.
        InvalidScoreError: the values break the rules of a score.
    """
    return parse(read_bounded(path, max_bytes=max_bytes))
