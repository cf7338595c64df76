"""Import av enkätsvar (administratörer): mall, filer, rapport och karantän."""

import streamlit as st

from kraftsamling import auth, template, ui
from kraftsamling.i18n import t
from kraftsamling.intake import quarantine, store

admin = auth.require_admin()
# The survey template and the import reports (kraftsamling.template, kraftsamling.intake) are
# Swedish, as the survey is; the page around them follows the language.
st.title(t("Importera enkätsvar"))
st.warning(t(ui.ADMIN_NOTE), icon=":material/admin_panel_settings:")

st.subheader(t("1. Dela ut enkätmallen"))
st.download_button(
    t("Ladda ner enkätmallen (.xlsx)"),
    data=template.template_bytes(),
    file_name="kompetenskartlaggning_mall.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)

st.subheader(t("2. Importera svar"))
st.caption(
    t(
        "Ifyllda mallar, CSV (komma eller semikolon, UTF-8 eller Windows-1252) och "
        "Excel-exporter från enkätverktyg. Giltiga rader importeras; rader med fel läggs i "
        "karantän med orsaken. Samma fil två gånger ändrar ingenting. Samma organisation två "
        "gånger i en omgång: det första svaret gäller, det senare läggs i karantän."
    )
)
waves = ui.query("waves")
real_waves = [
    w for w, example in zip(waves["wave_id"], waves["is_example"], strict=True) if not example
]
with st.form("import", clear_on_submit=False):
    wave_id = st.text_input(
        t("Omgång"), value=real_waves[0] if real_waves else "2025-host",
        help=t("År, bindestreck och ett ord: 2025-host, 2026-var. En ny omgång skapas vid behov."),
    )  # fmt: skip
    uploads = st.file_uploader(
        t("Filer"), type=["xlsx", "csv", "txt"], accept_multiple_files=True, key="uploads"
    )
    submitted = st.form_submit_button(t("Importera"), type="primary")

if submitted:
    if not uploads:
        st.error(t("Välj minst en fil att importera."))
    else:
        try:
            report = store.import_files(
                [(u.name, u.getvalue()) for u in uploads], wave_id.strip(), imported_by=admin
            )
        except store.ImportError_ as error:
            st.error(str(error))
        else:
            st.session_state["admin_last_import"] = report

report = st.session_state.get("admin_last_import")
if report:
    st.success(
        t(
            "Omgång {wave}: {accepted} rader importerade, {rejected} i karantän.",
            wave=report.wave_id,
            accepted=report.rows_accepted,
            rejected=report.rows_rejected,
        )
    )
    for file_report in report.files:
        with st.expander(file_report.summary(), expanded=bool(file_report.problems)):
            for note in file_report.notes:
                st.caption(note)
            for problem in file_report.problems[:200]:
                st.text(problem)

st.subheader(t("3. Rätta rader i karantän"))
if real_waves:
    chosen = st.selectbox(t("Omgång"), real_waves, key="karantan_omgang")
    con, _ = ui.connection()
    st.download_button(
        t("Ladda ner raderna i karantän (.xlsx)"),
        data=quarantine.wave_workbook(con, chosen),
        file_name=f"karantan_{chosen}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        help=t(
            "Ett blad per fil med kolumnerna som de skrevs och en kolumn med felen. Rätta och "
            "importera filen igen."
        ),
    )
    ui.table(ui.query("import_log", wave_id=chosen))
else:
    st.caption(t("Inga importerade omgångar ännu."))
