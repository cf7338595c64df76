"""Running the app in Streamlit's AppTest the way a real server runs it.

AppTest re-detects the `pages/` folder before every run and then, on reruns, executes the page
file alone (Streamlit's old multipage mode) — skipping `dashboard.py` with its shared filters and
navigation. A real server switches to `st.navigation` for good on the first run. The tests and
the benchmark use `like_a_server()` so that AppTest does the same.
"""

from __future__ import annotations

from contextlib import contextmanager

from streamlit.runtime.pages_manager import PagesManager


@contextmanager
def like_a_server():
    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    PagesManager.__init__ = init
    try:
        yield
    finally:
        PagesManager.__init__ = original


def fragments(app) -> list[str]:
    """The ids of the fragments the app's last run registered (AppTest keeps its fragment
    storage across runs)."""
    storage = app._fragment_storage
    with storage._lock:
        return list(storage._fragments)


@contextmanager
def in_fragment(fragment_id: str):
    """Make the AppTest runs inside the block reruns of one fragment, as the browser asks for
    when a widget inside it changes (AppTest itself always reruns the whole script): the
    widget states are sent as usual, with the fragment's id."""
    from streamlit.testing.v1 import local_script_runner

    original = local_script_runner.RerunData

    def rerun_data(*args, **kwargs):
        return original(*args, **kwargs, fragment_id=fragment_id)

    local_script_runner.RerunData = rerun_data
    try:
        yield
    finally:
        local_script_runner.RerunData = original


@contextmanager
def one_script_cache():
    """Every AppTest run inside the block compiles a script file once, as a server does: a
    server's Runtime holds one ScriptCache for all its sessions and reruns (cleared when a
    file changes), while AppTest makes a new one for every run and so parses, rewrites (magic)
    and compiles dashboard.py and the page again on each: 5-25 ms of a rerun that a server
    never spends (the larger the page file, the more). For the benchmark only: a test that
    rewrites a page file would read its old bytecode."""
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test, local_script_runner

    shared = ScriptCache()
    originals = app_test.ScriptCache, local_script_runner.ScriptCache
    app_test.ScriptCache = local_script_runner.ScriptCache = lambda: shared
    try:
        yield shared
    finally:
        app_test.ScriptCache, local_script_runner.ScriptCache = originals
