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


class Problem(BaseModel):
    """One located, readable finding about an input file."""

    model_config = ConfigDict(frozen=True)

    path: str
    field: str
    message: Text | str
    line: int | None = None
    column: str | None = None
    severity: Severity = Severity.ERROR

    def render(self, lang: Lang = Lang.EN) -> str:
        """`PATH[:LINE[:COL]]: FIELD: message`, the one-line form users read, in `lang`."""
        where = Location(line=self.line, column=self.column).suffix()
        message = self.message if isinstance(self.message, str) else render(self.message, lang)
        return f"{self.path}{where}: {self.field}: {message}"


class KippError(Exception):
    """Base of the errors the domain raises for the CLI to turn into a message and an exit
    code: what is wrong and how to fix it, each a catalogue sentence rendered in the
    language of whoever reads it."""

    def __init__(self, message: Text | str, hint: Text | str | None = None) -> None:
        super().__init__(message if isinstance(message, str) else render(message, Lang.EN))
        self.message = message
        self.hint = hint

    @classmethod
    def of(cls, key: str, hint: str | None = None, **params: Param) -> Self:
        """The error of catalogue entry `key` (and its `hint` entry), with `params`."""
        return cls(text(key, **params), text(hint, **params) if hint else None)


class RubricError(KippError):
    """The rubric cannot be read or is not valid; carries every problem found."""

    def __init__(self, path: Path | str, problems: list[Problem]) -> None:
        self.path = str(path)
        self.problems = problems
        lines = "\n".join(p.render() for p in problems)
        super().__init__(f"rubric {self.path} is not valid:\n{lines}")


class BatchError(KippError):
    """The batch folder itself cannot be read (missing, not a folder)."""
