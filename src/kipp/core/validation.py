"""Pydantic's error records as catalogue sentences, each saying what would be right.

Validators raise `invalid(key, **params)`: a `PydanticCustomError` whose type is the
catalogue key of its sentence and whose context holds the sentence's parameters (its
message template, pydantic's `msg`, is the catalogue's English text). `describe` turns any
error record back into a `Text`: a custom error's own, or the sentence for one of pydantic's
error types. No sentence is ever translated after it is made.
"""

from __future__ import annotations

from typing import Any

from pydantic_core import ErrorDetails, PydanticCustomError

from kipp.core.catalogue import CATALOGUE
from kipp.core.i18n import Param, Text, text


def invalid(key: str, /, **params: Param) -> PydanticCustomError:
    """The error a validator raises (`raise invalid("proposal.email", value=value)`):
    catalogue entry `key` with `params`, its English text as pydantic's message template.
    The key and parameters are checked here, so a wrong key fails where it is written."""
    text(key, **params)
    return PydanticCustomError(key, CATALOGUE[key]["en"], params)


def _shown(value: Any) -> str:
    shown = repr(value) if not isinstance(value, str) else f"'{value}'"
    return shown if len(shown) <= 60 else shown[:57] + "...'"


def _choices(expected: str) -> Text | str:
    """Pydantic's `'a', 'b' or 'c'` as a list whose last `or` reads in either language."""
    items, found, last = expected.rpartition(" or ")
    return text("list.or", items=items, last=last) if found else expected


def _hint(leaf: str, aliases: bool) -> Text | str:
    """The key to add where `leaf` is missing: `started_on (tanggal_mulai)` in English and
    `tanggal_mulai` in Indonesian (`written.hint.<leaf>`) for a model that takes Indonesian
    keys; the English text for one that does not; else the key itself."""
    key = f"written.hint.{leaf}"
    if key not in CATALOGUE:
        written = f"written.{leaf}"  # the key as written in each language, where it has one
        return text(written) if aliases and written in CATALOGUE else leaf
    return text(key) if aliases else CATALOGUE[key]["en"]


def describe(error: ErrorDetails, *, in_sheet: bool = False, aliases: bool = True) -> Text:
    """One sentence for one pydantic error, naming the limit or the expected form.
    `in_sheet`: the value comes from a spreadsheet row, where fields are columns. `aliases`:
    the model takes Indonesian keys (a proposal), so a missing key is named as a person
    writes it in each language; otherwise (a registry, a rubric) as the English text says."""
    kind = error["type"]
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    value = error.get("input")
    leaf = next((p for p in reversed(error["loc"]) if isinstance(p, str)), "")
    if value is None and kind != "missing":  # a key with nothing after it: YAML's null
        if in_sheet:
            return text("value.missing_column", hint=_hint(leaf, aliases))
        return text("value.empty")  # the key is named before the sentence, as written
    if kind in CATALOGUE:  # raised by one of kipp's validators (`invalid`)
        return text(kind, **ctx)
    if kind == "missing":
        hint = _hint(leaf, aliases)
        return text("value.missing_column" if in_sheet else "value.missing", hint=hint)
    if kind in {"string_type", "str_type"}:
        return text("value.not_text", value=_shown(value))
    if kind == "string_too_short":
        if ctx.get("min_length") == 1 or not value:
            return text("value.empty")
        return text("value.too_short", length=str(len(value)), min=str(ctx["min_length"]))
    if kind == "string_too_long":
        return text("value.too_long", length=str(len(value)), max=str(ctx["max_length"]))
    if kind in {"int_parsing", "int_type", "int_from_float"}:
        return text("value.not_whole", value=_shown(value))
    if kind in {"float_parsing", "float_type"}:
        return text("value.not_a_number", value=_shown(value))
    if kind in {"greater_than_equal", "greater_than"}:
        return text("value.too_small", value=_shown(value), limit=str(ctx.get("ge", ctx.get("gt"))))
    if kind in {"less_than_equal", "less_than"}:
        return text("value.too_large", value=_shown(value), limit=str(ctx.get("le", ctx.get("lt"))))
    if kind in {"list_type", "tuple_type"}:
        return text("value.not_list", value=_shown(value))
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return text("value.not_mapping", value=_shown(value))
    if kind in {"bool_parsing", "bool_type"}:
        return text("value.not_yes_no", value=_shown(value))
    if kind in {"date_type", "date_parsing", "date_from_datetime_parsing"}:
        return text("date.not_a_date", value=_shown(value))
    if kind == "enum":
        choices = _choices(str(ctx.get("expected", "")))
        return text("value.not_allowed", value=_shown(value), choices=choices)
    if kind in {"too_short", "too_long"} and "actual_length" in ctx:
        collection = str(ctx.get("field_type", ""))
        key = f"value.kind.{collection.lower()}"
        what: Text | str = text(key) if key in CATALOGUE else collection
        if kind == "too_short":
            return text(
                "value.too_few",
                kind=what,
                min=str(ctx["min_length"]),
                actual=str(ctx["actual_length"]),
            )
        return text(
            "value.too_many",
            kind=what,
            max=str(ctx["max_length"]),
            actual=str(ctx["actual_length"]),
        )
    if kind == "extra_forbidden":
        return text("value.unknown_field")
    return text("value.invalid", detail=str(error["msg"]).removeprefix("Value error, "))
