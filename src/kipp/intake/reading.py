"""Bytes to text at the edge: size caps, binary detection, BOMs and encodings."""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

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
    max_yaml_nodes: int = Field(default=100_000, gt=0)
    reread_delays_s: tuple[Annotated[float, Field(ge=0)], ...] = (0.2, 1.0)
    """Waits before reading a file again after a transient failure (a network share that
    blinked): two more tries, then the file is reported unread with the reason."""
    reread_budget_s: float = Field(default=10.0, ge=0)
    """Most seconds one batch spends in those waits, so a share that is down costs seconds,
    not a wait per file."""


class Unreadable(Exception):
    """The file cannot be read as text or as a proposal at all; `reason` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Decoded:
    """A file's text, and a warning when it was not plain UTF-8."""

    text: str
    warning: str | None = None


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def human_size(size: int) -> str:
    """`2097152` -> `2.0 MB`."""
    if size < 1024:
        return f"{size} bytes"
    if size < MIB:
        return f"{size / 1024:.1f} KB"
    return f"{size / MIB:.1f} MB"


def check_size(size: int, cap: int, option: str = "--max-file-mb") -> None:
    """Refuse a file over its cap before reading it; `option` is the one that raises the cap."""
    if size > cap:
        raise Unreadable(
            f"file is {human_size(size)}, over the {human_size(cap)} limit for this kind of "
            f"file; split it, or raise the limit with {option}"
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
                    f"starts with a {encoding.upper()} byte-order mark but is not valid "
                    f"{encoding.upper()} (byte {exc.start}); save it again as UTF-8"
                ) from None
    if b"\x00" in raw[:8192]:
        raise Unreadable("binary content, not text; save the proposal again as a text file (UTF-8)")
    try:
        return Decoded(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        raise Unreadable(
            f"not UTF-8 text (invalid byte 0x{raw[first_bad]:02x} at offset {first_bad}) "
            "and not Windows-1252 either; save it as UTF-8"
        ) from None
    return Decoded(
        text,
        warning=(
            f"not UTF-8 (invalid byte 0x{raw[first_bad]:02x} at offset {first_bad}); read as "
            "Windows-1252: check accented letters, and save the file as UTF-8"
        ),
    )
