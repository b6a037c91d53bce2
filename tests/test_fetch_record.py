"""record(): fetch and store today's snapshot, at most once per profile per hour."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from fetch_server import (
    JSESSIONID_STORED,
    LI_AT,
    PAYLOAD,
    SECRETS,
    Reply,
    ScriptedServer,
    assert_no_secret,
    error_texts,
)
from ssi_index import (
    InvalidScoreError,
    NotAuthenticatedError,
    Snapshot,
    SSIClient,
    parse_json,
    record,
)
from ssi_index.storage import MemoryStore, SQLiteStore

NOW = dt.datetime(2026, 11, 23, 14, 5, tzinfo=dt.UTC)
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    with ScriptedServer() as srv:
        yield srv


@pytest.fixture
def client(server: ScriptedServer) -> Iterator[SSIClient]:
    with SSIClient(
        LI_AT, JSESSIONID_STORED, base_url=server.url, timeout=0.3, backoff=0.001
    ) as ssi_client:
        yield ssi_client


def test_record_stores_todays_snapshot(server: ScriptedServer, client: SSIClient) -> None:
    store = MemoryStore()
    local = NOW.astimezone(dt.timezone(dt.timedelta(hours=-11)))  # still the 23rd in UTC
    snapshot = record(client, store, "me", now=local)
    assert snapshot == Snapshot(
        profile="me",
        day=dt.date(2026, 11, 23),
        score=parse_json(PAYLOAD),
        captured_at=NOW,
        source="api",
    )
    assert snapshot.captured_at is not None
    assert snapshot.captured_at.tzinfo is dt.UTC
    assert store.get("me", dt.date(2026, 11, 23)) == snapshot
    assert len(server.received) == 1


def test_day_is_the_utc_date(client: SSIClient) -> None:
    store = MemoryStore()
    late = dt.datetime(2026, 11, 23, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    snapshot = record(client, store, "me", now=late)
    assert snapshot.day == dt.date(2026, 11, 24)


def test_record_without_now_uses_the_clock(client: SSIClient) -> None:
    before = dt.datetime.now(dt.UTC)
    snapshot = record(client, MemoryStore(), "me")
    after = dt.datetime.now(dt.UTC)
    assert snapshot.captured_at is not None
    assert before <= snapshot.captured_at <= after


def test_second_record_within_the_hour_does_not_fetch(
    server: ScriptedServer, client: SSIClient
) -> None:
    store = MemoryStore()
    first = record(client, store, "me", now=NOW)
    again = record(client, store, "me", now=NOW + dt.timedelta(minutes=59))
    assert again == first
    assert len(server.received) == 1


def test_record_after_an_hour_fetches_again(server: ScriptedServer, client: SSIClient) -> None:
    store = MemoryStore()
    record(client, store, "me", now=NOW)
    later = record(client, store, "me", now=NOW + dt.timedelta(hours=1))
    assert later.captured_at == NOW + dt.timedelta(hours=1)
    assert store.get("me", NOW.date()) == later
    assert len(server.received) == 2


def test_force_fetches_within_the_hour(server: ScriptedServer, client: SSIClient) -> None:
    store = MemoryStore()
    record(client, store, "me", now=NOW)
    forced = record(client, store, "me", force=True, now=NOW + dt.timedelta(minutes=1))
    assert forced.captured_at == NOW + dt.timedelta(minutes=1)
    assert len(server.received) == 2


def test_throttle_is_per_profile(server: ScriptedServer, client: SSIClient) -> None:
    store = MemoryStore()
    record(client, store, "alice", now=NOW)
    record(client, store, "bob", now=NOW)
    assert len(server.received) == 2
    assert store.profiles() == ["alice", "bob"]


def test_snapshot_without_capture_time_does_not_throttle(
    server: ScriptedServer, client: SSIClient
) -> None:
    store = MemoryStore()
    manual = Snapshot(profile="me", day=NOW.date(), score=parse_json(PAYLOAD), source="manual")
    store.put(manual)
    snapshot = record(client, store, "me", now=NOW)
    assert snapshot.source == "api"
    assert len(server.received) == 1


def test_a_newer_stored_capture_is_kept_and_returned(
    server: ScriptedServer, client: SSIClient
) -> None:
    store = MemoryStore()
    newer = record(client, store, "me", now=NOW + dt.timedelta(hours=2))
    kept = record(client, store, "me", now=NOW)  # a clock behind the stored capture
    assert kept == newer
    assert len(server.received) == 2


def test_failed_fetch_stores_nothing(server: ScriptedServer, client: SSIClient) -> None:
    server.script(Reply(401))
    store = MemoryStore()
    with pytest.raises(NotAuthenticatedError) as info:
        record(client, store, "me", now=NOW)
    assert store.profiles() == []
    assert_no_secret(error_texts(info.value))


@pytest.mark.parametrize(
    ("profile", "now"),
    [("", NOW), ("  ", NOW), ("me", dt.datetime(2026, 11, 23, 14, 5))],
)
def test_bad_arguments_are_refused_before_fetching(
    server: ScriptedServer, client: SSIClient, profile: str, now: dt.datetime
) -> None:
    with pytest.raises(InvalidScoreError, match="expected"):
        record(client, MemoryStore(), profile, now=now)
    assert server.received == []


def test_stored_rows_hold_no_cookie(client: SSIClient, tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "ssi.db") as store:
        record(client, store, "me", now=NOW)
        assert_no_secret([repr(store), repr(store.history("me"))])
    files = list(tmp_path.iterdir())
    assert files
    for path in files:
        data = path.read_bytes()
        for secret in SECRETS:
            assert secret.encode() not in data, f"a cookie value was stored in {path.name}"


# --- the example -----------------------------------------------------------------------------


def run_example(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("SSI_INDEX_")}
    return subprocess.run(
        [sys.executable, str(ROOT / "examples" / "record_today.py")],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_example_without_cookies_explains_and_does_not_connect(
    server: ScriptedServer, tmp_path: Path
) -> None:
    result = run_example(
        {"SSI_INDEX_BASE_URL": server.url, "SSI_INDEX_STORE": f"sqlite:///{tmp_path}/ssi.db"}
    )
    assert result.returncode == 0, result.stderr
    assert "SSI_INDEX_LI_AT" in result.stdout
    assert server.received == []
    assert list(tmp_path.iterdir()) == []


def test_example_records_into_the_store(server: ScriptedServer, tmp_path: Path) -> None:
    env = {
        "SSI_INDEX_LI_AT": LI_AT,
        "SSI_INDEX_JSESSIONID": JSESSIONID_STORED,
        "SSI_INDEX_BASE_URL": server.url,
        "SSI_INDEX_STORE": f"sqlite:///{tmp_path}/ssi.db",
    }
    result = run_example(env)
    assert result.returncode == 0, result.stderr
    assert "47" in result.stdout
    assert_no_secret([result.stdout, result.stderr])
    with SQLiteStore(tmp_path / "ssi.db") as store:
        assert store.profiles() == ["me"]
    assert len(server.received) == 1


def test_example_reports_a_refused_session(server: ScriptedServer, tmp_path: Path) -> None:
    server.script(Reply(401))
    env = {
        "SSI_INDEX_LI_AT": LI_AT,
        "SSI_INDEX_JSESSIONID": JSESSIONID_STORED,
        "SSI_INDEX_BASE_URL": server.url,
        "SSI_INDEX_STORE": f"sqlite:///{tmp_path}/ssi.db",
    }
    result = run_example(env)
    assert result.returncode == 3  # the CLI's exit code: not authenticated
    assert "copy fresh li_at and JSESSIONID" in result.stderr
    assert_no_secret([result.stdout, result.stderr])
