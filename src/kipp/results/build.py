"""Building the results document from what intake found and what the pipeline concluded."""

from __future__ import annotations

from collections.abc import Mapping

from kipp.core.i18n import Lang, Text, render, text
from kipp.core.problems import Problem
from kipp.intake import Entry, Intake, Status
from kipp.results.assessment import Assessment
from kipp.results.explanation import explain, footing_decimals, reviewer_labels
from kipp.results.model import (
    AdjustmentOut,
    CriterionOut,
    CriterionReviewsOut,
    FootingOut,
    GateOut,
    NoveltyOut,
    ProblemOut,
    ProgressOut,
    ProposalOut,
    ProposalReviewsOut,
    ProposalStatus,
    RankIntervalOut,
    RawScoreOut,
    Results,
    ReviewsOut,
    RunOut,
    Summary,
    UnreadOut,
)
from kipp.reviews.models import ProposalReviews, ReviewSet
from kipp.rubric import LoadedRubric, ReviewSettings, Rubric
from kipp.shortlist.uncertainty import RankInterval


def _sentences(items: list[Text], lang: Lang) -> str:
    return " ".join(render(item, lang) for item in items)


def _problems(problems: list[Problem]) -> list[ProblemOut]:
    return [ProblemOut.of(p) for p in problems]


def proposal_out(
    entry: Entry,
    assessment: Assessment,
    rubric: LoadedRubric,
    lang: Lang,
    letters: Mapping[str, str] | None = None,
) -> ProposalOut:
    """One proposal's record: status, reason, gates, criteria, novelty, and the explanation
    of its numbers (`letters`: the reviewers' letters, `reviewer_labels` of the batch's
    reviews when not given)."""
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
        GateOut(
            gate=g.gate,
            label=labels[g.gate],
            passed=g.passed,
            detail=render(g.detail, lang),
            advice=list(g.advice),
        )
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
    reviews = assessment.reviews.proposals.get(proposal.id)
    if letters is None:
        letters = reviewer_labels(assessment.reviews)
    explanation = explain(card, reviews, r, letters, assessment.reviews.adjustments)
    return out.model_copy(
        update={
            "status": status,
            "reason": render(placement.reason, lang),
            "criteria": criteria,
            "total": card.total,
            "provisional": card.provisional,
            "scored_weight": card.scored_weight,
            "rank": placement.rank,
            "reviews": _proposal_reviews(reviews, r, lang),
            "rank_interval": _interval(
                assessment.uncertainty.get(proposal.id), assessment, r.reviews, lang
            ),
            "explanation": explanation,
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
    assigned = set(reviews.assigned)
    pending = (
        render(
            text(
                "reviews.pending",
                received=len(assigned & set(reviews.completed)),
                assigned=len(assigned),
            ),
            lang,
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
        comments=reviews.comments,
    )


def _interval(
    interval: RankInterval | None, assessment: Assessment, settings: ReviewSettings, lang: Lang
) -> RankIntervalOut | None:
    if interval is None:
        return None
    sentences = [
        text(
            "reviews.interval" if interval.low != interval.high else "reviews.interval_fixed",
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
    labels = reviewer_labels(found)
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
            label=labels[p.reviewer],
        )
        for p in found.progress
    ]
    panel = found.footing
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
        assignments_missing=found.assignments_missing,
        progress=progress,
        adjustments=[
            AdjustmentOut(
                reviewer=a.reviewer,
                scores=a.scores,
                mean=a.mean,
                sd=a.sd,
                weight=a.weight,
                label=labels[a.reviewer],
                total=a.total,
                shift=a.shrunk_mean,
                spread=a.shrunk_sd,
                factor=a.factor,
            )
            for a in found.adjustments
        ],
        problems=_problems(list(found.problems)),
        cutoff_rank=assessment.cutoff_rank,
        near_cutoff=sorted(near, key=lambda pid: assessment.placements[pid].rank),
        footing=None
        if panel is None
        else FootingOut(
            scores=panel.scores,
            total=panel.total,
            mean=panel.mean,
            sd=panel.sd,
            shrinkage=panel.shrinkage,
            decimals=footing_decimals(panel, found.adjustments, found, rubric),
        ),
    )


def build_results(
    batch: Intake,
    assessment: Assessment,
    rubric: LoadedRubric,
    run: RunOut,
) -> Results:
    """The results document of a run, every sentence in the run's language."""
    labels = reviewer_labels(assessment.reviews)
    proposals = [proposal_out(e, assessment, rubric, run.lang, labels) for e in batch.entries]
    count = {s: sum(p.status is s for p in proposals) for s in ProposalStatus}
    found = assessment.reviews.proposals.values()
    with_panel = not assessment.reviews.empty
    summary = Summary(
        files=batch.file_count,
        proposals=len(proposals),
        shortlisted=count[ProposalStatus.SHORTLISTED],
        scored=count[ProposalStatus.SCORED],
        ineligible=count[ProposalStatus.INELIGIBLE],
        invalid=count[ProposalStatus.INVALID],
        unread=len(batch.unread),
        provisional=any(p.provisional for p in proposals),
        reviews_received=(
            sum(len(set(p.assigned) & set(p.completed)) for p in found) if with_panel else None
        ),
        reviews_expected=sum(len(set(p.assigned)) for p in found) if with_panel else None,
    )
    return Results(
        run=run,
        summary=summary,
        proposals=proposals,
        unread=[UnreadOut.of(u) for u in batch.unread],
        ignored=batch.ignored,
        notices=_problems(list(batch.notices)),
        reviews=reviews_out(assessment, rubric.rubric, run.lang),
    )
