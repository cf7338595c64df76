"""Kraftsamling: the entry file. Sets up the page, the shared filters and the navigation."""

from pathlib import Path

import streamlit as st

from kraftsamling import auth, ui
from kraftsamling.i18n import t

st.set_page_config(
    page_title="Kraftsamling",
    page_icon=str(Path(__file__).parent / "kraftsamling" / "icon.png"),
    layout="wide",
    initial_sidebar_state="collapsed" if st.query_params.get("present") == "1" else "expanded",
)
ui.begin_run()  # every query of this run reads the same database file

# Page titles follow the language (?lang=en, or the toggle in the sidebar); URLs do not.
pages = {
    t("Underlag"): [
        st.Page("pages/karta.py", title=t("Karta"), icon=":material/map:", default=True),
        st.Page("pages/kluster.py", title=t("Yrkeskluster"), icon=":material/category:"),
        st.Page("pages/kommunprofil.py", title=t("Kommunprofil"), icon=":material/location_city:"),
        st.Page("pages/kommungrupper.py", title=t("Kommungrupper"), icon=":material/hub:"),
        st.Page("pages/over_tid.py", title=t("Över tid"), icon=":material/timeline:"),
        st.Page(
            "pages/ansokningsunderlag.py",
            title=t("Ansökningsunderlag"),
            icon=":material/fact_check:",
        ),
    ],
}
admin = auth.current_admin()
administration = t("Administration")
if admin:
    pages[administration] = [
        st.Page("pages/importera.py", title=t("Importera"), icon=":material/upload_file:"),
        st.Page("pages/omgangar.py", title=t("Omgångar"), icon=":material/layers:"),
    ]
pages.setdefault(administration, []).append(
    st.Page(
        "pages/logga_in.py",
        title=t("Logga ut") if admin else t("Logga in"),
        icon=":material/logout:" if admin else ":material/login:",
    )
)
presenting = st.query_params.get("present") == "1"
if presenting:
    # Presentation mode (?present=1): one full-width page stepping through the evidence,
    # large type, no sidebar; the shared filters in the URL still apply.
    navigation = st.navigation(
        [st.Page("pages/presentation.py", title=t("Presentation"), default=True)],
        position="hidden",
    )
    ui.presentation_style()
else:
    navigation = st.navigation(pages)

with st.sidebar:
    st.markdown("## Kraftsamling")
    st.caption(
        t("Samlad kompetensefterfrågan i Norrbotten, Västerbotten, Jämtland och Västernorrland")
    )
    ui.language_toggle()
    if admin:
        st.caption(t("Inloggad som **{name}**", name=admin))

st.session_state["filters"] = ui.shared_filters()
navigation.run()
