"""Where the server's store, profile and locale come from: arguments, then the environment."""

from __future__ import annotations

import os
from typing import Final

import attrs

from ssi_index._i18n import normalize_locale
from ssi_index.storage import ENV_VAR as STORE_ENV

__all__ = ["LOCALE_ENV", "PROFILE_ENV", "STORE_ENV", "ServerConfig"]

PROFILE_ENV: Final = "SSI_INDEX_PROFILE"
"""The environment variable naming the default profile, as for the CLI."""
LOCALE_ENV: Final = "SSI_INDEX_LOCALE"
"""The environment variable naming the default locale of the server's texts."""


def _blank_to_none(value: str | None) -> str | None:
    return value if value and value.strip() else None


@attrs.frozen(kw_only=True)
class ServerConfig:
    """What every tool call starts from.

    Attributes:
        store: The store URL, or ``None`` for :func:`ssi_index.open_store`'s default
            (``SSI_INDEX_STORE``, else the SQLite file in the user's data folder).
        profile: The profile tools use when a call names none, or ``None``.
        locale: The language of the readable part of each result.
    """

    store: str | None = None
    profile: str | None = None
    locale: str = "en"

    @classmethod
    def resolve(
        cls, store: str | None = None, profile: str | None = None, locale: str | None = None
    ) -> ServerConfig:
        """Take each setting from its argument, else from the environment.

        Raises:
            UnknownLocaleError: the locale (given or from ``SSI_INDEX_LOCALE``) has no texts.
        """
        return cls(
            store=_blank_to_none(store) or _blank_to_none(os.environ.get(STORE_ENV)),
            profile=_blank_to_none(profile) or _blank_to_none(os.environ.get(PROFILE_ENV)),
            locale=normalize_locale(
                _blank_to_none(locale) or _blank_to_none(os.environ.get(LOCALE_ENV)) or "en"
            ),
        )
