"""Kommunprofil: one municipality's needs, LIA places, context and how it compares."""

import pandas as pd
import streamlit as st

from kraftsamling import charts, fmt, privacy, ui
from kraftsamling.i18n import t
from kraftsamling.views import karta, kluster, kommunprofil

filters = ui.page_context()
wave = filters.wave
params = filters.params
selection = filters.selection

st.title(t("Kommunprofil"))
ui.selection_caption(filters)

figures_by_municipality, _ = ui.map_figures(filters)
names = dict(
    zip(figures_by_municipality["kommunkod"], figures_by_municipality["name"], strict=True)
)
answered = figures_by_municipality[figures_by_municipality["participated"]]
default = (
    answered.sort_values("recruits", ascending=False)["kommunkod"].iloc[0]
    if len(answered)
    else "2480"
)
kommunkod = ui.url_selectbox(
    t("Kommun"), "kommun", sorted(names, key=names.get), default, format_func=names.get
)
name = names[kommunkod]
n = privacy.min_respondents()
row = figures_by_municipality.set_index("kommunkod").loc[kommunkod]
context = ui.query("municipality_context", kommunkod=kommunkod).iloc[0]

st.subheader(name)
groups = ", ".join(context["groups"])
st.caption(
    t(
        "{county} · kommunkod {kommunkod} · lokal arbetsmarknad {la_name} (SCB 2022)",
        county=context["county"],
        kommunkod=kommunkod,
        la_name=context["la_name"],
    )
    + (f" · {groups}" if groups else "")
)
columns = st.columns(5)
columns[0].metric(
    t("Invånare"),
    fmt.number(context["population"]),
    help=t("SCB 31 dec {year}", year=context["population_year"]),
)
columns[1].metric(
    t("Invånare 20–64 år"),
    fmt.number(context["population_20_64"]),
    help=t("SCB 31 dec {year}", year=context["population_20_64_year"]),
)
# a municipality without respondents did not take part: its survey figures are unknown, not 0
took_part = bool(row["participated"])
for column, label, value, decimals in (
    (columns[2], t("Rekryteringsbehov"), row["recruits"], 0),
    (columns[3], t("Per 1 000 invånare 20–64 år"), row["recruits_per_1000"], 1),
    (columns[4], t("LIA-platser per år"), row["lia_places"], 0),
):
    if took_part:
        column.metric(label, karta.shown(value, decimals, n))
    else:  # "deltog inte" does not fit a metric's width at 1280 px: a dash, and why on hover
        column.metric(label, "–", help=t("deltog inte"))
if not row["participated"]:
    st.warning(
        t("{name} har inga svarande i omgången {wave}.", name=name, wave=ui.wave_label(wave))
    )
elif kommunkod not in selection.kommunkoder:
    st.warning(
        t(
            "{name} ingår inte i urvalet i sidopanelen; siffrorna gäller kommunen ensam.",
            name=name,
        )
    )

if took_part and (answered_text := kommunprofil.respondents_text(row)):
    st.caption(answered_text)
if pd.isna(row["recruits"]):
    st.info(kommunprofil.hidden_text(row, name, n))
    st.stop()
own_clusters, own_occupations = ui.municipality_clusters(filters, kommunkod)
region_clusters, _ = ui.cluster_figures(filters)
sources = ui.query("sources").iloc[0]
note = kluster.source_text(wave, filters.horizon, sources)

# the shares, their sentence and the occupations made once per process (issue 15)
profile_key = ui.page_key(filters, "kommunprofil", kommunkod)
shares, sentence, top = ui.shared(
    profile_key,
    kommunprofil.profile_tables,
    own_clusters,
    region_clusters,
    own_occupations,
    None if pd.isna(row["recruits"]) else row["recruits"],
    name,
    n if ui.providers_view() else None,
)
left, right = st.columns(2)
with left:
    st.markdown(t("**Behov per kluster**"))
    if own_clusters.empty:
        st.info(t("Inga rekryteringsbehov med valda filter."))
    else:
        ui.chart(ui.figure(charts.cluster_bars, own_clusters, title="", hidden=privacy.label(n)))
with right:
    st.markdown(t("**Jämfört med urvalet**"))
    st.write(sentence)
    ui.chart(ui.figure(charts.share_bars, shares, name))
ui.source_note(note, wave)

st.markdown(t("**Yrken**"))
ui.table(
    top,
    shared_as=f"{profile_key}|yrken",
    na_rep=privacy.label(n),
    hide_index=True,
    width="stretch",
)

st.markdown(t("**YH-historik: ansökningar med studieort i kommunen**"))
history = ui.query("yh_history", kommunkod=kommunkod)
ui.table(
    history.rename(
        columns={
            "round": t("Ansökningsomgång"),
            "applied": t("Sökta"),
            "granted": t("Beviljade"),
            "granted_distance": t("varav distans"),
        }
    ),
)
st.caption(t("Källa: Myndigheten för yrkeshögskolan, beslut 2018–2025."))
