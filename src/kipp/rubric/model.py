"""What a valid rubric holds: the call's settings, gates, criteria with anchored levels,
the reviewers' settings and the shortlist policy (policy lives in YAML; `kipp.rubric.load`
reads a file into these models)."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from itertools import pairwise
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from kipp.core.i18n import Text, text
from kipp.core.keys import normalize_key
from kipp.core.models import SECTION_NAMES, CallChoices, Stage
from kipp.core.validation import invalid
from kipp.rubric.settings import NoveltySettings

MEASURES = ("adaptability", "impact", "novelty")
REVIEWERS = "reviewers"
TIE_BREAK_FIELDS = ("started_on", "id")


class RubricModel(BaseModel):
    """Rubric parts reject unknown keys: a typo in policy must not pass unnoticed."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Call(RubricModel):
    """The settings of one competition call."""

    name: str = Field(min_length=1)
    deadline: date
    prior_art_cutoff: date
    min_months: int = Field(ge=0)
    min_months_pandemic: int = Field(ge=0)
    groups: list[str] = Field(min_length=1)
    categories: list[str] = Field(min_length=1)
    word_caps: dict[str, int] = Field(default_factory=dict)
    required_attachments: list[Literal["decree", "video", "evidence"]] = Field(default_factory=list)
    max_per_agency: int | None = Field(default=None, ge=1)

    @field_validator("groups", "categories")
    @classmethod
    def _normal(cls, values: list[str]) -> list[str]:
        return [normalize_key(v) for v in values]

    @field_validator("word_caps")
    @classmethod
    def _caps(cls, caps: dict[str, int]) -> dict[str, int]:
        _check_sections(list(caps))
        if any(v <= 0 for v in caps.values()):
            raise invalid("rubric.word_caps")
        return caps

    def choices(self) -> CallChoices:
        """The lists a proposal's group and category are checked against."""
        return CallChoices(groups=tuple(self.groups), categories=tuple(self.categories))


class Label(RubricModel):
    """A name or description in both output languages."""

    id: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, lang: str) -> str:
        """The text in `lang` (`id` or `en`)."""
        return self.en if lang == "en" else self.id


class GateKind(StrEnum):
    """The eligibility checks the code knows; a rubric picks and configures them."""

    MIN_AGE = "min_age"
    WORD_CAPS = "word_caps"
    REQUIRED_SECTIONS = "required_sections"
    ATTACHMENTS = "attachments"
    STAGE = "stage"
    UNIQUE_TITLE = "unique_title"
    MAX_PER_AGENCY = "max_per_agency"


class Gate(RubricModel):
    """One eligibility gate. Its figures come from `call`; `sections` and `stages` configure
    the gates that need a list."""

    id: str = Field(min_length=1)
    kind: GateKind
    label: Label
    sections: list[str] | None = None
    stages: list[Stage] | None = None

    @field_validator("kind", mode="before")
    @classmethod
    def _kind(cls, value: Any) -> Any:
        known = [k.value for k in GateKind]
        if isinstance(value, str) and value not in known:
            raise invalid("rubric.gate_kind", kind=value, known=known)
        return value

    @field_validator("sections")
    @classmethod
    def _sections(cls, sections: list[str] | None) -> list[str] | None:
        if sections is not None:
            _check_sections(sections)
        return sections


LEVELS = 5


class Source(StrEnum):
    """Who scores a criterion: its automatic measure, reviewers, or a weighted blend."""

    AUTO = "auto"
    REVIEWERS = "reviewers"
    BLEND = "blend"


class Criterion(RubricModel):
    """A weighted criterion: which measure feeds it, and how its number becomes a level.

    `thresholds` are the four scores at which levels 2, 3, 4 and 5 begin (a score exactly at a
    threshold reaches that level); `levels` describe levels 1 to 5.
    """

    id: str = Field(min_length=1)
    label: Label
    weight: float = Field(gt=0, le=1)
    measure: str
    source: Source | None = None
    reviewer_weight: float | None = Field(default=None, gt=0, lt=1)
    section: str | None = None
    thresholds: list[float] | None = None
    levels: list[Label]

    @field_validator("measure")
    @classmethod
    def _measure(cls, value: str) -> str:
        known = sorted((*MEASURES, REVIEWERS))
        if value not in known:
            raise invalid("rubric.measure", measure=value, known=known)
        return value

    @field_validator("thresholds")
    @classmethod
    def _thresholds(cls, values: list[float] | None) -> list[float] | None:
        if values is None:
            return None
        if len(values) != LEVELS - 1:
            raise invalid(
                "rubric.thresholds_count", count=len(values), needed=LEVELS - 1, levels=LEVELS
            )
        for low, high in pairwise(values):
            if not low < high:
                raise invalid("rubric.thresholds_order", low=str(low), high=str(high))
        if not (values[0] >= 0 and values[-1] <= 1):
            raise invalid("rubric.thresholds_range")
        return values

    @field_validator("levels")
    @classmethod
    def _levels(cls, values: list[Label]) -> list[Label]:
        if len(values) != LEVELS:
            raise invalid("rubric.levels_count", count=len(values), levels=LEVELS)
        return values

    @field_validator("source", mode="before")
    @classmethod
    def _source(cls, value: Any) -> Any:
        known = [s.value for s in Source]
        if isinstance(value, str) and value not in known:
            raise invalid("rubric.source", source=value, known=known)
        return value

    @model_validator(mode="after")
    def _auto_needs_thresholds(self) -> Criterion:
        if self.measure == REVIEWERS and self.source not in (None, Source.REVIEWERS):
            raise invalid(
                "rubric.reviewers_only",
                id=self.id,
                source=str(self.source),
                measures=list(MEASURES),
            )
        if self.scored_by is Source.BLEND and self.reviewer_weight is None:
            raise invalid("rubric.blend_needs_weight", id=self.id)
        if self.scored_by is not Source.BLEND and self.reviewer_weight is not None:
            raise invalid("rubric.weight_without_blend", id=self.id)
        if self.scored_by is not Source.REVIEWERS and self.thresholds is None:
            raise invalid("rubric.needs_thresholds", id=self.id, measure=self.measure)
        if self.section is not None:
            _check_sections([self.section])
        return self

    @property
    def scored_by(self) -> Source:
        """Who sets the level: the measure (`auto`), `reviewers`, or a `blend` of both.
        Without `source`, `measure: reviewers` means reviewers and a measure means auto."""
        if self.source is not None:
            return self.source
        return Source.REVIEWERS if self.measure == REVIEWERS else Source.AUTO

    @property
    def automatic(self) -> bool:
        """True when the measure alone scores it; False when reviewers take part."""
        return self.scored_by is Source.AUTO

    @property
    def reviewed(self) -> bool:
        """True when reviewers score it (alone or blended with the measure)."""
        return self.scored_by is not Source.AUTO

    @property
    def reviewer_share(self) -> float:
        """The reviewers' share of the level: 0 (auto), 1 (reviewers) or the blend weight."""
        if self.scored_by is Source.AUTO:
            return 0.0
        if self.scored_by is Source.REVIEWERS:
            return 1.0
        return self.reviewer_weight or 0.0


class ShortlistPolicy(RubricModel):
    """How many to nominate, how ties are broken, and limits per agency or category."""

    size: int = Field(ge=1)
    tie_breaks: list[str] = Field(default_factory=list)
    max_per_agency: int | None = Field(default=None, ge=1)
    max_per_category: int | None = Field(default=None, ge=1)


class Scale(RubricModel):
    """The whole-number scale reviewers score on; its points map onto levels 1 to 5 in order
    (a 0-4 scale: 0 is level 1)."""

    min: int
    max: int

    @model_validator(mode="after")
    def _five_points(self) -> Scale:
        points = self.max - self.min + 1
        if points != LEVELS:
            raise invalid("rubric.scale", min=self.min, max=self.max, points=points, levels=LEVELS)
        return self

    def level(self, score: float) -> float:
        """A score on this scale as a level (1 to 5)."""
        return score - self.min + 1

    def describe(self) -> str:
        """`1 to 5`."""
        return f"{self.min} to {self.max}"

    def range(self) -> Text:
        """`1 to 5` (`1 sampai 5`) inside a sentence."""
        return text("scale.range", min=self.min, max=self.max)


class Bootstrap(RubricModel):
    """Rank uncertainty: how many resamples of the reviews, from which seed, and the share of
    resampled ranks the interval holds."""

    iterations: int = Field(default=1000, ge=0, le=100_000)
    seed: int = 0
    interval: float = Field(default=0.9, gt=0, lt=1)


class ReviewSettings(RubricModel):
    """How reviewers score and how their scores are combined."""

    scale: Scale = Field(default_factory=lambda: Scale(min=1, max=LEVELS))
    aggregate: Literal["mean", "median"] = "mean"
    normalise: bool = False
    shrinkage: float = Field(default=5.0, ge=0)
    disagreement: float = Field(default=2.0, gt=0)
    per_proposal: int = Field(default=3, ge=1)
    blind: bool = False
    bootstrap: Bootstrap = Field(default_factory=Bootstrap)

    @model_validator(mode="after")
    def _reachable(self) -> ReviewSettings:
        span = self.scale.max - self.scale.min
        if self.disagreement > span:
            raise invalid(
                "rubric.disagreement",
                value=f"{self.disagreement:g}",
                scale=self.scale.range(),
                span=span,
            )
        return self


class Measures(RubricModel):
    """Settings of the automatic measures (the numbers themselves are computed in code)."""

    novelty: NoveltySettings = Field(default_factory=NoveltySettings)


class Rubric(RubricModel):
    """A whole rubric file."""

    id: str = Field(min_length=1)
    title: str = Field(min_length=1)
    call: Call
    gates: list[Gate] = Field(default_factory=list)
    criteria: list[Criterion] = Field(min_length=1)
    shortlist: ShortlistPolicy
    measures: Measures = Field(default_factory=Measures)
    reviews: ReviewSettings = Field(default_factory=ReviewSettings)

    @field_validator("gates")
    @classmethod
    def _unique_gates(cls, gates: list[Gate]) -> list[Gate]:
        _check_unique([g.id for g in gates], "gate")
        return gates

    @field_validator("criteria")
    @classmethod
    def _weights(cls, criteria: list[Criterion]) -> list[Criterion]:
        _check_unique([c.id for c in criteria], "criterion")
        total = sum(c.weight for c in criteria)
        if abs(total - 1) > 1e-6:
            weights = " + ".join(f"{c.weight:g}" for c in criteria)
            raise invalid("rubric.weights_sum", total=f"{total:g}", weights=weights)
        return criteria

    @field_validator("shortlist")
    @classmethod
    def _tie_breaks(cls, policy: ShortlistPolicy, info: ValidationInfo) -> ShortlistPolicy:
        if "criteria" not in info.data:
            return policy  # criteria are invalid and already reported
        criteria: list[Criterion] = info.data["criteria"]
        known = [c.id for c in criteria] + list(TIE_BREAK_FIELDS)
        for name in policy.tie_breaks:
            if name not in known:
                raise invalid("rubric.tie_break", name=name, known=known)
        return policy

    def criterion(self, criterion_id: str) -> Criterion:
        """The criterion with this id."""
        return next(c for c in self.criteria if c.id == criterion_id)

    @property
    def reviewed_criteria(self) -> list[Criterion]:
        """The criteria reviewers score (alone or blended), in rubric order."""
        return [c for c in self.criteria if c.reviewed]


def _check_sections(sections: list[str]) -> None:
    unknown = [s for s in sections if s not in SECTION_NAMES]
    if unknown:
        raise invalid("rubric.section", sections=unknown, known=list(SECTION_NAMES))


def _check_unique(ids: list[str], what: str) -> None:
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise invalid("rubric.id_twice", what=text(f"rubric.what.{what}"), ids=repeated)
