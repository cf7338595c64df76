"""Kraftsamling: the entry file. Sets up the page, the shared filters and the navigation."""

from pathlib import Path

import streamlit as st

from kraftsamling import auth, ui
from kraftsamling.i18n import t
from kraftsamling.pages import ADMIN_PAGES, LOGIN, PAGES, PRESENTATION, Page

st.set_page_config(
    page_title="Kraftsamling",
    page_icon=str(Path(__file__).parent / "kraftsamling" / "icon.png"),
    layout="wide",
    initial_sidebar_state="collapsed" if st.query_params.get("present") == "1" else "expanded",
)
ui.begin_run()  # every query of this run reads the same database file


# Page titles follow the language (?lang=en, or the toggle in the sidebar); URLs do not.
def page(p: Page, default: bool = False) -> st.Page:
    return st.Page(p.path, title=t(p.title), icon=p.icon, default=default)


pages = {t("Underlag"): [page(p, default=p == PAGES[0]) for p in PAGES]}
admin = auth.current_admin()
administration = t("Administration")
if admin:
    pages[administration] = [page(p) for p in ADMIN_PAGES]
pages.setdefault(administration, []).append(
    st.Page(
        LOGIN,
        title=t("Logga ut") if admin else t("Logga in"),
        icon=":material/logout:" if admin else ":material/login:",
    )
)
presenting = st.query_params.get("present") == "1"
if presenting:
    # Presentation mode (?present=1): one full-width page stepping through the evidence,
    # large type, no sidebar; the shared filters in the URL still apply.
    navigation = st.navigation(
        [st.Page(PRESENTATION.path, title=t(PRESENTATION.title), default=True)],
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
