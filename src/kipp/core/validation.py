"""Pydantic's error records as catalogue sentences, each saying what would be right.

Validators raise `invalid(key, **params)`: a `PydanticCustomError` whose type is the
catalogue key of its sentence and whose context holds the sentence's parameters (its
message template, pydantic's `msg`, is the catalogue's English text). `describe` turns any
error record back into a `Text`: a custom error's own, or the sentence for one of pydantic's
error types. No sentence is ever translated after it is made.
"""

from __future__ import annotations

from datetime import date, datetime, time
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


def shown(value: Any) -> str | Text:
    """A value as a sentence names it, never as a program would print it: a text in quotes
    (cut at 60 characters), a number as it was written (`1.10`, `4.870`), yes/no as `true`/
    `false`, a date as `2019-07-01`; a list or a mapping in words ("a list of 2 items")."""
    if isinstance(value, str):
        quoted = f"'{value}'"
        return quoted if len(quoted) <= 60 else quoted[:57] + "...'"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, int | float):
        return number_text(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, dict):
        return text("value.shown.mapping", count=len(value))
    if isinstance(value, list | tuple | set | frozenset):
        return text("value.shown.list", count=len(value))
    return text("value.shown.other")


def number_text(value: float) -> str:
    """A number as written (`kipp.core.numbers.as_written`), else in its shortest form: a
    spreadsheet's whole number 1885.0 as `1885`."""
    if isinstance(value, int):
        return str(value)  # a `WrittenInt` is its text
    if type(value) is float and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return str(value)  # a `WrittenFloat` is its text, a float its shortest form


def _scalar(value: Any) -> bool:
    """Whether `value` is one value a file can hold other than a text (a number, yes/no, a
    date): one whose source text, where known, names it better than any rendering."""
    return not isinstance(value, str | dict | list | tuple | set | frozenset)


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


def describe(
    error: ErrorDetails,
    *,
    in_sheet: bool = False,
    aliases: bool = True,
    written: str | None = None,
) -> Text:
    """One sentence for one pydantic error, naming the limit or the expected form.
    `in_sheet`: the value comes from a spreadsheet row, where fields are columns. `aliases`:
    the model takes Indonesian keys (a proposal), so a missing key is named as a person
    writes it in each language; otherwise (a registry, a rubric) as the English text says.
    `written`: the text the value was written as in its file (a YAML `yes`, `2019-07-01`),
    where it is known: a value that is not a text is then named so."""
    kind = error["type"]
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    value = error.get("input")
    as_written = written is not None and value is not None and _scalar(value)
    named: str | Text = written if as_written and written is not None else shown(value)
    leaf = next((p for p in reversed(error["loc"]) if isinstance(p, str)), "")
    if value is None and kind != "missing":  # a key with nothing after it: YAML's null
        if in_sheet:
            return text("value.missing_column", hint=_hint(leaf, aliases))
        return text("value.empty")  # the key is named before the sentence, as written
    if kind in CATALOGUE:  # raised by one of kipp's validators (`invalid`)
        if as_written and "value" in ctx and ctx["value"] == shown(value):
            ctx["value"] = written  # the validator named it by `shown`: name it as written
        return text(kind, **ctx)
    if kind == "missing":
        hint = _hint(leaf, aliases)
        return text("value.missing_column" if in_sheet else "value.missing", hint=hint)
    if kind in {"string_type", "str_type"}:
        return text("value.not_text", value=named)
    if kind == "string_too_short":
        if ctx.get("min_length") == 1 or not value:
            return text("value.empty")
        return text("value.too_short", length=str(len(value)), min=str(ctx["min_length"]))
    if kind == "string_too_long":
        return text("value.too_long", length=str(len(value)), max=str(ctx["max_length"]))
    if kind in {"int_parsing", "int_type", "int_from_float"}:
        return text("value.not_whole", value=named)
    if kind in {"float_parsing", "float_type"}:
        return text("value.not_a_number", value=named)
    if kind in {"greater_than_equal", "greater_than"}:
        return text("value.too_small", value=named, limit=str(ctx.get("ge", ctx.get("gt"))))
    if kind in {"less_than_equal", "less_than"}:
        return text("value.too_large", value=named, limit=str(ctx.get("le", ctx.get("lt"))))
    if kind in {"list_type", "tuple_type"}:
        return text("value.not_list", value=named)
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return text("value.not_mapping", value=named)
    if kind in {"bool_parsing", "bool_type"}:
        return text("value.not_yes_no", value=named)
    if kind in {"date_type", "date_parsing", "date_from_datetime_parsing"}:
        return text("date.not_a_date", value=named)
    if kind == "enum":
        choices = _choices(str(ctx.get("expected", "")))
        return text("value.not_allowed", value=named, choices=choices)
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
