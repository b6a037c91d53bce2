"""Reading one export CSV into per-day counts of one or two kinds of activity.

Each file the importer reads has a :class:`Spec`: the column that holds the date
(matched by name, case-insensitively, wherever the header row is), the file's
date style, and how a row becomes a kind. Rows are streamed; only counts per
``(day, kind)`` are kept, never a cell's text. Messages need one more step, to
tell the owner's messages from the others' (:func:`read_messages`).
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
from collections.abc import Iterator, Mapping
from typing import Final

import attrs

from ssi_index._activity import ActivityKind

from ._archive import Entry
from ._dates import DateStyle, DayParser, parser_for

__all__ = ["GIVEN", "SPECS", "FileResult", "Spec", "Unreadable", "read_entry"]

_HEADER_SEARCH: Final = 60  # rows looked at for the header (Connections has a 3-line preamble)
_LISTED_REFUSALS: Final = 20  # refused rows named per file; the rest are counted
_OWNER_SAMPLE: Final = 5_000  # message rows used to find the archive's owner


class Unreadable(Exception):  # noqa: N818 - internal signal, never escapes the importer
    """The whole file cannot be used; *key* names the reason message."""

    def __init__(self, key: str, **fields: object) -> None:
        super().__init__(key)
        self.key = key
        self.fields = fields


@attrs.frozen(kw_only=True)
class Spec:
    r"""How to count one export file.

    Attributes:
        date: The date column's name, lower case.
        style: The file's date style.
        kind: The kind every row counts as, unless *by* decides.
        by: A column whose value picks the kind (``Direction``: OUTGOING/INCOMING).
        keep: A column and the values (lower case, ``""`` for blank) a row must
            have to count; other rows are left out, not refused.
        blank_date_means: A reason to leave out, rather than refuse, rows without
            a date (Learning: a course not completed).
        escapechar: The file's escape character (Comments escapes quotes with ``\``).
    """

    date: str
    style: DateStyle
    kind: ActivityKind | None = None
    by: tuple[str, Mapping[str, ActivityKind]] | None = None
    keep: tuple[str, frozenset[str]] | None = None
    blank_date_means: str | None = None
    escapechar: str | None = None


K = ActivityKind
SPECS: Final[Mapping[str, Spec]] = {
    "connections": Spec(date="connected on", style="dmy", kind=K.CONNECTION_ADDED),
    "invitations": Spec(
        date="sent at",
        style="us",
        by=("direction", {"outgoing": K.INVITATION_SENT, "incoming": K.INVITATION_RECEIVED}),
    ),
    "shares": Spec(date="date", style="iso", kind=K.POST),
    "instantreposts": Spec(date="date", style="iso", kind=K.REPOST),
    "comments": Spec(date="date", style="iso", kind=K.COMMENT, escapechar="\\"),
    "reactions": Spec(date="date", style="iso", kind=K.REACTION),
    "votes": Spec(date="date", style="iso", kind=K.POLL_VOTE),
    "searchqueries": Spec(date="time", style="iso", kind=K.SEARCH),
    "endorsementreceivedinfo": Spec(
        date="endorsement date",
        style="iso",
        kind=K.ENDORSEMENT_RECEIVED,
        keep=("endorsement status", frozenset({"", "accepted"})),
    ),
    "recommendationsreceived": Spec(
        date="creation date",
        style="us",
        kind=K.RECOMMENDATION_RECEIVED,
        keep=("status", frozenset({"", "visible"})),
    ),
    "companyfollows": Spec(date="followed on", style="java", kind=K.COMPANY_FOLLOWED),
    "memberfollows": Spec(date="date", style="iso", kind=K.MEMBER_FOLLOWED),
    "learning": Spec(
        date="content completed at (if completed)",
        style="iso",
        kind=K.COURSE_COMPLETED,
        blank_date_means="not_completed",
    ),
}
"""The files counted, by stem (see :func:`~ssi_index.activity._archive.stem_of`)."""

GIVEN: Final = frozenset({"endorsementgiveninfo", "recommendationsgiven"})
"""Files of things given to others: recognised, and not counted."""

_MESSAGE_COLUMNS: Final = ("date", "from", "sender profile url", "to", "recipient profile urls")


@attrs.define
class FileResult:
    """What one file gave: counts, refused rows, and rows left out on purpose."""

    counts: dict[tuple[dt.date, ActivityKind], int] = attrs.Factory(dict)
    rows: int = 0
    refused: list[tuple[int, str]] = attrs.Factory(list)  # (row number, reason key)
    more_refused: int = 0
    left_out: dict[str, int] = attrs.Factory(dict)  # reason key -> rows

    def refuse(self, row: int, key: str) -> None:
        """Note a refused row (by number only, never its content)."""
        if len(self.refused) < _LISTED_REFUSALS:
            self.refused.append((row, key))
        else:
            self.more_refused += 1

    def leave_out(self, key: str) -> None:
        """Count a row left out on purpose (a draft, a course not completed ...)."""
        self.left_out[key] = self.left_out.get(key, 0) + 1


def _norm(cell: str) -> str:
    return cell.strip().strip('"').strip().lstrip("\ufeff").lower()


@contextlib.contextmanager
def _reader(entry: Entry, escapechar: str | None) -> Iterator[Iterator[list[str]]]:
    """The file's rows; a CSV that breaks off raises :class:`Unreadable`."""
    with entry.opener() as raw:
        # utf-8-sig drops a BOM; bad bytes become U+FFFD (only dates and a few codes are used).
        text = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline="")
        reader = csv.reader(text, escapechar=escapechar, strict=False)
        try:
            yield reader
        except csv.Error as err:
            raise Unreadable("reason.csv", row=reader.line_num) from err


def _header(rows: Iterator[list[str]], wanted: str) -> tuple[dict[str, int], int]:
    """Find the header row (the first with *wanted* among its cells); return its columns."""
    for number, row in enumerate(rows, start=1):
        names = [_norm(c) for c in row]
        if wanted in names:
            return {name: i for i, name in reversed(list(enumerate(names)))}, number
        if number >= _HEADER_SEARCH:
            break
    raise Unreadable("reason.no_header", column=wanted)


_MISS: Final = dt.date.min  # "not in the cache" (a cached None means "not a date")
_EARLIEST: Final = dt.date(2002, 12, 1)  # LinkedIn opened in May 2003


def _latest() -> dt.date:
    """The last believable day of an export: tomorrow, UTC (a day's slack for time zones)."""
    return dt.datetime.now(dt.UTC).date() + dt.timedelta(days=1)


class _Tally:
    """Counts per kind and day, kept as plain dicts (enum keys hash slowly)."""

    def __init__(self) -> None:
        self.by_kind: dict[ActivityKind, dict[dt.date, int]] = {}

    def bucket(self, kind: ActivityKind) -> dict[dt.date, int]:
        found = self.by_kind.get(kind)
        if found is None:
            found = self.by_kind[kind] = {}
        return found

    def into(self, result: FileResult) -> None:
        for kind, days in self.by_kind.items():
            for day, n in days.items():
                result.counts[(day, kind)] = result.counts.get((day, kind), 0) + n


def read_entry(entry: Entry, spec: Spec) -> FileResult:
    """Count one file by its :class:`Spec`.

    Raises:
        Unreadable: no header with the date column, or the CSV breaks off.
    """
    result = FileResult()
    tally = _Tally()
    with _reader(entry, spec.escapechar) as rows:
        columns, number = _header(rows, spec.date)
        date_at = columns[spec.date]
        parse: DayParser = parser_for(spec.style)
        cache_get, prefix = parse.cache.get, parse.prefix
        by_at = columns.get(spec.by[0], -1) if spec.by else -1
        by_map = spec.by[1] if spec.by else {}
        keep_at, keep_values = (
            (columns.get(spec.keep[0], -1), spec.keep[1]) if spec.keep else (-1, None)
        )
        if spec.by and by_at < 0:
            raise Unreadable("reason.no_column", column=spec.by[0])
        fixed = tally.bucket(spec.kind) if spec.kind is not None else None
        buckets = {value: tally.bucket(kind) for value, kind in by_map.items()}
        count_rows = 0
        latest = _latest()
        for row in rows:
            number += 1
            if len(row) <= date_at:
                if any(c.strip() for c in row):  # blank and comma-only lines are skipped
                    result.refuse(number, "reason.short_row")
                continue
            count_rows += 1
            if keep_at >= 0 and keep_values is not None:
                value = row[keep_at].strip().lower() if keep_at < len(row) else ""
                if value not in keep_values:
                    result.leave_out("left_out.status")
                    continue
            cell = row[date_at]
            day = cache_get(cell[:prefix], _MISS) if prefix else _MISS
            if day is _MISS:
                day = parse(cell)
            if day is None:
                if spec.blank_date_means and cell.strip().upper() in ("", "N/A"):
                    result.leave_out(f"left_out.{spec.blank_date_means}")
                else:
                    result.refuse(number, "reason.bad_date")
                continue
            if not _EARLIEST <= day <= latest:
                result.refuse(number, "reason.out_of_range")
                continue
            if fixed is not None:
                fixed[day] = fixed.get(day, 0) + 1
                continue
            bucket = buckets.get(row[by_at].strip().lower()) if by_at < len(row) else None
            if bucket is None:
                result.refuse(number, "reason.bad_direction")
                continue
            bucket[day] = bucket.get(day, 0) + 1
    result.rows = count_rows
    tally.into(result)
    return result


def _person(url_cell: str, name_cell: str) -> str:
    """A participant's identity for telling who wrote: the /in/ slug, else the name."""
    text = url_cell.strip().lower()
    at = text.find("/in/")
    if at >= 0:
        slug = text[at + 4 :].split("/", 1)[0].split("?", 1)[0]
        if slug:
            return "in:" + slug
    return "name:" + name_cell.strip().lower()


def _recipients(urls_cell: str, names_cell: str) -> set[str]:
    found = set()
    for part in urls_cell.replace(";", ",").replace(" ", ",").split(","):
        if "/in/" in part.lower():
            found.add(_person(part, ""))
    if not found:
        found = {"name:" + n.strip().lower() for n in names_cell.split(",") if n.strip()}
    return found


def read_messages(entry: Entry) -> FileResult:
    """Count messages sent and received by day; drafts are left out.

    The owner of the archive is the participant found in (almost) every message,
    as sender or recipient; the first rows (up to a few thousand, kept as
    ``(day, sender)`` pairs only) decide it, so memory stays bounded however long
    the file is.

    Raises:
        Unreadable: no header, the owner cannot be told, or the CSV breaks off.
    """
    result = FileResult()
    tally = _Tally()
    sent, received = (
        tally.bucket(ActivityKind.MESSAGE_SENT),
        tally.bucket(ActivityKind.MESSAGE_RECEIVED),
    )
    with _reader(entry, None) as rows:
        columns, number = _header(rows, "date")
        missing = [c for c in _MESSAGE_COLUMNS if c not in columns]
        if missing:
            raise Unreadable("reason.no_column", column=missing[0].upper())
        date_at = columns["date"]
        from_at, sender_at = columns["from"], columns["sender profile url"]
        to_at, urls_at = columns["to"], columns["recipient profile urls"]
        draft_a = columns.get("is message draft", -1)
        draft_b = columns.get("is conversation draft", -1)
        need = max(date_at, from_at, sender_at, to_at, urls_at)
        parse = parser_for("iso")
        cache_get = parse.cache.get
        people: dict[tuple[str, str], str] = {}  # (url cell, name cell) -> identity, bounded
        seen: dict[str, int] = {}
        pending: list[tuple[dt.date, str]] = []
        owner: str | None = None
        latest = _latest()
        for row in rows:
            number += 1
            width = len(row)
            if width <= need:
                if any(c.strip() for c in row):
                    result.refuse(number, "reason.short_row")
                continue
            result.rows += 1
            if (0 <= draft_a < width and row[draft_a][:1] in _YES) or (
                0 <= draft_b < width and row[draft_b][:1] in _YES
            ):
                result.leave_out("left_out.draft")
                continue
            cell = row[date_at]
            day = cache_get(cell[:10], _MISS)
            if day is _MISS:
                day = parse(cell)
            if day is None:
                result.refuse(number, "reason.bad_date")
                continue
            if not _EARLIEST <= day <= latest:
                result.refuse(number, "reason.out_of_range")
                continue
            key = (row[sender_at], row[from_at])
            sender = people.get(key)
            if sender is None:
                sender = _person(*key)
                if len(people) < 50_000:
                    people[key] = sender
            if owner is not None:
                bucket = sent if sender == owner else received
                bucket[day] = bucket.get(day, 0) + 1
                continue
            for person in _recipients(row[urls_at], row[to_at]) | {sender}:
                seen[person] = seen.get(person, 0) + 1
            pending.append((day, sender))
            if len(pending) >= _OWNER_SAMPLE:
                owner = _decide(seen, pending)
                _settle(pending, owner, sent, received)
                pending.clear()
                seen.clear()
    if owner is None and pending:
        _settle(pending, _decide(seen, pending), sent, received)
    tally.into(result)
    return result


_YES: Final = frozenset({"Y", "y", "T", "t"})  # Yes / True


def _decide(seen: dict[str, int], pending: list[tuple[dt.date, str]]) -> str:
    """The owner: in 90 % of the messages or more, and alone at the top."""
    ranked = sorted(seen.items(), key=lambda item: -item[1])
    best, times = ranked[0]
    if times * 10 < len(pending) * 9:
        raise Unreadable("reason.no_owner")
    if len(ranked) > 1 and ranked[1][1] == times:  # one correspondent only: who is who?
        raise Unreadable("reason.no_owner")
    return best


def _settle(
    pending: list[tuple[dt.date, str]],
    owner: str,
    sent: dict[dt.date, int],
    received: dict[dt.date, int],
) -> None:
    for day, sender in pending:
        bucket = sent if sender == owner else received
        bucket[day] = bucket.get(day, 0) + 1
