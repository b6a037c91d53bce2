"""A store with one person's half year and a team of twelve, shared by the report tests."""

from __future__ import annotations

import datetime as dt
import random

from ssi_index import MemoryStore, Note, Score, Snapshot

TODAY = dt.date(2026, 11, 30)
GAP = (TODAY - dt.timedelta(days=79), TODAY - dt.timedelta(days=61))
"""No score for the person between these days: the chart must break there."""


def person_days() -> list[dt.date]:
    """Every third day over 120 days, leaving out the gap."""
    days = [TODAY - dt.timedelta(days=i) for i in range(120, -1, -3)]
    return [d for d in days if not GAP[0] <= d <= GAP[1]]


def filled_store(profile: str = "dana") -> MemoryStore:
    """One person's history with a gap and two notes; a team 'emea' of 12 plus a newcomer."""
    rng = random.Random(3)
    store = MemoryStore()
    pillars = [10.0, 8.0, 7.0, 12.0]
    for day in person_days():
        pillars = [min(25.0, max(0.0, v + rng.uniform(-0.4, 0.8))) for v in pillars]
        store.put(
            Snapshot(
                profile=profile,
                day=day,
                score=Score.from_pillars([round(v, 2) for v in pillars]),
                source="manual",
            )
        )
    store.add_note(
        Note(
            profile=profile,
            day=TODAY - dt.timedelta(days=2),
            text="sent 20 personal invitations",
            pillar="FIND_RIGHT_PEOPLE",
        )
    )
    store.add_note(Note(profile=profile, day=TODAY - dt.timedelta(days=1), text="שיתפתי פוסט"))
    store.add_note(Note(profile=profile, day=TODAY - dt.timedelta(days=9), text="last week's"))
    for i in range(12):
        member = f"seller-{i + 1:02d}"
        store.set_team(member, "emea")
        for weeks_ago in (2, 1, 0):
            if i == 3 and weeks_ago == 0:
                continue  # seller-04's latest score is 7 days old: stalled
            if i == 4 and weeks_ago == 0:
                day = TODAY - dt.timedelta(days=6)  # 6 days old: not stalled
            else:
                day = TODAY - dt.timedelta(days=7 * weeks_ago)
            pillars = [round(rng.uniform(6, 24), 2) for _ in range(4)]
            store.put(Snapshot(profile=member, day=day, score=Score.from_pillars(pillars)))
    store.set_team("newcomer", "emea")
    for i in range(3):
        store.set_team(f"trio-{i}", "trio")
        store.put(
            Snapshot(profile=f"trio-{i}", day=TODAY, score=Score.from_pillars([10, 10, 10, 10]))
        )
    return store
