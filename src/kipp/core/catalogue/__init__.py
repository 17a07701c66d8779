"""The one catalogue of sentences and labels kipp writes for people (Indonesian, English).

Split by owner for readability: `evidence` holds what the domain says about a proposal
(gates, measures, scoring, shortlist); `documents` holds the labels of the shortlist
documents; `reviews` what is said about human reviewers; `scoresheets` what a reviewer's
scoresheet says (headings, instructions, evidence); `reports` the labels of the other
documents (PDF, scorecards, compliance, workbook); `inputs` what is said about the files
people give kipp (proposals, the review panel and scoresheets, the agency registry, the
rubric, the corpus) and about assigning reviewers; `fields` the fields of those files as
people read and write them; `files` reading files as files (formats, sizes, names);
`approval` the coordinator's decision; `minutes` the batch settings, the documents'
technical annex and the minutes of the selection (Berita Acara); `official` what the pages
officials read say instead of machine detail; `forms` the sections of the Prefect run
forms and what a run's log tells the coordinator; `interface` what the `kipp`
command prints, a run's log says and the Prefect UI shows; `distribution` running split
stages on Prefect workers or an existing Dask cluster; `templates` the submission templates
and the scorecards' actionable advice; `help` the help of the `kipp` command and its
options; `glossary` the terms the documents use, each with its
definition and the variants Indonesian text must not use (`tests/test_glossary.py`). A key
lives in one part only (`tests/test_catalogue.py` checks it, that every entry has both
languages with the same placeholders, and that every key the code names is here).
"""

from kipp.core.catalogue.approval import APPROVAL
from kipp.core.catalogue.distribution import DISTRIBUTION
from kipp.core.catalogue.documents import DOCUMENTS
from kipp.core.catalogue.evidence import EVIDENCE
from kipp.core.catalogue.fields import FIELDS
from kipp.core.catalogue.files import FILES
from kipp.core.catalogue.forms import FORMS
from kipp.core.catalogue.glossary import GLOSSARY
from kipp.core.catalogue.help import HELP
from kipp.core.catalogue.inputs import INPUTS
from kipp.core.catalogue.interface import INTERFACE
from kipp.core.catalogue.minutes import MINUTES
from kipp.core.catalogue.official import OFFICIAL
from kipp.core.catalogue.reports import REPORTS
from kipp.core.catalogue.reviews import REVIEWS
from kipp.core.catalogue.scoresheets import SCORESHEETS
from kipp.core.catalogue.templates import TEMPLATES

PARTS: dict[str, dict[str, dict[str, str]]] = {
    "evidence": EVIDENCE,
    "documents": DOCUMENTS,
    "reviews": REVIEWS,
    "scoresheets": SCORESHEETS,
    "reports": REPORTS,
    "inputs": INPUTS,
    "fields": FIELDS,
    "files": FILES,
    "approval": APPROVAL,
    "interface": INTERFACE,
    "distribution": DISTRIBUTION,
    "templates": TEMPLATES,
    "minutes": MINUTES,
    "official": OFFICIAL,
    "glossary": GLOSSARY,
    "help": HELP,
    "forms": FORMS,
}
CATALOGUE: dict[str, dict[str, str]] = {k: v for part in PARTS.values() for k, v in part.items()}

__all__ = ["CATALOGUE", "PARTS"]
