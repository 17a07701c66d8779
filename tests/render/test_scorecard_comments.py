"""A scorecard shows what the reviewers wrote in their scoresheets' comment column, by the
letter the computation names them with: the sheets asked for their reasons, and no
document or result carried them."""

from __future__ import annotations

import html
import shutil
from pathlib import Path

import openpyxl
from builders import results_of

from kipp.core.i18n import Lang
from kipp.documents.render.html import render_scorecard_html
from kipp.documents.render.reports import CommentView, scorecard_view
from kipp.rubric import load_rubric

SAMPLE = Path(__file__).resolve().parents[2] / "submissions" / "mojokerto-2022"
RUBRIC = load_rubric().rubric


def test_a_scorecard_shows_each_reviewers_comment_by_letter_cleaned_and_escaped(
    tmp_path: Path,
) -> None:
    batch = tmp_path / "batch"
    shutil.copytree(SAMPLE, batch)
    sheet = batch / "_reviews" / "bagus-hermawan.xlsx"
    book = openpyxl.load_workbook(sheet)
    scores = book["nilai"]
    assert scores["B3"].value == "gayatri" and scores["M1"].value == "comment"
    scores["M3"] = "Data <b>kunjungan</b>\u202e ibu hamil perlu dilampirkan."
    book.save(sheet)

    results = results_of(batch, Lang.ID)
    gayatri = next(p for p in results.proposals if p.id == "gayatri")
    assert gayatri.reviews is not None
    assert gayatri.reviews.comments == {
        "bagus-hermawan": "Data <b>kunjungan</b> ibu hamil perlu dilampirkan.",
        "dimas-ardiansyah": "Dinilai dari teks proposal.",
        "hadi-purnomo": "Dinilai dari teks proposal.",
    }
    card = scorecard_view(gayatri, results, RUBRIC)
    letters = {r.reviewer: r.label for r in results.reviews.progress}  # type: ignore[union-attr]

    assert card.comments == tuple(
        CommentView(f"Juri {letters[reviewer]}", comment)
        for reviewer, comment in sorted(
            gayatri.reviews.comments.items(), key=lambda item: letters[item[0]]
        )
    )
    page = render_scorecard_html(card)
    assert "<h2>Catatan juri</h2>" in page
    assert (
        f"<li><strong>Juri {letters['bagus-hermawan']}:</strong> "
        f"{html.escape('Data <b>kunjungan</b> ibu hamil perlu dilampirkan.')}</li>"
    ) in page
