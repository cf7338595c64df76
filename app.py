"""The server: `streamlit run app.py`. Streamlit's app (dashboard.py, the entry of every page) with
the two routes that set and clear an administrator's login cookie (kraftsamling.sessions), so
that a login survives reloads, new tabs and pasted URLs. `streamlit run dashboard.py` works too;
a login then lasts as long as the tab."""

import streamlit as st

from kraftsamling import sessions, warmup, webpage

app = st.App("dashboard.py", routes=sessions.routes() + webpage.routes(), lifespan=warmup.lifespan)
