"""Secret and SessionCookies: masking, checks, the environment and Netscape cookies.txt."""

from __future__ import annotations

import copy
import logging
import os
import pickle
import tempfile
import warnings
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fetch_server import (
    JSESSIONID_BARE,
    JSESSIONID_STORED,
    LI_AT,
    assert_no_secret,
    error_texts,
    locals_traceback,
)
from ssi_index import NotAuthenticatedError, Secret, SessionCookies, SSIError
from ssi_index._io import MAX_INPUT_BYTES
from ssi_index.fetch import (
    DOCS_URL,
    JSESSIONID_ENV,
    LI_AT_ENV,
    InsecureCookieFileWarning,
    SSIClient,
)

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


def test_cookies_text_reads_like_the_file_and_refuses_what_is_not_text() -> None:
    text = netscape(cookie_line("li_at", LI_AT), cookie_line("JSESSIONID", JSESSIONID_STORED))
    assert SessionCookies.from_cookies_text(text, now=NOW) == SessionCookies(LI_AT, JSESSIONID_BARE)
    with pytest.raises(
        NotAuthenticatedError, match=r"in 'standard input', found li_at expired on "
    ) as info:
        SessionCookies.from_cookies_text(
            netscape(cookie_line("li_at", LI_AT, expiry=EARLIER)), now=NOW
        )
    assert LI_AT not in str(info.value)
    with pytest.raises(
        NotAuthenticatedError, match=r"expected the text of a cookies\.txt, found bytes"
    ):
        SessionCookies.from_cookies_text(text.encode(), now=NOW)  # type: ignore[arg-type]


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


# --- refusals and warnings -------------------------------------------------------------------


def valid_file(tmp_path: Path, mode: int = 0o600) -> Path:
    path = write(tmp_path, netscape(cookie_line("li_at", LI_AT), cookie_line("JSESSIONID", "x")))
    path.chmod(mode)
    return path


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604, 0o666])
def test_a_cookies_file_others_can_read_gives_a_warning(tmp_path: Path, mode: int) -> None:
    path = valid_file(tmp_path, mode)
    with pytest.warns(InsecureCookieFileWarning, match=r"chmod 600") as caught:
        cookies = SessionCookies.from_cookies_file(path, now=NOW)
    assert cookies.li_at.reveal() == LI_AT  # still used, as ssh would not
    [warning] = caught
    assert warning.filename == __file__  # points at the caller
    assert_no_secret([str(warning.message)])
    with pytest.warns(InsecureCookieFileWarning):
        SSIClient.from_cookies_file(path).close()


@pytest.mark.parametrize("mode", [0o600, 0o400, 0o700])
def test_a_private_cookies_file_gives_no_warning(tmp_path: Path, mode: int) -> None:
    path = valid_file(tmp_path, mode)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert SessionCookies.from_cookies_file(path, now=NOW).li_at.reveal() == LI_AT


def test_a_fifo_as_cookies_file_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "cookies.txt"
    os.mkfifo(fifo)  # nobody writes to it: opening it for reading would block for ever
    with pytest.raises(NotAuthenticatedError, match="found a FIFO") as info:
        SessionCookies.from_cookies_file(fifo)
    assert "cookies.txt" in str(info.value)


def test_a_device_as_cookies_file_is_refused() -> None:
    with pytest.raises(NotAuthenticatedError, match="found a device"):
        SessionCookies.from_cookies_file("/dev/zero")


def test_a_cookies_file_over_the_cap_is_refused(tmp_path: Path) -> None:
    path = valid_file(tmp_path)
    size = path.stat().st_size
    with pytest.raises(NotAuthenticatedError, match=f"at most {size - 1:,} bytes"):
        SessionCookies.from_cookies_file(path, now=NOW, max_bytes=size - 1)
    assert SessionCookies.from_cookies_file(path, now=NOW, max_bytes=size).li_at.reveal() == LI_AT
    big = tmp_path / "big.txt"
    with big.open("wb") as file:
        file.truncate(MAX_INPUT_BYTES + 1)  # sparse: refused by size before any read
    big.chmod(0o600)
    with pytest.raises(NotAuthenticatedError, match="at most 10,485,760 bytes"):
        SessionCookies.from_cookies_file(big)


# --- tracebacks with locals ------------------------------------------------------------------
# Error reporters render tracebacks with every frame's local variables. These failures are
# raised with cookie values in play; none of the library's frames may hold one. Callables
# reach the values through module globals, so the test's own frames hold none either.


def _env_with_li_at_only() -> SessionCookies:
    return SessionCookies.from_env({LI_AT_ENV: LI_AT})


def _env_with_a_prefixed_value() -> SSIClient:
    return SSIClient.from_env({LI_AT_ENV: "li_at=" + LI_AT, JSESSIONID_ENV: JSESSIONID_STORED})


def _client_with_a_bad_option() -> SSIClient:
    return SSIClient(LI_AT, JSESSIONID_STORED, timeout=-1)


def _client_with_a_prefixed_value() -> SSIClient:
    return SSIClient(LI_AT, "JSESSIONID=" + JSESSIONID_STORED)


def _cookies_with_a_bad_character() -> SessionCookies:
    return SessionCookies(LI_AT + " x", Secret(JSESSIONID_STORED))


def _file_with_an_expired_jsessionid() -> SessionCookies:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "cookies.txt"
        path.write_text(
            netscape(cookie_line("li_at", LI_AT), cookie_line("JSESSIONID", "y", expiry=EARLIER))
        )
        path.chmod(0o600)
        return SessionCookies.from_cookies_file(path, now=NOW)


def _file_with_a_malformed_li_at() -> SSIClient:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "cookies.txt"
        path.write_text(
            netscape(cookie_line("li_at", "li_at=" + LI_AT), cookie_line("JSESSIONID", "y"))
        )
        path.chmod(0o600)
        return SSIClient.from_cookies_file(path)


@pytest.mark.parametrize(
    "make",
    [
        _env_with_li_at_only,
        _env_with_a_prefixed_value,
        _client_with_a_bad_option,
        _client_with_a_prefixed_value,
        _cookies_with_a_bad_character,
        _file_with_an_expired_jsessionid,
        _file_with_a_malformed_li_at,
    ],
)
def test_no_traceback_with_locals_shows_a_cookie(make: Callable[[], object]) -> None:
    with pytest.raises(SSIError) as info:
        make()
    text = locals_traceback(info.value)
    assert f"{os.sep}ssi_index{os.sep}fetch{os.sep}" in text  # the library's frames, rendered
    assert_no_secret([text, *error_texts(info.value)])
    assert info.value.__context__ is None


def test_os_environ_is_not_shown_in_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(LI_AT_ENV, LI_AT)
    monkeypatch.delenv(JSESSIONID_ENV, raising=False)
    for build in (SessionCookies.from_env, SSIClient.from_env):
        with pytest.raises(NotAuthenticatedError, match="SSI_INDEX_JSESSIONID unset") as info:
            build()
        assert_no_secret(error_texts(info.value))


@pytest.mark.parametrize("path", ["cookies\x00.txt", 42, b"/no/such/cookies.txt"])
def test_odd_cookie_file_paths_are_not_authenticated_errors(path: object) -> None:
    with pytest.raises(NotAuthenticatedError, match="expected"):
        SessionCookies.from_cookies_file(path)  # type: ignore[arg-type]
