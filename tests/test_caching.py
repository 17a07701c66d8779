"""Content digests of models: each frozen model serialised once while it lives."""

from __future__ import annotations

import gc
import hashlib

import pytest
from pydantic import BaseModel, ConfigDict

from kipp.core import caching
from kipp.core.caching import model_digest, models_digest


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)
    name: str
    values: tuple[int, ...] = ()


class Mutable(BaseModel):
    name: str


def test_a_models_digest_is_the_sha256_of_its_canonical_json() -> None:
    model = Frozen(name="Si Parto", values=(1, 2))

    assert model_digest(model) == hashlib.sha256(model.model_dump_json().encode()).digest()


def test_a_frozen_model_is_serialised_once_however_often_it_is_digested(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[str] = []
    original = Frozen.model_dump_json

    def counting(self: Frozen, **kwargs: object) -> str:
        calls.append(self.name)
        return original(self)

    monkeypatch.setattr(Frozen, "model_dump_json", counting)
    batch = [Frozen(name="a"), Frozen(name="b")]

    keys = {models_digest(batch) for _ in range(4)}

    assert len(keys) == 1
    assert calls == ["a", "b"]


def test_the_remembered_digest_goes_with_its_model() -> None:
    model = Frozen(name="short-lived")
    model_digest(model)
    key = id(model)
    assert key in caching._DIGESTS

    del model
    gc.collect()

    assert key not in caching._DIGESTS


def test_a_mutable_model_is_digested_as_it_is_now() -> None:
    model = Mutable(name="before")
    before = model_digest(model)

    model.name = "after"

    assert model_digest(model) != before


def test_the_order_of_the_models_changes_the_digest() -> None:
    a, b = Frozen(name="a"), Frozen(name="b")

    assert models_digest([a, b]) != models_digest([b, a])
    assert models_digest([a, b]) == models_digest([Frozen(name="a"), Frozen(name="b")])


def test_a_process_that_runs_once_keeps_nothing_it_is_given() -> None:
    recall: caching.Recall[str, int] = caching.Recall()
    recall.put("a", 1)
    assert not recall.keeping
    assert recall.get("a") is None


def test_a_run_keeps_what_it_computed_or_took_back_and_a_run_that_never_asked_keeps_all() -> None:
    recall: caching.Recall[str, int] = caching.Recall()
    caching.keep_between_runs()
    recall.put("a", 1)  # the first run
    recall.put("b", 2)
    assert recall.keeping and recall.get("a") == 1  # in the same run too
    caching.run_finished()
    assert recall.get("a") == 1  # the second: takes "a" back, does not ask for "b"
    recall.put("c", 3)
    caching.run_finished()
    caching.run_finished()  # the third failed before it asked: what was kept stays
    assert (recall.get("a"), recall.get("b"), recall.get("c")) == (1, None, 3)


def test_a_process_that_no_longer_runs_again_forgets_what_it_kept() -> None:
    recall: caching.Recall[str, int] = caching.Recall()
    caching.keep_between_runs()
    recall.put("a", 1)
    caching.run_finished()
    caching.keep_between_runs(False)
    caching.keep_between_runs()
    assert recall.get("a") is None
