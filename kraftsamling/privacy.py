"""Small-cell protection for the providers' view.

A figure built from fewer than N respondents (N = 3 unless configured) is not shown: the page
says "<3". And a suppressed figure must not be recoverable by subtracting the shown figures
from a shown total, so suppression is complementary: within every group that has a shown
total (the municipalities of a map, the occupations of a cluster, the clusters of a
municipality), further cells are suppressed — the smallest first — until the suppressed cells
together are built from at least N respondents (or no cell is left to hide, in which case the
total itself must be hidden: `Protected.total_hidden`).

Differencing across views. The shared filters (kinds of organisation, industries, cluster,
occupation, post-secondary only) narrow every cell, and a provider can compare one cell with and
without a filter: municipality X shows 40 with all kinds and 37 with kind 'kommun', so its one
private employer recruits 3. So a cell is also suppressed when what one relaxed filter adds to
it comes from 1..N-1 respondents. The queries give, per cell, the respondents behind each group
of rows that relaxing one filter adds (`complement_atoms`, from the relaxed_need macro in
schema.sql; `complement_contributors` is the fewest): for the single-choice filters (cluster,
occupation, post-secondary only) the whole complement, for the multi-select filters (kinds,
industries) each left-out kind or industry on its own, since any two subsets can be compared.
Complementary suppression covers these groups too: the hidden cells of a group with a shown
total must together have, for each such group of rows, none or at least N respondents, so the
hidden cells' sum cannot be differenced either. Totals are cells too (region_totals.sql).

Administrators (once logged in) see everything. Known limits, stated in the README: the
protection covers each view and pairs of views that differ in one narrowing filter; combining
three or more views (several cluster-filtered maps against the unfiltered one, different
municipality selections, custom occupation groups in the finder) can still narrow figures down.
Counts are summed across cells: exact for municipalities (a respondent has one), an upper bound
where one respondent can be in several cells (clusters, occupations).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import pandas as pd

SETTING = "KRAFTSAMLING_MIN_RESPONDENTS"
COMPLEMENT = "complement_contributors"  # fewest respondents behind one relaxed filter's rows
ATOMS = "complement_atoms"  # 'typ:privat=1,kluster=7': respondents per relaxed filter's rows
DEFAULT_MIN_RESPONDENTS = 3


def min_respondents() -> int:
    """N, from the environment (KRAFTSAMLING_MIN_RESPONDENTS), default 3, never below 1."""
    try:
        return max(1, int(os.environ.get(SETTING, DEFAULT_MIN_RESPONDENTS)))
    except ValueError:
        return DEFAULT_MIN_RESPONDENTS


def label(n: int) -> str:
    return f"<{n}"


@dataclass
class Protected:
    frame: pd.DataFrame  # the values of suppressed rows set to NA; column 'suppressed'
    total_hidden: bool  # the group's total would reveal a suppressed cell: hide it too


def exposed(frame: pd.DataFrame, n: int) -> pd.Series:
    """Rows that differencing across views would give away: relaxing one narrowing filter adds
    rows from 1..n-1 respondents to them (`complement_contributors`; False without it)."""
    if COMPLEMENT not in frame:
        return pd.Series(False, index=frame.index)
    fewest = pd.to_numeric(frame[COMPLEMENT], errors="coerce").fillna(0)
    return (fewest > 0) & (fewest < n)


def _atoms(frame: pd.DataFrame) -> pd.DataFrame | None:
    """`complement_atoms` in long form: one row (row label, atom, respondents) per group of
    rows a relaxed filter adds to a cell; None when no narrowing filter is set."""
    if ATOMS not in frame:
        return None
    listed = frame[ATOMS].dropna()
    listed = listed[listed != ""]
    if listed.empty:
        return None
    parts = listed.str.split(",").explode()
    pairs = parts.str.rsplit("=", n=1, expand=True)
    return pd.DataFrame(
        {
            "row": parts.index,
            "atom": pairs[0].to_numpy(),
            "respondents": pairs[1].astype("int64").to_numpy(),
        }
    )


def _short_atoms(atoms: pd.DataFrame | None, hidden: pd.Series, n: int) -> set[str]:
    """The relaxed filters' groups of rows that the hidden cells together take from 1..n-1
    respondents: differencing the hidden cells' sum (total − shown) would give them away."""
    if atoms is None:
        return set()
    rows = atoms[atoms["row"].isin(hidden.index[hidden])]
    sums = rows.groupby("atom")["respondents"].sum()
    return set(sums.index[(sums > 0) & (sums < n)])


def _complete(
    counts: pd.Series, hidden: pd.Series, n: int, atoms: pd.DataFrame | None = None
) -> tuple[pd.Series, bool]:
    """Complementary suppression within one group whose total is shown: hide more cells, the
    smallest first, until the hidden ones together come from at least n respondents and, for
    every group of rows a relaxed filter adds, from none or at least n. Returns the hidden
    cells and whether that was impossible (then the total must be hidden)."""
    hidden = hidden.copy()
    if not hidden.any():
        return hidden, False
    while True:
        candidates = counts[~hidden]
        if counts[hidden].sum() < n:
            candidates = candidates[candidates > 0]
        else:
            short = _short_atoms(atoms, hidden, n)
            if not short:
                return hidden, False
            helping = atoms.loc[atoms["atom"].isin(short) & (atoms["respondents"] > 0), "row"]
            candidates = candidates[candidates.index.isin(helping)]
        if candidates.empty:
            return hidden, True
        hidden[candidates.sort_values(kind="stable").index[0]] = True


def _suppress_group(
    counts: pd.Series, n: int, total_shown: bool, exposed_rows: pd.Series | None = None,
    atoms: pd.DataFrame | None = None,
) -> tuple[pd.Series, bool]:  # fmt: skip
    """Which rows of one group to suppress; and whether its total must be hidden."""
    primary = (counts > 0) & (counts < n)
    if exposed_rows is not None:
        primary = primary | exposed_rows
    if not total_shown or not primary.any():
        return primary, False
    return _complete(counts, primary, n, atoms)


def protect(
    frame: pd.DataFrame,
    values: list[str],
    count: str = "contributors",
    n: int | None = None,
    group_by: str | list[str] | None = None,
    total_shown: bool = True,
) -> Protected:
    """Suppress the `values` of rows built from fewer than n respondents (`count`) or exposed
    to differencing across views (`exposed`), with complementary suppression within each
    group (or the whole frame) whose total is shown."""
    n = min_respondents() if n is None else n
    out = frame.copy()
    suppressed = pd.Series(False, index=out.index)
    total_hidden = False
    open_to_differencing = exposed(out, n)
    atoms = _atoms(out)
    groups = [(None, out)] if group_by is None else out.groupby(group_by, sort=False)
    for _, group in groups:
        group_atoms = None if atoms is None else atoms[atoms["row"].isin(group.index)]
        mask, hidden = _suppress_group(
            group[count], n, total_shown, open_to_differencing[group.index], group_atoms
        )
        suppressed[mask.index] = mask
        total_hidden = total_hidden or hidden
    for column in values:
        out[column] = _nullable(out[column]).mask(suppressed)
    out["suppressed"] = suppressed
    return Protected(out, total_hidden)


def protect_matrix(
    frame: pd.DataFrame, row: str, column: str, values: list[str], count: str = "contributors",
    n: int | None = None,
) -> pd.DataFrame:  # fmt: skip
    """Two-way protection for a long-form matrix (e.g. municipality × cluster) whose row and
    column totals are shown elsewhere: repeat row-wise and column-wise suppression until stable."""
    n = min_respondents() if n is None else n
    out = frame.copy()
    suppressed = ((out[count] > 0) & (out[count] < n)) | exposed(out, n)
    atoms = _atoms(out)
    while True:
        before = suppressed.copy()
        for key in (row, column):
            for _, index in out.groupby(key, sort=False).groups.items():
                group_atoms = None if atoms is None else atoms[atoms["row"].isin(index)]
                hidden, _ = _complete(out.loc[index, count], suppressed[index], n, group_atoms)
                suppressed[index] = hidden
        if suppressed.equals(before):
            break
    for name in values:
        out[name] = _nullable(out[name]).mask(suppressed)
    out["suppressed"] = suppressed
    return out


OTHERS = "övriga"


def others_label(n: int) -> str:
    return f"Övriga kommuner (färre än {n} svarande var)"


def pooled_assessment(assessment, n: int | None = None):
    """An assessment fit for the providers' evidence pack: municipalities whose figures are
    suppressed (with complementary suppression) are merged into one row 'övriga', whose sum
    comes from at least n respondents and may be shown. Totals and the verdict are unchanged.
    Returns (assessment, extra_names)."""
    from dataclasses import replace

    n = min_respondents() if n is None else n
    rows = assessment.contributions
    if rows is None or rows.empty or "contributors" not in rows:
        return assessment, {}
    protected = protect(rows, ["recruits"], "contributors", n).frame
    hidden = protected["suppressed"].to_numpy()
    if not hidden.any():
        return assessment, {}
    shown = rows[~hidden]
    merged = rows[hidden][["recruits", "employers", "lia_places", "contributors"]].sum()
    others = pd.DataFrame([{"kommunkod": OTHERS, **merged.to_dict()}])
    contributions = pd.concat([shown, others], ignore_index=True)
    pool = tuple(k for k in assessment.pool if k not in set(rows.loc[hidden, "kommunkod"]))
    return (
        replace(assessment, contributions=contributions, pool=(*pool, OTHERS)),
        {OTHERS: others_label(n)},
    )


def _nullable(column: pd.Series) -> pd.Series:
    """The column in a type that can hold a hidden (missing) value and keeps whole numbers
    whole: Int64 for counts, Float64 for rates, so tables show '1 441', not '1 441,0'."""
    if pd.api.types.is_integer_dtype(column.dtype):
        return column.astype("Int64")
    return column.astype("Float64")
