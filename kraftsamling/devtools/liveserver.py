"""A real `streamlit run` server and light-weight sessions that talk to it the way the
browser's frontend does, for the load tests (tests/test_load.py) and the national benchmark's
memory measurement (kraftsamling/devtools/bench_national.py).

Why not AppTest threads: AppTest is not thread-safe. Every `AppTest.run()` installs a mock
`Runtime` singleton and removes it when it finishes (another thread's script then fails with
"Runtime hasn't been created!"), and patches `streamlit.config.get_option` globally (the last
thread to finish leaves it patched). Why not 20 Chromium contexts: on a two-core CI machine 20
pages take about 90 s to draw the map once. So the server is real (one process, 20 concurrent
`AppSession`s with their own script threads, sharing the app's caches as in production), and
each session is a WebSocket client that sends the frontend's `BackMsg` (`rerun_script` with the
URL's query string and page name) and reads the `ForwardMsg`s the browser would draw. The
session itself is `kraftsamling.wsclient.Session` (the server's warm-up uses it too).
"""

from __future__ import annotations

import os
import subprocess
import sys
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path

from kraftsamling import paths
from kraftsamling.devtools.localweb import free_port, stop, wait_healthy


@dataclass
class Server:
    port: int
    process: subprocess.Popen
    log: Path | None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/_stcore/stream"

    def log_text(self, since: int = 0) -> str:
        """The server's output (from character `since` on); '' when it was not kept."""
        if self.log is None:
            return ""
        return self.log.read_text(encoding="utf-8", errors="replace")[since:]


@contextmanager
def streamlit_server(
    database: Path | None = None,
    log: Path | None = None,
    script: str | Path = "dashboard.py",
    timeout: float = 60,
    **env: str,
):
    """`streamlit run dashboard.py` (or `script`: app.py, or a script elsewhere) on a free port
    of 127.0.0.1, reading `database` (else the environment's); its output goes to `log` (else
    nowhere). Yields once the server answers its health check (RuntimeError if it has not
    within `timeout` seconds); stops it on leaving. Nobody can log in unless `env` names the
    administrators (`KRAFTSAMLING_ADMINS=...`): the providers' view.

    The flags say again what .streamlit/config.toml says (headless, no file watcher, no usage
    statistics), so that a server started here is the same when the file is missing."""
    port = free_port()
    environment = dict(os.environ)
    environment.pop("KRAFTSAMLING_ADMINS", None)
    if database is not None:
        environment["KRAFTSAMLING_DB"] = str(database)
    environment.update(env)
    with open(log, "wb") if log is not None else nullcontext(subprocess.DEVNULL) as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(paths.REPO / script),
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
                "--server.headless",
                "true",
                "--server.fileWatcherType",
                "none",
                "--server.runOnSave",
                "false",
                "--browser.gatherUsageStats",
                "false",
            ],
            cwd=paths.REPO,
            env=environment,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    server = Server(port, process, log)
    try:
        if not wait_healthy(server.url, process, timeout=timeout):
            raise RuntimeError(
                f"Streamlit ({Path(script).name}) svarade inte inom {timeout:g} s:\n"
                + server.log_text()
            )
        yield server
    finally:
        stop(process)
