"""How far an `.xls` workbook (Excel 97-2003) reaches, measured before it is opened.

An `.xls` file is a small file system (OLE2, "compound file") holding a `Workbook` stream of
BIFF records: a global part naming each sheet and where its records start, then each sheet's
cells. python-calamine reads every sheet of it when the file is opened, and trusts numbers
the file declares: the size of a sheet (`DIMENSIONS`), for which it sets memory aside, and
chains of sectors, which it follows without looking for loops. A 5 KB file declaring the
whole 65,536 x 256 grid makes it hold a gigabyte; a larger declaration, or a sector chain
that loops, aborts or hangs the process.

So the compound file is walked here as the reader will walk it, refusing (`xls.damaged`)
what would make it loop or set aside more than the file could hold, and the `Workbook`
stream's records are scanned for every sheet's reach (its last row and column holding a
value, and what it declares); `kipp.intake.sheets` opens only a file whose every sheet is
within `Limits.max_sheet_cells`.
"""

from __future__ import annotations

import struct

from kipp.core.i18n import text
from kipp.intake.reading import Limits, Unreadable
from kipp.intake.sheet_bounds import Reach, check, too_large

SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
RESERVED = 0xFFFF_FFFA  # sector numbers from here on are markers, not sectors
DIFSECT = 0xFFFF_FFFC
ENDOFCHAIN = 0xFFFF_FFFE
MINI_SECTOR = 64
MINI_CUTOFF = 4096  # streams smaller than this live in the mini stream (the reader's rule)
MOST_DIFAT = 1 << 24  # see `_header`


class Damaged(Exception):
    """The compound file or its records are not what a spreadsheet program writes."""


def _u16(data: bytes, at: int) -> int:
    value: int = struct.unpack_from("<H", data, at)[0]
    return value


def _u32(data: bytes, at: int) -> int:
    value: int = struct.unpack_from("<I", data, at)[0]
    return value


class Compound:
    """The sectors of a compound file, addressed as the reader addresses them."""

    def __init__(self, raw: bytes) -> None:
        if len(raw) < 512 or raw[:8] != SIGNATURE:
            raise Unreadable(text("xls.not_ole"))
        shift = _u16(raw, 30)
        if shift not in (9, 12) or _u16(raw, 32) != 6:
            raise Damaged("sector sizes")
        self.raw = raw
        self.mini_fat: list[int] = []
        self.size = 1 << shift
        self.maxid = len(raw) // self.size
        fat_sectors = _u32(raw, 44)
        # Before reading anything the reader sets memory aside for the FAT (`fat_sectors`
        # entries) and for the DIFAT (the four bytes at offset 62, which it takes as its
        # length): neither can be larger than the file.
        if fat_sectors > self.maxid or _u32(raw, 62) > MOST_DIFAT:
            raise Damaged("header sizes")
        difat = list(struct.unpack_from("<109I", raw, 76))
        seen: set[int] = set()
        sector = _u32(raw, 68)
        while sector < RESERVED:
            if sector in seen or sector > self.maxid:
                raise Damaged("DIFAT chain")
            seen.add(sector)
            entries = self._ints(self.sector(sector))
            difat.extend(entries[:-1])
            sector = entries[-1] if entries else ENDOFCHAIN
        self.fat: list[int] = []
        for sector in difat:
            if sector < DIFSECT:
                if sector > self.maxid:
                    raise Damaged("FAT sector")
                self.fat.extend(self._ints(self.sector(sector)))

    @staticmethod
    def _ints(data: bytes) -> list[int]:
        return list(struct.unpack_from(f"<{len(data) // 4}I", data))

    def sector(self, number: int) -> bytes:
        """Sector `number` (the one after the header is 0); short or empty past the end."""
        start = (number + 1) * self.size
        return self.raw[start : start + self.size]

    def chain(self, start: int, length: int | None, sectors: list[bytes] | None = None) -> bytes:
        """The bytes of the chain from `start` (at most `length`), following the FAT, or the
        mini FAT over `sectors` (the mini stream's sectors) when given; `Damaged` where the
        chain loops or leaves the file."""
        table = self.fat if sectors is None else self.mini_fat
        parts: list[bytes] = []
        size = 0
        seen: set[int] = set()
        sector = start
        while sector != ENDOFCHAIN:
            if sector in seen:
                raise Damaged("sector chain loops")
            seen.add(sector)
            if sectors is None:
                if sector > self.maxid:
                    raise Damaged("sector beyond the end")
                data = self.sector(sector)
            else:
                if sector >= len(sectors):
                    raise Damaged("mini sector beyond the end")
                data = sectors[sector]
            if length is not None:
                data = data[: length - size]
            parts.append(data)
            size += len(data)
            if length is not None and size >= length:
                break
            if sector >= len(table):
                raise Damaged("sector chain")
            sector = table[sector]
        return b"".join(parts)

    def workbook(self) -> bytes:
        """The `Workbook` stream (`Book` in files of Excel 5), as the reader gathers it."""
        entries = self.chain(_u32(self.raw, 48), None)
        directory = [entries[at : at + 128] for at in range(0, len(entries) - 127, 128)]
        if not directory:
            raise Damaged("no directory")
        small = self.size == 512

        def length(entry: bytes) -> int:
            if small:
                return _u32(entry, 120)
            value: int = struct.unpack_from("<Q", entry, 120)[0]
            return value

        mini_sectors: list[bytes] = []
        if _u32(self.raw, 64) > 0:
            root = directory[0]
            mini = self.chain(_u32(root, 116), length(root))
            mini_sectors = [mini[at : at + MINI_SECTOR] for at in range(0, len(mini), MINI_SECTOR)]
            fat_bytes = _u32(self.raw, 64) * self.size
            self.mini_fat = self._ints(self.chain(_u32(self.raw, 60), fat_bytes))
        for wanted in ("Workbook", "Book"):
            for entry in directory:
                name = entry[:64].decode("utf-16-le", "replace").split("\x00", 1)[0]
                if name != wanted:
                    continue
                size = length(entry)
                if size > len(self.raw):
                    raise Damaged("stream larger than the file")
                if size < MINI_CUTOFF:
                    return self.chain(_u32(entry, 116), size, mini_sectors)
                return self.chain(_u32(entry, 116), size)
        raise Damaged("no Workbook stream")


# BIFF records that place a cell (row, column at the start of their data).
_CELLS = {0x0203, 0x0204, 0x00D6, 0x0205, 0x027E, 0x0006}
_LABEL_SST = 0x00FD
_MULTIPLE = 0x00BD  # MULRK: one row, columns first..last
_STRING = 0x0207  # a formula's text result, at the formula's cell
_DIMENSIONS = 0x0200
_BOF, _EOF, _BOUNDSHEET = 0x0809, 0x000A, 0x0085


def _sheet_name(data: bytes) -> str:
    if len(data) < 8:
        return "?"
    count, flags = data[6], data[7]
    if flags & 0x1:
        return data[8 : 8 + 2 * count].decode("utf-16-le", "replace")
    return data[8 : 8 + count].decode("cp1252", "replace")


def _sheets(stream: bytes) -> list[tuple[int, str]]:
    """Where each sheet's records start, and its name, from the global records."""
    found = []
    at = 0
    while at + 4 <= len(stream):
        kind, size = struct.unpack_from("<HH", stream, at)
        data = stream[at + 4 : at + 4 + size]
        at += 4 + size
        if kind == _BOUNDSHEET and len(data) >= 6:
            found.append((_u32(data, 0), _sheet_name(data)))
        elif kind == _EOF:
            break
    return found


def _reach(stream: bytes, start: int, reach: Reach, limits: Limits) -> None:
    """Place a sheet's cells, from its `BOF` record at `start` to its `EOF`, skipping the
    records of anything nested in it (a chart), as the reader does."""
    if start >= len(stream):
        raise Damaged("sheet beyond the end of the stream")
    at = start
    depth = 0
    begun = False
    formula = (0, 0)
    cap = limits.max_sheet_cells
    while at + 4 <= len(stream):
        kind, size = struct.unpack_from("<HH", stream, at)
        at += 4
        data = stream[at : at + size]
        at += size
        if kind == _BOF:
            depth += begun
            begun = True
            continue
        if kind == _EOF:
            if depth == 0:
                break
            depth -= 1
            continue
        if depth or len(data) < 4:
            continue
        row, column = _u16(data, 0), _u16(data, 2)
        if kind in _CELLS or kind == _LABEL_SST:
            reach.place(row + 1, column + 1)
            if kind == 0x0006:
                formula = (row, column)
        elif kind == _MULTIPLE and len(data) >= 6:
            last = _u16(data, len(data) - 2)
            reach.place(row + 1, max(last, column) + 1, max(1, last - column + 1))
        elif kind == _STRING:
            reach.place(formula[0] + 1, formula[1] + 1)
        elif kind == _DIMENSIONS and len(data) in (10, 14):
            _declared(data, reach, limits)
        if reach.cells > cap:
            raise too_large(reach, limits)


def _declared(data: bytes, reach: Reach, limits: Limits) -> None:
    """A sheet's declared size, for which the reader sets memory aside: computed as it
    computes it (32-bit arithmetic that wraps), refused when over the limit."""
    if len(data) == 10:
        first_row, end_row, first_column, end_column = struct.unpack_from("<4H", data)
    else:
        first_row, end_row, first_column, end_column = struct.unpack_from("<IIHH", data)
    if end_row >= 1 and end_column >= 1:
        rows = ((end_row - 1 - first_row) + 1) & 0xFFFF_FFFF
        columns = ((end_column - 1 - first_column) + 1) & 0xFFFF_FFFF
    else:
        rows = columns = 1
    if rows * columns > limits.max_sheet_cells:
        declared = Reach(
            name=reach.name,
            last_row=min(end_row, 1 << 32),
            last_column=min(max(end_column, 1), 1 << 16),
        )
        raise too_large(declared, limits)


def scan_xls(raw: bytes, limits: Limits) -> list[Reach]:
    """Walk an `.xls` compound file and measure every sheet; raise `Unreadable` for a file
    that is not one, is damaged, or has a sheet over the limits."""
    try:
        stream = Compound(raw).workbook()
        reaches = []
        for start, name in _sheets(stream):
            reach = Reach(name=name)
            reaches.append(reach)
            _reach(stream, start, reach, limits)
    except (Damaged, struct.error) as exc:
        raise Unreadable(text("xls.damaged", detail=str(exc))) from None
    check(reaches, limits)
    return reaches
