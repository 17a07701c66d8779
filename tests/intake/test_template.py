"""`kipp template`: the XLSX form and the Markdown proposal an agency fills in, read back by
the same intake with nothing to report."""

from __future__ import annotations

import io
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from builders import load, only_entry
from typer.testing import CliRunner

from kipp.core.i18n import Lang, render
from kipp.core.models import CallChoices, Proposal
from kipp.documents import template as template_module
from kipp.documents.template import (
    MARKDOWN_NAME,
    XLSX_NAME,
    columns,
    markdown_text,
    workbook_bytes,
)
from kipp.intake import Status
from kipp.intake.headers import read_as
from kipp.rubric import Rubric, load_rubric
from kipp_app.cli import app


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return load_rubric().rubric


SECTIONS_ID = {
    "Ringkasan (maks. 200 kata)": "Layanan kesehatan keliling bagi warga lanjut usia.",
    "Latar Belakang dan Tujuan (maks. 300 kata)": "Banyak lansia tidak dapat ke puskesmas.",
    "Kebaruan / Nilai Tambah (maks. 200 kata)": "Pemeriksaan datang ke rumah warga.",
    "Implementasi Inovasi (maks. 200 kata)": "Tim berkunjung dua kali seminggu.",
    "Signifikansi (maks. 600 kata)": "Kunjungan lansia naik dua kali lipat.",
    "Adaptabilitas (maks. 300 kata)": "Sudah ditiru Kabupaten Jombang.",
    "Sumber Daya (maks. 200 kata)": "Dua perawat dan satu mobil.",
    "Strategi Keberlanjutan (maks. 500 kata)": "Ditetapkan dengan peraturan wali kota.",
}
# one valid proposal as a person fills the Indonesian form (headers as the form writes them)
FILLED_ID: dict[str, Any] = {
    "Judul Inovasi": "Layanan Kesehatan Keliling (Lansia Sehat)",
    "Nama Instansi": "Dinas Kesehatan",
    "Kabupaten/Kota": "Kota Mojokerto",
    "Kelompok Inovasi": "Umum",
    "Kategori Inovasi": "Tujuan Pembangunan Berkelanjutan (TPB)",
    "TPB yang Didukung": "3, 10",
    "Tanggal Mulai Diterapkan": datetime(2019, 7, 1),
    "Terkait Pandemi COVID-19?": "Tidak",
    "Tahapan Inovasi": "Penerapan",
    "Inovasi Digital?": "Ya",
    **SECTIONS_ID,
    "Jumlah Penerima Manfaat": "1.200",
    "Waktu Layanan Sebelum (jam)": 48,
    "Waktu Layanan Sesudah (jam)": "2,5",
    "Biaya Sebelum (Rp)": "Rp 50.000",
    "Biaya Sesudah (Rp)": 0,
    "IKM Sebelum": "76,5",
    "IKM Sesudah": 88.3,
    "Link SK Inovasi": "https://jdih.example.go.id/sk-lansia.pdf",
    "Link Video Inovasi": "https://example.org/video",
    "Link Bukti Dukung": "foto-layanan.jpg; laporan-2021.pdf",
    "Nama Inovator 1": "Sri Wahyuni",
    "Jabatan Inovator 1": "Kepala Seksi Pelayanan",
    "Email Inovator 1": "sri.wahyuni@example.go.id",
    "No. HP Inovator 1": "0812-3456-7890",
    "Kompetisi Penghargaan 1": "Top 45 KIPP Jawa Timur",
    "Tahun Penghargaan 1": 2021,
    "Tingkat Penghargaan 1": "provinsi",
    "Instansi Replikasi 1": "Dinas Kesehatan Kabupaten Jombang",
    "Daerah Replikasi 1": "Kabupaten Jombang",
    "Tahun Replikasi 1": 2021,
}


def _fill_workbook(content: bytes, values: dict[str, Any], path: Path) -> None:
    """Type `values` under their headers in row 2 of the form, as a person would."""
    book = openpyxl.load_workbook(io.BytesIO(content))
    sheet = book.worksheets[0]
    headers = {cell.value: cell.column for cell in sheet[1]}
    for header, value in values.items():
        sheet.cell(row=2, column=headers[header], value=value)
    book.save(path)


def _expected(proposal: Proposal) -> None:
    """The values of `FILLED_ID` as the intake reads them."""
    assert proposal.id == "layanan-kesehatan-keliling"
    assert proposal.title == "Layanan Kesehatan Keliling (Lansia Sehat)"
    assert (proposal.agency, proposal.region) == ("Dinas Kesehatan", "Kota Mojokerto")
    assert (proposal.group, proposal.category) == ("umum", "tpb")
    assert proposal.sdgs == [3, 10]
    assert proposal.started_on == date(2019, 7, 1)
    assert (proposal.pandemic_related, proposal.stage.value, proposal.digital) == (
        False,
        "penerapan",
        True,
    )
    assert proposal.sections.summary == "Layanan kesehatan keliling bagi warga lanjut usia."
    assert proposal.sections.sustainability == "Ditetapkan dengan peraturan wali kota."
    assert proposal.indicators.model_dump(exclude_none=True) == {
        "beneficiaries": 1200.0,
        "service_time_before_hours": 48.0,
        "service_time_after_hours": 2.5,
        "cost_before_idr": 50000.0,
        "cost_after_idr": 0.0,
        "satisfaction_before": 76.5,
        "satisfaction_after": 88.3,
    }
    assert proposal.attachments.model_dump() == {
        "decree": "https://jdih.example.go.id/sk-lansia.pdf",
        "video": "https://example.org/video",
        "evidence": ["foto-layanan.jpg", "laporan-2021.pdf"],
    }
    assert [i.model_dump() for i in proposal.innovators] == [
        {
            "name": "Sri Wahyuni",
            "role": "Kepala Seksi Pelayanan",
            "email": "sri.wahyuni@example.go.id",
            "phone": "0812-3456-7890",
        }
    ]
    assert [a.model_dump() for a in proposal.prior_awards] == [
        {"competition": "Top 45 KIPP Jawa Timur", "year": 2021, "level": "provinsi"}
    ]
    assert [r.model_dump() for r in proposal.replications] == [
        {"agency": "Dinas Kesehatan Kabupaten Jombang", "region": "Kabupaten Jombang", "year": 2021}
    ]


def test_filled_xlsx_form_is_one_valid_proposal_with_no_problem_or_warning(
    rubric: Rubric, batch_dir: Path, choices: CallChoices
) -> None:
    path = batch_dir / XLSX_NAME
    _fill_workbook(workbook_bytes(rubric, Lang.ID), FILLED_ID, path)
    intake = load(batch_dir, choices)
    entry = only_entry(intake)
    assert (entry.source, entry.status, entry.problems) == (f"{path}#2", Status.VALID, [])
    assert intake.notices == []
    assert entry.proposal is not None
    _expected(entry.proposal)


def test_filled_english_xlsx_form_reads_the_same_proposal(
    rubric: Rubric, batch_dir: Path, choices: CallChoices
) -> None:
    indonesian = {render(c.header, Lang.ID): c for c in columns(rubric, Lang.ID)}
    english = dict(FILLED_ID)
    for label, value in {
        "Kelompok Inovasi": "General",
        "Kategori Inovasi": "Sustainable Development Goals (SDGs)",
        "Terkait Pandemi COVID-19?": "No",
        "Tahapan Inovasi": "Implementation",
        "Inovasi Digital?": "Yes",
    }.items():
        english[label] = value
    by_header = {render(indonesian[h].header, Lang.EN): v for h, v in english.items()}
    path = batch_dir / XLSX_NAME
    _fill_workbook(workbook_bytes(rubric, Lang.EN), by_header, path)
    intake = load(batch_dir, choices)
    entry = only_entry(intake)
    assert (entry.status, entry.problems, intake.notices) == (Status.VALID, [], [])
    assert entry.proposal is not None
    _expected(entry.proposal)


def _fill_markdown(template: str, values: dict[str, str], sections: dict[str, str]) -> str:
    """Write each value after its key's first empty occurrence, and each section's text
    under its heading (below the template's note), as a person would."""
    for key, value in values.items():
        pattern = re.compile(rf"^(\s*(?:- )?{re.escape(key)}):(?: \[\])?$", re.MULTILINE)
        template, count = pattern.subn(rf"\1: {value}", template, count=1)
        assert count == 1, key
    for heading, body in sections.items():
        template = template.replace(f"## {heading}\n\n", f"## {heading}\n\n{body}\n\n", 1)
    return template


FILLED_MD = {
    "judul": "Layanan Kesehatan Keliling (Lansia Sehat)",
    "instansi": "Dinas Kesehatan",
    "daerah": "Kota Mojokerto",
    "kelompok": "umum",
    "kategori": "tpb",
    "tpb": "3, 10",
    "tanggal_mulai": "1 Juli 2019",
    "tahapan": "penerapan",
    "digital": "ya",
    "nama": "Sri Wahyuni",
    "peran": "Kepala Seksi Pelayanan",
    "email": "sri.wahyuni@example.go.id",
    "telepon": "0812-3456-7890",
    "penghargaan": "Top 45 KIPP Jawa Timur (2021, provinsi)",
    "replikasi": "Dinas Kesehatan Kabupaten Jombang (Kabupaten Jombang, 2021)",
    "penerima_manfaat": "1.200",
    "waktu_layanan_sebelum_jam": "48",
    "waktu_layanan_sesudah_jam": "2,5",
    "biaya_sebelum": "Rp 50.000",
    "biaya_sesudah": "0",
    "ikm_sebelum": "76,5",
    "ikm_sesudah": "88,3",
    "sk": "https://jdih.example.go.id/sk-lansia.pdf",
    "video": "https://example.org/video",
    "bukti": "foto-layanan.jpg; laporan-2021.pdf",
}


def test_filled_markdown_proposal_is_valid_with_no_problem_or_warning(
    rubric: Rubric, batch_dir: Path, choices: CallChoices
) -> None:
    filled = _fill_markdown(markdown_text(rubric, Lang.ID), FILLED_MD, SECTIONS_ID)
    path = batch_dir / "layanan-kesehatan-keliling.md"
    path.write_text(filled, encoding="utf-8")
    intake = load(batch_dir, choices)
    entry = only_entry(intake)
    assert (entry.status, entry.problems, intake.notices) == (Status.VALID, [], [])
    assert entry.proposal is not None
    _expected(entry.proposal)


def test_markdown_template_notes_are_not_part_of_the_sections(
    rubric: Rubric, batch_dir: Path, choices: CallChoices
) -> None:
    filled = _fill_markdown(markdown_text(rubric, Lang.ID), FILLED_MD, {})
    (batch_dir / "usulan.md").write_text(filled, encoding="utf-8")
    proposal = only_entry(load(batch_dir, choices)).proposal
    assert proposal is not None
    assert dict(proposal.sections.items()) == {name: "" for name, _ in proposal.sections.items()}


def test_markdown_template_says_what_to_write_with_word_limits(rubric: Rubric) -> None:
    lines = markdown_text(rubric, Lang.ID).splitlines()
    assert lines[:5] == [
        "---",
        "# Proposal inovasi untuk KIPP 2022. Isi setiap isian di bawah. Baris yang diawali # "
        "adalah petunjuk dan tidak dibaca kipp.",
        "# kode (opsional): kode singkat proposal, huruf kecil dan tanda hubung, misalnya "
        "layanan-kesehatan-keliling; tanpa kode, nama berkas dipakai.",
        "# Nama inovasi, beserta kepanjangannya bila berupa singkatan; 5 sampai 150 karakter. "
        "Wajib.",
        "judul:",
    ]
    assert (
        "# Tanggal inovasi mulai diterapkan, misalnya 1 Juli 2019. Pada 15 April 2022 inovasi "
        "harus sudah diterapkan paling sedikit 24 bulan (12 bulan bila terkait pandemi). Wajib."
    ) in lines
    assert [line for line in lines if line.startswith("## ")] == [
        "## Ringkasan (maks. 200 kata)",
        "## Latar Belakang dan Tujuan (maks. 300 kata)",
        "## Kebaruan / Nilai Tambah (maks. 200 kata)",
        "## Implementasi Inovasi (maks. 200 kata)",
        "## Signifikansi (maks. 600 kata)",
        "## Adaptabilitas (maks. 300 kata)",
        "## Sumber Daya (maks. 200 kata)",
        "## Strategi Keberlanjutan (maks. 500 kata)",
    ]


@pytest.mark.parametrize("lang", [Lang.ID, Lang.EN])
def test_every_form_header_reads_back_as_its_own_field(rubric: Rubric, lang: Lang) -> None:
    found = columns(rubric, lang)
    assert [read_as(render(c.header, lang)) for c in found] == [c.path for c in found]
    assert len({render(c.header, lang) for c in found}) == len(found)


def test_form_offers_the_intakes_labels_in_dropdowns_and_word_caps_in_notes(
    rubric: Rubric,
) -> None:
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes(rubric, Lang.ID)))
    assert book.sheetnames == ["Proposal", "Petunjuk"]
    sheet = book["Proposal"]
    headers = [cell.value for cell in sheet[1]]
    letter = {h: cell.column_letter for h, cell in zip(headers, sheet[1], strict=True)}
    lists = {
        str(rule.sqref): rule.formula1
        for rule in sheet.data_validations.dataValidation
        if rule.type == "list"
    }
    assert lists == {
        f"{letter['Kelompok Inovasi']}2:{letter['Kelompok Inovasi']}501": '"Umum,Khusus"',
        f"{letter['Kategori Inovasi']}2:{letter['Kategori Inovasi']}501": (
            '"Pelayanan publik inklusif,Tujuan Pembangunan Berkelanjutan (TPB),'
            'Ketahanan instansi publik"'
        ),
        f"{letter['Terkait Pandemi COVID-19?']}2:{letter['Terkait Pandemi COVID-19?']}501": (
            '"Ya,Tidak"'
        ),
        f"{letter['Tahapan Inovasi']}2:{letter['Tahapan Inovasi']}501": (
            '"Inisiatif,Uji coba,Penerapan"'
        ),
        f"{letter['Inovasi Digital?']}2:{letter['Inovasi Digital?']}501": '"Ya,Tidak"',
    }
    summary = sheet[f"{letter['Ringkasan (maks. 200 kata)']}1"]
    assert summary.comment is not None
    assert summary.comment.text == (
        "Gambaran singkat inovasi: masalah, cara kerja, dan hasil utamanya. "
        "Paling banyak 200 kata. Wajib."
    )
    assert sheet.freeze_panes == "B2"
    assert sheet[f"{letter['Tanggal Mulai Diterapkan']}2"].number_format == "DD/MM/YYYY"
    guide = book["Petunjuk"]
    assert [c.value for c in guide[4]] == ["Kolom", "Wajib diisi", "Yang ditulis"]
    assert [c.value for c in guide[5]] == [
        "Judul Inovasi",
        "Wajib",
        "Nama inovasi, beserta kepanjangannya bila berupa singkatan; 5 sampai 150 karakter.",
    ]
    assert [c.value for c in guide[15]] == [
        "Nama Inovator 1",
        "Opsional",
        "Nama lengkap seorang anggota tim inovator.",
    ]


def test_template_command_writes_both_files_and_refuses_to_overwrite(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("KIPP_LANG", raising=False)
    folder = tmp_path / "templat"
    done = CliRunner().invoke(app, ["template", str(folder)])
    assert done.exit_code == 0, done.output
    assert done.stdout.splitlines() == [
        f"templat proposal ditulis ke {folder}: {XLSX_NAME}, {MARKDOWN_NAME}"
    ]
    (folder / XLSX_NAME).unlink()
    (folder / MARKDOWN_NAME).write_text("milik instansi\n", encoding="utf-8")
    again = CliRunner().invoke(app, ["template", str(folder)])
    assert again.exit_code == 2
    assert again.stderr.splitlines() == [
        f"kesalahan: berkas sudah ada: {folder / MARKDOWN_NAME}; kipp tidak menimpa berkas "
        "yang tidak ditulisnya",
        "saran: pindahkan atau hapus berkas itu, atau tulis templat ke folder lain: kipp "
        "template FOLDER_LAIN",
    ]
    assert (folder / MARKDOWN_NAME).read_text(encoding="utf-8") == "milik instansi\n"
    assert not (folder / XLSX_NAME).exists()


def test_template_command_in_english_into_a_file_exits_2(tmp_path: Path) -> None:
    file = tmp_path / "catatan.txt"
    file.write_text("x", encoding="utf-8")
    done = CliRunner().invoke(app, ["template", str(file), "--lang", "en"])
    assert done.exit_code == 2
    assert done.stderr.splitlines() == [
        f"error: {file} is a file, not a folder",
        "hint: name the folder to write the templates in: kipp template FOLDER",
    ]


def test_filled_english_markdown_proposal_is_valid_with_english_keys(
    rubric: Rubric, batch_dir: Path, choices: CallChoices
) -> None:
    values = {
        "title": "Layanan Kesehatan Keliling",
        "agency": "Dinas Kesehatan",
        "group": "umum",
        "category": "tpb",
        "sdgs": "3, 10",
        "started_on": "1 July 2019",
        "stage": "implementation",
        "digital": "yes",
        "name": "Sri Wahyuni",
        "decree": "sk.pdf",
        "video": "https://example.org/video",
    }
    sections = {"Summary (max. 200 words)": "Layanan kesehatan keliling bagi lansia."}
    filled = _fill_markdown(markdown_text(rubric, Lang.EN), values, sections)
    (batch_dir / "usulan.md").write_text(filled, encoding="utf-8")
    intake = load(batch_dir, choices)
    entry = only_entry(intake)
    assert (entry.status, entry.problems, intake.notices) == (Status.VALID, [], [])
    assert entry.proposal is not None
    assert (entry.proposal.started_on, entry.proposal.pandemic_related) == (date(2019, 7, 1), False)
    assert entry.proposal.sections.summary == "Layanan kesehatan keliling bagi lansia."
    assert [i.name for i in entry.proposal.innovators] == ["Sri Wahyuni"]


def test_template_command_into_a_folder_it_cannot_write_exits_2_leaving_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    created: list[Path] = []

    def refuse_the_second(path: Path, content: bytes) -> None:
        if created:
            raise PermissionError(13, "Permission denied", str(path))
        path.write_bytes(content)
        created.append(path)

    monkeypatch.setattr(template_module, "_create", refuse_the_second)
    folder = tmp_path / "templat"
    done = CliRunner().invoke(app, ["template", str(folder), "--lang", "en"])
    assert done.exit_code == 2
    assert done.stderr.splitlines() == [
        f"error: the templates cannot be written to {folder}: Permission denied",
        "hint: choose a folder you can write to: kipp template FOLDER",
    ]
    assert created == [folder / XLSX_NAME]
    assert list(folder.iterdir()) == []
