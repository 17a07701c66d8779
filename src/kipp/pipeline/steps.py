"""The functions behind the pipeline's stages (`kipp.pipeline.PIPELINE`): each takes the
values it names and returns one value. They only join the stages' own modules together."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path

import kipp
from kipp.core.caching import Recall, cache_dir, code_version, model_digest
from kipp.core.i18n import Lang, Text, text
from kipp.core.models import Proposal
from kipp.documents.outputs import write_run, write_scorecards
from kipp.documents.render.pdf import PdfRenderer
from kipp.documents.reuse import ScorecardReuse
from kipp.documents.staging import write_staged
from kipp.gates import GateResult, check_gates, eligible
from kipp.intake import Batch, InputFile, Limits, ParseCache, load_batch
from kipp.intake.registry import Registry, registry_matcher
from kipp.intake.settings import BatchSettings, Person
from kipp.measures.corpus import Corpus, load_corpus
from kipp.measures.documents import UnitStore
from kipp.measures.novelty import MatchStore, NoveltyMeasure, measure_novelty
from kipp.measures.similarity import CorpusIndex
from kipp.results import CorpusOut, ProblemOut, Results, RunOut, build_results
from kipp.results.assessment import Assessment
from kipp.reviews.ingest import reviews_of
from kipp.reviews.models import ReviewSet
from kipp.rubric import LoadedRubric, load_rubric
from kipp.scoring import Scorecard, automatic_measures, score_proposal, with_reviews
from kipp.shortlist.approval import Decision, apply_decision, proposal_digest
from kipp.shortlist.ranking import Candidate, Placement, build_shortlist
from kipp.shortlist.uncertainty import RankInterval, rank_intervals

Gates = dict[str, list[GateResult]]
Novelty = dict[str, NoveltyMeasure]
Scorecards = dict[str, Scorecard]
Placements = dict[str, Placement]


def read_rubric(rubric_path: Path | None) -> LoadedRubric:
    """The rubric at `rubric_path`, else the bundled KIPP 2022 rubric."""
    return load_rubric(rubric_path)


def read_corpus(corpus_path: Path | None = None) -> Corpus:
    """The prior-innovation corpus at `corpus_path`, else the bundled one."""
    return load_corpus(corpus_path)


def read_batch(
    batch_folder: Path,
    rubric: LoadedRubric,
    parse_cache: ParseCache | None = None,
    limits: Limits | None = None,
    panel_path: Path | None = None,
) -> Batch:
    """Everything the batch folder holds, read once (`kipp.intake.load_batch`)."""
    return load_batch(batch_folder, rubric.rubric.call.choices(), limits, parse_cache, panel_path)


def valid_proposals(batch: Batch) -> list[Proposal]:
    """The proposals that passed intake, in folder order."""
    return [e.proposal for e in batch.intake.valid if e.proposal is not None]


def agency_registry(batch: Batch) -> Registry | None:
    """The batch's valid agency registry (`_agencies.yaml`), if it has one."""
    return batch.registry


def gates(proposals: Sequence[Proposal], rubric: LoadedRubric, registry: Registry | None) -> Gates:
    """Every proposal's gate results (the per-agency gate counts agencies through the
    registry)."""
    return check_gates(proposals, rubric.rubric, registry_matcher(registry))


def eligible_proposals(proposals: Sequence[Proposal], gates: Gates) -> list[Proposal]:
    """The proposals that passed every gate."""
    return [p for p in proposals if eligible(gates[p.id])]


def prior_art(corpus: Corpus, rubric: LoadedRubric) -> Corpus:
    """The corpus as of the call's prior-art cut-off."""
    return corpus.until(rubric.rubric.call.prior_art_cutoff)


def corpus_index(prior_art: Corpus) -> CorpusIndex:
    """The tokenised prior art, kept on disk between runs (`<cache dir>/corpus-index/`)."""
    index = CorpusIndex.cached(cache_dir() / "corpus-index", prior_art)
    index.coverage_scale  # noqa: B018  (weights computed here, where a runner may overlap it)
    return index


def novelty(
    proposals: Sequence[Proposal], prior_art: Corpus, index: CorpusIndex, rubric: LoadedRubric
) -> Novelty:
    """Novelty of every valid proposal; the prior-art matches and the units of each chunk of
    proposals are kept by content (`<cache dir>/novelty-matches/`, `novelty-words/`), so an
    edit compares only the chunks whose texts changed with the corpus again, and reads only
    their texts again."""
    store = MatchStore(cache_dir() / "novelty-matches", salt=code_version())
    words = UnitStore(cache_dir() / "novelty-words", salt=code_version())
    settings = rubric.rubric.measures.novelty
    cutoff = rubric.rubric.call.prior_art_cutoff
    return measure_novelty(
        proposals, prior_art, settings, index=index, store=store, cutoff=cutoff, words=words
    )


def scores(eligible: Iterable[Proposal], novelty: Novelty, rubric: LoadedRubric) -> Scorecards:
    """Scorecards of eligible proposals from the automatic measures (a split stage: any part
    of them); the reviewers' verdicts are added by `scorecards`. A process that runs again
    takes back the scorecard of a proposal whose content, novelty measure and rubric are
    those of its run before (each scorecard a function of those alone)."""
    settings = rubric.rubric.measures.novelty
    rules = model_digest(rubric.rubric)

    def key(proposal: Proposal) -> tuple[bytes, bytes, bytes]:
        return model_digest(proposal), model_digest(novelty[proposal.id]), rules

    def card(proposal: Proposal) -> Scorecard:
        measures = automatic_measures(proposal, novelty[proposal.id], settings)
        return score_proposal(measures, rubric.rubric)

    return {p.id: _SCORED.computed(p, key, card) for p in eligible}


# Scorecards by the digests of the proposal, its novelty measure and the rubric (a process
# that runs again, `kipp run --watch`, scores again only the proposals whose inputs changed)
_SCORED: Recall[tuple[bytes, bytes, bytes], Scorecard] = Recall()


def reviews(
    batch: Batch, rubric: LoadedRubric, eligible: Sequence[Proposal], registry: Registry | None
) -> ReviewSet:
    """The panel's reviews of the eligible proposals, checked and aggregated (rows for the
    batch's other proposals are kept for when they are fixed)."""
    others = {entry.id for entry in batch.intake.entries}
    return reviews_of(
        batch.reviews, rubric.rubric, eligible, registry_matcher(registry), set_aside=others
    )


def scorecards(scores: Scorecards, reviews: ReviewSet, rubric: LoadedRubric) -> Scorecards:
    """The scorecards completed with the reviewers' verdicts (unchanged without reviews)."""
    if reviews.empty:
        return scores
    return {
        pid: with_reviews(card, rubric.rubric, reviews.proposals.get(pid))
        for pid, card in scores.items()
    }


def candidates(proposals: Iterable[Proposal], scorecards: Scorecards) -> list[Candidate]:
    """What ranking needs of each scored proposal."""
    result = []
    for p in proposals:
        card = scorecards[p.id]
        result.append(
            Candidate(
                id=p.id,
                agency=p.agency,
                category=p.category,
                title=p.title,
                started_on=p.started_on,
                total=card.total,
                levels={c.criterion: c.level for c in card.criteria},
                scores={c.criterion: c.score for c in card.criteria},
                values={c.criterion: c.value for c in card.criteria},
            )
        )
    return result


def ranking(
    eligible: Sequence[Proposal],
    scorecards: Scorecards,
    rubric: LoadedRubric,
    size: int | None,
    registry: Registry | None,
) -> Placements:
    """Placements of the scored proposals by the rubric's ranking, quotas and tie-breaks
    (the per-agency limit reads agencies through the registry), before any decision."""
    placements = build_shortlist(
        candidates(eligible, scorecards), rubric.rubric.shortlist, size, registry_matcher(registry)
    )
    return {p.id: p for p in placements}


@dataclass(frozen=True)
class RunInfo:
    """What a run is, for its results: the inputs' names and digests, its language, the
    shortlist size, when it started. The corpus is described (`CorpusOut`), not held, so a
    run can let it go once novelty is measured."""

    batch: Batch
    rubric: LoadedRubric
    corpus: CorpusOut
    lang: Lang
    size: int | None
    started: str

    def run_out(self) -> RunOut:
        """The `run` block of the results, finished now. Its times are in the time zone of
        the batch's settings (`time_zone`), else in this machine's: the day every document
        shows is the day where the run was made, not the day in UTC."""
        settings = self.batch.settings
        zone = settings.zone() if settings else None  # None: this machine's, per instant
        now = datetime.now(UTC).astimezone(zone)
        started = datetime.fromisoformat(self.started).astimezone(zone) if self.started else now
        rubric = self.rubric.rubric
        return RunOut(
            rubric=rubric.id,
            rubric_sha256=self.rubric.sha256,
            batch=str(self.batch.folder),
            started_at=started.isoformat(timespec="seconds"),
            finished_at=now.isoformat(timespec="seconds"),
            code_version=kipp.__version__,
            lang=self.lang,
            shortlist_size=self.size or rubric.shortlist.size,
            corpus=self.corpus,
            inputs=self.inputs(),
            settings=self.settings(),
            settings_problems=[
                ProblemOut.of(p)
                for p in (self.batch.settings_load.problems if self.batch.settings_load else [])
            ],
        )

    def inputs(self) -> list[InputFile]:
        """Every file read, by its fingerprint: the proposals' files, then the batch's
        settings, agency registry, panel, assignments and scoresheets, so that the results
        say which version of each gave them."""
        batch = self.batch
        own = [load.read for load in (batch.settings_load, batch.registry_load) if load]
        return [*batch.intake.inputs, *(f for f in own if f is not None), *batch.reviews.inputs]

    def settings(self) -> BatchSettings | None:
        """The batch's settings, the panel's members taken from the review panel
        (`reviewers.yaml`) when the settings name none."""
        settings = self.batch.settings
        panel = self.batch.reviews.panel
        if settings is None or settings.members or panel is None:
            return settings
        members = [Person(name=r.name, position=r.affiliation or r.agency) for r in panel.reviewers]
        return settings.model_copy(update={"members": members})


def run_info(
    batch: Batch,
    rubric: LoadedRubric,
    corpus: Corpus,
    lang: Lang = Lang.ID,
    size: int | None = None,
    started: str = "",
) -> RunInfo:
    """The run's description (`RunInfo`)."""
    described = CorpusOut(
        path=corpus.path,
        sha256=corpus.sha256,
        entries=len(corpus.entries),
        prior_art_entries=len(corpus.until(rubric.rubric.call.prior_art_cutoff).entries),
    )
    return RunInfo(batch, rubric, described, lang, size, started)


@dataclass(frozen=True)
class Proposed:
    """A shortlist as proposed to the coordinator, before any decision: the ranking's
    placements and scorecards, the rubric, their `proposal_digest`, and the results a
    coordinator reads (built when first asked for)."""

    placements: Placements
    scorecards: Scorecards
    rubric: LoadedRubric
    build: Callable[[], Results] = field(repr=False, compare=False)

    @cached_property
    def digest(self) -> str:
        """The shortlist's `proposal_digest`: a decision is applied only to the shortlist it
        was given on."""
        return proposal_digest(self.placements, self.scorecards)

    @cached_property
    def results(self) -> Results:
        """The results of the run as proposed."""
        return self.build()


# Asks the coordinator (a Prefect pause, a prompt) and returns the decision.
Decider = Callable[[Proposed], Decision]


def decision(
    run: RunInfo,
    gates: Gates,
    novelty: Novelty,
    scorecards: Scorecards,
    ranking: Placements,
    reviews: ReviewSet,
    decider: Decider | None = None,
) -> Decision | None:
    """The coordinator's decision on the ranked shortlist, when the run asks for one
    (`decider`); None: the shortlist stands as ranked."""
    if decider is None:
        return None

    def pending() -> Results:
        assessed = Assessment(
            gates=gates,
            novelty=novelty,
            scorecards=scorecards,
            placements=ranking,
            reviews=reviews,
        )
        return build_results(run.batch.intake, assessed, run.rubric, run.run_out())

    return decider(Proposed(ranking, scorecards, run.rubric, pending))


def placements(ranking: Placements, decision: Decision | None) -> Placements:
    """The placements after the coordinator's decision (as ranked without one)."""
    return ranking if decision is None else apply_decision(ranking, decision)


def pdf_renderer(results: Results) -> PdfRenderer:
    """Starts the PDF renderer's child process once the results are built (after any wait
    for a decision: a paused run holds no idle child; and not beside the results' own peak
    of memory, the run's highest at national size): it imports WeasyPrint on the other core
    while the documents' views and results.json are written."""
    del results  # the order only: the child starts when they exist
    return PdfRenderer.start()


def uncertainty(
    scorecards: Scorecards, reviews: ReviewSet, ranking: Placements, rubric: LoadedRubric
) -> dict[str, RankInterval]:
    """Each scored proposal's rank interval from resampled reviews (empty without reviews).
    Read against the ranking's cut-off, before any coordinator's move."""
    order = sorted(ranking, key=lambda pid: ranking[pid].rank)
    return rank_intervals(order, scorecards, reviews.proposals, ranking, rubric.rubric)


def results(
    run: RunInfo,
    gates: Gates,
    novelty: Novelty,
    scorecards: Scorecards,
    placements: Placements,
    reviews: ReviewSet,
    uncertainty: dict[str, RankInterval],
    decision: Decision | None,
) -> Results:
    """The results document of the run, every sentence in the run's language."""
    assessed = Assessment(
        gates=gates,
        novelty=novelty,
        scorecards=scorecards,
        placements=placements,
        reviews=reviews,
        uncertainty=uncertainty,
    )
    built = build_results(run.batch.intake, assessed, run.rubric, run.run_out())
    return built if decision is None else built.model_copy(update={"approval": decision})


@dataclass(frozen=True)
class Written:
    """The files a documents stage wrote into `folder`, and how many scorecards it copied
    from the previous run instead of rendering them."""

    folder: Path
    files: list[Path]
    reused: int
    rendered: int


def documents(
    results: Results,
    rubric: LoadedRubric,
    out: Path,
    batch: Batch,
    pdf_renderer: PdfRenderer | None = None,
) -> Written:
    """Every document of the run, written into `out` (staged, then moved in under a lock);
    scorecards whose inputs did not change are copied from the previous run's."""
    reuse = ScorecardReuse.for_output(out, cache_dir())
    written = write_staged(
        lambda staging: write_run(
            results,
            rubric.rubric,
            staging,
            registry=batch.registry_load,
            reuse=reuse,
            renderer=pdf_renderer,
        ),
        out,
        digests=reuse.written,
    )
    reuse.save()
    return Written(out, written, reuse.hits, reuse.misses)


def scorecard_files(
    results: Results, rubric: LoadedRubric, out: Path, pdf_scorecards: bool
) -> Written:
    """The scorecards of a finished run (`results`), written again into `out/scorecards/`
    (HTML, and PDF when `pdf_scorecards`), unchanged ones copied."""
    reuse = ScorecardReuse.for_output(out, cache_dir())
    written = write_staged(
        lambda staging: write_scorecards(results, rubric.rubric, staging, pdf_scorecards, reuse),
        out,
        partial=True,
        digests=reuse.written,
    )
    reuse.save()
    return Written(out, written, reuse.hits, reuse.misses)


def summary_counts(key: str, **counts: int) -> Text:
    """A stage's one-line summary for the run's log."""
    return text(key, **counts)
