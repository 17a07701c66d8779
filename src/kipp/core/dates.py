"""Dates as agencies write them: ISO `2019-07-01`, `1 Juli 2019`, `01/07/2019` (day first),
and as spreadsheets export them, with a time of day (`2019-07-01 00:00:00`, `01/07/2019
0:00:00`, `2019-07-01T00:00:00Z`): the time is dropped, as it is from a date cell, once it
is checked to be a real time (`25:00` is refused, not dropped). A year before
`EARLIEST_YEAR` is refused: it is a year written short (`0019` for 2019), never a date a
proposal means."""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime

from kipp.core.i18n import MONTH_NAMES_ID, Lang, Text, render, text
from kipp.core.validation import shown

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

__all__ = [
    "EARLIEST_YEAR",
    "MONTHS",
    "MONTH_NAMES_ID",
    "DateFormatError",
    "format_date_id",
    "parse_date",
]

EARLIEST_YEAR = 1900
"""No date before this year is one a proposal means: the spreadsheets' date systems start in
1900, and a public-service innovation in operation is far younger; an earlier year is one
written short (`0019-07-01`, `1 Juli 0019` for 2019)."""

_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_LONG = re.compile(r"^(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})$")
_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
# a time of day after a numeric date: `00:00:00`, `9:14:37 AM GMT+7`, `T02:00:07+00:00`
_TIME = re.compile(
    r"^(?P<date>[\d/.\-]+)(?:\s+|T)(?P<time>(?P<hour>\d{1,2})[:.](?P<minute>\d{2})"
    r"(?:[:.](?P<second>\d{2})(?:[.,]\d+)?)?(?:\s*(?P<half>[AP]M))?"
    r"(?:\s*(?:Z|(?P<offset>[+-]\d{2}:?\d{2})|(?:GMT|UTC)(?P<gmt>[+-]\d{1,2}(?::?\d{2})?)?"
    r"|WIB|WITA|WIT))?)$",
    re.IGNORECASE,
)
_OFFSET = re.compile(r"^[+-](\d{1,2}):?(\d{2})?$")


class DateFormatError(ValueError):
    """A value that is not a date in any accepted form; `text` says what was wrong (its
    English rendering is the exception's text)."""

    def __init__(self, message: Text) -> None:
        super().__init__(render(message, Lang.EN))
        self.text = message


def parse_date(value: object) -> date:
    """Read a date from a date, a spreadsheet datetime, or text in an accepted form."""
    if isinstance(value, date):  # a datetime too: its time is a real one
        if value.year < EARLIEST_YEAR:
            raise _too_early(str(shown(value)), value.year)
        return value.date() if isinstance(value, datetime) else value
    if not isinstance(value, str):
        raise DateFormatError(text("date.not_a_date", value=shown(value)))
    written = shown_as = " ".join(value.split())
    if (timed := _TIME.match(written)) and (
        _ISO.match(timed["date"]) or _NUMERIC.match(timed["date"])
    ):
        written = timed["date"]
    if m := _ISO.match(written):
        day = _build(shown_as, int(m[1]), int(m[2]), int(m[3]))
    elif m := _NUMERIC.match(written):
        day = _build(shown_as, int(m[3]), int(m[2]), int(m[1]))
    elif m := _LONG.match(written):
        month = MONTHS.get(m[2].lower())
        if month is None:
            raise DateFormatError(text("date.no_month_name", value=written, month=m[2]))
        return _build(written, int(m[3]), month, int(m[1]))
    else:
        raise DateFormatError(text("date.not_a_date", value=f"'{written}'"))
    if timed is not None and written == timed["date"] and not _real_time(timed):
        raise DateFormatError(text("date.no_time", value=shown_as, time=timed["time"]))
    return day


def _real_time(timed: re.Match[str]) -> bool:
    """Whether the time of day of a date-time is one a clock shows: hours 0 to 23 (1 to 12
    with AM/PM), minutes and seconds 0 to 59, an offset from UTC of at most 14 hours."""
    hour, minute = int(timed["hour"]), int(timed["minute"])
    second = int(timed["second"] or 0)
    hours_ok = 1 <= hour <= 12 if timed["half"] else hour <= 23
    offset = _OFFSET.match(timed["offset"] or timed["gmt"] or "+00")
    offset_ok = offset is not None and int(offset[1]) <= 14 and int(offset[2] or 0) <= 59
    return hours_ok and minute <= 59 and second <= 59 and offset_ok


def _too_early(written: str, year: int) -> DateFormatError:
    return DateFormatError(text("date.too_early", value=written, year=year, earliest=EARLIEST_YEAR))


def _build(written: str, year: int, month: int, day: int) -> date:
    if year < EARLIEST_YEAR:  # year 0 too, which `date` cannot hold
        raise _too_early(written, year)
    if not 1 <= month <= 12:
        raise DateFormatError(text("date.no_month", value=written, month=month))
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise DateFormatError(
            text(
                "date.no_day",
                value=written,
                month=text(f"date.month.{month}"),
                year=year,
                days=last,
            )
        )
    return date(year, month, day)


def format_date_id(value: date) -> str:
    """`2019-07-01` -> `1 Juli 2019`."""
    return f"{value.day} {MONTH_NAMES_ID[value.month]} {value.year}"
