"""What a format loader returns for one file."""

from __future__ import annotations

from dataclasses import dataclass, field

from kipp.core.problems import Problem
from kipp.intake.records import RawRecord


@dataclass
class Loaded:
    """The proposals read from one file, and file-level notices (e.g. ignored columns)."""

    records: list[RawRecord]
    notices: list[Problem] = field(default_factory=list)
