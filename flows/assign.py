"""Prefect entrypoint of the `kipp-assign` flow (`prefect.yaml`:
`flows/assign.py:kipp_assign`); the flow is `kipp_app.flows.assign.kipp_assign`."""

from kipp_app.flows.assign import kipp_assign

__all__ = ["kipp_assign"]
