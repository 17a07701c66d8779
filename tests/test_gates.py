"""Eligibility gates at their boundaries, with the figures they report."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from builders import proposal_data

from kipp import gates
from kipp.core import caching
from kipp.core.i18n import Lang, render
from kipp.core.models import Proposal
from kipp.gates import GateResult, check_gates, months_between
from kipp.intake.registry import Matcher, Registry
from kipp.rubric import Call, Gate, GateKind, Rubric, load_rubric

RUBRIC: Rubric = load_rubric().rubric
CHOICES = RUBRIC.call.choices()


def make(proposal_id: str = "p1", **overrides: Any) -> Proposal:
    data = {"id": proposal_id, **proposal_data(**overrides)}
    return Proposal.model_validate(data, context={"choices": CHOICES})


def gate(proposals: list[Proposal], gate_id: str, lang: Lang = Lang.EN) -> list[tuple[bool, str]]:
    results = check_gates(proposals, RUBRIC)
    return [
        next((g.passed, render(g.detail, lang)) for g in results[p.id] if g.gate == gate_id)
        for p in proposals
    ]


def test_months_between_counts_whole_months() -> None:
    assert months_between(date(2020, 4, 15), date(2022, 4, 15)) == 24
    assert months_between(date(2020, 4, 16), date(2022, 4, 15)) == 23
    assert months_between(date(2020, 1, 31), date(2020, 2, 29)) == 0


def test_min_age_passes_at_exactly_24_months() -> None:
    assert gate([make(started_on="2020-04-15")], "min_age") == [
        (
            True,
            "Started 15 April 2020: 24 months before the deadline (15 April 2022); "
            "the call requires 24.",
        )
    ]


def test_min_age_fails_one_day_short() -> None:
    assert gate([make(started_on="2020-04-16")], "min_age") == [
        (
            False,
            "Started 16 April 2020: 23 months before the deadline (15 April 2022); "
            "the call requires 24.",
        )
    ]


def test_min_age_in_indonesian_names_the_figures() -> None:
    assert gate([make(started_on="2021-01-10")], "min_age", Lang.ID) == [
        (
            False,
            "Mulai 10 Januari 2021: 15 bulan sebelum batas pendaftaran (15 April 2022); "
            "ketentuan minimal 24 bulan.",
        )
    ]


def test_min_age_pandemic_innovation_needs_12_months() -> None:
    assert gate([make(started_on="2021-04-15", pandemic_related=True)], "min_age") == [
        (
            True,
            "Started 15 April 2021: 12 months before the deadline (15 April 2022); "
            "the call requires 12 for a pandemic-related innovation.",
        )
    ]
    assert gate([make(started_on="2021-04-16", pandemic_related=True)], "min_age")[0][0] is False


def test_min_age_started_after_deadline_fails() -> None:
    assert gate([make(started_on="2022-05-01")], "min_age") == [
        (False, "Started 1 May 2022: after the deadline (15 April 2022); the call requires 24.")
    ]


def _sections(**words: int) -> dict[str, str]:
    base = proposal_data()["sections"]
    return {**base, **{name: " ".join(["kata"] * n) for name, n in words.items()}}


def test_word_caps_pass_when_a_section_hits_its_cap_exactly() -> None:
    assert gate([make(sections=_sections(novelty=200))], "word_caps") == [
        (True, "Every section within its limit (closest: Novelty 200/200 words).")
    ]


def test_word_caps_fail_one_word_over_naming_each_section() -> None:
    proposal = make(sections=_sections(novelty=201, significance=650))
    assert gate([proposal], "word_caps") == [
        (
            False,
            "Sections that are too long: Novelty 201 words (limit 200), "
            "Significance 650 words (limit 600).",
        )
    ]


def test_required_sections_fail_on_empty_and_blank_sections() -> None:
    sections = {**proposal_data()["sections"], "sustainability": "", "resources": "   "}
    assert gate([make(sections=sections)], "sections_filled") == [
        (False, "Empty sections: Resources, Sustainability.")
    ]


def test_required_sections_fail_on_missing_section() -> None:
    sections = dict(proposal_data()["sections"])
    del sections["background"]
    assert gate([make(sections=sections)], "sections_filled") == [
        (False, "Empty sections: Background.")
    ]


def test_attachments_name_what_is_missing() -> None:
    assert gate([make(attachments={"decree": "sk.pdf"})], "attachments") == [
        (False, "Missing attachments: video.")
    ]
    assert gate([make(attachments={})], "attachments", Lang.ID) == [
        (False, "Lampiran belum ada: SK penetapan inovasi, video.")
    ]
    assert gate([make()], "attachments") == [(True, "Attachments present: decree (SK), video.")]


def test_stage_trial_is_not_accepted() -> None:
    assert gate([make(stage="uji_coba")], "stage") == [
        (False, "Stage trial; the call accepts: implementation.")
    ]


def test_unique_title_fails_both_proposals_naming_the_others_agency() -> None:
    a = make("a", title="PPDB Online", agency="Dinas Pendidikan")
    b = make("b", title="ppdb  online!", agency="SMP Negeri 1")
    c = make("c", title="E-Surat")
    assert gate([a, b, c], "unique_title") == [
        (False, "Same title as another proposal, from SMP Negeri 1."),
        (False, "Same title as another proposal, from Dinas Pendidikan."),
        (True, "No other proposal has this title."),
    ]


def test_per_agency_without_limit_passes_with_count() -> None:
    proposals = [make("a", title="Satu Inovasi"), make("b", title="Dua Inovasi")]
    sent = (
        "Dinas Kesehatan sent 2 proposals; the call does not limit how many proposals an "
        "agency may send."
    )
    assert gate(proposals, "per_agency") == [(True, sent), (True, sent)]


def test_per_agency_without_limit_says_so_in_indonesian() -> None:
    proposals = [make("a", title="Satu Inovasi")]
    assert gate(proposals, "per_agency", Lang.ID) == [
        (
            True,
            "Dinas Kesehatan mengirim 1 proposal; tidak ada batas jumlah proposal yang boleh "
            "dikirim per instansi.",
        )
    ]


def _limited(limit: int) -> Rubric:
    return RUBRIC.model_copy(
        update={"call": RUBRIC.call.model_copy(update={"max_per_agency": limit})}
    )


def _per_agency(results: dict[str, list[GateResult]], lang: Lang) -> list[tuple[bool, str]]:
    return [
        next((g.passed, render(g.detail, lang)) for g in gates if g.gate == "per_agency")
        for gates in results.values()
    ]


def test_per_agency_over_the_limit_fails_every_proposal_of_that_agency() -> None:
    proposals = [
        make("a", title="Satu Inovasi"),
        make("b", title="Dua Inovasi", agency="dinas  kesehatan"),
        make("c", title="Tiga Inovasi", agency="Bappeda"),
    ]
    assert _per_agency(check_gates(proposals, _limited(1)), Lang.EN) == [
        (
            False,
            "Dinas Kesehatan sent 2 proposals; the call lets an agency send at most 1: choose "
            "which to send.",
        ),
        (
            False,
            "dinas  kesehatan sent 2 proposals; the call lets an agency send at most 1: choose "
            "which to send.",
        ),
        (True, "Bappeda sent 1 proposal; the call lets an agency send at most 1."),
    ]
    assert _per_agency(check_gates(proposals, _limited(1)), Lang.ID)[2] == (
        True,
        "Bappeda mengirim 1 proposal; batas pengiriman 1 proposal per instansi.",
    )


REGISTRY = Registry.model_validate(
    {
        "region": "Kota Mojokerto",
        "agencies": [
            {
                "name": "Dinas Kesehatan, P2KB",
                "aliases": ["Dinas Kesehatan", "Dinkes"],
                "unit_prefixes": ["UPT Puskesmas"],
            },
            {"name": "Bappeda"},
        ],
    }
)


def test_per_agency_counts_an_agencys_names_and_units_through_the_registry() -> None:
    proposals = [
        make("a", title="Satu Inovasi"),
        make("b", title="Dua Inovasi", agency="Dinkes"),
        make("c", title="Tiga Inovasi", agency="UPT Puskesmas Blooto"),
        make("d", title="Empat Inovasi", agency="Dinas Sosial"),
    ]
    results = check_gates(proposals, _limited(2), Matcher(REGISTRY).match)
    over = (
        False,
        "Dinas Kesehatan, P2KB sent 3 proposals; the call lets an agency send at most 2: "
        "choose which to send.",
    )
    assert _per_agency(results, Lang.EN) == [
        over,
        over,
        over,
        (True, "Dinas Sosial sent 1 proposal; the call lets an agency send at most 2."),
    ]


def test_per_agency_without_a_registry_counts_names_as_written() -> None:
    proposals = [
        make("a", title="Satu Inovasi"),
        make("b", title="Dua Inovasi", agency="Dinkes"),
    ]
    assert [passed for passed, _ in _per_agency(check_gates(proposals, _limited(1)), Lang.EN)] == [
        True,
        True,
    ]


def test_check_gates_reports_every_gate_in_rubric_order() -> None:
    results = check_gates([make()], RUBRIC)
    assert [g.gate for g in results["p1"]] == [
        "min_age",
        "word_caps",
        "sections_filled",
        "attachments",
        "stage",
        "unique_title",
        "per_agency",
    ]
    assert all(g.passed for g in results["p1"])


def test_a_batch_checked_again_checks_only_the_proposals_whose_content_changed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    checked: list[str] = []
    stage = gates.PER_PROPOSAL[GateKind.STAGE]

    def counted(proposal: Proposal, call: Call, gate: Gate) -> GateResult:
        checked.append(proposal.id)
        return stage(proposal, call, gate)

    monkeypatch.setitem(gates.PER_PROPOSAL, GateKind.STAGE, counted)
    batch = [make("p1", title="Layanan Satu Pintu"), make("p2", title="Layanan Dua Pintu")]
    once = check_gates(batch, RUBRIC)  # a process that runs once keeps nothing
    caching.keep_between_runs()  # `kipp run --watch`
    first = check_gates(batch, RUBRIC)
    caching.run_finished()
    edited = [batch[0], make("p2", title="Layanan Dua Pintu Terpadu")]
    again = check_gates(edited, RUBRIC)  # after an agency's fix
    caching.run_finished()

    assert checked == ["p1", "p2", "p1", "p2", "p2"]
    assert again == first == once
    other_call = RUBRIC.model_copy(
        update={"call": RUBRIC.call.model_copy(update={"name": "KIPP 2023"})}
    )
    check_gates(edited, other_call)  # another call: every proposal checked again
    assert checked == ["p1", "p2", "p1", "p2", "p2", "p1", "p2"]
