"""ssi_index.parse / parse_json / parse_html / parse_file over every fixture in the manifest."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest

import ssi_index
from ssi_index import (
    InvalidScoreError,
    NotAuthenticatedError,
    ParseError,
    Score,
    parse,
    parse_file,
    parse_html,
    parse_json,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures"
MANIFEST: list[dict[str, Any]] = [
    *json.loads((FIXTURES / "manifest.json").read_text("utf-8")),
    *json.loads((FIXTURES / "forms.json").read_text("utf-8")),
]
ERRORS: dict[str, type[ssi_index.SSIError]] = {
    "ParseError": ParseError,
    "InvalidScoreError": InvalidScoreError,
    "NotAuthenticatedError": NotAuthenticatedError,
}


FOLDERS = ("pages", "json", "har", "mhtml", "singlefile")


def text_of(entry: dict[str, Any], data: bytes) -> str:
    """The fixture as the text a user would paste (or ``page.content()`` would give)."""
    if entry["file"].endswith("cp1251.html"):
        return data.decode("cp1251")
    if entry["file"].endswith(".gz"):
        return gzip.decompress(data).decode("utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    return data.decode("utf-8-sig")


def entry_id(entry: dict[str, Any]) -> str:
    return str(entry["file"])


def test_manifest_lists_every_fixture_file() -> None:
    listed = {entry["file"] for entry in MANIFEST}
    on_disk = {
        str(p.relative_to(FIXTURES))
        for folder in FOLDERS
        for p in (FIXTURES / folder).iterdir()
        if p.is_file()
    }
    assert listed == on_disk
    assert all((entry["expect"] is None) != (entry["error"] is None) for entry in MANIFEST)


@pytest.mark.parametrize("entry", MANIFEST, ids=entry_id)
def test_parse_file_reads_every_fixture(entry: dict[str, Any]) -> None:
    path = FIXTURES / entry["file"]
    if entry["error"] is not None:
        with pytest.raises(ERRORS[entry["error"]]) as info:
            parse_file(path)
        assert type(info.value) is ERRORS[entry["error"]]
        assert "expected" in str(info.value)
    else:
        assert parse_file(path) == Score.from_dict(entry["expect"])


@pytest.mark.parametrize("entry", MANIFEST, ids=entry_id)
def test_parse_agrees_for_bytes_and_text(entry: dict[str, Any]) -> None:
    data = (FIXTURES / entry["file"]).read_bytes()
    text = text_of(entry, data)
    outcomes: list[Any] = []
    for value in (data, text):
        try:
            outcomes.append(parse(value).to_dict())
        except ssi_index.SSIError as err:
            outcomes.append(type(err).__name__)
    assert outcomes[0] == outcomes[1]
    assert outcomes[0] == (entry["expect"] if entry["expect"] is not None else entry["error"])


@pytest.mark.parametrize(
    "entry", [e for e in MANIFEST if e["kind"] == "html" and e["expect"]], ids=entry_id
)
def test_parse_html_reads_every_good_page(entry: dict[str, Any]) -> None:
    data = (FIXTURES / entry["file"]).read_bytes()
    score = parse_html(data)
    assert score == Score.from_dict(entry["expect"])
    # Pages other than the 2021 one show rounded totals: the overall is the sum of the pillars.
    if entry["generation"] != "2021":
        assert score.overall == score.pillars.total
        assert score.active_seat is None
        assert [g.kind for g in score.groups] == ["INDUSTRY", "NETWORK"]
        assert score.industry is not None
        assert score.industry.average is not None
        assert score.industry.rank is not None
        assert score.network is not None
        assert score.network.average is not None
        assert score.network.name is None


@pytest.mark.parametrize(
    "entry", [e for e in MANIFEST if e["kind"] == "json" and e["expect"]], ids=entry_id
)
def test_parse_json_reads_every_good_payload(entry: dict[str, Any]) -> None:
    data = (FIXTURES / entry["file"]).read_bytes()
    expected = Score.from_dict(entry["expect"])
    assert parse_json(data) == expected
    assert parse_json(data.decode("utf-8-sig")) == expected
    assert parse_json(json.loads(data.decode("utf-8-sig"))) == expected


def test_json_overall_is_linkedins_full_precision_total() -> None:
    payload = json.loads((FIXTURES / "json/api-2026.json").read_text("utf-8"))
    score = parse(payload)
    assert score.overall == payload["memberScore"]["overall"]


def test_seat_payload_keeps_every_group_with_its_details() -> None:
    payload = json.loads((FIXTURES / "json/api-seat.json").read_text("utf-8"))
    score = parse(payload)
    assert score.active_seat is True
    assert [g.kind for g in score.groups] == [g["groupType"] for g in payload["groupScore"]]
    assert "TEAM" in [g.kind for g in score.groups]
    industry = score.industry
    assert industry is not None
    assert industry.name is not None
    assert industry.size is not None
    assert industry.pillars is not None


@pytest.mark.parametrize(
    "name", ["pages/login.html", "pages/authwall.html", "pages/checkpoint.html"]
)
def test_logged_out_pages_tell_the_user_to_sign_in(name: str) -> None:
    with pytest.raises(NotAuthenticatedError, match="sign in to LinkedIn"):
        parse_file(FIXTURES / name)


def test_changed_page_names_the_element_looked_for() -> None:
    with pytest.raises(ParseError) as info:
        parse_file(FIXTURES / "pages/2026-en-changed.html")
    assert info.value.path == "progress#establish-brand__sub-score-bar"
    assert "progress#establish-brand__sub-score-bar" in str(info.value)


def test_total_only_proxy_says_pillars_are_missing() -> None:
    with pytest.raises(ParseError, match="pillars are missing") as info:
        parse_file(FIXTURES / "json/proxy-total-only.json")
    assert info.value.path == "$.memberScore.subScores"


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("json/wrong-types.json", "$.memberScore.overall"),
        ("json/pillars-as-strings.json", "$.memberScore.subScores"),
        ("json/truncated.json", "$"),
        ("json/empty.json", "$"),
    ],
)
def test_unreadable_json_names_where(name: str, path: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_file(FIXTURES / name)
    assert info.value.path == path


@pytest.mark.parametrize(
    ("name", "where"),
    [
        ("json/pillar-out-of-range.json", "$.memberScore.subScores["),
        ("json/total-disagrees.json", "$.memberScore.overall"),
    ],
)
def test_invalid_scores_name_the_json_path(name: str, where: str) -> None:
    with pytest.raises(InvalidScoreError, match=r"expected") as info:
        parse_file(FIXTURES / name)
    assert where in str(info.value)


def test_parse_file_names_a_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "ssi.html"
    with pytest.raises(ParseError, match="nowhere") as info:
        parse_file(missing)
    assert info.value.path == str(missing)
    assert isinstance(info.value.__cause__, OSError)


def test_parse_file_refuses_a_directory(tmp_path: Path) -> None:
    with pytest.raises(ParseError, match=str(tmp_path.name)):
        parse_file(tmp_path)


def test_parse_file_takes_str_paths_and_sniffs_content(tmp_path: Path) -> None:
    # The kind is told from the content, not the extension.
    target = tmp_path / "ssi.txt"
    target.write_bytes((FIXTURES / "json/api-2026.json").read_bytes())
    assert parse_file(str(target)) == parse_file(FIXTURES / "json/api-2026.json")


@pytest.mark.parametrize("value", [None, 42, 4.2, ["memberScore"], object()])
def test_parse_refuses_other_types_with_a_parse_error(value: Any) -> None:
    with pytest.raises(ParseError, match="expected"):
        parse(value)


@pytest.mark.parametrize("func", [parse_json, parse_html])
def test_typed_entry_points_refuse_other_types(func: Any) -> None:
    with pytest.raises(ParseError, match="expected"):
        func(12)


def test_parse_json_refuses_a_page_and_points_to_parse_html() -> None:
    page = (FIXTURES / "pages/2026-en.html").read_bytes()
    with pytest.raises(ParseError, match="parse_html"):
        parse_json(page)


def test_parse_json_refuses_logged_out_pages() -> None:
    with pytest.raises(NotAuthenticatedError):
        parse_json((FIXTURES / "pages/login.html").read_text("utf-8"))


def test_parse_html_refuses_json() -> None:
    with pytest.raises(ParseError, match="expected a saved LinkedIn SSI page"):
        parse_html((FIXTURES / "json/api-2026.json").read_text("utf-8"))


@pytest.mark.parametrize("text", ["", "   \n\t", "\ufeff"])
def test_empty_inputs_are_parse_errors(text: str) -> None:
    for value in (text, text.encode("utf-8")):
        with pytest.raises(ParseError, match="empty"):
            parse(value)
    with pytest.raises(ParseError, match="empty"):
        parse_html(text)


def test_plain_text_is_refused_with_its_start() -> None:
    with pytest.raises(ParseError, match="found text starting with 'hello there'"):
        parse("hello there")


def test_public_names_are_exported() -> None:
    for name in ("parse", "parse_json", "parse_html", "parse_file"):
        assert name in ssi_index.__all__
        assert getattr(ssi_index, name).__doc__
