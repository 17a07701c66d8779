"""`kipp assign` never writes through a symbolic link: a scoresheet folder (`_reviews/` by
default, or `--out`) or its `csv/` that is one is refused before any work, with the fix,
exit 2, and nothing is written anywhere; a sheet already there that is a link is replaced
by `--force`, the file it points to left as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import proposal_data, write_text, write_yaml
from typer.testing import CliRunner

from kipp_app.cli import app

runner = CliRunner()


def batch(tmp_path: Path) -> Path:
    folder = tmp_path / "batch"
    for i, agency in enumerate(["Dinas Kesehatan", "Dinas Pendidikan", "Kelurahan Jagalan"]):
        write_yaml(folder, f"p{i}.yaml", proposal_data(agency=agency, title=f"Layanan Nomor {i}"))
    panel = "".join(f"  - {{id: r{j}, name: Juri {j}}}\n" for j in range(3))
    write_text(folder, "reviewers.yaml", "reviewers:\n" + panel)
    return folder


def tree(folder: Path) -> list[str]:
    """Everything under `folder`, links not followed."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def refused_en(folder: Path) -> list[str]:
    return [
        f"error: the scoresheet folder {folder} is a symbolic link; kipp never writes through "
        "a symbolic link, so nothing was written",
        "hint: replace the link with a real folder (move what the link points to into it), "
        "or give a real folder with --out",
    ]


@pytest.mark.parametrize("force", [False, True])
def test_a_linked_reviews_folder_is_refused_and_nothing_written(
    tmp_path: Path, force: bool
) -> None:
    folder = batch(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    (folder / "_reviews").symlink_to(Path("..") / "outside")
    before = tree(tmp_path)

    args = ["assign", str(folder), "--seed", "1", "--lang", "en"]
    result = runner.invoke(app, [*args, "--force"] if force else args)

    assert result.exit_code == 2
    assert result.stderr.splitlines() == refused_en(folder / "_reviews")
    assert list(outside.iterdir()) == []
    assert tree(tmp_path) == before


def test_the_refusal_in_indonesian(tmp_path: Path) -> None:
    folder = batch(tmp_path)
    (tmp_path / "outside").mkdir()
    (folder / "_reviews").symlink_to(tmp_path / "outside")

    result = runner.invoke(app, ["assign", str(folder)])

    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"kesalahan: folder lembar penilaian {folder / '_reviews'} berupa tautan simbolik; "
        "kipp tidak pernah menulis melalui tautan simbolik, sehingga tidak ada yang ditulis",
        "saran: ganti tautannya dengan folder yang sebenarnya (pindahkan ke dalamnya isi yang "
        "ditunjuk tautan itu), atau berikan folder yang sebenarnya dengan --out",
    ]
    assert list((tmp_path / "outside").iterdir()) == []


def test_a_linked_out_folder_is_refused(tmp_path: Path) -> None:
    folder = batch(tmp_path)
    (tmp_path / "elsewhere").mkdir()
    out = tmp_path / "sheets"
    out.symlink_to(tmp_path / "elsewhere")

    result = runner.invoke(app, ["assign", str(folder), "--lang", "en", "--out", str(out)])

    assert result.exit_code == 2
    assert result.stderr.splitlines() == refused_en(out)
    assert list((tmp_path / "elsewhere").iterdir()) == []
    assert not (folder / "_reviews").exists()


def test_a_linked_csv_folder_inside_is_refused(tmp_path: Path) -> None:
    folder = batch(tmp_path)
    (tmp_path / "elsewhere").mkdir()
    (folder / "_reviews").mkdir()
    (folder / "_reviews" / "csv").symlink_to(tmp_path / "elsewhere")

    result = runner.invoke(app, ["assign", str(folder), "--lang", "en", "--force"])

    assert result.exit_code == 2
    assert result.stderr.splitlines() == refused_en(folder / "_reviews" / "csv")
    assert list((tmp_path / "elsewhere").iterdir()) == []
    assert tree(folder / "_reviews") == ["csv"]


def test_a_file_in_place_of_the_folder_is_refused(tmp_path: Path) -> None:
    folder = batch(tmp_path)
    write_text(folder, "_reviews", "a note")

    result = runner.invoke(app, ["assign", str(folder), "--lang", "en"])

    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"error: the scoresheet folder {folder / '_reviews'} is not a folder (a file), so "
        "nothing was written",
        f"hint: move or remove {folder / '_reviews'}, or give another folder with --out",
    ]
    assert (folder / "_reviews").read_text() == "a note"


def test_force_replaces_linked_sheets_never_writing_through_them(tmp_path: Path) -> None:
    folder = batch(tmp_path)
    outside = tmp_path / "outside"
    kept = {
        "r0.xlsx": write_text(outside, "r0.xlsx", "completed elsewhere"),
        "assignments.csv": write_text(outside, "assignments.csv", "reviewer,proposal\n"),
        "csv/r1.csv": write_text(outside, "r1.csv", "kept"),
    }
    for name, target in kept.items():
        link = folder / "_reviews" / name
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(target)

    result = runner.invoke(app, ["assign", str(folder), "--lang", "en", "-k", "1", "--force"])

    assert result.exit_code == 0, result.output
    assert [p.read_text() for p in kept.values()] == [
        "completed elsewhere",
        "reviewer,proposal\n",
        "kept",
    ]
    for name in kept:
        written = folder / "_reviews" / name
        assert written.is_file() and not written.is_symlink()
