"""`.json` proposals: the same keys as YAML, lines found for problems where the file parses."""

from __future__ import annotations

import json
from pathlib import Path

from builders import DROP, load, only_entry, proposal_data, rendered, write_json

from kipp.core.models import CallChoices
from kipp.core.problems import Location
from kipp.intake import Limits, Status
from kipp.intake.json_loader import load_json


def test_json_valid_file_is_one_valid_entry(batch_dir: Path, choices: CallChoices) -> None:
    path = write_json(batch_dir, "e-surat.json", proposal_data())
    entry = only_entry(load(batch_dir, choices))
    assert (entry.status, entry.id, entry.source) == (Status.VALID, "e-surat", str(path))


def test_json_indonesian_keys_accepted(batch_dir: Path, choices: CallChoices) -> None:
    data = {
        "judul": "E-Surat Bagian Umum",
        "instansi": "Bagian Umum Setda",
        "kelompok": "umum",
        "kategori": "tpb",
        "tpb": [16],
        "tanggal_mulai": "2 Januari 2020",
        "tahapan": "penerapan",
        "digital": "ya",
        "uraian": {"ringkasan": "Surat elektronik."},
    }
    write_json(batch_dir, "e-surat.json", data)
    assert only_entry(load(batch_dir, choices)).status is Status.VALID


def test_json_problem_names_the_line_of_its_key(batch_dir: Path, choices: CallChoices) -> None:
    path = write_json(batch_dir, "p.json", proposal_data(stage="selesai"))
    lines = path.read_text().splitlines()
    line = next(i for i, text in enumerate(lines, start=1) if '"stage"' in text)
    assert rendered(only_entry(load(batch_dir, choices))) == [
        f"{path}:{line}: stage: 'selesai' is not a stage; "
        "use one of: inisiatif, uji_coba, penerapan"
    ]


def test_json_on_one_line_names_line_1(batch_dir: Path, choices: CallChoices) -> None:
    text = json.dumps(proposal_data(digital="mungkin"))
    path = write_json(batch_dir, "p.json", text)
    assert rendered(only_entry(load(batch_dir, choices))) == [
        f"{path}:1: digital: 'mungkin' is not yes or no; write true/false (or ya/tidak)"
    ]


def test_json_missing_field_has_no_line(batch_dir: Path, choices: CallChoices) -> None:
    path = write_json(batch_dir, "p.json", proposal_data(category=DROP))
    assert rendered(only_entry(load(batch_dir, choices))) == [
        f"{path}: category: required, but missing; add `category (kategori):`"
    ]


def test_json_syntax_error_names_its_line(batch_dir: Path, choices: CallChoices) -> None:
    path = write_json(batch_dir, "p.json", '{\n  "judul": "Layanan",\n  "tpb": [3,]\n}\n')
    assert rendered(only_entry(load(batch_dir, choices))) == [
        f"{path}:3: (file): not valid JSON: a comma before the closing }} or ]; remove the comma "
        "after the last entry or item"
    ]


def test_json_trailing_comma_in_object_named(batch_dir: Path, choices: CallChoices) -> None:
    path = write_json(batch_dir, "p.json", '{\n  "judul": "Layanan",\n}\n')
    assert rendered(only_entry(load(batch_dir, choices))) == [
        f"{path}:2: (file): not valid JSON: a comma before the closing }} or ]; remove the comma "
        "after the last entry or item"
    ]


def test_json_number_too_long_to_read_refused(batch_dir: Path, choices: CallChoices) -> None:
    path = write_json(batch_dir, "p.json", '{"tpb": ' + "9" * 5000 + "}")
    assert rendered(only_entry(load(batch_dir, choices))) == [
        f"{path}:1: (file): not valid JSON: a number 5000 digits long, more than the 4300 digits "
        "that can be read; check the number on this line"
    ]


def test_json_top_level_string_is_not_a_proposal(batch_dir: Path, choices: CallChoices) -> None:
    path = write_json(batch_dir, "p.json", '"Layanan Sehat"')
    assert rendered(only_entry(load(batch_dir, choices))) == [
        f"{path}: (file): holds a single value (str), not one proposal; write the fields as a "
        "mapping (key: value), one proposal per file, or use .csv/.xlsx for many"
    ]


def test_load_json_gives_positions_from_the_yaml_reader() -> None:
    loaded = load_json(b'{\n  "judul": "x",\n  "tpb": [3]\n}\n', "p.json", "p", Limits())
    (record,) = loaded.records
    assert record.data == {"judul": "x", "tpb": [3]}
    assert record.positions == {
        ("judul",): Location(line=2),
        ("tpb",): Location(line=3),
        ("tpb", 0): Location(line=3),
    }
