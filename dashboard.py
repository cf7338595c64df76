"""Kraftsamling: the entry file. Sets up the page, the shared filters and the navigation."""

from pathlib import Path

import streamlit as st

from kraftsamling import ui

st.set_page_config(
    page_title="Kraftsamling",
    page_icon=str(Path(__file__).parent / "kraftsamling" / "icon.png"),
    layout="wide",
    initial_sidebar_state="expanded",
)

pages = [
    st.Page("pages/karta.py", title="Karta", icon=":material/map:", default=True),
]
navigation = st.navigation(pages)

with st.sidebar:
    st.markdown("## Kraftsamling")
    st.caption(
        "Samlad kompetensefterfrågan i Norrbotten, Västerbotten, Jämtland och Västernorrland"
    )

st.session_state["filters"] = ui.shared_filters()
navigation.run()
