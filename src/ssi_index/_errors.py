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
"""

from __future__ import annotations

from datetime import datetime

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


class SSIError(Exception):
    """Base class of every error raised by ssi-index."""


class ParseError(SSIError, ValueError):
    """The input is not an SSI score that ssi-index can read.

    Attributes:
        path: Where in the input the problem is, when known: a JSON path such as
            ``$.memberScore.subScores[2].score`` or a CSS selector of the element
            that was looked for.
    """

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(message)
        self.path = path


class UnknownFormatError(ParseError):
    """A history file in no format an importer knows, or an unknown format name.

    Attributes:
        available: The names of the formats that can be imported.
    """

    def __init__(
        self, message: str, *, available: tuple[str, ...], path: str | None = None
    ) -> None:
        super().__init__(f"{message}; known formats: {', '.join(available)}", path=path)
        self.available = available


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
            f"no texts for locale {locale!r}; available locales: {', '.join(available)}"
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
            "to report it anyway"
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

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class RateLimitError(FetchError):
    """LinkedIn kept answering 429 Too Many Requests after the allowed retries.

    Attributes:
        retry_after: When to try again (timezone-aware UTC), if LinkedIn said.
    """

    def __init__(self, message: str, *, retry_after: datetime | None = None) -> None:
        super().__init__(message, status=429)
        self.retry_after = retry_after


class StorageError(SSIError):
    """The score history could not be opened, read or written."""


class ConfigError(SSIError, ValueError):
    """A settings file that is not TOML, or a setting with an unknown key or a bad value."""


class MissingDependencyError(SSIError, ImportError):
    """An optional dependency is missing; the message names the extra to install."""

    def __init__(self, module: str, extra: str) -> None:
        super().__init__(
            f"this feature needs the {module!r} package, which is not installed; "
            f"install it with: pip install 'ssi-index[{extra}]'",
            name=module,
        )
        self.extra = extra
