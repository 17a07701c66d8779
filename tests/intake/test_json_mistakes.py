"""A file that is not JSON is told what is wrong in kipp's words, in the reader's language,
at the line where the mistake was made: never in the json module's English. Every message
the json module raises (its Python decoder and its C scanner) maps to one of kipp's
sentences."""

from __future__ import annotations

import json
import json.decoder
import json.scanner
from pathlib import Path
from typing import Any

import pytest
from builders import load, only_entry, write_json

from kipp.core.catalogue import CATALOGUE
from kipp.core.i18n import Lang
from kipp.core.models import CallChoices
from kipp.intake.json_loader import json_mistake, json_problem

TRAILING_COMMA = (
    "bukan JSON yang sah: koma sebelum } atau ] penutup; hapus koma setelah isian atau butir "
    "terakhir"
)


def problems(batch_dir: Path, choices: CallChoices, source: str, lang: Lang = Lang.ID) -> list[str]:
    """The problems of one JSON proposal as a person reads them in `lang`, without the path."""
    path = write_json(batch_dir, "p.json", source)
    entry = only_entry(load(batch_dir, choices))
    return [problem.render(lang).removeprefix(str(path)) for problem in entry.problems]


def test_json_trailing_comma_in_an_object_located_at_the_comma(
    batch_dir: Path, choices: CallChoices
) -> None:
    source = '{\n  "judul": "Layanan Sehat",\n  "instansi": "Dinas Kesehatan",\n}\n'

    assert problems(batch_dir, choices, source) == [f":3: (berkas): {TRAILING_COMMA}"]


def test_json_trailing_comma_in_a_list_located_at_the_comma(
    batch_dir: Path, choices: CallChoices
) -> None:
    source = '{\n  "judul": "Layanan Sehat",\n  "tpb": [\n    3,\n    10,\n  ]\n}\n'

    assert problems(batch_dir, choices, source) == [f":5: (berkas): {TRAILING_COMMA}"]


def test_json_single_quotes_named(batch_dir: Path, choices: CallChoices) -> None:
    source = "{\n  'judul': 'Layanan Sehat'\n}\n"

    assert problems(batch_dir, choices, source) == [
        ":2: (berkas): bukan JSON yang sah: teks diapit tanda kutip tunggal; JSON hanya menerima "
        'tanda kutip ganda ("judul": "Layanan")'
    ]


def test_json_missing_comma_located_after_the_entry_that_needs_it(
    batch_dir: Path, choices: CallChoices
) -> None:
    source = '{\n  "judul": "Layanan Sehat"\n  "instansi": "Dinas Kesehatan"\n}\n'

    assert problems(batch_dir, choices, source) == [
        ":2: (berkas): bukan JSON yang sah: koma tidak ada setelah isian atau butir ini; "
        "pisahkan setiap dua isian atau butir dengan koma"
    ]


def test_json_missing_comma_in_english(batch_dir: Path, choices: CallChoices) -> None:
    source = '{\n  "judul": "Layanan Sehat",\n  "tpb": [3 10]\n}\n'

    assert problems(batch_dir, choices, source, Lang.EN) == [
        ":3: (file): not valid JSON: no comma after this entry or item; separate every two "
        "entries or items with a comma"
    ]


def test_json_second_proposal_in_one_file_is_extra_data(
    batch_dir: Path, choices: CallChoices
) -> None:
    source = '{"judul": "Layanan Sehat"}\n{"judul": "Layanan Prima"}\n'

    assert problems(batch_dir, choices, source) == [
        ":2: (berkas): bukan JSON yang sah: ada teks setelah akhir proposal (} penutupnya); satu "
        "berkas memuat satu proposal: hapus teks itu atau } yang berlebih, atau pindahkan "
        "proposal kedua ke berkas lain"
    ]


def test_json_quote_left_open_at_a_line_end_named(batch_dir: Path, choices: CallChoices) -> None:
    source = '{\n  "judul": "Layanan Sehat,\n  "instansi": "Dinas Kesehatan"\n}\n'

    assert problems(batch_dir, choices, source) == [
        ":2: (berkas): bukan JSON yang sah: teks bertanda kutip berlanjut melewati akhir baris "
        "ini; tutup tanda kutip di akhir baris, atau tulis baris baru di dalam teks sebagai \\n"
    ]


def test_json_file_ending_early_named(batch_dir: Path, choices: CallChoices) -> None:
    source = '{\n  "judul": "Layanan Sehat",\n  "tpb": [3, 10]\n'

    assert problems(batch_dir, choices, source) == [
        ":4: (berkas): bukan JSON yang sah: berkas berakhir sebelum JSON-nya selesai; lengkapi "
        "isian terakhir, dan tutup setiap { dengan } dan setiap [ dengan ]"
    ]


def test_json_unquoted_name_named(batch_dir: Path, choices: CallChoices) -> None:
    source = '{\n  judul: "Layanan Sehat"\n}\n'

    assert problems(batch_dir, choices, source) == [
        ":2: (berkas): bukan JSON yang sah: nama isian di sini tidak diapit tanda kutip ganda; "
        'tulis misalnya "judul": "...", dan jangan menulis komentar di berkas JSON'
    ]


def test_json_empty_file_is_empty(batch_dir: Path, choices: CallChoices) -> None:
    assert problems(batch_dir, choices, "") == [
        ": (berkas): kosong; tulis satu proposal (lihat `kipp schema`)"
    ]


# Every message of the json module, as `json/decoder.py` and the C scanner (`_json.c`) write
# it, and Python 3.13's trailing commas: the key kipp says it with, before what follows the
# mark refines it (a trailing comma, single quotes, a file ending early).
MESSAGES = {
    "Expecting value": "json.no_value",
    "Expecting property name enclosed in double quotes": "json.key_quotes",
    "Expecting ':' delimiter": "json.colon",
    "Expecting ',' delimiter": "json.comma",
    "Extra data": "json.extra_data",
    "Unterminated string starting at": "json.open_quote",
    "Invalid control character at": "json.control_in_string",
    "Invalid control character '\\t' at": "json.control_in_string",
    "Invalid \\escape": "json.escape",
    "Invalid \\escape: 'x'": "json.escape",
    "Invalid \\uXXXX escape": "json.escape",
    "Illegal trailing comma before end of object": "json.trailing_comma",
    "Illegal trailing comma before end of array": "json.trailing_comma",
    # never met: kipp reads the BOM before the json module does
    "Unexpected UTF-8 BOM (decode using utf-8-sig)": "json.invalid",
}

# A text for every message, with the sentence and line kipp gives it.
BROKEN = [
    ('{"a": }', "json.no_value", 1),
    ('{"a": True}', "json.no_value", 1),
    ('{"a": 1,\n}', "json.trailing_comma", 1),
    ('{"a": [1,\n]}', "json.trailing_comma", 1),
    ("{'a': 1}", "json.single_quotes", 1),
    ("{\"a\": 'b'}", "json.single_quotes", 1),
    ("{a: 1}", "json.key_quotes", 1),
    ('{"a"\n 1}', "json.colon", 1),
    ('{"a": 1\n "b": 2}', "json.comma", 1),
    ('{"a": [1\n 2]}', "json.comma", 1),
    ('{"a": 1}\n{"b": 2}', "json.extra_data", 2),
    ('{"a": "b', "json.open_quote", 1),
    ('{"a": "b\n"}', "json.line_break_in_text", 1),
    ('{"a": "b\tc"}', "json.control_in_string", 1),
    ('{"a": "C:\\Data"}', "json.escape", 1),
    ('{"a": "\\u12"}', "json.escape", 1),
    ('{"a":', "json.unfinished", 1),
    ('{"a": 1', "json.unfinished", 1),
    ('{"a": 1,', "json.unfinished", 1),
    ('{"a"', "json.unfinished", 1),
]


def python_decoder() -> json.JSONDecoder:
    """The json module's decoder without its C scanner."""
    decoder = json.JSONDecoder()
    decoder.parse_string = json.decoder.py_scanstring  # type: ignore[attr-defined]
    decoder.scan_once = json.scanner.py_make_scanner(decoder)  # type: ignore[attr-defined]
    return decoder


@pytest.mark.parametrize("decoder", [json.JSONDecoder(), python_decoder()], ids=["c", "python"])
@pytest.mark.parametrize(("source", "key", "line"), BROKEN)
def test_json_mistake_said_and_located(source: str, key: str, line: int, decoder: Any) -> None:
    with pytest.raises(json.JSONDecodeError) as raised:
        decoder.decode(source)

    assert json_mistake(raised.value.msg) != "json.invalid" or key == "json.invalid"
    message, at = json_problem(raised.value)
    assert (message.key, at) == (key, line)


def test_every_json_message_maps_to_its_sentence() -> None:
    assert {message: json_mistake(message) for message in MESSAGES} == MESSAGES
    assert set(MESSAGES.values()) <= set(CATALOGUE)


def test_a_json_message_kipp_does_not_know_is_invalid() -> None:
    assert json_mistake("Expecting a unicorn") == "json.invalid"
