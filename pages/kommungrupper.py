"""Kommungrupper: municipalities grouped by how alike their need profiles are."""

import streamlit as st

from kraftsamling import charts, fmt, ui
from kraftsamling.i18n import t
from kraftsamling.selection import SCHEMES
from kraftsamling.views import kluster

filters = ui.page_context()
wave = filters.wave

st.title(t("Kommungrupper efter behovsprofil"))
ui.selection_caption(filters)
st.caption(
    t(
        "Kommuner med liknande fördelning av behovet över kluster (andelar, inte antal) hamnar "
        "i samma grupp. Kluster: {scheme}. Metod: k-means (scikit-learn) på andelarna; kommuner "
        "med färre än 10 personers behov ingår inte.",
        scheme=t(SCHEMES[filters.selection.scheme]),
    )
)
k_choice = ui.url_selectbox(
    t("Antal grupper"),
    "grupper",
    ["auto", "2", "3", "4", "5", "6", "7"],
    "auto",
    format_func=lambda v: t("Välj med silhuettmått") if v == "auto" else v,
)
# in the providers' view the shares come from shown cells only: a group's description (its
# mean shares against the selection's) then says nothing of a hidden figure
matrix = ui.profile_matrix(filters)
if ui.providers_view():
    st.caption(
        t(
            "Profilerna bygger på de siffror som visas, och bara kommuner vars profil mest "
            "visas ingår: kommunens eget behov visas och de visade klustren utgör minst "
            "hälften av det."
        )
    )
grouping = ui.municipality_groups(matrix, None if k_choice == "auto" else int(k_choice))

if grouping.k == 0:
    st.info(t("För få kommuner med svar i urvalet för att bilda grupper."))
    st.stop()

# The grouping's sentences (criterion, caveat, descriptions) are written by
# kraftsamling.profiles as they are read, in the page's language.
st.markdown(f"**{grouping.criterion}.**")
if grouping.caveat:
    st.warning(grouping.caveat)
scores = " · ".join(f"k = {k}: {fmt.number(v, 2)}" for k, v in grouping.silhouette.items())
st.caption(t("Silhuettmått per antal grupper (högre = tydligare grupper): {scores}", scores=scores))

municipality_figures, _ = ui.map_figures(filters)
left, right = st.columns([3, 2])
with left:
    # built once per process for the same groups (ui.figure) and its element replayed: the
    # map was rebuilt on every cached rerun, the largest part of one (issue 15)
    ui.chart(
        ui.figure(
            charts.group_map,
            municipality_figures,
            grouping.labels.to_dict(),
            grouping.descriptions,
        ),
        zoom=True,
    )
with right:
    for group, text in grouping.descriptions.items():
        colour = charts.GROUP_COLOURS[group - 1]
        st.markdown(f"<span style='color:{colour}'>■</span> {text}", unsafe_allow_html=True)
sources = ui.query("sources").iloc[0]
ui.source_note(kluster.source_text(wave, filters.horizon, sources), wave)
st.caption(
    t(
        "Obs: i Arbetsförmedlingens yrkesområden hör gruv- och stenbrottsarbetare (SSYK 8111) "
        "till Bygg och anläggning, inte till Industriell tillverkning."
    )
)
