"""`.xlsx` form exports: the first sheet, one proposal per row, located by row and column."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import openpyxl
from builders import FORM_HEADERS, form_row, load, rendered, said, write_xlsx

from kipp.core.models import CallChoices
from kipp.core.problems import Severity
from kipp.intake import Limits, Status


def test_xlsx_each_row_is_one_entry_with_its_id_made_from_its_title(
    batch_dir: Path, choices: CallChoices
) -> None:
    path = write_xlsx(
        batch_dir, "ppdb.xlsx", [FORM_HEADERS, form_row("PPDB Online"), form_row("E-Surat")]
    )
    batch = load(batch_dir, choices)
    assert [(e.source, e.id, e.status) for e in batch.entries] == [
        (f"{path}#2", "ppdb-online", Status.VALID),
        (f"{path}#3", "e-surat", Status.VALID),
    ]
    assert batch.notices == []
    assert batch.unread == []


def test_xlsx_typed_cells_read(batch_dir: Path, choices: CallChoices) -> None:
    row = form_row(**{"Tanggal Mulai": datetime(2019, 7, 1), "TPB": 3, "Penerima Manfaat": 1200})
    write_xlsx(batch_dir, "form.xlsx", [FORM_HEADERS, row])
    proposal = load(batch_dir, choices).entries[0].proposal
    assert proposal is not None
    assert proposal.started_on.isoformat() == "2019-07-01"
    assert proposal.sdgs == [3]
    assert proposal.indicators.beneficiaries == 1200.0


def test_xlsx_problems_name_row_and_column(batch_dir: Path, choices: CallChoices) -> None:
    rows = [
        FORM_HEADERS,
        form_row("PPDB Online"),
        form_row("E-Surat", Kategori="lainnya", **{"inovator.1.email": "x"}),
    ]
    path = write_xlsx(batch_dir, "form.xlsx", rows)
    assert rendered(load(batch_dir, choices).entries[1]) == [
        f"{path}:3:D: category: 'lainnya' is not a category of this call; "
        "use one of: inklusif, tpb, ketahanan",
        f"{path}:3:L: innovators.1.email: 'x' is not an e-mail address; write it as name@domain",
    ]


def test_xlsx_header_below_blank_rows_keeps_sheet_row_numbers(
    batch_dir: Path, choices: CallChoices
) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for column, (header, value) in enumerate(
        zip(FORM_HEADERS, form_row(TPB="19"), strict=True), start=2
    ):
        sheet.cell(row=3, column=column, value=header)
        sheet.cell(row=4, column=column, value=value)
    path = batch_dir / "form.xlsx"
    workbook.save(path)
    batch = load(batch_dir, choices)
    assert [e.source for e in batch.entries] == [f"{path}#4"]
    assert rendered(batch.entries[0]) == [f"{path}:4:F: sdgs: 19 is not an SDG number; use 1 to 17"]


def test_xlsx_rows_past_a_wrong_stored_size_still_read(
    batch_dir: Path, choices: CallChoices
) -> None:
    rows = [FORM_HEADERS, form_row("PPDB Online"), form_row("E-Surat")]
    path = write_xlsx(batch_dir, "form.xlsx", rows)
    _rewrite_sheet(
        path, lambda xml: xml.replace('<dimension ref="A1:M3"', '<dimension ref="A1:B2"')
    )
    assert [e.row for e in load(batch_dir, choices).entries] == [2, 3]


def test_xlsx_far_away_cell_refused_without_stalling(batch_dir: Path, choices: CallChoices) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(FORM_HEADERS)
    sheet.append(form_row())
    sheet["XFD1048576"] = "x"
    path = batch_dir / "form.xlsx"
    workbook.save(path)
    batch = load(batch_dir, choices)
    assert [(u.path, said(u.reason)) for u in batch.unread] == [
        (
            str(path),
            "sheet 'Sheet' reaches row 1,048,576 and column XFD: more than 2,000,000 cells "
            "counted from A1, more than a sheet may hold; delete what lies beyond the data, "
            "or split the export into several files",
        )
    ]


def test_xlsx_cells_beyond_the_headers_ignored(batch_dir: Path, choices: CallChoices) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(FORM_HEADERS)
    sheet.append(form_row())
    sheet["XFD3"] = "catatan"
    path = batch_dir / "form.xlsx"
    workbook.save(path)
    assert [e.source for e in load(batch_dir, choices).entries] == [f"{path}#2"]


def test_xlsx_other_sheets_named_as_not_read(batch_dir: Path, choices: CallChoices) -> None:
    path = write_xlsx(
        batch_dir,
        "form.xlsx",
        [FORM_HEADERS, form_row()],
        sheet="Jawaban",
        more_sheets={"Rekap": [["Jumlah", 1], ["Total", 2]], "Kosong": []},
    )
    batch = load(batch_dir, choices)
    assert [(n.render(), n.severity) for n in batch.notices] == [
        (
            f"{path}: (file): only the first sheet ('Jawaban') is read; sheets not read: 'Rekap'",
            Severity.WARNING,
        )
    ]
    assert [e.status for e in batch.entries] == [Status.VALID]


def test_xlsx_empty_sheet_is_unread(batch_dir: Path, choices: CallChoices) -> None:
    path = write_xlsx(batch_dir, "form.xlsx", [])
    assert [(u.path, said(u.reason)) for u in load(batch_dir, choices).unread] == [
        (
            str(path),
            "holds no rows; put the column headers in the first row and one proposal per row below",
        )
    ]


def test_xlsx_rows_over_the_limit_refused(batch_dir: Path, choices: CallChoices) -> None:
    rows = [FORM_HEADERS] + [form_row(f"Layanan Nomor {i}") for i in range(3)]
    path = write_xlsx(batch_dir, "form.xlsx", rows)
    assert [
        (u.path, said(u.reason)) for u in load(batch_dir, choices, Limits(max_rows=2)).unread
    ] == [
        (
            str(path),
            "more than 2 rows below the header (blank rows count too); "
            "split the export into smaller files",
        )
    ]


def test_xlsx_zip_that_is_not_a_workbook(batch_dir: Path, choices: CallChoices) -> None:
    path = batch_dir / "form.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("catatan.txt", "bukan workbook")
    assert [(u.path, said(u.reason)) for u in load(batch_dir, choices).unread] == [
        (
            str(path),
            "not a readable .xlsx workbook (CalamineError: Cannot detect file format); "
            "export it again from the spreadsheet program",
        )
    ]


def _rewrite_sheet(path: Path, change: Callable[[str], str]) -> None:
    """Rewrite the first sheet's XML inside a saved workbook."""
    with zipfile.ZipFile(path) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    name = "xl/worksheets/sheet1.xml"
    files[name] = change(files[name].decode("utf-8")).encode("utf-8")
    with zipfile.ZipFile(path, "w") as archive:
        for member, content in files.items():
            archive.writestr(member, content)


def _with_saved_values(path: Path, values: dict[str, str]) -> None:
    """Give formulas openpyxl wrote without values (`<f>1+1</f><v></v>`) the saved values a
    spreadsheet program writes (`<v>2</v>`), as a file saved from Excel holds them."""
    member = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    xml = members[member].decode("utf-8")
    for formula, value in values.items():
        xml = xml.replace(f"<f>{formula}</f><v></v>", f"<f>{formula}</f><v>{value}</v>")
    members[member] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def test_xlsx_formulas_never_calculated_make_the_file_unread_naming_their_cells(
    batch_dir: Path, choices: CallChoices
) -> None:
    row = form_row(**{"Penerima Manfaat": "=1000*5", "Judul": '=CONCATENATE("PPDB"," Online")'})
    path = write_xlsx(batch_dir, "form.xlsx", [FORM_HEADERS, row, form_row("E-Surat")])
    batch = load(batch_dir, choices)
    assert [(u.path, said(u.reason)) for u in batch.unread] == [
        (
            str(path),
            "sheet 'Form Responses 1' holds formulas whose values were never saved (cells A2, "
            "M2): kipp reads the values a spreadsheet program saves, not formulas; open the "
            "file in Excel or LibreOffice and save it again, or type the values in",
        )
    ]
    assert batch.entries == []


def test_xlsx_formulas_with_their_saved_values_are_read_as_those_values(
    batch_dir: Path, choices: CallChoices
) -> None:
    row = form_row(**{"Penerima Manfaat": "=1000*5"})
    path = write_xlsx(batch_dir, "form.xlsx", [FORM_HEADERS, row])
    _with_saved_values(path, {"1000*5": "5000"})
    batch = load(batch_dir, choices)
    assert batch.unread == []
    proposal = batch.entries[0].proposal
    assert proposal is not None and proposal.indicators.beneficiaries == 5000.0


def test_xlsx_hidden_first_sheet_is_passed_over_for_the_sheet_the_program_shows(
    batch_dir: Path, choices: CallChoices
) -> None:
    workbook = openpyxl.Workbook()
    hidden = workbook.active
    hidden.title = "Kosong"
    hidden.append(["catatan lama"])
    hidden.sheet_state = "hidden"
    shown = workbook.create_sheet("Usulan")
    for row in (FORM_HEADERS, form_row("PPDB Online")):
        shown.append(list(row))
    path = batch_dir / "form.xlsx"
    workbook.save(path)

    batch = load(batch_dir, choices)

    assert [(e.source, e.id, e.status) for e in batch.entries] == [
        (f"{path}#2", "ppdb-online", Status.VALID)
    ]
    assert [n.render() for n in batch.notices] == [
        f"{path}: (file): only the first sheet ('Usulan') is read; sheets not read: 'Kosong'"
    ]
