"""What a run shows in the Prefect UI: progress, the shortlist, scores, validation problems
and links to the documents. Built from the domain's views (`kipp.documents.summaries`);
these helpers only choose keys and shapes."""

from collections.abc import Sequence
from pathlib import Path
from typing import Any, cast
from uuid import UUID

from prefect.artifacts import (
    create_markdown_artifact,
    create_progress_artifact,
    create_table_artifact,
    update_progress_artifact,
)

from kipp.intake import Intake
from kipp.results import ProblemOut, UnreadOut

PROBLEM_COLUMNS = ["file", "line", "column", "field", "severity", "message"]


class Progress:
    """A progress artifact that moves from 0 to 100 as `total` steps finish."""

    def __init__(self, total: int, what: str) -> None:
        self.total = total
        self.what = what
        self.done = 0
        created = create_progress_artifact(  # nothing to do is done: 100%
            progress=0.0 if total else 100.0, key="kipp-progress", description=self._describe()
        )
        self.id = cast(UUID, created)  # sync context: the call ran, not a coroutine

    def _describe(self) -> str:
        return f"{self.what}: {self.done} of {self.total} batches finished"

    def step(self) -> None:
        """One more step finished."""
        self.done += 1
        update_progress_artifact(
            self.id,
            progress=100.0 * min(self.done / self.total, 1.0) if self.total else 100.0,
            description=self._describe(),
        )


def problems_rows(batch: Intake) -> list[dict[str, Any]]:
    """One row per validation problem (file notices first, then each proposal's) and one
    per unread file, in folder order."""
    rows: list[dict[str, Any]] = [
        {
            "file": p.path,
            "line": "" if p.line is None else p.line,
            "column": p.column or "",
            "field": p.field,
            "severity": p.severity,
            "message": p.message,
        }
        for p in map(ProblemOut.of, batch.problems())
    ]
    rows += [
        {
            "file": u.path,
            "line": "",
            "column": "",
            "field": "",
            "severity": "unread",
            "message": u.reason,
        }
        for u in map(UnreadOut.of, batch.unread)
    ]
    return rows


def problems_table(batch: Intake) -> None:
    """The validation problems as a table artifact (an empty table says: none)."""
    rows = problems_rows(batch)
    table: list[dict[str, Any]] | dict[str, list[Any]] = rows or {c: [] for c in PROBLEM_COLUMNS}
    create_table_artifact(
        key="kipp-problems",
        table=table,
        description=f"Validation problems and unread files of {batch.folder}: {len(rows)}",
    )


def files_markdown(paths: Sequence[str]) -> str:
    """Markdown links (`file://` URIs) to the documents a run wrote."""
    lines = ["# Documents", ""]
    for path in paths:
        resolved = Path(path).resolve()
        lines.append(f"- [{resolved.name}]({resolved.as_uri()}) `{resolved}`")
    return "\n".join(lines) + "\n"


def files_links(paths: Sequence[str]) -> None:
    """The links to the documents as a markdown artifact."""
    create_markdown_artifact(
        key="kipp-documents",
        markdown=files_markdown(paths),
        description="Where this run's documents are (on the machine that ran it)",
    )
