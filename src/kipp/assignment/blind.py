"""Blind packets: the names a reviewer is not shown, and the codes that stand for proposals.

A blind packet's texts and title are masked of:
- every name the batch's agency registry (`_agencies.yaml`) knows for the proposal's agency:
  its name, aliases and named units, each also without the region's name and with its
  bracketed abbreviation alone; the agency as the proposal writes it, also from a unit
  prefix of the registry on (`UPT Puskesmas Kedundung` -> `Puskesmas Kedundung`) and without
  the registry agency's name at its end (`Bagian Umum Sekretariat Daerah` -> `Bagian Umum`);
  any unit of the agency's families written as a unit prefix and a proper name
  (`Puskesmas Gedongan`); and the place names of those units (`Jagalan`, from
  `Kelurahan Jagalan`: what follows a designation that several of the registry's units
  share);
- without a registry, or when it does not know the agency: the agency as written, also
  without its bracketed part and that part alone;
- the innovators' names (whole, then each capitalised part of three letters or more) and
  contacts.

The names of the registry's other agencies stay: a partner agency is part of what reviewers
judge (who collaborates, whether the idea travels), and tells far less about where a
proposal comes from than its own names do. The region's name stays too (every proposal
shares it).

In blind sheets a proposal is named by an opaque packet code (`PAKET-07`) instead of its id,
which often names the agency (`si-mapan-rsud`); `assignments.csv` keeps the code beside each
pair, so the coordinator can map it back and ingest reads completed sheets back to ids.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kipp.core.models import Proposal
from kipp.intake.registry import Agency, Matcher, Registry
from kipp.intake.review_sheets import PACKET_PREFIX
from kipp.reviews.models import Assignment

AGENCY_MASK = "[instansi]"
PERSON_MASK = "[inovator]"

_PARENS = re.compile(r"\(([^()]*)\)")
_WORD = re.compile(r"\w+")
Words = tuple[str, ...]


def _words(name: str) -> Words:
    return tuple(_WORD.findall(name))


def _folded(words: Sequence[str]) -> Words:
    return tuple(w.casefold() for w in words)


def _without(words: Words, part: Words) -> Words:
    """`words` with every run of `part` (compared ignoring case) taken out."""
    if not part:
        return words
    folded, target, n = _folded(words), _folded(part), len(part)
    kept: list[str] = []
    i = 0
    while i < len(words):
        if folded[i : i + n] == target:
            i += n
            continue
        kept.append(words[i])
        i += 1
    return tuple(kept)


def _starts(words: Words, prefix: Words) -> bool:
    return len(words) > len(prefix) and _folded(words[: len(prefix)]) == _folded(prefix)


def _forms(name: str, region: Words) -> set[Words]:
    """A name's word sequences: whole, without its bracketed part, that part alone, each
    also without the region's name."""
    forms = set()
    for candidate in (name, _PARENS.sub(" ", name), *_PARENS.findall(name)):
        words = _words(candidate)
        for form in (words, _without(words, region)):
            if form and _folded(form) != _folded(region):
                forms.add(form)
    return forms


def places(registry: Registry) -> dict[str, Words]:
    """Each named unit's place name, by unit: what follows the unit's first word when that
    word designates several units (`Kelurahan Jagalan` -> `Jagalan`)."""
    units = [_words(u) for a in registry.agencies for u in a.units]
    shared = Counter(u[0].casefold() for u in units if len(u) > 1)
    region = _folded(_words(registry.region))
    found = {}
    for unit in units:
        if len(unit) > 1 and shared[unit[0].casefold()] > 1:
            place = unit[1:]
            if sum(len(w) for w in place) >= 3 and _folded(place) != region:
                found[" ".join(unit)] = place
    return found


def _own_unit(written: Words, agency: Agency, region: Words) -> set[Words]:
    """The proposal's unit as written, from a unit prefix on and without the agency's name at
    its end (`Bagian Umum Sekretariat Daerah` -> `Bagian Umum`)."""
    prefixes = [_words(p) for p in agency.unit_prefixes]
    found = set()
    for start in range(1, len(written)):
        tail = written[start:]
        if any(_starts(tail, p) for p in prefixes):
            found.add(tail)
    for name in (agency.name, *agency.aliases):
        for form in _forms(name, region):
            n = len(form)
            if len(written) > n and _folded(written[-n:]) == _folded(form):
                head = written[:-n]
                if len(head) > 1 or any(_starts(head, p) for p in prefixes):
                    found.add(head)
    return found


def _phrase(words: Words) -> str:
    """The words as whole words, with up to three spaces or punctuation marks between; a
    word's start is checked once for all the names (`Masker.agency_pattern`)."""
    return r"\W{1,3}".join(re.escape(w) for w in words) + r"(?!\w)"


def _family(prefix: Words) -> str:
    """A unit prefix followed by a proper name on the same line (`Puskesmas Gedongan`)."""
    return rf"(?i:{_phrase(prefix)})(?:[ \t]+(?:[A-Z]\w*|\d+\w*))+"


@dataclass(frozen=True)
class Redactor:
    """Masks one proposal's agency and innovators in any of its texts."""

    agency: re.Pattern[str] | None
    people: re.Pattern[str] | None
    contacts: tuple[str, ...]

    def __call__(self, text: str) -> str:
        if self.agency is not None:
            text = self.agency.sub(AGENCY_MASK, text)
        if self.people is not None:
            text = self.people.sub(PERSON_MASK, text)
        for contact in self.contacts:
            text = text.replace(contact, PERSON_MASK)
        return text


class Masker:
    """Makes the `Redactor` of each proposal of a batch, reading the batch's agency registry
    (if it has one) once."""

    def __init__(self, registry: Registry | None = None) -> None:
        self.registry = registry
        self.region = _words(registry.region) if registry else ()
        self.matcher = Matcher(registry) if registry else None
        self.places = places(registry) if registry else {}
        self._patterns: dict[str, re.Pattern[str] | None] = {}

    def agency_pattern(self, written: str) -> re.Pattern[str] | None:
        """The masks of an agency written `written`, longest first (made once per spelling:
        a national batch has thousands of proposals from a few hundred agencies)."""
        if written not in self._patterns:
            parts = self._agency_patterns(written)
            # one pass over a text for all the names, tried in order at each word's start (so
            # the longest name that fits wins)
            either = "|".join(f"(?:{p})" for p in parts)
            self._patterns[written] = re.compile(rf"(?<!\w)(?:{either})") if parts else None
        return self._patterns[written]

    def _agency_patterns(self, written: str) -> list[str]:
        region = self.region
        names: set[Words] = set(_forms(written, region))
        families: set[Words] = set()
        bare = _without(_words(written), region)
        windows = {
            _folded(bare[i:j]) for i in range(len(bare)) for j in range(i + 1, len(bare) + 1)
        }
        place_names = {p for p in self.places.values() if _folded(p) in windows}
        matched = self.matcher.match(written) if self.matcher else None
        agency = (
            next((a for a in self.registry.agencies if a.name == matched), None)
            if self.registry
            else None
        )
        if agency is not None:
            for name in (agency.name, *agency.aliases, *agency.units):
                names |= _forms(name, region)
            names |= _own_unit(bare, agency, region)
            families = {_words(p) for p in agency.unit_prefixes}
            place_names |= {p for unit, p in self.places.items() if unit in agency.units}
        patterns = [_family(p) for p in sorted(families, key=lambda ws: (-len(ws), ws))]
        for ws in sorted(names, key=lambda ws: (-len(" ".join(ws)), ws)):
            patterns.append(f"(?i:{_phrase(ws)})")
        for place in sorted(place_names, key=lambda ws: (-len(" ".join(ws)), ws)):
            upper = tuple(w.upper() for w in place)
            patterns.append(f"{_phrase(place)}|{_phrase(upper)}")
        return patterns

    def redactor(self, proposal: Proposal) -> Redactor:
        """The masks of `proposal`'s blind packet (see the module's docstring)."""
        people = [i.name for i in proposal.innovators]
        parts = {part for name in people for part in re.split(r"[\s,.]+", name) if len(part) >= 3}
        names = "|".join(re.escape(name) for name in sorted(people, key=len, reverse=True))
        words = "|".join(re.escape(part) for part in sorted(parts, key=len, reverse=True))
        either = [f"(?i:{names})"] if names else []
        either += [rf"\b(?:{words})\b"] if words else []
        person = re.compile("|".join(either)) if either else None
        contacts = tuple(c for i in proposal.innovators for c in (i.email, i.phone) if c)
        return Redactor(self.agency_pattern(proposal.agency), person, contacts)


def redactor(proposal: Proposal, registry: Registry | None = None) -> Redactor:
    """The masks of `proposal`'s blind packet; `registry` is the batch's agency registry, if
    it has one."""
    return Masker(registry).redactor(proposal)


def redact(text: str, proposal: Proposal, registry: Registry | None = None) -> str:
    """`text` without `proposal`'s agency (every name `registry` knows for it) or its
    innovators' names and contacts."""
    return redactor(proposal, registry)(text)


def packet_codes(assignments: Sequence[Assignment], ids: Iterable[str] = ()) -> dict[str, str]:
    """An opaque code per assigned proposal (`PAKET-07`), by proposal id. The codes are
    shuffled by a digest of the whole assignment, so the same assignment gives the same
    codes while one reviewer's rows tell nothing of the order of ids; a code never equals a
    proposal id of `ids` or of `assignments`, ignoring case."""
    assigned = sorted({a.proposal for a in assignments})
    pairs = sorted((a.reviewer, a.proposal) for a in assignments)
    digest = hashlib.sha256("\n".join(f"{r},{p}" for r, p in pairs).encode("utf-8")).digest()
    order = list(assigned)
    random.Random(digest).shuffle(order)
    taken = {i.casefold() for i in (*assigned, *ids)}
    width = max(2, len(str(len(order))))
    codes: dict[str, str] = {}
    number = 0
    for pid in order:
        number += 1
        while f"{PACKET_PREFIX}{number:0{width}d}".casefold() in taken:
            number += 1
        codes[pid] = f"{PACKET_PREFIX}{number:0{width}d}"
    return codes
