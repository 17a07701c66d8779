"""Prefect entrypoint of the `kipp-run` flow (`prefect.yaml`: `flows/run.py:kipp_run`).

The flow is defined in the installed package (`kipp_app.flows.run`), so `kipp run` works
outside this checkout; workers that pull this checkout load it through this file."""

from kipp_app.flows.run import kipp_run

__all__ = ["kipp_run"]
