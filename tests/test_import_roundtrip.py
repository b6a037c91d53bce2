"""ssi-index's own CSV and JSON exports read back exactly, and the CSV is safe in a spreadsheet."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ssi_index
from ssi_index import GroupScore, Score, Snapshot
from ssi_index.analytics._export import neutralize, restore
from ssi_index.testing import snapshots


def _exportable(snap: Snapshot) -> Snapshot:
    """What the export columns carry: industry and network rank and average, nothing else."""
    groups = []
    for kind in ("INDUSTRY", "NETWORK"):
        found = snap.score.group(kind)
        if found is not None and (found.rank is not None or found.average is not None):
            groups.append(GroupScore(kind=kind, rank=found.rank, average=found.average))
    score = Score(overall=snap.score.overall, pillars=snap.score.pillars, groups=groups)
    return Snapshot(
        profile=snap.profile,
        day=snap.day,
        score=score,
        captured_at=snap.captured_at,
        source=snap.source,
    )


def _unique_days(snaps: list[Snapshot]) -> list[Snapshot]:
    by_day = {s.day: s for s in snaps}
    return [by_day[d] for d in sorted(by_day)]


history = st.lists(snapshots(profile=st.just("me")).map(_exportable), max_size=8).map(_unique_days)


@given(history)
def test_csv_export_reads_back_exactly(
    tmp_path_factory: pytest.TempPathFactory, snaps: list[Snapshot]
) -> None:
    path = tmp_path_factory.mktemp("csv") / "export.csv"
    ssi_index.export_csv(snaps, path)
    store = ssi_index.MemoryStore()
    report = ssi_index.import_history(path, store, "me")
    assert store.history("me") == snaps
    assert (report.added, report.refused, report.format) == (len(snaps), (), "ssi-index-csv")
    again = path.with_name("again.csv")
    ssi_index.export_csv(store.history("me"), again)
    assert again.read_bytes() == path.read_bytes()


@given(history)
def test_json_export_reads_back_exactly(
    tmp_path_factory: pytest.TempPathFactory, snaps: list[Snapshot]
) -> None:
    path = tmp_path_factory.mktemp("json") / "export.json"
    ssi_index.export_json(snaps, path)
    store = ssi_index.MemoryStore()
    report = ssi_index.import_history(path, store, "me")
    assert store.history("me") == snaps
    assert (report.added, report.refused, report.format) == (len(snaps), (), "ssi-index-json")


def test_sqlite_store_round_trip_through_the_export(tmp_path: Path) -> None:
    start = dt.date(2026, 1, 1)
    original = [
        Snapshot(
            profile="me",
            day=start + dt.timedelta(days=i),
            score=Score.from_pillars(
                [10 + i / 7, 8.25, 6.5 + i / 100, 14.0],
                groups=[GroupScore(kind="INDUSTRY", rank=12, average=30.1)] if i % 2 else [],
            ),
            captured_at=None
            if i % 3 == 0
            else dt.datetime(2026, 1, 1, 8, tzinfo=dt.UTC) + dt.timedelta(days=i),
            source=["api", None, "=1+1", "page-2026"][i % 4],
        )
        for i in range(30)
    ]
    with ssi_index.SQLiteStore(tmp_path / "a.db") as first:
        first.put_many(original)
        ssi_index.export_csv(first.history("me"), tmp_path / "a.csv")
    with ssi_index.SQLiteStore(tmp_path / "b.db") as second:
        report = ssi_index.import_history(tmp_path / "a.csv", second, "me")
        assert report.added == 30
        assert second.history("me") == original
        ssi_index.export_csv(second.history("me"), tmp_path / "b.csv")
    assert (tmp_path / "b.csv").read_bytes() == (tmp_path / "a.csv").read_bytes()


@given(st.lists(snapshots(profile=st.just("me")), min_size=1, max_size=6).map(_unique_days))
def test_importing_the_csv_export_over_its_own_store_loses_nothing(
    tmp_path_factory: pytest.TempPathFactory, snaps: list[Snapshot]
) -> None:
    """The CSV keeps fewer fields (no group names or sizes, no seat): read back over the
    snapshots it came from, it changes nothing, and the store keeps what it knew."""
    path = tmp_path_factory.mktemp("csv") / "export.csv"
    store = ssi_index.MemoryStore()
    store.put_many(snaps)
    ssi_index.export_csv(store.history("me"), path)
    report = ssi_index.import_history(path, store, "me")
    assert (report.added, report.replaced, report.unchanged) == (0, 0, len(snaps))
    assert report.refused == ()
    assert store.history("me") == snaps


def test_a_csv_row_that_says_something_new_still_replaces(tmp_path: Path) -> None:
    day = dt.date(2026, 3, 2)
    when = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
    full = Snapshot(
        profile="me",
        day=day,
        score=Score.from_pillars(
            [10, 8.25, 6.5, 14],
            groups=[GroupScore(kind="INDUSTRY", rank=12, average=30.1, name="Retail", size=9)],
            active_seat=True,
        ),
        captured_at=when,
        source="api",
    )
    store = ssi_index.MemoryStore()
    store.put(full)
    path = tmp_path / "export.csv"
    ssi_index.export_csv([full], path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",12,30.1,", ",11,30.1,"), encoding="utf-8")  # a new rank
    report = ssi_index.import_history(path, store, "me")
    assert (report.replaced, report.unchanged) == (1, 0)
    stored = store.get("me", day)
    assert stored is not None
    industry = stored.score.group("INDUSTRY")
    assert industry is not None
    assert industry.rank == 11


@pytest.mark.parametrize("cell", ["=SUM(A1)", "+1", "-2", "@cmd", "\tx", "\rx", "'x", ""])
def test_formula_cells_are_neutralised_and_restored(cell: str) -> None:
    assert neutralize(cell).startswith("'")
    assert restore(neutralize(cell)) == cell


@given(st.text())
def test_neutralize_is_undone_by_restore(text: str) -> None:
    assert restore(neutralize(text)) == text
    assert not neutralize(text).startswith(("=", "+", "-", "@", "\t", "\r"))


def _one(source: str | None, profile: str = "me") -> Snapshot:
    return Snapshot(
        profile=profile,
        day=dt.date(2026, 3, 2),
        score=Score.from_pillars([13.4, 10.7, 11.1, 25]),
        source=source,
    )


def test_export_csv_writes_no_live_formula_and_quotes_cr() -> None:
    out = io.StringIO()
    ssi_index.export_csv([_one('=HYPERLINK("http://x")', "@me"), _one("a\rb")], out)
    rows = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert len(rows) == 3  # the lone CR did not split a row
    assert rows[1][0] == "'@me"
    assert rows[1][3] == '\'=HYPERLINK("http://x")'
    assert rows[2][3] == "a\rb"
    for row in rows[1:]:
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row)


def test_export_csv_opt_out_writes_text_as_is() -> None:
    out = io.StringIO()
    ssi_index.export_csv([_one("=1+1")], out, escape_formulas=False)
    rows = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert rows[1][3] == "=1+1"


def test_foreign_profile_rows_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "two.csv"
    ssi_index.export_csv([_one("api", "me"), _one("api", "alice")], path)
    store = ssi_index.MemoryStore()
    report = ssi_index.import_history(path, store, "me")
    assert report.added == 1
    [refusal] = report.refused
    assert refusal.where == f"{path}, line 3"
    assert "another profile" in refusal.reason
    assert store.profiles() == ["me"]
