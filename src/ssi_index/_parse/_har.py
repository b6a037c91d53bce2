"""A DevTools HAR export (HAR 1.2): the ``salesApiSsi`` answer it recorded.

The entry whose request URL path is ``/sales-api/salesApiSsi`` holds the API
JSON in ``response.content.text`` (plain, or base64 when ``encoding`` says so).
Other entries are ignored, whatever they hold. Of several such entries the last
one that succeeded wins (the newest recording). A recorded 401/403, an HTML
answer or ``CSRF check failed.`` means the browser was not signed in.

If no API entry was recorded but the SSI page itself was (``/sales/ssi`` with
its HTML), the page is read instead.

Nothing from the request (cookies, headers: a HAR "with sensitive data" holds
the session) ever reaches a message.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Mapping
from typing import Any, Final
from urllib.parse import urlsplit

from ssi_index._errors import ParseError, Phrase
from ssi_index._model import Score

from ._auth import check_text, not_authenticated
from ._detect import codec_of_label

__all__ = ["API_PATH", "PAGE_PATH", "is_har", "read_har"]

API_PATH: Final = "/sales-api/salesApiSsi"
"""The URL path of LinkedIn's SSI answer."""
PAGE_PATH: Final = "/sales/ssi"
"""The URL path of the SSI page."""
_AUTH_STATUSES: Final = frozenset({401, 403, 999})


def is_har(payload: Mapping[Any, Any]) -> bool:
    """Tell whether decoded JSON is a HAR file (``{"log": {"entries": [...]}}``)."""
    log = payload.get("log")
    return isinstance(log, Mapping) and isinstance(log.get("entries"), list)


def _path(entry: object) -> str:
    if not isinstance(entry, Mapping):
        return ""
    request = entry.get("request")
    url = request.get("url") if isinstance(request, Mapping) else None
    if not isinstance(url, str):
        return ""
    try:
        return urlsplit(url).path.rstrip("/")
    except ValueError:
        return ""


def _body(entry: Mapping[Any, Any], where: str) -> tuple[int | None, str, str]:
    """``(status, mime type, body text)`` of a recorded answer."""
    response = entry.get("response")
    if not isinstance(response, Mapping):
        return None, "", ""
    status = response.get("status")
    status = status if isinstance(status, int) and not isinstance(status, bool) else None
    content = response.get("content")
    if not isinstance(content, Mapping):
        return status, "", ""
    mime = content.get("mimeType")
    mime = mime.casefold() if isinstance(mime, str) else ""
    text = content.get("text")
    if not isinstance(text, str):
        return status, mime, ""
    if str(content.get("encoding") or "").casefold() == "base64":
        try:
            raw = base64.b64decode(text, validate=False)
        except (binascii.Error, ValueError) as err:
            raise ParseError(
                f"{where}.response.content.text: expected base64 as its encoding says, "
                "found text that is not",
                path=f"{where}.response.content.text",
                key="har.bad_base64",
                params={"where": f"{where}.response.content.text"},
            ) from err
        label = mime.split("charset=", 1)[1].split(";")[0] if "charset=" in mime else "utf-8"
        try:
            text = raw.decode(codec_of_label(label) or "utf-8")
        except UnicodeDecodeError:
            text = raw.decode("utf-8", "replace")
    return status, mime, text


def read_har(
    payload: Mapping[Any, Any],
    parse_json: Callable[[str], Score],
    parse_page: Callable[[str], Score],
) -> Score:
    """Read the SSI answer (or, failing that, the SSI page) recorded in a HAR file.

    Args:
        payload: The decoded HAR.
        parse_json: Reads the API JSON.
        parse_page: Reads a saved page.

    Raises:
        NotAuthenticatedError: the recorded answer was a refusal (401/403,
            ``CSRF check failed.``, a logged-out page).
        ParseError: no ``salesApiSsi`` entry with a body, and no SSI page.
    """
    entries = payload["log"]["entries"]
    api = [(i, entry) for i, entry in enumerate(entries) if _path(entry) == API_PATH]
    refusal: tuple[str, Phrase] | None = None
    for i, entry in reversed(api):
        where = f"$.log.entries[{i}]"
        status, mime, text = _body(entry, where)
        stripped = text.strip()
        if stripped.rstrip(".").casefold() == "csrf check failed":
            refusal = refusal or (
                f"a recorded salesApiSsi answer {status} 'CSRF check failed.'",
                Phrase("auth.found.har_csrf", status=str(status)),
            )
            continue
        if status in _AUTH_STATUSES:
            refusal = refusal or (
                f"a recorded salesApiSsi answer with status {status}",
                Phrase("auth.found.har_status", status=str(status)),
            )
            continue
        if "html" in mime or stripped.startswith("<"):
            refusal = refusal or (
                "a recorded salesApiSsi answer that is an HTML page",
                Phrase("auth.found.har_html"),
            )
            continue
        if stripped and (status is None or 200 <= status < 300):
            try:
                return parse_json(stripped)
            except ParseError as err:
                raise ParseError(
                    f"in {where} (salesApiSsi): {err}",
                    path=err.path,
                    key="har.in_entry",
                    params={"where": where, "error": err},
                ) from err
    if refusal is not None:
        raise not_authenticated(*refusal)
    for i, entry in reversed(list(enumerate(entries))):
        if _path(entry) != PAGE_PATH:
            continue
        status, mime, text = _body(entry, f"$.log.entries[{i}]")
        if text.strip() and "html" in (mime or "text/html"):
            check_text(text[:64])
            return parse_page(text)
    found = (
        "salesApiSsi entries without a recorded body (DevTools keeps bodies only while "
        "the panel is open)"
        if api
        else f"{len(entries)} entries, none for {API_PATH}"
    )
    raise ParseError(
        f"expected a HAR file that recorded LinkedIn's {API_PATH} answer, found {found}; "
        "open DevTools' Network panel, reload https://www.linkedin.com/sales/ssi, then "
        "export the HAR again",
        path="$.log.entries",
        key="har.no_answer_body" if api else "har.no_answer",
        params={"path": API_PATH, "n": len(entries)},
    )
