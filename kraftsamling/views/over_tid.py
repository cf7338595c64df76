"""What the Över tid page says (issue 12, "Waves over time, fairly"): the waves with their
response rate, two waves compared per municipality and per occupation, and the need over the
waves. Plain functions of query results and of kraftsamling.privacy.view's figures, so tests
can check them. In the providers' view every figure comes from the stored publications of
published waves (a municipality is compared only where its figure is shown in both); for
administrators from the answers. Either way a municipality that took part in one wave only is
"deltog inte", never a fall.
"""

from __future__ import annotations

import pandas as pd

from kraftsamling import fmt
from kraftsamling.i18n import t
from kraftsamling.views import karta

STATES = {  # kraftsamling.views.karta.change_figures' `comparison`, as the table says it
    "båda": "båda",
    "deltog inte i tidigare": "deltog inte i tidigare",
    "deltog inte i senare": "deltog inte i senare",
    "deltog inte": "deltog inte",
    "dold": "dold",
}


# the administrators' narrower comparison (Över tid, `samma=1`; `compare-waves
# --same-organisations`): the publication has no organisations, so providers do not get it
SAME_ORGANISATIONS = "Bara organisationer som svarade i båda omgångarna"


def admin_wave_table(waves: pd.DataFrame) -> pd.DataFrame:
    """The administrators' list of waves (queries/waves.sql) with its columns named."""
    return waves[
        ["label", "survey_year", "respondents", "municipalities", "published", "invited"]
        + ["response_rate"]
    ].rename(
        columns={
            "label": t("Omgång"),
            "survey_year": t("År"),
            "respondents": t("Svarande"),
            "municipalities": t("Kommuner"),
            "published": t("Publicerad"),
            "invited": t("Inbjudna"),
            "response_rate": t("Svarsfrekvens"),
        }
    )


def wave_list(waves: pd.DataFrame, responses: dict[str, pd.DataFrame], n: int) -> pd.DataFrame:
    """The providers' list of published waves, with the region's response rate as published
    (`responses`: queries/published_response.sql per wave)."""
    rates = []
    for wave_id in waves["wave_id"]:
        frame = responses.get(wave_id)
        region = None if frame is None else frame[frame["scope_kind"] == "region"]
        rates.append(
            t("ingen lista över inbjudna")
            if region is None or region.empty
            else karta.response_label(region.iloc[0], n)
        )
    return pd.DataFrame(
        {
            t("Omgång"): waves["label"].to_numpy(),
            t("År"): waves["survey_year"].to_numpy(),
            t("Svarsfrekvens, hela regionen"): rates,
        }
    )


def response_table(responses: pd.DataFrame, n: int) -> pd.DataFrame:
    """One wave's published response rate: the region and the counties (rate in whole per
    cent), then the municipalities with an invitation list (band), or why none is shown."""
    listed = responses[responses["listed"] | (responses["scope_kind"] != "kommun")]
    return pd.DataFrame(
        {
            t("Område"): listed["name"].to_numpy(),
            t("Kommuner med lista"): listed["municipalities_listed"].to_numpy(),
            t("Svarsfrekvens"): [karta.response_label(row, n) for _, row in listed.iterrows()],
        }
    )


def municipality_table(changed: pd.DataFrame) -> pd.DataFrame:
    """Per municipality of the selection (kraftsamling.views.karta.change_figures): whether it
    can be compared, the need in each wave and the change, only where it can."""
    inside = changed[changed["selected"]] if "selected" in changed else changed
    order = inside.assign(_grey=inside["comparison"] != "båda", _size=inside["recruits"].abs())
    order = order.sort_values(["_grey", "_size", "name"], ascending=[True, False, True])
    order = order.reset_index(drop=True)
    return pd.DataFrame(
        {
            t("Kommun"): order["name"],
            t("Jämförs"): [t(STATES[s]) for s in order["comparison"]],
            t("Behov, tidigare omgång"): order["recruits_before"].round().astype("Int64"),
            t("Behov, senare omgång"): order["recruits_after"].round().astype("Int64"),
            t("Förändring"): order["recruits"].round().astype("Int64"),
            t("Förändring per 1 000 inv. 20–64"): order["recruits_per_1000"].round(1),
        }
    )


def occupation_table(comparison: pd.DataFrame, n: int, providers: bool) -> pd.DataFrame:
    """Per occupation (or occupation field): the need in each wave and the change; in the
    providers' view a row that cannot be compared reads "dold"."""
    frame = comparison
    if providers:
        names = frame["label"].astype(str)
    else:
        names = frame["ssyk4"].astype(str) + " " + frame["occupation_name"].astype(str)
    out = pd.DataFrame(
        {
            t("Yrke"): names.to_numpy(),
            t("Behov, tidigare omgång"): frame["recruits_a"].to_numpy(),
            t("Behov, senare omgång"): frame["recruits_b"].to_numpy(),
            t("Förändring"): frame["change"].to_numpy(),
        }
    )
    if providers and "suppressed" in frame:
        from kraftsamling.privacy import view

        columns = list(out.columns[1:])
        marked = out.assign(hidden=["secondary" if s else None for s in frame["suppressed"]])
        out = view.with_reasons(marked, columns, n).drop(columns="hidden")
    return out


def comparison_caption(changed: pd.DataFrame) -> str:
    counts = karta.change_counts(changed)
    return t(
        "Jämförelsen gäller de {both} kommuner som svarade i båda omgångarna. En kommun som "
        'inte svarade i en av dem räknas som "deltog inte", aldrig som en minskning '
        "({one} svarade bara i en omgång, {none} i ingen).",
        both=fmt.number(counts["båda"]),
        one=fmt.number(counts["deltog inte i tidigare"] + counts["deltog inte i senare"]),
        none=fmt.number(counts["deltog inte"]),
    ) + (
        t(
            " {hidden} kommuner är dolda i någon av omgångarna och jämförs inte.",
            hidden=counts["dold"],
        )
        if counts["dold"]
        else ""
    )


def occupation_caption(comparison: pd.DataFrame, providers: bool, same: bool = False) -> str:
    grew = int((comparison["change"] > 0).sum())
    shrank = int((comparison["change"] < 0).sum())
    text = t("{grew} yrken växte och {shrank} minskade.", grew=grew, shrank=shrank)
    if same:
        text += " " + t(
            "Bara organisationer som svarade i båda omgångarna räknas (samma "
            "organisationsnummer, eller samma namn, i samma kommun)."
        )
    if providers and "suppressed" in comparison:
        hidden = int(comparison["suppressed"].sum())
        if hidden:
            text += " " + t(
                '{hidden} yrken jämförs inte ("dold"): deras siffra i någon av omgångarna '
                "skulle lämna dolda siffror utanför, eller räkna med en kommun som bara "
                "deltog i en av dem.",
                hidden=hidden,
            )
    return text


def trend_caption(trend: pd.DataFrame, horizon_text: str) -> str:
    municipalities = int(trend["municipalities"].iloc[0]) if len(trend) else 0
    text = t(
        "Rekryteringsbehov ({horizon}) i de {n} kommuner som svarade i alla valda omgångar; "
        "en kommun som inte deltog i någon av dem är utelämnad i alla, aldrig en minskning.",
        horizon=horizon_text,
        n=fmt.number(municipalities),
    )
    if trend["recruits"].isna().any():
        text += " " + t(
            'En omgång vars siffra skulle lämna dolda siffror utanför visas inte ("dold").'
        )
    return text
