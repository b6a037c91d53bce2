"""Which pillar each kind of activity feeds: data with sources, two readings shipped.

The maps live in ``activity/data/pillar_maps.toml`` (package data). LinkedIn's 2015
metric list and the practitioners' guides disagree on messages and short posts;
both are shipped, cited, and selectable by name. The default is ``"guides"``.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from importlib import resources
from typing import Any, Final

import attrs

from ssi_index._activity import ActivityKind
from ssi_index._errors import RuleError
from ssi_index._model import Pillar

__all__ = ["DEFAULT_PILLAR_MAP", "PILLAR_MAPS", "PillarLink", "PillarMap", "Source", "pillar_map"]

DEFAULT_PILLAR_MAP: Final = "guides"
"""The map :func:`effects` uses unless told otherwise: the practitioners' guides."""

PILLAR_MAPS: Final = ("guides", "linkedin-2015")
"""The names of the shipped maps."""


@attrs.frozen(kw_only=True)
class Source:
    """Where a mapping comes from.

    Attributes:
        key: Its short name (``"linkedin-2015"``).
        title: The document.
        url: Where to read it.
        note: What it says, in a line.
    """

    key: str
    title: str
    url: str
    note: str = ""


@attrs.frozen(kw_only=True)
class PillarLink:
    """One kind of activity and the pillar it feeds, with the sources that say so.

    Attributes:
        kind: The activity.
        pillar: The pillar it feeds.
        sources: The keys of the sources (:attr:`PillarMap.sources`).
    """

    kind: ActivityKind
    pillar: Pillar
    sources: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class PillarMap:
    """A reading of which pillar each kind of activity feeds.

    Attributes:
        name: ``"guides"``, ``"linkedin-2015"`` or your own name.
        description: One line on what this reading says.
        links: One :class:`PillarLink` per kind it maps (kinds left out feed nothing).
        sources: The cited sources by key.

    Example:
        >>> from ssi_index import ActivityKind
        >>> pillar_map("linkedin-2015").pillar(ActivityKind.MESSAGE_SENT).label
        'Engage with insights'
        >>> pillar_map().pillar(ActivityKind.MESSAGE_SENT).label
        'Build relationships'
    """

    name: str
    description: str
    links: tuple[PillarLink, ...]
    sources: Mapping[str, Source] = attrs.field(factory=dict, eq=False, hash=False)

    @classmethod
    def from_mapping(
        cls, name: str, mapping: Mapping[ActivityKind | str, Pillar | str], description: str = ""
    ) -> PillarMap:
        """Build your own map from ``{kind: pillar}`` (names or enum members).

        Raises:
            RuleError: a kind or pillar name is unknown.
        """
        links = []
        for kind, pillar in mapping.items():
            try:
                links.append(PillarLink(kind=ActivityKind(kind), pillar=Pillar(pillar)))
            except ValueError as err:
                raise RuleError(
                    f"pillar map {name!r}: expected an activity kind and a pillar name, "
                    f"found {kind!r}: {pillar!r}"
                ) from err
        return cls(name=name, description=description, links=tuple(links))

    def pillar(self, kind: ActivityKind) -> Pillar | None:
        """The pillar *kind* feeds, or ``None`` when this map leaves it out."""
        for link in self.links:
            if link.kind is kind:
                return link.pillar
        return None

    def kinds(self, pillar: Pillar) -> tuple[ActivityKind, ...]:
        """The kinds that feed *pillar*, in :class:`~ssi_index.ActivityKind` order."""
        fed = {link.kind for link in self.links if link.pillar is pillar}
        return tuple(k for k in ActivityKind if k in fed)

    def __iter__(self) -> Iterator[PillarLink]:
        return iter(self.links)


def _text(data: Mapping[str, Any], key: str, where: str) -> str:
    value = data.get(key, "")
    if not isinstance(value, str):
        raise RuleError(f"{where}.{key}: expected text, found {value!r}")
    return value


@functools.cache
def _load() -> tuple[str, dict[str, PillarMap]]:
    import tomllib  # here, not at import time: ``import ssi_index`` stays light

    raw = resources.files(__package__).joinpath("data", "pillar_maps.toml").read_text("utf-8")
    data = tomllib.loads(raw)
    sources = {
        key: Source(
            key=key,
            title=_text(entry, "title", f"sources.{key}"),
            url=_text(entry, "url", f"sources.{key}"),
            note=_text(entry, "note", f"sources.{key}"),
        )
        for key, entry in data["sources"].items()
    }
    maps: dict[str, PillarMap] = {}
    for name, entry in data["maps"].items():
        links = []
        for kind, link in entry["kinds"].items():
            cited = tuple(link.get("sources", ()))
            unknown = [c for c in cited if c not in sources]
            if unknown:
                raise RuleError(f"pillar map {name!r}, {kind}: unknown sources {unknown}")
            links.append(
                PillarLink(kind=ActivityKind(kind), pillar=Pillar(link["pillar"]), sources=cited)
            )
        maps[name] = PillarMap(
            name=name,
            description=_text(entry, "description", f"maps.{name}"),
            links=tuple(links),
            sources={k: sources[k] for link in links for k in link.sources},
        )
    return str(data["default"]), maps


def pillar_map(name: str | None = None) -> PillarMap:
    """Return a shipped pillar map by name (``"guides"``, the default, or ``"linkedin-2015"``).

    Raises:
        RuleError: no map of that name.
    """
    default, maps = _load()
    key = default if name is None else name
    try:
        return maps[key]
    except KeyError:
        raise RuleError(
            f"pillar map: expected one of {', '.join(PILLAR_MAPS)}, found {name!r}"
        ) from None
