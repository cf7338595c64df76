"""The analysis: shared filters, clusters, profiles and the application finder keep their
promises."""

from __future__ import annotations

import re
import time

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from kraftsamling import assessment, auth, pages, paths, queries
from kraftsamling.assessment import MOTIVATED, NOT_MOTIVATED, VERDICT_ORDER, Thresholds
from kraftsamling.selection import Selection
from tests.helpers import REGION_CODES, providers_map

ENTRY = str(paths.REPO / "dashboard.py")


def selection(wave_id: str, **changes) -> Selection:
    return Selection(wave_id=wave_id, kommunkoder=tuple(REGION_CODES), **changes)


def candidates(con, params: dict, level: str = "ssyk4") -> pd.DataFrame:
    return queries.run(
        con, "candidate_contributions", **params, level=level, group_ssyk4=[], group_label=""
    )


# ------------------------------------------------------------------ pooled demand
def test_a_need_too_small_in_every_municipality_alone_is_justified_pooled(con, example_wave_id):
    params = selection(example_wave_id).need_params()
    rows = candidates(con, params)
    tandskoterskor = rows[rows["candidate_id"] == "yrke:5350"]
    thresholds = Thresholds()
    for kommunkod in tandskoterskor["kommunkod"]:
        alone = assessment.assess(
            "yrke:5350", "Tandsköterskor", None, tandskoterskor, [kommunkod], thresholds
        )
        assert alone.verdict == NOT_MOTIVATED
        assert alone.recruits < thresholds.required_need
    pooled = assessment.assess(
        "yrke:5350", "Tandsköterskor", None, tandskoterskor, REGION_CODES, thresholds
    )
    assert pooled.verdict == MOTIVATED
    assert pooled.justified_only_pooled
    assert 2 <= pooled.municipalities_needed <= pooled.municipalities


def test_the_finder_page_says_which_needs_are_only_justified_together(database):
    app = AppTest.from_file(ENTRY, default_timeout=120)
    app.run()
    app.switch_page("pages/ansokningsunderlag.py").run()
    assert not app.exception
    headings = [h.value for h in app.subheader]
    assert "För litet ensam, tillräckligt tillsammans" in headings
    finder, together = app.dataframe[0].value, app.dataframe[1].value
    assert len(together) > 0  # the example wave has needs that only pooling justifies
    verdicts = dict(zip(finder["Kandidat"], finder["Bedömning"], strict=True))
    for _, row in together.iterrows():
        assert verdicts[row["Kandidat"]] == "Motiverad"
        assert row["Kommuner som krävs (minst)"] >= 2
        assert row["Behov i gruppen"] >= row["Krav"]
    largest = together["Största kommun ensam"].str.extract(r"\((\d+)\)")[0].dropna().astype(int)
    assert (largest < together.loc[largest.index, "Krav"]).all()
    assert (largest < 36).all()  # a municipality with < 3 respondents shows no figure at all


def test_choosing_a_candidate_reruns_its_fragment_not_the_finder(database, monkeypatch):
    """Issue 15: the candidate's select box reruns the candidate's part of the page; the
    finder above it (the assessment of every candidate, its tables) is not asked again."""
    from kraftsamling import pagecache
    from kraftsamling.devtools import apptest

    assessed = []
    finder_tables = pagecache.finder_tables
    monkeypatch.setattr(
        pagecache, "finder_tables", lambda *a: assessed.append(1) or finder_tables(*a)
    )
    app = AppTest.from_file(ENTRY, default_timeout=120)
    app.run()
    app.switch_page("pages/ansokningsunderlag.py").run()
    assert not app.exception and assessed
    before = len(assessed)
    (fragment,) = apptest.fragments(app)
    box = app.selectbox(key="kandidat")
    other = next(option for option in box.options if option != box.value)
    with apptest.in_fragment(fragment):
        app.selectbox(key="kandidat").select(other).run()
    assert not app.exception
    assert len(assessed) == before  # the finder above did not run again
    assert any(other in m.value for m in app.markdown)  # the new candidate is shown


# ------------------------------------------------------------------ the rules
contribution_rows = st.lists(
    st.tuples(st.integers(0, 40), st.integers(0, 6), st.integers(0, 20)), min_size=1, max_size=8
)
threshold_values = st.tuples(
    st.integers(5, 60),
    st.sampled_from([0.0, 0.1, 0.2, 0.35]),
    st.integers(1, 12),
    st.sampled_from([0.5, 1.0, 1.5]),
    st.integers(1, 6),
)


def frame(rows) -> pd.DataFrame:
    return pd.DataFrame(
        [(f"{2400 + i}", r, e, lia) for i, (r, e, lia) in enumerate(rows)],
        columns=["kommunkod", "recruits", "employers", "lia_places"],
    )


@given(rows=contribution_rows, low=threshold_values, raise_by=threshold_values)
@settings(max_examples=200, deadline=None)
def test_raising_a_threshold_never_improves_a_verdict(rows, low, raise_by):
    data = frame(rows)
    pool = list(data["kommunkod"])
    t1 = Thresholds(*low)
    t2 = Thresholds(
        class_size=low[0] + raise_by[0] % 10,
        dropout_margin=low[1] + raise_by[1],
        min_employers=low[2] + raise_by[2] % 3,
        lia_per_student=low[3] + raise_by[3],
        min_municipalities=low[4] + raise_by[4] % 2,
    )
    before = assessment.assess("c", "c", None, data, pool, t1)
    after = assessment.assess("c", "c", None, data, pool, t2)
    assert VERDICT_ORDER[after.verdict] >= VERDICT_ORDER[before.verdict]


@pytest.mark.parametrize("level", ["ssyk4", "field", "area"])
def test_assessing_all_candidates_at_once_gives_each_candidates_own_assessment(
    con, example_wave_id, level
):
    """assess_all filters and sorts once for speed; it must say what `assess` says for each."""
    params = selection(example_wave_id).need_params()
    rows = candidates(con, params, level)
    north = [code for code in REGION_CODES if code.startswith(("24", "25"))]  # a partial pool
    for pool in (list(REGION_CODES), north):
        together = assessment.assess_all(rows, pool, Thresholds())
        assert len(together) == rows["candidate_id"].nunique()
        for a in together:
            own = rows[rows["candidate_id"] == a.candidate_id]
            path = own["education_path"].iloc[0] if len(own) else None
            alone = assessment.assess(
                a.candidate_id,
                a.label,
                a.education_area,
                own,
                pool,
                Thresholds(),
                None if pd.isna(path) else path,
            )
            assert a == alone  # every figure, criterion and the municipalities needed
            assert a.contributions.equals(alone.contributions)


@given(rows=contribution_rows, values=threshold_values)
@settings(max_examples=200, deadline=None)
def test_the_reasons_always_match_the_numbers(rows, values):
    data = frame(rows)
    a = assessment.assess("c", "c", None, data, list(data["kommunkod"]), Thresholds(*values))
    numbers = [int(n.replace("\u00a0", "")) for n in re.findall(r"\d[\d\u00a0]*", a.reasons)]
    need, employers, lia, municipalities = a.criteria
    assert numbers[:2] == [need.value, need.required] == [data["recruits"].sum(), need.required]
    assert numbers[2] == employers.value == data["employers"].sum()
    assert lia.value in numbers and municipalities.value in numbers
    assert (a.verdict == MOTIVATED) == all(c.met for c in a.criteria)
    for criterion in a.criteria:
        if not criterion.met and criterion.key != "need":
            assert f"{criterion.required}".replace(" ", "") in a.reasons.replace("\u00a0", "")


# ------------------------------------------------------------------ totals agree
FILTERS = [
    {},
    {"horizon": "0-1", "org_kinds": ("kommun",)},
    {"scheme": "area", "cluster": "Hälso- och sjukvård samt socialt arbete"},
    {"post_secondary_only": True, "sni_sections": ("Q", "P", "C")},
]


@pytest.mark.parametrize("changes", FILTERS)
def test_totals_agree_across_map_clusters_profiles_and_finder(con, example_wave_id, changes):
    chosen = selection(example_wave_id, **changes)
    params = chosen.need_params()
    map_total = queries.run(con, "region_totals", **params, education_areas=[]).iloc[0]
    map_rows = queries.run(con, "municipality_figures", **params, education_areas=[])
    clusters = queries.run(con, "need_by_cluster", **params)
    occupations = queries.run(con, "need_by_occupation", **params)
    heat = queries.run(con, "need_by_municipality_cluster", **params)
    profiles = sum(
        queries.run(con, "need_by_cluster", **chosen.need_params([k]))["recruits"].sum()
        for k in REGION_CODES
    )
    finder = candidates(con, params)["recruits"].sum()
    finder_clusters = candidates(con, params, "cluster")["recruits"].sum()
    expected = int(map_total["recruits"])
    assert expected > 0
    for total in (
        map_rows["recruits"].sum(),
        clusters["recruits"].sum(),
        occupations["recruits"].sum(),
        heat["recruits"].sum(),
        profiles,
        finder,
        finder_clusters,
    ):
        assert int(total) == expected
    assert map_rows["lia_places"].sum() == map_total["lia_places"] == clusters["lia_places"].sum()


def test_a_narrower_selection_never_has_more_need(con, example_wave_id):
    everything = queries.run(
        con, "region_totals", **selection(example_wave_id).need_params(), education_areas=[]
    ).iloc[0]["recruits"]
    for changes in FILTERS[1:]:
        narrowed = queries.run(
            con,
            "region_totals",
            **selection(example_wave_id, **changes).need_params(),
            education_areas=[],
        ).iloc[0]["recruits"]
        assert narrowed <= everything


def test_a_collaboration_group_resolves_to_its_members(con):
    rows = queries.run(
        con,
        "selection_municipalities",
        lan_koder=[],
        group_id="lapplands_kf",
        kommunkoder=[],
        year=2025,
    )
    assert list(rows["kommunkod"]) == ["2510", "2521", "2523", "2584"]
    both = queries.run(
        con,
        "selection_municipalities",
        lan_koder=["24"],
        group_id="akademi_norr",
        kommunkoder=[],
        year=2025,
    )
    assert set(both["kommunkod"]) <= set(REGION_CODES) and all(
        k.startswith("24") for k in both["kommunkod"]
    )


# ------------------------------------------------------------------ URLs
URL = {
    "omgang": "exempel-2025-host",
    "horisont": "0-1",
    "lan": "24,25",
    "typ": "kommun,region",
    "schema": "area",
    "kluster": "Hälso- och sjukvård samt socialt arbete",
    "eftergymnasial": "1",
}


def run_with_url(url: dict, page: str | None = None, admin: str | None = None) -> AppTest:
    """The app with `url`'s parameters, in the providers' view or logged in as `admin` (an
    administrator configured in the environment, see the fixture `an_admin`)."""
    app = AppTest.from_file(ENTRY, default_timeout=120)
    if admin:
        app.session_state[auth.SESSION_KEY] = {"username": admin, "since": time.time()}
    for key, value in url.items():
        app.query_params[key] = value
    app.run()
    if page:
        app.switch_page(page).run()
    assert not app.exception
    return app


def total_line(app: AppTest) -> str:
    return next(m.value for m in app.markdown if m.value.startswith("**Totalt i regionen:**"))


@pytest.fixture()
def an_admin(monkeypatch) -> str:
    monkeypatch.setenv(auth.ENV_VAR, f"anna={auth.hash_password('ett långt lösenord')}")
    return "anna"


def test_a_url_with_filters_reproduces_the_same_view_and_numbers(database, con, an_admin):
    # every filter (kinds of employer and post-secondary only are administrators' filters)
    first, second = run_with_url(URL, admin=an_admin), run_with_url(URL, admin=an_admin)
    assert total_line(first) == total_line(second)
    assert first.multiselect(key="lan").value == ["24", "25"]
    assert first.multiselect(key="typ").value == ["kommun", "region"]
    assert first.selectbox(key="kluster").value == URL["kluster"]
    assert first.checkbox(key="eftergymnasial").value is True
    codes = [k for k in REGION_CODES if k[:2] in ("24", "25")]
    chosen = Selection(
        wave_id=URL["omgang"],
        horizon="0-1",
        lan_koder=("24", "25"),
        org_kinds=("kommun", "region"),
        scheme="area",
        cluster=URL["kluster"],
        post_secondary_only=True,
        kommunkoder=tuple(codes),
    )
    expected = queries.run(con, "region_totals", **chosen.need_params(), education_areas=[])
    number = f"{int(expected.iloc[0]['recruits']):,}".replace(",", "\u00a0")
    assert total_line(first).startswith(f"**Totalt i regionen:** {number} ")
    # The same filters carry over to the other pages.
    clusters = run_with_url(URL, "pages/kluster.py", admin=an_admin)
    shown = clusters.dataframe[0].value
    assert list(shown["Kluster"]) == [URL["kluster"]]
    assert int(shown["Behov"].sum()) == int(expected.iloc[0]["recruits"])


PROVIDER_URL = {
    "omgang": "exempel-2025-host",
    "horisont": "0-3",
    "lan": "24,25",
    "kluster": "Hälso- och sjukvård",
}


def test_in_the_providers_view_a_url_reproduces_the_view_and_the_pages_agree(database, con):
    first, second = run_with_url(PROVIDER_URL), run_with_url(PROVIDER_URL)
    assert total_line(first) == total_line(second)
    codes = [k for k in REGION_CODES if k[:2] in ("24", "25")]
    chosen = Selection(
        wave_id=PROVIDER_URL["omgang"],
        horizon="0-3",
        lan_koder=("24", "25"),
        cluster=PROVIDER_URL["kluster"],
        kommunkoder=tuple(codes),
    )
    # the selection's total counts shown municipalities and whole blocks' hidden parts
    # (kraftsamling.privacy), as the map page does; the cluster page shows the same figure
    _, expected = providers_map(con, chosen)
    number = f"{int(expected.iloc[0]['recruits']):,}".replace(",", "\u00a0")
    assert total_line(first).startswith(f"**Totalt i regionen:** {number} ")
    shown = run_with_url(PROVIDER_URL, "pages/kluster.py").dataframe[0].value
    assert list(shown["Kluster"]) == [PROVIDER_URL["kluster"]]
    assert int(shown["Behov"].sum()) == int(expected.iloc[0]["recruits"])


def test_changing_a_filter_writes_it_to_the_url(database):
    app = run_with_url({})
    app.multiselect(key="lan").set_value(["23"]).run()
    app.selectbox(key="grupp").set_value("akademi_norr").run()
    assert app.query_params["lan"] in ("23", ["23"])
    assert app.query_params["grupp"] in ("akademi_norr", ["akademi_norr"])
    assert not app.exception


@pytest.mark.parametrize("page", pages.scripts())
def test_every_page_runs_with_filters_that_leave_nothing(database, page):
    app = run_with_url({"yrke": "0110", "lan": "22"}, page)
    assert not app.exception
