"""Presentation mode for the projector: a short sequence of views, each one a URL, that honours
the thresholds and filters in the URL, names the municipalities on its maps, shows the supply it
promises, and lets an administrator present either view."""

from __future__ import annotations

import base64
import json
import xml.etree.ElementTree as ET

import pandas as pd
import plotly.graph_objects as go
import pytest
from streamlit.testing.v1 import AppTest

from kraftsamling import assessment, auth, paths, presentation, queries
from kraftsamling import charts as chart_builders
from kraftsamling.metrics import METRICS
from kraftsamling.presentation import BODY_PX, step_number
from kraftsamling.views import presentation as presentation_words
from kraftsamling.views.presentation import STEPS
from tests.helpers import REGION_CODES, figure_params, providers_map

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


def test_a_click_while_the_next_step_is_drawn_steps_from_the_step_in_the_url(database):
    """The presenter presses ← while step 4 is still being drawn: the buttons on screen are
    still step 3's, the URL already says step 4. The click goes to step 3, not to step 2."""
    app = present(steg="3")
    app.query_params["steg"] = "4"  # the last click's step, not yet drawn
    next(b for b in app.button if b.key == "prev").click().run()
    assert not app.exception
    assert app.title[0].value == STEPS[2].title
    assert app.query_params["steg"] == "3"


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


SVG = "{http://www.w3.org/2000/svg}"


def map_svg(app: AppTest) -> ET.Element:
    """Step 1's map: the SVG document of its one image (a data: URL), parsed."""
    (image,) = app.get("image")
    (shown,) = image.proto.imgs
    head, data = shown.url.split(",", 1)
    assert head == "data:image/svg+xml;base64"
    return ET.fromstring(base64.b64decode(data).decode("utf-8"))


def svg_names(svg: ET.Element) -> list[str]:
    return [t.text for t in svg.iter(f"{SVG}text") if t.get("class") == "label"]


def test_step_one_is_an_svg_image_not_a_plotly_chart(database):
    app = present(steg="1")
    assert charts(app) == []  # no plotly on the first step (issue 14)
    svg = map_svg(app)
    assert len([p for p in svg.iter(f"{SVG}path") if p.get("data-kommunkod")]) == 44
    assert any(p.get("class") == "county" for p in svg.iter(f"{SVG}path"))
    legend = [t.text for g in svg.iter(f"{SVG}g") if g.get("class") == "legend" for t in g]
    assert "Länsgräns" in legend and any(text and "–" in text for text in legend)


def plotly_fills(fig: go.Figure) -> dict[str, str]:
    """Each municipality's colour on a plotly choropleth: its class z on the stepped scale."""
    (trace,) = [t for t in fig.data if t.type == "choroplethmap"]
    scale = trace.colorscale
    span = trace.zmax - trace.zmin
    fills = {}
    for code, z in zip(trace.locations, trace.z, strict=True):
        position = (z - trace.zmin) / span
        fills[code] = [colour for at, colour in scale if at <= position][-1]
    return fills


def svg_fills(svg: ET.Element) -> dict[str, str]:
    return {
        p.get("data-kommunkod"): p.get("fill")
        for p in svg.iter(f"{SVG}path")
        if p.get("data-kommunkod")
    }


def hide(frame: pd.DataFrame, codes: list[str]) -> pd.DataFrame:
    """The providers' frame with these municipalities' figures hidden, as the privacy view
    hides a figure from fewer than N respondents."""
    from kraftsamling.privacy.cells import FEW

    hidden = frame["kommunkod"].isin(codes)
    frame = frame.copy()
    frame["suppressed"] = frame["suppressed"] | hidden
    frame["hidden"] = frame["hidden"].astype(object).where(~hidden, FEW)
    for column in ("recruits", "recruits_per_1000"):
        frame[column] = frame[column].astype(float).where(~hidden)
    return frame


@pytest.fixture()
def both_frames(con, example_wave_id):
    """The administrators' map frame and the providers' one with figures hidden (the top two
    municipalities and one more: the example data hides none across the whole region)."""
    from kraftsamling.selection import Selection

    admins = queries.run(con, "municipality_figures", **figure_params(example_wave_id))
    selection = Selection(wave_id=example_wave_id, horizon="0-5", kommunkoder=tuple(REGION_CODES))
    providers, _ = providers_map(con, selection)
    top = presentation.shown_on_map(providers, "recruits_per_1000")
    providers = hide(providers, [top[0], top[1], top[-1]])
    return {"administrators": admins, "providers": providers}


@pytest.mark.parametrize("view", ["administrators", "providers"])
def test_the_svg_map_fills_every_municipality_as_the_plotly_map_does(both_frames, view):
    frame = both_frames[view]
    names = dict(zip(frame["kommunkod"], frame["name"], strict=True))
    fig = chart_builders.choropleth(frame, METRICS["recruits_per_1000"])  # the plotly map
    svg = ET.fromstring(presentation.map_svg(frame, "recruits_per_1000", names))
    plotly, drawn = plotly_fills(fig), svg_fills(svg)
    assert len(drawn) == 44 and drawn == plotly
    assert len(set(drawn.values())) >= 5  # the classes, not one colour
    if view == "providers":  # the hidden figures are grey on both, as those that did not answer
        hidden = frame.loc[frame["suppressed"], "kommunkod"]
        assert {drawn[c] for c in hidden} == {chart_builders.NO_ANSWER_COLOUR}
    # the legend: the classes of the plotly map's colour bar, darkest first
    (trace,) = [t for t in fig.data if t.type == "choroplethmap"]
    legend = [t.text for g in svg.iter(f"{SVG}g") if g.get("class") == "legend" for t in g]
    assert [label for label in trace.colorbar.ticktext[::-1]] == [
        text for text in legend if text in trace.colorbar.ticktext
    ]


@pytest.mark.parametrize("view", ["administrators", "providers"])
def test_the_svg_map_names_what_shown_on_map_picks(both_frames, view):
    frame = both_frames[view]
    names = dict(zip(frame["kommunkod"], frame["name"], strict=True))
    picked = [names[c] for c in presentation.shown_on_map(frame, "recruits_per_1000")]
    shown = svg_names(ET.fromstring(presentation.map_svg(frame, "recruits_per_1000", names)))
    assert 3 <= len(shown) <= presentation.MAP_LABELS
    assert shown[0] == picked[0]
    assert shown == [n for n in picked[: presentation.MAP_LABELS] if n in shown]  # in order
    if view == "providers":
        hidden = set(frame.loc[frame["suppressed"], "name"])
        assert hidden and not hidden & set(shown)  # a hidden figure is never named


def test_svg_labels_keep_the_more_important_name_where_two_would_overlap():
    kiruna, lulea = (20.2, 67.9), (22.1, 65.6)
    apart = chart_builders.svg_labels([("Kiruna", *kiruna), ("Luleå", *lulea)], 20)
    assert [name for name, _, _ in apart] == ["Kiruna", "Luleå"]
    close = [("Kiruna", *kiruna), ("Kiruna C", kiruna[0] + 0.05, kiruna[1]), ("Luleå", *lulea)]
    assert [name for name, _, _ in chart_builders.svg_labels(close, 20)] == ["Kiruna", "Luleå"]


def test_every_text_in_the_svg_map_is_escaped(both_frames):
    frame = both_frames["administrators"].copy()
    top = presentation.shown_on_map(frame, "recruits_per_1000")[0]
    fake = 'Å<script>alert("x")</script> & "Co"'
    names = dict(zip(frame["kommunkod"], frame["name"], strict=True)) | {top: fake}
    markup = presentation.map_svg(frame, "recruits_per_1000", names)
    assert "<script>" not in markup and '"Co"' not in markup
    assert "Å&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;Co&quot;" in markup
    svg = ET.fromstring(markup)  # well-formed
    assert svg_names(svg)[0] == fake


def test_the_maps_name_the_municipalities_that_matter(database):
    names = svg_names(map_svg(present(steg="1", lan="25")))
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
