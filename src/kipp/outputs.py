"""Writing a run's files: whole or not at all, spreadsheets safe from formula injection."""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from pathlib import Path

from kipp.render.html import render_html
from kipp.render.markdown import render_markdown
from kipp.results import Results
from kipp.rubric import Rubric

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def write_atomic(path: Path, content: str | bytes) -> Path:
    """Write to a temporary file beside `path`, then rename over it: a crash never leaves a
    half-written file that looks finished."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes 0600; documents are shared
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def results_json(results: Results) -> str:
    """`results.json`: stable key order and formatting, so two runs diff cleanly."""
    return json.dumps(results.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def neutralise(value: object) -> str:
    """A cell a spreadsheet will show as text, never run as a formula (`=HYPERLINK(...)`)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def scores_csv(results: Results, criteria: list[str]) -> str:
    """`scores.csv`: one row per proposal, one column per criterion level, then total, rank,
    status (machine value) and the reason (in the run's language). Every cell is neutralised
    against formula injection."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    header = [
        "id",
        "source",
        "title",
        "agency",
        "category",
        *criteria,
        "total",
        "provisional",
        "rank",
        "status",
        "reason",
    ]
    writer.writerow(header)
    for p in results.proposals:
        levels = [
            "" if p.criteria is None or p.criteria[c].level is None else p.criteria[c].level
            for c in criteria
        ]
        row = [
            p.id,
            p.source,
            p.title,
            p.agency,
            p.category,
            *levels,
            "" if p.total is None else f"{p.total:.2f}",
            "" if p.provisional is None else str(p.provisional).lower(),
            "" if p.rank is None else p.rank,
            p.status.value,
            p.reason,
        ]
        writer.writerow([neutralise(cell) for cell in row])
    return buffer.getvalue()


def write_run(results: Results, rubric: Rubric, out_dir: Path) -> list[Path]:
    """Write the run's four files into `out_dir`, each atomically; return their paths."""
    lang = results.run.lang
    criteria = [c.id for c in rubric.criteria]
    return [
        write_atomic(out_dir / "results.json", results_json(results)),
        write_atomic(out_dir / "scores.csv", scores_csv(results, criteria)),
        write_atomic(out_dir / "shortlist.md", render_markdown(results, rubric, lang)),
        write_atomic(out_dir / "shortlist.html", render_html(results, rubric, lang)),
    ]
