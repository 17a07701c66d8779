"""Stages declared once, run by any runner.

A `Stage` is a domain function with named inputs; its output is a value named after the
stage. A `Pipeline` is the ordered list of stages. An entry point asks for the values it
needs (`Pipeline.to`), gives the values it starts from (paths, options), and runs the
stages that lead from one to the other with a runner: `call` runs them in this process, one
after the other; the Prefect flow's runner (`kipp_app.flows.runner`) runs each as a task,
with caching, retries and parts spread over workers, as the stage's declaration allows.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from kipp.core.i18n import Text

Values = dict[str, object]


@dataclass(frozen=True)
class Split:
    """How a stage may run in parts: its input `over` (a list of proposals) in consecutive
    parts of `size`, each with the inputs `by_id` (dicts keyed by proposal id) cut down to
    the part's ids. The parts' outputs (dicts keyed by proposal id) are merged in order."""

    over: str
    by_id: tuple[str, ...] = ()
    size: int = 200

    def parts(self, inputs: Mapping[str, object], size: int | None = None) -> list[Values]:
        """The inputs of each part, in order (one empty part for an empty list); parts of
        `size` when given (a run's choice), else of the stage's own size."""
        step = size or self.size
        items: Sequence[Any] = inputs[self.over]  # type: ignore[assignment]
        starts = range(0, len(items), step) if items else range(1)
        parts = []
        for start in starts:
            chunk = list(items[start : start + step])
            part = dict(inputs)
            part[self.over] = chunk
            for name in self.by_id:
                whole: Mapping[str, object] = inputs[name]  # type: ignore[assignment]
                part[name] = {item.id: whole[item.id] for item in chunk}
            parts.append(part)
        return parts


def merge(outputs: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """The outputs of a split stage's parts as one dict, in the parts' order."""
    merged: dict[str, Any] = {}
    for output in outputs:
        merged.update(output)
    return merged


@dataclass(frozen=True)
class Stage:
    """One step of the pipeline: `function` called with the values named by `inputs`; its
    output is the value named `name`.

    `cached`: pure and deterministic, so a runner may keep its output by the content of the
    inputs named by `key` (all of them unless given). `io`: reads or writes files, so a
    runner may retry a transient failure. `split`: may run in parts. `waits`: may wait for a
    person (the coordinator's decision), so a runner runs it in the run itself, where the run
    can pause or be suspended, never as a unit of work of its own. `summary`: one sentence
    on the output, for a run's log. An input the function has a default for is optional:
    the run passes it when it has the value."""

    name: str
    function: Callable[..., Any]
    inputs: tuple[str, ...]
    cached: bool = False
    key: tuple[str, ...] | None = None
    io: bool = False
    split: Split | None = None
    waits: bool = False
    summary: Callable[[Any], Text] | None = None
    optional: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        parameters = inspect.signature(self.function).parameters
        unknown = [name for name in self.inputs if name not in parameters]
        if unknown:
            raise TypeError(f"stage {self.name}: {self.function.__name__} takes no {unknown}")
        defaults = {n for n, p in parameters.items() if p.default is not inspect.Parameter.empty}
        object.__setattr__(self, "optional", frozenset(defaults & set(self.inputs)))

    @property
    def key_inputs(self) -> tuple[str, ...]:
        """The inputs a cached output is keyed by."""
        return self.inputs if self.key is None else self.key


class Runner(Protocol):
    """Runs one stage on its inputs and returns its output."""

    def __call__(self, stage: Stage, inputs: Mapping[str, object]) -> object: ...


def call(stage: Stage, inputs: Mapping[str, object]) -> object:
    """The plain runner: the stage's function, here and now (a split stage whole)."""
    return stage.function(**inputs)


@runtime_checkable
class Closeable(Protocol):
    """A value holding a resource (a child process) that a run releases when it ends."""

    def close(self) -> None: ...


@dataclass(frozen=True)
class Pipeline:
    """The stages in the order they run; every input of a stage is given to the run or is
    the output of an earlier stage."""

    stages: tuple[Stage, ...]
    by_name: dict[str, Stage] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_name", {s.name: s for s in self.stages})

    def __getitem__(self, name: str) -> Stage:
        return self.by_name[name]

    def to(self, *outputs: str, given: Iterable[str] = ()) -> Pipeline:
        """The stages needed to produce `outputs` from the values `given`, in order."""
        known = set(given)
        needed = {o for o in outputs if o not in known}
        for stage in reversed(self.stages):
            if stage.name in needed:
                needed.update(
                    i
                    for i in stage.inputs
                    if i not in known and (i not in stage.optional or i in self.by_name)
                )
        missing = sorted(n for n in needed if n not in self.by_name)
        if missing:
            raise KeyError(f"no stage gives {', '.join(missing)}; give them to the run")
        return Pipeline(tuple(s for s in self.stages if s.name in needed))

    def last_uses(self) -> dict[str, int]:
        """For each value a stage takes, the position of the last stage that takes it."""
        last: dict[str, int] = {}
        for position, stage in enumerate(self.stages):
            for name in stage.inputs:
                last[name] = position
        return last

    def run(
        self,
        given: Mapping[str, object],
        runner: Runner = call,
        after: Callable[[Stage, object], None] | None = None,
        keep: Collection[str] | None = None,
    ) -> Values:
        """Every stage in order with `runner`, starting from the values `given`; returns all
        values, or with `keep` only those named there (and those given): the others are let
        go as soon as the last stage that takes them has run, so a national run does not
        hold the corpus and its index while it writes the documents. `after` sees each
        stage's output as it comes. Values that hold a resource (`Closeable`) are kept to
        the end and closed then, whether the run finished or failed."""
        values: Values = dict(given)
        last = self.last_uses()
        try:
            for position, stage in enumerate(self.stages):
                inputs = {
                    n: values[n] for n in stage.inputs if n in values or n not in stage.optional
                }
                output = runner(stage, inputs)
                values[stage.name] = output
                if after is not None:
                    after(stage, output)
                del inputs, output
                if keep is not None:
                    done = [n for n in stage.inputs if last.get(n) == position]
                    if stage.name not in last:
                        done.append(stage.name)  # an output no stage takes
                    for name in done:
                        releasable = name not in keep and name not in given
                        if releasable and not isinstance(values.get(name), Closeable):
                            values.pop(name, None)
        finally:
            for name, value in values.items():
                if name not in given and isinstance(value, Closeable):
                    value.close()
        return values
