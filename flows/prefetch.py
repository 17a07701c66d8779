"""Reading the inputs while Prefect's embedded server starts.

`kipp run` without `PREFECT_API_URL` first waits several seconds for the embedded server (a
separate process, launched at the command's start: `flows/embedded.py`) to answer. Reading
the batch (through the parse cache), the corpus and the corpus's index needs no server:
`start` does it in a background thread meanwhile (the server's process runs on the other
core), and the flow's tasks `take` the results instead of reading again. The tasks still
run in the flow, so the run records them as usual; only their work was done earlier.

A result is handed over only when nothing could have changed it: the same folder, call
choices and limits (batch), the same file (corpus), and the same files, sizes and
modification times as when the read started. Otherwise, or when a read failed, `take_*`
returns None and the task reads for itself (and meets and reports any problem). Each result
is handed over once.
"""

import os
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from kipp.corpus import Corpus, load_corpus
from kipp.intake import Batch, Limits, ParseCache, load_batch
from kipp.measures.similarity import CorpusIndex, index_key
from kipp.models import CallChoices
from kipp.rubric import load_rubric

Signature = tuple[tuple[str, int, int], ...]


def signature(path: Path) -> Signature:
    """Every file at or below `path` with its size and modification time (ns), sorted."""
    found: list[tuple[str, int, int]] = []
    paths = [path] if path.is_file() else []
    for root, _dirs, names in os.walk(path):
        paths.extend(Path(root) / name for name in names)
    for item in paths:
        try:
            info = os.lstat(item)
        except OSError:
            continue
        found.append((str(item), info.st_size, info.st_mtime_ns))
    return tuple(sorted(found))


@dataclass
class _Job:
    batch: Path
    choices: CallChoices
    limits: Limits
    batch_signature: Signature
    batch_read: "Future[Batch]"
    batch_cache: ParseCache
    corpus: str | None
    corpus_signature: Signature
    corpus_read: "Future[Corpus]"
    index_read: "Future[CorpusIndex]"


_lock = threading.Lock()
_job: _Job | None = None
_taken: set[str] = set()
_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kipp-prefetch")


def start(batch: str, rubric: str | None, corpus: str | None, index_dir: Path) -> None:
    """Begin reading `batch` (with the call choices of `rubric`), the corpus and its index
    (from or into `index_dir`) in the background. Problems are left for the tasks."""
    global _job
    try:
        folder = Path(batch)  # as given: entries name their files through it
        if not folder.is_dir():
            return
        loaded = load_rubric(Path(rubric) if rubric else None).rubric
        choices, limits = loaded.call.choices(), Limits()
        corpus_path = Path(corpus) if corpus else None
        batch_signature = signature(folder)
        corpus_signature = signature(corpus_path) if corpus_path else ()
    except Exception:  # the flow reads and reports it properly
        return

    def read_index() -> CorpusIndex:
        prior_art = corpus_read.result().until(loaded.call.prior_art_cutoff)
        index = CorpusIndex.cached(index_dir, prior_art)
        index.weighted_t  # noqa: B018  (computed now, used by novelty)
        return index

    batch_cache = ParseCache()  # files parsed by an earlier run are not parsed again
    batch_read = _pool.submit(load_batch, folder, choices, limits, batch_cache)
    corpus_read = _pool.submit(load_corpus, corpus_path)
    index_read = _pool.submit(read_index)
    with _lock:
        _job = _Job(
            folder,
            choices,
            limits,
            batch_signature,
            batch_read,
            batch_cache,
            corpus,
            corpus_signature,
            corpus_read,
            index_read,
        )
        _taken.clear()


def _claim(what: str) -> _Job | None:
    with _lock:
        if _job is None or what in _taken:
            return None
        _taken.add(what)
        return _job


def take_batch(batch: str, choices: CallChoices, limits: Limits) -> Batch | None:
    """The batch read by `start`, if read from exactly these inputs; else None."""
    job = _claim("batch")
    if job is None or (Path(batch), choices, limits) != (job.batch, job.choices, job.limits):
        return None
    try:
        result = job.batch_read.result()
    except Exception:
        return None
    if signature(job.batch) != job.batch_signature:
        return None  # a file changed while it was read: read it again
    return result


def batch_cache() -> ParseCache | None:
    """The parse cache of the batch read by `start` (its hits and misses), if one was
    started."""
    with _lock:
        return _job.batch_cache if _job is not None else None


def take_corpus(path: str | None) -> Corpus | None:
    """The corpus read by `start`, if it is this one and unchanged; else None."""
    job = _claim("corpus")
    if job is None or path != job.corpus:
        return None
    try:
        result = job.corpus_read.result()
    except Exception:
        return None
    if path and signature(Path(path)) != job.corpus_signature:
        return None
    return result


def take_index(prior_art: Corpus) -> CorpusIndex | None:
    """The index read by `start`, if it is the index of `prior_art`; else None."""
    job = _claim("index")
    if job is None:
        return None
    try:
        index = job.index_read.result()
    except Exception:
        return None
    return index if index.key == index_key(prior_art) else None
