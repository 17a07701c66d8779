"""Novelty evaluation (`make eval`): the "possible replication / duplicate" decision scored on
the hand-made sets of `tests/data/novelty/`, in two splits:

- **tuning**: `proposals.yaml` + `eval.yaml` + `tuning.yaml`, one batch. Every choice of
  method, weight, field and threshold was made on it.
- **held-out**: `heldout.yaml`, one batch, written by the same hand as `tuning.yaml`; its
  figures are reported, never tuned on (docs/novelty.md says how often it was looked at).

    python -m bench.eval [--split tuning|heldout|both] [--no-compare] [--no-save]

Runs `measure_novelty` with the bundled rubric's settings against the whole bundled corpus
(no call cut-off: several targets were awarded after 2022, and a cut-off would remove them),
and the same pipeline's full similarity matrices (every proposal x every corpus entry, every
pair of proposals), so unrelated pairs below the flag count too. Labelled pairs:

- positive: a proposal and the corpus entry it `replicates`; two proposals that are
  `duplicates` of each other (each unordered pair once);
- unrelated: every other (proposal, corpus entry) pair and every other pair of proposals,
  except the `related` entries of a proposal (the same idea recorded elsewhere in the corpus)
  and pairs of proposals that replicate the same or related entries: those count neither way.

Figures per split: ROC AUC of the similarity over all labelled pairs; precision and recall
of the flag (what `measure_novelty` flags, at the rubric's `flag_similarity`); the best
threshold by F1 for reference; similarity distributions; and the novelty levels the rubric
gives. On the tuning split it also compares other ways of measuring similarity side by side
(`APPROACHES`: each at its own best threshold, since their scales differ). Prints a table
with the novelty targets (AUC >= 0.97; recall >= 0.9 at precision >= 0.9) and writes
`bench/results/<YYYY-MM-DD>-eval.json`. Exits non-zero only when the evaluation itself failed
(unreadable set, a label naming an unknown id, the measure disagreeing with the matrices),
not when a target is missed.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
import yaml
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import precision_recall_fscore_support, roc_auc_score
from sklearn.preprocessing import normalize

from kipp.core.models import Proposal, Sections
from kipp.measures.corpus import Corpus, load_corpus
from kipp.measures.documents import corpus_documents, proposal_documents
from kipp.measures.novelty import NoveltyMeasure, measure_novelty, prepare_batch
from kipp.measures.similarity import (
    CorpusIndex,
    count_matrix,
    pair_scorer,
    presence,
    prior_part,
    prior_scorer,
)
from kipp.rubric import load_rubric
from kipp.rubric.settings import NoveltySettings
from kipp.scoring import level_for

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "novelty"
SPLITS: dict[str, tuple[str, ...]] = {
    "tuning": ("proposals.yaml", "eval.yaml", "tuning.yaml"),
    "heldout": ("heldout.yaml",),
}
SET_FILES = SPLITS["tuning"]
RESULTS = Path(__file__).resolve().parent / "results"

TARGET_AUC = 0.97
TARGET_RECALL = 0.90
TARGET_PRECISION = 0.90
MIN_POSITIVES = 30
TOLERANCE = 2e-4  # the measure rounds to 4 decimals; float32 products may differ by 1e-4

# The fields the novelty measure does not read, filled in so each item is a valid proposal
# (the same values as the test suite's `builders.proposal_data`).
_DEFAULTS: dict[str, Any] = {
    "title": "Layanan",
    "agency": "Dinas",
    "region": "Kota Mojokerto",
    "group": "umum",
    "category": "tpb",
    "sdgs": [3, 10],
    "started_on": "2019-07-01",
    "pandemic_related": False,
    "stage": "penerapan",
    "digital": True,
    "innovators": [
        {
            "name": "Sri Wahyuni",
            "role": "Kepala Seksi Pelayanan",
            "email": "sri.wahyuni@example.go.id",
            "phone": "0812-3456-7890",
        }
    ],
    "prior_awards": [],
    "indicators": {"beneficiaries": 1200, "service_time_before_hours": 48},
    "replications": [],
    "attachments": {"decree": "sk.pdf", "video": "https://example.org/video", "evidence": []},
}


class EvaluationFailed(Exception):
    """The evaluation could not be carried out (not a missed target)."""


@dataclass(frozen=True)
class Expect:
    """What one proposal of the set expects (see tests/data/novelty/README.md)."""

    replicates: str | None = None
    related: tuple[str, ...] = ()
    duplicates: str | None = None
    domain: str | None = None


@dataclass(frozen=True)
class EvalSet:
    proposals: tuple[Proposal, ...]
    expect: dict[str, Expect]
    files: dict[str, str]  # file name -> sha256


@dataclass(frozen=True)
class Pair:
    kind: str  # "prior" or "batch"
    proposal: str
    other: str
    label: int  # 1 positive, 0 unrelated
    similarity: float
    flagged: bool
    rank: int | None = None  # a replication: its target's rank among the unrelated entries


@dataclass
class Evaluation:
    positives: int
    unrelated: int
    flag_similarity: float
    review_similarity: float
    auc: float
    auc_prior: float
    auc_batch: float
    precision: float
    recall: float
    f1: float
    best_f1: float
    best_threshold: float
    best_threshold_range: tuple[float, float]
    distributions: dict[str, dict[str, float]]
    levels: dict[str, dict[str, int]]
    recall_at_precision: float = 0.0  # the highest recall at precision >= TARGET_PRECISION
    recall_at_precision_threshold: float | None = None  # ... and the threshold giving it
    split: str = "tuning"
    missed: list[dict[str, Any]] = field(default_factory=list)
    false_flags: list[dict[str, Any]] = field(default_factory=list)
    positives_detail: list[dict[str, Any]] = field(default_factory=list)
    closest_unrelated: list[dict[str, Any]] = field(default_factory=list)

    def targets(self) -> list[tuple[str, str, float, bool]]:
        """(figure, target, measured, met) for the table."""
        return [
            ("ROC AUC, all labelled pairs", f">= {TARGET_AUC}", self.auc, self.auc >= TARGET_AUC),
            (
                f"precision of the flag at {self.flag_similarity}",
                f">= {TARGET_PRECISION}",
                self.precision,
                self.precision >= TARGET_PRECISION,
            ),
            (
                f"recall of the flag at {self.flag_similarity}",
                f">= {TARGET_RECALL}",
                self.recall,
                self.recall >= TARGET_RECALL,
            ),
            (
                "positive pairs in the set",
                f">= {MIN_POSITIVES}",
                float(self.positives),
                self.positives >= MIN_POSITIVES,
            ),
        ]

    @property
    def passed(self) -> bool:
        return all(met for *_, met in self.targets())


# --- the set --------------------------------------------------------------------------------


def load_set(folder: Path = DATA, files: Sequence[str] = SET_FILES) -> EvalSet:
    """The proposals of `files` in `folder` (one batch) and what each expects."""
    proposals: list[Proposal] = []
    expect: dict[str, Expect] = {}
    hashes: dict[str, str] = {}
    for name in files:
        path = folder / name
        try:
            raw_bytes = path.read_bytes()
            items = yaml.safe_load(raw_bytes.decode("utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            raise EvaluationFailed(f"{path}: cannot be read: {exc}") from None
        hashes[name] = hashlib.sha256(raw_bytes).hexdigest()
        for item in items:
            item = dict(item)
            ident = item.pop("id")
            given = item.pop("expect", None) or {}
            if ident in expect:
                raise EvaluationFailed(f"{path}: proposal id {ident!r} given twice")
            expect[ident] = Expect(
                replicates=given.get("replicates"),
                related=tuple(given.get("related", ())),
                duplicates=given.get("duplicates"),
                domain=given.get("domain"),
            )
            proposals.append(Proposal.model_validate({**_DEFAULTS, "id": ident, **item}))
    return EvalSet(tuple(proposals), expect, hashes)


def _check_labels(labelled: EvalSet, corpus: Corpus) -> None:
    entries = {e.id for e in corpus.entries}
    for pid, want in labelled.expect.items():
        for target in ([want.replicates] if want.replicates else []) + list(want.related):
            if target not in entries:
                raise EvaluationFailed(f"{pid}: {target!r} is not in the corpus")
        if want.duplicates:
            other = labelled.expect.get(want.duplicates)
            if other is None or other.duplicates != pid:
                raise EvaluationFailed(f"{pid}: duplicates {want.duplicates!r} is not mutual")


# --- similarities ---------------------------------------------------------------------------


def similarity_matrices(
    proposals: Sequence[Proposal], index: CorpusIndex
) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Proposal ids in id order, then every proposal x corpus entry and proposal x proposal
    similarity (dense), computed as `measure_novelty` computes them (same documents, weights
    and blend); rows of the corpus matrix follow `index.entries`."""
    prepared = prepare_batch(proposals, index)
    rows = prepared.queries.shape[0]
    prior = prior_scorer(prepared.queries, index)(0, rows).astype(np.float64)
    batch = pair_scorer(prepared.queries)(0, rows).astype(np.float64)
    np.fill_diagonal(batch, 0.0)
    return [p.id for p in prepared.proposals], prior, batch


def _check_agreement(
    measured: dict[str, NoveltyMeasure],
    ids: list[str],
    entry_ids: list[str],
    prior: np.ndarray,
    batch: np.ndarray,
) -> None:
    row = {pid: i for i, pid in enumerate(ids)}
    col = {eid: j for j, eid in enumerate(entry_ids)}
    for pid, result in measured.items():
        for n in [*result.nearest, *result.flags]:
            value = prior[row[pid], col[n.id]] if n.kind == "prior" else batch[row[pid], row[n.id]]
            if abs(value - n.similarity) > TOLERANCE:
                raise EvaluationFailed(
                    f"measure_novelty gives {pid} ~ {n.id} {n.similarity}, the matrices "
                    f"{value:.4f}: the evaluation no longer mirrors the measure"
                )


# --- pairs and figures ----------------------------------------------------------------------


def labelled_pairs(
    labelled: EvalSet,
    measured: dict[str, NoveltyMeasure],
    ids: list[str],
    entry_ids: list[str],
    prior: np.ndarray,
    batch: np.ndarray,
) -> list[Pair]:
    """Every labelled pair with its similarity and whether the measure flagged it."""
    flagged = {(pid, n.kind, n.id) for pid, result in measured.items() for n in result.flags}
    pairs: list[Pair] = []
    for i, pid in enumerate(ids):
        want = labelled.expect[pid]
        skip = set(want.related)
        row = prior[i]
        # rank among the entries that count: a `related` entry ranked higher is no miss
        counted = row[[j for j, eid in enumerate(entry_ids) if eid not in skip]]
        for j, eid in enumerate(entry_ids):
            if eid in skip:
                continue
            positive = eid == want.replicates
            rank = int((counted > row[j]).sum()) + 1 if positive else None
            pairs.append(
                Pair(
                    "prior",
                    pid,
                    eid,
                    int(positive),
                    round(float(row[j]), 4),
                    (pid, "prior", eid) in flagged,
                    rank,
                )
            )
    for i, pid in enumerate(ids):
        one = labelled.expect[pid]
        family = {one.replicates, *one.related} - {None}
        for j in range(i + 1, len(ids)):
            qid = ids[j]
            other = labelled.expect[qid]
            positive = one.duplicates == qid
            if not positive and family & ({other.replicates, *other.related} - {None}):
                continue  # the same idea replicated twice: counts neither way
            flag = (pid, "batch", qid) in flagged or (qid, "batch", pid) in flagged
            pairs.append(Pair("batch", pid, qid, int(positive), round(float(batch[i, j]), 4), flag))
    return pairs


def _summary(values: Sequence[float]) -> dict[str, float]:
    if not values:
        return {"n": 0}
    array = np.asarray(values)
    return {
        "n": len(values),
        "min": round(float(array.min()), 4),
        "median": round(float(np.median(array)), 4),
        "p99": round(float(np.percentile(array, 99)), 4),
        "p99.9": round(float(np.percentile(array, 99.9)), 4),
        "max": round(float(array.max()), 4),
    }


def _auc(pairs: Sequence[Pair]) -> float:
    labels = [p.label for p in pairs]
    if len(set(labels)) < 2:
        return float("nan")
    return float(roc_auc_score(labels, [p.similarity for p in pairs]))


def _prf(labels: Sequence[int], predicted: Sequence[int]) -> tuple[float, float, float]:
    precision, recall, f1, _ = precision_recall_fscore_support(
        labels, predicted, average="binary", zero_division=0
    )
    return float(precision), float(recall), float(f1)


def _sweep(pairs: Sequence[Pair]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each positive's similarity as a threshold (highest first), with the precision and
    recall of flagging every pair at or above it. Between two positives' values the recall
    stays and precision can only fall, so no other threshold does better on either."""
    scores = np.array([p.similarity for p in pairs], dtype=np.float64)
    labels = np.array([p.label for p in pairs], dtype=bool)
    candidates = np.unique(scores[labels])[::-1]
    positives = np.sort(scores[labels])
    negatives = np.sort(scores[~labels])
    tp = len(positives) - np.searchsorted(positives, candidates, side="left")
    fp = len(negatives) - np.searchsorted(negatives, candidates, side="left")
    precision = tp / np.maximum(tp + fp, 1)
    recall = tp / max(len(positives), 1)
    return candidates, precision, recall


def best_threshold(pairs: Sequence[Pair]) -> tuple[float, float, tuple[float, float]]:
    """The threshold with the highest F1 (the highest such, on a tie), its F1, and the range
    (exclusive low, inclusive high) of thresholds giving the same decisions. F1 is highest at
    some positive's similarity, so only those are tried."""
    candidates, precision, recall = _sweep(pairs)
    if not candidates.size:
        return 0.0, 0.0, (0.0, 0.0)
    total = precision + recall
    f1 = np.divide(2 * precision * recall, total, out=np.zeros_like(total), where=total > 0)
    best = int(np.flatnonzero(f1 >= f1.max() - 1e-12)[0])  # candidates run highest first
    threshold = float(candidates[best])
    scores = np.array([p.similarity for p in pairs])
    below = scores[scores < threshold]
    low = float(below.max()) if below.size else 0.0
    return threshold, float(f1[best]), (round(low, 4), threshold)


def recall_at_precision(
    pairs: Sequence[Pair], minimum: float = TARGET_PRECISION
) -> tuple[float, float | None]:
    """The highest recall of a threshold whose precision is at least `minimum`, and the
    highest threshold giving it; (0.0, None) when no threshold reaches that precision."""
    candidates, precision, recall = _sweep(pairs)
    good = np.flatnonzero(precision >= minimum)
    if not good.size:
        return 0.0, None
    most = float(recall[good].max())
    first = int(good[np.flatnonzero(recall[good] >= most - 1e-12)[0]])
    return most, float(candidates[first])


def evaluate(
    folder: Path = DATA,
    files: Sequence[str] = SET_FILES,
    settings: NoveltySettings | None = None,
    split: str = "tuning",
) -> Evaluation:
    """Run the measure on the set and compute every figure (see the module docstring)."""
    loaded = load_rubric()
    settings = settings or loaded.rubric.measures.novelty
    thresholds = next(c.thresholds for c in loaded.rubric.criteria if c.id == "novelty")
    if thresholds is None:
        raise EvaluationFailed("the rubric's novelty criterion has no thresholds")
    labelled = load_set(folder, files)
    corpus = load_corpus()
    _check_labels(labelled, corpus)
    index = CorpusIndex.build(corpus)
    measured = measure_novelty(labelled.proposals, corpus, settings, index=index)
    ids, prior, batch = similarity_matrices(labelled.proposals, index)
    entry_ids = [e.id for e in index.entries]
    _check_agreement(measured, ids, entry_ids, prior, batch)
    pairs = labelled_pairs(labelled, measured, ids, entry_ids, prior, batch)
    for p in pairs:  # the flag is what the measure decides; it must match its threshold
        if p.flagged != (p.similarity >= settings.flag_similarity) and (
            abs(p.similarity - settings.flag_similarity) > TOLERANCE
        ):
            raise EvaluationFailed(f"flag of {p.proposal} ~ {p.other} disagrees with its value")

    labels = [p.label for p in pairs]
    precision, recall, f1 = _prf(labels, [int(p.flagged) for p in pairs])
    threshold, best_f1, span = best_threshold(pairs)
    most_recall, most_recall_at = recall_at_precision(pairs)
    positives = [p for p in pairs if p.label]
    unrelated = [p for p in pairs if not p.label]

    def kind(ps: Sequence[Pair], name: str) -> list[Pair]:
        return [p for p in ps if p.kind == name]

    domains = {pid: e.domain for pid, e in labelled.expect.items()}
    same_domain = [
        p.similarity
        for p in kind(unrelated, "batch")
        if domains[p.proposal] is not None and domains[p.proposal] == domains[p.other]
    ]
    closest: list[dict[str, Any]] = []
    for pid in ids:
        mine = [p for p in unrelated if pid in (p.proposal, p.other)]
        top = max(mine, key=lambda p: (p.similarity, p.other))
        other = top.other if top.proposal == pid else top.proposal
        closest.append(
            {"proposal": pid, "other": other, "kind": top.kind, "similarity": top.similarity}
        )
    closest.sort(key=lambda c: -c["similarity"])

    levels: dict[str, dict[str, int]] = {"replications": {}, "related only": {}, "unrelated": {}}
    for pid in ids:
        want = labelled.expect[pid]
        group = (
            "replications" if want.replicates else "related only" if want.related else "unrelated"
        )
        level = str(level_for(measured[pid].score, thresholds))
        levels[group][level] = levels[group].get(level, 0) + 1
    levels = {g: dict(sorted(counts.items())) for g, counts in levels.items() if counts}

    def describe(p: Pair) -> dict[str, Any]:
        return {
            "kind": p.kind,
            "proposal": p.proposal,
            "other": p.other,
            "similarity": p.similarity,
            "rank": p.rank,
        }

    return Evaluation(
        positives=len(positives),
        unrelated=len(unrelated),
        flag_similarity=settings.flag_similarity,
        review_similarity=settings.review_similarity,
        auc=_auc(pairs),
        auc_prior=_auc(kind(pairs, "prior")),
        auc_batch=_auc(kind(pairs, "batch")),
        precision=precision,
        recall=recall,
        f1=f1,
        best_f1=best_f1,
        best_threshold=threshold,
        best_threshold_range=span,
        distributions={
            "replication -> its entry": _summary([p.similarity for p in kind(positives, "prior")]),
            "batch duplicates": _summary([p.similarity for p in kind(positives, "batch")]),
            "proposal -> unrelated entry": _summary(
                [p.similarity for p in kind(unrelated, "prior")]
            ),
            "batch unrelated pairs": _summary([p.similarity for p in kind(unrelated, "batch")]),
            "batch unrelated, same domain": _summary(same_domain),
            "per proposal, closest unrelated": _summary([c["similarity"] for c in closest]),
        },
        levels=levels,
        recall_at_precision=most_recall,
        recall_at_precision_threshold=most_recall_at,
        split=split,
        missed=[describe(p) for p in positives if not p.flagged],
        false_flags=[describe(p) for p in unrelated if p.flagged],
        positives_detail=sorted((describe(p) for p in positives), key=lambda d: d["similarity"]),
        closest_unrelated=closest[:10],
    )


# --- approaches compared on the tuning split -------------------------------------------------

# An approach gives, for proposals in id order, every proposal x corpus entry similarity (rows
# of `index.entries`) and every proposal x proposal similarity.
Matrices = tuple[np.ndarray, np.ndarray]
ApproachFn = Callable[[Sequence[Proposal], CorpusIndex], Matrices]


def _ordered(proposals: Sequence[Proposal]) -> list[Proposal]:
    return sorted(proposals, key=lambda p: p.id)


def _cosine(proposals: Sequence[Proposal], index: CorpusIndex) -> Matrices:
    queries = prepare_batch(proposals, index).queries
    prior = (prior_part(queries, index) @ index.weighted_t).toarray()
    return prior, (queries @ queries.T).toarray()


def _summary_only(proposal: Proposal) -> Proposal:
    return proposal.model_copy(update={"sections": Sections(summary=proposal.sections.summary)})


def _fieldwise(proposals: Sequence[Proposal], index: CorpusIndex) -> Matrices:
    whole_prior, whole_batch = _cosine(proposals, index)
    short_prior, short_batch = _cosine([_summary_only(p) for p in proposals], index)
    return np.maximum(whole_prior, short_prior), np.maximum(whole_batch, short_batch)


def _coverage_only(proposals: Sequence[Proposal], index: CorpusIndex) -> Matrices:
    queries = prepare_batch(proposals, index).queries
    covered = (presence(prior_part(queries, index)) @ index.weighted_t).toarray()
    return covered * index.coverage_scale, (queries @ queries.T).toarray()


def _bm25(k1: float, b: float) -> ApproachFn:
    """The corpus entry as the query (each of its words once, BM25 IDF of the corpus), the
    proposal as the document (term counts saturated by `k1`, length normalised by `b`
    against the batch's mean length), divided by the most the entry could score; proposal
    pairs by word cosine."""

    def approach(proposals: Sequence[Proposal], index: CorpusIndex) -> Matrices:
        vocabulary = dict(index.vocabulary)
        counts = count_matrix(proposal_documents(_ordered(proposals)), vocabulary)
        counts = sp.csr_matrix(counts[:, : len(index.vocabulary)], dtype=np.float64)
        lengths = np.asarray(counts.sum(axis=1)).ravel()
        rows = np.repeat(np.arange(counts.shape[0]), np.diff(counts.indptr))
        norm = 1 - b + b * lengths[rows] / max(float(lengths.mean()), 1.0)
        counts.data = counts.data * (k1 + 1) / (counts.data + k1 * norm)
        df = np.asarray((index.counts > 0).sum(axis=0)).ravel()
        idf = np.log(1 + (index.size - df + 0.5) / (df + 0.5))
        entries = presence(index.counts).multiply(idf[None, :]).tocsr()
        most = (k1 + 1) * np.asarray(entries.sum(axis=1)).ravel()
        prior = (counts @ entries.T).toarray() / np.where(most > 0, most, 1.0)[None, :]
        return prior, _cosine(proposals, index)[1]

    return approach


def _char_ngrams(proposals: Sequence[Proposal], index: CorpusIndex) -> Matrices:
    """Character 4-grams within words of the normalised documents, TF-IDF fitted on the
    corpus (sublinear tf, l2), cosine on both sides."""
    corpus = [" ".join(words) for words in corpus_documents(index.entries)]
    batch = [" ".join(words) for words in proposal_documents(_ordered(proposals))]
    vectoriser = TfidfVectorizer(analyzer="char_wb", ngram_range=(4, 4), sublinear_tf=True)
    entries = vectoriser.fit_transform(corpus)
    queries = vectoriser.transform(batch)
    return (queries @ entries.T).toarray(), (queries @ queries.T).toarray()


def _lsa(proposals: Sequence[Proposal], index: CorpusIndex) -> Matrices:
    """Latent semantic analysis: 200 dimensions of the corpus's TF-IDF rows (truncated SVD
    fitted on the corpus only), cosine there on both sides (negative values as 0)."""
    entries = sp.csr_matrix(index.weighted_t.T)
    svd = TruncatedSVD(n_components=min(200, entries.shape[0] - 1), random_state=0)
    svd.fit(entries)
    queries = prior_part(prepare_batch(proposals, index).queries, index)
    reduced_entries = normalize(svd.transform(entries))
    reduced_queries = normalize(svd.transform(queries))
    prior = np.clip(reduced_queries @ reduced_entries.T, 0.0, None)
    return prior, np.clip(reduced_queries @ reduced_queries.T, 0.0, None)


def _kept(proposals: Sequence[Proposal], index: CorpusIndex) -> Matrices:
    _, prior, batch = similarity_matrices(proposals, index)
    return prior, batch


@dataclass(frozen=True)
class Approach:
    name: str
    description: str
    run: ApproachFn


APPROACHES: tuple[Approach, ...] = (
    Approach(
        "cosine",
        "word TF-IDF cosine of the whole idea text (the method before the cosine + coverage "
        "blend, with corpus weights)",
        _cosine,
    ),
    Approach(
        "field-wise",
        "the higher of the whole text's cosine and the title + summary's",
        _fieldwise,
    ),
    Approach(
        "coverage",
        "the share of the entry's TF-IDF weight on words the proposal uses (pairs of "
        "proposals by cosine)",
        _coverage_only,
    ),
    Approach("bm25 (1.2, 0.75)", "BM25, the entry as the query, k1 1.2, b 0.75", _bm25(1.2, 0.75)),
    Approach("bm25 (0.5, 0.5)", "BM25, the entry as the query, k1 0.5, b 0.5", _bm25(0.5, 0.5)),
    Approach("char 4-grams", "character 4-gram TF-IDF cosine (corpus-fitted)", _char_ngrams),
    Approach("lsa 200", "LSA on the corpus, 200 dimensions, cosine", _lsa),
    Approach(
        "cosine + coverage (kept)",
        "half the word cosine, half the coverage (of the entry; the smaller of the two "
        "between proposals): the measure",
        _kept,
    ),
)


@dataclass
class Compared:
    """One approach's figures on a split, at its own thresholds (the scales differ)."""

    name: str
    description: str
    auc: float
    best_threshold: float
    best_f1: float
    precision_at_best: float
    recall_at_best: float
    recall_at_precision: float
    recall_at_precision_threshold: float | None
    weakest_replication: float
    highest_unrelated: float


def compare(
    folder: Path = DATA,
    files: Sequence[str] = SET_FILES,
    approaches: Sequence[Approach] = APPROACHES,
) -> list[Compared]:
    """Every approach on the set of `files` (meant for the tuning split only)."""
    labelled = load_set(folder, files)
    corpus = load_corpus()
    _check_labels(labelled, corpus)
    index = CorpusIndex.build(corpus)
    ids = sorted(p.id for p in labelled.proposals)
    entry_ids = [e.id for e in index.entries]
    found: list[Compared] = []
    for approach in approaches:
        prior, batch = approach.run(labelled.proposals, index)
        batch = np.array(batch, dtype=np.float64)
        np.fill_diagonal(batch, 0.0)
        pairs = labelled_pairs(labelled, {}, ids, entry_ids, np.asarray(prior, np.float64), batch)
        threshold, best_f1, _ = best_threshold(pairs)
        labels = [p.label for p in pairs]
        scores = np.array([p.similarity for p in pairs])
        precision, recall, _ = _prf(labels, (scores >= threshold).astype(int).tolist())
        most_recall, most_recall_at = recall_at_precision(pairs)
        found.append(
            Compared(
                name=approach.name,
                description=approach.description,
                auc=_auc(pairs),
                best_threshold=threshold,
                best_f1=best_f1,
                precision_at_best=precision,
                recall_at_best=recall,
                recall_at_precision=most_recall,
                recall_at_precision_threshold=most_recall_at,
                weakest_replication=min(p.similarity for p in pairs if p.label),
                highest_unrelated=max(p.similarity for p in pairs if not p.label),
            )
        )
    return found


# --- report ---------------------------------------------------------------------------------


def render(result: Evaluation) -> str:
    lines = [
        f"Novelty evaluation, {result.split} split: {result.positives} positive pairs, "
        f"{result.unrelated} unrelated (rubric flag {result.flag_similarity}, review "
        f"{result.review_similarity})",
        "",
        f"{'figure':<38} {'target':>8} {'measured':>9}  result",
    ]
    for name, target, value, met in result.targets():
        shown = f"{value:.0f}" if name.startswith("positive") else f"{value:.3f}"
        lines.append(f"{name:<38} {target:>8} {shown:>9}  {'PASS' if met else 'FAIL'}")
    low, high = result.best_threshold_range
    lines += [
        "",
        f"AUC prior pairs {result.auc_prior:.4f}, batch pairs {result.auc_batch:.4f}; "
        f"F1 at the flag {result.f1:.3f}",
        f"best threshold by F1: {result.best_threshold} (F1 {result.best_f1:.3f}; same "
        f"decisions for any threshold in ({low}, {high}])",
        f"highest recall at precision >= {TARGET_PRECISION}: {result.recall_at_precision:.3f} "
        f"(threshold {result.recall_at_precision_threshold})",
        "",
        f"{'similarity':<32} {'n':>6} {'min':>6} {'median':>6} {'p99':>6} {'max':>6}",
    ]
    for name, s in result.distributions.items():
        if s.get("n"):
            lines.append(
                f"{name:<32} {s['n']:>6.0f} {s['min']:>6.3f} {s['median']:>6.3f} "
                f"{s['p99']:>6.3f} {s['max']:>6.3f}"
            )
    lines.append("")
    lines.append(f"novelty levels (rubric): {result.levels}")
    for title, rows in (("missed", result.missed), ("false flags", result.false_flags)):
        for row in rows:
            lines.append(f"{title}: {row['proposal']} ~ {row['other']} {row['similarity']}")
    lines.append(
        "closest unrelated: "
        + ", ".join(
            f"{c['proposal']} ~ {c['other']} {c['similarity']}"
            for c in result.closest_unrelated[:5]
        )
    )
    return "\n".join(lines)


def render_comparison(found: Sequence[Compared]) -> str:
    lines = [
        "Approaches compared on the tuning split (each at its own thresholds):",
        "",
        f"{'approach':<26} {'AUC':>6} {'best-F1 t':>9} {'F1':>5} {'P':>5} {'R':>5} "
        f"{'R@P>=0.9':>8} {'at t':>6} {'min pos':>7} {'max unrel':>9}",
    ]
    for c in found:
        at = (
            "-"
            if c.recall_at_precision_threshold is None
            else (f"{c.recall_at_precision_threshold:.3f}")
        )
        lines.append(
            f"{c.name:<26} {c.auc:>6.4f} {c.best_threshold:>9.3f} {c.best_f1:>5.3f} "
            f"{c.precision_at_best:>5.3f} {c.recall_at_best:>5.3f} "
            f"{c.recall_at_precision:>8.3f} {at:>6} {c.weakest_replication:>7.3f} "
            f"{c.highest_unrelated:>9.3f}"
        )
    return "\n".join(lines)


def save(
    results: Sequence[Evaluation],
    labelled_files: dict[str, dict[str, str]],
    comparison: Sequence[Compared] = (),
    folder: Path = RESULTS,
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{date.today().isoformat()}-eval.json"
    try:
        version = importlib.metadata.version("kipp")
    except importlib.metadata.PackageNotFoundError:
        version = "unknown"
    payload = {
        "date": date.today().isoformat(),
        "kipp": version,
        "corpus": "bundled (whole, no cut-off)",
        "splits": {
            result.split: {
                "set": labelled_files[result.split],
                "targets": {
                    name: {"target": target, "measured": value, "met": met}
                    for name, target, value, met in result.targets()
                },
                "passed": result.passed,
                **asdict(result),
            }
            for result in results
        },
        "comparison": [asdict(c) for c in comparison],
    }
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.eval", description=__doc__)
    parser.add_argument(
        "--split",
        choices=("tuning", "heldout", "both"),
        default="both",
        help="which split to evaluate (default both)",
    )
    parser.add_argument(
        "--no-compare", action="store_true", help="skip the approaches compared (tuning split)"
    )
    parser.add_argument("--no-save", action="store_true", help="do not write bench/results/")
    args = parser.parse_args(argv)
    names = ("tuning", "heldout") if args.split == "both" else (args.split,)
    results: list[Evaluation] = []
    hashes: dict[str, dict[str, str]] = {}
    comparison: list[Compared] = []
    try:
        for name in names:
            results.append(evaluate(files=SPLITS[name], split=name))
            hashes[name] = load_set(files=SPLITS[name]).files
        if "tuning" in names and not args.no_compare:
            comparison = compare(files=SPLITS["tuning"])
    except EvaluationFailed as exc:
        print(f"evaluation failed: {exc}", file=sys.stderr)
        return 1
    print("\n\n".join(render(result) for result in results))
    if comparison:
        print("\n" + render_comparison(comparison))
    if not args.no_save:
        print(f"\nwritten: {save(results, hashes, comparison).relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
