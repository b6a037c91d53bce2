"""The HTTP client: one GET of LinkedIn's SSI endpoint with the member's own session.

Built on :mod:`requests` with an :class:`~requests.adapters.HTTPAdapter` whose
:class:`urllib3.util.Retry` retries 429 and 5xx only, honours ``Retry-After`` up
to a bound and backs off exponentially; redirects are never followed. Every
failure becomes an :class:`~ssi_index.SSIError` with a message built here, so
neither the cookies nor a ``requests`` object's text can end up in it.

:mod:`requests` and :mod:`urllib3` are imported on first use, not when
``ssi_index`` is imported.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import functools
import http.client
import json
import logging
import math
import socket
import ssl
from http import HTTPStatus
from typing import TYPE_CHECKING, Any, Final, Self, TypedDict, Unpack
from urllib.parse import SplitResult, urljoin, urlsplit

from ssi_index._errors import (
    FetchError,
    NotAuthenticatedError,
    ParamValue,
    ParseError,
    Phrase,
    RateLimitError,
    SSIError,
)
from ssi_index.fetch._cookies import DOCS_URL, Secret, SessionCookies, env_cookies, hide
from ssi_index.fetch._deadline import Deadline, current_deadline, watched_adapter

if TYPE_CHECKING:
    import os
    from collections.abc import Mapping

    import requests
    from urllib3.util.retry import Retry

    from ssi_index._model import Score

__all__ = [
    "DEFAULT_BACKOFF",
    "DEFAULT_BACKOFF_MAX",
    "DEFAULT_BASE_URL",
    "DEFAULT_MAX_BODY",
    "DEFAULT_MAX_DEPTH",
    "DEFAULT_MAX_RETRY_AFTER",
    "DEFAULT_RETRIES",
    "DEFAULT_TIMEOUT",
    "DEFAULT_USER_AGENT",
    "SSI_PATH",
    "ClientOptions",
    "SSIClient",
]

DEFAULT_BASE_URL: Final = "https://www.linkedin.com"
"""Where LinkedIn serves the SSI endpoint."""
SSI_PATH: Final = "/sales-api/salesApiSsi"
"""The SSI endpoint's path under the base URL."""
DEFAULT_TIMEOUT: Final = 10.0
"""Seconds to wait to connect, and then for each read of the answer."""
DEFAULT_MAX_BODY: Final = 1 << 20
"""The largest answer accepted, in bytes (1 MiB); an SSI answer is about a kilobyte."""
DEFAULT_MAX_DEPTH: Final = 32
"""How deeply an answer's JSON may nest; an SSI answer nests five levels."""
DEFAULT_RETRIES: Final = 3
"""How many times a 429 or 5xx answer is retried."""
DEFAULT_BACKOFF: Final = 0.5
"""Backoff factor: waits between retries are 0, 1, 2, 4 ... seconds (factor x 2^n)."""
DEFAULT_BACKOFF_MAX: Final = 10.0
"""The longest backoff wait, in seconds."""
DEFAULT_MAX_RETRY_AFTER: Final = 60.0
"""The longest ``Retry-After`` the client waits for; longer ones end the fetch at once."""
DEFAULT_USER_AGENT: Final = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
)
"""A desktop browser's user agent, as the session's cookies were made for one."""

_PEEK: Final = 4096
_MAX_DIGITS: Final = 100
"""An integer in an SSI answer has a few digits; longer ones are refused before int()."""
_SHOWN: Final = 80
"""At most this many characters of a server's text (a Location, a content type) are quoted."""
_RETRY_STATUSES: Final = frozenset({429, *range(500, 600)})
_LOGIN_PATHS: Final = ("/login", "/authwall", "/checkpoint", "/uas/login")
_HOW_TO: Final = (
    "sign in to LinkedIn in your browser and copy fresh li_at and JSESSIONID cookies "
    f"(how: {DOCS_URL}#copy-the-two-cookies)"
)

_log = logging.getLogger("ssi_index.fetch")


class ClientOptions(TypedDict, total=False):
    """Keyword options of :class:`SSIClient`, accepted by its ``from_*`` constructors too."""

    session: requests.Session | None
    base_url: str
    timeout: float
    deadline: float | None
    max_body: int
    retries: int
    backoff: float
    backoff_max: float
    max_retry_after: float
    user_agent: str


@functools.cache
def _retry_class() -> type[Retry]:
    """Build, once, the :class:`~urllib3.util.Retry` that caps ``Retry-After``."""
    from urllib3.exceptions import InvalidHeader, MaxRetryError, ResponseError
    from urllib3.util.retry import Retry

    class _SSIRetry(Retry):
        """Retry that gives up at once when ``Retry-After`` asks for too long a wait.

        urllib3 would clamp such a wait and sleep; a fetch that would block for
        an hour is better ended with the answer, which becomes a RateLimitError.
        """

        RETRY_AFTER_STATUS_CODES = frozenset({429, 503})
        max_retry_after: float = DEFAULT_MAX_RETRY_AFTER

        def new(self, **kw: Any) -> Self:
            retry = super().new(**kw)
            retry.max_retry_after = self.max_retry_after
            return retry

        def get_retry_after(self, response: Any) -> float | None:
            try:
                return super().get_retry_after(response)
            except (InvalidHeader, ValueError, OverflowError):  # malformed: back off instead
                return None

        def increment(
            self,
            method: str | None = None,
            url: str | None = None,
            response: Any = None,
            error: Exception | None = None,
            _pool: Any = None,
            _stacktrace: Any = None,
        ) -> Self:
            if response is not None:
                wait = self.get_retry_after(response)
                if wait is not None and wait > self.max_retry_after:
                    reason = ResponseError(
                        f"Retry-After of {wait:.0f} s is beyond {self.max_retry_after:g} s"
                    )
                    raise MaxRetryError(_pool, url, reason)
            retry = super().increment(method, url, response, error, _pool, _stacktrace)
            deadline = current_deadline()
            if deadline is not None and response is not None:
                wait = retry.get_retry_after(response)
                if wait is None:
                    wait = retry.get_backoff_time()
                if wait >= deadline.remaining:  # the wait alone would pass the deadline
                    reason = ResponseError(f"no time left for a wait of {wait:g} s")
                    raise MaxRetryError(_pool, url, reason)
            return retry

    return _SSIRetry


def _not_authenticated(found: str, phrase: Phrase | str | None = None) -> NotAuthenticatedError:
    """*found* in English; *phrase* the same in every language (default: *found*, as is)."""
    return NotAuthenticatedError(
        f"expected LinkedIn to accept your session, found {found}; {_HOW_TO}",
        key="fetch.not_authenticated",
        params={
            "found": found if phrase is None else phrase,
            "docs": f"{DOCS_URL}#copy-the-two-cookies",
        },
    )


_REASON_KEYS: Final = {
    "connection refused": "refused",
    "host name not found": "no_host",
    "TLS handshake or certificate failed": "tls",
    "the server closed the connection without answering": "closed",
    "the answer ended before its announced length": "short",
    "connection reset by the server": "reset",
    "timed out": "timed_out",
    "the connection broke": "broke",
    "connection failed": "failed",
}
"""The phrase of each fixed reason :func:`_root_reason` gives, for the translated message."""


def _reason(text: str) -> Phrase | str:
    key = _REASON_KEYS.get(text)
    return Phrase(f"fetch.reason.{key}") if key is not None else text


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Blocked" if status == 999 else "unknown status"


def _retry_after(value: str | None, now: dt.datetime) -> dt.datetime | None:
    """Turn a ``Retry-After`` header (seconds or an HTTP date) into an aware UTC time."""
    if value is None:
        return None
    text = value.strip()
    try:
        if text.isascii() and text.isdigit():
            return now + dt.timedelta(seconds=int(text))
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, OverflowError):
        return None
    if when.tzinfo is None:  # "-0000" means UTC with no zone given
        when = when.replace(tzinfo=dt.UTC)
    return when.astimezone(dt.UTC)


def _root_reason(err: BaseException) -> str:
    """A short, fixed description of why a connection failed, from the error chain."""
    reasons: tuple[tuple[type[BaseException], str], ...] = (
        (ConnectionRefusedError, "connection refused"),
        (socket.gaierror, "host name not found"),
        (ssl.SSLError, "TLS handshake or certificate failed"),
        (http.client.RemoteDisconnected, "the server closed the connection without answering"),
        (http.client.IncompleteRead, "the answer ended before its announced length"),
        (ConnectionResetError, "connection reset by the server"),
        (TimeoutError, "timed out"),
    )
    from urllib3.exceptions import IncompleteRead, ProtocolError, ReadTimeoutError

    extra: tuple[tuple[type[BaseException], str], ...] = (
        (IncompleteRead, "the answer ended before its announced length"),
        (ReadTimeoutError, "timed out"),
        (ProtocolError, "the connection broke"),
    )
    chain: list[BaseException] = []
    stack: list[BaseException] = [err]
    while stack:
        current = stack.pop()
        if any(current is known for known in chain):
            continue
        chain.append(current)
        links = [current.__cause__, current.__context__, getattr(current, "reason", None)]
        links.extend(arg for arg in current.args if isinstance(arg, BaseException))
        stack.extend(link for link in links if isinstance(link, BaseException))
    for kind, text in reasons + extra:
        if any(isinstance(link, kind) for link in chain):
            return text
    return "connection failed"


def _positive(name: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
        raise FetchError(f"{name}: expected a positive number of seconds, found {value!r}")
    if not math.isfinite(value):
        raise FetchError(f"{name}: expected a finite number of seconds, found {value!r}")
    return float(value)


def _split(url: object) -> SplitResult | None:
    """*url*'s parts, or ``None`` when it is not printable text or not a URL at all."""
    if not isinstance(url, str) or not url.isprintable():
        return None
    try:
        return urlsplit(url)
    except ValueError:  # "http://[bad": an unclosed IPv6 bracket
        return None


def _shown(text: str) -> str:
    """A server's text made safe to print: non-printable characters escaped, length capped."""
    shown = "".join(char if char.isprintable() else f"\\u{ord(char):04x}" for char in text[:_SHOWN])
    return shown + ("..." if len(text) > _SHOWN else "")


class _BadNumberError(ValueError):
    """A JSON number no SSI answer holds, refused while decoding."""


def _parse_int(text: str) -> int:
    if len(text) > _MAX_DIGITS:
        raise _BadNumberError(f"an integer of {len(text):,} digits")
    return int(text)


def _parse_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _BadNumberError(f"a number out of range ({_shown(text[:20])})")
    return value


def _parse_constant(text: str) -> float:
    raise _BadNumberError(f"{text}, which is not a JSON number")


def _too_deep(data: object, limit: int) -> bool:
    """Whether *data* nests lists and objects more than *limit* levels deep (no recursion)."""
    stack: list[tuple[object, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            children: Any = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


class _Redirected(Exception):  # noqa: N818 - a signal, not an error anyone sees
    """Raised by the response hook so that requests never parses a redirect's Location."""

    def __init__(self, status: int, location: str) -> None:
        super().__init__(status)
        self.status = status
        self.location = location


def _stop_at_redirect(response: requests.Response, *args: object, **kwargs: object) -> object:
    """Response hook: end the request at a redirect, before requests parses its Location.

    Even with ``allow_redirects=False``, requests builds the next request from a
    redirect's ``Location`` and fails with a bare ``ValueError`` on a malformed
    one (``http://[bad``); this client never follows redirects, so it needs none.
    """
    location = response.headers.get("location")
    if 300 <= response.status_code < 400 and location is not None:
        status = response.status_code
        response.close()
        raise _Redirected(status, location)
    return response


def _close(response: requests.Response) -> None:
    try:
        response.close()
    except Exception:  # the answer was read; a failed close changes nothing
        _log.debug("closing the answer of %s failed", response.url)


class SSIClient:
    """Fetches the signed-in member's own SSI from LinkedIn.

    One GET of ``{base_url}/sales-api/salesApiSsi`` with the session's two
    cookies, the ``csrf-token`` header derived from JSESSIONID and the headers
    LinkedIn's own page sends. Answers 429 and 5xx are retried (``retries``
    times, waiting as ``Retry-After`` says, up to ``max_retry_after`` seconds
    each, or backing off ``backoff`` x 2^n seconds, capped at ``backoff_max``).
    Redirects are never followed.

    Every fetch ends within ``deadline`` seconds, whatever the server does
    (answering slowly, dripping one byte at a time, asking for long waits):
    when the deadline passes, the connection is shut and the fetch fails with
    :class:`~ssi_index.FetchError`; a retry whose wait would pass it is not made.
    Answers larger than ``max_body`` bytes are refused without reading further.

    The cookies never show: ``repr(client)`` masks them, and no error, its
    chain (errors are not chained to requests' own, which hold the request's
    headers), its traceback's local variables, or log record contains them.

    Args:
        li_at: The ``li_at`` cookie's value.
        jsessionid: The ``JSESSIONID`` cookie's value, with or without its quotes.
        session: A :class:`requests.Session` to use (proxies, certificates);
            the client mounts its retrying adapter on it for ``base_url`` only
            and does not close it. By default the client makes its own, which
            keeps no cookies LinkedIn sets.
        base_url: Scheme and host of LinkedIn (or of a compatible proxy).
        timeout: Seconds to wait to connect, and then for each read (default
            :data:`DEFAULT_TIMEOUT`, 10 s).
        deadline: Seconds one fetch may take in all, retries and their waits
            included (default: twice ``timeout``, 20 s).
        max_body: The largest answer accepted, in bytes (default
            :data:`DEFAULT_MAX_BODY`, 1 MiB).
        retries: How many times to retry 429 and 5xx answers (default 3).
        backoff: Backoff factor in seconds between retries without ``Retry-After``.
        backoff_max: The longest backoff wait, in seconds.
        max_retry_after: The longest ``Retry-After`` wait accepted; a longer one
            raises :class:`~ssi_index.RateLimitError` at once.
        user_agent: The ``user-agent`` header; your own browser's is best.

    Raises:
        NotAuthenticatedError: A cookie is empty or malformed.
        FetchError: An option is out of range (``base_url`` not http(s), a
            timeout or deadline that is not a positive number, negative retries).

    Example:
        >>> client = SSIClient("AQEDAbc", '"ajax:123"')
        >>> client
        SSIClient(base_url='https://www.linkedin.com', li_at=Secret('********'), jsessionid=Secret('********'))
        >>> client.deadline
        20.0
    """  # noqa: E501

    def __init__(
        self,
        li_at: str | Secret,
        jsessionid: str | Secret,
        *,
        session: requests.Session | None = None,
        base_url: str = DEFAULT_BASE_URL,
        timeout: float = DEFAULT_TIMEOUT,
        deadline: float | None = None,
        max_body: int = DEFAULT_MAX_BODY,
        retries: int = DEFAULT_RETRIES,
        backoff: float = DEFAULT_BACKOFF,
        backoff_max: float = DEFAULT_BACKOFF_MAX,
        max_retry_after: float = DEFAULT_MAX_RETRY_AFTER,
        user_agent: str = DEFAULT_USER_AGENT,
    ) -> None:
        # Plain values never stay in this frame: a traceback that captures locals shows it.
        li_at, jsessionid = hide(li_at), hide(jsessionid)
        self._cookies = SessionCookies(li_at, jsessionid)
        parts = _split(base_url)
        if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
            raise FetchError(
                f"base_url: expected an http:// or https:// URL with a host, found {base_url!r}"
            )
        if isinstance(retries, bool) or not isinstance(retries, int) or retries < 0:
            raise FetchError(f"retries: expected a whole number of 0 or more, found {retries!r}")
        if isinstance(backoff, bool) or not isinstance(backoff, int | float) or not backoff >= 0:
            raise FetchError(f"backoff: expected 0 or more seconds, found {backoff!r}")
        if isinstance(max_body, bool) or not isinstance(max_body, int) or max_body < 1:
            raise FetchError(f"max_body: expected a positive number of bytes, found {max_body!r}")
        self._timeout = _positive("timeout", timeout)
        self._deadline = 2 * self._timeout if deadline is None else _positive("deadline", deadline)
        self._max_body = max_body
        backoff_max = _positive("backoff_max", backoff_max)
        max_retry_after = _positive("max_retry_after", max_retry_after)
        if not isinstance(user_agent, str) or not user_agent.isprintable():
            raise FetchError(f"user_agent: expected printable text, found {user_agent!r}")
        self._base_url = base_url.rstrip("/")
        self._host = parts.netloc
        self._url = self._base_url + SSI_PATH
        self._retries = retries
        self._user_agent = user_agent

        from importlib.metadata import version

        import requests

        urllib3_version = version("urllib3")
        if int(urllib3_version.split(".", 1)[0]) < 2:
            # urllib3 comes with requests; Retry(backoff_max=...) needs its version 2.
            raise FetchError(
                f"the fetch client expected urllib3 2 or newer, found {urllib3_version}; "
                "upgrade it with: pip install -U 'urllib3>=2'"
            )
        retry = _retry_class()(
            total=retries,
            connect=0,
            read=False,
            redirect=False,
            status=retries,
            other=0,
            allowed_methods=frozenset({"GET"}),
            status_forcelist=_RETRY_STATUSES,
            backoff_factor=float(backoff),
            backoff_max=backoff_max,
            raise_on_status=False,
            respect_retry_after_header=True,
        )
        retry.max_retry_after = max_retry_after  # type: ignore[attr-defined]
        self._owns_session = session is None
        if session is None:
            from http.cookiejar import DefaultCookiePolicy

            session = requests.Session()
            # Keep none of the cookies LinkedIn sets: the client sends only its own.
            session.cookies.set_policy(DefaultCookiePolicy(allowed_domains=[]))
        session.mount(self._base_url + "/", watched_adapter(retry))
        self._session = session

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] | None = None, **options: Unpack[ClientOptions]
    ) -> Self:
        """Build a client from ``SSI_INDEX_LI_AT`` and ``SSI_INDEX_JSESSIONID``.

        Args:
            environ: Where to look; :data:`os.environ` when ``None``.
            **options: Any keyword option of :class:`SSIClient`.

        Raises:
            NotAuthenticatedError: A variable is unset, empty or malformed.
        """
        cookies = env_cookies(environ)
        del environ  # a caller's mapping holds the plain values: keep it out of tracebacks
        if isinstance(cookies, NotAuthenticatedError):
            raise cookies
        return cls(cookies.li_at, cookies.jsessionid, **options)

    @classmethod
    def from_cookies_file(
        cls, path: str | os.PathLike[str], **options: Unpack[ClientOptions]
    ) -> Self:
        """Build a client from a browser-exported Netscape ``cookies.txt``.

        Args:
            path: The file (see :meth:`SessionCookies.from_cookies_file`).
            **options: Any keyword option of :class:`SSIClient`.

        Raises:
            NotAuthenticatedError: The file cannot be read, is not a regular file,
                is too large or lacks unexpired cookies.
        """
        cookies = SessionCookies.from_cookies_file(path)
        return cls(cookies.li_at, cookies.jsessionid, **options)

    @property
    def url(self) -> str:
        """The SSI endpoint this client fetches."""
        return self._url

    @property
    def timeout(self) -> float:
        """Seconds to wait to connect, and then for each read."""
        return self._timeout

    @property
    def deadline(self) -> float:
        """Seconds one fetch may take in all, retries included."""
        return self._deadline

    @property
    def max_body(self) -> int:
        """The largest answer accepted, in bytes."""
        return self._max_body

    @property
    def retries(self) -> int:
        """How many times a 429 or 5xx answer is retried."""
        return self._retries

    def __repr__(self) -> str:
        # getattr: a half-built client (a local of a traceback from __init__) prints too.
        base_url = getattr(self, "_base_url", None)
        return (
            f"{type(self).__name__}(base_url={base_url!r}, "
            f"li_at={Secret('')!r}, jsessionid={Secret('')!r})"
        )

    def close(self) -> None:
        """Close the HTTP session, if the client made it."""
        if self._owns_session:
            self._session.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def fetch(self) -> Score:
        """Fetch and parse the member's SSI.

        Raises:
            NotAuthenticatedError: LinkedIn refused the session (401, 403 ``CSRF
                check failed.``, 999, a redirect to sign-in, an HTML page).
            RateLimitError: Still 429 after the retries, or asked to wait too long.
            FetchError: A timeout, the deadline, a connection error or another
                HTTP error.
            ParseError: The answer is not an SSI payload.
        """
        from ssi_index import parse_json

        return parse_json(self.fetch_json())

    def fetch_json(self) -> dict[str, Any]:
        """Fetch the SSI endpoint's JSON answer as it is, for callers who want it raw.

        Raises:
            NotAuthenticatedError: LinkedIn refused the session.
            RateLimitError: Still 429 after the retries, or asked to wait too long.
            FetchError: A timeout, the deadline, a connection error or another
                HTTP error.
            ParseError: The answer is not a JSON object, is larger than
                ``max_body`` or nests too deeply.
        """
        with Deadline(self._deadline) as deadline:
            outcome = self._exchange(deadline)
        if isinstance(outcome, SSIError):
            # Raised here, outside every except block: no __context__ leads back to
            # requests' exceptions (which hold the request and its cookie header),
            # and no frame on the traceback holds a plain cookie.
            raise outcome
        return outcome

    def _exchange(self, deadline: Deadline) -> dict[str, Any] | SSIError:
        sent = self._send(deadline)
        if isinstance(sent, SSIError):
            return sent
        try:
            return self._read(sent, deadline)
        finally:
            _close(sent)

    def _headers(self) -> dict[str, str]:
        return {
            "accept": "application/json",
            "csrf-token": self._cookies.csrf_token.reveal(),
            "x-restli-protocol-version": "2.0.0",
            "x-li-lang": "en_US",
            "user-agent": self._user_agent,
            "cookie": self._cookies.cookie_header().reveal(),
        }

    def _send(self, deadline: Deadline) -> requests.Response | SSIError:
        _log.debug(
            "GET %s (timeout %g s, deadline %g s, %d retries)",
            self._url,
            self._timeout,
            self._deadline,
            self._retries,
        )
        wait = max(min(self._timeout, deadline.remaining), 0.001)
        failure: SSIError
        try:
            response = self._session.get(
                self._url,
                headers=self._headers(),
                timeout=(wait, wait),
                allow_redirects=False,
                stream=True,
                hooks={"response": _stop_at_redirect},
            )
        except _Redirected as redirect:
            failure = (
                self._past_deadline(redirect.status)
                if deadline.expired
                else self._redirected(redirect.status, redirect.location)
            )
        except Exception as err:  # whatever requests or urllib3 raise
            failure = self._failed(err, deadline, None, "send")
        else:
            if not deadline.expired:
                return response
            failure = self._past_deadline(response.status_code)
            _close(response)
        return failure

    def _failed(
        self, err: Exception, deadline: Deadline, status: int | None, stage: str
    ) -> FetchError:
        """The FetchError for *err*; it names the reason but keeps no link to *err*."""
        import requests

        if deadline.expired:
            return self._past_deadline(status)
        reason = _root_reason(err)
        if isinstance(err, requests.Timeout) or reason == "timed out":
            return self._timed_out(status)
        if stage == "send":
            if isinstance(err, requests.ConnectionError):
                return FetchError(
                    f"expected an answer from {self._host}, found none: {reason}",
                    key="fetch.no_answer",
                    params={"host": self._host, "reason": _reason(reason)},
                )
            return FetchError(
                f"expected to send a request to {self._host}, found it failed "
                f"({type(err).__name__})"
            )
        if isinstance(err, requests.ConnectionError):
            return FetchError(
                f"expected the whole answer from {self._host}, found the connection broke: "
                f"{reason}",
                status=status,
                key="fetch.broke",
                params={"host": self._host, "reason": _reason(reason)},
            )
        return FetchError(
            f"expected the whole answer from {self._host}, found a broken one: {reason} "
            f"({type(err).__name__})",
            status=status,
        )

    def _timed_out(self, status: int | None) -> FetchError:
        return FetchError(
            f"expected an answer from {self._host} within {self._timeout:g} s, found none "
            "(timed out); LinkedIn may be slow or unreachable, try again later",
            status=status,
            key="fetch.timed_out",
            params={"host": self._host, "seconds": f"{self._timeout:g}"},
        )

    def _past_deadline(self, status: int | None) -> FetchError:
        return FetchError(
            f"expected the whole answer from {self._host} within the deadline of "
            f"{self._deadline:g} s, found it still incomplete (a slow or stalled server); "
            "try again later",
            status=status,
            key="fetch.past_deadline",
            params={"host": self._host, "seconds": f"{self._deadline:g}"},
        )

    def _body(
        self, response: requests.Response, limit: int, deadline: Deadline
    ) -> bytes | SSIError:
        """Read at most *limit* + 1 bytes of the body, as failures of this fetch."""
        status = response.status_code
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in response.iter_content(chunk_size=16384):
                chunks.append(chunk)
                size += len(chunk)
                if size > limit:
                    break
        except Exception as err:  # whatever requests or urllib3 raise
            failure = self._failed(err, deadline, status, "body")
        else:
            if not deadline.expired:
                return b"".join(chunks)
            failure = self._past_deadline(status)
        return failure

    def _read(self, response: requests.Response, deadline: Deadline) -> dict[str, Any] | SSIError:
        status = response.status_code
        _log.debug("GET %s -> %d %s", self._url, status, _phrase(status))
        if 300 <= status < 400:
            return self._redirected(status, None)
        if status == 401:
            return _not_authenticated(
                "401 Unauthorized (no valid session)", Phrase("fetch.found.unauthorized")
            )
        if status == 403:
            peek = self._body(response, _PEEK, deadline)
            if isinstance(peek, SSIError):
                return peek
            if b"csrf check failed" in peek[:_PEEK].lower():
                return _not_authenticated(
                    "403 'CSRF check failed.' (JSESSIONID does not belong to this session)",
                    Phrase("fetch.found.csrf"),
                )
        if status == 429:
            return self._rate_limited(response)
        if status == 999:
            return _not_authenticated(
                "status 999 (LinkedIn blocks requests it does not trust; open LinkedIn in "
                "your browser and pass any check it shows first)",
                Phrase("fetch.found.blocked"),
            )
        if not 200 <= status < 300:
            message = f"expected 200 OK from {self._url}, found {status} {_phrase(status)}"
            later = _retry_after(response.headers.get("retry-after"), dt.datetime.now(dt.UTC))
            params: dict[str, ParamValue] = {
                "url": self._url,
                "status": f"{status} {_phrase(status)}",
            }
            if later is not None:
                message += f"; LinkedIn asked to wait until {later:%Y-%m-%d %H:%M:%S} UTC"
                params["until"] = f"{later:%Y-%m-%d %H:%M:%S} UTC"
            key = "fetch.status_wait" if later is not None else "fetch.status"
            return FetchError(message, status=status, key=key, params=params)
        content_type = response.headers.get("content-type", "")
        if "html" in content_type.lower():
            shown_type = _shown(content_type.split(";")[0].strip())
            return _not_authenticated(
                f"an HTML page (content type {shown_type}) where JSON was expected",
                Phrase("fetch.found.html"),
            )
        body = self._body(response, self._max_body, deadline)
        if isinstance(body, SSIError):
            return body
        return self._decode(body)

    def _decode(self, body: bytes) -> dict[str, Any] | SSIError:
        """The JSON object in *body*, or the ParseError that says why there is none."""
        if len(body) > self._max_body:
            return ParseError(
                f"expected an SSI answer of a few kilobytes from {self._url}, "
                f"found more than {self._max_body:,} bytes (max_body)",
                path="$",
            )
        if body.lstrip()[:1] == b"<":
            return _not_authenticated(
                "an HTML page where JSON was expected", Phrase("fetch.found.html")
            )
        expected = f"expected a JSON object from {self._url}, found"
        failure: SSIError
        try:
            data = json.loads(
                body,
                parse_int=_parse_int,
                parse_float=_parse_float,
                parse_constant=_parse_constant,
            )
        except _BadNumberError as err:
            failure = ParseError(f"{expected} {err}", path="$")
        except RecursionError:
            failure = ParseError(f"{expected} lists or objects nested too deeply", path="$")
        except json.JSONDecodeError as err:
            failure = ParseError(
                f"{expected} {len(body)} bytes that are not valid JSON ({err.msg} at line "
                f"{err.lineno}, column {err.colno}; a truncated or garbled answer)",
                path="$",
            )
        except UnicodeDecodeError as err:
            failure = ParseError(
                f"{expected} bytes that are not UTF-8 text (at byte {err.start})", path="$"
            )
        except ValueError as err:
            failure = ParseError(f"{expected} JSON it cannot read ({type(err).__name__})")
        else:
            if not isinstance(data, dict):
                return ParseError(f"{expected} a JSON {type(data).__name__}", path="$")
            if _too_deep(data, DEFAULT_MAX_DEPTH):
                return ParseError(
                    f"{expected} lists or objects nested more than {DEFAULT_MAX_DEPTH} deep",
                    path="$",
                )
            return data
        return failure

    def _redirected(self, status: int, location: str | None) -> SSIError:
        if not location:
            return FetchError(
                f"expected 200 OK from {self._url}, found a redirect ({status}) with no "
                "Location header",
                status=status,
            )
        try:
            target = urlsplit(urljoin(self._url, location))
        except ValueError:
            return FetchError(
                f"expected 200 OK from {self._url}, found a redirect ({status}) to a "
                f"malformed Location '{_shown(location)}'",
                status=status,
            )
        path = target.path or "/"
        for login in _LOGIN_PATHS:
            if path == login or path.startswith(login + "/"):
                return _not_authenticated(
                    f"a redirect ({status}) to LinkedIn's {login} page (not followed)",
                    Phrase("fetch.found.login_redirect"),
                )
        return FetchError(
            f"expected 200 OK from {self._url}, found a redirect ({status}) to "
            f"{_shown(target.netloc + path)}, which ssi-index does not follow",
            status=status,
        )

    def _rate_limited(self, response: requests.Response) -> RateLimitError:
        now = dt.datetime.now(dt.UTC)
        retry_after = _retry_after(response.headers.get("retry-after"), now)
        retries = getattr(response.raw, "retries", None)
        attempts = len(getattr(retries, "history", ())) + 1
        when = (
            f"try again after {retry_after:%Y-%m-%d %H:%M:%S} UTC"
            if retry_after is not None
            else "try again in an hour or more"
        )
        return RateLimitError(
            f"expected 200 OK from {self._url}, found 429 Too Many Requests after "
            f"{attempts} attempt(s); LinkedIn is rate-limiting this account: {when}",
            retry_after=retry_after,
            key="fetch.rate_limited" if retry_after is not None else "fetch.rate_limited_hour",
            params={
                "url": self._url,
                "attempts": Phrase("fetch.attempts", attempts),
                "until": f"{retry_after:%Y-%m-%d %H:%M:%S} UTC" if retry_after else "",
            },
        )
