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
URL's query string and page name) and reads the `ForwardMsg`s the browser would draw.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.sync.client import connect

from kraftsamling import paths
from kraftsamling.devtools.localweb import free_port, stop, wait_healthy

RUN_TIMEOUT = 120.0  # seconds for one script run, however loaded the machine is


@dataclass
class Server:
    port: int
    process: subprocess.Popen
    log: Path

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/_stcore/stream"

    def log_text(self, since: int = 0) -> str:
        """The server's output (from character `since` on)."""
        return self.log.read_text(encoding="utf-8", errors="replace")[since:]


@contextmanager
def streamlit_server(database: Path, log: Path, script: str = "dashboard.py", **env: str):
    """`streamlit run dashboard.py` (or `script`, e.g. app.py) on a free port, reading
    `database`; its output goes to `log`."""
    port = free_port()
    environment = {**os.environ, "KRAFTSAMLING_DB": str(database), **env}
    environment.pop("KRAFTSAMLING_ADMINS", None)  # nobody can log in: the providers' view
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(paths.REPO / script),
             "--server.port", str(port), "--server.address", "127.0.0.1",
             "--server.headless", "true", "--server.fileWatcherType", "none",
             "--server.runOnSave", "false", "--browser.gatherUsageStats", "false"],
            cwd=paths.REPO, env=environment, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    server = Server(port, process, log)
    try:
        if not wait_healthy(f"http://127.0.0.1:{port}", process):
            raise RuntimeError("Streamlit startade inte:\n" + server.log_text())
        yield server
    finally:
        stop(process)


@dataclass
class Run:
    """What one script run sent to the browser."""

    started: float
    finished: float
    status: int
    elements: list = field(default_factory=list)  # streamlit.proto Element messages
    errors: list[str] = field(default_factory=list)  # exceptions shown, compile errors
    query_string: str = ""  # the URL as the app left it

    def of_type(self, kind: str) -> list:
        return [getattr(e, kind) for e in self.elements if e.WhichOneof("type") == kind]

    def markdown(self) -> list[str]:
        return [m.body for m in self.of_type("markdown")]

    def selectbox(self, label: str):
        found = [s for s in self.of_type("selectbox") if s.label == label]
        if not found:
            raise LookupError(f"no select box {label!r}")
        return found[0]  # its options are the labels shown (the value is the page's business)


class Session:
    """One browser tab's session on the server: `run()` is a page load or a rerun."""

    def __init__(self, server: Server):
        self._stack = ExitStack()
        self.socket = self._stack.enter_context(
            connect(server.ws_url, subprotocols=["streamlit"], max_size=None,
                    open_timeout=RUN_TIMEOUT, close_timeout=5)
        )  # fmt: skip

    def close(self) -> None:
        self._stack.close()

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def run(self, query_string: str = "", page: str = "") -> Run:
        """Ask for a run of `page` ('' = the default page, 'kluster', …) with the URL's query
        string, as the frontend does on a page load, and collect what comes back until the
        run finishes (following the app's own st.rerun)."""
        message = BackMsg()
        message.rerun_script.query_string = query_string
        message.rerun_script.page_name = page
        started = time.monotonic()
        self.socket.send(message.SerializeToString())
        run = Run(started, 0.0, -1, query_string=query_string)
        deadline = started + RUN_TIMEOUT
        while True:
            data = self.socket.recv(timeout=max(0.1, deadline - time.monotonic()))
            forward = ForwardMsg()
            forward.ParseFromString(data)
            kind = forward.WhichOneof("type")
            if kind == "new_session":  # a run starts: what the browser shows is redrawn
                run.elements, run.errors = [], []
            elif kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                element = forward.delta.new_element
                run.elements.append(element)
                if element.WhichOneof("type") == "exception":
                    run.errors.append(f"{element.exception.type}: {element.exception.message}")
            elif kind == "page_info_changed":
                run.query_string = forward.page_info_changed.query_string
            elif kind == "session_event" and forward.session_event.HasField(
                "script_compilation_exception"
            ):
                run.errors.append(f"compile error: {forward.session_event}")
            elif kind == "page_not_found":
                run.errors.append(f"page_not_found: {forward.page_not_found.page_name}")
            elif kind == "script_finished":
                if forward.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    continue
                run.status = forward.script_finished
                run.finished = time.monotonic()
                if run.status != ForwardMsg.FINISHED_SUCCESSFULLY:
                    run.errors.append(f"script_finished status {run.status}")
                return run
