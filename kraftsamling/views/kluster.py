"""What the cluster page says: tables built from query results, in the current language."""

from __future__ import annotations

import pandas as pd

from kraftsamling.i18n import t

SUPPLY_NOTE = (  # shown as t(SUPPLY_NOTE, rounds=...)
    "Utbud: beviljade YH-utbildningar i ansökningsomgångarna {rounds} med studieort i urvalets "
    "kommuner (alla och på distans), och distansutbildningar beviljade i hela landet. Klustrens "
    "koppling till MYH:s utbildningsområden är Kraftsamlings egen. Källa: Myndigheten för "
    "yrkeshögskolan."
)


PARTIAL_NOTE = (  # shown through t(PARTIAL_NOTE)
    "Skydd för enskilda svar: en kommuns dolda siffra för ett kluster eller yrke räknas bara "
    "med tillsammans med resten av sitt län eller sin samverkansgrupp, när hela den gruppen "
    "ingår i urvalet. Därför kan kluster och yrken här summera till mindre än kartans total."
)


def partial_note(clusters: pd.DataFrame, occupations: pd.DataFrame) -> str:
    """PARTIAL_NOTE when the providers' figures leave some municipality out (else '')."""
    left = [frame["left_out"].sum() for frame in (clusters, occupations) if "left_out" in frame]
    return t(PARTIAL_NOTE) if any(left) else ""


def source_text(wave: dict | None, horizon: str, sources: pd.Series) -> str:
    from kraftsamling.metrics import horizon_label

    label = wave["label"] if wave else t("ingen omgång")
    return t(
        "Rekryteringsbehov {horizon}. Källa: kompetenskartläggningen, {wave}; befolkning "
        "20–64 år SCB 31 dec {year}; yrkesområden Arbetsförmedlingen (JobTech Taxonomy).",
        horizon=horizon_label(horizon).lower(),
        wave=label,
        year=int(sources["population_20_64_year"]),
    )


def with_supply(clusters: pd.DataFrame, supply: pd.DataFrame) -> pd.DataFrame:
    """Each cluster's need beside the granted YH programmes in its education area."""
    merged = clusters.merge(supply, on="education_area", how="left")
    return pd.DataFrame(
        {
            t("Kluster"): merged["cluster"],
            t("Behov"): merged["recruits"],
            t("Arbetsgivare"): merged["employers"],
            t("LIA-platser"): merged["lia_places"],
            t("Utbildningsområde"): merged["education_area"],
            t("Beviljade YH i urvalet"): merged["granted"].fillna(0).astype(int),
            t("varav distans"): merged["granted_distance"].fillna(0).astype(int),
            t("Distans i hela landet"): merged["granted_distance_national"].fillna(0).astype(int),
        }
    )


def top_occupations(
    occupations: pd.DataFrame,
    n: int = 25,
    paths: pd.DataFrame | None = None,
    protect: int | None = None,
) -> pd.DataFrame:
    """The occupations with most need; with `paths` (queries/education_paths.sql) each one's
    education path, so the page says which ones YH trains for (issue 10). In the providers'
    view (`protect`, rows with `hidden`) a hidden figure reads '<3' or 'dold'."""
    from kraftsamling.education import PATH_LABELS

    top = occupations.head(n)
    extra = {}
    if paths is not None:
        labels = dict(zip(paths["ssyk4"], paths["education_path"], strict=True))
        extra[t("Utbildningsväg")] = [
            t(PATH_LABELS[labels[s]]) if labels.get(s) in PATH_LABELS else "–" for s in top["ssyk4"]
        ]
    table = pd.DataFrame(
        {
            "SSYK": top["ssyk4"],
            t("Yrke"): top["occupation_name"],
            **extra,
            t("Kluster"): top["cluster"],
            t("Behov"): top["recruits"],
            t("Arbetsgivare"): top["employers"],
            t("LIA-platser"): top["lia_places"],
            t("Svårighet (1–5)"): top["difficulty"].round(1),
            t("Kommuner"): top["municipalities"],
            t("Kräver eftergymnasial utb. (andel)"): (100 * top["share_post_secondary"]).round(0),
        }
    )
    if protect is not None and "hidden" in top:
        from kraftsamling.privacy import view

        columns = [t("Behov"), t("Arbetsgivare"), t("LIA-platser")]
        table = view.with_reasons(table.assign(hidden=top["hidden"].to_numpy()), columns, protect)
        table = table.drop(columns="hidden")
    return table
