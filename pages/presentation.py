"""Presentation (?present=1): map → clusters → justified candidates → one candidate's pool.
Every step fits the screen (the chart takes what the title and the buttons leave); → and ←
step; the thresholds and filters in the URL apply; `vy=anordnare` shows an administrator the
providers' view. The logic is in kraftsamling.presentation."""

import streamlit as st

from kraftsamling import assessment, presentation, privacy, ui
from kraftsamling import supply as yh_supply
from kraftsamling.i18n import t
from kraftsamling.presentation import step_number
from kraftsamling.views import ansokningsunderlag, karta
from kraftsamling.views import presentation as presentation_words
from kraftsamling.views.presentation import STEPS

filters = ui.page_context()
wave = filters.wave
n = privacy.min_respondents()
number = step_number(st.query_params.get("steg"))
step = STEPS[number - 1]
st.query_params["steg"] = str(number)
providers = ui.providers_view()
hidden_label = privacy.label(n)

header = st.container(key="present_header")
body = st.container(key="present_body", height="stretch")
nav = st.container(key="present_nav", horizontal=True, vertical_alignment="center", wrap=False)

with header:
    st.title(t(step.title))
    example = f" · **{t(ui.EXAMPLE_BADGE)}**" if wave and wave["is_example"] else ""
    view = t("anordnarnas vy") if providers else t("administratörens vy")
    st.markdown(f"{t(step.lead)}{example}")
    st.caption(
        t(
            "{wave} · {summary} · {view} · steg {number} av {steps}",
            wave=ui.wave_label(wave),
            summary=filters.summary,
            view=view,
            number=number,
            steps=len(STEPS),
        )
    )

municipality_figures, region_totals = ui.map_figures(filters)
names = dict(zip(municipality_figures["kommunkod"], municipality_figures["name"], strict=True))

with body:
    if step.key == "karta":
        row = st.container(horizontal=True, height="stretch", key="present_row")
        left = row.container(height="stretch", key="present_map")
        right = row.container(width=320, key="present_figures")
        # an SVG drawn on the server: the first step needs no plotly (issue 14)
        svg = ui.figure(presentation.map_svg, municipality_figures, "recruits_per_1000", names)
        left.image(svg, width="stretch")
        key = karta.key_figures(municipality_figures, region_totals, "alla", n)
        for label, value, _ in key.rows[:4]:
            right.metric(label, value)
    elif step.key == "kluster":
        clusters, _ = ui.cluster_figures(filters)
        supply = yh_supply.area_supply(ui.query, filters.params["kommunkoder"])
        fig = ui.figure(presentation.clusters_figure, clusters, supply, hidden_label)
        ui.chart(fig, projector=True, key="clusters")
        st.caption(
            t(
                "Utbud: beviljade YH-utbildningar i ansökningsomgångarna {rounds} med studieort "
                "i urvalets kommuner (platser per intag), och distansutbildningar i hela landet. "
                "Källa: Myndigheten för yrkeshögskolan.",
                rounds=yh_supply.rounds_label(supply),
            )
        )
    else:
        levels = (
            ansokningsunderlag.PROVIDER_LEVELS if providers else tuple(ansokningsunderlag.LEVELS)
        )
        level = presentation.level_from(st.query_params.to_dict(), levels)
        thresholds = presentation.thresholds_from(st.query_params.to_dict())
        contributions = ui.candidate_rows(filters, level, [], "")
        pool = list(filters.selection.kommunkoder)
        results = ui.assessments(contributions, tuple(pool), thresholds)
        justified = [a for a in results if a.verdict == assessment.MOTIVATED]
        protect_below = n if providers else None
        if step.key == "motiverade":
            hidden = ui.hidden_candidates(filters, level)
            supply = ui.query("yh_supply_by_area", kommunkoder=pool)
            table = ansokningsunderlag.results_table(justified, supply, protect_below, hidden)
            pooled = {a.label for a in justified if a.justified_only_pooled}
            markup, more = presentation_words.candidates_table(table, pooled, hidden_label)
            st.html(markup)
            notes = [ansokningsunderlag.thresholds_text(thresholds)]
            if pooled:
                notes.insert(0, t("★ för litet ensam, tillräckligt tillsammans."))
            if more:
                notes.append(t("{more} motiverade till på sidan Ansökningsunderlag.", more=more))
            st.caption(" ".join(notes))
        else:
            by_id = {a.candidate_id: a for a in justified}
            chosen_id = st.query_params.get("kandidat")
            if chosen_id not in by_id:
                chosen_id = next(
                    (a.candidate_id for a in justified if a.justified_only_pooled),
                    justified[0].candidate_id if justified else None,
                )
            if chosen_id is None:
                st.info(t("Ingen kandidat är motiverad med valda filter."))
            else:
                chosen = by_id[chosen_id]
                st.query_params["kandidat"] = chosen_id
                st.markdown(ansokningsunderlag.verdict_sentence(chosen, names, protect_below))
                # the providers' view: shown municipalities, groups, then the hidden ones
                # (their names are published, their figures are not)
                shown = ui.candidate_contributions(filters, level, chosen)
                fig = ui.figure(
                    presentation.pool_figure,
                    municipality_figures,
                    shown,
                    tuple(pool),
                    t("Behov: {label}", label=chosen.label),
                    names,
                )
                ui.chart(fig, projector=True, key="pool")

with nav:
    # on_click runs before the next run: one run per step, not a run and a rerun
    st.button(
        t("← Föregående"),
        key="prev",
        disabled=number == 1,
        on_click=presentation.step_by,
        args=(-1,),
    )
    st.button(
        t("Nästa →"),
        key="next",
        type="primary",
        disabled=number == len(STEPS),
        on_click=presentation.step_by,
        args=(1,),
    )
    st.caption(
        t(
            "Källa: kompetenskartläggningen; befolkning SCB; YH-beslut Myndigheten för "
            "yrkeshögskolan; gränser SCB. Tangenterna → och ← stegar. Lämna "
            "presentationsläget: ta bort present=1 ur adressen."
        )
    )
    st.html(presentation.script(), unsafe_allow_javascript=True)
