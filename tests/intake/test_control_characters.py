"""Text a document cannot hold: control characters are removed at intake with a warning
naming the field, so that validation and a run judge the same text; an id may only be a slug."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from builders import (
    FORM_HEADERS,
    form_row,
    line_of,
    load,
    only_entry,
    proposal_data,
    rendered,
    results_of,
    write_csv,
    write_json,
    write_yaml,
)
from openpyxl import load_workbook

from kipp.core.i18n import Lang
from kipp.core.models import CallChoices
from kipp.core.problems import Severity
from kipp.documents.workbook import workbook_bytes
from kipp.intake import Status
from kipp.rubric import load_rubric

WARNING_EN = (
    "held {n} (invisible, often pasted from another program), which no document can hold; "
    "removed, check the text"
)
WARNING_ID = (
    "memuat {n} karakter kendali (tak terlihat, biasanya ikut tersalin dari program lain) yang "
    "tidak dapat dimuat dokumen; karakter itu dihapus, periksa teksnya"
)


def test_control_character_in_a_title_removed_with_a_warning(
    batch_dir: Path, choices: CallChoices
) -> None:
    path = write_yaml(batch_dir, "magis.yaml", proposal_data(title="MAGIS \x01 Mojokerto"))
    entry = only_entry(load(batch_dir, choices))
    assert (entry.status, entry.title) == (Status.VALID, "MAGIS Mojokerto")
    assert entry.proposal is not None
    assert entry.proposal.title == "MAGIS Mojokerto"
    assert [(p.render(), p.render(Lang.ID), p.severity) for p in entry.problems] == [
        (
            f"{path}:1: title: " + WARNING_EN.format(n="1 control character"),
            f"{path}:1: judul: " + WARNING_ID.format(n="1"),
            Severity.WARNING,
        )
    ]


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x7f", "\x85", "\x9f", "\x0b", "\x0c"])
def test_every_kind_of_control_character_removed(
    char: str, batch_dir: Path, choices: CallChoices
) -> None:
    sections = {"summary": f"Satu{char}dua{char}tiga."}
    write_json(batch_dir, "layanan.json", proposal_data(sections=sections))
    entry = only_entry(load(batch_dir, choices))
    assert entry.proposal is not None
    assert entry.proposal.sections.summary == "Satuduatiga."
    assert [(p.field, p.message.params) for p in entry.problems] == [
        ("sections.summary", {"count": 2})
    ]


def test_tabs_and_line_breaks_kept_carriage_returns_made_line_breaks(
    batch_dir: Path, choices: CallChoices
) -> None:
    sections = {"summary": "Baris satu.\r\nBaris\tdua.\rBaris tiga."}
    write_json(batch_dir, "layanan.json", proposal_data(sections=sections))
    entry = only_entry(load(batch_dir, choices))
    assert entry.proposal is not None
    assert entry.proposal.sections.summary == "Baris satu.\nBaris\tdua.\nBaris tiga."
    assert entry.problems == []


def test_control_character_in_a_spreadsheet_cell_named_at_its_column(
    batch_dir: Path, choices: CallChoices
) -> None:
    path = write_csv(
        batch_dir, "form.csv", [FORM_HEADERS, form_row(Instansi="Dinas\x02 Kesehatan")]
    )
    entry = load(batch_dir, choices).entries[0]
    assert entry.status is Status.VALID
    assert rendered(entry) == [f"{path}:2:B: agency: " + WARNING_EN.format(n="1 control character")]


def test_id_holding_a_control_character_refused_and_not_used(
    batch_dir: Path, choices: CallChoices
) -> None:
    path = write_yaml(batch_dir, "layanan.yaml", proposal_data(id="layanan\x00sehat"))
    entry = only_entry(load(batch_dir, choices))
    assert (entry.status, entry.id) == (Status.INVALID, "layanan")
    line = line_of(path, "id:")
    assert rendered(entry) == [
        f"{path}:{line}: id: 'layanan\\x00sehat' is not a valid id: use lowercase letters, "
        "digits and hyphens, e.g. 'layanan-sehat'"
    ]


def test_title_that_held_a_control_character_reaches_the_workbook(
    batch_dir: Path, choices: CallChoices
) -> None:
    write_yaml(batch_dir, "magis.yaml", proposal_data(id="magis", title="MAGIS \x01 Mojokerto"))
    results = results_of(batch_dir, Lang.ID)
    book = load_workbook(io.BytesIO(workbook_bytes(results, load_rubric().rubric)))
    cells = [c for row in book.worksheets[0].iter_rows(values_only=True) for c in row]
    assert "MAGIS Mojokerto" in cells


def test_characters_overriding_the_text_direction_removed_with_their_own_warning(
    batch_dir: Path, choices: CallChoices
) -> None:
    reversed_title = "\u202eInovasi Sapa Tertib\u202c"
    path = write_yaml(batch_dir, "rlo.yaml", proposal_data(title=reversed_title))
    entry = only_entry(load(batch_dir, choices))
    assert (entry.status, entry.title) == (Status.VALID, "Inovasi Sapa Tertib")
    assert entry.proposal is not None and entry.proposal.title == "Inovasi Sapa Tertib"
    assert [(p.render(), p.render(Lang.ID), p.severity) for p in entry.problems] == [
        (
            f"{path}:1: title: held 2 characters that override the direction of text "
            "(invisible), which make it show in another order than it was written; removed, "
            "check the text",
            f"{path}:1: judul: memuat 2 karakter pengatur arah teks (tak terlihat) yang membalik "
            "urutan huruf saat teks ditampilkan; karakter itu dihapus, periksa teksnya",
            Severity.WARNING,
        )
    ]


@pytest.mark.parametrize(
    "char", ["\u202a", "\u202b", "\u202d", "\u2066", "\u2067", "\u2068", "\u2069"]
)
def test_every_direction_override_removed(char: str, batch_dir: Path, choices: CallChoices) -> None:
    write_json(batch_dir, "layanan.json", proposal_data(agency=f"Dinas{char} Kesehatan"))
    entry = only_entry(load(batch_dir, choices))
    assert entry.proposal is not None and entry.proposal.agency == "Dinas Kesehatan"
    assert [(p.field, p.message.key) for p in entry.problems] == [
        ("agency", "value.direction_removed")
    ]
