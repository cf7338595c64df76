"""Omgångar (administratörer): lista, jämför två, radera en."""

import streamlit as st

from kraftsamling import auth, fmt, ui
from kraftsamling.intake import store
from kraftsamling.metrics import HORIZON_LABELS

auth.require_admin()
st.title("Omgångar")
st.warning(ui.ADMIN_NOTE, icon=":material/admin_panel_settings:")

waves = ui.query("waves")
ui.table(
    waves.rename(columns={
        "wave_id": "Id", "label": "Omgång", "survey_year": "År", "is_example": "Exempeldata",
        "origin": "Ursprung", "respondents": "Svarande", "need_rows": "Behovsrader",
        "municipalities": "Kommuner",
    }),

)  # fmt: skip

labels = dict(zip(waves["wave_id"], waves["label"], strict=True))
filters = ui.page_filters()
if len(waves) >= 2:
    st.subheader("Jämför två omgångar")
    columns = st.columns(2)
    ids = list(waves["wave_id"])
    wave_a = columns[0].selectbox("Tidigare omgång", ids, index=1, format_func=labels.get)
    wave_b = columns[1].selectbox("Senare omgång", ids, index=0, format_func=labels.get)
    params = {"wave_a": wave_a, "wave_b": wave_b, "horizons": filters["horizons"]}
    by_occupation = ui.query("wave_comparison_by_occupation", **params)
    grew = int((by_occupation["change"] > 0).sum())
    shrank = int((by_occupation["change"] < 0).sum())
    st.caption(
        f"{HORIZON_LABELS[filters['horizon']]}: {grew} yrken växte och {shrank} minskade. "
        f"Totalt {fmt.number(by_occupation['recruits_a'].sum())} → "
        f"{fmt.number(by_occupation['recruits_b'].sum())} personer."
    )
    ui.table(by_occupation)
    ui.table(ui.query("wave_comparison_by_municipality", **params))

st.subheader("Radera en omgång")
with st.form("radera"):
    doomed = st.selectbox("Omgång", list(waves["wave_id"]), format_func=labels.get)
    confirm = st.text_input("Skriv omgångens id för att bekräfta")
    if st.form_submit_button("Radera omgången", type="secondary"):
        if confirm.strip() != doomed:
            st.error("Id:t stämmer inte; inget raderades.")
        else:
            counts = store.delete_wave(doomed)
            st.success(
                f"Raderade {doomed}: {counts['respondent']} svarande och {counts['need']} "
                "behovsrader. Originalfilerna finns kvar i import_file."
            )
