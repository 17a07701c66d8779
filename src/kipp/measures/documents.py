"""What of a proposal or a prior innovation is compared, as lists of normalised words.

A document is the title (acronym titles count their expansion too) plus the idea text: for
a prior innovation its description, for a proposal the sections that say what the
innovation is and why (`IDEA_SECTIONS`: summary, novelty, background). Implementation,
significance and the other sections describe any innovation in the same words and made
replications and unrelated pairs overlap; counting the title twice lowered replications (a
replication under a new name shares none of its title): docs/novelty.md has the figures.

Each document masks its own place words and the vocabulary of administration (`own_mask`: a
proposal its own region and agency, as a corpus entry does), and a proposal's mentions of its
own agency are removed, so a proposal's words depend on its own fields only.

The one batch-wide step is the boilerplate drop: a unit of text (a sentence-like piece) found
in `BOILERPLATE_MIN` or more proposals of the batch (a city's vision statement, the form's
phrasing), or in that many corpus entries, is dropped. Its effect on independence is
bounded: editing proposal A changes another proposal B's words only when the edit adds or
removes a unit that B contains verbatim and that is thereby found in `BOILERPLATE_MIN`
proposals or no longer is (B then shares that sentence with A word for word). An edit that
touches no sentence shared with two other proposals changes no other proposal's words.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from kipp.core.models import Proposal
from kipp.measures.corpus import PriorInnovation
from kipp.measures.text import (
    agency_phrase,
    own_mask,
    remove_phrase,
    title_tokens,
    tokens,
    units,
)

IDEA_SECTIONS = ("summary", "novelty", "background")
TITLE_WEIGHT = 1
# A unit found in this many documents is boilerplate. Two is not enough: two proposals
# sharing sentences is exactly the duplicate the measure must find.
BOILERPLATE_MIN = 3


def _units(texts: Sequence[str]) -> list[tuple[str, list[str]]]:
    # each unit tokenised once, unmasked: its key for spotting repeats, and its words
    found = []
    for text in texts:
        for unit in units(text):
            words = tokens(unit)
            found.append((" ".join(words), words))
    return found


def boilerplate(
    documents: Iterable[list[tuple[str, list[str]]]], minimum: int = BOILERPLATE_MIN
) -> frozenset[str]:
    """Unit keys found in at least `minimum` of the documents (given as their units)."""
    seen: Counter[str] = Counter()
    for document in documents:
        seen.update({key for key, _ in document if key})
    return frozenset(key for key, count in seen.items() if count >= minimum)


def _idea_words(
    document: list[tuple[str, list[str]]], drop: frozenset[str], mask: frozenset[str]
) -> list[str]:
    return [w for key, words in document if key not in drop for w in words if w not in mask]


def proposal_texts(proposal: Proposal) -> list[str]:
    """The idea sections of a proposal that are not empty, in `IDEA_SECTIONS` order."""
    given = dict(proposal.sections.items())
    return [text for name in IDEA_SECTIONS if (text := given.get(name))]


def proposal_documents(proposals: Sequence[Proposal]) -> list[list[str]]:
    """One word list per proposal, in order (see the module docstring): each masks its
    own region's and agency's place words and the administrative vocabulary."""
    split = [_units(proposal_texts(p)) for p in proposals]
    drop = boilerplate(split)
    documents: list[list[str]] = []
    for proposal, own in zip(proposals, split, strict=True):
        mask = own_mask(proposal.region, proposal.agency)
        words = _idea_words(own, drop, mask)
        words = remove_phrase(words, agency_phrase(proposal.agency, mask))
        documents.append(title_tokens(proposal.title, mask) * TITLE_WEIGHT + words)
    return documents


def corpus_documents(entries: Sequence[PriorInnovation]) -> list[list[str]]:
    """One word list per prior innovation, in order. Each entry's own place words are
    masked in its own text only: masking every corpus region everywhere would also mask
    common words that happen to be place names (Batu, Daya, Bangsal)."""
    split = [_units([e.description]) for e in entries]
    drop = boilerplate(split)
    documents: list[list[str]] = []
    for entry, own in zip(entries, split, strict=True):
        mask = own_mask(entry.region, entry.agency)
        words = _idea_words(own, drop, mask)
        documents.append(title_tokens(entry.title, mask) * TITLE_WEIGHT + words)
    return documents
