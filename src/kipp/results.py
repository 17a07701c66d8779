"""The results document (`results.json`): the machine-readable truth of a run.

Built from the intake batch and the assessment, with every sentence rendered in the run's
language. Every input file appears exactly once: as proposals (one per file, one per
spreadsheet row) or under `unread`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict

from kipp.approval import Decision
from kipp.assessment import Assessment
from kipp.i18n import Lang, Text, render, text
from kipp.intake import Batch, Entry, InputFile, Status
from kipp.measures.novelty import Neighbour
from kipp.reviews.models import ProposalReviews, ReviewSet
from kipp.reviews.uncertainty import RankInterval
from kipp.rubric import LoadedRubric, ReviewSettings, Rubric


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
    """One criterion of one proposal. `score` is the measure's 0-1 score (None for a
    criterion reviewers alone score); `value` the unrounded level (1-5) the total uses;
    `auto_level` the measure's level; `reviewers` the reviewers' aggregate level and
    `reviewer_share` their share of it (0 auto, 1 reviewers, between for a blend)."""

    label: str
    weight: float
    source: Literal["auto", "reviewers", "blend"]
    score: float | None
    level: int | None
    level_description: str | None
    evidence: str
    value: float | None = None
    auto_level: int | None = None
    reviewers: float | None = None
    reviewer_share: float = 0.0
    disagreement: bool = False


class RawScoreOut(_Out):
    """One reviewer's score as given (`score`, on the rubric's scale) and as used (`level`)."""

    reviewer: str
    score: int
    level: float


class CriterionReviewsOut(_Out):
    """Every reviewer's score of one criterion, mean, median, the value used, the spread
    (after normalisation, what the flag reads) and the raw spread (as given), and the flag."""

    scores: list[RawScoreOut]
    mean: float
    median: float
    value: float
    spread: float
    raw_spread: int | None = None  # None in results written before kipp recorded it
    disagreement: bool


class ProposalReviewsOut(_Out):
    """A proposal's reviews: who was assigned, who completed, raw and aggregated scores,
    criteria the reviewers disagree on, and sentences saying what to do."""

    assigned: list[str]
    completed: list[str]
    pending: int
    criteria: dict[str, CriterionReviewsOut]
    disagreements: list[str]
    extra_reviewer: str | None
    pending_note: str | None


class RankIntervalOut(_Out):
    """The range of ranks a proposal took over resampled reviews; `near_cutoff` when the
    range crosses the shortlist's cut-off (its place is within the noise)."""

    low: int
    high: int
    near_cutoff: bool
    note: str


class NoveltyOut(_Out):
    score: float
    nearest: list[Neighbour]
    flags: list[Neighbour]
    # neighbours of each kind at or above the flag (at most 100); `flags` lists the closest
    prior_flagged: int = 0
    batch_flagged: int = 0


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
    reviews: ProposalReviewsOut | None = None
    rank_interval: RankIntervalOut | None = None


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


class ProgressOut(_Out):
    """How far one reviewer is: proposals assigned, fully scored, started."""

    reviewer: str
    name: str
    assigned: int
    completed: int
    started: int
    note: str


class AdjustmentOut(_Out):
    """How normalisation treated one reviewer (their mean and spread in levels, and how far
    they are trusted: 0-1, from the number of their scores)."""

    reviewer: str
    scores: int
    mean: float
    sd: float
    weight: float


class ReviewsOut(_Out):
    """The panel's work on the batch: settings used, progress per reviewer, normalisation,
    problems found in the scoresheets (by sheet, row and column), and the shortlist's
    cut-off rank with the proposals whose rank interval crosses it."""

    panel: str | None
    sheets: list[str]
    scale_min: int
    scale_max: int
    aggregate: Literal["mean", "median"]
    normalise: bool
    disagreement_threshold: float
    bootstrap_iterations: int
    bootstrap_seed: int
    interval: float
    assigned: int
    completed: int
    complete: bool
    progress: list[ProgressOut]
    adjustments: list[AdjustmentOut]
    problems: list[ProblemOut]
    cutoff_rank: int | None
    near_cutoff: list[str]


class Results(_Out):
    run: RunOut
    summary: Summary
    proposals: list[ProposalOut]
    unread: list[UnreadOut]
    ignored: list[str]
    notices: list[ProblemOut]
    # the panel's work: progress, settings, scoresheet problems (issue 5); None without one
    reviews: ReviewsOut | None = None
    # the coordinator's decision on the shortlist, when the run asked for one (issue 6)
    approval: Decision | None = None


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
        NoveltyOut(
            score=measure.score,
            nearest=measure.nearest,
            flags=measure.flags,
            prior_flagged=measure.prior_flagged,
            batch_flagged=measure.batch_flagged,
        )
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
            value=c.value,
            auto_level=c.auto_level,
            reviewers=c.reviewers,
            reviewer_share=c.reviewer_share,
            disagreement=c.disagreement,
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
            "reviews": _proposal_reviews(assessment.reviews.proposals.get(proposal.id), r, lang),
            "rank_interval": _interval(
                assessment.uncertainty.get(proposal.id), assessment, r.reviews, lang
            ),
        }
    )


def _proposal_reviews(
    reviews: ProposalReviews | None, rubric: Rubric, lang: Lang
) -> ProposalReviewsOut | None:
    if reviews is None:
        return None
    labels = {c.id: c.label.get(lang.value) for c in rubric.criteria}
    disagreements = reviews.disagreements
    extra = (
        render(text("reviews.extra_reviewer", criteria=[labels[c] for c in disagreements]), lang)
        if disagreements
        else None
    )
    pending = (
        render(
            text("reviews.pending", pending=reviews.pending, assigned=len(reviews.assigned)), lang
        )
        if reviews.pending
        else None
    )
    return ProposalReviewsOut(
        assigned=reviews.assigned,
        completed=reviews.completed,
        pending=reviews.pending,
        criteria={
            cid: CriterionReviewsOut(
                scores=[
                    RawScoreOut(reviewer=s.reviewer, score=s.score, level=s.level) for s in v.scores
                ],
                mean=v.mean,
                median=v.median,
                value=v.value,
                spread=v.spread,
                raw_spread=v.raw_spread,
                disagreement=v.disagreement,
            )
            for cid, v in reviews.criteria.items()
        },
        disagreements=disagreements,
        extra_reviewer=extra,
        pending_note=pending,
    )


def _interval(
    interval: RankInterval | None, assessment: Assessment, settings: ReviewSettings, lang: Lang
) -> RankIntervalOut | None:
    if interval is None:
        return None
    sentences = [
        text(
            "reviews.interval",
            low=interval.low,
            high=interval.high,
            share=f"{round(settings.bootstrap.interval * 100)}%",
            iterations=settings.bootstrap.iterations,
        )
    ]
    cutoff = assessment.cutoff_rank
    if interval.near_cutoff and cutoff is not None:
        sentences.append(text("reviews.near_cutoff", cutoff=cutoff))
    return RankIntervalOut(
        low=interval.low,
        high=interval.high,
        near_cutoff=interval.near_cutoff,
        note=_sentences(sentences, lang),
    )


def reviews_out(assessment: Assessment, rubric: Rubric, lang: Lang) -> ReviewsOut | None:
    """The panel's part of the results; None when the batch has no panel or scoresheets."""
    found: ReviewSet = assessment.reviews
    if found.empty:
        return None
    settings = rubric.reviews
    progress = [
        ProgressOut(
            reviewer=p.reviewer,
            name=p.name,
            assigned=p.assigned,
            completed=p.completed,
            started=p.started,
            note=render(
                text("reviews.progress", name=p.name, completed=p.completed, assigned=p.assigned),
                lang,
            ),
        )
        for p in found.progress
    ]
    assigned = sum(p.assigned for p in progress)
    completed = sum(p.completed for p in progress)
    near = [pid for pid, i in assessment.uncertainty.items() if i.near_cutoff]
    return ReviewsOut(
        panel=found.panel,
        sheets=found.sheets,
        scale_min=settings.scale.min,
        scale_max=settings.scale.max,
        aggregate=settings.aggregate,
        normalise=settings.normalise,
        disagreement_threshold=settings.disagreement,
        bootstrap_iterations=settings.bootstrap.iterations,
        bootstrap_seed=settings.bootstrap.seed,
        interval=settings.bootstrap.interval,
        assigned=assigned,
        completed=completed,
        complete=assigned > 0 and completed >= assigned and found.assignments_known,
        progress=progress,
        adjustments=[
            AdjustmentOut(
                reviewer=a.reviewer, scores=a.scores, mean=a.mean, sd=a.sd, weight=a.weight
            )
            for a in found.adjustments
        ],
        problems=_problems(list(found.problems)),
        cutoff_rank=assessment.cutoff_rank,
        near_cutoff=sorted(near, key=lambda pid: assessment.placements[pid].rank),
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
        reviews=reviews_out(assessment, rubric.rubric, run.lang),
    )
