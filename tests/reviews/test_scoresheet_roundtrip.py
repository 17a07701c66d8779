"""Scoresheets `kipp assign` writes, filled in as a reviewer would and saved back as XLSX or
CSV, read back score for score; sheets written by earlier versions (English column codes,
a source column) still read."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest
from builders import load_reviews, plan_of, proposal_data, write_text, write_yaml
from review_builders import CRITERIA, LABELS, LABELS_EN, RUBRIC

from kipp.core.i18n import Lang
from kipp.core.models import Proposal
from kipp.intake import read_proposals

AGENCIES = [
    "Dinas Kesehatan, Pengendalian Penduduk dan KB",
    "Dinas Pendidikan",
    "Kelurahan Jagalan",
]
Expected = dict[tuple[str, str], tuple[dict[str, int], str]]


def batch(tmp_path: Path) -> Path:
    folder = tmp_path / "batch"
    for i, agency in enumerate(AGENCIES):
        write_yaml(folder, f"p{i}.yaml", proposal_data(agency=agency, title=f"Layanan, Nomor {i}"))
    write_text(
        folder,
        "reviewers.yaml",
        "reviewers:\n" + "".join(f"  - {{id: r{j}, name: Juri {j}}}\n" for j in range(3)),
    )
    return folder


def proposals_of(folder: Path) -> list[Proposal]:
    found = read_proposals(folder, RUBRIC.call.choices())
    return [e.proposal for e in found.entries if e.proposal is not None]


def assigned(folder: Path, lang: Lang = Lang.ID) -> list[Path]:
    """`kipp assign`'s XLSX sheets and assignments.csv in the batch's `_reviews/`."""
    plan = plan_of(folder, RUBRIC, per_proposal=2, seed=1, lang=lang)
    out = folder / "_reviews"
    out.mkdir()
    sheets = []
    for name, content in plan.files.items():
        if name.endswith(".xlsx") or name == "assignments.csv":
            (out / name).write_bytes(content)
            if name.endswith(".xlsx"):
                sheets.append(out / name)
    return sorted(sheets)


def fill(path: Path, labels: list[str], comment: str) -> Expected:
    """Every score of the sheet at `path` filled in, each pair's scores different; what was
    written, by reviewer and proposal."""
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    head = [c.value for c in sheet[1]]
    written: Expected = {}
    for number, cells in enumerate(sheet.iter_rows(min_row=2)):
        reviewer, proposal = str(cells[0].value), str(cells[1].value)
        scores = {}
        for j, (cid, label) in enumerate(zip(CRITERIA, labels, strict=True)):
            score = 1 + (number * 3 + j + int(reviewer[1:])) % 5
            cells[head.index(label)].value = score
            scores[cid] = score
        note = f'{reviewer} on {proposal}: clear, "measured"; well argued'
        cells[head.index(comment)].value = note
        written[(reviewer, proposal)] = (scores, note)
    book.save(path)
    return written


def read_back(folder: Path) -> Expected:
    found = load_reviews(folder, RUBRIC, proposals_of(folder))
    assert found.problems == []
    assert all(r.complete for r in found.reviews)
    return {(r.reviewer, r.proposal): (r.scores, r.comment or "") for r in found.reviews}


def test_filled_xlsx_sheets_read_back_every_score_exactly(tmp_path: Path) -> None:
    folder = batch(tmp_path)
    written: Expected = {}
    for path in assigned(folder):
        written |= fill(path, LABELS, "Catatan")
    assert len(written) == 6
    assert read_back(folder) == written


def test_filled_english_sheets_read_back_every_score_exactly(tmp_path: Path) -> None:
    folder = batch(tmp_path)
    sheets = assigned(folder, Lang.EN)
    assert [c.value for c in openpyxl.load_workbook(sheets[0]).worksheets[0][1]][:2] == [
        "Reviewer",
        "Proposal code",
    ]
    written: Expected = {}
    for path in sheets:
        written |= fill(path, LABELS_EN, "Comments")
    assert read_back(folder) == written


@pytest.mark.parametrize("separator", [",", ";"])
def test_filled_sheets_saved_as_csv_read_back_every_score_exactly(
    tmp_path: Path, separator: str
) -> None:
    folder = batch(tmp_path)
    written: Expected = {}
    for path in assigned(folder):
        written |= fill(path, LABELS, "Catatan")
        values = openpyxl.load_workbook(path).worksheets[0].iter_rows(values_only=True)
        with path.with_suffix(".csv").open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle, delimiter=separator).writerows(values)
        path.unlink()  # the reviewer returns the CSV only
    assert sorted(p.name for p in (folder / "_reviews").iterdir()) == [
        "assignments.csv", "r0.csv", "r1.csv", "r2.csv",
    ]  # fmt: skip
    assert read_back(folder) == written


def test_a_sheet_in_the_format_of_earlier_versions_still_reads(tmp_path: Path) -> None:
    folder = batch(tmp_path)
    assigned(folder)
    out = folder / "_reviews"
    for path in out.glob("*.xlsx"):
        path.unlink()
    old = openpyxl.Workbook()
    sheet = old.active
    sheet.title = "nilai"
    sheet.append(["reviewer", "proposal", "title", "agency", "source", *CRITERIA, "comment"])
    pairs = [row.split(",") for row in (out / "assignments.csv").read_text().split()[1:]]
    written: Expected = {}
    for n, (reviewer, proposal) in enumerate(pairs):
        scores = {cid: 1 + (n + j) % 5 for j, cid in enumerate(CRITERIA)}
        source = f"batch/{proposal}.yaml"
        sheet.append(
            [reviewer, proposal, "Judul", "Instansi", source, *scores.values(), f"old {n}"]
        )
        written[(reviewer, proposal)] = (scores, f"old {n}")
    old.create_sheet("kriteria").append(["kode kriteria", "kriteria", "level"])
    old.save(out / "all.xlsx")
    assert read_back(folder) == written
