"""What can be wrong with an input, located precisely enough for a person to fix it.

Every problem names the file, the place in it where known (a line for YAML, JSON and
Markdown; a row and a column letter for spreadsheets), the field and the fix. The domain
never prints: it returns problems, and the CLI renders them.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Self

from pydantic import BaseModel, ConfigDict

from kipp.core.i18n import Lang, Param, Text, render, text
from kipp.core.keys import field_kind
from kipp.core.models import Proposal

# the fields of problems about a whole file, header row or row, as readers see them
PLACEHOLDERS = {
    "(file)": "doc.field.file",
    "(header)": "doc.field.header",
    "(row)": "doc.field.row",
}


class Severity(StrEnum):
    """An error makes a proposal invalid; a warning is worth reading but loses nothing."""

    ERROR = "error"
    WARNING = "warning"


class Location(BaseModel):
    """Where in a file something stands: a line, or a spreadsheet row and column."""

    model_config = ConfigDict(frozen=True)

    line: int | None = None
    column: str | None = None

    def suffix(self) -> str:
        """The `:LINE` or `:ROW:COL` suffix appended to a path."""
        if self.line is None:
            return ""
        if self.column is None:
            return f":{self.line}"
        return f":{self.line}:{self.column}"


def written_field(field: str, lang: Lang) -> str:
    """A proposal field's machine key as a person writes it in `lang`: `started_on` and
    `sections.novelty` in English, `tanggal_mulai` and `uraian.kebaruan` in Indonesian (each
    key's first Indonesian alias, `written.<key>`), following the proposal's fields; list
    positions, and from the first key the proposal does not have (an unknown key, a
    spreadsheet's header, the field of another file) the rest, as they are. A whole file,
    header or row (`(file)`) reads in `lang` too."""
    placeholder = PLACEHOLDERS.get(field)
    if placeholder is not None:
        return render(text(placeholder), lang)
    if lang is Lang.EN:
        return field
    parts = field.split(".")
    written: list[str] = []
    model: type[BaseModel] | None = Proposal
    for index, part in enumerate(parts):
        if part.isdecimal() and written:
            written.append(part)
            continue
        if model is None or part not in model.model_fields:
            written.extend(parts[index:])
            break
        written.append(render(text(f"written.{part}"), lang))
        model = field_kind(model, part)[1]
    return ".".join(written)


class Problem(BaseModel):
    """One located, readable finding about an input file."""

    model_config = ConfigDict(frozen=True)

    path: str
    field: str
    message: Text
    line: int | None = None
    column: str | None = None
    severity: Severity = Severity.ERROR

    def render(self, lang: Lang = Lang.EN) -> str:
        """`PATH[:LINE[:COL]]: FIELD: message`, the one-line form users read, in `lang`: the
        field as the key a person writes in that language (`written_field`)."""
        where = Location(line=self.line, column=self.column).suffix()
        field = written_field(self.field, lang)
        return f"{self.path}{where}: {field}: {render(self.message, lang)}"

    def line_text(self) -> Text:
        """The one-line form as a sentence, for an error that lists the problems of a file
        whose keys are the same in both languages (a rubric, a panel, a corpus): its English
        rendering is `render()`."""
        where = Location(line=self.line, column=self.column).suffix()
        placeholder = PLACEHOLDERS.get(self.field)
        field: Text | str = self.field if placeholder is None else text(placeholder)
        return text(
            "problem.line", location=f"{self.path}{where}", field=field, message=self.message
        )


class KippError(Exception):
    """Base of the errors the domain raises for the CLI to turn into a message and an exit
    code: what is wrong and how to fix it, each a catalogue sentence rendered in the
    language of whoever reads it (the exception's own text is the English one)."""

    def __init__(self, message: Text, hint: Text | None = None) -> None:
        super().__init__(render(message, Lang.EN))
        self.message = message
        self.hint = hint

    @classmethod
    def of(cls, key: str, hint: str | None = None, /, **params: Param) -> Self:
        """The error of catalogue entry `key` (and its `hint` entry), with `params`."""
        return cls(text(key, **params), text(hint, **params) if hint else None)


class RubricError(KippError):
    """The rubric cannot be read or is not valid; carries every problem found."""

    def __init__(self, path: Path | str, problems: list[Problem]) -> None:
        self.path = str(path)
        self.problems = problems
        lines = [p.line_text() for p in problems]
        super().__init__(text("rubric.invalid", path=self.path, problems=lines))


class BatchError(KippError):
    """The batch folder itself cannot be read (missing, not a folder)."""
