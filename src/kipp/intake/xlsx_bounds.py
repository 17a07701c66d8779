"""How far an `.xlsx` workbook reaches, measured before it is opened (see
`kipp.intake.sheet_bounds`): every worksheet's cells, and the size its shared-string table
declares, for which the reader sets memory aside."""

from __future__ import annotations

import contextlib
import html
import operator
import re
from collections.abc import Callable, Iterator

from kipp.core.i18n import text
from kipp.intake.reading import Limits, Unreadable
from kipp.intake.sheet_bounds import Archive, Reach, Scanner, Stop, check, column_letters

_XLSX_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(row|c)(?=[\s/>])([^>]*)>")
_REF = re.compile(rb"(?:^|\s)r\s*=\s*[\"']([A-Za-z]{0,3})(\d{1,7})[\"']")
# a cell as spreadsheet programs write it, reference first, holding something (not an
# empty tag such as `<c r="A9" s="1"/>`): its reference (`AB17`)
_REFERENCED = re.compile(rb'<c r="([A-Z]{1,3}\d{1,7})"[^>]*(?<!/)>')
# a cell holding a formula and no saved value: `<c r="C3"><f>SUM(A1:B1)</f></c>`, also with
# an empty value (`<v/>`, `<v></v>`) or a shared formula's reference (`<f t="shared" si="0"/>`)
_BLANK_FORMULA = re.compile(
    rb'<c r="([A-Z]{1,3}\d{1,7})"[^>]*(?<!/)>\s*<f(?:\s[^>]*)?(?:/>|>[^<]*</f>)\s*'
    rb"(?:<v\s*/>|<v>\s*</v>)?\s*</c>"
)
NAMED_BLANK_FORMULAS = 5  # the cells named in the reason; the rest counted
_COLUMNS = {column_letters(n).encode(): n for n in range(1, 16_385)}
BEYOND = 16_385  # a column past the last one a spreadsheet has
_row_of = operator.methodcaller("lstrip", b"ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_column_of = operator.methodcaller("rstrip", b"0123456789")


class XlsxSheetScanner(Scanner):
    """The reach of one `xl/worksheets/*.xml`. Spreadsheet programs write each cell with its
    reference first (`<c r="C7" ...>`), so the cells holding something (not written as an
    empty tag, `<c r="A9" s="1"/>`) are found by one expression and their references
    measured together. Where some cell is written otherwise (without its reference, with a
    namespace prefix), the member is read again and followed tag by tag, each cell placed
    by its reference or after the cell before it, each row by its number or after the row
    before, as the reader places them (`restream` gives its bytes again)."""

    def __init__(self, reach: Reach, limits: Limits, restream: Callable[[], Iterator[bytes]]):
        super().__init__()
        self.reach = reach
        self.limits = limits
        self.restream = restream
        self.done = False  # followed tag by tag already: the chunks still to come are not
        self.row = 0
        self.column = 0
        self.open_cell = b""  # a cell cut at the end of the last chunk, for `_formulas`

    def tags(self, data: bytes) -> None:
        if self.done:
            return
        self._formulas(data)
        cells = data.count(b"<c ") + data.count(b"<c>") + data.count(b"<c/>")
        if cells != data.count(b'<c r="') or any(tag in data for tag in _PREFIXED):
            self._refollow()
            return
        found = _REFERENCED.findall(data)
        if found:
            reach = self.reach
            reach.cells += len(found)
            reach.last_row = max(reach.last_row, max(map(int, map(_row_of, found))))
            columns = {_COLUMNS.get(letters, BEYOND) for letters in set(map(_column_of, found))}
            reach.last_column = max(reach.last_column, *columns)
        if self.reach.over(self.limits):
            raise Stop

    def _formulas(self, data: bytes) -> None:
        """Note the cells holding a formula without a saved value. Chunks end before a tag,
        so a cell may be cut between two of them: its start waits for the next chunk."""
        data = self.open_cell + data
        self.open_cell = b""
        last = data.rfind(b"<c ")
        if last >= 0 and data.find(b"</c>", last) < 0:
            end = data.find(b">", last)
            if end < 0 or data[end - 1 : end] != b"/":  # not an empty tag: the cell goes on
                data, self.open_cell = data[:last], data[last:]
        if b"<f" not in data:
            return
        reach = self.reach
        for ref in _BLANK_FORMULA.findall(data):
            reach.blank_formulas += 1
            if len(reach.blank_formula_cells) < NAMED_BLANK_FORMULAS:
                reach.blank_formula_cells.append(ref.decode("ascii"))

    def _refollow(self) -> None:
        """Follow the whole member from its start, tag by tag."""
        self.done = True
        self.reach.cells = self.reach.last_row = self.reach.last_column = 0
        rest = b""
        for chunk in self.restream():
            data = rest + chunk
            cut = data.rfind(b"<")
            if cut <= 0:
                rest = data
                continue
            rest = data[cut:]
            self._follow(data[:cut])
        self._follow(rest)

    def _follow(self, data: bytes) -> None:
        """Row by row: a row's cells without references follow one another, so they are
        counted rather than parsed (every one of them counted as holding something); a row
        with references is followed tag by tag."""
        at = 0
        for start, end, attributes in _row_tags(data):
            self._cells(data[at:start])
            ref = _REF.search(attributes)
            self.row = int(ref.group(2)) if ref else self.row + 1
            self.column = 0
            at = end
        self._cells(data[at:])
        if self.reach.over(self.limits):
            raise Stop

    def _cells(self, segment: bytes) -> None:
        reach = self.reach
        if b" r=" not in segment and b"\tr=" not in segment and b"\nr=" not in segment:
            count = sum(segment.count(tag) for tag in _UNREFERENCED)
            if count:
                self.column += count
                reach.place(self.row, self.column, count)
            return
        for name, attributes in _XLSX_TAG.findall(segment):
            if name == b"row":
                continue
            ref = _REF.search(attributes)
            if ref:
                letters, digits = ref.groups()
                self.column = _COLUMNS.get(letters.upper(), BEYOND) if letters else self.column + 1
                self.row = int(digits)
            else:
                self.column += 1
            if not attributes.endswith(b"/"):
                reach.place(self.row, self.column)
            if reach.cells > self.limits.max_sheet_cells:
                raise Stop


_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row(?=[\s/>])([^>]*)>")


def _row_tags(data: bytes) -> Iterator[tuple[int, int, bytes]]:
    """Where each row's start tag is (start, end) and its attributes: found by `bytes.find`
    where no tag has a namespace prefix, which is every program's way and far faster."""
    if b":row" in data:
        for found in _ROW_TAG.finditer(data):
            yield found.start(), found.end(), found.group(1)
        return
    at = data.find(b"<row")
    while at >= 0:
        end = data.find(b">", at)
        if end < 0:
            return
        if data[at + 4 : at + 5] in (b" ", b">", b"/", b"\t", b"\r", b"\n"):
            yield at, end + 1, data[at + 4 : end]
        at = data.find(b"<row", end)


# a cell tag, with or without a namespace prefix (counted generously: `:c ` may be text)
_UNREFERENCED = (b"<c>", b"<c ", b"<c/>", b":c>", b":c ", b":c/>")
_PREFIXED = (b":c ", b":c>", b":c/>")


_SHARED_COUNT = re.compile(rb"<(?:[\w.-]+:)?sst\b[^>]*?\buniqueCount\s*=\s*[\"'](\d+)[\"']")


class SharedStringsScanner(Scanner):
    """The shared-string table's declared size, which the reader sets memory aside for."""

    def __init__(self, limits: Limits) -> None:
        super().__init__()
        self.limits = limits
        self.done = False

    def tags(self, data: bytes) -> None:
        if self.done:
            return
        found = _SHARED_COUNT.search(data)
        if found is None:
            self.done = b"<si" in data or b":si" in data
            return
        self.done = True
        declared = int(found.group(1))
        if declared > self.limits.max_sheet_cells:
            raise Unreadable(text("workbook.too_many_texts", count=self.limits.max_sheet_cells))


_SHEET = re.compile(rb"<(?:[\w.-]+:)?sheet\s([^>]*)>")
_RELATIONSHIP = re.compile(rb"<(?:[\w.-]+:)?Relationship\s([^>]*)>")
_ATTRIBUTE = re.compile(rb"([\w.:-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")


def _attributes(tag: bytes) -> dict[str, str]:
    found = {}
    for name, double, single in _ATTRIBUTE.findall(tag):
        value = (double or single).decode("utf-8", "replace")
        found[name.decode("ascii", "replace")] = html.unescape(value)
    return found


def xlsx_sheet_names(archive: Archive) -> dict[str, str]:
    """Each worksheet member's sheet name, from `xl/workbook.xml` and its relationships
    (empty where they are missing)."""
    names: dict[str, str] = {}
    if not {"xl/workbook.xml", "xl/_rels/workbook.xml.rels"} <= archive.names:
        return names
    targets = {}
    for tag in _RELATIONSHIP.findall(archive.read("xl/_rels/workbook.xml.rels")):
        attributes = _attributes(tag)
        target = attributes.get("Target", "")
        target = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        targets[attributes.get("Id", "")] = target
    for tag in _SHEET.findall(archive.read("xl/workbook.xml")):
        attributes = _attributes(tag)
        rid = next((v for k, v in attributes.items() if k.endswith(":id")), "")
        if rid in targets and "name" in attributes:
            names[targets[rid]] = attributes["name"]
    return names


def scan_xlsx(raw: bytes, limits: Limits) -> list[Reach]:
    """Unpack an `.xlsx` archive, measuring every sheet; raise `Unreadable` when the archive
    or any sheet is over the limits. Every XML member is scanned as a sheet might be (a
    workbook's relationships may point anywhere in the archive): only worksheets hold cells."""
    archive = Archive(raw, limits)
    names = xlsx_sheet_names(archive)
    reaches: list[Reach] = []

    def scanner(name: str) -> Scanner | None:
        lower = name.lower()
        if lower.endswith("sharedstrings.xml"):
            return SharedStringsScanner(limits)
        if not lower.endswith(".xml"):
            return None
        reaches.append(Reach(name=names.get(name, name)))
        info = next(i for i in archive.infos if i.filename == name)
        return XlsxSheetScanner(reaches[-1], limits, lambda: archive.stream(info))

    with contextlib.suppress(Stop):
        archive.unpack(scanner)
    check(reaches, limits)
    return [reach for reach in reaches if reach.cells]
