"""The flows read own agencies through the batch's agency registry, as `kipp assign` does:
the assign flow never gives a reviewer their agency under another of its names, and the run's
reviews stage refuses such scores."""

from __future__ import annotations

from pathlib import Path

from builders import proposal_data, write_csv, write_text, write_yaml
from prefect import flow

from kipp import pipeline
from kipp.core.i18n import Lang
from kipp.reviews.models import ReviewSet
from kipp_app.flows.assign import AssignParameters, kipp_assign
from kipp_app.flows.runner import PrefectRunner

REGISTRY = """\
region: Kota Mojokerto
agencies:
  - name: Dinas Kesehatan, Pengendalian Penduduk dan Keluarga Berencana
    aliases: [Dinas Kesehatan, Dinkes]
    unit_prefixes: [UPT Puskesmas]
"""
PANEL = """\
reviewers:
  - {id: dinkes, name: Dewi, agency: Dinkes}
  - {id: r1, name: Juri 1}
  - {id: r2, name: Juri 2}
"""
AGENCIES = ["Dinas Kesehatan Kota Mojokerto", "UPT Puskesmas Kedundung", "Dinas Pendidikan"]


def registry_batch(tmp_path: Path) -> Path:
    folder = tmp_path / "batch"
    for i, agency in enumerate(AGENCIES):
        write_yaml(folder, f"p{i}.yaml", proposal_data(agency=agency, title=f"Layanan Nomor {i}"))
    write_text(folder, "_agencies.yaml", REGISTRY)
    write_text(folder, "reviewers.yaml", PANEL)
    return folder


def test_assign_flow_keeps_reviewers_off_their_agency_under_its_other_names(
    tmp_path: Path,
) -> None:
    folder = registry_batch(tmp_path)
    out = tmp_path / "sheets"
    kipp_assign(AssignParameters(batch=str(folder), per_proposal=1, out=str(out)))
    rows = (out / "assignments.csv").read_text("utf-8").splitlines()
    assert [r for r in rows if r.startswith("dinkes,")] == ["dinkes,p2"]


@flow(name="test-reviews-registry")
def read_reviews(batch: str) -> ReviewSet:
    given = {"batch_folder": Path(batch), "rubric_path": None}
    found = pipeline.run(("reviews",), given, PrefectRunner(Lang.EN))["reviews"]
    assert isinstance(found, ReviewSet)
    return found


def test_run_reviews_stage_refuses_scores_of_the_reviewers_agency_under_another_name(
    tmp_path: Path,
) -> None:
    folder = registry_batch(tmp_path)
    sheet = write_csv(folder, "_reviews/dinkes.csv", [["reviewer", "proposal"], ["dinkes", "p1"]])
    found = read_reviews(str(folder))
    assert [p.render() for p in found.problems if p.field == "reviewer"] == [
        f"{sheet}:2:A: reviewer: 'dinkes' works at UPT Puskesmas Kedundung, the proposal's "
        "agency; these scores are not used, ask another reviewer"
    ]
