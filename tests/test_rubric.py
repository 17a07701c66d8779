"""The rubric is validated like a proposal: every problem named with its line and the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from kipp.problems import RubricError
from kipp.rubric import load_rubric

VALID = """\
id: test-call
title: Test call
call:
  name: Test
  deadline: 2022-04-15
  prior_art_cutoff: 2022-04-15
  min_months: 24
  min_months_pandemic: 12
  groups: [umum]
  categories: [tpb]
  word_caps: {novelty: 200}
  required_attachments: [decree]
gates:
  - id: min_age
    kind: min_age
    label: {id: Umur, en: Age}
criteria:
  - id: novelty
    label: {id: Kebaruan, en: Novelty}
    weight: 0.6
    measure: novelty
    thresholds: [0.2, 0.4, 0.6, 0.8]
    levels: [{id: a, en: a}, {id: b, en: b}, {id: c, en: c}, {id: d, en: d}, {id: e, en: e}]
  - id: background
    label: {id: Latar, en: Background}
    weight: 0.4
    measure: reviewers
    levels: [{id: a, en: a}, {id: b, en: b}, {id: c, en: c}, {id: d, en: d}, {id: e, en: e}]
shortlist:
  size: 3
  tie_breaks: [novelty, started_on]
"""


def problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "rubric.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RubricError) as caught:
        load_rubric(path)
    return [p.render().removeprefix(f"{path}") for p in caught.value.problems]


def test_bundled_rubric_loads_with_its_hash() -> None:
    loaded = load_rubric()
    assert loaded.rubric.id == "kipp-2022"
    assert [c.id for c in loaded.rubric.criteria] == [
        "background",
        "novelty",
        "implementation",
        "significance",
        "adaptability",
        "resources",
        "sustainability",
    ]
    assert len(loaded.sha256) == 64


def test_minimal_rubric_is_valid(tmp_path: Path) -> None:
    path = tmp_path / "rubric.yaml"
    path.write_text(VALID, encoding="utf-8")
    assert load_rubric(path).rubric.shortlist.size == 3


def test_weights_must_sum_to_one(tmp_path: Path) -> None:
    assert problems(tmp_path, VALID.replace("weight: 0.4", "weight: 0.35")) == [
        ":17: criteria: weights sum to 0.95 (0.6 + 0.35); they must sum to 1"
    ]


def test_thresholds_must_increase(tmp_path: Path) -> None:
    text = VALID.replace("[0.2, 0.4, 0.6, 0.8]", "[0.2, 0.5, 0.4, 0.8]")
    assert problems(tmp_path, text) == [
        ":22: criteria.1.thresholds: thresholds must increase: 0.5 is followed by 0.4"
    ]


def test_thresholds_must_be_four(tmp_path: Path) -> None:
    text = VALID.replace("[0.2, 0.4, 0.6, 0.8]", "[0.2, 0.4]")
    assert problems(tmp_path, text) == [
        ":22: criteria.1.thresholds: 2 thresholds given; give 4, the scores where levels "
        "2 to 5 begin"
    ]


def test_unknown_measure_lists_the_known_ones(tmp_path: Path) -> None:
    assert problems(tmp_path, VALID.replace("measure: novelty", "measure: novlety")) == [
        ":21: criteria.1.measure: unknown measure 'novlety'; known measures: adaptability, "
        "impact, novelty, reviewers"
    ]


def test_automatic_criterion_needs_thresholds(tmp_path: Path) -> None:
    text = VALID.replace("    thresholds: [0.2, 0.4, 0.6, 0.8]\n", "")
    assert problems(tmp_path, text) == [
        ":18: criteria.1: criterion 'novelty' is fed by the measure 'novelty' and needs "
        "`thresholds` to turn its score into a level"
    ]


def test_levels_must_describe_all_five(tmp_path: Path) -> None:
    text = VALID.replace(
        "    levels: [{id: a, en: a}, {id: b, en: b}, {id: c, en: c}, {id: d, en: d}, "
        "{id: e, en: e}]\n  - id: background",
        "    levels: [{id: a, en: a}]\n  - id: background",
    )
    assert problems(tmp_path, text) == [
        ":23: criteria.1.levels: 1 level descriptions given; describe all 5"
    ]


def test_unknown_tie_break_names_the_known_ones(tmp_path: Path) -> None:
    assert problems(tmp_path, VALID.replace("[novelty, started_on]", "[novelty, age]")) == [
        ":29: shortlist: unknown tie-break 'age'; use criterion ids, started_on or id "
        "(novelty, background, started_on, id)"
    ]


def test_unknown_setting_lists_the_known_settings(tmp_path: Path) -> None:
    text = VALID.replace("  size: 3\n", "  size: 3\n  sizes: 4\n")
    assert problems(tmp_path, text) == [
        ":31: shortlist.sizes: unknown setting; known settings here: size, tie_breaks, "
        "max_per_agency, max_per_category"
    ]


def test_unknown_gate_kind(tmp_path: Path) -> None:
    assert problems(tmp_path, VALID.replace("kind: min_age", "kind: min_years")) == [
        ":15: gates.1.kind: unknown gate kind 'min_years'; known kinds: min_age, word_caps, "
        "required_sections, attachments, stage, unique_title, max_per_agency"
    ]


def test_unknown_section_in_word_caps(tmp_path: Path) -> None:
    assert problems(tmp_path, VALID.replace("{novelty: 200}", "{noveltyy: 200}")) == [
        ":11: call.word_caps: unknown section noveltyy; sections are: summary, background, "
        "novelty, implementation, significance, adaptability, resources, sustainability"
    ]


def test_missing_required_setting(tmp_path: Path) -> None:
    assert problems(tmp_path, VALID.replace("  deadline: 2022-04-15\n", "")) == [
        ":3: call.deadline: required, but missing; add `deadline:`"
    ]


def test_duplicate_criterion_ids(tmp_path: Path) -> None:
    assert problems(tmp_path, VALID.replace("- id: background", "- id: novelty")) == [
        ":17: criteria: criterion id novelty used twice; ids must be unique"
    ]


def test_broken_yaml_names_the_line(tmp_path: Path) -> None:
    assert problems(tmp_path, VALID.replace("  size: 3", "  size: [3")) == [
        ":31: (file): not valid YAML: did not find expected ',' or ']'"
    ]


def test_missing_rubric_file(tmp_path: Path) -> None:
    with pytest.raises(RubricError) as caught:
        load_rubric(tmp_path / "nope.yaml")
    assert [p.render() for p in caught.value.problems] == [
        f"{tmp_path / 'nope.yaml'}: (file): cannot be read: No such file or directory"
    ]
