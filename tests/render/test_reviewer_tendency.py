"""A reviewer is called lenient or strict only when their mean lies half a level or more
from the panel's; a smaller difference is stated as a figure, without a verdict."""

from __future__ import annotations

import pytest

from kipp.core.i18n import Lang
from kipp.documents.render.explanation_views import reviewer_text
from kipp.results.model import AdjustmentOut, FootingOut

# a panel of 40 levels adding up to 140: mean 3.5
FOOTING = FootingOut(scores=40, total=140, mean=3.5, sd=0.8, shrinkage=0, decimals=2)


def _opening(total: float, lang: Lang) -> str:
    reviewer = AdjustmentOut(
        reviewer="dewi", scores=10, mean=total / 10, sd=0.8, weight=1.0, label="D", total=total
    )
    return reviewer_text(reviewer, FOOTING, "nilai", lang).split(". ")[0]


@pytest.mark.parametrize(
    ("total", "lang", "opening"),
    [
        (
            36.1,
            Lang.ID,
            "Juri D: rata-rata 10 nilai yang diberikannya 36,1 ÷ 10 = 3,61, 0,11 lebih tinggi "
            "dari rata-rata tim penilai",
        ),
        (
            33.9,
            Lang.ID,
            "Juri D: rata-rata 10 nilai yang diberikannya 33,9 ÷ 10 = 3,39, 0,11 lebih rendah "
            "dari rata-rata tim penilai",
        ),
        (
            36.1,
            Lang.EN,
            "Reviewer D: the mean of their 10 scores is 36.1 ÷ 10 = 3.61, 0.11 above the "
            "panel's mean",
        ),
        (
            40,
            Lang.ID,
            "Juri D cenderung longgar: rata-rata 10 nilai yang diberikannya 40 ÷ 10 = 4,00, 0,50 "
            "lebih tinggi dari rata-rata tim penilai",
        ),
        (
            30,
            Lang.EN,
            "Reviewer D tends to be strict: the mean of their 10 scores is 30 ÷ 10 = 3.00, 0.50 "
            "below the panel's mean",
        ),
        (
            35,
            Lang.ID,
            "Juri D: rata-rata 10 nilai yang diberikannya 35 ÷ 10 = 3,50, sama dengan rata-rata "
            "tim penilai (selisih 0,00)",
        ),
    ],
)
def test_a_reviewer_leans_only_from_half_a_level_away_from_the_panel(
    total: float, lang: Lang, opening: str
) -> None:
    assert _opening(total, lang) == opening
