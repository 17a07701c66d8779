"""Scoresheet files to rows: `.csv` (any of `,`, `;`, tab) or the first sheet of an `.xlsx`,
each row numbered as a spreadsheet shows it; and `assignments.csv`."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kipp.intake.reading import Unreadable, decode_text
from kipp.problems import Problem
from kipp.reviews.models import Assignment

MAX_SHEET_BYTES = 20 * 1024 * 1024

Row = tuple[int, Sequence[Any]]


def read_assignments(path: Path, problems: list[Problem]) -> list[Assignment]:
    """`assignments.csv` (`reviewer,proposal` per row), as written by `kipp assign`."""
    try:
        rows = read_rows(path)
    except Unreadable as exc:
        problems.append(Problem(path=str(path), field="(file)", message=exc.reason))
        return []
    result = []
    for number, cells in rows[1:]:
        values = [str(c).strip() if c is not None else "" for c in cells]
        if len(values) >= 2 and values[0] and values[1]:
            result.append(Assignment(reviewer=values[0], proposal=values[1]))
        elif any(values):
            problems.append(
                Problem(
                    path=str(path),
                    line=number,
                    field="(row)",
                    message="needs a reviewer id and a proposal id; write them as "
                    "`reviewer,proposal`",
                )
            )
    return result


def read_rows(path: Path) -> list[Row]:
    """Every row of a `.csv` or of an `.xlsx` workbook's first sheet, numbered from 1."""
    try:
        size = path.stat().st_size
        if size > MAX_SHEET_BYTES:
            raise Unreadable("file is larger than 20 MB; a scoresheet is far smaller")
        raw = path.read_bytes()
    except OSError as exc:
        raise Unreadable(f"cannot be read: {exc.strerror or exc}") from None
    if path.suffix.lower() == ".xlsx":
        return _xlsx_rows(raw)
    text = decode_text(raw).text
    try:
        dialect: Any = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        return list(enumerate(csv.reader(io.StringIO(text, newline=""), dialect), start=1))
    except csv.Error as exc:
        raise Unreadable(f"not readable as CSV: {exc}; export it again") from None


def _xlsx_rows(raw: bytes) -> list[Row]:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
        raise Unreadable(
            f"not a readable .xlsx workbook ({type(exc).__name__}); save it again as .xlsx"
        ) from None
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()
        return list(enumerate(sheet.iter_rows(values_only=True), start=1))
    finally:
        workbook.close()
