"""View-models of the shortlist documents: every text a template prints, prepared in Python.

`document_view` turns a run's `Results` and its rubric into plain frozen dataclasses holding
finished strings in the run's language (numbers in that language's format). Templates only
lay them out; deciding what to show, ordering and formatting happen here, where they are
typed and tested. No field a template prints is ever None.

One module over ~400 lines on purpose: the shortlist's view-model, section by section, in
the order the documents show them; the scorecard, workbook and explanation views live apart.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from kipp.core.catalogue import CATALOGUE
from kipp.core.i18n import Lang, format_date, format_number, render, tr
from kipp.documents.render.charts import DistributionChart, ProfileChart, distribution, profile
from kipp.documents.render.explanation_views import (
    ExplanationView,
    explanation_view,
    provisional_note,
    provisional_notice,
)
from kipp.documents.render.problem_views import MISSING, ProblemView, problem_view
from kipp.documents.render.review_views import (
    ApprovalView,
    ReviewsView,
    approval_view,
    near_cutoff,
    review_notes,
    reviews_view,
    shown_title,
    skipped_note,
)
from kipp.intake.own_files import InputFile
from kipp.measures.novelty import Neighbour
from kipp.results import (
    CriterionOut,
    GateOut,
    NoveltyOut,
    ProposalOut,
    ProposalStatus,
    Results,
)
from kipp.rubric import LEVELS, Rubric

SHORT_HASH = 12


@dataclass(frozen=True)
class Count:
    label: str
    value: str


@dataclass(frozen=True)
class CriterionView:
    label: str
    weight: str
    level: str
    description: str
    evidence: str
    awaiting: bool


@dataclass(frozen=True)
class NeighbourView:
    kind: str
    id: str
    title: str
    agency: str
    year: str
    similarity: str
    note: str
    flagged: bool
    review: bool


@dataclass(frozen=True)
class NoveltyView:
    score: str
    neighbours: tuple[NeighbourView, ...]
    flags: tuple[str, ...]
    more_flags: str  # "" unless more pairs are above the flag than are listed


@dataclass(frozen=True)
class GateView:
    label: str
    passed: bool
    result: str
    detail: str


@dataclass(frozen=True)
class NomineeView:
    anchor: str
    rank: str
    id: str
    source: str
    title: str
    agency: str
    group: str
    category: str
    total: str
    provisional: bool
    provisional_note: str
    reason: str
    criteria: tuple[CriterionView, ...]
    novelty: NoveltyView | None
    gates: tuple[GateView, ...]
    notes: tuple[ProblemView, ...]
    profile: ProfileChart
    review_notes: tuple[str, ...]  # rank range, disagreement, pending reviews
    near_cutoff: bool  # its place is within the reviewers' noise at the cut-off
    explanation: ExplanationView | None  # None for results written before explanations


@dataclass(frozen=True)
class ScoredView:
    rank: str
    id: str
    title: str
    agency: str
    total: str
    provisional: bool
    provisional_note: str
    reason: str  # why it is not on the shortlist (e.g. the per-agency limit)
    review_notes: tuple[str, ...]
    near_cutoff: bool


@dataclass(frozen=True)
class IneligibleView:
    id: str
    source: str
    title: str
    agency: str
    reason: str
    failed: tuple[GateView, ...]


@dataclass(frozen=True)
class InvalidView:
    id: str
    source: str
    title: str
    agency: str
    reason: str
    fields: str  # the labels of the fields with problems, for the body of the document
    problems: tuple[ProblemView, ...]


@dataclass(frozen=True)
class SourceView:
    """A proposal as the technical annex lists it: its title, machine id and source file."""

    title: str
    id: str
    source: str
    status: str


@dataclass(frozen=True)
class UnreadView:
    path: str
    reason: str


@dataclass(frozen=True)
class InputView:
    path: str
    sha256: str
    short: str


@dataclass(frozen=True)
class ManifestView:
    rubric: str
    rubric_sha256: str
    code_version: str
    corpus_path: str
    corpus_sha256: str
    corpus_entries: str
    started: str
    finished: str
    language: str
    shortlist_size: str
    generated: str
    inputs: tuple[InputView, ...]
    inputs_sha256: str  # one fingerprint of every input file (`inputs_fingerprint`)
    inputs_count: str


@dataclass(frozen=True)
class DocumentView:
    lang: str
    call: str
    region: str  # "" without batch settings (`_kumpulan.yaml`): never a folder
    heading: str  # the document's title with the region (or the call) it is for
    run_date: str
    summary: str
    counts: tuple[Count, ...]
    provisional: str
    nominees: tuple[NomineeView, ...]
    skipped: str  # "" unless proposals ranked above the last nominee were left out
    scored: tuple[ScoredView, ...]
    ineligible: tuple[IneligibleView, ...]
    invalid: tuple[InvalidView, ...]
    unread: tuple[UnreadView, ...]
    ignored: tuple[str, ...]
    notices: tuple[ProblemView, ...]
    manifest: ManifestView
    unread_note: str  # the body's sentence on unread files ("" when none); details in the annex
    sources: tuple[SourceView, ...]  # every proposal's id and file (technical annex)
    settings_problems: tuple[ProblemView, ...]  # a broken `_kumpulan.yaml`
    distribution: DistributionChart
    reviews: ReviewsView | None
    approval: ApprovalView | None
    cut: dict[str, str]  # list name -> "100 of 3,400 rows shown ..." when cut short, else ""


@functools.lru_cache(maxsize=4096)  # a run shows the same weights many times
def percent(share: float, lang: Lang) -> str:
    """`0.55` -> `55%`; `0.125` -> `12,5%` (id)."""
    value = round(float(share) * 100, 1)
    return format_number(value, lang, decimals=0 if value.is_integer() else 1) + "%"


def _total(total: float | None, lang: Lang) -> str:
    return MISSING if total is None else format_number(total, lang, decimals=2)


def _choice(prefix: str, value: str | None, lang: Lang) -> str:
    """A group or category label from the catalogue; values it does not know as written."""
    if value is None:
        return MISSING
    key = f"{prefix}.{value}"
    return tr(key, lang) if key in CATALOGUE else value


def _capitalised(label: str) -> str:
    """`daftar pendek` -> `Daftar pendek` (status labels are lower case for use mid-sentence)."""
    return label[:1].upper() + label[1:]


@functools.lru_cache(maxsize=64)  # every scorecard of a run shows its day
def run_date(stamp: str, lang: Lang) -> str:
    """The day of an ISO timestamp (`2022-04-20T09:00:07+07:00` -> `20 April 2022`); the run
    writes ISO, so anything else is a bug and raises."""
    return format_date(datetime.fromisoformat(stamp).date(), lang)


def _provisional_note(p: ProposalOut, lang: Lang) -> str:
    return provisional_note(p, lang)


def _criteria(p: ProposalOut, rubric: Rubric, lang: Lang) -> tuple[CriterionView, ...]:
    criteria = p.criteria or {}
    order = {c.id: i for i, c in enumerate(rubric.criteria)}
    unknown = sorted(set(criteria) - set(order))
    if unknown:
        raise ValueError(
            f"proposal {p.id} has criteria {', '.join(unknown)} that rubric {rubric.id} "
            "does not define; render with the rubric of the run"
        )
    return tuple(
        _criterion(criteria[cid], lang) for cid in sorted(criteria, key=lambda cid: order[cid])
    )


def _ordered_criteria(p: ProposalOut, rubric: Rubric) -> list[CriterionOut]:
    """A proposal's criteria in the rubric's order (empty when it was not scored)."""
    criteria = p.criteria or {}
    return [criteria[c.id] for c in rubric.criteria if c.id in criteria]


def totals_chart(results: Results, lang: Lang) -> DistributionChart:
    """The distribution of the scored proposals' totals, the shortlisted ones marked, the
    cut-off being the lowest total on the shortlist."""
    totals = [(p.total, p.status) for p in results.proposals if p.total is not None]
    shortlisted = [t for t, status in totals if status is ProposalStatus.SHORTLISTED]
    return distribution([t for t, _ in totals], shortlisted, lang)


def _criterion(c: CriterionOut, lang: Lang) -> CriterionView:
    awaiting = c.level is None
    return CriterionView(
        label=c.label,
        weight=percent(c.weight, lang),
        level=(
            tr("doc.level.awaiting", lang)
            if c.level is None
            else tr("doc.level.value", lang, level=c.level, max=LEVELS)
        ),
        description=c.level_description or MISSING,
        evidence=c.evidence or MISSING,
        awaiting=awaiting,
    )


def neighbour_year(n: Neighbour, lang: Lang) -> str:
    """A neighbour's year as documents show it: marked when it is the call's own year."""
    if n.year is None:
        return MISSING
    if n.same_year_as_call:
        return tr("doc.neighbour.same_year", lang, year=str(n.year))
    return str(n.year)


def _neighbour(n: Neighbour, flagged: bool, review: bool, lang: Lang) -> NeighbourView:
    note = MISSING
    if flagged:
        note = tr(f"doc.flag.{n.kind}", lang)
    elif review:
        note = tr("doc.flag.review", lang)
    return NeighbourView(
        kind=tr(f"doc.neighbour.{n.kind}", lang),
        id=n.id,
        title=n.title,
        agency=n.agency,
        year=neighbour_year(n, lang),
        similarity=format_number(n.similarity, lang, decimals=2),
        note=note,
        flagged=flagged,
        review=review,
    )


def _flag(n: Neighbour, lang: Lang) -> str:
    return tr(
        f"doc.flag.sentence.{n.kind}",
        lang,
        title=n.title,
        agency=n.agency,
        year=neighbour_year(n, lang),
        similarity=format_number(n.similarity, lang, decimals=2),
    )


def _novelty(novelty: NoveltyOut, rubric: Rubric, lang: Lang) -> NoveltyView:
    settings = rubric.measures.novelty
    flagged = {(f.kind, f.id) for f in novelty.flags}
    neighbours = tuple(
        _neighbour(
            n,
            flagged=(n.kind, n.id) in flagged,
            review=(n.kind, n.id) not in flagged and settings.review_similarity <= n.similarity,
            lang=lang,
        )
        for n in novelty.nearest
    )
    total = novelty.prior_flagged + novelty.batch_flagged
    more = (
        tr(
            "doc.flags.more",
            lang,
            total=total,
            prior=novelty.prior_flagged,
            batch=novelty.batch_flagged,
        )
        if total > len(novelty.flags)
        else ""
    )
    return NoveltyView(
        score=format_number(novelty.score, lang, decimals=2),
        neighbours=neighbours,
        flags=tuple(_flag(f, lang) for f in novelty.flags),
        more_flags=more,
    )


def _gate(g: GateOut, lang: Lang) -> GateView:
    return GateView(
        label=g.label,
        passed=g.passed,
        result=tr("doc.gate.passed" if g.passed else "doc.gate.failed", lang),
        detail=g.detail,
    )


def _agency(p: ProposalOut, lang: Lang) -> str:
    return p.agency if p.agency else tr("doc.not_given", lang)


def listed(proposals: Iterable[ProposalOut], status: ProposalStatus) -> list[ProposalOut]:
    """The proposals of `status` in the order every document lists them: by rank, then by
    id (the proposals without a rank: ineligible, invalid), so the shortlist's Markdown, HTML
    and PDF list them alike and cut a long list at the same rows."""
    chosen = [p for p in proposals if p.status is status]
    return sorted(chosen, key=lambda p: (p.rank is None, p.rank or 0, p.id))


def nominee_view(
    p: ProposalOut, position: int, rubric: Rubric, lang: Lang, results: Results | None = None
) -> NomineeView:
    """One shortlisted proposal with everything its page shows (how its numbers are computed
    when the `results` it belongs to are given)."""
    return NomineeView(
        anchor=f"nominee-{position}",
        rank=MISSING if p.rank is None else str(p.rank),
        id=p.id,
        source=p.source,
        title=shown_title(p, lang),
        agency=_agency(p, lang),
        group=_choice("doc.group", p.group, lang),
        category=_choice("doc.category", p.category, lang),
        total=_total(p.total, lang),
        provisional=bool(p.provisional),
        provisional_note=_provisional_note(p, lang),
        reason=p.reason,
        criteria=_criteria(p, rubric, lang),
        novelty=None if p.novelty is None else _novelty(p.novelty, rubric, lang),
        gates=tuple(_gate(g, lang) for g in p.gates if g.passed),
        notes=tuple(problem_view(pr, lang) for pr in p.problems),
        profile=profile(_ordered_criteria(p, rubric), shown_title(p, lang), lang),
        review_notes=review_notes(p),
        near_cutoff=near_cutoff(p),
        explanation=None if results is None else explanation_view(p, results, rubric),
    )


def _scored(p: ProposalOut, lang: Lang) -> ScoredView:
    return ScoredView(
        rank=MISSING if p.rank is None else str(p.rank),
        id=p.id,
        title=shown_title(p, lang),
        agency=_agency(p, lang),
        total=_total(p.total, lang),
        provisional=bool(p.provisional),
        provisional_note=_provisional_note(p, lang),
        reason=p.reason,
        review_notes=review_notes(p),
        near_cutoff=near_cutoff(p),
    )


def _ineligible(p: ProposalOut, lang: Lang) -> IneligibleView:
    return IneligibleView(
        id=p.id,
        source=p.source,
        title=shown_title(p, lang),
        agency=_agency(p, lang),
        reason=p.reason,
        failed=tuple(_gate(g, lang) for g in p.gates if not g.passed),
    )


def _invalid(p: ProposalOut, lang: Lang) -> InvalidView:
    problems = tuple(problem_view(pr, lang) for pr in p.problems)
    fields = dict.fromkeys(pr.field for pr in problems if pr.error)
    return InvalidView(
        id=p.id,
        source=p.source,
        title=shown_title(p, lang),
        agency=_agency(p, lang),
        reason=p.reason,
        fields=", ".join(fields) or MISSING,
        problems=problems,
    )


def call_name(results: Results, rubric: Rubric) -> str:
    """The call the documents are for: as the batch settings name it, else the rubric's."""
    settings = results.run.settings
    return settings.call if settings is not None and settings.call else rubric.title


def region_name(results: Results) -> str:
    """The region (or ministry) running the selection, from the batch settings; "" without
    them (the documents then leave the line out: they never show a folder instead)."""
    settings = results.run.settings
    return "" if settings is None else settings.region


def heading(title: str, results: Results, rubric: Rubric) -> str:
    """A document's title with the region it is for (the call without settings)."""
    return f"{title}: {region_name(results) or call_name(results, rubric)}"


def _sources(results: Results, lang: Lang, limit: int | None) -> tuple[SourceView, ...]:
    return tuple(
        SourceView(
            title=shown_title(p, lang),
            id=p.id,
            source=p.source,
            status=_capitalised(tr(f"status.label.{p.status.value}", lang)),
        )
        for p in results.proposals[:limit]
    )


def _manifest(results: Results, rubric: Rubric, lang: Lang) -> ManifestView:
    run = results.run
    return ManifestView(
        rubric=run.rubric,
        rubric_sha256=run.rubric_sha256,
        code_version=run.code_version,
        corpus_path=run.corpus.path,
        corpus_sha256=run.corpus.sha256,
        corpus_entries=tr(
            "doc.manifest.corpus_entries_value",
            lang,
            used=run.corpus.prior_art_entries,
            entries=run.corpus.entries,
            cutoff=rubric.call.prior_art_cutoff,
        ),
        started=run.started_at,
        finished=run.finished_at,
        language=tr(f"doc.language.{run.lang.value}", lang),
        shortlist_size=format_number(run.shortlist_size, lang),
        generated=tr("doc.manifest.generated", lang, version=run.code_version),
        inputs=tuple(
            InputView(path=i.path, sha256=i.sha256, short=i.sha256[:SHORT_HASH]) for i in run.inputs
        ),
        inputs_sha256=inputs_fingerprint(run.inputs),
        inputs_count=tr("doc.manifest.inputs_count", lang, count=len(run.inputs)),
    )


def inputs_fingerprint(inputs: Sequence[InputFile]) -> str:
    """One SHA-256 for every file a run read: of the lines `sha256sum` prints for them
    (`<sha256>  <path>`, each ending in a newline), in the order results.json lists them.
    A page too short for the list of files still names the exact inputs that gave it; any
    byte changed in any file changes it. Redone by hand from results.json:
    `jq -r '.run.inputs[] | "\\(.sha256)  \\(.path)"' results.json | sha256sum`."""
    listing = "".join(f"{i.sha256}  {i.path}\n" for i in inputs)
    return hashlib.sha256(listing.encode("utf-8")).hexdigest()


def document_view(
    results: Results, rubric: Rubric, lang: Lang | None = None, limit: int | None = None
) -> DocumentView:
    """Everything both shortlist documents show, in the run's language.

    `limit` cuts each list of proposals other than the nominees (scored, ineligible,
    invalid, unread, notices, sources) at that many rows, with a line in `cut` saying how
    many there are and where the full list is, so a document of a batch of 27,000 stays one
    a person reads; None lists everything.

    `lang` defaults to the run's. The results' sentences (reasons, evidence, gate details)
    were rendered in the run's language, so asking for another one, or passing a rubric other
    than the run's, raises `ValueError` rather than produce a document that mixes them."""
    lang = results.run.lang if lang is None else lang
    if lang != results.run.lang:
        raise ValueError(
            f"the results were rendered in '{results.run.lang.value}', not '{lang.value}'; "
            f"run again with --lang {lang.value} for a document in that language"
        )
    if rubric.id != results.run.rubric:
        raise ValueError(
            f"the results come from rubric '{results.run.rubric}', not '{rubric.id}'; "
            "render with the rubric of the run"
        )
    summary = results.summary
    counts = tuple(
        Count(_capitalised(tr(f"status.label.{status}", lang)), format_number(value, lang))
        for status, value in (
            ("shortlisted", summary.shortlisted),
            ("scored", summary.scored),
            ("ineligible", summary.ineligible),
            ("invalid", summary.invalid),
            ("unread", summary.unread),
        )
    )
    proposals = results.proposals
    nominees = listed(proposals, ProposalStatus.SHORTLISTED)
    scored = listed(proposals, ProposalStatus.SCORED)
    ineligible = listed(proposals, ProposalStatus.INELIGIBLE)
    invalid = listed(proposals, ProposalStatus.INVALID)
    totals = {
        "scored": len(scored),
        "ineligible": len(ineligible),
        "invalid": len(invalid),
        "unread": len(results.unread),
        "notices": len(results.notices),
        "sources": len(proposals),
    }
    cut = {
        name: tr("doc.list.cut", lang, shown=limit, total=total)
        if limit is not None and total > limit
        else ""
        for name, total in totals.items()
    }
    return DocumentView(
        lang=lang.value,
        call=call_name(results, rubric),
        region=region_name(results),
        heading=heading(tr("doc.title", lang), results, rubric),
        run_date=run_date(results.run.finished_at, lang),
        summary=tr(
            "doc.summary.unread" if summary.unread else "doc.summary",
            lang,
            proposals=summary.proposals,
            files=summary.files,
            readable=summary.files - summary.unread,
            unread=summary.unread,
            scored=summary.shortlisted + summary.scored,
        ),
        counts=counts,
        provisional=provisional_notice(results, rubric, lang),
        nominees=tuple(
            nominee_view(p, i, rubric, lang, results) for i, p in enumerate(nominees, start=1)
        ),
        skipped=skipped_note(results, lang),
        scored=tuple(_scored(p, lang) for p in scored[:limit]),
        ineligible=tuple(_ineligible(p, lang) for p in ineligible[:limit]),
        invalid=tuple(_invalid(p, lang) for p in invalid[:limit]),
        unread=tuple(
            UnreadView(path=u.path, reason=render(u.text, lang)) for u in results.unread[:limit]
        ),
        ignored=tuple(results.ignored),
        notices=tuple(problem_view(n, lang, with_path=True) for n in results.notices[:limit]),
        manifest=_manifest(results, rubric, lang),
        unread_note=(
            tr("minutes.doc.unread_note", lang, files=len(results.unread)) if results.unread else ""
        ),
        sources=_sources(results, lang, limit),
        settings_problems=tuple(
            problem_view(pr, lang, with_path=True) for pr in results.run.settings_problems
        ),
        distribution=totals_chart(results, lang),
        reviews=reviews_view(results, lang, rubric),
        approval=approval_view(results, lang),
        cut=cut,
    )
