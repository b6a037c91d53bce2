"""``import_history``: read files of any known format, settle each day, compare, write once."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ssi_index._errors import ParseError, StorageError, UnknownFormatError
from ssi_index._importing import ImportReport, Refusal
from ssi_index._model import GroupScore
from ssi_index._snapshot import Snapshot
from ssi_index.storage._common import replaces

from ._registry import detect, find, names, registered
from ._source import SourceFile
from ._types import Candidate, Importer

if TYPE_CHECKING:
    from ssi_index.storage import SnapshotStore

__all__ = ["import_formats", "import_history"]

PathLike = str | os.PathLike[str]
Progress = Callable[[int, int], None]
_NAMED = 5


def _paths(source: PathLike | Sequence[PathLike]) -> list[PathLike]:
    if isinstance(source, str | os.PathLike):
        return [source]
    if isinstance(source, Sequence):
        items = list(source)
        for item in items:
            if not isinstance(item, str | os.PathLike):
                raise ParseError(
                    "source: expected a path or a list of paths, "
                    f"found {type(item).__name__} in the list"
                )
        return items
    raise ParseError(f"source: expected a path or a list of paths, found {type(source).__name__}")


def _plan(
    paths: list[PathLike],
    profile: str,
    chosen: Importer | None,
    found: tuple[Importer, ...],
    tally: dict[str, list[str]],
    locale: str,
) -> tuple[list[tuple[SourceFile, Importer, bool]], list[Refusal], bool]:
    """Decide every file's format before anything is read; folders' other files are skipped."""
    plan: list[tuple[SourceFile, Importer, bool]] = []
    skipped: list[Refusal] = []
    unknown = False
    for given in paths:
        path = Path(given)
        if path.is_dir():
            children = sorted(path.iterdir(), key=lambda p: p.name)
            for child in children:
                name = os.fsdecode(child)
                if child.is_dir():
                    skipped.append(Refusal(where=name, reason=_text(locale, "skip.folder")))
                    continue
                file = SourceFile(child, profile, locale=locale, tally=tally)
                try:
                    importer = chosen if chosen is not None and chosen.detect(file) else None
                    if chosen is None:
                        importer = detect(file, found)
                except ParseError as err:
                    skipped.append(Refusal(where=name, reason=str(err)))
                    continue
                if importer is None:
                    if file.json_error is not None:
                        why = file.json_error  # JSON that could not be read, e.g. too large
                    elif chosen is None:
                        unknown = True
                        why = _text(locale, "skip.unknown")
                    else:
                        why = _text(locale, "skip.not_format", format=chosen.name)
                    skipped.append(Refusal(where=name, reason=why))
                    continue
                plan.append((file, importer, True))
            continue
        if not path.exists():
            name = os.fsdecode(path)
            raise ParseError(
                f"expected a file or a folder at {name!r}, found nothing",
                path=name,
                key="import.nothing_at",
                params={"name": name},
            )
        file = SourceFile(path, profile, locale=locale, tally=tally)
        importer = chosen if chosen is not None else detect(file, found)
        if importer is None:
            why = f" ({file.json_error})" if file.json_error else ""
            raise UnknownFormatError(
                f"expected a history file in a known format at {file.name!r}, "
                f"found none that matches{why}; name one with format=",
                available=names(found),
                path=file.name,
                key="import.no_format",
                params={"file": file.name},
            )
        plan.append((file, importer, False))
    return plan, skipped, unknown


def _text(locale: str, key: str, **fields: object) -> str:
    from ssi_index._i18n import message  # tomllib only when a text is needed

    return message(locale, f"importing.{key}", **fields)


def _names(files: list[str]) -> str:
    """The first few file names of a note (``"a.html, b.json …"``)."""
    shown = ", ".join(Path(f).name for f in files[:_NAMED])
    return shown + (" …" if len(files) > _NAMED else "")


def _why_not(winner: Snapshot, loser: Snapshot, locale: str) -> str:
    if loser == winner:
        return _text(locale, "settle.same")
    if winner.captured_at is not None and loser.captured_at is None:
        return _text(locale, "settle.has_capture")
    if winner.captured_at is not None and loser.captured_at is not None:
        return _text(locale, "settle.later_capture")
    return _text(locale, "settle.later_row")


def _checked(item: object, importer: Importer, profile: str, locale: str) -> Candidate | Refusal:
    """An importer's item, checked: a candidate of *profile*, or a refusal."""
    if isinstance(item, Refusal):
        return item
    if not isinstance(item, Candidate):
        raise ParseError(
            f"importer {importer.name!r}: expected a Candidate or a Refusal, "
            f"found {type(item).__name__}"
        )
    if item.snapshot.profile != profile:
        reason = _text(locale, "row.other_profile", expected=repr(profile))
        return Refusal(where=item.where, reason=reason)
    return item


def _group_within(new: GroupScore, old: GroupScore) -> bool:
    """Whether *new* says nothing about its group that *old* does not say too."""
    return (
        new.kind == old.kind
        and new.rank == old.rank
        and new.average == old.average
        and new.size in (None, old.size)
        and new.name in (None, old.name)
        and new.pillars in (None, old.pillars)
    )


def _tells_less(old: Snapshot, new: Snapshot) -> bool:
    """Whether *new* is *old* seen through a format that keeps fewer fields.

    ssi-index's own CSV export, for one, keeps each comparison group's rank and average
    but not its name or size: importing it over the snapshot it came from (same capture
    time, same numbers) must not replace what the store knows with less.
    """
    if new.captured_at != old.captured_at or new.source not in (None, old.source):
        return False
    mine, theirs = new.score, old.score
    if mine.overall != theirs.overall or mine.pillars != theirs.pillars:
        return False
    if mine.active_seat not in (None, theirs.active_seat) or len(mine.groups) > len(theirs.groups):
        return False
    pool = list(theirs.groups)
    for group in mine.groups:
        match = next((g for g in pool if _group_within(group, g)), None)
        if match is None:
            return False
        pool.remove(match)
    return True


def _settle(
    item: Candidate | Refusal,
    winners: dict[dt.date, Candidate],
    refused: list[Refusal],
    locale: str,
) -> None:
    """Keep *item* if it beats the day's winner so far; the loser becomes a refusal."""
    if isinstance(item, Refusal):
        refused.append(item)
        return
    new = item.snapshot
    current = winners.get(new.day)
    if current is None:
        winners[new.day] = item
    elif replaces(current.snapshot, new):
        refused.append(Refusal(where=current.where, reason=_why_not(new, current.snapshot, locale)))
        winners[new.day] = item
    else:
        refused.append(Refusal(where=item.where, reason=_why_not(current.snapshot, new, locale)))


def import_history(
    source: PathLike | Sequence[PathLike],
    store: SnapshotStore,
    profile: str,
    *,
    format: str | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
    locale: str = "en",
) -> ImportReport:
    """Import score history that another tool (or ssi-index itself) wrote.

    Every file's format is told from its content (or given by *format*); a
    folder's files are each detected, and files in no known format are skipped
    and reported. Rows of one day are settled first (a known capture time wins,
    the newer one; without one the last row of the day wins), then compared
    with the store under the store's own rule (a newer capture wins), and what
    changes is written in one batch. Importing the same files again changes
    nothing.

    Args:
        source: A file, a folder, or a list of files and folders.
        store: Where the snapshots go.
        profile: The profile they are stored under.
        format: A format name from :func:`import_formats` (``"socialedge"``,
            ``"linkedin-bot-csv"`` ...); ``None`` detects each file's format.
        dry_run: Read and compare everything, write nothing; the report is the
            one a real import would give.
        progress: Called as ``progress(done, total)`` after each file, for a
            progress bar.
        locale: The language of the report's reasons and notes (``"en"``,
            ``"he"``, ``"ru"``); messages of errors raised are in English.

    Returns:
        What was (or would be) added, replaced, left unchanged, refused (every
        row not stored, with where it was and why) and skipped.

    Raises:
        UnknownLocaleError: no texts exist for *locale*.
        UnknownFormatError: *format* is no known name, or a file named directly
            (not found in a folder) is in no known format; the message lists them.
        ParseError: a file named directly is missing, unreadable, or not of the
            format named.
        StorageError: the store could not be read or written.

    Example:
        >>> import ssi_index
        >>> store = ssi_index.MemoryStore()
        >>> report = ssi_index.import_history("ssi_history.csv", store, "me")  # doctest: +SKIP
        >>> report.added, len(report.refused)  # doctest: +SKIP
        (364, 2)
    """
    if not isinstance(profile, str) or not profile.strip():
        raise StorageError(
            f"profile: expected a non-empty profile id, found {profile!r}",
            key="store.profile_id.empty",
            params={"found": repr(profile)},
        )
    found = registered()
    chosen = find(format, found) if format is not None else None
    paths = _paths(source)
    tally: dict[str, list[str]] = {}
    from ssi_index._i18n import normalize_locale, plural

    locale = normalize_locale(locale)
    plan, skipped, unknown = _plan(paths, profile, chosen, found, tally, locale)

    refused: list[Refusal] = []
    winners: dict[dt.date, Candidate] = {}
    used: list[str] = []
    for done, (file, importer, in_folder) in enumerate(plan, 1):
        # Settled per file (rows stream; memory holds a day's winner, not every row), then
        # merged: a left fold either way, so the result is the same as one pass over all rows.
        mine: dict[dt.date, Candidate] = {}
        lost: list[Refusal] = []
        try:
            for item in importer.read(file):
                _settle(_checked(item, importer, profile, locale), mine, lost, locale)
        except ParseError as err:
            if not in_folder:
                raise
            skipped.append(Refusal(where=file.name, reason=str(err)))
            continue
        if importer.name not in used:
            used.append(importer.name)
        refused += lost
        for item in mine.values():
            _settle(item, winners, refused, locale)
        if progress is not None:
            progress(done, len(plan))

    added = replaced = unchanged = 0
    writes: list[Snapshot] = []
    if winners:
        days = sorted(winners)
        held = {s.day: s for s in store.history(profile, since=days[0], until=days[-1])}
        for day in days:
            item = winners[day]
            new, old = item.snapshot, held.get(day)
            if old is None:
                added += 1
                writes.append(new)
            elif old == new or _tells_less(old, new):
                unchanged += 1
            elif replaces(old, new):
                replaced += 1
                writes.append(new)
            else:
                refused.append(
                    Refusal(
                        where=item.where,
                        reason=_text(locale, "settle.store_newer", day=day.isoformat()),
                    )
                )
    if writes and not dry_run:
        store.put_many(writes)
    notes = [
        plural(locale, f"importing.note.{key}", len(tally[key]), names=_names(tally[key]))
        for key in sorted(tally)
    ]
    if unknown:
        notes.append(_text(locale, "note.known", formats=", ".join(names(found))))
    return ImportReport(
        source=", ".join(os.fsdecode(p) for p in paths),
        format=", ".join(used) if used else "none",
        added=added,
        replaced=replaced,
        unchanged=unchanged,
        refused=tuple(refused),
        skipped=tuple(skipped),
        dry_run=dry_run,
        notes=tuple(notes),
    )


def import_formats() -> tuple[str, ...]:
    """The names of every format :func:`import_history` reads, sorted (plugins included).

    Example:
        >>> import ssi_index
        >>> "socialedge" in ssi_index.import_formats()
        True
    """
    return names()
