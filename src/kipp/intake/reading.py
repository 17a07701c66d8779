"""Bytes to text at the edge: size caps, binary detection, BOMs and encodings, and names that
are not text shown safely."""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from kipp.core.i18n import Lang, Text, render, text
from kipp.core.printable import printable

MIB = 1024 * 1024


class Limits(BaseModel):
    """Caps that keep hostile or broken files from stopping or stalling a batch.

    Defaults are sized for real proposals: a full KIPP proposal is about 3,000 words
    (~25 KB); a form export of a whole national call is a few MB.
    """

    model_config = ConfigDict(frozen=True)

    max_text_bytes: int = Field(default=2 * MIB, gt=0)
    max_sheet_bytes: int = Field(default=50 * MIB, gt=0)
    max_sheet_unpacked_bytes: int = Field(default=200 * MIB, gt=0)
    max_rows: int = Field(default=20_000, gt=0)
    max_sheet_cells: int = Field(default=2_000_000, gt=0)
    """Cells of one sheet, counted from A1 to its last row and its last column (rows x
    columns, as spreadsheet programs hold them): 20,000 rows of 100 columns. Workbooks are
    measured before they are opened, every sheet of them, so that a small file cannot unpack
    into a grid that stalls the batch or exhausts the memory."""
    max_columns: int = Field(default=1_000, gt=0)
    """Columns of a row that are read; cells further right are not (like cells beyond the
    last header)."""
    max_depth: int = Field(default=32, gt=0)
    """Folder levels below the batch folder that are read; a folder deeper down is reported
    unread, with everything in it."""
    max_yaml_nodes: int = Field(default=100_000, gt=0)
    reread_delays_s: tuple[Annotated[float, Field(ge=0)], ...] = (0.2, 1.0)
    """Waits before reading a file again after a transient failure (a network share that
    blinked): two more tries, then the file is reported unread with the reason."""
    reread_budget_s: float = Field(default=10.0, ge=0)
    """Most seconds one batch spends in those waits, so a share that is down costs seconds,
    not a wait per file."""


class Unreadable(Exception):
    """The file cannot be read as text or as a proposal at all; `reason` says why."""

    def __init__(self, reason: Text) -> None:
        super().__init__(render(reason, Lang.EN))
        self.reason = reason


@dataclass(frozen=True)
class Decoded:
    """A file's text, and a warning when it was not plain UTF-8."""

    text: str
    warning: Text | None = None


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def size_text(size: int) -> Text:
    """`2097152` -> `2.0 MB` (`2,0 MB` in Indonesian), `512` -> `512 bytes`."""
    if size < 1024:
        return text("size.bytes", n=size)
    if size < MIB:
        return text("size.kb", n=size / 1024)
    return text("size.mb", n=size / MIB)


def human_size(size: int) -> str:
    """`2097152` -> `2.0 MB`."""
    return render(size_text(size), Lang.EN)


def check_size(size: int, cap: int, option: str = "--max-file-mb") -> None:
    """Refuse a file over its cap before reading it; `option` is the one that raises the cap."""
    if size > cap:
        raise Unreadable(
            text("file.too_big", size=size_text(size), cap=size_text(cap), option=option)
        )


def decode_text(raw: bytes) -> Decoded:
    """Decode a text file: any BOM, else UTF-8, else Windows-1252 with a warning.

    Binary content (NUL bytes without a UTF-16/32 BOM) is refused, as is text that is
    neither UTF-8 nor Windows-1252, naming what was found.
    """
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return Decoded(raw[len(bom) :].decode(encoding))
            except UnicodeDecodeError as exc:
                raise Unreadable(
                    text("file.bom", encoding=encoding.upper(), byte=exc.start)
                ) from None
    if b"\x00" in raw[:8192]:
        raise Unreadable(text("file.binary"))
    try:
        return Decoded(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    byte = f"0x{raw[first_bad]:02x}"
    try:
        decoded = raw.decode("cp1252")
    except UnicodeDecodeError:
        raise Unreadable(text("file.not_utf8_nor_cp1252", byte=byte, offset=first_bad)) from None
    return Decoded(decoded, warning=text("file.read_as_cp1252", byte=byte, offset=first_bad))


def shown_path(path: Path | str) -> str:
    """A path as results, documents and the terminal show it: bytes of a name that were not
    text, and control characters, written as escapes (`caf\\xe9.yaml`)."""
    return printable(str(path), lines=False)
