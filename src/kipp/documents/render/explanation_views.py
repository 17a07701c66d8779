"""View-model of "how the numbers are computed": a proposal's explanation (results.json's
`explanation`) as sentences a civil servant can redo with a calculator.

Every number shown is a number the arithmetic used, rounded only where the sentence says so:
the panel's mean and each reviewer's shift and factor at the run's `footing.decimals`, levels
and values at 4 decimals, points exactly, the total at 2 decimals. Rounding is halves up,
as the arithmetic does it (`kipp.reviews.aggregate.half_up`). Reviewers are named by their
letters.

One module over ~400 lines on purpose: every sentence of one explanation, in the order the
arithmetic runs, so that a reader can follow the computation from top to bottom here too.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from kipp.core.catalogue import CATALOGUE
from kipp.core.i18n import Lang, format_number, tr
from kipp.documents.render.problem_views import MISSING
from kipp.results import AdjustmentOut, ProposalOut, Results
from kipp.results.model import ExplainedCriterionOut, ExplanationOut, FootingOut, StandingOut
from kipp.reviews.aggregate import DECIMALS, exact, half_up
from kipp.rubric import LEVELS, Rubric

TERMINATING = 8  # an exact result with at most this many decimals is shown before rounding


@dataclass(frozen=True)
class ExplainedRow:
    label: str
    steps: str
    value: str
    weight: str
    points: str
    awaiting: bool


@dataclass(frozen=True)
class ExplanationView:
    intro: str
    footing: str  # "" when reviewers' scores are not normalised
    reviewers: tuple[str, ...]  # one paragraph per reviewer of the proposal
    rows: tuple[ExplainedRow, ...]
    total: str
    standing: str
    final: bool


@functools.lru_cache(maxsize=4096)  # a run shows the same weights and levels many times
def fixed(value: float | Decimal, decimals: int, lang: Lang) -> str:
    """`value` with exactly `decimals` decimals, as the language writes numbers."""
    return format_number(float(value), lang, decimals=decimals)


def plain(value: Decimal, lang: Lang, least: int = 0) -> str:
    """An exact decimal with the decimals it has (at least `least`): `0.075` -> `0,075`."""
    places = max(least, -int(value.normalize().as_tuple().exponent), 0)
    return format_number(float(value), lang, decimals=places)


@functools.lru_cache(maxsize=4096)
def share(value: float, lang: Lang) -> str:
    """A share as an exact percentage: `0.5` -> `50%`, `0.075` -> `7,5%`."""
    return plain(exact(value) * 100, lang) + "%"


def equals(result: Decimal, decimals: int, lang: Lang) -> str:
    """What follows `=`: the result when exact at `decimals`; the exact result and its
    rounding when it has a few decimals more (`3,60035, dibulatkan 3,6004`); the rounded
    result marked as rounded otherwise (`4,2008 (dibulatkan)`)."""
    kept = half_up(result, decimals)
    if exact(kept) == result:
        return fixed(kept, decimals, lang)
    places = -int(result.normalize().as_tuple().exponent)
    if places <= TERMINATING:
        return tr(
            "explain.rounded",
            lang,
            exact=plain(result, lang),
            shown=fixed(kept, decimals, lang),
        )
    return tr("explain.rounded_off", lang, shown=fixed(kept, decimals, lang))


def footing_text(footing: FootingOut, word: str, lang: Lang) -> str:
    """How reviewers' scores are normalised, the panel's mean worked out, and (when the rubric
    draws each reviewer's mean toward the panel's) what its number in the formulas means."""
    sentences = [
        tr(
            "explain.footing",
            lang,
            total=plain(exact(footing.total), lang),
            scores=footing.scores,
            mean=equals(exact(footing.total) / footing.scores, footing.decimals, lang),
            x=word,
        )
    ]
    if footing.shrinkage > 0:
        sentences.append(
            tr("explain.shrinkage", lang, shrinkage=plain(exact(footing.shrinkage), lang))
        )
    return " ".join(sentences)


# How far a reviewer's mean must lie from the panel's (in levels of the 1-to-5 scale) to be
# called lenient or strict; a smaller difference is stated as a figure, without a verdict.
TENDENCY_GAP = Decimal("0.5")


def _order(label: str) -> tuple[int, str]:
    return len(label), label


def _own_sd(a: AdjustmentOut, footing: FootingOut) -> float:
    """A reviewer's own standard deviation, unrounded, from the spread normalisation used
    (`spread**2 = w * sd**2 + (1 - w) * panel_sd**2`, `w = n / (n + shrinkage)`)."""
    weight = a.scores / (a.scores + footing.shrinkage)
    own = ((a.spread or 0.0) ** 2 - (1 - weight) * footing.sd**2) / weight
    return math.sqrt(max(own, 0.0))


def reviewer_text(a: AdjustmentOut, footing: FootingOut, scale_word: str, lang: Lang) -> str:
    """How one reviewer's scores are read: lenient or strict, the shift and the factor."""
    k = footing.decimals
    panel = exact(half_up(exact(footing.mean), k))
    total = exact(a.total or 0.0)
    mean = exact(half_up(total / a.scores, k))
    gap = mean - panel
    kind = "even"
    if gap:  # a reviewer is said to lean only by half a level or more
        leans = abs(gap) >= TENDENCY_GAP
        kind = ("lenient" if leans else "above") if gap > 0 else ("strict" if leans else "below")
    sentences = [
        tr(
            f"explain.reviewer.{kind}",
            lang,
            label=a.label,
            count=a.scores,
            total=plain(total, lang),
            mean=equals(total / a.scores, k, lang),
            difference=fixed(abs(gap), k, lang),
        )
    ]
    shift = half_up(exact(a.shift or 0.0), k)
    factor = half_up(exact(a.factor or 1.0), k)
    shrinkage = exact(footing.shrinkage)
    if a.scores + footing.shrinkage > 0:
        derived = (total + shrinkage * panel) / (a.scores + shrinkage)
        sentences.append(
            tr(
                "explain.reviewer.shift",
                lang,
                total=plain(total, lang),
                shrinkage=plain(shrinkage, lang),
                panel=fixed(panel, k, lang),
                count=a.scores,
                shift=equals(derived, k, lang),
            )
        )
    if footing.sd > 0 and a.spread:
        sentences.append(
            tr(
                "explain.reviewer.factor",
                lang,
                sd=fixed(_own_sd(a, footing), k, lang),
                panel_sd=fixed(footing.sd, k, lang),
                count=a.scores,
                shrinkage=plain(shrinkage, lang),
                factor=fixed(factor, k, lang),
            )
        )
    sentences.append(
        tr(
            "explain.reviewer.reads",
            lang,
            panel=fixed(panel, k, lang),
            shift=fixed(shift, k, lang),
            factor=fixed(factor, k, lang),
            x=scale_word,
        )
    )
    return " ".join(sentences)


def _score_items(c: ExplainedCriterionOut, normalised: bool, lang: Lang) -> str:
    items = []
    for s in sorted(c.scores, key=lambda s: _order(s.label)):
        given = (
            str(s.score)
            if s.level == s.score
            else tr("explain.score.level", lang, score=s.score, level=fixed(s.level, 0, lang))
        )
        if not normalised:
            items.append(tr("explain.score.given", lang, label=s.label, given=given))
            continue
        key = "explain.score.read"
        if s.formula is not None:
            key = "explain.score.capped_high" if s.formula > LEVELS else "explain.score.capped_low"
        items.append(
            tr(
                key,
                lang,
                label=s.label,
                given=given,
                used=fixed(s.used, DECIMALS, lang),
                formula=MISSING if s.formula is None else fixed(s.formula, DECIMALS, lang),
            )
        )
    key = "explain.scores.read" if normalised else "explain.scores.given"
    return tr(key, lang, items="; ".join(items))


def _reviewers_value(c: ExplainedCriterionOut, lang: Lang) -> str:
    """The mean or median of the levels used, as computed."""
    used = [s.used for s in c.scores]
    if c.method == "median":
        ordered = sorted(used)
        middle = len(ordered) // 2
        if len(ordered) % 2:
            return tr(
                "explain.median.odd",
                lang,
                levels="; ".join(fixed(v, DECIMALS, lang) for v in ordered),
                result=fixed(ordered[middle], DECIMALS, lang),
            )
        pair = ordered[middle - 1 : middle + 1]
        result = (exact(pair[0]) + exact(pair[1])) / 2
        return tr(
            "explain.median.even",
            lang,
            levels="; ".join(fixed(v, DECIMALS, lang) for v in ordered),
            low=fixed(pair[0], DECIMALS, lang),
            high=fixed(pair[1], DECIMALS, lang),
            result=equals(result, DECIMALS, lang),
        )
    total = sum((exact(v) for v in used), Decimal(0))
    return tr(
        "explain.mean",
        lang,
        terms=" + ".join(fixed(v, DECIMALS, lang) for v in used),
        count=len(used),
        result=equals(total / len(used), DECIMALS, lang),
    )


def _auto_score(c: ExplainedCriterionOut, lang: Lang) -> str:
    """The measure's score as kept (4 decimals at most, 2 at least)."""
    return MISSING if c.score is None else plain(exact(c.score), lang, 2)


@functools.lru_cache(maxsize=64)
def measure_word(measure: str | None, lang: Lang) -> str:
    """`skor kebaruan` for the novelty measure; `skor` for one the catalogue does not name."""
    key = f"explain.measure.{measure}"
    return tr(key if key in CATALOGUE else "explain.measure", lang)


def _steps(c: ExplainedCriterionOut, normalised: bool, measure: str, lang: Lang) -> str:
    """The arithmetic of one criterion, step by step (`measure`: its measure's score, named)."""
    steps = []
    if c.scores:
        steps += [_score_items(c, normalised, lang), _reviewers_value(c, lang)]
    if c.source == "auto":
        steps.append(
            tr(
                "explain.auto",
                lang,
                level=c.auto_level,
                measure=measure,
                score=_auto_score(c, lang),
            )
            if c.auto_level is not None
            else tr("explain.not_measured", lang)
        )
    elif c.reviewers is None:
        if c.source == "blend" and c.auto_level is not None:
            steps.append(
                tr(
                    "explain.awaiting_blend",
                    lang,
                    auto=c.auto_level,
                    measure=measure,
                    score=_auto_score(c, lang),
                    auto_share=share(1 - c.reviewer_share, lang),
                )
            )
        else:
            steps.append(tr("explain.awaiting", lang))
    elif c.source == "blend":
        weight = exact(c.reviewer_share)
        result = (1 - weight) * (c.auto_level or 0) + weight * exact(c.reviewers)
        steps.append(
            tr(
                "explain.blend",
                lang,
                auto_share=plain((1 - weight) * 100, lang) + "%",
                auto=c.auto_level or 0,
                measure=measure,
                score=_auto_score(c, lang),
                share=share(c.reviewer_share, lang),
                reviewers=fixed(c.reviewers, DECIMALS, lang),
                result=equals(result, DECIMALS, lang),
            )
        )
    return " ".join(steps)


def _row(
    label: str, c: ExplainedCriterionOut, normalised: bool, measure: str, lang: Lang
) -> ExplainedRow:
    counted = exact(c.counted_weight)
    if c.value is None:
        weight = tr("explain.weight.awaiting", lang, weight=share(c.weight, lang))
    elif counted != exact(c.weight):
        weight = tr(
            "explain.weight.part",
            lang,
            counted=share(c.counted_weight, lang),
            share=share(1 - c.reviewer_share, lang),
            weight=share(c.weight, lang),
        )
    else:
        weight = share(c.weight, lang)
    return ExplainedRow(
        label=label,
        steps=_steps(c, normalised, measure, lang),
        value=MISSING
        if c.value is None
        else tr("explain.value", lang, value=fixed(c.value, DECIMALS, lang), level=c.level or 0),
        weight=weight,
        points=MISSING if c.points is None else plain(exact(c.points), lang, DECIMALS),
        awaiting=c.value is None,
    )


def _total(e: ExplanationOut, lang: Lang) -> str:
    parts = [c.points for c in e.criteria.values() if c.points is not None]
    terms = " + ".join(plain(exact(p), lang, DECIMALS) for p in parts) or "0"
    summed = sum((exact(p) for p in parts), Decimal(0))
    scored = exact(e.total.scored_weight)
    if scored == 1:
        return tr("explain.total", lang, terms=terms, result=equals(summed, 2, lang))
    if not scored:
        return tr("explain.total.none", lang)
    return tr(
        "explain.total.partial",
        lang,
        terms=terms,
        scored=plain(scored, lang),
        share=share(e.total.scored_weight, lang),
        result=equals(summed / scored, 2, lang),
    )


def standing_sentence(s: StandingOut, labels: Mapping[str, str], reviewed: bool, lang: Lang) -> str:
    """Whether the total is final, and what can still move it."""
    if s.final:
        if not reviewed:
            return tr("explain.final.auto", lang)
        if s.batch_expected is not None:
            return tr("explain.final.batch", lang, expected=s.batch_expected)
        return tr("explain.final.proposal", lang, expected=s.expected)
    sentences = [tr("explain.provisional", lang)]
    for reason in s.reasons:
        if reason == "awaiting":
            sentences.append(
                tr(
                    "explain.reason.awaiting",
                    lang,
                    criteria=", ".join(labels.get(c, c) for c in s.awaiting),
                    share=share(s.scored_weight, lang),
                )
            )
        elif reason == "reviews":
            sentences.append(
                tr("explain.reason.reviews", lang, received=s.received, expected=s.expected)
            )
        elif reason == "panel":
            sentences.append(
                tr(
                    "explain.reason.panel",
                    lang,
                    received=s.batch_received or 0,
                    expected=s.batch_expected or 0,
                )
            )
        elif reason == "no_assignments":
            sentences.append(tr("explain.reason.no_assignments", lang))
        else:
            sentences.append(tr("explain.reason.assignments", lang))
    return " ".join(sentences)


def explanation_view(p: ProposalOut, results: Results, rubric: Rubric) -> ExplanationView | None:
    """How a scored proposal's numbers are computed; None for a proposal without an
    explanation (not scored, or results written before kipp explained them)."""
    e = p.explanation
    if e is None:
        return None
    lang = results.run.lang
    found = results.reviews
    footing = found.footing if found is not None else None
    labels = {c.id: c.label.get(lang.value) for c in rubric.criteria}
    measures = {c.id: measure_word(c.measure, lang) for c in rubric.criteria}
    scale = rubric.reviews.scale
    word = tr("explain.word.score" if scale.min == 1 else "explain.word.level", lang)
    letters = {s.label for c in e.criteria.values() for s in c.scores}
    given = found.adjustments if found else []
    adjustments = [a for a in given if a.label in letters and a.total is not None]
    order = {c.id: i for i, c in enumerate(rubric.criteria)}
    ordered = sorted(e.criteria.items(), key=lambda item: order.get(item[0], len(order)))
    normalised = footing is not None and bool(adjustments)
    return ExplanationView(
        intro=tr("explain.intro", lang),
        footing="" if footing is None or not normalised else footing_text(footing, word, lang),
        reviewers=tuple(
            reviewer_text(a, footing, word, lang)
            for a in sorted(adjustments, key=lambda a: _order(a.label))
        )
        if footing is not None
        else (),
        rows=tuple(
            _row(labels.get(cid, cid), c, normalised, measures.get(cid, ""), lang)
            for cid, c in ordered
        ),
        total=_total(e, lang),
        standing=standing_sentence(
            e.standing, labels, any(c.source != "auto" for c in e.criteria.values()), lang
        ),
        final=e.standing.final,
    )


def _reasons(p: ProposalOut) -> set[str]:
    """What keeps a total provisional (from its standing; for results written before
    standings, from what they hold)."""
    if p.explanation is not None:
        return set(p.explanation.standing.reasons)
    reasons = set()
    criteria = (p.criteria or {}).values()
    weight = p.scored_weight if p.scored_weight is not None else 1.0
    if weight < 1 - 1e-9 or any(c.source != "auto" and c.reviewers is None for c in criteria):
        reasons.add("awaiting")
    if p.reviews is not None and p.reviews.pending:
        reasons.add("reviews")
    return reasons


def provisional_note(p: ProposalOut, lang: Lang) -> str:
    """The marker beside a provisional total, naming what keeps it so (the weight not scored
    yet, this proposal's reviews, the rest of the panel's, the assignments); "" when final."""
    if not p.provisional:
        return ""
    reasons = _reasons(p)
    standing = p.explanation.standing if p.explanation is not None else None
    if "awaiting" in reasons or not reasons:
        return tr("doc.provisional.marker", lang, share=share(p.scored_weight or 0.0, lang))
    if "reviews" in reasons:
        if standing is not None:
            received, expected = standing.received, standing.expected
        else:
            assigned = set(p.reviews.assigned if p.reviews else [])
            received = len(assigned & set(p.reviews.completed if p.reviews else []))
            expected = len(assigned)
        return tr("doc.provisional.marker.reviews", lang, received=received, expected=expected)
    if "no_assignments" in reasons:
        return tr("reviews.marker.no_assignments", lang)
    if "panel" in reasons:
        return tr("doc.provisional.marker.panel", lang)
    return tr("doc.provisional.marker.assignments", lang)


NAMED_AWAITING = 5  # proposals awaiting reviewers that the notice names (beyond: a count)


def provisional_notice(results: Results, rubric: Rubric, lang: Lang) -> str:
    """The notice over the documents while any total is provisional ("" when all are final):
    how many reviews are in of how many, which share of the weight can still change and for
    how many proposals, and which criteria no reviewer has scored yet with the share of the
    weight their totals count (a range when proposals differ)."""
    pending = [p for p in results.proposals if p.provisional]
    if not pending:
        return ""
    parts = []
    received, expected = results.summary.reviews_received, results.summary.reviews_expected
    if expected is None and results.reviews is not None:  # results from before the counts
        received, expected = results.reviews.completed, results.reviews.assigned
    missing = results.reviews is not None and results.reviews.assignments_missing
    if missing:  # the reviews expected are unknown: no count of them
        parts.append(tr("reviews.notice.no_assignments", lang))
    elif expected:
        parts.append(tr("doc.provisional.reviews", lang, received=received, expected=expected))
    reasons = {p.id: _reasons(p) for p in pending}
    moving = [p for p in pending if reasons[p.id] & {"reviews", "panel"}]
    if moving:
        part = sum((exact(c.weight) * exact(c.reviewer_share) for c in rubric.criteria), Decimal(0))
        parts.append(
            tr("doc.provisional.moving", lang, share=share(float(part), lang), count=len(moving))
        )
    if any("panel" in r for r in reasons.values()):
        parts.append(tr("doc.provisional.panel", lang))
    awaiting = [p for p in pending if "awaiting" in reasons[p.id]]
    if awaiting:
        waiting = {
            cid
            for p in awaiting
            for cid, c in (p.criteria or {}).items()
            if c.source != "auto" and c.reviewers is None
        }
        names = [c.label.get(lang.value) for c in rubric.criteria if c.id in waiting]
        shares = sorted({p.scored_weight for p in awaiting if p.scored_weight is not None})
        weight = (
            share(shares[0], lang)
            if len(shares) == 1
            else tr("doc.range", lang, low=share(shares[0], lang), high=share(shares[-1], lang))
            if shares
            else MISSING
        )
        named = len(awaiting) <= NAMED_AWAITING  # a few are named, so they can be found
        parts.append(
            tr(
                "doc.provisional.awaiting_named" if named else "doc.provisional.awaiting",
                lang,
                count=len(awaiting),
                titles=[p.title or tr("doc.untitled", lang) for p in awaiting] if named else "",
                criteria=", ".join(names) or MISSING,
                share=weight,
            )
        )
    if any("assignments" in r for r in reasons.values()):
        parts.append(tr("doc.provisional.assignments", lang))
    return " ".join(parts)
