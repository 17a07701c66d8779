"""A proposal can never take the name of a file kipp writes for itself in `scorecards/`."""

from __future__ import annotations

from pathlib import Path

from builders import proposal_data, results_of, write_yaml

from kipp.documents.outputs import write_scorecards
from kipp.rubric import load_rubric


def test_a_proposal_whose_id_is_index_gets_its_own_scorecard_beside_the_index(
    batch_dir: Path, tmp_path: Path
) -> None:
    write_yaml(batch_dir, "index.yaml", proposal_data(id="index", title="Indeks Layanan"))
    results = results_of(batch_dir)
    out = tmp_path / "out"

    written = write_scorecards(results, load_rubric().rubric, out, pdf=False)

    assert [p.name for p in written] == ["index-2.html", "index.html"]
    assert "Indeks Layanan" in (out / "scorecards" / "index-2.html").read_text("utf-8")
    assert 'href="index-2.html"' in (out / "scorecards" / "index.html").read_text("utf-8")
