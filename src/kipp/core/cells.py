"""Spreadsheet cells safe from formula injection (shared by `scores.csv`, `compliance.csv`
and `results.xlsx`)."""

from __future__ import annotations

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> str:
    """A cell a spreadsheet will show as text, never run as a formula (`=HYPERLINK(...)`)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text
