"""Bounded reading: regular files only, never past the cap, clear errors."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from ssi_index import ParseError
from ssi_index._io import read_bounded


def test_reads_a_regular_file_and_a_stream(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(b"x" * 100)
    assert read_bounded(path) == b"x" * 100
    assert read_bounded(io.BytesIO(b"abc"), what="standard input") == b"abc"


def test_refuses_past_the_cap_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(b"1" * 101)
    with pytest.raises(ParseError, match="at most 100 bytes"):
        read_bounded(path, max_bytes=100)
    assert read_bounded(path, max_bytes=101) == b"1" * 101

    class Endless(io.RawIOBase):
        def __init__(self) -> None:
            self.asked: list[int] = []

        def readable(self) -> bool:
            return True

        def read(self, size: int = -1) -> bytes:
            self.asked.append(size)
            return b"\0" * size

    stream = Endless()
    with pytest.raises(ParseError, match="standard input"):
        read_bounded(stream, max_bytes=1000, what="standard input")  # type: ignore[arg-type]
    assert stream.asked == [1001]


def test_refuses_a_fifo_a_device_and_a_folder(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(ParseError, match="FIFO"):
        read_bounded(fifo)
    with pytest.raises(ParseError, match="device"):
        read_bounded("/dev/zero")
    with pytest.raises(ParseError, match="folder"):
        read_bounded(tmp_path)
    with pytest.raises(ParseError, match="readable file"):
        read_bounded(tmp_path / "missing")
