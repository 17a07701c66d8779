"""Scoresheets: dropdowns limited to the scale, frozen header, texts beside; blind packets
without agency or innovator names; a filled sheet reads back as reviews."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
from builders import proposal_data, write_text, write_yaml
from review_builders import CRITERIA, RUBRIC, make_proposal, reviewer

from kipp.cells import neutralise
from kipp.intake import load_batch
from kipp.models import Proposal
from kipp.reviews.ingest import load_reviews
from kipp.reviews.models import Assignment
from kipp.reviews.plan import plan_assignment
from kipp.reviews.sheets import redact, scoresheets

INNOVATORS = [{"name": "Sri Wahyuni"}, {"name": "Bambang Sutejo, S.Kom."}]
TEXT = (
    "Dinas Kesehatan Kota Mojokerto melalui Sri Wahyuni dan Bambang membuka layanan; "
    "bu Wahyuni melatih kader. DINAS KESEHATAN menganggarkannya."
)


def proposal(pid: str = "p1") -> Proposal:
    sections = {name: TEXT for name in ("summary", "novelty", "sustainability")}
    return make_proposal(pid, innovators=INNOVATORS, sections=sections)


def workbook(content: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(content))


def test_redact_removes_agency_and_innovator_names() -> None:
    assert redact(TEXT, proposal()) == (
        "[instansi] Kota Mojokerto melalui [inovator] dan [inovator] membuka layanan; "
        "bu [inovator] melatih kader. [instansi] menganggarkannya."
    )


def test_blind_packets_hold_no_agency_or_innovator_name() -> None:
    p = proposal()
    files = scoresheets(
        [Assignment(reviewer="r", proposal="p1")], [reviewer("r")], [p], RUBRIC, True, {}
    )
    book = workbook(files["r.xlsx"])
    cells = [
        str(c)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for c in row
        if c
    ]
    csv_text = files["csv/r.csv"].decode()
    for name in (
        "Dinas Kesehatan",
        "DINAS KESEHATAN",
        "Sri Wahyuni",
        "Wahyuni",
        "Bambang",
        "Sutejo",
    ):
        assert all(name not in cell for cell in cells), name
        assert name not in csv_text, name
    assert book.worksheets[0]["A1"].value == "reviewer"
    assert [c.value for c in book.worksheets[0][1]][:3] == ["reviewer", "proposal", "title"]


def test_scoresheet_has_scale_dropdowns_frozen_header_and_texts() -> None:
    files = scoresheets(
        [Assignment(reviewer="r", proposal="p1"), Assignment(reviewer="r", proposal="p2")],
        [reviewer("r")],
        [proposal("p1"), proposal("p2")],
        RUBRIC,
        False,
        {"p1": "batch/p1.yaml"},
    )
    book = workbook(files["r.xlsx"])
    scores = book.worksheets[0]
    assert [c.value for c in scores[1]] == [
        "reviewer", "proposal", "title", "agency", "source", *CRITERIA, "comment",
    ]  # fmt: skip
    assert [c.value for c in scores[2]][:5] == [
        "r", "p1", "Layanan Kesehatan Keliling", "Dinas Kesehatan", "batch/p1.yaml",
    ]  # fmt: skip
    assert scores.freeze_panes == "C2"
    [check] = scores.data_validations.dataValidation
    assert (check.type, check.formula1, str(check.sqref)) == ("list", '"1,2,3,4,5"', "F2:L3")
    assert [s.title for s in book.worksheets] == ["nilai", "kriteria", "teks proposal"]
    texts = list(book.worksheets[2].iter_rows(values_only=True))
    assert texts[0] == ("kode proposal", "bagian", "teks")  # read by people: Indonesian
    guide = list(book.worksheets[1].iter_rows(values_only=True))
    assert guide[0] == ("kode kriteria", "kriteria", "level", "nilai", "deskripsi")
    assert texts[1] == ("p1", "Ringkasan", TEXT)
    assert files["assignments.csv"].decode() == "reviewer,proposal\nr,p1\nr,p2\n"


def test_assigned_sheets_filled_in_read_back_as_complete_reviews(tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    for i, agency in enumerate(["Dinas Kesehatan", "Dinas Pendidikan", "Kelurahan Jagalan"]):
        write_yaml(folder, f"p{i}.yaml", proposal_data(agency=agency, title=f"Layanan Nomor {i}"))
    write_text(
        folder,
        "reviewers.yaml",
        "reviewers:\n" + "".join(f"  - {{id: r{j}, name: Juri {j}}}\n" for j in range(3)),
    )
    plan = plan_assignment(folder, RUBRIC, folder / "reviewers.yaml", per_proposal=2, seed=1)
    assert (plan.proposals, plan.reviewers, sorted(plan.loads.values())) == (3, 3, [2, 2, 2])
    out = folder / "_reviews"
    for name, content in plan.files.items():
        if name.endswith(".xlsx") or name == "assignments.csv":
            (out / name).parent.mkdir(parents=True, exist_ok=True)
            (out / name).write_bytes(content)
    first = out / "r0.xlsx"
    book = openpyxl.load_workbook(first)
    sheet = book.worksheets[0]
    start = [c.value for c in sheet[1]].index(CRITERIA[0]) + 1
    for r in range(2, sheet.max_row + 1):
        for offset in range(len(CRITERIA)):
            sheet.cell(row=r, column=start + offset, value=4)
    book.save(first)

    batch = load_batch(folder, RUBRIC.call.choices())
    assert [u.path for u in batch.unread] == []
    assert sorted(batch.ignored) == [str(folder / "_reviews") + "/", str(folder / "reviewers.yaml")]
    proposals = [e.proposal for e in batch.entries if e.proposal is not None]
    found = load_reviews(folder, RUBRIC, proposals)
    assert found.problems == []
    assert [(p.reviewer, p.assigned, p.completed) for p in found.progress] == [
        ("r0", 2, 2),
        ("r1", 2, 0),
        ("r2", 2, 0),
    ]


def test_scoresheet_cells_that_would_run_as_formulas_are_neutralised_as_elsewhere() -> None:
    title = '=HYPERLINK("http://x.invalid","klik")'
    body = "+62 812 3456: hubungi kami"
    p = make_proposal("p1", title=title, sections={"summary": body})
    files = scoresheets(
        [Assignment(reviewer="r", proposal="p1")], [reviewer("r")], [p], RUBRIC, False, {}
    )
    book = workbook(files["r.xlsx"])
    assert book.worksheets[0]["C2"].value == neutralise(title) == "'" + title
    assert list(book.worksheets[2].iter_rows(values_only=True))[1] == (
        "p1",
        "Ringkasan",
        neutralise(body),
    )
    assert (
        files["csv/r.csv"]
        .decode()
        .splitlines()[1]
        .startswith('r,p1,"\'=HYPERLINK(""http://x.invalid"",""klik"")",Dinas Kesehatan,')
    )
