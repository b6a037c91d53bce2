"""Test helpers for code built on ssi-index: the storage contract suite and Hypothesis strategies.

Check your own :class:`~ssi_index.storage.SnapshotStore` by subclassing
:class:`StoreContract` in a test module and giving it a ``store`` fixture that
yields a fresh, empty store::

    import pytest
    from ssi_index.testing import StoreContract

    class TestMyStore(StoreContract):
        @pytest.fixture
        def store(self):
            with MyStore("...") as store:
                yield store

pytest then runs every rule of the protocol against your backend. This module
needs pytest and Hypothesis (the ``ssi-index[test]`` extra); ``import ssi_index``
never imports it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator

import attrs

from ssi_index._activity import Activity, ActivityKind
from ssi_index._errors import MissingDependencyError, StorageError
from ssi_index._model import GroupScore, Pillar, PillarScores, Score
from ssi_index._snapshot import Note, Snapshot
from ssi_index.storage import MAX_PROFILE_LENGTH, SnapshotStore

try:
    import pytest
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st
except ImportError as err:  # pragma: no cover - the test extra is installed in CI
    raise MissingDependencyError(err.name or "pytest", "test") from err

__all__ = [
    "StoreContract",
    "activities",
    "group_scores",
    "notes",
    "profile_ids",
    "scores",
    "snapshots",
]

_INT64_MAX = 2**63 - 1
_DAY = dt.date(2026, 3, 2)


def _text() -> st.SearchStrategy[str]:
    # PostgreSQL text cannot hold NUL; everything else in Unicode (bar surrogates) goes.
    return st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=20)


def _name() -> st.SearchStrategy[str]:
    return _text().filter(lambda s: bool(s.strip()))


def profile_ids() -> st.SearchStrategy[str]:
    """Return a Hypothesis strategy of profile ids every store accepts.

    Non-blank text of at most :data:`~ssi_index.storage.MAX_PROFILE_LENGTH`
    characters without control characters (categories ``Cc``) or surrogates.
    """
    chars = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs"))
    return st.text(chars, min_size=1, max_size=20).filter(lambda s: bool(s.strip()))


def _pillars(high: float = 25.0) -> st.SearchStrategy[PillarScores]:
    point = st.floats(min_value=0.0, max_value=high, allow_nan=False)
    return st.tuples(point, point, point, point).map(PillarScores)


@st.composite
def _score(draw: st.DrawFn) -> Score:
    pillars = draw(_pillars())
    offset = draw(st.one_of(st.just(0.0), st.floats(min_value=-1.0, max_value=1.0)))
    overall = min(100.0, max(0.0, pillars.total + offset))
    return Score(
        overall=overall,
        pillars=pillars,
        groups=draw(st.lists(group_scores(), max_size=3)),
        active_seat=draw(st.none() | st.booleans()),
    )


def group_scores() -> st.SearchStrategy[GroupScore]:
    """Return a Hypothesis strategy of comparison groups, any field possibly ``None``."""
    return st.builds(
        GroupScore,
        kind=st.none() | st.sampled_from(["INDUSTRY", "NETWORK", "TEAM"]) | _text(),
        rank=st.none() | st.integers(min_value=0, max_value=100),
        average=st.none() | st.floats(min_value=0.0, max_value=100.0, allow_nan=False),
        size=st.none() | st.integers(min_value=0, max_value=_INT64_MAX),
        name=st.none() | _text(),
        pillars=st.none() | _pillars(),
    )


def scores() -> st.SearchStrategy[Score]:
    """Return a Hypothesis strategy of valid scores, with float-noisy pillars and groups."""
    return _score()


def snapshots(profile: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Snapshot]:
    """Return a Hypothesis strategy of snapshots.

    Args:
        profile: The profile ids to draw from; any non-blank text by default.
    """
    offsets = st.integers(min_value=-14 * 60, max_value=14 * 60).map(
        lambda minutes: dt.timezone(dt.timedelta(minutes=minutes))
    )
    return st.builds(
        Snapshot,
        profile=profile_ids() if profile is None else profile,
        day=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31)),
        score=scores(),
        captured_at=st.none()
        | st.datetimes(
            min_value=dt.datetime(1900, 1, 2),
            max_value=dt.datetime(2200, 12, 30),
            timezones=offsets,
        ),
        source=st.none() | _text(),
    )


def notes() -> st.SearchStrategy[Note]:
    """Return a Hypothesis strategy of notes."""
    return st.builds(
        Note,
        profile=profile_ids(),
        day=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31)),
        text=_name(),
        pillar=st.none() | st.sampled_from(list(Pillar)),
    )


def activities() -> st.SearchStrategy[Activity]:
    """Return a Hypothesis strategy of activity counts (any kind, day, count and source)."""
    return st.builds(
        Activity,
        profile=_name(),
        day=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31)),
        kind=st.sampled_from(list(ActivityKind)),
        count=st.integers(min_value=0, max_value=2**31 - 1),
        source=_name(),
    )


def _act(
    kind: str = "comment",
    day: int = 0,
    count: int = 1,
    *,
    profile: str = "ana",
    source: str = "linkedin-export",
) -> Activity:
    return Activity(profile=profile, day=_days(day), kind=kind, count=count, source=source)


def _snap(
    profile: str = "ana",
    day: dt.date = _DAY,
    *,
    pillars: tuple[float, float, float, float] = (13.4, 10.7, 11.1, 25.0),
    captured_at: dt.datetime | None = None,
    source: str | None = "manual",
    groups: tuple[GroupScore, ...] = (),
) -> Snapshot:
    return Snapshot(
        profile=profile,
        day=day,
        score=Score.from_pillars(pillars, groups=groups),
        captured_at=captured_at,
        source=source,
    )


def _at(hour: int) -> dt.datetime:
    return dt.datetime(2026, 3, 2, hour, tzinfo=dt.UTC)


def _days(n: int) -> dt.date:
    return _DAY + dt.timedelta(days=n)


_HYPOTHESIS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


class StoreContract:
    """The rules every :class:`~ssi_index.storage.SnapshotStore` keeps, as pytest tests.

    Subclass it in a test module (with a name pytest collects, ``Test...``) and
    override the :meth:`store` fixture so that it yields a fresh, empty store and
    closes it afterwards (closing an already closed store must be harmless).
    """

    @pytest.fixture
    def store(self) -> Iterator[SnapshotStore]:
        """Yield a fresh, empty store; override this in your subclass."""
        raise NotImplementedError("override the store fixture to yield a fresh, empty store")

    # -- shape -----------------------------------------------------------------

    def test_satisfies_the_protocol(self, store: SnapshotStore) -> None:
        """The store is a SnapshotStore at runtime."""
        assert isinstance(store, SnapshotStore)

    def test_starts_empty(self, store: SnapshotStore) -> None:
        """A fresh store has nothing, and says so with empty lists and None."""
        assert store.profiles() == []
        assert store.latest() == []
        assert store.get("ana", _DAY) is None
        assert store.history("ana") == []
        assert store.notes("ana") == []
        assert store.team_members("sales") == []
        assert store.delete_profile("ana") == 0

    # -- put and get -------------------------------------------------------------

    def test_put_then_get_gives_an_equal_snapshot(self, store: SnapshotStore) -> None:
        """Every field comes back as put, groups in order, missing values as None."""
        groups = (
            GroupScore(kind="NETWORK", rank=35, average=30.1),
            GroupScore(kind="INDUSTRY", rank=40, average=28.4, size=1200, name="Software"),
            GroupScore(),
            GroupScore(kind="TEAM", pillars=PillarScores([1.5, 2.25, 0.29999998, 25.000002])),
        )
        snapshot = Snapshot(
            profile="ana",
            day=_DAY,
            score=Score(
                overall=60.20000076293945,
                pillars=PillarScores([13.118002, 10.7, 11.1, 25]),
                groups=groups,
                active_seat=False,
            ),
            captured_at=dt.datetime(2026, 3, 2, 9, 30, 15, 123456, tzinfo=dt.UTC),
            source="api",
        )
        assert store.put(snapshot) is True
        got = store.get("ana", _DAY)
        assert got == snapshot
        assert got is not None
        assert got.score.groups == groups
        assert got.score.groups[2].rank is None
        assert got.score.groups[2].average is None
        assert got.captured_at is not None
        assert got.captured_at.utcoffset() == dt.timedelta(0)

    def test_get_of_another_day_or_profile_is_none(self, store: SnapshotStore) -> None:
        """Gaps stay gaps."""
        store.put(_snap())
        assert store.get("ana", _days(1)) is None
        assert store.get("bob", _DAY) is None

    def test_get_rejects_what_is_not_a_date(self, store: SnapshotStore) -> None:
        """A day given as text is an SSIError, never a silent ``None``."""
        store.put(_snap())
        with pytest.raises(StorageError, match="expected a date"):
            store.get("ana", _DAY.isoformat())  # type: ignore[arg-type]

    def test_put_rejects_what_is_not_a_snapshot(self, store: SnapshotStore) -> None:
        """A wrong type is an SSIError, not a TypeError from deep inside."""
        with pytest.raises(StorageError, match="expected a Snapshot"):
            store.put({"profile": "ana"})  # type: ignore[arg-type]

    # -- the replacement rule -------------------------------------------------------

    def test_putting_an_equal_snapshot_changes_nothing(self, store: SnapshotStore) -> None:
        """Re-putting the same snapshot returns False."""
        assert store.put(_snap(captured_at=_at(9))) is True
        assert store.put(_snap(captured_at=_at(9))) is False
        assert store.put(_snap(day=_days(1))) is True
        assert store.put(_snap(day=_days(1))) is False
        assert store.history("ana") == [_snap(captured_at=_at(9)), _snap(day=_days(1))]

    def test_a_later_put_replaces(self, store: SnapshotStore) -> None:
        """Without capture times, the last put wins."""
        first, second = _snap(pillars=(1, 2, 3, 4)), _snap(pillars=(5, 6, 7, 8))
        assert store.put(first) is True
        assert store.put(second) is True
        assert store.get("ana", _DAY) == second
        assert store.history("ana") == [second]

    def test_a_newer_stored_capture_is_kept(self, store: SnapshotStore) -> None:
        """An older capture does not replace a newer one."""
        newer = _snap(pillars=(5, 6, 7, 8), captured_at=_at(12))
        assert store.put(newer) is True
        assert store.put(_snap(pillars=(1, 2, 3, 4), captured_at=_at(8))) is False
        assert store.get("ana", _DAY) == newer

    def test_a_newer_capture_replaces(self, store: SnapshotStore) -> None:
        """A newer capture replaces an older one."""
        store.put(_snap(pillars=(1, 2, 3, 4), captured_at=_at(8)))
        newer = _snap(pillars=(5, 6, 7, 8), captured_at=_at(12))
        assert store.put(newer) is True
        assert store.get("ana", _DAY) == newer

    def test_a_stored_capture_time_beats_none(self, store: SnapshotStore) -> None:
        """A snapshot without a capture time does not replace one with it."""
        timed = _snap(captured_at=_at(8))
        store.put(timed)
        assert store.put(_snap(pillars=(1, 2, 3, 4))) is False
        assert store.get("ana", _DAY) == timed

    def test_a_capture_time_replaces_none(self, store: SnapshotStore) -> None:
        """A timed snapshot replaces an untimed one."""
        store.put(_snap(pillars=(1, 2, 3, 4)))
        timed = _snap(captured_at=_at(8))
        assert store.put(timed) is True
        assert store.get("ana", _DAY) == timed

    def test_the_same_capture_time_with_other_values_replaces(self, store: SnapshotStore) -> None:
        """Equal capture times: the later put wins when it differs."""
        store.put(_snap(captured_at=_at(8), source="api"))
        other = _snap(captured_at=_at(8), source="page-2026")
        assert store.put(other) is True
        assert store.get("ana", _DAY) == other

    def test_a_change_in_groups_alone_replaces(self, store: SnapshotStore) -> None:
        """Groups are part of the snapshot: a new rank is a new snapshot."""
        store.put(_snap(groups=(GroupScore(kind="INDUSTRY", rank=40),)))
        changed = _snap(groups=(GroupScore(kind="INDUSTRY", rank=39),))
        assert store.put(changed) is True
        assert store.get("ana", _DAY) == changed
        fewer = _snap()
        assert store.put(fewer) is True
        assert store.get("ana", _DAY) == fewer

    # -- put_many ------------------------------------------------------------------

    def test_put_many_stores_a_batch_and_counts_it(self, store: SnapshotStore) -> None:
        """put_many returns how many snapshots it wrote."""
        batch = [_snap(p, _days(d)) for p in ("ana", "bob") for d in range(5)]
        assert store.put_many(batch) == 10
        assert store.put_many(batch) == 0
        assert store.put_many(iter([])) == 0
        assert store.history("bob") == batch[5:]

    def test_put_many_applies_the_rule_in_order(self, store: SnapshotStore) -> None:
        """Items for the same day in one batch count as puts one after another."""
        store.put(_snap(captured_at=_at(10)))
        batch = [
            _snap(pillars=(1, 1, 1, 1), captured_at=_at(9)),  # older than stored: kept
            _snap(pillars=(2, 2, 2, 2), captured_at=_at(11)),  # newer: written
            _snap(pillars=(3, 3, 3, 3)),  # no time: kept
            _snap(pillars=(4, 4, 4, 4), captured_at=_at(11)),  # same time, differs: written
            _snap(pillars=(4, 4, 4, 4), captured_at=_at(11)),  # equal: nothing
            _snap("bob", pillars=(5, 5, 5, 5)),  # new: written
            _snap("bob", pillars=(6, 6, 6, 6)),  # later: written
        ]
        assert store.put_many(batch) == 4
        assert store.get("ana", _DAY) == batch[3]
        assert store.get("bob", _DAY) == batch[6]

    def test_put_many_agrees_with_put_one_by_one(self, store: SnapshotStore) -> None:
        """put_many(batch) writes what put() on each item would, and counts the same."""
        batch = [
            _snap(p, _days(d % 3), pillars=(d, 1, 2, 3), captured_at=_at(d % 4) if d % 2 else None)
            for p in ("a", "b")
            for d in range(9)
        ]
        counted = store.put_many(batch)
        expected: dict[tuple[str, dt.date], Snapshot] = {}
        writes = 0
        for s in batch:  # the rule, spelled out
            old = expected.get((s.profile, s.day))
            keep = old is not None and (
                old == s
                or (
                    old.captured_at is not None
                    and (s.captured_at is None or old.captured_at > s.captured_at)
                )
            )
            if not keep:
                expected[(s.profile, s.day)] = s
                writes += 1
        assert counted == writes
        for (profile, day), snapshot in expected.items():
            assert store.get(profile, day) == snapshot

    def test_put_many_is_all_or_nothing(self, store: SnapshotStore) -> None:
        """A bad item anywhere in a batch leaves the store as it was."""
        good = [_snap(day=_days(d)) for d in range(3)]
        with pytest.raises(StorageError, match="expected a Snapshot"):
            store.put_many([*good, "not a snapshot"])  # type: ignore[list-item]
        assert store.profiles() == []

        def failing() -> Iterator[Snapshot]:
            yield from good
            raise RuntimeError("the source broke")

        with pytest.raises(RuntimeError, match="the source broke"):
            store.put_many(failing())
        assert store.history("ana") == []

    # -- reading -------------------------------------------------------------------

    def test_history_is_by_day_with_inclusive_bounds(self, store: SnapshotStore) -> None:
        """history() sorts by day, keeps gaps, and includes both bounds."""
        days = [0, 7, 1, 3, 10]
        store.put_many([_snap(day=_days(d)) for d in days])
        store.put(_snap("bob", _days(2)))
        assert [s.day for s in store.history("ana")] == [_days(d) for d in sorted(days)]
        assert [s.day for s in store.history("ana", since=_days(1), until=_days(7))] == [
            _days(1),
            _days(3),
            _days(7),
        ]
        assert [s.day for s in store.history("ana", since=_days(8))] == [_days(10)]
        assert [s.day for s in store.history("ana", until=_days(0))] == [_days(0)]
        assert store.history("ana", since=_days(4), until=_days(6)) == []
        assert store.history("ana", since=_days(9), until=_days(1)) == []

    def test_latest_is_each_profiles_newest(self, store: SnapshotStore) -> None:
        """latest() gives one snapshot per profile, its newest day, sorted by profile."""
        store.put_many(
            [
                _snap("cy", _days(3)),
                _snap("ana", _days(1), captured_at=_at(23)),
                _snap("ana", _days(5)),
                _snap("bob", _days(9)),
                _snap("bob", _days(2)),
            ]
        )
        newest = store.latest()
        assert [(s.profile, s.day) for s in newest] == [
            ("ana", _days(5)),
            ("bob", _days(9)),
            ("cy", _days(3)),
        ]
        assert newest[0] == _snap("ana", _days(5))
        some = store.latest(["cy", "nobody", "ana", "ana"])
        assert [(s.profile, s.day) for s in some] == [("ana", _days(5)), ("cy", _days(3))]
        assert store.latest([]) == []

    def test_latest_refuses_a_bare_string(self, store: SnapshotStore) -> None:
        """latest("ana") is a mistake for latest(["ana"]), and says so."""
        with pytest.raises(StorageError, match="wrap it in a list"):
            store.latest("ana")

    def test_profiles_are_sorted_by_code_point(self, store: SnapshotStore) -> None:
        """profiles() and latest() sort like Python's sorted()."""
        names = ["bob", "Bob", "ana", "Émile", "zoë", "_x", "10", "9", "a b"]
        store.put_many([_snap(n) for n in names])
        assert store.profiles() == sorted(names)
        assert [s.profile for s in store.latest()] == sorted(names)

    # -- delete ---------------------------------------------------------------------

    def test_delete_profile_removes_its_snapshots_notes_and_team(
        self, store: SnapshotStore
    ) -> None:
        """Everything about the profile goes; other profiles stay."""
        store.put_many(
            [_snap("ana", _days(d), groups=(GroupScore(kind="INDUSTRY"),)) for d in range(4)]
        )
        store.put(_snap("bob"))
        store.add_note(Note(profile="ana", day=_DAY, text="posted an article"))
        store.add_note(Note(profile="bob", day=_DAY, text="sent 20 invitations"))
        store.set_team("ana", "sales")
        store.set_team("bob", "sales")
        assert store.delete_profile("ana") == 4
        assert store.profiles() == ["bob"]
        assert store.history("ana") == []
        assert store.notes("ana") == []
        assert store.team_members("sales") == ["bob"]
        assert len(store.notes("bob")) == 1
        assert store.delete_profile("ana") == 0
        store.put(_snap("ana"))
        assert store.get("ana", _DAY) == _snap("ana")

    # -- notes and teams ---------------------------------------------------------------

    def test_notes_by_day_then_as_added(self, store: SnapshotStore) -> None:
        """notes() sorts by day, keeps the order of notes on one day, and keeps duplicates."""
        added = [
            Note(profile="ana", day=_days(2), text="third"),
            Note(profile="ana", day=_days(0), text="first", pillar=Pillar.PROFESSIONAL_BRAND),
            Note(profile="ana", day=_days(2), text="fourth", pillar="STRONG_RELATIONSHIP"),
            Note(profile="ana", day=_days(1), text="second"),
            Note(profile="ana", day=_days(2), text="fourth", pillar="STRONG_RELATIONSHIP"),
            Note(profile="bob", day=_days(1), text="not ana's"),
        ]
        for note in added:
            store.add_note(note)
        assert [n.text for n in store.notes("ana")] == [
            "first",
            "second",
            "third",
            "fourth",
            "fourth",
        ]
        assert store.notes("ana")[0] == added[1]
        assert [n.text for n in store.notes("ana", since=_days(1), until=_days(1))] == ["second"]
        assert store.notes("ana", since=_days(3)) == []

    def test_add_note_rejects_what_is_not_a_note(self, store: SnapshotStore) -> None:
        """A wrong type is an SSIError."""
        with pytest.raises(StorageError, match="expected a Note"):
            store.add_note("posted")  # type: ignore[arg-type]

    def test_teams(self, store: SnapshotStore) -> None:
        """One team per profile; moving and clearing work; members come sorted."""
        for profile in ("cy", "ana", "bob"):
            store.set_team(profile, "sales")
        assert store.team_members("sales") == ["ana", "bob", "cy"]
        store.set_team("bob", "success")
        assert store.team_members("sales") == ["ana", "cy"]
        assert store.team_members("success") == ["bob"]
        store.set_team("ana", None)
        store.set_team("nobody", None)
        assert store.team_members("sales") == ["cy"]
        assert store.team_members("Sales") == []
        with pytest.raises(StorageError, match="team name"):
            store.set_team("ana", "  ")

    def test_leaderboard_agrees_with_team_members_and_latest(self, store: SnapshotStore) -> None:
        """A store's own ``team_latest()`` (if it has one) ranks as the protocol's methods do."""
        from ssi_index.analytics import leaderboard

        for i, profile in enumerate(("cy", "ana", "bob", "dee", "דנה")):
            for day in range(3):
                points = [min(25.0, i * 3.25 + day), 12.5, 0.0 if i == 2 else 7.75, 1.0 * day]
                store.put(
                    Snapshot(
                        profile=profile,
                        day=_DAY + dt.timedelta(days=day - 3 * (i == 1)),
                        score=Score.from_pillars(points),
                    )
                )
            store.set_team(profile, "sales")
        store.set_team("nobody-yet", "sales")
        store.set_team("elsewhere", "success")

        class Plain:  # only the protocol's two methods: leaderboard's generic path
            def team_members(self, team: str) -> list[str]:
                return store.team_members(team)

            def latest(self, profiles: object = None) -> list[Snapshot]:
                return store.latest(profiles)  # type: ignore[arg-type]

        board = leaderboard(store, "sales", floor=1)
        assert board == leaderboard(Plain(), "sales", floor=1)  # type: ignore[arg-type]
        assert board.rows[0].profile == "\u05d3\u05e0\u05d4"
        assert board.rows[-1].profile == "bob"  # its insight pillar is 0
        assert board.missing == ("nobody-yet",)
        assert board.rows[0].day == _DAY + dt.timedelta(days=2)
        with pytest.raises(StorageError, match="team name"):
            leaderboard(store, "\x1b[2J", floor=1)

    # -- the id rule ---------------------------------------------------------------------

    @pytest.mark.parametrize(
        "bad",
        [
            "nul\x00byte",
            "tab\tinside",
            "line\nbreak",
            "escape\x1b[31m",
            "c1\x85control",
            "lone \ud800 surrogate",
            "x" * (MAX_PROFILE_LENGTH + 1),
            "   ",
        ],
        ids=["nul", "tab", "newline", "escape", "c1", "surrogate", "too-long", "blank"],
    )
    def test_profile_ids_break_the_rule_alike_everywhere(
        self, store: SnapshotStore, bad: str
    ) -> None:
        """One rule on every backend: each method refuses the id, nothing is stored."""
        snapshot = attrs.evolve(_snap(), profile=bad) if bad.strip() else None
        if snapshot is not None:
            with pytest.raises(StorageError, match="profile id"):
                store.put(snapshot)
            with pytest.raises(StorageError, match="profile id"):
                store.put_many([_snap("fine"), snapshot])
            note = Note(profile=bad, day=_DAY, text="posted")
            with pytest.raises(StorageError, match="profile id"):
                store.add_note(note)
        for call in (
            lambda: store.get(bad, _DAY),
            lambda: store.history(bad),
            lambda: store.notes(bad),
            lambda: store.latest([bad]),
            lambda: store.delete_profile(bad),
            lambda: store.set_team(bad, "sales"),
        ):
            with pytest.raises(StorageError, match="profile id"):
                call()
        with pytest.raises(StorageError, match="team name"):
            store.set_team("ana", bad)
        with pytest.raises(StorageError, match="team name"):
            store.team_members(bad)
        assert store.profiles() == []
        assert store.notes("ana") == []

    def test_the_longest_allowed_id_and_any_script_are_kept(self, store: SnapshotStore) -> None:
        """Ids up to the limit, in any script and with emoji, come back as put."""
        names = ["x" * MAX_PROFILE_LENGTH, "נועה כהן", "Дмитрий", "王芳", "a\u200db 👩‍💼"]
        store.put_many([_snap(n) for n in names])
        assert store.profiles() == sorted(names)
        for name in names:
            assert store.history(name) == [_snap(name)]
            store.set_team(name, name)
            assert store.team_members(name) == [name]

    def test_text_no_backend_can_hold_is_refused(self, store: SnapshotStore) -> None:
        """NUL or a lone surrogate in a source, group or note is an SSIError on every backend."""
        for snapshot in (
            _snap(source="a\x00b"),
            _snap(source="\udcff"),
            _snap(groups=(GroupScore(kind="IN\x00DUSTRY"),)),
            _snap(groups=(GroupScore(name="\ud83d"),)),
        ):
            with pytest.raises(StorageError, match="NUL or lone surrogates"):
                store.put(snapshot)
        with pytest.raises(StorageError, match="NUL or lone surrogates"):
            store.add_note(Note(profile="ana", day=_DAY, text="a\x00b"))
        with pytest.raises(StorageError, match="at most"):
            store.put(_snap(groups=(GroupScore(size=_INT64_MAX + 1),)))
        assert store.profiles() == []
        assert store.notes("ana") == []

    # -- streaming -------------------------------------------------------------------------

    def test_iter_snapshots_yields_everything_by_profile_then_day(
        self, store: SnapshotStore
    ) -> None:
        """iter_snapshots() gives every snapshot once, sorted, and is lazy."""
        batch = [
            _snap(p, _days(d), groups=(GroupScore(kind="INDUSTRY", rank=d),))
            for p in ("cy", "ana", "bob")
            for d in (3, 0, 7)
        ]
        store.put_many(batch)
        stream = store.iter_snapshots()
        assert not isinstance(stream, list | tuple)
        got = list(stream)
        assert got == sorted(batch, key=lambda s: (s.profile, s.day))
        assert list(store.iter_snapshots()) == got
        store.delete_profile("bob")
        assert [s.profile for s in store.iter_snapshots()] == ["ana"] * 3 + ["cy"] * 3

    def test_iter_snapshots_of_an_empty_store_is_empty(self, store: SnapshotStore) -> None:
        """Nothing stored, nothing yielded."""
        assert list(store.iter_snapshots()) == []

    # -- life cycle ---------------------------------------------------------------------

    def test_context_manager_and_close(self, store: SnapshotStore) -> None:
        """`with` returns the store and closes it; a closed store refuses work."""
        with store as entered:
            assert entered is store
            entered.put(_snap())
        with pytest.raises(StorageError):
            store.profiles()
        with pytest.raises(StorageError):
            store.put(_snap("bob"))
        store.close()

    # -- properties ---------------------------------------------------------------------

    @_HYPOTHESIS
    @given(snapshot=snapshots())
    def test_any_snapshot_comes_back_equal(self, store: SnapshotStore, snapshot: Snapshot) -> None:
        """Whatever is put comes back equal, through get, history and latest."""
        snapshot = attrs.evolve(snapshot, profile=f"{uuid.uuid4().hex} {snapshot.profile}")
        assert store.put(snapshot) is True
        assert store.get(snapshot.profile, snapshot.day) == snapshot
        assert store.history(snapshot.profile) == [snapshot]
        assert store.latest([snapshot.profile]) == [snapshot]
        assert store.put(snapshot) is False

    @_HYPOTHESIS
    @given(batch=st.lists(snapshots(profile=st.sampled_from(["a", "b", "c"])), max_size=12))
    def test_any_batch_comes_back_as_put_one_by_one_would(
        self, store: SnapshotStore, batch: list[Snapshot]
    ) -> None:
        """put_many of any batch leaves what put() on each would, by day."""
        prefix = uuid.uuid4().hex
        batch = [attrs.evolve(s, profile=f"{prefix}-{s.profile}") for s in batch]
        store.put_many(batch)
        expected: dict[tuple[str, dt.date], Snapshot] = {}
        for s in batch:
            old = expected.get((s.profile, s.day))
            if old is None or not (
                old.captured_at is not None
                and (s.captured_at is None or old.captured_at > s.captured_at)
            ):
                expected[(s.profile, s.day)] = s
        for profile in {s.profile for s in batch}:
            want = sorted(
                (s for (p, _), s in expected.items() if p == profile), key=lambda s: s.day
            )
            assert store.history(profile) == want

    @_HYPOTHESIS
    @given(note=notes())
    def test_any_note_comes_back_equal(self, store: SnapshotStore, note: Note) -> None:
        """Whatever note is added comes back equal."""
        note = attrs.evolve(note, profile=f"{uuid.uuid4().hex} {note.profile}")
        store.add_note(note)
        assert store.notes(note.profile) == [note]

    # -- activities ---------------------------------------------------------------------

    def test_activities_start_empty(self, store: SnapshotStore) -> None:
        """A fresh store has no activities, and an empty batch writes nothing."""
        assert store.activities("ana") == []
        assert store.put_activities([]) == 0

    def test_activities_come_back_sorted_within_inclusive_bounds(
        self, store: SnapshotStore
    ) -> None:
        """activities() sorts by day, kind, source and includes both bounds."""
        batch = [
            _act("post", 3, 1),
            _act("comment", 0, 5),
            _act("comment", 3, 2, source="manual"),
            _act("comment", 3, 4),
            _act("search", 1, 7),
            _act("comment", 1, 9, profile="bob"),
        ]
        assert store.put_activities(batch) == 6
        got = store.activities("ana")
        assert [(a.day, a.kind.value, a.source, a.count) for a in got] == [
            (_days(0), "comment", "linkedin-export", 5),
            (_days(1), "search", "linkedin-export", 7),
            (_days(3), "comment", "linkedin-export", 4),
            (_days(3), "comment", "manual", 2),
            (_days(3), "post", "linkedin-export", 1),
        ]
        assert got[0] == batch[1]
        assert [a.day for a in store.activities("ana", since=_days(1), until=_days(3))] == [
            _days(1),
            _days(3),
            _days(3),
            _days(3),
        ]
        assert store.activities("ana", since=_days(4)) == []
        assert store.activities("ana", until=_days(0)) == [batch[1]]
        assert store.activities("bob") == [batch[5]]
        assert store.activities("cy") == []

    def test_a_later_activity_count_replaces_never_adds(self, store: SnapshotStore) -> None:
        """Keyed by (profile, day, kind, source): a new count replaces; an equal one is a no-op."""
        assert store.put_activities([_act(count=3)]) == 1
        assert store.put_activities([_act(count=3)]) == 0
        assert store.put_activities([_act(count=5), _act("post", count=1)]) == 2
        assert [(a.kind.value, a.count) for a in store.activities("ana")] == [
            ("comment", 5),
            ("post", 1),
        ]
        assert store.put_activities([_act(count=0)]) == 1
        assert store.activities("ana")[0].count == 0

    def test_the_last_item_for_a_key_in_a_batch_wins(self, store: SnapshotStore) -> None:
        """Within one batch, items for the same key replace each other in order."""
        store.put_activities([_act(count=1), _act(count=8), _act(count=2)])
        assert store.activities("ana") == [_act(count=2)]

    def test_put_activities_is_all_or_nothing(self, store: SnapshotStore) -> None:
        """A bad item anywhere, or a failing source, leaves the store as it was."""
        store.put_activities([_act(count=1)])
        with pytest.raises(StorageError, match="expected an Activity"):
            store.put_activities([_act(count=9), _act("post", 1), "post"])  # type: ignore[list-item]

        def failing() -> Iterator[Activity]:
            yield _act(count=9)
            raise RuntimeError("the source broke")

        with pytest.raises(RuntimeError, match="the source broke"):
            store.put_activities(failing())
        assert store.activities("ana") == [_act(count=1)]

    def test_put_activities_refuses_one_activity(self, store: SnapshotStore) -> None:
        """put_activities(activity) is a mistake for put_activities([activity]), and says so."""
        with pytest.raises(StorageError, match="wrap it in a list"):
            store.put_activities(_act())  # type: ignore[arg-type]

    def test_activities_reject_what_is_not_a_date(self, store: SnapshotStore) -> None:
        """Bounds given as text are an SSIError."""
        with pytest.raises(StorageError, match="since"):
            store.activities("ana", since="2026-03-02")  # type: ignore[arg-type]

    def test_delete_profile_removes_its_activities(self, store: SnapshotStore) -> None:
        """delete_profile also deletes the profile's activities, and only its own."""
        store.put(_snap("ana"))
        store.put_activities([_act(day=d) for d in range(3)] + [_act(profile="bob")])
        assert store.delete_profile("ana") == 1
        assert store.activities("ana") == []
        assert store.activities("bob") == [_act(profile="bob")]
        store.put_activities([_act(profile="cy")])
        assert store.delete_profile("cy") == 0
        assert store.activities("cy") == []

    def test_activities_are_kept_apart_from_snapshots(self, store: SnapshotStore) -> None:
        """Activities alone do not make a profile (profiles() lists snapshot owners)."""
        store.put_activities([_act(profile="dee")])
        assert store.profiles() == []
        assert store.history("dee") == []

    @_HYPOTHESIS
    @given(activity=activities())
    def test_any_activity_comes_back_equal(self, store: SnapshotStore, activity: Activity) -> None:
        """Whatever activity is put comes back equal."""
        activity = attrs.evolve(activity, profile=f"{uuid.uuid4().hex} {activity.profile}")
        assert store.put_activities([activity]) == 1
        assert store.activities(activity.profile) == [activity]
        assert store.activities(activity.profile, activity.day, activity.day) == [activity]
        assert store.put_activities([activity]) == 0
