"""How a cached stage's output is stored as a Prefect result: as JSON, by the type the stage's
function returns.

Prefect pickles results by default. The novelty measures of a national batch are hundreds of
thousands of small pydantic models, and pickling them calls Python for each model's state,
both ways; pydantic writes and reads the same values as JSON in compiled code, several times
quicker (figures: bench/README.md). Reading back validates the JSON against the stage's type,
so what a run takes from its cache is a value of that type, equal to the one stored.

A value JSON cannot hold (text with a lone surrogate, the byte of a name that was not text)
is pickled instead, marked as such: storing never fails a run. The stored result names its
serializer and stage, so any process with kipp installed reads it back (a Prefect worker
of another machine that shares the cache folder).

On a cache hit Prefect reads the stored record twice: whole, to learn that it exists, then
again to use it, both times through `loads` (a national batch's novelty measures take
seconds each time). So `loads` keeps what it read last for each stage in each thread,
with the bytes it read it from, and the next `loads` of the same bytes there takes it
instead of reading them again; the runner lets it go (`forget`) once the stage's task has
returned, so nothing is kept beyond the one task run.
"""

from __future__ import annotations

import base64
import functools
import pickle
import threading
import typing
from typing import Any, Literal, cast

# D is Prefect's own type variable: a subclass parametrised by another is taken for a
# serializer of its own, without a type, and refused
from prefect.serializers import D, Serializer
from pydantic import TypeAdapter
from pydantic_core import PydanticSerializationError

from kipp.pipeline import PIPELINE

JSON_MARK = b"J"  # the stored bytes: this mark, then the output's JSON
PICKLE_MARK = b"P"  # or this one, then the output pickled (base64: the record is JSON text)


@functools.cache
def output_type(stage: str) -> TypeAdapter[Any]:
    """The type the function of the pipeline's stage `stage` returns, for pydantic."""
    return TypeAdapter(typing.get_type_hints(PIPELINE[stage].function)["return"])


# (stage, thread) -> (bytes, value read from them): Prefect's existence check and its read
# of a task run's record run in the task's thread
_read_last: dict[tuple[str, int], tuple[bytes, Any]] = {}
_read_lock = threading.Lock()


def forget(stage: str) -> None:
    """Let go of the values `loads` last read for `stage`, in any thread, if it holds any."""
    with _read_lock:
        for key in [k for k in _read_last if k[0] == stage]:
            del _read_last[key]


class StageOutputSerializer(Serializer[D]):
    """A stage's output as JSON of its function's return type (`output_type`); pickled where
    JSON cannot hold it."""

    type: Literal["kipp-stage-output"] = "kipp-stage-output"
    stage: str

    def dumps(self, obj: D) -> bytes:
        try:
            return JSON_MARK + output_type(self.stage).dump_json(obj)
        except PydanticSerializationError:
            return PICKLE_MARK + base64.b64encode(pickle.dumps(obj, protocol=5))

    def loads(self, blob: bytes) -> D:
        """The stored output; the same object when the previous `loads` of this stage read
        the same bytes (Prefect's existence check, then its read), which it then lets go."""
        key = (self.stage, threading.get_ident())
        with _read_lock:
            held = _read_last.pop(key, None)
        if held is not None and held[0] == blob:
            return cast(D, held[1])
        value = self._read(blob)
        with _read_lock:
            _read_last[key] = (blob, value)
        return value

    def _read(self, blob: bytes) -> D:
        if blob.startswith(PICKLE_MARK):
            return cast(D, pickle.loads(base64.b64decode(blob[1:])))
        if not blob.startswith(JSON_MARK):
            raise ValueError(f"not a stored output of stage {self.stage}")
        return cast(D, output_type(self.stage).validate_json(blob[1:]))
