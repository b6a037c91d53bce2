"""A folder of saved SSI pages, LinkedIn JSON answers, MHTML and HAR files (``files``).

Each file is read with :func:`ssi_index.parse` and becomes one snapshot. Its day
and capture time come from the capture date the file holds where it has one (a
HAR's ``startedDateTime`` of the SSI request, an MHTML's ``Date:`` header), else
from the file's modification time; the report says how many files took which.
"""

from __future__ import annotations

import datetime as dt
import email.parser
import email.utils
import os
from collections.abc import Iterable, Mapping
from typing import Final

from ssi_index._errors import ParseError, Phrase, SSIError
from ssi_index._importing import Refusal
from ssi_index._parse import parse
from ssi_index._parse._detect import Kind, sniff

from ._common import snapshot
from ._source import SourceFile
from ._types import Candidate
from ._values import RowError, check_not_zero, time_of

__all__ = ["FROM_CAPTURE", "FROM_MTIME", "IMPORTER"]

FROM_CAPTURE: Final = "capture"
"""The :attr:`SourceFile.tally` key of files dated by the capture date inside them."""
FROM_MTIME: Final = "mtime"
"""The :attr:`SourceFile.tally` key of files dated by their modification time."""
_API_PATH: Final = "/sales-api/salesApiSsi"


def _kind(file: SourceFile) -> str | None:
    """``"har"``, ``"json"``, ``"mhtml"``, ``"page"`` or ``None`` for anything else."""
    if file.looks_like_json():
        data = file.json()
        if isinstance(data, Mapping):
            log = data.get("log")
            if isinstance(log, Mapping) and isinstance(log.get("entries"), list):
                return "har"
            if "memberScore" in data or isinstance(data.get("data"), Mapping):
                return "json"
        return None
    head = file.head()[:4096]
    if head.lstrip().startswith((b"From:", b"MIME-Version:", b"Snapshot-Content-Location:")) and (
        b"multipart/related" in head.lower()
    ):
        return "mhtml"
    if sniff(head.decode("utf-8", errors="replace")) is Kind.HTML:
        return "page"
    return None


def _har_time(data: object) -> dt.datetime | None:
    """The ``startedDateTime`` of the HAR's SSI request (else its first entry)."""
    log = data.get("log") if isinstance(data, Mapping) else None
    found = log.get("entries") if isinstance(log, Mapping) else None
    if not isinstance(found, list):
        return None
    entries = [e for e in found if isinstance(e, Mapping)]
    api = [
        e
        for e in entries
        if isinstance(e.get("request"), Mapping) and _API_PATH in str(e["request"].get("url", ""))
    ]
    for entry in api or entries[:1]:
        try:
            return time_of(entry.get("startedDateTime"), "startedDateTime")
        except RowError:
            return None
    return None


def _mhtml_time(head: bytes) -> dt.datetime | None:
    """The ``Date:`` header of an MHTML archive, as an aware UTC time."""
    end = head.find(b"\r\n\r\n")
    if end < 0:
        end = head.find(b"\n\n")
    headers = email.parser.BytesHeaderParser().parsebytes(head[: end if end >= 0 else len(head)])
    value = headers.get("Date")
    if not value:
        return None
    try:
        parsed = email.utils.parsedate_to_datetime(str(value))
    except (TypeError, ValueError):
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)  # RFC 5322 "-0000": UTC, zone unknown
    return parsed.astimezone(dt.UTC)


def _captured(file: SourceFile, kind: str) -> dt.datetime:
    """The capture time inside the file, else its modification time; noted in the tally."""
    captured: dt.datetime | None = None
    if kind == "har":
        captured = _har_time(file.json())
    elif kind == "mhtml":
        captured = _mhtml_time(file.head())
    if captured is not None:
        file.tally.setdefault(FROM_CAPTURE, []).append(file.name)
        return captured
    try:
        mtime = os.stat(file.path).st_mtime
    except OSError as err:
        raise RowError("unreadable", detail=err.strerror or type(err).__name__) from err
    file.tally.setdefault(FROM_MTIME, []).append(file.name)
    return dt.datetime.fromtimestamp(mtime, dt.UTC)


class _Files:
    name = "files"
    description = "saved SSI pages (HTML, MHTML), LinkedIn's SSI JSON and HAR files"

    def detect(self, file: SourceFile) -> bool:
        try:
            return _kind(file) is not None
        except ParseError:
            return False

    def read(self, file: SourceFile) -> Iterable[Candidate | Refusal]:
        kind = _kind(file)
        if kind is None:
            raise ParseError(
                f"expected a saved SSI page, LinkedIn's SSI JSON or a HAR file at "
                f"{file.name!r}, found {file.json_error or 'another kind of file'}",
                path=file.name,
                key="import.not_ssi_file",
                params={
                    "file": file.name,
                    "found": file.json_error or Phrase("import.another_kind"),
                },
            )
        try:
            score = check_not_zero(parse(file.data()))
            captured = _captured(file, kind)
            found = snapshot(file, (captured.date(), score, captured, kind))
        except RowError as err:
            return [Refusal(where=file.name, reason=err.reason(file.locale))]
        except SSIError as err:
            return [Refusal(where=file.name, reason=str(err))]
        return [Candidate(where=file.name, snapshot=found)]


IMPORTER: Final = _Files()
