"""The workbook's key for reuse is what it shows: the same cells give the same key, any cell
shown differently gives another."""

from __future__ import annotations

from kipp.documents.workbook import KEY_ROWS, workbook_key
from kipp.documents.xlsx import Cell, Sheet, Workbook


def book(rows: list[tuple[Cell, ...]], title: str = "Hasil Seleksi") -> Workbook:
    return Workbook(title, [Sheet("Nilai", ("Judul", "Total"), rows)])


def test_two_workbooks_showing_the_same_cells_have_the_same_key() -> None:
    rows: list[tuple[Cell, ...]] = [("SI DAKE", 81.25), ("Labalw", None)]

    assert workbook_key(book(rows)) == workbook_key(book(list(rows)))


def test_a_cell_shown_differently_changes_the_key() -> None:
    base = workbook_key(book([("SI DAKE", 81.25)]))

    assert workbook_key(book([("SI DAKE", 81.5)])) != base
    assert workbook_key(book([("SI DAKE ", 81.25)])) != base
    assert workbook_key(book([("SI DAKE", 81.25)], title="Hasil")) != base
    assert workbook_key(book([("SI DAKE", 81.25), ("SI DAKE", 81.25)])) != base


def test_a_whole_number_and_the_same_as_a_decimal_have_different_keys() -> None:
    # a spreadsheet shows 1 and 1.0 alike, but they are typed differently in the file
    assert workbook_key(book([("A", 1)])) != workbook_key(book([("A", 1.0)]))


def test_rows_moved_across_the_hashing_chunks_change_the_key() -> None:
    rows: list[tuple[Cell, ...]] = [(f"P{i}", i) for i in range(KEY_ROWS + 1)]
    split = Workbook(
        "T", [Sheet("A", ("Judul", "N"), rows[:1]), Sheet("B", ("Judul", "N"), rows[1:])]
    )
    moved = Workbook(
        "T", [Sheet("A", ("Judul", "N"), rows[:2]), Sheet("B", ("Judul", "N"), rows[2:])]
    )

    assert workbook_key(split) != workbook_key(moved)


def test_a_text_that_is_not_valid_unicode_has_a_key() -> None:
    # a byte of a file name that was not text, kept as a lone surrogate until written
    assert len(workbook_key(book([("nama\udcff", 1)]))) == 64
