"""The documents a run writes for the bundled sample batch, opened as a reader would: the PDF
shortlist, the scorecards, the workbook and the compliance table, in both languages (the
expected labels come from the catalogue, the expected figures from the run's results); and an
Indonesian run of a batch with every kind of problem, whose documents hold no English message.

The runs come from the session-scoped `written_run` (conftest.py), shared with the browser and
PDF page checks under tests/render/."""

from __future__ import annotations

import csv
import functools
import html
import io
import json
import shutil
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from typer.testing import CliRunner

from kipp.core.i18n import Lang, Text, format_date, format_number, render, tr
from kipp.core.keys import slugify
from kipp.documents.compliance import compliance
from kipp.documents.outputs import write_scorecards
from kipp.documents.render.jinja import markdown_text
from kipp.documents.render.problem_views import MISSING, field_label
from kipp.intake.registry import REGISTRY_FILE, load_registry
from kipp.intake.review_sheets import REVIEWS_DIR
from kipp.results import ProblemOut, ProposalOut, ProposalStatus, Results
from kipp.rubric import load_rubric
from kipp_app.cli import app


@pytest.fixture(autouse=True)
def english_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read the terminal in English (`--lang en`); Indonesian is the default."""
    monkeypatch.setenv("KIPP_LANG", "en")


ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "submissions" / "mojokerto-2022"
RUBRIC = load_rubric()
A4 = (595.28, 841.89)  # points
RunWriter = Callable[[Path, Lang], tuple[Results, Path]]


@pytest.fixture(scope="module", params=list(Lang), ids=[lang.value for lang in Lang])
def sample(request: pytest.FixtureRequest, written_run: RunWriter) -> tuple[Results, Path]:
    """The sample batch's run in each language (shared with the other document tests)."""
    lang: Lang = request.param
    return written_run(SAMPLE, lang)


def _shortlisted(results: Results) -> list[ProposalOut]:
    chosen = [p for p in results.proposals if p.status is ProposalStatus.SHORTLISTED]
    return sorted(chosen, key=lambda p: p.rank or 0)


def _nominees(results: Results) -> list[str]:
    return [p.title or "" for p in _shortlisted(results)]


def _listed_problems(results: Results) -> list[ProblemOut]:
    """The intake problems the shortlist documents list: the nominees' notes and the invalid
    proposals' problems (the other proposals show their reason instead)."""
    listed = {ProposalStatus.SHORTLISTED, ProposalStatus.INVALID}
    return [pr for p in results.proposals if p.status in listed for pr in p.problems]


def _flat(text: str) -> str:
    return " ".join(text.split())


@functools.cache
def _pages(pdf: Path) -> tuple[str, ...]:
    """Each page's text, whitespace collapsed (a wrapped line reads as one). Cached: the runs'
    documents do not change during the session, and extracting a shortlist's text takes ~1 s."""
    return tuple(_flat(page.extract_text()) for page in PdfReader(pdf).pages)


def _total(p: ProposalOut, lang: Lang) -> str:
    assert p.total is not None
    return format_number(p.total, lang, 2)


def _opening_headings(results: Results) -> list[str]:
    """The heading that opens each part of the PDF shortlist after the cover, in order, as the
    run's results imply them: the nominees' table, a part per nominee ("rank. title"), the
    compliance table (the batch has a registry), the panel's scoring (the run has reviews),
    the annexes and the technical annex. Each part starts a page."""
    lang = results.run.lang
    registry = load_registry(Path(results.run.batch) / REGISTRY_FILE)
    return [
        tr("doc.section.nominees", lang),
        *(f"{p.rank}. {p.title}" for p in _shortlisted(results)),
        *([tr("rep.compliance.title", lang)] if registry is not None else []),
        *([tr("doc.section.reviews", lang)] if results.reviews is not None else []),
        f"{tr('rep.annex.title', lang)} 1.",
        tr("minutes.doc.technical", lang),
    ]


def _part_starts(pages: Sequence[str], headings: list[str]) -> dict[str, int]:
    """The page (0-based) each heading opens; every page that opens with one is listed."""
    starts: dict[str, int] = {}
    for number, text in enumerate(pages):
        opened = [h for h in headings if text.startswith(_flat(h))]
        assert len(opened) <= 1, (number, opened)
        if opened:
            (heading,) = opened
            assert heading not in starts, f"{heading!r} opens pages {starts[heading]}, {number}"
            starts[heading] = number
    return starts


def test_run_writes_every_document(sample: tuple[Results, Path]) -> None:
    _, out = sample
    assert sorted(p.name for p in out.iterdir()) == [
        "berita-acara.docx",
        "berita-acara.html",
        "berita-acara.pdf",
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
    pages = _pages(out / "shortlist.pdf")
    text = " ".join(pages)

    assert pages[0].startswith(
        f"{RUBRIC.rubric.title} · Pemerintah Kota Mojokerto {_flat(tr('doc.title', lang))}"
    )
    assert str(SAMPLE) not in pages[0]
    assert format_date(date(2022, 4, 20), lang) in pages[0]
    assert f"2 / {len(pages)}" in pages[1]
    nominees = _nominees(results)
    assert len(nominees) == 5
    for title in nominees:
        assert _flat(title) in text
    annex = tr("rep.annex.title", lang)
    assert f"{annex} 2. {tr('doc.section.ineligible', lang)}" in text
    assert f"{annex} 3. {tr('doc.section.invalid', lang)}" in text
    assert _flat(tr("rep.compliance.title", lang)) in text
    assert _flat(tr("doc.section.reviews", lang)) in text


def test_pdf_shortlist_gives_each_part_and_each_nominee_a_page_of_its_own(
    sample: tuple[Results, Path],
) -> None:
    _, out = sample
    written = Results.model_validate_json((out / "results.json").read_text("utf-8"))
    headings = _opening_headings(written)
    pages = _pages(out / "shortlist.pdf")

    starts = _part_starts(pages, headings)

    # the sample has a registry and the panel's scores: the nominees' table, 5 nominees, the
    # compliance table, the panel's scoring, the annexes and the technical annex
    assert written.reviews is not None
    assert len(headings) == 1 + 5 + 4
    assert list(starts) == headings  # every part opens a page, in this order
    assert starts[headings[0]] == 1  # right after the cover
    assert sorted(starts.values()) == list(starts.values())
    assert starts[headings[-1]] == len(pages) - 2  # the technical annex: the last 2 pages


def test_pdf_shortlist_shows_each_nominees_rank_title_and_total_on_its_page(
    sample: tuple[Results, Path],
) -> None:
    results, out = sample
    lang = results.run.lang
    pages = _pages(out / "shortlist.pdf")
    nominees = _shortlisted(results)
    starts = _part_starts(pages, _opening_headings(results))

    assert [p.rank for p in nominees] == [1, 2, 4, 6, 7]  # 3 and 5 are over the agency limit
    for p in nominees:
        page = pages[starts[f"{p.rank}. {p.title}"]]
        assert page.startswith(_flat(f"{p.rank}. {p.title} {tr('doc.col.agency', lang)}"))
        assert f"{tr('doc.col.total', lang)} {_total(p, lang)} " in page
        assert p.id not in page  # its code is in the technical annex
        assert _total(p, lang) in pages[1]  # the nominees' table
    assert [_total(p, Lang.ID) for p in nominees[:2]] == ["75,34", "74,71"]


def test_every_pdf_page_is_a4(sample: tuple[Results, Path]) -> None:
    results, out = sample
    documents = [out / "shortlist.pdf", *sorted((out / "scorecards").glob("*.pdf"))]

    sizes = {
        (document.name, number): (float(page.mediabox.width), float(page.mediabox.height))
        for document in documents
        for number, page in enumerate(PdfReader(document).pages, 1)
    }

    assert len(documents) == 1 + len(results.proposals)
    assert len(sizes) > len(documents)
    off = {
        where: size
        for where, size in sizes.items()
        if abs(size[0] - A4[0]) > 1 or abs(size[1] - A4[1]) > 1
    }
    assert off == {}


def test_pdf_shortlist_lists_the_agencies_without_proposals(
    sample: tuple[Results, Path],
) -> None:
    results, out = sample
    lang = results.run.lang
    registry = load_registry(SAMPLE / REGISTRY_FILE)
    assert registry is not None and registry.registry is not None
    counted = compliance(registry.registry, registry.path, results.proposals)
    pages = _pages(out / "shortlist.pdf")
    starts = _part_starts(pages, _opening_headings(results))
    first = starts[tr("rep.compliance.title", lang)]
    annex = " ".join(pages[first : starts[tr("doc.section.reviews", lang)]])

    _, listed = annex.split(_flat(tr("rep.compliance.without", lang)))

    assert len(counted.without) == 16  # 11 of the 27 agencies submitted
    assert counted.without[:2] == ["Sekretariat DPRD", "Inspektorat Daerah"]
    rest = listed
    for name in counted.without:  # in registry order
        _, found, rest = rest.partition(_flat(name))
        assert found, f"{name!r} is not listed (in order) under the heading"
    remainder = listed
    for name in counted.without:
        remainder = remainder.replace(_flat(name), "")
    submitted = [c.agency for c in counted.agencies if c.submitted]
    assert len(submitted) == 11
    assert [a for a in submitted if _flat(a) in remainder] == []


def test_scorecard_pdf_of_an_ineligible_proposal_shows_the_failed_gate_figures(
    sample: tuple[Results, Path],
) -> None:
    results, out = sample
    lang = results.run.lang
    (p,) = [p for p in results.proposals if p.id == "si-parto-dishub"]
    (failed,) = [g for g in p.gates if not g.passed]
    (page,) = _pages(out / "scorecards" / "si-parto-dishub.pdf")

    assert p.status is ProposalStatus.INELIGIBLE
    assert failed.gate == "min_age"
    assert page.startswith(f"{RUBRIC.rubric.title} · ")
    assert _flat(p.title or "") in page
    assert f"{tr('rep.scorecard.status', lang)} {tr('rep.status.ineligible', lang)}" in page
    assert _flat(failed.label) in page
    assert _flat(failed.detail) in page
    # the figures themselves: the start, the deadline and the minimum
    assert format_date(date(2021, 9, 1), lang) in failed.detail
    assert format_date(RUBRIC.rubric.call.deadline, lang) in failed.detail
    assert str(RUBRIC.rubric.call.min_months) in failed.detail


def test_every_scorecard_pdf_names_its_proposal_and_total(
    sample: tuple[Results, Path],
) -> None:
    results, out = sample
    lang = results.run.lang

    for p in results.proposals:
        pages = PdfReader(out / "scorecards" / f"{slugify(p.id)}.pdf").pages
        first, last = _flat(pages[0].extract_text()), _flat(pages[-1].extract_text())
        total = MISSING if p.total is None else _total(p, lang)
        assert first.startswith(f"{RUBRIC.rubric.title} · Pemerintah Kota Mojokerto · "), p.id
        assert _flat(p.title or "") in first, p.id
        assert f"{tr('doc.col.total', lang)} {total} " in first, p.id
        # the last line names the proposal by title and agency, never by code or file
        made_for = tr(
            "official.scorecard.for" if p.agency else "official.scorecard.for_unnamed",
            lang,
            title=p.title or tr("doc.untitled", lang),
            agency=p.agency or tr("doc.not_given", lang),
        )
        assert _flat(made_for) in last, p.id
        whole = _flat(" ".join(page.extract_text() for page in pages))
        assert p.source.split("#")[0] not in whole, p.id
        assert f"{tr('doc.col.id', lang)}: " not in whole, p.id


def test_compliance_csv_counts_the_sample_agencies(sample: tuple[Results, Path]) -> None:
    _, out = sample
    rows = list(csv.DictReader(io.StringIO((out / "compliance.csv").read_text("utf-8"))))
    # the registry's agencies, in its order (rows after them count the other proposals)
    registered = [r for r in rows if r["in_registry"] == "true"]
    by_agency = {r["agency"]: r for r in registered}

    education = by_agency["Dinas Pendidikan dan Kebudayaan"]
    assert (education["submitted"], education["valid"], education["eligible"]) == ("4", "4", "2")
    assert by_agency["Inspektorat Daerah"]["submitted"] == "0"
    assert rows[: len(registered)] == registered
    assert len(registered) == 27
    assert sum(r["submitted"] != "0" for r in registered) == 11


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
    assert docx[5] == render(unread.text, lang)
    shown = {(r[1], r[5]) for r in problems[1:]}
    for p in results.proposals:
        for pr in p.problems:
            assert (p.id, render(pr.text, lang)) in shown
    if reviewed:  # each reviewer's score as given and as used, under headers saying which
        header, first, *_ = book[tr("rep.sheet.reviewers", lang)].iter_rows(values_only=True)
        assert (
            header[4:6]
            == {
                Lang.ID: ("Nilai diberikan", "Nilai juri ini yang dipakai (skala 1\u20135)"),
                Lang.EN: ("Score given", "This score as used (1\u20135 scale)"),
            }[lang]
        )
        (scored,) = [p for p in results.proposals if p.id == first[0]]
        assert scored.reviews is not None
        given = scored.reviews.criteria[next(iter(scored.reviews.criteria))].scores[0]
        assert first[4:6] == (given.score, given.level)


def test_workbook_scores_sheet_holds_each_proposals_title_rank_and_total(
    sample: tuple[Results, Path],
) -> None:
    results, out = sample
    lang = results.run.lang
    book = load_workbook(out / "results.xlsx", read_only=True)
    header, *rows = book[tr("rep.sheet.scores", lang)].iter_rows(values_only=True)
    column = {
        name: header.index(tr(name, lang))
        for name in ("doc.col.id", "doc.col.title", "doc.col.rank", "doc.col.total")
    }
    by_id = {row[column["doc.col.id"]]: row for row in rows}

    assert sorted(by_id) == sorted(p.id for p in results.proposals)
    for p in results.proposals:
        row = by_id[p.id]
        shown = (row[column["doc.col.title"]], row[column["doc.col.rank"]])
        assert shown == (p.title, p.rank), p.id
        total = row[column["doc.col.total"]]
        # a number, not text: the spreadsheet formats it in the reader's locale
        assert total == (None if p.total is None else round(p.total, 2)), p.id
    nominees = [by_id[p.id] for p in _shortlisted(results)]
    assert [(r[column["doc.col.rank"]], r[column["doc.col.total"]]) for r in nominees[:2]] == [
        (1, 75.34),
        (2, 74.71),
    ]


def test_sample_documents_show_problem_messages_in_the_run_language(
    sample: tuple[Results, Path],
) -> None:
    results, out = sample
    lang = results.run.lang
    markdown = (out / "shortlist.md").read_text("utf-8")
    sentences = [(u.reason, u.text) for u in results.unread]
    sentences += [(pr.message, pr.text) for pr in _listed_problems(results)]
    assert len(sentences) > 3

    for english, sentence in sentences:
        assert markdown_text(render(sentence, lang)) in markdown
        assert (lang is Lang.EN) == (markdown_text(english) in markdown)


def test_scorecards_html_only_writes_no_pdf(sample: tuple[Results, Path], tmp_path: Path) -> None:
    results, _ = sample

    files = write_scorecards(results, RUBRIC.rubric, tmp_path, pdf=False)

    assert [f for f in files if f.suffix == ".pdf"] == []
    assert sorted(f.name for f in (tmp_path / "scorecards").iterdir()) == sorted(
        f.name for f in files
    )
    index = (tmp_path / "scorecards" / "index.html").read_text("utf-8")
    assert index.count('.html">HTML</a>') == len(results.proposals)


def test_kipp_scorecards_renders_a_finished_run_again_keeping_files_it_did_not_write(
    sample: tuple[Results, Path], tmp_path: Path
) -> None:
    results, out = sample
    (tmp_path / "results.json").write_bytes((out / "results.json").read_bytes())
    own = tmp_path / "scorecards" / "catatan.html"
    own.parent.mkdir()
    own.write_text("catatan koordinator", encoding="utf-8")

    done = CliRunner().invoke(app, ["scorecards", str(tmp_path), "--html-only"])

    again = CliRunner().invoke(app, ["scorecards", str(tmp_path), "--html-only"])

    n = len(results.proposals)
    assert done.exit_code == 0, done.output
    assert (
        done.stdout == f"{n} scorecards in {tmp_path / 'scorecards'} (0 as before, {n} rendered)\n"
    )
    assert len(list((tmp_path / "scorecards").glob("*.html"))) == n + 2  # the index, catatan
    assert own.read_text("utf-8") == "catatan koordinator"  # never kipp's to remove
    assert again.stdout.endswith(f"({n} as before, 0 rendered)\n")  # nothing changed since


def test_kipp_scorecards_removes_the_card_it_wrote_for_a_withdrawn_proposal(
    sample: tuple[Results, Path], tmp_path: Path
) -> None:
    results, out = sample
    run = json.loads((out / "results.json").read_text("utf-8"))
    (tmp_path / "results.json").write_text(json.dumps(run), encoding="utf-8")
    CliRunner().invoke(app, ["scorecards", str(tmp_path), "--html-only"])
    withdrawn = run["proposals"].pop()
    (tmp_path / "results.json").write_text(json.dumps(run), encoding="utf-8")
    card = tmp_path / "scorecards" / f"{slugify(withdrawn['id'])}.html"
    assert card.exists()

    done = CliRunner().invoke(app, ["scorecards", str(tmp_path), "--html-only"])

    assert done.exit_code == 0, done.output
    assert not card.exists()
    assert len(list((tmp_path / "scorecards").glob("*.html"))) == len(results.proposals)


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
    "must hold the headings",
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
def faulty_id(
    tmp_path_factory: pytest.TempPathFactory, written_run: RunWriter
) -> tuple[Results, Path]:
    return written_run(_faulty_batch(tmp_path_factory.mktemp("faulty")), Lang.ID)


def _every_problem(results: Results) -> list[tuple[str, str, Text]]:
    """(field, English sentence, sentence) of the problems the shortlist documents list,
    from every source; an unread file's field is ""."""
    registry = load_registry(Path(results.run.batch) / REGISTRY_FILE)
    assert registry is not None
    assert results.reviews is not None
    problems = [
        *_listed_problems(results),
        *results.notices,
        *results.reviews.problems,
        *map(ProblemOut.of, registry.problems),
    ]
    return [(pr.field, pr.message, pr.text) for pr in problems] + [
        ("", u.reason, u.text) for u in results.unread
    ]


def test_faulty_batch_has_problems_of_every_source(faulty_id: tuple[Results, Path]) -> None:
    results, _ = faulty_id
    problems = _every_problem(results)

    every = " ".join(
        [english for _, english, _ in problems]
        + [pr.message for p in results.proposals for pr in p.problems]
    )
    for fragment in ENGLISH_FRAGMENTS:
        assert fragment in every, fragment
    # every sentence is a catalogue entry (none is shown as written, in English)
    assert [english for _, english, s in problems if s.key == "message.as_written"] == []


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
    for _, _, sentence in _every_problem(results):
        indonesian = render(sentence, Lang.ID)
        assert markdown_text(indonesian) in markdown
        assert indonesian in page
        assert indonesian in cells


def test_indonesian_documents_of_a_faulty_batch_name_fields_by_their_labels(
    faulty_id: tuple[Results, Path],
) -> None:
    results, out = faulty_id
    markdown = (out / "shortlist.md").read_text("utf-8")
    book = load_workbook(out / "results.xlsx", read_only=True)
    sheet = book[tr("rep.sheet.problems", Lang.ID)]
    fields = {row[2] for row in sheet.iter_rows(min_row=2, values_only=True) if row[2]}
    keys = {field for field, _, _ in _every_problem(results) if field}
    keys |= {pr.field for p in results.proposals for pr in p.problems}
    labelled = {key for key in keys if field_label(key, Lang.ID) != key}

    assert {"started_on", "sdgs", "agency", "reviewer", "agencies.1.aliases"} <= labelled
    assert sorted(labelled & fields) == []
    assert [key for key in sorted(labelled) if f"| {key} |" in markdown] == []
    assert {"Tanggal mulai", "TPB", "Instansi", "Juri", "Instansi 1 \u203a Nama lain"} <= fields


def test_kipp_scorecards_refuses_a_run_made_with_another_rubric_of_the_same_id(
    sample: tuple[Results, Path], tmp_path: Path
) -> None:
    _, out = sample
    run = json.loads((out / "results.json").read_text("utf-8"))
    made_with = "0123456789ab" + run["run"]["rubric_sha256"][12:]  # a rubric file edited
    run["run"]["rubric_sha256"] = made_with
    (tmp_path / "results.json").write_text(json.dumps(run), encoding="utf-8")

    done = CliRunner().invoke(app, ["scorecards", str(tmp_path), "--html-only"])

    assert done.exit_code == 2
    bundled = RUBRIC.sha256[:12]
    assert done.stderr.splitlines() == [
        f"error: {tmp_path / 'results.json'} comes from a rubric 'kipp-2022' file with other "
        f"content (fingerprint 0123456789ab…, not {bundled}…): its scorecards would show the "
        "wrong rubric's criteria and levels",
        "hint: pass the run's rubric with --rubric",
    ]
    assert not (tmp_path / "scorecards").exists()
