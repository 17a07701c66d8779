"""The Indonesian message patterns stay linear on long messages built to make them backtrack.

Messages carry what users wrote (keys, agency names, cell values, sheet titles), so a message
can repeat the literal parts of a pattern many times without matching it. A pattern with two
or three unbounded values used to try every way of splitting such a message: an 'x' names
both 'y' and ' ... message of 10,000 characters took seconds, of 45 KB minutes. No time is
asserted here (machines are noisy); the inputs are built so that a pattern gone back to
backtracking makes these tests hang rather than pass.
"""

from __future__ import annotations

import pytest

from kipp.core.validation import (
    _COMPILED_ID,
    MAX_TRANSLATED_LENGTH,
    in_indonesian,
    is_translated,
)

_AGENCY_ONLY = "; a name or alias may belong to one agency only"

# (start, fragment repeated after it): each repeats the literals between the values of one
# pattern with more than one unbounded value, and never ends as the pattern does.
ADVERSARIAL = {
    "names both, interleaved": ("'", "x' names both 'y' and '"),
    "names both, dense": ("'", "' names both '' and '"),
    "given twice": ("given twice, as '", "x' and as '"),
    "not a score on the scale": ("", "'x' is not a score on the scale ;"),
    "file over the limit": ("file is ", "x, over the  limit for this kind of file;"),
    "workbook over the limit": ("workbook unpacks to ", "x, over the  limit;"),
    "sheet could not be read": ("sheet '", "x' could not be read ())"),
}


def _repeated(start: str, fragment: str, length: int) -> str:
    return start + fragment * ((length - len(start)) // len(fragment))


@pytest.mark.parametrize(("start", "fragment"), ADVERSARIAL.values(), ids=list(ADVERSARIAL))
def test_a_long_message_repeating_a_patterns_parts_is_shown_as_written(
    start: str, fragment: str
) -> None:
    message = _repeated(start, fragment, MAX_TRANSLATED_LENGTH)
    assert len(message) > MAX_TRANSLATED_LENGTH - len(fragment)  # just under the cap

    assert in_indonesian(message) == message
    assert not is_translated(message)


@pytest.mark.parametrize(("start", "fragment"), ADVERSARIAL.values(), ids=list(ADVERSARIAL))
def test_every_pattern_fails_a_50_kb_repetition_of_its_parts_without_the_length_cap(
    start: str, fragment: str
) -> None:
    # the cap is a second line of defence: the patterns themselves must not backtrack
    message = _repeated(start, fragment, 50_000)

    assert not any(pattern.fullmatch(message) for pattern, _ in _COMPILED_ID)


def test_a_message_over_the_length_cap_comes_back_as_written() -> None:
    same = "; each proposal needs its own title (the same innovation is proposed once)"
    paths = ", ".join(f"batch/form.xlsx#{row}" for row in range(2, 2000))
    over = f"same title as {paths}{same}"
    assert len(over) > MAX_TRANSLATED_LENGTH

    assert in_indonesian(over) == over
    assert not is_translated(over)


def test_a_long_message_under_the_length_cap_is_still_translated() -> None:
    # a title shared by a few hundred rows of an export: well above any ordinary message
    paths = ", ".join(f"batch/form.xlsx#{row}" for row in range(2, 400))
    message = f"same title as {paths}; each proposal needs its own title"
    assert 5_000 < len(message) <= MAX_TRANSLATED_LENGTH

    assert in_indonesian(message) == (
        f"judul sama dengan {paths}; setiap proposal perlu judul sendiri"
    )


@pytest.mark.parametrize(
    ("english", "indonesian"),
    [
        (
            "'Jum'at' names both 'Dinas Jum'at Bersih' and 'Dinas O'Neil'" + _AGENCY_ONLY,
            "'Jum'at' menamai 'Dinas Jum'at Bersih' sekaligus 'Dinas O'Neil'; satu nama atau "
            "alias hanya boleh milik satu instansi",
        ),
        (
            "given twice, as 'jum'at' and as 'Jum'at'; keep one",
            "ditulis dua kali, sebagai 'jum'at' dan sebagai 'Jum'at'; pertahankan satu",
        ),
        (
            "sheet 'Jum'at' could not be read (KeyError: 'x'); export it again",
            "lembar 'Jum'at' tidak dapat dibaca (KeyError: 'x'); ekspor ulang",
        ),
        (
            "only the first sheet ('Jum'at') is read; sheets not read: 'Sabtu'",
            "hanya lembar pertama ('Jum'at') yang dibaca; lembar yang tidak dibaca: 'Sabtu'",
        ),
        (
            "'Gerakan Jum'at Bersih' is not a score on the scale 1 to 5; give a whole number "
            "from 1 to 5",
            "'Gerakan Jum'at Bersih' bukan nilai pada skala 1 sampai 5; berikan bilangan bulat "
            "dari 1 sampai 5",
        ),
        (
            "'Gerakan Jum'at Bersih' should be text",
            "'Gerakan Jum'at Bersih' harus berupa teks",
        ),
        (
            "file is 25.0 MB, over the 20.0 MB limit for this kind of file; split it, or "
            "raise the limit with --max-file-mb",
            "berkas berukuran 25,0 MB, melebihi batas 20,0 MB untuk jenis berkas ini; pecah "
            "berkasnya, atau naikkan batasnya dengan --max-file-mb",
        ),
        (
            "workbook unpacks to 300.0 MB, over the 200.0 MB limit; split the export",
            "buku kerja berukuran 300,0 MB setelah diekstrak, melebihi batas 200,0 MB; pecah "
            "ekspornya",
        ),
    ],
)
def test_values_with_apostrophes_still_translate(english: str, indonesian: str) -> None:
    assert in_indonesian(english) == indonesian
    assert is_translated(english)
