"""View-models of the reviewers' part of the documents (progress, rank ranges, the notes on
places near the cut-off) and of the coordinator's decision on the shortlist."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from kipp.core.i18n import Lang, format_number, format_timestamp, tr
from kipp.documents.render.explanation_views import fixed, footing_text
from kipp.documents.render.problem_views import ProblemView, problem_view
from kipp.results import (
    AdjustmentOut,
    ProblemOut,
    ProposalOut,
    ProposalStatus,
    Results,
)
from kipp.results.model import FootingOut
from kipp.reviews.aggregate import exact, half_up
from kipp.rubric import Rubric

MINUS = "\u2212"  # the sign of a difference below the panel's mean, as printed


@dataclass(frozen=True)
class ReviewerRow:
    label: str
    reviewer: str
    assigned: str
    completed: str
    started: str


@dataclass(frozen=True)
class AdjustmentRow:
    """How one reviewer's scores are read, at the precision the explanations show."""

    label: str
    scores: str
    mean: str
    difference: str
    shift: str
    factor: str


@dataclass(frozen=True)
class ApprovalView:
    summary: str
    note: str
    moves: tuple[str, ...]


@dataclass(frozen=True)
class ReviewsView:
    summary: str
    method: str
    rows: tuple[ReviewerRow, ...]
    problems: tuple[ProblemView, ...]  # where each stands: for the technical annex
    problems_note: str  # the problems in words, for the official page; "" without any
    footing: str  # the panel's mean and how a score is read; "" when not normalised
    adjustments: tuple[AdjustmentRow, ...]
    adjustments_note: str  # the table's precision


def _order(label: str) -> tuple[int, str]:
    return len(label), label


def adjustment_rows(
    adjustments: list[AdjustmentOut], footing: FootingOut | None, lang: Lang
) -> tuple[AdjustmentRow, ...]:
    """Each reviewer's mean, its difference from the panel's, the mean used and the factor,
    as the explanations show them (the run's `footing.decimals`)."""
    if footing is None:
        return ()
    k = footing.decimals
    panel = exact(half_up(exact(footing.mean), k))
    rows = []
    for a in sorted(adjustments, key=lambda a: _order(a.label)):
        if a.total is None or a.shift is None or a.factor is None or not a.scores:
            continue
        mean = exact(half_up(exact(a.total) / a.scores, k))
        gap = mean - panel
        sign = "+" if gap > 0 else MINUS if gap < 0 else ""
        rows.append(
            AdjustmentRow(
                label=a.label,
                scores=format_number(a.scores, lang),
                mean=fixed(mean, k, lang),
                difference=sign + fixed(abs(gap), k, lang),
                shift=fixed(half_up(exact(a.shift), k), k, lang),
                factor=fixed(half_up(exact(a.factor), k), k, lang),
            )
        )
    return tuple(rows)


def review_notes(p: ProposalOut) -> tuple[str, ...]:
    """What the reviews say about a proposal's place: its rank range (and whether it is
    within the noise at the cut-off), criteria needing an extra reviewer, pending reviews."""
    notes = [p.rank_interval.note] if p.rank_interval else []
    if p.reviews:
        notes += [n for n in (p.reviews.extra_reviewer, p.reviews.pending_note) if n]
    return tuple(n for n in notes if n)


def near_cutoff(p: ProposalOut) -> bool:
    """True when the reviews put the proposal's place within the noise at the cut-off."""
    return p.rank_interval is not None and p.rank_interval.near_cutoff


def _rank_runs(ranks: list[int], lang: Lang) -> str:
    """`[3, 4, 7, 8, 9]` -> `3, 4, 7-9` (the range as `doc.range` writes it): runs of three
    or more ranks as a range."""
    runs: list[list[int]] = []
    for rank in sorted(ranks):
        if runs and rank == runs[-1][-1] + 1:
            runs[-1].append(rank)
        else:
            runs.append([rank])
    parts: list[str] = []
    for run in runs:
        if len(run) >= 3:
            parts.append(tr("doc.range", lang, low=run[0], high=run[-1]))
        else:
            parts.extend(format_number(r, lang) for r in run)
    return ", ".join(parts)


def skipped_note(results: Results, lang: Lang) -> str:
    """The note under the nominees table when proposals ranked above the last nominee were
    left out (the per-agency or per-category limit, a coordinator's move): which ranks, and
    where their reasons are. "" when the nominees are the top of the ranking."""
    nominees = [
        p.rank
        for p in results.proposals
        if p.status is ProposalStatus.SHORTLISTED and p.rank is not None
    ]
    if not nominees:
        return ""
    last = max(nominees)
    skipped = [
        p.rank
        for p in results.proposals
        if p.status is ProposalStatus.SCORED and p.rank is not None and p.rank < last
    ]
    if not skipped:
        return ""
    return tr(
        "doc.nominees.skipped",
        lang,
        ranks=_rank_runs(skipped, lang),
        section=tr("doc.section.scored", lang),
    )


def _in_zone_of(stamp: str, run_stamp: str) -> str:
    """The ISO time `stamp` in the time zone of the run's `run_stamp` (the server records a
    decision in UTC; the documents show the run's times where it was made); as it is when
    either is not an ISO time with an offset."""
    try:
        when, zone = datetime.fromisoformat(stamp), datetime.fromisoformat(run_stamp).tzinfo
    except ValueError:
        return stamp
    if when.tzinfo is None or zone is None:
        return stamp
    return when.astimezone(zone).isoformat(timespec="seconds")


def approval_view(results: Results, lang: Lang) -> ApprovalView | None:
    """The coordinator's decision on the shortlist, when the run asked for one."""
    decision = results.approval
    if decision is None:
        return None
    at = (
        tr(
            "doc.approval.at",
            lang,
            at=format_timestamp(_in_zone_of(decision.decided_at, results.run.finished_at), lang),
        )
        if decision.decided_at
        else ""
    )
    summary = (
        tr("doc.approval.as_ranked", lang, by=decision.decided_by, at=at)
        if not decision.moves
        else tr(
            "doc.approval.moved", lang, by=decision.decided_by, at=at, count=len(decision.moves)
        )
    )
    titles = {p.id: shown_title(p, lang) for p in results.proposals}
    moves = tuple(
        tr(
            f"doc.approval.move.{move.direction}",
            lang,
            title=titles.get(move.proposal_id, move.proposal_id),
            why=move.reason,
        )
        for move in decision.moves
    )
    note = tr("doc.approval.note", lang, note=decision.note) if decision.note else ""
    return ApprovalView(summary=summary, note=note, moves=moves)


def criterion_labels(rubric: Rubric, lang: Lang) -> dict[str, str]:
    """Each criterion's label in `lang`, by id: the field of a scoresheet's score column."""
    return {c.id: c.label.get(lang.value) for c in rubric.criteria}


def reviews_view(results: Results, lang: Lang, rubric: Rubric | None = None) -> ReviewsView | None:
    """The panel's progress and the scoresheets' problems; None when there is no panel.
    With the `rubric`, a problem in a criterion's column names the criterion's label."""
    found = results.reviews
    if found is None:
        return None
    summary = tr(
        "reviews.summary.no_assignments" if found.assignments_missing else "doc.reviews.summary",
        lang,
        completed=found.completed,
        assigned=found.assigned,
        reviewers=len(found.progress),
    )
    if found.complete:
        # complete, yet a total can be provisional: a proposal nobody was assigned
        done = (
            "doc.reviews.complete_assigned"
            if results.summary.provisional
            else "doc.reviews.complete"
        )
        summary = f"{summary} {tr(done, lang)}"
    outside = unassigned_note(results, lang)
    if outside:
        summary = f"{summary} {outside}"
    method = tr(
        "doc.reviews.method",
        lang,
        aggregate=tr(f"doc.reviews.aggregate.{found.aggregate}", lang),
        normalised=tr("doc.reviews.normalised", lang) if found.normalise else "",
        basis=tr("doc.reviews.spread_basis", lang) if found.normalise else "",
        threshold=format_number(found.disagreement_threshold, lang),
        iterations=format_number(found.bootstrap_iterations, lang),
    )
    if found.bootstrap_iterations:
        resampling = tr("doc.reviews.resampling", lang, seed=str(found.bootstrap_seed))
        method = f"{method} {resampling}"
    rows = tuple(
        ReviewerRow(
            label=row.label or "—",
            reviewer=row.name or row.reviewer,
            assigned=format_number(row.assigned, lang),
            completed=format_number(row.completed, lang),
            started=format_number(row.started, lang),
        )
        for row in found.progress
    )
    criteria = criterion_labels(rubric, lang) if rubric is not None else None
    problems = tuple(
        problem_view(pr, lang, with_path=True, criteria=criteria) for pr in found.problems
    )
    footing = found.footing
    return ReviewsView(
        summary=summary,
        method=method,
        rows=rows,
        problems=problems,
        problems_note=_problems_note(found.problems, lang),
        footing=""
        if footing is None
        else footing_text(
            footing,
            tr("explain.word.score" if found.scale_min == 1 else "explain.word.level", lang),
            lang,
        ),
        adjustments=adjustment_rows(found.adjustments, footing, lang),
        adjustments_note=""
        if footing is None
        else tr("doc.reviews.adjustments.note", lang, decimals=footing.decimals),
    )


def unassigned_note(results: Results, lang: Lang) -> str:
    """The reviews used outside the assignments, which change totals but are no part of the
    reviews counted as expected and completed: who scored which proposal; "" when none."""
    found = results.reviews
    if found is None:
        return ""
    names = {p.reviewer: p.name or p.reviewer for p in found.progress}
    items = []
    for p in results.proposals:
        if p.reviews is None:
            continue
        scorers = {s.reviewer for c in p.reviews.criteria.values() for s in c.scores}
        for reviewer in sorted(scorers - set(p.reviews.assigned)):
            items.append(
                tr(
                    "reviews.unassigned.item",
                    lang,
                    reviewer=names.get(reviewer, reviewer),
                    title=shown_title(p, lang),
                )
            )
    if not items:
        return ""
    return tr("reviews.unassigned", lang, count=len(items), items=items)


def _problems_note(problems: Sequence[ProblemOut], lang: Lang) -> str:
    """The scoresheets' problems in words (how many, how serious, in how many files) with
    a pointer to the technical annex, which lists each one where it stands."""
    if not problems:
        return ""
    errors = sum(pr.severity == "error" for pr in problems)
    return tr(
        "official.reviews.problems",
        lang,
        n=len(problems),
        errors=errors,
        warnings=len(problems) - errors,
        sheets=len({pr.path for pr in problems}),
    )


def shown_title(p: ProposalOut, lang: Lang) -> str:
    return p.title if p.title else tr("doc.untitled", lang)
