"""Scorecards tell an agency what to do: the day its innovation is old enough and the call it
can then enter, the words to cut per section, what each criterion's next level needs."""

from __future__ import annotations

from datetime import date

import pytest
from builders import proposal_data, results_of, write_yaml
from render_builders import gate, proposal, results, rubric

from kipp.core.i18n import Lang, text
from kipp.documents.render.reports import scorecard_view
from kipp.gates import first_call_from, old_enough_on
from kipp.results import ProposalStatus
from kipp.rubric import load_rubric


def test_old_enough_on_is_the_first_day_with_the_whole_months() -> None:
    assert old_enough_on(date(2021, 3, 4), 24) == date(2023, 3, 4)
    assert old_enough_on(date(2021, 8, 31), 6) == date(2022, 3, 1)  # no 31 February
    assert old_enough_on(date(2020, 2, 29), 12) == date(2021, 3, 1)


def test_first_call_is_the_first_yearly_deadline_on_or_after_the_day() -> None:
    deadline = date(2022, 4, 15)
    assert first_call_from(date(2023, 3, 4), deadline) == date(2023, 4, 15)
    assert first_call_from(date(2023, 4, 15), deadline) == date(2023, 4, 15)
    assert first_call_from(date(2023, 4, 16), deadline) == date(2024, 4, 15)


def _long(words: int) -> str:
    return " ".join(["kata"] * words)


@pytest.fixture(scope="module")
def advised(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[str, ...]]:
    """The scorecards' advice (Indonesian) of a run of four proposals: too young, too
    young for a pandemic innovation and over two word caps, over a word cap, eligible."""
    folder = tmp_path_factory.mktemp("batch")
    sections = proposal_data()["sections"]
    write_yaml(folder, "muda.yaml", proposal_data(title="Layanan Muda", started_on="2021-03-04"))
    write_yaml(
        folder,
        "pandemi.yaml",
        proposal_data(
            title="Layanan Pandemi",
            agency="Dinas Sosial",
            started_on="2021-05-20",
            pandemic_related=True,
            sections={**sections, "background": _long(412), "summary": _long(201)},
        ),
    )
    write_yaml(
        folder,
        "panjang.yaml",
        proposal_data(
            title="Layanan Panjang",
            agency="Dinas Pendidikan",
            sections={**sections, "background": _long(412)},
        ),
    )
    write_yaml(folder, "siap.yaml", proposal_data(title="Layanan Siap", agency="Bappeda"))
    data = results_of(folder)
    kipp = load_rubric().rubric
    found = {}
    for p in data.proposals:
        card = scorecard_view(p, data, kipp)
        found[p.id] = (card.advice_intro, *card.advice, card.advice_note)
    return found


def test_too_young_proposal_is_told_the_day_and_the_call_it_can_enter(
    advised: dict[str, tuple[str, ...]],
) -> None:
    assert advised["muda"] == (
        "Yang perlu dilakukan agar proposal memenuhi syarat:",
        "Inovasi ini genap 24 bulan diterapkan pada 4 Maret 2023; ajukan kembali paling "
        "cepat pada kompetisi tahun 2023 (bila batas pendaftarannya 15 April 2023).",
        "",
    )


def test_every_failed_gate_says_what_to_do_per_section(
    advised: dict[str, tuple[str, ...]],
) -> None:
    assert advised["pandemi"] == (
        "Yang perlu dilakukan agar proposal memenuhi syarat:",
        "Inovasi ini genap 12 bulan diterapkan pada 20 Mei 2022; ajukan kembali paling "
        "cepat pada kompetisi tahun 2023 (bila batas pendaftarannya 15 April 2023).",
        "Ringkasan: 201 kata, batas 200; kurangi 1 kata.",
        "Latar Belakang: 412 kata, batas 300; kurangi 112 kata.",
        "",
    )
    assert advised["panjang"] == (
        "Yang perlu dilakukan agar proposal memenuhi syarat:",
        "Latar Belakang: 412 kata, batas 300; kurangi 112 kata.",
        "",
    )


def test_scored_proposal_is_told_what_each_criterion_below_5_needs(
    advised: dict[str, tuple[str, ...]],
) -> None:
    assert advised["siap"] == (
        "Yang dibutuhkan setiap kriteria untuk naik satu level menurut rubrik, dimulai dari "
        "yang terlemah:",
        "Signifikansi (level 1/5, bobot 30%). Untuk mencapai level 2: Dampak kecil atau hanya "
        "sebagian terukur.",
        "Adaptabilitas (level 2/5, bobot 20%). Untuk mencapai level 3: Direplikasi dua kali.",
        "Kriteria yang menunggu juri (Latar Belakang dan Tujuan, Implementasi Inovasi, Sumber "
        "Daya, Strategi Keberlanjutan) belum dinilai.",
    )


def _too_young(lang: Lang, *others: object) -> tuple[str, ...]:
    advice = text(
        "advice.min_age",
        months=24,
        reached=date(2023, 3, 4),
        year="2023",
        deadline=date(2023, 4, 15),
    )
    failed = gate(passed=False, detail="Mulai 4 Maret 2021: 13 bulan.")
    gates = [failed.model_copy(update={"advice": [advice]}), *others]
    ineligible = proposal(ProposalStatus.INELIGIBLE, gates=gates)
    card = scorecard_view(ineligible, results([ineligible], lang=lang), rubric())
    return (card.advice_intro, *card.advice, card.advice_note)


def test_gate_advice_reads_in_english_from_results() -> None:
    assert _too_young(Lang.EN) == (
        "What to do for the proposal to meet the gates:",
        "The innovation reaches 24 months on 4 March 2023; enter again from the 2023 call on "
        "(if its deadline is 15 April 2023).",
        "",
    )


def test_a_failed_gate_without_advice_still_points_to_the_gates_below() -> None:
    stage = gate(passed=False, detail="Tahapan uji coba.").model_copy(
        update={"gate": "stage", "label": "Tahapan inovasi"}
    )
    assert _too_young(Lang.ID, stage) == (
        "Yang perlu dilakukan agar proposal memenuhi syarat:",
        "Inovasi ini genap 24 bulan diterapkan pada 4 Maret 2023; ajukan kembali paling "
        "cepat pada kompetisi tahun 2023 (bila batas pendaftarannya 15 April 2023).",
        "Penuhi dahulu syarat yang tercantum di bawah; proposal yang tidak memenuhi syarat "
        "tidak dinilai.",
    )
