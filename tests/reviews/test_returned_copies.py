"""A reviewer's scores of a proposal found in more than one place: an `.xlsx` and its `.csv`
export (counted once), an old draft beside the final sheet or a correction added below a
row (a conflict: none used, the total provisional), a workbook holding a copy of its scores
sheet (the sheet `kipp assign` named is read, the copy reported), and a file named after one
reviewer holding another's rows (reported)."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import load_reviews, write_csv, write_text, write_xlsx
from review_builders import CRITERIA, RUBRIC, header, make_proposal, row
from sheet_writers import write_ods

from kipp.core.i18n import Lang
from kipp.reviews.models import ReviewerProgress, ReviewSet
from kipp.reviews.rows import named_reviewer

PANEL = """\
reviewers:
  - id: a
    name: Ani
  - id: b
    name: Budi
"""
PROPOSALS = [make_proposal("p1"), make_proposal("p2"), make_proposal("p3")]
FOURS = [4] * len(CRITERIA)
TWOS = [2] * len(CRITERIA)
ASSIGNED = "reviewer,proposal\na,p1\na,p2\nb,p1\nb,p2\n"


def batch(tmp_path: Path, assignments: str = ASSIGNED) -> Path:
    folder = tmp_path / "batch"
    write_text(folder, "reviewers.yaml", PANEL)
    write_text(folder, "_reviews/assignments.csv", assignments)
    return folder


def rendered(found: ReviewSet, lang: Lang = Lang.EN) -> list[str]:
    return [f"{p.severity}: {p.render(lang)}" for p in found.problems]


def used(found: ReviewSet) -> list[tuple[str, str, str, int]]:
    return [(r.reviewer, r.proposal, Path(r.sheet).name, r.row) for r in found.reviews]


def test_an_xlsx_and_its_csv_export_with_the_same_scores_count_once(tmp_path: Path) -> None:
    folder = batch(tmp_path)
    rows = [header(), row("a", "p1", *FOURS), row("a", "p2", 3, *FOURS[1:])]
    export = write_csv(folder, "_reviews/a.csv", rows)
    workbook = write_xlsx(folder, "_reviews/a.xlsx", rows, sheet="Nilai")

    found = load_reviews(folder, RUBRIC, PROPOSALS)

    assert rendered(found) == [
        f"warning: {workbook}:{n}:B: proposal: 'a' scored '{p}' with the same scores in "
        f"{export} row {n}; counted once, remove one of the copies"
        for n, p in ((2, "p1"), (3, "p2"))
    ]
    assert used(found) == [("a", "p1", "a.csv", 2), ("a", "p2", "a.csv", 3)]
    assert found.progress[0] == ReviewerProgress(
        reviewer="a", name="Ani", assigned=2, completed=2, started=2
    )


def test_an_xlsx_and_its_csv_export_with_the_same_score_off_the_scale_count_once(
    tmp_path: Path,
) -> None:
    # the workbook holds the number 7, the export the text "7": the same copy
    folder = batch(tmp_path)
    rows = [header(), row("a", "p1", 7, *FOURS[1:])]
    export = write_csv(folder, "_reviews/a.csv", rows)
    workbook = write_xlsx(folder, "_reviews/a.xlsx", rows, sheet="Nilai")

    found = load_reviews(folder, RUBRIC, PROPOSALS)

    assert rendered(found) == [
        *(
            f"error: {sheet}:2:D: background: {shown} is not a score on the scale 1 to 5; give "
            "a whole number from 1 to 5"
            for sheet, shown in ((export, "'7'"), (workbook, "7"))
        ),
        f"warning: {workbook}:2:B: proposal: 'a' scored 'p1' with the same scores in {export} "
        "row 2; counted once, remove one of the copies",
    ]
    assert used(found) == [("a", "p1", "a.csv", 2)]


def test_an_old_draft_beside_the_final_sheet_holds_the_pairs_it_scores_differently(
    tmp_path: Path,
) -> None:
    # `a (1).csv` is read first (sorted by name): before, its scores of p1 were used and the
    # final sheet's discarded as repeats
    folder = batch(tmp_path)
    draft = write_csv(folder, "_reviews/a (1).csv", [header(), row("a", "p1", *TWOS)])
    final = write_csv(
        folder, "_reviews/a.csv", [header(), row("a", "p1", *FOURS), row("a", "p2", *FOURS)]
    )
    write_csv(folder, "_reviews/b.csv", [header(), row("b", "p1", *FOURS), row("b", "p2", *FOURS)])

    found = load_reviews(folder, RUBRIC, PROPOSALS)

    assert rendered(found) == [
        f"error: {draft}:2:B: proposal: 'a' scored 'p1' in 2 places with different scores "
        f"({draft} row 2; {final} row 2); none of them is used and the total of 'p1' stays "
        "provisional: keep one copy, the one the reviewer means, and remove the others"
    ]
    assert rendered(found, Lang.ID) == [
        f"error: {draft}:2:B: proposal: 'a' menilai 'p1' di 2 tempat dengan nilai yang berbeda "
        f"({draft} baris 2; {final} baris 2); tidak satu pun dipakai dan total 'p1' tetap "
        "sementara: simpan satu salinan, yang dimaksud juri, dan hapus salinan lainnya"
    ]
    assert used(found) == [
        ("a", "p2", "a.csv", 3),
        ("b", "p1", "b.csv", 2),
        ("b", "p2", "b.csv", 3),
    ]
    # the held review counts as not received: p1 waits for it, the counts add up
    p1, p2 = found.proposals["p1"], found.proposals["p2"]
    assert (p1.assigned, p1.completed, p1.pending) == (["a", "b"], ["b"], 1)
    assert (p2.pending, p1.batch_assigned, p1.batch_completed) == (0, 4, 3)
    assert found.progress[0] == ReviewerProgress(
        reviewer="a", name="Ani", assigned=2, completed=1, started=1
    )


def test_a_partial_draft_holds_only_the_pair_it_scored_differently(tmp_path: Path) -> None:
    folder = batch(tmp_path)
    draft = write_csv(
        folder, "_reviews/a (1).csv", [header(), row("a", "p1"), row("a", "p2", *TWOS)]
    )
    final = write_csv(
        folder, "_reviews/a.csv", [header(), row("a", "p1", *FOURS), row("a", "p2", *FOURS)]
    )

    found = load_reviews(folder, RUBRIC, PROPOSALS)

    # the draft's blank row for p1 is "not started", never a copy of the final row
    assert rendered(found) == [
        f"error: {draft}:3:B: proposal: 'a' scored 'p2' in 2 places with different scores "
        f"({draft} row 3; {final} row 3); none of them is used and the total of 'p2' stays "
        "provisional: keep one copy, the one the reviewer means, and remove the others"
    ]
    assert used(found) == [("a", "p1", "a.csv", 2)]


def test_a_correction_added_below_a_scored_row_holds_the_pair(tmp_path: Path) -> None:
    # before, the first row was used and the correction discarded
    folder = batch(tmp_path)
    sheet = write_xlsx(
        folder,
        "_reviews/a.xlsx",
        [header(), row("a", "p1", *FOURS), row("a", "p2", *FOURS), row("a", "p1", *TWOS)],
        sheet="Nilai",
    )

    found = load_reviews(folder, RUBRIC, PROPOSALS)

    assert rendered(found) == [
        f"error: {sheet}:2:B: proposal: 'a' scored 'p1' in 2 places with different scores "
        f"({sheet} row 2; {sheet} row 4); none of them is used and the total of 'p1' stays "
        "provisional: keep one copy, the one the reviewer means, and remove the others"
    ]
    assert used(found) == [("a", "p2", "a.xlsx", 3)]
    assert found.proposals["p1"].pending == 2


def test_an_unassigned_pair_scored_differently_is_a_review_expected_and_not_received(
    tmp_path: Path,
) -> None:
    folder = batch(tmp_path)
    sheet = write_csv(
        folder,
        "_reviews/a.csv",
        [header(), row("a", "p1", *FOURS), row("a", "p3", *FOURS), row("a", "p3", *TWOS)],
    )

    found = load_reviews(folder, RUBRIC, PROPOSALS)

    assert rendered(found) == [
        f"warning: {sheet}:3:B: proposal: 'p3' was not assigned to 'a' (assignments.csv); the "
        "scores are used, check the assignment was changed on purpose",
        f"error: {sheet}:3:B: proposal: 'a' scored 'p3' in 2 places with different scores "
        f"({sheet} row 3; {sheet} row 4); none of them is used and the total of 'p3' stays "
        "provisional: keep one copy, the one the reviewer means, and remove the others",
    ]
    p3 = found.proposals["p3"]
    assert (p3.assigned, p3.completed, p3.pending) == (["a"], [], 1)
    # expected everywhere it is counted: the proposal's reviews, the batch's, the reviewer's
    assert (p3.batch_assigned, p3.batch_completed) == (5, 1)
    assert found.progress[0] == ReviewerProgress(
        reviewer="a", name="Ani", assigned=3, completed=1, started=1
    )


@pytest.mark.parametrize(("name", "lang"), [("Nilai", Lang.ID), ("Scores", Lang.EN)])
def test_a_workbook_with_a_copy_of_its_scores_sheet_reads_the_sheet_kipp_assign_named(
    tmp_path: Path, name: str, lang: Lang
) -> None:
    # Excel's "Move or Copy" puts the copy first: before, it was read and the sheet ignored
    folder = batch(tmp_path)
    path = write_ods(
        folder,
        "_reviews/a.ods",
        {
            f"{name} (2)": [header(), row("a", "p1", *TWOS)],
            name: [header(), row("a", "p1", *FOURS)],
            "Petunjuk": [["Isi lembar nilai"]],
        },
    )

    found = load_reviews(folder, RUBRIC, PROPOSALS)

    assert rendered(found) == [
        f"warning: {path}: (file): sheet '{name} (2)' has reviewer and proposal columns too, "
        f"but is not read: kipp reads sheet '{name}'; if the scores the reviewer means are in "
        f"'{name} (2)', copy them into '{name}' and delete sheet '{name} (2)'"
    ]
    assert rendered(found, Lang.ID) == [
        f"warning: {path}: (berkas): lembar '{name} (2)' juga memuat kolom juri dan kode "
        f"proposal, tetapi tidak dibaca: kipp membaca lembar '{name}'; bila nilai yang dimaksud "
        f"juri ada di '{name} (2)', salin ke '{name}' lalu hapus lembar '{name} (2)'"
    ]
    assert found.sheets == [f"{path} \u203a {name}"]
    assert [(r.reviewer, r.proposal, set(r.scores.values())) for r in found.reviews] == [
        ("a", "p1", {4})
    ]


def test_a_workbook_without_the_named_sheet_reads_its_first_scores_sheet_as_before(
    tmp_path: Path,
) -> None:
    folder = batch(tmp_path)
    path = write_ods(
        folder,
        "_reviews/a.ods",
        {
            "Petunjuk": [["baca"]],
            "penilaian": [header(), row("a", "p1", *FOURS)],
            "lain": [header()],
        },
    )

    found = load_reviews(folder, RUBRIC, PROPOSALS)

    assert rendered(found) == []
    assert found.sheets == [f"{path} \u203a penilaian"]


def test_a_file_named_after_one_reviewer_holding_anothers_rows_is_reported(
    tmp_path: Path,
) -> None:
    # a filled in b's sheet and returned it under a's name; b returned their own as well
    folder = batch(tmp_path)
    misnamed = write_csv(
        folder, "_reviews/a.csv", [header(), row("b", "p1", *TWOS), row("b", "p2", *TWOS)]
    )
    own = write_csv(
        folder, "_reviews/b.csv", [header(), row("b", "p1", *FOURS), row("b", "p2", *FOURS)]
    )

    found = load_reviews(folder, RUBRIC, PROPOSALS)

    held = (
        "2 places with different scores ({a} row {n}; {b} row {n}); none of them is used and "
        "the total of '{p}' stays provisional: keep one copy, the one the reviewer means, and "
        "remove the others"
    )
    assert rendered(found) == [
        f"warning: {misnamed}: (file): the file is named after 'a', but its rows hold the "
        "scores of 'b' and are read as theirs; if 'a' filled in another reviewer's sheet, take "
        "this file out of _reviews/ and ask 'a' for their own",
        *(
            f"error: {misnamed}:{n}:B: proposal: 'b' scored '{p}' in "
            + held.format(a=misnamed, b=own, n=n, p=p)
            for n, p in ((2, "p1"), (3, "p2"))
        ),
    ]
    assert rendered(found, Lang.ID)[0] == (
        f"warning: {misnamed}: (berkas): nama berkas ini menunjuk 'a', tetapi barisnya memuat "
        "nilai 'b' dan dibaca sebagai nilai 'b'; bila 'a' mengisi lembar penilaian juri lain, "
        "keluarkan berkas ini dari _reviews/ dan mintalah lembar penilaian 'a' sendiri"
    )
    assert found.reviews == []
    assert [(p.assigned, p.completed) for p in found.progress] == [(2, 0), (2, 0)]


def test_a_file_holding_its_reviewers_rows_among_others_is_not_reported(tmp_path: Path) -> None:
    folder = batch(tmp_path)
    write_csv(folder, "_reviews/a.csv", [header(), row("a", "p1", *FOURS), row("b", "p1", *FOURS)])

    assert rendered(load_reviews(folder, RUBRIC, PROPOSALS)) == []


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("batch/_reviews/bagus-hermawan.xlsx", "bagus-hermawan"),
        ("batch/_reviews/bagus-hermawan (1).xlsx", "bagus-hermawan"),
        ("batch/_reviews/Bagus-Hermawan_final.csv", "bagus-hermawan"),
        ("batch/_reviews/bagus-hermawan.ods \u203a Nilai", "bagus-hermawan"),
        ("batch/_reviews/bagus-hermawan-lama.xlsx", None),
        ("batch/_reviews/bagus.xlsx", "bagus"),
        ("batch/_reviews/nilai.csv", None),
    ],
)
def test_the_reviewer_a_file_name_points_to(path: str, expected: str | None) -> None:
    assert named_reviewer(path, ["bagus", "bagus-hermawan", "citra-maharani"]) == expected
