"""Ingest of completed scoresheets: every problem located by sheet, row and column; partial
progress kept and counted; nothing usable lost."""

from __future__ import annotations

import zipfile
from pathlib import Path

from builders import agency_matcher, csv_text, load_reviews, write_csv, write_text, write_xlsx
from review_builders import CRITERIA, LABELS, REGISTRY_YAML, RUBRIC, header, make_proposal, row
from sheet_writers import write_ods, write_xls

from kipp.core.i18n import Lang
from kipp.intake import Limits
from kipp.intake.reading import human_size
from kipp.reviews.models import ReviewerProgress, ReviewSet

PANEL = """\
reviewers:
  - id: a
    name: Ani
  - id: b
    name: Budi
  - id: dinkes
    name: Dewi
    agency: Dinas Kesehatan
    conflicts: [p2]
"""
PROPOSALS = [
    make_proposal("p1", agency="Dinas Pendidikan"),
    make_proposal("p2", agency="Kelurahan Jagalan"),
    make_proposal("p3", agency="Dinas Kesehatan"),
]
FULL = [4] * len(CRITERIA)


def batch(tmp_path: Path, assignments: str | None = None) -> Path:
    folder = tmp_path / "batch"
    write_text(folder, "reviewers.yaml", PANEL)
    if assignments is not None:
        write_text(folder, "_reviews/assignments.csv", assignments)
    return folder


def ingest(folder: Path) -> ReviewSet:
    return load_reviews(folder, RUBRIC, PROPOSALS)


def rendered(found: ReviewSet, lang: Lang = Lang.EN) -> list[str]:
    return [f"{p.severity}: {p.render(lang)}" for p in found.problems]


def test_ingest_reports_each_bad_row_by_sheet_row_and_column(tmp_path: Path) -> None:
    folder = batch(tmp_path)
    sheet = write_csv(
        folder,
        "_reviews/a.csv",
        [
            header(),
            row("zz", "p1", *FULL),
            row("a", "nope", *FULL),
            row("a", "p1", 4, 7, 4, 4, 4, 4, 4),
            row("b", "p1", 4, 4),
            row("dinkes", "p3", *FULL),
            row("dinkes", "p2", *FULL),
            row("a", "p2", "baik", *FULL[1:]),
            row("a", "p1", *FULL),
        ],
    )
    found = ingest(folder)
    assert rendered(found) == [
        f"error: {sheet}:2:A: reviewer: 'zz' is not on the panel (reviewers.yaml); use one of: "
        "a, b, dinkes",
        f"error: {sheet}:3:B: proposal: 'nope' is not an eligible proposal of this batch; copy "
        "the id from the scoresheet kipp assign wrote",
        f"error: {sheet}:4:E: novelty: '7' is not a score on the scale 1 to 5; give a whole "
        "number from 1 to 5",
        *(
            f"warning: {sheet}:5:{col}: {cid}: not scored yet; give a whole number from 1 to 5"
            for col, cid in zip("FGHIJ", CRITERIA[2:], strict=True)
        ),
        f"error: {sheet}:6:A: reviewer: 'dinkes' works at Dinas Kesehatan, the proposal's "
        "agency; these scores are not used, ask another reviewer",
        f"error: {sheet}:7:A: reviewer: 'dinkes' declared a conflict of interest with it; these "
        "scores are not used, ask another reviewer",
        f"error: {sheet}:8:D: background: 'baik' is not a score on the scale 1 to 5; give a "
        "whole number from 1 to 5",
        f"error: {sheet}:4:B: proposal: 'a' scored 'p1' in 2 places with different scores "
        f"({sheet} row 4; {sheet} row 9); none of them is used and the total of 'p1' stays "
        "provisional: keep one copy, the one the reviewer means, and remove the others",
    ]
    assert rendered(found, Lang.ID)[:3] + rendered(found, Lang.ID)[-3:] == [
        f"error: {sheet}:2:A: reviewer: 'zz' tidak ada dalam daftar juri (reviewers.yaml); "
        "gunakan salah satu: a, b, dinkes",
        f"error: {sheet}:3:B: proposal: 'nope' bukan proposal yang memenuhi syarat dalam "
        "kumpulan ini; salin kodenya dari lembar penilaian yang ditulis kipp assign",
        f"error: {sheet}:4:E: novelty: '7' bukan nilai pada skala 1 sampai 5; berikan bilangan "
        "bulat dari 1 sampai 5",
        f"error: {sheet}:7:A: reviewer: 'dinkes' menyatakan konflik kepentingan dengan proposal "
        "ini; nilai ini tidak dipakai, mintalah juri lain",
        f"error: {sheet}:8:D: background: 'baik' bukan nilai pada skala 1 sampai 5; berikan "
        "bilangan bulat dari 1 sampai 5",
        f"error: {sheet}:4:B: proposal: 'a' menilai 'p1' di 2 tempat dengan nilai yang berbeda "
        f"({sheet} baris 4; {sheet} baris 9); tidak satu pun dipakai dan total 'p1' tetap "
        "sementara: simpan satu salinan, yang dimaksud juri, dan hapus salinan lainnya",
    ]
    # usable scores kept: b's partial p1, a's p2 without background (a's p1 is held: its
    # row 9 is not the same as row 4)
    assert [(r.reviewer, r.proposal, sorted(r.scores), r.complete) for r in found.reviews] == [
        ("b", "p1", ["background", "novelty"], False),
        ("a", "p2", sorted(set(CRITERIA) - {"background"}), False),
    ]


def test_ingest_reads_xlsx_numbers_and_reports_out_of_range(tmp_path: Path) -> None:
    folder = batch(tmp_path)
    sheet = write_xlsx(
        folder, "_reviews/b.xlsx", [header(), row("b", "p1", *FULL), row("b", "p2", 0, *FULL[1:])]
    )
    found = ingest(folder)
    assert rendered(found) == [
        f"error: {sheet}:3:D: background: 0 is not a score on the scale 1 to 5; give a whole "
        "number from 1 to 5"
    ]
    assert found.reviews[0].scores == dict.fromkeys(CRITERIA, 4)
    assert found.reviews[0].complete is True


def test_ingest_names_missing_columns_on_the_header_row(tmp_path: Path) -> None:
    folder = batch(tmp_path)
    no_ids = write_csv(folder, "_reviews/a.csv", [["title", "background"], ["x", "3"]])
    no_novelty = write_csv(
        folder, "_reviews/b.csv", [[h for h in header() if h != "novelty"], ["b", "p1"]]
    )
    assert rendered(ingest(folder)) == [
        f"error: {no_ids}:1: (header): no column headed “Reviewer” or “Proposal code”; row 1 "
        "must hold the headings of the scoresheet kipp assign wrote: “Reviewer”, "
        "“Proposal code”, then one column for each criterion",
        f"error: {no_novelty}:1: novelty: no column for this criterion; head its scores' "
        "column `Kebaruan` (or `novelty`), exactly as in the scoresheet kipp assign wrote",
    ]


def test_a_missing_criterion_column_is_named_as_the_sheet_heads_it(tmp_path: Path) -> None:
    # a heading renamed 'Kebaruan (1-5)' was told to add a column `novelty`, the rubric's
    # code, where the reviewer's sheet says 'Kebaruan'
    folder = batch(tmp_path)
    headings = ["Juri", "Kode proposal", *(f"{h} (1-5)" if h == "Kebaruan" else h for h in LABELS)]
    sheet = write_csv(folder, "_reviews/a.csv", [headings, ["a", "p1", *FULL]])
    assert rendered(ingest(folder), Lang.ID)[:1] == [
        f"error: {sheet}:1: novelty: tidak ada kolom untuk kriteria ini; beri kolom nilainya "
        "judul `Kebaruan` (atau `novelty`), persis seperti di lembar penilaian yang ditulis kipp "
        "assign"
    ]


def test_ingest_warns_of_scores_not_assigned_and_still_uses_them(tmp_path: Path) -> None:
    folder = batch(tmp_path, "reviewer,proposal\na,p1\nb,p1\n")
    sheet = write_csv(
        folder, "_reviews/a.csv", [header(), row("a", "p1", *FULL), row("a", "p2", *FULL)]
    )
    found = ingest(folder)
    assert rendered(found) == [
        f"warning: {sheet}:3:B: proposal: 'p2' was not assigned to 'a' (assignments.csv); the "
        "scores are used, check the assignment was changed on purpose"
    ]
    assert [(r.reviewer, r.proposal) for r in found.reviews] == [("a", "p1"), ("a", "p2")]


def test_ingest_counts_scores_outside_the_assignments_apart_from_the_reviews_expected(
    tmp_path: Path,
) -> None:
    # a scores p2, assigned to b only, and p3, assigned to nobody: both used, neither counted
    # as a review expected or completed (before: a "completed" 3 of the 1 assigned, and p3's
    # scorer was counted as expected)
    folder = batch(tmp_path, "reviewer,proposal\na,p1\nb,p2\n")
    write_csv(
        folder,
        "_reviews/a.csv",
        [header(), row("a", "p1", *FULL), row("a", "p2", *FULL), row("a", "p3", 3)],
    )
    write_csv(folder, "_reviews/b.csv", [header(), row("b", "p2", *FULL)])
    found = ingest(folder)
    assert [(r.reviewer, r.proposal) for r in found.reviews] == [
        ("a", "p1"),
        ("a", "p2"),
        ("a", "p3"),
        ("b", "p2"),
    ]
    assert found.progress[:2] == [
        ReviewerProgress(reviewer="a", name="Ani", assigned=1, completed=1, started=1),
        ReviewerProgress(reviewer="b", name="Budi", assigned=1, completed=1, started=1),
    ]
    counts = {
        pid: (p.assigned, p.completed, p.batch_assigned, p.batch_completed)
        for pid, p in found.proposals.items()
    }
    assert counts == {
        "p1": (["a"], ["a"], 2, 2),
        "p2": (["b"], ["a", "b"], 2, 2),
        "p3": ([], [], 2, 2),
    }


def test_ingest_without_assignments_leaves_the_reviews_expected_unknown(tmp_path: Path) -> None:
    # sheets came back, assignments.csv did not: every reviewer with a row for a proposal is
    # expected as far as is known, and no total can be known to be final
    folder = batch(tmp_path)
    write_csv(folder, "_reviews/a.csv", [header(), row("a", "p1", *FULL), row("a", "p2")])
    found = ingest(folder)
    assert rendered(found) == []
    assert (found.assignments_known, found.assignments_missing) == (False, True)
    states = {
        pid: (p.assigned, p.pending, p.assignments_known, p.assignments_missing)
        for pid, p in found.proposals.items()
    }
    assert states == {"p1": (["a"], 0, False, True), "p2": (["a"], 1, False, True)}
    assert found.progress[0] == ReviewerProgress(
        reviewer="a", name="Ani", assigned=2, completed=1, started=1
    )


def test_ingest_of_a_panel_without_sheets_or_assignments_knows_its_assignments(
    tmp_path: Path,
) -> None:
    found = ingest(batch(tmp_path))
    assert (found.assignments_known, found.assignments_missing, found.proposals) == (
        True,
        False,
        {},
    )


def test_ingest_progress_counts_assigned_completed_and_started(tmp_path: Path) -> None:
    folder = batch(tmp_path, "reviewer,proposal\na,p1\na,p2\nb,p1\nb,p2\n")
    write_csv(folder, "_reviews/a.csv", [header(), row("a", "p1", *FULL), row("a", "p2", 3)])
    write_csv(folder, "_reviews/b.csv", [header(), row("b", "p1"), row("b", "p2")])
    found = ingest(folder)
    assert found.progress == [
        ReviewerProgress(reviewer="a", name="Ani", assigned=2, completed=1, started=2),
        ReviewerProgress(reviewer="b", name="Budi", assigned=2, completed=0, started=0),
        ReviewerProgress(reviewer="dinkes", name="Dewi", assigned=0, completed=0, started=0),
    ]
    assert (found.proposals["p1"].pending, found.proposals["p2"].pending) == (1, 2)


def test_scores_of_a_proposal_not_scored_in_this_run_are_kept_and_not_waited_for(
    tmp_path: Path,
) -> None:
    # p3 was assigned and reviewed, then its file was made invalid: the reviewer did nothing
    # wrong, and no total waits for p3's reviews in this run
    folder = batch(tmp_path, "reviewer,proposal\na,p1\na,p3\nb,p2\n")
    sheet = write_csv(
        folder, "_reviews/a.csv", [header(), row("a", "p1", *FULL), row("a", "p3", *FULL)]
    )
    write_csv(folder, "_reviews/b.csv", [header(), row("b", "p2", *FULL)])
    found = load_reviews(folder, RUBRIC, PROPOSALS[:2], set_aside=["p1", "p2", "p3"])
    assert rendered(found) == [
        f"warning: {sheet}:3:B: proposal: 'p3' is in this batch but not scored in this run "
        "(invalid or ineligible); this row is left as it is, its scores are not used in this "
        "run"
    ]
    assert found.progress == [
        ReviewerProgress(reviewer="a", name="Ani", assigned=1, completed=1, started=1),
        ReviewerProgress(reviewer="b", name="Budi", assigned=1, completed=1, started=1),
        ReviewerProgress(reviewer="dinkes", name="Dewi", assigned=0, completed=0, started=0),
    ]


def test_ingest_reports_a_broken_panel_and_keeps_reading_sheets(tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    panel = write_text(folder, "reviewers.yaml", "reviewers:\n  - id: A B\n    name: x\n")
    write_csv(folder, "_reviews/a.csv", [header(), row("a", "p1", *FULL)])
    found = ingest(folder)
    assert rendered(found) == [
        f"error: {panel}:2: reviewers.1.id: 'A B' is not a valid reviewer id: use lowercase "
        "letters, digits and hyphens, e.g. 'ani-rahmawati'"
    ]
    assert len(found.reviews) == 1


def test_ingest_of_a_batch_without_reviews_is_empty(tmp_path: Path) -> None:
    found = ingest(tmp_path)
    assert found.empty
    assert found.proposals == {}


def test_ingest_refuses_scores_of_the_reviewers_agency_under_another_name(tmp_path: Path) -> None:
    folder = batch(tmp_path)
    write_text(folder, "_agencies.yaml", REGISTRY_YAML)
    proposals = [*PROPOSALS, make_proposal("p4", agency="UPT Puskesmas Kedundung")]
    sheet = write_csv(
        folder,
        "_reviews/d.csv",
        [header(), row("dinkes", "p4", *FULL), row("dinkes", "p1", *FULL)],
    )
    found = load_reviews(folder, RUBRIC, proposals, agency_matcher(folder))
    assert rendered(found) == [
        f"error: {sheet}:2:A: reviewer: 'dinkes' works at UPT Puskesmas Kedundung, the "
        "proposal's agency; these scores are not used, ask another reviewer"
    ]
    assert [(r.reviewer, r.proposal) for r in found.reviews] == [("dinkes", "p1")]


def test_ingest_reports_repeated_rows_and_uses_each_pair_once(tmp_path: Path) -> None:
    folder = batch(tmp_path, "reviewer,proposal\na,p1\nb,p1\n")
    first = write_csv(
        folder,
        "_reviews/a.csv",
        [
            header(),
            row("a", "p1", *FULL),
            row("a", "p1"),
            row("a", "p2"),
            row("a", "p2"),
            row("a", "p3"),
            row("a", "p3", *[5] * len(CRITERIA)),
        ],
    )
    second = write_csv(folder, "_reviews/salinan.csv", [header(), row("a", "p1", *FULL)])
    found = ingest(folder)
    unassigned = (
        "(assignments.csv); the scores are used, check the assignment was changed on purpose"
    )
    assert rendered(found) == [
        f"warning: {first}:3:B: proposal: 'a' already scored 'p1' in {first} row 2; this row is "
        "not used",
        f"warning: {first}:4:B: proposal: 'p2' was not assigned to 'a' {unassigned}",
        f"warning: {first}:5:B: proposal: 'a' already has a row for 'p2' in {first} row 4; this "
        "row is not used",
        f"warning: {first}:6:B: proposal: 'p3' was not assigned to 'a' {unassigned}",
        f"warning: {second}:2:B: proposal: 'a' scored 'p1' with the same scores in {first} row "
        "2; counted once, remove one of the copies",
    ]
    assert [(r.reviewer, r.proposal, r.row, set(r.scores.values())) for r in found.reviews] == [
        ("a", "p1", 2, {4}),
        ("a", "p3", 7, {5}),
    ]
    # p3 was not assigned to a: its scores are used, but not counted as assigned work done
    assert found.progress[0] == ReviewerProgress(
        reviewer="a", name="Ani", assigned=1, completed=1, started=1
    )


def test_ingest_counts_a_pair_repeated_in_the_assignments_once(tmp_path: Path) -> None:
    folder = batch(tmp_path, "reviewer,proposal\na,p1\nb,p1\na,p1\n")
    write_csv(folder, "_reviews/a.csv", [header(), row("a", "p1", *FULL)])
    found = ingest(folder)
    assert rendered(found) == [
        f"warning: {folder / '_reviews' / 'assignments.csv'}:4: (row): 'a' is assigned 'p1' on "
        "row 2 already; this row is not counted"
    ]
    assert found.progress[0] == ReviewerProgress(
        reviewer="a", name="Ani", assigned=1, completed=1, started=1
    )
    assert found.proposals["p1"].assigned == ["a", "b"]


def test_ingest_refuses_a_sheet_padded_past_intakes_row_limit_and_reads_the_others(
    tmp_path: Path,
) -> None:
    folder = batch(tmp_path)
    padded = write_text(
        folder, "_reviews/a.csv", csv_text([header(), row("a", "p1", *FULL)]) + "\n" * 20_001
    )
    write_csv(folder, "_reviews/b.csv", [header(), row("b", "p1", *FULL)])
    found = ingest(folder)
    assert rendered(found) == [
        f"error: {padded}: (file): more than 20,000 rows below the header (blank rows count "
        "too); split the export into smaller files"
    ]
    assert [(r.reviewer, r.proposal) for r in found.reviews] == [("b", "p1")]


def test_ingest_refuses_a_sheet_over_the_size_limit_naming_the_file(tmp_path: Path) -> None:
    folder = batch(tmp_path)
    big = write_csv(folder, "_reviews/a.csv", [header(), row("a", "p1", *FULL, comment="x" * 2000)])
    found = load_reviews(folder, RUBRIC, PROPOSALS, limits=Limits(max_sheet_bytes=1024))
    assert rendered(found) == [
        f"error: {big}: (file): file is larger than 1.0 KB; a scoresheet is far smaller"
    ]
    assert found.reviews == []


def test_ingest_refuses_a_workbook_unpacking_past_the_limit(tmp_path: Path) -> None:
    folder = batch(tmp_path)
    sheet = write_xlsx(folder, "_reviews/b.xlsx", [header(), row("b", "p1", *FULL)])
    unpacked = sum(i.file_size for i in zipfile.ZipFile(sheet).infolist())
    found = load_reviews(folder, RUBRIC, PROPOSALS, limits=Limits(max_sheet_unpacked_bytes=1024))
    assert rendered(found) == [
        f"error: {sheet}: (file): workbook unpacks to {human_size(unpacked)}, over the 1.0 KB "
        "limit; split the export"
    ]


PROVISIONAL = "so their scores cannot be used and the total of '{p}' stays provisional; run kipp "
PROVISIONAL += "assign again with the panel, or "


def test_ingest_reports_assigned_reviewers_the_panel_refuses_by_file_and_row(
    tmp_path: Path,
) -> None:
    folder = batch(tmp_path, "reviewer,proposal\na,p1\nzz,p1\ndinkes,p3\ndinkes,p2\nb,p2\n")
    write_csv(folder, "_reviews/a.csv", [header(), row("a", "p1", *FULL)])
    found = ingest(folder)
    assignments = folder / "_reviews" / "assignments.csv"
    assert rendered(found) == [
        f"error: {assignments}:3:A: reviewer: 'zz' is assigned 'p1' but is not on the panel "
        f"(reviewers.yaml), {PROVISIONAL.format(p='p1')}add them to reviewers.yaml",
        f"error: {assignments}:4:A: reviewer: 'dinkes' is assigned 'p3' but works at Dinas "
        f"Kesehatan, the proposal's agency, {PROVISIONAL.format(p='p3')}correct their agency "
        "in the panel",
        f"error: {assignments}:5:A: reviewer: 'dinkes' is assigned 'p2' but declared a conflict "
        f"of interest with it, {PROVISIONAL.format(p='p2')}drop the conflict from the panel if "
        "it was declared by mistake",
    ]
    pending = {pid: p.pending for pid, p in found.proposals.items()}
    assert pending == {"p1": 1, "p2": 2, "p3": 1}


def test_ingest_reports_an_assigned_reviewer_of_the_proposals_agency_under_another_name(
    tmp_path: Path,
) -> None:
    folder = batch(tmp_path, "reviewer,proposal\ndinkes,p4\n")
    write_text(folder, "_agencies.yaml", REGISTRY_YAML)
    health_centre = make_proposal("p4", agency="UPT Puskesmas Kedundung")
    found = load_reviews(folder, RUBRIC, [*PROPOSALS, health_centre], agency_matcher(folder))
    assert rendered(found) == [
        f"error: {folder / '_reviews' / 'assignments.csv'}:2:A: reviewer: 'dinkes' is assigned "
        "'p4' but works at UPT Puskesmas Kedundung, the proposal's agency, "
        f"{PROVISIONAL.format(p='p4')}correct their agency in the panel"
    ]


def test_ingest_warns_that_sheets_without_a_panel_go_unchecked_and_uses_them(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "batch"
    write_csv(folder, "_reviews/dinkes.csv", [header(), row("dinkes", "p3", *FULL)])
    found = ingest(folder)
    assert rendered(found) == [
        f"warning: {folder / 'reviewers.yaml'}: (file): no review panel beside the proposals, "
        "so the reviewers of the scoresheets and assignments.csv are not checked against the "
        "panel, their agencies or their declared conflicts; put the panel given to kipp assign "
        "in the batch folder as reviewers.yaml"
    ]
    assert [(r.reviewer, r.proposal, r.complete) for r in found.reviews] == [("dinkes", "p3", True)]


def test_ingest_reads_blind_packet_codes_back_to_proposal_ids(tmp_path: Path) -> None:
    folder = batch(tmp_path, "reviewer,proposal,packet\na,p1,PAKET-02\nb,p1,PAKET-02\n")
    sheet = write_csv(
        folder,
        "_reviews/a.csv",
        [header(), row("a", "paket-02", *FULL), row("a", "PAKET-09", *FULL)],
    )
    found = ingest(folder)
    assert rendered(found) == [
        f"error: {sheet}:3:B: proposal: 'PAKET-09' is a blind packet code that assignments.csv "
        "does not map to a proposal; put back the assignments.csv that kipp assign wrote with "
        "these sheets"
    ]
    assert [(r.reviewer, r.proposal, r.row) for r in found.reviews] == [("a", "p1", 2)]
    assert found.proposals["p1"].assigned == ["a", "b"]


def test_ingest_reads_ids_as_the_reviewer_meant_them_whatever_their_case_or_zeros(
    tmp_path: Path,
) -> None:
    # 'Bagus-Hermawan ', the reviewer's own name, 'Gayatri' and 'PAKET-2' cost the
    # reviewer the row, for ids that are lower case and codes written with their zeros
    folder = batch(tmp_path, "reviewer,proposal,packet\na,p1,PAKET-02\nb,p2,PAKET-05\n")
    write_csv(folder, "_reviews/a.csv", [header(), row(" A ", "PAKET-2", *FULL)])
    write_csv(folder, "_reviews/b.csv", [header(), row("budi", "P2", *FULL)])
    found = ingest(folder)
    assert rendered(found) == []
    assert [(r.reviewer, r.proposal) for r in found.reviews] == [("a", "p1"), ("b", "p2")]


def test_ingest_reports_a_packet_code_given_to_two_proposals(tmp_path: Path) -> None:
    folder = batch(tmp_path, "reviewer,proposal,packet\na,p1,PAKET-01\nb,p2,PAKET-01\n")
    write_csv(folder, "_reviews/b.csv", [header(), row("b", "PAKET-01", *FULL)])
    found = ingest(folder)
    assert rendered(found) == [
        f"error: {folder / '_reviews' / 'assignments.csv'}:3: packet: packet 'PAKET-01' stands "
        "for 'p1' on row 2 already, not for 'p2'; sheets with this code are read as 'p1', put "
        "back the assignments.csv that kipp assign wrote",
        f"warning: {folder / '_reviews' / 'b.csv'}:2:B: proposal: 'p1' was not assigned to 'b' "
        "(assignments.csv); the scores are used, check the assignment was changed on purpose",
    ]


# --- scoresheets as reviewers save them ------------------------------------------------------

# Five reviewers' rows of seven criteria: 35 scores, each a different pattern, so that a score
# read under the wrong criterion or row shows.
SCORED = [
    ("a", "p1"),
    ("b", "p1"),
    ("a", "p2"),
    ("b", "p2"),
    ("a", "p3"),
]


def _scores(index: int) -> list[int]:
    return [(index * 3 + column * 2) % 5 + 1 for column in range(len(CRITERIA))]


COMMENTS = [
    'Kuat; tapi "uji coba" belum; perlu data',
    "Baik",
    'Catatan: "kebaruan"; lihat; lampiran',
    "",
    "Ringkas; jelas",
]
SCORE_ROWS = [
    row(reviewer_id, pid, *_scores(i), comment=COMMENTS[i])
    for i, (reviewer_id, pid) in enumerate(SCORED)
]
EXPECTED = {
    (reviewer_id, pid): dict(zip(CRITERIA, _scores(i), strict=True))
    for i, (reviewer_id, pid) in enumerate(SCORED)
}


def read_back(found: ReviewSet) -> dict[tuple[str, str], dict[str, int]]:
    return {(r.reviewer, r.proposal): r.scores for r in found.reviews}


def test_ingest_semicolon_csv_with_quoted_separators_reads_every_score(tmp_path: Path) -> None:
    folder = batch(tmp_path)
    write_csv(folder, "_reviews/a.csv", [header(), *SCORE_ROWS], delimiter=";")
    found = ingest(folder)
    assert rendered(found) == []
    assert read_back(found) == EXPECTED
    assert [r.comment for r in found.reviews] == [c or None for c in COMMENTS]


def test_ingest_xls_reads_every_score(tmp_path: Path) -> None:
    folder = batch(tmp_path)
    write_xls(folder, "_reviews/a.xls", [header(), *SCORE_ROWS], sheet="nilai")
    found = ingest(folder)
    assert rendered(found) == []
    assert read_back(found) == EXPECTED
    assert found.sheets == [str(folder / "_reviews" / "a.xls")]


def test_ingest_ods_saved_by_libreoffice_reads_every_score(tmp_path: Path) -> None:
    folder = batch(tmp_path)
    write_ods(folder, "_reviews/a.ods", {"nilai": [header(), *SCORE_ROWS], "kriteria": [["x"]]})
    found = ingest(folder)
    assert rendered(found) == []
    assert read_back(found) == EXPECTED


def test_ingest_xlsx_reads_every_score(tmp_path: Path) -> None:
    folder = batch(tmp_path)
    write_xlsx(folder, "_reviews/a.xlsx", [header(), *SCORE_ROWS], sheet="nilai")
    found = ingest(folder)
    assert rendered(found) == []
    assert read_back(found) == EXPECTED


def test_ingest_scores_sheet_found_by_its_headers_and_named_in_problems(tmp_path: Path) -> None:
    folder = batch(tmp_path)
    path = write_ods(
        folder,
        "_reviews/a.ods",
        {"Petunjuk": [["Isi lembar Nilai"]], "Nilai": [header(), *SCORE_ROWS, row("a", "x")]},
    )
    found = ingest(folder)
    shown = f"{path} \u203a Nilai"
    assert rendered(found) == [
        f"error: {shown}:7:B: proposal: 'x' is not an eligible proposal of this batch; copy the "
        "id from the scoresheet kipp assign wrote"
    ]
    assert read_back(found) == EXPECTED
    assert found.sheets == [shown]


def test_ingest_workbook_without_a_scores_sheet_refused_naming_its_sheets(tmp_path: Path) -> None:
    folder = batch(tmp_path)
    path = write_xls(folder, "_reviews/a.xls", [["catatan"]], before={"Petunjuk": [["baca"]]})
    found = ingest(folder)
    assert rendered(found) == [
        f"error: {path}: (file): no sheet has “Reviewer” and “Proposal code” in its header "
        "row (sheets: 'Petunjuk', 'Sheet1'); put back the scores sheet that kipp assign wrote"
    ]
    assert rendered(found, Lang.ID) == [
        f"error: {path}: (berkas): tidak ada lembar yang baris judul kolomnya memuat “Juri” "
        "dan “Kode proposal” (lembar: 'Petunjuk', 'Sheet1'); kembalikan lembar penilaian "
        "yang ditulis kipp assign"
    ]


def test_ingest_reports_every_file_it_does_not_read_in_the_reviews_folder(tmp_path: Path) -> None:
    folder = batch(tmp_path)
    write_csv(folder, "_reviews/a.csv", [header(), *SCORE_ROWS])
    numbers = write_text(folder, "_reviews/b.numbers", "PK")
    notes = write_text(folder, "_reviews/catatan.docx", "PK")
    (folder / "_reviews" / "juri-c").mkdir()
    write_text(folder, "_reviews/~$a.xlsx", "lock")
    write_text(folder, "_reviews/.~lock.a.ods#", "lock")
    found = ingest(folder)
    reason = (
        "not read as a scoresheet: kipp reads scoresheets saved as .xlsx, .xls, .ods, .csv; "
        "save it again as one of them"
    )
    assert rendered(found) == [
        f"error: {numbers}: (file): {reason}",
        f"warning: {notes}: (file): {reason}",
        f"warning: {folder / '_reviews' / 'juri-c'}: (file): is a folder: kipp reads the "
        "scoresheets directly in _reviews/, not in folders inside it; move the sheets up into "
        "_reviews/",
    ]
    assert read_back(found) == EXPECTED


def test_ingest_passes_over_the_blank_csv_copies_kipp_assign_writes(tmp_path: Path) -> None:
    folder = batch(tmp_path)
    write_csv(folder, "_reviews/a.csv", [header(), *SCORE_ROWS])
    write_csv(folder, "_reviews/csv/a.csv", [header(), row("a", "p1")])
    found = ingest(folder)
    assert rendered(found) == []
    assert read_back(found) == EXPECTED


def test_ingest_finds_the_scores_sheet_by_the_headers_the_rows_are_read_by() -> None:
    from kipp.assignment.scoresheets import CSV_DIR
    from kipp.intake import review_sheets
    from kipp.reviews import rows

    assert review_sheets.REVIEWER_HEADERS == rows.REVIEWER_HEADERS
    assert review_sheets.PROPOSAL_HEADERS == rows.PROPOSAL_HEADERS
    assert review_sheets.BLANK_COPIES == CSV_DIR


def test_ingest_names_a_missing_column_by_the_sheets_indonesian_heading(tmp_path: Path) -> None:
    folder = batch(tmp_path)
    no_reviewer = write_csv(
        folder, "_reviews/a.csv", [[h for h in header() if h != "reviewer"], ["p1", "x"]]
    )

    assert rendered(ingest(folder), Lang.ID) == [
        f"error: {no_reviewer}:1: (baris judul kolom): tidak ada kolom berjudul “Juri”; baris 1 "
        "harus memuat judul kolom lembar penilaian yang ditulis kipp assign: “Juri”, "
        "“Kode proposal”, lalu satu kolom untuk setiap kriteria"
    ]
