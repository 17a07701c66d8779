"""What reviewers add to the results: raw scores, aggregates, disagreement, rank intervals,
progress; and the raw-scores export."""

from __future__ import annotations

import csv
import html as html_lib
import io
import shutil
from pathlib import Path

import openpyxl
import pytest
from builders import results_of

from kipp.core.i18n import Lang
from kipp.documents.reviews import REVIEWS_CSV_HEADER, progress_table, reviews_csv
from kipp.results import Results
from kipp.rubric import load_rubric

SAMPLES = Path(__file__).resolve().parents[2] / "submissions" / "mojokerto-2022"


@pytest.fixture(scope="module")
def results() -> Results:
    return results_of(SAMPLES, Lang.EN)


def test_results_final_with_complete_progress(results: Results) -> None:
    assert results.summary.provisional is False
    assert results.reviews is not None
    assert (results.reviews.assigned, results.reviews.completed, results.reviews.complete) == (
        30,
        30,
        True,
    )
    assert results.reviews.progress[0].note == "Dr. Bagus Hermawan: 5 of 5 proposals scored."
    assert progress_table(results)[0] == {
        "reviewer": "bagus-hermawan",
        "name": "Dr. Bagus Hermawan",
        "assigned": 5,
        "completed": 5,
        "started": 5,
    }


def test_results_keep_every_raw_score_and_the_rank_interval(results: Results) -> None:
    scored = [p for p in results.proposals if p.rank is not None]
    assert len(scored) == 10
    for p in scored:
        assert p.reviews is not None and p.rank_interval is not None
        assert len(p.reviews.completed) == 3
        assert all(len(c.scores) == 3 for c in p.reviews.criteria.values())
        for c in p.reviews.criteria.values():  # the raw spread is of the scores as given
            given = [s.score for s in c.scores]
            assert c.raw_spread == max(given) - min(given)
        assert p.rank_interval.low <= p.rank <= p.rank_interval.high
    assert results.reviews is not None
    near = [p.id for p in scored if p.rank_interval and p.rank_interval.near_cutoff]
    assert results.reviews.near_cutoff == sorted(
        near, key=lambda i: next(p.rank for p in scored if p.id == i)
    )


def test_disagreement_suggests_an_extra_reviewer(results: Results) -> None:
    flagged = [p for p in results.proposals if p.reviews and p.reviews.disagreements]
    assert flagged
    for p in flagged:
        assert p.reviews is not None and p.reviews.extra_reviewer is not None
        assert p.reviews.extra_reviewer.startswith("Reviewers disagree on ")
        assert p.criteria is not None
        assert all(p.criteria[c].disagreement for c in p.reviews.disagreements)


def test_reviews_csv_has_one_row_per_raw_score(results: Results) -> None:
    rows = list(csv.reader(io.StringIO(reviews_csv(results))))
    assert rows[0] == REVIEWS_CSV_HEADER
    assert len(rows) == 1 + 10 * 7 * 3  # proposals x criteria x reviewers
    first = next(p for p in results.proposals if p.rank == 1)
    assert {r[0] for r in rows[1:22]} == {first.id}


def test_places_within_the_noise_at_the_cutoff_say_so(results: Results) -> None:
    assert results.reviews is not None and results.reviews.cutoff_rank == 7
    near = [p for p in results.proposals if p.rank_interval and p.rank_interval.near_cutoff]
    assert near
    note = (
        "Near the shortlist cut-off (rank 7): its place is within the noise of the reviewers' "
        "scores."
    )
    for p in near:
        assert p.rank_interval is not None
        assert p.rank_interval.note == (
            f"Rank range {p.rank_interval.low}-{p.rank_interval.high} (90% of 1,000 resamples "
            f"of the reviews). {note}"
        )
    clear = [p for p in results.proposals if p.rank_interval and not p.rank_interval.near_cutoff]
    assert all(p.rank_interval and note not in p.rank_interval.note for p in clear)


def test_documents_show_progress_rank_ranges_and_extra_reviewers(results: Results) -> None:
    from kipp.documents.render import render_html, render_markdown

    rubric = load_rubric().rubric
    markdown = render_markdown(results, rubric, Lang.EN, None)
    html = render_html(results, rubric, Lang.EN, None)
    assert "## Reviewers' scoring" in markdown
    assert "30 of 30 reviews completed, by 6 reviewer(s). Every review is complete" in markdown
    assert "| Dr. Bagus Hermawan | 5 | 5 | 5 |\n" in markdown
    near = next(p for p in results.proposals if p.rank_interval and p.rank_interval.near_cutoff)
    assert near.rank_interval is not None
    for document in (markdown, html.replace("&#39;", "'")):
        assert near.rank_interval.note in document
    flagged = next(p for p in results.proposals if p.reviews and p.reviews.extra_reviewer)
    assert flagged.reviews is not None and flagged.reviews.extra_reviewer is not None
    assert flagged.reviews.extra_reviewer in markdown
    assert 'id="reviews"' in html


def test_reviews_csv_written_beside_the_other_documents(results: Results, tmp_path: Path) -> None:
    from kipp.documents.outputs import ScorecardFormat, write_run

    written = write_run(results, load_rubric().rubric, tmp_path, scorecards=ScorecardFormat.HTML)
    assert tmp_path / "reviews.csv" in written
    assert (tmp_path / "reviews.csv").read_text(encoding="utf-8") == reviews_csv(results)


def test_reviews_csv_gives_the_raw_spread_beside_the_spread_of_levels_used(
    results: Results,
) -> None:
    rows = list(csv.DictReader(io.StringIO(reviews_csv(results))))
    assert list(rows[0]) == [
        "proposal",
        "criterion",
        "reviewer",
        "score",
        "level_used",
        "mean",
        "median",
        "value",
        "spread",
        "raw_spread",
        "disagreement",
    ]
    groups: dict[tuple[str, str], list[dict[str, str]]] = {}
    for r in rows:
        groups.setdefault((r["proposal"], r["criterion"]), []).append(r)
    for group in groups.values():
        scores = [int(r["score"]) for r in group]
        assert {r["raw_spread"] for r in group} == {str(max(scores) - min(scores))}
    # normalisation moves levels, so the two spreads differ somewhere in the sample
    assert any(float(r["spread"]) != float(r["raw_spread"]) for r in rows)


def test_results_explain_every_scored_proposals_numbers(results: Results) -> None:
    assert results.reviews is not None and results.reviews.footing is not None
    footing = results.reviews.footing
    # 6 reviewers, 5 proposals each, 7 criteria: 210 levels adding up to 781
    assert (footing.scores, footing.total, footing.shrinkage, footing.decimals) == (
        210,
        781.0,
        25.0,
        5,
    )
    assert [a.label for a in results.reviews.adjustments] == ["A", "B", "C", "D", "E", "F"]
    assert [p.label for p in results.reviews.progress] == ["A", "B", "C", "D", "E", "F"]
    assert (results.summary.reviews_received, results.summary.reviews_expected) == (30, 30)
    scored = [p for p in results.proposals if p.total is not None]
    assert all(p.explanation is not None for p in scored)
    assert all(p.explanation is None for p in results.proposals if p.total is None)
    for p in scored:
        assert p.explanation is not None and p.criteria is not None and p.reviews is not None
        explained = p.explanation
        assert explained.total.total == p.total
        assert explained.total.scored_weight == p.scored_weight == 1.0
        assert explained.standing.final and explained.standing.reasons == []
        assert (explained.standing.batch_received, explained.standing.batch_expected) == (30, 30)
        for cid, c in explained.criteria.items():
            assert (c.value, c.level) == (p.criteria[cid].value, p.criteria[cid].level)
            given = p.reviews.criteria[cid].scores
            assert [(s.reviewer, s.score, s.used) for s in c.scores] == [
                (s.reviewer, s.score, s.level) for s in given
            ]
        assert round(sum(c.points or 0 for c in explained.criteria.values()), 4) == (
            explained.total.points
        )


# --- the sample batch with one thing changed in its returned sheets ---------------------------


def _sample_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "batch"
    shutil.copytree(SAMPLES, folder)
    return folder


def _add_row(sheet: Path, *cells: object) -> None:
    book = openpyxl.load_workbook(sheet)
    book.worksheets[0].append(list(cells))
    book.save(sheet)


def _documents(results: Results, lang: Lang) -> tuple[str, str]:
    from kipp.documents.render import render_html, render_markdown

    rubric = load_rubric().rubric
    html = render_html(results, rubric, lang, None)
    return render_markdown(results, rubric, lang, None), " ".join(html_lib.unescape(html).split())


def test_a_score_outside_the_assignments_is_said_beside_the_progress_it_is_not_counted_in(
    tmp_path: Path,
) -> None:
    # Bagus also scores E-Surat, which assignments.csv gives to three others: before, the
    # documents said "31 of 30 reviews completed" and "Assigned 5 / Completed 6"
    folder = _sample_copy(tmp_path)
    _add_row(
        folder / "_reviews" / "bagus-hermawan.xlsx",
        "bagus-hermawan",
        "e-surat-setda",
        "E-Surat",
        "Bagian Umum Sekretariat Daerah",
        "",
        *[5] * 7,
        "sekalian saya nilai",
    )

    results = results_of(folder, Lang.EN)

    assert results.reviews is not None
    assert (results.reviews.assigned, results.reviews.completed) == (30, 30)
    assert (results.summary.reviews_received, results.summary.reviews_expected) == (30, 30)
    assert results.reviews.progress[0].note == "Dr. Bagus Hermawan: 5 of 5 proposals scored."
    e_surat = next(p for p in results.proposals if p.id == "e-surat-setda")
    assert e_surat.reviews is not None and "bagus-hermawan" in e_surat.reviews.completed
    markdown, html = _documents(results, Lang.EN)
    said = (
        "30 of 30 reviews completed, by 6 reviewer(s). Every review is complete: totals are "
        "final. Besides, the totals count 1 review outside the assignments (assignments.csv), "
        "which the count of reviews above leaves out: Dr. Bagus Hermawan for E-Surat (Sistem "
        "Elektronik Surat-Menyurat dan Disposisi Pemerintah Kota Mojokerto). Check that the "
        "assignments were changed on purpose; if not, remove those rows from the scoresheets."
    )
    assert said in markdown and said in html
    assert "| A | Dr. Bagus Hermawan | 5 | 5 | 5 |\n" in markdown


def test_without_assignments_every_total_is_provisional_and_the_documents_say_why(
    tmp_path: Path,
) -> None:
    # before: "25 of 25 reviews completed ... totals are final", Yuliana's sheet missing
    folder = _sample_copy(tmp_path)
    (folder / "_reviews" / "assignments.csv").unlink()
    (folder / "_reviews" / "yuliana-safitri.xlsx").unlink()

    results = results_of(folder, Lang.ID)

    scored = [p for p in results.proposals if p.total is not None]
    assert scored and all(p.provisional for p in scored)
    assert results.reviews is not None and results.reviews.complete is False
    assert all(
        p.explanation is not None and p.explanation.standing.reasons == ["no_assignments"]
        for p in scored
    )
    markdown, html = _documents(results, Lang.ID)
    for sentence in (
        "25 penilaian selesai, oleh 6 juri. Tidak ada assignments.csv di _reviews/, sehingga "
        "penilaian yang ditugaskan tidak diketahui dan semua nilai total masih sementara; "
        "kembalikan assignments.csv yang ditulis kipp assign bersama lembar-lembar penilaian ini.",
        "Tidak ada daftar penugasan juri (assignments.csv) di _reviews/: penilaian yang "
        "ditugaskan tidak diketahui, sehingga belum dapat dipastikan semua penilaian sudah "
        "masuk; kembalikan assignments.csv yang ditulis kipp assign bersama lembar-lembar "
        "penilaian.",
    ):
        assert sentence in html
    assert "| 75,85 (sementara: tanpa assignments.csv) |" in markdown
    assert "nilai total final" not in html and "penilaian juri sudah masuk" not in html


def test_an_old_draft_beside_a_sheet_keeps_the_totals_it_differs_on_provisional(
    tmp_path: Path,
) -> None:
    # an earlier draft of Bagus's sheet scores Gayatri lower: before, the draft's scores were
    # used and every total called final
    folder = _sample_copy(tmp_path)
    sheets = folder / "_reviews"
    book = openpyxl.load_workbook(sheets / "bagus-hermawan.xlsx")
    for cell in book.worksheets[0][3][5:12]:  # row 3: gayatri
        cell.value = 2
    book.save(sheets / "bagus-hermawan (1).xlsx")

    results = results_of(folder, Lang.ID)

    assert results.reviews is not None
    assert (results.reviews.assigned, results.reviews.completed) == (30, 29)
    assert (results.summary.reviews_received, results.summary.reviews_expected) == (29, 30)
    gayatri = next(p for p in results.proposals if p.id == "gayatri")
    assert gayatri.provisional is True
    assert gayatri.reviews is not None and gayatri.reviews.pending == 1
    # the draft's four other rows are the same as the sheet's: counted once, with a warning
    assert [p.severity for p in results.reviews.problems].count("warning") == 4
    assert [p.message for p in results.reviews.problems if p.severity == "error"] == [
        "'bagus-hermawan' scored 'gayatri' in 2 places with different scores "
        f"({folder / '_reviews' / 'bagus-hermawan (1).xlsx'} row 3; "
        f"{folder / '_reviews' / 'bagus-hermawan.xlsx'} row 3); none of them is used and the "
        "total of 'gayatri' stays provisional: keep one copy, the one the reviewer means, and "
        "remove the others"
    ]
    markdown, _ = _documents(results, Lang.ID)
    assert "29 dari 30 penilaian selesai, oleh 6 juri." in markdown
    assert "Semua penilaian selesai" not in markdown
