"""`.md`: YAML front matter for the fields, `## Heading` blocks for the sections. HTML
comments in a section (`<!-- what to write -->`, as `kipp template` writes them) are not
part of its text: Markdown shows them to no reader, so kipp neither keeps nor counts them."""

from __future__ import annotations

import re
from typing import Any

from kipp.core.i18n import Text, text
from kipp.core.keys import key_table, normalize_key
from kipp.core.models import Proposal
from kipp.core.problems import Location, Problem, Severity
from kipp.core.yaml_source import YamlProblem, parse_yaml
from kipp.intake.headers import SECTION_HEADINGS as HEADINGS
from kipp.intake.loaded import Loaded
from kipp.intake.reading import Limits, decode_text
from kipp.intake.records import RawRecord
from kipp.intake.yaml_loader import encoding_warning

ACCEPTED = (
    "Ringkasan, Latar Belakang, Kebaruan, Implementasi, Signifikansi, Adaptabilitas, "
    "Sumber Daya, Keberlanjutan"
)

_FENCE = re.compile(r"^(---|\.\.\.)\s*$")
_HEADING = re.compile(r"^##\s+(.*?)\s*#*\s*$")
_TITLE = re.compile(r"^#\s+\S")
_CLEAN = re.compile(r"[^0-9a-z\s]+")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def section_for(heading: str) -> str | None:
    """The canonical section a `## Heading` names, or None."""
    words = " ".join(_CLEAN.sub(" ", heading.lower()).split())
    words = re.sub(r"^(?:\d+|[ivx]+|[a-h])\s+", "", words)
    for prefix, name in HEADINGS:
        if words.startswith(prefix):
            return name
    return None


def load_markdown(raw: bytes, path: str, default_id: str, limits: Limits) -> Loaded:
    """Read one Markdown proposal."""
    decoded = decode_text(raw)
    record = RawRecord(path=path, default_id=default_id, data=None)
    record.problems.extend(encoding_warning(path, decoded.warning))
    lines = decoded.text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.strip()), None)
    if start is None:
        return Loaded([record])
    if lines[start].strip() != "---":
        record.problems.append(_error(path, start + 1, text("md.no_front_matter")))
        return Loaded([record])
    end = next((i for i in range(start + 1, len(lines)) if _FENCE.match(lines[i])), None)
    if end is None:
        record.problems.append(_error(path, start + 1, text("md.unclosed")))
        return Loaded([record])
    try:
        parsed = parse_yaml(
            "\n".join(lines[start + 1 : end]),
            line_offset=start + 1,
            max_nodes=limits.max_yaml_nodes,
            written_numbers=True,
        )
    except YamlProblem as exc:
        record.problems.append(_error(path, exc.line, exc.message))
        return Loaded([record])
    positions = {key: Location(line=line) for key, line in parsed.lines.items()}
    data: Any = parsed.data if parsed.data is not None else {}
    record.data = data
    record.positions = positions
    record.written = parsed.written
    if not isinstance(data, dict):
        return Loaded([record])

    sections, section_lines = _sections(lines, end + 1, path, record.problems)
    section_key = _front_matter_sections_key(data)
    if section_key is not None and sections:
        record.problems.append(
            _error(path, parsed.lines.get((section_key,)), text("md.sections_twice"), "sections")
        )
    elif section_key is None:
        data["sections"] = sections
        positions[("sections",)] = Location(line=end + 2 if end + 2 <= len(lines) else end + 1)
        for name, line in section_lines.items():
            positions[("sections", name)] = Location(line=line)
    return Loaded([record])


def _front_matter_sections_key(data: dict[Any, Any]) -> Any:
    table = key_table(Proposal)
    return next((k for k in data if table.get(normalize_key(k)) == "sections"), None)


def _sections(
    lines: list[str], first: int, path: str, problems: list[Problem]
) -> tuple[dict[str, str], dict[str, int]]:
    sections: dict[str, str] = {}
    section_lines: dict[str, int] = {}
    current: str | None = None
    buffer: list[str] = []
    stray: int | None = None
    skipping = False  # inside the text of a rejected heading, already reported

    def close() -> None:
        if current is not None:
            sections[current] = _HTML_COMMENT.sub("", "\n".join(buffer)).strip()

    for index in range(first, len(lines)):
        line = lines[index]
        heading = _HEADING.match(line)
        if heading is None:
            if current is not None:
                buffer.append(line)
            elif line.strip() and not skipping and not _TITLE.match(line) and stray is None:
                stray = index + 1
            continue
        close()
        skipping = True
        name = section_for(heading[1])
        if name is None:
            problems.append(
                _error(
                    path,
                    index + 1,
                    text("md.heading", heading=heading[1], accepted=ACCEPTED),
                    "sections",
                )
            )
            current, buffer = None, []
            continue
        if name in sections:
            problems.append(
                _error(
                    path,
                    index + 1,
                    text(
                        "md.section_twice",
                        section=text(f"written.{name}"),
                        line=section_lines[name],
                    ),
                    "sections",
                )
            )
            current, buffer = None, []
            continue
        current, buffer = name, []
        section_lines[name] = index + 1
    close()
    if stray is not None:
        problems.append(
            Problem(
                path=path,
                line=stray,
                field="sections",
                severity=Severity.WARNING,
                message=text("md.stray"),
            )
        )
    return sections, section_lines


def _error(path: str, line: int | None, message: Text, field: str = "(file)") -> Problem:
    return Problem(path=path, line=line, field=field, message=message)
