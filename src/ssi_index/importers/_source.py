"""What an importer is given: one file, read lazily and at most once.

:class:`SourceFile` hands an importer the file's first bytes (for detection), its
whole content (through :func:`ssi_index._io.read_bounded`), its decoded JSON, or a
stream of CSV rows (for files of any size), and says how to name a row in a
refusal.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, Final

from ssi_index._errors import ParseError
from ssi_index._io import open_regular, read_bounded

__all__ = ["HEAD_BYTES", "SourceFile"]

HEAD_BYTES: Final = 64 * 1024
"""How many leading bytes detection may look at."""
_MISSING: Final = object()


class SourceFile:
    """One file to import, read lazily: its head, its bytes, its JSON or its CSV rows.

    Attributes:
        path: The file.
        name: How reports name it (the path as given).
        profile: The profile its snapshots are stored under.
        locale: The language of the reasons an importer gives (``"en"``, ``"he"``, ``"ru"``).
        tally: Files by a fact the report states once for all of them
            (``"day from the file's modification time"``), shared by all files of one import.
    """

    def __init__(
        self,
        path: Path,
        profile: str,
        *,
        locale: str = "en",
        tally: dict[str, list[str]] | None = None,
    ) -> None:
        self.path = path
        self.name = os.fsdecode(path)
        self.profile = profile
        self.locale = locale
        self.tally: dict[str, list[str]] = {} if tally is None else tally
        self._head: bytes | None = None
        self._data: bytes | None = None
        self._json: object = _MISSING
        self.json_error: str | None = None

    def head(self) -> bytes:
        """The first :data:`HEAD_BYTES` bytes (fewer for a short file).

        Raises:
            ParseError: the file is missing, unreadable or not a regular file.
        """
        if self._head is None:
            if self._data is not None:
                self._head = self._data[:HEAD_BYTES]
            else:
                with open_regular(self.path) as file:
                    try:
                        self._head = file.read(HEAD_BYTES)
                    except OSError as err:
                        raise ParseError(
                            f"expected a readable file at {self.name!r}, found: {err.strerror}",
                            path=self.name,
                            key="io.unreadable",
                            params={"name": self.name, "reason": err},
                        ) from err
        return self._head

    def data(self) -> bytes:
        """The whole file, read through :func:`~ssi_index._io.read_bounded` (10 MiB cap).

        Raises:
            ParseError: the file is unreadable, not a regular file, or larger than the cap.
        """
        if self._data is None:
            self._data = read_bounded(self.path)
        return self._data

    def first_line(self) -> str:
        """The first line of the file as text (a UTF-8 BOM dropped), for header detection."""
        head = self.head()
        end = head.find(b"\n")
        line = head if end < 0 else head[:end]
        return line.decode("utf-8-sig", errors="replace").rstrip("\r")

    def looks_like_json(self) -> bool:
        """Whether the first character (after a BOM and blanks) is ``{`` or ``[``."""
        head = self.head()[:4096]
        if head.startswith(codecs.BOM_UTF8):
            head = head[len(codecs.BOM_UTF8) :]
        return head.lstrip()[:1] in (b"{", b"[")

    def json(self) -> object:
        """The decoded JSON, or ``None`` when the file is not JSON (:attr:`json_error` says why).

        Cached: detection and reading share one decoding.
        """
        if self._json is _MISSING:
            self._json = None
            if self.looks_like_json():
                try:
                    text = self.data().decode("utf-8-sig")
                    self._json = json.loads(text)
                except ParseError as err:
                    self.json_error = str(err)
                except json.JSONDecodeError as err:
                    self.json_error = (
                        f"expected JSON, found an error at line {err.lineno}, "
                        f"column {err.colno}: {err.msg}"
                    )
                except UnicodeError:
                    self.json_error = "expected UTF-8 JSON, found bytes that are not UTF-8"
                except (ValueError, RecursionError) as err:
                    self.json_error = f"expected JSON, found {type(err).__name__}"
        return self._json

    def where(self, what: str, number: int) -> str:
        """Name a row for a refusal: ``"ssi_history.csv, line 14"``. Never the row's content."""
        return f"{self.name}, {what} {number}"

    def csv_rows(self, delimiter: str = ",") -> Iterator[tuple[int, list[str]]]:
        """Stream ``(line number, cells)`` for every row, the header included.

        UTF-8 with or without a BOM; memory stays bounded whatever the file's size
        (one row at a time; a cell over the csv module's 128 KiB limit is refused).

        Raises:
            ParseError: the file is unreadable, not UTF-8, or not CSV.
        """
        head = self.head()
        # A file shorter than the head is already in memory (detection read it): no reopening.
        binary: BinaryIO = io.BytesIO(head) if len(head) < HEAD_BYTES else open_regular(self.path)
        text = io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")
        try:
            reader = csv.reader(text, delimiter=delimiter, strict=False)
            for cells in reader:
                yield reader.line_num, cells
        except UnicodeError as err:
            raise ParseError(
                f"expected UTF-8 text in {self.name!r}, found bytes that are not "
                f"({type(err).__name__})",
                path=self.name,
                key="import.not_utf8",
                params={"file": self.name},
            ) from err
        except csv.Error as err:
            raise ParseError(
                f"expected CSV in {self.name!r}, found: {err}",
                path=self.name,
                key="import.bad_csv",
                params={"file": self.name, "reason": str(err)},
            ) from err
        except OSError as err:
            raise ParseError(
                f"expected a readable file at {self.name!r}, found: {err.strerror}",
                path=self.name,
                key="io.unreadable",
                params={"name": self.name, "reason": err},
            ) from err
        finally:
            text.close()
