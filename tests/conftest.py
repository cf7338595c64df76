"""Shared fixtures: one database built from the repository's files, in a temporary folder."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest

from kraftsamling import db, paths

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(scope="session")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The database as a fresh clone builds it (reference data and the example wave).

    KRAFTSAMLING_DB points the app (and AppTest, which runs in this process) at it."""
    path = tmp_path_factory.mktemp("db") / "kraftsamling.duckdb"
    db.build(path)
    os.environ["KRAFTSAMLING_DB"] = str(path)
    return path


@pytest.fixture()
def con(database: Path) -> duckdb.DuckDBPyConnection:
    connection = db.connect_readonly(database)
    yield connection
    connection.close()


@pytest.fixture(scope="session")
def example_wave_id(database: Path) -> str:
    with db.connect_readonly(database) as connection:
        row = connection.execute("SELECT wave_id FROM wave WHERE is_example").fetchone()
    assert row, "the example wave (data/example/) should be part of every build"
    return row[0]


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """../shared/data, which CI always has beside the clone."""
    if not paths.SHARED_DATA.exists():
        if IN_CI:
            pytest.fail(f"{paths.SHARED_DATA} saknas i CI")
        pytest.skip("../shared/data finns inte här")
    return paths.SHARED_DATA


@pytest.fixture(autouse=True)
def apptest_like_a_server():
    """See kraftsamling/apptest.py: reruns in AppTest run the entry file, as on a server."""
    from kraftsamling.apptest import like_a_server

    with like_a_server():
        yield


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


_browser_outcomes: dict[str, list[str]] = {"passed": [], "failed": [], "skipped": []}


def pytest_runtest_logreport(report):
    """Remember the outcome of every browser test (see pytest_terminal_summary)."""
    if "browser" not in report.keywords:
        return
    if report.when == "call" or (report.when == "setup" and report.outcome != "passed"):
        reason = ""
        if report.skipped and isinstance(report.longrepr, tuple):
            reason = str(report.longrepr[2]).removeprefix("Skipped: ")
        _browser_outcomes[report.outcome].append(reason)


def pytest_terminal_summary(terminalreporter):
    """The run's last line says how many real-browser tests ran, or why none did: a machine
    without Chromium would otherwise pass the suite with every browser test quietly skipped."""
    passed, failed, skipped = (_browser_outcomes[k] for k in ("passed", "failed", "skipped"))
    ran = len(passed) + len(failed)
    if ran:
        line = f"browser tests: {ran} ran in Chromium ({len(passed)} passed, {len(failed)} failed)"
        if skipped:
            line += f", {len(skipped)} skipped"
    elif skipped:
        reasons = sorted({r for r in skipped if r}) or ["no reason given"]
        line = f"browser tests: none ran ({len(skipped)} skipped: {'; '.join(reasons)})"
    else:
        line = "browser tests: none selected"
    terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def two_waves(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example wave and a second, published wave with an invitation list
    (tests/second_wave.py): for the tests of waves over time (issue 12)."""
    from tests.second_wave import add_second_wave

    path = tmp_path_factory.mktemp("two-waves") / "kraftsamling.duckdb"
    db.build(path)
    add_second_wave(path)
    return path
