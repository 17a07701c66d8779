"""`.json`: one proposal per file."""

from __future__ import annotations

import json
from typing import Any

from kipp.core.i18n import Text, text
from kipp.core.numbers import as_written
from kipp.core.problems import Location, Problem
from kipp.core.yaml_source import MAX_DEPTH, TOO_DEEP, YamlProblem, parse_yaml
from kipp.intake.loaded import Loaded
from kipp.intake.reading import Limits, decode_text
from kipp.intake.records import RawRecord
from kipp.intake.yaml_loader import encoding_warning


class _DuplicateKey(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


def _written_float(written: str) -> float:
    """A JSON number with a fraction or exponent, remembering its text (`4.870`, which the
    float holds as 4.87, is read by the figure's kind)."""
    number: float = as_written(float(written), written)
    return number


def load_json(raw: bytes, path: str, default_id: str, limits: Limits) -> Loaded:
    """Read one JSON proposal. Lines are looked up (JSON being YAML-compatible) only for
    files that parse, so a problem found later can still name its line."""
    decoded = decode_text(raw)
    record = RawRecord(path=path, default_id=default_id, data=None)
    record.problems.extend(encoding_warning(path, decoded.warning))
    if not decoded.text.strip():
        return Loaded([record])  # reported as empty, like an empty .yaml
    try:
        data = json.loads(
            decoded.text, object_pairs_hook=_no_duplicates, parse_float=_written_float
        )
    except _DuplicateKey as exc:
        message = text("yaml.key_twice", key=str(exc))
        line = _yaml_problem_line(decoded.text, message, limits)
        record.problems.append(Problem(path=path, line=line, field="(file)", message=message))
        return Loaded([record])
    except json.JSONDecodeError as exc:
        record.problems.append(
            Problem(
                path=path,
                line=exc.lineno,
                field="(file)",
                message=text("json.invalid", detail=exc.msg),
            )
        )
        return Loaded([record])
    except ValueError as exc:  # e.g. a number of more than 4,300 digits
        invalid = text("json.invalid", detail=str(exc))
        record.problems.append(Problem(path=path, field="(file)", message=invalid))
        return Loaded([record])
    except RecursionError:
        record.problems.append(Problem(path=path, field="(file)", message=TOO_DEEP))
        return Loaded([record])
    if _deeper_than(data, MAX_DEPTH):
        record.problems.append(Problem(path=path, field="(file)", message=TOO_DEEP))
        return Loaded([record])
    record.data = data
    try:
        lines = parse_yaml(decoded.text, max_nodes=limits.max_yaml_nodes).lines
    except YamlProblem:
        lines = {}
    record.positions = {key: Location(line=line) for key, line in lines.items()}
    return Loaded([record])


def _yaml_problem_line(source: str, message: Text, limits: Limits) -> int | None:
    """The line of a problem the YAML reader finds too (the same duplicate key), if any."""
    try:
        parse_yaml(source, max_nodes=limits.max_yaml_nodes)
    except YamlProblem as exc:
        return exc.line if exc.message == message else None
    return None


def _deeper_than(data: Any, limit: int) -> bool:
    """Whether lists and objects nest more than `limit` levels (checked without recursion)."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            value = list(value.values())
        if isinstance(value, list):
            if depth > limit:
                return True
            stack.extend((item, depth + 1) for item in value)
    return False
