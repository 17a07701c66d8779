"""Compliance, scorecards, charts and the workbook, from `Results` built directly."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from builders import said
from openpyxl import load_workbook
from render_builders import criteria, full_results, neighbour, novelty, proposal, results, rubric

from kipp.core.i18n import Lang, Text, text
from kipp.core.problems import Problem
from kipp.documents.compliance import compliance
from kipp.documents.render.charts import distribution
from kipp.documents.render.html import render_scorecard_html
from kipp.documents.render.problem_views import field_label, problem_view
from kipp.documents.render.reports import compliance_view, scorecard_view
from kipp.documents.workbook import workbook_bytes
from kipp.intake.registry import Matcher, Registry, load_registry
from kipp.results import (
    CriterionReviewsOut,
    ProblemOut,
    ProposalReviewsOut,
    ProposalStatus,
    RawScoreOut,
)

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_REGISTRY = ROOT / "submissions" / "mojokerto-2022" / "_agencies.yaml"

REGISTRY = Registry.model_validate(
    {
        "region": "Kota Mojokerto",
        "agencies": [
            {
                "name": "Dinas Kesehatan, Pengendalian Penduduk dan Keluarga Berencana",
                "aliases": ["Dinas Kesehatan", "Dinkes P2KB"],
                "unit_prefixes": ["UPT Puskesmas"],
            },
            {
                "name": "Badan Perencanaan Pembangunan Daerah, Penelitian dan Pengembangan",
                "aliases": ["Bappeda Litbang"],
            },
            {"name": "Kecamatan Kranggan", "units": ["Kelurahan Jagalan"]},
            {"name": "Dinas Perhubungan", "aliases": ["Dishub"]},
        ],
    }
)


@pytest.mark.parametrize(
    ("written", "agency"),
    [
        ("dinas  KESEHATAN", "Dinas Kesehatan, Pengendalian Penduduk dan Keluarga Berencana"),
        ("Dinas Kesehatan Kota Mojokerto", REGISTRY.agencies[0].name),
        ("Dinkes P2KB.", REGISTRY.agencies[0].name),
        ("UPT Puskesmas Kedundung", REGISTRY.agencies[0].name),
        ("Badan Perencanaan (Bappeda Litbang)", REGISTRY.agencies[1].name),
        ("Kelurahan Jagalan", "Kecamatan Kranggan"),
        ("DISHUB", "Dinas Perhubungan"),
        ("Dinas Sosial", None),
        ("UPT Puskesmasan", None),
    ],
)
def test_matcher_tolerates_case_spacing_region_and_abbreviations(
    written: str, agency: str | None
) -> None:
    assert Matcher(REGISTRY).match(written) == agency


def test_compliance_counts_each_stage_and_lists_agencies_without_proposals() -> None:
    proposals = [
        proposal(ProposalStatus.SHORTLISTED, id="a", agency="Dinas Kesehatan"),
        proposal(ProposalStatus.SCORED, id="b", agency="UPT Puskesmas Blooto"),
        proposal(ProposalStatus.INELIGIBLE, id="c", agency="Dishub"),
        proposal(ProposalStatus.INVALID, id="d", agency="Dinas Perhubungan"),
        proposal(ProposalStatus.INVALID, id="e", agency=None),
        proposal(ProposalStatus.SCORED, id="f", agency="Dinas Sosial"),
    ]
    counted = compliance(REGISTRY, "_agencies.yaml", proposals)

    rows = {c.agency: (c.submitted, c.valid, c.eligible, c.shortlisted) for c in counted.agencies}
    assert rows == {
        REGISTRY.agencies[0].name: (2, 2, 2, 1),
        REGISTRY.agencies[1].name: (0, 0, 0, 0),
        "Kecamatan Kranggan": (0, 0, 0, 0),
        "Dinas Perhubungan": (2, 1, 0, 0),
    }
    assert counted.without == [REGISTRY.agencies[1].name, "Kecamatan Kranggan"]
    assert [(c.agency, c.submitted) for c in counted.unknown] == [("Dinas Sosial", 1)]
    assert counted.no_agency.submitted == 1


def test_registry_problems_are_located_by_line(tmp_path: Path) -> None:
    path = tmp_path / "_agencies.yaml"
    path.write_text(
        "region: Kota Mojokerto\n"
        "agencies:\n"
        "  - name: Dinas Perhubungan\n"
        "    alias: [Dishub]\n"
        "  - aliases: [Dinkes]\n",
        encoding="utf-8",
    )
    load = load_registry(path)

    assert load is not None and load.registry is None
    assert [p.render() for p in load.problems] == [
        f"{path}:4: agencies.1.alias: unknown setting; known settings: name, aliases, units, "
        "unit_prefixes",
        f"{path}:5: agencies.2.name: required, but missing; add `name (nama):`",
    ]


def test_registry_takes_an_agency_named_with_nama_as_its_fix_says(tmp_path: Path) -> None:
    # the fix for a missing name says `name (nama):`, and `nama:` was then an unknown setting
    path = tmp_path / "_agencies.yaml"
    path.write_text(
        "region: Kota X\nagencies:\n  - nama: Dinas A\n  - name: Dinas B\n", encoding="utf-8"
    )
    load = load_registry(path)

    assert load is not None and load.problems == []
    assert load.registry is not None
    assert [a.name for a in load.registry.agencies] == ["Dinas A", "Dinas B"]


def test_registry_refuses_an_alias_naming_two_agencies(tmp_path: Path) -> None:
    path = tmp_path / "_agencies.yaml"
    path.write_text(
        "region: Kota X\nagencies:\n  - name: Dinas A\n    aliases: [DA]\n"
        "  - name: Dinas B\n    aliases: [da]\n",
        encoding="utf-8",
    )
    load = load_registry(path)

    assert load is not None
    assert [said(p.message) for p in load.problems] == [
        "'da' names both 'Dinas A' and 'Dinas B'; a name or alias may belong to one agency only"
    ]
    assert [said(p.message, Lang.ID) for p in load.problems] == [
        "'da' menamai 'Dinas A' sekaligus 'Dinas B'; satu nama atau alias hanya boleh milik "
        "satu instansi"
    ]


def test_missing_registry_gives_no_compliance(tmp_path: Path) -> None:
    assert load_registry(tmp_path / "_agencies.yaml") is None


def test_sample_registry_is_valid_and_matches_every_sample_agency() -> None:
    load = load_registry(SAMPLE_REGISTRY)
    assert load is not None and load.problems == []
    assert load.registry is not None
    matcher = Matcher(load.registry)
    sample_agencies = [
        "UPT SMP Negeri 5 Kota Mojokerto",
        "Dinas Komunikasi dan Informatika",
        "Bagian Umum Sekretariat Daerah",
        "SMP Negeri 7 Kota Mojokerto",
        "Dinas Pendidikan dan Kebudayaan",
        "Dinas Kesehatan",
        "Badan Perencanaan Pembangunan Daerah, Penelitian dan Pengembangan (Bappeda Litbang)",
        "Dinas Kesehatan, Pengendalian Penduduk dan Keluarga Berencana",
        "Dinas Kependudukan dan Pencatatan Sipil",
        "Satuan Polisi Pamong Praja",
        "Kelurahan Jagalan",
        "UPT Puskesmas Kedundung",
        "RSUD dr. Wahidin Sudiro Husodo",
        "Dinas Perhubungan",
        "Dinas Lingkungan Hidup",
    ]
    assert [a for a in sample_agencies if matcher.match(a) is None] == []


def test_broken_registry_view_says_so_in_words_and_keeps_its_problems_for_the_annex(
    tmp_path: Path,
) -> None:
    path = tmp_path / "_agencies.yaml"
    path.write_text("region: [\n", encoding="utf-8")
    view = compliance_view(load_registry(path), full_results(), Lang.EN)

    assert view is not None and not view.usable
    assert view.summary == (
        "The batch's agency registry cannot be used because it holds 1 error, so the "
        "“One Agency, One Innovation” table cannot be drawn up yet. Each error and where it "
        "stands are listed in the technical annex; once the registry is corrected, the run is "
        "made again."
    )
    assert [p.location.startswith(f"{path}, ") for p in view.problems] == [True]


def test_the_note_on_unknown_agencies_names_the_registry_file_not_its_path(
    tmp_path: Path,
) -> None:
    path = tmp_path / "kumpulan" / "_agencies.yaml"
    path.parent.mkdir()
    shutil.copy(SAMPLE_REGISTRY, path)
    view = compliance_view(load_registry(path), full_results(), Lang.ID)

    assert view is not None and view.usable
    assert view.unknown_note == (
        "Tambahkan nama ini sebagai nama lain (aliases) atau unit di daftar perangkat daerah "
        "(berkas _agencies.yaml di folder kumpulan proposal) bila termasuk perangkat daerah di "
        "daftar."
    )


def test_scorecard_advises_the_weakest_criterion_with_the_next_level() -> None:
    scored = proposal(ProposalStatus.SCORED, criteria=criteria(novelty_level=2))
    card = scorecard_view(scored, results([scored]), rubric())

    assert card.advice == ("Kebaruan (level 2/5, bobot 60%). Untuk mencapai level 3: Level 3",)
    assert card.advice_note == "Kriteria yang menunggu juri (Keberlanjutan) belum dinilai."
    assert card.status == "Dinilai tetapi tidak masuk daftar pendek"


def test_scorecard_of_an_ineligible_proposal_shows_the_failed_gate_figures() -> None:
    data = full_results(Lang.EN)
    ineligible = next(p for p in data.proposals if p.status is ProposalStatus.INELIGIBLE)
    card = scorecard_view(ineligible, data, rubric())
    html = render_scorecard_html(card)

    assert [(g.label, g.detail) for g in card.failed] == [
        ("Lama penerapan", "Mulai 1 September 2021: 7 bulan.")
    ]
    assert card.advice == ()
    assert card.advice_note == (
        "First meet the gates listed below; a proposal that fails a gate is not scored."
    )
    assert html.index('<section id="advice">') < html.index('<section id="gates">')
    assert "Mulai 1 September 2021: 7 bulan." in html
    assert html.count("<h2>") == 3  # advice, gates, nearest prior; no levels (not scored)


def test_distribution_bins_totals_and_places_the_cutoff() -> None:
    chart = distribution([12.0, 55.0, 58.0, 64.6, 78.5, 100.0], [64.6, 78.5, 100.0], Lang.ID)

    labels = {i * 5: b.label for i, b in enumerate(chart.bars) if b.label}
    assert labels == {10: "1", 55: "2", 60: "1", 75: "1", 95: "1"}
    assert chart.has_cutoff
    assert chart.cutoff_x == pytest.approx(48 + 576 * 0.646, abs=0.1)
    assert chart.cutoff_label == "batas 64,60"
    assert (chart.cutoff_label_x, chart.cutoff_label_anchor) == (chart.cutoff_x - 4, "end")
    assert [b.shortlisted for b in chart.bars][11:14] == [0, 1, 0]
    assert [t.label for t in chart.x_ticks] == [str(v) for v in range(0, 101, 10)]


def test_workbook_has_frozen_filtered_sheets_and_formula_like_text_typed_as_text() -> None:
    title = '=HYPERLINK("http://evil.example","klik")'
    data = results([proposal(ProposalStatus.SHORTLISTED, title=title, total=78.456)], lang=Lang.EN)
    book = load_workbook(io.BytesIO(workbook_bytes(data, rubric())))

    assert book.sheetnames == ["Scores", "Gates", "Problems", "Novelty", "Run"]
    scores = book["Scores"]
    assert scores.freeze_panes == "A2"
    assert scores.auto_filter.ref == "A1:M2"
    header = [c.value for c in scores[1]]
    assert header[:10] == [
        "Id",
        "Source file",
        "Title",
        "Agency",
        "Group",
        "Category",
        "Status",
        "Rank",
        "Total",
        "Provisional",
    ]
    row = [c.value for c in scores[2]]
    assert row[2] == title  # as written, in a cell typed as text: shown, never run
    assert scores.cell(2, 3).data_type == "s"
    assert row[6:12] == ["Shortlisted", 1, 78.46, "yes", 4, None]
    assert [c.value for c in book["Gates"][1]][3:] == ["Status", "Age", "Failed gates"]
    assert [c.value for c in book["Gates"][2]][3:] == ["Shortlisted", "passed", None]


@pytest.mark.parametrize(
    ("message", "english", "indonesian"),
    [
        (
            text("proposal.title_length", length="3", min=5, max=150),
            "3 characters; a title needs 5 to 150",
            "3 karakter; judul harus 5 sampai 150 karakter",
        ),
        (
            text("date.no_day", value="31 Juni 2020", month="Juni", year=2020, days=30),
            "'31 Juni 2020' is not a real date: Juni 2020 has 30 days",
            "'31 Juni 2020' bukan tanggal yang ada: Juni 2020 hanya 30 hari",
        ),
        (
            text(
                "proposal.choice",
                value="pelayanan_publik",
                field=text("proposal.choice.category"),
                choices=["inklusif", "tpb"],
            ),
            "'pelayanan_publik' is not a category of this call; use one of: inklusif, tpb",
            "'pelayanan_publik' bukan kategori dalam kompetisi ini; "
            "pilih salah satu: inklusif, tpb",
        ),
        (
            text("file.unsupported", type="'.docx'", hint=text("file.hint.copy")),
            "unsupported file type '.docx'; copy its content into a .md or .yaml proposal",
            "jenis berkas '.docx' tidak didukung; salin isinya ke proposal .md atau .yaml",
        ),
        (
            text("table.too_many_rows", count=10_000),
            "more than 10,000 rows below the header (blank rows count too); split the export "
            "into smaller files",
            "lebih dari 10.000 baris di bawah baris judul kolom (baris kosong ikut dihitung); "
            "pecah ekspornya menjadi beberapa berkas yang lebih kecil",
        ),
    ],
)
def test_problems_read_in_the_documents_language_from_their_text(
    message: Text, english: str, indonesian: str
) -> None:
    problem = ProblemOut.of(Problem(path="a.md", field="title", message=message, line=3))

    assert problem.message == english
    assert [problem_view(problem, lang).message for lang in (Lang.EN, Lang.ID)] == [
        english,
        indonesian,
    ]


def test_problems_written_before_problems_had_a_text_read_as_written() -> None:
    problem = ProblemOut.model_validate(
        {
            "path": "a.md",
            "field": "title",
            "message": "3 characters; a title needs 5 to 150",
            "line": 3,
            "column": None,
            "severity": "error",
        }
    )

    assert problem_view(problem, Lang.ID).message == "3 characters; a title needs 5 to 150"


@pytest.mark.parametrize(
    ("field", "english", "indonesian"),
    [
        ("started_on", "Start date", "Tanggal mulai"),
        ("sections.novelty", "Sections \u203a Novelty", "Uraian \u203a Kebaruan"),
        ("innovators.2.name", "Innovator 2 \u203a Name", "Inovator 2 \u203a Nama"),
        ("innovators.2", "Innovator 2", "Inovator 2"),
        (
            "indicators.cost_before_idr",
            "Indicators \u203a Cost before (IDR)",
            "Indikator \u203a Biaya sebelum (Rp)",
        ),
        ("sdgs.3", "SDGs \u203a 3", "TPB \u203a 3"),
        ("sections.latar", "Sections \u203a latar", "Uraian \u203a latar"),
        ("agencies.1.aliases", "Agency 1 \u203a Aliases", "Instansi 1 \u203a Nama lain"),
        (
            "reviewers.2.conflicts",
            "Reviewer 2 \u203a Conflicts of interest",
            "Juri 2 \u203a Konflik kepentingan",
        ),
        ("packet", "Packet", "Paket"),
        ("(file)", "(file)", "(berkas)"),
        ("(header)", "(header)", "(baris judul kolom)"),
        ("Cap waktu", "Cap waktu", "Cap waktu"),
        ("inovator.nama", "inovator.nama", "inovator.nama"),
    ],
)
def test_field_labels_read_in_the_documents_language(
    field: str, english: str, indonesian: str
) -> None:
    assert [field_label(field, Lang.EN), field_label(field, Lang.ID)] == [english, indonesian]


def test_field_label_names_a_scoresheet_criterion_column_by_its_label() -> None:
    labels = {"novelty": "Kebaruan"}

    assert field_label("novelty", Lang.ID, labels) == "Kebaruan"
    assert field_label("novelty", Lang.ID) == "novelty"
    assert field_label("reviewer", Lang.ID, labels) == "Juri"


def test_workbook_lists_each_reviewer_score_once_reviews_exist() -> None:
    reviews = ProposalReviewsOut(
        assigned=["r1", "r2"],
        completed=["r1", "r2"],
        pending=0,
        criteria={
            "sustainability": CriterionReviewsOut(
                scores=[
                    RawScoreOut(reviewer="r1", score=4, level=4.0),
                    RawScoreOut(reviewer="r2", score=2, level=2.0),
                ],
                mean=3.0,
                median=3.0,
                value=3.0,
                spread=2.0,
                disagreement=True,
            )
        },
        disagreements=["sustainability"],
        extra_reviewer=None,
        pending_note=None,
    )
    data = results([proposal(reviews=reviews)], lang=Lang.EN)
    book = load_workbook(io.BytesIO(workbook_bytes(data, rubric())))

    rows = [[c.value for c in row] for row in book["Reviewer scores"].iter_rows(min_row=2)]
    assert rows == [
        ["layanan-a", "Layanan A", "Sustainability", "r1", 4, 4, 3, 3, 3, 2, "yes"],
        ["layanan-a", "Layanan A", "Sustainability", "r2", 2, 2, 3, 3, 3, 2, "yes"],
    ]


def test_scorecard_marks_a_close_prior_innovation_as_the_shortlist_does() -> None:
    rules = rubric()
    review_from = rules.measures.novelty.review_similarity
    close = neighbour(id="close", title="Inovasi Mirip", similarity=review_from + 0.01)
    far = neighbour(id="far", title="Inovasi Jauh", similarity=review_from - 0.05)
    scored = proposal(ProposalStatus.SCORED, novelty=novelty([close, far], flag_from=0.9))
    card = scorecard_view(scored, results([scored]), rules)

    assert [(n.title, n.note, n.review) for n in card.nearest] == [
        ("Inovasi Mirip", "mirip: perlu ditinjau", True),
        ("Inovasi Jauh", "—", False),
    ]


def test_scorecard_of_a_proposal_without_agency_says_so_in_words() -> None:
    unnamed = proposal(ProposalStatus.INVALID, agency=None, title="Sambang Lansia")
    card = scorecard_view(unnamed, results([unnamed]), rubric())
    assert card.made_for == (
        "Kartu nilai ini untuk proposal Sambang Lansia; instansi pengusulnya belum diisi."
    )
