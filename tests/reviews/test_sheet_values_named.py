"""A scoresheet's cell that is not a score is named as the sheet shows it, in the reader's
language: a number with its decimal mark (`3,5`), a date as a date (what Excel makes of a
typed `4/5`), a yes/no cell as TRUE; never as Python writes it (`3.5`, `True`,
`2022-05-04 00:00:00`)."""

from __future__ import annotations

import datetime
from pathlib import Path

from builders import load_reviews, write_text, write_xlsx
from review_builders import CRITERIA, RUBRIC, header, make_proposal, row

from kipp.core.i18n import Lang

PANEL = "reviewers:\n  - id: a\n    name: Ani\n"
PROPOSALS = [make_proposal("p1"), make_proposal("p2"), make_proposal("p3")]
REST = [4] * (len(CRITERIA) - 1)


def test_cells_that_are_not_scores_are_named_as_the_sheet_shows_them(tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    write_text(folder, "reviewers.yaml", PANEL)
    write_text(folder, "_reviews/assignments.csv", "reviewer,proposal\na,p1\na,p2\na,p3\n")
    sheet = write_xlsx(
        folder,
        "_reviews/a.xlsx",
        [
            header(),
            row("a", "p1", 3.5, *REST),
            row("a", "p2", True, *REST),
            row("a", "p3", datetime.datetime(2022, 5, 4), *REST),
        ],
        sheet="Nilai",
    )

    found = load_reviews(folder, RUBRIC, PROPOSALS)

    scale = "bukan nilai pada skala 1 sampai 5; berikan bilangan bulat dari 1 sampai 5"
    assert [p.render(Lang.ID) for p in found.problems] == [
        f"{sheet}:2:D: background: 3,5 {scale}",
        f"{sheet}:3:D: background: TRUE {scale}",
        f"{sheet}:4:D: background: 4 Mei 2022 {scale}",
    ]
    assert found.problems[0].render(Lang.EN) == (
        f"{sheet}:2:D: background: 3.5 is not a score on the scale 1 to 5; give a whole number "
        "from 1 to 5"
    )


def test_a_scoresheet_of_formulas_never_saved_is_refused_naming_the_cells(tmp_path: Path) -> None:
    # a score given by a formula a script wrote was read as not given ("belum dinilai")
    folder = tmp_path / "batch"
    write_text(folder, "reviewers.yaml", PANEL)
    write_text(folder, "_reviews/assignments.csv", "reviewer,proposal\na,p1\n")
    sheet = write_xlsx(
        folder, "_reviews/a.xlsx", [header(), row("a", "p1", "=2+2", *REST)], sheet="Nilai"
    )

    found = load_reviews(folder, RUBRIC, PROPOSALS)

    assert [p.render(Lang.EN) for p in found.problems] == [
        f"{sheet}: (file): sheet 'Nilai' holds formulas whose values were never saved (cells "
        "D2): kipp reads the values a spreadsheet program saves, not formulas; open the file in "
        "Excel or LibreOffice and save it again, or type the values in"
    ]
    assert found.reviews == []
