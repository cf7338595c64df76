"""Compute, audit and store a wave's publication: the only survey data the providers' view
reads (kraftsamling.privacy.view; the model: docs/privacy.md).

This is the one module of the privacy package that reads the answers. It runs when a wave is
built or imported (kraftsamling.db.refresh_publication, inside the writer's transaction):

1. the cells of three grains for the whole region, without narrowing filters — per
   municipality, per municipality and occupation field, per municipality and occupation — are
   protected by kraftsamling.privacy.cells (fewer than N respondents, dominance, complements
   within blocks and within each coarser figure of one municipality, the parts of a hidden
   figure hidden too). What is hidden depends on who answered (and, for dominance, on every
   horizon), so it is decided once per wave and holds for every horizon;
2. the audit: every pooled figure is a sum of published parts (shown cells and the fixed
   groups of hidden cells). Worst case, a reader learns every part and solves the linear
   system. No hidden cell from fewer than N respondents (or dominated) may lie in the span of
   the parts; where one does, a hidden group is withheld (never counted) until none does;
3. the tables: publication_cell (hidden figures NULL), publication_group (the sums of the
   counted hidden groups), publication_block, publication_wave (the audit's result).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial

import numpy as np
import pandas as pd

from kraftsamling.metrics import HORIZONS
from kraftsamling.privacy import cells as rules

FIGURES = [
    "recruits",
    "employers",
    "contributors",
    "lia_places",
    "upskilling",
    "difficulty_sum",
    "difficulty_answers",
    "post_secondary_rows",
    "need_rows",
]
NEVER = rules.NEVER_COUNTED
DECIDING_HORIZON = "0-5"
BASE_HORIZONS = ("0-1", "1-3", "3-5")  # dominance in no base horizon = in none of their sums
GRAINS = ("kommun", "kluster", "yrke")


@dataclass(frozen=True)
class Marked:
    """The three grains of cells of one wave, marked (what is hidden, what counts where)."""

    municipalities: pd.DataFrame
    clusters: pd.DataFrame
    occupations: pd.DataFrame
    blocks: rules.Blocks
    n: int

    def grains(self) -> list[tuple[str, pd.DataFrame]]:
        return [
            ("kommun", self.municipalities),
            ("kluster", self.clusters),
            ("yrke", self.occupations),
        ]


# ---------------------------------------------------------------- reading the answers
def _cells(run, wave_id: str, horizon: str, region: list[str]) -> dict[str, pd.DataFrame]:
    """The three grains' figures of one horizon for the whole region, without filters."""
    from kraftsamling.selection import Selection

    params = Selection(wave_id=wave_id, horizon=horizon).need_params(region)
    municipalities = run("municipality_figures", **params, education_areas=[])
    municipalities = municipalities.assign(
        candidate_id="", label="", cluster=None, education_area=None
    )
    level = partial(run, "candidate_contributions", **params, group_ssyk4=[], group_label="")
    return {
        "kommun": municipalities,
        "kluster": level(level="cluster"),
        "yrke": level(level="ssyk4"),
    }


def _dominated(run, wave_id: str, region: list[str], k: int, share: float) -> dict[str, set]:
    """Per grain, the cells (kommunkod, candidate_id) whose k largest respondents give more
    than `share` % of the need in some horizon."""
    out: dict[str, set] = {grain: set() for grain in GRAINS}
    if k <= 0:
        return out
    rows = run("cell_respondent_need", wave_id=wave_id, kommunkoder=region)
    for grain in GRAINS:
        key = {
            "kommun": "",
            "kluster": "kluster:" + rows["occupation_field"].fillna(""),
            "yrke": "yrke:" + rows["ssyk4"],
        }[grain]
        frame = rows.assign(candidate_id=key)
        per = frame.groupby(["kommunkod", "candidate_id", "respondent_id"])[
            ["recruits_1y", "recruits_1_3y", "recruits_3_5y"]
        ].sum()
        for column in per.columns:
            values = per[column]
            by_cell = values.groupby(level=[0, 1])
            total = by_cell.sum()
            top = by_cell.max() if k == 1 else by_cell.apply(lambda v: v.nlargest(k).sum())
            hit = total[(total > 0) & (top > share / 100 * total)].index
            out[grain].update(hit)
    return out


# ---------------------------------------------------------------- deciding what is hidden
def decide(
    run, wave_id: str, region: list[str], blocks: rules.Blocks, n: int, dominance: tuple[int, float]
) -> tuple[Marked, dict]:
    """Protect the three grains (0-5 years, every respondent) and run the audit."""
    cells = _cells(run, wave_id, DECIDING_HORIZON, region)
    dominated = _dominated(run, wave_id, region, *dominance)

    def flagged(grain: str, frame: pd.DataFrame) -> pd.Series:
        pairs = zip(frame["kommunkod"], frame["candidate_id"], strict=True)
        return pd.Series([p in dominated[grain] for p in pairs], index=frame.index, dtype=bool)

    municipalities = cells["kommun"]
    marked_municipalities = rules.protect_cells(
        municipalities, None, blocks, n, forced=flagged("kommun", municipalities)
    )
    hidden_municipalities = set(
        marked_municipalities.loc[marked_municipalities["suppressed"], "kommunkod"]
    )
    clusters = cells["kluster"]
    forced = clusters["kommunkod"].isin(hidden_municipalities) | flagged("kluster", clusters)
    marked_clusters = rules.protect_cells(
        clusters, "candidate_id", blocks, n, within=[["kommunkod"]], forced=forced
    )
    occupations = cells["yrke"]
    forced = _parent_hidden(occupations, marked_clusters) | flagged("yrke", occupations)
    marked_occupations = rules.protect_cells(
        occupations, "candidate_id", blocks, n, within=[["kommunkod", "cluster"]], forced=forced
    )
    frames = []
    for grain, frame in (
        ("kommun", marked_municipalities),
        ("kluster", marked_clusters),
        ("yrke", marked_occupations),
    ):
        frame = frame.copy()
        counts = frame["contributors"].to_numpy()
        few = (counts > 0) & (counts < n)
        dom = flagged(grain, frame).to_numpy() & ~few
        frame["hidden"] = np.where(
            few,
            rules.FEW,
            np.where(
                dom,
                rules.DOMINATED,
                np.where(frame["suppressed"].to_numpy(), rules.SECONDARY, None),
            ),
        )
        frames.append(frame)
    marked = Marked(*frames, blocks, n)
    started = time.perf_counter()
    audit = withhold_derivable(marked, n)
    audit["seconds"] = time.perf_counter() - started
    return marked, audit


def _parent_hidden(occupations: pd.DataFrame, clusters: pd.DataFrame) -> pd.Series:
    hidden = clusters[clusters["suppressed"]]
    pairs = set(zip(hidden["kommunkod"], hidden["label"], strict=True))
    return pd.Series(
        [
            pair in pairs
            for pair in zip(occupations["kommunkod"], occupations["cluster"], strict=True)
        ],
        index=occupations.index,
        dtype=bool,
    )


# ---------------------------------------------------------------- the audit
# The unknowns are the occupation cells with respondents; a cell of a coarser grain is the sum
# of its occupation cells. A part is a shown cell or a counted hidden group; the published
# figures are the parts' sums (P x = b). A reader learns exactly the linear combinations c.x
# with c in the row space of P. The promise, for every set R of fewer than N respondents:
#     rowspace(P) meets span{e_j : the respondents of cell j all in R} only in 0,
# i.e. no combination of published figures, however many and across whatever municipalities,
# grains and horizons, is a sum over the hidden answers of fewer than N respondents.
#
# How it is checked (docs/privacy.md, "The audit"):
# - shown occupation cells are unit rows of P, so rowspace(P) = R^shown (+) rowspace(P_H),
#   P_H being P restricted to the hidden unknowns; a c supported on hidden cells is in
#   rowspace(P) iff it is in rowspace(P_H);
# - rowspace(P_H) splits into the connected components of the hidden unknowns (joined when
#   one part sums both), and a c supported on H_R is in it iff each component's share is;
# - within a component with null space basis Z (P_H Z = 0), rowspace meets span(H_R) only in
#   0 iff the rows Z[H_R] have full row rank (rowspace = null space's orthogonal complement:
#   every change of the hidden cells of R is matched by an invisible change of the whole);
# - it is enough to check the maximal sets R: unions of the hidden cells' respondent sets
#   with fewer than N respondents, not contained in another such union (a subset's rows are
#   a subset of full-rank rows);
# - every horizon's figures are the same parts over the same cells (what is hidden does not
#   depend on the horizon; 0-3 and 0-5 are sums of the base horizons), so the row space over
#   all horizons is rowspace(P) (x) R^3 and a leak in any horizon or mix of horizons is a
#   leak of one horizon's system: one check covers them all.
# A dominated cell (>= N respondents, one above 85 %) is checked as a target of its own: c =
# its indicator is in rowspace(P_H) iff Z' c = 0.
# On a leak, the counted group that weighs most in a combination giving it away is withheld
# (never counted, never published) and the audit runs again; removing parts only shrinks the
# row space, so this ends.


def withhold_derivable(marked: Marked, n: int) -> dict:
    """Withhold hidden groups (column `never_counted`) until no combination of published parts
    is a sum over the hidden cells of fewer than n respondents (nor a dominated cell). Returns
    the audit's figures: targets (respondent sets and dominated cells checked), derivable
    (left; 0 unless shown cells alone give one away) and withheld groups."""
    grains = marked.grains()
    for _, frame in grains:
        frame[NEVER] = False
    unknowns = _unknowns(marked)
    members = _members(marked, grains, unknowns)
    owners = _owners(marked, unknowns)
    withheld = 0
    leaks: list = []
    checked = 0
    for _ in range(1000):
        parts, dominated = _system(grains, members)
        leaks, checked = _leaks(parts, dominated, owners, n, len(unknowns))
        if not leaks:
            break
        is_group = np.array([group is not None for _, group in parts])
        chosen = set()
        for indices, weights in leaks:
            # the counted group that weighs most; of groups tied up to rounding, the last
            weight = np.abs(weights) * is_group[indices]
            heaviest = weight.max()
            if heaviest > 1e-8:
                chosen.add(int(indices[weight >= heaviest * (1 - 1e-9)].max()))
        if not chosen:  # shown cells alone determine it: nothing to withhold
            break
        for i in chosen:
            grain, positions = parts[i][1]
            frame = grains[grain][1]
            frame.iloc[positions, frame.columns.get_loc(NEVER)] = True
            withheld += 1
    return {"targets": checked, "derivable": len(leaks), "withheld": withheld}


def _unknowns(marked: Marked) -> dict[tuple[str, str], int]:
    cells = marked.occupations[marked.occupations["contributors"] > 0]
    pairs = zip(cells["kommunkod"], cells["candidate_id"], strict=True)
    return {pair: i for i, pair in enumerate(pairs)}


def _owners(marked: Marked, unknowns) -> list[frozenset]:
    """Each unknown's respondents (a cell without the list: a set of its own, as many as its
    count says, so it is never within fewer than n respondents by mistake)."""
    occupations = marked.occupations
    out: list[frozenset] = [frozenset()] * len(unknowns)
    has_ids = RESPONDENTS in occupations
    for row, pair in enumerate(
        zip(occupations["kommunkod"], occupations["candidate_id"], strict=True)
    ):
        if pair not in unknowns:
            continue
        if has_ids:
            out[unknowns[pair]] = frozenset(occupations[RESPONDENTS].iloc[row])
        else:
            count = int(occupations["contributors"].iloc[row])
            out[unknowns[pair]] = frozenset(f"{pair}#{k}" for k in range(count))
    return out


def _members(marked: Marked, grains, unknowns) -> list[list[list[int]]]:
    """For each grain, for each cell (by position): the unknowns it sums."""
    occupations = marked.occupations
    by_municipality: dict[str, list[int]] = {}
    by_cluster: dict[tuple[str, str], list[int]] = {}
    clusters = dict(
        zip(
            zip(occupations["kommunkod"], occupations["candidate_id"], strict=True),
            occupations["cluster"],
            strict=True,
        )
    )
    for pair, i in unknowns.items():
        by_municipality.setdefault(pair[0], []).append(i)
        by_cluster.setdefault((pair[0], clusters[pair]), []).append(i)
    out = []
    for grain, frame in grains:
        codes = frame["kommunkod"].tolist()
        if grain == "kommun":
            out.append([by_municipality.get(k, []) for k in codes])
        elif grain == "kluster":
            out.append(
                [by_cluster.get(pair, []) for pair in zip(codes, frame["label"], strict=True)]
            )
        else:
            out.append(
                [
                    [unknowns[pair]] if pair in unknowns else []
                    for pair in zip(codes, frame["candidate_id"], strict=True)
                ]
            )
    return out


RESPONDENTS = rules.RESPONDENT_IDS


def group_scopes(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Each cell's hidden group: (scope kind, scope) — 'block', 'lan' or 'region' — or
    (None, None) for a shown cell, or a hidden one that counts nowhere."""
    has = frame["contributors"].to_numpy() > 0
    counted = has & frame["suppressed"].to_numpy(dtype=bool) & ~frame[NEVER].to_numpy(dtype=bool)
    block_ok = frame[rules.REMAINDER_OK].to_numpy(dtype=bool)
    county_ok = frame[rules.COUNTY_OK].to_numpy(dtype=bool)
    region_ok = frame[rules.REGION_OK].to_numpy(dtype=bool)
    kind = np.full(len(frame), None, dtype=object)
    scope = np.full(len(frame), None, dtype=object)
    blocks = frame[rules.BLOCK].to_numpy(dtype=object)
    lan = frame["kommunkod"].str[:2].to_numpy(dtype=object)
    for mask, name, where in (
        (counted & block_ok, "block", blocks),
        (counted & ~block_ok & county_ok, "lan", lan),
        (counted & ~block_ok & ~county_ok & region_ok, "region", np.full(len(frame), "")),
    ):
        kind[mask], scope[mask] = name, where[mask]
    return kind, scope


def _system(grains, members):
    """The published parts ((unknowns, None) for a shown cell, (unknowns, (grain number,
    positions)) for a counted hidden group) and the dominated cells (their unknowns)."""
    parts, dominated = [], []
    for number, (_, frame) in enumerate(grains):
        has = frame["contributors"].to_numpy() > 0
        hidden = frame["suppressed"].to_numpy(dtype=bool)
        for position in np.flatnonzero(has & ~hidden):
            parts.append((members[number][position], None))
        for position in np.flatnonzero(has & (frame["hidden"] == rules.DOMINATED).to_numpy()):
            dominated.append(members[number][position])
        kind, scope = group_scopes(frame)
        key = frame["candidate_id"].astype(str).to_numpy()
        groups: dict[tuple, list[int]] = {}
        for position in np.flatnonzero(kind != None):  # noqa: E711 (an object array)
            groups.setdefault((key[position], kind[position], scope[position]), []).append(position)
        for positions in groups.values():
            indices = sorted({i for p in positions for i in members[number][p]})
            parts.append((indices, (number, positions)))
    return parts, dominated


def respondent_sets(owners: list[frozenset], n: int) -> list[frozenset]:
    """The maximal sets R of fewer than n respondents that are unions of cells' respondent
    sets (it is enough to check these: every other R's cells are within one of them)."""
    base = {s for s in owners if 0 < len(s) < n}
    by_element: dict = {}
    for s in base:
        for who in s:
            by_element.setdefault(who, []).append(s)
    by_size: dict[int, list[frozenset]] = {}
    for s in base:
        by_size.setdefault(len(s), []).append(s)
    found = set(base)
    frontier = list(base)
    maximal: list[frozenset] = []
    while frontier:
        grown: list[frozenset] = []
        for a in frontier:
            room = n - 1 - len(a)  # how many respondents a may still take in
            partners = [b for size in range(1, room + 1) for b in by_size.get(size, ())]
            partners += [b for who in a for b in by_element[who]] if room >= 0 else []
            bigger = False
            for b in partners:
                union = a | b
                if len(union) < n and union != a:
                    bigger = True
                    if union not in found:
                        found.add(union)
                        grown.append(union)
            if not bigger:
                maximal.append(a)
        frontier = grown
    return maximal


def _leaks(parts, dominated, owners, n: int, size: int):
    """The leaks (each as the parts and their weights in a combination that gives one away:
    two arrays) and the number of targets checked (respondent sets and dominated cells)."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components
    from threadpoolctl import threadpool_limits

    known = np.zeros(size, dtype=bool)
    for indices, group in parts:
        if group is None and len(indices) == 1:
            known[indices[0]] = True
    reduced = [np.array([i for i in indices if not known[i]], dtype=int) for indices, _ in parts]
    rows, cols = [], []
    for indices in reduced:
        if len(indices) > 1:
            rows.extend(indices[:-1])
            cols.extend(indices[1:])
    graph = coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(size, size))
    _, component = connected_components(graph, directed=False)
    parts_of: dict[int, list[int]] = {}
    for i, indices in enumerate(reduced):
        if len(indices):
            parts_of.setdefault(component[indices[0]], []).append(i)
    cells_of: dict[int, list[int]] = {}
    for j in np.flatnonzero(~known):
        cells_of.setdefault(component[j], []).append(int(j))
    null_rows: dict[int, np.ndarray] = {}  # hidden unknown -> its row of its component's Z
    solvers: dict[int, object] = {}  # component -> the weights of parts giving a vector c
    leaks: list[tuple[np.ndarray, np.ndarray]] = []
    checked = 0
    with threadpool_limits(limits=1):
        for number, cells in cells_of.items():
            chosen = parts_of.get(number, [])
            if not chosen:  # no part sums these cells: nothing about them is published
                continue
            where = {j: k for k, j in enumerate(cells)}
            matrix = np.zeros((len(chosen), len(cells)))
            for row, i in enumerate(chosen):
                matrix[row, [where[j] for j in reduced[i]]] = 1
            left, singular, right = np.linalg.svd(matrix, full_matrices=True)
            rank = int((singular > 1e-9 * singular.max()).sum())
            basis = right[rank:].T  # the null space: cells x (cells - rank)
            for j, k in where.items():
                null_rows[j] = basis[k]
            solvers[number] = partial(
                _weights, np.array(chosen), where, left[:, :rank], singular[:rank], right[:rank]
            )
            sets = respondent_sets([owners[j] for j in cells], n)
            checked += len(sets)
            cells_by_respondent: dict = {}  # who -> the component's cells with them behind
            for j in cells:
                if 0 < len(owners[j]) < n:
                    for who in owners[j]:
                        cells_by_respondent.setdefault(who, []).append(j)
            by_size: dict[int, list[list[int]]] = {}  # the cells inside each R, by how many
            for r in sets:
                near = {j for who in r for j in cells_by_respondent.get(who, ())}
                inside = sorted(j for j in near if owners[j] <= r)
                by_size.setdefault(len(inside), []).append(inside)
            found = list(_rank_deficient(basis, where, by_size))
            if found:
                vectors = np.zeros((len(cells), len(found)))
                for column, (local, c) in enumerate(found):
                    vectors[local, column] = c
                weights = solvers[number](vectors)
                leaks.extend((solvers[number].args[0], w) for w in weights.T)
        for target in dominated:
            checked += 1
            hidden = [j for j in target if not known[j]]
            if not hidden or any(j not in null_rows for j in hidden):
                continue  # shown alone (never dominated), or a cell no part sums
            by_component: dict[int, list[int]] = {}
            for j in hidden:
                by_component.setdefault(component[j], []).append(j)
            if all(
                np.allclose(np.sum([null_rows[j] for j in cells], axis=0), 0, atol=1e-8)
                for cells in by_component.values()
            ):
                indices, weights = [], []
                for number, cells in by_component.items():
                    vector = np.zeros((len(solvers[number].args[1]), 1))
                    vector[[solvers[number].args[1][j] for j in cells], 0] = 1.0
                    indices.append(solvers[number].args[0])
                    weights.append(solvers[number](vector)[:, 0])
                leaks.append((np.concatenate(indices), np.concatenate(weights)))
    return leaks, checked


# An eigenvalue of Z_I Z_I' below this sends the block to the exact check (a zero singular
# value of Z_I shows as an eigenvalue near 1e-16 at most; the exact check is the SVD of Z_I,
# as ever: a singular value below 1e-8 is a leak).
SUSPECT = 1e-6
BATCH = 4096  # Gram matrices per batched eigenvalue call


def _rank_deficient(basis: np.ndarray, where: dict[int, int], by_size: dict[int, list]):
    """For each set of cells I (grouped by size), whether the rows Z[I] of the null-space
    basis lack full row rank, i.e. a combination c of those cells is published: yields c as
    {cell: weight}. The rank test runs batched on the small Gram matrices Z_I Z_I' (taken from
    the null-space projector Z Z' when it fits in memory), and only suspects get an SVD.
    Yields each leak as (the cells' positions in the component, c)."""
    width = basis.shape[1]
    projector = basis @ basis.T if len(where) <= 4000 else None
    for size, insides in by_size.items():
        if width == 0:  # nothing invisible moves: every cell of the component is known
            for inside in insides:
                yield [where[inside[0]]], [1.0]
            continue
        local = np.array([[where[j] for j in inside] for inside in insides], dtype=int)
        for start in range(0, len(local), BATCH):
            chunk = local[start : start + BATCH]
            if projector is not None:
                gram = projector[chunk[:, :, None], chunk[:, None, :]]
            else:
                rows = basis[chunk]
                gram = rows @ rows.transpose(0, 2, 1)
            smallest = np.linalg.eigvalsh(gram)[:, 0]
            for offset in np.flatnonzero(smallest < SUSPECT):
                block = basis[chunk[offset]]
                u, s, _ = np.linalg.svd(block, full_matrices=size > width)
                full = int((s > 1e-8).sum())
                if full < size:  # block.T @ u[:, full] = 0: in the row space
                    yield chunk[offset], u[:, full]


def _weights(chosen, where, left, singular, right, vectors: np.ndarray) -> np.ndarray:
    """The least-norm weights W of the component's parts (one column per column of vectors,
    the cells in the component's order) with matrix.T @ W = vectors."""
    return left @ ((right @ vectors) / singular[:, None])


# ---------------------------------------------------------------- the tables
def _respondents_class(count: int, n: int) -> str:
    if count < n:
        return rules.label(n)
    for upper in (10, 50):
        if count < upper:
            return f"{n}-{upper - 1}" if upper == 10 else f"10-{upper - 1}"
    return "50+"


def tables(marked: Marked, figures: dict[str, pd.DataFrame], horizon: str, wave_id: str):
    """publication_cell and publication_group rows of one horizon: the marked cells with the
    horizon's figures, hidden figures left out, and the sums of the counted hidden groups."""
    cells, groups = [], []
    for grain, frame in marked.grains():
        frame = frame[frame["contributors"] > 0]
        values = figures[grain].set_index(["kommunkod", "candidate_id"]).reindex(columns=FIGURES)
        laid = values.reindex(
            pd.MultiIndex.from_arrays([frame["kommunkod"], frame["candidate_id"]])
        )
        kind, scope = group_scopes(frame)
        keys = zip(kind, scope, frame["candidate_id"], strict=True)
        group_id = [None if k is None else f"{grain}|{c}|{k}:{s}" for k, s, c in keys]
        out = pd.DataFrame(
            {
                "wave_id": wave_id,
                "horizon": horizon,
                "grain": grain,
                "kommunkod": frame["kommunkod"].to_numpy(),
                "candidate_id": frame["candidate_id"].to_numpy(),
                "label": frame["label"].to_numpy(),
                "cluster": frame["cluster"].to_numpy(),
                "education_area": frame["education_area"].to_numpy(),
                "hidden": frame["hidden"].to_numpy(),
                "respondents_class": [
                    _respondents_class(int(c), marked.n) for c in frame["contributors"]
                ],
                "group_id": group_id,
                "participated": True if grain == "kommun" else None,
            }
        )
        hidden = out["hidden"].notna().to_numpy()
        for column in FIGURES:
            column_values = pd.to_numeric(laid[column], errors="coerce").fillna(0).astype("int64")
            out[column] = pd.Series(column_values.to_numpy(), dtype="Int64").mask(hidden)
        sums = pd.DataFrame(
            {
                column: pd.to_numeric(laid[column], errors="coerce")
                .fillna(0)
                .astype("int64")
                .to_numpy()
                for column in FIGURES
            }
        )
        sums["group_id"] = group_id
        sums["candidate_id"] = frame["candidate_id"].to_numpy()
        sums["scope_kind"], sums["scope"] = kind, scope
        counted = sums[sums["group_id"].notna()]
        if len(counted):
            summed = counted.groupby(["group_id", "candidate_id", "scope_kind", "scope"])
            grouped = summed[FIGURES].sum().reset_index()
            grouped["cells"] = summed.size().to_numpy()
            grouped.insert(0, "grain", grain)
            grouped.insert(0, "horizon", horizon)
            grouped.insert(0, "wave_id", wave_id)
            groups.append(grouped)
        cells.append(out)
    return pd.concat(cells, ignore_index=True), (
        pd.concat(groups, ignore_index=True) if groups else None
    )


# ---------------------------------------------------------------- the response rate
RATE_BANDS = ("0-24", "25-49", "50-74", "75-100")  # 25 percentage points each


def rate_band(rate: float) -> str:
    """The band of a response rate (0 … 1): '0-24', '25-49', '50-74' or '75-100'."""
    return RATE_BANDS[min(int(100 * rate) // 25, len(RATE_BANDS) - 1)]


def response_rows(rates: pd.DataFrame, wave_id: str, n: int) -> pd.DataFrame:
    """publication_response's rows from queries/response_rate_by_municipality.sql (per
    municipality: invited, respondents). Only invited organisations count (a respondent beyond
    the list does not lift the rate above 100 %). A scope is shown when at least n of its
    invited organisations answered and at least n did not: then neither "all of them" nor
    "none of them" can be read from it, nor who answered among few. A municipality gets a band,
    a county and the region a rate in whole per cent (docs/privacy.md)."""
    invited = rates["invited"].fillna(0).astype("int64")
    answered = np.minimum(rates["respondents"].fillna(0).astype("int64"), invited)
    frame = pd.DataFrame(
        {"kommunkod": rates["kommunkod"], "invited": invited, "answered": answered}
    )
    rows = []

    def row(kind: str, scope: str, part: pd.DataFrame) -> None:
        listed = part[part["invited"] > 0]
        total, yes = int(listed["invited"].sum()), int(listed["answered"].sum())
        shown = bool(total) and yes >= n and total - yes >= n
        rate = yes / total if total else None
        rows.append(
            {
                "wave_id": wave_id,
                "scope_kind": kind,
                "scope": scope,
                "listed": bool(total),
                "municipalities_listed": len(listed),
                "shown": shown,
                "rate_band": rate_band(rate) if shown else None,
                "response_rate": round(rate, 2) if shown and kind != "kommun" else None,
            }
        )

    for kommunkod, part in frame.groupby("kommunkod", sort=True):
        row("kommun", kommunkod, part)
    for lan, part in frame.groupby(frame["kommunkod"].str[:2], sort=True):
        row("lan", lan, part)
    row("region", "", frame)
    return pd.DataFrame(rows)


def publish_wave(
    con, wave_id: str, n: int | None = None, dominance: tuple[int, float] | None = None
) -> dict:
    """Compute, audit and store one wave's publication on a writable connection (the
    caller's transaction). Returns publication_wave's row."""
    from kraftsamling import queries

    n = rules.min_respondents() if n is None else n
    dominance = rules.dominance() if dominance is None else dominance

    def run(name: str, **params) -> pd.DataFrame:  # inside the writer's transaction
        return con.execute(queries.sql(name), params).df()

    year = int(
        con.execute("SELECT survey_year FROM wave WHERE wave_id = $w", {"w": wave_id}).fetchone()[0]
    )
    region = list(
        run("selection_municipalities", lan_koder=[], group_id=None, kommunkoder=[], year=year)[
            "kommunkod"
        ]
    )
    block_rows = run("privacy_blocks", year=year)
    blocks = rules.Blocks.from_frame(block_rows)
    marked, audit = decide(run, wave_id, region, blocks, n, dominance)
    for statement in DELETE_WAVE:
        con.execute(statement, {"w": wave_id})
    _insert(con, "publication_block", block_rows.assign(wave_id=wave_id))
    for horizon in HORIZONS:
        figures = _cells(run, wave_id, horizon, region)
        cells, groups = tables(marked, figures, horizon, wave_id)
        _insert(con, "publication_cell", cells)
        if groups is not None:
            _insert(con, "publication_group", groups)
    counted = {g: f[f["contributors"] > 0] for g, f in marked.grains()}
    row = {
        "wave_id": wave_id,
        "min_respondents": n,
        "dominance_respondents": dominance[0],
        "dominance_share": dominance[1],
        "cells": sum(len(f) for f in counted.values()),
        "hidden_few": sum(int((f["hidden"] == rules.FEW).sum()) for f in counted.values()),
        "hidden_dominance": sum(
            int((f["hidden"] == rules.DOMINATED).sum()) for f in counted.values()
        ),
        "hidden_secondary": sum(
            int((f["hidden"] == rules.SECONDARY).sum()) for f in counted.values()
        ),
        "audit_targets": audit["targets"],
        "audit_derivable": audit["derivable"],
        "audit_withheld": audit["withheld"],
        "audit_seconds": audit["seconds"],
        "published_at": datetime.now(UTC).replace(tzinfo=None),
    }
    _insert(con, "publication_wave", pd.DataFrame([row]))
    rates = run("response_rate_by_municipality", wave_id=wave_id)
    _insert(con, "publication_response", response_rows(rates, wave_id, n))
    return row


TABLES = (
    "publication_cell",
    "publication_group",
    "publication_block",
    "publication_wave",
    "publication_response",
)
# literal SQL per table (no SQL text is built from values)
DELETE_WAVE = [
    "DELETE FROM publication_cell WHERE wave_id = $w",
    "DELETE FROM publication_group WHERE wave_id = $w",
    "DELETE FROM publication_block WHERE wave_id = $w",
    "DELETE FROM publication_wave WHERE wave_id = $w",
    "DELETE FROM publication_response WHERE wave_id = $w",
]
DELETE_GONE = [
    "DELETE FROM publication_cell WHERE wave_id NOT IN (SELECT wave_id FROM wave)",
    "DELETE FROM publication_group WHERE wave_id NOT IN (SELECT wave_id FROM wave)",
    "DELETE FROM publication_block WHERE wave_id NOT IN (SELECT wave_id FROM wave)",
    "DELETE FROM publication_wave WHERE wave_id NOT IN (SELECT wave_id FROM wave)",
    "DELETE FROM publication_response WHERE wave_id NOT IN (SELECT wave_id FROM wave)",
]
INSERT = {
    "publication_cell": "INSERT INTO publication_cell BY NAME SELECT * FROM publication_rows",
    "publication_group": "INSERT INTO publication_group BY NAME SELECT * FROM publication_rows",
    "publication_block": "INSERT INTO publication_block BY NAME SELECT * FROM publication_rows",
    "publication_wave": "INSERT INTO publication_wave BY NAME SELECT * FROM publication_rows",
    "publication_response": "INSERT INTO publication_response BY NAME SELECT * FROM "
    "publication_rows",
}


def _insert(con, table: str, frame: pd.DataFrame) -> None:
    con.register("publication_rows", frame)
    try:
        con.execute(INSERT[table])
    finally:
        con.unregister("publication_rows")


def publish_all(con) -> list[dict]:
    """Every wave's publication (kraftsamling.db.refresh_publication)."""
    waves = [w for (w,) in con.execute("SELECT wave_id FROM wave ORDER BY wave_id").fetchall()]
    for statement in DELETE_GONE:
        con.execute(statement)
    return [publish_wave(con, wave_id) for wave_id in waves]
