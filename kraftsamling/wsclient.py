"""One browser tab's session on a running Streamlit server, spoken from Python: a WebSocket
client that sends the browser frontend's `BackMsg` (`rerun_script` with the URL's query string
and page name) and reads the `ForwardMsg`s the browser would draw.

The server's warm-up at start (kraftsamling.warmup) opens one; the load tests and the national
benchmark open twenty against a server of their own (kraftsamling.devtools.liveserver).
"""

from __future__ import annotations

import time
from contextlib import ExitStack
from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.sync.client import connect

RUN_TIMEOUT = 120.0  # seconds for one script run, however loaded the machine is


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

    def __init__(self, server):  # anything with a `ws_url` (liveserver.Server, warmup.Target)
        self._stack = ExitStack()
        self.socket = self._stack.enter_context(
            connect(
                server.ws_url,
                subprotocols=["streamlit"],
                max_size=None,
                open_timeout=RUN_TIMEOUT,
                close_timeout=5,
            )
        )

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
