"""A printable preview of a scoresheet `kipp assign` wrote, for `docs/examples/`: each sheet
of the workbook drawn as an HTML table (its column widths, bold cells, wrapped text, links;
a score cell with a dropdown marked `▾`) on landscape A4 and printed to PDF by WeasyPrint.

It approximates what a spreadsheet program shows and prints; it is not that program's
rendering (no spreadsheet program is installed where the examples are made).

    .venv/bin/python -m bench.scoresheet_preview SHEET.xlsx OUT.pdf [--rows N]
"""

from __future__ import annotations

import argparse
import html
from pathlib import Path
from typing import Any

import openpyxl

CHAR_MM = 1.9  # millimetres per character of a column's width, at the preview's font size
PAGE_MM = 277.0  # the width of landscape A4 inside the margins


def _validated(sheet: Any) -> set[str]:
    """The cells of `sheet` under a dropdown."""
    from openpyxl.utils import range_boundaries

    cells: set[str] = set()
    for check in sheet.data_validations.dataValidation:
        for bounds in str(check.sqref).split():
            low_col, low_row, high_col, high_row = range_boundaries(bounds)
            for row in range(low_row, high_row + 1):
                for col in range(low_col, high_col + 1):
                    cells.add(sheet.cell(row=row, column=col).coordinate)
    return cells


def sheet_html(sheet: Any, rows: int) -> str:
    """One sheet's first `rows` rows as an HTML table, as wide as the page at most (the
    sheets print fit to the page's width)."""
    from openpyxl.utils import get_column_letter

    columns = sheet.max_column
    widths = [
        (sheet.column_dimensions[get_column_letter(i)].width or 10) for i in range(1, columns + 1)
    ]
    scale = min(CHAR_MM, PAGE_MM / sum(widths))
    dropdowns = _validated(sheet)
    parts = [f"<h2>{html.escape(sheet.title)}</h2>", "<table>"]
    parts += [f'<col style="width:{w * scale:.1f}mm">' for w in widths]
    for row in sheet.iter_rows(max_row=min(rows, sheet.max_row), max_col=columns):
        parts.append("<tr>")
        for cell in row:
            value = "" if cell.value is None else html.escape(str(cell.value))
            if cell.hyperlink is not None and cell.hyperlink.target:
                value = f'<a href="{html.escape(cell.hyperlink.target)}">{value}</a>'
            if cell.coordinate in dropdowns:
                value = f'{value}<span class="dd">▾</span>'
            classes = []
            if cell.font is not None and cell.font.b:
                classes.append("b")
            if cell.alignment is not None and cell.alignment.horizontal == "center":
                classes.append("c")
            shown = f' class="{" ".join(classes)}"' if classes else ""
            parts.append(f"<td{shown}>{value}</td>")
        parts.append("</tr>")
    parts.append("</table>")
    return "\n".join(parts)


STYLE = """
@page { size: A4 landscape; margin: 10mm; }
body { font-family: 'DejaVu Sans', sans-serif; font-size: 7pt; }
h2 { font-size: 9pt; margin: 0 0 2mm 0; color: #555; }
section { page-break-after: always; }
table { border-collapse: collapse; table-layout: fixed; }
td { border: 0.3pt solid #bbb; padding: 0.6mm 1mm; vertical-align: top;
     overflow-wrap: anywhere; }
td.b { font-weight: bold; background: #f2f2f2; }
td.c { text-align: center; }
.dd { float: right; color: #888; }
a { color: #0563c1; }
"""


def preview(workbook: Path, out: Path, rows: int = 40) -> None:
    """Every sheet of `workbook`, its first `rows` rows, one page each, into `out` (PDF)."""
    import weasyprint

    book = openpyxl.load_workbook(workbook)
    sections = "\n".join(
        f"<section>{sheet_html(sheet, rows)}</section>" for sheet in book.worksheets
    )
    page = f"<html><head><style>{STYLE}</style></head><body>{sections}</body></html>"
    weasyprint.HTML(string=page).write_pdf(str(out))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workbook", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--rows", type=int, default=40)
    args = parser.parse_args()
    preview(args.workbook, args.out, args.rows)


if __name__ == "__main__":
    main()
