"""The rubric: a call's settings, gates, criteria and shortlist policy, read from YAML.

Policy lives in YAML; `model` says what a valid rubric looks like, `load` reads one,
reporting every problem with its line like a proposal's, `settings` holds the measures'
settings.
"""

from kipp.rubric.load import (
    DEFAULT_RUBRIC,
    LoadedRubric,
    default_rubric_path,
    load_rubric,
    rubric_message,
)
from kipp.rubric.model import (
    LEVELS,
    MEASURES,
    REVIEWERS,
    TIE_BREAK_FIELDS,
    Bootstrap,
    Call,
    Criterion,
    Gate,
    GateKind,
    Label,
    Measures,
    ReviewSettings,
    Rubric,
    RubricModel,
    Scale,
    ShortlistPolicy,
    Source,
)

__all__ = [
    "DEFAULT_RUBRIC",
    "LEVELS",
    "MEASURES",
    "REVIEWERS",
    "TIE_BREAK_FIELDS",
    "Bootstrap",
    "Call",
    "Criterion",
    "Gate",
    "GateKind",
    "Label",
    "LoadedRubric",
    "Measures",
    "ReviewSettings",
    "Rubric",
    "RubricModel",
    "Scale",
    "ShortlistPolicy",
    "Source",
    "default_rubric_path",
    "load_rubric",
    "rubric_message",
]
