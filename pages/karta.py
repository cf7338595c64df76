"""Kartan: the 44 municipalities coloured by one figure, and one municipality's key figures."""

import streamlit as st

from kraftsamling import charts, privacy, ui
from kraftsamling.i18n import t
from kraftsamling.metrics import (
    ADMIN_METRICS,
    BOUNDARY_SOURCE,
    CHANGE_METRICS,
    CLASSIFICATIONS,
    METRICS,
    PROVIDER_METRICS,
)
from kraftsamling.views import karta

filters = ui.page_context()
wave = filters.wave

st.title(t("Karta"))
ui.selection_caption(filters)

municipality_figures, region_totals = ui.map_figures(filters)
n = privacy.min_respondents()
sources = ui.query("sources").iloc[0]


# The map's own controls (figure, classes, municipality) rerun this fragment only, not the
# page with its sidebar and shared filters (issue 15).
@st.fragment
def map_view() -> None:
    controls = st.columns([3, 3, 1, 3])
    # the change map (issue 12): the change since another wave, where it can be compared
    others = ui.comparable_waves(filters) if wave else {}
    compared = ui.url_selectbox(
        t("Jämför med omgång"),
        "jamfor",
        ["", *others],
        "",
        format_func=lambda w: others.get(w, t("Ingen jämförelse")),
        container=controls[3],
    )
    # the exact response rate per municipality is for administrators (ADMIN_METRICS); providers
    # see the band published in publication_response (PROVIDER_METRICS, docs/privacy.md)
    offered = {**METRICS, **(PROVIDER_METRICS if ui.providers_view() else ADMIN_METRICS)}
    if compared:
        offered = CHANGE_METRICS
    metric_key = ui.url_selectbox(
        t("Mått"),
        "matt",
        list(offered),
        "recruits_per_1000",
        format_func=lambda k: t(offered[k].label),
        container=controls[0],
    )
    scheme = ui.url_selectbox(
        t("Klassindelning"),
        "klasser",
        list(CLASSIFICATIONS),
        "quantiles",
        format_func=lambda k: t(CLASSIFICATIONS[k]),
        container=controls[1],
    )
    k = int(
        ui.url_selectbox(
            t("Antal klasser"), "k", ["3", "4", "5", "6", "7"], "5", container=controls[2]
        )
    )
    metric = offered[metric_key]
    map_frame = municipality_figures
    if compared:
        before, _ = ui.map_figures(ui.with_wave(filters, compared))
        map_frame = karta.change_figures(
            before, municipality_figures, others[compared], wave["label"]
        )
    elif metric_key in PROVIDER_METRICS and ui.providers_view():
        map_frame = karta.with_response_band(
            municipality_figures, ui.query("published_response", wave_id=filters.wave_id), n
        )
    elif metric_key in ADMIN_METRICS:
        map_frame = karta.with_response_rate(
            municipality_figures,
            ui.query("response_rate_by_municipality", wave_id=filters.wave_id),
        )

    names = dict(zip(municipality_figures["kommunkod"], municipality_figures["name"], strict=True))
    by_name = sorted(names, key=lambda code: names[code])

    map_column, detail_column = st.columns([5, 2])
    with detail_column:
        chosen = ui.url_selectbox(
            t("Kommun"),
            "kommun",
            ["alla", *by_name],
            "alla",
            format_func=lambda c: t("Hela urvalet") if c == "alla" else names[c],
        )
        key_figures = karta.key_figures(municipality_figures, region_totals, chosen, n)
        st.subheader(key_figures.title)
        st.caption(key_figures.subtitle)
        for label, value, help_text in key_figures.rows:
            st.metric(label, value, help=help_text)

    with map_column:
        fig = ui.figure(
            charts.choropleth,
            map_frame,
            metric,
            scheme,
            k,
            highlight=None if chosen == "alla" else chosen,
        )
        ui.chart(fig, zoom=True)
        ui.source_note(
            karta.source_text(metric, wave, filters.horizon, sources, others.get(compared, "")),
            wave,
        )
        st.caption(t(BOUNDARY_SOURCE))
    if compared:
        st.markdown(karta.change_sentence(map_frame, filters.horizon))

    in_selection = municipality_figures[municipality_figures["selected"]]
    st.markdown(
        karta.total_sentence(
            region_totals,
            filters.horizon,
            int(in_selection["participated"].sum()),
            len(in_selection),
            n,
        )
    )

    # the table runs only when opened (?tabell=true): its grid is a second heavy chunk for the
    # browser to fetch beside plotly's on the first view (issue 15)
    table = st.expander(t("Tabell: alla kommuner"), key="tabell", bind="query-params")
    with table:
        if table.open:
            ui.table(
                karta.table(municipality_figures, n if ui.providers_view() else None),
                na_rep=privacy.label(n),
            )
            ui.source_note(karta.source_text(metric, wave, filters.horizon, sources), wave)


map_view()
