"""The map: totals add up, classes are right, and the figure asks no other host for anything."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from kraftsamling import charts, paths, queries
from kraftsamling.metrics import HORIZONS, METRICS
from tests.helpers import figure_params

SUMMABLE = ["recruits", "employers", "lia_places", "yh_granted", "yh_granted_distance"]


@pytest.mark.parametrize("horizon", list(HORIZONS))
def test_map_totals_equal_the_sum_of_the_municipality_rows(con, example_wave_id, horizon):
    params = figure_params(example_wave_id, HORIZONS[horizon])
    rows = queries.run(con, "municipality_figures", **params)
    totals = queries.run(con, "region_totals", **params).iloc[0]
    assert len(rows) == 44
    for column in SUMMABLE:
        assert rows[column].sum() == totals[column], column
    assert rows["population_20_64"].sum() == totals["population_20_64"]
    participating = rows.loc[rows["participated"], "population_20_64"].sum()
    assert participating == totals["population_20_64_participating"]
    assert totals["recruits"] > 0


def test_map_need_equals_the_example_files_summed_by_hand(con, example_wave_id):
    """Every example figure is traceable to the generator's files in data/example/."""
    respondents = pd.read_csv(paths.EXAMPLE / "respondent.csv", dtype={"kommunkod": str})
    needs = pd.read_csv(paths.EXAMPLE / "need.csv")
    needs = needs.merge(respondents[["respondent_id", "kommunkod"]], on="respondent_id")
    needs["within_3"] = needs["recruits_1y"] + needs["recruits_1_3y"]
    expected = needs.groupby("kommunkod")["within_3"].sum()
    rows = queries.run(
        con, "municipality_figures", **figure_params(example_wave_id, ["0-1", "1-3"])
    ).set_index("kommunkod")
    for kommunkod, value in expected.items():
        assert rows.loc[kommunkod, "recruits"] == value
    lia = needs.groupby("kommunkod")["lia_places"].sum()
    assert (rows.loc[lia.index, "lia_places"] == lia).all()


def test_need_per_1000_is_need_over_working_age_population(con, example_wave_id):
    rows = queries.run(con, "municipality_figures", **figure_params(example_wave_id, ["0-1"]))
    expected = 1000 * rows["recruits"] / rows["population_20_64"]
    assert np.allclose(rows["recruits_per_1000"], expected)


def test_a_municipality_without_respondents_is_not_shown_as_zero(con, example_wave_id):
    rows = queries.run(con, "municipality_figures", **figure_params(example_wave_id))
    silent = rows[~rows["participated"]]
    assert 0 < len(silent) < 44
    fig = charts.choropleth(rows, METRICS["recruits"])
    trace = fig.data[0]
    assert len(trace.locations) == 44
    grey = {code for code, z in zip(trace.locations, trace.z, strict=True) if z == 0}
    assert grey == set(silent["kommunkod"])
    assert trace.colorscale[0][1] == charts.NO_ANSWER_COLOUR
    assert trace.colorbar.ticktext[0] == charts.NO_ANSWER_LABEL
    # MYH's decisions exist for every municipality, answered or not.
    fig = charts.choropleth(rows, METRICS["yh_granted"])
    assert len(fig.data[0].locations) == 44
    assert charts.NO_ANSWER_LABEL not in fig.data[0].colorbar.ticktext


@pytest.mark.parametrize("metric", list(METRICS))
def test_the_map_figure_contains_no_url_and_uses_the_blank_style(con, example_wave_id, metric):
    rows = queries.run(con, "municipality_figures", **figure_params(example_wave_id))
    fig = charts.choropleth(rows, METRICS[metric], highlight="2584")
    payload = fig.to_json()
    assert re.search(r"https?://", payload) is None
    layout = json.loads(payload)["layout"]
    assert layout["map"]["style"] == "white-bg"
    assert any(trace["name"] == "Länsgräns" for trace in json.loads(payload)["data"])
    assert len(payload.encode()) <= 100_000


@pytest.mark.parametrize("scheme", ["quantiles", "natural_breaks", "equal_interval"])
@pytest.mark.parametrize("k", [3, 5, 7])
def test_every_value_falls_in_the_class_its_label_names(scheme, k):
    values = pd.Series(np.random.default_rng(k).gamma(2.0, 10.0, size=44).round(1))
    classes = charts.classify(values, scheme, k, decimals=1)
    assert 2 <= len(classes.bins) <= k
    assert len(classes.labels) == len(classes.bins)
    for value, index in zip(values, classes.index, strict=True):
        upper = classes.bins[index]
        lower = classes.lower if index == 0 else classes.bins[index - 1]
        assert (lower <= value <= upper) if index == 0 else (lower < value <= upper)
    assert classes.bins[-1] == pytest.approx(values.max())


@settings(max_examples=200, deadline=None)
@given(
    values=st.lists(
        st.one_of(st.integers(0, 400).map(float), st.integers(0, 500_000).map(lambda v: v / 100)),
        min_size=2,
        max_size=60,
    ),
    k=st.integers(2, 9),
    scheme=st.sampled_from(["quantiles", "equal_interval"]),
)
def test_quantiles_and_equal_intervals_are_exactly_mapclassifys(values, k, scheme):
    """The two schemes computed without importing mapclassify give mapclassify's breaks (for
    values like the map's: whole people, or figures with up to two decimals)."""
    import mapclassify

    data = np.asarray(values, dtype=float)
    assume(len(np.unique(data)) >= 2)
    k = min(k, len(np.unique(data)))  # as classify() asks: never more classes than values
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reference = {
            "quantiles": mapclassify.Quantiles,
            "equal_interval": mapclassify.EqualInterval,
        }
        expected = reference[scheme](data, k=k)
    bins, index = charts.class_breaks(data, scheme, k)

    # scipy's percentile can differ from numpy's in the last bit: mapclassify may then keep a
    # bound a hair away from the next (an empty class), or put a value lying exactly on a bound
    # in the next class. Up to that, the bounds and every value's class are the same.
    def collapsed(bounds):
        bounds = np.asarray(bounds, dtype=float)
        keep = [0] + [i for i in range(1, len(bounds)) if not np.isclose(bounds[i], bounds[i - 1])]
        return bounds[keep]

    np.testing.assert_allclose(collapsed(bins), collapsed(expected.bins), rtol=1e-12)
    on_a_bound = np.isclose(data[:, None], np.asarray(expected.bins)[None, :]).any(axis=1)
    ours = np.asarray(bins)[index][~on_a_bound]  # the upper bound of each value's class
    theirs = np.asarray(expected.bins)[np.asarray(expected.yb)][~on_a_bound]
    np.testing.assert_allclose(ours, theirs, rtol=1e-12)


def test_opening_the_map_does_not_import_scipy_or_scikit_learn():
    """Cold start: the map's classes come without scipy.stats and scikit-learn (2 s, 70 MB)."""
    code = (
        "import sys; import pandas as pd; from kraftsamling import charts; "
        "charts.classify(pd.Series([1.0, 2, 3, 8, 13, 21]), 'quantiles', 5); "
        "charts.classify(pd.Series([1.0, 2, 3, 8, 13, 21]), 'equal_interval', 3); "
        "print(sorted(m for m in ('mapclassify', 'scipy.stats', 'sklearn') if m in sys.modules))"
    )
    shown = subprocess.run(
        [sys.executable, "-c", code], cwd=paths.REPO, capture_output=True, text=True, check=True
    )
    assert shown.stdout.strip() == "[]"


HEAVY_MODULES = ("sklearn", "scipy", "mapclassify", "pptx", "openpyxl", "matplotlib", "fpdf")


def test_the_first_map_run_imports_no_module_only_other_pages_need(database):
    """Issue 15: a cold start pays for what the map needs, not for clustering, the exports or
    the audit (scikit-learn, scipy, python-pptx, openpyxl, matplotlib, fpdf)."""
    code = (
        "import sys; from streamlit.testing.v1 import AppTest; "
        "from kraftsamling.devtools.apptest import like_a_server\n"
        "with like_a_server():\n"
        f"    app = AppTest.from_file({str(paths.REPO / 'dashboard.py')!r}, default_timeout=120)\n"
        "    app.run()\n"
        "assert not app.exception, app.exception\n"
        "assert app.title[0].value == 'Karta'\n"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY_MODULES!r})))"
    )
    shown = subprocess.run(
        [sys.executable, "-c", code],
        cwd=paths.REPO,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "KRAFTSAMLING_DB": str(database)},
    )
    assert shown.stdout.strip().splitlines()[-1] == "[]"


def test_the_maps_controls_rerun_their_fragment_not_the_page(database, monkeypatch):
    """Changing the map's figure reruns the map's fragment: the map changes, the sidebar's
    shared filters are not built again (issue 15)."""
    from streamlit.testing.v1 import AppTest

    from kraftsamling import ui
    from kraftsamling.devtools import apptest

    built = []
    shared_filters = ui.shared_filters
    monkeypatch.setattr(ui, "shared_filters", lambda: built.append(1) or shared_filters())
    app = AppTest.from_file(str(paths.REPO / "dashboard.py"), default_timeout=120)
    app.query_params["matt"] = "recruits"
    app.run()
    assert not app.exception and len(built) == 1
    (fragment,) = apptest.fragments(app)

    def shown_values() -> list:
        spec = json.loads(app.get("plotly_chart")[0].proto.spec)
        return [trace.get("z") for trace in spec["data"] if trace.get("type") == "choroplethmap"]

    before = shown_values()
    with apptest.in_fragment(fragment):
        app.selectbox(key="matt").set_value("employers").run()
    assert not app.exception
    assert shown_values() != before  # the map shows the new figure
    assert len(built) == 1  # and the page around it did not run again
    app.selectbox(key="matt").set_value("recruits").run()  # a full rerun, for contrast
    assert len(built) == 2 and shown_values() == before


def test_quantile_classes_hold_about_equally_many_municipalities():
    values = pd.Series(np.arange(44, dtype=float))
    classes = charts.classify(values, "quantiles", 4)
    counts = np.bincount(classes.index)
    assert counts.max() - counts.min() <= 1


def test_tied_and_constant_values_do_not_break_the_classes():
    tied = charts.classify(pd.Series([0, 0, 0, 0, 0, 0, 1, 5, 9]), "quantiles", 5)
    assert len(set(tied.bins)) == len(tied.bins)  # no empty duplicate classes
    constant = charts.classify(pd.Series([3, 3, 3]), "natural_breaks", 5)
    assert constant.labels == ["3"] and set(constant.index) == {0}


def test_class_labels_use_swedish_number_format():
    classes = charts.classify(pd.Series([1200.5, 2500.25, 13000.0]), "equal_interval", 2, 1)
    assert classes.labels[-1].endswith("13\u00a0000,0")


def test_a_map_with_every_figure_hidden_shows_only_the_grey_class(con, example_wave_id):
    params = figure_params(example_wave_id)
    frame = queries.run(con, "municipality_figures", **params).assign(suppressed=True)
    trace = json.loads(charts.choropleth(frame, METRICS["recruits"]).to_json())["data"][0]
    assert trace["colorbar"]["ticktext"] == ["ingen uppgift"]


def test_a_hidden_cluster_reads_less_than_three_on_its_bar():
    """plotly writes no label for a missing value: a hidden cluster is a bar of length 0."""
    import pandas as pd

    from kraftsamling import charts

    clusters = pd.DataFrame(
        {
            "cluster": ["Vård", "Bygg"],
            "recruits": pd.array([12, None], dtype="Int64"),
            "employers": pd.array([4, None], dtype="Int64"),
            "lia_places": [3, 0],
            "occupations": [2, 1],
            "municipalities": [2, 1],
        }
    )
    bar = charts.cluster_bars(clusters).data[0]
    by_cluster = dict(zip(bar.y, zip(bar.x, bar.text, strict=True), strict=True))
    assert by_cluster["Bygg"] == (0, "<3") and by_cluster["Vård"] == (12, "12")


def test_a_pool_with_no_shown_need_is_drawn_in_the_palest_class():
    import pandas as pd

    from kraftsamling import charts

    frame = pd.DataFrame(
        {"kommunkod": ["2422", "2421", "2481"], "name": ["Sorsele", "Storuman", "Lycksele"]}
    )
    contributions = pd.DataFrame({"kommunkod": ["2422"], "recruits": pd.array([None], "Int64")})
    fig = charts.contribution_map(frame, contributions, ["2422", "2421"], "t")
    colours = [c for _, c in fig.data[0].colorscale]
    assert charts.class_colours(2)[0] in colours
    assert charts.class_colours(1)[0] not in colours
