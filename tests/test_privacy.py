"""The providers' view: figures from fewer than N respondents are never shown, nor can they be
worked out from a shown total."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from kraftsamling import db, paths, privacy
from kraftsamling.intake import store

N = 3


def cells(counts, values=None) -> pd.DataFrame:
    values = values or [10 * (i + 1) for i in range(len(counts))]
    return pd.DataFrame({"contributors": counts, "recruits": values})


def test_a_cell_from_fewer_than_n_respondents_is_suppressed():
    out = privacy.protect(cells([5, 2, 7, 0]), ["recruits"], n=N, total_shown=False).frame
    assert list(out["suppressed"]) == [False, True, False, False]
    assert out["recruits"].isna().tolist() == [False, True, False, False]


def test_a_lone_suppressed_cell_gets_a_complementary_partner_when_the_total_is_shown():
    out = privacy.protect(cells([5, 2, 7, 4]), ["recruits"], n=N).frame
    # 2 alone could be read off the total; the smallest other cell (4) is hidden with it.
    assert list(out["suppressed"]) == [False, True, False, True]


def test_when_nothing_can_cover_a_small_cell_the_total_must_be_hidden():
    protected = privacy.protect(cells([2, 0]), ["recruits"], n=N)
    assert protected.total_hidden


@given(
    counts=st.lists(st.integers(0, 8), min_size=1, max_size=12),
    n=st.integers(2, 5),
)
@settings(max_examples=300, deadline=None)
def test_no_suppressed_value_can_be_worked_out_from_the_total(counts, n):
    frame = cells(counts)
    protected = privacy.protect(frame, ["recruits"], n=n)
    out = protected.frame
    hidden = out["suppressed"]
    # every cell from 1..n-1 respondents is hidden
    assert not ((frame["contributors"] > 0) & (frame["contributors"] < n) & ~hidden).any()
    if hidden.any() and not protected.total_hidden:
        # total − shown = the hidden cells' sum, which comes from at least n respondents and
        # from at least two cells, so no single hidden cell can be recovered
        assert frame.loc[hidden, "contributors"].sum() >= n
        assert hidden.sum() >= 2 or frame.loc[hidden, "contributors"].sum() >= n
        assert out.loc[hidden, "recruits"].isna().all()


@given(
    counts=st.lists(st.integers(0, 6), min_size=6, max_size=6),
)
@settings(max_examples=200, deadline=None)
def test_a_matrix_is_protected_along_rows_and_columns(counts):
    frame = pd.DataFrame(
        {
            "kommunkod": ["a", "a", "a", "b", "b", "b"],
            "cluster": ["x", "y", "z", "x", "y", "z"],
            "contributors": counts,
            "recruits": [c * 3 for c in counts],
        }
    )
    out = privacy.protect_matrix(frame, "kommunkod", "cluster", ["recruits"], n=N)
    for key in ("kommunkod", "cluster"):
        for _, group in out.groupby(key):
            hidden = group["suppressed"]
            if hidden.any():
                covered = group.loc[hidden, "contributors"].sum() >= N
                nothing_left = (group.loc[~hidden, "contributors"] == 0).all()
                assert covered or nothing_left


def test_the_providers_map_shows_a_small_municipality_as_less_than_three(tmp_path, monkeypatch):
    target = tmp_path / "k.duckdb"
    db.build(target)
    rows = (
        "Organisation;Kommun;Typ av organisation;Yrke;Antal inom 1 år;Antal 1-3 år;Antal 3-5 år\n"
        "Ensam AB;Sorsele;privat;5321;7;0;0\n"
        "Stor AB;Umeå;privat;5321;11;0;0\nMellan AB;Umeå;privat;5321;4;0;0\n"
        "Tredje AB;Umeå;privat;5321;2;0;0\n"
        "Fjärde AB;Lycksele;privat;5321;5;0;0\nFemte AB;Lycksele;privat;5321;6;0;0\n"
        "Sjätte AB;Lycksele;privat;5321;1;0;0\n"
    ).encode()
    store.import_files([("svar.csv", rows)], "2025-host", target=target)
    monkeypatch.setenv("KRAFTSAMLING_DB", str(target))
    app = AppTest.from_file(str(paths.REPO / "dashboard.py"), default_timeout=60)
    app.query_params.update({"omgang": "2025-host", "kommun": "2422", "matt": "recruits"})
    app.run()
    assert not app.exception
    values = {m.label: m.value for m in app.metric}
    assert values["Rekryteringsbehov"] == "<3"
    # Sorsele (7, one respondent) is hidden, and with it the next smallest municipality, so
    # the shown total (41) minus the shown municipality cannot give Sorsele's 7 away.
    table = app.dataframe[0].value.set_index("Kommun")
    assert pd.isna(table.loc["Sorsele", "Rekryteringsbehov"])
    shown = table["Rekryteringsbehov"].dropna()
    assert shown.sum() < 41 and 7 not in list(shown)
    assert pd.isna(table.loc["Lycksele", "Rekryteringsbehov"]) or pd.isna(
        table.loc["Umeå", "Rekryteringsbehov"]
    )


def test_the_providers_evidence_pack_merges_small_municipalities_into_one_row(con, example_wave_id):
    import io

    from openpyxl import load_workbook

    from kraftsamling import assessment, evidence, queries
    from tests.conftest import figure_params

    params = figure_params(example_wave_id)
    params.pop("education_areas")
    rows = queries.run(
        con, "candidate_contributions", **params, level="ssyk4", group_ssyk4=[], group_label=""
    )
    rows = rows[rows["candidate_id"] == "yrke:5350"]
    original = assessment.assess(
        "yrke:5350", "5350 Tandsköterskor", None, rows, list(rows["kommunkod"]),
        assessment.Thresholds(),
    )  # fmt: skip
    pooled, names = privacy.pooled_assessment(original, N)
    assert (pooled.recruits, pooled.verdict) == (original.recruits, original.verdict)
    ctx = evidence.EvidenceContext(
        assessment=pooled, thresholds=assessment.Thresholds(), names=names, wave_label="x",
        is_example=True, horizon_label="h", sources=["s"],
        supply=pd.DataFrame(columns=["education_area", "granted", "granted_distance", "rounds"]),
    )  # fmt: skip
    sheet = load_workbook(io.BytesIO(evidence.evidence_xlsx(ctx)))["Kommuner"]
    counts = dict(zip(rows["kommunkod"], rows["contributors"], strict=True))
    listed = [r for r in sheet.iter_rows(values_only=True) if r and r[1] in counts]
    assert listed and all(counts[r[1]] >= N for r in listed)
    assert any(r and r[0] == privacy.others_label(N) for r in sheet.iter_rows(values_only=True))


def test_what_the_cluster_page_hides_the_finder_hides_too(con, example_wave_id):
    from kraftsamling import assessment, clusterview, finder, queries
    from kraftsamling.selection import Selection
    from tests.conftest import REGION_CODES

    codes = tuple(k for k in REGION_CODES if k.startswith("22"))
    params = Selection(wave_id=example_wave_id, kommunkoder=codes).need_params()
    clusters = queries.run(con, "need_by_cluster", **params)
    occupations = queries.run(con, "need_by_occupation", **params)
    _, protected = clusterview.protect(clusters, occupations, N)
    hidden_on_cluster_page = {f"yrke:{s}" for s in protected.loc[protected["suppressed"], "ssyk4"]}
    complements = protected["suppressed"] & (protected["contributors"] >= N)
    assert hidden_on_cluster_page and complements.any()  # the case that matters is exercised
    hidden = finder.hidden_candidates("ssyk4", clusters, occupations, N)
    assert hidden_on_cluster_page <= hidden
    rows = queries.run(
        con, "candidate_contributions", **params, level="ssyk4", group_ssyk4=[], group_label=""
    )
    results = assessment.assess_all(rows, list(codes), assessment.Thresholds())
    table = finder.results_table(results, pd.DataFrame(columns=["education_area"]), N, hidden)
    by_label = table.set_index("Kandidat")
    for a in results:
        if a.candidate_id in hidden:
            assert pd.isna(by_label.loc[a.label, "Behov"])
