"""Issue 10, parts 1-3 and 7: the verdicts follow what YH trains for, the area MYH files the
programmes in and the intakes the need carries; the command line says what the page says."""

from __future__ import annotations

import io
import json
import re
from contextlib import redirect_stdout
from functools import partial

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from kraftsamling import __main__, assessment, education, paths, queries, verdicts
from kraftsamling.assessment import MOTIVATED, NEAR, NOT_MOTIVATED, Thresholds
from kraftsamling.selection import Selection
from tests.helpers import REGION_CODES

ENTRY = str(paths.REPO / "dashboard.py")
OUTSIDE_PATHS = ["hogskola", "gymnasie", "annan"]


def region(wave_id: str, **changes) -> Selection:
    return Selection(wave_id=wave_id, kommunkoder=tuple(REGION_CODES), **changes)


def rows_of(con, selection: Selection, level: str = "ssyk4", **changes) -> pd.DataFrame:
    return queries.run(
        con,
        "candidate_contributions",
        **{**selection.need_params(), **changes},
        level=level,
        group_ssyk4=[],
        group_label="",
    )


# ------------------------------------------------------------------ 1. what YH trains for
need_rows = st.lists(
    st.tuples(st.integers(0, 500), st.integers(0, 50), st.integers(0, 200)), min_size=1, max_size=8
)


@given(rows=need_rows, path=st.sampled_from(OUTSIDE_PATHS), factor=st.integers(1, 1000))
@settings(max_examples=200, deadline=None)
def test_an_occupation_yh_does_not_train_for_is_never_motiverad_whatever_its_need(
    rows, path, factor
):
    data = pd.DataFrame(
        [
            (f"{2400 + i}", r * factor, e * factor, lia * factor)
            for i, (r, e, lia) in enumerate(rows)
        ],
        columns=["kommunkod", "recruits", "employers", "lia_places"],
    )
    pool = list(data["kommunkod"])
    outside = assessment.assess("yrke:2221", "x", None, data, pool, Thresholds(), path)
    assert outside.verdict == NOT_MOTIVATED  # never Motiverad, not even Nära
    assert not outside.trains_for
    # the same numbers for an occupation YH trains for are judged on the numbers alone
    inside = assessment.assess("yrke:3411", "x", None, data, pool, Thresholds(), "yh")
    assert inside.criteria[:4] == outside.criteria[:4]
    assert (inside.verdict == MOTIVATED) == all(c.met for c in inside.criteria)


def test_the_example_waves_largest_needs_outside_yh_are_never_motiverad(con, example_wave_id):
    """5321 undersköterskor, 2221 nurses and 2341 teachers: the largest needs of the example
    wave, Motiverad before issue 10, are assessed outside YH and listed apart."""
    selection = region(example_wave_id)
    rows = rows_of(con, selection)
    results = assessment.assess_all(rows, list(REGION_CODES), Thresholds())
    by_id = {a.candidate_id: a for a in results}
    for ssyk4, path in {
        "5321": "gymnasie",
        "2221": "hogskola",
        "2341": "hogskola",
        "2343": "hogskola",
    }.items():
        a = by_id[f"yrke:{ssyk4}"]
        assert a.education_path == path
        assert a.recruits >= Thresholds().required_need or ssyk4 == "2343"  # large needs
        assert a.verdict == NOT_MOTIVATED
    yh_rows = rows_of(con, selection, yh_only=True)
    assert set(yh_rows["education_path"]) == {"yh"}
    assert not {"yrke:5321", "yrke:2221", "yrke:2341"} & set(yh_rows["candidate_id"])


def test_every_override_has_a_source_and_the_protected_and_licensed_ones_hold(con):
    overrides = education.read_hand_kept(paths.DATA / "education_path_override.csv")
    assert (overrides["source_note"].str.len() > 20).all()
    assert set(overrides["education_path"]) <= set(education.PATHS)
    paths_ = dict(con.execute("SELECT ssyk4, education_path FROM education_path").fetchall())
    assert len(paths_) == 400
    assert paths_["5321"] == paths_["5323"] == "gymnasie"
    assert {paths_[s] for s in ("2221", "2341", "2343", "2211", "2222")} == {"hogskola"}
    for row in overrides.itertuples():
        assert paths_[row.ssyk4] == row.education_path
    # 'yh' only where MYH granted programmes that lead to it
    rows = con.execute("SELECT yh_granted, basis FROM education_path WHERE education_path = 'yh'")
    for granted, basis in rows.fetchall():
        assert basis == "MYH:s beslut" and granted >= education.MIN_GRANTED


def test_the_yh_filter_narrows_clusters_of_both_schemes_and_the_map(con, example_wave_id):
    yh_need = con.execute(
        "SELECT sum(recruits_1y + recruits_1_3y + recruits_3_5y) FROM need_fact "
        "WHERE wave_id = ? AND education_path = 'yh'",
        [example_wave_id],
    ).fetchone()[0]
    for scheme in ("field", "area"):
        params = region(example_wave_id, scheme=scheme, yh_only=True).need_params()
        clusters = queries.run(con, "need_by_cluster", **params)
        assert int(clusters["recruits"].sum()) == yh_need
        everything = queries.run(con, "need_by_cluster", **{**params, "yh_only": False})
        assert int(everything["recruits"].sum()) > yh_need
    params = region(example_wave_id, yh_only=True).need_params()
    municipalities = queries.run(con, "municipality_figures", **params, education_areas=[])
    assert int(municipalities["recruits"].sum()) == yh_need


# ------------------------------------------------------------------ 2. the education area
def test_an_occupation_is_weighed_in_the_area_where_myh_files_its_programmes(con, example_wave_id):
    """The majority of the areas of the applications linked to the occupation, counted again
    here from MYH's decisions, is the occupation's area in the finder."""
    counted = con.execute(
        """
        SELECT l.ssyk4, a.education_area, count(*) AS n
        FROM myh_programme_occupation l
        JOIN myh_application a USING (round, diarienummer)
        GROUP BY ALL
        """
    ).df()
    majority = (
        counted.sort_values(["n", "education_area"], ascending=[False, True])
        .groupby("ssyk4")
        .head(1)
        .set_index("ssyk4")["education_area"]
    )
    totals = counted.groupby("ssyk4")["n"].sum()
    rows = rows_of(con, region(example_wave_id), yh_only=True)
    areas = rows.drop_duplicates("candidate_id").set_index("candidate_id")["education_area"]
    checked = 0
    for candidate_id, area in areas.items():
        ssyk4 = candidate_id.split(":")[1]
        if totals.get(ssyk4, 0) >= education.MIN_AREA:
            assert area == majority[ssyk4], ssyk4
            checked += 1
    assert checked >= 20
    assert areas["yrke:7233"] == "Teknik och tillverkning"  # not Samhällsbyggnad (issue 10)
    row = con.execute(
        "SELECT applications_in_area, applications FROM ssyk4_education_area WHERE ssyk4='7233'"
    ).fetchone()
    assert row[0] > 10 * (row[1] - row[0])  # the counts are kept so the choice can be checked


def test_the_occupations_own_supply_counts_the_programmes_linked_to_it(con):
    from kraftsamling import supply

    run = partial(queries.run, con)
    figures = supply.occupation_supply(run, run("yh_programme_matches"), list(REGION_CODES))
    row = figures.set_index("ssyk4").loc["5350"]  # Tandsköterska: one title, one occupation
    expected = con.execute(
        """
        SELECT count(*) FROM myh_application
        WHERE granted AND round >= (SELECT max(round) - 2 FROM myh_application)
          AND lower(programme_name) LIKE 'tandsköterska%'
        """
    ).fetchone()[0]
    assert int(row["national_programmes"]) == expected > 0


# ------------------------------------------------------------------ 3. intakes and lasting need
def candidate(horizons: tuple[int, int, int], class_size: int = 30) -> assessment.Assessment:
    data = pd.DataFrame(
        [
            {
                "kommunkod": "2401",
                "recruits": sum(horizons),
                "employers": 9,
                "lia_places": 99,
                "recruits_0_1": horizons[0],
                "recruits_1_3": horizons[1],
                "recruits_3_5": horizons[2],
            }
        ]
    )
    return assessment.assess("yrke:3411", "x", None, data, ["2401"], Thresholds(class_size))


@given(horizons=st.tuples(*[st.integers(0, 400)] * 3), class_size=st.integers(5, 60))
@settings(max_examples=300, deadline=None)
def test_the_intakes_follow_the_rule_in_words(horizons, class_size):
    a = candidate(horizons, class_size)
    required = Thresholds(class_size).required_need
    total = sum(horizons)
    assert 0 <= a.intakes <= assessment.MAX_INTAKES
    assert a.intakes <= total // required
    shares_met = total > 0 and all(
        h >= s * total for h, s in zip(horizons, assessment.LASTING_SHARES, strict=True)
    )
    assert a.lasting == shares_met
    cap = assessment.MAX_INTAKES if a.lasting else assessment.SHORT_INTAKES
    assert a.intakes == min(cap, total // required)
    assert a.horizon_need == horizons
    assert "antagning" in a.reasons


def test_a_need_that_lasts_carries_more_intakes_than_one_that_ends():
    lasting, ending = candidate((40, 80, 80)), candidate((120, 80, 0))
    assert lasting.lasting and not ending.lasting
    assert sum(lasting.horizon_need) == sum(ending.horizon_need)
    assert lasting.intakes == 5 and ending.intakes == 2


def test_the_need_per_horizon_adds_up_to_the_five_years_need(con, example_wave_id):
    five = assessment.assess_all(
        rows_of(con, region(example_wave_id)), list(REGION_CODES), Thresholds()
    )
    one = {
        a.candidate_id: a
        for a in assessment.assess_all(
            rows_of(con, region(example_wave_id, horizon="0-1")), list(REGION_CODES), Thresholds()
        )
    }
    for a in five:
        assert sum(a.horizon_need) == a.recruits
        assert one[a.candidate_id].horizon_need == a.horizon_need  # whatever horizon is chosen
        assert one[a.candidate_id].recruits == a.horizon_need[0]


# ------------------------------------------------------------------ 7. the command line
def command(*args: str) -> pd.DataFrame:
    out = io.StringIO()
    with redirect_stdout(out):
        assert __main__.main(["assess", *args]) == 0
    return pd.DataFrame(json.loads(out.getvalue()))


def page_tables(url: dict, admin: bool) -> list[pd.DataFrame]:
    import time

    from kraftsamling import auth

    app = AppTest.from_file(ENTRY, default_timeout=180)
    if admin:
        app.session_state[auth.SESSION_KEY] = {"username": "anna", "since": time.time()}
    for key, value in {**url, "visa": "alla"}.items():
        app.query_params[key] = value
    app.run()
    app.switch_page("pages/ansokningsunderlag.py").run()
    assert not app.exception
    return [d.value for d in app.dataframe]


def page_locations(url: dict, admin: bool, candidates: list[str]) -> dict[str, str | None]:
    """The study locations the page shows for each chosen candidate, on one line as the
    command writes them (kraftsamling.study_locations.in_words), None when it shows none."""
    import time

    from kraftsamling import auth

    app = AppTest.from_file(ENTRY, default_timeout=180)
    if admin:
        app.session_state[auth.SESSION_KEY] = {"username": "anna", "since": time.time()}
    for key, value in url.items():
        app.query_params[key] = value
    app.run()
    app.switch_page("pages/ansokningsunderlag.py").run()
    out = {}
    for candidate in candidates:
        app.selectbox(key="kandidat").set_value(candidate).run()
        assert not app.exception
        captions = [c.value for c in app.caption]
        none = (
            "Studieorter föreslås för en motiverad kandidat.",
            "Behovet per kommun visas inte för kandidaten, så platserna kan inte fördelas "
            "efter det.",
        )
        tables = [d.value for d in app.dataframe if "Studieort" in d.value.columns]
        # the chosen candidate's table comes first (the auto-pool's group has its own below)
        table = None if set(none) & set(captions) else tables[0]
        out[candidate] = (
            None
            if table is None
            else "; ".join(
                f"{r['Studieort']}: {r['Platser']} platser, LIA {r['LIA-platser']} av "
                f"{r['LIA-platser som krävs']}"
                for r in table.to_dict("records")
            )
        )
    return out


@pytest.mark.parametrize("providers", [False, True])
def test_the_page_and_the_command_give_the_same_verdicts(
    database, example_wave_id, monkeypatch, providers
):
    from kraftsamling import auth

    monkeypatch.setenv(auth.ENV_VAR, f"anna={auth.hash_password('ett långt lösenord')}")
    url = {"omgang": example_wave_id, "lan": "24,25", "klass": "20"}
    tables = page_tables(url, admin=not providers)
    shown, outside = tables[0], next(t for t in tables if "Utbildningsväg" in t.columns)
    args = ["--wave", example_wave_id, "--lan", "24,25", "--klass", "20", "--json"]
    table = command(*args, *(["--providers"] if providers else []))
    yh = table[table["Utbildningsväg"] == "yh"]
    columns = [
        "Kandidat",
        "Bedömning",
        "Skäl",
        "Behov",
        "Arbetsgivare",
        "LIA-platser",
        "Kommuner",
        "Räcker till antagningar",
    ]
    got = yh[columns].reset_index(drop=True)
    want = shown[columns].reset_index(drop=True)
    for column in columns:
        assert [None if pd.isna(v) else v for v in got[column]] == [
            None if pd.isna(v) else v for v in want[column]
        ], column
    not_yh = table[table["Utbildningsväg"].isin(OUTSIDE_PATHS)]
    assert list(not_yh["Kandidat"]) == list(outside["Yrke"])
    assert set(not_yh["Bedömning"]) == {NOT_MOTIVATED}
    assert (yh["Bedömning"] == MOTIVATED).any()
    # the study locations with places and LIA per location of every Motiverad candidate
    motivated = yh[yh["Bedömning"] == MOTIVATED]
    shown = page_locations(url, not providers, [f"yrke:{c}" for c in motivated["Kod"]])
    said = dict(zip("yrke:" + motivated["Kod"], motivated["Studieorter och platser"], strict=True))
    assert shown == {c: None if pd.isna(v) else v for c, v in said.items()}
    assert any(v is not None for v in shown.values())
    assert table.loc[table["Bedömning"] != MOTIVATED, "Studieorter och platser"].isna().all()


def test_the_command_keeps_upskilling_apart_from_recruitment(database, example_wave_id, con):
    courses = command("--wave", example_wave_id, "--kind", "kompetensutveckling", "--json")
    assert set(courses["Slag"]) == {"kompetensutveckling"}
    assert "Behov" not in courses.columns  # no recruitment figure beside a course
    staff = con.execute(
        "SELECT sum(upskilling) FROM need_fact WHERE wave_id = ?", [example_wave_id]
    ).fetchone()[0]
    assert int(courses["Att kompetensutveckla"].sum()) == staff
    recruitment = command("--wave", example_wave_id, "--json")
    assert set(recruitment["Slag"]) == {"rekrytering"}
    assert "Att kompetensutveckla" not in recruitment.columns


def test_the_command_counts_verdicts_as_the_table_says(database, example_wave_id, capsys):
    table = command("--wave", example_wave_id, "--json")
    found = verdicts.counts(table)
    assert found[MOTIVATED] == (table["Bedömning"] == MOTIVATED).sum() >= 1
    assert found[NEAR] + found[MOTIVATED] + found[NOT_MOTIVATED] == len(table)
    assert (table.loc[table["Bedömning"] == MOTIVATED, "Utbildningsväg"] == "yh").all()


def test_programme_names_are_linked_to_occupations_by_title_keyword_and_compound(con):
    titles = con.execute("SELECT title, ssyk4 FROM job_title").df()
    keywords = education.read_hand_kept(paths.DATA / "yh_programme_keyword.csv")
    matcher = education.Matcher(titles, keywords)
    assert matcher.match("Tandsköterska")[:2] == ("5350", "titel")
    assert matcher.match("Specialistundersköterska inom psykiatri")[:2] == ("5323", "titel")
    assert matcher.match("Javautvecklare")[:2] == ("2512", "nyckelord")
    assert matcher.match("Underhållstekniker inom processindustrin")[:2] == ("7233", "nyckelord")
    assert matcher.match("Specialistbarnskötare")[:2] == ("5311", "sammansättning")
    assert matcher.match("IT-Servicedeskmedarbetare") is None  # 'medarbetare' is too generic
    assert matcher.match("Framtidens ledare för en hållbar besöksnäring") is None
    # every link in the database is one of these rules, to an occupation that exists
    links = con.execute(
        "SELECT DISTINCT rule FROM myh_programme_occupation WHERE ssyk4 NOT IN "
        "(SELECT code FROM ssyk_af WHERE level = 4)"
    ).fetchall()
    assert links == []
    assert {
        r for (r,) in con.execute("SELECT DISTINCT rule FROM myh_programme_occupation").fetchall()
    } == {"titel", "nyckelord", "sammansättning"}
    assert set(keywords["ssyk4"]) <= set(titles["ssyk4"])


def test_yh_1_in_the_url_narrows_the_maps_need_to_yh_occupations(
    database, con, example_wave_id, monkeypatch
):
    import time

    from kraftsamling import auth

    monkeypatch.setenv(auth.ENV_VAR, f"anna={auth.hash_password('ett långt lösenord')}")
    totals = {}
    for url in ({}, {"yh": "1"}):
        app = AppTest.from_file(ENTRY, default_timeout=180)
        app.session_state[auth.SESSION_KEY] = {"username": "anna", "since": time.time()}
        for key, value in {"omgang": example_wave_id, **url}.items():
            app.query_params[key] = value
        app.run()
        assert not app.exception
        line = next(m.value for m in app.markdown if m.value.startswith("**Totalt i regionen:**"))
        number = re.match(r"\*\*Totalt i regionen:\*\* ([\d\u00a0]+)", line).group(1)
        totals[bool(url)] = int(number.replace("\u00a0", ""))
    yh_need = con.execute(
        "SELECT sum(recruits_1y + recruits_1_3y + recruits_3_5y) FROM need_fact "
        "WHERE wave_id = ? AND education_path = 'yh'",
        [example_wave_id],
    ).fetchone()[0]
    assert totals[True] == yh_need < totals[False]
    assert app.checkbox(key="yh").value is True


@pytest.mark.parametrize("admin", [False, True])
def test_a_selection_of_only_an_occupation_outside_yh_shows_it_apart(
    database, example_wave_id, monkeypatch, admin
):
    """yrke=2221 (nurses): no YH candidate is left, the need is listed with its path."""
    from kraftsamling import auth

    monkeypatch.setenv(auth.ENV_VAR, f"anna={auth.hash_password('ett långt lösenord')}")
    tables = page_tables({"omgang": example_wave_id, "yrke": "2221"}, admin=admin)
    assert len(tables) == 1
    outside = tables[0]
    assert list(outside["Yrke"]) == ["2221 Grundutbildade sjuksköterskor"]
    assert list(outside["Utbildningsväg"]) == ["Högskola/universitet"]
    assert "Socialstyrelsen" in outside["Varför"].iloc[0]


def test_the_cluster_page_says_which_occupations_yh_trains_for(database, example_wave_id):
    app = AppTest.from_file(ENTRY, default_timeout=180)
    app.query_params["omgang"] = example_wave_id
    app.run()
    app.switch_page("pages/kluster.py").run()
    assert not app.exception
    top = next(d.value for d in app.dataframe if "Utbildningsväg" in d.value.columns)
    paths_ = dict(zip(top["SSYK"], top["Utbildningsväg"], strict=True))
    assert paths_["5321"] == "Gymnasieskola/komvux"
    assert paths_["2221"] == "Högskola/universitet"
    assert paths_["7233"] == "Yrkeshögskola"


def test_in_the_providers_view_the_need_per_horizon_is_what_each_horizon_shows(
    database, con, example_wave_id
):
    """No new figure: a candidate's need 0-1, 1-3 and 3-5 years in the providers' view (the
    command's and the page's column, and the intakes it carries) is its need when that horizon
    is chosen there."""
    from kraftsamling import fmt, privacy
    from kraftsamling.privacy import view
    from kraftsamling.views import ansokningsunderlag

    run = partial(queries.run, con)
    n = privacy.min_respondents()

    def shown(horizon: str) -> dict:
        selection = region(example_wave_id, horizon=horizon)
        published = view.load(run, example_wave_id, horizon)
        rows = view.candidate_rows(run, published, selection, "ssyk4")
        hidden = view.hidden_candidates(run, published, selection, "ssyk4")
        return {
            a.candidate_id: a
            for a in assessment.assess_all(rows, REGION_CODES, Thresholds())
            if not ansokningsunderlag.is_protected(a, n, hidden)
        }

    by_horizon = [shown(h) for h in ("0-1", "1-3", "3-5")]
    table = command("--wave", example_wave_id, "--providers", "--json")
    table = table[table["Behov 0–1 / 1–3 / 3–5 år"].notna()]
    assert len(table) >= 10
    for row in table.to_dict("records"):
        candidate_id = f"yrke:{row['Kod']}"
        need = tuple(h[candidate_id].recruits if candidate_id in h else 0 for h in by_horizon)
        assert row["Behov 0–1 / 1–3 / 3–5 år"] == " / ".join(fmt.number(v) for v in need)
        required = Thresholds().required_need
        assert row["Räcker till antagningar"] <= sum(need) // required
