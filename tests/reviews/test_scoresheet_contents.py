"""What a reviewer reads in a scoresheet: headings in the sheets' language, the instructions
(scale, what each score means, return date, how to send it back), each proposal's evidence,
and a scores sheet laid out to be filled in and printed."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import openpyxl
from builders import proposal_data, write_text, write_yaml
from review_builders import LABELS, LABELS_EN, RUBRIC, make_proposal, reviewer
from typer.testing import CliRunner

from kipp.assignment.scoresheets import scoresheets
from kipp.core.i18n import Lang
from kipp.measures.novelty import Neighbour, NoveltyMeasure
from kipp.reviews.models import Assignment
from kipp_app.cli import app

INDICATORS = {
    "beneficiaries": 1200,
    "target_population": 1600,
    "service_time_before_hours": 48,
    "cost_before_idr": 150000,
    "cost_after_idr": 0,
}


def workbook(content: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(content))


def rows(sheet: object) -> list[tuple[object, ...]]:
    return list(sheet.iter_rows(values_only=True))  # type: ignore[attr-defined]


def measure(*nearest: Neighbour) -> NoveltyMeasure:
    top = max((n.similarity for n in nearest), default=0.0)
    return NoveltyMeasure(
        score=1 - top,
        max_prior_similarity=top,
        max_batch_similarity=0.0,
        nearest=list(nearest),
        flags=[],
    )


PRIOR = Neighbour(
    kind="prior",
    id="posyandu-keliling",
    title="Posyandu Keliling",
    agency="Dinas Kesehatan Kabupaten Jombang",
    year=2020,
    similarity=0.4213,
)


def batch_neighbour(pid: str, similarity: float) -> Neighbour:
    return Neighbour(
        kind="batch",
        id=pid,
        title=f"Layanan Nomor {pid}",
        agency="Dinas Pendidikan",
        year=None,
        similarity=similarity,
    )


def one_sheet(
    blind: bool = False,
    lang: Lang = Lang.ID,
    deadline: date | None = None,
    novelty: dict[str, NoveltyMeasure] | None = None,
) -> openpyxl.Workbook:
    files = scoresheets(
        [Assignment(reviewer="r", proposal="p1"), Assignment(reviewer="r", proposal="p2")],
        [reviewer("r")],
        [
            make_proposal("p1", indicators=INDICATORS),
            make_proposal("p2", agency="Dinas Pendidikan", title="Layanan Nomor p2"),
        ],
        RUBRIC,
        blind,
        lang,
        novelty=novelty,
        deadline=deadline,
    )
    return workbook(files["r.xlsx"])


def test_english_sheets_head_every_column_and_sheet_in_english() -> None:
    book = one_sheet(lang=Lang.EN)
    assert [s.title for s in book.worksheets] == [
        "Scores",
        "Instructions",
        "Evidence",
        "Proposal texts",
    ]
    assert rows(book.worksheets[0])[0] == (
        "Reviewer", "Proposal code", "Title", "Agency", *LABELS_EN, "Comments",
    )  # fmt: skip
    assert rows(book.worksheets[2])[0] == ("Proposal code", "Evidence", "Details")
    assert rows(book.worksheets[3])[0] == ("Proposal code", "Section", "Text")


def test_instructions_give_the_scale_each_score_meaning_the_return_date_and_how_to_return() -> None:
    guide = rows(one_sheet(deadline=date(2022, 5, 20), novelty={}).worksheets[1])
    assert guide[:11] == [
        ("Petunjuk pengisian lembar penilaian", None, None),
        (None, None, None),
        ("Juri", None, "R (r)"),
        ("Kompetisi", None, "KIPP 2022"),
        ("Batas pengembalian", None, "20 Mei 2022"),
        ("Proposal yang dinilai", None, "2 proposal pada lembar 'Nilai'."),
        (
            "Skala nilai",
            None,
            "Beri setiap kriteria nilai bilangan bulat 1 sampai 5: 1 paling rendah, 5 paling "
            "tinggi. Arti setiap nilai per kriteria tercantum di bawah. Pilih nilai dari daftar "
            "pada sel; nilai lain akan ditolak.",
        ),
        (
            "Cara mengisi",
            None,
            "Isi satu baris untuk setiap proposal pada lembar 'Nilai'. Nilai yang kosong "
            "dianggap belum dinilai; lembar boleh dikembalikan sebagian. Tuliskan alasan "
            "singkat pada kolom 'Catatan'.",
        ),
        (
            "Bukti",
            None,
            "Lembar 'Bukti' memuat untuk setiap proposal: tautan lampiran (SK, video, bukti "
            "pendukung), indikator sebelum dan sesudah inovasi sebagaimana dilaporkan, "
            "jangkauan penerima manfaat, replikasi, dan inovasi serupa yang paling mirip. "
            "Kemiripan bernilai 0 sampai 1 (makin tinggi makin mirip); mulai 0,37 proposal "
            "perlu diperiksa sebagai kemungkinan replikasi. Teks lengkap ada pada lembar "
            "'Teks proposal'.",
        ),
        (
            "Cara mengembalikan",
            None,
            "Simpan berkas dalam format .xlsx, .ods atau .csv. Jangan mengubah judul kolom, "
            "kolom 'Juri' dan 'Kode proposal', maupun nama lembar 'Nilai'. Kirimkan berkas "
            "kepada koordinator sebelum batas pengembalian.",
        ),
        (None, None, None),
    ]
    assert guide[11] == ("Kriteria", "Nilai", "Arti nilai")
    background = RUBRIC.reviewed_criteria[0]
    assert guide[12:17] == [
        (LABELS[0] if score == 1 else None, score, background.levels[score - 1].id)
        for score in range(1, 6)
    ]
    assert guide[12][2] == "Masalah tidak jelas dan tujuan tidak dirumuskan."
    assert len(guide) == 12 + 5 * len(RUBRIC.reviewed_criteria)
    assert [r[0] for r in guide[12::5]] == LABELS


def test_instructions_without_a_deadline_or_novelty_say_so() -> None:
    guide = {r[0]: r[2] for r in rows(one_sheet().worksheets[1]) if r[0]}
    assert guide["Batas pengembalian"] == "Sesuai pemberitahuan koordinator."
    assert guide["Bukti"] == (
        "Lembar 'Bukti' memuat untuk setiap proposal: tautan lampiran (SK, video, bukti "
        "pendukung), indikator sebelum dan sesudah inovasi sebagaimana dilaporkan, jangkauan "
        "penerima manfaat dan replikasi. Kemiripan dengan inovasi lain belum dihitung untuk "
        "lembar ini. Teks lengkap ada pada lembar 'Teks proposal'."
    )


def test_evidence_lists_attachments_indicators_reach_replications_and_similar_innovations() -> None:
    novelty = {"p1": measure(PRIOR, batch_neighbour("p2", 0.3)), "p2": measure()}
    book = one_sheet(novelty=novelty)
    evidence = book.worksheets[2]
    assert rows(evidence) == [
        ("Kode proposal", "Bukti", "Keterangan"),
        ("p1", "Judul", "Layanan Kesehatan Keliling"),
        ("p1", "SK penetapan inovasi", "sk-kepala-dinas.pdf"),
        ("p1", "Video", "https://example.org/video"),
        ("p1", "Bukti pendukung", "foto-layanan.jpg"),
        ("p1", "Waktu layanan (jam)", "sebelum 48; sesudah tidak diisi"),
        ("p1", "Biaya layanan (Rp)", "sebelum 150.000; sesudah 0"),
        ("p1", "Penerima manfaat", "1.200"),
        ("p1", "Populasi sasaran", "1.600"),
        ("p1", "Jangkauan", "75,0% dari populasi sasaran"),
        ("p1", "Replikasi", "Dinas Kesehatan, Kabupaten Jombang, 2021"),
        (
            "p1",
            "Inovasi terdahulu yang mirip",
            "Posyandu Keliling (Dinas Kesehatan Kabupaten Jombang, 2020); kemiripan 0,42",
        ),
        (
            "p1",
            "Proposal lain yang mirip dalam kumpulan ini",
            "Layanan Nomor p2 (Dinas Pendidikan); kemiripan 0,30",
        ),
        ("p2", "Judul", "Layanan Nomor p2"),
        ("p2", "SK penetapan inovasi", "sk-kepala-dinas.pdf"),
        ("p2", "Video", "https://example.org/video"),
        ("p2", "Bukti pendukung", "foto-layanan.jpg"),
        ("p2", "Waktu layanan (jam)", "sebelum 48; sesudah tidak diisi"),
        ("p2", "Penerima manfaat", "1.200"),
        ("p2", "Replikasi", "Dinas Kesehatan, Kabupaten Jombang, 2021"),
        ("p2", "Inovasi serupa", "Tidak ditemukan inovasi yang mirip."),
    ]
    assert evidence["C4"].hyperlink.target == "https://example.org/video"
    assert evidence["C3"].hyperlink is None  # a file name is not a link
    assert evidence.freeze_panes == "B2"


def test_evidence_says_similarity_was_not_computed_without_the_novelty_measure() -> None:
    evidence = rows(one_sheet(lang=Lang.EN).worksheets[2])
    assert [r for r in evidence if r[0] == "p1"][-1] == (
        "p1",
        "Similar innovations",
        "Similarity was not computed for this sheet.",
    )
    assert ("p1", "Service time (hours)", "before 48; after not given") in evidence
    assert ("p1", "Reach", "75.0% of the target population") in evidence


def test_blind_evidence_leaves_out_attachments_and_names_other_packets_by_code() -> None:
    novelty = {
        "p1": measure(PRIOR, batch_neighbour("p2", 0.3), batch_neighbour("p9", 0.25)),
        "p2": measure(),
    }
    book = one_sheet(blind=True, novelty=novelty)
    codes = {r[1] for r in rows(book.worksheets[0])[1:]}
    evidence = rows(book.worksheets[2])
    [first] = [r[0] for r in evidence if r[2] == "Layanan Kesehatan Keliling"]
    [other] = sorted(codes - {first})
    assert [r[1:] for r in evidence if r[0] == first] == [
        ("Judul", "Layanan Kesehatan Keliling"),
        (
            "Lampiran",
            "Tidak disertakan pada paket tanpa identitas; mintalah kepada koordinator bila "
            "diperlukan.",
        ),
        ("Waktu layanan (jam)", "sebelum 48; sesudah tidak diisi"),
        ("Biaya layanan (Rp)", "sebelum 150.000; sesudah 0"),
        ("Penerima manfaat", "1.200"),
        ("Populasi sasaran", "1.600"),
        ("Jangkauan", "75,0% dari populasi sasaran"),
        ("Replikasi", "[instansi], Kabupaten Jombang, 2021"),
        (
            "Inovasi terdahulu yang mirip",
            "Posyandu Keliling ([instansi] Kabupaten Jombang, 2020); kemiripan 0,42",
        ),
        ("Proposal lain yang mirip dalam kumpulan ini", f"{other}; kemiripan 0,30"),
    ]  # p9 is in no packet: neither its title nor its agency is shown
    cells = "\n".join(str(c) for r in evidence for c in r if c)
    assert "p9" not in cells and "Dinas Pendidikan" not in cells
    assert "http" not in cells
    guide = {r[0]: r[2] for r in rows(book.worksheets[1]) if r[0]}
    assert guide["Tanpa identitas"] == (
        "Nama instansi dan inovator disamarkan dan proposal disebut dengan kode paket. "
        "Lampiran tidak disertakan karena dapat memuat identitas; mintalah kepada koordinator "
        "bila diperlukan."
    )


def test_scores_sheet_is_laid_out_to_be_filled_in_and_printed() -> None:
    book = one_sheet()
    scores = book.worksheets[0]
    assert all(cell.font.bold for cell in scores[1])
    assert scores.freeze_panes == "C2"
    widths = [scores.column_dimensions[c].width for c in "ABCDEFGHIJKL"]
    assert widths == [18, 22, 40, 28, 16, 16, 16, 16, 16, 16, 16, 50]
    assert scores["C1"].alignment.wrap_text and scores["E1"].alignment.wrap_text
    assert scores["E2"].alignment.horizontal == "center"
    assert scores.row_dimensions[1].height == 30  # two lines for `Latar Belakang dan Tujuan`
    [check] = scores.data_validations.dataValidation
    assert (check.type, check.formula1, str(check.sqref)) == ("list", '"1,2,3,4,5"', "E2:K3")
    assert (check.showDropDown, check.showErrorMessage, check.showInputMessage) == (
        False,  # in openpyxl, True would hide the dropdown arrow
        True,
        True,
    )
    assert (check.error, check.prompt) == (
        "Isi bilangan bulat 1 sampai 5.",
        "Pilih bilangan bulat 1 sampai 5 dari daftar.",
    )
    for sheet in book.worksheets:
        setup = sheet.page_setup
        assert (setup.orientation, setup.paperSize, setup.fitToWidth, setup.fitToHeight) == (
            "landscape",
            9,  # A4
            1,
            0,
        ), sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    assert scores.print_title_rows == "$1:$1"
    assert book.worksheets[1].print_title_rows == "$12:$12"  # the criteria table's header


def test_assign_shows_the_return_date_and_the_similar_innovations_the_run_measures(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "batch"
    for i, agency in enumerate(["Dinas Kesehatan", "Dinas Pendidikan"]):
        write_yaml(folder, f"p{i}.yaml", proposal_data(agency=agency, title=f"Layanan Nomor {i}"))
    write_text(folder, "reviewers.yaml", "reviewers:\n  - {id: r0, name: Rina}\n")
    out = tmp_path / "out"
    args = ["assign", str(folder), "-k", "1", "--deadline", "2022-05-20", "-o", str(out)]
    result = CliRunner().invoke(app, [*args, "--lang", "id"])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out / "r0.xlsx")
    guide = {r[0]: r[2] for r in rows(book.worksheets[1]) if r[0]}
    assert guide["Batas pengembalian"] == "20 Mei 2022"
    similar = [r for r in rows(book.worksheets[2]) if r[0] == "p0" and "mirip" in str(r[1])]
    assert [r[1] for r in similar][:1] == ["Proposal lain yang mirip dalam kumpulan ini"]
    assert str(similar[0][2]).startswith("Layanan Nomor 1 (Dinas Pendidikan); kemiripan ")
    assert len(similar) >= 2  # the prior innovations nearest to it as well


def test_assign_refuses_a_deadline_that_is_not_a_date(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["assign", str(tmp_path), "--deadline", "20-05-2022"])
    assert result.exit_code == 2
    assert "20-05-2022" in result.output


def test_assign_takes_the_return_date_from_the_batch_settings(tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    for i, agency in enumerate(["Dinas Kesehatan", "Dinas Pendidikan"]):
        write_yaml(folder, f"p{i}.yaml", proposal_data(agency=agency, title=f"Layanan Nomor {i}"))
    write_text(folder, "reviewers.yaml", "reviewers:\n  - {id: r0, name: Rina}\n")
    write_text(
        folder, "_kumpulan.yaml", "region: Pemerintah Kota Contoh\nreview_deadline: 2022-04-22\n"
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["assign", str(folder), "-k", "1", "-o", str(out)])
    assert result.exit_code == 0, result.output
    guide = {
        r[0]: r[2] for r in rows(openpyxl.load_workbook(out / "r0.xlsx").worksheets[1]) if r[0]
    }
    assert guide["Batas pengembalian"] == "22 April 2022"
