"""`kipp --help` and `kipp COMMAND --help` in the command's language.

The commands' docstrings and `help=` strings are for developers; what a person reads is the
catalogue's (`kipp.core.catalogue.help`), set on the click commands Typer builds before they
parse the command line: each command's help and its line in the list of commands, each
argument's and option's help (`--help` too), and the titles of the help's panels (Typer's
`rich_help_panel`). The language is the one the command runs in: `--lang` anywhere on the
command line (`kipp run --lang en --help`), else `KIPP_LANG`, else Indonesian. Typer's own
words (`Usage`, `[default: ...]`, `[required]`) stay as Typer writes them.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from typing import Any

import typer
from rich.markup import escape
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from kipp.core.catalogue import CATALOGUE
from kipp.core.i18n import Lang, render, text

ROOT = "kipp"  # the key of the `kipp` command itself: `cli.help.kipp`, `cli.help.kipp.verbose`
LANG_OPTION = "--lang"
LANG_VARIABLE = "KIPP_LANG"


def help_lang(args: Sequence[str], environ: Mapping[str, str]) -> Lang:
    """The language a command line asks for: its last `--lang X` or `--lang=X` naming a
    language kipp speaks, else `KIPP_LANG`, else Indonesian (as `--lang` itself reads)."""
    choice = environ.get(LANG_VARIABLE)
    for at, arg in enumerate(args):
        if arg == "--":
            break
        given = None
        if arg == LANG_OPTION and at + 1 < len(args):
            given = args[at + 1]
        elif arg.startswith(f"{LANG_OPTION}="):
            given = arg.partition("=")[2]
        if given in {lang.value for lang in Lang}:
            choice = given
    return Lang(choice) if choice in {lang.value for lang in Lang} else Lang.ID


def param_key_name(param: TyperArgument | TyperOption) -> str:
    """A parameter as its help key names it: an option by its long name (`--out` is `out`,
    `--dask-address` is `dask_address`, `--pdf/--html-only` is `pdf`), an argument by its
    name."""
    if isinstance(param, TyperOption):
        longs = [opt for opt in param.opts if opt.startswith("--")]
        if longs:
            return longs[0].removeprefix("--").replace("-", "_")
    return param.name or ""


def param_keys(command: str, param: TyperArgument | TyperOption) -> tuple[str, str]:
    """The help keys of `param` of `command`, in the order they are looked up: the
    command's own (`cli.help.run.out`), then the one all commands share
    (`cli.option.rubric`)."""
    name = param_key_name(param)
    return f"cli.help.{command}.{name}", f"cli.option.{name}"


def command_key(command: str) -> str:
    """The key of a command's summary: `cli.help.run`."""
    return f"cli.help.{command}"


def about_key(command: str) -> str:
    """The key of what a command's help says after its summary: `cli.about.run`."""
    return f"cli.about.{command}"


def _say(key: str, lang: Lang) -> str:
    """Catalogue entry `key` in `lang`, as help text: Typer reads help as Rich markup."""
    return escape(render(text(key), lang))


def help_params(command: TyperCommand | TyperGroup) -> list[TyperArgument | TyperOption]:
    """The arguments and options `command`'s help lists, `--help` included."""
    context = typer.Context(command)
    return [
        param
        for param in command.get_params(context)
        if isinstance(param, TyperArgument | TyperOption)
    ]


def localise_command(
    command: TyperCommand | TyperGroup, name: str, lang: Lang, group: bool = False
) -> None:
    """Set `command`'s help, summary, parameters' help and panel titles from the
    catalogue, in `lang`. A command or parameter without a key keeps its developer's help
    (`tests/app/test_cli_help.py` sees none is missing)."""
    if command_key(name) in CATALOGUE:
        summary = _say(command_key(name), lang)
        about = about_key(name)
        command.short_help = summary
        command.help = f"{summary}\n\n{_say(about, lang)}" if about in CATALOGUE else summary
    if not group:
        command.rich_help_panel = _say("cli.panel.commands", lang)
    for param in help_params(command):
        key = next((key for key in param_keys(name, param) if key in CATALOGUE), None)
        if key is not None:
            param.help = _say(key, lang)
        panel = "cli.panel.options" if isinstance(param, TyperOption) else "cli.panel.arguments"
        param.rich_help_panel = _say(panel, lang)


def localise(root: TyperGroup, lang: Lang) -> None:
    """The help of `kipp` and of every command under it, in `lang`."""
    localise_command(root, ROOT, lang, group=True)
    for name, command in root.commands.items():
        if isinstance(command, TyperCommand | TyperGroup):
            localise_command(command, name, lang)


class LocalisedGroup(TyperGroup):
    """The `kipp` command: Typer's, with its help in the language the command line asks
    for (set before the command line is parsed, so `--help` shows it)."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        localise(self, help_lang(sys.argv[1:] if args is None else args, os.environ))
        return super().main(
            args=args,
            prog_name=prog_name,
            complete_var=complete_var,
            standalone_mode=standalone_mode,
            windows_expand_args=windows_expand_args,
            **extra,
        )
