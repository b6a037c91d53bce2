"""Helpers for formats that are a JSON array (or an object holding one) of entries."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from ssi_index._errors import ParseError, Phrase

from ._source import SourceFile

__all__ = ["entries", "first_entry"]


def first_entry(data: object, key: str | None = None) -> Mapping[str, Any] | None:
    """The first object of the array (or of ``data[key]`` when *key* is given), else ``None``."""
    if key is not None:
        data = data.get(key) if isinstance(data, Mapping) else None
    if isinstance(data, list) and data and isinstance(data[0], Mapping):
        return data[0]
    return None


def entries(
    file: SourceFile, what: str, key: str | None = None, *, newest_first: bool = False
) -> Iterator[tuple[str, object]]:
    """Yield ``(where, entry)`` for the array, oldest first.

    Raises:
        ParseError: the file is not JSON or not of that shape.
    """
    data = file.json()
    if key is not None:
        data = data.get(key) if isinstance(data, Mapping) else None
    if not isinstance(data, list):
        raise ParseError(
            f"expected {what} in {file.name!r}, found {file.json_error or 'another shape'}",
            path=file.name,
            key="import.not_array",
            params={"file": file.name, "found": file.json_error or Phrase("import.another_shape")},
        )
    items: Sequence[object] = data
    order = range(len(items) - 1, -1, -1) if newest_first else range(len(items))
    for index in order:
        yield file.where("item", index + 1), items[index]
