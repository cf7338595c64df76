"""Presentation (?present=1): map → clusters → justified candidates → one candidate's pool."""

import streamlit as st

from kraftsamling import assessment, figures, finder, mapview, privacy, ui
from kraftsamling.i18n import t
from kraftsamling.metrics import METRICS
from kraftsamling.presentation import STEPS, step_number

filters = ui.page_filters()
wave = filters["wave"]
params = filters["params"]
n = privacy.min_respondents()
number = step_number(st.query_params.get("steg"))
step = STEPS[number - 1]
st.query_params["steg"] = str(number)

st.title(t(step.title))
example = f" · **{t(ui.EXAMPLE_BADGE)}**" if wave and wave["is_example"] else ""
st.markdown(f"{t(step.lead)}{example}")
st.caption(
    t(
        "{wave} · {summary} · steg {number} av {steps}",
        wave=ui.wave_label(wave),
        summary=filters["summary"],
        number=number,
        steps=len(STEPS),
    )
)

municipality_figures, region_totals = ui.map_figures(filters)
names = dict(zip(municipality_figures["kommunkod"], municipality_figures["name"], strict=True))
config = {"displaylogo": False, "displayModeBar": False, "staticPlot": False}

if step.key == "karta":
    left, right = st.columns([3, 1])
    with left:
        fig = figures.choropleth(municipality_figures, METRICS["recruits_per_1000"], height=720)
        st.plotly_chart(fig, width="stretch", config=config)
    with right:
        key = mapview.key_figures(municipality_figures, region_totals, "alla", n)
        for label, value, _ in key.rows[:4]:
            st.metric(label, value)
elif step.key == "kluster":
    clusters, _ = ui.cluster_figures(filters)
    st.plotly_chart(
        figures.cluster_bars(clusters.head(10), title="", hidden=privacy.label(n)),
        width="stretch", config=config,
    )  # fmt: skip
else:
    contributions = ui.candidate_rows(filters, "ssyk4", [], "")
    pool = list(filters["selection"].kommunkoder)
    results = ui.assessments(contributions, tuple(pool), assessment.Thresholds())
    justified = [a for a in results if a.verdict == assessment.MOTIVATED]
    protect_below = n if ui.providers_view() else None
    if step.key == "motiverade":
        hidden = ui.hidden_candidates(filters, "ssyk4")
        table = finder.results_table(justified, ui.query("yh_supply_by_area", kommunkoder=pool),
                                     protect_below, hidden)  # fmt: skip
        # On a projector the figures speak; the reasons in words are on the finder page.
        shown = table.drop(columns=[t("Rang"), t("Skäl"), t("Största kommun ensam")])
        ui.table(shown, na_rep=privacy.label(n), height=560)
        pooled = [a.label for a in justified if a.justified_only_pooled]
        if pooled:
            st.markdown(
                t("**För litet ensam, tillräckligt tillsammans:** {candidates}",
                  candidates=", ".join(pooled))
            )  # fmt: skip
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
            st.markdown(finder.verdict_sentence(chosen, names, protect_below))
            rows = finder.protected_contributions(chosen, n) if protect_below else None
            st.plotly_chart(
                figures.contribution_map(
                    municipality_figures,
                    chosen.contributions if rows is None else rows,
                    pool,
                    t("Behov: {label}", label=chosen.label),
                ),
                width="stretch",
                config=config,
            )

previous, middle, following = st.columns([1, 6, 1])
if number > 1 and previous.button(t("← Föregående"), key="prev", width="stretch"):
    st.query_params["steg"] = str(number - 1)
    st.rerun()
if number < len(STEPS) and following.button(t("Nästa →"), key="next", width="stretch"):
    st.query_params["steg"] = str(number + 1)
    st.rerun()
middle.caption(
    t(
        "Källa: kompetenskartläggningen; befolkning SCB; YH-beslut Myndigheten för "
        "yrkeshögskolan; gränser SCB. Lämna presentationsläget: ta bort present=1 ur adressen."
    )
)
