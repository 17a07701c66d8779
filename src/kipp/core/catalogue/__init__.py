"""The one catalogue of sentences and labels kipp writes for people (Indonesian, English).

Split by owner for readability: `evidence` holds what the domain says about a proposal
(gates, measures, scoring, shortlist); `documents` holds the labels of the shortlist
documents; `reviews` what is said about human reviewers; `reports` the labels of the other
documents (PDF, scorecards, compliance, workbook); `approval` the coordinator's decision;
`terminal` what the `kipp` command prints and a run's log says. A key lives in one part
only (`tests/test_catalogue.py` checks it, and that every entry has both languages).
"""

from kipp.core.catalogue.approval import APPROVAL
from kipp.core.catalogue.documents import DOCUMENTS
from kipp.core.catalogue.evidence import EVIDENCE
from kipp.core.catalogue.reports import REPORTS
from kipp.core.catalogue.reviews import REVIEWS
from kipp.core.catalogue.terminal import TERMINAL

PARTS: dict[str, dict[str, dict[str, str]]] = {
    "evidence": EVIDENCE,
    "documents": DOCUMENTS,
    "reviews": REVIEWS,
    "reports": REPORTS,
    "approval": APPROVAL,
    "terminal": TERMINAL,
}
CATALOGUE: dict[str, dict[str, str]] = {k: v for part in PARTS.values() for k, v in part.items()}

__all__ = ["CATALOGUE", "PARTS"]
