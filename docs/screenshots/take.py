"""Screenshots of kipp in the Prefect UI, taken with headless Chromium.

    .venv/bin/python docs/screenshots/take.py [--out docs/screenshots]

Starts a Prefect server (SQLite, a temporary PREFECT_HOME) and `kipp serve` of this
checkout on 127.0.0.1, opens the score deployment's run form in the UI Prefect serves by
default (the new one, under /v2), triggers a run of the bundled sample batch with approval,
shoots the paused run, its proposed shortlist and the approval form filled in through the
page (one proposal moved into the shortlist, picked from the list), sends the form with
the form's own Resume button, and shoots the finished run's artifacts and its shortlist.
Each page is shot once the text it is taken for is on it. Everything it started is
stopped when it ends, also on failure.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from uuid import UUID

import httpx
from websockets.sync.client import connect
from websockets.sync.connection import Connection

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]  # this checkout's kipp

from integration.servers import (  # noqa: E402  (shared with the integration suite)
    PREFECT,
    background,
    free_port,
    prefect_env,
    wait_for_api,
)

from kipp.core.i18n import Lang, tr  # noqa: E402

WIDTH, HEIGHT = 1400, 1000
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
    f"--window-size={WIDTH},{HEIGHT}",
]
SAMPLE_BATCH = "submissions/mojokerto-2022"
LANG = Lang.ID  # the forms' and the run's default language: the texts awaited are its
# the approval shown: one proposal below the line moved in, by its id in the form's list
DECIDED_BY = "Rina Kartika"
NOTE = "Disetujui dalam rapat koordinator tim penilai."
MOVED_ID = "gelai-sang-ratu"
REASON = "Pelibatan orang tua dan guru dinilai kuat oleh tim penilai."
SETTLE_S = 2.0  # after the awaited text shows: the UI's fade-ins and charts


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    raise SystemExit("headless Chromium not found: apt-get install -y chromium")


def js(value: str) -> str:
    """A Python string as a JavaScript literal."""
    return json.dumps(value)


def button(text: str, within: str = "main") -> str:
    """JavaScript finding the first button, tab or menu item inside `within` whose text is
    `text`."""
    items = f"{within} button, {within} [role=tab], {within} [role=menuitem]"
    found = f"[...document.querySelectorAll({js(items)})]"
    return f"{found}.find(e => e.textContent.trim() === {js(text)})"


class Page:
    """One Chromium tab, driven through the DevTools protocol."""

    def __init__(self, socket: Connection) -> None:
        self.socket = socket
        self.counter = 0

    def call(self, method: str, **params: object) -> dict[str, Any]:
        self.counter += 1
        self.socket.send(json.dumps({"id": self.counter, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.counter:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return dict(message.get("result", {}))

    def size(self, width: int, height: int) -> None:
        self.call(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )

    def evaluate(self, expression: str) -> Any:
        found = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in found:
            raise RuntimeError(f"{expression}: {found['exceptionDetails']}")
        return found.get("result", {}).get("value")

    def open(self, url: str) -> None:
        self.size(WIDTH, HEIGHT)
        self.call("Page.navigate", url=url)

    def wait_for(self, expression: str, what: str, timeout: float = 60) -> None:
        """Until `expression` is true on the page, then `SETTLE_S` more."""
        deadline = time.monotonic() + timeout
        while not self.evaluate(f"Boolean({expression})"):
            if time.monotonic() > deadline:
                raise SystemExit(f"timed out waiting for {what} on the page")
            time.sleep(0.5)
        time.sleep(SETTLE_S)

    def wait_for_text(self, text: str, timeout: float = 60) -> None:
        self.wait_for(f"document.body?.innerText.includes({js(text)})", repr(text), timeout)

    def click(self, expression: str, what: str, mouse: bool = False) -> None:
        """Click the element `expression` finds: with the element's own click(), or with the
        mouse at its centre (menus that open on pointer events)."""
        if not mouse:
            if not self.evaluate(
                f"(e => {{ if (e) e.click(); return Boolean(e); }})({expression})"
            ):
                raise SystemExit(f"nothing to click: {what}")
            time.sleep(1)
            return
        centre = self.evaluate(
            f"(e => {{ if (!e) return null; const r = e.getBoundingClientRect();"
            f" return [r.x + r.width / 2, r.y + r.height / 2]; }})({expression})"
        )
        if not centre:
            raise SystemExit(f"nothing to click: {what}")
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.call(
                "Input.dispatchMouseEvent",
                type=kind,
                x=centre[0],
                y=centre[1],
                button="left",
                clickCount=1,
            )
        time.sleep(1)

    def type_into(self, expression: str, text: str) -> None:
        """Focus the field `expression` finds and type `text` as a person would."""
        if not self.evaluate(f"(e => {{ if (e) e.focus(); return Boolean(e); }})({expression})"):
            raise SystemExit(f"no field to type {text!r} into")
        self.call("Input.insertText", text=text)

    def shoot(self, png: Path, whole: bool = False, clip: str | None = None) -> None:
        """Save the viewport as `png`; `whole`: the page's full height; `clip`: only the
        box `[x, y, width, height]` that JavaScript expression gives, with a margin."""
        if whole:
            height = int(self.evaluate("document.documentElement.scrollHeight"))
            self.size(WIDTH, max(height, HEIGHT))
            time.sleep(SETTLE_S)
        params: dict[str, object] = {"format": "png"}
        if clip is not None:
            box = self.evaluate(clip)
            if not box:
                raise SystemExit(f"nothing to shoot: {clip}")
            x, y = max(box[0] - 16, 0), max(box[1] - 16, 0)
            params["clip"] = {
                "x": x,
                "y": y,
                "width": box[2] + 32,
                "height": box[3] + 32,
                "scale": 1,
            }
        shot = self.call("Page.captureScreenshot", **params)
        png.write_bytes(base64.b64decode(shot["data"]))
        print(f"saved {png}")


@contextmanager
def browser(env: dict[str, str], work: Path) -> Iterator[Page]:
    """Headless Chromium in its own process group (stopped however the block ends), and
    its one tab."""
    port = free_port()
    command = [
        chromium(),
        *CHROMIUM_FLAGS,
        f"--user-data-dir={work / 'chromium'}",
        f"--remote-debugging-port={port}",
        "--remote-debugging-address=127.0.0.1",
        "about:blank",
    ]
    with background(command, env, work / "chromium.log"):
        pages = wait_for(lambda: _pages(port), "Chromium's DevTools endpoint", timeout=30)
        socket_url = next(p for p in pages if p["type"] == "page")["webSocketDebuggerUrl"]
        with connect(socket_url, max_size=64 * 2**20) as socket:
            page = Page(socket)
            page.call("Page.enable")
            yield page


def _pages(port: int) -> list[dict[str, str]] | None:
    try:
        found: list[dict[str, str]] = httpx.get(f"http://127.0.0.1:{port}/json/list").json()
    except httpx.HTTPError:
        return None
    return found if any(p["type"] == "page" for p in found) else None


def api(base: str, method: str, path: str, **kwargs: Any) -> Any:
    response = httpx.request(method, f"{base}{path}", timeout=30, **kwargs)
    response.raise_for_status()
    return response.json() if response.content else None


def wait_for(check: Callable[[], Any], what: str, timeout: float = 180) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(1)
    raise SystemExit(f"timed out waiting for {what}")


def deployment_id(base: str, name: str) -> UUID | None:
    try:
        found = api(base, "GET", f"/deployments/name/{name}")
    except httpx.HTTPStatusError:
        return None
    return UUID(found["id"])


def run_state(base: str, run_id: str) -> str:
    state = api(base, "GET", f"/flow_runs/{run_id}")["state"] or {}
    return str(state.get("type", ""))


def artifact(base: str, run_id: str, key: str) -> dict[str, Any]:
    """The run's latest artifact of `key`."""
    found = api(
        base,
        "POST",
        "/artifacts/filter",
        json={"artifacts": {"flow_run_id": {"any_": [run_id]}, "key": {"any_": [key]}}},
    )
    if not found:
        raise SystemExit(f"the run has no {key} artifact")
    latest: dict[str, Any] = max(found, key=lambda a: a["created"])
    return latest


def box(element: str) -> str:
    """JavaScript giving the box of the element `element` finds."""
    return f"(r => [r.x, r.y, r.width, r.height])(({element}).getBoundingClientRect())"


# an artifact page's markdown with its Artifact/Raw tabs: without the navigation, the
# details beside it, and the header (whose description runs on under the details)
PROSE = (
    "(() => { const p = document.querySelector('main .prose');"
    " const r = p.getBoundingClientRect();"
    " const t = p.closest('.flex-col.gap-2').getBoundingClientRect();"
    " return [t.x, t.y, r.right - t.x, t.height]; })()"
)


def approve(page: Page, png: Path) -> None:
    """Fill in the open Resume form: name, note, one move picked from the list; shoot it."""
    dialog = "[role=dialog]"
    page.wait_for_text(tr("form.approval.decided_by.title", LANG))
    fields = f"document.querySelectorAll('{dialog} textarea')"
    page.type_into(f"{fields}[0]", DECIDED_BY)
    page.type_into(f"{fields}[1]", NOTE)
    page.click(button("Add item", dialog), "Add item")
    selects = f"document.querySelectorAll('{dialog} [aria-haspopup=listbox]')"
    options = "[...document.querySelectorAll('[role=option]')]"
    page.click(f"{selects}[0]", "the move's proposal")
    page.click(
        f"{options}.find(e => e.textContent.trim().endsWith({js(f'[{MOVED_ID}]')}))",
        f"the proposal {MOVED_ID} in the list",
    )
    inward = tr("form.approval.in", LANG)
    page.click(f"{selects}[1]", "the move's direction")
    page.click(f"{options}.find(e => e.textContent.trim() === {js(inward)})", inward)
    page.type_into(f"{fields}[2]", REASON)
    page.size(WIDTH, 1250)  # the whole form without scrolling inside the dialog
    time.sleep(SETTLE_S)
    page.shoot(png, clip=box(f"document.querySelector('{dialog}')"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="kipp-screens-"))
    port = free_port()
    base = f"http://127.0.0.1:{port}/api"
    ui = f"http://127.0.0.1:{port}/v2"  # the UI the server opens by default
    env = prefect_env(
        work / "prefect-home",
        base,
        KIPP_CACHE_DIR=str(work / "cache"),
        PREFECT_SERVER_UI_SHOW_PROMOTIONAL_CONTENT="false",
    )
    # `kipp serve` of this checkout, whatever kipp the interpreter has installed
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(ROOT / "src"), os.environ.get("PYTHONPATH", "")) if p
    )
    try:
        server_log = work / "server.log"
        command = [*PREFECT, "server", "start", "--host", "127.0.0.1", "--port", str(port)]
        with background(command, env, server_log) as server:
            wait_for_api(base, server, server_log)
            kipp = [sys.executable, "-m", "kipp_app", "serve"]
            with background(kipp, env, work / "serve.log"), browser(env, work) as page:
                dep = wait_for(lambda: deployment_id(base, "kipp-run/score"), "kipp serve")
                page.open(f"{ui}/deployments/deployment/{dep}/run")
                page.wait_for_text(tr("form.run.batch.title", LANG))
                page.shoot(out / "run-form.png", whole=True)

                params = {
                    "batch": SAMPLE_BATCH,
                    "out": str(work / "out"),
                    "approval": True,
                    "approval_wait_s": 900,
                }
                run = api(
                    base,
                    "POST",
                    f"/deployments/{dep}/create_flow_run",
                    json={"parameters": {"params": params}},
                )
                run_id = str(run["id"])
                wait_for(lambda: run_state(base, run_id) == "PAUSED", "the approval pause", 600)

                proposed = artifact(base, run_id, "kipp-shortlist-proposed")
                page.open(f"{ui}/artifacts/artifact/{proposed['id']}")
                page.wait_for_text(tr("summary.scored_heading", LANG))
                page.shoot(out / "proposed-shortlist.png", whole=True, clip=PROSE)

                # the paused run a little later: its timeline's first seconds crowd the labels
                run_page = f"{ui}/runs/flow-run/{run_id}"
                menu, resume = button("Open menu"), button("Resume", "[role=menu]")
                page.open(run_page)
                page.wait_for_text("Paused")
                page.click(menu, "the run's menu", mouse=True)
                page.wait_for(resume, "Resume in the run's menu")
                page.shoot(out / "run-paused.png")
                page.click(resume, "Resume", mouse=True)
                approve(page, out / "approval-form.png")
                page.click(button("Resume", "[role=dialog]"), "the form's Resume")
                wait_for(lambda: run_state(base, run_id) == "COMPLETED", "the run's end", 600)
                shortlist = artifact(base, run_id, "kipp-shortlist")
                if DECIDED_BY not in shortlist["data"] or REASON not in shortlist["data"]:
                    raise SystemExit("the decision sent with the form is not in kipp-shortlist")

                page.open(run_page)
                page.wait_for_text("Completed")
                page.click(button("Artifacts"), "the Artifacts tab", mouse=True)
                page.wait_for_text("kipp-scores")
                page.shoot(out / "run-artifacts.png", whole=True)

                page.open(f"{ui}/artifacts/artifact/{shortlist['id']}")
                page.wait_for_text(REASON)
                page.shoot(out / "shortlist-artifact.png", whole=True, clip=PROSE)
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
