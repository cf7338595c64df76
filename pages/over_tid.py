"""Över tid: the waves, two waves compared and the need over the waves (issue 12). The
providers' view reads the stored publications of published waves only. The tables and the bars
are made once per process for the selection and comparison (kraftsamling.pagecache.over_time)."""

import streamlit as st

from kraftsamling import pagecache, privacy, ui
from kraftsamling.i18n import t
from kraftsamling.intake import waves as wave_rules
from kraftsamling.views import over_tid

filters = ui.page_context()
providers = ui.providers_view()
n = privacy.min_respondents()
st.title(t("Över tid"))
ui.selection_caption(filters)

waves = ui.query("published_waves")
if providers:
    waves = wave_rules.shown_to_providers(waves)
labels = dict(zip(waves["wave_id"], waves["label"], strict=True))
others = ui.comparable_waves(filters) if filters.wave_id else {}

st.subheader(t("Omgångar"))
waves_area = st.container()  # filled below, once the page's tables are made

compared, same = None, False
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
    if not providers:  # administrators may narrow it to the organisations in both (samma=1)
        same = ui.url_checkbox(t(over_tid.SAME_ORGANISATIONS), "samma")

key = ui.page_key(filters, "over_tid", compared, same)
page = pagecache.over_time(key, filters, labels, compared, same)

with waves_area:
    ui.table(page.waves, shared_as=f"{key}|omgangar")
    if page.responses is not None:
        with st.expander(
            t("Svarsfrekvens per län och kommun, {wave}", wave=labels[filters.wave_id])
        ):
            ui.table(page.responses, shared_as=f"{key}|svar")
            st.caption(
                t(
                    "Per kommun visas ett intervall, per län och för hela regionen "
                    "andelen; bara där minst {n} inbjudna svarat och minst {n} inte "
                    "svarat, så att ingen kan se vilka som svarade.",
                    n=n,
                )
            )

if compared:
    st.caption(page.comparison_caption)
    ui.table(page.municipalities, shared_as=f"{key}|kommuner")
    st.caption(t('Kartan visar samma förändring: välj "Jämför med omgång" på Karta.'))
    st.markdown(
        t(
            "**Per yrke**, {earlier} → {later}",
            earlier=labels[page.earlier],
            later=labels[page.later],
        )
    )
    st.caption(page.occupation_caption)
    ui.table(page.occupations, shared_as=f"{key}|yrken")

    st.subheader(t("Behovet över omgångarna"))
    st.caption(page.trend_caption)
    ui.bar_chart(page.trend, shared_as=f"{key}|staplar")
