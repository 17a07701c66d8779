"""`.csv`: an online form's export, one proposal per row (`,`, `;` or tab separated)."""

from __future__ import annotations

import csv
import io

from kipp.core.i18n import text
from kipp.intake.loaded import Loaded
from kipp.intake.reading import Limits, Unreadable, decode_text
from kipp.intake.table import records_from_rows
from kipp.intake.yaml_loader import encoding_warning


def _dialect(sample: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        return csv.excel


def load_csv(raw: bytes, path: str, default_id: str, limits: Limits) -> Loaded:
    """Read every row of a CSV export; the row number is the one a spreadsheet shows."""
    decoded = decode_text(raw)
    source = decoded.text
    first_line = source.split("\n", 1)[0]
    # A field is never larger than its file, which is capped already; the csv module's own
    # limit (128 KB) would refuse a long section pasted into one cell.
    if csv.field_size_limit() < len(source):
        csv.field_size_limit(len(source))
    reader = csv.reader(io.StringIO(source, newline=""), dialect=_dialect(first_line))
    try:
        loaded = records_from_rows(enumerate(reader, start=1), path, default_id, limits)
    except csv.Error as exc:
        raise Unreadable(
            text("csv.unreadable_line", line=reader.line_num, detail=str(exc))
        ) from None
    loaded.notices[:0] = encoding_warning(path, decoded.warning)
    return loaded
