"""What the cluster page says: tables in Swedish built from query results."""

from __future__ import annotations

import pandas as pd

from kraftsamling import privacy

SUPPLY_NOTE = (
    "Utbud: beviljade YH-utbildningar i ansökningsomgångarna {rounds} med studieort i urvalets "
    "kommuner (alla och på distans), och distansutbildningar beviljade i hela landet. Klustrens "
    "koppling till MYH:s utbildningsområden är Kraftsamlings egen. Källa: Myndigheten för "
    "yrkeshögskolan."
)


PROTECTED = ["recruits", "employers", "lia_places"]


def protect_clusters(clusters: pd.DataFrame, n: int) -> pd.DataFrame:
    """Providers' view of need per cluster, protected against the shown total."""
    return privacy.protect(clusters, PROTECTED, "contributors", n).frame


def protect(
    clusters: pd.DataFrame, occupations: pd.DataFrame, n: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Providers' view: clusters protected against the selection's total, occupations against
    their cluster's total (both totals are shown)."""
    clusters = protect_clusters(clusters, n)
    occupations = privacy.protect(
        occupations,
        [*PROTECTED, "difficulty", "share_post_secondary", "upskilling"],
        "contributors",
        n,
        group_by="cluster",
    ).frame
    return clusters, occupations


def source_text(wave: dict | None, horizon: str, sources: pd.Series) -> str:
    from kraftsamling.metrics import HORIZON_LABELS

    label = wave["label"] if wave else "ingen omgång"
    return (
        f"Rekryteringsbehov {HORIZON_LABELS[horizon].lower()}. Källa: kompetenskartläggningen, "
        f"{label}; befolkning 20–64 år SCB 31 dec {int(sources['population_20_64_year'])}; "
        "yrkesområden Arbetsförmedlingen (JobTech Taxonomy)."
    )


def with_supply(clusters: pd.DataFrame, supply: pd.DataFrame) -> pd.DataFrame:
    """Each cluster's need beside the granted YH programmes in its education area."""
    merged = clusters.merge(supply, on="education_area", how="left")
    return pd.DataFrame(
        {
            "Kluster": merged["cluster"],
            "Behov": merged["recruits"],
            "Arbetsgivare": merged["employers"],
            "LIA-platser": merged["lia_places"],
            "Utbildningsområde": merged["education_area"],
            "Beviljade YH i urvalet": merged["granted"].fillna(0).astype(int),
            "varav distans": merged["granted_distance"].fillna(0).astype(int),
            "Distans i hela landet": merged["granted_distance_national"].fillna(0).astype(int),
        }
    )


def top_occupations(occupations: pd.DataFrame, n: int = 25) -> pd.DataFrame:
    top = occupations.head(n)
    return pd.DataFrame(
        {
            "SSYK": top["ssyk4"],
            "Yrke": top["occupation_name"],
            "Kluster": top["cluster"],
            "Behov": top["recruits"],
            "Arbetsgivare": top["employers"],
            "LIA-platser": top["lia_places"],
            "Svårighet (1–5)": top["difficulty"].round(1),
            "Kommuner": top["municipalities"],
            "Kräver eftergymnasial utb. (andel)": (100 * top["share_post_secondary"]).round(0),
        }
    )
