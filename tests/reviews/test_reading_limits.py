"""Row caps on review files: the batch-wide `assignments.csv` grows with the batch and is
capped by it, not by the cap meant for one reviewer's sheet; an assignments file that cannot
be read is reported where it is, and cannot make the totals look final."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
from builders import csv_text, load_reviews, results_of, run_stages, write_csv, write_text
from review_builders import RUBRIC, header, make_proposal, row

from kipp.core.i18n import Lang
from kipp.core.problems import Problem
from kipp.intake import Limits
from kipp.intake.review_sheets import assignments_cap, read_assignments
from kipp.reviews.models import Assignment, ReviewerProgress, ReviewSet
from kipp.scoring import Scorecard

SAMPLE = Path(__file__).resolve().parents[2] / "submissions" / "mojokerto-2022"
PANEL = "reviewers:\n  - id: a\n    name: Ani\n  - id: b\n    name: Budi\n"
PROPOSALS = [make_proposal("p1"), make_proposal("p2"), make_proposal("p3")]
FULL = [4] * len(RUBRIC.reviewed_criteria)


def batch(tmp_path: Path, assignments: str | None = None) -> Path:
    folder = tmp_path / "batch"
    write_text(folder, "reviewers.yaml", PANEL)
    if assignments is not None:
        write_text(folder, "_reviews/assignments.csv", assignments)
    return folder


def rendered(found: ReviewSet) -> list[str]:
    return [f"{p.severity}: {p.render()}" for p in found.problems]


def test_a_national_assignments_file_over_the_sheet_row_limit_is_read_in_full(
    tmp_path: Path,
) -> None:
    # a ministry's call: 8,500 eligible proposals x 3 reviewers = 25,500 rows
    pairs = [(f"r{i % 400}", f"p{i // 3}") for i in range(25_500)]
    path = write_text(tmp_path, "assignments.csv", csv_text([["reviewer", "proposal"], *pairs]))
    problems: list[Problem] = []

    record = read_assignments(path, problems, proposals=8_500)

    assert problems == []
    assert record.complete
    assert len(record.assignments) == 25_500
    assert record.assignments[-1] == Assignment(reviewer="r299", proposal="p8499")


def test_the_assignments_cap_grows_with_the_batch_and_never_falls_below_intakes() -> None:
    assert assignments_cap(0) == 20_000
    assert assignments_cap(100) == 20_000
    assert assignments_cap(8_500) == 170_000
    assert assignments_cap(10, Limits(max_rows=5)) == 200


def test_ingest_reads_assignments_past_the_sheet_row_limit_and_still_refuses_such_a_sheet(
    tmp_path: Path,
) -> None:
    # six assignment rows under a sheet cap of five: the assignments are read in full, a
    # reviewer's sheet with six rows is refused as before
    folder = batch(tmp_path, "reviewer,proposal\na,p1\na,p2\na,p3\nb,p1\nb,p2\nb,p3\n")
    scored = [row("a", p, *FULL) for p in ("p1", "p2", "p3")]
    padded = write_text(folder, "_reviews/a.csv", csv_text([header(), *scored]) + "\r\n" * 3)
    write_csv(folder, "_reviews/b.csv", [header(), row("b", "p1", *FULL)])

    found = load_reviews(folder, RUBRIC, PROPOSALS, limits=Limits(max_rows=5))

    assert rendered(found) == [
        f"error: {padded}: (file): more than 5 rows below the header (blank rows count too); "
        "split the export into smaller files"
    ]
    assert len(found.assignments) == 6
    assert found.progress[1] == ReviewerProgress(
        reviewer="b", name="Budi", assigned=3, completed=1, started=1
    )


def test_an_assignments_file_padded_past_its_cap_is_refused_naming_file_reason_and_fix(
    tmp_path: Path,
) -> None:
    folder = batch(tmp_path, "reviewer,proposal\na,p1\nb,p1\n" + "\n" * 20_000)
    write_csv(folder, "_reviews/a.csv", [header(), row("a", "p1", *FULL)])
    write_csv(folder, "_reviews/b.csv", [header(), row("b", "p1")])  # not started yet

    found = load_reviews(folder, RUBRIC, PROPOSALS)

    # one problem at the file, and no row warned as "not assigned" by a file not read
    assert rendered(found) == [
        f"error: {folder / '_reviews' / 'assignments.csv'}: (file): more than 20,000 rows "
        "below the header (blank rows count too), far more than this batch's assignments; "
        "write it again with kipp assign"
    ]
    # b's row not yet scored keeps p1 pending, so its total stays provisional
    assert found.proposals["p1"].assigned == ["a", "b"]
    assert found.proposals["p1"].pending == 1
    # progress counts what the sheets show; the panel is never reported complete
    assert [(p.assigned, p.completed) for p in found.progress] == [(1, 1), (1, 0)]
    assert not found.assignments_known
    assert all(not p.assignments_known for p in found.proposals.values())


def test_an_assignments_file_over_the_size_limit_is_reported_and_keeps_a_total_provisional(
    tmp_path: Path,
) -> None:
    folder = batch(tmp_path, "reviewer,proposal\na,p1\nb,p1\n" + "c,p9\n" * 300)
    write_csv(folder, "_reviews/a.csv", [header(), row("a", "p1", *FULL)])
    write_csv(folder, "_reviews/b.csv", [header(), row("b", "p1", 3)])  # started only

    found = load_reviews(folder, RUBRIC, PROPOSALS, limits=Limits(max_sheet_bytes=1024))

    assert [p for p in rendered(found) if p.startswith("error")] == [
        f"error: {folder / '_reviews' / 'assignments.csv'}: (file): file is larger than "
        "1.0 KB; a scoresheet is far smaller"
    ]
    assert found.proposals["p1"].pending == 1


def test_assignment_rows_that_cannot_be_read_are_located_and_keep_a_total_provisional(
    tmp_path: Path,
) -> None:
    # saved without its proposal column: no row says what was assigned
    folder = batch(tmp_path, "reviewer\na\nb\n")
    write_csv(folder, "_reviews/a.csv", [header(), row("a", "p1", *FULL)])
    write_csv(folder, "_reviews/b.csv", [header(), row("b", "p1")])

    found = load_reviews(folder, RUBRIC, PROPOSALS)

    path = folder / "_reviews" / "assignments.csv"
    assert rendered(found) == [
        f"error: {path}:{n}: (row): needs a reviewer id and a proposal id; write them as "
        "`reviewer,proposal`"
        for n in (2, 3)
    ]
    assert found.proposals["p1"].pending == 1


def _sample_with_unreadable_assignments(tmp_path: Path) -> Path:
    folder = tmp_path / "mojokerto-2022"
    shutil.copytree(SAMPLE, folder)
    (folder / "_reviews" / "assignments.csv").write_text(
        "reviewer,proposal\n" + "\n" * 20_001, encoding="utf-8"
    )
    return folder


def _totals_provisional(folder: Path) -> dict[str, bool]:
    values = run_stages("scorecards", batch_folder=folder)
    found: ReviewSet = values["reviews"]  # type: ignore[assignment]
    assert [p.path for p in found.problems] == [str(folder / "_reviews" / "assignments.csv")]
    scorecards: dict[str, Scorecard] = values["scorecards"]  # type: ignore[assignment]
    return {pid: card.provisional for pid, card in scorecards.items()}


def test_with_unreadable_assignments_a_row_not_yet_scored_keeps_the_total_provisional(
    tmp_path: Path,
) -> None:
    folder = _sample_with_unreadable_assignments(tmp_path)
    # Dr. Bagus has not scored Gayatri yet: his sheet's row for it is blank
    sheet = folder / "_reviews" / "bagus-hermawan.xlsx"
    workbook = openpyxl.load_workbook(sheet, read_only=True)
    rows = [list(r) for r in workbook.worksheets[0].iter_rows(values_only=True)]
    workbook.close()
    sheet.unlink()
    scores = slice(5, 5 + len(RUBRIC.reviewed_criteria))
    blank = next(r for r in rows if r[1] == "gayatri")
    blank[scores] = [None] * (scores.stop - scores.start)
    write_csv(folder, "_reviews/bagus-hermawan.csv", rows)

    provisional = _totals_provisional(folder)

    assert provisional["gayatri"] is True
    assert found_pending(folder)["gayatri"] == 1  # the blank row counts as assigned


def test_with_unreadable_assignments_no_total_is_final(tmp_path: Path) -> None:
    folder = _sample_with_unreadable_assignments(tmp_path)

    # every sheet complete, but a reviewer whose sheet never came back cannot be seen
    assert all(_totals_provisional(folder).values())


def found_pending(folder: Path) -> dict[str, int]:
    found: ReviewSet = run_stages("reviews", batch_folder=folder)["reviews"]  # type: ignore[assignment]
    return {pid: reviews.pending for pid, reviews in found.proposals.items()}


def test_with_unreadable_assignments_the_panel_is_not_reported_complete(tmp_path: Path) -> None:
    def complete(folder: Path) -> bool:
        out = results_of(folder, Lang.EN).reviews
        assert out is not None
        return out.complete

    assert complete(SAMPLE)  # every assigned review is in
    assert not complete(_sample_with_unreadable_assignments(tmp_path))
