"""Auto-pool: the smallest group of neighbouring municipalities that justifies an application.

The rule, in plain words:

- Two municipalities are neighbours when their boundaries in our committed geometry
  (`geo/kommuner_norr4.geojson`) share more than 100 m of border. Meeting at a single point
  is not a border.
- A pool is contiguous when every member can be reached from every other by steps between
  neighbours without leaving the pool. A municipality with no need of its own can still be in
  the pool as a bridge.
- From a home municipality, the auto-pool is the smallest contiguous pool containing it whose
  assessment (`kraftsamling.assessment.assess`) is 'Motiverad'. Among equally small pools we
  take the one with the largest pooled need, then the most LIA places, then the lowest codes.
- The search is exact: it looks at every contiguous pool containing home, one size at a time.
  A pool is dropped from the search only when even its best possible growth cannot reach the
  requirements in time. If the search would have to look at more than `SEARCH_BUDGET` pools,
  or finds nothing within `max_size` municipalities, it falls back to greedy growth: repeatedly
  add the neighbour with the largest need (then the most LIA places, then the lowest code)
  until the pool is justified. The result says which method was used.
- Every requirement only grows harder to miss as municipalities are added, so when the whole
  connected region is not enough, no contiguous pool is, and the result says so.
"""

from __future__ import annotations

import operator
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from kraftsamling import geo, paths
from kraftsamling.assessment import MOTIVATED, Assessment, Thresholds, assess
from kraftsamling.i18n import language

MIN_SHARED_BORDER_M = 100.0  # a shared border shorter than this is a point touch, not a border
METRIC_CRS = "EPSG:3006"  # SWEREF 99 TM, metres
SEARCH_BUDGET = 200_000  # contiguous pools the exact search may assess before it gives up

EXACT = "exakt"
GREEDY = "girig"


# --- The neighbour graph ----------------------------------------------------------------------


@lru_cache(maxsize=4)
def _shared_borders(layer: str) -> tuple[tuple[str, ...], tuple[tuple[str, str, float], ...]]:
    """The layer's codes, and the pairs whose boundaries meet with the shared length in metres."""
    import geopandas as gpd
    import shapely

    features = geo.geojson(layer)["features"]
    frame = gpd.GeoDataFrame.from_features(features, crs="EPSG:4326").to_crs(METRIC_CRS)
    codes = frame["kommunkod"].tolist()
    shapes = list(frame.geometry)
    left, right = shapely.STRtree(shapes).query(shapes, predicate="intersects")
    pairs = []
    for i, j in zip(left.tolist(), right.tolist(), strict=True):
        if i < j:
            length = shapely.intersection(shapes[i].boundary, shapes[j].boundary).length
            pairs.append((codes[i], codes[j], float(length)))
    return tuple(sorted(codes)), tuple(sorted(pairs))


def neighbours(layer: str = geo.MUNICIPALITIES) -> dict[str, frozenset[str]]:
    """Every municipality of the layer mapped to those it shares a border with (> 100 m).
    The geometry is read once per layer; each call returns a fresh dict."""
    codes, pairs = _shared_borders(layer)
    graph: dict[str, set[str]] = {code: set() for code in codes}
    for a, b, length in pairs:
        if length > MIN_SHARED_BORDER_M:
            graph[a].add(b)
            graph[b].add(a)
    return {code: frozenset(others) for code, others in graph.items()}


def is_contiguous(pool: Iterable[str], adjacency: Mapping[str, Iterable[str]]) -> bool:
    """True when the pool is non-empty, lies in the graph and is connected within itself."""
    members = set(pool)
    if not members or not members <= adjacency.keys():
        return False
    start = next(iter(members))
    reached, queue = {start}, deque([start])
    while queue:
        for other in adjacency[queue.popleft()]:
            if other in members and other not in reached:
                reached.add(other)
                queue.append(other)
    return reached == members


# --- The result -------------------------------------------------------------------------------


@dataclass(frozen=True)
class AutoPoolResult:
    home: str
    pool: tuple[str, ...]  # sorted codes (exact) or the order they were added (greedy)
    assessment: Assessment  # of the pool, or of the whole reachable region when nothing works
    found: bool
    method: str  # EXACT or GREEDY; EXACT too when nothing is found, for that is proven
    message: str  # Swedish, whatever the session's language (pages: finder.auto_pool_message)
    examined: int = 0  # contiguous pools the exact search assessed


@lru_cache(maxsize=1)
def _reference_names() -> dict[str, str]:
    table = pd.read_csv(paths.REFERENCE / "municipality.csv", dtype=str, keep_default_na=False)
    return dict(zip(table["kommunkod"], table["name"], strict=True))


# --- The search -------------------------------------------------------------------------------


class _Region:
    """The neighbour graph as bit masks, each municipality's figures per criterion, and the
    requirements, so that thousands of pools can be checked without building a DataFrame."""

    def __init__(self, adjacency, contributions, requirements):
        self.codes = sorted(adjacency)
        index = {code: i for i, code in enumerate(self.codes)}
        self.index = index
        self.adjacent = [0] * len(self.codes)
        for code, others in adjacency.items():
            for other in others:
                if other in index:
                    self.adjacent[index[code]] |= 1 << index[other]
        rows = contributions[contributions["kommunkod"].isin(index)]
        per_code = (
            pd.DataFrame(
                {
                    "need": rows["recruits"],
                    "employers": rows["employers"],
                    "lia": rows["lia_places"],
                    "municipalities": (rows["recruits"] > 0).astype(int),
                }
            )
            .groupby(rows["kommunkod"])
            .sum()
        )
        per_code = per_code.reindex(self.codes, fill_value=0)
        self.keys = tuple(requirements)
        self.values = [tuple(row) for row in per_code[list(self.keys)].itertuples(index=False)]
        self.required = tuple(requirements[key] for key in self.keys)
        self.need_at = self.keys.index("need")
        self.lia_at = self.keys.index("lia")

    def members(self, mask: int) -> list[int]:
        out = []
        while mask:
            low = mask & -mask
            out.append(low.bit_length() - 1)
            mask ^= low
        return out

    def frontier(self, mask: int) -> int:
        around = 0
        for i in self.members(mask):
            around |= self.adjacent[i]
        return around & ~mask

    def justified(self, sums: tuple) -> bool:
        return all(map(operator.ge, sums, self.required))

    def add(self, sums: tuple, i: int) -> tuple:
        return tuple(map(operator.add, sums, self.values[i]))

    def rank(self, mask: int, sums: tuple) -> tuple:
        """Among equally small pools: most need, then most LIA, then the lowest codes."""
        codes = tuple(self.codes[i] for i in self.members(mask))
        return (-sums[self.need_at], -sums[self.lia_at], codes)

    def balls(self, radius: int) -> list[list[int]]:
        """balls[i][d]: the municipalities at most d steps from i, as a mask."""
        out = []
        for start in range(len(self.codes)):
            rings = [1 << start]
            for _ in range(radius):
                rings.append(rings[-1] | self.frontier(rings[-1]))
            out.append(rings)
        return out


def _greedy(region: _Region, home: int) -> tuple[list[int], tuple]:
    """Grow from home by the neighbour with the most need, then LIA, then the lowest code,
    until justified or the whole connected region is in the pool."""
    order, mask = [home], 1 << home
    sums = region.values[home]
    while not region.justified(sums):
        frontier = region.members(region.frontier(mask))
        if not frontier:
            break
        best = min(
            frontier,
            key=lambda i: (
                -region.values[i][region.need_at],
                -region.values[i][region.lia_at],
                region.codes[i],
            ),
        )
        order.append(best)
        mask |= 1 << best
        sums = region.add(sums, best)
    return order, sums


def _exact(region: _Region, home: int, largest: int, budget: int) -> tuple[list[int] | None, int]:
    """The best of the smallest justified contiguous pools containing home with at most
    `largest` members, breadth-first over contiguous pools one size at a time (each pool a bit
    mask, looked at once). Returns (None, examined) when there is none or the budget runs out."""
    balls = region.balls(largest)
    by_criterion = [
        sorted(
            (i for i in range(len(region.codes)) if region.values[i][c] > 0),
            key=lambda i, c=c: -region.values[i][c],
        )
        for c in range(len(region.keys))
    ]

    def may_reach(mask: int, sums: tuple, room: int) -> bool:
        """Optimistic: the pool plus the `room` best municipalities within `room` steps,
        counted separately for each criterion, would meet every requirement."""
        reach = 0
        for i in region.members(mask):
            reach |= balls[i][room]
        reach &= ~mask
        for c, required in enumerate(region.required):
            total, taken = sums[c], 0
            for i in by_criterion[c]:
                if total >= required or taken == room:
                    break
                if reach >> i & 1:
                    total += region.values[i][c]
                    taken += 1
            if total < required:
                return False
        return True

    examined = 1
    if region.justified(region.values[home]):
        return [home], examined
    # Each pool of the current size that may still lead somewhere: mask -> (sums, frontier).
    level = {1 << home: (region.values[home], region.frontier(1 << home))}
    for size in range(2, largest + 1):
        room = largest - size  # members a pool of this size may still add
        seen: set[int] = set()
        winners: list[tuple[int, tuple]] = []
        following: dict[int, tuple[tuple, int]] = {}
        for mask, (sums, frontier) in level.items():
            rest = frontier
            while rest:
                low = rest & -rest
                rest ^= low
                grown = mask | low
                if grown in seen:
                    continue
                seen.add(grown)
                examined += 1
                if examined > budget:
                    return None, examined
                i = low.bit_length() - 1
                grown_sums = region.add(sums, i)
                if region.justified(grown_sums):
                    winners.append((grown, grown_sums))
                elif room and may_reach(grown, grown_sums, room):
                    following[grown] = (grown_sums, (frontier | region.adjacent[i]) & ~grown)
        if winners:
            best, _ = min(winners, key=lambda w: region.rank(*w))
            return region.members(best), examined
        if not following:
            break
        level = following
    return None, examined


def auto_pool(
    home: str,
    candidate_id: str,
    label: str,
    education_area: str | None,
    contributions: pd.DataFrame,
    thresholds: Thresholds,
    adjacency: Mapping[str, Iterable[str]] | None = None,
    max_size: int = 12,
    *,
    budget: int = SEARCH_BUDGET,
    names: Mapping[str, str] | None = None,
) -> AutoPoolResult:
    """The smallest contiguous pool around `home` that justifies the candidate (see the module
    docstring for the rule). `budget=0` skips the exact search and grows greedily."""
    adjacency = neighbours() if adjacency is None else adjacency
    if home not in adjacency:
        raise ValueError(f"{home} is not a municipality of the region")
    names = _reference_names() if names is None else names

    def judge(pool) -> Assessment:
        return assess(candidate_id, label, education_area, contributions, pool, thresholds)

    requirements = {c.key: c.required for c in judge(()).criteria}
    region = _Region(adjacency, contributions, requirements)
    start = region.index[home]

    order, sums = _greedy(region, start)
    if not region.justified(sums):
        everything = judge([region.codes[i] for i in order])
        with language("sv"):  # the record stays Swedish; the page writes its own sentence
            reasons = everything.reasons
        message = (
            "Ingen sammanhängande grupp av kommuner i de fyra länen når kraven för "
            f"{label}: hela regionen ger {reasons}."
        )
        return AutoPoolResult(home, tuple(everything.pool), everything, False, EXACT, message)

    found, examined = None, 0
    if budget > 0:
        found, examined = _exact(region, start, min(len(order), max_size), budget)
    if found is not None:
        pool, method = tuple(sorted(region.codes[i] for i in found)), EXACT
        listed = _outward(pool, home, adjacency)
    else:
        pool = listed = tuple(region.codes[i] for i in order)
        method = GREEDY
    assessment = judge(pool)

    def name(code: str) -> str:
        return names.get(code, code)

    count = f"{len(pool)} kommun" if len(pool) == 1 else f"{len(pool)} kommuner"
    members = ", ".join(name(code) for code in listed)
    if method == EXACT:
        message = (
            f"Minsta sammanhängande grupp kring {name(home)} som motiverar en ansökan: "
            f"{count} ({members})."
        )
    else:
        message = (
            f"Sammanhängande grupp kring {name(home)} som motiverar en ansökan: {count} "
            f"({members}). Gruppen växte stegvis mot grannen med störst behov; "
            "en mindre grupp kan finnas."
        )
    return AutoPoolResult(
        home, pool, assessment, assessment.verdict == MOTIVATED, method, message, examined
    )


def _outward(pool: Iterable[str], home: str, adjacency: Mapping[str, Iterable[str]]) -> list[str]:
    """The pool in the order one meets it walking out from home (nearest first, then by code)."""
    members, order = set(pool), [home]
    for code in order:
        order.extend(sorted(set(adjacency[code]) & members - set(order)))
    return order
