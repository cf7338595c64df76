"""The providers' view, page by page, from the stored publication only (publication_* tables,
written by kraftsamling.privacy.publish; the model: docs/privacy.md).

Nothing here reads an answer: `run(name, **params)` runs the named queries `published_*`, which
read the publication and the reference tables. Every figure is a sum of published parts —
shown cells and the fixed groups of hidden cells (publication_group) — so every ranking,
verdict, minimum number of municipalities, map colour and download built from these functions
is computed from published numbers. Hidden rows are listed by name, never by value.

A pooled figure over a selection counts the selection's shown cells and every hidden group
whose scope (a block, a county, the region) lies wholly in the selection.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kraftsamling.i18n import t
from kraftsamling.privacy import cells as rules

Run = Callable[..., pd.DataFrame]

SUMMED = ["recruits", "employers", "contributors", "lia_places"]
OCCUPATION_SUMS = [
    "difficulty_sum",
    "difficulty_answers",
    "post_secondary_rows",
    "need_rows",
    "upskilling",
]
FIGURES = [*SUMMED, *OCCUPATION_SUMS]
SURVEY_FIGURES = ["recruits", "recruits_per_1000", "employers", "lia_places"]
GROUP = "group"  # a finder row that is a hidden group, not one municipality
MEMBERS = "members"  # the hidden cells a group row sums
HIDDEN_PREFIX = "dolda:"  # a group row's kommunkod: 'dolda:' + group_id


@dataclass(frozen=True)
class Publication:
    """One wave's and horizon's publication as stored."""

    wave_id: str | None
    horizon: str
    n: int
    municipalities: pd.DataFrame  # grain 'kommun'
    clusters: pd.DataFrame  # grain 'kluster' (occupation fields)
    occupations: pd.DataFrame  # grain 'yrke'
    groups: pd.DataFrame  # publication_group
    blocks: rules.Blocks
    audit: dict

    @property
    def exists(self) -> bool:
        return bool(self.audit)

    def picked(self, cluster: str | None, ssyk4: str | None):
        """The cluster and occupation cells the shared filters leave (they pick published
        cells; they make none)."""
        clusters, occupations = self.clusters, self.occupations
        if cluster:
            clusters = clusters[clusters["cluster"] == cluster]
            occupations = occupations[occupations["cluster"] == cluster]
        if ssyk4:
            occupations = occupations[occupations["candidate_id"] == f"yrke:{ssyk4}"]
        return clusters, occupations


def load(run: Run, wave_id: str | None, horizon: str) -> Publication:
    """The stored publication of one wave and horizon (empty when the wave has none)."""
    wave = run("published_wave", wave_id=wave_id)
    cells = run("published_cells", wave_id=wave_id, horizon=horizon)
    for column in FIGURES:
        cells[column] = cells[column].astype("Int64")
    cells["suppressed"] = cells["hidden"].notna()
    groups = run("published_groups", wave_id=wave_id, horizon=horizon)
    blocks = rules.Blocks.from_frame(run("published_blocks", wave_id=wave_id))
    n = int(wave["min_respondents"].iloc[0]) if len(wave) else rules.min_respondents()

    def grain(name: str) -> pd.DataFrame:
        return cells[cells["grain"] == name].reset_index(drop=True)

    return Publication(
        wave_id,
        horizon,
        n,
        grain("kommun"),
        grain("kluster"),
        grain("yrke"),
        groups,
        blocks,
        wave.iloc[0].to_dict() if len(wave) else {},
    )


# ---------------------------------------------------------------- pooling published parts
def counted_groups(published: Publication, groups: pd.DataFrame, selection) -> pd.DataFrame:
    """The hidden groups whose scope lies wholly in the selection."""
    chosen = set(selection)
    blocks = published.blocks
    whole_blocks = blocks.whole(chosen)
    whole_counties = blocks.whole_counties(chosen)
    whole_region = blocks.whole_region(chosen)
    kind, scope = groups["scope_kind"], groups["scope"]
    keep = (
        ((kind == "block") & scope.isin(whole_blocks))
        | ((kind == "lan") & scope.isin(whole_counties))
        | ((kind == "region") & whole_region)
    )
    return groups[keep]


def _grain_groups(published: Publication, grain: str, candidates=None) -> pd.DataFrame:
    groups = published.groups[published.groups["grain"] == grain]
    if candidates is not None:
        groups = groups[groups["candidate_id"].isin(set(candidates))]
    return groups


def pool(
    published: Publication,
    cells: pd.DataFrame,
    grain: str,
    selection,
    columns: Sequence[str] = SUMMED,
) -> pd.DataFrame:
    """Per candidate_id: the sums of the selection's shown cells and of the counted groups,
    `municipalities` (shown cells with need, and counted groups' cells with need), `left_out`
    (the selection's municipalities with a hidden cell that counts in no counted group)."""
    chosen = set(selection)
    columns = list(columns)
    inside = cells[cells["kommunkod"].isin(chosen)]
    shown = inside[~inside["suppressed"]]
    groups = counted_groups(
        published, _grain_groups(published, grain, cells["candidate_id"].unique()), chosen
    )
    numbers = shown[["candidate_id", *columns]].astype({c: "int64" for c in columns})
    parts = pd.concat([numbers, groups[["candidate_id", *columns]]], ignore_index=True)
    out = parts.groupby("candidate_id", sort=False)[columns].sum()
    every = pd.Index(
        pd.unique(pd.concat([parts["candidate_id"], inside["candidate_id"]])), name="candidate_id"
    )
    out = out.reindex(every).fillna(0).astype("int64")
    with_need = shown[shown["recruits"].fillna(0) > 0].groupby("candidate_id").size()
    group_need = groups[groups["recruits"] > 0].groupby("candidate_id")["cells"].sum()
    out["municipalities"] = with_need.reindex(out.index).fillna(0).astype(
        "int64"
    ) + group_need.reindex(out.index).fillna(0).astype("int64")
    counted_ids = set(groups["group_id"])
    missing = inside[inside["suppressed"] & ~inside["group_id"].isin(counted_ids)]
    out["left_out"] = (
        missing.groupby("candidate_id")["kommunkod"]
        .nunique()
        .reindex(out.index)
        .fillna(0)
        .astype("int64")
    )
    return out


def _names(cells: pd.DataFrame) -> pd.DataFrame:
    return cells.drop_duplicates("candidate_id").set_index("candidate_id")


# ---------------------------------------------------------------- the pages' figures
# Each takes the query runner, the publication, the selection, then what the page adds.


def municipalities(
    run: Run, published: Publication, selection, education_areas: Sequence[str] = ()
) -> pd.DataFrame:
    """Every municipality of the region with its reference figures and its published cell
    (queries/published_municipalities.sql), shaped as municipality_figures.sql."""
    out = run(
        "published_municipalities",
        wave_id=published.wave_id,
        horizon=published.horizon,
        kommunkoder=list(selection.kommunkoder),
        education_areas=list(education_areas),
    )
    for column in ("recruits", "employers", "contributors", "lia_places", "respondents"):
        out[column] = out[column].astype("Int64")
    out["recruits_per_1000"] = out["recruits_per_1000"].astype("Float64")
    return out


def map_figures(
    run: Run, published: Publication, selection, education_areas: Sequence[str]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every municipality's map figures (the cells the cluster and occupation filters pick,
    hidden as published) and the selection's totals pooled from the same published parts."""
    base = municipalities(run, published, selection, education_areas)
    grain, cells = "kommun", published.municipalities
    if selection.ssyk4:
        grain, cells = "yrke", published.picked(None, selection.ssyk4)[1]
    elif selection.cluster:
        grain, cells = "kluster", published.picked(selection.cluster, None)[0]
    chosen = set(selection.kommunkoder)
    pooled = pool(published, cells, grain, chosen)
    totals = {column: int(pooled[column].sum()) if len(pooled) else 0 for column in SUMMED}
    selected = base[base["selected"]]
    totals.update(
        left_out=int(pooled["left_out"].sum()) if len(pooled) else 0,
        yh_granted=int(selected["yh_granted"].sum()),
        yh_granted_distance=int(selected["yh_granted_distance"].sum()),
        population_20_64=int(selected["population_20_64"].sum()),
        population_20_64_participating=int(
            selected.loc[selected["participated"], "population_20_64"].sum()
        ),
        municipalities=len(selected),
    )
    by_code = cells.drop_duplicates("kommunkod").set_index("kommunkod")
    out = base.copy()
    hidden = out["kommunkod"].map(by_code["suppressed"]).astype("boolean").fillna(False)
    reason = out["kommunkod"].map(by_code["hidden"])
    for column in ("recruits", "employers", "lia_places", "contributors"):
        values = out["kommunkod"].map(by_code[column]) if len(by_code) else pd.NA
        out[column] = pd.Series(values, index=out.index, dtype="Int64")
        out[column] = out[column].where(hidden, out[column].fillna(0))
        out.loc[~out["selected"], column] = 0
    out["recruits_per_1000"] = (
        1000.0 * out["recruits"].astype("Float64") / out["population_20_64"]
    ).astype("Float64")
    hidden = hidden & out["selected"]
    out = rules.hide(out, [*SURVEY_FIGURES, "contributors"], hidden)
    out["hidden"] = reason.where(hidden.to_numpy(), None)
    return out, pd.DataFrame([totals])


def cluster_figures(
    run: Run, published: Publication, selection
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Need per cluster and per occupation in the selection (the cluster page), shaped as
    need_by_cluster.sql and need_by_occupation.sql, with `suppressed` where a cluster or
    occupation has respondents in the selection and no counted figure at all."""
    cluster_cells, occupation_cells = published.picked(selection.cluster, selection.ssyk4)
    occupations = _shape_occupations(published, occupation_cells, selection.kommunkoder)
    if selection.ssyk4:
        clusters = occupations.assign(occupations=1)[
            [
                "cluster",
                "education_area",
                *SUMMED,
                "occupations",
                "municipalities",
                "left_out",
                "suppressed",
            ]
        ]
    else:
        clusters = _shape_clusters(published, cluster_cells, occupations, selection.kommunkoder)
    return clusters, occupations


def _shape_clusters(published, cells, occupations, selection) -> pd.DataFrame:
    columns = ["cluster", "education_area", *SUMMED, "occupations", "municipalities", "left_out"]
    pooled = pool(published, cells, "kluster", selection)
    if pooled.empty:
        return pd.DataFrame(columns=[*columns, "suppressed"])
    names = _names(cells)
    out = pooled.reset_index()
    out["cluster"] = out["candidate_id"].map(names["cluster"])
    out["education_area"] = out["candidate_id"].map(names["education_area"])
    with_need = occupations[occupations["recruits"].fillna(0) > 0]
    out["occupations"] = out["cluster"].map(with_need["cluster"].value_counts()).fillna(0)
    out["occupations"] = out["occupations"].astype("int64")
    return _shown_then_hidden(out[columns], "cluster")


def _shape_occupations(published, cells, selection) -> pd.DataFrame:
    pooled = pool(published, cells, "yrke", selection, FIGURES)
    names = _names(cells)
    index = pooled.index
    answers = pooled["difficulty_answers"].where(pooled["difficulty_answers"] > 0)
    rows = pooled["need_rows"].where(pooled["need_rows"] > 0)
    out = pd.DataFrame(
        {
            "ssyk4": [c.removeprefix("yrke:") for c in index],
            "occupation_name": [str(names.loc[c, "label"]).split(" ", 1)[-1] for c in index],
            "cluster": names.loc[index, "cluster"].to_numpy() if len(index) else [],
            "education_area": names.loc[index, "education_area"].to_numpy() if len(index) else [],
            "recruits": pooled["recruits"].to_numpy(),
            "employers": pooled["employers"].to_numpy(),
            "contributors": pooled["contributors"].to_numpy(),
            "lia_places": pooled["lia_places"].to_numpy(),
            "difficulty": (pooled["difficulty_sum"] / answers).to_numpy(dtype=float),
            "municipalities": pooled["municipalities"].to_numpy(),
            "share_post_secondary": (pooled["post_secondary_rows"] / rows).to_numpy(dtype=float),
            "upskilling": pooled["upskilling"].to_numpy(),
            "left_out": pooled["left_out"].to_numpy(),
        }
    )
    return _shown_then_hidden(out, "ssyk4")


def _shown_then_hidden(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """Rows with a counted figure, largest first; then the rows with respondents in the
    selection and nothing counted (`suppressed`, figures missing), by name."""
    counted = (frame["recruits"] > 0) | (frame["lia_places"] > 0)
    hidden = ~counted & (frame["left_out"] > 0)
    shown = frame[counted].sort_values(["recruits", name], ascending=[False, True])
    dark = frame[hidden].sort_values(name)
    out = pd.concat(
        [shown.assign(suppressed=False), dark.assign(suppressed=True)], ignore_index=True
    )
    figures = [
        c
        for c in (
            "recruits",
            "employers",
            "lia_places",
            "difficulty",
            "share_post_secondary",
            "upskilling",
        )
        if c in out
    ]
    return rules.hide(out, figures, out["suppressed"].astype(bool))


def hidden_candidates(run: Run, published: Publication, selection, level: str) -> set[str]:
    """Candidates with respondents in the selection and no counted figure."""
    clusters, occupations = cluster_figures(run, published, selection)
    if level == "ssyk4":
        return {f"yrke:{s}" for s in occupations.loc[occupations["suppressed"], "ssyk4"]}
    return {f"kluster:{c}" for c in clusters.loc[clusters["suppressed"], "cluster"]}


def municipality_clusters(
    run: Run, published: Publication, selection, kommunkod: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One municipality's published cells per cluster and occupation (the profile page),
    shaped as need_by_cluster.sql and need_by_occupation.sql: shown ones largest first, then
    the hidden ones by name, reading '<3' or 'dold' (column `hidden`)."""
    clusters, occupations = published.picked(selection.cluster, selection.ssyk4)
    clusters = clusters[clusters["kommunkod"] == kommunkod]
    occupations = occupations[occupations["kommunkod"] == kommunkod]
    own_occupations = _own(occupations).assign(
        ssyk4=lambda f: f["candidate_id"].str.removeprefix("yrke:"),
        occupation_name=lambda f: f["label"].astype(str).str.split(" ", n=1).str[-1],
        difficulty=lambda f: (
            f["difficulty_sum"] / f["difficulty_answers"].where(f["difficulty_answers"] > 0)
        ).astype("Float64"),
        share_post_secondary=lambda f: (
            f["post_secondary_rows"] / f["need_rows"].where(f["need_rows"] > 0)
        ).astype("Float64"),
        municipalities=1,
    )
    if selection.ssyk4:
        own_clusters = own_occupations.assign(occupations=1)
    else:
        own_clusters = _own(clusters)
        shown_occupations = own_occupations[~own_occupations["suppressed"]]
        counts = shown_occupations[shown_occupations["recruits"] > 0]["cluster"].value_counts()
        own_clusters["occupations"] = own_clusters["cluster"].map(counts).fillna(0).astype("int64")
        own_clusters["municipalities"] = 1
    keep = [
        "cluster",
        "education_area",
        *SUMMED,
        "occupations",
        "municipalities",
        "suppressed",
        "hidden",
    ]
    occupation_columns = [
        "ssyk4",
        "occupation_name",
        "cluster",
        "education_area",
        *SUMMED,
        "difficulty",
        "municipalities",
        "share_post_secondary",
        "upskilling",
        "suppressed",
        "hidden",
    ]
    return (
        own_clusters[keep].reset_index(drop=True),
        own_occupations[occupation_columns].reset_index(drop=True),
    )


def _own(cells: pd.DataFrame) -> pd.DataFrame:
    """A municipality's cells: shown ones by need (largest first), hidden ones by name."""
    shown = cells[~cells["suppressed"]]
    shown = shown[(shown["recruits"] > 0) | (shown["lia_places"] > 0)]
    shown = shown.sort_values(["recruits", "label"], ascending=[False, True])
    hidden = cells[cells["suppressed"]].sort_values("label")
    return pd.concat([shown, hidden], ignore_index=True)


def cluster_matrix(run: Run, published: Publication, selection) -> pd.DataFrame:
    """The heat map (shaped as need_by_municipality_cluster.sql): the selection's published
    cells per municipality and cluster (of the occupation, with an occupation filter)."""
    base = municipalities(run, published, selection)
    people = base.set_index("kommunkod")
    cells = (
        published.picked(None, selection.ssyk4)[1]
        if selection.ssyk4
        else published.picked(selection.cluster, None)[0]
    )
    cells = cells[cells["kommunkod"].isin(set(selection.kommunkoder))]
    cells = cells[cells["suppressed"] | (cells["recruits"].fillna(0) > 0)]
    out = pd.DataFrame(
        {
            "kommunkod": cells["kommunkod"].to_numpy(),
            "name": cells["kommunkod"].map(people["name"]).to_numpy(),
            "cluster": cells["cluster"].to_numpy(),
            "recruits": cells["recruits"].to_numpy(),
            "contributors": cells["contributors"].to_numpy(),
            "hidden": cells["hidden"].to_numpy(),
        }
    )
    out["recruits"] = out["recruits"].astype("Int64")
    population = out["kommunkod"].map(people["population_20_64"]).astype(float)
    out["recruits_per_1000"] = 1000.0 * out["recruits"].astype("Float64") / population
    out["suppressed"] = out["hidden"].notna()
    return out.sort_values(["name", "cluster"]).reset_index(drop=True)


MOSTLY_SHOWN = 0.5  # a municipality's profile is used when at least half of it is shown


def profile_matrix(run: Run, published: Publication, selection) -> pd.DataFrame:
    """The heat map's shown cells of the municipalities whose profile is mostly shown: the
    municipality's own figure is shown and its shown clusters make up at least half of it
    (MOSTLY_SHOWN). Kommungrupper groups these municipalities only."""
    matrix = cluster_matrix(run, published, selection)
    totals = published.municipalities.set_index("kommunkod")
    shown = matrix[~matrix["suppressed"]]
    covered = shown.groupby("kommunkod")["recruits"].sum()
    total = totals["recruits"].reindex(covered.index)
    mostly = covered.index[
        (total.notna()) & (total > 0) & (covered >= MOSTLY_SHOWN * total.fillna(0))
    ]
    return shown[shown["kommunkod"].isin(set(mostly))].reset_index(drop=True)


# ---------------------------------------------------------------- the finder
def _level_cells(published: Publication, level: str, cluster, ssyk4):
    clusters, occupations = published.picked(cluster, ssyk4)
    if level == "cluster" and not ssyk4:
        return "kluster", clusters
    if level == "cluster":  # the cluster then holds that occupation only
        return "yrke", occupations.assign(
            candidate_id=lambda c: "kluster:" + c["cluster"], label=lambda c: c["cluster"]
        )
    return "yrke", occupations


def group_label(group_id: str, size: int) -> str:
    """A hidden group's name in the current language ('Dolda: 3 kommuner i län 25')."""
    scope = group_id.rsplit("|", 1)[-1]
    kind, _, where = scope.partition(":")
    place = {
        "block": t("blocket {where}", where=where),
        "lan": t("län {where}", where=where),
        "region": t("hela regionen"),
    }.get(kind, where)
    return t("Dolda: {n} kommuner i {place}", n=size, place=place)


def candidate_rows(run: Run, published: Publication, selection, level: str) -> pd.DataFrame:
    """The finder's rows in the providers' view: one per shown cell of the selection, and one
    per counted hidden group (`group`, `members`; kommunkod 'dolda:<group_id>'), all with
    published figures only. Assessed as they are, a candidate's figures, verdict and minimum
    number of municipalities are computed from published numbers."""
    grain, cells = _level_cells(published, level, selection.cluster, selection.ssyk4)
    chosen = set(selection.kommunkoder)
    shown = cells[cells["kommunkod"].isin(chosen) & ~cells["suppressed"]]
    keys = ["candidate_id", "label", "education_area", "kommunkod", *SUMMED]
    rows = shown[keys].astype({c: "int64" for c in SUMMED}).assign(**{GROUP: False, MEMBERS: 1})
    if grain == "yrke" and level == "cluster":  # occupation groups stand for the cluster
        groups = _grain_groups(published, "yrke", {f"yrke:{selection.ssyk4}"})
        groups = (
            groups.assign(candidate_id="kluster:" + cells["cluster"].iloc[0])
            if len(cells)
            else groups.iloc[0:0]
        )
    else:
        groups = _grain_groups(published, grain, cells["candidate_id"].unique())
    groups = counted_groups(published, groups, chosen)
    if len(groups):
        names = _names(cells)
        extra = pd.DataFrame(
            {
                "candidate_id": groups["candidate_id"].to_numpy(),
                "label": groups["candidate_id"].map(names["label"]).to_numpy(),
                "education_area": groups["candidate_id"].map(names["education_area"]).to_numpy(),
                "kommunkod": (HIDDEN_PREFIX + groups["group_id"]).to_numpy(),
                **{c: groups[c].to_numpy(dtype="int64") for c in SUMMED},
                GROUP: True,
                MEMBERS: groups["cells"].to_numpy(dtype="int64"),
            }
        )
        rows = pd.concat([rows, extra], ignore_index=True)
    rows["suppressed"] = False
    rows = with_education_path(run, rows)
    return rows.sort_values(["candidate_id", GROUP, "kommunkod"]).reset_index(drop=True)


def with_education_path(run: Run, rows: pd.DataFrame) -> pd.DataFrame:
    """The occupation's education path beside each row (reference data, not answers; None for
    a cluster), so the finder can keep the occupations YH trains for (issue 10)."""
    paths = run("education_paths")
    path_of = dict(zip("yrke:" + paths["ssyk4"], paths["education_path"], strict=True))
    return rows.assign(education_path=rows["candidate_id"].map(path_of))


def region_candidate_rows(run: Run, published: Publication, selection, level: str):
    """The auto-pool's rows: the region's shown cells only (it tries many sets of
    municipalities: hidden groups count only when their whole scope is in a set)."""
    grain, cells = _level_cells(published, level, selection.cluster, selection.ssyk4)
    shown = cells[~cells["suppressed"]]
    keys = ["candidate_id", "label", "education_area", "kommunkod", *SUMMED]
    rows = shown[keys].astype({c: "int64" for c in SUMMED}).assign(suppressed=False)
    return with_education_path(run, rows).reset_index(drop=True)


def group_names(run: Run, published: Publication, selection, level: str) -> dict[str, str]:
    """Names for the finder's group rows ('dolda:<group_id>')."""
    grain, _ = _level_cells(published, level, selection.cluster, selection.ssyk4)
    groups = published.groups[published.groups["grain"] == grain]
    return {
        HIDDEN_PREFIX + g: group_label(g, int(c))
        for g, c in zip(groups["group_id"], groups["cells"], strict=True)
    }


def contributions(
    run: Run, published: Publication, selection, level: str, candidate_id: str
) -> pd.DataFrame:
    """One candidate's table and map in the providers' view: its shown municipalities by
    need, its counted hidden groups, then its other municipalities with respondents, by
    kommunkod, figures missing and `hidden` saying why ('few', 'dominance', 'secondary')."""
    rows = candidate_rows(run, published, selection, level)
    rows = rows[rows["candidate_id"] == candidate_id]
    rows = rows.sort_values(["recruits", "kommunkod"], ascending=[False, True])
    _, cells = _level_cells(published, level, selection.cluster, selection.ssyk4)
    cells = cells[
        (cells["candidate_id"] == candidate_id)
        & cells["kommunkod"].isin(set(selection.kommunkoder))
        & cells["suppressed"]
    ]
    hidden = pd.DataFrame(
        {
            "kommunkod": cells["kommunkod"].to_numpy(),
            **{c: pd.array([pd.NA] * len(cells), dtype="Int64") for c in SUMMED},
            "hidden": cells["hidden"].to_numpy(),
        }
    ).sort_values("kommunkod")
    shown = rows[["kommunkod", *SUMMED, GROUP]].astype({c: "Int64" for c in SUMMED})
    out = pd.concat([shown.assign(hidden=None), hidden.assign(**{GROUP: False})], ignore_index=True)
    out["suppressed"] = out["hidden"].notna()
    return out


def pack_assessment(run: Run, published: Publication, selection, level: str, a):
    """The candidate's assessment for the providers' evidence pack: its pool lists the shown
    municipalities, the groups of hidden ones and those without respondents (listed with
    zeros), never a hidden municipality by itself (it would read 0)."""
    from dataclasses import replace

    _, cells = _level_cells(published, level, selection.cluster, selection.ssyk4)
    hidden = set(
        cells.loc[(cells["candidate_id"] == a.candidate_id) & cells["suppressed"], "kommunkod"]
    )
    groups = (
        []
        if a.contributions is None
        else [k for k in a.contributions["kommunkod"] if str(k).startswith(HIDDEN_PREFIX)]
    )
    return replace(a, pool=(*[k for k in a.pool if k not in hidden], *groups))


def reason_labels(frame: pd.DataFrame, n: int) -> list[str | None]:
    """What each row's hidden figures read: '<3', 'dold' or None (shown)."""
    if "hidden" not in frame:
        return [None] * len(frame)
    return [rules.reason_label(r, n) for r in frame["hidden"]]


def with_reasons(frame: pd.DataFrame, columns: Sequence[str], n: int) -> pd.DataFrame:
    """The frame with hidden figures written as '<3' or 'dold' (text) in `columns`, shown ones
    as they are: for tables whose hidden rows differ in why they are hidden."""
    out = frame.copy()
    reasons = reason_labels(frame, n)
    if not any(reasons):
        return out
    from kraftsamling import fmt

    for column in columns:
        if column not in out:
            continue
        values = out[column].astype(object)
        out[column] = [
            r if r is not None else ("–" if pd.isna(v) else fmt.number(v))
            for v, r in zip(values, reasons, strict=True)
        ]
    return out


def no_figure(value) -> bool:
    return value is None or (not isinstance(value, str) and bool(np.all(pd.isna(value))))


# ---------------------------------------------------------------- waves over time (issue 12)
# A comparison between published waves counts the municipalities that took part in every wave
# compared (a kommun cell in each publication); one that took part in some only is left out of
# every wave's figure, never counted as a fall. Each wave's figure is pooled over the selection
# as everywhere (shown cells and the hidden groups wholly inside it), less the shown cells of
# the municipalities left out. It is compared only where that counts every respondent of the
# municipalities kept and none of those left out: no hidden cell of the selection outside a
# counted group, and no hidden cell among those left out (`left_out` 0 in every wave). Then each
# wave's figure is a sum and difference of published parts, and so is the change. A hidden
# cell is never differenced against anything.


def took_part(publications: Sequence[Publication]) -> list[set[str]]:
    """Per publication, the municipalities with a kommun cell (respondents in the wave)."""
    return [set(p.municipalities["kommunkod"]) for p in publications]


def left_aside(publications: Sequence[Publication], selection) -> set[str]:
    """The selection's municipalities that took part in some of the waves but not all."""
    parts = took_part(publications)
    return set(selection) & (set.union(*parts) - set.intersection(*parts))


def fair_pool(
    published: Publication, cells: pd.DataFrame, grain: str, selection, aside: set[str]
) -> pd.DataFrame:
    """pool() over the selection less the shown cells of the municipalities set aside;
    `left_out` also counts their hidden cells (such a figure cannot be compared)."""
    chosen = set(selection)
    pooled = pool(published, cells, grain, chosen)
    out_cells = cells[cells["kommunkod"].isin(aside & chosen)]
    shown = out_cells[~out_cells["suppressed"]]
    minus = shown.groupby("candidate_id")[SUMMED].sum().reindex(pooled.index).fillna(0)
    for column in SUMMED:
        pooled[column] = pooled[column] - minus[column].astype("int64")
    with_need = shown[shown["recruits"].fillna(0) > 0].groupby("candidate_id").size()
    pooled["municipalities"] -= with_need.reindex(pooled.index).fillna(0).astype("int64")
    hidden = out_cells[out_cells["suppressed"]].groupby("candidate_id")["kommunkod"].nunique()
    pooled["left_out"] += hidden.reindex(pooled.index).fillna(0).astype("int64")
    return pooled


def _grain_cells(published: Publication, selection) -> tuple[str, pd.DataFrame]:
    """The cells the shared filters pick (as the map: a municipality's total, one occupation
    field's or one occupation's)."""
    if selection.ssyk4:
        return "yrke", published.picked(None, selection.ssyk4)[1]
    if selection.cluster:
        return "kluster", published.picked(selection.cluster, None)[0]
    return "kommun", published.municipalities


def wave_trend(run: Run, publications: Sequence[Publication], selection) -> pd.DataFrame:
    """The providers' trend over waves (oldest first, as queries/wave_trend.sql): per wave the
    need of the municipalities that took part in every wave, from published parts (fair_pool);
    `recruits` missing (read "dold") for a wave whose figure cannot count all of them
    (`left_out` how many municipalities' hidden cells it would miss)."""
    aside = left_aside(publications, selection.kommunkoder)
    every = set.intersection(*took_part(publications)) & set(selection.kommunkoder)
    rows = []
    for published in publications:
        grain, cells = _grain_cells(published, selection)
        pooled = fair_pool(published, cells, grain, selection.kommunkoder, aside)
        left = int(pooled["left_out"].sum()) if len(pooled) else 0
        total = int(pooled["recruits"].sum()) if len(pooled) else 0
        rows.append(
            {
                "wave_id": published.wave_id,
                "municipalities": len(every),
                "recruits": pd.NA if left else total,
                "left_out": left,
            }
        )
    out = pd.DataFrame(rows)
    out["recruits"] = out["recruits"].astype("Int64")
    return out


def wave_comparison(
    run: Run, publications: Sequence[Publication], selection, level: str = "ssyk4"
) -> pd.DataFrame:
    """The providers' comparison of two published waves (earlier, later) per occupation
    (`level` 'ssyk4') or occupation field ('cluster'), as
    queries/wave_comparison_by_occupation.sql, from published parts of the municipalities
    that took part in both (fair_pool). A row whose figure in either wave cannot count all of
    them has no figures (`suppressed`, read "dold"); shown rows first, by the size of the
    change, then hidden ones by code."""
    aside = left_aside(publications, selection.kommunkoder)
    grain = "yrke" if level == "ssyk4" else "kluster"
    frames = []
    for published in publications:
        clusters, occupations = published.picked(selection.cluster, selection.ssyk4)
        cells = occupations if grain == "yrke" else clusters
        pooled = fair_pool(published, cells, grain, selection.kommunkoder, aside)
        names = _names(cells)
        frames.append(
            pooled[["recruits", "left_out"]].assign(
                label=names["label"].reindex(pooled.index),
                cluster=names["cluster"].reindex(pooled.index),
            )
        )
    before, after = frames
    index = before.index.union(after.index)
    before, after = before.reindex(index), after.reindex(index)
    left = before["left_out"].fillna(0).astype(int) + after["left_out"].fillna(0).astype(int)
    out = pd.DataFrame(
        {
            "candidate_id": index,
            "label": after["label"].fillna(before["label"]).to_numpy(),
            "cluster": after["cluster"].fillna(before["cluster"]).to_numpy(),
            "recruits_a": before["recruits"].fillna(0).astype("int64").to_numpy(),
            "recruits_b": after["recruits"].fillna(0).astype("int64").to_numpy(),
            "suppressed": (left > 0).to_numpy(),
        }
    )
    out["change"] = out["recruits_b"] - out["recruits_a"]
    out = out[(out["recruits_a"] != 0) | (out["recruits_b"] != 0) | out["suppressed"]]
    out = rules.hide(out, ["recruits_a", "recruits_b", "change"], out["suppressed"])
    shown = out[~out["suppressed"]].assign(size=lambda f: f["change"].abs())
    shown = shown.sort_values(["size", "candidate_id"], ascending=[False, True])
    hidden = out[out["suppressed"]].sort_values("candidate_id")
    return pd.concat([shown.drop(columns="size"), hidden], ignore_index=True)
