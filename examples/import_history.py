"""Bring score history kept by other tools into ssi-index, then round-trip it through an export.

Run from the repository root: ``python examples/import_history.py``. Reads the bundled
samples in ``examples/data/history/`` (made-up numbers in three other tools' formats:
linkedin-bot's ``ssi_history.csv`` with its failed all-zero scrapes, a SocialEdge
``chrome.storage`` dump, and a folder of linkedin-ssi-data's daily CSVs) into a SQLite
store in a temporary folder, deleted at the end.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import ssi_index

DATA = Path(__file__).parent / "data" / "history"
SOURCES = [
    DATA / "ssi_history.csv",
    DATA / "socialedge-storage.json",
    DATA / "linkedin-ssi-data",
]


def show(title: str, report: ssi_index.ImportReport) -> None:
    print(f"{title}: {report.format}")
    print(
        f"  added {report.added}, replaced {report.replaced}, unchanged {report.unchanged}, "
        f"refused {len(report.refused)}, skipped {len(report.skipped)}"
    )
    reasons: dict[str, int] = {}
    for refusal in report.refused:
        reasons[refusal.reason] = reasons.get(refusal.reason, 0) + 1
    for reason, count in sorted(reasons.items()):
        print(f"  refused x{count}: {reason}")
    for skip in report.skipped:
        print(f"  skipped {Path(skip.where).name}: {skip.reason}")
    for note in report.notes:
        print(f"  note: {note}")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with ssi_index.SQLiteStore(folder / "ssi.db") as store:
            show("dry run", ssi_index.import_history(SOURCES, store, "me", dry_run=True))
            assert store.history("me") == []  # a dry run writes nothing

            show("import", ssi_index.import_history(SOURCES, store, "me"))
            again = ssi_index.import_history(SOURCES, store, "me")
            print(f"again: {again.added} added, {again.unchanged} unchanged (idempotent)")

            history = store.history("me")
            first, last = history[0], history[-1]
            print(
                f"history: {len(history)} days, {first.day} SSI {first.score.overall:.2f} "
                f"({first.source}) to {last.day} SSI {last.score.overall:.2f} ({last.source})"
            )
            ssi_index.export_csv(history, folder / "ssi.csv")

        # The export holds EXPORT_COLUMNS (not group names or sizes); it reads back exactly.
        with ssi_index.SQLiteStore(folder / "copy.db") as copy:
            report = ssi_index.import_history(folder / "ssi.csv", copy, "me")
            ssi_index.export_csv(copy.history("me"), folder / "again.csv")
        exact = (folder / "again.csv").read_bytes() == (folder / "ssi.csv").read_bytes()
        print(f"export read back: {report.added} days, exported again byte for byte: {exact}")
        assert exact


if __name__ == "__main__":
    main()
