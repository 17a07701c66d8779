"""Runs writing to the same output folder take turns: the folder always holds one run's
complete set of documents, and a failed render leaves nothing behind."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from flows.staging import lock_path, locked, write_staged


def _writer(label: str) -> object:
    def write(staging: Path) -> list[Path]:
        paths = []
        for name in ("results.json", "scores.csv", "shortlist.md"):
            path = staging / name
            path.write_text(label, encoding="utf-8")
            paths.append(path)
        return paths

    return write


def _contents(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())}


def test_a_second_run_waits_for_the_first_to_finish_moving_its_documents_in(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    write_staged(_writer("A"), out)  # type: ignore[arg-type]
    moved = threading.Event()

    def second() -> None:
        write_staged(_writer("B"), out)  # type: ignore[arg-type]
        moved.set()

    with locked(lock_path(out)):  # the first run is moving its files in
        thread = threading.Thread(target=second)
        thread.start()
        time.sleep(0.3)
        assert not moved.is_set()
        assert _contents(out) == {"results.json": "A", "scores.csv": "A", "shortlist.md": "A"}
    thread.join(timeout=10)
    assert _contents(out) == {"results.json": "B", "scores.csv": "B", "shortlist.md": "B"}
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.lock", "out"]


def test_a_render_that_fails_leaves_the_previous_documents_and_no_staging(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    write_staged(_writer("A"), out)  # type: ignore[arg-type]

    def broken(staging: Path) -> list[Path]:
        (staging / "results.json").write_text("half", encoding="utf-8")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        write_staged(broken, out)
    assert _contents(out) == {"results.json": "A", "scores.csv": "A", "shortlist.md": "A"}
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.lock", "out"]
