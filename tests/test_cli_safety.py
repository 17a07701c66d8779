"""What the command line refuses before doing any work, and what it never prints: an output
folder that would mix with the batch, an empty batch, control sequences from the inputs."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import proposal_data, write_yaml
from typer.testing import CliRunner

from kipp_app.cli import app

runner = CliRunner()


@pytest.fixture(autouse=True)
def english_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read the terminal in English (`--lang en`); Indonesian is the default."""
    monkeypatch.setenv("KIPP_LANG", "en")


def test_run_into_its_own_batch_folder_exits_2_before_anything_starts(batch_dir: Path) -> None:
    write_yaml(batch_dir, "p.yaml", proposal_data())
    result = runner.invoke(app, ["run", str(batch_dir), "--out", str(batch_dir)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"error: the output folder {batch_dir} is inside the batch folder {batch_dir}",
        "hint: write the documents outside the batch folder, e.g. --out outputs/batch-name",
    ]
    assert sorted(p.name for p in batch_dir.iterdir()) == ["p.yaml"]


def test_run_into_a_file_exits_2_naming_it(batch_dir: Path, tmp_path: Path) -> None:
    write_yaml(batch_dir, "p.yaml", proposal_data())
    out = tmp_path / "hasil.pdf"
    out.write_bytes(b"%PDF")
    result = runner.invoke(app, ["run", str(batch_dir), "--out", str(out)])
    assert result.exit_code == 2
    assert (
        result.stderr.splitlines()[0] == f"error: the output folder {out} is a file, not a folder"
    )
    assert out.read_bytes() == b"%PDF"


def test_validate_of_an_empty_folder_says_so_and_exits_1(batch_dir: Path) -> None:
    result = runner.invoke(app, ["validate", str(batch_dir)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"There is no proposal in {batch_dir}: check that this is the right folder, and that "
        "its files are .yaml, .json, .md, .csv or .xlsx."
    ]


def test_validate_of_a_folder_without_a_proposal_says_so_and_exits_1(batch_dir: Path) -> None:
    (batch_dir / "surat.docx").write_bytes(b"PK")
    result = runner.invoke(app, ["validate", str(batch_dir)])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1].startswith(f"There is no proposal in {batch_dir}:")


def test_validate_removes_control_characters_of_a_title_and_warns(batch_dir: Path) -> None:
    title = "MAGIS \x1b[2J\x1b]0;owned\x07 Mojokerto"
    path = write_yaml(batch_dir, "magis.yaml", proposal_data(title=title))
    result = runner.invoke(app, ["validate", str(batch_dir)])
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert result.stdout.splitlines()[1:3] == [
        f"  valid   {path}  magis  MAGIS [2J]0;owned Mojokerto",
        f"      warning: {path}:1: title: held 3 control characters (invisible, often pasted "
        "from another program), which no document can hold; removed, check the text",
    ]
