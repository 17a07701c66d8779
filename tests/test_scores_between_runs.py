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
from kipp.scoring import Scorecard

SAMPLE = Path(__file__).resolve().parents[1] / "submissions" / "mojokerto-2022"


def test_a_run_again_scores_only_the_proposals_whose_inputs_changed_and_gives_the_same_cards(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("KIPP_CACHE_DIR", str(tmp_path / "cache"))
    found = run_stages("eligible", "novelty", "rubric", batch_folder=SAMPLE)
    eligible: list[Proposal] = found["eligible"]  # type: ignore[assignment]
    novelty: dict[str, NoveltyMeasure] = found["novelty"]  # type: ignore[assignment]
    rubric: LoadedRubric = found["rubric"]  # type: ignore[assignment]
    scored: list[str] = []
    score = steps.score_proposal

    def counted(*args: object) -> Scorecard:
        scored.append("card")
        return score(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(steps, "score_proposal", counted)
    once = steps.scores(eligible, novelty, rubric)  # a process that runs once
    caching.next_run()
    first = steps.scores(eligible, novelty, rubric)  # the watch's first run
    assert len(scored) == 2 * len(eligible) and len(eligible) >= 3
    assert first == once

    caching.next_run()  # an agency mends one proposal
    mended = eligible[0].model_copy(update={"title": eligible[0].title + " Terpadu"})
    again = steps.scores([mended, *eligible[1:]], novelty, rubric)
    assert len(scored) == 2 * len(eligible) + 1
    assert again == first
    assert all(again[p.id] is first[p.id] for p in eligible[1:])

    caching.next_run()  # one proposal's novelty measure moves
    edited = [mended, *eligible[1:]]
    moved = {**novelty, eligible[1].id: novelty[eligible[1].id].model_copy(update={"score": 0.0})}
    steps.scores(edited, moved, rubric)
    assert len(scored) == 2 * len(eligible) + 2

    caching.next_run()  # the proposal as it was before its mend: its card went a run ago
    steps.scores(eligible, moved, rubric)
    assert len(scored) == 2 * len(eligible) + 3

    caching.next_run()  # another rubric: every proposal scored again
    retitled = rubric.rubric.model_copy(update={"title": rubric.rubric.title + " (revisi)"})
    steps.scores(eligible, moved, as_loaded(retitled))
    assert len(scored) == 3 * len(eligible) + 3
