"""Warm the server at start, not on its first visitor (issue 15).

`streamlit run app.py` runs `lifespan` (st.App's lifespan hook, Streamlit 1.67) once the runtime
has started. It starts one background thread and returns at once, so the server answers its
health check as early as without it. The thread waits until the server listens, then opens one
session over the WebSocket the way a browser does (kraftsamling.wsclient.Session) and
asks for the default page: the map of the newest published wave, in the providers' view. That
run does what a first visitor's run would: it imports pandas, pyarrow, plotly and the package,
opens the database (ui.connection), loads the geometry, reads the stored publication and fills
the query caches for the default selection, with exactly the keys a visitor's run asks for.
Streamlit's caches are per process and take one lock per key, so a visitor who arrives while the
warm-up runs waits for the same computation instead of repeating it.

Nothing depends on the warm-up: if it fails (no port to reach, TLS), the first visitor pays the
start as before, and the server logs one line saying so.
"""

from __future__ import annotations

import threading
import time
import urllib.request
from contextlib import asynccontextmanager
from dataclasses import dataclass

READY_TIMEOUT = 120.0  # seconds to wait for the server to listen
# The pages a warm-up session runs, as (page name, query string): the map, what a visitor sees
# first. Only that: a second warm run (presentation mode, say) would hold the GIL while the first
# visitor's own run goes on, and presentation mode reads the same cached figures.
PAGES = (("", ""),)


@dataclass(frozen=True)
class Target:
    """Where this server listens (what wsclient.Session needs: `ws_url`)."""

    http_url: str

    @property
    def ws_url(self) -> str:
        return "ws" + self.http_url.removeprefix("http") + "/_stcore/stream"


def target() -> Target | None:
    """This server's own address from Streamlit's config; None when it serves TLS only."""
    from streamlit import config

    if config.get_option("server.sslCertFile"):
        return None
    address = config.get_option("server.address") or "127.0.0.1"
    if address in ("0.0.0.0", "::"):
        address = "127.0.0.1"
    if ":" in address:
        address = f"[{address}]"
    base = (config.get_option("server.baseUrlPath") or "").strip("/")
    port = int(config.get_option("server.port"))
    return Target(f"http://{address}:{port}" + (f"/{base}" if base else ""))


def _listening(where: Target, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(where.http_url + "/_stcore/health", timeout=2) as reply:
                if reply.status == 200:
                    return True
        except OSError:
            pass
        time.sleep(0.05)
    return False


def warm(where: Target, pages=PAGES) -> list[str]:
    """Run `pages` once in one session of the server at `where`; the errors the runs showed."""
    from kraftsamling.wsclient import Session

    errors: list[str] = []
    with Session(where) as session:
        for page, query_string in pages:
            errors += session.run(query_string, page).errors
    return errors


def _warm_in_background() -> None:
    from streamlit.logger import get_logger  # the server's own log format and level

    log = get_logger(__name__)
    started = time.monotonic()
    where = target()
    try:
        if where is None or not _listening(where, READY_TIMEOUT):
            log.warning("Kraftsamling: ingen uppvärmning (servern nås inte över http)")
            return
        errors = warm(where)
    except Exception as error:  # the warm-up is an optimisation: never take the server down
        log.warning("Kraftsamling: uppvärmningen misslyckades: %s", error)
        return
    if errors:
        log.warning("Kraftsamling: uppvärmningen visade fel: %s", "; ".join(errors))
    else:
        log.info("Kraftsamling: uppvärmd på %.1f s", time.monotonic() - started)


@asynccontextmanager
async def lifespan(_app):
    """st.App's lifespan hook (app.py): start the warm-up beside the server, and go on."""
    threading.Thread(target=_warm_in_background, name="kraftsamling-warmup", daemon=True).start()
    yield
