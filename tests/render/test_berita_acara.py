"""The minutes of the selection (Berita Acara Hasil Seleksi): printed and signed unchanged,
so their text is read back from the PDF as a person reads it."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

from kipp.core.i18n import Lang
from kipp.documents.render.html import render_minutes_html
from kipp.documents.render.minutes import BLANK_NAME, date_in_words, minutes_view, words_id
from kipp.documents.render.minutes_docx import PROPERTY_CHARS, _properties, minutes_docx
from kipp.results import Results
from kipp.rubric import load_rubric
from kipp.shortlist.approval import Decision, Move

SAMPLE = Path(__file__).resolve().parents[2] / "submissions" / "mojokerto-2022"
PANEL = [
    "Dr. Bagus Hermawan",
    "Dr. Citra Maharani, M.Si.",
    "Dimas Ardiansyah, S.Kom.",
    "Endang Susilowati, S.KM.",
    "Hadi Purnomo, M.AP.",
    "Yuliana Safitri, S.E.",
]
NOMINEES = [
    "SEMPELMAS (Sedekah Minyak Jelantah untuk Pelayanan Masyarakat)",
    "Gayatri (Gerakan Sayang Ibu Hamil Risiko Tinggi)",
    "Brantas Tuntas (Berantas Perundungan sampai Tuntas)",
    "Curhat Ning Ita (Layanan Curahan Hati dan Pengaduan Warga kepada Wali Kota)",
    "Si Mapan (Sistem Informasi Manajemen Antrean Pasien Online)",
]

Run = Callable[[Path, Lang], tuple[Results, Path]]


def pdf_text(path: Path) -> str:
    """The PDF's text with every run of white space as one space."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "nol"),
        (1, "satu"),
        (11, "sebelas"),
        (15, "lima belas"),
        (20, "dua puluh"),
        (25, "dua puluh lima"),
        (100, "seratus"),
        (111, "seratus sebelas"),
        (1000, "seribu"),
        (1995, "seribu sembilan ratus sembilan puluh lima"),
        (2022, "dua ribu dua puluh dua"),
        (21_000_000, "dua puluh satu juta"),
    ],
)
def test_numbers_are_written_in_indonesian_words(n: int, words: str) -> None:
    assert words_id(n) == words


def test_meeting_day_is_written_out_as_minutes_open() -> None:
    assert date_in_words(date(2022, 4, 25), Lang.ID) == (
        "Senin, tanggal dua puluh lima bulan April tahun dua ribu dua puluh dua (25 April 2022)"
    )
    assert date_in_words(date(2022, 4, 25), Lang.EN) == "Monday, 25 April 2022"


def test_run_keeps_the_settings_with_the_review_panel_as_members(written_run: Run) -> None:
    results, _ = written_run(SAMPLE, Lang.ID)

    assert results.run.settings is not None
    assert [m.name for m in results.run.settings.members] == PANEL
    assert results.run.settings.members[0].position == "Akademisi administrasi publik, Surabaya"
    assert results.run.settings.members[2].position == "Dinas Komunikasi dan Informatika"


def test_berita_acara_opens_with_the_day_place_and_basis_in_words(written_run: Run) -> None:
    _, out = written_run(SAMPLE, Lang.ID)
    text = pdf_text(out / "berita-acara.pdf")

    assert text.startswith(
        "PEMERINTAH KOTA MOJOKERTO Bagian Organisasi Sekretariat Daerah BERITA ACARA HASIL "
        "SELEKSI Kompetisi Inovasi Pelayanan Publik (KIPP) 2022 Nomor: ....."
    )
    assert (
        "Pada hari ini, Senin, tanggal dua puluh lima bulan April tahun dua ribu dua puluh dua "
        "(25 April 2022), bertempat di Ruang Rapat Bagian Organisasi, Kantor Pemerintah Kota "
        "Mojokerto, berdasarkan Keputusan Sekretaris Daerah Kota Mojokerto tentang Tim Penilai "
        "Inovasi Pelayanan Publik Kota Mojokerto Tahun 2022, telah dilaksanakan rapat seleksi "
        "Kompetisi Inovasi Pelayanan Publik (KIPP) 2022 di lingkungan Pemerintah Kota "
        "Mojokerto, dengan hasil sebagai berikut."
    ) in text


def test_berita_acara_counts_every_file_in_the_one_status_vocabulary(written_run: Run) -> None:
    _, out = written_run(SAMPLE, Lang.ID)
    text = pdf_text(out / "berita-acara.pdf")

    assert (
        "Tim Penilai menerima 16 berkas: 15 berkas memuat 17 proposal, dan 1 berkas tidak "
        "terbaca. Sebanyak 14 proposal diperiksa pemenuhan syaratnya, dan 10 proposal yang "
        "memenuhi syarat dinilai. Penilaian "
        "dilakukan oleh 6 orang juri. Batas waktu penilaian oleh juri adalah 22 April 2022."
    ) in text
    for row in (
        "Berkas diterima 16",
        "Berkas tidak terbaca (tanpa proposal yang dapat dibaca) 1",
        "Proposal diterima dari berkas yang terbaca 17",
        "Masuk daftar pendek 5",
        "Dinilai tetapi tidak masuk daftar pendek 5",
        "Tidak memenuhi syarat 4",
        "Tidak valid 3",
    ):
        assert row in text


def test_berita_acara_lists_the_nominees_in_rank_order(written_run: Run) -> None:
    results, _ = written_run(SAMPLE, Lang.ID)
    view = minutes_view(results, load_rubric().rubric)

    assert [(n.number, n.rank, n.title, n.total) for n in view.nominees] == [
        ("1", "1", NOMINEES[0], "75,34"),
        ("2", "2", NOMINEES[1], "74,71"),
        ("3", "4", NOMINEES[2], "70,50"),
        ("4", "6", NOMINEES[3], "67,84"),
        ("5", "7", NOMINEES[4], "67,09"),
    ]
    assert view.decision == (
        "Daftar pendek ditetapkan sesuai urutan peringkat hasil penilaian, tanpa perubahan."
    )
    assert view.skipped[0] == (
        "Ngarang Biji Goodbye (Ngajak Remaja Minum Tablet Besi, Goodbye Anemia) (Dinas "
        "Kesehatan, Pengendalian Penduduk dan Keluarga Berencana): Peringkat 3; Dinas "
        "Kesehatan, Pengendalian Penduduk dan Keluarga Berencana sudah memiliki 1 nominasi, "
        "yaitu Gayatri (Gerakan Sayang Ibu Hamil Risiko Tinggi), sebanyak batas nominasi "
        "per instansi."
    )


def test_berita_acara_pdf_shows_nominees_in_order_and_every_signatory(written_run: Run) -> None:
    _, out = written_run(SAMPLE, Lang.ID)
    text = pdf_text(out / "berita-acara.pdf")
    flat = text.replace(" ", "")

    places = [flat.index(title.replace(" ", "")) for title in NOMINEES]
    assert places == sorted(places)
    assert (
        "Demikian Berita Acara ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana "
        "mestinya. Mojokerto, 25 April 2022"
    ) in text
    signatures = text[text.rindex("Tim Penilai No. Nama") :]
    for name in ["Ir. Retno Wulandari, M.T.", *PANEL]:
        assert name in signatures
    assert signatures.endswith(
        "Koordinator seleksi, Kepala Bagian Organisasi Sekretariat Daerah Fajar Nugroho, S.Sos. "
        "NIP 19800101 200501 1 000 Mengetahui, Sekretaris Daerah Kota Mojokerto Dr. Hendra "
        "Kusumawardana, M.Si. NIP 19700101 199501 1 000 3 / 3"
    )


def test_berita_acara_in_english_with_lang_en(written_run: Run) -> None:
    _, out = written_run(SAMPLE, Lang.EN)
    text = pdf_text(out / "berita-acara.pdf")

    assert "MINUTES OF THE SELECTION" in text
    assert (
        "On Monday, 25 April 2022, at Ruang Rapat Bagian Organisasi, Kantor Pemerintah Kota "
        "Mojokerto, pursuant to Keputusan Sekretaris Daerah Kota Mojokerto tentang Tim Penilai "
        "Inovasi Pelayanan Publik Kota Mojokerto Tahun 2022, the selection meeting of "
        "Kompetisi Inovasi Pelayanan Publik (KIPP) 2022 for Pemerintah Kota Mojokerto was "
        "held, with the following results."
    ) in text
    assert "The shortlist stands as ranked by the scores, without changes." in text


def test_without_settings_the_minutes_leave_names_to_be_written_in(written_run: Run) -> None:
    results, _ = written_run(SAMPLE, Lang.ID)
    bare = results.model_copy(update={"run": results.run.model_copy(update={"settings": None})})

    view = minutes_view(bare, load_rubric().rubric)
    html = render_minutes_html(bare, load_rubric().rubric)

    assert view.region == "" and view.officials == ()
    assert view.opening == (
        "Pada hari ini, Rabu, tanggal dua puluh bulan April tahun dua ribu dua puluh dua "
        "(20 April 2022), telah dilaksanakan rapat seleksi Kompetisi Inovasi Pelayanan Publik "
        "(KIPP) 2022, dengan hasil sebagai berikut."
    )
    assert [(s.role, s.name) for s in view.signatures] == [
        ("Ketua", BLANK_NAME),
        *[("Anggota", name) for name in PANEL],
    ]
    assert (
        "<title>Berita Acara Hasil Seleksi: Kompetisi Inovasi Pelayanan Publik (KIPP) 2022" in html
    )
    assert str(SAMPLE) not in html


def test_berita_acara_records_the_coordinators_moves_with_their_reasons(written_run: Run) -> None:
    results, _ = written_run(SAMPLE, Lang.ID)
    decision = Decision(
        decided_by="Fajar Nugroho",
        moves=[
            Move(
                proposal_id="seruling-mas",
                direction="in",
                reason="Menjangkau lansia yang tidak dapat datang ke puskesmas.",
            )
        ],
    )

    view = minutes_view(results.model_copy(update={"approval": decision}), load_rubric().rubric)

    assert view.decision == "Daftar pendek diputuskan oleh Fajar Nugroho: 1 proposal dipindahkan."
    assert view.decision_note == "Perubahan atas daftar pendek beserta alasannya:"
    assert view.moves == (
        "Seruling Mas (Serbuan Vaksinasi Keliling untuk Lansia dan Masyarakat Rentan): "
        "dimasukkan. Alasan: Menjangkau lansia yang tidak dapat datang ke puskesmas.",
    )


def test_berita_acara_docx_holds_the_minutes_paragraph_by_paragraph(written_run: Run) -> None:
    _, out = written_run(SAMPLE, Lang.ID)
    doc = Document(str(out / "berita-acara.docx"))

    assert [(p.style.name if p.style else "", p.text) for p in doc.paragraphs if p.text] == [
        ("Normal", "PEMERINTAH KOTA MOJOKERTO"),
        ("Normal", "Bagian Organisasi Sekretariat Daerah"),
        ("Heading 1", "BERITA ACARA HASIL SELEKSI"),
        ("Normal", "Kompetisi Inovasi Pelayanan Publik (KIPP) 2022"),
        ("Normal", "Nomor: " + "." * 44),
        (
            "Normal",
            "Pada hari ini, Senin, tanggal dua puluh lima bulan April tahun dua ribu dua puluh "
            "dua (25 April 2022), bertempat di Ruang Rapat Bagian Organisasi, Kantor Pemerintah "
            "Kota Mojokerto, berdasarkan Keputusan Sekretaris Daerah Kota Mojokerto tentang Tim "
            "Penilai Inovasi Pelayanan Publik Kota Mojokerto Tahun 2022, telah dilaksanakan "
            "rapat seleksi Kompetisi Inovasi Pelayanan Publik (KIPP) 2022 di lingkungan "
            "Pemerintah Kota Mojokerto, dengan hasil sebagai berikut.",
        ),
        ("Heading 2", "1. Tim Penilai yang hadir"),
        ("Normal", "Rapat dihadiri oleh Tim Penilai sebagai berikut:"),
        ("Heading 2", "2. Proposal yang diterima, diperiksa dan dinilai"),
        (
            "Normal",
            "Tim Penilai menerima 16 berkas: 15 berkas memuat 17 proposal, dan 1 berkas tidak "
            "terbaca. Sebanyak 14 proposal diperiksa pemenuhan syaratnya, dan 10 proposal yang "
            "memenuhi syarat dinilai. "
            "Penilaian dilakukan oleh 6 orang juri. Batas waktu penilaian oleh juri adalah "
            "22 April 2022.",
        ),
        ("Heading 2", "3. Daftar pendek"),
        (
            "Normal",
            "Berdasarkan hasil penilaian, Tim Penilai menetapkan 5 proposal inovasi berikut "
            "masuk daftar pendek untuk dinominasikan, menurut urutan peringkat:",
        ),
        (
            "Normal",
            "Proposal berikut berperingkat lebih tinggi daripada nominasi terakhir tetapi tidak "
            "masuk daftar pendek:",
        ),
        (
            "List Bullet",
            "Ngarang Biji Goodbye (Ngajak Remaja Minum Tablet Besi, Goodbye Anemia) (Dinas "
            "Kesehatan, Pengendalian Penduduk dan Keluarga Berencana): Peringkat 3; Dinas "
            "Kesehatan, Pengendalian Penduduk dan Keluarga Berencana sudah memiliki 1 nominasi, "
            "yaitu Gayatri (Gerakan Sayang Ibu Hamil Risiko Tinggi), sebanyak batas nominasi "
            "per instansi.",
        ),
        (
            "List Bullet",
            "Seruling Mas (Serbuan Vaksinasi Keliling untuk Lansia dan Masyarakat Rentan) (UPT "
            "Puskesmas Kedundung): Peringkat 5; Dinas Kesehatan, Pengendalian Penduduk dan "
            "Keluarga Berencana sudah memiliki 1 nominasi, yaitu Gayatri (Gerakan Sayang Ibu "
            "Hamil Risiko Tinggi), sebanyak batas "
            "nominasi per instansi.",
        ),
        ("Heading 2", "4. Keputusan atas daftar pendek"),
        (
            "Normal",
            "Daftar pendek ditetapkan sesuai urutan peringkat hasil penilaian, tanpa perubahan.",
        ),
        (
            "Normal",
            "Demikian Berita Acara ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana "
            "mestinya.",
        ),
        ("Normal", "Mojokerto, 25 April 2022"),
        ("Heading 2", "Tim Penilai"),
    ]


def test_berita_acara_docx_tables_hold_the_panel_counts_nominees_and_signatures(
    written_run: Run,
) -> None:
    _, out = written_run(SAMPLE, Lang.ID)
    doc = Document(str(out / "berita-acara.docx"))
    panel, counts, nominees, signatures, officials = (
        [[cell.text for cell in row.cells] for row in table.rows] for table in doc.tables
    )
    chair = "Ir. Retno Wulandari, M.T."
    positions = [
        "Akademisi administrasi publik, Surabaya",
        "Akademisi kesehatan masyarakat, Malang",
        "Dinas Komunikasi dan Informatika",
        "Dinas Kesehatan",
        "Praktisi pelayanan publik",
        "Inspektorat Daerah",
    ]

    assert panel == [
        ["No.", "Nama", "Kedudukan dalam tim", "Jabatan"],
        ["1", chair, "Ketua", "Asisten Administrasi Umum Sekretariat Daerah"],
        *[
            [str(i), name, "Anggota", position]
            for i, (name, position) in enumerate(zip(PANEL, positions, strict=True), start=2)
        ],
    ]
    assert counts == [
        ["Uraian", "Jumlah"],
        ["Berkas diterima", "16"],
        ["Berkas tidak terbaca (tanpa proposal yang dapat dibaca)", "1"],
        ["Proposal diterima dari berkas yang terbaca", "17"],
        ["Masuk daftar pendek", "5"],
        ["Dinilai tetapi tidak masuk daftar pendek", "5"],
        ["Tidak memenuhi syarat", "4"],
        ["Tidak valid", "3"],
    ]
    # the proposals' statuses add up to the proposals received
    assert sum(int(count) for _, count in counts[4:]) == int(counts[3][1])
    assert nominees == [
        ["No.", "Peringkat", "Judul", "Instansi", "Nilai total"],
        ["1", "1", NOMINEES[0], "Kelurahan Jagalan", "75,34"],
        ["2", "2", NOMINEES[1], "Dinas Kesehatan", "74,71"],
        ["3", "4", NOMINEES[2], "UPT SMP Negeri 5 Kota Mojokerto", "70,50"],
        ["4", "6", NOMINEES[3], "Dinas Komunikasi dan Informatika", "67,84"],
        ["5", "7", NOMINEES[4], "RSUD dr. Wahidin Sudiro Husodo", "67,09"],
    ]
    assert signatures == [
        ["No.", "Nama", "Kedudukan dalam tim", "Tanda tangan"],
        ["1", chair, "Ketua", "1. " + "." * 18],
        *[[str(i), name, "Anggota", f"{i}. " + "." * 18] for i, name in enumerate(PANEL, 2)],
    ]
    assert officials == [
        [
            "Koordinator seleksi,\nKepala Bagian Organisasi Sekretariat Daerah\n\n\n\n\n"
            "Fajar Nugroho, S.Sos.\nNIP 19800101 200501 1 000",
            "Mengetahui,\nSekretaris Daerah Kota Mojokerto\n\n\n\n\n"
            "Dr. Hendra Kusumawardana, M.Si.\nNIP 19700101 199501 1 000",
        ]
    ]


def test_berita_acara_docx_is_a4_titled_and_in_the_runs_language(written_run: Run) -> None:
    _, out = written_run(SAMPLE, Lang.EN)
    doc = Document(str(out / "berita-acara.docx"))
    section = doc.sections[0]

    sizes = (section.page_width, section.page_height, section.left_margin, section.right_margin)
    assert [round(size.mm, 1) for size in sizes if size is not None] == [210, 297, 25, 20]
    assert doc.core_properties.title == "Minutes of the selection: Pemerintah Kota Mojokerto"
    assert doc.core_properties.language == "en"
    assert doc.paragraphs[3].text == "MINUTES OF THE SELECTION"
    assert section.footer.paragraphs[0].text == "Page 1"
    assert doc.tables[2].rows[0].cells[2].text == "Title"
    assert _proofing(doc) == "en-GB"


def test_berita_acara_docx_properties_are_the_runs_not_the_blank_templates(
    written_run: Run,
) -> None:
    results, out = written_run(SAMPLE, Lang.ID)
    properties = Document(str(out / "berita-acara.docx")).core_properties
    finished = datetime.fromisoformat(results.run.finished_at).astimezone(UTC)

    assert properties.created == properties.modified == finished
    assert (properties.author, properties.last_modified_by) == ("Pemerintah Kota Mojokerto",) * 2
    assert properties.subject == "Kompetisi Inovasi Pelayanan Publik (KIPP) 2022"
    assert (properties.comments, properties.keywords, properties.revision) == ("", "", 1)


def _proofing(doc: Any) -> str:
    """The document's default language, which Word checks the spelling in."""
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    return str(defaults.find(qn("w:rPr")).find(qn("w:lang")).get(qn("w:val")))


def test_berita_acara_docx_in_indonesian_is_spell_checked_in_indonesian(written_run: Run) -> None:
    _, out = written_run(SAMPLE, Lang.ID)
    assert _proofing(Document(str(out / "berita-acara.docx"))) == "id-ID"


def test_berita_acara_docx_records_the_coordinators_moves(written_run: Run) -> None:
    results, _ = written_run(SAMPLE, Lang.ID)
    decision = Decision(
        decided_by="Fajar Nugroho",
        moves=[Move(proposal_id="seruling-mas", direction="in", reason="Menjangkau lansia.")],
    )
    view = minutes_view(results.model_copy(update={"approval": decision}), load_rubric().rubric)
    doc = Document(io.BytesIO(minutes_docx(view)))
    texts = [p.text for p in doc.paragraphs]

    start = texts.index("4. Keputusan atas daftar pendek")
    assert texts[start + 1 : start + 4] == [
        "Daftar pendek diputuskan oleh Fajar Nugroho: 1 proposal dipindahkan.",
        "Perubahan atas daftar pendek beserta alasannya:",
        "Seruling Mas (Serbuan Vaksinasi Keliling untuk Lansia dan Masyarakat Rentan): "
        "dimasukkan. Alasan: Menjangkau lansia.",
    ]
    assert doc.paragraphs[start + 3].style is not None
    assert doc.paragraphs[start + 3].style.name == "List Bullet"


def test_a_call_longer_than_a_document_property_holds_is_cut_there_not_refused() -> None:
    call = "Kompetisi Inovasi Pelayanan Publik " * 8  # 280 characters; the settings allow 300
    doc = Document()
    view = SimpleNamespace(title=f"Berita Acara: {call}", lang="id", region="", call=call)

    _properties(doc, view, None)  # type: ignore[arg-type]

    assert doc.core_properties.subject == call[:PROPERTY_CHARS]
    assert len(doc.core_properties.title) == len(doc.core_properties.author) == PROPERTY_CHARS
