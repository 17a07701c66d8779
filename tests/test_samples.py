"""The bundled sample batch: every file loads, and the deliberately broken proposals fail
with the messages a coordinator reads."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import rendered, run_stages, said

from kipp.core.i18n import Lang
from kipp.core.models import Proposal
from kipp.intake import Intake, Status, read_proposals
from kipp.pipeline import Values
from kipp.reviews.models import ReviewSet
from kipp.rubric import load_rubric
from kipp.scoring import Scorecard
from kipp.shortlist.ranking import Placement

SAMPLES = Path(__file__).resolve().parents[1] / "submissions" / "mojokerto-2022"

pytestmark = pytest.mark.skipif(not SAMPLES.is_dir(), reason="no bundled sample batch")

SAME_TITLE = "each proposal needs its own title (the same innovation is proposed once)"


@pytest.fixture(scope="module")
def samples() -> Intake:
    """The sample batch, loaded once against the bundled rubric's call."""
    return read_proposals(SAMPLES, load_rubric().rubric.call.choices())


def test_samples_every_file_accounted_for(samples: Intake) -> None:
    files = sorted(
        str(p)
        for p in SAMPLES.rglob("*")
        if p.is_file()
        and not any(part.startswith(("_", ".")) for part in p.relative_to(SAMPLES).parts)
        and p.name != "reviewers.yaml"
    )
    reported = {e.path for e in samples.entries} | {u.path for u in samples.unread}
    assert sorted(reported) == files
    # the registry, the coordinator's note, the batch settings, the completed scoresheets and
    # the review panel are not proposals
    assert samples.ignored == [
        str(SAMPLES / "_agencies.yaml"),
        str(SAMPLES / "_catatan-koordinator.txt"),
        str(SAMPLES / "_kumpulan.yaml"),
        str(SAMPLES / "_reviews") + "/",
        str(SAMPLES / "reviewers.yaml"),
    ]


@pytest.fixture(scope="module")
def sample_run() -> Values:
    """Every value of a run of the sample batch up to the rank intervals."""
    return run_stages("uncertainty", "placements", batch_folder=SAMPLES)


def test_samples_reviews_complete_without_problems(sample_run: Values) -> None:
    eligible: list[Proposal] = sample_run["eligible"]  # type: ignore[assignment]
    found: ReviewSet = sample_run["reviews"]  # type: ignore[assignment]
    assert found.problems == []
    assert [(p.assigned, p.completed) for p in found.progress] == [(5, 5)] * 6
    assert sorted(found.proposals) == sorted(p.id for p in eligible)
    assert all(len(r.completed) == 3 and r.pending == 0 for r in found.proposals.values())


def test_samples_run_to_a_final_shortlist_from_reviewer_scores(sample_run: Values) -> None:
    eligible: list[Proposal] = sample_run["eligible"]  # type: ignore[assignment]
    scorecards: dict[str, Scorecard] = sample_run["scorecards"]  # type: ignore[assignment]
    placements: dict[str, Placement] = sample_run["placements"]  # type: ignore[assignment]
    uncertainty: dict[str, object] = sample_run["uncertainty"]  # type: ignore[assignment]
    assert not any(card.provisional for card in scorecards.values())
    chosen = sorted((p for p in placements.values() if p.shortlisted), key=lambda p: p.rank)
    # the order also rests on the measures (novelty is tuned elsewhere): count, not names
    assert len(chosen) == load_rubric().rubric.shortlist.size
    assert set(uncertainty) == {p.id for p in eligible}


def test_samples_valid_proposals_have_no_problem_but_the_repeated_title(samples: Intake) -> None:
    sheet = SAMPLES / "ekspor-formulir-online.xlsx"
    ppdb = SAMPLES / "pendaftaran-sekolah-daring.yml"
    valid = {e.id: rendered(e) for e in samples.entries if e.status is Status.VALID}
    assert valid == {
        # the ten IGA 2021 winners; PPDB Online is filed twice: a warning here, and the
        # rubric's unique_title gate makes both ineligible in a run
        "ppdb-online-disdikbud": [f"{sheet}:3:C: title: same title as {ppdb.name}; {SAME_TITLE}"],
        "pendaftaran-sekolah-daring": [
            f"{ppdb}:3: title: same title as {sheet.name}#3; {SAME_TITLE}"
        ],
        "sempelmas-jagalan": [],
        "gelai-sang-ratu": [],
        "ngarang-biji-goodbye": [],
        "si-mapan-rsud": [],
        "curhat-ning-ita": [],
        "brantas-tuntas-smpn5": [],
        "e-surat-setda": [],
        "magis-bappeda": [],
        "gayatri": [],
        # and other Mojokerto innovations
        "sapa-tertib": [],
        "seruling-mas": [],
        "si-parto-dishub": [],
    }


def test_samples_broken_proposals_named_with_their_problems(samples: Intake) -> None:
    sheet = SAMPLES / "ekspor-formulir-online.xlsx"
    invalid = {e.source: rendered(e) for e in samples.entries if e.status is Status.INVALID}
    assert invalid == {
        f"{sheet}#4": [
            f"{sheet}:4:D: agency: required, but missing; fill in the `agency (instansi)` column"
        ],
        str(SAMPLES / "salam-santun.yaml"): [
            f"{SAMPLES / 'salam-santun.yaml'}:7: category: 'pelayanan_publik' is not a "
            "category of this call; use one of: inklusif, tpb, ketahanan",
            f"{SAMPLES / 'salam-santun.yaml'}:8: sdgs: 19 is not an SDG number; use 1 to 17",
        ],
        str(SAMPLES / "sip.md"): [
            f"{SAMPLES / 'sip.md'}:3: title: 3 characters; a title needs 5 to 150",
            f"{SAMPLES / 'sip.md'}:9: started_on: '31 Juni 2020' is not a real date: "
            "June 2020 has 30 days",
        ],
    }


def test_samples_broken_proposals_read_in_indonesian_with_indonesian_keys(
    samples: Intake,
) -> None:
    sheet = SAMPLES / "ekspor-formulir-online.xlsx"
    invalid = {
        e.source: [p.render(Lang.ID) for p in e.problems]
        for e in samples.entries
        if e.status is Status.INVALID
    }
    assert invalid == {
        f"{sheet}#4": [f"{sheet}:4:D: instansi: wajib diisi, tetapi kosong; isi kolom `instansi`"],
        str(SAMPLES / "salam-santun.yaml"): [
            f"{SAMPLES / 'salam-santun.yaml'}:7: kategori: 'pelayanan_publik' bukan kategori "
            "dalam kompetisi ini; pilih salah satu: inklusif, tpb, ketahanan",
            f"{SAMPLES / 'salam-santun.yaml'}:8: tpb: 19 bukan nomor TPB; gunakan 1 sampai 17",
        ],
        str(SAMPLES / "sip.md"): [
            f"{SAMPLES / 'sip.md'}:3: judul: 3 karakter; judul harus 5 sampai 150 karakter",
            f"{SAMPLES / 'sip.md'}:9: tanggal_mulai: '31 Juni 2020' bukan tanggal yang ada: "
            "Juni 2020 hanya 30 hari",
        ],
    }
    assert [said(u.reason, Lang.ID) for u in samples.unread] == [
        "jenis berkas '.docx' tidak didukung; salin isinya ke proposal .md atau .yaml"
    ]


def test_samples_stray_word_file_unread(samples: Intake) -> None:
    assert [(u.path, said(u.reason)) for u in samples.unread] == [
        (
            str(SAMPLES / "surat-pengantar.docx"),
            "unsupported file type '.docx'; copy its content into a .md or .yaml proposal",
        )
    ]


def test_samples_form_export_timestamp_column_noted(samples: Intake) -> None:
    assert [n.render() for n in samples.notices] == [
        f"{SAMPLES / 'ekspor-formulir-online.xlsx'}:1:A: Cap waktu: column is not a proposal "
        "field, so it is not read"
    ]
