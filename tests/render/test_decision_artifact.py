"""The coordinator's decision as the Prefect artifact shows it: in the run's language, with
the time formatted and each move on its own list line."""

from __future__ import annotations

import pytest
from render_builders import full_results

from kipp.core.i18n import Lang
from kipp.documents.summaries import decision_markdown
from kipp.shortlist.approval import Decision, Direction, Move

markdown_it = pytest.importorskip("markdown_it")


def _decided(lang: Lang, note: str) -> str:
    results = full_results(lang).model_copy(
        update={
            "approval": Decision(
                decided_by="Rina Kartika",
                note=note,
                decided_at="2022-04-21T02:30:07+00:00",
                moves=[
                    Move(proposal_id="layanan-b", direction=Direction.IN, reason="melayani desa"),
                    Move(proposal_id="layanan-a", direction=Direction.OUT, reason="- selesai"),
                ],
            )
        }
    )
    return decision_markdown(results, lang)


@pytest.mark.parametrize(
    ("lang", "when"),
    # recorded in UTC, shown in the run's time zone (the sample run's: UTC+7)
    [(Lang.ID, "21 April 2022 pukul 09.30 UTC+7"), (Lang.EN, "21 April 2022 at 09:30 UTC+7")],
)
def test_decision_artifact_speaks_the_run_language_with_one_item_per_move(
    lang: Lang, when: str
) -> None:
    markdown = _decided(lang, note="cek ulang")
    blocks = markdown.rstrip("\n").split("\n\n")
    assert len(blocks) == 3  # who and when / the note / the moves
    assert "Rina Kartika" in blocks[0] and when in blocks[0]
    assert "2022-04-21T" not in markdown
    tokens = markdown_it.MarkdownIt().parse(markdown)
    assert [t.type for t in tokens].count("list_item_open") == 2


def test_decision_artifact_without_a_note_keeps_the_moves_as_a_list() -> None:
    markdown = _decided(Lang.ID, note="")
    blocks = markdown.rstrip("\n").split("\n\n")
    assert len(blocks) == 2
    assert all(line.startswith("- ") for line in blocks[1].split("\n"))


def test_no_decision_no_block() -> None:
    assert decision_markdown(full_results(Lang.ID), Lang.ID) == ""
