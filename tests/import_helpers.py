"""Shared by the import tests: the fixture folder and a snapshot in expected.json's shape."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any, Final

from ssi_index import Snapshot

HISTORY: Final = Path(__file__).parent / "fixtures" / "history"


def expected(fmt_folder: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((HISTORY / fmt_folder / "expected.json").read_text("utf-8"))
    return data


def captured(text: str | None) -> str | None:
    """expected.json's capture time as UTC ISO text; ``local:`` marks a naive local time."""
    if text is None:
        return None
    if text.startswith("local:"):
        return dt.datetime.fromisoformat(text[6:]).astimezone().astimezone(dt.UTC).isoformat()
    return dt.datetime.fromisoformat(text).astimezone(dt.UTC).isoformat()


def shape(snap: Snapshot) -> dict[str, Any]:
    """*snap* in the shape of expected.json's snapshots."""
    score = snap.score
    industry, network = score.industry, score.network
    return {
        "day": snap.day.isoformat(),
        "overall": score.overall,
        "pillars": list(score.pillars.values()),
        "captured_at": None if snap.captured_at is None else snap.captured_at.isoformat(),
        "source": snap.source,
        "industry": None if industry is None else [industry.rank, industry.average],
        "network": None if network is None else [network.rank, network.average],
    }


def want(entry: dict[str, Any]) -> dict[str, Any]:
    return {**entry, "captured_at": captured(entry["captured_at"])}


def generator() -> ModuleType:
    """The fixture generator, ``tests/fixtures/history/make_history.py``, as a module."""
    spec = importlib.util.spec_from_file_location("make_history", HISTORY / "make_history.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
