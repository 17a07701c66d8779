"""The batch's own files (`_kumpulan.yaml`, `_agencies.yaml`, `reviewers.yaml`, `_reviews/`
and what it holds) are not read through a symbolic link, as proposals are not, and what is
not a regular file (a folder, a device, a named pipe) is never opened: each is reported
where a settings file that cannot be read is reported, with the reason and the fix, never
passed over in silence."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
from builders import proposal_data, write_text, write_yaml
from typer.testing import CliRunner

from kipp.core.i18n import Lang, render
from kipp.core.models import CallChoices
from kipp.core.problems import Problem, Severity
from kipp.intake import load_batch
from kipp.intake.panel import PanelError, load_panel
from kipp.intake.registry import REGISTRY_FILE, load_registry
from kipp.intake.review_sheets import read_review_files
from kipp.intake.settings import SETTINGS_FILE, load_settings
from kipp_app.cli import app

T = TypeVar("T")
SAMPLE = Path(__file__).resolve().parents[2] / "submissions" / "mojokerto-2022"

LINK_EN = (
    "is a symbolic link, which kipp does not follow, so it is not read; put the file itself "
    "(not a link) in the batch folder"
)
LINK_ID = (
    "berupa tautan simbolik, yang tidak diikuti kipp, sehingga tidak dibaca; letakkan "
    "berkasnya sendiri (bukan tautan) di folder kumpulan"
)


def not_regular_en(kind: str) -> str:
    return f"is not a regular file ({kind}), so it is not read; put the file itself under this name"


def messages(problems: list[Problem], lang: Lang = Lang.EN) -> list[tuple[str, str]]:
    return [(p.path, render(p.message, lang)) for p in problems]


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the batch, where the batch's files were moved to."""
    folder = tmp_path / "outside"
    folder.mkdir()
    return folder


def moved_out(batch: Path, outside: Path, name: str) -> Path:
    """`batch/name` moved into `outside` and linked back from the batch folder."""
    target = outside / name
    shutil.move(batch / name, target)
    (batch / name).symlink_to(target)
    return batch / name


def sample(tmp_path: Path) -> Path:
    batch = tmp_path / "batch"
    shutil.copytree(SAMPLE, batch)
    return batch


def test_settings_that_are_links_are_reported_not_read(tmp_path: Path, outside: Path) -> None:
    batch = sample(tmp_path)
    settings = moved_out(batch, outside, SETTINGS_FILE)
    registry = moved_out(batch, outside, REGISTRY_FILE)

    loaded_settings = load_settings(settings)
    loaded_registry = load_registry(registry)

    assert loaded_settings is not None and loaded_settings.settings is None
    assert messages(loaded_settings.problems) == [(str(settings), LINK_EN)]
    assert messages(loaded_settings.problems, Lang.ID) == [(str(settings), LINK_ID)]
    assert loaded_settings.problems[0].severity is Severity.ERROR
    assert loaded_settings.problems[0].field == "(file)"
    assert loaded_registry is not None and loaded_registry.registry is None
    assert messages(loaded_registry.problems) == [(str(registry), LINK_EN)]


def test_a_link_pointing_nowhere_is_reported_too(batch_dir: Path, tmp_path: Path) -> None:
    settings = batch_dir / SETTINGS_FILE
    settings.symlink_to(tmp_path / "gone.yaml")

    loaded = load_settings(settings)

    assert loaded is not None and messages(loaded.problems) == [(str(settings), LINK_EN)]


def test_settings_linked_to_devices_are_refused_as_links(
    batch_dir: Path, choices: CallChoices
) -> None:
    for name, device in ((SETTINGS_FILE, "/dev/zero"), (REGISTRY_FILE, "/dev/urandom")):
        (batch_dir / name).symlink_to(device)
    (batch_dir / "reviewers.yaml").symlink_to("/dev/zero")

    batch = within(30, lambda: load_batch(batch_dir, choices))

    assert batch.settings_load is not None and batch.registry_load is not None
    assert messages(batch.settings_load.problems) == [(str(batch_dir / SETTINGS_FILE), LINK_EN)]
    assert messages(batch.registry_load.problems) == [(str(batch_dir / REGISTRY_FILE), LINK_EN)]
    assert messages(batch.reviews.problems) == [(str(batch_dir / "reviewers.yaml"), LINK_EN)]
    assert batch.reviews.panel is None and batch.reviews.panel_path is not None


def test_a_folder_named_as_a_settings_file_is_reported(batch_dir: Path) -> None:
    (batch_dir / SETTINGS_FILE).mkdir()
    (batch_dir / REGISTRY_FILE).mkdir()

    settings = load_settings(batch_dir / SETTINGS_FILE)
    registry = load_registry(batch_dir / REGISTRY_FILE)

    assert settings is not None and messages(settings.problems) == [
        (str(batch_dir / SETTINGS_FILE), not_regular_en("a folder"))
    ]
    assert messages(settings.problems, Lang.ID) == [
        (
            str(batch_dir / SETTINGS_FILE),
            "bukan berkas biasa (sebuah folder), sehingga tidak dibaca; letakkan berkasnya "
            "sendiri dengan nama ini",
        )
    ]
    assert registry is not None and messages(registry.problems) == [
        (str(batch_dir / REGISTRY_FILE), not_regular_en("a folder"))
    ]


def test_named_pipes_are_reported_never_opened(batch_dir: Path, choices: CallChoices) -> None:
    """A FIFO would block whoever opens it for reading: it is refused from its metadata."""
    write_yaml(batch_dir, "p.yaml", proposal_data())
    reviews = batch_dir / "_reviews"
    reviews.mkdir()
    pipes = [
        batch_dir / SETTINGS_FILE,
        batch_dir / REGISTRY_FILE,
        batch_dir / "reviewers.yaml",
        reviews / "assignments.csv",
        reviews / "ani.xlsx",
    ]
    for pipe in pipes:
        os.mkfifo(pipe)

    batch = within(30, lambda: load_batch(batch_dir, choices))

    pipe = not_regular_en("a named pipe")
    assert batch.settings_load is not None and batch.registry_load is not None
    assert messages(batch.settings_load.problems) == [(str(pipes[0]), pipe)]
    assert messages(batch.registry_load.problems) == [(str(pipes[1]), pipe)]
    assert messages(batch.reviews.problems) == [(str(p), pipe) for p in pipes[2:]]
    assert all(p.severity is Severity.ERROR for p in batch.reviews.problems)
    assert batch.reviews.assignments is not None and not batch.reviews.assignments.complete


def test_a_panel_named_on_the_command_line_may_be_a_link_but_not_a_pipe(
    batch_dir: Path, tmp_path: Path
) -> None:
    real = write_text(tmp_path, "panel/juri.yaml", "reviewers:\n  - {id: r0, name: Juri}\n")
    link = tmp_path / "juri-link.yaml"
    link.symlink_to(real)
    pipe = tmp_path / "juri-pipe.yaml"
    os.mkfifo(pipe)

    followed = read_review_files(batch_dir, panel=link)
    refused = within(30, lambda: _panel_error(pipe))

    assert followed.panel is not None and followed.problems == []
    assert messages(refused.problems) == [(str(pipe), not_regular_en("a named pipe"))]


def test_a_linked_reviews_folder_is_reported_and_nothing_in_it_read(
    tmp_path: Path, outside: Path
) -> None:
    batch = sample(tmp_path)
    reviews = moved_out(batch, outside, "_reviews")

    files = read_review_files(batch)

    assert files.sheets == [] and files.assignments is None
    assert messages(files.problems) == [
        (
            f"{reviews}{os.sep}",
            "is a symbolic link, which kipp does not follow, so nothing in it (scoresheets, "
            "assignments.csv) is read; replace the link with a real _reviews/ folder holding "
            "the files",
        )
    ]
    assert render(files.problems[0].message, Lang.ID) == (
        "berupa tautan simbolik, yang tidak diikuti kipp, sehingga isinya (lembar penilaian, "
        "assignments.csv) tidak dibaca; ganti tautannya dengan folder _reviews/ yang "
        "sebenarnya berisi berkas-berkas itu"
    )


def test_linked_sheets_and_assignments_in_reviews_are_reported(
    tmp_path: Path, outside: Path
) -> None:
    batch = sample(tmp_path)
    shutil.copytree(batch / "_reviews", outside / "_reviews")
    assignments = batch / "_reviews" / "assignments.csv"
    sheet = batch / "_reviews" / "bagus-hermawan.xlsx"
    for path in (assignments, sheet):
        path.unlink()
        path.symlink_to(outside / "_reviews" / path.name)

    files = read_review_files(batch)

    link = (
        "is a symbolic link, which kipp does not follow, so it is not read; put the file "
        "itself (not a link) in _reviews/"
    )
    assert messages(files.problems) == [(str(assignments), link), (str(sheet), link)]
    assert render(files.problems[1].message, Lang.ID) == (
        "berupa tautan simbolik, yang tidak diikuti kipp, sehingga tidak dibaca; letakkan "
        "berkasnya sendiri (bukan tautan) di _reviews/"
    )
    assert [p.severity for p in files.problems] == [Severity.ERROR, Severity.ERROR]
    assert files.assignments is not None and not files.assignments.complete
    assert str(sheet) not in [where for where, _ in files.sheets]
    assert len(files.sheets) == 5 and files.found_sheets


def test_a_reviews_file_in_place_of_the_folder_is_reported(batch_dir: Path) -> None:
    write_text(batch_dir, "_reviews", "not a folder")

    files = read_review_files(batch_dir)

    assert messages(files.problems) == [
        (
            f"{batch_dir / '_reviews'}{os.sep}",
            "is not a folder (a file), so no scoresheet is read; replace it with a _reviews/ "
            "folder holding the scoresheets",
        )
    ]


def test_settings_problems_reach_results_and_the_terminal(tmp_path: Path, outside: Path) -> None:
    """The channel of an unreadable `_kumpulan.yaml`: `kipp validate` prints it."""
    batch = sample(tmp_path)
    settings = moved_out(batch, outside, SETTINGS_FILE)

    result = CliRunner().invoke(app, ["validate", str(batch), "--lang", "en"])

    assert f"{settings}: (file): {LINK_EN}" in result.stderr.splitlines()


def within(seconds: float, work: Callable[[], T]) -> T:
    """`work()`, failing the test (not hanging it) when it has not returned in `seconds`:
    opening a named pipe for reading blocks until someone writes to it."""
    done: list[T] = []
    thread = threading.Thread(target=lambda: done.append(work()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert done, f"still running after {seconds} s: a named pipe was opened"
    return done[0]


def _panel_error(path: Path) -> PanelError:
    with pytest.raises(PanelError) as refused:
        load_panel(path)
    return refused.value
