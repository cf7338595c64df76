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
