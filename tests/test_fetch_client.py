"""SSIClient against a real HTTP server on 127.0.0.1: headers, retries, errors, privacy."""

from __future__ import annotations

import datetime as dt
import email.utils
import gzip
import json
import logging
import socket
import ssl
import time
from collections.abc import Iterator
from typing import Any

import pytest
import requests
from hypothesis import given, settings
from hypothesis import strategies as st

from fetch_server import (
    JSESSIONID_BARE,
    JSESSIONID_STORED,
    LI_AT,
    LOGIN_PAGE,
    PAYLOAD,
    WRAPPED,
    Reply,
    ScriptedServer,
    assert_no_secret,
    error_texts,
    make_certificate,
)
from ssi_index import (
    FetchError,
    NotAuthenticatedError,
    ParseError,
    RateLimitError,
    SSIError,
)
from ssi_index.fetch import (
    DEFAULT_MAX_BODY,
    DEFAULT_MAX_DEPTH,
    DOCS_URL,
    SSI_PATH,
    Secret,
    SSIClient,
)

TIMEOUT = 0.3


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    with ScriptedServer() as srv:
        yield srv


def make_client(server: ScriptedServer, **options: Any) -> SSIClient:
    settings: dict[str, Any] = {"base_url": server.url, "timeout": TIMEOUT, "backoff": 0.001}
    settings.update(options)
    return SSIClient(LI_AT, JSESSIONID_STORED, **settings)


# --- what is sent --------------------------------------------------------------------------


def test_sends_one_get_with_the_session_headers_and_cookies(server: ScriptedServer) -> None:
    with make_client(server) as client:
        assert client.fetch_json() == PAYLOAD
    [request] = server.received
    assert request.method == "GET"
    assert request.path == SSI_PATH
    assert request.body == b""
    headers = request.headers
    assert headers["csrf-token"] == JSESSIONID_BARE
    assert headers["x-restli-protocol-version"] == "2.0.0"
    assert headers["accept"] == "application/json"
    assert headers["x-li-lang"] == "en_US"
    assert headers["user-agent"].startswith("Mozilla/5.0")
    cookies = dict(part.split("=", 1) for part in headers["cookie"].split("; "))
    assert cookies == {"li_at": LI_AT, "JSESSIONID": JSESSIONID_STORED}


def test_jsessionid_without_quotes_is_sent_quoted(server: ScriptedServer) -> None:
    with SSIClient(LI_AT, JSESSIONID_BARE, base_url=server.url + "/") as client:
        client.fetch_json()
    headers = server.received[0].headers
    assert headers["csrf-token"] == JSESSIONID_BARE
    assert f'JSESSIONID="{JSESSIONID_BARE}"' in headers["cookie"]


def test_custom_user_agent_is_sent(server: ScriptedServer) -> None:
    with make_client(server, user_agent="MyBrowser/1.0") as client:
        client.fetch_json()
    assert server.received[0].headers["user-agent"] == "MyBrowser/1.0"


def test_cookies_linkedin_sets_are_not_sent_back(server: ScriptedServer) -> None:
    set_cookie = (("Content-Type", "application/json"), ("Set-Cookie", "li_at=rotated; Path=/"))
    server.script(Reply.json(PAYLOAD, headers=set_cookie), Reply.json(PAYLOAD))
    with make_client(server) as client:
        client.fetch_json()
        client.fetch_json()
    assert all(f"li_at={LI_AT}" in r.headers["cookie"] for r in server.received)
    assert all("rotated" not in r.headers["cookie"] for r in server.received)


def test_given_session_is_used_and_left_open(server: ScriptedServer) -> None:
    session = requests.Session()
    session.headers["x-from-caller"] = "yes"
    client = SSIClient(LI_AT, JSESSIONID_STORED, session=session, base_url=server.url)
    client.close()  # does not close the caller's session
    assert client.fetch_json() == PAYLOAD
    assert server.received[0].headers["x-from-caller"] == "yes"
    session.close()


# --- answers that work -----------------------------------------------------------------------


def test_fetch_parses_the_payload(server: ScriptedServer) -> None:
    with make_client(server) as client:
        score = client.fetch()
    assert score.pillars.professional_brand == pytest.approx(13.68)
    assert score.industry is not None
    assert score.industry.rank == 22


def test_fetch_reads_a_wrapped_payload(server: ScriptedServer) -> None:
    with make_client(server) as client:
        plain = client.fetch()
        server.script(Reply.json(WRAPPED))
        assert client.fetch_json() == WRAPPED
        assert client.fetch() == plain


def test_429_with_retry_after_then_200_is_retried(server: ScriptedServer) -> None:
    server.script(Reply(429, headers=(("Retry-After", "0"),)), Reply.json(PAYLOAD))
    with make_client(server) as client:
        assert client.fetch_json() == PAYLOAD
    assert server.paths() == [SSI_PATH, SSI_PATH]


def test_500_then_200_is_retried(server: ScriptedServer) -> None:
    server.script(Reply(500), Reply(503), Reply.json(PAYLOAD))
    with make_client(server) as client:
        assert client.fetch_json() == PAYLOAD
    assert len(server.received) == 3


# --- refusals ------------------------------------------------------------------------------


def fetch_error(server: ScriptedServer, reply: Reply, **options: Any) -> SSIError:
    server.script(reply)
    with make_client(server, **options) as client, pytest.raises(SSIError) as info:
        client.fetch_json()
    return info.value


@pytest.mark.parametrize(
    ("reply", "found"),
    [
        (Reply(401, b'{"status":401}'), "401"),
        (Reply(403, b"CSRF check failed.", (("Content-Type", "text/plain"),)), "CSRF"),
        (Reply(999, b""), "999"),
        (Reply(302, headers=(("Location", "/authwall?trk=x"),)), "/authwall"),
        (Reply(302, headers=(("Location", "https://www.linkedin.com/login"),)), "/login"),
        (Reply(303, headers=(("Location", "/checkpoint/lg/login"),)), "/checkpoint"),
        (Reply(302, headers=(("Location", "/uas/login?session_redirect=x"),)), "/uas/login"),
        (Reply(200, LOGIN_PAGE, (("Content-Type", "text/html; charset=utf-8"),)), "text/html"),
        (Reply(200, b"\n  " + LOGIN_PAGE), "HTML page"),
    ],
    ids=[
        "401",
        "403-csrf",
        "999",
        "302-authwall",
        "302-login",
        "303-checkpoint",
        "uas",
        "html",
        "html-as-json",
    ],
)
def test_refused_session_is_not_authenticated(
    server: ScriptedServer, reply: Reply, found: str
) -> None:
    err = fetch_error(server, reply)
    assert type(err) is NotAuthenticatedError
    assert found in str(err)
    assert "copy fresh li_at and JSESSIONID" in str(err)
    assert DOCS_URL in str(err)
    assert server.paths() == [SSI_PATH]  # no retry, redirect not followed


def test_429_forever_is_a_rate_limit_error_after_the_retries(server: ScriptedServer) -> None:
    before = dt.datetime.now(dt.UTC)
    err = fetch_error(server, Reply(429, headers=(("Retry-After", "0"),)), retries=2)
    after = dt.datetime.now(dt.UTC)
    assert isinstance(err, RateLimitError)
    assert err.status == 429
    assert err.retry_after is not None
    assert err.retry_after.tzinfo is dt.UTC
    assert before <= err.retry_after <= after
    assert "3 attempt(s)" in str(err)
    assert len(server.received) == 3


def test_429_without_retry_after_backs_off_then_has_no_retry_time(
    server: ScriptedServer,
) -> None:
    err = fetch_error(server, Reply(429))
    assert isinstance(err, RateLimitError)
    assert err.retry_after is None
    assert len(server.received) == 4  # the default: 3 retries


def test_too_long_retry_after_ends_the_fetch_at_once(server: ScriptedServer) -> None:
    before = dt.datetime.now(dt.UTC)
    err = fetch_error(server, Reply(429, headers=(("Retry-After", "3600"),)))
    after = dt.datetime.now(dt.UTC)
    assert isinstance(err, RateLimitError)
    assert err.retry_after is not None
    assert before + dt.timedelta(hours=1) <= err.retry_after <= after + dt.timedelta(hours=1)
    assert len(server.received) == 1


def test_retry_after_as_an_http_date(server: ScriptedServer) -> None:
    when = dt.datetime(2031, 5, 6, 7, 8, 9, tzinfo=dt.UTC)
    header = email.utils.format_datetime(when, usegmt=True)
    err = fetch_error(server, Reply(429, headers=(("Retry-After", header),)))
    assert isinstance(err, RateLimitError)
    assert err.retry_after == when
    assert "2031-05-06 07:08:09 UTC" in str(err)
    assert len(server.received) == 1


def test_malformed_retry_after_is_ignored(server: ScriptedServer) -> None:
    err = fetch_error(server, Reply(429, headers=(("Retry-After", "soon"),)), retries=1)
    assert isinstance(err, RateLimitError)
    assert err.retry_after is None
    assert len(server.received) == 2


def test_500_forever_is_a_fetch_error_with_the_status(server: ScriptedServer) -> None:
    err = fetch_error(server, Reply(500), retries=1)
    assert type(err) is FetchError
    assert err.status == 500
    assert "500 Internal Server Error" in str(err)
    assert len(server.received) == 2


def test_503_with_too_long_retry_after_says_until_when(server: ScriptedServer) -> None:
    err = fetch_error(server, Reply(503, headers=(("Retry-After", "7200"),)))
    assert type(err) is FetchError
    assert err.status == 503
    assert "LinkedIn asked to wait until" in str(err)
    assert len(server.received) == 1


def test_retries_zero_means_one_request(server: ScriptedServer) -> None:
    err = fetch_error(server, Reply(502), retries=0)
    assert isinstance(err, FetchError)
    assert err.status == 502
    assert len(server.received) == 1


@pytest.mark.parametrize("status", [400, 403, 404, 410])
def test_other_4xx_is_a_fetch_error_without_retry(server: ScriptedServer, status: int) -> None:
    err = fetch_error(server, Reply(status, b"nope"))
    assert type(err) is FetchError
    assert err.status == status
    assert len(server.received) == 1


def test_redirect_elsewhere_is_a_fetch_error_and_not_followed(server: ScriptedServer) -> None:
    err = fetch_error(server, Reply(301, headers=(("Location", "https://example.org/x?y=1"),)))
    assert type(err) is FetchError
    assert err.status == 301
    assert "example.org/x" in str(err)
    assert server.paths() == [SSI_PATH]


def test_redirect_without_location_is_a_fetch_error(server: ScriptedServer) -> None:
    err = fetch_error(server, Reply(302))
    assert type(err) is FetchError
    assert err.status == 302


# --- broken answers --------------------------------------------------------------------------


def test_truncated_body_is_a_fetch_error(server: ScriptedServer) -> None:
    body = json.dumps(PAYLOAD).encode()
    err = fetch_error(server, Reply(200, body[:40], length=len(body)))
    assert type(err) is FetchError
    assert err.status == 200
    assert "ended before its announced length" in str(err)


def test_truncated_json_is_a_parse_error(server: ScriptedServer) -> None:
    err = fetch_error(server, Reply(200, json.dumps(PAYLOAD).encode()[:40]))
    assert isinstance(err, ParseError)
    assert "not valid JSON" in str(err)


@pytest.mark.parametrize(
    ("body", "found"),
    [(b"[1, 2]", "a JSON list"), (b"", "not valid JSON"), (b"\xff\xfe\x00", "not")],
)
def test_json_that_is_not_an_object_is_a_parse_error(
    server: ScriptedServer, body: bytes, found: str
) -> None:
    err = fetch_error(server, Reply(200, body))
    assert isinstance(err, ParseError)
    assert found in str(err)


def test_huge_body_is_a_parse_error(server: ScriptedServer) -> None:
    err = fetch_error(server, Reply(200, b'{"x": "' + b"a" * (1 << 20) + b'"}'))
    assert isinstance(err, ParseError)
    assert "more than" in str(err)


def test_json_that_is_not_ssi_is_the_parsers_parse_error(server: ScriptedServer) -> None:
    server.script(Reply.json({"hello": "world"}))
    with make_client(server) as client, pytest.raises(ParseError):
        client.fetch()


def test_slow_answer_times_out(server: ScriptedServer) -> None:
    err = fetch_error(server, Reply.json(PAYLOAD, delay=3.0))
    assert type(err) is FetchError
    assert err.status is None
    assert "within 0.3 s" in str(err)
    assert "timed out" in str(err)
    assert len(server.received) == 1  # a read timeout is not retried


def test_body_that_stalls_times_out(server: ScriptedServer) -> None:
    err = fetch_error(server, Reply.json(PAYLOAD, stall=3.0))
    assert type(err) is FetchError
    assert err.status == 200
    assert "timed out" in str(err)


def test_connection_refused_is_a_fetch_error() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    client = SSIClient(LI_AT, JSESSIONID_STORED, base_url=f"http://127.0.0.1:{port}")
    with pytest.raises(FetchError) as info:
        client.fetch_json()
    assert info.value.status is None
    assert "connection refused" in str(info.value)
    # Not chained to requests' error, which holds the request and its cookie header.
    assert info.value.__cause__ is None
    assert info.value.__context__ is None
    assert_no_secret(error_texts(info.value))


# --- privacy ---------------------------------------------------------------------------------

FAILURES = [
    Reply(401),
    Reply(403, b"CSRF check failed."),
    Reply(403, b"Forbidden"),
    Reply(429),
    Reply(429, headers=(("Retry-After", "86400"),)),
    Reply(500),
    Reply(999),
    Reply(302, headers=(("Location", "/authwall"),)),
    Reply(302, headers=(("Location", "https://example.org/"),)),
    Reply(200, LOGIN_PAGE, (("Content-Type", "text/html"),)),
    Reply(200, b'{"memberScore": ', length=500),
    Reply(200, b'{"memberScore": '),
    Reply.json({"hello": "world"}),
    Reply.json(PAYLOAD, delay=3.0),
    Reply.json(PAYLOAD, stall=3.0),
    Reply(200, b"[" * 200_000),
    Reply(200, b'{"memberScore": {"overall": ' + b"9" * 5000 + b"}}"),
    Reply(302, headers=(("Location", "http://[bad"),)),
    Reply(200, b"HTTP/1.1 200 OK\r\n", raw=b"HTTP/1.1 2x0 Nope\r\n\r\n"),
    Reply.json(PAYLOAD, drip=0.05, drip_head=True),
]


@pytest.mark.parametrize("reply", FAILURES)
def test_no_failure_shows_the_cookies(
    server: ScriptedServer,
    reply: Reply,
    caplog: pytest.LogCaptureFixture,
    capfd: pytest.CaptureFixture[str],
) -> None:
    caplog.set_level(logging.DEBUG)
    server.script(reply)
    client = make_client(server, retries=1)
    with client, pytest.raises(SSIError) as info:
        client.fetch()
    assert_no_secret(error_texts(info.value))
    assert_no_secret([repr(client), str(client)])
    records = caplog.records
    assert any(r.name.startswith("urllib3") for r in records)  # urllib3's debug lines too
    assert any(r.name == "ssi_index.fetch" for r in records)
    assert_no_secret([caplog.text])
    assert_no_secret(repr(r.args) for r in records)
    out, err = capfd.readouterr()
    assert_no_secret([out, err])


def test_repr_masks_the_cookies(server: ScriptedServer) -> None:
    client = make_client(server)
    assert repr(client) == (
        f"SSIClient(base_url={server.url!r}, li_at=Secret('********'), "
        "jsessionid=Secret('********'))"
    )
    assert str(client) == repr(client)
    client.close()


def test_secret_arguments_are_accepted(server: ScriptedServer) -> None:
    with SSIClient(Secret(LI_AT), Secret(JSESSIONID_STORED), base_url=server.url) as client:
        assert client.fetch_json() == PAYLOAD


def test_any_answer_gives_json_or_an_ssi_error(server: ScriptedServer) -> None:
    @settings(max_examples=80, deadline=None)
    @given(
        status=st.integers(200, 999),
        body=st.binary(max_size=64) | st.sampled_from([b"CSRF check failed.", LOGIN_PAGE]),
        content_type=st.sampled_from(["application/json", "text/html", "text/plain"]),
    )
    def check(status: int, body: bytes, content_type: str) -> None:
        server.script(Reply(status, body, (("Content-Type", content_type),)))
        with make_client(server, retries=0) as client:
            try:
                data = client.fetch_json()
            except SSIError as err:
                assert_no_secret(error_texts(err))
            else:
                assert 200 <= status < 300
                assert isinstance(data, dict)

    check()


# --- options ---------------------------------------------------------------------------------


def test_defaults_are_documented_values() -> None:
    client = SSIClient(LI_AT, JSESSIONID_STORED)
    assert client.url == "https://www.linkedin.com/sales-api/salesApiSsi"
    assert client.timeout == 10.0
    assert client.deadline == 20.0  # twice the timeout
    assert client.max_body == DEFAULT_MAX_BODY == 1 << 20
    assert client.retries == 3
    client.close()
    with SSIClient(LI_AT, JSESSIONID_STORED, timeout=3, max_body=10) as client:
        assert (client.deadline, client.max_body) == (6.0, 10)
    with SSIClient(LI_AT, JSESSIONID_STORED, deadline=7.5) as client:
        assert client.deadline == 7.5


@pytest.mark.parametrize(
    "options",
    [
        {"base_url": "ftp://example.org"},
        {"base_url": "www.linkedin.com"},
        {"base_url": "http://[bad"},
        {"base_url": "http://host\x00"},
        {"base_url": "https://ex\u202eample.org"},
        {"base_url": 42},
        {"timeout": 0},
        {"timeout": -1.0},
        {"timeout": float("inf")},
        {"timeout": True},
        {"retries": -1},
        {"retries": 1.5},
        {"backoff": -0.1},
        {"backoff_max": 0},
        {"max_retry_after": float("nan")},
        {"user_agent": "bad\r\nheader"},
        {"deadline": 0},
        {"deadline": -2.0},
        {"deadline": float("nan")},
        {"deadline": True},
        {"max_body": 0},
        {"max_body": 1.5},
    ],
)
def test_bad_options_are_fetch_errors(options: dict[str, Any]) -> None:
    with pytest.raises(FetchError, match="expected") as info:
        SSIClient(LI_AT, JSESSIONID_STORED, **options)
    assert_no_secret(error_texts(info.value))  # SSIClient.__init__'s locals included


@pytest.mark.parametrize(("li_at", "jsessionid"), [("", "ajax:1"), (LI_AT, "  "), ("a b", "x")])
def test_bad_cookies_are_refused_before_any_request(li_at: str, jsessionid: str) -> None:
    with pytest.raises(NotAuthenticatedError) as info:
        SSIClient(li_at, jsessionid)
    assert_no_secret(error_texts(info.value))


def test_from_env_builds_a_working_client(server: ScriptedServer) -> None:
    environ = {"SSI_INDEX_LI_AT": LI_AT, "SSI_INDEX_JSESSIONID": JSESSIONID_STORED}
    with SSIClient.from_env(environ, base_url=server.url) as client:
        assert client.fetch_json() == PAYLOAD
    assert server.received[0].headers["csrf-token"] == JSESSIONID_BARE


def test_from_cookies_file_builds_a_working_client(server: ScriptedServer, tmp_path: Any) -> None:
    path = tmp_path / "cookies.txt"
    path.write_text(
        "# Netscape HTTP Cookie File\n"
        f"#HttpOnly_.www.linkedin.com\tTRUE\t/\tTRUE\t0\tli_at\t{LI_AT}\n"
        f".www.linkedin.com\tTRUE\t/\tTRUE\t0\tJSESSIONID\t{JSESSIONID_STORED}\n"
    )
    path.chmod(0o600)
    with SSIClient.from_cookies_file(path, base_url=server.url) as client:
        assert client.fetch_json() == PAYLOAD
    assert server.received[0].headers["csrf-token"] == JSESSIONID_BARE


# --- hostile answers -------------------------------------------------------------------------

HOSTILE = {
    "200k-nested-lists": (Reply(200, b"[" * 200_000), ParseError, "nested too deeply"),
    "deep-object": (
        Reply(200, b'{"a": ' * 40 + b"1" + b"}" * 40),
        ParseError,
        f"nested more than {DEFAULT_MAX_DEPTH} deep",
    ),
    "5000-digit-integer": (
        Reply(200, b'{"memberScore": {"overall": ' + b"9" * 5000 + b"}}"),
        ParseError,
        "an integer of 5,000 digits",
    ),
    "nan": (Reply(200, b'{"overall": NaN}'), ParseError, "NaN, which is not a JSON number"),
    "huge-float": (Reply(200, b'{"overall": 1e999}'), ParseError, "out of range"),
    "bad-ipv6-location": (
        Reply(302, headers=(("Location", "http://[bad"),)),
        FetchError,
        "malformed Location 'http://[bad'",
    ),
    "control-codes-in-location": (
        Reply(301, headers=(("Location", "https://evil.example/\x1b[2J\x07x"),)),
        FetchError,
        "evil.example/\\u001b[2J\\u0007x",
    ),
    "control-codes-in-content-type": (
        Reply(200, LOGIN_PAGE, (("Content-Type", "text/html\x1b[31m"),)),
        NotAuthenticatedError,
        "text/html\\u001b[31m",
    ),
    "5000-digit-retry-after-429": (
        Reply(429, headers=(("Retry-After", "9" * 5000),)),
        RateLimitError,
        "429",
    ),
    "5000-digit-retry-after-503": (
        Reply(503, headers=(("Retry-After", "9" * 5000),)),
        FetchError,
        "503",
    ),
    "bad-status-line": (Reply(raw=b"HTTP/1.1 2x0 Nope\r\n\r\n"), FetchError, "127.0.0.1"),
    "not-http": (Reply(raw=b"\x00\x01\x02 garbage\r\n\r\n"), FetchError, "127.0.0.1"),
    "101-headers": (
        Reply(raw=b"HTTP/1.1 200 OK\r\n" + b"X-A: 1\r\n" * 101 + b"\r\n{}"),
        FetchError,
        "127.0.0.1",
    ),
    "overlong-header": (
        Reply(raw=b"HTTP/1.1 200 OK\r\nX-A: " + b"a" * 70_000 + b"\r\n\r\n{}"),
        FetchError,
        "127.0.0.1",
    ),
    "broken-chunks": (
        Reply(
            raw=b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
            b"Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n"
        ),
        FetchError,
        "broken",
    ),
    "gzip-bomb": (  # 20 MiB of JSON in 20 KiB: refused at the cap, not inflated whole
        Reply(
            200,
            gzip.compress(b'{"a": "' + b"0" * (20 << 20) + b'"}'),
            (("Content-Type", "application/json"), ("Content-Encoding", "gzip")),
        ),
        ParseError,
        "(max_body)",
    ),
    "bad-gzip": (
        Reply(200, b"not gzip at all", (("Content-Encoding", "gzip"),)),
        FetchError,
        "broken",
    ),
}


@pytest.mark.parametrize(("reply", "kind", "found"), HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_answers_are_ssi_errors_with_a_short_reason(
    server: ScriptedServer, reply: Reply, kind: type[SSIError], found: str
) -> None:
    err = fetch_error(server, reply, retries=0)
    assert isinstance(err, kind), repr(err)
    assert found in str(err)
    assert len(str(err)) < 400
    assert err.__cause__ is None
    assert err.__context__ is None
    assert_no_secret(error_texts(err))


def test_fetch_of_a_hostile_answer_is_an_ssi_error_too(server: ScriptedServer) -> None:
    for reply, _, _ in HOSTILE.values():
        server.script(reply)
        with make_client(server, retries=0) as client, pytest.raises(SSIError) as info:
            client.fetch()
        assert_no_secret(error_texts(info.value))


def test_body_cap_is_overridable(server: ScriptedServer) -> None:
    big = {**PAYLOAD, "padding": "x" * (1 << 20)}
    server.script(Reply.json(big))
    err = fetch_error(server, Reply.json(big))
    assert isinstance(err, ParseError)
    assert f"more than {DEFAULT_MAX_BODY:,} bytes (max_body)" in str(err)
    server.script(Reply.json(big))
    with make_client(server, max_body=2 << 20) as client:
        assert client.fetch_json() == big
    err = fetch_error(server, Reply.json(PAYLOAD), max_body=100)
    assert isinstance(err, ParseError)
    assert "more than 100 bytes" in str(err)


# --- the deadline ----------------------------------------------------------------------------
# A generous margin: these tests check that the fetch ends because of the deadline, long
# before the dripping server would have finished, not how fast it ends.
SLACK = 5.0


@pytest.mark.parametrize("drip_head", [False, True], ids=["body", "status-and-headers"])
def test_a_dripping_server_cannot_outlive_the_deadline(
    server: ScriptedServer, drip_head: bool
) -> None:
    # 200 bytes at one every 0.5 s would take 100 s; each read sees a byte well within
    # the 2 s timeout, so only the overall deadline ends it.
    body = json.dumps(PAYLOAD).encode()[:200]
    reply = Reply(200, body, drip=0.5, drip_head=drip_head)
    started = time.monotonic()
    err = fetch_error(server, reply, timeout=2.0, deadline=3.0)
    elapsed = time.monotonic() - started
    assert type(err) is FetchError
    assert "within the deadline of 3 s" in str(err)
    assert elapsed < 3.0 + SLACK
    assert_no_secret(error_texts(err))


def test_the_default_deadline_ends_a_dripping_server(server: ScriptedServer) -> None:
    body = json.dumps(PAYLOAD).encode()
    started = time.monotonic()
    err = fetch_error(server, Reply(200, body, drip=0.4), timeout=1.0)
    assert type(err) is FetchError
    assert "within the deadline of 2 s" in str(err)  # twice the timeout
    assert time.monotonic() - started < 2.0 + SLACK


def test_a_retry_whose_wait_would_pass_the_deadline_is_not_made(server: ScriptedServer) -> None:
    err = fetch_error(server, Reply(503, headers=(("Retry-After", "30"),)), deadline=2.0)
    assert type(err) is FetchError
    assert err.status == 503
    assert len(server.received) == 1
    err = fetch_error(server, Reply(429), backoff=30.0, deadline=2.0)
    assert isinstance(err, RateLimitError)
    assert len(server.received) == 2  # the first retry waits 0 s; the second would wait 60 s


def test_the_deadline_does_not_touch_a_fast_fetch(server: ScriptedServer) -> None:
    with make_client(server, deadline=0.5) as client:
        for _ in range(3):  # the kept-alive connection survives each fetch's deadline
            assert client.fetch_json() == PAYLOAD
        time.sleep(0.6)  # past the first fetch's deadline: its timer must not fire late
        assert client.fetch_json() == PAYLOAD


# --- over TLS --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ScriptedServer, str]]:
    """The scripted server over HTTPS with a throw-away certificate, and that certificate."""
    made = make_certificate(tmp_path_factory.mktemp("tls"))
    if made is None:
        pytest.skip("openssl is not available to make a test certificate")
    cert, key = made
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    with ScriptedServer(tls=context) as srv:
        yield srv, str(cert)


def tls_client(tls_server: tuple[ScriptedServer, str], **options: Any) -> SSIClient:
    server, cert = tls_server
    session = requests.Session()
    session.verify = cert
    session.trust_env = False  # else REQUESTS_CA_BUNDLE, when set, overrides session.verify
    return SSIClient(LI_AT, JSESSIONID_STORED, session=session, base_url=server.url, **options)


def test_fetch_over_tls(tls_server: tuple[ScriptedServer, str]) -> None:
    server, _ = tls_server
    server.script(Reply.json(PAYLOAD))
    with tls_client(tls_server) as client:
        assert client.url.startswith("https://127.0.0.1:")
        assert client.fetch_json() == PAYLOAD
    assert server.received[0].headers["csrf-token"] == JSESSIONID_BARE


def test_a_dripping_tls_server_cannot_outlive_the_deadline(
    tls_server: tuple[ScriptedServer, str],
) -> None:
    server, _ = tls_server
    # Each byte comes in a TLS record of its own, so every read gets data within the timeout.
    server.script(Reply(200, json.dumps(PAYLOAD).encode()[:200], drip=0.5))
    started = time.monotonic()
    client = tls_client(tls_server, timeout=2.0, deadline=3.0)
    with client, pytest.raises(FetchError, match="within the deadline of 3 s") as info:
        client.fetch_json()
    assert time.monotonic() - started < 3.0 + SLACK
    assert_no_secret(error_texts(info.value))


def test_an_untrusted_certificate_is_a_fetch_error(tls_server: tuple[ScriptedServer, str]) -> None:
    server, _ = tls_server
    client = SSIClient(LI_AT, JSESSIONID_STORED, base_url=server.url)
    with client, pytest.raises(FetchError, match="TLS handshake or certificate failed") as info:
        client.fetch_json()
    assert_no_secret(error_texts(info.value))


def test_a_client_works_again_after_the_deadline_ended_a_fetch(server: ScriptedServer) -> None:
    with make_client(server, timeout=1.0, deadline=1.0) as client:
        server.script(Reply(200, json.dumps(PAYLOAD).encode(), drip=0.3))
        with pytest.raises(FetchError, match="deadline"):
            client.fetch_json()
        server.script(Reply.json(PAYLOAD))
        assert client.fetch_json() == PAYLOAD


def test_the_deadline_holds_through_an_http_proxy(server: ScriptedServer) -> None:
    # The scripted server plays the proxy: it answers the absolute-form request itself, so
    # the made-up host is never looked up.
    session = requests.Session()
    session.trust_env = False
    session.proxies = {"http": server.url}
    client = SSIClient(
        LI_AT,
        JSESSIONID_STORED,
        session=session,
        base_url="http://linkedin.invalid",
        timeout=2.0,
        deadline=3.0,
    )
    server.script(Reply.json(PAYLOAD))
    assert client.fetch_json() == PAYLOAD
    assert server.paths() == ["http://linkedin.invalid" + SSI_PATH]
    server.script(Reply(200, json.dumps(PAYLOAD).encode()[:200], drip=0.5))
    started = time.monotonic()
    with pytest.raises(FetchError, match="within the deadline of 3 s") as info:
        client.fetch_json()
    assert time.monotonic() - started < 3.0 + SLACK
    assert_no_secret(error_texts(info.value))
    session.close()
