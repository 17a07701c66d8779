"""A cache of parsed and validated files, so reading a batch folder again parses only the
files whose result can have changed.

A file's result is reused only when everything it was computed from is the same: its bytes
(their sha256), the path it is shown under and the id it defaults to, the call's choices,
the reading limits, and the code that parsed it (`kipp.core.caching.code_version`, the Python
version and the versions of the libraries that parse and validate). Each of those is part
of the file's key, so a stale result is never looked up, only left behind; every read
writes back only the keys it used.

Storage: one file per batch folder, `<cache dir>/intake/batch-<sha256 of the folder's
absolute path>.pickle`, holding one pickled result per key. Each result is pickled when it
is computed, and unpickled into fresh objects on every hit, so nothing a read does to its
entries afterwards (the batch-wide duplicate check appends problems) can leak into the next
read. A missing, truncated or unreadable cache file is an empty cache, and a cache that
cannot be written is skipped: the cache can only save time, never fail or change a read.
Only kipp's own models, enums and dataclasses and `datetime` values are unpickled, so a
doctored cache file can at worst give wrong results (the cache trusts its folder), not run
code of its choosing.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import enum
import hashlib
import importlib.metadata
import io
import json
import os
import pickle
import sys
import tempfile
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel

from kipp.core.caching import cache_dir, code_version, digest
from kipp.core.models import CallChoices
from kipp.intake.reading import Limits

FORMAT_VERSION = 3
"""Raise it when what is cached changes shape: older cache files then read as empty."""
SUBFOLDER = "intake"
_MAGIC = "kipp-intake-cache"
_PROTOCOL = 5
_LIBRARIES = ("pydantic", "pydantic-core", "PyYAML", "python-calamine")
_DATETIME_TYPES = (datetime.date, datetime.datetime, datetime.time, datetime.timedelta)

T = TypeVar("T")


@cache
def environment() -> str:
    """What every cached result depends on besides its inputs: the cache format, kipp's code,
    Python and the parsing and validating libraries (computed once)."""
    versions = []
    for name in _LIBRARIES:
        try:
            versions.append(f"{name}=={importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            versions.append(f"{name} absent")
    libyaml = "libyaml" if getattr(yaml, "__with_libyaml__", False) else "pure-python yaml"
    return digest(str(FORMAT_VERSION), code_version(), sys.version, *versions, libyaml)


def _choice_list(values: Sequence[str]) -> Any:
    # a string is a Sequence too, but `in` on it finds substrings: keep it apart from a list
    return values if isinstance(values, str) else list(values)


def choices_json(choices: CallChoices) -> str:
    """The call's choices as canonical JSON (order kept: it is the order a problem lists)."""
    return json.dumps(
        {
            "groups": _choice_list(choices.groups),
            "categories": _choice_list(choices.categories),
        },
        ensure_ascii=False,
        default=repr,
    )


class _NoGlobals(pickle.Unpickler):
    """Unpickles plain data only (the cache file's outer dict of bytes)."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the cache file")


class _ResultUnpickler(pickle.Unpickler):
    """Unpickles a cached result: kipp's models, enums and dataclasses, and dates."""

    def find_class(self, module: str, name: str) -> Any:
        found = _ALLOWED.get((module, name))  # a dozen classes, looked up ~10 times a file
        if found is not None:
            return found
        ours = (module == "kipp" or module.startswith("kipp.")) and module in sys.modules
        found = super().find_class(module, name) if ours or module == "datetime" else None
        if found in _DATETIME_TYPES or (
            ours
            and isinstance(found, type)
            and (issubclass(found, (BaseModel, enum.Enum)) or dataclasses.is_dataclass(found))
        ):
            _ALLOWED[module, name] = found
            return found
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a cached result")


_ALLOWED: dict[tuple[str, str], Any] = {}


def _read_store(path: Path) -> dict[str, bytes]:
    """The results stored in `path`; empty when it is missing, truncated, unreadable or of
    another format version."""
    try:
        with open(path, "rb") as handle:
            stored = _NoGlobals(handle).load()
    except Exception:  # missing, unreadable or damaged: an empty cache, never an error
        return {}
    if not (
        isinstance(stored, tuple)
        and len(stored) == 3
        and stored[0] == _MAGIC
        and stored[1] == FORMAT_VERSION
        and isinstance(stored[2], dict)
    ):
        return {}
    return {k: v for k, v in stored[2].items() if isinstance(k, str) and isinstance(v, bytes)}


def _write_store(path: Path, results: dict[str, bytes]) -> None:
    """Replace `path` with `results` atomically (a temporary file beside it, renamed over it);
    raises OSError when it cannot."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:  # streamed: no second copy of ~50 MB in memory
            pickle.dump((_MAGIC, FORMAT_VERSION, results), stream, protocol=_PROTOCOL)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


class ParseCache:
    """Parsed and validated files kept between reads of a batch folder (pass it to
    `read_proposals`). `hits` and `misses` count the files of the latest read that came from
    the cache and that were parsed. One read at a time per object."""

    def __init__(self, directory: Path | None = None) -> None:
        """`directory`: where the cache files go; by default `cache_dir() / "intake"`, looked
        up on every read."""
        self._directory = directory
        self.hits = 0
        self.misses = 0

    @property
    def directory(self) -> Path:
        """The folder that holds one cache file per batch folder."""
        return self._directory if self._directory is not None else cache_dir() / SUBFOLDER

    def file_for(self, folder: Path) -> Path:
        """The cache file of a batch folder (named by the hash of its absolute path)."""
        name = hashlib.sha256(os.fsencode(folder.resolve())).hexdigest()
        return self.directory / f"batch-{name}.pickle"

    def open(self, folder: Path, choices: CallChoices, limits: Limits) -> FolderCache:
        """Start a read of `folder`: load its cache file once (resetting the counts)."""
        self.hits = 0
        self.misses = 0
        path = self.file_for(folder)
        return FolderCache(self, path, _read_store(path), choices, limits)


class FolderCache:
    """The cache during one read of one batch folder (made by `ParseCache.open`)."""

    def __init__(
        self,
        owner: ParseCache,
        path: Path,
        stored: dict[str, bytes],
        choices: CallChoices,
        limits: Limits,
    ) -> None:
        self._owner = owner
        self._path = path
        self._stored = stored
        self._used: dict[str, bytes] = {}
        self._added = False
        self._context = digest(environment(), limits.model_dump_json(), choices_json(choices))

    def key(self, sha256: str, shown: str, default_id: str) -> str:
        """The key of one file's result: its bytes' hash, the path it is shown under, the id
        it defaults to, and the read's context (code, limits, choices)."""
        return digest(self._context, sha256, shown, default_id)

    def lookup(self, key: str, kind: type[T]) -> T | None:
        """A fresh copy of the result stored under `key`, or None (counted as a miss) when
        there is none, or it cannot be unpickled as a `kind`."""
        blob = self._stored.get(key)
        if blob is not None:
            try:
                result = _ResultUnpickler(io.BytesIO(blob)).load()
            except Exception:  # damaged or refused: parse the file again
                result = None
            if isinstance(result, kind):
                self._used[key] = blob
                self._owner.hits += 1
                return result
        self._owner.misses += 1
        return None

    def store(self, key: str, result: object, blob: bytes = b"") -> None:
        """Keep `result` under `key`, pickled now (what happens to it later is not kept), or
        as `blob` when it was already pickled (by a parsing worker); a result that cannot be
        pickled is simply not cached."""
        if not blob:
            try:
                blob = pickle.dumps(result, protocol=_PROTOCOL)
            except Exception:  # e.g. too deeply nested: the file is parsed again next time
                return
        self._used[key] = blob
        self._added = True

    def close(self) -> None:
        """Write back the results this read used, when they differ from what was loaded; a
        cache that cannot be written (read-only, full disk) is left as it was."""
        if not self._added and self._used.keys() == self._stored.keys():
            return
        with contextlib.suppress(OSError):  # the next read parses those files again
            _write_store(self._path, self._used)
