"""Scoresheets and packets for reviewers: one XLSX (scores, instructions, evidence, proposal
texts) and one CSV (the scores sheet) per reviewer, plus `assignments.csv`, the record ingest
checks completed sheets against. Headings are in the sheets' language (Indonesian unless
English is asked for), the criteria named by their rubric labels; `kipp.reviews.rows` reads
them back through its header aliases, and sheets with the English column codes of earlier
versions (`reviewer`, `proposal`, criterion ids, `comment`) as well.

Blind packets leave out the agency, the innovators and the attachments, mask their names in
the proposal texts and title (every name the batch's agency registry knows for the agency,
`kipp.assignment.blind`), and name each proposal by an opaque packet code instead of its id;
`assignments.csv` then gives each pair's code in a `packet` column.

One module over ~400 lines on purpose: the four sheets of one workbook (scores, instructions,
evidence, texts) share its layout and are read best together.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from math import ceil
from pathlib import Path
from typing import Any

from kipp.assignment.blind import AGENCY_MASK, PERSON_MASK, Masker, packet_codes, redact
from kipp.assignment.evidence import Item, evidence
from kipp.core.cells import neutralise
from kipp.core.i18n import Lang, format_date, render, tr
from kipp.core.models import Proposal
from kipp.core.printable import printable
from kipp.intake.panel import Reviewer
from kipp.intake.registry import Registry
from kipp.intake.review_sheets import ASSIGNMENTS_FILE, PACKET_HEADER
from kipp.measures.novelty import NoveltyMeasure
from kipp.reviews.models import Assignment
from kipp.rubric import Rubric

__all__ = ["AGENCY_MASK", "PERSON_MASK", "redact", "scoresheets"]

CSV_DIR = "csv"


@dataclass(frozen=True)
class Packet:
    """One proposal as its reviewers' sheets show it. `code` names it in the sheets: its id,
    or its packet code when blind (when `agency` is None). `evidence` is what the evidence
    sheet shows of it."""

    proposal: str
    code: str
    title: str
    agency: str | None
    sections: list[tuple[str, str]]
    evidence: list[Item] = field(default_factory=list)


def packet(
    proposal: Proposal,
    code: str | None = None,
    masker: Masker | None = None,
    measure: NoveltyMeasure | None = None,
    codes: dict[str, str] | None = None,
) -> Packet:
    """`proposal`'s packet: as written, or blind under `code` (agency and innovators masked
    by `masker`, which reads the batch's agency registry; `codes` names the other blind
    packets). `measure` is its novelty, when computed: its similar innovations."""
    sections = [(name, body) for name, body in proposal.sections.items() if body]
    if code is None:
        found = evidence(proposal, measure, lambda written: written)
        return Packet(proposal.id, proposal.id, proposal.title, proposal.agency, sections, found)
    mask = (masker or Masker()).redactor(proposal)
    blind = [(name, mask(body)) for name, body in sections]
    found = evidence(proposal, measure, mask, codes or {})
    return Packet(proposal.id, code, mask(proposal.title), None, blind, found)


@dataclass(frozen=True)
class Sheet:
    """What one reviewer's workbook says besides its rows: who it is for, in which language,
    by when it is due back, whether it is blind, and whether the similar innovations were
    measured for it."""

    reviewer: Reviewer
    rubric: Rubric
    lang: Lang = Lang.ID
    blind: bool = False
    deadline: date | None = None
    measured: bool = False


def sheet_header(rubric: Rubric, blind: bool, lang: Lang = Lang.ID) -> list[str]:
    """The scoresheet's columns in `lang`: reviewer, proposal code, title, [agency], one per
    reviewed criterion by its rubric label, comment (read back by `kipp.reviews.rows`
    through its header aliases)."""
    fixed = ["reviewer", "proposal", "title"] + ([] if blind else ["agency"])
    named = [tr(f"scoresheets.col.{c}", lang) for c in fixed]
    criteria = [c.label.get(lang.value) for c in rubric.reviewed_criteria]
    return named + criteria + [tr("scoresheets.col.comment", lang)]


def sheet_rows(
    reviewer: Reviewer,
    packets: Sequence[Packet],
    rubric: Rubric,
    blind: bool,
    lang: Lang = Lang.ID,
) -> list[list[str]]:
    """The scoresheet of one reviewer: a header and one blank-score row per packet."""
    rows: list[list[str]] = [sheet_header(rubric, blind, lang)]
    blanks = [""] * (len(rubric.reviewed_criteria) + 1)
    for p in packets:
        fixed = [reviewer.id, p.code, p.title] + ([] if blind else [p.agency or ""])
        rows.append(fixed + blanks)
    return rows


def sheet_csv(rows: list[list[str]]) -> str:
    """Rows as CSV, cells safe from formula injection."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows([[neutralise(c) for c in row] for row in rows])
    return buffer.getvalue()


# column widths (characters) of the scores sheet: reviewer, code, title, agency; then each
# criterion and the comment
SCORE_WIDTHS = (18.0, 22.0, 40.0, 28.0)
CRITERION_WIDTH = 16.0
COMMENT_WIDTH = 50.0
LINE_HEIGHT = 15.0  # points per line of wrapped text


def _cell(value: str) -> str:
    """Text as the workbook holds it: never run as a formula, and written so that the
    workbook can hold it."""
    return printable(neutralise(value))


def _lines(value: object, width: float) -> int:
    """How many lines `value` takes wrapped in a column `width` characters wide (about)."""
    if value is None:
        return 1
    return sum(max(1, ceil(len(part) / max(width - 1, 1))) for part in str(value).split("\n"))


def _fit_rows(sheet: Any, widths: Sequence[float], first: int = 1) -> None:
    """Rows from `first` tall enough for their wrapped text."""
    for row in sheet.iter_rows(min_row=first):
        lines = max(
            (_lines(c.value, widths[c.column - 1]) for c in row if c.column <= len(widths)),
            default=1,
        )
        if lines > 1:
            sheet.row_dimensions[row[0].row].height = lines * LINE_HEIGHT


def _widths(sheet: Any, widths: Sequence[float]) -> None:
    from openpyxl.utils import get_column_letter

    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def sheet_xlsx(rows: list[list[str]], packets: Sequence[Packet], sheet: Sheet) -> bytes:
    """The XLSX scoresheet: the scores (bold frozen header, dropdowns limited to the scale,
    widths and wrapping, landscape fit to width), the instructions (the scale and what each
    level of each criterion means, the return date, how to send it back), each proposal's
    evidence and the proposals' texts."""
    import openpyxl
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    from kipp.core.worksheets import fit_to_a4_landscape

    rubric, lang = sheet.rubric, sheet.lang
    scale = rubric.reviews.scale
    workbook = openpyxl.Workbook()
    scores = workbook.active
    scores.title = tr("scoresheets.sheet.scores", lang)
    for row in rows:
        scores.append([_cell(c) for c in row])
    fixed = 3 if sheet.blind else 4
    reviewed = len(rubric.reviewed_criteria)
    widths = [*SCORE_WIDTHS[:fixed], *[CRITERION_WIDTH] * reviewed, COMMENT_WIDTH]
    _widths(scores, widths)
    wrap = Alignment(wrap_text=True, vertical="top")
    centre = Alignment(horizontal="center", vertical="top")
    for row in scores.iter_rows():
        for cell in row:
            in_scores = fixed < cell.column <= fixed + reviewed
            cell.alignment = centre if in_scores and cell.row > 1 else wrap
    for cell in scores[1]:
        cell.font = Font(bold=True)
    scores.freeze_panes = "C2"
    _fit_rows(scores, widths)
    points = ",".join(str(v) for v in range(scale.min, scale.max + 1))
    check = DataValidation(
        type="list",
        formula1=f'"{points}"',
        allow_blank=True,
        showErrorMessage=True,
        showInputMessage=True,
        errorTitle=tr("reviews.sheet.error_title", lang),
        error=tr("reviews.sheet.error", lang, min=scale.min, max=scale.max),
        promptTitle=tr("scoresheets.prompt.title", lang),
        prompt=tr("scoresheets.prompt", lang, min=scale.min, max=scale.max),
    )
    scores.add_data_validation(check)
    if len(rows) > 1:
        start = openpyxl.utils.get_column_letter(fixed + 1)
        end = openpyxl.utils.get_column_letter(fixed + reviewed)
        check.add(f"{start}2:{end}{len(rows)}")
    fit_to_a4_landscape(scores)

    _guide(workbook.create_sheet(tr("scoresheets.sheet.guide", lang)), len(packets), sheet)
    _evidence(workbook.create_sheet(tr("scoresheets.sheet.evidence", lang)), packets, lang)

    texts = workbook.create_sheet(tr("scoresheets.sheet.texts", lang))
    texts.append([tr(f"scoresheets.texts.{c}", lang) for c in ("proposal", "section", "text")])
    for p in packets:
        for name, body in p.sections:
            texts.append([_cell(p.code), tr(f"section.{name}", lang), _cell(body)])
    texts.freeze_panes = "A2"
    _widths(texts, (22.0, 18.0, 100.0))
    for row in texts.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = wrap
    for cell in texts[1]:
        cell.font = Font(bold=True)
    fit_to_a4_landscape(texts)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


GUIDE_WIDTHS = (26.0, 8.0, 90.0)


def _guide(guide: Any, proposals: int, sheet: Sheet) -> None:
    """The instructions sheet: who and what, the scale, how to fill in and return the sheet,
    then what each score means for each criterion."""
    from openpyxl.styles import Alignment, Font

    from kipp.core.worksheets import fit_to_a4_landscape

    rubric, lang = sheet.rubric, sheet.lang
    scale = rubric.reviews.scale
    scores_name = tr("scoresheets.sheet.scores", lang)
    evidence_name = tr("scoresheets.sheet.evidence", lang)
    texts_name = tr("scoresheets.sheet.texts", lang)
    deadline = (
        format_date(sheet.deadline, lang)
        if sheet.deadline is not None
        else tr("scoresheets.guide.deadline.none", lang)
    )
    if sheet.measured:
        evidence_text = tr(
            "scoresheets.guide.evidence.text",
            lang,
            evidence=evidence_name,
            texts=texts_name,
            flag=rubric.measures.novelty.flag_similarity,
        )
    else:
        evidence_text = tr(
            "scoresheets.guide.evidence.no_novelty", lang, evidence=evidence_name, texts=texts_name
        )
    facts = [
        ("reviewer", f"{sheet.reviewer.name} ({sheet.reviewer.id})"),
        ("call", rubric.call.name),
        ("deadline", deadline),
        (
            "proposals",
            tr("scoresheets.guide.proposals.count", lang, count=proposals, sheet=scores_name),
        ),
        ("scale", tr("scoresheets.guide.scale.text", lang, min=scale.min, max=scale.max)),
        (
            "fill",
            tr(
                "scoresheets.guide.fill.text",
                lang,
                sheet=scores_name,
                comment=tr("scoresheets.col.comment", lang),
            ),
        ),
        ("evidence", evidence_text),
        (
            "return",
            tr(
                "scoresheets.guide.return.text",
                lang,
                reviewer=tr("scoresheets.col.reviewer", lang),
                proposal=tr("scoresheets.col.proposal", lang),
                sheet=scores_name,
            ),
        ),
    ]
    if sheet.blind:
        facts.append(("blind", tr("scoresheets.guide.blind.text", lang)))
    guide.append([tr("scoresheets.guide.heading", lang)])
    guide["A1"].font = Font(bold=True, size=13)
    guide.append([])
    for key, value in facts:
        guide.append([tr(f"scoresheets.guide.{key}", lang), None, _cell(value)])
        guide.cell(row=guide.max_row, column=1).font = Font(bold=True)
    guide.append([])
    guide.append(
        [tr(f"scoresheets.guide.col.{c}", lang) for c in ("criterion", "score", "meaning")]
    )
    table = guide.max_row
    for cell in guide[table]:
        cell.font = Font(bold=True)
    for criterion in rubric.reviewed_criteria:
        for score in range(scale.min, scale.max + 1):
            level = score - scale.min
            meaning = (
                criterion.levels[level].get(lang.value)
                if level < len(criterion.levels)
                else tr("scoresheets.guide.no_level", lang)
            )
            name = criterion.label.get(lang.value) if score == scale.min else None
            guide.append([name, score, _cell(meaning)])
            if name:
                guide.cell(row=guide.max_row, column=1).font = Font(bold=True)
    _widths(guide, GUIDE_WIDTHS)
    for row in guide.iter_rows(min_row=3):
        for cell in row:
            horizontal = "center" if cell.column == 2 else None
            cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal=horizontal)
    _fit_rows(guide, GUIDE_WIDTHS, first=3)
    fit_to_a4_landscape(guide, f"{table}:{table}")


EVIDENCE_WIDTHS = (22.0, 32.0, 90.0)


def _evidence(sheet: Any, packets: Sequence[Packet], lang: Lang) -> None:
    """One row per piece of evidence of each proposal, the proposal's title first; links
    open from the cell."""
    from openpyxl.styles import Alignment, Font

    from kipp.core.worksheets import fit_to_a4_landscape

    sheet.append(
        [tr(f"scoresheets.evidence.col.{c}", lang) for c in ("proposal", "item", "detail")]
    )
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for p in packets:
        sheet.append([_cell(p.code), tr("scoresheets.evidence.title", lang), _cell(p.title)])
        sheet.cell(row=sheet.max_row, column=3).font = Font(bold=True)
        for item in p.evidence:
            detail = item.detail if isinstance(item.detail, str) else render(item.detail, lang)
            sheet.append([_cell(p.code), render(item.label, lang), _cell(detail)])
            if item.link is not None:
                cell = sheet.cell(row=sheet.max_row, column=3)
                cell.hyperlink = item.link
                cell.style = "Hyperlink"
    sheet.freeze_panes = "B2"
    _widths(sheet, EVIDENCE_WIDTHS)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    _fit_rows(sheet, EVIDENCE_WIDTHS, first=2)
    fit_to_a4_landscape(sheet)


def assignments_csv(assignments: Sequence[Assignment], codes: dict[str, str] | None = None) -> str:
    """`assignments.csv`: `reviewer,proposal` per assignment, and each proposal's blind
    packet code in a `packet` column when `codes` are given."""
    if codes is None:
        rows = [["reviewer", "proposal"]] + [[a.reviewer, a.proposal] for a in assignments]
    else:
        rows = [["reviewer", "proposal", PACKET_HEADER]] + [
            [a.reviewer, a.proposal, codes[a.proposal]] for a in assignments
        ]
    return sheet_csv(rows)


def scoresheets(
    assignments: Sequence[Assignment],
    reviewers: Sequence[Reviewer],
    proposals: Sequence[Proposal],
    rubric: Rubric,
    blind: bool,
    lang: Lang = Lang.ID,
    registry: Registry | None = None,
    novelty: Mapping[str, NoveltyMeasure] | None = None,
    deadline: date | None = None,
) -> dict[str, bytes]:
    """Every file `kipp assign` writes, by path relative to the output folder: one
    `<reviewer>.xlsx` and `csv/<reviewer>.csv` per reviewer, and `assignments.csv`.
    `registry` is the batch's agency registry: blind packets mask every name it knows for a
    proposal's agency. `novelty` gives each proposal's similar innovations (the evidence
    sheet says they were not measured without it); `deadline`, the return date the
    instructions give."""
    codes = packet_codes(assignments, (p.id for p in proposals)) if blind else None
    masker = Masker(registry)
    measures = novelty or {}
    packets = {
        p.id: packet(
            p,
            codes[p.id] if codes is not None else None,
            masker=masker,
            measure=measures.get(p.id),
            codes=codes,
        )
        for p in proposals
        if codes is None or p.id in codes
    }
    files: dict[str, bytes] = {
        ASSIGNMENTS_FILE: assignments_csv(assignments, codes).encode("utf-8")
    }
    for reviewer in reviewers:
        mine = [packets[a.proposal] for a in assignments if a.reviewer == reviewer.id]
        if blind:
            mine.sort(key=lambda p: p.code)  # the order of ids would tell them apart
        rows = sheet_rows(reviewer, mine, rubric, blind, lang)
        sheet = Sheet(reviewer, rubric, lang, blind, deadline, measured=novelty is not None)
        files[f"{reviewer.id}.xlsx"] = sheet_xlsx(rows, mine, sheet)
        files[f"{CSV_DIR}/{reviewer.id}.csv"] = sheet_csv(rows).encode("utf-8")
    return files


def existing_scores(folder: Path) -> list[str]:
    """Scoresheets already in `folder` (which `kipp assign` would overwrite)."""
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if p.suffix.lower() in (".xlsx", ".csv")]
    found += [p for p in (folder / CSV_DIR).glob("*.csv")] if (folder / CSV_DIR).is_dir() else []
    return sorted(str(p) for p in found)
