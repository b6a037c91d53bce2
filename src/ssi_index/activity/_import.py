"""``import_linkedin_export``: a LinkedIn data export into per-day activity counts.

Only counts per ``(day, kind)`` reach the store, under the source
``"linkedin-export"``. Importing an archive again changes nothing; a later
archive replaces the count of each day and kind it holds and leaves the other
days alone, so archives extend each other.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, Final

from ssi_index._activity import Activity, ActivityKind
from ssi_index._errors import InvalidScoreError, ParseError
from ssi_index._importing import ImportReport, Refusal
from ssi_index._io import read_bounded

from ._archive import Archive, Entry, open_archive
from ._readers import GIVEN, SPECS, FileResult, Unreadable, read_entry, read_messages
from ._text import message, normalize_locale

if TYPE_CHECKING:
    from ssi_index.storage import SnapshotStore

__all__ = ["EXPORT_SOURCE", "import_linkedin_export"]

EXPORT_SOURCE: Final = "linkedin-export"
"""The ``source`` of every activity the importer stores."""

_ARTICLE_BYTES: Final = 10 * 1024 * 1024


def _article_day(entry: Entry) -> dt.date | None:
    """The published (else created) day of an exported article, or ``None``."""
    from ._dates import parser_for

    with entry.opener() as raw:
        data = read_bounded(raw, max_bytes=_ARTICLE_BYTES, what=entry.basename)  # type: ignore[arg-type]
    text = data.decode("utf-8", errors="replace")
    parse = parser_for("iso")
    for marker in ('class="published"', 'class="created"'):
        at = text.find(marker)
        if at < 0:
            continue
        end = text.find("</p>", at)
        body = text[at : end if end > at else at + 200]
        on = body.find(" on ")
        if on >= 0:
            day = parse(body[on + 4 :].strip())
            if day is not None:
                return day
    return None


def _is_article(entry: Entry) -> bool:
    parts = entry.path.lower().split("/")
    return entry.basename.lower().endswith(".html") and "articles" in parts[:-1]


class _Collector:
    """Counts from every file, refusals and notes, in the user's language."""

    def __init__(self, locale: str) -> None:
        self.locale = locale
        self.counts: dict[tuple[dt.date, ActivityKind], int] = {}
        self.refused: list[Refusal] = []
        self.skipped: list[Refusal] = []
        self.notes: list[str] = []
        self.others = 0
        self.articles = 0

    def text(self, key: str, **fields: object) -> str:
        return message(self.locale, f"activity.{key}", **fields)

    def skip(self, entry: Entry, key: str, **fields: object) -> None:
        # An article's file name is its title: name it by number, not by title.
        where = f"Articles #{self.articles}" if _is_article(entry) else entry.path
        self.skipped.append(Refusal(where=where, reason=self.text(key, **fields)))

    def add(self, entry: Entry, result: FileResult) -> None:
        for key, n in result.counts.items():
            self.counts[key] = self.counts.get(key, 0) + n
        for row, reason in result.refused:
            self.refused.append(
                Refusal(
                    where=self.text("import.where_row", file=entry.path, row=row),
                    reason=self.text(reason),
                )
            )
        if result.more_refused:
            self.refused.append(
                Refusal(
                    where=entry.path,
                    reason=self.text("import.more_rows", file=entry.path, n=result.more_refused),
                )
            )
        for reason, n in sorted(result.left_out.items()):
            self.notes.append(self.text(reason, file=entry.path, n=n))


def _read(archive: Archive, into: _Collector) -> None:
    seen: dict[str, str] = {}
    for entry in archive.entries:
        stem = entry.stem
        counted = stem in SPECS or stem == "messages"
        if not counted and not _is_article(entry):
            if stem in GIVEN:
                into.skip(entry, "reason.given")
            elif entry.basename.lower().endswith(".csv"):
                into.others += 1
            continue
        first = seen.get(entry.basename.lower())
        if first is not None:
            into.skip(entry, "reason.duplicate", file=first)
            continue
        seen[entry.basename.lower()] = entry.path
        if _is_article(entry):
            into.articles += 1
        try:
            if _is_article(entry):
                day = _article_day(entry)
                if day is None:
                    into.skip(entry, "reason.no_article_date")
                    continue
                result = FileResult(counts={(day, ActivityKind.ARTICLE): 1}, rows=1)
            elif stem == "messages":
                result = read_messages(entry)
            else:
                result = read_entry(entry, SPECS[stem])
        except Unreadable as err:
            into.skip(entry, err.key, **err.fields)
            continue
        except (OSError, ParseError, EOFError) as err:
            into.skip(entry, "reason.unreadable", error=type(err).__name__)
            continue
        into.add(entry, result)


def _check_profile(profile: object) -> str:
    if not isinstance(profile, str) or not profile.strip():
        raise InvalidScoreError(f"profile: expected a non-empty profile id, found {profile!r}")
    return profile


def _compare(
    store: SnapshotStore, profile: str, activities: list[Activity]
) -> tuple[int, int, int, list[Activity]]:
    """Count added, replaced and unchanged rows against the store; return the rows to write."""
    if not activities:
        return 0, 0, 0, []
    low = min(a.day for a in activities)
    high = max(a.day for a in activities)
    stored = {
        (a.day, a.kind): a.count
        for a in store.activities(profile, since=low, until=high)
        if a.source == EXPORT_SOURCE
    }
    added = replaced = unchanged = 0
    changed = []
    for activity in activities:
        old = stored.get((activity.day, activity.kind))
        if old is None:
            added += 1
        elif old == activity.count:
            unchanged += 1
            continue
        else:
            replaced += 1
        changed.append(activity)
    return added, replaced, unchanged, changed


def import_linkedin_export(
    path: str | os.PathLike[str],
    store: SnapshotStore,
    profile: str,
    *,
    locale: str = "en",
    dry_run: bool = False,
) -> ImportReport:
    """Import a LinkedIn "Get a copy of your data" archive as per-day activity counts.

    Reads the Basic or Complete ZIP (also saved as ``.zip.zip``, renamed, or a ZIP
    inside a ZIP) or the folder it was extracted to: files at the root or under a
    dated folder, member-id and split-part suffixes (``Shares_7789716.csv``,
    ``Job Applications_1.csv``), space and underscore spellings, the Connections
    preamble, backslash-escaped quotes in Comments, quoted headers, each file's own
    date format, older and newer column sets (columns are found by name). Rows are
    streamed; memory does not grow with the number of rows.

    **Only counts per day and kind are stored**: never names, message texts, URLs
    or e-mail addresses (:attr:`~ssi_index.ImportReport.privacy_note` says so).
    A file that cannot be read is listed in ``skipped`` with the reason, a row in
    ``refused`` by its number (never its content), and the rest still imports.
    Drafts, things given to others and courses not completed are not counted.

    Importing the same archive twice changes nothing. For a day and kind it
    holds, a later archive *replaces* the stored count, never adds to it; days
    it does not hold keep their counts.

    Args:
        path: The ZIP or the extracted folder.
        store: Where to keep the counts (any :class:`~ssi_index.storage.SnapshotStore`).
        profile: The profile id the counts belong to.
        locale: The language of the report's reasons and notes (en, he, ru).
        dry_run: Read and report, write nothing.

    Returns:
        What was added, replaced, left unchanged, refused and skipped.

    Raises:
        ParseError: *path* is neither a folder nor a readable ZIP archive.
        InvalidScoreError: *profile* is empty.
        StorageError: the store cannot be read or written.
        UnknownLocaleError: no texts for *locale*.

    Example:
        >>> report = import_linkedin_export("Complete_LinkedInDataExport_09-23-2026.zip",
        ...                                 store, "me")  # doctest: +SKIP
        >>> report.added, report.skipped  # doctest: +SKIP
        (812, ())
    """
    profile = _check_profile(profile)
    lang = normalize_locale(locale)
    collector = _Collector(lang)
    with open_archive(path) as archive:
        _read(archive, collector)
        label = archive.label
    activities = [
        Activity(profile=profile, day=day, kind=kind, count=n, source=EXPORT_SOURCE)
        for (day, kind), n in sorted(
            collector.counts.items(), key=lambda i: (i[0][0], i[0][1].value)
        )
    ]
    added, replaced, unchanged, changed = _compare(store, profile, activities)
    if changed and not dry_run:
        store.put_activities(changed)
    notes = _notes(collector, label, activities, dry_run)
    return ImportReport(
        source=label,
        format=EXPORT_SOURCE,
        added=added,
        replaced=replaced,
        unchanged=unchanged,
        refused=tuple(collector.refused),
        skipped=tuple(collector.skipped),
        dry_run=dry_run,
        notes=tuple(notes),
        privacy_note=collector.text("import.privacy"),
    )


def _notes(
    collector: _Collector, label: str, activities: Iterable[Activity], dry_run: bool
) -> list[str]:
    notes = []
    days = [a.day for a in activities]
    if days:
        notes.append(
            collector.text("import.days", first=min(days).isoformat(), last=max(days).isoformat())
        )
        notes.append(collector.text("import.zones"))
    if label.lower().startswith("basic"):
        notes.append(collector.text("import.basic"))
    notes.extend(collector.notes)
    if collector.others:
        notes.append(collector.text("import.other_files", n=collector.others))
    if dry_run:
        notes.append(collector.text("import.dry_run"))
    return notes
