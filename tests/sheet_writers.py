"""Spreadsheets written by real writers, as reviewers and coordinators save them: `.xls` by
xlwt (Excel 97-2003), `.ods` by odfpy (OpenDocument, laid out as LibreOffice saves it: empty
rows and cells repeated to the edge of the sheet), and small hand-made archives for the
shapes no program writes on purpose (a cell at the far corner, a size a member lies about).

Import them from here (`from sheet_writers import write_ods`), like `builders`."""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import xlwt
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableColumn, TableRow
from odf.text import P


def write_xls(
    folder: Path,
    name: str,
    rows: Sequence[Sequence[Any]],
    *,
    sheet: str = "Sheet1",
    before: dict[str, Sequence[Sequence[Any]]] | None = None,
) -> Path:
    """An `.xls` workbook written by xlwt: `rows` on `sheet`, after the sheets of `before`."""
    book = xlwt.Workbook(encoding="utf-8")
    for title, other in (before or {}).items():
        _xls_rows(book.add_sheet(title), other)
    _xls_rows(book.add_sheet(sheet), rows)
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(str(path))
    return path


def _xls_rows(sheet: Any, rows: Sequence[Sequence[Any]]) -> None:
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is not None and value != "":
                sheet.write(r, c, value)


def _ods_cell(value: Any) -> TableCell:
    if value is None or value == "":
        return TableCell()
    if isinstance(value, bool):
        cell = TableCell(valuetype="boolean", booleanvalue=str(value).lower())
    elif isinstance(value, int | float):
        cell = TableCell(valuetype="float", value=value)
    else:
        cell = TableCell(valuetype="string")
    cell.addElement(P(text=str(value)))
    return cell


def ods_bytes(sheets: dict[str, Sequence[Sequence[Any]]], *, padded: bool = True) -> bytes:
    """An `.ods` spreadsheet written by odfpy, one table per entry of `sheets`. `padded`: as
    LibreOffice saves a sheet, each row's empty cells repeated to column AMJ (1,024) and the
    empty rows repeated to row 1,048,576."""
    document = OpenDocumentSpreadsheet()
    for title, rows in sheets.items():
        table = Table(name=title)
        table.addElement(TableColumn(numbercolumnsrepeated=1024))
        for row in rows:
            element = TableRow()
            for value in row:
                element.addElement(_ods_cell(value))
            if padded:
                element.addElement(TableCell(numbercolumnsrepeated=1024 - len(row)))
            table.addElement(element)
        if padded:
            tail = TableRow(numberrowsrepeated=1_048_576 - len(rows))
            tail.addElement(TableCell(numbercolumnsrepeated=1024))
            table.addElement(tail)
        document.spreadsheet.addElement(table)
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def ods_repeated(rows: int, columns: int, *, name: str = "Form") -> bytes:
    """An `.ods` whose one table repeats a row of `columns` cells holding 1 `rows` times: a
    few hundred bytes that a reader would spread over `rows` x `columns` cells."""
    raw = ods_bytes({name: [["judul"]]}, padded=False)
    repeated = (
        f'<table:table-row table:number-rows-repeated="{rows}"><table:table-cell '
        f'table:number-columns-repeated="{columns}" office:value-type="float" office:value="1"/>'
        "</table:table-row></table:table>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as source, zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            member = source.read(info.filename)
            if info.filename == "content.xml":
                member = member.decode().replace("</table:table>", repeated, 1).encode()
            target.writestr(info, member)
    return buffer.getvalue()


def write_ods(
    folder: Path, name: str, sheets: dict[str, Sequence[Sequence[Any]]], *, padded: bool = True
) -> Path:
    """An `.ods` file holding `sheets` (see `ods_bytes`)."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(ods_bytes(sheets, padded=padded))
    return path


# --- hand-made workbooks ---------------------------------------------------------------------

_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="rels" ContentType="application/'
    'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
    '"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName='
    '"/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'spreadsheetml.worksheet+xml"/></Types>'
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
    '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/'
    'workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
    'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships"><sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
    '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/'
    'sheet1.xml"/>{more}</Relationships>'
)
_SHARED_RELATIONSHIP = (
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/sharedStrings" Target="sharedStrings.xml"/>'
)
SHEET_START = (
    '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
    'spreadsheetml/2006/main"><sheetData>'
)
SHEET_END = "</sheetData></worksheet>"


def xlsx_bytes(sheet_data: str, *, sheet: str = "Form", shared: str | None = None) -> bytes:
    """A minimal `.xlsx` whose one sheet holds `sheet_data` (the rows' XML), with a
    shared-string table (`shared`: the whole `xl/sharedStrings.xml`) when given."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK.format(name=sheet))
        more = _SHARED_RELATIONSHIP if shared is not None else ""
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS.format(more=more))
        archive.writestr("xl/worksheets/sheet1.xml", SHEET_START + sheet_data + SHEET_END)
        if shared is not None:
            archive.writestr("xl/sharedStrings.xml", shared)
    return buffer.getvalue()


def understated(raw: bytes, member: str, declared: int) -> bytes:
    """The same zip archive, its central directory declaring `declared` bytes unpacked for
    `member` (a zip bomb's lie; the data and checksum are left as they are)."""
    data = bytearray(raw)
    position = 0
    while True:
        at = data.find(b"PK\x01\x02", position)
        if at < 0:
            raise ValueError(f"{member} is not in the archive")
        name_length = struct.unpack_from("<H", data, at + 28)[0]
        name = bytes(data[at + 46 : at + 46 + name_length]).decode()
        if name == member:
            struct.pack_into("<I", data, at + 24, declared)
            return bytes(data)
        position = at + 4
