"""Small-cell protection for the providers' view.

A figure built from fewer than N respondents (N = 3 unless configured) is not shown: the page
says "<3". And a suppressed figure must not be recoverable by subtracting the shown figures
from a shown total, so suppression is complementary: within every group that has a shown
total (the municipalities of a map, the occupations of a cluster, the clusters of a
municipality), further cells are suppressed — the smallest first — until the suppressed cells
together are built from at least N respondents (or no cell is left to hide, in which case the
total itself must be hidden: `Protected.total_hidden`).

Administrators (once logged in) see everything. Known limit, stated in the README: someone who
compares many differently filtered views can still narrow figures down (differencing); the
protection covers each view and its totals, not every combination of views.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import pandas as pd

SETTING = "KRAFTSAMLING_MIN_RESPONDENTS"
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


def _suppress_group(counts: pd.Series, n: int, total_shown: bool) -> tuple[pd.Series, bool]:
    """Which rows of one group to suppress; and whether its total must be hidden."""
    primary = (counts > 0) & (counts < n)
    suppressed = primary.copy()
    if not total_shown or not suppressed.any():
        return suppressed, False
    # Complementary suppression: hide more cells until the hidden ones together come from
    # at least n respondents, so no hidden cell can be worked out from the total.
    while counts[suppressed].sum() < n:
        candidates = counts[~suppressed & (counts > 0)]
        if candidates.empty:
            return suppressed, True
        suppressed[candidates.sort_values(kind="stable").index[0]] = True
    return suppressed, False


def protect(
    frame: pd.DataFrame,
    values: list[str],
    count: str = "contributors",
    n: int | None = None,
    group_by: str | list[str] | None = None,
    total_shown: bool = True,
) -> Protected:
    """Suppress the `values` of rows built from fewer than n respondents (`count`), with
    complementary suppression within each group (or the whole frame) whose total is shown."""
    n = min_respondents() if n is None else n
    out = frame.copy()
    suppressed = pd.Series(False, index=out.index)
    total_hidden = False
    groups = [(None, out)] if group_by is None else out.groupby(group_by, sort=False)
    for _, group in groups:
        mask, hidden = _suppress_group(group[count], n, total_shown)
        suppressed[mask.index] = mask
        total_hidden = total_hidden or hidden
    for column in values:
        out[column] = out[column].astype("Float64").mask(suppressed)
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
    suppressed = (out[count] > 0) & (out[count] < n)
    while True:
        before = suppressed.copy()
        for key in (row, column):
            for _, index in out.groupby(key, sort=False).groups.items():
                counts = out.loc[index, count]
                hidden = suppressed[index]
                if not hidden.any():
                    continue
                while counts[hidden].sum() < n:
                    candidates = counts[~hidden & (counts > 0)]
                    if candidates.empty:
                        break
                    hidden[candidates.sort_values(kind="stable").index[0]] = True
                suppressed[index] = hidden
        if suppressed.equals(before):
            break
    for name in values:
        out[name] = out[name].astype("Float64").mask(suppressed)
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
