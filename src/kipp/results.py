"""The results document (`results.json`): the machine-readable truth of a run.

Built from the intake batch and the assessment, with every sentence rendered in the run's
language. Every input file appears exactly once: as proposals (one per file, one per
spreadsheet row) or under `unread`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict

from kipp.assessment import Assessment
from kipp.i18n import Lang, Text, render, text
from kipp.intake import Batch, Entry, InputFile, Status
from kipp.measures.novelty import Neighbour
from kipp.rubric import LoadedRubric


class ProposalStatus(StrEnum):
    """A proposal's fate in a run."""

    SHORTLISTED = "shortlisted"
    SCORED = "scored"
    INELIGIBLE = "ineligible"
    INVALID = "invalid"


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class ProblemOut(_Out):
    path: str
    field: str
    message: str
    line: int | None
    column: str | None
    severity: Literal["error", "warning"]


class GateOut(_Out):
    gate: str
    label: str
    passed: bool
    detail: str


class CriterionOut(_Out):
    label: str
    weight: float
    source: Literal["auto", "reviewers"]
    score: float | None
    level: int | None
    level_description: str | None
    evidence: str


class NoveltyOut(_Out):
    score: float
    nearest: list[Neighbour]
    flags: list[Neighbour]


class ProposalOut(_Out):
    id: str
    source: str
    title: str | None
    agency: str | None
    group: str | None
    category: str | None
    status: ProposalStatus
    reason: str
    problems: list[ProblemOut]
    gates: list[GateOut]
    criteria: dict[str, CriterionOut] | None
    total: float | None
    provisional: bool | None
    scored_weight: float | None
    rank: int | None
    novelty: NoveltyOut | None


class UnreadOut(_Out):
    path: str
    reason: str


class CorpusOut(_Out):
    path: str
    sha256: str
    entries: int
    prior_art_entries: int


class RunOut(_Out):
    rubric: str
    rubric_sha256: str
    batch: str
    started_at: str
    finished_at: str
    code_version: str
    lang: Lang
    shortlist_size: int
    corpus: CorpusOut
    inputs: list[InputFile]


class Summary(_Out):
    files: int
    proposals: int
    shortlisted: int
    scored: int
    ineligible: int
    invalid: int
    unread: int
    provisional: bool


class Results(_Out):
    run: RunOut
    summary: Summary
    proposals: list[ProposalOut]
    unread: list[UnreadOut]
    ignored: list[str]
    notices: list[ProblemOut]


def _sentences(items: list[Text], lang: Lang) -> str:
    return " ".join(render(item, lang) for item in items)


def _problems(entry_problems: list[object]) -> list[ProblemOut]:
    return [ProblemOut.model_validate(p, from_attributes=True) for p in entry_problems]


def proposal_out(
    entry: Entry, assessment: Assessment, rubric: LoadedRubric, lang: Lang
) -> ProposalOut:
    """One proposal's record: status, reason, gates, criteria, novelty."""
    r = rubric.rubric
    problems = _problems(list(entry.problems))
    out = ProposalOut(
        id=entry.id,
        source=entry.source,
        title=entry.title,
        agency=entry.agency,
        group=None,
        category=None,
        status=ProposalStatus.INVALID,
        reason="",
        problems=problems,
        gates=[],
        criteria=None,
        total=None,
        provisional=None,
        scored_weight=None,
        rank=None,
        novelty=None,
    )
    proposal = entry.proposal
    if entry.status is Status.INVALID or proposal is None:
        errors = sum(p.severity == "error" for p in problems)
        return out.model_copy(update={"reason": render(text("status.invalid", count=errors), lang)})
    labels = {g.id: g.label.get(lang.value) for g in r.gates}
    gates = [
        GateOut(gate=g.gate, label=labels[g.gate], passed=g.passed, detail=render(g.detail, lang))
        for g in assessment.gates[proposal.id]
    ]
    measure = assessment.novelty.get(proposal.id)
    novelty = (
        NoveltyOut(score=measure.score, nearest=measure.nearest, flags=measure.flags)
        if measure
        else None
    )
    out = out.model_copy(
        update={
            "gates": gates,
            "novelty": novelty,
            "group": proposal.group,
            "category": proposal.category,
        }
    )
    card = assessment.scorecards.get(proposal.id)
    if card is None:
        failed = [labels[g.gate] for g in gates if not g.passed]
        reason = render(text("status.ineligible", gates=failed), lang)
        return out.model_copy(update={"status": ProposalStatus.INELIGIBLE, "reason": reason})
    placement = assessment.placements[proposal.id]
    criteria = {}
    for c in card.criteria:
        criterion = r.criterion(c.criterion)
        description = criterion.levels[c.level - 1].get(lang.value) if c.level else None
        criteria[c.criterion] = CriterionOut(
            label=criterion.label.get(lang.value),
            weight=c.weight,
            source=c.source,
            score=c.score,
            level=c.level,
            level_description=description,
            evidence=_sentences(c.evidence, lang),
        )
    status = ProposalStatus.SHORTLISTED if placement.shortlisted else ProposalStatus.SCORED
    return out.model_copy(
        update={
            "status": status,
            "reason": render(placement.reason, lang),
            "criteria": criteria,
            "total": card.total,
            "provisional": card.provisional,
            "scored_weight": card.scored_weight,
            "rank": placement.rank,
        }
    )


def build_results(
    batch: Batch,
    assessment: Assessment,
    rubric: LoadedRubric,
    run: RunOut,
) -> Results:
    """The results document of a run, every sentence in the run's language."""
    proposals = [proposal_out(e, assessment, rubric, run.lang) for e in batch.entries]
    count = {s: sum(p.status is s for p in proposals) for s in ProposalStatus}
    summary = Summary(
        files=batch.file_count,
        proposals=len(proposals),
        shortlisted=count[ProposalStatus.SHORTLISTED],
        scored=count[ProposalStatus.SCORED],
        ineligible=count[ProposalStatus.INELIGIBLE],
        invalid=count[ProposalStatus.INVALID],
        unread=len(batch.unread),
        provisional=any(p.provisional for p in proposals),
    )
    return Results(
        run=run,
        summary=summary,
        proposals=proposals,
        unread=[UnreadOut(path=u.path, reason=u.reason) for u in batch.unread],
        ignored=batch.ignored,
        notices=_problems(list(batch.notices)),
    )
