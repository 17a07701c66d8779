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


def test_csv_each_row_is_one_entry_with_its_id_made_from_its_title(
    batch_dir: Path, choices: CallChoices
) -> None:
    path = write_csv(
        batch_dir,
        "form.csv",
        [FORM_HEADERS, form_row("Layanan Satu Pintu"), form_row("Layanan Dua Pintu")],
    )
    batch = load(batch_dir, choices)
    assert [(e.source, e.id, e.row, e.status) for e in batch.entries] == [
        (f"{path}#2", "layanan-satu-pintu", 2, Status.VALID),
        (f"{path}#3", "layanan-dua-pintu", 3, Status.VALID),
    ]
    assert batch.notices == []


def test_csv_ids_from_titles_unique_in_the_file_and_the_same_every_run(
    batch_dir: Path, choices: CallChoices
) -> None:
    rows = [
        FORM_HEADERS,
        form_row("PPDB Online (Penerimaan Peserta Didik Baru Secara Daring)"),
        form_row("PPDB Online (Pendaftaran Sekolah)"),
        form_row("", Judul="-"),
    ]
    write_csv(batch_dir, "Jawaban Formulir (1).csv", rows)
    first = [e.id for e in load(batch_dir, choices).entries]
    assert first == ["ppdb-online", "ppdb-online-2", "jawaban-formulir-1-4"]
    assert [e.id for e in load(batch_dir, choices).entries] == first


def test_csv_with_an_id_column_an_empty_id_cell_takes_the_file_and_row(
    batch_dir: Path, choices: CallChoices
) -> None:
    rows = [["kode", *FORM_HEADERS], ["pojok-baca", *form_row()], ["", *form_row("Layanan Dua")]]
    write_csv(batch_dir, "form.csv", rows)
    assert [e.id for e in load(batch_dir, choices).entries] == ["pojok-baca", "form-3"]


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


def test_csv_empty_cell_inside_a_group_is_never_located_at_its_neighbour(
    batch_dir: Path, choices: CallChoices
) -> None:
    # the innovator's name is empty, the email beside it is filled: the row, not the email's
    # cell, is where the name is missing
    path = write_csv(batch_dir, "form.csv", [FORM_HEADERS, form_row(**{"inovator.1.nama": ""})])
    assert rendered(load(batch_dir, choices).entries[0]) == [
        f"{path}:2: innovators.1.name: required, but missing; fill in the `name (nama)` column"
    ]


def test_csv_empty_cell_of_a_required_column(batch_dir: Path, choices: CallChoices) -> None:
    path = write_csv(batch_dir, "form.csv", [FORM_HEADERS, form_row(Instansi="")])
    assert rendered(load(batch_dir, choices).entries[0]) == [
        f"{path}:2:B: agency: required, but missing; fill in the `agency (instansi)` column"
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


def test_csv_column_naming_nothing_is_a_warning_naming_its_letter(
    batch_dir: Path, choices: CallChoices
) -> None:
    rows = [["Cap waktu", *FORM_HEADERS], ["1/3/2022", *form_row()]]
    path = write_csv(batch_dir, "form.csv", rows)
    batch = load(batch_dir, choices)
    assert [(n.render(), n.render(Lang.ID), n.severity) for n in batch.notices] == [
        (
            f"{path}:1:A: Cap waktu: column is not a proposal field, so it is not read",
            f"{path}:1:A: Cap waktu: kolom ini bukan isian proposal, jadi tidak dibaca",
            Severity.WARNING,
        ),
    ]
    assert [e.status for e in batch.entries] == [Status.VALID]


def test_csv_column_resembling_a_field_makes_each_row_with_a_value_invalid(
    batch_dir: Path, choices: CallChoices
) -> None:
    rows = [["Judull", *FORM_HEADERS], ["x", *form_row()], ["", *form_row("Layanan Dua")]]
    path = write_csv(batch_dir, "form.csv", rows)
    batch = load(batch_dir, choices)
    assert batch.notices == []
    assert [(e.status, rendered(e)) for e in batch.entries] == [
        (
            Status.INVALID,
            [
                f"{path}:2:A: Judull: column is not a proposal field, so it is not read; "
                "did you mean 'judul'?"
            ],
        ),
        (Status.VALID, []),
    ]
    assert [p.render(Lang.ID) for p in batch.entries[0].problems] == [
        f"{path}:2:A: Judull: kolom ini bukan isian proposal, jadi tidak dibaca; mungkin "
        "maksudnya 'judul'?"
    ]


def test_csv_column_resembling_a_field_left_empty_is_a_warning(
    batch_dir: Path, choices: CallChoices
) -> None:
    rows = [[*FORM_HEADERS, "Biaya Operasional"], [*form_row(), ""]]
    path = write_csv(batch_dir, "form.csv", rows)
    batch = load(batch_dir, choices)
    assert [(n.render(), n.severity) for n in batch.notices] == [
        (
            f"{path}:1:N: Biaya Operasional: column is not a proposal field, so it is not read; "
            "did you mean 'biaya_sebelum'?",
            Severity.WARNING,
        )
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


def test_parse_header_unnumbered_list_is_its_first_item_or_the_list_in_one_cell() -> None:
    columns, notices = parse_header(["inovator.nama", "penghargaan", "Replikasi 2"], "f.csv")
    assert [c.path if c else None for c in columns] == [
        ("innovators", 0, "name"),
        ("prior_awards",),
        ("replications", 1),
    ]
    assert notices == []


def test_parse_header_list_item_that_cannot_be_placed_gets_a_numbered_example() -> None:
    columns, notices = parse_header(["inovator.x.email", "penghargaan.1.2"], "f.csv")
    assert [(c.path, said(c.unread)) if c else None for c in columns] == [
        (
            None,
            "column is not a proposal field, so it is not read; number each one, "
            "e.g. 'inovator.1.email'",
        ),
        (
            None,
            "column is not a proposal field, so it is not read; number each one, "
            "e.g. 'penghargaan.1.kompetisi'",
        ),
    ]
    assert notices == []


def test_parse_header_superscript_number_read_as_its_digit_not_as_a_position() -> None:
    columns, notices = parse_header(["inovator.\u00b9.nama", "\u00b2"], "f.csv")
    assert [c.path if c else None for c in columns] == [("innovators", 0, "name"), None]
    assert [n.field for n in notices] == ["\u00b2"]


def test_parse_header_names_the_header_row_it_is_on() -> None:
    _, notices = parse_header(["Cap waktu", "judul"], "f.csv", row=3)
    assert [n.render() for n in notices] == [
        "f.csv:3:A: Cap waktu: column is not a proposal field, so it is not read"
    ]
