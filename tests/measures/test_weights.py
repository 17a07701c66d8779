"""kipp's TF-IDF weights are scikit-learn's, bit for bit: the smoothed IDF and the sublinear,
l2-normalised rows of the corpus and of the proposals (kipp computes them itself, since
importing scikit-learn cost every run about a second)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfTransformer
from sklearn.preprocessing import normalize

from kipp.core.models import Proposal
from kipp.intake.folder import load_batch
from kipp.measures.corpus import load_corpus
from kipp.measures.documents import proposal_documents
from kipp.measures.similarity import CorpusIndex, count_matrix, l2_rows, weigh_queries
from kipp.rubric import load_rubric

SAMPLE = Path(__file__).resolve().parents[2] / "submissions" / "mojokerto-2022"


@cache
def index() -> CorpusIndex:
    return CorpusIndex.build(load_corpus())


def _bits(matrix: sp.csr_matrix) -> tuple[bytes, bytes, bytes, str, tuple[int, int]]:
    return (
        matrix.data.tobytes(),
        matrix.indices.tobytes(),
        matrix.indptr.tobytes(),
        str(matrix.dtype),
        matrix.shape,
    )


def test_the_corpus_idf_is_scikit_learns() -> None:
    fitted = TfidfTransformer(sublinear_tf=True).fit(index().counts)

    assert index().idf.dtype == np.float32
    assert index().idf.tobytes() == np.asarray(fitted.idf_, np.float32).tobytes()


def test_the_corpus_rows_are_scikit_learns() -> None:
    fitted = TfidfTransformer(sublinear_tf=True).fit(index().counts)
    expected = sp.csr_matrix(fitted.transform(index().counts), dtype=np.float32)

    assert _bits(index().weighted) == _bits(expected)


def test_the_proposals_rows_are_scikit_learns_normalised_rows() -> None:
    vocabulary = dict(index().vocabulary)
    counts = count_matrix(proposal_documents(_sample_proposals()), vocabulary)
    weighted = weigh_queries(counts, index())
    raw = counts.astype(np.float32, copy=True)
    known = index().idf.shape[0]
    idf = np.concatenate(
        [index().idf, np.full(counts.shape[1] - known, index().novel_idf, np.float32)]
    )
    raw.data = (1.0 + np.log(raw.data)) * idf[raw.indices]
    raw.eliminate_zeros()
    expected = sp.csr_matrix(normalize(raw, norm="l2", copy=False), dtype=np.float32)

    assert weighted.shape[0] == len(_sample_proposals()) > 5
    assert _bits(weighted) == _bits(expected)


def test_an_empty_row_stays_empty_and_the_others_have_unit_length() -> None:
    rows = sp.csr_matrix(np.array([[3.0, 4.0, 0.0], [0.0, 0.0, 0.0], [0.0, 0.0, 2.0]], np.float32))

    scaled = l2_rows(rows)

    assert scaled.toarray().tolist() == [
        [0.6000000238418579, 0.800000011920929, 0.0],
        [0.0] * 3,
        [0.0, 0.0, 1.0],
    ]
    assert _bits(scaled) == _bits(sp.csr_matrix(normalize(rows, norm="l2"), dtype=np.float32))


@cache
def _sample_proposals() -> list[Proposal]:
    batch = load_batch(SAMPLE, load_rubric().rubric.call.choices())
    return [e.proposal for e in batch.intake.valid if e.proposal is not None]
