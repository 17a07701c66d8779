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

The sheets are plain values: `kipp.documents.xlsx` writes them, in this process or in a
worker process (`kipp.documents.outputs`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass

from kipp.core.caching import code_version
from kipp.core.i18n import Lang, render, tr
from kipp.core.workers import default_workers, one_worker, preload_in_fork_server
from kipp.documents.compliance import compliance
from kipp.documents.render.problem_views import field_label
from kipp.documents.render.review_views import criterion_labels
from kipp.documents.render.views import call_name, heading, region_name, run_date
from kipp.documents.xlsx import (
    CUT_MARK,
    MAX_CELL_TEXT,
    Cell,
    Sheet,
    Workbook,
    xlsx_bytes,
    xlsx_bytes_at,
    xlsx_writer,
)
from kipp.intake.registry import RegistryLoad
from kipp.measures.novelty import Neighbour
from kipp.results import ProblemOut, ProposalStatus, Results
from kipp.rubric import Rubric

__all__ = [
    "CUT_MARK",
    "MAX_CELL_TEXT",
    "Sheet",
    "SheetSource",
    "start_workbook",
    "workbook_bytes",
    "workbook_key",
    "workbook_sheets",
    "workbook_worker",
]

WORKER_FROM = 1_000
"""Proposals from which the workbook is written in a worker process while the run writes
its other documents (at 3,500 proposals openpyxl takes 2-3 s over its 113,000 cells; the
sheets, plain values, are sent in a fraction of that). Not from the size at which the
scorecards have a helper process (`kipp.documents.outputs.write_run`)."""
KEY_ROWS = 1_000  # rows hashed at a time for the workbook's key
WORKER_NICENESS = 10
"""The worker's priority: below the run's and the shortlist PDF's child's, whose one
document cannot be split (on a first run it takes the other core for longer than the run's
documents). The worker starts before the run knows whether the previous run's PDF is reused;
when it is, the child is ended and the worker shares the two cores with the run alone."""


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


def workbook_sheets(
    results: Results,
    rubric: Rubric,
    registry: RegistryLoad | None = None,
    extra: Sequence[SheetBuilder] = (),
) -> Workbook:
    """The workbook's title and sheets, in order, as plain values (`kipp.documents.xlsx`
    writes them)."""
    src = SheetSource(results=results, rubric=rubric, registry=registry)
    title = heading(tr("minutes.workbook.title", src.lang), results, rubric)
    sheets = [sheet for build in [*SHEETS, *extra] if (sheet := build(src)) is not None]
    return Workbook(title, sheets)


def workbook_bytes(
    results: Results,
    rubric: Rubric,
    registry: RegistryLoad | None = None,
    extra: Sequence[SheetBuilder] = (),
) -> bytes:
    """The workbook as `.xlsx` bytes."""
    return xlsx_bytes(workbook_sheets(results, rubric, registry, extra))


# the workbook's worker starts at each run (a process that runs again starts one per run):
# forked with openpyxl imported, whichever pool started the fork server
XLSX_MODULE = "kipp.documents.xlsx"
preload_in_fork_server([XLSX_MODULE])


@contextmanager
def workbook_worker(proposals: int) -> Iterator[Executor | None]:
    """A worker process for the workbook of a run of `proposals` proposals, from
    `WORKER_FROM` on a machine of two cores or more (it starts with its job); else None.
    Ends when the block does, or at once (its job dropped) when the block fails."""
    if proposals < WORKER_FROM or default_workers() < 2:
        yield None
        return
    with one_worker([XLSX_MODULE]) as pool:
        yield pool


def workbook_key(book: Workbook) -> str:
    """The workbook's key for reuse (`kipp.documents.reuse`): what it shows (its title, and
    each sheet's title, header and cells, in order) and what writes it (the code, the
    library). Two runs whose workbooks would show the same cells have the same key, whatever
    else changed in their results (a time of day, an input file's digest, an evidence
    sentence that only results.json and the scorecards show)."""
    hashed = hashlib.sha256()

    def feed(value: object) -> None:  # each part framed by its length: unambiguous
        data = json.dumps(value).encode()  # ASCII: a lone surrogate is escaped, as written
        hashed.update(len(data).to_bytes(8, "big"))
        hashed.update(data)

    feed([code_version(), xlsx_writer(), book.title, len(book.sheets)])
    for sheet in book.sheets:
        feed([sheet.title, sheet.header, len(sheet.rows)])
        for start in range(0, len(sheet.rows), KEY_ROWS):  # no whole copy of a national run
            feed(sheet.rows[start : start + KEY_ROWS])
    return hashed.hexdigest()


def start_workbook(book: Workbook, worker: Executor | None) -> Callable[[], bytes]:
    """Start writing the workbook `book` (`workbook_sheets`): by `worker` when given (in the
    background, below the run's priority), else here at once; the returned function gives
    its bytes. A worker that dies costs nothing: the workbook is then written here."""
    if worker is None:
        data = xlsx_bytes(book)
        return lambda: data
    # the job's function is the light module's: the worker imports nothing else
    future = worker.submit(xlsx_bytes_at, book, WORKER_NICENESS)

    def written() -> bytes:
        try:
            return future.result()
        except BrokenProcessPool:
            return xlsx_bytes(book)

    return written
