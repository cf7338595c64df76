"""Yrkeskluster: need by cluster, cluster → occupation, municipality × cluster, top occupations,
and the existing YH supply beside each cluster."""

import streamlit as st

from kraftsamling import pagecache, privacy, ui
from kraftsamling.i18n import t
from kraftsamling.selection import SCHEMES

filters = ui.page_context()
selection = filters.selection
wave = filters.wave
params = filters.params

st.title(t("Yrkeskluster"))
ui.selection_caption(filters)
st.caption(
    t("Kluster: {scheme} (byt i sidopanelen under Yrken).", scheme=t(SCHEMES[selection.scheme]))
)

# the page's tables and figures, made once per process for the same selection, view and
# language (ui.shared; issue 15)
key = ui.page_key(filters, "kluster")
page = ui.shared(key, pagecache.build_page, key, filters)
n = privacy.min_respondents()
note = page.note

if page.clusters.empty:
    st.info(t("Urvalet har inga rekryteringsbehov."))
    st.stop()

left, right = st.columns([3, 2])
with left:
    ui.chart(page.bars, shared_as=f"{key}|staplar")
    ui.source_note(note, wave)
    if page.partial:
        st.caption(page.partial)
with right:
    st.subheader(t("Behov och befintligt YH-utbud"))
    ui.table(page.supply_table, na_rep=privacy.label(n), shared_as=f"{key}|utbud")
    st.caption(page.supply_caption)

st.subheader(t("Från kluster till yrke"))
ui.chart(page.treemap, shared_as=f"{key}|träd")
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
heatmap_key = ui.page_key(filters, "kluster", per_1000)
ui.chart(
    ui.shared(heatmap_key, pagecache.build_heatmap, filters, per_1000),
    shared_as=f"{heatmap_key}|karta",
)
ui.source_note(note, wave)

st.subheader(t("Yrken med störst behov"))
ui.table(page.top, na_rep=privacy.label(n), shared_as=f"{key}|yrken")
ui.source_note(note, wave)
