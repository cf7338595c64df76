"""The providers' view: figures from fewer than N respondents are never shown, nor can they be
worked out from a shown total."""

from __future__ import annotations

import json

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from kraftsamling import db, paths, privacy
from kraftsamling.intake import store, waves

N = 3


# Four municipalities in two blocks: 'a' and 'b' share county and groups, so do 'c' and 'd'.
BLOCKS = privacy.Blocks({"2401": "24", "2403": "24", "2404": "24+g", "2409": "24+g"})
CODES = list(BLOCKS.of)


def cells(counts, values=None, codes=CODES) -> pd.DataFrame:
    values = values or [10 * (i + 1) for i in range(len(counts))]
    return pd.DataFrame(
        {"kommunkod": codes[: len(counts)], "contributors": counts, "recruits": values}
    )


def test_a_cell_from_fewer_than_n_respondents_is_suppressed():
    out = privacy.protect_cells(cells([5, 2, 7, 4]), None, BLOCKS, N)
    assert out["suppressed"].iloc[1]
    assert not out["suppressed"].iloc[2]  # 7, in the other block, stays shown


def test_a_lone_hidden_cell_gets_a_partner_in_its_block():
    out = privacy.protect_cells(cells([5, 2, 7, 4]), None, BLOCKS, N)
    # 2 alone would be the block's count minus 5: the 5 is hidden with it
    assert list(out["suppressed"]) == [True, True, False, False]
    assert out["remainder_ok"].all()


def test_a_block_too_small_to_cover_a_hidden_cell_never_counts_it():
    out = privacy.protect_cells(cells([2, 0, 7, 4]), None, BLOCKS, N)
    assert list(out["suppressed"]) == [True, False, False, False]
    assert not out["remainder_ok"].iloc[0]
    whole = privacy.counted(out, CODES, BLOCKS)
    assert not whole.iloc[0]  # not even with every municipality selected


@given(
    counts=st.lists(st.integers(0, 8), min_size=4, max_size=4),
    chosen=st.lists(st.sampled_from(CODES), unique=True),
    n=st.integers(2, 5),
)
@settings(max_examples=300, deadline=None)
def test_a_pooled_figure_counts_shown_cells_and_whole_blocks_hidden_parts_only(counts, chosen, n):
    out = privacy.protect_cells(cells(counts), None, BLOCKS, n)
    hidden = out["suppressed"]
    # every cell from 1..n-1 respondents is hidden
    assert not ((out["contributors"] > 0) & (out["contributors"] < n) & ~hidden).any()
    counted = privacy.counted(out, chosen, BLOCKS)
    assert not (counted & ~out["kommunkod"].isin(chosen)).any()
    # each hidden cell counts, if at all, in one fixed group: its block, or else its county,
    # or else the region; a group counts whole, from at least two cells and n respondents
    group = out["block"].where(out["remainder_ok"], "län " + out["kommunkod"].str[:2])
    group = group.where(out["remainder_ok"] | out["county_ok"], "regionen")
    for name in group[counted & hidden].unique():
        members = hidden & (group == name)
        assert (counted[members]).all(), name
        assert members.sum() >= 2 and out.loc[members, "contributors"].sum() >= n, name


def test_one_employer_behind_several_hidden_cells_counts_once():
    """Within a municipality, one employer can be behind several occupations: two hidden cells
    of the same single respondent are not 'two respondents'."""
    frame = pd.DataFrame(
        {
            "kommunkod": ["2401"] * 4,
            "candidate_id": ["a", "b", "c", "d"],
            "cluster": ["x"] * 4,
            "contributors": [1, 1, 1, 5],
            "recruits": [3, 4, 5, 20],
            "respondent_ids": [["r1"], ["r1"], ["r1"], ["r2", "r3", "r4", "r5", "r6"]],
        }
    )
    out = privacy.protect_cells(frame, "candidate_id", BLOCKS, N, within=[["kommunkod"]])
    assert out["suppressed"].all()  # r1 alone behind a, b, c: d must be hidden too


SORSELE_ALONE = (
    "Organisation;Kommun;Typ av organisation;Yrke;Antal inom 1 år;Antal 1-3 år;Antal 3-5 år\n"
    "Ensam AB;Sorsele;privat;5321;7;0;0\n"
    "Stor AB;Umeå;privat;5321;11;0;0\nMellan AB;Umeå;privat;5321;4;0;0\n"
    "Tredje AB;Umeå;privat;5321;2;0;0\n"
    "Fjärde AB;Lycksele;privat;5321;5;0;0\nFemte AB;Lycksele;privat;5321;6;0;0\n"
    "Sjätte AB;Lycksele;privat;5321;1;0;0\n"
).encode()


def test_the_providers_map_shows_a_small_municipality_as_less_than_three(tmp_path, monkeypatch):
    target = tmp_path / "k.duckdb"
    db.build(target)
    rows = SORSELE_ALONE
    store.import_files([("svar.csv", rows)], "2025-host", target=target)
    waves.publish("2025-host", by="anna", target=target)  # providers see published waves only
    monkeypatch.setenv("KRAFTSAMLING_DB", str(target))
    app = AppTest.from_file(str(paths.REPO / "dashboard.py"), default_timeout=60)
    app.query_params.update(
        {"omgang": "2025-host", "kommun": "2422", "matt": "recruits", "tabell": "true"}
    )
    app.run()
    assert not app.exception
    values = {m.label: m.value for m in app.metric}
    assert values["Rekryteringsbehov"] == "<3"
    # Sorsele (7, one respondent) is hidden, and with it Lycksele, the other municipality
    # with answers in its block (Västerbotten's members of Akademi Norr), so the total minus
    # the shown municipalities is that block's hidden part, never Sorsele's 7 alone.
    assert app.dataframe[0].proto.placeholder == "<3"  # what a hidden figure reads
    table = app.dataframe[0].value.set_index("Kommun")
    assert table.loc["Sorsele", "Rekryteringsbehov"] == "<3"  # one respondent
    figures = table["Rekryteringsbehov"]
    shown = [
        int(str(v).replace("\u00a0", "").replace(" ", ""))
        for v in figures
        if str(v) not in ("<3", "dold", "–")
    ]
    assert sum(shown) < 41 and 7 not in shown
    hidden = {table.loc["Lycksele", "Rekryteringsbehov"], table.loc["Umeå", "Rekryteringsbehov"]}
    assert hidden & {"<3", "dold"}  # the other hidden one reads 'dold' or '<3'
    assert any("'dold'" in c.value for c in app.caption)  # the page's note says why


def providers_map_hover(tmp_path, monkeypatch, n: int) -> dict[str, list]:
    """The providers' map of SORSELE_ALONE with N = n: each municipality's hover data by name."""
    monkeypatch.setenv("KRAFTSAMLING_MIN_RESPONDENTS", str(n))
    target = tmp_path / "k.duckdb"
    # without the example wave: its audit with N = 4 (every set of up to 3 respondents) was
    # 494 of the suite's 1 347 s, and the map shown is the imported wave's
    db.build(target, with_example=False)
    store.import_files([("svar.csv", SORSELE_ALONE)], "2025-host", target=target)
    waves.publish("2025-host", by="anna", target=target)
    monkeypatch.setenv("KRAFTSAMLING_DB", str(target))
    app = AppTest.from_file(str(paths.REPO / "dashboard.py"), default_timeout=60)
    app.query_params.update({"omgang": "2025-host", "matt": "recruits"})
    app.run()
    assert not app.exception
    spec = json.loads(app.get("plotly_chart")[0].proto.spec)
    trace = next(d for d in spec["data"] if d.get("customdata") and "locations" in d)
    assert "Svarande i kommunen" in trace["hovertemplate"]
    return {row[0]: row for row in trace["customdata"]}


def test_the_providers_map_says_why_a_figure_is_hidden_and_how_many_answered_as_a_class(
    tmp_path, monkeypatch
):
    hover = providers_map_hover(tmp_path, monkeypatch, 3)
    assert hover["Sorsele"][2] == "<3 (färre än 3 svarande)"  # one respondent
    assert hover["Sorsele"][4] == "<3"
    assert hover["Umeå"][4] == "3–9"  # three respondents: the class, never the count
    assert hover["Lycksele"][4] == "3–9"
    assert hover["Lycksele"][2].startswith("dold") or hover["Umeå"][2].startswith("dold")
    assert hover["Kiruna"][4] == "deltog inte"
    every = " ".join(str(v) for row in hover.values() for v in row[2:])
    assert "Svarande i kommunen: 3" not in every


def test_the_threshold_n_comes_from_configuration_on_the_map(tmp_path, monkeypatch):
    hover = providers_map_hover(tmp_path, monkeypatch, 4)
    assert hover["Umeå"][2] == "<4 (färre än 4 svarande)"  # three respondents, N = 4
    assert hover["Umeå"][4] == "<4"
    assert not any("<3" in str(v) for row in hover.values() for v in row)


def test_the_providers_evidence_pack_shows_only_what_the_providers_view_shows(con, example_wave_id):
    from functools import partial

    from kraftsamling import assessment, evidence, queries
    from kraftsamling.privacy import view
    from kraftsamling.selection import Selection
    from tests.helpers import REGION_CODES

    chosen = Selection(wave_id=example_wave_id, kommunkoder=tuple(REGION_CODES))
    run = partial(queries.run, con)
    published = view.load(run, example_wave_id, chosen.horizon)
    rows = view.candidate_rows(run, published, chosen, "ssyk4")
    rows = rows[rows["education_path"] == "yh"]  # a candidate YH trains for
    both = rows.groupby("candidate_id")["group"].agg(["any", "all"])
    candidate = both[both["any"] & ~both["all"]].index[0]  # shown cells and hidden groups
    rows = rows[rows["candidate_id"] == candidate]
    original = assessment.assess(
        candidate,
        candidate,
        None,
        rows,
        REGION_CODES,
        assessment.Thresholds(),
        education_path="yh",
    )
    pack = evidence.build(run, chosen, candidate, assessment.Thresholds(), providers=True, n=N)
    assert pack.verdict == original.verdict
    summary = pack.tables["Sammanfattning"].set_index("Uppgift")["Värde"]
    assert summary["Rekryteringsbehov"] == original.recruits
    table = pack.tables["Kommuner"].set_index("Kommunkod")
    shown = rows.loc[~rows["group"], ["kommunkod", "recruits"]]
    for kod, recruits in shown.itertuples(index=False):
        assert table.loc[kod, "Behov över horisonten"] == recruits
    hidden = published.occupations
    hidden = hidden[(hidden["candidate_id"] == candidate) & hidden["suppressed"]]
    for kod in hidden["kommunkod"]:  # a hidden municipality never shows a figure by itself
        assert kod not in table.index or table.loc[kod, "Behov över horisonten"] in (
            privacy.label(N),
            privacy.HIDDEN_WORD,
        )


def test_what_the_cluster_page_hides_the_finder_hides_too(con, example_wave_id):
    from functools import partial

    from kraftsamling import assessment, queries
    from kraftsamling.privacy import view
    from kraftsamling.selection import Selection
    from kraftsamling.views import ansokningsunderlag

    run = partial(queries.run, con)
    published = view.load(run, example_wave_id, "0-5")
    cells = published.occupations
    codes = (cells.loc[cells["suppressed"], "kommunkod"].iloc[0],)  # one with hidden cells
    chosen = Selection(wave_id=example_wave_id, kommunkoder=codes)
    clusters, occupations = view.cluster_figures(run, published, chosen)
    hidden_on_cluster_page = {
        f"yrke:{s}" for s in occupations.loc[occupations["suppressed"], "ssyk4"]
    }
    assert hidden_on_cluster_page  # the case that matters is exercised
    hidden = view.hidden_candidates(run, published, chosen, "ssyk4")
    assert hidden_on_cluster_page == hidden
    rows = view.candidate_rows(run, published, chosen, "ssyk4")
    results = assessment.assess_all(rows, list(codes), assessment.Thresholds())
    table = ansokningsunderlag.results_table(
        results, pd.DataFrame(columns=["education_area"]), N, hidden
    )
    for a, (_, row) in zip(results, table.iterrows(), strict=True):
        if a.candidate_id in hidden:  # listed, if at all, without a number
            assert pd.isna(row["Behov"])


# ---------------------------------------------------------------- differencing across views
# The attack: a provider changes ONE narrowing filter in the URL and subtracts the same shown
# cell in the two views. The figures are read as the pages read them: the same named queries
# with Selection.need_params(), and the same protect functions (pages/karta.py, kluster.py,
# ansokningsunderlag.py). What the difference gives away is checked against the survey rows.


def provider_figures(con, selection, n: int = N, finder_cells: bool = True) -> dict:
    """Every recruits / LIA figure the providers' view shows for one selection, by cell, built
    as the pages build them (kraftsamling.privacy.view, which kraftsamling.ui caches)."""
    from functools import partial

    from kraftsamling import assessment, queries
    from kraftsamling.privacy import view
    from kraftsamling.views import ansokningsunderlag

    run = partial(queries.run, con)
    published = view.load(run, selection.wave_id, selection.horizon)
    shown: dict[tuple, tuple] = {}
    figures, totals = view.map_figures(run, published, selection, [])
    for row in figures.itertuples():
        shown[("kommun", row.kommunkod)] = (row.recruits, row.lia_places)
    shown[("urval",)] = (totals["recruits"].iloc[0], totals["lia_places"].iloc[0])
    clusters, occupations = view.cluster_figures(run, published, selection)
    for row in clusters.itertuples():
        shown[("kluster", row.cluster)] = (row.recruits, row.lia_places)
    for row in occupations.itertuples():
        shown[("yrke", row.ssyk4)] = (row.recruits, row.lia_places)
    for row in view.cluster_matrix(run, published, selection).itertuples():
        shown[("matris", row.kommunkod, row.cluster)] = (row.recruits, pd.NA)
    if finder_cells:  # ansokningsunderlag.py: the candidates and one candidate's pool
        hidden = view.hidden_candidates(run, published, selection, "ssyk4")
        rows = view.candidate_rows(run, published, selection, "ssyk4")
        pool = list(selection.kommunkoder)
        for a in assessment.assess_all(rows, pool, assessment.Thresholds()):
            if ansokningsunderlag.contributors(a) < n or a.candidate_id in hidden:
                continue
            shown[("yrke", a.candidate_id.removeprefix("yrke:"))] = (a.recruits, a.lia_places)
            table = view.contributions(run, published, selection, "ssyk4", a.candidate_id)
            for row in table.itertuples():
                key = ("kandidat", a.candidate_id.removeprefix("yrke:"), row.kommunkod)
                shown[key] = (row.recruits, row.lia_places)
    return shown


def survey_rows(con, selection) -> pd.DataFrame:
    """The survey rows behind a view (need_id, respondent, cell keys, values): the truth the
    attack's differences are checked against."""
    from kraftsamling import db

    cursor = db.cursor(con)
    try:
        return cursor.execute(
            "SELECT need_id, respondent_id, kommunkod, cluster, ssyk4, recruits, lia_places "
            "FROM filtered_need($wave_id, $horizons, $kommunkoder, $org_kinds, $sni_sections, "
            "$scheme, $cluster, $ssyk4, $post_secondary_only, $yh_only)",
            selection.need_params(),
        ).df()
    finally:
        cursor.close()


CELL_COLUMNS = {
    "kommun": ["kommunkod"],
    "kluster": ["cluster"],
    "yrke": ["ssyk4"],
    "matris": ["kommunkod", "cluster"],
    "kandidat": ["ssyk4", "kommunkod"],
}


def respondents_by_cell(rows: pd.DataFrame) -> dict[tuple, int]:
    """Distinct respondents behind `rows`, per cell of every kind the attack compares."""
    counts = {("urval",): rows["respondent_id"].nunique()}
    for kind, columns in CELL_COLUMNS.items():
        grouped = rows.groupby(columns, dropna=False)["respondent_id"].nunique()
        for key, value in grouped.items():
            counts[(kind, *(key if isinstance(key, tuple) else (key,)))] = value
    return counts


def one_filter_pairs(base, clusters=(), occupations=()):
    """Pairs (narrow, wide) of selections a provider can compare that differ in one filter:
    each cluster and occupation against none. (Kinds of employer, industries and
    post-secondary only are not in the providers' view.)"""
    from dataclasses import replace

    for name, values in (("cluster", clusters), ("ssyk4", occupations)):
        for value in values:
            yield replace(base, **{name: value}), replace(base, **{name: None})


def municipality_pairs(base, codes):
    """Pairs (narrow, wide): the selection without one municipality, and with it."""
    from dataclasses import replace

    for kommunkod in codes:
        if kommunkod in base.kommunkoder:
            rest = tuple(k for k in base.kommunkoder if k != kommunkod)
            yield replace(base, kommunkoder=rest), base


def describe(selection) -> str:
    """The filters of a selection, as in its URL."""
    fields = ("cluster", "ssyk4")
    chosen = {f: getattr(selection, f) for f in fields if getattr(selection, f)}
    return f"{chosen or '{alla}'} in {len(selection.kommunkoder)} kommuner"


def hidden_parts(con, selection, n: int = N) -> dict[tuple, set[str]]:
    """Per pooled figure (the selection's total, a cluster, an occupation), the municipalities
    whose *hidden* cell it counts (in a counted group of hidden cells). What a provider cannot
    subtract from a pooled figure is exactly these cells."""
    from functools import partial

    from kraftsamling import queries
    from kraftsamling.privacy import view

    run = partial(queries.run, con)
    published = view.load(run, selection.wave_id, selection.horizon)
    chosen = selection.kommunkoder
    parts: dict[tuple, set[str]] = {}
    clusters, occupations = published.picked(selection.cluster, selection.ssyk4)
    total = (
        ("yrke", occupations)
        if selection.ssyk4
        else (("kluster", clusters) if selection.cluster else ("kommun", published.municipalities))
    )
    grains = [
        ("urval", *total),
        ("kluster", "kluster", published.clusters),
        ("yrke", "yrke", published.occupations),
    ]
    for kind, grain, cells in grains:
        groups = view.counted_groups(
            published, published.groups[published.groups["grain"] == grain], chosen
        )
        members = cells[cells["group_id"].isin(set(groups["group_id"]))]
        for row in members.itertuples():
            key = (kind,) if kind == "urval" else (kind, row.candidate_id.split(":", 1)[1])
            parts.setdefault(key, set()).add(row.kommunkod)
    return parts


POOLED = {"urval": [], "kluster": ["cluster"], "yrke": ["ssyk4"]}


def residual_respondents(key, rows_a, parts_a, rows_b, parts_b) -> int:
    """Respondents behind what two views' pooled figure differs by once every shown cell is
    subtracted: the survey rows of the hidden cells counted in one view and not the other."""

    def hidden_rows(rows, parts):
        chosen = rows[rows["kommunkod"].isin(parts.get(key, set()))]
        for column, value in zip(POOLED[key[0]], key[1:], strict=True):
            chosen = chosen[chosen[column] == value]
        return chosen

    a, b = hidden_rows(rows_a, parts_a), hidden_rows(rows_b, parts_b)
    only = pd.concat([a[~a["need_id"].isin(b["need_id"])], b[~b["need_id"].isin(a["need_id"])]])
    return only["respondent_id"].nunique()


def differencing_leaks(con, pairs, n: int = N, finder_cells: bool = True) -> list[str]:
    """Shown cells whose difference across a pair of views is the non-zero need of 1..n-1
    respondents. For a municipality's cell, what the wider view adds to it; for a pooled
    figure, the hidden cells counted in one view and not the other (shown cells are known)."""
    cache: dict = {}

    def view(selection):
        if selection not in cache:
            cache[selection] = (
                provider_figures(con, selection, n, finder_cells),
                survey_rows(con, selection),
                hidden_parts(con, selection, n),
            )
        return cache[selection]

    leaks = []
    for narrow, wide in pairs:
        (narrow_shown, narrow_rows, narrow_parts) = view(narrow)
        (wide_shown, wide_rows, wide_parts) = view(wide)
        groups = None
        for key, (recruits, lia) in narrow_shown.items():
            wide_recruits, wide_lia = wide_shown.get(key, (pd.NA, pd.NA))
            if pd.isna(recruits) or pd.isna(wide_recruits):
                continue  # not shown in both views
            differs = wide_recruits != recruits or (
                not pd.isna(lia) and not pd.isna(wide_lia) and wide_lia != lia
            )
            if not differs:
                continue
            if key[0] in POOLED:
                group = residual_respondents(key, narrow_rows, narrow_parts, wide_rows, wide_parts)
            else:
                if groups is None:  # who the wider view adds, per cell
                    added = wide_rows[~wide_rows["need_id"].isin(narrow_rows["need_id"])]
                    groups = respondents_by_cell(added)
                group = groups.get(key, 0)
            if 0 < group < n:
                leaks.append(
                    f"{key}: {wide_recruits} − {recruits} recruits ({wide_lia} − {lia} LIA) "
                    f"= {group} respondent(s); {describe(narrow)} vs {describe(wide)}"
                )
    return leaks


SMALL_WAVE_HEADER = (
    "Organisation;Typ av organisation;Bransch (SNI 2007);Kommun;Yrke;Antal inom 1 år;"
    "Antal 1-3 år;Antal 3-5 år;LIA-platser;Kräver eftergymnasial yrkesutbildning\n"
)
SMALL_WAVE = [
    # Sorsele: three municipal respondents and one private employer (the example)
    "Sorsele kommun vård;kommun;Q;Sorsele;5321;6;2;1;2;ja",
    "Sorsele kommun skola;kommun;P;Sorsele;2341;4;1;0;1;nej",
    "Sorsele kommun teknik;kommun;O;Sorsele;7111;2;0;0;0;nej",
    "Ensam Bygg AB;privat;F;Sorsele;7111;3;0;0;1;ja",
    # Storuman: four municipal respondents, three private ones, one of them in two clusters
    "Storumans kommun vård;kommun;Q;Storuman;5321;5;3;0;2;ja",
    "Storumans kommun omsorg;kommun;Q;Storuman;5321;4;0;2;1;ja",
    "Storumans kommun skola;kommun;P;Storuman;2341;3;1;0;0;nej",
    "Storumans kommun kök;kommun;I;Storuman;5120;2;0;0;0;nej",
    "Fjällbygg AB;privat;F;Storuman;7111;2;2;0;1;ja",
    "Fjällbygg AB;privat;F;Storuman;5321;1;0;0;0;ja",
    "Storuman Vård AB;privat;Q;Storuman;5321;3;0;0;1;ja",
    "Hotell Storuman AB;privat;I;Storuman;5120;4;0;0;0;nej",
    # Lycksele: three regional respondents, three non-profits, one state agency
    "Region Lycksele lasarett;region;Q;Lycksele;5321;7;2;1;3;ja",
    "Region Lycksele vårdcentral;region;Q;Lycksele;2221;3;1;0;2;ja",
    "Region Lycksele tandvård;region;Q;Lycksele;5325;2;0;0;1;ja",
    "Föreningen A;ideell;S;Lycksele;5321;1;0;0;0;nej",
    "Föreningen B;ideell;S;Lycksele;2341;2;0;0;0;nej",
    "Föreningen C;ideell;S;Lycksele;5120;1;1;0;0;nej",
    "Trafikverket Lycksele;stat;H;Lycksele;7111;2;0;0;0;ja",
]


def small_wave(tmp_path):
    """A hand-made wave in a fresh database (three municipalities), open read-only."""
    return small_wave_of(tmp_path, SMALL_WAVE)


def small_wave_of(tmp_path, rows: list[str]):
    target = tmp_path / "k.duckdb"
    db.build(target)
    content = (SMALL_WAVE_HEADER + "".join(r + "\n" for r in rows)).encode()
    report = store.import_files([("svar.csv", content)], "2025-liten", target=target)
    assert report.files[0].rows_rejected == 0
    return db.connect_readonly(target), "2025-liten"


def small_selection(con, wave_id):
    from kraftsamling.selection import Selection

    codes = tuple(
        code
        for (code,) in con.execute(
            "SELECT kommunkod FROM kraftsamling.municipality WHERE in_region ORDER BY 1"
        ).fetchall()
    )
    return Selection(wave_id=wave_id, kommunkoder=codes)


def test_a_provider_cannot_filter_by_kind_of_employer(tmp_path, monkeypatch):
    """The issue's example: Sorsele with all kinds (4 respondents) and with only 'kommun' (3)
    would differ by the one private employer. The providers' view has no such filter: a
    kind in the URL changes nothing there."""
    target = tmp_path / "k.duckdb"
    db.build(target)
    content = (SMALL_WAVE_HEADER + "".join(r + "\n" for r in SMALL_WAVE)).encode()
    store.import_files([("svar.csv", content)], "2025-liten", target=target)
    waves.publish("2025-liten", by="anna", target=target)  # providers see published waves only
    monkeypatch.setenv("KRAFTSAMLING_DB", str(target))

    def sorsele(url: dict) -> str:
        app = AppTest.from_file(str(paths.REPO / "dashboard.py"), default_timeout=60)
        app.query_params.update({"omgang": "2025-liten", "kommun": "2422", **url})
        app.run()
        assert not app.exception
        assert not [w for w in app.multiselect if w.key == "typ"]  # no such widget
        return {m.label: m.value for m in app.metric}["Rekryteringsbehov"]

    assert sorsele({}) == sorsele({"typ": "kommun"})


def test_the_selection_with_and_without_a_hidden_municipality_does_not_give_it_away(tmp_path):
    """The attack on pooling: the selection's total with and without one municipality. Sorsele
    (one respondent, 7) is hidden on the map; its need counts only with its whole block."""
    from dataclasses import replace

    con, wave_id = small_wave_of(
        tmp_path,
        [
            "Ensam AB;privat;F;Sorsele;5321;7;0;0;1;ja",
            "Stor AB;privat;Q;Umeå;5321;11;0;0;1;ja",
            "Mellan AB;privat;Q;Umeå;5321;4;0;0;1;ja",
            "Tredje AB;privat;Q;Umeå;5321;2;0;0;1;ja",
            "Fjärde AB;privat;Q;Lycksele;5321;5;0;0;1;ja",
            "Femte AB;privat;Q;Lycksele;5321;6;0;0;1;ja",
            "Sjätte AB;privat;Q;Lycksele;5321;1;0;0;1;ja",
        ],
    )
    base = small_selection(con, wave_id)
    county = replace(base, kommunkoder=tuple(k for k in base.kommunkoder if k[:2] == "24"))
    own = replace(base, kommunkoder=("2480", "2481", "2422"))
    for wide in (base, county, own):
        narrow = replace(wide, kommunkoder=tuple(k for k in wide.kommunkoder if k != "2422"))
        with_sorsele = provider_figures(con, wide)[("urval",)][0]
        without = provider_figures(con, narrow)[("urval",)][0]
        assert with_sorsele - without != 7, describe(wide)
    assert not differencing_leaks(con, municipality_pairs(base, base.kommunkoder))


def test_no_pair_of_views_a_provider_can_choose_gives_a_small_group_away(tmp_path):
    con, wave_id = small_wave(tmp_path)
    base = small_selection(con, wave_id)
    clusters = [
        c
        for (c,) in con.execute(
            "SELECT DISTINCT occupation_field FROM kraftsamling.need_fact WHERE wave_id = ?",
            [wave_id],
        ).fetchall()
    ]
    occupations = [
        s
        for (s,) in con.execute(
            "SELECT DISTINCT ssyk4 FROM kraftsamling.need_fact WHERE wave_id = ?", [wave_id]
        ).fetchall()
    ]
    answered = ["2421", "2422", "2481"]  # Storuman, Sorsele, Lycksele
    county = replace_codes(base, [k for k in base.kommunkoder if k[:2] == "24"])
    pairs = [
        *one_filter_pairs(base, clusters, occupations),
        *municipality_pairs(base, answered),
        *municipality_pairs(county, answered),
        *municipality_pairs(replace_codes(base, answered), answered),
    ]
    leaks = differencing_leaks(con, pairs)
    assert not leaks, "\n".join(leaks[:20])


def test_no_pair_of_views_gives_a_small_group_away_in_the_example_wave(con, example_wave_id):
    from kraftsamling.selection import Selection
    from tests.helpers import REGION_CODES

    base = Selection(wave_id=example_wave_id, kommunkoder=tuple(REGION_CODES))
    clusters = [
        c
        for (c,) in con.execute(
            "SELECT occupation_field FROM kraftsamling.need_fact GROUP BY 1 "
            "ORDER BY count(DISTINCT respondent_id) LIMIT 6"
        ).fetchall()
    ]
    occupations = [
        s
        for (s,) in con.execute(
            "SELECT ssyk4 FROM kraftsamling.need_fact GROUP BY 1 "
            "ORDER BY count(DISTINCT respondent_id) DESC LIMIT 6"
        ).fetchall()
    ]
    norrbotten = replace_codes(base, [k for k in REGION_CODES if k.startswith("25")])
    pairs = [
        *one_filter_pairs(base, clusters, occupations),
        *municipality_pairs(base, REGION_CODES[::3]),
        *municipality_pairs(norrbotten, norrbotten.kommunkoder),
    ]
    leaks = differencing_leaks(con, pairs, finder_cells=False)
    assert not leaks, "\n".join(leaks[:20])


def replace_codes(selection, codes):
    from dataclasses import replace

    return replace(selection, kommunkoder=tuple(codes))


def test_hidden_cells_leave_whole_numbers_whole():
    """Counts stay counts when a cell is hidden: tables show '1 441', never '1 441,0'."""
    marked = privacy.protect_cells(cells([5, 2, 7, 4]), None, BLOCKS, N)
    out = privacy.hide(marked, ["recruits"], marked["suppressed"])
    assert pd.api.types.is_integer_dtype(out["recruits"].dtype)
    assert out["recruits"].isna().sum() == 2


# ---------------------------------------------------------------- the audit
# The strongest attacker: one who, by comparing enough views, learns every part a pooled
# figure is made of (each shown cell, each counted group of hidden cells), and solves the
# linear system they form. Written here from the published cells alone, independently of
# kraftsamling.privacy.publish's own audit.


def solvable_hidden_cells(published, n: int = N) -> list[str]:
    """Hidden cells from 1..n-1 respondents (or dominated) whose value is a linear
    combination of the parts the stored publication holds: shown cells and groups."""
    import numpy as np

    occupations = published.occupations
    unknowns = {
        p: i
        for i, p in enumerate(
            zip(occupations["kommunkod"], occupations["candidate_id"], strict=True)
        )
    }

    def vector(grain: str, rows: pd.DataFrame) -> np.ndarray:
        out = np.zeros(len(unknowns))
        for row in rows.itertuples():
            chosen = occupations["kommunkod"] == row.kommunkod
            if grain == "kluster":
                chosen &= occupations["cluster"] == row.cluster
            elif grain == "yrke":
                chosen &= occupations["candidate_id"] == row.candidate_id
            for pair in zip(
                occupations.loc[chosen, "kommunkod"],
                occupations.loc[chosen, "candidate_id"],
                strict=True,
            ):
                out[unknowns[pair]] = 1
        return out

    parts, targets = [], []
    grains = [
        ("kommun", published.municipalities),
        ("kluster", published.clusters),
        ("yrke", published.occupations),
    ]
    for grain, cells in grains:
        for _, row in cells[~cells["suppressed"]].iterrows():
            parts.append(vector(grain, row.to_frame().T))
        primary = cells[cells["hidden"].isin(["few", "dominance"])]
        for _, row in primary.iterrows():
            targets.append(
                (
                    f"{grain} {row['kommunkod']} {row['candidate_id']}",
                    vector(grain, row.to_frame().T),
                )
            )
        for _, group in cells[cells["group_id"].notna()].groupby("group_id"):
            parts.append(vector(grain, group))
    matrix = np.array(parts)
    _, singular, rows = np.linalg.svd(matrix, full_matrices=False)
    basis = rows[singular > 1e-9 * singular.max()]
    return [name for name, v in targets if np.abs(v - basis.T @ (basis @ v)).max() < 1e-6]


def test_no_hidden_figure_can_be_solved_from_everything_the_publication_holds(con, example_wave_id):
    from functools import partial

    from kraftsamling import queries
    from kraftsamling.privacy import view

    published = view.load(partial(queries.run, con), example_wave_id, "0-5")
    assert (published.occupations["hidden"] == "few").sum() > 500  # the case is exercised
    assert published.audit["audit_derivable"] == 0
    assert solvable_hidden_cells(published) == []


def test_what_is_hidden_does_not_depend_on_the_horizon(con, example_wave_id):
    """Decided once per wave and stored for every horizon: the same cells hidden, in the same
    groups; only the figures differ."""
    from functools import partial

    from kraftsamling import queries
    from kraftsamling.privacy import view
    from kraftsamling.selection import Selection
    from tests.helpers import REGION_CODES

    run = partial(queries.run, con)
    columns = ["kommunkod", "candidate_id", "hidden", "group_id"]
    base = view.load(run, example_wave_id, "0-5")
    for horizon in ("0-1", "1-3", "3-5", "0-3"):
        other = view.load(run, example_wave_id, horizon)
        for a, b in zip(
            (base.municipalities, base.clusters, base.occupations),
            (other.municipalities, other.clusters, other.occupations),
            strict=True,
        ):
            pd.testing.assert_frame_equal(a[columns], b[columns])
    chosen = Selection(wave_id=example_wave_id, kommunkoder=tuple(REGION_CODES), horizon="1-3")
    one_to_three = run("region_totals", **chosen.need_params(), education_areas=[])
    _, totals = view.map_figures(run, view.load(run, example_wave_id, "1-3"), chosen, [])
    assert totals["recruits"].iloc[0] == one_to_three["recruits"].iloc[0]


def test_the_providers_view_reads_only_the_publication(tmp_path, database, example_wave_id):
    """Every figure of the providers' view, built with the answer tables gone."""
    import shutil
    from functools import partial

    import duckdb

    from kraftsamling import assessment, queries
    from kraftsamling.privacy import view
    from kraftsamling.selection import Selection
    from tests.helpers import REGION_CODES

    copy = tmp_path / "utan-svar.duckdb"
    shutil.copyfile(database, copy)
    with duckdb.connect(str(copy)) as writer:
        for statement in (
            "DROP VIEW need_horizon",
            "DROP TABLE need",
            "DROP TABLE need_fact",
            "DROP TABLE respondent_contact",
            "DROP TABLE respondent",
            "DROP TABLE quarantine",
            "DROP TABLE import_file",
        ):
            writer.execute(statement)
    con = db.connect_readonly(copy)
    run = partial(queries.run, con)
    assert (
        not run("published_waves").empty
        and not run("filter_options", wave_id=example_wave_id).empty
    )
    for horizon in ("0-5", "0-1"):
        published = view.load(run, example_wave_id, horizon)
        assert published.exists
        for chosen in (
            Selection(wave_id=example_wave_id, horizon=horizon, kommunkoder=tuple(REGION_CODES)),
            Selection(
                wave_id=example_wave_id,
                horizon=horizon,
                cluster="Bygg och anläggning",
                kommunkoder=tuple(REGION_CODES[:10]),
            ),
        ):
            figures, totals = view.map_figures(run, published, chosen, [])
            assert len(figures) == 44 and totals["recruits"].iloc[0] > 0
            view.cluster_figures(run, published, chosen)
            view.cluster_matrix(run, published, chosen)
            view.profile_matrix(run, published, chosen)
            view.municipality_clusters(run, published, chosen, "2480")
            for level in ("ssyk4", "cluster"):
                rows = view.candidate_rows(run, published, chosen, level)
                view.region_candidate_rows(run, published, chosen, level)
                results = assessment.assess_all(
                    rows, list(chosen.kommunkoder), assessment.Thresholds()
                )
                if results:
                    view.contributions(run, published, chosen, level, results[0].candidate_id)
                    view.pack_assessment(run, published, chosen, level, results[0])
    con.close()


def test_one_respondent_above_85_percent_hides_a_cell_as_dold(tmp_path, monkeypatch):
    """The dominance rule (1, 85): Umeå's 5321 comes from three respondents, one of whom says
    20 of 22. It reads 'dold' (not '<3'); with the rule off (k = 0) it is shown."""
    from functools import partial

    from kraftsamling import queries
    from kraftsamling.privacy import view

    rows = [
        "Stor AB;privat;Q;Umeå;5321;20;0;0;1;ja",
        "Liten AB;privat;Q;Umeå;5321;1;0;0;0;ja",
        "Mini AB;privat;Q;Umeå;5321;1;0;0;0;ja",
    ]

    def cell(setting: str):
        monkeypatch.setenv("KRAFTSAMLING_DOMINANCE", setting)
        con, wave_id = small_wave_of(tmp_path / setting.replace(",", "-"), rows)
        published = view.load(partial(queries.run, con), wave_id, "0-5")
        own = published.occupations.set_index(["kommunkod", "candidate_id"])
        return own.loc[("2480", "yrke:5321")], published.audit

    dominated, audit = cell("1,85")
    assert dominated["hidden"] == "dominance" and pd.isna(dominated["recruits"])
    assert view.reason_labels(dominated.to_frame().T, N) == ["dold"]
    assert (audit["dominance_respondents"], audit["dominance_share"]) == (1, 85.0)
    shown, _ = cell("0,85")
    assert pd.isna(shown["hidden"]) and shown["recruits"] == 22


def test_a_treemap_with_hidden_occupations_shows_them_as_one_remainder():
    from kraftsamling import charts

    clusters = pd.DataFrame({"cluster": ["Pedagogik", "Bygg"], "recruits": [449, 40]})
    occupations = pd.DataFrame(
        {
            "ssyk4": ["2341", "2342", "7111"],
            "occupation_name": ["a", "b", "c"],
            "cluster": ["Pedagogik", "Pedagogik", "Bygg"],
            "recruits": [100, pd.NA, 40],
        }
    )
    trace = charts.occupation_treemap(occupations, clusters).data[0]
    by_id = dict(zip(trace.ids, trace.values, strict=True))
    assert by_id["d:Pedagogik"] == 349 and "d:Bygg" not in by_id  # 449 - 100 shown
    assert "dolda yrken" in trace.labels
    assert by_id["k:Pedagogik"] == sum(
        v for i, v in by_id.items() if i in ("o:2341", "d:Pedagogik")
    )
