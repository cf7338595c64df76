"""The committed boundary files in `geo/` and what can be computed from them."""

from __future__ import annotations

import json
from functools import lru_cache

import numpy as np

from kraftsamling import paths

MUNICIPALITIES = "kommuner_norr4"
COUNTIES = "lan_norr4"
MUNICIPALITIES_NATIONAL = "kommuner_sverige"


@lru_cache(maxsize=4)
def _geojson_text(name: str) -> str:
    return (paths.GEO / f"{name}.geojson").read_text(encoding="utf-8")


def geojson(name: str) -> dict:
    """A fresh copy of a committed GeoJSON FeatureCollection (EPSG:4326)."""
    return json.loads(_geojson_text(name))


def outline_lines(
    name: str = COUNTIES, only: str | None = None, key: str = "kommunkod"
) -> tuple[list[float | None], list[float | None]]:
    """Longitudes and latitudes of every ring of a layer (or of the one feature whose `key`
    is `only`), rings separated by None, for a plotly line trace."""
    lons: list[float | None] = []
    lats: list[float | None] = []
    for feature in geojson(name)["features"]:
        if only is not None and feature["properties"].get(key) != only:
            continue
        geometry = feature["geometry"]
        polygons = (
            geometry["coordinates"]
            if geometry["type"] == "MultiPolygon"
            else [geometry["coordinates"]]
        )
        for polygon in polygons:
            for ring in polygon:
                lons.extend(point[0] for point in ring)
                lats.extend(point[1] for point in ring)
                lons.append(None)
                lats.append(None)
    return lons, lats


@lru_cache(maxsize=4)
def plotly_geojson(name: str) -> dict:
    """The layer for a plotly trace's `geojson`, shared and never to be changed: every ring is
    a read-only numpy array. Plotly copies what it is given and serialises numpy arrays
    natively, so a map costs milliseconds instead of a copy and a walk through thousands of
    Python lists on every run. The JSON it produces is the same as `geojson(name)`'s."""
    collection = geojson(name)
    for feature in collection["features"]:
        geometry = feature["geometry"]
        if geometry["type"] == "MultiPolygon":
            geometry["coordinates"] = [[_ring(r) for r in p] for p in geometry["coordinates"]]
        else:
            geometry["coordinates"] = [_ring(r) for r in geometry["coordinates"]]
    return collection


def _ring(points: list) -> np.ndarray:
    ring = np.asarray(points, dtype=float)
    ring.flags.writeable = False
    return ring


@lru_cache(maxsize=64)
def outline_arrays(
    name: str = COUNTIES, only: str | None = None, key: str = "kommunkod"
) -> tuple[np.ndarray, np.ndarray]:
    """`outline_lines` as read-only float arrays, rings separated by NaN (a gap in plotly)."""
    lons, lats = outline_lines(name, only, key)
    arrays = tuple(
        np.array([np.nan if v is None else v for v in a], dtype=float) for a in (lons, lats)
    )
    for array in arrays:
        array.flags.writeable = False
    return arrays
