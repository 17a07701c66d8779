"""The files a run writes: whole or not at all, and safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from pathlib import Path

import pytest
import yaml
from builders import proposal_data, results_of

from kipp.core.i18n import Lang
from kipp.documents.outputs import (
    neutralise,
    results_json,
    results_json_chunks,
    scores_csv,
    write_atomic,
    write_run,
)
from kipp.results import Results
from kipp.rubric import load_rubric

RUBRIC = load_rubric()


def run_in_process(batch: Path, lang: Lang = Lang.ID) -> Results:
    return results_of(batch, lang)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+62 812", "'+62 812"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTab", "'\tTab"),
        ("Si Mapan", "Si Mapan"),
        (None, ""),
        (3, "3"),
    ],
)
def test_neutralise_prefixes_formula_starts(value: object, shown: str) -> None:
    assert neutralise(value) == shown


def test_formula_title_is_neutralised_in_scores_csv(tmp_path: Path) -> None:
    batch = tmp_path / "batch"
    batch.mkdir()
    data = proposal_data(title='=HYPERLINK("http://evil.example","klik")', id="formula")
    (batch / "formula.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    results = run_in_process(batch)
    text = scores_csv(results, [c.id for c in RUBRIC.rubric.criteria])
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["title"] == '\'=HYPERLINK("http://evil.example","klik")'
    assert rows[0]["status"] == "shortlisted"
    assert list(rows[0]) == [
        "id",
        "source",
        "title",
        "agency",
        "category",
        "background",
        "novelty",
        "implementation",
        "significance",
        "adaptability",
        "resources",
        "sustainability",
        "total",
        "provisional",
        "rank",
        "status",
        "reason",
    ]


def test_script_title_is_escaped_in_html(tmp_path: Path) -> None:
    batch = tmp_path / "batch"
    batch.mkdir()
    data = proposal_data(title="<script>alert(1)</script> Layanan", id="xss")
    (batch / "xss.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    paths = write_run(run_in_process(batch), RUBRIC.rubric, tmp_path / "out")
    html = (tmp_path / "out" / "shortlist.html").read_text("utf-8")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Layanan" in html
    assert [str(p.relative_to(tmp_path / "out")) for p in paths] == [
        "results.json",
        "scores.csv",
        "shortlist.md",
        "shortlist.html",
        "shortlist.pdf",
        "results.xlsx",
        "berita-acara.html",
        "berita-acara.pdf",
        "berita-acara.docx",
        "scorecards/xss.html",
        "scorecards/xss.pdf",
        "scorecards/index.html",
    ]


def test_write_atomic_replaces_whole_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out" / "results.json"
    write_atomic(target, "first")
    write_atomic(target, "second")
    assert target.read_text("utf-8") == "second"
    assert os.listdir(target.parent) == ["results.json"]


def test_write_atomic_keeps_the_old_file_when_writing_fails(tmp_path: Path) -> None:
    target = tmp_path / "scores.csv"
    write_atomic(target, "old")
    with pytest.raises(TypeError):
        write_atomic(target, 12)  # type: ignore[arg-type]
    assert target.read_text("utf-8") == "old"
    assert os.listdir(tmp_path) == ["scores.csv"]


def test_write_atomic_files_are_readable_by_others_per_umask(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        target = write_atomic(tmp_path / "shortlist.md", "x")
    finally:
        os.umask(previous)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_results_json_keeps_non_ascii_text_and_reads_back_as_the_model_dump(
    tmp_path: Path,
) -> None:
    batch = tmp_path / "batch"
    batch.mkdir()
    data = proposal_data(title="Layanan Jum'at “Sehat” \u2013 café \u00e9 ✓", id="unicode")
    (batch / "unicode.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    results = run_in_process(batch)
    text = results_json(results)
    assert "Layanan Jum'at “Sehat” \u2013 café \u00e9 ✓" in text  # UTF-8, not \\u escapes
    assert text.endswith("}\n") and text.startswith('{\n  "')
    assert json.loads(text) == results.model_dump(mode="json")
    assert text == json.dumps(results.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def test_results_json_written_a_proposal_at_a_time_is_the_whole_models_json(
    tmp_path: Path,
) -> None:
    batch = tmp_path / "batch"
    batch.mkdir()
    for i in range(3):
        data = proposal_data(title=f"Layanan Nomor {i}", id=f"layanan-{i}")
        (batch / f"layanan-{i}.yaml").write_text(yaml.safe_dump(data), "utf-8")
    (batch / "rusak.yaml").write_text("judul: [", "utf-8")
    results = run_in_process(batch)
    assert len(results.proposals) == 4  # the broken file is an invalid proposal

    chunks = list(results_json_chunks(results))

    assert len(chunks) == 6  # the head, four proposals, the tail
    assert b"".join(chunks).decode("utf-8") == results.model_dump_json(indent=2) + "\n"
    empty = results.model_copy(update={"proposals": []})
    assert results_json(empty) == empty.model_dump_json(indent=2) + "\n"
