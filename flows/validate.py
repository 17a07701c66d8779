"""Prefect entrypoint of the `kipp-validate` flow (`prefect.yaml`:
`flows/validate.py:kipp_validate`); the flow is `kipp_app.flows.validate.kipp_validate`."""

from kipp_app.flows.validate import kipp_validate

__all__ = ["kipp_validate"]
