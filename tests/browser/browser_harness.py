"""Run the real dashboard and a real headless Chromium, with every off-site request refused.

Shared by the browser tests (tests/browser/), the README screenshot and benchmarks/app_bench.py,
so that all three see the page the same way a user does: `streamlit run app/main.py` served
over HTTP, drawn by Debian's Chromium, and no internet.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from app.mapcomponent import DIV as MAP_DIV

ROOT = Path(__file__).resolve().parents[2]
APP_SCRIPT = ROOT / "app" / "main.py"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
# A small table whose reports carry HTML, javascript: URLs and spreadsheet formulas.
HOSTILE_TABLE = ROOT / "tests" / "fixtures" / "activity_sample.csv"
# Publishers (by report id of HOSTILE_TABLE) written as Markdown that fetches, links or styles.
HOSTILE_PUBLISHERS = {
    "alpha-2021": "![](http://198.51.100.7/x.png)",
    "alpha-2023": "[text](https://evil.example/login) <https://evil.example/auto>",
    "beta-2022": "https://evil.example/bare www.evil.example user@evil.example",
    "beta-2024": ":material/home: :red[red] $x^2$ <img src=http://198.51.100.7/y.png>",
}

# Playwright's own browser download does not work here; Debian's package does, with these flags.
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
)
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})

# The map's element in the page (app/mapcomponent.py), and the Leaflet vector shapes drawn in it.
MAP = f"#{MAP_DIV}"
MAP_SHAPES = ".leaflet-overlay-pane path"


def find_chromium() -> str | None:
    """Path of an installed Chromium, or None."""
    for candidate in (os.environ.get("CHROMIUM"), *CHROMIUM_CANDIDATES, shutil.which("chromium")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


def free_port() -> int:
    """A TCP port nothing listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(base_url: str, proc: subprocess.Popen, timeout: float = 60.0) -> None:
    """Block until Streamlit's health endpoint answers "ok"; fail fast if the server died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {proc.returncode} before being healthy")
        with (
            contextlib.suppress(urllib.error.URLError, ConnectionError, TimeoutError),
            urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as response,
        ):
            if response.status == 200:
                return
        time.sleep(0.2)
    raise TimeoutError(f"{base_url}/_stcore/health did not answer within {timeout:.0f} s")


@contextlib.contextmanager
def running_app(
    script: Path = APP_SCRIPT, log: Path | None = None, env: dict[str, str] | None = None
) -> Iterator[str]:
    """Start `streamlit run script` on a free port from the project root; yield its base URL.

    The project root is the working directory so that .streamlit/config.toml (static serving
    on, usage statistics off) applies exactly as it does for `make run`. ``env`` adds to the
    inherited environment (e.g. NRF_DATA to serve a fixture table).
    """
    port = free_port()
    base_url = f"http://localhost:{port}"
    log = log or ARTIFACTS / "streamlit.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable, "-m", "streamlit", "run", str(script),
        "--server.headless", "true",
        "--server.port", str(port),
        "--server.address", "localhost",
        "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    with log.open("wb") as out:
        full_env = {**os.environ, **(env or {})}
        proc = subprocess.Popen(
            command, cwd=ROOT, env=full_env, stdout=out, stderr=subprocess.STDOUT
        )
        try:
            wait_healthy(base_url, proc)
            yield base_url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@dataclass
class OffsiteGuard:
    """Records and aborts every request to a host other than this machine."""

    blocked: list[str] = field(default_factory=list)

    def install(self, context) -> None:
        context.route("**/*", self._handle)

    def _handle(self, route) -> None:
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about") or parts.hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()


def launch_chromium(playwright, executable: str):
    """Headless Debian Chromium under Playwright."""
    return playwright.chromium.launch(
        executable_path=executable, headless=True, args=list(CHROMIUM_ARGS)
    )


# {ISO code: fill colour} of every province shape Leaflet has drawn, read from the layers
# the page currently has on the map (window.map_div, window.feature_group). The
# colour is the computed one ("rgb(r, g, b)"), as the user sees it.
SHAPE_FILLS_JS = """() => {
    const fills = {};
    for (const group of window.feature_group || []) {
        if (!window.map_div.hasLayer(group)) continue;
        group.eachLayer(function visit(layer) {
            if (layer.eachLayer) { layer.eachLayer(visit); return; }
            if (layer.feature && layer._path && layer._path.isConnected) {
                fills[layer.feature.id] = getComputedStyle(layer._path).fill;
            }
        });
    }
    return fills;
}"""

# The point of a lat/lon in the viewport (where page.mouse clicks), and whether the topmost
# element there is the shape of the province with that ISO code.
POINT_IN_PROVINCE_JS = """([lat, lon, code]) => {
    const point = window.map_div.latLngToContainerPoint([lat, lon]);
    const box = window.map_div.getContainer().getBoundingClientRect();
    const x = box.left + point.x, y = box.top + point.y;
    const hit = document.elementFromPoint(x, y);
    let inside = false;
    for (const group of window.feature_group || []) {
        if (!window.map_div.hasLayer(group)) continue;
        group.eachLayer(function visit(layer) {
            if (layer.eachLayer) { layer.eachLayer(visit); return; }
            if (layer.feature && layer.feature.id === code && layer._path === hit) inside = true;
        });
    }
    return {x, y, inside};
}"""


def record_errors(page) -> list[str]:
    """The page's uncaught JavaScript errors, collected as they happen: the map's code runs
    in the page, so its errors are the page's."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors
