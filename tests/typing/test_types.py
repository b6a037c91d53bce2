"""Static typing checks: mypy --strict runs over this file in CI (it also runs under pytest)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import assert_type

from ssi_index import GroupScore, Pillar, PillarScores, Score, Tier


def test_public_types() -> None:
    score = Score.from_pillars([13.4, 10.7, 11.1, 25])
    assert_type(score, Score)
    assert_type(score.overall, float)
    assert_type(score.pillars, PillarScores)
    assert_type(score.pillars[Pillar.FIND_RIGHT_PEOPLE], float)
    assert_type(score.industry, GroupScore | None)
    assert_type(score.tier, Tier)
    assert_type(score.active_seat, bool | None)
    assert_type(Pillar.PROFESSIONAL_BRAND.label, str)
    pillars: Mapping[Pillar, float] = score.pillars
    assert pillars[Pillar.STRONG_RELATIONSHIP] == 25.0
    assert_type(Score.from_dict(score.to_dict()), Score)


def test_import_types(tmp_path: Path) -> None:
    from ssi_index import ImportReport, MemoryStore, Refusal, import_formats, import_history
    from ssi_index.importers import Importer, registered

    path = tmp_path / "empty.json"
    path.write_text("[]", encoding="utf-8")
    report = import_history(path, MemoryStore(), "me", dry_run=True)
    assert_type(report, ImportReport)
    assert_type(report.refused, tuple[Refusal, ...])
    assert_type(import_formats(), tuple[str, ...])
    importers: tuple[Importer, ...] = registered()
    assert all(isinstance(imp, Importer) for imp in importers)


def test_coach_types() -> None:
    import datetime as dt

    from ssi_index import (
        Focus,
        Milestone,
        Roadmap,
        Snapshot,
        WeeklyReport,
        focus,
        roadmap,
        weekly_report,
    )

    score = Score.from_pillars([13.4, 10.7, 11.1, 25])
    plan = roadmap(score, 70, start=dt.date(2026, 1, 5))
    assert_type(plan, Roadmap)
    assert_type(plan.milestones, tuple[Milestone, ...])
    assert_type(plan.reached_on, dt.date | None)
    assert_type(plan.note, str)
    assert_type(focus(score), Focus)
    snap = Snapshot(profile="me", day=dt.date(2026, 1, 5), score=score)
    report = weekly_report([snap], today=snap.day)
    assert_type(report, WeeklyReport)
    assert_type(report.on_pace, bool | None)
    assert set(report.to_dict()) >= {"changes", "focus"}
