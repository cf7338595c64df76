"""Presentation mode for the projector: a short sequence of views, each one a URL, that honours
the thresholds and filters in the URL, names the municipalities on its maps, shows the supply it
promises, and lets an administrator present either view."""

from __future__ import annotations

import json

import pandas as pd
import plotly.graph_objects as go
import pytest
from streamlit.testing.v1 import AppTest

from kraftsamling import assessment, auth, paths, presentation
from kraftsamling.presentation import BODY_PX, step_number
from kraftsamling.views import presentation as presentation_words
from kraftsamling.views.presentation import STEPS

ENTRY = str(paths.REPO / "dashboard.py")


def present(admin: bool = False, **params) -> AppTest:
    app = AppTest.from_file(ENTRY, default_timeout=120)
    app.query_params["present"] = "1"
    for key, value in params.items():
        app.query_params[key] = value
    if admin:
        app.secrets["admins"] = {"anna": auth.hash_password("ett långt testlösenord")}
        auth.log_in("anna", app.session_state)
    app.run()
    assert not app.exception
    return app


def charts(app: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]


def label_names(spec: dict) -> list[str]:
    return [
        n
        for trace in spec["data"]
        if trace.get("meta") == presentation.LABELS_META
        for n in trace["text"]
    ]


def tables(app: AppTest) -> str:
    return "\n".join(e.proto.body for e in app.get("html") if "<table" in e.proto.body)


def test_next_and_previous_step_through_map_clusters_candidates_and_pool(database):
    app = present()
    seen = [app.title[0].value]
    for _ in range(len(STEPS) - 1):
        next(b for b in app.button if b.key == "next").click().run()
        assert not app.exception
        seen.append(app.title[0].value)
    assert seen == [step.title for step in STEPS]
    assert next(b for b in app.button if b.key == "next").disabled  # the last step: no "next"
    next(b for b in app.button if b.key == "prev").click().run()
    assert app.title[0].value == STEPS[-2].title


@pytest.mark.parametrize("number", range(1, len(STEPS) + 1))
def test_every_step_is_its_own_url(database, number):
    app = present(steg=str(number))
    assert app.title[0].value == STEPS[number - 1].title
    assert app.query_params["steg"] in (str(number), [str(number)])
    assert "Exempeldata" in "\n".join(m.value for m in app.markdown)
    assert any(
        "present.js" in e.proto.body or "ArrowRight" in e.proto.body for e in app.get("html")
    )  # the arrow keys step


def test_the_filters_in_the_url_apply_to_the_presentation(database):
    app = present(steg="1", lan="25")
    assert "14 av 44 kommuner" in app.caption[0].value


def test_the_thresholds_in_the_url_apply_to_the_justified_candidates(database):
    default = tables(present(steg="3"))
    strict = present(steg="3", klass="60", arbetsgivare="20")
    assert "behov minst 72 (60 platser" in "\n".join(c.value for c in strict.caption)
    assert default.count("<tr>") > tables(strict).count("<tr>")
    impossible = present(steg="3", klass="100", arbetsgivare="50", minkommuner="44")
    assert tables(impossible).count("<tr>") == 1  # the header only


def test_the_pool_step_follows_the_thresholds_too(database):
    app = present(steg="4", klass="100", arbetsgivare="50", minkommuner="44")
    assert "Ingen kandidat är motiverad med valda filter." in app.info[0].value


def test_step_two_shows_the_supply_beside_the_need(database):
    app = present(steg="2")
    (spec,) = charts(app)
    bars = spec["data"][0]
    assert len(bars["y"]) == presentation.CLUSTER_BARS
    assert all("YH här:" in text and "platser · på distans:" in text for text in bars["text"])
    assert "ansökningsomgångarna 2023–2025" in "\n".join(c.value for c in app.caption)


def test_the_maps_name_the_municipalities_that_matter(database):
    (spec,) = charts(present(steg="1", lan="25"))
    names = label_names(spec)
    assert 0 < len(names) <= presentation.MAP_LABELS
    norrbotten = {
        "Kiruna",
        "Gällivare",
        "Jokkmokk",
        "Arjeplog",
        "Arvidsjaur",
        "Pajala",
        "Övertorneå",
        "Haparanda",
        "Kalix",
        "Överkalix",
        "Luleå",
        "Piteå",
        "Boden",
        "Älvsbyn",
    }
    assert set(names) <= norrbotten
    app = present(admin=True, steg="4", kandidat="yrke:4117")
    (spec,) = charts(app)
    names = label_names(spec)
    assert len(names) == presentation.MAP_LABELS
    assert any("4117 Medicinska sekreterare" in m.value for m in app.markdown)


def test_an_administrator_presents_either_view(database):
    admin = present(admin=True, steg="1")
    assert "administratörens vy" in admin.caption[0].value
    providers = present(admin=True, steg="1", vy="anordnare")
    assert "anordnarnas vy" in providers.caption[0].value
    assert "anordnarnas vy" in present(steg="1").caption[0].value


def test_an_unreadable_step_starts_from_the_beginning():
    assert step_number("x") == 1 and step_number("99") == len(STEPS) and step_number("-3") == 1


def test_thresholds_are_read_from_the_url_like_the_finder_reads_them():
    assert presentation.thresholds_from({}) == assessment.Thresholds()
    read = presentation.thresholds_from(
        {
            "klass": "40",
            "marginal": "10",
            "arbetsgivare": ["3", "7"],
            "lia": "0,5",
            "minkommuner": "999",
        }
    )
    assert read == assessment.Thresholds(
        class_size=40,
        dropout_margin=0.10,
        min_employers=7,
        lia_per_student=0.5,
        min_municipalities=44,
    )
    assert presentation.thresholds_from({"klass": "x", "lia": "nan"}) == assessment.Thresholds()


def test_the_candidates_table_is_escaped_short_and_marks_the_pooled():
    table = pd.DataFrame(
        {
            "Kandidat": [f"<b>{i}</b>" for i in range(9)],
            "Behov": range(9),
            "Arbetsgivare": [None] * 9,
        }
    )
    markup, more = presentation_words.candidates_table(table, {"<b>3</b>"}, "<3")
    assert markup.count("<tr>") == 1 + presentation_words.TABLE_ROWS and more == 9 - 6
    assert "<b>" not in markup and "&lt;3" in markup
    rows = markup.split("<tr>")[2:]
    assert "&lt;b&gt;3&lt;/b&gt; ★" in rows[0]  # justified only together: first
    assert "&lt;b&gt;8&lt;/b&gt;" in rows[1] and "&lt;b&gt;7&lt;/b&gt;" in rows[2]  # by need


def test_projector_figures_have_no_text_smaller_than_the_body():
    fig = go.Figure(go.Bar(x=[1], y=["a"], text=["1"]))
    fig.update_layout(font={"size": 11}, height=300, title="t")
    fig = presentation.for_projector(fig)
    assert fig.layout.height == presentation.MIN_CHART_PX and fig.layout.font.size == BODY_PX
    assert fig.data[0].textfont.size == BODY_PX and fig.layout.xaxis.tickfont.size == BODY_PX
