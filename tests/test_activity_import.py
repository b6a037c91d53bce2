"""import_linkedin_export on archives written here, in every layout FORMATS.md section 1 describes.

The archives come from tests/fixtures/linkedin_export/make_archives.py, which works
out the expected counts while it writes each row, independently of the importer.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import io
import json
import os
import sqlite3
import sys
import tracemalloc
import zipfile
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from ssi_index import Activity, ActivityKind, InvalidScoreError, MemoryStore, ParseError
from ssi_index.activity import (
    EXPORT_SOURCE,
    MANUAL_SOURCE,
    import_linkedin_export,
    import_summary,
    insights,
    log_activity,
    log_message,
)
from ssi_index.storage import SQLiteStore

TOP = "Complete_LinkedInDataExport_09-23-2026"


def load_archives() -> ModuleType:
    """The archive writer in tests/fixtures/linkedin_export (shared with the insights tests)."""
    if "make_archives" in sys.modules:
        return sys.modules["make_archives"]
    path = Path(__file__).parent / "fixtures" / "linkedin_export" / "make_archives.py"
    spec = importlib.util.spec_from_file_location("make_archives", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_archives"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


M = load_archives()


def _counts(store: MemoryStore | SQLiteStore, profile: str = "me") -> Counter[tuple[dt.date, str]]:
    return Counter({(a.day, a.kind.value): a.count for a in store.activities(profile)})


def _variant(name: str, root: Path) -> tuple[Path, object]:
    """Write one layout variant under *root*; return its path and its Files (the truth)."""
    new, old = M.new_layout(), M.old_layout()
    if name == "complete-zip-dated-folder":
        return M.write_zip(new, root / f"{TOP}.zip", top=TOP), new
    if name == "complete-zip-root":
        return M.write_zip(new, root / f"{TOP}.zip"), new
    if name == "zip-zip-name":
        return M.write_zip(new, root / f"{TOP}.zip.zip", top=TOP), new
    if name == "renamed-no-extension":
        return M.write_zip(new, root / "my linkedin data", top=TOP), new
    if name == "zip-in-zip":
        inner = M.write_zip(new, root / f"{TOP}.zip", top=TOP)
        outer = root / "download.zip"
        with zipfile.ZipFile(outer, "w") as zf:
            zf.write(inner, inner.name)
        return outer, new
    if name == "folder-dated":
        return M.write_folder(new, root / "extracted", top=TOP), new
    if name == "folder-root":
        return M.write_folder(new, root / "extracted"), new
    if name == "basic-old-zip":
        return M.write_zip(old, root / "Basic_LinkedInDataExport_10-01-2021.zip"), old
    assert name == "old-folder"
    return M.write_folder(old, root / "old"), old


VARIANTS = [
    "complete-zip-dated-folder",
    "complete-zip-root",
    "zip-zip-name",
    "renamed-no-extension",
    "zip-in-zip",
    "folder-dated",
    "folder-root",
    "basic-old-zip",
    "old-folder",
]


@pytest.mark.parametrize("variant", VARIANTS)
def test_every_layout_gives_the_known_counts(variant: str, tmp_path: Path) -> None:
    path, files = _variant(variant, tmp_path)
    store = MemoryStore()
    report = import_linkedin_export(path, store, "me")
    truth = files.truth  # type: ignore[attr-defined]
    assert _counts(store) == truth
    assert sum(truth.values()) > 500
    assert report.added == len(truth)
    assert (report.replaced, report.unchanged) == (0, 0)
    assert len(report.refused) == files.refused  # type: ignore[attr-defined]
    assert report.format == EXPORT_SOURCE
    assert report.source == path.name
    assert report.privacy_note is not None
    assert "Only counts per day" in report.privacy_note
    assert {a.source for a in store.activities("me")} == {EXPORT_SOURCE}
    kinds = {a.kind for a in store.activities("me")}
    if variant.startswith(("basic", "old")):
        assert ActivityKind.MESSAGE_SENT in kinds
        assert ActivityKind.COMPANY_FOLLOWED in kinds
    else:
        assert kinds == set(ActivityKind)
    if variant == "basic-old-zip":
        assert any("Basic archive" in n for n in report.notes)


def test_messages_are_split_by_who_wrote_them_and_drafts_are_left_out(tmp_path: Path) -> None:
    files = M.new_layout()
    store = MemoryStore()
    report = import_linkedin_export(M.write_folder(files, tmp_path / "x", top=TOP), store, "me")
    by_kind: Counter[ActivityKind] = Counter()
    for a in store.activities("me"):
        by_kind[a.kind] += a.count
    truth: Counter[str] = Counter()
    for (_, kind), n in files.truth.items():
        truth[kind] += n
    assert by_kind[ActivityKind.MESSAGE_SENT] == truth["message_sent"] > 100
    assert by_kind[ActivityKind.MESSAGE_RECEIVED] == truth["message_received"] > 100
    assert any("drafts not counted" in n for n in report.notes)


def test_look_alike_files_are_not_read_as_messages(tmp_path: Path) -> None:
    files = M.Files()
    M.decoys(files, __import__("random").Random(5))
    store = MemoryStore()
    report = import_linkedin_export(M.write_folder(files, tmp_path / "decoys"), store, "me")
    assert store.activities("me") == []
    assert report.added == 0
    reasons = {r.where: r.reason for r in report.skipped}
    assert "things you gave others" in reasons["Endorsement_Given_Info.csv"]
    assert "things you gave others" in reasons["Recommendations_Given.csv"]


def test_importing_twice_changes_nothing(tmp_path: Path) -> None:
    path, files = _variant("complete-zip-dated-folder", tmp_path)
    with SQLiteStore(tmp_path / "ssi.db") as store:
        first = import_linkedin_export(path, store, "me")
        before = store.activities("me")
        again = import_linkedin_export(path, store, "me")
        assert store.activities("me") == before
    assert again.added == again.replaced == 0
    assert again.unchanged == first.added == len(files.truth)  # type: ignore[attr-defined]


def _shares(days: list[str]) -> M.Files:  # type: ignore[name-defined]
    files = M.Files()
    rows = "".join(
        f"{d} 10:00:00,https://www.linkedin.com/feed/update/urn:li:share:{i},t,,,\n"
        for i, d in enumerate(days)
    )
    files.add("Shares.csv", "Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility\n" + rows)
    return files


def test_a_later_archive_replaces_the_days_it_holds_and_keeps_the_others(tmp_path: Path) -> None:
    early = M.write_zip(_shares(["2026-01-05", "2026-01-05", "2026-01-06"]), tmp_path / "a.zip")
    later = M.write_zip(
        _shares(["2026-01-06", "2026-01-06", "2026-01-06", "2026-01-07"]), tmp_path / "b.zip"
    )
    store = MemoryStore()
    import_linkedin_export(early, store, "me")
    report = import_linkedin_export(later, store, "me")
    assert [(a.day.day, a.count) for a in store.activities("me")] == [(5, 2), (6, 3), (7, 1)]
    assert (report.added, report.replaced, report.unchanged) == (1, 1, 0)


def test_manual_counts_are_kept_beside_the_archive(tmp_path: Path) -> None:
    store = MemoryStore()
    log_activity(store, "me", "post", 4, day=dt.date(2026, 1, 6))
    import_linkedin_export(M.write_zip(_shares(["2026-01-06"]), tmp_path / "a.zip"), store, "me")
    assert {(a.source, a.count) for a in store.activities("me")} == {
        (MANUAL_SOURCE, 4),
        (EXPORT_SOURCE, 1),
    }


def test_unreadable_files_are_listed_and_the_rest_imports(tmp_path: Path) -> None:
    files = M.broken()
    store = MemoryStore()
    report = import_linkedin_export(M.write_folder(files, tmp_path / "broken"), store, "me")
    assert _counts(store) == files.truth
    reasons = {r.where: r.reason for r in report.skipped}
    assert set(reasons) == {"Reactions.csv", "messages.csv", "Invitations.csv", "Votes.csv"}
    assert "breaks off" in reasons["Reactions.csv"]
    assert "'date'" in reasons["messages.csv"]
    assert "direction" in reasons["Invitations.csv"]
    text = json.dumps(report.to_dict(), ensure_ascii=False)
    assert "xxxxxxxx" not in text
    assert "No conversations found" not in text


def test_refused_rows_are_named_by_number_never_by_content(tmp_path: Path) -> None:
    path, _ = _variant("folder-root", tmp_path)
    report = import_linkedin_export(path, MemoryStore(), "me")
    assert [r.where for r in report.refused] == ["Shares_7789716.csv, row 6"]
    assert report.refused[0].reason == "no date in the format this file uses"


def test_the_report_speaks_the_users_language(tmp_path: Path) -> None:
    files = M.broken()
    path = M.write_folder(files, tmp_path / "broken")
    he = import_linkedin_export(path, MemoryStore(), "me", locale="he-IL")
    ru = import_linkedin_export(path, MemoryStore(), "me", locale="ru")
    assert he.privacy_note is not None
    assert ru.privacy_note is not None
    assert any("\u0590" <= ch <= "\u05ff" for ch in he.privacy_note)
    assert any("\u0400" <= ch <= "\u04ff" for ch in ru.privacy_note)
    assert all(any("\u0590" <= ch <= "\u05ff" for ch in r.reason) for r in he.skipped)


def test_a_dry_run_writes_nothing(tmp_path: Path) -> None:
    path, files = _variant("old-folder", tmp_path)
    store = MemoryStore()
    report = import_linkedin_export(path, store, "me", dry_run=True)
    assert report.dry_run
    assert report.added == len(files.truth)  # type: ignore[attr-defined]
    assert store.activities("me") == []


@pytest.mark.parametrize(
    ("content", "match"),
    [(b"First Name,Last Name\n", "not one"), (b"PK\x03\x04broken", "damaged")],
)
def test_what_is_not_an_archive_is_refused(tmp_path: Path, content: bytes, match: str) -> None:
    path = tmp_path / "export.zip"
    path.write_bytes(content)
    with pytest.raises(ParseError, match=match):
        import_linkedin_export(path, MemoryStore(), "me")


def test_a_missing_path_or_an_empty_profile_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ParseError, match="found nothing readable"):
        import_linkedin_export(tmp_path / "nope.zip", MemoryStore(), "me")
    with pytest.raises(InvalidScoreError, match="profile"):
        import_linkedin_export(tmp_path, MemoryStore(), " ")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_a_fifo_in_the_folder_is_not_opened(tmp_path: Path) -> None:
    folder = M.write_folder(_shares(["2026-01-06"]), tmp_path / "x")
    os.mkfifo(folder / "Comments.csv")  # opening it for reading would block
    store = MemoryStore()
    import_linkedin_export(folder, store, "me")
    assert [a.kind for a in store.activities("me")] == [ActivityKind.POST]


def _big_messages(path: Path, rows: int) -> None:
    header = (
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
        "DATE,SUBJECT,CONTENT,FOLDER,ATTACHMENTS,IS MESSAGE DRAFT,IS CONVERSATION DRAFT\n"
    )
    me = "https://www.linkedin.com/in/me-owner"
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf,
        zf.open("messages.csv", "w") as raw,
    ):
        out = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        out.write(header)
        base = dt.date(2024, 1, 1)
        for i in range(rows):
            other = f"https://www.linkedin.com/in/person-{i % 997}"
            day = base + dt.timedelta(days=i % 700)
            sender, recipient = (me, other) if i % 2 else (other, me)
            out.write(
                f"2-{i % 5000},,A B,{sender},C D,{recipient},{day} 10:00:00 UTC,,"
                f'"message number {i}, with some text",INBOX,,No,No\n'
            )
        out.flush()
        out.detach()


def test_a_large_archive_streams_in_bounded_memory(tmp_path: Path) -> None:
    small, large = tmp_path / "small.zip", tmp_path / "large.zip"
    _big_messages(small, 5_000)
    _big_messages(large, 80_000)
    peaks = []
    for path in (small, large):
        store = MemoryStore()
        tracemalloc.start()
        report = import_linkedin_export(path, store, "me")
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
        assert sum(a.count for a in store.activities("me")) == (5_000 if path is small else 80_000)
        assert report.skipped == ()
    # 16x the rows, about the same memory: nothing grows with the row count.
    assert peaks[1] < 2 * peaks[0] + 2_000_000


def test_log_activity_sets_or_adds_the_days_count() -> None:
    store = MemoryStore()
    day = dt.date(2026, 11, 30)
    logged = log_activity(store, "me", "comment", 5, day=day)
    assert logged == Activity(profile="me", day=day, kind="comment", count=5, source="manual")
    log_activity(store, "me", ActivityKind.COMMENT, 2, day=day)
    assert [a.count for a in store.activities("me")] == [2]
    log_activity(store, "me", "comment", 3, day=day, add=True)
    assert [a.count for a in store.activities("me")] == [5]
    today = log_activity(store, "me", "search", 1)
    assert today.day == dt.datetime.now(dt.UTC).date()
    assert log_message(logged) == "Logged for me on 2026-11-30: comments, 5."
    with pytest.raises(InvalidScoreError, match="expected one of"):
        log_activity(store, "me", "like", 1)


def test_privacy_nothing_personal_reaches_the_store_or_the_report(tmp_path: Path) -> None:
    """Search the database file and every output for the archive's names, texts and URLs."""
    new, old = M.new_layout(), M.old_layout()
    secrets = new.secrets | old.secrets
    assert len(secrets) > 200
    db = tmp_path / "ssi.db"
    outputs = []
    with SQLiteStore(db) as store:
        for files, name in ((new, "new.zip"), (old, "old.zip")):
            path = M.write_zip(files, tmp_path / name, top=TOP)
            report = import_linkedin_export(path, store, "me")
            outputs.append(json.dumps(report.to_dict(), ensure_ascii=False))
            outputs.append(import_summary(report, "he"))
        rows = [repr(a) for a in store.activities("me")]
        view = insights(store, "me")
        outputs += [view.text(), view.markdown(), view.html()]
    raw = sqlite3.connect(db)
    try:
        dumped = "\n".join(raw.iterdump())
    finally:
        raw.close()
    data = db.read_bytes()
    everything = "\n".join([dumped, *outputs, *rows])
    for secret in secrets:
        assert secret not in everything, secret
        assert secret.encode("utf-8") not in data, secret


def test_control_codes_in_file_names_never_reach_the_report(tmp_path: Path) -> None:
    files = M.Files()
    files.add("Shares.csv", "Date,ShareLink\nnot a date,x\n2026-01-05 10:00:00,y\n")
    path = M.write_zip(files, tmp_path / "evil\x1b[2J.zip", top="\x1b]0;owned\x07\u202eexport")
    store = MemoryStore()
    report = import_linkedin_export(path, store, "me")
    assert [a.count for a in store.activities("me")] == [1]
    text = json.dumps(report.to_dict(), ensure_ascii=False) + import_summary(report)
    for bad in ("\x1b", "\x07", "\u202e"):
        assert bad not in text
    assert report.refused[0].where.endswith("export/Shares.csv, row 2")


def test_dates_before_linkedin_or_in_the_future_are_refused(tmp_path: Path) -> None:
    files = M.Files()
    files.add(
        "Reactions.csv",
        "Date,Type,Link\n1970-01-01 00:00:00,LIKE,x\n2999-01-01 10:00:00,LIKE,y\n"
        "2026-01-05 10:00:00,LIKE,z\n",
    )
    store = MemoryStore()
    report = import_linkedin_export(M.write_folder(files, tmp_path / "x"), store, "me")
    assert [(a.day, a.count) for a in store.activities("me")] == [(dt.date(2026, 1, 5), 1)]
    assert [r.where for r in report.refused] == ["Reactions.csv, row 2", "Reactions.csv, row 3"]
    assert {r.reason for r in report.refused} == {
        "the date is before LinkedIn existed or in the future"
    }
