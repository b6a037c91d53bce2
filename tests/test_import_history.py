"""import_history's rules: idempotence, dry runs, the newer-capture rule, sources, errors."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

import ssi_index
from import_helpers import HISTORY
from ssi_index import ImportReport, Score, Snapshot
from ssi_index.storage import SnapshotStore

BOT = HISTORY / "linkedin-bot-csv" / "ssi_history.csv"
TRACKER = HISTORY / "ssi-tracker" / "ssi.json"
OWN = HISTORY / "ssi-index" / "export.csv"
FIXTURES_JSON = HISTORY.parent / "json" / "api-2026.json"


@pytest.fixture(params=["memory", "sqlite", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SnapshotStore]:
    if request.param == "postgres":
        backend: SnapshotStore = request.getfixturevalue("postgres_store")
        yield backend
        return
    opened = (
        ssi_index.MemoryStore()
        if request.param == "memory"
        else ssi_index.SQLiteStore(tmp_path / "h.db")
    )
    yield opened
    opened.close()


def _without_source(report: ImportReport) -> ImportReport:
    return attrs.evolve(report, dry_run=False)


def test_importing_twice_changes_nothing(store: SnapshotStore) -> None:
    first = ssi_index.import_history(BOT, store, "me")
    before = store.history("me")
    second = ssi_index.import_history(BOT, store, "me")
    assert first.added > 300
    assert (second.added, second.replaced, second.unchanged) == (0, 0, first.added)
    assert second.refused == first.refused  # the same rows, for the same reasons
    assert store.history("me") == before


def test_dry_run_gives_the_same_report_and_writes_nothing(store: SnapshotStore) -> None:
    dry = ssi_index.import_history(TRACKER, store, "me", dry_run=True)
    assert dry.dry_run
    assert store.history("me") == []
    real = ssi_index.import_history(TRACKER, store, "me")
    assert _without_source(dry) == real
    again_dry = ssi_index.import_history(TRACKER, store, "me", dry_run=True)
    assert again_dry.unchanged == real.added
    assert again_dry.added == 0


def test_a_newer_capture_in_the_store_wins(store: SnapshotStore) -> None:
    day = dt.date(2025, 12, 3)
    later = Snapshot(
        profile="me",
        day=day,
        score=Score.from_pillars([20, 20, 20, 20]),
        captured_at=dt.datetime(2025, 12, 3, 23, 0, tzinfo=dt.UTC),
        source="api",
    )
    store.put(later)
    report = ssi_index.import_history(TRACKER, store, "me")
    assert store.get("me", day) == later
    assert any(r.reason == "the store holds a newer capture of 2025-12-03" for r in report.refused)


def test_an_older_capture_in_the_store_is_replaced(store: SnapshotStore) -> None:
    day = dt.date(2025, 12, 3)
    store.put(
        Snapshot(
            profile="me",
            day=day,
            score=Score.from_pillars([20, 20, 20, 20]),
            captured_at=dt.datetime(2025, 12, 3, 1, 0, tzinfo=dt.UTC),
        )
    )
    report = ssi_index.import_history(TRACKER, store, "me")
    assert report.replaced == 1
    stored = store.get("me", day)
    assert stored is not None
    assert stored.source == "ssi-tracker"


def test_a_list_of_files_and_folders(tmp_path: Path) -> None:
    store = ssi_index.MemoryStore()
    report = ssi_index.import_history(
        [HISTORY / "ssi-analyzer" / "one.json", HISTORY / "ssi-data" / "data"], store, "me"
    )
    assert report.format == "ssi-analyzer, ssi-data"
    # Both hold 2025-12-01: the ssi-data reading has a capture time, so it wins.
    assert report.added == 13
    [refusal] = report.refused
    assert refusal.where.endswith("one.json, item 1")
    assert refusal.reason == "another row of this day has a capture time and wins"
    assert len(report.skipped) == 2
    assert str(HISTORY / "ssi-data" / "data") in report.source


def test_progress_is_reported_per_file() -> None:
    calls: list[tuple[int, int]] = []
    ssi_index.import_history(
        HISTORY / "ssi-data" / "data",
        ssi_index.MemoryStore(),
        "me",
        progress=lambda done, total: calls.append((done, total)),
    )
    assert calls == [(i, 13) for i in range(1, 14)]


def test_unknown_file_is_refused_listing_the_formats(tmp_path: Path) -> None:
    path = tmp_path / "notes.csv"
    path.write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    with pytest.raises(ssi_index.UnknownFormatError) as info:
        ssi_index.import_history(path, ssi_index.MemoryStore(), "me")
    assert info.value.available == ssi_index.import_formats()
    assert "known formats: files, linkedin-bot-csv" in str(info.value)
    assert isinstance(info.value, ssi_index.ParseError)


def test_unknown_format_name_lists_the_formats() -> None:
    with pytest.raises(ssi_index.UnknownFormatError, match="found 'socialedgy'; known formats: "):
        ssi_index.import_history(BOT, ssi_index.MemoryStore(), "me", format="socialedgy")


def test_wrong_named_format_says_what_it_expected() -> None:
    with pytest.raises(ssi_index.ParseError, match="expected the columns profile, day"):
        ssi_index.import_history(BOT, ssi_index.MemoryStore(), "me", format="ssi-index-csv")


def test_missing_path_and_fifo_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ssi_index.ParseError, match="found nothing"):
        ssi_index.import_history(tmp_path / "nope.csv", ssi_index.MemoryStore(), "me")
    if hasattr(os, "mkfifo"):
        fifo = tmp_path / "pipe"
        os.mkfifo(fifo)
        with pytest.raises(ssi_index.ParseError, match="found a FIFO"):
            ssi_index.import_history(fifo, ssi_index.MemoryStore(), "me")


def test_a_broken_file_in_a_folder_is_skipped_but_named_it_fails(tmp_path: Path) -> None:
    shutil.copy(HISTORY / "ssi-analyzer" / "one.json", tmp_path / "good.json")
    (tmp_path / "broken.csv").write_bytes(BOT.read_bytes()[:300] + b"\xff\xfe,\n")
    (tmp_path / "sub").mkdir()
    report = ssi_index.import_history(tmp_path, ssi_index.MemoryStore(), "me")
    assert report.added >= 1
    reasons = {Path(s.where).name: s.reason for s in report.skipped}
    assert set(reasons) == {"broken.csv", "sub"}
    assert "UTF-8" in reasons["broken.csv"]
    with pytest.raises(ssi_index.ParseError, match="expected UTF-8"):
        ssi_index.import_history(tmp_path / "broken.csv", ssi_index.MemoryStore(), "me")


def test_a_failed_file_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "broken.csv").write_bytes(BOT.read_bytes()[:300] + b"\xff\xfe,\n")
    store = ssi_index.MemoryStore()
    with pytest.raises(ssi_index.ParseError):
        ssi_index.import_history(
            [HISTORY / "ssi-analyzer" / "one.json", tmp_path / "broken.csv"], store, "me"
        )
    assert store.profiles() == []


def test_a_huge_cell_is_refused_not_read_into_memory(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    header = BOT.read_text("utf-8").splitlines()[0]
    path.write_text(header + "\n2026-01-01," + "9" * 300_000 + "\n", encoding="utf-8")
    with pytest.raises(ssi_index.ParseError, match="expected CSV"):
        ssi_index.import_history(path, ssi_index.MemoryStore(), "me")


def test_bad_numbers_are_refused_with_the_column(tmp_path: Path) -> None:
    lines = BOT.read_text("utf-8").splitlines()[:3]
    cells = lines[1].split(",")
    cells[4] = "abc"  # Brand
    lines[1] = ",".join(cells)
    path = tmp_path / "bad.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = ssi_index.import_history(path, ssi_index.MemoryStore(), "me")
    assert report.added == 1
    [refusal] = report.refused
    assert refusal.reason == "Brand: expected a number, found 'abc'"
    assert refusal.where == f"{path}, line 2"


def test_bom_and_crlf_are_read(tmp_path: Path) -> None:
    text = BOT.read_text("utf-8")
    path = tmp_path / "windows.csv"
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    plain = ssi_index.import_history(BOT, ssi_index.MemoryStore(), "me")
    windows = ssi_index.import_history(path, ssi_index.MemoryStore(), "me")
    assert (windows.added, len(windows.refused)) == (plain.added, len(plain.refused))


def test_blank_profile_is_refused() -> None:
    with pytest.raises(ssi_index.StorageError, match="profile"):
        ssi_index.import_history(BOT, ssi_index.MemoryStore(), " ")


def test_third_party_importer_through_entry_points(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "ssi_plugin_demo.py"
    package.write_text(
        textwrap.dedent(
            """
            import datetime as dt
            from ssi_index import Score, Snapshot
            from ssi_index.importers import Candidate

            class Lines:
                name = "demo-lines"
                description = "one 'YYYY-MM-DD a b c d' line per day"

                def detect(self, file):
                    return file.first_line().startswith("#demo")

                def read(self, file):
                    for n, line in enumerate(file.data().decode().splitlines()[1:], 2):
                        day, *pillars = line.split()
                        yield Candidate(
                            where=file.where("line", n),
                            snapshot=Snapshot(
                                profile=file.profile,
                                day=dt.date.fromisoformat(day),
                                score=Score.from_pillars([float(p) for p in pillars]),
                                source="demo",
                            ),
                        )
            """
        ),
        encoding="utf-8",
    )
    info = tmp_path / "ssi_plugin_demo-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: ssi-plugin-demo\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(
        "[ssi_index.importers]\ndemo-lines = ssi_plugin_demo:Lines\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    assert "demo-lines" in ssi_index.import_formats()
    data = tmp_path / "mine.txt"
    data.write_text("#demo\n2026-01-01 10 10 10 10\n2026-01-02 11 10 10 10\n", encoding="utf-8")
    store = ssi_index.MemoryStore()
    report = ssi_index.import_history(data, store, "me")
    assert (report.format, report.added) == ("demo-lines", 2)
    assert [s.score.overall for s in store.history("me")] == [40.0, 41.0]
    sys.modules.pop("ssi_plugin_demo", None)


@pytest.mark.parametrize("locale", ["he", "ru"])
def test_reasons_and_notes_in_the_users_language(locale: str, tmp_path: Path) -> None:
    from ssi_index._i18n import message, plural

    english = ssi_index.import_history(BOT, ssi_index.MemoryStore(), "me")
    local = ssi_index.import_history(BOT, ssi_index.MemoryStore(), "me", locale=locale)
    assert [r.where for r in local.refused] == [r.where for r in english.refused]
    assert {r.reason for r in local.refused} == {message(locale, "importing.row.all_zero")}
    shutil.copy(FIXTURES_JSON, tmp_path / "a.json")
    (tmp_path / "b.txt").write_text("nothing here", encoding="utf-8")
    report = ssi_index.import_history(tmp_path, ssi_index.MemoryStore(), "me", locale=locale)
    assert report.skipped[0].reason == message(locale, "importing.skip.unknown")
    assert report.notes[0] == plural(locale, "importing.note.mtime", 1, names="a.json")
    assert report.notes[1].startswith(message(locale, "importing.note.known", formats=""))


def test_an_unknown_locale_is_refused() -> None:
    with pytest.raises(ssi_index.UnknownLocaleError):
        ssi_index.import_history(BOT, ssi_index.MemoryStore(), "me", locale="de")


def test_unreadable_json_in_a_folder_is_skipped_with_the_reason(tmp_path: Path) -> None:
    (tmp_path / "cut.json").write_text('[{"date": "2026-01-01", "establish_brand": 1', "utf-8")
    (tmp_path / "big.json").write_bytes(b"[" + b" " * (10 * 1024 * 1024) + b"]")
    report = ssi_index.import_history(tmp_path, ssi_index.MemoryStore(), "me")
    reasons = {Path(s.where).name: s.reason for s in report.skipped}
    assert reasons["cut.json"].startswith("expected JSON, found an error at line 1, column ")
    assert reasons["big.json"].startswith("expected at most 10,485,760 bytes")


def test_snapshots_with_a_wrapped_payload(tmp_path: Path) -> None:
    import json

    answer = json.loads(FIXTURES_JSON.read_text("utf-8"))
    snapshot = {"object": "LinkedinRawData", "data": answer, "date": "2026-02-01"}
    snapshot["ts"] = "2026-02-01T09:00:00+01:00"
    path = tmp_path / "ssi_history.json"
    path.write_text(json.dumps({"snapshots": [snapshot]}), encoding="utf-8")
    store = ssi_index.MemoryStore()
    report = ssi_index.import_history(path, store, "me")
    assert (report.format, report.added) == ("ssi-snapshots", 1)
    [snap] = store.history("me")
    assert snap.captured_at == dt.datetime(2026, 2, 1, 8, 0, tzinfo=dt.UTC)
    assert snap.score == ssi_index.parse_json(answer)


def test_a_csv_over_the_whole_file_cap_is_streamed(tmp_path: Path) -> None:
    # JSON and pages are read whole (10 MiB cap); CSVs are streamed, so size is no limit.
    lines = BOT.read_text("utf-8").splitlines()[:121]
    padding = "x" * 100_000  # a column the importer does not read, under the csv cell limit
    path = tmp_path / "long.csv"
    with path.open("w", encoding="utf-8") as out:
        out.write(lines[0] + ",Padding\n")
        for line in lines[1:]:
            out.write(f"{line},{padding}\n")
    assert path.stat().st_size > 11 * 1024 * 1024
    report = ssi_index.import_history(path, ssi_index.MemoryStore(), "me")
    assert (report.added, report.refused) == (120, ())  # the failed scrapes come later
