"""The Activity value and the ImportReport every importer returns."""

from __future__ import annotations

import datetime as dt

import pytest

from ssi_index import Activity, ActivityKind, ImportReport, InvalidScoreError, Refusal

DAY = dt.date(2026, 11, 30)


def test_activity_round_trips_and_takes_kind_names() -> None:
    act = Activity(profile="me", day=DAY, kind="Comment", count=5, source="manual")
    assert act.kind is ActivityKind.COMMENT
    assert Activity.from_dict(act.to_dict()) == act


@pytest.mark.parametrize(
    ("field", "value", "match"),
    [
        ("kind", "like", "expected one of"),
        ("count", -1, "whole number"),
        ("count", True, "whole number"),
        ("count", 1.5, "whole number"),
        ("profile", " ", "profile"),
        ("source", "", "source"),
        ("day", dt.datetime(2026, 1, 1), "date"),
    ],
)
def test_invalid_activity_is_refused(field: str, value: object, match: str) -> None:
    fields: dict[str, object] = {
        "profile": "me",
        "day": DAY,
        "kind": "comment",
        "count": 1,
        "source": "manual",
    }
    fields[field] = value
    with pytest.raises(InvalidScoreError, match=match):
        Activity(**fields)  # type: ignore[arg-type]


def test_import_report_counts_and_round_trips() -> None:
    report = ImportReport(
        source="ssi_history.csv",
        format="linkedin-bot-csv",
        added=3,
        replaced=1,
        refused=(Refusal(where="ssi_history.csv, row 4", reason="all-zero row"),),
    )
    assert report.stored == 4
    assert ImportReport.from_dict(report.to_dict()) == report
