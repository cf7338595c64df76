"""Building the figures the pages show (plotly), without Streamlit.

The map is plotly's MapLibre choropleth on the built-in blank 'white-bg' style: no tile server,
no font or sprite request, only our own boundaries.
"""

from __future__ import annotations

from dataclasses import dataclass

import mapclassify
import numpy as np
import pandas as pd
import plotly.colors
import plotly.graph_objects as go

from kraftsamling import fmt, geo
from kraftsamling.metrics import Metric

# ColorBrewer YlGnBu: sequential and colour-blind safe; light = low, dark blue = high.
PALETTE = "YlGnBu"
NO_ANSWER_COLOUR = "#d9d9d9"
COUNTY_BORDER_COLOUR = "#252525"
MAP_CENTER = {"lat": 65.1, "lon": 18.2}
MAP_ZOOM = 4.45


@dataclass(frozen=True)
class Classes:
    """Class breaks for a set of values: class i holds values in (bounds[i-1], bounds[i]]."""

    bins: list[float]  # upper bound of each class
    lower: float  # the smallest value
    labels: list[str]
    index: np.ndarray  # class of each value


def classify(values: pd.Series, scheme: str, k: int, decimals: int = 0) -> Classes:
    """Class breaks with mapclassify: 'quantiles', 'natural_breaks' or 'equal_interval'."""
    data = np.asarray(values, dtype=float)
    unique = np.unique(data)
    if len(unique) <= 1:
        value = float(unique[0]) if len(unique) else 0.0
        return Classes([value], value, [fmt.number(value, decimals)], np.zeros(len(data), int))
    k = max(2, min(k, len(unique)))
    if scheme == "quantiles":
        classifier = mapclassify.Quantiles(data, k=k)
    elif scheme == "natural_breaks":
        classifier = mapclassify.FisherJenks(data, k=k)
    elif scheme == "equal_interval":
        classifier = mapclassify.EqualInterval(data, k=k)
    else:
        raise ValueError(f"Okänd klassindelning: {scheme}")
    bins = [float(b) for b in classifier.bins]
    index = np.asarray(classifier.yb, dtype=int)
    # Quantiles on tied data can give empty classes with equal bounds; drop them.
    keep = sorted(set(index.tolist()))
    remap = {old: new for new, old in enumerate(keep)}
    bins = [bins[i] for i in keep]
    index = np.array([remap[i] for i in index], dtype=int)
    lower = float(data.min())
    labels = []
    for i, upper in enumerate(bins):
        low = lower if i == 0 else bins[i - 1]
        step = 10**-decimals
        # Show classes as closed ranges of values that can occur: (low, upper] -> low+step..upper
        shown_low = low if i == 0 else low + step
        labels.append(fmt.number_range(shown_low, upper, decimals))
    return Classes(bins, lower, labels, index)


def _stepped_colorscale(colours: list[str]) -> list[list]:
    k = len(colours)
    scale: list[list] = []
    for i, colour in enumerate(colours):
        scale.append([i / k, colour])
        scale.append([(i + 1) / k, colour])
    return scale


def class_colours(k: int) -> list[str]:
    if k == 1:
        return plotly.colors.sample_colorscale(PALETTE, [0.6])
    return plotly.colors.sample_colorscale(PALETTE, list(np.linspace(0.12, 1.0, k)))


def choropleth(
    figures: pd.DataFrame,
    metric: Metric,
    scheme: str = "quantiles",
    k: int = 5,
    highlight: str | None = None,
    height: int = 640,
) -> go.Figure:
    """A choropleth of the region's municipalities for one metric, with county borders on top.

    `figures` has one row per municipality (queries/municipality_figures.sql). Municipalities
    that did not answer the survey are drawn grey for survey metrics, never as zero.
    """
    frame = figures.copy()
    answered = frame["participated"] | (not metric.from_survey)
    shown = frame[answered].reset_index(drop=True)
    silent = frame[~answered].reset_index(drop=True)

    classes = classify(shown[metric.key], scheme, k, metric.decimals)
    colours = class_colours(len(classes.bins))
    municipalities = geo.geojson(geo.MUNICIPALITIES)

    def hover_rows(rows: pd.DataFrame, with_value: bool) -> np.ndarray:
        value = (
            rows[metric.key].map(lambda v: f"{fmt.number(v, metric.decimals)} {metric.unit}")
            if with_value
            else pd.Series(["deltog inte i kartläggningen"] * len(rows))
        )
        population = (
            rows.apply(
                lambda r: (
                    f"{fmt.number(r['population_20_64'])} (20–64 år, {r['population_20_64_year']})"
                ),
                axis=1,
            )
            if len(rows)
            else pd.Series(dtype=str)
        )
        return (
            np.stack([rows["name"], rows["county"], value, population], axis=-1)
            if len(rows)
            else np.empty((0, 4))
        )

    hovertemplate = (
        "<b>%{customdata[0]}</b><br>%{customdata[1]}<br>"
        f"{metric.label}: %{{customdata[2]}}<br>"
        "Befolkning: %{customdata[3]}<extra></extra>"
    )
    fig = go.Figure()
    fig.add_trace(
        go.Choroplethmap(
            geojson=municipalities,
            featureidkey="properties.kommunkod",
            locations=shown["kommunkod"],
            z=classes.index,
            zmin=-0.5,
            zmax=len(colours) - 0.5,
            colorscale=_stepped_colorscale(colours),
            marker={"line": {"color": "#ffffff", "width": 0.6}, "opacity": 0.95},
            customdata=hover_rows(shown, True),
            hovertemplate=hovertemplate,
            colorbar={
                "title": {"text": f"{metric.label}<br><sup>{metric.unit}</sup>", "side": "top"},
                "tickvals": list(range(len(colours))),
                "ticktext": classes.labels,
                "ticks": "",
                "thickness": 18,
                "len": 0.55,
                "x": 0.02,
                "xanchor": "left",
                "y": 0.97,
                "yanchor": "top",
                "bgcolor": "rgba(255,255,255,0.85)",
            },
            name=metric.label,
        )
    )
    if len(silent):
        fig.add_trace(
            go.Choroplethmap(
                geojson=municipalities,
                featureidkey="properties.kommunkod",
                locations=silent["kommunkod"],
                z=[0] * len(silent),
                colorscale=[[0, NO_ANSWER_COLOUR], [1, NO_ANSWER_COLOUR]],
                showscale=False,
                marker={"line": {"color": "#ffffff", "width": 0.6}},
                customdata=hover_rows(silent, False),
                hovertemplate=hovertemplate,
                name="Deltog inte",
                showlegend=True,
            )
        )
    lons, lats = geo.outline_lines(geo.COUNTIES)
    fig.add_trace(
        go.Scattermap(
            lon=lons,
            lat=lats,
            mode="lines",
            line={"color": COUNTY_BORDER_COLOUR, "width": 1.6},
            hoverinfo="skip",
            name="Länsgräns",
            showlegend=True,
        )
    )
    if highlight is not None and highlight in set(frame["kommunkod"]):
        fig.add_trace(_outline_trace(highlight))
    fig.update_layout(
        map={"style": "white-bg", "center": MAP_CENTER, "zoom": MAP_ZOOM},
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        height=height,
        legend={
            "x": 0.98,
            "xanchor": "right",
            "y": 0.02,
            "yanchor": "bottom",
            "bgcolor": "rgba(255,255,255,0.85)",
        },  # fmt: skip
        separators=", ",
        font={"family": "sans-serif", "size": 14},
    )
    return fig


def _outline_trace(kommunkod: str) -> go.Scattermap:
    lons, lats = geo.outline_lines(geo.MUNICIPALITIES, only=kommunkod)
    return go.Scattermap(
        lon=lons, lat=lats, mode="lines", line={"color": "#d7301f", "width": 3},
        hoverinfo="skip", name="Vald kommun",
    )  # fmt: skip
