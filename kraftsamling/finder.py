"""What the application finder (Ansökningsunderlag) says, built from query results and the
rules in kraftsamling.assessment. No Streamlit here, so the tests can check every sentence."""

from __future__ import annotations

import pandas as pd

from kraftsamling import fmt, privacy
from kraftsamling.assessment import MOTIVATED, Assessment, Thresholds

LEVELS = {"ssyk4": "Yrken (SSYK-4)", "cluster": "Kluster", "group": "Egen yrkesgrupp"}

THRESHOLD_HELP = {
    "class_size": "Standard 30: medianen av beviljade platser per omgång i MYH:s beslut 2020–2025.",
    "dropout_margin": "Extra behov för studerande som inte fullföljer eller inte tar jobb i "
    "regionen. Kravet på behov blir klasstorlek × (1 + marginal).",
    "min_employers": "Så många olika arbetsgivare måste stå bakom behovet: ett behov hos en "
    "enda arbetsgivare är svagare underlag.",
    "lia_per_student": "Varje studerande behöver en LIA-plats; 1,0 betyder en plats per "
    "studerande och år.",
    "min_municipalities": "Så många kommuner måste bidra med behov för att det ska vara ett "
    "gemensamt underlag.",
}


def thresholds_text(t: Thresholds) -> str:
    return (
        f"Krav: behov minst {fmt.number(t.required_need)} "
        f"({t.class_size} platser + {fmt.number(100 * t.dropout_margin)} % marginal), "
        f"minst {t.min_employers} arbetsgivare, minst {fmt.number(t.required_lia)} LIA-platser, "
        f"minst {t.min_municipalities} kommuner. 'Nära' = alla krav nås till minst "
        f"{fmt.number(100 * t.near_share)} %."
    )


def contributors(a: Assessment) -> int:
    """Respondents behind a candidate in its pool (each belongs to one municipality)."""
    if a.contributions is None or "contributors" not in a.contributions:
        return a.employers
    return int(a.contributions["contributors"].sum())


def results_table(
    results: list[Assessment], supply: pd.DataFrame, protect_below: int | None = None
) -> pd.DataFrame:
    """Ranked within each MYH education area, with the existing supply in the area beside.
    With `protect_below` (the providers' view), a candidate built from fewer respondents shows
    its verdict but none of its numbers."""
    rows = []
    rank_in_area: dict[str | None, int] = {}
    supply = supply.set_index("education_area")
    for a in results:
        rank_in_area[a.education_area] = rank_in_area.get(a.education_area, 0) + 1
        granted = supply.loc[a.education_area] if a.education_area in supply.index else None
        if protect_below and contributors(a) < protect_below:
            rows.append(
                {
                    "Utbildningsområde": a.education_area,
                    "Rang": rank_in_area[a.education_area],
                    "Kandidat": a.label,
                    "Bedömning": a.verdict,
                    "Skäl": f"färre än {protect_below} svarande: siffrorna visas inte",
                    "Behov": None, "Arbetsgivare": None, "LIA-platser": None, "Kommuner": None,
                    "Största kommun ensam": None,
                    "YH i området (distans)": "–" if granted is None
                    else f"{int(granted['granted'])} ({int(granted['granted_distance'])})",
                }
            )  # fmt: skip
            continue
        rows.append(
            {
                "Utbildningsområde": a.education_area,
                "Rang": rank_in_area[a.education_area],
                "Kandidat": a.label,
                "Bedömning": a.verdict,
                "Skäl": a.reasons,
                "Behov": a.recruits,
                "Arbetsgivare": a.employers,
                "LIA-platser": a.lia_places,
                "Kommuner": a.municipalities,
                "Största kommun ensam": a.max_alone,
                "YH i området (distans)": "–"
                if granted is None
                else f"{int(granted['granted'])} ({int(granted['granted_distance'])})",
            }
        )
    return pd.DataFrame(rows)


def only_pooled(
    results: list[Assessment], names: dict[str, str], protect_below: int | None = None
) -> pd.DataFrame:
    """'För litet ensam, tillräckligt tillsammans': justified in the pool, while no
    municipality's own need reaches the requirement."""
    rows = []
    for a in results:
        if not a.justified_only_pooled:
            continue
        largest = a.contributions.iloc[0]
        largest_value = fmt.number(a.max_alone)
        if protect_below and largest.get("contributors", protect_below) < protect_below:
            largest_value = f"<{protect_below} svarande"
        rows.append(
            {
                "Kandidat": a.label,
                "Behov i gruppen": a.recruits,
                "Krav": a.criteria[0].required,
                "Största kommun ensam": f"{names.get(largest['kommunkod'], '')} ({largest_value})",
                "Kommuner som krävs (minst)": a.municipalities_needed,
                "Kommuner som bidrar": a.municipalities,
                "Skäl": a.reasons,
            }
        )
    return pd.DataFrame(rows)


def verdict_sentence(a: Assessment, names: dict[str, str], protect_below: int | None = None) -> str:
    text = f"**{a.label}: {a.verdict}.** {a.reasons[0].upper()}{a.reasons[1:]}."
    if a.verdict == MOTIVATED and a.too_small_alone:
        largest = a.contributions.iloc[0]
        hide = protect_below and largest.get("contributors", protect_below) < protect_below
        biggest = "" if hide else f" (störst: {fmt.number(a.max_alone)})"
        text += (
            f" Ingen kommun når kravet ensam{biggest}; det krävs "
            f"minst {a.municipalities_needed} kommuner tillsammans."
        )
    return text


def protected_contributions(a: Assessment, n: int) -> pd.DataFrame:
    """The candidate's municipalities for the providers' view: municipalities built from fewer
    than n respondents hidden, with complementary suppression against the candidate's total."""
    return privacy.protect(
        a.contributions, ["recruits", "employers", "lia_places"], "contributors", n
    ).frame


def contributions_table(a: Assessment, names: dict[str, str], rows=None) -> pd.DataFrame:
    rows = (a.contributions if rows is None else rows).copy()
    total = a.recruits
    return pd.DataFrame(
        {
            "Kommun": [names.get(c, c) for c in rows["kommunkod"]],
            "Behov": rows["recruits"],
            "Andel": [f"{fmt.number(100 * v / total, 0)} %" if total and not pd.isna(v) else "–"
                      for v in rows["recruits"]],
            "Arbetsgivare": rows["employers"],
            "LIA-platser": rows["lia_places"],
        }
    )  # fmt: skip
