"""The one place that maps errors to exit codes, and the CLI's own two errors."""

from __future__ import annotations

import enum
from typing import Final, Literal

from ssi_index._errors import (
    ConfigError,
    FetchError,
    InvalidScoreError,
    NotAuthenticatedError,
    ParseError,
    SSIError,
    StorageError,
    UnknownLocaleError,
)
from ssi_index._safe_text import escape

__all__ = ["CommandError", "ExitCode", "UsageError", "exit_code_for"]


class ExitCode(enum.IntEnum):
    """The exit codes of ``ssi-index``; each is documented in ``docs/cli.md``."""

    OK = 0
    """The command did what was asked."""
    ERROR = 1
    """Any other ssi-index error, e.g. a team below the privacy floor."""
    USAGE = 2
    """The command line or the settings were wrong."""
    NOT_AUTHENTICATED = 3
    """LinkedIn answered as to a logged-out user, or the page was a login page."""
    INPUT = 4
    """The input is not an SSI score ssi-index can read, or breaks a score's rules."""
    STORAGE = 5
    """The score history could not be opened, read or written."""
    NETWORK = 6
    """The request to LinkedIn failed: timeout, connection, rate limit, HTTP error."""


class UsageError(SSIError):
    """A command line that argparse accepted but the command cannot use (exit code 2).

    The message is shown after the command's own usage line.
    """

    def localized(
        self, locale: str = "en", *, bidi: Literal["isolate", "marks"] = "isolate"
    ) -> str:
        """The message, escaped: the CLI wrote it in the user's language already."""
        return escape(str(self))


class CommandError(SSIError):
    """A command that cannot go on with what the store holds (exit code 1)."""

    def localized(
        self, locale: str = "en", *, bidi: Literal["isolate", "marks"] = "isolate"
    ) -> str:
        """The message, escaped: the CLI wrote it in the user's language already."""
        return escape(str(self))


_EXIT_CODES: Final[tuple[tuple[type[BaseException], ExitCode], ...]] = (
    (UsageError, ExitCode.USAGE),
    (ConfigError, ExitCode.USAGE),
    (UnknownLocaleError, ExitCode.USAGE),
    (NotAuthenticatedError, ExitCode.NOT_AUTHENTICATED),
    (ParseError, ExitCode.INPUT),
    (InvalidScoreError, ExitCode.INPUT),
    (StorageError, ExitCode.STORAGE),
    (FetchError, ExitCode.NETWORK),
)
"""The one table from error class to exit code; the first match wins."""


def exit_code_for(error: BaseException) -> ExitCode:
    """Return the exit code ``ssi-index`` uses for *error*.

    Args:
        error: An exception a command raised.

    Returns:
        The code from the table in :mod:`ssi_index.cli`'s docstring;
        :attr:`ExitCode.ERROR` for any other error.

    Example:
        >>> import ssi_index
        >>> exit_code_for(ssi_index.ParseError("not SSI"))
        <ExitCode.INPUT: 4>
    """
    for cls, code in _EXIT_CODES:
        if isinstance(error, cls):
            return code
    return ExitCode.ERROR
