"""The reference data: the region's municipalities, populations, occupations, MYH decisions."""

from __future__ import annotations

import filecmp

import pandas as pd
import pytest

from kraftsamling import paths
from kraftsamling.devtools import derive

REGION = {
    "22": "2260 2262 2280 2281 2282 2283 2284",
    "23": "2303 2305 2309 2313 2321 2326 2361 2380",
    "24": "2401 2403 2404 2409 2417 2418 2421 2422 2425 2460 2462 2463 2480 2481 2482",
    "25": "2505 2506 2510 2513 2514 2518 2521 2523 2560 2580 2581 2582 2583 2584",
}


def read(name: str) -> pd.DataFrame:
    return pd.read_csv(paths.REFERENCE / name, dtype=str, keep_default_na=False)


def test_the_region_is_44_municipalities_in_the_right_four_counties(con):
    rows = con.execute(
        "SELECT lan_kod, list(kommunkod ORDER BY kommunkod) FROM municipality "
        "WHERE in_region GROUP BY lan_kod ORDER BY lan_kod"
    ).fetchall()
    assert {lan: " ".join(codes) for lan, codes in rows} == REGION
    assert sum(len(codes) for _, codes in rows) == 44


def test_kommunkod_is_a_zero_padded_four_character_string(con):
    codes = [c for (c,) in con.execute("SELECT kommunkod FROM municipality").fetchall()]
    assert len(codes) == 290
    assert all(len(c) == 4 and c.isdigit() for c in codes)
    assert "0114" in codes  # Upplands Väsby keeps its leading zero
    mismatched = con.execute(
        "SELECT count(*) FROM municipality WHERE left(kommunkod, 2) <> lan_kod"
    ).fetchone()[0]
    assert mismatched == 0


def test_populations_equal_the_scb_source_files(con, shared_data):
    ours = con.execute(
        "SELECT kommunkod, name, population, population_20_64 FROM municipality"
    ).df()
    totals = pd.read_csv(
        shared_data / "context" / "municip_data22.csv", dtype={"municip_code": str}
    )
    totals["kommunkod"] = totals["municip_code"].str.zfill(4)
    merged = ours.merge(totals[["kommunkod", "pop"]], on="kommunkod", validate="1:1")
    assert (merged["population"] == merged["pop"]).all()
    assert merged["population"].sum() == 10_452_326  # SCB, Sweden on 31 Dec 2021

    ages = pd.read_csv(shared_data / "context" / "scb_folkmangd_alder_kon_2019.csv")
    working = ages[ages["ålder"].between(20, 64)].groupby("region")["X2019"].sum()
    merged = ours.set_index("name").join(working)
    assert (merged["population_20_64"] == merged["X2019"]).all()


def test_population_years_are_stated(con):
    years = con.execute(
        "SELECT DISTINCT population_year, population_20_64_year, land_area_year FROM municipality"
    ).fetchall()
    assert years == [(2021, 2019, 2015)]


def test_every_occupation_has_a_field_and_an_education_area(con):
    missing = con.execute(
        "SELECT count(*) FROM occupation WHERE occupation_field IS NULL OR education_area IS NULL"
    ).fetchone()[0]
    assert missing == 0
    assert con.execute("SELECT count(*) FROM occupation").fetchone()[0] == 400
    fields = con.execute("SELECT count(DISTINCT occupation_field) FROM occupation").fetchone()[0]
    assert fields == 21


def test_our_crosswalk_names_only_myh_education_areas(con):
    areas = {a for (a,) in con.execute("SELECT education_area FROM education_area").fetchall()}
    assert len(areas) == 15
    used = {
        a
        for (a,) in con.execute(
            "SELECT DISTINCT education_area FROM occupation_field_education_area"
        ).fetchall()
    }
    assert used <= areas
    myh = {
        a for (a,) in con.execute("SELECT DISTINCT education_area FROM myh_application").fetchall()
    }
    assert areas <= myh  # our list is MYH's own spelling


def test_scb_codes_cross_to_arbetsformedlingens_variant(con):
    rows = dict(con.execute("SELECT scb_ssyk4, af_ssyk4 FROM ssyk_scb_to_af").fetchall())
    assert rows["1211"] == rows["1212"] == "1210"  # manager levels merged
    assert rows["5322"] == "5321"
    assert rows["4430"] is None
    unknown = con.execute(
        "SELECT count(*) FROM ssyk_scb_to_af x LEFT JOIN ssyk_af a ON a.code = x.af_ssyk4 "
        "WHERE x.af_ssyk4 IS NOT NULL AND a.code IS NULL"
    ).fetchone()[0]
    assert unknown == 0


def test_job_titles_point_at_existing_occupations(con):
    orphans = con.execute(
        "SELECT count(*) FROM job_title t LEFT JOIN occupation o USING (ssyk4) "
        "WHERE o.ssyk4 IS NULL"
    ).fetchone()[0]
    assert orphans == 0
    title = "Undersköterska, hemtjänst, äldreboende och habilitering"
    found = con.execute("SELECT ssyk4 FROM job_title WHERE title = $title", {"title": title})
    assert found.fetchone() == ("5321",)


def test_myh_decisions_match_the_source(con, shared_data):
    source = pd.read_csv(
        shared_data / "reference" / "myh_yh_program_application_locations_2018_2025.csv"
    )
    expected = source[source["beslut"] == "Beviljad"].groupby("ansokningsomgang").size().to_dict()
    ours = dict(
        con.execute(
            "SELECT round, count(*) FROM myh_application_location WHERE granted GROUP BY round"
        ).fetchall()
    )
    assert ours == expected
    in_region = con.execute(
        "SELECT count(*) FROM myh_application_location l JOIN municipality m USING (kommunkod) "
        "WHERE m.in_region"
    ).fetchone()[0]
    region_rows = source["lan"].isin(["Norrbotten", "Västerbotten", "Jämtland", "Västernorrland"])
    assert in_region == int(region_rows.sum())


def test_collaboration_groups_are_data_with_source_notes(con):
    groups = con.execute("SELECT group_id, source_note FROM collaboration_group").fetchall()
    assert all(note.strip() for _, note in groups)
    members = dict(
        con.execute(
            "SELECT group_id, list(kommunkod ORDER BY kommunkod) FROM collaboration_group_member "
            "GROUP BY group_id"
        ).fetchall()
    )
    assert members["lapplands_kf"] == ["2510", "2521", "2523", "2584"]
    for lan, codes in REGION.items():
        assert members[f"lan{lan}"] == codes.split()
    assert len(members["alla4"]) == 44
    outside = con.execute(
        "SELECT count(*) FROM collaboration_group_member g JOIN municipality m USING (kommunkod) "
        "WHERE NOT m.in_region"
    ).fetchone()[0]
    assert outside == 0


def test_committed_files_are_exactly_what_derive_makes_from_shared(tmp_path, shared_data):
    written = derive.derive(shared_data, tmp_path / "reference", tmp_path / "geo")
    for path in written.values():
        committed = (paths.GEO if path.suffix == ".geojson" else paths.REFERENCE) / path.name
        assert filecmp.cmp(path, committed, shallow=False), f"{path.name} differs: run derive"


@pytest.mark.parametrize("name", ["municipality.csv", "job_title.csv", "ssyk_af.csv"])
def test_reference_files_are_compact(name):
    assert (paths.REFERENCE / name).stat().st_size < 100_000
