"""Kraftsamling: the entry file. Sets up the page, the shared filters and the navigation."""

from pathlib import Path

import streamlit as st

from kraftsamling import auth, ui

st.set_page_config(
    page_title="Kraftsamling",
    page_icon=str(Path(__file__).parent / "kraftsamling" / "icon.png"),
    layout="wide",
    initial_sidebar_state="collapsed" if st.query_params.get("present") == "1" else "expanded",
)

pages = {
    "Underlag": [
        st.Page("pages/karta.py", title="Karta", icon=":material/map:", default=True),
        st.Page("pages/kluster.py", title="Yrkeskluster", icon=":material/category:"),
        st.Page("pages/kommunprofil.py", title="Kommunprofil", icon=":material/location_city:"),
        st.Page("pages/kommungrupper.py", title="Kommungrupper", icon=":material/hub:"),
        st.Page(
            "pages/ansokningsunderlag.py", title="Ansökningsunderlag", icon=":material/fact_check:"
        ),
    ],
}
admin = auth.current_admin()
if admin:
    pages["Administration"] = [
        st.Page("pages/importera.py", title="Importera", icon=":material/upload_file:"),
        st.Page("pages/omgangar.py", title="Omgångar", icon=":material/layers:"),
    ]
pages.setdefault("Administration", []).append(
    st.Page(
        "pages/logga_in.py",
        title="Logga ut" if admin else "Logga in",
        icon=":material/logout:" if admin else ":material/login:",
    )
)
presenting = st.query_params.get("present") == "1"
if presenting:
    # Presentation mode (?present=1): one full-width page stepping through the evidence,
    # large type, no sidebar; the shared filters in the URL still apply.
    navigation = st.navigation(
        [st.Page("pages/presentation.py", title="Presentation", default=True)], position="hidden"
    )
    ui.presentation_style()
else:
    navigation = st.navigation(pages)

with st.sidebar:
    st.markdown("## Kraftsamling")
    st.caption(
        "Samlad kompetensefterfrågan i Norrbotten, Västerbotten, Jämtland och Västernorrland"
    )
    if admin:
        st.caption(f"Inloggad som **{admin}**")

st.session_state["filters"] = ui.shared_filters()
navigation.run()
