"""The one exception tree of ssi-index.

Every error the library raises on purpose is an :class:`SSIError`. Leaves also
inherit the builtin they refine, so ``except ValueError`` keeps working for code
that does not know about ssi-index::

    SSIError
    ├── ParseError (ValueError)            input is not an SSI score we can read
    │   └── UnknownFormatError             a history file in no known format (lists them)
    ├── InvalidScoreError (ValueError)     values break the rules of a score
    ├── InvalidScaleError (ValueError)     a tier scale with gaps, overlaps or bad bounds
    ├── UnknownLocaleError (LookupError)   no advice texts for the asked locale
    ├── UnreachableTargetError (ValueError) a plan's target cannot be reached
    ├── RuleError (ValueError)             an unknown goal, advice key or rule result
    ├── TeamTooSmallError (ValueError)     a team report below the privacy floor
    ├── AnalysisError (ValueError)         history an analysis cannot use, or a bad option
    ├── NotAuthenticatedError              a logged-out page or a refused session
    ├── FetchError                         the network failed, or LinkedIn said no
    │   └── RateLimitError                 429: too many requests, try again later
    ├── StorageError                       the score history could not be read or written
    ├── ConfigError (ValueError)           a settings file or setting that cannot be used
    └── MissingDependencyError (ImportError) an optional extra is not installed

Messages say what was expected and what was found.

Every error speaks English as ``str(error)``; :meth:`SSIError.localized` gives the
same message in English, Hebrew or Russian. An error raised with a message *key*
(``key="io.too_large"``) and its *params* is rendered from
``locales/<locale>/errors.toml``; any other error gets its class's headline in the
asked language followed by the English detail (``לא ניתן לקרוא את הקלט: ...``).

Example:
    >>> err = ParseError(
    ...     "expected a regular file at 'x', found a folder",
    ...     key="io.not_regular",
    ...     params={"name": "x", "kind": Phrase("io.kind.folder")},
    ... )
    >>> str(err)
    "expected a regular file at 'x', found a folder"
    >>> err.localized("ru")
    'ожидался обычный файл «x», а найдена папка'
"""

from __future__ import annotations

import errno
from collections.abc import Mapping
from datetime import datetime
from types import MappingProxyType
from typing import Final, Literal, TypeAlias

__all__ = [
    "AnalysisError",
    "ConfigError",
    "FetchError",
    "InvalidScaleError",
    "InvalidScoreError",
    "MissingDependencyError",
    "NotAuthenticatedError",
    "ParseError",
    "RateLimitError",
    "RuleError",
    "SSIError",
    "StorageError",
    "TeamTooSmallError",
    "UnknownFormatError",
    "UnknownLocaleError",
    "UnreachableTargetError",
]


class Phrase:
    """A fixed word or phrase of ``errors.toml`` used as a parameter of an error message.

    For the parts of a message that are ssi-index's own words rather than the
    input's (``found a folder``), so they are translated too. With *n*, the phrase
    is a plural message and takes the form for that count; *params* fill its other
    placeholders, as an error's do.

    Attributes:
        key: The phrase's key under ``errors.`` (``"io.kind.folder"``).
        n: The count for a plural phrase, else ``None``.
        params: The values of its placeholders.
    """

    __slots__ = ("key", "n", "params")

    def __init__(self, key: str, n: float | None = None, **params: ParamValue) -> None:
        self.key = key
        self.n = n
        self.params = params

    def __repr__(self) -> str:
        extra = "".join(f", {k}={v!r}" for k, v in self.params.items())
        count = "" if self.n is None else f", {self.n!r}"
        return f"Phrase({self.key!r}{count}{extra})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Phrase) and (self.key, self.n, self.params) == (
            other.key,
            other.n,
            other.params,
        )

    def __hash__(self) -> int:
        return hash((self.key, self.n))


ParamValue: TypeAlias = "str | int | float | tuple[str, ...] | Phrase | SSIError | OSError"
"""What a parameter of an error message can be.

Text (``str``, or a ``tuple`` of texts shown as a list) is treated as coming from
the input: it is escaped and isolated when shown. Numbers are written the
locale's way; a :class:`Phrase` is translated; another :class:`SSIError` is shown
as its own localized message (for errors that wrap a cause); an :class:`OSError` as
its reason (``No such file or directory``, translated for the common ones).
"""

_KNOWN_ERRNOS: Final = frozenset(
    {errno.ENOENT, errno.EACCES, errno.EPERM, errno.ENOTDIR, errno.ELOOP, errno.ENAMETOOLONG}
)
"""The system errors a user meets when naming a file, told in their language."""

Bidi: TypeAlias = Literal["isolate", "marks"]
"""How :meth:`SSIError.localized` keeps values apart from right-to-left text."""

_FSI: Final = "\u2068"  # FIRST STRONG ISOLATE
_PDI: Final = "\u2069"  # POP DIRECTIONAL ISOLATE
_LRM: Final = "\u200e"


class SSIError(Exception):
    """Base class of every error raised by ssi-index.

    Args:
        *args: The English message (``str(error)``), as for any exception.
        key: The message's key in ``locales/<locale>/errors.toml`` (under ``errors.``),
            or ``None`` for an error that only speaks English in its detail.
        params: The values the message shows, by the placeholder names of its texts.
            A plural message takes its count as ``n``.

    Attributes:
        key: The message key, or ``None``.
        params: The message's parameters (empty without a key).
    """

    key: str | None = None
    params: Mapping[str, ParamValue] = MappingProxyType({})

    def __init__(
        self, *args: object, key: str | None = None, params: Mapping[str, ParamValue] | None = None
    ) -> None:
        super().__init__(*args)
        self.key = key
        self.params: Mapping[str, ParamValue] = dict(params or {})

    def localized(
        self, locale: str = "en", *, bidi: Literal["isolate", "marks"] = "isolate"
    ) -> str:
        r"""This error's message in *locale* (``en``, ``he`` or ``ru``).

        Values that came from the input (file names, the values found) are escaped as
        the CLI escapes text (a control character shows as ``\x1b``, a bidi override
        as ``\u202e``), so the result is safe to print. In a right-to-left locale each
        such value is kept apart from the Hebrew around it: ``bidi="isolate"`` (the
        default) wraps it in Unicode isolates (U+2068 ... U+2069), as HTML's
        ``<bdi>`` does; ``bidi="marks"`` puts left-to-right marks (U+200E) on either
        side instead, for terminals, which do not know isolates.

        An error without a message key reads as its class's headline in *locale*
        followed by the English detail; in English it is ``str(error)``, escaped.

        Raises:
            UnknownLocaleError: no texts for *locale*.

        Example:
            >>> UnknownLocaleError("de", ("en", "he", "ru")).localized("ru")
            "нет текстов для языка 'de'; доступные языки: en, he, ru"
        """
        from ._i18n import RTL_LOCALES, messages, normalize_locale, plural

        lang = normalize_locale(locale)
        rtl = lang in RTL_LOCALES
        table = messages(lang)
        full = f"errors.{self.key}" if self.key is not None else None
        if full is None or full not in table:
            return self._fallback(lang, rtl, bidi)
        try:
            fields = {
                name: _render(lang, value, rtl, bidi)
                for name, value in self.params.items()
                if name != "n"
            }
        except LookupError:  # a phrase the catalog lacks (the tests keep them all)
            return self._fallback(lang, rtl, bidi)
        entry = table[full]
        if isinstance(entry, str):
            return entry.format(**fields)
        count = self.params.get("n", 0)
        n = count if isinstance(count, int | float) else 0
        return plural(lang, full, n, 0 if float(n).is_integer() else 2, **fields)

    def _fallback(self, lang: str, rtl: bool, bidi: Bidi) -> str:
        from ._i18n import messages
        from ._safe_text import escape

        detail = escape(str(self))
        if lang == "en":
            return detail
        table = messages(lang)
        headline = ""
        for cls in type(self).__mro__:
            text = table.get(f"errors.headline.{cls.__name__}")
            if isinstance(text, str):
                headline = text
                break
        return f"{headline}: {_apart(detail, rtl, bidi)}" if detail else headline


def _apart(text: str, rtl: bool, bidi: Bidi) -> str:
    """*text* kept apart from right-to-left text around it (nothing in a left-to-right locale)."""
    if not rtl:
        return text
    return f"{_FSI}{text}{_PDI}" if bidi == "isolate" else f"{_LRM}{text}{_LRM}"


def _render(lang: str, value: ParamValue, rtl: bool, bidi: Bidi) -> str:
    from ._i18n import format_number, message, messages, plural
    from ._safe_text import escape

    if isinstance(value, SSIError):
        return value.localized(lang, bidi=bidi)
    if isinstance(value, OSError):
        if value.errno in _KNOWN_ERRNOS:
            return message(lang, f"errors.os.{errno.errorcode[value.errno]}")
        return _apart(escape(str(value.strerror or type(value).__name__)), rtl, bidi)
    if isinstance(value, Phrase):
        key = f"errors.{value.key}"
        if key not in messages(lang):
            raise LookupError(key)
        fields = {name: _render(lang, v, rtl, bidi) for name, v in value.params.items()}
        if value.n is None:
            return message(lang, key, **fields)
        digits = 0 if float(value.n).is_integer() else 2
        return plural(lang, key, value.n, digits, **fields)
    if isinstance(value, bool):  # not a number to the reader
        return _apart(str(value), rtl, bidi)
    if isinstance(value, int):
        return _apart(format_number(lang, value, 0), rtl, bidi)
    if isinstance(value, float):
        return _apart(format_number(lang, value, 2), rtl, bidi)
    if isinstance(value, tuple):
        return _apart(", ".join(escape(str(item)) for item in value), rtl, bidi)
    return _apart(escape(str(value)), rtl, bidi)


class ParseError(SSIError, ValueError):
    """The input is not an SSI score that ssi-index can read.

    Attributes:
        path: Where in the input the problem is, when known: a JSON path such as
            ``$.memberScore.subScores[2].score`` or a CSS selector of the element
            that was looked for.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        key: str | None = None,
        params: Mapping[str, ParamValue] | None = None,
    ) -> None:
        super().__init__(message, key=key, params=params)
        self.path = path


class UnknownFormatError(ParseError):
    """A history file in no format an importer knows, or an unknown format name.

    Attributes:
        available: The names of the formats that can be imported.
    """

    def __init__(
        self,
        message: str,
        *,
        available: tuple[str, ...],
        path: str | None = None,
        key: str | None = None,
        params: Mapping[str, ParamValue] | None = None,
    ) -> None:
        super().__init__(
            f"{message}; known formats: {', '.join(available)}", path=path, key=key, params=params
        )
        self.available = available

    def localized(
        self, locale: str = "en", *, bidi: Literal["isolate", "marks"] = "isolate"
    ) -> str:
        """The message in *locale*, then the known formats (see :meth:`SSIError.localized`)."""
        text = super().localized(locale, bidi=bidi)
        if self.key is None:
            return text
        from ._i18n import RTL_LOCALES, message, normalize_locale

        lang = normalize_locale(locale)
        known = _render(lang, self.available, lang in RTL_LOCALES, bidi)
        return text + message(lang, "errors.known_formats", available=known)


class InvalidScoreError(SSIError, ValueError):
    """Values that break the rules of a score.

    A pillar outside 0-25, a total outside 0-100, or a total that disagrees with
    the sum of its pillars by more than one point.
    """


class InvalidScaleError(SSIError, ValueError):
    """A tier scale whose bands do not cover 0-100 exactly once, in order."""


class UnknownLocaleError(SSIError, LookupError):
    """No texts exist for the requested locale.

    Attributes:
        locale: The locale that was asked for.
        available: The locales that do exist.
    """

    def __init__(self, locale: str, available: tuple[str, ...]) -> None:
        super().__init__(
            f"no texts for locale {locale!r}; available locales: {', '.join(available)}",
            key="locale.unknown",
            params={"locale": repr(locale), "available": tuple(available)},
        )
        self.locale = locale
        self.available = available


class UnreachableTargetError(SSIError, ValueError):
    """A target that no score can reach (above 100, or beyond what the pillars allow)."""


class RuleError(SSIError, ValueError):
    """The rules engine was given something it cannot use.

    An unknown goal, a rule that yields something other than a ``Finding`` or a
    ``Recommendation``, an advice key or placeholder the catalog lacks, or a
    pipeline that names a rule that does not exist.
    """


class TeamTooSmallError(SSIError, ValueError):
    """A team report was asked for a team smaller than the privacy floor.

    Attributes:
        size: How many members the team has.
        floor: The smallest team that may be reported.
    """

    def __init__(self, team: str, size: int, floor: int) -> None:
        super().__init__(
            f"team {team!r} has {size} member(s) with scores; reports need at least "
            f"{floor} (LinkedIn hides smaller teams too); pass a lower floor explicitly "
            "to report it anyway",
            key="team.too_small",
            params={"team": team, "members": Phrase("team.members", size), "floor": floor},
        )
        self.team = team
        self.size = size
        self.floor = floor


class AnalysisError(SSIError, ValueError):
    """Snapshots, notes or options that an analysis cannot use.

    Raised when a history mixes several profiles or holds two snapshots for one
    day, when an item is not a :class:`~ssi_index.Snapshot` (or
    :class:`~ssi_index.Note`), or when an option is out of range (a negative
    threshold, an unknown period).
    """


class NotAuthenticatedError(SSIError):
    """LinkedIn answered as to a logged-out user: sign in again and copy fresh cookies."""


class FetchError(SSIError):
    """A request to LinkedIn failed: a timeout, a connection error or an HTTP error.

    Attributes:
        status: The HTTP status code, or ``None`` when no response arrived.
    """

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        key: str | None = None,
        params: Mapping[str, ParamValue] | None = None,
    ) -> None:
        super().__init__(message, key=key, params=params)
        self.status = status


class RateLimitError(FetchError):
    """LinkedIn kept answering 429 Too Many Requests after the allowed retries.

    Attributes:
        retry_after: When to try again (timezone-aware UTC), if LinkedIn said.
    """

    def __init__(
        self,
        message: str,
        *,
        retry_after: datetime | None = None,
        key: str | None = None,
        params: Mapping[str, ParamValue] | None = None,
    ) -> None:
        super().__init__(message, status=429, key=key, params=params)
        self.retry_after = retry_after


class StorageError(SSIError):
    """The score history could not be opened, read or written."""


class ConfigError(SSIError, ValueError):
    """A settings file that is not TOML, or a setting with an unknown key or a bad value."""


class MissingDependencyError(SSIError, ImportError):
    """An optional dependency is missing; the message names the extra to install."""

    def __init__(self, module: str, extra: str) -> None:
        ImportError.__init__(
            self,
            f"this feature needs the {module!r} package, which is not installed; "
            f"install it with: pip install 'ssi-index[{extra}]'",
            name=module,
        )
        self.key = "dependency.missing"
        self.params = {"module": module, "command": f"pip install 'ssi-index[{extra}]'"}
        self.extra = extra
