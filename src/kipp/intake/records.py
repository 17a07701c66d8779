"""From a parsed record (plain data plus positions) to a validated entry with located problems.

Before validation, control characters (C0 but tab and line breaks, DEL, C1: nothing a
document can hold) are removed from every text, with a warning naming the field, so that
`kipp validate` and `kipp run` judge the same text; an id holding one is refused instead. An
unknown key that a form's wording of a field names (`Judul Inovasi:`) gets that field as
its "did you mean".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from kipp.core.i18n import Text, text
from kipp.core.keys import (
    CONTROLS,
    DIRECTION_CONTROLS,
    Canonical,
    KeyProblem,
    PathKey,
    RawPath,
    canonicalize,
    display_path,
    key_table,
    nearest,
    normalize_key,
)
from kipp.core.models import ID_MAX, SLUG, CallChoices, Proposal, text_of
from kipp.core.problems import Location, Problem, Severity
from kipp.core.validation import describe
from kipp.intake.headers import read_as, suggestion_for


@dataclass
class RawRecord:
    """One proposal as read from a file (or a spreadsheet row), before validation."""

    path: str
    default_id: str
    data: Any
    row: int | None = None
    positions: dict[RawPath, Location] = field(default_factory=dict)
    written: dict[RawPath, str] = field(default_factory=dict)
    """The source text of each value the file's parser read as something other than text (a
    YAML `yes`, `2019-07-01`, `1.10`), so that a message names it as it was written."""
    problems: list[Problem] = field(default_factory=list)
    unknown_key_severity: Severity = Severity.ERROR

    @property
    def source(self) -> str:
        """`path` for a file, `path#row` for a spreadsheet row."""
        return self.path if self.row is None else f"{self.path}#{self.row}"

    def locate(self, raw_path: RawPath) -> Location:
        """The nearest known position of a raw path, walking up to its parents."""
        return nearest(self.positions, raw_path) or Location(line=self.row)

    def problem(
        self, raw_path: RawPath, field_name: str, message: Text, severity: Severity = Severity.ERROR
    ) -> Problem:
        """A problem located at `raw_path` of this record."""
        where = self.locate(raw_path)
        return Problem(
            path=self.path,
            line=where.line,
            column=where.column,
            field=field_name,
            message=message,
            severity=severity,
        )


def _empty_cell(record: RawRecord, canon_path: tuple[PathKey, ...]) -> RawPath | None:
    """The column of a spreadsheet row whose empty cell holds a top-level field that is
    missing (its position is known, its value is not), so the problem names the cell."""
    if len(canon_path) != 1:
        return None
    table = key_table(Proposal)
    for raw in record.positions:
        if (
            len(raw) == 1
            and isinstance(raw[0], str)
            and table.get(normalize_key(raw[0])) == canon_path[0]
        ):
            return raw
    return None


class Status(StrEnum):
    """How intake ended for one proposal."""

    VALID = "valid"
    INVALID = "invalid"


class Entry(BaseModel):
    """One proposal of the batch after intake: the model when valid, and every problem."""

    model_config = ConfigDict(frozen=False)

    id: str
    source: str
    path: str
    row: int | None = None
    title: str | None = None
    agency: str | None = None
    proposal: Proposal | None = None
    problems: list[Problem] = []

    @property
    def status(self) -> Status:
        """Valid when a model was built and no error was found, in the file or across the batch."""
        if self.proposal is None or any(p.severity is Severity.ERROR for p in self.problems):
            return Status.INVALID
        return Status.VALID

    @property
    def errors(self) -> list[Problem]:
        """The problems that make the proposal invalid."""
        return [p for p in self.problems if p.severity is Severity.ERROR]


def validate_record(record: RawRecord, choices: CallChoices) -> Entry:
    """Validate one record against the contract; never raises on bad data."""
    problems = list(record.problems)
    data = record.data
    entry = Entry(id=record.default_id, source=record.source, path=record.path, row=record.row)
    if data is None:
        if not any(p.severity is Severity.ERROR for p in problems):  # a warning is no reason
            problems.append(record.problem((), "(file)", text("file.empty")))
        entry.problems = problems
        return entry
    if not isinstance(data, dict):
        kind = (
            text("file.kind.list")
            if isinstance(data, list)
            else text("file.kind.value", type=type(data).__name__)
        )
        problems.append(record.problem((), "(file)", text("file.not_one", kind=kind)))
        entry.problems = problems
        return entry

    canon = canonicalize(data, Proposal)
    for kp in canon.problems:
        unknown = kp.message.key.startswith("key.unknown.")
        severity = record.unknown_key_severity if unknown else Severity.ERROR
        message = _form_wording(kp) if unknown else kp.message
        problems.append(record.problem(kp.raw_path, kp.field, message, severity))
    fields: dict[str, Any] = _without_controls(canon, record, problems)
    fields.setdefault("id", record.default_id)
    written_id = text_of(fields["id"]) or ""
    # an id that is no slug is refused below; the entry keeps a name that is one
    is_slug = SLUG.match(written_id) is not None and len(written_id) <= ID_MAX
    entry.id = written_id if is_slug else record.default_id
    # a title or an agency written as a number (`judul: 1234567`) is its text, as the model's
    title, agency = text_of(fields.get("title")), text_of(fields.get("agency"))
    if title is not None:
        entry.title = " ".join(title.split())
    if agency is not None:
        entry.agency = agency
    try:
        entry.proposal = Proposal.model_validate(fields, context={"choices": choices})
    except ValidationError as exc:
        for error in exc.errors():
            canon_path: tuple[PathKey, ...] = tuple(error["loc"])
            exact = canon.raw_paths.get(canon_path)
            raw_path = exact or _empty_cell(record, canon_path)
            raw_path = raw_path or nearest(canon.raw_paths, canon_path) or ()
            written = record.written.get(exact) if exact is not None else None
            message = describe(error, in_sheet=record.row is not None, written=written)
            problems.append(record.problem(raw_path, display_path(canon_path), message))
    entry.problems = sorted(problems, key=lambda p: (p.line is not None, p.line or 0))
    return entry


def _form_wording(problem: KeyProblem) -> Text:
    """An unknown key's message, naming the field a form's wording of it names (`Judul
    Inovasi` -> `judul`) when the closest spelling found none: at the top of a proposal a
    field of its own, inside `indikator` (or `uraian`, `lampiran`) one of that group's."""
    if problem.message.key != "key.unknown.known" or len(problem.raw_path) > 2:
        return problem.message
    path = read_as(str(problem.raw_path[-1]))
    parent = tuple(problem.field.split(".")[:-1])
    if path is None or path[:-1] != parent:
        return problem.message
    key = str(problem.message.params["key"])
    return text("key.unknown.close", key=key, close=suggestion_for(path))


# what is removed from a proposal's texts, each with its warning
_REMOVED = (
    (CONTROLS, "value.controls_removed"),
    (DIRECTION_CONTROLS, "value.direction_removed"),
)


def _without_controls(canon: Canonical, record: RawRecord, problems: list[Problem]) -> Any:
    """`canon.data` with control characters and the characters that override the text's
    direction removed from every text but the id (which is refused), one warning per field
    and kind; line breaks written `\\r\\n` or `\\r` become `\\n`."""

    def clean(value: Any, path: tuple[PathKey, ...]) -> Any:
        if isinstance(value, str):
            value = value.replace("\r\n", "\n").replace("\r", "\n")
            if path == ("id",):
                return value
            for pattern, key in _REMOVED:
                found = len(pattern.findall(value))
                if found:
                    raw_path = nearest(canon.raw_paths, path) or ()
                    warning = text(key, count=found)
                    field = display_path(path)
                    problems.append(record.problem(raw_path, field, warning, Severity.WARNING))
                    value = pattern.sub("", value)
            return value
        if isinstance(value, dict):
            return {key: clean(item, (*path, key)) for key, item in value.items()}
        if isinstance(value, list):
            return [clean(item, (*path, index)) for index, item in enumerate(value)]
        return value

    if not isinstance(canon.data, dict):
        return canon.data
    return clean(canon.data, ())
