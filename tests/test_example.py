"""Promises the generated example wave keeps (kraftsamling/devtools/example.py has its model)."""

from __future__ import annotations

import re

import duckdb
import pandas as pd
import pytest

from kraftsamling import db, paths
from kraftsamling.devtools import example

SHIPPED_SEED = 2025
HORIZONS = ["recruits_1y", "recruits_1_3y", "recruits_3_5y"]
TABLES = ["wave", "respondent", "respondent_contact", "need"]


def _reference(name: str) -> pd.DataFrame:
    return pd.read_csv(paths.REFERENCE / name, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def wave() -> dict[str, pd.DataFrame]:
    return example.generate(SHIPPED_SEED)


@pytest.fixture(scope="module")
def municipalities() -> pd.DataFrame:
    frame = _reference("municipality.csv").set_index("kommunkod")
    frame["population_20_64"] = frame["population_20_64"].astype(int)
    return frame


def _need_by_place(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Need rows with the respondent's municipality and the total over 0-5 years."""
    need = tables["need"].merge(
        tables["respondent"][["respondent_id", "kommunkod"]], on="respondent_id", how="left"
    )
    need["recruits_0_5y"] = need[HORIZONS].sum(axis=1)
    return need


def _luhn_valid(digits: str) -> bool:
    """Luhn over all ten digits, written independently of the generator's own function."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


# ------------------------------------------------------------------------------ determinism
def test_the_same_seed_writes_byte_identical_files(tmp_path):
    first = example.write(SHIPPED_SEED, tmp_path / "first")
    second = example.write(SHIPPED_SEED, tmp_path / "second")
    assert first == second
    for table in TABLES:
        name = f"{table}.csv"
        assert (tmp_path / "first" / name).read_bytes() == (tmp_path / "second" / name).read_bytes()


def test_a_different_seed_gives_different_answers(wave):
    other = example.generate(SHIPPED_SEED + 1)
    assert not wave["need"].equals(other["need"])
    assert not wave["respondent"]["organisation_name"].equals(
        other["respondent"]["organisation_name"]
    )


def test_the_committed_example_files_are_what_the_shipped_seed_generates(tmp_path):
    if not (paths.EXAMPLE / "wave.csv").exists():
        pytest.skip("data/example has not been written yet")
    example.write(SHIPPED_SEED, tmp_path)
    for table in TABLES:
        name = f"{table}.csv"
        assert (paths.EXAMPLE / name).read_bytes() == (tmp_path / name).read_bytes(), name


def test_write_returns_the_row_counts_of_the_files(tmp_path):
    counts = example.write(SHIPPED_SEED, tmp_path)
    assert set(counts) == set(TABLES)
    for table, count in counts.items():
        assert len(pd.read_csv(tmp_path / f"{table}.csv", dtype=str)) == count


# ------------------------------------------------------------------------------ shape
def test_every_table_has_the_columns_of_the_schema_that_a_survey_answer_fills(wave):
    """Example columns are schema columns in schema order; only import provenance is left out."""
    con = duckdb.connect()
    db.create_schema(con)
    import_only = {"source_file_id", "source_row", "occupation_as_given", "occupation_match"}
    for table in TABLES:
        columns = [
            row[0]
            for row in con.execute(
                "SELECT column_name FROM information_schema.columns "
                "WHERE table_name = ? ORDER BY ordinal_position",
                [table],
            ).fetchall()
        ]
        assert list(wave[table].columns) == [c for c in columns if c not in import_only], table


def test_the_wave_is_autumn_2025_marked_as_example_with_a_fixed_load_time(wave):
    row = wave["wave"].iloc[0]
    assert len(wave["wave"]) == 1
    assert row["wave_id"] == "exempel-2025-host"
    assert row["label"] == "Hösten 2025 (exempeldata)"
    assert row["survey_year"] == 2025
    assert bool(row["is_example"]) is True
    assert f"seed {SHIPPED_SEED}" in row["origin"]
    assert row["loaded_at"] == "2025-11-01 00:00:00"


def test_every_example_row_is_flagged_as_example(wave):
    assert wave["respondent"]["is_example"].eq(True).all()
    assert wave["wave"]["is_example"].eq(True).all()


def test_every_need_and_contact_belongs_to_a_respondent_of_the_wave(wave):
    respondent_ids = set(wave["respondent"]["respondent_id"])
    assert wave["respondent"]["respondent_id"].is_unique
    assert wave["need"]["need_id"].is_unique
    assert set(wave["need"]["respondent_id"]) <= respondent_ids
    assert set(wave["respondent_contact"]["respondent_id"]) == respondent_ids
    assert wave["need"]["wave_id"].eq("exempel-2025-host").all()
    assert wave["respondent"]["wave_id"].eq("exempel-2025-host").all()


# ------------------------------------------------------------------------------ who answers
def test_about_550_organisations_answer_in_27_municipalities_of_the_region(wave, municipalities):
    respondent = wave["respondent"]
    assert 500 <= len(respondent) <= 600
    places = set(respondent["kommunkod"])
    assert len(places) == 27
    assert places == set(example.PARTICIPATING_KOMMUNKODER)
    assert municipalities.loc[sorted(places), "in_region"].eq("True").all()


def test_the_participants_include_akademi_norr_inland_lappland_and_named_others():
    named = {
        "2506",
        "2505",
        "2425",
        "2422",
        "2421",
        "2417",
        "2462",
        "2481",
        "2282",
        "2283",
        "2463",
        "2313",
        "2303",  # Akademi Norr, inland
        "2523",
        "2510",
        "2584",
        "2521",  # Lapplands kommunalförbund
        "2482",
        "2321",
        "2418",  # Skellefteå, Åre, Malå
    }
    assert named <= set(example.PARTICIPATING_KOMMUNKODER)
    assert len(set(example.PARTICIPATING_KOMMUNKODER)) == 27


def test_every_participating_municipality_answers_exactly_once_as_kommun(wave, municipalities):
    kommuner = wave["respondent"][wave["respondent"]["org_kind"] == "kommun"]
    assert kommuner["kommunkod"].value_counts().eq(1).all()
    assert set(kommuner["kommunkod"]) == set(example.PARTICIPATING_KOMMUNKODER)
    storuman = kommuner.loc[kommuner["kommunkod"] == "2421", "organisation_name"].item()
    assert storuman == "Storumans kommun"
    for kommunkod, name in zip(kommuner["kommunkod"], kommuner["organisation_name"], strict=True):
        assert name.endswith(" kommun") and municipalities.loc[kommunkod, "name"] in name


def test_public_and_private_employers_both_answer(wave):
    kinds = wave["respondent"]["org_kind"].value_counts()
    assert set(kinds.index) == {"kommun", "region", "stat", "privat", "ideell"}
    assert kinds["privat"] > len(wave["respondent"]) / 2


def test_size_classes_and_sni_sections_use_the_survey_codes(wave):
    respondent = wave["respondent"]
    assert set(respondent["size_class"]) <= {"1-9", "10-49", "50-249", "250+"}
    assert respondent["sni_section"].str.fullmatch(r"[A-U]").all()


# ------------------------------------------------------------------------------ identifiers
def test_given_organisationsnummer_have_the_swedish_form_and_pass_the_luhn_check(wave):
    given = wave["respondent"]["organisationsnummer"].dropna()
    assert len(given) > 0
    for number in given:
        assert re.fullmatch(r"\d{6}-\d{4}", number), number
        assert _luhn_valid(number.replace("-", "")), number


def test_given_organisationsnummer_are_valid_for_python_stdnum(wave):
    orgnr = pytest.importorskip("stdnum.se.orgnr")
    for number in wave["respondent"]["organisationsnummer"].dropna():
        assert orgnr.is_valid(number), number


def test_organisationsnummer_follow_the_pattern_of_each_kind(wave):
    respondent = wave["respondent"].dropna(subset=["organisationsnummer"])
    by_kind = respondent.groupby("org_kind")["organisationsnummer"]
    assert by_kind.get_group("kommun").str.startswith("212000-").all()
    assert by_kind.get_group("region").str.startswith("232100-").all()
    assert by_kind.get_group("privat").str.startswith("55").all()


def test_about_a_tenth_of_respondents_leave_the_organisationsnummer_empty(wave):
    missing = wave["respondent"]["organisationsnummer"].isna()
    assert 0.05 <= missing.mean() <= 0.15
    kommuner = wave["respondent"]["org_kind"] == "kommun"
    assert not missing[kommuner].any()


def test_one_organisationsnummer_answers_at_most_once_per_municipality(wave):
    given = wave["respondent"].dropna(subset=["organisationsnummer"])
    assert not given.duplicated(["organisationsnummer", "kommunkod"]).any()


def test_contacts_are_invented_and_cannot_reach_anyone_real(wave):
    contact = wave["respondent_contact"]
    assert contact["contact_name"].str.fullmatch(r"\S+ \S+").all()
    assert contact["contact_email"].str.fullmatch(r"[a-z0-9.\-]+@[a-z0-9.\-]+\.example").all()
    phones = contact["contact_phone"].dropna()
    assert len(phones) > 0
    numbers = phones.str.removeprefix("070-").astype(int)
    assert numbers.between(1740605, 1740699).all()  # PTS's range for fiction


# ------------------------------------------------------------------------------ needs
def test_every_need_names_an_occupation_in_the_reference(wave):
    known = set(_reference("ssyk4_occupation_field.csv")["ssyk4"])
    assert set(wave["need"]["ssyk4"]) <= known


def test_each_respondent_lists_an_occupation_at_most_once(wave):
    assert not wave["need"].duplicated(["respondent_id", "ssyk4"]).any()


def test_every_respondent_lists_at_least_one_need(wave):
    assert set(wave["need"]["respondent_id"]) == set(wave["respondent"]["respondent_id"])


def test_counts_are_non_negative_integers_and_difficulty_is_one_to_five(wave):
    need = wave["need"]
    for column in HORIZONS + ["lia_places", "upskilling", "recruitment_difficulty"]:
        assert pd.api.types.is_integer_dtype(need[column]), column
    assert (need[HORIZONS + ["lia_places", "upskilling"]] >= 0).all().all()
    assert need["recruitment_difficulty"].between(1, 5).all()
    assert need[HORIZONS].sum(axis=1).gt(0).all()  # a listed occupation is recruited for


def test_most_answers_are_small_numbers(wave):
    need = wave["need"]
    assert (need[HORIZONS] <= 5).to_numpy().mean() >= 0.85
    assert need[HORIZONS].to_numpy().max() > 10  # a few big employers
    assert need["lia_places"].le(3).mean() >= 0.95
    assert need["upskilling"].le(5).mean() >= 0.95


def test_a_substantial_share_of_jobs_need_post_secondary_education(wave):
    need = wave["need"]
    assert 0.3 <= need["requires_post_secondary"].mean() <= 0.7
    technicians = need[need["ssyk4"].str.startswith("3")]
    upper_secondary = need[need["ssyk4"].isin(["5222", "8332", "5311", "9412"])]
    assert technicians["requires_post_secondary"].mean() > 0.7
    assert upper_secondary["requires_post_secondary"].mean() < 0.4


def test_care_school_and_social_work_are_needed_everywhere(wave):
    need = _need_by_place(wave)
    for ssyk4 in ["5321", "5311", "2341"]:  # undersköterskor, barnskötare, grundskollärare
        places = set(need.loc[need["ssyk4"] == ssyk4, "kommunkod"])
        assert places == set(example.PARTICIPATING_KOMMUNKODER), ssyk4


def test_needs_scale_with_population(wave):
    total = _need_by_place(wave).groupby("kommunkod")["recruits_0_5y"].sum()
    assert total["2482"] > 5 * total["2422"]  # Skellefteå >> Sorsele


def test_needs_per_1000_inhabitants_are_comparable_in_big_and_small_municipalities(
    wave, municipalities
):
    total = _need_by_place(wave).groupby("kommunkod")["recruits_0_5y"].sum()
    population = municipalities.loc[total.index, "population_20_64"]
    per_1000 = total / population * 1000
    median = per_1000.median()
    assert per_1000.between(median / 3, median * 3).all(), per_1000.sort_values()
    by_size = population.sort_values().index
    smallest, largest = per_1000[by_size[:10]].median(), per_1000[by_size[-5:]].median()
    assert 0.5 <= smallest / largest <= 2


def test_mining_needs_are_concentrated_in_gallivare_kiruna_and_skelleftea(wave, municipalities):
    need = _need_by_place(wave)
    mining = need[need["ssyk4"].isin(example.MINING_OCCUPATIONS)]
    by_place = mining.groupby("kommunkod")["recruits_0_5y"].sum()
    in_mining_towns = by_place.reindex(["2523", "2584", "2482"], fill_value=0)
    assert in_mining_towns.sum() >= 0.75 * by_place.sum()
    assert (in_mining_towns > 0).all()
    per_1000 = by_place / municipalities.loc[by_place.index, "population_20_64"] * 1000
    elsewhere = per_1000.drop(["2523", "2584", "2482"], errors="ignore")
    assert elsewhere.empty or per_1000[["2523", "2584"]].min() > elsewhere.max()


def test_tourism_needs_lean_on_are_storuman_and_arjeplog(wave, municipalities):
    need = _need_by_place(wave)
    tourism = need[need["ssyk4"].isin(["5113", "4224"])]  # guider, hotellreceptionister
    per_1000 = (
        tourism.groupby("kommunkod")["recruits_0_5y"].sum()
        / municipalities["population_20_64"]
        * 1000
    ).dropna()
    tourist_places = per_1000.reindex(["2321", "2421", "2506"], fill_value=0)
    others = per_1000.drop(["2321", "2421", "2506", "2361"], errors="ignore")
    assert tourist_places.mean() > 2 * others.mean()


@pytest.mark.parametrize("seed", [SHIPPED_SEED, 1, 7, 42])
def test_pooled_only_occupations_are_too_small_alone_but_enough_together(seed):
    need = _need_by_place(example.generate(seed))
    assert len(example.POOLED_ONLY_OCCUPATIONS) >= 3
    for ssyk4 in example.POOLED_ONLY_OCCUPATIONS:
        rows = need[need["ssyk4"] == ssyk4]
        per_place = rows.groupby("kommunkod")["recruits_0_5y"].sum()
        assert per_place.max() < 20, (ssyk4, per_place.idxmax(), per_place.max())
        assert rows["recruits_0_5y"].sum() >= 45, ssyk4
        assert rows["respondent_id"].nunique() >= 8, ssyk4
        assert rows["lia_places"].sum() >= 30, ssyk4


def test_pooled_only_occupations_are_real_yh_level_codes():
    names = _reference("ssyk_af.csv").set_index("code")["name_sv"]
    for ssyk4, name in example.POOLED_ONLY_OCCUPATIONS.items():
        assert names[ssyk4] == name


# ------------------------------------------------------------------------------ database
def test_the_example_loads_into_the_schema_without_constraint_errors(tmp_path):
    folder = tmp_path / "example"
    counts = example.write(SHIPPED_SEED, folder)
    con = duckdb.connect(str(tmp_path / "t.duckdb"))
    try:
        db.create_schema(con)
        db.load_reference(con)
        loaded = db.load_example_wave(con, folder)
        assert loaded == counts
        unknown = con.execute(
            "SELECT count(*) FROM need n LEFT JOIN occupation o USING (ssyk4) "
            "WHERE o.occupation_field IS NULL"
        ).fetchone()[0]
        assert unknown == 0
        missing_orgnr, flagged = con.execute(
            "SELECT count(*) FILTER (WHERE organisationsnummer IS NULL), bool_and(is_example) "
            "FROM respondent"
        ).fetchone()
        assert missing_orgnr > 0 and flagged is True
        assert con.execute("SELECT loaded_at::VARCHAR FROM wave").fetchone()[0] == (
            "2025-11-01 00:00:00"
        )
    finally:
        con.close()
