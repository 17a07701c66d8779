"""Dates as agencies write them, and the messages for dates that are not."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from kipp.core.dates import DateFormatError, format_date_id, parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019-07-01", date(2019, 7, 1)),
        ("2019-7-1", date(2019, 7, 1)),
        ("1 Juli 2019", date(2019, 7, 1)),
        ("01 juli 2019", date(2019, 7, 1)),
        ("  1   JULI   2019 ", date(2019, 7, 1)),
        ("17 Agustus 2020", date(2020, 8, 17)),
        ("17 Agt 2020", date(2020, 8, 17)),
        ("17 Agst 2019", date(2019, 8, 17)),
        ("17 Agus. 2019", date(2019, 8, 17)),
        ("3 Nop 2020", date(2020, 11, 3)),
        ("3 Peb 2020", date(2020, 2, 3)),
        ("3 Nopember 2020", date(2020, 11, 3)),
        ("3 Pebruari 2020", date(2020, 2, 3)),
        ("1 Jul. 2019", date(2019, 7, 1)),
        ("1 July 2019", date(2019, 7, 1)),
        ("01/07/2019", date(2019, 7, 1)),
        ("1-7-2019", date(2019, 7, 1)),
        ("1.7.2019", date(2019, 7, 1)),
        ("29/02/2020", date(2020, 2, 29)),
    ],
)
def test_parse_date_accepts_written_forms(text: str, expected: date) -> None:
    assert parse_date(text) == expected


def test_parse_date_numeric_form_is_day_first() -> None:
    assert parse_date("02/03/2021") == date(2021, 3, 2)


def test_parse_date_takes_date_objects_as_they_are() -> None:
    assert parse_date(date(2019, 7, 1)) == date(2019, 7, 1)


def test_parse_date_drops_the_time_of_a_spreadsheet_datetime() -> None:
    assert parse_date(datetime(2019, 7, 1, 13, 45)) == date(2019, 7, 1)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "1 Julio 2019",
            "'1 Julio 2019': 'Julio' is not a month name; write it as 2019-07-01 or 1 Juli 2019",
        ),
        (
            "2019-13-01",
            "'2019-13-01' is not a real date: there is no month 13; "
            "write it as 2019-07-01 or 1 Juli 2019",
        ),
        ("2019-02-29", "'2019-02-29' is not a real date: February 2019 has 28 days"),
        ("31/04/2021", "'31/04/2021' is not a real date: April 2021 has 30 days"),
        ("0 Juli 2019", "'0 Juli 2019' is not a real date: July 2019 has 31 days"),
        (
            "0000-01-01",
            "'0000-01-01': the year 0 is too early, the earliest is 1900; "
            "write the year with four digits, e.g. 2019-07-01",
        ),
        ("Juli 2019", "'Juli 2019' is not a date; write it as 2019-07-01 or 1 Juli 2019"),
        ("07/2019", "'07/2019' is not a date; write it as 2019-07-01 or 1 Juli 2019"),
        ("", "'' is not a date; write it as 2019-07-01 or 1 Juli 2019"),
        (20190701, "20190701 is not a date; write it as 2019-07-01 or 1 Juli 2019"),
        (None, "null is not a date; write it as 2019-07-01 or 1 Juli 2019"),
    ],
)
def test_parse_date_refuses_with_a_message(value: object, message: str) -> None:
    with pytest.raises(DateFormatError) as raised:
        parse_date(value)
    assert str(raised.value) == message


def test_format_date_id_writes_the_indonesian_long_form() -> None:
    assert format_date_id(date(2019, 7, 1)) == "1 Juli 2019"


def test_format_date_id_round_trips_through_parse_date() -> None:
    day = date(2022, 12, 31)
    assert parse_date(format_date_id(day)) == day


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2018-09-10 00:00:00", date(2018, 9, 10)),
        ("2018-09-10 14:30", date(2018, 9, 10)),
        ("2018-09-10T00:00:00Z", date(2018, 9, 10)),
        ("2022-04-20T02:00:07+00:00", date(2022, 4, 20)),
        ("10/09/2018 0:00:00", date(2018, 9, 10)),
        ("2018/09/10 9:14:37 AM GMT+7", date(2018, 9, 10)),
        ("10-09-2018", date(2018, 9, 10)),
        ("10/09/2018", date(2018, 9, 10)),
        ("2018/09/10", date(2018, 9, 10)),
    ],
)
def test_parse_date_reads_spreadsheet_exports_with_a_time_as_their_day(
    text: str, expected: date
) -> None:
    assert parse_date(text) == expected


def test_parse_date_with_a_time_names_the_value_as_written() -> None:
    with pytest.raises(DateFormatError) as raised:
        parse_date("2018-02-30 00:00:00")
    assert str(raised.value) == (
        "'2018-02-30 00:00:00' is not a real date: February 2018 has 28 days"
    )


def test_parse_date_a_time_alone_is_not_a_date() -> None:
    with pytest.raises(DateFormatError) as raised:
        parse_date("09:14:37")
    assert str(raised.value) == ("'09:14:37' is not a date; write it as 2019-07-01 or 1 Juli 2019")
