"""The examples of `docs/submission-format.md` are valid proposals as they stand, as the page
says: each is written under the file name the page gives it and read."""

from __future__ import annotations

import re
from pathlib import Path

from builders import load, rendered, write_text

from kipp.core.models import CallChoices
from kipp.intake import Status

PAGE = Path(__file__).resolve().parents[1] / "docs" / "submission-format.md"
_BLOCK = re.compile(r"```\w+\n(.*?)```", re.DOTALL)
_NAME = re.compile(r"`([^`]+\.(?:yaml|md|csv))`")


def examples() -> list[tuple[str, str]]:
    """(file name, text) of every example under the page's `## Examples`: each block under
    the last file name written before it."""
    text = PAGE.read_text(encoding="utf-8")
    section = text[text.index("## Examples") : text.index("## Editor support")]
    found: list[tuple[str, str]] = []
    for block in _BLOCK.finditer(section):
        names = _NAME.findall(section[: block.start()])
        found.append((names[-1], block[1]))
    return found


def test_submission_format_examples_are_valid_proposals(
    batch_dir: Path, choices: CallChoices
) -> None:
    found = examples()
    for name, body in found:
        write_text(batch_dir, name, body)
    batch = load(batch_dir, choices)
    assert [name for name, _ in found] == [
        "layanan-antar-obat.yaml",
        "si-cepat.md",
        "ekspor-formulir.csv",
        "Formulir Usulan (Jawaban).csv",
    ]
    assert batch.unread == []
    assert sorted((e.id, e.status, rendered(e)) for e in batch.entries) == [
        ("layanan-antar-obat", Status.VALID, []),
        ("pojok-baca-pasar", Status.VALID, []),
        ("pojok-baca-pasar-rakyat", Status.VALID, []),
        ("si-cepat", Status.VALID, []),
    ]
    assert sorted(n.field for n in batch.notices) == ["Cap waktu", "Timestamp"]


def test_submission_format_google_form_example_reads_its_figures(
    batch_dir: Path, choices: CallChoices
) -> None:
    name, body = examples()[-1]
    write_text(batch_dir, name, body)
    proposal = load(batch_dir, choices).entries[0].proposal
    assert proposal is not None
    assert proposal.indicators.model_dump(exclude_none=True) == {
        "beneficiaries": 4870.0,
        "cost_before_idr": 150000.0,
        "satisfaction_after": 72.4,
    }
    assert [(r.agency, r.year) for r in proposal.replications] == [
        ("Dinas Perpustakaan Kabupaten Contoh", 2021)
    ]
