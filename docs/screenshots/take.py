"""Screenshots of kipp in the Prefect UI, taken with headless Chromium.

    .venv/bin/python docs/screenshots/take.py [--out docs/screenshots]

Starts a Prefect server (SQLite, a temporary PREFECT_HOME) and `kipp serve` on 127.0.0.1,
opens the score deployment's run form, triggers a run of the bundled sample batch with
approval, resumes it with a decision, and captures the finished run's shortlist artifact.
Everything it started is stopped when it ends, also on failure.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from uuid import UUID

import httpx
import websockets

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))

from integration.servers import (  # noqa: E402  (shared with the integration suite)
    PREFECT,
    background,
    free_port,
    prefect_env,
    wait_for_api,
)

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--window-size=1400,1000",
]


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    raise SystemExit("headless Chromium not found: apt-get install -y chromium")


def shoot(url: str, png: Path, settle_s: float = 8.0, click: str | None = None) -> None:
    """Open `url` in headless Chromium, let the single-page app settle for `settle_s` real
    seconds (its fade-ins do not finish under --virtual-time-budget), click the button or
    tab whose text is `click` if given, and save a 1400x1000 PNG.
    Driven through the DevTools protocol on a local port."""
    profile = tempfile.mkdtemp(prefix="kipp-chromium-")
    port = free_port()
    command = [
        chromium(),
        *CHROMIUM_FLAGS,
        f"--user-data-dir={profile}",
        f"--remote-debugging-port={port}",
        "--remote-debugging-address=127.0.0.1",
        "about:blank",
    ]
    browser = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        pages = wait_for(lambda: _pages(port), "Chromium's DevTools endpoint", timeout=30)
        socket_url = next(p for p in pages if p["type"] == "page")["webSocketDebuggerUrl"]
        data = asyncio.run(_capture(socket_url, url, settle_s, click))
        png.write_bytes(data)
    finally:
        browser.terminate()
        try:
            browser.wait(timeout=10)
        except subprocess.TimeoutExpired:
            browser.kill()
        shutil.rmtree(profile, ignore_errors=True)
    print(f"saved {png}")


def _pages(port: int) -> list[dict[str, str]] | None:
    try:
        found: list[dict[str, str]] = httpx.get(f"http://127.0.0.1:{port}/json/list").json()
    except httpx.HTTPError:
        return None
    return found if any(p["type"] == "page" for p in found) else None


CLICK = """
const wanted = %s;
const found = [...document.querySelectorAll('button, a, [role=tab], li')]
  .find(e => e.textContent.trim() === wanted);
if (found) { found.click(); }
Boolean(found);
"""


async def _capture(socket_url: str, url: str, settle_s: float, click: str | None) -> bytes:
    async with websockets.connect(socket_url, max_size=64 * 2**20) as ws:
        counter = 0

        async def call(method: str, **params: object) -> dict[str, object]:
            nonlocal counter
            counter += 1
            await ws.send(json.dumps({"id": counter, "method": method, "params": params}))
            while True:
                message = json.loads(await ws.recv())
                if message.get("id") == counter:
                    return dict(message.get("result", {}))

        await call(
            "Emulation.setDeviceMetricsOverride",
            width=1400,
            height=1000,
            deviceScaleFactor=1,
            mobile=False,
        )
        await call("Page.enable")
        await call("Page.navigate", url=url)
        await asyncio.sleep(settle_s)
        if click is not None:
            clicked = await call("Runtime.evaluate", expression=CLICK % json.dumps(click))
            if not dict(clicked.get("result", {})).get("value"):  # type: ignore[call-overload]
                raise SystemExit(f"nothing to click named {click!r} on {url}")
            await asyncio.sleep(3)
        shot = await call("Page.captureScreenshot", format="png")
        return base64.b64decode(str(shot["data"]))


def api(base: str, method: str, path: str, **kwargs: object) -> object:
    response = httpx.request(method, f"{base}{path}", timeout=30, **kwargs)  # type: ignore[arg-type]
    response.raise_for_status()
    return response.json() if response.content else None


def wait_for(check: object, what: str, timeout: float = 180) -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()  # type: ignore[operator]
        if found:
            return found
        time.sleep(1)
    raise SystemExit(f"timed out waiting for {what}")


def deployment_id(base: str, name: str) -> UUID | None:
    try:
        found = api(base, "GET", f"/deployments/name/{name}")
    except httpx.HTTPStatusError:
        return None
    return UUID(found["id"])  # type: ignore[index]


def run_state(base: str, run_id: str) -> tuple[str, str]:
    run = api(base, "GET", f"/flow_runs/{run_id}")
    state = run["state"] or {}  # type: ignore[index]
    return state.get("type", ""), state.get("name", "")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="kipp-screens-"))
    port = free_port()
    base = f"http://127.0.0.1:{port}/api"
    ui = f"http://127.0.0.1:{port}"
    env = prefect_env(work / "prefect-home", base, KIPP_CACHE_DIR=str(work / "cache"))
    try:
        server_log = work / "server.log"
        command = [*PREFECT, "server", "start", "--host", "127.0.0.1", "--port", str(port)]
        with background(command, env, server_log) as server:
            wait_for_api(base, server, server_log)  # type: ignore[arg-type]
            kipp = [str(Path(sys.executable).parent / "kipp"), "serve"]
            with background(kipp, env, work / "serve.log"):
                dep = wait_for(lambda: deployment_id(base, "kipp-run/score"), "kipp serve")
                shoot(f"{ui}/deployments/deployment/{dep}/run", args.out / "run-form.png")
                out = work / "out"
                params = {
                    "batch": "submissions/mojokerto-2022",
                    "out": str(out),
                    "approval": True,
                    "approval_wait_s": 600,
                }
                run = api(
                    base,
                    "POST",
                    f"/deployments/{dep}/create_flow_run",
                    json={"parameters": {"params": params}},
                )
                run_id = run["id"]  # type: ignore[index]
                wait_for(lambda: run_state(base, run_id)[0] == "PAUSED", "the approval pause")
                time.sleep(2)
                shoot(f"{ui}/runs/flow-run/{run_id}", args.out / "run-paused.png")
                shoot(
                    f"{ui}/runs/flow-run/{run_id}", args.out / "approval-form.png", click="Resume"
                )
                decision = {
                    "decided_by": "Rina Kartika",
                    "note": "Approved after the coordinators' meeting.",
                    "moves": [],
                }
                answer = api(
                    base, "POST", f"/flow_runs/{run_id}/resume", json={"run_input": decision}
                )
                print(f"resume: {answer}")
                wait_for(lambda: run_state(base, run_id)[0] == "COMPLETED", "the run's end")
                time.sleep(2)
                found = api(
                    base,
                    "POST",
                    "/artifacts/filter",
                    json={"artifacts": {"flow_run_id": {"any_": [run_id]}}},
                )
                shortlist = max(
                    (a for a in found if a["key"] == "kipp-shortlist"),  # type: ignore[attr-defined]
                    key=lambda a: a["created"],
                )
                shoot(
                    f"{ui}/runs/flow-run/{run_id}",
                    args.out / "run-artifacts.png",
                    click="Artifacts",
                )
                shoot(
                    f"{ui}/artifacts/artifact/{shortlist['id']}",
                    args.out / "shortlist-artifact.png",
                )
    except BaseException:
        for log in sorted(work.glob("*.log")):
            print(f"--- {log.name}\n{log.read_text(errors='replace')[-3000:]}", file=sys.stderr)
        raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("DO_NOT_TRACK", "1")
    raise SystemExit(main())
