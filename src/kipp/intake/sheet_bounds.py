"""How far a workbook reaches, measured before it is opened: what the measures of every format
share (`Reach`, the limit's check and message), and zipped workbooks unpacked by kipp itself
(`Archive`), their XML read as bytes (`Scanner`). The formats: `kipp.intake.xlsx_bounds`,
`kipp.intake.ods_bounds`, `kipp.intake.xls_bounds`.

python-calamine reads a sheet whole, into a grid spanning its first value to its last, and
a few numbers a file declares decide how much memory it sets aside: a 1 KB workbook with a
value in A1 and another in XFD1048576, or a shared-string table that declares four billion
entries, makes it ask for hundreds of gigabytes, and the process is
aborted (no exception to catch). A file that declares a small size but unpacks to much more
would be read to its end. So every member of the archive is unpacked here first, counting its
bytes, and the sheets are scanned for their cells, which gives each sheet's reach: its last
row and its last column holding a value. `kipp.intake.sheets` opens only a workbook whose
every sheet is within `Limits.max_sheet_cells`.

The scan reads the XML as bytes with regular expressions: it needs only where the cells are,
not what they hold, and is counted generously (a cell with any content counts, whether or
not the reader would find a value in it), so that it never finds less than the reader
would hold.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from kipp.core.i18n import text
from kipp.intake.reading import Limits, Unreadable, size_text

CHUNK = 1 << 20  # bytes unpacked at a time
SMALL_MEMBER = 16 * 1024 * 1024  # read whole: the workbook's list of sheets


@dataclass
class Reach:
    """How far one sheet reaches: the cells holding something, and the last row and the last
    column (both from 1) holding something; and (`.xlsx` only) the cells holding a formula
    whose value was never saved (a file written by a program that does not calculate), which
    a reader of saved values finds empty: `blank_formulas` of them, the first few named in
    `blank_formula_cells` (`C3`)."""

    name: str
    cells: int = 0
    last_row: int = 0
    last_column: int = 0
    blank_formulas: int = 0
    blank_formula_cells: list[str] = field(default_factory=list)

    def grid(self) -> int:
        """Cells of the grid from A1 to the last row and column."""
        return self.last_row * self.last_column

    def place(self, row: int, column: int, count: int = 1) -> None:
        """`count` cells holding something, the last of them in `row`, `column`."""
        self.cells += count
        self.last_row = max(self.last_row, row)
        self.last_column = max(self.last_column, column)

    def over(self, limits: Limits) -> bool:
        """More cells, or a larger grid, than a sheet may have."""
        return max(self.cells, self.grid()) > limits.max_sheet_cells


def column_letters(number: int) -> str:
    """1 -> A, 26 -> Z, 27 -> AA (a column counted from 1)."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def too_large(reach: Reach, limits: Limits) -> Unreadable:
    """Why a sheet that reaches too far is not read, pointing at its far corner."""
    return Unreadable(
        text(
            "sheet.too_many_cells",
            sheet=reach.name,
            row=reach.last_row,
            column=column_letters(reach.last_column),
            cap=limits.max_sheet_cells,
        )
    )


def check(reaches: list[Reach], limits: Limits) -> None:
    """Raise `Unreadable` for the first sheet that reaches too far."""
    for reach in reaches:
        if reach.over(limits):
            raise too_large(reach, limits)


# --- the archive -----------------------------------------------------------------------------


class Archive:
    """A zip archive (checked for its declared unpacked size), whose members are unpacked by
    kipp itself, counting bytes: what a member really holds is then what it declares."""

    def __init__(self, raw: bytes, limits: Limits, not_zip: str = "xlsx.not_zip") -> None:
        """`not_zip`: the catalogue key of the reason given when `raw` is not a zip archive."""
        cap = limits.max_sheet_unpacked_bytes
        try:
            with zipfile.ZipFile(io.BytesIO(raw)) as archive:
                self.infos = archive.infolist()
        except (zipfile.BadZipFile, ValueError, EOFError, NotImplementedError, struct.error):
            raise Unreadable(text(not_zip)) from None
        self.declared = sum(info.file_size for info in self.infos)
        if self.declared > cap:
            raise Unreadable(
                text("xlsx.unpacks", size=size_text(self.declared), cap=size_text(cap))
            )
        self.raw = raw
        self.limits = limits
        self.names = {info.filename for info in self.infos}

    def read(self, name: str, cap: int = SMALL_MEMBER) -> bytes:
        """A small member whole (workbook.xml, its relationships): at most about `cap` bytes."""
        info = next(i for i in self.infos if i.filename == name)
        parts, size = [], 0
        for chunk in self.stream(info):
            parts.append(chunk)
            size += len(chunk)
            if size >= cap:
                break
        return b"".join(parts)

    def stream(self, info: zipfile.ZipInfo) -> Iterator[bytes]:
        """The unpacked bytes of a member, at most `CHUNK` at a time; `Unreadable` for an
        encrypted member, one packed in a way kipp cannot unpack, or a damaged one."""
        if info.flag_bits & 0x1:
            raise Unreadable(text("workbook.encrypted"))
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise Unreadable(text("workbook.packing", member=info.filename))
        try:
            start = _data_offset(self.raw, info)
            packed = memoryview(self.raw)[start : start + info.compress_size]
            if info.compress_type == zipfile.ZIP_STORED:
                for at in range(0, len(packed), CHUNK):
                    yield bytes(packed[at : at + CHUNK])
                return
            inflate = zlib.decompressobj(-zlib.MAX_WBITS)
            at = 0
            while not inflate.eof:
                if inflate.unconsumed_tail:
                    data = inflate.unconsumed_tail
                elif at < len(packed):
                    data, at = bytes(packed[at : at + CHUNK]), at + CHUNK
                else:
                    break
                chunk = inflate.decompress(data, CHUNK)
                if chunk:
                    yield chunk
        except (zipfile.BadZipFile, zlib.error) as exc:
            raise Unreadable(
                text("workbook.damaged_member", member=info.filename, detail=str(exc))
            ) from None

    def unpack(self, scan: Callable[[str], Scanner | None]) -> None:
        """Unpack every member, counting bytes: one that unpacks to more than it declares
        (`workbook.understated`), or all of them to more than
        `Limits.max_sheet_unpacked_bytes` (`xlsx.unpacks`), is refused. `scan(name)` gives
        the scanner that reads a member's bytes as they come, or None. A scanner may raise
        `Stop` when it has found enough to refuse."""
        cap = self.limits.max_sheet_unpacked_bytes
        total = 0
        for info in self.infos:
            scanner = scan(info.filename)
            size = 0
            for chunk in self.stream(info):
                size += len(chunk)
                if size > info.file_size:
                    raise Unreadable(text("workbook.understated", member=info.filename))
                if total + size > cap:
                    shown = size_text(max(total + size, self.declared))
                    raise Unreadable(text("xlsx.unpacks", size=shown, cap=size_text(cap)))
                if scanner is not None:
                    scanner.feed(chunk)
            if scanner is not None:
                scanner.close()
            total += size


def _data_offset(raw: bytes, info: zipfile.ZipInfo) -> int:
    """Where a member's packed bytes start: after its local header, name and extra field."""
    at: int = info.header_offset
    header = raw[at : at + 30]
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        raise zipfile.BadZipFile(f"no local header for {info.filename!r}")
    name_length: int
    extra_length: int
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    return at + 30 + name_length + extra_length


class Scanner:
    """Reads an XML member's bytes as they come, a whole tag at a time."""

    def __init__(self) -> None:
        self._rest = b""

    def feed(self, chunk: bytes) -> None:
        """Take the next bytes; whole tags are scanned, a tag cut at the end waits for the rest."""
        data = self._rest + chunk
        cut = data.rfind(b"<")
        if cut <= 0:
            self._rest = data
            return
        self._rest = data[cut:]
        self.tags(data[:cut])

    def close(self) -> None:
        """The member has ended: scan what is left."""
        self.tags(self._rest + b"<")
        self._rest = b""

    def tags(self, data: bytes) -> None:
        """Scan whole tags (overridden)."""


class Stop(Exception):
    """A scan found enough to refuse the workbook."""
