"""View-models of the documents beyond the shortlist: the compliance table, the agencies'
scorecards and the PDF's compact annexes. Like `views`, every printed field is a finished
string in the run's language; templates only lay them out.

Just over ~400 lines: the scorecard and the PDF's annexes share their row builders.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kipp.core.i18n import Lang, format_number, render, tr
from kipp.core.problems import Severity
from kipp.documents.compliance import AgencyCount, compliance
from kipp.documents.render.charts import ProfileChart, profile
from kipp.documents.render.explanation_views import ExplanationView, explanation_view
from kipp.documents.render.problem_views import (
    MISSING,
    ProblemView,
    field_label,
    problem_view,
    quoted,
)
from kipp.documents.render.review_views import ReviewsView, review_notes, shown_title
from kipp.documents.render.views import (
    CriterionView,
    GateView,
    NeighbourView,
    _agency,
    _criteria,
    _gate,
    _neighbour,
    _ordered_criteria,
    _provisional_note,
    _total,
    call_name,
    listed,
    region_name,
    run_date,
)
from kipp.intake.registry import RegistryLoad
from kipp.results import ProblemOut, ProposalOut, ProposalStatus, Results
from kipp.rubric import LEVELS, Rubric

ANNEX_PROBLEMS = 3  # problems listed per invalid proposal in the PDF's compact annex


@dataclass(frozen=True)
class ComplianceRow:
    agency: str
    submitted: str
    valid: str
    eligible: str
    shortlisted: str
    names: str
    none: bool


@dataclass(frozen=True)
class ComplianceView:
    title: str
    path: str
    usable: bool
    summary: str
    rows: tuple[ComplianceRow, ...]
    totals: ComplianceRow
    without: tuple[str, ...]
    unknown: tuple[ComplianceRow, ...]
    unknown_note: str
    unnamed: str
    problems: tuple[ProblemView, ...]


def _row(count: AgencyCount, lang: Lang) -> ComplianceRow:
    return ComplianceRow(
        agency=count.agency,
        submitted=format_number(count.submitted, lang),
        valid=format_number(count.valid, lang),
        eligible=format_number(count.eligible, lang),
        shortlisted=format_number(count.shortlisted, lang),
        names="; ".join(count.names) or MISSING,
        none=count.submitted == 0,
    )


def compliance_view(
    load: RegistryLoad | None, results: Results, lang: Lang
) -> ComplianceView | None:
    """The "One Agency, One Innovation" table; None when the batch has no registry. A broken
    registry gives a view holding only its located problems."""
    if load is None:
        return None
    title = tr("rep.compliance.title", lang)
    if load.registry is None:
        return ComplianceView(
            title=title,
            path=load.path,
            usable=False,
            summary=tr(
                "official.compliance.invalid",
                lang,
                n=sum(p.severity is Severity.ERROR for p in load.problems),
            ),
            rows=(),
            totals=ComplianceRow("", "", "", "", "", "", False),
            without=(),
            unknown=(),
            unknown_note="",
            unnamed="",
            problems=tuple(problem_view(ProblemOut.of(p), lang, True) for p in load.problems),
        )
    counted = compliance(load.registry, load.path, results.proposals)
    rows = tuple(_row(c, lang) for c in counted.agencies)
    every = [*counted.agencies, *counted.unknown, counted.no_agency]
    unnamed = counted.no_agency.submitted
    totals = AgencyCount(
        agency=tr("rep.compliance.col.total", lang),
        submitted=sum(c.submitted for c in every),
        valid=sum(c.valid for c in every),
        eligible=sum(c.eligible for c in every),
        shortlisted=sum(c.shortlisted for c in every),
        names=[],
    )
    agencies = len(counted.agencies)
    return ComplianceView(
        title=title,
        path=load.path,
        usable=True,
        summary=tr(
            "rep.compliance.summary",
            lang,
            with_count=agencies - len(counted.without),
            agencies=agencies,
            region=counted.region,
            without_count=len(counted.without),
        ),
        rows=rows,
        totals=_row(totals, lang),
        without=tuple(counted.without),
        unknown=tuple(_row(c, lang) for c in counted.unknown),
        unknown_note=tr("rep.compliance.unknown.note", lang, file=Path(load.path).name),
        unnamed=(tr("rep.compliance.unnamed", lang, count=unnamed) if unnamed else ""),
        problems=(),
    )


@dataclass(frozen=True)
class ScorecardView:
    lang: str
    call: str
    region: str  # "" without batch settings
    run_date: str
    title: str
    agency: str
    status: str
    status_key: str
    reason: str
    total: str
    rank: str
    provisional_note: str
    criteria: tuple[CriterionView, ...]
    profile: ProfileChart
    gates: tuple[GateView, ...]
    failed: tuple[GateView, ...]
    problems: tuple[ProblemView, ...]
    nearest: tuple[NeighbourView, ...]
    measured: bool
    advice: tuple[str, ...]
    advice_intro: str
    advice_note: str
    made_for: str  # the last line: the proposal by title and agency (its code and file are
    # in the shortlist's technical annex and results.json, not on the agency's page)
    generated: str
    explanation: ExplanationView | None  # None unless scored (or results from before)
    comments: tuple[CommentView, ...] = ()  # the reviewers' comments, by their letters


@dataclass(frozen=True)
class CommentView:
    """A reviewer's comment on a proposal: who (`Juri A`, the letter of the explanation) and
    what they wrote."""

    by: str
    text: str


def _comments(p: ProposalOut, results: Results, lang: Lang) -> tuple[CommentView, ...]:
    """The reviewers' comments on `p`, in the order of their letters: the letters follow the
    reviewers' ids (`results.explanation.reviewer_labels`). A reviewer without a letter
    (results written before letters were given) is named by id."""
    progress = [] if results.reviews is None else results.reviews.progress
    labels = {r.reviewer: r.label for r in progress if r.label}
    return tuple(
        CommentView(
            tr("rep.scorecard.comment_by", lang, label=labels[reviewer])
            if reviewer in labels
            else reviewer,
            comment,
        )
        for reviewer, comment in sorted(p.reviews.comments.items() if p.reviews else ())
    )


def _advice(p: ProposalOut, rubric: Rubric, lang: Lang) -> tuple[tuple[str, ...], str, str]:
    """What the agency can do, its introduction and a note on what else stands in the way.
    An ineligible proposal: what each failed gate asks (the day it is old enough and the
    call it can enter, the words to cut per section), and a pointer to the gates below when
    a failed gate says nothing more. A scored one: every criterion below the top level,
    weakest first, with what the rubric's next level needs; criteria awaiting reviewers are
    named."""
    if p.status is ProposalStatus.INVALID:
        return (), "", tr("rep.scorecard.advice.invalid", lang)
    if p.status is ProposalStatus.INELIGIBLE:
        failed = [g for g in p.gates if not g.passed]
        steps = tuple(render(item, lang) for g in failed for item in g.advice)
        silent = not failed or any(not g.advice for g in failed)
        note = tr("rep.scorecard.advice.gates", lang) if silent else ""
        return steps, tr("advice.intro.gates", lang) if steps else "", note
    order = {c.id: i for i, c in enumerate(rubric.criteria)}
    scored = [
        (cid, c)
        for cid, c in (p.criteria or {}).items()
        if c.level is not None and c.level < LEVELS
    ]
    scored.sort(key=lambda item: (item[1].level or 0, -item[1].weight, order.get(item[0], 0)))
    items = []
    for cid, c in scored:
        level = c.level or 0
        items.append(
            tr(
                "advice.criterion",
                lang,
                criterion=c.label,
                level=level,
                max=LEVELS,
                weight=f"{format_number(round(c.weight * 100, 1), lang)}%",
                next=level + 1,
                description=rubric.criterion(cid).levels[level].get(lang.value),
            )
        )
    awaiting = [c.label for c in _ordered_criteria(p, rubric) if c.level is None]
    note = (
        tr("rep.scorecard.advice.awaiting", lang, criteria=", ".join(awaiting)) if awaiting else ""
    )
    if not items:
        none = tr("rep.scorecard.advice.none", lang)
        note = f"{none} {note}".strip()
    return tuple(items), tr("advice.intro.criteria", lang) if items else "", note


def scorecard_view(p: ProposalOut, results: Results, rubric: Rubric) -> ScorecardView:
    """One proposal's scorecard for its agency, in the run's language."""
    lang = results.run.lang
    nearest: tuple[NeighbourView, ...] = ()
    if p.novelty is not None:
        flagged = {(f.kind, f.id) for f in p.novelty.flags}
        review_from = rubric.measures.novelty.review_similarity
        nearest = tuple(
            _neighbour(  # marked as the shortlist and the scorecard's own evidence mark them
                n,
                flagged=(n.kind, n.id) in flagged,
                review=(n.kind, n.id) not in flagged and review_from <= n.similarity,
                lang=lang,
            )
            for n in p.novelty.nearest
            if n.kind == "prior"
        )
    advice, intro, note = _advice(p, rubric, lang)
    gates = tuple(_gate(g, lang) for g in p.gates)
    title, agency = shown_title(p, lang), _agency(p, lang)
    return ScorecardView(
        lang=lang.value,
        call=call_name(results, rubric),
        region=region_name(results),
        run_date=run_date(results.run.finished_at, lang),
        title=title,
        agency=agency,
        status=tr(f"rep.status.{p.status.value}", lang),
        status_key=p.status.value,
        reason=p.reason,
        total=_total(p.total, lang),
        rank=MISSING if p.rank is None else str(p.rank),
        provisional_note=_provisional_note(p, lang),
        criteria=_criteria(p, rubric, lang),
        profile=profile(_ordered_criteria(p, rubric), title, lang),
        gates=gates,
        failed=tuple(g for g in gates if not g.passed),
        problems=tuple(quoted(problem_view(pr, lang)) for pr in p.problems),
        nearest=nearest,
        measured=p.novelty is not None,
        advice=advice,
        advice_intro=intro,
        advice_note=note,
        made_for=tr(
            "official.scorecard.for" if p.agency else "official.scorecard.for_unnamed",
            lang,
            title=title,
            agency=agency,
        ),
        generated=tr("doc.manifest.generated", lang, version=results.run.code_version),
        explanation=explanation_view(p, results, rubric),
        comments=_comments(p, results, lang),
    )


@dataclass(frozen=True)
class AnnexRow:
    cells: tuple[str, ...]


@dataclass(frozen=True)
class Annex:
    anchor: str
    title: str
    headers: tuple[str, ...]
    numeric: tuple[bool, ...]
    rows: tuple[AnnexRow, ...]
    more: str


def _annex(
    anchor: str,
    title: str,
    headers: tuple[tuple[str, bool], ...],
    rows: list[tuple[str, ...]],
    limit: int | None,
    lang: Lang,
) -> Annex:
    shown = rows if limit is None else rows[:limit]
    more = (
        tr("doc.list.cut", lang, shown=len(shown), total=len(rows))
        if len(shown) < len(rows)
        else ""
    )
    return Annex(
        anchor=anchor,
        title=title,
        headers=tuple(tr(key, lang) for key, _ in headers),
        numeric=tuple(numeric for _, numeric in headers),
        rows=tuple(AnnexRow(cells=r) for r in shown),
        more=more,
    )


def _problems_text(p: ProposalOut, lang: Lang) -> str:
    listed = [
        f"{field_label(pr.field, lang)}: {render(pr.text, lang)}"
        for pr in p.problems
        if pr.severity == "error"
    ]
    extra = len(listed) - ANNEX_PROBLEMS
    text = "; ".join(listed[:ANNEX_PROBLEMS])
    return f"{text}; (+{extra})" if extra > 0 else text or MISSING


def _left_out(p: ProposalOut) -> str:
    """Why a scored proposal is not on the shortlist (its placement's reason: the size, the
    per-agency or per-category limit, a coordinator's move), then what the reviews say of
    its place: the rank range and whether it is within the noise at the cut-off."""
    return " ".join(n for n in (p.reason, *review_notes(p)) if n) or MISSING


def annexes(results: Results, lang: Lang, limit: int | None) -> tuple[Annex, ...]:
    """The PDF's annexes as compact tables, one row per proposal (per file for unread ones),
    each cut at `limit` rows with a line saying how many more there are and where."""

    def of(status: ProposalStatus) -> list[ProposalOut]:
        return listed(results.proposals, status)

    def failed(p: ProposalOut) -> str:
        return " ".join(f"{g.label}: {g.detail}" for g in p.gates if not g.passed)

    return (
        _annex(
            "annex-scored",
            tr("doc.section.scored", lang),
            (
                ("doc.col.rank", True),
                ("doc.col.title", False),
                ("doc.col.agency", False),
                ("doc.col.total", True),
                ("doc.col.reason", False),
            ),
            [
                (
                    MISSING if p.rank is None else str(p.rank),
                    shown_title(p, lang),
                    _agency(p, lang),
                    _total(p.total, lang),
                    _left_out(p),
                )
                for p in of(ProposalStatus.SCORED)
            ],
            limit,
            lang,
        ),
        _annex(
            "annex-ineligible",
            tr("doc.section.ineligible", lang),
            (("doc.col.title", False), ("doc.col.agency", False), ("doc.ineligible.failed", False)),
            [
                (shown_title(p, lang), _agency(p, lang), failed(p))
                for p in of(ProposalStatus.INELIGIBLE)
            ],
            limit,
            lang,
        ),
        _annex(
            "annex-invalid",
            tr("doc.section.invalid", lang),
            (
                ("doc.col.title", False),
                ("doc.col.agency", False),
                ("minutes.doc.invalid.fields", False),
            ),
            [
                (shown_title(p, lang), _agency(p, lang), _problem_fields(p, lang))
                for p in of(ProposalStatus.INVALID)
            ],
            limit,
            lang,
        ),
    )


def _problem_fields(p: ProposalOut, lang: Lang) -> str:
    errors = [pr for pr in p.problems if pr.severity == "error"]
    fields = dict.fromkeys(field_label(pr.field, lang) for pr in errors)
    return ", ".join(fields) or MISSING


def technical_annexes(
    results: Results,
    lang: Lang,
    limit: int | None,
    reviews: ReviewsView | None = None,
    registry: ComplianceView | None = None,
) -> tuple[Annex, ...]:
    """The PDF's technical annex (Lampiran teknis) as compact tables: every proposal's code
    and source file, the invalid files' problems where they stand, the unread files, the
    notes from reading the files, the returned scoresheets' problems (`reviews`) and a
    broken agency registry's (`registry`); the run's manifest follows them in the
    template."""
    invalid = [p for p in results.proposals if p.status is ProposalStatus.INVALID]
    notes = [*results.notices, *results.run.settings_problems]
    parts = [
        _annex(
            "technical-sources",
            tr("minutes.doc.sources", lang),
            (
                ("doc.col.title", False),
                ("doc.col.id", False),
                ("doc.col.source", False),
                ("minutes.doc.col.status", False),
            ),
            [
                (shown_title(p, lang), p.id, p.source, tr(f"status.label.{p.status.value}", lang))
                for p in results.proposals
            ],
            limit,
            lang,
        ),
        _annex(
            "technical-invalid",
            tr("doc.section.invalid", lang),
            (("doc.col.source", False), ("doc.col.title", False), ("rep.annex.problems", False)),
            [(p.source, shown_title(p, lang), _problems_text(p, lang)) for p in invalid],
            limit,
            lang,
        ),
        _annex(
            "technical-unread",
            tr("doc.section.unread", lang),
            (("doc.col.path", False), ("doc.col.reason", False)),
            [(u.path, render(u.text, lang)) for u in results.unread],
            limit,
            lang,
        ),
    ]
    if notes:
        parts.append(
            _annex(
                "technical-notices",
                tr("doc.section.notices", lang),
                (("doc.col.location", False), ("doc.col.field", False), ("doc.col.message", False)),
                [
                    (v.location, v.field, v.message)
                    for v in (problem_view(n, lang, with_path=True) for n in notes)
                ],
                limit,
                lang,
            )
        )
    located = (("doc.col.location", False), ("doc.col.field", False), ("doc.col.message", False))
    if reviews is not None and reviews.problems:
        parts.append(
            _annex(
                "technical-reviews",
                tr("doc.reviews.problems", lang),
                located,
                [(v.location, v.field, v.message) for v in reviews.problems],
                limit,
                lang,
            )
        )
    if registry is not None and registry.problems:
        parts.append(
            _annex(
                "technical-registry",
                tr("official.compliance.problems", lang),
                located,
                [(v.location, v.field, v.message) for v in registry.problems],
                limit,
                lang,
            )
        )
    return tuple(parts)
