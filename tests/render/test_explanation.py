"""How a proposal's numbers are computed, as the documents say it: a strict reviewer's scores
read on the panel's footing, a blend in the order it is computed, a provisional total with
what can still move it, and the notices and markers that say how many reviews are in.

The explanations come from the real arithmetic (aggregation, scoring, `explain`) of a small
batch: two proposals, a novelty criterion blending the measure's level with the reviewers'
(half each, weight 60%) and a sustainability criterion scored by reviewers alone (40%).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

import pytest
from render_builders import proposal, results, rubric

from kipp.core.i18n import Lang, text
from kipp.documents.render.explanation_views import (
    ExplanationView,
    equals,
    explanation_view,
    provisional_note,
    provisional_notice,
)
from kipp.results import CriterionOut, ProposalStatus, Results, reviews_out
from kipp.results.assessment import Assessment
from kipp.results.explanation import explain, reviewer_labels
from kipp.reviews.aggregate import aggregate
from kipp.reviews.models import Review, ReviewerProgress, ReviewSet
from kipp.rubric import Rubric
from kipp.scoring import Scored, score_proposal

# novelty: the measure's level and the reviewers' half each; sustainability: reviewers alone
RUBRIC = rubric(
    criteria=[
        {
            "id": "novelty",
            "label": {"id": "Kebaruan", "en": "Novelty"},
            "weight": 0.6,
            "measure": "novelty",
            "source": "blend",
            "reviewer_weight": 0.5,
            "thresholds": [0.3, 0.55, 0.7, 0.82],
            "levels": [{"id": f"Level {n}", "en": f"Level {n}"} for n in range(1, 6)],
        },
        {
            "id": "sustainability",
            "label": {"id": "Keberlanjutan", "en": "Sustainability"},
            "weight": 0.4,
            "measure": "reviewers",
            "levels": [{"id": f"Level {n}", "en": f"Level {n}"} for n in range(1, 6)],
        },
    ],
    reviews={"normalise": True, "shrinkage": 5, "aggregate": "mean"},
)
# the measure's novelty score of each proposal (0.74: level 4 of the thresholds above)
NOVELTY = {"p": 0.74, "q": 0.5}
# reviewer "citra" (C) scores lower than the others on every proposal
SCORES = {
    ("ani", "p"): (4, 4),
    ("budi", "p"): (4, 4),
    ("citra", "p"): (2, 3),
    ("ani", "q"): (4, 4),
    ("budi", "q"): (5, 3),
    ("citra", "q"): (2, 2),
}


def review(reviewer: str, proposal_id: str, novelty: int, sustainability: int) -> Review:
    return Review(
        reviewer=reviewer,
        proposal=proposal_id,
        scores={"novelty": novelty, "sustainability": sustainability},
        sheet=f"{reviewer}.xlsx",
        row=2,
        complete=True,
    )


def explained(
    lang: Lang,
    scores: Mapping[tuple[str, str], tuple[int, int]] = SCORES,
    assignments: dict[str, list[str]] | None = None,
    shape: Rubric = RUBRIC,
) -> Results:
    """The results of the small batch: `scores` by (reviewer, proposal), `assignments` by
    proposal (the reviewers who scored it when None), each proposal explained."""
    reviews = [review(r, pid, *given) for (r, pid), given in scores.items()]
    found, adjusted = aggregate(reviews, shape, assignments)
    assigned = {r for ids in (assignments or {}).values() for r in ids}
    panel = sorted({r for r, _ in scores} | assigned)
    progress = [
        ReviewerProgress(
            reviewer=r,
            name=r.title(),
            assigned=sum(r in p.assigned for p in found.values()),
            completed=sum(r in p.completed for p in found.values()),
            started=sum(rid == r for rid, _ in scores),
        )
        for r in panel
    ]
    review_set = ReviewSet(
        panel="reviewers.yaml",
        reviews=reviews,
        adjustments=adjusted,
        proposals=found,
        progress=progress,
    )
    letters = reviewer_labels(review_set)
    cards = {
        pid: score_proposal(
            {"novelty": Scored(score=score, evidence=[text("novelty.no_corpus")])},
            shape,
            found.get(pid),
        )
        for pid, score in NOVELTY.items()
    }
    proposals = []
    for rank, (pid, card) in enumerate(sorted(cards.items()), start=1):
        criteria = {
            c.criterion: CriterionOut(
                label=shape.criterion(c.criterion).label.get(lang.value),
                weight=c.weight,
                source=c.source,
                score=c.score,
                level=c.level,
                level_description=None,
                evidence="",
                value=c.value,
                auto_level=c.auto_level,
                reviewers=c.reviewers,
                reviewer_share=c.reviewer_share,
            )
            for c in card.criteria
        }
        proposals.append(
            proposal(
                ProposalStatus.SHORTLISTED if rank == 1 else ProposalStatus.SCORED,
                id=pid,
                rank=rank,
                total=card.total,
                provisional=card.provisional,
                scored_weight=card.scored_weight,
                criteria=criteria,
                explanation=explain(card, found.get(pid), shape, letters, adjusted),
            )
        )
    assessment = Assessment(
        gates={}, novelty={}, scorecards=cards, placements={}, reviews=review_set
    )
    done = results(proposals, lang)
    return done.model_copy(
        update={
            "reviews": reviews_out(assessment, shape, lang),
            "summary": done.summary.model_copy(
                update={
                    "reviews_received": sum(len(p.completed) for p in found.values()),
                    "reviews_expected": sum(len(p.assigned) for p in found.values()),
                }
            ),
        }
    )


def typeset(sentence: str) -> str:
    """An expected sentence written with ` * ` and ` - ` as the documents print it: with the
    multiplication and minus signs."""
    return sentence.replace(" * ", " \u00d7 ").replace(" - ", " \u2212 ")


def shown(lang: Lang, pid: str = "p", **given: object) -> tuple[Results, ExplanationView]:
    """The results of the small batch and the explanation of proposal `pid`."""
    done = explained(lang, **given)  # type: ignore[arg-type]
    p = next(p for p in done.proposals if p.id == pid)
    view = explanation_view(p, done, RUBRIC)
    assert view is not None
    return done, view


# reviewer "dewi" is assigned to both proposals and has not scored; "citra" nothing of "q" yet
PENDING = {
    "scores": {k: v for k, v in SCORES.items() if k[1] == "p"},
    "assignments": {"p": ["ani", "budi", "citra", "dewi"], "q": ["ani", "budi", "citra"]},
}


@pytest.mark.parametrize(
    ("lang", "reviewer", "sustainability"),
    [
        (
            Lang.ID,
            "Juri C cenderung ketat: rata-rata 4 nilai yang diberikannya 9 ÷ 4 = 2,25000, 1,16667 "
            "lebih rendah dari rata-rata tim penilai. Rata-rata itu ditarik ke arah rata-rata tim "
            "penilai, makin kuat bila nilainya makin sedikit: rata-rata juri = (9 + 5 * 3,41667) "
            "÷ (4 + 5) = 2,89815. Simpangan baku populasi nilainya (STDEV.P di Excel) 0,43301 dan "
            "simpangan baku populasi tim penilai 0,95379 (keduanya dibulatkan); faktor sebaran = "
            "0,95379 ÷ √((4 * 0,43301² + 5 * "
            "0,95379²) ÷ (4 + 5)) = 1,24307 (dihitung dari angka sebelum dibulatkan). Setiap "
            "nilai darinya dinormalisasi menjadi 3,41667 + (nilai - 2,89815) * 1,24307.",
            "Nilai juri setelah dinormalisasi: 4 dari juri A → 3,8515; 4 dari juri B → "
            "3,7790; 3 dari juri C → 3,5433. Rata-rata: (3,8515 + 3,7790 + 3,5433) ÷ 3 = 3,7246.",
        ),
        (
            Lang.EN,
            "Reviewer C tends to be strict: the mean of their 4 scores is 9 ÷ 4 = 2.25000, "
            "1.16667 below the panel's mean. That mean is drawn toward the panel's, the more so "
            "the fewer scores it rests on: reviewer's mean = (9 + 5 * 3.41667) ÷ (4 + 5) = "
            "2.89815. Their scores' population standard deviation (STDEV.P in Excel) is 0.43301 "
            "and the panel's 0.95379 (both rounded); spread factor = 0.95379 ÷ √((4 * 0.43301² + "
            "5 * 0.95379²) ÷ (4 + 5)) = "
            "1.24307 (computed from the figures before rounding). Each score of theirs is "
            "normalised to 3.41667 + (score - 2.89815) * 1.24307.",
            "Reviewers' scores after normalisation: 4 from reviewer A → 3.8515; 4 from "
            "reviewer B → 3.7790; 3 from reviewer C → 3.5433. Mean: (3.8515 + 3.7790 + 3.5433) "
            "÷ 3 = 3.7246.",
        ),
    ],
)
def test_explanation_of_a_strict_reviewer_says_how_their_scores_are_read(
    lang: Lang, reviewer: str, sustainability: str
) -> None:
    _, view = shown(lang)

    assert len(view.reviewers) == 3
    assert view.reviewers[2] == typeset(reviewer)
    assert view.rows[1].steps == typeset(sustainability)
    # their 3 reads above the 2 they gave for novelty, and below the others' 4s
    assert view.rows[1].value == ("3,7246 (level 4)" if lang is Lang.ID else "3.7246 (level 4)")


@pytest.mark.parametrize(
    ("lang", "steps", "cells", "total"),
    [
        (
            Lang.ID,
            "Nilai juri setelah dinormalisasi: 4 dari juri A → 3,8515; 4 dari juri B → "
            "3,7790; 2 dari juri C → 2,3002. Rata-rata: (3,8515 + 3,7790 + 2,3002) ÷ 3 = 3,3102 "
            "(dibulatkan). Nilai yang dipakai = 50% * level otomatis 4 (skor kebaruan 0,74) + "
            "50% * nilai juri 3,3102 = 3,6551.",
            ("3,6551 (level 4)", "60%", "43,8612"),
            "Nilai total = jumlah poin = 43,8612 + 29,7968 = 73,658, dibulatkan 73,66.",
        ),
        (
            Lang.EN,
            "Reviewers' scores after normalisation: 4 from reviewer A → 3.8515; 4 from "
            "reviewer B → 3.7790; 2 from reviewer C → 2.3002. Mean: (3.8515 + 3.7790 + 2.3002) "
            "÷ 3 = 3.3102 (rounded). Value used = 50% * automatic level 4 (novelty score 0.74) + "
            "50% * reviewers' value 3.3102 = 3.6551.",
            ("3.6551 (level 4)", "60%", "43.8612"),
            "Total = the sum of the points = 43.8612 + 29.7968 = 73.658, rounded to 73.66.",
        ),
    ],
)
def test_explanation_of_a_blend_gives_its_arithmetic_in_the_order_it_is_computed(
    lang: Lang, steps: str, cells: tuple[str, str, str], total: str
) -> None:
    done, view = shown(lang)
    novelty = view.rows[0]

    assert novelty.steps == typeset(steps)
    assert (novelty.value, novelty.weight, novelty.points) == cells
    assert view.total == total
    assert next(p for p in done.proposals if p.id == "p").total == 73.66


@pytest.mark.parametrize(
    ("lang", "p", "q", "total"),
    [
        (
            Lang.ID,
            "Nilai total sementara. 3 dari 4 penilaian juri untuk proposal ini sudah masuk. 3 "
            "dari 7 penilaian juri seluruh kumpulan sudah masuk; karena nilai juri dinormalisasi "
            "terhadap rata-rata dan simpangan baku seluruh tim penilai, nilai total ini masih "
            "dapat bergeser sampai semua penilaian masuk.",
            "Nilai total sementara. Belum dinilai juri: Kebaruan, Keberlanjutan; total dihitung "
            "dari 30% bobot yang sudah dinilai. 0 dari 3 penilaian juri untuk proposal ini sudah "
            "masuk.",
            "Nilai total = jumlah poin ÷ bobot yang sudah dihitung (30%) = (12,0000) ÷ 0,3 = "
            "40,00.",
        ),
        (
            Lang.EN,
            "The total is provisional. 3 of 4 reviews of this proposal are in. 3 of 7 reviews of "
            "the whole batch are in; since reviewers' scores are normalised to the whole panel's "
            "mean and standard deviation, this total can still move until every review is in.",
            "The total is provisional. Not yet scored by reviewers: Novelty, Sustainability; the "
            "total is computed from the 30% of the weight scored so far. 0 of 3 reviews of this "
            "proposal are in.",
            "Total = the sum of the points ÷ the weight counted so far (30%) = (12.0000) ÷ 0.3 = "
            "40.00.",
        ),
    ],
)
def test_explanation_of_a_provisional_total_says_what_can_still_move_it(
    lang: Lang, p: str, q: str, total: str
) -> None:
    done, first = shown(lang, "p", **PENDING)
    _, second = shown(lang, "q", **PENDING)

    assert (first.final, first.standing) == (False, p)
    assert (second.final, second.standing, second.total) == (False, q, typeset(total))
    # the blend counts its measure's half of 60% meanwhile; sustainability nothing yet
    assert [(r.weight, r.points, r.awaiting) for r in second.rows] == (
        [("30% (50% dari 60%)", "12,0000", False), ("0% (bobot 40% menunggu juri)", "—", True)]
        if lang is Lang.ID
        else [("30% (50% of 60%)", "12.0000", False), ("0% (40% awaiting reviewers)", "—", True)]
    )
    standings = {x.id: x.explanation.standing for x in done.proposals if x.explanation}
    assert standings["p"].reasons == ["reviews", "panel"]
    assert standings["q"].reasons == ["awaiting", "reviews"]


def test_a_total_whose_own_reviews_are_complete_stays_provisional_while_others_are_missing() -> (
    None
):
    # "p" is complete; "dewi" has not scored "q": the panel's mean and spread can still move
    assignments = {"p": ["ani", "budi", "citra"], "q": ["ani", "budi", "citra", "dewi"]}
    done, view = shown(Lang.ID, "p", assignments=assignments)
    p = next(x for x in done.proposals if x.id == "p")

    assert p.provisional is True
    assert view.standing == (
        "Nilai total sementara. 6 dari 7 penilaian juri seluruh kumpulan sudah masuk; karena "
        "nilai juri dinormalisasi terhadap rata-rata dan simpangan baku seluruh tim penilai, "
        "nilai total ini masih dapat bergeser sampai semua penilaian masuk."
    )
    assert provisional_note(p, Lang.ID) == "sementara: penilaian juri lain belum lengkap"
    assert provisional_note(p, Lang.EN) == "provisional: other reviews still missing"


@pytest.mark.parametrize(
    ("lang", "notice", "markers"),
    [
        (
            Lang.ID,
            "3 dari 6 penilaian juri sudah masuk. Bagian yang dinilai juri (70% dari seluruh "
            "bobot) masih dapat berubah pada 2 proposal sampai semua penilaian masuk. Nilai juri "
            "dinormalisasi terhadap rata-rata dan simpangan baku seluruh tim penilai, sehingga "
            "nilai total yang penilaiannya sudah lengkap pun masih dapat bergeser.",
            ["sementara: 2 dari 3 penilaian masuk", "sementara: 1 dari 3 penilaian masuk"],
        ),
        (
            Lang.EN,
            "3 of 6 reviews are in. The reviewers' part (70% of the total weight) can still "
            "change for 2 proposals until every review is in. Reviewers' scores are normalised to "
            "the whole panel's mean and standard deviation, so even a total whose own reviews "
            "are complete can still move.",
            ["provisional: 2 of 3 reviews in", "provisional: 1 of 3 reviews in"],
        ),
    ],
)
def test_notice_with_half_the_reviews_in_counts_them_and_the_weight_that_can_change(
    lang: Lang, notice: str, markers: list[str]
) -> None:
    # every criterion of both proposals has a score already: nothing awaits, yet all can move
    half = {("ani", "p"): (4, 4), ("budi", "p"): (4, 3), ("ani", "q"): (3, 4)}
    every = ["ani", "budi", "citra"]
    done = explained(lang, scores=half, assignments={"p": every, "q": every})

    assert provisional_notice(done, RUBRIC, lang) == notice
    assert [provisional_note(p, lang) for p in done.proposals] == markers
    assert "—" not in notice and "100%" not in notice


@pytest.mark.parametrize(
    ("value", "decimals", "lang", "expected"),
    [
        (Decimal("3.5450"), 4, Lang.ID, "3,5450"),
        (Decimal("3.60035"), 4, Lang.ID, "3,60035, dibulatkan 3,6004"),
        (Decimal("2.57785"), 4, Lang.EN, "2.57785, rounded to 2.5779"),
        (Decimal(12) / 7, 4, Lang.ID, "1,7143 (dibulatkan)"),
        (Decimal("75.3425"), 2, Lang.EN, "75.3425, rounded to 75.34"),
    ],
)
def test_equals_shows_a_rounded_result_as_rounded_halves_up(
    value: Decimal, decimals: int, lang: Lang, expected: str
) -> None:
    assert equals(value, decimals, lang) == expected
