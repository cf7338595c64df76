"""What the application finder (Ansökningsunderlag) says, built from query results and the
rules in kraftsamling.assessment. No Streamlit here, so the tests can check every sentence.
Texts are in the current language (kraftsamling.i18n); verdicts stay Swedish inside
`Assessment` and are translated where shown."""

from __future__ import annotations

import numpy as np
import pandas as pd

from kraftsamling import fmt, privacy
from kraftsamling.assessment import MOTIVATED, Assessment, Thresholds
from kraftsamling.i18n import t

# Labels and help texts are Swedish source texts, shown through t().
LEVELS = {"ssyk4": "Yrken (SSYK-4)", "cluster": "Kluster", "group": "Egen yrkesgrupp"}
# a custom group would be another table to difference against the published one
# (kraftsamling.privacy). Clusters too, for now (issue 10): the published cluster cells count
# every occupation of the cluster, those YH does not train for as well, and a cluster of YH
# occupations only would be a new cut of the same answers; the providers' view offers them
# again when the publication carries YH-only clusters.
PROVIDER_LEVELS = ("ssyk4",)
PROVIDER_LEVELS_NOTE = (
    "Kluster som kandidater finns i administratörernas vy: leverantörsvyns kluster räknar "
    "också yrken som yrkeshögskolan inte utbildar för."
)

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


def thresholds_text(thresholds: Thresholds) -> str:
    return t(
        "Krav: behov minst {need} ({class_size} platser + {margin} % marginal), minst "
        "{employers} arbetsgivare, minst {lia} LIA-platser, minst {municipalities} kommuner. "
        "'Nära' = alla krav nås till minst {near} %.",
        need=fmt.number(thresholds.required_need),
        class_size=thresholds.class_size,
        margin=fmt.number(100 * thresholds.dropout_margin),
        employers=thresholds.min_employers,
        lia=fmt.number(thresholds.required_lia),
        municipalities=thresholds.min_municipalities,
        near=fmt.number(100 * thresholds.near_share),
    )


def verdict(a: Assessment) -> str:
    """The verdict in the current language ('Motiverad', 'Nära', 'Ej motiverad')."""
    return t(a.verdict)


def contributors(a: Assessment) -> int:
    """Respondents behind a candidate in its pool (each belongs to one municipality)."""
    if getattr(a, "contributor_count", None) is not None:  # counted once, at assessment
        return a.contributor_count
    if a.contributions is None or "contributors" not in a.contributions:
        return a.employers
    return int(a.contributions["contributors"].sum())


def results_table(
    results: list[Assessment],
    supply: pd.DataFrame,
    protect_below: int | None = None,
    hidden: frozenset[str] | set[str] = frozenset(),
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
        if protect_below and (contributors(a) < protect_below or a.candidate_id in hidden):
            rows.append(
                {
                    t("Utbildningsområde"): a.education_area,
                    t("Rang"): rank_in_area[a.education_area],
                    t("Kandidat"): a.label,
                    t("Bedömning"): verdict(a),
                    t("Skäl"): t("färre än {n} svarande: siffrorna visas inte", n=protect_below),
                    t("Behov"): None,
                    t("Arbetsgivare"): None,
                    t("LIA-platser"): None,
                    t("Kommuner"): None,
                    t("Största kommun ensam"): None,
                    **intake_columns(a, protected=True),
                    t("YH i området (distans)"): "–"
                    if granted is None
                    else f"{int(granted['granted'])} ({int(granted['granted_distance'])})",
                }
            )
            continue
        rows.append(
            {
                t("Utbildningsområde"): a.education_area,
                t("Rang"): rank_in_area[a.education_area],
                t("Kandidat"): a.label,
                t("Bedömning"): verdict(a),
                t("Skäl"): a.reasons,
                t("Behov"): a.recruits,
                t("Arbetsgivare"): a.employers,
                t("LIA-platser"): a.lia_places,
                t("Kommuner"): a.municipalities,
                t("Största kommun ensam"): None
                if protect_below and _hidden(_largest(a), protect_below)
                else a.max_alone,
                **intake_columns(a),
                t("YH i området (distans)"): "–"
                if granted is None
                else f"{int(granted['granted'])} ({int(granted['granted_distance'])})",
            }
        )
    return pd.DataFrame(rows)


def lasting_text(a: Assessment) -> str:
    """'ja', 'nej' or '–' (no figures per horizon), in the current language."""
    return "–" if a.lasting is None else (t("ja") if a.lasting else t("nej"))


def intake_columns(a: Assessment, protected: bool = False) -> dict:
    """Issue 10, part 3: the pooled need per horizon, whether it lasts and the intakes it
    carries (kraftsamling.assessment); none of the numbers when `protected`."""
    need = None
    if a.horizon_need is not None and not protected:
        need = " / ".join(fmt.number(h) for h in a.horizon_need)
    return {
        t("Behov 0–1 / 1–3 / 3–5 år"): need,
        t("Håller i sig"): None if protected else lasting_text(a),
        t("Räcker till antagningar"): None if protected else a.intakes,
    }


INTAKES_RULE = (
    "Räcker till N antagningar: hur många antagningar om {required} (kravet på behov) det "
    "sammanlagda behovet bär, högst 5. Behovet håller i sig när varje tidshorisont bär minst "
    "sin andel av femårsbehovet: 10 % inom 1 år, 20 % om 1–3 år och 20 % om 3–5 år (hälften av "
    "en jämn fördelning). Håller behovet inte i sig räcker det till högst 2 antagningar. "
    "Behoven per horisont gäller alla tre horisonter, vilken tidshorisont som än är vald."
)


def intakes_rule(thresholds: Thresholds) -> str:
    """The rule for intakes and lasting demand, in words (current language)."""
    return t(INTAKES_RULE, required=fmt.number(thresholds.required_need))


OUTSIDE_NOTE = (
    "Yrken som kräver högskoleexamen (legitimationsyrken, lärare), gymnasieskola eller komvux "
    "(till exempel undersköterska, en skyddad yrkestitel) eller en annan väg. Behoven är "
    "underlag för högskolor och komvux, aldrig för en YH-ansökan, hur stora de än är. "
    "Utbildningsvägen är Kraftsamlings egen härledning (tabellen education_path)."
)


def occupation_row(a, occupation_supply: pd.DataFrame) -> pd.Series | None:
    """The occupation's row of supply.occupation_supply, None for a cluster or group."""
    if not a.candidate_id.startswith("yrke:") or occupation_supply is None:
        return None
    rows = occupation_supply[occupation_supply["ssyk4"] == a.candidate_id.split(":", 1)[1]]
    return None if rows.empty else rows.iloc[0]


def split_by_path(results: list[Assessment]) -> tuple[list[Assessment], list[Assessment]]:
    """(the candidates YH trains for, the occupations it does not train for)."""
    return ([a for a in results if a.trains_for], [a for a in results if not a.trains_for])


def path_label(path: str | None) -> str:
    from kraftsamling.education import PATH_LABELS

    return "–" if path is None else t(PATH_LABELS.get(path, path))


def is_protected(a, protect_below: int | None, hidden) -> bool:
    """The providers' view shows none of the candidate's numbers."""
    return bool(protect_below) and (contributors(a) < protect_below or a.candidate_id in hidden)


def outside_order(results, protect_below: int | None = None, hidden=frozenset()) -> list:
    """The occupations outside YH, largest need first; those without numbers last, by name (a
    hidden row's place in a ranking would tell its size)."""
    outside = [a for a in results if not a.trains_for]
    return sorted(
        outside,
        key=lambda a: (
            is_protected(a, protect_below, hidden),
            0 if is_protected(a, protect_below, hidden) else -a.recruits,
            a.label,
        ),
    )


def outside_yh_table(
    results: list[Assessment],
    paths: pd.DataFrame,
    protect_below: int | None = None,
    hidden: frozenset[str] | set[str] = frozenset(),
) -> pd.DataFrame:
    """'Behov som yrkeshögskolan inte utbildar för': the occupations outside YH with their
    pooled need and education path, and why (`paths`: queries/education_paths.sql). Largest
    need first; in the providers' view a candidate from too few respondents shows no numbers."""
    notes = paths.set_index("ssyk4")["source_note"].to_dict() if len(paths) else {}
    rows = []
    for a in outside_order(results, protect_below, hidden):
        ssyk4 = a.candidate_id.split(":", 1)[1]
        protected = is_protected(a, protect_below, hidden)
        rows.append(
            {
                t("Yrke"): a.label,
                t("Utbildningsväg"): path_label(a.education_path),
                t("Behov"): None if protected else a.recruits,
                t("Arbetsgivare"): None if protected else a.employers,
                t("Kommuner"): None if protected else a.municipalities,
                t("Varför"): notes.get(ssyk4, ""),
            }
        )
    return pd.DataFrame(rows)


def _hidden(row: pd.Series | None, n: int) -> bool:
    """A municipality's row the providers' view does not show."""
    if row is None:
        return True
    return bool(row.get("suppressed", False)) or row.get("contributors", n) < n


def _largest(a: Assessment) -> pd.Series | None:
    """The candidate's largest single municipality (not a group of hidden ones)."""
    rows = a.contributions
    if rows is None or rows.empty:
        return None
    if "group" not in rows:
        return rows.iloc[0]
    alone = np.flatnonzero(~rows["group"].to_numpy(dtype=bool))  # rows: largest need first
    return rows.iloc[alone[0]] if len(alone) else None


def only_pooled(
    results: list[Assessment],
    names: dict[str, str],
    protect_below: int | None = None,
    hidden: frozenset[str] | set[str] = frozenset(),
) -> pd.DataFrame:
    """'För litet ensam, tillräckligt tillsammans': justified in the pool, while no
    municipality's own need reaches the requirement."""
    rows = []
    for a in results:
        if not a.justified_only_pooled:
            continue
        if protect_below and a.candidate_id in hidden:
            rows.append(
                {
                    t("Kandidat"): a.label,
                    t("Skäl"): t("färre än {n} svarande: siffrorna visas inte", n=protect_below),
                }
            )
            continue
        largest = _largest(a)
        largest_value = fmt.number(a.max_alone)
        if protect_below and _hidden(largest, protect_below):
            largest_value = t("<{n} svarande", n=protect_below)
        largest_name = "" if largest is None else names.get(largest["kommunkod"], "")
        rows.append(
            {
                t("Kandidat"): a.label,
                t("Behov i gruppen"): a.recruits,
                t("Krav"): a.criteria[0].required,
                t("Största kommun ensam"): f"{largest_name} ({largest_value})",
                t("Kommuner som krävs (minst)"): a.municipalities_needed,
                t("Kommuner som bidrar"): a.municipalities,
                t("Skäl"): a.reasons,
            }
        )
    return pd.DataFrame(rows)


def published_horizon_need(rows_by_horizon: dict[str, pd.DataFrame]) -> dict[str, tuple]:
    """The providers' view: each candidate's need 0-1, 1-3 and 3-5 years as each horizon's
    publication shows it (`rows_by_horizon`: kraftsamling.privacy.view.candidate_rows of the
    selection for horizons '0-1', '1-3', '3-5': its shown cells and counted hidden groups).
    No new figure: a candidate's need in a horizon is its need when that horizon is chosen."""
    totals = {
        h: rows.groupby("candidate_id")["recruits"].sum() for h, rows in rows_by_horizon.items()
    }
    ids = sorted(set().union(*(set(v.index) for v in totals.values())))
    return {c: tuple(int(totals[h].get(c, 0)) for h in ("0-1", "1-3", "3-5")) for c in ids}


def with_horizon_need(results: list[Assessment], needs: dict[str, tuple]) -> list[Assessment]:
    """The assessments with their need per horizon (`published_horizon_need`), so the intakes
    and the lasting need follow kraftsamling.assessment's one rule in the providers' view too."""
    from dataclasses import replace

    return [replace(a, horizon_need=needs.get(a.candidate_id, (0, 0, 0))) for a in results]


def verdict_sentence(a: Assessment, names: dict[str, str], protect_below: int | None = None) -> str:
    text = f"**{a.label}: {verdict(a)}.** {a.reasons[0].upper()}{a.reasons[1:]}."
    if a.verdict == MOTIVATED and a.too_small_alone:
        hide = protect_below and _hidden(_largest(a), protect_below)
        biggest = "" if hide else t(" (störst: {largest})", largest=fmt.number(a.max_alone))
        text += t(
            " Ingen kommun når kravet ensam{biggest}; det krävs minst {needed} kommuner "
            "tillsammans.",
            biggest=biggest,
            needed=a.municipalities_needed,
        )
    return text


def protected_contributions(a: Assessment, n: int) -> pd.DataFrame:
    """The candidate's municipalities for the providers' view: those hidden per block
    (`suppressed`, kraftsamling.privacy) read '<n'. The candidate's total minus the shown
    municipalities is the hidden part of whole blocks, from at least n respondents each."""
    rows = a.contributions
    return privacy.hide(rows, ["recruits", "employers", "lia_places"], rows["suppressed"])


def contributions_table(
    a: Assessment, names: dict[str, str], rows=None, n: int | None = None
) -> pd.DataFrame:
    """The candidate's municipalities; in the providers' view (rows with `hidden`) a hidden
    figure reads '<3' (fewer than n respondents) or 'dold' (kraftsamling.privacy)."""
    rows = (a.contributions if rows is None else rows).copy()
    total = a.recruits
    table = pd.DataFrame(
        {
            t("Kommun"): [names.get(c, c) for c in rows["kommunkod"]],
            t("Behov"): rows["recruits"],
            t("Andel"): [
                t("{share} %", share=fmt.number(100 * v / total, 0))
                if total and not pd.isna(v)
                else "–"
                for v in rows["recruits"]
            ],
            t("Arbetsgivare"): rows["employers"],
            t("LIA-platser"): rows["lia_places"],
        }
    )
    if n is not None and "hidden" in rows:
        from kraftsamling.privacy import view

        columns = [t("Behov"), t("Arbetsgivare"), t("LIA-platser")]
        table = view.with_reasons(table.assign(hidden=rows["hidden"].to_numpy()), columns, n)
        table = table.drop(columns="hidden")
    return table


def auto_pool_message(auto, names: dict[str, str], shown_only: bool = False) -> str:
    """kraftsamling.autopool's result in words, in the current language, written when it is
    shown: the result is cached across sessions (and languages), so it holds no text."""
    from kraftsamling import autopool

    a = auto.assessment
    if auto.status == autopool.REGION_SHORT and shown_only:  # providers: shown figures only
        return t(
            "Ingen sammanhängande grupp av kommuner i de fyra länen når kraven för {label} med "
            "de siffror som visas (dolda kommuner räknas inte i en automatisk grupp): hela "
            "regionens visade siffror ger {reasons}.",
            label=a.label,
            reasons=a.reasons,
        )
    return autopool.describe(auto, names)


# --- the evidence pack's downloads (ui.evidence_downloads draws the buttons)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ADMIN_NOTE = "Administratörernas version: med arbetsgivarnas namn; lämna inte ut."
PROVIDERS_NOTE = "Utbildningsanordnarnas version: endast det som leverantörsvyn visar."
PACK_NOTE = (
    "Underlaget följer MYH:s bedömning: behovet i siffror, regional placering, LIA, "
    "befintligt utbud och konkurrens, examinerades utfall, metod och källor. "
    "Filerna är på svenska."
)


def slug(label: str) -> str:
    """A candidate's label as a file name's part."""
    return "".join(ch if ch.isalnum() else "_" for ch in label)[:40]
