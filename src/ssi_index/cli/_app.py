"""The frame every command runs in: the parser, the shared options, the context, ``main``."""

from __future__ import annotations

import argparse
import importlib
import io
import os
import re
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Final, NoReturn

import attrs

import ssi_index
from ssi_index._config import Config, load_config
from ssi_index._errors import ConfigError, SSIError
from ssi_index._i18n import RTL_LOCALES, format_number, message, sign_first
from ssi_index._i18n import plural as _plural

from ._exit import ExitCode, UsageError, exit_code_for
from ._options import (
    PROFILE_ENV,
    STORE_ENV,
    Types,
    early_locale,
    early_option,
    env_locale,
    store_url,
)
from ._output import Output, Styled, color_enabled

if TYPE_CHECKING:
    from ssi_index._model import Pillar
    from ssi_index.storage import SnapshotStore

__all__ = [
    "COMMAND_MODULES",
    "PROG",
    "Context",
    "Handler",
    "Registry",
    "build_parser",
    "main",
]

PROG: Final = "ssi-index"
"""The program's name, as in usage lines and error messages."""

COMMAND_MODULES: Final = (
    "score",
    "history",
    "coach",
    "data",
    "team",
    "activity",
    "config",
    "completion",
    "report",
    "mcp",
)
"""The modules of :mod:`ssi_index.cli` that register commands, in the order of ``--help``."""


# ---------------------------------------------------------------------------
# The context a command runs in


@attrs.define
class Context:
    """Everything a command needs: its arguments, settings, output and the user's language.

    Attributes:
        args: The parsed command line.
        parser: The command's own parser (usage errors show its usage).
        locale: The language of every message.
        config: The settings file as read.
        out: Standard output.
        err: Standard error.
    """

    args: argparse.Namespace
    parser: argparse.ArgumentParser
    locale: str
    config: Config
    out: Output
    err: Output

    def t(self, key: str, /, **fields: object) -> str:
        """The message *key* in the user's language."""
        return message(self.locale, key, **fields)

    def plural(self, key: str, n: float, /, **fields: object) -> str:
        """The plural message *key* for *n* in the user's language."""
        return _plural(self.locale, key, n, 0 if float(n).is_integer() else 2, **fields)

    def number(self, value: float | None, digits: int = 2, *, sign: bool = False) -> str:
        """*value* with exactly *digits* decimals in the locale's style; ``-`` for ``None``."""
        if value is None:
            return "-"
        text = f"{value:+,.{digits}f}" if sign else f"{value:,.{digits}f}"
        if self.locale == "ru":
            text = text.replace(",", "\u202f").replace(".", ",")
        return sign_first(self.locale, text)

    def pillar(self, pillar: Pillar) -> str:
        """The pillar's short name for tables in the user's language (``people`` in English)."""
        return self.t(f"cli.pillar.{pillar.value}")

    def short(self, value: float | None) -> str:
        """*value* with at most two decimals, trailing zeros dropped (``70``, ``27.6``)."""
        return "-" if value is None else format_number(self.locale, value, 2)

    @property
    def json(self) -> bool:
        """Whether ``--json`` was given."""
        return bool(getattr(self.args, "json", False))

    def fail(self, key: str, /, **fields: object) -> NoReturn:
        """Stop with a usage error (exit code 2) showing the message *key*."""
        raise UsageError(self.t(key, **fields))

    # -- settings: flag > environment > settings file > default ---------------

    def setting(self, name: str, env: str | None = None) -> Any:
        """The value of setting *name*: its flag, else *env*, else the settings file."""
        value = getattr(self.args, name, None)
        if value is not None:
            return value
        if env is not None and os.environ.get(env):
            return os.environ[env]
        return self.config.get(name)

    @property
    def profile_or_none(self) -> str | None:
        """The profile from ``-p``, ``SSI_INDEX_PROFILE`` or the settings, if any."""
        value: str | None = self.setting("profile", PROFILE_ENV)
        return value if value and value.strip() else None

    @property
    def profile(self) -> str:
        """The profile; a usage error when none is given anywhere."""
        profile = self.profile_or_none
        if profile is None:
            self.fail("cli.error.no_profile")
        return profile

    @property
    def goal(self) -> str | None:
        """The goal from ``--goal`` or the settings."""
        value: str | None = self.setting("goal")
        return value

    @property
    def target(self) -> float | None:
        """The target from ``--target`` or the settings."""
        value = self.setting("target")
        return None if value is None else float(value)

    @property
    def store_url(self) -> str | None:
        """The store URL: ``--store``, ``SSI_INDEX_STORE`` or the settings; a path is SQLite.

        ``None`` means the default store (:func:`ssi_index.storage.default_path`).
        """
        flag = getattr(self.args, "store", None)
        if flag:
            return store_url(flag)
        env = os.environ.get(STORE_ENV)
        if env:
            return store_url(env)
        if self.config.store:
            base = None if self.config.path is None else self.config.path.parent
            return store_url(self.config.store, base=base)
        return None

    @contextmanager
    def store(self) -> Iterator[SnapshotStore]:
        """Open the store the settings name, and close it afterwards."""
        from ssi_index.storage import open_store

        with open_store(self.store_url) as store:
            yield store

    def read(self, name: str) -> bytes:
        """Read the file *name*, or standard input for ``-`` (both capped at 10 MiB)."""
        from ssi_index._io import read_bounded

        if name == "-":
            if sys.stdin is None or sys.stdin.isatty():
                self.fail("cli.error.stdin_terminal")
            return read_bounded(sys.stdin.buffer, what=self.t("cli.stdin"))
        return read_bounded(name)

    @property
    def progress(self) -> bool:
        """Whether to show progress: standard error is a terminal and not ``--json``."""
        return self.err.is_terminal and not self.json


Handler = Callable[[Context], int]
"""What a command is: a function of the context that returns its exit code."""


# ---------------------------------------------------------------------------
# The parser


class _Formatter(argparse.HelpFormatter):
    """Wraps one-paragraph descriptions, keeps the layout of epilogs, localizes ``usage:``."""

    locale: str = "en"

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if "\n" in text:
            return "".join(indent + line for line in text.splitlines(keepends=True))
        return super()._fill_text(text, width, indent)

    def add_usage(
        self,
        usage: str | None,
        actions: Any,
        groups: Any,
        prefix: str | None = None,
    ) -> None:
        if prefix is None:
            prefix = message(self.locale, "cli.usage_prefix") + " "
        super().add_usage(usage, actions, groups, prefix)


def _formatter(locale: str) -> type[_Formatter]:
    return type("Formatter", (_Formatter,), {"locale": locale})


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are escaped, localized, and JSON under ``--json``."""

    def __init__(
        self,
        *args: Any,
        locale: str = "en",
        json_errors: bool = False,
        color: str = "auto",
        **kw: Any,
    ) -> None:
        kw.setdefault("formatter_class", _formatter(locale))
        add_help = kw.pop("add_help", True)
        parents: list[argparse.ArgumentParser] = kw.pop("parents", [])
        kw["add_help"] = False
        super().__init__(*args, **kw)
        self.locale = locale
        self.json_errors = json_errors
        self.color = color
        # Titles first, so that the parents' options join these groups rather than new ones.
        self._positionals.title = message(locale, "cli.help.positionals")
        self._optionals.title = message(locale, "cli.help.options")
        if add_help:
            self.add_argument(
                "-h",
                "--help",
                action="help",
                default=argparse.SUPPRESS,
                help=message(locale, "cli.opt.help"),
            )
        for parent in parents:
            self._add_container_actions(parent)
            self._defaults.update(parent._defaults)

    def error(self, message_: str) -> NoReturn:
        text = _argparse_text(self.locale, message_)
        _usage_error(self, text, json_errors=self.json_errors, color=self.color)


_ARGUMENT: Final = re.compile(r"argument ([^:]+): (.*)", re.S)
_CHOICE: Final = "invalid choice: "
_FROM: Final = " (choose from "
_REQUIRED: Final = "the following arguments are required: "
_ONE: Final = "expected one argument"
_AT_LEAST_ONE: Final = "expected at least one argument"


def _argparse_text(locale: str, text: str) -> str:
    """Translate argparse's own English usage messages; leave any other as it is.

    Only the common shapes are recognised, in linear time (plain string tests and one
    regex without overlapping quantifiers); any other message, or one from a Python
    whose wording differs, is kept unchanged.
    """
    if text.startswith(_REQUIRED):
        return message(locale, "cli.argparse.required", names=text[len(_REQUIRED) :])
    argument = _ARGUMENT.fullmatch(text)
    if argument is None:
        return text
    name, rest = argument.groups()
    found, _, names = rest.removeprefix(_CHOICE).rpartition(_FROM)
    if rest.startswith(_CHOICE) and found and names.endswith(")"):
        rest = message(locale, "cli.argparse.choice", found=found, names=names[:-1])
    elif rest == _ONE:
        rest = message(locale, "cli.argparse.one")
    elif rest == _AT_LEAST_ONE:
        rest = message(locale, "cli.argparse.at_least_one")
    return message(locale, "cli.argparse.argument", name=name, text=rest)


def _usage_error(
    parser: argparse.ArgumentParser, text: str, *, json_errors: bool, color: str = "auto"
) -> NoReturn:
    locale = getattr(parser, "locale", "en")
    err = Output(sys.stderr, color_enabled(color, sys.stderr))
    usage = parser.format_usage().rstrip("\n")
    if json_errors:
        err.json(
            {
                "error": {
                    "code": int(ExitCode.USAGE),
                    "type": "usage",
                    "message": text,
                    "usage": usage,
                }
            }
        )
    else:
        err.lines(usage.splitlines())
        err.line(f"{parser.prog}: ", _red(message(locale, "cli.error.word")), f": {text}")
    sys.exit(ExitCode.USAGE)


def _red(text: str) -> Styled:
    return Styled(text, "red")


@attrs.define
class Registry:
    """What a command module gets to register its commands with.

    Attributes:
        locale: The language of help texts.
        types: Argument types in that language.
        subparsers: The ``add_subparsers`` action of the top-level parser.
        parents: Shared option sets by name: ``common`` (every command gets it),
            ``store``, ``profile``, ``json``, ``span``, ``goal``, ``target``.
    """

    locale: str
    types: Types
    subparsers: Any
    parents: dict[str, argparse.ArgumentParser]
    json_errors: bool = False
    color: str = "auto"

    def t(self, key: str, /, **fields: object) -> str:
        """The message *key* in the help's language."""
        return message(self.locale, key, **fields)

    def command(
        self,
        name: str,
        handler: Handler,
        *,
        help: str,
        description: str,
        example: str,
        options: Sequence[str] = (),
    ) -> argparse.ArgumentParser:
        """Add the command *name*, run by *handler*, with the shared *options* sets.

        Returns:
            The command's parser, to add its own arguments to.
        """
        unknown = set(options) - set(self.parents)
        if unknown:
            raise SSIError(f"expected shared option sets {sorted(self.parents)}, found {unknown}")
        parser: argparse.ArgumentParser = self.subparsers.add_parser(
            name,
            help=help,
            description=description,
            epilog=f"{self.t('cli.help.example')}\n  {example}",
            parents=[self.parents["common"], *(self.parents[o] for o in options)],
            locale=self.locale,
            json_errors=self.json_errors,
            color=self.color,
        )
        parser.set_defaults(handler=handler, command_parser=parser)
        return parser


def _parents(locale: str, types: Types) -> dict[str, argparse.ArgumentParser]:
    def t(key: str) -> str:
        return message(locale, key)

    def new() -> argparse.ArgumentParser:
        return _Parser(add_help=False, locale=locale)

    suppress = argparse.SUPPRESS
    common = new()
    common.add_argument("--debug", action="store_true", default=suppress, help=t("cli.opt.debug"))
    common.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default=suppress,
        help=t("cli.opt.color"),
    )
    common.add_argument(
        "--locale",
        type=types.language,
        default=suppress,
        metavar="LOCALE",
        help=t("cli.opt.locale"),
    )
    store = new()
    store.add_argument("--store", metavar="STORE", help=t("cli.opt.store"))
    profile = new()
    profile.add_argument("-p", "--profile", type=types.profile, help=t("cli.opt.profile"))
    as_json = new()
    as_json.add_argument("--json", action="store_true", help=t("cli.opt.json"))
    span = new()
    span.add_argument("--since", type=types.day, metavar="YYYY-MM-DD", help=t("cli.opt.since"))
    span.add_argument("--until", type=types.day, metavar="YYYY-MM-DD", help=t("cli.opt.until"))
    goal = new()
    goal.add_argument("--goal", choices=[g.value for g in ssi_index.Goal], help=t("cli.opt.goal"))
    target = new()
    target.add_argument("--target", type=types.target, metavar="N", help=t("cli.opt.target"))
    return {
        "common": common,
        "store": store,
        "profile": profile,
        "json": as_json,
        "span": span,
        "goal": goal,
        "target": target,
    }


def build_parser(
    locale: str = "en", *, json_errors: bool = False, color: str = "auto"
) -> argparse.ArgumentParser:
    """Build the ``ssi-index`` argument parser with all its commands.

    Args:
        locale: The language of help texts and usage errors.
        json_errors: Report usage errors as JSON (``--json`` was given).
        color: The ``--color`` mode of usage errors (``auto``, ``always``, ``never``).

    Returns:
        The parser; each command's sub-parser sets ``handler`` (a :data:`Handler`)
        and ``command_parser`` on the parsed namespace.
    """
    types = Types(locale)
    parents = _parents(locale, types)
    parser = _Parser(
        prog=PROG,
        description=message(locale, "cli.description"),
        epilog=message(locale, "cli.epilog"),
        parents=[parents["common"]],
        locale=locale,
        json_errors=json_errors,
        color=color,
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"%(prog)s {ssi_index.__version__}",
        help=message(locale, "cli.opt.version"),
    )
    sub = parser.add_subparsers(
        title=message(locale, "cli.help.commands"),
        metavar="COMMAND",
        required=True,
        parser_class=_Parser,
    )
    registry = Registry(locale, types, sub, parents, json_errors, color)
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"ssi_index.cli.{name}")
        module.register(registry)
    return parser


# ---------------------------------------------------------------------------
# Running a command


def _report(
    ctx_err: Output, error: BaseException, *, debug: bool, json_errors: bool, locale: str
) -> None:
    if debug:
        traceback.print_exception(error, file=sys.stderr)
    english: str | None = None
    if isinstance(error, SSIError):
        english = str(error)
        text = error.localized(locale, bidi="marks")
    elif isinstance(error, OSError):
        where = f": {error.filename}" if error.filename else ""
        text = f"{error.strerror or error}{where}"
        if locale != "en":  # the common reasons in the user's language, as for SSIError
            reason = SSIError("", key="os.reason", params={"reason": error}).localized(
                locale, bidi="marks"
            )
            text = f"{reason}{where}" if reason else text
    else:
        text = message(locale, "cli.error.unexpected", kind=type(error).__name__, error=str(error))
        if not debug:
            text += " " + message(locale, "cli.error.report_it")
    code = exit_code_for(error)
    if json_errors:
        body: dict[str, object] = {"code": int(code), "type": type(error).__name__}
        if isinstance(error, SSIError):
            # "message" stays the English text (stable for programs); "localized" is --locale's.
            body |= {"message": english, "localized": error.localized(locale), "key": error.key}
        else:
            body["message"] = text
        ctx_err.json({"error": body})
        return
    mark = "\u200f" if locale in RTL_LOCALES else ""  # a Hebrew line reads right to left
    ctx_err.line(f"{mark}{PROG}: ", _red(message(locale, "cli.error.word")), f": {text}")


def _resolve_locale(argv: Sequence[str], config: Config | None) -> str:
    named = early_locale(argv)
    if named is not None:
        return named
    try:
        from_env = env_locale()
    except LookupError:
        return "en"  # refused when the command runs
    if from_env is not None:
        return from_env
    return (config.locale if config is not None else None) or "en"


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``ssi-index`` with *argv* and return its exit code.

    Args:
        argv: The arguments after the program name; ``None`` reads ``sys.argv``.

    Returns:
        An :class:`~ssi_index.cli.ExitCode` (an ``int``). Usage errors, ``--help``
        and ``--version`` exit through ``SystemExit`` instead (code 2, 0, 0).
    """
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            # A console that cannot show Hebrew or Cyrillic gets "?", not a crash.
            stream.reconfigure(errors="replace")
    arguments = list(sys.argv[1:] if argv is None else argv)
    json_errors = "--json" in arguments
    config_error: ConfigError | None = None
    try:
        config = load_config()
    except ConfigError as err:
        config, config_error = Config(), err
    locale = _resolve_locale(arguments, config)
    early_color = early_option(arguments, "--color")
    color = early_color if early_color in ("auto", "always", "never") else "auto"
    parser = build_parser(locale, json_errors=json_errors, color=color)
    args, extra = parser.parse_known_args(arguments)
    command_parser: argparse.ArgumentParser = getattr(args, "command_parser", parser)
    if extra:
        command_parser.error(message(locale, "cli.error.unrecognized", arguments=" ".join(extra)))
    mode = getattr(args, "color", None) or "auto"
    out = Output(sys.stdout, color_enabled(mode, sys.stdout))
    errors = Output(sys.stderr, color_enabled(mode, sys.stderr))
    ctx = Context(args, command_parser, locale, config, out, errors)
    debug = bool(getattr(args, "debug", False))
    try:
        if config_error is not None:
            raise config_error
        env_locale()
        check = getattr(args, "check", None)
        if check is not None:
            check(ctx)
        since, until = getattr(args, "since", None), getattr(args, "until", None)
        if since and until and since > until:
            ctx.fail("cli.error.since_after_until", since=since, until=until)
        code = int(args.handler(ctx))
        sys.stdout.flush()  # here, so that a closed pipe is handled below, not at exit
        return code
    except UsageError as error:
        _usage_error(command_parser, str(error), json_errors=json_errors, color=color)
    except KeyboardInterrupt:
        errors.line(f"{PROG}: ", message(locale, "cli.error.interrupted"))
        return 130
    except BrokenPipeError:
        # The reader went away (``ssi-index export | head``): stop quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return ExitCode.ERROR
    except Exception as error:
        if exit_code_for(error) == ExitCode.USAGE:
            shown = (
                error.localized(locale, bidi="marks") if isinstance(error, SSIError) else str(error)
            )
            _usage_error(command_parser, shown, json_errors=json_errors, color=color)
        _report(errors, error, debug=debug, json_errors=json_errors, locale=locale)
        return exit_code_for(error)
