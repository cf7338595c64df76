"""Beside every candidate: the existing YH supply, MYH's approval rate in the area and SCB's
graduates' outcomes — counted as MYH's and SCB's own files count them."""

from __future__ import annotations

import functools
from types import SimpleNamespace

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from kraftsamling import i18n, paths, queries, supply
from tests.helpers import REGION_CODES

ENTRY = str(paths.REPO / "dashboard.py")
NORRBOTTEN = [code for code in REGION_CODES if code.startswith("25")]


@pytest.fixture()
def run(con):
    return functools.partial(queries.run, con)


@pytest.fixture(scope="module")
def decisions(shared_data) -> tuple[pd.DataFrame, pd.DataFrame]:
    """MYH's decisions as the shared source files have them (not our derived copy)."""
    ref = shared_data / "reference"
    apps = pd.read_csv(
        ref / "myh_yh_program_applications_2018_2025.csv", dtype=str, keep_default_na=False
    )
    locations = pd.read_csv(
        ref / "myh_yh_program_application_locations_2018_2025.csv", dtype=str, keep_default_na=False
    )
    return apps, locations


def test_the_supply_beside_a_candidate_counts_what_myh_granted(run, con, decisions):
    """In the pool, at a distance anywhere, nationally: the newest three rounds, counted
    independently from MYH's own file."""
    apps, locations = decisions
    names = dict(con.execute("SELECT name, kommunkod FROM municipality").fetchall())
    names.update({"Malung": names["Malung-Sälen"], "Upplands-Väsby": names["Upplands Väsby"]})
    recent = apps[(apps["beslut"] == "Beviljad") & (apps["ansokningsomgang"].astype(int) >= 2023)]
    in_pool = set(locations.loc[locations["kommun"].map(names).isin(NORRBOTTEN), "diarienummer"])
    figures = supply.area_supply(run, NORRBOTTEN).set_index("education_area")
    assert (figures["first_round"] == 2023).all() and (figures["last_round"] == 2025).all()
    for area, granted in recent.groupby("utbildningsomrade"):
        if area not in figures.index:
            continue  # 'Övrigt' is no education area of a candidate
        row = figures.loc[area]
        assert row["national_programmes"] == len(granted), area
        assert row["distance_programmes"] == (granted["studieform"] == "Distans").sum(), area
        assert row["pool_programmes"] == granted["diarienummer"].isin(in_pool).sum(), area
        places = pd.to_numeric(granted["beviljade_platser_omgang_1"], errors="coerce").sum()
        assert row["national_places"] == places, area
    assert (figures["pool_programmes"] <= figures["national_programmes"]).all()
    assert (figures["distance_programmes"] <= figures["national_programmes"]).all()


def test_the_approval_rate_is_granted_over_applied_per_area_and_round(run, decisions):
    apps, _ = decisions
    rates = supply.approval_rates(run)
    assert sorted(rates["round"].unique()) == list(range(2018, 2026))
    for (area, year), group in apps.groupby(["utbildningsomrade", "ansokningsomgang"]):
        row = rates[(rates["education_area"] == area) & (rates["round"] == int(year))]
        if row.empty:
            continue
        granted = (group["beslut"] == "Beviljad").sum()
        assert row["applied"].iloc[0] == len(group)
        assert row["granted"].iloc[0] == granted
        assert row["approval_rate"].iloc[0] == pytest.approx(granted / len(group))


def test_the_outcomes_are_scbs_newest_year_with_its_margin_of_error(run, shared_data):
    ref = shared_data / "reference"
    work = pd.read_csv(
        ref / "scb_yh_examinerade_tid_till_arbete_2012_2024.csv", dtype=str, keep_default_na=False
    )
    match = pd.read_csv(
        ref / "scb_yh_examinerade_overensstammelse_arbete_2020_2024.csv",
        dtype=str,
        keep_default_na=False,
    )
    outcome = supply.outcomes(run).set_index("education_area")
    for area, rows in work[work["arbete_inom_6_man_pct"] != ""].groupby("utbildningsomrade_myh"):
        newest = rows.loc[rows["uppfoljningsar"].astype(int).idxmax()]
        got = outcome.loc[area]
        assert got["in_work_year"] == int(newest["uppfoljningsar"])
        assert got["in_work_6m_pct"] == int(newest["arbete_inom_6_man_pct"])
        assert got["in_work_6m_margin_pct"] == int(newest["arbete_inom_6_man_felmarginal_pct"])
    for area, rows in match.groupby("utbildningsomrade_myh"):
        newest = rows.loc[rows["uppfoljningsar"].astype(int).idxmax()]
        got = outcome.loc[area]
        assert got["matching_year"] == int(newest["uppfoljningsar"])
        assert got["matching_job_pct"] == int(newest["overensstammelse_helt_storsta_delen_pct"])
        assert got["matching_job_margin_pct"] == int(
            newest["overensstammelse_helt_storsta_delen_felmarginal_pct"]
        )


def test_supply_per_occupation_counts_each_matched_granted_programme_once(run, con):
    """The match of programmes to occupations comes in as a frame; only granted programmes of
    the newest three rounds count, a programme matched twice counts once."""
    apps = con.execute("SELECT diarienummer, round, granted, distance FROM myh_application").df()
    recent_granted = apps[apps["granted"] & (apps["round"] >= 2023)].head(3)
    refused = apps[~apps["granted"] & (apps["round"] >= 2023)].head(2)
    old = apps[apps["granted"] & (apps["round"] < 2023)].head(2)
    matched = pd.concat([recent_granted, recent_granted.head(1), refused, old])
    matches = pd.DataFrame({"ssyk4": "7233", "diarienummer": matched["diarienummer"]})
    matches = pd.concat(
        [matches, pd.DataFrame({"ssyk4": ["3113"], "diarienummer": refused["diarienummer"][:1]})]
    )
    figures = supply.occupation_supply(run, matches, REGION_CODES).set_index("ssyk4")
    assert figures.loc["7233", "national_programmes"] == 3
    assert figures.loc["7233", "distance_programmes"] == recent_granted["distance"].sum()
    assert figures.loc["3113", "national_programmes"] == 0  # matched, nothing granted
    none = supply.occupation_supply(run, matches.iloc[0:0], REGION_CODES)
    assert none.empty


def test_every_candidate_gets_its_areas_supply_and_outcomes_beside_it(run):
    area_figures = supply.area_supply(run, REGION_CODES)
    approval, outcome = supply.approval_rates(run), supply.outcomes(run)
    candidates = [
        SimpleNamespace(candidate_id="yrke:7233", education_area="Teknik och tillverkning"),
        SimpleNamespace(candidate_id="kluster:Data/IT", education_area="Data/IT"),
        SimpleNamespace(candidate_id="grupp", education_area=None),
    ]
    matched = pd.DataFrame(
        {
            "ssyk4": ["7233"],
            "pool_programmes": [1],
            "distance_programmes": [2],
            "national_programmes": [3],
        }
    )
    beside = supply.beside(candidates, area_figures, approval, outcome, matched)
    assert len(beside) == 3
    technology = area_figures.set_index("education_area").loc["Teknik och tillverkning"]
    first = beside.iloc[0]
    assert first.iloc[0] == "1 · 2 · 3"
    assert first.iloc[1] == " · ".join(
        str(technology[c])
        for c in ("pool_programmes", "distance_programmes", "national_programmes")
    )
    assert beside.iloc[1].iloc[0] == "–"  # a cluster has no occupation supply
    assert (beside.iloc[2] == "–").all()  # no area: nothing to show, and no error
    with pytest.raises(ValueError):
        supply.join_beside(beside.head(2), beside)


def test_the_supply_sentence_names_the_area_the_rate_and_the_outcomes(run):
    area_figures = supply.area_supply(run, REGION_CODES)
    approval, outcome = supply.approval_rates(run), supply.outcomes(run)
    area = "Hälso- och sjukvård samt socialt arbete"
    text = supply.supply_text(area, area_figures, approval, outcome)
    got = outcome.set_index("education_area").loc[area]
    assert area in text and "2023–2025" in text
    assert f"{got['in_work_6m_pct']} ± {got['in_work_6m_margin_pct']} %" in text
    assert f"{got['matching_job_pct']} ± {got['matching_job_margin_pct']} %" in text
    with i18n.language("en"):
        english = supply.supply_text(area, area_figures, approval, outcome)
    assert "were in work within 6 months" in english
    table = supply.approval_table(approval, area)
    assert list(table.columns[1:]) == [str(y) for y in range(2018, 2026)]


def test_the_finder_shows_supply_and_outcomes_beside_every_candidate(database):
    app = AppTest.from_file(ENTRY, default_timeout=120)
    app.query_params["visa"] = "alla"
    app.run()
    app.switch_page("pages/ansokningsunderlag.py").run()
    assert not app.exception
    table = app.dataframe[0].value
    for column in (
        "YH i området 2023–2025 (i gruppen · distans · i landet)",
        "I arbete inom 6 mån (2024)",
        "Arbete som stämmer med utbildningen (2024)",
        "Beviljandegrad i området 2025",
    ):
        assert column in table.columns
        assert (table[column] != "–").all()  # every candidate has an area in the example
    texts = " ".join(m.value for m in app.markdown)
    assert "Befintligt utbud, konkurrens och utfall" in texts
    assert "arbete inom 6 månader" in texts
