"""The sample batch's panel and completed scoresheets, read as `kipp run` reads them (through
the batch's agency registry): nobody scored their own agency, and every pair once."""

from __future__ import annotations

from pathlib import Path

from builders import agency_matcher, run_stages

from kipp.core.models import Proposal
from kipp.intake.panel import load_panel
from kipp.reviews.models import ReviewSet

SAMPLES = Path(__file__).resolve().parents[2] / "submissions" / "mojokerto-2022"


def test_sample_reviewers_never_score_their_own_agency_under_any_of_its_names() -> None:
    values = run_stages("reviews", batch_folder=SAMPLES)
    eligible: list[Proposal] = values["eligible"]  # type: ignore[assignment]
    found: ReviewSet = values["reviews"]  # type: ignore[assignment]
    matcher = agency_matcher(SAMPLES)
    assert matcher is not None
    assert found.problems == []
    panel = load_panel(SAMPLES / "reviewers.yaml")
    by_id = {p.id: p for p in eligible}
    conflicts = [
        (a.reviewer, a.proposal)
        for a in found.assignments
        if (reviewer := panel.get(a.reviewer)) is None
        or reviewer.conflicted(by_id[a.proposal], matcher) is not None
    ]
    assert conflicts == []
    pairs = [(a.reviewer, a.proposal) for a in found.assignments]
    assert len(pairs) == len(set(pairs)) == 30
    assert sorted((r.reviewer, r.proposal) for r in found.reviews) == sorted(pairs)
    # the health office's reviewer is kept off its proposals under every spelling
    assert sorted(a.proposal for a in found.assignments if a.reviewer == "endang-susilowati") == [
        "curhat-ning-ita",
        "e-surat-setda",
        "magis-bappeda",
        "sempelmas-jagalan",
        "si-mapan-rsud",
    ]
