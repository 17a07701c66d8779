"""Reading the inputs while Prefect's embedded server starts.

`kipp run` without `PREFECT_API_URL` first waits several seconds for the embedded server (a
separate process, launched at the command's start: `kipp_app.server.embedded`) to answer.
The first stages of the pipeline (rubric, corpus, batch, prior art, corpus index) need no
server: `start` runs them in a background thread meanwhile (the server's process runs on
the other core), with the same stage functions, and the flow's runner `take`s each result
instead of running the stage again. The tasks still appear in the flow's run only when the
runner runs them; a stage taken here was done earlier, on the same inputs.

A result is handed over only when nothing could have changed it: the stage's inputs are
the same values (by content) as when it ran, and the files it read (the batch folder, the
rubric or corpus file given) have the same names, sizes and modification times as before
it read them. Otherwise, or when the stage failed, `take` returns None and the runner runs
the stage (and meets and reports any problem). Each result is handed over once.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from kipp.core.caching import value_digest
from kipp.pipeline import PIPELINE, Stage

Signature = tuple[tuple[str, int, int], ...]
AHEAD = ("batch", "index")  # what is read ahead, with the stages leading to it


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


_READS = {"rubric": "rubric_path", "corpus": "corpus_path", "batch": "batch_folder"}


def _files(stage: Stage, inputs: Mapping[str, object]) -> Signature:
    """The signature of the files `stage` reads from its inputs' paths (none if bundled)."""
    name = _READS.get(stage.name)
    path = inputs.get(name) if name else None
    return signature(path) if isinstance(path, Path) else ()


@dataclass(frozen=True)
class Taken:
    """A stage's output, read ahead."""

    value: object


@dataclass(frozen=True)
class _Read:
    inputs: dict[str, object]
    files: Signature
    output: object


_lock = threading.Lock()
_reads: dict[str, Future[_Read]] = {}
_given: dict[str, object] = {}
_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kipp-prefetch")


def start(given: Mapping[str, object], done: Mapping[str, object] | None = None) -> None:
    """Begin running the stages that lead to the batch and the corpus index from the values
    `given` (those a run starts from), in the background. Stages whose outputs are `done`
    already (the rubric and corpus `kipp run` read to check them) are not run again: they
    are handed over as they are. Problems are left for the run."""
    done = dict(done or {})
    try:
        stages = PIPELINE.to(*AHEAD, given=given).stages
    except KeyError:
        return
    futures: dict[str, Future[_Read]] = {stage.name: Future() for stage in stages}
    with _lock:
        _reads.clear()
        _reads.update(futures)
        _given.clear()
        _given.update(given)

    def work() -> None:
        values = dict(given)
        for stage in stages:
            future = futures[stage.name]
            try:
                inputs = {n: values[n] for n in stage.inputs if n in values}
                files = _files(stage, inputs)
                output = done[stage.name] if stage.name in done else stage.function(**inputs)
            except BaseException as exc:  # the run meets it again, and reports it
                for rest in futures.values():
                    if not rest.done():
                        rest.set_exception(exc)
                return
            values[stage.name] = output
            future.set_result(_Read(inputs, files, output))

    _pool.submit(work)


def given_value(name: str) -> object | None:
    """A value the read ahead started from (e.g. the parse cache), for the run to give the
    same one; None when nothing was started."""
    with _lock:
        return _given.get(name)


def _same(a: object, b: object) -> bool:
    if a is b:
        return True
    try:
        return value_digest(a) == value_digest(b)
    except TypeError:  # no content digest (a cache, a batch): only the same object will do
        return False


def take(stage: Stage, inputs: Mapping[str, object]) -> Taken | None:
    """The output of `stage` read ahead, if it ran on the same inputs and the files it read
    are unchanged; else None."""
    with _lock:
        future = _reads.pop(stage.name, None)
    if future is None:
        return None
    try:
        read = future.result()
    except BaseException:
        return None
    if read.inputs.keys() != inputs.keys():
        return None
    if not all(_same(read.inputs[name], inputs[name]) for name in inputs):
        return None
    if _files(stage, inputs) != read.files:
        return None  # a file changed while it was read: read it again
    return Taken(read.output)
