"""Parts of a split stage elsewhere: cut to the run's size, exchanged through the shared
cache folder by their path relative to it, refused without a server the workers reach.
(The runs on two Prefect workers and on Dask: tests/integration/test_scale_out.py.)"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from orchestration.helpers import SAMPLE
from prefect.settings import PREFECT_API_URL, temporary_settings
from typer.testing import CliRunner

from kipp.core.i18n import Lang, render
from kipp.core.problems import KippError
from kipp.pipeline import Split
from kipp_app.cli import app
from kipp_app.flows.runner import PrefectRunner, local_part_size, read_part, write_part


class Item:
    def __init__(self, id: str) -> None:
        self.id = id


def test_a_runs_part_size_cuts_the_list_and_its_by_id_inputs_in_order() -> None:
    items = [Item(f"p{i}") for i in range(10)]
    inputs = {"over": items, "by": {item.id: item.id.upper() for item in items}, "k": 1}
    split = Split(over="over", by_id=("by",))
    parts = split.parts(inputs, 3)
    assert [[item.id for item in part["over"]] for part in parts] == [  # type: ignore[attr-defined]
        ["p0", "p1", "p2"],
        ["p3", "p4", "p5"],
        ["p6", "p7", "p8"],
        ["p9"],
    ]
    assert parts[3]["by"] == {"p9": "P9"} and parts[3]["k"] == 1
    assert len(split.parts(inputs)) == 1  # the stage's own size (200)
    assert len(split.parts(inputs, None)) == 1


def test_a_local_part_holds_the_stages_size_or_more_so_that_there_are_at_most_four() -> None:
    assert local_part_size({"eligible": [0] * 3_500}, "eligible", 200) == 875
    assert local_part_size({"eligible": [0] * 3_501}, "eligible", 200) == 876  # 4 parts
    assert local_part_size({"eligible": [0] * 500}, "eligible", 200) == 200  # 3 parts
    assert local_part_size({"eligible": []}, "eligible", 200) == 200
    split = Split(over="over")
    assert len(split.parts({"over": [Item(str(i)) for i in range(3_501)]}, 876)) == 4


@pytest.mark.parametrize(
    ("where", "size"),
    [
        ({}, 875),  # the flow's own threads: at most four parts
        ({"partition_size": 50}, 50),  # the run's size, wherever the parts run
        ({"dask": True}, 200),  # elsewhere, the stage's own size
        ({"dask_address": "tcp://127.0.0.1:8786"}, 200),
        ({"work_pool": "kipp"}, 200),
    ],
)
def test_a_run_cuts_fewer_parts_only_when_they_run_on_its_own_threads(
    where: dict[str, Any], size: int
) -> None:
    runner = PrefectRunner(Lang.EN, **where)
    assert runner.part_size(Split(over="eligible"), {"eligible": [0] * 3_500}) == size


def test_a_part_written_under_one_mount_is_read_under_another(tmp_path: Path) -> None:
    here, there = tmp_path / "here", tmp_path / "there"
    write_part(here, "partitions/run1/scores-00000", "in", {"eligible": [1, 2], "k": "v"})
    here.rename(there)  # the same folder, mounted elsewhere on a worker
    assert read_part(there, "partitions/run1/scores-00000", "in") == {"eligible": [1, 2], "k": "v"}
    assert sorted(p.name for p in (there / "partitions" / "run1").iterdir()) == [
        "scores-00000.in.pickle"
    ]


def test_a_worker_that_does_not_see_the_shared_cache_says_which_part_and_where(
    tmp_path: Path,
) -> None:
    with pytest.raises(KippError) as raised:
        read_part(tmp_path, "partitions/run1/scores-00002", "in")
    path = tmp_path / "partitions/run1/scores-00002.in.pickle"
    assert str(raised.value) == f"the file of part partitions/run1/scores-00002 is not at {path}"
    assert raised.value.hint is not None
    assert render(raised.value.hint, Lang.ID) == (
        "setiap pekerja harus memasang folder cache bersama yang sama dengan run utama: atur "
        "KIPP_CACHE_DIR ke folder bersama itu di setiap mesin"
    )


@pytest.mark.parametrize(
    ("option", "value"), [("--work-pool", "kipp"), ("--dask-address", "tcp://127.0.0.1:8786")]
)
def test_kipp_run_on_workers_elsewhere_without_a_server_is_a_usage_error(
    option: str, value: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    with temporary_settings(restore_defaults={PREFECT_API_URL}):  # no server in any profile
        result = CliRunner().invoke(app, ["run", str(SAMPLE), option, value, "--lang", "en"])
    assert result.exit_code == 2
    assert result.output == (
        f"error: {option} needs a Prefect server the workers can reach\n"
        "hint: set PREFECT_API_URL to the team's server, e.g. http://SERVER:4200/api "
        "(see docs/scale-out.md)\n"
    )
