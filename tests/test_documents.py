"""The documents a run writes for the bundled sample batch, opened as a reader would: the PDF
shortlist, the scorecards, the workbook and the compliance table."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from typer.testing import CliRunner

from kipp.assessment import assess
from kipp.cli import app
from kipp.corpus import load_corpus
from kipp.i18n import Lang
from kipp.intake import load_batch
from kipp.outputs import write_run, write_scorecards
from kipp.results import CorpusOut, Results, RunOut, build_results
from kipp.rubric import load_rubric

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "submissions" / "mojokerto-2022"
RUBRIC = load_rubric()


def _results(batch: Path, lang: Lang) -> Results:
    loaded = load_batch(batch, RUBRIC.rubric.call.choices())
    corpus = load_corpus()
    run = RunOut(
        rubric=RUBRIC.rubric.id,
        rubric_sha256=RUBRIC.sha256,
        batch=str(batch),
        started_at="2022-04-20T00:00:00+00:00",
        finished_at="2022-04-20T00:00:01+00:00",
        code_version="test",
        lang=lang,
        shortlist_size=RUBRIC.rubric.shortlist.size,
        corpus=CorpusOut(
            path=corpus.path, sha256=corpus.sha256, entries=len(corpus.entries), prior_art_entries=0
        ),
        inputs=loaded.inputs,
    )
    return build_results(loaded, assess(loaded, RUBRIC.rubric, corpus), RUBRIC, run)


@pytest.fixture(scope="module")
def sample_en(tmp_path_factory: pytest.TempPathFactory) -> tuple[Results, Path]:
    out = tmp_path_factory.mktemp("sample-en")
    results = _results(SAMPLE, Lang.EN)
    write_run(results, RUBRIC.rubric, out)
    return results, out


def _nominees(results: Results) -> list[str]:
    chosen = [p for p in results.proposals if p.status.value == "shortlisted"]
    return [p.title or "" for p in sorted(chosen, key=lambda p: p.rank or 0)]


def test_run_writes_every_document(sample_en: tuple[Results, Path]) -> None:
    _, out = sample_en
    assert sorted(p.name for p in out.iterdir()) == [
        "compliance.csv",
        "results.json",
        "results.xlsx",
        "scorecards",
        "scores.csv",
        "shortlist.html",
        "shortlist.md",
        "shortlist.pdf",
    ]


def test_pdf_shortlist_has_a_cover_nominee_pages_and_annexes(
    sample_en: tuple[Results, Path],
) -> None:
    results, out = sample_en
    reader = PdfReader(out / "shortlist.pdf")
    pages = [page.extract_text() for page in reader.pages]
    text = "\n".join(pages)

    assert 10 <= len(pages) <= 30
    assert "Innovation nomination shortlist" in pages[0]
    assert "20 April 2022" in pages[0]
    assert f"2 / {len(pages)}" in pages[1]
    nominees = _nominees(results)
    assert len(nominees) == 5
    for title in nominees:
        assert title.split(" (")[0] in text
    assert "Annex 2. Ineligible" in text
    assert "Annex 3. Invalid proposals" in text
    assert "One Agency, One Innovation" in text


def test_compliance_csv_counts_the_sample_agencies(sample_en: tuple[Results, Path]) -> None:
    _, out = sample_en
    rows = list(csv.DictReader(io.StringIO((out / "compliance.csv").read_text("utf-8"))))
    by_agency = {r["agency"]: r for r in rows}

    education = by_agency["Dinas Pendidikan dan Kebudayaan"]
    assert (education["submitted"], education["valid"], education["eligible"]) == ("4", "4", "2")
    assert by_agency["Inspektorat Daerah"]["submitted"] == "0"
    assert all(r["in_registry"] == "true" for r in rows)
    assert len(rows) == 27


def test_scorecards_exist_for_every_proposal_with_pdfs_for_a_small_batch(
    sample_en: tuple[Results, Path],
) -> None:
    results, out = sample_en
    folder = out / "scorecards"
    html = sorted(p.name for p in folder.glob("*.html"))
    pdfs = sorted(folder.glob("*.pdf"))

    assert len(html) == len(results.proposals) + 1  # and index.html
    assert len(pdfs) == len(results.proposals)
    card = (folder / "gayatri.html").read_text("utf-8")
    assert "How to improve" in card
    assert "Closest prior innovations" in card
    assert len(PdfReader(folder / "gayatri.pdf").pages) >= 1


def test_workbook_holds_scores_gates_problems_and_compliance(
    sample_en: tuple[Results, Path],
) -> None:
    results, out = sample_en
    book = load_workbook(out / "results.xlsx", read_only=True)

    reviewed = ["Reviewer scores"] if any(p.reviews for p in results.proposals) else []
    assert book.sheetnames == [
        "Scores",
        "Gates",
        *reviewed,
        "Problems",
        "Novelty",
        "Compliance",
        "Run",
    ]
    scores = list(book["Scores"].iter_rows(values_only=True))
    assert len(scores) == len(results.proposals) + 1
    ranked = sorted((r for r in scores[1:] if r[7] is not None), key=lambda r: r[7])
    assert [r[2] for r in ranked[:5]] == _nominees(results)
    problems = list(book["Problems"].iter_rows(values_only=True))
    assert any(r[0].endswith("surat-pengantar.docx") for r in problems[1:])


def test_scorecards_html_only_writes_no_pdf_and_replaces_old_cards(
    sample_en: tuple[Results, Path], tmp_path: Path
) -> None:
    results, _ = sample_en
    stale = tmp_path / "scorecards" / "withdrawn.html"
    stale.parent.mkdir()
    stale.write_text("old", encoding="utf-8")

    files = write_scorecards(results, RUBRIC.rubric, tmp_path, pdf=False)

    assert [f for f in files if f.suffix == ".pdf"] == []
    assert sorted(f.name for f in (tmp_path / "scorecards").iterdir()) == sorted(
        f.name for f in files
    )
    index = (tmp_path / "scorecards" / "index.html").read_text("utf-8")
    assert index.count('.html">HTML</a>') == len(results.proposals)


def test_kipp_scorecards_renders_a_finished_run_again(
    sample_en: tuple[Results, Path], tmp_path: Path
) -> None:
    results, out = sample_en
    (tmp_path / "results.json").write_bytes((out / "results.json").read_bytes())

    done = CliRunner().invoke(app, ["scorecards", str(tmp_path), "--html-only"])

    assert done.exit_code == 0, done.output
    assert done.stdout == f"{len(results.proposals)} scorecards in {tmp_path / 'scorecards'}\n"
    assert len(list((tmp_path / "scorecards").glob("*.html"))) == len(results.proposals) + 1


def test_kipp_scorecards_without_a_run_exits_2(tmp_path: Path) -> None:
    done = CliRunner().invoke(app, ["scorecards", str(tmp_path)])

    assert done.exit_code == 2
    assert done.stderr.splitlines()[1] == "hint: give the output folder of a kipp run"
