"""Shared fixtures. PostgreSQL tests need ``SSI_INDEX_TEST_POSTGRES_URL`` (see DEVELOPERS.md)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, settings

if TYPE_CHECKING:
    from ssi_index.storage import PostgresStore

# CI machines are shared and noisy: no per-example deadline, no "too slow" health check.
# Speed is measured in benchmarks/, never asserted here.
settings.register_profile(
    "ssi-index", deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ssi-index"))

POSTGRES_ENV = "SSI_INDEX_TEST_POSTGRES_URL"
_TABLES = "ssi_snapshots, ssi_groups, ssi_notes, ssi_teams, ssi_activities"


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """The test server's URL, or skip the test saying how to run it."""
    url = os.environ.get(POSTGRES_ENV, "")
    if not url:
        pytest.skip(f"{POSTGRES_ENV} is not set: PostgreSQL tests skipped (see DEVELOPERS.md)")
    return url


@pytest.fixture(scope="session")
def postgres_schema(postgres_url: str) -> Iterator[str]:
    """A schema of this test run's own (``ssi_test_<uuid>``), dropped at the end."""
    import psycopg

    name = f"ssi_test_{uuid.uuid4().hex}"
    yield name
    with psycopg.connect(postgres_url, autocommit=True) as con:
        con.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')


@pytest.fixture
def postgres_store(postgres_url: str, postgres_schema: str) -> Iterator[PostgresStore]:
    """An empty PostgresStore in the run's schema, closed afterwards."""
    import psycopg

    from ssi_index.storage import PostgresStore

    store = PostgresStore(postgres_url, schema=postgres_schema)
    with psycopg.connect(postgres_url, autocommit=True) as con:
        con.execute(f'SET search_path TO "{postgres_schema}"')
        con.execute(f"TRUNCATE {_TABLES}")
    yield store
    store.close()


CHROMIUM = os.environ.get("SSI_INDEX_TEST_CHROMIUM", "/usr/bin/chromium")
_CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """A headless system Chromium driven by Playwright, or skip the test saying why.

    Typed as ``object`` so the suite type-checks without Playwright; tests cast it to
    ``playwright.sync_api.Browser``. ``.ci/run`` installs Debian's ``chromium`` so CI
    always runs these tests; set ``SSI_INDEX_TEST_CHROMIUM`` to use another binary.
    """
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"no Chromium at {CHROMIUM}: browser tests skipped (apt install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed: browser tests skipped (pip install '.[test]')")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=_CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
