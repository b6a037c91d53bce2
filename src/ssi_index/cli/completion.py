"""The ``completion`` command: a shell completion script for bash, zsh or fish.

The script is generated from the parser itself, so it always knows every command,
option and choice (``--goal sales``, ``--color never``, ``--format ssi-index-csv``).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Final

import attrs

from ._app import Context, Registry
from ._exit import ExitCode

__all__ = ["SHELLS", "register", "script"]

SHELLS: Final = ("bash", "zsh", "fish")
"""The shells ``completion`` writes scripts for."""


@attrs.frozen
class _Option:
    flags: tuple[str, ...]
    help: str
    takes_value: bool
    choices: tuple[str, ...]
    files: bool


@attrs.frozen
class _Command:
    name: str
    help: str
    options: tuple[_Option, ...]
    files: bool


def _option(action: argparse.Action) -> _Option:
    takes_value = action.nargs != 0
    choices = tuple(str(c) for c in action.choices) if action.choices else ()
    files = (
        takes_value and not choices and (action.type is Path or action.metavar in ("FILE", "STORE"))
    )
    return _Option(tuple(action.option_strings), action.help or "", takes_value, choices, files)


def _model(parser: argparse.ArgumentParser) -> tuple[tuple[_Option, ...], tuple[_Command, ...]]:
    top = tuple(_option(a) for a in parser._actions if a.option_strings)
    commands = []
    for action in parser._actions:
        if not isinstance(action, argparse._SubParsersAction):
            continue
        helps = {choice.dest: choice.help or "" for choice in action._choices_actions}
        for name, sub in action.choices.items():
            options = tuple(_option(a) for a in sub._actions if a.option_strings)
            files = any(not a.option_strings and a.metavar == "FILE" for a in sub._actions)
            commands.append(_Command(name, helps.get(name, ""), options, files))
    return top, tuple(commands)


def _words(options: tuple[_Option, ...]) -> str:
    return " ".join(flag for option in options for flag in option.flags)


def _bash(top: tuple[_Option, ...], commands: tuple[_Command, ...]) -> str:
    names = " ".join(c.name for c in commands)
    values = []
    seen: set[tuple[str, ...]] = set()
    for option in (*top, *(o for c in commands for o in c.options)):
        if not option.takes_value or option.flags in seen:
            continue
        seen.add(option.flags)
        pattern = "|".join(option.flags)
        if option.choices:
            reply = f'COMPREPLY=($(compgen -W "{" ".join(option.choices)}" -- "$cur"))'
        elif option.files:
            reply = 'COMPREPLY=($(compgen -f -- "$cur"))'
        else:
            reply = "COMPREPLY=()"
        values.append(f"        {pattern}) {reply}; return ;;")
    cases = []
    for command in commands:
        positional = 'COMPREPLY=($(compgen -f -- "$cur"))' if command.files else "COMPREPLY=()"
        cases.append(
            f"        {command.name})\n"
            f'            if [[ "$cur" == -* ]]; then\n'
            f'                COMPREPLY=($(compgen -W "{_words(command.options)}" -- "$cur"))\n'
            f"            else\n"
            f"                {positional}\n"
            f"            fi ;;"
        )
    return "\n".join(
        [
            "# bash completion for ssi-index; load it with:",
            '#   eval "$(ssi-index completion bash)"',
            "_ssi_index() {",
            '    local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"',
            f'    local commands="{names}" cmd="" word',
            '    for word in "${COMP_WORDS[@]:1:COMP_CWORD-1}"; do',
            '        if [[ " $commands " == *" $word "* ]]; then cmd="$word"; break; fi',
            "    done",
            '    case "$prev" in',
            *values,
            "    esac",
            '    case "$cmd" in',
            f'        "") COMPREPLY=($(compgen -W "$commands {_words(top)}" -- "$cur")) ;;',
            *cases,
            "    esac",
            "}",
            "complete -o default -F _ssi_index ssi-index",
            "",
        ]
    )


def _zsh(top: tuple[_Option, ...], commands: tuple[_Command, ...]) -> str:
    names = " ".join(c.name for c in commands)
    values = []
    seen: set[tuple[str, ...]] = set()
    for option in (*top, *(o for c in commands for o in c.options)):
        if not option.takes_value or option.flags in seen:
            continue
        seen.add(option.flags)
        pattern = "|".join(option.flags)
        if option.choices:
            reply = f"compadd -- {' '.join(option.choices)}"
        elif option.files:
            reply = "_files"
        else:
            reply = ":"
        values.append(f"    {pattern}) {reply}; return ;;")
    cases = []
    for command in commands:
        positional = "_files" if command.files else ":"
        cases.append(
            f"    {command.name})\n"
            f"      if [[ $cur == -* ]]; then compadd -- {_words(command.options)}; "
            f"else {positional}; fi ;;"
        )
    return "\n".join(
        [
            "#compdef ssi-index",
            "# zsh completion for ssi-index; load it with:",
            '#   eval "$(ssi-index completion zsh)"   (after compinit)',
            "_ssi_index() {",
            "  local cur=${words[CURRENT]} prev=${words[CURRENT-1]} cmd= word",
            f"  local -a commands=({names})",
            "  for word in ${words[2,CURRENT-1]}; do",
            "    if (( ${commands[(Ie)$word]} )); then cmd=$word; break; fi",
            "  done",
            "  case $prev in",
            *values,
            "  esac",
            "  case $cmd in",
            f"    '') compadd -- $commands {_words(top)} ;;",
            *cases,
            "  esac",
            "}",
            "compdef _ssi_index ssi-index",
            "",
        ]
    )


def _fish_quote(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _fish_flags(option: _Option) -> str:
    parts = []
    for flag in option.flags:
        if flag.startswith("--"):
            parts.append(f"-l {flag[2:]}")
        else:
            parts.append(f"-s {flag[1:]}")
    return " ".join(parts)


def _fish_option(condition: str, option: _Option) -> str:
    line = f"complete -c ssi-index -n {_fish_quote(condition)} {_fish_flags(option)}"
    if option.choices:
        line += f" -x -a {_fish_quote(' '.join(option.choices))}"
    elif option.files:
        line += " -r -F"
    elif option.takes_value:
        line += " -x"
    return f"{line} -d {_fish_quote(option.help)}"


def _fish(top: tuple[_Option, ...], commands: tuple[_Command, ...]) -> str:
    lines = [
        "# fish completion for ssi-index; load it with:",
        "#   ssi-index completion fish | source",
        "complete -c ssi-index -f",
    ]
    lines += [_fish_option("__fish_use_subcommand", o) for o in top]
    for command in commands:
        lines.append(
            f"complete -c ssi-index -n __fish_use_subcommand -a {command.name} "
            f"-d {_fish_quote(command.help)}"
        )
    for command in commands:
        condition = f"__fish_seen_subcommand_from {command.name}"
        if command.files:
            lines.append(f"complete -c ssi-index -n {_fish_quote(condition)} -F")
        lines += [_fish_option(condition, o) for o in command.options]
    return "\n".join(lines) + "\n"


def script(shell: str, parser: argparse.ArgumentParser) -> str:
    """Return the completion script for *shell* (one of :data:`SHELLS`) from *parser*."""
    top, commands = _model(parser)
    return {"bash": _bash, "zsh": _zsh, "fish": _fish}[shell](top, commands)


def run_completion(ctx: Context) -> int:
    """``completion``: print the script for the shell."""
    from ._app import build_parser

    ctx.out.stream.write(script(ctx.args.shell, build_parser(ctx.locale)))
    return ExitCode.OK


def register(reg: Registry) -> None:
    """Add ``completion``."""
    p = reg.command(
        "completion",
        run_completion,
        help=reg.t("cli.completion.help"),
        description=reg.t("cli.completion.description"),
        example="ssi-index completion bash > ~/.local/share/bash-completion/completions/ssi-index",
    )
    p.add_argument("shell", choices=SHELLS, metavar="SHELL", help=reg.t("cli.completion.opt.shell"))
