"""Builders for the reviewer tests: proposals, reviewers and scoresheet rows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import yaml
from builders import proposal_data

from kipp.core.models import Proposal
from kipp.intake.panel import Reviewer
from kipp.intake.registry import AgencyOf, Matcher, Registry
from kipp.reviews.models import Review
from kipp.rubric import Rubric, load_rubric

RUBRIC: Rubric = load_rubric().rubric
CHOICES = RUBRIC.call.choices()
CRITERIA = [c.id for c in RUBRIC.reviewed_criteria]
# the reviewed criteria as `kipp assign` heads their columns: by their rubric labels
LABELS = [c.label.id for c in RUBRIC.reviewed_criteria]
LABELS_EN = [c.label.en for c in RUBRIC.reviewed_criteria]


def make_proposal(pid: str, agency: str = "Dinas Kesehatan", **overrides: Any) -> Proposal:
    data = {"id": pid, **proposal_data(agency=agency, **overrides)}
    return Proposal.model_validate(data, context={"choices": CHOICES})


def reviewer(rid: str, agency: str | None = None, conflicts: Sequence[str] = ()) -> Reviewer:
    return Reviewer(
        id=rid, name=rid.replace("-", " ").title(), agency=agency, conflicts=list(conflicts)
    )


def review(reviewer_id: str, proposal: str, score: int | dict[str, int], row: int = 2) -> Review:
    """A complete review giving `score` to every reviewed criterion (or per criterion)."""
    scores = score if isinstance(score, dict) else dict.fromkeys(CRITERIA, score)
    return Review(
        reviewer=reviewer_id,
        proposal=proposal,
        scores=scores,
        sheet="sheet.csv",
        row=row,
        complete=len(scores) == len(CRITERIA),
    )


def header(*extra: str) -> list[str]:
    return ["reviewer", "proposal", "title", *CRITERIA, "comment", *extra]


def row(reviewer_id: str, proposal: str, *scores: Any, comment: str = "") -> list[Any]:
    filled = list(scores) + [""] * (len(CRITERIA) - len(scores))
    return [reviewer_id, proposal, "Judul", *filled, comment]


# A region's agency registry (`_agencies.yaml`): the health office under its full name, its
# short names and its health centres.
REGISTRY_YAML = """\
region: Kota Mojokerto
agencies:
  - name: Dinas Kesehatan, Pengendalian Penduduk dan Keluarga Berencana
    aliases: [Dinas Kesehatan, Dinkes]
    unit_prefixes: [UPT Puskesmas]
  - name: Dinas Pendidikan dan Kebudayaan
    aliases: [Dindikbud, Dinas Pendidikan]
"""


def registry_matcher() -> AgencyOf:
    """`Matcher.match` of `REGISTRY_YAML`, as `kipp.intake.registry.registry_matcher` gives it."""
    registry = Registry.model_validate(yaml.safe_load(REGISTRY_YAML))
    return Matcher(registry).match
