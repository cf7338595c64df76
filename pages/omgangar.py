"""Omgångar (administratörer): lista, jämför två, radera en."""

import streamlit as st

from kraftsamling import auth, fmt, ui
from kraftsamling.i18n import t
from kraftsamling.intake import store
from kraftsamling.intake import waves as wave_admin
from kraftsamling.metrics import horizon_label

admin = auth.require_admin()
st.title(t("Omgångar"))
st.warning(t(ui.ADMIN_NOTE), icon=":material/admin_panel_settings:")

waves = ui.query("waves")


def labels_of(frame):
    names = dict(zip(frame["wave_id"], frame["label"], strict=True))
    return lambda w: names.get(w, w)


ui.table(
    waves.rename(
        columns={
            "wave_id": "Id",
            "label": t("Omgång"),
            "survey_year": t("År"),
            "is_example": t("Exempeldata"),
            "origin": t("Ursprung"),
            "respondents": t("Svarande"),
            "need_rows": t("Behovsrader"),
            "municipalities": t("Kommuner"),
            "published": t("Publicerad"),
            "invited": t("Inbjudna"),
            "response_rate": t("Svarsfrekvens"),
        }
    ),
)

st.subheader(t("Publicera en omgång"))
st.caption(
    t(
        "Sidornas standardval är den senaste publicerade omgången; en importerad "
        "omgång är opublicerad tills den publiceras."
    )
)
with st.form("publicera"):
    chosen_wave = st.selectbox(t("Omgång"), list(waves["wave_id"]), format_func=labels_of(waves))
    undo = st.checkbox(t("Dra tillbaka publiceringen"))
    if st.form_submit_button(t("Spara")):
        wave_admin.publish(chosen_wave, by=admin, undo=undo)
        st.rerun()

st.subheader(t("Inbjudna organisationer och svarsfrekvens"))
with st.form("inbjudna"):
    invited_wave = st.selectbox(t("Omgång"), list(waves["wave_id"]), format_func=labels_of(waves))
    invited_file = st.file_uploader(
        t("Lista över inbjudna (CSV eller XLSX: Kommun, Organisation, Organisationsnummer)"),
        type=["csv", "xlsx", "txt"],
    )
    if st.form_submit_button(t("Läs in listan")) and invited_file is not None:
        try:
            done = wave_admin.import_invited(
                invited_wave, invited_file.name, invited_file.getvalue()
            )
        except wave_admin.WaveError as error:
            st.error(str(error))
        else:
            st.success(done.summary())
            for problem in done.problems[:50]:
                st.text(problem)
rates = ui.query("response_rate_by_municipality", wave_id=invited_wave)
if rates["invited"].sum() > 0:
    ui.table(
        rates.rename(
            columns={
                "kommunkod": t("Kommunkod"),
                "name": t("Kommun"),
                "invited": t("Inbjudna"),
                "respondents": t("Svarande"),
                "response_rate": t("Svarsfrekvens"),
            }
        )
    )

labels = dict(zip(waves["wave_id"], waves["label"], strict=True))
filters = ui.page_context()
if len(waves) >= 2:
    st.subheader(t("Jämför två omgångar"))
    columns = st.columns(2)
    ids = list(waves["wave_id"])
    wave_a = columns[0].selectbox(t("Tidigare omgång"), ids, index=1, format_func=labels.get)
    wave_b = columns[1].selectbox(t("Senare omgång"), ids, index=0, format_func=labels.get)
    same = st.checkbox(
        t("Bara organisationer som svarade i båda omgångarna"),
        value=False,
        help=t("Annars räknas alla organisationer i kommuner som svarade i båda."),
    )
    params = {
        "wave_a": wave_a,
        "wave_b": wave_b,
        "horizons": filters.horizons,
        "kommunkoder": filters.params["kommunkoder"],  # the sidebar's selection
    }
    by_municipality = ui.query("wave_comparison_by_municipality", **params)
    by_occupation = ui.query("wave_comparison_by_occupation", **params, same_organisations=same)
    took_part = by_municipality["took_part"].value_counts()
    st.caption(
        t(
            "Jämförelsen gäller de {both} kommuner som svarade i båda omgångarna. En kommun som "
            'inte svarade i en av dem räknas som "deltog inte", aldrig som en minskning '
            "({one} svarade bara i en omgång, {none} i ingen).",
            both=fmt.number(int(took_part.get("båda", 0))),
            one=fmt.number(
                int(took_part.get("deltog inte i tidigare", 0))
                + int(took_part.get("deltog inte i senare", 0))
            ),
            none=fmt.number(int(took_part.get("deltog inte", 0))),
        )
    )
    grew = int((by_occupation["change"] > 0).sum())
    shrank = int((by_occupation["change"] < 0).sum())
    st.caption(
        t(
            "{horizon}: {grew} yrken växte och {shrank} minskade. Totalt {before} → {after} "
            "personer.",
            horizon=horizon_label(filters.horizon),
            grew=grew,
            shrank=shrank,
            before=fmt.number(by_occupation["recruits_a"].sum()),
            after=fmt.number(by_occupation["recruits_b"].sum()),
        )
    )
    need_a, need_b = t("Behov, tidigare omgång"), t("Behov, senare omgång")
    ui.table(
        by_occupation.rename(
            columns={
                "ssyk4": "SSYK",
                "occupation_name": t("Yrke"),
                "occupation_field": t("Yrkesområde"),
                "recruits_a": need_a,
                "recruits_b": need_b,
                "change": t("Förändring"),
            }
        )
    )
    ui.table(
        by_municipality.assign(
            took_part=by_municipality["took_part"].map(
                {
                    "båda": t("båda"),
                    "deltog inte i tidigare": t("deltog inte i tidigare"),
                    "deltog inte i senare": t("deltog inte i senare"),
                    "deltog inte": t("deltog inte"),
                }
            )
        ).rename(
            columns={
                "kommunkod": t("Kommunkod"),
                "name": t("Kommun"),
                "took_part": t("Deltog"),
                "respondents_a": t("Svarande, tidigare omgång"),
                "respondents_b": t("Svarande, senare omgång"),
                "recruits_a": need_a,
                "recruits_b": need_b,
                "change": t("Förändring"),
            }
        )
    )

if len(waves) >= 2:
    st.subheader(t("Behovet över omgångarna"))
    chosen_ids = st.multiselect(
        t("Omgångar"),
        list(waves["wave_id"]),
        default=list(waves["wave_id"])[:4],
        format_func=labels_of(waves),
        key="trend_omgangar",
    )
    if chosen_ids:
        trend = ui.query(
            "wave_trend",
            wave_ids=chosen_ids,
            horizons=filters.horizons,
            kommunkoder=filters.params["kommunkoder"],
        )
        st.caption(
            t(
                "Rekryteringsbehov ({horizon}) i de {n} kommuner som svarade "
                "i alla valda omgångar; en kommun som inte deltog i någon av dem "
                "är utelämnad i alla, aldrig en minskning.",
                horizon=horizon_label(filters.horizon),
                n=fmt.number(int(trend["municipalities"].iloc[0]) if len(trend) else 0),
            )
        )
        st.bar_chart(trend.set_index("label")["recruits"], horizontal=False)

st.subheader(t("Radera en omgång"))
with st.form("radera"):
    doomed = st.selectbox(t("Omgång"), list(waves["wave_id"]), format_func=labels.get)
    confirm = st.text_input(t("Skriv omgångens id för att bekräfta"))
    if st.form_submit_button(t("Radera omgången"), type="secondary"):
        if confirm.strip() != doomed:
            st.error(t("Id:t stämmer inte; inget raderades."))
        else:
            counts = store.delete_wave(doomed)
            st.success(
                t(
                    "Raderade {wave}: {respondents} svarande och {needs} behovsrader. "
                    "Originalfilerna finns kvar i import_file.",
                    wave=doomed,
                    respondents=fmt.number(counts["respondent"]),
                    needs=fmt.number(counts["need"]),
                )
            )
