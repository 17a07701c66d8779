"""`kipp assign` as a coordinator types it: scoresheets written, refusals explained."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest
from builders import proposal_data, write_text, write_yaml
from review_builders import LABELS_EN, REGISTRY_YAML
from typer.testing import CliRunner

from kipp_app.cli import app

runner = CliRunner()
SAMPLES = Path(__file__).resolve().parents[2] / "submissions" / "mojokerto-2022"


@pytest.fixture(autouse=True)
def english_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read the terminal in English (`--lang en`); Indonesian is the default."""
    monkeypatch.setenv("KIPP_LANG", "en")


def batch(tmp_path: Path, reviewers: int = 3) -> Path:
    folder = tmp_path / "batch"
    for i, agency in enumerate(["Dinas Kesehatan", "Dinas Pendidikan", "Kelurahan Jagalan"]):
        write_yaml(folder, f"p{i}.yaml", proposal_data(agency=agency, title=f"Layanan Nomor {i}"))
    panel = "".join(f"  - {{id: r{j}, name: Juri {j}}}\n" for j in range(reviewers))
    write_text(folder, "reviewers.yaml", "reviewers:\n" + panel)
    return folder


def test_assign_writes_sheets_per_reviewer_and_the_assignment(tmp_path: Path) -> None:
    folder = batch(tmp_path)
    result = runner.invoke(app, ["assign", str(folder), "--per-proposal", "2", "--seed", "5"])
    assert result.exit_code == 0, result.output
    out = folder / "_reviews"
    assert result.stdout.splitlines() == [
        "3 eligible proposals x 2 reviewers = 6 reviews over 3 reviewers (each 2 to 2)",
        "  r0: 2",
        "  r1: 2",
        "  r2: 2",
        f"Scoresheets in {out}",
    ]
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()) == [
        "assignments.csv",
        "csv/r0.csv",
        "csv/r1.csv",
        "csv/r2.csv",
        "r0.xlsx",
        "r1.xlsx",
        "r2.xlsx",
    ]
    with (out / "assignments.csv").open(encoding="utf-8") as handle:
        assert len(list(csv.reader(handle))) == 7


def test_assign_same_seed_same_sheets(tmp_path: Path) -> None:
    folder = batch(tmp_path)
    runner.invoke(app, ["assign", str(folder), "-k", "1", "--seed", "3", "-o", str(tmp_path / "a")])
    runner.invoke(app, ["assign", str(folder), "-k", "1", "--seed", "3", "-o", str(tmp_path / "b")])
    first = (tmp_path / "a" / "assignments.csv").read_text("utf-8")
    assert first == (tmp_path / "b" / "assignments.csv").read_text("utf-8")


def test_assign_impossible_exits_2_naming_the_proposal(tmp_path: Path) -> None:
    folder = batch(tmp_path, reviewers=1)
    result = runner.invoke(app, ["assign", str(folder), "-k", "2"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "error: cannot assign reviewers: proposal 'p0' (Dinas Kesehatan) has 1 eligible "
        "reviewer of 1; 2 needed; proposal 'p1' (Dinas Pendidikan) has 1 eligible reviewer "
        "of 1; 2 needed; proposal 'p2' (Kelurahan Jagalan) has 1 eligible reviewer of 1; 2 "
        "needed",
        "hint: add reviewers from other agencies, lower --per-proposal, or drop conflicts that "
        "were declared by mistake",
    ]


def test_assign_refuses_to_overwrite_scoresheets(tmp_path: Path) -> None:
    folder = batch(tmp_path)
    write_text(folder, "_reviews/r0.xlsx", "filled in")
    result = runner.invoke(app, ["assign", str(folder), "-k", "1"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"error: {folder / '_reviews'} already holds scoresheets (1, e.g. "
        f"{folder / '_reviews' / 'r0.xlsx'})",
        "hint: keep completed sheets safe: give another --out, or --force to overwrite",
    ]


def test_assign_broken_panel_exits_2_with_its_lines(tmp_path: Path) -> None:
    folder = batch(tmp_path)
    panel = write_text(folder, "reviewers.yaml", "reviewers:\n  - id: r0\n")
    result = runner.invoke(app, ["assign", str(folder)])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[:2] == [
        f"error: panel {panel} is not valid:",
        f"{panel}:2: reviewers.1.name: required, but missing; add `name:`",
    ]


def registry_batch(tmp_path: Path) -> Path:
    """Two health office proposals under other names than its reviewer's, one from the
    education office, an agency registry, and a panel of three."""
    folder = tmp_path / "batch"
    agencies = ["Dinas Kesehatan Kota Mojokerto", "UPT Puskesmas Kedundung", "Dindikbud"]
    for i, agency in enumerate(agencies):
        write_yaml(folder, f"p{i}.yaml", proposal_data(agency=agency, title=f"Layanan Nomor {i}"))
    write_text(folder, "_agencies.yaml", REGISTRY_YAML)
    write_text(
        folder,
        "reviewers.yaml",
        "reviewers:\n  - {id: dinkes, name: Dewi, agency: Dinkes}\n"
        "  - {id: r1, name: Juri 1}\n  - {id: r2, name: Juri 2}\n",
    )
    return folder


def test_assign_reads_own_agencies_through_the_batch_registry(tmp_path: Path) -> None:
    folder = registry_batch(tmp_path)
    for seed in range(4):
        out = tmp_path / f"out{seed}"
        result = runner.invoke(
            app, ["assign", str(folder), "-k", "1", "--seed", str(seed), "-o", str(out)]
        )
        assert result.exit_code == 0, result.output
        with (out / "assignments.csv").open(encoding="utf-8") as handle:
            rows = list(csv.reader(handle))
        assert [r[1] for r in rows if r[0] == "dinkes"] == ["p2"]


def test_assign_impossible_once_the_registry_names_the_reviewers_agency(tmp_path: Path) -> None:
    folder = registry_batch(tmp_path)
    result = runner.invoke(app, ["assign", str(folder), "-k", "3"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        "error: cannot assign reviewers: proposal 'p0' (Dinas Kesehatan Kota "
        "Mojokerto) has 2 eligible reviewers of 3 (1 work at Dinas Kesehatan Kota Mojokerto); "
        "3 needed; proposal 'p1' (UPT Puskesmas Kedundung) has 2 eligible "
        "reviewers of 3 (1 work at UPT Puskesmas Kedundung); 3 needed"
    )


def test_assign_blind_writes_packets_under_codes_without_the_agencys_names(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    args = ["assign", str(SAMPLES), "--blind", "--per-proposal", "3", "--seed", "2022"]
    result = runner.invoke(app, [*args, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == (
        "10 eligible proposals x 3 reviewers = 30 reviews over 6 reviewers (each 5 to 5) "
        "(blind packets)"
    )
    with (out / "assignments.csv").open(encoding="utf-8") as handle:
        written = list(csv.DictReader(handle))
    with (SAMPLES / "_reviews" / "assignments.csv").open(encoding="utf-8") as handle:
        stored = list(csv.DictReader(handle))
    # the sample's assignment, each pair with its packet code beside it
    assert [(r["reviewer"], r["proposal"]) for r in written] == [
        (r["reviewer"], r["proposal"]) for r in stored
    ]
    codes = {r["proposal"]: r["packet"] for r in written}
    assert sorted(codes.values()) == [f"PAKET-{n:02d}" for n in range(1, 11)]
    book = openpyxl.load_workbook(out / "endang-susilowati.xlsx")
    scores = list(book.worksheets[0].iter_rows(values_only=True))
    assert scores[0] == ("Reviewer", "Proposal code", "Title", *LABELS_EN, "Comments")
    mine = ["curhat-ning-ita", "e-surat-setda", "magis-bappeda", "sempelmas-jagalan"]
    mine.append("si-mapan-rsud")
    assert [r[1] for r in scores[1:]] == sorted(codes[p] for p in mine)
    cells = [
        str(c) for sheet in book.worksheets for r in sheet.iter_rows(values_only=True) for c in r
    ]
    assert [c for c in cells if any(p in c for p in mine)] == []
    texts = list(book.worksheets[3].iter_rows(values_only=True))[1:]

    def packet(proposal: str) -> str:
        return "\n".join(str(r[2]) for r in texts if r[0] == codes[proposal])

    own = {
        "curhat-ning-ita": ["Diskominfo", "Kominfo"],
        "magis-bappeda": ["Bappeda Litbang", "Bappeda"],
        "si-mapan-rsud": ["RSUD", "Wahidin"],
        "sempelmas-jagalan": ["Jagalan", "Kranggan"],
        "e-surat-setda": ["Bagian Umum", "Sekretariat Daerah"],
    }
    shown = {p: [n for n in names if n in packet(p)] for p, names in own.items()}
    assert shown == {p: [] for p in own}
    assert packet("si-mapan-rsud").count("[instansi]") == 5
    with (out / "csv" / "endang-susilowati.csv").open(encoding="utf-8") as handle:
        assert next(csv.reader(handle)) == [
            "Reviewer",
            "Proposal code",
            "Title",
            *LABELS_EN,
            "Comments",
        ]
