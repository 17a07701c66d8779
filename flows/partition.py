"""Prefect entrypoint of the `kipp-partition` flow (`prefect.yaml`:
`flows/partition.py:kipp_partition`): one part of a split stage of a `kipp-run` started
with a work pool (`kipp run --work-pool NAME`). The flow is defined in the installed
package (`kipp_app.flows.partition`)."""

from kipp_app.flows.partition import kipp_partition

__all__ = ["kipp_partition"]
