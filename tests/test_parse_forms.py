"""Every form users hold: MHTML, HAR, gzip, UTF-16, copied requests, histories, strings."""

from __future__ import annotations

import base64
import contextlib
import email.parser
import email.policy
import gzip
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ssi_index
from ssi_index import NotAuthenticatedError, ParseError, Score, parse, parse_file, parse_json
from ssi_index._parse import _containers
from ssi_index._parse._containers import MAX_DECOMPRESSED, gunzip

FIXTURES = Path(__file__).resolve().parent / "fixtures"
MANIFEST: dict[str, dict[str, Any]] = {
    entry["file"]: entry
    for entry in [
        *json.loads((FIXTURES / "manifest.json").read_text("utf-8")),
        *json.loads((FIXTURES / "forms.json").read_text("utf-8")),
    ]
}
COOKIE = "AQEDAR-fixture-not-a-real-session-cookie-7f3a9c"
CSRF = "4417280096712736412"


def expected(name: str) -> Score:
    return Score.from_dict(MANIFEST[name]["expect"])


def chain(err: BaseException) -> list[BaseException]:
    """The error and everything chained to it (cause and context)."""
    seen: list[BaseException] = []
    todo: list[BaseException | None] = [err]
    while todo:
        item = todo.pop()
        if item is None or any(item is s for s in seen):
            continue
        seen.append(item)
        todo += [item.__cause__, item.__context__]
    return seen


def assert_no_secret(err: BaseException) -> None:
    for item in chain(err):
        for text in (str(item), repr(item), repr(item.args), repr(vars(item))):
            assert COOKIE not in text
            assert CSRF not in text


def test_mhtml_reads_the_main_page_not_the_iframe() -> None:
    data = (FIXTURES / "mhtml/2026-es.mhtml").read_bytes()
    assert b"=3D" in data  # quoted-printable, as Chrome writes it
    assert parse(data) == expected("mhtml/2026-es.mhtml")
    assert ssi_index.parse_html(data) == expected("mhtml/2026-es.mhtml")
    assert parse(data) == parse((FIXTURES / "singlefile/2026-es.html").read_bytes())


def test_mhtml_without_an_html_part_is_a_parse_error() -> None:
    data = (
        b"From: <Saved by Blink>\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/related; boundary="b"\r\n\r\n--b\r\n'
        b"Content-Type: text/css\r\n\r\n.x{}\r\n--b--\r\n"
    )
    with pytest.raises(ParseError, match="text/html"):
        parse(data)


@pytest.mark.parametrize("name", ["har/salesApiSsi.har", "har/salesApiSsi-text.har"])
def test_har_reads_the_sales_api_entry_only(name: str) -> None:
    data = (FIXTURES / name).read_bytes()
    assert parse(data) == expected(name)
    assert parse_json(data) == expected(name)
    assert parse_file(FIXTURES / name) == expected(name)


def test_har_with_a_csrf_refusal_is_not_authenticated_and_keeps_no_secret() -> None:
    data = (FIXTURES / "har/csrf-failed.har").read_bytes()
    assert COOKIE.encode() in data  # a HAR "with sensitive data"
    with pytest.raises(NotAuthenticatedError, match="CSRF") as info:
        parse(data)
    assert_no_secret(info.value)


def test_har_without_the_entry_says_how_to_record_it() -> None:
    with pytest.raises(ParseError, match="reload") as info:
        parse((FIXTURES / "har/no-api-entry.har").read_bytes())
    assert info.value.path == "$.log.entries"
    assert_no_secret(info.value)


def test_har_with_a_broken_body_names_the_entry() -> None:
    har = json.loads((FIXTURES / "har/salesApiSsi-text.har").read_text("utf-8"))
    har["log"]["entries"][-1]["response"]["content"]["text"] = '{"memberScore": 3}'
    with pytest.raises(ParseError, match=r"\$\.log\.entries\[4\]") as info:
        parse(har)
    assert_no_secret(info.value)


@pytest.mark.parametrize("name", ["json/copy-as-curl.txt", "json/copy-as-fetch.txt"])
def test_a_copied_request_is_refused_without_its_secrets(name: str) -> None:
    data = (FIXTURES / name).read_bytes()
    calls: list[Callable[[], Score]] = [
        lambda: parse(data),
        lambda: parse(data.decode()),
        lambda: parse_json(data),
        lambda: parse_json(data.decode()),
        lambda: parse_file(FIXTURES / name),
    ]
    for call in calls:
        with pytest.raises(ParseError, match="not what LinkedIn answered") as info:
            call()
        assert_no_secret(info.value)


@pytest.mark.parametrize("name", ["json/history-array.json", "json/history.jsonl"])
def test_a_history_points_to_importing_it(name: str) -> None:
    data = (FIXTURES / name).read_bytes()
    for value in (data, data.decode()):
        with pytest.raises(ParseError, match="ssi-index import"):
            parse(value)
        with pytest.raises(ParseError, match="ssi-index import"):
            parse_json(value)


def test_numbers_sent_as_strings_are_read() -> None:
    score = parse((FIXTURES / "json/api-numbers-as-strings.json").read_bytes())
    assert score == expected("json/api-numbers-as-strings.json")
    assert score.industry is not None
    assert isinstance(score.industry.rank, int)


@pytest.mark.parametrize("text", ["13,4", " 13.4", "13.4 ", "NaN", "0x10", "1_0", "+3", ".5"])
def test_strings_that_are_not_json_numbers_stay_refused(text: str) -> None:
    payload = json.loads((FIXTURES / "json/api-2026.json").read_text("utf-8"))
    payload["memberScore"]["subScores"][0]["score"] = text
    with pytest.raises(ParseError, match=r"subScores\[0\]\.score"):
        parse(payload)


def test_gzip_pages_are_read() -> None:
    data = (FIXTURES / "pages/2026-pl.html.gz").read_bytes()
    assert parse(data) == expected("pages/2026-pl.html.gz")
    assert ssi_index.parse_html(data) == expected("pages/2026-pl.html.gz")


def test_gzip_is_undone_once_and_bounded() -> None:
    with pytest.raises(ParseError, match=f"at most {MAX_DECOMPRESSED:,} bytes"):
        parse(gzip.compress(b" " * (MAX_DECOMPRESSED + 1)))
    with pytest.raises(ParseError, match="at most 100 bytes"):
        gunzip(gzip.compress(b"x" * 101), max_bytes=100)
    assert gunzip(gzip.compress(b"x" * 100), max_bytes=100) == b"x" * 100
    with pytest.raises(ParseError, match="cut off"):
        parse(gzip.compress(b"{}" * 100)[:-12])
    with pytest.raises(ParseError):
        parse(b"\x1f\x8bnot gzip at all")
    with pytest.raises(ParseError):  # undone once: gzip inside gzip is not unwrapped again
        parse(gzip.compress(gzip.compress(b'{"memberScore": {}}')))


def test_utf16_pages_with_a_bom_are_read() -> None:
    data = (FIXTURES / "pages/2026-ja-utf16.html").read_bytes()
    assert data.startswith(b"\xff\xfe")
    assert parse(data) == expected("pages/2026-ja-utf16.html")
    assert parse(data.decode("utf-16")) == parse(data)


@pytest.mark.parametrize("label", ["punycode", "undefined", "rot13", "hex", "x-user-defined"])
def test_a_declared_charset_that_is_no_whatwg_label_is_ignored(label: str) -> None:
    page = (FIXTURES / "pages/2026-en.html").read_bytes()
    data = page.replace(b'<meta charset="utf-8">', f'<meta charset="{label}">'.encode(), 1)
    assert parse(data) == expected("pages/2026-en.html")


def test_parse_file_takes_max_bytes(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes((FIXTURES / "pages/2026-en.html").read_bytes())
    with pytest.raises(ParseError, match="at most 1,000 bytes"):
        parse_file(path, max_bytes=1000)
    assert parse_file(path, max_bytes=os.path.getsize(path)) == expected("pages/2026-en.html")
    with pytest.raises(ParseError, match="regular file"):
        parse_file(tmp_path)


def test_har_without_the_api_entry_reads_the_recorded_page() -> None:
    page = (FIXTURES / "pages/2026-en.html").read_text("utf-8")
    har = json.loads((FIXTURES / "har/no-api-entry.har").read_text("utf-8"))
    har["log"]["entries"][0]["response"]["content"]["text"] = page
    assert parse(har) == expected("pages/2026-en.html")
    assert parse(json.dumps(har).encode()) == expected("pages/2026-en.html")


@pytest.mark.parametrize("label", ["punycode", "rot13", "hex", "utf-16", "latin1", "x", ""])
def test_declared_part_charsets_never_escape_as_unicode_errors(label: str) -> None:
    body = base64.b64encode(b'{"memberScore": 1}').decode()
    har = {
        "log": {
            "entries": [
                {
                    "request": {"url": "https://www.linkedin.com/sales-api/salesApiSsi"},
                    "response": {
                        "status": 200,
                        "content": {
                            "mimeType": f"application/json; charset={label}",
                            "encoding": "base64",
                            "text": body,
                        },
                    },
                }
            ]
        }
    }
    with pytest.raises(ParseError):
        parse(har)
    archive = (
        b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n--b\r\n'
        b"Content-Type: text/html; charset=" + label.encode() + b"\r\n\r\n<p>x\xff\r\n--b--\r\n"
    )
    with pytest.raises(ParseError):
        parse(archive)


MHTML_HEAD = (
    b'From: <Saved by Blink>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"'
    b"\r\n\r\n--b\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from([MHTML_HEAD, b"\x1f\x8b\x08\x00", b'{"log": {"entries": [', b""]),
    st.binary(max_size=400),
)
def test_broken_containers_give_only_ssi_errors(head: bytes, tail: bytes) -> None:
    for data in (head + tail, gzip.compress(head + tail)):
        with contextlib.suppress(ssi_index.SSIError):
            parse(data)


def _parts_by_split(data: bytes, boundary: bytes) -> list[tuple[list[tuple[str, str]], bytes]]:
    """The text/html parts of a multipart body, split as the first version of the reader did."""
    parser = email.parser.BytesHeaderParser(policy=email.policy.compat32)
    parts = []
    for chunk in data.split(b"--" + boundary)[1:]:
        if chunk.startswith(b"--"):
            break
        chunk = chunk[2:] if chunk.startswith(b"\r\n") else chunk.lstrip(b"\n")
        end = chunk.find(b"\r\n\r\n", 0, 8192)
        gap = 4
        lf = chunk.find(b"\n\n", 0, end if end >= 0 else 8192)
        if end < 0 or 0 <= lf < end:
            end, gap = lf, 2
        if end < 0:
            continue
        head, body = chunk[:end], chunk[end + gap :]
        if body.endswith(b"\r\n"):
            body = body[:-2]
        elif body.endswith(b"\n"):
            body = body[:-1]
        headers = parser.parsebytes(head + b"\r\n\r\n")
        if headers.get_content_type() == "text/html":
            parts.append((headers.items(), body))
    return parts


_MIME_PIECES = st.sampled_from(
    [
        *(b"--B", b"--B--", b"\r\n", b"\n", b"\r", b"-", b"x", b"<p>", b"=3D", b": "),
        *(b"Content-Type: text/html", b"Content-Type: TEXT/HTML; charset=utf-8"),
        *(b"Content-Type: image/png", b"content-type: text/html-x", b"Content-Location: u"),
        *(b"Content-Type:\r\n text/html", b"\r\n\r\n", b"\n\n", b"text/(c)html"),
    ]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_MIME_PIECES, max_size=40))
def test_mhtml_parts_are_split_as_bytes_split_splits_them(pieces: list[bytes]) -> None:
    data = b"".join(pieces)
    found = [
        (headers.items(), bytes(body))
        for headers, body in _containers._parts(data, b"B")
        if headers.get_content_type() == "text/html"  # as mhtml_page() keeps them
    ]
    assert found == _parts_by_split(data, b"B")
