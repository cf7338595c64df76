"""Waves over time, fairly (issue 12): two waves compared per municipality, per occupation,
over all waves and on the change map, for administrators from the answers and for providers
from the stored publications; the response rate as the providers may see it.

The second wave (tests/second_wave.py) only adds need to the example wave: a third of its
rows recruit one more, nothing recruits fewer. So any fall between the two is a municipality
that did not take part (Ragunda and Malå, absent from the second; Umeå, absent from the first)
counted as one: the comparison must never show it."""

from __future__ import annotations

import json
import time
from dataclasses import replace
from functools import partial

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from kraftsamling import auth, db, paths, queries
from kraftsamling.privacy import view
from kraftsamling.selection import Selection
from kraftsamling.views import karta
from tests.helpers import REGION_CODES
from tests.second_wave import LEFT, NEW, SORSELE, WAVE_ID

FIRST = "exempel-2025-host"
ALL = ["0-1", "1-3", "3-5"]


@pytest.fixture(scope="module")
def run(two_waves):
    con = db.connect_readonly(two_waves)
    yield partial(queries.run, con)
    con.close()


def selections():
    region = Selection(wave_id=WAVE_ID, horizon="0-5", kommunkoder=tuple(REGION_CODES))
    return {
        "regionen": region,
        "Västerbotten": replace(
            region, kommunkoder=tuple(k for k in REGION_CODES if k[:2] == "24")
        ),
        "vård": replace(region, cluster="Hälso- och sjukvård"),
        "undersköterskor inom 1 år": replace(region, ssyk4="5321", horizon="0-1"),
    }


def providers_figures(run, selection):
    """Everything the providers' comparison shows, from the two publications."""
    first = view.load(run, FIRST, selection.horizon)
    second = view.load(run, WAVE_ID, selection.horizon)
    return providers_from(run, first, second, selection)


def providers_from(run, first, second, selection):
    before, _ = view.map_figures(run, first, replace(selection, wave_id=FIRST), [])
    after, _ = view.map_figures(run, second, selection, [])
    changed = karta.change_figures(before, after, "förra", "nya")
    return {
        "kommuner": changed,
        "yrken": view.wave_comparison(run, [first, second], selection, "ssyk4"),
        "yrkesområden": view.wave_comparison(run, [first, second], selection, "cluster"),
        "över tid": view.wave_trend(run, [first, second], selection),
    }


def test_a_municipality_absent_from_one_wave_never_shows_as_a_drop(run):
    # administrators, from the answers
    by_municipality = run(
        "wave_comparison_by_municipality",
        wave_a=FIRST,
        wave_b=WAVE_ID,
        horizons=ALL,
        kommunkoder=REGION_CODES,
    ).set_index("kommunkod")
    for kommunkod in LEFT:
        assert by_municipality.loc[kommunkod, "took_part"] == "deltog inte i senare"
        assert pd.isna(by_municipality.loc[kommunkod, "change"])
    assert by_municipality.loc[NEW, "took_part"] == "deltog inte i tidigare"
    assert (by_municipality["change"].dropna() >= 0).all()
    by_occupation = run(
        "wave_comparison_by_occupation",
        wave_a=FIRST,
        wave_b=WAVE_ID,
        horizons=ALL,
        same_organisations=False,
        kommunkoder=REGION_CODES,
    )
    assert (by_occupation["change"] >= 0).all() and (by_occupation["change"] > 0).sum() > 50
    trend = run("wave_trend", wave_ids=[FIRST, WAVE_ID], horizons=ALL, kommunkoder=REGION_CODES)
    assert trend["municipalities"].iloc[0] == 25  # 27 and 26 took part, 25 in both
    assert trend["recruits"].is_monotonic_increasing
    # providers, from the publications: every selection, every way of comparing
    for name, selection in selections().items():
        shown = providers_figures(run, selection)
        changed = shown["kommuner"].set_index("kommunkod")
        for kommunkod in LEFT:
            assert changed.loc[kommunkod, "comparison"] == "deltog inte i senare", name
            assert pd.isna(changed.loc[kommunkod, "recruits"]), name
            assert not changed.loc[kommunkod, "participated"], name  # grey on the map
            assert changed.loc[kommunkod, "grey_reason"] == "deltog inte i nya", name
        assert changed.loc[NEW, "comparison"] == "deltog inte i tidigare", name
        assert (changed["recruits"].dropna() >= 0).all(), name
        for level in ("yrken", "yrkesområden"):
            assert (shown[level]["change"].dropna() >= 0).all(), (name, level)
        assert shown["över tid"]["recruits"].dropna().is_monotonic_increasing, name
    region = providers_figures(run, selections()["regionen"])
    # every municipality figure is shown in the region's totals: the providers' trend is the
    # administrators' (the same 25 municipalities, the same need)
    assert region["över tid"]["recruits"].tolist() == trend["recruits"].tolist()
    assert (region["kommuner"]["comparison"] == "båda").sum() == 25
    assert (region["yrken"]["change"] > 0).sum() > 10


def poisoned(published: view.Publication) -> view.Publication:
    """The publication with every hidden cell's figures set to a value no real figure has."""

    def poison(cells: pd.DataFrame) -> pd.DataFrame:
        out = cells.copy()
        for column in view.FIGURES:
            out[column] = out[column].mask(out["suppressed"], 10**9)
        return out

    return replace(
        published,
        municipalities=poison(published.municipalities),
        clusters=poison(published.clusters),
        occupations=poison(published.occupations),
    )


def test_no_figure_in_the_providers_comparison_is_derived_from_a_hidden_cell(run):
    """Set the (stored as missing) figures of every hidden cell to 10⁹: nothing the providers'
    comparison shows changes. A municipality is compared only where its cell is shown in both
    publications, and its change is the difference of the two stored figures."""
    hidden_somewhere = 0
    for name, selection in selections().items():
        first = view.load(run, FIRST, selection.horizon)
        second = view.load(run, WAVE_ID, selection.horizon)
        clean = providers_from(run, first, second, selection)
        dirty = providers_from(run, poisoned(first), poisoned(second), selection)
        for part, frame in clean.items():
            if part == "kommuner":  # what the change map and the table show
                shown_columns = [
                    "kommunkod",
                    "comparison",
                    "participated",
                    "grey_reason",
                    *(f"{c}{s}" for c in karta.CHANGED for s in ("", "_before", "_after")),
                ]
                frame, dirty[part] = frame[shown_columns], dirty[part][shown_columns]
            pd.testing.assert_frame_equal(frame, dirty[part], obj=f"{name}, {part}")
            numbers = frame.select_dtypes("number")
            assert not (numbers.abs() >= 10**8).any().any(), (name, part)
        grain = "yrke" if selection.ssyk4 else "kluster" if selection.cluster else "kommun"
        stored = {}
        for wave_id in (FIRST, WAVE_ID):
            cells = run("published_cells", wave_id=wave_id, horizon=selection.horizon)
            cells = cells[cells["grain"] == grain]
            if selection.ssyk4:
                cells = cells[cells["candidate_id"] == f"yrke:{selection.ssyk4}"]
            elif selection.cluster:
                cells = cells[cells["candidate_id"] == f"kluster:{selection.cluster}"]
            stored[wave_id] = cells.set_index("kommunkod")
        changed = clean["kommuner"][clean["kommuner"]["selected"]]
        for row in changed[changed["comparison"] == "båda"].itertuples():
            values = []
            for wave_id in (FIRST, WAVE_ID):
                cell = (
                    stored[wave_id].loc[row.kommunkod]
                    if row.kommunkod in stored[wave_id].index
                    else None
                )
                assert cell is None or pd.isna(cell["hidden"]), (name, row.name)
                values.append(0 if cell is None else int(cell["recruits"]))
            assert row.recruits == values[1] - values[0], (name, row.name)
        dark = changed[changed["comparison"] == "dold"]
        hidden_somewhere += len(dark)
        assert dark["recruits"].isna().all() and not dark["participated"].any()
        assert set(dark["grey_reason"].str[:4]) <= {"dold"}
    assert hidden_somewhere > 10  # the filters do hide cells: the test can fail


def test_the_response_rate_is_published_as_bands_and_county_rates_only(run):
    exact = run("response_rate_by_municipality", wave_id=WAVE_ID).set_index("kommunkod")
    published = run("published_response", wave_id=WAVE_ID)
    kommun = published[published["scope_kind"] == "kommun"].set_index("scope")
    assert kommun["response_rate"].isna().all()  # a municipality never gets its exact rate
    listed = kommun[kommun["listed"]]
    assert len(listed) == 26 and not kommun.loc[SORSELE, "shown"]  # one invited did not answer
    for kommunkod, row in listed[listed["shown"]].iterrows():
        rate = min(exact.loc[kommunkod, "response_rate"], 1.0)
        low, high = (int(x) for x in row["rate_band"].split("-"))
        assert low <= 100 * rate < high + 1, kommunkod
    assert listed["rate_band"].nunique() >= 3
    counties = published[published["scope_kind"] != "kommun"]
    assert counties["shown"].all() and counties["response_rate"].between(0.2, 0.95).all()
    assert not published[published["scope_kind"] == "kommun"]["listed"].all()  # others: no list
    first = run("published_response", wave_id=FIRST)
    assert not first["listed"].any() and not first["shown"].any()  # no list, nothing shown


def visit(two_waves, monkeypatch, admin: bool, page: str | None = None, **url) -> AppTest:
    monkeypatch.setenv("KRAFTSAMLING_DB", str(two_waves))
    monkeypatch.setenv(auth.ENV_VAR, f"anna={auth.hash_password('ett långt lösenord')}")
    app = AppTest.from_file(str(paths.REPO / "dashboard.py"), default_timeout=120)
    if admin:
        app.session_state[auth.SESSION_KEY] = {"username": "anna", "since": time.time()}
    app.query_params.update({"omgang": WAVE_ID, **url})
    app.run()
    if page:
        app.switch_page(page).run()
    assert not app.exception, app.exception
    return app


def hovers(app: AppTest) -> dict[str, str]:
    spec = json.loads(app.get("plotly_chart")[0].proto.spec)
    return {row[0]: row[2] for row in spec["data"][0]["customdata"]}


@pytest.mark.parametrize("admin", [False, True])
def test_the_change_map_greys_what_cannot_be_compared(two_waves, monkeypatch, admin):
    app = visit(two_waves, monkeypatch, admin, jamfor=FIRST, matt="recruits")
    assert app.selectbox(key="jamfor").value == FIRST
    hover = hovers(app)
    assert hover["Ragunda"] == hover["Malå"] == "deltog inte i Våren 2026"
    assert hover["Umeå"] == "deltog inte i Hösten 2025 (exempeldata)"
    assert hover["Skellefteå"] == "+79 personer"  # 1 366 → 1 445
    assert hover["Luleå"] == "deltog inte i någon av omgångarna"
    assert any("i de 25 kommuner som kan jämföras" in m.value for m in app.markdown)
    care = visit(two_waves, monkeypatch, admin, jamfor=FIRST, kluster="Hälso- och sjukvård")
    hidden = [h for h in hovers(care).values() if h.startswith("dold")]
    assert (len(hidden) > 5) is not admin  # administrators see every figure
    assert not [h for h in hovers(care).values() if h.startswith("-")]  # no fall anywhere


def test_providers_see_the_response_rate_as_published(two_waves, monkeypatch):
    app = visit(two_waves, monkeypatch, False, matt="response_rate")
    assert app.selectbox(key="matt").value == "response_rate"
    hover = hovers(app)
    bands = {"0–24 %", "25–49 %", "50–74 %", "75–100 %"}
    assert hover["Skellefteå"] in bands
    assert hover["Sorsele"].startswith("för få för att visa")
    assert hover["Luleå"] == "ingen lista över inbjudna"
    listing = visit(two_waves, monkeypatch, False, page="pages/over_tid.py")
    waves = listing.dataframe[0].value
    assert waves.iloc[0].tolist()[0] == "Våren 2026" and waves.iloc[0].tolist()[2].endswith("%")
    per_area = listing.dataframe[1].value.set_index("Område")["Svarsfrekvens"]
    assert per_area["Skellefteå"] in bands and per_area["Hela regionen"][0].isdigit()


# Machado, Oliveira and Fernandes (2009), severity 1: how a colour looks with each colour-vision
# deficiency (applied to linear RGB)
COLOUR_BLIND = {
    "deuteranopia": [
        [0.367322, 0.860646, -0.227968],
        [0.280085, 0.672501, 0.047413],
        [-0.011820, 0.042940, 0.968881],
    ],
    "protanopia": [
        [0.152286, 1.052583, -0.204868],
        [0.114503, 0.786281, 0.099216],
        [-0.003882, -0.048116, 1.051998],
    ],
    "tritanopia": [
        [1.255528, -0.076749, -0.178779],
        [-0.078411, 0.930809, 0.147602],
        [0.004733, 0.691367, 0.303900],
    ],
}


def _seen(colour: str, deficiency: str | None = None):
    import numpy as np

    if colour.startswith("rgb"):
        rgb = np.array([float(x) for x in colour[colour.index("(") + 1 : -1].split(",")]) / 255
    else:
        rgb = np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)]) / 255
    linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    if deficiency:
        linear = np.clip(np.array(COLOUR_BLIND[deficiency]) @ linear, 0, 1)
    return np.where(linear <= 0.0031308, 12.92 * linear, 1.055 * linear ** (1 / 2.4) - 0.055)


@pytest.mark.parametrize("k", ["3", "5", "7"])
def test_the_change_map_tells_a_fall_from_a_rise_for_every_eye(run, k):
    """Falls red, rises blue, 0 neutral, the range symmetric (a fall and a rise of one size get
    one depth of colour), every colour (and the grey of what cannot be compared) told apart
    with each colour-vision deficiency, and a legend that says so."""
    import numpy as np

    from kraftsamling import charts
    from kraftsamling.metrics import CHANGE_METRICS
    from tests.helpers import figure_params

    rows = run("municipality_figures", **figure_params(FIRST, ALL)).reset_index(drop=True)
    changes = [-60, -30, -5, 0, 5, 30, 60, 12, -12, 2]
    rows["recruits"] = (changes * 5)[: len(rows)]
    rows["participated"] = rows.index != 3
    fig = charts.choropleth(rows, CHANGE_METRICS["recruits"], "quantiles", int(k))
    trace = fig.data[0]
    colours = [trace.colorscale[2 * i][1] for i in range(len(trace.colorbar.ticktext))]
    labels = list(trace.colorbar.ticktext)
    assert labels[0] == "kan inte jämföras" and colours[0] == charts.NOT_COMPARED_COLOUR
    classes, middle = labels[1:], len(labels[1:]) // 2
    assert classes[middle] == "oförändrat (0)" and colours[1 + middle] == "#f7f7f7"
    assert len(classes) == 2 * (int(k) // 2) + 1
    for i in range(1, middle + 1):  # mirrored: the same sizes on both sides
        assert classes[middle - i].replace("minskning", "") == classes[middle + i].replace(
            "ökning", ""
        )
        assert classes[middle - i].startswith("minskning") and classes[middle + i].startswith(
            "ökning"
        )
    z = dict(zip(rows["recruits"].where(rows["participated"]), trace.z, strict=True))
    assert z[-60] - 1 == middle - (z[60] - 1 - middle)  # symmetric
    red, blue = _seen(colours[z[-30]]), _seen(colours[z[30]])
    assert red[0] > red[2] and blue[2] > blue[0]  # a fall reads red, a rise blue
    assert colours[z[0]] == "#f7f7f7"
    for deficiency in COLOUR_BLIND:
        seen = [_seen(c, deficiency) for c in colours]
        nearest = min(np.linalg.norm(a - b) for i, a in enumerate(seen) for b in seen[i + 1 :])
        assert nearest > 0.1, deficiency
    assert "röd minskning, blå ökning" in trace.colorbar.title.text.replace("<br>", " ")


@pytest.fixture(scope="module")
def three_waves(two_waves, tmp_path_factory):
    """The two waves and a third: the second's answers again, but one organisation in
    Skellefteå did not answer and a new one there did (50 undersköterskor within a year)."""
    import io
    import shutil

    from kraftsamling.intake import store, waves
    from tests.second_wave import answers_csv

    target = tmp_path_factory.mktemp("three-waves") / "kraftsamling.duckdb"
    shutil.copy(two_waves, target)
    rows = pd.read_csv(io.BytesIO(answers_csv()), sep=";", dtype=str)
    skelleftea = rows[rows["Kommun"] == "2482"]
    gone = skelleftea["Organisation"].iloc[0]
    new = skelleftea.iloc[[0]].assign(
        Organisation="Ny Vård Skellefteå AB",
        Organisationsnummer=None,
        Yrke="5321",
        **{"Antal inom 1 år": "50", "Antal 1-3 år": "0", "Antal 3-5 år": "0"},
    )
    third = pd.concat([rows[rows["Organisation"] != gone], new])
    content = third.to_csv(sep=";", index=False).encode()
    report = store.import_files([("host2026.csv", content)], "2026-host", target=target)
    assert report.files[0].rows_rejected == 0
    waves.publish("2026-host", by="anna", target=target)
    return target


def test_the_comparison_can_count_only_the_organisations_that_answered_in_both(
    three_waves, monkeypatch
):
    """`samma=1` on Över tid (administrators; `compare-waves --same-organisations`): the
    organisation that left and the one that came are out of both waves, so two waves that
    differ only by them show no change at all."""
    con = db.connect_readonly(three_waves)
    try:
        params = {
            "wave_a": WAVE_ID,
            "wave_b": "2026-host",
            "horizons": ALL,
            "kommunkoder": REGION_CODES,
        }
        every = queries.run(
            con, "wave_comparison_by_occupation", **params, same_organisations=False
        )
        same = queries.run(con, "wave_comparison_by_occupation", **params, same_organisations=True)
    finally:
        con.close()
    assert every.set_index("ssyk4").loc["5321", "change"] != 0  # the newcomer's 50, the leaver's
    assert (every["change"] != 0).sum() >= 2
    assert (same["change"] == 0).all() and same["recruits_a"].sum() > 1000

    def occupations(app):
        return next(d.value for d in app.dataframe if "Yrke" in d.value.columns)

    page = visit(
        three_waves, monkeypatch, True, "pages/over_tid.py", omgang="2026-host", jamfor=WAVE_ID
    )
    assert page.checkbox(key="samma").value is False
    assert (occupations(page)["Förändring"] != 0).any()
    page = visit(
        three_waves,
        monkeypatch,
        True,
        "pages/over_tid.py",
        omgang="2026-host",
        jamfor=WAVE_ID,
        samma="1",
    )
    assert page.checkbox(key="samma").value is True
    assert (occupations(page)["Förändring"] == 0).all()
    assert any("Bara organisationer som svarade i båda" in c.value for c in page.caption)
    providers = visit(
        three_waves,
        monkeypatch,
        False,
        "pages/over_tid.py",
        omgang="2026-host",
        jamfor=WAVE_ID,
        samma="1",
    )
    assert not [box for box in providers.checkbox if box.key == "samma"]  # no organisations


NORRBOTTEN = [k for k in REGION_CODES if k.startswith("25")]


def test_over_tid_follows_the_county_chosen_in_the_sidebar(two_waves, monkeypatch, run):
    """An administrator who chooses Norrbotten in the sidebar sees Norrbotten's change per
    occupation and Norrbotten's need over the waves on Över tid, never the whole region's."""

    def occupations(app):
        return next(d.value for d in app.dataframe if "Yrke" in d.value.columns)

    def trend_caption(app):
        return next(c.value for c in app.caption if "som svarade i alla valda omgångar" in c.value)

    region = visit(two_waves, monkeypatch, True, "pages/over_tid.py", jamfor=FIRST)
    county = visit(two_waves, monkeypatch, True, "pages/over_tid.py", jamfor=FIRST, lan="25")
    expected = run(
        "wave_comparison_by_occupation",
        wave_a=FIRST,
        wave_b=WAVE_ID,
        horizons=ALL,
        same_organisations=False,
        kommunkoder=NORRBOTTEN,
    )
    shown = occupations(county)
    assert shown["Behov, senare omgång"].sum() == expected["recruits_b"].sum()
    assert shown["Behov, senare omgång"].sum() < occupations(region)["Behov, senare omgång"].sum()
    trend = run("wave_trend", wave_ids=[FIRST, WAVE_ID], horizons=ALL, kommunkoder=NORRBOTTEN)
    n = int(trend["municipalities"].iloc[0])
    assert 0 < n <= len(NORRBOTTEN)
    assert f"i de {n} kommuner" in trend_caption(county)
    assert f"i de {n} kommuner" not in trend_caption(region)


def test_the_waves_page_follows_the_county_chosen_in_the_sidebar(two_waves, monkeypatch):
    """Omgångar compares two waves in the sidebar's municipalities only."""
    county = visit(two_waves, monkeypatch, True, "pages/omgangar.py", lan="25")
    (listed,) = [d.value for d in county.dataframe if "Deltog" in d.value.columns]
    names = set(listed["Kommun"])
    assert {"Luleå", "Kiruna", "Piteå"} <= names
    assert len(names) == len(NORRBOTTEN) and "Umeå" not in names
