"""Presentation mode: the short sequence of views shown at the February meeting.

Each step is a URL (`?present=1&steg=2`, with the shared filters and the finder's thresholds),
so a presenter can bookmark or rehearse any step, and the sequence works with no network at all.
Everything here is plain Python the tests call without a browser; pages/presentation.py lays it
out. The page's own script (presentation.js: arrow keys, names on the maps) is inlined once.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from kraftsamling import geo
from kraftsamling.assessment import Thresholds
from kraftsamling.views.presentation import STEPS

BODY_PX = 20  # the body text's size on a projector; chart and map text is never smaller
MAP_LABELS = 8  # at most this many names on a map (the most important first)
CLUSTER_BARS = 8
MIN_CHART_PX = 240  # a chart's least height; with height="stretch" it fills what the step leaves
LABELS_META = "kraftsamling-labels"  # the hidden trace presentation.js reads the names from


def step_number(raw: str | None) -> int:
    """The step a URL asks for, 1-based, clamped to the sequence; anything unreadable is 1."""
    try:
        number = int(raw or 1)
    except ValueError:
        return 1
    return min(max(number, 1), len(STEPS))


def step_by(steps: int) -> None:
    """The buttons' callback: go `steps` (+1 or -1) from the step the URL shows now (where it
    can be bookmarked). Counted from the URL at the click, not from the step the buttons were
    drawn on: a click while the next step is still being drawn (the buttons on screen are
    still the last step's) must not step from the last step."""
    import streamlit as st

    now = step_number(st.query_params.get("steg"))
    st.query_params["steg"] = str(step_number(str(now + steps)))


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
    """presentation.js inline (no file to fetch: works offline and from any URL), told the name
    of plotly's chunk (which it imports once step 1's map is painted)."""
    import json

    from kraftsamling import webpage

    source = (Path(__file__).with_name("presentation.js")).read_text(encoding="utf-8")
    chunk = f"window.__kraftsamlingPlotlyChunk = {json.dumps(webpage.plotly_chunk())};\n"
    return f'<script data-kraftsamling="presentation">{chunk}{source}</script>'


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


def names_to_show(kommunkoder: Sequence[str], names: Mapping[str, str]) -> list[str]:
    """The municipalities a presentation map names: the first MAP_LABELS of `kommunkoder`
    (most important first) that have a name and a point for it."""
    points = label_points()
    return [c for c in kommunkoder if c in points and c in names][:MAP_LABELS]


def labels_trace(kommunkoder: Sequence[str], names: Mapping[str, str]) -> go.Scattermap:
    """The names to show on a map, most important first (presentation.js draws them as text:
    MapLibre itself would fetch glyphs from a server). The trace draws nothing itself."""
    points = label_points()
    codes = names_to_show(kommunkoder, names)
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
def map_svg(municipality_figures: pd.DataFrame, metric_key: str, names: Mapping[str, str]) -> str:
    """Step 1 without plotly (issue 14: plotly's JavaScript alone took the first step past 3 s):
    charts.choropleth's map as an SVG document (charts.choropleth_svg: the same colours, county
    borders, the names shown_on_map picks, the legend), every text BODY_PX user units. The page
    shows it as an image that fits its container (at least as large as its user units on the
    smallest screen, 1280×720, so no text is smaller than BODY_PX on screen)."""
    from kraftsamling import charts
    from kraftsamling.metrics import METRICS

    metric = METRICS[metric_key]
    points = label_points()
    codes = names_to_show(shown_on_map(municipality_figures, metric.key), names)
    names_at = [(names[c], *points[c]) for c in codes]
    return charts.choropleth_svg(municipality_figures, metric, names_at, text_px=BODY_PX)


def clusters_figure(clusters: pd.DataFrame, supply: pd.DataFrame, hidden: str) -> go.Figure:
    """Step 2: the clusters' need with the supply beside it (charts.need_and_supply), for the
    projector."""
    from kraftsamling import charts

    return for_projector(charts.need_and_supply(clusters, supply, hidden, CLUSTER_BARS))


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
