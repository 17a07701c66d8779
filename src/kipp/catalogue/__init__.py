"""The one catalogue of sentences and labels a run writes for people (Indonesian, English).

Split by owner for readability: `evidence` holds what the domain says about a proposal
(gates, measures, scoring, shortlist); `documents` holds the labels of the shortlist documents;
`reviews` what is said about human reviewers; `reports` the labels of the other documents
(PDF, scorecards, compliance, workbook).
"""

from kipp.catalogue.approval import APPROVAL
from kipp.catalogue.documents import DOCUMENTS
from kipp.catalogue.evidence import EVIDENCE
from kipp.catalogue.reports import REPORTS
from kipp.catalogue.reviews import REVIEWS

CATALOGUE: dict[str, dict[str, str]] = {**EVIDENCE, **DOCUMENTS, **REVIEWS, **REPORTS, **APPROVAL}

__all__ = ["CATALOGUE"]
