"""The report every importer returns: what was stored, what was not, and why."""

from __future__ import annotations

import attrs

from ._dicts import DictMixin

__all__ = ["ImportReport", "Refusal"]


@attrs.frozen(kw_only=True)
class Refusal(DictMixin):
    """One row or file that an import did not store, and why.

    Attributes:
        where: Which file and, for a row, which row (``"ssi_history.csv, row 14"``).
            Never the row's content.
        reason: Why it was not stored (``"all-zero row: a failed scrape"``).
    """

    where: str
    reason: str


@attrs.frozen(kw_only=True)
class ImportReport(DictMixin):
    """What an import did (or, in a dry run, would do).

    One report serves every importer: score history (:func:`ssi_index.import_history`)
    and activity archives (:func:`ssi_index.import_linkedin_export`).

    Attributes:
        source: What was imported (a file or folder name).
        format: The format it was read as (``"socialedge"``, ``"linkedin-export"`` ...).
        added: Rows stored that the store did not hold.
        replaced: Rows that replaced an older value for the same key.
        unchanged: Rows the store already held exactly (importing twice changes nothing).
        refused: Rows not stored, each with where it was and why.
        skipped: Files not read (unknown, unreadable or of another kind), each with why.
        dry_run: True when nothing was written.
        notes: Facts the user should know ("the day of 3 files comes from their
            modification time").
        privacy_note: What was kept and what was not, for importers of personal data.
    """

    source: str
    format: str
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    refused: tuple[Refusal, ...] = ()
    skipped: tuple[Refusal, ...] = ()
    dry_run: bool = False
    notes: tuple[str, ...] = ()
    privacy_note: str | None = None

    @property
    def stored(self) -> int:
        """Rows written: ``added + replaced``."""
        return self.added + self.replaced
