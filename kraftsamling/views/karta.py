"""What the map page says in words: key figures for a municipality or the region, source
notes and the table under the map. Plain functions of query results, so tests can check them."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from kraftsamling import fmt, privacy
from kraftsamling.i18n import t
from kraftsamling.metrics import CHANGE_METRICS, Metric, horizon_label


@dataclass(frozen=True)
class KeyFigures:
    title: str
    subtitle: str
    rows: list[tuple[str, str, str]]  # label, formatted value, help text


LEFT_OUT = (  # shown through t(LEFT_OUT, count=...)
    "Summorna räknar inte med {count} vars siffror är dolda för att skydda enskilda svar: en "
    "dold siffra räknas bara med tillsammans med resten av sitt län eller sin "
    "samverkansgrupp, när hela den gruppen ingår i urvalet."
)


def shown(value, decimals: int = 0, n: int = 3) -> str:
    return privacy.label(n) if pd.isna(value) else fmt.number(value, decimals)


def key_figures(
    need_by_municipality: pd.DataFrame, totals: pd.DataFrame, kommunkod: str, n: int = 3
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
        year = int(need_by_municipality["population_20_64_year"].max())
        return KeyFigures(
            t("Hela urvalet"),
            t(
                "{municipalities} kommuner · {population} invånare 20–64 år ({year})",
                municipalities=int(total["municipalities"]),
                population=fmt.number(population),
                year=year,
            ),
            [
                (
                    t("Rekryteringsbehov"),
                    fmt.number(recruits),
                    t("Personer att rekrytera i vald horisont"),
                ),
                (
                    t("Per 1 000 invånare 20–64 år"),
                    shown(per_1000, 1, n),
                    t(
                        "Räknat på befolkningen i de kommuner som har svarande i omgången "
                        "({population} invånare 20–64 år)",
                        population=fmt.number(participating),
                    ),
                ),
                (t("Arbetsgivare med behov"), shown(total["employers"], 0, n), ""),
                (t("LIA-platser per år"), shown(total["lia_places"], 0, n), ""),
                (
                    t("Beviljade YH-utbildningar (distans)"),
                    f"{fmt.number(total['yh_granted'])} "
                    f"({fmt.number(total['yh_granted_distance'])})",
                    t("Beviljade ansökningar med studieort i regionen, räknade per studieort"),
                ),
            ],
        )
    row = need_by_municipality[need_by_municipality["kommunkod"] == kommunkod].iloc[0]
    subtitle = t(
        "{county} · kommunkod {kommunkod} · {population} invånare ({population_year}), "
        "varav {population_20_64} i åldern 20–64 år ({population_20_64_year})",
        county=row["county"],
        kommunkod=row["kommunkod"],
        population=fmt.number(row["population"]),
        population_year=row["population_year"],
        population_20_64=fmt.number(row["population_20_64"]),
        population_20_64_year=row["population_20_64_year"],
    )
    if not row["participated"]:
        subtitle += t(" · **deltog inte i omgången**")
    rank = need_by_municipality["recruits_per_1000"].rank(ascending=False, method="min")
    hidden = pd.isna(row["recruits"])
    rank_text = (
        ""
        if hidden
        else t(
            "Plats {rank} av {total} i regionen",
            rank=int(rank[row.name]),
            total=len(need_by_municipality),
        )
    )
    if hidden:
        subtitle += t(" · färre än {n} svarande bakom siffrorna: de visas inte", n=n)
    return KeyFigures(
        str(row["name"]),
        subtitle,
        [
            (
                t("Rekryteringsbehov"),
                shown(row["recruits"], 0, n),
                t("Personer att rekrytera i vald horisont"),
            ),
            (t("Per 1 000 invånare 20–64 år"), shown(row["recruits_per_1000"], 1, n), rank_text),
            (t("Arbetsgivare med behov"), shown(row["employers"], 0, n), ""),
            (t("LIA-platser per år"), shown(row["lia_places"], 0, n), ""),
            (
                t("Beviljade YH-utbildningar (distans)"),
                f"{fmt.number(row['yh_granted'])} ({fmt.number(row['yh_granted_distance'])})",
                t("Beviljade ansökningar 2018–2025 med studieort i kommunen"),
            ),
        ],
    )


def total_sentence(
    totals: pd.DataFrame, horizon: str, participants: int, selected: int, n: int = 3
) -> str:
    total = totals.iloc[0]
    text = t(
        "**Totalt i regionen:** {recruits} personer att rekrytera ({horizon}), {employers} "
        "arbetsgivare med behov, {lia_places} LIA-platser per år · {participants} av "
        "{selected} kommuner i urvalet har svarande i omgången.",
        recruits=shown(total["recruits"], 0, n),
        horizon=horizon_label(horizon).lower(),
        employers=shown(total["employers"], 0, n),
        lia_places=shown(total["lia_places"], 0, n),
        participants=participants,
        selected=selected,
    )
    return text + left_out_text(totals)


def left_out_text(totals: pd.DataFrame) -> str:
    """' Utan …' when the providers' totals leave hidden municipalities out (else '')."""
    left = totals["left_out"].iloc[0] if "left_out" in totals else 0
    if not left:
        return ""
    return " " + t(
        LEFT_OUT,
        count=t("{n} kommun", n=int(left)) if left == 1 else t("{n} kommuner", n=int(left)),
    )


def with_response_rate(need_by_municipality: pd.DataFrame, rates: pd.DataFrame) -> pd.DataFrame:
    """Administrators' map (issue 12): each municipality's response rate in per cent
    (queries/response_rate_by_municipality.sql: answered / invited) as `response_rate`; a
    municipality without an invitation list has none and is drawn grey (`participated`)."""
    rate = dict(zip(rates["kommunkod"], rates["response_rate"], strict=True))
    out = need_by_municipality.copy()
    out["response_rate"] = [
        None if pd.isna(rate.get(k)) else 100 * float(rate[k]) for k in out["kommunkod"]
    ]
    out["response_rate"] = out["response_rate"].astype("float64")
    out["participated"] = out["response_rate"].notna()
    if "suppressed" in out:  # the administrators' figures hide nothing
        out["suppressed"] = False
    return out


RATE_HIDDEN = (
    "för få för att visa: färre än {n} av de inbjudna svarade, eller färre än {n} "
    "lät bli"
)  # shown through t(RATE_HIDDEN, n=...)


def with_response_band(
    need_by_municipality: pd.DataFrame, responses: pd.DataFrame, n: int = 3
) -> pd.DataFrame:
    """The providers' map of the response rate (issue 12): each municipality's published band
    (queries/published_response.sql) as `response_rate`, the band's index (RESPONSE_BAND's
    fixed classes); grey where none is published: no invitation list, or too few answered or
    did not (`grey_reason`)."""
    from kraftsamling.metrics import RATE_BAND_LABELS

    kommun = responses[responses["scope_kind"] == "kommun"].set_index("scope")
    index = {band: i for i, band in enumerate(RATE_BAND_LABELS)}
    out = need_by_municipality.copy()
    band = out["kommunkod"].map(kommun["rate_band"])
    out["response_rate"] = band.map(index).astype("float64")
    listed = out["kommunkod"].map(kommun["listed"]).astype("boolean").fillna(False)
    out["participated"] = out["response_rate"].notna()
    out["grey_reason"] = [
        t(RATE_HIDDEN, n=n) if is_listed and pd.isna(rate) else None
        for is_listed, rate in zip(listed, out["response_rate"], strict=True)
    ]
    out["suppressed"] = False
    return out


def response_label(row, n: int = 3) -> str:
    """One published response rate in words: the rate ('62 %', a county or the region), the
    band ('50–74 %', a municipality), or why none is shown."""
    from kraftsamling.metrics import RATE_BAND_LABELS

    if not row["listed"]:
        return t("ingen lista över inbjudna")
    if not row["shown"]:
        return t(RATE_HIDDEN, n=n)
    if not pd.isna(row["response_rate"]):
        return f"{fmt.number(100 * row['response_rate'])} %"
    return t(RATE_BAND_LABELS[row["rate_band"]])


# what a municipality of the change map is (column `comparison`), worded through t()
COMPARISON_WORDS = {
    "båda": "kan jämföras",
    "deltog inte i tidigare": "deltog inte i {compared}",
    "deltog inte i senare": "deltog inte i {wave}",
    "deltog inte": "deltog inte i någon av omgångarna",
    "dold": "dold: för få svarande i {which}",
}
CHANGED = tuple(CHANGE_METRICS)  # the figures the change map differences


def change_figures(
    before: pd.DataFrame, after: pd.DataFrame, compared: str, wave: str
) -> pd.DataFrame:
    """The change map's rows (issue 12): `after`'s rows with `recruits` and
    `recruits_per_1000` replaced by the change since `before` (`*_before`, `*_after` keep the
    two figures), only where the municipality can be compared: it took part in both waves
    and its figure is shown in both (the providers' figures, kraftsamling.privacy.view, read
    missing and `suppressed` where hidden; a hidden figure is never differenced). Others get no
    figure, `participated` False (grey) and `grey_reason` for the hover: "deltog inte i …"
    (never a fall) or "dold". `comparison`: 'båda', 'deltog inte i tidigare', 'deltog inte i
    senare', 'deltog inte' or 'dold'. `compared` and `wave` are the two waves' labels."""
    old = before.set_index("kommunkod")
    out = after.reset_index(drop=True).copy()
    codes = out["kommunkod"]

    def flag(frame: pd.DataFrame, column: str, index) -> pd.Series:
        if column not in frame:
            return pd.Series(False, index=index)
        return (
            pd.Series(
                frame[column].astype("boolean").fillna(False).to_numpy(dtype=bool),
                index=frame.index,
            )
            .reindex(index)
            .fillna(False)
            .astype(bool)
        )

    took_a = pd.Series(flag(old, "participated", codes).to_numpy(), index=out.index)
    took_b = flag(out, "participated", out.index)
    hidden_a = pd.Series(flag(old, "suppressed", codes).to_numpy(), index=out.index)
    hidden_b = flag(out, "suppressed", out.index)
    comparable = took_a & took_b & ~hidden_a & ~hidden_b
    status = pd.Series("båda", index=out.index, dtype=object)
    status[took_a & took_b & (hidden_a | hidden_b)] = "dold"
    status[~took_a & took_b] = "deltog inte i tidigare"
    status[took_a & ~took_b] = "deltog inte i senare"
    status[~took_a & ~took_b] = "deltog inte"
    for column in CHANGED:
        new = pd.to_numeric(out[column], errors="coerce").astype("float64")
        previous = pd.to_numeric(codes.map(old[column]), errors="coerce").astype("float64")
        out[f"{column}_before"] = previous.where(comparable)
        out[f"{column}_after"] = new.where(comparable)
        out[column] = (new - previous).where(comparable)
    which = [
        compared if a and not b else wave if b and not a else t("{a} och {b}", a=compared, b=wave)
        for a, b in zip(hidden_a, hidden_b, strict=True)
    ]
    out["comparison"] = status.to_numpy()
    out["grey_reason"] = [
        None if s == "båda" else t(COMPARISON_WORDS[s], compared=compared, wave=wave, which=w)
        for s, w in zip(status, which, strict=True)
    ]
    out["participated"] = comparable.to_numpy()
    out["suppressed"] = False  # nothing hidden is drawn: not comparable is grey, with its reason
    if "hidden" in out:
        out["hidden"] = None
    return out


def change_counts(changed: pd.DataFrame) -> dict[str, int]:
    """How many of the selection's municipalities are in each `comparison` state."""
    inside = changed[changed["selected"]] if "selected" in changed else changed
    counts = inside["comparison"].value_counts()
    return {state: int(counts.get(state, 0)) for state in COMPARISON_WORDS}


def change_sentence(changed: pd.DataFrame, horizon: str) -> str:
    """Under the change map: the total change over the comparable municipalities and why the
    others are grey."""
    counts = change_counts(changed)
    inside = changed[changed["selected"]] if "selected" in changed else changed
    comparable = inside[inside["comparison"] == "båda"]
    return t(
        "**Förändring ({horizon}):** {before} → {after} personer i de {both} kommuner som kan "
        "jämföras. {one} deltog bara i en av omgångarna och {hidden} är dolda i någon av dem: "
        "de är grå, aldrig en minskning.",
        horizon=horizon_label(horizon).lower(),
        before=fmt.number(comparable["recruits_before"].sum()),
        after=fmt.number(comparable["recruits_after"].sum()),
        both=counts["båda"],
        one=counts["deltog inte i tidigare"] + counts["deltog inte i senare"],
        hidden=counts["dold"],
    )


def source_text(
    metric: Metric, wave: dict | None, horizon: str, sources: pd.Series, compared: str = ""
) -> str:
    return t(
        metric.source,
        wave=wave["label"] if wave else t("ingen omgång"),
        compared=compared,
        horizon=horizon_label(horizon).lower(),
        pop20_year=int(sources["population_20_64_year"]),
        myh=f"{int(sources['myh_first_round'])}–{int(sources['myh_last_round'])}",
        n=privacy.min_respondents(),
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


def table(need_by_municipality: pd.DataFrame, n: int | None = None) -> pd.DataFrame:
    """The table under the map; column names in the current language (TABLE_COLUMNS via t).
    In the providers' view (`n`, figures with `hidden`) a hidden figure reads '<3' or 'dold'."""
    out = need_by_municipality[list(TABLE_COLUMNS)].rename(
        columns={k: t(v) for k, v in TABLE_COLUMNS.items()}
    )
    per_1000 = t(TABLE_COLUMNS["recruits_per_1000"])
    out[per_1000] = out[per_1000].round(1)
    if n is not None and "hidden" in need_by_municipality:
        from kraftsamling.privacy import view

        columns = [t(TABLE_COLUMNS[c]) for c in view.SURVEY_FIGURES if c in TABLE_COLUMNS]
        out = view.with_reasons(
            out.assign(hidden=need_by_municipality["hidden"].to_numpy()), columns, n
        )
        out = out.drop(columns="hidden")
    return out
