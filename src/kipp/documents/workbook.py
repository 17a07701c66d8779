"""`results.xlsx`: the run as a workbook a coordinator can filter and sort.

One sheet per view of the run: scores per criterion, gates, reviewers' scores (once there
are any), problems, novelty neighbours, compliance (when the batch has an agency registry)
and the run's manifest. Headers are in the run's language, frozen, with filters; every text
cell that a spreadsheet program would run as a formula (a title such as `=HYPERLINK(...)`)
is typed as text, so it is shown as written, never run, and every text goes through
`printable`, so that text a workbook cannot hold (control characters, bytes of a name
that were not text) is written as escapes rather than failing the run; a text longer than a
cell holds (32,767 characters, Excel's limit) is cut, visibly, ending in ` [...]` (results.json
keeps it whole). Numbers stay numbers (typed cells), so the workbook reads the same in every
locale: it is the file for people, `scores.csv` and `reviews.csv` are for programs. Every
sheet prints landscape on A4, fitted to the page's width, with its header row repeated on
each page.

Extension point: each sheet is a `Sheet` built by a function of `SheetSource`; a new view of
the run is one more builder appended to `SHEETS` (or passed as `extra`), with no change to
the writing code. Reviewers' scores (`reviewers_sheet`) are one such builder: the sheet
appears once any proposal carries reviews.

About 420 lines: one builder per sheet, each short, beside the writer they share.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from kipp.core.cells import formula_like
from kipp.core.i18n import Lang, render, tr
from kipp.documents.compliance import compliance
from kipp.documents.render.problem_views import field_label
from kipp.documents.render.review_views import criterion_labels
from kipp.documents.render.views import call_name, heading, region_name, run_date
from kipp.intake.reading import printable
from kipp.intake.registry import RegistryLoad
from kipp.measures.novelty import Neighbour
from kipp.results import ProblemOut, ProposalStatus, Results
from kipp.rubric import Rubric

Cell = str | int | float | None
MIN_WIDTH, MAX_WIDTH = 6, 60
MAX_CELL_TEXT = 32_767  # the most a workbook cell holds, in UTF-16 code units
CUT_MARK = " [...]"  # ends a text cut to fit a cell (results.json has it whole)


@dataclass(frozen=True)
class Sheet:
    """One worksheet: a title, a header row and rows of cells."""

    title: str
    header: tuple[str, ...]
    rows: list[tuple[Cell, ...]]


@dataclass(frozen=True)
class SheetSource:
    """What a sheet builder may read."""

    results: Results
    rubric: Rubric
    registry: RegistryLoad | None

    @property
    def lang(self) -> Lang:
        return self.results.run.lang


SheetBuilder = Callable[[SheetSource], Sheet | None]


def _status(status: ProposalStatus, lang: Lang) -> str:
    return tr(f"rep.status.{status.value}", lang)


def _yes_no(value: bool | None, lang: Lang) -> str | None:
    return None if value is None else tr("rep.yes" if value else "rep.no", lang)


def scores_sheet(src: SheetSource) -> Sheet:
    """One row per proposal: identity, status, rank, total and each criterion's level."""
    lang = src.lang
    criteria = src.rubric.criteria
    header = (
        tr("doc.col.id", lang),
        tr("doc.col.source", lang),
        tr("doc.col.title", lang),
        tr("doc.col.agency", lang),
        tr("doc.col.group", lang),
        tr("doc.col.category", lang),
        tr("rep.col.status", lang),
        tr("doc.col.rank", lang),
        tr("doc.col.total", lang),
        tr("rep.col.provisional", lang),
        *(tr("rep.col.level_of", lang, criterion=c.label.get(lang.value)) for c in criteria),
        tr("doc.col.reason", lang),
    )
    rows: list[tuple[Cell, ...]] = []
    for p in src.results.proposals:
        levels = [
            None if p.criteria is None or c.id not in p.criteria else p.criteria[c.id].level
            for c in criteria
        ]
        rows.append(
            (
                p.id,
                p.source,
                p.title,
                p.agency,
                p.group,
                p.category,
                _status(p.status, lang),
                p.rank,
                None if p.total is None else round(p.total, 2),
                _yes_no(p.provisional, lang),
                *levels,
                p.reason,
            )
        )
    return Sheet(tr("rep.sheet.scores", lang), header, rows)


def gates_sheet(src: SheetSource) -> Sheet:
    """One row per proposal, one column per gate (passed or failed; empty when the proposal
    was invalid and never checked), then the failed gates with their figures."""
    lang = src.lang
    gates = src.rubric.gates
    header = (
        tr("doc.col.id", lang),
        tr("doc.col.title", lang),
        tr("doc.col.agency", lang),
        tr("rep.col.status", lang),
        *(g.label.get(lang.value) for g in gates),
        tr("doc.ineligible.failed", lang),
    )
    passed, failed = tr("doc.gate.passed", lang), tr("doc.gate.failed", lang)
    rows: list[tuple[Cell, ...]] = []
    for p in src.results.proposals:
        results = {g.gate: g for g in p.gates}
        rows.append(
            (
                p.id,
                p.title,
                p.agency,
                _status(p.status, lang),
                *(
                    None if g.id not in results else passed if results[g.id].passed else failed
                    for g in gates
                ),
                " ".join(f"{g.label}: {g.detail}" for g in p.gates if not g.passed) or None,
            )
        )
    return Sheet(tr("rep.sheet.gates", lang), header, rows)


def _where(problem: ProblemOut) -> str | None:
    """`12` (a line) or `3:B` (a spreadsheet row and column); None when not located."""
    if problem.line is None:
        return None
    return str(problem.line) if problem.column is None else f"{problem.line}:{problem.column}"


def problems_sheet(src: SheetSource) -> Sheet:
    """Every intake problem and notice, every unread file, and the problems of the
    reviewers' scoresheets and panel and of the agency registry, located; messages and
    labels in the run's language."""
    lang = src.lang
    header = (
        tr("doc.col.path", lang),
        tr("doc.col.id", lang),
        tr("doc.col.field", lang),
        tr("doc.col.location", lang),
        tr("doc.col.severity", lang),
        tr("doc.col.message", lang),
    )
    results = src.results
    criteria = criterion_labels(src.rubric, lang)

    def row(pid: str | None, pr: ProblemOut, sheet: bool = False) -> tuple[Cell, ...]:
        return (
            pr.path,
            pid,
            field_label(pr.field, lang, criteria if sheet else None),
            _where(pr),
            tr(f"doc.severity.{pr.severity}", lang),
            render(pr.text, lang),
        )

    rows = [row(p.id, pr) for p in results.proposals for pr in p.problems]
    rows += [row(None, n) for n in results.notices]
    rows += [
        (u.path, None, None, None, tr("rep.problem.unread", lang), render(u.text, lang))
        for u in results.unread
    ]
    if results.reviews is not None:
        rows += [row(None, pr, sheet=True) for pr in results.reviews.problems]
    if src.registry is not None:
        rows += [row(None, ProblemOut.of(pr)) for pr in src.registry.problems]
    return Sheet(tr("rep.sheet.problems", lang), header, rows)


def novelty_sheet(src: SheetSource) -> Sheet:
    """One row per measured proposal: its novelty score, its nearest prior innovation and
    nearest batch proposal with their similarity, and its flags."""
    lang = src.lang
    prior, batch = tr("doc.neighbour.prior", lang), tr("doc.neighbour.batch", lang)
    flag_labels = {kind: tr(f"doc.flag.{kind}", lang) for kind in ("prior", "batch")}
    header = (
        tr("doc.col.id", lang),
        tr("doc.col.title", lang),
        tr("doc.nominee.novelty_score", lang),
        f"{prior}: {tr('doc.col.id', lang)}",
        f"{prior}: {tr('doc.col.title', lang)}",
        f"{prior}: {tr('doc.col.similarity', lang)}",
        f"{batch}: {tr('doc.col.id', lang)}",
        f"{batch}: {tr('doc.col.title', lang)}",
        f"{batch}: {tr('doc.col.similarity', lang)}",
        tr("rep.col.flag", lang),
    )
    rows: list[tuple[Cell, ...]] = []
    for p in src.results.proposals:
        if p.novelty is None:
            continue
        first: dict[str, Neighbour] = {}
        for n in p.novelty.nearest:
            first.setdefault(n.kind, n)
        cells: list[Cell] = [p.id, p.title, p.novelty.score]
        for kind in ("prior", "batch"):
            m = first.get(kind)
            cells += [None, None, None] if m is None else [m.id, m.title, m.similarity]
        flags = "; ".join(
            f"{flag_labels[f.kind]}: {f.title} ({f.id}, {f.similarity})" for f in p.novelty.flags
        )
        rows.append((*cells, flags or None))
    return Sheet(tr("rep.sheet.novelty", lang), header, rows)


def compliance_sheet(src: SheetSource) -> Sheet | None:
    """Proposals per registry agency, per unknown agency and, when some name none, a row
    for those; None without a usable registry."""
    if src.registry is None or src.registry.registry is None:
        return None
    lang = src.lang
    counted = compliance(src.registry.registry, src.registry.path, src.results.proposals)
    header = (
        tr("rep.compliance.col.agency", lang),
        tr("rep.compliance.col.submitted", lang),
        tr("rep.compliance.col.valid", lang),
        tr("rep.compliance.col.eligible", lang),
        tr("rep.compliance.col.shortlisted", lang),
        tr("rep.compliance.registry", lang),
        tr("rep.compliance.col.names", lang),
    )
    rows: list[tuple[Cell, ...]] = [
        (c.agency, c.submitted, c.valid, c.eligible, c.shortlisted,
         tr("rep.yes" if known else "rep.no", lang), "; ".join(c.names))
        for known, group in ((True, counted.agencies), (False, counted.unknown))
        for c in group
    ]  # fmt: skip
    if counted.no_agency.submitted:  # so that the submitted column adds up to every proposal
        c = counted.no_agency
        rows.append((tr("rep.compliance.no_agency", lang), c.submitted, c.valid, c.eligible,
                     c.shortlisted, tr("rep.no", lang), None))  # fmt: skip
    return Sheet(tr("rep.sheet.compliance", lang), header, rows)


def _reviewers_shown(results: Results) -> dict[str, str]:
    """Each reviewer as the documents name them: the letter of the explanations, then the
    name (`A (Dr. Bagus Hermawan)`); their id where the panel gives neither."""
    if results.reviews is None:
        return {}
    shown: dict[str, str] = {}
    for r in results.reviews.progress:
        name = r.name or r.reviewer
        shown[r.reviewer] = f"{r.label} ({name})" if r.label else name
    return shown


def reviewers_sheet(src: SheetSource) -> Sheet | None:
    """One row per reviewer's score: proposal, criterion, reviewer (as the documents name
    them), the score as given and as used, and the criterion's aggregate (mean, median, value
    used, spread, disagreement). None while no proposal has reviews."""
    lang = src.lang
    labels = {c.id: c.label.get(lang.value) for c in src.rubric.criteria}
    header = (
        tr("doc.col.id", lang),
        tr("doc.col.title", lang),
        tr("doc.col.criterion", lang),
        tr("rep.col.reviewer", lang),
        tr("rep.col.score", lang),
        tr("rep.col.score_used", lang),
        tr("rep.col.mean", lang),
        tr("rep.col.median", lang),
        tr("rep.col.used", lang),
        tr("rep.col.spread", lang),
        tr("rep.col.disagreement", lang),
    )
    shown = _reviewers_shown(src.results)
    rows: list[tuple[Cell, ...]] = []
    for p in src.results.proposals:
        if p.reviews is None:
            continue
        for cid, c in p.reviews.criteria.items():
            for score in c.scores:
                rows.append(
                    (
                        p.id,
                        p.title,
                        labels.get(cid, cid),
                        shown.get(score.reviewer, score.reviewer),
                        score.score,
                        score.level,
                        c.mean,  # as the shortlist and scorecards show them (4 decimals)
                        c.median,
                        c.value,
                        c.spread,
                        _yes_no(c.disagreement, lang),
                    )
                )
    if not rows:
        return None
    return Sheet(tr("rep.sheet.reviewers", lang), header, rows)


def run_sheet(src: SheetSource) -> Sheet:
    """The run's manifest as item/value pairs."""
    lang = src.lang
    run = src.results.run
    items: list[tuple[Cell, ...]] = [
        (tr("doc.call", lang), call_name(src.results, src.rubric)),
        (tr("minutes.doc.batch_folder", lang), run.batch),
        (tr("doc.manifest.rubric", lang), run.rubric),
        (tr("doc.manifest.rubric_sha256", lang), run.rubric_sha256),
        (tr("doc.manifest.code_version", lang), run.code_version),
        (tr("doc.manifest.corpus", lang), run.corpus.path),
        (tr("doc.manifest.corpus_sha256", lang), run.corpus.sha256),
        (tr("doc.run_date", lang), run_date(run.finished_at, lang)),  # the times: results.json
        (tr("doc.manifest.language", lang), tr(f"doc.language.{run.lang.value}", lang)),
        (tr("doc.manifest.shortlist_size", lang), run.shortlist_size),
    ]
    if region_name(src.results):
        items.insert(0, (tr("minutes.doc.region", lang), region_name(src.results)))
    return Sheet(
        tr("rep.sheet.run", lang), (tr("rep.col.item", lang), tr("rep.col.value", lang)), items
    )


# The workbook's sheets in order; a builder returning None (no reviews yet, no registry)
# adds no sheet. A new view of the run is one more builder here.
SHEETS: list[SheetBuilder] = [
    scores_sheet,
    gates_sheet,
    reviewers_sheet,
    problems_sheet,
    novelty_sheet,
    compliance_sheet,
    run_sheet,
]


def _cell(value: Cell, ws: Any) -> Cell | WriteOnlyCell:
    """A value as the sheet `ws` holds it: numbers as numbers; text written so that the
    workbook can hold it (a text longer than a cell holds is cut, visibly, with `CUT_MARK`),
    and text a spreadsheet program would run as a formula in a cell typed as text, shown as
    written."""
    if value is None or isinstance(value, int | float):
        return value
    shown = _fitted(printable(str(value)))
    if not formula_like(shown):
        return shown
    cell = WriteOnlyCell(ws, shown)
    cell.data_type = "s"  # openpyxl types a text starting with `=` as a formula
    return cell


def _fitted(shown: str) -> str:
    """`shown`, cut visibly where it is longer than a cell holds."""
    if len(shown) > MAX_CELL_TEXT // 2 and _utf16_units(shown) > MAX_CELL_TEXT:
        budget, used = MAX_CELL_TEXT - len(CUT_MARK), 0
        for kept, char in enumerate(shown):  # the longest start that fits, mark included
            used += 2 if ord(char) > 0xFFFF else 1
            if used > budget:
                return shown[:kept] + CUT_MARK
    return shown


def _utf16_units(value: str) -> int:
    """The length of `value` as a workbook counts it (UTF-16 code units: a character
    beyond the Basic Multilingual Plane counts two)."""
    return len(value.encode("utf-16-le")) // 2


def _print_settings(ws: Any) -> None:
    """Landscape on A4, as wide as the page and as many pages long as it takes, the header
    row on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_title_rows = "1:1"


def _widths(sheet: Sheet) -> list[float]:
    """Column widths from the longest of the header and the first rows (capped)."""
    widths = [float(len(h)) for h in sheet.header]
    for row in sheet.rows[:500]:
        for i, value in enumerate(row):
            if value is not None:
                widths[i] = max(widths[i], float(len(str(value))))
    return [min(MAX_WIDTH, max(MIN_WIDTH, w + 2)) for w in widths]


def workbook_bytes(
    results: Results,
    rubric: Rubric,
    registry: RegistryLoad | None = None,
    extra: Sequence[SheetBuilder] = (),
) -> bytes:
    """The workbook as `.xlsx` bytes (written in openpyxl's streaming mode)."""
    src = SheetSource(results=results, rubric=rubric, registry=registry)
    book = Workbook(write_only=True)
    book.properties.title = heading(tr("minutes.workbook.title", src.lang), results, rubric)
    for build in [*SHEETS, *extra]:
        sheet = build(src)
        if sheet is None:
            continue
        ws = book.create_sheet(sheet.title[:31])
        for i, width in enumerate(_widths(sheet), start=1):
            ws.column_dimensions[get_column_letter(i)].width = width
        ws.freeze_panes = "A2"
        last = get_column_letter(len(sheet.header))
        ws.auto_filter.ref = f"A1:{last}{len(sheet.rows) + 1}"
        _print_settings(ws)
        ws.append([_cell(h, ws) for h in sheet.header])
        for row in sheet.rows:
            ws.append([_cell(v, ws) for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
