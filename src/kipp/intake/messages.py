"""Pydantic's error records in plain language, each saying what would be right."""

from __future__ import annotations

from typing import Any

from pydantic_core import ErrorDetails

_FIELD_HINTS = {
    "id": "id (kode)",
    "title": "title (judul)",
    "agency": "agency (instansi)",
    "group": "group (kelompok)",
    "category": "category (kategori)",
    "sdgs": "sdgs (tpb)",
    "started_on": "started_on (tanggal_mulai)",
    "stage": "stage (tahapan)",
    "digital": "digital",
    "sections": "sections (uraian)",
    "name": "name (nama)",
    "competition": "competition (kompetisi)",
    "year": "year (tahun)",
}


def _shown(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 60 else text[:57] + "...'"


def _chars(count: int) -> str:
    return f"{count} character" + ("" if count == 1 else "s")


def describe(error: ErrorDetails, *, in_sheet: bool = False) -> str:
    """One sentence for one pydantic error, naming the limit or the expected form.
    `in_sheet`: the value comes from a spreadsheet row, where fields are columns."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    leaf = next((p for p in reversed(error["loc"]) if isinstance(p, str)), "")
    if kind == "missing":
        hint = _FIELD_HINTS.get(leaf, leaf)
        if in_sheet:
            return f"required, but missing; fill in the `{hint}` column"
        return f"required, but missing; add `{hint}:`"
    if kind in {"string_type", "str_type"}:
        return f"{_shown(value)} should be text"
    if kind == "string_too_short":
        if ctx.get("min_length") == 1 or not value:
            return "is empty; write a value"
        return f"{_chars(len(value))}; at least {ctx['min_length']} needed"
    if kind == "string_too_long":
        return f"{_chars(len(value))}; at most {ctx['max_length']} allowed"
    if kind in {"int_parsing", "int_type", "int_from_float"}:
        return f"{_shown(value)} is not a whole number"
    if kind in {"float_parsing", "float_type"}:
        return f"{_shown(value)} is not a number; write digits, e.g. 1250"
    if kind in {"greater_than_equal", "greater_than"}:
        lowest = ctx.get("ge", ctx.get("gt"))
        return f"{_shown(value)} is too small; the lowest allowed is {lowest}"
    if kind in {"less_than_equal", "less_than"}:
        return (
            f"{_shown(value)} is too large; the highest allowed is {ctx.get('le', ctx.get('lt'))}"
        )
    if kind in {"list_type", "tuple_type"}:
        return f"{_shown(value)} should be a list (one '- item' per line)"
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return f"{_shown(value)} should be a mapping of fields (key: value)"
    if kind in {"bool_parsing", "bool_type"}:
        return f"{_shown(value)} is not yes or no; write true/false (or ya/tidak)"
    if kind in {"date_type", "date_parsing", "date_from_datetime_parsing"}:
        return f"{_shown(value)} is not a date; write it as 2019-07-01 or 1 Juli 2019"
    if kind == "enum":
        return f"{_shown(value)} is not allowed; use one of: {ctx.get('expected', '')}"
    if kind == "extra_forbidden":
        return "unknown field"
    return str(error["msg"])
