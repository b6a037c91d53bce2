"""Record today's SSI into the default store, with your own LinkedIn session.

Set the two cookies in the environment (never on the command line, where other
users of the machine can see them), then run this script once a day:

    export SSI_INDEX_LI_AT='AQEDA...'             # the li_at cookie
    export SSI_INDEX_JSESSIONID='"ajax:123..."'   # the JSESSIONID cookie
    python examples/record_today.py

Optional: SSI_INDEX_STORE (a store URL, default: SQLite in your data folder),
SSI_INDEX_PROFILE (default "me"), SSI_INDEX_BASE_URL (default LinkedIn).
Without the cookies it explains how to set them and exits without any network access.
"""

from __future__ import annotations

import os
import sys

from ssi_index import SSIClient, SSIError, record
from ssi_index.fetch import DEFAULT_BASE_URL, DOCS_URL, JSESSIONID_ENV, LI_AT_ENV
from ssi_index.storage import open_store


def main() -> int:
    if not (os.environ.get(LI_AT_ENV) and os.environ.get(JSESSIONID_ENV)):
        print(
            f"No LinkedIn session: set {LI_AT_ENV} and {JSESSIONID_ENV} to your browser's\n"
            f"li_at and JSESSIONID cookies, then run this again. How: {DOCS_URL}"
        )
        return 0
    base_url = os.environ.get("SSI_INDEX_BASE_URL", DEFAULT_BASE_URL)
    profile = os.environ.get("SSI_INDEX_PROFILE", "me")
    try:
        # Each read may wait 10 s; the whole fetch, retries included, ends within 30 s.
        client = SSIClient.from_env(base_url=base_url, timeout=10, deadline=30)
        with client, open_store() as store:
            snapshot = record(client, store, profile)
    except SSIError as err:
        print(f"Could not record today's SSI: {err}", file=sys.stderr)
        return 1
    score = snapshot.score
    print(f"{snapshot.day}: SSI {score.overall:.0f}/100 for {profile!r} ({score.tier.name})")
    for pillar, points in score.pillars.items():
        print(f"  {pillar.label:<36} {points:5.2f} / 25")
    return 0


if __name__ == "__main__":
    sys.exit(main())
