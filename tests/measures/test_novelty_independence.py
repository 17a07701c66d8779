"""Editing one proposal changes the other proposals' novelty only through their pair with it:
term weights are the corpus's, each proposal masks its own places, so a proposal's vector is
its own; the boilerplate drop, the one batch-wide step, moves only proposals that share the
edited sentence word for word."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from builders import proposal_data

from kipp.core.models import Proposal, Sections
from kipp.measures.corpus import load_corpus
from kipp.measures.documents import proposal_documents
from kipp.measures.novelty import NoveltyMeasure, measure_novelty, prepare_batch
from kipp.measures.similarity import CorpusIndex, pair_scorer, prior_scorer
from kipp.rubric import load_rubric

DATA = Path(__file__).parents[1] / "data" / "novelty"
SETTINGS = load_rubric().rubric.measures.novelty
EDITED = "kelas-bumil-daring-kranggan"
# one sentence of its summary reworded and lengthened, as an applicant revising a draft
OLD_SENTENCE = "Rekaman kelas dapat ditonton ulang."
NEW_SENTENCE = (
    "Rekaman setiap kelas disimpan di kanal puskesmas sehingga suami dan keluarga dapat "
    "menontonnya kapan saja."
)


def make(ident: str, **fields: Any) -> Proposal:
    return Proposal.model_validate(proposal_data(id=ident, **fields))


@cache
def batch() -> tuple[Proposal, ...]:
    """proposals.yaml + eval.yaml: 65 proposals, several of one city and of one field."""
    proposals = []
    for name in ("proposals.yaml", "eval.yaml"):
        for item in yaml.safe_load((DATA / name).read_text(encoding="utf-8")):
            item.pop("expect", None)
            proposals.append(make(item.pop("id"), **item))
    return tuple(proposals)


@cache
def edited_batch() -> tuple[Proposal, ...]:
    def edit(proposal: Proposal) -> Proposal:
        if proposal.id != EDITED:
            return proposal
        summary = proposal.sections.summary or ""
        assert OLD_SENTENCE in summary.replace("\n", " ")
        sections = proposal.sections.model_copy(
            update={"summary": summary.replace("\n", " ").replace(OLD_SENTENCE, NEW_SENTENCE)}
        )
        assert isinstance(sections, Sections)
        return proposal.model_copy(update={"sections": sections})

    return tuple(edit(p) for p in batch())


@cache
def index() -> CorpusIndex:
    return CorpusIndex.build(load_corpus())


@cache
def before() -> dict[str, NoveltyMeasure]:
    return measure_novelty(batch(), load_corpus(), SETTINGS, index=index())


@cache
def after() -> dict[str, NoveltyMeasure]:
    return measure_novelty(edited_batch(), load_corpus(), SETTINGS, index=index())


def listed(measure: NoveltyMeasure) -> set[str]:
    return {n.id for n in [*measure.nearest, *measure.flags]}


def partners() -> set[str]:
    """The proposals that list the edited one, before or after the edit."""
    return {
        pid
        for pid in before()
        if pid != EDITED and (EDITED in listed(before()[pid]) or EDITED in listed(after()[pid]))
    }


def test_edit_changes_the_edited_proposals_own_measure() -> None:
    assert after()[EDITED] != before()[EDITED]
    assert after()[EDITED].max_batch_similarity != before()[EDITED].max_batch_similarity


def test_edit_leaves_every_unrelated_proposals_measure_exactly_unchanged() -> None:
    unrelated = set(before()) - partners() - {EDITED}
    assert len(unrelated) == 62
    assert {pid: after()[pid] for pid in unrelated} == {pid: before()[pid] for pid in unrelated}


def test_edit_changes_its_partners_only_in_their_pair_with_it() -> None:
    assert partners() == {"paraji-mitra-bidan-garut", "sekolah-ibu-hamil-virtual-gedongan"}
    for pid in partners():
        old, new = before()[pid], after()[pid]
        # prior art: score, neighbours, flags and counts exactly as before
        assert (old.score, old.max_prior_similarity, old.prior_flagged) == (
            new.score,
            new.max_prior_similarity,
            new.prior_flagged,
        )
        assert [n for n in old.nearest if n.kind == "prior"] == [
            n for n in new.nearest if n.kind == "prior"
        ]
        assert [n for n in old.flags if n.kind == "prior"] == [
            n for n in new.flags if n.kind == "prior"
        ]
        # other proposals listed both times: the same similarity
        was = {n.id: n.similarity for n in [*old.nearest, *old.flags] if n.id != EDITED}
        now = {n.id: n.similarity for n in [*new.nearest, *new.flags] if n.id != EDITED}
        assert {k: was[k] for k in was.keys() & now.keys()} == {
            k: now[k] for k in was.keys() & now.keys()
        }
        # the pair with the edited proposal: one figure, seen the same from both sides
        mine = {n.similarity for n in [*new.nearest, *new.flags] if n.id == EDITED}
        theirs = {n.similarity for n in [*after()[EDITED].nearest] if n.id == pid}
        assert not (mine and theirs) or mine == theirs


def test_edit_moves_only_its_own_row_and_column_of_the_similarities() -> None:
    def matrices(proposals: tuple[Proposal, ...]) -> tuple[np.ndarray, np.ndarray, int]:
        prepared = prepare_batch(proposals, index())
        rows = len(prepared.proposals)
        row = [p.id for p in prepared.proposals].index(EDITED)
        prior = prior_scorer(prepared.queries, index())(0, rows)
        pairs = pair_scorer(prepared.queries)(0, rows)
        return prior, pairs, row

    prior_old, pairs_old, row = matrices(batch())
    prior_new, pairs_new, _ = matrices(edited_batch())
    others = [i for i in range(prior_old.shape[0]) if i != row]
    assert np.array_equal(prior_old[others], prior_new[others])
    assert np.array_equal(pairs_old[np.ix_(others, others)], pairs_new[np.ix_(others, others)])
    assert not np.array_equal(prior_old[row], prior_new[row])
    assert not np.array_equal(pairs_old[row], pairs_new[row])


def test_sentence_becoming_boilerplate_changes_only_the_proposals_sharing_it() -> None:
    shared = "Program ini mendukung visi kota sebagai kota sehat, maju dan sejahtera."
    texts = {
        "a-tb": "Pasien tuberkulosis diingatkan minum obat setiap hari lewat aplikasi.",
        "b-gizi": f"Ibu balita diajak memasak menu bergizi di posyandu. {shared}",
        "c-parkir": f"Retribusi parkir dibayar nontunai dengan kode QRIS. {shared}",
        "d-pustaka": "Mobil perpustakaan keliling mendatangi kampung setiap pekan.",
    }

    def words(edit_a: bool) -> dict[str, list[str]]:
        given = dict(texts)
        if edit_a:
            given["a-tb"] = f"{given['a-tb']} {shared}"
        proposals = [make(pid, sections={"summary": text}) for pid, text in given.items()]
        return dict(zip(given, proposal_documents(proposals), strict=True))

    old, new = words(False), words(True)
    shared_words = ["program", "mendukung", "visi", "sehat", "maju", "sejahtera"]
    assert old["b-gizi"][-6:] == old["c-parkir"][-6:] == shared_words
    # a-tb's added sentence is dropped as boilerplate; d-pustaka does not share it
    assert (new["a-tb"], new["d-pustaka"]) == (old["a-tb"], old["d-pustaka"])
    # the two proposals that shared it lose it: the bound of the rule
    assert (new["b-gizi"], new["c-parkir"]) == (old["b-gizi"][:-6], old["c-parkir"][:-6])
