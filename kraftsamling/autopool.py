"""Auto-pool: the smallest group of neighbouring municipalities that justifies an application.

The rule, in plain words:

- Two municipalities are neighbours when their boundaries in our committed geometry
  (`geo/kommuner_norr4.geojson`) share more than 100 m of border. Meeting at a single point
  is not a border.
- A pool is contiguous when every member can be reached from every other by steps between
  neighbours without leaving the pool. A municipality with no need of its own can still be in
  the pool as a bridge.
- From a home municipality, the auto-pool is the smallest contiguous pool containing it that
  reaches every requirement of the assessment (`kraftsamling.assessment`: need with its margin,
  employers, LIA places, contributing municipalities).
- A pool has at most ten municipalities (`MAX_POOL`): one application names at most ten study
  locations (`kraftsamling.study_locations`), and a pool of more would leave municipalities
  without one. When no pool of ten or fewer reaches the requirements the result says so
  (`TOO_LARGE`), and when even the whole connected region does not, it says that
  (`REGION_SHORT`). It never offers a larger pool instead.
- The size is exact. First a search through the contiguous pools around home, size by size,
  that leaves out every pool whose best possible additions cannot reach a requirement
  (`_enumerate`: each contiguous pool is met once, by taking or passing over one neighbour of
  the pool at a time). It decides the example wave's hardest cases in a tenth of the time of
  the programme below, but the number of pools grows fast with the graph, so it stops after
  `ENUMERATION_BUDGET` pools looked at and leaves the question to a small integer programme
  (`scipy.optimize.milp`, HiGHS) over the municipalities within reach, solved again with a cut
  added for each part of its answer that is not connected to home until the answer is
  contiguous (`_Programme`). A greedy growth from home
  gives the starting upper bound (the programme then only asks whether a smaller pool exists)
  and counting the largest figures ring by ring out from home gives the lower bound; when they
  meet, no programme is needed. Bridges that cannot lie on a short path to a municipality with
  figures are left out of the programme, for a smallest pool never holds them. The programme
  has a time limit (`TIME_LIMIT`); if it runs out the result says what is proven and what is
  not (`NOT_PROVEN`: a pool, but perhaps not the smallest; `UNDECIDED`: none found yet).
- Among equally small pools we prefer more need, then more LIA places, then lower codes: the
  pool found is improved by exchanging one member for a neighbour at a time while that makes
  it better and keeps it contiguous and justified. That is a local best: another pool of the
  same size may have more need; none is smaller. (Proving the best of all equally small pools
  takes the solver seconds on cluster candidates; the size is what the rule promises.)

`smallest_pool` is the search as a pure function over each municipality's figures, the
neighbour graph and the requirements, so that it can be fed the administrators' figures or the
providers' published ones alike; `auto_pool` wraps it for one candidate's rows.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from kraftsamling import geo
from kraftsamling.assessment import Assessment, Thresholds, assess
from kraftsamling.i18n import t
from kraftsamling.study_locations import MAX_LOCATIONS

MIN_SHARED_BORDER_M = 100.0  # a shared border shorter than this is a point touch, not a border
METRIC_CRS = "EPSG:3006"  # SWEREF 99 TM, metres
MAX_POOL = MAX_LOCATIONS  # at most ten municipalities: one study location each
ENUMERATION_BUDGET = 60_000  # pools the exact search may look at before the programme decides
TIME_LIMIT = 5.0  # seconds the integer programme may take before the result says "not proven"

# The outcome of a search
FOUND = "FOUND"  # the smallest pool, proven
NOT_PROVEN = "NOT_PROVEN"  # a pool of at most ten reaches the requirements; a smaller may too
TOO_LARGE = "TOO_LARGE"  # the region reaches the requirements, but no pool of ten or fewer does
REGION_SHORT = "REGION_SHORT"  # not even the whole connected region reaches the requirements
UNDECIDED = "UNDECIDED"  # the time ran out before a pool was found or ruled out
FOUND_STATUSES = (FOUND, NOT_PROVEN)
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


# --- The requirements and each municipality's figures -----------------------------------------

CRITERIA = ("need", "employers", "lia", "municipalities")  # the order of the figures below
NOTHING = (0, 0, 0, 0)


@dataclass(frozen=True)
class Requirements:
    """What a pool must reach: the assessment's requirements (`kraftsamling.assessment`)."""

    need: int
    employers: int
    lia: int
    municipalities: int

    @classmethod
    def of(cls, thresholds: Thresholds) -> Requirements:
        return cls(
            thresholds.required_need,
            thresholds.min_employers,
            thresholds.required_lia,
            thresholds.min_municipalities,
        )

    def values(self) -> tuple[int, int, int, int]:
        return (self.need, self.employers, self.lia, self.municipalities)


def figures_of(contributions: pd.DataFrame) -> dict[str, tuple[int, int, int, int]]:
    """Each municipality's figures for one candidate, in the order of `CRITERIA`: need,
    employers, LIA places, and contributing rows (need > 0), summed over its rows
    (`kommunkod`, `recruits`, `employers`, `lia_places`). A hidden figure counts as nothing."""
    rows = contributions[["kommunkod", "recruits", "employers", "lia_places"]].copy()
    for column in ("recruits", "employers", "lia_places"):
        rows[column] = pd.to_numeric(rows[column], errors="coerce").fillna(0).astype("int64")
    rows["contributing"] = (rows["recruits"] > 0).astype("int64")
    summed = rows.groupby("kommunkod")[["recruits", "employers", "lia_places", "contributing"]]
    return {code: tuple(int(v) for v in values) for code, values in summed.sum().iterrows()}


# --- The search -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Search:
    status: str  # FOUND, NOT_PROVEN, TOO_LARGE, REGION_SHORT or UNDECIDED
    pool: tuple[str, ...]  # sorted codes; empty unless FOUND or NOT_PROVEN
    smallest: int  # proven: no smaller pool reaches the requirements
    programmes: int  # integer programmes solved (0 when the bounds alone decide)


def _distances(start: Iterable[str], adjacency: Mapping[str, Iterable[str]], within, limit):
    """Steps from the nearest of `start` to every municipality of `within` (None: all) that is
    at most `limit` steps away, moving inside `within` only."""
    distance = {code: 0 for code in start}
    queue = deque(distance)
    while queue:
        code = queue.popleft()
        if distance[code] >= limit:
            continue
        for other in adjacency[code]:
            if other not in distance and (within is None or other in within):
                distance[other] = distance[code] + 1
                queue.append(other)
    return distance


def _within_reach(home, figures, adjacency, size: int) -> dict[str, int]:
    """The municipalities a contiguous pool of at most `size` around home may need, with their
    steps from home: those within size − 1 steps; of those with no figures (bridges), only the
    ones on a path from home to a municipality with figures of at most size − 1 steps, for in
    a smallest pool a bridge connects someone. Repeated until nothing more drops out."""
    kept: set[str] | None = None
    while True:
        distance = _distances([home], adjacency, kept, size - 1)
        valued = [code for code in distance if any(figures.get(code, NOTHING))]
        to_valued = _distances(valued, adjacency, set(distance), size - 1)
        reach = {
            code
            for code, steps in distance.items()
            if code == home
            or any(figures.get(code, NOTHING))
            or steps + to_valued.get(code, size) <= size - 1
        }
        if reach == kept:
            return distance
        kept = reach


class _Programme:
    """The integer programme for pools of at most `size` municipalities around home, with
    contiguity added as cuts while it is solved.

    Variables: x_i, 1 when municipality i (within reach, `_within_reach`) is in the pool; home
    is 1. The programme minimises the pool's size subject to every requirement (a covering row
    per criterion) and cuts that every contiguous pool around home satisfies:
    - a member other than home has a neighbour in the pool;
    - a member d steps from home has a member in every ring 1 … d − 1 steps out (each ring
      separates home from everything beyond it);
    - after each solve, for every part C of the chosen municipalities that is not connected to
      home: a member j of C needs a member among C's neighbours N(C), x_j ≤ Σ x_N(C) (every path
      from j to home leaves C through N(C); when N(C) is empty, j can never be a member).
    A solution that is contiguous is then the smallest pool: the cuts only remove pools that
    are not contiguous, so no contiguous pool is smaller. Each solve is a tiny covering
    problem (HiGHS, milliseconds); the cuts for the example wave's hardest cluster candidates
    take a handful of rounds. (An earlier flow formulation with big-M bounds needed seconds for
    the same cases.)"""

    def __init__(self, home, figures, adjacency, requirements, size: int):
        distance = _within_reach(home, figures, adjacency, size)
        self.codes = sorted(distance)
        index = {code: i for i, code in enumerate(self.codes)}
        n = self.n = len(self.codes)
        self.root = index[home]
        self.values = np.array([figures.get(c, NOTHING) for c in self.codes], dtype=float)
        self.neighbours_of = [
            frozenset(index[o] for o in adjacency[c] if o in index) for c in self.codes
        ]
        self.rows: list[tuple[dict[int, float], float, float]] = []
        for c, required in enumerate(requirements.values()):
            self.rows.append(
                ({i: v for i, v in enumerate(self.values[:, c]) if v}, required, np.inf)
            )
        self.size_row = len(self.rows)
        self.rows.append(({i: 1.0 for i in range(n)}, 1, size))
        steps = [distance[c] for c in self.codes]
        rings: dict[int, list[int]] = {}
        for i, d in enumerate(steps):
            rings.setdefault(d, []).append(i)
        for j in range(n):
            if j == self.root:
                continue
            self._cut(j, self.neighbours_of[j])
            for d in range(1, steps[j]):
                self._cut(j, rings[d])

    def _cut(self, member: int, separator) -> None:
        """x_member ≤ Σ x_separator."""
        entries = {i: -1.0 for i in separator}
        entries[member] = 1.0
        self.rows.append((entries, -np.inf, 0))

    def _parts_apart_from_home(self, members: frozenset[int]) -> list[set[int]]:
        """The connected parts of `members` that do not hold home."""
        parts, seen = [], set()
        for start in sorted(members):
            if start in seen:
                continue
            part, queue = {start}, deque([start])
            while queue:
                for other in self.neighbours_of[queue.popleft()]:
                    if other in members and other not in part:
                        part.add(other)
                        queue.append(other)
            seen |= part
            if self.root not in part:
                parts.append(part)
        return parts

    def _separator(self, part: set[int], start: set[int]) -> set[int]:
        """The neighbours of `part` that a walk from `start` meets before it meets any other
        of them: every path from `start` into `part` passes through one of these."""
        around = {o for i in part for o in self.neighbours_of[i]} - part
        reached, met, queue = set(start), set(), deque(start)
        while queue:
            for other in self.neighbours_of[queue.popleft()]:
                if other in reached or other in part:
                    continue
                reached.add(other)
                if other in around:
                    met.add(other)
                else:
                    queue.append(other)
        return met

    def _solve_once(self, objective, time_limit: float, sizes):
        from scipy.optimize import Bounds, LinearConstraint, milp
        from scipy.sparse import coo_array

        rows, cols, data, lower, upper = [], [], [], [], []
        for r, (entries, low, high) in enumerate(self.rows):
            for col, value in entries.items():
                rows.append(r)
                cols.append(col)
                data.append(value)
            if r == self.size_row and sizes is not None:
                low, high = sizes
            lower.append(low)
            upper.append(high)
        matrix = coo_array((data, (rows, cols)), shape=(len(lower), self.n)).tocsr()
        bounds_low = np.zeros(self.n)
        bounds_low[self.root] = 1
        result = milp(
            np.asarray(objective, dtype=float),
            constraints=LinearConstraint(matrix, lower, upper),
            integrality=np.ones(self.n),
            bounds=Bounds(bounds_low, np.ones(self.n)),
            options={"time_limit": max(time_limit, 0.01), "mip_rel_gap": 0.0},
        )
        members = None
        if result.x is not None:
            members = frozenset(i for i in range(self.n) if result.x[i] > 0.5)
        if result.status == 0 and members is not None:
            return "optimal", members
        if result.status == 2:
            return "infeasible", None
        return "limit", None

    def solve(self, objective, time_limit: float, sizes=None):
        """Minimise objective·x over contiguous pools with the size within `sizes` (low,
        high). Returns (outcome, members or None, programmes solved); the outcome 'optimal',
        'infeasible' or 'limit'."""
        import time

        deadline = time.monotonic() + time_limit
        solved = 0
        while True:
            outcome, members = self._solve_once(objective, deadline - time.monotonic(), sizes)
            solved += 1
            if outcome != "optimal":
                return outcome, None, solved
            parts = self._parts_apart_from_home(members)
            if not parts:
                return "optimal", members, solved
            if time.monotonic() >= deadline:
                return "limit", None, solved
            own = set(members) - set().union(*parts)  # home's part
            for part in parts:
                for member in part:
                    self._cut(member, self._separator(part, {self.root}))
                    self._cut(member, self._separator(own, {member}))

    def pool(self, members) -> tuple[str, ...]:
        return tuple(sorted(self.codes[i] for i in members))


def _reaches(pool, figures, required) -> bool:
    sums = [sum(figures.get(code, NOTHING)[c] for code in pool) for c in range(len(required))]
    return all(s >= r for s, r in zip(sums, required, strict=True))


def _fewest(home, distance: Mapping[str, int], figures, required, largest: int) -> int | None:
    """A lower bound on the size of any pool of at most `largest` that reaches the
    requirements, each criterion on its own; None when no such pool can. A pool that reaches a
    municipality d steps from home holds one in every ring 1 … d − 1 steps out as well, so the
    most k municipalities can add is, for the farthest ring d they reach, the largest figure of
    each ring up to d and then the largest of the rest of those rings."""
    own = figures.get(home, NOTHING)
    fewest = 1
    for c, needed in enumerate(required):
        missing = needed - own[c]
        if missing <= 0:
            continue
        rings: dict[int, list[int]] = {}
        for code, steps in distance.items():
            if code != home:
                rings.setdefault(steps, []).append(figures.get(code, NOTHING)[c])
        options = []  # per farthest ring d: (the rings' largest figures, the rest, largest first)
        forced, rest = 0, []
        for d in range(1, largest):
            if d not in rings:
                break
            ring = sorted(rings[d], reverse=True)
            forced += ring[0]
            rest = sorted([*rest, *ring[1:]], reverse=True)
            options.append((d, forced, rest))
        count = next(
            (
                k
                for k in range(2, largest + 1)
                if any(
                    total + sum(others[: k - 1 - d]) >= missing
                    for d, total, others in options
                    if d <= k - 1
                )
            ),
            None,
        )
        if count is None:
            return None
        fewest = max(fewest, count)
    return fewest


def _paths(pool, figures, adjacency, required, room: int, within) -> list[list[str]]:
    """The ways to grow the pool by the shortest path (through `within`, at most `room` new
    members) to one municipality, best first: most of what is still missing covered per
    municipality added (a share of each requirement), then the shorter path, the lowest code.
    Paths that cover nothing are left out."""
    sums = [sum(figures.get(code, NOTHING)[c] for code in pool) for c in range(len(required))]

    def covers(added) -> float:
        value = [sum(figures.get(code, NOTHING)[c] for code in added) for c in range(len(sums))]
        return sum(
            min(v, r - s) / r for v, s, r in zip(value, sums, required, strict=True) if r > s
        )

    before = {code: None for code in pool}  # the step towards the pool, per municipality
    queue = deque(sorted(pool))
    while queue:
        here = queue.popleft()
        for other in sorted(adjacency[here]):
            if other in within and other not in before:
                before[other] = here
                queue.append(other)
    ranked = []
    for code in sorted(before):
        added, step = [], code
        while before[step] is not None:
            added.append(step)
            step = before[step]
        if added and len(added) <= room and (gain := covers(added)) > 0:
            ranked.append(((-gain / len(added), len(added), code), added[::-1]))
    return [added for _, added in sorted(ranked)]


GREEDY_STARTS = 5  # greedy growths tried, each from another of the best first paths


def _greedy(home, figures, adjacency, required, largest: int, within) -> tuple[str, ...] | None:
    """A contiguous pool of at most `largest` that reaches the requirements: growth from home
    by the best path (`_paths`) each step, tried from each of the GREEDY_STARTS best first
    paths; members a pool turns out not to need are dropped; the smallest wins (then by
    `_order`). None when every growth stops short. An upper bound for the search, not the
    answer."""
    found = []
    for first in _paths([home], figures, adjacency, required, largest - 1, within)[:GREEDY_STARTS]:
        pool = [home, *first]
        while not _reaches(pool, figures, required):
            ways = _paths(pool, figures, adjacency, required, largest - len(pool), within)
            if not ways:
                break
            pool.extend(ways[0])
        else:
            for code in reversed(pool[1:]):  # drop members the pool turns out not to need
                rest = [p for p in pool if p != code]
                if _reaches(rest, figures, required) and is_contiguous(rest, adjacency):
                    pool = rest
            found.append(tuple(sorted(pool)))
    if _reaches([home], figures, required):
        found.append((home,))
    return min(found, key=lambda p: (len(p), _order(p, figures)), default=None)


def _enumerate(home, figures, adjacency, required, sizes: tuple[int, int], budget: int):
    """The smallest contiguous pool around home of `sizes` (fewest, largest) municipalities that
    reaches the requirements, by search: ('found', pool), ('none', None) when no pool of at
    most `largest` does, ('budget', None) when more than `budget` pools were looked at first.

    For each size k from the fewest up, every contiguous pool of at most k around home is met
    once: a pool grows by its first open neighbour, which is either taken or passed over for
    good (then no later pool of this branch takes it). A branch ends when the pool reaches
    every requirement (the first k with such a pool is the smallest size), when it is k large,
    or when the k − |pool| largest figures left outside it (passed-over municipalities left
    out) cannot make up what a requirement still misses: no pool of the branch can."""
    fewest, largest = sizes
    distance = _within_reach(home, figures, adjacency, largest)
    codes = sorted(distance)
    index = {code: i for i, code in enumerate(codes)}
    values = np.array([figures.get(c, NOTHING) for c in codes], dtype=float)
    needed = np.asarray(required, dtype=float)
    neighbours_of = [[index[o] for o in sorted(adjacency[c]) if o in index] for c in codes]
    root = index[home]
    # per criterion, the municipalities with a figure, largest first
    largest_first = [
        [int(i) for i in np.argsort(-values[:, c], kind="stable") if values[i, c] > 0]
        for c in range(values.shape[1])
    ]
    looked = 0

    def can_still_reach(total, inside, passed, room: int) -> bool:
        for c, missing in enumerate(needed - total):
            if missing <= 0:
                continue
            added, left = 0.0, room
            for i in largest_first[c][: room + len(inside) + len(passed)]:
                if i not in inside and i not in passed:
                    added += values[i, c]
                    left -= 1
                    if left == 0:
                        break
            if added < missing:
                return False
        return True

    def grow(size, pool, inside, passed, total, open_):
        nonlocal looked
        looked += 1
        if looked > budget:
            raise _OverBudget
        if (total >= needed).all():
            return pool
        room = size - len(pool)
        if room == 0 or not open_ or not can_still_reach(total, inside, passed, room):
            return None
        first, rest = open_[0], open_[1:]
        inside.add(first)
        more = [o for o in neighbours_of[first] if o not in inside and o not in passed]
        found = grow(
            size,
            [*pool, first],
            inside,
            passed,
            total + values[first],
            rest + [o for o in more if o not in rest],
        )
        inside.discard(first)
        if found is not None:
            return found
        passed.add(first)
        found = grow(size, pool, inside, passed, total, rest)
        passed.discard(first)
        return found

    try:
        for size in range(max(fewest, 1), largest + 1):
            found = grow(size, [root], {root}, set(), values[root].copy(), neighbours_of[root])
            if found is not None:
                return "found", tuple(sorted(codes[i] for i in found))
    except _OverBudget:
        return "budget", None
    return "none", None


class _OverBudget(Exception):
    """The exact search looked at more pools than it may (`ENUMERATION_BUDGET`)."""


def smallest_pool(
    home: str,
    figures: Mapping[str, tuple[int, int, int, int]],
    adjacency: Mapping[str, Iterable[str]],
    requirements: Requirements,
    max_size: int = MAX_POOL,
    time_limit: float = TIME_LIMIT,
) -> Search:
    """The smallest contiguous pool around home that reaches the requirements, of at most
    `max_size` municipalities (the rule is in the module docstring). `figures` maps a
    municipality to its figures in the order of `CRITERIA` (see `figures_of`); a municipality
    without an entry has none. `time_limit` is for the integer programme, in seconds."""
    if home not in adjacency:
        raise ValueError(f"{home} is not a municipality of the region")
    required = requirements.values()
    region = _distances([home], adjacency, None, len(adjacency))
    if not _reaches(region, figures, required):
        return Search(REGION_SHORT, (), max_size + 1, 0)
    reach = _within_reach(home, figures, adjacency, max_size)
    fewest = _fewest(home, reach, figures, required, max_size)
    if fewest is None:
        return Search(TOO_LARGE, (), max_size + 1, 0)
    best = _greedy(home, figures, adjacency, required, max_size, reach)
    status, programmes = FOUND, 0
    searched = "decided"  # the greedy pool is as small as the lower bound: nothing to search
    if best is None or len(best) > fewest:  # is there a pool smaller than the greedy one?
        largest = len(best) - 1 if best else max_size
        searched, pool = _enumerate(
            home, figures, adjacency, required, (fewest, largest), ENUMERATION_BUDGET
        )
        if searched == "found":
            best = pool
        elif searched == "none" and best is None:
            return Search(TOO_LARGE, (), max_size + 1, 0)
    if searched == "budget":  # the search gave up: the programme decides
        programme = _Programme(home, figures, adjacency, requirements, largest)
        outcome, members, programmes = programme.solve(
            np.ones(programme.n), time_limit, (fewest, largest)
        )
        if members is not None and not (
            _reaches(programme.pool(members), figures, required)
            and is_contiguous(programme.pool(members), adjacency)
        ):  # never trust a solver's rounding
            outcome, members = "limit", None
        if members is not None and (best is None or len(members) < len(best)):
            best = programme.pool(members)
        if outcome == "limit":
            if best is None:
                return Search(UNDECIDED, (), fewest, programmes)
            status = NOT_PROVEN
        elif best is None:  # none of at most max_size, and greedy growth found none either
            return Search(TOO_LARGE, (), max_size + 1, programmes)
    smallest = len(best) if status == FOUND else fewest
    return Search(status, _improved(best, home, figures, adjacency, required), smallest, programmes)


def _order(pool, figures) -> tuple:
    """Among equally small pools, the better comes first: more need, more LIA places, lower
    codes."""
    need = sum(figures.get(code, NOTHING)[0] for code in pool)
    lia = sum(figures.get(code, NOTHING)[2] for code in pool)
    return (-need, -lia, tuple(sorted(pool)))


def _improved(pool, home, figures, adjacency, required) -> tuple[str, ...]:
    """The pool after exchanging one member (not home) for one neighbouring non-member at a
    time, taking the best exchange by `_order` that keeps the pool contiguous and reaching the
    requirements, until no exchange makes it better. Same size, same or better order."""
    current = tuple(sorted(pool))
    while True:
        members = set(current)
        outside = sorted({o for p in current for o in adjacency[p]} - members)
        candidates = [
            tuple(sorted(members - {leaving} | {joining}))
            for leaving in sorted(members - {home})
            for joining in outside
        ]
        better = [
            c
            for c in candidates
            if _order(c, figures) < _order(current, figures)
            and _reaches(c, figures, required)
            and is_contiguous(c, adjacency)
        ]
        if not better:
            return current
        current = min(better, key=lambda c: _order(c, figures))


# --- One candidate's auto-pool ----------------------------------------------------------------


@dataclass(frozen=True)
class AutoPoolResult:
    home: str
    pool: tuple[str, ...]  # sorted codes; empty when no pool is found
    assessment: Assessment  # of the pool, or of the whole connected region when none is found
    status: str  # see `smallest_pool`
    smallest: int = 1  # proven: no smaller pool reaches the requirements
    programmes: int = 0  # integer programmes solved
    max_size: int = MAX_POOL

    @property
    def found(self) -> bool:
        return self.status in FOUND_STATUSES


def auto_pool(
    home: str,
    candidate_id: str,
    label: str,
    education_area: str | None,
    contributions: pd.DataFrame,
    thresholds: Thresholds,
    adjacency: Mapping[str, Iterable[str]] | None = None,
    max_size: int = MAX_POOL,
    *,
    time_limit: float = TIME_LIMIT,
) -> AutoPoolResult:
    """The smallest contiguous pool around `home` that justifies the candidate, from the
    candidate's rows per municipality (`contributions`, as for `assessment.assess`): in the
    providers' view, feed it the shown rows only. In words: `describe`."""
    adjacency = neighbours() if adjacency is None else adjacency
    search = smallest_pool(
        home,
        figures_of(contributions),
        adjacency,
        Requirements.of(thresholds),
        max_size,
        time_limit,
    )
    judged = search.pool or tuple(_distances([home], adjacency, None, len(adjacency)))
    assessment = assess(candidate_id, label, education_area, contributions, judged, thresholds)
    return AutoPoolResult(
        home,
        search.pool,
        assessment,
        search.status,
        search.smallest,
        search.programmes,
        max_size,
    )


def describe(
    auto: AutoPoolResult,
    names: Mapping[str, str],
    adjacency: Mapping[str, Iterable[str]] | None = None,
) -> str:
    """The auto-pool's result in words, in the current language."""
    a, max_size = auto.assessment, auto.max_size
    home = names.get(auto.home, auto.home)
    if auto.status == REGION_SHORT:
        return t(
            "Ingen sammanhängande grupp av kommuner i de fyra länen når kraven för {label}: "
            "hela regionen ger {reasons}.",
            label=a.label,
            reasons=a.reasons,
        )
    if auto.status == TOO_LARGE:
        return t(
            "Ingen sammanhängande grupp av högst {max} kommuner kring {home} når kraven för "
            "{label}, fast hela regionen gör det ({reasons}). En ansökan kan namnge högst {max} "
            "studieorter; pröva en annan hemkommun eller ett annat urval.",
            max=max_size,
            home=home,
            label=a.label,
            reasons=a.reasons,
        )
    if auto.status == UNDECIDED:
        return t(
            "Sökningen hann inte avgöra om någon sammanhängande grupp av högst {max} kommuner "
            "kring {home} når kraven för {label}.",
            max=max_size,
            home=home,
            label=a.label,
        )
    adjacency = neighbours() if adjacency is None else adjacency
    listed = _outward(auto.pool, auto.home, adjacency)
    values = {
        "home": home,
        "count": t("{n} kommun", n=len(auto.pool))
        if len(auto.pool) == 1
        else t("{n} kommuner", n=len(auto.pool)),
        "members": ", ".join(names.get(code, code) for code in listed),
    }
    if auto.status == NOT_PROVEN:
        return t(
            "Sammanhängande grupp kring {home} som motiverar en ansökan: {count} ({members}). "
            "Sökningen hann inte visa att ingen mindre grupp räcker; färre än {smallest} "
            "kommuner räcker inte.",
            smallest=auto.smallest,
            **values,
        )
    text = t(
        "Minsta sammanhängande grupp kring {home} som motiverar en ansökan: {count} ({members}).",
        **values,
    )
    return text


def _outward(pool: Iterable[str], home: str, adjacency: Mapping[str, Iterable[str]]) -> list[str]:
    """The pool in the order one meets it walking out from home (nearest first, then by code)."""
    members, order = set(pool), [home]
    for code in order:
        order.extend(sorted(set(adjacency[code]) & members - set(order)))
    return order
