"""The paragraph on how reviewers' scores are normalised says what the rubric's shrinkage
number in the formulas stands for, so a reader can redo each reviewer's mean by hand."""

from __future__ import annotations

from kipp.core.i18n import Lang
from kipp.documents.render.explanation_views import footing_text
from kipp.results.model import FootingOut


def _footing(shrinkage: float) -> FootingOut:
    return FootingOut(
        scores=210, total=781, mean=781 / 210, sd=0.757, shrinkage=shrinkage, decimals=5
    )


def test_the_shrinkage_number_is_explained_after_the_panel_mean() -> None:
    assert footing_text(_footing(25), "nilai", Lang.ID) == (
        "Nilai juri dinormalisasi terhadap seluruh tim penilai, supaya juri yang cenderung "
        "longgar atau ketat tidak menggeser hasil: nilai ternormalisasi = rata-rata tim penilai "
        "+ (nilai − rata-rata juri) × faktor sebaran. Rata-rata tim penilai = 781 ÷ 210 nilai = "  # noqa: RUF001
        "3,71905 (dibulatkan). Rata-rata tiap juri dihitung seolah-olah ia memberi 25 nilai lagi "
        "sebesar rata-rata tim penilai (angka 25 ditetapkan rubrik): juri yang baru memberi "
        "sedikit nilai tidak dianggap longgar atau ketat hanya karena kebetulan, dan makin banyak "
        "nilainya, makin dekat rata-ratanya ke rata-rata nilainya sendiri."
    )


def test_the_shrinkage_sentence_is_in_english_too_and_left_out_when_the_rubric_sets_none() -> None:
    english = footing_text(_footing(5), "score", Lang.EN)
    assert english.endswith(
        "Each reviewer's mean is computed as if they had given 5 more scores equal to the "
        "panel's mean (the rubric sets 5): a reviewer who has given few scores is not taken as "
        "lenient or strict by chance, and the more scores they give, the closer their mean "
        "comes to their own scores' mean."
    )
    assert footing_text(_footing(0), "score", Lang.EN) == (
        "Reviewers' scores are normalised to the whole panel, so that a lenient or strict "
        "reviewer does not shift the results: normalised score = panel mean + (score − "  # noqa: RUF001
        "reviewer's mean) × spread factor. Panel mean = 781 ÷ 210 scores = 3.71905 (rounded)."  # noqa: RUF001
    )
