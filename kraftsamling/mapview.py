"""What the map page says in words: key figures for a municipality or the region, source
notes and the table under the map. Plain functions of query results, so tests can check them."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from kraftsamling import fmt
from kraftsamling.metrics import HORIZON_LABELS, Metric


@dataclass(frozen=True)
class KeyFigures:
    title: str
    subtitle: str
    rows: list[tuple[str, str, str]]  # label, formatted value, help text


def key_figures(figures: pd.DataFrame, totals: pd.DataFrame, kommunkod: str) -> KeyFigures:
    """Key figures beside the map: one municipality's, or the whole region's for 'alla'."""
    if kommunkod == "alla":
        total = totals.iloc[0]
        population = int(total["population_20_64"])
        participating = total["population_20_64_participating"]
        participating = 0 if pd.isna(participating) else int(participating)
        recruits = int(total["recruits"])
        per_1000 = 1000 * recruits / participating if participating else 0.0
        year = int(figures["population_20_64_year"].max())
        return KeyFigures(
            "Hela urvalet",
            f"{int(total['municipalities'])} kommuner · {fmt.number(population)} invånare "
            f"20–64 år ({year})",
            [
                (
                    "Rekryteringsbehov",
                    fmt.number(recruits),
                    "Personer att rekrytera i vald horisont",
                ),
                (
                    "Per 1 000 invånare 20–64 år",
                    fmt.number(per_1000, 1),
                    "Räknat på befolkningen i de kommuner som har svarande i omgången "
                    f"({fmt.number(participating)} invånare 20–64 år)",
                ),
                ("Arbetsgivare med behov", fmt.number(total["employers"]), ""),
                ("LIA-platser per år", fmt.number(total["lia_places"]), ""),
                (
                    "Beviljade YH-utbildningar (distans)",
                    f"{fmt.number(total['yh_granted'])} "
                    f"({fmt.number(total['yh_granted_distance'])})",
                    "Beviljade ansökningar med studieort i regionen, räknade per studieort",
                ),
            ],
        )
    row = figures[figures["kommunkod"] == kommunkod].iloc[0]
    subtitle = (
        f"{row['county']} · kommunkod {row['kommunkod']} · "
        f"{fmt.number(row['population'])} invånare ({row['population_year']}), "
        f"varav {fmt.number(row['population_20_64'])} i åldern 20–64 år "
        f"({row['population_20_64_year']})"
    )
    if not row["participated"]:
        subtitle += " · **deltog inte i omgången**"
    rank = figures["recruits_per_1000"].rank(ascending=False, method="min")
    rank_text = f"Plats {int(rank[row.name])} av {len(figures)} i regionen"
    return KeyFigures(
        str(row["name"]),
        subtitle,
        [
            (
                "Rekryteringsbehov",
                fmt.number(row["recruits"]),
                "Personer att rekrytera i vald horisont",
            ),
            ("Per 1 000 invånare 20–64 år", fmt.number(row["recruits_per_1000"], 1), rank_text),
            (
                "Arbetsgivare med behov",
                fmt.number(row["employers"]),
                f"{row['respondents']} svarande",
            ),
            ("LIA-platser per år", fmt.number(row["lia_places"]), ""),
            (
                "Beviljade YH-utbildningar (distans)",
                f"{fmt.number(row['yh_granted'])} ({fmt.number(row['yh_granted_distance'])})",
                "Beviljade ansökningar 2018–2025 med studieort i kommunen",
            ),
        ],
    )


def source_text(metric: Metric, wave: dict | None, horizon: str, sources: pd.Series) -> str:
    return metric.source.format(
        wave=wave["label"] if wave else "ingen omgång",
        horizon=HORIZON_LABELS[horizon].lower(),
        pop20_year=int(sources["population_20_64_year"]),
        myh=f"{int(sources['myh_first_round'])}–{int(sources['myh_last_round'])}",
    )


TABLE_COLUMNS = {
    "name": "Kommun",
    "county": "Län",
    "respondents": "Svarande",
    "recruits": "Rekryteringsbehov",
    "recruits_per_1000": "Per 1 000 inv. 20–64",
    "employers": "Arbetsgivare",
    "lia_places": "LIA-platser",
    "yh_granted": "YH beviljade",
    "yh_granted_distance": "varav distans",
    "population_20_64": "Invånare 20–64",
}


def table(figures: pd.DataFrame) -> pd.DataFrame:
    out = figures[list(TABLE_COLUMNS)].rename(columns=TABLE_COLUMNS)
    out["Per 1 000 inv. 20–64"] = out["Per 1 000 inv. 20–64"].round(1)
    return out
