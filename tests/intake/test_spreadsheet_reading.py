"""The one spreadsheet reader (`kipp.intake.sheets`): every format read alike, rows and cells
placed as the spreadsheet program shows them, separators found on a bounded sample with
RFC 4180 quoting, and every workbook measured before it is opened, so that no small file can
unpack into a grid that stalls the batch or aborts the process."""

from __future__ import annotations

import datetime
from pathlib import Path

import openpyxl
import pytest
import xlwt
from builders import said, write_bytes
from sheet_writers import (
    ods_repeated,
    understated,
    write_ods,
    write_xls,
    xlsx_bytes,
)

from kipp.core.i18n import Lang, Text, text
from kipp.intake import Limits
from kipp.intake.reading import Unreadable
from kipp.intake.sheets import csv_rows, open_workbook, separator

GRID = [[None] * 4, [None] * 4, [None, None, "judul", "tpb"], [None, None, 1.5, "ya"]]
PLACED = [(1, []), (2, []), (3, [None, None, "judul", "tpb"]), (4, [None, None, 1.5, "ya"])]


def rows_of(path: Path, limits: Limits | None = None, index: int = 0) -> list[tuple[int, list]]:
    with open_workbook(path.read_bytes(), path.suffix, limits or Limits()) as workbook:
        return list(workbook.rows(workbook.sheets[index]))


def refused(path: Path, limits: Limits | None = None, lang: Lang = Lang.EN) -> str:
    with pytest.raises(Unreadable) as caught:
        rows_of(path, limits)
    return said(caught.value.reason, lang)


def unreadable(line: int, detail: str) -> Text:
    return text("csv.unreadable_line", line=line, detail=detail)


def csv_of(source: str, limits: Limits | None = None) -> list[tuple[int, list]]:
    return list(csv_rows(source, limits or Limits(), unreadable=unreadable))


# --- every format alike --------------------------------------------------------------------


def test_sheets_xlsx_rows_placed_from_a1(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    for values in GRID:
        workbook.active.append(values)
    workbook.save(tmp_path / "form.xlsx")
    assert rows_of(tmp_path / "form.xlsx") == PLACED


def test_sheets_xls_rows_placed_from_a1(tmp_path: Path) -> None:
    assert rows_of(write_xls(tmp_path, "form.xls", GRID)) == PLACED


def test_sheets_ods_rows_placed_from_a1_with_libreoffice_padding(tmp_path: Path) -> None:
    assert rows_of(write_ods(tmp_path, "form.ods", {"Form": GRID})) == PLACED


def test_sheets_values_as_typed(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.active.append(
        [1885, 1.885, True, datetime.datetime(2019, 7, 1), datetime.time(10, 30), "", " x "]
    )
    workbook.save(tmp_path / "form.xlsx")
    assert rows_of(tmp_path / "form.xlsx") == [
        (1, [1885.0, 1.885, True, datetime.date(2019, 7, 1), "10:30:00", None, " x "])
    ]


def test_sheets_row_read_up_to_the_column_limit_when_nothing_lies_beyond(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.active.append(["a", "b", None, " "])
    workbook.save(tmp_path / "form.xlsx")
    assert rows_of(tmp_path / "form.xlsx", Limits(max_columns=2)) == [(1, ["a", "b"])]


def test_sheets_value_beyond_the_column_limit_is_refused_not_dropped(tmp_path: Path) -> None:
    # the columns after the limit were cut without a word: a field there was lost
    workbook = openpyxl.Workbook()
    workbook.active.append([])
    workbook.active.append(["a", None, None, "judul"])
    workbook.active.append(["x", None, None, "Gayatri"])
    workbook.save(tmp_path / "form.xlsx")

    assert refused(tmp_path / "form.xlsx", Limits(max_columns=2)) == (
        "row 2 holds a value in column D, but a sheet is read up to column B (2 columns) only; "
        "delete what lies beyond the data, or move the column meant to the left"
    )
    assert refused(tmp_path / "form.xlsx", Limits(max_columns=2), Lang.ID) == (
        "baris 2 memuat isian di kolom D, padahal lembar dibaca sampai kolom B (2 kolom) saja; "
        "hapus isian di luar data, atau pindahkan kolom yang dimaksud ke kiri"
    )


def test_sheets_value_below_the_headers_beyond_the_column_limit_is_not_read(
    tmp_path: Path,
) -> None:
    # as any cell beyond the last header: no column holds it
    workbook = openpyxl.Workbook()
    workbook.active.append(["a", "b"])
    workbook.active.append(["x", None, None, "catatan"])
    workbook.save(tmp_path / "form.xlsx")

    assert rows_of(tmp_path / "form.xlsx", Limits(max_columns=2)) == [(1, ["a", "b"]), (2, ["x"])]


def test_sheets_worksheets_listed_with_their_reach(tmp_path: Path) -> None:
    path = write_ods(tmp_path, "nilai.ods", {"Petunjuk": [["baca dulu"]], "Nilai": GRID})
    with open_workbook(path.read_bytes(), ".ods", Limits()) as workbook:
        found = [(s.name, s.index, s.reach.cells, s.reach.last_row) for s in workbook.sheets]
    assert found == [("Petunjuk", 0, 1, 1), ("Nilai", 1, 4, 4)]


# --- workbooks measured before they are opened -----------------------------------------------

CORNER = "sheet 'Form' reaches row 1,048,576 and column XFD: more than 2,000,000 cells counted "
FIX = "from A1, more than a sheet may hold; delete what lies beyond the data, or split the "
FILES = "export into several files"


def test_sheets_xlsx_value_at_the_far_corner_refused_before_opening(tmp_path: Path) -> None:
    data = '<row r="1"><c r="A1"><v>1</v></c></row>'
    data += '<row r="1048576"><c r="XFD1048576"><v>2</v></c></row>'
    path = write_bytes(tmp_path, "form.xlsx", xlsx_bytes(data))
    assert refused(path) == CORNER + FIX + FILES
    assert refused(path, lang=Lang.ID) == (
        "lembar 'Form' menjangkau baris 1.048.576 dan kolom XFD: lebih dari 2.000.000 sel "
        "dihitung dari A1, melebihi yang boleh dimuat satu lembar; hapus isian di luar data, "
        "atau pecah ekspornya menjadi beberapa berkas"
    )


def test_sheets_xlsx_empty_formatted_cell_at_the_far_corner_reaches_nothing(
    tmp_path: Path,
) -> None:
    data = '<row r="1"><c r="A1" t="inlineStr"><is><t>judul</t></is></c></row>'
    data += '<row r="1048576"><c r="XFD1048576" s="1"/></row>'
    path = write_bytes(tmp_path, "form.xlsx", xlsx_bytes(data))
    assert rows_of(path) == [(1, ["judul"])]


def test_sheets_xlsx_cells_without_references_placed_one_after_another(tmp_path: Path) -> None:
    data = '<row><c><v>1</v></c><c><v>2</v></c></row><row r="3"><c><v>3</v></c></row>'
    path = write_bytes(tmp_path, "form.xlsx", xlsx_bytes(data))
    assert rows_of(path) == [(1, [1.0, 2.0]), (2, []), (3, [3.0])]
    limits = Limits(max_sheet_cells=5)
    assert refused(path, limits) == (
        "sheet 'Form' reaches row 3 and column B: more than 5 cells counted " + FIX + FILES
    )


def test_sheets_xlsx_too_many_cells_refused(tmp_path: Path) -> None:
    data = "".join(
        f'<row r="{r}">' + "".join(f'<c r="{c}{r}"><v>1</v></c>' for c in "ABCDE") + "</row>"
        for r in range(1, 101)
    )
    path = write_bytes(tmp_path, "form.xlsx", xlsx_bytes(data))
    assert len(rows_of(path, Limits(max_sheet_cells=500))) == 100
    assert refused(path, Limits(max_sheet_cells=499)) == (
        "sheet 'Form' reaches row 100 and column E: more than 499 cells counted " + FIX + FILES
    )


def test_sheets_xlsx_shared_strings_declared_past_the_limit_refused(tmp_path: Path) -> None:
    shared = (
        '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
        'main" count="1" uniqueCount="4000000000"><si><t>judul</t></si></sst>'
    )
    data = '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
    path = write_bytes(tmp_path, "form.xlsx", xlsx_bytes(data, shared=shared))
    assert refused(path) == (
        "declares more than 2,000,000 different texts, more than its sheets may hold; save it "
        "again from the spreadsheet program"
    )


def test_sheets_xlsx_member_unpacking_past_its_declared_size_refused(tmp_path: Path) -> None:
    data = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>' for r in range(1, 2000))
    raw = understated(xlsx_bytes(data), "xl/worksheets/sheet1.xml", 1000)
    path = write_bytes(tmp_path, "form.xlsx", raw)
    assert refused(path) == (
        "part 'xl/worksheets/sheet1.xml' unpacks to more than the size it declares, as a zip "
        "bomb does; save it again from the spreadsheet program"
    )


def test_sheets_ods_repeated_values_refused_before_opening(tmp_path: Path) -> None:
    path = write_bytes(tmp_path, "form.ods", ods_repeated(20_000, 1_000))
    assert refused(path) == (
        "sheet 'Form' reaches row 20,001 and column ALL: more than 2,000,000 cells counted "
        + FIX
        + FILES
    )


def test_sheets_ods_not_a_zip_refused(tmp_path: Path) -> None:
    path = write_bytes(tmp_path, "nilai.ods", b"reviewer;proposal\n")
    assert refused(path) == (
        "not a valid .ods spreadsheet (not a zip archive); save it again from the spreadsheet "
        "program as .ods"
    )


def _xls_declaring(tmp_path: Path, rows: int, columns: int) -> Path:
    """An `.xls` written by xlwt whose DIMENSIONS record is made to declare `rows` x
    `columns` (the 14-byte BIFF8 record: first row, last row + 1, first and last column + 1)."""
    path = write_xls(tmp_path, "form.xls", [["judul"], ["Layanan"]])
    raw = bytearray(path.read_bytes())
    at = raw.find(b"\x00\x02\x0e\x00")  # DIMENSIONS, 14 bytes
    raw[at + 4 : at + 18] = (
        (0).to_bytes(4, "little")
        + rows.to_bytes(4, "little")
        + (0).to_bytes(2, "little")
        + columns.to_bytes(2, "little")
        + b"\x00\x00"
    )
    path.write_bytes(bytes(raw))
    return path


def test_sheets_xls_declared_size_past_the_limit_refused(tmp_path: Path) -> None:
    path = _xls_declaring(tmp_path, 65_536, 256)
    assert refused(path) == (
        "sheet 'Sheet1' reaches row 65,536 and column IV: more than 2,000,000 cells counted "
        + FIX
        + FILES
    )


def test_sheets_xls_declared_size_within_the_limit_read(tmp_path: Path) -> None:
    assert rows_of(_xls_declaring(tmp_path, 2, 1)) == [(1, ["judul"]), (2, ["Layanan"])]


def test_sheets_xls_values_at_the_far_corner_refused(tmp_path: Path) -> None:
    book = xlwt.Workbook()
    sheet = book.add_sheet("Form")
    sheet.write(0, 0, "judul")
    sheet.write(65_535, 255, "x")
    book.save(str(tmp_path / "form.xls"))
    assert refused(tmp_path / "form.xls") == (
        "sheet 'Form' reaches row 65,536 and column IV: more than 2,000,000 cells counted "
        + FIX
        + FILES
    )


def test_sheets_xls_sector_chain_that_loops_refused(tmp_path: Path) -> None:
    path = write_xls(tmp_path, "form.xls", [["judul"], ["Layanan"]])
    raw = bytearray(path.read_bytes())
    directory = int.from_bytes(raw[48:52], "little")
    first_fat = int.from_bytes(raw[76:80], "little")
    entry = 512 + first_fat * 512 + directory * 4
    raw[entry : entry + 4] = directory.to_bytes(4, "little")  # the directory's next is itself
    path.write_bytes(bytes(raw))
    assert refused(path) == (
        "the .xls workbook is damaged (sector chain loops); save it again from the "
        "spreadsheet program, preferably as .xlsx"
    )


def test_sheets_xls_that_is_not_an_excel_file_refused(tmp_path: Path) -> None:
    path = write_bytes(tmp_path, "form.xls", b"<html><table><tr><td>judul</td></tr></table>")
    assert refused(path) == (
        "not a valid .xls workbook (it does not start as an Excel 97-2003 file does); save it "
        "again from the spreadsheet program, preferably as .xlsx"
    )


# --- CSV ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mark", "name"), [(",", "comma"), (";", "semicolon"), ("\t", "tab"), ("|", "bar")]
)
def test_sheets_csv_separator_found(mark: str, name: str) -> None:
    source = f"reviewer{mark}proposal{mark}comment\r\na{mark}p1{mark}baik\r\n"
    assert separator(source) == mark, name
    assert csv_of(source) == [(1, ["reviewer", "proposal", "comment"]), (2, ["a", "p1", "baik"])]


def test_sheets_csv_quoted_separators_and_doubled_quotes_kept_in_their_cell() -> None:
    source = (
        "reviewer;proposal;novelty;comment;impact\r\n"
        'a;p1;4;"Bagus; tapi ""uji coba"" belum;\r\nselesai";3\r\n'
        "a;p2;5;;2\r\n"
    )
    assert csv_of(source) == [
        (1, ["reviewer", "proposal", "novelty", "comment", "impact"]),
        (2, ["a", "p1", "4", 'Bagus; tapi "uji coba" belum;\r\nselesai', "3"]),
        (3, ["a", "p2", "5", None, "2"]),
    ]


def test_sheets_csv_separator_found_on_a_bounded_sample_of_a_line_of_quotes() -> None:
    source = '"' * 32_000 + "\r\njudul;tpb\r\n"
    assert separator(source) == ";"
    assert csv_of(source) == [(1, ['"' * 15_999]), (2, ["judul", "tpb"])]


def test_sheets_csv_row_with_more_separators_than_a_sheet_may_hold_refused() -> None:
    with pytest.raises(Unreadable) as caught:
        csv_of("judul,tpb\r\n" + "," * 101 + "\r\n", Limits(max_sheet_cells=100))
    assert said(caught.value.reason) == (
        "row 2 holds more than 100 cells, far more than a sheet holds; export it again from "
        "the spreadsheet program"
    )


def test_sheets_csv_reaching_past_the_cell_limit_refused() -> None:
    source = "".join(f"{i},b,c\r\n" for i in range(5))
    assert len(csv_of(source, Limits(max_sheet_cells=15))) == 5
    with pytest.raises(Unreadable) as caught:
        csv_of(source, Limits(max_sheet_cells=14))
    assert said(caught.value.reason) == (
        "reaches row 5 and column C: more than 14 cells counted from the first column of the "
        "first row, more than a sheet may hold; split the export into several files"
    )


def test_sheets_csv_row_read_up_to_the_column_limit_and_trailing_empties_dropped() -> None:
    assert csv_of("a,b,c,\r\nx,,, \r\n", Limits(max_columns=3)) == [
        (1, ["a", "b", "c"]),
        (2, ["x"]),
    ]


def test_sheets_csv_header_reaching_past_the_column_limit_is_refused() -> None:
    with pytest.raises(Unreadable) as caught:
        csv_of("a,b,c,judul\r\nx,y,z,Gayatri\r\n", Limits(max_columns=3))
    assert said(caught.value.reason) == (
        "row 1 holds a value in column D, but a sheet is read up to column C (3 columns) only; "
        "delete what lies beyond the data, or move the column meant to the left"
    )
