"""`kipp validate` and `kipp schema` through the command line: reports, JSON and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from builders import (
    FORM_HEADERS,
    form_row,
    line_of,
    proposal_data,
    without_text,
    write_bytes,
    write_csv,
    write_yaml,
    yaml_text,
)
from typer.testing import CliRunner, Result

from kipp_app.cli import app


@pytest.fixture(autouse=True)
def english_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read the terminal in English (`--lang en`); Indonesian is the default."""
    monkeypatch.setenv("KIPP_LANG", "en")


def kipp(*args: str | Path) -> Result:
    return CliRunner().invoke(app, [str(a) for a in args])


def test_validate_all_valid_exits_0(batch_dir: Path) -> None:
    path = write_yaml(batch_dir, "gayatri.yaml", proposal_data(title="Gayatri"))
    result = kipp("validate", batch_dir)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"Batch {batch_dir}",
        f"  valid   {path}  gayatri  Gayatri",
        "1 proposal from 1 file: 1 valid, 0 invalid, 0 unread, 0 ignored",
    ]
    assert result.stderr == ""


def test_validate_some_invalid_exits_1_reporting_each_problem(batch_dir: Path) -> None:
    bad = write_yaml(batch_dir, "bad.yaml", proposal_data(title="MAGIS Bappeda", sdgs=19))
    good = write_yaml(batch_dir, "good.yaml", proposal_data(title="Si Mapan"))
    stray = write_bytes(batch_dir, "surat.docx", b"PK")
    write_yaml(batch_dir, "_draft.yaml", "judul: x\n")
    result = kipp("validate", batch_dir)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"Batch {batch_dir}",
        f"  invalid {bad}  bad  MAGIS Bappeda",
        f"      error: {bad}:{line_of(bad, 'sdgs:')}: sdgs: 19 is not an SDG number; use 1 to 17",
        f"  valid   {good}  good  Si Mapan",
        f"  unread  {stray}: unsupported file type '.docx'; copy its content into a .md or "
        ".yaml proposal",
        f"  ignored {batch_dir / '_draft.yaml'} (names starting with . or _ are skipped)",
        "2 proposals from 3 files: 1 valid, 1 invalid, 1 unread, 1 ignored",
    ]


def test_validate_only_unread_exits_1(batch_dir: Path) -> None:
    write_bytes(batch_dir, "foto.jpg", b"\xff\xd8\xff")
    assert kipp("validate", batch_dir).exit_code == 1


def test_validate_warnings_only_exits_0(batch_dir: Path) -> None:
    raw = yaml_text(proposal_data(agency="Dinas Pendidikan Caf\u00e9")).encode("cp1252")
    path = write_bytes(batch_dir, "p.yaml", raw)
    offset = raw.index("\u00e9".encode("cp1252"))
    result = kipp("validate", batch_dir)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[2] == (
        f"      warning: {path}: (file): not UTF-8 (invalid byte 0xe9 at offset "
        f"{offset}); read as Windows-1252: check accented letters, and save the "
        "file as UTF-8"
    )


def test_validate_spreadsheet_column_error_exits_1(batch_dir: Path) -> None:
    path = write_csv(batch_dir, "form.csv", [[*FORM_HEADERS, "judul"], [*form_row(), "x"]])
    result = kipp("validate", batch_dir)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[1] == (
        f"  error: {path}:1:N: judul: same field as column A; keep one of the two columns"
    )


def test_validate_missing_folder_exits_2(tmp_path: Path) -> None:
    result = kipp("validate", tmp_path / "tidak-ada")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"error: batch folder {tmp_path / 'tidak-ada'} does not exist",
        "hint: check the path",
    ]
    assert result.stdout == ""


def test_validate_broken_rubric_exits_2_naming_file_and_line(
    tmp_path: Path, batch_dir: Path
) -> None:
    rubric = tmp_path / "rubric.yaml"
    rubric.write_text("id: kipp-2023\ncall:\n  groups: [umum\n  name: KIPP\n", encoding="utf-8")
    result = kipp("validate", batch_dir, "--rubric", rubric)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"error: rubric {rubric} is not valid:",
        f"{rubric}:3: (file): not valid YAML: the list opened with [ here is not closed with ], "
        "or its items are not separated by commas; write for example [3, 10]",
    ]


def test_validate_missing_rubric_exits_2(tmp_path: Path, batch_dir: Path) -> None:
    result = kipp("validate", batch_dir, "--rubric", tmp_path / "tidak-ada.yaml")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"error: rubric {tmp_path / 'tidak-ada.yaml'} is not valid:",
        f"{tmp_path / 'tidak-ada.yaml'}: (file): cannot be read: No such file or directory",
    ]


def test_validate_json_report(batch_dir: Path) -> None:
    bad = write_yaml(batch_dir, "bad.yaml", proposal_data(title="MAGIS Bappeda", sdgs=19))
    good = write_yaml(batch_dir, "good.yaml", proposal_data(title="Si Mapan"))
    stray = write_bytes(batch_dir, "catatan.txt", b"catatan")
    result = kipp("validate", batch_dir, "--json")
    assert result.exit_code == 1
    report: dict[str, Any] = without_text(json.loads(result.stdout))
    assert report == {
        "batch": str(batch_dir),
        "summary": {
            "files": 3,
            "proposals": 2,
            "valid": 1,
            "invalid": 1,
            "unread": 1,
            "ignored": 0,
            "errors": 1,
            "warnings": 0,
        },
        "proposals": [
            {
                "id": "bad",
                "source": str(bad),
                "title": "MAGIS Bappeda",
                "agency": "Dinas Kesehatan",
                "status": "invalid",
                "problems": [
                    {
                        "field": "sdgs",
                        "message": "19 is not an SDG number; use 1 to 17",
                        "line": line_of(bad, "sdgs:"),
                        "column": None,
                        "severity": "error",
                    }
                ],
            },
            {
                "id": "good",
                "source": str(good),
                "title": "Si Mapan",
                "agency": "Dinas Kesehatan",
                "status": "valid",
                "problems": [],
            },
        ],
        "notices": [],
        "unread": [
            {
                "path": str(stray),
                "reason": "unsupported file type '.txt'; rename it .md with front matter, or .yaml",
            }
        ],
        "ignored": [],
    }


def test_validate_max_file_mb_option_sets_the_cap(batch_dir: Path) -> None:
    path = write_yaml(batch_dir, "p.yaml", proposal_data())
    result = kipp("validate", batch_dir, "--json", "--max-file-mb", "0.0001")
    assert result.exit_code == 1
    size = path.stat().st_size
    assert without_text(json.loads(result.stdout)["unread"]) == [
        {
            "path": str(path),
            "reason": f"file is {size / 1024:.1f} KB, over the 104 bytes limit for this kind of "
            "file; split it, or raise the limit with --max-file-mb",
        }
    ]


def test_validate_end_to_end_without_importing_prefect(batch_dir: Path) -> None:
    write_yaml(batch_dir, "p.yaml", proposal_data())
    script = textwrap.dedent(
        f"""
        import sys
        import kipp_app.cli
        code = kipp_app.cli.app(["validate", {str(batch_dir)!r}], standalone_mode=False)
        loaded = sorted(m for m in sys.modules if m == "prefect" or m.startswith("prefect."))
        print(code, loaded)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "0 []"


def test_schema_prints_json_schema_with_both_spellings() -> None:
    result = kipp("schema")
    assert result.exit_code == 0
    schema: dict[str, Any] = json.loads(result.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] == "KIPP innovation proposal"
    properties = schema["properties"]
    assert properties["title"] == {"title": "Title", "type": "string"}
    assert properties["judul"] == {
        "title": "Title",
        "type": "string",
        "description": "Indonesian for 'title'",
    }
    assert properties["group"] == {"title": "Group", "enum": ["umum", "khusus"]}
    assert properties["kategori"] == {
        "title": "Category",
        "enum": ["inklusif", "tpb", "ketahanan"],
    }
    assert {"anyOf": [{"required": ["title"]}, {"required": ["judul"]}]} in schema["allOf"]
    assert schema["additionalProperties"] is False


def test_schema_bounds_are_json_schema_keywords() -> None:
    schema = json.loads(kipp("schema").stdout)
    satisfaction = schema["$defs"]["Indicators"]["properties"]["ikm_sesudah"]
    assert satisfaction["anyOf"][0] == {"type": "number", "minimum": 0, "maximum": 100}


def test_schema_accepts_a_valid_proposal_and_refuses_a_wrong_one() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(kipp("schema").stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    assert list(validator.iter_errors(proposal_data(id="gayatri"))) == []
    wrong = proposal_data(kelompok="lainnya", indicators={"satisfaction_after": 120})
    del wrong["group"]
    assert sorted(e.message for e in validator.iter_errors(wrong)) == [
        "'lainnya' is not one of ['umum', 'khusus']",
        "120 is not valid under any of the given schemas",
    ]


def test_schema_out_writes_the_file(tmp_path: Path) -> None:
    target = tmp_path / "proposal.schema.json"
    result = kipp("schema", "--out", target)
    assert result.exit_code == 0
    assert result.stderr == f"schema written to {target}\n"
    assert json.loads(target.read_text(encoding="utf-8")) == json.loads(kipp("schema").stdout)


def test_validate_reports_broken_batch_settings_by_line_without_failing(batch_dir: Path) -> None:
    write_yaml(batch_dir, "gayatri.yaml", proposal_data(title="Gayatri"))
    settings = write_bytes(
        batch_dir, "_kumpulan.yaml", b"region: Pemerintah Kota Contoh\nchair: {nma: Sari}\n"
    )

    result = kipp("validate", batch_dir)

    assert result.exit_code == 0  # the documents name no region; the proposals are valid
    assert result.stderr.splitlines() == [
        f"{settings}:2: chair.name: required, but missing; add `name (nama):`",
        f"{settings}:2: chair.nma: unknown setting; known settings here: name, position, nip",
    ]


def test_validate_cuts_a_value_of_thousands_of_characters_on_the_terminal(batch_dir: Path) -> None:
    title = "Layanan " + "A" * 5_000
    rows = [FORM_HEADERS, form_row(title, Kategori="lainnya")]
    path = write_csv(batch_dir, "form.csv", rows)
    result = kipp("validate", batch_dir)
    lines = result.stdout.splitlines()
    assert result.exit_code == 1
    start = f"  invalid {path}#2  layanan  Layanan AAA"
    assert lines[1].startswith(start) and lines[1].endswith(f"  {title[:1_000]} [...]")
    assert max(len(line) for line in lines) < 1_200


def test_validate_reports_a_broken_agency_registry_by_line_without_failing(
    batch_dir: Path,
) -> None:
    # `kipp validate` said `_kumpulan.yaml`'s problems and not `_agencies.yaml`'s, which a run
    # then showed in the documents only
    write_yaml(batch_dir, "gayatri.yaml", proposal_data(title="Gayatri"))
    registry = write_bytes(
        batch_dir, "_agencies.yaml", b"region: Kota Contoh\nagencies:\n  - naam: Dinas Sosial\n"
    )

    result = kipp("validate", batch_dir)

    assert result.exit_code == 0  # the proposals are valid; the registry stops nothing
    assert result.stderr.splitlines() == [
        f"{registry}:3: agencies.1.name: required, but missing; add `name (nama):`",
        f"{registry}:3: agencies.1.naam: unknown setting; known settings: name, aliases, units, "
        "unit_prefixes",
    ]
