"""Raw reviewer scores and progress as tables, for `reviews.csv` and a Prefect artifact.

Pure: these return content; the caller writes or publishes it.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from kipp.core.cells import neutralise
from kipp.results import Results
from kipp.reviews.models import raw_spread

REVIEWS_CSV_HEADER = [
    "proposal",
    "criterion",
    "reviewer",
    "score",
    "level_used",
    "mean",
    "median",
    "value",
    "spread",
    "raw_spread",
    "disagreement",
]


def reviews_csv(results: Results) -> str:
    """`reviews.csv`: every raw reviewer score, one row per proposal, criterion and reviewer,
    with the score as given, the level used (after normalisation) and the criterion's
    aggregates: `spread` of the levels used (what the disagreement flag reads) and
    `raw_spread` of the scores as given. Proposals in rank order; cells neutralised against
    formula injection."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(REVIEWS_CSV_HEADER)
    ranked = sorted(
        (p for p in results.proposals if p.reviews is not None),
        key=lambda p: (p.rank is None, p.rank or 0, p.id),
    )
    for p in ranked:
        assert p.reviews is not None
        for cid, verdict in p.reviews.criteria.items():
            raw = raw_spread(s.score for s in verdict.scores)
            for s in verdict.scores:
                writer.writerow(
                    [
                        neutralise(v)
                        for v in (
                            p.id,
                            cid,
                            s.reviewer,
                            s.score,
                            s.level,
                            verdict.mean,
                            verdict.median,
                            verdict.value,
                            verdict.spread,
                            raw,
                            "yes" if verdict.disagreement else "no",
                        )
                    ]
                )
    return buffer.getvalue()


def progress_table(results: Results) -> list[dict[str, Any]]:
    """One row per reviewer: assigned, completed, started (empty without a panel)."""
    if results.reviews is None:
        return []
    return [
        {
            "reviewer": p.reviewer,
            "name": p.name,
            "assigned": p.assigned,
            "completed": p.completed,
            "started": p.started,
        }
        for p in results.reviews.progress
    ]
