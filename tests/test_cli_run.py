"""`kipp run` as a coordinator types it: usage errors before Prefect starts, and one real run."""

from __future__ import annotations

import errno
import importlib.util
import json
from pathlib import Path

import pytest
from builders import failing_open, kipp_run_subprocess
from typer.testing import CliRunner

from kipp_app.cli import app


@pytest.fixture(autouse=True)
def english_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read the terminal in English (`--lang en`); Indonesian is the default."""
    monkeypatch.setenv("KIPP_LANG", "en")


ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "submissions" / "mojokerto-2022"
runner = CliRunner()


def test_run_missing_batch_exits_2_before_starting_prefect(tmp_path: Path) -> None:
    result = runner.invoke(app, ["run", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"error: batch folder {tmp_path / 'nope'} does not exist or is not a folder",
        "hint: give the folder that holds the proposals",
    ]


def test_run_missing_batch_is_said_in_indonesian_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("KIPP_LANG")
    result = runner.invoke(app, ["run", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"kesalahan: folder kumpulan proposal {tmp_path / 'nope'} tidak ada atau bukan folder",
        "saran: sebutkan folder yang berisi proposal",
    ]


def test_run_on_dask_without_its_packages_says_how_to_install_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = importlib.util.find_spec

    def without_dask(name: str, *args: object) -> object:
        return None if name == "prefect_dask" else real(name, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(importlib.util, "find_spec", without_dask)
    result = runner.invoke(app, ["run", str(SAMPLE), "--dask"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "error: --dask needs the optional Dask packages, which are not installed",
        "hint: install them with `pip install 'kipp[dask]'` (in the repository: "
        "`.venv/bin/pip install -e '.[dask]'`), or run without --dask",
    ]


def test_run_broken_corpus_exits_2_naming_the_line(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.csv"
    corpus.write_text(
        "id,title,agency,region,year,award,description,source\n"
        "a,Judul A,Dinas,Kota,dua ribu,IGA,teks,sumber\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["run", str(SAMPLE), "--corpus", str(corpus)])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0].startswith("error: ")
    assert f"{corpus}:2" in result.stderr


def test_run_broken_rubric_exits_2(tmp_path: Path) -> None:
    rubric = tmp_path / "rubric.yaml"
    rubric.write_text("id: x\ntitle: [\n", encoding="utf-8")
    result = runner.invoke(app, ["run", str(SAMPLE), "--rubric", str(rubric)])
    assert result.exit_code == 2
    assert f"{rubric}:3: (file): not valid YAML" in result.stderr


def test_run_whose_corpus_read_blinks_exits_2_with_one_line_and_the_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus.csv"
    corpus.write_text("id,title\n", encoding="utf-8")
    failing_open(monkeypatch, corpus, OSError(errno.EIO, "Input/output error"))
    result = runner.invoke(app, ["run", str(SAMPLE), "--corpus", str(corpus)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"error: corpus {corpus} cannot be read right now: Input/output error",
        "hint: a disk or network share failed for a moment; run the command again",
    ]


@pytest.mark.slow
def test_kipp_run_end_to_end_in_a_subprocess(tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = kipp_run_subprocess(SAMPLE, out, tmp_path, "--lang", "en")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    start = lines.index(
        "5 shortlisted, 5 scored but not shortlisted, 4 ineligible, 3 invalid; 1 file unread"
    )
    # the files to send back to their agencies, each with its errors (each line as far as
    # the start given here: the errors' own sentences are tested elsewhere)
    expected = [
        "Files their agencies need to fix:",
        f"  invalid {SAMPLE}/ekspor-formulir-online.xlsx#4  Sambang Lansia (Sapa, Bantu, dan "
        "Dampingi Lansia yang Hidup Sendiri)",
        f"      error: {SAMPLE}/ekspor-formulir-online.xlsx:4",
        f"  invalid {SAMPLE}/salam-santun.yaml  Salam Santun (Sapa Lansia dan Disabilitas "
        "untuk Adminduk Tuntas)",
        f"      error: {SAMPLE}/salam-santun.yaml:7",
        f"      error: {SAMPLE}/salam-santun.yaml:8",
        f"  invalid {SAMPLE}/sip.md  SIP",
        f"      error: {SAMPLE}/sip.md:3",
        f"      error: {SAMPLE}/sip.md:9",
    ]
    shown = lines[start + 1 : start + 10]
    assert [line[: len(begins)] for line, begins in zip(shown, expected, strict=True)] == expected
    assert lines[start + 10].startswith(f"  unread  {SAMPLE}/surat-pengantar.docx: ")
    assert lines[start + 11] == f"Documents in {out}:"
    assert sorted(p.name for p in out.iterdir()) == [
        ".kipp-files.json",
        ".kipp.lock",
        "berita-acara.docx",
        "berita-acara.html",
        "berita-acara.pdf",
        "compliance.csv",
        "results.json",
        "results.xlsx",
        "reviews.csv",
        "scorecards",
        "scores.csv",
        "shortlist.html",
        "shortlist.md",
        "shortlist.pdf",
    ]
    results = json.loads((out / "results.json").read_text("utf-8"))
    assert results["run"]["lang"] == "en"
    assert "Traceback" not in done.stderr
