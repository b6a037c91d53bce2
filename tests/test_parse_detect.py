"""Decoding bytes once and sniffing the kind of input (ssi_index._parse._detect)."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ssi_index import ParseError, parse, parse_html
from ssi_index._parse import _detect
from ssi_index._parse._detect import Kind, decode, decode_window, encoding_of, is_utf8, sniff

_PIECES = st.sampled_from(
    [
        *(b"a", b"<", b"\xc3\xa9", b"\xe2\x82\xac", b"\xf0\x9f\x98\x80", b"\x80", b"\xbf"),
        *(b"\xc3", b"\xe2\x82", b"\xf0\x9f", b"\xff", b"\xed\xa0\x80", b"\xc0\xaf"),
        b"\xf4\x90\x80\x80",
    ]
)


def _valid(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@settings(max_examples=400)
@given(st.lists(_PIECES, max_size=60), st.integers(1, 9), st.integers(0, 2))
def test_is_utf8_agrees_with_decoding_whatever_the_chunk_size(
    pieces: list[bytes], chunk: int, start: int
) -> None:
    data = b"".join(pieces)
    saved = _detect._UTF8_CHUNK
    _detect._UTF8_CHUNK = chunk  # type: ignore[misc]
    try:
        assert is_utf8(data, start) is _valid(data[start:])
    finally:
        _detect._UTF8_CHUNK = saved  # type: ignore[misc]


@pytest.mark.parametrize("where", [0, 16_383, 16_384, 16_385, 40_000, -1])
def test_a_bad_byte_anywhere_in_a_long_page_is_a_parse_error(where: int) -> None:
    page = bytearray(("<html><body>" + "x\U0001f600 é " * 12_000 + "</body></html>").encode())
    page[where] = 0xFF
    for read in (parse, parse_html):
        with pytest.raises(ParseError, match="UTF-8"):
            read(bytes(page))


@pytest.mark.parametrize(
    ("data", "name", "start"),
    [
        (codecs.BOM_UTF8 + b"<html>", "utf-8", 3),
        (codecs.BOM_UTF16_LE + "<html>".encode("utf-16-le"), "utf-16-le", 2),
        (codecs.BOM_UTF16_BE + "<html>".encode("utf-16-be"), "utf-16-be", 2),
        (codecs.BOM_UTF32_LE + "<html>".encode("utf-32-le"), "utf-32-le", 4),
        (b'<html><meta charset="windows-1251">', "cp1251", 0),
        (
            b"<meta http-equiv='Content-Type' content='text/html; charset=ISO-8859-1'>",
            "cp1252",
            0,
        ),
        (b'<meta charset="no-such-codec">', "utf-8", 0),
        (b'<meta charset="hex">', "utf-8", 0),
        (b'<meta charset="utf-16">', "utf-8", 0),
        (b"<html>", "utf-8", 0),
    ],
)
def test_encoding_of(data: bytes, name: str, start: int) -> None:
    encoding = encoding_of(data)
    assert (encoding.name, encoding.start) == (name, start)


def test_charset_declared_after_2kb_is_ignored() -> None:
    data = b"<html>" + b" " * 3000 + b'<meta charset="windows-1251">'
    assert encoding_of(data).name == "utf-8"


def test_decode_uses_the_declared_charset() -> None:
    text = '<meta charset="windows-1251"><p>Рейтинг SSI</p>'
    assert decode(text.encode("cp1251")) == text
    assert decode(codecs.BOM_UTF8 + "ü".encode()) == "ü"


def test_decode_failure_is_a_parse_error_naming_the_encoding() -> None:
    with pytest.raises(ParseError, match=r"UTF-8 \(the default\).*at byte 3") as info:
        decode(b"abc\xff")
    assert isinstance(info.value.__cause__, UnicodeDecodeError)


def test_decode_window_avoids_cutting_utf8_sequences() -> None:
    data = "ab€cd".encode()
    encoding = encoding_of(data)
    assert decode_window(data, 3, 7, encoding) == "cd"
    assert decode_window(data, 0, 3, encoding) == "ab"
    assert decode_window(b"\xff\xfe", 0, 2, encoding) is None


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("", Kind.EMPTY),
        (" \n\ufeff", Kind.EMPTY),
        ('  {"a": 1}', Kind.JSON),
        ("[1]", Kind.JSON),
        ("<!DOCTYPE html>", Kind.HTML),
        ("saved from url\n<html>", Kind.HTML),
        ("CSRF check failed.", Kind.TEXT),
    ],
)
def test_sniff(text: str, kind: Kind) -> None:
    assert sniff(text) is kind
