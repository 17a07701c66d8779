"""Intake: read a batch folder of proposals in any supported format, and validate them."""

from kipp.intake.batch import LOADERS, Batch, InputFile, Unread, load_batch, title_key
from kipp.intake.cache import ParseCache
from kipp.intake.reading import Limits
from kipp.intake.records import Entry, Status

__all__ = [
    "LOADERS",
    "Batch",
    "Entry",
    "InputFile",
    "Limits",
    "ParseCache",
    "Status",
    "Unread",
    "load_batch",
    "title_key",
]
