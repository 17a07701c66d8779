"""The terminal: the only place kipp prints. Every sentence is a catalogue entry rendered in
the command's language (`--lang`, Indonesian by default); values from the inputs are shown
as text, never as markup."""

from __future__ import annotations

from enum import StrEnum

import typer
from rich.console import Console
from rich.markup import escape

from kipp.core.i18n import Lang, Param, Text, render, text
from kipp.core.problems import KippError

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
EXIT_RUN_FAILED = 1

out = Console(soft_wrap=True, highlight=False)
err = Console(stderr=True, soft_wrap=True, highlight=False)


class Style(StrEnum):
    """How a sentence stands out."""

    PLAIN = ""
    BOLD = "bold"
    DIM = "dim"
    GOOD = "green"
    BAD = "red"
    NOTE = "yellow"


def shown(value: object) -> str:
    """A value from the inputs (a path, a title, an id) as plain text in the terminal."""
    return escape(str(value))


def words(item: Text | str, lang: Lang) -> str:
    """A sentence in `lang`: a catalogue sentence rendered, a value as it is."""
    return item if isinstance(item, str) else render(item, lang)


def styled(sentence: str, style: Style) -> str:
    """`sentence` (already escaped) in `style`."""
    return f"[{style}]{sentence}[/]" if style else sentence


def say(lang: Lang, key: str, style: Style = Style.PLAIN, **params: Param) -> str:
    """Catalogue entry `key` in `lang`, escaped and styled, ready to print."""
    return styled(shown(render(text(key, **params), lang)), style)


def fail(error: KippError, lang: Lang) -> typer.Exit:
    """Print `error` (and its hint) on standard error; the exit for a usage problem."""
    label = render(text("cli.error"), lang)
    err.print(f"[red]{label}:[/] {shown(words(error.message, lang))}")
    if error.hint:
        hint = render(text("cli.hint"), lang)
        err.print(f"[dim]{hint}: {shown(words(error.hint, lang))}[/]")
    return typer.Exit(EXIT_USAGE)
