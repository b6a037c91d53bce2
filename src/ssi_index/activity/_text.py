"""The locale functions of :mod:`ssi_index._i18n`, imported on first use.

``_i18n`` reads TOML (``tomllib``); ``import ssi_index`` must stay light, so the
activity package reaches it only when a text is actually needed.
"""

from __future__ import annotations

__all__ = ["direction", "format_number", "message", "normalize_locale", "plural", "signed_plural"]


def message(locale: str, key: str, /, **fields: object) -> str:
    """See :func:`ssi_index._i18n.message`."""
    from ssi_index import _i18n

    return _i18n.message(locale, key, **fields)


def format_number(locale: str, value: float, digits: int = 1, *, sign: bool = False) -> str:
    """See :func:`ssi_index._i18n.format_number`."""
    from ssi_index import _i18n

    return _i18n.format_number(locale, value, digits, sign=sign)


def signed_plural(locale: str, key: str, n: float, /, digits: int = 1) -> str:
    """See :func:`ssi_index._i18n.signed_plural`."""
    from ssi_index import _i18n

    return _i18n.signed_plural(locale, key, n, digits)


def plural(locale: str, key: str, n: float, /, digits: int = 1, **fields: object) -> str:
    """See :func:`ssi_index._i18n.plural`."""
    from ssi_index import _i18n

    return _i18n.plural(locale, key, n, digits, **fields)


def direction(locale: str) -> str:
    """See :func:`ssi_index._i18n.direction`."""
    from ssi_index import _i18n

    return _i18n.direction(locale)


def normalize_locale(locale: str) -> str:
    """See :func:`ssi_index._i18n.normalize_locale`."""
    from ssi_index import _i18n

    return _i18n.normalize_locale(locale)
