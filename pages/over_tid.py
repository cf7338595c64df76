"""Över tid: the waves, two waves compared and the need over the waves (issue 12). The
providers' view reads the stored publications of published waves only."""

import streamlit as st

from kraftsamling import privacy, ui
from kraftsamling.i18n import t
from kraftsamling.intake import waves as wave_rules
from kraftsamling.metrics import horizon_label
from kraftsamling.views import karta, over_tid

filters = ui.page_context()
providers = ui.providers_view()
n = privacy.min_respondents()
st.title(t("Över tid"))
ui.selection_caption(filters)

waves = ui.query("published_waves")
if providers:
    waves = wave_rules.shown_to_providers(waves)
labels = dict(zip(waves["wave_id"], waves["label"], strict=True))

st.subheader(t("Omgångar"))
if providers:
    responses = {w: ui.query("published_response", wave_id=w) for w in waves["wave_id"]}
    ui.table(over_tid.wave_list(waves, responses, n))
    if filters.wave_id in responses:
        with st.expander(
            t("Svarsfrekvens per län och kommun, {wave}", wave=labels[filters.wave_id])
        ):
            ui.table(over_tid.response_table(responses[filters.wave_id], n))
            st.caption(
                t(
                    "Per kommun visas ett intervall, per län och för hela regionen "
                    "andelen; bara där minst {n} inbjudna svarat och minst {n} inte "
                    "svarat, så att ingen kan se vilka som svarade.",
                    n=n,
                )
            )
else:
    ui.table(
        ui.query("waves")[
            [
                "label",
                "survey_year",
                "respondents",
                "municipalities",
                "published",
                "invited",
                "response_rate",
            ]
        ].rename(
            columns={
                "label": t("Omgång"),
                "survey_year": t("År"),
                "respondents": t("Svarande"),
                "municipalities": t("Kommuner"),
                "published": t("Publicerad"),
                "invited": t("Inbjudna"),
                "response_rate": t("Svarsfrekvens"),
            }
        )
    )

others = ui.comparable_waves(filters) if filters.wave_id else {}
if not others:
    st.info(t("Det finns bara en omgång att visa: jämförelser kräver två."))
else:
    st.subheader(t("Jämför två omgångar"))
    compared = ui.url_selectbox(
        t("Jämför {wave} med", wave=labels.get(filters.wave_id, "")),
        "jamfor",
        list(others),
        next(iter(others)),
        format_func=others.get,
    )
    before, _ = ui.map_figures(ui.with_wave(filters, compared))
    after, _ = ui.map_figures(filters)
    wave_label = labels[filters.wave_id]
    changed = karta.change_figures(before, after, others[compared], wave_label)
    st.caption(over_tid.comparison_caption(changed))
    ui.table(over_tid.municipality_table(changed))
    st.caption(t('Kartan visar samma förändring: välj "Jämför med omgång" på Karta.'))
    earlier, later = sorted(
        [compared, filters.wave_id], key=lambda w: list(waves["wave_id"]).index(w), reverse=True
    )
    same = False
    if providers:
        by_occupation = ui.over_waves(filters, "wave_comparison", [earlier, later], "ssyk4")
    else:  # administrators may narrow it to the organisations that answered in both (samma=1)
        same = ui.url_checkbox(t(over_tid.SAME_ORGANISATIONS), "samma")
        by_occupation = ui.query(
            "wave_comparison_by_occupation",
            wave_a=earlier,
            wave_b=later,
            horizons=filters.horizons,
            same_organisations=same,
            kommunkoder=filters.params["kommunkoder"],  # the sidebar's selection
        )
    st.markdown(
        t("**Per yrke**, {earlier} → {later}", earlier=labels[earlier], later=labels[later])
    )
    st.caption(over_tid.occupation_caption(by_occupation, providers, same=same))
    ui.table(over_tid.occupation_table(by_occupation, n, providers))

    st.subheader(t("Behovet över omgångarna"))
    oldest_first = list(waves["wave_id"])[::-1]
    if providers:
        trend = ui.over_waves(filters, "wave_trend", oldest_first)
    else:
        trend = ui.query(
            "wave_trend",
            wave_ids=oldest_first,
            horizons=filters.horizons,
            kommunkoder=filters.params["kommunkoder"],
        )
    st.caption(over_tid.trend_caption(trend, horizon_label(filters.horizon).lower()))
    chart = trend.assign(label=trend["wave_id"].map(labels)).set_index("label")["recruits"]
    st.bar_chart(chart.astype("float64"), horizontal=False)
