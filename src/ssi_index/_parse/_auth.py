"""Recognize what LinkedIn shows a logged-out user instead of the SSI.

Three families: a sign-in, authwall or security-checkpoint page (HTML), the
``CSRF check failed.`` body, and LinkedIn's error JSON (``{"status": 401, ...}``).
Each becomes a :class:`~ssi_index.NotAuthenticatedError` telling the user what
to do. Pages are checked only after no SSI data was found in them, so a real SSI
page that merely links to ``/login`` is never refused.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final
from urllib.parse import urlsplit

from ssi_index._errors import NotAuthenticatedError, Phrase

from ._dom import Node, by_tag, text_of

__all__ = ["check_error_payload", "check_page", "check_text", "not_authenticated"]

_ADVICE: Final = (
    "sign in to LinkedIn in your browser, open https://www.linkedin.com/sales/ssi, "
    "then save the page or copy the salesApiSsi JSON again"
)

_SIGN_IN_PATHS: Final = ("/authwall", "/login", "/checkpoint", "/uas/login")
"""Paths of LinkedIn's logged-out pages (a canonical link or a refresh that points there)."""
_FORM_TARGETS: Final = ("/checkpoint/", "login-submit", "/uas/login", "/authwall")
_TITLE_WORDS: Final = ("sign in", "log in", "security verification", "security check", "sign up")
_MAX_TAGS: Final = 64


def _sign_in_path(url: str) -> str | None:
    """The logged-out page *url* points to (``"login"``), or ``None``."""
    try:
        path = urlsplit(url.strip()).path.casefold()
    except ValueError:
        return None
    for sign_in in _SIGN_IN_PATHS:
        if path == sign_in or path.startswith((sign_in + "/", sign_in + "?")):
            return sign_in.lstrip("/")
    return None


def _refresh_target(content: str) -> str:
    """The URL of a ``<meta http-equiv="refresh" content="0; url=...">``."""
    lowered = content.casefold()
    at = lowered.find("url")
    if at < 0:
        return ""
    rest = content[at + 3 :].lstrip(" \t\r\n\f")
    if not rest.startswith("="):
        return ""
    return rest[1:].strip(" \t\r\n\f\"'")


def _signs(root: Node) -> tuple[str, Phrase] | None:
    """What marks *root* as a logged-out page (in English, and as a phrase), or ``None``."""
    for link in by_tag(root, "link", _MAX_TAGS):
        rel = (link.get("rel") or "").casefold().split()
        where = _sign_in_path(link.get("href") or "") if "canonical" in rel else None
        if where:
            return (
                f"its canonical address is LinkedIn's {where} page",
                Phrase("auth.sign.canonical", where=where),
            )
    for form in by_tag(root, "form", _MAX_TAGS):
        action = (form.get("action") or "").casefold()
        target = next((t for t in _FORM_TARGETS if t in action), None)
        if target:
            posting = target.strip("/")
            return (
                f"it holds a form posting to {posting}",
                Phrase("auth.sign.form", target=posting),
            )
    for field in by_tag(root, "input", _MAX_TAGS * 4):
        if (field.get("type") or "").strip().casefold() == "password":
            return "it holds a password field (a sign-in form)", Phrase("auth.sign.password")
    for meta in by_tag(root, "meta", _MAX_TAGS * 2):
        if (meta.get("http-equiv") or "").strip().casefold() == "refresh":
            where = _sign_in_path(_refresh_target(meta.get("content") or ""))
            if where:
                return (
                    f"it redirects to LinkedIn's {where} page",
                    Phrase("auth.sign.refresh", where=where),
                )
    for title in root.iter("title"):
        text = " ".join(text_of(title, 200).split())
        word = next((w for w in _TITLE_WORDS if w in text.casefold()), None)
        if word:
            said = repr(word.title())
            return f"its title says {said}", Phrase("auth.sign.title", word=said)
        break
    return None


_HTTP_AUTH_STATUSES: Final = frozenset({401, 403})


def not_authenticated(found: str, phrase: Phrase) -> NotAuthenticatedError:
    """Build the error for a logged-out answer, saying what was *found* and what to do.

    Args:
        found: What was found, in English (for ``str(error)``).
        phrase: The same as a phrase of ``errors.toml`` (for the other languages).
    """
    return NotAuthenticatedError(
        f"expected the SSI of a signed-in member, found {found}; LinkedIn no longer "
        f"considers you signed in: {_ADVICE}",
        key="auth.logged_out",
        params={"found": phrase},
    )


def check_text(text: str) -> None:
    """Raise if *text* is LinkedIn's ``CSRF check failed.`` answer.

    Raises:
        NotAuthenticatedError: the body is the CSRF refusal.
    """
    if text.strip().rstrip(".").casefold() == "csrf check failed":
        raise not_authenticated(
            "LinkedIn's answer 'CSRF check failed.' (the session is stale)",
            Phrase("auth.found.csrf"),
        )


def check_page(root: Node) -> None:
    """Raise if the parsed page is a sign-in, authwall or checkpoint page.

    Args:
        root: The page's root element (see :func:`~._dom.load`).

    Raises:
        NotAuthenticatedError: a sign of a logged-out page was found.
    """
    body = root.find("body")
    if body is not None and len(body) == 0:
        check_text(body.text or "")
    found = _signs(root)
    if found is not None:
        english, sign = found
        raise not_authenticated(
            "a logged-out LinkedIn page: " + english, Phrase("auth.found.page", sign=sign)
        )


def check_error_payload(payload: Mapping[str, Any]) -> None:
    """Raise if *payload* is LinkedIn's error JSON for a missing or refused session.

    Args:
        payload: A decoded JSON object without SSI data.

    Raises:
        NotAuthenticatedError: ``status`` is 401 or 403.
    """
    status = payload.get("status")
    if isinstance(status, int) and not isinstance(status, bool) and status in _HTTP_AUTH_STATUSES:
        detail = payload.get("message") or payload.get("code")
        if isinstance(detail, str) and detail:
            raise not_authenticated(
                f"LinkedIn's error answer with status {status} ({detail})",
                Phrase("auth.found.error_detail", status=status, detail=detail),
            )
        raise not_authenticated(
            f"LinkedIn's error answer with status {status}",
            Phrase("auth.found.error", status=status),
        )
