"""Form exports as coordinators get them: the questions as headers, the labels as answers, a
list in one cell, and no column that resembles a field silently dropped."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from builders import load, rendered, said, write_csv, write_yaml

from kipp.core.i18n import Lang
from kipp.core.keys import RawPath
from kipp.core.models import CallChoices
from kipp.core.problems import Severity
from kipp.intake import Status
from kipp.intake.headers import core_words, read_as, resembles
from kipp.intake.table import parse_header

# The headers of a Google Form export as coordinators write them, and the questions the KIPP
# form asks
GOOGLE_FORM_HEADERS = [
    "Judul Inovasi",
    "Nama Instansi",
    "Kabupaten/Kota",
    "Kelompok Inovasi",
    "Kategori Inovasi",
    "TPB yang Didukung",
    "Tanggal Mulai Diterapkan",
    "Terkait Pandemi COVID-19?",
    "Tahapan Inovasi",
    "Inovasi Digital?",
    "Kebaruan / Nilai Tambah",
    "Jumlah Penerima Manfaat",
    "Biaya Sebelum (Rp)",
    "Link SK Inovasi",
    "Instansi yang Mereplikasi",
]


def google_form_row(title: str, **cells: Any) -> list[Any]:
    """One answer to the issue's form, with `cells` replacing answers by header."""
    values: dict[str, Any] = {
        "Judul Inovasi": title,
        "Nama Instansi": "Dinas Sosial",
        "Kabupaten/Kota": "Kabupaten Tirtasari",
        "Kelompok Inovasi": "Kelompok Umum",
        "Kategori Inovasi": "Pelayanan Publik Inklusif",
        "TPB yang Didukung": "TPB 1, TPB 10",
        "Tanggal Mulai Diterapkan": "2018-09-10 00:00:00",
        "Terkait Pandemi COVID-19?": "Tidak",
        "Tahapan Inovasi": "Penerapan",
        "Inovasi Digital?": "Ya",
        "Kebaruan / Nilai Tambah": "Layanan datang ke rumah warga.",
        "Jumlah Penerima Manfaat": "4.870",
        "Biaya Sebelum (Rp)": "Rp 150.000",
        "Link SK Inovasi": "https://jdih.example.go.id/sk.pdf",
        "Instansi yang Mereplikasi": (
            "Dinas Sosial Kab. Lumajang (2020); Dinas Sosial Kab. Probolinggo (2021)"
        ),
    }
    values.update(cells)
    return [values[h] for h in GOOGLE_FORM_HEADERS]


def test_issue_form_export_reads_every_row_valid_with_ids_from_titles(
    batch_dir: Path, choices: CallChoices
) -> None:
    titles = [f"Layanan Sosial Nomor {n}" for n in range(1, 7)]
    rows = [GOOGLE_FORM_HEADERS, *(google_form_row(t) for t in titles)]
    write_csv(batch_dir, "Formulir Usulan Inovasi KIPP 2022 (Jawaban) - Form Responses 1.csv", rows)
    batch = load(batch_dir, choices)
    assert batch.notices == []
    assert [(e.id, e.status, rendered(e)) for e in batch.entries] == [
        (f"layanan-sosial-nomor-{n}", Status.VALID, []) for n in range(1, 7)
    ]
    proposal = batch.entries[0].proposal
    assert proposal is not None
    assert (proposal.title, proposal.agency, proposal.region) == (
        "Layanan Sosial Nomor 1",
        "Dinas Sosial",
        "Kabupaten Tirtasari",
    )
    assert (proposal.group, proposal.category, proposal.stage.value) == (
        "umum",
        "inklusif",
        "penerapan",
    )
    assert (proposal.sdgs, proposal.started_on.isoformat()) == ([1, 10], "2018-09-10")
    assert (proposal.pandemic_related, proposal.digital) == (False, True)
    assert proposal.sections.novelty == "Layanan datang ke rumah warga."
    assert (proposal.indicators.beneficiaries, proposal.indicators.cost_before_idr) == (
        4870.0,
        150000.0,
    )
    assert proposal.attachments.decree == "https://jdih.example.go.id/sk.pdf"


def test_issue_replications_in_one_cell_read_not_dropped(
    batch_dir: Path, choices: CallChoices
) -> None:
    write_csv(
        batch_dir, "form.csv", [GOOGLE_FORM_HEADERS, google_form_row("Layanan Sosial Keliling")]
    )
    proposal = load(batch_dir, choices).entries[0].proposal
    assert proposal is not None
    assert [(r.agency, r.year) for r in proposal.replications] == [
        ("Dinas Sosial Kab. Lumajang", 2020),
        ("Dinas Sosial Kab. Probolinggo", 2021),
    ]


def test_issue_dash_and_labels_as_answers(batch_dir: Path, choices: CallChoices) -> None:
    row = google_form_row(
        "Layanan Sosial Keliling",
        **{"Terkait Pandemi COVID-19?": "-", "Instansi yang Mereplikasi": "-"},
    )
    write_csv(batch_dir, "form.csv", [GOOGLE_FORM_HEADERS, row])
    proposal = load(batch_dir, choices).entries[0].proposal
    assert proposal is not None
    assert (proposal.pandemic_related, proposal.replications) == (False, [])


def test_dash_in_a_required_answer_is_a_missing_value(
    batch_dir: Path, choices: CallChoices
) -> None:
    path = write_csv(
        batch_dir,
        "form.csv",
        [
            GOOGLE_FORM_HEADERS,
            google_form_row("Layanan Sosial Keliling", **{"Inovasi Digital?": "-"}),
        ],
    )
    entry = load(batch_dir, choices).entries[0]
    assert rendered(entry) == [
        f"{path}:2:J: digital: required, but missing; fill in the `digital` column"
    ]


@pytest.mark.parametrize(
    ("header", "path"),
    [
        ("Judul Inovasi", ("title",)),
        ("Nama Inovasi Daerah", ("title",)),
        ("A. Judul inovasi yang diusulkan", ("title",)),
        ("Nama Instansi", ("agency",)),
        ("Nama OPD/UPTD/Puskesmas", ("agency",)),
        ("Kabupaten/Kota", ("region",)),
        ("Kelompok Inovasi", ("group",)),
        ("Kategori Inovasi", ("category",)),
        ("TPB yang Didukung", ("sdgs",)),
        ("Tujuan Pembangunan Berkelanjutan (TPB)", ("sdgs",)),
        ("Tanggal Mulai Diterapkan", ("started_on",)),
        ("Waktu Penerapan Inovasi Daerah", ("started_on",)),
        ("Start date", ("started_on",)),
        ("Terkait Pandemi COVID-19?", ("pandemic_related",)),
        ("Covid-19", ("pandemic_related",)),
        ("Tahapan Inovasi", ("stage",)),
        ("Inovasi Digital?", ("digital",)),
        ("Jenis Inovasi", ("digital",)),
        ("Tim Inovator", ("innovators",)),
        ("Inovator", ("innovators",)),
        ("Nama Inovator", ("innovators", 0, "name")),
        ("Email Inovator", ("innovators", 0, "email")),
        ("Jabatan Inovator 2", ("innovators", 1, "role")),
        ("Nama Inovator 2", ("innovators", 1, "name")),
        ("Penghargaan yang Pernah Diterima", ("prior_awards",)),
        ("Instansi yang Mereplikasi", ("replications",)),
        ("Replikasi 2", ("replications", 1)),
        ("1. Ringkasan (maksimal 200 kata)", ("sections", "summary")),
        ("Latar Belakang dan Tujuan: jelaskan masalahnya", ("sections", "background")),
        ("Kebaruan / Nilai Tambah", ("sections", "novelty")),
        ("IV. Implementasi Inovasi", ("sections", "implementation")),
        ("Signifikansi", ("sections", "significance")),
        ("Adaptabilitas", ("sections", "adaptability")),
        ("Sumber Daya", ("sections", "resources")),
        ("Strategi Keberlanjutan", ("sections", "sustainability")),
        ("Jumlah Penerima Manfaat (orang)", ("indicators", "beneficiaries")),
        ("Jumlah Populasi Sasaran", ("indicators", "target_population")),
        ("Waktu Layanan Sebelum (jam)", ("indicators", "service_time_before_hours")),
        ("Waktu layanan sesudah (jam)", ("indicators", "service_time_after_hours")),
        ("Biaya Sebelum (Rp)", ("indicators", "cost_before_idr")),
        ("Biaya setelah inovasi (Rp)", ("indicators", "cost_after_idr")),
        ("Cost before (IDR)", ("indicators", "cost_before_idr")),
        ("IKM Sebelum", ("indicators", "satisfaction_before")),
        ("Nilai IKM Sesudah", ("indicators", "satisfaction_after")),
        ("Jumlah Pengaduan Sebelum (per bulan)", ("indicators", "complaints_before")),
        ("Link SK Inovasi", ("attachments", "decree")),
        ("Upload SK Inovasi", ("attachments", "decree")),
        ("Nilai Tambah Inovasi (jelaskan)", ("sections", "novelty")),
        ("Link Video", ("attachments", "video")),
        ("Bukti Dukung", ("attachments", "evidence")),
    ],
)
def test_read_as_form_questions_name_their_field(header: str, path: RawPath) -> None:
    columns, notices = parse_header([header], "f.csv")
    assert ([c.path if c else None for c in columns], notices) == ([path], [])


@pytest.mark.parametrize(
    "header",
    [
        "Timestamp",
        "Cap waktu",
        "Email Address",
        "Tanggal Pengisian",
        "Nama Lengkap",
        "Skor Juri",
        "Nilai Akhir",
        "Nilai Kebaruan",
        "Skor Kebaruan",
        "Catatan Verifikator",
        "No",
    ],
)
def test_columns_naming_nothing_a_proposal_holds_stay_warnings(header: str) -> None:
    columns, notices = parse_header([header, "judul"], "f.csv")
    assert columns[0] is None
    assert [(n.render(), n.severity) for n in notices] == [
        (
            f"f.csv:1:A: {header}: column is not a proposal field, so it is not read",
            Severity.WARNING,
        )
    ]


@pytest.mark.parametrize(
    ("header", "close"),
    [
        ("Judull", "judul"),
        ("Kategory", "kategori"),
        ("Tanggal Mulai Uji Coba", "tanggal_mulai"),
        ("Judul Kegiatan", "judul"),
        ("Biaya Operasional", "biaya_sebelum"),
        ("Waktu Layanan Sebelum (hari)", "waktu_layanan_sebelum_jam"),
        ("Jumlah Penerima Manfaat (ribu jiwa)", "penerima_manfaat"),
        ("Biaya Sesudah (juta rupiah)", "biaya_sesudah"),
        ("Penghargaan Lain", "penghargaan"),
    ],
)
def test_columns_resembling_a_field_are_not_read_and_say_what_to_write(
    header: str, close: str
) -> None:
    assert read_as(header) is None
    assert resembles(header) == close


def test_column_in_another_unit_makes_its_rows_invalid_in_both_languages(
    batch_dir: Path, choices: CallChoices
) -> None:
    headers = [*GOOGLE_FORM_HEADERS, "Waktu Layanan Sebelum (hari)"]
    path = write_csv(
        batch_dir, "form.csv", [headers, [*google_form_row("Layanan Sosial Ramah"), "3"]]
    )
    entry = load(batch_dir, choices).entries[0]
    assert entry.status is Status.INVALID
    assert [(p.render(), p.render(Lang.ID)) for p in entry.problems] == [
        (
            f"{path}:2:P: Waktu Layanan Sebelum (hari): column is not a proposal field, so it "
            "is not read; did you mean 'waktu_layanan_sebelum_jam'?",
            f"{path}:2:P: Waktu Layanan Sebelum (hari): kolom ini bukan isian proposal, jadi "
            "tidak dibaca; mungkin maksudnya 'waktu_layanan_sebelum_jam'?",
        )
    ]


def test_core_words_drop_numbering_explanations_and_the_question() -> None:
    assert [
        core_words(h)
        for h in ("2. Latar Belakang dan Tujuan: jelaskan", "Biaya Sebelum (Rp)", "E-mail")
    ] == ["latar belakang dan tujuan", "biaya sebelum", "e mail"]


def test_yaml_key_in_a_forms_wording_gets_the_field_as_did_you_mean(
    batch_dir: Path, choices: CallChoices
) -> None:
    text = (
        "Judul Inovasi: Layanan Sosial Keliling\ninstansi: Dinas Sosial\nkelompok: umum\n"
        "kategori: inklusif\ntpb: [1]\ntanggal_mulai: 2018-09-10\ntahapan: penerapan\n"
        "digital: ya\nuraian: {}\nindikator:\n  Jumlah Penerima Manfaat: 4.870\n"
    )
    path = write_yaml(batch_dir, "layanan.yaml", text)
    entry = load(batch_dir, choices).entries[0]
    assert [(p.render(), p.render(Lang.ID)) for p in entry.problems] == [
        (
            f"{path}: title: required, but missing; add `title (judul):`",
            f"{path}: judul: wajib diisi, tetapi kosong; tambahkan `judul:`",
        ),
        (
            f"{path}:1: Judul Inovasi: unknown field 'Judul Inovasi'; did you mean 'judul'?",
            f"{path}:1: Judul Inovasi: isian 'Judul Inovasi' tidak dikenal; mungkin maksudnya "
            "'judul'?",
        ),
        (
            f"{path}:11: indicators.Jumlah Penerima Manfaat: unknown field 'Jumlah Penerima "
            "Manfaat'; did you mean 'penerima_manfaat'?",
            f"{path}:11: indikator.Jumlah Penerima Manfaat: isian 'Jumlah Penerima Manfaat' "
            "tidak dikenal; mungkin maksudnya 'penerima_manfaat'?",
        ),
    ]


def test_numbered_list_columns_in_words_fill_their_items(
    batch_dir: Path, choices: CallChoices
) -> None:
    headers = [*GOOGLE_FORM_HEADERS[:-1], "Nama Inovator 1", "Email Inovator 1", "Nama Inovator 2"]
    row = [
        *google_form_row("Layanan Sosial Keliling")[:-1],
        "Sri Wahyuni",
        "sri@example.go.id",
        "Budi",
    ]
    write_csv(batch_dir, "form.csv", [headers, row])
    proposal = load(batch_dir, choices).entries[0].proposal
    assert proposal is not None
    assert [(i.name, i.email) for i in proposal.innovators] == [
        ("Sri Wahyuni", "sri@example.go.id"),
        ("Budi", None),
    ]


def test_one_cell_list_and_a_numbered_column_of_it_clash(
    batch_dir: Path, choices: CallChoices
) -> None:
    headers = [*GOOGLE_FORM_HEADERS, "Replikasi 1"]
    path = write_csv(
        batch_dir, "form.csv", [headers, [*google_form_row("Layanan Sosial"), "Dinas X"]]
    )
    assert [said(n.message) for n in load(batch_dir, choices).notices] == [
        "same field as column O; keep one of the two columns"
    ]
    assert path.exists()
