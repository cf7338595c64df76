"""Yrkeskluster: need by cluster, cluster → occupation, municipality × cluster, top occupations,
and the existing YH supply beside each cluster."""

import streamlit as st

from kraftsamling import clusterview, figures, privacy, ui
from kraftsamling.selection import SCHEMES

filters = ui.page_filters()
selection = filters["selection"]
wave = filters["wave"]
params = filters["params"]

st.title("Yrkeskluster")
ui.selection_caption(filters)
st.caption(f"Kluster: {SCHEMES[selection.scheme]} (byt i sidopanelen under Yrken).")

clusters = ui.query("need_by_cluster", **params)
occupations = ui.query("need_by_occupation", **params)
n = privacy.min_respondents()
if ui.providers_view():
    clusters, occupations = clusterview.protect(clusters, occupations, n)
supply = ui.query("yh_supply_by_area", kommunkoder=params["kommunkoder"])
sources = ui.query("sources").iloc[0]
note = clusterview.source_text(wave, filters["horizon"], sources)

if clusters.empty:
    st.info("Urvalet har inga rekryteringsbehov.")
    st.stop()

left, right = st.columns([3, 2])
with left:
    st.plotly_chart(
        figures.cluster_bars(clusters, hidden=privacy.label(n)),
        width="stretch",
        config={"displaylogo": False},
    )
    ui.source_note(note, wave)
with right:
    st.subheader("Behov och befintligt YH-utbud")
    ui.table(clusterview.with_supply(clusters, supply), na_rep=privacy.label(n))
    st.caption(clusterview.SUPPLY_NOTE.format(rounds=supply["rounds"].iloc[0]))

st.subheader("Från kluster till yrke")
st.plotly_chart(
    figures.occupation_treemap(occupations, clusters),
    width="stretch",
    config={"displaylogo": False},
)
ui.source_note(note, wave)

st.subheader("Kommuner och kluster")
per_1000 = ui.url_selectbox(
    "Visa", "varde", ["recruits", "recruits_per_1000"], "recruits",
    format_func=lambda v: "Antal personer" if v == "recruits" else "Per 1 000 invånare 20–64 år",
)  # fmt: skip
matrix = ui.query("need_by_municipality_cluster", **params)
if ui.providers_view():
    matrix = privacy.protect_matrix(
        matrix, "kommunkod", "cluster", ["recruits", "recruits_per_1000"], "contributors", n
    )
st.plotly_chart(
    figures.cluster_heatmap(matrix, per_1000, privacy.label(n)),
    width="stretch",
    config={"displaylogo": False},
)
ui.source_note(note, wave)

st.subheader("Yrken med störst behov")
ui.table(clusterview.top_occupations(occupations), na_rep=privacy.label(n))
ui.source_note(note, wave)
