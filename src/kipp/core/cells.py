"""Spreadsheet cells safe from formula injection. A CSV file holds no cell types, so a text
that a spreadsheet program would run as a formula is written after an apostrophe
(`neutralise`: `scores.csv`, `compliance.csv`, `reviews.csv`); a workbook types its cells, so
`results.xlsx` writes such a text as it is, in a cell typed as text (`formula_like`)."""

from __future__ import annotations

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def formula_like(text: str) -> bool:
    """Whether a spreadsheet program would take `text`, typed into a cell, as a formula."""
    return text.startswith(_FORMULA_START)


def neutralise(value: object) -> str:
    """A cell a spreadsheet will show as text, never run as a formula (`=HYPERLINK(...)`)."""
    text = "" if value is None else str(value)
    return "'" + text if formula_like(text) else text
