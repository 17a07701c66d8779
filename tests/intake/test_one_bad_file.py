"""One bad file never sinks a run: a hostile file among good proposals (a name that is not
text, bytes that are not a proposal, control characters, a huge cell, wrong types, a workbook
that unpacks into a huge grid, a folder nested too deep) is reported as unread or invalid,
the pipeline runs to the documents, every document is written, and every other proposal's
result is what it is without the bad file."""

from __future__ import annotations

import io
import json
import os
import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from builders import (
    FORM_HEADERS,
    csv_text,
    form_row,
    proposal_data,
    results_of,
    run_stages,
    yaml_text,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sheet_writers import ods_repeated, xlsx_bytes

from kipp.core.i18n import Lang
from kipp.documents.outputs import results_json, scores_csv
from kipp.documents.render.html import render_html
from kipp.documents.render.markdown import render_markdown
from kipp.documents.workbook import workbook_bytes
from kipp.measures.corpus import load_corpus
from kipp.results import Results
from kipp.rubric import load_rubric

RUBRIC = load_rubric()
CORPUS = load_corpus(None)
GOOD = {
    "layanan-keliling.yaml": proposal_data(id="layanan-keliling"),
    "sekolah-daring.yaml": proposal_data(
        id="sekolah-daring",
        title="Pendaftaran Sekolah Daring",
        agency="Dinas Pendidikan",
        category="inklusif",
    ),
}

# Names a file system may hold that are not text, or not to be shown as they are.
BAD_NAMES = st.sampled_from(
    [b"caf\xe9", b"\xff\xfe", b"dinas\x1b[31m", b"nilai\x01", b"laporan\xe2\x80\xaegpj", b"ok"]
)
EXTENSIONS = st.sampled_from([".yaml", ".json", ".md", ".csv", ".xlsx", ".ods", ".xls"])


def _invalid_proposal(value: Any) -> dict[str, Any]:
    """A proposal that is surely invalid (its category is no category of the call), with a
    title and id of its own, holding `value` in its summary."""
    data = proposal_data(id="rusak", title="Judul Rusak \x01 Sekali", category=["x"])
    data["sections"] = {**data["sections"], "summary": value}
    return data


def _far_corner() -> bytes:
    data = '<row r="1"><c r="A1"><v>1</v></c></row>'
    return xlsx_bytes(data + '<row r="1048576"><c r="XFD1048576"><v>2</v></c></row>')


def _huge_cell_csv() -> bytes:
    row = form_row("Judul Rusak", Kategori="bukan kategori", Ringkasan="kata " * 30_000)
    return csv_text([FORM_HEADERS, row]).encode()


def _wrong_types_xlsx() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.append(FORM_HEADERS)
    workbook.active.append([12, True, 3.5, None, "x" * 5000, -1, 0, "?", None, None, 7, 8, -9])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


CONTENTS = st.one_of(
    st.binary(max_size=200),
    st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.sampled_from(["\x00\x01\x02", "\ud800", "x" * 3000, 12, [1, 2], None]).map(
        lambda v: yaml_text(_invalid_proposal(v)).encode("utf-8", "surrogatepass")
    ),
    st.sampled_from(["\x1b]0;judul\x07", "\ud83d"]).map(
        lambda v: json.dumps(_invalid_proposal(v)).encode()
    ),
    st.just(b"__far_corner__"),
    st.just(b"__huge_cell__"),
    st.just(b"__wrong_types__"),
    st.just(b"__ods_bomb__"),
)


def _content(kind: bytes, extension: str) -> tuple[bytes, str]:
    """What the file holds, and its extension (a workbook kind decides its own)."""
    made = {
        b"__far_corner__": (_far_corner, ".xlsx"),
        b"__huge_cell__": (_huge_cell_csv, ".csv"),
        b"__wrong_types__": (_wrong_types_xlsx, ".xlsx"),
        b"__ods_bomb__": (lambda: ods_repeated(20_000, 1_000), ".ods"),
    }
    if kind in made:
        build, forced = made[kind]
        return build(), forced
    return kind, extension


def _write_batch(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for name, data in GOOD.items():
        (folder / name).write_text(yaml_text(data), encoding="utf-8")


def _results(folder: Path) -> Results:
    return results_of(folder, Lang.ID, rubric=RUBRIC, corpus=CORPUS)


def _by_id(results: Results) -> dict[str, dict[str, Any]]:
    return {
        p.id: p.model_dump(mode="json", exclude={"source", "path"})
        for p in results.proposals
        if p.id in {d["id"] for d in GOOD.values()}
    }


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    folder = tmp_path_factory.mktemp("good") / "batch"
    _write_batch(folder)
    return _by_id(_results(folder))


def _documents(results: Results, out: Path) -> None:
    """Every text document of a run written as `write_run` writes them (the PDFs aside:
    `test_one_bad_file_documents_stage_writes_every_document` covers them once)."""
    rubric = RUBRIC.rubric
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(results_json(results), encoding="utf-8")
    json.loads((out / "results.json").read_text(encoding="utf-8"))
    criteria = [c.id for c in rubric.criteria]
    (out / "scores.csv").write_text(scores_csv(results, criteria), encoding="utf-8")
    (out / "shortlist.md").write_text(render_markdown(results, rubric, Lang.ID), encoding="utf-8")
    html = render_html(results, rubric, Lang.ID)
    (out / "shortlist.html").write_text(html, encoding="utf-8")
    (out / "results.xlsx").write_bytes(workbook_bytes(results, rubric))
    openpyxl.load_workbook(out / "results.xlsx")


PROPERTY = settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def test_one_bad_file_never_changes_the_others_results(
    tmp_path: Path, baseline: dict[str, dict[str, Any]]
) -> None:
    @PROPERTY
    @given(name=BAD_NAMES, extension=EXTENSIONS, kind=CONTENTS, deep=st.booleans())
    def run(name: bytes, extension: str, kind: bytes, deep: bool) -> None:
        folder = tmp_path / "batch"
        _write_batch(folder)
        content, suffix = _content(kind, extension)
        where = os.fsencode(folder)
        if deep:
            for _ in range(34):
                where += b"/d"
                os.mkdir(where)
        path = where + b"/" + name + suffix.encode()
        with open(path, "wb") as handle:
            handle.write(content)
        results = _results(folder)
        assert _by_id(results) == baseline
        hostile = [p for p in results.proposals if p.id not in baseline]
        assert all(p.status.value == "invalid" for p in hostile), [p.id for p in hostile]
        assert len(hostile) + len(results.unread) >= 1
        _documents(results, tmp_path / "out")
        shutil.rmtree(folder / "d", ignore_errors=True)

    run()


@pytest.mark.slow  # the PDFs: ~10 s
def test_one_bad_file_documents_stage_writes_every_document(
    tmp_path: Path, baseline: dict[str, dict[str, Any]]
) -> None:
    folder = tmp_path / "batch"
    _write_batch(folder)
    bad = yaml_text(_invalid_proposal("\x1b[2J")).encode()
    Path(os.fsdecode(os.fsencode(folder) + b"/caf\xe9\x1b[31m.yaml")).write_bytes(bad)
    out = tmp_path / "out"
    values = run_stages(
        "documents", batch_folder=folder, out=out, rubric=RUBRIC, corpus=CORPUS, lang=Lang.ID
    )
    names = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert names == [
        "berita-acara.docx",
        "berita-acara.html",
        "berita-acara.pdf",
        "results.json",
        "results.xlsx",
        "scorecards",
        "scores.csv",
        "shortlist.html",
        "shortlist.md",
        "shortlist.pdf",
    ]
    written = json.loads((out / "results.json").read_text(encoding="utf-8"))
    shown = f"{folder}/caf\\xe9\\x1b[31m.yaml"
    assert [p["source"] for p in written["proposals"] if p["id"] not in baseline] == [shown]
    assert values["documents"] is not None
