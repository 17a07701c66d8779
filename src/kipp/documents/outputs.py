"""Writing a run's files: whole or not at all, spreadsheets safe from formula injection.

A run writes `results.json`, `scores.csv`, `shortlist.md`, `shortlist.html`, `shortlist.pdf`,
`results.xlsx`, `compliance.csv` (when the batch holds an agency registry, `_agencies.yaml`),
the minutes of the selection (`berita-acara.html`, `berita-acara.pdf`, `berita-acara.docx`)
and `scorecards/`:
one HTML scorecard per proposal with an `index.html`, and their PDFs when asked
(`ScorecardFormat.PDF`) or, by default, when the batch is small enough for the PDFs not to
dominate the run (at most `SCORECARD_PDF_AUTO` proposals).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor
from contextlib import AbstractContextManager, nullcontext
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic_core import PydanticSerializationError

from kipp.core.atomic import write_atomic, write_atomic_stream
from kipp.core.caching import code_version, digest
from kipp.core.cells import neutralise
from kipp.core.i18n import format_number, tr
from kipp.core.keys import slugify
from kipp.core.printable import printable as writable
from kipp.documents.compliance import compliance
from kipp.documents.render.html import (
    IndexEntry,
    render_html,
    render_minutes_html,
    render_print_html,
    render_scorecard_index,
)
from kipp.documents.render.markdown import render_markdown
from kipp.documents.render.minutes_docx import render_minutes_docx
from kipp.documents.render.pdf import PdfRenderer, html_to_pdf, pdf_in_background
from kipp.documents.render.problem_views import MISSING
from kipp.documents.render.views import DocumentView, document_view
from kipp.documents.reuse import (
    ScorecardReuse,
    proposal_digest,
    renderers,
    scorecard_key,
    scorecards_context,
)
from kipp.documents.reviews import reviews_csv
from kipp.documents.scorecard_pool import Card, helper_process, start_cards, wants_helper
from kipp.documents.workbook import (
    start_workbook,
    workbook_key,
    workbook_sheets,
    workbook_worker,
)
from kipp.intake.registry import RegistryLoad
from kipp.results import ProposalOut, Results
from kipp.rubric import Rubric

SCORECARD_PDF_AUTO = 50  # scorecard PDFs by default up to this many proposals
ANNEX_LIMIT = 100  # rows per list of the shortlist (PDF, HTML, Markdown); all in the XLSX
SCORECARDS = "scorecards"
SHORTLIST_PDF = "shortlist.pdf"
WORKBOOK = "results.xlsx"
MINUTES = "berita-acara"  # the minutes of the selection (Berita Acara Hasil Seleksi)


class ScorecardFormat(StrEnum):
    """Which scorecards a run writes: HTML always; PDF too, or by batch size (`auto`)."""

    AUTO = "auto"
    HTML = "html"
    PDF = "pdf"


def _hashed(results: Results, digests: list[str]) -> Iterator[bytes]:
    """`results_json_chunks`, each proposal's `proposal_digest` appended to `digests` (its
    scorecard's key)."""
    count = len(results.proposals)
    for i, chunk in enumerate(results_json_chunks(results)):
        if 0 < i <= count:  # a proposal's chunk: its JSON after the separator
            digests.append(proposal_digest(chunk.removeprefix(_SEPARATOR)))
        yield chunk


def _reused(reuse: ScorecardReuse | None, name: str, key: str, make: Callable[[], bytes]) -> bytes:
    """The previous run's document `name` when made from the same inputs `key`, else made
    now; recorded for the next run either way."""
    data = reuse.take_document(name, key) if reuse is not None else None
    if data is None:
        data = make()
    if reuse is not None:
        reuse.keep_document(name, key, data)
    return data


def _given(data: bytes) -> Callable[[], bytes]:
    return lambda: data


def _start_workbook(
    results: Results,
    rubric: Rubric,
    registry: RegistryLoad | None,
    reuse: ScorecardReuse | None,
    worker: Executor | None,
) -> tuple[str, Callable[[], bytes]]:
    """The workbook's key (`workbook_key`: what it shows) and a function giving its bytes:
    the previous run's when it showed the same, else the workbook started now
    (`start_workbook`), by `worker` or, when None, written here."""
    sheets = workbook_sheets(results, rubric, registry)
    key = workbook_key(sheets)
    kept = reuse.take_document(WORKBOOK, key) if reuse is not None else None
    return key, _given(kept) if kept is not None else start_workbook(sheets, worker)


def results_json(results: Results) -> str:
    """`results.json` as one text (`results_json_chunks` joined)."""
    return b"".join(results_json_chunks(results)).decode("utf-8")


def results_json_chunks(results: Results) -> Iterator[bytes]:
    """`results.json` piece by piece (a national batch's is hundreds of MB): stable key
    order and formatting, so two runs diff cleanly; the same bytes as pydantic's
    `results.model_dump_json(indent=2)` (the same text as `json.dumps(..., ensure_ascii=False,
    indent=2)` of the model's JSON dump), one proposal at a time. Text that JSON cannot hold
    (a lone surrogate: a byte of a name that was not text) is written as an escape
    (`writable`) rather than failing the run, as the last defence behind intake's own."""
    head = _indented_json(results.model_copy(update={"proposals": []}), 0)
    before, marker, after = head.partition(_NO_PROPOSALS)
    if not marker or not results.proposals:
        yield head + b"\n"
        return
    yield before + b'"proposals": [\n'
    for i, proposal in enumerate(results.proposals):
        yield (_SEPARATOR if i else b"") + _proposal_json(proposal)
    yield b"\n  ]" + after + b"\n"


_NO_PROPOSALS = b'"proposals": []'
_SEPARATOR = b",\n"


def _proposal_json(proposal: ProposalOut) -> bytes:
    """One proposal as results.json holds it (indented inside the list)."""
    return _indented_json(proposal, 4)


def _indented_json(model: BaseModel, indent: int) -> bytes:
    """`model` as JSON indented by 2, each line shifted right by `indent` spaces (JSON text
    holds no raw line break, so every line break is one of the layout's)."""
    try:
        data = type(model).__pydantic_serializer__.to_json(model, indent=2)
    except PydanticSerializationError:
        cleaned = _writable_json(model.model_dump(mode="json"))
        data = json.dumps(cleaned, ensure_ascii=False, indent=2).encode("utf-8")
    if not indent:
        return bytes(data)
    pad = b" " * indent
    return pad + data.replace(b"\n", b"\n" + pad)


def _writable_json(value: Any) -> Any:
    if isinstance(value, str):
        return writable(value)
    if isinstance(value, list):
        return [_writable_json(item) for item in value]
    if isinstance(value, dict):
        return {writable(str(k)): _writable_json(v) for k, v in value.items()}
    return value


def _csv_cell(value: object) -> str:
    """A CSV cell: shown, never run as a formula, and written as text a file can hold."""
    return writable(neutralise(value))


def scores_csv(results: Results, criteria: list[str]) -> str:
    """`scores.csv`: one row per proposal, one column per criterion level, then total, rank,
    status (machine value) and the reason (in the run's language). Every cell is neutralised
    against formula injection.

    A file for programs, like `reviews.csv` and `compliance.csv`: comma-separated, a decimal
    point, UTF-8 without a byte-order mark, whatever the run's language, so every script
    reads it the same. A spreadsheet program in the Indonesian locale reads a comma file as
    one column and a decimal point as a thousands separator (`1.885` as 1885); people open
    `results.xlsx`, whose numbers are typed and read right in every locale."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    header = [
        "id",
        "source",
        "title",
        "agency",
        "category",
        *criteria,
        "total",
        "provisional",
        "rank",
        "status",
        "reason",
    ]
    writer.writerow(header)
    for p in results.proposals:
        levels = [
            "" if p.criteria is None or p.criteria[c].level is None else p.criteria[c].level
            for c in criteria
        ]
        row = [
            p.id,
            p.source,
            p.title,
            p.agency,
            p.category,
            *levels,
            "" if p.total is None else f"{p.total:.2f}",
            "" if p.provisional is None else str(p.provisional).lower(),
            "" if p.rank is None else p.rank,
            p.status.value,
            p.reason,
        ]
        writer.writerow([_csv_cell(cell) for cell in row])
    return buffer.getvalue()


NO_AGENCY_ROW = "(no agency named)"  # compliance.csv's row of the proposals naming no agency


def compliance_csv(results: Results, registry: RegistryLoad) -> str:
    """`compliance.csv`: one row per registry agency (registry order), then one per agency
    name the registry does not know, then, when some proposals name no agency, a row
    labelled `NO_AGENCY_ROW` (so the `submitted` column adds up to every proposal); counts
    of proposals submitted, valid, eligible and shortlisted, and the names the proposals
    used. Like its header and its `true`/`false`, the label is the same in every language:
    the file is for programs and spreadsheets, the documents carry the translated text.
    Cells neutralised."""
    if registry.registry is None:
        raise ValueError(f"the registry {registry.path} is not valid")
    counted = compliance(registry.registry, registry.path, results.proposals)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        ["agency", "in_registry", "submitted", "valid", "eligible", "shortlisted", "names"]
    )
    for known, group in ((True, counted.agencies), (False, counted.unknown)):
        for c in group:
            row = [c.agency, str(known).lower(), c.submitted, c.valid, c.eligible, c.shortlisted]
            writer.writerow([_csv_cell(cell) for cell in [*row, "; ".join(c.names)]])
    if counted.no_agency.submitted:
        c = counted.no_agency
        writer.writerow(
            [NO_AGENCY_ROW, "false", c.submitted, c.valid, c.eligible, c.shortlisted, ""]
        )
    return buffer.getvalue()


# names kipp gives its own files in `scorecards/`: no proposal's scorecard may take them
RESERVED_SCORECARD_NAMES = frozenset({"index"})


def _scorecard_names(results: Results) -> list[str]:
    """A file name per proposal: its id as a slug, numbered when two slugs collide or the
    slug is one of kipp's own names (`index`)."""
    names: list[str] = []
    seen: set[str] = set(RESERVED_SCORECARD_NAMES)
    for p in results.proposals:
        base = slugify(p.id) or "proposal"
        name, n = base, 1
        while name in seen:
            n += 1
            name = f"{base}-{n}"
        seen.add(name)
        names.append(name)
    return names


def write_scorecards(
    results: Results,
    rubric: Rubric,
    out_dir: Path,
    pdf: bool,
    reuse: ScorecardReuse | None = None,
    view: DocumentView | None = None,
    workers: int | None = None,
    digests: Sequence[str] | None = None,
) -> list[Path]:
    """Write `out_dir/scorecards/`: every proposal's scorecard (HTML, and PDF when `pdf`) and
    `index.html`. Callers write into a fresh staging folder (`kipp.documents.staging.write_staged`),
    which then replaces the scorecards of the previous run, so those of proposals no longer
    in the batch do not linger. With `reuse`, a scorecard whose inputs are those of the
    previous run's (`kipp.documents.reuse.scorecard_key`) is taken from it rather than
    rendered. Scorecards are written as they are made, never held together; many of them
    are rendered by `workers` processes (`kipp.documents.scorecard_pool`). `digests`: each
    proposal's `proposal_digest`, when the caller has them from writing results.json."""
    return start_scorecards(results, rubric, out_dir, pdf, reuse, view, workers, digests)()


def start_scorecards(
    results: Results,
    rubric: Rubric,
    out_dir: Path,
    pdf: bool,
    reuse: ScorecardReuse | None = None,
    view: DocumentView | None = None,
    workers: int | None = None,
    digests: Sequence[str] | None = None,
    helper: Executor | None = None,
) -> Callable[[], list[Path]]:
    """`write_scorecards` in two steps: now, the unchanged scorecards taken over and, with a
    `helper` process, its share of the others begun (`scorecard_pool.start_cards`), while
    the caller writes other documents; the function returned renders the rest, writes
    `index.html` and returns the paths."""
    target = out_dir / SCORECARDS
    target.mkdir(parents=True, exist_ok=True)
    lang = results.run.lang
    view = view or document_view(results, rubric)
    suffixes = (".html", ".pdf") if pdf else (".html",)
    context = scorecards_context(results, rubric, pdf) if reuse is not None else ""
    entries = []
    names = _scorecard_names(results)
    keys: dict[str, str] = {}
    to_render: list[Card] = []
    if reuse is not None:
        if digests is None:
            digests = [proposal_digest(_proposal_json(p)) for p in results.proposals]
        keys = {name: scorecard_key(context, d) for name, d in zip(names, digests, strict=True)}
    for p, name in zip(results.proposals, names, strict=True):
        if reuse is None or not reuse.place(name, keys[name], suffixes, target):
            to_render.append((name, p))
        entries.append(
            IndexEntry(
                title=p.title or MISSING,
                agency=p.agency or MISSING,
                status=tr(f"status.label.{p.status.value}", lang),
                total=MISSING if p.total is None else format_number(p.total, lang, 2),
                html=f"{name}.html",
                pdf=f"{name}.pdf" if pdf else "",
            )
        )
    rendered = start_cards(to_render, results, rubric, target, pdf, workers, helper)

    def finish() -> list[Path]:
        for (name, _), hashes in rendered():
            if reuse is not None:
                reuse.keep_digests(name, keys[name], hashes)
        index = render_scorecard_index(view, entries)
        (target / "index.html").write_text(index, encoding="utf-8")
        files_written = [f"{name}{suffix}" for name in names for suffix in suffixes]
        return [target / name for name in [*files_written, "index.html"]]

    return finish


def write_run(
    results: Results,
    rubric: Rubric,
    out_dir: Path,
    *,
    scorecards: ScorecardFormat = ScorecardFormat.AUTO,
    annex_limit: int | None = ANNEX_LIMIT,
    registry: RegistryLoad | None = None,
    reuse: ScorecardReuse | None = None,
    renderer: PdfRenderer | None = None,
) -> list[Path]:
    """Write the run's documents into `out_dir`, each atomically; return their paths (every
    scorecard file too, so a caller that moves the files elsewhere moves each one).

    `registry` is the batch's agency registry as read; without one there is no compliance
    table, and a broken one does not stop the run: the documents show its located problems
    instead of the table. `reuse` takes unchanged scorecards from the previous run
    (`write_scorecards`); `renderer` is the PDF child started ahead, if any."""
    lang = results.run.lang
    criteria = [c.id for c in rubric.criteria]
    view = document_view(results, rubric, limit=annex_limit)  # one view for every document
    printable = render_print_html(results, rubric, registry, annex_limit, view)
    pdf = scorecards is ScorecardFormat.PDF or (
        scorecards is ScorecardFormat.AUTO and len(results.proposals) <= SCORECARD_PDF_AUTO
    )
    # The second core renders the shortlist PDF from now on, even when the previous run's
    # may be reused: whether it may is known only from the native libraries the child
    # loaded (part of the PDF's key), which it says once started; a PDF that is reused
    # after all is not waited for (its child is ended as soon as that is known).
    rendering = pdf_in_background(printable, renderer)
    # the other core's share of the scorecards (`helper_process`; its process starts with
    # its first job, so a re-run that renders few scorecards starts none). A run large
    # enough for the helper leaves the workbook here: the helper has the other core, and
    # the sheets held in two processes cost memory such a run does not have
    # (bench/README.md, national size: the workbook in the helper, not kept).
    helping: AbstractContextManager[Executor | None]
    book_writer: AbstractContextManager[Executor | None]
    if wants_helper(len(results.proposals)):
        helping, book_writer = helper_process(results, rubric), nullcontext(None)
    else:
        helping, book_writer = nullcontext(None), workbook_worker(len(results.proposals))
    with rendering as shortlist_pdf, helping as helper, book_writer as book_worker:
        # a workbook to write is written by a worker process from now on, beside the other
        # documents, when the run is large (`workbook_worker`); else here, below
        book = (
            None
            if book_worker is None
            else _start_workbook(results, rubric, registry, reuse, book_worker)
        )

        def previous_pdf(natives: str) -> tuple[str, str, bytes | None]:
            """The renderers, the shortlist PDF's key, and the previous run's PDF when it
            holds: the child then leaves the other core at once."""
            pdf_renderers = renderers(True, natives)
            pdf_key = digest(SHORTLIST_PDF, code_version(), pdf_renderers, printable)
            kept = reuse.take_document(SHORTLIST_PDF, pdf_key) if reuse is not None else None
            if kept is not None:
                shortlist_pdf.stop()
            return pdf_renderers, pdf_key, kept

        # decided now when this process knows the native libraries (it ran before), so that
        # a child not needed gives the other core to the workbook's worker at once
        natives = shortlist_pdf.known_natives
        known = None if natives is None else previous_pdf(natives)
        digests: list[str] = []  # each proposal's, for its scorecard's key
        paths = [write_atomic_stream(out_dir / "results.json", _hashed(results, digests))]
        # the helper's share of the scorecards begins now, while this process goes on
        cards = start_scorecards(
            results, rubric, out_dir, pdf, reuse, view, digests=digests, helper=helper
        )
        # else once its child has said which native libraries it loaded
        pdf_renderers, pdf_key, kept_pdf = known or previous_pdf(shortlist_pdf.natives())
        if book is None:  # written here, the helper's share of the scorecards begun
            book = _start_workbook(results, rubric, registry, reuse, None)
        paths += [
            write_atomic(out_dir / "scores.csv", scores_csv(results, criteria)),
            write_atomic(
                out_dir / "shortlist.md", render_markdown(results, rubric, lang, registry, view)
            ),
            write_atomic(
                out_dir / "shortlist.html", render_html(results, rubric, lang, registry, view)
            ),
        ]
        if registry is not None and registry.registry is not None:
            paths.append(
                write_atomic(out_dir / "compliance.csv", compliance_csv(results, registry))
            )
        if results.reviews is not None:  # every raw reviewer score, one row each
            paths.append(write_atomic(out_dir / "reviews.csv", writable(reviews_csv(results))))
        minutes = render_minutes_html(results, rubric)
        paths.append(write_atomic(out_dir / f"{MINUTES}.html", minutes))
        minutes_key = digest(f"{MINUTES}.pdf", code_version(), pdf_renderers, minutes)
        minutes_pdf = _reused(reuse, f"{MINUTES}.pdf", minutes_key, lambda: html_to_pdf(minutes))
        paths.append(write_atomic(out_dir / f"{MINUTES}.pdf", minutes_pdf))
        paths.append(
            write_atomic(out_dir / f"{MINUTES}.docx", render_minutes_docx(results, rubric))
        )
        scorecard_paths = cards()
        book_key, workbook = book[0], book[1]()
        if reuse is not None:
            reuse.keep_document(WORKBOOK, book_key, workbook)
        paths.insert(4, write_atomic(out_dir / WORKBOOK, workbook))
        shortlist = shortlist_pdf.pdf() if kept_pdf is None else kept_pdf
        if reuse is not None:
            reuse.keep_document(SHORTLIST_PDF, pdf_key, shortlist)
        paths.insert(4, write_atomic(out_dir / SHORTLIST_PDF, shortlist))
    return paths + scorecard_paths
