"""The writers as the last defence: text an output format cannot hold (a control character in
a title, a byte of a file name that was not text) is written as an escape, never failing the
run; the workbook prints landscape, fitted to the page's width, its header row on every
page, and holds numbers as numbers."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from builders import results_of, write_yaml

from kipp.core.i18n import Lang, tr
from kipp.core.printable import printable
from kipp.documents.outputs import compliance_csv, results_json, scores_csv
from kipp.documents.workbook import CUT_MARK, MAX_CELL_TEXT, Sheet, SheetSource, workbook_bytes
from kipp.results import Results
from kipp.rubric import load_rubric

RUBRIC = load_rubric().rubric
SAMPLE = Path(__file__).resolve().parents[2] / "submissions" / "mojokerto-2022"


@pytest.fixture(scope="module")
def sample() -> Results:
    return results_of(SAMPLE, Lang.ID)


def _hostile(results: Results) -> Results:
    """The results with a title holding control characters and a source holding a byte of a
    file name that was not text (as intake would never pass them on)."""
    first = results.proposals[0].model_copy(
        update={"title": "MAGIS \x01 Mojokerto\x1b[2J", "source": "/batch/caf\udce9.yaml"}
    )
    return results.model_copy(update={"proposals": [first, *results.proposals[1:]]})


def test_writable_escapes_what_a_file_cannot_hold() -> None:
    assert printable("MAGIS \x01 Mojokerto\x1b[2J") == "MAGIS \\x01 Mojokerto\\x1b[2J"
    assert printable("caf\udce9.yaml") == "caf\\xe9.yaml"
    assert printable("baris\tsatu\nbaris dua") == "baris\tsatu\nbaris dua"
    assert printable("baris\tsatu\n", lines=False) == "baris\\x09satu\\x0a"
    assert printable("laporan\u202egpj.yaml") == "laporan\\u202egpj.yaml"
    assert printable("Dinas Kesehatan \u2013 Café") == "Dinas Kesehatan \u2013 Café"


def test_writable_workbook_holds_a_title_with_control_characters(sample: Results) -> None:
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes(_hostile(sample), RUBRIC)))
    scores = book.worksheets[0]
    assert scores["C2"].value == "MAGIS \\x01 Mojokerto\\x1b[2J"
    assert scores["B2"].value == "/batch/caf\\xe9.yaml"


def test_writable_results_json_holds_a_name_that_was_not_text(sample: Results) -> None:
    written = json.loads(results_json(_hostile(sample)))
    assert written["proposals"][0]["source"] == "/batch/caf\\xe9.yaml"
    assert written["proposals"][0]["title"] == "MAGIS \\x01 Mojokerto\\x1b[2J"
    assert results_json(sample) == sample.model_dump_json(indent=2) + "\n"


def test_writable_scores_csv_holds_a_name_that_was_not_text(sample: Results) -> None:
    text = scores_csv(_hostile(sample), [c.id for c in RUBRIC.criteria])
    second = text.splitlines()[1]
    assert second.startswith(
        f"{sample.proposals[0].id},/batch/caf\\xe9.yaml,MAGIS \\x01 Mojokerto\\x1b[2J,"
    )
    text.encode("utf-8")


def test_writable_workbook_prints_every_sheet_landscape_fitted_with_its_header(
    sample: Results,
) -> None:
    raw = workbook_bytes(sample, RUBRIC)
    book = openpyxl.load_workbook(io.BytesIO(raw))
    assert [s.title for s in book.worksheets] == [
        "Nilai",
        "Syarat",
        "Penilaian juri",
        "Masalah",
        "Kebaruan",
        "Proses",
    ]
    for sheet in book.worksheets:
        setup = sheet.page_setup
        assert (setup.orientation, setup.paperSize, setup.fitToWidth, setup.fitToHeight) == (
            "landscape",
            9,
            1,
            0,
        ), sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
        assert sheet.print_title_rows == "$1:$1", sheet.title


def test_writable_workbook_numbers_are_numbers(sample: Results) -> None:
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes(sample, RUBRIC)))
    scores = book["Nilai"]
    header = [c.value for c in scores[1]]
    total = header.index(tr("doc.col.total", Lang.ID))
    rank = header.index(tr("doc.col.rank", Lang.ID))
    rows = [row for row in scores.iter_rows(min_row=2, values_only=True) if row[rank]]
    assert rows
    assert all(isinstance(row[total], float) and isinstance(row[rank], int) for row in rows)
    with zipfile.ZipFile(io.BytesIO(workbook_bytes(sample, RUBRIC))) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert f"<v>{rows[0][total]}</v>" in sheet


def test_writable_compliance_csv_holds_a_name_that_was_not_text(
    tmp_path: Path, sample: Results
) -> None:
    from kipp.intake.registry import REGISTRY_FILE, load_registry

    registry = load_registry(SAMPLE / REGISTRY_FILE)
    assert registry is not None
    hostile = _hostile(sample)
    first = hostile.proposals[0].model_copy(update={"agency": "Dinas \udce9"})
    text = compliance_csv(
        hostile.model_copy(update={"proposals": [first, *hostile.proposals[1:]]}), registry
    )
    assert "Dinas \\xe9" in text
    text.encode("utf-8")
    write_yaml(tmp_path, "unused.yaml", {})  # the writers never read the batch again


def _one_cell_sheet(value: str) -> Callable[[SheetSource], Sheet]:
    def build(src: SheetSource) -> Sheet:
        return Sheet(title="Teks", header=("teks",), rows=[(value,)])

    return build


def _utf16_length(value: str) -> int:
    return len(value.encode("utf-16-le")) // 2


@pytest.mark.parametrize(
    ("value", "kept"),
    [
        ("a" * 32_767, "a" * 32_767),  # exactly what a cell holds: whole
        ("a" * 40_000, "a" * (32_767 - len(CUT_MARK)) + CUT_MARK),
        ("\U0001f600" * 20_000, "\U0001f600" * ((32_767 - len(CUT_MARK)) // 2) + CUT_MARK),
    ],
    ids=["at-the-limit", "ascii-over", "astral-over"],
)
def test_writable_workbook_cuts_a_text_longer_than_a_cell_holds_visibly(
    sample: Results, value: str, kept: str
) -> None:
    raw = workbook_bytes(sample, RUBRIC, extra=[_one_cell_sheet(value)])

    cell = openpyxl.load_workbook(io.BytesIO(raw))["Teks"]["A2"].value
    assert cell == kept
    assert _utf16_length(cell) <= MAX_CELL_TEXT


def test_the_workbook_shows_the_reviewers_combined_values_as_the_documents_do(
    sample: Results,
) -> None:
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes(sample, RUBRIC)))
    sheet = book["Penilaian juri"]
    header = [c.value for c in sheet[1]]
    assert header[6:9] == ["Rata-rata", "Median", "Gabungan nilai juri yang dipakai"]
    # a criterion whose mean needs more than the 2 decimals the sheet used to show
    first, cid, criterion = next(
        (p, cid, c)
        for p in sample.proposals
        if p.reviews is not None
        for cid, c in p.reviews.criteria.items()
        if round(c.mean, 2) != c.mean
    )
    label = next(c.label.get("id") for c in RUBRIC.criteria if c.id == cid)
    row = next(
        r
        for r in sheet.iter_rows(min_row=2, values_only=True)
        if r[0] == first.id and r[2] == label
    )
    assert row[6:9] == (criterion.mean, criterion.median, criterion.value)


def test_the_workbook_names_each_reviewer_as_the_documents_do(sample: Results) -> None:
    # the explanations say "juri A" and the shortlist's panel table "A | Dr. Bagus Hermawan";
    # the sheet showed the reviewer's id, which no document explains
    assert sample.reviews is not None
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes(sample, RUBRIC)))
    shown = {r[3] for r in book["Penilaian juri"].iter_rows(min_row=2, values_only=True)}
    panel = {f"{r.label} ({r.name})" for r in sample.reviews.progress if r.completed}

    assert "A (Dr. Bagus Hermawan)" in shown
    assert shown == panel
