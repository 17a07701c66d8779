"""Every sentence a run writes for people, in Bahasa Indonesia and English.

Domain code returns `Text` (a catalogue key and its parameters), never a finished sentence,
so one run can be rendered in either language. Numbers and dates are formatted per language
(Indonesian: `1.250`, `0,42`, `1 Juli 2019`).
"""

from __future__ import annotations

import functools
import string
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer

from kipp.core.catalogue import CATALOGUE

MONTH_NAMES_ID = [
    "", "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
]  # fmt: skip


class Lang(StrEnum):
    """Output languages."""

    ID = "id"
    EN = "en"


class Text(BaseModel):
    """A sentence to be rendered later in the run's language. Parameters may themselves be
    `Text` (a translated label inside a sentence) or lists of them."""

    model_config = ConfigDict(frozen=True)

    key: str
    params: dict[str, Param] = Field(default_factory=dict)


def _tagged_date(value: Any) -> Any:
    """`{"date": "2019-07-01"}` (a date as results.json holds it) back to a `date`."""
    if isinstance(value, dict) and set(value) == {"date"} and isinstance(value["date"], str):
        return date.fromisoformat(value["date"])
    return value


# A date parameter is written to JSON tagged (`{"date": "2019-07-01"}`), so that reading
# results.json back gives a `date` again (rendered `1 Juli 2019`), not the text of one.
DateParam = Annotated[
    date,
    BeforeValidator(_tagged_date),
    PlainSerializer(lambda value: {"date": value.isoformat()}, when_used="json"),
]
Param = str | int | float | DateParam | Text | list[Text] | list[str] | list[float]
Text.model_rebuild()


def text(key: str, /, **params: Param) -> Text:
    """Build a `Text`, checking the key exists so a typo fails where it is made."""
    if key not in CATALOGUE:
        raise KeyError(f"no catalogue entry '{key}'")
    return Text(key=key, params=params)


_MONTHS_EN = [
    "", "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip


def format_number(value: float, lang: Lang, decimals: int | None = None) -> str:
    """`1250.5` -> `1.250,5` (id) or `1,250.5` (en); whole numbers without decimals."""
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 2
    english = f"{value:,.{decimals}f}"
    if lang is Lang.EN:
        return english
    return english.translate(_ID_NUMBER)


_ID_NUMBER = str.maketrans({",": ".", ".": ","})  # `1,250.5` -> `1.250,5`


def format_date(value: date, lang: Lang) -> str:
    """`1 Juli 2019` / `1 July 2019`."""
    months = MONTH_NAMES_ID if lang is Lang.ID else _MONTHS_EN
    return f"{value.day} {months[value.month]} {value.year}"


def _utc_offset(offset: timedelta) -> str:
    """`UTC`, `UTC+7`, `UTC+5:30`, `UTC-3`."""
    minutes = int(offset.total_seconds()) // 60
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def format_datetime(value: datetime, lang: Lang) -> str:
    """`20 April 2022 pukul 09.00 UTC+7` (id) / `20 April 2022 at 09:00 UTC+7` (en): the day
    and the time of day in the value's own time zone, named by its offset when it has one."""
    day = format_date(value.date(), lang)
    if lang is Lang.ID:
        when = f"{day} pukul {value.hour:02d}.{value.minute:02d}"
    else:
        when = f"{day} at {value.hour:02d}:{value.minute:02d}"
    offset = value.utcoffset()
    return when if offset is None else f"{when} {_utc_offset(offset)}"


def format_timestamp(stamp: str, lang: Lang) -> str:
    """An ISO 8601 date or date and time (`2022-04-20`, `2022-04-20T02:00:07+00:00`) in
    `lang`'s form; anything else as written (a value a person typed is shown, not lost)."""
    text = stamp.strip()
    try:
        if "T" not in text and " " not in text:
            return format_date(date.fromisoformat(text), lang)
        return format_datetime(datetime.fromisoformat(text), lang)
    except ValueError:
        return stamp


def _format(value: Param, lang: Lang) -> str:
    if type(value) is str:  # the most common parameter, shown as it is
        return value
    if isinstance(value, Text):
        return render(value, lang)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, date):
        return format_date(value, lang)
    if isinstance(value, int):
        return format_number(value, lang)
    if isinstance(value, float):
        return format_number(value, lang)
    if isinstance(value, list):
        numbers = all(isinstance(item, float) for item in value)
        return ("; " if numbers and lang is Lang.ID else ", ").join(
            _format(item, lang) for item in value
        )
    return value


class _Formatter(string.Formatter):
    """`str.format` with three additions:

    - a count and its noun: `{n:p:file/files}` gives `1 file`, `2 files` (`{n:p:berkas}`: one
      form for every number, as in Indonesian); the number is formatted for the language
      like every other, or shown as written when given as digits (`"1500"`);
    - a list joined by a separator of the template's choosing: `{items:j:; }`, `{lines:j:\n}`
      (a list is otherwise joined with `, `);
    - a number in a Python format (`{n:d}`: digits without grouping, `{x:.1f}`, `{x:g}`),
      its decimal point and grouping then written as the language writes them."""

    def __init__(self, lang: Lang) -> None:
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec == "":
            return _format(value, self.lang)
        if format_spec.startswith("p:"):
            one, _, many = format_spec[2:].partition("/")
            noun = one if value in (1, "1") or not many else many
            return f"{_format(value, self.lang)} {noun}"
        if format_spec.startswith("j:"):
            return format_spec[2:].join(_format(item, self.lang) for item in value)
        english = format(value, format_spec)
        if self.lang is Lang.EN or not isinstance(value, int | float):
            return english
        return english.translate(_ID_NUMBER)


_FORMATTERS = {lang: _Formatter(lang) for lang in Lang}  # they hold nothing but the language


Slot = tuple[str, str | None, str, tuple[tuple[str, str | None, str], ...] | None]
Fields = tuple[Slot, ...]


def _parts(template: str) -> list[tuple[str, str | None, str]] | None:
    """(literal text, parameter name, format) of each plain named field; None when a field
    uses more of `str.format` (an index, an attribute, a conversion)."""
    parts = []
    for literal, name, spec, conversion in string.Formatter().parse(template):
        if name is not None and (not name.isidentifier() or conversion is not None):
            return None
        parts.append((literal, name, spec or ""))
    return parts


@functools.cache
def _fields(template: str) -> Fields | None:
    """A template cut into (literal text, parameter name, format, the format's own fields)
    once, so a sentence rendered thousands of times is parsed once. A format may hold named
    fields of its own (`{score:.{places}f}`), filled before it is used, as `str.format` does;
    None for a template that uses more of `str.format` (rendered by `string.Formatter`)."""
    parts = _parts(template)
    if parts is None:
        return None
    fields: list[Slot] = []
    for literal, name, spec in parts:
        nested = None
        if "{" in spec:
            inner = _parts(spec)
            if inner is None or any("{" in s or "}" in s for _, _, s in inner):
                return None
            nested = tuple(inner)
        fields.append((literal, name, spec, nested))
    return tuple(fields)


def _fill(template: str, params: Mapping[str, Any], lang: Lang) -> str:
    formatter = _FORMATTERS[lang]
    fields = _fields(template)
    if fields is None:
        return formatter.vformat(template, (), params)
    if len(fields) == 1 and fields[0][1] is None:  # no parameter
        return fields[0][0]
    out = []
    for literal, name, spec, nested in fields:
        out.append(literal)
        if name is not None:
            if nested is not None:  # the format's own fields, formatted as `str.format` does
                pieces = []
                for part, key, inner in nested:
                    pieces.append(part)
                    if key is not None:
                        pieces.append(formatter.format_field(params[key], inner))
                spec = "".join(pieces)
            out.append(formatter.format_field(params[name], spec))
    return "".join(out)


def render(item: Text, lang: Lang) -> str:
    """The sentence in `lang`, with its parameters formatted for that language."""
    return _fill(CATALOGUE[item.key][lang.value], item.params, lang)


_PLAIN = (str, int, float)  # parameters a `Text` keeps as they are (not bool: it reads as int)


def tr(key: str, lang: Lang, /, **params: Any) -> str:
    """Shortcut: render a catalogue entry directly (labels, headings). The same as
    `render(text(key, **params), lang)`, without building the `Text` when every parameter
    is already what a `Text` would hold."""
    if all(type(v) in _PLAIN or isinstance(v, Text) for v in params.values()):
        if key not in CATALOGUE:
            raise KeyError(f"no catalogue entry '{key}'")
        return _fill(CATALOGUE[key][lang.value], params, lang)
    return render(text(key, **params), lang)
