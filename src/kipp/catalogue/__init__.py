"""The one catalogue of sentences and labels a run writes for people (Indonesian, English).

Split by owner for readability: `evidence` holds what the domain says about a proposal
(gates, measures, scoring, shortlist); `documents` holds the labels of the documents.
"""

from kipp.catalogue.documents import DOCUMENTS
from kipp.catalogue.evidence import EVIDENCE

CATALOGUE: dict[str, dict[str, str]] = {**EVIDENCE, **DOCUMENTS}

__all__ = ["CATALOGUE"]
