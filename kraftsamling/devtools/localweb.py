"""What the browser tests, the load test and the benchmark share: a free port on this machine,
Debian's Chromium started so that it makes no request of its own to any other host, and a
guard that keeps a page's requests on this machine."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.request
from urllib.parse import urlparse

# Chromium's own background traffic (updates, sync, QUIC probes) is switched off.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}


def keep_local(context, foreign: list[str]) -> None:
    """Route every request of a Playwright browser context through a guard: to this machine
    (and data:/blob: URLs) it goes on; to any other host it is recorded in `foreign` and
    aborted, so nothing leaves the machine even when a test is about to fail on it."""

    def guard(route) -> None:
        url = route.request.url
        if url.startswith(("data:", "blob:")) or (urlparse(url).hostname or "") in LOCAL_HOSTS:
            route.continue_()
        else:
            foreign.append(url)
            route.abort()

    context.route("**/*", guard)


def chromium() -> str | None:
    """The system Chromium (CHROMIUM=path overrides), or None when there is none."""
    return (
        os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    )


def browser_missing() -> str | None:
    """Why a benchmark cannot drive a browser here (its report line), or None when Chromium
    and Playwright are both installed."""
    if chromium() is None:
        return "hoppades över: Chromium saknas (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "hoppades över: Playwright saknas (pip install -r requirements-dev.txt)"
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop(process: subprocess.Popen, timeout: float = 20) -> None:
    """Stop a server process: terminate, and kill it if it has not gone after `timeout` s."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def wait_healthy(url: str, process: subprocess.Popen, timeout: float = 60) -> bool:
    """Wait until the Streamlit server at `url` answers /_stcore/health; False if its process
    ends or `timeout` seconds pass first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return True
        except OSError:
            time.sleep(0.05)
    return False
