"""The second sample batch, a Google Form export as coordinators get it: the form's questions
as headers, labels as answers, lists in one cell and figures as Indonesians write them; every
proposal valid, its figures read as meant, and the documents show them."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import rendered, results_of

from kipp.core.i18n import Lang
from kipp.core.problems import Severity
from kipp.documents.render.markdown import render_markdown
from kipp.intake import Intake, Status, read_proposals
from kipp.rubric import load_rubric

SAMPLE = Path(__file__).resolve().parents[1] / "submissions" / "formulir-google-2022"
EXPORT = SAMPLE / "Formulir Usulan Inovasi KIPP 2022 (Jawaban) - Form Responses 1.csv"

pytestmark = pytest.mark.skipif(not SAMPLE.is_dir(), reason="no Google Form sample batch")


@pytest.fixture(scope="module")
def sample() -> Intake:
    """The sample batch, read against the bundled rubric's call."""
    return read_proposals(SAMPLE, load_rubric().rubric.call.choices())


def test_google_form_every_answer_valid_with_ids_from_titles(sample: Intake) -> None:
    assert [(e.id, e.status, rendered(e)) for e in sample.entries] == [
        (id_, Status.VALID, [])
        for id_ in (
            "sigap-lansia",
            "portal",
            "klinik-izin-keliling",
            "sekolah-siaga-daring",
            "rumah-singgah-pasien",
            "sapa-desa",
            "perahu-pustaka",
            "dapur-gizi-kampung",
        )
    ]
    assert sample.unread == []


def test_google_form_only_columns_naming_nothing_are_warnings(sample: Intake) -> None:
    assert [(n.render(), n.severity) for n in sample.notices] == [
        (
            f"{EXPORT}:1:{letter}: {header}: column is not a proposal field, so it is not read",
            Severity.WARNING,
        )
        for letter, header in (
            ("A", "Timestamp"),
            ("B", "Email Address"),
            ("AK", "Catatan Verifikator"),
        )
    ]


def test_google_form_figures_read_exactly(sample: Intake) -> None:
    proposals = {e.id: e.proposal for e in sample.entries if e.proposal is not None}
    sigap = proposals["sigap-lansia"].indicators
    assert (sigap.beneficiaries, sigap.target_population) == (4870.0, 5600.0)
    assert (sigap.cost_before_idr, sigap.cost_after_idr) == (150000.0, 0.0)
    assert (sigap.satisfaction_before, sigap.satisfaction_after) == (68.5, 72.4)
    klinik = proposals["klinik-izin-keliling"].indicators
    assert (klinik.cost_before_idr, klinik.cost_after_idr) == (1250000.0, 25000.0)
    assert (klinik.service_time_before_hours, klinik.service_time_after_hours) == (336.0, 2.0)
    sapa = proposals["sapa-desa"].indicators
    assert (sapa.service_time_before_hours, sapa.service_time_after_hours) == (4.5, 0.5)
    assert (sapa.beneficiaries, sapa.satisfaction_after) == (38400.0, 81.75)


def test_google_form_answers_read_as_meant(sample: Intake) -> None:
    proposals = {e.id: e.proposal for e in sample.entries if e.proposal is not None}
    sigap = proposals["sigap-lansia"]
    assert [(r.agency, r.year) for r in sigap.replications] == [
        ("Dinas Kependudukan dan Pencatatan Sipil Kab. Wanakerta", 2020),
        ("Dinas Kependudukan dan Pencatatan Sipil Kota Pranaraja", 2021),
    ]
    assert [(i.name, i.role) for i in proposals["portal"].innovators] == [
        ("dr. Ratna Kusumawardani", "Inisiator; Kepala Bidang Kesehatan Masyarakat"),
        ("Lilis Suryani, Amd.Keb.", "Koordinator bidan desa"),
    ]
    assert [(a.competition, a.year) for a in proposals["klinik-izin-keliling"].prior_awards] == [
        ("Top 99 KIPP", 2021)
    ]
    assert [
        (p.category, p.sdgs, p.started_on.isoformat(), p.pandemic_related, p.digital)
        for p in proposals.values()
    ] == [
        ("inklusif", [10, 16], "2018-09-10", False, False),
        ("tpb", [3, 5], "2018-09-10", False, False),
        ("inklusif", [8, 10], "2019-03-03", False, True),
        ("ketahanan", [4], "2020-03-16", True, True),
        ("inklusif", [1, 3], "2019-01-02", False, False),
        ("tpb", [16, 17], "2019-07-01", False, True),
        ("inklusif", [4, 14], "2019-07-15", False, False),
        ("tpb", [2, 3], "2021-08-01", False, False),
    ]


@pytest.mark.parametrize(
    ("lang", "shown"),
    [
        (
            Lang.ID,
            [
                "Biaya: 150.000 → 0 rupiah (turun 100%)",
                "Kepuasan (IKM): 68,50 → 72,40",
                "Jangkauan: 4.870 dari 5.600 sasaran (87%)",
                "Direplikasi 2 kali: Dinas Kependudukan dan Pencatatan Sipil Kab. Wanakerta "
                "(2020), Dinas Kependudukan dan Pencatatan Sipil Kota Pranaraja (2021).",
            ],
        ),
        (
            Lang.EN,
            [
                "Cost: 150,000 → 0 rupiah (100% less)",
                "Satisfaction: 68.50 → 72.40",
                "Reach: 4,870 of 5,600 targeted (87%)",
                "Replicated 2 time(s): Dinas Kependudukan dan Pencatatan Sipil Kab. Wanakerta "
                "(2020), Dinas Kependudukan dan Pencatatan Sipil Kota Pranaraja (2021).",
            ],
        ),
    ],
)
def test_google_form_figures_shown_in_the_documents(lang: Lang, shown: list[str]) -> None:
    results = results_of(SAMPLE, lang)
    sigap = next(p for p in results.proposals if p.id == "sigap-lansia")
    assert sigap.criteria is not None
    evidence = " ".join(c.evidence for c in sigap.criteria.values())
    shortlist = render_markdown(results, load_rubric().rubric, lang)
    assert [(text in evidence, text in shortlist) for text in shown] == [(True, True)] * len(shown)
