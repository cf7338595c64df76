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

**What YH trains for** (issue 10, part 1). An occupation whose education path
(kraftsamling.education, table `education_path`) is not `yh` — a licensed profession, the
protected title undersköterska, an occupation for upper-secondary level — gets a fifth
criterion, "YH utbildar för yrket", that it cannot meet (value 0 of 1, share 0). So it is never
'Motiverad', and never 'Nära', for a YH application, whatever its need; its need is real
evidence for universities and komvux, and the finder shows it in its own section. A cluster or
custom group has no path of its own (None): the finder builds it from YH occupations only.

**Intakes and lasting demand** (part 3). MYH grants a programme for one to five intakes and
weighs demand that lasts 3-5 years. Beside the verdict, whatever horizon is chosen, a candidate
carries its pooled need per horizon (0-1, 1-3 and 3-5 years: `horizon_need`):

- *The need lasts* when every horizon carries at least its share of the five years' need,
  `LASTING_SHARES`: 10 % within 1 year, 20 % in 1-3 years, 20 % in 3-5 years. Spread evenly,
  the horizons would carry 20 / 40 / 40 % (1, 2 and 2 of 5 years); the need lasts when no
  horizon has less than half its even share, i.e. when it does not end after the first years.
- *Räcker till N antagningar* (0-5): how many intakes of the required size (the need criterion's
  requirement, class size × (1 + margin)) the cumulative five years' need carries,
  ⌊need 0-5 / requirement⌋: at most 5 when the need lasts, at most `SHORT_INTAKES` (2) when it
  does not — MYH grants more intakes for demand that lasts, and two intakes of a two-year
  programme graduate within about three years.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kraftsamling import fmt
from kraftsamling.education import PATH_LABELS, YH
from kraftsamling.i18n import t

MOTIVATED = "Motiverad"
NEAR = "Nära"
NOT_MOTIVATED = "Ej motiverad"
VERDICT_ORDER = {MOTIVATED: 0, NEAR: 1, NOT_MOTIVATED: 2}
YH_PATH = YH  # kraftsamling.education: the path of the occupations YH trains for
# issue 10, part 3 (see the module's docstring)
HORIZON_NAMES = ("0-1", "1-3", "3-5")
HORIZON_COLUMNS = ("recruits_0_1", "recruits_1_3", "recruits_3_5")
LASTING_SHARES = (0.10, 0.20, 0.20)  # half of each horizon's even share of the five years
MAX_INTAKES = 5  # MYH grants one to five intakes
SHORT_INTAKES = 2  # at most, when the need does not last


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
        if self.key == "yh":
            return t(
                "YH utbildar inte för yrket ({path})",
                path=t(PATH_LABELS.get(self.label, self.label)).lower(),
            )
        text = t("{v} kommuner bidrar", v=v)
        return text if self.met else t("{text} av {r} krävs", text=text, r=r)


def outside_yh(education_path: str | None) -> Criterion:
    """The criterion an occupation outside YH cannot meet; its label is the path."""
    return Criterion("yh", education_path or "annan", 0, 1)


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
    education_path: str | None = None  # the occupation's; None for a cluster or group
    horizon_need: tuple[int, int, int] | None = None  # pooled need 0-1, 1-3, 3-5 years

    @property
    def trains_for(self) -> bool:
        """YH trains for the candidate (an occupation with path 'yh', or a cluster/group)."""
        return self.education_path in (None, YH_PATH)

    @property
    def lasting(self) -> bool | None:
        """The need lasts: every horizon carries at least its LASTING_SHARES of the total."""
        if self.horizon_need is None:
            return None
        total = sum(self.horizon_need)
        return total > 0 and all(
            h >= share * total for h, share in zip(self.horizon_need, LASTING_SHARES, strict=True)
        )

    @property
    def intakes(self) -> int | None:
        """How many intakes of the required size the cumulative need carries (0-5)."""
        if self.horizon_need is None:
            return None
        required = max(1, self.criteria[0].required)
        return min(
            MAX_INTAKES if self.lasting else SHORT_INTAKES, sum(self.horizon_need) // required
        )

    def intakes_reason(self) -> str:
        """The intakes and the lasting need in words (the rule in the module's docstring)."""
        if self.horizon_need is None:
            return ""
        a, b, c = (fmt.number(h) for h in self.horizon_need)
        intakes = (
            t("{n} antagning", n=self.intakes)
            if self.intakes == 1
            else t("{n} antagningar", n=self.intakes)
        )
        values = {
            "a": a,
            "b": b,
            "c": c,
            "intakes": intakes,
            "r": fmt.number(self.criteria[0].required),
        }
        if self.lasting:
            return t(
                "behov {a} / {b} / {c} (0–1 / 1–3 / 3–5 år) håller i sig: räcker till "
                "{intakes} om {r}",
                **values,
            )
        return t(
            "behov {a} / {b} / {c} (0–1 / 1–3 / 3–5 år) håller inte i sig: räcker till "
            "{intakes} om {r} (högst 2 när behovet inte håller i sig)",
            **values,
        )

    largest_hidden: int = 0  # the largest group of hidden municipalities (providers' view)
    # the respondents behind the rows, where they carry `contributors` (None: not counted)
    contributor_count: int | None = field(default=None, compare=False)

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
        parts = [c.reason() for c in self.criteria]
        if getattr(self, "horizon_need", None) is not None and getattr(self, "trains_for", True):
            parts.append(self.intakes_reason())
        return "; ".join(parts)

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
    education_path: str | None = None,
) -> Assessment:
    """Assess one candidate in one pool.

    `contributions` has one row per municipality with the candidate's `recruits`, `employers`
    (distinct respondents with a need; a respondent belongs to one municipality, so these add
    up) and `lia_places`. Rows outside the pool are ignored."""
    pool = tuple(sorted(set(pool)))
    rows = _in_pool(contributions, pool, [])
    return _assessment(candidate_id, label, education_area, rows, pool, thresholds, education_path)


def _in_pool(contributions: pd.DataFrame, pool: tuple[str, ...], keys: list[str]) -> pd.DataFrame:
    """The rows inside the pool, largest need first (then by kommunkod) within each candidate."""
    inside = contributions["kommunkod"].isin(pool)
    if "group" in contributions:  # the providers' view: groups of hidden municipalities
        inside |= contributions["group"].astype(bool)
    rows = contributions[inside]
    # for small-cell protection, the providers' groups, and the need per horizon (intakes)
    extra = [
        c for c in ("contributors", "suppressed", "group", "members", *HORIZON_COLUMNS) if c in rows
    ]
    rows = rows[[*keys, *CONTRIBUTION_COLUMNS, *extra]]
    return rows.sort_values(["recruits", "kommunkod"], ascending=[False, True], kind="stable")


@dataclass(frozen=True)
class _Figures:
    """The numbers the rules read from contribution rows, as arrays: made once for every
    candidate's rows together and sliced per candidate (assess_all), where making them from
    each candidate's own frame was two thirds of assessing 2 346 candidates (issue 15)."""

    need: np.ndarray
    employers: np.ndarray
    lia: np.ndarray
    grouped: np.ndarray  # a providers' group of hidden municipalities
    members: np.ndarray  # the municipalities a row stands for (1, or a group's cells)
    horizons: tuple[np.ndarray, ...] | None  # the need per horizon, where the rows have it
    contributors: np.ndarray | None  # the respondents per row, where the rows have them

    @classmethod
    def of(cls, rows: pd.DataFrame) -> _Figures:
        n = len(rows)
        horizons = None
        if all(c in rows for c in HORIZON_COLUMNS):
            horizons = tuple(
                pd.to_numeric(rows[c], errors="coerce").fillna(0).to_numpy(dtype="int64")
                for c in HORIZON_COLUMNS
            )
        return cls(
            need=rows["recruits"].to_numpy(dtype="int64"),
            employers=rows["employers"].to_numpy(dtype="int64"),
            lia=rows["lia_places"].to_numpy(dtype="int64"),
            grouped=rows["group"].to_numpy(dtype=bool) if "group" in rows else np.zeros(n, bool),
            members=(
                rows["members"].to_numpy(dtype="int64")
                if "members" in rows
                else np.ones(n, dtype="int64")
            ),
            horizons=horizons,
            contributors=(
                pd.to_numeric(rows["contributors"], errors="coerce").fillna(0).to_numpy("int64")
                if "contributors" in rows
                else None
            ),
        )

    def part(self, start: int, stop: int) -> _Figures:
        cut = slice(start, stop)
        horizons = None if self.horizons is None else tuple(h[cut] for h in self.horizons)
        return _Figures(
            self.need[cut],
            self.employers[cut],
            self.lia[cut],
            self.grouped[cut],
            self.members[cut],
            horizons,
            None if self.contributors is None else self.contributors[cut],
        )


def _assessment(
    candidate_id: str,
    label: str,
    education_area: str | None,
    rows: pd.DataFrame,
    pool: tuple[str, ...],
    thresholds: Thresholds,
    education_path: str | None = None,
    figures: _Figures | None = None,
) -> Assessment:
    """The rules, for one candidate whose rows in the pool are `rows` (from _in_pool), and
    their numbers `figures` (made from `rows` when not given)."""
    figures = _Figures.of(rows) if figures is None else figures
    need, grouped = figures.need, figures.grouped
    recruits = int(need.sum())
    employers = int(figures.employers.sum())
    lia = int(figures.lia.sum())
    contributing = int(((need > 0) * figures.members).sum())
    criteria = (
        Criterion("need", "Rekryteringsbehov", recruits, thresholds.required_need),
        Criterion("employers", "Arbetsgivare", employers, thresholds.min_employers),
        Criterion("lia", "LIA-platser per år", lia, thresholds.required_lia),
        Criterion(
            "municipalities", "Kommuner som bidrar", contributing, thresholds.min_municipalities
        ),
    )
    if education_path not in (None, YH_PATH):
        criteria += (outside_yh(education_path),)
    horizon_need = None
    if figures.horizons is not None:
        horizon_need = tuple(int(h.sum()) for h in figures.horizons)
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
        education_path=education_path,
        horizon_need=horizon_need,
        largest_hidden=int(need[grouped].max()) if grouped.any() else 0,
        contributor_count=(
            None if figures.contributors is None else int(figures.contributors.sum())
        ),
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
    keys = [*CANDIDATE_KEYS, *(["education_path"] if "education_path" in contributions else [])]
    candidates = contributions[keys].drop_duplicates("candidate_id")
    if len(keys) == len(CANDIDATE_KEYS):
        candidates = candidates.assign(education_path=None)
    order = pd.Series(range(len(candidates)), index=candidates["candidate_id"].to_numpy())
    rows = _in_pool(contributions, pool, ["candidate_id"])
    # Candidates in their order, each one's rows still largest need first (a stable sort).
    position = order.loc[rows["candidate_id"].to_numpy()].to_numpy()
    rows = rows.iloc[np.argsort(position, kind="stable")].drop(columns="candidate_id")
    position = np.sort(position, kind="stable")
    starts = np.searchsorted(position, np.arange(len(candidates)), side="left")
    stops = np.searchsorted(position, np.arange(len(candidates)), side="right")
    figures = _Figures.of(rows)
    results = [
        _assessment(
            candidate_id,
            label,
            area,
            rows.iloc[start:stop],
            pool,
            thresholds,
            None if pd.isna(path) else path,
            figures.part(start, stop),
        )
        for (candidate_id, label, area, path), start, stop in zip(
            candidates.itertuples(index=False), starts, stops, strict=True
        )
    ]
    return rank(results)


def rank(results: list[Assessment]) -> list[Assessment]:
    return sorted(
        results,
        key=lambda a: (a.education_area or "", VERDICT_ORDER[a.verdict], -a.need_ratio, a.label),
    )
