"""`.xlsx`: an online form's export, one proposal per row of the first sheet."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator, Sequence

from kipp.core.problems import Problem, Severity
from kipp.intake.loaded import Loaded
from kipp.intake.reading import Limits, Unreadable, human_size
from kipp.intake.table import Cell, records_from_rows


def _check_archive(raw: bytes, limits: Limits) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise Unreadable(
            "not a valid .xlsx workbook (not a zip archive); export it again "
            "from the spreadsheet program as .xlsx"
        ) from None
    if unpacked > limits.max_sheet_unpacked_bytes:
        raise Unreadable(
            f"workbook unpacks to {human_size(unpacked)}, over the "
            f"{human_size(limits.max_sheet_unpacked_bytes)} limit; split the export"
        )


def load_xlsx(raw: bytes, path: str, default_id: str, limits: Limits) -> Loaded:
    """Read every row of the first sheet (values, not formulas)."""
    import openpyxl  # imported on first use: most batches hold no workbook

    _check_archive(raw, limits)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
        raise Unreadable(
            f"not a readable .xlsx workbook ({type(exc).__name__}: {exc}); "
            "export it again from the spreadsheet program"
        ) from None
    try:
        sheets = workbook.worksheets
        if not sheets:
            raise Unreadable("workbook has no sheets")
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
            raise Unreadable(
                f"sheet '{sheet.title}' could not be read ({type(exc).__name__}: "
                f"{exc}); export it again"
            ) from None
        others = [s.title for s in sheets[1:] if (s.max_row or 0) > 1 or (s.max_column or 0) > 1]
        if others:
            loaded.notices.append(
                Problem(
                    path=path,
                    field="(file)",
                    severity=Severity.WARNING,
                    message=f"only the first sheet ('{sheet.title}') is read; sheets not read: "
                    + ", ".join(f"'{t}'" for t in others),
                )
            )
        return loaded
    finally:
        workbook.close()
