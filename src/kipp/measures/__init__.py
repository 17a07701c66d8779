"""Measures: pure functions from proposals (and reference data) to numbers with evidence.

One module per measure; how a number becomes a level is the rubric's business, not theirs.
"""
