"""The Streamlit app, driven in-process with AppTest."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from kraftsamling import paths

ENTRY = str(paths.REPO / "dashboard.py")


@pytest.fixture()
def app(database):
    return AppTest.from_file(ENTRY, default_timeout=60)


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [s.value for s in at.subheader] + [t.value for t in at.title]
    parts += [str(i.value) for i in at.info]
    return "\n".join(parts)


def test_the_map_page_runs_without_exceptions(app):
    app.run()
    assert not app.exception
    assert app.title[0].value == "Karta"


def test_example_data_is_labelled_as_such(app):
    app.run()
    assert "Exempeldata" in texts(app)
    notes = [c.value for c in app.caption if "Källa" in c.value]
    assert notes and all("Exempeldata" in note for note in notes if "kartläggningen" in note)


def test_filters_are_written_to_the_url(app):
    app.run()
    app.selectbox(key="matt").set_value("lia_places").run()
    assert app.query_params["matt"] == ["lia_places"] or app.query_params["matt"] == "lia_places"


def test_a_url_with_filters_reproduces_the_view(app):
    app.query_params["matt"] = "employers"
    app.query_params["kommun"] = "2584"
    app.query_params["horisont"] = "0-1"
    app.run()
    assert not app.exception
    assert app.selectbox(key="matt").value == "employers"
    assert app.selectbox(key="horisont").value == "0-1"
    assert app.subheader[0].value == "Kiruna"


def test_a_bad_value_in_the_url_falls_back_to_the_default(app):
    app.query_params["matt"] = "'; DROP TABLE need; --"
    app.run()
    assert not app.exception
    assert app.selectbox(key="matt").value == "recruits_per_1000"


def test_choosing_a_municipality_shows_its_key_figures(app):
    app.run()
    app.selectbox(key="kommun").set_value("2506").run()
    assert app.subheader[0].value == "Arjeplog"
    labels = [m.label for m in app.metric]
    assert "Rekryteringsbehov" in labels and "LIA-platser per år" in labels


def test_the_server_warms_itself_at_start(database, tmp_path):
    """`streamlit run app.py` runs the default page once by itself (kraftsamling.warmup), so
    the first visitor finds the caches filled; it says so in its log, and a failed warm-up
    would say that instead."""
    import time

    from kraftsamling.devtools.liveserver import streamlit_server
    from kraftsamling.wsclient import Session

    log = tmp_path / "server.log"
    with streamlit_server(database, log, script="app.py") as server:
        deadline = time.monotonic() + 180
        while "uppvärmd" not in server.log_text() and time.monotonic() < deadline:
            assert "uppvärmning" not in server.log_text(), server.log_text()
            time.sleep(0.2)
        assert "Kraftsamling: uppvärmd på" in server.log_text(), server.log_text()
        with Session(server) as visitor:  # and the server goes on serving visitors
            assert not visitor.run("").errors


def test_a_rerun_with_nothing_changed_runs_no_query(app, monkeypatch):
    """Every query of a rerun comes from the cache (ui._cached, keyed by the parameters'
    repr), and a new parameter value is a new query."""
    import streamlit as st

    from kraftsamling import queries

    st.cache_data.clear()  # the caches are the process's: other tests may have filled them
    ran = []
    run = queries.run
    monkeypatch.setattr(
        queries, "run", lambda con, name, **p: ran.append(name) or run(con, name, **p)
    )
    app.run()
    assert ran  # the first run asks the database
    ran.clear()
    app.run()
    assert not app.exception and ran == []
    app.selectbox(key="horisont").set_value("0-1").run()
    assert ran  # a new horizon is a new query
