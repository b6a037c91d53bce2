"""Static typing checks of the activity API: mypy --strict runs over this file in CI."""

from __future__ import annotations

import datetime as dt
from typing import assert_type

from ssi_index import (
    Activity,
    ActivityKind,
    Effect,
    Effects,
    ImportReport,
    Insights,
    MemoryStore,
    Pillar,
    PillarMap,
    effects,
    insights,
    log_activity,
    pillar_map,
)


def test_activity_types() -> None:
    store = MemoryStore()
    logged = log_activity(store, "me", "comment", 2, day=dt.date(2026, 1, 5))
    assert_type(logged, Activity)
    assert_type(logged.kind, ActivityKind)
    assert_type(store.put_activities([logged]), int)
    assert_type(store.activities("me"), list[Activity])
    found = effects(store.history("me"), store.activities("me"))
    assert_type(found, Effects)
    assert_type(found.strongest(Pillar.FIND_RIGHT_PEOPLE), Effect | None)
    assert_type(
        found.points_per_unit("FIND_RIGHT_PEOPLE"), dict[ActivityKind, tuple[float, float, float]]
    )
    assert_type(pillar_map("linkedin-2015"), PillarMap)
    view = insights(store, "me", locale="he")
    assert_type(view, Insights)
    assert_type(view.text(), str)
    assert_type(view.chart(Pillar.STRONG_RELATIONSHIP), str | None)
    assert not found.enough_data
    assert ImportReport(source="x", format="linkedin-export").stored == 0
