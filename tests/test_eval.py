"""The novelty evaluation (`python -m bench.eval`) as a quality gate, on the two splits of the
hand-made set of tests/data/novelty/: on the tuning split (where every choice was made) the
flag must meet the novelty targets (AUC >= 0.97; recall >= 0.9 at precision >= 0.9), except
recall, which is held at the figure measured; on the held-out split (never tuned on) the
figures measured when the method was frozen are held, so a regression fails.
docs/novelty.md gives the figures and says which targets are missed."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from bench.eval import (
    MIN_POSITIVES,
    SPLITS,
    TARGET_AUC,
    TARGET_PRECISION,
    TARGET_RECALL,
    Compared,
    Evaluation,
    EvaluationFailed,
    compare,
    evaluate,
    load_set,
    main,
    render_comparison,
)
from kipp.rubric.settings import NoveltySettings

DATA = Path(__file__).parent / "data" / "novelty"


@cache
def result(split: str = "tuning") -> Evaluation:
    return evaluate(files=SPLITS[split], split=split)


@cache
def compared() -> tuple[Compared, ...]:
    return tuple(compare(files=SPLITS["tuning"]))


def test_tuning_split_has_enough_positive_pairs() -> None:
    assert result().positives == 60 >= MIN_POSITIVES


def test_tuning_split_auc_meets_target() -> None:
    assert result().auc >= TARGET_AUC
    assert round(result().auc, 4) == 0.9994


def test_tuning_split_flag_meets_precision_and_holds_the_recall_measured() -> None:
    got = result()
    assert got.precision >= TARGET_PRECISION
    # recall target (0.9) missed: 52 of 60 positive pairs flagged, 5 unrelated pairs flagged
    assert (len(got.missed), len(got.false_flags)) == (8, 5)
    assert (round(got.precision, 4), round(got.recall, 4)) == (0.9123, 0.8667)
    assert got.recall < TARGET_RECALL
    assert not got.passed


def test_tuning_split_replications_mostly_rank_first() -> None:
    ranks = [d["rank"] for d in result().positives_detail if d["kind"] == "prior"]
    assert (len(ranks), sum(rank == 1 for rank in ranks)) == (54, 51)


def test_heldout_split_holds_the_figures_measured_when_the_method_was_frozen() -> None:
    got = result("heldout")
    assert got.positives == 36 >= MIN_POSITIVES
    assert got.auc >= TARGET_AUC
    assert round(got.auc, 4) == 0.9811
    # precision and recall targets missed: 17 of 36 positive pairs flagged, 5 false flags
    assert (len(got.missed), len(got.false_flags)) == (19, 5)
    assert (round(got.precision, 4), round(got.recall, 4)) == (0.7727, 0.4722)


def test_kept_approach_is_the_best_compared_on_the_tuning_split() -> None:
    found = {c.name: c for c in compared()}
    kept = found["cosine + coverage (kept)"]
    assert (round(kept.auc, 4), round(kept.best_f1, 3), round(kept.recall_at_precision, 3)) == (
        0.9994,
        0.912,
        0.867,
    )
    assert kept.recall_at_precision == max(c.recall_at_precision for c in found.values())
    assert kept.best_f1 == max(c.best_f1 for c in found.values())
    assert round(found["cosine"].recall_at_precision, 3) == 0.783


def test_gate_fails_when_the_flag_is_set_too_high() -> None:
    # the gate can fail: at a flag of 0.6 most replications go unflagged
    strict = evaluate(settings=NoveltySettings(flag_similarity=0.6, review_similarity=0.3))
    assert strict.recall < TARGET_RECALL
    assert not strict.passed


def test_unknown_target_is_an_evaluation_failure(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text(
        "- id: usulan\n  title: Usulan\n  expect: {replicates: tidak-ada}\n"
        "  sections: {summary: Teks.}\n",
        encoding="utf-8",
    )
    with pytest.raises(EvaluationFailed, match="'tidak-ada' is not in the corpus"):
        evaluate(folder=tmp_path, files=["bad.yaml"])


@pytest.mark.parametrize("split", sorted(SPLITS))
def test_split_files_are_valid_proposals_with_unique_ids(split: str) -> None:
    labelled = load_set(DATA, SPLITS[split])
    assert len({p.id for p in labelled.proposals}) == len(labelled.proposals)


def test_splits_share_no_proposal() -> None:
    ids = {
        split: {p.id for p in load_set(DATA, files).proposals} for split, files in SPLITS.items()
    }
    assert ids["tuning"] & ids["heldout"] == set()
    assert (len(ids["tuning"]), len(ids["heldout"])) == (92, 54)


def test_cli_prints_the_split_asked_for_without_saving(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--no-save", "--split", "heldout", "--no-compare"]) == 0
    out = capsys.readouterr().out
    assert "Novelty evaluation, heldout split: 36 positive pairs" in out
    assert "tuning split" not in out
    assert "recall of the flag at 0.37" in out


def test_comparison_table_lists_every_approach() -> None:
    table = render_comparison(compared())
    assert table.startswith("Approaches compared on the tuning split")
    assert [line.split("  ")[0] for line in table.splitlines()[3:]] == [c.name for c in compared()]
