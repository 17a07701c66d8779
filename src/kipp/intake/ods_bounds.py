"""How far an `.ods` spreadsheet reaches, measured before it is opened (see
`kipp.intake.sheet_bounds`): every table of `content.xml`, its repeated rows and cells
counted as many times as they are repeated."""

from __future__ import annotations

import contextlib
import html
import re

from kipp.intake.reading import Limits
from kipp.intake.sheet_bounds import Archive, Reach, Scanner, Stop, check

_ODS_TAG = re.compile(
    rb"<(/?)table:(table|table-row|table-cell|covered-table-cell)(?=[\s/>])([^>]*)>"
)
_ODS_NAME = re.compile(rb"\btable:name\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_ROWS_REPEATED = re.compile(rb"\btable:number-rows-repeated\s*=\s*[\"'](\d+)[\"']")
_COLUMNS_REPEATED = re.compile(rb"\btable:number-columns-repeated\s*=\s*[\"'](\d+)[\"']")
_VALUE_TYPE = re.compile(rb"\boffice:value-type\s*=")


class OdsScanner(Scanner):
    """The reach of every table of `content.xml`: rows and cells repeated by
    `table:number-rows-repeated` and `table:number-columns-repeated` count as many times as
    they are repeated, while the empty ones after a row's (or a table's) last value, which
    LibreOffice writes to the edge of the sheet, reach nothing."""

    def __init__(self, limits: Limits) -> None:
        super().__init__()
        self.limits = limits
        self.reaches: list[Reach] = []
        self.row = 0  # rows of the current table before the current row
        self.repeat = 1  # times the current row is repeated
        self.column = 0  # cells of the current row so far
        self.row_cells = 0  # cells holding something in the current row
        self.row_last = 0  # the last column of the current row holding something

    def tags(self, data: bytes) -> None:
        for closing, name, attributes in _ODS_TAG.findall(data):
            if name == b"table":
                if not closing:
                    found = _ODS_NAME.search(attributes)
                    shown = (found.group(1) or found.group(2)) if found else b""
                    self.reaches.append(Reach(name=html.unescape(shown.decode("utf-8", "replace"))))
                    self.row = 0
                continue
            if not self.reaches:
                continue
            if name == b"table-row":
                if not closing:
                    found = _ROWS_REPEATED.search(attributes)
                    self.repeat = max(1, int(found.group(1))) if found else 1
                    self.column = self.row_cells = self.row_last = 0
                if closing or attributes.endswith(b"/"):
                    self._end_row()
                continue
            if closing:
                continue
            found = _COLUMNS_REPEATED.search(attributes)
            repeat = max(1, int(found.group(1))) if found else 1
            self.column += repeat
            if not attributes.endswith(b"/") or _VALUE_TYPE.search(attributes):
                self.row_cells += repeat
                self.row_last = self.column
                if self.row_cells > self.limits.max_sheet_cells:
                    self._end_row()
                    raise Stop

    def _end_row(self) -> None:
        reach = self.reaches[-1]
        self.row += self.repeat
        if self.row_cells:
            reach.place(self.row, self.row_last, self.row_cells * self.repeat)
        self.row_cells = 0
        self.repeat = 1
        if reach.over(self.limits):
            raise Stop


def scan_ods(raw: bytes, limits: Limits) -> list[Reach]:
    """Unpack an `.ods` archive, measuring every table of `content.xml`; raise `Unreadable`
    when the archive or any table is over the limits."""
    scanners: list[OdsScanner] = []

    def scanner(name: str) -> Scanner | None:
        if name != "content.xml":
            return None
        scanners.append(OdsScanner(limits))
        return scanners[-1]

    with contextlib.suppress(Stop):
        Archive(raw, limits, "ods.not_zip").unpack(scanner)
    reaches = [reach for found in scanners for reach in found.reaches]
    check(reaches, limits)
    return reaches
