"""The public API: __all__ agrees with the public names, and all of them are documented."""

from __future__ import annotations

import importlib
import inspect
import subprocess
import sys
import types

import ssi_index

PUBLIC_MODULES = [
    "ssi_index",
    "ssi_index.activity",
    "ssi_index.importers",
    "ssi_index.storage",
    "ssi_index.testing",
]


def _public_names(module: types.ModuleType) -> set[str]:
    return {
        name
        for name, value in vars(module).items()
        if not name.startswith("_")
        and not isinstance(value, types.ModuleType)
        and getattr(value, "__module__", module.__name__) != "__future__"
        and name not in {"annotations", "TYPE_CHECKING"}
    }


def _isort_key(name: str) -> tuple[int, str]:
    # ruff's RUF022 order: CONSTANTS, then Classes, then functions, each alphabetical.
    return (0 if name.isupper() else 1 if name[:1].isupper() else 2, name)


def test_all_is_sorted_and_unique() -> None:
    names = [n for n in ssi_index.__all__ if n != "__version__"]
    assert names == sorted(names, key=_isort_key)
    assert len(set(ssi_index.__all__)) == len(ssi_index.__all__)


def test_all_agrees_with_public_names() -> None:
    assert _public_names(ssi_index) == set(ssi_index.__all__) - {"__version__"}


def test_every_public_name_resolves_and_is_documented() -> None:
    for name in ssi_index.__all__:
        value = getattr(ssi_index, name)
        if name == "__version__":
            assert isinstance(value, str)
            assert value
            continue
        if inspect.isclass(value) or inspect.isfunction(value):
            assert inspect.getdoc(value), f"{name} has no docstring"


def test_public_submodules_have_all_and_docs() -> None:
    for modname in PUBLIC_MODULES:
        try:
            module = importlib.import_module(modname)
        except ModuleNotFoundError:
            continue
        assert module.__doc__, modname
        exported = set(getattr(module, "__all__", ()))
        assert exported, modname
        for name in exported:
            value = getattr(module, name)
            if inspect.isclass(value) or inspect.isfunction(value):
                assert inspect.getdoc(value), f"{modname}.{name} has no docstring"


def test_version_matches_metadata() -> None:
    from importlib.metadata import version

    assert ssi_index.__version__ == version("ssi-index")


def test_import_does_no_heavy_work() -> None:
    code = (
        "import sys, ssi_index\n"
        "heavy = {'psycopg', 'pandas', 'matplotlib', 'tomllib', 'sqlite3'} & set(sys.modules)\n"
        "print(sorted(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
