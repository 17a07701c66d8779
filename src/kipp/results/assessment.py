"""What the pipeline concluded about a batch: gates, measures, scorecards, placements, the
panel's reviews and each proposal's rank interval, keyed by proposal id."""

from __future__ import annotations

from functools import cached_property

from pydantic import BaseModel, ConfigDict, Field

from kipp.gates import GateResult
from kipp.measures.novelty import NoveltyMeasure
from kipp.reviews.models import ReviewSet
from kipp.scoring import Scorecard
from kipp.shortlist.approval import shortlisted_by_ranking
from kipp.shortlist.ranking import Placement
from kipp.shortlist.uncertainty import RankInterval


class Assessment(BaseModel):
    """Everything the pipeline concluded about a batch, keyed by proposal id. `reviews` is
    what the panel and scoresheets gave (empty without them); `uncertainty` the rank interval
    of each scored proposal (empty without reviews)."""

    model_config = ConfigDict(frozen=True)

    gates: dict[str, list[GateResult]]
    novelty: dict[str, NoveltyMeasure]
    scorecards: dict[str, Scorecard]
    placements: dict[str, Placement]
    reviews: ReviewSet = Field(default_factory=ReviewSet)
    uncertainty: dict[str, RankInterval] = Field(default_factory=dict)

    @cached_property
    def cutoff_rank(self) -> int | None:
        """The rank of the last proposal the ranking shortlisted, whatever a coordinator moved
        afterwards (computed once: every proposal's rank interval is read against it)."""
        chosen = [p.rank for p in self.placements.values() if shortlisted_by_ranking(p)]
        return max(chosen) if chosen else None
