"""Presentation mode: the short sequence of views shown at the February meeting.

Each step is a URL (`?present=1&steg=2`, with the shared filters and the finder's thresholds),
so a presenter can bookmark or rehearse any step, and the sequence works with no network at all.
Everything here is plain Python the tests call without a browser; pages/presentation.py lays it
out. The page's own script (presentation.js: arrow keys, names on the maps) is inlined once.
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from kraftsamling import fmt, geo
from kraftsamling.assessment import Thresholds
from kraftsamling.i18n import plotly_separators, t

BODY_PX = 20  # the body text's size on a projector; chart and map text is never smaller
MAP_LABELS = 8  # at most this many names on a map (the most important first)
TABLE_ROWS = 6  # candidates in step 3's table: what fits at 1280×720 with the buttons
CLUSTER_BARS = 8
MIN_CHART_PX = 240  # a chart's least height; with height="stretch" it fills what the step leaves
LABELS_META = "kraftsamling-labels"  # the hidden trace presentation.js reads the names from


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    lead: str


# Titles and leads are Swedish source texts, shown through kraftsamling.i18n.t.
STEPS: tuple[Step, ...] = (
    Step(
        "karta",
        "Var finns behoven?",
        "Rekryteringsbehov per 1 000 invånare 20–64 år i de kommuner som svarat.",
    ),
    Step(
        "kluster",
        "Vilka yrken?",
        "Behovet per yrkeskluster, med det YH-utbud som redan finns i samma område.",
    ),
    Step(
        "motiverade",
        "Vad motiverar en ansökan?",
        "Kandidater som når kraven när kommunerna går samman.",
    ),
    Step(
        "grupp",
        "Vilka kommuner bär underlaget?",
        "En kandidat: kommunerna som bidrar och hur mycket.",
    ),
)


def step_number(raw: str | None) -> int:
    """The step a URL asks for, 1-based, clamped to the sequence; anything unreadable is 1."""
    try:
        number = int(raw or 1)
    except ValueError:
        return 1
    return min(max(number, 1), len(STEPS))


def go_to(number: int) -> None:
    """The buttons' callback: show step `number` (in the URL, so it can be bookmarked)."""
    import streamlit as st

    st.query_params["steg"] = str(step_number(str(number)))


# ------------------------------------------------------------------ the URL's thresholds
# The finder's URL keys (pages/ansokningsunderlag.py), their bounds there, and the field.
THRESHOLD_KEYS: dict[str, tuple[str, float, float, float]] = {
    "klass": ("class_size", 5, 100, 1),
    "marginal": ("dropout_margin", 0, 100, 100),  # percent in the URL, a share in Thresholds
    "arbetsgivare": ("min_employers", 1, 50, 1),
    "lia": ("lia_per_student", 0.0, 3.0, 1),
    "minkommuner": ("min_municipalities", 1, 44, 1),
}
INTEGER_FIELDS = {"class_size", "min_employers", "min_municipalities"}


def _one(params: Mapping, key: str):
    value = params.get(key)
    return value[-1] if isinstance(value, list | tuple) and value else value


def thresholds_from(params: Mapping) -> Thresholds:
    """The finder's thresholds as the URL sets them (the same keys and bounds as on the page
    Ansökningsunderlag); a missing or unreadable value is the default, one out of bounds is
    clamped, so a link to step 3 shows what the finder shows."""
    changes = {}
    for key, (field, low, high, scale) in THRESHOLD_KEYS.items():
        raw = _one(params, key)
        if raw in (None, ""):
            continue
        try:
            value = float(str(raw).replace(",", "."))
        except ValueError:
            continue
        if not math.isfinite(value):
            continue
        value = min(max(value, low), high) / scale
        changes[field] = int(round(value)) if field in INTEGER_FIELDS else value
    return Thresholds(**changes)


def level_from(params: Mapping, allowed: Sequence[str]) -> str:
    """The finder's candidate level (`niva`) from the URL, among those this view may use."""
    level = _one(params, "niva")
    return level if level in allowed and level != "group" else "ssyk4"


# ------------------------------------------------------------------ the page's script
@lru_cache(maxsize=1)
def script() -> str:
    """presentation.js inline (no file to fetch: works offline and from any URL)."""
    source = (Path(__file__).with_name("presentation.js")).read_text(encoding="utf-8")
    return f'<script data-kraftsamling="presentation">{source}</script>'


# ------------------------------------------------------------------ names on maps
@lru_cache(maxsize=1)
def label_points() -> dict[str, tuple[float, float]]:
    """A point inside each municipality (kommunkod → lon, lat) where its name goes."""
    from shapely.geometry import shape

    points = {}
    for feature in geo.geojson(geo.MUNICIPALITIES)["features"]:
        point = shape(feature["geometry"]).representative_point()
        points[feature["properties"]["kommunkod"]] = (round(point.x, 4), round(point.y, 4))
    return points


def labels_trace(kommunkoder: Sequence[str], names: Mapping[str, str]) -> go.Scattermap:
    """The names to show on a map, most important first (presentation.js draws them as text:
    MapLibre itself would fetch glyphs from a server). The trace draws nothing itself."""
    points = label_points()
    codes = [c for c in kommunkoder if c in points and c in names][:MAP_LABELS]
    return go.Scattermap(
        lon=[points[c][0] for c in codes],
        lat=[points[c][1] for c in codes],
        text=[names[c] for c in codes],
        mode="markers",
        marker={"size": 1, "opacity": 0},
        hoverinfo="skip",
        showlegend=False,
        meta=LABELS_META,
        name="",
    )


def label_names(fig: go.Figure) -> list[str]:
    """The names a presentation figure puts on its map."""
    return [n for trace in fig.data if trace.meta == LABELS_META for n in trace.text]


def most_need(frame: pd.DataFrame, value: str, pool: Sequence[str] | None = None) -> list[str]:
    """Municipality codes by `value`, largest first, then those whose figure is hidden (they
    still contribute), leaving out zero figures (and municipalities outside `pool`)."""
    values = pd.to_numeric(frame[value], errors="coerce").astype(float)
    rows = frame.assign(_value=values)[values.isna() | (values > 0)]
    if pool is not None:
        rows = rows[rows["kommunkod"].isin(list(pool))]
    rows = rows.sort_values(["_value", "kommunkod"], ascending=[False, True], na_position="last")
    return list(rows["kommunkod"])


def shown_on_map(need_by_municipality: pd.DataFrame, value: str) -> list[str]:
    """Step 1's names: the municipalities with the largest shown figures (not those that did
    not answer, nor those whose figure is hidden)."""
    shown = need_by_municipality[need_by_municipality["participated"].astype(bool)]
    if "suppressed" in shown:
        shown = shown[~shown["suppressed"].astype(bool)]
    return most_need(shown.dropna(subset=[value]), value)


def for_projector(fig: go.Figure, labels: go.Scattermap | None = None) -> go.Figure:
    """A figure for the projector: every text at least BODY_PX, a small least height (shown
    with height="stretch", the chart fills the space the step leaves: Streamlit would otherwise
    keep 450 px and push the buttons off a 720-pixel screen), names on the map when given."""
    fig.update_layout(
        height=MIN_CHART_PX,
        autosize=True,
        font={"size": BODY_PX},
        legend={"font": {"size": BODY_PX}},
        hoverlabel={"font": {"size": BODY_PX}},
    )
    if fig.layout.title and fig.layout.title.text:
        fig.update_layout(title={"font": {"size": BODY_PX + 4}})
    for trace in fig.data:
        if trace.type in ("choroplethmap", "choropleth"):
            trace.update(
                colorbar={"tickfont": {"size": BODY_PX}, "title": {"font": {"size": BODY_PX}}}
            )
        if trace.type == "bar":
            trace.update(textfont={"size": BODY_PX}, outsidetextfont={"size": BODY_PX})
    fig.update_xaxes(tickfont={"size": BODY_PX}, title_font={"size": BODY_PX})
    fig.update_yaxes(tickfont={"size": BODY_PX}, title_font={"size": BODY_PX})
    if labels is not None:
        fig.add_trace(labels)
    if any(trace.type == "choroplethmap" for trace in fig.data):
        fig.update_layout(meta={"bounds": region_bounds()})  # presentation.js fits the map
    return fig


# ------------------------------------------------------------------ each step's figure
# One function per step, from the frames the page read to the figure on the projector, so the
# page can build each step's figure once per process (ui.figure) and a step change, a second
# visitor or a rehearsal reuse it (issue 14: a step drawn within a second).
def map_figure(
    municipality_figures: pd.DataFrame, metric_key: str, names: Mapping[str, str]
) -> go.Figure:
    """Step 1: the map of `metric_key` with the names of the municipalities it shows most."""
    from kraftsamling import charts
    from kraftsamling.metrics import METRICS

    metric = METRICS[metric_key]
    fig = charts.choropleth(municipality_figures, metric)
    labels = labels_trace(shown_on_map(municipality_figures, metric.key), names)
    return for_projector(fig, labels)


def clusters_figure(clusters: pd.DataFrame, supply: pd.DataFrame, hidden: str) -> go.Figure:
    """Step 2: the clusters' need with the supply beside it (need_and_supply), for the projector."""
    return for_projector(need_and_supply(clusters, supply, hidden))


def pool_figure(
    municipality_figures: pd.DataFrame,
    shown: pd.DataFrame,
    pool: Sequence[str],
    title: str,
    names: Mapping[str, str],
) -> go.Figure:
    """Step 4: the candidate's pool on the map, the municipalities with most need named."""
    from kraftsamling import charts

    fig = charts.contribution_map(municipality_figures, shown, list(pool), title)
    labels = labels_trace(most_need(shown, "recruits", list(pool)), names)
    return for_projector(fig, labels)


@lru_cache(maxsize=1)
def region_bounds() -> list[float]:
    """[west, south, east, north] of the region's municipalities."""
    from shapely.geometry import shape

    boxes = [shape(f["geometry"]).bounds for f in geo.geojson(geo.MUNICIPALITIES)["features"]]
    return [
        round(min(b[0] for b in boxes), 3),
        round(min(b[1] for b in boxes), 3),
        round(max(b[2] for b in boxes), 3),
        round(max(b[3] for b in boxes), 3),
    ]


# ------------------------------------------------------------------ step 2: need and supply
def need_and_supply(clusters: pd.DataFrame, supply: pd.DataFrame, hidden: str) -> go.Figure:
    """The largest clusters' need as bars, each with the YH supply already granted in its
    education area written beside it (kraftsamling.supply.area_supply: the newest rounds'
    programmes with a study location in the selection and their places per intake, and the
    distance programmes anywhere in Sweden): what step 2 promises."""
    merged = clusters.merge(supply, on="education_area", how="left")
    merged = merged.sort_values("recruits", ascending=False, na_position="last")
    top = merged.head(CLUSTER_BARS).iloc[::-1]
    need = top["recruits"].astype("Float64")
    text = []
    for value, programmes, places, distance in zip(
        need,
        top["pool_programmes"],
        top["pool_places"],
        top["distance_programmes"],
        strict=True,
    ):
        shown = hidden if pd.isna(value) else fmt.number(value)
        text.append(
            t(
                "{need} · YH här: {programmes} utb., {places} platser · på distans: {distance}",
                need=shown,
                programmes=_count(programmes),
                places=_count(places),
                distance=_count(distance),
            )
        )
    fig = go.Figure(
        go.Bar(
            x=need.fillna(0),
            y=top["cluster"],
            orientation="h",
            marker_color="#225ea8",
            text=text,
            textposition="outside",
            cliponaxis=False,
            hoverinfo="skip",
            name=t("Rekryteringsbehov"),
        )
    )
    largest = float(need.fillna(0).max()) if len(need) else 1.0
    fig.update_xaxes(
        title=t("Personer att rekrytera"),
        gridcolor="#eeeeee",
        range=[0, 2.3 * max(1.0, largest)],
    )
    fig.update_yaxes(automargin=True)
    fig.update_layout(
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        plot_bgcolor="#ffffff",
        paper_bgcolor="#ffffff",
        showlegend=False,
        bargap=0.25,
        separators=plotly_separators(),
        font={"color": "#262730"},
    )
    return fig


def _count(value) -> str:
    return "0" if value is None or pd.isna(value) else fmt.number(int(value))


# ------------------------------------------------------------------ step 3: the candidates
TABLE_COLUMNS = (
    "Kandidat",
    "Behov",
    "Arbetsgivare",
    "LIA-platser",
    "Kommuner",
    "YH i området (distans)",
)


def candidates_table(table: pd.DataFrame, pooled: set[str], hidden: str) -> tuple[str, int]:
    """Step 3's table as HTML (large type that wraps, never cut or scrolled): TABLE_ROWS
    justified candidates with the columns a room can read, those justified only together first
    (the point of pooling; marked ★), then by need. Returns the HTML and how many candidates
    were left out."""
    if table.empty:
        table = pd.DataFrame(columns=[t(c) for c in TABLE_COLUMNS])
    columns = [t(c) for c in TABLE_COLUMNS if t(c) in table.columns]
    order = table.assign(
        _alone=~table[t("Kandidat")].isin(pooled),
        _need=pd.to_numeric(table.get(t("Behov")), errors="coerce") if t("Behov") in table else 0,
    )
    order = order.sort_values(
        ["_alone", "_need"], ascending=[True, False], na_position="last", kind="stable"
    )
    shown = order.head(TABLE_ROWS)
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    rows = []
    for _, row in shown.iterrows():
        cells = []
        for column in columns:
            value = row[column]
            if column == t("Kandidat"):
                mark = " ★" if value in pooled else ""
                cells.append(f'<td class="kandidat">{html.escape(str(value))}{mark}</td>')
            elif value is None or (not isinstance(value, str) and pd.isna(value)):
                cells.append(f"<td>{html.escape(hidden)}</td>")
            elif isinstance(value, str):
                cells.append(f"<td>{html.escape(value)}</td>")
            else:
                cells.append(f"<td>{html.escape(fmt.number(value))}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    body = "".join(rows)
    markup = (
        f'<table class="kraftsamling-present-table"><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table>"
    )
    return markup, max(0, len(table) - len(shown))
