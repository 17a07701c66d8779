"""Spreadsheet rows (CSV or XLSX form exports) to proposal records.

The first row holds headers: a field key (canonical or Indonesian, any case), a dotted path
for nested fields (`uraian.ringkasan`, `indikator.penerima_manfaat`), numbered for lists of
people or places (`inovator.1.nama`), or a bare section/indicator/attachment name
(`Ringkasan`, `Penerima Manfaat`). Columns that name no field (a form's `Cap waktu`) are
reported once per file as not read. Blank rows hold nothing and are skipped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from kipp.intake.loaded import Loaded
from kipp.intake.reading import Limits, Unreadable
from kipp.intake.records import RawRecord
from kipp.keys import RawPath, key_table, normalize_key, unknown_key_message
from kipp.models import Attachments, Indicators, Proposal, Sections
from kipp.problems import Location, Problem, Severity

Cell = str | int | float | bool | date | datetime | None

_LEAF_GROUPS = (("sections", Sections), ("indicators", Indicators), ("attachments", Attachments))


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True)
class Column:
    """A header understood: the raw path its cells fill, and its letter."""

    path: RawPath
    letter: str
    header: str


def _bare_leaves() -> dict[str, RawPath]:
    leaves: dict[str, RawPath] = {}
    for parent, model in _LEAF_GROUPS:
        for spelling in key_table(model):
            leaves[spelling] = (parent, spelling)
    return leaves


_TOP = key_table(Proposal)
_LEAVES = _bare_leaves()
_LEAVES_AS_NAMES = {spelling: spelling for spelling in _LEAVES}


def parse_header(header: Sequence[Cell], path: str) -> tuple[list[Column | None], list[Problem]]:
    """Map each header cell to a raw path; report unknown and repeated columns."""
    columns: list[Column | None] = []
    notices: list[Problem] = []
    seen: dict[RawPath, str] = {}
    for index, cell in enumerate(header):
        letter = column_letter(index)
        text = "" if cell is None else str(cell).strip()
        if not text:
            columns.append(None)
            continue
        raw = _header_path(text)
        if raw is None:
            notices.append(
                Problem(
                    path=path,
                    line=1,
                    column=letter,
                    field=text,
                    severity=Severity.WARNING,
                    message=_unknown_column(text),
                )
            )
            columns.append(None)
            continue
        key = tuple(normalize_key(p) if isinstance(p, str) else p for p in raw)
        clash = next((k for k in seen if k[: len(key)] == key or key[: len(k)] == k), None)
        if clash is not None:
            notices.append(
                Problem(
                    path=path,
                    line=1,
                    column=letter,
                    field=text,
                    message=f"same field as column {seen[clash]}; keep one of the two columns",
                )
            )
            columns.append(None)
            continue
        seen[key] = letter
        columns.append(Column(path=raw, letter=letter, header=text))
    return columns, notices


def _unknown_column(header: str) -> str:
    message = "column is not a proposal field, so it is not read"
    suggestion = unknown_key_message(header, {**_TOP, **_LEAVES_AS_NAMES})
    if "did you mean" in suggestion:
        message += "; " + suggestion.split("; ", 1)[1]
    return message


def _header_path(text: str) -> RawPath | None:
    parts = [p.strip() for p in text.split(".")]
    if any(not p for p in parts):
        return None
    raw: list[str | int] = [int(p) - 1 if p.isdigit() and int(p) > 0 else p for p in parts]
    if len(raw) == 1 and isinstance(raw[0], str):
        name = normalize_key(raw[0])
        if name in _TOP:
            return (raw[0],)
        return _LEAVES.get(name)
    return tuple(raw) if isinstance(raw[0], str) and normalize_key(raw[0]) in _TOP else None


def _clean(cell: Cell) -> Cell:
    if isinstance(cell, str):
        text = cell.strip()
        return text or None
    if isinstance(cell, float) and cell.is_integer() and abs(cell) < 2**53:
        return int(cell)
    return cell


def _place(target: dict[Any, Any], path: RawPath, value: Cell) -> None:
    node: Any = target
    for key in path[:-1]:
        node = node.setdefault(key, {})
    node[path[-1]] = value


def _compact(node: Any) -> Any:
    """Numbered columns were stored as dicts keyed by position; make them lists in order,
    closing the gaps that empty cells leave (`inovator.1` and `inovator.3` filled)."""
    if not isinstance(node, dict):
        return node
    if node and all(isinstance(k, int) for k in node):
        return [_compact(node[k]) for k in sorted(node)]
    return {k: _compact(v) for k, v in node.items()}


def _renumber(data: dict[Any, Any], path: RawPath) -> RawPath:
    """A column's path after `_compact`: each list position becomes its rank in that list."""
    node: Any = data
    out: list[str | int] = []
    for part in path:
        out.append(sorted(node).index(part) if isinstance(part, int) else part)
        node = node[part]
    return tuple(out)


def records_from_rows(
    rows: Iterable[tuple[int, Sequence[Cell]]],
    path: str,
    stem_id: str,
    limits: Limits,
) -> Loaded:
    """Turn `(row number, cells)` pairs, the first being the header, into records."""
    iterator = iter(rows)
    first = next(iterator, None)
    if first is None:
        return Loaded(
            [],
            [
                Problem(
                    path=path,
                    field="(file)",
                    message="has no rows; the first "
                    "row must hold the column headers, one proposal per row below",
                )
            ],
        )
    columns, notices = parse_header(first[1], path)
    if not any(columns):
        notices.append(
            Problem(
                path=path,
                line=first[0],
                field="(file)",
                message="the first row "
                "names no proposal field; put headers such as judul, instansi, "
                "kategori in row 1",
            )
        )
    records: list[RawRecord] = []
    for number, cells in iterator:
        if len(records) >= limits.max_rows:
            raise Unreadable(
                f"more than {limits.max_rows:,} rows; split the export into smaller files"
            )
        values = [_clean(c) for c in cells]
        if all(v is None for v in values):
            continue
        data: dict[Any, Any] = {}
        filled = [(c, v) for c, v in zip(columns, values, strict=False) if c and v is not None]
        for column, value in filled:
            _place(data, column.path, value)
        positions: dict[RawPath, Location] = {(): Location(line=number)}
        for column, _ in filled:
            where = Location(line=number, column=column.letter)
            renumbered = _renumber(data, column.path)
            for end in range(1, len(renumbered) + 1):
                positions.setdefault(renumbered[:end], where)
        record = RawRecord(
            path=path,
            row=number,
            default_id=f"{stem_id}-{number}",
            data=_compact(data),
            positions=positions,
        )
        records.append(record)
    if not records and not any(n.severity is Severity.ERROR for n in notices):
        notices.append(
            Problem(
                path=path,
                field="(file)",
                severity=Severity.WARNING,
                message="has a header row but no proposal rows",
            )
        )
    return Loaded(records, notices)
