"""Scoresheets and packets for reviewers: one XLSX (scores, criteria, proposal texts) and one
CSV per reviewer, plus `assignments.csv`, the record ingest checks completed sheets against.

Blind packets leave out the agency, the innovators and the source file, mask their names in
the proposal texts and title (every name the batch's agency registry knows for the agency,
`kipp.assignment.blind`), and name each proposal by an opaque packet code instead of its id;
`assignments.csv` then gives each pair's code in a `packet` column.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kipp.assignment.blind import AGENCY_MASK, PERSON_MASK, Masker, packet_codes, redact
from kipp.core.cells import neutralise
from kipp.core.i18n import Lang, tr
from kipp.core.models import Proposal
from kipp.intake.panel import Reviewer
from kipp.intake.registry import Registry
from kipp.intake.review_sheets import ASSIGNMENTS_FILE, PACKET_HEADER
from kipp.reviews.models import Assignment
from kipp.rubric import Rubric

__all__ = ["AGENCY_MASK", "PERSON_MASK", "redact", "scoresheets"]

CSV_DIR = "csv"


@dataclass(frozen=True)
class Packet:
    """One proposal as its reviewers' sheets show it. `code` names it in the sheets: its id,
    or its packet code when blind (when `agency` and `source` are None)."""

    proposal: str
    code: str
    title: str
    agency: str | None
    source: str | None
    sections: list[tuple[str, str]]


def packet(
    proposal: Proposal, code: str | None = None, source: str = "", masker: Masker | None = None
) -> Packet:
    """`proposal`'s packet: as written, or blind under `code` (agency and innovators masked
    by `masker`, which reads the batch's agency registry)."""
    sections = [(name, body) for name, body in proposal.sections.items() if body]
    if code is None:
        return Packet(proposal.id, proposal.id, proposal.title, proposal.agency, source, sections)
    mask = (masker or Masker()).redactor(proposal)
    blind = [(name, mask(body)) for name, body in sections]
    return Packet(proposal.id, code, mask(proposal.title), None, None, blind)


def sheet_header(rubric: Rubric, blind: bool) -> list[str]:
    """The scoresheet's columns: reviewer, proposal, title, [agency, source], criteria,
    comment."""
    fixed = ["reviewer", "proposal", "title"] + ([] if blind else ["agency", "source"])
    return fixed + [c.id for c in rubric.reviewed_criteria] + ["comment"]


def sheet_rows(
    reviewer: Reviewer, packets: Sequence[Packet], rubric: Rubric, blind: bool
) -> list[list[str]]:
    """The scoresheet of one reviewer: a header and one blank-score row per packet."""
    rows: list[list[str]] = [sheet_header(rubric, blind)]
    blanks = [""] * (len(rubric.reviewed_criteria) + 1)
    for p in packets:
        fixed = [reviewer.id, p.code, p.title] + ([] if blind else [p.agency or "", p.source or ""])
        rows.append(fixed + blanks)
    return rows


def sheet_csv(rows: list[list[str]]) -> str:
    """Rows as CSV, cells safe from formula injection."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows([[neutralise(c) for c in row] for row in rows])
    return buffer.getvalue()


def sheet_xlsx(
    rows: list[list[str]], packets: Sequence[Packet], rubric: Rubric, lang: Lang = Lang.ID
) -> bytes:
    """The XLSX scoresheet: scores (frozen header, dropdowns limited to the scale),
    the criteria's level descriptions, and the proposals' texts."""
    import openpyxl
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    scale = rubric.reviews.scale
    workbook = openpyxl.Workbook()
    scores = workbook.active
    scores.title = tr("reviews.sheet.scores", lang)
    for row in rows:
        scores.append([neutralise(c) for c in row])
    for cell in scores[1]:
        cell.font = Font(bold=True)
    scores.freeze_panes = "C2"
    header = rows[0]
    first = header.index(rubric.reviewed_criteria[0].id) + 1
    last = first + len(rubric.reviewed_criteria) - 1
    points = ",".join(str(v) for v in range(scale.min, scale.max + 1))
    check = DataValidation(
        type="list",
        formula1=f'"{points}"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=tr("reviews.sheet.error_title", lang),
        error=tr("reviews.sheet.error", lang, min=scale.min, max=scale.max),
    )
    scores.add_data_validation(check)
    if len(rows) > 1:
        start = openpyxl.utils.get_column_letter(first)
        end = openpyxl.utils.get_column_letter(last)
        check.add(f"{start}2:{end}{len(rows)}")
    widths = {"reviewer": 16, "proposal": 28, "title": 40, "agency": 30, "source": 40}
    for index, name in enumerate(header, start=1):
        letter = openpyxl.utils.get_column_letter(index)
        scores.column_dimensions[letter].width = widths.get(name, 14)

    guide = workbook.create_sheet(tr("reviews.sheet.criteria", lang))
    guide.append(  # read by people only: headers in the sheet's language
        [
            tr(f"reviews.guide.{c}", lang)
            for c in ("criterion", "label", "level", "score", "description")
        ]
    )
    for criterion in rubric.reviewed_criteria:
        for level, label in enumerate(criterion.levels, start=1):
            guide.append(
                [
                    criterion.id,
                    criterion.label.get(lang.value),
                    level,
                    scale.min + level - 1,
                    label.get(lang.value),
                ]
            )
    guide.freeze_panes = "A2"

    texts = workbook.create_sheet(tr("reviews.sheet.texts", lang))
    texts.append([tr(f"reviews.texts.{c}", lang) for c in ("proposal", "section", "text")])
    for p in packets:
        for name, body in p.sections:
            texts.append([p.code, tr(f"section.{name}", lang), neutralise(body)])
    texts.freeze_panes = "A2"
    texts.column_dimensions["C"].width = 100
    for row in texts.iter_rows(min_row=2, min_col=3, max_col=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for sheet in (scores, guide, texts):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


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
    sources: dict[str, str],
    lang: Lang = Lang.ID,
    registry: Registry | None = None,
) -> dict[str, bytes]:
    """Every file `kipp assign` writes, by path relative to the output folder: one
    `<reviewer>.xlsx` and `csv/<reviewer>.csv` per reviewer, and `assignments.csv`.
    `registry` is the batch's agency registry: blind packets mask every name it knows for a
    proposal's agency."""
    codes = packet_codes(assignments, (p.id for p in proposals)) if blind else None
    masker = Masker(registry)
    packets = {
        p.id: packet(p, codes[p.id], masker=masker)
        if codes is not None
        else packet(p, source=sources.get(p.id, ""))
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
        rows = sheet_rows(reviewer, mine, rubric, blind)
        files[f"{reviewer.id}.xlsx"] = sheet_xlsx(rows, mine, rubric, lang)
        files[f"{CSV_DIR}/{reviewer.id}.csv"] = sheet_csv(rows).encode("utf-8")
    return files


def existing_scores(folder: Path) -> list[str]:
    """Scoresheets already in `folder` (which `kipp assign` would overwrite)."""
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if p.suffix.lower() in (".xlsx", ".csv")]
    found += [p for p in (folder / CSV_DIR).glob("*.csv")] if (folder / CSV_DIR).is_dir() else []
    return sorted(str(p) for p in found)
