"""Settings of the automatic measures, as the rubric holds them.

Kept apart from the measures so that reading a rubric (`kipp validate`) does not load the
numerical libraries the measures need.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

from kipp.core.validation import invalid


class NoveltySettings(BaseModel):
    """The rubric's `measures.novelty` block: how many neighbours to list (of each kind),
    the similarity from which a neighbour is flagged, where the "similar, needs review" band
    starts (below the flag), and how many flags of each kind to list."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    neighbours: int = Field(default=3, ge=1, le=20)
    flag_similarity: float = Field(default=0.37, gt=0, le=1)
    review_similarity: float = Field(default=0.30, gt=0, le=1)
    # flags listed per kind (prior, batch) and proposal, the closest; the rest are counted
    max_flags: int = Field(default=10, ge=1, le=100)

    @model_validator(mode="after")
    def _bands(self) -> NoveltySettings:
        if self.review_similarity > self.flag_similarity:
            raise invalid(
                "rubric.novelty_bands",
                review=str(self.review_similarity),
                flag=str(self.flag_similarity),
            )
        return self
