"""Lazy imports of optional extras with an error that names the extra to install."""

from __future__ import annotations

import importlib
from types import ModuleType

from ._errors import MissingDependencyError


def require(module: str, extra: str) -> ModuleType:
    """Import *module*, or raise :class:`MissingDependencyError` naming *extra*.

    Args:
        module: The importable module name, e.g. ``"psycopg"``.
        extra: The ssi-index extra that installs it, e.g. ``"postgres"``.
    """
    try:
        return importlib.import_module(module)
    except ImportError as err:
        raise MissingDependencyError(module, extra) from err
