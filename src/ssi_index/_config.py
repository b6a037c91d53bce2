"""The user's settings file: defaults for the store, profile, goal, locale and target.

A small TOML file in the platform's per-user config folder (:func:`config_path`),
or wherever ``SSI_INDEX_CONFIG`` points::

    store = "~/ssi/history.db"
    profile = "me"
    goal = "sales"
    locale = "he"
    target = 70

Every key is optional. Whoever reads a setting applies the one precedence:
a command-line flag, then the environment (``SSI_INDEX_STORE``,
``SSI_INDEX_PROFILE``, ``SSI_INDEX_LOCALE``), then this file, then the built-in
default. A relative ``store`` path in the file is relative to the file's folder.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import sys
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Final

import attrs

from ._errors import ConfigError, SSIError
from ._io import read_bounded

__all__ = [
    "CONFIG_ENV",
    "KEYS",
    "Config",
    "check_value",
    "config_path",
    "load_config",
    "save_config",
]

CONFIG_ENV: Final = "SSI_INDEX_CONFIG"
"""The environment variable that names another settings file."""
KEYS: Final = ("store", "profile", "goal", "locale", "target")
"""The keys a settings file may hold, in the order they are shown."""
_APP: Final = "ssi-index"
_FILE: Final = "config.toml"
_MAX_BYTES: Final = 64 * 1024


def config_path() -> Path:
    r"""Return where the settings file is (it may not exist).

    ``$SSI_INDEX_CONFIG`` when set; else the platform's config folder, then
    ``ssi-index/config.toml``:

    - Linux and other Unix: ``$XDG_CONFIG_HOME/ssi-index/config.toml``, by default
      ``~/.config/ssi-index/config.toml``;
    - macOS: ``~/Library/Application Support/ssi-index/config.toml``;
    - Windows: ``%APPDATA%\ssi-index\config.toml``.
    """
    named = os.environ.get(CONFIG_ENV)
    if named:
        return Path(named).expanduser()
    home = Path.home()
    if sys.platform == "win32":
        roaming = os.environ.get("APPDATA")
        base = Path(roaming) if roaming else home / "AppData" / "Roaming"
    elif sys.platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        xdg = os.environ.get("XDG_CONFIG_HOME", "")
        base = Path(xdg) if xdg and Path(xdg).is_absolute() else home / ".config"
    return base / _APP / _FILE


@attrs.frozen(kw_only=True)
class Config:
    """The settings read from a file; a key the file lacks is ``None``.

    Attributes:
        store: A store URL or a path to a SQLite file.
        profile: The default profile id.
        goal: The default goal (``sales``, ``ads``, ``job_search``, ``brand``).
        locale: The language of messages (``en``, ``he``, ``ru``).
        target: The default target total (0-100).
        path: The file the settings came from.
    """

    store: str | None = None
    profile: str | None = None
    goal: str | None = None
    locale: str | None = None
    target: float | None = None
    path: Path | None = None

    def get(self, key: str) -> str | float | None:
        """Return the value of *key* (one of :data:`KEYS`)."""
        if key not in KEYS:
            raise ConfigError(
                f"expected a setting ({', '.join(KEYS)}), found {key!r}",
                key="config.unknown_key",
                params={"keys": KEYS, "found": repr(key)},
            )
        value: str | float | None = getattr(self, key)
        return value

    def to_dict(self) -> dict[str, str | float | None]:
        """Every key, with ``None`` for those not set."""
        return {key: self.get(key) for key in KEYS}


def check_value(key: str, value: object) -> str | float:
    """Return *value* checked (and normalized) for the setting *key*.

    Raises:
        ConfigError: an unknown key, or a value the key does not take.
    """
    from ._i18n import LOCALES, normalize_locale
    from .rules import Goal

    if key not in KEYS:
        raise ConfigError(
            f"expected a setting ({', '.join(KEYS)}), found {key!r}",
            key="config.unknown_key",
            params={"keys": KEYS, "found": repr(key)},
        )
    if key == "target":
        number: float
        if isinstance(value, bool):
            number = math.nan
        elif isinstance(value, int | float):
            number = float(value)
        elif isinstance(value, str):
            try:
                number = float(value)
            except ValueError:
                number = math.nan
        else:
            number = math.nan
        if not math.isfinite(number) or not 0 <= number <= 100:
            raise ConfigError(
                f"target: expected a total from 0 to 100, found {value!r}",
                key="config.bad_target",
                params={"found": repr(value)},
            )
        return number
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(
            f"{key}: expected non-empty text, found {value!r}",
            key="config.empty",
            params={"setting": key, "found": repr(value)},
        )
    try:
        value.encode("utf-8")
    except UnicodeError as err:  # undecodable bytes from the command line (surrogates)
        raise ConfigError(
            f"{key}: expected text in UTF-8, found {value!r}",
            key="config.not_utf8",
            params={"setting": key, "found": repr(value)},
        ) from err
    if key == "goal":
        goals = [g.value for g in Goal]
        if value not in goals:
            raise ConfigError(
                f"goal: expected one of {', '.join(goals)}, found {value!r}",
                key="config.bad_choice",
                params={"setting": "goal", "choices": tuple(goals), "found": repr(value)},
            )
    if key == "locale":
        try:
            return normalize_locale(value)
        except LookupError as err:
            raise ConfigError(
                f"locale: expected one of {', '.join(LOCALES)}, found {value!r}",
                key="config.bad_choice",
                params={"setting": "locale", "choices": LOCALES, "found": repr(value)},
            ) from err
    return value


def load_config(path: Path | None = None) -> Config:
    """Read the settings file; a missing file gives empty settings.

    Args:
        path: The file; default :func:`config_path`.

    Raises:
        ConfigError: the file is not valid TOML, is too large, holds an unknown key
            or a value its key does not take (the message names the file and key).
    """
    where = config_path() if path is None else path
    if not where.exists():
        return Config(path=where)
    try:
        raw = read_bounded(where, max_bytes=_MAX_BYTES)
        data = tomllib.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeError) as err:  # ParseError, TOMLDecodeError
        raise ConfigError(
            f"{where}: expected a TOML settings file, found: {err}",
            key="config.not_toml",
            params={"file": str(where), "found": err if isinstance(err, SSIError) else str(err)},
        ) from err
    values: dict[str, str | float] = {}
    for key, value in data.items():
        try:
            values[key] = check_value(key, value)
        except ConfigError as err:
            raise ConfigError(
                f"{where}: {err}", key="config.in_file", params={"file": str(where), "error": err}
            ) from err
    return Config(path=where, **values)  # type: ignore[arg-type]


def _toml_value(value: str | float) -> str:
    if isinstance(value, float):
        return repr(int(value)) if value.is_integer() else repr(value)
    # A JSON string is a valid TOML basic string (the same escapes, \uXXXX included), once
    # DEL, which TOML also forbids raw, is escaped too.
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def save_config(values: Mapping[str, str | float | None], path: Path | None = None) -> Path:
    """Write the settings file with *values* (``None`` leaves a key out); return its path.

    The folder is created; the file is replaced in one step, so a reader never sees
    half of it.

    Raises:
        ConfigError: an unknown key or a bad value, or the file cannot be written.
    """
    where = config_path() if path is None else path
    lines = ["# ssi-index settings: https://ssi-index.readthedocs.io/en/latest/cli.html#config"]
    for key in KEYS:
        value = values.get(key)
        if value is not None:
            lines.append(f"{key} = {_toml_value(check_value(key, value))}")
    unknown = sorted(set(values) - set(KEYS))
    if unknown:
        raise ConfigError(
            f"expected settings among {', '.join(KEYS)}, found {unknown[0]!r}",
            key="config.unknown_keys",
            params={"keys": KEYS, "found": repr(unknown[0])},
        )
    temporary = where.with_name(f".{where.name}.{os.getpid()}.tmp")
    try:
        where.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text("\n".join(lines) + "\n", encoding="utf-8")
        os.replace(temporary, where)
    except OSError as err:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        raise ConfigError(
            f"cannot write the settings file {where}: {err.strerror or err}",
            key="config.unwritable",
            params={"file": str(where), "reason": err},
        ) from err
    return where
