"""The rubric: a call's settings, gates, criteria and shortlist policy, read from YAML.

Policy lives in YAML; this module only says what a valid rubric looks like and reads one,
reporting every problem with its line like a proposal's.
"""

from __future__ import annotations

import hashlib
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from kipp.intake.messages import describe
from kipp.intake.yaml_source import YamlProblem, parse_yaml
from kipp.keys import display_path, nearest, normalize_key
from kipp.models import SECTION_NAMES, CallChoices
from kipp.problems import Problem, RubricError

DEFAULT_RUBRIC = "kipp-2022.yaml"


class RubricModel(BaseModel):
    """Rubric parts reject unknown keys: a typo in policy must not pass unnoticed."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Call(RubricModel):
    """The settings of one competition call."""

    name: str = Field(min_length=1)
    deadline: date
    prior_art_cutoff: date
    min_months: int = Field(ge=0)
    min_months_pandemic: int = Field(ge=0)
    groups: list[str] = Field(min_length=1)
    categories: list[str] = Field(min_length=1)
    word_caps: dict[str, int] = Field(default_factory=dict)
    required_attachments: list[str] = Field(default_factory=list)
    max_per_agency: int | None = Field(default=None, ge=1)

    @field_validator("groups", "categories")
    @classmethod
    def _normal(cls, values: list[str]) -> list[str]:
        return [normalize_key(v) for v in values]

    @field_validator("word_caps")
    @classmethod
    def _caps(cls, caps: dict[str, int]) -> dict[str, int]:
        unknown = [k for k in caps if k not in SECTION_NAMES]
        if unknown:
            raise ValueError(
                f"unknown section {', '.join(unknown)}; sections are: {', '.join(SECTION_NAMES)}"
            )
        if any(v <= 0 for v in caps.values()):
            raise ValueError("word caps must be positive numbers of words")
        return caps

    def choices(self) -> CallChoices:
        """The lists a proposal's group and category are checked against."""
        return CallChoices(groups=tuple(self.groups), categories=tuple(self.categories))


class Rubric(RubricModel):
    """A whole rubric file."""

    id: str = Field(min_length=1)
    title: str = Field(min_length=1)
    call: Call


class LoadedRubric(BaseModel):
    """A validated rubric with where it came from and its content hash."""

    rubric: Rubric
    path: str
    sha256: str


def default_rubric_path() -> Path:
    """The bundled KIPP 2022 rubric: inside an installed package, or in the source tree."""
    packaged = resources.files("kipp").joinpath("rubrics", DEFAULT_RUBRIC)
    if packaged.is_file():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "rubrics" / DEFAULT_RUBRIC


def load_rubric(path: Path | None = None) -> LoadedRubric:
    """Read and validate a rubric; raise `RubricError` listing every problem with its line."""
    path = path or default_rubric_path()
    shown = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise RubricError(
            shown,
            [_file_problem(shown, f"cannot be read: {exc.strerror or exc}")],
        ) from None
    try:
        parsed = parse_yaml(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise RubricError(
            shown, [_file_problem(shown, "not UTF-8 text; save it as UTF-8")]
        ) from None
    except YamlProblem as exc:
        raise RubricError(
            shown, [Problem(path=shown, line=exc.line, field="(file)", message=exc.message)]
        ) from None
    data: Any = parsed.data
    if not isinstance(data, dict):
        raise RubricError(
            shown,
            [
                Problem(
                    path=shown,
                    field="(file)",
                    message="a rubric is a mapping with id, title, call, ...",
                )
            ],
        )
    try:
        rubric = Rubric.model_validate(data)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = tuple(error["loc"])
            problems.append(
                Problem(
                    path=shown,
                    line=nearest(parsed.lines, loc),
                    field=display_path(loc),
                    message=rubric_message(error),
                )
            )
        raise RubricError(shown, problems) from None
    return LoadedRubric(rubric=rubric, path=shown, sha256=hashlib.sha256(raw).hexdigest())


def _file_problem(path: str, message: str) -> Problem:
    return Problem(path=path, field="(file)", message=message)


def rubric_message(error: Any) -> str:
    """Rubric errors read like proposal errors; unknown keys name the known ones."""
    if error["type"] == "extra_forbidden":
        return "unknown setting; check its spelling against the documented rubric keys"
    if error["type"] == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    return describe(error)
