"""Writing a workbook (`.xlsx`) from plain sheets: a header row and rows of text and numbers.

What a sheet holds is decided elsewhere (`kipp.documents.workbook`); here each cell is
written so that a workbook can hold it and a spreadsheet program shows it as written: text
that would run as a formula is typed as text, characters a workbook cannot hold are written
as escapes (`printable`), a text longer than a cell holds is cut visibly, numbers stay
numbers. Light to import (openpyxl and three helpers of `kipp.core`), so that a worker process
can write a large run's workbook while the run writes its other documents
(`kipp.documents.outputs`).
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook as OpenpyxlWorkbook
from openpyxl import __version__ as openpyxl_version
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter

from kipp.core.cells import formula_like
from kipp.core.printable import printable
from kipp.core.worksheets import fit_to_a4_landscape

Cell = str | int | float | None
MIN_WIDTH, MAX_WIDTH = 6, 60
MAX_CELL_TEXT = 32_767  # the most a workbook cell holds, in UTF-16 code units
CUT_MARK = " [...]"  # ends a text cut to fit a cell (results.json has it whole)


@dataclass(frozen=True)
class Sheet:
    """One worksheet: a title, a header row and rows of cells."""

    title: str
    header: tuple[str, ...]
    rows: list[tuple[Cell, ...]]


@dataclass(frozen=True)
class Workbook:
    """A workbook's title (its document properties) and its sheets, in order."""

    title: str
    sheets: list[Sheet]


def xlsx_writer() -> str:
    """The library that writes the workbooks, with its version (part of a workbook's key for
    reuse: another version may write other bytes)."""
    return f"openpyxl {openpyxl_version}"


def xlsx_bytes(workbook: Workbook) -> bytes:
    """The workbook as `.xlsx` bytes (written in openpyxl's streaming mode)."""
    book = OpenpyxlWorkbook(write_only=True)
    book.properties.title = workbook.title
    for sheet in workbook.sheets:
        ws = book.create_sheet(sheet.title[:31])
        for i, width in enumerate(_widths(sheet), start=1):
            ws.column_dimensions[get_column_letter(i)].width = width
        ws.freeze_panes = "A2"
        last = get_column_letter(len(sheet.header))
        ws.auto_filter.ref = f"A1:{last}{len(sheet.rows) + 1}"
        fit_to_a4_landscape(ws)
        ws.append([_cell(h, ws) for h in sheet.header])
        for row in sheet.rows:
            ws.append([_cell(v, ws) for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xlsx_bytes_at(workbook: Workbook, niceness: int) -> bytes:
    """`xlsx_bytes`, in a worker process started for this one job, at `niceness` (added to
    the worker's priority: the run's other processes come first)."""
    if niceness and hasattr(os, "nice"):  # not on Windows
        os.nice(niceness)
    return xlsx_bytes(workbook)


def _cell(value: Cell, ws: Any) -> Cell | WriteOnlyCell:
    """A value as the sheet `ws` holds it: numbers as numbers; text written so that the
    workbook can hold it (a text longer than a cell holds is cut, visibly, with `CUT_MARK`),
    and text a spreadsheet program would run as a formula in a cell typed as text, shown as
    written."""
    if value is None or isinstance(value, int | float):
        return value
    shown = _fitted(printable(str(value)))
    if not formula_like(shown):
        return shown
    cell = WriteOnlyCell(ws, shown)
    cell.data_type = "s"  # openpyxl types a text starting with `=` as a formula
    return cell


def _fitted(shown: str) -> str:
    """`shown`, cut visibly where it is longer than a cell holds."""
    if len(shown) > MAX_CELL_TEXT // 2 and _utf16_units(shown) > MAX_CELL_TEXT:
        budget, used = MAX_CELL_TEXT - len(CUT_MARK), 0
        for kept, char in enumerate(shown):  # the longest start that fits, mark included
            used += 2 if ord(char) > 0xFFFF else 1
            if used > budget:
                return shown[:kept] + CUT_MARK
    return shown


def _utf16_units(value: str) -> int:
    """The length of `value` as a workbook counts it (UTF-16 code units: a character
    beyond the Basic Multilingual Plane counts two)."""
    return len(value.encode("utf-16-le")) // 2


def _widths(sheet: Sheet) -> list[float]:
    """Column widths from the longest of the header and the first rows (capped)."""
    widths = [float(len(h)) for h in sheet.header]
    for row in sheet.rows[:500]:
        for i, value in enumerate(row):
            if value is not None:
                widths[i] = max(widths[i], float(len(str(value))))
    return [min(MAX_WIDTH, max(MIN_WIDTH, w + 2)) for w in widths]
