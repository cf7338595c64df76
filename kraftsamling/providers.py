"""The figures of the providers' view, page by page: the publication (kraftsamling.pooling) built
from the named queries, and what each page shows of it. Plain functions of a query runner, so
the pages (through kraftsamling.ui, which caches them) and the tests build every figure the
same way.

`run(name, **params)` runs a named query; `selection` is the shared filters
(kraftsamling.selection.Selection); `region` the municipalities whose cells are protected
together (the region's 44).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

import pandas as pd

from kraftsamling import pooling, privacy
from kraftsamling.selection import Selection

Run = Callable[..., pd.DataFrame]


def unnarrowed(selection: Selection) -> Selection:
    """The selection without the filters the providers' view does not offer, and without the
    cluster and occupation filters, which pick published cells instead of making new ones."""
    return replace(
        selection, org_kinds=(), sni_sections=(), cluster=None, ssyk4=None,
        post_secondary_only=False, yh_only=False,
    )  # fmt: skip


DECIDING_HORIZON = "0-5"  # what is hidden depends on who answered, not on the horizon


def publication(
    run: Run, selection: Selection, region: Sequence[str], n: int,
    decided: pooling.Publication | None = None,
) -> pooling.Publication:  # fmt: skip
    """The protected cells of the selection's wave and horizon (pooling.publish). Which cells
    are hidden and which hidden groups count depends only on who answered (respondents per
    cell), so it is decided once per wave (`decided`, the publication for 0-5 years) and the
    horizon's figures are laid on it."""
    base = unnarrowed(selection)
    region = list(region)

    def level(name: str, scheme: str) -> pd.DataFrame:
        params = replace(base, scheme=scheme).need_params(region)
        return run("candidate_contributions", **params, level=name, group_ssyk4=[],
                   group_label="")  # fmt: skip

    municipalities = run("municipality_figures", **base.need_params(region), education_areas=[])
    clusters = level("cluster", base.scheme)
    occupations = level("ssyk4", "field")
    if decided is None and selection.horizon != DECIDING_HORIZON:
        decided = publication(run, replace(selection, horizon=DECIDING_HORIZON), region, n)
    if decided is not None:
        return pooling.with_figures(decided, municipalities, clusters, occupations)
    other = "area" if base.scheme == "field" else "field"
    by_scheme = {base.scheme: clusters, other: level("cluster", other)}
    return pooling.publish(
        municipalities, by_scheme["field"], by_scheme["area"], occupations,
        privacy.Blocks.from_frame(run("privacy_blocks", year=selection.survey_year)), n,
        selection.scheme,
    )  # fmt: skip


# Each page's figures below take the same arguments: the query runner, the publication of the
# selection's wave and horizon, the selection, then what the page adds.


def map_figures(
    run: Run, published: pooling.Publication, selection: Selection,
    education_areas: Sequence[str],
) -> tuple[pd.DataFrame, pd.DataFrame]:  # fmt: skip
    """Every municipality's map figures and the selection's totals."""
    region = list(published.municipalities["kommunkod"])
    params = {**selection.need_params(), "education_areas": list(education_areas)}
    base = run("municipality_figures", **{**params, **unnarrowed(selection).need_params(region)})
    return pooling.map_figures(
        published, base, run("region_totals", **params), selection.kommunkoder,
        selection.cluster, selection.ssyk4,
    )  # fmt: skip


def respondents(run: Run, selection: Selection) -> pooling.Respondents:
    """Distinct respondents behind cells of the selection (no narrowing filters)."""

    def behind(cell_ids: list[str], by: str) -> pd.DataFrame:
        params = unnarrowed(selection).need_params()
        return run("respondents_in_cells", **params, cells=cell_ids, by=by)

    return behind


def cluster_figures(
    run: Run, published: pooling.Publication, selection: Selection
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Need per cluster and per occupation in the selection (the cluster page)."""
    return pooling.clusters_and_occupations(
        published, selection.kommunkoder, selection.cluster, selection.ssyk4,
        respondents(run, selection), published.n,
    )  # fmt: skip


def municipality_clusters(
    run: Run, published: pooling.Publication, selection: Selection, kommunkod: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One municipality's need per cluster and occupation (the profile page)."""
    return pooling.municipality(published, kommunkod, selection.cluster, selection.ssyk4)


def cluster_matrix(run: Run, published: pooling.Publication, selection: Selection) -> pd.DataFrame:
    """Need per municipality and cluster in the selection (the heat map)."""
    return pooling.cluster_matrix(
        published, run("need_by_municipality_cluster", **selection.need_params()), selection.ssyk4
    )


def candidate_rows(
    run: Run, published: pooling.Publication, selection: Selection, level: str
) -> pd.DataFrame:
    """The finder's rows: the published cells that count in the selection."""
    cells = pooling.candidate_cells(published, level, selection.cluster, selection.ssyk4)
    return pooling.candidate_rows(cells, selection.kommunkoder, published.blocks)


def region_candidate_rows(
    run: Run, published: pooling.Publication, selection: Selection, level: str
) -> pd.DataFrame:
    """The auto-pool's rows: the region's shown cells only."""
    cells = pooling.candidate_cells(published, level, selection.cluster, selection.ssyk4)
    return pooling.shown_rows(cells)
