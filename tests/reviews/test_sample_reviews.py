"""The sample batch's panel and completed scoresheets, read as `kipp run` reads them (through
the batch's agency registry): nobody scored their own agency, and every pair once."""

from __future__ import annotations

from pathlib import Path

from kipp.assessment import eligible_proposals, valid_proposals
from kipp.compliance import agency_matcher
from kipp.gates import check_gates
from kipp.intake import load_batch
from kipp.reviews.ingest import load_reviews
from kipp.reviews.panel import load_panel
from kipp.rubric import load_rubric

SAMPLES = Path(__file__).resolve().parents[2] / "submissions" / "mojokerto-2022"


def test_sample_reviewers_never_score_their_own_agency_under_any_of_its_names() -> None:
    rubric = load_rubric().rubric
    proposals = valid_proposals(load_batch(SAMPLES, rubric.call.choices()))
    eligible = eligible_proposals(proposals, check_gates(proposals, rubric))
    matcher = agency_matcher(SAMPLES)
    assert matcher is not None
    found = load_reviews(SAMPLES, rubric, eligible, matcher)
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
