"""`.xlsx`, `.xls`, `.ods`: an online form's export, one proposal per row of the first sheet,
read through `kipp.intake.sheets` (python-calamine, every sheet measured first). The
instructions sheet of kipp's own form (`kipp template`) is expected beside the proposals and
not named as a sheet left unread."""

from __future__ import annotations

from kipp.core.catalogue import CATALOGUE
from kipp.core.i18n import text
from kipp.core.problems import Problem, Severity
from kipp.intake.loaded import Loaded
from kipp.intake.reading import Limits, Unreadable
from kipp.intake.sheets import open_workbook, refuse_unsaved_formulas
from kipp.intake.table import records_from_rows

# the instructions sheet of the form `kipp template` writes, in each language
GUIDE_SHEETS = frozenset(CATALOGUE["tpl.sheet.guide"].values())


def load_workbook(raw: bytes, path: str, default_id: str, limits: Limits, suffix: str) -> Loaded:
    """Read every row of the first worksheet the spreadsheet program shows (values, not
    formulas) of a workbook saved as `suffix`; the other sheets holding something, hidden
    ones too, are named as not read. A sheet holding formulas whose values were never saved
    is not read: a reader of saved values would find those cells empty."""
    with open_workbook(raw, suffix, limits) as workbook:
        if not workbook.sheets:
            raise Unreadable(text("xlsx.no_sheets"))
        sheet = next((s for s in workbook.sheets if not s.hidden), workbook.sheets[0])
        others = [s for s in workbook.sheets if s is not sheet]
        refuse_unsaved_formulas(sheet)
        try:
            loaded = records_from_rows(workbook.rows(sheet), path, default_id, limits)
        except Unreadable:
            raise
        except Exception as exc:
            detail = f"{type(exc).__name__}: {exc}"
            raise Unreadable(
                text("xlsx.sheet_unreadable", sheet=sheet.name, detail=detail)
            ) from None
    # a sheet holding one value (a title, a total) is named too: it may be the one meant
    named = [
        f"'{other.name}'" for other in others if not other.empty and other.name not in GUIDE_SHEETS
    ]
    if named:
        loaded.notices.append(
            Problem(
                path=path,
                field="(file)",
                severity=Severity.WARNING,
                message=text("xlsx.other_sheets", sheet=sheet.name, others=named),
            )
        )
    return loaded


def load_xlsx(raw: bytes, path: str, default_id: str, limits: Limits) -> Loaded:
    """An `.xlsx` (or `.xlsm`) export."""
    return load_workbook(raw, path, default_id, limits, ".xlsx")


def load_xls(raw: bytes, path: str, default_id: str, limits: Limits) -> Loaded:
    """An `.xls` export (Excel 97-2003)."""
    return load_workbook(raw, path, default_id, limits, ".xls")


def load_ods(raw: bytes, path: str, default_id: str, limits: Limits) -> Loaded:
    """An `.ods` export (LibreOffice, OpenOffice, WPS)."""
    return load_workbook(raw, path, default_id, limits, ".ods")
