"""Secret and SessionCookies: masking, checks, the environment and Netscape cookies.txt."""

from __future__ import annotations

import copy
import logging
import pickle
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fetch_server import JSESSIONID_BARE, JSESSIONID_STORED, LI_AT, assert_no_secret, error_texts
from ssi_index import NotAuthenticatedError, Secret, SessionCookies
from ssi_index.fetch import DOCS_URL, JSESSIONID_ENV, LI_AT_ENV

NOW = 1_800_000_000.0  # 2027-01-15
LATER = int(NOW) + 86_400 * 365
EARLIER = int(NOW) - 86_400

COOKIE_CHARS = st.characters(
    codec="ascii", min_codepoint=0x21, max_codepoint=0x7E, exclude_characters='",;\\'
)


def netscape(*lines: str) -> str:
    return "# Netscape HTTP Cookie File\n# https://curl.se/docs/http-cookies.html\n\n" + "".join(
        line + "\n" for line in lines
    )


def cookie_line(
    name: str,
    value: str,
    *,
    domain: str = ".www.linkedin.com",
    expiry: int = LATER,
    http_only: bool = False,
) -> str:
    prefix = "#HttpOnly_" if http_only else ""
    return f"{prefix}{domain}\tTRUE\t/\tTRUE\t{expiry}\t{name}\t{value}"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "cookies.txt"
    path.write_text(text, encoding="utf-8", newline="")
    path.chmod(0o600)
    return path


# --- Secret ----------------------------------------------------------------------------------


def test_secret_never_shows_its_value(caplog: pytest.LogCaptureFixture) -> None:
    secret = Secret(LI_AT)
    logging.getLogger("ssi_index.test").warning("token %s %r", secret, secret)
    formatted = "token: %s" % (secret,)  # noqa: UP031 - %-formatting, as logging does
    texts = [repr(secret), str(secret), f"{secret}", f"{secret!r}", formatted, caplog.text]
    assert_no_secret(texts)
    assert repr(secret) == "Secret('********')"
    assert secret.reveal() == LI_AT


def test_secret_compares_by_value_and_survives_copies() -> None:
    secret = Secret(LI_AT)
    assert secret == Secret(LI_AT)
    assert secret != Secret("other")
    assert hash(secret) == hash(Secret(LI_AT))
    assert copy.deepcopy(secret).reveal() == LI_AT
    assert pickle.loads(pickle.dumps(secret)) == secret


# --- SessionCookies --------------------------------------------------------------------------


def test_session_cookies_mask_and_normalise() -> None:
    cookies = SessionCookies(f"  {LI_AT}\n", JSESSIONID_STORED)
    assert cookies.li_at.reveal() == LI_AT
    assert cookies.jsessionid.reveal() == JSESSIONID_BARE
    assert cookies.csrf_token.reveal() == JSESSIONID_BARE
    assert cookies.cookie_header().reveal() == f'li_at={LI_AT}; JSESSIONID="{JSESSIONID_BARE}"'
    assert repr(cookies) == (
        "SessionCookies(li_at=Secret('********'), jsessionid=Secret('********'))"
    )
    assert_no_secret([repr(cookies), str(cookies), repr(cookies.cookie_header())])
    assert SessionCookies(LI_AT, JSESSIONID_BARE) == cookies


@pytest.mark.parametrize(
    ("li_at", "jsessionid", "found"),
    [
        ("", JSESSIONID_BARE, "empty"),
        (LI_AT, '""', "empty"),
        (f"li_at={LI_AT}", JSESSIONID_BARE, "prefixed with 'li_at='"),
        (LI_AT, f"JSESSIONID={JSESSIONID_STORED}", "prefixed with 'JSESSIONID='"),
        (f"{LI_AT} s3cr3t", JSESSIONID_BARE, "1 other character"),
        (f"{LI_AT};x", JSESSIONID_BARE, "1 other character"),
        (LI_AT, f"{JSESSIONID_BARE}\r\nX-Evil: 1", "3 other character"),
        (f"{LI_AT}é", JSESSIONID_BARE, "1 other character"),
        (42, JSESSIONID_BARE, "found int"),
    ],
)
def test_malformed_cookies_are_refused_without_showing_them(
    li_at: object, jsessionid: object, found: str
) -> None:
    with pytest.raises(NotAuthenticatedError) as info:
        SessionCookies(li_at, jsessionid)
    assert found in str(info.value)
    assert_no_secret(error_texts(info.value))


# --- environment -----------------------------------------------------------------------------


def test_from_env_reads_the_documented_variables() -> None:
    assert (LI_AT_ENV, JSESSIONID_ENV) == ("SSI_INDEX_LI_AT", "SSI_INDEX_JSESSIONID")
    cookies = SessionCookies.from_env({LI_AT_ENV: LI_AT, JSESSIONID_ENV: JSESSIONID_STORED})
    assert cookies == SessionCookies(LI_AT, JSESSIONID_BARE)


def test_from_env_defaults_to_os_environ(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(LI_AT_ENV, LI_AT)
    monkeypatch.setenv(JSESSIONID_ENV, JSESSIONID_BARE)
    assert SessionCookies.from_env().li_at.reveal() == LI_AT


@pytest.mark.parametrize(
    ("environ", "found"),
    [
        ({}, "SSI_INDEX_LI_AT and SSI_INDEX_JSESSIONID unset"),
        ({LI_AT_ENV: LI_AT}, "found SSI_INDEX_JSESSIONID unset"),
        ({LI_AT_ENV: "  ", JSESSIONID_ENV: JSESSIONID_BARE}, "found SSI_INDEX_LI_AT unset"),
    ],
)
def test_from_env_says_which_variable_is_missing(environ: dict[str, str], found: str) -> None:
    with pytest.raises(NotAuthenticatedError) as info:
        SessionCookies.from_env(environ)
    assert found in str(info.value)
    assert DOCS_URL in str(info.value)
    assert_no_secret(error_texts(info.value))


# --- cookies.txt -----------------------------------------------------------------------------


def test_cookies_file_as_browsers_export_it(tmp_path: Path) -> None:
    text = netscape(
        cookie_line("bcookie", "v=2&abc", domain=".linkedin.com"),
        cookie_line("li_at", LI_AT, http_only=True),
        cookie_line("JSESSIONID", JSESSIONID_STORED),
        cookie_line("li_at", "not-this-one", domain=".example.org"),
    ).replace("\n", "\r\n")
    path = write(tmp_path, "\ufeff" + text)
    cookies = SessionCookies.from_cookies_file(path, now=NOW)
    assert cookies == SessionCookies(LI_AT, JSESSIONID_BARE)


def test_cookies_file_skips_expired_and_prefers_the_latest(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        netscape(
            cookie_line("li_at", "OLD", expiry=EARLIER),
            cookie_line("li_at", "SOONER", expiry=LATER - 10),
            cookie_line("li_at", LI_AT, domain="linkedin.com", expiry=LATER),
            cookie_line("li_at", "SOON", domain="www.linkedin.com", expiry=LATER - 5),
            cookie_line("JSESSIONID", JSESSIONID_STORED, expiry=0),  # a session cookie
        ),
    )
    cookies = SessionCookies.from_cookies_file(str(path), now=NOW)
    assert cookies.li_at.reveal() == LI_AT
    assert cookies.jsessionid.reveal() == JSESSIONID_BARE


def test_cookies_file_with_only_expired_cookies_says_when(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        netscape(
            cookie_line("li_at", LI_AT, expiry=EARLIER),
            cookie_line("JSESSIONID", JSESSIONID_STORED),
        ),
    )
    with pytest.raises(NotAuthenticatedError) as info:
        SessionCookies.from_cookies_file(path, now=NOW)
    assert "li_at expired on 2027-01-14" in str(info.value)
    assert_no_secret(error_texts(info.value))


def test_cookies_file_without_linkedin_cookies(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        netscape(
            cookie_line("li_at", LI_AT, domain=".notlinkedin.com"),
            f".www.linkedin.com TRUE / TRUE {LATER} JSESSIONID {JSESSIONID_STORED}",
        ),
    )
    with pytest.raises(NotAuthenticatedError) as info:
        SessionCookies.from_cookies_file(path, now=NOW)
    message = str(info.value)
    assert "found no li_at, no JSESSIONID, 1 line(s) not in Netscape format" in message
    assert DOCS_URL in message
    assert_no_secret(error_texts(info.value))


def test_unreadable_cookies_file(tmp_path: Path) -> None:
    with pytest.raises(NotAuthenticatedError, match=r"expected a readable cookies\.txt"):
        SessionCookies.from_cookies_file(tmp_path / "missing.txt")
    with pytest.raises(NotAuthenticatedError, match=r"expected a readable cookies\.txt"):
        SessionCookies.from_cookies_file(tmp_path)


def from_text(text: str) -> SessionCookies:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "cookies.txt"
        path.write_text(text, encoding="utf-8")
        path.chmod(0o600)
        return SessionCookies.from_cookies_file(path, now=NOW)


@settings(max_examples=100)
@given(
    li_at=st.text(COOKIE_CHARS, min_size=1, max_size=40).filter(
        lambda v: not v.casefold().startswith("li_at=")
    ),
    noise=st.lists(st.text(st.characters(exclude_categories=["Cs"]), max_size=30), max_size=6),
)
def test_cookies_file_finds_any_valid_value_among_noise(li_at: str, noise: list[str]) -> None:
    lines = [line for line in noise if "linkedin" not in line.lower()]
    text = "\n".join([*lines, cookie_line("li_at", li_at), cookie_line("JSESSIONID", "ajax:1")])
    assert from_text(text).li_at.reveal() == li_at


@settings(max_examples=100)
@given(st.text(st.characters(exclude_categories=["Cs"]), max_size=300))
def test_any_text_gives_cookies_or_not_authenticated(text: str) -> None:
    outcome: SessionCookies | NotAuthenticatedError
    try:
        outcome = from_text(text)
    except NotAuthenticatedError as err:
        outcome = err
    if isinstance(outcome, NotAuthenticatedError):
        assert "expected" in str(outcome)
    else:
        assert outcome.li_at.reveal()
