"""The results name every file a run read by its sha256: the proposals, and the batch's own
files (settings, agency registry, panel, assignments, scoresheets), so that which version of
a scoresheet gave the totals can be shown afterwards."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from builders import results_of

SAMPLE = Path(__file__).resolve().parents[2] / "submissions" / "mojokerto-2022"
OWN = [
    "_kumpulan.yaml",
    "_agencies.yaml",
    "reviewers.yaml",
    "_reviews/assignments.csv",
    "_reviews/bagus-hermawan.xlsx",
    "_reviews/citra-maharani.xlsx",
    "_reviews/dimas-ardiansyah.xlsx",
    "_reviews/endang-susilowati.xlsx",
    "_reviews/hadi-purnomo.xlsx",
    "_reviews/yuliana-safitri.xlsx",
]


def test_the_results_name_the_batchs_own_files_by_the_sha256_of_the_bytes_read(
    tmp_path: Path,
) -> None:
    batch = tmp_path / "batch"
    shutil.copytree(SAMPLE, batch)
    (batch / "_reviews" / "hadi-purnomo.xlsx").unlink()  # not returned: not an input

    inputs = results_of(batch).run.inputs
    expected = [name for name in OWN if name != "_reviews/hadi-purnomo.xlsx"]
    own = inputs[-len(expected) :]  # after the proposals' files

    assert [i.path for i in own] == [str(batch / name) for name in expected]
    for item in own:
        assert item.sha256 == hashlib.sha256(Path(item.path).read_bytes()).hexdigest()
    assert not any("/_" in i.path or "reviewers" in i.path for i in inputs[: -len(expected)])
