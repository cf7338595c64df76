"""Helpers the tests share (fixtures stay in conftest.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kraftsamling import pages
from kraftsamling.wsclient import Run, Session

REGION_CODES = [
    "2260",
    "2262",
    "2280",
    "2281",
    "2282",
    "2283",
    "2284",
    "2303",
    "2305",
    "2309",
    "2313",
    "2321",
    "2326",
    "2361",
    "2380",
    "2401",
    "2403",
    "2404",
    "2409",
    "2417",
    "2418",
    "2421",
    "2422",
    "2425",
    "2460",
    "2462",
    "2463",
    "2480",
    "2481",
    "2482",
    "2505",
    "2506",
    "2510",
    "2513",
    "2514",
    "2518",
    "2521",
    "2523",
    "2560",
    "2580",
    "2581",
    "2582",
    "2583",
    "2584",
]


def figure_params(wave_id: str, horizons=("0-1", "1-3", "3-5"), **changes) -> dict:
    """Query parameters for the whole region with no filters, as the app binds them."""
    from kraftsamling.selection import Selection

    horizon = {("0-1",): "0-1", ("1-3",): "1-3", ("3-5",): "3-5", ("0-1", "1-3"): "0-3"}.get(
        tuple(horizons), "0-5"
    )
    selection = Selection(wave_id=wave_id, horizon=horizon, kommunkoder=tuple(REGION_CODES))
    params = {**selection.need_params(), "education_areas": []}
    params.update(changes)
    return params


def providers_map(con, selection, n: int = 3):
    """The map's figures and the selection's totals in the providers' view, built as
    kraftsamling.ui.map_figures builds them (kraftsamling.privacy.view, from the stored
    publication; `n` is the database's)."""
    from functools import partial

    from kraftsamling import queries
    from kraftsamling.privacy import view

    run = partial(queries.run, con)
    published = view.load(run, selection.wave_id, selection.horizon)
    return view.map_figures(run, published, selection, [])


def open_finder(monkeypatch, admin: bool, **query):
    """The finder's page (Ansökningsunderlag) in AppTest, opened as dashboard.py opens it, with
    `query` in the URL, as an administrator (`admin`) or as a provider; no exception shown."""
    import time

    from streamlit.testing.v1 import AppTest

    from kraftsamling import auth, paths

    monkeypatch.setenv(auth.ENV_VAR, f"anna={auth.hash_password('ett långt lösenord')}")
    app = AppTest.from_file(str(paths.REPO / "dashboard.py"), default_timeout=180)
    if admin:
        app.session_state[auth.SESSION_KEY] = {"username": "anna", "since": time.time()}
    for key, value in query.items():
        app.query_params[key] = value
    app.run()
    app.switch_page("pages/ansokningsunderlag.py").run()
    assert not app.exception, app.exception
    return app


# --- A live server's runs (tests/test_load.py, test_injection.py, test_personal_data.py) ---
# The pages' URL paths; '' is the map, the default page.
PAGES = [page.url_path for page in pages.PAGES]
OTHER_PAGES = PAGES[1:]  # the pages besides the map
TOTAL_LINE = re.compile(
    r"^\*\*Totalt i regionen:\*\* (?P<recruits>[\d\u00a0]+) personer att rekrytera .*?, "
    r"(?P<employers>[\d\u00a0]+) arbetsgivare med behov, "
    r"(?P<lia>[\d\u00a0]+) LIA-platser per år · (?P<participating>\d+) av 44 kommuner"
)


@dataclass(frozen=True)
class Totals:
    """The numbers of the map page's total line."""

    recruits: int
    employers: int
    lia: int
    participating: int


def total_line(run: Run) -> str:
    lines = [m for m in run.markdown() if m.startswith("**Totalt i regionen:**")]
    assert len(lines) == 1, f"the map page shows one total line, not {lines}"
    return lines[0]


def totals_of(line: str) -> Totals:
    match = TOTAL_LINE.match(line)
    assert match, f"unexpected total line: {line!r}"
    return Totals(
        *(
            int(match[k].replace("\u00a0", ""))
            for k in ("recruits", "employers", "lia", "participating")
        )
    )


def fresh_run(server, query: str, page: str) -> Run:
    with Session(server) as session:
        return session.run(query, page)
