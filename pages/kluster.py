"""Yrkeskluster: need by cluster, cluster → occupation, municipality × cluster, top occupations,
and the existing YH supply beside each cluster."""

import streamlit as st

from kraftsamling import charts, privacy, ui
from kraftsamling.i18n import t
from kraftsamling.selection import SCHEMES
from kraftsamling.views import kluster

filters = ui.page_filters()
selection = filters["selection"]
wave = filters["wave"]
params = filters["params"]

st.title(t("Yrkeskluster"))
ui.selection_caption(filters)
st.caption(
    t("Kluster: {scheme} (byt i sidopanelen under Yrken).", scheme=t(SCHEMES[selection.scheme]))
)

clusters, occupations = ui.cluster_figures(filters)
n = privacy.min_respondents()
supply = ui.query("yh_supply_by_area", kommunkoder=params["kommunkoder"])
sources = ui.query("sources").iloc[0]
note = kluster.source_text(wave, filters["horizon"], sources)

if clusters.empty:
    st.info(t("Urvalet har inga rekryteringsbehov."))
    st.stop()

left, right = st.columns([3, 2])
with left:
    ui.chart(ui.figure(charts.cluster_bars, clusters, hidden=privacy.label(n)))
    ui.source_note(note, wave)
    if partial := kluster.partial_note(clusters, occupations):
        st.caption(partial)
with right:
    st.subheader(t("Behov och befintligt YH-utbud"))
    ui.table(kluster.with_supply(clusters, supply), na_rep=privacy.label(n))
    st.caption(t(kluster.SUPPLY_NOTE, rounds=supply["rounds"].iloc[0]))

st.subheader(t("Från kluster till yrke"))
ui.chart(ui.figure(charts.occupation_treemap, occupations, clusters))
ui.source_note(note, wave)

st.subheader(t("Kommuner och kluster"))
per_1000 = ui.url_selectbox(
    t("Visa"),
    "varde",
    ["recruits", "recruits_per_1000"],
    "recruits",
    format_func=lambda v: (
        t("Antal personer") if v == "recruits" else t("Per 1 000 invånare 20–64 år")
    ),
)
matrix = ui.municipality_cluster_matrix(filters)
ui.chart(ui.figure(charts.cluster_heatmap, matrix, per_1000, privacy.label(n)))
ui.source_note(note, wave)

st.subheader(t("Yrken med störst behov"))
ui.table(
    kluster.top_occupations(occupations, paths=ui.query("education_paths")),
    na_rep=privacy.label(n),
)
ui.source_note(note, wave)
