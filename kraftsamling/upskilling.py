"""Upskilling as its own kind of candidate: a short YH course or course package for staff
already at work. The rules, in one place.

The survey asks each employer how many of its current staff it would upskill through distance
education ("anställda att kompetensutveckla på distans", `need.upskilling`). MYH funds that
through courses and course packages (kurser och kurspaket: YH programmes of up to 99 YH
credits, flexible in pace and form so that people in work can take them), a different kind of
application from a programme for new recruits. So upskilling is pooled and assessed on its
own, per occupation or cluster, and is **never added to recruitment**: its candidates read
only the `upskilling` column (queries/upskilling_contributions.sql), and no figure here or on
the page is a sum of the two (tests/test_upskilling.py checks it).

A candidate in a pool is held against its own thresholds, which the user can change:

- staff to upskill ≥ course size × (1 + margin for unused places), rounded up. Course size 20:
  MYH's decisions on courses are not in our data (courses have their own application round),
  so we take the nearest we have — the granted programmes shorter than 200 YH credits in MYH's
  decisions 2021–2025 (24 with places) have a median of 20 places in their first intake
  (quartiles 20–30). Margin 25 %: MYH reports that about a quarter of the places in completed
  courses went unused, and asks providers to apply only for places they can fill ("Prioriteringar
  ansökan kurser 2022", myh.se). 20 × 1.25 = 25.
- distinct employers with staff to upskill ≥ 3: a course for one employer's staff is contract
  education (uppdragsutbildning), which the employer pays for, not a state-funded YH course;
  three employers show a shared need. Fewer than the 5 asked of a programme, because an
  upskilling need names people already employed rather than hopes to recruit.
- contributing municipalities (with staff to upskill) ≥ 2: a pooled distance course.
- There is no LIA criterion: courses for people in work need not include LIA (a quarter of
  LIA is a rule for the qualified YH degree of ≥ 400 credits).

- Only occupations whose staff YH can train further. An occupation whose education path is
  `hogskola` (licensed professions such as nurses, teachers: kraftsamling/education.py) gets its
  continuing education at university (specialistsjuksköterska is a university programme), so
  it is never Motiverad for a YH course and is left out of the clusters' staff; its staff are
  listed on their own for the universities. Occupations on the `gymnasie` path stay: YH builds
  on upper-secondary training (MYH's decisions 2018–2025 hold 318 applications named
  "Specialistundersköterska", for staff who are undersköterskor already).

The verdict follows the recruitment rules exactly (kraftsamling.assessment, whose Criterion and
verdict logic this module reuses): 'Motiverad' when every criterion is met; 'Nära' when not all
are met but every one reaches `near_share` (75 %) of its requirement; otherwise 'Ej
motiverad'. Every requirement only rises with its threshold, so raising a threshold never
improves a verdict; the reasons are written from the same numbers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

import pandas as pd

from kraftsamling import assessment, fmt
from kraftsamling.assessment import MOTIVATED, Assessment, Criterion
from kraftsamling.education import PATH_LABELS
from kraftsamling.i18n import t

KIND = "kompetensutveckling"
RECRUITMENT = "rekrytering"
KINDS = {RECRUITMENT: "Rekrytering (YH-program)", KIND: "Kompetensutveckling (kurser)"}
LEVELS = ("ssyk4", "cluster")  # occupations and clusters; a custom group is for recruitment
UNIVERSITY_PATH = "hogskola"  # continuing education at university, never a YH course


@dataclass(frozen=True)
class UpskillingThresholds:
    course_size: int = 20  # median first-intake places of granted YH programmes < 200 credits
    unused_margin: float = 0.25  # MYH: about a quarter of course places went unused
    min_employers: int = 3
    min_municipalities: int = 2
    near_share: float = 0.75  # 'Nära' when every criterion reaches this share

    @property
    def required_staff(self) -> int:
        return math.ceil(round(self.course_size * (1 + self.unused_margin), 9))

    def raised(self, **changes) -> UpskillingThresholds:
        return replace(self, **changes)


THRESHOLD_HELP = {
    "course_size": "Standard 20: medianen av platser i första antagningen för beviljade "
    "YH-utbildningar kortare än 200 YH-poäng i MYH:s beslut 2021–2025 (MYH:s beslut om kurser "
    "finns inte i våra data).",
    "unused_margin": "Extra anställda för platser som inte utnyttjas: MYH rapporterar att ungefär "
    "en fjärdedel av platserna i genomförda kurser stod tomma. Kravet blir kursstorlek × "
    "(1 + marginal).",
    "min_employers": "Så många olika arbetsgivare måste ha anställda att kompetensutveckla: en "
    "kurs för en enda arbetsgivares personal är uppdragsutbildning, inte YH.",
    "min_municipalities": "Så många kommuner måste bidra för att det ska vara ett gemensamt "
    "underlag för en distanskurs.",
}


class UpskillingCriterion(Criterion):
    """A criterion of an upskilling candidate; 'staff' is the staff to upskill."""

    def reason(self) -> str:
        if self.key == "staff":
            return t(
                "{v} anställda att kompetensutveckla mot krav {r}",
                v=fmt.number(self.value),
                r=fmt.number(self.required),
            )
        if self.key == "yh":
            return t(
                "kompetensutveckling för yrket ges av högskolan, inte av YH ({path})",
                path=t(PATH_LABELS.get(self.label, self.label)).lower(),
            )
        return super().reason()


@dataclass(frozen=True)
class UpskillingAssessment:
    """One upskilling candidate in one pool. It has no recruitment figure at all: `staff` is
    the staff to upskill, the only survey figure it counts."""

    candidate_id: str
    label: str
    education_area: str | None
    pool: tuple[str, ...]
    staff: int
    employers: int  # distinct employers with staff to upskill
    municipalities: int
    criteria: tuple[Criterion, ...]
    max_alone: int  # the largest number of one municipality alone
    municipalities_needed: int | None  # fewest municipalities whose staff reach the requirement
    contributions: pd.DataFrame = field(repr=False, compare=False, default=None)
    thresholds_near_share: float = 0.75
    kind: str = KIND
    education_path: str | None = None  # the occupation's; None for a cluster

    @property
    def trains_for(self) -> bool:
        """YH can train the occupation's staff further (not a university path)."""
        return self.education_path != UNIVERSITY_PATH

    # The same rules as a recruitment candidate's (kraftsamling.assessment.Assessment).
    verdict = Assessment.verdict
    reasons = Assessment.reasons
    need_ratio = Assessment.need_ratio
    too_small_alone = Assessment.too_small_alone
    justified_only_pooled = Assessment.justified_only_pooled


CONTRIBUTION_COLUMNS = ("kommunkod", "staff", "employers")


def _assessment(
    candidate_id: str,
    label: str,
    education_area: str | None,
    rows: pd.DataFrame,
    pool: tuple[str, ...],
    thresholds: UpskillingThresholds,
    education_path: str | None = None,
) -> UpskillingAssessment:
    rows = rows.sort_values(["staff", "kommunkod"], ascending=[False, True], kind="stable")
    staff = rows["staff"].to_numpy(dtype="int64")
    total = int(staff.sum())
    employers = int(rows["employers"].to_numpy(dtype="int64").sum())
    contributing = int((staff > 0).sum())
    criteria = (
        UpskillingCriterion(
            "staff", "Anställda att kompetensutveckla", total, thresholds.required_staff
        ),
        UpskillingCriterion("employers", "Arbetsgivare", employers, thresholds.min_employers),
        UpskillingCriterion(
            "municipalities", "Kommuner som bidrar", contributing, thresholds.min_municipalities
        ),
    )
    if education_path == UNIVERSITY_PATH:
        criteria += (UpskillingCriterion("yh", education_path, 0, 1),)
    reached = (staff.cumsum() >= thresholds.required_staff).nonzero()[0]
    return UpskillingAssessment(
        candidate_id=candidate_id,
        label=label,
        education_area=education_area,
        pool=pool,
        staff=total,
        employers=employers,
        municipalities=contributing,
        criteria=criteria,
        max_alone=int(staff.max()) if len(staff) else 0,
        municipalities_needed=int(reached[0] + 1) if len(reached) else None,
        contributions=rows.reset_index(drop=True),
        thresholds_near_share=thresholds.near_share,
        education_path=education_path,
    )


def assess_all(
    contributions: pd.DataFrame,
    pool: list[str] | tuple[str, ...],
    thresholds: UpskillingThresholds,
) -> list[UpskillingAssessment]:
    """Assess every upskilling candidate in `contributions` (queries/upskilling_contributions:
    candidate_id, label, education_area, kommunkod, staff, employers) in the pool, ranked as
    recruitment candidates are: within each education area, by how far the staff to upskill
    exceed the requirement. Rows outside the pool are ignored; a candidate with no staff in
    the pool is still assessed (with zeros)."""
    pool = tuple(sorted(set(pool)))
    keep = [c for c in (*CONTRIBUTION_COLUMNS, "contributors") if c in contributions]
    inside = contributions[contributions["kommunkod"].isin(pool)]
    groups = {key: rows[keep] for key, rows in inside.groupby("candidate_id", sort=False)}
    empty = contributions.iloc[0:0][keep]
    described = ["candidate_id", "label", "education_area"]
    if "education_path" in contributions:
        described.append("education_path")
    candidates = contributions[described].drop_duplicates("candidate_id")
    results = [
        _assessment(
            c.candidate_id,
            c.label,
            c.education_area,
            groups.get(c.candidate_id, empty),
            pool,
            thresholds,
            getattr(c, "education_path", None),
        )
        for c in candidates.itertuples(index=False)
    ]
    return assessment.rank(results)


def split_by_path(
    results: list[UpskillingAssessment],
) -> tuple[list[UpskillingAssessment], list[UpskillingAssessment]]:
    """(the candidates YH can train further, the occupations trained further at university)."""
    return ([a for a in results if a.trains_for], [a for a in results if not a.trains_for])


# ------------------------------------------------------------------ what the page says
OUTSIDE_NOTE = (
    "Legitimationsyrken och lärare vidareutbildas på högskolan (till exempel "
    "specialistsjuksköterska), inte på YH. Behoven är underlag för högskolorna, aldrig för en "
    "YH-kurs, hur stora de än är. Utbildningsvägen är Kraftsamlings egen härledning (tabellen "
    "education_path)."
)


def outside_table(results: list[UpskillingAssessment]) -> pd.DataFrame:
    """The occupations whose staff are trained further at university, most staff first."""
    rows = sorted(results, key=lambda a: (-a.staff, a.label))
    return pd.DataFrame(
        {
            t("Yrke"): [a.label for a in rows],
            t("Att kompetensutveckla"): [a.staff for a in rows],
            t("Arbetsgivare"): [a.employers for a in rows],
            t("Kommuner"): [a.municipalities for a in rows],
        }
    )


def thresholds_text(thresholds: UpskillingThresholds) -> str:
    return t(
        "Krav för en kurs: minst {staff} anställda att kompetensutveckla ({course} platser + "
        "{margin} % marginal för platser som inte utnyttjas), minst {employers} arbetsgivare, "
        "minst {municipalities} kommuner. 'Nära' = alla krav nås till minst {near} %.",
        staff=fmt.number(thresholds.required_staff),
        course=thresholds.course_size,
        margin=fmt.number(100 * thresholds.unused_margin),
        employers=thresholds.min_employers,
        municipalities=thresholds.min_municipalities,
        near=fmt.number(100 * thresholds.near_share),
    )


def summary_text(results: list[UpskillingAssessment], municipalities: int) -> str:
    verdicts = [a.verdict for a in results]
    return t(
        "**{motivated} motiverade, {near} nära och {not_motivated} ej motiverade** av {total} "
        "kandidater för kompetensutveckling i {municipalities} kommuner ({staff} anställda att "
        "kompetensutveckla; räknas aldrig ihop med rekryteringsbehovet).",
        motivated=verdicts.count(assessment.MOTIVATED),
        near=verdicts.count(assessment.NEAR),
        not_motivated=verdicts.count(assessment.NOT_MOTIVATED),
        total=len(results),
        municipalities=municipalities,
        staff=fmt.number(sum(a.staff for a in results)),  # each row is in one candidate
    )


def results_table(results: list[UpskillingAssessment]) -> pd.DataFrame:
    """One row per candidate, ranked within each MYH education area (current language)."""
    rows = []
    rank_in_area: dict[str | None, int] = {}
    for a in results:
        rank_in_area[a.education_area] = rank_in_area.get(a.education_area, 0) + 1
        rows.append(
            {
                t("Utbildningsområde"): a.education_area,
                t("Rang"): rank_in_area[a.education_area],
                t("Kandidat"): a.label,
                t("Bedömning"): t(a.verdict),
                t("Skäl"): a.reasons,
                t("Att kompetensutveckla"): a.staff,
                t("Krav"): a.criteria[0].required,
                t("Arbetsgivare"): a.employers,
                t("Kommuner"): a.municipalities,
                t("Största kommun ensam"): a.max_alone,
            }
        )
    return pd.DataFrame(rows)


def only_pooled(results: list[UpskillingAssessment], names: dict[str, str]) -> pd.DataFrame:
    """Motiverade candidates that no single municipality reaches alone."""
    rows = []
    for a in results:
        if not a.justified_only_pooled:
            continue
        largest = a.contributions.iloc[0]
        rows.append(
            {
                t("Kandidat"): a.label,
                t("Att kompetensutveckla i gruppen"): a.staff,
                t("Krav"): a.criteria[0].required,
                t("Största kommun ensam"): f"{names.get(largest['kommunkod'], '')} "
                f"({fmt.number(a.max_alone)})",
                t("Kommuner som krävs (minst)"): a.municipalities_needed,
                t("Kommuner som bidrar"): a.municipalities,
                t("Skäl"): a.reasons,
            }
        )
    return pd.DataFrame(rows)


def verdict_sentence(a: UpskillingAssessment) -> str:
    text = f"**{a.label}: {t(a.verdict)}.** {a.reasons[0].upper()}{a.reasons[1:]}."
    if a.verdict == MOTIVATED and a.too_small_alone:
        text += t(
            " Ingen kommun når kravet ensam (störst: {largest}); det krävs minst {needed} "
            "kommuner tillsammans.",
            largest=fmt.number(a.max_alone),
            needed=a.municipalities_needed,
        )
    return text


def contributions_table(a: UpskillingAssessment, names: dict[str, str]) -> pd.DataFrame:
    rows = a.contributions
    total = a.staff
    return pd.DataFrame(
        {
            t("Kommun"): [names.get(c, c) for c in rows["kommunkod"]],
            t("Att kompetensutveckla"): rows["staff"],
            t("Andel"): [
                t("{share} %", share=fmt.number(100 * v / total, 0)) if total else "–"
                for v in rows["staff"]
            ],
            t("Arbetsgivare"): rows["employers"],
        }
    )


def map_rows(a: UpskillingAssessment) -> pd.DataFrame:
    """The candidate's municipalities for kraftsamling.charts.contribution_map, which colours
    its `recruits` column: here that column carries the staff to upskill (and only them)."""
    return pd.DataFrame(
        {"kommunkod": a.contributions["kommunkod"], "recruits": a.contributions["staff"]}
    )
