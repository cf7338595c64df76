"""What the municipality profile says: its cluster mix against the selection's, in words."""

from __future__ import annotations

import pandas as pd

from kraftsamling import fmt
from kraftsamling.i18n import t


def compare_shares(
    own: pd.DataFrame, region: pd.DataFrame, own_total_need: float | None = None
) -> pd.DataFrame:
    """Share of need per cluster: the municipality beside the whole selection."""
    merged = region[["cluster", "recruits"]].merge(
        own[["cluster", "recruits"]], on="cluster", how="left", suffixes=("_region", "_own")
    )
    # A cluster the municipality has no need in is 0; a suppressed one (providers' view) stays
    # NA: its share is not shown, and shares are of the municipality's whole need.
    hidden = merged["cluster"].isin(own.loc[own["recruits"].isna(), "cluster"])
    merged["recruits_own"] = merged["recruits_own"].astype("Float64").fillna(0).mask(hidden)
    own_total = own_total_need if own_total_need is not None else merged["recruits_own"].sum()
    merged["share_own"] = merged["recruits_own"] / own_total if own_total else 0.0
    merged["share_region"] = merged["recruits_region"] / merged["recruits_region"].sum()
    merged["difference_pp"] = 100 * (merged["share_own"] - merged["share_region"])
    return merged.sort_values("share_own", ascending=False).reset_index(drop=True)


def profile_tables(
    own_clusters: pd.DataFrame,
    region_clusters: pd.DataFrame,
    own_occupations: pd.DataFrame,
    own_total_need: float | None,
    name: str,
    protect: int | None,
) -> tuple[pd.DataFrame, str, pd.DataFrame]:
    """The profile's shares against the selection, the sentence that says them and the
    municipality's occupations (kluster.top_occupations), together: the page makes them once
    per process for a selection and municipality (ui.shared; issue 15)."""
    from kraftsamling.views import kluster

    shares = compare_shares(own_clusters, region_clusters, own_total_need)
    top = kluster.top_occupations(own_occupations, n=100, protect=protect)
    return shares, comparison_sentence(name, shares), top


def comparison_sentence(name: str, shares: pd.DataFrame) -> str:
    shares = shares.dropna(subset=["share_own", "share_region"])
    if shares.empty or shares["recruits_own"].sum() == 0:
        return t("{name} har inga rekryteringsbehov att visa med valda filter.", name=name)
    top = shares.sort_values("difference_pp", ascending=False).head(2)
    low = shares.sort_values("difference_pp").head(1)
    parts = [
        t(
            "{cluster} ({own} % mot {region} % i urvalet)",
            cluster=row.cluster,
            own=fmt.number(100 * row.share_own, 0),
            region=fmt.number(100 * row.share_region, 0),
        )
        for row in top.itertuples()
        if row.difference_pp > 0
    ]
    text = t("Jämfört med urvalet har {name} ", name=name)
    if parts:
        text += t("större andel behov inom ") + t(" och ").join(parts)
    low_row = next(low.itertuples())
    if low_row.difference_pp < 0:
        text += (t(", och ") if parts else "") + t(
            "mindre inom {cluster} ({own} % mot {region} %)",
            cluster=low_row.cluster,
            own=fmt.number(100 * low_row.share_own, 0),
            region=fmt.number(100 * low_row.share_region, 0),
        )
    elif not parts:
        text += t("ungefär samma fördelning av behovet")
    return text + "."


def respondents_text(row: pd.Series) -> str | None:
    """The providers' view says how many answered as the stored class ('3–9 svarande'), never
    the count; None where there is no class (the administrators' view, or no answers)."""
    klass = row.get("respondents_class")
    if klass is None or pd.isna(klass):
        return None
    return t("Svarande i kommunen: {klass}", klass=str(klass).replace("-", "–"))


def hidden_text(row: pd.Series, name: str, n: int) -> str:
    """Why the municipality's figures are not shown: fewer than N respondents, or hidden to
    protect another figure or a respondent who accounts for nearly all of it."""
    from kraftsamling.privacy import FEW

    reason = row.get("hidden")
    if reason is None or pd.isna(reason) or reason == FEW:
        return t(
            "Färre än {n} svarande står bakom {name}s siffror med valda filter, så de visas "
            "inte här (skydd för enskilda svar). Välj fler kommuner eller färre filter.",
            n=n,
            name=name,
        )
    return t(
        "{name}s siffror med valda filter är dolda för att skydda en annan siffra, eller för "
        "att en enda svarande står för nästan hela siffran. Välj fler kommuner eller färre "
        "filter.",
        name=name,
    )
