"""Intake: read a batch folder (proposals in any supported format, the agency registry, the
review panel and the reviewers' files) once, and validate what it holds."""

from kipp.intake.cache import ParseCache
from kipp.intake.folder import Batch, load_batch
from kipp.intake.own_files import InputFile
from kipp.intake.parsing import LOADERS
from kipp.intake.proposals import Intake, Unread, read_proposals, title_key
from kipp.intake.reading import Limits
from kipp.intake.records import Entry, Status

__all__ = [
    "LOADERS",
    "Batch",
    "Entry",
    "InputFile",
    "Intake",
    "Limits",
    "ParseCache",
    "Status",
    "Unread",
    "load_batch",
    "read_proposals",
    "title_key",
]
