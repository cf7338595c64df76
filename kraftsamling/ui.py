"""Streamlit glue shared by the entry file and the pages: the one database connection,
cached queries, filters kept in the URL, and the notes every view carries.

Pages stay thin: they call these helpers and lay out widgets; the figures' SQL lives in
`queries/` and the figure building in `kraftsamling.figures`.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from kraftsamling import db, queries
from kraftsamling.metrics import HORIZON_LABELS, HORIZONS

ADMIN_PAGES_SETTING = "KRAFTSAMLING_ADMIN_PAGES"
ADMIN_NOTE = (
    "Administratörssida. Inloggning finns inte ännu: sidan visas bara när miljövariabeln "
    f"`{ADMIN_PAGES_SETTING}=1` är satt när appen startas. Sätt den aldrig på en server som "
    "utbildningsanordnare når."
)
EXAMPLE_BADGE = "Exempeldata"
EXAMPLE_NOTE = (
    "**Exempeldata** – omgången är genererad av Kraftsamlings egen exempelgenerator "
    "(`python -m kraftsamling example`), inte verkliga svar."
)


def admin_pages_enabled() -> bool:
    """Until login exists, administrators' pages are behind an explicit setting."""
    return os.environ.get(ADMIN_PAGES_SETTING, "") == "1"


# ------------------------------------------------------------------ the database
@st.cache_resource(max_entries=2, show_spinner=False)
def _open(path: str, version: tuple[int, int]) -> duckdb.DuckDBPyConnection:
    # `version` changes when a new file is swapped in, so the app picks up a rebuild or
    # import without a restart; readers of the old connection keep the old file open.
    return db.connect_readonly(Path(path))


def connection() -> tuple[duckdb.DuckDBPyConnection, tuple[int, int]]:
    """The process's read-only connection to the current database file, and its version."""
    path = db.ensure_database()
    version = db.file_version(path)
    return _open(str(path), version), version


@st.cache_data(max_entries=256, show_spinner=False)
def _cached(
    _con: duckdb.DuckDBPyConnection, version: tuple, name: str, params: tuple
) -> pd.DataFrame:
    return queries.run(_con, name, **{key: _thaw(value) for key, value in params})


def _freeze(value):
    return tuple(value) if isinstance(value, list | tuple) else value


def _thaw(value):
    return list(value) if isinstance(value, tuple) else value


def query(name: str, **params) -> pd.DataFrame:
    """Run a named query from `queries/`, cached per database version and parameters."""
    con, version = connection()
    frozen = tuple(sorted((key, _freeze(value)) for key, value in params.items()))
    return _cached(con, version, name, frozen)


# ------------------------------------------------------------------ filters in the URL
def _from_url(key: str, allowed: Sequence[str], default: str) -> str:
    value = st.query_params.get(key)
    return value if value in allowed else default


def url_selectbox(
    label: str,
    key: str,
    options: Sequence[str],
    default: str,
    format_func=str,
    container=None,
    **kwargs,
) -> str:
    """A select box whose value lives in the URL (`?key=value`), so every view can be shared.

    The URL wins on the first run of a session; afterwards the widget does, and the URL is
    rewritten on every run. Unknown values in the URL fall back to the default.
    """
    options = list(options)
    if key not in st.session_state or st.session_state[key] not in options:
        st.session_state[key] = _from_url(key, options, default)
    target = container or st
    value = target.selectbox(label, options, key=key, format_func=format_func, **kwargs)
    st.query_params[key] = value
    return value


def shared_filters() -> dict:
    """The filters every page shares, created once in the entry file (sidebar)."""
    waves = query("waves")
    with st.sidebar:
        st.markdown("### Urval")
        if waves.empty:
            st.warning("Databasen har ingen kartläggningsomgång ännu.")
            wave_id = None
        else:
            labels = dict(zip(waves["wave_id"], waves["label"], strict=True))
            wave_id = url_selectbox(
                "Omgång", "omgang", list(waves["wave_id"]), waves["wave_id"].iloc[0],
                format_func=lambda w: labels.get(w, w),
            )  # fmt: skip
        horizon = url_selectbox(
            "Tidshorisont för rekryteringsbehov", "horisont", list(HORIZONS), "0-5",
            format_func=lambda h: HORIZON_LABELS[h],
        )  # fmt: skip
    wave = waves[waves["wave_id"] == wave_id].iloc[0].to_dict() if wave_id else None
    if wave and wave["is_example"]:
        st.sidebar.info(EXAMPLE_NOTE, icon=":material/science:")
    return {
        "wave": wave,
        "wave_id": wave_id,
        "horizon": horizon,
        "horizons": list(HORIZONS[horizon]),
    }


def wave_label(wave: dict | None) -> str:
    if not wave:
        return "ingen omgång vald"
    label = wave["label"]
    if wave["is_example"] and EXAMPLE_BADGE.lower() not in label.lower():
        label += f" ({EXAMPLE_BADGE.lower()})"
    return label


def source_note(text: str, wave: dict | None = None) -> None:
    """The small source line under a figure; survey figures from example data say so."""
    prefix = f"**{EXAMPLE_BADGE}.** " if wave and wave["is_example"] else ""
    st.caption(prefix + text)
