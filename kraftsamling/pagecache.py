"""The pages' tables and figures made once per process and shared read-only by every session
(issue 15): Streamlit glue (it reads through kraftsamling.ui), the words are the views'.

Ansökningsunderlag for recruitment: every figure and table above the chosen candidate, made
once per process for the same filters, thresholds, view, database file and language; the chosen
candidate, its study locations and its auto-pool likewise. Yrkeskluster: its tables and figures
per selection (`ClusterPage`).

A cached rerun of the page drew the same tables again from the same cached query results: the
ranking of every candidate, the supply beside each, the providers' protection per candidate,
the need per horizon of each. Here they are made once; a rerun that changes nothing (or only
the "Visa" choice) reads them back. Streamlit glue only: the texts and tables are those of
kraftsamling.views.ansokningsunderlag and kraftsamling.supply.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from kraftsamling import assessment, i18n, privacy, ui
from kraftsamling import supply as yh_supply
from kraftsamling.i18n import t
from kraftsamling.metrics import horizon_label
from kraftsamling.views import ansokningsunderlag, kluster


@dataclass(frozen=True)
class Finder:
    """What the recruitment finder shows above the chosen candidate, for one selection."""

    key: str  # what it was made for: the key of every cache made from it
    pool: list[str]
    protect_below: int | None  # the providers' view: figures from fewer respondents hidden
    results: list  # the YH candidates' assessments, ranked
    outside: list  # the occupations YH does not train for
    hidden: set[str]  # candidates the providers' view shows no figure of
    municipality_figures: pd.DataFrame
    names: dict[str, str]
    row_names: dict[str, str]  # names, and the providers' groups of hidden municipalities
    area_supply: pd.DataFrame
    approval: pd.DataFrame
    outcome: pd.DataFrame
    occupation_supply: pd.DataFrame
    summary: str  # "**N motiverade, …**"
    table: pd.DataFrame  # every candidate, with the supply beside
    promising: pd.DataFrame  # the same without "Ej motiverad"
    source: str  # the source line under the table
    pooled: pd.DataFrame  # "För litet ensam, tillräckligt tillsammans"
    outside_table: pd.DataFrame | None  # None when every need is in a YH occupation


def key(filters: ui.PageContext, level: str, group_ssyk4, group_label: str, thresholds) -> str:
    """One string for everything the finder's tables depend on: the database file, the view,
    the language, the shared filters (the resolved municipalities too), the candidates' level
    and group, and the thresholds."""
    _, version = ui._run_connection()
    selection = filters.selection
    return "|".join(
        [
            repr(version),
            "anordnare" if ui.providers_view() else "admin",
            i18n.current_language(),
            repr(selection),
            repr(tuple(selection.kommunkoder)),
            repr(tuple(filters.education_areas)),
            repr(tuple(filters.region_params["kommunkoder"])),
            level,
            repr(tuple(group_ssyk4)),
            group_label,
            repr(thresholds),
            str(privacy.min_respondents()),
        ]
    )


def finder_tables(
    filters: ui.PageContext, level: str, group_ssyk4: list[str], group_label: str, thresholds
) -> Finder:
    """The finder for this session's selection, made once per process per `key`."""
    made_for = key(filters, level, group_ssyk4, group_label, thresholds)
    return _shared(made_for, filters, level, tuple(group_ssyk4), group_label, thresholds)


@st.cache_resource(max_entries=16, show_spinner=False)
def _shared(made_for: str, _filters, _level, _group, _label, _thresholds) -> Finder:
    return build(made_for, _filters, _level, list(_group), _label, _thresholds)


def clear() -> None:
    """Forget every finder made in this process (the benchmark's rerun with nothing cached)."""
    _shared.clear()
    _made.clear()


def build(
    made_for: str,
    filters: ui.PageContext,
    level: str,
    group_ssyk4: list[str],
    group_label: str,
    thresholds,
) -> Finder:
    """The finder's tables, as the page showed them when it made them on every rerun."""
    selection = filters.selection
    pool = list(selection.kommunkoder)
    n = privacy.min_respondents()
    protect_below = n if ui.providers_view() else None
    # issue 10, part 4: existing supply, MYH's approval rate and graduates' outcomes (public
    # data, the same in both views); part 2: the programmes linked to each occupation by name
    area_supply = yh_supply.area_supply(ui.query, pool)
    approval = yh_supply.approval_rates(ui.query)
    outcome = yh_supply.outcomes(ui.query)
    occupation_supply = yh_supply.occupation_supply(
        ui.query, ui.query("yh_programme_matches"), pool
    )
    # issue 10, part 1: the finder assesses what YH trains for; the needs in other occupations
    # get their own section (shown last, or alone when no YH candidate is left)
    outside = ansokningsunderlag.split_by_path(
        ui.assessments(ui.candidate_rows(filters, "ssyk4", [], ""), tuple(pool), thresholds)
    )[1]
    outside_table = None
    if outside:
        outside_table = ansokningsunderlag.outside_yh_table(
            outside,
            ui.query("education_paths"),
            protect_below,
            ui.hidden_candidates(filters, "ssyk4"),
        )
    contributions = ui.candidate_rows(filters, level, group_ssyk4, group_label, yh_only=True)
    results = (
        ansokningsunderlag.split_by_path(ui.assessments(contributions, tuple(pool), thresholds))[0]
        if not contributions.empty
        else []
    )
    results = ui.with_horizon_need(filters, level, results)  # providers: each horizon's figures
    empty = pd.DataFrame()
    if not results:
        return Finder(
            key=made_for,
            pool=pool,
            protect_below=protect_below,
            results=[],
            outside=outside,
            hidden=set(),
            municipality_figures=empty,
            names={},
            row_names={},
            area_supply=area_supply,
            approval=approval,
            outcome=outcome,
            occupation_supply=occupation_supply,
            summary="",
            table=empty,
            promising=empty,
            source="",
            pooled=empty,
            outside_table=outside_table,
        )
    supply = ui.query("yh_supply_by_area", kommunkoder=pool)
    municipality_figures = ui.municipality_base(filters)
    names = dict(zip(municipality_figures["kommunkod"], municipality_figures["name"], strict=True))
    row_names = {**names, **ui.group_names(filters, level)}  # groups of hidden municipalities
    verdicts = [a.verdict for a in results]
    summary = t(
        "**{motivated} motiverade, {near} nära och {not_motivated} ej motiverade** av {total} "
        "kandidater i {municipalities} kommuner ({horizon}).",
        motivated=verdicts.count(assessment.MOTIVATED),
        near=verdicts.count(assessment.NEAR),
        not_motivated=verdicts.count(assessment.NOT_MOTIVATED),
        total=len(results),
        municipalities=len(pool),
        horizon=horizon_label(filters.horizon).lower(),
    )
    hidden = ui.hidden_candidates(filters, level)
    table = ansokningsunderlag.results_table(results, supply, protect_below, hidden)
    # issue 10, part 4: the supply, approval rate and outcomes beside every candidate
    table = yh_supply.join_beside(
        table, yh_supply.beside(results, area_supply, approval, outcome, occupation_supply)
    )
    promising = table[table[t("Bedömning")] != t(assessment.NOT_MOTIVATED)]
    source = t(
        "Kandidaterna rangordnas inom MYH:s utbildningsområden efter hur väl behovet överstiger "
        "kravet. YH i området: beviljade utbildningar {rounds} med studieort i gruppens kommuner "
        "(varav distans); källa Myndigheten för yrkeshögskolan. Koppling yrke → "
        "utbildningsområde: Kraftsamlings egen, där MYH:s beslut 2018–2025 placerar utbildningar "
        "som leder till yrket. Behov: kompetenskartläggningen, {wave}.",
        rounds=supply["rounds"].iloc[0],
        wave=ui.wave_label(filters.wave),
    )
    pooled = ansokningsunderlag.only_pooled(results, row_names, protect_below, hidden)
    return Finder(
        made_for,
        pool,
        protect_below,
        results,
        outside,
        hidden,
        municipality_figures,
        names,
        row_names,
        area_supply,
        approval,
        outcome,
        occupation_supply,
        summary,
        table,
        promising,
        source,
        pooled,
        outside_table,
    )


# ------------------------------------------------------------------ the chosen candidate
@dataclass(frozen=True)
class Chosen:
    """What the finder shows of one candidate: its sentence, map and municipalities, where its
    students could study, and its supply."""

    key: str  # the finder's key and the candidate: what its tables are shared as
    assessment: object  # kraftsamling.assessment.Assessment
    too_few: bool  # the providers' view shows none of its figures
    sentence: str
    rows: pd.DataFrame | None  # its municipalities as this view may show them
    figure: object | None  # its map
    table: pd.DataFrame | None  # its municipalities' table
    with_need: list[str]  # the municipalities with a need: the study locations to choose from
    supply_text: str
    approval_table: pd.DataFrame | None


def _once(found: Finder, what: str, build, *args):
    """`build(*args)` once per process for the finder `found` and `what` (which names every
    other input), shared read-only by every session."""
    return _made(f"{found.key}|{what}", build, args)


@st.cache_resource(max_entries=64, show_spinner=False)
def _made(key: str, _build, _args: tuple):
    return _build(*_args)


def chosen(found: Finder, filters: ui.PageContext, level: str, candidate_id: str) -> Chosen:
    """One candidate of `found.results` as the finder shows it, made once per process."""
    return _once(
        found, f"kandidat|{candidate_id}", _build_chosen, found, filters, level, candidate_id
    )


def _build_chosen(found: Finder, filters: ui.PageContext, level: str, candidate_id: str) -> Chosen:
    from kraftsamling import charts

    a = next(r for r in found.results if r.candidate_id == candidate_id)
    n = privacy.min_respondents()
    too_few = found.protect_below is not None and (
        ansokningsunderlag.contributors(a) < n or a.candidate_id in found.hidden
    )
    area = a.education_area
    supply_text = yh_supply.supply_text(
        area,
        found.area_supply,
        found.approval,
        found.outcome,
        ansokningsunderlag.occupation_row(a, found.occupation_supply),
        a.label,
    )
    approval_table = yh_supply.approval_table(found.approval, area) if area else None
    if too_few:
        sentence = f"**{a.label}: {ansokningsunderlag.verdict(a)}.**"
        return Chosen(
            f"{found.key}|{candidate_id}",
            a,
            True,
            sentence,
            None,
            None,
            None,
            [],
            supply_text,
            approval_table,
        )
    rows = ui.candidate_contributions(filters, level, a)
    figure = charts.contribution_map(
        found.municipality_figures, rows, found.pool, t("Behov: {label}", label=a.label)
    )
    return Chosen(
        f"{found.key}|{candidate_id}",
        a,
        False,
        ansokningsunderlag.verdict_sentence(a, found.row_names, found.protect_below),
        rows,
        figure,
        ansokningsunderlag.contributions_table(a, found.row_names, rows, n),
        list(rows[rows["recruits"].fillna(0) > 0]["kommunkod"]),
        supply_text,
        approval_table,
    )


def proposal(found: Finder, chosen: Chosen, picks: list[str], thresholds):
    """kraftsamling.study_locations.propose for the chosen candidate and the user's picks."""
    from kraftsamling import study_locations as locations

    return _once(
        found,
        f"orter|{chosen.assessment.candidate_id}|{tuple(picks)!r}",
        locations.propose,
        chosen.rows,
        thresholds.class_size,
        thresholds.lia_per_student,
        list(picks),
        found.pool,
    )


@dataclass(frozen=True)
class AutoGroup:
    """The auto-pool around a home municipality for the chosen candidate."""

    result: object  # kraftsamling.autopool's result
    rows: pd.DataFrame | None  # the group's municipalities as this view may show them
    figure: object | None
    locations: object | None  # the group's study locations (study_locations.propose)


def auto_group(
    found: Finder,
    filters: ui.PageContext,
    level: str,
    group_ssyk4: list[str],
    group_label: str,
    chosen: Chosen,
    home: str,
    thresholds,
) -> AutoGroup:
    """The smallest connected group around `home` that justifies the chosen candidate
    (ui.auto_pool), with its map and study locations, made once per process."""
    a = chosen.assessment
    return _once(
        found,
        f"hem|{a.candidate_id}|{home}",
        _build_auto_group,
        found,
        filters,
        level,
        group_ssyk4,
        group_label,
        a,
        home,
        thresholds,
    )


def _build_auto_group(
    found: Finder, filters, level, group_ssyk4, group_label, a, home, thresholds
) -> AutoGroup:
    from kraftsamling import charts
    from kraftsamling import study_locations as locations

    region = ui.region_candidate_rows(filters, level, group_ssyk4, group_label, yh_only=True)
    rows = region[region["candidate_id"] == a.candidate_id]
    auto = ui.auto_pool(home, (a.candidate_id, a.label, a.education_area), rows, thresholds)
    if not auto.found:
        return AutoGroup(auto, None, None, None)
    n = privacy.min_respondents()
    shown = (
        ansokningsunderlag.protected_contributions(auto.assessment, n)
        if found.protect_below
        else auto.assessment.contributions
    )
    figure = charts.contribution_map(
        found.municipality_figures,
        shown,
        auto.pool,
        t("Behov: {label}", label=a.label),
        highlight=home,
    )
    group_locations = locations.propose(
        shown, thresholds.class_size, thresholds.lia_per_student, pool=auto.pool
    )
    return AutoGroup(auto, shown, figure, group_locations)


# ------------------------------------------------------------------ Yrkeskluster


@dataclass(frozen=True)
class ClusterPage:
    """What Yrkeskluster shows for one selection, made once per process (ui.shared)."""

    key: str
    clusters: pd.DataFrame
    occupations: pd.DataFrame
    note: str  # the source line under each figure
    partial: str  # PARTIAL_NOTE or ''
    bars: object | None  # the figures (None when the selection has no need)
    supply_table: pd.DataFrame | None
    supply_caption: str
    treemap: object | None
    top: pd.DataFrame | None


def build_page(key: str, filters: ui.PageContext) -> ClusterPage:
    """The cluster page's tables and figures for the session's selection (Streamlit glue:
    reads through kraftsamling.ui; the heat map, which has a control of its own, is apart)."""
    from kraftsamling import charts

    clusters, occupations = ui.cluster_figures(filters)
    n = privacy.min_respondents()
    supply = ui.query("yh_supply_by_area", kommunkoder=filters.params["kommunkoder"])
    sources = ui.query("sources").iloc[0]
    note = kluster.source_text(filters.wave, filters.horizon, sources)
    if clusters.empty:
        return ClusterPage(key, clusters, occupations, note, "", None, None, "", None, None)
    return ClusterPage(
        key,
        clusters,
        occupations,
        note,
        kluster.partial_note(clusters, occupations),
        charts.cluster_bars(clusters, hidden=privacy.label(n)),
        kluster.with_supply(clusters, supply),
        t(kluster.SUPPLY_NOTE, rounds=supply["rounds"].iloc[0]),
        charts.occupation_treemap(occupations, clusters),
        kluster.top_occupations(occupations, paths=ui.query("education_paths")),
    )


def build_heatmap(filters: ui.PageContext, per_1000: str):
    """The municipality × cluster heat map in `per_1000` ('recruits' or 'recruits_per_1000')."""
    from kraftsamling import charts

    matrix = ui.municipality_cluster_matrix(filters)
    return charts.cluster_heatmap(matrix, per_1000, privacy.label(privacy.min_respondents()))


# ------------------------------------------------------------------ Över tid


@dataclass(frozen=True)
class OverTime:
    """What Över tid shows for one selection and compared wave, made once per process
    (ui.shared): a cached rerun drew its four tables, the formatted reasons and the bar
    chart's data again from the same cached results, 5–7× the app shell at national scale
    (issue 15)."""

    key: str
    waves: pd.DataFrame  # the waves' table
    responses: pd.DataFrame | None  # the shown wave's response rates (the providers' view)
    comparison_caption: str
    municipalities: pd.DataFrame | None  # the change per municipality (None: one wave only)
    occupation_caption: str
    occupations: pd.DataFrame | None
    trend_caption: str
    trend: pd.Series | None  # the need per wave, for the bars
    earlier: str | None = None  # the two waves compared, older first (None: one wave only)
    later: str | None = None


def over_time(
    key: str, filters: ui.PageContext, labels: dict, compared: str | None, same: bool
) -> OverTime:
    """Över tid's tables for the session's selection (Streamlit glue: reads through
    kraftsamling.ui; the words are kraftsamling.views.over_tid's)."""
    return ui.shared(key, _build_over_time, key, filters, labels, compared, same)


def _build_over_time(
    key: str, filters: ui.PageContext, labels: dict, compared: str | None, same: bool
) -> OverTime:
    from kraftsamling.intake import waves as wave_rules
    from kraftsamling.metrics import horizon_label
    from kraftsamling.views import karta, over_tid

    providers = ui.providers_view()
    n = privacy.min_respondents()
    waves = ui.query("published_waves")
    if providers:
        waves = wave_rules.shown_to_providers(waves)
    responses = None
    if providers:
        by_wave = {w: ui.query("published_response", wave_id=w) for w in waves["wave_id"]}
        wave_table = over_tid.wave_list(waves, by_wave, n)
        if filters.wave_id in by_wave:
            responses = over_tid.response_table(by_wave[filters.wave_id], n)
    else:
        wave_table = over_tid.admin_wave_table(ui.query("waves"))
    if not compared:
        return OverTime(key, wave_table, responses, "", None, "", None, "", None)
    before, _ = ui.map_figures(ui.with_wave(filters, compared))
    after, _ = ui.map_figures(filters)
    changed = karta.change_figures(before, after, labels[compared], labels[filters.wave_id])
    order = list(waves["wave_id"])
    earlier, later = sorted([compared, filters.wave_id], key=order.index, reverse=True)
    if providers:
        by_occupation = ui.over_waves(filters, "wave_comparison", [earlier, later], "ssyk4")
    else:  # administrators may narrow it to the organisations that answered in both (samma=1)
        by_occupation = ui.query(
            "wave_comparison_by_occupation",
            wave_a=earlier,
            wave_b=later,
            horizons=filters.horizons,
            same_organisations=same,
            kommunkoder=filters.params["kommunkoder"],  # the sidebar's selection
        )
    oldest_first = order[::-1]
    if providers:
        trend = ui.over_waves(filters, "wave_trend", oldest_first)
    else:
        trend = ui.query(
            "wave_trend",
            wave_ids=oldest_first,
            horizons=filters.horizons,
            kommunkoder=filters.params["kommunkoder"],
        )
    bars = trend.assign(label=trend["wave_id"].map(labels)).set_index("label")["recruits"]
    return OverTime(
        key,
        wave_table,
        responses,
        over_tid.comparison_caption(changed),
        over_tid.municipality_table(changed),
        over_tid.occupation_caption(by_occupation, providers, same=same),
        over_tid.occupation_table(by_occupation, n, providers),
        over_tid.trend_caption(trend, horizon_label(filters.horizon).lower()),
        bars.astype("float64"),
        earlier,
        later,
    )
