"""`kipp run`'s closing summary names the files an agency must fix: each invalid proposal
with its errors, each unread file with its reason, the first few only, then how many more."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from builders import (
    FORM_HEADERS,
    form_row,
    line_of,
    proposal_data,
    results_of,
    run_stages,
    write_bytes,
    write_csv,
    write_yaml,
)

from kipp.core.i18n import Lang
from kipp.results import Results
from kipp_app.cli.run import batch_files_to_fix as print_batch_files_to_fix
from kipp_app.cli.run import files_to_fix as print_files_to_fix
from kipp_app.flows.run import (
    SHOWN_PROBLEM_FILES,
    RunSummary,
    batch_problems,
    file_errors,
    files_to_fix,
)

SAMPLE = Path(__file__).resolve().parents[2] / "submissions" / "mojokerto-2022"


def _batch(folder: Path, invalid: int, unread: int) -> Path:
    write_yaml(folder, "baik.yaml", proposal_data(title="Layanan Antar Jemput Lansia"))
    for n in range(invalid):
        # a warning too (the title is shared), which is not an error to fix
        write_yaml(folder, f"salah-{n:02d}.yaml", proposal_data(title="Judul Sama", sdgs=[19]))
    for n in range(unread):
        write_bytes(folder, f"surat-{n}.docx", b"PK\x03\x04")
    return folder


def _summary(folder: Path, lang: Lang) -> RunSummary:
    results = results_of(folder, lang)
    invalid, unread = files_to_fix(results)
    errors, errors_found = file_errors(results)
    return RunSummary(
        out_dir="out",
        files=[],
        summary=results.summary,
        invalid=invalid,
        unread=unread,
        file_errors=errors,
        file_errors_found=errors_found,
    )


def test_the_first_files_to_fix_are_kept_in_file_order_with_their_errors_only(
    tmp_path: Path,
) -> None:
    summary = _summary(_batch(tmp_path, invalid=SHOWN_PROBLEM_FILES + 2, unread=1), Lang.EN)
    assert [p.source for p in summary.invalid] == [
        str(tmp_path / f"salah-{n:02d}.yaml") for n in range(SHOWN_PROBLEM_FILES)
    ]
    assert summary.unread == []
    first = summary.invalid[0]
    line = line_of(tmp_path / "salah-00.yaml", "sdgs:")
    assert [(e.field, e.line, e.severity) for e in first.errors] == [("sdgs", line, "error")]


def test_the_terminal_names_each_file_its_errors_and_how_many_more(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _batch(tmp_path, invalid=SHOWN_PROBLEM_FILES - 1, unread=3)
    print_files_to_fix(_summary(folder, Lang.EN), Lang.EN, folder)
    lines = capsys.readouterr().out.splitlines()
    line = line_of(folder / "salah-00.yaml", "sdgs:")
    assert lines[0] == "Files their agencies need to fix:"
    assert lines[1:3] == [
        f"  invalid {folder / 'salah-00.yaml'}  Judul Sama \u2014 Dinas Kesehatan",
        f"      error: {folder / 'salah-00.yaml'}:{line}: sdgs: 19 is not an SDG number; "
        "use 1 to 17",
    ]
    assert lines[-2:] == [
        f"  unread  {folder / 'surat-0.docx'}: unsupported file type '.docx'; copy its content "
        "into a .md or .yaml proposal",
        f"  ... and 2 more: all are in the Problems sheet of results.xlsx, or run kipp "
        f"validate {folder}",
    ]
    assert len(lines) == 1 + 2 * (SHOWN_PROBLEM_FILES - 1) + 1 + 1


def test_the_terminal_says_it_in_indonesian_by_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _batch(tmp_path, invalid=1, unread=0)
    print_files_to_fix(_summary(folder, Lang.ID), Lang.ID, folder)
    line = line_of(folder / "salah-00.yaml", "sdgs:")
    assert capsys.readouterr().out.splitlines() == [
        "Berkas yang perlu diperbaiki oleh instansinya:",
        f"  tidak valid   {folder / 'salah-00.yaml'}  Judul Sama \u2014 Dinas Kesehatan",
        f"      kesalahan: {folder / 'salah-00.yaml'}:{line}: tpb: 19 bukan nomor TPB; gunakan 1 "
        "sampai 17",
    ]


def test_a_batch_with_nothing_to_fix_prints_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _batch(tmp_path, invalid=0, unread=0)
    print_files_to_fix(_summary(folder, Lang.EN), Lang.EN, folder)
    assert capsys.readouterr().out == ""


def test_an_error_in_a_file_as_a_whole_comes_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # two columns for one field: the second one's values are not read, the row is valid
    folder = _batch(tmp_path, invalid=1, unread=0)
    form = write_csv(folder, "form.csv", [[*FORM_HEADERS, "title"], [*form_row(), "Judul Lain"]])
    print_files_to_fix(_summary(folder, Lang.EN), Lang.EN, folder)
    lines = capsys.readouterr().out.splitlines()
    assert lines[:3] == [
        "Files their agencies need to fix:",
        f"  error: {form}:1:N: title: same field as column A; keep one of the two columns",
        f"  invalid {folder / 'salah-00.yaml'}  Judul Sama \u2014 Dinas Kesehatan",
    ]


def test_rows_of_a_spreadsheet_are_named_in_row_order_and_every_leftover_is_counted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 14 invalid rows in one sheet (row 10 comes after row 9, not after row 1) and 12 columns
    # that repeat its title column: 10 of the 12 errors and the first 10 rows are shown, and
    # the 2 errors and 4 rows left are counted
    folder = tmp_path / "batch"
    header = [*FORM_HEADERS, *(["title"] * 12)]
    rows = [[*form_row(title=f"Layanan {n}", TPB="19"), *([""] * 12)] for n in range(14)]
    form = write_csv(folder, "form.csv", [header, *rows])
    summary = _summary(folder, Lang.EN)
    assert [p.source for p in summary.invalid] == [f"{form}#{n}" for n in range(2, 12)]
    assert (len(summary.file_errors), summary.file_errors_found) == (10, 12)
    print_files_to_fix(summary, Lang.EN, folder)
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1] == (
        "  ... and 6 more: all are in the Problems sheet of results.xlsx, or run kipp "
        f"validate {folder}"
    )


def test_the_terminal_names_the_scoresheets_problems_by_criterion_after_the_files_to_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a returned scoresheet's rejected score was said in the technical annex only, while
    # the terminal showed nothing; the score column is named as the sheet heads it
    batch = tmp_path / "batch"
    shutil.copytree(SAMPLE, batch)
    sheet = batch / "_reviews" / "bagus-hermawan.xlsx"
    book = openpyxl.load_workbook(sheet)
    book["nilai"]["G2"] = "empat"  # novelty, of the first proposal
    book.save(sheet)
    values = run_stages("results", "batch", "rubric", batch_folder=batch, lang=Lang.EN)
    results: Results = values["results"]  # type: ignore[assignment]
    shown, found = batch_problems(results, values["batch"], values["rubric"].rubric)  # type: ignore[arg-type,attr-defined]
    summary = RunSummary(
        out_dir="out",
        files=[],
        summary=results.summary,
        batch_problems=shown,
        batch_problems_found=found,
    )

    print_batch_files_to_fix(summary, Lang.EN)

    assert capsys.readouterr().out.splitlines() == [
        "Problems in the batch's settings, the panel and the reviewers' scoresheets:",
        f"  error: {sheet}:2:G: Novelty: 'empat' is not a score on the scale 1 to 5; give a "
        "whole number from 1 to 5",
    ]
