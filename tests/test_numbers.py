"""Figures as people write them: each kind read its own way, a figure that could mean two
refused, and a number written the Indonesian or the English way read back or refused, never
misread (property tests over kipp's own number formatting)."""

from __future__ import annotations

import pickle
from decimal import Decimal
from typing import Any

import pytest
from builders import said
from hypothesis import given
from hypothesis import strategies as st

from kipp.core.i18n import Lang, format_number
from kipp.core.numbers import (
    Kind,
    NumberError,
    WrittenFloat,
    WrittenInt,
    as_written,
    read_figure,
    written_text,
)


def refusal(value: Any, kind: Kind, lang: Lang = Lang.EN) -> str:
    """The message `read_figure` refuses `value` with, in `lang`."""
    with pytest.raises(NumberError) as raised:
        read_figure(value, kind)
    return said(raised.value.text, lang)


def read_or_refused(value: str, kind: Kind) -> float | None:
    """The figure `value` reads as, or None when it is refused."""
    try:
        figure: float = read_figure(value, kind)
    except NumberError:
        return None
    return figure


# --- reading each kind -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "kind", "expected"),
    [
        ("4.870", Kind.COUNT, 4870.0),
        ("4,870", Kind.COUNT, 4870.0),
        ("4.000", Kind.COUNT, 4000.0),
        ("1.250.000", Kind.COUNT, 1250000.0),
        ("1930.0", Kind.COUNT, 1930.0),
        ("4.870 orang", Kind.COUNT, 4870.0),
        ("12 rb", Kind.COUNT, 12000.0),
        ("1,5 juta", Kind.COUNT, 1500000.0),
        ("1e3", Kind.COUNT, 1000.0),
        ("Rp 1.250.000", Kind.MONEY, 1250000.0),
        ("Rp. 150.000,00", Kind.MONEY, 150000.0),
        ("Rp 150.000,-", Kind.MONEY, 150000.0),
        ("IDR 4,870", Kind.MONEY, 4870.0),
        ("1,5 juta", Kind.MONEY, 1500000.0),
        ("2.5 jt", Kind.MONEY, 2500000.0),
        ("1,2 M", Kind.MONEY, 1200000000.0),
        ("2 miliar", Kind.MONEY, 2000000000.0),
        ("15K", Kind.MONEY, 15000.0),
        ("50.000,50", Kind.MONEY, 50000.5),
        ("4.50", Kind.MONEY, 4.5),
        ("72,4", Kind.SCORE, 72.4),
        ("72.4", Kind.SCORE, 72.4),
        ("72.400", Kind.SCORE, 72.4),
        ("0.875", Kind.SCORE, 0.875),
        ("85%", Kind.SCORE, 85.0),
        ("4,5", Kind.HOURS, 4.5),
        ("0.5", Kind.HOURS, 0.5),
        ("1,5 jam", Kind.HOURS, 1.5),
        ("336", Kind.HOURS, 336.0),
        ("1 200", Kind.HOURS, 1200.0),
    ],
)
def test_read_figure_reads_each_kind_as_people_write_it(
    written: str, kind: Kind, expected: float
) -> None:
    assert read_figure(written, kind) == expected


def test_read_figure_yaml_number_read_from_the_text_it_was_written_as() -> None:
    assert read_figure(WrittenFloat(4.87, "4.870"), Kind.COUNT) == 4870.0
    assert read_figure(WrittenFloat(72.4, "72.4"), Kind.SCORE) == 72.4
    assert read_figure(WrittenInt(493, "0755"), Kind.COUNT) == 755.0


def test_read_figure_spreadsheet_number_taken_as_typed() -> None:
    assert read_figure(4870, Kind.COUNT) == 4870.0
    assert read_figure(4.87, Kind.MONEY) == 4.87
    assert read_figure(88.3, Kind.SCORE) == 88.3


def test_read_figure_other_types_left_for_validation_to_name() -> None:
    assert read_figure(["4.870"], Kind.COUNT) == ["4.870"]
    assert read_figure(None, Kind.COUNT) is None


def test_read_figure_negative_kept_for_the_range_check() -> None:
    assert read_figure("-3", Kind.COUNT) == -3.0


# --- refusals ---------------------------------------------------------------------------


def test_read_figure_count_with_a_fraction_refused() -> None:
    assert refusal("4,87", Kind.COUNT) == (
        "'4,87' is not a whole number; a count has no fractions: write e.g. 4870 or 4.870"
    )
    assert refusal(4.87, Kind.COUNT, Lang.ID) == (
        "'4.87' bukan bilangan bulat; jumlah ditulis tanpa pecahan, mis. 4870 atau 4.870"
    )


def test_read_figure_hours_that_could_mean_two_refused_naming_both() -> None:
    assert refusal("1.250", Kind.HOURS) == (
        "'1.250' could mean 1250 or 1.25; so that it cannot be misread, write 1250 "
        "(no thousands separator) or 1.25"
    )
    assert refusal("1.250", Kind.HOURS, Lang.ID) == (
        "'1.250' bisa berarti 1250 atau 1,25; agar tidak keliru dibaca, tulis 1250 "
        "(tanpa pemisah ribuan) atau 1,25"
    )


def test_read_figure_millions_that_could_mean_two_refused() -> None:
    assert refusal("1.500 juta", Kind.MONEY) == (
        "'1.500 juta' could mean 1500000000 or 1500000; so that it cannot be misread, write "
        "1500000000 (no thousands separator) or 1500000"
    )


def test_read_figure_money_with_more_than_sen_refused() -> None:
    assert refusal("4,8705", Kind.MONEY) == (
        "'4,8705' has more than two decimal places; write rupiah with at most two for sen, "
        "e.g. 150.000 or 150.000,50"
    )


@pytest.mark.parametrize(
    ("written", "kind", "message"),
    [
        (
            "Rp 5.000",
            Kind.COUNT,
            "'Rp 5.000': 'Rp' does not belong in a count (people, complaints); write the number "
            "alone, e.g. 4.870",
        ),
        (
            "85%",
            Kind.MONEY,
            "'85%': '%' does not belong in an amount in rupiah; write the number alone, "
            "e.g. Rp 150.000",
        ),
        (
            "2 jt",
            Kind.HOURS,
            "'2 jt': 'jt' does not belong in a time in hours; write the number alone, e.g. 1,5",
        ),
        (
            "1 ribu",
            Kind.SCORE,
            "'1 ribu': 'ribu' does not belong in a score from 0 to 100; write the number alone, "
            "e.g. 72,4",
        ),
    ],
)
def test_read_figure_word_of_another_kind_refused_naming_it(
    written: str, kind: Kind, message: str
) -> None:
    assert refusal(written, kind) == message


def test_read_figure_word_of_another_kind_refused_in_indonesian() -> None:
    assert refusal("Rp 5.000", Kind.COUNT, Lang.ID) == (
        "'Rp 5.000': 'Rp' tidak dipakai untuk jumlah (orang, pengaduan); tulis angkanya saja, "
        "mis. 4.870"
    )


@pytest.mark.parametrize("written", ["banyak", "nan", "inf", "1.25.000", "1:30", "1,5 m", "", "Rp"])
def test_read_figure_text_that_is_no_number_refused(written: str) -> None:
    assert refusal(written, Kind.MONEY if written == "Rp" else Kind.COUNT) == (
        f"'{written}' is not a number; write digits, e.g. 1250"
    )


def test_read_figure_a_yes_or_no_is_no_number() -> None:
    assert refusal(True, Kind.COUNT) == "true is not a number; write digits, e.g. 1250"


# --- numbers that remember their text ---------------------------------------------------


def test_as_written_keeps_the_text_and_the_value() -> None:
    number = as_written(4.87, "4.870 ")
    assert (number, str(number), repr(number), written_text(number)) == (
        4.87,
        "4.870",
        "4.870",
        "4.870",
    )
    assert written_text(as_written(12, "012")) == "012"
    assert as_written(True, "yes") is True
    assert as_written("teks", "teks") == "teks"
    assert written_text(4.87) is None


def test_written_numbers_survive_pickling() -> None:
    again = pickle.loads(pickle.dumps([WrittenFloat(4.87, "4.870"), WrittenInt(7, "007")]))
    assert [(x, written_text(x)) for x in again] == [(4.87, "4.870"), (7, "007")]


# --- properties: written the Indonesian or the English way, read back or refused ---------

LANGS = st.sampled_from([Lang.ID, Lang.EN])


@given(st.integers(min_value=0, max_value=10**12), LANGS)
def test_property_count_written_either_way_reads_back(count: int, lang: Lang) -> None:
    assert read_figure(format_number(count, lang), Kind.COUNT) == count
    assert read_figure(str(count), Kind.COUNT) == count


@given(st.integers(min_value=0, max_value=10**9), st.integers(1, 9), st.integers(0, 9), LANGS)
def test_property_count_with_a_fraction_refused_either_way(
    whole: int, tenths: int, hundredths: int, lang: Lang
) -> None:
    for value, decimals in ((whole + tenths / 10, 1), (whole + tenths / 10 + hundredths / 100, 2)):
        assert read_or_refused(format_number(value, lang, decimals), Kind.COUNT) is None


@given(st.integers(min_value=0, max_value=10**13), LANGS, st.booleans())
def test_property_money_written_either_way_reads_back(cents: int, lang: Lang, rp: bool) -> None:
    value = cents / 100
    written = format_number(value, lang, 0 if cents % 100 == 0 else 2)
    assert read_figure(f"Rp {written}" if rp else written, Kind.MONEY) == value


def exact(top: int) -> st.SearchStrategy[tuple[int, float]]:
    """A number of decimals (0 to 3) and a value of at most `top` exact at that many."""
    return st.sampled_from([0, 1, 2, 3]).flatmap(
        lambda decimals: st.tuples(
            st.just(decimals),
            st.integers(0, top * 10**decimals).map(lambda n: float(Decimal(n).scaleb(-decimals))),
        )
    )


@given(exact(100), LANGS)
def test_property_score_written_either_way_reads_back(
    written_as: tuple[int, float], lang: Lang
) -> None:
    decimals, value = written_as
    assert read_figure(format_number(value, lang, decimals), Kind.SCORE) == value


@given(exact(100_000), LANGS)
def test_property_hours_written_either_way_read_back_or_refused(
    written_as: tuple[int, float], lang: Lang
) -> None:
    decimals, value = written_as
    written = format_number(value, lang, decimals)
    assert read_or_refused(written, Kind.HOURS) in (value, None)
    if decimals in (1, 2):  # a decimal part of one or two digits is never a thousands group
        assert read_figure(written, Kind.HOURS) == value


@given(
    st.integers(min_value=1, max_value=999),
    st.integers(min_value=0, max_value=999),
    st.sampled_from([".", ","]),
)
def test_property_three_digits_after_a_mark_never_silently_guessed_for_hours(
    head: int, tail: int, mark: str
) -> None:
    written = f"{head}{mark}{tail:03d}"
    thousands, decimal = float(head * 1000 + tail), float(Decimal(f"{head}.{tail:03d}"))
    result = read_or_refused(written, Kind.HOURS)
    assert result is None or thousands == decimal
