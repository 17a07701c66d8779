"""`kipp serve`: the three deployments it serves, their forms, and what they register."""

from __future__ import annotations

import ast
import asyncio
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId
from prefect.client.schemas.objects import StateType
from prefect.deployments.runner import RunnerDeployment
from prefect.runner import Runner
from prefect.utilities.schema_tools import validate

from kipp.core.catalogue import CATALOGUE
from kipp.core.i18n import Lang
from kipp_app.flows.assign import AssignParameters, Blind
from kipp_app.flows.deployments import DEFAULT_BATCH, deployments
from kipp_app.flows.forms import DocumentLanguage
from kipp_app.flows.run import RunParameters
from kipp_app.flows.validate import ValidateParameters

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = {
    "description": "Bahasa, dipilih menurut namanya",
    "enum": ["Bahasa Indonesia", "English"],
    "title": "Bahasa",
    "type": "string",
}
# what the forms are drawn from: their docstrings are for developers, never shown
FORM_CLASSES = (RunParameters, ValidateParameters, AssignParameters, DocumentLanguage, Blind)


@pytest.fixture(scope="module")
def served() -> dict[str, RunnerDeployment]:
    """The deployments as `kipp serve` builds them (not served), by name."""
    return {d.name: d for d in deployments()}


def schema(deployment: RunnerDeployment) -> dict[str, Any]:
    found: dict[str, Any] = deployment._parameter_openapi_schema.model_dump()
    return found


def form(deployment: RunnerDeployment) -> dict[str, Any]:
    """The model behind the deployment's one parameter, `params`: the form the UI shows."""
    found = schema(deployment)
    assert found["properties"]["params"]["$ref"].startswith("#/definitions/")
    name = found["properties"]["params"]["$ref"].removeprefix("#/definitions/")
    model: dict[str, Any] = found["definitions"][name]
    return model


def field(deployment: RunnerDeployment, name: str) -> dict[str, Any]:
    """A field of the form without its description (checked elsewhere)."""
    return {k: v for k, v in form(deployment)["properties"][name].items() if k != "description"}


def test_serve_builds_validate_score_and_assign(served: dict[str, RunnerDeployment]) -> None:
    assert [(d.flow_name, d.name, d.entrypoint) for d in served.values()] == [
        ("kipp-validate", "validate", "kipp_app.flows.validate.kipp_validate"),
        ("kipp-run", "score", "kipp_app.flows.run.kipp_run"),
        ("kipp-assign", "assign", "kipp_app.flows.assign.kipp_assign"),
    ]


def test_served_deployments_run_in_this_process_on_demand_with_enforced_forms(
    served: dict[str, RunnerDeployment],
) -> None:
    assert [
        (d.work_pool_name, d.schedules, d.tags, d.enforce_parameter_schema, d.paused)
        for d in served.values()
    ] == [(None, [], ["kipp"], True, False)] * 3


def test_score_form_holds_the_fields_the_readme_lists(
    served: dict[str, RunnerDeployment],
) -> None:
    score = served["score"]
    assert list(form(score)["properties"]) == [
        "batch",
        "out",
        "rubric",
        "corpus",
        "lang",
        "size",
        "approval",
        "approval_wait_s",
        "dask",
        "dask_workers",
        "dask_address",
        "work_pool",
        "partition_size",
    ]
    assert form(score)["required"] == ["batch"]
    # plain fields in Indonesian: an empty text or a 0 is the default, no text/none toggle
    assert field(score, "batch") == {"title": "Folder kumpulan proposal", "type": "string"}
    assert field(score, "rubric") == {"default": "", "title": "Rubrik (YAML)", "type": "string"}
    assert field(score, "corpus") == {
        "default": "",
        "title": "Korpus inovasi terdahulu (CSV)",
        "type": "string",
    }
    assert field(score, "lang") == {
        "$ref": "#/definitions/DocumentLanguage",
        "default": "Bahasa Indonesia",
        "title": "Bahasa dokumen",
    }
    assert schema(score)["definitions"]["DocumentLanguage"] == LANGUAGES  # named languages
    assert field(score, "size") == {
        "default": 0,
        "minimum": 0,
        "title": "Jumlah nominasi",
        "type": "integer",
    }
    assert field(score, "approval") == {
        "default": False,
        "title": "Tunggu persetujuan koordinator",
        "type": "boolean",
    }
    assert form(score)["properties"]["size"]["description"] == (
        "0 untuk jumlah yang ditetapkan rubrik"
    )
    # parts of scoring on a work pool's workers: off (empty) unless a pool is named
    assert field(score, "work_pool") == {
        "default": "",
        "title": "Work pool bagian",
        "type": "string",
    }


def test_forms_served_in_english_are_titled_and_described_in_english() -> None:
    score = deployments(lang=Lang.EN)[1]
    assert field(score, "batch") == {"title": "Batch folder", "type": "string"}
    assert form(score)["properties"]["size"]["description"] == "0 for the rubric's size"
    assert score.description == (
        "Validate, gate, measure, score and shortlist a batch; pause for the coordinator's "
        "approval; write the documents."
    )


def test_score_form_starts_with_the_sample_batch_and_approval_on(
    served: dict[str, RunnerDeployment],
) -> None:
    assert served["score"].parameters == {
        "params": {
            "batch": DEFAULT_BATCH,
            "out": "",
            "rubric": "",
            "corpus": "",
            "lang": "Bahasa Indonesia",
            "size": 0,
            "approval": True,  # the model says False, for `kipp run`; the deployment True
            "approval_wait_s": 3600,
            "dask": False,
            "dask_workers": 2,
            "dask_address": "",
            "work_pool": "",
            "partition_size": 0,
        }
    }


def test_validate_and_assign_forms_hold_batch_rubric_and_lang(
    served: dict[str, RunnerDeployment],
) -> None:
    assert list(form(served["validate"])["properties"]) == ["batch", "rubric", "lang"]
    assert list(form(served["assign"])["properties"]) == [
        "batch",
        "panel",
        "per_proposal",
        "seed",
        "out",
        "rubric",
        "blind",
        "lang",
        "force",
        "deadline",
        "corpus",
    ]
    assert field(served["assign"], "lang") == {
        "$ref": "#/definitions/DocumentLanguage",
        "default": "Bahasa Indonesia",
        "title": "Bahasa lembar penilaian",
    }
    assert [d.parameters["params"]["batch"] for d in served.values()] == [DEFAULT_BATCH] * 3


def test_every_form_field_says_what_it_is_for(served: dict[str, RunnerDeployment]) -> None:
    assert {
        (d.name, name)
        for d in served.values()
        for name, spec in form(d)["properties"].items()
        if not spec.get("description")
    } == set()


def labels(found: Any, where: str = "") -> list[tuple[str, str]]:
    """(where, text) of every `title` and `description` string in a schema."""
    if isinstance(found, dict):
        return [
            pair
            for key, value in found.items()
            for pair in (
                [(f"{where}/{key}", value)]
                if key in ("title", "description") and isinstance(value, str)
                else labels(value, f"{where}/{key}")
            )
        ]
    if isinstance(found, list):
        return [pair for i, item in enumerate(found) for pair in labels(item, f"{where}[{i}]")]
    return []


def sections(deployment: RunnerDeployment) -> dict[str, dict[str, Any]]:
    """The `params` section's heading and every definition's title and description."""
    found = schema(deployment)
    shown = {"params": found["properties"]["params"]}
    shown.update(found["definitions"])
    return {
        name: {k: v for k, v in spec.items() if k in ("title", "description")}
        for name, spec in shown.items()
    }


@pytest.mark.parametrize("lang", [Lang.ID, Lang.EN])
def test_every_title_and_description_of_the_forms_is_a_catalogue_text_never_a_docstring(
    lang: Lang,
) -> None:
    texts = {entry[lang.value] for entry in CATALOGUE.values()}
    docstrings = [" ".join((c.__doc__ or "").split()) for c in FORM_CLASSES]
    for deployment in deployments(lang=lang):
        found = labels(schema(deployment))
        # the schema's own title is Prefect's (`ParameterSchema.title`, never shown)
        assert found[0] == ("/title", "Parameters")
        assert {(where, label) for where, label in found[1:] if label not in texts} == set()
        everything = " ".join(label for _, label in found)
        assert [doc for doc in docstrings if doc[:40] in " ".join(everything.split())] == []


def test_form_sections_are_headed_and_described_in_indonesian(
    served: dict[str, RunnerDeployment],
) -> None:
    assert sections(served["score"]) == {
        "params": {"title": "Pengaturan penilaian"},
        "RunParameters": {
            "title": "Pengaturan penilaian",
            "description": "Pilihan untuk penilaian satu kumpulan proposal. Isian teks yang "
            "dikosongkan atau angka 0 berarti memakai nilai bawaan; bahasa dipilih menurut "
            "namanya.",
        },
        "DocumentLanguage": {"title": "Bahasa", "description": "Bahasa, dipilih menurut namanya"},
    }
    assert sections(served["validate"])["params"] == {"title": "Pengaturan pemeriksaan"}
    assert sections(served["validate"])["ValidateParameters"] == {
        "title": "Pengaturan pemeriksaan",
        "description": "Kumpulan proposal yang diperiksa terhadap format proposal. Rubrik yang "
        "dikosongkan berarti memakai rubrik bawaan kipp.",
    }
    assert sections(served["assign"])["params"] == {"title": "Pengaturan penugasan juri"}
    assert sections(served["assign"])["Blind"] == {
        "title": "Tanpa identitas",
        "description": "rubric: sesuai rubrik; yes: tanpa nama instansi dan inovator; "
        "no: dengan nama",
    }


def test_form_sections_served_in_english_are_headed_and_described_in_english() -> None:
    score = deployments(lang=Lang.EN)[1]
    assert sections(score) == {
        "params": {"title": "Scoring settings"},
        "RunParameters": {
            "title": "Scoring settings",
            "description": "What this run of scoring uses for one batch. An empty text or a 0 "
            "means the default; a language is chosen by its name.",
        },
        "DocumentLanguage": {"title": "Language", "description": "A language, chosen by its name"},
    }


def test_served_defaults_fill_in_a_valid_form(served: dict[str, RunnerDeployment]) -> None:
    for deployment in served.values():
        validate(deployment.parameters, schema(deployment), raise_on_error=True)


def test_serve_fills_the_forms_with_the_batch_and_approval_asked_for() -> None:
    made = deployments(batch="submissions/kota-x", approval=False)
    assert [d.parameters["params"]["batch"] for d in made] == ["submissions/kota-x"] * 3
    assert made[1].parameters["params"]["approval"] is False


def test_flow_modules_keep_their_annotations_evaluated_for_the_forms() -> None:
    # `from __future__ import annotations` turns pydantic parameters into strings that
    # break deployment forms (Prefect issue 19447)
    future = {
        str(path.relative_to(ROOT))
        for path in sorted((ROOT / "flows").glob("*.py"))
        for node in ast.parse(path.read_text(encoding="utf-8")).body
        if isinstance(node, ast.ImportFrom)
        and node.module == "__future__"
        and any(alias.name == "annotations" for alias in node.names)
    }
    assert future == set()


def test_served_deployments_register_with_their_forms(
    served: dict[str, RunnerDeployment],
) -> None:
    for deployment in served.values():
        deployment.apply()
    with get_client(sync_client=True) as client:
        stored = {
            name: client.read_deployment_by_name(f"{d.flow_name}/{name}")
            for name, d in served.items()
        }
    assert {name: (s.parameters, s.parameter_openapi_schema) for name, s in stored.items()} == {
        name: (d.parameters, schema(d)) for name, d in served.items()
    }
    assert {name: s.description for name, s in stored.items()} == {
        name: d.description for name, d in served.items()
    }


def test_a_run_of_the_served_validate_deployment_reports_on_the_batch(tmp_path: Path) -> None:
    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "notes.txt").write_text("not a proposal", encoding="utf-8")
    runner = Runner(name="kipp-serve-test", limit=1)  # what `serve` starts, for one poll
    deployment_id = runner.add_deployment(deployments(batch=str(batch))[0])
    assert isinstance(deployment_id, UUID)  # called from sync code: done, not awaitable
    with get_client(sync_client=True) as client:
        run = client.create_flow_run_from_deployment(deployment_id)
    asyncio.run(runner.start(run_once=True))  # runs it in a child process, as served
    with get_client(sync_client=True) as client:
        finished = client.read_flow_run(run.id)
        artifacts = client.read_artifacts(
            artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[run.id]))
        )
    assert (finished.state_type, finished.parameters) == (
        StateType.COMPLETED,
        {"params": {"batch": str(batch), "rubric": "", "lang": "Bahasa Indonesia"}},
    )
    assert [a.data for a in artifacts if a.key == "kipp-validation"] == [
        f"# Pemeriksaan {batch}\n\n0 proposal dari 1 berkas: 0 valid, 0 tidak valid, "
        "1 tidak terbaca, 0 dilewati\n"
    ]
