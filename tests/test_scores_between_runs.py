"""Scores in a process that runs again (`kipp run --watch`): a proposal is scored again only
when its content, its novelty measure or the rubric changed."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import as_loaded, run_stages

from kipp.core import caching
from kipp.core.models import Proposal
from kipp.measures.novelty import NoveltyMeasure
from kipp.pipeline import steps
from kipp.rubric import LoadedRubric
from kipp.scoring import Scorecard, automatic_measures, score_proposal

SAMPLE = Path(__file__).resolve().parents[1] / "submissions" / "mojokerto-2022"


def fresh(
    eligible: list[Proposal], novelty: dict[str, NoveltyMeasure], rubric: LoadedRubric
) -> dict[str, Scorecard]:
    """The scorecards a new process computes."""
    settings = rubric.rubric.measures.novelty
    return {
        p.id: score_proposal(automatic_measures(p, novelty[p.id], settings), rubric.rubric)
        for p in eligible
    }


def test_a_run_again_scores_only_the_proposals_whose_inputs_changed_and_gives_the_same_cards(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("KIPP_CACHE_DIR", str(tmp_path / "cache"))
    found = run_stages("eligible", "novelty", "rubric", batch_folder=SAMPLE)
    eligible: list[Proposal] = found["eligible"]  # type: ignore[assignment]
    novelty: dict[str, NoveltyMeasure] = found["novelty"]  # type: ignore[assignment]
    rubric: LoadedRubric = found["rubric"]  # type: ignore[assignment]
    scored: list[str] = []

    def counted(*args: object) -> Scorecard:
        scored.append("card")
        return score_proposal(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(steps, "score_proposal", counted)
    once = steps.scores(eligible, novelty, rubric)  # a process that runs once
    caching.keep_between_runs()
    first = steps.scores(eligible, novelty, rubric)  # the watch's first run
    caching.run_finished()
    assert len(scored) == 2 * len(eligible) and len(eligible) >= 3
    assert first == once == fresh(eligible, novelty, rubric)

    # one proposal's content changes (its measure kept as it was: the proposal alone counts)
    mended = [eligible[0].model_copy(update={"title": eligible[0].title + " Terpadu"})]
    edited = mended + eligible[1:]
    again = steps.scores(edited, novelty, rubric)
    caching.run_finished()
    assert len(scored) == 2 * len(eligible) + 1
    assert again == fresh(edited, novelty, rubric)
    assert all(again[p.id] is first[p.id] for p in eligible[1:])

    moved = {**novelty, eligible[1].id: novelty[eligible[1].id].model_copy(update={"score": 0.0})}
    after_move = steps.scores(edited, moved, rubric)  # one proposal's novelty measure moves
    caching.run_finished()
    assert len(scored) == 2 * len(eligible) + 2
    assert after_move == fresh(edited, moved, rubric)
    assert after_move[eligible[1].id] != first[eligible[1].id]

    back = steps.scores(eligible, moved, rubric)  # the proposal before its mend: gone a run ago
    caching.run_finished()
    assert len(scored) == 2 * len(eligible) + 3
    assert back == fresh(eligible, moved, rubric)

    retitled = as_loaded(
        rubric.rubric.model_copy(update={"title": rubric.rubric.title + " (revisi)"})
    )
    other = steps.scores(eligible, moved, retitled)  # another rubric: every proposal again
    assert len(scored) == 3 * len(eligible) + 3
    assert other == fresh(eligible, moved, retitled)
