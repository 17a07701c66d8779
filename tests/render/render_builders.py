"""Builders for the rendering tests: `Results` made directly, no pipeline.

A small two-criterion rubric (novelty scored automatically, sustainability by reviewers) keeps
every label in the tests visible here. `full_results` holds one proposal of every status,
an unread file, an ignored name and a batch notice, so one document shows every section.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kipp.core.i18n import Lang, Text, text
from kipp.core.problems import Problem, Severity
from kipp.intake import InputFile, Unread
from kipp.measures.novelty import Neighbour
from kipp.results import (
    CorpusOut,
    CriterionOut,
    GateOut,
    NoveltyOut,
    ProblemOut,
    ProposalOut,
    ProposalStatus,
    Results,
    RunOut,
    Summary,
    UnreadOut,
)
from kipp.results.model import (
    ExplainedCriterionOut,
    ExplanationOut,
    StandingOut,
    TotalOut,
)
from kipp.rubric import Rubric

RUBRIC_SHA = "a" * 64
CORPUS_SHA = "b" * 64
INPUT_SHA = "c" * 64


def _label(name: str) -> dict[str, str]:
    return {"id": name, "en": f"{name} (en)"}


def rubric(**overrides: Any) -> Rubric:
    """A valid rubric: novelty (weight 0.6, automatic) and sustainability (0.4, reviewers)."""
    levels = [_label(f"Level {n}") for n in range(1, 6)]
    data: dict[str, Any] = {
        "id": "kipp-test",
        "title": "Kompetisi Uji 2022",
        "call": {
            "name": "Uji 2022",
            "deadline": "2022-04-15",
            "prior_art_cutoff": "2022-04-15",
            "min_months": 24,
            "min_months_pandemic": 12,
            "groups": ["umum", "khusus"],
            "categories": ["inklusif", "tpb", "ketahanan"],
        },
        "gates": [
            {"id": "min_age", "kind": "min_age", "label": {"id": "Lama penerapan", "en": "Age"}},
        ],
        "criteria": [
            {
                "id": "novelty",
                "label": {"id": "Kebaruan", "en": "Novelty"},
                "weight": 0.6,
                "measure": "novelty",
                "thresholds": [0.3, 0.55, 0.7, 0.82],
                "levels": levels,
            },
            {
                "id": "sustainability",
                "label": {"id": "Keberlanjutan", "en": "Sustainability"},
                "weight": 0.4,
                "measure": "reviewers",
                "levels": levels,
            },
        ],
        "shortlist": {"size": 1},
        "measures": {"novelty": {"flag_similarity": 0.45, "review_similarity": 0.25}},
    }
    data.update(overrides)
    return Rubric.model_validate(data)


def neighbour(
    kind: str = "prior",
    id: str = "prior-1",
    similarity: float = 0.1,
    title: str = "Inovasi Terdahulu",
    agency: str = "Pemerintah Kota Lain",
    year: int | None = 2020,
) -> Neighbour:
    return Neighbour.model_validate(
        {
            "kind": kind,
            "id": id,
            "title": title,
            "agency": agency,
            "year": year,
            "similarity": similarity,
        }
    )


def novelty(nearest: list[Neighbour] | None = None, flag_from: float = 0.45) -> NoveltyOut:
    """Novelty output; flags are the nearest at or above `flag_from`, as the measure does."""
    nearest = [neighbour()] if nearest is None else nearest
    top = max((n.similarity for n in nearest if n.kind == "prior"), default=0.0)
    return NoveltyOut(
        score=round(1 - top, 4),
        nearest=nearest,
        flags=[n for n in nearest if n.similarity >= flag_from],
    )


def gate(passed: bool = True, detail: str = "Mulai 1 Juli 2019: 33 bulan.") -> GateOut:
    return GateOut(gate="min_age", label="Lama penerapan", passed=passed, detail=detail)


def criteria(
    novelty_level: int = 4, sustainability_level: int | None = None
) -> dict[str, CriterionOut]:
    """Novelty scored; sustainability awaiting reviewers unless a level is given."""
    return {
        "novelty": CriterionOut(
            label="Kebaruan",
            weight=0.6,
            source="auto",
            score=0.75,
            level=novelty_level,
            level_description=f"Level {novelty_level}",
            evidence="Skor 0,75 → level 4 dari 5.",
        ),
        "sustainability": CriterionOut(
            label="Keberlanjutan",
            weight=0.4,
            source="reviewers",
            score=None,
            level=sustainability_level,
            level_description=(
                None if sustainability_level is None else f"Level {sustainability_level}"
            ),
            evidence="Menunggu penilaian juri.",
        ),
    }


def explanation() -> ExplanationOut:
    """How the numbers of `criteria()` make the total 80: novelty's level 4 at its weight
    60% (48 points) over the 60% of the weight scored; sustainability awaiting reviewers."""
    return ExplanationOut(
        criteria={
            "novelty": ExplainedCriterionOut(
                source="auto",
                weight=0.6,
                counted_weight=0.6,
                score=0.75,
                auto_level=4,
                value=4.0,
                level=4,
                points=48.0,
            ),
            "sustainability": ExplainedCriterionOut(
                source="reviewers", weight=0.4, counted_weight=0.0, reviewer_share=1.0
            ),
        },
        total=TotalOut(points=48.0, scored_weight=0.6, total=80.0),
        standing=StandingOut(
            final=False,
            reasons=["awaiting"],
            awaiting=["sustainability"],
            scored_weight=0.6,
            received=0,
            expected=0,
        ),
    )


def problem(
    field: str = "title",
    message: Text | None = None,
    line: int | None = 3,
    column: str | None = None,
    severity: Severity = Severity.ERROR,
    path: str = "batch/layanan-a.yaml",
) -> ProblemOut:
    """A problem as results.json records it (by default: a title too short)."""
    sentence = message or text("proposal.title_length", length="3", min=5, max=150)
    found = Problem(
        path=path, field=field, message=sentence, line=line, column=column, severity=severity
    )
    return ProblemOut.of(found)


def proposal(status: ProposalStatus = ProposalStatus.SHORTLISTED, **overrides: Any) -> ProposalOut:
    """A proposal of `status`, shaped as `kipp.results.proposal_out` shapes it."""
    data: dict[str, Any] = {
        "id": "layanan-a",
        "source": "batch/layanan-a.yaml",
        "title": "Layanan A",
        "agency": "Dinas Kesehatan",
        "group": "umum",
        "category": "tpb",
        "status": status,
        "reason": "",
        "problems": [],
        "gates": [],
        "criteria": None,
        "total": None,
        "provisional": None,
        "scored_weight": None,
        "rank": None,
        "novelty": None,
    }
    if status in (ProposalStatus.SHORTLISTED, ProposalStatus.SCORED):
        data |= {
            "reason": "Masuk daftar pendek: peringkat 1 dari 2.",
            "gates": [gate()],
            "criteria": criteria(),
            "total": 80.0,
            "provisional": True,
            "scored_weight": 0.6,
            "rank": 1,
            "novelty": novelty(),
        }
    elif status is ProposalStatus.INELIGIBLE:
        data |= {
            "reason": "Tidak memenuhi syarat: Lama penerapan.",
            "gates": [gate(passed=False, detail="Mulai 1 September 2021: 7 bulan.")],
            "novelty": novelty(),
        }
    else:
        data |= {"group": None, "category": None, "reason": "Berkas tidak valid: 1 masalah."}
        data["problems"] = [problem()]
    data.update(overrides)
    return ProposalOut.model_validate(data)


def run(lang: Lang = Lang.ID, **overrides: Any) -> RunOut:
    data: dict[str, Any] = {
        "rubric": "kipp-test",
        "rubric_sha256": RUBRIC_SHA,
        "batch": "mojokerto-uji",
        "started_at": "2022-04-20T09:00:00+07:00",
        "finished_at": "2022-04-20T09:00:07+07:00",
        "code_version": "0.1.0",
        "lang": lang,
        "shortlist_size": 1,
        "corpus": CorpusOut(
            path="kipp/data/prior-innovations.csv",
            sha256=CORPUS_SHA,
            entries=418,
            prior_art_entries=225,
        ),
        "inputs": [InputFile(path="batch/layanan-a.yaml", sha256=INPUT_SHA)],
    }
    data.update(overrides)
    return RunOut.model_validate(data)


def results(
    proposals: list[ProposalOut],
    lang: Lang = Lang.ID,
    unread: list[UnreadOut] | None = None,
    ignored: list[str] | None = None,
    notices: list[ProblemOut] | None = None,
    **run_overrides: Any,
) -> Results:
    """Results around `proposals`, the summary counted from them."""
    unread = unread or []

    def count(status: ProposalStatus) -> int:
        return sum(p.status is status for p in proposals)

    summary = Summary(
        files=len({p.source.split("#")[0] for p in proposals} | {u.path for u in unread}),
        proposals=len(proposals),
        shortlisted=count(ProposalStatus.SHORTLISTED),
        scored=count(ProposalStatus.SCORED),
        ineligible=count(ProposalStatus.INELIGIBLE),
        invalid=count(ProposalStatus.INVALID),
        unread=len(unread),
        provisional=any(p.provisional for p in proposals),
    )
    return Results(
        run=run(lang, **run_overrides),
        summary=summary,
        proposals=proposals,
        unread=unread,
        ignored=ignored or [],
        notices=notices or [],
    )


def full_results(lang: Lang = Lang.ID) -> Results:
    """One proposal of every status, an unread file, an ignored name and a batch notice."""
    nearest = [
        neighbour("prior", "prior-copy", 0.62, title="Layanan Serupa", year=2019),
        neighbour("batch", "layanan-b", 0.31, title="Layanan B", agency="Dinas Sosial", year=2018),
        neighbour("prior", "prior-far", 0.08, title="Inovasi Jauh", year=None),
    ]
    return results(
        [
            proposal(
                ProposalStatus.SHORTLISTED,
                novelty=novelty(nearest),
                explanation=explanation(),
                problems=[
                    problem(
                        field="Cap waktu",
                        message=text("table.unknown_column"),
                        line=2,
                        column="A",
                        severity=Severity.WARNING,
                    )
                ],
            ),
            proposal(
                ProposalStatus.SCORED,
                id="layanan-b",
                source="batch/layanan-b.yaml",
                title="Layanan B",
                agency="Dinas Sosial",
                total=60.0,
                rank=2,
                reason="Peringkat 2 dari 2; daftar pendek memuat 1 proposal.",
            ),
            proposal(
                ProposalStatus.INELIGIBLE,
                id="layanan-c",
                source="batch/layanan-c.yaml",
                title="Layanan C",
                agency="Dinas Perhubungan",
            ),
            proposal(ProposalStatus.INVALID, id="sip", source="batch/sip.md", title="SIP"),
        ],
        lang=lang,
        unread=[
            UnreadOut.of(
                Unread(
                    path="batch/surat.docx",
                    reason=text("file.unsupported", type="'.docx'", hint=text("file.hint.copy")),
                )
            )
        ],
        ignored=["batch/_catatan.txt"],
        notices=[
            problem(
                field="(file)",
                message=text("xlsx.other_sheets", sheet="Sheet1", others=["'Sheet2'"]),
                line=None,
                severity=Severity.WARNING,
                path="batch/ekspor.xlsx",
            )
        ],
    )


def workbook_texts(path: Path) -> set[str]:
    """Every text cell of every sheet of the workbook at `path`."""
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True)
    return {
        cell
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if isinstance(cell, str)
    }
