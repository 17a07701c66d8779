"""Talking to a Prefect server: fail in seconds, with the fix, when it does not answer."""

import httpx
from prefect.settings import PREFECT_API_URL

from kipp.core.problems import KippError

PROBE_TIMEOUT_S = 3.0


class ServerUnreachableError(KippError):
    """PREFECT_API_URL names a server that does not answer."""


def api_url() -> str | None:
    """The configured Prefect API (environment or profile); None means the embedded server."""
    value = PREFECT_API_URL.value()
    return str(value) if value else None


def check_api(url: str | None = None, timeout: float = PROBE_TIMEOUT_S) -> None:
    """Raise `ServerUnreachableError` within about `timeout` seconds when the API at `url`
    (the configured one by default) does not answer. Any HTTP answer counts as alive: the
    probe is for a dead address or port, not for the server's health. Without it the client
    retries for minutes before giving up."""
    url = url or api_url()
    if not url:
        return
    probe = url.rstrip("/") + "/health"
    try:
        httpx.get(probe, timeout=timeout)
    except httpx.HTTPError as exc:
        reason = str(exc) or type(exc).__name__
        raise ServerUnreachableError.of(
            "error.server_unreachable", "hint.server_unreachable", url=url, reason=reason
        ) from None
