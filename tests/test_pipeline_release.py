"""`Pipeline.run(keep=...)` lets each value go once the last stage that takes it has run:
a national run does not hold the corpus and its index while it writes the documents."""

from __future__ import annotations

import gc
import weakref
from typing import Any

from kipp.pipeline import PIPELINE, Pipeline, Stage


class Big:
    """A value whose release a test can see (through a weak reference)."""


class Resource:
    """A value holding a resource: kept to the end of the run, then closed."""

    def __init__(self) -> None:
        self.closed = False

    def close(self) -> None:
        self.closed = True


def _source(seed: int) -> Big:
    return Big()


def _index(source: Big) -> Big:
    return Big()


def _measure(index: Big, source: Big) -> int:
    return 7


def _child() -> Resource:
    return Resource()


def _report(measure: int, child: Resource) -> str:
    return f"report {measure}"


STAGES = Pipeline(
    (
        Stage("source", _source, ("seed",)),
        Stage("index", _index, ("source",)),
        Stage("child", _child, ()),
        Stage("measure", _measure, ("index", "source")),
        Stage("report", _report, ("measure", "child")),
    )
)


def _watching_run(keep: set[str] | None) -> tuple[dict[str, Any], dict[str, bool]]:
    """Runs STAGES and records, as each stage starts, which Big values are still alive."""
    refs: dict[str, weakref.ref[Big]] = {}
    alive_at_report: dict[str, bool] = {}

    def runner(stage: Stage, inputs: Any) -> object:
        if stage.name == "report":
            gc.collect()
            alive_at_report.update({name: ref() is not None for name, ref in refs.items()})
        value = stage.function(**inputs)
        if isinstance(value, Big):
            refs[stage.name] = weakref.ref(value)
        return value

    values = STAGES.run({"seed": 1}, runner, keep=keep)
    return values, alive_at_report


def test_with_keep_a_value_goes_once_the_last_stage_taking_it_has_run() -> None:
    values, alive = _watching_run(keep={"report"})

    assert alive == {"source": False, "index": False}
    assert sorted(values) == ["child", "report", "seed"]
    assert values["report"] == "report 7"


def test_without_keep_every_value_is_returned_as_before() -> None:
    values, alive = _watching_run(keep=None)

    assert alive == {"source": True, "index": True}
    assert sorted(values) == ["child", "index", "measure", "report", "seed", "source"]


def test_kept_names_given_values_and_resources_stay_and_resources_are_closed() -> None:
    values, alive = _watching_run(keep={"report", "source"})

    assert alive == {"source": True, "index": False}
    assert sorted(values) == ["child", "report", "seed", "source"]
    child = values["child"]
    assert isinstance(child, Resource) and child.closed


def test_a_run_of_the_pipeline_lets_the_corpus_and_its_index_go_before_the_documents() -> None:
    given = ("batch_folder", "rubric_path", "corpus_path", "out", "lang", "size", "started")
    stages = PIPELINE.to("documents", given=given)
    last = stages.last_uses()
    position = {stage.name: n for n, stage in enumerate(stages.stages)}

    assert last["corpus"] < position["results"]
    assert last["index"] == position["novelty"]
    assert last["prior_art"] == position["novelty"]
