"""A batch folder read once, into one value: the proposals (every file accounted for), the
agency registry, the review panel, `assignments.csv` and the returned scoresheets. Later
stages take this value; none of them reads the folder again."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kipp.core.models import CallChoices
from kipp.intake.cache import ParseCache
from kipp.intake.proposals import Intake, read_proposals
from kipp.intake.reading import Limits
from kipp.intake.registry import REGISTRY_FILE, Registry, RegistryLoad, load_registry
from kipp.intake.review_sheets import ReviewFiles, read_review_files
from kipp.intake.settings import SETTINGS_FILE, BatchSettings, SettingsLoad, load_settings


@dataclass(frozen=True)
class Batch:
    """Everything a batch folder holds for a run. `registry` is None without an
    `_agencies.yaml` (a broken one is a `RegistryLoad` with problems and no registry);
    `settings_load` likewise None without a `_kumpulan.yaml`."""

    folder: Path
    intake: Intake
    registry_load: RegistryLoad | None
    reviews: ReviewFiles
    settings_load: SettingsLoad | None = None

    @property
    def settings(self) -> BatchSettings | None:
        """The batch's valid settings (`_kumpulan.yaml`), if it has them."""
        return None if self.settings_load is None else self.settings_load.settings

    @property
    def registry(self) -> Registry | None:
        """The batch's valid agency registry, if it has one."""
        return None if self.registry_load is None else self.registry_load.registry


def load_batch(
    folder: Path,
    choices: CallChoices,
    limits: Limits | None = None,
    cache: ParseCache | None = None,
    panel: Path | None = None,
) -> Batch:
    """Read a batch folder: its proposals (through `cache` when given), its agency registry,
    its settings (`_kumpulan.yaml`), the review panel (`panel`, else `reviewers.yaml` in the
    folder) and the reviewers' files in `_reviews/`. Raises `BatchError` only when the folder
    itself is missing or not a folder; every file's own problems are reported in the value,
    among them a settings file, registry, panel, `_reviews/` or scoresheet that is a symbolic
    link (not followed, as proposals are not) or not a regular file (never opened)."""
    limits = limits or Limits()
    intake = read_proposals(folder, choices, limits, cache)
    return Batch(
        folder=folder,
        intake=intake,
        registry_load=load_registry(folder / REGISTRY_FILE),
        reviews=read_review_files(folder, limits, len(intake.entries), panel),
        settings_load=load_settings(folder / SETTINGS_FILE),
    )
