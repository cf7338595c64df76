"""The boundaries: 44 valid municipalities that tile the region without gaps or overlaps."""

from __future__ import annotations

import geopandas as gpd
import shapely

from kraftsamling import geo, paths


def load(name: str) -> gpd.GeoDataFrame:
    return gpd.read_file(paths.GEO / f"{name}.geojson")


def test_44_municipalities_with_the_codes_of_the_reference_table(con):
    frame = load(geo.MUNICIPALITIES)
    codes = {
        c for (c,) in con.execute("SELECT kommunkod FROM municipality WHERE in_region").fetchall()
    }
    assert len(frame) == 44
    assert set(frame["kommunkod"]) == codes
    assert (frame["kommunkod"].str[:2] == frame["lan_kod"]).all()


def test_every_geometry_is_valid():
    for name in (geo.MUNICIPALITIES, geo.COUNTIES):
        frame = load(name)
        assert frame.is_valid.all(), name
        assert not frame.is_empty.any(), name


def holes(geometries) -> list[float]:
    """Areas (km²) of the holes inside the union of a set of polygons, largest first."""
    union = shapely.union_all(geometries)
    rings = [ring for part in getattr(union, "geoms", [union]) for ring in part.interiors]
    return sorted((shapely.Polygon(ring).area / 1e6 for ring in rings), reverse=True)


def test_no_overlaps_and_no_gaps_between_neighbours(shared_data):
    frame = load(geo.MUNICIPALITIES).to_crs(3006)
    geometries = frame.geometry.values
    # A valid coverage has no overlaps and neighbours share their edges exactly;
    # gap_width also flags slivers narrower than 50 m between neighbours.
    assert shapely.coverage_is_valid(geometries, gap_width=50.0)
    union = shapely.union_all(geometries)
    assert abs(union.area - sum(g.area for g in geometries)) < 1.0  # m², no overlap
    # SCB's generalised layer leaves two large lakes (Storsjön and one in Norrbotten) outside
    # every municipality; the simplified coverage must have those holes and no new ones.
    source = gpd.read_file(shared_data / "geo" / "scb_kommun_sweref99tm" / "Kommun_Sweref99TM.shp")
    source = source.set_crs(3006, allow_override=True)
    source = source[source["KnKod"].str[:2].isin(["22", "23", "24", "25"])]
    ours, theirs = holes(geometries), holes(source.geometry.values)
    assert len(ours) == len(theirs) == 2
    for a, b in zip(ours, theirs, strict=True):
        assert abs(a - b) / b < 0.01


def test_simplification_kept_the_shape_and_the_neighbours(shared_data):
    ours = load(geo.MUNICIPALITIES).to_crs(3006).set_index("kommunkod").sort_index()
    source = gpd.read_file(shared_data / "geo" / "scb_kommun_sweref99tm" / "Kommun_Sweref99TM.shp")
    source = source.set_crs(3006, allow_override=True).set_index("KnKod").loc[ours.index]
    for code in ours.index:
        a, b = ours.geometry[code], source.geometry[code]
        assert a.symmetric_difference(b).area / b.area < 0.02, code

    def neighbours(frame):
        pairs = set()
        for i, left in frame.geometry.items():
            for j, right in frame.geometry.items():
                if i < j and left.intersection(right).length > 100:  # share > 100 m of border
                    pairs.add((i, j))
        return pairs

    assert neighbours(ours) == neighbours(source)


def test_counties_are_the_dissolved_municipalities():
    municipalities = load(geo.MUNICIPALITIES).to_crs(3006)
    counties = load(geo.COUNTIES).to_crs(3006).set_index("lan_kod")
    assert sorted(counties.index) == ["22", "23", "24", "25"]
    for lan, group in municipalities.groupby("lan_kod"):
        dissolved = shapely.union_all(group.geometry.values)
        assert dissolved.symmetric_difference(counties.geometry[lan]).area < 1_000  # m²


def test_municipality_file_is_small_enough_for_the_browser():
    assert (paths.GEO / f"{geo.MUNICIPALITIES}.geojson").stat().st_size <= 100_000


def test_the_national_layer_has_all_290_municipalities():
    frame = load(geo.MUNICIPALITIES_NATIONAL)
    assert len(frame) == 290
    assert frame["kommunkod"].is_unique
