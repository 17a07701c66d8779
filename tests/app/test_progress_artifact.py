"""The progress artifact of a split stage: how often it calls the server."""

from uuid import UUID, uuid4

import pytest

from kipp.core.i18n import Lang
from kipp_app.flows import artifacts

ARTIFACT = uuid4()


@pytest.fixture
def updates(monkeypatch: pytest.MonkeyPatch) -> list[tuple[float, str]]:
    """Every update the artifact sends, as (progress, description); the server is not
    called."""
    sent: list[tuple[float, str]] = []

    def create(**_: object) -> UUID:
        return ARTIFACT

    def update(artifact: UUID, progress: float, description: str) -> None:
        assert artifact == ARTIFACT
        sent.append((progress, description))

    monkeypatch.setattr(artifacts, "create_progress_artifact", create)
    monkeypatch.setattr(artifacts, "update_progress_artifact", update)
    return sent


def test_parts_finishing_together_move_the_artifact_at_the_first_and_the_last(
    updates: list[tuple[float, str]],
) -> None:
    progress = artifacts.Progress(4, "scores", Lang.EN, every_s=3600.0)
    for _ in range(4):
        progress.step()
    assert updates == [
        (25.0, "Scoring the criteria: 1 of 4 parts done"),
        (100.0, "Scoring the criteria: 4 of 4 parts done"),
    ]


def test_parts_finishing_apart_move_the_artifact_each_time(
    updates: list[tuple[float, str]],
) -> None:
    progress = artifacts.Progress(3, "scores", Lang.ID, every_s=0.0)
    for _ in range(3):
        progress.step()
    assert [round(p, 2) for p, _ in updates] == [33.33, 66.67, 100.0]
    assert updates[0][1] == "Menilai kriteria: 1 dari 3 bagian selesai"
