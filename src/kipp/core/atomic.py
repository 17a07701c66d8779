"""Writing a file whole or not at all: a crash never leaves a half-written file that looks
finished."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path


def write_atomic(path: Path, content: str | bytes) -> Path:
    """Write to a temporary file beside `path`, then rename over it: a crash never leaves a
    half-written file that looks finished."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    return write_atomic_stream(path, (data,))


def write_atomic_stream(path: Path, chunks: Iterable[bytes]) -> Path:
    """`write_atomic` for content made piece by piece: each chunk is written as it comes, so
    a large file (results.json of a national batch) is never held whole in memory."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes 0600; documents are shared
        with os.fdopen(handle, "wb") as stream:
            for chunk in chunks:
                stream.write(chunk)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
