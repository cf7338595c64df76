"""What the map page says in words: key figures for a municipality or the region, source
notes and the table under the map. Plain functions of query results, so tests can check them."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from kraftsamling import fmt, privacy
from kraftsamling.metrics import HORIZON_LABELS, Metric


@dataclass(frozen=True)
class KeyFigures:
    title: str
    subtitle: str
    rows: list[tuple[str, str, str]]  # label, formatted value, help text


SURVEY_FIGURES = ["recruits", "recruits_per_1000", "employers", "lia_places"]


def protect(
    figures: pd.DataFrame, totals: pd.DataFrame, n: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The providers' view of the map's figures: municipalities built from fewer than n
    respondents are suppressed, with complementary suppression against the shown total; the
    totals are hidden when they would give a suppressed figure away."""
    protected = privacy.protect(figures, SURVEY_FIGURES, "contributors", n)
    totals = totals.copy()
    contributors = int(totals["contributors"].iloc[0])
    if protected.total_hidden or 0 < contributors < n:
        for column in ("recruits", "employers", "lia_places"):
            totals[column] = totals[column].astype("Float64")
            totals.loc[:, column] = pd.NA
    return protected.frame, totals


def shown(value, decimals: int = 0, n: int = 3) -> str:
    return privacy.label(n) if pd.isna(value) else fmt.number(value, decimals)


def key_figures(
    figures: pd.DataFrame, totals: pd.DataFrame, kommunkod: str, n: int = 3
) -> KeyFigures:
    """Key figures beside the map: one municipality's, or the whole region's for 'alla'.
    Suppressed figures (providers' view) read '<n'."""
    if kommunkod == "alla":
        total = totals.iloc[0]
        population = int(total["population_20_64"])
        participating = total["population_20_64_participating"]
        participating = 0 if pd.isna(participating) else int(participating)
        recruits = total["recruits"]
        per_1000 = (
            1000 * recruits / participating if participating and not pd.isna(recruits) else pd.NA
        )
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
                    shown(per_1000, 1, n),
                    "Räknat på befolkningen i de kommuner som har svarande i omgången "
                    f"({fmt.number(participating)} invånare 20–64 år)",
                ),
                ("Arbetsgivare med behov", shown(total["employers"], 0, n), ""),
                ("LIA-platser per år", shown(total["lia_places"], 0, n), ""),
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
    hidden = pd.isna(row["recruits"])
    rank_text = "" if hidden else f"Plats {int(rank[row.name])} av {len(figures)} i regionen"
    if hidden:
        subtitle += f" · färre än {n} svarande bakom siffrorna: de visas inte"
    return KeyFigures(
        str(row["name"]),
        subtitle,
        [
            (
                "Rekryteringsbehov",
                shown(row["recruits"], 0, n),
                "Personer att rekrytera i vald horisont",
            ),
            ("Per 1 000 invånare 20–64 år", shown(row["recruits_per_1000"], 1, n), rank_text),
            ("Arbetsgivare med behov", shown(row["employers"], 0, n), ""),
            ("LIA-platser per år", shown(row["lia_places"], 0, n), ""),
            (
                "Beviljade YH-utbildningar (distans)",
                f"{fmt.number(row['yh_granted'])} ({fmt.number(row['yh_granted_distance'])})",
                "Beviljade ansökningar 2018–2025 med studieort i kommunen",
            ),
        ],
    )


def total_sentence(
    totals: pd.DataFrame, horizon: str, participants: int, selected: int, n: int = 3
) -> str:
    total = totals.iloc[0]
    return (
        f"**Totalt i regionen:** {shown(total['recruits'], 0, n)} personer att rekrytera "
        f"({HORIZON_LABELS[horizon].lower()}), {shown(total['employers'], 0, n)} arbetsgivare "
        f"med behov, {shown(total['lia_places'], 0, n)} LIA-platser per år · {participants} av "
        f"{selected} kommuner i urvalet har svarande i omgången."
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
