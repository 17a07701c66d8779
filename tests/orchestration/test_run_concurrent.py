"""Two runs on the same batch into the same folder at once: the folder ends with the complete
documents of one of them, never a mixture."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from prefect.client.orchestration import get_client
from prefect.client.schemas.objects import FlowRun

from orchestration.helpers import SAMPLE, child_run, finish

pytestmark = pytest.mark.slow

MARKS = {"id": "Masuk daftar pendek: peringkat", "en": "Shortlisted: ranked"}


def test_two_runs_at_once_leave_one_complete_set_of_documents(tmp_path: Path) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    runs = [child_run(SAMPLE, out, cache, lang) for lang in ("id", "en")]
    for run in runs:
        finish(run)
    lang = json.loads((out / "results.json").read_text(encoding="utf-8"))["run"]["lang"]
    other = "en" if lang == "id" else "id"
    for name in ("scores.csv", "shortlist.md", "shortlist.html", "results.json"):
        text = (out / name).read_text(encoding="utf-8")
        assert MARKS[lang] in text, name
        assert MARKS[other] not in text, name
    assert f'<html lang="{lang}">' in (out / "shortlist.html").read_text(encoding="utf-8")
    index = (out / "scorecards" / "index.html").read_text(encoding="utf-8")
    assert f'<html lang="{lang}">' in index  # the scorecards belong to the same run
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "out"]  # nothing beside
    first, second = _runs_into(out)
    assert first.start_time is not None and second.start_time is not None
    assert first.end_time is not None and second.end_time is not None
    # the runs really overlapped: each started before the other ended
    assert first.start_time < second.end_time and second.start_time < first.end_time


def _runs_into(out: Path) -> list[FlowRun]:
    with get_client(sync_client=True) as client:
        runs = client.read_flow_runs(limit=200)
    mine = [r for r in runs if r.parameters.get("params", {}).get("out") == str(out)]
    assert len(mine) == 2, [r.parameters for r in runs]
    return mine
