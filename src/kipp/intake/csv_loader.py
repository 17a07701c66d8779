"""`.csv`: an online form's export, one proposal per row (any of `,`, `;`, tab or `|`
between cells, RFC 4180 quoting), read through `kipp.intake.sheets`."""

from __future__ import annotations

from kipp.core.i18n import Text, text
from kipp.intake.loaded import Loaded
from kipp.intake.reading import Limits, decode_text
from kipp.intake.sheets import csv_rows
from kipp.intake.table import records_from_rows
from kipp.intake.yaml_loader import encoding_warning


def _unreadable(line: int, detail: str) -> Text:
    return text("csv.unreadable_line", line=line, detail=detail)


def load_csv(raw: bytes, path: str, default_id: str, limits: Limits) -> Loaded:
    """Read every row of a CSV export; the row number is the one a spreadsheet shows."""
    decoded = decode_text(raw)
    rows = csv_rows(decoded.text, limits, unreadable=_unreadable)
    loaded = records_from_rows(rows, path, default_id, limits)
    loaded.notices[:0] = encoding_warning(path, decoded.warning)
    return loaded
