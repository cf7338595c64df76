"""Logga in och ut (administratörer). Lösenordet visas eller sparas aldrig; se kraftsamling.auth."""

import math
from datetime import datetime

import streamlit as st

from kraftsamling import auth, ui
from kraftsamling.i18n import t

ui.leave_pages_folder_mode()  # so that logging in shows the administrators' pages

# auth's messages (wrong password, locked) are Swedish source texts, shown through t().
st.title(t("Administratörer"))

admins = auth.load_admins()
username = auth.current_admin(admins=admins)
script = auth.cookie_script()  # after a login: fetch the cookie; after a log-out: clear it
if script:
    st.html(script, unsafe_allow_javascript=True)

if username:
    since = datetime.fromtimestamp(auth.logged_in_since())
    until = datetime.fromtimestamp(auth.logged_in_since() + auth.SESSION_SECONDS)
    st.success(
        t(
            "Inloggad som **{name}** sedan {since}. Inloggningen gäller till {until} "
            "({hours} timmar).",
            name=username,
            since=f"{since:%H:%M}",
            until=f"{until:%H:%M}",
            hours=auth.SESSION_SECONDS // 3600,
        ),
        icon=":material/verified_user:",
    )
    st.markdown(
        t(
            "Som administratör ser du svarande på organisationsnivå, kan importera och radera "
            "omgångar (sidorna **Importera** och **Omgångar**) och ladda ner det fullständiga "
            "ansökningsunderlaget med arbetsgivarnas namn."
        )
    )
    if st.button(t("Logga ut"), type="primary", icon=":material/logout:"):
        auth.log_out()
        st.rerun()
elif not admins:
    st.info(
        t(
            "Ingen administratör är konfigurerad, så ingen kan logga in – det finns inget "
            "standardlösenord."
        ),
        icon=":material/info:",
    )
    st.markdown(
        t(
            "Skapa en administratör på servern där appen körs:\n\n"
            "```sh\npython -m kraftsamling admin NAMN\n```\n\n"
            "Kommandot frågar efter ett lösenord (minst {min_length} tecken) och skriver ut en "
            "rad med lösenordets hash – aldrig lösenordet självt. Lägg raden under rubriken "
            "`[{section}]` i `.streamlit/secrets.toml` i mappen där appen startas (eller i "
            "`~/.streamlit/secrets.toml`), eller sätt miljövariabeln `{env_var}` som kommandot "
            "visar. Starta sedan om appen. Filen med raden får aldrig checkas in i repot.",
            min_length=auth.MIN_PASSWORD_LENGTH,
            section=auth.SECRETS_SECTION,
            env_var=auth.ENV_VAR,
        )
    )
else:
    st.caption(
        t(
            "Administratörer importerar och raderar omgångar och ser svarande på "
            "organisationsnivå. Utbildningsanordnare behöver inte logga in."
        )
    )
    with st.form("logga_in", clear_on_submit=True):
        given_name = st.text_input(t("Användarnamn"), autocomplete="username")
        given_password = st.text_input(
            t("Lösenord"), type="password", autocomplete="current-password"
        )
        submitted = st.form_submit_button(t("Logga in"), type="primary", icon=":material/login:")
    if submitted:
        client = auth.client_id()
        result = auth.attempt(given_name, given_password, admins, client)
        if result.ok:
            auth.start_login(given_name)
            st.rerun()
        elif result.wait > 0:
            st.error(t(auth.MESSAGE_LOCKED, seconds=math.ceil(result.wait)))
        else:
            st.error(t(auth.MESSAGE_WRONG))
