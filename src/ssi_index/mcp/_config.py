"""Where the server's settings come from: arguments, the environment, the settings file.

The one precedence of ssi-index: an argument (a CLI flag), then the environment
(``SSI_INDEX_STORE``, ``SSI_INDEX_PROFILE``, ``SSI_INDEX_LOCALE``), then the settings
file (:mod:`ssi_index._config`), then the built-in default. A plain path as the store
is a SQLite file, as for the CLI.
"""

from __future__ import annotations

import os

import attrs

from ssi_index._config import load_config
from ssi_index._i18n import normalize_locale
from ssi_index.cli._options import LOCALE_ENV, PROFILE_ENV, STORE_ENV, store_url
from ssi_index.rules._goals import to_goal
from ssi_index.rules._plan import check_target

__all__ = ["LOCALE_ENV", "PROFILE_ENV", "STORE_ENV", "ServerConfig"]


def _given(value: str | None) -> str | None:
    return value if value and value.strip() else None


@attrs.frozen(kw_only=True)
class ServerConfig:
    """What every tool call starts from.

    Attributes:
        store: The store URL, or ``None`` for the default SQLite file in the user's
            data folder.
        profile: The profile tools use when a call names none, or ``None``.
        locale: The language of the readable part of each result.
        goal: The goal tools use when a call names none, or ``None`` (sales).
        target: The target tools use when a call names none, or ``None`` (the goal's).
    """

    store: str | None = None
    profile: str | None = None
    locale: str = "en"
    goal: str | None = None
    target: float | None = None

    @classmethod
    def resolve(
        cls,
        store: str | None = None,
        profile: str | None = None,
        locale: str | None = None,
        goal: str | None = None,
        target: float | None = None,
    ) -> ServerConfig:
        """Take each setting from its argument, else the environment, else the settings file.

        Raises:
            ConfigError: the settings file cannot be used.
            UnknownLocaleError: the locale has no texts.
            RuleError: an unknown goal.
            InvalidScoreError: a target that is not a total from 0 to 100.
        """
        file = load_config()
        url = _given(store) or _given(os.environ.get(STORE_ENV))
        if url is None and file.store:
            base = None if file.path is None else file.path.parent
            url = store_url(file.store, base=base)
        chosen_goal = _given(goal) or file.goal
        chosen_target = target if target is not None else file.target
        return cls(
            store=None if url is None else store_url(url),
            profile=_given(profile) or _given(os.environ.get(PROFILE_ENV)) or file.profile,
            locale=normalize_locale(
                _given(locale) or _given(os.environ.get(LOCALE_ENV)) or file.locale or "en"
            ),
            goal=None if chosen_goal is None else to_goal(chosen_goal).value,
            target=None if chosen_target is None else check_target(chosen_target),
        )
