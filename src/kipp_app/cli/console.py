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


# Characters a terminal acts on instead of showing (C0 and C1 controls: escape sequences that
# clear the screen or retitle the window, a carriage return that writes over the line; DEL),
# and those that reorder the text around them (bidirectional overrides): shown as their
# escapes, so a title or file name from the inputs is read as text, never obeyed. Tab and
# line feed stay: they only move the text on.
_UNSHOWN = {
    code: f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    for code in (
        *range(0x00, 0x09),
        *range(0x0B, 0x20),
        *range(0x7F, 0xA0),
        *range(0x202A, 0x202F),
        0x2028,
        0x2029,
        *range(0x2066, 0x206A),
    )
}


def visible(text: str) -> str:
    """`text` with every character a terminal would act on shown as its escape (`\\x1b`)."""
    return text.translate(_UNSHOWN)


SHOWN_CHARACTERS = 1_000  # what the terminal shows of one value or line at most
CUT = " [...]"  # marks a value cut short (the documents and results.json keep it whole)


def shown(value: object) -> str:
    """A value from the inputs (a path, a title, an id) as plain text in the terminal: no
    markup, no control characters, and at most `SHOWN_CHARACTERS` of it (a cell of a
    million characters is a problem to report, not to print whole)."""
    plain = visible(str(value))
    if len(plain) > SHOWN_CHARACTERS:
        plain = plain[:SHOWN_CHARACTERS] + CUT
    return escape(plain)


def words(item: Text, lang: Lang) -> str:
    """A catalogue sentence in `lang`."""
    return render(item, lang)


def styled(sentence: str, style: Style) -> str:
    """`sentence` (already escaped) in `style`."""
    return f"[{style}]{sentence}[/]" if style else sentence


def say(lang: Lang, key: str, style: Style = Style.PLAIN, **params: Param) -> str:
    """Catalogue entry `key` in `lang`, escaped and styled, ready to print."""
    return styled(shown(render(text(key, **params), lang)), style)


def fail(error: KippError, lang: Lang, code: int = EXIT_USAGE) -> typer.Exit:
    """Print `error` (and its hint) on standard error; the exit with `code` (by default a
    usage problem's)."""
    label = render(text("cli.error"), lang)
    err.print(f"[red]{label}:[/] {shown(words(error.message, lang))}")
    if error.hint:
        hint = render(text("cli.hint"), lang)
        err.print(f"[dim]{hint}: {shown(words(error.hint, lang))}[/]")
    return typer.Exit(code)
