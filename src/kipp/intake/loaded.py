"""What a format loader returns for one file."""

from __future__ import annotations

from dataclasses import dataclass, field

from kipp.intake.records import RawRecord
from kipp.problems import Problem


@dataclass
class Loaded:
    """The proposals read from one file, and file-level notices (e.g. ignored columns)."""

    records: list[RawRecord]
    notices: list[Problem] = field(default_factory=list)
