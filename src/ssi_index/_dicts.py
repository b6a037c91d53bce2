"""``to_dict()`` / ``from_dict()`` for every ssi-index value, written once."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self

__all__ = ["DictMixin"]


class DictMixin:
    """Gives a value ``to_dict()`` and ``from_dict()`` through the one private converter."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict; :meth:`from_dict` reads it back exactly.

        Example:
            >>> from ssi_index import Score
            >>> Score.from_pillars([13.4, 10.7, 11.1, 25]).to_dict()["overall"]
            60.2
        """
        from ._convert import unstructure

        return unstructure(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """Build the value from :meth:`to_dict`'s output (or JSON of that shape).

        Raises:
            ParseError: the dict has the wrong shape (a wrong type, a missing or an
                unknown key); the message and ``path`` name the place, e.g.
                ``$.groups[0].rank``.
            InvalidScoreError: the values break the rules of a score.
            InvalidScaleError: a scale's bands leave gaps, overlap or miss 0 or 100.
        """
        from ._convert import structure

        return structure(data, cls)
