"""The rubric is validated like a proposal: every problem named with its line and the fix."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from builders import failing_open, said

from kipp.core.i18n import Lang
from kipp.core.problems import RubricError
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


@pytest.mark.parametrize("thresholds", ["[0.2, 0.4, 0.6, 1.5]", "[-0.2, 0.4, 0.6, 0.8]"])
def test_thresholds_must_lie_between_0_and_1(tmp_path: Path, thresholds: str) -> None:
    text = VALID.replace("[0.2, 0.4, 0.6, 0.8]", thresholds)
    assert problems(tmp_path, text) == [
        ":22: criteria.1.thresholds: thresholds are scores between 0 and 1"
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
        ":30: (file): not valid YAML: the list opened with [ here is not closed with ], or its "
        "items are not separated by commas; write for example [3, 10]"
    ]


def test_rubric_error_lists_every_problem_in_the_readers_language(tmp_path: Path) -> None:
    path = tmp_path / "rubric.yaml"
    path.write_text(
        VALID.replace("  size: 3", "  size: 3\n  tie_breaks_x: []").replace(
            "weight: 0.4", "weight: 0.5"
        ),
        encoding="utf-8",
    )
    with pytest.raises(RubricError) as caught:
        load_rubric(path)
    english, indonesian = said(caught.value.message), said(caught.value.message, Lang.ID)

    assert english == str(caught.value)
    assert english.splitlines()[0] == f"rubric {path} is not valid:"
    assert english.splitlines()[1:] == [p.render() for p in caught.value.problems]
    assert indonesian.splitlines() == [
        f"rubrik {path} tidak sah:",
        f"{path}:17: criteria: jumlah bobot 1.1 (0.6 + 0.5); jumlahnya harus 1",
        f"{path}:31: shortlist.tie_breaks_x: pengaturan tidak dikenal; pengaturan yang dikenal "
        "di sini: size, tie_breaks, max_per_agency, max_per_category",
    ]


def test_missing_rubric_file(tmp_path: Path) -> None:
    with pytest.raises(RubricError) as caught:
        load_rubric(tmp_path / "nope.yaml")
    assert [p.render() for p in caught.value.problems] == [
        f"{tmp_path / 'nope.yaml'}: (file): cannot be read: No such file or directory"
    ]


def test_rubric_read_failing_transiently_raises_the_os_error_for_a_retry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "rubric.yaml"
    path.write_text(VALID, encoding="utf-8")
    blink = OSError(errno.ESTALE, "Stale file handle")
    failing_open(monkeypatch, path, blink)
    with pytest.raises(OSError) as caught:
        load_rubric(path)
    assert caught.value is blink


def test_rubric_not_allowed_to_be_read_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "rubric.yaml"
    path.write_text(VALID, encoding="utf-8")
    failing_open(monkeypatch, path, PermissionError(errno.EACCES, "Permission denied"))
    with pytest.raises(RubricError) as caught:
        load_rubric(path)
    assert [p.render() for p in caught.value.problems] == [
        f"{path}: (file): cannot be read: Permission denied"
    ]


REVIEWS = """\
reviews:
  scale: {min: 0, max: 4}
  aggregate: median
  normalise: true
  shrinkage: 3
  disagreement: 2
  per_proposal: 2
  blind: true
  bootstrap: {iterations: 200, seed: 7, interval: 0.8}
"""


def test_bundled_rubric_says_who_scores_each_criterion() -> None:
    rubric = load_rubric().rubric
    assert [(c.id, c.scored_by.value, c.reviewer_share) for c in rubric.criteria] == [
        ("background", "reviewers", 1.0),
        ("novelty", "blend", 0.5),
        ("implementation", "reviewers", 1.0),
        ("significance", "blend", 0.5),
        ("adaptability", "blend", 0.3),
        ("resources", "reviewers", 1.0),
        ("sustainability", "reviewers", 1.0),
    ]
    assert [c.id for c in rubric.reviewed_criteria] == [c.id for c in rubric.criteria]
    assert (rubric.reviews.scale.describe(), rubric.reviews.per_proposal) == ("1 to 5", 3)


def test_review_settings_read(tmp_path: Path) -> None:
    path = tmp_path / "rubric.yaml"
    path.write_text(VALID + REVIEWS, encoding="utf-8")
    settings = load_rubric(path).rubric.reviews
    assert (settings.scale.level(0), settings.scale.level(4)) == (1, 5)
    assert (settings.aggregate, settings.blind, settings.bootstrap.seed) == ("median", True, 7)


def test_review_scale_must_have_five_points(tmp_path: Path) -> None:
    text = VALID + REVIEWS.replace("{min: 0, max: 4}", "{min: 1, max: 10}")
    assert problems(tmp_path, text) == [
        ":33: reviews.scale: the scale 1 to 10 has 10 points; criteria have 5 levels, so give 5 "
        "points, e.g. 1 to 5 or 0 to 4"
    ]


def test_review_aggregate_and_disagreement_checked(tmp_path: Path) -> None:
    text = VALID + REVIEWS.replace("median", "mode").replace("disagreement: 2", "disagreement: 5")
    assert problems(tmp_path, text) == [
        ":34: reviews.aggregate: 'mode' is not allowed; use one of: mean, median",
    ]
    text = VALID + REVIEWS.replace("disagreement: 2", "disagreement: 5")
    assert problems(tmp_path, text) == [
        ":32: reviews: disagreement 5 is more than the scale's span (0 to 4: 4), so no spread "
        "could reach it; give a number from 1 to 4"
    ]


def test_blend_needs_a_reviewer_weight(tmp_path: Path) -> None:
    text = VALID.replace("    measure: novelty\n", "    measure: novelty\n    source: blend\n")
    assert problems(tmp_path, text) == [
        ":18: criteria.1: criterion 'novelty' blends its measure with reviewers and needs "
        "`reviewer_weight`: the reviewers' share, between 0 and 1 (e.g. 0.5)"
    ]


def test_reviewer_weight_only_with_a_blend(tmp_path: Path) -> None:
    text = VALID.replace(
        "    measure: novelty\n", "    measure: novelty\n    reviewer_weight: 0.5\n"
    )
    assert problems(tmp_path, text) == [
        ":18: criteria.1: criterion 'novelty': `reviewer_weight` applies only to `source: "
        "blend`; remove it or set `source: blend`"
    ]


def test_reviewer_weight_between_zero_and_one(tmp_path: Path) -> None:
    text = VALID.replace(
        "    measure: novelty\n",
        "    measure: novelty\n    source: blend\n    reviewer_weight: 1.5\n",
    )
    assert problems(tmp_path, text) == [
        ":23: criteria.1.reviewer_weight: 1.5 is too large; the highest allowed is 1.0"
    ]


def test_reviewers_measure_cannot_be_blended(tmp_path: Path) -> None:
    text = VALID.replace("    measure: reviewers\n", "    measure: reviewers\n    source: blend\n")
    assert problems(tmp_path, text) == [
        ":24: criteria.2: criterion 'background' has `measure: reviewers`, so reviewers alone "
        "score it; to use `source: blend`, name an automatic measure (adaptability, impact, "
        "novelty) in `measure`"
    ]


def test_unknown_source_lists_the_known_ones(tmp_path: Path) -> None:
    text = VALID.replace("    measure: novelty\n", "    measure: novelty\n    source: both\n")
    assert problems(tmp_path, text) == [
        ":22: criteria.1.source: unknown source 'both'; use one of: auto, reviewers, blend"
    ]
