"""Dates as agencies write them: ISO `2019-07-01`, `1 Juli 2019`, `01/07/2019` (day first),
and as spreadsheets export them, with a time of day (`2019-07-01 00:00:00`, `01/07/2019
0:00:00`, `2019-07-01T00:00:00Z`): the time is dropped, as it is from a date cell."""

from __future__ import annotations

import calendar
import re
from datetime import MINYEAR, date, datetime

from kipp.core.i18n import MONTH_NAMES_ID, Lang, Text, render, text

MONTHS: dict[str, int] = {
    "januari": 1, "jan": 1, "january": 1,
    "februari": 2, "feb": 2, "pebruari": 2, "peb": 2, "february": 2,
    "maret": 3, "mar": 3, "march": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "agustus": 8, "agu": 8, "agt": 8, "ags": 8, "agst": 8, "agus": 8, "aug": 8, "august": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "oct": 10, "october": 10,
    "november": 11, "nov": 11, "nopember": 11, "nop": 11,
    "desember": 12, "des": 12, "dec": 12, "december": 12,
}  # fmt: skip

__all__ = ["MONTHS", "MONTH_NAMES_ID", "DateFormatError", "format_date_id", "parse_date"]

_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_LONG = re.compile(r"^(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})$")
_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
# a time of day after a numeric date: `00:00:00`, `9:14:37 AM GMT+7`, `T02:00:07+00:00`
_TIME = re.compile(
    r"^(?P<date>[\d/.\-]+)(?:\s+|T)\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:[.,]\d+)?)?"
    r"(?:\s*(?:[AP]M))?(?:\s*(?:Z|[+-]\d{2}:?\d{2}|(?:GMT|UTC)(?:[+-]\d{1,2}(?::?\d{2})?)?"
    r"|WIB|WITA|WIT))?$",
    re.IGNORECASE,
)


class DateFormatError(ValueError):
    """A value that is not a date in any accepted form; `text` says what was wrong (its
    English rendering is the exception's text)."""

    def __init__(self, message: Text) -> None:
        super().__init__(render(message, Lang.EN))
        self.text = message


def parse_date(value: object) -> date:
    """Read a date from a date, a spreadsheet datetime, or text in an accepted form."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise DateFormatError(text("date.not_a_date", value=repr(value)))
    written = shown = " ".join(value.split())
    if (timed := _TIME.match(written)) and (
        _ISO.match(timed["date"]) or _NUMERIC.match(timed["date"])
    ):
        written = timed["date"]
    if m := _ISO.match(written):
        return _build(shown, int(m[1]), int(m[2]), int(m[3]))
    if m := _NUMERIC.match(written):
        return _build(shown, int(m[3]), int(m[2]), int(m[1]))
    if m := _LONG.match(written):
        month = MONTHS.get(m[2].lower())
        if month is None:
            raise DateFormatError(text("date.no_month_name", value=written, month=m[2]))
        return _build(written, int(m[3]), month, int(m[1]))
    raise DateFormatError(text("date.not_a_date", value=f"'{written}'"))


def _build(written: str, year: int, month: int, day: int) -> date:
    if year < MINYEAR:  # `date` cannot hold year 0; say so instead of raising ValueError
        raise DateFormatError(text("date.no_year", value=written, year=year))
    if not 1 <= month <= 12:
        raise DateFormatError(text("date.no_month", value=written, month=month))
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise DateFormatError(
            text(
                "date.no_day",
                value=written,
                month=MONTH_NAMES_ID[month],
                year=year,
                days=last,
            )
        )
    return date(year, month, day)


def format_date_id(value: date) -> str:
    """`2019-07-01` -> `1 Juli 2019`."""
    return f"{value.day} {MONTH_NAMES_ID[value.month]} {value.year}"
