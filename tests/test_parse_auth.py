"""Logged-out pages and answers (ssi_index._parse._auth)."""

from __future__ import annotations

import pytest

from ssi_index import NotAuthenticatedError, ParseError, parse, parse_html
from ssi_index._parse._auth import check_error_payload, check_page, check_text
from ssi_index._parse._dom import load

LOGGED_OUT = [
    '<html><head><link rel="canonical" href="https://www.linkedin.com/authwall?trk=x"></head></html>',
    '<html><head><link href="https://www.linkedin.com/login" rel="canonical"></head></html>',
    '<html><form action="/checkpoint/lg/login-submit" method="post"></form></html>',
    '<html><form action="https://www.linkedin.com/checkpoint/challenge/verify"></form></html>',
    '<html><body><input type="password" name="session_password"></body></html>',
    '<html><head><meta http-equiv="refresh" content="0; url=/authwall?x=1"></head></html>',
    "<html><head><title>LinkedIn Login, Sign in | LinkedIn</title></head></html>",
    "<html><head><title>Security Verification | LinkedIn</title></head></html>",
]


@pytest.mark.parametrize("page", LOGGED_OUT)
def test_logged_out_pages(page: str) -> None:
    with pytest.raises(NotAuthenticatedError, match="sign in to LinkedIn in your browser"):
        check_page(load(page))
    with pytest.raises(NotAuthenticatedError):
        parse_html(page)
    with pytest.raises(NotAuthenticatedError):
        parse(page.encode("utf-8"))


@pytest.mark.parametrize(
    "page",
    [
        '<html><a href="https://www.linkedin.com/login">Sign in</a>'
        "<title>Feed | LinkedIn</title></html>",
        '<html><link rel="canonical" href="https://www.linkedin.com/feed/"></html>',
        '<html><input type="text" name="q"></html>',
    ],
)
def test_ordinary_pages_are_not_logged_out(page: str) -> None:
    check_page(load(page))
    with pytest.raises(ParseError):
        parse_html(page)


def test_check_text_only_matches_the_csrf_body() -> None:
    with pytest.raises(NotAuthenticatedError, match="CSRF"):
        check_text("  CSRF check failed.\n")
    check_text("CSRF check passed.")


@pytest.mark.parametrize("status", [401, 403])
def test_error_payloads(status: int) -> None:
    with pytest.raises(NotAuthenticatedError, match=f"status {status} \\(EMPTY"):
        check_error_payload({"status": status, "code": "EMPTY_ACCESS_TOKEN"})


@pytest.mark.parametrize("payload", [{"status": 200}, {"status": True}, {"status": "401"}, {}])
def test_other_payloads_pass(payload: dict[str, object]) -> None:
    check_error_payload(payload)
