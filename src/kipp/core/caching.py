"""Content hashes for caching work between runs, and where caches live on disk.

A cached result may be reused only when everything it was computed from is the same: the
models it was given (hashed through their canonical JSON), the rubric and corpus files
(their sha256) and the code (`code_version`: the package version plus a hash of the package
sources, so an edited checkout never reuses results of the code before the edit).

The cache folder is `$KIPP_CACHE_DIR` when set, else `$XDG_CACHE_HOME/kipp`, else
`~/.cache/kipp`. Everything in it can be deleted at any time; it is rebuilt on demand.
"""

from __future__ import annotations

import hashlib
import os
import time
import weakref
from collections.abc import Callable, Iterable, Mapping
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

import kipp

CACHE_DIR_VARIABLE = "KIPP_CACHE_DIR"
_SOURCE_SUFFIXES = (".py", ".j2", ".yaml", ".yml", ".json", ".csv")
K = TypeVar("K")
T = TypeVar("T")
V = TypeVar("V")


def cache_dir() -> Path:
    """The folder for kipp's caches (read from the environment on every call)."""
    explicit = os.environ.get(CACHE_DIR_VARIABLE)
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "kipp"


# A file modified less than this before its status was taken may change again without its
# status showing it: file systems stamp times coarsely (to a few ms, or 2 s)
SETTLED_NS = 2_000_000_000

FileStatus = tuple[int, int, int, int, int]


def file_status(path: Path) -> FileStatus | None:
    """What changes when a file is written or replaced: its device, inode, size,
    modification and change times; None when there is nothing there."""
    try:
        return status_of(path.stat())
    except OSError:
        return None


def status_of(found: os.stat_result) -> FileStatus:
    """`file_status` of a status already taken (`os.stat`, `os.fstat`, `Path.lstat`)."""
    return (found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns)


def settled(status: FileStatus, at_ns: int | None = None) -> bool:
    """Whether a file of this status was last modified long enough (`SETTLED_NS`) before
    `at_ns` (`time.time_ns()`; now when None) that a change made since shows in its status."""
    return max(status[3:]) < (time.time_ns() if at_ns is None else at_ns) - SETTLED_NS


_DIGESTS: dict[int, bytes] = {}  # id of a live frozen model -> sha256 of its canonical JSON


def model_digest(model: BaseModel) -> bytes:
    """sha256 of one model's canonical JSON. A frozen model's is computed once while it lives
    (a run may key several things by the same proposals: each was serialised once per key);
    the entry goes when the model does. Pydantic's `frozen` is shallow: kipp never changes a
    list or dict inside a frozen model in place (it copies the model with `model_copy`), and
    that rule keeps this digest true."""
    found = _DIGESTS.get(id(model))
    if found is None:
        found = hashlib.sha256(model.model_dump_json().encode()).digest()
        remember_digest(model, found)  # kept only for a frozen model
    return found


def remember_digest(model: BaseModel, found: bytes) -> None:
    """Take `found` as the `model_digest` of frozen `model` while it lives: it was computed
    from the same content elsewhere (the process that parsed it, or an earlier run whose
    parsed result was cached and unpickled into `model`). Not for a model built here from
    other content: its digest would be wrong."""
    if not model.model_config.get("frozen"):
        return
    key = id(model)
    if key not in _DIGESTS:
        _DIGESTS[key] = found
        weakref.finalize(model, _DIGESTS.pop, key, None)


def models_digest(models: Iterable[BaseModel]) -> str:
    """sha256 over the models' `model_digest`s, in the order given (order matters: a batch
    in another order can rank ties differently)."""
    hashed = hashlib.sha256()
    for model in models:
        hashed.update(model_digest(model))
    return hashed.hexdigest()


def value_digest(value: object) -> str:
    """sha256 of what a value says, for a cache key: a file read whole by its `sha256` (a
    rubric, a corpus, with its number of entries), a model by its canonical JSON, mappings
    and sequences by their items in order, a plain value by its type and text."""
    if value is None or isinstance(value, str | int | float | bool | Path | Enum):
        return digest(type(value).__name__, str(value))
    sha256 = getattr(value, "sha256", None)
    if isinstance(sha256, str):
        entries = getattr(value, "entries", ())
        return digest(type(value).__name__, sha256, str(len(entries)))
    if isinstance(value, BaseModel):
        return model_digest(value).hex()
    if isinstance(value, Mapping):
        return digest(*(f"{key}\0{value_digest(item)}" for key, item in value.items()))
    if isinstance(value, list | tuple):
        if all(isinstance(item, BaseModel) for item in value):
            return models_digest(value)
        return digest(*(value_digest(item) for item in value))
    raise TypeError(f"no content digest for a {type(value).__name__}")


def digest(*parts: str) -> str:
    """sha256 of several strings, unambiguously joined."""
    hashed = hashlib.sha256()
    for part in parts:
        data = part.encode()
        hashed.update(len(data).to_bytes(8, "big"))
        hashed.update(data)
    return hashed.hexdigest()


def sources_digest(*folders_or_files: Path) -> str:
    """sha256 over the relative names and bytes of the source files under the given folders
    (and of the given files), in a stable order; bytecode caches are skipped."""
    hashed = hashlib.sha256()
    for root in folders_or_files:
        files = [root] if root.is_file() else sorted(root.rglob("*"))
        for path in files:
            if not path.is_file() or "__pycache__" in path.parts:
                continue
            if path.suffix not in _SOURCE_SUFFIXES:
                continue
            name = path.name if path == root else str(path.relative_to(root))
            hashed.update(name.encode() + b"\0")
            hashed.update(path.read_bytes())
            hashed.update(b"\0")
    return hashed.hexdigest()


@cache
def code_version() -> str:
    """`kipp.__version__` plus a hash of the installed package's sources (computed once)."""
    package = Path(kipp.__file__).resolve().parent
    return f"{kipp.__version__}+{sources_digest(package)[:16]}"


class Recall(Generic[K, V]):
    """Values one run computed, taken back by the next run of the same process: what a
    process that runs again (`kipp run --watch`) keeps between its runs, by a key that names
    every input a value is computed from. Nothing is kept unless that process asked for it
    (`keep_between_runs`), so a process that runs once holds nothing more. When a run that
    asked for values ends (`run_finished`), what it computed or took back is kept and the
    rest goes; a run that never asked (it failed before) leaves what was kept as it was.
    The threads of one run may share it: a value is the same whoever computes it first."""

    def __init__(self) -> None:
        self._kept: dict[K, V] = {}  # by the run that last asked
        self._now: dict[K, V] = {}  # computed or taken back by the run under way
        self._asked = False
        _RECALLS.add(self)

    @property
    def keeping(self) -> bool:
        """Whether this process keeps values between runs (when False, `get` finds nothing
        and `put` keeps nothing: a caller may skip computing keys)."""
        return _KEEPING

    def get(self, key: K) -> V | None:
        """The value kept under `key` by this run or the last one that asked, else None."""
        if not _KEEPING:
            return None
        self._asked = True
        found = self._now.get(key)
        if found is None:
            found = self._kept.get(key)
            if found is not None:
                self._now[key] = found
        return found

    def put(self, key: K, value: V) -> None:
        """Keep `value` for the next run (only in a process that keeps values)."""
        if _KEEPING:
            self._asked = True
            self._now[key] = value

    def computed(self, item: T, key: Callable[[T], K], compute: Callable[[T], V]) -> V:
        """The value kept under `key(item)`, else `compute(item)`, kept under it; in a
        process that keeps nothing, `compute(item)` (its key not computed)."""
        if not _KEEPING:
            return compute(item)
        name = key(item)
        found = self.get(name)
        if found is None:
            found = compute(item)
            self.put(name, found)
        return found

    def _finish(self) -> None:
        if self._asked:
            self._kept, self._now, self._asked = self._now, {}, False

    def _forget(self) -> None:
        self._kept, self._now, self._asked = {}, {}, False


_RECALLS: weakref.WeakSet[Recall[Any, Any]] = weakref.WeakSet()
_KEEPING = False


def keep_between_runs(keep: bool = True) -> None:
    """Make this process one that runs again (every `Recall` keeps from now on), or with
    `keep` False one that does not (every `Recall` emptied)."""
    global _KEEPING
    _KEEPING = keep
    if not keep:
        for recall in list(_RECALLS):
            recall._forget()


def run_finished() -> None:
    """A run of a process that runs again has ended, whether or not it succeeded: each
    `Recall` it asked keeps what the run computed or took back, and nothing else."""
    for recall in list(_RECALLS):
        recall._finish()
