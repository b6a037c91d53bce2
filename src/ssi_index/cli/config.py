"""The ``config`` command: show the settings and where each comes from, or set one."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Final

from ssi_index._config import KEYS, check_value, save_config

from ._app import Context, Registry
from ._exit import ExitCode
from ._options import LOCALE_ENV, PROFILE_ENV, STORE_ENV
from ._output import Line, Part, Styled, table

__all__ = ["register"]

_ENV: Final = {"store": STORE_ENV, "profile": PROFILE_ENV, "locale": LOCALE_ENV}


def _effective(ctx: Context) -> dict[str, tuple[str | float | None, str]]:
    """Each key's value and where it comes from: ``env``, ``file`` or ``default``."""
    from ssi_index.storage import default_path

    shown: dict[str, tuple[str | float | None, str]] = {}
    for key in KEYS:
        env = _ENV.get(key)
        if env and os.environ.get(env):
            shown[key] = (os.environ[env], "env")
        elif ctx.config.get(key) is not None:
            shown[key] = (ctx.config.get(key), "file")
        elif key == "store":
            shown[key] = (str(default_path()), "default")
        elif key == "locale":
            shown[key] = ("en", "default")
        elif key == "goal":
            shown[key] = ("sales", "default")
        else:
            shown[key] = (None, "default")
    return shown


def _show(ctx: Context) -> int:
    shown = _effective(ctx)
    path = str(ctx.config.path)
    if ctx.json:
        ctx.out.json(
            {
                "path": path,
                "file": ctx.config.to_dict(),
                "effective": {k: {"value": v, "from": src} for k, (v, src) in shown.items()},
            }
        )
        return ExitCode.OK
    exists = ctx.config.path is not None and ctx.config.path.exists()
    lines: list[Line] = [
        Styled(ctx.t("cli.config.file" if exists else "cli.config.no_file", path=path), "bold")
    ]
    rows: list[list[Part]] = [
        [ctx.t("cli.col.setting"), ctx.t("cli.col.value"), ctx.t("cli.col.from")]
    ]
    for key, (value, source) in shown.items():
        where = ctx.t(f"cli.config.from_{source}", env=_ENV.get(key, ""))
        rows.append([key, "-" if value is None else _text(value), where])
    lines += table(rows)
    ctx.out.lines(lines)
    return ExitCode.OK


def _text(value: str | float) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return value


def run_config(ctx: Context) -> int:
    """``config``: show every setting, show one, set one (``KEY VALUE``) or unset one."""
    args = ctx.args
    if args.unset is not None:
        values = ctx.config.to_dict()
        values[args.unset] = None
        where = save_config(values, ctx.config.path)
        if ctx.json:
            ctx.out.json({"path": str(where), "unset": args.unset})
        else:
            ctx.out.line(ctx.t("cli.config.unset", key=args.unset, path=str(where)))
        return ExitCode.OK
    if args.key is None:
        if args.value is not None:
            ctx.fail("cli.config.value_without_key")
        return _show(ctx)
    if args.value is None:
        value = ctx.config.get(args.key)
        if ctx.json:
            ctx.out.json({args.key: value})
        elif value is not None:
            ctx.out.line(_text(value))
        return ExitCode.OK if value is not None else ExitCode.ERROR
    checked = check_value(args.key, args.value)
    if args.key == "store" and isinstance(checked, str) and "://" not in checked:
        # A path typed here means the path from here; the file keeps it absolute.
        checked = str(Path(checked).expanduser().absolute())
    values = ctx.config.to_dict()
    values[args.key] = checked
    where = save_config(values, ctx.config.path)
    if ctx.json:
        ctx.out.json({"path": str(where), args.key: checked})
    else:
        ctx.out.line(ctx.t("cli.config.set", key=args.key, value=_text(checked), path=str(where)))
    return ExitCode.OK


def register(reg: Registry) -> None:
    """Add ``config``."""
    t = reg.t
    p = reg.command(
        "config",
        run_config,
        help=t("cli.config.help"),
        description=t("cli.config.description"),
        example="ssi-index config profile me",
        options=("json",),
    )
    p.add_argument("key", nargs="?", choices=KEYS, metavar="KEY", help=t("cli.config.opt.key"))
    p.add_argument("value", nargs="?", metavar="VALUE", help=t("cli.config.opt.value"))
    p.add_argument("--unset", choices=KEYS, metavar="KEY", help=t("cli.config.opt.unset"))
