"""Make the sample batch's completed scoresheets, deterministically.

Runs the same assignment `kipp assign submissions/mojokerto-2022 -k 3 --seed 2022` makes
(own agencies read through the batch's agency registry, `_agencies.yaml`), writes the
reviewers' XLSX sheets and `assignments.csv` into `_reviews/`, then fills every score as an
invented reviewer would: a judgement per proposal and criterion, a personal bias (one
reviewer harsh, one lenient, to show normalisation), and a little seeded noise.
One reviewer parts with the others on one criterion, to show the disagreement flag.

    .venv/bin/python -m bench.fill_reviews [--batch submissions/mojokerto-2022]
"""

from __future__ import annotations

import argparse
import io
import random
from pathlib import Path

import openpyxl

from kipp import pipeline
from kipp.assignment.plan import AssignPlan
from kipp.rubric import load_rubric

SEED = 2022
PER_PROPOSAL = 3
# an invented panel's view of each proposal: its typical level (1-5)
QUALITY = {
    "brantas-tuntas-smpn5": 3.4,
    "curhat-ning-ita": 3.9,
    "e-surat-setda": 3.2,
    "gelai-sang-ratu": 3.6,
    "gayatri": 4.3,
    "magis-bappeda": 3.5,
    "ngarang-biji-goodbye": 4.1,
    "sempelmas-jagalan": 4.0,
    "seruling-mas": 3.7,
    "si-mapan-rsud": 3.8,
}
BIAS = {
    "bagus-hermawan": 0.0,
    "citra-maharani": 0.5,  # lenient
    "dimas-ardiansyah": -0.9,  # harsh
    "endang-susilowati": 0.1,
    "hadi-purnomo": 0.2,
    "yuliana-safitri": -0.3,
}
# (reviewer, proposal, criterion): a reviewer who sees it very differently
OUTLIER = {("hadi-purnomo", "e-surat-setda", "sustainability"): 5}
CRITERION_SHIFT = {"background": 0.2, "implementation": 0.1, "resources": -0.2}


def fill(path: Path, rng: random.Random) -> bytes:
    """The sheet at `path` with every score filled in."""
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.worksheets[0]
    header = [c.value for c in sheet[1]]
    rubric = load_rubric().rubric
    # each criterion's column, headed by its label (by its id in sheets kipp wrote before)
    columns = {
        c.id: header.index(c.label.id if c.label.id in header else c.id)
        for c in rubric.reviewed_criteria
    }
    comment = header.index("Catatan" if "Catatan" in header else "comment")
    for row in sheet.iter_rows(min_row=2):
        reviewer, proposal = row[0].value, row[1].value
        for cid, column in columns.items():
            cell = row[column]
            forced = OUTLIER.get((str(reviewer), str(proposal), cid))
            if forced is not None:
                cell.value = forced
                continue
            level = QUALITY[str(proposal)] + BIAS[str(reviewer)] + CRITERION_SHIFT.get(cid, 0)
            cell.value = max(1, min(5, round(level + rng.uniform(-0.5, 0.5))))
        row[comment].value = "Dinilai dari teks proposal."
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch", default="submissions/mojokerto-2022")
    args = parser.parse_args()
    batch = Path(args.batch)
    out = batch / "_reviews"
    given = {
        "batch_folder": batch,
        "rubric_path": None,
        "per_proposal": PER_PROPOSAL,
        "seed": SEED,
    }
    plan = pipeline.run(("assignment",), given)["assignment"]
    assert isinstance(plan, AssignPlan)
    rng = random.Random(SEED)
    out.mkdir(parents=True, exist_ok=True)
    for name, content in sorted(plan.files.items()):
        if name.startswith("csv/"):
            continue  # the sample keeps the XLSX sheets, as reviewers returned them
        (out / name).write_bytes(content)
        if name.endswith(".xlsx"):
            (out / name).write_bytes(fill(out / name, rng))
    print(f"{len(plan.assignments)} reviews filled in {out}")


if __name__ == "__main__":
    main()
