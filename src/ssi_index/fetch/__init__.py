"""Fetch your own SSI from LinkedIn with your own browser session, and record it.

:class:`SSIClient` makes one GET of LinkedIn's SSI endpoint with the session's
two cookies (``li_at`` and ``JSESSIONID``), retrying 429 and 5xx answers within
bounds and ending within an overall deadline; :func:`record` stores the result
as today's snapshot, at most once per profile per hour. The cookies come from
arguments, from the environment (``SSI_INDEX_LI_AT``, ``SSI_INDEX_JSESSIONID``)
or from a browser-exported ``cookies.txt``; they never appear in a ``repr``, an
error (its chain or its traceback's local variables) or a log record.

Fetching anybody else's score is not supported: the endpoint only ever answers
with the signed-in member's own.

Example:
    >>> from ssi_index.fetch import SSIClient
    >>> client = SSIClient.from_env({"SSI_INDEX_LI_AT": "AQEDAbc",
    ...                              "SSI_INDEX_JSESSIONID": '"ajax:123"'})
    >>> client.url
    'https://www.linkedin.com/sales-api/salesApiSsi'
"""

from __future__ import annotations

from ssi_index.fetch._client import (
    DEFAULT_BACKOFF,
    DEFAULT_BACKOFF_MAX,
    DEFAULT_BASE_URL,
    DEFAULT_MAX_BODY,
    DEFAULT_MAX_DEPTH,
    DEFAULT_MAX_RETRY_AFTER,
    DEFAULT_RETRIES,
    DEFAULT_TIMEOUT,
    DEFAULT_USER_AGENT,
    SSI_PATH,
    ClientOptions,
    SSIClient,
)
from ssi_index.fetch._cookies import (
    DOCS_URL,
    JSESSIONID_ENV,
    LI_AT_ENV,
    InsecureCookieFileWarning,
    Secret,
    SessionCookies,
)
from ssi_index.fetch._record import MIN_INTERVAL, SOURCE, record

__all__ = [
    "DEFAULT_BACKOFF",
    "DEFAULT_BACKOFF_MAX",
    "DEFAULT_BASE_URL",
    "DEFAULT_MAX_BODY",
    "DEFAULT_MAX_DEPTH",
    "DEFAULT_MAX_RETRY_AFTER",
    "DEFAULT_RETRIES",
    "DEFAULT_TIMEOUT",
    "DEFAULT_USER_AGENT",
    "DOCS_URL",
    "JSESSIONID_ENV",
    "LI_AT_ENV",
    "MIN_INTERVAL",
    "SOURCE",
    "SSI_PATH",
    "ClientOptions",
    "InsecureCookieFileWarning",
    "SSIClient",
    "Secret",
    "SessionCookies",
    "record",
]
