"""The panel file is validated like a rubric: every problem with its line, field and fix."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import said
from review_builders import make_proposal, registry_matcher

from kipp.core.i18n import Lang
from kipp.intake.panel import PanelError, Reviewer, load_panel

SAMPLE = Path(__file__).resolve().parents[2] / "submissions" / "mojokerto-2022" / "reviewers.yaml"


def problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "reviewers.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PanelError) as caught:
        load_panel(path)
    return [p.render().removeprefix(str(path)) for p in caught.value.problems]


def test_sample_panel_loads() -> None:
    panel = load_panel(SAMPLE)
    assert [r.id for r in panel.reviewers] == [
        "bagus-hermawan",
        "citra-maharani",
        "dimas-ardiansyah",
        "endang-susilowati",
        "hadi-purnomo",
        "yuliana-safitri",
    ]


def test_panel_problems_named_with_line_field_and_fix(tmp_path: Path) -> None:
    text = (
        "reviewers:\n"
        "  - id: ani\n"
        "    name: Ani\n"
        "    agensi: Dinas Kesehatan\n"
        "  - id: Budi Santoso\n"
        "    name: ''\n"
        "  - id: ani\n"
        "    name: Ani Lagi\n"
        "    conflicts: p1\n"
    )
    assert problems(tmp_path, text) == [
        ":4: reviewers.1.agensi: unknown setting; known settings here: id, name, agency, "
        "affiliation, conflicts",
        ":5: reviewers.2.id: 'Budi Santoso' is not a valid reviewer id: use lowercase letters, "
        "digits and hyphens, e.g. 'ani-rahmawati'",
        ":6: reviewers.2.name: is empty; write a value",
        ":9: reviewers.3.conflicts: 'p1' should be a list (one '- item' per line)",
    ]


def test_panel_repeated_reviewer_id(tmp_path: Path) -> None:
    text = "reviewers:\n  - {id: ani, name: Ani}\n  - {id: ani, name: Ani Lagi}\n"
    assert problems(tmp_path, text) == [
        ":1: reviewers: reviewer id ani used twice; give each reviewer their own id"
    ]


def test_panel_error_reads_in_indonesian_with_its_hint(tmp_path: Path) -> None:
    path = tmp_path / "reviewers.yaml"
    path.write_text("reviewers:\n  - {id: ani}\n  - {id: Budi, name: Budi}\n", "utf-8")
    with pytest.raises(PanelError) as caught:
        load_panel(path)

    assert said(caught.value.message, Lang.ID).splitlines() == [
        f"daftar juri {path} tidak sah:",
        f"{path}:2: reviewers.1.name: wajib diisi, tetapi kosong; tambahkan `name:`",
        f"{path}:3: reviewers.2.id: 'Budi' bukan kode juri yang sah: gunakan huruf kecil, angka "
        "dan tanda hubung, mis. 'ani-rahmawati'",
    ]
    assert said(caught.value.hint, Lang.ID) == (
        "perbaiki baris yang disebut di atas; lihat submissions/mojokerto-2022/reviewers.yaml"
    )


def test_panel_that_is_not_a_mapping(tmp_path: Path) -> None:
    assert problems(tmp_path, "- ani\n") == [
        ": (file): a panel is a mapping with `reviewers:`, a list of id, name, agency, conflicts"
    ]


def test_reviewer_conflicted_by_agency_ignoring_case_and_by_declaration() -> None:
    r = Reviewer(id="r", name="R", agency="dinas  kesehatan", conflicts=["p2"])
    assert r.conflicted(make_proposal("p1", agency="Dinas Kesehatan")) == "agency"
    assert r.conflicted(make_proposal("p2", agency="Dinas Pendidikan")) == "declared"
    assert r.conflicted(make_proposal("p3", agency="Dinas Pendidikan")) is None


def test_reviewer_conflicted_by_another_name_of_their_agency_in_the_registry() -> None:
    r = Reviewer(id="r", name="R", agency="Dinas Kesehatan")
    health = [
        make_proposal(
            "full", agency="Dinas Kesehatan, Pengendalian Penduduk dan Keluarga Berencana"
        ),
        make_proposal("city", agency="Dinas Kesehatan Kota Mojokerto"),
        make_proposal("short", agency="Dinkes"),
        make_proposal("unit", agency="UPT Puskesmas Kedundung"),
    ]
    matcher = registry_matcher()
    assert [r.conflicted(p, matcher) for p in health] == ["agency"] * 4
    assert [r.conflicted(p) for p in health] == [None] * 4  # no registry: names only
    assert r.conflicted(make_proposal("edu", agency="Dindikbud"), matcher) is None


def test_reviewer_agency_unknown_to_the_registry_compares_by_name() -> None:
    r = Reviewer(id="r", name="R", agency="Kelurahan  jagalan")
    matcher = registry_matcher()
    assert r.conflicted(make_proposal("p1", agency="Kelurahan Jagalan"), matcher) == "agency"
    assert r.conflicted(make_proposal("p2", agency="Kelurahan Kranggan"), matcher) is None
