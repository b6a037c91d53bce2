"""Reading a file or a stream the user names, safely: regular files only, size capped.

A FIFO, a device (``/dev/zero``), a socket or a folder given where a file is
expected is refused before it is opened for reading, so nothing blocks or reads
without end; no more than ``max_bytes + 1`` bytes are ever read.
"""

from __future__ import annotations

import os
import stat
from typing import BinaryIO, Final

from ._errors import ParseError, Phrase

__all__ = ["MAX_INPUT_BYTES", "open_regular", "read_bounded"]

MAX_INPUT_BYTES: Final = 10 * 1024 * 1024
"""The default cap on a page or JSON read from a file or standard input: 10 MiB.

A saved SSI page is about 300 KB; a single-file save with inlined images a few MB.
"""


def _too_large(name: str, max_bytes: int, *, quoted: str | None = None) -> ParseError:
    """*name* is how English shows the input; *quoted* the file's own name, for a file."""
    return ParseError(
        f"expected at most {max_bytes:,} bytes in {name}, found more; "
        "raise the limit (max_bytes=...) if this really is an SSI page",
        path=name,
        key="io.too_large_file" if quoted is not None else "io.too_large",
        params={
            "name": quoted if quoted is not None else name,
            "limit": Phrase("io.bytes", max_bytes),
        },
    )


def _name(source: str | os.PathLike[str]) -> str:
    try:
        return os.fsdecode(source)
    except (TypeError, UnicodeError) as err:  # pragma: no cover - defensive
        raise ParseError(
            f"expected a file path, found {source!r}",
            key="io.not_a_path",
            params={"found": repr(source)},
        ) from err


def _unreadable(name: str, err: BaseException) -> ParseError:
    reason = getattr(err, "strerror", None) or type(err).__name__
    return ParseError(
        f"expected a readable file at {name!r}, found: {reason}",
        path=name,
        key="io.unreadable",
        params={"name": name, "reason": err if isinstance(err, OSError) else reason},
    )


def open_regular(source: str | os.PathLike[str]) -> BinaryIO:
    """Open a regular file for reading in binary mode, refusing anything else.

    For files read in a stream (a large CSV) rather than whole; the caller closes it.
    A FIFO, a device, a socket or a folder is refused before it is opened, and
    checked again after (should the path be swapped in between).

    Raises:
        ParseError: the path is missing, unreadable or not a regular file.
    """
    name = _name(source)
    try:
        info = os.stat(source)
        if not stat.S_ISREG(info.st_mode):
            kind, phrase = (
                ("a folder", "folder")
                if stat.S_ISDIR(info.st_mode)
                else ("a FIFO", "fifo")
                if stat.S_ISFIFO(info.st_mode)
                else ("a device or socket", "device")
            )
            raise ParseError(
                f"expected a regular file at {name!r}, found {kind}",
                path=name,
                key="io.not_regular",
                params={"name": name, "kind": Phrase(f"io.kind.{phrase}")},
            )
        # O_NONBLOCK: should the path be swapped for a FIFO after stat(), open() must not hang.
        fd = os.open(
            source, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        )
        file = os.fdopen(fd, "rb")
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            file.close()
            raise ParseError(
                f"expected a regular file at {name!r}, found another kind",
                key="io.not_regular",
                params={"name": name, "kind": Phrase("io.kind.other")},
            )
    except ParseError:
        raise
    except (OSError, ValueError) as err:
        raise _unreadable(name, err) from err
    return file


def read_bounded(
    source: str | os.PathLike[str] | BinaryIO, *, max_bytes: int = MAX_INPUT_BYTES, what: str = ""
) -> bytes:
    """Read all of a regular file or a binary stream, refusing more than ``max_bytes``.

    Args:
        source: A path, or an open binary stream (``sys.stdin.buffer``).
        max_bytes: The most bytes accepted; one byte more is a refusal.
        what: How to name a stream in messages (``"standard input"``).

    Raises:
        ParseError: the path is missing, unreadable, not a regular file, or the
            content is larger than ``max_bytes`` (refused before reading past the cap).
    """
    if max_bytes < 0:
        raise ParseError(
            f"max_bytes: expected 0 or more, found {max_bytes}",
            key="io.bad_limit",
            params={"found": str(max_bytes)},
        )
    if not isinstance(source, str | os.PathLike):
        name = what or "the stream"
        data = source.read(max_bytes + 1)
        if len(data) > max_bytes:
            if what is None:
                raise ParseError(
                    f"expected at most {max_bytes:,} bytes in {name}, found more; "
                    "raise the limit (max_bytes=...) if this really is an SSI page",
                    path=name,
                    key="io.too_large_stream",
                    params={"limit": Phrase("io.bytes", max_bytes)},
                )
            raise _too_large(name, max_bytes)
        return bytes(data)
    name = _name(source)
    with open_regular(source) as file:
        if os.fstat(file.fileno()).st_size > max_bytes:
            raise _too_large(repr(name), max_bytes, quoted=name)
        try:
            data = file.read(max_bytes + 1)
        except OSError as err:
            raise _unreadable(name, err) from err
    if len(data) > max_bytes:
        raise _too_large(repr(name), max_bytes, quoted=name)
    return data
