"""The results document (`results.json`): the machine-readable truth of a run.

Every sentence in it is rendered in the run's language, but for the problems found in the
inputs, which carry their English `message` (for scripts) and their catalogue `text` (key
and parameters: the documents render it in their language). Every input file appears
exactly once: as proposals (one per file, one per spreadsheet row) or under `unread`.

One module over ~400 lines on purpose: the schema of one file, kept whole so that it reads as
the file does.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from kipp.core.i18n import Lang, Text, render, text
from kipp.core.problems import Problem, Severity
from kipp.intake import InputFile, Unread
from kipp.intake.settings import BatchSettings
from kipp.measures.novelty import Neighbour
from kipp.shortlist.approval import Decision


class ProposalStatus(StrEnum):
    """A proposal's fate in a run, one word for each, the same everywhere (results.json, the
    documents, the terminal, the Prefect UI): `shortlisted` (scored, and on the shortlist),
    `scored` (scored, not on the shortlist), `ineligible` (valid, but failed a gate: not
    scored), `invalid` (its file has errors: not checked further). A file that holds no
    readable proposal is `unread` (`Results.unread`). "Scored" as a count of its own means
    both the first two."""

    SHORTLISTED = "shortlisted"
    SCORED = "scored"
    INELIGIBLE = "ineligible"
    INVALID = "invalid"


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True)


def _with_text(data: Any, sentence: str) -> Any:
    if isinstance(data, dict) and "text" not in data and isinstance(data.get(sentence), str):
        return {**data, "text": text("message.as_written", message=data[sentence])}
    return data


class ProblemOut(_Out):
    """A problem found in an input: `field` is the machine key of the field (the documents
    show its label), `message` the sentence in English, `text` its catalogue key and
    parameters."""

    path: str
    field: str
    message: str
    line: int | None
    column: str | None
    severity: Literal["error", "warning"]
    text: Text

    @model_validator(mode="before")
    @classmethod
    def _as_written(cls, data: Any) -> Any:
        """Results written before problems carried their `text` show the message as
        written."""
        return _with_text(data, "message")

    @classmethod
    def of(cls, problem: Problem) -> ProblemOut:
        """The record of a problem as intake (or the review, the registry) found it."""
        return cls(
            path=problem.path,
            field=problem.field,
            message=render(problem.message, Lang.EN),
            line=problem.line,
            column=problem.column,
            severity=problem.severity.value,
            text=problem.message,
        )

    def problem(self) -> Problem:
        """The problem this records, as `of` was given it."""
        return Problem(
            path=self.path,
            field=self.field,
            message=self.text,
            line=self.line,
            column=self.column,
            severity=Severity(self.severity),
        )


class GateOut(_Out):
    gate: str
    label: str
    passed: bool
    detail: str
    # what the agency can do to pass a failed gate (empty in results from before)
    advice: list[Text] = Field(default_factory=list)


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
    # each reviewer's comment on the proposal (by reviewer id), as written in the scoresheet
    comments: dict[str, str] = Field(default_factory=dict)


class RankIntervalOut(_Out):
    """The range of ranks a proposal took over resampled reviews; `near_cutoff` when the
    range crosses the shortlist's cut-off (its place is within the noise)."""

    low: int
    high: int
    near_cutoff: bool
    note: str


class ScoreOut(_Out):
    """One reviewer's score of one criterion in an explanation: the reviewer (`label`, a
    letter, for documents that do not name reviewers), the score as given, its `level` on
    1-5, and the level `used` (after any normalisation, kept within 1 to 5; `formula` is what
    the normalisation gave when it fell outside, else None)."""

    reviewer: str
    label: str
    score: int
    level: float
    used: float
    formula: float | None = None


class ExplainedCriterionOut(_Out):
    """How one criterion's value was reached, in the order it is computed: the reviewers'
    scores (`scores`) and their `method` giving `reviewers`; the measure's `score` and
    `auto_level`; the blend with the reviewers' share `reviewer_share`; the `value` the
    total uses (4 decimals) and its `level`; the weight it counts now (`counted_weight`: its
    measure's share of `weight` while a blend awaits reviewers, 0 while reviewers alone
    score it and have not) and its `points` in the total (`counted_weight * value / 5 *
    100`)."""

    source: Literal["auto", "reviewers", "blend"]
    weight: float
    counted_weight: float
    scores: list[ScoreOut] = Field(default_factory=list)
    method: Literal["mean", "median"] | None = None
    reviewers: float | None = None
    score: float | None = None
    auto_level: int | None = None
    reviewer_share: float = 0.0
    value: float | None = None
    level: int | None = None
    points: float | None = None


class TotalOut(_Out):
    """The total as computed: the criteria's `points` added up, over the share of the weight
    counted (`scored_weight`, 1 when every criterion is scored), rounded to 2 decimals."""

    points: float
    scored_weight: float
    total: float


Reason = Literal["awaiting", "reviews", "panel", "assignments", "no_assignments"]


class StandingOut(_Out):
    """Whether a total is final, and what can still move it: criteria awaiting reviewers
    (`awaiting`, and the `scored_weight` counted), this proposal's reviews (`received` of
    `expected`), the batch's reviews while normalisation reads every score against the whole
    panel (`batch_received` of `batch_expected`), an assignment record that could not be read
    in full (`assignments`) or is not there at all (`no_assignments`)."""

    final: bool
    reasons: list[Reason]
    awaiting: list[str]
    scored_weight: float
    received: int
    expected: int
    batch_received: int | None = None
    batch_expected: int | None = None


class ExplanationOut(_Out):
    """Every reviewer-based number of a proposal, as data a person can redo with a
    calculator: per criterion (`criteria`, by id), the total's terms, and its standing."""

    criteria: dict[str, ExplainedCriterionOut]
    total: TotalOut
    standing: StandingOut


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
    explanation: ExplanationOut | None = None  # None: not scored, or results from before


class UnreadOut(_Out):
    """A file that holds no readable proposal: why in English (`reason`) and as a catalogue
    sentence (`text`)."""

    path: str
    reason: str
    text: Text

    @model_validator(mode="before")
    @classmethod
    def _as_written(cls, data: Any) -> Any:
        """Results written before unread files carried their `text` show the reason as
        written."""
        return _with_text(data, "reason")

    @classmethod
    def of(cls, unread: Unread) -> UnreadOut:
        """The record of a file intake could not read."""
        return cls(path=unread.path, reason=render(unread.reason, Lang.EN), text=unread.reason)


class CorpusOut(_Out):
    path: str
    sha256: str
    entries: int
    prior_art_entries: int


class RunOut(_Out):
    """What the run was: its rubric, batch, corpus and inputs by name and sha256, its language
    and shortlist size. `started_at` is when the run began its work (the flow, after the
    command started its server) and `finished_at` when its results were complete, before the
    documents were written from them (ISO 8601, UTC, to the second)."""

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
    # the batch's settings (`_kumpulan.yaml`), the panel's members filled in from the review
    # panel when the file names none; None without a valid file (its problems, if any, in
    # `settings_problems`)
    settings: BatchSettings | None = None
    settings_problems: list[ProblemOut] = Field(default_factory=list)


class Summary(_Out):
    """How many of each status (`ProposalStatus`; `scored` counts the scored proposals not
    on the shortlist), files unread, and whether any total is provisional; with a panel,
    how many of the assigned reviews of eligible proposals are complete."""

    files: int
    proposals: int
    shortlisted: int
    scored: int = Field(description="scored, not shortlisted")
    ineligible: int
    invalid: int
    unread: int
    provisional: bool
    reviews_received: int | None = None
    reviews_expected: int | None = None


class ProgressOut(_Out):
    """How far one reviewer is: proposals assigned, fully scored, started; `label` the
    letter that stands for them in the explanations."""

    reviewer: str
    name: str
    assigned: int
    completed: int
    started: int
    note: str
    label: str = ""


class AdjustmentOut(_Out):
    """How normalisation treated one reviewer (their mean and spread in levels, and how far
    they are trusted: 0-1, from the number of their scores), and what it used, unrounded: a
    level `x` of theirs is read as `panel mean + (x - shift) * factor`, `shift` being
    `(total + shrinkage * panel mean) / (scores + shrinkage)` and `factor` the panel's spread
    over `spread`. `label` is the letter that stands for them in the explanations."""

    reviewer: str
    scores: int
    mean: float
    sd: float
    weight: float
    label: str = ""
    total: float | None = None
    shift: float | None = None
    spread: float | None = None
    factor: float | None = None


class FootingOut(_Out):
    """The panel's figures every normalised level stands on: the levels given (`scores`,
    adding up to `total`), their `mean` and spread `sd` (unrounded), the rubric's
    `shrinkage`, and `decimals`: the precision at which the documents show the mean and each
    reviewer's shift and factor, the least (from 4) at which every level used is recomputed
    exactly from them."""

    scores: int
    total: float
    mean: float
    sd: float
    shrinkage: float
    decimals: int


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
    footing: FootingOut | None = None  # None when scores are not normalised
    # scoresheets came back without assignments.csv: the reviews expected are unknown
    assignments_missing: bool = False


class Results(_Out):
    run: RunOut
    summary: Summary
    proposals: list[ProposalOut]
    unread: list[UnreadOut]
    ignored: list[str]
    notices: list[ProblemOut]
    # the panel's work: progress, settings, scoresheet problems; None without one
    reviews: ReviewsOut | None = None
    # the coordinator's decision on the shortlist, when the run asked for one
    approval: Decision | None = None
