"""The minutes of the selection (Berita Acara Hasil Seleksi): the document the panel and the
officials sign, closing a selection.

`minutes_view` prepares every sentence from a run's `Results`: the opening (the day and date
written out in words, as Indonesian minutes do, the place and the basis of the meeting), the
panel present, what was received, checked and scored (in the one status vocabulary), the
nominees in rank order, the coordinator's decisions on moves with their reasons, the closing
sentence and the signature blocks. The meeting, the panel and the signatories come from the
batch settings (`_kumpulan.yaml`); without them the date is the run's, the panel is the
review panel, and the signature blocks leave the names to be written in by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from kipp.core.i18n import MONTH_NAMES_ID, Lang, format_date, format_number, tr
from kipp.documents.render.explanation_views import provisional_note, provisional_notice
from kipp.documents.render.problem_views import MISSING
from kipp.documents.render.review_views import approval_view, shown_title
from kipp.documents.render.views import call_name, region_name
from kipp.intake.settings import Person
from kipp.results import ProposalStatus, Results
from kipp.rubric import Rubric

DAY_NAMES = {
    Lang.ID: ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"),
    Lang.EN: ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
_ONES_ID = (
    "",
    "satu",
    "dua",
    "tiga",
    "empat",
    "lima",
    "enam",
    "tujuh",
    "delapan",
    "sembilan",
    "sepuluh",
    "sebelas",
)
BLANK_NAME = "(" + "." * 40 + ")"  # a name to be written in by hand


def words_id(n: int) -> str:
    """A whole number in Indonesian words (`2022` -> `dua ribu dua puluh dua`), as minutes
    write dates; 0 to 999 999 999."""
    if not 0 <= n < 1_000_000_000:
        raise ValueError(f"{n} is out of range for words")
    if n == 0:
        return "nol"
    if n < 12:
        return _ONES_ID[n]
    if n < 20:
        return f"{_ONES_ID[n - 10]} belas"
    if n < 100:
        tens, rest = divmod(n, 10)
        return " ".join(w for w in (f"{_ONES_ID[tens]} puluh", _ONES_ID[rest]) if w)
    for size, name, single in (
        (1_000_000, "juta", "satu juta"),
        (1000, "ribu", "seribu"),
        (100, "ratus", "seratus"),
    ):
        if n >= size:
            head, rest = divmod(n, size)
            first = single if head == 1 else f"{words_id(head)} {name}"
            return first if rest == 0 else f"{first} {words_id(rest)}"
    raise AssertionError("unreachable")


def date_in_words(day: date, lang: Lang) -> str:
    """The meeting's date as minutes open: `Senin, tanggal dua puluh lima bulan April tahun
    dua ribu dua puluh dua (25 April 2022)` / `Monday, 25 April 2022`."""
    weekday = DAY_NAMES[lang][day.weekday()]
    if lang is Lang.EN:
        return f"{weekday}, {format_date(day, lang)}"
    return (
        f"{weekday}, tanggal {words_id(day.day)} bulan {MONTH_NAMES_ID[day.month]} tahun "
        f"{words_id(day.year)} ({format_date(day, lang)})"
    )


@dataclass(frozen=True)
class CountRow:
    label: str
    value: str


@dataclass(frozen=True)
class NomineeRow:
    number: str
    rank: str
    title: str
    agency: str
    total: str
    provisional: str = ""  # what keeps the total provisional ("" when it is final)

    @property
    def total_shown(self) -> str:
        """The total with its provisional marker, when it has one."""
        return f"{self.total} ({self.provisional})" if self.provisional else self.total


@dataclass(frozen=True)
class Signature:
    role: str
    name: str  # BLANK_NAME when the settings name nobody
    position: str
    nip: str  # "" without one


@dataclass(frozen=True)
class MinutesView:
    lang: str
    title: str  # the document's title with its region or call, for the HTML title
    region: str
    unit: str
    call: str
    opening: str
    panel_intro: str
    panel: tuple[Signature, ...]
    received: str
    counts: tuple[CountRow, ...]
    nominees_intro: str
    nominees: tuple[NomineeRow, ...]
    skipped: tuple[str, ...]  # scored proposals ranked above the last nominee, with the reason
    provisional: str
    decision: str
    moves: tuple[str, ...]
    decision_note: str
    closing: str
    place_date: str
    signatures: tuple[Signature, ...]  # the chair and the members of the panel
    officials: tuple[Signature, ...]  # who acknowledge (mengetahui)


def _meeting_day(results: Results) -> date:
    settings = results.run.settings
    if settings is not None and settings.meeting_date is not None:
        return settings.meeting_date
    return datetime.fromisoformat(results.run.finished_at).date()


def _signature(role: str, person: Person | None, lang: Lang) -> Signature:
    if person is None:
        return Signature(role=role, name=BLANK_NAME, position="", nip="")
    nip = tr("minutes.nip", lang, nip=person.nip) if person.nip else ""
    return Signature(role=role, name=person.name, position=person.position or "", nip=nip)


def _panel(results: Results, lang: Lang) -> tuple[Signature, ...]:
    """The panel present: the chair, then the members (the settings' or, without them, the
    review panel's reviewers)."""
    settings = results.run.settings
    chair_role, member_role = tr("minutes.role.chair", lang), tr("minutes.role.member", lang)
    if settings is not None:
        members = [_signature(member_role, m, lang) for m in settings.members]
        return (_signature(chair_role, settings.chair, lang), *members)
    reviewers = [] if results.reviews is None else results.reviews.progress
    members = [_signature(member_role, Person(name=r.name), lang) for r in reviewers]
    return (_signature(chair_role, None, lang), *members)


def _opening(results: Results, rubric: Rubric, lang: Lang) -> str:
    settings = results.run.settings
    parts = [tr("minutes.opening.when", lang, day=date_in_words(_meeting_day(results), lang))]
    if settings is not None and settings.place:
        parts.append(tr("minutes.opening.place", lang, place=settings.place))
    if settings is not None and settings.basis:
        parts.append(tr("minutes.opening.basis", lang, basis=settings.basis))
    region = region_name(results)
    held = (
        tr("minutes.opening.held_region", lang, call=call_name(results, rubric), region=region)
        if region
        else tr("minutes.opening.held", lang, call=call_name(results, rubric))
    )
    return " ".join([*parts, held])


def _counts(results: Results, lang: Lang) -> tuple[CountRow, ...]:
    summary = results.summary
    # files first, with those that held no readable proposal; then the proposals, whose
    # statuses add up to their count
    rows = [
        ("minutes.count.files", summary.files),
        ("minutes.count.unread", summary.unread),
        ("minutes.count.proposals", summary.proposals),
        ("status.label.shortlisted", summary.shortlisted),
        ("status.label.scored", summary.scored),
        ("status.label.ineligible", summary.ineligible),
        ("status.label.invalid", summary.invalid),
    ]
    return tuple(
        CountRow(label=_capitalised(tr(key, lang)), value=format_number(value, lang))
        for key, value in rows
    )


def _capitalised(label: str) -> str:
    return label[:1].upper() + label[1:]


def _nominees(results: Results, lang: Lang) -> tuple[NomineeRow, ...]:
    chosen = [p for p in results.proposals if p.status is ProposalStatus.SHORTLISTED]
    chosen.sort(key=lambda p: (p.rank is None, p.rank or 0, p.id))
    return tuple(
        NomineeRow(
            number=str(i),
            rank=MISSING if p.rank is None else str(p.rank),
            title=shown_title(p, lang),
            agency=p.agency or tr("doc.not_given", lang),
            total=MISSING if p.total is None else format_number(p.total, lang, decimals=2),
            provisional=provisional_note(p, lang),
        )
        for i, p in enumerate(chosen, start=1)
    )


def _skipped(results: Results, lang: Lang) -> tuple[str, ...]:
    ranks = [
        p.rank
        for p in results.proposals
        if p.status is ProposalStatus.SHORTLISTED and p.rank is not None
    ]
    if not ranks:
        return ()
    left = [
        p
        for p in results.proposals
        if p.status is ProposalStatus.SCORED and p.rank is not None and p.rank < max(ranks)
    ]
    left.sort(key=lambda p: p.rank or 0)
    return tuple(
        tr(
            "minutes.skipped",
            lang,
            title=shown_title(p, lang),
            agency=p.agency or tr("doc.not_given", lang),
            reason=p.reason,
        )
        for p in left
    )


def minutes_view(results: Results, rubric: Rubric) -> MinutesView:
    """The minutes of the selection, in the run's language."""
    lang = results.run.lang
    settings = results.run.settings
    summary = results.summary
    scored = summary.shortlisted + summary.scored
    reviewers = 0 if results.reviews is None else len(results.reviews.progress)
    received = tr(
        "minutes.received.unread" if summary.unread else "minutes.received",
        lang,
        files=summary.files,
        readable=summary.files - summary.unread,
        unread=summary.unread,
        proposals=summary.proposals,
        checked=summary.proposals - summary.invalid,
        scored=scored,
    )
    if reviewers:
        received = " ".join([received, tr("minutes.received.reviewers", lang, n=reviewers)])
    if settings is not None and settings.review_deadline is not None:
        deadline = format_date(settings.review_deadline, lang)
        received = " ".join([received, tr("minutes.received.deadline", lang, date=deadline)])
    approval = approval_view(results, lang)
    day = _meeting_day(results)
    city = settings.city if settings is not None and settings.city else ""
    officials = () if settings is None else settings.officials
    coordinator = (
        () if settings is None or settings.coordinator is None else (settings.coordinator,)
    )
    region = region_name(results)
    title = tr("minutes.title", lang)
    return MinutesView(
        lang=lang.value,
        title=f"{title}: {region or call_name(results, rubric)}",
        region=region,
        unit="" if settings is None or settings.unit is None else settings.unit,
        call=call_name(results, rubric),
        opening=_opening(results, rubric, lang),
        panel_intro=tr("minutes.panel.intro", lang),
        panel=_panel(results, lang),
        received=received,
        counts=_counts(results, lang),
        nominees_intro=tr("minutes.nominees.intro", lang, n=summary.shortlisted),
        nominees=_nominees(results, lang),
        skipped=_skipped(results, lang),
        provisional=provisional_notice(results, rubric, lang),
        decision=(
            tr("minutes.decision.none", lang)
            if approval is None
            else " ".join(s for s in (approval.summary, approval.note) if s)
        ),
        moves=() if approval is None else approval.moves,
        decision_note=tr("minutes.decision.moves", lang) if approval and approval.moves else "",
        closing=tr("minutes.closing", lang),
        place_date=f"{city}, {format_date(day, lang)}" if city else format_date(day, lang),
        signatures=_panel(results, lang),
        officials=(
            *(_signature(tr("minutes.role.coordinator", lang), c, lang) for c in coordinator),
            *(_signature(tr("minutes.role.official", lang), o, lang) for o in officials),
        ),
    )
