"""Opening a store by URL, the default location, and third-party schemes (entry points)."""

from __future__ import annotations

import os
import sys
import urllib.parse
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path
from typing import TYPE_CHECKING, Final

from ssi_index._errors import StorageError

from ._common import check_timeout, redact

if TYPE_CHECKING:
    from . import SnapshotStore

__all__ = ["ENTRY_POINT_GROUP", "ENV_VAR", "default_path", "open_store"]

ENV_VAR: Final = "SSI_INDEX_STORE"
"""The environment variable holding the URL of the default store."""
ENTRY_POINT_GROUP: Final = "ssi_index.stores"
"""The entry-point group where third-party backends register a URL scheme."""
_BUILT_IN: Final = ("memory", "sqlite", "postgresql", "postgres")
_APP: Final = "ssi-index"
_FILE: Final = "history.db"


def default_path() -> Path:
    r"""Return where the default SQLite store lives (the file may not exist yet).

    The platform's per-user data folder, then ``ssi-index/history.db``:

    - Linux and other Unix: ``$XDG_DATA_HOME/ssi-index/history.db``, by default
      ``~/.local/share/ssi-index/history.db``;
    - macOS: ``~/Library/Application Support/ssi-index/history.db``;
    - Windows: ``%LOCALAPPDATA%\ssi-index\history.db``.

    Set ``SSI_INDEX_STORE`` to a store URL to use another store instead.
    """
    home = Path.home()
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA")
        base = Path(local) if local else home / "AppData" / "Local"
    elif sys.platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        xdg = os.environ.get("XDG_DATA_HOME", "")
        # The XDG spec says to ignore a relative path.
        base = Path(xdg) if xdg and Path(xdg).is_absolute() else home / ".local" / "share"
    return base / _APP / _FILE


def _plugins() -> dict[str, EntryPoint]:
    return {ep.name.lower(): ep for ep in entry_points(group=ENTRY_POINT_GROUP)}


def _known(plugins: dict[str, EntryPoint]) -> str:
    return ", ".join(f"{scheme}://" for scheme in (*_BUILT_IN, *sorted(plugins)))


def _sqlite(url: str) -> SnapshotStore:
    from ._sqlite import SQLiteStore

    rest, _, query = url[len("sqlite://") :].partition("?")
    timeout = 5.0
    for name, value in urllib.parse.parse_qsl(query, keep_blank_values=True):
        if name != "timeout":
            raise StorageError(
                f"{url}: expected only the query parameter 'timeout', found {name!r}",
                key="store.sqlite_query",
                params={"url": url, "found": repr(name)},
            )
        try:
            timeout = float(value)
        except ValueError as err:
            raise StorageError(
                f"{url}: timeout: expected seconds, found {value!r}",
                key="store.sqlite_timeout",
                params={"url": url, "found": repr(value)},
            ) from err
        check_timeout(timeout, f"{url}: timeout")
    if rest in ("", "/:memory:"):
        return SQLiteStore(":memory:", timeout=timeout)
    if not rest.startswith("/") or rest == "/":
        raise StorageError(
            "expected sqlite:///relative/path.db or sqlite:////absolute/path.db "
            f"(three slashes, then the path), found {url!r}",
            key="store.sqlite_slashes",
            params={"found": repr(url)},
        )
    return SQLiteStore(rest[1:], timeout=timeout)


def open_store(url: str | None = None) -> SnapshotStore:
    """Open a store by URL.

    ===========================================  ==========================================
    URL                                          Store
    ===========================================  ==========================================
    ``memory://``                                :class:`~ssi_index.storage.MemoryStore`
    ``sqlite:///relative/path.db``               :class:`~ssi_index.storage.SQLiteStore`
    ``sqlite:////absolute/path.db``              the same, absolute path (SQLAlchemy's form)
    ``sqlite://``                                an in-memory SQLite database
    ``postgresql://user@host/db``                :class:`~ssi_index.storage.PostgresStore`
    ``postgres://...``                           the same
    ``<scheme>://...``                           a backend registered in the ``ssi_index.stores``
                                                 entry-point group under ``<scheme>``
    ===========================================  ==========================================

    SQLite URLs take ``?timeout=<seconds>`` (a finite number from 0 to a day; ``nan``
    and ``inf`` are refused).

    Args:
        url: The store's URL. ``None`` reads the ``SSI_INDEX_STORE`` environment
            variable, and without it opens the SQLite file at :func:`default_path`
            (creating its folder).

    Raises:
        StorageError: the URL is malformed or its scheme unknown (the message lists
            the known ones), or the store cannot be opened.
        MissingDependencyError: a PostgreSQL URL without ``ssi-index[postgres]``.

    Example:
        >>> with open_store("memory://") as store:
        ...     store.profiles()
        []
    """
    if url is None:
        url = os.environ.get(ENV_VAR) or None
        if url is None:
            from ._sqlite import SQLiteStore

            path = default_path()
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as err:
                raise StorageError(
                    f"cannot create the data folder {path.parent}: {err}",
                    key="store.data_folder",
                    params={"folder": str(path.parent), "reason": err},
                ) from err
            return SQLiteStore(path)
    if isinstance(url, os.PathLike):
        raise StorageError(
            f"expected a store URL, found the path {os.fspath(url)!r}: "
            "open a file with SQLiteStore(path) or a sqlite:/// URL",
            key="store.path_not_url",
            params={"found": repr(os.fspath(url))},
        )
    if not isinstance(url, str):
        raise StorageError(f"expected a store URL, found {type(url).__name__}")
    scheme, sep, _ = url.partition("://")
    scheme = scheme.lower()
    if not sep or not scheme:
        if "=" in url:
            raise StorageError(
                "expected a store URL such as sqlite:///ssi.db, found what looks like a libpq "
                f"key=value string ({redact(url)!r}): open it with PostgresStore(...), or "
                "write it as a postgresql:// URL",
                key="store.libpq_string",
                params={"found": repr(redact(url))},
            )
        raise StorageError(
            f"expected a store URL such as sqlite:///ssi.db, found {redact(url)!r}; "
            f"known schemes: {_known(_plugins())}",
            key="store.not_url",
            params={"found": repr(redact(url)), "schemes": _known(_plugins())},
        )
    if scheme == "memory":
        from ._memory import MemoryStore

        if url.lower() != "memory://":
            raise StorageError(
                f"expected memory:// with nothing after it, found {redact(url)!r}",
                key="store.memory_extra",
                params={"found": repr(redact(url))},
            )
        return MemoryStore()
    if scheme == "sqlite":
        return _sqlite(url)
    if scheme in ("postgresql", "postgres"):
        from ._postgres import PostgresStore

        return PostgresStore(url)
    plugins = _plugins()
    entry = plugins.get(scheme)
    if entry is None:
        raise StorageError(
            f"expected a store URL with a known scheme ({_known(plugins)}), found {scheme!r}",
            key="store.unknown_scheme",
            params={"schemes": _known(plugins), "found": repr(scheme)},
        )
    return _from_plugin(entry, url)


def _from_plugin(entry: EntryPoint, url: str) -> SnapshotStore:
    from . import SnapshotStore

    try:
        factory = entry.load()
    except Exception as err:
        raise StorageError(
            f"cannot load the store backend {entry.value!r} registered for {entry.name}://: {err}"
        ) from err
    store = factory(url)
    if not isinstance(store, SnapshotStore):
        raise StorageError(
            f"expected the backend registered for {entry.name}:// ({entry.value}) to return a "
            f"SnapshotStore, found {type(store).__name__}"
        )
    return store
