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
    """See kraftsamling/devtools/apptest.py: reruns in AppTest run the entry file, as on a
    server."""
    from kraftsamling.devtools.apptest import like_a_server

    with like_a_server():
        yield


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory):
    """A database of our own (the example wave) and a real server reading it, for one test file
    (the load test imports a wave into it)."""
    from kraftsamling import wsclient
    from kraftsamling.devtools import liveserver
    from tests.helpers import OTHER_PAGES

    folder = tmp_path_factory.mktemp("load")
    path = folder / "kraftsamling.duckdb"
    db.build(path)
    with liveserver.streamlit_server(path, folder / "server.log") as server:
        with wsclient.Session(server) as warm_up:  # the first runs import the app's libraries
            for page in ["", *OTHER_PAGES]:
                assert not warm_up.run("", page).errors
        yield server, path


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


def _browser_line() -> tuple[str, bool]:
    """The line on the browser tests, and whether it must be loud (some were meant to run and
    none did)."""
    passed, failed, skipped = (_browser_outcomes[k] for k in ("passed", "failed", "skipped"))
    ran = len(passed) + len(failed)
    if ran:
        line = f"browser tests: {ran} ran in Chromium ({len(passed)} passed, {len(failed)} failed)"
        if skipped:
            line += f", {len(skipped)} skipped"
        return line, bool(failed)
    if skipped:
        reasons = sorted({r for r in skipped if r}) or ["no reason given"]
        return (
            f"browser tests: NONE RAN ({len(skipped)} skipped: {'; '.join(reasons)}; "
            "install Debian's chromium or set CHROMIUM=/path/to/chromium)",
            True,
        )
    return "browser tests: none selected", False


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config):
    """The run's last line, after pytest's own summary, says how many real-browser tests ran, or
    why none did: a machine without Chromium would otherwise pass the suite with every browser
    test quietly skipped. That case is written in red."""
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if reporter is None:
        return
    line, loud = _browser_line()
    reporter.write_line(line, red=loud, bold=loud)


@pytest.fixture(scope="session")
def two_waves(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example wave and a second, published wave with an invitation list
    (tests/second_wave.py): for the tests of waves over time (issue 12)."""
    from tests.second_wave import add_second_wave

    path = tmp_path_factory.mktemp("two-waves") / "kraftsamling.duckdb"
    db.build(path)
    add_second_wave(path)
    return path
