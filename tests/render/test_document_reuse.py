"""The shortlist PDF, the workbook and the minutes' PDF of a re-run are copied from the
output folder's previous run when what they show did not change: they show the run's date,
not its time, so a re-run the same day that changes nothing they show renders none of them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from render_builders import workbook_texts

from kipp.core.i18n import Lang
from kipp.documents import outputs, workbook
from kipp.documents.outputs import write_run
from kipp.documents.render import pdf
from kipp.documents.reuse import ScorecardReuse
from kipp.documents.staging import write_staged
from kipp.results import Results
from kipp.rubric import load_rubric

SAMPLE = Path(__file__).resolve().parents[2] / "submissions" / "mojokerto-2022"
RUBRIC = load_rubric()
REUSABLE = ["results.xlsx", "berita-acara.pdf", "shortlist.pdf"]


@pytest.fixture
def results(written_run: Callable[[Path, Lang], tuple[Results, Path]]) -> Results:
    return written_run(SAMPLE, Lang.ID)[0]


def _run(results: Results, out: Path, cache: Path) -> ScorecardReuse:
    reuse = ScorecardReuse.for_output(out, cache)
    write_staged(lambda staging: write_run(results, RUBRIC.rubric, staging, reuse=reuse), out)
    reuse.save()
    return reuse


def _at(results: Results, started: str, finished: str) -> Results:
    run = results.run.model_copy(update={"started_at": started, "finished_at": finished})
    return results.model_copy(update={"run": run})


def test_a_rerun_the_same_day_copies_the_documents_that_show_nothing_new(
    results: Results, tmp_path: Path
) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    first = _at(results, "2022-04-20T09:00:00+07:00", "2022-04-20T09:00:07+07:00")
    later = _at(results, "2022-04-20T15:30:00+07:00", "2022-04-20T15:30:09+07:00")
    assert _run(first, out, cache).documents_reused == []
    before = {name: (out / name).read_bytes() for name in REUSABLE}

    reuse = _run(later, out, cache)

    assert sorted(reuse.documents_reused) == sorted(REUSABLE)
    assert {name: (out / name).read_bytes() for name in REUSABLE} == before
    assert b"15:30:09" in (out / "results.json").read_bytes()  # the times are there


def test_a_reused_shortlist_pdf_is_not_waited_for(
    results: Results, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    _run(_at(results, "2022-04-20T09:00:00+07:00", "2022-04-20T09:00:07+07:00"), out, cache)
    started = outputs.pdf_in_background

    @contextmanager
    def unwaited(html: str, renderer: pdf.PdfRenderer | None = None) -> Iterator[pdf.Rendering]:
        def never() -> bytes:
            raise AssertionError("the reused PDF's child was waited for")

        with started(html, renderer) as rendering:
            yield pdf.Rendering(rendering.natives, never)

    monkeypatch.setattr(outputs, "pdf_in_background", unwaited)
    later = _run(_at(results, "2022-04-20T15:30:00+07:00", "2022-04-20T15:30:09+07:00"), out, cache)

    assert "shortlist.pdf" in later.documents_reused


@pytest.mark.slow
def test_a_rerun_on_another_day_or_with_a_changed_title_renders_them_again(
    results: Results, tmp_path: Path
) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    _run(_at(results, "2022-04-20T09:00:00+07:00", "2022-04-20T09:00:07+07:00"), out, cache)

    next_day = _run(
        _at(results, "2022-04-21T09:00:00+07:00", "2022-04-21T09:00:07+07:00"), out, cache
    )
    renamed = results.model_copy(
        update={
            "proposals": [
                results.proposals[0].model_copy(update={"title": "Judul Baru"}),
                *results.proposals[1:],
            ]
        }
    )
    edited = _run(
        _at(renamed, "2022-04-21T10:00:00+07:00", "2022-04-21T10:00:07+07:00"), out, cache
    )

    assert next_day.documents_reused == ["berita-acara.pdf"]  # dated by the meeting, not the run
    assert "results.xlsx" not in edited.documents_reused
    assert "Judul Baru" in workbook_texts(out / "results.xlsx")


def test_a_rerun_whose_only_change_is_an_input_files_digest_copies_the_workbook_and_pdf(
    results: Results, tmp_path: Path
) -> None:
    # a word edited in a proposal's text that moves none of its results: only the file's
    # digest differs, which the workbook and the shortlist PDF do not show
    out, cache = tmp_path / "out", tmp_path / "cache"
    first = _at(results, "2022-04-20T09:00:00+07:00", "2022-04-20T09:00:07+07:00")
    _run(first, out, cache)
    inputs = [
        first.run.inputs[0].model_copy(update={"sha256": "0" * 64}),
        *first.run.inputs[1:],
    ]
    edited = first.model_copy(update={"run": first.run.model_copy(update={"inputs": inputs})})

    reuse = _run(edited, out, cache)

    assert sorted(reuse.documents_reused) == sorted(REUSABLE)
    assert "0" * 64 in (out / "results.json").read_text(encoding="utf-8")
    assert "0" * 64 in (out / "shortlist.html").read_text(encoding="utf-8")


def test_a_rerun_that_changes_only_what_the_workbook_does_not_show_copies_the_workbook(
    results: Results, tmp_path: Path
) -> None:
    # a criterion's evidence sentence: results.json and the scorecards show it, the workbook
    # does not (it has the scores)
    out, cache = tmp_path / "out", tmp_path / "cache"
    first = _at(results, "2022-04-20T09:00:00+07:00", "2022-04-20T09:00:07+07:00")
    _run(first, out, cache)
    before = (out / "results.xlsx").read_bytes()
    at = next(i for i, p in enumerate(first.proposals) if p.criteria)
    scored = first.proposals[at]
    assert scored.criteria is not None
    name, criterion = next(iter(scored.criteria.items()))
    changed = criterion.model_copy(update={"evidence": "Bukti yang ditulis ulang."})
    criteria = {**scored.criteria, name: changed}
    proposals = list(first.proposals)
    proposals[at] = scored.model_copy(update={"criteria": criteria})
    edited = first.model_copy(update={"proposals": proposals})

    reuse = _run(edited, out, cache)

    assert "results.xlsx" in reuse.documents_reused
    assert (out / "results.xlsx").read_bytes() == before
    assert "Bukti yang ditulis ulang." in (out / "results.json").read_text(encoding="utf-8")


def test_a_workbook_written_by_the_runs_worker_is_copied_when_it_shows_nothing_new(
    results: Results, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a run large enough for the workbook's worker process: the worker starts before
    # results.json is written, and its workbook is copied all the same
    monkeypatch.setattr(workbook, "WORKER_FROM", 1)
    monkeypatch.setattr(workbook, "default_workers", lambda: 2)
    out, cache = tmp_path / "out", tmp_path / "cache"
    _run(_at(results, "2022-04-20T09:00:00+07:00", "2022-04-20T09:00:07+07:00"), out, cache)
    before = (out / "results.xlsx").read_bytes()

    later = _run(_at(results, "2022-04-20T15:30:00+07:00", "2022-04-20T15:30:09+07:00"), out, cache)

    assert "results.xlsx" in later.documents_reused
    assert (out / "results.xlsx").read_bytes() == before
