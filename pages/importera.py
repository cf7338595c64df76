"""Import av enkätsvar (administratörer): mall, filer, rapport och karantän."""

import streamlit as st

from kraftsamling import auth, fmt, i18n, template, ui
from kraftsamling.i18n import t
from kraftsamling.intake import quarantine, resolve, store

admin = auth.require_admin()
# The survey template and what the importer writes about a file (kraftsamling.template,
# kraftsamling.intake: error reasons, notes) are Swedish, as the survey is: the reasons are the
# record kept with the rows in quarantine. The page around them follows the language, and in
# English says so.


_noted: list[bool] = []


def swedish_note() -> None:
    """In English, once a run, by the first of the importer's own (Swedish) messages."""
    if i18n.current_language() == "en" and not _noted:
        _noted.append(True)
        st.caption(
            t(
                "Importens felorsaker och anteckningar står på svenska, så som de sparas med "
                "raderna i karantän."
            )
        )


def summary(report: store.FileReport) -> str:
    """One file's outcome (as store.FileReport.summary) in the page's language."""
    if report.status == "redan importerad":
        return t("{file}: redan importerad i omgången, inget ändrat.", file=report.file_name)
    if report.status == "oläsbar":
        return t("{file}: kunde inte läsas.", file=report.file_name)
    duplicates = ""
    if report.duplicates:
        duplicates = t(
            " (varav {n} från organisationer som redan svarat)", n=fmt.number(report.duplicates)
        )
    return t(
        "{file}: {accepted} rader importerade från {respondents} organisationer, {rejected} "
        "rader i karantän{duplicates}.",
        file=report.file_name,
        accepted=fmt.number(report.rows_accepted),
        respondents=fmt.number(report.respondents_added),
        rejected=fmt.number(report.rows_rejected),
        duplicates=duplicates,
    )


st.title(t("Importera enkätsvar"))
st.warning(t(ui.ADMIN_NOTE), icon=":material/admin_panel_settings:")

st.subheader(t("1. Dela ut enkätmallen"))
st.download_button(
    t("Ladda ner enkätmallen (.xlsx)"),
    data=template.template_bytes(),
    file_name="kompetenskartlaggning_mall.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    help=t("Mallen som arbetsgivarna fyller i. Importen läser den som den är."),
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
        t("Omgång"),
        value=real_waves[0] if real_waves else "2025-host",
        help=t("År, bindestreck och ett ord: 2025-host, 2026-var. En ny omgång skapas vid behov."),
    )
    uploads = st.file_uploader(
        t("Filer"), type=["xlsx", "csv", "txt"], accept_multiple_files=True, key="uploads"
    )
    include_hidden = st.checkbox(
        t("Läs också dolda blad och rader"),
        value=False,
        help=t("Annars hoppas dolda blad och rader över, och rapporten säger vilka."),
    )
    submitted = st.form_submit_button(t("Importera"), type="primary")

if submitted:
    if not uploads:
        st.error(t("Välj minst en fil att importera."))
    else:
        try:
            report = store.import_files(
                [(u.name, u.getvalue()) for u in uploads],
                wave_id.strip(),
                imported_by=admin,
                include_hidden=include_hidden,
            )
        except store.ImportRefused as error:
            st.error(str(error))  # Swedish, as the importer writes it
            swedish_note()
        else:
            st.session_state["admin_last_import"] = report

report = st.session_state.get("admin_last_import")
if report:
    outcome = t(
        "Omgång {wave}: {accepted} rader importerade, {rejected} i karantän.",
        wave=report.wave_id,
        accepted=fmt.number(report.rows_accepted),
        rejected=fmt.number(report.rows_rejected),
    )
    # 0: everything in; 1: some rows in quarantine; 2: nothing imported or a file unreadable
    {0: st.success, 1: st.warning, 2: st.error}[store.exit_code(report)](outcome)
    if any(f.problems or f.notes for f in report.files):
        swedish_note()
    for file_report in report.files:
        # values from the answers (file names, notes) are shown as text, never as markdown
        with st.expander(
            t("Fil {n}", n=report.files.index(file_report) + 1), expanded=bool(file_report.problems)
        ):
            st.text(summary(file_report))
            for note in file_report.notes:
                st.text(note)
            for problem in file_report.problems[:200]:
                st.text(problem)

st.subheader(t("3. Rätta rader i karantän"))
if real_waves:
    chosen = st.selectbox(t("Omgång"), real_waves, key="karantan_omgang")
    con, _ = ui.connection()
    answered = st.session_state.pop("admin_last_answer", None)
    if answered is not None:
        st.success(answered)
    st.markdown(
        t(
            "**Olösta värden.** Svara en gång per värde: svaret sparas och gäller alla "
            "senare importer, och raderna det frigör importeras direkt."
        )
    )
    items = resolve.unresolved(con, chosen)
    if not items:
        st.caption(t("Inga olösta yrken eller kommuner i karantänen."))
    for number, item in enumerate(items[:50]):
        with st.container(border=True):
            kind = t("Yrke") if item.kind == "yrke" else t("Kommun")
            st.text(f"{kind}: {item.value}  ({t('{n} rader', n=fmt.number(item.rows))})")
            st.text(item.reason)
            labels = resolve.choice_labels(con, item)
            with st.form(f"svar_{number}"):
                picked = st.selectbox(
                    t("Förslag"),
                    [*labels, ""],
                    key=f"svar_val_{number}",
                    format_func=lambda c, labels=labels: labels.get(c, "–"),
                )
                typed = st.text_input(t("eller skriv koden"), key=f"svar_kod_{number}")
                if st.form_submit_button(t("Spara svaret och importera raderna")):
                    try:
                        done = resolve.resolve(
                            chosen,
                            item.value,
                            typed.strip() or picked,
                            kind=item.kind,
                            answered_by=admin,
                        )
                    except resolve.ResolveError as error:
                        st.error(str(error))
                    else:
                        st.session_state["admin_last_answer"] = done.summary()
                        st.rerun()
    if len(items) > 50:
        st.caption(t("… och {n} värden till.", n=fmt.number(len(items) - 50)))
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
    log = ui.query("import_log", wave_id=chosen)
    statuses = {
        "importerad": t("importerad"),
        "redan importerad": t("redan importerad"),
        "oläsbar": t("oläsbar"),
        "omgång raderad": t("omgång raderad"),
    }
    layouts = {"mall": t("mall"), "lång": t("lång"), "bred": t("bred")}
    log = log.assign(
        status=log["status"].map(lambda v: statuses.get(v, v)),
        layout=log["layout"].map(lambda v: layouts.get(v, v)),
    )
    ui.table(
        log.rename(
            columns={
                "file_name": t("Fil"),
                "wave_id": t("Omgång"),
                "status": t("Status"),
                "layout": t("Format"),
                "rows_accepted": t("Rader importerade"),
                "rows_rejected": t("Rader i karantän"),
                "respondents_added": t("Nya organisationer"),
                "size_bytes": t("Storlek (byte)"),
                "sha256_start": t("SHA-256 (början)"),
                "imported_at": t("Importerad"),
                "imported_by": t("Importerad av"),
                "message": t("Meddelanden från importen"),
            }
        )
    )
    swedish_note()

    st.subheader(t("4. Sparade svar"))
    saved = resolve.answers(con)
    if saved.empty:
        st.caption(t("Inga sparade svar ännu."))
    else:
        ui.table(
            saved.rename(
                columns={
                    "kind": t("Sort"),
                    "value": t("Värde"),
                    "code": t("Kod"),
                    "code_name": t("Betyder"),
                    "answered_by": t("Svarat av"),
                    "answered_at": t("Svarat"),
                    "wave_id": t("Omgång"),
                }
            )
        )
        st.download_button(
            t("Ladda ner svaren (.csv)"),
            data=resolve.answers_csv(con),
            file_name="sparade_svar.csv",
            mime="text/csv",
        )
        keys = list(zip(saved["kind"], saved["value"], strict=True))
        with st.form("ta_bort_svar"):
            gone = st.selectbox(
                t("Ta bort ett svar"),
                range(len(keys)),
                format_func=lambda i: f"{keys[i][0]}: {keys[i][1]}",
            )
            if st.form_submit_button(t("Ta bort")):
                resolve.remove_answer(*keys[gone])
                st.session_state["admin_last_answer"] = t(
                    "Svaret är borttaget; rader som redan importerats står kvar."
                )
                st.rerun()
else:
    st.caption(t("Inga importerade omgångar ännu."))
