"""Scoresheets: dropdowns limited to the scale, frozen header, texts beside; blind packets
without agency or innovator names; a filled sheet reads back as reviews."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from builders import (
    agency_matcher,
    load_reviews,
    plan_of,
    proposal_data,
    run_stages,
    write_text,
    write_yaml,
)
from review_builders import CRITERIA, LABELS, RUBRIC, make_proposal, reviewer

from kipp.assignment.blind import places
from kipp.assignment.scoresheets import redact, scoresheets
from kipp.core.cells import neutralise
from kipp.core.models import Proposal
from kipp.intake import read_proposals
from kipp.intake.panel import Reviewer, load_panel
from kipp.intake.registry import REGISTRY_FILE, Registry, load_registry
from kipp.intake.review_sheets import read_assignments
from kipp.reviews.models import Assignment, ReviewSet

SAMPLES = Path(__file__).resolve().parents[2] / "submissions" / "mojokerto-2022"

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
        [Assignment(reviewer="r", proposal="p1")], [reviewer("r")], [p], RUBRIC, True
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
    assert [c.value for c in book.worksheets[0][1]][:4] == [
        "Juri",
        "Kode proposal",
        "Judul",
        LABELS[0],
    ]


def test_scoresheet_has_scale_dropdowns_frozen_header_and_texts() -> None:
    files = scoresheets(
        [Assignment(reviewer="r", proposal="p1"), Assignment(reviewer="r", proposal="p2")],
        [reviewer("r")],
        [proposal("p1"), proposal("p2")],
        RUBRIC,
        False,
    )
    book = workbook(files["r.xlsx"])
    scores = book.worksheets[0]
    assert [c.value for c in scores[1]] == [
        "Juri", "Kode proposal", "Judul", "Instansi", *LABELS, "Catatan",
    ]  # fmt: skip
    assert [c.value for c in scores[2]][:4] == [
        "r", "p1", "Layanan Kesehatan Keliling", "Dinas Kesehatan",
    ]  # fmt: skip
    assert scores.freeze_panes == "C2"
    [check] = scores.data_validations.dataValidation
    assert (check.type, check.formula1, str(check.sqref)) == ("list", '"1,2,3,4,5"', "E2:K3")
    assert [s.title for s in book.worksheets] == ["Nilai", "Petunjuk", "Bukti", "Teks proposal"]
    texts = list(book.worksheets[3].iter_rows(values_only=True))
    assert texts[0] == ("Kode proposal", "Bagian", "Teks")  # read by people: Indonesian
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
    plan = plan_of(folder, RUBRIC, per_proposal=2, seed=1)
    assert (plan.proposals, plan.reviewers, sorted(plan.loads.values())) == (3, 3, [2, 2, 2])
    out = folder / "_reviews"
    for name, content in plan.files.items():
        if name.endswith(".xlsx") or name == "assignments.csv":
            (out / name).parent.mkdir(parents=True, exist_ok=True)
            (out / name).write_bytes(content)
    first = out / "r0.xlsx"
    book = openpyxl.load_workbook(first)
    sheet = book.worksheets[0]
    start = [c.value for c in sheet[1]].index(LABELS[0]) + 1
    for r in range(2, sheet.max_row + 1):
        for offset in range(len(CRITERIA)):
            sheet.cell(row=r, column=start + offset, value=4)
    book.save(first)

    batch = read_proposals(folder, RUBRIC.call.choices())
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
        [Assignment(reviewer="r", proposal="p1")], [reviewer("r")], [p], RUBRIC, False
    )
    book = workbook(files["r.xlsx"])
    assert book.worksheets[0]["C2"].value == neutralise(title) == "'" + title
    assert list(book.worksheets[3].iter_rows(values_only=True))[1] == (
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


@dataclass(frozen=True)
class Sample:
    proposals: list[Proposal]
    reviewers: list[Reviewer]
    assignments: list[Assignment]
    registry: Registry


@pytest.fixture(scope="module")
def sample() -> Sample:
    eligible: list[Proposal] = run_stages("eligible", batch_folder=SAMPLES)["eligible"]  # type: ignore[assignment]
    loaded = load_registry(SAMPLES / REGISTRY_FILE)
    assert loaded is not None and loaded.registry is not None
    record = read_assignments(SAMPLES / "_reviews" / "assignments.csv", [])
    reviewers = load_panel(SAMPLES / "reviewers.yaml").reviewers
    return Sample(eligible, reviewers, record.assignments, loaded.registry)


def blind_files(sample: Sample) -> dict[str, bytes]:
    return scoresheets(
        sample.assignments,
        sample.reviewers,
        sample.proposals,
        RUBRIC,
        True,
        registry=sample.registry,
    )


def packet_codes_written(files: dict[str, bytes]) -> dict[str, str]:
    """Proposal id by packet code, as the coordinator reads it in assignments.csv."""
    rows = list(csv.DictReader(io.StringIO(files["assignments.csv"].decode())))
    return {r["packet"]: r["proposal"] for r in rows}


def texts_by_code(files: dict[str, bytes]) -> dict[str, list[str]]:
    """Every cell a reviewer reads about each packet (scores rows, evidence, texts), by
    packet code."""
    found: dict[str, list[str]] = {}
    for name, content in files.items():
        if name.endswith(".xlsx"):
            book = workbook(content)
            scores, evidence, texts = book.worksheets[0], book.worksheets[2], book.worksheets[3]
            for cells in list(scores.iter_rows(values_only=True))[1:]:
                found.setdefault(str(cells[1]), []).extend(str(c) for c in cells if c)
            for cells in list(evidence.iter_rows(values_only=True))[1:]:
                found.setdefault(str(cells[0]), []).extend(str(c) for c in cells if c)
            for cells in list(texts.iter_rows(values_only=True))[1:]:
                found.setdefault(str(cells[0]), []).extend(str(c) for c in cells if c)
        elif name.startswith("csv/"):
            for cells in list(csv.reader(io.StringIO(content.decode())))[1:]:
                found.setdefault(cells[1], []).extend(cells)
    return found


def summary(files: dict[str, bytes], code: str) -> str:
    """The summary in a packet's texts, as the first of its reviewers reads it."""
    for name, content in files.items():
        if name.endswith(".xlsx"):
            for cells in workbook(content).worksheets[3].iter_rows(values_only=True):
                if cells[0] == code and cells[1] == "Ringkasan":
                    return str(cells[2])
    raise AssertionError(code)


def named(name: str, text: str) -> bool:
    words = r"\W{1,3}".join(re.escape(w) for w in re.findall(r"\w+", name))
    return re.search(rf"(?<!\w){words}(?!\w)", text, re.IGNORECASE) is not None


def test_blind_sheets_of_the_sample_name_no_agency_innovator_or_proposal_id(
    sample: Sample,
) -> None:
    files = blind_files(sample)
    ids = packet_codes_written(files)
    assert sorted(ids.values()) == sorted(p.id for p in sample.proposals)
    assert sorted(ids) == [f"PAKET-{n:02d}" for n in range(1, 11)]
    by_code = texts_by_code(files)
    assert sorted(by_code) == sorted(ids)  # every row and text names its packet by its code
    sheets = "\n".join(cell for cells in by_code.values() for cell in cells)
    assert [pid for pid in ids.values() if "-" in pid and pid in sheets] == []
    matcher = agency_matcher(SAMPLES)
    assert matcher is not None
    unit_places = places(sample.registry)
    by_id = {p.id: p for p in sample.proposals}
    for code, cells in by_code.items():
        proposal = by_id[ids[code]]
        text = "\n".join(cells)
        agency = next(a for a in sample.registry.agencies if a.name == matcher(proposal.agency))
        own = [proposal.agency, agency.name, *agency.aliases, *agency.units]
        own += [" ".join(unit_places[u]) for u in agency.units]
        people = [part for i in proposal.innovators for part in re.split(r"[\s,.]+", i.name)]
        shown = [name for name in own + [p for p in people if len(p) >= 3] if named(name, text)]
        assert shown == [], proposal.id
    codes = {pid: code for code, pid in ids.items()}
    # the names the audit found, each in its own proposal's packet
    leaks = {
        "curhat-ning-ita": "Diskominfo",
        "magis-bappeda": "Bappeda Litbang",
        "si-mapan-rsud": "RSUD",
        "sempelmas-jagalan": "Jagalan",
        "brantas-tuntas-smpn5": "SMP Negeri 5",
        "e-surat-setda": "Bagian Umum",
        "seruling-mas": "Kedundung",
    }
    assert [pid for pid, name in leaks.items() if name in "\n".join(by_code[codes[pid]])] == []
    assert summary(files, codes["sempelmas-jagalan"]).split(". ")[0] == (
        "SEMPELMAS mengajak warga [instansi] menyedekahkan minyak jelantah rumah tangga "
        "alih-alih membuangnya ke saluran air"
    )
    assert "diverifikasi admin [instansi], lalu diteruskan" in summary(
        files, codes["curhat-ning-ita"]
    )
    # a partner agency is part of what reviewers judge, and stays
    assert "Diskominfo" in summary(files, codes["e-surat-setda"]) + "\n".join(
        by_code[codes["e-surat-setda"]]
    )


def test_blind_sheets_filled_in_read_back_exactly_as_the_same_sheets_not_blind(
    sample: Sample, tmp_path: Path
) -> None:
    files = blind_files(sample)
    ids = packet_codes_written(files)
    given = {}  # the sample's completed sheets (not blind), by reviewer and proposal
    for path in sorted((SAMPLES / "_reviews").glob("*.xlsx")):
        rows = list(openpyxl.load_workbook(path).worksheets[0].iter_rows(values_only=True))
        for cells in rows[1:]:
            given[(cells[0], cells[1])] = dict(zip(rows[0], cells, strict=True))
    folder = tmp_path / "batch"
    write_text(folder, "reviewers.yaml", (SAMPLES / "reviewers.yaml").read_text("utf-8"))
    for name, content in files.items():
        if name.endswith(".xlsx"):
            book = workbook(content)
            sheet = book.worksheets[0]
            head = [c.value for c in sheet[1]]
            for cells in sheet.iter_rows(min_row=2):
                scores = given[(cells[0].value, ids[str(cells[1].value)])]
                for column, written in (
                    *zip(CRITERIA, LABELS, strict=True),
                    ("comment", "Catatan"),
                ):
                    cells[head.index(written)].value = scores[column]
            book.save(folder / "_reviews" / name)
        elif name == "assignments.csv":
            write_text(folder, f"_reviews/{name}", content.decode())
    matcher = agency_matcher(SAMPLES)
    blind = load_reviews(folder, RUBRIC, sample.proposals, matcher)
    plain = load_reviews(SAMPLES, RUBRIC, sample.proposals, matcher)
    assert blind.problems == plain.problems == []

    def pairs(found: ReviewSet) -> list[tuple[object, ...]]:
        return sorted(
            (r.reviewer, r.proposal, sorted(r.scores.items()), r.comment, r.complete)
            for r in found.reviews
        )

    assert len(blind.reviews) == 30
    assert pairs(blind) == pairs(plain)
    assert blind.assignments == plain.assignments
    assert blind.proposals == plain.proposals
    assert blind.progress == plain.progress
    assert blind.adjustments == plain.adjustments


def test_sheets_not_blind_write_the_samples_assignments_as_they_are(sample: Sample) -> None:
    files = scoresheets(sample.assignments, sample.reviewers, sample.proposals, RUBRIC, False)
    stored = (SAMPLES / "_reviews" / "assignments.csv").read_bytes()
    assert files["assignments.csv"] == stored
    book = workbook(files["bagus-hermawan.xlsx"])
    assert [c.value for c in book.worksheets[0]["B"]][1:] == [
        "brantas-tuntas-smpn5", "gayatri", "ngarang-biji-goodbye", "sempelmas-jagalan",
        "seruling-mas",
    ]  # fmt: skip


def test_rubric_asking_for_blind_packets_gets_them_in_the_assignment(tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    for i, agency in enumerate(["Dinas Kesehatan", "Dinas Pendidikan"]):
        write_yaml(folder, f"p{i}.yaml", proposal_data(agency=agency, title=f"Layanan Nomor {i}"))
    write_text(folder, "reviewers.yaml", "reviewers:\n  - {id: r0, name: Juri}\n")
    blind = RUBRIC.model_copy(update={"reviews": RUBRIC.reviews.model_copy(update={"blind": True})})
    plan = plan_of(folder, blind, per_proposal=1)
    assert plan.blind is True
    rows = files_csv(plan.files["assignments.csv"])
    assert rows[0] == ["reviewer", "proposal", "packet"]
    codes = {proposal: code for _, proposal, code in rows[1:]}
    assert sorted(codes) == ["p0", "p1"]
    assert sorted(codes.values()) == ["PAKET-01", "PAKET-02"]
    sheet = files_csv(plan.files["csv/r0.csv"])
    assert sheet[0] == ["Juri", "Kode proposal", "Judul", *LABELS, "Catatan"]
    assert [r[1] for r in sheet[1:]] == ["PAKET-01", "PAKET-02"]


def files_csv(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode())))
