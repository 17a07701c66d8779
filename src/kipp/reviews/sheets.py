"""Scoresheets and packets for reviewers: one XLSX (scores, criteria, proposal texts) and one
CSV per reviewer, plus `assignments.csv`, the record ingest checks completed sheets against.

Blind packets leave out the agency, the innovators and the source file, and remove their
names from the proposal texts.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from pathlib import Path

from kipp.cells import neutralise
from kipp.i18n import Lang, tr
from kipp.models import Proposal
from kipp.reviews.ingest import ASSIGNMENTS_FILE
from kipp.reviews.models import Assignment
from kipp.reviews.panel import Reviewer
from kipp.rubric import Rubric

CSV_DIR = "csv"
AGENCY_MASK = "[instansi]"
PERSON_MASK = "[inovator]"


def redact(text: str, proposal: Proposal) -> str:
    """`text` without the proposal's agency or its innovators' names (whole names first, then
    each capitalised part of a person's name of three letters or more)."""
    for agency in sorted({proposal.agency}, key=len, reverse=True):
        text = re.sub(re.escape(agency), AGENCY_MASK, text, flags=re.IGNORECASE)
    names = [i.name for i in proposal.innovators]
    for name in sorted(names, key=len, reverse=True):
        text = re.sub(re.escape(name), PERSON_MASK, text, flags=re.IGNORECASE)
    parts = {part for name in names for part in re.split(r"[\s,.]+", name) if len(part) >= 3}
    for part in sorted(parts, key=len, reverse=True):
        text = re.sub(rf"\b{re.escape(part)}\b", PERSON_MASK, text)
    for person in proposal.innovators:
        for contact in (person.email, person.phone):
            if contact:
                text = text.replace(contact, PERSON_MASK)
    return text


def packet_sections(proposal: Proposal, blind: bool) -> list[tuple[str, str]]:
    """The proposal's sections as (section name, text), redacted when `blind`."""
    result = []
    for name, body in proposal.sections.items():
        if body:
            result.append((name, redact(body, proposal) if blind else body))
    return result


def sheet_header(rubric: Rubric, blind: bool) -> list[str]:
    """The scoresheet's columns: reviewer, proposal, title, [agency, source], criteria,
    comment."""
    fixed = ["reviewer", "proposal", "title"] + ([] if blind else ["agency", "source"])
    return fixed + [c.id for c in rubric.reviewed_criteria] + ["comment"]


def sheet_rows(
    reviewer: Reviewer,
    proposals: Sequence[Proposal],
    rubric: Rubric,
    blind: bool,
    sources: dict[str, str],
) -> list[list[str]]:
    """The scoresheet of one reviewer: a header and one blank-score row per proposal."""
    rows: list[list[str]] = [sheet_header(rubric, blind)]
    blanks = [""] * (len(rubric.reviewed_criteria) + 1)
    for p in proposals:
        title = redact(p.title, p) if blind else p.title
        fixed = [reviewer.id, p.id, title] + ([] if blind else [p.agency, sources.get(p.id, "")])
        rows.append(fixed + blanks)
    return rows


def sheet_csv(rows: list[list[str]]) -> str:
    """Rows as CSV, cells safe from formula injection."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows([[neutralise(c) for c in row] for row in rows])
    return buffer.getvalue()


def sheet_xlsx(
    rows: list[list[str]],
    proposals: Sequence[Proposal],
    rubric: Rubric,
    blind: bool,
    lang: Lang = Lang.ID,
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
    for p in proposals:
        for name, body in packet_sections(p, blind):
            texts.append([p.id, tr(f"section.{name}", lang), neutralise(body)])
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


def assignments_csv(assignments: Sequence[Assignment]) -> str:
    """`assignments.csv`: `reviewer,proposal` per assignment."""
    rows = [["reviewer", "proposal"]] + [[a.reviewer, a.proposal] for a in assignments]
    return sheet_csv(rows)


def scoresheets(
    assignments: Sequence[Assignment],
    reviewers: Sequence[Reviewer],
    proposals: Sequence[Proposal],
    rubric: Rubric,
    blind: bool,
    sources: dict[str, str],
    lang: Lang = Lang.ID,
) -> dict[str, bytes]:
    """Every file `kipp assign` writes, by path relative to the output folder: one
    `<reviewer>.xlsx` and `csv/<reviewer>.csv` per reviewer, and `assignments.csv`."""
    by_id = {p.id: p for p in proposals}
    files: dict[str, bytes] = {ASSIGNMENTS_FILE: assignments_csv(assignments).encode("utf-8")}
    for reviewer in reviewers:
        mine = [by_id[a.proposal] for a in assignments if a.reviewer == reviewer.id]
        rows = sheet_rows(reviewer, mine, rubric, blind, sources)
        files[f"{reviewer.id}.xlsx"] = sheet_xlsx(rows, mine, rubric, blind, lang)
        files[f"{CSV_DIR}/{reviewer.id}.csv"] = sheet_csv(rows).encode("utf-8")
    return files


def existing_scores(folder: Path) -> list[str]:
    """Scoresheets already in `folder` (which `kipp assign` would overwrite)."""
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if p.suffix.lower() in (".xlsx", ".csv")]
    found += [p for p in (folder / CSV_DIR).glob("*.csv")] if (folder / CSV_DIR).is_dir() else []
    return sorted(str(p) for p in found)
