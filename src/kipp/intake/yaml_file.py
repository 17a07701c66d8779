"""One small YAML file of the batch read into a pydantic model, every problem located: the
agency registry (`_agencies.yaml`) and the batch settings (`_kumpulan.yaml`) are read so."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from kipp.core.i18n import Text, text
from kipp.core.keys import display_path, nearest
from kipp.core.problems import Problem
from kipp.core.yaml_source import YamlProblem, parse_yaml
from kipp.intake.own_files import InputFile, NotRead, fingerprint, read_regular

M = TypeVar("M", bound=BaseModel)


def read_yaml_model(
    path: Path,
    model: type[M],
    *,
    max_bytes: int,
    too_big: str,
    not_mapping: str,
    message: Callable[[Any], Text],
    inputs: list[InputFile] | None = None,
) -> tuple[M | None, list[Problem]]:
    """`path` validated as `model`, or None with its problems: one for the whole file (not
    readable, a symbolic link or not a regular file (`own_files.read_regular`), over
    `max_bytes` (catalogue key `too_big`), not UTF-8, not YAML, not a mapping
    (`not_mapping`)), else one per validation error at its line, worded by `message`. The
    file's fingerprint (`own_files.fingerprint`) is added to `inputs` once its bytes are read."""
    shown = str(path)

    def failed(reason: Text, line: int | None = None) -> tuple[M | None, list[Problem]]:
        return None, [Problem(path=shown, line=line, field="(file)", message=reason)]

    try:
        raw = read_regular(path, max_bytes, lambda size: text(too_big, size=size, max=max_bytes))
    except NotRead as exc:
        return failed(exc.reason)
    if inputs is not None:  # what was read, valid or not, so results say which version
        inputs.append(fingerprint(path, raw))
    try:
        parsed = parse_yaml(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return failed(text("file.not_utf8"))
    except YamlProblem as exc:
        return failed(exc.message, exc.line)
    if not isinstance(parsed.data, dict):
        return failed(text(not_mapping))
    try:
        return model.model_validate(parsed.data), []
    except ValidationError as exc:
        return None, [
            Problem(
                path=shown,
                line=nearest(parsed.lines, tuple(error["loc"])),
                field=display_path(tuple(error["loc"])),
                message=message(error),
            )
            for error in exc.errors()
        ]
