"""A value named in a message is named as the person wrote it in the file (a YAML `yes`,
`2019-07-01`, `1.10`), or, for a list or a mapping, in words: never as Python prints it
(`datetime.date(2019, 7, 1)`, `True`, `['a']`); month names in the reader's language; a
YAML tag kipp does not read is named, with its fix, not in the parser's English."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from builders import load, only_entry, proposal_data, yaml_text
from pydantic import ValidationError

from kipp.core.i18n import Lang, render
from kipp.core.models import CallChoices, Proposal
from kipp.core.validation import describe, shown


def _problems(batch_dir: Path, choices: CallChoices, line: str, lang: Lang = Lang.EN) -> list[str]:
    """`FIELD: message` of every problem of a valid proposal whose first line is `line`
    (the field it sets is left out of the rest)."""
    key = line.split(":", 1)[0]
    canonical = {
        "judul": "title",
        "instansi": "agency",
        "kode": "id",
        "tanggal_mulai": "started_on",
        "digital": "digital",
        "tpb": "sdgs",
    }
    data = proposal_data()
    data.pop(canonical.get(key, key), None)
    (batch_dir / "p.yaml").write_text(f"{line}\n{yaml_text(data)}", encoding="utf-8")
    entry = only_entry(load(batch_dir, choices))
    prefix = f"{batch_dir / 'p.yaml'}:1: "
    return [p.render(lang).removeprefix(prefix) for p in entry.problems]


@pytest.mark.parametrize(
    ("line", "english", "indonesian"),
    [
        (
            "judul: 2019-07-01",
            "title: 2019-07-01 should be text",
            "judul: 2019-07-01 harus berupa teks",
        ),
        (
            "judul: 2019-07-01 10:00:00",
            "title: 2019-07-01 10:00:00 should be text",
            "judul: 2019-07-01 10:00:00 harus berupa teks",
        ),
        ("instansi: true", "agency: true should be text", "instansi: true harus berupa teks"),
        ("instansi: Yes", "agency: Yes should be text", "instansi: Yes harus berupa teks"),
        ("kode: on", "id: on should be text", "kode: on harus berupa teks"),
        (
            "kode: ['touch /tmp/x']",
            "id: a list of 1 item should be text",
            "kode: sebuah daftar berisi 1 butir harus berupa teks",
        ),
        (
            "judul: {a: 1, b: 2}",
            "title: a mapping of 2 keys should be text",
            "judul: sebuah kumpulan isian berisi 2 kunci harus berupa teks",
        ),
        (
            "tanggal_mulai: off",
            "started_on: off is not a date; write it as 2019-07-01 or 1 Juli 2019",
            "tanggal_mulai: off bukan tanggal; tulis seperti 2019-07-01 atau 1 Juli 2019",
        ),
        (
            "digital: 2019-07-01",
            "digital: 2019-07-01 is not yes or no; write true/false (or ya/tidak)",
            "digital: 2019-07-01 bukan ya atau tidak; tulis true/false (atau ya/tidak)",
        ),
        (
            "tpb: TRUE",
            "sdgs: TRUE should be a list (one '- item' per line)",
            "tpb: TRUE harus berupa daftar (satu '- butir' per baris)",
        ),
    ],
)
def test_yaml_value_that_is_not_text_is_named_as_written(
    batch_dir: Path, choices: CallChoices, line: str, english: str, indonesian: str
) -> None:
    assert _problems(batch_dir, choices, line) == [english]
    assert _problems(batch_dir, choices, line, Lang.ID) == [indonesian]


def test_yaml_python_tag_is_refused_naming_the_tag(batch_dir: Path, choices: CallChoices) -> None:
    line = "kode: !!python/object/apply:os.system ['touch /tmp/x']"

    assert _problems(batch_dir, choices, line) == [
        "(file): not valid YAML: kipp does not read the tag "
        "`!!python/object/apply:os.system`; remove the tag and write the value alone"
    ]
    assert _problems(batch_dir, choices, line, Lang.ID) == [
        "(berkas): bukan YAML yang sah: tanda `!!python/object/apply:os.system` tidak dibaca "
        "kipp; hapus tanda itu dan tulis nilainya saja"
    ]


@pytest.mark.parametrize(
    "tag", ["!!binary aGVsbG8=", "!!set {a}", "!local x", "!!python/name:os.system"]
)
def test_yaml_tags_other_than_yamls_own_values_are_refused(
    batch_dir: Path, choices: CallChoices, tag: str
) -> None:
    written = tag.split(" ")[0]
    assert _problems(batch_dir, choices, f"judul: {tag}") == [
        f"(file): not valid YAML: kipp does not read the tag `{written}`; remove the tag and "
        "write the value alone"
    ]


def test_yaml_impossible_date_names_the_month_in_the_readers_language(
    batch_dir: Path, choices: CallChoices
) -> None:
    line = "tanggal_mulai: 2019-02-29"

    assert _problems(batch_dir, choices, line) == [
        "started_on: '2019-02-29' is not a real date: February 2019 has 28 days"
    ]
    assert _problems(batch_dir, choices, line, Lang.ID) == [
        "tanggal_mulai: '2019-02-29' bukan tanggal yang ada: Februari 2019 hanya 28 hari"
    ]


def _model_messages(**overrides: Any) -> list[str]:
    try:
        Proposal.model_validate(proposal_data(id="x", **overrides))
    except ValidationError as exc:
        return [render(describe(error), Lang.EN) for error in exc.errors()]
    return []


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (True, "true should be text"),
        (date(2019, 7, 1), "2019-07-01 should be text"),
        (datetime(2019, 7, 1, 9, 30), "2019-07-01 09:30:00 should be text"),
        (["a", "b"], "a list of 2 items should be text"),
        ({"a": 1}, "a mapping of 1 key should be text"),
        (3j, "this value should be text"),
    ],
)
def test_value_without_its_source_text_is_named_without_python_reprs(
    value: Any, message: str
) -> None:
    assert _model_messages(title=value) == [message]


def test_shown_names_a_spreadsheets_whole_number_as_typed() -> None:
    assert (shown(1885.0), shown(1.885), shown(12), shown("Dinas")) == (
        "1885",
        "1.885",
        "12",
        "'Dinas'",
    )


def test_a_markdown_front_matter_value_is_named_as_written_too(
    batch_dir: Path, choices: CallChoices
) -> None:
    data = proposal_data()
    data.pop("title")
    (batch_dir / "p.md").write_text(f"---\njudul: on\n{yaml_text(data)}---\n", encoding="utf-8")
    entry = only_entry(load(batch_dir, choices))
    assert [p.render(Lang.EN) for p in entry.problems] == [
        f"{batch_dir / 'p.md'}:2: title: on should be text"
    ]
