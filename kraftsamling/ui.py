"""Streamlit glue shared by the entry file and the pages: the one database connection,
cached queries, filters kept in the URL, and the notes every view carries.

Pages stay thin: they call these helpers and lay out widgets; the figures' SQL lives in
`queries/` and the figure building in `kraftsamling.charts`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from kraftsamling import auth, db, i18n, queries
from kraftsamling.i18n import t
from kraftsamling.intake.fields import ORG_KINDS, SNI_SECTIONS
from kraftsamling.metrics import HORIZONS, horizon_label
from kraftsamling.selection import SCHEMES, Selection
from kraftsamling.style import EXAMPLE_BADGE

# Swedish source texts; shown through t() (kraftsamling.i18n).
ADMIN_NOTE = (
    "Administratörssida: här syns svarande på organisationsnivå. Logga ut när du är klar "
    "(sidan **Logga ut**)."
)
PROVIDER_FILTERS_NOTE = (
    "Urval efter typ av arbetsgivare, bransch och krav på eftergymnasial utbildning finns för "
    "inloggade administratörer: varje extra sätt att dela upp samma svar är ett sätt att "
    "räkna fram enskilda svar."
)
EXAMPLE_NOTE = (
    "**Exempeldata** – omgången är genererad av Kraftsamlings egen exempelgenerator "
    "(`python -m kraftsamling example`), inte verkliga svar."
)


def providers_view() -> bool:
    """The default view: aggregated figures only, small cells suppressed (kraftsamling.privacy).
    Administrators, once logged in, see everything."""
    return not is_admin()


VIEW_KEY, PROVIDERS_VIEW = "vy", "anordnare"  # ?vy=anordnare: an administrator sees providers'


def is_admin() -> bool:
    """True when this session is logged in as an administrator (kraftsamling.auth) and does not
    ask for the providers' view (`?vy=anordnare`, e.g. to present it at the meeting)."""
    return auth.current_admin() is not None and st.query_params.get(VIEW_KEY) != PROVIDERS_VIEW


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
    _con: duckdb.DuckDBPyConnection, version: tuple, name: str, key: str, _params: tuple
) -> pd.DataFrame:
    # `key` is repr(_params): one string for Streamlit to hash instead of a nest of tuples
    # (a third of the cost of a cached finder rerun's look-ups; issue 15)
    return queries.run(_con, name, **{param: _thaw(value) for param, value in _params})


def _cached_query(con, version: tuple, name: str, params: dict) -> pd.DataFrame:
    frozen = _frozen(params)
    return _cached(con, version, name, repr(frozen), frozen)


def _freeze(value):
    return tuple(value) if isinstance(value, list | tuple) else value


def _thaw(value):
    return list(value) if isinstance(value, tuple) else value


def digest(value) -> str:
    """A short key for a cache: a frame's columns, types, index and every value (pandas' own
    row hashes, no copy; the pickled frame when its cells cannot be hashed), or the value's
    repr."""
    import hashlib

    if isinstance(value, pd.DataFrame | pd.Series):
        h = hashlib.blake2b(digest_size=16)
        columns = list(value.columns) if isinstance(value, pd.DataFrame) else [value.name]
        dtypes = list(value.dtypes) if isinstance(value, pd.DataFrame) else [value.dtype]
        h.update(repr((type(value).__name__, columns, [str(d) for d in dtypes])).encode())
        try:
            h.update(pd.util.hash_pandas_object(value, index=True).to_numpy().tobytes())
        except TypeError:  # cells pandas cannot hash (arrays, lists): their pickled bytes
            import pickle

            h.update(pickle.dumps(value, protocol=5))
        return h.hexdigest()
    if isinstance(value, list | tuple):
        return "(" + ",".join(digest(v) for v in value) + ")"
    if dataclasses.is_dataclass(value) and not isinstance(value, type):  # field by field
        fields = (f"{f.name}={digest(getattr(value, f.name))}" for f in dataclasses.fields(value))
        return f"{type(value).__qualname__}(" + ",".join(fields) + ")"
    return repr(value)


def assessments(contributions: pd.DataFrame, pool: tuple[str, ...], thresholds) -> list:
    """kraftsamling.assessment.assess_all, computed once per process for the same inputs and
    shared read-only by every session (frozen assessments; about a second at national scale).
    Keyed by the frame's digest: Streamlit's own hashing of the frame and the copy
    st.cache_data unpickled on every rerun were a quarter of a cached finder rerun (issue 15)."""
    key = f"{digest(contributions)}|{pool!r}|{thresholds!r}"
    return _assessments(key, contributions, pool, thresholds)


@st.cache_resource(max_entries=32, show_spinner=False)
def _assessments(key: str, _contributions: pd.DataFrame, _pool: tuple, _thresholds) -> list:
    from kraftsamling import assessment

    return assessment.assess_all(_contributions, list(_pool), _thresholds)


def figure(build, *args, **kwargs):
    """`build(*args, **kwargs)` (a plotly figure of kraftsamling.charts and the like, or an SVG
    document as a string), built once per process for the same inputs and language and shared
    read-only by every session: st.plotly_chart copies a figure to JSON and never changes it. A
    rerun that draws the same figures again (a cached page, another visitor) skips plotly's
    building and validation, the largest cost of a cached Yrkeskluster rerun (issue 15). Inputs
    that cannot be hashed build the figure as before."""
    try:
        key = "|".join(
            [f"{build.__module__}.{build.__qualname__}", i18n.current_language()]
            + [digest(a) for a in args]
            + [f"{k}={digest(v)}" for k, v in sorted(kwargs.items())]
        )
    except TypeError:
        return build(*args, **kwargs)
    fig = _figure(key, build, args, kwargs)
    if not isinstance(fig, str):  # an SVG document (presentation.map_svg) takes no attribute
        fig._kraftsamling_shared = key  # what ui.chart draws it once per process as
    return fig


@st.cache_resource(max_entries=48, show_spinner=False)
def _figure(key: str, _build, _args: tuple, _kwargs: dict):
    return _build(*_args, **_kwargs)


def page_key(filters: PageContext, *parts) -> str:
    """One string for everything a page's figures depend on besides its own controls (`parts`):
    the database file, the view, the language, the shared filters with the resolved
    municipalities, and the providers' threshold. The key of `shared`."""
    _, version = _run_connection()
    selection = filters.selection
    return "|".join(
        [
            repr(version),
            "anordnare" if providers_view() else "admin",
            i18n.current_language(),
            digest(selection),
            repr(tuple(selection.kommunkoder)),
            repr(tuple(filters.education_areas)),
            repr(tuple(filters.region_params["kommunkoder"])),
            str(_min_respondents()),
            *(digest(p) for p in parts),
        ]
    )


def _min_respondents() -> int:
    from kraftsamling import privacy

    return privacy.min_respondents()


def shared(key: str, build, *args):
    """`build(*args)` once per process for `key` (from `page_key`, which names every input),
    shared read-only by every session: a page's tables and figures made from the same cached
    results are made once, and a cached rerun reads them back (issue 15)."""
    return _shared(key, build, args)


@st.cache_resource(max_entries=48, show_spinner=False)
def _shared(key: str, _build, _args: tuple):
    return _build(*_args)


@st.cache_data(max_entries=64, show_spinner=False)
def auto_pool(home: str, candidate: tuple, rows: pd.DataFrame, thresholds):
    """kraftsamling.autopool.auto_pool, cached per inputs."""
    from kraftsamling import autopool

    candidate_id, label, education_area = candidate
    return autopool.auto_pool(home, candidate_id, label, education_area, rows, thresholds)


def _runner(con, version: tuple):
    """providers.Run over the cached queries of one database file."""

    def run(name: str, **params) -> pd.DataFrame:
        return _cached_query(con, version, name, params)

    return run


def _frozen(params: dict) -> tuple:
    return tuple(sorted((key, _freeze(value)) for key, value in params.items()))


@st.cache_resource(max_entries=16, show_spinner=False)
def _publication(_con, version: tuple, wave_id, horizon: str):
    """The stored providers' publication of one wave and horizon (kraftsamling.privacy.view),
    read once per process and shared read-only by every session. Its queries run straight
    through Arrow (queries.run_nullable), not through st.cache_data: this cache holds the
    result, and pickling its thousands of cells into a second cache cost time and memory at
    every new wave or horizon (issue 15)."""
    from kraftsamling.privacy import view

    def run(name: str, **params) -> pd.DataFrame:
        if name == "published_cells":  # thousands of rows; load() makes its figures Int64
            return queries.run_nullable(_con, name, **params)
        return queries.run(_con, name, **params)

    return view.load(run, wave_id, horizon)


def _providers(con, version: tuple, figure: str, selection: Selection, args: tuple):
    """kraftsamling.privacy.view.<figure>(…, selection, *args), cached per inputs. Keyed by one
    string (the resolved municipalities included: Selection leaves them out of its own
    comparison): Streamlit's hashing of the Selection and the arguments was 13 ms of a cached
    finder rerun (issue 15)."""
    key = f"{figure}|{digest(selection)}|{tuple(selection.kommunkoder)!r}|{digest(args)}"
    return _providers_cached(con, version, key, figure, selection, args)


@st.cache_data(max_entries=64, show_spinner=False)
def _providers_cached(_con, version: tuple, key: str, figure: str, _selection, _args: tuple):
    from kraftsamling.privacy import view

    published = _publication(_con, version, _selection.wave_id, _selection.horizon)
    return getattr(view, figure)(_runner(_con, version), published, _selection, *_args)


@st.cache_data(max_entries=32, show_spinner=False)
def _providers_over_waves(
    _con,
    version: tuple,
    figure: str,
    selection: Selection,
    kommunkoder: tuple,
    wave_ids: tuple,
    args: tuple,
):
    from kraftsamling.privacy import view

    publications = [_publication(_con, version, w, selection.horizon) for w in wave_ids]
    return getattr(view, figure)(_runner(_con, version), publications, selection, *args)


def over_waves(filters: PageContext, figure: str, wave_ids: Sequence[str], *args):
    """kraftsamling.privacy.view.<figure> (wave_trend, wave_comparison) over the stored
    publications of `wave_ids`, for this session's selection, cached per inputs."""
    con, version = _run_connection()
    selection = filters.selection
    return _providers_over_waves(
        con, version, figure, selection, tuple(selection.kommunkoder), tuple(wave_ids), args
    )


def _provider_figure(filters: PageContext, figure: str, *args):
    """kraftsamling.privacy.view.<figure> for this session's selection, cached per inputs:
    the providers' view reads the stored publication only."""
    con, version = _run_connection()
    selection = filters.selection
    return _providers(con, version, figure, selection, args)


def map_figures(filters: PageContext) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every municipality's map figures and the selection's totals, as this session may see
    them (the providers' view: kraftsamling.privacy.view.map_figures)."""
    params = {**filters.params, "education_areas": filters.education_areas}
    if not providers_view():
        return query("municipality_figures", **params), query("region_totals", **params)
    return _provider_figure(filters, "map_figures", tuple(filters.education_areas))


def with_wave(filters: PageContext, wave_id: str) -> PageContext:
    """The shared filters with another wave (the change map's compared wave, `jamfor=`)."""
    selection = replace(filters.selection, wave_id=wave_id)
    return replace(filters, wave_id=wave_id, selection=selection, params=selection.need_params())


def comparable_waves(filters: PageContext) -> dict[str, str]:
    """The waves this session may compare the shown one with ({wave_id: label}, newest
    first): in the providers' view the published waves with a stored publication only."""
    from kraftsamling.intake import waves as wave_rules

    waves = query("published_waves")
    if providers_view():
        waves = wave_rules.shown_to_providers(waves)
    waves = waves[waves["wave_id"] != filters.wave_id]
    return dict(zip(waves["wave_id"], waves["label"], strict=True))


def municipality_base(filters: PageContext) -> pd.DataFrame:
    """Every municipality with its names and figures for the finder's maps and names."""
    if not providers_view():
        return query(
            "municipality_figures", **filters.params, education_areas=filters.education_areas
        )
    return _provider_figure(filters, "municipalities", tuple(filters.education_areas))


def cluster_figures(filters: PageContext) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Need per cluster and per occupation in the selection, as this session may see them."""
    if not providers_view():
        params = filters.params
        return query("need_by_cluster", **params), query("need_by_occupation", **params)
    return _provider_figure(filters, "cluster_figures")


def municipality_clusters(
    filters: PageContext, kommunkod: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One municipality's need per cluster and occupation, as this session may see them."""
    if not providers_view():
        own = filters.selection.need_params([kommunkod])
        return query("need_by_cluster", **own), query("need_by_occupation", **own)
    return _provider_figure(filters, "municipality_clusters", kommunkod)


def municipality_cluster_matrix(filters: PageContext) -> pd.DataFrame:
    """Need per municipality and cluster (the heat map), as this session may see it."""
    if not providers_view():
        return query("need_by_municipality_cluster", **filters.params)
    return _provider_figure(filters, "cluster_matrix")


def profile_matrix(filters: PageContext) -> pd.DataFrame:
    """The need profiles Kommungrupper groups: in the providers' view the shown cells of the
    municipalities whose profile is mostly shown (kraftsamling.privacy.view.profile_matrix)."""
    if not providers_view():
        return query("need_by_municipality_cluster", **filters.params)
    return _provider_figure(filters, "profile_matrix")


def candidate_rows(
    filters: PageContext, level: str, group: list[str], label: str, yh_only: bool = False
) -> pd.DataFrame:
    """The finder's rows for the selection (queries/candidate_contributions.sql), as this
    session may see them: in the providers' view the published cells that count in the pool
    (custom groups are for administrators). `yh_only`: YH occupations only (issue 10; the
    providers' view keeps only the occupations of path 'yh' among its published cells)."""
    if not providers_view():
        params = {**filters.params, "yh_only": filters.params["yh_only"] or yh_only}
        return query(
            "candidate_contributions", **params, level=level, group_ssyk4=group, group_label=label
        )
    rows = _provider_figure(filters, "candidate_rows", level)
    return only_yh(rows) if yh_only and level == "ssyk4" else rows


def only_yh(rows: pd.DataFrame) -> pd.DataFrame:
    """The occupations' rows whose education path is 'yh' (a published cell is one occupation
    in one municipality: keeping some occupations makes no new figure)."""
    return rows[rows["education_path"] == "yh"].reset_index(drop=True)


def region_candidate_rows(
    filters: PageContext, level: str, group: list[str], label: str, yh_only: bool = False
):
    """The finder's rows for the whole region (the auto-pool): in the providers' view only the
    shown cells, so the auto-pool rests on shown figures alone."""
    if not providers_view():
        params = {
            **filters.region_params,
            "yh_only": filters.region_params["yh_only"] or yh_only,
        }
        return query(
            "candidate_contributions", **params, level=level, group_ssyk4=group, group_label=label
        )
    rows = _provider_figure(filters, "region_candidate_rows", level)
    return only_yh(rows) if yh_only and level == "ssyk4" else rows


def with_horizon_need(filters: PageContext, level: str, results: list) -> list:
    """The providers' view: the assessments with their need per horizon as each horizon's
    publication shows it (views.ansokningsunderlag.published_horizon_need), so the page says
    the intakes the evidence pack says. Administrators' rows carry the horizons already."""
    if not providers_view() or not results:
        return results
    from dataclasses import replace

    from kraftsamling.views import ansokningsunderlag

    con, version = _run_connection()
    selection = filters.selection
    rows = {
        h: _providers(
            con,
            version,
            "candidate_rows",
            replace(selection, horizon=h),
            (level,),
        )
        for h in ("0-1", "1-3", "3-5")
    }
    return ansokningsunderlag.with_horizon_need(
        results, ansokningsunderlag.published_horizon_need(rows)
    )


def hidden_candidates(filters: PageContext, level: str) -> set[str]:
    """Candidates the providers' view shows no figure of (none for administrators)."""
    if not providers_view():
        return set()
    return _provider_figure(filters, "hidden_candidates", level)


def candidate_contributions(filters: PageContext, level: str, chosen) -> pd.DataFrame:
    """One candidate's municipalities for its table and map: in the providers' view its shown
    municipalities, its groups of hidden ones, then the hidden ones by kommunkod."""
    if not providers_view():
        return chosen.contributions
    return _provider_figure(filters, "contributions", level, chosen.candidate_id)


def pack_assessment(filters: PageContext, level: str, chosen):
    """The candidate's assessment as its evidence pack may show it (providers: published
    municipalities and groups only; kraftsamling.privacy.view.pack_assessment)."""
    if not providers_view():
        return chosen
    return _provider_figure(filters, "pack_assessment", level, chosen)


def group_names(filters: PageContext, level: str) -> dict[str, str]:
    """Names of the providers' finder rows that stand for groups of hidden municipalities."""
    if not providers_view():
        return {}
    return _provider_figure(filters, "group_names", level)


def _run_connection():
    return st.session_state.get("_database_for_run") or connection()


def begin_run() -> None:
    """Pin this run to the database file as it is now (dashboard.py calls it first), so every
    query of one run reads one file even if an import swaps in a new one meanwhile."""
    st.session_state["_database_for_run"] = connection()


def query(name: str, **params) -> pd.DataFrame:
    """Run a named query from `queries/`, cached per database version and parameters, on the
    database file this run started with."""
    con, version = _run_connection()
    return _cached_query(con, version, name, params)


# ------------------------------------------------------------------ language
LANGUAGE_LABEL = "Språk / Language"  # the same in both languages


def language_toggle(container=None) -> str:
    """Svenska | English, kept in the URL as `?lang=en` (Swedish leaves no parameter).

    Its state (session key `lang`) is what `i18n.current_language()` reads, so a change shows
    on the very next run, navigation titles included, and survives page changes; the URL wins
    on a session's first run."""
    key = i18n.PARAM
    if st.session_state.get(key) not in i18n.LANGUAGES:
        st.session_state[key] = i18n.language_from_url()
    target = container or st.sidebar
    language = target.segmented_control(
        LANGUAGE_LABEL,
        list(i18n.LANGUAGES),
        format_func=i18n.LANGUAGES.get,
        key=key,
        required=True,
    )
    if language == "en":
        st.query_params[key] = language
    elif key in st.query_params:
        del st.query_params[key]
    return language


def org_kind_label(kind: str) -> str:
    """'Kommun', 'Privat', … in the current language (ORG_KINDS are stored in Swedish)."""
    return t(kind).capitalize()


def sni_label(section: str) -> str:
    """An SNI 2007 section with its name in the current language ('F Byggverksamhet')."""
    return f"{section} {t(SNI_SECTIONS[section])}"


# ------------------------------------------------------------------ filters in the URL
def _in_this_language(format_func):
    """`format_func` bound to the language of this run: Streamlit may call it again outside the
    run (AppTest does, to read a widget's state), where the session's language is unknown."""
    language = i18n.current_language()

    def formatted(option) -> str:
        with i18n.language(language):
            return format_func(option)

    return formatted


def _relabel_after_a_language_change(key: str) -> None:
    """Give a select box its value again when the language has changed since it was drawn.

    The browser keeps the label of the chosen option it was last sent, and sends that label
    back; after a change of language the label would be in the other language. Setting the
    value through the session state makes Streamlit send the option again, in the new
    language. (Multiselects are set on every run anyway.)"""
    marker = f"_language_of_{key}"
    language = i18n.current_language()
    if st.session_state.get(marker) != language:
        if marker in st.session_state and key in st.session_state:
            st.session_state[key] = st.session_state[key]
        st.session_state[marker] = language


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
    _relabel_after_a_language_change(key)
    target = container or st
    value = target.selectbox(
        label, options, key=key, format_func=_in_this_language(format_func), **kwargs
    )
    st.query_params[key] = value
    return value


def url_multiselect(
    label: str, key: str, options: Sequence[str], format_func=str, container=None, **kwargs
) -> list[str]:
    """A multiselect kept in the URL as comma-separated values (`?lan=22,25`)."""
    options = list(options)
    if key not in st.session_state:
        raw = st.query_params.get(key, "")
        st.session_state[key] = [v for v in raw.split(",") if v in options] if raw else []
    else:
        st.session_state[key] = [v for v in st.session_state[key] if v in options]
    target = container or st
    values = target.multiselect(
        label, options, key=key, format_func=_in_this_language(format_func), **kwargs
    )
    if values:
        st.query_params[key] = ",".join(values)
    elif key in st.query_params:
        del st.query_params[key]
    return values


def url_checkbox(label: str, key: str, container=None, **kwargs) -> bool:
    """A checkbox kept in the URL as `?key=1` when ticked."""
    if key not in st.session_state:
        st.session_state[key] = st.query_params.get(key) == "1"
    target = container or st
    value = target.checkbox(label, key=key, **kwargs)
    if value:
        st.query_params[key] = "1"
    elif key in st.query_params:
        del st.query_params[key]
    return value


def url_number(
    label: str,
    key: str,
    default: float,
    minimum: float,
    maximum: float,
    step: float,
    container=None,
    **kwargs,
) -> float:
    """A number input kept in the URL; out-of-range or unreadable values fall back."""
    if key not in st.session_state:
        try:
            value = type(default)(st.query_params.get(key, default))
        except (TypeError, ValueError):
            value = default
        st.session_state[key] = value if minimum <= value <= maximum else default
    target = container or st
    value = target.number_input(
        label, min_value=minimum, max_value=maximum, step=step, key=key, **kwargs
    )
    st.query_params[key] = str(value)
    return value


@dataclasses.dataclass(frozen=True)
class ThresholdInput:
    """One number of a thresholds panel: its label (in the visitor's language) and URL key, as
    url_number takes them, the thresholds' attribute it sets, and its range; `percent`: shown
    in %, kept as a share."""

    label: str
    key: str
    field: str
    minimum: float
    maximum: float
    step: float
    percent: bool = False


def threshold_inputs(defaults, inputs: Sequence[ThresholdInput], help_texts: dict[str, str]):
    """The finder's panel of requirements: one number input a column, each kept in the URL
    (url_number) with its help text; returns `defaults` (a frozen thresholds dataclass) with
    the chosen values, whole numbers kept whole and percentages as shares."""
    chosen = {}
    for column, number in zip(st.columns(len(inputs)), inputs, strict=True):
        default = getattr(defaults, number.field)
        value = url_number(
            number.label,
            number.key,
            int(100 * default) if number.percent else default,
            number.minimum,
            number.maximum,
            number.step,
            container=column,
            help=help_texts[number.field],
        )
        chosen[number.field] = value / 100 if number.percent else type(default)(value)
    return dataclasses.replace(defaults, **chosen)


def filter_choices(wave_id: str | None) -> dict[str, dict[str, str]]:
    """The sidebar's option lists of one wave ({kind: {value: label}}: 'lan', 'grupp',
    'kommun', the cluster schemes, 'yrke'; queries/filter_options.sql), made once per process
    and wave and shared read-only by every session: five pandas filters on every rerun were a
    quarter of a cached map rerun (issue 15)."""
    con, version = _run_connection()
    return _filter_choices(con, version, wave_id)


@st.cache_resource(max_entries=16, show_spinner=False)
def _filter_choices(_con, version: tuple, wave_id: str | None) -> dict[str, dict[str, str]]:
    options = _cached_query(_con, version, "filter_options", {"wave_id": wave_id})
    choices: dict[str, dict[str, str]] = {}
    for kind, value, label in options[["kind", "value", "label"]].itertuples(index=False):
        choices.setdefault(kind, {})[value] = label
    return choices


@dataclasses.dataclass(frozen=True)
class PageContext:
    """What every page is given (ui.page_context): the shared filters as the entry file set
    them up on this run, with what the queries bind. One value, read as attributes."""

    wave: dict | None  # the shown wave's row of queries/published_waves.sql (None: no wave)
    wave_id: str | None
    horizon: str  # '0-5', '0-1', … (kraftsamling.metrics.HORIZONS)
    horizons: list[str]  # the horizon's columns (Selection.horizons)
    selection: Selection  # what the user chose, the municipalities resolved
    params: dict  # the parameters every need query binds (Selection.need_params)
    # the providers' view computes cells for the whole region, then pools the selection's
    # (kraftsamling.privacy: hidden cells count only with their whole block)
    region_params: dict
    education_areas: list[str]  # the MYH areas of the chosen cluster or occupation
    summary: str  # the selection in one line, for the top of each page
    view: str  # 'anordnare' (the providers' view) or 'admin', as the sidebar was drawn
    language: str  # 'sv' or 'en', as the sidebar was drawn


WAVE_NOTE = "_wave_set_aside"  # the wave shown instead of an unpublished one in the URL


def shared_filters() -> PageContext:
    """The filters every page shares, created once in the entry file (sidebar) and kept in the
    URL. Returns the page context: the `Selection`, the wave and the parameters the queries bind."""
    waves = query("published_waves")
    with st.sidebar:
        st.markdown(t("### Urval"))
        if waves.empty:
            st.warning(t("Databasen har ingen kartläggningsomgång ännu."))
            wave_id = None
        else:
            from kraftsamling.intake import waves as wave_rules

            labels = dict(zip(waves["wave_id"], waves["label"], strict=True))
            # the default is the newest published wave, not whichever was imported last
            default = wave_rules.default_wave(waves)
            if providers_view():  # a wave that is not published is never shown to providers
                asked = st.query_params.get("omgang")
                default, set_aside = wave_rules.providers_wave(waves, asked)
                if set_aside:  # said while the session shows the wave it fell back to
                    st.session_state[WAVE_NOTE] = default
                waves = wave_rules.shown_to_providers(waves)
            if waves.empty:
                st.warning(t("Ingen omgång är publicerad ännu."))
                wave_id = None
            else:
                wave_id = url_selectbox(
                    t("Omgång"),
                    "omgang",
                    list(waves["wave_id"]),
                    default,
                    format_func=lambda w: labels.get(w, w),
                )
            if providers_view() and wave_id and st.session_state.get(WAVE_NOTE) == wave_id:
                st.info(
                    t(
                        "Omgången i länken är inte publicerad. Visar den senaste "
                        "publicerade omgången."
                    )
                )
        horizon = url_selectbox(
            t("Tidshorisont för rekryteringsbehov"),
            "horisont",
            list(HORIZONS),
            "0-5",
            format_func=horizon_label,
        )
        options = filter_choices(wave_id)
        counties, groups = options.get("lan", {}), options.get("grupp", {})
        municipalities = options.get("kommun", {})
        with st.expander(t("Kommuner"), expanded=False):
            lan_koder = url_multiselect(
                t("Län"),
                "lan",
                list(counties),
                format_func=counties.get,
                placeholder=t("Alla fyra"),
            )
            group_id = url_selectbox(
                t("Samverkansgrupp"),
                "grupp",
                ["", *groups],
                "",
                format_func=lambda g: groups.get(g, t("Ingen")),
            )
            chosen = url_multiselect(
                t("Egna kommuner"),
                "kommuner",
                list(municipalities),
                format_func=municipalities.get,
                placeholder=t("Alla i urvalet"),
            )
        # Kinds of employer, industries and "post-secondary only" cut the same answers in
        # ever new ways, and every cut is a way to difference them: the providers' view
        # offers the fixed breakdowns only (kraftsamling.privacy), administrators all filters.
        org_kinds, sni, post_secondary, yh_only = [], [], False, False
        if is_admin():
            with st.expander(t("Arbetsgivare"), expanded=False):
                org_kinds = url_multiselect(
                    t("Typ av organisation"),
                    "typ",
                    list(ORG_KINDS),
                    format_func=org_kind_label,
                    placeholder=t("Alla"),
                )
                sni = url_multiselect(
                    t("Bransch (SNI 2007)"),
                    "bransch",
                    list(SNI_SECTIONS),
                    format_func=sni_label,
                    placeholder=t("Alla"),
                )
        with st.expander(t("Yrken"), expanded=False):
            # two cluster schemes split the same occupations two ways, and the two splits
            # together give hidden figures away: the providers' view has one (each cluster's
            # MYH education area is shown beside it)
            scheme = "field"
            if is_admin():
                scheme = url_selectbox(
                    t("Klusterindelning"),
                    "schema",
                    list(SCHEMES),
                    "field",
                    format_func=lambda s: t(SCHEMES[s]),
                )
            clusters = options.get(scheme, {})
            cluster = url_selectbox(
                t("Kluster"),
                "kluster",
                ["", *clusters],
                "",
                format_func=lambda c: c or t("Alla kluster"),
            )
            occupations = options.get("yrke", {})
            ssyk4 = url_selectbox(
                t("Yrke (SSYK)"),
                "yrke",
                ["", *occupations],
                "",
                format_func=lambda c: occupations.get(c, t("Alla yrken")),
            )
            if is_admin():
                post_secondary = url_checkbox(
                    t("Bara behov som kräver eftergymnasial yrkesutbildning"), "eftergymnasial"
                )
                # issue 10: the occupations YH trains for (education_path 'yh'); a cut of
                # every cluster, so an administrators' filter like the one above
                yh_only = url_checkbox(t("Bara yrken som yrkeshögskolan utbildar för"), "yh")
        if not is_admin():
            st.caption(t(PROVIDER_FILTERS_NOTE))
    wave = waves[waves["wave_id"] == wave_id].iloc[0].to_dict() if wave_id else None
    if wave and wave["is_example"]:
        st.sidebar.info(t(EXAMPLE_NOTE), icon=":material/science:")
    selection = Selection(
        wave_id=wave_id,
        horizon=horizon,
        lan_koder=tuple(lan_koder),
        group_id=group_id or None,
        chosen_kommunkoder=tuple(chosen),
        org_kinds=tuple(org_kinds),
        sni_sections=tuple(sni),
        scheme=scheme,
        cluster=cluster or None,
        ssyk4=ssyk4 or None,
        post_secondary_only=post_secondary,
        yh_only=yh_only,
        survey_year=int(wave["survey_year"]) if wave else 2025,
    )
    resolved = query("selection_municipalities", **selection.municipality_params())
    selection = replace(selection, kommunkoder=tuple(resolved["kommunkod"]))
    region = query(
        "selection_municipalities",
        lan_koder=[],
        group_id=None,
        kommunkoder=[],
        year=selection.survey_year,
    )
    areas = query(
        "education_areas_for", scheme=scheme, cluster=selection.cluster, ssyk4=selection.ssyk4
    )
    return PageContext(
        wave=wave,
        wave_id=wave_id,
        horizon=horizon,
        horizons=selection.horizons,
        selection=selection,
        params=selection.need_params(),
        region_params=selection.need_params(tuple(region["kommunkod"])),
        education_areas=list(areas["education_area"]),
        summary=describe(selection, counties, groups, municipalities, occupations),
        view="anordnare" if providers_view() else "admin",
        language=i18n.current_language(),
    )


def describe(selection: Selection, counties, groups, municipalities, occupations) -> str:
    """The selection in one line of the current language, for the top of each page."""
    parts = [t("{n} av {total} kommuner", n=len(selection.kommunkoder), total=44)]
    if selection.group_id:
        parts[0] += f" ({groups.get(selection.group_id, selection.group_id)})"
    elif selection.lan_koder:
        parts[0] += " (" + ", ".join(counties[c] for c in selection.lan_koder) + ")"
    if selection.org_kinds:
        parts.append(t("arbetsgivare: {kinds}", kinds=", ".join(t(k) for k in selection.org_kinds)))
    if selection.sni_sections:
        parts.append(t("bransch {sections}", sections=", ".join(selection.sni_sections)))
    if selection.ssyk4:
        parts.append(
            t("yrke {occupation}", occupation=occupations.get(selection.ssyk4, selection.ssyk4))
        )
    elif selection.cluster:
        parts.append(selection.cluster)
    if selection.post_secondary_only:
        parts.append(t("bara behov som kräver eftergymnasial yrkesutbildning"))
    if selection.yh_only:
        parts.append(t("bara yrken som yrkeshögskolan utbildar för"))
    return " · ".join(parts)


def municipality_groups(need_by_cluster: pd.DataFrame, k: int | None):
    """Need-profile groups (kraftsamling.profiles), cached: KMeans takes about a second."""
    with st.spinner(t("Grupperar kommunerna …")):
        return _municipality_groups(need_by_cluster, k)


@st.cache_data(max_entries=32, show_spinner=False)
def _municipality_groups(need_by_cluster: pd.DataFrame, k: int | None):
    from kraftsamling import profiles

    # The grouping holds data only; its sentences (criterion, descriptions, caveat) are written
    # when the page reads them, in that session's language, so the cache serves both languages.
    shares = profiles.profile_matrix(need_by_cluster)
    return profiles.group_municipalities(shares, k=k)


def leave_pages_folder_mode(*, now: bool = False) -> None:
    """Run this page through dashboard.py, if Streamlit ran it alone.

    Why: we keep the `pages/` folder (the layout the product was asked for), and a folder of
    that name turns on Streamlit's older multipage mode. On a freshly started server the very
    first request straight to a page URL (`/kluster?lan=25`) is run in that mode: the page file
    alone, without dashboard.py's shared filters and navigation. Calling st.navigation switches
    a server to the entry file for good (documented Streamlit behaviour); here the same switch
    is made and the run restarted, so dashboard.py runs first and then this page, with the
    URL's parameters. `now`: switch even if the flag says the server has switched already (the
    caller knows dashboard.py has not run). The only other place that touches the flag is
    AppTest's `devtools.apptest.like_a_server`, which makes a test run like a switched server."""
    from streamlit.runtime.pages_manager import PagesManager

    if now or PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def page_context() -> PageContext:
    """The page context: the shared filters for a page (set up by dashboard.py on every run; a
    page run alone, in Streamlit's old pages/-folder mode, is first run again through
    dashboard.py)."""
    if "filters" not in st.session_state:
        leave_pages_folder_mode(now=True)
    return st.session_state["filters"]


def table(frame: pd.DataFrame, na_rep: str = "–", shared_as: str | None = None, **kwargs) -> None:
    """st.dataframe with numbers formatted for the app's language (Swedish: space for
    thousands, comma for decimals) whatever the browser's language; sorting still uses the
    numbers. Years stay plain. The cells' texts are computed column by column
    (kraftsamling.tables), not by pandas' HTML rendering.

    The element is made once per process for the same frame (its digest), language and
    options, and replayed by Streamlit from then on (st.cache_resource replays the elements a
    cached function drew): a rerun that draws the same table again skips the cells' texts,
    Streamlit's Styler marshalling and the Arrow conversion, a third of a cached finder rerun
    (issue 15). `shared_as`: a key that names the frame's contents for certain (a table of a
    shared result, made once per process), used instead of the frame's digest."""
    try:
        contents = f"shared:{shared_as}" if shared_as is not None else digest(frame)
        key = "|".join([i18n.current_language(), na_rep, contents, repr(sorted(kwargs.items()))])
    except TypeError:  # options that cannot be keyed: drawn as before
        _draw_table(frame, na_rep, kwargs)
        return
    _table(key, frame, na_rep, kwargs)


@st.cache_resource(max_entries=128, show_spinner=False)
def _table(key: str, _frame: pd.DataFrame, _na_rep: str, _kwargs: dict) -> None:
    _draw_table(_frame, _na_rep, _kwargs)


def _draw_table(frame: pd.DataFrame, na_rep: str, kwargs: dict) -> None:
    from kraftsamling import tables

    kwargs = dict(kwargs)
    language = i18n.current_language()
    years = tables.YEAR_COLUMNS | {t(c) for c in tables.YEAR_COLUMNS}
    formats = tables.number_formats(frame, language, years)
    kwargs.setdefault("hide_index", True)
    kwargs.setdefault("width", "stretch")
    # the grid draws missing values itself ("None") and ignores the Styler's na_rep for them:
    # `placeholder` is what a hidden figure reads ('<3' in the providers' view)
    kwargs.setdefault("placeholder", na_rep)
    st.dataframe(tables.styled(frame, formats, na_rep), **kwargs)


PRESENTATION_CSS = """
<style>
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
  [data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"] {
    display: none !important;
  }
  html, body, [data-testid="stAppViewContainer"] { font-size: %(body)spx; }
  /* one screen, no page scroll: header, the step (what is left) and the buttons */
  [data-testid="stAppViewContainer"], [data-testid="stMain"] { height: 100vh; overflow: hidden; }
  [data-testid="stMainBlockContainer"] {
    max-width: 100%%; height: 100vh; box-sizing: border-box;
    padding: 0.6rem 2rem 0.5rem 2rem;
  }
  [data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] {
    height: 100%%; flex-wrap: nowrap; gap: 0.4rem;
  }
  .st-key-present_header, .st-key-present_nav,
  [data-testid="stLayoutWrapper"]:has(> .st-key-present_header),
  [data-testid="stLayoutWrapper"]:has(> .st-key-present_nav) { flex: 0 0 auto !important; }
  .st-key-present_body,
  [data-testid="stLayoutWrapper"]:has(> .st-key-present_body) {
    flex: 1 1 0 !important; min-height: 0; overflow: hidden;
  }
  .st-key-present_body [data-testid="stElementContainer"] { flex-shrink: 0; }
  .st-key-present_body [data-testid="stElementContainer"]:has(.stPlotlyChart),
  .st-key-present_body .stPlotlyChart {
    flex-shrink: 1; min-height: 0 !important; overflow: hidden;
  }
  /* step 1's map is an SVG image (presentation.map_svg): it fills what the step leaves and
     keeps its proportions; taken out of the flow, it never makes the step taller */
  .st-key-present_map [data-testid="stElementContainer"]:has([data-testid="stImage"]) {
    flex: 1 1 0; min-height: 0 !important; overflow: hidden;
  }
  .st-key-present_map [data-testid="stFullScreenFrame"],
  .st-key-present_map [data-testid="stFullScreenFrame"] > div,
  .st-key-present_map [data-testid="stImage"] { width: 100%%; height: 100%%; }
  .st-key-present_map [data-testid="stImageContainer"] {
    position: relative; width: 100%%; height: 100%%;
  }
  .st-key-present_map [data-testid="stImageContainer"] img {
    position: absolute; inset: 0; width: 100%%; height: 100%%; max-width: none;
    object-fit: contain; object-position: center top;
  }
  .st-key-present_header { gap: 0.15rem; }
  /* Streamlit's text blocks hang 20 px below themselves; on one screen they must not */
  [data-testid="stMarkdownContainer"], [data-testid="stCaptionContainer"],
  [data-testid="stMarkdownContainer"] p:last-child,
  [data-testid="stCaptionContainer"] p:last-child { margin-bottom: 0 !important; }
  .st-key-present_header h1 { font-size: clamp(1.5rem, 5.5vh, 2.6rem) !important; padding: 0; }
  .st-key-present_header p { margin-bottom: 0.2rem; }
  [data-testid="stCaptionContainer"] { font-size: 0.8rem; }
  .st-key-present_nav button { font-size: %(body)spx; min-width: 9rem; }
  .st-key-present_nav [data-testid="stCaptionContainer"] { flex: 1 1 0; }
  .kraftsamling-label {
    position: absolute; font-size: %(body)spx; font-weight: 600; color: #111;
    white-space: nowrap; line-height: 1.1;
    text-shadow: 0 0 3px #fff, 0 0 3px #fff, 0 0 3px #fff, 0 0 3px #fff;
  }
  table.kraftsamling-present-table { width: 100%%; border-collapse: collapse; table-layout: auto; }
  table.kraftsamling-present-table th, table.kraftsamling-present-table td {
    padding: 0.3rem 0.6rem; border-bottom: 1px solid #ddd; text-align: right;
    font-size: clamp(16px, 2.7vh, 30px); vertical-align: top;
  }
  table.kraftsamling-present-table th:first-child, table.kraftsamling-present-table td.kandidat {
    text-align: left;
  }
</style>
"""


def presentation_style() -> None:
    """Full width, large type and no sidebar or toolbar, for a projector (local CSS only)."""
    from kraftsamling.presentation import BODY_PX

    st.markdown(PRESENTATION_CSS % {"body": BODY_PX}, unsafe_allow_html=True)


def selection_caption(filters: PageContext) -> None:
    st.caption(
        t(
            "Omgång: {wave} · {horizon} · {summary}",
            wave=wave_label(filters.wave),
            horizon=horizon_label(filters.horizon),
            summary=filters.summary,
        )
    )


def wave_label(wave: dict | None) -> str:
    """The wave's label (data, as written), marked when it is example data."""
    if not wave:
        return t("ingen omgång vald")
    label = wave["label"]
    if wave["is_example"] and EXAMPLE_BADGE.lower() not in label.lower():
        label += f" ({t(EXAMPLE_BADGE).lower()})"
    return label


def chart(
    fig,
    *,
    zoom: bool = False,
    shared_as: str | None = None,
    projector: bool = False,
    key: str | None = None,
) -> None:
    """A plotly chart as the pages draw it: the column's width, no plotly logo; `zoom` lets the
    scroll wheel zoom (the maps). `projector`: presentation mode's settings, the chart filling
    the height its container leaves, without mode bar or zoom (drawn on every run, as `key`).

    A figure shared by every session (built by `figure`, or one whose contents `shared_as`
    names for certain) is sent to Streamlit once per process: its element is replayed from
    then on (st.cache_resource replays what a cached function drew), without plotly's copy and
    JSON of the figure on every rerun (issue 15)."""
    config = {"displaylogo": False, "scrollZoom": True} if zoom else {"displaylogo": False}
    if projector:
        config |= {"displayModeBar": False, "scrollZoom": False}
        st.plotly_chart(fig, key=key, width="stretch", height="stretch", config=config)
        return
    shared = shared_as or getattr(fig, "_kraftsamling_shared", None)
    if shared is None:
        st.plotly_chart(fig, width="stretch", config=config)
    else:
        _chart(f"{shared}|{zoom}", fig, config)


@st.cache_resource(max_entries=64, show_spinner=False)
def _chart(key: str, _fig, _config: dict) -> None:
    st.plotly_chart(_fig, width="stretch", config=_config)


def bar_chart(data: pd.Series, shared_as: str) -> None:
    """st.bar_chart of `data`, whose contents `shared_as` names for certain: made once per
    process and replayed from then on (its Altair spec was a quarter of a cached Över tid
    rerun; issue 15)."""
    _bar_chart(f"{shared_as}|{i18n.current_language()}", data)


@st.cache_resource(max_entries=32, show_spinner=False)
def _bar_chart(key: str, _data: pd.Series) -> None:
    st.bar_chart(_data, horizontal=False)


def source_note(text: str, wave: dict | None = None) -> None:
    """The small source line under a figure; survey figures from example data say so. In the
    providers' view it says what '<3' and 'dold' mean (kraftsamling.privacy)."""
    from kraftsamling import privacy

    prefix = f"**{t(EXAMPLE_BADGE)}.** " if wave and wave["is_example"] else ""
    hidden = " " + privacy.hidden_note(privacy.min_respondents()) if providers_view() else ""
    st.caption(prefix + text + hidden)


# --- the finder's downloads: the evidence pack (.xlsx, .pptx, PDF) and, for administrators,
# the letters of intent for the employers they tick. The pack is made by kraftsamling.evidence
# and laid out by kraftsamling.evidence_files / evidence_pdf, the same as `python -m
# kraftsamling evidence` makes it; the words are in kraftsamling.views.ansokningsunderlag.


def _evidence_runner():
    """The pack's query runner, fixed when the page is drawn: a download's data is made later,
    in a thread of its own without the page's session, so it reads the connection directly (a
    cursor per query) and the app's cached publication of the providers' view
    (kraftsamling.evidence._publication)."""
    from functools import partial

    from kraftsamling import queries

    con, version = _run_connection()
    run = partial(queries.run, con)

    def published(selection):
        return _publication(con, version, selection.wave_id, selection.horizon)

    run.publication = published
    return run


def evidence_downloads(
    filters: PageContext,
    candidate_id: str,
    label: str,
    thresholds,
    *,
    kind: str | None = None,
    group_ssyk4=(),
    group_label: str = "",
    picks=(),
) -> None:
    """The download buttons under one candidate. The files are made when a button is
    clicked, in Swedish whatever the page's language; `picks`: the study locations the user
    chose on the page (the pack proposes the same); `kind` evidence.RECRUITMENT (None) or
    evidence.UPSKILLING."""
    from datetime import date

    from kraftsamling import evidence, evidence_files, evidence_pdf
    from kraftsamling.views import ansokningsunderlag as words

    kind = kind or evidence.RECRUITMENT

    st.subheader(t("Underlag att ladda ner"))
    level = evidence.level_of(candidate_id)
    admin = is_admin()
    selection = filters.selection
    made: dict = {}
    run = _evidence_runner()

    def pack():
        if "pack" not in made:
            made["pack"] = evidence.build(
                run,
                selection,
                candidate_id,
                thresholds,
                kind=kind,
                providers=not admin,
                group_ssyk4=tuple(group_ssyk4) if level == "group" else (),
                group_label=group_label,
                generated_on=date.today().isoformat(),
                picks=tuple(picks),
            )
        return made["pack"]

    def picture():
        if "map" not in made:
            made["map"] = evidence_files.map_png(pack())
        return made["map"]

    name = words.slug(label)
    cols = st.columns(3)
    cols[0].download_button(
        "Excel (.xlsx)",
        lambda: evidence_files.pack_xlsx(pack()),
        file_name=f"underlag_{name}.xlsx",
        mime=words.XLSX,
    )
    cols[1].download_button(
        "PowerPoint (.pptx)",
        lambda: evidence_files.pack_pptx(pack(), picture()),
        file_name=f"underlag_{name}.pptx",
        mime=words.PPTX,
    )
    cols[2].download_button(
        "PDF",
        lambda: evidence_pdf.pack_pdf(pack(), picture()),
        file_name=f"underlag_{name}.pdf",
        mime="application/pdf",
    )
    st.caption(t(words.PACK_NOTE) + " " + t(words.ADMIN_NOTE if admin else words.PROVIDERS_NOTE))
    if not admin:
        return
    employers = query(
        "candidate_employer_horizons",
        **selection.need_params(),
        level=level,
        candidate_id=candidate_id,
        group_ssyk4=list(group_ssyk4) if level == "group" else [],
    )
    if kind == evidence.UPSKILLING:
        employers = employers[employers["staff"] > 0]
    if employers.empty:
        return
    names = dict(zip(employers["respondent_id"], employers["organisation_name"], strict=True))
    ticked = st.multiselect(
        t("Avsiktsförklaringar för arbetsgivarna"),
        list(names),
        default=list(names),
        format_func=names.get,
        key=f"letters_{candidate_id}",
    )
    if ticked:
        st.download_button(
            t("Avsiktsförklaringar (PDF, {n} st.)", n=len(ticked)),
            lambda: evidence_pdf.letters_pdf(pack(), list(ticked)),
            file_name=f"avsiktsforklaringar_{name}.pdf",
            mime="application/pdf",
        )
