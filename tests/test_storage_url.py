"""open_store(): URLs, the default location, SSI_INDEX_STORE and entry-point backends."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

from ssi_index import StorageError
from ssi_index.storage import MemoryStore, SQLiteStore, default_path, open_store


def test_memory_url() -> None:
    with open_store("memory://") as store:
        assert isinstance(store, MemoryStore)
    with pytest.raises(StorageError, match="nothing after it"):
        open_store("memory://somewhere")


def test_sqlite_relative_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").mkdir()
    with open_store("sqlite:///data/ssi.db") as store:
        assert isinstance(store, SQLiteStore)
        assert store.path == "data/ssi.db"
    assert (tmp_path / "data" / "ssi.db").is_file()


def test_sqlite_absolute_url(tmp_path: Path) -> None:
    path = tmp_path / "ssi.db"
    with open_store(f"sqlite:///{path}?timeout=2.5") as store:
        assert isinstance(store, SQLiteStore)
        assert store.path == str(path)
    assert path.is_file()


def test_sqlite_in_memory_urls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for url in ("sqlite://", "sqlite:///:memory:", "SQLITE://"):
        with open_store(url) as store:
            assert isinstance(store, SQLiteStore)
            assert store.path == ":memory:"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("sqlite://host/ssi.db", "three slashes"),
        ("sqlite:///", "three slashes"),
        ("sqlite:///ssi.db?mode=ro", "only the query parameter 'timeout'"),
        ("sqlite:///ssi.db?timeout=soon", "timeout: expected seconds"),
        ("ssi.db", "expected a store URL such as sqlite:///ssi.db"),
        ("mongodb://localhost/ssi", r"known scheme \(memory://, sqlite://, postgresql://"),
    ],
)
def test_bad_urls_say_what_was_expected(url: str, message: str) -> None:
    with pytest.raises(StorageError, match=message):
        open_store(url)


def test_not_a_string_is_refused() -> None:
    with pytest.raises(StorageError, match=r"found the path 'ssi\.db': open a file with"):
        open_store(Path("ssi.db"))  # type: ignore[arg-type]


def test_no_url_reads_the_environment_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSI_INDEX_STORE", "memory://")
    with open_store() as store:
        assert isinstance(store, MemoryStore)


def test_no_url_and_no_variable_opens_sqlite_in_the_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SSI_INDEX_STORE", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr(sys, "platform", "linux")
    with open_store() as store:
        assert isinstance(store, SQLiteStore)
        assert store.path == str(tmp_path / "xdg" / "ssi-index" / "history.db")
    assert (tmp_path / "xdg" / "ssi-index" / "history.db").is_file()


@pytest.mark.parametrize(
    ("platform", "env", "expected"),
    [
        ("linux", {"XDG_DATA_HOME": "/data"}, "/data/ssi-index/history.db"),
        ("linux", {"XDG_DATA_HOME": "relative/ignored"}, "HOME/.local/share/ssi-index/history.db"),
        ("linux", {}, "HOME/.local/share/ssi-index/history.db"),
        (
            "darwin",
            {"XDG_DATA_HOME": "/data"},
            "HOME/Library/Application Support/ssi-index/history.db",
        ),
        ("win32", {"LOCALAPPDATA": "/appdata"}, "/appdata/ssi-index/history.db"),
        ("win32", {}, "HOME/AppData/Local/ssi-index/history.db"),
    ],
)
def test_default_path_per_platform(
    platform: str,
    env: dict[str, str],
    expected: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    for name in ("XDG_DATA_HOME", "LOCALAPPDATA"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(sys, "platform", platform)
    assert default_path() == Path(expected.replace("HOME", str(tmp_path)))


@pytest.fixture
def plugin_backends(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Install a real distribution that registers backends in ``ssi_index.stores``."""
    (tmp_path / "fake_ssi_backend.py").write_text(
        textwrap.dedent(
            """
            from ssi_index.storage import MemoryStore

            opened = []

            def open_fake(url):
                opened.append(url)
                return MemoryStore()

            def not_a_store(url):
                return object()
            """
        )
    )
    info = tmp_path / "fake_ssi_backend-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: fake-ssi-backend\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(
        "[ssi_index.stores]\n"
        "fake = fake_ssi_backend:open_fake\n"
        "broken = fake_ssi_backend:not_a_store\n"
        "missing = no_such_module_here:factory\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))


@pytest.mark.usefixtures("plugin_backends")
def test_entry_point_backends_open_by_scheme() -> None:
    import fake_ssi_backend  # type: ignore[import-not-found]

    with open_store("fake://bucket/ssi") as store:
        assert isinstance(store, MemoryStore)
    assert fake_ssi_backend.opened == ["fake://bucket/ssi"]


@pytest.mark.usefixtures("plugin_backends")
def test_entry_point_errors_name_the_backend() -> None:
    with pytest.raises(StorageError, match=r"to return a SnapshotStore, found object"):
        open_store("broken://x")
    with pytest.raises(StorageError, match=r"cannot load the store backend 'no_such_module_here"):
        open_store("missing://x")
    with pytest.raises(StorageError, match=r"broken://, fake://, missing://"):
        open_store("nope://x")
