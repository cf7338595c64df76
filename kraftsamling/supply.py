"""What already exists beside a candidate: YH supply, MYH's approval rate and graduates' outcomes.

MYH compares applications within an education area and weighs them against what is already
granted. So beside every candidate the finder shows, from public data only (no survey answer,
so the providers' view shows the same):

- **Existing supply** in the newest `SUPPLY_ROUNDS` (3) application rounds, for the
  candidate's MYH education area and — for an occupation, once programmes are matched to
  occupations — for the occupation itself, split three ways: programmes granted with a study
  location in the pool; distance programmes granted anywhere in Sweden, which students in the
  pool can take (a distance programme located in the pool counts in both); and every programme
  granted nationally. Each with its granted places in the first intake (MYH gives them from
  2021). Three rounds because a programme is granted for up to five intakes: what was granted
  in the last three rounds is what is running or starting now; older grants are mostly done.
- **The area's approval rate** per round, 2018–2025: granted / applied applications.
- **Graduates' outcomes** (SCB, `yh_graduate_outcome`): for the area, the newest follow-up
  year's share of graduates in work within 6 months, and the share of those in work whose job
  matches the programme wholly or mostly, each with SCB's 95 % margin of error.

`run(name, **params)` is a named-query runner (kraftsamling.ui.query on a page,
`functools.partial(queries.run, con)` elsewhere). Occupation-level supply takes the match of
programmes to occupations as a frame (`ssyk4`, `diarienummer`: one row per matched
application), so whichever rule matches them (programme names to occupation titles) feeds
`occupation_supply` unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import pandas as pd

from kraftsamling import fmt
from kraftsamling.i18n import t

Run = Callable[..., pd.DataFrame]
SUPPLY_ROUNDS = 3  # the newest application rounds counted as existing supply (see above)
TOTAL = "Totalt"  # SCB's row for all graduates


def area_supply(run: Run, kommunkoder: Sequence[str], rounds: int = SUPPLY_ROUNDS) -> pd.DataFrame:
    """Per MYH education area: granted programmes (and places per intake) with a study
    location in the pool, at a distance anywhere, and nationally (queries/yh_area_supply.sql)."""
    return run("yh_area_supply", kommunkoder=list(kommunkoder), rounds=rounds)


def occupation_supply(
    run: Run, matches: pd.DataFrame, kommunkoder: Sequence[str], rounds: int = SUPPLY_ROUNDS
) -> pd.DataFrame:
    """The same three figures per occupation, over the programmes `matches` links to it
    (columns `ssyk4`, `diarienummer`; one row per matched application, any round: only the
    granted ones in the newest `rounds` count). An occupation in `matches` with no granted
    programme in those rounds has zeros; one not in `matches` has no row."""
    pairs = matches[["ssyk4", "diarienummer"]].drop_duplicates()
    return run(
        "yh_occupation_supply",
        ssyk4s=[str(s) for s in pairs["ssyk4"]],
        diarienummer=[str(d) for d in pairs["diarienummer"]],
        kommunkoder=list(kommunkoder),
        rounds=rounds,
    )


def approval_rates(run: Run) -> pd.DataFrame:
    """Per education area and round 2018–2025: applied, granted, approval_rate (0–1)."""
    return run("yh_approval_by_area")


def outcomes(run: Run) -> pd.DataFrame:
    """Per education area (and 'Totalt'), the newest year's graduates' outcomes (SCB)."""
    return run("yh_graduate_outcomes")


# ------------------------------------------------------------------ in words and tables
def _percent(value) -> str:
    return "–" if pd.isna(value) else t("{share} %", share=fmt.number(int(value)))


def _with_margin(value, margin) -> str:
    if pd.isna(value):
        return "–"
    if pd.isna(margin):
        return _percent(value)
    return t("{share} ± {margin} %", share=fmt.number(int(value)), margin=fmt.number(int(margin)))


def _row(frame: pd.DataFrame, column: str, key) -> pd.Series | None:
    rows = frame[frame[column] == key]
    return None if rows.empty else rows.iloc[0]


def _first_rows(frame: pd.DataFrame, column: str) -> dict:
    """Each value of `column` with the first row that has it (as `_row` finds it)."""
    first = frame.drop_duplicates(column)
    return dict(zip(first[column], first.to_dict("records"), strict=True))


def _look_up(rows: dict, key) -> dict | None:
    return None if key is None or (not isinstance(key, str) and pd.isna(key)) else rows.get(key)


def counts_text(row: pd.Series | dict | None) -> str:
    """'4 · 12 · 57': in the pool · at a distance anywhere · nationally."""
    if row is None:
        return "–"
    return " · ".join(
        fmt.number(int(row[c]))
        for c in ("pool_programmes", "distance_programmes", "national_programmes")
    )


def rounds_label(supply: pd.DataFrame) -> str:
    """'2023–2025', the rounds a supply frame counts."""
    if supply.empty:
        return "–"
    return f"{int(supply['first_round'].iloc[0])}–{int(supply['last_round'].iloc[0])}"


def newest_rate(approval: pd.DataFrame, area: str | None) -> pd.Series | None:
    """The area's newest round with an application (round, applied, granted, approval_rate)."""
    rows = approval[(approval["education_area"] == area) & (approval["applied"] > 0)]
    return None if rows.empty else rows.sort_values("round").iloc[-1]


def beside_columns(
    area_figures: pd.DataFrame,
    occupation_figures: pd.DataFrame | None,
    approval: pd.DataFrame,
    outcome: pd.DataFrame,
) -> dict[str, str]:
    """The headers of the columns `beside` adds, in the current language."""
    rounds = rounds_label(area_figures)
    last = approval["round"].max() if len(approval) else None
    work_year = outcome["in_work_year"].max() if len(outcome) else None
    match_year = outcome["matching_year"].max() if len(outcome) else None
    columns = {
        "area": t("YH i området {rounds} (i gruppen · distans · i landet)", rounds=rounds),
        "rate": t("Beviljandegrad i området {round}", round=last),
        "work": t("I arbete inom 6 mån ({year})", year=work_year),
        "match": t("Arbete som stämmer med utbildningen ({year})", year=match_year),
    }
    if occupation_figures is not None:
        columns = {
            "occupation": t(
                "YH för yrket {rounds} (i gruppen · distans · i landet)", rounds=rounds
            ),
            **columns,
        }
    return columns


def beside(
    candidates: Iterable,
    area_figures: pd.DataFrame,
    approval: pd.DataFrame,
    outcome: pd.DataFrame,
    occupation_figures: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per candidate (anything with `candidate_id` and `education_area`, in the order
    given) with the supply, the area's newest approval rate and the graduates' outcomes, as
    text in the current language: the columns to show beside the finder's table. With
    `occupation_figures` (occupation_supply), occupations ('yrke:SSYK4') get their own supply
    too; clusters and groups read '–' there."""
    headers = beside_columns(area_figures, occupation_figures, approval, outcome)
    # one look-up per frame instead of filtering it once per candidate (issue 15: the finder
    # runs this on every rerun, for some hundred candidates)
    rates = _first_rows(
        approval[approval["applied"] > 0].sort_values("round", kind="stable").iloc[::-1],
        "education_area",
    )  # the newest round with an application, as newest_rate
    results = _first_rows(outcome, "education_area")
    areas = _first_rows(area_figures, "education_area")
    occupations = {} if occupation_figures is None else _first_rows(occupation_figures, "ssyk4")
    rows = []
    for a in candidates:
        area = a.education_area
        rate = _look_up(rates, area)
        result = _look_up(results, area)
        row = {}
        if occupation_figures is not None:
            ssyk4 = a.candidate_id.split(":", 1)[1] if a.candidate_id.startswith("yrke:") else None
            row[headers["occupation"]] = counts_text(_look_up(occupations, ssyk4))
        row[headers["area"]] = counts_text(_look_up(areas, area))
        row[headers["rate"]] = (
            "–"
            if rate is None
            else t(
                "{share} % ({granted} av {applied})",
                share=fmt.number(100 * rate["approval_rate"]),
                granted=fmt.number(int(rate["granted"])),
                applied=fmt.number(int(rate["applied"])),
            )
        )
        row[headers["work"]] = (
            "–"
            if result is None
            else _with_margin(result["in_work_6m_pct"], result["in_work_6m_margin_pct"])
        )
        row[headers["match"]] = (
            "–"
            if result is None
            else _with_margin(result["matching_job_pct"], result["matching_job_margin_pct"])
        )
        rows.append(row)
    return pd.DataFrame(rows, columns=list(headers.values()))


def join_beside(table: pd.DataFrame, columns: pd.DataFrame) -> pd.DataFrame:
    """The finder's table (one row per candidate, in the order `beside` was given them) with
    the supply columns added on the right."""
    if len(table) != len(columns):
        raise ValueError("join_beside: one row of supply per candidate row")
    return pd.concat([table.reset_index(drop=True), columns.reset_index(drop=True)], axis=1)


def approval_table(approval: pd.DataFrame, area: str | None) -> pd.DataFrame:
    """The area's applications, granted ones and approval rate per round, one column a round."""
    rows = approval[approval["education_area"] == area].sort_values("round")
    rates = [
        "–" if pd.isna(r) else t("{share} %", share=fmt.number(100 * r))
        for r in rows["approval_rate"]
    ]
    frame = pd.DataFrame(
        [
            [t("Sökta"), *(fmt.number(int(v)) for v in rows["applied"])],
            [t("Beviljade"), *(fmt.number(int(v)) for v in rows["granted"])],
            [t("Beviljandegrad"), *rates],
        ],
        columns=[t("Ansökningsomgång"), *(str(int(r)) for r in rows["round"])],
    )
    return frame


def supply_text(
    area: str | None,
    area_figures: pd.DataFrame,
    approval: pd.DataFrame,
    outcome: pd.DataFrame,
    occupation: pd.Series | None = None,
    label: str | None = None,
) -> str:
    """The supply, competition and outcomes beside one candidate, in words (current language).
    `occupation` is the candidate's row of occupation_supply, when programmes are matched."""
    if area is None:
        return t("Kandidaten har inget utbildningsområde; utbud och utfall kan inte visas.")
    rounds = rounds_label(area_figures)
    parts = []
    if occupation is not None:
        parts.append(
            t(
                "För {label} beviljades {rounds} {pool} YH-utbildningar med studieort i gruppen "
                "({pool_places} platser per antagning), {distance} på distans i hela landet "
                "({distance_places} platser) och {national} i hela landet ({national_places} "
                "platser).",
                label=label or "",
                rounds=rounds,
                **_counts(occupation),
            )
        )
    supply = _row(area_figures, "education_area", area)
    if supply is not None:
        parts.append(
            t(
                "I området {area} beviljades {rounds} {pool} YH-utbildningar med studieort i "
                "gruppen ({pool_places} platser per antagning), {distance} på distans i hela "
                "landet ({distance_places} platser) och {national} i hela landet "
                "({national_places} platser).",
                area=area,
                rounds=rounds,
                **_counts(supply),
            )
        )
    rows = approval[(approval["education_area"] == area) & (approval["applied"] > 0)]
    rate = newest_rate(approval, area)
    if rate is not None:
        parts.append(
            t(
                "MYH beviljade {share} % av områdets ansökningar {round} ({granted} av "
                "{applied}); {low}–{high} % per omgång {first}–{last}.",
                share=fmt.number(100 * rate["approval_rate"]),
                round=int(rate["round"]),
                granted=fmt.number(int(rate["granted"])),
                applied=fmt.number(int(rate["applied"])),
                low=fmt.number(100 * rows["approval_rate"].min()),
                high=fmt.number(100 * rows["approval_rate"].max()),
                first=int(rows["round"].min()),
                last=int(rows["round"].max()),
            )
        )
    result = _row(outcome, "education_area", area)
    if result is None or pd.isna(result["in_work_6m_pct"]):
        parts.append(t("SCB redovisar inga utfall för områdets examinerade."))
    else:
        parts.append(
            t(
                "Av dem som tog examen inom området och följdes upp {year} hade {work} arbete "
                "inom 6 månader (SCB, {graduates} examinerade).",
                year=int(result["in_work_year"]),
                work=_with_margin(result["in_work_6m_pct"], result["in_work_6m_margin_pct"]),
                graduates=fmt.number(int(result["graduates"])),
            )
        )
        if not pd.isna(result["matching_job_pct"]):
            parts.append(
                t(
                    "Av dem med arbete hade {match} ett arbete som helt eller till största "
                    "delen stämde med utbildningen ({year}).",
                    match=_with_margin(
                        result["matching_job_pct"], result["matching_job_margin_pct"]
                    ),
                    year=int(result["matching_year"]),
                )
            )
    return " ".join(parts)


def _counts(row: pd.Series) -> dict[str, str]:
    return {
        "pool": fmt.number(int(row["pool_programmes"])),
        "pool_places": fmt.number(int(row["pool_places"])),
        "distance": fmt.number(int(row["distance_programmes"])),
        "distance_places": fmt.number(int(row["distance_places"])),
        "national": fmt.number(int(row["national_programmes"])),
        "national_places": fmt.number(int(row["national_places"])),
    }


SOURCE_NOTE = (
    "Utbud: beviljade YH-utbildningar i MYH:s beslut {rounds} (i gruppen = studieort i "
    "gruppens kommuner; distans = distansutbildningar i hela landet, som gruppens invånare kan "
    "läsa; i landet = alla beviljade), platser i första antagningen. Beviljandegrad: beviljade "
    "av sökta ansökningar i området per omgång 2018–2025. Utfall: SCB:s uppföljning av "
    "examinerade från yrkeshögskolan (± 95 % felmarginal); arbete som stämmer = helt eller "
    "till största delen, av dem med arbete."
)


def source_note(area_figures: pd.DataFrame) -> str:
    return t(SOURCE_NOTE, rounds=rounds_label(area_figures))
