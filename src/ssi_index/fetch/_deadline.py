"""One fetch's overall deadline, which no slow or dripping server can outlive.

``requests`` and ``urllib3`` time out per read: a server that sends one byte
every half second never trips a 2 s timeout and can keep a fetch alive for
ever. :class:`Deadline` is a timer started when a fetch starts; when it fires it
shuts down every socket the fetch is using, so whatever read is blocked returns
at once and the fetch fails with a "deadline" error.

The sockets are found through the connection classes of the client's own
adapter (:func:`watched_adapter`): each connection reports the socket it opens
or reuses to the deadline of the fetch running in the same thread.
"""

from __future__ import annotations

import contextlib
import functools
import socket
import threading
import time
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

if TYPE_CHECKING:
    from requests.adapters import HTTPAdapter
    from urllib3.util.retry import Retry

__all__ = ["Deadline", "current_deadline", "watched_adapter"]

_current = threading.local()


def current_deadline() -> Deadline | None:
    """The deadline of the fetch running in this thread, if any."""
    deadline: Deadline | None = getattr(_current, "deadline", None)
    return deadline


def _shut(sock: socket.socket) -> None:
    """Shut a socket down so that a read blocked on it returns; never raises."""
    # Already closed, detached or never connected: nothing to do. The base method
    # on purpose: SSLSocket.shutdown() would drop its TLS object under a read
    # another thread may be blocked in.
    with contextlib.suppress(OSError, ValueError):
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


class Deadline:
    """A wall-clock limit on one fetch, enforced by shutting its sockets down.

    Use as a context manager around everything one fetch does; nest-safe per
    thread. ``expired`` tells afterwards whether the limit ended the fetch.

    Args:
        seconds: How long the fetch may take in all.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._ends_at = time.monotonic() + seconds
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._fired = False
        self._done = False
        self._previous: Deadline | None = None
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> Self:
        self._previous = current_deadline()
        _current.deadline = self
        self._timer.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._timer.cancel()
        with self._lock:
            self._done = True
            self._sockets.clear()
        _current.deadline = self._previous

    @property
    def remaining(self) -> float:
        """Seconds left, never below zero."""
        return max(0.0, self._ends_at - time.monotonic())

    @property
    def expired(self) -> bool:
        """Whether the deadline has passed."""
        return self._fired or self._ends_at <= time.monotonic()

    def watch(self, sock: socket.socket | None) -> None:
        """Shut *sock* down when the deadline passes (at once if it has)."""
        if sock is None:
            return
        with self._lock:
            if self._done:
                return
            if self._fired:
                _shut(sock)
            elif not any(sock is known for known in self._sockets):
                self._sockets.append(sock)

    def _expire(self) -> None:
        with self._lock:
            if self._done:
                return
            self._fired = True
            for sock in self._sockets:
                _shut(sock)


def _watch(sock: Any) -> None:
    deadline = current_deadline()
    if deadline is not None and isinstance(sock, socket.socket):
        deadline.watch(sock)


class _WatchedConnection:
    """Mixed into urllib3's connection classes: report every socket used to the deadline."""

    sock: Any

    def _new_conn(self) -> Any:
        sock = super()._new_conn()  # type: ignore[misc]
        _watch(sock)  # the plain socket: covers a proxy's CONNECT answer
        return sock

    def connect(self) -> None:
        super().connect()  # type: ignore[misc]
        _watch(self.sock)  # the TLS socket, once wrapped

    def request(self, *args: Any, **kwargs: Any) -> Any:
        _watch(self.sock)  # a kept-alive connection opened by an earlier fetch
        return super().request(*args, **kwargs)  # type: ignore[misc]


@functools.cache
def _watched_pool(pool_cls: type[Any]) -> type[Any]:
    connection_cls = pool_cls.ConnectionCls
    watched_connection = type(
        f"Watched{connection_cls.__name__}", (_WatchedConnection, connection_cls), {}
    )
    return type(f"Watched{pool_cls.__name__}", (pool_cls,), {"ConnectionCls": watched_connection})


def _watch_manager(manager: Any) -> Any:
    classes = getattr(manager, "pool_classes_by_scheme", None)
    if isinstance(classes, dict):
        manager.pool_classes_by_scheme = {
            scheme: _watched_pool(cls) for scheme, cls in classes.items()
        }
    return manager


@functools.cache
def _adapter_class() -> type[HTTPAdapter]:
    from requests.adapters import HTTPAdapter

    class _WatchedAdapter(HTTPAdapter):
        """An HTTPAdapter whose connections report their sockets to the fetch's deadline."""

        def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
            super().init_poolmanager(*args, **kwargs)
            _watch_manager(self.poolmanager)

        def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
            known = proxy in self.proxy_manager
            manager = super().proxy_manager_for(proxy, **proxy_kwargs)
            return manager if known else _watch_manager(manager)

    return _WatchedAdapter


def watched_adapter(retry: Retry) -> HTTPAdapter:
    """An :class:`~requests.adapters.HTTPAdapter` with *retry* whose sockets a deadline can shut."""
    return _adapter_class()(max_retries=retry)
