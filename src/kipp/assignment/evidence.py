"""The evidence a reviewer needs beside each proposal's scores (the scoresheet's evidence
sheet): its attachments, its indicators before and after as the proposal gives them, its
reach, its replications and the innovations most like it with their similarity (from the
novelty measure, when it was computed for the sheets).

Blind packets leave the attachments out (a decree or a video names the agency) and mask
the proposal's agency and innovators in everything else; a similar proposal of the same
batch is named by its packet code, never by its id, title or agency, so that one packet
never tells a reviewer who wrote another.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kipp.core.i18n import Text, text
from kipp.core.models import Proposal
from kipp.measures.novelty import Neighbour, NoveltyMeasure

Mask = Callable[[str], str]

# before/after indicator pairs as the evidence sheet names them
PAIRS: tuple[tuple[str, str, str], ...] = (
    ("scoresheets.evidence.service_time", "service_time_before_hours", "service_time_after_hours"),
    ("scoresheets.evidence.cost", "cost_before_idr", "cost_after_idr"),
    ("scoresheets.evidence.satisfaction", "satisfaction_before", "satisfaction_after"),
    ("scoresheets.evidence.complaints", "complaints_before", "complaints_after"),
)


@dataclass(frozen=True)
class Item:
    """One line of a proposal's evidence: what it is, what the proposal (or the novelty
    measure) says, and the address to open when it is a link."""

    label: Text
    detail: Text | str
    link: str | None = None


def _link(value: str) -> str | None:
    written = value.strip()
    return written if written.lower().startswith(("http://", "https://")) else None


def _figure(value: float | None) -> Text | float:
    return text("scoresheets.evidence.not_given") if value is None else value


def attachments(proposal: Proposal, blind: bool) -> list[Item]:
    """The decree, the video and every piece of supporting evidence, as links; in a blind
    packet one line saying they were left out."""
    if blind:
        return [
            Item(text("scoresheets.evidence.attachments"), text("scoresheets.evidence.withheld"))
        ]
    given = proposal.attachments
    items = []
    for key, value in (("decree", given.decree), ("video", given.video)):
        label = text(f"scoresheets.evidence.{key}")
        if value:
            items.append(Item(label, value, _link(value)))
        else:
            items.append(Item(label, text("scoresheets.evidence.not_attached")))
    for value in given.evidence:
        items.append(Item(text("scoresheets.evidence.supporting"), value, _link(value)))
    return items


def indicators(proposal: Proposal) -> list[Item]:
    """Each before/after indicator the proposal gives (either side), as given; its reach
    (beneficiaries, target population, and the share when both are given)."""
    figures = proposal.indicators
    items = []
    for key, before_field, after_field in PAIRS:
        before = getattr(figures, before_field)
        after = getattr(figures, after_field)
        if before is None and after is None:
            continue
        detail = text(
            "scoresheets.evidence.before_after", before=_figure(before), after=_figure(after)
        )
        items.append(Item(text(key), detail))
    if not items:
        items.append(
            Item(
                text("scoresheets.evidence.no_indicators"),
                text("scoresheets.evidence.no_indicators.text"),
            )
        )
    reached, target = figures.beneficiaries, figures.target_population
    if reached is not None:
        items.append(Item(text("scoresheets.evidence.beneficiaries"), text_of(reached)))
    if target is not None:
        items.append(Item(text("scoresheets.evidence.target"), text_of(target)))
    if reached is not None and target:
        share = 100 * reached / target
        items.append(
            Item(
                text("scoresheets.evidence.reach"),
                text("scoresheets.evidence.reach.text", share=share),
            )
        )
    return items


def text_of(value: float) -> Text:
    """A figure as a sentence part, written as the sheet's language writes numbers."""
    return text("scoresheets.evidence.figure", value=value)


def replications(proposal: Proposal, mask: Mask) -> list[Item]:
    """Each replication the proposal reports (agency, region, year), or one line saying
    there is none."""
    if not proposal.replications:
        return [
            Item(
                text("scoresheets.evidence.replications"),
                text("scoresheets.evidence.no_replication"),
            )
        ]
    items = []
    for r in proposal.replications:
        parts = [mask(r.agency)]
        if r.region:
            parts.append(mask(r.region))
        if r.year is not None:
            parts.append(str(r.year))
        items.append(Item(text("scoresheets.evidence.replication"), ", ".join(parts)))
    return items


def similar(measure: NoveltyMeasure | None, mask: Mask, codes: dict[str, str] | None) -> list[Item]:
    """The nearest prior innovations and proposals of the batch, closest first, with their
    similarity as documents show it (two decimals); in a blind packet (`codes` given) a
    proposal of the batch is named by its packet code, or left out when it has none (it
    was not assigned: its title or agency could name it)."""
    if measure is None:
        return [
            Item(text("scoresheets.evidence.similar"), text("scoresheets.evidence.not_measured"))
        ]
    items = []
    for n in measure.nearest:
        items.extend(_neighbour(n, mask, codes))
    if not items:
        return [Item(text("scoresheets.evidence.similar"), text("scoresheets.evidence.no_similar"))]
    return items


def _neighbour(n: Neighbour, mask: Mask, codes: dict[str, str] | None) -> list[Item]:
    similarity = n.similarity
    if n.kind == "batch":
        label = text("scoresheets.evidence.similar_batch")
        if codes is not None:
            code = codes.get(n.id)
            if code is None:
                return []
            return [
                Item(label, text("scoresheets.evidence.packet", code=code, similarity=similarity))
            ]
    else:
        label = text("scoresheets.evidence.similar_prior")
    title, agency = mask(n.title), mask(n.agency)
    if n.year is None:
        detail = text(
            "scoresheets.evidence.neighbour", title=title, agency=agency, similarity=similarity
        )
    else:
        detail = text(
            "scoresheets.evidence.neighbour.year",
            title=title,
            agency=agency,
            year=str(n.year),
            similarity=similarity,
        )
    return [Item(label, detail)]


def evidence(
    proposal: Proposal,
    measure: NoveltyMeasure | None,
    mask: Mask,
    codes: dict[str, str] | None = None,
) -> list[Item]:
    """Everything the evidence sheet shows of `proposal`, in its order: attachments,
    indicators and reach, replications, similar innovations. `mask` hides the agency and
    innovators (the identity when not blind); `codes` are the blind packet codes."""
    blind = codes is not None
    return (
        attachments(proposal, blind)
        + indicators(proposal)
        + replications(proposal, mask)
        + similar(measure, mask, codes)
    )
