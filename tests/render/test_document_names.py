"""The output folder's check knows every document a run writes at the folder's top: a file
kipp did not write under one of those names is refused before any work (kipp never
overwrites it), so the list must not fall behind what `write_run` writes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kipp.core.i18n import Lang
from kipp.documents.outfolder import DOCUMENTS, OWN_FOLDERS
from kipp.results import Results

SAMPLE = Path(__file__).resolve().parents[2] / "submissions" / "mojokerto-2022"


def test_every_document_a_run_writes_at_the_top_is_one_the_check_knows(
    written_run: Callable[[Path, Lang], tuple[Results, Path]],
) -> None:
    _, out = written_run(SAMPLE, Lang.ID)
    written = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert [name for name in written if name not in (*DOCUMENTS, *OWN_FOLDERS)] == []
    assert sorted(set(DOCUMENTS) - set(written)) == []  # the sample's run writes all of them
