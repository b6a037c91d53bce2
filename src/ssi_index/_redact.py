"""Secrets kept out of what the MCP server says: session cookies and a store URL's password."""

from __future__ import annotations

import os
import urllib.parse
from collections.abc import Iterable
from typing import Any, Final

__all__ = ["SECRET_ENV", "scrub", "secrets_from_env"]

SECRET_ENV: Final = ("SSI_INDEX_LI_AT", "SSI_INDEX_JSESSIONID")
"""Environment variables holding session cookies: never echoed, whatever happens."""


def secrets_from_env(store: str | None) -> tuple[str, ...]:
    """The secret values this process knows: session cookies and the store URL's password."""
    found = [os.environ.get(name, "") for name in SECRET_ENV]
    for url in (store, os.environ.get("SSI_INDEX_STORE")):
        if url and "://" in url:
            try:
                password = urllib.parse.urlsplit(url).password
            except ValueError:
                password = None
            if password:
                found += [password, urllib.parse.quote(password, safe="")]
    return tuple(sorted({s for s in found if len(s) >= 4}, key=len, reverse=True))


def scrub(value: Any, secrets: Iterable[str]) -> Any:
    """Replace every secret in *value* (text, or JSON-ready data) with ``[redacted]``."""
    hidden = tuple(secrets)
    if not hidden:
        return value
    if isinstance(value, str):
        for secret in hidden:
            value = value.replace(secret, "[redacted]")
        return value
    if isinstance(value, dict):
        return {scrub(k, hidden): scrub(v, hidden) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [scrub(v, hidden) for v in value]
    return value
