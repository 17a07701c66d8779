"""Reading a rubric file: every problem reported with its line, like a proposal's."""

from __future__ import annotations

import hashlib
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from kipp.core.i18n import Text, text
from kipp.core.keys import display_path, field_kind, nearest
from kipp.core.problems import Problem, RubricError
from kipp.core.transient import is_transient
from kipp.core.validation import describe
from kipp.core.yaml_source import YamlProblem, parse_yaml
from kipp.rubric.model import Rubric

DEFAULT_RUBRIC = "kipp-2022.yaml"


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
    return Path(__file__).resolve().parents[3] / "rubrics" / DEFAULT_RUBRIC


def load_rubric(path: Path | None = None) -> LoadedRubric:
    """Read and validate a rubric; raise `RubricError` listing every problem with its line.

    A read that failed transiently (`kipp.core.transient.is_transient`) raises its `OSError`
    as it is, for the caller to try again; a missing or forbidden file is a `RubricError`."""
    path = path or default_rubric_path()
    shown = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        if is_transient(exc):
            raise  # may pass: the caller (a retried task) tries again
        raise RubricError(
            shown,
            [_file_problem(shown, text("file.cannot_read", reason=exc.strerror or str(exc)))],
        ) from None
    try:
        parsed = parse_yaml(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise RubricError(shown, [_file_problem(shown, text("file.not_utf8"))]) from None
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
                    message=text("rubric.not_mapping"),
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


def _file_problem(path: str, message: Text) -> Problem:
    return Problem(path=path, field="(file)", message=message)


def rubric_message(error: Any) -> Text:
    """Rubric errors read like proposal errors; unknown keys name the known ones."""
    if error["type"] == "extra_forbidden":
        known = _known_keys(tuple(error["loc"][:-1]))
        return text("settings.unknown_here", known=known)
    if error["type"] == "literal_error":
        expected = str((error.get("ctx") or {}).get("expected", ""))
        expected = expected.replace("'", "").replace(" or ", ", ")
        return text("value.not_allowed", value=f"'{error.get('input')}'", choices=expected)
    return describe(error, aliases=False)


def _known_keys(loc: tuple[Any, ...]) -> list[str]:
    """The settings a rubric accepts at `loc` (for unknown-key messages)."""
    model: type[BaseModel] = Rubric
    for part in loc:
        if isinstance(part, int):
            continue
        _kind, inner = field_kind(model, part)
        if inner is None:
            break
        model = inner
    return list(model.model_fields)
