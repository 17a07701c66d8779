"""The review panel (`reviewers.yaml`): who reviews, where they work, what they declared.

Read like a rubric: every problem is reported with its line, field and fix.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from kipp.core.i18n import Text, text
from kipp.core.keys import display_path, nearest, normalize_key
from kipp.core.models import SLUG, Proposal
from kipp.core.problems import KippError, Problem
from kipp.core.validation import invalid
from kipp.core.yaml_source import YamlProblem, parse_yaml
from kipp.intake.own_files import InputFile, NotRead, fingerprint, not_read, read_regular
from kipp.intake.registry import AgencyOf
from kipp.rubric import rubric_message

PANEL_FILE = "reviewers.yaml"
MAX_PANEL_BYTES = 4 * 1024 * 1024  # some 10,000 reviewers at 400 bytes each


class _PanelModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Reviewer(_PanelModel):
    """One reviewer. `agency` is where they work (they never review its proposals);
    `conflicts` lists proposal ids they declared a conflict of interest with."""

    id: str
    name: str = Field(min_length=1, max_length=200)
    agency: str | None = None
    affiliation: str | None = None
    conflicts: list[str] = Field(default_factory=list)

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not SLUG.match(value):
            raise invalid("panel.reviewer_id", value=value)
        return value

    def conflicted(self, proposal: Proposal, agency_of: AgencyOf | None = None) -> str | None:
        """Why this reviewer may not review `proposal` (`agency` or `declared`), or None.
        `agency_of` is the batch's agency registry (`kipp.intake.registry.registry_matcher`),
        so that an agency's other names and its units count as the reviewer's own agency."""
        if self.agency and agency_key(self.agency, agency_of) == agency_key(
            proposal.agency, agency_of
        ):
            return "agency"
        if proposal.id in self.conflicts:
            return "declared"
        return None


class Panel(_PanelModel):
    """A whole panel file."""

    reviewers: list[Reviewer] = Field(min_length=1)

    @field_validator("reviewers")
    @classmethod
    def _unique(cls, reviewers: list[Reviewer]) -> list[Reviewer]:
        ids = [r.id for r in reviewers]
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        if repeated:
            raise invalid("panel.id_twice", ids=repeated)
        return reviewers

    def get(self, reviewer_id: str) -> Reviewer | None:
        """The reviewer with this id, if on the panel."""
        return next((r for r in self.reviewers if r.id == reviewer_id), None)


class PanelError(KippError):
    """The panel file cannot be read or is not valid; carries every problem found."""

    def __init__(self, path: str, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems
        lines = [p.line_text() for p in problems]
        super().__init__(
            text("panel.invalid", path=path, problems=lines), text("panel.invalid.hint")
        )


def agency_key(agency: str, agency_of: AgencyOf | None = None) -> str:
    """The institution an agency name stands for: the registry's agency when `agency_of`
    (the batch's agency registry, `kipp.intake.registry.registry_matcher`) knows the name, else the
    name itself; either way compared ignoring case and spacing."""
    registered = agency_of(agency) if agency_of is not None else None
    return normalize_key(registered or agency)


def _too_big(size: int) -> Text:
    return text("panel.too_big", size=size, max=MAX_PANEL_BYTES)


def load_panel(
    path: Path, *, follow_links: bool = True, inputs: list[InputFile] | None = None
) -> Panel:
    """Read and validate a panel file; raise `PanelError` listing every problem with its line.
    A path that is not a regular file (a folder, a device, a named pipe, or a link to one)
    or is larger than `MAX_PANEL_BYTES` is refused unopened. A symbolic link is followed
    when `follow_links` (a panel the user named); `read_review_files` refuses the batch's
    own `reviewers.yaml` when it is one, also if it becomes one while being read."""
    shown = str(path)
    reason = not_read(path, follow_links=follow_links)
    if reason is not None:
        raise PanelError(shown, [Problem(path=shown, field="(file)", message=reason)])
    try:
        raw = read_regular(path, MAX_PANEL_BYTES, _too_big, follow_links=follow_links)
    except NotRead as exc:
        problem = Problem(path=shown, field="(file)", message=exc.reason)
        raise PanelError(shown, [problem]) from None
    if inputs is not None:  # what was read, valid or not, so results say which version
        inputs.append(fingerprint(path, raw))
    try:
        parsed = parse_yaml(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        problem = Problem(path=shown, field="(file)", message=text("file.not_utf8"))
        raise PanelError(shown, [problem]) from None
    except YamlProblem as exc:
        problem = Problem(path=shown, line=exc.line, field="(file)", message=exc.message)
        raise PanelError(shown, [problem]) from None
    data: Any = parsed.data
    if not isinstance(data, dict):
        message = text("panel.not_mapping")
        raise PanelError(shown, [Problem(path=shown, field="(file)", message=message)])
    try:
        return Panel.model_validate(data)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = tuple(error["loc"])
            if error["type"] == "extra_forbidden":
                message = _unknown_key(loc)
            elif error["type"] == "missing":
                message = text("value.missing", hint=str(loc[-1]))
            else:
                message = rubric_message(error)
            problems.append(
                Problem(
                    path=shown,
                    line=nearest(parsed.lines, loc),
                    field=display_path(loc),
                    message=message,
                )
            )
        raise PanelError(shown, problems) from None


def _unknown_key(loc: tuple[Any, ...]) -> Text:
    model: type[BaseModel] = Reviewer if len(loc) > 1 else Panel
    return text("settings.unknown_here", known=list(model.model_fields))
