"""Sentences about human reviewers: panels, assignment, scoresheets, aggregation (issue 5)."""

REVIEWS: dict[str, dict[str, str]] = {}
