"""The import report as terminal lines in the user's language (``ssi-index activity import``)."""

from __future__ import annotations

from ssi_index._importing import ImportReport

from ._text import message

__all__ = ["import_summary"]


def import_summary(report: ImportReport, locale: str = "en") -> str:
    """Describe *report*: the counts, then notes, skipped files, refused rows and the privacy note.

    Example:
        >>> from ssi_index import ImportReport
        >>> print(import_summary(ImportReport(source="x.zip", format="linkedin-export", added=3)))
        x.zip: 3 new, 0 replaced, 0 unchanged day counts; 0 rows refused, 0 files skipped.
    """
    lines = [
        message(
            locale,
            "activity.import.summary",
            source=report.source,
            added=report.added,
            replaced=report.replaced,
            unchanged=report.unchanged,
            refused=len(report.refused),
            skipped=len(report.skipped),
        )
    ]
    lines += [f"  {note}" for note in report.notes]
    lines += [f"  {item.where}: {item.reason}" for item in report.skipped]
    lines += [f"  {item.where}: {item.reason}" for item in report.refused]
    if report.privacy_note:
        lines.append(report.privacy_note)
    return "\n".join(lines)
