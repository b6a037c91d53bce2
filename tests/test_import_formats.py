"""Every format's fixtures import to exactly the snapshots their generator wrote down."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs
import pytest

import ssi_index
from import_helpers import HISTORY, expected, shape, want

FOLDERS = (
    "socialedge",
    "linkedin-bot-csv",
    "linkedin-bot-sqlite",
    "ssi-data",
    "ssi-booster",
    "ssi-snapshots",
    "ssi-tracker",
    "ssi-analyzer",
    "ssi-index",
)
CASES = [
    pytest.param(folder, name, entry, id=f"{folder}/{name}")
    for folder in FOLDERS
    for name, entry in expected(folder).items()
]


@pytest.mark.parametrize(("folder", "name", "entry"), CASES)
def test_fixture_imports_exactly(folder: str, name: str, entry: dict[str, Any]) -> None:
    store = ssi_index.MemoryStore()
    report = ssi_index.import_history(HISTORY / folder / name, store, "me")
    assert report.format == entry["format"]
    got = [shape(s) for s in store.history("me")]
    assert got == [want(e) for e in entry["snapshots"]]
    assert report.added == len(entry["snapshots"])
    assert (report.replaced, report.unchanged) == (0, 0)
    assert len(report.refused) == entry["refused"]
    assert len(report.skipped) == entry.get("skipped", 0)
    for refusal in report.refused:
        assert refusal.where.startswith(str(HISTORY / folder / name))
        assert refusal.reason


@pytest.mark.parametrize(("folder", "name", "entry"), CASES)
def test_named_format_gives_the_same(folder: str, name: str, entry: dict[str, Any]) -> None:
    detected = ssi_index.import_history(HISTORY / folder / name, ssi_index.MemoryStore(), "me")
    named = ssi_index.import_history(
        HISTORY / folder / name, ssi_index.MemoryStore(), "me", format=entry["format"]
    )
    assert attrs.evolve(named, skipped=(), notes=()) == attrs.evolve(detected, skipped=(), notes=())
    assert [s.where for s in named.skipped] == [s.where for s in detected.skipped]


def test_all_zero_rows_are_refused_as_failed_scrapes() -> None:
    report = ssi_index.import_history(
        HISTORY / "linkedin-bot-csv" / "ssi_history.csv", ssi_index.MemoryStore(), "me"
    )
    reasons = {r.reason for r in report.refused}
    assert reasons == {"all-zero row: a failed scrape, left missing rather than stored as 0"}
    assert all(", line " in r.where for r in report.refused)


def test_missing_pillar_stays_missing_and_is_refused() -> None:
    store = ssi_index.MemoryStore()
    report = ssi_index.import_history(HISTORY / "socialedge" / "storage-dump.json", store, "me")
    assert any("INSIGHT_ENGAGEMENT" in r.reason for r in report.refused)
    # The null network average stays None, never 0.
    assert all(s.score.network is not None for s in store.history("me"))
    assert {s.score.network.average for s in store.history("me") if s.score.network} == {None}


def test_rounded_total_disagreeing_with_pillars_is_refused() -> None:
    report = ssi_index.import_history(
        HISTORY / "linkedin-bot-csv" / "disagrees.csv", ssi_index.MemoryStore(), "me"
    )
    assert report.added == 1
    [refusal] = report.refused
    assert refusal.where.endswith(", line 2")
    assert "overall" in refusal.reason


def test_ssi_data_folder_skips_other_files() -> None:
    report = ssi_index.import_history(HISTORY / "ssi-data" / "data", ssi_index.MemoryStore(), "me")
    skipped = sorted(Path(s.where).name for s in report.skipped)
    assert skipped == ["Campos_SSI.md", "README.txt"]
    assert all("not in any known format" in s.reason for s in report.skipped)
    assert any("known formats: " in note and "ssi-data" in note for note in report.notes)


def test_newest_first_tracker_keeps_the_later_capture() -> None:
    store = ssi_index.MemoryStore()
    report = ssi_index.import_history(HISTORY / "ssi-tracker" / "ssi.json", store, "me")
    later = [r for r in report.refused if "captured later" in r.reason]
    assert later  # the earlier readings of those days
    assert all(s.captured_at is not None and s.captured_at.hour == 8 for s in store.history("me"))


def test_booster_last_entry_of_a_day_wins() -> None:
    store = ssi_index.MemoryStore()
    report = ssi_index.import_history(HISTORY / "ssi-booster" / "ssi_history.json", store, "me")
    assert {r.reason for r in report.refused} == {"a later row of this day wins"}


def test_formats_are_listed() -> None:
    names = ssi_index.import_formats()
    assert names == tuple(sorted(names))
    assert set(names) >= {
        "socialedge",
        "linkedin-bot-csv",
        "linkedin-bot-sqlite",
        "ssi-data",
        "ssi-booster",
        "ssi-snapshots",
        "ssi-tracker",
        "ssi-analyzer",
        "ssi-index-csv",
        "ssi-index-json",
        "files",
    }
