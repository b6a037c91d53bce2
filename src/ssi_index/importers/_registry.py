"""Every known history format: the built-in ones, then those of the ``ssi_index.importers`` group.

Detection tries the formats in :func:`registered` order and takes the first whose
``detect`` says yes; built-in names win over a plugin's.
"""

from __future__ import annotations

from importlib.metadata import entry_points
from typing import Final

from ssi_index._errors import UnknownFormatError

from . import _analyzer, _booster, _files, _linkedin_bot, _own, _socialedge, _ssi_data, _tracker
from ._source import SourceFile
from ._types import Importer

__all__ = ["ENTRY_POINT_GROUP", "detect", "find", "names", "registered"]

ENTRY_POINT_GROUP: Final = "ssi_index.importers"
"""The entry-point group where third-party packages register importers."""

_BUILT_IN: Final[tuple[Importer, ...]] = (
    _own.CSV_IMPORTER,
    _own.JSON_IMPORTER,
    _socialedge.IMPORTER,
    _linkedin_bot.CSV_IMPORTER,
    _linkedin_bot.SQLITE_IMPORTER,
    _ssi_data.IMPORTER,
    _booster.SNAPSHOTS_IMPORTER,
    _booster.BOOSTER_IMPORTER,
    _tracker.IMPORTER,
    _analyzer.IMPORTER,
    _files.IMPORTER,
)


def _plugins() -> list[Importer]:
    found: list[Importer] = []
    taken = {imp.name for imp in _BUILT_IN}
    for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        try:
            obj = ep.load()
            importer = obj() if isinstance(obj, type) else obj
        except Exception as err:
            raise UnknownFormatError(
                f"cannot load the importer {ep.value!r} registered as {ep.name!r} in "
                f"{ENTRY_POINT_GROUP}: {type(err).__name__}: {err}",
                available=tuple(sorted(taken)),
            ) from err
        if not isinstance(importer, Importer):
            raise UnknownFormatError(
                f"entry point {ep.name!r} of {ENTRY_POINT_GROUP}: expected an importer "
                f"(name, description, detect, read), found {type(importer).__name__}",
                available=tuple(sorted(taken)),
            )
        if importer.name not in taken:
            taken.add(importer.name)
            found.append(importer)
    return found


def registered() -> tuple[Importer, ...]:
    """Every importer: the built-in ones in detection order, then the plugins by name."""
    return (*_BUILT_IN, *_plugins())


def names(found: tuple[Importer, ...] | None = None) -> tuple[str, ...]:
    """The names of every format, sorted."""
    return tuple(sorted(imp.name for imp in (found if found is not None else registered())))


def find(name: str, found: tuple[Importer, ...]) -> Importer:
    """The importer called *name*.

    Raises:
        UnknownFormatError: no format has that name (the message lists them).
    """
    for importer in found:
        if importer.name == name:
            return importer
    raise UnknownFormatError(
        f"expected a format name, found {name!r}",
        available=names(found),
        key="import.unknown_format",
        params={"found": repr(name)},
    )


def detect(file: SourceFile, found: tuple[Importer, ...]) -> Importer | None:
    """The first importer that recognises *file*, or ``None``."""
    for importer in found:
        if importer.detect(file):
            return importer
    return None
