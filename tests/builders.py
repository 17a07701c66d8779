"""Builders for the test suite: a valid proposal, files in every supported format, and small
helpers to read a batch's result.

Import them from here (`from builders import proposal_data`), not from `conftest`: pytest
imports every folder's conftest.py under the same module name `conftest` (outside packages),
so `from conftest import ...` picks up whichever was loaded last once there are two.
"""

from __future__ import annotations

import builtins
import csv
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from kipp import pipeline
from kipp.assignment.plan import AssignPlan
from kipp.core.i18n import Lang, Text, render
from kipp.core.models import SECTION_NAMES, CallChoices, Proposal
from kipp.intake import Batch, Entry, Intake, Limits, read_proposals
from kipp.intake.registry import (
    REGISTRY_FILE,
    AgencyOf,
    Registry,
    RegistryLoad,
    load_registry,
    registry_matcher,
)
from kipp.intake.review_sheets import ReviewFiles, read_review_files
from kipp.measures.corpus import Corpus
from kipp.pipeline import Values
from kipp.results import Results
from kipp.results.assessment import Assessment
from kipp.reviews.ingest import reviews_of
from kipp.reviews.models import ReviewSet
from kipp.rubric import LoadedRubric, Rubric

# The choices of the bundled KIPP 2022 rubric, spelled out so a test reads on its own.
GROUPS = ("umum", "khusus")
CATEGORIES = ("inklusif", "tpb", "ketahanan")


class _Drop:
    """Marker for `proposal_data(key=DROP)`: leave the key out."""

    def __repr__(self) -> str:
        return "DROP"


DROP: Any = _Drop()


def proposal_data(**overrides: Any) -> dict[str, Any]:
    """A valid proposal as canonical keys and plain values (what a YAML file holds).

    `id` is left out, so it defaults to the file name; pass `id=...` to set it, and
    `key=DROP` to leave a key out.
    """
    data: dict[str, Any] = {
        "title": "Layanan Kesehatan Keliling",
        "agency": "Dinas Kesehatan",
        "region": "Kota Mojokerto",
        "group": "umum",
        "category": "tpb",
        "sdgs": [3, 10],
        "started_on": "2019-07-01",
        "pandemic_related": False,
        "stage": "penerapan",
        "digital": True,
        "innovators": [
            {
                "name": "Sri Wahyuni",
                "role": "Kepala Seksi Pelayanan",
                "email": "sri.wahyuni@example.go.id",
                "phone": "0812-3456-7890",
            }
        ],
        "prior_awards": [{"competition": "Top 45 KIPP Jawa Timur", "year": 2021, "level": "top45"}],
        "sections": {name: f"Teks bagian {name} proposal ini." for name in SECTION_NAMES},
        "indicators": {"beneficiaries": 1200, "service_time_before_hours": 48},
        "replications": [
            {"agency": "Dinas Kesehatan", "region": "Kabupaten Jombang", "year": 2021}
        ],
        "attachments": {
            "decree": "sk-kepala-dinas.pdf",
            "video": "https://example.org/video",
            "evidence": ["foto-layanan.jpg"],
        },
    }
    for key, value in overrides.items():
        if value is DROP:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def yaml_text(data: Any) -> str:
    """`data` as block-style YAML, keys in the given order."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False)


def write_bytes(folder: Path, name: str, content: bytes) -> Path:
    """Write raw bytes as `folder/name` (creating subfolders)."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


def write_text(folder: Path, name: str, text: str) -> Path:
    """Write UTF-8 text as `folder/name`, newlines as given."""
    return write_bytes(folder, name, text.encode("utf-8"))


def write_yaml(folder: Path, name: str, data: Any) -> Path:
    """A YAML proposal: text is written as is, anything else dumped as YAML."""
    return write_text(folder, name, data if isinstance(data, str) else yaml_text(data))


def write_json(folder: Path, name: str, data: Any) -> Path:
    """A JSON proposal: text is written as is, anything else dumped as indented JSON."""
    text = data if isinstance(data, str) else json.dumps(data, indent=2, ensure_ascii=False)
    return write_text(folder, name, text)


def md_text(front: dict[str, Any] | str, sections: dict[str, str] | str = "") -> str:
    """A Markdown proposal: front matter, then one `## Heading` block per section."""
    front_text = front if isinstance(front, str) else yaml_text(front)
    if isinstance(sections, str):
        body = sections
    else:
        body = "".join(f"## {heading}\n\n{text}\n\n" for heading, text in sections.items())
    return f"---\n{front_text}---\n\n{body}"


MD_SECTIONS = {
    "Ringkasan": "Ringkasan inovasi.",
    "Latar Belakang dan Tujuan": "Latar belakang inovasi.",
    "Kebaruan / Nilai Tambah": "Kebaruan inovasi.",
    "Implementasi Inovasi": "Implementasi inovasi.",
    "Signifikansi": "Signifikansi inovasi.",
    "Adaptabilitas": "Adaptabilitas inovasi.",
    "Sumber Daya": "Sumber daya inovasi.",
    "Strategi Keberlanjutan": "Keberlanjutan inovasi.",
}


def write_md(
    folder: Path,
    name: str,
    front: dict[str, Any] | str | None = None,
    sections: dict[str, str] | str | None = None,
) -> Path:
    """A Markdown proposal; by default a valid one with every section as a heading."""
    if front is None:
        front = proposal_data(sections=DROP)
    return write_text(folder, name, md_text(front, MD_SECTIONS if sections is None else sections))


def csv_text(rows: Sequence[Sequence[Any]], delimiter: str = ",") -> str:
    """Rows as CSV text with Windows line endings, as spreadsheet programs export it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerows(rows)
    return buffer.getvalue()


def write_csv(folder: Path, name: str, rows: Sequence[Sequence[Any]], delimiter: str = ",") -> Path:
    """A CSV export: the first row holds the headers."""
    return write_text(folder, name, csv_text(rows, delimiter))


def write_xlsx(
    folder: Path,
    name: str,
    rows: Sequence[Sequence[Any]],
    *,
    sheet: str = "Form Responses 1",
    more_sheets: dict[str, Sequence[Sequence[Any]]] | None = None,
) -> Path:
    """An XLSX export built with openpyxl: `rows` on the first sheet, headers first."""
    workbook = openpyxl.Workbook()
    first = workbook.active
    first.title = sheet
    for row in rows:
        first.append(list(row))
    for title, other_rows in (more_sheets or {}).items():
        other = workbook.create_sheet(title)
        for row in other_rows:
            other.append(list(row))
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


# Spreadsheet headers as an Indonesian form export writes them, and a row that fills them
# with a valid proposal.
FORM_HEADERS = [
    "Judul",
    "Instansi",
    "Kelompok",
    "Kategori",
    "TPB",
    "Tanggal Mulai",
    "Tahapan",
    "Digital",
    "Ringkasan",
    "Kebaruan",
    "inovator.1.nama",
    "inovator.1.email",
    "Penerima Manfaat",
]


def form_row(title: str = "Layanan Kesehatan Keliling", **cells: Any) -> list[Any]:
    """A valid row under `FORM_HEADERS`; `cells` replace values by header."""
    values: dict[str, Any] = {
        "Judul": title,
        "Instansi": "Dinas Kesehatan",
        "Kelompok": "umum",
        "Kategori": "tpb",
        "TPB": "3, 10",
        "Tanggal Mulai": "1 Juli 2019",
        "Tahapan": "penerapan",
        "Digital": "ya",
        "Ringkasan": "Ringkasan inovasi.",
        "Kebaruan": "Kebaruan inovasi.",
        "inovator.1.nama": "Sri Wahyuni",
        "inovator.1.email": "sri.wahyuni@example.go.id",
        "Penerima Manfaat": "1.200",
    }
    values.update(cells)
    return [values[h] for h in FORM_HEADERS]


def rendered(entry: Entry) -> list[str]:
    """An entry's problems as users read them."""
    return [p.render() for p in entry.problems]


def only_entry(batch: Intake) -> Entry:
    """The single entry of a one-proposal batch (fails when there is not exactly one)."""
    assert batch.unread == []
    assert len(batch.entries) == 1, [e.source for e in batch.entries]
    return batch.entries[0]


def line_of(path: Path, text: str) -> int:
    """The 1-based line of the first line of a file that starts with `text`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if line.lstrip().startswith(text))


def load(folder: Path, choices: CallChoices, limits: Limits | None = None) -> Intake:
    """`read_proposals`, spelled short."""
    return read_proposals(folder, choices, limits)


def failing_open(monkeypatch: pytest.MonkeyPatch, path: Path, error: OSError) -> None:
    """Opening `path` raises `error` (every other file opens as usual); `Path.open` opens
    through `io.open`, the same function as the built-in."""
    real = io.open

    def refuse(file: Any, *args: Any, **kwargs: Any) -> Any:
        if not isinstance(file, int) and os.fspath(file) == str(path):  # not a descriptor
            raise error
        return real(file, *args, **kwargs)

    monkeypatch.setattr(io, "open", refuse)
    monkeypatch.setattr(builtins, "open", refuse)


def required_tool(names: Sequence[str], package: str) -> str:
    """The path of the first of `names` on PATH (a system tool a check needs). Where none is,
    the test is skipped with the reason, except under CI (`CI=true`): `.ci/run` installs the
    Debian `package`, so there a missing tool fails the check instead of hiding it."""
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    reason = f"{names[0]} is not installed (apt-get install {package})"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason}; CI installs it (.ci/run), so CI=true does not skip this check")
    pytest.skip(f"{reason}; CI installs it")


def kipp_run_subprocess(
    batch: Path, out: Path, home: Path, *options: str, verbose: bool = False
) -> subprocess.CompletedProcess[str]:
    """`python -m kipp_app run BATCH --out OUT [options]` as a coordinator runs it: in its own
    process, on the embedded server (no PREFECT_API_URL), with its Prefect home and cache
    under `home`; `verbose`: `kipp -v run`, Prefect's run log on stderr."""
    env = {**os.environ, "PREFECT_HOME": str(home / "prefect"), "DO_NOT_TRACK": "1"}
    env["KIPP_CACHE_DIR"] = str(home / "cache")
    env.pop("PREFECT_API_URL", None)
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "kipp_app",
            *(["-v"] if verbose else []),
            "run",
            str(batch),
            "--out",
            str(out),
            *options,
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).resolve().parents[1],
        timeout=300,
        check=False,
    )


def as_loaded(rubric: Rubric) -> LoadedRubric:
    """A rubric made or changed in a test, as the pipeline takes a rubric read from a file
    (its sha256 is that of its canonical JSON)."""
    content = rubric.model_dump_json().encode()
    return LoadedRubric(rubric=rubric, path="(test)", sha256=hashlib.sha256(content).hexdigest())


def run_stages(*outputs: str, **given: object) -> Values:
    """The pipeline's stages up to `outputs` in this process, from the `given` values; the
    bundled rubric and corpus unless given, documents in Indonesian, started at a fixed
    time."""
    defaults: dict[str, object] = {
        "rubric_path": None,
        "corpus_path": None,
        "lang": Lang.ID,
        "size": None,
        "started": "2022-04-20T00:00:00+00:00",
    }
    if isinstance(given.get("rubric"), Rubric):
        given["rubric"] = as_loaded(given["rubric"])  # type: ignore[arg-type]
    return pipeline.run(outputs, defaults | given)


def batch_of(intake: Intake, registry: Registry | None = None) -> Batch:
    """A batch holding `intake`'s proposals (and `registry`), without reviewers' files."""
    folder = Path(intake.folder)
    load = None if registry is None else RegistryLoad(path="", registry=registry, problems=[])
    nothing = ReviewFiles(
        expected_panel=str(folder / "reviewers.yaml"),
        panel_path=None,
        panel=None,
        assignments_path=str(folder / "_reviews" / "assignments.csv"),
        assignments=None,
        sheets=[],
        found_sheets=False,
        problems=[],
    )
    return Batch(folder, intake, load, nothing)


def assess(
    intake: Intake,
    rubric: Rubric,
    corpus: Corpus,
    size: int | None = None,
    reviews: ReviewSet | None = None,
    registry: Registry | None = None,
) -> Assessment:
    """What the pipeline concludes of `intake`'s proposals, with the reviews and agency
    registry given (none by default)."""
    values = run_stages(
        "uncertainty",
        batch=batch_of(intake, registry),
        rubric=rubric,
        corpus=corpus,
        size=size,
        reviews=reviews or ReviewSet(),
    )
    return Assessment(
        gates=values["gates"],
        novelty=values["novelty"],
        scorecards=values["scorecards"],
        placements=values["placements"],
        reviews=values["reviews"],
        uncertainty=values["uncertainty"],
    )


def load_reviews(
    folder: Path,
    rubric: Rubric,
    proposals: Sequence[Proposal],
    agency_of: AgencyOf | None = None,
    limits: Limits | None = None,
    set_aside: Sequence[str] = (),
) -> ReviewSet:
    """The reviewers' files of `folder` read as intake reads them (under `limits`), checked
    against `proposals` and aggregated as the pipeline's reviews stage does (`set_aside`:
    the batch's proposals not scored in this run)."""
    files = read_review_files(folder, limits, len(proposals))
    return reviews_of(files, rubric, proposals, agency_of, set_aside=set_aside)


def results_of(folder: Path, lang: Lang = Lang.ID, **given: object) -> Results:
    """The results of a run of `folder` in `lang`, as `kipp run` builds them, finished at a
    fixed time under the code version `test` (so documents render the same every run)."""
    results: Results = run_stages("results", batch_folder=folder, lang=lang, **given)["results"]  # type: ignore[assignment]
    run = results.run.model_copy(
        update={"finished_at": "2022-04-20T00:00:01+00:00", "code_version": "test"}
    )
    return results.model_copy(update={"run": run})


def plan_of(folder: Path, rubric: Rubric | None = None, **options: object) -> AssignPlan:
    """The reviewer assignment of `folder` as `kipp assign` plans it (the pipeline up to
    the assignment), with the given rubric and options (`per_proposal`, `seed`, `blind`,
    `panel_path`, `lang`)."""
    given: dict[str, object] = {"batch_folder": folder, **options}
    if rubric is not None:
        given["rubric"] = rubric
    plan: AssignPlan = run_stages("assignment", **given)["assignment"]  # type: ignore[assignment]
    return plan


def said(item: Text | str | None, lang: Lang = Lang.EN) -> str:
    """A catalogue sentence (an error's message or hint, a problem's message) as a person
    reads it in `lang`; a plain string as it is; None as ""."""
    if item is None:
        return ""
    return item if isinstance(item, str) else render(item, lang)


def without_text(data: Any) -> Any:
    """A JSON report (results.json, `kipp validate --json`) without the catalogue `text` of
    its problems and unread files, each checked first to render as the English sentence
    beside it (`message` or `reason`)."""
    if isinstance(data, list):
        return [without_text(item) for item in data]
    if not isinstance(data, dict):
        return data
    if "text" in data:
        sentence = data.get("message", data.get("reason"))
        assert render(Text.model_validate(data["text"]), Lang.EN) == sentence
    return {key: without_text(value) for key, value in data.items() if key != "text"}


def agency_matcher(batch_folder: Path) -> AgencyOf | None:
    """The agency matcher of a batch folder's registry, as the pipeline builds it from the
    batch it read (None without a usable `_agencies.yaml`)."""
    loaded = load_registry(batch_folder / REGISTRY_FILE)
    return registry_matcher(None if loaded is None else loaded.registry)
