"""A start date with an impossible year (before 1900: a year written short, `0019` for 2019)
or with a time of day no clock shows (`25:00`) is refused, naming the value and the fix,
in every format; a real time of day from a spreadsheet export is still dropped."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from builders import FORM_HEADERS, form_row, load, only_entry, proposal_data, write_csv, yaml_text

from kipp.core.dates import EARLIEST_YEAR, DateFormatError, parse_date
from kipp.core.i18n import Lang, render
from kipp.core.models import CallChoices
from kipp.intake import Status

FIX_EN = "write the year with four digits, e.g. 2019-07-01"


@pytest.mark.parametrize(
    ("value", "english"),
    [
        ("0019-07-01", "'0019-07-01': the year 19 is too early, the earliest is 1900; " + FIX_EN),
        ("1 Juli 0001", "'1 Juli 0001': the year 1 is too early, the earliest is 1900; " + FIX_EN),
        ("01/07/0019", "'01/07/0019': the year 19 is too early, the earliest is 1900; " + FIX_EN),
        (
            "01/07/0019 00:00:00",
            "'01/07/0019 00:00:00': the year 19 is too early, the earliest is 1900; " + FIX_EN,
        ),
        ("31/12/1899", "'31/12/1899': the year 1899 is too early, the earliest is 1900; " + FIX_EN),
        (date(19, 7, 1), "'0019-07-01': the year 19 is too early, the earliest is 1900; " + FIX_EN),
        (
            datetime(1899, 12, 31, 8, 0),
            "'1899-12-31 08:00:00': the year 1899 is too early, the earliest is 1900; " + FIX_EN,
        ),
    ],
)
def test_a_year_before_1900_is_refused_naming_the_value_and_the_fix(
    value: object, english: str
) -> None:
    with pytest.raises(DateFormatError) as raised:
        parse_date(value)
    assert str(raised.value) == english


def test_a_year_before_1900_is_refused_in_indonesian_too() -> None:
    with pytest.raises(DateFormatError) as raised:
        parse_date("1 Juli 0019")
    assert render(raised.value.text, Lang.ID) == (
        "'1 Juli 0019': tahun 19 terlalu awal, tahun paling awal 1900; tulis tahunnya dengan "
        "empat angka, mis. 2019-07-01"
    )


def test_the_earliest_year_is_accepted() -> None:
    assert EARLIEST_YEAR == 1900
    assert parse_date("1 Januari 1900") == date(1900, 1, 1)
    assert parse_date(date(1900, 1, 1)) == date(1900, 1, 1)


@pytest.mark.parametrize(
    ("value", "time"),
    [
        ("2019-07-01T25:00:00", "25:00:00"),
        ("2019-07-01 24:00", "24:00"),
        ("2019-07-01 10:60", "10:60"),
        ("01/07/2019 10:30:61", "10:30:61"),
        ("2019-07-01 13:00:00 PM", "13:00:00 PM"),
        ("2019-07-01 0:30 AM", "0:30 AM"),
        ("2019-07-01T10:00:00+15:00", "10:00:00+15:00"),
        ("2019/07/01 9:14:37 AM GMT+25", "9:14:37 AM GMT+25"),
    ],
)
def test_a_date_time_whose_time_is_not_real_is_refused(value: str, time: str) -> None:
    with pytest.raises(DateFormatError) as raised:
        parse_date(value)
    assert str(raised.value) == (
        f"'{value}': {time} is not a real time of day; leave the time out and write the date "
        "alone, e.g. 2019-07-01"
    )
    assert render(raised.value.text, Lang.ID) == (
        f"'{value}': {time} bukan jam yang ada; hapus jamnya dan tulis tanggalnya saja, "
        "mis. 2019-07-01"
    )


@pytest.mark.parametrize(
    "value",
    [
        "2019-07-01 23:59:59",
        "2019-07-01 0:00",
        "2019-07-01 12:00:00 AM",
        "2019-07-01 11:59:59 PM",
        "2019-07-01T10:00:00+14:00",
        "2019-07-01T10:00:00.123456Z",
        "2019/07/01 9:14:37 AM GMT+7",
    ],
)
def test_a_real_time_of_day_is_still_dropped(value: str) -> None:
    assert parse_date(value) == date(2019, 7, 1)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "tanggal_mulai: 0019-07-01",  # unquoted: YAML reads it as a date of year 19
            "'0019-07-01': the year 19 is too early, the earliest is 1900; " + FIX_EN,
        ),
        (
            'tanggal_mulai: "1 Juli 0001"',
            "'1 Juli 0001': the year 1 is too early, the earliest is 1900; " + FIX_EN,
        ),
        (
            "tanggal_mulai: 2019-07-01T25:00:00",
            "'2019-07-01T25:00:00': 25:00:00 is not a real time of day; leave the time out "
            "and write the date alone, e.g. 2019-07-01",
        ),
    ],
)
def test_yaml_proposal_with_an_impossible_start_is_invalid(
    batch_dir: Path, choices: CallChoices, line: str, message: str
) -> None:
    data = proposal_data()
    del data["started_on"]
    path = batch_dir / "p.yaml"
    path.write_text(f"{line}\n{yaml_text(data)}", encoding="utf-8")

    entry = only_entry(load(batch_dir, choices))

    assert entry.status is Status.INVALID
    assert [p.render() for p in entry.problems] == [f"{path}:1: started_on: {message}"]


def test_csv_cell_with_a_short_year_is_invalid_at_its_cell(
    batch_dir: Path, choices: CallChoices
) -> None:
    path = write_csv(
        batch_dir, "form.csv", [FORM_HEADERS, form_row(**{"Tanggal Mulai": "01/07/0019"})]
    )

    entry = only_entry(load(batch_dir, choices))

    column = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[FORM_HEADERS.index("Tanggal Mulai")]
    assert entry.status is Status.INVALID
    assert [p.render() for p in entry.problems] == [
        f"{path}:2:{column}: started_on: '01/07/0019': the year 19 is too early, the "
        "earliest is 1900; " + FIX_EN
    ]
