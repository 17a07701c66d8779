"""`.json`: one proposal per file."""

from __future__ import annotations

import json
import re
import sys
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


# The json module's words for what is wrong (a small fixed set: `json/decoder.py` and the C
# scanner, `_json.c`), as the catalogue sentence that says it in kipp's.
# `tests/intake/test_json_mistakes.py` walks every one.
_MISTAKES = (
    ("Expecting value", "json.no_value"),
    ("Expecting property name enclosed in double quotes", "json.key_quotes"),
    ("Expecting ':' delimiter", "json.colon"),
    ("Expecting ',' delimiter", "json.comma"),
    ("Extra data", "json.extra_data"),
    ("Unterminated string starting at", "json.open_quote"),
    ("Invalid control character", "json.control_in_string"),
    ("Invalid \\escape", "json.escape"),
    ("Invalid \\uXXXX escape", "json.escape"),
    ("Illegal trailing comma before end of", "json.trailing_comma"),  # Python 3.13 and later
)
# where the mark is only what follows the mistake: the line is that of the text before it
_AFTER_THE_MISTAKE = frozenset({"json.colon", "json.comma", "json.trailing_comma"})


def json_mistake(message: str) -> str:
    """The catalogue key of the mistake a json error message names; `json.invalid` for a
    message kipp does not know."""
    return next((key for words, key in _MISTAKES if message.startswith(words)), "json.invalid")


def json_problem(exc: json.JSONDecodeError) -> tuple[Text, int]:
    """What is wrong, said with its fix, and the 1-based line where it was made."""
    key = json_mistake(exc.msg)
    here = exc.doc[exc.pos : exc.pos + 1]
    before = exc.doc[: exc.pos].rstrip()
    if key in ("json.no_value", "json.key_quotes", "json.colon", "json.comma") and not here:
        return text("json.unfinished"), exc.lineno
    if key in ("json.no_value", "json.key_quotes"):
        if here in ("]", "}") and before.endswith(","):
            key = "json.trailing_comma"
        elif here == "'":
            key = "json.single_quotes"
    if key == "json.control_in_string":
        # the C scanner marks the character, the Python one the place after it
        at = exc.pos if here and here < " " else exc.pos - 1
        if exc.doc[at : at + 1] in ("\r", "\n"):
            key = "json.line_break_in_text"
        return text(key), exc.doc.count("\n", 0, at) + 1
    if key in _AFTER_THE_MISTAKE:
        return text(key), before.count("\n") + 1
    return text(key), exc.lineno


def _number_too_long(source: str) -> tuple[Text, int | None]:
    """The number Python refuses to read for its length, and its line."""
    limit = sys.get_int_max_str_digits()
    number = re.search(rf"[0-9]{{{limit + 1},}}", source) if limit else None
    if number is None:
        return text("json.invalid"), None
    line = source.count("\n", 0, number.start()) + 1
    return text("json.number_too_long", digits=len(number[0]), limit=limit), line


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
        message, line = json_problem(exc)
        record.problems.append(Problem(path=path, line=line, field="(file)", message=message))
        return Loaded([record])
    except ValueError:  # a number of more than 4,300 digits, which Python refuses to read
        message, line = _number_too_long(decoded.text)
        record.problems.append(Problem(path=path, line=line, field="(file)", message=message))
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
