"""What reviewers produce and what kipp concludes from it, as plain frozen models.

A `Review` is one row of a scoresheet: one reviewer's scores of one proposal. Aggregation
turns the reviews of a proposal into one value per criterion (`CriterionReviews`), keeping
every raw score beside it.
"""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict, Field

from kipp.core.problems import Problem
from kipp.intake.review_sheets import Assignment

__all__ = [
    "Assignment",
    "CriterionReviews",
    "PanelFooting",
    "ProposalReviews",
    "RawScore",
    "Review",
    "ReviewSet",
    "ReviewerAdjustment",
    "ReviewerProgress",
]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class Review(_Frozen):
    """One reviewer's scores of one proposal (one scoresheet row). `scores` holds the
    criteria scored so far, on the rubric's scale; `complete` when every reviewed criterion
    has a valid score."""

    reviewer: str
    proposal: str
    scores: dict[str, int]
    comment: str | None = None
    sheet: str
    row: int
    complete: bool


class RawScore(_Frozen):
    """One reviewer's score of one criterion: as given (`score`, on the rubric's scale) and as
    used (`level`, 1-5, after any per-reviewer normalisation)."""

    reviewer: str
    score: int
    level: float


class CriterionReviews(_Frozen):
    """The reviewers' verdict on one criterion of one proposal. `spread` (highest minus
    lowest level used, after any normalisation) is what the disagreement flag reads;
    `raw_spread` is the same on the scores as given."""

    criterion: str
    scores: list[RawScore]
    mean: float
    median: float
    value: float
    spread: float
    disagreement: bool

    @property
    def raw_spread(self) -> int:
        """Highest minus lowest score as the reviewers gave them (rubric's scale)."""
        return raw_spread(s.score for s in self.scores)


def raw_spread(scores: Iterable[int]) -> int:
    """Highest minus lowest of some raw scores; 0 for none."""
    given = list(scores)
    return max(given) - min(given) if given else 0


class PanelFooting(_Frozen):
    """What normalisation puts every reviewer's scores on: the levels the whole panel gave
    (`scores` of them, adding up to `total`; their `mean` and spread `sd`, unrounded) and the
    rubric's `shrinkage`. Every assigned review that is still missing can move them."""

    scores: int
    total: float
    mean: float
    sd: float
    shrinkage: float


class ProposalReviews(_Frozen):
    """Every review of one proposal: who was assigned, who completed, per-criterion verdicts;
    the panel's footing when scores are normalised, and how many of the batch's assigned
    reviews are complete (`batch_completed` of `batch_assigned`)."""

    proposal: str
    assigned: list[str]
    completed: list[str]
    criteria: dict[str, CriterionReviews]
    # each reviewer's comment on the proposal, as written in their scoresheet (non-empty)
    comments: dict[str, str] = Field(default_factory=dict)
    # False when `assignments.csv` could not be read in full: a reviewer whose sheet has not
    # come back may be missing from `assigned`, so the reviews cannot be known to be complete
    assignments_known: bool = True
    assignments_missing: bool = False  # not known because there is no assignments.csv at all
    footing: PanelFooting | None = None
    batch_assigned: int = 0
    batch_completed: int = 0

    @property
    def pending(self) -> int:
        """Assigned reviewers who have not completed their scores."""
        return len(set(self.assigned) - set(self.completed))

    @property
    def disagreements(self) -> list[str]:
        """Criteria whose scores spread past the rubric's threshold."""
        return [c.criterion for c in self.criteria.values() if c.disagreement]


class ReviewerProgress(_Frozen):
    """How far one reviewer is: proposals assigned, fully scored, and started."""

    reviewer: str
    name: str
    assigned: int
    completed: int
    started: int


class ReviewerAdjustment(_Frozen):
    """How normalisation treated one reviewer: their mean and spread, how far they are
    trusted (`weight`, 0-1, from the number of their scores) and the shrunk figures used:
    a level `x` of theirs is read as `panel mean + (x - shrunk_mean) * factor`. `total` is the
    sum of their levels (so `shrunk_mean = (total + shrinkage * panel mean) / (scores +
    shrinkage)`); `factor` the panel's spread over `shrunk_sd` (1 when that is 0)."""

    reviewer: str
    scores: int
    mean: float
    sd: float
    weight: float
    shrunk_mean: float
    shrunk_sd: float
    total: float = 0.0
    factor: float = 1.0


class ReviewSet(_Frozen):
    """Everything read and concluded from a batch's panel and scoresheets."""

    panel: str | None = None
    sheets: list[str] = Field(default_factory=list)
    reviews: list[Review] = Field(default_factory=list)
    assignments: list[Assignment] = Field(default_factory=list)
    problems: list[Problem] = Field(default_factory=list)
    progress: list[ReviewerProgress] = Field(default_factory=list)
    adjustments: list[ReviewerAdjustment] = Field(default_factory=list)
    proposals: dict[str, ProposalReviews] = Field(default_factory=dict)
    assignments_known: bool = True  # False: assignments.csv could not be read in full
    assignments_missing: bool = False  # True: scoresheets came back without assignments.csv

    @property
    def empty(self) -> bool:
        """True when no panel, sheet or assignment was found."""
        return self.panel is None and not self.sheets and not self.assignments

    @property
    def footing(self) -> PanelFooting | None:
        """The panel's footing every normalised level stands on (None when scores are not
        normalised, or none were given)."""
        return next((p.footing for p in self.proposals.values() if p.footing), None)
