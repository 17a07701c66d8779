"""The documents say what they mean: what the per-agency gate counts, where the scorecard
advice points, why a higher-ranked proposal is not a nominee, what the distribution colours,
the compliance row of proposals naming no agency, the reviewers' disagreement threshold and
the run form's description of the output folder."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

from builders import agency_matcher, plan_of, results_of, run_stages
from openpyxl import load_workbook
from render_builders import proposal, results, rubric

from kipp.core.i18n import Lang, render, tr
from kipp.core.models import Proposal
from kipp.documents.outputs import compliance_csv
from kipp.documents.render.charts import distribution
from kipp.documents.render.html import render_html, render_print_html, render_scorecard_html
from kipp.documents.render.markdown import render_markdown
from kipp.documents.render.reports import annexes, scorecard_view
from kipp.documents.render.review_views import reviews_view
from kipp.documents.render.views import document_view
from kipp.documents.workbook import workbook_bytes
from kipp.gates import check_gates
from kipp.intake.registry import REGISTRY_FILE, load_registry
from kipp.results import ProposalStatus, RankIntervalOut, Results
from kipp.rubric import load_rubric
from kipp_app.flows.run import RunParameters

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "submissions" / "mojokerto-2022"
KIPP = load_rubric()

REGISTRY_YAML = """\
region: Kota Uji
agencies:
  - name: Dinas Kesehatan
  - name: Dinas Sosial
"""


# the per-agency gate counts through the registry and speaks of proposals sent


def test_sample_gate_counts_the_health_office_through_the_registry_as_proposals_sent() -> None:
    proposals: list[Proposal] = run_stages("proposals", batch_folder=SAMPLE)["proposals"]  # type: ignore[assignment]
    gates = check_gates(proposals, KIPP.rubric, agency_matcher(SAMPLE))
    (gate,) = [g for g in gates["gayatri"] if g.gate == "per_agency"]

    assert render(gate.detail, Lang.EN) == (
        "Dinas Kesehatan, Pengendalian Penduduk dan Keluarga Berencana sent 3 proposals; "
        "the call does not limit how many proposals an agency may send."
    )
    assert render(gate.detail, Lang.ID) == (
        "Dinas Kesehatan, Pengendalian Penduduk dan Keluarga Berencana mengirim 3 proposal; "
        "tidak ada batas jumlah proposal yang boleh dikirim per instansi."
    )


def test_assignment_counts_agencies_over_the_call_limit_through_the_registry(
    tmp_path: Path,
) -> None:
    limited = KIPP.rubric.model_copy(
        update={"call": KIPP.rubric.call.model_copy(update={"max_per_agency": 2})}
    )
    unregistered = tmp_path / SAMPLE.name
    shutil.copytree(SAMPLE, unregistered)
    (unregistered / REGISTRY_FILE).unlink()
    as_written = plan_of(unregistered, limited, seed=2022)
    registered = plan_of(SAMPLE, limited, seed=2022)

    assert as_written.proposals == 10
    assert sorted({a.proposal for a in registered.assignments}) == [
        "curhat-ning-ita",
        "e-surat-setda",
        "magis-bappeda",
        "sempelmas-jagalan",
        "si-mapan-rsud",
    ]


# the advice points down to the gates and problems that follow it


def test_scorecard_advice_of_an_ineligible_proposal_points_to_the_gates_below() -> None:
    ineligible = proposal(ProposalStatus.INELIGIBLE)
    card = scorecard_view(ineligible, results([ineligible]), rubric())
    html = render_scorecard_html(card)

    assert card.advice_note == (
        "Penuhi dahulu syarat yang tercantum di bawah; proposal yang tidak memenuhi syarat "
        "tidak dinilai."
    )
    assert html.index('<section id="advice">') < html.index('<section id="gates">')


def test_scorecard_advice_of_an_invalid_file_points_to_the_problems_below() -> None:
    invalid = proposal(ProposalStatus.INVALID)
    for lang, note in (
        (Lang.EN, "Fix the file's problems listed below; an invalid file is not scored."),
        (
            Lang.ID,
            "Perbaiki masalah berkas yang tercantum di bawah; berkas yang tidak valid tidak "
            "dinilai.",
        ),
    ):
        card = scorecard_view(invalid, results([invalid], lang=lang), rubric())
        html = render_scorecard_html(card)

        assert card.advice_note == note
        assert html.index('<section id="advice">') < html.index('<section id="problems">')


# why higher-ranked proposals are not nominees, with their rank range


def _left_out(lang: Lang) -> Results:
    """Ranks 1 and 4 shortlisted; 2 and 3 left out by the per-agency limit, 3 within the
    noise at the cut-off."""
    limit = {
        Lang.ID: "Peringkat {rank}; Dinas Kesehatan sudah memiliki 1 nominasi (batas nominasi "
        "per instansi).",
        Lang.EN: "Ranked {rank}; Dinas Kesehatan already has 1 nominee(s) (the limit on "
        "nominees per agency).",
    }[lang]
    near = {
        Lang.ID: "Rentang peringkat 2-5. Di sekitar batas daftar pendek (peringkat 4).",
        Lang.EN: "Rank range 2-5. Near the shortlist cut-off (rank 4).",
    }[lang]
    return results(
        [
            proposal(ProposalStatus.SHORTLISTED, id="a", title="Layanan A", total=90.0, rank=1),
            proposal(
                ProposalStatus.SCORED,
                id="b",
                title="Layanan B",
                total=85.0,
                rank=2,
                reason=limit.format(rank=2),
            ),
            proposal(
                ProposalStatus.SCORED,
                id="c",
                title="Layanan C",
                total=80.0,
                rank=3,
                reason=limit.format(rank=3),
                rank_interval=RankIntervalOut(low=2, high=5, near_cutoff=True, note=near),
            ),
            proposal(
                ProposalStatus.SHORTLISTED,
                id="d",
                title="Layanan D",
                agency="Dinas Sosial",
                total=70.0,
                rank=4,
            ),
            proposal(ProposalStatus.SCORED, id="e", title="Layanan E", total=60.0, rank=5),
        ],
        lang=lang,
    )


def test_pdf_annex_of_scored_proposals_gives_the_reason_and_the_rank_range() -> None:
    scored = annexes(_left_out(Lang.EN), Lang.EN, None)[0]

    assert scored.headers == ("Rank", "Title", "Agency", "Total", "Reason")
    assert [r.cells for r in scored.rows][:2] == [
        (
            "2",
            "Layanan B",
            "Dinas Kesehatan",
            "85.00",
            "Ranked 2; Dinas Kesehatan already has 1 nominee(s) (the limit on nominees per "
            "agency).",
        ),
        (
            "3",
            "Layanan C",
            "Dinas Kesehatan",
            "80.00",
            "Ranked 3; Dinas Kesehatan already has 1 nominee(s) (the limit on nominees per "
            "agency). Rank range 2-5. Near the shortlist cut-off (rank 4).",
        ),
    ]


def test_nominees_table_notes_the_ranks_left_out_in_every_document() -> None:
    for lang, note in (
        (
            Lang.EN,
            "Left out of the shortlist although ranked above the last nominee: rank 2, 3. "
            "The reason for each is under “Scored but not shortlisted”.",
        ),
        (
            Lang.ID,
            "Tidak masuk daftar pendek meski peringkatnya di atas nominasi terakhir: peringkat "
            "2, 3. Alasan masing-masing tercantum pada bagian “Dinilai tetapi tidak masuk daftar "
            "pendek”.",
        ),
    ):
        data = _left_out(lang)
        view = document_view(data, rubric())

        assert view.skipped == note
        assert [s.near_cutoff for s in view.scored] == [False, True, False]
        assert f'<p class="skipped">{note}</p>' in render_html(data, rubric())
        assert f'<p class="skipped">{note}</p>' in render_print_html(data, rubric())
        assert f"\n\n{note}\n" in render_markdown(data, rubric())


def test_nominees_that_are_the_top_of_the_ranking_need_no_note() -> None:
    top = results(
        [
            proposal(ProposalStatus.SHORTLISTED, id="a", rank=1),
            proposal(ProposalStatus.SCORED, id="b", rank=2, total=60.0),
        ]
    )
    assert document_view(top, rubric()).skipped == ""


def test_ranks_left_out_read_as_ranges_from_three_in_a_row() -> None:
    proposals = [proposal(ProposalStatus.SHORTLISTED, id="a", rank=9)] + [
        proposal(ProposalStatus.SCORED, id=f"p{rank}", rank=rank, total=90.0 - rank)
        for rank in (1, 2, 4, 5, 6)
    ]
    view = document_view(results(proposals, lang=Lang.EN), rubric())

    assert view.skipped.startswith(
        "Left out of the shortlist although ranked above the last nominee: rank 1, 2, 4\u20136."
    )


# the chart colours what was shortlisted, and its cut-off label stays inside


def test_distribution_leaves_a_bin_above_the_cutoff_light_when_the_limit_skipped_it() -> None:
    chart = distribution([90.0, 74.9, 72.3, 62.0, 40.0], [90.0, 62.0], Lang.EN)

    shortlisted = {i * 5: b.shortlisted for i, b in enumerate(chart.bars) if b.label}
    assert shortlisted == {40: 0, 60: 1, 70: 0, 90: 1}
    seventy = chart.bars[14]
    assert (seventy.label, seventy.shortlisted_height) == ("2", 0.0)
    assert chart.cutoff_label == "cut-off 62.00"


def test_distribution_draws_the_shortlisted_part_of_a_bar_dark_at_its_bottom() -> None:
    chart = distribution([72.0, 73.0], [73.0], Lang.EN)
    bar = chart.bars[14]

    assert bar.shortlisted == 1
    assert bar.shortlisted_height * 2 == bar.height
    assert bar.shortlisted_y + bar.shortlisted_height == chart.plot_bottom


def test_distribution_puts_a_low_cutoff_label_right_of_the_line() -> None:
    chart = distribution([3.0, 2.0], [3.0], Lang.ID)

    assert chart.cutoff_label == "batas 3,00"
    assert chart.cutoff_label_anchor == "start"
    assert chart.cutoff_label_x == chart.cutoff_x + 4


# compliance.csv and the workbook count the proposals that name no agency


def _unnamed(lang: Lang, tmp_path: Path) -> tuple[Results, Path]:
    registry = tmp_path / REGISTRY_FILE
    registry.write_text(REGISTRY_YAML, encoding="utf-8")
    data = results(
        [
            proposal(ProposalStatus.SHORTLISTED, id="a", agency="Dinas Kesehatan"),
            proposal(ProposalStatus.INVALID, id="b", agency="Dinas Pertanian"),
            proposal(ProposalStatus.INVALID, id="c", agency=None),
            proposal(ProposalStatus.INVALID, id="d", agency="  "),
        ],
        lang=lang,
    )
    return data, registry


def test_compliance_csv_has_a_row_for_proposals_naming_no_agency(tmp_path: Path) -> None:
    data, registry = _unnamed(Lang.ID, tmp_path)
    loaded = load_registry(registry)
    assert loaded is not None
    rows = list(csv.reader(io.StringIO(compliance_csv(data, loaded))))

    assert rows == [
        ["agency", "in_registry", "submitted", "valid", "eligible", "shortlisted", "names"],
        ["Dinas Kesehatan", "true", "1", "1", "1", "1", "Dinas Kesehatan"],
        ["Dinas Sosial", "true", "0", "0", "0", "0", ""],
        ["Dinas Pertanian", "false", "1", "0", "0", "0", "Dinas Pertanian"],
        ["(no agency named)", "false", "2", "0", "0", "0", ""],
    ]
    assert sum(int(r[2]) for r in rows[1:]) == len(data.proposals)


def test_workbook_compliance_sheet_has_a_row_for_proposals_naming_no_agency(
    tmp_path: Path,
) -> None:
    for lang, label, no in (
        (Lang.ID, "(tidak menyebut instansi)", "tidak"),
        (Lang.EN, "(no agency named)", "no"),
    ):
        data, registry = _unnamed(lang, tmp_path)
        book = load_workbook(io.BytesIO(workbook_bytes(data, rubric(), load_registry(registry))))
        rows = list(book[tr("rep.sheet.compliance", lang)].iter_rows(values_only=True))

        assert rows[-1] == (label, 2, 0, 0, 0, no, None)
        assert sum(r[1] for r in rows[1:]) == len(data.proposals)


def test_csv_without_unnamed_proposals_has_no_such_row(tmp_path: Path) -> None:
    registry = tmp_path / REGISTRY_FILE
    registry.write_text(REGISTRY_YAML, encoding="utf-8")
    loaded = load_registry(registry)
    assert loaded is not None
    data = results([proposal(ProposalStatus.SHORTLISTED, id="a", agency="Dinas Kesehatan")])

    assert "(no agency named)" not in compliance_csv(data, loaded)


# the reviewers' disagreement is flagged at the threshold, and the documents say so


def test_reviews_method_says_a_spread_at_or_above_the_threshold_is_marked() -> None:
    params = {"aggregate": "the mean", "normalised": "", "threshold": "2", "iterations": "1,000"}

    assert tr("doc.reviews.method", Lang.EN, **params, basis="") == (
        "Reviewers' scores are combined by the mean; reviewers are marked as disagreeing when "
        "the highest and lowest values used differ by 2 or more. Rank ranges from 1,000 "
        "resamplings of the reviews."
    )
    basis = tr("doc.reviews.spread_basis", Lang.ID)
    normalised = tr("doc.reviews.normalised", Lang.ID)
    indonesian = params | {"aggregate": "rata-rata", "normalised": normalised, "basis": basis}
    assert tr("doc.reviews.method", Lang.ID, **indonesian) == (
        "Nilai juri digabung dengan rata-rata, setelah nilai tiap juri dinormalisasi terhadap "
        "seluruh tim penilai; juri dianggap tidak sepakat bila nilai tertinggi dan terendah yang "
        "dipakai (sesudah dinormalisasi, bukan nilai yang diberikan juri) berselisih 2 atau "
        "lebih. Rentang peringkat dihitung dari 1,000 kali pengambilan ulang nilai juri."
    )


# the run form in the Prefect UI


def test_run_form_describes_the_output_folder_without_angle_brackets() -> None:
    described = {
        name: field.description or "" for name, field in RunParameters.model_fields.items()
    }

    assert described["out"] == "Kosongkan untuk outputs/ lalu nama folder kumpulan proposal"
    assert [name for name, text in described.items() if "<" in text or ">" in text] == []


def test_reviews_method_says_how_the_rank_ranges_are_resampled_and_from_which_seed() -> None:
    # the ranges could not be recomputed: the documents named neither the draw nor the seed
    assert tr("doc.reviews.resampling", Lang.ID, seed="2022") == (
        "Setiap pengambilan ulang memilih kembali secara acak juri tiap proposal sebanyak "
        "jumlah jurinya (seorang juri dapat terpilih lebih dari sekali), lalu menghitung ulang "
        "nilai total dan peringkat. Urutan acaknya ditetapkan oleh angka benih 2022, sehingga "
        "setiap perhitungan ulang memberi rentang yang sama."
    )
    view = reviews_view(results_of(SAMPLE, Lang.EN), Lang.EN)
    assert view is not None
    assert view.method.endswith(
        "Rank ranges from 1,000 resamplings of the reviews. Each resampling draws each "
        "proposal's reviewers again at random, as many as it has (a reviewer may be drawn more "
        "than once), then computes the totals and ranks again. The random sequence is fixed by "
        "the seed 2022, so every recomputation gives the same ranges."
    )
