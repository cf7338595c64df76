"""Ansökningsunderlag: where pooled demand justifies a distance-education YH application."""

import streamlit as st

from kraftsamling import assessment, charts, pagecache, privacy, ui, upskilling
from kraftsamling import study_locations as locations
from kraftsamling import supply as yh_supply
from kraftsamling.i18n import t
from kraftsamling.metrics import BOUNDARY_SOURCE
from kraftsamling.views import ansokningsunderlag

filters = ui.page_context()
wave = filters.wave
selection = filters.selection
params = filters.params

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
def supply_figures() -> tuple:
    """(area supply, approval rates, outcomes, each occupation's own supply: issue 10, part 2)
    for the selection's municipalities."""
    pool = list(selection.kommunkoder)
    return (
        yh_supply.area_supply(ui.query, pool),
        yh_supply.approval_rates(ui.query),
        yh_supply.outcomes(ui.query),
        yh_supply.occupation_supply(ui.query, ui.query("yh_programme_matches"), pool),
    )


def show_supply(candidate, figures_of_supply: tuple) -> None:
    """The supply, competition and outcomes of one candidate's education area (and, for an
    occupation, of the programmes that lead to it)."""
    area_supply, approval, outcome, occupation_supply = figures_of_supply
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
    course_supply = supply_figures()
    area_supply, approval, outcome, _ = course_supply
    course_help = {key: t(text) for key, text in upskilling.THRESHOLD_HELP.items()}
    with st.expander(t("Krav för en kurs (ändra för att pröva andra antaganden)"), expanded=True):
        course_thresholds = ui.threshold_inputs(
            upskilling.UpskillingThresholds(),
            [
                ui.ThresholdInput(t("Kursstorlek"), "kurs", "course_size", 5, 100, 1),
                ui.ThresholdInput(
                    t("Marginal för outnyttjade platser (%)"),
                    "kursmarginal",
                    "unused_margin",
                    0,
                    100,
                    5,
                    percent=True,
                ),
                ui.ThresholdInput(
                    t("Minsta antal arbetsgivare"), "kursarbetsgivare", "min_employers", 1, 50, 1
                ),
                ui.ThresholdInput(
                    t("Minsta antal kommuner"), "kurskommuner", "min_municipalities", 1, 44, 1
                ),
            ],
            course_help,
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
        "municipality_figures", **params, education_areas=filters.education_areas
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
    show_supply(course, course_supply)
    ui.evidence_downloads(
        filters, course.candidate_id, course.label, course_thresholds, kind=upskilling.KIND
    )
    st.stop()
# --- end of issue 10, part 6

with st.expander(t("Krav (ändra för att pröva andra antaganden)"), expanded=True):
    thresholds = ui.threshold_inputs(
        assessment.Thresholds(),
        [
            ui.ThresholdInput(t("Klasstorlek"), "klass", "class_size", 5, 100, 1),
            ui.ThresholdInput(
                t("Marginal för avhopp (%)"), "marginal", "dropout_margin", 0, 100, 5, percent=True
            ),
            ui.ThresholdInput(
                t("Minsta antal arbetsgivare"), "arbetsgivare", "min_employers", 1, 50, 1
            ),
            ui.ThresholdInput(
                t("LIA-platser per studerande"), "lia", "lia_per_student", 0.0, 3.0, 0.1
            ),
            ui.ThresholdInput(
                t("Minsta antal kommuner"), "minkommuner", "min_municipalities", 1, 44, 1
            ),
        ],
        help_texts,
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
options = ui.query("filter_options", wave_id=filters.wave_id)
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

# Everything above the chosen candidate, made once per process for the same selection,
# thresholds, view and language (kraftsamling.pagecache; issue 15)
found = pagecache.finder_tables(filters, level, group_ssyk4, group_label, thresholds)
results, names = found.results, found.names
n = privacy.min_respondents()


def show_outside() -> None:
    st.subheader(t("Behov som yrkeshögskolan inte utbildar för"))
    if found.outside_table is None:
        st.caption(t("Alla behov i urvalet gäller yrken som yrkeshögskolan utbildar för."))
        return
    st.caption(t(ansokningsunderlag.OUTSIDE_NOTE))
    ui.table(
        found.outside_table,
        shared_as=f"{found.key}|utanför",
        column_config={t("Varför"): st.column_config.TextColumn(width="large")},
    )


if not results:
    st.info(
        t("Inga behov i urvalet att pröva.") if level != "group" else t("Välj yrken till gruppen.")
    )
    show_outside()
    st.stop()
st.markdown(found.summary)
show = ui.url_selectbox(
    t("Visa"),
    "visa",
    ["lovande", "alla"],
    "lovande",
    format_func=lambda v: t("Motiverade och nära") if v == "lovande" else t("Alla kandidater"),
)
ui.table(
    found.promising if show == "lovande" else found.table,
    shared_as=f"{found.key}|{show}",
    column_config={t("Skäl"): st.column_config.TextColumn(width="large")},
)
ui.source_note(found.source, wave)
st.caption(ansokningsunderlag.intakes_rule(thresholds))  # issue 10, part 3

st.subheader(t("För litet ensam, tillräckligt tillsammans"))
if found.pooled.empty:
    st.caption(t("Ingen kandidat är motiverad bara tack vare att kommunerna går samman."))
else:
    st.caption(
        t(
            "Behov som är för små i varje kommun för sig, men som motiverar en ansökan när "
            "kommunerna i gruppen går samman."
        )
    )
    ui.table(found.pooled, shared_as=f"{found.key}|tillsammans")

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
    # its sentence, map, municipalities and supply, made once per process (issue 15)
    chosen = pagecache.chosen(found, filters, level, candidate_id)
    picks: list[str] = []  # the user's own study locations (`orter`), also for the pack
    st.markdown(chosen.sentence)
    if chosen.too_few:
        st.info(
            t("Färre än {n} svarande står bakom kandidaten i gruppen; siffrorna visas inte.", n=n)
        )
    else:
        left, right = st.columns([3, 2])
        with left:
            ui.chart(chosen.figure, zoom=True, shared_as=chosen.key)
            st.caption(t(BOUNDARY_SOURCE))
        with right:
            ui.table(chosen.table, na_rep=privacy.label(n), shared_as=chosen.key)
        # issue 10, part 5: study locations and places per location, from the figures shown
        st.markdown(f"**{t('Studieorter och platser')}**")
        if chosen.assessment.verdict != assessment.MOTIVATED:
            st.caption(t("Studieorter föreslås för en motiverad kandidat."))
        else:
            st.caption(locations.rule())
            picks = ui.url_multiselect(
                t("Egna studieorter (högst tio; tomt = förslaget)"),
                "orter",
                chosen.with_need,
                format_func=lambda c: names.get(c, c),
                max_selections=locations.MAX_LOCATIONS,
            )
            proposal = pagecache.proposal(found, chosen, picks, thresholds)
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

    # issue 10, part 4: the supply, competition and outcomes of the candidate's education area
    st.markdown(f"**{t('Befintligt utbud, konkurrens och utfall')}**")
    st.markdown(chosen.supply_text)
    if chosen.approval_table is not None:
        ui.table(chosen.approval_table)

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
    auto = pagecache.auto_group(
        found, filters, level, group_ssyk4, group_label, chosen, home, thresholds
    )
    (st.success if auto.result.found else st.warning)(
        ansokningsunderlag.auto_pool_message(auto.result, names, shown_only=ui.providers_view())
    )
    if auto.result.found:
        ui.chart(auto.figure, shared_as=f"{chosen.key}|hem|{home}")
        st.caption(t(BOUNDARY_SOURCE))
        # issue 10, part 5: the group's study locations, proposed as for the chosen candidate
        if auto.locations.locations:
            st.markdown(locations.summary(auto.locations, names))
            ui.table(locations.table(auto.locations, names))

    if chosen.too_few:
        st.subheader(t("Underlag att ladda ner"))
        st.info(
            t("Färre än {n} svarande står bakom kandidaten i gruppen; siffrorna visas inte.", n=n)
        )
    else:
        ui.evidence_downloads(
            filters,
            candidate_id,
            chosen.assessment.label,
            thresholds,
            group_ssyk4=group_ssyk4,
            group_label=group_label,
            picks=picks,
        )


candidate_view()
