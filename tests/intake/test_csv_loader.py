"""`.csv` form exports: one proposal per row, located by row and column letter."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import (
    FORM_HEADERS,
    csv_text,
    form_row,
    load,
    rendered,
    said,
    write_bytes,
    write_csv,
)

from kipp.core.i18n import Lang, text
from kipp.core.models import CallChoices
from kipp.core.problems import Problem, Severity
from kipp.intake import Limits, Status
from kipp.intake.table import column_letter, parse_header


def test_csv_each_row_is_one_entry(batch_dir: Path, choices: CallChoices) -> None:
    path = write_csv(
        batch_dir,
        "form.csv",
        [FORM_HEADERS, form_row("Layanan Satu Pintu"), form_row("Layanan Dua Pintu")],
    )
    batch = load(batch_dir, choices)
    assert [(e.source, e.id, e.row, e.status) for e in batch.entries] == [
        (f"{path}#2", "form-2", 2, Status.VALID),
        (f"{path}#3", "form-3", 3, Status.VALID),
    ]
    assert batch.notices == []


def test_csv_row_values_read_like_a_form(batch_dir: Path, choices: CallChoices) -> None:
    write_csv(batch_dir, "form.csv", [FORM_HEADERS, form_row()])
    proposal = load(batch_dir, choices).entries[0].proposal
    assert proposal is not None
    assert proposal.sdgs == [3, 10]
    assert proposal.digital is True
    assert proposal.indicators.beneficiaries == 1200.0
    assert proposal.innovators[0].name == "Sri Wahyuni"
    assert (proposal.sections.summary, proposal.sections.novelty) == (
        "Ringkasan inovasi.",
        "Kebaruan inovasi.",
    )


def test_csv_problem_names_row_and_column(batch_dir: Path, choices: CallChoices) -> None:
    path = write_csv(
        batch_dir,
        "form.csv",
        [FORM_HEADERS, form_row("Layanan Satu Pintu"), form_row("Layanan Dua", TPB="19")],
    )
    batch = load(batch_dir, choices)
    assert rendered(batch.entries[1]) == [f"{path}:3:E: sdgs: 19 is not an SDG number; use 1 to 17"]


def test_csv_empty_cell_of_a_required_column(batch_dir: Path, choices: CallChoices) -> None:
    path = write_csv(batch_dir, "form.csv", [FORM_HEADERS, form_row(Instansi="")])
    assert rendered(load(batch_dir, choices).entries[0]) == [
        f"{path}:2: agency: required, but missing; fill in the `agency (instansi)` column"
    ]


def test_csv_semicolon_separated(batch_dir: Path, choices: CallChoices) -> None:
    write_csv(batch_dir, "form.csv", [FORM_HEADERS, form_row()], delimiter=";")
    assert [e.status for e in load(batch_dir, choices).entries] == [Status.VALID]


def test_csv_tab_separated(batch_dir: Path, choices: CallChoices) -> None:
    write_csv(batch_dir, "form.csv", [FORM_HEADERS, form_row()], delimiter="\t")
    assert [e.status for e in load(batch_dir, choices).entries] == [Status.VALID]


def test_csv_multiline_cell_keeps_the_spreadsheet_row_number(
    batch_dir: Path, choices: CallChoices
) -> None:
    rows = [
        FORM_HEADERS,
        form_row("Layanan Satu Pintu", Ringkasan="Baris satu.\nBaris dua."),
        form_row("Layanan Dua Pintu", Kelompok="lain"),
    ]
    path = write_csv(batch_dir, "form.csv", rows)
    batch = load(batch_dir, choices)
    assert batch.entries[0].proposal is not None
    assert batch.entries[0].proposal.sections.summary == "Baris satu.\nBaris dua."
    assert rendered(batch.entries[1]) == [
        f"{path}:3:C: group: 'lain' is not a group of this call; use one of: umum, khusus"
    ]


def test_csv_blank_rows_skipped(batch_dir: Path, choices: CallChoices) -> None:
    rows = [FORM_HEADERS, form_row("Layanan Satu Pintu"), [""] * 3, form_row("Layanan Dua")]
    write_csv(batch_dir, "form.csv", rows)
    assert [e.row for e in load(batch_dir, choices).entries] == [2, 4]


def test_csv_leading_blank_rows_before_the_header(batch_dir: Path, choices: CallChoices) -> None:
    write_csv(batch_dir, "form.csv", [[], [""], FORM_HEADERS, form_row()])
    batch = load(batch_dir, choices)
    assert [(e.row, e.status) for e in batch.entries] == [(4, Status.VALID)]


def test_csv_unknown_column_is_a_warning_naming_its_letter(
    batch_dir: Path, choices: CallChoices
) -> None:
    rows = [["Cap waktu", "Judull", *FORM_HEADERS], ["1/3/2022", "x", *form_row()]]
    path = write_csv(batch_dir, "form.csv", rows)
    batch = load(batch_dir, choices)
    assert [(n.render(), n.severity) for n in batch.notices] == [
        (
            f"{path}:1:A: Cap waktu: column is not a proposal field, so it is not read",
            Severity.WARNING,
        ),
        (
            f"{path}:1:B: Judull: column is not a proposal field, so it is not read; "
            "did you mean 'judul'?",
            Severity.WARNING,
        ),
    ]
    assert [e.status for e in batch.entries] == [Status.VALID]


def test_csv_two_columns_for_one_field_is_an_error(batch_dir: Path, choices: CallChoices) -> None:
    rows = [[*FORM_HEADERS, "title"], [*form_row(), "Judul Lain"]]
    path = write_csv(batch_dir, "form.csv", rows)
    batch = load(batch_dir, choices)
    assert [(n.render(), n.severity) for n in batch.notices] == [
        (
            f"{path}:1:N: title: same field as column A; keep one of the two columns",
            Severity.ERROR,
        )
    ]


def test_csv_numbered_people_close_gaps(batch_dir: Path, choices: CallChoices) -> None:
    headers = [*FORM_HEADERS, "inovator.3.nama", "inovator.3.email"]
    rows = [headers, [*form_row(), "Budi", "budi at dinkes"]]
    path = write_csv(batch_dir, "form.csv", rows)
    entry = load(batch_dir, choices).entries[0]
    assert rendered(entry) == [
        f"{path}:2:O: innovators.2.email: 'budi at dinkes' is not an e-mail address; "
        "write it as name@domain"
    ]


def test_csv_dotted_headers_for_nested_fields(batch_dir: Path, choices: CallChoices) -> None:
    headers = ["uraian.ringkasan", "indikator.ikm_sesudah", "lampiran.sk"]
    rows = [[*FORM_HEADERS, *headers], [*form_row(), "Teks.", "101", "sk.pdf"]]
    path = write_csv(batch_dir, "form.csv", rows)
    batch = load(batch_dir, choices)
    assert [n.render() for n in batch.notices] == [
        f"{path}:1:N: uraian.ringkasan: same field as column I; keep one of the two columns"
    ]
    assert rendered(batch.entries[0]) == [
        f"{path}:2:O: indicators.satisfaction_after: '101' is too large; the highest allowed is 100"
    ]


def test_csv_with_utf8_bom_from_excel(batch_dir: Path, choices: CallChoices) -> None:
    text = csv_text([FORM_HEADERS, form_row()], delimiter=";")
    write_bytes(batch_dir, "form.csv", b"\xef\xbb\xbf" + text.encode("utf-8"))
    batch = load(batch_dir, choices)
    assert [e.status for e in batch.entries] == [Status.VALID]
    assert batch.notices == []


def test_csv_rows_over_the_limit_refused(batch_dir: Path, choices: CallChoices) -> None:
    rows = [FORM_HEADERS] + [form_row(f"Layanan Nomor {i}") for i in range(4)]
    path = write_csv(batch_dir, "form.csv", rows)
    batch = load(batch_dir, choices, Limits(max_rows=3))
    assert batch.entries == []
    assert [(u.path, said(u.reason)) for u in batch.unread] == [
        (
            str(path),
            "more than 3 rows below the header (blank rows count too); "
            "split the export into smaller files",
        )
    ]


def test_csv_rows_at_the_limit_read(batch_dir: Path, choices: CallChoices) -> None:
    rows = [FORM_HEADERS] + [form_row(f"Layanan Nomor {i}") for i in range(3)]
    write_csv(batch_dir, "form.csv", rows)
    assert len(load(batch_dir, choices, Limits(max_rows=3)).entries) == 3


def test_csv_header_only_is_unread(batch_dir: Path, choices: CallChoices) -> None:
    path = write_csv(batch_dir, "form.csv", [FORM_HEADERS, []])
    batch = load(batch_dir, choices)
    assert [(u.path, said(u.reason)) for u in batch.unread] == [
        (str(path), "has a header row (row 1) but no proposal rows below it")
    ]
    assert batch.entries == []


def test_csv_header_naming_no_field_is_unread(batch_dir: Path, choices: CallChoices) -> None:
    path = write_csv(batch_dir, "form.csv", [["Layanan Sehat", "Dinas Kesehatan"], ["a", "b"]])
    assert [(u.path, said(u.reason)) for u in load(batch_dir, choices).unread] == [
        (
            str(path),
            "the header row (row 1) names no proposal field; put headers such as judul, "
            "instansi, kategori in the first row",
        )
    ]


def test_csv_bare_and_dotted_section_headers_fill_one_mapping(
    batch_dir: Path, choices: CallChoices
) -> None:
    rows = [["uraian.latar belakang", *FORM_HEADERS], ["Latar.", *form_row()]]
    write_csv(batch_dir, "form.csv", rows)
    entry = load(batch_dir, choices).entries[0]
    assert rendered(entry) == []
    assert entry.proposal is not None
    assert entry.proposal.sections.background == "Latar."
    assert entry.proposal.sections.summary == "Ringkasan inovasi."


def test_csv_two_spellings_of_one_field_clash_at_the_header(
    batch_dir: Path, choices: CallChoices
) -> None:
    rows = [[*FORM_HEADERS, "Summary"], [*form_row(), "Lain."]]
    path = write_csv(batch_dir, "form.csv", rows)
    batch = load(batch_dir, choices)
    assert [n.render() for n in batch.notices] == [
        f"{path}:1:N: Summary: same field as column I; keep one of the two columns"
    ]
    assert batch.entries[0].proposal is not None
    assert batch.entries[0].proposal.sections.summary == "Ringkasan inovasi."


@pytest.mark.parametrize(("index", "letter"), [(0, "A"), (25, "Z"), (26, "AA"), (701, "ZZ")])
def test_column_letter_counts_like_a_spreadsheet(index: int, letter: str) -> None:
    assert column_letter(index) == letter


def test_parse_header_bare_section_and_indicator_names() -> None:
    columns, notices = parse_header(["Ringkasan", "Penerima Manfaat", "SK", "", None], "f.csv")
    assert [c.path if c else None for c in columns] == [
        ("sections", "summary"),
        ("indicators", "beneficiaries"),
        ("attachments", "decree"),
        None,
        None,
    ]
    assert notices == []


def test_parse_header_unknown_dotted_header_is_a_warning() -> None:
    columns, notices = parse_header(["anggaran.total"], "f.csv")
    assert columns == [None]
    assert notices == [
        Problem(
            path="f.csv",
            line=1,
            column="A",
            field="anggaran.total",
            severity=Severity.WARNING,
            message=text("table.unknown_column"),
        )
    ]
    assert [(n.render(), n.render(Lang.ID)) for n in notices] == [
        (
            "f.csv:1:A: anggaran.total: column is not a proposal field, so it is not read",
            "f.csv:1:A: anggaran.total: kolom ini bukan isian proposal, jadi tidak dibaca",
        )
    ]


def test_parse_header_numbered_people_in_canonical_spelling() -> None:
    columns, _ = parse_header(["Inovator.2.Nama", "inovator.2.jabatan"], "f.csv")
    assert [c.path if c else None for c in columns] == [
        ("innovators", 1, "name"),
        ("innovators", 1, "jabatan"),
    ]


def test_parse_header_unnumbered_people_get_an_example() -> None:
    columns, notices = parse_header(["inovator.nama", "inovator.x.email", "penghargaan"], "f.csv")
    assert columns == [None, None, None]
    assert [n.render() for n in notices] == [
        "f.csv:1:A: inovator.nama: column is not a proposal field, so it is not read; "
        "number each one, e.g. 'inovator.1.nama'",
        "f.csv:1:B: inovator.x.email: column is not a proposal field, so it is not read; "
        "number each one, e.g. 'inovator.1.email'",
        "f.csv:1:C: penghargaan: column is not a proposal field, so it is not read; "
        "number each one, e.g. 'penghargaan.1.kompetisi'",
    ]


def test_parse_header_superscript_number_is_not_a_position() -> None:
    columns, notices = parse_header(["inovator.\u00b9.nama", "\u00b2"], "f.csv")
    assert columns == [None, None]
    assert [n.field for n in notices] == ["inovator.\u00b9.nama", "\u00b2"]
