"""Every chart the pages show (maps, bars, treemap, heatmap), without Streamlit: plotly figures,
and presentation mode's first map as an SVG document (choropleth_svg).

The map is plotly's MapLibre choropleth on the built-in blank 'white-bg' style: no tile server,
no font or sprite request, only our own boundaries.
"""

from __future__ import annotations

import math
import textwrap
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from xml.sax.saxutils import escape as _escape

import numpy as np
import pandas as pd
import plotly.colors
import plotly.graph_objects as go

from kraftsamling import fmt, geo
from kraftsamling.i18n import plotly_separators, t
from kraftsamling.metrics import Metric
from kraftsamling.style import BAR_COLOUR, COUNTY_BORDER_COLOUR, PALETTE

NO_ANSWER_COLOUR = "#d9d9d9"
NO_ANSWER_LABEL = "ingen uppgift"  # shown through t()
HIDDEN_CONTRIBUTION_COLOUR = "#9ecae1"
# The change map (issue 12): ColorBrewer RdBu, diverging and colour-blind safe, as ColorBrewer
# gives it for 3, 5 and 7 classes: red a fall, blue a rise (blue is more need, as on the other
# maps), the near-white middle "oförändrat". What cannot be compared is a darker grey than the
# other maps' so that it never reads as the neutral middle.
DIVERGING_COLOURS = {
    1: ("#ef8a62", "#f7f7f7", "#67a9cf"),
    2: ("#ca0020", "#f4a582", "#f7f7f7", "#92c5de", "#0571b0"),
    3: ("#b2182b", "#ef8a62", "#fddbc7", "#f7f7f7", "#d1e5f0", "#67a9cf", "#2166ac"),
}
NOT_COMPARED_COLOUR = "#a3a3a3"
CHANGE_WORDS = {  # a change map's classes in the legend, shown through t()
    "rise": "ökning {range}",
    "fall": "minskning {range}",
    "none": "oförändrat (0)",
}
CHANGE_LEGEND = "röd minskning, blå ökning; grå kan inte jämföras"  # shown through t()
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
    """Class breaks: 'quantiles', 'natural_breaks' (Fisher–Jenks) or 'equal_interval'.

    The breaks are mapclassify's (`Quantiles`, `FisherJenks`, `EqualInterval`). Quantiles and
    equal intervals are one line of numpy each, computed here exactly as mapclassify does
    (tests/test_map.py checks that they agree): importing mapclassify pulls in scipy.stats and
    scikit-learn, about two seconds and 70 MB, which a cold start cannot afford. Fisher–Jenks is
    mapclassify's own, imported when someone asks for it.
    """
    data = np.asarray(values, dtype=float)
    unique = np.unique(data)
    if len(unique) <= 1:
        value = float(unique[0]) if len(unique) else 0.0
        return Classes([value], value, [fmt.number(value, decimals)], np.zeros(len(data), int))
    k = max(2, min(k, len(unique)))
    bins, index = class_breaks(data, scheme, k)
    bins = [float(b) for b in bins]
    # Quantiles on tied data can give empty classes with equal bounds; drop them.
    keep = sorted(set(index.tolist()))
    remap = {old: new for new, old in enumerate(keep)}
    bins = [bins[i] for i in keep]
    index = np.array([remap[i] for i in index], dtype=int)
    lower = float(data.min())
    labels = []
    for i, upper in enumerate(bins):
        low = lower if i == 0 else bins[i - 1]
        # Show classes as closed ranges of values that can occur at the shown precision:
        # (low, upper] -> floor(low)+step .. floor(upper), e.g. (34.2, 35.6] -> 35..35 -> "35".
        scale = 10**decimals
        shown_upper = math.floor(round(upper * scale, 6)) / scale
        shown_low = low if i == 0 else math.floor(round(low * scale, 6)) / scale + 1 / scale
        if shown_low >= shown_upper:
            labels.append(fmt.number(shown_upper, decimals))
        else:
            labels.append(fmt.number_range(shown_low, shown_upper, decimals))
    return Classes(bins, lower, labels, index)


def class_breaks(data: np.ndarray, scheme: str, k: int) -> tuple[np.ndarray, np.ndarray]:
    """mapclassify's upper bounds (`bins`) and class of each value (`yb`) for `scheme`."""
    if scheme == "quantiles":
        # mapclassify.classifiers.quantile: percentiles at 100/k, 200/k, … 100 (linear
        # interpolation, as scipy.stats.scoreatpercentile), ties collapsed.
        step = 100.0 / k
        percents = np.arange(step, 100 + step, step)
        percents[percents > 100.0] = 100.0
        bins = np.unique(np.percentile(data, percents))
    elif scheme == "equal_interval":
        # mapclassify.EqualInterval: k classes of equal width from the minimum; the last
        # bound is the maximum.
        low, high = float(data.min()), float(data.max())
        width = (high - low) / k
        bins = np.arange(low + width, high + width, width)[:k]
        bins[-1] = high
    elif scheme == "natural_breaks":
        import mapclassify  # scipy and scikit-learn: only when Fisher–Jenks is asked for

        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="Numba not installed")
            warnings.filterwarnings("ignore", message="Not enough unique values")
            classifier = mapclassify.FisherJenks(data, k=k)
        return np.asarray(classifier.bins, dtype=float), np.asarray(classifier.yb, dtype=int)
    else:
        raise ValueError(f"Okänd klassindelning: {scheme}")
    # mapclassify.classifiers.bin1d: class i holds (bins[i-1], bins[i]].
    return bins, np.searchsorted(bins, data, side="left").astype(int)


def diverging_classes(values: pd.Series, scheme: str, k: int, decimals: int = 0) -> Classes:
    """Classes of a change, mirrored around 0: `k // 2` classes of the size of the change
    (its absolute value, classed with `scheme`) on each side, falls below, rises above, and a
    neutral middle class for the changes that read 0 at `decimals`. The range is symmetric
    (a fall and a rise of the same size get the same depth of colour); every class is in the
    legend even where no municipality has it. `index` 0 is the largest fall."""
    data = np.asarray(values, dtype=float)
    step = 10.0**-decimals
    zero = np.abs(np.round(data, decimals)) < step / 2
    side = min(max(1, k // 2), max(DIVERGING_COLOURS))
    sizes = np.abs(data[~zero])
    if sizes.size and side == 1:
        bounds, size_index = [float(sizes.max())], np.zeros(sizes.size, dtype=int)
    elif sizes.size:
        by_size = classify(pd.Series(sizes), scheme, side, decimals)
        bounds, size_index = by_size.bins, by_size.index
    else:
        bounds, size_index = [step], np.zeros(0, dtype=int)
    side = len(bounds)
    ranges = []
    for i, upper in enumerate(bounds):
        scale = 10**decimals
        high = math.floor(round(upper * scale, 6)) / scale
        low = step if i == 0 else math.floor(round(bounds[i - 1] * scale, 6)) / scale + step
        low = min(low, high)
        shown = fmt.number(high, decimals) if low >= high else fmt.number_range(low, high, decimals)
        ranges.append(shown)
    labels = [
        *(t(CHANGE_WORDS["fall"], range=r) for r in reversed(ranges)),
        t(CHANGE_WORDS["none"]),
        *(t(CHANGE_WORDS["rise"], range=r) for r in ranges),
    ]
    index = np.full(len(data), side, dtype=int)
    signs = np.sign(data[~zero])
    index[~zero] = side + (signs * (size_index + 1)).astype(int)
    return Classes(list(range(2 * side + 1)), 0.0, labels, index)


def _stepped_colorscale(colours: list[str]) -> list[list]:
    k = len(colours)
    scale: list[list] = []
    for i, colour in enumerate(colours):
        scale.append([i / k, colour])
        scale.append([(i + 1) / k, colour])
    return scale


@lru_cache(maxsize=16)
def _class_colours(k: int) -> tuple[str, ...]:
    if k == 1:
        return tuple(plotly.colors.sample_colorscale(PALETTE, [0.6]))
    return tuple(plotly.colors.sample_colorscale(PALETTE, list(np.linspace(0.12, 1.0, k))))


def class_colours(k: int) -> list[str]:
    """k colours of the sequential palette, light to dark."""
    return list(_class_colours(k))


@dataclass(frozen=True)
class MapClasses:
    """How a choropleth shades a frame: each row's colour is `colours[z[row]]`, the legend's
    classes are `labels` (light to dark, the grey step first when some row has no figure)."""

    z: np.ndarray
    colours: list[str]
    labels: list[str]
    selected: pd.Series
    hidden: pd.Series
    answered: pd.Series

    def fill(self, row: int) -> str:
        return self.colours[int(self.z[row])]


def map_classes(
    need_by_municipality: pd.DataFrame, metric: Metric, scheme: str = "quantiles", k: int = 5
) -> MapClasses:
    """The classes, colours and legend of `choropleth` (and of `choropleth_svg`, which must
    colour every municipality exactly as the plotly map does). Municipalities that did not
    answer the survey, whose figure is hidden or that are outside the selection get a grey
    step of their own at the bottom of the scale."""
    frame = need_by_municipality.reset_index(drop=True)
    selected = frame["selected"] if "selected" in frame else pd.Series(True, index=frame.index)
    hidden = (
        frame["suppressed"].astype(bool)
        if metric.from_survey and "suppressed" in frame
        else pd.Series(False, index=frame.index)
    )
    answered = selected & (frame["participated"] | (not metric.from_survey)) & ~hidden
    grey, grey_label = NO_ANSWER_COLOUR, t(NO_ANSWER_LABEL)
    if metric.bands:  # fixed classes (the providers' response rate): the value is the band
        index = frame.loc[answered, metric.key].to_numpy(dtype=int)
        classes = Classes(list(range(len(metric.bands))), 0, [t(b) for b in metric.bands], index)
        colours = class_colours(len(classes.bins))
    elif metric.diverging:  # a change (the change map): falls red, rises blue, 0 neutral
        classes = diverging_classes(frame.loc[answered, metric.key], scheme, k, metric.decimals)
        colours = list(DIVERGING_COLOURS[len(classes.bins) // 2])
        grey, grey_label = NOT_COMPARED_COLOUR, t(metric.missing)
    else:
        classes = classify(frame.loc[answered, metric.key], scheme, k, metric.decimals)
        colours = class_colours(len(classes.bins))
    labels = list(classes.labels)
    # One trace carries the geometry once (payload); municipalities that did not answer get
    # their own grey step at the bottom of the colour scale, labelled in the legend.
    z = np.zeros(len(frame), dtype=int)
    if not answered.any():  # nothing to class (e.g. every figure hidden): grey only
        colours, labels = [grey], [grey_label]
    elif (~answered).any():
        colours = [grey, *colours]
        labels = [grey_label, *labels]
        z[answered.to_numpy()] = classes.index + 1
    else:
        z[:] = classes.index
    return MapClasses(z, colours, labels, selected, hidden, answered)


def choropleth(
    need_by_municipality: pd.DataFrame,
    metric: Metric,
    scheme: str = "quantiles",
    k: int = 5,
    highlight: str | None = None,
    height: int = 640,
) -> go.Figure:
    """A choropleth of the region's municipalities for one metric, with county borders on top.

    `need_by_municipality` has one row per municipality (queries/municipality_figures.sql).
    Municipalities that did not answer the survey are drawn grey for survey metrics, never as
    zero.
    """
    frame = need_by_municipality.reset_index(drop=True)
    shading = map_classes(frame, metric, scheme, k)
    selected, hidden, answered = shading.selected, shading.hidden, shading.answered
    z, colours, labels = shading.z, shading.colours, shading.labels

    label, unit = t(metric.label), t(metric.unit)
    if metric.bands:
        value_text = frame[metric.key].map(lambda v: "" if pd.isna(v) else t(metric.bands[int(v)]))
    else:
        sign = "+" if metric.diverging else ""  # a change: +79, −79, 0

        def _value(v) -> str:
            shown = fmt.number(v, metric.decimals)
            rise = not pd.isna(v) and round(float(v), metric.decimals) > 0
            return f"{sign if rise else ''}{shown} {unit}"

        value_text = frame[metric.key].map(_value)
    value_text[~answered & selected] = t(metric.missing)
    if "grey_reason" in frame:  # the change map says why a municipality cannot be compared
        why = frame["grey_reason"].notna() & ~answered & selected
        value_text[why] = frame.loc[why, "grey_reason"]
    value_text[hidden & selected] = _hidden_text(frame.get("hidden"), hidden & selected)
    value_text[~selected] = t("ingår inte i urvalet")
    population_text = [
        t("{population} (20–64 år, {year})", population=fmt.number(p), year=year)
        for p, year in zip(frame["population_20_64"], frame["population_20_64_year"], strict=True)
    ]
    columns = [frame["name"], frame["county"], value_text, population_text]
    hovertemplate = (
        "<b>%{customdata[0]}</b><br>%{customdata[1]}<br>"
        f"{label}: %{{customdata[2]}}<br>" + t("Befolkning: %{customdata[3]}")
    )
    if "respondents_class" in frame:  # providers: the municipality's respondents as a class
        columns.append(
            frame["respondents_class"].map(
                lambda c: t("deltog inte") if pd.isna(c) else str(c).replace("-", "–")
            )
        )
        hovertemplate += "<br>" + t("Svarande i kommunen: %{customdata[4]}")
    customdata = np.stack(columns, axis=-1)
    hovertemplate += "<extra></extra>"
    title = f"{label}: {t(CHANGE_LEGEND)}" if metric.diverging else label
    traces = [
        _class_trace(frame, z, colours, labels, title, customdata, hovertemplate, name=label),
        _county_borders(showlegend=True),
    ]
    if highlight is not None and highlight in set(frame["kommunkod"]):
        traces.append(_outline_trace(highlight))
    return _map_figure(traces, height)


# ------------------------------------------------------------------ the map as an SVG
# Presentation mode's first step draws the map without plotly's 4.7 MB of JavaScript (issue 14):
# the same classes and colours (map_classes), the same Web Mercator projection as MapLibre's,
# county borders on top, names as text and the legend beside the map. No font, tile or request:
# the browser's own sans-serif draws the text.
SVG_PAD = 8  # user units around the map
SVG_LEGEND_GAP = 24
SVG_CHAR = 0.6  # a character's width in a bold sans-serif, as a share of the font size
SVG_LINE = 1.25  # a line of text's height, as a share of the font size


def _mercator(lon: float, lat: float) -> tuple[float, float]:
    """Web Mercator (MapLibre's projection), y growing northwards, in radians."""
    return math.radians(lon), math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


@lru_cache(maxsize=4)
def _projected(
    name: str, key: str
) -> tuple[tuple[str, tuple[tuple[tuple[float, float], ...], ...]], ...]:
    """Every feature of a layer as (its `key`, its rings in Web Mercator)."""
    features = []
    for feature in geo.geojson(name)["features"]:
        geometry = feature["geometry"]
        polygons = (
            geometry["coordinates"]
            if geometry["type"] == "MultiPolygon"
            else [geometry["coordinates"]]
        )
        rings = tuple(
            tuple(_mercator(lon, lat) for lon, lat, *_ in ring)
            for polygon in polygons
            for ring in polygon
        )
        features.append((str(feature["properties"].get(key, "")), rings))
    return tuple(features)


@dataclass(frozen=True)
class _Frame:
    """Web Mercator to the SVG's user units (the region fitted into `width` × `height`)."""

    west: float
    north: float
    scale: float

    def point(self, x: float, y: float) -> tuple[float, float]:
        return (SVG_PAD + (x - self.west) * self.scale, SVG_PAD + (self.north - y) * self.scale)

    def path(self, rings) -> str:
        parts = []
        for ring in rings:
            points = [self.point(x, y) for x, y in ring]
            parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z")
        return "".join(parts)


def _text_box(x: float, y: float, text: str, size: float) -> tuple[float, float, float, float]:
    half = len(text) * SVG_CHAR * size / 2
    return (x - half, y - size * SVG_LINE / 2, x + half, y + size * SVG_LINE / 2)


def _overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def svg_labels(
    names_at: Sequence[tuple[str, float, float]], text_px: float, height: float = 0
) -> list[tuple[str, float, float]]:
    """Where the names go in `choropleth_svg` ((name, x, y) in user units, most important
    first): each at its point, moved inside the map, and left out where it would cover a more
    important one (as presentation.js does on the plotly maps)."""
    frame, width, height = _svg_frame(height)
    placed: list[tuple[str, float, float]] = []
    boxes: list[tuple[float, float, float, float]] = []
    for name, lon, lat in names_at:
        x, y = frame.point(*_mercator(lon, lat))
        half = len(name) * SVG_CHAR * text_px / 2
        x = min(max(x, half), width - half)
        y = min(max(y, text_px), height - text_px)
        box = _text_box(x, y, name, text_px)
        if any(_overlaps(box, other) for other in boxes):
            continue
        boxes.append(box)
        placed.append((name, x, y))
    return placed


def escape(text: str) -> str:
    """Text or an attribute's value for the SVG: &, <, > and quotes as entities."""
    return _escape(str(text), {'"': "&quot;", "'": "&#39;"})


SVG_MAP_HEIGHT = 440  # the map's height in user units (the image scales to its container)


def _svg_frame(height: float = 0) -> tuple[_Frame, float, float]:
    """The projection of the region's municipalities into a map `height` units tall, and the
    map's width and height with its padding."""
    height = height or SVG_MAP_HEIGHT
    xs = [
        x for _, rings in _projected(geo.MUNICIPALITIES, "kommunkod") for r in rings for x, _ in r
    ]
    ys = [
        y for _, rings in _projected(geo.MUNICIPALITIES, "kommunkod") for r in rings for _, y in r
    ]
    scale = (height - 2 * SVG_PAD) / (max(ys) - min(ys))
    width = (max(xs) - min(xs)) * scale + 2 * SVG_PAD
    return _Frame(min(xs), max(ys), scale), width, height


def choropleth_svg(
    need_by_municipality: pd.DataFrame,
    metric: Metric,
    names_at: Sequence[tuple[str, float, float]] = (),
    text_px: float = 20,
    scheme: str = "quantiles",
    k: int = 5,
    height: float = 0,
) -> str:
    """`choropleth`'s map as one SVG document: every municipality filled with the colour the
    plotly map gives it (map_classes), county borders, the names `names_at` ((name, lon, lat),
    most important first; see svg_labels) and the legend of the classes to the right, every
    text `text_px` user units and XML-escaped. Its size is in user units (a viewBox): shown
    as an image, it scales to its container."""
    frame = need_by_municipality.reset_index(drop=True)
    shading = map_classes(frame, metric, scheme, k)
    projection, map_width, map_height = _svg_frame(height)
    shapes = dict(_projected(geo.MUNICIPALITIES, "kommunkod"))
    line = text_px * SVG_LINE

    title = f"{t(metric.label)}: {t(CHANGE_LEGEND)}" if metric.diverging else t(metric.label)
    title_lines = textwrap.wrap(title, 22) or [""]
    # the legend as plotly's colour bar reads it: the darkest class on top, grey at the bottom
    entries = list(zip(shading.colours, shading.labels, strict=True))[::-1]
    border_label = t("Länsgräns")
    swatch = text_px
    texts = [*title_lines, *(f"{label}" for _, label in entries), border_label]
    legend_width = max(len(text) for text in texts) * SVG_CHAR * text_px + swatch + 12
    legend_height = line * (len(title_lines) + len(entries) + 1) + line / 2
    width = map_width + SVG_LEGEND_GAP + legend_width + SVG_PAD
    total_height = max(map_height, legend_height + 2 * SVG_PAD)

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {total_height:.0f}" '
        f'width="{width:.0f}" height="{total_height:.0f}" font-family="sans-serif" '
        f'font-size="{text_px}" fill="#262730" data-kraftsamling="map">'
    ]
    out.append(f"<title>{escape(title)}</title>")
    out.append('<g stroke="#ffffff" stroke-width="0.6" fill-opacity="0.95">')
    for row, code in enumerate(frame["kommunkod"]):
        rings = shapes.get(str(code))
        if not rings:
            continue
        out.append(
            f'<path data-kommunkod="{escape(str(code))}" fill="{escape(shading.fill(row))}" '
            f'd="{projection.path(rings)}"/>'
        )
    out.append("</g>")
    borders = "".join(projection.path(rings) for _, rings in _projected(geo.COUNTIES, "lan_kod"))
    out.append(
        f'<path class="county" fill="none" stroke="{COUNTY_BORDER_COLOUR}" '
        f'stroke-width="1.6" stroke-linejoin="round" d="{borders}"/>'
    )
    out.append(
        '<g class="labels" font-weight="600" fill="#111111" text-anchor="middle" '
        'dominant-baseline="central" stroke="#ffffff" stroke-width="3" paint-order="stroke" '
        'stroke-linejoin="round">'
    )
    for name, x, y in svg_labels(names_at, text_px, height):
        out.append(f'<text class="label" x="{x:.1f}" y="{y:.1f}">{escape(name)}</text>')
    out.append("</g>")

    left = map_width + SVG_LEGEND_GAP
    top = max(SVG_PAD, (total_height - legend_height) / 2)
    out.append('<g class="legend" dominant-baseline="central">')
    y = top + line / 2
    for text in title_lines:
        out.append(f'<text x="{left:.1f}" y="{y:.1f}">{escape(text)}</text>')
        y += line
    for colour, label in entries:
        out.append(
            f'<rect x="{left:.1f}" y="{y - swatch / 2:.1f}" width="{swatch}" height="{swatch}" '
            f'fill="{escape(colour)}" fill-opacity="0.95" stroke="#ffffff" stroke-width="0.6"/>'
        )
        out.append(f'<text x="{left + swatch + 8:.1f}" y="{y:.1f}">{escape(label)}</text>')
        y += line
    out.append(
        f'<line x1="{left:.1f}" y1="{y:.1f}" x2="{left + swatch:.1f}" y2="{y:.1f}" '
        f'stroke="{COUNTY_BORDER_COLOUR}" stroke-width="1.6"/>'
    )
    out.append(f'<text x="{left + swatch + 8:.1f}" y="{y:.1f}">{escape(border_label)}</text>')
    out.append("</g></svg>")
    return "".join(out)


def _hidden_text(reasons: pd.Series | None, mask: pd.Series) -> list[str]:
    """What a hidden municipality's hover says: '<3' and why, or 'dold' and why."""
    from kraftsamling.privacy import FEW, min_respondents

    n = min_respondents()
    few = t("{label} (färre än {n} svarande)", label=_few_label(), n=n)
    other = t("dold (skyddar en annan siffra, eller en svarande står för nästan allt)")
    if reasons is None:
        return [few] * int(mask.sum())
    return [few if r == FEW else other for r in reasons[mask]]


def _class_trace(
    frame: pd.DataFrame,
    z,
    colours: list[str],
    labels: list[str],
    title: str,
    customdata,
    hovertemplate: str,
    name: str | None = None,
) -> go.Choroplethmap:
    """The region's municipalities coloured by class index `z`, one colour and one legend
    label per class, legend to the right of the map (see _map_figure)."""
    return go.Choroplethmap(
        geojson=geo.plotly_geojson(geo.MUNICIPALITIES),
        featureidkey="properties.kommunkod",
        locations=frame["kommunkod"],
        z=z,
        zmin=-0.5,
        zmax=len(colours) - 0.5,
        colorscale=_stepped_colorscale(colours),
        marker={"line": {"color": "#ffffff", "width": 0.6}, "opacity": 0.95},
        customdata=customdata,
        hovertemplate=hovertemplate,
        colorbar={
            "title": {"text": "<br>".join(textwrap.wrap(title, 22)), "side": "top"},
            "tickvals": list(range(len(colours))),
            "ticktext": labels,
            "ticks": "",
            "thickness": 18,
            "len": 0.6,
            "x": 0.80,
            "xanchor": "left",
            "y": 0.5,
            "yanchor": "middle",
        },
        name=name,
    )


def _county_borders(showlegend: bool) -> go.Scattermap:
    lons, lats = geo.outline_arrays(geo.COUNTIES)
    return go.Scattermap(
        lon=lons,
        lat=lats,
        mode="lines",
        line={"color": COUNTY_BORDER_COLOUR, "width": 1.6},
        hoverinfo="skip",
        name=t("Länsgräns"),
        showlegend=showlegend,
    )


def _map_figure(traces: list, height: int, showlegend: bool = True) -> go.Figure:
    """The blank MapLibre map of the region with `traces` on it and room for the colour bar
    on the right. Built in one go: plotly's update_layout costs more than the whole layout."""
    layout = go.Layout(
        map={
            "style": "white-bg",
            "center": MAP_CENTER,
            "zoom": MAP_ZOOM,
            "domain": {"x": [0, 0.78], "y": [0, 1]},
        },
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        height=height,
        showlegend=showlegend,
        legend={
            "x": 0.02,
            "xanchor": "left",
            "y": 0.98,
            "yanchor": "top",
            "bgcolor": "rgba(255,255,255,0.85)",
        },
        separators=plotly_separators(),
        font={"family": "sans-serif", "size": 14, "color": "#262730"},
    )
    return go.Figure(data=traces, layout=layout)


def _outline_trace(kommunkod: str) -> go.Scattermap:
    lons, lats = geo.outline_arrays(geo.MUNICIPALITIES, only=kommunkod)
    return go.Scattermap(
        lon=lons,
        lat=lats,
        mode="lines",
        line={"color": "#d7301f", "width": 3},
        hoverinfo="skip",
        name=t("Vald kommun"),
    )


# ------------------------------------------------------------------ clusters and occupations
SUPPLY_COLOUR = "#a1dab4"


def _layout(fig: go.Figure, height: int) -> go.Figure:
    fig.update_layout(
        height=height,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        separators=plotly_separators(),
        font={"family": "sans-serif", "size": 14, "color": "#262730"},
        plot_bgcolor="#ffffff",
        paper_bgcolor="#ffffff",
    )
    return fig


def _few_label() -> str:
    """What a figure from fewer than N respondents reads ("<3" unless N is configured)."""
    from kraftsamling.privacy import label, min_respondents

    return label(min_respondents())


def _shown(value, decimals: int = 0, hidden: str | None = None) -> str:
    if pd.isna(value):
        return _few_label() if hidden is None else hidden
    return fmt.number(value, decimals)


def _need_bars(x, clusters, text: list[str], axis_end: float, **trace) -> go.Figure:
    """The need per cluster as horizontal bars in the bar colour, each labelled outside its
    bar (`text`), on an x axis of people to recruit from 0 to `axis_end`; `trace`: the hover."""
    fig = go.Figure(
        go.Bar(
            x=x,
            y=clusters,
            orientation="h",
            marker_color=BAR_COLOUR,
            text=text,
            textposition="outside",
            cliponaxis=False,
            name=t("Rekryteringsbehov"),
            **trace,
        )
    )
    fig.update_xaxes(title=t("Personer att rekrytera"), gridcolor="#eeeeee", range=[0, axis_end])
    return fig


def cluster_bars(
    clusters: pd.DataFrame, title: str | None = None, hidden: str | None = None
) -> go.Figure:
    """Horizontal bars, largest need on top (queries/need_by_cluster.sql). Suppressed clusters
    (providers' view) get no bar, only the label `hidden`. The default title is
    'Rekryteringsbehov per kluster' in the current language."""
    if title is None:
        title = t("Rekryteringsbehov per kluster")
    frame = clusters.sort_values("recruits", na_position="first")
    text = [_shown(v, 0, hidden) for v in frame["recruits"]]
    custom = np.stack(
        [[_shown(v, 0, hidden) for v in frame[c]] for c in ("employers", "lia_places")]
        + [frame["occupations"], frame["municipalities"], text],
        axis=-1,
    )
    fig = _need_bars(
        # a hidden cluster is a bar of length 0: plotly writes no label for a missing x
        frame["recruits"].astype("Float64").fillna(0),
        frame["cluster"],
        text,
        1.15 * max(1, float(frame["recruits"].fillna(0).max())),
        customdata=custom,
        hovertemplate=t(
            "<b>%{y}</b><br>Behov: %{customdata[4]}<br>Arbetsgivare: %{customdata[0]}"
            "<br>LIA-platser: %{customdata[1]}<br>Yrken: %{customdata[2]}"
            "<br>Kommuner: %{customdata[3]}<extra></extra>"
        ),
    )
    fig.update_layout(title={"text": title, "x": 0})
    return _layout(fig, max(320, 34 * len(frame) + 80))


def occupation_treemap(occupations: pd.DataFrame, clusters: pd.DataFrame) -> go.Figure:
    """Cluster → SSYK-4 as a treemap sized by need (queries/need_by_occupation.sql and
    need_by_cluster.sql). Suppressed occupations are left out; what a cluster holds beyond its
    shown occupations is one box 'dolda yrken', so the chart always adds up."""
    clusters = clusters[clusters["recruits"].fillna(0) > 0][["cluster", "recruits"]]
    frame = occupations[
        (occupations["recruits"].fillna(0) > 0) & occupations["cluster"].isin(clusters["cluster"])
    ]
    ids = [f"k:{c}" for c in clusters["cluster"]] + [f"o:{s}" for s in frame["ssyk4"]]
    labels = list(clusters["cluster"]) + [
        f"{s} {n}" for s, n in zip(frame["ssyk4"], frame["occupation_name"], strict=True)
    ]
    parents = [""] * len(clusters) + [f"k:{c}" for c in frame["cluster"]]
    values = [int(v) for v in clusters["recruits"]] + [int(v) for v in frame["recruits"]]
    shown = frame.groupby("cluster")["recruits"].sum()
    for cluster, total in zip(clusters["cluster"], clusters["recruits"], strict=True):
        rest = int(total) - int(shown.get(cluster, 0))
        if rest > 0:  # the cluster's hidden occupations, together
            ids.append(f"d:{cluster}")
            labels.append(t("dolda yrken"))
            parents.append(f"k:{cluster}")
            values.append(rest)
        elif rest < 0:  # the occupations count more than the cluster: the cluster is their sum
            values[list(clusters["cluster"]).index(cluster)] = int(shown.get(cluster, 0))
    fig = go.Figure(
        go.Treemap(
            ids=ids,
            labels=labels,
            parents=parents,
            values=values,
            branchvalues="total",
            hovertemplate=t("<b>%{label}</b><br>Behov: %{value:,.0f}<extra></extra>"),
            marker={"colors": values, "colorscale": PALETTE},
            textinfo="label+value",
        )
    )
    return _layout(fig, 560)


def cluster_heatmap(
    matrix: pd.DataFrame, value: str = "recruits", hidden_label: str | None = None
) -> go.Figure:
    """Municipality × cluster heat map (queries/need_by_municipality_cluster.sql)."""
    if hidden_label is None:
        hidden_label = _few_label()
    pivot = matrix.assign(**{value: matrix[value].astype(float)}).pivot_table(
        index="name", columns="cluster", values=value, fill_value=0, dropna=False
    )
    pivot = pivot.sort_index(ascending=False)
    per_1000 = value == "recruits_per_1000"
    hidden = set()
    if "suppressed" in matrix:
        hidden = set(
            zip(
                matrix.loc[matrix["suppressed"], "name"],
                matrix.loc[matrix["suppressed"], "cluster"],
                strict=True,
            )
        )
    text = [
        [
            hidden_label if (name, cluster) in hidden else fmt.number(v, 1 if per_1000 else 0)
            for cluster, v in zip(pivot.columns, row, strict=True)
        ]
        for name, row in zip(pivot.index, pivot.to_numpy(), strict=True)
    ]
    z = pivot.to_numpy(dtype=float, copy=True)
    rows = {name: i for i, name in enumerate(pivot.index)}
    columns = {cluster: j for j, cluster in enumerate(pivot.columns)}
    for name, cluster in hidden:  # a hidden cell is blank, never coloured as a value
        z[rows[name], columns[cluster]] = np.nan  # (by position: .loc per cell cost 0.1 s)
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=list(pivot.columns),
            y=list(pivot.index),
            colorscale=PALETTE,
            text=text,
            texttemplate="%{text}",
            hovertemplate="<b>%{y}</b><br>%{x}<br>%{text}<extra></extra>",
            colorbar={"title": {"text": t("per 1 000 inv.") if per_1000 else t("personer")}},
        )
    )
    fig.update_xaxes(tickangle=-35, side="top")
    return _layout(fig, max(360, 26 * len(pivot) + 200))


# Okabe–Ito: a qualitative palette that colour-blind readers can tell apart.
def share_bars(shares: pd.DataFrame, name: str) -> go.Figure:
    frame = shares.sort_values("share_region")
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            y=frame["cluster"],
            x=100 * frame["share_region"],
            orientation="h",
            name=t("Urvalet"),
            marker_color=SUPPLY_COLOUR,
            hovertemplate=t("%{y}: %{x:.1f} %") + "<extra>" + t("Urvalet") + "</extra>",
        )
    )
    fig.add_trace(
        go.Bar(
            y=frame["cluster"],
            x=100 * frame["share_own"],
            orientation="h",
            name=name,
            marker_color=BAR_COLOUR,
            hovertemplate=t("%{y}: %{x:.1f} %") + "<extra>" + name + "</extra>",
        )
    )
    fig.update_layout(barmode="group", legend={"orientation": "h", "y": 1.05, "x": 0})
    fig.update_xaxes(title=t("Andel av rekryteringsbehovet (%)"), gridcolor="#eeeeee")
    return _layout(fig, max(360, 44 * len(frame) + 100))


GROUP_COLOURS = [
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#000000",
]


def group_map(
    frame: pd.DataFrame, labels: dict[str, int], descriptions: dict[int, str]
) -> go.Figure:
    """The region's municipalities coloured by need-profile group; the rest grey."""
    frame = frame.reset_index(drop=True)
    k = max(labels.values()) if labels else 0
    colours = [NO_ANSWER_COLOUR, *GROUP_COLOURS[:k]]
    z = [labels.get(code, 0) for code in frame["kommunkod"]]
    group_text = [
        t("Grupp {group}", group=labels[c])
        if c in labels
        else t("ingen grupp (för få svar eller ej i urval)")
        for c in frame["kommunkod"]
    ]
    groups = _class_trace(
        frame,
        z,
        colours,
        [t("ingen grupp"), *[t("Grupp {group}", group=g) for g in range(1, k + 1)]],
        t("Behovsprofil"),
        np.stack([frame["name"], group_text], axis=-1),
        "<b>%{customdata[0]}</b><br>%{customdata[1]}<extra></extra>",
    )
    return _map_figure([groups, _county_borders(showlegend=False)], 640, showlegend=False)


def contribution_map(
    frame: pd.DataFrame,
    contributions: pd.DataFrame,
    pool: list[str] | tuple[str, ...],
    title: str,
    highlight: str | None = None,
) -> go.Figure:
    """The pool's municipalities coloured by what they contribute to one candidate's need;
    municipalities outside the pool grey, pool members with no need the palest class."""
    frame = frame.reset_index(drop=True)
    need = dict(zip(contributions["kommunkod"], contributions["recruits"], strict=True))
    in_pool = frame["kommunkod"].isin(pool)
    values = pd.Series([need.get(c, 0) for c in frame["kommunkod"]], dtype="Float64")
    hidden = values.isna().to_numpy() & in_pool.to_numpy()  # suppressed: providers' view
    values = values.astype(float)
    in_pool = in_pool & ~hidden
    classes = classify(values[in_pool], "natural_breaks", 5)
    colours = [NO_ANSWER_COLOUR, *class_colours(len(classes.bins))]
    if not (values[in_pool] > 0).any():  # no shown need at all: one class, the palest
        colours = [NO_ANSWER_COLOUR, class_colours(2)[0]]
    labels = [t("utanför gruppen"), *classes.labels]
    z = np.zeros(len(frame), dtype=int)
    offset = 1
    if hidden.any():
        # Contributing municipalities whose figure is hidden still show that they contribute.
        colours.insert(1, HIDDEN_CONTRIBUTION_COLOUR)
        labels.insert(1, t("bidrar (antal dolt)"))
        z[hidden] = 1
        offset = 2
    z[in_pool.to_numpy()] = classes.index + offset
    from kraftsamling.privacy import min_respondents

    gone_text = t(
        "bidrar; antalet visas inte (färre än {n} svarande eller dolt för att skydda en annan "
        "siffra)",
        n=min_respondents(),
    )
    text = [
        gone_text
        if gone
        else (t("{n} personer", n=fmt.number(v)) if inside else t("utanför gruppen"))
        for v, inside, gone in zip(values, in_pool, hidden, strict=True)
    ]
    traces = [
        _class_trace(
            frame,
            z,
            colours,
            labels,
            title,
            np.stack([frame["name"], text], axis=-1),
            t("<b>%{customdata[0]}</b><br>Behov: %{customdata[1]}<extra></extra>"),
        ),
        _county_borders(showlegend=False),
    ]
    if highlight:
        traces.append(_outline_trace(highlight))
    return _map_figure(traces, 600, showlegend=False)


# ------------------------------------------------------------------ presentation: need and supply
def need_and_supply(
    clusters: pd.DataFrame, supply: pd.DataFrame, hidden: str, bars: int = 8
) -> go.Figure:
    """The largest clusters' need as bars, each with the YH supply already granted in its
    education area written beside it (kraftsamling.supply.area_supply: the newest rounds'
    programmes with a study location in the selection and their places per intake, and the
    distance programmes anywhere in Sweden): what presentation mode's step 2 promises, for
    the `bars` largest clusters."""
    merged = clusters.merge(supply, on="education_area", how="left")
    merged = merged.sort_values("recruits", ascending=False, na_position="last")
    top = merged.head(bars).iloc[::-1]
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
                programmes=_whole(programmes),
                places=_whole(places),
                distance=_whole(distance),
            )
        )
    largest = float(need.fillna(0).max()) if len(need) else 1.0
    fig = _need_bars(
        need.fillna(0), top["cluster"], text, 2.3 * max(1.0, largest), hoverinfo="skip"
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


def _whole(value) -> str:
    return "0" if value is None or pd.isna(value) else fmt.number(int(value))
