"""The ``ssi-index`` command line: thin commands over the public API and one output layer.

Every command is a few lines that call :mod:`ssi_index` and print the result, as
text for people or, with ``--json``, as JSON for programs. Errors are mapped to
exit codes in one place, :func:`exit_code_for`::

    0  ok
    1  any other ssi-index error (a team below the privacy floor, an unknown profile ...)
    2  usage: a bad command line, setting or settings file
    3  not authenticated: sign in to LinkedIn again
    4  input not understood: a file or payload that is not an SSI score
    5  storage: the score history could not be read or written
    6  network: the request to LinkedIn failed

Run ``ssi-index --help`` or ``ssi-index COMMAND --help``; ``python -m ssi_index``
works too. The reference is ``docs/cli.md``.

The package
-----------
- ``_app``: the parser, :class:`Context` (the parsed arguments, the settings
  with their precedence flag > environment > settings file > default, the store,
  standard input, the user's language) and :func:`main`;
- ``_output``: the one output layer. Text is escaped (control characters shown,
  never run), coloured per ``--color``/``NO_COLOR``/``FORCE_COLOR``/``TERM=dumb``,
  aligned by display width; JSON is written safe;
- ``_exit``: :class:`ExitCode` and the one table from error to exit code;
- ``_options``: argument types (their refusals are localized) and settings names;
- one module per command group: ``score`` (show, record, fetch), ``history``
  (history, note, notes, plan, plot), ``data`` (profiles, delete, export, import),
  ``team``, ``config``, ``completion``.

Adding a command
----------------
Write a module ``ssi_index/cli/<group>.py`` with a ``register(reg)`` function and
add its name to :data:`ssi_index.cli._app.COMMAND_MODULES`::

    from ._app import Context, Registry
    from ._exit import ExitCode

    def run_week(ctx: Context) -> int:
        with ctx.store() as store:
            review = ssi_index.week(store, ctx.profile, locale=ctx.locale)
        if ctx.json:
            ctx.out.json(review.to_dict())
        else:
            ctx.out.lines(review.text_lines())   # every piece is escaped on output
        return ExitCode.OK

    def register(reg: Registry) -> None:
        p = reg.command(
            "week", run_week,
            help=reg.t("coach.cli.week.help"),
            description=reg.t("coach.cli.week.description"),
            example="ssi-index week -p me",
            options=("store", "profile", "json", "goal"),   # the shared option sets
        )
        p.add_argument("--day", type=reg.types.day, help=reg.t("coach.cli.week.day"))

Shared option sets: ``store`` (``--store``), ``profile`` (``-p/--profile``; read it
as ``ctx.profile``, a usage error when none is given anywhere, or
``ctx.profile_or_none``), ``json``, ``span`` (``--since/--until``), ``goal``
(``ctx.goal``) and ``target`` (``ctx.target``); every command also gets
``--debug``, ``--color`` and ``--locale``. Read files with ``ctx.read(name)``
(``-`` is standard input), stop with a usage error with ``ctx.fail(key)``, raise
library errors as they are: :func:`main` maps them to exit codes and prints them.
"""

from __future__ import annotations

from ._app import PROG, Context, Registry, build_parser, main
from ._exit import ExitCode, exit_code_for
from .score import BASE_URL_ENV

__all__ = [
    "BASE_URL_ENV",
    "PROG",
    "Context",
    "ExitCode",
    "Registry",
    "build_parser",
    "exit_code_for",
    "main",
]
