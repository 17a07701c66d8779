"""How every worksheet kipp writes prints: landscape on A4, as wide as the page and as many
pages long as it takes, its header rows on every page (`results.xlsx` and the reviewers'
scoresheets alike)."""

from __future__ import annotations

from typing import Any

from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet


def fit_to_a4_landscape(sheet: Any, title_rows: str | None = "1:1") -> None:
    """Set `sheet` (an openpyxl worksheet, write-only or not) to print landscape on A4, one
    page wide, repeating `title_rows` (a row range such as "1:1"; none when None) on every
    page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    if title_rows:
        sheet.print_title_rows = title_rows
