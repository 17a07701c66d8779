"""Labels of the coordinators' and agencies' documents: PDF, scorecards, charts, compliance,
workbook (issue 7)."""

REPORTS: dict[str, dict[str, str]] = {}
