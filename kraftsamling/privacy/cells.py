"""The cell rules of the providers' publication (the model: docs/privacy.md).

- A cell from fewer than N respondents (N = 3 unless configured, KRAFTSAMLING_MIN_RESPONDENTS)
  is hidden and reads "<3"; a cell one respondent dominates (dominance rule (1, 85): one
  respondent gives more than 85 % of the cell's need; KRAFTSAMLING_DOMINANCE) reads "dold".
- Blocks: municipalities sharing county and collaboration groups (queries/privacy_blocks.sql).
  Within each block (per cluster or occupation) more cells are hidden, smallest first, until the
  hidden ones are at least two from at least N respondents (`protect_cells`); the same within
  each coarser figure of one municipality; these read "dold".
- A pooled figure counts the shown cells of the selection and fixed groups of hidden cells
  (a block's, else a county's, else the region's) whose scope is wholly in the selection
  (`counted`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np
import pandas as pd

SETTING = "KRAFTSAMLING_MIN_RESPONDENTS"
DEFAULT_MIN_RESPONDENTS = 3
DOMINANCE_SETTING = "KRAFTSAMLING_DOMINANCE"  # '1,85': one respondent above 85 % hides a cell
DEFAULT_DOMINANCE = (1, 85.0)
FEW = "few"  # fewer than N respondents: reads '<N'
DOMINATED = "dominance"  # one respondent gives most of it: reads 'dold'
SECONDARY = "secondary"  # hidden to protect another: reads 'dold'
HIDDEN_WORD = "dold"


def min_respondents() -> int:
    """N, from the environment (KRAFTSAMLING_MIN_RESPONDENTS), default 3, never below 1."""
    try:
        return max(1, int(os.environ.get(SETTING, DEFAULT_MIN_RESPONDENTS)))
    except ValueError:
        return DEFAULT_MIN_RESPONDENTS


def dominance() -> tuple[int, float]:
    """The dominance rule (k, p): the k largest respondents above p % of a cell hide it; from
    the environment (KRAFTSAMLING_DOMINANCE='1,85'), default (1, 85). k = 0 turns it off."""
    raw = os.environ.get(DOMINANCE_SETTING, "")
    try:
        k, p = (part.strip() for part in raw.split(","))
        return max(0, int(k)), min(100.0, max(0.0, float(p)))
    except ValueError:
        return DEFAULT_DOMINANCE


def label(n: int) -> str:
    return f"<{n}"


def hidden_note(n: int) -> str:
    """The one line a page's note says about its hidden figures."""
    from kraftsamling.i18n import t

    return t(
        "'<{n}': färre än {n} svarande. 'dold': dold för att skydda en annan siffra, eller för "
        "att en enda svarande står för nästan hela siffran.",
        n=n,
    )


def reason_label(reason: str | None, n: int) -> str | None:
    """What a hidden figure reads: '<3' when it comes from fewer than N respondents, 'dold'
    when it is hidden for dominance or to protect another; None when shown."""
    from kraftsamling.i18n import t

    if reason is None or (isinstance(reason, float) and np.isnan(reason)):
        return None
    return label(n) if reason == FEW else t("dold")


def hide(frame: pd.DataFrame, columns, mask: pd.Series) -> pd.DataFrame:
    """The frame with `columns` missing where `mask` holds, and a column 'suppressed'."""
    out = frame.copy()
    for column in columns:
        out[column] = _nullable(out[column]).mask(mask)
    out["suppressed"] = mask
    return out


def _nullable(column: pd.Series) -> pd.Series:
    """The column in a type that can hold a hidden (missing) value and keeps whole numbers
    whole: Int64 for counts, Float64 for rates, so tables show '1 441', not '1 441,0'."""
    if pd.api.types.is_integer_dtype(column.dtype):
        return column.astype("Int64")
    return column.astype("Float64")


# ---------------------------------------------------------------- differencing across selections
# A provider can choose any set of municipalities (counties, a group, own municipalities) and
# compare the pooled figures of two sets: the selection's need with and without Sorsele is
# Sorsele's need, shown or not. So in the providers' view a figure pooled over municipalities
# counts a municipality's hidden figure only as part of a fixed *block*: the municipalities
# that belong to the same county and the same collaboration groups (the pieces every
# selection made of counties and groups is built from). Cells are hidden within each block
# (small cells, then complementary suppression among the block's cells, whatever the
# selection), and a block's hidden cells count in a pooled figure together, when the whole
# block is in the selection and they come from at least N respondents. Any difference of two
# selections' pooled figures is then a sum of shown cells and of whole blocks' hidden parts,
# each from at least N respondents.

BLOCK = "block"
RESPONDENT_IDS = "respondent_ids"  # a cell's respondents, when the query lists them
REMAINDER_OK = "remainder_ok"  # the hidden cells of this block may count, summed, in a pool
NEVER_COUNTED = "never_counted"  # withheld by the audit (privacy.publish): never counts


@dataclass(frozen=True)
class Blocks:
    """A fixed partition of the municipalities into blocks (queries/privacy_blocks.sql)."""

    of: dict[str, str]  # kommunkod -> block

    @classmethod
    def from_frame(cls, frame: pd.DataFrame) -> Blocks:
        return cls(dict(zip(frame["kommunkod"], frame["block"], strict=True)))

    def block_of(self, kommunkod: str) -> str:
        return self.of.get(kommunkod, f"?{kommunkod}")  # unknown: a block of its own

    def whole_counties(self, selection) -> set[str]:
        """The counties all of whose municipalities (in the region) are in the selection."""
        chosen = set(selection)
        counties: dict[str, set[str]] = {}
        for kommunkod in self.of:
            counties.setdefault(kommunkod[:2], set()).add(kommunkod)
        return {lan for lan, codes in counties.items() if codes <= chosen}

    def whole_region(self, selection) -> bool:
        return bool(self.of) and set(self.of) <= set(selection)

    def whole(self, selection) -> set[str]:
        """The blocks all of whose municipalities are in the selection."""
        chosen = set(selection)
        members: dict[str, set[str]] = {}
        for kommunkod, block in self.of.items():
            members.setdefault(block, set()).add(kommunkod)
        whole = {block for block, codes in members.items() if codes <= chosen}
        return whole | {self.block_of(code) for code in chosen if code not in self.of}


def protect_cells(
    cells: pd.DataFrame,
    key: str | None,
    blocks: Blocks,
    n: int | None = None,
    count: str = "contributors",
    within: list[list[str]] = (),
    forced: pd.Series | None = None,
) -> pd.DataFrame:
    """Mark the cells (one row per municipality, and per `key` when given) that the providers'
    view hides, independently of the selection:
    - small cells, and the `forced` ones (dominated cells, and a hidden figure's parts: a
      municipality's hidden total must not be rebuilt from its clusters);
    - within each block (per key): more cells, smallest first, until the hidden ones are at
      least two and together come from at least n respondents, so the block's hidden part
      may be counted in pooled figures;
    - the same within each group of every list in `within` (e.g. [kommunkod]: a
      municipality's clusters add up to its shown figure) — repeated until stable.
    Adds `block`, `suppressed` and `remainder_ok` (False where a block has too few respondents:
    its hidden cells never count in a pooled figure). Hidden cells are counted by distinct
    respondents where the cells list them (`respondent_ids`): one employer can be behind
    several occupations of a municipality."""
    n = min_respondents() if n is None else n
    out = cells.copy()
    who = [set(ids) for ids in out[RESPONDENT_IDS]] if RESPONDENT_IDS in out else None
    out[BLOCK] = [blocks.block_of(code) for code in out["kommunkod"]]
    counts = pd.to_numeric(out[count], errors="coerce").fillna(0).to_numpy(dtype="int64")
    suppressed = (counts > 0) & (counts < n)
    if forced is not None:
        suppressed |= forced.to_numpy(dtype=bool) & (counts > 0)
    remainder_ok = np.ones(len(out), dtype=bool)
    if suppressed.any():
        columns = _group_positions(out, [BLOCK] if key is None else [key, BLOCK])
        rows = [positions for keys in within for positions in _group_positions(out, keys)]
        while True:
            before = suppressed.copy()
            remainder_ok[:] = True
            for positions in columns:
                hidden, impossible = _complete_at(counts, suppressed, positions, n, who)
                if impossible:  # too few in the block: hide only what must be, count none
                    remainder_ok[positions] = False
                else:
                    suppressed[positions] = hidden
            for positions in rows:
                hidden, impossible = _complete_at(counts, suppressed, positions, n, who)
                if not impossible:
                    suppressed[positions] = hidden
            if (suppressed == before).all():
                break
    out["suppressed"] = suppressed
    out[REMAINDER_OK] = remainder_ok
    _leftovers(out, key, counts, n)
    return out


COUNTY_OK = "county_ok"  # hidden, not counted with its block: counts with its whole county
REGION_OK = "region_ok"  # counted with neither: counts with the whole region


def _leftovers(out: pd.DataFrame, key: str | None, counts: np.ndarray, n: int) -> None:
    """Hidden cells whose block has too few respondents to count them (`remainder_ok` False)
    count with the rest of such cells of their county, when the whole county is selected and
    they are at least two from at least n respondents; what is left of those, with the whole
    region. The levels nest (block within county within region), so every pooled figure is a
    sum of shown cells and of fixed groups of hidden cells from at least n respondents."""
    left = out["suppressed"].to_numpy() & ~out[REMAINDER_OK].to_numpy() & (counts > 0)
    county_ok = np.zeros(len(out), dtype=bool)
    region_ok = np.zeros(len(out), dtype=bool)
    if left.any():
        lan = out["kommunkod"].str[:2]
        keys = lan if key is None else out[key].astype(str) + "\x1f" + lan
        for _, positions in pd.Series(np.flatnonzero(left)).groupby(keys.to_numpy()[left]):
            chosen = positions.to_numpy()
            if counts[chosen].sum() >= n and len(chosen) >= 2:
                county_ok[chosen] = True
        rest = left & ~county_ok
        if rest.any():
            groups = np.zeros(len(out), dtype=object) if key is None else out[key].astype(str)
            groups = np.asarray(groups)
            for _, positions in pd.Series(np.flatnonzero(rest)).groupby(groups[rest]):
                chosen = positions.to_numpy()
                if counts[chosen].sum() >= n and len(chosen) >= 2:
                    region_ok[chosen] = True
    out[COUNTY_OK] = county_ok
    out[REGION_OK] = region_ok


def _group_positions(frame: pd.DataFrame, keys: list[str]) -> list[np.ndarray]:
    """Row positions of each group of `keys` (missing values form groups of their own)."""
    codes = frame.groupby(keys, sort=False, dropna=False).ngroup().to_numpy()
    order = np.argsort(codes, kind="stable")
    bounds = np.flatnonzero(np.diff(codes[order])) + 1
    return np.split(order, bounds)


def _complete_at(counts, suppressed, positions, n, who=None):
    """Complementary suppression for the cells at `positions`, a group whose sum is shown: the
    hidden cells are none, or at least two from at least n respondents (one hidden cell would
    be the sum minus the shown ones). Returns the hidden cells and whether that was
    impossible."""
    hidden = suppressed[positions]
    if not hidden.any():
        return hidden, False
    group = counts[positions]
    hidden = hidden.copy()
    behind = None if who is None else [who[p] for p in positions]

    def respondents() -> int:  # distinct respondents behind the hidden cells
        if behind is None:
            return int(group[hidden].sum())
        return len(set().union(*(behind[i] for i in np.flatnonzero(hidden))))

    if respondents() >= n and hidden.sum() >= 2:
        return hidden, False
    order = np.argsort(np.where(~hidden & (group > 0), group, np.iinfo("int64").max), kind="stable")
    for i in order:
        if hidden[i] or group[i] <= 0:
            break
        hidden[i] = True
        if hidden.sum() >= 2 and respondents() >= n:
            return hidden, False
    return hidden, True


def counted(marked: pd.DataFrame, selection, blocks: Blocks) -> pd.Series:
    """The cells (marked by `protect_cells`) that count in the selection's pooled figures in
    the providers' view: shown cells of the selection, the hidden cells of blocks wholly in it
    whose hidden part may be summed, and those counted with a whole county or the whole
    region that is in it (`_leftovers`)."""
    in_selection = marked["kommunkod"].isin(set(selection))
    whole = marked[BLOCK].isin(blocks.whole(selection))
    whole_county = marked["kommunkod"].str[:2].isin(blocks.whole_counties(selection))
    hidden_part = (
        (whole & marked[REMAINDER_OK])
        | (whole_county & marked.get(COUNTY_OK, False))
        | (blocks.whole_region(selection) & marked.get(REGION_OK, False))
    )
    never = marked.get(NEVER_COUNTED, False)
    return in_selection & (~marked["suppressed"] | (hidden_part & ~never))
