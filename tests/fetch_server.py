"""A scripted LinkedIn stand-in on 127.0.0.1 for the fetch tests, and privacy helpers.

:class:`ScriptedServer` is a real :class:`http.server.ThreadingHTTPServer` in a
thread. Tests script its answers (:class:`Reply`); the last one repeats, so
``script(Reply(429))`` means "429 forever". Every request it receives is kept
(:class:`Received`) so tests can check the headers and cookies that were sent.
"""

from __future__ import annotations

import json
import ssl
import subprocess
import threading
import traceback
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any, Final, Self

LI_AT: Final = "AQEDAR-s3cr3t-li-at-Zq7Xw9Vb"
JSESSIONID_BARE: Final = "ajax:4815162342108"
JSESSIONID_STORED: Final = f'"{JSESSIONID_BARE}"'
SECRETS: Final = (LI_AT, "s3cr3t", "4815162342108")
"""Pieces of the two cookie values that must never show anywhere."""

PAYLOAD: Final[dict[str, Any]] = {
    "activeSeat": False,
    "memberScore": {
        "overall": 47.260002,
        "subScores": [
            {"score": 13.68, "pillar": "PROFESSIONAL_BRAND"},
            {"score": 11.2200005, "pillar": "FIND_RIGHT_PEOPLE"},
            {"score": 8.94, "pillar": "INSIGHT_ENGAGEMENT"},
            {"score": 13.42, "pillar": "STRONG_RELATIONSHIP"},
        ],
    },
    "groupScore": [
        {"groupType": "INDUSTRY", "rank": 22, "score": {"overall": 26.7, "subScores": []}},
        {"groupType": "NETWORK", "rank": 31, "score": {"overall": 29.3, "subScores": []}},
    ],
}
WRAPPED: Final[dict[str, Any]] = {"object": "LinkedinRawData", "data": PAYLOAD}
LOGIN_PAGE: Final = (
    b"<!DOCTYPE html><html><head><title>LinkedIn Login, Sign in | LinkedIn</title>"
    b'<link rel="canonical" href="https://www.linkedin.com/login"></head><body>'
    b'<form action="/checkpoint/lg/login-submit" method="post">'
    b'<input type="password" name="session_password"></form></body></html>'
)
JSON: Final = (("Content-Type", "application/json"),)


@dataclass(frozen=True)
class Reply:
    """One scripted answer."""

    status: int = 200
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = JSON
    delay: float = 0.0
    """Seconds to wait before answering at all."""
    stall: float = 0.0
    """Seconds to wait after the headers, before the body."""
    length: int | None = None
    """The Content-Length to announce, when it should differ from the body's."""
    drip: float = 0.0
    """Seconds between the bytes of the body, sent one at a time."""
    drip_head: bool = False
    """With ``drip``, send the status line and the headers one byte at a time too."""
    raw: bytes | None = None
    """Bytes to send as the whole answer instead (then the connection is closed)."""

    @classmethod
    def json(cls, data: object, status: int = 200, **kwargs: Any) -> Reply:
        return cls(status=status, body=json.dumps(data).encode(), **kwargs)


@dataclass(frozen=True)
class Received:
    """One request as the server saw it; header names in lower case."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class ScriptedServer:
    """The scripted server; use it as a context manager."""

    replies: list[Reply] = field(default_factory=lambda: [Reply.json(PAYLOAD)])
    received: list[Received] = field(default_factory=list, repr=False)
    """What clients sent, cookies included: kept out of repr (tracebacks show locals)."""
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _stop: threading.Event = field(default_factory=threading.Event)
    tls: ssl.SSLContext | None = None
    """Serve HTTPS with this server-side context instead of plain HTTP."""
    _httpd: ThreadingHTTPServer | None = None
    _thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        assert self._httpd is not None
        host, port = self._httpd.server_address[:2]
        scheme = "http" if self.tls is None else "https"
        return f"{scheme}://{host!s}:{port}"

    def script(self, *replies: Reply) -> None:
        with self._lock:
            self.replies = list(replies)
            self.received.clear()

    def paths(self) -> list[str]:
        with self._lock:
            return [r.path for r in self.received]

    def _next(self, request: Received) -> Reply:
        with self._lock:
            self.received.append(request)
            return self.replies.pop(0) if len(self.replies) > 1 else self.replies[0]

    def __enter__(self) -> Self:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                reply = server._next(
                    Received(
                        method=self.command,
                        path=self.path,
                        headers={k.lower(): v for k, v in self.headers.items()},
                        body=body,
                    )
                )
                if reply.delay and server._stop.wait(reply.delay):
                    return
                self.close_connection = reply.raw is not None or reply.drip > 0
                if reply.raw is not None:
                    self._send_quietly(reply.raw, 0.0)
                    return
                if reply.drip and reply.drip_head:
                    self._send_quietly(self._head(reply) + reply.body, reply.drip)
                    return
                self.send_response(reply.status)
                for name, value in reply.headers:
                    self.send_header(name, value)
                no_body = reply.status in (204, 304)
                if not no_body:
                    announced = len(reply.body) if reply.length is None else reply.length
                    self.send_header("Content-Length", str(announced))
                if reply.length is not None:
                    self.send_header("Connection", "close")
                    self.close_connection = True
                self.end_headers()
                self.wfile.flush()
                if reply.stall and server._stop.wait(reply.stall):
                    return
                if reply.drip:
                    self._send_quietly(reply.body, reply.drip)
                elif not no_body:
                    self.wfile.write(reply.body)

            def _head(self, reply: Reply) -> bytes:
                lines = [f"HTTP/1.1 {reply.status} Scripted"]
                lines += [f"{name}: {value}" for name, value in reply.headers]
                lines += [f"Content-Length: {len(reply.body)}", "Connection: close", "", ""]
                return "\r\n".join(lines).encode("latin-1")

            def _send_quietly(self, data: bytes, drip: float) -> None:
                """Send *data*, one byte every *drip* seconds when set; stop if the client left."""
                try:
                    if not drip:
                        self.wfile.write(data)
                        self.wfile.flush()
                        return
                    for i in range(len(data)):
                        self.wfile.write(data[i : i + 1])
                        self.wfile.flush()
                        if server._stop.wait(drip):
                            return
                except OSError:
                    return

            def log_message(self, format: str, *args: Any) -> None:
                pass

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request: object, client_address: object) -> None:
                pass  # a client that gave up (timeout tests) is not an error here

        self._httpd = Server(("127.0.0.1", 0), Handler)
        if self.tls is not None:
            self._httpd.socket = self.tls.wrap_socket(self._httpd.socket, server_side=True)
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stop.set()
        assert self._httpd is not None
        assert self._thread is not None
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)


def error_texts(err: BaseException) -> Iterator[str]:
    """Every text a user could see of *err*: str, repr, args and traceback, whole chain.

    The traceback is rendered twice: as Python prints it, and with every frame's
    local variables (``capture_locals=True``), as Sentry-style reporters do. The
    second leaves out the leading frames of the tests themselves: they are the
    caller's, whose own variables (a parametrized cookie value) the library
    cannot hide; every frame from the first library frame inward is rendered.
    """
    yield "".join(traceback.format_exception(err))
    yield locals_traceback(err)
    seen: set[int] = set()
    stack: list[BaseException] = [err]
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield str(current)
        yield repr(current)
        yield from (repr(arg) for arg in current.args)
        for attr in ("request", "response", "reason"):
            value = getattr(current, attr, None)
            if value is not None:
                yield repr(value)
        for link in (current.__cause__, current.__context__, getattr(current, "reason", None)):
            if isinstance(link, BaseException):
                stack.append(link)
        stack.extend(arg for arg in current.args if isinstance(arg, BaseException))


_TESTS: Final = str(Path(__file__).resolve().parent)


def locals_traceback(err: BaseException) -> str:
    """*err*'s traceback with every library frame's locals, as error reporters render it."""
    tb = err.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename.startswith(_TESTS):
        tb = tb.tb_next
    rendered = traceback.TracebackException(type(err), err, tb, capture_locals=True)
    return "".join(rendered.format())


def assert_no_secret(texts: Iterable[str]) -> None:
    """Fail if any of *texts* holds a piece of a cookie value."""
    for text in texts:
        for secret in SECRETS:
            assert secret not in text, f"a cookie value leaked into: {text[:300]!r}"


def make_certificate(folder: Path) -> tuple[Path, Path] | None:
    """A self-signed certificate and key for 127.0.0.1, made with openssl; None without it."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    command = [
        "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
        "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
        "-keyout", str(key), "-out", str(cert),
    ]  # fmt: skip
    try:
        subprocess.run(command, check=True, capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    return cert, key
