"""Ansökningsunderlag: where pooled demand justifies a distance-education YH application."""

import streamlit as st

from kraftsamling import assessment, charts, privacy, ui, upskilling
from kraftsamling import study_locations as locations
from kraftsamling import supply as yh_supply
from kraftsamling.i18n import t
from kraftsamling.metrics import BOUNDARY_SOURCE, horizon_label
from kraftsamling.views import ansokningsunderlag

filters = ui.page_filters()
wave = filters["wave"]
selection = filters["selection"]
params = filters["params"]

st.title(t("Ansökningsunderlag"))
ui.selection_caption(filters)
st.caption(
    t(
        "Gruppen av kommuner är urvalet i sidopanelen (län, samverkansgrupp eller egna "
        "kommuner). Varje kandidat prövas mot kraven nedan; bedömningen och skälen bygger på "
        "samma siffror."
    )
)
help_texts = {key: t(text) for key, text in ansokningsunderlag.THRESHOLD_HELP.items()}

# --- issue 10, part 4: existing supply, MYH's approval rate and graduates' outcomes (public
# data, the same in both views), shown beside every candidate of either kind
area_supply = yh_supply.area_supply(ui.query, list(selection.kommunkoder))
approval = yh_supply.approval_rates(ui.query)
outcome = yh_supply.outcomes(ui.query)
# issue 10, part 2: the programmes linked to each occupation by name give its own supply
occupation_supply = yh_supply.occupation_supply(
    ui.query, ui.query("yh_programme_matches"), list(selection.kommunkoder)
)


def show_supply(candidate) -> None:
    """The supply, competition and outcomes of one candidate's education area (and, for an
    occupation, of the programmes that lead to it)."""
    area = candidate.education_area
    st.markdown(f"**{t('Befintligt utbud, konkurrens och utfall')}**")
    st.markdown(
        yh_supply.supply_text(
            area,
            area_supply,
            approval,
            outcome,
            ansokningsunderlag.occupation_row(candidate, occupation_supply),
            candidate.label,
        )
    )
    if area:
        ui.table(yh_supply.approval_table(approval, area))


# --- issue 10, part 6: the kind of candidate. Upskilling (a short YH course for staff already
# at work) is assessed on its own and never added to recruitment; the providers' view shows
# recruitment only until the providers' publication carries upskilling.
kinds = [upskilling.RECRUITMENT] if ui.providers_view() else list(upskilling.KINDS)
kind = ui.url_selectbox(
    t("Slag av kandidat"),
    "typ_kandidat",
    kinds,
    upskilling.RECRUITMENT,
    format_func=lambda v: t(upskilling.KINDS[v]),
)
if ui.providers_view():
    st.caption(
        t(
            "Kompetensutveckling (kurser för anställda) bedöms i administratörernas vy; "
            "leverantörsvyn visar den när publiceringen omfattar den."
        )
    )
if kind == upskilling.KIND:
    course_help = {key: t(text) for key, text in upskilling.THRESHOLD_HELP.items()}
    with st.expander(t("Krav för en kurs (ändra för att pröva andra antaganden)"), expanded=True):
        cols = st.columns(4)
        course_defaults = upskilling.UpskillingThresholds()
        course_thresholds = upskilling.UpskillingThresholds(
            course_size=int(
                ui.url_number(
                    t("Kursstorlek"),
                    "kurs",
                    course_defaults.course_size,
                    5,
                    100,
                    1,
                    container=cols[0],
                    help=course_help["course_size"],
                )
            ),
            unused_margin=ui.url_number(
                t("Marginal för outnyttjade platser (%)"),
                "kursmarginal",
                int(100 * course_defaults.unused_margin),
                0,
                100,
                5,
                container=cols[1],
                help=course_help["unused_margin"],
            )
            / 100,
            min_employers=int(
                ui.url_number(
                    t("Minsta antal arbetsgivare"),
                    "kursarbetsgivare",
                    course_defaults.min_employers,
                    1,
                    50,
                    1,
                    container=cols[2],
                    help=course_help["min_employers"],
                )
            ),
            min_municipalities=int(
                ui.url_number(
                    t("Minsta antal kommuner"),
                    "kurskommuner",
                    course_defaults.min_municipalities,
                    1,
                    44,
                    1,
                    container=cols[3],
                    help=course_help["min_municipalities"],
                )
            ),
        )
        st.caption(upskilling.thresholds_text(course_thresholds))
    course_level = ui.url_selectbox(
        t("Kandidater"),
        "niva",
        list(upskilling.LEVELS),
        "ssyk4",
        format_func=lambda v: t(ansokningsunderlag.LEVELS[v]),
    )
    course_rows = ui.query("upskilling_contributions", **params, level=course_level)
    if course_rows.empty:
        st.info(t("Inga anställda att kompetensutveckla i urvalet."))
        st.stop()
    course_pool = list(selection.kommunkoder)
    courses, university = upskilling.split_by_path(
        upskilling.assess_all(course_rows, course_pool, course_thresholds)
    )
    st.markdown(upskilling.summary_text(courses, len(course_pool)))
    if university:
        with st.expander(t("Kompetensutveckling som ges av högskolan, inte av YH")):
            st.caption(t(upskilling.OUTSIDE_NOTE))
            ui.table(upskilling.outside_table(university))
    if not courses:
        st.info(t("Inga kandidater för en YH-kurs i urvalet."))
        st.stop()
    st.caption(t("Tidshorisonten gäller bara rekryteringsbehovet, inte kompetensutvecklingen."))
    course_show = ui.url_selectbox(
        t("Visa"),
        "visa",
        ["lovande", "alla"],
        "lovande",
        format_func=lambda v: t("Motiverade och nära") if v == "lovande" else t("Alla kandidater"),
    )
    course_table = yh_supply.join_beside(
        upskilling.results_table(courses), yh_supply.beside(courses, area_supply, approval, outcome)
    )
    if course_show == "lovande":
        course_table = course_table[course_table[t("Bedömning")] != t(assessment.NOT_MOTIVATED)]
    ui.table(course_table, column_config={t("Skäl"): st.column_config.TextColumn(width="large")})
    ui.source_note(
        t(
            "Anställda att kompetensutveckla på distans: kompetenskartläggningen, {wave}. De "
            "räknas aldrig ihop med rekryteringsbehovet. {supply}",
            wave=ui.wave_label(wave),
            supply=yh_supply.source_note(area_supply),
        ),
        wave,
    )
    course_figures = ui.query(
        "municipality_figures", **params, education_areas=filters["education_areas"]
    )
    course_names = dict(zip(course_figures["kommunkod"], course_figures["name"], strict=True))
    st.subheader(t("För litet ensam, tillräckligt tillsammans"))
    course_pooled = upskilling.only_pooled(courses, course_names)
    if course_pooled.empty:
        st.caption(t("Ingen kandidat är motiverad bara tack vare att kommunerna går samman."))
    else:
        ui.table(course_pooled)
    st.subheader(t("En kandidat"))
    course_by_id = {a.candidate_id: a for a in courses}
    course_default = next(
        (a.candidate_id for a in courses if a.verdict != assessment.NOT_MOTIVATED),
        courses[0].candidate_id,
    )
    course_id = ui.url_selectbox(
        t("Kandidat"),
        "kandidat",
        list(course_by_id),
        course_default,
        format_func=lambda c: course_by_id[c].label,
    )
    course = course_by_id[course_id]
    st.markdown(upskilling.verdict_sentence(course))
    left, right = st.columns([3, 2])
    with left:
        ui.chart(
            charts.contribution_map(
                course_figures,
                upskilling.map_rows(course),
                course_pool,
                t("Att kompetensutveckla: {label}", label=course.label),
            ),
            zoom=True,
        )
        st.caption(t(BOUNDARY_SOURCE))
    with right:
        ui.table(upskilling.contributions_table(course, course_names))
    show_supply(course)
    ui.evidence_downloads(
        filters, course.candidate_id, course.label, course_thresholds, kind=upskilling.KIND
    )
    st.stop()
# --- end of issue 10, part 6

with st.expander(t("Krav (ändra för att pröva andra antaganden)"), expanded=True):
    cols = st.columns(5)
    defaults = assessment.Thresholds()
    thresholds = assessment.Thresholds(
        class_size=int(
            ui.url_number(
                t("Klasstorlek"),
                "klass",
                defaults.class_size,
                5,
                100,
                1,
                container=cols[0],
                help=help_texts["class_size"],
            )
        ),
        dropout_margin=ui.url_number(
            t("Marginal för avhopp (%)"),
            "marginal",
            int(100 * defaults.dropout_margin),
            0,
            100,
            5,
            container=cols[1],
            help=help_texts["dropout_margin"],
        )
        / 100,
        min_employers=int(
            ui.url_number(
                t("Minsta antal arbetsgivare"),
                "arbetsgivare",
                defaults.min_employers,
                1,
                50,
                1,
                container=cols[2],
                help=help_texts["min_employers"],
            )
        ),
        lia_per_student=ui.url_number(
            t("LIA-platser per studerande"),
            "lia",
            defaults.lia_per_student,
            0.0,
            3.0,
            0.1,
            container=cols[3],
            help=help_texts["lia_per_student"],
        ),
        min_municipalities=int(
            ui.url_number(
                t("Minsta antal kommuner"),
                "minkommuner",
                defaults.min_municipalities,
                1,
                44,
                1,
                container=cols[4],
                help=help_texts["min_municipalities"],
            )
        ),
    )
    st.caption(ansokningsunderlag.thresholds_text(thresholds))

level_cols = st.columns([2, 3])
levels = (
    list(ansokningsunderlag.LEVELS) if ui.is_admin() else list(ansokningsunderlag.PROVIDER_LEVELS)
)
level = ui.url_selectbox(
    t("Kandidater"),
    "niva",
    levels,
    "ssyk4",
    format_func=lambda v: t(ansokningsunderlag.LEVELS[v]),
    container=level_cols[0],
)
if not ui.is_admin():
    level_cols[1].caption(t(ansokningsunderlag.PROVIDER_LEVELS_NOTE))
options = ui.query("filter_options", wave_id=filters["wave_id"])
occupation_rows = options[options["kind"] == "yrke"]
occupations = dict(zip(occupation_rows["value"], occupation_rows["label"], strict=True))
group_ssyk4 = []
if level == "group":
    group_ssyk4 = ui.url_multiselect(
        t("Yrken i gruppen"),
        "gruppyrken",
        list(occupations),
        format_func=occupations.get,
        container=level_cols[1],
    )
group_label = t(
    "Egen yrkesgrupp: {occupations}",
    occupations=", ".join(occupations[s].split(" ", 1)[1] for s in group_ssyk4),
)
candidate_params = {
    **params,
    "level": level,
    "group_ssyk4": group_ssyk4,
    "group_label": group_label,
}

pool = list(selection.kommunkoder)
n = privacy.min_respondents()
protect_below = n if ui.providers_view() else None
# issue 10, part 1: the finder assesses what YH trains for; the needs in other occupations get
# their own section (shown last, or alone when no YH candidate is left)
outside = ansokningsunderlag.split_by_path(
    ui.assessments(ui.candidate_rows(filters, "ssyk4", [], ""), tuple(pool), thresholds)
)[1]


def show_outside() -> None:
    st.subheader(t("Behov som yrkeshögskolan inte utbildar för"))
    if not outside:
        st.caption(t("Alla behov i urvalet gäller yrken som yrkeshögskolan utbildar för."))
        return
    st.caption(t(ansokningsunderlag.OUTSIDE_NOTE))
    ui.table(
        ansokningsunderlag.outside_yh_table(
            outside,
            ui.query("education_paths"),
            protect_below,
            ui.hidden_candidates(filters, "ssyk4"),
        ),
        column_config={t("Varför"): st.column_config.TextColumn(width="large")},
    )


contributions = ui.candidate_rows(filters, level, group_ssyk4, group_label, yh_only=True)
results = (
    ansokningsunderlag.split_by_path(ui.assessments(contributions, tuple(pool), thresholds))[0]
    if not contributions.empty
    else []
)
results = ui.with_horizon_need(filters, level, results)  # providers: each horizon's figures
if not results:
    st.info(
        t("Inga behov i urvalet att pröva.") if level != "group" else t("Välj yrken till gruppen.")
    )
    show_outside()
    st.stop()
supply = ui.query("yh_supply_by_area", kommunkoder=pool)
municipality_figures = ui.municipality_base(filters)
names = dict(zip(municipality_figures["kommunkod"], municipality_figures["name"], strict=True))
row_names = {**names, **ui.group_names(filters, level)}  # groups of hidden municipalities
verdicts = [a.verdict for a in results]
st.markdown(
    t(
        "**{motivated} motiverade, {near} nära och {not_motivated} ej motiverade** av {total} "
        "kandidater i {municipalities} kommuner ({horizon}).",
        motivated=verdicts.count(assessment.MOTIVATED),
        near=verdicts.count(assessment.NEAR),
        not_motivated=verdicts.count(assessment.NOT_MOTIVATED),
        total=len(results),
        municipalities=len(pool),
        horizon=horizon_label(filters["horizon"]).lower(),
    )
)
show = ui.url_selectbox(
    t("Visa"),
    "visa",
    ["lovande", "alla"],
    "lovande",
    format_func=lambda v: t("Motiverade och nära") if v == "lovande" else t("Alla kandidater"),
)
hidden = ui.hidden_candidates(filters, level)
table = ansokningsunderlag.results_table(results, supply, protect_below, hidden)
# issue 10, part 4: the supply, approval rate and outcomes beside every candidate
table = yh_supply.join_beside(
    table, yh_supply.beside(results, area_supply, approval, outcome, occupation_supply)
)
if show == "lovande":
    table = table[table[t("Bedömning")] != t(assessment.NOT_MOTIVATED)]
ui.table(
    table,
    column_config={t("Skäl"): st.column_config.TextColumn(width="large")},
)
ui.source_note(
    t(
        "Kandidaterna rangordnas inom MYH:s utbildningsområden efter hur väl behovet överstiger "
        "kravet. YH i området: beviljade utbildningar {rounds} med studieort i gruppens kommuner "
        "(varav distans); källa Myndigheten för yrkeshögskolan. Koppling yrke → "
        "utbildningsområde: Kraftsamlings egen, där MYH:s beslut 2018–2025 placerar utbildningar "
        "som leder till yrket. Behov: kompetenskartläggningen, {wave}.",
        rounds=supply["rounds"].iloc[0],
        wave=ui.wave_label(wave),
    ),
    wave,
)
st.caption(ansokningsunderlag.intakes_rule(thresholds))  # issue 10, part 3

st.subheader(t("För litet ensam, tillräckligt tillsammans"))
pooled = ansokningsunderlag.only_pooled(results, row_names, protect_below, hidden)
if pooled.empty:
    st.caption(t("Ingen kandidat är motiverad bara tack vare att kommunerna går samman."))
else:
    st.caption(
        t(
            "Behov som är för små i varje kommun för sig, men som motiverar en ansökan när "
            "kommunerna i gruppen går samman."
        )
    )
    ui.table(pooled)

show_outside()


# The chosen candidate, its map, study locations, supply, auto-pool and downloads: a change of
# candidate, home municipality or study locations reruns this fragment, not the finder above it
# with its assessment of every candidate (issue 15).
@st.fragment
def candidate_view() -> None:
    st.subheader(t("En kandidat"))
    by_id = {a.candidate_id: a for a in results}
    default = next(
        (a.candidate_id for a in results if a.justified_only_pooled), results[0].candidate_id
    )
    candidate_id = ui.url_selectbox(
        t("Kandidat"), "kandidat", list(by_id), default, format_func=lambda c: by_id[c].label
    )
    chosen = by_id[candidate_id]
    picks: list[str] = []  # the user's own study locations (`orter`), also for the pack
    too_few = protect_below is not None and (
        ansokningsunderlag.contributors(chosen) < n or chosen.candidate_id in hidden
    )
    if too_few:
        st.markdown(f"**{chosen.label}: {ansokningsunderlag.verdict(chosen)}.**")
        st.info(
            t("Färre än {n} svarande står bakom kandidaten i gruppen; siffrorna visas inte.", n=n)
        )
    else:
        st.markdown(ansokningsunderlag.verdict_sentence(chosen, row_names, protect_below))
        shown_rows = ui.candidate_contributions(filters, level, chosen)
        left, right = st.columns([3, 2])
        with left:
            ui.chart(
                charts.contribution_map(
                    municipality_figures, shown_rows, pool, t("Behov: {label}", label=chosen.label)
                ),
                zoom=True,
            )
            st.caption(t(BOUNDARY_SOURCE))
        with right:
            ui.table(
                ansokningsunderlag.contributions_table(chosen, row_names, shown_rows, n),
                na_rep=privacy.label(n),
            )
        # issue 10, part 5: study locations and places per location, from the figures shown
        st.markdown(f"**{t('Studieorter och platser')}**")
        if chosen.verdict != assessment.MOTIVATED:
            st.caption(t("Studieorter föreslås för en motiverad kandidat."))
        else:
            st.caption(locations.rule())
            with_need = shown_rows[shown_rows["recruits"].fillna(0) > 0]["kommunkod"]
            picks = ui.url_multiselect(
                t("Egna studieorter (högst tio; tomt = förslaget)"),
                "orter",
                list(with_need),
                format_func=lambda c: names.get(c, c),
                max_selections=locations.MAX_LOCATIONS,
            )
            proposal = locations.propose(
                shown_rows, thresholds.class_size, thresholds.lia_per_student, picks, pool
            )
            if proposal.locations:
                st.markdown(locations.summary(proposal, names))
                ui.table(locations.table(proposal, names))
            else:  # the providers' view, when every municipality's figure is hidden
                st.caption(
                    t(
                        "Behovet per kommun visas inte för kandidaten, så platserna kan inte "
                        "fördelas efter det."
                    )
                )

    show_supply(chosen)  # issue 10, part 4

    st.subheader(t("Automatisk grupp kring en hemkommun"))
    st.caption(
        t(
            "Väx den minsta sammanhängande gruppen av grannkommuner (gemensam gräns i våra "
            "kartdata) kring en hemkommun tills kandidaten är motiverad. Alla 44 kommuner i de "
            "fyra länen kan ingå; övriga filter gäller."
        )
    )
    home = ui.url_selectbox(
        t("Hemkommun"), "hem", sorted(names, key=names.get), "2422", format_func=names.get
    )
    region_contributions = ui.region_candidate_rows(
        filters, level, group_ssyk4, group_label, yh_only=True
    )
    candidate_rows = region_contributions[region_contributions["candidate_id"] == candidate_id]
    auto = ui.auto_pool(
        home,
        (chosen.candidate_id, chosen.label, chosen.education_area),
        candidate_rows,
        thresholds,
    )
    (st.success if auto.found else st.warning)(
        ansokningsunderlag.auto_pool_message(auto, names, shown_only=ui.providers_view())
    )
    if auto.found:
        auto_rows = (
            ansokningsunderlag.protected_contributions(auto.assessment, n)
            if protect_below
            else auto.assessment.contributions
        )
        ui.chart(
            charts.contribution_map(
                municipality_figures,
                auto_rows,
                auto.pool,
                t("Behov: {label}", label=chosen.label),
                highlight=home,
            )
        )
        st.caption(t(BOUNDARY_SOURCE))
        # issue 10, part 5: the group's study locations, proposed as for the chosen candidate
        auto_locations = locations.propose(
            auto_rows, thresholds.class_size, thresholds.lia_per_student, pool=auto.pool
        )
        if auto_locations.locations:
            st.markdown(locations.summary(auto_locations, names))
            ui.table(locations.table(auto_locations, names))

    if too_few:
        st.subheader(t("Underlag att ladda ner"))
        st.info(
            t("Färre än {n} svarande står bakom kandidaten i gruppen; siffrorna visas inte.", n=n)
        )
    else:
        ui.evidence_downloads(
            filters,
            candidate_id,
            chosen.label,
            thresholds,
            group_ssyk4=group_ssyk4,
            group_label=group_label,
            picks=picks,
        )


candidate_view()
