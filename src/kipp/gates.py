"""Eligibility gates: the call's rules, checked with their figures recorded.

A gate never decides quietly: every result, passed or not, carries a sentence with the
numbers it compared (months in operation, words per section, ...). A failed gate that can be
met by the agency also says how: the day the innovation is old enough and the call it can
then enter, the words to cut per section.
"""

from __future__ import annotations

import calendar
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from datetime import date, timedelta

from pydantic import BaseModel, ConfigDict

from kipp.core.caching import Recall, model_digest, models_digest
from kipp.core.i18n import Text, text
from kipp.core.models import Proposal
from kipp.intake import title_key
from kipp.intake.registry import AgencyOf
from kipp.rubric import Call, Gate, GateKind, Rubric


class GateResult(BaseModel):
    """One gate's verdict on one proposal, with the figures behind it."""

    model_config = ConfigDict(frozen=True)

    gate: str
    passed: bool
    detail: Text
    advice: tuple[Text, ...] = ()  # what the agency can do to pass (a failed gate only)


def months_between(start: date, end: date) -> int:
    """Whole months from `start` to `end` (2020-04-15 -> 2022-04-15 is 24; a day less is 23)."""
    months = (end.year - start.year) * 12 + (end.month - start.month)
    if end.day < start.day:
        months -= 1
    return months


def _plus_months(start: date, months: int) -> date:
    """`start` moved `months` on, the day kept where the month has it (else its last day)."""
    month = start.month - 1 + months
    year, month = start.year + month // 12, month % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def old_enough_on(start: date, months: int) -> date:
    """The first day on which an innovation started on `start` has run `months` whole months
    (`months_between` reaches `months`): 2021-03-04 + 24 months is 2023-03-04."""
    reached = _plus_months(start, months)
    while months_between(start, reached) < months:  # 31 August + 6 months: 1 March
        reached += timedelta(days=1)
    return reached


def first_call_from(reached: date, deadline: date) -> date:
    """The deadline of the first later call, held on the same day every year, that an
    innovation old enough on `reached` can enter."""
    year = deadline.year + 1
    while True:
        candidate = _plus_months(deadline, (year - deadline.year) * 12)
        if candidate >= reached:
            return candidate
        year += 1


def word_count(value: str | None) -> int:
    """Words as a reader counts them: runs of non-space characters."""
    return len(value.split()) if value else 0


def _section(name: str) -> Text:
    return text(f"section.{name}")


def min_age(proposal: Proposal, call: Call, gate: Gate) -> GateResult:
    """Running at least `min_months` by the deadline (`min_months_pandemic` for pandemic
    innovations); exactly the minimum passes."""
    pandemic = proposal.pandemic_related
    required = call.min_months_pandemic if pandemic else call.min_months
    rule = text(
        "gate.min_age.rule_pandemic" if pandemic else "gate.min_age.rule", required=required
    )
    months = months_between(proposal.started_on, call.deadline)
    started, deadline = proposal.started_on, call.deadline
    passed = started <= deadline and months >= required
    advice: tuple[Text, ...] = ()
    if not passed:
        reached = old_enough_on(started, required)
        call_deadline = first_call_from(reached, deadline)
        advice = (
            text(
                "advice.min_age",
                months=required,
                reached=reached,
                year=str(call_deadline.year),
                deadline=call_deadline,
            ),
        )
    if started > deadline:
        detail = text("gate.min_age.after", started=started, deadline=deadline, rule=rule)
        return GateResult(gate=gate.id, passed=False, detail=detail, advice=advice)
    detail = text("gate.min_age", started=started, months=months, deadline=deadline, rule=rule)
    return GateResult(gate=gate.id, passed=passed, detail=detail, advice=advice)


def word_caps(proposal: Proposal, call: Call, gate: Gate) -> GateResult:
    """Every section within its cap; a section exactly at its cap passes."""
    if not call.word_caps:
        return GateResult(gate=gate.id, passed=True, detail=text("gate.word_caps.none"))
    counts = {name: word_count(value) for name, value in proposal.sections.items()}
    over = [
        text("gate.word_caps.item", section=_section(name), words=counts[name], cap=cap)
        for name, cap in call.word_caps.items()
        if counts.get(name, 0) > cap
    ]
    if over:
        cuts = tuple(
            text(
                "advice.word_cap",
                section=_section(name),
                words=counts[name],
                cap=cap,
                cut=counts[name] - cap,
            )
            for name, cap in call.word_caps.items()
            if counts.get(name, 0) > cap
        )
        return GateResult(
            gate=gate.id,
            passed=False,
            detail=text("gate.word_caps.over", items=over),
            advice=cuts,
        )
    name, cap = max(call.word_caps.items(), key=lambda item: (counts[item[0]] / item[1], item[0]))
    detail = text("gate.word_caps.ok", section=_section(name), words=counts[name], cap=cap)
    return GateResult(gate=gate.id, passed=True, detail=detail)


def required_sections(proposal: Proposal, call: Call, gate: Gate) -> GateResult:
    """The gate's sections all hold some text."""
    texts = dict(proposal.sections.items())
    empty = [_section(name) for name in gate.sections or [] if not (texts.get(name) or "").strip()]
    if empty:
        return GateResult(
            gate=gate.id, passed=False, detail=text("gate.sections.empty", sections=empty)
        )
    return GateResult(gate=gate.id, passed=True, detail=text("gate.sections.ok"))


def attachments(proposal: Proposal, call: Call, gate: Gate) -> GateResult:
    """The call's required attachments are given (a path or URL each)."""
    if not call.required_attachments:
        return GateResult(gate=gate.id, passed=True, detail=text("gate.attachments.none"))
    given = proposal.attachments
    present = {
        "decree": bool(given.decree),
        "video": bool(given.video),
        "evidence": bool(given.evidence),
    }
    missing = [text(f"attachment.{a}") for a in call.required_attachments if not present[a]]
    if missing:
        return GateResult(
            gate=gate.id, passed=False, detail=text("gate.attachments.missing", items=missing)
        )
    items = [text(f"attachment.{a}") for a in call.required_attachments]
    return GateResult(gate=gate.id, passed=True, detail=text("gate.attachments.ok", items=items))


def stage(proposal: Proposal, call: Call, gate: Gate) -> GateResult:
    """The innovation is at a stage the call accepts."""
    allowed = gate.stages or []
    label = text(f"stage.{proposal.stage.value}")
    if allowed and proposal.stage not in allowed:
        detail = text(
            "gate.stage.bad", stage=label, allowed=[text(f"stage.{s.value}") for s in allowed]
        )
        return GateResult(gate=gate.id, passed=False, detail=detail)
    return GateResult(gate=gate.id, passed=True, detail=text("gate.stage.ok", stage=label))


PerProposal = Callable[[Proposal, Call, Gate], GateResult]
PER_PROPOSAL: dict[GateKind, PerProposal] = {
    GateKind.MIN_AGE: min_age,
    GateKind.WORD_CAPS: word_caps,
    GateKind.REQUIRED_SECTIONS: required_sections,
    GateKind.ATTACHMENTS: attachments,
    GateKind.STAGE: stage,
}


def unique_title(proposals: Sequence[Proposal], gate: Gate) -> dict[str, GateResult]:
    """A title (ignoring case, spacing, punctuation) used by one proposal only. A repeated
    title names the agencies of the proposals that share it (the documents that officials
    read show titles and agencies, never proposal ids)."""
    holders: dict[str, list[Proposal]] = defaultdict(list)
    for p in proposals:
        holders[title_key(p.title)].append(p)
    results = {}
    for p in proposals:
        others = list(dict.fromkeys(q.agency for q in holders[title_key(p.title)] if q.id != p.id))
        if others:
            detail = text("gate.unique_title.repeat", others=others)
            results[p.id] = GateResult(gate=gate.id, passed=False, detail=detail)
        else:
            results[p.id] = GateResult(
                gate=gate.id, passed=True, detail=text("gate.unique_title.ok")
            )
    return results


def per_agency(
    proposals: Sequence[Proposal], call: Call, gate: Gate, agency_of: AgencyOf | None = None
) -> dict[str, GateResult]:
    """No agency sends more proposals than the call allows; when one does, all its proposals
    fail, so the coordinator (not the file order) chooses which to keep. This is the call's
    limit on proposals SENT, checked before scoring; the shortlist's limit on nominees per
    agency (`kipp.shortlist.ranking`) is another rule, applied after ranking.

    `agency_of` (the batch's agency registry, `kipp.intake.registry.registry_matcher`) names the
    agency a written name belongs to, so an agency's short and full names and its units count
    as one agency, as in the shortlist and the compliance table; the detail then names the
    registry's agency. Names it does not know count by themselves (case, spacing and
    punctuation ignored)."""

    def agency(p: Proposal) -> str:
        registered = agency_of(p.agency) if agency_of is not None else None
        return registered or p.agency

    counts = Counter(title_key(agency(p)) for p in proposals)
    results = {}
    for p in proposals:
        name = agency(p)
        count = counts[title_key(name)]
        if call.max_per_agency is None:
            detail = text("gate.per_agency.unlimited", agency=name, count=count)
            results[p.id] = GateResult(gate=gate.id, passed=True, detail=detail)
            continue
        passed = count <= call.max_per_agency
        key = "gate.per_agency.ok" if passed else "gate.per_agency.over"
        detail = text(key, agency=name, count=count, max=call.max_per_agency)
        results[p.id] = GateResult(gate=gate.id, passed=passed, detail=detail)
    return results


def check_gates(
    proposals: Sequence[Proposal], rubric: Rubric, agency_of: AgencyOf | None = None
) -> dict[str, list[GateResult]]:
    """Every gate of the rubric, in its order, for every proposal (keyed by proposal id).
    `agency_of` is the batch's agency registry (see `per_agency`); without it agencies
    count by the name as written."""
    results: dict[str, list[GateResult]] = {p.id: [] for p in proposals}
    for gate in rubric.gates:
        if gate.kind is GateKind.UNIQUE_TITLE:
            batch = unique_title(proposals, gate)
        elif gate.kind is GateKind.MAX_PER_AGENCY:
            batch = per_agency(proposals, rubric.call, gate, agency_of)
        else:
            batch = _per_proposal(proposals, rubric.call, gate)
        for proposal_id, result in batch.items():
            results[proposal_id].append(result)
    return results


def _per_proposal(proposals: Sequence[Proposal], call: Call, gate: Gate) -> dict[str, GateResult]:
    check = PER_PROPOSAL[gate.kind]
    rule = models_digest([call, gate])

    def key(proposal: Proposal) -> tuple[bytes, str]:
        return model_digest(proposal), rule

    def verdict(proposal: Proposal) -> GateResult:
        return check(proposal, call, gate)

    return {p.id: _VERDICTS.computed(p, key, verdict) for p in proposals}


# Per-proposal verdicts by the proposal's content and the gate's with its call (each a
# function of those alone): a process that checks a batch again (`kipp run --watch`)
# checks only what changed.
_VERDICTS: Recall[tuple[bytes, str], GateResult] = Recall()


def eligible(results: Sequence[GateResult]) -> bool:
    """True when every gate passed."""
    return all(r.passed for r in results)
