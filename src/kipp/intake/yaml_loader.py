"""`.yaml` / `.yml`: one proposal per file."""

from __future__ import annotations

from kipp.core.i18n import Text
from kipp.core.problems import Location, Problem, Severity
from kipp.core.yaml_source import YamlProblem, parse_yaml
from kipp.intake.loaded import Loaded
from kipp.intake.reading import Limits, decode_text
from kipp.intake.records import RawRecord


def encoding_warning(path: str, warning: Text | None) -> list[Problem]:
    """The decoding warning of a text file as a problem list (empty when plain UTF-8)."""
    if warning is None:
        return []
    return [Problem(path=path, field="(file)", message=warning, severity=Severity.WARNING)]


def load_yaml(raw: bytes, path: str, default_id: str, limits: Limits) -> Loaded:
    """Read one YAML proposal, with the line of every key; numbers keep the text they were
    written as (`4.870` is read by the figure's kind, not as YAML's 4.87; `judul: 1.10` is
    the title `1.10`), and a message names any value that is not text as it was written."""
    decoded = decode_text(raw)
    record = RawRecord(path=path, default_id=default_id, data=None)
    record.problems.extend(encoding_warning(path, decoded.warning))
    try:
        parsed = parse_yaml(decoded.text, max_nodes=limits.max_yaml_nodes, written_numbers=True)
    except YamlProblem as exc:
        record.problems.append(
            Problem(path=path, line=exc.line, field="(file)", message=exc.message)
        )
        return Loaded([record])
    record.data = parsed.data
    record.positions = {key: Location(line=line) for key, line in parsed.lines.items()}
    record.written = parsed.written
    return Loaded([record])
