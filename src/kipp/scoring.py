"""From measures to criteria: levels by the rubric's thresholds, weighted totals, evidence.

A criterion scored by reviewers and not yet scored leaves the total provisional: the total is
then the weighted mean of the criteria scored so far, and `scored_weight` says what share of
the rubric's weight that is.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from kipp.i18n import Text, text
from kipp.measures.adaptability import measure_adaptability
from kipp.measures.impact import measure_impact
from kipp.measures.novelty import NoveltyMeasure
from kipp.measures.settings import NoveltySettings
from kipp.models import Proposal
from kipp.rubric import LEVELS, Rubric


class Scored(BaseModel):
    """What one automatic measure says of one proposal: a 0-1 score and its evidence."""

    model_config = ConfigDict(frozen=True)

    score: float
    evidence: list[Text]


class CriterionResult(BaseModel):
    """One criterion of one proposal: level 1-5 (None while awaiting reviewers) and evidence."""

    model_config = ConfigDict(frozen=True)

    criterion: str
    weight: float
    source: Literal["auto", "reviewers"]
    score: float | None
    level: int | None
    evidence: list[Text]


class Scorecard(BaseModel):
    """Every criterion of one proposal and the weighted total (0-100)."""

    model_config = ConfigDict(frozen=True)

    criteria: list[CriterionResult]
    total: float
    scored_weight: float

    @property
    def provisional(self) -> bool:
        """True while some criterion still awaits reviewers."""
        return self.scored_weight < 1 - 1e-9

    def get(self, criterion_id: str) -> CriterionResult:
        """The result of one criterion."""
        return next(c for c in self.criteria if c.criterion == criterion_id)


def level_for(score: float, thresholds: list[float]) -> int:
    """1 plus the number of thresholds reached; a score exactly at a threshold reaches it."""
    return 1 + sum(score >= t for t in thresholds)


def novelty_scored(measure: NoveltyMeasure, settings: NoveltySettings) -> Scored:
    """Novelty evidence: the score's derivation, the closest prior innovation, and flags."""
    evidence = [
        text(
            "novelty.score",
            score=round(measure.score, 2),
            similarity=round(measure.max_prior_similarity, 2),
        )
    ]
    priors = [n for n in measure.nearest if n.kind == "prior"]
    if not priors:
        evidence.append(text("novelty.no_corpus"))
    else:
        top = priors[0]
        evidence.append(
            text(
                "novelty.nearest",
                title=top.title,
                agency=top.agency,
                year=str(top.year or "?"),
                similarity=round(top.similarity, 2),
            )
        )
    for flag in measure.flags:
        key = "novelty.flag_prior" if flag.kind == "prior" else "novelty.flag_batch"
        evidence.append(
            text(key, title=flag.title, id=flag.id, similarity=round(flag.similarity, 2))
        )
    for n in measure.nearest:
        if settings.review_similarity <= n.similarity < settings.flag_similarity:
            evidence.append(
                text("novelty.review", title=n.title, similarity=round(n.similarity, 2))
            )
    return Scored(score=measure.score, evidence=evidence)


def automatic_measures(
    proposal: Proposal, novelty: NoveltyMeasure, settings: NoveltySettings
) -> dict[str, Scored]:
    """Every automatic measure of one proposal, by measure name."""
    impact = measure_impact(proposal)
    adaptability = measure_adaptability(proposal)
    return {
        "novelty": novelty_scored(novelty, settings),
        "impact": Scored(score=impact.score, evidence=impact.evidence()),
        "adaptability": Scored(score=adaptability.score, evidence=adaptability.evidence),
    }


def score_proposal(measures: dict[str, Scored], rubric: Rubric) -> Scorecard:
    """Levels per criterion from the measures, and the weighted total on 0-100."""
    results: list[CriterionResult] = []
    for criterion in rubric.criteria:
        if not criterion.automatic:
            results.append(
                CriterionResult(
                    criterion=criterion.id,
                    weight=criterion.weight,
                    source="reviewers",
                    score=None,
                    level=None,
                    evidence=[text("criterion.awaiting_reviewers")],
                )
            )
            continue
        measured = measures[criterion.measure]
        thresholds = criterion.thresholds or []
        level = level_for(measured.score, thresholds)
        summary = text(
            "criterion.level",
            score=round(measured.score, 2),
            level=level,
            thresholds=list(thresholds),
        )
        results.append(
            CriterionResult(
                criterion=criterion.id,
                weight=criterion.weight,
                source="auto",
                score=round(measured.score, 4),
                level=level,
                evidence=[summary, *measured.evidence],
            )
        )
    scored = [r for r in results if r.level is not None]
    scored_weight = sum(r.weight for r in scored)
    weighted = sum(r.weight * (r.level or 0) / LEVELS for r in scored)
    total = 100 * weighted / scored_weight if scored_weight else 0.0
    return Scorecard(criteria=results, total=round(total, 2), scored_weight=round(scored_weight, 4))
