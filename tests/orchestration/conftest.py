"""One Prefect test server for every flow test (started once, ~10 s), heartbeat off and the
server's batch settings that keep it from falling behind on bursts."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from prefect.settings import (
    PREFECT_FLOWS_HEARTBEAT_FREQUENCY,
    PREFECT_SERVER_SERVICES_EVENT_PERSISTER_BATCH_SIZE,
    PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_BATCH_SIZE,
    temporary_settings,
)
from prefect.testing.utilities import prefect_test_harness


@pytest.fixture(scope="session", autouse=True)
def prefect_server() -> Iterator[None]:
    # no telemetry from the test server (it also logs "database is locked" on SQLite)
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    updates = {
        PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None,
        PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_BATCH_SIZE: 200,
        PREFECT_SERVER_SERVICES_EVENT_PERSISTER_BATCH_SIZE: 500,
    }
    with temporary_settings(updates=updates), prefect_test_harness(server_startup_timeout=90):
        yield
