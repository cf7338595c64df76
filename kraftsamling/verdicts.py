"""The finder's verdicts without a browser (issue 10, part 7): `python -m kraftsamling assess`.

The same rows, rules and tables as the page Ansökningsunderlag (pages/ansokningsunderlag.py):
the candidates YH trains for are assessed (kraftsamling.assessment), each with the columns
the page's table shows (kraftsamling.views.ansokningsunderlag.results_table, and the supply
beside it from kraftsamling.supply), then the occupations outside YH with their path, as the
page's own section lists them. By default the administrators' figures; with `providers=True` exactly
what the providers' view shows: the published cells (kraftsamling.providers), small cells
without numbers. Upskilling (`kind='kompetensutveckling'`) is assessed with its own rules
(kraftsamling.upskilling) and never added to recruitment; the providers' view does not offer
it yet, so neither does the command.

`run(name, **params)` is a named-query runner, as in kraftsamling.privacy.view.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

import pandas as pd

from kraftsamling import assessment, privacy, upskilling
from kraftsamling import supply as yh_supply
from kraftsamling.i18n import t
from kraftsamling.privacy import view
from kraftsamling.selection import Selection
from kraftsamling.views import ansokningsunderlag

Run = Callable[..., pd.DataFrame]


def resolve(run: Run, selection: Selection) -> Selection:
    """The selection with its municipalities (queries/selection_municipalities.sql)."""
    rows = run("selection_municipalities", **selection.municipality_params())
    return replace(selection, kommunkoder=tuple(rows["kommunkod"]))


def region(run: Run, selection: Selection) -> list[str]:
    rows = run(
        "selection_municipalities",
        lan_koder=[],
        group_id=None,
        kommunkoder=[],
        year=selection.survey_year,
    )
    return list(rows["kommunkod"])


def _rows(run: Run, selection: Selection, level: str, yh_only: bool, published) -> pd.DataFrame:
    """The finder's rows as the page gets them (kraftsamling.ui.candidate_rows)."""
    if published is None:
        params = {**selection.need_params(), "yh_only": selection.yh_only or yh_only}
        return run("candidate_contributions", **params, level=level, group_ssyk4=[], group_label="")
    rows = view.candidate_rows(run, published, selection, level)
    return rows[rows["education_path"] == "yh"] if yh_only and level == "ssyk4" else rows


def recruitment(
    run: Run,
    selection: Selection,
    level: str,
    thresholds: assessment.Thresholds,
    providers_view: bool = False,
    n: int | None = None,
) -> pd.DataFrame:
    """One row per candidate, YH candidates first (ranked within their education area), then
    the occupations outside YH: every column of the page's table, and the candidate's kind,
    code and education path."""
    n = privacy.min_respondents() if n is None else n
    published, protect_below, hidden = None, None, set()
    if providers_view:
        published = view.load(run, selection.wave_id, selection.horizon)
        protect_below = n
        hidden = view.hidden_candidates(run, published, selection, level)
    pool = list(selection.kommunkoder)
    results = ansokningsunderlag.split_by_path(
        assessment.assess_all(_rows(run, selection, level, True, published), pool, thresholds)
    )[0]
    outside = ansokningsunderlag.split_by_path(
        assessment.assess_all(_rows(run, selection, "ssyk4", False, published), pool, thresholds)
    )[1]
    outside_hidden = (
        view.hidden_candidates(run, published, selection, "ssyk4") if providers_view else set()
    )
    if providers_view:  # the need per horizon as each horizon's publication shows it
        results = ansokningsunderlag.with_horizon_need(
            results, _horizon_need(run, selection, level)
        )
        outside = ansokningsunderlag.with_horizon_need(
            outside, _horizon_need(run, selection, "ssyk4")
        )
    table = page_table(run, selection, results, protect_below, hidden)
    extra = pd.DataFrame([_extra(a, protect_below, hidden) for a in results])
    table = pd.concat([extra, table.reset_index(drop=True)], axis=1)
    table[t("Studieorter och platser")] = locations(
        run, selection, level, results, thresholds, published, protect_below, hidden
    )
    outside_rows = pd.DataFrame(
        [
            {
                **_extra(a, protect_below, outside_hidden),
                **_outside(a, protect_below, outside_hidden),
            }
            for a in ansokningsunderlag.outside_order(outside, protect_below, outside_hidden)
        ]
    )
    return whole_numbers(pd.concat([table, outside_rows], ignore_index=True))


def _horizon_need(run: Run, selection: Selection, level: str) -> dict[str, tuple]:
    """views.ansokningsunderlag.published_horizon_need from the stored publications, as the
    page."""
    rows = {}
    for h in ("0-1", "1-3", "3-5"):
        chosen = replace(selection, horizon=h)
        rows[h] = view.candidate_rows(run, view.load(run, selection.wave_id, h), chosen, level)
    return ansokningsunderlag.published_horizon_need(rows)


def locations(
    run: Run,
    selection: Selection,
    level: str,
    results,
    thresholds,
    published,
    protect_below,
    hidden,
) -> list[str | None]:
    """The study locations with their places and LIA per location of each Motiverad candidate,
    as the page proposes them for the chosen candidate (kraftsamling.study_locations.propose,
    from the figures the view shows); None for any other candidate or one without numbers."""
    from kraftsamling import study_locations

    pool = list(selection.kommunkoder)
    if published is None:
        figures = run("municipality_figures", **selection.need_params(), education_areas=[])
    else:
        figures = view.municipalities(run, published, selection)
    names = dict(zip(figures["kommunkod"], figures["name"], strict=True))
    out: list[str | None] = []
    for a in results:
        if a.verdict != assessment.MOTIVATED or _protected(a, protect_below, hidden):
            out.append(None)
            continue
        rows = (
            a.contributions
            if published is None
            else view.contributions(run, published, selection, level, a.candidate_id)
        )
        proposal = study_locations.propose(
            rows, thresholds.class_size, thresholds.lia_per_student, pool=pool
        )
        out.append(study_locations.in_words(proposal, names) or None)
    return out


def whole_numbers(frame: pd.DataFrame) -> pd.DataFrame:
    """Counts stay whole numbers where missing values (hidden or not applicable) made them
    floating point."""
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if pd.api.types.is_float_dtype(values) and (values.dropna() % 1 == 0).all():
            out[column] = values.astype("Int64")
        elif values.dtype == object and values.dropna().map(type).isin([bool]).all():
            out[column] = values.astype("boolean")
    return out


def page_table(run: Run, selection: Selection, results, protect_below, hidden) -> pd.DataFrame:
    """The page's table (all candidates, `visa=alla`): ansokningsunderlag.results_table with the
    supply, approval rate and outcomes beside (kraftsamling.supply)."""
    pool = list(selection.kommunkoder)
    supply = run("yh_supply_by_area", kommunkoder=pool)
    table = ansokningsunderlag.results_table(results, supply, protect_below, hidden)
    beside = yh_supply.beside(
        results,
        yh_supply.area_supply(run, pool),
        yh_supply.approval_rates(run),
        yh_supply.outcomes(run),
        yh_supply.occupation_supply(run, run("yh_programme_matches"), pool),
    )
    return yh_supply.join_beside(table, beside)


def _protected(a, protect_below, hidden) -> bool:
    return ansokningsunderlag.is_protected(a, protect_below, hidden)


def _extra(a, protect_below, hidden) -> dict:
    """The command's columns before the page's: kind, code, path, and 'för litet ensam'."""
    protected = _protected(a, protect_below, hidden)
    kind, code = a.candidate_id.split(":", 1) if ":" in a.candidate_id else (a.candidate_id, "")
    return {
        t("Slag"): upskilling.RECRUITMENT,
        t("Nivå"): kind,
        t("Kod"): code,
        t("Utbildningsväg"): a.education_path or "",
        t("Krav"): a.criteria[0].required,  # the need required (the page's "för litet ensam")
        t("För litet ensam"): None if protected else a.too_small_alone,
        t("Kommuner som krävs (minst)"): None if protected else a.municipalities_needed,
    }


def _outside(a, protect_below, hidden) -> dict:
    """An occupation outside YH, in the page table's columns it has."""
    protected = _protected(a, protect_below, hidden)
    return {
        t("Utbildningsområde"): a.education_area,
        t("Kandidat"): a.label,
        t("Bedömning"): ansokningsunderlag.verdict(a),
        t("Skäl"): t("färre än {n} svarande: siffrorna visas inte", n=protect_below)
        if protected
        else a.reasons,
        t("Behov"): None if protected else a.recruits,
        t("Arbetsgivare"): None if protected else a.employers,
        t("LIA-platser"): None if protected else a.lia_places,
        t("Kommuner"): None if protected else a.municipalities,
        **ansokningsunderlag.intake_columns(a, protected=protected),
    }


def upskilling_table(
    run: Run, selection: Selection, level: str, thresholds: upskilling.UpskillingThresholds
) -> pd.DataFrame:
    """Upskilling candidates (administrators only), as the page's table with supply beside."""
    rows = run("upskilling_contributions", **selection.need_params(), level=level)
    if rows.empty:
        return pd.DataFrame()
    pool = list(selection.kommunkoder)
    courses = upskilling.assess_all(rows, pool, thresholds)
    table = yh_supply.join_beside(
        upskilling.results_table(courses),
        yh_supply.beside(
            courses,
            yh_supply.area_supply(run, pool),
            yh_supply.approval_rates(run),
            yh_supply.outcomes(run),
        ),
    )
    kinds = pd.DataFrame(
        [
            {
                t("Slag"): upskilling.KIND,
                t("Nivå"): a.candidate_id.split(":")[0],
                t("Kod"): a.candidate_id.split(":", 1)[1],
                t("Utbildningsväg"): a.education_path or "",
            }
            for a in courses
        ]
    )
    return pd.concat([kinds, table], axis=1)


def counts(table: pd.DataFrame) -> dict[str, int]:
    """How many candidates have each verdict (in the table's language)."""
    verdicts = table[t("Bedömning")] if len(table) else pd.Series(dtype=str)
    return {
        v: int((verdicts == t(v)).sum())
        for v in (assessment.MOTIVATED, assessment.NEAR, assessment.NOT_MOTIVATED)
    }


def parse_codes(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in (value or "").split(",") if v.strip())


def selection_from(
    wave_id: str,
    lan: Sequence[str],
    grupp: str | None,
    kommuner: Sequence[str],
    horisont: str,
    scheme: str = "field",
) -> Selection:
    return Selection(
        wave_id=wave_id,
        horizon=horisont,
        lan_koder=tuple(lan),
        group_id=grupp or None,
        chosen_kommunkoder=tuple(kommuner),
        scheme=scheme,
    )
