"""The ``files`` format: a folder of saved pages, JSON answers, MHTML and HAR files.

The HAR and MHTML cases need :func:`ssi_index.parse` to read those containers
(the parser's HAR/MHTML work); until it does they are skipped, saying so.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

import ssi_index
from import_helpers import HISTORY, generator
from ssi_index import Score

FIXTURES = Path(__file__).parent / "fixtures"
MANIFEST: dict[str, Any] = {
    e["file"]: e for e in json.loads((FIXTURES / "manifest.json").read_text("utf-8"))
}
FILES: dict[str, Any] = json.loads((HISTORY / "files" / "expected.json").read_text("utf-8"))
MTIME = dt.datetime(2026, 2, 14, 9, 30, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def containers(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The HAR files and the MHTML page (written by the generator; the MHTML is not committed)."""
    folder = tmp_path_factory.mktemp("containers")
    generator().files(folder)
    return folder


def _parser_reads(path: Path) -> bool:
    try:
        ssi_index.parse_file(path)
    except ssi_index.SSIError:
        return False
    return True


def _copy(src: Path, dst: Path) -> None:
    shutil.copy(src, dst)
    os.utime(dst, (MTIME.timestamp(), MTIME.timestamp()))


def test_pages_and_json_take_their_day_from_the_modification_time(tmp_path: Path) -> None:
    _copy(FIXTURES / "pages" / "2026-en.html", tmp_path / "ssi.html")
    _copy(FIXTURES / "json" / "api-2026.json", tmp_path / "answer.json")
    (tmp_path / "holiday.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(200))
    store = ssi_index.MemoryStore()
    report = ssi_index.import_history(tmp_path, store, "me")
    assert report.format == "files"
    # Two files for one day: the later (by name order) wins, both captured at the mtime.
    assert (report.added, len(report.refused)) == (1, 1)
    assert [Path(s.where).name for s in report.skipped] == ["holiday.jpg"]
    assert report.notes[0] == (
        "the day and capture time of 2 files come from their modification time: "
        "answer.json, ssi.html"
    )
    [snap] = store.history("me")
    assert (snap.day, snap.captured_at) == (MTIME.date(), MTIME)
    assert snap.source == "page"
    assert snap.score == Score.from_dict(MANIFEST["pages/2026-en.html"]["expect"])


def test_a_logged_out_page_is_refused_with_the_reason(tmp_path: Path) -> None:
    _copy(FIXTURES / "pages" / "login.html", tmp_path / "login.html")
    report = ssi_index.import_history(tmp_path, ssi_index.MemoryStore(), "me", format="files")
    [refusal] = report.refused
    assert refusal.where == str(tmp_path / "login.html")
    assert "sign in" in refusal.reason.lower()


def test_a_single_json_file_with_format_files(tmp_path: Path) -> None:
    _copy(FIXTURES / "json" / "api-seat.json", tmp_path / "a.json")
    store = ssi_index.MemoryStore()
    report = ssi_index.import_history(tmp_path / "a.json", store, "me")
    assert (report.format, report.added) == ("files", 1)
    [snap] = store.history("me")
    assert snap.score == Score.from_dict(MANIFEST["json/api-seat.json"]["expect"])
    assert snap.source == "json"


@pytest.mark.parametrize("name", sorted(FILES))
def test_har_and_mhtml_take_the_capture_date_inside(name: str, containers: Path) -> None:
    path = containers / name
    if not _parser_reads(path):
        pytest.skip(
            f"ssi_index.parse does not read {path.suffix} files yet (the parser's HAR/MHTML work)"
        )
    store = ssi_index.MemoryStore()
    report = ssi_index.import_history(path, store, "me")
    [snap] = store.history("me")
    captured = dt.datetime.fromisoformat(FILES[name]["captured_at"])
    assert (snap.captured_at, snap.day) == (captured, captured.date())
    assert snap.score == Score.from_dict(MANIFEST[FILES[name]["like"]]["expect"])
    assert report.notes == (
        f"the day and capture time of 1 file come from the capture date inside it: {name}",
    )


def test_har_and_mhtml_are_detected_as_files(containers: Path) -> None:
    # Detection is ours, whatever the parser can read yet: each file is recognised as ``files``.
    report = ssi_index.import_history(containers, ssi_index.MemoryStore(), "me", dry_run=True)
    assert report.skipped == ()
    assert report.format == "files"
    assert report.added + len(report.refused) == 3


def test_the_container_fixtures_hold_what_they_claim(containers: Path) -> None:
    import base64
    import email

    message = email.message_from_bytes((containers / "ssi-page.mhtml").read_bytes())
    assert message["Snapshot-Content-Location"] == "https://www.linkedin.com/sales/ssi"
    [part] = [p for p in message.walk() if p.get_content_type() == "text/html"]
    body = part.get_payload(decode=True)
    assert isinstance(body, bytes)
    page = (FIXTURES / "pages" / "2026-en.html").read_bytes()
    assert body.replace(b"\r\n", b"\n") == page.replace(b"\r\n", b"\n")
    api = json.loads((FIXTURES / "json" / "api-2026.json").read_bytes())
    for name in ("ssi-har-plain.har", "ssi-har-base64.har"):
        har = json.loads((containers / name).read_bytes().decode("utf-8-sig"))
        [entry] = [
            e for e in har["log"]["entries"] if "/sales-api/salesApiSsi" in e["request"]["url"]
        ]
        content = entry["response"]["content"]
        text = (
            base64.b64decode(content["text"])
            if content.get("encoding") == "base64"
            else content["text"]
        )
        assert json.loads(text) == api


@pytest.mark.parametrize("name", sorted(FILES))
def test_the_capture_date_is_read_from_each_container(name: str, containers: Path) -> None:
    # Our part of the HAR/MHTML cases, checked while the parser cannot read them yet.
    from ssi_index.importers import SourceFile
    from ssi_index.importers._files import _har_time, _kind, _mhtml_time

    file = SourceFile(containers / name, "me")
    kind = _kind(file)
    assert kind == Path(name).suffix[1:]
    found = _har_time(file.json()) if kind == "har" else _mhtml_time(file.head())
    assert found == dt.datetime.fromisoformat(FILES[name]["captured_at"])


def test_notes_name_the_first_few_files(tmp_path: Path) -> None:
    for day in range(7):
        _copy(FIXTURES / "json" / "api-2026.json", tmp_path / f"ssi-{day}.json")
    report = ssi_index.import_history(tmp_path, ssi_index.MemoryStore(), "me")
    assert report.notes == (
        "the day and capture time of 7 files come from their modification time: "
        "ssi-0.json, ssi-1.json, ssi-2.json, ssi-3.json, ssi-4.json …",
    )
