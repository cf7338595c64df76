"""Auto-pool: the smallest contiguous group around a home municipality that justifies a
candidate, on our own neighbour graph, of at most ten municipalities. Minimality is checked
against an independent brute force (every combination of nearby municipalities, filtered by
connectivity, judged by `assess`)."""

from __future__ import annotations

import itertools
from collections import deque

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kraftsamling import autopool, geo, paths
from kraftsamling.assessment import MOTIVATED, Thresholds, assess
from kraftsamling.i18n import language

UMEA, VANNAS, ROBERTSFORS = "2480", "2460", "2409"
KIRUNA, GALLIVARE, PAJALA, JOKKMOKK = "2584", "2523", "2521", "2510"
SORSELE, STORUMAN, LYCKSELE, MALA = "2422", "2421", "2481", "2418"
PITEA, BODEN = "2581", "2582"

DEFAULT = Thresholds()  # need 36, 5 employers, 30 LIA places, 2 municipalities
NEED_ONLY = Thresholds(
    class_size=10, dropout_margin=0, min_employers=1, lia_per_student=0, min_municipalities=1
)


@pytest.fixture(scope="module")
def graph() -> dict[str, frozenset[str]]:
    return autopool.neighbours()


def contributions(recruits: dict[str, int], codes, lia: dict[str, int] | None = None):
    """One row per municipality: the given need (0 elsewhere), an employer for every four
    people needed (at least one), and as many LIA places as recruits unless told otherwise."""
    lia = lia or {}
    return pd.DataFrame(
        {
            "kommunkod": list(codes),
            "recruits": [recruits.get(c, 0) for c in codes],
            "employers": [max(1, recruits.get(c, 0) // 4) if recruits.get(c) else 0 for c in codes],
            "lia_places": [lia.get(c, recruits.get(c, 0)) for c in codes],
        }
    )


def run(home, frame, thresholds=DEFAULT, adjacency=None, **options):
    return autopool.auto_pool(
        home,
        "5321",
        "Undersköterskor",
        "Hälso- och sjukvård",
        frame,
        thresholds,
        adjacency,
        **options,
    )


def reference_names() -> dict[str, str]:
    table = pd.read_csv(paths.REFERENCE / "municipality.csv", dtype=str, keep_default_na=False)
    return dict(zip(table["kommunkod"], table["name"], strict=True))


def words(result, adjacency, names=None) -> str:
    """The result in Swedish words, as the finder writes them (autopool.describe)."""
    with language("sv"):
        return autopool.describe(result, names or {}, adjacency)


# --- An independent brute force ----------------------------------------------------------------


def connected(pool: set[str], adjacency) -> bool:
    stack, seen = [next(iter(pool))], set()
    while stack:
        code = stack.pop()
        if code not in seen:
            seen.add(code)
            stack.extend(n for n in adjacency[code] if n in pool)
    return seen == pool


def within_hops(home: str, hops: int, adjacency) -> set[str]:
    distance, queue = {home: 0}, deque([home])
    while queue:
        code = queue.popleft()
        if distance[code] < hops:
            for other in adjacency[code]:
                if other not in distance:
                    distance[other] = distance[code] + 1
                    queue.append(other)
    return set(distance)


def contiguous_pools(home: str, size: int, adjacency):
    """Every contiguous pool of `size` containing home: combinations of the municipalities at
    most size − 1 steps away, kept when connected."""
    others = sorted(within_hops(home, size - 1, adjacency) - {home})
    for combination in itertools.combinations(others, size - 1):
        pool = {home, *combination}
        if connected(pool, adjacency):
            yield tuple(sorted(pool))


def brute_force(home, frame, thresholds, adjacency, up_to: int):
    """The smallest justified pools, as (size, the best of them by need, LIA places and codes),
    or None when none of at most `up_to` is justified."""
    for size in range(1, up_to + 1):
        justified = [
            a
            for pool in contiguous_pools(home, size, adjacency)
            if (a := assess("x", "x", None, frame, pool, thresholds)).verdict == MOTIVATED
        ]
        if justified:
            best = min(justified, key=lambda a: (-a.recruits, -a.lia_places, a.pool))
            return size, best.pool
    return None


def no_exchange_improves(result, frame, thresholds, adjacency) -> bool:
    """No pool made by exchanging one member (not home) for another municipality is justified,
    contiguous and better by need, then LIA places, then codes."""
    mine = assess("x", "x", None, frame, result.pool, thresholds)
    order = (-mine.recruits, -mine.lia_places, mine.pool)
    for leaving in set(result.pool) - {result.home}:
        for joining in set(adjacency) - set(result.pool):
            pool = tuple(sorted(set(result.pool) - {leaving} | {joining}))
            if not connected(set(pool), adjacency):
                continue
            other = assess("x", "x", None, frame, pool, thresholds)
            if other.verdict == MOTIVATED and (-other.recruits, -other.lia_places, pool) < order:
                return False
    return True


# --- The neighbour graph ----------------------------------------------------------------------


def test_the_neighbour_graph_has_the_44_municipalities_and_is_symmetric(graph):
    codes = {f["properties"]["kommunkod"] for f in geo.geojson(geo.MUNICIPALITIES)["features"]}
    assert set(graph) == codes and len(graph) == 44
    for code, others in graph.items():
        assert code not in others
        assert others <= codes
        assert all(code in graph[other] for other in others)


def test_known_neighbours_share_a_border_and_distant_municipalities_do_not(graph):
    assert {VANNAS, ROBERTSFORS} <= graph[UMEA]
    assert {GALLIVARE, PAJALA} <= graph[KIRUNA]
    assert UMEA not in graph[KIRUNA]
    assert JOKKMOKK not in graph[KIRUNA]  # in our geometry Gällivare lies between them


def test_meeting_in_a_single_point_is_not_a_border(graph):
    frame = gpd.read_file(paths.GEO / f"{geo.MUNICIPALITIES}.geojson").to_crs(3006)
    shape = dict(zip(frame["kommunkod"], frame.geometry, strict=True))
    contact = shapely.intersection(shape[PITEA].boundary, shape[BODEN].boundary)
    assert shape[PITEA].touches(shape[BODEN]) and contact.length == 0
    assert BODEN not in graph[PITEA]


def test_the_region_is_one_connected_graph(graph):
    assert connected(set(graph), graph)
    assert autopool.is_contiguous(graph, graph)


def test_is_contiguous_needs_a_chain_of_neighbours_inside_the_pool(graph):
    assert autopool.is_contiguous([UMEA, VANNAS, ROBERTSFORS], graph)
    assert not autopool.is_contiguous([VANNAS, ROBERTSFORS], graph)
    assert not autopool.is_contiguous([UMEA, KIRUNA], graph)
    assert not autopool.is_contiguous([], graph)
    assert not autopool.is_contiguous([UMEA, "0180"], graph)  # Stockholm is not in the region


# --- Small synthetic graphs where the answer is known ------------------------------------------

#  A - B - C - D        a path with a branch: B has no need of its own
#      |
#      E - F
SMALL = {
    "A": {"B"},
    "B": {"A", "C", "E"},
    "C": {"B", "D"},
    "D": {"C"},
    "E": {"B", "F"},
    "F": {"E"},
}


def small(recruits: dict[str, int], lia: dict[str, int] | None = None):
    return contributions(recruits, sorted(SMALL), lia)


def test_a_municipality_with_no_need_joins_as_a_bridge():
    result = run("A", small({"A": 5, "C": 5}), NEED_ONLY, SMALL)
    assert result.found and result.status == autopool.FOUND
    assert result.pool == ("A", "B", "C")
    assert result.assessment.recruits == 10


def test_the_search_finds_a_smaller_pool_than_growing_towards_the_largest_need():
    # Need 10. Growing from A by the neighbour with most need: B (0), then E (4) before C (1),
    # then F (3), then C: five. Smallest: A, B, C, D = 2 + 0 + 1 + 9 = 12 with four.
    frame = small({"A": 2, "C": 1, "D": 9, "E": 4, "F": 3})
    result = run("A", frame, NEED_ONLY, SMALL)
    assert result.pool == ("A", "B", "C", "D") and result.assessment.recruits == 12
    assert result.status == autopool.FOUND and result.smallest == 4
    assert brute_force("A", frame, NEED_ONLY, SMALL, up_to=4) == (4, result.pool)


def test_among_equally_small_pools_the_largest_need_wins_then_lia_then_lowest_codes():
    # From B every pair B+X reaches 10 when X has 10; the one with most need wins.
    assert run("B", small({"A": 10, "C": 12, "E": 11}), NEED_ONLY, SMALL).pool == (
        "B",
        "C",
    )
    # Equal need: more LIA places wins.
    frame = small({"A": 10, "C": 10, "E": 10}, lia={"A": 1, "C": 1, "E": 5})
    assert run("B", frame, NEED_ONLY, SMALL).pool == ("B", "E")
    # Equal in everything: the lowest codes.
    assert run("B", small({"A": 10, "C": 10, "E": 10}), NEED_ONLY, SMALL).pool == (
        "A",
        "B",
    )


def test_home_alone_is_enough_when_its_own_need_suffices():
    result = run("D", small({"D": 10, "C": 50}), NEED_ONLY, SMALL)
    assert result.pool == ("D",)
    assert "1 kommun (D)" in words(result, SMALL)


def path(length: int) -> dict[str, set[str]]:
    codes = [f"P{i:02d}" for i in range(length)]
    return {
        code: {codes[j] for j in (i - 1, i + 1) if 0 <= j < length} for i, code in enumerate(codes)
    }


def test_no_pool_of_more_than_ten_is_offered_and_the_result_says_so():
    # A path of sixteen: the need lies at both ends, so only all sixteen together are enough.
    graph = path(16)
    codes = sorted(graph)
    frame = contributions({"P00": 5, "P15": 5}, codes)
    result = run("P00", frame, NEED_ONLY, graph)
    assert result.status == autopool.TOO_LARGE and not result.found
    assert result.pool == ()
    assert result.assessment.verdict == MOTIVATED  # the whole region is enough
    assert words(result, graph).startswith(
        "Ingen sammanhängande grupp av högst 10 kommuner kring P00 når kraven för "
        "Undersköterskor, fast hela regionen gör det"
    )
    # The same need eight steps apart fits in ten municipalities.
    near = run("P00", contributions({"P00": 5, "P08": 5}, codes), NEED_ONLY, graph)
    assert near.status == autopool.FOUND and len(near.pool) == 9
    # A smaller limit is honoured the same way: those nine are too many for eight.
    nine = contributions({"P00": 5, "P08": 5}, codes)
    assert run("P00", nine, NEED_ONLY, graph, max_size=8).status == autopool.TOO_LARGE


def test_when_the_time_runs_out_the_result_says_what_is_not_proven(monkeypatch):
    frame = small({"A": 2, "C": 1, "D": 9, "E": 4, "F": 3})
    monkeypatch.setattr(autopool, "ENUMERATION_BUDGET", 0)  # the search hands over at once
    monkeypatch.setattr(autopool._Programme, "solve", lambda self, *a, **k: ("limit", None, 1))
    monkeypatch.setattr(autopool, "_greedy", lambda *a, **k: ("A", "B", "C", "E", "F"))
    result = run("A", frame, NEED_ONLY, SMALL)
    # A start of five; counting ring by ring shows that fewer than four cannot do (D, the only
    # large need, is three steps out); no programme decided between four and five.
    assert result.status == autopool.NOT_PROVEN and result.found
    assert len(result.pool) == 5 and result.smallest == 4
    assert "Sökningen hann inte visa att ingen mindre grupp räcker" in words(result, SMALL)
    # With nothing found at all it is undecided, not "none exists".
    graph = path(12)
    far = contributions({"P00": 5, "P09": 5}, sorted(graph))
    monkeypatch.setattr(autopool, "_greedy", lambda *a, **k: None)
    undecided = run("P00", far, NEED_ONLY, graph)
    assert undecided.status == autopool.UNDECIDED and undecided.pool == ()


def test_the_search_is_a_pure_function_of_figures_graph_and_requirements():
    figures = {"A": (5, 1, 5, 1), "C": (5, 1, 5, 1)}
    search = autopool.smallest_pool("A", figures, SMALL, autopool.Requirements(10, 1, 0, 1))
    assert search == autopool.Search(autopool.FOUND, ("A", "B", "C"), 3, search.programmes)
    short = autopool.smallest_pool("A", figures, SMALL, autopool.Requirements(11, 1, 0, 1))
    assert short.status == autopool.REGION_SHORT and short.pool == ()


def grid(width: int, height: int) -> dict[str, set[str]]:
    def code(x, y):
        return f"{y}{x}"

    return {
        code(x, y): {
            code(x + dx, y + dy)
            for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1))
            if 0 <= x + dx < width and 0 <= y + dy < height
        }
        for x in range(width)
        for y in range(height)
    }


GRID = grid(4, 4)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    home=st.sampled_from(sorted(GRID)),
    need=st.lists(st.integers(0, 4), min_size=16, max_size=16),
    lia=st.lists(st.integers(0, 3), min_size=16, max_size=16),
)
def test_the_auto_pool_is_the_smallest_contiguous_pool_that_reaches_the_requirements_on_a_grid(
    home, need, lia
):
    codes = sorted(GRID)
    frame = contributions(
        dict(zip(codes, need, strict=True)), codes, dict(zip(codes, lia, strict=True))
    )
    result = run(home, frame, NEED_ONLY, GRID)
    if not result.found:
        assert result.status == autopool.REGION_SHORT and sum(need) < 10
        return
    size = len(result.pool)
    assert result.status == autopool.FOUND and size <= autopool.MAX_POOL
    smallest, best = brute_force(home, frame, NEED_ONLY, GRID, up_to=size)
    assert smallest == size
    assert no_exchange_improves(result, frame, NEED_ONLY, GRID)


@st.composite
def small_graphs(draw):
    """A connected graph of 3–10 municipalities: a random tree plus a few extra borders."""
    size = draw(st.integers(3, 10))
    codes = [f"K{i}" for i in range(size)]
    graph = {code: set() for code in codes}
    for i in range(1, size):
        j = draw(st.integers(0, i - 1))
        graph[codes[i]].add(codes[j])
        graph[codes[j]].add(codes[i])
    for i, j in draw(st.lists(st.tuples(st.integers(0, size - 1), st.integers(0, size - 1)))):
        if i != j:
            graph[codes[i]].add(codes[j])
            graph[codes[j]].add(codes[i])
    return graph


def smallest_by_brute_force(home, frame, thresholds, graph) -> int | None:
    """The size of the smallest connected set with home that reaches every requirement, from
    every subset of the graph, summed here without kraftsamling's code."""
    per_code = frame.set_index("kommunkod")
    required = (
        thresholds.required_need,
        thresholds.min_employers,
        thresholds.required_lia,
        thresholds.min_municipalities,
    )
    others = sorted(set(graph) - {home})
    for size in range(1, len(graph) + 1):
        for combination in itertools.combinations(others, size - 1):
            pool = {home, *combination}
            rows = per_code.loc[sorted(pool)]
            sums = (
                rows["recruits"].sum(),
                rows["employers"].sum(),
                rows["lia_places"].sum(),
                (rows["recruits"] > 0).sum(),
            )
            if all(s >= r for s, r in zip(sums, required, strict=True)) and connected(pool, graph):
                return size
    return None


@pytest.mark.parametrize("decided_by", ["search", "programme"])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(graph=small_graphs(), data=st.data())
def test_the_auto_pool_is_the_smallest_contiguous_pool_that_reaches_the_requirements(
    decided_by, graph, data
):
    """Every requirement at once (need with margin, employers, LIA places, municipalities),
    on random small graphs, against every subset; with at most 6 municipalities in a pool.
    Both ways of proving the size: the exact search, and the integer programme it hands over
    to when it looks at too many pools (here: at once)."""
    codes = sorted(graph)
    home = data.draw(st.sampled_from(codes))
    need = data.draw(st.lists(st.integers(0, 6), min_size=len(codes), max_size=len(codes)))
    lia = data.draw(st.lists(st.integers(0, 4), min_size=len(codes), max_size=len(codes)))
    frame = contributions(
        dict(zip(codes, need, strict=True)), codes, dict(zip(codes, lia, strict=True))
    )
    thresholds = Thresholds(
        class_size=8,
        dropout_margin=0.25,
        min_employers=2,
        lia_per_student=0.5,
        min_municipalities=2,
    )
    budget = autopool.ENUMERATION_BUDGET if decided_by == "search" else 0
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(autopool, "ENUMERATION_BUDGET", budget)
        result = run(home, frame, thresholds, graph, max_size=6)
    smallest = smallest_by_brute_force(home, frame, thresholds, graph)
    if smallest is None:
        assert result.status == autopool.REGION_SHORT and result.pool == ()
    elif smallest > 6:
        assert result.status == autopool.TOO_LARGE and result.pool == ()
    else:
        assert result.status == autopool.FOUND and len(result.pool) == smallest
        assert home in result.pool and connected(set(result.pool), graph)
        assert assess("x", "x", None, frame, result.pool, thresholds).verdict == MOTIVATED


# --- The real graph with synthetic needs --------------------------------------------------------


def test_around_sorsele_four_municipalities_are_the_smallest_justified_pool(graph):
    recruits = {code: 2 for code in graph} | {SORSELE: 6, STORUMAN: 10, LYCKSELE: 12, MALA: 8}
    frame = contributions(recruits, sorted(graph))
    result = run(SORSELE, frame, DEFAULT, graph)
    assert result.found and result.status == autopool.FOUND
    assert result.pool == tuple(sorted((SORSELE, STORUMAN, LYCKSELE, MALA)))
    assert words(result, graph, reference_names()) == (
        "Minsta sammanhängande grupp kring Sorsele som motiverar en ansökan: "
        "4 kommuner (Sorsele, Malå, Storuman, Lycksele)."
    )
    assert brute_force(SORSELE, frame, DEFAULT, graph, up_to=4) == (4, result.pool)


def test_on_the_real_graph_the_bridge_through_gallivare_joins_kiruna_and_jokkmokk(graph):
    frame = contributions({KIRUNA: 20, JOKKMOKK: 20, PAJALA: 5}, sorted(graph))
    result = run(KIRUNA, frame, DEFAULT, graph)
    assert result.pool == tuple(sorted((KIRUNA, GALLIVARE, JOKKMOKK)))
    assert result.assessment.verdict == MOTIVATED
    assert brute_force(KIRUNA, frame, DEFAULT, graph, up_to=3) == (3, result.pool)


@pytest.mark.parametrize("home", [UMEA, KIRUNA, LYCKSELE, "2283", "2380", "2505"])
def test_on_the_real_graph_no_smaller_contiguous_pool_is_justified(graph, home):
    # A deterministic uneven spread: small needs everywhere, larger ones here and there.
    codes = sorted(graph)
    recruits = {code: (int(code) * 7) % 13 for code in codes}
    frame = contributions(recruits, codes)
    result = run(home, frame, DEFAULT, graph)
    assert result.found and result.status == autopool.FOUND
    assert home in result.pool and autopool.is_contiguous(result.pool, graph)
    assert assess("x", "x", None, frame, result.pool, DEFAULT).verdict == MOTIVATED
    size = len(result.pool)
    assert size <= 5, "keep the brute force small"
    assert brute_force(home, frame, DEFAULT, graph, up_to=size)[0] == size
    assert no_exchange_improves(result, frame, DEFAULT, graph)


def test_when_the_whole_region_is_not_enough_the_result_says_so(graph):
    codes = sorted(graph)
    recruits = {code: 5 for code in codes[:9]}  # need 45, but only 9 LIA places
    frame = contributions(recruits, codes, lia={code: 1 for code in codes[:9]})
    result = autopool.auto_pool(UMEA, "3251", "Tandsköterskor", None, frame, DEFAULT, graph)
    assert not result.found and result.status == autopool.REGION_SHORT
    assert result.assessment.verdict != MOTIVATED
    assert result.pool == () and set(result.assessment.pool) == set(graph)
    assert words(result, graph, reference_names()) == (
        "Ingen sammanhängande grupp av kommuner i de fyra länen når kraven för Tandsköterskor: "
        "hela regionen ger behov 45 mot krav 36; 9 arbetsgivare; LIA-platser 9 av 30 krävs; "
        "9 kommuner bidrar."
    )


def test_a_home_outside_the_region_is_refused(graph):
    with pytest.raises(ValueError):
        run("0180", contributions({}, sorted(graph)), DEFAULT, graph)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_needs_give_a_justified_contiguous_pool_of_at_most_ten_or_say_why_not(graph, data):
    codes = sorted(graph)
    home = data.draw(st.sampled_from(codes))
    most = data.draw(st.integers(3, 15), label="largest need")  # 3: thin, ~12 must pool
    need = data.draw(st.lists(st.integers(0, most), min_size=44, max_size=44))
    lia = data.draw(st.lists(st.integers(0, 10), min_size=44, max_size=44))
    frame = contributions(
        dict(zip(codes, need, strict=True)), codes, dict(zip(codes, lia, strict=True))
    )
    result = run(home, frame, DEFAULT, graph)
    whole = assess("x", "x", None, frame, codes, DEFAULT)
    if result.found:
        assert result.status == autopool.FOUND
        assert home in result.pool and autopool.is_contiguous(result.pool, graph)
        assert len(result.pool) <= autopool.MAX_POOL
        assert assess("x", "x", None, frame, result.pool, DEFAULT).verdict == MOTIVATED
        grown = autopool._greedy(
            home,
            autopool.figures_of(frame),
            graph,
            autopool.Requirements.of(DEFAULT).values(),
            44,
            set(codes),
        )
        assert len(result.pool) <= len(grown)
    elif whole.verdict == MOTIVATED:
        assert result.status == autopool.TOO_LARGE and result.pool == ()
    else:
        assert result.status == autopool.REGION_SHORT and result.pool == ()


def test_thin_needs_everywhere_never_give_a_chain_of_more_than_ten(graph):
    """Three people needed in every municipality: twelve must pool, which no application can
    name; the answer is 'too large', never a long chain."""
    codes = sorted(graph)
    frame = contributions(dict.fromkeys(codes, 3), codes)
    for home in (KIRUNA, UMEA, LYCKSELE, "2283"):
        result = run(home, frame, DEFAULT, graph)
        assert result.status == autopool.TOO_LARGE and result.pool == ()
    six_each = contributions(dict.fromkeys(codes, 6), codes)
    result = run(UMEA, six_each, DEFAULT, graph)
    assert result.status == autopool.FOUND and len(result.pool) == 6
