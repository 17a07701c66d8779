"""Novelty evaluation (`make eval`): the "possible replication / duplicate" decision scored on
the hand-made set of `tests/data/novelty/` (proposals.yaml + eval.yaml).

    python -m bench.eval [--no-save]

Runs `measure_novelty` with the bundled rubric's settings against the whole bundled corpus
(no call cut-off: several targets were awarded after 2022, and a cut-off would remove them),
and the same pipeline's full similarity matrices (every proposal x every corpus entry, every
pair of proposals), so unrelated pairs below the flag count too. Labelled pairs:

- positive: a proposal and the corpus entry it `replicates`; two proposals that are
  `duplicates` of each other (each unordered pair once);
- unrelated: every other (proposal, corpus entry) pair and every other pair of proposals,
  except the `related` entries of a proposal (the same idea recorded elsewhere in the corpus)
  and pairs of proposals that replicate the same or related entries: those count neither way.

Figures: ROC AUC of the similarity over all labelled pairs; precision and recall of the flag
(what `measure_novelty` flags, at the rubric's `flag_similarity`); the best threshold by F1
for reference; similarity distributions; and the novelty levels the rubric gives. Prints a
table with the targets of issue 4 (AUC >= 0.97; recall >= 0.9 at precision >= 0.9) and
writes `bench/results/<YYYY-MM-DD>-eval.json`. Exits non-zero only when the evaluation itself
failed (unreadable set, a label naming an unknown id, the measure disagreeing with the
matrices), not when a target is missed.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import json
import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from sklearn.metrics import precision_recall_fscore_support, roc_auc_score

from kipp.core.models import Proposal
from kipp.measures.corpus import Corpus, load_corpus
from kipp.measures.novelty import NoveltyMeasure, measure_novelty, prepare_batch
from kipp.measures.similarity import CorpusIndex, prior_part
from kipp.rubric import load_rubric
from kipp.rubric.settings import NoveltySettings
from kipp.scoring import level_for

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "novelty"
SET_FILES = ("proposals.yaml", "eval.yaml")
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
    cosine (dense), computed as `measure_novelty` computes them (same documents, mask and
    weights); rows of the corpus matrix follow `index.entries`."""
    prepared = prepare_batch(proposals, index)
    queries = prepared.queries
    prior = (prior_part(queries, index) @ index.weighted_t).toarray().astype(np.float64)
    batch = (prepared.peers @ prepared.peers.T).toarray().astype(np.float64)
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


def best_threshold(pairs: Sequence[Pair]) -> tuple[float, float, tuple[float, float]]:
    """The threshold with the highest F1 (the highest such, on a tie), its F1, and the range
    (exclusive low, inclusive high) of thresholds giving the same decisions. F1 is highest at
    some positive's similarity, so only those are tried."""
    labels = [p.label for p in pairs]
    scores = np.array([p.similarity for p in pairs])
    best = (-1.0, 0.0)
    for candidate in sorted({p.similarity for p in pairs if p.label}, reverse=True):
        _, _, f1 = _prf(labels, (scores >= candidate).astype(int).tolist())
        if f1 > best[0] + 1e-12:
            best = (f1, candidate)
    f1, threshold = best
    below = scores[scores < threshold]
    low = float(below.max()) if below.size else 0.0
    return threshold, f1, (round(low, 4), threshold)


def evaluate(
    folder: Path = DATA,
    files: Sequence[str] = SET_FILES,
    settings: NoveltySettings | None = None,
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
        missed=[describe(p) for p in positives if not p.flagged],
        false_flags=[describe(p) for p in unrelated if p.flagged],
        positives_detail=sorted((describe(p) for p in positives), key=lambda d: d["similarity"]),
        closest_unrelated=closest[:10],
    )


# --- report ---------------------------------------------------------------------------------


def render(result: Evaluation) -> str:
    lines = [
        f"Novelty evaluation: {result.positives} positive pairs, {result.unrelated} unrelated "
        f"(rubric flag {result.flag_similarity}, review {result.review_similarity})",
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


def save(result: Evaluation, labelled_files: dict[str, str], folder: Path = RESULTS) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{date.today().isoformat()}-eval.json"
    try:
        version = importlib.metadata.version("kipp")
    except importlib.metadata.PackageNotFoundError:
        version = "unknown"
    payload = {
        "date": date.today().isoformat(),
        "kipp": version,
        "set": labelled_files,
        "corpus": "bundled (whole, no cut-off)",
        "targets": {
            name: {"target": target, "measured": value, "met": met}
            for name, target, value, met in result.targets()
        },
        "passed": result.passed,
        **asdict(result),
    }
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.eval", description=__doc__)
    parser.add_argument("--no-save", action="store_true", help="do not write bench/results/")
    args = parser.parse_args(argv)
    try:
        result = evaluate()
        hashes = load_set().files
    except EvaluationFailed as exc:
        print(f"evaluation failed: {exc}", file=sys.stderr)
        return 1
    print(render(result))
    if not args.no_save:
        print(f"\nwritten: {save(result, hashes).relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
