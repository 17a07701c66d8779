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

import hashlib
import json
import multiprocessing
import os
import threading
from collections import Counter
from collections.abc import Iterable, Sequence
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from kipp.core.caching import model_digest
from kipp.core.models import Proposal
from kipp.core.workers import default_workers, process_pool
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

POOL_FROM = 2_000
"""Documents from which their units are found by worker processes (`units_of`): below it,
starting them costs about what they save."""
JOB = 1_000  # documents per worker job

Units = list[str]  # a document's units, each by its key: its content words, space-joined


def _units(texts: Sequence[str]) -> Units:
    # each unit tokenised once, unmasked: its key spots repeats and holds its words
    return [" ".join(tokens(unit)) for text in texts for unit in units(text)]


def _units_job(documents: Sequence[Sequence[str]]) -> list[Units]:
    return [_units(texts) for texts in documents]


def units_of(documents: Sequence[Sequence[str]], workers: int | None = None) -> list[Units]:
    """The units of each document (given as its texts), in order. From `POOL_FROM`
    documents they are found by `workers` processes (by default one per core), in jobs of
    `JOB`: a document's units depend on its own texts only, so the result is the same. Here
    instead in a process that may not start others (a Dask worker, a daemon), and for the
    jobs of a worker that died or could not start."""
    if workers is None:
        workers = default_workers()
    if workers < 2 or len(documents) < POOL_FROM or multiprocessing.current_process().daemon:
        return _units_job(documents)
    jobs = [documents[start : start + JOB] for start in range(0, len(documents), JOB)]
    found: list[Units] = []
    pool = process_pool(workers, [__name__])
    try:
        futures: list[Future[list[Units]] | None] = []
        for job in jobs:
            try:
                futures.append(pool.submit(_units_job, job))
            except (BrokenProcessPool, RuntimeError, OSError):
                futures.append(None)  # a worker died, or none could start: done here
        for job, future in zip(jobs, futures, strict=True):
            try:
                found.extend(_units_job(job) if future is None else future.result())
            except BrokenProcessPool:  # its worker died: this job's units are found here
                found.extend(_units_job(job))
    except BaseException:  # interrupted: the jobs not begun are dropped, not waited for
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    return found


def boilerplate(documents: Iterable[Units], minimum: int = BOILERPLATE_MIN) -> frozenset[str]:
    """Unit keys found in at least `minimum` of the documents (given as their units)."""
    seen: Counter[str] = Counter()
    for document in documents:
        seen.update({key for key in document if key})
    return frozenset(key for key, count in seen.items() if count >= minimum)


def _idea_words(document: Units, drop: frozenset[str], mask: frozenset[str]) -> list[str]:
    # the words of the units kept, in order: one split of them all (a word holds no space)
    kept = " ".join(key for key in document if key and key not in drop)
    return [w for w in kept.split(" ") if w not in mask] if kept else []


def proposal_texts(proposal: Proposal) -> list[str]:
    """The idea sections of a proposal that are not empty, in `IDEA_SECTIONS` order."""
    given = dict(proposal.sections.items())
    return [text for name in IDEA_SECTIONS if (text := given.get(name))]


def proposal_units(proposal: Proposal) -> Units:
    """The units of a proposal's idea sections, by their keys (unmasked: the same whatever
    the batch)."""
    return _units(proposal_texts(proposal))


class UnitStore:
    """The units of chunks of proposals, kept on disk under a content key
    (`<folder>/units-<key>.json`: the sha256 of `salt`, e.g. the code version, and of each
    proposal's canonical JSON). Finding a proposal's units is most of what its words cost,
    and they depend on its own text only, so a re-run finds them again for every proposal
    but those edited. Anything in the folder may be deleted at any time; a file that cannot
    be read, or does not hold one list of texts per proposal, is a miss."""

    def __init__(self, folder: Path, salt: str) -> None:
        self.folder = folder
        self.salt = salt
        self.hits = 0
        self.misses = 0

    def units(self, proposals: Sequence[Proposal]) -> list[Units]:
        """`proposal_units` of each of `proposals` (a chunk), stored or found now."""
        return self.chunks([proposals])

    def chunks(self, chunks: Sequence[Sequence[Proposal]]) -> list[Units]:
        """`proposal_units` of every proposal of `chunks`, in order: each chunk's stored
        units, else found now, those of every chunk not stored at once (`units_of`)."""
        paths = [self._path(chunk) for chunk in chunks]
        stored = [self._read(path, len(chunk)) for path, chunk in zip(paths, chunks, strict=True)]
        self.misses += stored.count(None)
        self.hits += len(stored) - stored.count(None)
        missing = [
            p for chunk, own in zip(chunks, stored, strict=True) if own is None for p in chunk
        ]
        found = iter(units_of([proposal_texts(p) for p in missing]))
        every: list[Units] = []
        for chunk, own, path in zip(chunks, stored, paths, strict=True):
            if own is None:
                own = [next(found) for _ in chunk]
                self._write(path, own)
            every.extend(own)
        return every

    def _path(self, proposals: Sequence[Proposal]) -> Path:
        digest = hashlib.sha256(self.salt.encode())
        for p in proposals:
            digest.update(model_digest(p))
        return self.folder / f"units-{digest.hexdigest()[:40]}.json"

    @staticmethod
    def _read(path: Path, count: int) -> list[list[str]] | None:
        try:
            stored: object = json.loads(path.read_bytes())
        except (OSError, ValueError):
            return None
        if not isinstance(stored, list) or len(stored) != count:
            return None
        keys: list[list[str]] = []
        for own in stored:
            if not isinstance(own, list) or not all(isinstance(k, str) for k in own):
                return None
            keys.append(own)
        return keys

    def _write(self, path: Path, keys: list[list[str]]) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            partial = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
            partial.write_text(json.dumps(keys, ensure_ascii=False), encoding="utf-8")
            partial.replace(path)
        except (OSError, ValueError):  # a cache not written is only slower next time
            return


def proposal_documents(
    proposals: Sequence[Proposal], split: Sequence[Units] | None = None
) -> list[list[str]]:
    """One word list per proposal, in order (see the module docstring): each masks its
    own region's and agency's place words and the administrative vocabulary. `split`, when
    given, holds each proposal's `proposal_units`, in the same order."""
    if split is None:
        split = units_of([proposal_texts(p) for p in proposals])
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
    split = units_of([[e.description] for e in entries])
    drop = boilerplate(split)
    documents: list[list[str]] = []
    for entry, own in zip(entries, split, strict=True):
        mask = own_mask(entry.region, entry.agency)
        words = _idea_words(own, drop, mask)
        documents.append(title_tokens(entry.title, mask) * TITLE_WEIGHT + words)
    return documents
