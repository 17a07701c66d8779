"""A run's results: what the pipeline concluded (`assessment`), and the results document
(`model`) built from it (`build`)."""

from kipp.results.build import build_results, proposal_out, reviews_out
from kipp.results.model import (
    AdjustmentOut,
    CorpusOut,
    CriterionOut,
    CriterionReviewsOut,
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

__all__ = [
    "AdjustmentOut",
    "CorpusOut",
    "CriterionOut",
    "CriterionReviewsOut",
    "GateOut",
    "NoveltyOut",
    "ProblemOut",
    "ProgressOut",
    "ProposalOut",
    "ProposalReviewsOut",
    "ProposalStatus",
    "RankIntervalOut",
    "RawScoreOut",
    "Results",
    "ReviewsOut",
    "RunOut",
    "Summary",
    "UnreadOut",
    "build_results",
    "proposal_out",
    "reviews_out",
]
