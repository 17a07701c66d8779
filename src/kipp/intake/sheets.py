"""Spreadsheets as numbered rows, whatever program saved them, under `Limits`: the one reader
of proposal exports and returned scoresheets.

- Workbooks (`.xlsx`, `.xls`, `.ods`) are read by python-calamine, one well-kept reader for
  every format, once `kipp.intake.sheet_bounds` and the formats' own modules have measured
  every sheet (a sheet over `Limits.max_sheet_cells` is refused before it is opened).
  Rows are numbered and cells placed as the spreadsheet program shows them (row 1 is the
  first row, column A the first column, whatever the sheet's first used cell), values as
  typed (numbers, dates, booleans, text), empty cells as None, each row read up to
  `Limits.max_columns` cells: a header further right (in the first row with content) makes
  the sheet unread, with its row and column (a column meant as a field is read or refused,
  never dropped unsaid).
- CSV text with any of `,`, `;`, tab or `|` between cells, found on the first lines only
  (a bounded sample, so a hostile first line cannot stall detection), always read with
  RFC 4180 quoting: a cell in double quotes may hold the separator, line breaks and `""` for
  a quote.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from kipp.core.i18n import Text, text
from kipp.intake.ods_bounds import scan_ods
from kipp.intake.reading import Limits, Unreadable
from kipp.intake.sheet_bounds import Reach, column_letters
from kipp.intake.xls_bounds import scan_xls
from kipp.intake.xlsx_bounds import scan_xlsx

Cell = str | int | float | bool | date | datetime | None
Row = tuple[int, list[Cell]]

# The workbook formats read, and what each is called in messages.
WORKBOOKS = {".xlsx": ".xlsx", ".xlsm": ".xlsx", ".xls": ".xls", ".ods": ".ods"}
SEPARATORS = (",", ";", "\t", "|")
SAMPLE_CHARACTERS = 64 * 1024  # what separator detection reads at most
SAMPLE_LINES = 20


# --- workbooks -----------------------------------------------------------------------------------


def _scan(raw: bytes, kind: str, limits: Limits) -> list[Reach]:
    if kind == ".xls":
        return scan_xls(raw, limits)
    if kind == ".ods":
        return scan_ods(raw, limits)
    return scan_xlsx(raw, limits)


def _detail(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


def _unreadable(kind: str, exc: BaseException) -> Unreadable:
    if kind == ".xlsx":
        return Unreadable(text("xlsx.unreadable", detail=_detail(exc)))
    return Unreadable(text("workbook.unreadable", kind=kind, detail=_detail(exc)))


def _guarded(kind: str, call: Callable[[], Any]) -> Any:
    """Call into python-calamine: any failure (a Rust panic surfaces as a BaseException
    that is not an Exception) is the file's, reported as unreadable; an interrupt is not."""
    try:
        return call()
    except Unreadable:
        raise
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException as exc:
        raise _unreadable(kind, exc) from None


@dataclass(frozen=True)
class Sheet:
    """A worksheet of a workbook: its name, its place among the worksheets, how far it
    reaches (cells holding something, last row and column) as measured before opening, and
    whether the spreadsheet program hides it."""

    name: str
    index: int
    reach: Reach
    hidden: bool = False

    @property
    def empty(self) -> bool:
        """Nothing in it (a sheet of a workbook that holds only one value still counts)."""
        return self.reach.cells == 0


class Workbook:
    """An open workbook (`open_workbook`): its worksheets, and the rows of any of them."""

    def __init__(self, raw: bytes, kind: str, limits: Limits) -> None:
        import python_calamine  # imported on first use: most batches hold no workbook

        self.kind = kind
        self.limits = limits
        reaches = _scan(raw, kind, limits)
        self._book = _guarded(
            kind, lambda: python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(raw))
        )
        worksheet = python_calamine.SheetTypeEnum.WorkSheet
        visible = python_calamine.SheetVisibleEnum.Visible
        metadata = _guarded(kind, lambda: self._book.sheets_metadata)
        by_name = {reach.name: reach for reach in reaches}
        self.sheets = [
            Sheet(
                name=m.name,
                index=i,
                reach=by_name.get(m.name, Reach(name=m.name)),
                hidden=m.visible != visible,
            )
            for i, m in enumerate(metadata)
            if m.typ == worksheet
        ]

    def rows(self, sheet: Sheet) -> Iterator[Row]:
        """Every row of `sheet` from row 1, numbered and placed as the spreadsheet program
        shows them, up to `Limits.max_columns` cells, trailing empty cells dropped; raises
        `Unreadable` for a header (the first row with content) reaching further right."""
        data = _guarded(self.kind, lambda: self._book.get_sheet_by_index(sheet.index))
        start = data.start
        indent = [None] * (start[1] if start else 0)
        width = self.limits.max_columns
        source = iter(_guarded(self.kind, data.iter_rows))
        number = 0
        headed = False
        while True:
            cells = _guarded(self.kind, lambda: next(source, None))
            if cells is None:
                return
            number += 1
            placed = [*indent, *cells]
            row = _trimmed(placed[:width])
            if not headed:  # the first row with content holds the headers
                _refuse_beyond(placed, width, number)
                headed = bool(row)
            yield number, row

    def close(self) -> None:
        """Let the reader go."""
        _guarded(self.kind, self._book.close)

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def open_workbook(raw: bytes, suffix: str, limits: Limits) -> Workbook:
    """Open a workbook saved as `suffix` (one of `WORKBOOKS`), every sheet measured first;
    raise `Unreadable` (naming the format and what is wrong) for one that is damaged, not
    that format, or over the limits."""
    return Workbook(raw, WORKBOOKS[suffix.lower()], limits)


def refuse_unsaved_formulas(sheet: Sheet) -> None:
    """Raise `Unreadable` for a sheet holding formulas whose values were never saved (a file
    written by a script): a reader of saved values would find those cells empty. The reason
    names the first cells and says to open the file and save it again."""
    reach = sheet.reach
    if reach.blank_formulas:
        more = reach.blank_formulas - len(reach.blank_formula_cells)
        raise Unreadable(
            text(
                "xlsx.formulas_unsaved_more" if more else "xlsx.formulas_unsaved",
                sheet=sheet.name,
                cells=", ".join(reach.blank_formula_cells),
                more=more,
            )
        )


def _value(cell: Any) -> Cell:
    """A cell as kipp holds it: empty text as None, a time of day or a duration as text."""
    if isinstance(cell, str):
        return cell or None
    if isinstance(cell, time):
        return cell.isoformat()
    if isinstance(cell, timedelta):
        return str(cell)
    value: Cell = cell
    return value


def _refuse_beyond(cells: Sequence[Any], width: int, row: int) -> None:
    """Raise `Unreadable` when the header row `row` holds a value after its first `width`
    cells: a column meant as a field is read or refused, never dropped unsaid. (Below the
    headers, a cell beyond the last header is not read, in any column.)"""
    for index in range(len(cells) - 1, width - 1, -1):
        value = _value(cells[index])
        if value is not None and (not isinstance(value, str) or value.strip()):
            reason = text(
                "sheet.too_many_columns",
                row=row,
                column=column_letters(index + 1),
                last=column_letters(width),
                cap=width,
            )
            raise Unreadable(reason)


def _trimmed(cells: Iterable[Any]) -> list[Cell]:
    row = [_value(c) for c in cells]
    while row and row[-1] is None:
        row.pop()
    return row


# --- CSV -----------------------------------------------------------------------------------


class _Dialect(csv.Dialect):
    """RFC 4180: cells in double quotes may hold the separator and line breaks, `""` is a
    quote; the separator is set per file."""

    delimiter = ","
    quotechar = '"'
    doublequote = True
    skipinitialspace = False
    lineterminator = "\r\n"
    quoting = csv.QUOTE_MINIMAL
    strict = False


def _dialect(separator: str) -> type[csv.Dialect]:
    return type("Found", (_Dialect,), {"delimiter": separator})


def separator(source: str) -> str:
    """The separator of a CSV text, from its first lines only: the candidate (`,`, `;`, tab,
    `|`) under which most of those rows split into the same number of cells (two or more),
    quotes taken into account, then the one giving more cells; `,` when none splits
    anything."""
    sample = source[:SAMPLE_CHARACTERS]
    cut = len(source) > len(sample)
    best, score = ",", (0, 0)
    for candidate in SEPARATORS:
        if candidate not in sample:
            continue
        reader = csv.reader(io.StringIO(sample, newline=""), _dialect(candidate))
        try:
            rows = [row for _, row in zip(range(SAMPLE_LINES + 1), reader, strict=False) if row]
        except csv.Error:
            continue
        if cut and len(rows) > 1:
            rows = rows[:-1]  # the sample may end inside a row
        widths = [len(row) for row in rows if len(row) > 1]
        for width in set(widths):
            found = (widths.count(width), width)
            if found > score:
                best, score = candidate, found
    return best


class _Lines:
    """The lines of a CSV text as the csv reader takes them, counting separators since the
    last row it gave: more of them than a sheet may hold cells (`Limits.max_sheet_cells`)
    stops the file before the reader builds a row of millions of cells."""

    def __init__(self, source: str, mark: str, limits: Limits) -> None:
        self._lines = iter(io.StringIO(source, newline=""))
        self._mark = mark
        self._cap = limits.max_sheet_cells
        self.count = 0
        self.row = 1

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self.count += line.count(self._mark)
        if self.count > self._cap:
            raise Unreadable(text("csv.row_too_long", row=self.row, cap=self._cap))
        return line


def csv_rows(
    source: str, limits: Limits, *, unreadable: Callable[[int, str], Text]
) -> Iterator[Row]:
    """Every row of a CSV text, numbered from 1 as a spreadsheet program shows it (a row
    holding a line break in a quoted cell counts once), up to `Limits.max_columns` cells,
    trailing empty cells dropped, empty cells None. Raises `Unreadable`: for a header (the
    first row with content) reaching further right, a row with more separators than a sheet
    may hold cells, a text reaching further than `Limits.max_sheet_cells` (rows x columns),
    and, with `unreadable(line, detail)`'s reason, a line the csv module cannot read."""
    mark = separator(source)
    # A field is never larger than its file, which is capped already; the csv module's own
    # limit (128 KB) would refuse a long section pasted into one cell.
    if csv.field_size_limit() < len(source):
        csv.field_size_limit(len(source))
    lines = _Lines(source, mark, limits)
    reader = csv.reader(lines, _dialect(mark))
    width = limits.max_columns
    widest = 0
    number = 0
    headed = False
    while True:
        try:
            cells = next(reader, None)
        except csv.Error as exc:
            raise Unreadable(unreadable(reader.line_num, str(exc))) from None
        if cells is None:
            return
        number += 1
        lines.count = 0
        lines.row = number + 1
        row = _trimmed(cells[:width])
        if not headed:  # the first row with content holds the headers
            _refuse_beyond(cells, width, number)
            headed = bool(row)
        widest = max(widest, len(row))
        if number * widest > limits.max_sheet_cells:
            raise Unreadable(
                text(
                    "csv.too_many_cells",
                    row=number,
                    column=column_letters(widest),
                    cap=limits.max_sheet_cells,
                )
            )
        yield number, row
