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
# of its occupation cells. A part is a shown cell or a counted hidden group. A target (a hidden
# cell from fewer than N respondents, or dominated) is derivable when it lies in the span of the
# parts. Shown occupation cells are unit parts: their unknowns are known and drop out (exactly:
# a target has no known unknown), so what is left is a small system over hidden cells only, cut
# into connected components; each is checked with a dense SVD on one BLAS thread.


def withhold_derivable(marked: Marked, n: int) -> dict:
    """Withhold hidden groups (column `never_counted`) until no target is derivable. Returns
    the audit's figures: targets, derivable (left; 0 unless shown cells alone give one away)
    and withheld groups."""
    grains = marked.grains()
    for _, frame in grains:
        frame[NEVER] = False
    unknowns = _unknowns(marked)
    members = _members(marked, grains, unknowns)
    extra = _subset_targets(grains, members, n)
    withheld = 0
    derivable: list = []
    for _ in range(200):
        parts, targets = _system(grains, members, n)
        derivable = _derivable(parts, targets + extra, len(unknowns))
        if not derivable:
            break
        chosen = set()
        for _, weights in derivable:
            groups = [
                (abs(w), i) for i, w in weights.items() if parts[i][1] is not None and abs(w) > 1e-8
            ]
            if groups:
                chosen.add(max(groups)[1])
        if not chosen:  # shown cells alone determine it: nothing to withhold
            break
        for i in chosen:
            grain, positions = parts[i][1]
            frame = grains[grain][1]
            frame.iloc[positions, frame.columns.get_loc(NEVER)] = True
            withheld += 1
    return {
        "targets": len(_system(grains, members, n)[1]) + len(extra),
        "derivable": len(derivable),
        "withheld": withheld,
    }


def _unknowns(marked: Marked) -> dict[tuple[str, str], int]:
    cells = marked.occupations[marked.occupations["contributors"] > 0]
    pairs = zip(cells["kommunkod"], cells["candidate_id"], strict=True)
    return {pair: i for i, pair in enumerate(pairs)}


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


SUBSET_SIZES = 4  # subsets of up to this many hidden parts (and their complements) are checked


def _subset_targets(grains, members, n: int) -> list[list[int]]:
    """More targets: within each figure of one municipality (its total, one of its clusters),
    the sets of its hidden parts (clusters, occupations) that together come from fewer than n
    respondents — a coarse figure minus some of its parts' groups would give them away (one
    respondent can be behind several occupations)."""
    from itertools import combinations

    out: list[list[int]] = []
    parents = {1: ["kommunkod"], 2: ["kommunkod", "cluster"]}  # kluster in kommun, yrke in kluster
    for number, keys in parents.items():
        _, frame = grains[number]
        if RESPONDENTS not in frame:
            continue
        hidden = frame[
            frame["suppressed"].to_numpy(dtype=bool) & (frame["contributors"].to_numpy() > 0)
        ]
        for _, group in hidden.groupby(keys, sort=False):
            positions = [frame.index.get_loc(i) for i in group.index]
            if len(positions) < 2:
                continue
            who = [set(ids) for ids in group[RESPONDENTS]]
            sizes = set(range(2, min(SUBSET_SIZES, len(positions) - 1) + 1))
            sizes |= {
                len(positions) - k for k in range(1, SUBSET_SIZES + 1) if len(positions) - k >= 2
            }
            if len(positions) > 12:
                sizes = {2, len(positions) - 1} - {len(positions), 1}
            for size in sorted(sizes):
                for chosen in combinations(range(len(positions)), size):
                    if len(set().union(*(who[i] for i in chosen))) < n:
                        out.append(
                            sorted({u for i in chosen for u in members[number][positions[i]]})
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


def _system(grains, members, n: int):
    """The published parts ((unknowns, None) for a shown cell, (unknowns, (grain number,
    positions)) for a counted hidden group) and the targets (unknowns)."""
    parts, targets = [], []
    for number, (_, frame) in enumerate(grains):
        has = frame["contributors"].to_numpy() > 0
        hidden = frame["suppressed"].to_numpy(dtype=bool)
        primary = frame["hidden"].isin([rules.FEW, rules.DOMINATED]).to_numpy()
        for position in np.flatnonzero(has & ~hidden):
            parts.append((members[number][position], None))
        for position in np.flatnonzero(has & primary):
            targets.append(members[number][position])
        kind, scope = group_scopes(frame)
        key = frame["candidate_id"].astype(str).to_numpy()
        groups: dict[tuple, list[int]] = {}
        for position in np.flatnonzero(kind != None):  # noqa: E711 (an object array)
            groups.setdefault((key[position], kind[position], scope[position]), []).append(position)
        for positions in groups.values():
            indices = sorted({i for p in positions for i in members[number][p]})
            parts.append((indices, (number, positions)))
    return parts, targets


def _derivable(parts, targets, size: int) -> list[tuple[int, dict[int, float]]]:
    """The targets in the span of the parts, each with the weights of parts that give it."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components
    from threadpoolctl import threadpool_limits

    if not parts or not targets:
        return []
    known = np.zeros(size, dtype=bool)
    for indices, group in parts:
        if group is None and len(indices) == 1:
            known[indices[0]] = True
    reduced = [np.array([i for i in indices if not known[i]], dtype=int) for indices, _ in parts]
    wanted = [np.array(t, dtype=int) for t in targets]
    # connect the unknowns that one part or one target sums
    rows, cols = [], []
    for indices in [*reduced, *wanted]:
        if len(indices) > 1:
            rows.extend(indices[:-1])
            cols.extend(indices[1:])
    graph = coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(size, size))
    _, component = connected_components(graph, directed=False)
    by_component_parts: dict[int, list[int]] = {}
    for i, indices in enumerate(reduced):
        if len(indices):
            by_component_parts.setdefault(component[indices[0]], []).append(i)
    by_component_targets: dict[int, list[int]] = {}
    for t, indices in enumerate(wanted):
        if len(indices):
            by_component_targets.setdefault(component[indices[0]], []).append(t)
    found = []
    with threadpool_limits(limits=1):
        for number, chosen_targets in by_component_targets.items():
            chosen = by_component_parts.get(number, [])
            if not chosen:
                continue
            columns = np.flatnonzero(component == number)
            where = np.full(size, -1)
            where[columns] = np.arange(len(columns))
            matrix = np.zeros((len(chosen), len(columns)))
            for row, i in enumerate(chosen):
                matrix[row, where[reduced[i]]] = 1
            wanted_matrix = np.zeros((len(columns), len(chosen_targets)))
            for column, t in enumerate(chosen_targets):
                wanted_matrix[where[wanted[t]], column] = 1
            # the row space of the parts: a target in it is derivable
            left, singular, rows = np.linalg.svd(matrix, full_matrices=False)
            keep = singular > 1e-9 * singular.max()
            left, singular, basis = left[:, keep], singular[keep], rows[keep]
            inside = basis @ wanted_matrix
            residual = np.abs(wanted_matrix - basis.T @ inside).max(axis=0)
            for column in np.flatnonzero(residual < 1e-6):
                weights = left @ (inside[:, column] / singular)  # matrix.T @ weights = target
                found.append((chosen_targets[column], dict(zip(chosen, weights, strict=True))))
    return found


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
