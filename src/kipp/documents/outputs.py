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
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic_core import PydanticSerializationError

from kipp.core.atomic import write_atomic
from kipp.core.cells import neutralise
from kipp.core.i18n import format_number, tr
from kipp.core.keys import slugify
from kipp.documents.compliance import compliance
from kipp.documents.render.html import (
    IndexEntry,
    render_html,
    render_minutes_html,
    render_print_html,
    render_scorecard_html,
    render_scorecard_index,
)
from kipp.documents.render.markdown import render_markdown
from kipp.documents.render.minutes_docx import render_minutes_docx
from kipp.documents.render.pdf import PdfRenderer, html_to_pdf, pdf_in_background
from kipp.documents.render.problem_views import MISSING
from kipp.documents.render.reports import scorecard_view
from kipp.documents.render.views import document_view
from kipp.documents.reuse import ScorecardReuse, scorecard_key, scorecards_context
from kipp.documents.reviews import reviews_csv
from kipp.documents.workbook import workbook_bytes
from kipp.intake.reading import printable as writable
from kipp.intake.registry import RegistryLoad
from kipp.results import Results
from kipp.rubric import Rubric

SCORECARD_PDF_AUTO = 50  # scorecard PDFs by default up to this many proposals
ANNEX_LIMIT = 100  # rows per annex of the PDF; every row is in the HTML and XLSX
SCORECARDS = "scorecards"
MINUTES = "berita-acara"  # the minutes of the selection (Berita Acara Hasil Seleksi)


class ScorecardFormat(StrEnum):
    """Which scorecards a run writes: HTML always; PDF too, or by batch size (`auto`)."""

    AUTO = "auto"
    HTML = "html"
    PDF = "pdf"


def results_json(results: Results) -> str:
    """`results.json`: stable key order and formatting, so two runs diff cleanly. Serialised
    by pydantic-core (the same text as `json.dumps(..., ensure_ascii=False, indent=2)` of the
    model's JSON dump, and several times faster). Text that JSON cannot hold (a lone
    surrogate: a byte of a name that was not text) is written as an escape (`writable`)
    rather than failing the run, as the last defence behind intake's own."""
    try:
        return results.model_dump_json(indent=2) + "\n"
    except PydanticSerializationError:
        cleaned = _writable_json(results.model_dump(mode="json"))
        return json.dumps(cleaned, ensure_ascii=False, indent=2) + "\n"


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
) -> list[Path]:
    """Write `out_dir/scorecards/`: every proposal's scorecard (HTML, and PDF when `pdf`) and
    `index.html`. Callers write into a fresh staging folder (`kipp.documents.staging.write_staged`),
    which then replaces the scorecards of the previous run, so those of proposals no longer
    in the batch do not linger. With `reuse`, a scorecard whose inputs are those of the
    previous run's (`kipp.documents.reuse.scorecard_key`) is copied from it rather than rendered."""
    target = out_dir / SCORECARDS
    target.mkdir(parents=True, exist_ok=True)
    lang = results.run.lang
    view = document_view(results, rubric)
    suffixes = (".html", ".pdf") if pdf else (".html",)
    context = scorecards_context(results, rubric, pdf) if reuse is not None else ""
    entries = []
    names: list[str] = []
    for p, name in zip(results.proposals, _scorecard_names(results), strict=True):
        key = scorecard_key(context, p) if reuse is not None else ""
        files = reuse.take(name, key, suffixes) if reuse is not None else None
        if files is None:
            html = render_scorecard_html(scorecard_view(p, results, rubric))
            files = {".html": html.encode("utf-8")}
            if pdf:
                files[".pdf"] = html_to_pdf(html)
        for suffix in suffixes:
            (target / f"{name}{suffix}").write_bytes(files[suffix])
            names.append(f"{name}{suffix}")
        if reuse is not None:
            reuse.keep(name, key, files)
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
    index = render_scorecard_index(view, entries)
    (target / "index.html").write_text(index, encoding="utf-8")
    return [target / name for name in [*names, "index.html"]]


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
    instead of the table. `reuse` copies unchanged scorecards from the previous run
    (`write_scorecards`); `renderer` is the PDF child started ahead, if any."""
    lang = results.run.lang
    criteria = [c.id for c in rubric.criteria]
    view = document_view(results, rubric)
    printable = render_print_html(results, rubric, registry, annex_limit, view)
    pdf = scorecards is ScorecardFormat.PDF or (
        scorecards is ScorecardFormat.AUTO and len(results.proposals) <= SCORECARD_PDF_AUTO
    )
    with pdf_in_background(printable, renderer) as shortlist_pdf:  # the second core renders the PDF
        paths = [
            write_atomic(out_dir / "results.json", results_json(results)),
            write_atomic(out_dir / "scores.csv", scores_csv(results, criteria)),
            write_atomic(
                out_dir / "shortlist.md", render_markdown(results, rubric, lang, registry)
            ),
            write_atomic(out_dir / "shortlist.html", render_html(results, rubric, lang, registry)),
            write_atomic(out_dir / "results.xlsx", workbook_bytes(results, rubric, registry)),
        ]
        if registry is not None and registry.registry is not None:
            paths.append(
                write_atomic(out_dir / "compliance.csv", compliance_csv(results, registry))
            )
        if results.reviews is not None:  # every raw reviewer score, one row each
            paths.append(write_atomic(out_dir / "reviews.csv", writable(reviews_csv(results))))
        minutes = render_minutes_html(results, rubric)
        paths.append(write_atomic(out_dir / f"{MINUTES}.html", minutes))
        paths.append(write_atomic(out_dir / f"{MINUTES}.pdf", html_to_pdf(minutes)))
        paths.append(
            write_atomic(out_dir / f"{MINUTES}.docx", render_minutes_docx(results, rubric))
        )
        cards = write_scorecards(results, rubric, out_dir, pdf, reuse)
        paths.insert(4, write_atomic(out_dir / "shortlist.pdf", shortlist_pdf()))
    return paths + cards
