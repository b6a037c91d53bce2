"""Decoding bytes once and sniffing the kind of input (ssi_index._parse._detect)."""

from __future__ import annotations

import codecs

import pytest

from ssi_index import ParseError
from ssi_index._parse._detect import Kind, decode, decode_window, encoding_of, sniff


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
