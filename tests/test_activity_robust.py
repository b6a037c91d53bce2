"""Hostile input: whatever the files hold, the importer answers a report or an SSIError."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import tempfile
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ssi_index import MemoryStore, SSIError
from ssi_index.activity import import_linkedin_export
from ssi_index.activity._archive import stem_of
from ssi_index.activity._dates import parser_for

_SETTINGS = settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
_NAMES = st.sampled_from(
    [
        "Shares.csv",
        "messages.csv",
        "Connections.csv",
        "Invitations.csv",
        "Learning.csv",
        "Comments_1.csv",
        "Company Follows.csv",
        "Articles/Articles/a.html",
    ]
)


@_SETTINGS
@given(cell=st.text(max_size=40))
def test_every_date_parser_answers_a_day_or_none(cell: str) -> None:
    for style in ("iso", "us", "dmy", "java"):
        day = parser_for(style)(cell)
        assert day is None or isinstance(day, dt.date)


@_SETTINGS
@given(files=st.dictionaries(_NAMES, st.binary(max_size=400), min_size=1, max_size=4))
def test_any_file_content_gives_a_report(tmp_path: Path, files: dict[str, bytes]) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    path = tmp_path / "fuzz.zip"
    path.write_bytes(buffer.getvalue())
    store = MemoryStore()
    report = import_linkedin_export(path, store, "me")
    assert report.added == len(store.activities("me"))
    assert len(report.refused) <= 21 * len(files)


_CELL = st.one_of(
    st.text(st.characters(exclude_characters="\x00\\"), max_size=12),
    st.dates(dt.date(2003, 1, 1), dt.date(2026, 1, 1)).map(lambda d: f"{d} 10:00:00"),
)


@_SETTINGS
@given(rows=st.lists(st.lists(_CELL, min_size=0, max_size=6), max_size=30))
def test_any_rows_under_a_real_header_count_exactly_the_dated_ones(
    tmp_path: Path, rows: list[list[str]]
) -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([["Date", "Link", "Message"], *rows])
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    (folder / "Shares.csv").write_text(out.getvalue(), encoding="utf-8")
    store = MemoryStore()
    import_linkedin_export(folder, store, "me")
    parse = parser_for("iso")
    low, high = dt.date(2002, 12, 1), dt.datetime.now(dt.UTC).date() + dt.timedelta(days=1)
    expected = sum(
        1
        for row in rows
        if row and any(c.strip() for c in row) and low <= (parse(row[0]) or dt.date.min) <= high
    )
    assert sum(a.count for a in store.activities("me")) == expected


@_SETTINGS
@given(data=st.binary(max_size=300))
def test_any_bytes_as_the_archive_are_a_report_or_an_ssierror(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "x.zip"
    path.write_bytes(b"PK\x03\x04" + data)
    with contextlib.suppress(SSIError):  # a damaged ZIP is a ParseError, never anything else
        report = import_linkedin_export(path, MemoryStore(), "me")
        assert report.format == "linkedin-export"


@given(name=st.text(max_size=30))
def test_a_stem_never_fails(name: str) -> None:
    assert isinstance(stem_of(name), str)
