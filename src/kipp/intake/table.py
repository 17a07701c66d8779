"""Spreadsheet rows (CSV or XLSX form exports) to proposal records.

The first row with content holds headers: a field key (canonical or Indonesian, any case),
a dotted path for nested fields (`uraian.ringkasan`, `indikator.penerima_manfaat`),
numbered for lists of people or places (`inovator.1.nama`; unnumbered, the first item), a
bare section/indicator/attachment name (`Ringkasan`, `Penerima Manfaat`), or a form's
question for a field (`Judul Inovasi`, `Instansi yang Mereplikasi`: `kipp.intake.headers`).
A column that resembles a field without naming one makes every proposal with a value in it
invalid, with a "did you mean"; columns that name nothing a proposal holds (a form's `Cap
waktu`) are reported once per file as not read; cells beyond the last header are not read
either. A cell holding only a dash is empty. Without an id column, a row's id is made from
its title. Blank rows hold nothing and are skipped. A file without any proposal row is
unread, not an empty success.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel

from kipp.core.i18n import Text, text
from kipp.core.keys import CONTROLS, RawPath, field_kind, key_table, normalize_key, title_slug
from kipp.core.models import Proposal
from kipp.core.problems import Location, Problem, Severity
from kipp.intake.headers import LEAF_GROUPS, read_as, resembles
from kipp.intake.loaded import Loaded
from kipp.intake.reading import Limits, Unreadable
from kipp.intake.records import RawRecord

Cell = str | int | float | bool | date | datetime | None

_DASHES = re.compile(r"^[-\u2013\u2014]+$")


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
    """A header understood: the raw path its cells fill, and its letter. A column that
    resembles a field without naming one has no path, and `unread` says what to write
    instead: a value in it makes the row's proposal invalid."""

    path: RawPath | None
    letter: str
    header: str
    unread: Text | None = None


def _bare_leaves() -> dict[str, RawPath]:
    leaves: dict[str, RawPath] = {}
    for parent, model in LEAF_GROUPS:
        for spelling in key_table(model):
            leaves[spelling] = (parent, spelling)
    return leaves


_TOP = key_table(Proposal)
_LEAVES = _bare_leaves()


def parse_header(
    header: Sequence[Cell], path: str, row: int = 1
) -> tuple[list[Column | None], list[Problem]]:
    """Map each header cell of row `row` to a raw path; report repeated columns, and the
    columns that name nothing a proposal holds. A column that resembles a field is a
    `Column` without a path (reported on each row that fills it)."""
    columns: list[Column | None] = []
    notices: list[Problem] = []
    seen: dict[RawPath, str] = {}
    for index, cell in enumerate(header):
        letter = column_letter(index)
        header_text = "" if cell is None else CONTROLS.sub("", str(cell)).strip()
        if not header_text:
            columns.append(None)
            continue
        raw = _header_path(header_text) or read_as(header_text)
        if raw is None:
            unread = _resembling(header_text)
            if unread is not None:
                columns.append(Column(path=None, letter=letter, header=header_text, unread=unread))
                continue
            notices.append(
                Problem(
                    path=path,
                    line=row,
                    column=letter,
                    field=header_text,
                    severity=Severity.WARNING,
                    message=text("table.unknown_column"),
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
                    line=row,
                    column=letter,
                    field=header_text,
                    message=text("table.same_field", column=seen[clash]),
                )
            )
            columns.append(None)
            continue
        seen[key] = letter
        columns.append(Column(path=raw, letter=letter, header=header_text))
    return columns, notices


def _numbered_example(header: str) -> str | None:
    """`inovator.1.nama` for a dotted header that names a list's items in a way that cannot
    be placed (`inovator.x.email`, `inovator.1.2`)."""
    parts = [p.strip() for p in header.split(".")]
    if len(parts) < 2:
        return None
    name = _TOP.get(normalize_key(parts[0]))
    kind, item = field_kind(Proposal, name) if name else ("leaf", None)
    if kind != "list" or item is None:
        return None
    last = parts[-1] if not parts[-1].isdecimal() else None
    return f"{parts[0]}.1.{last or next(iter(getattr(item, 'ALIASES', {})), 'nama')}"


def _resembling(header: str) -> Text | None:
    """What to write instead of a header that resembles a field without naming one; None
    for a header that names nothing a proposal holds."""
    example = _numbered_example(header)
    if example is not None:
        return text("table.unknown_column.numbered", example=example)
    close = resembles(header)
    if close is not None:
        return text("table.unknown_column.close", close=close)
    return None


def _header_path(header: str) -> RawPath | None:
    parts = [p.strip() for p in header.split(".")]
    if any(not p for p in parts):
        return None
    raw: list[str | int] = [int(p) - 1 if p.isdecimal() and int(p) > 0 else p for p in parts]
    if len(raw) == 1 and isinstance(raw[0], str):
        name = normalize_key(raw[0])
        if name in _TOP:
            return _canonical((raw[0],))
        leaf = _LEAVES.get(name)
        return None if leaf is None else _canonical(leaf)
    if isinstance(raw[0], str) and normalize_key(raw[0]) in _TOP:
        return _canonical(tuple(raw))
    return None


def _canonical(raw: RawPath) -> RawPath | None:
    """A header's path with each known key in its canonical spelling, so that `Ringkasan` and
    `uraian.kebaruan` fill the same `sections`, and `Judul` and `title` are seen as one field.
    Unknown keys stay as written, for validation to name. A list (of people, awards or
    places) without a position is the whole list in one cell (`replikasi`), or, followed by
    an item's key, its first item (`inovator.nama` is `inovator.1.nama`); None for a path
    that cannot be placed (`inovator.1.2`)."""
    out: list[str | int] = []
    model: type[BaseModel] | None = Proposal
    numbered = False  # the part before names a list: a position may follow
    for part in raw:
        if numbered and not isinstance(part, int) and model is not None:
            if normalize_key(part) not in key_table(model):
                return None  # `inovator.x.email`: not a column we can place
            out.append(0)  # `inovator.nama`: the first item's name
        elif isinstance(part, int) and not numbered and model is not None:
            return None  # `inovator.1.2` or `judul.1`: not a column we can place
        numbered = False
        if isinstance(part, int) or model is None:
            out.append(part)
            continue
        name = key_table(model).get(normalize_key(part))
        if name is None:
            out.append(part)
            model = None
            continue
        out.append(name)
        kind, model = field_kind(model, name)
        numbered = kind == "list"
    return tuple(out)


def _clean(cell: Cell) -> Cell:
    if isinstance(cell, str):
        stripped = cell.strip()
        return None if not stripped or _DASHES.match(stripped) else stripped
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
    """Turn `(row number, cells)` pairs into records: the first row with content holds the
    headers, every later row with content is one proposal.

    A row's id defaults to its title made a slug (`PPDB Online (...)` gives `ppdb-online`,
    unique in the file) when the file has no id column, else (a row whose id cell is empty)
    to `stem_id` and the row number.

    Raises `Unreadable` for a file that holds no proposal row, or more rows (blank ones
    included, so that a sheet padded to a million rows cannot stall the batch) than allowed.
    """
    header: tuple[int, list[Column | None]] | None = None
    width = 0
    notices: list[Problem] = []
    records: list[RawRecord] = []
    filled_unread: set[str] = set()  # letters of resembling columns a row gave a value
    ids = _TitleIds(stem_id)
    for number, cells in rows:
        if number > (header[0] if header else 1) + limits.max_rows:
            raise Unreadable(text("table.too_many_rows", count=limits.max_rows))
        # Only the columns under a header can hold a proposal's values.
        if header is not None:
            cells = cells[:width]
        if all(_clean(c) is None for c in cells):
            continue
        if header is None:
            columns, notices = parse_header(cells, path, number)
            if not any(c and c.path for c in columns):
                raise Unreadable(text("table.header_names_nothing", row=number))
            header = (number, columns)
            width = 1 + max(i for i, c in enumerate(cells) if _clean(c) is not None)
            ids.from_title = not any(c and c.path == ("id",) for c in columns)
            continue
        columns = header[1]
        values = [_clean(c) for c in cells]
        data: dict[Any, Any] = {}
        given = [(c, v) for c, v in zip(columns, values, strict=False) if c and v is not None]
        unread = [c for c, _ in given if c.path is None]
        filled = [(c.letter, c.path, v) for c, v in given if c.path is not None]
        for _, raw, value in filled:
            _place(data, raw, value)
        positions: dict[RawPath, Location] = {(): Location(line=number)}
        for letter, raw, _ in filled:
            where = Location(line=number, column=letter)
            renumbered = _renumber(data, raw)
            positions.setdefault(renumbered, where)
            for end in range(1, len(renumbered)):  # a group spans columns: its row only
                positions.setdefault(renumbered[:end], Location(line=number))
        for column in columns:  # an empty cell of a top-level field: a value missing there
            if column and column.path and len(column.path) == 1:  # is located at it
                positions.setdefault(column.path, Location(line=number, column=column.letter))
        record = RawRecord(
            path=path,
            row=number,
            default_id=ids.next(data.get("title"), number),
            data=_compact(data),
            positions=positions,
        )
        for held in unread:
            filled_unread.add(held.letter)
            record.problems.append(
                Problem(
                    path=path,
                    line=number,
                    column=held.letter,
                    field=held.header,
                    message=held.unread or text("table.unknown_column"),
                )
            )
        records.append(record)
    if header is None:
        raise Unreadable(text("table.no_rows"))
    if not records:
        raise Unreadable(text("table.header_only", row=header[0]))
    for kept in header[1]:  # a resembling column no row filled loses nothing: a warning
        if kept and kept.unread is not None and kept.letter not in filled_unread:
            notices.append(
                Problem(
                    path=path,
                    line=header[0],
                    column=kept.letter,
                    field=kept.header,
                    severity=Severity.WARNING,
                    message=kept.unread,
                )
            )
    notices.sort(key=lambda n: (len(n.column or ""), n.column or ""))
    return Loaded(records, notices)


class _TitleIds:
    """Rows' default ids: from the title when the file has no id column (`from_title`), each
    unique in the file (`-2`, `-3` after a repeat); else, or without a title, the file's
    name and the row number."""

    def __init__(self, stem_id: str) -> None:
        self.stem_id = stem_id
        self.from_title = False
        self.used: set[str] = set()

    def next(self, title: Any, row: int) -> str:
        base = title_slug(title) if self.from_title and isinstance(title, str) else ""
        if not base:
            return f"{self.stem_id}-{row}"
        found, count = base, 1
        while found in self.used:
            count += 1
            found = f"{base}-{count}"
        self.used.add(found)
        return found
