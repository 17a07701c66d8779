"""The documents a run writes for the bundled sample batch, opened as a reader would: the PDF
shortlist, the scorecards, the workbook and the compliance table, in both languages (the
expected labels come from the catalogue); and an Indonesian run of a batch with every kind
of problem, whose documents hold no English message."""

from __future__ import annotations

import csv
import html
import io
import shutil
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from typer.testing import CliRunner

from kipp.assessment import assess, eligible_proposals, valid_proposals
from kipp.cli import app
from kipp.compliance import REGISTRY_FILE, agency_matcher, load_registry
from kipp.corpus import load_corpus
from kipp.gates import check_gates
from kipp.i18n import Lang, format_date, tr
from kipp.intake import load_batch
from kipp.intake.messages import in_indonesian, is_translated
from kipp.outputs import write_run, write_scorecards
from kipp.render.jinja import markdown_text
from kipp.results import CorpusOut, ProposalStatus, Results, RunOut, build_results
from kipp.reviews.ingest import REVIEWS_DIR, load_reviews
from kipp.rubric import load_rubric

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "submissions" / "mojokerto-2022"
RUBRIC = load_rubric()


def _results(batch: Path, lang: Lang) -> Results:
    """A run of `batch` in `lang` as `kipp run` does it: with the panel's scoresheets and the
    agency registry when the batch has them."""
    loaded = load_batch(batch, RUBRIC.rubric.call.choices())
    corpus = load_corpus()
    proposals = valid_proposals(loaded)
    eligible = eligible_proposals(proposals, check_gates(proposals, RUBRIC.rubric))
    agency_of = agency_matcher(batch)
    reviews = load_reviews(batch, RUBRIC.rubric, eligible, agency_of)
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
    assessment = assess(loaded, RUBRIC.rubric, corpus, reviews=reviews, agency_of=agency_of)
    return build_results(loaded, assessment, RUBRIC, run)


@pytest.fixture(scope="module", params=list(Lang), ids=[lang.value for lang in Lang])
def sample(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Results, Path]:
    lang: Lang = request.param
    out = tmp_path_factory.mktemp(f"sample-{lang.value}")
    results = _results(SAMPLE, lang)
    write_run(results, RUBRIC.rubric, out)
    return results, out


def _nominees(results: Results) -> list[str]:
    chosen = [p for p in results.proposals if p.status.value == "shortlisted"]
    return [p.title or "" for p in sorted(chosen, key=lambda p: p.rank or 0)]


def _listed_problems(results: Results) -> list[str]:
    """The intake problems the shortlist documents list: the nominees' notes and the invalid
    proposals' problems (the other proposals show their reason instead)."""
    listed = {ProposalStatus.SHORTLISTED, ProposalStatus.INVALID}
    return [pr.message for p in results.proposals if p.status in listed for pr in p.problems]


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_run_writes_every_document(sample: tuple[Results, Path]) -> None:
    _, out = sample
    assert sorted(p.name for p in out.iterdir()) == [
        "compliance.csv",
        "results.json",
        "results.xlsx",
        "reviews.csv",
        "scorecards",
        "scores.csv",
        "shortlist.html",
        "shortlist.md",
        "shortlist.pdf",
    ]


def test_pdf_shortlist_has_a_cover_nominee_pages_and_annexes(
    sample: tuple[Results, Path],
) -> None:
    results, out = sample
    lang = results.run.lang
    reader = PdfReader(out / "shortlist.pdf")
    pages = [page.extract_text() for page in reader.pages]
    text = _flat("\n".join(pages))

    assert 10 <= len(pages) <= 30
    assert _flat(tr("doc.title", lang)) in _flat(pages[0])
    assert format_date(date(2022, 4, 20), lang) in pages[0]
    assert f"2 / {len(pages)}" in pages[1]
    nominees = _nominees(results)
    assert len(nominees) == 5
    for title in nominees:
        assert _flat(title.split(" (")[0]) in text
    annex = tr("rep.annex.title", lang)
    assert f"{annex} 2. {tr('doc.section.ineligible', lang)}" in text
    assert f"{annex} 3. {tr('doc.section.invalid', lang)}" in text
    assert _flat(tr("rep.compliance.title", lang)) in text
    assert _flat(tr("doc.section.reviews", lang)) in text


def test_compliance_csv_counts_the_sample_agencies(sample: tuple[Results, Path]) -> None:
    _, out = sample
    rows = list(csv.DictReader(io.StringIO((out / "compliance.csv").read_text("utf-8"))))
    by_agency = {r["agency"]: r for r in rows}

    education = by_agency["Dinas Pendidikan dan Kebudayaan"]
    assert (education["submitted"], education["valid"], education["eligible"]) == ("4", "4", "2")
    assert by_agency["Inspektorat Daerah"]["submitted"] == "0"
    assert all(r["in_registry"] == "true" for r in rows)
    assert len(rows) == 27


def test_scorecards_exist_for_every_proposal_with_pdfs_for_a_small_batch(
    sample: tuple[Results, Path],
) -> None:
    results, out = sample
    lang = results.run.lang
    folder = out / "scorecards"
    names = sorted(p.name for p in folder.glob("*.html"))
    pdfs = sorted(folder.glob("*.pdf"))

    assert len(names) == len(results.proposals) + 1  # and index.html
    assert len(pdfs) == len(results.proposals)
    card = html.unescape((folder / "gayatri.html").read_text("utf-8"))
    assert tr("rep.scorecard.advice", lang) in card
    assert tr("rep.scorecard.nearest", lang) in card
    assert f'<html lang="{lang.value}"' in card
    assert len(PdfReader(folder / "gayatri.pdf").pages) >= 1


def test_workbook_holds_scores_gates_problems_and_compliance(
    sample: tuple[Results, Path],
) -> None:
    results, out = sample
    lang = results.run.lang
    book = load_workbook(out / "results.xlsx", read_only=True)

    reviewed = ["rep.sheet.reviewers"] if any(p.reviews for p in results.proposals) else []
    assert book.sheetnames == [
        tr(key, lang)
        for key in (
            "rep.sheet.scores",
            "rep.sheet.gates",
            *reviewed,
            "rep.sheet.problems",
            "rep.sheet.novelty",
            "rep.sheet.compliance",
            "rep.sheet.run",
        )
    ]
    scores = list(book[tr("rep.sheet.scores", lang)].iter_rows(values_only=True))
    assert len(scores) == len(results.proposals) + 1
    shortlisted = tr("rep.status.shortlisted", lang)
    ranked = sorted((r for r in scores[1:] if r[6] == shortlisted), key=lambda r: r[7])
    assert [r[2] for r in ranked] == _nominees(results)
    problems = list(book[tr("rep.sheet.problems", lang)].iter_rows(values_only=True))
    assert problems[0] == tuple(
        tr(f"doc.col.{name}", lang)
        for name in ("path", "id", "field", "location", "severity", "message")
    )
    (docx,) = [r for r in problems[1:] if str(r[0]).endswith("surat-pengantar.docx")]
    (unread,) = [u for u in results.unread if u.path.endswith("surat-pengantar.docx")]
    assert docx[4] == tr("rep.problem.unread", lang)
    assert docx[5] == (in_indonesian(unread.reason) if lang is Lang.ID else unread.reason)
    shown = {(r[1], r[5]) for r in problems[1:]}
    for p in results.proposals:
        for pr in p.problems:
            message = in_indonesian(pr.message) if lang is Lang.ID else pr.message
            assert (p.id, message) in shown


def test_sample_documents_show_problem_messages_in_the_run_language(
    sample: tuple[Results, Path],
) -> None:
    results, out = sample
    lang = results.run.lang
    markdown = (out / "shortlist.md").read_text("utf-8")
    messages = [u.reason for u in results.unread] + _listed_problems(results)
    assert len(messages) > 3

    for message in messages:
        shown = in_indonesian(message) if lang is Lang.ID else message
        assert markdown_text(shown) in markdown
        assert (lang is Lang.EN) == (markdown_text(message) in markdown)


def test_scorecards_html_only_writes_no_pdf(sample: tuple[Results, Path], tmp_path: Path) -> None:
    results, _ = sample

    files = write_scorecards(results, RUBRIC.rubric, tmp_path, pdf=False)

    assert [f for f in files if f.suffix == ".pdf"] == []
    assert sorted(f.name for f in (tmp_path / "scorecards").iterdir()) == sorted(
        f.name for f in files
    )
    index = (tmp_path / "scorecards" / "index.html").read_text("utf-8")
    assert index.count('.html">HTML</a>') == len(results.proposals)


def test_kipp_scorecards_renders_a_finished_run_again_without_old_cards(
    sample: tuple[Results, Path], tmp_path: Path
) -> None:
    results, out = sample
    (tmp_path / "results.json").write_bytes((out / "results.json").read_bytes())
    stale = tmp_path / "scorecards" / "withdrawn.html"
    stale.parent.mkdir()
    stale.write_text("old", encoding="utf-8")

    done = CliRunner().invoke(app, ["scorecards", str(tmp_path), "--html-only"])

    assert done.exit_code == 0, done.output
    assert done.stdout == f"{len(results.proposals)} scorecards in {tmp_path / 'scorecards'}\n"
    assert len(list((tmp_path / "scorecards").glob("*.html"))) == len(results.proposals) + 1
    assert not stale.exists()  # the card of a proposal no longer in the run is removed


def test_kipp_scorecards_without_a_run_exits_2(tmp_path: Path) -> None:
    done = CliRunner().invoke(app, ["scorecards", str(tmp_path)])

    assert done.exit_code == 2
    assert done.stderr.splitlines()[1] == "hint: give the output folder of a kipp run"


# A batch with every kind of problem the documents list: the sample plus a repeated title, a
# broken agency registry and scoresheets with faulty rows, headers and an empty sheet.
BROKEN_REGISTRY = """\
region: Kota Mojokerto
agencies:
  - name: Dinas Kesehatan
    aliases: [Dinkes, ""]
    kepala: Budi Santoso
  - name: X
"""
ENGLISH_FRAGMENTS = (
    "the same innovation is proposed once",
    "each proposal needs its own title",
    "unsupported file type",
    "is not on the panel",
    "is not an eligible proposal",
    "is not a score on the scale",
    "not scored yet",
    "was not assigned to",
    "these scores are not used",
    "sheet is empty",
    "no column for this criterion",
    "must hold the headers",
    "unknown setting",
    "an empty name",
    "at least 2 needed",
    "use one of",
    "write the",
    "copy its content",
)


def _faulty_batch(folder: Path) -> Path:
    batch = folder / "mojokerto-2022"
    shutil.copytree(SAMPLE, batch)
    magis = (batch / "magis.yaml").read_text("utf-8")
    (batch / "magis-salinan.yaml").write_text(
        magis.replace("id: magis-bappeda", "id: magis-salinan"), "utf-8"
    )
    (batch / REGISTRY_FILE).write_text(BROKEN_REGISTRY, "utf-8")
    criteria = [c.id for c in RUBRIC.rubric.reviewed_criteria]
    blanks = [""] * (len(criteria) - 1)
    rows = [
        ["reviewer", "proposal", *criteria],
        ["", "gayatri", "3", *blanks],
        ["orang-asing", "gayatri", "3", *blanks],
        ["bagus-hermawan", "tidak-ada", "3", *blanks],
        ["endang-susilowati", "gayatri", "3", *blanks],
        ["citra-maharani", "gayatri", "3", *blanks],
        ["bagus-hermawan", "curhat-ning-ita", "9", *blanks],
        ["hadi-purnomo", "e-surat-setda", "4", *blanks],
    ]
    reviews = batch / REVIEWS_DIR
    (reviews / "rusak.csv").write_text("\n".join(",".join(r) for r in rows) + "\n", "utf-8")
    (reviews / "tanpa-kolom.csv").write_text("nama,judul\nani,Layanan\n", "utf-8")
    (reviews / "kriteria-hilang.csv").write_text(
        "reviewer,proposal\nbagus-hermawan,gayatri\n", "utf-8"
    )
    (reviews / "kosong.csv").write_text("\n", "utf-8")
    return batch


@pytest.fixture(scope="module")
def faulty_id(tmp_path_factory: pytest.TempPathFactory) -> tuple[Results, Path]:
    batch = _faulty_batch(tmp_path_factory.mktemp("faulty"))
    out = tmp_path_factory.mktemp("faulty-id")
    results = _results(batch, Lang.ID)
    write_run(results, RUBRIC.rubric, out)
    return results, out


def _every_message(results: Results) -> list[str]:
    """The messages of the problems the shortlist documents list, from every source."""
    registry = load_registry(Path(results.run.batch) / REGISTRY_FILE)
    assert registry is not None
    assert results.reviews is not None
    return [
        *_listed_problems(results),
        *(n.message for n in results.notices),
        *(u.reason for u in results.unread),
        *(pr.message for pr in results.reviews.problems),
        *(pr.message for pr in registry.problems),
    ]


def test_faulty_batch_has_problems_of_every_source(faulty_id: tuple[Results, Path]) -> None:
    results, _ = faulty_id
    messages = _every_message(results)

    every = " ".join([*messages, *(pr.message for p in results.proposals for pr in p.problems)])
    for fragment in ENGLISH_FRAGMENTS:
        assert fragment in every, fragment
    assert all(is_translated(m) for m in messages), [m for m in messages if not is_translated(m)]


def test_indonesian_documents_of_a_faulty_batch_hold_no_english_message(
    faulty_id: tuple[Results, Path],
) -> None:
    results, out = faulty_id
    markdown = (out / "shortlist.md").read_text("utf-8")
    page = html.unescape((out / "shortlist.html").read_text("utf-8"))
    book = load_workbook(out / "results.xlsx", read_only=True)
    cells = [
        str(cell)
        for row in book[tr("rep.sheet.problems", Lang.ID)].iter_rows(values_only=True)
        for cell in row
        if cell is not None
    ]
    cards = " ".join(p.read_text("utf-8") for p in (out / "scorecards").glob("*.html"))

    for document in (markdown, page, " ".join(cells), html.unescape(cards)):
        assert [f for f in ENGLISH_FRAGMENTS if f in document] == []
    for message in _every_message(results):
        assert markdown_text(in_indonesian(message)) in markdown
        assert in_indonesian(message) in page
        assert in_indonesian(message) in cells
