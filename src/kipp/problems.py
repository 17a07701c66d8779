"""What can be wrong with an input, located precisely enough for a person to fix it.

Every problem names the file, the place in it where known (a line for YAML, JSON and
Markdown; a row and a column letter for spreadsheets), the field and the fix. The domain
never prints: it returns problems, and the CLI renders them.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, ConfigDict


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
    message: str
    line: int | None = None
    column: str | None = None
    severity: Severity = Severity.ERROR

    def render(self) -> str:
        """`PATH[:LINE[:COL]]: FIELD: message`, the one-line form users read."""
        where = Location(line=self.line, column=self.column).suffix()
        return f"{self.path}{where}: {self.field}: {self.message}"


class KippError(Exception):
    """Base of the errors the domain raises for the CLI to turn into a message and an exit code."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class RubricError(KippError):
    """The rubric cannot be read or is not valid; carries every problem found."""

    def __init__(self, path: Path | str, problems: list[Problem]) -> None:
        self.path = str(path)
        self.problems = problems
        lines = "\n".join(p.render() for p in problems)
        super().__init__(f"rubric {self.path} is not valid:\n{lines}")


class BatchError(KippError):
    """The batch folder itself cannot be read (missing, not a folder)."""
