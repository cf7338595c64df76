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
        "wave_comparison_by_municipality", wave_a=FIRST, wave_b=WAVE_ID, horizons=ALL
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
    )
    assert (by_occupation["change"] >= 0).all() and (by_occupation["change"] > 0).sum() > 50
    trend = run("wave_trend", wave_ids=[FIRST, WAVE_ID], horizons=ALL)
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
    assert hover["Skellefteå"] == "79 personer"  # 1 366 → 1 445
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
