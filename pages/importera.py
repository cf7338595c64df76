"""Import av enkätsvar (administratörer): mall, filer, rapport och karantän."""

import streamlit as st

from kraftsamling import auth, template, ui
from kraftsamling.intake import quarantine, store

admin = auth.require_admin()
st.title("Importera enkätsvar")
st.warning(ui.ADMIN_NOTE, icon=":material/admin_panel_settings:")

st.subheader("1. Dela ut enkätmallen")
st.download_button(
    "Ladda ner enkätmallen (.xlsx)",
    data=template.template_bytes(),
    file_name="kompetenskartlaggning_mall.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)

st.subheader("2. Importera svar")
st.caption(
    "Ifyllda mallar, CSV (komma eller semikolon, UTF-8 eller Windows-1252) och Excel-exporter "
    "från enkätverktyg. Giltiga rader importeras; rader med fel läggs i karantän med orsaken. "
    "Samma fil två gånger ändrar ingenting. Samma organisation två gånger i en omgång: det "
    "första svaret gäller, det senare läggs i karantän."
)
waves = ui.query("waves")
real_waves = [
    w for w, example in zip(waves["wave_id"], waves["is_example"], strict=True) if not example
]
with st.form("import", clear_on_submit=False):
    wave_id = st.text_input(
        "Omgång", value=real_waves[0] if real_waves else "2025-host",
        help="År, bindestreck och ett ord: 2025-host, 2026-var. En ny omgång skapas vid behov.",
    )  # fmt: skip
    uploads = st.file_uploader(
        "Filer", type=["xlsx", "csv", "txt"], accept_multiple_files=True, key="uploads"
    )
    submitted = st.form_submit_button("Importera", type="primary")

if submitted:
    if not uploads:
        st.error("Välj minst en fil att importera.")
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
        f"Omgång {report.wave_id}: {report.rows_accepted} rader importerade, "
        f"{report.rows_rejected} i karantän."
    )
    for file_report in report.files:
        with st.expander(file_report.summary(), expanded=bool(file_report.problems)):
            for note in file_report.notes:
                st.caption(note)
            for problem in file_report.problems[:200]:
                st.text(problem)

st.subheader("3. Rätta rader i karantän")
if real_waves:
    chosen = st.selectbox("Omgång", real_waves, key="karantan_omgang")
    con, _ = ui.connection()
    st.download_button(
        "Ladda ner raderna i karantän (.xlsx)",
        data=quarantine.wave_workbook(con, chosen),
        file_name=f"karantan_{chosen}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        help="Ett blad per fil med kolumnerna som de skrevs och en kolumn med felen. Rätta och "
        "importera filen igen.",
    )
    ui.table(ui.query("import_log", wave_id=chosen))
else:
    st.caption("Inga importerade omgångar ännu.")
