"""The two session cookies, kept out of every ``repr``, ``str``, log line and error.

:class:`Secret` wraps one value so that printing it, logging it or showing it in
a traceback's locals gives ``Secret('********')``; :class:`SessionCookies` holds
``li_at`` and ``JSESSIONID`` and reads them from the environment or from a
browser-exported Netscape ``cookies.txt``. Never from command-line arguments:
other users of the machine can read those.

Every problem with the cookies is a :class:`~ssi_index.NotAuthenticatedError`
whose message says what was expected and what was found, without the value.
Such errors are raised from frames that hold no plain cookie value, so even a
traceback rendered with its local variables (``capture_locals=True``, as error
reporters do) does not show one.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import stat
import time
import warnings
from collections.abc import Mapping
from typing import Final, Self, TypeVar, overload

import attrs

from ssi_index._errors import NotAuthenticatedError, ParseError
from ssi_index._io import MAX_INPUT_BYTES, read_bounded

__all__ = [
    "DOCS_URL",
    "JSESSIONID_ENV",
    "LI_AT_ENV",
    "InsecureCookieFileWarning",
    "Secret",
    "SessionCookies",
]

LI_AT_ENV: Final = "SSI_INDEX_LI_AT"
"""The environment variable :meth:`SessionCookies.from_env` reads ``li_at`` from."""
JSESSIONID_ENV: Final = "SSI_INDEX_JSESSIONID"
"""The environment variable :meth:`SessionCookies.from_env` reads ``JSESSIONID`` from."""
DOCS_URL: Final = "https://ssi-index.readthedocs.io/en/latest/fetching.html"
"""The "Fetching your score" page: how to copy fresh cookies."""

_HOW_TO: Final = (
    "sign in to LinkedIn in your browser and copy fresh li_at and JSESSIONID cookies "
    f"(how: {DOCS_URL}#copy-the-two-cookies)"
)
_MASK: Final = "Secret('********')"
_HTTPONLY_PREFIX: Final = "#HttpOnly_"
_LINKEDIN: Final = "linkedin.com"


def _cookie_octet(char: str) -> bool:
    """Whether *char* may appear in a cookie value (RFC 6265 ``cookie-octet``)."""
    code = ord(char)
    return 0x21 <= code <= 0x7E and char not in '",;\\'


def _missing(what: str) -> NotAuthenticatedError:
    return NotAuthenticatedError(f"expected {what}; {_HOW_TO}")


class InsecureCookieFileWarning(UserWarning):
    """A ``cookies.txt`` that other users of the machine may read.

    Issued (with :func:`warnings.warn`) by :meth:`SessionCookies.from_cookies_file`
    when the file's permissions let its group or everybody read it, as ``ssh``
    does for private keys; the file is still used. Fix it with ``chmod 600 FILE``,
    or silence it with :func:`warnings.filterwarnings`.
    """


@attrs.frozen(repr=False)
class Secret:
    """A text value that never shows itself: ``repr()`` and ``str()`` give a mask.

    Use :meth:`reveal` at the one place that needs the value. Two secrets are
    equal when their values are.

    Example:
        >>> token = Secret("AQEDAbc")
        >>> token, f"{token}", token.reveal()
        (Secret('********'), "Secret('********')", 'AQEDAbc')
    """

    _value: str

    def reveal(self) -> str:
        """Return the value itself; keep it out of logs and messages."""
        return self._value

    def __repr__(self) -> str:
        return _MASK

    __str__ = __repr__


_T = TypeVar("_T")
_Cookies = TypeVar("_Cookies", bound="SessionCookies")


@overload
def hide(value: str) -> Secret: ...
@overload
def hide(value: _T) -> _T: ...
def hide(value: object) -> object:
    """Wrap a plain text value in :class:`Secret` at once; anything else is left as it is.

    Callers rebind their parameters to the result, so no frame on a traceback
    holds the plain value as a local variable.
    """
    return Secret(value) if isinstance(value, str) else value


def _problem(name: str, value: object, *, strip_quotes: bool) -> Secret | str:
    """The checked value, or a message saying what is wrong (never the value)."""
    if isinstance(value, Secret):
        value = value.reveal()
    if not isinstance(value, str):
        return (
            f"{name}: expected the cookie's value as text, found {type(value).__name__}; {_HOW_TO}"
        )
    text = value.strip()
    if strip_quotes and len(text) >= 2 and text[0] == text[-1] == '"':
        text = text[1:-1]
    if not text:
        return f"expected a value for the {name} cookie, found an empty one; {_HOW_TO}"
    if text.casefold().startswith(name.casefold() + "="):
        return (
            f"{name}: expected only the cookie's value, found it prefixed with '{name}='; "
            f"pass the part after '{name}=' only"
        )
    bad = sum(1 for char in text if not _cookie_octet(char))
    if bad:
        return (
            f"{name}: expected a cookie value of visible ASCII characters without spaces, "
            f"quotes, commas, semicolons or backslashes, found {bad} other character(s) "
            f"(the value is not shown); {_HOW_TO}"
        )
    return Secret(text)


def _cookie_value(name: str, value: object, *, strip_quotes: bool) -> Secret:
    """Check one cookie value and wrap it; this frame never holds the plain value."""
    value = hide(value)
    checked = _problem(name, value, strip_quotes=strip_quotes)
    if isinstance(checked, str):
        raise NotAuthenticatedError(checked)
    return checked


def _li_at(value: object) -> Secret:
    value = hide(value)
    return _cookie_value("li_at", value, strip_quotes=False)


def _jsessionid(value: object) -> Secret:
    value = hide(value)
    return _cookie_value("JSESSIONID", value, strip_quotes=True)


@attrs.frozen(init=False, repr=False)
class SessionCookies:
    """The two LinkedIn cookies that make up a signed-in browser session.

    Values are checked when built (non-empty, nothing a ``Cookie`` header cannot
    carry) and wrapped in :class:`Secret`, so the object prints as
    ``SessionCookies(li_at=Secret('********'), jsessionid=Secret('********'))``.

    Attributes:
        li_at: The ``li_at`` session cookie.
        jsessionid: The ``JSESSIONID`` cookie without the quotes LinkedIn stores
            it with (``ajax:123...``); quotes around the given value are removed.

    Raises:
        NotAuthenticatedError: A value is empty, not text, or holds characters a
            cookie cannot have.
    """

    li_at: Secret = attrs.field(converter=_li_at)
    jsessionid: Secret = attrs.field(converter=_jsessionid)

    def __init__(self, li_at: object, jsessionid: object) -> None:
        # Rebound at once: a traceback that captures locals must not show the values.
        li_at, jsessionid = hide(li_at), hide(jsessionid)
        self.__attrs_init__(li_at, jsessionid)

    def __repr__(self) -> str:
        # Reads no attribute: a half-built object (a traceback's local) prints too.
        return f"{type(self).__name__}(li_at={_MASK}, jsessionid={_MASK})"

    @property
    def csrf_token(self) -> Secret:
        """The ``csrf-token`` header LinkedIn expects: JSESSIONID without its quotes."""
        return self.jsessionid

    def cookie_header(self) -> Secret:
        """The ``Cookie`` header value, JSESSIONID quoted as LinkedIn stores it."""
        li_at = self.li_at.reveal()
        jsessionid = self.jsessionid.reveal()
        return Secret(f'li_at={li_at}; JSESSIONID="{jsessionid}"')

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Self:
        """Read the cookies from ``SSI_INDEX_LI_AT`` and ``SSI_INDEX_JSESSIONID``.

        Args:
            environ: Where to look; :data:`os.environ` when ``None``.

        Raises:
            NotAuthenticatedError: A variable is unset or empty, or a value is malformed.
        """
        cookies = env_cookies(environ)
        del environ  # it holds the plain values: keep it out of traceback locals
        if isinstance(cookies, NotAuthenticatedError):
            raise cookies
        return cls(cookies.li_at, cookies.jsessionid)

    @classmethod
    def from_cookies_file(
        cls,
        path: str | os.PathLike[str],
        *,
        now: float | None = None,
        max_bytes: int = MAX_INPUT_BYTES,
    ) -> Self:
        """Read the cookies from a browser-exported Netscape ``cookies.txt``.

        Lines are ``domain, subdomains flag, path, secure, expiry, name, value``
        separated by tabs; ``#HttpOnly_`` prefixes are understood, other lines
        starting with ``#`` are comments. Only cookies of ``linkedin.com`` and its
        subdomains are read; expired ones are skipped; of several, the one that
        expires last wins.

        Only a regular file is read (a FIFO or a device is refused before it is
        opened), and at most *max_bytes* of it. When its permissions let other
        users read it, an :class:`InsecureCookieFileWarning` is issued.

        Args:
            path: The file.
            now: The current time as a Unix timestamp, for the expiry check
                (default: :func:`time.time`).
            max_bytes: The largest file accepted (default 10 MiB).

        Raises:
            NotAuthenticatedError: The file cannot be read, is not a regular file,
                is larger than *max_bytes*, or holds no unexpired ``li_at`` or
                ``JSESSIONID`` for linkedin.com.
        """
        if not isinstance(path, str | os.PathLike):
            raise NotAuthenticatedError(
                f"expected the path of a cookies.txt, found {type(path).__name__}"
            )
        where = os.fsdecode(path)
        mode = _shared_mode(where)
        if mode is not None:
            warnings.warn(
                f"{where!r} can be read by other users of this machine (permissions "
                f"{stat.filemode(mode)}), and it holds your LinkedIn session; make it "
                f"private with: chmod 600 {where}",
                InsecureCookieFileWarning,
                stacklevel=2,
            )
        cookies = _file_cookies(cls, where, time.time() if now is None else now, max_bytes)
        if isinstance(cookies, NotAuthenticatedError):
            raise cookies
        return cookies

    @classmethod
    def from_cookies_text(
        cls, text: str, *, now: float | None = None, where: str = "standard input"
    ) -> Self:
        """Read the cookies from the text of a Netscape ``cookies.txt``.

        The text is read as :meth:`from_cookies_file` reads a file's.

        For a file piped in (``ssi-index fetch --cookies -``), so the cookies never
        touch the disk or the command line.

        Args:
            text: The file's text.
            now: The current time as a Unix timestamp (default: :func:`time.time`).
            where: What the text is, for the error message.

        Raises:
            NotAuthenticatedError: *text* is not text or holds no unexpired ``li_at``
                or ``JSESSIONID`` for linkedin.com.
        """
        if not isinstance(text, str):
            raise NotAuthenticatedError(
                f"expected the text of a cookies.txt, found {type(text).__name__}"
            )
        try:
            return cls._from_cookies_text(text, where, time.time() if now is None else now)
        except NotAuthenticatedError as err:
            raise err.with_traceback(None) from None

    @classmethod
    def _from_cookies_text(cls, text: str, where: str, now: float) -> Self:
        found: dict[str, tuple[float, str]] = {}
        expired: dict[str, float] = {}
        malformed = 0
        for raw in text.splitlines():
            line = raw.rstrip("\r\n")
            if line.startswith(_HTTPONLY_PREFIX):
                line = line[len(_HTTPONLY_PREFIX) :]
            elif not line.strip() or line.lstrip().startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) != 7:
                malformed += 1
                continue
            domain, _, _, _, expiry_text, name, value = fields
            host = domain.strip().lower().lstrip(".")
            if name not in ("li_at", "JSESSIONID") or not (
                host == _LINKEDIN or host.endswith("." + _LINKEDIN)
            ):
                continue
            try:
                expiry = float(expiry_text)
            except ValueError:
                expiry = 0.0
            if not math.isfinite(expiry):
                expiry = 0.0
            if 0 < expiry < now:
                expired[name] = max(expiry, expired.get(name, 0.0))
                continue
            rank = math.inf if expiry <= 0 else expiry
            if name not in found or rank >= found[name][0]:
                found[name] = (rank, value)
        missing = [name for name in ("li_at", "JSESSIONID") if name not in found]
        if missing:
            details = []
            for name in missing:
                if name in expired:
                    when = dt.datetime.fromtimestamp(expired[name], dt.UTC)
                    details.append(f"{name} expired on {when:%Y-%m-%d %H:%M} UTC")
                else:
                    details.append(f"no {name}")
            if malformed:
                details.append(
                    f"{malformed} line(s) not in Netscape format (7 tab-separated fields)"
                )
            raise _missing(
                f"unexpired li_at and JSESSIONID cookies for linkedin.com in {where!r}, "
                f"found {', '.join(details)}"
            )
        return cls(found["li_at"][1], found["JSESSIONID"][1])


def _shared_mode(path: str) -> int | None:
    """The file's mode when its group or others may read it (POSIX only), else ``None``."""
    if os.name != "posix":
        return None
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return None  # the read that follows says what is wrong
    if stat.S_ISREG(mode) and mode & (stat.S_IRGRP | stat.S_IROTH):
        return mode
    return None


def env_cookies(environ: Mapping[str, str] | None) -> SessionCookies | NotAuthenticatedError:
    """The cookies from the environment, or the error to raise; never raises itself.

    The error comes without a traceback, so raising it later shows only the
    caller's frames, none of which holds the environment.
    """
    env = os.environ if environ is None else environ
    unset = [name for name in (LI_AT_ENV, JSESSIONID_ENV) if not env.get(name, "").strip()]
    if unset:
        return _missing(
            f"the environment variables {LI_AT_ENV} and {JSESSIONID_ENV}, "
            f"found {' and '.join(unset)} unset or empty"
        )
    try:
        return SessionCookies(env[LI_AT_ENV], env[JSESSIONID_ENV])
    except NotAuthenticatedError as err:
        return err.with_traceback(None)


def _file_cookies(
    cls: type[_Cookies], where: str, now: float, max_bytes: int
) -> _Cookies | NotAuthenticatedError:
    """The cookies in the file, or the error to raise (without a traceback); never raises."""
    try:
        data = read_bounded(where, max_bytes=max_bytes)
    except ParseError as err:
        return NotAuthenticatedError(f"expected a readable cookies.txt at {where!r}; {err}")
    text = data.decode("utf-8-sig", errors="replace")
    try:
        return cls._from_cookies_text(text, where, now)
    except NotAuthenticatedError as err:
        return err.with_traceback(None)
