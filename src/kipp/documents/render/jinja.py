"""The two Jinja environments of the documents: strict, and escaping every value they print.

HTML escapes with Jinja's autoescape. Markdown has no autoescape, so `markdown_text` plays
that part: every `{{ value }}` goes through it, so a title holding `|`, a newline, `<script>`
or `**` prints as text and cannot break a table or the document around it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined

from kipp.core.i18n import Lang, tr

# What would start Markdown or HTML syntax inside a line. Kept narrow so the raw file stays
# readable: `_` only at a word's edge (`dinas_kesehatan.yaml` is plain text), `#` only after
# a space (a heading's closing sequence; `file.xlsx#3` is plain), `&` only where it would
# begin an entity such as `&amp;`.
_MARKDOWN_SYNTAX = re.compile(r"[\\`*\[\]<|~]|(?<![^\W_])_|_(?![^\W_])|(?<!\S)#|&(?=#?\w+;)")
# What would start a block at the beginning of a line: a quote (`>`), a list item (`- `,
# `+ `, `1. `, `1) `), a setext underline or thematic break (`=`, `--`). Templates place
# values at the start of a line or of a list item or quote (`- {{ name }}`), where such a
# value would change the document's structure, so a value's first character is checked, as
# is every line's (values are one line, but the rule holds for text of several lines).
# `#`, `*`, `_`, `~` and backticks at a line start are escaped by `_MARKDOWN_SYNTAX` already.
_LINE_START = re.compile(
    r"^(?:(?P<mark>>|=|-(?=\s|-|$)|\+(?=\s|$))|(?P<number>\d{1,9})(?P<delimiter>[.)])(?=\s|$))",
    re.MULTILINE,
)


def _escape_line_start(match: re.Match[str]) -> str:
    if match["mark"]:
        return "\\" + match["mark"]
    return match["number"] + "\\" + match["delimiter"]


def _printable(value: object) -> object:
    """A `None` reaching the page is a gap in the view-model: fail, never print "None"."""
    if value is None:
        raise TypeError("a template printed None; the view-model must give a text")
    return value


def markdown_text(value: object) -> str:
    """One line of Markdown showing `value` literally: whitespace runs (newlines included)
    become one space, characters that would start Markdown syntax are escaped, and so is a
    start that would open a block (`> quote`, `- item`, `1. item`, `===`) where the value
    begins a line or a list item."""
    flat = " ".join(str(_printable(value)).split())
    escaped = _MARKDOWN_SYNTAX.sub(lambda match: "\\" + match.group(0), flat)
    return _LINE_START.sub(_escape_line_start, escaped)


@cache
def environment(*, html: bool) -> Environment:
    """The environment for `.html.j2` (autoescape) or `.md.j2` (Markdown escaping)."""
    return Environment(
        loader=PackageLoader("kipp.documents", "templates"),
        undefined=StrictUndefined,
        autoescape=html,
        finalize=_printable if html else markdown_text,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # templates ship with the package: no stat of the file per render
    )


def labels(lang: Lang) -> Callable[[str], str]:
    """`t(key)` for the templates: a document label in `lang`; an unknown key raises."""

    return _labels(lang)


@cache
def _labels(lang: Lang) -> Callable[[str], str]:
    @cache
    def t(key: str) -> str:  # labels take no parameters, so each is rendered once
        return tr(key, lang)

    return t
