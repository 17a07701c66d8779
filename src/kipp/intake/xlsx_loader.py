"""`.xlsx`: an online form's export, one proposal per row of the first sheet."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator, Sequence

from kipp.core.i18n import text
from kipp.core.problems import Problem, Severity
from kipp.intake.loaded import Loaded
from kipp.intake.reading import Limits, Unreadable, size_text
from kipp.intake.table import Cell, records_from_rows


def _check_archive(raw: bytes, limits: Limits) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise Unreadable(text("xlsx.not_zip")) from None
    if unpacked > limits.max_sheet_unpacked_bytes:
        cap = size_text(limits.max_sheet_unpacked_bytes)
        raise Unreadable(text("xlsx.unpacks", size=size_text(unpacked), cap=cap))


def load_xlsx(raw: bytes, path: str, default_id: str, limits: Limits) -> Loaded:
    """Read every row of the first sheet (values, not formulas)."""
    import openpyxl  # imported on first use: most batches hold no workbook

    _check_archive(raw, limits)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
        detail = f"{type(exc).__name__}: {exc}"
        raise Unreadable(text("xlsx.unreadable", detail=detail)) from None
    try:
        sheets = workbook.worksheets
        if not sheets:
            raise Unreadable(text("xlsx.no_sheets"))
        sheet = sheets[0]
        # The sheet's stored size may be wrong, or padded to a million rows: dropping it
        # reads every row there is, each only as wide as its last cell. Rows count from 1
        # whatever the stored size says, as the spreadsheet program shows them.
        sheet.reset_dimensions()
        rows: Iterator[tuple[int, Sequence[Cell]]] = enumerate(
            sheet.iter_rows(values_only=True), start=1
        )
        try:
            loaded = records_from_rows(rows, path, default_id, limits)
        except Unreadable:
            raise
        except Exception as exc:
            detail = f"{type(exc).__name__}: {exc}"
            raise Unreadable(
                text("xlsx.sheet_unreadable", sheet=sheet.title, detail=detail)
            ) from None
        others = [s.title for s in sheets[1:] if (s.max_row or 0) > 1 or (s.max_column or 0) > 1]
        if others:
            loaded.notices.append(
                Problem(
                    path=path,
                    field="(file)",
                    severity=Severity.WARNING,
                    message=text(
                        "xlsx.other_sheets", sheet=sheet.title, others=[f"'{t}'" for t in others]
                    ),
                )
            )
        return loaded
    finally:
        workbook.close()
