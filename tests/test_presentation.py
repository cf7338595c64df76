"""Presentation mode for the projector: a short sequence of views, each one a URL."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from kraftsamling import paths
from kraftsamling.presentation import STEPS, step_number

ENTRY = str(paths.REPO / "dashboard.py")


def present(**params) -> AppTest:
    app = AppTest.from_file(ENTRY, default_timeout=120)
    app.query_params["present"] = "1"
    for key, value in params.items():
        app.query_params[key] = value
    app.run()
    assert not app.exception
    return app


def test_next_and_previous_step_through_map_clusters_candidates_and_pool(database):
    app = present()
    seen = [app.title[0].value]
    for _ in range(len(STEPS) - 1):
        next(b for b in app.button if b.key == "next").click().run()
        assert not app.exception
        seen.append(app.title[0].value)
    assert seen == [step.title for step in STEPS]
    assert not [b for b in app.button if b.key == "next"]  # the last step has no "next"
    next(b for b in app.button if b.key == "prev").click().run()
    assert app.title[0].value == STEPS[-2].title


@pytest.mark.parametrize("number", range(1, len(STEPS) + 1))
def test_every_step_is_its_own_url(database, number):
    app = present(steg=str(number))
    assert app.title[0].value == STEPS[number - 1].title
    assert app.query_params["steg"] in (str(number), [str(number)])
    assert "Exempeldata" in "\n".join(m.value for m in app.markdown)


def test_the_filters_in_the_url_apply_to_the_presentation(database):
    app = present(steg="1", lan="25")
    assert "14 av 44 kommuner" in app.caption[0].value


def test_an_unreadable_step_starts_from_the_beginning():
    assert step_number("x") == 1 and step_number("99") == len(STEPS) and step_number("-3") == 1
