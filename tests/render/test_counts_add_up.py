"""The shortlist's and the minutes' counts of files and proposals add up: a file that holds
no proposal (unread) is counted apart from the files that hold them."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path

from kipp.core.i18n import Lang
from kipp.results import Results

SAMPLE = Path(__file__).resolve().parents[2] / "submissions" / "mojokerto-2022"


def _text(path: Path) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", path.read_text("utf-8"))).split())


def test_the_shortlist_counts_the_unread_file_apart_from_the_files_holding_proposals(
    written_run: Callable[[Path, Lang], tuple[Results, Path]],
) -> None:
    results, out = written_run(SAMPLE, Lang.ID)
    summary = results.summary
    assert (summary.files, summary.unread, summary.proposals) == (16, 1, 17)
    assert "17 proposal dari 15 berkas, dan 1 berkas tidak terbaca; 10 di antaranya dinilai." in (
        _text(out / "shortlist.html")
    )
