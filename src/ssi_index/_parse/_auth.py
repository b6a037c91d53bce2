"""Recognize what LinkedIn shows a logged-out user instead of the SSI.

Three families: a sign-in, authwall or security-checkpoint page (HTML), the
``CSRF check failed.`` body, and LinkedIn's error JSON (``{"status": 401, ...}``).
Each becomes a :class:`~ssi_index.NotAuthenticatedError` telling the user what
to do. Pages are checked only after no SSI data was found in them, so a real SSI
page that merely links to ``/login`` is never refused.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Final

from ssi_index._errors import NotAuthenticatedError

__all__ = ["check_error_payload", "check_page", "check_text", "not_authenticated"]

_ADVICE: Final = (
    "sign in to LinkedIn in your browser, open https://www.linkedin.com/sales/ssi, "
    "then save the page or copy the salesApiSsi JSON again"
)

_PAGE_SIGNS: Final = (
    (
        re.compile(
            r"<link\b(?=[^>]*\bcanonical\b)[^>]*\bhref=[\"']?[^\"'\s>]*"
            r"/(authwall|login|checkpoint|uas/login)\b",
            re.IGNORECASE,
        ),
        "its canonical address is LinkedIn's {0} page",
    ),
    (
        re.compile(
            r"<form\b[^>]*\baction=[\"'][^\"']*?"
            r"(/checkpoint/[\w/-]*|login-submit|/uas/login|/authwall)",
            re.IGNORECASE,
        ),
        "it holds a form posting to {0}",
    ),
    (
        re.compile(r"<input\b[^>]*\btype=[\"']?(password)\b", re.IGNORECASE),
        "it holds a {0} field (a sign-in form)",
    ),
    (
        re.compile(
            r"<meta\b[^>]*http-equiv=[\"']?refresh[^>]*url=[^\"'>]*"
            r"/(authwall|login|checkpoint)\b",
            re.IGNORECASE,
        ),
        "it redirects to LinkedIn's {0} page",
    ),
    (
        re.compile(
            r"<title>[^<]*(Sign In|Log In|Security Verification|Security check|Sign Up)",
            re.IGNORECASE,
        ),
        "its title says {0!r}",
    ),
)

_HTTP_AUTH_STATUSES: Final = frozenset({401, 403})


def not_authenticated(found: str) -> NotAuthenticatedError:
    """Build the error for a logged-out answer, saying what was *found* and what to do."""
    return NotAuthenticatedError(
        f"expected the SSI of a signed-in member, found {found}; LinkedIn no longer "
        f"considers you signed in: {_ADVICE}"
    )


def check_text(text: str) -> None:
    """Raise if *text* is LinkedIn's ``CSRF check failed.`` answer.

    Raises:
        NotAuthenticatedError: the body is the CSRF refusal.
    """
    if text.strip().rstrip(".").casefold() == "csrf check failed":
        raise not_authenticated("LinkedIn's answer 'CSRF check failed.' (the session is stale)")


def check_page(text: str) -> None:
    """Raise if the page is a sign-in, authwall or checkpoint page.

    Args:
        text: The whole page.

    Raises:
        NotAuthenticatedError: a sign of a logged-out page was found.
    """
    check_text(text[:64])
    for pattern, what in _PAGE_SIGNS:
        match = pattern.search(text)
        if match is not None:
            raise not_authenticated("a logged-out LinkedIn page: " + what.format(match.group(1)))


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
        suffix = f" ({detail})" if isinstance(detail, str) and detail else ""
        raise not_authenticated(f"LinkedIn's error answer with status {status}{suffix}")
