"""The committed boundary files in `geo/` and what can be computed from them."""

from __future__ import annotations

import json
from functools import lru_cache

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
