"""Derive the repository's compact reference files from ../shared/data.

Run with `python -m kraftsamling derive`. Reads the open source files described in each
SOURCES.md and writes small, committed files into `geo/` and `data/reference/`. The build
never reads ../shared afterwards.
"""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from kraftsamling import paths

REGION_COUNTIES = ("22", "23", "24", "25")
COUNTY_NAMES = {
    "22": "Västernorrlands län",
    "23": "Jämtlands län",
    "24": "Västerbottens län",
    "25": "Norrbottens län",
}
POPULATION_YEAR = 2021  # municip_data22.csv: folkmängd 31 dec 2021
POPULATION_20_64_YEAR = 2019  # scb_folkmangd_alder_kon_2019.csv
LAND_AREA_YEAR = 2015  # scb_markanvandning_2015.csv
SIMPLIFY_TOLERANCE_M = 250.0  # coverage simplification, metres in SWEREF 99 TM
COORDINATE_DECIMALS = 4  # about 5-11 m on the ground at these latitudes


def _read_csv(path: Path, **kwargs) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, **kwargs)


# --------------------------------------------------------------------------- municipalities
def municipality_table(shared: Path) -> pd.DataFrame:
    """All 290 municipalities with county, LA region, population and land area."""
    codes = _read_csv(shared / "context" / "kommuner_lan_koder.csv")
    codes = codes.rename(
        columns={
            "municipality_code": "kommunkod",
            "municipality_name_short": "name",
            "county_code": "lan_kod",
        }
    )[["kommunkod", "name", "lan_kod"]]

    pop = _read_csv(shared / "context" / "municip_data22.csv")
    pop["kommunkod"] = pop["municip_code"].str.zfill(4)
    pop = pop[["kommunkod", "pop"]].rename(columns={"pop": "population"})
    pop["population"] = pop["population"].astype(int)

    ages = pd.read_csv(shared / "context" / "scb_folkmangd_alder_kon_2019.csv")
    working = ages[(ages["ålder"] >= 20) & (ages["ålder"] <= 64)]
    working = working.groupby("region", as_index=False)["X2019"].sum()
    working = working.rename(columns={"region": "name", "X2019": "population_20_64"})

    land = pd.read_csv(shared / "context" / "scb_markanvandning_2015.csv")
    land = land[land["markanvändningsklass"] == "total landareal"]
    land = land.rename(columns={"region": "name"})
    land["land_area_km2"] = (land["X2015"] / 100).round(2)
    land = land[["name", "land_area_km2"]]

    table = codes.merge(pop, on="kommunkod", how="left", validate="1:1")
    table = table.merge(working, on="name", how="left", validate="1:1")
    table = table.merge(land, on="name", how="left", validate="1:1")
    missing = table[table[["population", "population_20_64", "land_area_km2"]].isna().any(axis=1)]
    if not missing.empty:
        raise ValueError(f"Saknar befolkning eller areal för: {missing['name'].tolist()}")
    table["population_year"] = POPULATION_YEAR
    table["population_20_64_year"] = POPULATION_20_64_YEAR
    table["land_area_year"] = LAND_AREA_YEAR
    table["in_region"] = table["lan_kod"].isin(REGION_COUNTIES)
    return table


def labour_market_regions(shared: Path, municipalities: gpd.GeoDataFrame) -> pd.DataFrame:
    """Each municipality's LA region 2022, chosen by largest overlap."""
    la = gpd.read_file(shared / "geo" / "scb_la_regioner_2022_sweref99tm.gpkg")
    la = la.set_crs(3006, allow_override=True)
    pieces = gpd.overlay(municipalities[["kommunkod", "geometry"]], la, how="intersection")
    pieces["overlap"] = pieces.geometry.area
    best = pieces.sort_values("overlap").groupby("kommunkod").tail(1)
    return best.rename(columns={"LAKod": "la_kod", "LANamn": "la_name"})[
        ["kommunkod", "la_kod", "la_name"]
    ]


def municipality_geometry(shared: Path) -> gpd.GeoDataFrame:
    folder = shared / "geo" / "scb_kommun_sweref99tm"
    geo = gpd.read_file(folder / "Kommun_Sweref99TM.shp", encoding="cp1252")
    geo = geo.set_crs(3006, allow_override=True)
    geo = geo.rename(columns={"KnKod": "kommunkod", "KnNamn": "name"})
    return geo[["kommunkod", "name", "geometry"]].sort_values("kommunkod").reset_index(drop=True)


def simplified_coverage(geo: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Simplify all borders once, as a coverage, so neighbours keep sharing them exactly."""
    out = geo.copy()
    out["geometry"] = shapely.coverage_simplify(out.geometry.values, SIMPLIFY_TOLERANCE_M)
    out = out.to_crs(4326)
    # The same grid for every polygon keeps shared vertices identical after rounding.
    out["geometry"] = shapely.set_precision(out.geometry.values, 10**-COORDINATE_DECIMALS)
    return out


def _write_geojson(frame: gpd.GeoDataFrame, path: Path) -> None:
    data = json.loads(frame.to_json(drop_id=True))
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


# --------------------------------------------------------------------------- occupations
def ssyk_tables(shared: Path) -> dict[str, pd.DataFrame]:
    ref = shared / "reference"
    af = _read_csv(ref / "ssyk2012_afssyk_jobtech_hierarchy.csv")
    af = af.rename(columns={"label_sv": "name_sv"})[["level", "code", "name_sv", "parent_code"]]
    scb = _read_csv(ref / "ssyk2012_scb_structure_en.csv")[["level", "code", "name_en"]]
    cross = _read_csv(ref / "ssyk2012_scb_to_afssyk_crosswalk.csv")
    cross = cross.rename(columns={"scb_ssyk4_code": "scb_ssyk4", "af_ssyk4_code": "af_ssyk4"})[
        ["scb_ssyk4", "af_ssyk4", "match_type"]
    ]
    fields = _read_csv(ref / "jobtech_ssyk4_to_occupation_field.csv")
    fields = fields.rename(
        columns={"ssyk4_code": "ssyk4", "occupation_field_sv": "occupation_field"}
    )[["ssyk4", "occupation_field"]]
    titles = _read_csv(ref / "jobtech_occupation_names_to_ssyk4.csv")
    titles = titles.rename(columns={"occupation_name": "title", "ssyk4_code": "ssyk4"})[
        ["title", "ssyk4"]
    ]
    return {
        "ssyk_af": af,
        "ssyk_scb": scb,
        "ssyk_scb_to_af": cross,
        "ssyk4_occupation_field": fields,
        "job_title": titles.sort_values("title").reset_index(drop=True),
    }


# --------------------------------------------------------------------------- MYH decisions
# MYH's workbooks spell two municipalities differently from SCB.
MYH_NAME_SPELLINGS = {"Malung": "Malung-Sälen", "Upplands-Väsby": "Upplands Väsby"}


def _as_int(series: pd.Series) -> pd.Series:
    return pd.to_numeric(series.replace("", None), errors="coerce").astype("Int64")


def myh_tables(shared: Path, municipalities: pd.DataFrame) -> dict[str, pd.DataFrame]:
    ref = shared / "reference"
    apps = _read_csv(ref / "myh_yh_program_applications_2018_2025.csv")
    applications = pd.DataFrame(
        {
            "round": apps["ansokningsomgang"].astype(int),
            "diarienummer": apps["diarienummer"],
            "education_area": apps["utbildningsomrade"],
            "programme_name": apps["utbildningsnamn"].str.strip(),
            "distance": apps["distans"] == "True",
            "granted": apps["beslut"] == "Beviljad",
            "places_per_intake": _as_int(apps["beviljade_platser_omgang_1"]),
            "places_granted_total": _as_int(apps["beviljade_platser_totalt"]),
            "provider": apps["anordnare"].str.strip(),
        }
    )

    locs = _read_csv(ref / "myh_yh_program_application_locations_2018_2025.csv")
    locs["kommun"] = locs["kommun"].replace(MYH_NAME_SPELLINGS)
    names = municipalities[["kommunkod", "name"]].rename(columns={"name": "kommun"})
    locs = locs.merge(names, on="kommun", how="left", validate="m:1")
    unknown = sorted(set(locs.loc[locs["kommunkod"].isna(), "kommun"]))
    if unknown:
        raise ValueError(f"Okända kommunnamn i MYH:s beslut: {unknown}")
    locations = pd.DataFrame(
        {
            "round": locs["ansokningsomgang"].astype(int),
            "diarienummer": locs["diarienummer"],
            "kommunkod": locs["kommunkod"],
            "education_area": locs["utbildningsomrade"],
            "distance": locs["studieform"] == "Distans",
            "granted": locs["beslut"] == "Beviljad",
        }
    ).drop_duplicates()
    return {"myh_application": applications, "myh_application_location": locations}


# --------------------------------------------------------------------------- YH graduates' outcomes
def yh_outcome_tables(shared: Path) -> dict[str, pd.DataFrame]:
    """SCB's follow-up of YH graduates per MYH education area and follow-up year, both files in
    one table: the share in work within 1 and 6 months of graduating (of all graduates), and
    the share whose job matches the programme wholly or mostly, partly, or not at all (of the
    graduates in work). Every share keeps its 95 % margin of error; '..' (too few answers) is
    empty. The areas 'Totalt' (all graduates) and 'Övrigt' come only in the first file."""
    ref = shared / "reference"
    work = _read_csv(ref / "scb_yh_examinerade_tid_till_arbete_2012_2024.csv").rename(
        columns={
            "utbildningsomrade_myh": "education_area",
            "uppfoljningsar": "follow_up_year",
            "examinerade_antal": "graduates",
            "arbete_inom_1_man_pct": "in_work_1m_pct",
            "arbete_inom_1_man_felmarginal_pct": "in_work_1m_margin_pct",
            "arbete_inom_6_man_pct": "in_work_6m_pct",
            "arbete_inom_6_man_felmarginal_pct": "in_work_6m_margin_pct",
        }
    )
    match = _read_csv(ref / "scb_yh_examinerade_overensstammelse_arbete_2020_2024.csv").rename(
        columns={
            "utbildningsomrade_myh": "education_area",
            "uppfoljningsar": "follow_up_year",
            "examinerade_med_arbete_antal": "graduates_in_work",
            "overensstammelse_helt_storsta_delen_pct": "matching_job_pct",
            "overensstammelse_helt_storsta_delen_felmarginal_pct": "matching_job_margin_pct",
            "overensstammelse_viss_del_pct": "partly_matching_pct",
            "overensstammelse_viss_del_felmarginal_pct": "partly_matching_margin_pct",
            "overensstammelse_inte_alls_pct": "not_matching_pct",
            "overensstammelse_inte_alls_felmarginal_pct": "not_matching_margin_pct",
        }
    )
    table = work.merge(match, on=["education_area", "follow_up_year"], how="outer", validate="1:1")
    for column in table.columns.drop("education_area"):
        table[column] = _as_int(table[column].fillna(""))
    table = table.sort_values(["education_area", "follow_up_year"]).reset_index(drop=True)
    return {"yh_graduate_outcome": table}


# --------------------------------------------------------------------------- YH per occupation
def education_tables(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Issue 10, parts 1-2 (rules: kraftsamling.education): MYH's applications linked to
    occupations by programme name, each occupation's education path and its MYH education
    area. Reads the hand-kept files in data/ beside the derived tables."""
    from kraftsamling import education

    applications = tables["myh_application"]
    matcher = education.Matcher(
        tables["job_title"], education.read_hand_kept(paths.DATA / "yh_programme_keyword.csv")
    )
    links = education.programme_occupations(applications, matcher)
    occupations = tables["ssyk4_occupation_field"]
    path = education.education_paths(
        occupations,
        applications,
        links,
        education.read_hand_kept(paths.DATA / "education_path_override.csv"),
    )
    area = education.education_areas(
        occupations,
        applications,
        links,
        education.read_hand_kept(paths.DATA / "ssyk4_education_area_override.csv"),
        education.read_hand_kept(paths.DATA / "occupation_field_education_area.csv"),
    )
    return {"myh_programme_occupation": links, "education_path": path, "ssyk4_education_area": area}


# --------------------------------------------------------------------------- main
def derive(
    shared: Path | None = None, reference_dir: Path | None = None, geo_dir: Path | None = None
) -> dict[str, Path]:
    """Write every derived file (by default into the repository); return what was written."""
    shared = shared or paths.SHARED_DATA
    reference_dir = reference_dir or paths.REFERENCE
    geo_dir = geo_dir or paths.GEO
    if not shared.exists():
        raise FileNotFoundError(f"Hittar inte källdata i {shared} (../shared/data)")
    reference_dir.mkdir(parents=True, exist_ok=True)
    geo_dir.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}

    municipalities = municipality_table(shared)
    geometry = municipality_geometry(shared)
    la = labour_market_regions(shared, geometry)
    municipalities = municipalities.merge(la, on="kommunkod", how="left", validate="1:1")
    columns = [
        "kommunkod",
        "name",
        "lan_kod",
        "la_kod",
        "la_name",
        "population",
        "population_year",
        "population_20_64",
        "population_20_64_year",
        "land_area_km2",
        "land_area_year",
        "in_region",
    ]
    municipalities = municipalities[columns].sort_values("kommunkod")

    counties = _read_csv(shared / "context" / "lan_koder.csv")
    counties = counties.rename(columns={"county_code": "lan_kod", "county_name": "name"})
    counties = counties[["lan_kod", "name"]].sort_values("lan_kod")

    tables = {"municipality": municipalities, "county": counties}
    tables.update(ssyk_tables(shared))
    tables.update(myh_tables(shared, municipalities))
    tables.update(yh_outcome_tables(shared))
    tables.update(education_tables(tables))
    for name, frame in tables.items():
        # The two national MYH tables are large; gzip keeps them compact (DuckDB reads .csv.gz).
        suffix = ".csv.gz" if name.startswith("myh_") else ".csv"
        path = reference_dir / f"{name}{suffix}"
        frame.to_csv(
            path,
            index=False,
            compression={"method": "gzip", "mtime": 0} if suffix.endswith("gz") else None,
        )
        written[name] = path

    simplified = simplified_coverage(geometry)
    simplified = simplified.merge(
        municipalities[["kommunkod", "lan_kod"]], on="kommunkod", validate="1:1"
    )
    national = simplified[["kommunkod", "name", "lan_kod", "geometry"]]
    region = national[national["lan_kod"].isin(REGION_COUNTIES)].reset_index(drop=True)
    # Counties are dissolved from the simplified municipalities, so borders coincide exactly.
    counties_geo = region.dissolve(by="lan_kod", as_index=False)[["lan_kod", "geometry"]]
    counties_geo["name"] = counties_geo["lan_kod"].map(COUNTY_NAMES)
    for name, frame in {
        "kommuner_sverige": national,
        "kommuner_norr4": region,
        "lan_norr4": counties_geo[["lan_kod", "name", "geometry"]],
    }.items():
        path = geo_dir / f"{name}.geojson"
        _write_geojson(frame, path)
        written[name] = path
    return written
