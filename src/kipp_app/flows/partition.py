"""`kipp-partition`: one part of a split stage of a `kipp-run`, as a flow run of its own.

`kipp run --work-pool NAME` starts one flow run of this flow's deployment in that work pool
per part of a split stage (the scores); any Prefect worker of the pool picks it up. The
part's inputs and its output travel through the results storage that every worker mounts
(`kipp_app.flows.runner`: `<cache dir>/prefect-results/partitions/`); the flow is named
the stage and the part's path relative to that storage, and only wires the domain's stage.
"""

from prefect import flow, get_run_logger

from kipp_app.flows.runner import results_storage, run_part


@flow(name="kipp-partition", log_prints=False)
def kipp_partition(stage: str, part: str) -> int:
    """Run one part of a split stage of a kipp run: its inputs read from the shared cache
    folder, its output written back there; returns how many values it gave."""
    count = run_part(stage, part, results_storage())
    get_run_logger().info("%s: %s gave %d values", stage, part, count)
    return count
