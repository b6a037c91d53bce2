"""The advice catalog: one TOML file per locale in ``ssi_index/rules/data/``, loaded lazily.

``catalog.<locale>.toml`` holds every text the default rules show: the advice
entries (title, why, actions, sources), the citations, the pillar, group, goal
and tier names and a few phrases. Nothing is read at import time; each file is
read and checked once, on first use, and kept (:func:`functools.cache`).
"""

from __future__ import annotations

import functools
import math
import operator
import string
from collections.abc import Callable, Iterable, Mapping
from importlib import resources
from typing import Any, Final, NamedTuple

import attrs

from ssi_index._errors import RuleError, UnknownLocaleError
from ssi_index._i18n import message, plural
from ssi_index._model import Pillar
from ssi_index._tiers import Tier, TierScale

from ._types import Finding, Recommendation, trusted_recommendation

__all__ = [
    "Entry",
    "Texts",
    "available_locales",
    "load_catalog",
    "points_text",
    "resolve_locale",
    "texts",
]

_PREFIX: Final = "catalog."
_SUFFIX: Final = ".toml"
_TABLES: Final = ("meta", "sources", "groups", "goals", "tiers", "phrases", "advice")


def _data() -> Any:
    return resources.files("ssi_index.rules").joinpath("data")


@functools.cache
def available_locales() -> tuple[str, ...]:
    """Return the locales that have a catalog file, sorted (``("en", "he", "ru")``)."""
    names = (item.name for item in _data().iterdir())
    return tuple(
        sorted(
            n[len(_PREFIX) : -len(_SUFFIX)]
            for n in names
            if n.startswith(_PREFIX) and n.endswith(_SUFFIX)
        )
    )


def resolve_locale(locale: object) -> str:
    """Return the catalog locale for a tag: ``"he-IL"`` and ``"he_IL"`` give ``"he"``.

    Raises:
        UnknownLocaleError: no catalog exists for the tag or its language.
    """
    available = available_locales()
    if isinstance(locale, str):
        tag = locale.strip().replace("_", "-").lower()
        if tag in available:
            return tag
        language = tag.split("-", 1)[0]
        if language in available:
            return language
    raise UnknownLocaleError(str(locale) if isinstance(locale, str) else repr(locale), available)


@attrs.frozen(kw_only=True)
class Entry:
    """One advice entry of a catalog, before its placeholders are filled.

    Attributes:
        title: One line with ``{placeholders}``.
        why: The reason, with ``{placeholders}``.
        actions: Concrete steps, with ``{placeholders}``.
        sources: Ids into the catalog's ``[sources]`` table.
    """

    title: str
    why: str
    actions: tuple[str, ...]
    sources: tuple[str, ...]

    @functools.cached_property
    def fixed_actions(self) -> bool:
        """Whether no action has a placeholder (they are shown as written)."""
        return not any("{" in a for a in self.actions)


def _fail(locale: str, where: str, expected: str, found: object) -> RuleError:
    return RuleError(f"catalog.{locale}.toml: {where}: expected {expected}, found {found!r}")


def _table(locale: str, data: Mapping[str, Any], name: str) -> dict[str, Any]:
    value = data.get(name)
    if not isinstance(value, dict):
        raise _fail(locale, f"[{name}]", "a table", value)
    return value


def _strings(locale: str, where: str, value: object) -> dict[str, str]:
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise _fail(locale, where, "a table of texts", value)
    return value


def _entry(locale: str, key: str, raw: object, sources: Mapping[str, str]) -> Entry:
    where = f"[advice.{key!r}]"
    if not isinstance(raw, dict):
        raise _fail(locale, where, "a table", raw)
    title, why = raw.get("title"), raw.get("why")
    actions, ids = raw.get("actions", []), raw.get("sources")
    if not isinstance(title, str) or not title.strip():
        raise _fail(locale, f"{where}.title", "non-empty text", title)
    if not isinstance(why, str):
        raise _fail(locale, f"{where}.why", "text", why)
    if not isinstance(actions, list) or not all(isinstance(a, str) for a in actions):
        raise _fail(locale, f"{where}.actions", "a list of texts", actions)
    if not isinstance(ids, list) or not all(i in sources for i in ids):
        raise _fail(
            locale, f"{where}.sources", f"a list of ids from [sources] ({', '.join(sources)})", ids
        )
    return Entry(title=title, why=why, actions=tuple(actions), sources=tuple(ids))


@functools.cache
def load_catalog(locale: str) -> dict[str, Any]:
    """Read and check ``catalog.<locale>.toml`` once; return its tables.

    Raises:
        UnknownLocaleError: no such catalog file.
        RuleError: the file is not valid TOML or lacks a table the engine needs.
    """
    import tomllib

    available = available_locales()
    if locale not in available:
        raise UnknownLocaleError(locale, available)
    raw = _data().joinpath(f"{_PREFIX}{locale}{_SUFFIX}").read_text(encoding="utf-8")
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as err:
        raise RuleError(
            f"catalog.{locale}.toml: expected valid TOML, found an error: {err}"
        ) from err
    for name in _TABLES:
        _table(locale, data, name)
    sources = _strings(locale, "[sources]", data["sources"])
    data["advice"] = {
        key: _entry(locale, key, value, sources) for key, value in data["advice"].items()
    }
    return data


_Filler = tuple[str, Callable[[Mapping[str, str]], Any] | None]
"""How to fill a text with placeholders: a ``%s`` template and the getter of its values
(``template % getter(values)``), or the text itself and ``None`` for ``str.format_map``."""


def _filler(text: str) -> _Filler | None:
    """Prepare *text* for filling once; ``None`` when it has no placeholder (shown as written).

    ``template % itemgetter(*names)(values)`` gives what ``text.format_map(values)`` gives
    for plain ``{name}`` fields and text values, at a fraction of the cost; texts with
    format specs, conversions or indexing keep ``format_map``.
    """
    if "{" not in text:
        return None
    parts: list[str] = []
    names: list[str] = []
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        return text, None
    for literal, name, spec, conversion in parsed:
        parts.append(literal.replace("%", "%%"))
        if name is not None:
            if spec or conversion or not name.isidentifier():
                return text, None
            parts.append("%s")
            names.append(name)
    if not names:
        return text, None
    return "".join(parts), operator.itemgetter(*names)


def _fill(filler: _Filler, values: Mapping[str, str]) -> str:
    """Fill a prepared text; KeyError, IndexError or ValueError when a value is missing."""
    template, getter = filler
    return template % getter(values) if getter is not None else template.format_map(values)


class _Compiled(NamedTuple):
    """An advice entry made ready to render (once per locale): what to fill, and the citation."""

    title: str
    fill_title: _Filler | None
    why: str
    fill_why: _Filler | None
    actions: tuple[str, ...]
    fill_actions: bool
    cited: str


POINT_FIELDS: Final = frozenset({"gap", "missing", "delta", "drop", "rise", "add"})
"""Placeholders that hold a number of points: rendered with the unit in its plural form
("1 point", "נקודה אחת", "2 балла"), so catalog texts do not write the unit after them."""


@functools.lru_cache(maxsize=8192)
def _points_text(locale: str, shown: float) -> str:
    return plural(locale, "units.points", shown)


def points_text(locale: str, value: float) -> str:
    """``value`` points with the unit in *locale*'s plural form ("1 point", "2,5 балла").

    Remembered by the value as shown (one decimal), so the coach's many counts cost a
    dictionary lookup.
    """
    if not math.isfinite(value):
        return plural(locale, "units.points", value)
    return _points_text(locale, round(value, 1) + 0.0)


_PLAIN_MAX: Final = 1024
"""How many findings without parameters each locale remembers the rendering of."""


def _number(value: float, decimal: str) -> str:
    text = f"{value:.1f}".removesuffix(".0")
    if text == "-0":
        text = "0"
    return text if decimal == "." else text.replace(".", decimal)


def _placeholders(text: str) -> frozenset[str]:
    return frozenset(name for _, name, _, _ in string.Formatter().parse(text) if name)


class Texts:
    """The texts of one locale, as the rules see them (``ctx.texts``).

    Get one with :func:`texts`; it is shared and immutable.

    Example:
        >>> from ssi_index import Pillar
        >>> t = texts("ru")
        >>> t.number(14.3), t.pillar(Pillar.FIND_RIGHT_PEOPLE)
        ('14,3', 'Поиск нужных людей')
    """

    __slots__ = (
        "_advice",
        "_cited",
        "_compiled",
        "_data",
        "_decimal",
        "_phrases",
        "_pillar_names",
        "_plain",
        "direction",
        "locale",
    )

    def __init__(self, locale: str) -> None:
        self.locale: str = locale
        self._data = load_catalog(locale)
        meta = self._data["meta"]
        self.direction: str = str(meta.get("direction", "ltr"))
        self._decimal = str(meta.get("decimal", "."))
        self._advice: dict[str, Entry] = self._data["advice"]
        self._cited: dict[tuple[str, ...], str] = {}
        self._compiled: dict[str, _Compiled] = {}
        self._phrases: dict[str, _Filler] = {}
        self._pillar_names: dict[str, str] = {}
        # id(finding) -> (finding, its rendering); holding the finding keeps its id unique.
        self._plain: dict[int, tuple[Finding, Recommendation]] = {}

    def __repr__(self) -> str:
        return f"Texts({self.locale!r})"

    def advice_keys(self) -> tuple[str, ...]:
        """Every advice key of the catalog, in file order."""
        return tuple(self._advice)

    def entry(self, key: str) -> Entry:
        """Return the advice entry *key*.

        Raises:
            RuleError: the catalog has no such entry.
        """
        try:
            return self._advice[key]
        except KeyError as err:
            raise RuleError(
                f"catalog.{self.locale}.toml: expected an advice entry {key!r}, found none"
            ) from err

    def number(self, value: float) -> str:
        """Format points as the locale writes them, one decimal at most (``14.3``, ``14,3``)."""
        return _number(value, self._decimal)

    def _lookup(self, table: str, key: str) -> str | None:
        value = self._data[table].get(key)
        return value if isinstance(value, str) else None

    def pillar(self, pillar: Pillar) -> str:
        """The pillar's name in this locale."""
        # Keyed by the value: a str hashes in C, a Pillar through Enum's Python-level hash.
        name = self._pillar_names.get(pillar._value_)
        if name is None:
            # One name per pillar for the whole package: locales/*/units.toml.
            name = message(self.locale, f"units.pillar.{pillar.value}")
            self._pillar_names[pillar._value_] = name
        return name

    def group(self, kind: str | None) -> str:
        """A group's name (``INDUSTRY`` -> ``"your industry"``); unknown kinds as sent."""
        if kind is None:
            return self._lookup("groups", "OTHER") or "group"
        return self._lookup("groups", kind) or kind

    def goal(self, goal: str) -> str:
        """The goal's name in this locale (``"sales"`` -> ``"Selling through LinkedIn"``)."""
        value = self._data["goals"].get(goal)
        label = value.get("label") if isinstance(value, dict) else None
        return label if isinstance(label, str) else goal

    def tier(self, scale: TierScale, tier: Tier) -> tuple[str, str]:
        """The tier's ``(label, meaning)`` in this locale, or the tier's own texts if none."""
        scale_texts = self._data["tiers"].get(scale.name)
        value = scale_texts.get(tier.name) if isinstance(scale_texts, dict) else None
        if isinstance(value, dict):
            label, meaning = value.get("label"), value.get("meaning")
            if isinstance(label, str) and isinstance(meaning, str):
                return label, meaning
        return tier.name, tier.meaning

    def phrase(self, key: str, **params: object) -> str:
        """Format the short phrase *key* with *params* (numbers formatted for the locale).

        Raises:
            RuleError: no such phrase, or a placeholder without a value.
        """
        filler = self._phrases.get(key)
        if filler is None:
            text = self._lookup("phrases", key)
            if text is None:
                raise RuleError(
                    f"catalog.{self.locale}.toml: expected a phrase {key!r}, found none"
                )
            filler = self._phrases[key] = _filler(text) or (text, None)
        values = self._values(params.items())
        try:
            return _fill(filler, values)
        except (KeyError, IndexError, ValueError):
            text = self._lookup("phrases", key) or ""
            return self._format(text, values, f"phrase {key!r}")  # raises the detailed error

    def sources(self, ids: Iterable[str]) -> str:
        """Join the citations of the source *ids* with ``"; "``."""
        key = tuple(ids)
        cited = self._cited.get(key)
        if cited is None:
            table = self._data["sources"]
            cited = self._cited[key] = "; ".join(table.get(i, i) for i in key)
        return cited

    def _values(self, params: Iterable[tuple[str, Any]]) -> dict[str, str]:
        out: dict[str, str] = {}
        decimal = self._decimal
        for name, value in params:
            kind = type(value)
            if name in POINT_FIELDS and (kind is float or kind is int):
                # A count of points: with its unit, in the locale's plural form.
                out[name] = points_text(self.locale, value)
            elif kind is float:
                # _number(), inlined: the hottest loop of recommend(). Infinities and nan
                # come out as str() writes them, as number() is not meant for them.
                text = f"{value:.1f}".removesuffix(".0")
                if text == "-0":
                    text = "0"
                out[name] = text if decimal == "." else text.replace(".", decimal)
            elif kind is str:
                out[name] = value
            elif isinstance(value, Pillar):
                pillar = self._pillar_names.get(value._value_)
                out[name] = self.pillar(value) if pillar is None else pillar
            elif isinstance(value, float | int) and not isinstance(value, bool):
                out[name] = self.number(value) if math.isfinite(value) else str(value)
            else:
                out[name] = str(value)
        return out

    def _format(self, text: str, values: Mapping[str, str], where: str) -> str:
        try:
            return text.format_map(values)
        except (KeyError, IndexError, ValueError) as err:
            raise RuleError(
                f"catalog.{self.locale}.toml: {where}: expected values for "
                f"{sorted(_placeholders(text))}, found {sorted(values)} ({err!r})"
            ) from err

    def render(self, finding: Finding) -> Recommendation:
        """Turn a finding into a recommendation in this locale.

        Raises:
            RuleError: the finding's entry is missing or a placeholder has no value.
        """
        if finding.params:  # numbers differ from score to score: caching would only churn
            return _render(self, finding)
        plain = self._plain
        hit = plain.get(id(finding))
        if hit is not None:
            return hit[1]
        item = _render(self, finding)
        if len(plain) < _PLAIN_MAX:
            plain[id(finding)] = (finding, item)
        return item

    def _compile(self, key: str) -> _Compiled:
        """The advice entry *key* made ready to render (once per locale and entry)."""
        compiled = self._compiled.get(key)
        if compiled is None:
            entry = self.entry(key)
            compiled = self._compiled[key] = _Compiled(
                entry.title,
                _filler(entry.title),
                entry.why,
                _filler(entry.why),
                entry.actions,
                not entry.fixed_actions,
                self.sources(entry.sources),
            )
        return compiled


def _render(texts: Texts, finding: Finding) -> Recommendation:
    """Render with the entry's precompiled texts; only texts with placeholders are formatted."""
    key = finding.key
    text_key = finding.text
    name = key if text_key is None else text_key
    title, fill_title, why, fill_why, actions, fill_actions, cited = texts._compiled.get(
        name
    ) or texts._compile(name)
    params = finding.params
    if params or fill_title or fill_why or fill_actions:
        values = texts._values(params) if params else {}
        try:
            if fill_actions:
                actions = tuple(a.format_map(values) if "{" in a else a for a in actions)
            if fill_title is not None:
                template, getter = fill_title
                title = template % getter(values) if getter else template.format_map(values)
            if fill_why is not None:
                why = _fill(fill_why, values)
        except (KeyError, IndexError, ValueError):
            return _render_checked(texts, finding)  # raises the detailed RuleError
    extra = finding.extra_actions
    if extra:
        actions += extra
    extra_source = finding.extra_source
    source = f"{extra_source}; {cited}" if extra_source and cited else (extra_source or cited)
    # The finding was checked when it was built and the texts when the catalog was read.
    return trusted_recommendation(
        key, finding.pillar, finding.kind, title, actions, why, finding.points, source
    )


def _render_checked(texts: Texts, finding: Finding) -> Recommendation:
    """Render text by text, naming the text whose placeholders lack values."""
    key = finding.text_key
    entry = texts.entry(key)
    values = texts._values(finding.params) if finding.params else {}
    where = f"advice {key!r}"

    def fill(text: str) -> str:
        return texts._format(text, values, where) if "{" in text else text

    actions = entry.actions if entry.fixed_actions else tuple(fill(a) for a in entry.actions)
    actions += finding.extra_actions
    cited = texts.sources(entry.sources)
    source = (
        f"{finding.extra_source}; {cited}"
        if finding.extra_source and cited
        else (finding.extra_source or cited)
    )
    # The finding was checked when it was built and the texts when the catalog was read.
    return trusted_recommendation(
        finding.key,
        finding.pillar,
        finding.kind,
        fill(entry.title),
        actions,
        fill(entry.why),
        finding.points,
        source,
    )


def texts(locale: str = "en") -> Texts:
    """Return the shared :class:`Texts` of *locale* (``"he-IL"`` falls back to ``"he"``).

    Raises:
        UnknownLocaleError: no catalog exists for the locale.
    """
    tag = type(locale) is str
    found = _BY_TAG.get(locale) if tag else None
    if found is None:
        found = _texts(resolve_locale(locale))
        if tag and len(_BY_TAG) < _BY_TAG_MAX:
            _BY_TAG[locale] = found
    return found


_BY_TAG: dict[str, Texts] = {}
"""The texts of each locale tag asked for so far (``"he-IL"`` -> the Hebrew texts)."""
_BY_TAG_MAX: Final = 64


@functools.cache
def _texts(locale: str) -> Texts:
    return Texts(locale)


def placeholders(text: str) -> frozenset[str]:
    """The ``{names}`` a catalog text expects (for completeness checks)."""
    return _placeholders(text)
