"""Does pooled demand justify a distance-education YH application? The rules, in one place.

A candidate is an occupation (SSYK-4), a chosen group of occupations, or a cluster (an
occupation field or an MYH education area). A pool is a set of municipalities. The candidate's
figures in the pool — recruitment need over the horizon, distinct employers, LIA places,
contributing municipalities — are held against thresholds the user can change:

- need ≥ class size × (1 + margin for students who do not finish or do not stay), rounded up;
- distinct employers with a need ≥ the minimum;
- LIA places a year ≥ class size × LIA places per student, rounded up;
- contributing municipalities (with a need > 0) ≥ the minimum.

The verdict is 'Motiverad' when every criterion is met; 'Nära' when not all are met but every
criterion reaches `near_share` (75 %) of its requirement; 'Ej motiverad' otherwise. Every
requirement only rises with a threshold, so raising a threshold can never improve a verdict.
The reasons are written from the same numbers the verdict uses.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from kraftsamling import fmt
from kraftsamling.i18n import t

MOTIVATED = "Motiverad"
NEAR = "Nära"
NOT_MOTIVATED = "Ej motiverad"
VERDICT_ORDER = {MOTIVATED: 0, NEAR: 1, NOT_MOTIVATED: 2}


@dataclass(frozen=True)
class Thresholds:
    class_size: int = 30  # the median of places granted per intake by MYH 2020–2025
    dropout_margin: float = 0.20  # extra need for students who do not finish or stay
    min_employers: int = 5
    lia_per_student: float = 1.0
    min_municipalities: int = 2
    near_share: float = 0.75  # 'Nära' when every criterion reaches this share

    @property
    def required_need(self) -> int:
        return math.ceil(round(self.class_size * (1 + self.dropout_margin), 9))

    @property
    def required_lia(self) -> int:
        return math.ceil(round(self.class_size * self.lia_per_student, 9))

    def raised(self, **changes) -> Thresholds:
        return replace(self, **changes)


@dataclass(frozen=True)
class Criterion:
    key: str  # 'need', 'employers', 'lia', 'municipalities'
    label: str
    value: int
    required: int

    @property
    def met(self) -> bool:
        return self.value >= self.required

    @property
    def share(self) -> float:
        return 1.0 if self.required <= 0 else self.value / self.required

    def reason(self) -> str:
        v, r = fmt.number(self.value), fmt.number(self.required)
        if self.key == "need":
            return t("behov {v} mot krav {r}", v=v, r=r)
        if self.key == "employers":
            text = t("{v} arbetsgivare", v=v)
            return text if self.met else t("{text} av {r} krävs", text=text, r=r)
        if self.key == "lia":
            text = t("LIA-platser {v}", v=v)
            return (
                t("{text} (krav {r})", text=text, r=r)
                if self.met
                else t("{text} av {r} krävs", text=text, r=r)
            )
        text = t("{v} kommuner bidrar", v=v)
        return text if self.met else t("{text} av {r} krävs", text=text, r=r)


@dataclass(frozen=True)
class Assessment:
    candidate_id: str
    label: str
    education_area: str | None
    pool: tuple[str, ...]
    recruits: int
    employers: int
    lia_places: int
    municipalities: int
    criteria: tuple[Criterion, ...]
    max_alone: int  # the largest need of one municipality alone
    municipalities_needed: int | None  # fewest municipalities whose need reaches the requirement
    contributions: pd.DataFrame = field(repr=False, compare=False, default=None)
    thresholds_near_share: float = 0.75
    largest_hidden: int = 0  # the largest group of hidden municipalities (providers' view)

    @property
    def verdict(self) -> str:
        if all(c.met for c in self.criteria):
            return MOTIVATED
        near = self.thresholds_near_share
        if all(c.share >= near for c in self.criteria):
            return NEAR
        return NOT_MOTIVATED

    @property
    def reasons(self) -> str:
        return "; ".join(c.reason() for c in self.criteria)

    @property
    def need_ratio(self) -> float:
        return self.criteria[0].share

    @property
    def too_small_alone(self) -> bool:
        """No single municipality's need reaches the requirement on its own (in the providers'
        view, where hidden municipalities count as groups, no group reaches it either)."""
        return max(self.max_alone, getattr(self, "largest_hidden", 0)) < self.criteria[0].required

    @property
    def justified_only_pooled(self) -> bool:
        return self.verdict == MOTIVATED and self.too_small_alone


CONTRIBUTION_COLUMNS = ("kommunkod", "recruits", "employers", "lia_places")


def assess(
    candidate_id: str,
    label: str,
    education_area: str | None,
    contributions: pd.DataFrame,
    pool: list[str] | tuple[str, ...],
    thresholds: Thresholds,
) -> Assessment:
    """Assess one candidate in one pool.

    `contributions` has one row per municipality with the candidate's `recruits`, `employers`
    (distinct respondents with a need; a respondent belongs to one municipality, so these add
    up) and `lia_places`. Rows outside the pool are ignored."""
    pool = tuple(sorted(set(pool)))
    rows = _in_pool(contributions, pool, [])
    return _assessment(candidate_id, label, education_area, rows, pool, thresholds)


def _in_pool(contributions: pd.DataFrame, pool: tuple[str, ...], keys: list[str]) -> pd.DataFrame:
    """The rows inside the pool, largest need first (then by kommunkod) within each candidate."""
    inside = contributions["kommunkod"].isin(pool)
    if "group" in contributions:  # the providers' view: groups of hidden municipalities
        inside |= contributions["group"].astype(bool)
    rows = contributions[inside]
    extra = [c for c in ("contributors", "suppressed", "group", "members") if c in rows]
    rows = rows[[*keys, *CONTRIBUTION_COLUMNS, *extra]]
    return rows.sort_values(["recruits", "kommunkod"], ascending=[False, True], kind="stable")


def _assessment(
    candidate_id: str,
    label: str,
    education_area: str | None,
    rows: pd.DataFrame,
    pool: tuple[str, ...],
    thresholds: Thresholds,
) -> Assessment:
    """The rules, for one candidate whose rows in the pool are `rows` (from _in_pool)."""
    need = rows["recruits"].to_numpy(dtype="int64")
    recruits = int(need.sum())
    employers = int(rows["employers"].to_numpy(dtype="int64").sum())
    lia = int(rows["lia_places"].to_numpy(dtype="int64").sum())
    grouped = rows["group"].to_numpy(dtype=bool) if "group" in rows else np.zeros(len(need), bool)
    members = rows["members"].to_numpy(dtype="int64") if "members" in rows else 1
    contributing = int(((need > 0) * members).sum())
    criteria = (
        Criterion("need", "Rekryteringsbehov", recruits, thresholds.required_need),
        Criterion("employers", "Arbetsgivare", employers, thresholds.min_employers),
        Criterion("lia", "LIA-platser per år", lia, thresholds.required_lia),
        Criterion(
            "municipalities", "Kommuner som bidrar", contributing, thresholds.min_municipalities
        ),
    )
    # The fewest municipalities whose need reaches the requirement: the largest ones first.
    reached = (need.cumsum() >= thresholds.required_need).nonzero()[0]
    needed = int(reached[0] + 1) if len(reached) else None
    return Assessment(
        candidate_id=candidate_id,
        label=label,
        education_area=education_area,
        pool=pool,
        recruits=recruits,
        employers=employers,
        lia_places=lia,
        municipalities=contributing,
        criteria=criteria,
        max_alone=int(need[~grouped].max()) if (~grouped).any() else 0,
        municipalities_needed=needed,
        contributions=rows.reset_index(drop=True),
        thresholds_near_share=thresholds.near_share,
        largest_hidden=int(need[grouped].max()) if grouped.any() else 0,
    )


CANDIDATE_KEYS = ["candidate_id", "label", "education_area"]


def assess_all(
    contributions: pd.DataFrame, pool: list[str], thresholds: Thresholds
) -> list[Assessment]:
    """Assess every candidate in `contributions` (columns candidate_id, label,
    education_area and CONTRIBUTION_COLUMNS), ranked as MYH compares applications: within
    each education area, by how far the pooled need exceeds the requirement.

    The same as `assess` for each candidate (tests/test_analysis.py checks it), with the pool
    filtered and sorted once for all candidates: 400 occupations take milliseconds, not the
    seconds one `assess` each would."""
    pool = tuple(sorted(set(pool)))
    candidates = contributions[CANDIDATE_KEYS].drop_duplicates("candidate_id")
    order = pd.Series(range(len(candidates)), index=candidates["candidate_id"].to_numpy())
    rows = _in_pool(contributions, pool, ["candidate_id"])
    # Candidates in their order, each one's rows still largest need first (a stable sort).
    position = order.loc[rows["candidate_id"].to_numpy()].to_numpy()
    rows = rows.iloc[np.argsort(position, kind="stable")].drop(columns="candidate_id")
    position = np.sort(position, kind="stable")
    starts = np.searchsorted(position, np.arange(len(candidates)), side="left")
    stops = np.searchsorted(position, np.arange(len(candidates)), side="right")
    results = [
        _assessment(candidate_id, label, area, rows.iloc[start:stop], pool, thresholds)
        for (candidate_id, label, area), start, stop in zip(
            candidates.itertuples(index=False), starts, stops, strict=True
        )
    ]
    return rank(results)


def rank(results: list[Assessment]) -> list[Assessment]:
    return sorted(
        results,
        key=lambda a: (a.education_area or "", VERDICT_ORDER[a.verdict], -a.need_ratio, a.label),
    )


def summary_table(results: list[Assessment]) -> pd.DataFrame:
    """One row per candidate for the page and the evidence pack."""
    rows = []
    for a in results:
        rows.append(
            {
                "candidate_id": a.candidate_id,
                "Kandidat": a.label,
                "Utbildningsområde": a.education_area,
                "Bedömning": a.verdict,
                "Skäl": a.reasons,
                "Behov": a.recruits,
                "Krav på behov": a.criteria[0].required,
                "Arbetsgivare": a.employers,
                "LIA-platser": a.lia_places,
                "Kommuner som bidrar": a.municipalities,
                "Största kommunens behov": a.max_alone,
                "För litet ensam": a.too_small_alone,
                "Kommuner som krävs": a.municipalities_needed,
            }
        )
    frame = pd.DataFrame(rows)
    if not frame.empty:
        frame.insert(
            3, "Rang i området", frame.groupby("Utbildningsområde", dropna=False).cumcount() + 1
        )
    return frame
