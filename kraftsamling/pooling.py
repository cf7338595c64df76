"""The providers' view as one fixed publication: every figure a provider can see is a sum of
cells that are protected once per wave and horizon, whatever the selection or the page.

The publication has three grains of cells per municipality — all needs, per cluster (both
cluster schemes) and per occupation — each protected by kraftsamling.privacy.protect_cells:
small cells hidden, complements hidden within each block (municipalities sharing county and
collaboration groups) and within each coarser figure of the same municipality, and the parts
of a hidden figure hidden too (a municipality's hidden total must not be rebuilt from its
clusters, nor a hidden cluster from its occupations).

A figure pooled over a selection (the map's total, a cluster, an occupation, a candidate in the
finder) counts the selection's shown cells and the hidden part of every block wholly in the
selection, when that part comes from at least N respondents. Any two pooled figures — of two
selections, two pages, a cluster filter on and off — are then sums of published cells, and
differ by shown cells and whole blocks' hidden parts: a provider cannot work out one
municipality's hidden figure by adding it to the selection or leaving it out.

Figures of two grains can still leave out different cells (a cluster may count a block's
hidden part that one of its occupations, with too few respondents in the block, cannot). When
what a cluster counts and its occupations do not (the *gap*) comes from 1..N-1 respondents,
the smallest of its occupations is hidden too, so the difference always includes at least N.

The filters that cut the answers in other ways (kinds of employer, industries, post-secondary
only) and custom groups of occupations are not in the providers' view: each would be another
table to difference against this one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kraftsamling import privacy

SUMMED = ["recruits", "employers", "contributors", "lia_places"]
OCCUPATION_SUMS = ["difficulty_sum", "difficulty_answers", "post_secondary_rows", "need_rows",
                   "upskilling"]  # fmt: skip
SURVEY_FIGURES = ["recruits", "recruits_per_1000", "employers", "lia_places"]

# distinct respondents behind cells 'kommunkod|ssyk4', per cluster (by='cluster')
Respondents = Callable[[list[str], str], pd.DataFrame]


@dataclass(frozen=True)
class Publication:
    """The protected cells of one wave and horizon (see the module's docstring)."""

    municipalities: pd.DataFrame  # municipality_figures rows, marked
    clusters: pd.DataFrame  # candidate_contributions at level 'cluster' (the chosen scheme;
    # its `cluster` column is the cluster, as `label` is)
    occupations: pd.DataFrame  # level 'ssyk4'; `cluster` of the chosen scheme
    blocks: privacy.Blocks
    n: int  # the fewest respondents a shown figure comes from

    def picked(self, cluster: str | None, ssyk4: str | None):
        """The cluster and occupation cells the shared cluster and occupation filters leave.
        The filters pick published cells; they make none."""
        clusters, occupations = self.clusters, self.occupations
        if cluster:
            clusters = clusters[clusters["cluster"] == cluster]
            occupations = occupations[occupations["cluster"] == cluster]
        if ssyk4:
            occupations = occupations[occupations["candidate_id"] == f"yrke:{ssyk4}"]
        return clusters, occupations


def publish(
    municipalities: pd.DataFrame, clusters_by_field: pd.DataFrame, clusters_by_area: pd.DataFrame,
    occupations: pd.DataFrame, blocks: privacy.Blocks, n: int, scheme: str,
) -> Publication:  # fmt: skip
    """Protect the three grains of cells, each for the whole region, without narrowing
    filters: municipality_figures, candidate_contributions at level 'cluster' for both
    schemes, and at level 'ssyk4' (fetched with the 'field' scheme: `cluster` is the
    occupation field, `education_area` the MYH area)."""
    marked_municipalities = privacy.protect_cells(municipalities, None, blocks, n)
    hidden_municipalities = set(
        marked_municipalities.loc[marked_municipalities["suppressed"], "kommunkod"]
    )

    def clusters(cells: pd.DataFrame) -> pd.DataFrame:
        forced = cells["kommunkod"].isin(hidden_municipalities)
        return privacy.protect_cells(
            cells, "candidate_id", blocks, n, within=[["kommunkod"]], forced=forced
        )

    by_field, by_area = clusters(clusters_by_field), clusters(clusters_by_area)
    occupations = occupations.assign(
        field=occupations["cluster"], area=occupations["education_area"]
    )
    forced = _parent_hidden(occupations, by_field, "field") | _parent_hidden(
        occupations, by_area, "area"
    )
    marked_occupations = privacy.protect_cells(
        occupations, "candidate_id", blocks, n,
        within=[["kommunkod", "field"], ["kommunkod", "area"]], forced=forced,
    )  # fmt: skip
    marked_occupations["cluster"] = marked_occupations["field" if scheme == "field" else "area"]
    # who stands behind each cell was needed to mark it; the pages need only the counts
    published = Publication(
        *(
            frame.drop(columns=[privacy.RESPONDENT_IDS], errors="ignore")
            for frame in (marked_municipalities, by_field if scheme == "field" else by_area,
                          marked_occupations)
        ),
        blocks, n,
    )  # fmt: skip
    return withhold_derivable(published, n)


# ---------------------------------------------------------------- the audit
# Every pooled figure is a sum of published parts: shown cells and counted hidden groups (a
# block's, county's or the region's hidden cells of one grain and key). A provider comparing
# many views can in the worst case learn each part, and then solve the linear system they
# form. The audit checks that no hidden cell from 1..n-1 respondents is a linear combination
# of the parts; where one is, a hidden group it takes is withheld (never counted) until none
# is. Cells of the three grains are sums of the occupation cells, the audit's unknowns.

# Occupation cells with respondents beyond which the audit is not run and no hidden group is
# counted at all (pooled figures count shown cells only): the audit's SVD grows with the cube
# of the cells (example wave, 1 013 cells: 0.8 s; national benchmark, 3 971 cells: 39 s and
# 1.1 GB), and it runs when a page first shows a wave.
AUDIT_LIMIT = 1500
NEVER = privacy.NEVER_COUNTED


def withhold_derivable(published: Publication, n: int) -> Publication:
    """The publication with hidden groups withheld (column `never_counted`) until the audit
    finds no hidden cell from 1..n-1 respondents that the published parts determine."""
    grains = _grains(published)
    for _, cells in grains:
        cells[NEVER] = False
    unknowns = _unknowns(published)
    if len(unknowns) > AUDIT_LIMIT:
        for _, cells in grains:
            cells[NEVER] = cells["suppressed"].to_numpy()
        return published
    members = _members(published, grains, unknowns)
    for _ in range(100):
        parts, targets = _system(grains, members, len(unknowns), n)
        derivable = _derivable(parts, targets)
        if not derivable:
            return published
        matrix = np.array([vector for vector, _ in parts])
        weights = np.linalg.lstsq(
            matrix.T, np.array([targets[i] for i in derivable]).T, rcond=None
        )[0]
        withheld = False
        for column in range(weights.shape[1]):
            groups = [i for i, (_, group) in enumerate(parts) if group is not None
                      and abs(weights[i, column]) > 1e-8]  # fmt: skip
            if groups:
                grain, positions = parts[max(groups, key=lambda i: abs(weights[i, column]))][1]
                column_index = grains[grain][1].columns.get_loc(NEVER)
                grains[grain][1].iloc[positions, column_index] = True
                withheld = True
        if not withheld:  # shown cells alone determine it: nothing to withhold
            return published
    return published


def _grains(published: Publication) -> list[tuple[str, pd.DataFrame]]:
    return [("kommun", published.municipalities), ("cluster", published.clusters),
            ("ssyk4", published.occupations)]  # fmt: skip


def _unknowns(published: Publication) -> dict[tuple[str, str], int]:
    cells = published.occupations[published.occupations["contributors"] > 0]
    pairs = zip(cells["kommunkod"], cells["candidate_id"], strict=True)
    return {pair: i for i, pair in enumerate(pairs)}


def _members(published, grains, unknowns) -> list[list[list[int]]]:
    """For each grain, for each cell (by position): the unknowns it sums."""
    occupations = published.occupations
    by_municipality: dict[str, list[int]] = {}
    by_cluster: dict[tuple[str, str], list[int]] = {}
    for (kommunkod, _), i in unknowns.items():
        by_municipality.setdefault(kommunkod, []).append(i)
    clusters = dict(zip(zip(occupations["kommunkod"], occupations["candidate_id"], strict=True),
                        occupations["cluster"], strict=True))  # fmt: skip
    for pair, i in unknowns.items():
        by_cluster.setdefault((pair[0], clusters[pair]), []).append(i)
    out = []
    for grain, cells in grains:
        codes = cells["kommunkod"].tolist()
        if grain == "kommun":
            out.append([by_municipality.get(k, []) for k in codes])
        elif grain == "cluster":
            out.append([by_cluster.get(pair, []) for pair in zip(codes, cells["label"],
                                                                    strict=True)])  # fmt: skip
        else:
            out.append([[unknowns[pair]] if pair in unknowns else [] for pair in
                        zip(codes, cells["candidate_id"], strict=True)])  # fmt: skip
    return out


def _system(grains, members, size: int, n: int):
    """The published parts (vector over the unknowns, with None for a shown cell or (grain
    number, row positions) for a counted hidden group) and the targets (vectors)."""

    def vector(lists) -> np.ndarray:
        out = np.zeros(size)
        for indices in lists:
            out[indices] = 1
        return out

    parts, targets = [], []
    for number, (grain, cells) in enumerate(grains):
        has = cells["contributors"].to_numpy() > 0
        hidden = cells["suppressed"].to_numpy(dtype=bool)
        counts = cells["contributors"].to_numpy()
        for position in np.flatnonzero(has & ~hidden):
            parts.append((vector([members[number][position]]), None))
        for position in np.flatnonzero(has & hidden & (counts < n)):
            targets.append(vector([members[number][position]]))
        counted = has & hidden & ~cells[NEVER].to_numpy(dtype=bool)
        block_ok = cells[privacy.REMAINDER_OK].to_numpy(dtype=bool)
        county_ok = cells[privacy.COUNTY_OK].to_numpy(dtype=bool)
        region_ok = cells[privacy.REGION_OK].to_numpy(dtype=bool)
        key = np.zeros(len(cells), dtype=object) if grain == "kommun" else cells["candidate_id"]
        key = np.asarray(key, dtype=object).astype(str)
        lan = cells["kommunkod"].str[:2].to_numpy(dtype=object).astype(str)
        blocks = cells[privacy.BLOCK].to_numpy(dtype=object).astype(str)
        levels = [
            (counted & block_ok, blocks),
            (counted & ~block_ok & county_ok, lan),
            (counted & ~block_ok & ~county_ok & region_ok, np.full(len(cells), "")),
        ]
        for mask, scope in levels:
            groups: dict[tuple[str, str], list[int]] = {}
            for position in np.flatnonzero(mask):
                groups.setdefault((key[position], scope[position]), []).append(position)
            for positions in groups.values():
                parts.append((vector([members[number][p] for p in positions]),
                              (number, positions)))  # fmt: skip
    return parts, targets


def _derivable(parts, targets) -> list[int]:
    """The targets that lie in the span of the parts."""
    if not parts or not targets:
        return []
    matrix = np.array([vector for vector, _ in parts])
    _, singular, rows = np.linalg.svd(matrix, full_matrices=False)
    basis = rows[singular > 1e-9 * singular.max()]
    wanted = np.array(targets)
    residual = wanted - (wanted @ basis.T) @ basis
    return list(np.flatnonzero(np.abs(residual).max(axis=1) < 1e-6))


FIGURES = ["recruits", "recruits_per_1000", "employers", "lia_places", "upskilling",
           "difficulty_sum", "difficulty_answers", "post_secondary_rows", "need_rows"]  # fmt: skip


def with_figures(
    decided: Publication, municipalities: pd.DataFrame, clusters: pd.DataFrame,
    occupations: pd.DataFrame,
) -> Publication:  # fmt: skip
    """The publication `decided` (what is hidden and what counts) with another horizon's
    figures: the same cells, since a cell exists when someone answered, whatever the
    horizon."""

    def laid(marked: pd.DataFrame, figures: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
        columns = [c for c in FIGURES if c in figures and c in marked]
        new = figures.set_index(keys)[columns]
        out = marked.set_index(keys)
        out[columns] = new.reindex(out.index)[columns].fillna(0)
        return out.reset_index()[marked.columns]

    return Publication(
        laid(decided.municipalities, municipalities, ["kommunkod"]),
        laid(decided.clusters, clusters, ["candidate_id", "kommunkod"]),
        laid(decided.occupations, occupations, ["candidate_id", "kommunkod"]),
        decided.blocks, decided.n,
    )  # fmt: skip


def _parent_hidden(occupations: pd.DataFrame, clusters: pd.DataFrame, column: str) -> pd.Series:
    hidden = clusters[clusters["suppressed"]]
    pairs = set(zip(hidden["kommunkod"], hidden["label"], strict=True))
    return pd.Series(
        [pair in pairs for pair in zip(occupations["kommunkod"], occupations[column],
                                       strict=True)],
        index=occupations.index, dtype=bool,
    )  # fmt: skip


def pool(
    marked: pd.DataFrame, key: str, selection, blocks: privacy.Blocks,
    columns: list[str] = SUMMED,
) -> pd.DataFrame:  # fmt: skip
    """Per `key`: the sums of the cells that count in the selection, the municipalities with
    need among them, and `left_out`: the selection's municipalities with respondents whose
    cell does not count."""
    counts = privacy.counted(marked, selection, blocks)
    rows = marked[counts]
    out = rows.groupby(key, sort=False)[columns].sum()
    with_need = rows[rows["recruits"] > 0]
    out["municipalities"] = with_need.groupby(key)["kommunkod"].nunique()
    chosen = marked["kommunkod"].isin(set(selection)) & (marked["contributors"] > 0)
    out["left_out"] = marked[chosen & ~counts].groupby(key)["kommunkod"].nunique()
    return out.fillna({"municipalities": 0, "left_out": 0}).astype(
        {"municipalities": "int64", "left_out": "int64"}
    )


def narrowed(publication: Publication, cluster: str | None, ssyk4: str | None):
    """The cells the shared cluster and occupation filters leave for the map: (grain, cells),
    grain being 'kommun', 'cluster' or 'ssyk4'."""
    clusters, occupations = publication.picked(cluster, ssyk4)
    if ssyk4:
        return "ssyk4", occupations
    if cluster:
        return "cluster", clusters
    return "kommun", publication.municipalities


def map_figures(
    publication: Publication, base: pd.DataFrame, totals: pd.DataFrame, selection,
    cluster: str | None, ssyk4: str | None,
) -> tuple[pd.DataFrame, pd.DataFrame]:  # fmt: skip
    """The map in the providers' view: every municipality's row of municipality_figures
    (`base`, the region without narrowing filters: population, YH programmes, participation)
    with the survey figures of the published cells the filters pick, hidden as published; and
    the selection's totals pooled from the same cells (`left_out` says how many municipalities
    with respondents do not count)."""
    grain, cells = narrowed(publication, cluster, ssyk4)
    chosen = set(selection)
    pooled = pool(cells.assign(_all=""), "_all", chosen, publication.blocks)
    totals = totals.copy()
    for column in ("recruits", "employers", "lia_places", "contributors"):
        totals[column] = int(pooled[column].sum())
    totals["left_out"] = int(pooled["left_out"].sum())
    by_code = cells.set_index("kommunkod")
    out = base.copy()
    out["selected"] = out["kommunkod"].isin(chosen)
    for column in ("recruits", "employers", "lia_places", "contributors"):
        values = out["kommunkod"].map(by_code[column]) if len(by_code) else np.nan
        out[column] = pd.Series(values, index=out.index).fillna(0).astype("int64")
        out.loc[~out["selected"], column] = 0
    out["recruits_per_1000"] = 1000.0 * out["recruits"] / out["population_20_64"]
    hidden = out["kommunkod"].map(by_code["suppressed"]) if len(by_code) else False
    hidden = pd.Series(hidden, index=out.index).fillna(False).astype(bool) & out["selected"]
    return privacy.hide(out, SURVEY_FIGURES, hidden), totals


def gap(
    coarse: pd.DataFrame, fine: pd.DataFrame, on: str, selection, blocks: privacy.Blocks
) -> pd.DataFrame:
    """The fine cells of the selection that a coarse pooled figure counts and the fine pooled
    figures do not: what the coarse figure minus the sum of the fine ones adds up to (besides
    shown cells). `on` names the coarse key in both frames (e.g. 'cluster')."""
    chosen = set(selection)
    coarse_counted = coarse[privacy.counted(coarse, chosen, blocks)]
    fine_counted = privacy.counted(fine, chosen, blocks)
    candidates = fine[fine["kommunkod"].isin(chosen) & ~fine_counted & (fine["contributors"] > 0)]
    counted_keys = set(zip(coarse_counted["kommunkod"], coarse_counted[on], strict=True))
    inside = [pair in counted_keys for pair in zip(candidates["kommunkod"], candidates[on],
                                                  strict=True)]  # fmt: skip
    return candidates[np.asarray(inside, dtype=bool)]


def _cell_ids(cells: pd.DataFrame) -> list[str]:
    """'kommunkod|ssyk4' for queries/respondents_in_cells.sql."""
    keys = cells["candidate_id"].str.split(":", n=1).str[1]
    return sorted(cells["kommunkod"] + "|" + keys)


def clusters_and_occupations(
    publication: Publication, selection, cluster: str | None, ssyk4: str | None,
    respondents: Respondents, n: int,
) -> tuple[pd.DataFrame, pd.DataFrame]:  # fmt: skip
    """The cluster page in the providers' view, shaped as need_by_cluster.sql and
    need_by_occupation.sql give them (with a column `suppressed`): each cluster and occupation
    pooled from its published cells, the gap between a cluster and its occupations kept from
    0 or at least n respondents by hiding the smallest occupations."""
    clusters_cells, occupation_cells = publication.picked(cluster, ssyk4)
    occupations = _shape_occupations(occupation_cells, selection, publication.blocks)
    if ssyk4:  # as the queries do with an occupation filter: its cluster holds only it
        clusters = occupations.assign(occupations=1)[
            ["cluster", "education_area", *SUMMED, "occupations", "municipalities", "left_out"]
        ]
    else:
        clusters = _shape_clusters(clusters_cells, occupation_cells, selection, publication.blocks)
    hidden = pd.Series(False, index=occupations.index)
    between = gap(clusters_cells, occupation_cells, "cluster", selection, publication.blocks)
    if not between.empty and not ssyk4:
        behind = respondents(_cell_ids(between), "cluster")
        for name, count in zip(behind["cluster"], behind["respondents"], strict=True):
            if 0 < count < n:
                own = occupations[(occupations["cluster"] == name) & ~hidden]
                if len(own):
                    hidden[own.sort_values(["contributors", "recruits"]).index[0]] = True
    figures = ["recruits", "employers", "lia_places", "difficulty", "share_post_secondary",
               "upskilling"]  # fmt: skip
    return (
        privacy.hide(clusters, ["recruits", "employers", "lia_places"],
                     pd.Series(False, index=clusters.index)),
        hidden_last(privacy.hide(occupations, figures, hidden)),
    )  # fmt: skip


def _shape_clusters(cells, occupation_cells, selection, blocks) -> pd.DataFrame:
    columns = ["cluster", "education_area", *SUMMED, "occupations", "municipalities", "left_out"]
    pooled = pool(cells, "cluster", selection, blocks)
    if pooled.empty:
        return pd.DataFrame(columns=columns)
    areas = cells.drop_duplicates("cluster").set_index("cluster")["education_area"]
    occupations = pool(occupation_cells, "candidate_id", selection, blocks)
    names = occupation_cells.drop_duplicates("candidate_id").set_index("candidate_id")
    with_need = occupations[occupations["recruits"] > 0]
    per_cluster = names.loc[with_need.index, "cluster"].value_counts()
    out = pooled.reset_index()
    out["education_area"] = out["cluster"].map(areas)
    out["occupations"] = out["cluster"].map(per_cluster).fillna(0).astype("int64")
    out = out[(out["recruits"] > 0) | (out["lia_places"] > 0)][columns]
    return out.sort_values(["recruits", "cluster"], ascending=[False, True]).reset_index(drop=True)


def _shape_occupations(cells, selection, blocks) -> pd.DataFrame:
    pooled = pool(cells, "candidate_id", selection, blocks, [*SUMMED, *OCCUPATION_SUMS])
    names = cells.drop_duplicates("candidate_id").set_index("candidate_id")
    answers = pooled["difficulty_answers"].where(pooled["difficulty_answers"] > 0)
    rows = pooled["need_rows"].where(pooled["need_rows"] > 0)
    out = pd.DataFrame(
        {
            "ssyk4": [c.removeprefix("yrke:") for c in pooled.index],
            "occupation_name": [names.loc[c, "label"].split(" ", 1)[-1] for c in pooled.index],
            "cluster": names.loc[pooled.index, "cluster"].to_numpy(),
            "education_area": names.loc[pooled.index, "education_area"].to_numpy(),
            "recruits": pooled["recruits"].to_numpy(),
            "employers": pooled["employers"].to_numpy(),
            "contributors": pooled["contributors"].to_numpy(),
            "lia_places": pooled["lia_places"].to_numpy(),
            "difficulty": (pooled["difficulty_sum"] / answers).to_numpy(),
            "municipalities": pooled["municipalities"].to_numpy(),
            "share_post_secondary": (pooled["post_secondary_rows"] / rows).to_numpy(),
            "upskilling": pooled["upskilling"].to_numpy(),
            "left_out": pooled["left_out"].to_numpy(),
        }
    )
    out = out[(out["recruits"] > 0) | (out["lia_places"] > 0)]
    return out.sort_values(["recruits", "ssyk4"], ascending=[False, True]).reset_index(drop=True)


def municipality(
    publication: Publication, kommunkod: str, cluster: str | None, ssyk4: str | None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One municipality's clusters and occupations in the providers' view (the profile page):
    its published cells, shaped as need_by_cluster.sql and need_by_occupation.sql give them."""
    clusters, occupations = publication.picked(cluster, ssyk4)
    clusters = clusters[clusters["kommunkod"] == kommunkod]
    occupations = occupations[occupations["kommunkod"] == kommunkod]
    clusters_hidden = clusters.set_index("cluster")["suppressed"]
    occupations_hidden = occupations.set_index("candidate_id")["suppressed"]
    own = [kommunkod]
    every = privacy.Blocks({kommunkod: "own"})
    shown_all = {"suppressed": False, privacy.REMAINDER_OK: True}  # count each own cell
    shaped_occupations = _shape_occupations(occupations.assign(**shown_all), own, every)
    if ssyk4:
        shaped_clusters = shaped_occupations.assign(occupations=1)
        hide_clusters = ("yrke:" + shaped_clusters["ssyk4"]).map(occupations_hidden)
    else:
        shaped_clusters = _shape_clusters(
            clusters.assign(**shown_all), occupations.assign(**shown_all), own, every
        )
        hide_clusters = shaped_clusters["cluster"].map(clusters_hidden)
    hide_occupations = ("yrke:" + shaped_occupations["ssyk4"]).map(occupations_hidden)
    figures = ["recruits", "employers", "lia_places", "difficulty", "share_post_secondary",
               "upskilling"]  # fmt: skip
    return (
        hidden_last(privacy.hide(shaped_clusters, ["recruits", "employers", "lia_places"],
                                 hide_clusters.fillna(False).astype(bool))),
        hidden_last(privacy.hide(shaped_occupations, figures,
                                 hide_occupations.fillna(False).astype(bool))),
    )  # fmt: skip


def cluster_matrix(
    publication: Publication, matrix: pd.DataFrame, ssyk4: str | None = None
) -> pd.DataFrame:
    """The heat map (need_by_municipality_cluster.sql) in the providers' view: a cell is
    hidden exactly when the published cell of that municipality and cluster is (of that
    occupation, with an occupation filter)."""
    cells = publication.picked(None, ssyk4)[1] if ssyk4 else publication.clusters
    hidden = set(zip(cells.loc[cells["suppressed"], "kommunkod"],
                     cells.loc[cells["suppressed"], "cluster"], strict=True))  # fmt: skip
    mask = pd.Series(
        [pair in hidden for pair in zip(matrix["kommunkod"], matrix["cluster"], strict=True)],
        index=matrix.index, dtype=bool,
    )  # fmt: skip
    return privacy.hide(matrix, ["recruits", "recruits_per_1000"], mask)


def candidate_cells(
    publication: Publication, level: str, cluster: str | None, ssyk4: str | None
) -> pd.DataFrame:
    """The finder's published cells of one level ('ssyk4' or 'cluster'), for the whole region,
    narrowed by the shared cluster and occupation filters."""
    clusters, occupations = publication.picked(cluster, ssyk4)
    if level == "cluster" and ssyk4:  # the finder's cluster then holds that occupation only
        return occupations.assign(
            candidate_id=lambda c: "kluster:" + c["cluster"], label=lambda c: c["cluster"]
        )
    return clusters if level == "cluster" else occupations


def candidate_rows(cells: pd.DataFrame, selection, blocks: privacy.Blocks) -> pd.DataFrame:
    """The finder's rows in the providers' view: the published cells that count in the
    selection, with `suppressed`. Assessed as they are, a candidate's figures and verdict are
    its pooled figures, never more."""
    return cells[privacy.counted(cells, selection, blocks)].reset_index(drop=True)


def shown_rows(cells: pd.DataFrame) -> pd.DataFrame:
    """Only the published cells that are shown (the auto-pool tries many sets of
    municipalities: it works from shown figures alone)."""
    return cells[~cells["suppressed"]].reset_index(drop=True)


def hidden_last(frame: pd.DataFrame) -> pd.DataFrame:
    """Hidden rows after the shown ones: a hidden row's place in a ranking would tell its size."""
    return frame.sort_values("suppressed", kind="stable").reset_index(drop=True)
