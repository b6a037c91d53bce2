"""Argument types, the options every command shares, and where each setting comes from.

A setting is taken from the first of: its command-line flag, its environment
variable, the settings file (:mod:`ssi_index._config`), the built-in default.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Final

import attrs

from ssi_index._i18n import LOCALES, message, normalize_locale
from ssi_index._model import Pillar

__all__ = [
    "LOCALE_ENV",
    "PROFILE_ENV",
    "SHORT",
    "STORE_ENV",
    "Types",
    "early_locale",
    "store_url",
]

STORE_ENV: Final = "SSI_INDEX_STORE"
"""The store URL (or SQLite path) when ``--store`` is not given."""
PROFILE_ENV: Final = "SSI_INDEX_PROFILE"
"""The profile when ``-p/--profile`` is not given."""
LOCALE_ENV: Final = "SSI_INDEX_LOCALE"
"""The language of messages when ``--locale`` is not given."""

SHORT: Final = {
    Pillar.PROFESSIONAL_BRAND: "brand",
    Pillar.FIND_RIGHT_PEOPLE: "people",
    Pillar.INSIGHT_ENGAGEMENT: "insights",
    Pillar.STRONG_RELATIONSHIP: "relationships",
}
"""Short pillar names for table columns and ``--pillar`` (the same in every language)."""


def store_url(value: str, *, base: Path | None = None) -> str:
    """Return a store URL for *value*: a URL as it is, a plain path as a SQLite URL.

    Args:
        value: ``sqlite:///...``, ``postgresql://...``, ``memory://`` ... or a path
            such as ``ssi.db`` or ``~/ssi/history.db``.
        base: The folder a relative path is relative to (default: the current one).

    Example:
        >>> store_url("memory://")
        'memory://'
    """
    if "://" in value:
        return value
    path = Path(value).expanduser()
    if not path.is_absolute() and base is not None:
        path = base / path
    return f"sqlite:///{path.absolute()}"


def early_locale(argv: Sequence[str]) -> str | None:
    """The locale named by ``--locale`` in *argv*, if any and valid, before parsing.

    The help texts are built in the user's language, so the locale is needed
    before argparse runs; an invalid one is left for argparse to refuse.
    """
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        value = None
        if arg == "--locale" and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith("--locale="):
            value = arg.partition("=")[2]
        if value is not None:
            try:
                return normalize_locale(value)
            except LookupError:
                return None
    return None


def env_locale() -> str | None:
    """The locale from ``SSI_INDEX_LOCALE``, normalized; ``None`` when unset.

    Raises:
        UnknownLocaleError: the variable names a language without texts.
    """
    value = os.environ.get(LOCALE_ENV)
    return normalize_locale(value) if value else None


@attrs.frozen
class Types:
    """Argument types whose refusals speak the user's language (argparse then exits 2).

    Attributes:
        locale: The language of the messages.
    """

    locale: str

    def _refuse(self, key: str, text: str, **fields: object) -> argparse.ArgumentTypeError:
        return argparse.ArgumentTypeError(message(self.locale, key, found=repr(text), **fields))

    def day(self, text: str) -> dt.date:
        """A day as ``YYYY-MM-DD``."""
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise self._refuse("cli.type.day", text) from None

    def target(self, text: str) -> float:
        """A total from 0 to 100."""
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if not math.isfinite(value) or not 0 <= value <= 100:
            raise self._refuse("cli.type.target", text)
        return value

    def positive(self, text: str) -> int:
        """A whole number of 1 or more."""
        try:
            value = int(text)
        except ValueError:
            value = 0
        if value < 1:
            raise self._refuse("cli.type.positive", text)
        return value

    def profile(self, text: str) -> str:
        """A non-empty profile id."""
        if not text.strip():
            raise self._refuse("cli.type.profile", text)
        return text

    def text(self, text: str) -> str:
        """Non-empty text."""
        if not text.strip():
            raise self._refuse("cli.type.text", text)
        return text

    def pillar(self, text: str) -> Pillar:
        """A pillar by short name (``people``), slug or LinkedIn's name."""
        key = text.strip().replace("-", "_").lower()
        for pillar in Pillar:
            if key in (pillar.slug, SHORT[pillar], pillar.value.lower()):
                return pillar
        names = ", ".join(SHORT[p] for p in Pillar)
        raise self._refuse("cli.type.pillar", text, names=names)

    def language(self, text: str) -> str:
        """A locale ssi-index has texts for."""
        try:
            return normalize_locale(text)
        except LookupError:
            raise self._refuse("cli.type.locale", text, names=", ".join(LOCALES)) from None
