"""Fetch today's score and keep it: :func:`record`, at most once per profile per hour."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Final

from ssi_index._errors import InvalidScoreError
from ssi_index._snapshot import Snapshot

if TYPE_CHECKING:
    from ssi_index.fetch._client import SSIClient
    from ssi_index.storage import SnapshotStore

__all__ = ["MIN_INTERVAL", "SOURCE", "record"]

MIN_INTERVAL: Final = dt.timedelta(hours=1)
"""The shortest time between two fetches for one profile, unless forced."""
SOURCE: Final = "api"
"""The :attr:`~ssi_index.Snapshot.source` of snapshots that :func:`record` makes."""


def record(
    client: SSIClient,
    store: SnapshotStore,
    profile: str,
    *,
    force: bool = False,
    now: dt.datetime | None = None,
) -> Snapshot:
    """Fetch the member's score and store it as today's snapshot.

    LinkedIn updates the SSI once a day, and asking often puts an account at
    risk: when the store already holds a snapshot of *profile* captured less
    than an hour ago, that snapshot is returned and nothing is fetched, unless
    *force* is true.

    The new snapshot has ``source="api"``, ``captured_at`` *now* (in UTC) and
    ``day`` the UTC date of *now*. The store's rule decides whether it replaces
    a snapshot already kept for that day (a newer capture wins).

    Args:
        client: The client holding the member's session.
        store: Where the history lives (any :class:`~ssi_index.storage.SnapshotStore`).
        profile: The id the history is kept under (an email, a vanity name, "me").
        force: Fetch even if a snapshot was captured less than an hour ago.
        now: The current time, timezone-aware (default: the clock).

    Returns:
        The snapshot the store holds for the profile afterwards: the new one,
        or the recent or newer one that was kept.

    Raises:
        InvalidScoreError: *profile* is empty or *now* is not timezone-aware.
        NotAuthenticatedError: LinkedIn refused the session.
        RateLimitError: LinkedIn kept answering 429.
        FetchError: The network failed or LinkedIn answered with an error.
        ParseError: The answer is not an SSI payload.
        StorageError: The store could not be read or written.

    Example:
        >>> from ssi_index import SSIClient, record  # doctest: +SKIP
        >>> from ssi_index.storage import open_store  # doctest: +SKIP
        >>> with SSIClient.from_env() as client, open_store() as store:  # doctest: +SKIP
        ...     snapshot = record(client, store, "me")
    """
    if not isinstance(profile, str) or not profile.strip():
        raise InvalidScoreError(f"profile: expected a non-empty profile id, found {profile!r}")
    if now is None:
        now = dt.datetime.now(dt.UTC)
    elif not isinstance(now, dt.datetime) or now.tzinfo is None or now.utcoffset() is None:
        raise InvalidScoreError(f"now: expected a timezone-aware datetime, found {now!r}")
    now = now.astimezone(dt.UTC)
    if not force:
        for kept in store.latest([profile]):
            captured = kept.captured_at
            if kept.profile == profile and captured is not None:
                age = now - captured
                if dt.timedelta(0) <= age < MIN_INTERVAL:
                    return kept
    score = client.fetch()
    snapshot = Snapshot(
        profile=profile, day=now.date(), score=score, captured_at=now, source=SOURCE
    )
    if store.put(snapshot):
        return snapshot
    kept_today = store.get(profile, snapshot.day)
    return snapshot if kept_today is None else kept_today
