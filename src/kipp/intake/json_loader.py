"""`.json`: one proposal per file."""

from __future__ import annotations

import json
from typing import Any

from kipp.intake.loaded import Loaded
from kipp.intake.reading import Limits, decode_text
from kipp.intake.records import RawRecord
from kipp.intake.yaml_loader import encoding_warning
from kipp.intake.yaml_source import YamlProblem, parse_yaml
from kipp.problems import Location, Problem


class _DuplicateKey(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


def load_json(raw: bytes, path: str, default_id: str, limits: Limits) -> Loaded:
    """Read one JSON proposal. Lines are looked up (JSON being YAML-compatible) only for
    files that parse, so a problem found later can still name its line."""
    decoded = decode_text(raw)
    record = RawRecord(path=path, default_id=default_id, data=None)
    record.problems.extend(encoding_warning(path, decoded.warning))
    try:
        record.data = json.loads(decoded.text, object_pairs_hook=_no_duplicates)
    except _DuplicateKey as exc:
        record.problems.append(
            Problem(path=path, field="(file)", message=f"key '{exc}' appears twice; keep one")
        )
        return Loaded([record])
    except json.JSONDecodeError as exc:
        record.problems.append(
            Problem(
                path=path, line=exc.lineno, field="(file)", message=f"not valid JSON: {exc.msg}"
            )
        )
        return Loaded([record])
    except RecursionError:
        record.problems.append(
            Problem(path=path, field="(file)", message="nested too deeply to be a proposal")
        )
        return Loaded([record])
    try:
        lines = parse_yaml(decoded.text, max_nodes=limits.max_yaml_nodes).lines
    except YamlProblem:
        lines = {}
    record.positions = {key: Location(line=line) for key, line in lines.items()}
    return Loaded([record])
